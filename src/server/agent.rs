//! Agent endpoints: every request signed, enforced and audited.

use super::api::{self, ApiError, ConnectResponse, GrantBody, HealthResponse, KeyInfo, RotateRequest, RotateResponse, VaultGrant, VaultsResponse};
use super::{AppState, Signed};
use crate::owner;
use crate::policy::{self, Permission, Scope};
use crate::store::{ApiKey, Grant, Store};
use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/health", get(health))
        .route("/v1/agent/connect", post(connect))
        .route("/v1/agent/vaults", get(vaults).post(super::files::create_vault))
        .route("/v1/agent/rotate", post(rotate))
}

async fn health() -> Json<HealthResponse> {
    Json(HealthResponse { status: "ok".into(), api_version: api::API_VERSION.into(), server: format!("keysmith {}", env!("CARGO_PKG_VERSION")) })
}

/// The vaults of the key's scope with their names and the key's grants.
fn scoped_vaults(s: &dyn Store, key: &ApiKey) -> crate::error::Result<Vec<VaultGrant>> {
    Ok(s.granted_vaults(&key.id)?
        .into_iter()
        .map(|g| VaultGrant { id: g.vault_id, encrypted_name: hex::encode(g.encrypted_name), wrapped_vault_key: hex::encode(g.wrapped_vault_key) })
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

/// Self-rotation by the holder of the old key: the new key must be the same scope or
/// narrower, and its grants must cover exactly its vaults.
async fn rotate(State(st): State<AppState>, req: Signed) -> Result<(HeaderMap, Json<RotateResponse>), ApiError> {
    let body: RotateRequest = serde_json::from_slice(&req.body).map_err(|e| ApiError::bad_request(format!("invalid rotation request: {e}")))?;
    let old_id = req.key.id.clone();
    let old = st.db(move |s| s.get_key(&old_id)).await?.ok_or_else(|| ApiError::unauthenticated("unknown API key"))?;
    let scope = Scope {
        permissions: body.permissions.clone(),
        vaults: body.grants.iter().map(|g| g.vault_id.clone()).collect(),
        rate_limit: body.rate_limit,
        bytes_per_day: body.bytes_per_day,
    };
    let invalid = |msg: String| ApiError::bad_request(msg);
    if !crate::token::is_id(&body.new_key_id) {
        return Err(invalid("new_key_id must be 16 lowercase hex characters".into()));
    }
    let public_key = api::hex_field("new_public_key", &body.new_public_key)?;
    if public_key.len() != 32 {
        return Err(invalid("new_public_key must be 32 bytes".into()));
    }
    if !(0..=30 * 86_400).contains(&body.grace_secs) {
        return Err(invalid("grace_secs must be between 0 and 30 days".into()));
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
    let now = policy::now();
    // Renewal, never extension: the new key lives at most the old key's lifetime from now.
    let expires_at = match owner::check_rotatable(&old, &scope).and_then(|()| owner::holder_expiry(&old, body.expires_at, now)) {
        Ok(e) => e,
        Err(e) => {
            // A broader scope or lifetime is forbidden; a key already rotated or revoked is a conflict.
            let err = match e.kind() {
                crate::error::Kind::Usage => ApiError::forbidden("scope_broadened", e.message().to_string()),
                _ => ApiError::conflict(e.message().to_string()),
            };
            st.audit(req.event.clone().denied(e.message())).await;
            return Err(err);
        }
    };
    let binding = body.account_key_binding.as_deref().map(|b| api::hex_field("account_key_binding", b)).transpose()?;
    let new = crate::store::ApiKey {
        account_key_binding: binding,
        ..owner::new_key_record(&old.account_id, &body.new_key_id, &public_key, &old.label, scope, expires_at, Some(old.id.clone()))
    };
    owner::check_new_key(&new, now).map_err(|e| invalid(e.message().to_string()))?;
    let rate = st.enforce(&req, None, None, 0).await?;
    let events = owner::rotation_events(&old.account_id, "agent", &old, &new, now + body.grace_secs);
    let (new_c, old_id) = (new.clone(), old.id.clone());
    let old_after = st
        .db(move |s| {
            if s.get_key(&new_c.id)?.is_some() {
                return Err(crate::error::Error::failure("new_key_id is already in use"));
            }
            s.rotate_key(&old_id, now + body.grace_secs, &new_c, &grants, &events)?;
            s.get_key(&old_id)?.ok_or_else(|| crate::error::Error::integrity("old key vanished"))
        })
        .await?;
    Ok((
        api::rate_header_map(rate),
        Json(RotateResponse { account_id: new.account_id.clone(), key: KeyInfo::of(&new, now), old_key: KeyInfo::of(&old_after, now) }),
    ))
}
