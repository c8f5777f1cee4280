//! Moving encrypted files between this process and a backend, for an agent (signed
//! requests) or the owner (session): encryption and decryption happen here, the
//! backend sees ids, sizes, hashes and ciphertext.

use crate::crypto::{SecretKey, VaultKeys};
use crate::error::{Error, Result};
use crate::file::{NewFile, OpenedFile, Sink, Source};
use crate::http::{Http, Progress};
use crate::server::api::{AnnounceRequest, Ticket};
use crate::store::FileRecord;

/// The file calls of the backend API (futures are `Send`, for servers such as MCP).
pub trait FileApi: Sync {
    fn http(&self) -> &Http;
    fn announce(&self, vault_id: &str, req: &AnnounceRequest) -> impl Future<Output = Result<Ticket>> + Send;
    fn files(&self, vault_id: &str) -> impl Future<Output = Result<Vec<FileRecord>>> + Send;
    fn ticket(&self, vault_id: &str, file_id: &str) -> impl Future<Output = Result<Ticket>> + Send;
    fn remove(&self, vault_id: &str, file_id: &str) -> impl Future<Output = Result<FileRecord>> + Send;
}

/// A vault as this process holds it: its keys, or (write-only) its public key.
#[derive(Clone, Copy)]
pub struct VaultRef<'a> {
    pub id: &'a str,
    pub keys: &'a VaultKeys,
}

impl VaultRef<'_> {
    /// The refusal a write-only key gets for anything but uploading.
    fn readable(&self) -> Result<()> {
        match self.keys.access.key() {
            Some(_) => Ok(()),
            None => Err(Error::failure("this API key is write-only: it can upload files but never list, read or delete them")
                .hint("ask the owner for a key with read permission to read files back")),
        }
    }

    /// The vault key a file was written with.
    fn key_of(&self, f: &FileRecord) -> Result<&SecretKey> {
        self.readable()?;
        self.keys.key_for(f.key_version).ok_or_else(|| {
            Error::integrity(format!("file {} names vault key version {}, which this vault's key chain does not hold", f.id, f.key_version))
                .hint("the stored metadata was altered or damaged")
        })
    }
}

/// A file listed with its name decrypted here.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileEntry {
    pub id: String,
    pub vault_id: String,
    pub name: String,
    /// Encrypted size in bytes.
    pub size: u64,
    pub created_by: String,
    #[serde(serialize_with = "crate::render::rfc3339")]
    pub created_at: i64,
    /// Why the file's key or name does not decrypt (its name is then empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub damaged: Option<String>,
}

impl FileEntry {
    fn of(f: FileRecord, name: String) -> Self {
        FileEntry { id: f.id, vault_id: f.vault_id, name, size: f.size, created_by: f.created_by, created_at: f.created_at, damaged: None }
    }
}

/// Encrypts `source` here and uploads it into the vault as `name`.
pub async fn put(api: &impl FileApi, account: &str, vault: VaultRef<'_>, name: &str, source: Source, progress: Progress) -> Result<FileEntry> {
    crate::policy::check_file_name(name)?;
    let nf = NewFile::new(account, vault.id, &vault.keys.access, name);
    let (size, sha) = nf.measure(&source)?;
    let announce = AnnounceRequest {
        file_id: nf.id.clone(),
        encrypted_name: hex::encode(&nf.encrypted_name),
        wrapped_key: hex::encode(&nf.wrapped_key),
        size,
        sha256: hex::encode(sha),
        key_version: vault.keys.version,
    };
    let ticket = api.announce(vault.id, &announce).await?;
    let record = api.http().put_blob(&ticket, nf.encrypting(source.open()?), size, progress).await?;
    Ok(FileEntry::of(record, name.to_string()))
}

/// The files of a vault, each name decrypted here on its own: a file that does not
/// decrypt is marked damaged and never hides the others.
pub async fn list(api: &impl FileApi, account: &str, vault: VaultRef<'_>) -> Result<Vec<FileEntry>> {
    vault.readable()?;
    Ok(api
        .files(vault.id)
        .await?
        .into_iter()
        .map(|f| match vault.key_of(&f).and_then(|key| OpenedFile::open(account, key, &f)) {
            Ok(opened) => FileEntry::of(f, opened.name),
            Err(_) => FileEntry { damaged: Some("its key or name does not decrypt".into()), ..FileEntry::of(f, String::new()) },
        })
        .collect())
}

/// A file id (damaged or not: deleting one needs no decryption), or the id of the newest
/// intact file with that name.
pub async fn resolve(api: &impl FileApi, account: &str, vault: VaultRef<'_>, file: &str) -> Result<FileEntry> {
    let files = list(api, account, vault).await?;
    if let Some(f) = files.iter().find(|f| f.id == file) {
        return Ok(f.clone());
    }
    files
        .into_iter()
        .rev()
        .find(|f| f.damaged.is_none() && f.name == file)
        .ok_or_else(|| Error::failure(format!("no file `{}` in this vault", crate::render::sanitize(file))).hint("list the vault's files with `ls`"))
}

