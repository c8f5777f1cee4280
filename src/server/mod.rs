//! `keysmith serve`: the reference HTTP backend over the same store. It is where scope,
//! rate, quota, expiry, grace and revocation are enforced on every agent request, and
//! where each request (allowed or denied) becomes an audit event.

mod agent;
pub mod api;
mod db;
pub mod edge;
mod files;
pub use files::VaultDeleted;
pub mod invite;
pub mod owner;

use crate::audit::NewEvent;
use crate::backend::embedded::RegistrationPolicy;
use crate::error::{Error, Result};
use crate::policy::{self, KeyStatus, Permission};
use crate::signature;
use crate::store::sqlite::SqliteStore;
use crate::store::{Admission, Admitted, ApiKey, RateState, Store};
use api::ApiError;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequest, MatchedPath, Request};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// Largest JSON request body the API accepts.
pub const MAX_JSON_BODY: usize = 1 << 20;

/// Every route: (method, path, audit event name). The OpenAPI document must list
/// exactly these (a test checks).
pub const ROUTES: &[(&str, &str, &str)] = &[
    ("GET", "/v1/health", "health"),
    ("POST", "/v1/agent/connect", "agent.connect"),
    ("GET", "/v1/agent/vaults", "vault.list"),
    ("POST", "/v1/agent/rotate", "agent.rotate"),
    ("GET", "/v1/agent/keys", "agent.children"),
    ("POST", "/v1/agent/keys", "agent.delegate"),
    ("POST", "/v1/agent/keys/{id}/rotate", "agent.rotate_child"),
    ("POST", "/v1/agent/keys/{id}/revoke", "agent.revoke_child"),
    ("POST", "/v1/agent/vaults", "vault.create"),
    ("GET", "/v1/agent/vaults/{vault}/files", "file.list"),
    ("POST", "/v1/agent/vaults/{vault}/files", "file.put"),
    ("GET", "/v1/agent/vaults/{vault}/files/{file}", "file.get"),
    ("DELETE", "/v1/agent/vaults/{vault}/files/{file}", "file.delete"),
    ("GET", "/v1/owner/vaults/{vault}/files", "file.list"),
    ("POST", "/v1/owner/vaults/{vault}/files", "file.put"),
    ("GET", "/v1/owner/vaults/{vault}/files/{file}", "file.get"),
    ("DELETE", "/v1/owner/vaults/{vault}/files/{file}", "file.delete"),
    ("PUT", "/v1/blobs/{file}", "file.upload"),
    ("POST", "/v1/blobs/{file}", "file.upload"),
    ("GET", "/v1/blobs/{file}", "file.download"),
    ("GET", "/v1/owner/params", "owner.params"),
    ("POST", "/v1/owner/register", "account.create"),
    ("POST", "/v1/owner/login", "account.login"),
    ("POST", "/v1/owner/logout", "account.logout"),
    ("GET", "/v1/owner/session", "owner.session"),
    ("POST", "/v1/owner/passwd", "account.passwd"),
    ("GET", "/v1/owner/vaults", "owner.vaults"),
    ("POST", "/v1/owner/vaults", "vault.create"),
    ("DELETE", "/v1/owner/vaults/{vault}", "vault.delete"),
    ("GET", "/v1/owner/keys", "owner.keys"),
    ("POST", "/v1/owner/keys", "key.create"),
    ("GET", "/v1/owner/keys/{id}", "owner.key"),
    ("POST", "/v1/owner/keys/{id}/rotate", "key.rotate"),
    ("POST", "/v1/owner/keys/{id}/revoke", "key.revoke"),
    ("POST", "/v1/owner/rekey", "vault.rekey"),
    ("GET", "/v1/owner/audit", "owner.audit"),
    ("GET", "/v1/owner/audit/head", "owner.audit_head"),
    ("GET", "/v1/owner/usage", "owner.usage"),
];

pub(crate) fn event_name(method: &str, path: &str) -> &'static str {
    ROUTES.iter().find(|(m, p, _)| *m == method && *p == path).map(|r| r.2).unwrap_or("request")
}

