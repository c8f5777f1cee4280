//! One encrypted file: a random file key wrapped under its vault key, the name
//! encrypted under the file key, and the content in the STREAM format ([`crate::stream`]).
//! Every piece binds (account, vault, file) as associated data.

use crate::crypto::{self, SecretKey, VaultAccess, aad};
use crate::error::{Error, Result};
use crate::store::FileRecord;
use crate::stream::{self, Decryptor, Encryptor};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::PathBuf;

/// Where plaintext comes from. Read twice on upload: once to hash the ciphertext, once
/// to send it, so memory stays flat and nothing is staged on disk.
#[derive(Debug, Clone)]
pub enum Source {
    /// In memory (shared, not copied, between the two passes).
    Bytes(std::sync::Arc<[u8]>),
    Path(PathBuf),
}

impl Source {
    pub fn open(&self) -> Result<Box<dyn Read + Send>> {
        Ok(match self {
            Source::Bytes(b) => Box::new(std::io::Cursor::new(std::sync::Arc::clone(b))),
            Source::Path(p) => Box::new(std::fs::File::open(p).map_err(|e| Error::usage(format!("cannot read {}: {e}", p.display())))?),
        })
    }

    pub fn len(&self) -> Result<u64> {
        Ok(match self {
            Source::Bytes(b) => b.len() as u64,
            Source::Path(p) => std::fs::metadata(p).map_err(|e| Error::usage(format!("cannot read {}: {e}", p.display())))?.len(),
        })
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }
}

/// A new file for a vault: its id, key, nonce prefix and the encrypted metadata.
pub struct NewFile {
    pub id: String,
    pub key: SecretKey,
    pub prefix: [u8; 7],
    pub encrypted_name: Vec<u8>,
    pub wrapped_key: Vec<u8>,
    account: String,
    vault: String,
}

impl NewFile {
    /// A file for `vault`, its key wrapped under the vault key, or sealed to the vault's
    /// public key when `access` is write-only.
    pub fn new(account: &str, vault: &str, access: &VaultAccess, name: &str) -> Self {
        let id = crate::token::new_id();
        let key = SecretKey::random();
        NewFile {
            encrypted_name: crypto::wrap(&key, name.as_bytes(), &aad::file_name(account, vault, &id)),
            wrapped_key: access.wrap_file_key(&key, &aad::file_key(account, vault, &id)),
            prefix: stream::new_prefix(),
            account: account.to_string(),
            vault: vault.to_string(),
            key,
            id,
        }
    }

    /// The ciphertext of `plaintext`, in pieces (the same bytes every time it is made).
    pub fn encrypting(&self, plaintext: Box<dyn Read + Send>) -> EncryptedChunks {
        EncryptedChunks {
            inner: plaintext,
            enc: Some(Encryptor::new(&self.key, &aad::file_content(&self.account, &self.vault, &self.id), self.prefix)),
            inbuf: vec![0u8; READ_SIZE],
        }
    }

    /// First pass: the size and SHA-256 of the ciphertext of `source`.
    pub fn measure(&self, source: &Source) -> Result<(u64, [u8; 32])> {
        let mut h = Sha256::new();
        let mut n = 0u64;
        for piece in self.encrypting(source.open()?) {
            let piece = piece?;
            h.update(&piece);
            n += piece.len() as u64;
        }
        Ok((n, h.finalize().into()))
    }
}

/// How much plaintext one piece of [`EncryptedChunks`] reads: four STREAM chunks.
const READ_SIZE: usize = 4 * stream::CHUNK;

/// Encrypts as it reads, in pieces of up to [`READ_SIZE`] plaintext bytes that are handed
/// over whole (to an HTTP body, to a hash) instead of being copied into a caller's buffer.
pub struct EncryptedChunks {
    inner: Box<dyn Read + Send>,
    enc: Option<Encryptor>,
    inbuf: Vec<u8>,
}

impl EncryptedChunks {
    fn fill(&mut self, out: &mut Vec<u8>) -> std::io::Result<()> {
        let err = |e: stream::StreamError| std::io::Error::other(e.to_string());
        while out.is_empty() {
            let Some(enc) = self.enc.as_mut() else { return Ok(()) };
            let n = self.inner.read(&mut self.inbuf)?;
            if n == 0 {
                self.enc.take().expect("present").finish(out).map_err(err)?;
            } else {
                enc.update(&self.inbuf[..n], out).map_err(err)?;
            }
        }
        Ok(())
    }
}

impl Iterator for EncryptedChunks {
    type Item = std::io::Result<Vec<u8>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.enc.as_ref()?;
        let mut out = Vec::with_capacity(READ_SIZE + 4 * stream::TAG + stream::HEADER_LEN);
        // Until the end, each piece holds at least one sealed chunk; the end is never empty.
        if let Err(e) = self.fill(&mut out) {
            self.enc = None;
            return Some(Err(e));
        }
        Some(Ok(out))
    }
}

