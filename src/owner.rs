//! What the owner does with the password: create the account, unlock it, create vaults,
//! mint and rotate scoped keys, change the password. Every key is derived or unwrapped
//! here, in the client; the backend sees only ciphertext, verifiers and public keys.

use crate::audit::NewEvent;
use crate::backend::{self, Backend, Session};
use crate::crypto::{self, AgentKeys, Kdf, SecretKey, VaultAccess, VaultKeys, aad};
use crate::error::{Error, Result};
use crate::policy::{self, Scope};
use crate::store::{Account, ApiKey, Grant, PasswordChange, Vault};
use crate::token::{self, Token};

pub const SALT_LEN: usize = 32;

/// The account with its master key in memory, and the session the password opened.
/// Dropping it zeroizes the keys.
pub struct Unlocked {
    pub account: Account,
    pub session: Session,
    master_key: SecretKey,
    login_secret: SecretKey,
}

impl std::fmt::Debug for Unlocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Unlocked").field("account", &self.account.id).finish_non_exhaustive()
    }
}

/// Receives a new token after its key is prepared and before the backend is asked to
/// create it: where the CLI puts the token in its destination, so that no key can exist
/// whose token was not yet written anywhere.
pub type BeforeCommit<'a> = &'a mut dyn FnMut(&Token) -> Result<()>;

pub fn not_initialized() -> Error {
    Error::usage("no keysmith account on this backend").hint("run `keysmith init` first, or pass the right --data-dir / --server")
}

/// Refuses key-derivation parameters a backend cannot honestly hold: weaker than
/// keysmith's floors would make the login secret it receives cheap to crack (a backend
/// cannot downgrade an account below them), costlier than its ceilings would hang us, and
/// the salt is always 32 bytes. Checked before the password is used.
pub fn check_kdf_params(params: &crate::backend::KdfParams) -> Result<()> {
    match kdf_problem(&params.kdf, &params.kdf_salt) {
        Some(problem) => Err(Error::integrity(format!("the backend asks for unsafe key derivation: {problem}"))
            .hint("the password was not used; the backend is damaged or not trustworthy")),
        None => Ok(()),
    }
}

/// What is wrong with a password function and salt, if anything: parameters outside
/// keysmith's bounds, or a salt that is not [`SALT_LEN`] bytes. Clients and backends both ask.
pub fn kdf_problem(kdf: &Kdf, salt: &[u8]) -> Option<String> {
    match kdf.check() {
        Err(e) => Some(e),
        Ok(()) if salt.len() != SALT_LEN => Some(format!("the salt must be {SALT_LEN} bytes (got {})", salt.len())),
        Ok(()) => None,
    }
}

/// A fresh account record for `password`, with its master key and login secret.
fn new_account(password: &[u8], kdf: Kdf) -> Result<(Account, SecretKey, SecretKey)> {
    let id = token::new_id();
    let salt: [u8; SALT_LEN] = crypto::random_array();
    let pk = kdf.derive(password, &salt)?;
    let master_key = SecretKey::random();
    let private_key = SecretKey::random();
    let account = Account {
        kdf_salt: salt.to_vec(),
        kdf,
        login_verifier: crypto::login_verifier(&pk.login_secret).to_vec(),
        wrapped_master_key: crypto::wrap_key(&pk.key_encryption_key, &master_key, &aad::master_key(&id)),
        public_key: crypto::x25519_public(&private_key).to_vec(),
        wrapped_private_key: crypto::wrap_key(&master_key, &private_key, &aad::account_private_key(&id)),
        created_at: policy::now(),
        id,
    };
    Ok((account, master_key, pk.login_secret.clone()))
}

/// Creates the account and its first vault (with an invite where the backend asks for
/// one), then logs in. Returns the unlocked account and the vault id.
pub fn init(backend: &dyn Backend, password: &[u8], kdf: Kdf, vault_name: &str, invite: Option<&str>) -> Result<(Unlocked, String)> {
    let (account, master_key, login_secret) = new_account(password, kdf)?;
    let vault = new_vault(&account.id, &master_key, vault_name);
    backend.register(&account, &vault, invite)?;
    let (session, account) = backend.login(&account.id, &login_secret, backend::COMMAND_SESSION_SECS)?;
    Ok((Unlocked { account, session, master_key, login_secret }, vault.id))
}

/// Derives the password keys, logs in with the login secret (a wrong password is
/// refused by the backend) and unwraps the master key, which authenticates the data.
pub fn unlock(backend: &dyn Backend, password: &[u8], ttl_secs: i64) -> Result<Unlocked> {
    unlock_with(backend, &backend.kdf_params(None)?, password, ttl_secs)
}

/// [`unlock`] with KDF parameters already fetched.
pub fn unlock_with(backend: &dyn Backend, params: &crate::backend::KdfParams, password: &[u8], ttl_secs: i64) -> Result<Unlocked> {
    check_kdf_params(params)?;
    let pk = params.kdf.derive(password, &params.kdf_salt)?;
    let (session, account) = backend.login(&params.account_id, &pk.login_secret, ttl_secs)?;
    let master_key = crypto::unwrap_key(&pk.key_encryption_key, &account.wrapped_master_key, &aad::master_key(&account.id)).map_err(|_| {
        Error::integrity("the password is right but the master key does not decrypt")
            .hint("the backend's data was altered or damaged; restore it from a backup")
    })?;
    Ok(Unlocked { account, session, master_key, login_secret: pk.login_secret.clone() })
}

