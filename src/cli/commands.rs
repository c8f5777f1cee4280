//! The commands. Data goes to `out` (stdout); notes, warnings and progress to stderr.

use super::Ctx;
use super::args::{
    AuditCommand, AuditTailArgs, InitArgs, KdfArgs, KdfChoice, KeyCommand, KeyListArgs, LoginArgs, PasswdArgs, ServeArgs, ServeCommand, VaultCommand,
};
use crate::audit::{self, Event, EventFilter};
use crate::backend::{Backend, Session};
use crate::crypto::{self, Kdf, kdf};
use crate::error::{Error, Result};
use crate::owner;
use crate::policy::{self, KeyStatus};
use crate::render::{self, Format};
use crate::session::Saved;
use crate::store::ApiKey;
use serde::Serialize;
use serde_json::json;
use std::io::Write;

impl KdfArgs {
    /// The function the flags ask for, starting from `current` (same algorithm: its
    /// parameters; another: that one's defaults), within keysmith's bounds.
    fn resolve(&self, current: Kdf) -> Result<Kdf> {
        let algorithm = self.kdf.unwrap_or(match current {
            Kdf::Pbkdf2Sha256 { .. } => KdfChoice::Pbkdf2,
            Kdf::Argon2id { .. } => KdfChoice::Argon2id,
        });
        let kdf = match (algorithm, current) {
            (KdfChoice::Pbkdf2, _) if self.kdf_memory.is_some() || self.kdf_parallelism.is_some() => {
                return Err(Error::usage("--kdf-memory and --kdf-parallelism are Argon2id's").hint("add --kdf argon2id"));
            }
            (KdfChoice::Pbkdf2, Kdf::Pbkdf2Sha256 { iterations }) => Kdf::Pbkdf2Sha256 { iterations: self.iterations.unwrap_or(iterations) },
            (KdfChoice::Pbkdf2, _) => Kdf::Pbkdf2Sha256 { iterations: self.iterations.unwrap_or(crypto::PBKDF2_MIN_ITERATIONS) },
            (KdfChoice::Argon2id, Kdf::Argon2id { memory_kib, iterations, parallelism }) => self.argon2id(memory_kib, iterations, parallelism),
            (KdfChoice::Argon2id, _) => self.argon2id(kdf::ARGON2_DEFAULT_MEMORY_KIB, kdf::ARGON2_DEFAULT_ITERATIONS, kdf::ARGON2_DEFAULT_PARALLELISM),
        };
        kdf.check().map_err(|e| Error::usage(e).hint("see `keysmith help init` for the bounds"))?;
        Ok(kdf)
    }

    fn argon2id(&self, memory_kib: u32, iterations: u32, parallelism: u32) -> Kdf {
        Kdf::Argon2id {
            memory_kib: self.kdf_memory.unwrap_or(memory_kib),
            iterations: self.iterations.unwrap_or(iterations),
            parallelism: self.kdf_parallelism.unwrap_or(parallelism),
        }
    }
}

/// The invite code from `--invite-file` or `$KEYSMITH_INVITE`, if either is given.
fn read_invite(a: &InitArgs) -> Result<Option<zeroize::Zeroizing<String>>> {
    let code = match &a.invite_file {
        Some(p) => zeroize::Zeroizing::new(
            std::fs::read_to_string(p)
                .map_err(|e| Error::usage(format!("cannot read the invite file {}: {e}", p.display())).hint("pass the file the operator gave you"))?,
        ),
        None => match std::env::var("KEYSMITH_INVITE") {
            Ok(v) => zeroize::Zeroizing::new(v),
            Err(_) => return Ok(None),
        },
    };
    if crate::server::invite::verifier(&code).is_none() {
        return Err(Error::usage("the invite code is malformed").hint("it looks like ksi_ followed by 64 hex characters"));
    }
    Ok(Some(zeroize::Zeroizing::new(code.trim().to_string())))
}

