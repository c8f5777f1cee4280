//! The embedded store: one SQLite database file (WAL mode) in a 0700 directory.

use super::{
    Account, Admission, Admitted, ApiKey, ChainLink, FileRecord, Grant, GrantedVault, PasswordChange, RateState, Registration, Rekey, Store, Stored, Usage,
    UsageDay, UsageQuery, Vault, check_rekey_vault, count,
};
use crate::audit::{self, Event, EventFilter, NewEvent, Outcome};
use crate::error::{Error, Result};
use crate::policy::{self, Permission, RateLimit, Scope};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use std::cell::{Cell, RefCell};
use std::path::Path;

/// Schema migrations, applied in order; `PRAGMA user_version` is how many have run.
const MIGRATIONS: &[&str] = &[SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7, SCHEMA_V8, SCHEMA_V9, SCHEMA_V10];

/// Rekey: vault key versions, the chain of older vault keys, the version each file was
/// written with, and each key's wrapping key sealed to the account (for re-granting).
const SCHEMA_V10: &str = "
ALTER TABLE vaults ADD COLUMN key_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE files ADD COLUMN key_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE api_keys ADD COLUMN escrow BLOB;
CREATE TABLE vault_key_chain (
    vault_id TEXT NOT NULL REFERENCES vaults(id),
    version INTEGER NOT NULL,
    wrapped_key BLOB NOT NULL,
    PRIMARY KEY (vault_id, version)
);
";

/// Write-only keys: their grants hold the vault's public key, not its key.
const SCHEMA_V9: &str = "ALTER TABLE api_keys ADD COLUMN write_only INTEGER NOT NULL DEFAULT 0;";

/// Delegated keys: the key that minted a key.
const SCHEMA_V8: &str = "
ALTER TABLE api_keys ADD COLUMN parent_id TEXT;
CREATE INDEX api_keys_parent ON api_keys(parent_id);
";

/// The password-hashing function is chosen per account (`kdf_iterations` stays the count,
/// or Argon2id's passes); accounts from before were PBKDF2.
const SCHEMA_V7: &str = "
ALTER TABLE accounts ADD COLUMN kdf_algorithm TEXT NOT NULL DEFAULT 'pbkdf2-sha256';
ALTER TABLE accounts ADD COLUMN kdf_memory_kib INTEGER;
ALTER TABLE accounts ADD COLUMN kdf_parallelism INTEGER;
";

/// Many accounts: an audit chain per account (`chain` is the account id, or '' for events
/// of no account) and single-use invites. A store from before held at most one account,
/// whose chain its whole trail becomes (hashes unchanged: they never covered the chain).
const SCHEMA_V6: &str = "
CREATE TABLE audit_log (
    chain TEXT NOT NULL,
    seq INTEGER NOT NULL,
    time INTEGER NOT NULL,
    account_id TEXT,
    event TEXT NOT NULL,
    actor TEXT NOT NULL,
    key_id TEXT,
    key_label TEXT,
    vault_id TEXT,
    file_id TEXT,
    size INTEGER,
    outcome TEXT NOT NULL,
    reason TEXT,
    prev_hash BLOB NOT NULL,
    hash BLOB NOT NULL,
    PRIMARY KEY (chain, seq)
);
INSERT INTO audit_log SELECT coalesce((SELECT id FROM accounts ORDER BY created_at LIMIT 1), ''), seq, time, account_id, event, actor,
    key_id, key_label, vault_id, file_id, size, outcome, reason, prev_hash, hash FROM audit_events;
DROP TABLE audit_events;
CREATE INDEX audit_log_key ON audit_log(chain, key_id, seq);
CREATE INDEX audit_log_vault ON audit_log(chain, vault_id, seq);
CREATE INDEX audit_log_time ON audit_log(chain, time);
CREATE TABLE audit_heads (
    chain TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash BLOB NOT NULL
);
INSERT INTO audit_heads SELECT coalesce((SELECT id FROM accounts ORDER BY created_at LIMIT 1), ''), seq, hash FROM audit_head;
DROP TABLE audit_head;
CREATE TABLE invites (
    verifier BLOB PRIMARY KEY,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
";

/// The owner-made binding of the account public key to each API key (see `ApiKey`).
const SCHEMA_V5: &str = "ALTER TABLE api_keys ADD COLUMN account_key_binding BLOB;";
const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Used nonces ordered by when they may be forgotten, so that new ones go near the end of
/// the B-tree and expired ones leave from its start (V2's table, keyed by key and nonce,
/// put every insert on a random page of the whole table, plus one in an expiry index: a
/// group-committed admission took ~34 µs, now ~21).
/// A replay carries the same signed timestamp, hence the same `expires_at`, so the whole
/// key identifies it. V2's `nonces` table is still consulted while its rows are unexpired.
const SCHEMA_V4: &str = "
CREATE TABLE request_nonces (
    expires_at INTEGER NOT NULL,
    key_id TEXT NOT NULL,
    nonce TEXT NOT NULL,
    PRIMARY KEY (expires_at, key_id, nonce)
) WITHOUT ROWID;
";

const SCHEMA_V3: &str = "
CREATE TABLE files (
    id TEXT PRIMARY KEY,
    vault_id TEXT NOT NULL REFERENCES vaults(id),
    encrypted_name BLOB NOT NULL,
    wrapped_key BLOB NOT NULL,
    size INTEGER NOT NULL,
    sha256 BLOB NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'complete')),
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX files_vault ON files(vault_id, state, created_at);
CREATE TABLE server_meta (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
";

const SCHEMA_V2: &str = "
CREATE TABLE nonces (
    key_id TEXT NOT NULL,
    nonce TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (key_id, nonce)
) WITHOUT ROWID;
CREATE INDEX nonces_expiry ON nonces(expires_at);
CREATE TABLE rate_windows (
    key_id TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    count INTEGER NOT NULL
);
CREATE TABLE byte_days (
    key_id TEXT PRIMARY KEY,
    day INTEGER NOT NULL,
    bytes INTEGER NOT NULL
);
";

const SCHEMA_V1: &str = "
CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    kdf_salt BLOB NOT NULL,
    kdf_iterations INTEGER NOT NULL,
    login_verifier BLOB NOT NULL,
    wrapped_master_key BLOB NOT NULL,
    public_key BLOB NOT NULL,
    wrapped_private_key BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE vaults (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    encrypted_name BLOB NOT NULL,
    wrapped_key BLOB,
    sealed_key BLOB,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    CHECK (wrapped_key IS NOT NULL OR sealed_key IS NOT NULL)
);
CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    label TEXT NOT NULL,
    public_key BLOB NOT NULL,
    permissions TEXT NOT NULL,
    rate_requests INTEGER,
    rate_window_secs INTEGER,
    bytes_per_day INTEGER,
    expires_at INTEGER,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER,
    rotated_from TEXT REFERENCES api_keys(id),
    rotated_to TEXT REFERENCES api_keys(id),
    grace_end INTEGER
);
CREATE INDEX api_keys_account ON api_keys(account_id, created_at);
CREATE TABLE grants (
    key_id TEXT NOT NULL REFERENCES api_keys(id),
    vault_id TEXT NOT NULL REFERENCES vaults(id),
    wrapped_vault_key BLOB NOT NULL,
    PRIMARY KEY (key_id, vault_id)
);
CREATE TABLE sessions (
    verifier BLOB PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY,
    time INTEGER NOT NULL,
    account_id TEXT,
    event TEXT NOT NULL,
    actor TEXT NOT NULL,
    key_id TEXT,
    key_label TEXT,
    vault_id TEXT,
    file_id TEXT,
    size INTEGER,
    outcome TEXT NOT NULL,
    reason TEXT,
    prev_hash BLOB NOT NULL,
    hash BLOB NOT NULL
);
CREATE INDEX audit_by_key ON audit_events(key_id, seq);
CREATE INDEX audit_by_vault ON audit_events(vault_id, seq);
CREATE INDEX audit_by_time ON audit_events(time);
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash BLOB NOT NULL
);
";

