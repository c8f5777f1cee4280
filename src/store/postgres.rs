//! The store on PostgreSQL, for servers that outgrow one machine: any number of
//! `keysmith serve` instances share one database, and every guarantee holds across them
//! because it is the database that decides (a nonce is a unique row, a rate window and a
//! byte quota are rows updated under their lock, an audit chain's head is a row locked
//! while its events are appended).
//!
//! Every call runs in one transaction ([`PgStore::run`]) on a pooled connection
//! (tokio-postgres + deadpool). The [`Store`] trait is synchronous: a call runs on a
//! blocking thread and waits on each statement there.

use super::{
    Account, Admission, Admitted, ApiKey, ChainLink, FileRecord, Grant, GrantedVault, PasswordChange, RateState, Registration, Rekey, Store, Stored, Usage,
    UsageDay, UsageQuery, Vault, check_rekey_vault, count,
};
use crate::audit::{self, Event, EventFilter, NewEvent, Outcome};
use crate::error::{Error, Result};
use crate::policy::{self, Permission, RateLimit, Scope};
use std::cell::Cell;
use std::sync::atomic::{AtomicI64, Ordering};
use tokio_postgres::Row;
use tokio_postgres::types::ToSql;

/// Schema migrations, applied in order by the first instance that starts (under an
/// advisory lock, so instances starting together do not race); `keysmith_schema` records
/// how many have run.
const MIGRATIONS: &[&str] = &[SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5];

/// Rekey: vault key versions, the chain of older vault keys, the version each file was
/// written with, and each key's wrapping key sealed to the account (for re-granting).
const SCHEMA_V5: &str = "
ALTER TABLE vaults ADD COLUMN key_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE files ADD COLUMN key_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE api_keys ADD COLUMN escrow BYTEA;
CREATE TABLE vault_key_chain (
    vault_id TEXT NOT NULL REFERENCES vaults(id),
    version INTEGER NOT NULL,
    wrapped_key BYTEA NOT NULL,
    PRIMARY KEY (vault_id, version)
);
";

/// Write-only keys: their grants hold the vault's public key, not its key.
const SCHEMA_V4: &str = "ALTER TABLE api_keys ADD COLUMN write_only BOOLEAN NOT NULL DEFAULT false;";

/// Delegated keys: the key that minted a key.
const SCHEMA_V3: &str = "
ALTER TABLE api_keys ADD COLUMN parent_id TEXT;
CREATE INDEX api_keys_parent ON api_keys(parent_id);
";

/// The password-hashing function is chosen per account (`kdf_iterations` stays the count,
/// or Argon2id's passes); accounts from before were PBKDF2.
const SCHEMA_V2: &str = "
ALTER TABLE accounts ADD COLUMN kdf_algorithm TEXT NOT NULL DEFAULT 'pbkdf2-sha256';
ALTER TABLE accounts ADD COLUMN kdf_memory_kib BIGINT;
ALTER TABLE accounts ADD COLUMN kdf_parallelism BIGINT;
";

const SCHEMA_V1: &str = "
CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    kdf_salt BYTEA NOT NULL,
    kdf_iterations BIGINT NOT NULL,
    login_verifier BYTEA NOT NULL,
    wrapped_master_key BYTEA NOT NULL,
    public_key BYTEA NOT NULL,
    wrapped_private_key BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE vaults (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    encrypted_name BYTEA NOT NULL,
    wrapped_key BYTEA,
    sealed_key BYTEA,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    n BIGSERIAL,
    CHECK (wrapped_key IS NOT NULL OR sealed_key IS NOT NULL)
);
CREATE INDEX vaults_account ON vaults(account_id, created_at, n);
CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    label TEXT NOT NULL,
    public_key BYTEA NOT NULL,
    permissions TEXT NOT NULL,
    rate_requests BIGINT,
    rate_window_secs BIGINT,
    bytes_per_day BIGINT,
    expires_at BIGINT,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT,
    rotated_from TEXT REFERENCES api_keys(id),
    rotated_to TEXT REFERENCES api_keys(id),
    grace_end BIGINT,
    account_key_binding BYTEA,
    n BIGSERIAL
);
CREATE INDEX api_keys_account ON api_keys(account_id, created_at, n);
CREATE TABLE grants (
    key_id TEXT NOT NULL REFERENCES api_keys(id),
    vault_id TEXT NOT NULL REFERENCES vaults(id),
    wrapped_vault_key BYTEA NOT NULL,
    PRIMARY KEY (key_id, vault_id)
);
CREATE INDEX grants_vault ON grants(vault_id);
CREATE TABLE sessions (
    verifier BYTEA PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE TABLE audit_log (
    chain TEXT NOT NULL,
    seq BIGINT NOT NULL,
    time BIGINT NOT NULL,
    account_id TEXT,
    event TEXT NOT NULL,
    actor TEXT NOT NULL,
    key_id TEXT,
    key_label TEXT,
    vault_id TEXT,
    file_id TEXT,
    size BIGINT,
    outcome TEXT NOT NULL,
    reason TEXT,
    prev_hash BYTEA NOT NULL,
    hash BYTEA NOT NULL,
    PRIMARY KEY (chain, seq)
);
CREATE INDEX audit_log_key ON audit_log(chain, key_id, seq);
CREATE INDEX audit_log_vault ON audit_log(chain, vault_id, seq);
CREATE INDEX audit_log_time ON audit_log(chain, time);
CREATE TABLE audit_heads (
    chain TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash BYTEA NOT NULL
);
CREATE TABLE invites (
    verifier BYTEA PRIMARY KEY,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE TABLE request_nonces (
    expires_at BIGINT NOT NULL,
    key_id TEXT NOT NULL,
    nonce TEXT NOT NULL,
    PRIMARY KEY (expires_at, key_id, nonce)
);
CREATE TABLE rate_windows (
    key_id TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    count BIGINT NOT NULL
);
CREATE TABLE byte_days (
    key_id TEXT PRIMARY KEY,
    day BIGINT NOT NULL,
    bytes BIGINT NOT NULL
);
CREATE TABLE files (
    id TEXT PRIMARY KEY,
    vault_id TEXT NOT NULL REFERENCES vaults(id),
    encrypted_name BYTEA NOT NULL,
    wrapped_key BYTEA NOT NULL,
    size BIGINT NOT NULL,
    sha256 BYTEA NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'complete')),
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    n BIGSERIAL
);
CREATE INDEX files_vault ON files(vault_id, state, created_at, n);
CREATE TABLE server_meta (
    key TEXT PRIMARY KEY,
    value BYTEA NOT NULL
);
";

