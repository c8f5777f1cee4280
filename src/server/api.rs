//! The wire format shared by the server and its clients: JSON errors with a stable
//! machine code, and the request and response bodies of the agent API.

use crate::policy::{Permission, RateLimit};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

pub const API_VERSION: &str = "1";
pub const HEADER_API_VERSION: &str = "x-keysmith-api-version";

/// Every error leaves in the documented JSON shape, the framework's own too (405 with no
/// body, a path that is not UTF-8, an unsupported media type…): an error response that is
/// not JSON is replaced by one with the same status and a stable code.
pub async fn json_errors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let resp = next.run(req).await;
    let status = resp.status();
    let is_json = resp.headers().get(axum::http::header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return resp;
    }
    let (code, message) = match status {
        StatusCode::NOT_FOUND => ("not_found", "no such endpoint; see openapi.json"),
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "this endpoint does not take that method; see openapi.json"),
        StatusCode::PAYLOAD_TOO_LARGE => ("payload_too_large", "the request body is too large"),
        StatusCode::URI_TOO_LONG => ("uri_too_long", "the request target is too long"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("unsupported_media_type", "send the body as application/json"),
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => ("headers_too_large", "the request headers are too large"),
        s if s.is_server_error() => ("internal", "internal error; see the server log"),
        _ => ("bad_request", "the request is malformed (e.g. a path that is not UTF-8)"),
    };
    let mut out = ApiError::new(status, code, message).into_response();
    if let Some(allow) = resp.headers().get(axum::http::header::ALLOW) {
        out.headers_mut().insert(axum::http::header::ALLOW, allow.clone());
    }
    out
}

/// An error response: `{"error": {"code": "...", "message": "..."}}`. Messages never
/// carry secrets, stack traces or paths.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub retry_after: Option<i64>,
    pub rate: Option<crate::store::RateState>,
    pub hint: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, Deserialize)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
    /// What the caller can do about it, where there is something.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, code, message: message.into(), retry_after: None, rate: None, hint: None }
    }
    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthenticated", message)
    }
    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, code, message)
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflict", message)
    }
    pub fn internal() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "internal error; see the server log")
    }
    pub fn hint(self, hint: impl Into<String>) -> Self {
        ApiError { hint: Some(hint.into()), ..self }
    }
}

/// A keysmith error as an API error: the kind picks the status, message and hint travel.
impl From<crate::error::Error> for ApiError {
    fn from(e: crate::error::Error) -> Self {
        use crate::error::Kind;
        let (status, code) = match e.kind() {
            Kind::Auth => (StatusCode::UNAUTHORIZED, "unauthenticated"),
            Kind::Usage => (StatusCode::BAD_REQUEST, "bad_request"),
            Kind::Failure => (StatusCode::CONFLICT, "conflict"),
            Kind::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            Kind::Integrity => (StatusCode::INTERNAL_SERVER_ERROR, "integrity"),
            Kind::Interrupted | Kind::Terminated | Kind::BrokenPipe => return ApiError::internal(),
        };
        ApiError { hint: e.hint_text().map(str::to_string), ..ApiError::new(status, code, e.message().to_string()) }
    }
}

/// An error response's message, kept with the response for the audit of refused owner
/// requests ([`super::owner::audit_refusals`]).
#[derive(Clone)]
pub struct Refusal(pub String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let refusal = Refusal(self.message.clone());
        let body = ErrorBody { error: ErrorDetail { code: self.code.to_string(), message: self.message, hint: self.hint } };
        let mut resp = (self.status, axum::Json(body)).into_response();
        resp.extensions_mut().insert(refusal);
        if let Some(s) = self.retry_after {
            resp.headers_mut().insert("retry-after", s.max(1).into());
        }
        rate_headers(resp.headers_mut(), self.rate);
        resp
    }
}

/// A key as the agent API describes it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeyInfo {
    pub id: String,
    pub label: String,
    pub status: crate::policy::KeyStatus,
    pub permissions: Vec<Permission>,
    pub vaults: Vec<String>,
    pub rate_limit: Option<RateLimit>,
    pub bytes_per_day: Option<u64>,
    pub expires_at: Option<i64>,
    pub grace_end: Option<i64>,
    pub created_at: i64,
    pub rotated_from: Option<String>,
    /// The key that minted this one (a delegated key), if a key did.
    #[serde(default)]
    pub parent_id: Option<String>,
    /// A write-only key: its grants hold each vault's public key (PROTOCOL.md).
    #[serde(default)]
    pub write_only: bool,
}

