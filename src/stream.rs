//! File content encryption: the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár,
//! "Online Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", 2015) over
//! AES-256-GCM (ring), in 64 KiB chunks, so memory stays flat for any file size and a
//! truncated, extended, reordered or swapped chunk fails authentication.
//!
//! ```text
//! header = "KSF1" || chunk_size (u32 BE) || nonce_prefix (7 random bytes)
//! chunk i: AES-256-GCM(file_key, nonce = nonce_prefix || i (u32 BE) || last (0x00|0x01), aad, plaintext_i)
//! ```
//!
//! Every chunk but the last holds exactly `chunk_size` plaintext bytes; the last holds
//! 1..=chunk_size and has the last flag set (an empty file is one empty last chunk).

use crate::crypto::{self, SecretKey};
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use std::io::{Read, Write};

pub const MAGIC: &[u8; 4] = b"KSF1";
pub const CHUNK: usize = 64 * 1024;
pub const TAG: usize = 16;
pub const HEADER_LEN: usize = 4 + 4 + 7;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamError {
    /// The data is not a keysmith encrypted file (bad magic or header).
    Format,
    /// A chunk failed authentication: tampered, truncated, reordered or the wrong key.
    Tampered {
        chunk: u64,
    },
    /// The data ended before its last chunk.
    Truncated,
    Io(String),
}

impl std::fmt::Display for StreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StreamError::Format => f.write_str("not a keysmith encrypted file"),
            StreamError::Tampered { chunk } => write!(f, "the encrypted file was tampered with (chunk {chunk} does not authenticate)"),
            StreamError::Truncated => f.write_str("the encrypted file is truncated"),
            StreamError::Io(e) => write!(f, "I/O error: {e}"),
        }
    }
}

impl From<std::io::Error> for StreamError {
    fn from(e: std::io::Error) -> Self {
        StreamError::Io(e.to_string())
    }
}

impl From<StreamError> for crate::error::Error {
    fn from(e: StreamError) -> Self {
        match e {
            StreamError::Io(m) => crate::error::Error::failure(format!("I/O error: {m}")),
            other => crate::error::Error::integrity(other.to_string()).hint("the stored file was altered or damaged; nothing was written"),
        }
    }
}

/// The encrypted size of `plaintext_len` bytes.
pub fn encrypted_len(plaintext_len: u64) -> u64 {
    let chunks = plaintext_len.div_ceil(CHUNK as u64).max(1);
    HEADER_LEN as u64 + plaintext_len + chunks * TAG as u64
}

fn key(file_key: &SecretKey) -> LessSafeKey {
    LessSafeKey::new(UnboundKey::new(&AES_256_GCM, file_key.expose()).expect("32-byte key"))
}

fn nonce(prefix: &[u8; 7], counter: u64, last: bool) -> Result<Nonce, StreamError> {
    let counter: u32 = counter.try_into().map_err(|_| StreamError::Format)?;
    let mut n = [0u8; 12];
    n[..7].copy_from_slice(prefix);
    n[7..11].copy_from_slice(&counter.to_be_bytes());
    n[11] = last as u8;
    Ok(Nonce::assume_unique_for_key(n))
}

/// Incremental encryptor: feed plaintext, collect ciphertext.
pub struct Encryptor {
    key: LessSafeKey,
    prefix: [u8; 7],
    aad: Vec<u8>,
    counter: u64,
    buf: Vec<u8>,
    header_done: bool,
}

impl Encryptor {
    /// `prefix`: random per file (pass the same one to re-encrypt identically).
    pub fn new(file_key: &SecretKey, aad: &str, prefix: [u8; 7]) -> Self {
        Encryptor { key: key(file_key), prefix, aad: aad.as_bytes().to_vec(), counter: 0, buf: Vec::with_capacity(CHUNK + TAG), header_done: false }
    }

    fn header(&mut self, out: &mut Vec<u8>) {
        if !self.header_done {
            out.extend_from_slice(MAGIC);
            out.extend_from_slice(&(CHUNK as u32).to_be_bytes());
            out.extend_from_slice(&self.prefix);
            self.header_done = true;
        }
    }