fn new_vault(account_id: &str, master_key: &SecretKey, name: &str) -> Vault {
    let id = token::new_id();
    let vault_key = SecretKey::random();
    Vault {
        encrypted_name: crypto::wrap(&vault_key, name.as_bytes(), &aad::vault_name(account_id, &id)),
        wrapped_key: Some(crypto::wrap_key(master_key, &vault_key, &aad::vault_key(account_id, &id))),
        sealed_key: None,
        account_id: account_id.to_string(),
        created_by: "owner".into(),
        created_at: policy::now(),
        key_version: 1,
        key_chain: Vec::new(),
        id,
    }
}

/// A vault with its decrypted name.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VaultInfo {
    pub id: String,
    pub name: String,
    pub created_by: String,
    #[serde(serialize_with = "crate::render::rfc3339")]
    pub created_at: i64,
    /// Why the vault's key or name does not decrypt (its name is then empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub damaged: Option<String>,
}

impl Unlocked {
    /// Opens a new session with the login secret derived at unlock (no password needed).
    pub fn renew(&mut self, backend: &dyn Backend, ttl_secs: i64) -> Result<()> {
        self.session = backend.login(&self.account.id, &self.login_secret, ttl_secs)?.0;
        Ok(())
    }

    pub fn id(&self) -> &str {
        &self.account.id
    }

    pub fn create_vault(&self, backend: &dyn Backend, name: &str) -> Result<String> {
        let vault = new_vault(self.id(), &self.master_key, name);
        backend.create_vault(&self.session, &vault)?;
        Ok(vault.id)
    }

    /// The vault key: unwrapped with the master key, or opened with the account's private
    /// key for vaults an agent created and sealed to the owner.
    pub fn vault_key(&self, vault: &Vault) -> Result<SecretKey> {
        let damaged = || {
            Error::integrity(format!("the key of vault {} does not decrypt", vault.id)).hint("the database was altered or damaged; restore it from a backup")
        };
        if let Some(w) = &vault.wrapped_key {
            return crypto::unwrap_key(&self.master_key, w, &aad::vault_key(self.id(), &vault.id)).map_err(|_| damaged());
        }
        let sealed = vault.sealed_key.as_ref().ok_or_else(damaged)?;
        let bytes = crypto::open_sealed(&self.account_private()?, sealed, &aad::sealed_vault_key(self.id(), &vault.id)).map_err(|_| damaged())?;
        let arr: [u8; crypto::KEY_LEN] = bytes.as_slice().try_into().map_err(|_| damaged())?;
        Ok(SecretKey::from_bytes(arr))
    }

    /// Every key of the vault: the current one and the older ones of its key chain.
    pub fn vault_keys(&self, vault: &Vault) -> Result<VaultKeys> {
        let current = VaultKeys::current(vault.key_version, VaultAccess::Key(self.vault_key(vault)?));
        current.with_chain(self.id(), &vault.id, vault.key_chain.iter().map(|l| (l.version, l.wrapped_key.as_slice()))).map_err(|_| {
            Error::integrity(format!("the older keys of vault {} do not decrypt", vault.id))
                .hint("the database was altered or damaged; restore it from a backup")
        })
    }

    /// The account's X25519 private key (opened with the master key).
    fn account_private(&self) -> Result<SecretKey> {
        crypto::unwrap_key(&self.master_key, &self.account.wrapped_private_key, &aad::account_private_key(self.id()))
            .map_err(|_| Error::integrity("the account's private key does not decrypt").hint("the backend's data was altered or damaged"))
    }

    /// Every vault, each decrypted on its own: one that does not decrypt is marked
    /// damaged and never hides the others.
    pub fn vaults(&self, backend: &dyn Backend) -> Result<Vec<(Vault, VaultInfo)>> {
        Ok(backend
            .list_vaults(&self.session)?
            .into_iter()
            .map(|v| {
                let name = match self.vault_key(&v) {
                    Ok(key) => crypto::unwrap(&key, &v.encrypted_name, &aad::vault_name(self.id(), &v.id)).map_err(|_| "its name does not decrypt"),
                    Err(_) => Err("its key does not decrypt"),
                };
                let (name, damaged) = match name {
                    Ok(n) => (String::from_utf8_lossy(&n).into_owned(), None),
                    Err(why) => (String::new(), Some(why.to_string())),
                };
                let info = VaultInfo { id: v.id.clone(), name, created_by: v.created_by.clone(), created_at: v.created_at, damaged };
                (v, info)
            })
            .collect())
    }