#[derive(Clone)]
pub struct AppState {
    store: db::Db,
    blobs: Arc<crate::blobs::Blobs>,
    /// Signs blob URLs.
    url_secret: Arc<crate::crypto::SecretKey>,
    identities: Arc<Identities>,
    unauthenticated: Arc<UnauthenticatedLog>,
    access_log: bool,
    registration: RegistrationPolicy,
}

/// How many unauthenticated requests a server records one by one per minute; beyond
/// that it counts them and records one summary event, so that anyone who can reach the
/// server cannot grow the audit trail faster than this.
pub const UNAUTHENTICATED_EVENTS_PER_MINUTE: u32 = 100;

/// This minute's unauthenticated requests: (minute, recorded, not recorded).
#[derive(Default)]
struct UnauthenticatedLog(std::sync::Mutex<(i64, u32, u64)>);

impl UnauthenticatedLog {
    /// Whether to record this one, and the summary of an earlier minute to record first.
    fn admit(&self, now: i64) -> (bool, Option<NewEvent>) {
        let mut g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let (minute, recorded, suppressed) = &mut *g;
        let mut summary = None;
        if *minute != now / 60 {
            if *suppressed > 0 {
                let reason =
                    format!("{suppressed} more unauthenticated requests in the minute from {} were not recorded one by one", policy::format_time(*minute * 60));
                summary = Some(NewEvent::unattributed("agent", "agent.unauthenticated").denied(&reason));
            }
            (*minute, *recorded, *suppressed) = (now / 60, 0, 0);
        }
        if *recorded < UNAUTHENTICATED_EVENTS_PER_MINUTE {
            *recorded += 1;
            (true, summary)
        } else {
            *suppressed += 1;
            (false, summary)
        }
    }
}

