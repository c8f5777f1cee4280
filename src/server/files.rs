//! Files and blobs. Agents announce an encrypted upload (size and SHA-256), PUT the blob
//! to the ticket's short-lived URL (this server's blob route, or the object store's
//! presigned URL), then POST the ticket's completion URL: the file becomes visible once
//! the stored blob matched. Downloads go through a short-lived URL too. The server only
//! ever sees ids, sizes, hashes and ciphertext.

use super::api::{self, AnnounceRequest, ApiError, ApiJson, ApiQuery, BlobQuery, CreateVaultRequest, FilesResponse, Ticket, VaultGrant};
use super::owner::Bearer;
use super::{AppState, Signed};
use crate::audit::NewEvent;
use crate::backend::{Session, embedded::Embedded};
use crate::blobs::{self, Mismatch};
use crate::policy::{self, Permission};
use crate::store::{FileRecord, Grant, Vault};
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, put};
use axum::{Json, Router};
use futures_util::StreamExt;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/agent/vaults/{vault}/files", get(list_files).post(announce))
        .route("/v1/agent/vaults/{vault}/files/{file}", get(get_file).delete(delete_file))
        .route("/v1/owner/vaults/{vault}", delete(owner_delete_vault))
        .route("/v1/owner/vaults/{vault}/files", get(owner_list).post(owner_announce))
        .route("/v1/owner/vaults/{vault}/files/{file}", get(owner_get).delete(owner_delete))
        .route("/v1/blobs/{file}", put(put_blob).get(get_blob).post(complete_upload))
}

/// A complete file of `vault`, or 404.
async fn file_in(st: &AppState, vault: &str, file: &str) -> Result<FileRecord, ApiError> {
    let id = file.to_string();
    let found = st.db(move |s| s.get_file(&id)).await?;
    found.filter(|f| f.vault_id == vault && f.state == "complete").ok_or_else(|| ApiError::not_found(format!("no file {file} in vault {vault}")))
}

async fn list_files(State(st): State<AppState>, Path(vault): Path<String>, req: Signed) -> Result<(HeaderMap, Json<FilesResponse>), ApiError> {
    let id = vault.clone();
    let (rate, files) = st.enforce_then(&req, Some(Permission::Read), Some(&vault), 0, move |s, _| s.list_files(&id)).await?;
    Ok((api::rate_header_map(rate), Json(FilesResponse { files })))
}

