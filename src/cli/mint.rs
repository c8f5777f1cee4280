//! `key create` and `key rotate`: the commands that mint tokens. Each one delivers its
//! token or leaves no trace (see [`super::deliver`]): flags and destinations are checked
//! before the password is asked for, a token bound for a file is written before its key
//! exists, a killed run is finished by the next run of the same command, and Ctrl-C
//! stops a bulk rotation at a key boundary with what was done so far reported.

use super::Ctx;
use super::args::{KeyCreateArgs, KeyRotateArgs};
use super::deliver::{self, Target};
use super::hook::{Hook, HookEnv};
use super::interrupt::{self, Critical};
use super::wizard;
use crate::agent::AgentClient;
use crate::backend::{Backend, Session};
use crate::error::{Error, Kind, Result};
use crate::owner::BeforeCommit;
use crate::policy;
use crate::render::{self, Format};
use crate::store::ApiKey;
use crate::token::Token;
use serde_json::{Value, json};
use std::io::Write;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// Where a new token went.
enum Delivered {
    /// To stdout (printed with the result).
    Shown(Zeroizing<String>),
    File(PathBuf),
    /// To the --exec hook; or, if it failed (why), the token waits in its spool.
    Hook(Option<String>),
}

impl Delivered {
    /// Whether the token is only on its way to stdout (nowhere else).
    fn only_shown(&self) -> bool {
        matches!(self, Delivered::Shown(_))
    }

    fn json_field(&self, v: &mut Value) {
        match self {
            Delivered::Shown(t) => v["token"] = json!(t.as_str()),
            Delivered::File(p) => v["token_file"] = json!(p),
            Delivered::Hook(None) => v["exec"] = json!({ "delivered": true }),
            Delivered::Hook(Some(why)) => v["exec"] = json!({ "delivered": false, "error": why }),
        }
    }

    /// Where the token went, for a table row.
    fn describe(&self) -> String {
        match self {
            Delivered::Shown(t) => t.to_string(),
            Delivered::File(p) => p.display().to_string(),
            Delivered::Hook(None) => "delivered by --exec".into(),
            Delivered::Hook(Some(why)) => format!("NOT DELIVERED: {why}"),
        }
    }

    fn failed(&self) -> bool {
        matches!(self, Delivered::Hook(Some(_)))
    }
}

/// The --exec hook of a command, if it has one.
fn hook_of(ctx: &Ctx, a: &super::args::ExecArgs) -> Result<Option<Hook>> {
    let backend = format!("{} {}", ctx.identity(), ctx.account.as_deref().unwrap_or_default());
    a.exec.as_deref().map(|cmd| Hook::new(cmd, &ctx.data_dir, &backend, std::time::Duration::from_secs(a.exec_timeout as u64))).transpose()
}

/// Hands the spooled token of `key` (`old`: the key it replaced) to the hook. A created
/// key whose hook fails is revoked (delivered or no trace); a rotated one cannot be
/// undone, so its token stays spooled for the next run and the failure is reported.
fn run_hook(ctx: &Ctx, hook: &Hook, file: &std::path::Path, key: &ApiKey, old: Option<&ApiKey>, revoke: &dyn Fn(&str) -> Result<()>) -> Result<Delivered> {
    let env = HookEnv { key, old_id: old.map(|o| o.id.as_str()), grace_end: old.and_then(|o| o.grace_end) };
    let Err(e) = hook.run(file, &env) else { return Ok(Delivered::Hook(None)) };
    if key.rotated_from.is_none() {
        hook.discard(file);
        return Err(match revoke(&key.id) {
            Ok(()) => Error::failure(format!("{}; key {} was revoked, so no key exists whose token was not delivered", e.message(), key.id))
                .hint("fix the command and run it again"),
            Err(r) => Error::failure(format!("{}, and revoking key {} failed: {}", e.message(), key.id, r.message()))
                .hint(format!("revoke it with `keysmith key revoke {}`", key.id)),
        });
    }
    ctx.io.warn(&format!("key {}: {}; its token waits in {} for the next run", key.id, e.message(), file.display()));
    Ok(Delivered::Hook(Some(e.message().to_string())))
}