impl AppState {
    /// Runs a store operation on the store thread (see [`db`]).
    async fn db<T: Send + 'static>(&self, f: impl FnOnce(&dyn Store) -> Result<T> + Send + 'static) -> Result<T, ApiError> {
        self.store.call(f).await.map_err(|e| {
            if matches!(e.kind(), crate::error::Kind::Integrity) {
                log_line("error", &format!("store: {}", e.message()));
            }
            ApiError::from(e)
        })
    }

    /// The identity of `key_id`, from memory or else from the store; `None` if no such
    /// key exists (or its stored public key is not a valid point, which no request can
    /// match either).
    async fn identity(&self, key_id: &str) -> Result<Option<Arc<Identity>>, ApiError> {
        if let Some(known) = self.identities.get(key_id) {
            return Ok(Some(known));
        }
        let lookup = key_id.to_string();
        let found = self
            .db(move |s| {
                let Some(key) = s.get_key(&lookup)? else { return Ok(None) };
                let account = s.get_account(&key.account_id)?.ok_or_else(|| Error::integrity("an API key without its account"))?;
                Ok(Some((key, account.public_key)))
            })
            .await?;
        Ok(found.and_then(|(key, account_public_key)| {
            let public_key = crate::crypto::VerifyingKey::from_bytes(&key.public_key)?;
            Some(self.identities.insert(Identity {
                write_only: key.scope.write_only,
                id: key.id,
                account_id: key.account_id,
                label: key.label,
                account_public_key,
                public_key,
            }))
        }))
    }

    async fn audit(&self, event: NewEvent) {
        let _ = self.db(move |s| s.append_events(&[event])).await;
    }

    /// Audits a request that failed authentication, within [`UNAUTHENTICATED_EVENTS_PER_MINUTE`],
    /// and answers it: one status, code and message whatever failed, so that a caller
    /// cannot tell an unknown key id from a wrong signature (the audit event says which).
    async fn refuse_unauthenticated(&self, event: NewEvent, reason: &str) -> ApiError {
        let (record, summary) = self.unauthenticated.admit(policy::now());
        let events: Vec<NewEvent> = summary.into_iter().chain(record.then(|| event.denied(reason))).collect();
        if !events.is_empty() {
            let _ = self.db(move |s| s.append_events(&events)).await;
        }
        ApiError::unauthenticated(UNAUTHENTICATED)
    }

    /// Checks the key's state, the action and the vault, then admits the request against
    /// its nonce, rate and quota. Every denial is audited with its reason.
    async fn enforce(&self, req: &Signed, action: Option<Permission>, vault: Option<&str>, bytes: u64) -> Result<Option<RateState>, ApiError> {
        self.enforce_then(req, action, vault, bytes, |_, _| Ok(())).await.map(|(rate, ())| rate)
    }

    /// [`AppState::enforce`], then `then` with the key's current record, all in one store
    /// call: the key's state and scope are read in the transaction that admits the
    /// request, so a revocation committed before it is always seen.
    async fn enforce_then<T: Send + 'static>(
        &self,
        req: &Signed,
        action: Option<Permission>,
        vault: Option<&str>,
        bytes: u64,
        then: impl FnOnce(&dyn Store, &ApiKey) -> Result<T> + Send + 'static,
    ) -> Result<(Option<RateState>, T), ApiError> {
        let now = policy::now();
        let mut event = req.event.clone();
        if let Some(v) = vault {
            event = event.vault(v);
        }
        if bytes > 0 {
            event.size = Some(bytes);
        }
        let (key_id, nonce, vault) = (req.key.id.clone(), req.nonce.clone(), vault.map(str::to_string));
        // A timestamp is accepted within MAX_SKEW_SECS of a server's clock; the second
        // MAX_SKEW_SECS covers servers whose clocks disagree by up to that much.
        let nonce_expires_at = req.timestamp + 2 * signature::MAX_SKEW_SECS;
        self.db(move |s| {
            let key = s.get_key(&key_id)?.ok_or_else(|| Error::integrity("the key of a verified request is gone"))?;
            // A delegated key may do only what its whole chain still may: every ancestor
            // usable, holding the action and the vault (a revoked, expired or narrowed
            // parent ends or narrows its descendants from their next request).
            let chain = ancestors(s, &key)?;
            let refused = denial(&key, now, action, vault.as_deref()).or_else(|| {
                chain.iter().find_map(|a| {
                    denial(a, now, action, vault.as_deref())
                        .map(|e| ApiError { message: format!("{} (its ancestor key {}, which minted it)", e.message, a.id), ..e })
                })
            });
            if let Some(err) = refused {
                s.append_events(&[event.denied(&err.message)])?;
                return Ok(Err(err));
            }
            let admission =
                Admission { key_id, nonce, nonce_expires_at, now, rate_limit: key.scope.rate_limit, bytes_per_day: key.scope.bytes_per_day, bytes, event };
            Ok(match s.admit(&admission)? {
                Admitted::Yes(rate) => Ok((rate, then(s, &key)?)),
                Admitted::Replay => Err(ApiError::new(StatusCode::UNAUTHORIZED, "replayed", "this request was already used (nonce replay)")),
                Admitted::RateLimited(rate) => Err(ApiError {
                    retry_after: Some(rate.reset_secs),
                    rate: Some(rate),
                    ..ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", format!("rate limit of {} requests per window reached", rate.limit))
                }),
                Admitted::QuotaExceeded { retry_after } => Err(ApiError {
                    retry_after: Some(retry_after),
                    ..ApiError::new(StatusCode::TOO_MANY_REQUESTS, "quota_exceeded", "daily byte quota reached")
                }),
            })
        })
        .await?
    }
}

/// Keys minted by keys go at most this many levels below a key the owner made.
pub const MAX_DELEGATION_DEPTH: usize = 8;