/// Downloads and decrypts a file (by id or name) into `sink`. A tampered or truncated
/// blob is an integrity error, and nothing is kept.
/// A file id is used as it is (one request for the download ticket); a name is looked up
/// first. Files over `max_size` encrypted bytes are refused before their content is fetched.
pub async fn get(
    api: &impl FileApi,
    account: &str,
    vault: VaultRef<'_>,
    file: &str,
    max_size: Option<u64>,
    mut sink: Sink,
) -> Result<(FileEntry, Option<Vec<u8>>)> {
    vault.readable()?;
    let by_id = if crate::token::is_id(file) {
        match api.ticket(vault.id, file).await {
            Ok(t) => Some(t),
            // Not a file id after all: perhaps a name that looks like one.
            Err(e) if e.kind() == crate::error::Kind::NotFound => None,
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    let ticket = match by_id {
        Some(t) => t,
        None => api.ticket(vault.id, &resolve(api, account, vault, file).await?.id).await?,
    };
    if let Some(max) = max_size.filter(|m| ticket.file.size > *m) {
        return Err(Error::usage(format!("the file is {} encrypted bytes, more than {max} can be returned inline", ticket.file.size))
            .hint("pass save_to to write it to a local file"));
    }
    let opened = OpenedFile::open(account, vault.key_of(&ticket.file)?, &ticket.file)?;
    let mut dec = opened.decryptor();
    let mut plain = Vec::new();
    let mut received = 0u64;
    let result = async {
        api.http()
            .get_blob(&ticket, |chunk| {
                received += chunk.len() as u64;
                plain.clear();
                dec.update(chunk, &mut plain)?;
                sink.write(&plain)
            })
            .await?;
        plain.clear();
        dec.finish(&mut plain)?;
        if received != ticket.file.size {
            return Err(Error::integrity(format!("the stored blob has {received} bytes, its record says {}", ticket.file.size))
                .hint("the stored file was altered or damaged; nothing was written"));
        }
        sink.write(&plain)
    }
    .await;
    if let Err(e) = result {
        sink.discard();
        return Err(e);
    }
    let data = sink.commit()?;
    Ok((FileEntry::of(ticket.file, opened.name), data))
}

pub async fn delete(api: &impl FileApi, account: &str, vault: VaultRef<'_>, file: &str) -> Result<String> {
    let id = resolve(api, account, vault, file).await?.id;
    api.remove(vault.id, &id).await?;
    Ok(id)
}

/// The owner's file calls, authorized by an owner session.
pub struct OwnerFiles {
    http: Http,
    session: crate::backend::Session,
}

impl OwnerFiles {
    pub fn new(server: &str, session: crate::backend::Session) -> Result<Self> {
        Ok(OwnerFiles { http: Http::new(server)?, session })
    }

    async fn call<T: serde::de::DeserializeOwned>(&self, method: reqwest::Method, path: &str, body: Option<&AnnounceRequest>) -> Result<T> {
        let build = || {
            let req = self.http.client.request(method.clone(), self.http.url(path)).bearer_auth(self.session.token.as_str());
            match body {
                Some(b) => req.json(b),
                None => req,
            }
        };
        let answer = self.http.send(build, |status, _, body| crate::http::api_error(status, body)).await?;
        crate::http::parse(&answer.body)
    }
}

impl OwnerFiles {
    /// Deletes a vault with its files and every key's grant of it.
    pub async fn delete_vault(&self, vault_id: &str) -> Result<crate::server::VaultDeleted> {
        self.call(reqwest::Method::DELETE, &format!("/v1/owner/vaults/{vault_id}"), None).await
    }
}

impl FileApi for OwnerFiles {
    fn http(&self) -> &Http {
        &self.http
    }

    async fn announce(&self, vault_id: &str, req: &AnnounceRequest) -> Result<Ticket> {
        self.call(reqwest::Method::POST, &format!("/v1/owner/vaults/{vault_id}/files"), Some(req)).await
    }

    async fn files(&self, vault_id: &str) -> Result<Vec<FileRecord>> {
        let resp: crate::server::api::FilesResponse = self.call(reqwest::Method::GET, &format!("/v1/owner/vaults/{vault_id}/files"), None).await?;
        Ok(resp.files)
    }

    async fn ticket(&self, vault_id: &str, file_id: &str) -> Result<Ticket> {
        self.call(reqwest::Method::GET, &format!("/v1/owner/vaults/{vault_id}/files/{file_id}"), None).await
    }

    async fn remove(&self, vault_id: &str, file_id: &str) -> Result<FileRecord> {
        self.call(reqwest::Method::DELETE, &format!("/v1/owner/vaults/{vault_id}/files/{file_id}"), None).await
    }
}