/// The advisory lock the migrations run under ("keysmith" in ASCII).
const MIGRATION_LOCK: i64 = 0x6b65_7973_6d69_7468;

/// How many connections an instance keeps to the database at most.
pub const POOL_SIZE: usize = 16;

pub struct PgStore {
    pool: deadpool_postgres::Pool,
    rt: tokio::runtime::Handle,
    /// When this instance last deleted expired nonces (at most once a second).
    nonces_purged_at: AtomicI64,
}

/// What to tell about a database error: never its own text (it can name the schema or
/// carry values), but what kind of failure it was.
fn db_error(e: &tokio_postgres::Error) -> Error {
    use tokio_postgres::error::SqlState;
    match e.code() {
        Some(c) if *c == SqlState::UNIQUE_VIOLATION || *c == SqlState::FOREIGN_KEY_VIOLATION || *c == SqlState::CHECK_VIOLATION => {
            Error::failure("the change conflicts with what is stored (a duplicate id or an unknown reference); nothing was changed")
        }
        Some(c) if *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE => {
            Error::failure("the database was busy with a conflicting change; nothing was changed").hint("retry in a moment")
        }
        Some(c) if *c == SqlState::DISK_FULL => Error::failure("the database's disk is full; nothing was changed").hint("the operator must free space"),
        Some(_) => Error::failure("the database refused the change; nothing was changed"),
        None if e.is_closed() => Error::failure("the connection to the database was lost").hint("check that PostgreSQL is running, then retry"),
        None => Error::failure("the database failed (connection or protocol error)").hint("check that PostgreSQL is running, then retry"),
    }
}

fn pool_error(e: deadpool_postgres::PoolError) -> Error {
    match e {
        deadpool_postgres::PoolError::Backend(e) => db_error(&e),
        _ => Error::failure("no connection to the database is available").hint("check that PostgreSQL is running and reachable, then retry"),
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://user:pass@host:port/db`) and brings the schema up to
    /// date. Call from outside the runtime's worker threads (e.g. before serving).
    pub fn connect(url: &str, rt: tokio::runtime::Handle) -> Result<Self> {
        let config: tokio_postgres::Config = url
            .parse()
            .map_err(|_| Error::usage("the database URL is not a valid PostgreSQL URL").hint("e.g. postgres://keysmith@db.internal:5432/keysmith"))?;
        let manager = deadpool_postgres::Manager::from_config(
            config,
            tokio_postgres::NoTls,
            deadpool_postgres::ManagerConfig { recycling_method: deadpool_postgres::RecyclingMethod::Fast },
        );
        let pool = deadpool_postgres::Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .wait_timeout(Some(std::time::Duration::from_secs(10)))
            .create_timeout(Some(std::time::Duration::from_secs(10)))
            .build()
            .map_err(|_| Error::failure("cannot set up the database connection pool"))?;
        let store = PgStore { pool, rt, nonces_purged_at: AtomicI64::new(0) };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&self) -> Result<()> {
        self.rt.block_on(async {
            let mut client = self.pool.get().await.map_err(|e| {
                Error::failure(format!("cannot connect to the database: {}", pool_reason(&e))).hint("check the database URL and that PostgreSQL is running")
            })?;
            let tx = client.transaction().await.map_err(|e| db_error(&e))?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await.map_err(|e| db_error(&e))?;
            tx.batch_execute("CREATE TABLE IF NOT EXISTS keysmith_schema (version BIGINT NOT NULL)").await.map_err(|e| db_error(&e))?;
            let version: i64 = tx.query_opt("SELECT version FROM keysmith_schema", &[]).await.map_err(|e| db_error(&e))?.map(|r| r.get(0)).unwrap_or(0);
            let known = MIGRATIONS.len() as i64;
            if version > known {
                return Err(
                    Error::usage(format!("the database has schema version {version}, newer than this keysmith understands ({known})")).hint("upgrade keysmith")
                );
            }
            for m in &MIGRATIONS[version as usize..] {
                tx.batch_execute(m).await.map_err(|e| db_error(&e))?;
            }
            tx.execute("DELETE FROM keysmith_schema", &[]).await.map_err(|e| db_error(&e))?;
            tx.execute("INSERT INTO keysmith_schema (version) VALUES ($1)", &[&known]).await.map_err(|e| db_error(&e))?;
            tx.commit().await.map_err(|e| db_error(&e))
        })
    }

    /// Runs `f` in one transaction, from a thread that may block (not a runtime worker).
    /// What `f` did commits even when it returns an error (a denial and its audit event),
    /// unless a statement failed: then nothing commits, and an `Ok` becomes an error.
    pub fn run<T>(&self, f: impl FnOnce(&dyn Store) -> Result<T>) -> Result<T> {
        let mut client = self.rt.block_on(self.pool.get()).map_err(pool_error)?;
        let tx = self.rt.block_on(client.transaction()).map_err(|e| db_error(&e))?;
        let store = PgTx { tx, rt: &self.rt, failed: Cell::new(false), purged: &self.nonces_purged_at };
        let out = f(&store);
        let PgTx { tx, failed, .. } = store;
        if failed.get() {
            let _ = self.rt.block_on(tx.rollback());
            return out.and_then(|_| Err(Error::failure("the store could not commit this request; nothing was changed").hint("retry in a moment")));
        }
        self.rt.block_on(tx.commit()).map_err(|e| db_error(&e))?;
        out
    }
}

fn pool_reason(e: &deadpool_postgres::PoolError) -> String {
    match e {
        deadpool_postgres::PoolError::Backend(e) if e.as_db_error().is_some() => e.as_db_error().map(|d| d.message().to_string()).unwrap_or_default(),
        deadpool_postgres::PoolError::Backend(_) => "the server cannot be reached".into(),
        deadpool_postgres::PoolError::Timeout(_) => "timed out".into(),
        _ => "the pool is closed".into(),
    }
}

/// One transaction seen as a [`Store`].
struct PgTx<'a> {
    tx: deadpool_postgres::Transaction<'a>,
    rt: &'a tokio::runtime::Handle,
    /// A statement failed: the transaction is aborted and may not be reported as done.
    failed: Cell<bool>,
    purged: &'a AtomicI64,
}