pub fn init(ctx: &Ctx, a: &InitArgs, out: &mut dyn Write) -> Result<()> {
    let kdf = a.kdf.resolve(Kdf::DEFAULT)?;
    policy::check_vault_name(&a.vault)?;
    let invite = read_invite(a)?;
    let backend = ctx.backend()?;
    let place = ctx.server.clone().unwrap_or_else(|| ctx.data_dir.display().to_string());
    match backend.kdf_params(None) {
        Ok(_) => {
            return Err(Error::failure(format!("an account already exists in {place}"))
                .hint("use it (e.g. `keysmith key list`), or pass another --data-dir to start afresh"));
        }
        Err(e) if e.kind() == crate::error::Kind::Usage => {}
        Err(e) => return Err(e),
    }
    ctx.io.note(&format!("Creating a keysmith account in {place}"));
    ctx.io.note("Choose a strong password. It never leaves this machine and cannot be recovered.");
    let password = ctx.io.new_password(&["keysmith", &a.vault])?;
    let spinner = ctx.io.spinner(&format!("Deriving keys ({kdf})…"));
    let result = owner::init(backend.as_ref(), password.as_bytes(), kdf, &a.vault, invite.as_ref().map(|i| i.as_str()));
    spinner.finish_and_clear();
    let (unlocked, vault_id) = result?;
    ctx.remember_account(unlocked.id());
    match ctx.format {
        Format::Json => render::json(
            out,
            &json!({
                "account_id": unlocked.id(),
                "backend": place,
                "vault": { "id": vault_id, "name": a.vault },
            }),
        )?,
        Format::Table => {
            writeln!(out, "Created account {} with vault `{}` ({vault_id}).", unlocked.id(), render::sanitize(&a.vault))?;
            ctx.io.note("Next: mint a key for an agent with `keysmith key create`.");
        }
    }
    Ok(())
}

pub fn login(ctx: &Ctx, a: &LoginArgs, out: &mut dyn Write) -> Result<()> {
    let ttl = a.ttl;
    let backend = ctx.backend()?;
    let unlocked = ctx.unlock_for(backend.as_ref(), ttl)?;
    let expires_at = unlocked.session.expires_at;
    let saved = ctx.sessions().save(&unlocked.session)?;
    let (where_, fallback) = match &saved {
        Saved::Keyring => ("the OS keyring".to_string(), None),
        Saved::File(p, reason) => (p.display().to_string(), reason.clone()),
    };
    if let Some(reason) = fallback {
        ctx.io.warn(&format!("the OS keyring is not usable here ({}); the session is kept in a 0600 file instead", render::sanitize(&reason)));
    }
    match ctx.format {
        Format::Json => render::json(out, &json!({ "expires_at": policy::format_time(expires_at), "stored_in": where_ }))?,
        Format::Table => writeln!(out, "Logged in until {} (session kept in {where_}).", policy::format_time(expires_at))?,
    }
    Ok(())
}

pub fn logout(ctx: &Ctx, out: &mut dyn Write) -> Result<()> {
    let cache = ctx.sessions();
    let had = cache.load(policy::now());
    if let Some(s) = &had {
        ctx.backend()?.logout(s)?;
    }
    cache.clear();
    match ctx.format {
        Format::Json => render::json(out, &json!({ "logged_out": had.is_some() }))?,
        Format::Table => writeln!(out, "{}", if had.is_some() { "Logged out." } else { "No session was cached." })?,
    }
    Ok(())
}

pub fn vault(ctx: &Ctx, c: &VaultCommand, out: &mut dyn Write) -> Result<()> {
    let backend = ctx.backend()?;
    let backend = backend.as_ref();
    match c {
        VaultCommand::Create { name } => {
            policy::check_vault_name(name)?;
            let unlocked = ctx.unlock(backend)?;
            if unlocked.vaults(backend)?.iter().any(|(_, i)| &i.name == name) {
                return Err(Error::failure(format!("a vault named `{}` already exists", render::sanitize(name))).hint("choose another name"));
            }
            let id = unlocked.create_vault(backend, name)?;
            match ctx.format {
                Format::Json => render::json(out, &json!({ "id": id, "name": name }))?,
                Format::Table => writeln!(out, "Created vault `{}` ({id}).", render::sanitize(name))?,
            }
        }
        VaultCommand::Rm { vault, yes } => return super::agent_cmd::vault_rm(ctx, backend, vault, *yes, out),
        VaultCommand::Check => return super::agent_cmd::vault_check(ctx, backend, out),
        VaultCommand::Rekey { vaults } => {
            let unlocked = ctx.unlock(backend)?;
            let ids = unlocked.resolve_vaults(backend, vaults)?;
            let keys = backend.list_keys(&unlocked.session)?;
            let done = rekey(ctx, backend, &unlocked, &keys, &ids, &[])?;
            print_rekeyed(ctx, &done, &[], out)?;
        }
        VaultCommand::List => {
            let unlocked = ctx.unlock(backend)?;
            let vaults: Vec<_> = unlocked.vaults(backend)?.into_iter().map(|(_, i)| i).collect();
            match ctx.format {
                Format::Json => render::json(out, &vaults)?,
                Format::Table => {
                    let rows: Vec<Vec<String>> = vaults
                        .iter()
                        .map(|v| {
                            vec![v.id.clone(), render::name_or_damaged(&v.name, v.damaged.is_some()), v.created_by.clone(), policy::format_time(v.created_at)]
                        })
                        .collect();
                    render::table(out, &["ID", "NAME", "CREATED BY", "CREATED"], &rows)?;
                }
            }
            out.flush()?;
            Error::damaged_items("vault", vaults.iter().filter_map(|v| Some((v.id.as_str(), v.damaged.as_deref()?))))?;
        }
    }
    Ok(())
}

