//! The blob store (a directory by default) and its short-lived signed URLs.
//!
//! Blobs are encrypted files named by their id. An upload streams into
//! `.incoming/` and is renamed into place only once its size and SHA-256 match what was
//! announced, so a broken or dishonest upload never leaves a visible half-written blob.
//! URLs are signed with HMAC-SHA256 under a secret of the backend:
//! `sig = HMAC(secret, "keysmith-blob-v1\n<METHOD>\n<file id>\n<expires>")`.

use crate::crypto::{self, SecretKey};
use crate::error::{Error, Result};
use crate::store::FileRecord;
use hmac::{KeyInit, Mac};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// How long a signed blob URL stays valid.
pub const URL_TTL_SECS: i64 = 15 * 60;

pub struct Blobs {
    root: PathBuf,
}

impl Blobs {
    /// The blob directory under a data directory, created private (0700).
    pub fn open(data_dir: &Path) -> Result<Self> {
        let root = data_dir.join("blobs");
        std::fs::create_dir_all(root.join(".incoming"))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(Blobs { root })
    }

    pub fn path(&self, id: &str) -> Result<PathBuf> {
        if !crate::token::is_id(id) {
            return Err(Error::usage("a file id is 16 lowercase hex characters"));
        }
        Ok(self.root.join(id))
    }

    pub fn remove(&self, id: &str) -> Result<()> {
        match std::fs::remove_file(self.path(id)?) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// Starts receiving the blob of an announced file.
    pub fn receive(&self, file: &FileRecord) -> Result<Receiver> {
        let final_path = self.path(&file.id)?;
        let tmp = self.root.join(".incoming").join(format!("{}.{}", file.id, hex::encode(crypto::random_array::<6>())));
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let out = opts.open(&tmp)?;
        Ok(Receiver { out: Some(out), tmp, final_path, expected_size: file.size, expected_sha: file.sha256.clone(), hasher: Sha256::new(), received: 0 })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiveError {
    /// More bytes arrived than were announced.
    TooLarge,
    /// The upload ended with another size or content than announced.
    Mismatch(String),
    Io(String),
}

impl ReceiveError {
    pub fn message(&self) -> String {
        match self {
            ReceiveError::TooLarge => "the upload is larger than announced".into(),
            ReceiveError::Mismatch(m) => m.clone(),
            ReceiveError::Io(e) => format!("the blob store failed: {e}"),
        }
    }
}

/// An upload in progress. Dropped without [`Receiver::finish`], it leaves nothing behind.
pub struct Receiver {
    out: Option<std::fs::File>,
    tmp: PathBuf,
    final_path: PathBuf,
    expected_size: u64,
    expected_sha: Vec<u8>,
    hasher: Sha256,
    received: u64,
}

impl Receiver {
    pub fn write(&mut self, data: &[u8]) -> Result<(), ReceiveError> {
        self.received += data.len() as u64;
        if self.received > self.expected_size {
            return Err(ReceiveError::TooLarge);
        }
        self.hasher.update(data);
        self.out.as_mut().expect("open until finish").write_all(data).map_err(|e| ReceiveError::Io(e.to_string()))
    }

    /// Checks size and hash, makes the blob durable and visible.
    pub fn finish(mut self) -> Result<(), ReceiveError> {
        if self.received != self.expected_size {
            return Err(ReceiveError::Mismatch(format!("the upload ended after {} of {} announced bytes", self.received, self.expected_size)));
        }
        let digest: [u8; 32] = std::mem::take(&mut self.hasher).finalize().into();
        if !crypto::ct_eq(&digest, &self.expected_sha) {
            return Err(ReceiveError::Mismatch("the upload does not match the announced SHA-256".into()));
        }
        let out = self.out.take().expect("open until finish");
        out.sync_all().map_err(|e| ReceiveError::Io(e.to_string()))?;
        drop(out);
        std::fs::rename(&self.tmp, &self.final_path).map_err(|e| ReceiveError::Io(e.to_string()))
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.tmp);
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

    fn record(id: &str, data: &[u8]) -> FileRecord {
        FileRecord {
            id: id.into(),
            vault_id: "v".into(),
            encrypted_name: vec![],
            wrapped_key: vec![],
            size: data.len() as u64,
            sha256: crypto::sha256(&[data]).to_vec(),
            state: "pending".into(),
            created_by: "k".into(),
            created_at: 0,
        }
    }

    #[test]
    fn uploads_land_only_when_they_match() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = Blobs::open(dir.path()).unwrap();
        let id = "00112233445566aa";
        let f = record(id, b"hello world");
        // Too large, short, wrong content: nothing visible, nothing left behind.
        let mut r = blobs.receive(&f).unwrap();
        assert_eq!(r.write(b"hello world!"), Err(ReceiveError::TooLarge));
        drop(r);
        let mut r = blobs.receive(&f).unwrap();
        r.write(b"hello").unwrap();
        assert!(matches!(r.finish(), Err(ReceiveError::Mismatch(_))));
        let mut r = blobs.receive(&f).unwrap();
        r.write(b"hello_world").unwrap();
        assert!(matches!(r.finish(), Err(ReceiveError::Mismatch(_))));
        assert!(!blobs.path(id).unwrap().exists());
        assert_eq!(std::fs::read_dir(dir.path().join("blobs/.incoming")).unwrap().count(), 0);
        let mut r = blobs.receive(&f).unwrap();
        r.write(b"hello ").unwrap();
        r.write(b"world").unwrap();
        r.finish().unwrap();
        assert_eq!(std::fs::read(blobs.path(id).unwrap()).unwrap(), b"hello world");
        assert!(blobs.path("../etc/passwd").is_err());
    }

    #[test]
    fn signed_urls_bind_method_file_and_expiry() {
        let secret = SecretKey::random();
        let path = signed_path(&secret, "PUT", "00112233445566aa", 1000);
        let sig = path.rsplit("sig=").next().unwrap();
        assert_eq!(check_signed(&secret, "PUT", "00112233445566aa", 1000, sig, 999), Ok(()));
        assert!(check_signed(&secret, "GET", "00112233445566aa", 1000, sig, 999).is_err());
        assert!(check_signed(&secret, "PUT", "00112233445566ab", 1000, sig, 999).is_err());
        assert!(check_signed(&secret, "PUT", "00112233445566aa", 1001, sig, 999).is_err());
        assert_eq!(check_signed(&secret, "PUT", "00112233445566aa", 1000, sig, 1001), Err("the blob URL has expired"));
        assert!(check_signed(&SecretKey::random(), "PUT", "00112233445566aa", 1000, sig, 999).is_err());
    }
}
