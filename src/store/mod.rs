//! Persistence behind one trait. Every mutating method is atomic: the record changes
//! and the audit events that describe them commit together or not at all.
//!
//! [`sqlite::SqliteStore`] is the embedded default; a PostgreSQL implementation can
//! implement the same trait without changing callers (no SQL leaks out of this module).

pub mod postgres;
pub mod sqlite;

use crate::audit::{Event, EventFilter, NewEvent};
use crate::crypto;
use crate::error::Result;
use crate::policy::{self, KeyStatus, Scope};
use serde::{Deserialize, Serialize};

/// An owner account. Holds nothing the backend can decrypt.
#[derive(Clone, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    #[serde(with = "crate::serde_hex::bytes")]
    pub kdf_salt: Vec<u8>,
    /// The password-hashing function and its parameters.
    #[serde(flatten)]
    pub kdf: crypto::Kdf,
    /// SHA-256 over a label and the login secret.
    #[serde(with = "crate::serde_hex::bytes")]
    pub login_verifier: Vec<u8>,
    /// The master key, wrapped under the password's key-encryption key.
    #[serde(with = "crate::serde_hex::bytes")]
    pub wrapped_master_key: Vec<u8>,
    /// The account's X25519 public key (agents seal new vault keys to it).
    #[serde(with = "crate::serde_hex::bytes")]
    pub public_key: Vec<u8>,
    /// Its private half, wrapped under the master key.
    #[serde(with = "crate::serde_hex::bytes")]
    pub wrapped_private_key: Vec<u8>,
    pub created_at: i64,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account").field("id", &self.id).field("kdf", &self.kdf).finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Vault {
    pub id: String,
    pub account_id: String,
    /// The vault's name, encrypted under its vault key.
    #[serde(with = "crate::serde_hex::bytes")]
    pub encrypted_name: Vec<u8>,
    /// The vault key wrapped under the master key (absent while only sealed).
    #[serde(with = "crate::serde_hex::opt")]
    pub wrapped_key: Option<Vec<u8>>,
    /// The vault key sealed to the account public key (vaults created by agents).
    #[serde(with = "crate::serde_hex::opt")]
    pub sealed_key: Option<Vec<u8>>,
    /// `owner` or the id of the key that created it.
    pub created_by: String,
    pub created_at: i64,
    /// The version of the vault key (1, then one more at each rekey).
    #[serde(default = "first_version")]
    pub key_version: u32,
    /// Every older vault key, wrapped under the current one (see [`ChainLink`]).
    #[serde(default)]
    pub key_chain: Vec<ChainLink>,
}

pub(crate) fn first_version() -> u32 {
    1
}

/// An older version of a vault key, wrapped under the vault's current key: whoever holds
/// the current key reads files of every version; whoever held only an older one reads
/// nothing written since.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChainLink {
    pub version: u32,
    #[serde(with = "crate::serde_hex::bytes")]
    pub wrapped_key: Vec<u8>,
}

/// A scoped API key as the backend stores it: only its public verification key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiKey {
    pub id: String,
    pub account_id: String,
    pub label: String,
    /// Ed25519 public key that verifies the agent's request signatures.
    #[serde(with = "crate::serde_hex::bytes")]
    pub public_key: Vec<u8>,
    pub scope: Scope,
    pub expires_at: Option<i64>,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub rotated_from: Option<String>,
    pub rotated_to: Option<String>,
    pub grace_end: Option<i64>,
    /// The account's public key wrapped under this key's wrapping key by the owner (or
    /// re-wrapped by the holder when it rotates): the agent's proof of which key to seal
    /// new vault keys to. Absent on keys made before it existed.
    #[serde(default, with = "crate::serde_hex::opt")]
    pub account_key_binding: Option<Vec<u8>>,
    /// The key that minted this one (a delegated child), if a key did: the child ends
    /// when any of its ancestors is revoked or expired.
    #[serde(default)]
    pub parent_id: Option<String>,
    /// The key's wrapping key sealed to the account's public key, so that the owner can
    /// re-grant it a vault's new key at a rekey. Absent on keys made before it existed.
    #[serde(default, with = "crate::serde_hex::opt")]
    pub escrow: Option<Vec<u8>>,
}