/// A key as every command shows it (`key show`, `key list`, `agent connect`): one shape,
/// times in RFC 3339.
#[derive(Serialize)]
pub(super) struct KeyView<'a> {
    id: &'a str,
    label: &'a str,
    status: KeyStatus,
    permissions: Vec<&'static str>,
    vaults: &'a [String],
    rate_limit: Option<String>,
    bytes_per_day: Option<u64>,
    expires_at: Option<String>,
    grace_end: Option<String>,
    created_at: String,
    last_used_at: Option<String>,
    revoked_at: Option<String>,
    rotated_from: Option<&'a str>,
    rotated_to: Option<&'a str>,
    /// The key that minted this one (a delegated key).
    parent_id: Option<&'a str>,
    write_only: bool,
}

impl<'a> KeyView<'a> {
    pub(super) fn new(k: &'a ApiKey, now: i64) -> Self {
        KeyView {
            id: &k.id,
            label: &k.label,
            status: k.status(now),
            permissions: k.scope.permissions.iter().map(|p| p.name()).collect(),
            vaults: &k.scope.vaults,
            rate_limit: k.scope.rate_limit.map(|r| r.to_string()),
            bytes_per_day: k.scope.bytes_per_day,
            expires_at: k.expires_at.map(policy::format_time),
            created_at: policy::format_time(k.created_at),
            last_used_at: k.last_used_at.map(policy::format_time),
            revoked_at: k.revoked_at.map(policy::format_time),
            rotated_from: k.rotated_from.as_deref(),
            rotated_to: k.rotated_to.as_deref(),
            grace_end: k.grace_end.map(policy::format_time),
            parent_id: k.parent_id.as_deref(),
            write_only: k.scope.write_only,
        }
    }
}