/// The key's ancestors, its parent first (a delegated key's chain up to the owner's key).
pub fn ancestors(s: &dyn Store, key: &ApiKey) -> Result<Vec<ApiKey>> {
    let mut chain: Vec<ApiKey> = Vec::new();
    let mut next = key.parent_id.clone();
    while let Some(id) = next {
        if chain.len() >= MAX_DELEGATION_DEPTH || id == key.id || chain.iter().any(|a| a.id == id) {
            return Err(Error::integrity("a delegation chain is too deep or loops"));
        }
        let parent = s.get_key(&id)?.filter(|p| p.account_id == key.account_id).ok_or_else(|| Error::integrity("a delegated key's parent is gone"))?;
        next = parent.parent_id.clone();
        chain.push(parent);
    }
    Ok(chain)
}

/// Why `key` may not do `action` on `vault` at `now`, if it may not.
fn denial(key: &ApiKey, now: i64, action: Option<Permission>, vault: Option<&str>) -> Option<ApiError> {
    match key.status(now) {
        KeyStatus::Revoked => Some(ApiError::new(StatusCode::UNAUTHORIZED, "key_revoked", "this API key was revoked")),
        KeyStatus::Expired => Some(ApiError::new(StatusCode::UNAUTHORIZED, "key_expired", "this API key has expired")),
        KeyStatus::Active | KeyStatus::Grace => None,
    }
    .or_else(|| action.filter(|a| !key.scope.permissions.contains(a)).map(|a| ApiError::forbidden("permission_denied", format!("this API key may not {a}"))))
    .or_else(|| {
        vault
            .filter(|v| !key.scope.vaults.iter().any(|s| s == v))
            .map(|v| ApiError::forbidden("out_of_scope", format!("vault {v} is not in this API key's scope")))
    })
}

/// The parts of an API key that never change: its parsed public key (what a request's
/// signature is checked against), names, and its account's public key. Kept in memory by
/// key id so that checking a signature needs no trip to the store; everything that can
/// change (state, scope, limits) is read afresh when the request is admitted.
pub struct Identity {
    pub id: String,
    pub account_id: String,
    pub label: String,
    pub account_public_key: Vec<u8>,
    /// A write-only key (fixed for the key's life, like its public key).
    pub write_only: bool,
    public_key: crate::crypto::VerifyingKey,
}

/// Identities by key id. Only keys found in the store get in, so its size is bounded by
/// the keys that exist; it is emptied if it ever grows past [`Identities::MAX`].
#[derive(Default)]
struct Identities(std::sync::Mutex<std::collections::HashMap<String, Arc<Identity>>>);

impl Identities {
    const MAX: usize = 100_000;

    fn get(&self, key_id: &str) -> Option<Arc<Identity>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).get(key_id).cloned()
    }

    fn insert(&self, identity: Identity) -> Arc<Identity> {
        let identity = Arc::new(identity);
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= Self::MAX {
            map.clear();
        }
        map.insert(identity.id.clone(), identity.clone());
        identity
    }
}

/// A request whose Ed25519 signature verified against a known key's public key.
/// The key's state and scope are checked afterwards by [`AppState::enforce`].
pub struct Signed {
    pub key: Arc<Identity>,
    /// The request's signed timestamp (a replay carries the same one).
    pub timestamp: i64,
    pub nonce: String,
    pub body: Bytes,
    /// The audit event this request will produce (name, key id and label).
    pub event: NewEvent,
}

/// The one message of every failed agent authentication (missing, malformed or stale
/// headers, an unknown key id, a wrong signature).
pub const UNAUTHENTICATED: &str = "the request is not signed by a valid API key (check the token and this machine's clock)";

/// A fixed valid public key whose secret nobody has, verified against when a key id is unknown.
static DECOY_KEY: std::sync::LazyLock<crate::crypto::VerifyingKey> = std::sync::LazyLock::new(|| {
    let public = crate::crypto::AgentKeys::derive(&crate::crypto::SecretKey::from_bytes([7; 32])).public_key();
    crate::crypto::VerifyingKey::from_bytes(&public).expect("a derived Ed25519 public key is a valid point")
});

impl FromRequest<AppState> for Signed {
    type Rejection = ApiError;

