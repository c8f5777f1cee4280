//! The remote backend: the owner API of `keysmith serve` (or a compatible backend) over
//! HTTP/JSON. Only the login secret, session tokens, ciphertext, verifiers and public
//! keys cross the wire.

use super::{Backend, KdfParams, Session};
use crate::audit::{Event, EventFilter};
use crate::crypto::SecretKey;
use crate::error::{Error, Result};
use crate::http::{self, Http};
use crate::server::owner::{Empty, HeadResponse, KeyRequest, LoginRequest, LoginResponse, PasswdRequest, RegisterRequest, RotateKeyRequest};
use crate::store::{Account, ApiKey, Grant, PasswordChange, Usage, UsageQuery, Vault};
use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;
use zeroize::Zeroizing;

pub struct Remote {
    http: Http,
    rt: tokio::runtime::Runtime,
    /// The owner's account, where the server holds many (`--account`).
    account: Option<String>,
}

impl Remote {
    pub fn new(server: &str, account: Option<&str>) -> Result<Self> {
        Ok(Remote { http: Http::new(server)?, rt: tokio::runtime::Builder::new_current_thread().enable_all().build()?, account: account.map(str::to_string) })
    }

    fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        session: Option<&Session>,
        query: Option<&impl Serialize>,
        body: Option<&impl Serialize>,
    ) -> Result<T> {
        let build = || {
            let mut req = self.http.client.request(method.clone(), self.http.url(path));
            if let Some(s) = session {
                req = req.bearer_auth(s.token.as_str());
            }
            if let Some(q) = query {
                req = req.query(q);
            }
            if let Some(b) = body {
                req = req.json(b);
            }
            req
        };
        let answer = self.rt.block_on(self.http.send(build, |status, _, body| http::api_error(status, body)))?;
        http::parse(&answer.body)
    }

    fn get<T: DeserializeOwned>(&self, path: &str, session: &Session) -> Result<T> {
        self.call(Method::GET, path, Some(session), None::<&()>, None::<&()>)
    }

    fn post<T: DeserializeOwned>(&self, path: &str, session: Option<&Session>, body: &impl Serialize) -> Result<T> {
        self.call(Method::POST, path, session, None::<&()>, Some(body))
    }
}

fn key_path(key_id: &str) -> Result<String> {
    if key_id.is_empty() || !key_id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(crate::error::Error::not_found(format!("no key {}", crate::render::sanitize(key_id))).hint("run `keysmith key list` to see key ids"));
    }
    Ok(format!("/v1/owner/keys/{key_id}"))
}

impl Backend for Remote {
    fn kdf_params(&self, account_id: Option<&str>) -> Result<KdfParams> {
        let account = account_id.or(self.account.as_deref());
        let path = match account {
            Some(id) if crate::token::is_id(id) => format!("/v1/owner/params?account={id}"),
            Some(_) => return Err(Error::usage("an account id is 16 lowercase hex characters").hint("`keysmith init` printed it")),
            None => "/v1/owner/params".to_string(),
        };
        let params: KdfParams = self.call(Method::GET, &path, None, None::<&()>, None::<&()>)?;
        match account {
            Some(id) if id != params.account_id => Err(crate::owner::not_initialized()),
            _ => Ok(params),
        }
    }

    fn register(&self, account: &Account, first_vault: &Vault, invite: Option<&str>) -> Result<()> {
        let req = RegisterRequest { account: account.clone(), vault: first_vault.clone(), invite: invite.map(|i| Zeroizing::new(i.to_string())) };
        let _: Empty = self.post("/v1/owner/register", None, &req)?;
        Ok(())
    }

    fn login(&self, account_id: &str, login_secret: &SecretKey, ttl_secs: i64) -> Result<(Session, Account)> {
        let req = LoginRequest { account_id: account_id.to_string(), login_secret: Zeroizing::new(hex::encode(login_secret.expose())), ttl_secs };
        let r: LoginResponse = self.post("/v1/owner/login", None, &req)?;
        Ok((Session { account_id: r.session.account_id, token: r.session.token, expires_at: r.session.expires_at }, r.account))
    }

    fn logout(&self, session: &Session) -> Result<()> {
        let _: Empty = self.post("/v1/owner/logout", Some(session), &Empty {})?;
        Ok(())
    }

    fn session_valid(&self, session: &Session) -> Result<bool> {
        match self.get::<crate::server::owner::SessionInfo>("/v1/owner/session", session) {
            Ok(s) => Ok(s.account_id == session.account_id),
            Err(e) if e.kind() == crate::error::Kind::Auth => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn change_password(&self, session: &Session, current: &SecretKey, change: &PasswordChange) -> Result<()> {
        let req = PasswdRequest { current_login_secret: Zeroizing::new(hex::encode(current.expose())), change: change.clone() };
        let _: Empty = self.post("/v1/owner/passwd", Some(session), &req)?;
        Ok(())
    }

    fn create_vault(&self, session: &Session, vault: &Vault) -> Result<()> {
        let _: Empty = self.post("/v1/owner/vaults", Some(session), vault)?;
        Ok(())
    }

    fn list_vaults(&self, session: &Session) -> Result<Vec<Vault>> {
        self.get("/v1/owner/vaults", session)
    }

    fn create_key(&self, session: &Session, key: &ApiKey, grants: &[Grant]) -> Result<()> {
        let _: Empty = self.post("/v1/owner/keys", Some(session), &KeyRequest { key: key.clone(), grants: grants.to_vec() })?;
        Ok(())
    }

    fn list_keys(&self, session: &Session) -> Result<Vec<ApiKey>> {
        self.get("/v1/owner/keys", session)
    }

    fn get_key(&self, session: &Session, key_id: &str) -> Result<ApiKey> {
        self.get(&key_path(key_id)?, session)
    }

    fn rotate_key(&self, session: &Session, old_id: &str, grace_end: i64, new: &ApiKey, grants: &[Grant]) -> Result<()> {
        let req = RotateKeyRequest { grace_end, key: new.clone(), grants: grants.to_vec() };
        let _: Empty = self.post(&format!("{}/rotate", key_path(old_id)?), Some(session), &req)?;
        Ok(())
    }

    fn revoke_key(&self, session: &Session, key_id: &str) -> Result<ApiKey> {
        self.post(&format!("{}/revoke", key_path(key_id)?), Some(session), &Empty {})
    }

    fn rekey(&self, session: &Session, rekey: &crate::store::Rekey) -> Result<()> {
        let _: Empty = self.post("/v1/owner/rekey", Some(session), rekey)?;
        Ok(())
    }

    fn audit_events(&self, session: &Session, filter: &EventFilter) -> Result<Vec<Event>> {
        self.call(Method::GET, "/v1/owner/audit", Some(session), Some(filter), None::<&()>)
    }

    fn usage(&self, session: &Session, query: &UsageQuery) -> Result<Usage> {
        query.check()?;
        let usage: Usage = self.call(Method::GET, "/v1/owner/usage", Some(session), Some(query), None::<&()>)?;
        usage.check(query)?;
        Ok(usage)
    }

    fn audit_head(&self, session: &Session) -> Result<Option<(i64, Vec<u8>)>> {
        let head: Option<HeadResponse> = self.get("/v1/owner/audit/head", session)?;
        Ok(head.map(|h| (h.seq, h.hash)))
    }
}
