//! Dynamic shell completion (clap_complete's `CompleteEnv`): `source <(COMPLETE=bash keysmith)`.
//!
//! Key ids (described by label and status) and vault ids come from the backend the
//! environment names (`KEYSMITH_DATA_DIR`, `KEYSMITH_SERVER`, `KEYSMITH_PROFILE`) with the
//! cached login session only: completion never asks for a password, never creates state,
//! and offers nothing when there is no valid session. Vault names are encrypted, so only
//! ids can be offered without the password. Actions, event names and formats are the
//! arguments' possible values.

use super::Ctx;
use super::args::Cli;
use crate::backend::{Backend, Session};
use clap::Parser;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use std::ffi::OsStr;

/// Runs the completion engine and exits when the shell asked for candidates (`COMPLETE` set).
pub fn complete_if_asked() {
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command).complete();
}

/// The backend and owner session of the environment's settings, if a login is cached and valid.
fn with_session<T>(f: impl FnOnce(&dyn Backend, &Session) -> crate::error::Result<Vec<T>>) -> Vec<T> {
    // The settings a bare command would have: env vars and defaults (flags on the line being
    // completed are not visible to a completer).
    let Ok(cli) = Cli::try_parse_from(["keysmith", "logout"]) else { return Vec::new() };
    let Ok(ctx) = Ctx::new(&cli.global) else { return Vec::new() };
    let run = || -> crate::error::Result<Vec<T>> {
        let backend = ctx.backend()?;
        let Some(session) = ctx.sessions().load(crate::policy::now()) else { return Ok(Vec::new()) };
        if !backend.session_valid(&session)? {
            return Ok(Vec::new());
        }
        f(backend.as_ref(), &session)
    };
    run().unwrap_or_default()
}

fn starts_with(current: &OsStr, id: &str) -> bool {
    current.to_str().is_some_and(|c| id.starts_with(c))
}

/// Key ids, newest first, each described by its label and status.
pub fn keys() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        with_session(|backend, session| {
            let now = crate::policy::now();
            let mut keys = backend.list_keys(session)?;
            keys.sort_by_key(|k| std::cmp::Reverse(k.created_at));
            Ok(keys
                .into_iter()
                .filter(|k| starts_with(current, &k.id))
                .map(|k| CompletionCandidate::new(&k.id).help(Some(format!("{} ({})", crate::render::sanitize(&k.label), k.status(now)).into())))
                .collect())
        })
    })
}

/// Vault ids (their names are encrypted: only ids without the password).
pub fn vaults() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        with_session(|backend, session| {
            Ok(backend
                .list_vaults(session)?
                .into_iter()
                .filter(|v| starts_with(current, &v.id))
                .map(|v| CompletionCandidate::new(&v.id).help(Some(format!("vault created {}", crate::policy::format_time(v.created_at)).into())))
                .collect())
        })
    })
}