type Params<'p> = &'p [&'p (dyn ToSql + Sync)];

impl PgTx<'_> {
    fn check<T>(&self, r: std::result::Result<T, tokio_postgres::Error>) -> Result<T> {
        r.map_err(|e| {
            self.failed.set(true);
            db_error(&e)
        })
    }

    fn exec(&self, sql: &str, params: Params) -> Result<u64> {
        let r = self.rt.block_on(async {
            let stmt = self.tx.prepare_cached(sql).await?;
            self.tx.execute(&stmt, params).await
        });
        self.check(r)
    }

    fn rows(&self, sql: &str, params: Params) -> Result<Vec<Row>> {
        let r = self.rt.block_on(async {
            let stmt = self.tx.prepare_cached(sql).await?;
            self.tx.query(&stmt, params).await
        });
        self.check(r)
    }

    fn row(&self, sql: &str, params: Params) -> Result<Option<Row>> {
        Ok(self.rows(sql, params)?.into_iter().next())
    }

    /// Appends events to their chains: each chain's head row is locked (created at the
    /// genesis if new) and read in one statement, so appends to one chain from any number
    /// of instances follow one another.
    fn append(&self, events: &[NewEvent]) -> Result<()> {
        let time = policy::now();
        for (chain, run) in audit::runs(events) {
            let head = self
                .row(
                    "INSERT INTO audit_heads (chain, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (chain) DO UPDATE SET chain = excluded.chain RETURNING seq, hash",
                    &[&chain, &audit::GENESIS.as_slice()],
                )?
                .ok_or_else(|| Error::failure("the audit head could not be read"))?;
            let (mut seq, mut prev): (i64, Vec<u8>) = (head.get(0), head.get(1));
            for e in run {
                seq += 1;
                let hash = audit::chain_hash(&prev, seq, time, e);
                self.exec(
                    "INSERT INTO audit_log (chain, seq, time, account_id, event, actor, key_id, key_label, vault_id, file_id, size, outcome, reason, prev_hash, hash)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
                    &[
                        &chain,
                        &seq,
                        &time,
                        &e.account_id,
                        &e.event,
                        &e.actor,
                        &e.key_id,
                        &e.key_label,
                        &e.vault_id,
                        &e.file_id,
                        &e.size.map(|s| s as i64),
                        &e.outcome.name(),
                        &e.reason,
                        &prev,
                        &hash.as_slice(),
                    ],
                )?;
                prev = hash.to_vec();
            }
            self.exec("UPDATE audit_heads SET seq = $2, hash = $3 WHERE chain = $1", &[&chain, &seq, &prev])?;
        }
        Ok(())
    }

    /// The admission decision: the nonce is a unique row; the rate window and the day's
    /// bytes are rows changed only if the request fits, under their row lock, so that
    /// concurrent requests on any instance are counted exactly.
    fn admit_in(&self, a: &Admission) -> Result<Admitted> {
        let fresh = self.exec(
            "INSERT INTO request_nonces (expires_at, key_id, nonce) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &[&a.nonce_expires_at, &a.key_id, &a.nonce],
        )?;
        if fresh == 0 {
            return Ok(Admitted::Replay);
        }
        let mut rate = None;
        if let Some(limit) = a.rate_limit {
            let window = limit.window_secs as i64;
            let start = a.now - a.now.rem_euclid(window);
            let reset_secs = start + window - a.now;
            let counted = self.row(
                "INSERT INTO rate_windows (key_id, window_start, count) VALUES ($1, $2, 1)
                 ON CONFLICT (key_id) DO UPDATE SET count = CASE WHEN rate_windows.window_start = excluded.window_start THEN rate_windows.count + 1 ELSE 1 END,
                                                    window_start = excluded.window_start
                 WHERE rate_windows.window_start <> excluded.window_start OR rate_windows.count < $3
                 RETURNING count",
                &[&a.key_id, &start, &(limit.requests.min(i64::MAX as u64) as i64)],
            )?;
            let Some(count) = counted.map(|r| r.get::<_, i64>(0)) else {
                return Ok(Admitted::RateLimited(RateState { limit: limit.requests, remaining: 0, reset_secs }));
            };
            rate = Some(RateState { limit: limit.requests, remaining: limit.requests.saturating_sub(count as u64), reset_secs });
        }
        if let Some(quota) = a.bytes_per_day {
            let day = a.now.div_euclid(86_400);
            let retry_after = (day + 1) * 86_400 - a.now;
            if a.bytes > quota {
                return Ok(Admitted::QuotaExceeded { retry_after });
            }
            if a.bytes > 0 {
                let added = self.row(
                    "INSERT INTO byte_days (key_id, day, bytes) VALUES ($1, $2, $3)
                     ON CONFLICT (key_id) DO UPDATE SET bytes = CASE WHEN byte_days.day = excluded.day THEN byte_days.bytes + excluded.bytes ELSE excluded.bytes END,
                                                        day = excluded.day
                     WHERE byte_days.day <> excluded.day OR byte_days.bytes + excluded.bytes <= $4
                     RETURNING bytes",
                    &[&a.key_id, &day, &(a.bytes as i64), &(quota.min(i64::MAX as u64) as i64)],
                )?;
                if added.is_none() {
                    return Ok(Admitted::QuotaExceeded { retry_after });
                }
            }
        }
        self.exec("UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND last_used_at IS DISTINCT FROM $2", &[&a.key_id, &a.now])?;
        Ok(Admitted::Yes(rate))
    }

    fn vault_ids(&self, key_id: &str) -> Result<Vec<String>> {
        Ok(self.rows("SELECT vault_id FROM grants WHERE key_id = $1 ORDER BY vault_id", &[&key_id])?.iter().map(|r| r.get(0)).collect())
    }

    fn insert_grants(&self, grants: &[Grant]) -> Result<()> {
        for g in grants {
            self.exec("INSERT INTO grants (key_id, vault_id, wrapped_vault_key) VALUES ($1, $2, $3)", &[&g.key_id, &g.vault_id, &g.wrapped_vault_key])?;
        }
        Ok(())
    }

    fn insert_vault(&self, v: &Vault) -> Result<()> {
        self.exec(
            // A new vault is at key version 1 (the column's default), whatever a client said.
            "INSERT INTO vaults (id, account_id, encrypted_name, wrapped_key, sealed_key, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[&v.id, &v.account_id, &v.encrypted_name, &v.wrapped_key, &v.sealed_key, &v.created_by, &v.created_at],
        )?;
        Ok(())
    }

    fn insert_key(&self, key: &ApiKey, grants: &[Grant]) -> Result<()> {
        let perms = serde_json::to_string(&key.scope.permissions).expect("permissions serialize");
        self.exec(
            &format!("INSERT INTO api_keys ({KEY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)"),
            &[
                &key.id,
                &key.account_id,
                &key.label,
                &key.public_key,
                &perms,
                &key.scope.rate_limit.map(|r| r.requests as i64),
                &key.scope.rate_limit.map(|r| r.window_secs as i64),
                &key.scope.bytes_per_day.map(|b| b as i64),
                &key.expires_at,
                &key.created_at,
                &key.last_used_at,
                &key.revoked_at,
                &key.rotated_from,
                &key.rotated_to,
                &key.grace_end,
                &key.account_key_binding,
                &key.parent_id,
                &key.scope.write_only,
                &key.escrow,
            ],
        )?;
        self.insert_grants(grants)
    }

    /// A vault's older keys, oldest first.
    fn key_chain(&self, vault_id: String) -> Result<Vec<ChainLink>> {
        self.rows("SELECT version, wrapped_key FROM vault_key_chain WHERE vault_id = $1 ORDER BY version", &[&vault_id])?
            .iter()
            .map(|r| Ok(ChainLink { version: version(r.get(0))?, wrapped_key: r.get(1) }))
            .collect()
    }

    fn with_vaults(&self, mut key: ApiKey) -> Result<ApiKey> {
        key.scope.vaults = self.vault_ids(&key.id)?;
        Ok(key)
    }
}