pub fn key(ctx: &Ctx, c: &KeyCommand, out: &mut dyn Write) -> Result<()> {
    match c {
        KeyCommand::Create(a) => super::mint::key_create(ctx, a, out),
        KeyCommand::List(a) => key_list(ctx, a, out),
        KeyCommand::Show { key } => {
            let backend = ctx.backend()?;
            let k = backend.get_key(&ctx.session(backend.as_ref())?, key)?;
            let view = KeyView::new(&k, policy::now());
            match ctx.format {
                Format::Json => render::json(out, &view)?,
                Format::Table => {
                    let v = serde_json::to_value(&view).expect("serializes");
                    let rows: Vec<Vec<String>> = v
                        .as_object()
                        .expect("object")
                        .iter()
                        .map(|(k, v)| {
                            let shown = match v {
                                serde_json::Value::Null => "-".to_string(),
                                serde_json::Value::Number(n) if k == "bytes_per_day" => n.as_u64().map(render::bytes).unwrap_or_else(|| n.to_string()),
                                serde_json::Value::String(s) => s.clone(),
                                serde_json::Value::Array(a) => {
                                    a.iter().map(|x| x.as_str().map(str::to_string).unwrap_or_else(|| x.to_string())).collect::<Vec<_>>().join(", ")
                                }
                                other => other.to_string(),
                            };
                            vec![k.replace('_', " "), shown]
                        })
                        .collect();
                    render::table(out, &["FIELD", "VALUE"], &rows)?;
                }
            }
            Ok(())
        }
        KeyCommand::Revoke { keys, yes, rekey: true } => {
            let backend = ctx.backend()?;
            let unlocked = ctx.unlock(backend.as_ref())?;
            let all = backend.list_keys(&unlocked.session)?;
            let targets = resolve_keys(&all, keys)?;
            let revoked = crate::owner::with_descendants(&all, &targets.iter().map(|k| k.id.clone()).collect::<Vec<_>>());
            let mut vaults: Vec<String> = all.iter().filter(|k| revoked.contains(&k.id)).flat_map(|k| k.scope.vaults.clone()).collect();
            vaults.sort();
            vaults.dedup();
            if !yes {
                let below = revoked.len() - targets.len();
                let names: Vec<String> = targets.iter().map(|k| format!("{} (`{}`)", k.id, render::sanitize(&k.label))).collect();
                let also = if below > 0 { format!(" and the {below} key(s) below them") } else { String::new() };
                let question =
                    format!("Revoke {}{also}, and rekey {} vault(s)? Agents using them fail from their next request", names.join(", "), vaults.len());
                if !ctx.io.confirm(&question, "--yes")? {
                    return Err(Error::failure("cancelled; nothing was revoked"));
                }
            }
            let done = if vaults.is_empty() {
                // No vault to rekey: a plain revocation of each.
                for id in &revoked {
                    backend.revoke_key(&unlocked.session, id)?;
                }
                Vec::new()
            } else {
                rekey(ctx, backend.as_ref(), &unlocked, &all, &vaults, &revoked)?
            };
            print_rekeyed(ctx, &done, &revoked, out)
        }
        KeyCommand::Revoke { keys, yes, rekey: false } => {
            let backend = ctx.backend()?;
            let session = ctx.session(backend.as_ref())?;
            // Every id is resolved before anything is revoked: a typo revokes nothing.
            let targets = resolve_keys(&backend.list_keys(&session)?, keys)?;
            let live: Vec<&ApiKey> = targets.iter().filter(|k| k.revoked_at.is_none()).collect();
            for k in targets.iter().filter(|k| k.revoked_at.is_some()) {
                ctx.io.note(&format!("Key {} was already revoked.", k.id));
            }
            if !live.is_empty() && !yes {
                let names: Vec<String> = live.iter().map(|k| format!("{} (`{}`)", k.id, render::sanitize(&k.label))).collect();
                let what = if live.len() == 1 { format!("key {}", names[0]) } else { format!("{} keys: {}", live.len(), names.join(", ")) };
                if !ctx.io.confirm(&format!("Revoke {what}? Agents using them fail from their next request"), "--yes")? {
                    return Err(Error::failure("cancelled; nothing was revoked"));
                }
            }
            let mut done = Vec::new();
            for k in targets {
                done.push(if k.revoked_at.is_some() { k } else { backend.revoke_key(&session, &k.id)? });
            }
            let now = policy::now();
            match ctx.format {
                // One named key: its object; several: an array of the same objects (as `key rotate`).
                Format::Json if keys.len() == 1 => render::json(out, &KeyView::new(&done[0], now))?,
                Format::Json => render::json(out, &done.iter().map(|k| KeyView::new(k, now)).collect::<Vec<_>>())?,
                Format::Table => {
                    for k in &done {
                        writeln!(out, "Revoked key {} (`{}`).", k.id, render::sanitize(&k.label))?;
                    }
                }
            }
            Ok(())
        }
        KeyCommand::Rotate(a) => super::mint::key_rotate(ctx, a, out),
        KeyCommand::Usage(a) => super::usage::key_usage(ctx, a, out),
    }
}

/// Rekeys `vaults` (revoking `revoke` in the same commit; `keys` are the account's), with a
/// progress bar over the keys granted the new versions.
fn rekey(
    ctx: &Ctx,
    backend: &dyn crate::backend::Backend,
    unlocked: &crate::owner::Unlocked,
    keys: &[ApiKey],
    vaults: &[String],
    revoke: &[String],
) -> Result<Vec<(String, u32, usize)>> {
    let progress = ctx.io.progress(0, "Granting the new vault keys");
    let done = unlocked.rekey(backend, keys, vaults, revoke, &|done, total| {
        progress.set_length(total);
        progress.set_position(done);
    });
    progress.finish_and_clear();
    done
}

fn print_rekeyed(ctx: &Ctx, done: &[(String, u32, usize)], revoked: &[String], out: &mut dyn Write) -> Result<()> {
    match ctx.format {
        Format::Json => render::json(
            out,
            &json!({
                "revoked": revoked,
                "vaults": done.iter().map(|(id, version, keys)| json!({ "id": id, "key_version": version, "keys": keys })).collect::<Vec<_>>(),
            }),
        )?,
        Format::Table => {
            for id in revoked {
                writeln!(out, "Revoked key {id}.")?;
            }
            for (id, version, keys) in done {
                writeln!(
                    out,
                    "Vault {id} is at key version {version}; {keys} key(s) hold the new key. Files written from now on are unreadable to older keys."
                )?;
            }
        }
    }
    Ok(())
}