    /// Resolves vault names or ids to ids. Names are matched exactly.
    pub fn resolve_vaults(&self, backend: &dyn Backend, wanted: &[String]) -> Result<Vec<String>> {
        let vaults = self.vaults(backend)?;
        let mut ids: Vec<String> = wanted
            .iter()
            .map(|w| {
                let by_id = vaults.iter().find(|(_, i)| &i.id == w);
                let by_name: Vec<_> = vaults.iter().filter(|(_, i)| i.damaged.is_none() && &i.name == w).collect();
                match (by_id, by_name.as_slice()) {
                    (Some((_, i)), _) => Ok(i.id.clone()),
                    (None, [(_, i)]) => Ok(i.id.clone()),
                    (None, []) => {
                        Err(Error::failure(format!("no vault named `{}`", crate::render::sanitize(w))).hint("run `keysmith vault list` to see vaults"))
                    }
                    (None, _) => Err(Error::usage(format!("several vaults are named `{}`", crate::render::sanitize(w))).hint("name the vault by its id")),
                }
            })
            .collect::<Result<_>>()?;
        ids.sort();
        ids.dedup();
        Ok(ids)
    }

    /// The account's public key, wrapped under an agent key's wrapping key. It is derived
    /// here from the account's private key (which only the master key opens), never taken
    /// from what the backend serves.
    /// Also returns the key's escrow: its wrapping key sealed to that public key.
    fn bind_account_key(&self, agent: &AgentKeys, key_id: &str) -> Result<(Vec<u8>, Vec<u8>)> {
        let public = crypto::x25519_public(&self.account_private()?);
        Ok((crypto::wrap(&agent.wrapping_key, &public, &aad::account_key_binding(self.id(), key_id)), escrow(&public, agent, self.id(), key_id)))
    }

    /// Wraps each vault key of the key's scope under its wrapping key (or, for a write-only
    /// key, each vault's public key).
    fn grants_for(&self, backend: &dyn Backend, key: &ApiKey, agent: &AgentKeys) -> Result<Vec<Grant>> {
        let vaults = backend.list_vaults(&self.session)?;
        key.scope
            .vaults
            .iter()
            .map(|vid| {
                let v = vaults.iter().find(|v| &v.id == vid).ok_or_else(|| Error::failure(format!("no vault {vid}")))?;
                let access = VaultAccess::Key(self.vault_key(v)?);
                Ok(Grant {
                    key_id: key.id.clone(),
                    vault_id: vid.clone(),
                    wrapped_vault_key: access
                        .grant(&agent.wrapping_key, key.scope.write_only, self.id(), vid, &key.id)
                        .expect("a vault key grants either kind"),
                })
            })
            .collect()
    }

    /// Mints a scoped key. The token is returned once and stored nowhere by keysmith;
    /// `before_commit` gets it once everything is prepared and before the key exists.
    pub fn create_key(
        &self,
        backend: &dyn Backend,
        label: &str,
        scope: Scope,
        expires_at: Option<i64>,
        before_commit: BeforeCommit,
    ) -> Result<(ApiKey, Token)> {
        let token = Token::generate();
        let agent = AgentKeys::derive(token.secret());
        let key = new_key_record(self.id(), token.key_id(), &agent.public_key(), label, scope, expires_at, None);
        let grants = self.grants_for(backend, &key, &agent)?;
        let (binding, escrow) = self.bind_account_key(&agent, &key.id)?;
        let key = ApiKey { account_key_binding: Some(binding), escrow: Some(escrow), ..key };
        before_commit(&token)?;
        backend.create_key(&self.session, &key, &grants)?;
        Ok((key, token))
    }

    /// Rotates `old` into a new key with `scope` (same or narrower) and a new expiry
    /// (`before_commit` as for [`Unlocked::create_key`]).
    pub fn rotate_key(
        &self,
        backend: &dyn Backend,
        old: &ApiKey,
        scope: Scope,
        expires_at: Option<i64>,
        grace_end: i64,
        before_commit: BeforeCommit,
    ) -> Result<(ApiKey, Token)> {
        check_rotatable(old, &scope)?;
        let token = Token::generate();
        let agent = AgentKeys::derive(token.secret());
        let key = new_key_record(self.id(), token.key_id(), &agent.public_key(), &old.label, scope, expires_at, Some(old.id.clone()));
        let grants = self.grants_for(backend, &key, &agent)?;
        let (binding, escrow) = self.bind_account_key(&agent, &key.id)?;
        let key = ApiKey { account_key_binding: Some(binding), escrow: Some(escrow), ..key };
        before_commit(&token)?;
        backend.rotate_key(&self.session, &old.id, grace_end, &key, &grants)?;
        Ok((key, token))
    }

