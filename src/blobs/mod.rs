//! Where encrypted file contents live: a directory of the server ([`local`], the default)
//! or an S3-compatible bucket ([`s3`]). Either way a client moves a blob with a
//! short-lived URL from an upload or download ticket, and an upload becomes visible only
//! after the server checked that the stored blob has the announced size and SHA-256.
//!
//! Server-signed URLs (the local store's blob routes, and the completion URL of every
//! upload) carry `sig = HMAC-SHA256(secret, "keysmith-blob-v1\n<METHOD>\n<file id>\n<expires>")`.

pub mod local;
pub mod s3;

use crate::crypto::{self, SecretKey};
use crate::error::Result;
use crate::store::FileRecord;
use hmac::{KeyInit, Mac};
use sha2::Sha256;
use std::collections::BTreeMap;

/// How long a blob URL stays valid.
pub const URL_TTL_SECS: i64 = 15 * 60;

/// One blob store for the server's lifetime.
pub enum Blobs {
    Local(local::Local),
    S3(s3::S3),
}

/// Where and how a client sends or fetches one blob: a URL (a path on this server, or an
/// absolute presigned URL of the object store) and the headers the request must carry.
#[derive(Debug, Clone, Default)]
pub struct Transfer {
    pub url: String,
    pub headers: BTreeMap<String, String>,
}

/// Why a blob does not (yet) match its file record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// More bytes arrived than were announced.
    TooLarge,
    /// Nothing has been stored for the file.
    Missing,
    /// The stored blob has another size or content than announced.
    Differs(String),
    /// The blob store failed.
    Io(String),
}

impl Mismatch {
    pub fn message(&self) -> String {
        match self {
            Mismatch::TooLarge => "the upload is larger than announced".into(),
            Mismatch::Missing => "nothing has been uploaded for this file yet".into(),
            Mismatch::Differs(m) => m.clone(),
            Mismatch::Io(e) => format!("the blob store failed: {e}"),
        }
    }
}

/// The size and SHA-256 check every upload passes before it becomes visible.
pub fn check_blob(file: &FileRecord, size: u64, sha256: &[u8]) -> Result<(), Mismatch> {
    if size != file.size {
        return Err(Mismatch::Differs(format!("the upload has {size} bytes, {} were announced", file.size)));
    }
    if !crypto::ct_eq(sha256, &file.sha256) {
        return Err(Mismatch::Differs("the upload does not match the announced SHA-256".into()));
    }
    Ok(())
}

impl Blobs {
    /// The largest encrypted file this store takes in one upload.
    pub fn max_file_size(&self) -> u64 {
        match self {
            Blobs::Local(_) => local::MAX_FILE_SIZE,
            Blobs::S3(_) => s3::MAX_FILE_SIZE,
        }
    }

    /// Fails unless the store can be used (a bucket: listed with these credentials).
    pub async fn ready(&self) -> Result<()> {
        match self {
            Blobs::Local(_) => Ok(()),
            Blobs::S3(s) => s.ready().await,
        }
    }

    /// Where the client sends the blob of an announced file.
    pub async fn upload(&self, secret: &SecretKey, file: &FileRecord, expires: i64) -> Result<Transfer> {
        match self {
            Blobs::Local(_) => Ok(Transfer { url: signed_path(secret, "PUT", &file.id, expires), headers: BTreeMap::new() }),
            Blobs::S3(s) => s.upload(file, expires).await,
        }
    }

    /// Where the client fetches the blob of a complete file.
    pub async fn download(&self, secret: &SecretKey, file: &FileRecord, expires: i64) -> Result<Transfer> {
        match self {
            Blobs::Local(_) => Ok(Transfer { url: signed_path(secret, "GET", &file.id, expires), headers: BTreeMap::new() }),
            Blobs::S3(s) => s.download(file, expires).await,
        }
    }

    /// Whether the stored blob has the file's announced size and SHA-256.
    pub async fn verify(&self, file: &FileRecord) -> Result<(), Mismatch> {
        match self {
            Blobs::Local(l) => l.verify(file).await,
            Blobs::S3(s) => s.verify(file).await,
        }
    }

    /// Removes a blob; one that is not there is not an error.
    pub async fn remove(&self, id: &str) -> Result<()> {
        match self {
            Blobs::Local(l) => l.remove(id),
            Blobs::S3(s) => s.remove(id).await,
        }
    }

    /// The directory store, whose blobs this server receives and sends itself.
    pub fn local(&self) -> Option<&local::Local> {
        match self {
            Blobs::Local(l) => Some(l),
            Blobs::S3(_) => None,
        }
    }
}

fn mac(secret: &SecretKey, method: &str, file_id: &str, expires: i64) -> [u8; 32] {
    let mut m = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(secret.expose()).expect("any key length");
    m.update(format!("keysmith-blob-v1\n{method}\n{file_id}\n{expires}").as_bytes());
    m.finalize().into_bytes().into()
}

/// A signed path for one method on one blob, valid until `expires`.
pub fn signed_path(secret: &SecretKey, method: &str, file_id: &str, expires: i64) -> String {
    format!("/v1/blobs/{file_id}?exp={expires}&sig={}", hex::encode(mac(secret, method, file_id, expires)))
}

/// Checks a signed URL's signature and expiry.
pub fn check_signed(secret: &SecretKey, method: &str, file_id: &str, expires: i64, sig: &str, now: i64) -> Result<(), &'static str> {
    let Ok(sig) = hex::decode(sig) else { return Err("malformed blob URL signature") };
    if !crypto::ct_eq(&sig, &mac(secret, method, file_id, expires)) {
        return Err("invalid blob URL signature");
    }
    if now > expires {
        return Err("the blob URL has expired");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_urls_bind_method_file_and_expiry() {
        let secret = SecretKey::random();
        let path = signed_path(&secret, "PUT", "00112233445566aa", 1000);
        let sig = path.rsplit("sig=").next().unwrap();
        assert_eq!(check_signed(&secret, "PUT", "00112233445566aa", 1000, sig, 999), Ok(()));
        assert!(check_signed(&secret, "GET", "00112233445566aa", 1000, sig, 999).is_err());
        assert!(check_signed(&secret, "POST", "00112233445566aa", 1000, sig, 999).is_err());
        assert!(check_signed(&secret, "PUT", "00112233445566ab", 1000, sig, 999).is_err());
        assert!(check_signed(&secret, "PUT", "00112233445566aa", 1001, sig, 999).is_err());
        assert_eq!(check_signed(&secret, "PUT", "00112233445566aa", 1000, sig, 1001), Err("the blob URL has expired"));
        assert!(check_signed(&SecretKey::random(), "PUT", "00112233445566aa", 1000, sig, 999).is_err());
    }
}