impl KeyInfo {
    /// The key as a record, for code that works on [`crate::store::ApiKey`].
    pub fn to_record(&self, account_id: &str, public_key: &[u8]) -> crate::store::ApiKey {
        crate::store::ApiKey {
            id: self.id.clone(),
            account_id: account_id.to_string(),
            label: self.label.clone(),
            public_key: public_key.to_vec(),
            scope: crate::policy::Scope {
                permissions: self.permissions.clone(),
                vaults: self.vaults.clone(),
                rate_limit: self.rate_limit,
                bytes_per_day: self.bytes_per_day,
                write_only: self.write_only,
            },
            expires_at: self.expires_at,
            created_at: self.created_at,
            last_used_at: None,
            revoked_at: None,
            rotated_from: self.rotated_from.clone(),
            rotated_to: None,
            grace_end: self.grace_end,
            account_key_binding: None,
            parent_id: self.parent_id.clone(),
            escrow: None,
        }
    }

    pub fn of(k: &crate::store::ApiKey, now: i64) -> Self {
        KeyInfo {
            id: k.id.clone(),
            label: k.label.clone(),
            status: k.status(now),
            permissions: k.scope.permissions.clone(),
            vaults: k.scope.vaults.clone(),
            rate_limit: k.scope.rate_limit,
            bytes_per_day: k.scope.bytes_per_day,
            expires_at: k.expires_at,
            grace_end: k.grace_end,
            created_at: k.created_at,
            rotated_from: k.rotated_from.clone(),
            parent_id: k.parent_id.clone(),
            write_only: k.scope.write_only,
        }
    }
}

/// A vault of the key's scope, with its key wrapped for this API key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VaultGrant {
    pub id: String,
    /// hex: the vault name, encrypted under the vault key.
    pub encrypted_name: String,
    /// hex: the vault key, wrapped under the API key's wrapping key.
    pub wrapped_vault_key: String,
    /// The version of that vault key (1 until the vault is rekeyed).
    #[serde(default = "crate::store::first_version")]
    pub key_version: u32,
    /// The vault's older keys, each wrapped under the current one.
    #[serde(default)]
    pub key_chain: Vec<crate::store::ChainLink>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConnectResponse {
    pub api_version: String,
    pub account_id: String,
    /// hex: the account's X25519 public key (agents seal new vault keys to it).
    pub account_public_key: String,
    /// hex: that key wrapped by the owner under this API key's wrapping key (null for
    /// keys made before bindings existed); agents check it before sealing anything.
    #[serde(default)]
    pub account_key_binding: Option<String>,
    pub key: KeyInfo,
    pub vaults: Vec<VaultGrant>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VaultsResponse {
    pub vaults: Vec<VaultGrant>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GrantBody {
    pub vault_id: String,
    /// hex: the vault key wrapped under the new key's wrapping key.
    pub wrapped_vault_key: String,
}

/// A key an agent made (its public key) and the vault keys it re-wrapped for it: the new
/// key of a rotation, or a delegated child.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewKeyBody {
    pub new_key_id: String,
    /// hex: the new key's Ed25519 public key.
    pub new_public_key: String,
    pub permissions: Vec<Permission>,
    pub rate_limit: Option<RateLimit>,
    pub bytes_per_day: Option<u64>,
    pub expires_at: Option<i64>,
    /// Write-only: `grants` hold each vault's public key. Absent means false.
    #[serde(default)]
    pub write_only: bool,
    pub grants: Vec<GrantBody>,
    /// hex: the account-key binding, re-wrapped for the new key (null if the holder's key
    /// had none).
    #[serde(default)]
    pub account_key_binding: Option<String>,
    /// hex: the new key's wrapping key sealed to the account's public key (null if the
    /// holder's key has no binding to learn that public key from).
    #[serde(default)]
    pub escrow: Option<String>,
}

impl NewKeyBody {
    pub fn of(key: &crate::store::ApiKey, grants: &[crate::store::Grant]) -> Self {
        NewKeyBody {
            new_key_id: key.id.clone(),
            new_public_key: hex::encode(&key.public_key),
            permissions: key.scope.permissions.clone(),
            rate_limit: key.scope.rate_limit,
            bytes_per_day: key.scope.bytes_per_day,
            expires_at: key.expires_at,
            write_only: key.scope.write_only,
            grants: grants.iter().map(|g| GrantBody { vault_id: g.vault_id.clone(), wrapped_vault_key: hex::encode(&g.wrapped_vault_key) }).collect(),
            account_key_binding: key.account_key_binding.as_ref().map(hex::encode),
            escrow: key.escrow.as_ref().map(hex::encode),
        }
    }
}

/// A rotation by the holder (of its own key, or of a child it delegated).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RotateRequest {
    #[serde(flatten)]
    pub key: NewKeyBody,
    /// How long the old key stays valid (capped by its expiry).
    pub grace_secs: i64,
}