const KEY_COLUMNS: &str = "id, account_id, label, public_key, permissions, rate_requests, rate_window_secs, bytes_per_day, expires_at, created_at, last_used_at, revoked_at, rotated_from, rotated_to, grace_end, account_key_binding, parent_id, write_only, escrow";
const FILE_COLUMNS: &str = "id, vault_id, encrypted_name, wrapped_key, size, sha256, state, created_by, created_at, key_version";
const EVENT_COLUMNS: &str = "seq, time, account_id, event, actor, key_id, key_label, vault_id, file_id, size, outcome, reason, prev_hash, hash";
const ACCOUNT_COLUMNS: &str = "id, kdf_salt, kdf_iterations, login_verifier, wrapped_master_key, public_key, wrapped_private_key, created_at, kdf_algorithm, kdf_memory_kib, kdf_parallelism";
const VAULT_COLUMNS: &str = "id, account_id, encrypted_name, wrapped_key, sealed_key, created_by, created_at, key_version";

/// A key version as stored (INTEGER), never below 1.
fn version(v: i32) -> Result<u32> {
    u32::try_from(v).ok().filter(|v| *v >= 1).ok_or_else(|| damaged("key version"))
}

fn damaged(what: &str) -> Error {
    Error::integrity(format!("a record in the keysmith database is damaged ({what})")).hint("restore the database from a backup")
}

/// A non-negative count or size stored as BIGINT.
fn unsigned(v: i64, what: &str) -> Result<u64> {
    u64::try_from(v).map_err(|_| damaged(what))
}

fn key_from_row(r: &Row) -> Result<ApiKey> {
    let perms: String = r.get(4);
    let permissions: Vec<Permission> = serde_json::from_str(&perms).map_err(|_| damaged("permissions"))?;
    let rate_limit = match (r.get::<_, Option<i64>>(5), r.get::<_, Option<i64>>(6)) {
        (Some(n), Some(w)) => Some(RateLimit { requests: unsigned(n, "rate")?, window_secs: unsigned(w, "rate window")? }),
        _ => None,
    };
    Ok(ApiKey {
        id: r.get(0),
        account_id: r.get(1),
        label: r.get(2),
        public_key: r.get(3),
        scope: Scope {
            permissions,
            vaults: Vec::new(),
            rate_limit,
            bytes_per_day: r.get::<_, Option<i64>>(7).map(|b| unsigned(b, "quota")).transpose()?,
            write_only: r.get(17),
        },
        expires_at: r.get(8),
        created_at: r.get(9),
        last_used_at: r.get(10),
        revoked_at: r.get(11),
        rotated_from: r.get(12),
        rotated_to: r.get(13),
        grace_end: r.get(14),
        account_key_binding: r.get(15),
        parent_id: r.get(16),
        escrow: r.get(18),
    })
}