    /// Appends `plaintext` to `out` and seals it there, in place.
    fn seal_into(&mut self, plaintext: &[u8], last: bool, out: &mut Vec<u8>) -> Result<(), StreamError> {
        let n = nonce(&self.prefix, self.counter, last)?;
        let start = out.len();
        out.extend_from_slice(plaintext);
        let tag = self.key.seal_in_place_separate_tag(n, Aad::from(&self.aad), &mut out[start..]).map_err(|_| StreamError::Format)?;
        out.extend_from_slice(tag.as_ref());
        self.counter += 1;
        Ok(())
    }

    fn seal(&mut self, last: bool, out: &mut Vec<u8>) -> Result<(), StreamError> {
        let pending = std::mem::take(&mut self.buf);
        self.seal_into(&pending, last, out)?;
        self.buf = pending;
        self.buf.clear();
        Ok(())
    }

    /// Encrypts what fills whole chunks; keeps the rest (a full chunk is held back until
    /// more data shows it is not the last).
    pub fn update(&mut self, mut data: &[u8], out: &mut Vec<u8>) -> Result<(), StreamError> {
        self.header(out);
        while !data.is_empty() {
            if self.buf.len() == CHUNK {
                self.seal(false, out)?;
            }
            if self.buf.is_empty() && data.len() > CHUNK {
                // A whole chunk with more data after it is not the last: seal it
                // straight into `out`, with no stop in the pending buffer.
                self.seal_into(&data[..CHUNK], false, out)?;
                data = &data[CHUNK..];
                continue;
            }
            let take = (CHUNK - self.buf.len()).min(data.len());
            self.buf.extend_from_slice(&data[..take]);
            data = &data[take..];
        }
        Ok(())
    }

    pub fn finish(mut self, out: &mut Vec<u8>) -> Result<(), StreamError> {
        self.header(out);
        self.seal(true, out)
    }
}

/// Incremental decryptor: feed ciphertext, collect authenticated plaintext.
pub struct Decryptor {
    key: LessSafeKey,
    aad: Vec<u8>,
    prefix: Option<[u8; 7]>,
    chunk_ct: usize,
    counter: u64,
    buf: Vec<u8>,
}

impl Decryptor {
    pub fn new(file_key: &SecretKey, aad: &str) -> Self {
        Decryptor { key: key(file_key), aad: aad.as_bytes().to_vec(), prefix: None, chunk_ct: 0, counter: 0, buf: Vec::new() }
    }

    /// Opens the chunk at `buf[at..at + len]`, appending its plaintext to `out`.
    fn open(&mut self, at: usize, len: usize, last: bool, out: &mut Vec<u8>) -> Result<(), StreamError> {
        let prefix = self.prefix.expect("header parsed");
        let n = nonce(&prefix, self.counter, last)?;
        let chunk = self.counter;
        let plain = self.key.open_in_place(n, Aad::from(&self.aad), &mut self.buf[at..at + len]).map_err(|_| StreamError::Tampered { chunk })?;
        out.extend_from_slice(plain);
        self.counter += 1;
        Ok(())
    }

    pub fn update(&mut self, data: &[u8], out: &mut Vec<u8>) -> Result<(), StreamError> {
        self.buf.extend_from_slice(data);
        if self.prefix.is_none() {
            if self.buf.len() < HEADER_LEN {
                return Ok(());
            }
            if &self.buf[..4] != MAGIC {
                return Err(StreamError::Format);
            }
            // The format has one chunk size; any other is not this format.
            let chunk = u32::from_be_bytes(self.buf[4..8].try_into().expect("4 bytes")) as usize;
            if chunk != CHUNK {
                return Err(StreamError::Format);
            }
            self.chunk_ct = chunk + TAG;
            self.prefix = Some(self.buf[8..15].try_into().expect("7 bytes"));
            self.buf.drain(..HEADER_LEN);
        }
        // Only a chunk followed by more data is known not to be the last.
        let mut at = 0;
        while self.buf.len() - at > self.chunk_ct {
            self.open(at, self.chunk_ct, false, out)?;
            at += self.chunk_ct;
        }
        self.buf.drain(..at);
        Ok(())
    }

    pub fn finish(mut self, out: &mut Vec<u8>) -> Result<(), StreamError> {
        if self.prefix.is_none() {
            return Err(if self.buf.is_empty() { StreamError::Truncated } else { StreamError::Format });
        }
        if self.buf.len() < TAG {
            return Err(StreamError::Truncated);
        }
        let len = self.buf.len();
        // An empty last chunk is only how an empty file ends; after a full chunk, that
        // chunk itself must be the last.
        if len == TAG && self.counter > 0 {
            return Err(StreamError::Format);
        }
        match self.open(0, len, true, out) {
            // A full-size chunk that fails as the last one was cut after it.
            Err(StreamError::Tampered { .. }) if len == self.chunk_ct => Err(StreamError::Truncated),
            other => other,
        }
    }
}