/// A child key the holder of a key with `delegate` mints within its own scope.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DelegateRequest {
    pub label: String,
    #[serde(flatten)]
    pub key: NewKeyBody,
}

/// The children a key delegated.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChildrenResponse {
    pub keys: Vec<KeyInfo>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RotateResponse {
    pub account_id: String,
    pub key: KeyInfo,
    pub old_key: KeyInfo,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HealthResponse {
    pub status: String,
    pub api_version: String,
    pub server: String,
}

/// The `RateLimit-*` headers (IETF httpapi-ratelimit-headers) for a rate state.
pub fn rate_headers(h: &mut axum::http::HeaderMap, rate: Option<crate::store::RateState>) {
    if let Some(r) = rate {
        h.insert("ratelimit-limit", r.limit.into());
        h.insert("ratelimit-remaining", r.remaining.into());
        h.insert("ratelimit-reset", r.reset_secs.max(0).into());
    }
}

/// A header map holding just the `RateLimit-*` headers, for successful answers.
pub fn rate_header_map(rate: Option<crate::store::RateState>) -> axum::http::HeaderMap {
    let mut h = axum::http::HeaderMap::new();
    rate_headers(&mut h, rate);
    h
}

/// A hex field of a request body, or a 400 naming the field.
pub fn hex_field(field: &str, value: &str) -> Result<Vec<u8>, ApiError> {
    hex::decode(value).map_err(|_| ApiError::bad_request(format!("{field} is not hex")))
}

/// `Json<T>` whose rejections are JSON errors like every other error.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;
    /// Parses the body and then zeroes it where this process holds the only copy (owner
    /// bodies carry login secrets; what the HTTP library's read buffer held is reused, not
    /// zeroed).
    async fn from_request(req: axum::extract::Request, _: &S) -> Result<Self, ApiError> {
        let (parts, body) = req.into_parts();
        let essence = parts
            .headers
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
        if !essence.is_some_and(|m| m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))) {
            return Err(ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "send the body as application/json"));
        }
        let body = super::edge::read_body(body, super::MAX_JSON_BODY).await?;
        // A body of the wrong shape is 400 like any malformed body.
        let parsed = serde_json::from_slice::<T>(&body).map_err(|e| ApiError::bad_request(format!("invalid JSON body: {e}")));
        if let Ok(mut owned) = body.try_into_mut() {
            zeroize::Zeroize::zeroize(owned.as_mut());
        }
        parsed.map(ApiJson)
    }
}

/// `Query<T>` whose rejections are JSON errors.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state).await.map(|q| ApiQuery(q.0)).map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

/// An upload announcement: the agent encrypted the file and knows its size and hash.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnnounceRequest {
    pub file_id: String,
    /// hex: the file name, encrypted under the file key.
    pub encrypted_name: String,
    /// hex: the file key, wrapped under the vault key (61 bytes) or sealed to the vault's
    /// public key (94 bytes; what a write-only key sends).
    pub wrapped_key: String,
    /// Size of the encrypted blob.
    pub size: u64,
    /// hex: SHA-256 of the encrypted blob.
    pub sha256: String,
    /// The vault key version the file key was wrapped or sealed with: the vault's current one.
    #[serde(default = "crate::store::first_version")]
    pub key_version: u32,
}

/// Where to send or fetch a blob, valid until `expires_at`: `url` is a path on this
/// server or an absolute URL of the object store, and the request carries `headers`.
/// An upload is done once `complete_url` (a path on this server) has been POSTed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ticket {
    pub file: crate::store::FileRecord,
    pub url: String,
    #[serde(default)]
    pub headers: std::collections::BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complete_url: Option<String>,
    pub expires_at: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FilesResponse {
    pub files: Vec<crate::store::FileRecord>,
}

/// A vault an agent creates: its key sealed to the account, and granted to this key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateVaultRequest {
    pub vault_id: String,
    /// hex: the name, encrypted under the new vault key.
    pub encrypted_name: String,
    /// hex: the vault key sealed to the account's X25519 public key.
    pub sealed_key: String,
    /// hex: the vault key wrapped under this API key's wrapping key.
    pub wrapped_vault_key: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BlobQuery {
    pub exp: i64,
    pub sig: String,
}