    /// Gives each vault of `vault_ids` a new key version, after revoking `revoke` and every
    /// key below them: the new key is wrapped under the master key, every older key under
    /// the new one, the name re-encrypted, and the new key (or, write-only, its public key)
    /// granted to every other usable key of the vault through its escrow. One request,
    /// committed at once; nothing is sent unless every grant could be made. `keys` are the
    /// account's keys; `progress(done, total)` is told of each key granted. Returns (vault
    /// id, new version, keys granted) per vault.
    pub fn rekey(
        &self,
        backend: &dyn Backend,
        keys: &[ApiKey],
        vault_ids: &[String],
        revoke: &[String],
        progress: &dyn Fn(u64, u64),
    ) -> Result<Vec<(String, u32, usize)>> {
        let revoke = with_descendants(keys, revoke);
        let vaults = backend.list_vaults(&self.session)?;
        let private = self.account_private()?;
        let now = policy::now();
        // Per vault, the keys that keep it: usable, and not revoked now.
        let holders: Vec<Vec<&ApiKey>> = vault_ids
            .iter()
            .map(|vid| keys.iter().filter(|k| k.scope.vaults.contains(vid) && k.status(now).is_usable() && !revoke.contains(&k.id)).collect())
            .collect();
        let total = holders.iter().map(|h| h.len() as u64).sum();
        let (mut plans, mut done, mut granted) = (Vec::new(), Vec::new(), 0);
        let mut no_escrow: Vec<String> = Vec::new();
        for (vid, holders) in vault_ids.iter().zip(holders) {
            let v = vaults.iter().find(|v| &v.id == vid).ok_or_else(|| Error::failure(format!("no vault {vid}")))?;
            let held = self.vault_keys(v)?;
            let current = held.access.key().expect("the owner holds vault keys");
            let name = crypto::unwrap(current, &v.encrypted_name, &aad::vault_name(self.id(), vid))
                .map_err(|_| Error::integrity(format!("the name of vault {vid} does not decrypt")).hint("run `keysmith vault check`"))?;
            let (new, chain) = held.next(self.id(), vid).expect("the owner holds vault keys");
            let access = VaultAccess::Key(new.clone());
            let mut grants = Vec::new();
            for k in holders {
                let Some(wrapping) = k.escrow.as_ref().and_then(|e| crypto::open_sealed(&private, e, &aad::key_escrow(self.id(), &k.id)).ok()) else {
                    let named = format!("{} (`{}`)", k.id, crate::render::sanitize(&k.label));
                    if !no_escrow.contains(&named) {
                        no_escrow.push(named);
                    }
                    continue;
                };
                let wrapping = SecretKey::from_slice(&wrapping).map_err(|_| Error::integrity(format!("the escrow of key {} is damaged", k.id)))?;
                let wrapped_vault_key = access.grant(&wrapping, k.scope.write_only, self.id(), vid, &k.id).expect("a vault key grants either kind");
                grants.push(Grant { key_id: k.id.clone(), vault_id: vid.clone(), wrapped_vault_key });
                granted += 1;
                progress(granted, total);
            }
            done.push((vid.clone(), v.key_version + 1, grants.len()));
            plans.push(crate::store::VaultRekey {
                vault_id: vid.clone(),
                from_version: v.key_version,
                wrapped_key: crypto::wrap_key(&self.master_key, &new, &aad::vault_key(self.id(), vid)),
                encrypted_name: crypto::wrap(&new, &name, &aad::vault_name(self.id(), vid)),
                key_chain: chain.into_iter().map(|(version, wrapped_key)| crate::store::ChainLink { version, wrapped_key }).collect(),
                grants,
            });
        }
        if !no_escrow.is_empty() {
            return Err(Error::failure(format!("these keys predate rekeying and cannot be given the new vault key: {}", no_escrow.join(", ")))
                .hint("rotate them first (`keysmith key rotate ID`; their new keys can be), or revoke them; nothing was changed"));
        }
        backend.rekey(&self.session, &crate::store::Rekey { revoke, vaults: plans })?;
        Ok(done)
    }

    /// Re-derives everything from the new password and re-wraps the master key only.
    pub fn change_password(&self, backend: &dyn Backend, new_password: &[u8], kdf: Kdf) -> Result<()> {
        let salt: [u8; SALT_LEN] = crypto::random_array();
        let pk = kdf.derive(new_password, &salt)?;
        let change = PasswordChange {
            kdf_salt: salt.to_vec(),
            kdf,
            login_verifier: crypto::login_verifier(&pk.login_secret).to_vec(),
            wrapped_master_key: crypto::wrap_key(&pk.key_encryption_key, &self.master_key, &aad::master_key(self.id())),
        };
        backend.change_password(&self.session, &self.login_secret, &change)
    }
}

/// Client side of rotation by the holder of the old key: a new token, and the old key's
/// grants (for the vaults of `scope`) unwrapped with its wrapping key and re-wrapped
/// for the new key. No password involved.
pub fn prepare_self_rotation(
    old: &ApiKey,
    old_grants: &[Grant],
    old_token: &Token,
    scope: Scope,
    expires_at: Option<i64>,
) -> Result<(ApiKey, Vec<Grant>, Token)> {
    let status = old.status(policy::now());
    if !status.is_usable() {
        return Err(Error::auth(format!("this API key is {status} and cannot rotate itself")).hint("ask the owner to mint a new key"));
    }
    check_rotatable(old, &scope)?;
    mint_from_holder(old, old_grants, old_token, &old.label, scope, expires_at, Some(old.id.clone()))
}

