//! The owner's session cache: a short-lived session token (never the password, never
//! the master key) kept in the OS keyring (keyring-core; the kernel keyutils store on
//! Linux). Where the keyring does not work (headless servers, CI), keysmith says so and
//! falls back to a 0600 file in the data directory. `KEYSMITH_SESSION_STORE=file` picks
//! the file directly.

use crate::error::Result;
use crate::files;
use keyring_core::{CredentialStore, Entry};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;
use zeroize::Zeroizing;

const SERVICE: &str = "keysmith";

#[derive(Serialize, Deserialize)]
struct Cached {
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
    file: PathBuf,
}

/// Where a session was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    Keyring,
    /// In this file, because the keyring failed with this reason (or was not asked for).
    File(PathBuf, Option<String>),
}

impl SessionCache {
    /// The cache for a data directory, honouring `KEYSMITH_SESSION_STORE` (`keyring`|`file`).
    pub fn for_data_dir(data_dir: &std::path::Path) -> Self {
        let file = data_dir.join("session.json");
        let use_keyring = std::env::var("KEYSMITH_SESSION_STORE").map(|v| v != "file").unwrap_or(true);
        SessionCache { keyring: if use_keyring { os_store() } else { None }, file }
    }

    /// A cache over a given credential store (tests pass `keyring_core::mock`).
    pub fn with_store(store: Arc<CredentialStore>, file: PathBuf) -> Self {
        SessionCache { keyring: Some(store), file }
    }

    pub fn save(&self, account_id: &str, token: &str, expires_at: i64) -> Result<Saved> {
        let value = Zeroizing::new(serde_json::to_string(&Cached { token: token.to_string(), expires_at }).expect("serializes"));
        let reason = match &self.keyring {
            Some(store) => match keyring_write(store, account_id, &value) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&self.file);
                    return Ok(Saved::Keyring);
                }
                Err(e) => Some(e),
            },
            None => None,
        };
        files::write_private(&self.file, value.as_bytes(), true)?;
        Ok(Saved::File(self.file.clone(), reason))
    }

    /// The cached session token, if one is cached and unexpired.
    pub fn load(&self, account_id: &str, now: i64) -> Option<Zeroizing<String>> {
        let raw = self
            .keyring
            .as_ref()
            .and_then(|s| Entry::new_in_store(s, SERVICE, account_id).ok()?.get_password().ok())
            .map(Zeroizing::new)
            .or_else(|| std::fs::read_to_string(&self.file).ok().map(Zeroizing::new))?;
        let cached: Cached = serde_json::from_str(&raw).ok()?;
        (cached.expires_at > now).then(|| Zeroizing::new(cached.token.clone()))
    }

    pub fn clear(&self, account_id: &str) {
        if let Some(s) = &self.keyring {
            if let Ok(e) = Entry::new_in_store(s, SERVICE, account_id) {
                let _ = e.delete_credential();
            }
        }
        let _ = std::fs::remove_file(&self.file);
    }
}

/// Writes and reads back: some stores accept a write they cannot serve later.
fn keyring_write(store: &Arc<CredentialStore>, account_id: &str, value: &str) -> std::result::Result<(), String> {
    let entry = Entry::new_in_store(store, SERVICE, account_id).map_err(|e| e.to_string())?;
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

    #[test]
    fn keyring_round_trip_and_fallback_to_private_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("session.json");
        let mock: Arc<CredentialStore> = keyring_core::mock::Store::new().unwrap();
        let cache = SessionCache::with_store(mock.clone(), file.clone());
        assert_eq!(cache.save("acct", "tok", 100).unwrap(), Saved::Keyring);
        assert!(!file.exists(), "nothing written to disk when the keyring works");
        assert_eq!(cache.load("acct", 50).unwrap().as_str(), "tok");
        assert!(cache.load("acct", 100).is_none(), "expired sessions are not returned");
        cache.clear("acct");
        assert!(cache.load("acct", 50).is_none());

        // A keyring that fails: the session goes to a 0600 file, with the reason.
        let entry = Entry::new_in_store(&mock, SERVICE, "acct2").unwrap();
        let cred: &keyring_core::mock::Cred = entry.as_any().downcast_ref().unwrap();
        cred.set_error(keyring_core::Error::NoStorageAccess("locked".into()));
        match cache.save("acct2", "tok2", 100).unwrap() {
            Saved::File(p, Some(reason)) => {
                assert_eq!(p, file);
                assert!(reason.contains("locked"), "{reason}");
            }
            other => panic!("expected a file fallback, got {other:?}"),
        }
        assert_eq!(cache.load("acct2", 50).unwrap().as_str(), "tok2");

        let file_only = SessionCache { keyring: None, file: file.clone() };
        assert!(matches!(file_only.save("a", "t", 100).unwrap(), Saved::File(_, None)));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert_eq!(file_only.load("a", 50).unwrap().as_str(), "t");
    }
}
