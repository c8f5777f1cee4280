//! The embedded backend: authorization, audit events and storage in this process.
//! `keysmith serve` exposes exactly this over HTTP.

use super::{Backend, KdfParams, Session};
use crate::audit::{Event, EventFilter, NewEvent};
use crate::crypto::{self, SecretKey};
use crate::error::{Error, Result};
use crate::owner;
use crate::policy;
use crate::store::{Account, ApiKey, Grant, PasswordChange, Registration, Store, Usage, UsageQuery, Vault};
use zeroize::Zeroizing;

/// Who may register an account with a backend (`keysmith serve --registration`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum RegistrationPolicy {
    /// One account: the first registration, then no other (the one-person default)
    #[default]
    Single,
    /// Anyone who can reach the server may register
    Open,
    /// Only with a single-use invite code the operator minted (`keysmith serve invite`)
    Invite,
}

pub struct Embedded<'a> {
    store: &'a dyn Store,
    registration: RegistrationPolicy,
}

pub fn session_expired() -> Error {
    Error::auth("the owner session has expired or was ended").hint("run the command again and enter the password, or `keysmith login`")
}

fn wrong_password() -> Error {
    Error::auth("wrong password").hint("try again; if it is lost, the vault data cannot be recovered")
}

/// What a backend stores for a password must be within keysmith's bounds (its clients
/// refuse anything else before they use a password).
fn check_kdf(kdf: &crypto::Kdf, salt: &[u8]) -> Result<()> {
    match owner::kdf_problem(kdf, salt) {
        Some(problem) => Err(Error::usage(format!("key derivation parameters out of bounds: {problem}"))),
        None => Ok(()),
    }
}

fn no_key(key_id: &str) -> Error {
    Error::not_found(format!("no key {}", crate::render::sanitize(key_id))).hint("run `keysmith key list` to see key ids")
}

impl<'a> Embedded<'a> {
    /// The embedded backend of the CLI: one account per store.
    pub fn new(store: &'a dyn Store) -> Self {
        Self::serving(store, RegistrationPolicy::Single)
    }

    /// A backend that takes registrations as `registration` says (`keysmith serve`).
    pub fn serving(store: &'a dyn Store, registration: RegistrationPolicy) -> Self {
        Embedded { store, registration }
    }

    /// KDF parameters for an account id that does not exist, the same on every call, so
    /// that asking for them tells no one which accounts exist on a many-account server.
    fn decoy_params(&self, account_id: &str) -> Result<KdfParams> {
        let secret = self.store.server_secret()?;
        let salt = crypto::hkdf_sha256(secret.expose(), Some(account_id.as_bytes()), crypto::label::DECOY_KDF_SALT);
        Ok(KdfParams { account_id: account_id.to_string(), kdf_salt: salt.expose().to_vec(), kdf: crypto::Kdf::DEFAULT })
    }

    /// The account a session belongs to, or an authentication error.
    pub fn authorize(&self, s: &Session) -> Result<String> {
        self.session_of(s).map(|(account, _)| account)
    }

    /// The account and expiry of a valid session.
    pub fn session_of(&self, s: &Session) -> Result<(String, i64)> {
        let mut bytes = Zeroizing::new([0u8; crypto::KEY_LEN]);
        hex::decode_to_slice(s.token.trim(), bytes.as_mut_slice()).map_err(|_| session_expired())?;
        let verifier = crypto::session_verifier(&SecretKey::from_bytes(*bytes));
        self.store.session(&verifier, policy::now())?.ok_or_else(session_expired)
    }

    fn account(&self, account_id: &str) -> Result<Account> {
        self.store.get_account(account_id)?.ok_or_else(owner::not_initialized)
    }

    fn owned_key(&self, account_id: &str, key_id: &str) -> Result<ApiKey> {
        self.store.get_key(key_id)?.filter(|k| k.account_id == account_id).ok_or_else(|| no_key(key_id))
    }

    /// A new key's id must be new (a conflict, not a database error, if it is not).
    fn check_unused(&self, key_id: &str) -> Result<()> {
        match self.store.get_key(key_id)? {
            Some(_) => Err(Error::failure("this key id is already in use").hint("mint the key again: a new one gets a new random id")),
            None => Ok(()),
        }
    }

    fn check_vaults(&self, account_id: &str, grants: &[Grant], key: &ApiKey) -> Result<()> {
        grants.iter().try_for_each(Grant::check_shape)?;
        let vaults = self.store.list_vaults(account_id)?;
        if let Some(g) = grants.iter().find(|g| g.key_id != key.id || !vaults.iter().any(|v| v.id == g.vault_id)) {
            return Err(Error::usage(format!("vault {} is not a vault of this account", crate::render::sanitize(&g.vault_id))));
        }
        let mut granted: Vec<&str> = grants.iter().map(|g| g.vault_id.as_str()).collect();
        granted.sort();
        if granted != key.scope.vaults.iter().map(String::as_str).collect::<Vec<_>>() {
            return Err(Error::usage("the key's vaults and its grants differ"));
        }
        Ok(())
    }
}