/// An incremental transformation: [`Encryptor`] or [`Decryptor`].
pub trait Transform {
    fn update(&mut self, data: &[u8], out: &mut Vec<u8>) -> Result<(), StreamError>;
    fn finish(self, out: &mut Vec<u8>) -> Result<(), StreamError>;
}

impl Transform for Encryptor {
    fn update(&mut self, data: &[u8], out: &mut Vec<u8>) -> Result<(), StreamError> {
        Encryptor::update(self, data, out)
    }
    fn finish(self, out: &mut Vec<u8>) -> Result<(), StreamError> {
        Encryptor::finish(self, out)
    }
}

impl Transform for Decryptor {
    fn update(&mut self, data: &[u8], out: &mut Vec<u8>) -> Result<(), StreamError> {
        Decryptor::update(self, data, out)
    }
    fn finish(self, out: &mut Vec<u8>) -> Result<(), StreamError> {
        Decryptor::finish(self, out)
    }
}

/// Runs `input` through `t` into `output` a few chunks at a time; returns the bytes written.
fn pump(mut t: impl Transform, mut input: impl Read, mut output: impl Write) -> Result<u64, StreamError> {
    let mut inbuf = vec![0u8; 4 * CHUNK];
    let mut out = Vec::with_capacity(4 * (CHUNK + TAG) + 64);
    let mut total = 0u64;
    loop {
        let n = input.read(&mut inbuf)?;
        if n == 0 {
            break;
        }
        t.update(&inbuf[..n], &mut out)?;
        output.write_all(&out)?;
        total += out.len() as u64;
        out.clear();
    }
    t.finish(&mut out)?;
    output.write_all(&out)?;
    Ok(total + out.len() as u64)
}

/// Encrypts `input` to `output`, returning the encrypted length.
pub fn encrypt(file_key: &SecretKey, aad: &str, prefix: [u8; 7], input: impl Read, output: impl Write) -> Result<u64, StreamError> {
    pump(Encryptor::new(file_key, aad, prefix), input, output)
}

/// Decrypts `input` to `output`. On an error, what was written must be discarded.
pub fn decrypt(file_key: &SecretKey, aad: &str, input: impl Read, output: impl Write) -> Result<u64, StreamError> {
    pump(Decryptor::new(file_key, aad), input, output)
}