/// The keys `wanted` names, each by id or by a unique prefix of 4 or more characters, once each.
pub(super) fn resolve_keys(all: &[ApiKey], wanted: &[String]) -> Result<Vec<ApiKey>> {
    let mut found: Vec<ApiKey> = Vec::new();
    for w in wanted {
        let matches: Vec<&ApiKey> = match all.iter().find(|k| &k.id == w) {
            Some(k) => vec![k],
            None if w.len() >= 4 => all.iter().filter(|k| k.id.starts_with(w.as_str())).collect(),
            None => Vec::new(),
        };
        let k = match matches.as_slice() {
            [k] => *k,
            [] => return Err(Error::not_found(format!("no key {}", render::sanitize(w))).hint("`keysmith key list` shows the keys")),
            many => {
                let ids: Vec<&str> = many.iter().map(|k| k.id.as_str()).collect();
                return Err(
                    Error::usage(format!("`{}` is the start of {} keys: {}", render::sanitize(w), many.len(), ids.join(", "))).hint("type more of the id")
                );
            }
        };
        if !found.iter().any(|f| f.id == k.id) {
            found.push(k.clone());
        }
    }
    Ok(found)
}

/// Keys with each delegated key right after its parent (and its depth below a key whose
/// parent is not in the list), otherwise in the order given.
fn family_order(keys: Vec<ApiKey>) -> Vec<(ApiKey, usize)> {
    let ids: std::collections::HashSet<String> = keys.iter().map(|k| k.id.clone()).collect();
    let is_root = |k: &ApiKey| k.parent_id.as_ref().is_none_or(|p| !ids.contains(p));
    let mut out: Vec<(ApiKey, usize)> = Vec::with_capacity(keys.len());
    let mut stack: Vec<(&ApiKey, usize)> = keys.iter().filter(|k| is_root(k)).rev().map(|k| (k, 0)).collect();
    while let Some((k, depth)) = stack.pop() {
        if out.iter().any(|(o, _)| o.id == k.id) {
            continue;
        }
        out.push((k.clone(), depth));
        stack.extend(keys.iter().filter(|c| c.parent_id.as_deref() == Some(k.id.as_str())).rev().map(|c| (c, depth + 1)));
    }
    // Keys in a loop of parents (only a damaged store holds one) still show.
    for k in &keys {
        if !out.iter().any(|(o, _)| o.id == k.id) {
            out.push((k.clone(), 0));
        }
    }
    out
}

fn key_list(ctx: &Ctx, a: &KeyListArgs, out: &mut dyn Write) -> Result<()> {
    let backend = ctx.backend()?;
    let now = policy::now();
    let keys: Vec<ApiKey> = backend
        .list_keys(&ctx.session(backend.as_ref())?)?
        .into_iter()
        .filter(|k| a.status.is_empty() || a.status.contains(&k.status(now)))
        .filter(|k| a.expiring_within.is_none_or(|within| k.expires_within(now, within)))
        .filter(|k| a.label.as_ref().is_none_or(|l| &k.label == l))
        .filter(|k| a.idle.is_none_or(|secs| super::usage::is_idle(k, now, secs)))
        .collect();
    // Delegated keys under their parents (in the table, indented by depth).
    let keys = family_order(keys);
    match ctx.format {
        Format::Json => render::json(out, &keys.iter().map(|(k, _)| KeyView::new(k, now)).collect::<Vec<_>>())?,
        Format::Table => {
            let rows: Vec<Vec<String>> = keys
                .iter()
                .map(|(k, depth)| {
                    let status = k.status(now);
                    let until = match status {
                        KeyStatus::Grace => k.grace_end.map(policy::format_time).map(|t| format!("{t} (grace)")),
                        _ => k.expires_at.map(policy::format_time),
                    };
                    let label = if *depth == 0 { k.label.clone() } else { format!("{}└ {}", "  ".repeat(depth - 1), k.label) };
                    vec![
                        k.id.clone(),
                        label,
                        status.to_string(),
                        k.scope.permissions.iter().map(|p| p.name()).collect::<Vec<_>>().join(",") + if k.scope.write_only { " (write-only)" } else { "" },
                        k.scope.vaults.len().to_string(),
                        until.unwrap_or_else(|| "never".into()),
                        k.last_used_at.map(policy::format_time).unwrap_or_else(|| "-".into()),
                    ]
                })
                .collect();
            render::table(out, &["ID", "LABEL", "STATUS", "ALLOW", "VAULTS", "EXPIRES", "LAST USED"], &rows)?;
        }
    }
    Ok(())
}

