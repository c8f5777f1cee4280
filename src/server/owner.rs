//! Owner endpoints: the embedded backend over HTTP. Authentication is the login secret
//! (never the password), then a bearer session whose hash is all the server keeps.

use super::AppState;
use super::api::{ApiError, ApiJson, ApiQuery};
use crate::audit::NewEvent;
use crate::audit::{Event, EventFilter};
use crate::backend::{Backend, KdfParams, Session, embedded::Embedded};
use crate::crypto::{self, SecretKey};
use crate::store::{Account, ApiKey, Grant, PasswordChange, Usage, UsageQuery, Vault};
use axum::extract::{FromRequestParts, MatchedPath, Path, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};
use zeroize::Zeroizing;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/owner/params", get(params))
        .route("/v1/owner/register", post(register))
        .route("/v1/owner/login", post(login))
        .route("/v1/owner/logout", post(logout))
        .route("/v1/owner/session", get(session))
        .route("/v1/owner/passwd", post(passwd))
        .route("/v1/owner/vaults", get(list_vaults).post(create_vault))
        .route("/v1/owner/keys", get(list_keys).post(create_key))
        .route("/v1/owner/keys/{id}", get(get_key))
        .route("/v1/owner/keys/{id}/rotate", post(rotate_key))
        .route("/v1/owner/keys/{id}/revoke", post(revoke_key))
        .route("/v1/owner/rekey", post(rekey))
        .route("/v1/owner/audit", get(audit))
        .route("/v1/owner/audit/head", get(audit_head))
        .route("/v1/owner/usage", get(usage))
}

/// `Authorization: Bearer <session token>`.
pub struct Bearer(pub Session);

/// The account of the request's valid session, once [`Bearer`] has checked it: how
/// [`audit_refusals`] knows whose chain a refused owner request belongs to.
#[derive(Clone, Default)]
struct SessionAccount(Arc<Mutex<Option<String>>>);

/// Every owner request that a valid session made and the server refused (another
/// account's key or vault, a malformed record, a conflict) becomes a denied event in
/// the session's account chain, under the route's event name, with the ids its path named.
pub async fn audit_refusals(State(st): State<AppState>, mut req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/v1/owner/") {
        return next.run(req).await;
    }
    let slot = SessionAccount::default();
    req.extensions_mut().insert(slot.clone());
    let method = req.method().to_string();
    let route = req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_string());
    let path = req.uri().path().to_string();
    let resp = next.run(req).await;
    let status = resp.status();
    // 401: no valid session (nothing to tie it to); 429: already audited by its limiter.
    if !status.is_client_error() || status == StatusCode::UNAUTHORIZED || status == StatusCode::TOO_MANY_REQUESTS {
        return resp;
    }
    let (Some(account), Some(route)) = (slot.0.lock().unwrap_or_else(|e| e.into_inner()).take(), route) else { return resp };
    let reason = resp.extensions().get::<super::api::Refusal>().map(|r| r.0.clone()).unwrap_or_else(|| status.to_string());
    let mut event = NewEvent::owner(&account, super::event_name(&method, &route)).denied(&reason);
    for (pattern, value) in route.split('/').zip(path.split('/')) {
        let value = Some(value.to_string()).filter(|v| crate::token::is_id(v));
        match pattern {
            "{id}" => event.key_id = value,
            "{vault}" => event.vault_id = value,
            "{file}" => event.file_id = value,
            _ => {}
        }
    }
    st.audit(event).await;
    resp
}

/// The session is checked here, before any body is read or parsed: a wrong bearer is a
/// 401, never a parser's error about a body it should not have looked at.
impl FromRequestParts<AppState> for Bearer {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| ApiError::unauthenticated("this endpoint needs an owner session (Authorization: Bearer …)"))?;
        let mut session = Session { account_id: String::new(), token: Zeroizing::new(token.trim().to_string()), expires_at: 0 };
        let probe = session.clone();
        (session.account_id, session.expires_at) = st.db(move |s| Embedded::new(s).session_of(&probe)).await?;
        if let Some(slot) = parts.extensions.get::<SessionAccount>() {
            *slot.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(session.account_id.clone());
        }
        Ok(Bearer(session))
    }
}