/// Runs the hook for the tokens waiting in its spool (an interrupted run's, or a
/// rotation's whose hook failed), dropping those whose key no longer works.
fn flush_hook(ctx: &Ctx, hook: &Hook, keys: &[ApiKey], revoke: &dyn Fn(&str) -> Result<()>) -> Result<Vec<(ApiKey, Delivered)>> {
    let now = policy::now();
    let mut done = Vec::new();
    for (id, file) in hook.waiting() {
        let Some(key) = keys.iter().find(|k| k.id == id && k.status(now).is_usable()) else {
            ctx.io.note(&format!("Dropped the waiting token of key {id}: the key is revoked, expired or gone."));
            hook.discard(&file);
            continue;
        };
        let old = keys.iter().find(|k| Some(&k.id) == key.rotated_from.as_ref());
        let delivered = run_hook(ctx, hook, &file, key, old, revoke)?;
        if !delivered.failed() {
            ctx.io.note(&format!("Delivered the token of key {} from an earlier run by --exec.", key.id));
        }
        done.push((key.clone(), delivered));
    }
    Ok(done)
}

/// A key as `key show` has it, with its `token` or `token_file`.
fn key_json(key: &ApiKey, delivered: &Delivered) -> Value {
    let mut v = serde_json::to_value(super::commands::KeyView::new(key, policy::now())).unwrap_or_default();
    delivered.json_field(&mut v);
    v
}

/// What `key create` answers: the key, and whether this run minted it (then with where
/// its token went; an existing key's token is never shown again).
fn created_json(key: &ApiKey, delivered: Option<&Delivered>) -> Value {
    let mut v = match delivered {
        Some(d) => key_json(key, d),
        None => serde_json::to_value(super::commands::KeyView::new(key, policy::now())).unwrap_or_default(),
    };
    v["created"] = json!(delivered.is_some());
    v
}

/// Why a mint failed: at the destination (a full disk: every further key would fail
/// too) or anywhere else.
enum Failed {
    Destination(Error),
    Other(Error),
}

impl From<Failed> for Error {
    fn from(f: Failed) -> Error {
        match f {
            Failed::Destination(e) | Failed::Other(e) => e,
        }
    }
}

/// Runs `commit` with the token staged at `target` first; puts it in place after the
/// commit, or settles it (see [`deliver::Staged::settle`]) if the commit failed.
fn mint<T>(
    target: &Target,
    label: &str,
    commit: impl FnOnce(BeforeCommit) -> Result<T>,
    is_live: impl FnOnce(&str) -> Result<bool>,
) -> Result<(T, Option<PathBuf>), Failed> {
    let mut staged = None;
    let mut at_destination = false;
    let result = commit(&mut |t: &Token| {
        staged = target.stage(t, label).inspect_err(|_| at_destination = true)?;
        Ok(())
    });
    match (result, staged) {
        (Ok(v), s) => Ok((v, s.map(deliver::Staged::finish).transpose().map_err(Failed::Destination)?)),
        (Err(e), None) if at_destination => Err(Failed::Destination(e)),
        (Err(e), None) => Err(Failed::Other(e)),
        (Err(e), Some(s)) => {
            let live = is_live(s.token().key_id());
            Err(Failed::Other(s.settle(e, live)))
        }
    }
}

/// Whether a key exists on the backend (owner view).
fn owner_has(backend: &dyn Backend, session: &Session, key_id: &str) -> Result<bool> {
    Ok(backend.list_keys(session)?.iter().any(|k| k.id == key_id))
}

/// Prints `text` on stdout. If that fails, the keys of `shown` — whose tokens were in
/// `text` and exist nowhere else — are revoked, so that no working key exists whose token
/// nobody has.
fn print_or_revoke(out: &mut dyn Write, text: &str, shown: &[&str], revoke: impl Fn(&str) -> Result<()>) -> Result<()> {
    let Err(e) = deliver::print(out, text) else { return Ok(()) };
    let what = if e.kind() == Kind::BrokenPipe { "stdout was closed".to_string() } else { e.message().to_string() };
    if shown.is_empty() {
        return Err(
            Error::failure(format!("the result could not be written ({what})")).hint("the tokens are in their files; `keysmith key list` shows the keys")
        );
    }
    let ids = shown.join(", ");
    let failed: Vec<String> = shown.iter().filter_map(|id| revoke(id).err().map(|r| format!("{id} ({})", r.message()))).collect();
    Err(if failed.is_empty() {
        Error::failure(format!("the token of key {ids} could not be written ({what}); the key was revoked"))
            .hint("run the command again with --token-file PATH")
    } else {
        Error::failure(format!("the token of key {ids} could not be written ({what}), and revoking failed for {}", failed.join(", ")))
            .hint("revoke them with `keysmith key revoke ID`")
    })
}