/// A fresh random nonce prefix for a file.
pub fn new_prefix() -> [u8; 7] {
    crypto::random_array()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(len: usize) {
        let key = SecretKey::random();
        let data: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
        let mut ct = Vec::new();
        let n = encrypt(&key, "ctx", new_prefix(), &data[..], &mut ct).unwrap();
        assert_eq!(n as usize, ct.len());
        assert_eq!(encrypted_len(len as u64), n, "length formula for {len}");
        let mut pt = Vec::new();
        decrypt(&key, "ctx", &ct[..], &mut pt).unwrap();
        assert_eq!(pt, data);
        // Fed one byte at a time, too.
        let mut dec = Decryptor::new(&key, "ctx");
        let mut out = Vec::new();
        for b in &ct {
            dec.update(std::slice::from_ref(b), &mut out).unwrap();
        }
        dec.finish(&mut out).unwrap();
        assert_eq!(out, data);
    }

    #[test]
    fn round_trips_at_every_boundary() {
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 17] {
            roundtrip(len);
        }
    }

    #[test]
    fn truncation_reordering_swapping_and_flips_are_detected() {
        let key = SecretKey::random();
        let data = vec![7u8; 3 * CHUNK + 100];
        let mut ct = Vec::new();
        encrypt(&key, "file-a", new_prefix(), &data[..], &mut ct).unwrap();
        let dec = |c: &[u8], aad: &str| decrypt(&key, aad, c, std::io::sink());
        let cl = CHUNK + TAG;
        // Truncated at a chunk boundary, mid-chunk, to the header, to nothing.
        assert_eq!(dec(&ct[..HEADER_LEN + 3 * cl], "file-a"), Err(StreamError::Truncated));
        assert_eq!(dec(&ct[..HEADER_LEN + cl + 10], "file-a"), Err(StreamError::Truncated));
        assert!(matches!(dec(&ct[..HEADER_LEN + cl + 100], "file-a"), Err(StreamError::Tampered { chunk: 1 })));
        assert_eq!(dec(&ct[..HEADER_LEN], "file-a"), Err(StreamError::Truncated));
        assert_eq!(dec(&[], "file-a"), Err(StreamError::Truncated));
        // Two chunks swapped.
        let mut swapped = ct.clone();
        let (a, b) = (HEADER_LEN, HEADER_LEN + cl);
        let first: Vec<u8> = swapped[a..b].to_vec();
        let second: Vec<u8> = swapped[b..b + cl].to_vec();
        swapped[a..b].copy_from_slice(&second);
        swapped[b..b + cl].copy_from_slice(&first);
        assert_eq!(dec(&swapped, "file-a"), Err(StreamError::Tampered { chunk: 0 }));
        // A chunk moved from another file (same key, other context) or another key.
        assert!(matches!(dec(&ct, "file-b"), Err(StreamError::Tampered { chunk: 0 })));
        assert!(decrypt(&SecretKey::random(), "file-a", &ct[..], std::io::sink()).is_err());
        // Extended with a copy of the last chunk.
        let mut extended = ct.clone();
        extended.extend_from_slice(&ct[ct.len() - 116..]);
        assert!(dec(&extended, "file-a").is_err());
        // Any flipped byte.
        for i in [0, 5, 9, HEADER_LEN, HEADER_LEN + cl + 3, ct.len() - 1] {
            let mut bad = ct.clone();
            bad[i] ^= 0x40;
            assert!(dec(&bad, "file-a").is_err(), "flip at {i} accepted");
        }
    }

    #[test]
    fn the_reader_is_as_strict_as_the_format() {
        let key = SecretKey::random();
        let dec = |c: &[u8]| decrypt(&key, "ctx", c, std::io::sink());
        // A full chunk, then an empty last one: well authenticated, but not the format.
        let mut e = Encryptor::new(&key, "ctx", new_prefix());
        let mut ct = Vec::new();
        e.header(&mut ct);
        e.seal_into(&vec![1u8; CHUNK], false, &mut ct).unwrap();
        e.seal_into(&[], true, &mut ct).unwrap();
        assert_eq!(dec(&ct), Err(StreamError::Format));
        // An empty file is one empty last chunk, and that is fine.
        let mut empty = Vec::new();
        encrypt(&key, "ctx", new_prefix(), &[][..], &mut empty).unwrap();
        assert_eq!(dec(&empty), Ok(0));
        // Another chunk size in the header.
        let mut other = empty.clone();
        other[4..8].copy_from_slice(&((CHUNK as u32) / 2).to_be_bytes());
        assert_eq!(dec(&other), Err(StreamError::Format));
    }

    #[test]
    fn chunks_are_standard_aes_gcm_checked_by_node() {
        // The first chunk, opened by Node's crypto with the nonce STREAM defines.
        let key = SecretKey::random();
        let data = vec![0x5au8; CHUNK + 5];
        let mut ct = Vec::new();
        let prefix = new_prefix();
        encrypt(&key, "ctx", prefix, &data[..], &mut ct).unwrap();
        let first = &ct[HEADER_LEN..HEADER_LEN + CHUNK + TAG];
        let mut nonce = prefix.to_vec();
        nonce.extend_from_slice(&[0, 0, 0, 0, 0]);
        let script = r#"
const c = require("crypto");
const [k, iv, ct, aad] = require("fs").readFileSync(0, "utf8").trim().split(" ").map(x => Buffer.from(x, "hex"));
const d = c.createDecipheriv("aes-256-gcm", k, iv); d.setAAD(aad); d.setAuthTag(ct.subarray(ct.length - 16));
const p = Buffer.concat([d.update(ct.subarray(0, ct.length - 16)), d.final()]);
console.log(p.length, p.every(b => b === 0x5a));
"#;
        let mut child = std::process::Command::new("node")
            .args(["-e", script])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("node is needed for this test");
        let input = format!("{} {} {} {}", hex::encode(key.expose()), hex::encode(&nonce), hex::encode(first), hex::encode(b"ctx"));
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("{CHUNK} true"));
    }
}
