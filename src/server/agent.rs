//! Agent endpoints: every request signed, enforced and audited.

use super::api::{
    self, ApiError, ChildrenResponse, ConnectResponse, DelegateRequest, GrantBody, HealthResponse, KeyInfo, NewKeyBody, RotateRequest, RotateResponse,
    VaultGrant, VaultsResponse,
};
use super::{AppState, Signed};
use crate::owner;
use crate::policy::{self, Permission, Scope};
use crate::store::{ApiKey, Grant, Store};
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/health", get(health))
        .route("/v1/agent/connect", post(connect))
        .route("/v1/agent/vaults", get(vaults).post(super::files::create_vault))
        .route("/v1/agent/rotate", post(rotate))
        .route("/v1/agent/keys", get(children).post(delegate))
        .route("/v1/agent/keys/{id}/rotate", post(rotate_child))
        .route("/v1/agent/keys/{id}/revoke", post(revoke_child))
}

async fn health() -> Json<HealthResponse> {
    Json(HealthResponse { status: "ok".into(), api_version: api::API_VERSION.into(), server: format!("keysmith {}", env!("CARGO_PKG_VERSION")) })
}

/// The vaults of the key's scope with their names and the key's grants.
fn scoped_vaults(s: &dyn Store, key: &ApiKey) -> crate::error::Result<Vec<VaultGrant>> {
    Ok(s.granted_vaults(&key.id)?
        .into_iter()
        .map(|g| VaultGrant {
            id: g.vault_id,
            encrypted_name: hex::encode(g.encrypted_name),
            wrapped_vault_key: hex::encode(g.wrapped_vault_key),
            key_version: g.key_version,
            key_chain: g.key_chain,
        })
        .collect())
}

async fn connect(State(st): State<AppState>, req: Signed) -> Result<(HeaderMap, Json<ConnectResponse>), ApiError> {
    let account_public_key = req.key.account_public_key.clone();
    let (rate, resp) = st
        .enforce_then(&req, None, None, 0, move |s, key| {
            Ok(ConnectResponse {
                api_version: api::API_VERSION.into(),
                account_id: key.account_id.clone(),
                account_public_key: hex::encode(&account_public_key),
                account_key_binding: key.account_key_binding.as_ref().map(hex::encode),
                key: KeyInfo::of(key, policy::now()),
                vaults: scoped_vaults(s, key)?,
            })
        })
        .await?;
    Ok((api::rate_header_map(rate), Json(resp)))
}

async fn vaults(State(st): State<AppState>, req: Signed) -> Result<(HeaderMap, Json<VaultsResponse>), ApiError> {
    let (rate, vaults) = st.enforce_then(&req, Some(Permission::ListVaults), None, 0, |s, key| scoped_vaults(s, key)).await?;
    Ok((api::rate_header_map(rate), Json(VaultsResponse { vaults })))
}

/// A key the holder sent, its shapes checked: the parts of the record the holder chose.
struct Requested {
    id: String,
    public_key: Vec<u8>,
    scope: Scope,
    expires_at: Option<i64>,
    grants: Vec<Grant>,
    binding: Option<Vec<u8>>,
    escrow: Option<Vec<u8>>,
}