impl Backend for Embedded<'_> {
    fn kdf_params(&self, account_id: Option<&str>) -> Result<KdfParams> {
        let account = match (account_id, self.registration) {
            (Some(id), RegistrationPolicy::Single) => self.store.get_account(id)?,
            (Some(id), _) => match self.store.get_account(id)? {
                Some(account) => Some(account),
                None if crate::token::is_id(id) => return self.decoy_params(id),
                None => return Err(Error::usage("an account id is 16 lowercase hex characters")),
            },
            (None, RegistrationPolicy::Single) => self.store.default_account()?,
            (None, _) => {
                return Err(Error::usage("this backend holds many accounts: name yours")
                    .hint("pass --account ID (or set KEYSMITH_ACCOUNT); `keysmith init` printed it"));
            }
        }
        .ok_or_else(owner::not_initialized)?;
        Ok(KdfParams { account_id: account.id, kdf_salt: account.kdf_salt, kdf: account.kdf })
    }

    fn register(&self, account: &Account, first_vault: &Vault, invite: Option<&str>) -> Result<()> {
        check_kdf(&account.kdf, &account.kdf_salt)?;
        if first_vault.account_id != account.id || first_vault.wrapped_key.is_none() {
            return Err(Error::usage("the first vault must belong to the account and be wrapped under its master key"));
        }
        if !crate::token::is_id(&account.id) || account.public_key.len() != 32 {
            return Err(Error::usage("an account needs a 16-hex-character id and a 32-byte public key"));
        }
        first_vault.check_shape()?;
        let now = policy::now();
        let verifier;
        let (registration, how) = match self.registration {
            RegistrationPolicy::Single => (Registration::Single, None),
            RegistrationPolicy::Open => (Registration::Open, None),
            RegistrationPolicy::Invite => {
                let code = invite.ok_or_else(|| {
                    Error::auth("this server registers accounts by invite only").hint("ask its operator for an invite code; pass it with --invite-file")
                })?;
                verifier = crate::server::invite::verifier(code).ok_or_else(crate::store::invite_refused)?;
                (Registration::Invite { verifier: &verifier, now }, Some("registered with an invite"))
            }
        };
        let mut created = NewEvent::owner(&account.id, "account.create");
        created.reason = how.map(str::to_string);
        let events = [created, NewEvent::owner(&account.id, "vault.create").vault(&first_vault.id)];
        self.store.create_account(account, first_vault, registration, &events)
    }

    fn login(&self, account_id: &str, login_secret: &SecretKey, ttl_secs: i64) -> Result<(Session, Account)> {
        if !(1..=policy::MAX_SESSION_SECS).contains(&ttl_secs) {
            return Err(Error::usage("ttl_secs must be 1 to 2592000 (30 days)"));
        }
        let account = self.store.get_account(account_id)?.ok_or_else(wrong_password)?;
        if !crypto::ct_eq(&crypto::login_verifier(login_secret), &account.login_verifier) {
            let _ = self.store.append_events(&[NewEvent::owner(account_id, "account.login").denied("wrong password")]);
            return Err(wrong_password());
        }
        let token = SecretKey::random();
        let expires_at = policy::now() + ttl_secs;
        let ev = NewEvent::owner(account_id, "account.login").reason(&format!("session until {}", policy::format_time(expires_at)));
        self.store.create_session(&crypto::session_verifier(&token), account_id, expires_at, &[ev])?;
        let session = Session { account_id: account_id.to_string(), token: Zeroizing::new(hex::encode(token.expose())), expires_at };
        Ok((session, account))
    }

    fn logout(&self, s: &Session) -> Result<()> {
        let Ok(account) = self.authorize(s) else { return Ok(()) };
        let mut bytes = Zeroizing::new([0u8; crypto::KEY_LEN]);
        hex::decode_to_slice(s.token.trim(), bytes.as_mut_slice()).map_err(|_| session_expired())?;
        self.store.delete_session(&crypto::session_verifier(&SecretKey::from_bytes(*bytes)), &[NewEvent::owner(&account, "account.logout")])
    }

    fn session_valid(&self, s: &Session) -> Result<bool> {
        match self.authorize(s) {
            Ok(account) => Ok(account == s.account_id),
            Err(e) if e.kind() == crate::error::Kind::Auth => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn change_password(&self, s: &Session, current: &SecretKey, change: &PasswordChange) -> Result<()> {
        let account = self.account(&self.authorize(s)?)?;
        if !crypto::ct_eq(&crypto::login_verifier(current), &account.login_verifier) {
            let _ = self.store.append_events(&[NewEvent::owner(&account.id, "account.passwd").denied("wrong password")]);
            return Err(wrong_password());
        }
        check_kdf(&change.kdf, &change.kdf_salt)?;
        self.store.change_password(&account.id, change, &[NewEvent::owner(&account.id, "account.passwd")])
    }

    fn create_vault(&self, s: &Session, vault: &Vault) -> Result<()> {
        let account = self.authorize(s)?;
        if vault.account_id != account || vault.wrapped_key.is_none() {
            return Err(Error::usage("the vault must belong to the session's account and be wrapped under its master key"));
        }
        vault.check_shape()?;
        self.store.create_vault(vault, &[], &[NewEvent::owner(&account, "vault.create").vault(&vault.id)])
    }

    fn list_vaults(&self, s: &Session) -> Result<Vec<Vault>> {
        self.store.list_vaults(&self.authorize(s)?)
    }

    fn create_key(&self, s: &Session, key: &ApiKey, grants: &[Grant]) -> Result<()> {
        let account = self.authorize(s)?;
        if key.account_id != account {
            return Err(Error::usage("the key must belong to the session's account"));
        }
        let key = owner::accept_new_key(key, None, policy::now())?;
        self.check_vaults(&account, grants, &key)?;
        self.check_unused(&key.id)?;
        let ev = NewEvent::owner(&account, "key.create").key(&key.id, &key.label).reason(&owner::describe_scope(&key.scope));
        self.store.create_key(&key, grants, &[ev])
    }

    fn list_keys(&self, s: &Session) -> Result<Vec<ApiKey>> {
        self.store.list_keys(&self.authorize(s)?)
    }

    fn get_key(&self, s: &Session, key_id: &str) -> Result<ApiKey> {
        self.owned_key(&self.authorize(s)?, key_id)
    }

    fn rotate_key(&self, s: &Session, old_id: &str, grace_end: i64, new: &ApiKey, grants: &[Grant]) -> Result<()> {
        let account = self.authorize(s)?;
        let old = self.owned_key(&account, old_id)?;
        if new.account_id != account {
            return Err(Error::usage("the new key must belong to the account"));
        }
        let now = policy::now();
        let new = owner::accept_new_key(new, Some(old_id), now)?;
        // A client's clock may differ from ours by as much as a signature allows.
        let skew = crate::signature::MAX_SKEW_SECS;
        if !(now - skew..=now + policy::MAX_GRACE_SECS + skew).contains(&grace_end) {
            return Err(Error::usage("grace_end must lie between now and 30 days from now"));
        }
        owner::check_rotatable(&old, &new.scope)?;
        self.check_vaults(&account, grants, &new)?;
        self.check_unused(&new.id)?;
        self.store.rotate_key(old_id, grace_end, &new, grants, &owner::rotation_events(&account, "owner", &old, &new, grace_end))
    }

    fn revoke_key(&self, s: &Session, key_id: &str) -> Result<ApiKey> {
        let account = self.authorize(s)?;
        let key = self.owned_key(&account, key_id)?;
        if key.revoked_at.is_none() {
            self.store.revoke_key(key_id, policy::now(), &[NewEvent::owner(&account, "key.revoke").key(&key.id, &key.label)])?;
        }
        self.owned_key(&account, key_id)
    }

    fn rekey(&self, s: &Session, rekey: &crate::store::Rekey) -> Result<()> {
        let account = self.authorize(s)?;
        rekey.check_shape()?;
        let mut events = Vec::new();
        for id in &rekey.revoke {
            let key = self.owned_key(&account, id)?;
            if key.revoked_at.is_none() {
                events.push(NewEvent::owner(&account, "key.revoke").key(&key.id, &key.label).reason("revoked with a rekey of its vaults"));
            }
        }
        for v in &rekey.vaults {
            let reason = format!("key version {}; {} key(s) granted the new key", v.from_version + 1, v.grants.len());
            events.push(NewEvent::owner(&account, "vault.rekey").vault(&v.vault_id).reason(&reason));
        }
        self.store.rekey(&account, rekey, policy::now(), &events)
    }

    fn audit_events(&self, s: &Session, filter: &EventFilter) -> Result<Vec<Event>> {
        // The account's own chain: every event of its sessions, keys and vaults.
        let account = self.authorize(s)?;
        filter.check()?;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(filter.wait_secs.unwrap_or(0).min(30));
        loop {
            let events = self.store.query_events(&account, filter)?;
            if !events.is_empty() || std::time::Instant::now() >= deadline {
                return Ok(events);
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    }

    fn usage(&self, s: &Session, query: &UsageQuery) -> Result<Usage> {
        let account = self.authorize(s)?;
        query.check()?;
        if let Some(k) = &query.key_id {
            self.owned_key(&account, k)?;
        }
        self.store.usage(&account, query)
    }

    fn audit_head(&self, s: &Session) -> Result<Option<(i64, Vec<u8>)>> {
        self.store.audit_head(&self.authorize(s)?)
    }
}