/// The file record an announcement describes, checked.
fn announced(st: &AppState, vault: &str, body: &AnnounceRequest, created_by: &str) -> Result<FileRecord, ApiError> {
    if !crate::token::is_id(&body.file_id) {
        return Err(ApiError::bad_request("file_id must be 16 lowercase hex characters"));
    }
    let max = st.blobs.max_file_size();
    if body.size > max {
        return Err(ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", format!("files are limited to {max} encrypted bytes")));
    }
    let sha256 = api::hex_field("sha256", &body.sha256)?;
    let record = FileRecord {
        id: body.file_id.clone(),
        vault_id: vault.to_string(),
        encrypted_name: api::hex_field("encrypted_name", &body.encrypted_name)?,
        wrapped_key: api::hex_field("wrapped_key", &body.wrapped_key)?,
        size: body.size,
        sha256,
        state: "pending".into(),
        created_by: created_by.to_string(),
        created_at: policy::now(),
        key_version: body.key_version,
    };
    record.check_shape()?;
    Ok(record)
}

/// What an agent announces, checked; a write-only key's file key must be sealed to the
/// vault's public key (a key it could wrap under the vault key would be readable).
fn announced_by(st: &AppState, vault: &str, body: &AnnounceRequest, key: &super::Identity) -> Result<FileRecord, ApiError> {
    let record = announced(st, vault, body, &key.id)?;
    if key.write_only && record.wrapped_key.len() != crate::crypto::SEALED_KEY_LEN {
        return Err(ApiError::bad_request(format!(
            "a write-only key's file key is sealed to the vault's public key ({} bytes)",
            crate::crypto::SEALED_KEY_LEN
        )));
    }
    Ok(record)
}

/// Records the pending upload and hands out its upload and completion URLs.
async fn open_upload(st: &AppState, file: FileRecord, events: Vec<NewEvent>) -> Result<Ticket, ApiError> {
    let f = file.clone();
    st.db(move |s| {
        if s.get_file(&f.id)?.is_some() {
            return Err(crate::error::Error::failure("file_id is already in use"));
        }
        s.announce_file(&f, &events)
    })
    .await?;
    let expires_at = policy::now() + blobs::URL_TTL_SECS;
    let put = st.blobs.upload(&st.url_secret, &file, expires_at).await?;
    let complete_url = Some(blobs::signed_path(&st.url_secret, "POST", &file.id, expires_at));
    Ok(Ticket { file, url: put.url, headers: put.headers, complete_url, expires_at })
}

/// A signed download URL for a complete file of the vault.
async fn download_ticket(st: &AppState, vault: &str, file: &str) -> Result<Ticket, ApiError> {
    let f = file_in(st, vault, file).await?;
    let expires_at = policy::now() + blobs::URL_TTL_SECS;
    let get = st.blobs.download(&st.url_secret, &f, expires_at).await?;
    Ok(Ticket { file: f, url: get.url, headers: get.headers, complete_url: None, expires_at })
}

/// Deletes a complete file of the vault and its blob.
async fn remove_file(st: &AppState, vault: &str, file: &str, events: Vec<NewEvent>) -> Result<FileRecord, ApiError> {
    let f = file_in(st, vault, file).await?;
    let id = f.id.clone();
    st.db(move |s| s.delete_file(&id, &events)).await?;
    st.blobs.remove(&f.id).await?;
    Ok(f)
}

async fn announce(State(st): State<AppState>, Path(vault): Path<String>, req: Signed) -> Result<(HeaderMap, Json<Ticket>), ApiError> {
    let body: AnnounceRequest = serde_json::from_slice(&req.body).map_err(|e| ApiError::bad_request(format!("invalid upload announcement: {e}")))?;
    let file = announced_by(&st, &vault, &body, &req.key)?;
    let mut ev = req.event.clone();
    ev.file_id = Some(file.id.clone());
    let req = Signed { event: ev, ..req };
    let rate = st.enforce(&req, Some(Permission::Write), Some(&vault), body.size).await?;
    Ok((api::rate_header_map(rate), Json(open_upload(&st, file, Vec::new()).await?)))
}

async fn get_file(State(st): State<AppState>, Path((vault, file)): Path<(String, String)>, req: Signed) -> Result<(HeaderMap, Json<Ticket>), ApiError> {
    // Existence is checked after the scope, so keys cannot probe other vaults.
    let size = {
        let id = file.clone();
        st.db(move |s| s.get_file(&id)).await?.filter(|f| f.vault_id == vault).map(|f| f.size).unwrap_or(0)
    };
    let mut denied_event = req.event.clone();
    denied_event.file_id = Some(file.clone());
    let req = Signed { event: denied_event, ..req };
    let rate = st.enforce(&req, Some(Permission::Read), Some(&vault), size).await?;
    Ok((api::rate_header_map(rate), Json(download_ticket(&st, &vault, &file).await?)))
}

async fn delete_file(State(st): State<AppState>, Path((vault, file)): Path<(String, String)>, req: Signed) -> Result<(HeaderMap, Json<FileRecord>), ApiError> {
    let mut ev = req.event.clone();
    ev.file_id = Some(file.clone());
    let req = Signed { event: ev, ..req };
    let rate = st.enforce(&req, Some(Permission::Delete), Some(&vault), 0).await?;
    Ok((api::rate_header_map(rate), Json(remove_file(&st, &vault, &file, Vec::new()).await?)))
}

/// The owner's account, if the session is valid and the vault is theirs; the event
/// of the owner's request.
async fn owner_vault(st: &AppState, session: Session, vault: &str, event: &str, file: Option<&str>) -> Result<NewEvent, ApiError> {
    let v = vault.to_string();
    let account = st
        .db(move |s| {
            let account = Embedded::new(s).authorize(&session)?;
            if !s.list_vaults(&account)?.iter().any(|x| x.id == v) {
                return Err(crate::error::Error::not_found(format!("no vault {v}")).hint("`keysmith vault list` shows the vaults"));
            }
            Ok(account)
        })
        .await?;
    let mut ev = NewEvent::owner(&account, event).vault(vault);
    ev.file_id = file.map(str::to_string);
    Ok(ev)
}

async fn owner_list(State(st): State<AppState>, Path(vault): Path<String>, Bearer(session): Bearer) -> Result<Json<FilesResponse>, ApiError> {
    let ev = owner_vault(&st, session, &vault, "file.list", None).await?;
    st.audit(ev).await;
    let files = st.db(move |s| s.list_files(&vault)).await?;
    Ok(Json(FilesResponse { files }))
}

async fn owner_announce(
    State(st): State<AppState>,
    Path(vault): Path<String>,
    Bearer(session): Bearer,
    ApiJson(body): ApiJson<AnnounceRequest>,
) -> Result<Json<Ticket>, ApiError> {
    let file = announced(&st, &vault, &body, "owner")?;
    let mut ev = owner_vault(&st, session, &vault, "file.put", Some(&file.id)).await?;
    ev.size = Some(file.size);
    Ok(Json(open_upload(&st, file, vec![ev]).await?))
}

async fn owner_get(State(st): State<AppState>, Path((vault, file)): Path<(String, String)>, Bearer(session): Bearer) -> Result<Json<Ticket>, ApiError> {
    let ev = owner_vault(&st, session, &vault, "file.get", Some(&file)).await?;
    let ticket = download_ticket(&st, &vault, &file).await?;
    st.audit(NewEvent { size: Some(ticket.file.size), ..ev }).await;
    Ok(Json(ticket))
}

async fn owner_delete(State(st): State<AppState>, Path((vault, file)): Path<(String, String)>, Bearer(session): Bearer) -> Result<Json<FileRecord>, ApiError> {
    let ev = owner_vault(&st, session, &vault, "file.delete", Some(&file)).await?;
    Ok(Json(remove_file(&st, &vault, &file, vec![ev]).await?))
}

/// Deletes a vault, its files and blobs, and every key's grant of it (no decryption
/// needed: this is how an owner gets rid of a damaged vault too).
async fn owner_delete_vault(State(st): State<AppState>, Path(vault): Path<String>, Bearer(session): Bearer) -> Result<Json<VaultDeleted>, ApiError> {
    let ev = owner_vault(&st, session, &vault, "vault.delete", None).await?;
    let id = vault.clone();
    let files = st.db(move |s| s.delete_vault(&id, &[ev])).await?;
    // After the commit: a blob left by a crash here is unreachable ciphertext.
    for f in &files {
        let _ = st.blobs.remove(f).await;
    }
    Ok(Json(VaultDeleted { deleted: vault, files: files.len() as u64 }))
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct VaultDeleted {
    pub deleted: String,
    pub files: u64,
}

/// The event for a blob transfer, in the chain of the vault's account, attributed to the
/// key (or owner) that announced the file.
async fn blob_event(st: &AppState, name: &str, f: &FileRecord) -> NewEvent {
    let (key_id, vault_id) = (f.created_by.clone(), f.vault_id.clone());
    let (account, key) = st.db(move |s| Ok((s.vault_account(&vault_id)?, s.get_key(&key_id)?))).await.unwrap_or_default();
    let mut ev = NewEvent::owner("", name).vault(&f.vault_id);
    ev.account_id = account;
    ev.actor = if f.created_by == "owner" { "owner".into() } else { "agent".into() };
    if let Some(k) = key {
        ev = ev.key(&k.id, &k.label);
    }
    ev.file_id = Some(f.id.clone());
    ev.size = Some(f.size);
    ev
}

async fn checked_blob(st: &AppState, method: &str, id: &str, q: &BlobQuery) -> Result<FileRecord, ApiError> {
    blobs::check_signed(&st.url_secret, method, id, q.exp, &q.sig, policy::now()).map_err(ApiError::unauthenticated)?;
    let lookup = id.to_string();
    st.db(move |s| s.get_file(&lookup)).await?.ok_or_else(|| ApiError::not_found(format!("no file {id}")))
}

/// The refusal of a blob that does not match its record, audited.
async fn refuse_blob(st: &AppState, f: &FileRecord, e: Mismatch) -> ApiError {
    st.audit(blob_event(st, "file.upload", f).await.denied(&e.message())).await;
    match e {
        Mismatch::TooLarge => ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", e.message()),
        Mismatch::Differs(_) => ApiError::bad_request(e.message()),
        Mismatch::Missing => ApiError::conflict(e.message()).hint("send the blob to the ticket's url first"),
        Mismatch::Io(m) => {
            super::log_line("error", &format!("blob store: {m}"));
            ApiError::internal()
        }
    }
}

/// The blob directory, for servers that receive and send blobs themselves.
fn local_blobs(st: &AppState) -> Result<&blobs::local::Local, ApiError> {
    st.blobs.local().ok_or_else(|| ApiError::not_found("this server keeps blobs in an object store").hint("use the url of the upload or download ticket"))
}

async fn put_blob(State(st): State<AppState>, Path(id): Path<String>, ApiQuery(q): ApiQuery<BlobQuery>, body: Body) -> Result<Json<FileRecord>, ApiError> {
    let f = checked_blob(&st, "PUT", &id, &q).await?;
    if f.state != "pending" {
        return Err(ApiError::conflict(format!("file {id} was already uploaded")));
    }
    let mut rx = local_blobs(&st)?.receive(&f)?;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let written = match chunk {
            Ok(c) => rx.write(&c),
            Err(_) => Err(Mismatch::Differs("the upload was interrupted".into())),
        };
        if let Err(e) = written {
            return Err(refuse_blob(&st, &f, e).await);
        }
    }
    if let Err(e) = rx.finish() {
        return Err(refuse_blob(&st, &f, e).await);
    }
    complete(&st, f).await
}

/// `POST` of an upload's completion URL: the file becomes visible once its stored blob
/// has the announced size and SHA-256. Completing a complete file answers it again.
async fn complete_upload(State(st): State<AppState>, Path(id): Path<String>, ApiQuery(q): ApiQuery<BlobQuery>) -> Result<Json<FileRecord>, ApiError> {
    let f = checked_blob(&st, "POST", &id, &q).await?;
    if f.state == "complete" {
        return Ok(Json(f));
    }
    if let Err(e) = st.blobs.verify(&f).await {
        if matches!(e, Mismatch::Differs(_)) {
            // The bytes are not the announced ones: nothing of them is kept.
            let _ = st.blobs.remove(&f.id).await;
        }
        return Err(refuse_blob(&st, &f, e).await);
    }
    complete(&st, f).await
}

/// Marks a pending file whose blob matched complete, once (a concurrent completion of
/// the same file answers the same record).
async fn complete(st: &AppState, f: FileRecord) -> Result<Json<FileRecord>, ApiError> {
    let ev = blob_event(st, "file.upload", &f).await;
    let id = f.id.clone();
    let done = st
        .db(move |s| match s.complete_file(&id, &[ev]) {
            Err(_) if s.get_file(&id)?.is_some_and(|f| f.state == "complete") => Ok(()),
            other => other,
        })
        .await;
    done.map(|()| Json(FileRecord { state: "complete".into(), ..f }))
}

async fn get_blob(State(st): State<AppState>, Path(id): Path<String>, ApiQuery(q): ApiQuery<BlobQuery>) -> Result<Response, ApiError> {
    let f = checked_blob(&st, "GET", &id, &q).await?;
    if f.state != "complete" {
        return Err(ApiError::not_found(format!("file {id} has no content yet")));
    }
    let file = tokio::fs::File::open(local_blobs(&st)?.path(&id)?).await.map_err(|_| ApiError::not_found(format!("the blob of file {id} is missing")))?;
    // The length on disk, not the recorded size: a damaged blob is sent as it is and the
    // client's authenticated decryption reports it (never a cut-off response).
    let len = file.metadata().await.map_err(|_| ApiError::internal())?.len();
    let body = Body::from_stream(tokio_util::io::ReaderStream::with_capacity(file, 256 * 1024));
    Ok(([(header::CONTENT_TYPE, "application/octet-stream".to_string()), (header::CONTENT_LENGTH, len.to_string())], body).into_response())
}

/// Agents with `createVault` create a vault: its key sealed to the account's public key
/// (so the owner can read it) and granted to the creating key.
pub async fn create_vault(State(st): State<AppState>, req: Signed) -> Result<(HeaderMap, Json<VaultGrant>), ApiError> {
    let body: CreateVaultRequest = serde_json::from_slice(&req.body).map_err(|e| ApiError::bad_request(format!("invalid vault: {e}")))?;
    let vault = Vault {
        id: body.vault_id.clone(),
        account_id: req.key.account_id.clone(),
        encrypted_name: api::hex_field("encrypted_name", &body.encrypted_name)?,
        wrapped_key: None,
        sealed_key: Some(api::hex_field("sealed_key", &body.sealed_key)?),
        created_by: req.key.id.clone(),
        created_at: policy::now(),
        key_version: 1,
        key_chain: Vec::new(),
    };
    let grant =
        Grant { key_id: req.key.id.clone(), vault_id: vault.id.clone(), wrapped_vault_key: api::hex_field("wrapped_vault_key", &body.wrapped_vault_key)? };
    vault.check_shape()?;
    grant.check_shape()?;
    // The admitted request's event names the new vault; it is the record of its creation.
    let req = Signed { event: req.event.clone().vault(&body.vault_id), ..req };
    let rate = st.enforce(&req, Some(Permission::CreateVault), None, 0).await?;
    let (v, g) = (vault.clone(), grant.clone());
    st.db(move |s| {
        if s.list_vaults(&v.account_id)?.iter().any(|x| x.id == v.id) {
            return Err(crate::error::Error::failure("vault_id is already in use"));
        }
        s.create_vault(&v, &[g], &[])
    })
    .await?;
    Ok((
        api::rate_header_map(rate),
        Json(VaultGrant {
            id: vault.id,
            encrypted_name: body.encrypted_name,
            wrapped_vault_key: body.wrapped_vault_key,
            key_version: 1,
            key_chain: Vec::new(),
        }),
    ))
}