impl ApiKey {
    pub fn status(&self, now: i64) -> KeyStatus {
        policy::key_status(now, self.revoked_at, self.expires_at, self.grace_end)
    }

    /// Active and expiring within `secs`: due for rotation, and not rotated yet.
    pub fn expires_within(&self, now: i64, secs: i64) -> bool {
        self.status(now) == KeyStatus::Active && self.expires_at.is_some_and(|e| e <= now.saturating_add(secs))
    }
}

/// A file's metadata as the backend stores it: ids, sizes and ciphertext only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileRecord {
    pub id: String,
    pub vault_id: String,
    /// The file name, encrypted under the file key.
    #[serde(with = "crate::serde_hex::bytes")]
    pub encrypted_name: Vec<u8>,
    /// The file key, wrapped under the vault key.
    #[serde(with = "crate::serde_hex::bytes")]
    pub wrapped_key: Vec<u8>,
    /// Size of the encrypted blob in bytes.
    pub size: u64,
    /// SHA-256 of the encrypted blob, announced before upload and checked on arrival.
    #[serde(with = "crate::serde_hex::bytes")]
    pub sha256: Vec<u8>,
    /// `pending` until the blob arrived and matched, then `complete`.
    pub state: String,
    /// `owner` or the id of the key that uploaded it.
    pub created_by: String,
    pub created_at: i64,
    /// The version of the vault key its file key was wrapped or sealed with.
    #[serde(default = "first_version")]
    pub key_version: u32,
}

/// A granted vault as its key's holder sees it.
#[derive(Debug, Clone)]
pub struct GrantedVault {
    pub vault_id: String,
    pub encrypted_name: Vec<u8>,
    pub wrapped_vault_key: Vec<u8>,
    pub key_version: u32,
    pub key_chain: Vec<ChainLink>,
}

/// A rekey, committed at once: keys revoked, and each vault's new key version — its new
/// wrapped key and name, its older keys wrapped under the new one, and a new grant for
/// every key of the vault that is still usable.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rekey {
    #[serde(default)]
    pub revoke: Vec<String>,
    pub vaults: Vec<VaultRekey>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VaultRekey {
    pub vault_id: String,
    /// The version the owner rekeyed from: refused if the vault moved on meanwhile.
    pub from_version: u32,
    #[serde(with = "crate::serde_hex::bytes")]
    pub wrapped_key: Vec<u8>,
    #[serde(with = "crate::serde_hex::bytes")]
    pub encrypted_name: Vec<u8>,
    pub key_chain: Vec<ChainLink>,
    pub grants: Vec<Grant>,
}

/// The most vaults, and keys revoked, one rekey may carry.
pub const MAX_REKEY_ITEMS: usize = 10_000;

impl Rekey {
    /// Shapes only (the store checks the rest against what it holds).
    pub fn check_shape(&self) -> Result<()> {
        if self.vaults.is_empty() || self.vaults.len() > MAX_REKEY_ITEMS || self.revoke.len() > MAX_REKEY_ITEMS {
            return Err(crate::error::Error::usage(format!("a rekey names 1 to {MAX_REKEY_ITEMS} vaults and at most as many keys")));
        }
        self.revoke.iter().try_for_each(|k| check_id("revoke", k))?;
        for v in &self.vaults {
            check_id("vault_id", &v.vault_id)?;
            check_len("wrapped_key", v.wrapped_key.len(), KEY_LEN)?;
            check_len("encrypted_name", v.encrypted_name.len(), NAME_LEN)?;
            let versions: Vec<u32> = v.key_chain.iter().map(|l| l.version).collect();
            if v.from_version == 0 || versions != (1..=v.from_version).collect::<Vec<_>>() {
                return Err(crate::error::Error::usage("key_chain holds versions 1 to from_version, in order"));
            }
            v.key_chain.iter().try_for_each(|l| check_len("key_chain wrapped_key", l.wrapped_key.len(), KEY_LEN))?;
            for g in &v.grants {
                g.check_shape()?;
                if g.vault_id != v.vault_id {
                    return Err(crate::error::Error::usage("a vault's grants name that vault"));
                }
            }
        }
        Ok(())
    }
}

