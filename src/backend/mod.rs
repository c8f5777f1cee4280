//! The backend as the owner's CLI sees it: one trait, two implementations.
//!
//! - [`embedded::Embedded`]: the local SQLite store, in process (the default);
//! - [`remote::Remote`]: HTTP/JSON against `keysmith serve` or any backend that
//!   implements `openapi.json`.
//!
//! The backend authenticates the owner by the login secret (never the password),
//! authorizes every call by a session, writes the audit trail, and only ever stores
//! and returns ciphertext, verifiers and public keys. `keysmith serve` exposes the
//! embedded implementation over HTTP, so both behave the same.

pub mod embedded;
pub mod remote;

use crate::audit::{Event, EventFilter};
use crate::crypto::SecretKey;
use crate::error::Result;
use crate::store::{Account, ApiKey, Grant, PasswordChange, Usage, UsageQuery, Vault};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// What a client needs before it can derive the login secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KdfParams {
    pub account_id: String,
    #[serde(with = "crate::serde_hex::bytes")]
    pub kdf_salt: Vec<u8>,
    #[serde(flatten)]
    pub kdf: crate::crypto::Kdf,
}

/// An owner session: a bearer token the backend keeps only a hash of.
#[derive(Clone)]
pub struct Session {
    pub account_id: String,
    pub token: Zeroizing<String>,
    pub expires_at: i64,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("account_id", &self.account_id).field("expires_at", &self.expires_at).finish_non_exhaustive()
    }
}

/// Owner sessions made to run one command (the password was just typed).
pub const COMMAND_SESSION_SECS: i64 = 300;

pub trait Backend {
    /// The KDF parameters of an account (`None`: the backend's only account, embedded).
    fn kdf_params(&self, account_id: Option<&str>) -> Result<KdfParams>;
    /// Creates an account with its first vault, if the backend's registration policy allows
    /// (an invite code where it registers by invite). Refused if the account exists.
    fn register(&self, account: &Account, first_vault: &Vault, invite: Option<&str>) -> Result<()>;
    /// Checks the login secret; returns a session and the account's wrapped keys.
    /// A wrong secret is an authentication error, audited as a denied login.
    fn login(&self, account_id: &str, login_secret: &SecretKey, ttl_secs: i64) -> Result<(Session, Account)>;
    fn logout(&self, session: &Session) -> Result<()>;
    /// Whether the session is still valid.
    fn session_valid(&self, session: &Session) -> Result<bool>;
    /// Re-keys the password; needs the current login secret too. Ends every session.
    fn change_password(&self, session: &Session, current_login_secret: &SecretKey, change: &PasswordChange) -> Result<()>;

    fn create_vault(&self, session: &Session, vault: &Vault) -> Result<()>;
    fn list_vaults(&self, session: &Session) -> Result<Vec<Vault>>;

    fn create_key(&self, session: &Session, key: &ApiKey, grants: &[Grant]) -> Result<()>;
    fn list_keys(&self, session: &Session) -> Result<Vec<ApiKey>>;
    fn get_key(&self, session: &Session, key_id: &str) -> Result<ApiKey>;
    /// Creates `new` and gives `old_id` a grace end, atomically.
    fn rotate_key(&self, session: &Session, old_id: &str, grace_end: i64, new: &ApiKey, grants: &[Grant]) -> Result<()>;
    /// Revokes a key (idempotent) and returns it.
    fn revoke_key(&self, session: &Session, key_id: &str) -> Result<ApiKey>;
    /// Applies a rekey (revocations and new vault key versions) at once.
    fn rekey(&self, session: &Session, rekey: &crate::store::Rekey) -> Result<()>;

    /// The account's agent activity per key and day in the query's period, and each key's
    /// stored files (one key's with `key_id`: not found unless it is the account's).
    fn usage(&self, session: &Session, query: &UsageQuery) -> Result<Usage>;

    /// Matching events, oldest first (the newest `limit` of them).
    fn audit_events(&self, session: &Session, filter: &EventFilter) -> Result<Vec<Event>>;
    /// The chain's head: last sequence number and hash.
    fn audit_head(&self, session: &Session) -> Result<Option<(i64, Vec<u8>)>>;
}