pub fn passwd(ctx: &Ctx, a: &PasswdArgs, out: &mut dyn Write) -> Result<()> {
    // With --kdf the flags are checked before the password is asked; without it they
    // adjust the account's own function, known once unlocked.
    if a.kdf.kdf.is_some() {
        a.kdf.resolve(Kdf::DEFAULT)?;
    }
    let backend = ctx.backend()?;
    let unlocked = ctx.unlock(backend.as_ref())?;
    let kdf = a.kdf.resolve(unlocked.account.kdf)?;
    let new_password = ctx.io.new_password(&["keysmith"])?;
    let spinner = ctx.io.spinner(&format!("Deriving keys ({kdf})…"));
    let result = unlocked.change_password(backend.as_ref(), new_password.as_bytes(), kdf);
    spinner.finish_and_clear();
    result?;
    ctx.sessions().clear();
    match ctx.format {
        Format::Json => {
            let mut doc = json!({ "changed": true });
            doc.as_object_mut().expect("an object").extend(serde_json::to_value(kdf).expect("serializes").as_object().expect("an object").clone());
            render::json(out, &doc)?
        }
        Format::Table => writeln!(out, "Password changed. Sessions were ended; agent keys are unaffected.")?,
    }
    Ok(())
}

#[derive(Serialize)]
struct EventView<'a> {
    seq: i64,
    time: String,
    event: &'a str,
    actor: &'a str,
    key_id: Option<&'a str>,
    key_label: Option<&'a str>,
    vault_id: Option<&'a str>,
    file_id: Option<&'a str>,
    size: Option<u64>,
    outcome: &'static str,
    reason: Option<&'a str>,
    hash: String,
}

impl<'a> From<&'a Event> for EventView<'a> {
    fn from(e: &'a Event) -> Self {
        EventView {
            seq: e.seq,
            time: policy::format_time(e.time),
            event: &e.body.event,
            actor: &e.body.actor,
            key_id: e.body.key_id.as_deref(),
            key_label: e.body.key_label.as_deref(),
            vault_id: e.body.vault_id.as_deref(),
            file_id: e.body.file_id.as_deref(),
            size: e.body.size,
            outcome: e.body.outcome.name(),
            reason: e.body.reason.as_deref(),
            hash: hex::encode(&e.hash),
        }
    }
}

