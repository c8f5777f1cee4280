//! The agent side: a client that holds only an API key token, signs every request with
//! the key's Ed25519 key, and unwraps the vault keys of its scope locally.

use crate::crypto::{self, AgentKeys, SecretKey, VaultAccess, VaultKeys, aad};
use crate::error::{Error, Result};
use crate::http::Http;
use crate::policy::{self, Scope};
use crate::server::api::{
    AnnounceRequest, ChildrenResponse, ConnectResponse, CreateVaultRequest, DelegateRequest, ErrorBody, FilesResponse, KeyInfo, NewKeyBody, RotateRequest,
    RotateResponse, Ticket, VaultGrant, VaultsResponse,
};
use crate::signature;
use crate::store::Grant;
use crate::store::{ApiKey, FileRecord};
use crate::token::Token;
use crate::transfer::{FileApi, VaultRef};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub struct AgentClient {
    http: Http,
    token: Token,
    keys: AgentKeys,
}

/// A vault of the key's scope, unlocked in this process. A write-only key holds only the
/// vault's public key, and so does not know its name (empty).
pub struct UnlockedVault {
    pub id: String,
    pub name: String,
    keys: VaultKeys,
}

impl UnlockedVault {
    pub fn as_ref(&self) -> VaultRef<'_> {
        VaultRef { id: &self.id, keys: &self.keys }
    }

    pub fn write_only(&self) -> bool {
        self.keys.access.key().is_none()
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
    /// Vaults of the scope whose grant or name does not decrypt: (id, why). They never
    /// hide the others.
    pub damaged: Vec<(String, String)>,
}

/// How soon before its expiry a key's holder is warned (at most; see [`Connection::expiry_warning`]).
pub const EXPIRY_WARNING_SECS: i64 = 7 * 86_400;

impl Connection {
    /// The vaults as listed to the agent: id and decrypted name, damaged ones marked.
    pub fn listed(&self) -> Vec<serde_json::Value> {
        let ok = self.vaults.iter().map(|v| match v.write_only() {
            false => serde_json::json!({ "id": v.id, "name": v.name }),
            true => serde_json::json!({ "id": v.id, "name": v.name, "write_only": true }),
        });
        ok.chain(self.damaged.iter().map(|(id, why)| serde_json::json!({ "id": id, "name": "", "damaged": why }))).collect()
    }

    /// A warning for the key's holder when the key is rotated (in grace), or nears its
    /// expiry: within a week, or the last quarter of a shorter lifetime (a fresh 7-day key
    /// is not "expiring").
    pub fn expiry_warning(&self, now: i64) -> Option<String> {
        let k = &self.info.key;
        match (k.grace_end, k.expires_at) {
            (Some(g), _) => Some(format!(
                "this API key was rotated and stops at {} (in {}); switch to the new token",
                policy::format_time(g),
                policy::format_secs((g - now).max(0))
            )),
            (None, Some(e)) if e - now <= EXPIRY_WARNING_SECS.min((e - k.created_at) / 4) => {
                Some(format!("this API key expires at {} (in {}); ask the owner to rotate it", policy::format_time(e), policy::format_secs((e - now).max(0))))
            }
            _ => None,
        }
    }

    /// A vault of the key's scope by id or (decrypted) name.
    pub fn vault(&self, wanted: &str) -> Result<&UnlockedVault> {
        if let Some(v) = self.vaults.iter().find(|v| v.id == wanted) {
            return Ok(v);
        }
        if let Some((id, why)) = self.damaged.iter().find(|(id, _)| id == wanted) {
            return Err(
                Error::integrity(format!("vault {id} is damaged: {why}")).hint("the grant was damaged, or the token is not the one issued; ask the owner")
            );
        }
        match self.vaults.iter().filter(|v| v.name == wanted).collect::<Vec<_>>().as_slice() {
            [v] => Ok(v),
            [] if self.vaults.iter().any(UnlockedVault::write_only) => {
                let ids: Vec<&str> = self.vaults.iter().map(|v| v.id.as_str()).collect();
                Err(Error::failure(format!("no vault `{}` in this key's scope", crate::render::sanitize(wanted)))
                    .hint(format!("this key is write-only and knows its vaults by id only: {}", ids.join(", "))))
            }
            [] => Err(Error::failure(format!("no vault `{}` in this key's scope", crate::render::sanitize(wanted)))
                .hint("`keysmith agent connect` lists the vaults this key can use")),
            _ => Err(Error::usage(format!("several vaults are named `{}`", crate::render::sanitize(wanted))).hint("name the vault by its id")),
        }
    }
}