pub fn key_create(ctx: &Ctx, a: &KeyCreateArgs, out: &mut dyn Write) -> Result<()> {
    wizard::check_flags(ctx, a.label.as_deref(), &a.scope)?;
    let hook = hook_of(ctx, &a.exec)?;
    let target = hook.as_ref().map_or_else(|| Target::new(a.token_file.as_deref(), None, a.force), Hook::target);
    // With --if-absent, a token file left by the run that minted the key is expected:
    // the destination is checked once no existing key answered the run.
    if !a.if_absent {
        target.check(None)?;
    }
    let backend = ctx.backend()?;
    let backend = backend.as_ref();
    let unlocked = ctx.unlock(backend)?;
    let session = &unlocked.session;
    let revoke = |id: &str| backend.revoke_key(session, id).map(|_| ());
    // A run killed after its key was made left the token pending: deliver it, and stop.
    let recovered = target.recover(|t| owner_has(backend, session, t.key_id()))?.pop();
    if let Some(hook) = &hook {
        let created = flush_hook(ctx, hook, &backend.list_keys(session)?, &revoke)?.into_iter().find(|(k, _)| k.rotated_from.is_none());
        if let Some((key, delivered)) = created {
            ctx.io.note(&format!("An interrupted run had created key {}. No other key was created.", key.id));
            return show_key(ctx, &key, &delivered, out);
        }
    } else if let Some(r) = recovered {
        let key = backend.get_key(session, &r.key_id)?;
        ctx.io.note(&format!("An interrupted run had created key {}; its token is now in {}. No other key was created.", key.id, r.path.display()));
        return show_key(ctx, &key, &Delivered::File(r.path), out);
    }
    let now = policy::now();
    if a.if_absent
        && let Some(label) = &a.label
        && let Some(existing) = backend.list_keys(session)?.into_iter().find(|k| &k.label == label && k.status(now).is_usable())
    {
        ctx.io.note(&format!(
            "Key {} (`{}`) exists and is {}; nothing was minted. Its token is not shown again: `keysmith key rotate {}` makes a new one.",
            existing.id,
            render::sanitize(label),
            existing.status(now),
            existing.id
        ));
        return match ctx.format {
            Format::Json => Ok(render::json(out, &created_json(&existing, None))?),
            Format::Table => Ok(()),
        };
    }
    if a.if_absent {
        target.check(None)?;
    }
    let answers = wizard::new_key(ctx, backend, &unlocked, a.label.as_deref(), &a.scope)?;
    let _critical = Critical::enter();
    let ((key, token), file) = mint(
        &target,
        &answers.label,
        |stage| unlocked.create_key(backend, &answers.label, answers.scope, answers.expires_at, stage),
        |id| owner_has(backend, session, id),
    )?;
    let delivered = match (&hook, file) {
        (Some(hook), Some(file)) => run_hook(ctx, hook, &file, &key, None, &revoke)?,
        (_, Some(file)) => Delivered::File(file),
        (_, None) => Delivered::Shown(token.expose()),
    };
    let text = match (ctx.format, &delivered) {
        (Format::Json, _) => render::json_text(&created_json(&key, Some(&delivered))),
        (Format::Table, Delivered::Hook(_)) => {
            ctx.io.note(&format!("Key {} (`{}`): token delivered by --exec.", key.id, render::sanitize(&key.label)));
            String::new()
        }
        (Format::Table, Delivered::File(p)) => {
            ctx.io.note(&format!("Key {} (`{}`): token written to {} (mode 0600).", key.id, render::sanitize(&key.label), p.display()));
            String::new()
        }
        (Format::Table, Delivered::Shown(t)) => {
            ctx.io.note(&format!("Key {} (`{}`). The token below is shown once; keysmith does not keep it.", key.id, render::sanitize(&key.label)));
            format!("{}\n", t.as_str())
        }
    };
    let shown: &[&str] = if delivered.only_shown() { &[&key.id] } else { &[] };
    print_or_revoke(out, &text, shown, revoke)
}