fn requested(body: &NewKeyBody) -> Result<Requested, ApiError> {
    if !crate::token::is_id(&body.new_key_id) {
        return Err(ApiError::bad_request("new_key_id must be 16 lowercase hex characters"));
    }
    let public_key = api::hex_field("new_public_key", &body.new_public_key)?;
    if public_key.len() != 32 {
        return Err(ApiError::bad_request("new_public_key must be 32 bytes"));
    }
    let grants = body
        .grants
        .iter()
        .map(|GrantBody { vault_id, wrapped_vault_key }| {
            Ok(Grant {
                key_id: body.new_key_id.clone(),
                vault_id: vault_id.clone(),
                wrapped_vault_key: api::hex_field("wrapped_vault_key", wrapped_vault_key)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    grants.iter().try_for_each(Grant::check_shape)?;
    let scope = Scope {
        permissions: body.permissions.clone(),
        vaults: body.grants.iter().map(|g| g.vault_id.clone()).collect(),
        rate_limit: body.rate_limit,
        bytes_per_day: body.bytes_per_day,
        write_only: body.write_only,
    };
    let binding = body.account_key_binding.as_deref().map(|b| api::hex_field("account_key_binding", b)).transpose()?;
    let escrow = body.escrow.as_deref().map(|b| api::hex_field("escrow", b)).transpose()?;
    Ok(Requested { id: body.new_key_id.clone(), public_key, scope, expires_at: body.expires_at, grants, binding, escrow })
}

impl Requested {
    /// The record to store: a new key of `account` labelled `label`.
    fn record(self, account_id: &str, label: &str, expires_at: Option<i64>, rotated_from: Option<String>, parent_id: Option<String>) -> (ApiKey, Vec<Grant>) {
        let key = ApiKey {
            account_key_binding: self.binding,
            escrow: self.escrow,
            parent_id,
            ..owner::new_key_record(account_id, &self.id, &self.public_key, label, self.scope, expires_at, rotated_from)
        };
        (key, self.grants)
    }
}

/// A request for more than the holder may give: a broader scope or a longer life is
/// forbidden, a key already rotated or revoked a conflict. Audited as refused.
async fn refuse(st: &AppState, req: &Signed, e: crate::error::Error) -> ApiError {
    st.audit(req.event.clone().denied(e.message())).await;
    match e.kind() {
        crate::error::Kind::Usage => ApiError::forbidden("scope_broadened", e.message().to_string()),
        _ => ApiError::conflict(e.message().to_string()),
    }
}

fn grace(secs: i64) -> Result<i64, ApiError> {
    if !(0..=30 * 86_400).contains(&secs) {
        return Err(ApiError::bad_request("grace_secs must be between 0 and 30 days"));
    }
    Ok(secs)
}

/// Stores a rotation the holder asked for and answers with both keys.
async fn commit_rotation(
    st: &AppState,
    rate: Option<crate::store::RateState>,
    old: ApiKey,
    new: ApiKey,
    grants: Vec<Grant>,
    grace_secs: i64,
) -> Result<(HeaderMap, Json<RotateResponse>), ApiError> {
    let now = policy::now();
    let events = owner::rotation_events(&old.account_id, "agent", &old, &new, now + grace_secs);
    let (new_c, old_id) = (new.clone(), old.id.clone());
    let old_after = st
        .db(move |s| {
            unused(s, &new_c.id)?;
            s.rotate_key(&old_id, now + grace_secs, &new_c, &grants, &events)?;
            s.get_key(&old_id)?.ok_or_else(|| crate::error::Error::integrity("old key vanished"))
        })
        .await?;
    Ok((
        api::rate_header_map(rate),
        Json(RotateResponse { account_id: new.account_id.clone(), key: KeyInfo::of(&new, now), old_key: KeyInfo::of(&old_after, now) }),
    ))
}

/// A key a holder made must have an id no key has (a conflict, not a database error).
fn unused(s: &dyn Store, id: &str) -> crate::error::Result<()> {
    match s.get_key(id)? {
        Some(_) => Err(crate::error::Error::failure("new_key_id is already in use")),
        None => Ok(()),
    }
}

async fn key_of(st: &AppState, id: &str) -> Result<Option<ApiKey>, ApiError> {
    let id = id.to_string();
    st.db(move |s| s.get_key(&id)).await
}

/// Self-rotation by the holder of the old key: the new key must be the same scope or
/// narrower, and its grants must cover exactly its vaults. A delegated key stays its
/// parent's child.
async fn rotate(State(st): State<AppState>, req: Signed) -> Result<(HeaderMap, Json<RotateResponse>), ApiError> {
    let body: RotateRequest = serde_json::from_slice(&req.body).map_err(|e| ApiError::bad_request(format!("invalid rotation request: {e}")))?;
    let old = key_of(&st, &req.key.id).await?.ok_or_else(|| ApiError::unauthenticated("unknown API key"))?;
    let grace_secs = grace(body.grace_secs)?;
    let r = requested(&body.key)?;
    let now = policy::now();
    // Renewal, never extension: the new key lives at most the old key's lifetime from now,
    // and a delegated key no longer than its parent.
    let parent = match &old.parent_id {
        Some(p) => key_of(&st, p).await?,
        None => None,
    };
    let expires_at = match owner::check_rotatable(&old, &r.scope).and_then(|()| owner::holder_expiry(&old, r.expires_at, now)) {
        Ok(e) => match &parent {
            Some(p) => owner::capped_by_parent(p, e),
            None => e,
        },
        Err(e) => return Err(refuse(&st, &req, e).await),
    };
    let (new, grants) = r.record(&old.account_id, &old.label, expires_at, Some(old.id.clone()), old.parent_id.clone());
    owner::check_new_key(&new, now).map_err(|e| ApiError::bad_request(e.message().to_string()))?;
    let rate = st.enforce(&req, None, None, 0).await?;
    commit_rotation(&st, rate, old, new, grants, grace_secs).await
}

/// A child of the requesting key (a key it delegated), or 404 as for a key that does not exist.
async fn child_of(st: &AppState, parent: &ApiKey, id: &str) -> Result<ApiKey, ApiError> {
    key_of(st, id).await?.filter(|c| c.parent_id.as_deref() == Some(parent.id.as_str())).ok_or_else(|| ApiError::not_found(format!("no child key {id}")))
}

/// Mints a child of the requesting key (which needs `delegate`): a scope within its own,
/// limits no looser, an end no later, at most [`super::MAX_DELEGATION_DEPTH`] levels deep.
async fn delegate(State(st): State<AppState>, req: Signed) -> Result<(HeaderMap, Json<KeyInfo>), ApiError> {
    let body: DelegateRequest = serde_json::from_slice(&req.body).map_err(|e| ApiError::bad_request(format!("invalid delegation request: {e}")))?;
    let parent = key_of(&st, &req.key.id).await?.ok_or_else(|| ApiError::unauthenticated("unknown API key"))?;
    let r = requested(&body.key)?;
    let now = policy::now();
    let p = parent.clone();
    let depth = st.db(move |s| super::ancestors(s, &p)).await?.len() + 1;
    let checked = owner::check_delegation(&parent, &r.scope, r.expires_at, depth);
    let expires_at = match checked {
        Ok(e) => e,
        Err(e) => return Err(refuse(&st, &req, e).await),
    };
    let (child, grants) = r.record(&parent.account_id, &body.label, expires_at, None, Some(parent.id.clone()));
    owner::check_new_key(&child, now).map_err(|e| ApiError::bad_request(e.message().to_string()))?;
    let rate = st.enforce(&req, Some(Permission::Delegate), None, 0).await?;
    let event = crate::audit::NewEvent { actor: "agent".into(), ..crate::audit::NewEvent::owner(&child.account_id, "key.delegate") }
        .key(&child.id, &child.label)
        .reason(&format!("delegated by {} ({}); {}", parent.id, parent.label, owner::describe_scope(&child.scope)));
    let c = child.clone();
    st.db(move |s| {
        unused(s, &c.id)?;
        s.create_key(&c, &grants, &[event])
    })
    .await?;
    Ok((api::rate_header_map(rate), Json(KeyInfo::of(&child, now))))
}

/// The keys the requesting key delegated (its direct children), oldest first.
async fn children(State(st): State<AppState>, req: Signed) -> Result<(HeaderMap, Json<ChildrenResponse>), ApiError> {
    let now = policy::now();
    let (rate, keys) = st
        .enforce_then(&req, Some(Permission::Delegate), None, 0, move |s, key| {
            Ok(s.list_keys(&key.account_id)?.iter().filter(|k| k.parent_id.as_deref() == Some(key.id.as_str())).map(|k| KeyInfo::of(k, now)).collect())
        })
        .await?;
    Ok((api::rate_header_map(rate), Json(ChildrenResponse { keys })))
}

/// The parent rotates one of its children (same scope or narrower, ending no later than
/// the parent): how a rotation job renews a fleet without the owner's password.
async fn rotate_child(State(st): State<AppState>, Path(id): Path<String>, req: Signed) -> Result<(HeaderMap, Json<RotateResponse>), ApiError> {
    let body: RotateRequest = serde_json::from_slice(&req.body).map_err(|e| ApiError::bad_request(format!("invalid rotation request: {e}")))?;
    let parent = key_of(&st, &req.key.id).await?.ok_or_else(|| ApiError::unauthenticated("unknown API key"))?;
    let grace_secs = grace(body.grace_secs)?;
    let old = child_of(&st, &parent, &id).await?;
    let r = requested(&body.key)?;
    let now = policy::now();
    let expires_at = match owner::check_rotatable(&old, &r.scope).and_then(|()| owner::delegated_expiry(&parent, r.expires_at)) {
        Ok(e) => e,
        Err(e) => return Err(refuse(&st, &req, e).await),
    };
    let (new, grants) = r.record(&old.account_id, &old.label, expires_at, Some(old.id.clone()), Some(parent.id.clone()));
    owner::check_new_key(&new, now).map_err(|e| ApiError::bad_request(e.message().to_string()))?;
    let rate = st.enforce(&req, Some(Permission::Delegate), None, 0).await?;
    commit_rotation(&st, rate, old, new, grants, grace_secs).await
}

/// The parent revokes a key it delegated, or any key below it.
async fn revoke_child(State(st): State<AppState>, Path(id): Path<String>, req: Signed) -> Result<(HeaderMap, Json<KeyInfo>), ApiError> {
    let now = policy::now();
    let (rate, revoked) = st
        .enforce_then(&req, Some(Permission::Delegate), None, 0, move |s, parent| {
            let target = s.get_key(&id)?.filter(|t| t.account_id == parent.account_id);
            let below = match &target {
                Some(t) => super::ancestors(s, t)?.iter().any(|a| a.id == parent.id),
                None => false,
            };
            let Some(target) = target.filter(|_| below) else {
                return Err(crate::error::Error::not_found(format!("no child key {id}")));
            };
            let event = crate::audit::NewEvent { actor: "agent".into(), ..crate::audit::NewEvent::owner(&target.account_id, "key.revoke") }
                .key(&target.id, &target.label)
                .reason(&format!("revoked by its ancestor {} ({})", parent.id, parent.label));
            s.revoke_key(&target.id, now, &[event])?;
            s.get_key(&target.id)?.ok_or_else(|| crate::error::Error::integrity("the revoked key vanished"))
        })
        .await?;
    Ok((api::rate_header_map(rate), Json(KeyInfo::of(&revoked, now))))
}
