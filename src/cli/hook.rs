//! `--exec CMD`: a delivery hook that takes each new token on stdin.
//!
//! The hook is one more destination of [`super::deliver`], with a spool in front of it:
//! a new token is staged (0600) in `<data dir>/deliveries/<hook>/` before its key exists,
//! moved to `<id>.token` there once the key exists, and removed only after the hook exited
//! 0. So a token whose hook has not succeeded is never lost: a run killed before or
//! during the hook, or a hook that failed after a rotation, leaves it spooled, and the
//! next run with the same hook (and the same backend) runs the hook for it first. Hooks
//! must therefore be idempotent (`kubectl apply`, `gh secret set` are).
//!
//! The spool is per hook command and backend, so a token is only ever handed to the
//! command it was minted for. The token goes to the hook on stdin, never in argv or the
//! environment; the hook's stdout goes to keysmith's stderr, keeping stdout for data.

use super::deliver::Target;
use crate::error::{Error, Result};
use crate::policy;
use crate::store::ApiKey;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

/// Environment variables keysmith reads secrets from: not passed on to a hook.
const SECRET_VARS: [&str; 3] = ["KEYSMITH_API_KEY", "KEYSMITH_INVITE", "KEYSMITH_DATABASE_URL"];

/// A delivery hook and its spool.
pub struct Hook {
    cmd: String,
    spool: PathBuf,
    timeout: Duration,
}

/// What a hook is told about the token on its stdin.
pub struct HookEnv<'a> {
    pub key: &'a ApiKey,
    /// The key it replaces, and when that one stops (rotations).
    pub old_id: Option<&'a str>,
    pub grace_end: Option<i64>,
}

impl Hook {
    /// `identity` names the backend (server URL or data directory): the spool of one
    /// backend's tokens is never delivered on behalf of another.
    pub fn new(cmd: &str, data_dir: &Path, identity: &str, timeout: Duration) -> Result<Self> {
        if cmd.trim().is_empty() {
            return Err(Error::usage("--exec needs a command").hint("e.g. --exec 'kubectl apply -f -'"));
        }
        let id = hex::encode(&crate::crypto::sha256(&[identity.as_bytes(), b"\0", cmd.as_bytes()])[..8]);
        Ok(Hook { cmd: cmd.to_string(), spool: data_dir.join("deliveries").join(id), timeout })
    }

    /// Where tokens wait for the hook: staged before their key exists, like a token file.
    pub fn target(&self) -> Target {
        Target::Dir { dir: self.spool.clone(), name: "{id}.token".into(), force: false }
    }

    /// Tokens whose key exists and whose hook has not succeeded yet, as (key id, file).
    pub fn waiting(&self) -> Vec<(String, PathBuf)> {
        let Ok(entries) = std::fs::read_dir(&self.spool) else { return Vec::new() };
        let mut found: Vec<(String, PathBuf)> = entries
            .filter_map(|e| {
                let path = e.ok()?.path();
                let id = path.file_name()?.to_str()?.strip_suffix(".token")?.to_string();
                crate::token::is_id(&id).then_some((id, path))
            })
            .collect();
        found.sort();
        found
    }

    /// Drops a spooled token without delivering it (its key was revoked, or never worked).
    pub fn discard(&self, file: &Path) {
        let _ = std::fs::remove_file(file);
    }