/// A file announced for a vault at `current` key version must name that version: a client
/// still holding an older key (the vault was rekeyed meanwhile) is refused.
pub(crate) fn check_file_version(f: &FileRecord, current: Option<u32>) -> Result<()> {
    match current {
        None => Err(crate::error::Error::not_found(format!("no vault {}", f.vault_id))),
        Some(v) if v != f.key_version => {
            Err(crate::error::Error::failure(format!("vault {} is at key version {v}; the file was encrypted for version {}", f.vault_id, f.key_version))
                .hint("the vault was rekeyed: connect again and upload again"))
        }
        Some(_) => Ok(()),
    }
}

/// A key holding a vault, as a rekey checks it: id, revoked_at, expires_at, grace_end.
pub(crate) type Holder = (String, Option<i64>, Option<i64>, Option<i64>);

/// The check a store makes in the rekey's transaction for one vault: it is still at
/// `from_version`, and the grants are exactly for the keys holding the vault that are
/// usable once the rekey's revocations apply (`holders`: id, revoked_at, expires_at, grace_end).
pub(crate) fn check_rekey_vault(v: &VaultRekey, current: u32, holders: &[Holder], revoke: &[String], now: i64) -> Result<()> {
    if current != v.from_version {
        return Err(crate::error::Error::failure(format!("vault {} is at key version {current} now, not {}", v.vault_id, v.from_version))
            .hint("it was rekeyed meanwhile; run the command again"));
    }
    let mut alive: Vec<&str> = holders
        .iter()
        .filter(|(id, revoked, expires, grace)| !revoke.contains(id) && policy::key_status(now, *revoked, *expires, *grace).is_usable())
        .map(|(id, ..)| id.as_str())
        .collect();
    let mut granted: Vec<&str> = v.grants.iter().map(|g| g.key_id.as_str()).collect();
    alive.sort_unstable();
    granted.sort_unstable();
    if alive != granted {
        return Err(crate::error::Error::failure(format!("the keys of vault {} changed meanwhile", v.vault_id)).hint("run the command again"));
    }
    Ok(())
}