pub struct SqliteStore {
    conn: RefCell<Connection>,
    /// The directory holding the database (named in disk-full errors).
    dir: std::path::PathBuf,
    /// Inside [`SqliteStore::batch`]: each write is a savepoint of the batch's transaction.
    in_batch: Cell<bool>,
    /// Until when V2's `nonces` table may hold a nonce that is still replayable.
    legacy_nonces_until: Cell<i64>,
    /// When expired nonces were last deleted (at most once a second).
    nonces_purged_at: Cell<i64>,
}

/// A database write that failed for an I/O error says whether the disk is full, and where.
fn explain(dir: &Path, e: Error) -> Error {
    if e.message() != crate::error::DB_WRITE_FAILED {
        return e;
    }
    match rustix::fs::statvfs(dir) {
        Ok(fs) if fs.f_bavail.saturating_mul(fs.f_frsize) < 1 << 20 => {
            Error::failure(format!("the disk holding {} is full; nothing was changed", dir.display())).hint("free some space there, then run the command again")
        }
        _ => Error::failure(format!("the keysmith database in {} could not be written (I/O error); nothing was changed", dir.display()))
            .hint("check the disk and the directory's permissions"),
    }
}

#[cfg(unix)]
fn restrict(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    Ok(())
}
#[cfg(not(unix))]
fn restrict(_: &Path, _: u32) -> Result<()> {
    Ok(())
}

/// The database's file name in a data directory.
const DB_FILE: &str = "keysmith.db";

impl SqliteStore {
    /// Opens (creating if needed) the database in `dir`, which is made private (0700).
    /// Whether `dir` holds a database (opening it with [`SqliteStore::open_dir`] creates one).
    pub fn exists_in(dir: &Path) -> bool {
        dir.join(DB_FILE).is_file()
    }

    pub fn open_dir(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::failure(format!("cannot create the data directory {}: {e}", dir.display())).hint("pass a writable directory with --data-dir")
        })?;
        restrict(dir, 0o700)?;
        let path = dir.join(DB_FILE);
        if !path.exists() {
            std::fs::OpenOptions::new().write(true).create_new(true).open(&path)?;
            restrict(&path, 0o600)?;
        }
        Self::open(&path)
    }

    pub fn open(path: &Path) -> Result<Self> {
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        Self::open_in(path, dir.to_path_buf()).map_err(|e| explain(dir, e))
    }

    fn open_in(path: &Path, dir: std::path::PathBuf) -> Result<Self> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let mode: String = conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
        debug_assert_eq!(mode, "wal");
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Checkpoint the WAL every ~40 MB rather than every 4 MB: pages rewritten by many
        // commits (the audit head, rate windows, index tails) are copied back once, not
        // ten times. This took group-committed admissions from ~37 to ~27 µs each.
        conn.pragma_update(None, "wal_autocheckpoint", 10_000)?;
        // Room for every statement of the busiest path (an admitted request and its reads),
        // so none is parsed again because another pushed it out.
        conn.set_prepared_statement_cache_capacity(64);
        // Query plans that do not depend on bound values: without this, SQLite re-prepares
        // statements such as the grant lookups (parse and plan again) each time their
        // parameters are bound, twice per agent request.
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        let store =
            SqliteStore { conn: RefCell::new(conn), dir, in_batch: Cell::new(false), legacy_nonces_until: Cell::new(0), nonces_purged_at: Cell::new(0) };
        store.migrate()?;
        store.retire_legacy_nonces()?;
        Ok(store)
    }

    /// Notes until when V2's nonces can still be replayed, and empties that table once
    /// none can.
    fn retire_legacy_nonces(&self) -> Result<()> {
        let conn = self.conn.borrow();
        let until: i64 = conn.query_row("SELECT coalesce(max(expires_at), 0) FROM nonces", [], |r| r.get(0))?;
        if until > 0 && until < policy::now() {
            conn.execute("DELETE FROM nonces", [])?;
        }
        self.legacy_nonces_until.set(until);
        Ok(())
    }

    fn migrate(&self) -> Result<()> {
        let mut conn = self.conn.borrow_mut();
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(Error::usage(format!("the database has schema version {version}, newer than this keysmith understands ({SCHEMA_VERSION})"))
                .hint("upgrade keysmith"));
        }
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        for migration in &MIGRATIONS[current as usize..] {
            tx.execute_batch(migration)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(())
    }

    /// Runs `f` and appends `events` to the chain, all or nothing (see `atomically`).
    /// Appends events as of `time` rather than now, hashes and heads as always: for
    /// importing a history (and for tests that need a month of it).
    pub fn append_events_at(&self, time: i64, events: &[NewEvent]) -> Result<()> {
        self.atomically(|c| append_at(c, events, time))
    }

    fn write<T>(&self, events: &[NewEvent], f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.atomically(|c| {
            let out = f(c)?;
            append(c, events)?;
            Ok(out)
        })
    }

    /// All of `f` or nothing: its own IMMEDIATE transaction, or a savepoint inside a batch.
    fn atomically<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.transaction(f).map_err(|e| self.explain(e))
    }

    fn explain(&self, e: Error) -> Error {
        explain(&self.dir, e)
    }

    fn transaction<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.conn.borrow_mut();
        if self.in_batch.get() {
            let sp = Savepoint::begin(&conn)?;
            let out = f(&conn)?;
            sp.release()?;
            Ok(out)
        } else {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        }
    }

    /// Group commit: runs `f` (many store calls) inside one IMMEDIATE transaction, each
    /// write a savepoint that rolls back alone on error. Nothing `f` wrote is durable, and
    /// so nothing may be reported as done, until this returns `Ok`.
    pub fn batch<R>(&self, f: impl FnOnce() -> R) -> Result<R> {
        self.conn.borrow().prepare_cached("BEGIN IMMEDIATE")?.execute([])?;
        self.in_batch.set(true);
        let out = f();
        self.in_batch.set(false);
        let conn = self.conn.borrow();
        match conn.prepare_cached("COMMIT")?.execute([]) {
            Ok(_) => Ok(out),
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(self.explain(e.into()))
            }
        }
    }

    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.conn.borrow()).map_err(|e| self.explain(e))
    }
}