    async fn from_request(req: Request, st: &AppState) -> Result<Self, ApiError> {
        let (parts, body) = req.into_parts();
        let matched = parts.extensions.get::<MatchedPath>().map(|m| m.as_str().to_string()).unwrap_or_default();
        let mut event = NewEvent::unattributed("agent", event_name(parts.method.as_str(), &matched));
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let key_id = header(signature::HEADER_KEY);
        event.key_id = key_id.clone();
        let (Some(key_id), Some(ts), Some(nonce), Some(sig)) =
            (key_id, header(signature::HEADER_TIMESTAMP), header(signature::HEADER_NONCE), header(signature::HEADER_SIGNATURE))
        else {
            return Err(st.refuse_unauthenticated(event, signature::SigError::Missing.reason()).await);
        };
        let body = edge::read_body(body, MAX_JSON_BODY).await?;
        let now = policy::now();
        let sig =
            match ts.parse::<i64>().map_err(|_| signature::SigError::Malformed).and_then(|t| signature::check_headers(t, &nonce, &sig, now).map(|s| (t, s))) {
                Ok(v) => v,
                Err(e) => return Err(st.refuse_unauthenticated(event, e.reason()).await),
            };
        let Some(key) = st.identity(&key_id).await? else {
            // As much work as checking a signature, so the answer's timing says little more.
            let _ = signature::verify(&DECOY_KEY, parts.method.as_str(), "/", sig.0, &nonce, &body, &sig.1);
            return Err(st.refuse_unauthenticated(event, "unknown API key").await);
        };
        event.account_id = Some(key.account_id.clone());
        event.key_label = Some(key.label.clone());
        let path = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        if let Err(e) = signature::verify(&key.public_key, parts.method.as_str(), path, sig.0, &nonce, &body, &sig.1) {
            return Err(st.refuse_unauthenticated(event, e.reason()).await);
        }
        Ok(Signed { key, timestamp: sig.0, nonce, body, event })
    }
}

pub fn log_line(level: &str, message: &str) {
    emit(&serde_json::json!({ "time": policy::format_time(policy::now()), "level": level, "message": message }));
}

/// One JSON log line on stderr in a single write (stderr is unbuffered, and piecewise
/// writes would cost a system call per fragment and could interleave between threads).
fn emit(line: &serde_json::Value) {
    let mut buf = serde_json::to_vec(line).unwrap_or_default();
    buf.push(b'\n');
    let _ = std::io::stderr().write_all(&buf);
}

/// One structured log line per request: method, route, status, duration. No bodies,
/// query strings, headers or secrets.
async fn access_log(axum::extract::State(st): axum::extract::State<AppState>, req: Request, next: Next) -> Response {
    let method = req.method().to_string();
    let route = req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_string()).unwrap_or_else(|| "(unmatched)".into());
    let start = std::time::Instant::now();
    let mut resp = next.run(req).await;
    resp.headers_mut().insert(api::HEADER_API_VERSION, HeaderValue::from_static(api::API_VERSION));
    if !st.access_log {
        return resp;
    }
    let line = serde_json::json!({
        "time": policy::format_time(policy::now()),
        "level": "info",
        "method": method,
        "route": route,
        "status": resp.status().as_u16(),
        "ms": (start.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0,
    });
    emit(&line);
    resp
}

async fn fallback() -> ApiError {
    ApiError::not_found("no such endpoint; see openapi.json")
}

/// What a server runs on, and how.
#[derive(Debug, Clone)]
pub struct Config {
    /// Holds the SQLite database (unless `database` names another) and the blob directory.
    pub data_dir: std::path::PathBuf,
    /// A PostgreSQL URL (`postgres://…`) to keep the state in instead of SQLite.
    pub database: Option<String>,
    /// An S3 bucket (`s3://BUCKET[/PREFIX]`) to keep blobs in instead of the data dir.
    pub blobs: Option<String>,
    pub registration: RegistrationPolicy,
    /// One JSON line per request on stderr.
    pub access_log: bool,
}