/// The columns that hold an account's password-hashing function: algorithm, iterations,
/// memory (KiB) and parallelism (the last two for Argon2id only).
pub(crate) type KdfColumns = (&'static str, i64, Option<i64>, Option<i64>);

pub(crate) fn kdf_columns(k: &crypto::Kdf) -> KdfColumns {
    match *k {
        crypto::Kdf::Pbkdf2Sha256 { iterations } => (crypto::Kdf::PBKDF2, iterations.into(), None, None),
        crypto::Kdf::Argon2id { memory_kib, iterations, parallelism } => {
            (crypto::Kdf::ARGON2ID, iterations.into(), Some(memory_kib.into()), Some(parallelism.into()))
        }
    }
}

/// The function those columns name, or `None` if they hold nothing keysmith wrote.
pub(crate) fn kdf_from_columns(algorithm: &str, iterations: i64, memory_kib: Option<i64>, parallelism: Option<i64>) -> Option<crypto::Kdf> {
    let n = |v: i64| u32::try_from(v).ok();
    match (algorithm, memory_kib, parallelism) {
        (crypto::Kdf::PBKDF2, None, None) => Some(crypto::Kdf::Pbkdf2Sha256 { iterations: n(iterations)? }),
        (crypto::Kdf::ARGON2ID, Some(m), Some(p)) => Some(crypto::Kdf::Argon2id { memory_kib: n(m)?, iterations: n(iterations)?, parallelism: n(p)? }),
        _ => None,
    }
}

/// A second account where a store holds one.
pub fn account_exists() -> crate::error::Error {
    crate::error::Error::failure("an account already exists on this backend")
        .hint("use it (e.g. `keysmith key list`), or pass another --data-dir to start afresh")
}

/// An invite that is unknown, used or expired (one answer for all three).
pub fn invite_refused() -> crate::error::Error {
    crate::error::Error::auth("this invite code is not valid (unknown, used or expired)").hint("ask the server's operator for a new one")
}

/// Refuses a length outside `range` for the field `what`.
fn check_len(what: &str, len: usize, range: std::ops::RangeInclusive<usize>) -> Result<()> {
    if range.contains(&len) {
        return Ok(());
    }
    Err(crate::error::Error::usage(format!("{what} must be {} to {} bytes (got {len})", range.start(), range.end())))
}

fn check_id(what: &str, id: &str) -> Result<()> {
    if crate::token::is_id(id) { Ok(()) } else { Err(crate::error::Error::usage(format!("{what} must be 16 lowercase hex characters"))) }
}

/// What a wrapped name may be: a wrap of 1 to [`crypto::MAX_NAME_BYTES`] bytes.
const NAME_LEN: std::ops::RangeInclusive<usize> = crypto::WRAP_OVERHEAD + 1..=crypto::WRAP_OVERHEAD + crypto::MAX_NAME_BYTES;
const KEY_LEN: std::ops::RangeInclusive<usize> = crypto::WRAPPED_KEY_LEN..=crypto::WRAPPED_KEY_LEN;

impl Vault {
    /// The shapes a backend can check without decrypting anything (every path that stores a vault).
    pub fn check_shape(&self) -> Result<()> {
        check_id("vault id", &self.id)?;
        check_len("encrypted_name", self.encrypted_name.len(), NAME_LEN)?;
        match (&self.wrapped_key, &self.sealed_key) {
            (None, None) => Err(crate::error::Error::usage("a vault needs a wrapped_key or a sealed_key")),
            (w, s) => {
                if let Some(w) = w {
                    check_len("wrapped_key", w.len(), KEY_LEN)?;
                }
                if let Some(s) = s {
                    check_len("sealed_key", s.len(), crypto::SEALED_KEY_LEN..=crypto::SEALED_KEY_LEN)?;
                }
                Ok(())
            }
        }
    }
}

impl Grant {
    pub fn check_shape(&self) -> Result<()> {
        check_id("vault_id", &self.vault_id)?;
        check_len("wrapped_vault_key", self.wrapped_vault_key.len(), KEY_LEN)
    }
}

impl FileRecord {
    pub fn check_shape(&self) -> Result<()> {
        check_id("file_id", &self.id)?;
        check_len("encrypted_name", self.encrypted_name.len(), NAME_LEN)?;
        if ![crypto::WRAPPED_KEY_LEN, crypto::SEALED_KEY_LEN].contains(&self.wrapped_key.len()) {
            return Err(crate::error::Error::usage(format!(
                "wrapped_key must be {} bytes (wrapped) or {} (sealed); got {}",
                crypto::WRAPPED_KEY_LEN,
                crypto::SEALED_KEY_LEN,
                self.wrapped_key.len()
            )));
        }
        check_len("sha256", self.sha256.len(), 32..=32)
    }
}

/// A vault key wrapped under an API key's wrapping key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Grant {
    pub key_id: String,
    pub vault_id: String,
    #[serde(with = "crate::serde_hex::bytes")]
    pub wrapped_vault_key: Vec<u8>,
}