fn show_key(ctx: &Ctx, key: &ApiKey, delivered: &Delivered, out: &mut dyn Write) -> Result<()> {
    match ctx.format {
        Format::Json => Ok(render::json(out, &created_json(key, Some(delivered)))?),
        Format::Table => Ok(()),
    }
}

/// One rotation, as reported: the same shape for one key and for many.
struct Rotation {
    old_id: String,
    /// When the old key stops.
    grace_end: Option<i64>,
    key: ApiKey,
    delivered: Delivered,
}

impl Rotation {
    /// The new key as `key show` has it, with `old_id`/`new_id` for its lineage and
    /// `grace_end` saying when the old key stops.
    fn json(&self) -> Value {
        let mut v = key_json(&self.key, &self.delivered);
        if let Some(m) = v.as_object_mut() {
            for gone in ["id", "rotated_from", "rotated_to", "last_used_at", "revoked_at"] {
                m.remove(gone);
            }
            m.insert("old_id".into(), json!(self.old_id));
            m.insert("new_id".into(), json!(self.key.id));
            m.insert("grace_end".into(), json!(self.grace_end.map(policy::format_time)));
        }
        v
    }

    fn row(&self) -> String {
        let shown = self.delivered.describe();
        let when = |t: Option<i64>| t.map(policy::format_time).unwrap_or_else(|| "never".into());
        format!("{}  {}  {}  {}  {}  {}\n", self.old_id, self.key.id, when(self.grace_end), when(self.key.expires_at), shown, render::sanitize(&self.key.label))
    }
}

/// The old key's grace end once rotated at `now`: never past its own expiry.
fn grace_end_of(old: &ApiKey, now: i64, grace: i64) -> i64 {
    old.expires_at.map_or(now + grace, |e| e.min(now + grace))
}