/// A new key made by the holder of `holder` without any password: a fresh token, and the
/// vault keys of `scope` unwrapped from the holder's own grants and re-wrapped for the new
/// key, with the owner's binding of the account public key carried over. For a holder's
/// rotation of itself, and for the keys it delegates (and their rotations).
pub fn mint_from_holder(
    holder: &ApiKey,
    holder_grants: &[Grant],
    holder_token: &Token,
    label: &str,
    scope: Scope,
    expires_at: Option<i64>,
    rotated_from: Option<String>,
) -> Result<(ApiKey, Vec<Grant>, Token)> {
    let holder_keys = AgentKeys::derive(holder_token.secret());
    let token = Token::generate();
    let agent = AgentKeys::derive(token.secret());
    let key = new_key_record(&holder.account_id, token.key_id(), &agent.public_key(), label, scope, expires_at, rotated_from);
    let grants = holder_grants
        .iter()
        .filter(|g| key.scope.vaults.contains(&g.vault_id))
        .map(|g| {
            let access =
                VaultAccess::open_grant(&holder_keys.wrapping_key, &g.wrapped_vault_key, holder.scope.write_only, &holder.account_id, &g.vault_id, &holder.id)
                    .map_err(|_| Error::integrity(format!("the grant of vault {} to key {} does not decrypt", g.vault_id, holder.id)))?;
            let wrapped_vault_key = access
                .grant(&agent.wrapping_key, key.scope.write_only, &holder.account_id, &g.vault_id, &key.id)
                .map_err(|_| Error::usage(format!("key {} is write-only; so must be every key it makes", holder.id)).hint("pass --write-only"))?;
            Ok(Grant { key_id: key.id.clone(), vault_id: g.vault_id.clone(), wrapped_vault_key })
        })
        .collect::<Result<Vec<_>>>()?;
    if grants.len() != key.scope.vaults.len() {
        return Err(Error::usage(format!("the new key names a vault key {} has no grant for", holder.id)).hint("keep to that key's vaults"));
    }
    let (account_key_binding, escrow) = match &holder.account_key_binding {
        Some(b) => {
            let bad = || Error::integrity(format!("the account key binding of key {} does not decrypt", holder.id));
            let public = crypto::unwrap(&holder_keys.wrapping_key, b, &aad::account_key_binding(&holder.account_id, &holder.id)).map_err(|_| bad())?;
            let public: [u8; 32] = public.as_slice().try_into().map_err(|_| bad())?;
            let binding = crypto::wrap(&agent.wrapping_key, &public, &aad::account_key_binding(&holder.account_id, &key.id));
            (Some(binding), Some(escrow(&public, &agent, &holder.account_id, &key.id)))
        }
        None => (None, None),
    };
    Ok((ApiKey { account_key_binding, escrow, ..key }, grants, token))
}

/// `ids` and every key below them (children, grandchildren…), each once.
pub fn with_descendants(keys: &[ApiKey], ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = ids.to_vec();
    let mut i = 0;
    while i < out.len() {
        let parent = &out[i];
        // Each id once, whatever the parent links say (a cycle included).
        let children: Vec<String> = keys.iter().filter(|k| k.parent_id.as_ref() == Some(parent) && !out.contains(&k.id)).map(|k| k.id.clone()).collect();
        out.extend(children);
        i += 1;
    }
    out
}

/// A key's wrapping key sealed to the account's public key, so that the owner can grant
/// it a vault's new key version at a rekey without ever seeing its token.
fn escrow(account_public: &[u8; 32], agent: &AgentKeys, account_id: &str, key_id: &str) -> Vec<u8> {
    crypto::seal(account_public, agent.wrapping_key.expose(), &aad::key_escrow(account_id, key_id))
}

pub fn check_rotatable(old: &ApiKey, scope: &Scope) -> Result<()> {
    if old.revoked_at.is_some() {
        return Err(Error::failure(format!("key {} is revoked and cannot be rotated", old.id)).hint("mint a new key with `keysmith key create`"));
    }
    if let Some(new_id) = &old.rotated_to {
        return Err(Error::failure(format!("key {} was already rotated to {new_id}", old.id)).hint(format!("rotate {new_id} instead")));
    }
    if let Some(why) = scope.broader_than(&old.scope) {
        return Err(Error::usage(format!("the new key would be broader than the old one: {why}")).hint("a rotated key keeps the same scope or a narrower one"));
    }
    if scope.vaults.is_empty() && !old.scope.vaults.is_empty() {
        return Err(Error::usage("the new key would have no vault").hint("keep at least one vault of the old key"));
    }
    Ok(())
}

/// The shape of a key record a client asks the backend to store: an id, a 32-byte public
/// key, a label, limits within bounds and an expiry in the future (on every path).
pub fn check_new_key(key: &ApiKey, now: i64) -> Result<()> {
    if !token::is_id(&key.id) {
        return Err(Error::usage("a key id is 16 lowercase hex characters"));
    }
    if key.public_key.len() != 32 {
        return Err(Error::usage("a key's public key is 32 bytes"));
    }
    policy::check_label(&key.label)?;
    key.scope.check_limits()?;
    if key.account_key_binding.as_ref().is_some_and(|b| b.len() != crypto::WRAP_OVERHEAD + crypto::KEY_LEN) {
        return Err(Error::usage("account_key_binding must be 61 bytes"));
    }
    if key.escrow.as_ref().is_some_and(|e| e.len() != crypto::SEALED_KEY_LEN) {
        return Err(Error::usage("escrow must be 94 bytes"));
    }
    policy::check_expiry(key.expires_at, now)
}