/// The backend's view of a password change.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PasswordChange {
    #[serde(with = "crate::serde_hex::bytes")]
    pub kdf_salt: Vec<u8>,
    #[serde(flatten)]
    pub kdf: crypto::Kdf,
    #[serde(with = "crate::serde_hex::bytes")]
    pub login_verifier: Vec<u8>,
    #[serde(with = "crate::serde_hex::bytes")]
    pub wrapped_master_key: Vec<u8>,
}

/// One agent request's claim on its key's limits, decided and recorded atomically:
/// the nonce is spent, the rate window and daily byte counters move, `last_used_at`
/// is set and `event` is appended (as allowed, or denied with the reason).
#[derive(Debug, Clone)]
pub struct Admission {
    pub key_id: String,
    pub nonce: String,
    /// When the nonce may be forgotten: computed from the request's signed timestamp (not
    /// the server's clock), so that a replay of the request computes the same value.
    pub nonce_expires_at: i64,
    pub now: i64,
    pub rate_limit: Option<crate::policy::RateLimit>,
    pub bytes_per_day: Option<u64>,
    /// Bytes this request transfers, counted against the daily quota.
    pub bytes: u64,
    pub event: NewEvent,
}

/// What the rate limiter says about the current window (for `RateLimit-*` headers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateState {
    pub limit: u64,
    pub remaining: u64,
    /// Seconds until the window resets.
    pub reset_secs: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admitted {
    Yes(Option<RateState>),
    /// The nonce was used before: a replayed request.
    Replay,
    RateLimited(RateState),
    /// The daily byte quota would be exceeded; retry after this many seconds.
    QuotaExceeded {
        retry_after: i64,
    },
}

/// Seconds in a day: usage is counted per UTC day.
pub const DAY_SECS: i64 = 86_400;
/// The longest period one usage query covers.
pub const MAX_USAGE_DAYS: i64 = 400;

/// What [`Store::usage`] counts: an account's agent activity in `[since, until)`, one key or all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageQuery {
    pub since: i64,
    pub until: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
}

impl UsageQuery {
    /// Bounds every backend enforces: a key id's shape, `since < until`, at most [`MAX_USAGE_DAYS`].
    pub fn check(&self) -> Result<()> {
        if let Some(k) = &self.key_id {
            check_id("key_id", k)?;
        }
        if self.since < 0 || self.since >= self.until || self.until - self.since > MAX_USAGE_DAYS * DAY_SECS {
            return Err(crate::error::Error::usage(format!("a usage period is since < until, at most {MAX_USAGE_DAYS} days, after 1970")));
        }
        Ok(())
    }
}

/// One key's activity on one UTC day, counted from its audit events: `requests` are its
/// signed requests (every agent event of the key but `file.upload`, the arrival of a blob
/// whose `file.put` was counted), `denied` those refused, `uploaded`/`downloaded` the
/// encrypted bytes of allowed `file.put`/`file.get`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageDay {
    pub key_id: String,
    /// The day's first second (Unix time, a multiple of [`DAY_SECS`]).
    pub day: i64,
    pub requests: u64,
    pub denied: u64,
    pub uploaded: u64,
    pub downloaded: u64,
}

/// What a key holds now: the complete files it uploaded that are still there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stored {
    pub key_id: String,
    pub files: u64,
    pub bytes: u64,
}

/// An account's usage: days with activity (by key, then day) and storage by key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub days: Vec<UsageDay>,
    pub stored: Vec<Stored>,
}