pub fn key_rotate(ctx: &Ctx, a: &KeyRotateArgs, out: &mut dyn Write) -> Result<()> {
    let hook = hook_of(ctx, &a.exec)?;
    let target =
        hook.as_ref().map_or_else(|| Target::new(a.token_file.as_deref(), a.token_dir.as_deref().map(|d| (d, a.token_name.as_str())), a.force), Hook::target);
    if let Some(path) = &a.with_token_file {
        return rotate_as_holder(ctx, a, super::agent_cmd::read_token(Some(path))?, &target, out);
    }
    if a.dry_run {
        return rotation_dry_run(ctx, a, out);
    }
    target.check(a.key.as_deref())?;
    let backend = ctx.backend()?;
    let backend = backend.as_ref();
    let unlocked = ctx.unlock(backend)?;
    let session = &unlocked.session;
    let now = policy::now();
    let keys = backend.list_keys(session)?;
    let revoke = |id: &str| backend.revoke_key(session, id).map(|_| ());
    // What an interrupted run of this command committed but did not deliver.
    let recovered = target.recover(|t| Ok(keys.iter().any(|k| k.id == t.key_id())))?;
    let recovered: Vec<(ApiKey, Delivered)> = match &hook {
        Some(hook) => flush_hook(ctx, hook, &keys, &revoke)?,
        None => recovered
            .into_iter()
            .filter_map(|r| {
                let key = keys.iter().find(|k| k.id == r.key_id)?.clone();
                ctx.io.note(&format!("Delivered the token of key {} from an interrupted run to {}.", key.id, r.path.display()));
                Some((key, Delivered::File(r.path)))
            })
            .collect(),
    };
    let recovered: Vec<Rotation> = recovered
        .into_iter()
        .map(|(key, delivered)| {
            let old = keys.iter().find(|k| Some(&k.id) == key.rotated_from.as_ref());
            Rotation { old_id: old.map(|o| o.id.clone()).unwrap_or_default(), grace_end: old.and_then(|o| o.grace_end), key, delivered }
        })
        .collect();
    if let Some(r) = recovered.iter().find(|r| a.key.as_ref() == Some(&r.old_id)) {
        print_rotations(ctx, std::slice::from_ref(r), false, out)?;
        return undelivered(&recovered);
    }
    let targets = rotation_targets(a, &keys, now, |id| backend.get_key(session, id))?;
    let plans = rotation_plans(ctx, a, &targets, |names| unlocked.resolve_vaults(backend, names))?;
    target.check_names(plans.iter().map(|(old, ..)| (old.id.as_str(), old.label.as_str())))?;
    let bulk = a.key.is_none();
    if bulk {
        if plans.is_empty() {
            ctx.io.note("No active key expires within that window; nothing to rotate.");
            return print_rotations(ctx, &recovered, true, out);
        }
        if !a.yes && ctx.io.interactive() {
            // What will happen, key by key (new expiry, when each old key stops), before the question.
            plan_table(&plans, now, a.grace, &mut std::io::stderr())?;
        }
        if !a.yes && !ctx.io.confirm(&format!("Rotate {} key(s)? Old keys stay valid for {}", plans.len(), policy::format_secs(a.grace)), "--yes")? {
            return Err(Error::failure("cancelled; nothing was rotated"));
        }
    }

    let _critical = Critical::enter();
    let total = plans.len();
    let progress = ctx.io.progress(total as u64, "Rotating");
    let mut done = recovered;
    let recovered_count = done.len();
    let mut failed = 0;
    let mut stop: Option<Error> = None;
    let streamed = bulk && ctx.format == Format::Table;
    if streamed {
        progress.suspend(|| deliver::print(out, "OLD KEY           NEW KEY           OLD KEY STOPS         NEW KEY EXPIRES       TOKEN OR FILE  LABEL\n"))?;
        for r in &done {
            deliver::print(out, &r.row())?;
        }
    }
    for (old, scope, expires_at) in plans {
        if interrupt::requested() {
            stop = Some(interrupt::error());
            break;
        }
        let grace_end = grace_end_of(old, now, a.grace);
        let minted =
            mint(&target, &old.label, |stage| unlocked.rotate_key(backend, old, scope, expires_at, now + a.grace, stage), |id| owner_has(backend, session, id));
        progress.inc(1);
        let ((key, token), file) = match minted {
            Ok(m) => m,
            // A destination that fails now (disk full) fails for every key: stop here.
            Err(Failed::Destination(e)) if bulk => {
                stop = Some(e);
                break;
            }
            Err(Failed::Other(e)) if bulk => {
                failed += 1;
                progress.suspend(|| ctx.io.warn(&format!("key {}: {}", old.id, e.message())));
                continue;
            }
            Err(f) => return Err(f.into()),
        };
        let delivered = match (&hook, file) {
            (Some(hook), Some(file)) => {
                let old = ApiKey { grace_end: Some(grace_end), ..old.clone() };
                progress.suspend(|| run_hook(ctx, hook, &file, &key, Some(&old), &revoke))?
            }
            (_, Some(file)) => Delivered::File(file),
            (_, None) => Delivered::Shown(token.expose()),
        };
        let r = Rotation { old_id: old.id.clone(), grace_end: Some(grace_end), key, delivered };
        let shown: &[&str] = if r.delivered.only_shown() { &[&r.key.id] } else { &[] };
        if streamed && let Err(e) = progress.suspend(|| print_or_revoke(out, &r.row(), shown, revoke)) {
            stop = Some(e);
            break;
        }
        done.push(r);
    }
    progress.finish_and_clear();
    if !bulk && done.is_empty() {
        return Err(stop.unwrap_or_else(interrupt::error));
    }
    if !streamed {
        let text = match ctx.format {
            Format::Json => render::json_text(&rotations_json(&done, bulk)),
            Format::Table => {
                let r = &done[0];
                ctx.io.note(&format!(
                    "Key {} replaces {} (`{}`); the old key stays valid until {}. The new key expires {}.",
                    r.key.id,
                    r.old_id,
                    render::sanitize(&r.key.label),
                    r.grace_end.map(policy::format_time).unwrap_or_else(|| "-".into()),
                    r.key.expires_at.map(policy::format_time).unwrap_or_else(|| "never".into()),
                ));
                match &r.delivered {
                    Delivered::File(p) => {
                        ctx.io.note(&format!("Token written to {} (mode 0600).", p.display()));
                        String::new()
                    }
                    Delivered::Hook(None) => {
                        ctx.io.note("Token delivered by --exec.");
                        String::new()
                    }
                    Delivered::Hook(Some(_)) => String::new(),
                    Delivered::Shown(t) => format!("{}\n", t.as_str()),
                }
            }
        };
        let shown: Vec<&str> = done.iter().filter(|r| r.delivered.only_shown()).map(|r| r.key.id.as_str()).collect();
        print_or_revoke(out, &text, &shown, revoke)?;
    }
    if let Some(e) = stop {
        ctx.io.note(&format!(
            "Stopped after {} of {total} key(s); the rest were not touched. Run the same command again to go on.",
            done.len() - recovered_count
        ));
        return Err(e);
    }
    if failed > 0 {
        return Err(Error::failure(format!("{failed} key(s) could not be rotated")).hint("see the warnings above; the others were rotated"));
    }
    undelivered(&done)
}