/// The record a backend stores for a key a client asks it to create: the client's id,
/// public key, label, scope, expiry and lineage, checked; every field the backend owns
/// (`created_at`, `last_used_at`, `revoked_at`, `rotated_to`, `grace_end`) set by it,
/// whatever the client sent.
pub fn accept_new_key(key: &ApiKey, rotated_from: Option<&str>, now: i64) -> Result<ApiKey> {
    check_new_key(key, now)?;
    if key.rotated_from.as_deref() != rotated_from {
        return Err(Error::usage(match rotated_from {
            None => "rotated_from must be null for a new key (rotate a key through its rotate endpoint)",
            Some(_) => "rotated_from must name the key being rotated",
        }));
    }
    let rotated_from = rotated_from.map(str::to_string);
    let record = new_key_record(&key.account_id, &key.id, &key.public_key, &key.label, key.scope.clone(), key.expires_at, rotated_from);
    Ok(ApiKey { created_at: now, account_key_binding: key.account_key_binding.clone(), escrow: key.escrow.clone(), ..record })
}

/// The expiry a holder may give the key that replaces `old` at `now`: at most the old
/// key's lifetime from now (rotation renews, never lengthens), and none only if the old
/// key had none.
pub fn holder_expiry(old: &ApiKey, asked: Option<i64>, now: i64) -> Result<Option<i64>> {
    match (old.expires_at, asked) {
        (Some(_), None) => Err(Error::usage("the old key expires; the new key must expire too").hint("a rotated key keeps the same limits or narrower ones")),
        (Some(e), Some(a)) => Ok(Some(a.min(now.saturating_add(e.saturating_sub(old.created_at).max(1))))),
        (None, a) => Ok(a),
    }
}

/// The latest a key minted by `parent` may live: the parent's own end (its expiry, or its
/// grace end while it is being replaced); `None` if the parent never ends.
pub fn delegation_end(parent: &ApiKey) -> Option<i64> {
    [parent.expires_at, parent.grace_end].into_iter().flatten().min()
}

/// `expires_at` brought within `parent`'s end (a key that would never expire gets that end).
pub fn capped_by_parent(parent: &ApiKey, expires_at: Option<i64>) -> Option<i64> {
    match delegation_end(parent) {
        Some(end) => Some(expires_at.map_or(end, |e| e.min(end))),
        None => expires_at,
    }
}

/// The expiry a key minted (or rotated) by `parent` gets: the one asked, which must not
/// be later than the parent's end (and must exist if the parent ends).
pub fn delegated_expiry(parent: &ApiKey, asked: Option<i64>) -> Result<Option<i64>> {
    match (delegation_end(parent), asked) {
        (Some(end), None) => Err(Error::usage(format!("a key minted by a key that ends must end too, by {}", policy::format_time(end)))
            .hint("pass --expires-in within the parent's lifetime")),
        (Some(end), Some(a)) if a > end => {
            Err(Error::usage(format!("the new key would outlive its parent, which ends {}", policy::format_time(end))).hint("pass a shorter --expires-in"))
        }
        (_, a) => Ok(a),
    }
}

/// What a parent may delegate: within its own scope (its actions, vaults and limits, at
/// least one vault), ending no later than it, `depth` levels below the owner's key at most
/// [`crate::server::MAX_DELEGATION_DEPTH`]. Returns the child's expiry.
pub fn check_delegation(parent: &ApiKey, scope: &Scope, asked: Option<i64>, depth: usize) -> Result<Option<i64>> {
    if let Some(why) = scope.broader_than(&parent.scope) {
        return Err(Error::usage(format!("a delegated key must be within its parent's scope: {why}")).hint("ask for less than the parent holds"));
    }
    if scope.vaults.is_empty() {
        return Err(Error::usage("a delegated key needs at least one of its parent's vaults").hint("pass --vault"));
    }
    if depth > crate::server::MAX_DELEGATION_DEPTH {
        return Err(Error::usage(format!("delegation goes at most {} levels deep", crate::server::MAX_DELEGATION_DEPTH)));
    }
    delegated_expiry(parent, asked)
}

pub fn rotation_events(account_id: &str, actor: &str, old: &ApiKey, new: &ApiKey, grace_end: i64) -> Vec<NewEvent> {
    let mut rotated = NewEvent::owner(account_id, "key.rotate").key(&old.id, &old.label).reason(&format!(
        "rotated to {}; valid until {}",
        new.id,
        policy::format_time(grace_end.min(old.expires_at.unwrap_or(grace_end)))
    ));
    rotated.actor = actor.to_string();
    let mut created =
        NewEvent::owner(account_id, "key.create").key(&new.id, &new.label).reason(&format!("rotated from {}; {}", old.id, describe_scope(&new.scope)));
    created.actor = actor.to_string();
    vec![rotated, created]
}

