//! Blobs in a directory of the server, named by file id. An upload streams into
//! `.incoming/` and is renamed into place only once its size and SHA-256 match what was
//! announced, so a broken or dishonest upload never leaves a visible half-written blob;
//! what a killed upload leaves in `.incoming/` is swept once its URL has expired.

use super::{Mismatch, URL_TTL_SECS, check_blob};
use crate::crypto;
use crate::error::{Error, Result};
use crate::store::FileRecord;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Largest encrypted file the directory store takes.
pub const MAX_FILE_SIZE: u64 = 64 << 30;

pub struct Local {
    root: PathBuf,
}

impl Local {
    /// The blob directory under a data directory, created private (0700).
    pub fn open(data_dir: &Path) -> Result<Self> {
        let root = data_dir.join("blobs");
        std::fs::create_dir_all(root.join(".incoming"))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o700))?;
        }
        let local = Local { root };
        local.sweep_incoming(std::time::Duration::from_secs(URL_TTL_SECS as u64 + 60));
        Ok(local)
    }

    /// Removes partial uploads older than `age`: their URLs have expired, so no upload of
    /// this or another instance sharing the directory can still be writing them.
    fn sweep_incoming(&self, age: std::time::Duration) {
        let Ok(entries) = std::fs::read_dir(self.root.join(".incoming")) else { return };
        for e in entries.flatten() {
            let stale = e.metadata().and_then(|m| m.modified()).is_ok_and(|t| t.elapsed().is_ok_and(|a| a > age));
            if stale {
                let _ = std::fs::remove_file(e.path());
            }
        }
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
        Ok(Receiver { out: Some(out), tmp, final_path, file: file.clone(), hasher: Sha256::new(), received: 0 })
    }

    /// Reads a stored blob back and checks it against its record (an upload whose blob
    /// landed but whose server died before recording it is completed this way).
    pub async fn verify(&self, file: &FileRecord) -> Result<(), Mismatch> {
        let path = self.path(&file.id).map_err(|e| Mismatch::Io(e.message().to_string()))?;
        let file = file.clone();
        let hashed = tokio::task::spawn_blocking(move || -> std::io::Result<(u64, [u8; 32])> {
            let mut f = std::fs::File::open(path)?;
            let (mut h, mut n, mut buf) = (Sha256::new(), 0u64, vec![0u8; 256 * 1024]);
            loop {
                let k = f.read(&mut buf)?;
                if k == 0 {
                    return Ok((n, h.finalize().into()));
                }
                h.update(&buf[..k]);
                n += k as u64;
            }
        })
        .await
        .map_err(|e| Mismatch::Io(e.to_string()))?;
        match hashed {
            Ok((size, sha)) => check_blob(&file, size, &sha),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Mismatch::Missing),
            Err(e) => Err(Mismatch::Io(e.to_string())),
        }
    }
}

/// An upload in progress. Dropped without [`Receiver::finish`], it leaves nothing behind.
pub struct Receiver {
    out: Option<std::fs::File>,
    tmp: PathBuf,
    final_path: PathBuf,
    file: FileRecord,
    hasher: Sha256,
    received: u64,
}

impl Receiver {
    pub fn write(&mut self, data: &[u8]) -> Result<(), Mismatch> {
        self.received += data.len() as u64;
        if self.received > self.file.size {
            return Err(Mismatch::TooLarge);
        }
        self.hasher.update(data);
        self.out.as_mut().expect("open until finish").write_all(data).map_err(|e| Mismatch::Io(e.to_string()))
    }

    /// Checks size and hash, makes the blob durable and visible.
    pub fn finish(mut self) -> Result<(), Mismatch> {
        let digest: [u8; 32] = std::mem::take(&mut self.hasher).finalize().into();
        check_blob(&self.file, self.received, &digest)?;
        let out = self.out.take().expect("open until finish");
        out.sync_all().map_err(|e| Mismatch::Io(e.to_string()))?;
        drop(out);
        std::fs::rename(&self.tmp, &self.final_path).map_err(|e| Mismatch::Io(e.to_string()))
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
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
            key_version: 1,
        }
    }

    #[test]
    fn uploads_land_only_when_they_match() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = Local::open(dir.path()).unwrap();
        let id = "00112233445566aa";
        let f = record(id, b"hello world");
        // Too large, short, wrong content: nothing visible, nothing left behind.
        let mut r = blobs.receive(&f).unwrap();
        assert_eq!(r.write(b"hello world!"), Err(Mismatch::TooLarge));
        drop(r);
        let mut r = blobs.receive(&f).unwrap();
        r.write(b"hello").unwrap();
        assert!(matches!(r.finish(), Err(Mismatch::Differs(_))));
        let mut r = blobs.receive(&f).unwrap();
        r.write(b"hello_world").unwrap();
        assert!(matches!(r.finish(), Err(Mismatch::Differs(_))));
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
    fn a_landed_blob_verifies_and_killed_uploads_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = Local::open(dir.path()).unwrap();
        let f = record("00112233445566bb", b"landed");
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        assert_eq!(rt.block_on(blobs.verify(&f)), Err(Mismatch::Missing));
        std::fs::write(blobs.path(&f.id).unwrap(), b"landeD").unwrap();
        assert!(matches!(rt.block_on(blobs.verify(&f)), Err(Mismatch::Differs(_))));
        std::fs::write(blobs.path(&f.id).unwrap(), b"landed").unwrap();
        assert_eq!(rt.block_on(blobs.verify(&f)), Ok(()));

        // What a killed upload left: swept once older than a URL's lifetime, not before.
        let incoming = dir.path().join("blobs/.incoming");
        let (old, fresh) = (incoming.join("00112233445566bb.aaaaaaaaaaaa"), incoming.join("00112233445566bb.bbbbbbbbbbbb"));
        for p in [&old, &fresh] {
            std::fs::write(p, b"half").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(URL_TTL_SECS as u64 + 120);
        std::fs::File::options().write(true).open(&old).unwrap().set_modified(long_ago).unwrap();
        Local::open(dir.path()).unwrap();
        assert!(!old.exists() && fresh.exists());
    }
}
