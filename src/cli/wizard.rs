//! Answers for `key create` and `key rotate`: from flags, or asked by a dialoguer wizard
//! when a person is at the terminal. Every question has a flag; scripts never block.

use super::Ctx;
use super::args::ScopeArgs;
use super::prompt::{cancelled, prompt_error};
use crate::backend::Backend;
use crate::error::{Error, Result};
use crate::owner::{Unlocked, VaultInfo};
use crate::policy::{self, Permission, RateLimit, Scope};
use dialoguer::{Input, MultiSelect};

pub const DEFAULT_EXPIRY_SECS: i64 = 90 * 86_400;

pub struct KeyAnswers {
    pub label: String,
    pub scope: Scope,
    pub expires_at: Option<i64>,
}

fn optional<T>(s: &str, parse: impl Fn(&str) -> Result<T>) -> Result<Option<T>> {
    if s.trim().eq_ignore_ascii_case("none") { Ok(None) } else { parse(s).map(Some) }
}

pub fn parse_rate(s: &str) -> Result<Option<RateLimit>> {
    optional(s, |s| s.parse())
}

pub fn parse_bytes(s: &str) -> Result<Option<u64>> {
    optional(s, policy::parse_bytes)
}

/// Asks for a text answer, re-asking until `check` accepts it.
fn ask<T>(prompt: &str, default: Option<&str>, check: impl Fn(&str) -> Result<T>) -> Result<T> {
    loop {
        let mut input = Input::new().with_prompt(prompt);
        if let Some(d) = default {
            input = input.default(d.to_string());
        }
        let answer: String = input.interact_text().map_err(prompt_error)?;
        match check(&answer) {
            Ok(v) => return Ok(v),
            Err(e) => eprintln!("  {}{}", e.message(), e.hint_text().map(|h| format!(" ({h})")).unwrap_or_default()),
        }
    }
}

fn validate_label(s: &str) -> Result<String> {
    policy::check_label(s.trim())?;
    Ok(s.trim().to_string())
}

/// The expiry of a new key: `--expires-in`, `--no-expiry`, else `default_secs` from now
/// (None: never, with a warning).
pub fn expiry(ctx: &Ctx, args: &ScopeArgs, default_secs: Option<i64>) -> Option<i64> {
    from_now(ctx, if args.no_expiry { None } else { args.expires_in.or(default_secs) })
}

/// `secs` from now (None: never, with a warning).
fn from_now(ctx: &Ctx, secs: Option<i64>) -> Option<i64> {
    if secs.is_none() {
        ctx.io.warn("this key never expires; prefer --expires-in and rotate it with `keysmith key rotate`");
    }
    secs.map(|s| policy::now() + s)
}

/// The lifetime a rotated key keeps by default: the old key's (None: it never expired).
pub fn lifetime_of(old: &crate::store::ApiKey) -> Option<i64> {
    old.expires_at.map(|e| e.saturating_sub(old.created_at).clamp(policy::MIN_EXPIRY_SECS, policy::MAX_LIFETIME_SECS))
}

/// Checks the flags of `key create` before anything is asked or spent: the label's
/// shape, and — with no one to ask — every missing flag at once.
pub fn check_flags(ctx: &Ctx, label: Option<&str>, args: &ScopeArgs) -> Result<()> {
    if let Some(l) = label {
        validate_label(l)?;
    }
    if ctx.io.interactive() {
        return Ok(());
    }
    let mut missing = Vec::new();
    if label.is_none() {
        missing.push("--label NAME");
    }
    if args.vaults.is_empty() {
        missing.push("--vault NAME");
    }
    if args.allow.is_none() {
        missing.push("--allow ACTIONS");
    }
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::usage(format!("missing {}, and no prompt is possible here", missing.join(", "))).hint(format!("pass {}", missing.join(" "))))
}