/// Agent-facing errors: the same codes, with what an agent's operator can do about them.
fn map_status(status: reqwest::StatusCode, headers: &reqwest::header::HeaderMap, body: &[u8]) -> Error {
    let retry_after = headers.get("retry-after").and_then(|v| v.to_str().ok()).map(str::to_string);
    let (code, message) = match serde_json::from_slice::<ErrorBody>(body) {
        Ok(b) => (b.error.code, crate::render::sanitize(&b.error.message)),
        Err(_) => return crate::http::api_error(status, body),
    };
    match code.as_str() {
        "unauthenticated" | "replayed" => {
            Error::auth(format!("the server refused this API key: {message}")).hint("check the token, and that this machine's clock is correct")
        }
        "key_revoked" => Error::auth("this API key was revoked").hint("ask the owner for a new key"),
        "key_expired" => Error::auth("this API key has expired").hint("ask the owner to rotate or mint a key"),
        "permission_denied" | "out_of_scope" | "scope_broadened" => {
            Error::failure(format!("denied: {message}")).hint("the key's scope does not allow this; ask the owner")
        }
        "rate_limited" | "quota_exceeded" => {
            Error::failure(message.to_string()).hint(format!("retry after {} s", retry_after.unwrap_or_else(|| "a few".into())))
        }
        "not_found" => Error::not_found(format!("not found: {message}")),
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
        // Signed afresh for every attempt: a retried request carries a new nonce.
        let build = || {
            let h = signature::sign(self.token.key_id(), &self.keys, method.as_str(), path, &body, policy::now());
            let req = self
                .http
                .client
                .request(method.clone(), self.http.url(path))
                .header(signature::HEADER_KEY, h.key_id)
                .header(signature::HEADER_TIMESTAMP, h.timestamp.to_string())
                .header(signature::HEADER_NONCE, h.nonce)
                .header(signature::HEADER_SIGNATURE, h.signature);
            if body.is_empty() { req } else { req.header("content-type", "application/json").body(body.clone()) }
        };
        let answer = self.http.send(build, map_status).await?;
        crate::http::parse(&answer.body)
    }

    /// Validates the key and unlocks the vaults of its scope in this process.
    pub async fn connect(&self) -> Result<Connection> {
        let info: ConnectResponse = self.call(reqwest::Method::POST, "/v1/agent/connect", Some(&serde_json::json!({}))).await?;
        let (mut vaults, mut damaged) = (Vec::new(), Vec::new());
        let write_only = info.key.write_only;
        for v in &info.vaults {
            let access = hex::decode(&v.wrapped_vault_key)
                .ok()
                .and_then(|w| VaultAccess::open_grant(&self.keys.wrapping_key, &w, write_only, &info.account_id, &v.id, self.token.key_id()).ok());
            let Some(access) = access else {
                damaged.push((v.id.clone(), "its key does not decrypt with this token".to_string()));
                continue;
            };
            let chain = v.key_chain.iter().map(|l| (l.version, l.wrapped_key.as_slice()));
            let Ok(keys) = VaultKeys::current(v.key_version, access).with_chain(&info.account_id, &v.id, chain) else {
                damaged.push((v.id.clone(), "its older keys do not decrypt".to_string()));
                continue;
            };
            let Some(key) = keys.access.key() else {
                vaults.push(UnlockedVault { id: v.id.clone(), name: String::new(), keys });
                continue;
            };
            match hex::decode(&v.encrypted_name).ok().and_then(|enc| crypto::unwrap(key, &enc, &aad::vault_name(&info.account_id, &v.id)).ok()) {
                Some(name) => vaults.push(UnlockedVault { id: v.id.clone(), name: String::from_utf8_lossy(&name).into_owned(), keys }),
                None => damaged.push((v.id.clone(), "its name does not decrypt".to_string())),
            }
        }
        Ok(Connection { info, vaults, damaged })
    }

    /// Creates a vault (needs createVault): the key is made here, sealed to the account's
    /// public key so the owner can open it, and granted to this key.
    pub async fn create_vault(&self, conn: &Connection, name: &str) -> Result<String> {
        policy::check_vault_name(name)?;
        if conn.vaults.iter().any(|v| v.name == name) {
            return Err(Error::failure(format!("a vault named `{}` is already in this key's scope", crate::render::sanitize(name))).hint("choose another name"));
        }
        let id = crate::token::new_id();
        let vault_key = SecretKey::random();
        let account = &conn.info.account_id;
        let account_public = self.account_public_key(conn)?;
        let body = CreateVaultRequest {
            vault_id: id.clone(),
            encrypted_name: hex::encode(crypto::wrap(&vault_key, name.as_bytes(), &aad::vault_name(account, &id))),
            sealed_key: hex::encode(crypto::seal(&account_public, vault_key.expose(), &aad::sealed_vault_key(account, &id))),
            wrapped_vault_key: hex::encode(crypto::wrap_key(&self.keys.wrapping_key, &vault_key, &aad::grant(account, &id, self.token.key_id()))),
        };
        let _: VaultGrant = self.call(reqwest::Method::POST, "/v1/agent/vaults", Some(&body)).await?;
        Ok(id)
    }

    /// The account public key to seal to: the one the owner bound to this key (under its
    /// wrapping key, which the backend cannot forge), and it must be the one the backend
    /// serves — a backend that substitutes its own is refused, never fed.
    pub fn account_public_key(&self, conn: &Connection) -> Result<[u8; 32]> {
        let binding = conn.info.account_key_binding.as_deref().ok_or_else(|| {
            Error::integrity("this API key carries no owner-made binding of the account's public key, so new vault keys cannot be sealed safely")
                .hint("ask the owner to rotate this key with the password (`key rotate ID`); the new key gets one")
        })?;
        let tampered =
            || Error::integrity("the account public key binding does not decrypt: the backend altered it").hint("do not use this backend; tell the owner");
        let bytes = hex::decode(binding).map_err(|_| tampered())?;
        let bound =
            crypto::unwrap(&self.keys.wrapping_key, &bytes, &aad::account_key_binding(&conn.info.account_id, self.token.key_id())).map_err(|_| tampered())?;
        let bound: [u8; 32] = bound.as_slice().try_into().map_err(|_| tampered())?;
        if hex::decode(&conn.info.account_public_key).ok().as_deref() != Some(&bound[..]) {
            return Err(Error::integrity("the backend serves another account public key than the owner bound to this API key")
                .hint("do not use this backend; tell the owner"));
        }
        Ok(bound)
    }

    pub async fn vaults(&self) -> Result<VaultsResponse> {
        self.call(reqwest::Method::GET, "/v1/agent/vaults", None::<&()>).await
    }

    /// This key as its holder knows it: the connection, its record (with the owner's
    /// binding) and its grants, which only this token's wrapping key opens.
    async fn holder(&self) -> Result<(Connection, ApiKey, Vec<Grant>)> {
        let conn = self.connect().await?;
        let k = &conn.info.key;
        let binding = conn
            .info
            .account_key_binding
            .as_deref()
            .map(|b| hex::decode(b).map_err(|_| Error::integrity("the account key binding is malformed")))
            .transpose()?;
        let record = ApiKey { account_key_binding: binding, ..k.to_record(&conn.info.account_id, &self.keys.public_key()) };
        let grants: Vec<Grant> = conn
            .info
            .vaults
            .iter()
            .map(|v| {
                Ok(Grant {
                    key_id: k.id.clone(),
                    vault_id: v.id.clone(),
                    wrapped_vault_key: hex::decode(&v.wrapped_vault_key).map_err(|_| Error::integrity("bad grant"))?,
                })
            })
            .collect::<Result<_>>()?;
        Ok((conn, record, grants))
    }

    /// Rotates this key into a new one with the scope and expiry `plan` makes of the old
    /// one (same scope or narrower); `before_commit` gets the new token before the request
    /// is sent. Returns the server's answer and the new token.
    pub async fn rotate(
        &self,
        plan: impl FnOnce(&ApiKey) -> Result<(Scope, Option<i64>)>,
        grace_secs: i64,
        before_commit: crate::owner::BeforeCommit<'_>,
    ) -> Result<(RotateResponse, Token)> {
        let (_, old, grants) = self.holder().await?;
        let (scope, expires_at) = plan(&old)?;
        let (new, new_grants, token) = crate::owner::prepare_self_rotation(&old, &grants, &self.token, scope, expires_at)?;
        let body = RotateRequest { key: NewKeyBody::of(&new, &new_grants), grace_secs };
        before_commit(&token)?;
        let resp: RotateResponse = self.call(reqwest::Method::POST, "/v1/agent/rotate", Some(&body)).await?;
        Ok((resp, token))
    }

    /// Mints a child of this key (it needs `delegate`) labelled `label`, with the scope and
    /// expiry `plan` makes of this key's record; its vault keys are re-wrapped here from
    /// this key's grants. `before_commit` gets the child's token before the request is sent.
    pub async fn delegate(
        &self,
        label: &str,
        plan: impl FnOnce(&ApiKey, &Connection) -> Result<(Scope, Option<i64>)>,
        before_commit: crate::owner::BeforeCommit<'_>,
    ) -> Result<(KeyInfo, Token)> {
        let (conn, parent, grants) = self.holder().await?;
        let (scope, asked) = plan(&parent, &conn)?;
        crate::owner::check_delegation(&parent, &scope, asked, 1)?;
        let (child, child_grants, token) = crate::owner::mint_from_holder(&parent, &grants, &self.token, label, scope, asked, None)?;
        let body = DelegateRequest { label: label.to_string(), key: NewKeyBody::of(&child, &child_grants) };
        before_commit(&token)?;
        let info: KeyInfo = self.call(reqwest::Method::POST, "/v1/agent/keys", Some(&body)).await?;
        Ok((info, token))
    }

    /// The keys this key delegated.
    pub async fn children(&self) -> Result<Vec<KeyInfo>> {
        let resp: ChildrenResponse = self.call(reqwest::Method::GET, "/v1/agent/keys", None::<&()>).await?;
        Ok(resp.keys)
    }

    /// Rotates a child of this key into a new one with the same scope, living as long as
    /// the child did (never past this key's end). Returns the answer and the new token.
    pub async fn rotate_child(&self, child: &KeyInfo, grace_secs: i64, before_commit: crate::owner::BeforeCommit<'_>) -> Result<(RotateResponse, Token)> {
        if !crate::token::is_id(&child.id) {
            return Err(Error::integrity("the server named a child key by a malformed id"));
        }
        let (_, parent, grants) = self.holder().await?;
        let old = child.to_record(&parent.account_id, &[]);
        let now = policy::now();
        let renewed = crate::owner::holder_expiry(&old, old.expires_at.map(|_| i64::MAX), now)?;
        let expires_at = crate::owner::capped_by_parent(&parent, renewed);
        crate::owner::check_rotatable(&old, &old.scope)?;
        let (new, new_grants, token) =
            crate::owner::mint_from_holder(&parent, &grants, &self.token, &old.label, old.scope.clone(), expires_at, Some(old.id.clone()))?;
        let body = RotateRequest { key: NewKeyBody::of(&new, &new_grants), grace_secs };
        before_commit(&token)?;
        let resp: RotateResponse = self.call(reqwest::Method::POST, &format!("/v1/agent/keys/{}/rotate", child.id), Some(&body)).await?;
        Ok((resp, token))
    }

    /// Revokes a key this key delegated (or any below it).
    pub async fn revoke_child(&self, id: &str) -> Result<KeyInfo> {
        if !crate::token::is_id(id) {
            return Err(Error::usage("a key id is 16 lowercase hex characters"));
        }
        self.call(reqwest::Method::POST, &format!("/v1/agent/keys/{id}/revoke"), Some(&serde_json::json!({}))).await
    }
}