fn print_events(ctx: &Ctx, events: &[Event], header: bool, out: &mut dyn Write) -> Result<()> {
    match ctx.format {
        Format::Json => {
            for e in events {
                out.write_all(render::json_line(&EventView::from(e)).as_bytes())?;
            }
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = events
                .iter()
                .map(|e| {
                    let key = match (&e.body.key_id, &e.body.key_label) {
                        (Some(id), Some(l)) => format!("{id} ({l})"),
                        (Some(id), None) => id.clone(),
                        _ => "-".into(),
                    };
                    vec![
                        e.seq.to_string(),
                        policy::format_time(e.time),
                        e.body.event.clone(),
                        e.body.actor.clone(),
                        key,
                        e.body.vault_id.clone().unwrap_or_else(|| "-".into()),
                        e.body.outcome.name().to_string(),
                        e.body.reason.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            if header {
                render::table(out, &["SEQ", "TIME", "EVENT", "ACTOR", "KEY", "VAULT", "OUTCOME", "DETAIL"], &rows)?;
            } else {
                for r in rows {
                    writeln!(out, "{}", r.iter().map(|c| render::sanitize(c)).collect::<Vec<_>>().join("  "))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}

pub fn audit(ctx: &Ctx, c: &AuditCommand, out: &mut dyn Write) -> Result<()> {
    let backend = ctx.backend()?;
    let backend = backend.as_ref();
    match c {
        AuditCommand::Tail(a) => audit_tail(ctx, backend, a, out),
        AuditCommand::Verify => {
            let session = ctx.session(backend)?;
            let progress = ctx.io.spinner("Verifying the audit chain…");
            let report = audit::verify(backend, &session, |n| progress.set_message(format!("Verifying the audit chain… {n} events")));
            progress.finish_and_clear();
            let report = match report {
                // The verdict is the data here: a broken chain is `"ok": false` on stdout too.
                Err(e) if ctx.format == Format::Json && e.kind() == crate::error::Kind::Integrity => {
                    render::json(out, &json!({ "ok": false, "error": e.to_json() }))?;
                    return Err(e);
                }
                report => report?,
            };
            match ctx.format {
                Format::Json => render::json(out, &json!({ "ok": true, "events": report.events, "head": hex::encode(&report.head) }))?,
                Format::Table => writeln!(out, "Audit chain intact: {} events, head {}.", report.events, hex::encode(&report.head))?,
            }
            Ok(())
        }
    }
}

fn audit_tail(ctx: &Ctx, backend: &dyn Backend, a: &AuditTailArgs, out: &mut dyn Write) -> Result<()> {
    // A vault name is decrypted here, which takes the password; an id does not.
    let (mut session, mut unlocked, vault_id) = match &a.vault {
        Some(v) if !crate::token::is_id(v) => {
            let u = ctx.unlock(backend)?;
            let id = u.resolve_vaults(backend, std::slice::from_ref(v))?.pop();
            (u.session.clone(), Some(u), id)
        }
        v => (ctx.session(backend)?, None, v.clone()),
    };
    let list = |names: &[String]| (!names.is_empty()).then(|| names.join(","));
    let mut filter = EventFilter {
        key_id: a.key.clone(),
        vault_id,
        event: list(&a.event),
        exclude_event: list(&a.exclude_event),
        actor: a.actor.clone(),
        outcome: a.outcome,
        hide_routine: !a.all,
        since: a.since,
        until: a.until,
        after_seq: a.after,
        // One more than shown: whether -n cut the result.
        limit: Some(a.lines.saturating_add(1)),
        ascending: false,
        wait_secs: None,
    };
    let mut events = backend.audit_events(&session, &filter)?;
    let cut = events.len() > a.lines;
    if cut {
        events.drain(..events.len() - a.lines);
    }
    print_events(ctx, &events, true, out)?;
    if cut {
        let unfiltered = EventFilter { limit: None, ..filter.clone() } == EventFilter::default();
        let total = if unfiltered { backend.audit_head(&session)?.map(|(seq, _)| seq) } else { None };
        let routine = if filter.hide_routine { "; --all shows routine logins" } else { "" };
        ctx.io.note(&match total {
            Some(total) => format!("{} of {total} events; -n N shows more", events.len()),
            None => format!("the newest {} matching events; older ones exist (-n N shows more{routine})", events.len()),
        });
    }
    if !a.follow {
        return Ok(());
    }
    // Follow: long-poll for events after the newest one seen (the whole chain, not the
    // page). When the session ends, an unlocked account logs in again; a cached session
    // asks for the password at a terminal, and otherwise says how to resume.
    let mut last = backend.audit_head(&session)?.map(|(seq, _)| seq).unwrap_or(0).max(a.after.unwrap_or(0));
    filter.limit = None;
    filter.wait_secs = Some(10);
    loop {
        filter.after_seq = Some(last);
        let polled = backend.audit_events(&session, &filter).and_then(|new| {
            // Nothing new that matches: skip what the chain gained meanwhile.
            let head = if new.is_empty() { backend.audit_head(&session)?.map(|(seq, _)| seq) } else { None };
            Ok((new, head))
        });
        match polled {
            Err(e) if e.kind() == crate::error::Kind::Auth => {
                let resume = format!("run `keysmith login`, then `keysmith audit tail -f --after {last}` to go on from event {last}");
                (session, unlocked) = renew(ctx, backend, unlocked).map_err(|e| e.hint(resume))?;
            }
            Err(e) => return Err(e),
            Ok((new, head)) => match new.last() {
                Some(e) => {
                    last = e.seq;
                    print_events(ctx, &new, false, out)?;
                }
                None => {
                    last = last.max(head.unwrap_or(0));
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
            },
        }
    }
}

/// A new session for a command that outlived its own: the unlocked account logs in again
/// with what it derived from the password; otherwise the password is asked for (only at
/// a terminal).
fn renew(ctx: &Ctx, backend: &dyn Backend, unlocked: Option<crate::owner::Unlocked>) -> Result<(Session, Option<crate::owner::Unlocked>)> {
    let u = match unlocked {
        Some(mut u) => {
            u.renew(backend, crate::backend::COMMAND_SESSION_SECS)?;
            u
        }
        None if ctx.io.interactive() => {
            ctx.io.note("The session ended; enter the password to go on following.");
            ctx.unlock(backend)?
        }
        None => return Err(Error::auth("the session ended while following the audit trail")),
    };
    Ok((u.session.clone(), Some(u)))
}

/// `keysmith serve`, or its operator commands.
pub fn serve(ctx: &Ctx, a: &ServeArgs, out: &mut dyn Write) -> Result<()> {
    // Checked here rather than by clap, whose error would echo the value (and its password).
    if let Some(url) = &a.database
        && !(url.starts_with("postgres://") || url.starts_with("postgresql://"))
    {
        return Err(Error::usage("--database (KEYSMITH_DATABASE_URL) must be a PostgreSQL URL: postgres://USER@HOST:PORT/DB")
            .hint("without it, serve keeps its state in SQLite in the data dir"));
    }
    match &a.command {
        None => {
            let config = crate::server::Config {
                data_dir: ctx.data_dir.clone(),
                database: a.database.clone(),
                blobs: a.blobs.clone(),
                registration: a.registration,
                access_log: true,
            };
            crate::server::serve(&config, &a.listen, out)
        }
        Some(ServeCommand::Invite(i)) => {
            let (code, verifier) = crate::server::invite::new_code();
            let expires_at = policy::now() + i.expires_in;
            let ev = crate::audit::NewEvent::unattributed("system", "server.invite").reason(&format!("valid until {}", policy::format_time(expires_at)));
            server_store(ctx, a, |store| store.create_invite(&verifier, expires_at, &[ev]))?;
            match ctx.format {
                Format::Json => render::json(out, &json!({ "invite": code.as_str(), "expires_at": policy::format_time(expires_at) }))?,
                Format::Table => {
                    writeln!(out, "{}", code.as_str())?;
                    ctx.io.note(&format!(
                        "Single use, valid until {}. The new owner runs: keysmith --server URL init --invite-file FILE",
                        policy::format_time(expires_at)
                    ));
                }
            }
            Ok(())
        }
        Some(ServeCommand::Audit { lines }) => {
            let chain = audit::SERVER_CHAIN;
            let (report, events) = server_store(ctx, a, |store| {
                let report = audit::verify_chain(|| store.audit_head(chain), |f| store.query_events(chain, f), |_| {})?;
                Ok((report, store.query_events(chain, &EventFilter { limit: Some(*lines), ..Default::default() })?))
            })?;
            print_events(ctx, &events, true, out)?;
            ctx.io.note(&format!("The server's audit chain is intact: {} events, head {}.", report.events, hex::encode(&report.head)));
            Ok(())
        }
    }
}

/// Runs `f` on the server's store: `--database`, else the SQLite store in the data dir.
fn server_store<T>(ctx: &Ctx, a: &ServeArgs, f: impl FnOnce(&dyn crate::store::Store) -> Result<T>) -> Result<T> {
    match &a.database {
        Some(url) => {
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
            let _context = rt.enter();
            f(&crate::store::postgres::PgStore::connect(url, rt.handle().clone())?)
        }
        None => f(ctx.store()?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str) -> ApiKey {
        serde_json::from_value(serde_json::json!({
            "id": id, "account_id": "a", "label": "l", "public_key": "", "created_at": 0,
            "scope": {"permissions": [], "vaults": [], "rate_limit": null, "bytes_per_day": null},
            "expires_at": null, "last_used_at": null, "revoked_at": null, "rotated_from": null, "rotated_to": null, "grace_end": null,
        }))
        .unwrap()
    }

    #[test]
    fn keys_resolve_by_id_or_unique_prefix_of_four_or_more() {
        let all = [key("abcd000000000001"), key("abcd000000000002"), key("ffee000000000003")];
        let ids = |wanted: &[&str]| {
            resolve_keys(&all, &wanted.iter().map(|w| w.to_string()).collect::<Vec<_>>()).map(|v| v.into_iter().map(|k| k.id).collect::<Vec<_>>())
        };
        assert_eq!(ids(&["ffee"]).unwrap(), ["ffee000000000003"]);
        assert_eq!(ids(&["abcd000000000002", "ffee0", "ffee000000000003"]).unwrap(), ["abcd000000000002", "ffee000000000003"]);
        let ambiguous = ids(&["ffee", "abcd"]).unwrap_err();
        assert_eq!(ambiguous.kind(), crate::error::Kind::Usage);
        assert!(ambiguous.message().contains("abcd000000000001, abcd000000000002"), "{}", ambiguous.message());
        assert_eq!(ids(&["ffe"]).unwrap_err().kind(), crate::error::Kind::NotFound, "3 characters are not a prefix");
        assert_eq!(ids(&["0000"]).unwrap_err().kind(), crate::error::Kind::NotFound);
    }
}
