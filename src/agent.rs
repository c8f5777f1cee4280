//! The agent side: a client that holds only an API key token, signs every request with
//! the key's Ed25519 key, and unwraps the vault keys of its scope locally.

use crate::crypto::{self, AgentKeys, SecretKey, aad};
use crate::error::{Error, Result};
use crate::policy::{self, Scope};
use crate::http::Http;
use crate::server::api::{ConnectResponse, ErrorBody, GrantBody, RotateRequest, RotateResponse, VaultsResponse};
use crate::signature;
use crate::store::Grant;
use crate::token::Token;
use serde::Serialize;
use serde::de::DeserializeOwned;

pub struct AgentClient {
    http: Http,
    token: Token,
    keys: AgentKeys,
}

/// A vault of the key's scope, unlocked in this process.
pub struct UnlockedVault {
    pub id: String,
    pub name: String,
    key: SecretKey,
}

impl UnlockedVault {
    pub fn key(&self) -> &SecretKey {
        &self.key
    }
}

impl std::fmt::Debug for UnlockedVault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnlockedVault").field("id", &self.id).finish_non_exhaustive()
    }
}

pub struct Connection {
    pub info: ConnectResponse,
    pub vaults: Vec<UnlockedVault>,
}

/// Agent-facing errors: the same codes, with what an agent's operator can do about them.
fn map_status(status: reqwest::StatusCode, headers: &reqwest::header::HeaderMap, body: &[u8]) -> Error {
    let retry_after = headers.get("retry-after").and_then(|v| v.to_str().ok()).map(str::to_string);
    let (code, message) = match serde_json::from_slice::<ErrorBody>(body) {
        Ok(b) => (b.error.code, crate::render::sanitize(&b.error.message)),
        Err(_) => return crate::http::api_error(status, body),
    };
    match code.as_str() {
        "unauthenticated" | "replayed" => Error::auth(format!("the server refused this API key: {message}")).hint("check the token, and that this machine's clock is correct"),
        "key_revoked" => Error::auth("this API key was revoked").hint("ask the owner for a new key"),
        "key_expired" => Error::auth("this API key has expired").hint("ask the owner to rotate or mint a key"),
        "permission_denied" | "out_of_scope" | "scope_broadened" => Error::failure(format!("denied: {message}")).hint("the key's scope does not allow this; ask the owner"),
        "rate_limited" | "quota_exceeded" => {
            Error::failure(format!("{message}")).hint(format!("retry after {} s", retry_after.unwrap_or_else(|| "a few".into())))
        }
        "not_found" => Error::failure(format!("not found: {message}")),
        _ => crate::http::api_error(status, body),
    }
}

impl AgentClient {
    pub fn new(server: &str, token: Token) -> Result<Self> {
        let keys = AgentKeys::derive(token.secret());
        Ok(AgentClient { http: Http::new(server)?, token, keys })
    }

    pub fn key_id(&self) -> &str {
        self.token.key_id()
    }

    async fn call<T: DeserializeOwned>(&self, method: reqwest::Method, path: &str, body: Option<&impl Serialize>) -> Result<T> {
        let body = match body {
            Some(b) => serde_json::to_vec(b).expect("request serializes"),
            None => Vec::new(),
        };
        let h = signature::sign(self.token.key_id(), &self.keys, method.as_str(), path, &body, policy::now());
        let mut req = self
            .http
            .client
            .request(method, self.http.url(path))
            .header(signature::HEADER_KEY, h.key_id)
            .header(signature::HEADER_TIMESTAMP, h.timestamp.to_string())
            .header(signature::HEADER_NONCE, h.nonce)
            .header(signature::HEADER_SIGNATURE, h.signature);
        if !body.is_empty() {
            req = req.header("content-type", "application/json").body(body);
        }
        let answer = self.http.send(req, map_status).await?;
        crate::http::parse(&answer.body)
    }

    /// Validates the key and unlocks the vaults of its scope in this process.
    pub async fn connect(&self) -> Result<Connection> {
        let info: ConnectResponse = self.call(reqwest::Method::POST, "/v1/agent/connect", Some(&serde_json::json!({}))).await?;
        let vaults = info
            .vaults
            .iter()
            .map(|v| {
                let damaged = || Error::integrity(format!("the key of vault {} does not decrypt with this token", v.id)).hint("the grant was damaged, or the token is not the one issued");
                let wrapped = hex::decode(&v.wrapped_vault_key).map_err(|_| damaged())?;
                let key = crypto::unwrap_key(&self.keys.wrapping_key, &wrapped, &aad::grant(&info.account_id, &v.id, self.token.key_id())).map_err(|_| damaged())?;
                let enc = hex::decode(&v.encrypted_name).map_err(|_| damaged())?;
                let name = crypto::unwrap(&key, &enc, &aad::vault_name(&info.account_id, &v.id)).map_err(|_| damaged())?;
                Ok(UnlockedVault { id: v.id.clone(), name: String::from_utf8_lossy(&name).into_owned(), key })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Connection { info, vaults })
    }

    pub async fn vaults(&self) -> Result<VaultsResponse> {
        self.call(reqwest::Method::GET, "/v1/agent/vaults", None::<&()>).await
    }

    /// Rotates this key into a new one with the scope `narrow` makes of the old one
    /// (same or narrower); returns the server's answer and the new token.
    pub async fn rotate(&self, narrow: impl FnOnce(&Scope) -> Result<Scope>, expires_at: Option<i64>, grace_secs: i64) -> Result<(RotateResponse, Token)> {
        let conn = self.connect().await?;
        let k = &conn.info.key;
        let old = k.to_record(&conn.info.account_id, &self.keys.public_key());
        let grants: Vec<Grant> = conn
            .info
            .vaults
            .iter()
            .map(|v| Ok(Grant { key_id: k.id.clone(), vault_id: v.id.clone(), wrapped_vault_key: hex::decode(&v.wrapped_vault_key).map_err(|_| Error::integrity("bad grant"))? }))
            .collect::<Result<_>>()?;
        let scope = narrow(&old.scope)?;
        let (new, new_grants, token) = crate::owner::prepare_self_rotation(&old, &grants, &self.token, scope, expires_at)?;
        let body = RotateRequest {
            new_key_id: new.id.clone(),
            new_public_key: hex::encode(&new.public_key),
            permissions: new.scope.permissions.clone(),
            rate_limit: new.scope.rate_limit,
            bytes_per_day: new.scope.bytes_per_day,
            expires_at: new.expires_at,
            grace_secs,
            grants: new_grants.iter().map(|g| GrantBody { vault_id: g.vault_id.clone(), wrapped_vault_key: hex::encode(&g.wrapped_vault_key) }).collect(),
        };
        let resp: RotateResponse = self.call(reqwest::Method::POST, "/v1/agent/rotate", Some(&body)).await?;
        Ok((resp, token))
    }
}

/// Runs an async client call to completion from synchronous CLI code.
pub fn block_on<T>(f: impl std::future::Future<Output = Result<T>>) -> Result<T> {
    tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(f)
}