fn file_from_row(r: &Row) -> Result<FileRecord> {
    Ok(FileRecord {
        id: r.get(0),
        vault_id: r.get(1),
        encrypted_name: r.get(2),
        wrapped_key: r.get(3),
        size: unsigned(r.get(4), "file size")?,
        sha256: r.get(5),
        state: r.get(6),
        created_by: r.get(7),
        created_at: r.get(8),
        key_version: version(r.get(9))?,
    })
}

fn event_from_row(r: &Row) -> Result<Event> {
    let outcome: String = r.get(10);
    Ok(Event {
        seq: r.get(0),
        time: r.get(1),
        body: NewEvent {
            account_id: r.get(2),
            event: r.get(3),
            actor: r.get(4),
            key_id: r.get(5),
            key_label: r.get(6),
            vault_id: r.get(7),
            file_id: r.get(8),
            size: r.get::<_, Option<i64>>(9).map(|s| unsigned(s, "event size")).transpose()?,
            outcome: Outcome::parse(&outcome).ok_or_else(|| damaged("event outcome"))?,
            reason: r.get(11),
        },
        prev_hash: r.get(12),
        hash: r.get(13),
    })
}

fn account_from_row(r: &Row) -> Result<Account> {
    Ok(Account {
        id: r.get(0),
        kdf_salt: r.get(1),
        kdf: super::kdf_from_columns(r.get(8), r.get(2), r.get(9), r.get(10)).ok_or_else(|| damaged("kdf"))?,
        login_verifier: r.get(3),
        wrapped_master_key: r.get(4),
        public_key: r.get(5),
        wrapped_private_key: r.get(6),
        created_at: r.get(7),
    })
}

fn vault_from_row(r: &Row) -> Result<Vault> {
    Ok(Vault {
        id: r.get(0),
        account_id: r.get(1),
        encrypted_name: r.get(2),
        wrapped_key: r.get(3),
        sealed_key: r.get(4),
        created_by: r.get(5),
        created_at: r.get(6),
        key_version: version(r.get(7))?,
        key_chain: Vec::new(),
    })
}

