//! Delegated keys from the holder's side (`keysmith agent delegate|children|rotate-children|
//! revoke-child`): a key with `delegate` mints, rotates and revokes child keys within its
//! own scope, re-wrapping vault keys from its own grants. No owner password anywhere: how a
//! rotation host renews a fleet.

use super::Ctx;
use super::agent_cmd::{key_exists, settle_staged, with_server};
use super::args::{DelegateArgs, RotateChildrenArgs};
use super::deliver::Target;
use crate::agent::AgentClient;
use crate::error::{Error, Result};
use crate::policy::{self, KeyStatus, Permission};
use crate::render::{self, Format};
use crate::server::api::KeyInfo;
use crate::token::Token;
use serde_json::json;
use std::io::Write;

/// The key as `key show` prints it (which shows no account id nor public key: none needed).
fn view(k: &KeyInfo, now: i64) -> serde_json::Value {
    serde_json::to_value(super::commands::KeyView::new(&k.to_record("", &[]), now)).expect("serializes")
}

pub fn delegate(ctx: &Ctx, a: &DelegateArgs, token: Token, out: &mut dyn Write) -> Result<()> {
    policy::check_label(&a.label)?;
    let target = Target::new(a.child_token_file.as_deref(), None, a.force);
    target.check(None)?;
    let (info, token, file) = with_server(ctx, async |url| {
        if let Some(r) = target.recover_async(async |t: &Token| key_exists(url, t).await).await?.pop() {
            ctx.io.note(&format!("Delivered the token of key {} from an interrupted run to {}.", r.key_id, r.path.display()));
        }
        let parent = AgentClient::new(url, token)?;
        let plan = |p: &crate::store::ApiKey, conn: &crate::agent::Connection| {
            let mut scope = super::wizard::narrowed(&p.scope, &a.scope, |names| names.iter().map(|n| conn.vault(n).map(|v| v.id.clone())).collect())?;
            if a.scope.allow.is_none() {
                scope.permissions.retain(|p| *p != Permission::Delegate);
            }
            // By default the key create default, or less: what is left of this key's life.
            let default = super::wizard::DEFAULT_EXPIRY_SECS;
            let left = crate::owner::delegation_end(p).map_or(default, |end| (end - policy::now()).min(default));
            Ok((scope, super::wizard::expiry(ctx, &a.scope, Some(left))))
        };
        let mut staged = None;
        let result = parent
            .delegate(&a.label, plan, &mut |t: &Token| {
                staged = target.stage(t, &a.label)?;
                Ok(())
            })
            .await;
        let ((info, token), file) = settle_staged(url, result, staged).await?;
        Ok((info, token, file))
    })?;
    let now = policy::now();
    let text = match ctx.format {
        Format::Json => {
            let mut v = view(&info, now);
            v["token"] = match &file {
                Some(_) => serde_json::Value::Null,
                None => json!(token.expose().as_str()),
            };
            v["token_file"] = json!(file.as_ref().map(|p| p.display().to_string()));
            render::json_text(&v)
        }
        Format::Table => match &file {
            None => format!("{}\n", token.expose().as_str()),
            Some(p) => {
                ctx.io.note(&format!(
                    "Key {} (`{}`), a child of {}: token written to {} (mode 0600).",
                    info.id,
                    render::sanitize(&info.label),
                    token_parent(&info),
                    p.display()
                ));
                String::new()
            }
        },
    };
    super::deliver::print(out, &text).map_err(|e| {
        Error::failure(format!("key {} was created but its token could not be written: {}", info.id, e.message()))
            .hint(format!("revoke it with `keysmith agent revoke-child {}` and delegate again with --child-token-file", info.id))
    })
}

fn token_parent(info: &KeyInfo) -> &str {
    info.parent_id.as_deref().unwrap_or("-")
}

pub fn children(ctx: &Ctx, token: Token, out: &mut dyn Write) -> Result<()> {
    let keys = with_server(ctx, async |url| AgentClient::new(url, token)?.children().await)?;
    let now = policy::now();
    match ctx.format {
        Format::Json => render::json(out, &keys.iter().map(|k| view(k, now)).collect::<Vec<_>>())?,
        Format::Table => {
            let rows: Vec<Vec<String>> = keys
                .iter()
                .map(|k| {
                    let until = k.grace_end.or(k.expires_at).map(policy::format_time).unwrap_or_else(|| "never".into());
                    vec![
                        k.id.clone(),
                        render::sanitize(&k.label),
                        k.status.to_string(),
                        k.permissions.iter().map(|p| p.name()).collect::<Vec<_>>().join(","),
                        until,
                    ]
                })
                .collect();
            render::table(out, &["ID", "LABEL", "STATUS", "ALLOW", "UNTIL"], &rows)?;
        }
    }
    Ok(())
}

pub fn rotate_children(ctx: &Ctx, a: &RotateChildrenArgs, token: Token, out: &mut dyn Write) -> Result<()> {
    let target = Target::new(None, Some((&a.token_dir, &a.token_name)), false);
    let done = with_server(ctx, async |url| {
        target.check(None)?;
        for r in target.recover_async(async |t: &Token| key_exists(url, t).await).await? {
            ctx.io.note(&format!("Delivered the token of key {} from an interrupted run to {}.", r.key_id, r.path.display()));
        }
        let parent = AgentClient::new(url, token)?;
        let now = policy::now();
        let due: Vec<KeyInfo> = parent
            .children()
            .await?
            .into_iter()
            .filter(|k| k.status == KeyStatus::Active)
            .filter(|k| a.expiring_within.is_none_or(|w| k.expires_at.is_some_and(|e| e <= now.saturating_add(w))))
            .collect();
        target.check_names(due.iter().map(|k| (k.id.as_str(), k.label.as_str())))?;
        let mut done = Vec::new();
        for child in &due {
            let _critical = super::interrupt::Critical::enter();
            let mut staged = None;
            let result = parent
                .rotate_child(child, a.grace, &mut |t: &Token| {
                    staged = target.stage(t, &child.label)?;
                    Ok(())
                })
                .await;
            let ((resp, _), file) = settle_staged(url, result, staged).await?;
            done.push((resp, file));
        }
        Ok(done)
    })?;
    match ctx.format {
        Format::Json => {
            let rows: Vec<serde_json::Value> = done
                .iter()
                .map(|(r, file)| {
                    json!({
                        "old_id": r.old_key.id,
                        "new_id": r.key.id,
                        "label": r.key.label,
                        "expires_at": r.key.expires_at.map(policy::format_time),
                        "grace_end": r.old_key.grace_end.map(policy::format_time),
                        "token_file": file.as_ref().map(|p| p.display().to_string()),
                    })
                })
                .collect();
            render::json(out, &rows)?;
        }
        Format::Table => {
            for (r, file) in &done {
                let to = file.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
                writeln!(out, "Rotated child {} (`{}`) into {}; token in {to}.", r.old_key.id, render::sanitize(&r.key.label), r.key.id)?;
            }
            if done.is_empty() {
                ctx.io.note("No child key is due.");
            }
        }
    }
    Ok(())
}

pub fn revoke_child(ctx: &Ctx, id: &str, token: Token, out: &mut dyn Write) -> Result<()> {
    let info = with_server(ctx, async |url| AgentClient::new(url, token)?.revoke_child(id).await)?;
    match ctx.format {
        Format::Json => render::json(out, &view(&info, policy::now()))?,
        Format::Table => writeln!(out, "Revoked key {} (`{}`) and every key below it.", info.id, render::sanitize(&info.label))?,
    }
    Ok(())
}