/// Exit 1 when the --exec hook failed for any new key (each was reported as it failed).
fn undelivered(done: &[Rotation]) -> Result<()> {
    match done.iter().filter(|r| r.delivered.failed()).count() {
        0 => Ok(()),
        n => Err(Error::failure(format!("the --exec hook failed for {n} new key(s); their tokens wait (0600) in the data directory"))
            .hint("fix the command and run the same command again: it delivers them first")),
    }
}

fn rotations_json(done: &[Rotation], bulk: bool) -> Value {
    match done {
        [one] if !bulk => one.json(),
        _ => Value::Array(done.iter().map(Rotation::json).collect()),
    }
}

fn print_rotations(ctx: &Ctx, done: &[Rotation], bulk: bool, out: &mut dyn Write) -> Result<()> {
    match ctx.format {
        Format::Json => Ok(render::json(out, &rotations_json(done, bulk))?),
        Format::Table => done.iter().try_for_each(|r| deliver::print(out, &r.row())),
    }
}

/// Rotation by the holder of the old key, through the backend's API: no password.
fn rotate_as_holder(ctx: &Ctx, a: &KeyRotateArgs, old_token: Token, target: &Target, out: &mut dyn Write) -> Result<()> {
    target.check(Some(old_token.key_id()))?;
    let old_id = old_token.key_id().to_string();
    let rotation = super::agent_cmd::with_server(ctx, async |url| {
        let old_client = AgentClient::new(url, old_token)?;
        // A run killed after the rotation committed left the new token pending.
        if let Some(r) = target.recover_async(async |t: &Token| super::agent_cmd::key_exists(url, t).await).await?.pop() {
            let file = std::fs::read_to_string(&r.path).map(Zeroizing::new)?;
            let new = AgentClient::new(url, file.parse::<Token>()?)?.connect().await?;
            let old = old_client.connect().await?;
            ctx.io.note(&format!("Delivered the token of key {} from an interrupted run to {}.", new.info.key.id, r.path.display()));
            return Ok(Rotation {
                old_id: old.info.key.id.clone(),
                grace_end: old.info.key.grace_end,
                key: new.info.key.to_record(&new.info.account_id, &[]),
                delivered: Delivered::File(r.path),
            });
        }
        let _critical = Critical::enter();
        let plan =
            |old: &ApiKey| Ok((wizard::narrowed(&old.scope, &a.scope, |ids| Ok(ids.to_vec()))?, wizard::expiry(ctx, &a.scope, wizard::lifetime_of(old))));
        let mut staged = None;
        let result = old_client
            .rotate(plan, a.grace, &mut |t: &Token| {
                // The holder's target is a file or stdout (never a directory): no label needed.
                staged = target.stage(t, "")?;
                Ok(())
            })
            .await;
        let ((resp, token), file) = super::agent_cmd::settle_staged(url, result, staged).await?;
        Ok(Rotation {
            old_id: resp.old_key.id.clone(),
            grace_end: resp.old_key.grace_end,
            key: resp.key.to_record(&resp.account_id, &[]),
            delivered: file.map_or_else(|| Delivered::Shown(token.expose()), Delivered::File),
        })
    })?;
    debug_assert_eq!(rotation.old_id, old_id);
    let text = match ctx.format {
        Format::Json => render::json_text(&rotation.json()),
        Format::Table => match &rotation.delivered {
            Delivered::Shown(t) => format!("{}\n", t.as_str()),
            other => {
                ctx.io.note(&format!("Key {} replaces {}; token written to {} (mode 0600).", rotation.key.id, old_id, other.describe()));
                String::new()
            }
        },
    };
    // The holder cannot revoke; if stdout fails, say what to do.
    deliver::print(out, &text).map_err(|e| {
        Error::failure(format!("key {} was created but its token could not be written: {}", rotation.key.id, e.message())).hint(format!(
            "the old key {old_id} stays valid until {}; ask the owner to revoke {} and rotate again with --token-file",
            rotation.grace_end.map(policy::format_time).unwrap_or_else(|| "its grace end".into()),
            rotation.key.id
        ))
    })
}