impl Store for PgTx<'_> {
    fn default_account(&self) -> Result<Option<Account>> {
        let mut rows = self.rows(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts LIMIT 2"), &[])?;
        if rows.len() > 1 {
            return Err(Error::usage("this database holds several accounts; name yours"));
        }
        rows.pop().map(|r| account_from_row(&r)).transpose()
    }

    fn get_account(&self, account_id: &str) -> Result<Option<Account>> {
        self.row(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = $1"), &[&account_id])?.map(|r| account_from_row(&r)).transpose()
    }

    fn create_account(&self, a: &Account, first_vault: &Vault, registration: Registration, events: &[NewEvent]) -> Result<()> {
        match registration {
            Registration::Single => {
                // Two first registrations at once must not both find the store empty.
                self.exec("LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE", &[])?;
                if self.row("SELECT 1 FROM accounts LIMIT 1", &[])?.is_some() {
                    return Err(super::account_exists());
                }
            }
            Registration::Open => {}
            Registration::Invite { verifier, now } => {
                if self.exec("DELETE FROM invites WHERE verifier = $1 AND expires_at > $2", &[&verifier, &now])? != 1 {
                    return Err(super::invite_refused());
                }
            }
        }
        let (algorithm, iterations, memory, parallelism) = super::kdf_columns(&a.kdf);
        let inserted = self.exec(
            &format!("INSERT INTO accounts ({ACCOUNT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING"),
            &[
                &a.id,
                &a.kdf_salt,
                &iterations,
                &a.login_verifier,
                &a.wrapped_master_key,
                &a.public_key,
                &a.wrapped_private_key,
                &a.created_at,
                &algorithm,
                &memory,
                &parallelism,
            ],
        )?;
        if inserted != 1 {
            // The invite (if any) is given back: nothing of this call commits.
            self.failed.set(true);
            return Err(Error::failure("this account id is already in use").hint("run `keysmith init` again: a new account gets a new random id"));
        }
        self.insert_vault(first_vault)?;
        self.append(events)
    }

    fn create_invite(&self, verifier: &[u8], expires_at: i64, events: &[NewEvent]) -> Result<()> {
        let now = policy::now();
        self.exec("DELETE FROM invites WHERE expires_at <= $1", &[&now])?;
        self.exec("INSERT INTO invites (verifier, created_at, expires_at) VALUES ($1, $2, $3)", &[&verifier, &now, &expires_at])?;
        self.append(events)
    }

    fn change_password(&self, account_id: &str, c: &PasswordChange, events: &[NewEvent]) -> Result<()> {
        let (algorithm, iterations, memory, parallelism) = super::kdf_columns(&c.kdf);
        let n = self.exec(
            "UPDATE accounts SET kdf_salt = $2, kdf_iterations = $3, login_verifier = $4, wrapped_master_key = $5,
                kdf_algorithm = $6, kdf_memory_kib = $7, kdf_parallelism = $8 WHERE id = $1",
            &[&account_id, &c.kdf_salt, &iterations, &c.login_verifier, &c.wrapped_master_key, &algorithm, &memory, &parallelism],
        )?;
        if n != 1 {
            return Err(Error::failure("the account no longer exists"));
        }
        self.exec("DELETE FROM sessions WHERE account_id = $1", &[&account_id])?;
        self.append(events)
    }

    fn create_vault(&self, vault: &Vault, grants: &[Grant], events: &[NewEvent]) -> Result<()> {
        self.insert_vault(vault)?;
        self.insert_grants(grants)?;
        self.append(events)
    }

    fn list_vaults(&self, account_id: &str) -> Result<Vec<Vault>> {
        self.rows(&format!("SELECT {VAULT_COLUMNS} FROM vaults WHERE account_id = $1 ORDER BY created_at, n"), &[&account_id])?
            .iter()
            .map(|r| Ok(Vault { key_chain: self.key_chain(r.get(0))?, ..vault_from_row(r)? }))
            .collect()
    }

    fn vault_account(&self, vault_id: &str) -> Result<Option<String>> {
        Ok(self.row("SELECT account_id FROM vaults WHERE id = $1", &[&vault_id])?.map(|r| r.get(0)))
    }

    fn delete_vault(&self, vault_id: &str, events: &[NewEvent]) -> Result<Vec<String>> {
        let files: Vec<String> = self.rows("SELECT id FROM files WHERE vault_id = $1", &[&vault_id])?.iter().map(|r| r.get(0)).collect();
        self.exec("DELETE FROM grants WHERE vault_id = $1", &[&vault_id])?;
        self.exec("DELETE FROM files WHERE vault_id = $1", &[&vault_id])?;
        self.exec("DELETE FROM vault_key_chain WHERE vault_id = $1", &[&vault_id])?;
        if self.exec("DELETE FROM vaults WHERE id = $1", &[&vault_id])? != 1 {
            self.failed.set(true);
            return Err(Error::not_found(format!("no vault {vault_id}")));
        }
        self.append(events)?;
        Ok(files)
    }

    fn create_key(&self, key: &ApiKey, grants: &[Grant], events: &[NewEvent]) -> Result<()> {
        self.insert_key(key, grants)?;
        self.append(events)
    }

    fn get_key(&self, key_id: &str) -> Result<Option<ApiKey>> {
        let row = self.row(&format!("SELECT {KEY_COLUMNS} FROM api_keys WHERE id = $1"), &[&key_id])?;
        row.map(|r| key_from_row(&r).and_then(|k| self.with_vaults(k))).transpose()
    }

    fn list_keys(&self, account_id: &str) -> Result<Vec<ApiKey>> {
        let rows = self.rows(&format!("SELECT {KEY_COLUMNS} FROM api_keys WHERE account_id = $1 ORDER BY created_at, n"), &[&account_id])?;
        rows.iter().map(|r| key_from_row(r).and_then(|k| self.with_vaults(k))).collect()
    }

    fn grants(&self, key_id: &str) -> Result<Vec<Grant>> {
        let rows = self.rows("SELECT key_id, vault_id, wrapped_vault_key FROM grants WHERE key_id = $1 ORDER BY vault_id", &[&key_id])?;
        Ok(rows.iter().map(|r| Grant { key_id: r.get(0), vault_id: r.get(1), wrapped_vault_key: r.get(2) }).collect())
    }

    fn granted_vaults(&self, key_id: &str) -> Result<Vec<GrantedVault>> {
        let rows = self.rows(
            "SELECT g.vault_id, v.encrypted_name, g.wrapped_vault_key, v.key_version FROM grants g JOIN vaults v ON v.id = g.vault_id WHERE g.key_id = $1 ORDER BY g.vault_id",
            &[&key_id],
        )?;
        rows.iter()
            .map(|r| {
                Ok(GrantedVault {
                    vault_id: r.get(0),
                    encrypted_name: r.get(1),
                    wrapped_vault_key: r.get(2),
                    key_version: version(r.get(3))?,
                    key_chain: self.key_chain(r.get(0))?,
                })
            })
            .collect()
    }

    fn rotate_key(&self, old_id: &str, grace_end: i64, new: &ApiKey, grants: &[Grant], events: &[NewEvent]) -> Result<()> {
        self.insert_key(new, grants)?;
        // Never extend a key's life: the grace end is capped by its expiry.
        let n = self.exec(
            "UPDATE api_keys SET rotated_to = $2, grace_end = LEAST($3, coalesce(expires_at, $3))
             WHERE id = $1 AND rotated_to IS NULL AND revoked_at IS NULL",
            &[&old_id, &new.id, &grace_end],
        )?;
        if n != 1 {
            self.failed.set(true);
            return Err(Error::failure(format!("key {old_id} was rotated or revoked meanwhile")).hint("run `keysmith key list` to see its state"));
        }
        // The old key's children now descend from the new one.
        self.exec("UPDATE api_keys SET parent_id = $2 WHERE parent_id = $1", &[&old_id, &new.id])?;
        self.append(events)
    }

    fn revoke_key(&self, key_id: &str, at: i64, events: &[NewEvent]) -> Result<()> {
        let n = self.exec("UPDATE api_keys SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1", &[&key_id, &at])?;
        if n != 1 {
            return Err(Error::not_found(format!("no key {key_id}")).hint("run `keysmith key list` to see key ids"));
        }
        self.append(events)
    }

    fn rekey(&self, account_id: &str, rekey: &Rekey, now: i64, events: &[NewEvent]) -> Result<()> {
        // Every check first (what a failed check returns would otherwise commit), each vault
        // row locked so that a concurrent rekey, upload or grant waits for this one.
        for id in &rekey.revoke {
            if self.row("SELECT 1 FROM api_keys WHERE id = $1 AND account_id = $2", &[id, &account_id])?.is_none() {
                return Err(Error::not_found(format!("no key {id}")));
            }
        }
        let mut current = Vec::new();
        for v in &rekey.vaults {
            let row = self.row("SELECT key_version FROM vaults WHERE id = $1 AND account_id = $2 FOR UPDATE", &[&v.vault_id, &account_id])?;
            let at = version(row.ok_or_else(|| Error::not_found(format!("no vault {}", v.vault_id)))?.get(0))?;
            let holders: Vec<_> = self
                .rows(
                    "SELECT k.id, k.revoked_at, k.expires_at, k.grace_end FROM grants g JOIN api_keys k ON k.id = g.key_id WHERE g.vault_id = $1",
                    &[&v.vault_id],
                )?
                .iter()
                .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
                .collect();
            check_rekey_vault(v, at, &holders, &rekey.revoke, now)?;
            current.push(at);
        }
        for id in &rekey.revoke {
            self.exec("UPDATE api_keys SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1", &[id, &now])?;
        }
        for (v, at) in rekey.vaults.iter().zip(current) {
            self.exec(
                "UPDATE vaults SET wrapped_key = $2, sealed_key = NULL, encrypted_name = $3, key_version = $4 WHERE id = $1",
                &[&v.vault_id, &v.wrapped_key, &v.encrypted_name, &((at + 1) as i32)],
            )?;
            self.exec("DELETE FROM vault_key_chain WHERE vault_id = $1", &[&v.vault_id])?;
            for l in &v.key_chain {
                self.exec(
                    "INSERT INTO vault_key_chain (vault_id, version, wrapped_key) VALUES ($1, $2, $3)",
                    &[&v.vault_id, &(l.version as i32), &l.wrapped_key],
                )?;
            }
            for g in &v.grants {
                self.exec("UPDATE grants SET wrapped_vault_key = $3 WHERE key_id = $1 AND vault_id = $2", &[&g.key_id, &g.vault_id, &g.wrapped_vault_key])?;
            }
        }
        self.append(events)
    }

    fn create_session(&self, verifier: &[u8], account_id: &str, expires_at: i64, events: &[NewEvent]) -> Result<()> {
        let now = policy::now();
        self.exec("DELETE FROM sessions WHERE expires_at <= $1", &[&now])?;
        self.exec("INSERT INTO sessions (verifier, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)", &[&verifier, &account_id, &now, &expires_at])?;
        self.append(events)
    }

    fn session(&self, verifier: &[u8], now: i64) -> Result<Option<(String, i64)>> {
        Ok(self.row("SELECT account_id, expires_at FROM sessions WHERE verifier = $1 AND expires_at > $2", &[&verifier, &now])?.map(|r| (r.get(0), r.get(1))))
    }

    fn delete_session(&self, verifier: &[u8], events: &[NewEvent]) -> Result<()> {
        self.exec("DELETE FROM sessions WHERE verifier = $1", &[&verifier])?;
        self.append(events)
    }

    fn announce_file(&self, f: &FileRecord, events: &[NewEvent]) -> Result<()> {
        // Shared with a rekey (which locks the row for update): never between its two states.
        let current = self.row("SELECT key_version FROM vaults WHERE id = $1 FOR SHARE", &[&f.vault_id])?.map(|r| version(r.get(0))).transpose()?;
        super::check_file_version(f, current)?;
        self.exec(
            &format!("INSERT INTO files ({FILE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"),
            &[
                &f.id,
                &f.vault_id,
                &f.encrypted_name,
                &f.wrapped_key,
                &(f.size as i64),
                &f.sha256,
                &f.state,
                &f.created_by,
                &f.created_at,
                &(f.key_version as i32),
            ],
        )?;
        self.append(events)
    }

    fn complete_file(&self, file_id: &str, events: &[NewEvent]) -> Result<()> {
        if self.exec("UPDATE files SET state = 'complete' WHERE id = $1 AND state = 'pending'", &[&file_id])? != 1 {
            return Err(Error::failure(format!("no pending upload {file_id}")));
        }
        self.append(events)
    }

    fn get_file(&self, file_id: &str) -> Result<Option<FileRecord>> {
        self.row(&format!("SELECT {FILE_COLUMNS} FROM files WHERE id = $1"), &[&file_id])?.map(|r| file_from_row(&r)).transpose()
    }

    fn list_files(&self, vault_id: &str) -> Result<Vec<FileRecord>> {
        self.rows(&format!("SELECT {FILE_COLUMNS} FROM files WHERE vault_id = $1 AND state = 'complete' ORDER BY created_at, n"), &[&vault_id])?
            .iter()
            .map(file_from_row)
            .collect()
    }

    fn delete_file(&self, file_id: &str, events: &[NewEvent]) -> Result<()> {
        self.exec("DELETE FROM files WHERE id = $1", &[&file_id])?;
        self.append(events)
    }

    fn server_secret(&self) -> Result<crate::crypto::SecretKey> {
        self.exec(
            "INSERT INTO server_meta (key, value) VALUES ('blob_url_secret', $1) ON CONFLICT (key) DO NOTHING",
            &[&crate::crypto::random_array::<32>().as_slice()],
        )?;
        let v: Vec<u8> = self.row("SELECT value FROM server_meta WHERE key = 'blob_url_secret'", &[])?.map(|r| r.get(0)).unwrap_or_default();
        let arr: [u8; 32] = v.as_slice().try_into().map_err(|_| Error::integrity("the server secret is damaged"))?;
        Ok(crate::crypto::SecretKey::from_bytes(arr))
    }

    fn admit(&self, a: &Admission) -> Result<Admitted> {
        if self.purged.fetch_max(a.now, Ordering::Relaxed) < a.now {
            self.exec("DELETE FROM request_nonces WHERE expires_at < $1", &[&a.now])?;
        }
        let decision = self.admit_in(a)?;
        let event = match decision {
            Admitted::Yes(_) => a.event.clone(),
            Admitted::Replay => a.event.clone().denied("replayed request (nonce already used)"),
            Admitted::RateLimited(_) => a.event.clone().denied("rate limit exceeded"),
            Admitted::QuotaExceeded { .. } => a.event.clone().denied("daily byte quota exceeded"),
        };
        self.append(&[event])?;
        Ok(decision)
    }

    fn append_events(&self, events: &[NewEvent]) -> Result<()> {
        self.append(events)
    }

    fn usage(&self, account_id: &str, q: &UsageQuery) -> Result<Usage> {
        let days = self
            .rows(&super::USAGE_DAYS_SQL.replace('?', "$"), &[&account_id, &q.since, &q.until, &q.key_id])?
            .iter()
            .map(|r| UsageDay {
                key_id: r.get(0),
                day: r.get(1),
                requests: count(r.get(2)),
                denied: count(r.get(3)),
                uploaded: count(r.get(4)),
                downloaded: count(r.get(5)),
            })
            .collect();
        let stored = self
            .rows(&super::USAGE_STORED_SQL.replace('?', "$"), &[&account_id, &q.key_id])?
            .iter()
            .map(|r| Stored { key_id: r.get(0), files: count(r.get(1)), bytes: count(r.get(2)) })
            .collect();
        Ok(Usage { days, stored })
    }

    fn query_events(&self, chain: &str, f: &EventFilter) -> Result<Vec<Event>> {
        let mut sql = format!("SELECT {EVENT_COLUMNS} FROM audit_log WHERE chain = $1");
        let (conditions, args) = f.where_sql(2, '$');
        sql.push_str(&conditions);
        let mut values: Vec<Box<dyn ToSql + Sync>> = vec![Box::new(chain.to_string())];
        values.extend(args.into_iter().map(|a| -> Box<dyn ToSql + Sync> {
            match a {
                audit::SqlArg::Text(t) => Box::new(t),
                audit::SqlArg::Int(n) => Box::new(n),
            }
        }));
        let mut arg = |clause: &str, v: Box<dyn ToSql + Sync>| {
            values.push(v);
            sql.push_str(&clause.replace('?', &format!("${}", values.len())));
        };
        arg(if f.ascending { " ORDER BY seq ASC LIMIT ?" } else { " ORDER BY seq DESC LIMIT ?" }, Box::new(f.limit.map(|l| l.min(i64::MAX as usize) as i64)));
        let args: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v.as_ref()).collect();
        let mut events = self.rows(&sql, &args)?.iter().map(event_from_row).collect::<Result<Vec<_>>>()?;
        if !f.ascending {
            events.reverse();
        }
        Ok(events)
    }

    fn audit_head(&self, chain: &str) -> Result<Option<(i64, Vec<u8>)>> {
        // A head row at seq 0 is the genesis placeholder of a chain with no events yet.
        Ok(self.row("SELECT seq, hash FROM audit_heads WHERE chain = $1 AND seq > 0", &[&chain])?.map(|r| (r.get(0), r.get(1))))
    }
}