fn secret_from_hex(field: &str, value: &str) -> Result<SecretKey, ApiError> {
    let mut bytes = Zeroizing::new([0u8; crypto::KEY_LEN]);
    hex::decode_to_slice(value, bytes.as_mut_slice()).map_err(|_| ApiError::bad_request(format!("{field} must be 64 hex characters")))?;
    Ok(SecretKey::from_bytes(*bytes))
}

#[derive(Serialize, Deserialize)]
pub struct RegisterRequest {
    pub account: Account,
    pub vault: Vault,
    /// An invite code, where the server registers by invite.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite: Option<Zeroizing<String>>,
}

#[derive(Deserialize)]
pub struct ParamsQuery {
    /// Whose parameters (needed where the server holds many accounts).
    pub account: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub struct LoginRequest {
    pub account_id: String,
    /// hex: the login secret derived from the password (never the password).
    pub login_secret: Zeroizing<String>,
    pub ttl_secs: i64,
}

#[derive(Serialize, Deserialize)]
pub struct SessionBody {
    pub account_id: String,
    pub token: Zeroizing<String>,
    pub expires_at: i64,
}

#[derive(Serialize, Deserialize)]
pub struct LoginResponse {
    pub session: SessionBody,
    pub account: Account,
}

#[derive(Serialize, Deserialize)]
pub struct PasswdRequest {
    pub current_login_secret: Zeroizing<String>,
    pub change: PasswordChange,
}

#[derive(Serialize, Deserialize)]
pub struct KeyRequest {
    pub key: ApiKey,
    pub grants: Vec<Grant>,
}

#[derive(Serialize, Deserialize)]
pub struct RotateKeyRequest {
    pub grace_end: i64,
    pub key: ApiKey,
    pub grants: Vec<Grant>,
}

#[derive(Serialize, Deserialize)]
pub struct HeadResponse {
    pub seq: i64,
    #[serde(with = "crate::serde_hex::bytes")]
    pub hash: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
pub struct Empty {}

async fn params(State(st): State<AppState>, ApiQuery(q): ApiQuery<ParamsQuery>) -> Result<Json<KdfParams>, ApiError> {
    let policy = st.registration;
    st.db(move |s| Embedded::serving(s, policy).kdf_params(q.account.as_deref())).await.map(Json)
}

async fn register(State(st): State<AppState>, ApiJson(r): ApiJson<RegisterRequest>) -> Result<Json<Empty>, ApiError> {
    let policy = st.registration;
    st.db(move |s| Embedded::serving(s, policy).register(&r.account, &r.vault, r.invite.as_deref().map(String::as_str))).await?;
    Ok(Json(Empty {}))
}

async fn login(State(st): State<AppState>, ApiJson(r): ApiJson<LoginRequest>) -> Result<Json<LoginResponse>, ApiError> {
    let secret = secret_from_hex("login_secret", &r.login_secret)?;
    let (session, account) = st.db(move |s| Embedded::new(s).login(&r.account_id, &secret, r.ttl_secs)).await?;
    Ok(Json(LoginResponse { session: SessionBody { account_id: session.account_id, token: session.token, expires_at: session.expires_at }, account }))
}

async fn logout(State(st): State<AppState>, Bearer(session): Bearer) -> Result<Json<Empty>, ApiError> {
    st.db(move |s| Embedded::new(s).logout(&session)).await?;
    Ok(Json(Empty {}))
}

/// The session's account and real expiry (never the token: the caller has it).
async fn session(Bearer(session): Bearer) -> Json<SessionInfo> {
    Json(SessionInfo { account_id: session.account_id, expires_at: session.expires_at })
}

#[derive(Serialize, Deserialize)]
pub struct SessionInfo {
    pub account_id: String,
    pub expires_at: i64,
}

async fn passwd(State(st): State<AppState>, Bearer(session): Bearer, ApiJson(r): ApiJson<PasswdRequest>) -> Result<Json<Empty>, ApiError> {
    let current = secret_from_hex("current_login_secret", &r.current_login_secret)?;
    st.db(move |s| Embedded::new(s).change_password(&session, &current, &r.change)).await?;
    Ok(Json(Empty {}))
}

async fn list_vaults(State(st): State<AppState>, Bearer(session): Bearer) -> Result<Json<Vec<Vault>>, ApiError> {
    st.db(move |s| Embedded::new(s).list_vaults(&session)).await.map(Json)
}

async fn create_vault(State(st): State<AppState>, Bearer(session): Bearer, ApiJson(v): ApiJson<Vault>) -> Result<Json<Empty>, ApiError> {
    st.db(move |s| Embedded::new(s).create_vault(&session, &v)).await?;
    Ok(Json(Empty {}))
}

async fn list_keys(State(st): State<AppState>, Bearer(session): Bearer) -> Result<Json<Vec<ApiKey>>, ApiError> {
    st.db(move |s| Embedded::new(s).list_keys(&session)).await.map(Json)
}

async fn create_key(State(st): State<AppState>, Bearer(session): Bearer, ApiJson(r): ApiJson<KeyRequest>) -> Result<Json<Empty>, ApiError> {
    st.db(move |s| Embedded::new(s).create_key(&session, &r.key, &r.grants)).await?;
    Ok(Json(Empty {}))
}

async fn get_key(State(st): State<AppState>, Bearer(session): Bearer, Path(id): Path<String>) -> Result<Json<ApiKey>, ApiError> {
    st.db(move |s| Embedded::new(s).get_key(&session, &id)).await.map(Json)
}

async fn rotate_key(
    State(st): State<AppState>,
    Bearer(session): Bearer,
    Path(id): Path<String>,
    ApiJson(r): ApiJson<RotateKeyRequest>,
) -> Result<Json<Empty>, ApiError> {
    st.db(move |s| Embedded::new(s).rotate_key(&session, &id, r.grace_end, &r.key, &r.grants)).await?;
    Ok(Json(Empty {}))
}

async fn rekey(State(st): State<AppState>, Bearer(session): Bearer, ApiJson(body): ApiJson<crate::store::Rekey>) -> Result<Json<serde_json::Value>, ApiError> {
    st.db(move |s| Embedded::new(s).rekey(&session, &body)).await.map(|()| Json(serde_json::json!({})))
}

async fn revoke_key(State(st): State<AppState>, Bearer(session): Bearer, Path(id): Path<String>) -> Result<Json<ApiKey>, ApiError> {
    st.db(move |s| Embedded::new(s).revoke_key(&session, &id)).await.map(Json)
}

/// Events matching the filter; with `wait_secs`, a long poll (at most 30 s) that answers
/// as soon as a matching event exists, without holding the store while waiting.
async fn audit(State(st): State<AppState>, Bearer(session): Bearer, ApiQuery(mut filter): ApiQuery<EventFilter>) -> Result<Json<Vec<Event>>, ApiError> {
    let wait = filter.wait_secs.take().unwrap_or(0);
    if wait > 30 {
        return Err(ApiError::bad_request("wait_secs is 0 to 30"));
    }
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(wait);
    loop {
        let (f, s) = (filter.clone(), session.clone());
        let events = st.db(move |store| Embedded::new(store).audit_events(&s, &f)).await?;
        if !events.is_empty() || tokio::time::Instant::now() >= deadline {
            return Ok(Json(events));
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

async fn audit_head(State(st): State<AppState>, Bearer(session): Bearer) -> Result<Json<Option<HeadResponse>>, ApiError> {
    let head = st.db(move |s| Embedded::new(s).audit_head(&session)).await?;
    Ok(Json(head.map(|(seq, hash)| HeadResponse { seq, hash })))
}

async fn usage(State(st): State<AppState>, Bearer(session): Bearer, ApiQuery(query): ApiQuery<UsageQuery>) -> Result<Json<Usage>, ApiError> {
    st.db(move |s| Embedded::new(s).usage(&session, &query)).await.map(Json)
}