/// An existing file opened with its vault key: the file key and the decrypted name.
pub struct OpenedFile {
    pub key: SecretKey,
    pub name: String,
    content_aad: String,
}

impl OpenedFile {
    pub fn open(account: &str, vault_key: &SecretKey, f: &FileRecord) -> Result<Self> {
        let damaged = || Error::integrity(format!("the key or name of file {} does not decrypt", f.id)).hint("the stored metadata was altered or damaged");
        let key = crypto::grant::open_file_key(vault_key, &f.wrapped_key, &aad::file_key(account, &f.vault_id, &f.id)).map_err(|_| damaged())?;
        let name = crypto::unwrap(&key, &f.encrypted_name, &aad::file_name(account, &f.vault_id, &f.id)).map_err(|_| damaged())?;
        Ok(OpenedFile { key, name: String::from_utf8_lossy(&name).into_owned(), content_aad: aad::file_content(account, &f.vault_id, &f.id) })
    }

    pub fn decryptor(&self) -> Decryptor {
        Decryptor::new(&self.key, &self.content_aad)
    }
}

/// Where downloaded plaintext goes: memory, or a file that appears only when complete.
pub enum Sink {
    Memory(Vec<u8>),
    File { target: PathBuf, tmp: PathBuf, out: std::fs::File },
}

impl Sink {
    /// A file sink: writes to a hidden temporary file beside `target` (0600).
    pub fn file(target: PathBuf, overwrite: bool) -> Result<Sink> {
        if target.exists() && !overwrite {
            return Err(Error::usage(format!("{} already exists", target.display())).hint("choose another path, or pass --force to replace it"));
        }
        let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
        let name = target.file_name().ok_or_else(|| Error::usage(format!("{} is not a file path", target.display())))?;
        let tmp = dir.join(format!(".{}.keysmith-partial-{}", name.to_string_lossy(), hex::encode(crypto::random_array::<4>())));
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let out = opts.open(&tmp).map_err(|e| Error::failure(format!("cannot write {}: {e}", tmp.display())))?;
        Ok(Sink::File { target, tmp, out })
    }

    pub fn write(&mut self, data: &[u8]) -> Result<()> {
        use std::io::Write;
        match self {
            Sink::Memory(v) => v.extend_from_slice(data),
            Sink::File { out, .. } => out.write_all(data)?,
        }
        Ok(())
    }

    /// Makes the result visible (renames the temporary file into place).
    pub fn commit(self) -> Result<Option<Vec<u8>>> {
        match self {
            Sink::Memory(v) => Ok(Some(v)),
            Sink::File { target, tmp, out } => {
                out.sync_all()?;
                drop(out);
                std::fs::rename(&tmp, &target)?;
                Ok(None)
            }
        }
    }

    /// Discards a failed download: nothing half-written stays visible.
    pub fn discard(self) {
        if let Sink::File { tmp, out, .. } = self {
            drop(out);
            let _ = std::fs::remove_file(tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_round_trips_and_binds_its_context() {
        let vk = SecretKey::random();
        let nf = NewFile::new("acct", "vault", &VaultAccess::Key(vk.clone()), "report.pdf");
        let data = vec![42u8; stream::CHUNK * 2 + 3];
        let (size, sha) = nf.measure(&Source::Bytes(data.clone().into())).unwrap();
        let ct: Vec<u8> = nf.encrypting(Source::Bytes(data.clone().into()).open().unwrap()).flat_map(Result::unwrap).collect();
        assert_eq!(ct.len() as u64, size);
        assert_eq!(crypto::sha256(&[&ct]), sha, "both passes produce the same ciphertext");
        let rec = FileRecord {
            id: nf.id.clone(),
            vault_id: "vault".into(),
            encrypted_name: nf.encrypted_name.clone(),
            wrapped_key: nf.wrapped_key.clone(),
            size,
            sha256: sha.to_vec(),
            state: "complete".into(),
            created_by: "k".into(),
            created_at: 0,
            key_version: 1,
        };
        let opened = OpenedFile::open("acct", &vk, &rec).unwrap();
        assert_eq!(opened.name, "report.pdf");
        let mut dec = opened.decryptor();
        let mut out = Vec::new();
        dec.update(&ct, &mut out).unwrap();
        dec.finish(&mut out).unwrap();
        assert_eq!(out, data);
        // Moved to another vault: the key no longer unwraps.
        assert!(OpenedFile::open("acct", &vk, &FileRecord { vault_id: "other".into(), ..rec.clone() }).is_err());
        assert!(OpenedFile::open("acct", &SecretKey::random(), &rec).is_err());
    }

    #[test]
    fn a_failed_download_leaves_nothing_visible() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.bin");
        let mut sink = Sink::file(target.clone(), false).unwrap();
        sink.write(b"partial").unwrap();
        sink.discard();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        let mut sink = Sink::file(target.clone(), false).unwrap();
        sink.write(b"whole").unwrap();
        sink.commit().unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"whole");
        assert!(Sink::file(target, false).is_err(), "no overwrite without asking");
    }
}