    /// Runs the hook for the token in `file`; on success the file is removed. The error
    /// says why the hook failed (exit status, signal, timeout, or not started).
    pub fn run(&self, file: &Path, env: &HookEnv) -> Result<()> {
        let token = Zeroizing::new(std::fs::read(file).map_err(|e| Error::failure(format!("cannot read the spooled token {}: {e}", file.display())))?);
        let stdout = {
            use std::os::fd::AsFd;
            std::io::stderr().as_fd().try_clone_to_owned().map(Stdio::from).unwrap_or_else(|_| Stdio::null())
        };
        let when = |t: Option<i64>| t.map(policy::format_time).unwrap_or_default();
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(&self.cmd)
            .stdin(Stdio::piped())
            .stdout(stdout)
            .env("KEYSMITH_EVENT", if env.old_id.is_some() { "rotate" } else { "create" })
            .env("KEYSMITH_KEY_ID", &env.key.id)
            .env("KEYSMITH_KEY_LABEL", &env.key.label)
            .env("KEYSMITH_OLD_KEY_ID", env.old_id.unwrap_or_default())
            .env("KEYSMITH_EXPIRES_AT", when(env.key.expires_at))
            .env("KEYSMITH_GRACE_END", when(env.grace_end));
        for var in SECRET_VARS {
            cmd.env_remove(var);
        }
        let mut child = cmd.spawn().map_err(|e| Error::failure(format!("the --exec hook could not be started: {e}")))?;
        if let Some(mut stdin) = child.stdin.take() {
            // A hook that does not read its stdin is judged by its exit status alone.
            let _ = stdin.write_all(&token);
        }
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break status;
            }
            if start.elapsed() >= self.timeout {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Error::failure(format!("the --exec hook did not finish within {}", policy::format_secs(self.timeout.as_secs() as i64))));
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        if !status.success() {
            use std::os::unix::process::ExitStatusExt;
            let why = match (status.code(), status.signal()) {
                (Some(code), _) => format!("exit status {code}"),
                (None, Some(sig)) => format!("killed by signal {sig}"),
                (None, None) => status.to_string(),
            };
            return Err(Error::failure(format!("the --exec hook failed ({why})")));
        }
        self.discard(file);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str) -> ApiKey {
        ApiKey {
            id: id.into(),
            account_id: "a".into(),
            public_key: vec![0; 32],
            label: "ci bot".into(),
            scope: crate::policy::Scope { permissions: vec![], vaults: vec![], rate_limit: None, bytes_per_day: None, write_only: false },
            created_at: 0,
            expires_at: Some(86_400),
            revoked_at: None,
            rotated_from: None,
            rotated_to: None,
            grace_end: None,
            last_used_at: None,
            account_key_binding: None,
            parent_id: None,
            escrow: None,
        }
    }

    #[test]
    fn the_hook_gets_the_token_on_stdin_and_metadata_in_env_and_only_success_unspools() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let cmd = format!("cat > {0}/stdin; env | grep '^KEYSMITH_' | sort > {0}/env; test ! -e {0}/fail", out.display());
        std::fs::create_dir(&out).unwrap();
        let hook = Hook::new(&cmd, dir.path(), "here", Duration::from_secs(30)).unwrap();
        hook.target().check(None).unwrap();
        let file = hook.spool.join("00112233445566aa.token");
        std::fs::write(&file, "ks_secret\n").unwrap();
        assert_eq!(hook.waiting(), vec![("00112233445566aa".to_string(), file.clone())]);
        std::fs::write(out.join("fail"), "").unwrap();
        let k = key("00112233445566aa");
        let env = HookEnv { key: &k, old_id: Some("ffeeddccbbaa9988"), grace_end: Some(3600) };
        let e = hook.run(&file, &env).unwrap_err();
        assert!(e.message().contains("exit status 1"), "{}", e.message());
        assert!(file.exists(), "a failed hook leaves the token spooled");
        std::fs::remove_file(out.join("fail")).unwrap();
        hook.run(&file, &env).unwrap();
        assert!(!file.exists() && hook.waiting().is_empty());
        assert_eq!(std::fs::read_to_string(out.join("stdin")).unwrap(), "ks_secret\n");
        let vars = std::fs::read_to_string(out.join("env")).unwrap();
        for want in [
            "KEYSMITH_EVENT=rotate",
            "KEYSMITH_KEY_ID=00112233445566aa",
            "KEYSMITH_KEY_LABEL=ci bot",
            "KEYSMITH_OLD_KEY_ID=ffeeddccbbaa9988",
            "KEYSMITH_EXPIRES_AT=1970-01-02T00:00:00Z",
            "KEYSMITH_GRACE_END=1970-01-01T01:00:00Z",
        ] {
            assert!(vars.lines().any(|l| l == want), "{want} missing from {vars}");
        }
        assert!(!vars.contains("ks_secret"), "the token is on stdin only");
    }

    #[test]
    fn a_hung_hook_is_killed_and_each_command_and_backend_has_its_own_spool() {
        let dir = tempfile::tempdir().unwrap();
        let hook = Hook::new("sleep 30", dir.path(), "here", Duration::from_millis(200)).unwrap();
        hook.target().check(None).unwrap();
        let file = hook.spool.join("00112233445566aa.token");
        std::fs::write(&file, "t\n").unwrap();
        let k = key("00112233445566aa");
        let e = hook.run(&file, &HookEnv { key: &k, old_id: None, grace_end: None }).unwrap_err();
        assert!(e.message().contains("did not finish"), "{}", e.message());
        assert!(file.exists());
        let other_cmd = Hook::new("sleep 31", dir.path(), "here", Duration::from_secs(1)).unwrap();
        let other_backend = Hook::new("sleep 30", dir.path(), "there", Duration::from_secs(1)).unwrap();
        assert!(other_cmd.waiting().is_empty() && other_backend.waiting().is_empty());
        assert!(Hook::new("  ", dir.path(), "here", Duration::from_secs(1)).is_err());
    }
}
