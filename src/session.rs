//! The owner's session cache: a short-lived session token (never the password, never
//! the master key) kept in the OS keyring (keyring-core; the kernel keyutils store on
//! Linux), one per backend (data directory or server URL). Where the keyring does not
//! work (headless servers, CI), keysmith says so and falls back to a 0600 file in the
//! data directory. `KEYSMITH_SESSION_STORE=file` picks the file directly.

use crate::backend::Session;
use crate::error::Result;
use crate::files;
use keyring_core::{CredentialStore, Entry};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use zeroize::Zeroizing;

const SERVICE: &str = "keysmith";

#[derive(Serialize, Deserialize)]
struct Cached {
    account_id: String,
    token: String,
    expires_at: i64,
}

impl Drop for Cached {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.token);
    }
}

pub struct SessionCache {
    keyring: Option<Arc<CredentialStore>>,
    /// The keyring entry's user name: one per backend.
    user: String,
    file: PathBuf,
}

/// Where a session was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    Keyring,
    /// In this file, because the keyring failed with this reason (or was not asked for).
    File(PathBuf, Option<String>),
}

fn user_for(backend_identity: &str) -> String {
    format!("session-{}", &hex::encode(crate::crypto::sha256(&[backend_identity.as_bytes()]))[..16])
}

impl SessionCache {
    /// The cache for one backend (`identity`: its data directory or URL), honouring
    /// `KEYSMITH_SESSION_STORE` (`keyring`|`file`). The fallback file is in `data_dir`.
    pub fn new(data_dir: &Path, identity: &str) -> Self {
        let user = user_for(identity);
        let file = data_dir.join(format!("{user}.json"));
        let use_keyring = std::env::var("KEYSMITH_SESSION_STORE").map(|v| v != "file").unwrap_or(true);
        SessionCache { keyring: if use_keyring { os_store() } else { None }, user, file }
    }

    /// A cache over a given credential store (tests pass `keyring_core::mock`).
    pub fn with_store(store: Option<Arc<CredentialStore>>, identity: &str, file: PathBuf) -> Self {
        SessionCache { keyring: store, user: user_for(identity), file }
    }

    pub fn save(&self, s: &Session) -> Result<Saved> {
        let cached = Cached { account_id: s.account_id.clone(), token: s.token.to_string(), expires_at: s.expires_at };
        let value = Zeroizing::new(serde_json::to_string(&cached).expect("serializes"));
        let reason = match &self.keyring {
            Some(store) => match keyring_write(store, &self.user, &value) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&self.file);
                    return Ok(Saved::Keyring);
                }
                Err(e) => Some(e),
            },
            None => None,
        };
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        files::write_private(&self.file, value.as_bytes(), true)?;
        Ok(Saved::File(self.file.clone(), reason))
    }

    /// The cached session, if one is cached and unexpired at `now`.
    pub fn load(&self, now: i64) -> Option<Session> {
        let raw = self
            .keyring
            .as_ref()
            .and_then(|s| Entry::new_in_store(s, SERVICE, &self.user).ok()?.get_password().ok())
            .map(Zeroizing::new)
            .or_else(|| std::fs::read_to_string(&self.file).ok().map(Zeroizing::new))?;
        let cached: Cached = serde_json::from_str(&raw).ok()?;
        (cached.expires_at > now).then(|| Session {
            account_id: cached.account_id.clone(),
            token: Zeroizing::new(cached.token.clone()),
            expires_at: cached.expires_at,
        })
    }

    pub fn clear(&self) {
        if let Some(s) = &self.keyring
            && let Ok(e) = Entry::new_in_store(s, SERVICE, &self.user)
        {
            let _ = e.delete_credential();
        }
        let _ = std::fs::remove_file(&self.file);
    }
}

/// Writes and reads back: some stores accept a write they cannot serve later.
fn keyring_write(store: &Arc<CredentialStore>, user: &str, value: &str) -> std::result::Result<(), String> {
    let entry = Entry::new_in_store(store, SERVICE, user).map_err(|e| e.to_string())?;
    entry.set_password(value).map_err(|e| e.to_string())?;
    match entry.get_password() {
        Ok(back) if back == value => Ok(()),
        Ok(_) => Err("the keyring returned a different value".into()),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(target_os = "linux")]
fn os_store() -> Option<Arc<CredentialStore>> {
    linux_keyutils_keyring_store::Store::new().ok().map(|s| s as Arc<CredentialStore>)
}

#[cfg(not(target_os = "linux"))]
fn os_store() -> Option<Arc<CredentialStore>> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(token: &str, expires_at: i64) -> Session {
        Session { account_id: "acct".into(), token: Zeroizing::new(token.into()), expires_at }
    }

    #[test]
    fn keyring_round_trip_and_fallback_to_private_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("session.json");
        let mock: Arc<CredentialStore> = keyring_core::mock::Store::new().unwrap();
        let cache = SessionCache::with_store(Some(mock.clone()), "/data/a", file.clone());
        assert_eq!(cache.save(&session("tok", 100)).unwrap(), Saved::Keyring);
        assert!(!file.exists(), "nothing written to disk when the keyring works");
        assert_eq!(cache.load(50).unwrap().token.as_str(), "tok");
        assert!(cache.load(100).is_none(), "expired sessions are not returned");
        assert!(SessionCache::with_store(Some(mock.clone()), "/data/b", dir.path().join("b.json")).load(50).is_none(), "one session per backend");
        cache.clear();
        assert!(cache.load(50).is_none());

        // A keyring that fails: the session goes to a 0600 file, with the reason.
        let other = SessionCache::with_store(Some(mock.clone()), "https://keys.example", file.clone());
        let entry = Entry::new_in_store(&mock, SERVICE, &other.user).unwrap();
        let cred: &keyring_core::mock::Cred = entry.as_any().downcast_ref().unwrap();
        cred.set_error(keyring_core::Error::NoStorageAccess("locked".into()));
        match other.save(&session("tok2", 100)).unwrap() {
            Saved::File(p, Some(reason)) => {
                assert_eq!(p, file);
                assert!(reason.contains("locked"), "{reason}");
            }
            other => panic!("expected a file fallback, got {other:?}"),
        }
        assert_eq!(other.load(50).unwrap().token.as_str(), "tok2");

        let file_only = SessionCache::with_store(None, "x", file.clone());
        assert!(matches!(file_only.save(&session("t", 100)).unwrap(), Saved::File(_, None)));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert_eq!(file_only.load(50).unwrap().token.as_str(), "t");
    }
}