impl Config {
    /// The embedded backend served in process (agent commands without `--server`).
    pub fn embedded(data_dir: &Path) -> Self {
        Config { data_dir: data_dir.to_path_buf(), database: None, blobs: None, registration: RegistrationPolicy::Single, access_log: false }
    }

    /// The configured store and the blob URL secret it keeps. PostgreSQL needs to be
    /// opened in a multi-threaded runtime's context (`Runtime::enter`), outside its tasks.
    fn open_store(&self) -> Result<(db::Db, crate::crypto::SecretKey)> {
        match &self.database {
            Some(url) => {
                let pg = crate::store::postgres::PgStore::connect(url, tokio::runtime::Handle::current())?;
                let secret = pg.run(|s| s.server_secret())?;
                Ok((db::Db::Postgres(Arc::new(pg)), secret))
            }
            None => {
                let sqlite = SqliteStore::open_dir(&self.data_dir)?;
                let secret = sqlite.server_secret()?;
                Ok((db::Db::start(sqlite)?, secret))
            }
        }
    }
}

impl AppState {
    /// The store and blob store the configuration names (see [`Config::open_store`]).
    fn open(config: &Config) -> Result<Self> {
        let (store, url_secret) = config.open_store()?;
        let blobs = match &config.blobs {
            Some(url) => crate::blobs::Blobs::S3(crate::blobs::s3::S3::open(url)?),
            None => crate::blobs::Blobs::Local(crate::blobs::local::Local::open(&config.data_dir)?),
        };
        Ok(AppState {
            store,
            blobs: Arc::new(blobs),
            url_secret: Arc::new(url_secret),
            identities: Arc::default(),
            unauthenticated: Arc::default(),
            access_log: config.access_log,
            registration: config.registration,
        })
    }
}

/// The API over the store and blob store the configuration names.
pub fn router(config: &Config) -> Result<Router> {
    Ok(routes(AppState::open(config)?))
}

fn routes(state: AppState) -> Router {
    agent::routes()
        .merge(files::routes())
        .merge(owner::routes())
        .fallback(fallback)
        .layer(axum::middleware::from_fn_with_state(state.clone(), owner::audit_refusals))
        .layer(axum::middleware::from_fn(edge::limits))
        .layer(axum::middleware::from_fn(api::json_errors))
        .layer(axum::middleware::from_fn_with_state(state.clone(), access_log))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_JSON_BODY))
        .with_state(state)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    log_line("info", "shutting down: finishing in-flight requests");
}

/// Serves the API on `listen` until SIGINT/SIGTERM, finishing in-flight requests.
/// The first line on `out` is `listening on http://ADDR` (useful with port 0).
pub fn serve(config: &Config, listen: &str, out: &mut dyn Write) -> Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let state = {
        let _context = rt.enter();
        AppState::open(config)?
    };
    rt.block_on(async {
        state.blobs.ready().await?;
        let app = routes(state);
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| Error::usage(format!("cannot listen on {listen}: {e}")).hint("pick another address with --listen, e.g. 127.0.0.1:0"))?;
        let addr = listener.local_addr()?;
        writeln!(out, "listening on http://{addr}")?;
        out.flush()?;
        log_line("info", &format!("listening on http://{addr}"));
        edge::run(listener, app, shutdown_signal()).await;
        Ok(())
    })
}

#[cfg(test)]
mod event_name_tests {
    /// `audit tail --event` accepts every name a route records.
    #[test]
    fn every_route_event_is_a_known_filter() {
        // `health` answers without authentication and is never recorded.
        for (_, _, name) in super::ROUTES.iter().filter(|r| r.2 != "health") {
            assert!(crate::audit::EVENT_FILTERS.contains(name), "{name} is missing from audit::EVENT_FILTERS");
            let family = format!("{}.", name.split('.').next().unwrap());
            assert!(crate::audit::EVENT_FILTERS.contains(&family.as_str()), "{family}");
        }
        assert!(crate::audit::EVENT_FILTERS.contains(&super::event_name("GET", "/nowhere")));
    }
}