/// Collects the answers for a new key, asking for what the flags left out.
pub fn new_key(ctx: &Ctx, backend: &dyn Backend, unlocked: &Unlocked, label: Option<&str>, args: &ScopeArgs) -> Result<KeyAnswers> {
    let io = &ctx.io;
    let mut asked = false;

    let label = match label {
        Some(l) => validate_label(l)?,
        None if io.interactive() => {
            asked = true;
            ask("Label (shown in lists and the audit trail)", None, validate_label)?
        }
        None => return Err(io.missing("a label", "--label NAME")),
    };

    let vaults = if !args.vaults.is_empty() {
        unlocked.resolve_vaults(backend, &args.vaults)?
    } else if io.interactive() {
        asked = true;
        let all: Vec<VaultInfo> = unlocked.vaults(backend)?.into_iter().map(|(_, i)| i).filter(|i| i.damaged.is_none()).collect();
        let items: Vec<String> = all.iter().map(|v| format!("{} ({})", crate::render::sanitize(&v.name), v.id)).collect();
        loop {
            let picked = MultiSelect::new()
                .with_prompt("Vaults this key may use (space to select, enter to confirm)")
                .items(&items)
                .interact_opt()
                .map_err(prompt_error)?
                .ok_or_else(cancelled)?;
            if !picked.is_empty() {
                break picked.into_iter().map(|i| all[i].id.clone()).collect();
            }
            eprintln!("  select at least one vault");
        }
    } else {
        return Err(io.missing("the vault scope", "--vault NAME (repeatable)"));
    };

    let picks_actions = args.allow.is_none() && !args.write_only && io.interactive();
    let permissions = match &args.allow {
        Some(a) => a.0.clone(),
        None if args.write_only => vec![Permission::Write],
        None if io.interactive() => {
            asked = true;
            let items: Vec<&str> = Permission::ALL.iter().map(|p| p.describe()).collect();
            let defaults: Vec<bool> = Permission::ALL.iter().map(|p| matches!(p, Permission::Read | Permission::ListVaults)).collect();
            loop {
                let picked = MultiSelect::new()
                    .with_prompt("Actions this key may perform")
                    .items(&items)
                    .defaults(&defaults)
                    .interact_opt()
                    .map_err(prompt_error)?
                    .ok_or_else(cancelled)?;
                if !picked.is_empty() {
                    break picked.into_iter().map(|i| Permission::ALL[i]).collect();
                }
                eprintln!("  select at least one action");
            }
        }
        None => return Err(io.missing("the permissions", "--allow read,write,…")),
    };

    // Offered when the actions picked are those of a write-only key (upload, no reading).
    let write_only = args.write_only
        || (picks_actions
            && permissions.contains(&Permission::Write)
            && permissions.iter().all(|p| policy::WRITE_ONLY_PERMISSIONS.contains(p))
            && io.confirm_default("Write-only: seal its uploads so that this key can never read them back?", "--write-only", true)?);

    let rate_limit = match args.rate {
        Some(r) => r.0,
        None if io.interactive() => {
            asked = true;
            // The defaults are the flags': what leaving a flag out gives.
            ask("Rate limit (REQUESTS/WINDOW, e.g. 60/1m, or none)", Some("none"), parse_rate)?
        }
        None => None,
    };

    let bytes_per_day = match args.bytes_per_day {
        Some(b) => b.0,
        None if io.interactive() => {
            asked = true;
            ask("Bytes per day (e.g. 1GiB, or none)", Some("none"), parse_bytes)?
        }
        None => None,
    };

    let expires_at = if args.expires_in.is_none() && !args.no_expiry && io.interactive() {
        asked = true;
        let secs = ask("Expires in (e.g. 30d, 90d, or never)", Some(&policy::format_secs(DEFAULT_EXPIRY_SECS)), |s| {
            if s.trim().eq_ignore_ascii_case("never") { Ok(None) } else { policy::parse_secs(s, policy::MIN_EXPIRY_SECS, policy::MAX_LIFETIME_SECS).map(Some) }
        })?;
        from_now(ctx, secs)
    } else {
        expiry(ctx, args, Some(DEFAULT_EXPIRY_SECS))
    };

    let scope = Scope { permissions, vaults, rate_limit, bytes_per_day, write_only };
    scope.check_limits()?;
    if asked {
        // The answers as the person gave them: vault names, human sizes.
        let names = unlocked.vaults(backend)?;
        let vault = |id: &String| match names.iter().find(|(_, v)| &v.id == id) {
            Some((_, v)) => format!("{} ({id})", crate::render::sanitize(&v.name)),
            None => id.clone(),
        };
        eprintln!("\nKey `{}`", crate::render::sanitize(&label));
        let write_only = if scope.write_only { " (write-only)" } else { "" };
        eprintln!("  allow          {}{write_only}", scope.permissions.iter().map(|p| p.name()).collect::<Vec<_>>().join(", "));
        eprintln!("  vaults         {}", scope.vaults.iter().map(vault).collect::<Vec<_>>().join(", "));
        eprintln!("  rate limit     {}", scope.rate_limit.map(|r| r.to_string()).unwrap_or_else(|| "none".into()));
        eprintln!("  bytes per day  {}", scope.bytes_per_day.map(crate::render::bytes).unwrap_or_else(|| "no limit".into()));
        eprintln!("  expires        {}", expires_at.map(policy::format_time).unwrap_or_else(|| "never".into()));
        // Just reviewed: yes is the default.
        if !io.confirm_default("Create this key?", "--label, --vault and --allow", true)? {
            return Err(Error::failure("cancelled; no key was created"));
        }
    }
    Ok(KeyAnswers { label, scope, expires_at })
}

/// The scope of a rotated key: the old scope with the flags' narrowing applied.
pub fn narrowed(old: &Scope, args: &ScopeArgs, resolve: impl Fn(&[String]) -> Result<Vec<String>>) -> Result<Scope> {
    Ok(Scope {
        permissions: args.allow.as_ref().map(|a| a.0.clone()).unwrap_or_else(|| old.permissions.clone()),
        vaults: if args.vaults.is_empty() { old.vaults.clone() } else { resolve(&args.vaults)? },
        rate_limit: args.rate.map_or(old.rate_limit, |r| r.0),
        bytes_per_day: args.bytes_per_day.map_or(old.bytes_per_day, |b| b.0),
        write_only: old.write_only || args.write_only,
    })
}