/// Runs an async client call to completion from synchronous CLI code.
pub fn block_on<T>(f: impl std::future::Future<Output = Result<T>>) -> Result<T> {
    tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(f)
}

/// The file calls, signed with the API key and enforced by the backend.
impl FileApi for AgentClient {
    fn http(&self) -> &Http {
        &self.http
    }

    async fn announce(&self, vault_id: &str, req: &AnnounceRequest) -> Result<Ticket> {
        self.call(reqwest::Method::POST, &format!("/v1/agent/vaults/{vault_id}/files"), Some(req)).await
    }

    async fn files(&self, vault_id: &str) -> Result<Vec<FileRecord>> {
        let resp: FilesResponse = self.call(reqwest::Method::GET, &format!("/v1/agent/vaults/{vault_id}/files"), None::<&()>).await?;
        Ok(resp.files)
    }

    async fn ticket(&self, vault_id: &str, file_id: &str) -> Result<Ticket> {
        self.call(reqwest::Method::GET, &format!("/v1/agent/vaults/{vault_id}/files/{file_id}"), None::<&()>).await
    }

    async fn remove(&self, vault_id: &str, file_id: &str) -> Result<FileRecord> {
        self.call(reqwest::Method::DELETE, &format!("/v1/agent/vaults/{vault_id}/files/{file_id}"), None::<&()>).await
    }
}