impl Usage {
    /// What a backend answered, checked against what was asked: key ids, days inside the
    /// period, at most one row per key and day, only the asked key.
    pub fn check(&self, q: &UsageQuery) -> Result<()> {
        let bad = |what: &str| Err(crate::error::Error::integrity(format!("the backend's usage answer has {what}")));
        let asked = |k: &str| q.key_id.as_deref().is_none_or(|want| want == k);
        let first_day = q.since - q.since.rem_euclid(DAY_SECS);
        for (i, d) in self.days.iter().enumerate() {
            if !crate::token::is_id(&d.key_id) || !asked(&d.key_id) {
                return bad("a row of another key");
            }
            if d.day.rem_euclid(DAY_SECS) != 0 || d.day < first_day || d.day >= q.until {
                return bad("a day outside the period");
            }
            if i > 0 && (&self.days[i - 1].key_id, self.days[i - 1].day) >= (&d.key_id, d.day) {
                return bad("rows out of order or twice");
            }
            if d.denied > d.requests {
                return bad("more refusals than requests");
            }
        }
        for (i, s) in self.stored.iter().enumerate() {
            if !crate::token::is_id(&s.key_id) || !asked(&s.key_id) || (i > 0 && self.stored[i - 1].key_id >= s.key_id) {
                return bad("a storage row of another key, out of order or twice");
            }
        }
        Ok(())
    }
}

/// The usage SQL both stores run (PostgreSQL with `$` for `?`): `?1` the account, `?2`
/// since, `?3` until, `?4` a key id or NULL.
pub(crate) const USAGE_DAYS_SQL: &str = "SELECT key_id, (time / 86400) * 86400 AS day, count(*),
    CAST(sum(CASE WHEN outcome = 'denied' THEN 1 ELSE 0 END) AS BIGINT),
    CAST(sum(CASE WHEN outcome = 'allowed' AND event = 'file.put' THEN coalesce(size, 0) ELSE 0 END) AS BIGINT),
    CAST(sum(CASE WHEN outcome = 'allowed' AND event = 'file.get' THEN coalesce(size, 0) ELSE 0 END) AS BIGINT)
  FROM audit_log
  WHERE chain = ?1 AND actor = 'agent' AND key_id IS NOT NULL AND event <> 'file.upload' AND time >= ?2 AND time < ?3
    AND (CAST(?4 AS TEXT) IS NULL OR key_id = ?4)
  GROUP BY key_id, day ORDER BY key_id, day";
/// `?1` the account, `?2` a key id or NULL.
pub(crate) const USAGE_STORED_SQL: &str = "SELECT f.created_by, count(*), CAST(sum(f.size) AS BIGINT) FROM files f JOIN vaults v ON v.id = f.vault_id
  WHERE v.account_id = ?1 AND f.state = 'complete' AND f.created_by <> 'owner' AND (CAST(?2 AS TEXT) IS NULL OR f.created_by = ?2)
  GROUP BY f.created_by ORDER BY f.created_by";