/// A savepoint inside a batch's transaction, through cached statements (rusqlite's own
/// parses its SQL each time). Rolled back unless released, also when unwinding.
struct Savepoint<'c>(&'c Connection, bool);

impl<'c> Savepoint<'c> {
    fn begin(conn: &'c Connection) -> Result<Self> {
        conn.prepare_cached("SAVEPOINT write")?.execute([])?;
        Ok(Savepoint(conn, false))
    }

    fn release(mut self) -> Result<()> {
        self.0.prepare_cached("RELEASE write")?.execute([])?;
        self.1 = true;
        Ok(())
    }
}

impl Drop for Savepoint<'_> {
    fn drop(&mut self) {
        if !self.1 {
            let _ = self.0.execute_batch("ROLLBACK TO write; RELEASE write");
        }
    }
}

fn append(tx: &Connection, events: &[NewEvent]) -> Result<()> {
    append_at(tx, events, policy::now())
}

fn append_at(tx: &Connection, events: &[NewEvent], time: i64) -> Result<()> {
    for (chain, run) in audit::runs(events) {
        let (mut seq, mut prev): (i64, Vec<u8>) = tx
            .prepare_cached("SELECT seq, hash FROM audit_heads WHERE chain = ?1")?
            .query_row([chain], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or((0, audit::GENESIS.to_vec()));
        let mut stmt = tx.prepare_cached(
            "INSERT INTO audit_log (chain, seq, time, account_id, event, actor, key_id, key_label, vault_id, file_id, size, outcome, reason, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        for e in run {
            seq += 1;
            let hash = audit::chain_hash(&prev, seq, time, e);
            stmt.execute(params![
                chain,
                seq,
                time,
                e.account_id,
                e.event,
                e.actor,
                e.key_id,
                e.key_label,
                e.vault_id,
                e.file_id,
                e.size.map(|s| s as i64),
                e.outcome.name(),
                e.reason,
                prev,
                hash.as_slice()
            ])?;
            prev = hash.to_vec();
        }
        tx.prepare_cached(
            "INSERT INTO audit_heads (chain, seq, hash) VALUES (?1, ?2, ?3) ON CONFLICT(chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        )?
        .execute(params![chain, seq, prev])?;
    }
    Ok(())
}

/// The admission decision inside the caller's transaction; changes state only when admitted
/// (a replay changes nothing; a limited request spends its nonce but no quota).
fn admit_in(tx: &Connection, a: &Admission, legacy_nonces: bool) -> Result<Admitted> {
    if legacy_nonces && tx.prepare_cached("SELECT 1 FROM nonces WHERE key_id = ?1 AND nonce = ?2")?.exists(params![a.key_id, a.nonce])? {
        return Ok(Admitted::Replay);
    }
    let fresh = tx.prepare_cached("INSERT OR IGNORE INTO request_nonces (expires_at, key_id, nonce) VALUES (?1, ?2, ?3)")?.execute(params![
        a.nonce_expires_at,
        a.key_id,
        a.nonce
    ])?;
    if fresh == 0 {
        return Ok(Admitted::Replay);
    }
    let mut rate = None;
    if let Some(limit) = a.rate_limit {
        let window = limit.window_secs as i64;
        let start = a.now - a.now.rem_euclid(window);
        let count: i64 = tx
            .prepare_cached("SELECT count FROM rate_windows WHERE key_id = ?1 AND window_start = ?2")?
            .query_row(params![a.key_id, start], |r| r.get(0))
            .optional()?
            .unwrap_or(0);
        let reset_secs = start + window - a.now;
        if count as u64 >= limit.requests {
            return Ok(Admitted::RateLimited(RateState { limit: limit.requests, remaining: 0, reset_secs }));
        }
        tx.prepare_cached(
            "INSERT INTO rate_windows (key_id, window_start, count) VALUES (?1, ?2, 1)
             ON CONFLICT(key_id) DO UPDATE SET count = CASE WHEN window_start = excluded.window_start THEN count + 1 ELSE 1 END,
                                               window_start = excluded.window_start",
        )?
        .execute(params![a.key_id, start])?;
        rate = Some(RateState { limit: limit.requests, remaining: limit.requests - count as u64 - 1, reset_secs });
    }
    if let Some(quota) = a.bytes_per_day {
        let day = a.now.div_euclid(86_400);
        let used: i64 = tx
            .prepare_cached("SELECT bytes FROM byte_days WHERE key_id = ?1 AND day = ?2")?
            .query_row(params![a.key_id, day], |r| r.get(0))
            .optional()?
            .unwrap_or(0);
        if used as u64 + a.bytes > quota {
            return Ok(Admitted::QuotaExceeded { retry_after: (day + 1) * 86_400 - a.now });
        }
        if a.bytes > 0 {
            tx.prepare_cached(
                "INSERT INTO byte_days (key_id, day, bytes) VALUES (?1, ?2, ?3)
                 ON CONFLICT(key_id) DO UPDATE SET bytes = CASE WHEN day = excluded.day THEN bytes + excluded.bytes ELSE excluded.bytes END,
                                                   day = excluded.day",
            )?
            .execute(params![a.key_id, day, a.bytes as i64])?;
        }
    }
    // Unchanged within the same second: no row rewritten.
    tx.prepare_cached("UPDATE api_keys SET last_used_at = ?2 WHERE id = ?1 AND last_used_at IS NOT ?2")?.execute(params![a.key_id, a.now])?;
    Ok(Admitted::Yes(rate))
}

fn corrupt(what: &str) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(0, what.to_string(), rusqlite::types::Type::Text)
}

const KEY_COLUMNS: &str = "id, account_id, label, public_key, permissions, rate_requests, rate_window_secs, bytes_per_day, expires_at, created_at, last_used_at, revoked_at, rotated_from, rotated_to, grace_end, account_key_binding, parent_id, write_only, escrow";

fn key_from_row(r: &Row) -> rusqlite::Result<ApiKey> {
    let perms: String = r.get(4)?;
    let permissions: Vec<Permission> = serde_json::from_str(&perms).map_err(|_| corrupt("permissions"))?;
    let rate_limit = match (r.get::<_, Option<i64>>(5)?, r.get::<_, Option<i64>>(6)?) {
        (Some(n), Some(w)) => Some(RateLimit { requests: n as u64, window_secs: w as u64 }),
        _ => None,
    };
    Ok(ApiKey {
        id: r.get(0)?,
        account_id: r.get(1)?,
        label: r.get(2)?,
        public_key: r.get(3)?,
        scope: Scope { permissions, vaults: Vec::new(), rate_limit, bytes_per_day: r.get::<_, Option<i64>>(7)?.map(|b| b as u64), write_only: r.get(17)? },
        expires_at: r.get(8)?,
        created_at: r.get(9)?,
        last_used_at: r.get(10)?,
        revoked_at: r.get(11)?,
        rotated_from: r.get(12)?,
        rotated_to: r.get(13)?,
        grace_end: r.get(14)?,
        account_key_binding: r.get(15)?,
        parent_id: r.get(16)?,
        escrow: r.get(18)?,
    })
}

const VAULT_IDS: &str = "SELECT vault_id FROM grants WHERE key_id = ?1 ORDER BY vault_id";

fn vault_ids(conn: &Connection, key_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(VAULT_IDS)?;
    let ids = stmt.query_map([key_id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ids)
}

fn insert_key(tx: &Connection, key: &ApiKey, grants: &[Grant]) -> Result<()> {
    let perms = serde_json::to_string(&key.scope.permissions).expect("permissions serialize");
    tx.execute(
        &format!("INSERT INTO api_keys ({KEY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)"),
        params![
            key.id,
            key.account_id,
            key.label,
            key.public_key,
            perms,
            key.scope.rate_limit.map(|r| r.requests as i64),
            key.scope.rate_limit.map(|r| r.window_secs as i64),
            key.scope.bytes_per_day.map(|b| b as i64),
            key.expires_at,
            key.created_at,
            key.last_used_at,
            key.revoked_at,
            key.rotated_from,
            key.rotated_to,
            key.grace_end,
            key.account_key_binding,
            key.parent_id,
            key.scope.write_only,
            key.escrow
        ],
    )?;
    let mut stmt = tx.prepare_cached("INSERT INTO grants (key_id, vault_id, wrapped_vault_key) VALUES (?1, ?2, ?3)")?;
    for g in grants {
        stmt.execute(params![g.key_id, g.vault_id, g.wrapped_vault_key])?;
    }
    Ok(())
}

fn insert_vault(tx: &Connection, v: &Vault) -> Result<()> {
    tx.execute(
        "INSERT INTO vaults (id, account_id, encrypted_name, wrapped_key, sealed_key, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![v.id, v.account_id, v.encrypted_name, v.wrapped_key, v.sealed_key, v.created_by, v.created_at],
    )?;
    Ok(())
}

const FILE_COLUMNS: &str = "id, vault_id, encrypted_name, wrapped_key, size, sha256, state, created_by, created_at, key_version";

/// A vault's older keys, oldest first.
fn key_chain(c: &Connection, vault_id: &str) -> Result<Vec<ChainLink>> {
    let mut stmt = c.prepare_cached("SELECT version, wrapped_key FROM vault_key_chain WHERE vault_id = ?1 ORDER BY version")?;
    let links = stmt.query_map([vault_id], |r| Ok(ChainLink { version: r.get(0)?, wrapped_key: r.get(1)? }))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(links)
}

fn file_from_row(r: &Row) -> rusqlite::Result<FileRecord> {
    Ok(FileRecord {
        id: r.get(0)?,
        vault_id: r.get(1)?,
        encrypted_name: r.get(2)?,
        wrapped_key: r.get(3)?,
        size: r.get::<_, i64>(4)? as u64,
        sha256: r.get(5)?,
        state: r.get(6)?,
        created_by: r.get(7)?,
        created_at: r.get(8)?,
        key_version: r.get(9)?,
    })
}

fn event_from_row(r: &Row) -> rusqlite::Result<Event> {
    let outcome: String = r.get(10)?;
    Ok(Event {
        seq: r.get(0)?,
        time: r.get(1)?,
        body: NewEvent {
            account_id: r.get(2)?,
            event: r.get(3)?,
            actor: r.get(4)?,
            key_id: r.get(5)?,
            key_label: r.get(6)?,
            vault_id: r.get(7)?,
            file_id: r.get(8)?,
            size: r.get::<_, Option<i64>>(9)?.map(|s| s as u64),
            outcome: Outcome::parse(&outcome).ok_or_else(|| corrupt("outcome"))?,
            reason: r.get(11)?,
        },
        prev_hash: r.get(12)?,
        hash: r.get(13)?,
    })
}

const EVENT_COLUMNS: &str = "seq, time, account_id, event, actor, key_id, key_label, vault_id, file_id, size, outcome, reason, prev_hash, hash";

const ACCOUNT_COLUMNS: &str = "id, kdf_salt, kdf_iterations, login_verifier, wrapped_master_key, public_key, wrapped_private_key, created_at, kdf_algorithm, kdf_memory_kib, kdf_parallelism";

fn account_from_row(r: &Row) -> rusqlite::Result<Account> {
    Ok(Account {
        id: r.get(0)?,
        kdf_salt: r.get(1)?,
        kdf: super::kdf_from_columns(&r.get::<_, String>(8)?, r.get(2)?, r.get(9)?, r.get(10)?).ok_or_else(|| corrupt("kdf"))?,
        login_verifier: r.get(3)?,
        wrapped_master_key: r.get(4)?,
        public_key: r.get(5)?,
        wrapped_private_key: r.get(6)?,
        created_at: r.get(7)?,
    })
}

impl Store for SqliteStore {
    fn default_account(&self) -> Result<Option<Account>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts LIMIT 2"))?;
            let mut accounts = stmt.query_map([], account_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
            if accounts.len() > 1 {
                return Err(Error::usage("this database holds several accounts; the embedded backend serves one"));
            }
            Ok(accounts.pop())
        })
    }

    fn get_account(&self, account_id: &str) -> Result<Option<Account>> {
        self.read(|c| {
            Ok(c.prepare_cached(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = ?1"))?.query_row([account_id], account_from_row).optional()?)
        })
    }

    fn admit(&self, a: &Admission) -> Result<Admitted> {
        self.atomically(|c| {
            if a.now > self.nonces_purged_at.get() {
                c.prepare_cached("DELETE FROM request_nonces WHERE expires_at < ?1")?.execute([a.now])?;
                self.nonces_purged_at.set(a.now);
            }
            let decision = admit_in(c, a, a.now <= self.legacy_nonces_until.get())?;
            let event = match decision {
                Admitted::Yes(_) => a.event.clone(),
                Admitted::Replay => a.event.clone().denied("replayed request (nonce already used)"),
                Admitted::RateLimited(_) => a.event.clone().denied("rate limit exceeded"),
                Admitted::QuotaExceeded { .. } => a.event.clone().denied("daily byte quota exceeded"),
            };
            append(c, &[event])?;
            Ok(decision)
        })
    }

    fn create_account(&self, a: &Account, first_vault: &Vault, registration: Registration, events: &[NewEvent]) -> Result<()> {
        self.write(events, |tx| {
            match registration {
                Registration::Single => {
                    if tx.query_row("SELECT count(*) FROM accounts", [], |r| r.get::<_, i64>(0))? > 0 {
                        return Err(super::account_exists());
                    }
                }
                Registration::Open => {}
                Registration::Invite { verifier, now } => {
                    if tx.execute("DELETE FROM invites WHERE verifier = ?1 AND expires_at > ?2", params![verifier, now])? != 1 {
                        return Err(super::invite_refused());
                    }
                }
            }
            if tx.query_row("SELECT count(*) FROM accounts WHERE id = ?1", [&a.id], |r| r.get::<_, i64>(0))? > 0 {
                return Err(Error::failure("this account id is already in use").hint("run `keysmith init` again: a new account gets a new random id"));
            }
            let (algorithm, iterations, memory, parallelism) = super::kdf_columns(&a.kdf);
            tx.execute(
                &format!("INSERT INTO accounts ({ACCOUNT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
                params![
                    a.id,
                    a.kdf_salt,
                    iterations,
                    a.login_verifier,
                    a.wrapped_master_key,
                    a.public_key,
                    a.wrapped_private_key,
                    a.created_at,
                    algorithm,
                    memory,
                    parallelism
                ],
            )?;
            insert_vault(tx, first_vault)
        })
    }

    fn create_invite(&self, verifier: &[u8], expires_at: i64, events: &[NewEvent]) -> Result<()> {
        self.write(events, |tx| {
            let now = policy::now();
            tx.execute("DELETE FROM invites WHERE expires_at <= ?1", [now])?;
            tx.execute("INSERT INTO invites (verifier, created_at, expires_at) VALUES (?1, ?2, ?3)", params![verifier, now, expires_at])?;
            Ok(())
        })
    }

    fn change_password(&self, account_id: &str, c: &PasswordChange, events: &[NewEvent]) -> Result<()> {
        self.write(events, |tx| {
            let (algorithm, iterations, memory, parallelism) = super::kdf_columns(&c.kdf);
            let n = tx.execute(
                "UPDATE accounts SET kdf_salt = ?2, kdf_iterations = ?3, login_verifier = ?4, wrapped_master_key = ?5,
                    kdf_algorithm = ?6, kdf_memory_kib = ?7, kdf_parallelism = ?8 WHERE id = ?1",
                params![account_id, c.kdf_salt, iterations, c.login_verifier, c.wrapped_master_key, algorithm, memory, parallelism],
            )?;
            if n != 1 {
                return Err(Error::failure("the account no longer exists"));
            }
            tx.execute("DELETE FROM sessions WHERE account_id = ?1", [account_id])?;
            Ok(())
        })
    }

    fn create_vault(&self, vault: &Vault, grants: &[Grant], events: &[NewEvent]) -> Result<()> {
        self.write(events, |tx| {
            insert_vault(tx, vault)?;
            let mut stmt = tx.prepare_cached("INSERT INTO grants (key_id, vault_id, wrapped_vault_key) VALUES (?1, ?2, ?3)")?;
            for g in grants {
                stmt.execute(params![g.key_id, g.vault_id, g.wrapped_vault_key])?;
            }
            Ok(())
        })
    }

    fn announce_file(&self, f: &FileRecord, events: &[NewEvent]) -> Result<()> {
        self.write(events, |tx| {
            let current: Option<u32> = tx.query_row("SELECT key_version FROM vaults WHERE id = ?1", [&f.vault_id], |r| r.get(0)).optional()?;
            super::check_file_version(f, current)?;
            tx.execute(
                &format!("INSERT INTO files ({FILE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
                params![f.id, f.vault_id, f.encrypted_name, f.wrapped_key, f.size as i64, f.sha256, f.state, f.created_by, f.created_at, f.key_version],
            )?;
            Ok(())
        })
    }

    fn complete_file(&self, file_id: &str, events: &[NewEvent]) -> Result<()> {
        self.write(events, |tx| {
            let n = tx.execute("UPDATE files SET state = 'complete' WHERE id = ?1 AND state = 'pending'", [file_id])?;
            if n != 1 {
                return Err(Error::failure(format!("no pending upload {file_id}")));
            }
            Ok(())
        })
    }

    fn get_file(&self, file_id: &str) -> Result<Option<FileRecord>> {
        self.read(|c| Ok(c.query_row(&format!("SELECT {FILE_COLUMNS} FROM files WHERE id = ?1"), [file_id], file_from_row).optional()?))
    }

    fn list_files(&self, vault_id: &str) -> Result<Vec<FileRecord>> {
        self.read(|c| {
            let mut stmt =
                c.prepare_cached(&format!("SELECT {FILE_COLUMNS} FROM files WHERE vault_id = ?1 AND state = 'complete' ORDER BY created_at, rowid"))?;
            let rows = stmt.query_map([vault_id], file_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
    }

    fn delete_vault(&self, vault_id: &str, events: &[NewEvent]) -> Result<Vec<String>> {
        self.write(events, |tx| {
            let files =
                tx.prepare("SELECT id FROM files WHERE vault_id = ?1")?.query_map([vault_id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
            tx.execute("DELETE FROM grants WHERE vault_id = ?1", [vault_id])?;
            tx.execute("DELETE FROM files WHERE vault_id = ?1", [vault_id])?;
            tx.execute("DELETE FROM vault_key_chain WHERE vault_id = ?1", [vault_id])?;
            if tx.execute("DELETE FROM vaults WHERE id = ?1", [vault_id])? != 1 {
                return Err(Error::not_found(format!("no vault {vault_id}")));
            }
            Ok(files)
        })
    }

    fn delete_file(&self, file_id: &str, events: &[NewEvent]) -> Result<()> {
        self.write(events, |tx| {
            tx.execute("DELETE FROM files WHERE id = ?1", [file_id])?;
            Ok(())
        })
    }

    fn server_secret(&self) -> Result<crate::crypto::SecretKey> {
        self.write(&[], |tx| {
            tx.execute("INSERT OR IGNORE INTO server_meta (key, value) VALUES ('blob_url_secret', ?1)", [crate::crypto::random_array::<32>().to_vec()])?;
            let v: Vec<u8> = tx.query_row("SELECT value FROM server_meta WHERE key = 'blob_url_secret'", [], |r| r.get(0))?;
            let arr: [u8; 32] = v.as_slice().try_into().map_err(|_| Error::integrity("the server secret is damaged"))?;
            Ok(crate::crypto::SecretKey::from_bytes(arr))
        })
    }

    fn vault_account(&self, vault_id: &str) -> Result<Option<String>> {
        self.read(|c| Ok(c.query_row("SELECT account_id FROM vaults WHERE id = ?1", [vault_id], |r| r.get(0)).optional()?))
    }

    fn list_vaults(&self, account_id: &str) -> Result<Vec<Vault>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, account_id, encrypted_name, wrapped_key, sealed_key, created_by, created_at, key_version FROM vaults WHERE account_id = ?1 ORDER BY created_at, rowid",
            )?;
            let mut rows = stmt
                .query_map([account_id], |r| {
                    Ok(Vault {
                        id: r.get(0)?,
                        account_id: r.get(1)?,
                        encrypted_name: r.get(2)?,
                        wrapped_key: r.get(3)?,
                        sealed_key: r.get(4)?,
                        created_by: r.get(5)?,
                        created_at: r.get(6)?,
                        key_version: r.get(7)?,
                        key_chain: Vec::new(),
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for v in &mut rows {
                v.key_chain = key_chain(c, &v.id)?;
            }
            Ok(rows)
        })
    }

    fn create_key(&self, key: &ApiKey, grants: &[Grant], events: &[NewEvent]) -> Result<()> {
        self.write(events, |tx| insert_key(tx, key, grants))
    }

    fn get_key(&self, key_id: &str) -> Result<Option<ApiKey>> {
        self.read(|c| {
            let key = c.prepare_cached(&format!("SELECT {KEY_COLUMNS} FROM api_keys WHERE id = ?1"))?.query_row([key_id], key_from_row).optional()?;
            key.map(|mut k| {
                k.scope.vaults = vault_ids(c, &k.id)?;
                Ok(k)
            })
            .transpose()
        })
    }

    fn list_keys(&self, account_id: &str) -> Result<Vec<ApiKey>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(&format!("SELECT {KEY_COLUMNS} FROM api_keys WHERE account_id = ?1 ORDER BY created_at, rowid"))?;
            let mut keys = stmt.query_map([account_id], key_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
            for k in &mut keys {
                k.scope.vaults = vault_ids(c, &k.id)?;
            }
            Ok(keys)
        })
    }

    fn grants(&self, key_id: &str) -> Result<Vec<Grant>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached("SELECT key_id, vault_id, wrapped_vault_key FROM grants WHERE key_id = ?1 ORDER BY vault_id")?;
            let rows = stmt
                .query_map([key_id], |r| Ok(Grant { key_id: r.get(0)?, vault_id: r.get(1)?, wrapped_vault_key: r.get(2)? }))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
    }

    fn granted_vaults(&self, key_id: &str) -> Result<Vec<GrantedVault>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT g.vault_id, v.encrypted_name, g.wrapped_vault_key, v.key_version FROM grants g JOIN vaults v ON v.id = g.vault_id WHERE g.key_id = ?1 ORDER BY g.vault_id",
            )?;
            let mut rows = stmt
                .query_map([key_id], |r| {
                    Ok(GrantedVault {
                        vault_id: r.get(0)?,
                        encrypted_name: r.get(1)?,
                        wrapped_vault_key: r.get(2)?,
                        key_version: r.get(3)?,
                        key_chain: Vec::new(),
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for v in &mut rows {
                v.key_chain = key_chain(c, &v.vault_id)?;
            }
            Ok(rows)
        })
    }

    fn rotate_key(&self, old_id: &str, grace_end: i64, new: &ApiKey, grants: &[Grant], events: &[NewEvent]) -> Result<()> {
        self.write(events, |tx| {
            insert_key(tx, new, grants)?;
            // Never extend a key's life: the grace end is capped by its expiry.
            let n = tx.execute(
                "UPDATE api_keys SET rotated_to = ?2, grace_end = min(?3, coalesce(expires_at, ?3))
                 WHERE id = ?1 AND rotated_to IS NULL AND revoked_at IS NULL",
                params![old_id, new.id, grace_end],
            )?;
            if n != 1 {
                return Err(Error::failure(format!("key {old_id} was rotated or revoked meanwhile")).hint("run `keysmith key list` to see its state"));
            }
            // The old key's children now descend from the new one.
            tx.execute("UPDATE api_keys SET parent_id = ?2 WHERE parent_id = ?1", params![old_id, new.id])?;
            Ok(())
        })
    }

    fn revoke_key(&self, key_id: &str, at: i64, events: &[NewEvent]) -> Result<()> {
        self.write(events, |tx| {
            let n = tx.execute("UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1", params![key_id, at])?;
            if n != 1 {
                return Err(Error::not_found(format!("no key {key_id}")).hint("run `keysmith key list` to see key ids"));
            }
            Ok(())
        })
    }

    fn rekey(&self, account_id: &str, rekey: &Rekey, now: i64, events: &[NewEvent]) -> Result<()> {
        self.write(events, |tx| {
            for id in &rekey.revoke {
                let n =
                    tx.execute("UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?3) WHERE id = ?1 AND account_id = ?2", params![id, account_id, now])?;
                if n != 1 {
                    return Err(Error::not_found(format!("no key {id}")));
                }
            }
            for v in &rekey.vaults {
                let current: Option<u32> = tx
                    .query_row("SELECT key_version FROM vaults WHERE id = ?1 AND account_id = ?2", params![v.vault_id, account_id], |r| r.get(0))
                    .optional()?;
                let current = current.ok_or_else(|| Error::not_found(format!("no vault {}", v.vault_id)))?;
                let holders = tx
                    .prepare_cached(
                        "SELECT k.id, k.revoked_at, k.expires_at, k.grace_end FROM grants g JOIN api_keys k ON k.id = g.key_id WHERE g.vault_id = ?1",
                    )?
                    .query_map([&v.vault_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                check_rekey_vault(v, current, &holders, &rekey.revoke, now)?;
                tx.execute(
                    "UPDATE vaults SET wrapped_key = ?2, sealed_key = NULL, encrypted_name = ?3, key_version = ?4 WHERE id = ?1",
                    params![v.vault_id, v.wrapped_key, v.encrypted_name, current + 1],
                )?;
                tx.execute("DELETE FROM vault_key_chain WHERE vault_id = ?1", [&v.vault_id])?;
                for l in &v.key_chain {
                    tx.execute(
                        "INSERT INTO vault_key_chain (vault_id, version, wrapped_key) VALUES (?1, ?2, ?3)",
                        params![v.vault_id, l.version, l.wrapped_key],
                    )?;
                }
                for g in &v.grants {
                    tx.execute(
                        "UPDATE grants SET wrapped_vault_key = ?3 WHERE key_id = ?1 AND vault_id = ?2",
                        params![g.key_id, g.vault_id, g.wrapped_vault_key],
                    )?;
                }
            }
            Ok(())
        })
    }

    fn create_session(&self, verifier: &[u8], account_id: &str, expires_at: i64, events: &[NewEvent]) -> Result<()> {
        self.write(events, |tx| {
            let now = policy::now();
            tx.execute("DELETE FROM sessions WHERE expires_at <= ?1", [now])?;
            tx.execute(
                "INSERT INTO sessions (verifier, account_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![verifier, account_id, now, expires_at],
            )?;
            Ok(())
        })
    }

    fn session(&self, verifier: &[u8], now: i64) -> Result<Option<(String, i64)>> {
        self.read(|c| {
            Ok(c.query_row("SELECT account_id, expires_at FROM sessions WHERE verifier = ?1 AND expires_at > ?2", params![verifier, now], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?)
        })
    }

    fn delete_session(&self, verifier: &[u8], events: &[NewEvent]) -> Result<()> {
        self.write(events, |tx| {
            tx.execute("DELETE FROM sessions WHERE verifier = ?1", [verifier])?;
            Ok(())
        })
    }

    fn append_events(&self, events: &[NewEvent]) -> Result<()> {
        self.write(events, |_| Ok(()))
    }

    fn usage(&self, account_id: &str, q: &UsageQuery) -> Result<Usage> {
        self.read(|c| {
            let days = c
                .prepare_cached(super::USAGE_DAYS_SQL)?
                .query_map(params![account_id, q.since, q.until, q.key_id], |r| {
                    Ok(UsageDay {
                        key_id: r.get(0)?,
                        day: r.get(1)?,
                        requests: count(r.get(2)?),
                        denied: count(r.get(3)?),
                        uploaded: count(r.get(4)?),
                        downloaded: count(r.get(5)?),
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let stored = c
                .prepare_cached(super::USAGE_STORED_SQL)?
                .query_map(params![account_id, q.key_id], |r| Ok(Stored { key_id: r.get(0)?, files: count(r.get(1)?), bytes: count(r.get(2)?) }))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Usage { days, stored })
        })
    }

    fn query_events(&self, chain: &str, f: &EventFilter) -> Result<Vec<Event>> {
        self.read(|c| {
            let mut sql = format!("SELECT {EVENT_COLUMNS} FROM audit_log WHERE chain = ?1");
            let (conditions, values) = f.where_sql(2, '?');
            sql.push_str(&conditions);
            let mut args: Vec<rusqlite::types::Value> = vec![chain.to_string().into()];
            args.extend(values.into_iter().map(|v| match v {
                audit::SqlArg::Text(t) => t.into(),
                audit::SqlArg::Int(n) => n.into(),
            }));
            sql.push_str(if f.ascending { " ORDER BY seq ASC" } else { " ORDER BY seq DESC" });
            if let Some(l) = f.limit {
                sql += &format!(" LIMIT ?{}", args.len() + 1);
                args.push((l.min(i64::MAX as usize) as i64).into());
            }
            let mut stmt = c.prepare(&sql)?;
            let mut rows = stmt.query_map(rusqlite::params_from_iter(args), event_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
            if !f.ascending {
                rows.reverse();
            }
            Ok(rows)
        })
    }

    fn audit_head(&self, chain: &str) -> Result<Option<(i64, Vec<u8>)>> {
        self.read(|c| Ok(c.query_row("SELECT seq, hash FROM audit_heads WHERE chain = ?1", [chain], |r| Ok((r.get(0)?, r.get(1)?))).optional()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault(id: &str, account_id: &str) -> Vault {
        Vault {
            id: id.into(),
            account_id: account_id.into(),
            encrypted_name: vec![1],
            wrapped_key: Some(vec![2]),
            sealed_key: None,
            created_by: "owner".into(),
            created_at: 0,
            key_version: 1,
            key_chain: Vec::new(),
        }
    }

    #[test]
    fn a_failed_write_in_a_batch_rolls_back_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open_dir(dir.path()).unwrap();
        let outcomes = store
            .batch(|| {
                [
                    store.append_events(&[NewEvent::owner("acct", "first")]),
                    // No such account: the foreign key fails, and its audit event must go too.
                    store.create_vault(&vault("v1", "missing"), &[], &[NewEvent::owner("acct", "vault.create")]),
                    store.append_events(&[NewEvent::owner("acct", "last")]),
                ]
                .map(|r| r.is_ok())
            })
            .unwrap();
        assert_eq!(outcomes, [true, false, true]);
        let events = store.query_events("acct", &EventFilter { ascending: true, ..Default::default() }).unwrap();
        assert_eq!(events.iter().map(|e| e.body.event.as_str()).collect::<Vec<_>>(), ["first", "last"]);
        assert_eq!(events.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2]);
        assert!(store.list_vaults("missing").unwrap().is_empty());
        // A second connection sees the committed batch with an unbroken chain.
        let other = SqliteStore::open_dir(dir.path()).unwrap();
        let mut prev = audit::GENESIS.to_vec();
        for e in &events {
            assert_eq!(e.prev_hash, prev);
            assert_eq!(e.hash, audit::chain_hash(&prev, e.seq, e.time, &e.body));
            prev = e.hash.clone();
        }
        assert_eq!(other.audit_head("acct").unwrap(), Some((2, prev)));
    }

    #[test]
    fn a_one_account_trail_from_schema_5_becomes_that_accounts_chain_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keysmith.db");
        {
            let conn = Connection::open(&path).unwrap();
            for m in &MIGRATIONS[..5] {
                conn.execute_batch(m).unwrap();
            }
            conn.execute("INSERT INTO accounts VALUES ('acct', x'00', 600000, x'00', x'00', x'00', x'00', 1)", []).unwrap();
            let mut prev = audit::GENESIS.to_vec();
            // An event of the account and one of no account (an unknown key), as schema 5 chained them.
            for (seq, e) in [(1, NewEvent::owner("acct", "account.create")), (2, NewEvent::unattributed("owner", "agent.connect"))] {
                let hash = audit::chain_hash(&prev, seq, 7, &e).to_vec();
                conn.execute(
                    "INSERT INTO audit_events VALUES (?1, 7, ?2, ?3, ?4, NULL, NULL, NULL, NULL, NULL, 'allowed', NULL, ?5, ?6)",
                    params![seq, e.account_id, e.event, e.actor, prev, hash],
                )
                .unwrap();
                prev = hash;
            }
            conn.execute("INSERT INTO audit_head VALUES (1, 2, ?1)", [prev]).unwrap();
            conn.pragma_update(None, "user_version", 5).unwrap();
        }
        let store = SqliteStore::open(&path).unwrap();
        let report = audit::verify_chain(|| store.audit_head("acct"), |f| store.query_events("acct", f), |_| {}).unwrap();
        assert_eq!(report.events, 2);
        // New events of no account start the server's chain; the account's goes on from 3.
        store.append_events(&[NewEvent::unattributed("owner", "agent.connect"), NewEvent::owner("acct", "account.login")]).unwrap();
        assert_eq!(store.audit_head(audit::SERVER_CHAIN).unwrap().unwrap().0, 1);
        assert_eq!(audit::verify_chain(|| store.audit_head("acct"), |f| store.query_events("acct", f), |_| {}).unwrap().events, 3);
    }

    #[test]
    fn the_key_lookups_of_every_request_are_not_prepared_again_on_each_call() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open_dir(dir.path()).unwrap();
        let conn = store.conn.borrow();
        for id in ["k1", "k2", "k3"] {
            vault_ids(&conn, id).unwrap();
        }
        let stmt = conn.prepare_cached(VAULT_IDS).unwrap();
        assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
    }

    fn admission(nonce: &str, expires_at: i64) -> Admission {
        let now = policy::now();
        Admission {
            key_id: "k1".into(),
            nonce: nonce.into(),
            nonce_expires_at: expires_at,
            now,
            rate_limit: None,
            bytes_per_day: None,
            bytes: 0,
            event: NewEvent::owner("acct", "agent.connect"),
        }
    }

    #[test]
    fn a_nonce_is_admitted_once_until_it_expires_and_is_purged() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open_dir(dir.path()).unwrap();
        let now = policy::now();
        assert!(matches!(store.admit(&admission("n1", now + 600)).unwrap(), Admitted::Yes(_)));
        assert!(matches!(store.admit(&admission("n1", now + 600)).unwrap(), Admitted::Replay));
        // The same nonce under another signed timestamp is another request.
        assert!(matches!(store.admit(&admission("n1", now + 601)).unwrap(), Admitted::Yes(_)));
        // Survives a restart.
        let store = SqliteStore::open_dir(dir.path()).unwrap();
        assert!(matches!(store.admit(&admission("n1", now + 600)).unwrap(), Admitted::Replay));
        // Expired nonces are deleted by a later admission.
        store.conn.borrow().execute("UPDATE request_nonces SET expires_at = expires_at - 1000", []).unwrap();
        store.nonces_purged_at.set(0);
        assert!(matches!(store.admit(&admission("n2", now + 600)).unwrap(), Admitted::Yes(_)));
        let left: Vec<String> =
            store.conn.borrow().prepare("SELECT nonce FROM request_nonces").unwrap().query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
        assert_eq!(left, ["n2"]);
        let denied = store.query_events("acct", &EventFilter { ascending: true, ..Default::default() }).unwrap();
        assert_eq!(denied.iter().map(|e| e.body.outcome.name()).collect::<Vec<_>>(), ["allowed", "denied", "allowed", "denied", "allowed"]);
    }

    #[test]
    fn a_rate_window_admits_exactly_its_limit_then_starts_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open_dir(dir.path()).unwrap();
        let now = policy::now();
        let admit = |i: usize, now: i64| {
            let a = Admission { now, rate_limit: Some(RateLimit { requests: 2, window_secs: 3600 }), ..admission(&format!("n{i}"), now + 600) };
            match store.admit(&a).unwrap() {
                Admitted::Yes(Some(rate)) => Some(rate.remaining),
                Admitted::RateLimited(rate) => {
                    assert_eq!((rate.remaining, rate.limit), (0, 2));
                    None
                }
                other => panic!("unexpected {other:?}"),
            }
        };
        assert_eq!([admit(1, now), admit(2, now), admit(3, now)], [Some(1), Some(0), None]);
        let next = now + 3600;
        assert_eq!([admit(4, next), admit(5, next), admit(6, next)], [Some(1), Some(0), None]);
    }

    #[test]
    fn nonces_used_before_the_upgrade_to_schema_4_stay_used_until_they_expire() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keysmith.db");
        let now = policy::now();
        {
            let conn = Connection::open(&path).unwrap();
            for m in &MIGRATIONS[..3] {
                conn.execute_batch(m).unwrap();
            }
            conn.pragma_update(None, "user_version", 3).unwrap();
            conn.execute("INSERT INTO nonces (key_id, nonce, expires_at) VALUES ('k1', 'old', ?1)", [now + 300]).unwrap();
        }
        let store = SqliteStore::open(&path).unwrap();
        assert!(matches!(store.admit(&admission("old", now + 450)).unwrap(), Admitted::Replay));
        assert!(matches!(store.admit(&admission("new", now + 450)).unwrap(), Admitted::Yes(_)));
        // Once they have all expired, the old table is emptied on opening.
        store.conn.borrow().execute("UPDATE nonces SET expires_at = ?1", [now - 1]).unwrap();
        let store = SqliteStore::open(&path).unwrap();
        let old: i64 = store.conn.borrow().query_row("SELECT count(*) FROM nonces", [], |r| r.get(0)).unwrap();
        assert_eq!(old, 0);
        assert!(matches!(store.admit(&admission("old", now + 451)).unwrap(), Admitted::Yes(_)));
    }
}