/// Each call in a transaction of its own (for callers outside a server request: operator
/// commands, tests). The server runs whole requests in one transaction with [`PgStore::run`].
macro_rules! each_call_commits {
    ($(fn $name:ident(&self $(, $arg:ident: $ty:ty)*) -> $ret:ty;)*) => {
        impl Store for PgStore {
            $(fn $name(&self $(, $arg: $ty)*) -> $ret {
                self.run(|s| s.$name($($arg),*))
            })*
        }
    };
}

each_call_commits! {
    fn default_account(&self) -> Result<Option<Account>>;
    fn get_account(&self, account_id: &str) -> Result<Option<Account>>;
    fn create_account(&self, account: &Account, first_vault: &Vault, registration: Registration<'_>, events: &[NewEvent]) -> Result<()>;
    fn create_invite(&self, verifier: &[u8], expires_at: i64, events: &[NewEvent]) -> Result<()>;
    fn change_password(&self, account_id: &str, change: &PasswordChange, events: &[NewEvent]) -> Result<()>;
    fn create_vault(&self, vault: &Vault, grants: &[Grant], events: &[NewEvent]) -> Result<()>;
    fn list_vaults(&self, account_id: &str) -> Result<Vec<Vault>>;
    fn vault_account(&self, vault_id: &str) -> Result<Option<String>>;
    fn delete_vault(&self, vault_id: &str, events: &[NewEvent]) -> Result<Vec<String>>;
    fn create_key(&self, key: &ApiKey, grants: &[Grant], events: &[NewEvent]) -> Result<()>;
    fn get_key(&self, key_id: &str) -> Result<Option<ApiKey>>;
    fn list_keys(&self, account_id: &str) -> Result<Vec<ApiKey>>;
    fn grants(&self, key_id: &str) -> Result<Vec<Grant>>;
    fn granted_vaults(&self, key_id: &str) -> Result<Vec<GrantedVault>>;
    fn rotate_key(&self, old_id: &str, grace_end: i64, new: &ApiKey, grants: &[Grant], events: &[NewEvent]) -> Result<()>;
    fn revoke_key(&self, key_id: &str, at: i64, events: &[NewEvent]) -> Result<()>;
    fn rekey(&self, account_id: &str, rekey: &Rekey, now: i64, events: &[NewEvent]) -> Result<()>;
    fn create_session(&self, verifier: &[u8], account_id: &str, expires_at: i64, events: &[NewEvent]) -> Result<()>;
    fn session(&self, verifier: &[u8], now: i64) -> Result<Option<(String, i64)>>;
    fn delete_session(&self, verifier: &[u8], events: &[NewEvent]) -> Result<()>;
    fn announce_file(&self, file: &FileRecord, events: &[NewEvent]) -> Result<()>;
    fn complete_file(&self, file_id: &str, events: &[NewEvent]) -> Result<()>;
    fn get_file(&self, file_id: &str) -> Result<Option<FileRecord>>;
    fn list_files(&self, vault_id: &str) -> Result<Vec<FileRecord>>;
    fn delete_file(&self, file_id: &str, events: &[NewEvent]) -> Result<()>;
    fn server_secret(&self) -> Result<crate::crypto::SecretKey>;
    fn admit(&self, admission: &Admission) -> Result<Admitted>;
    fn append_events(&self, events: &[NewEvent]) -> Result<()>;
    fn usage(&self, account_id: &str, query: &UsageQuery) -> Result<Usage>;
    fn query_events(&self, chain: &str, filter: &EventFilter) -> Result<Vec<Event>>;
    fn audit_head(&self, chain: &str) -> Result<Option<(i64, Vec<u8>)>>;
}