/// A count read from a store (never negative there; a damaged one reads as 0).
pub(crate) fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Who may create an account: the operator's choice for `keysmith serve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registration<'a> {
    /// One account per store: the embedded default, and `serve --registration single`.
    Single,
    /// Anyone who can reach the server.
    Open,
    /// Whoever holds an unused, unexpired invite: the code's verifier, spent with the registration.
    Invite { verifier: &'a [u8], now: i64 },
}

pub trait Store {
    /// The account of a single-owner store (embedded), if initialized.
    fn default_account(&self) -> Result<Option<Account>>;
    fn get_account(&self, account_id: &str) -> Result<Option<Account>>;
    /// Creates the account and its first vault, if `registration` allows it (an invite is
    /// spent in the same transaction).
    fn create_account(&self, account: &Account, first_vault: &Vault, registration: Registration, events: &[NewEvent]) -> Result<()>;
    /// Records a single-use invite by its verifier.
    fn create_invite(&self, verifier: &[u8], expires_at: i64, events: &[NewEvent]) -> Result<()>;
    /// Replaces the password-derived fields; ends every session of the account.
    fn change_password(&self, account_id: &str, change: &PasswordChange, events: &[NewEvent]) -> Result<()>;

    /// Creates a vault with grants (an agent that creates a vault gets a grant for it).
    fn create_vault(&self, vault: &Vault, grants: &[Grant], events: &[NewEvent]) -> Result<()>;
    fn list_vaults(&self, account_id: &str) -> Result<Vec<Vault>>;
    /// The account a vault belongs to.
    fn vault_account(&self, vault_id: &str) -> Result<Option<String>>;
    /// Deletes a vault with its files (records) and every key's grant of it, atomically;
    /// returns the ids of the deleted files, whose blobs the caller removes.
    fn delete_vault(&self, vault_id: &str, events: &[NewEvent]) -> Result<Vec<String>>;

    fn create_key(&self, key: &ApiKey, grants: &[Grant], events: &[NewEvent]) -> Result<()>;
    fn get_key(&self, key_id: &str) -> Result<Option<ApiKey>>;
    fn list_keys(&self, account_id: &str) -> Result<Vec<ApiKey>>;
    fn grants(&self, key_id: &str) -> Result<Vec<Grant>>;
    /// The key's grants with each vault's encrypted name (what an agent connecting sees).
    fn granted_vaults(&self, key_id: &str) -> Result<Vec<GrantedVault>>;
    /// Creates `new` and sets the old key's grace end, atomically. Fails with a conflict
    /// if the old key was already rotated or revoked meanwhile.
    fn rotate_key(&self, old_id: &str, grace_end: i64, new: &ApiKey, grants: &[Grant], events: &[NewEvent]) -> Result<()>;
    /// Revokes the key (idempotent: revoking twice keeps the first time).
    fn revoke_key(&self, key_id: &str, at: i64, events: &[NewEvent]) -> Result<()>;
    /// Applies a rekey of the account's vaults atomically (see [`Rekey`], [`check_rekey_vault`]);
    /// not found for a key or vault of another account.
    fn rekey(&self, account_id: &str, rekey: &Rekey, now: i64, events: &[NewEvent]) -> Result<()>;

    fn create_session(&self, verifier: &[u8], account_id: &str, expires_at: i64, events: &[NewEvent]) -> Result<()>;
    /// The account and expiry of an unexpired session.
    fn session(&self, verifier: &[u8], now: i64) -> Result<Option<(String, i64)>>;
    fn delete_session(&self, verifier: &[u8], events: &[NewEvent]) -> Result<()>;

    /// Records an announced upload (state `pending`).
    fn announce_file(&self, file: &FileRecord, events: &[NewEvent]) -> Result<()>;
    /// Marks an upload complete once its blob arrived and matched.
    fn complete_file(&self, file_id: &str, events: &[NewEvent]) -> Result<()>;
    fn get_file(&self, file_id: &str) -> Result<Option<FileRecord>>;
    /// Complete files of a vault, oldest first.
    fn list_files(&self, vault_id: &str) -> Result<Vec<FileRecord>>;
    fn delete_file(&self, file_id: &str, events: &[NewEvent]) -> Result<()>;
    /// A random secret of the backend (signs blob URLs), created on first use.
    fn server_secret(&self) -> Result<crate::crypto::SecretKey>;

    /// Decides and records one agent request against its key's limits (see [`Admission`]).
    fn admit(&self, admission: &Admission) -> Result<Admitted>;

    /// An account's agent activity per key and day, and what each key stores (see [`Usage`]).
    fn usage(&self, account_id: &str, query: &UsageQuery) -> Result<Usage>;

    /// Appends each event to its chain (see [`crate::audit::chain_of`]).
    fn append_events(&self, events: &[NewEvent]) -> Result<()>;
    /// Matching events of one chain: an account's id, or [`crate::audit::SERVER_CHAIN`].
    fn query_events(&self, chain: &str, filter: &EventFilter) -> Result<Vec<Event>>;
    /// The last sequence number and hash recorded with a chain.
    fn audit_head(&self, chain: &str) -> Result<Option<(i64, Vec<u8>)>>;
}