/// The keys a rotation names: one by id, or every active key expiring within the window.
fn rotation_targets(a: &KeyRotateArgs, keys: &[ApiKey], now: i64, get: impl FnOnce(&str) -> Result<ApiKey>) -> Result<Vec<ApiKey>> {
    match (&a.key, a.expiring_within) {
        (Some(id), _) => Ok(vec![keys.iter().find(|k| &k.id == id).cloned().map_or_else(|| get(id), Ok)?]),
        (None, Some(within)) => Ok(keys.iter().filter(|k| k.expires_within(now, within)).cloned().collect()),
        (None, None) => Err(Error::usage("name a key to rotate").hint("pass a key id or --expiring-within 7d")),
    }
}

/// Each target with the scope and expiry its new key gets (`resolve` turns --vault names
/// into ids, and is called only when --vault narrows the scope).
fn rotation_plans<'k>(
    ctx: &Ctx,
    a: &KeyRotateArgs,
    targets: &'k [ApiKey],
    resolve: impl Fn(&[String]) -> Result<Vec<String>>,
) -> Result<Vec<(&'k ApiKey, policy::Scope, Option<i64>)>> {
    targets
        .iter()
        .map(|old| {
            let scope = wizard::narrowed(&old.scope, &a.scope, &resolve)?;
            Ok((old, scope, wizard::expiry(ctx, &a.scope, wizard::lifetime_of(old))))
        })
        .collect()
}

/// What a rotation would do, changing nothing: new expiry and grace end included. Needs
/// only a session (a cached login is enough) unless --vault names must be decrypted. With
/// --fail-if-any, keys due for rotation are a failure (exit 1) after the plan is printed.
fn rotation_dry_run(ctx: &Ctx, a: &KeyRotateArgs, out: &mut dyn Write) -> Result<()> {
    let backend = ctx.backend()?;
    let backend = backend.as_ref();
    let session = ctx.session(backend)?;
    let now = policy::now();
    let targets = rotation_targets(a, &backend.list_keys(&session)?, now, |id| backend.get_key(&session, id))?;
    let plans = rotation_plans(ctx, a, &targets, |names| ctx.unlock(backend)?.resolve_vaults(backend, names))?;
    rotation_plan(ctx, &plans, now, a.grace, out)?;
    if a.fail_if_any && !plans.is_empty() {
        out.flush()?;
        return Err(Error::failure(format!("{} key(s) due for rotation", plans.len())).hint("rotate them with the same command without --dry-run"));
    }
    Ok(())
}

fn rotation_plan(ctx: &Ctx, plans: &[(&ApiKey, policy::Scope, Option<i64>)], now: i64, grace: i64, out: &mut dyn Write) -> Result<()> {
    let when = |t: Option<i64>| t.map(policy::format_time);
    match ctx.format {
        Format::Json => {
            let rows: Vec<Value> = plans
                .iter()
                .map(|(old, _, expires_at)| {
                    let mut v = serde_json::to_value(super::commands::KeyView::new(old, now)).unwrap_or_default();
                    v["grace_end"] = json!(when(Some(grace_end_of(old, now, grace))));
                    v["new_expires_at"] = json!(when(*expires_at));
                    v
                })
                .collect();
            Ok(render::json(out, &json!({ "dry_run": true, "would_rotate": rows }))?)
        }
        Format::Table => {
            ctx.io.note(&format!("Dry run: {} key(s) would be rotated; nothing changed.", plans.len()));
            plan_table(plans, now, grace, out)
        }
    }
}

/// Each key to rotate: its expiry, when it would stop, and the new key's expiry.
fn plan_table(plans: &[(&ApiKey, policy::Scope, Option<i64>)], now: i64, grace: i64, out: &mut dyn Write) -> Result<()> {
    let when = |t: Option<i64>| t.map(policy::format_time).unwrap_or_else(|| "never".into());
    let rows: Vec<Vec<String>> = plans
        .iter()
        .map(|(k, _, expires_at)| vec![k.id.clone(), k.label.clone(), when(k.expires_at), when(Some(grace_end_of(k, now, grace))), when(*expires_at)])
        .collect();
    Ok(render::table(out, &["ID", "LABEL", "EXPIRES", "OLD KEY STOPS", "NEW KEY EXPIRES"], &rows)?)
}