pub fn new_key_record(
    account_id: &str,
    key_id: &str,
    public_key: &[u8],
    label: &str,
    mut scope: Scope,
    expires_at: Option<i64>,
    rotated_from: Option<String>,
) -> ApiKey {
    scope.vaults.sort();
    scope.vaults.dedup();
    scope.permissions.sort();
    scope.permissions.dedup();
    ApiKey {
        id: key_id.to_string(),
        account_id: account_id.to_string(),
        label: label.to_string(),
        public_key: public_key.to_vec(),
        scope,
        expires_at,
        created_at: policy::now(),
        last_used_at: None,
        revoked_at: None,
        rotated_from,
        rotated_to: None,
        grace_end: None,
        account_key_binding: None,
        parent_id: None,
        escrow: None,
    }
}

/// A one-line summary of a scope for audit events (ids and numbers only).
pub fn describe_scope(s: &Scope) -> String {
    let perms: Vec<&str> = s.permissions.iter().map(|p| p.name()).collect();
    let mut out = format!("allow={} vaults={}", perms.join(","), s.vaults.join(","));
    if let Some(r) = s.rate_limit {
        out += &format!(" rate={r}");
    }
    if let Some(b) = s.bytes_per_day {
        out += &format!(" bytes_per_day={b}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::embedded::Embedded;
    use crate::policy::{Permission, RateLimit};
    use crate::store::Store;
    use crate::store::sqlite::SqliteStore;

    const PW: &[u8] = b"correct horse battery staple";

    fn setup() -> (tempfile::TempDir, SqliteStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open_dir(dir.path()).unwrap();
        (dir, store)
    }

    fn scope(vaults: Vec<String>) -> Scope {
        Scope {
            permissions: vec![Permission::Read, Permission::Write],
            vaults,
            rate_limit: Some(RateLimit { requests: 10, window_secs: 60 }),
            bytes_per_day: None,
            write_only: false,
        }
    }

    #[test]
    fn wrong_password_is_rejected_and_audited() {
        let (_d, store) = setup();
        let b = Embedded::new(&store);
        let (u, _) = init(&b, PW, Kdf::DEFAULT, "main", None).unwrap();
        let err = unlock(&b, b"wrong", 60).unwrap_err();
        assert_eq!(err.kind(), crate::error::Kind::Auth);
        assert!(unlock(&b, PW, 60).is_ok());
        let events = store.query_events(u.id(), &Default::default()).unwrap();
        assert!(events.iter().any(|e| e.body.event == "account.login" && e.body.outcome == crate::audit::Outcome::Denied));
    }

    #[test]
    fn the_backend_refuses_zero_absurd_and_malformed_key_records() {
        let (_d, store) = setup();
        let b = Embedded::new(&store);
        let (u, v1) = init(&b, PW, Kdf::DEFAULT, "main", None).unwrap();
        let now = policy::now();
        type Spoil = Box<dyn Fn(&mut ApiKey)>;
        let bad: Vec<(&str, Spoil)> = vec![
            ("zero window", Box::new(|k| k.scope.rate_limit = Some(RateLimit { requests: 1, window_secs: 0 }))),
            ("zero requests", Box::new(|k| k.scope.rate_limit = Some(RateLimit { requests: 0, window_secs: 60 }))),
            ("zero quota", Box::new(|k| k.scope.bytes_per_day = Some(0))),
            ("no permission", Box::new(|k| k.scope.permissions.clear())),
            ("born expired", Box::new(move |k| k.expires_at = Some(now - 1))),
            ("year 292 billion", Box::new(|k| k.expires_at = Some(i64::MAX))),
            ("escape in label", Box::new(|k| k.label = "ci\u{1b}[31m".into())),
            ("huge label", Box::new(|k| k.label = "x".repeat(100_000))),
            ("short public key", Box::new(|k| k.public_key.truncate(31))),
            ("non-hex id", Box::new(|k| k.id = "ZZZZZZZZZZZZZZZZ".into())),
        ];
        for (what, spoil) in bad {
            let token = Token::generate();
            let agent = AgentKeys::derive(token.secret());
            let mut key = new_key_record(u.id(), token.key_id(), &agent.public_key(), "ci", scope(vec![v1.clone()]), Some(now + 60), None);
            let grants = u.grants_for(&b, &key, &agent).unwrap();
            spoil(&mut key);
            let grants: Vec<Grant> = grants.into_iter().map(|g| Grant { key_id: key.id.clone(), ..g }).collect();
            let e = b.create_key(&u.session, &key, &grants).unwrap_err();
            assert_eq!(e.kind(), crate::error::Kind::Usage, "{what}: {}", e.message());
        }
        assert!(store.list_keys(u.id()).unwrap().is_empty());

        // The fields the backend owns are its own, whatever the client says.
        let token = Token::generate();
        let agent = AgentKeys::derive(token.secret());
        let mut key = new_key_record(u.id(), token.key_id(), &agent.public_key(), "ci", scope(vec![v1.clone()]), Some(now + 60), None);
        let grants = u.grants_for(&b, &key, &agent).unwrap();
        (key.created_at, key.last_used_at, key.revoked_at, key.grace_end, key.rotated_to) = (1, Some(2), Some(3), Some(4), Some("0123456789abcdef".into()));
        b.create_key(&u.session, &key, &grants).unwrap();
        let stored = store.get_key(&key.id).unwrap().unwrap();
        assert!(stored.created_at >= now && stored.last_used_at.is_none() && stored.revoked_at.is_none());
        assert!(stored.grace_end.is_none() && stored.rotated_to.is_none());
        // A duplicate id and an unknown lineage are refused in words, not database errors.
        let dup = b.create_key(&u.session, &key, &grants).unwrap_err();
        assert!(dup.message().contains("already in use") && !dup.message().contains("UNIQUE"), "{}", dup.message());
        key.rotated_from = Some("fedcba9876543210".into());
        key.id = Token::generate().key_id().to_string();
        assert_eq!(b.create_key(&u.session, &key, &[]).unwrap_err().kind(), crate::error::Kind::Usage);
    }

    #[test]
    fn keys_grants_rotation_and_password_change() {
        let (_d, store) = setup();
        let b = Embedded::new(&store);
        let (u, v1) = init(&b, PW, Kdf::DEFAULT, "main", None).unwrap();
        let v2 = u.create_vault(&b, "other").unwrap();
        let (key, token) = u.create_key(&b, "ci", scope(vec![v1.clone()]), None, &mut |_| Ok(())).unwrap();

        // The agent can unwrap exactly its vault's key, bound to that vault.
        let agent = AgentKeys::derive(token.secret());
        let grants = store.grants(&key.id).unwrap();
        assert_eq!(grants.len(), 1);
        let vk = crypto::unwrap_key(&agent.wrapping_key, &grants[0].wrapped_vault_key, &aad::grant(u.id(), &v1, &key.id)).unwrap();
        let vaults = store.list_vaults(u.id()).unwrap();
        assert_eq!(vk, u.vault_key(vaults.iter().find(|v| v.id == v1).unwrap()).unwrap());
        assert!(crypto::unwrap_key(&agent.wrapping_key, &grants[0].wrapped_vault_key, &aad::grant(u.id(), &v2, &key.id)).is_err());

        // Self-rotation: same scope, grace on the old key, grants re-wrapped.
        let grace = policy::now() + 3600;
        let rotate = |token: &Token, scope: Option<Scope>| -> Result<(ApiKey, Token)> {
            let old = store.get_key(token.key_id())?.unwrap();
            let scope = scope.unwrap_or_else(|| old.scope.clone());
            let (key, grants, new_token) = prepare_self_rotation(&old, &store.grants(&old.id)?, token, scope, None)?;
            store.rotate_key(&old.id, grace, &key, &grants, &rotation_events(&old.account_id, "agent", &old, &key, grace))?;
            Ok((key, new_token))
        };
        let (new, new_token) = rotate(&token, None).unwrap();
        assert_eq!(new.scope.permissions, key.scope.permissions);
        assert_eq!(new.rotated_from.as_deref(), Some(key.id.as_str()));
        let old_now = store.get_key(&key.id).unwrap().unwrap();
        assert_eq!(old_now.status(policy::now()), crate::policy::KeyStatus::Grace);
        assert!(rotate(&token, None).is_err(), "a key rotates once");
        let g = store.grants(&new.id).unwrap();
        assert!(crypto::unwrap_key(&AgentKeys::derive(new_token.secret()).wrapping_key, &g[0].wrapped_vault_key, &aad::grant(u.id(), &v1, &new.id)).is_ok());
        let mut broader = new.scope.clone();
        broader.permissions.push(Permission::Delete);
        assert!(rotate(&new_token, Some(broader)).is_err());

        // Password change re-wraps the master key only.
        let before = store.list_vaults(u.id()).unwrap();
        u.change_password(&b, b"new password for the account", Kdf::DEFAULT).unwrap();
        assert!(unlock(&b, PW, 60).is_err());
        let u2 = unlock(&b, b"new password for the account", 60).unwrap();
        assert_eq!(before[0].wrapped_key, store.list_vaults(u.id()).unwrap()[0].wrapped_key);
        assert_eq!(u2.vaults(&b).unwrap().len(), 2);
        assert!(!b.session_valid(&u.session).unwrap(), "a password change ends sessions");
    }

    #[test]
    fn sessions_expire_and_end() {
        let (_d, store) = setup();
        let b = Embedded::new(&store);
        let (u, _) = init(&b, PW, Kdf::DEFAULT, "main", None).unwrap();
        assert!(b.session_valid(&u.session).unwrap());
        b.logout(&u.session).unwrap();
        assert!(!b.session_valid(&u.session).unwrap());
        assert_eq!(b.list_keys(&u.session).unwrap_err().kind(), crate::error::Kind::Auth);
        let forged = Session { account_id: u.id().into(), token: "not hex".to_string().into(), expires_at: i64::MAX };
        assert!(!b.session_valid(&forged).unwrap());
        // A session's lifetime is refused outside 1 s..30 d, never clamped.
        let pk = u.account.kdf.derive(PW, &u.account.kdf_salt).unwrap();
        for ttl in [0, -1, policy::MAX_SESSION_SECS + 1, i64::MAX] {
            assert_eq!(b.login(u.id(), &pk.login_secret, ttl).unwrap_err().kind(), crate::error::Kind::Usage, "{ttl}");
        }
        let (s, _) = b.login(u.id(), &pk.login_secret, 60).unwrap();
        assert_eq!(b.session_of(&s).unwrap().1, s.expires_at, "the backend reports the real expiry");
    }
}
