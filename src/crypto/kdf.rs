//! Password → the account's keys. A password-hashing function turns the password and the
//! account's salt into a 32-byte root; HKDF splits the root into the login secret (sent to
//! the backend) and the key-encryption key (never leaves the client). Two functions, chosen
//! per account and stored with it: PBKDF2-HMAC-SHA256 (the default: WebCrypto has it) and
//! Argon2id (memory-hard, RFC 9106, the RustCrypto `argon2` crate). PROTOCOL.md specifies
//! both and the bounds every client enforces before it uses a password.

use super::{KEY_LEN, SecretKey, hkdf_sha256, label};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use zeroize::{Zeroize, Zeroizing};

/// The smallest PBKDF2 iteration count keysmith accepts for a password.
pub const PBKDF2_MIN_ITERATIONS: u32 = 600_000;
/// The most iterations a client will run (~4 s here): a backend asking for more is
/// either broken or trying to hang the client.
pub const PBKDF2_MAX_ITERATIONS: u32 = 50_000_000;

/// Whether an iteration count is within [`PBKDF2_MIN_ITERATIONS`]..=[`PBKDF2_MAX_ITERATIONS`].
pub fn kdf_iterations_ok(n: u32) -> bool {
    (PBKDF2_MIN_ITERATIONS..=PBKDF2_MAX_ITERATIONS).contains(&n)
}

/// Argon2id bounds: at least OWASP's baseline (19 MiB, 2 passes), at most what a client will
/// spend (1 GiB, 16 passes, 16 lanes) — a backend asking for more is broken or hostile.
pub const ARGON2_MIN_MEMORY_KIB: u32 = 19 * 1024;
pub const ARGON2_MAX_MEMORY_KIB: u32 = 1024 * 1024;
pub const ARGON2_MIN_ITERATIONS: u32 = 2;
pub const ARGON2_MAX_ITERATIONS: u32 = 16;
pub const ARGON2_MAX_PARALLELISM: u32 = 16;
/// Argon2id as Bitwarden offers it: 64 MiB, 3 passes, 4 lanes.
pub const ARGON2_DEFAULT_MEMORY_KIB: u32 = 64 * 1024;
pub const ARGON2_DEFAULT_ITERATIONS: u32 = 3;
pub const ARGON2_DEFAULT_PARALLELISM: u32 = 4;

/// How an account's password becomes its root key: the algorithm and its parameters, as
/// stored with the account. On the wire (flattened into the account, its KDF parameters and
/// a password change): `kdf_algorithm` (`pbkdf2-sha256` when absent), `kdf_iterations`, and
/// for Argon2id `kdf_memory_kib` and `kdf_parallelism`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "KdfWire", into = "KdfWire")]
pub enum Kdf {
    Pbkdf2Sha256 { iterations: u32 },
    Argon2id { memory_kib: u32, iterations: u32, parallelism: u32 },
}

#[derive(Serialize, Deserialize)]
struct KdfWire {
    #[serde(default = "pbkdf2_name")]
    kdf_algorithm: String,
    kdf_iterations: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kdf_memory_kib: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kdf_parallelism: Option<u32>,
}

fn pbkdf2_name() -> String {
    Kdf::PBKDF2.to_string()
}

impl TryFrom<KdfWire> for Kdf {
    type Error = String;
    fn try_from(w: KdfWire) -> std::result::Result<Self, String> {
        match (w.kdf_algorithm.as_str(), w.kdf_memory_kib, w.kdf_parallelism) {
            (Kdf::PBKDF2, None, None) => Ok(Kdf::Pbkdf2Sha256 { iterations: w.kdf_iterations }),
            (Kdf::ARGON2ID, Some(memory_kib), Some(parallelism)) => Ok(Kdf::Argon2id { memory_kib, iterations: w.kdf_iterations, parallelism }),
            (Kdf::PBKDF2, _, _) => Err("pbkdf2-sha256 takes no kdf_memory_kib or kdf_parallelism".into()),
            (Kdf::ARGON2ID, _, _) => Err("argon2id needs kdf_memory_kib and kdf_parallelism".into()),
            _ => Err(format!("kdf_algorithm is {} or {}", Kdf::PBKDF2, Kdf::ARGON2ID)),
        }
    }
}

impl From<Kdf> for KdfWire {
    fn from(k: Kdf) -> Self {
        match k {
            Kdf::Pbkdf2Sha256 { iterations } => {
                KdfWire { kdf_algorithm: pbkdf2_name(), kdf_iterations: iterations, kdf_memory_kib: None, kdf_parallelism: None }
            }
            Kdf::Argon2id { memory_kib, iterations, parallelism } => KdfWire {
                kdf_algorithm: Kdf::ARGON2ID.into(),
                kdf_iterations: iterations,
                kdf_memory_kib: Some(memory_kib),
                kdf_parallelism: Some(parallelism),
            },
        }
    }
}

impl Kdf {
    pub const PBKDF2: &str = "pbkdf2-sha256";
    pub const ARGON2ID: &str = "argon2id";
    /// The default: PBKDF2-HMAC-SHA256 at 600,000 iterations (OWASP's figure; WebCrypto can run it).
    pub const DEFAULT: Kdf = Kdf::Pbkdf2Sha256 { iterations: PBKDF2_MIN_ITERATIONS };
    pub const ARGON2ID_DEFAULT: Kdf =
        Kdf::Argon2id { memory_kib: ARGON2_DEFAULT_MEMORY_KIB, iterations: ARGON2_DEFAULT_ITERATIONS, parallelism: ARGON2_DEFAULT_PARALLELISM };

    /// Whether the parameters are within keysmith's bounds (see the constants): what a
    /// client checks before it feeds a password to parameters a backend sent, and what a
    /// backend checks before it stores them. The message names the bound.
    pub fn check(&self) -> std::result::Result<(), String> {
        match *self {
            Kdf::Pbkdf2Sha256 { iterations } if !kdf_iterations_ok(iterations) => {
                Err(format!("PBKDF2 iterations must be {PBKDF2_MIN_ITERATIONS} to {PBKDF2_MAX_ITERATIONS} (got {iterations})"))
            }
            Kdf::Argon2id { memory_kib, .. } if !(ARGON2_MIN_MEMORY_KIB..=ARGON2_MAX_MEMORY_KIB).contains(&memory_kib) => {
                Err(format!("Argon2id memory must be {} MiB to {} MiB (got {memory_kib} KiB)", ARGON2_MIN_MEMORY_KIB / 1024, ARGON2_MAX_MEMORY_KIB / 1024))
            }
            Kdf::Argon2id { iterations, .. } if !(ARGON2_MIN_ITERATIONS..=ARGON2_MAX_ITERATIONS).contains(&iterations) => {
                Err(format!("Argon2id iterations must be {ARGON2_MIN_ITERATIONS} to {ARGON2_MAX_ITERATIONS} (got {iterations})"))
            }
            Kdf::Argon2id { parallelism, .. } if !(1..=ARGON2_MAX_PARALLELISM).contains(&parallelism) => {
                Err(format!("Argon2id parallelism must be 1 to {ARGON2_MAX_PARALLELISM} (got {parallelism})"))
            }
            _ => Ok(()),
        }
    }

    /// password → root (this function, over `salt`) → HKDF → (login secret, KEK). Any
    /// parameters the function can run (bounds are [`Kdf::check`]'s business); an error
    /// only if it cannot (e.g. no memory for them).
    pub fn derive(&self, password: &[u8], salt: &[u8]) -> Result<PasswordKeys> {
        let root = match *self {
            Kdf::Pbkdf2Sha256 { iterations } => pbkdf2_sha256(password, salt, iterations),
            Kdf::Argon2id { memory_kib, iterations, parallelism } => {
                let params = argon2::Params::new(memory_kib, iterations, parallelism, Some(KEY_LEN))
                    .map_err(|e| Error::integrity(format!("Argon2id cannot run with these parameters: {e}")))?;
                let mut out = Zeroizing::new([0u8; KEY_LEN]);
                argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
                    .hash_password_into(password, salt, &mut out[..])
                    .map_err(|e| Error::failure(format!("Argon2id failed: {e}")))?;
                SecretKey::from_bytes(*out)
            }
        };
        Ok(PasswordKeys {
            login_secret: hkdf_sha256(root.expose(), None, label::LOGIN_SECRET),
            key_encryption_key: hkdf_sha256(root.expose(), None, label::KEY_ENCRYPTION_KEY),
        })
    }
}

impl fmt::Display for Kdf {
    /// As a person reads it: `PBKDF2-HMAC-SHA256, 600000 iterations`, `Argon2id, 64 MiB, 3 iterations, 4 lanes`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Kdf::Pbkdf2Sha256 { iterations } => write!(f, "PBKDF2-HMAC-SHA256, {iterations} iterations"),
            Kdf::Argon2id { memory_kib, iterations, parallelism } => {
                write!(f, "Argon2id, {}, {iterations} iterations, {parallelism} lanes", crate::render::bytes(u64::from(memory_kib) * 1024))
            }
        }
    }
}

/// The two sub-keys derived from the owner's password.
pub struct PasswordKeys {
    /// Sent to the backend to log in; the backend stores only [`login_verifier`] of it.
    pub login_secret: SecretKey,
    /// Unwraps the master key. Never leaves the client.
    pub key_encryption_key: SecretKey,
}

impl fmt::Debug for PasswordKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordKeys([redacted])")
    }
}

/// PBKDF2-HMAC-SHA256 (RFC 8018) of the password into a 32-byte key: one output block,
/// `T = U1 ^ U2 ^ … ^ Uc`. U1 comes from the hmac crate. Every later U is an HMAC of a
/// 32-byte message, which is exactly one padded SHA-256 block for the inner hash and one
/// for the outer, so those run straight on sha2's block function from the key's inner and
/// outer pad states, computed once: the arithmetic of HMAC, without re-keying and
/// re-padding each of the 600,000 iterations. Tests check it against the pbkdf2 crate on
/// random inputs, RFC 7914's vectors, and OpenSSL (Python's hashlib).
pub fn pbkdf2_sha256(password: &[u8], salt: &[u8], iterations: u32) -> SecretKey {
    use hmac::{KeyInit, Mac};
    use sha2::block_api::compress256;
    /// SHA-256's initial hash value (FIPS 180-4, 5.3.3).
    const IV: [u32; 8] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    /// A 32-byte message after a 64-byte key block: 0x80, zeros, length 96 * 8 bits.
    fn padded_block() -> [u8; 64] {
        let mut b = [0u8; 64];
        b[32] = 0x80;
        b[56..].copy_from_slice(&(96u64 * 8).to_be_bytes());
        b
    }
    fn store_be(words: &[u32; 8], out: &mut [u8]) {
        for (chunk, w) in out.chunks_exact_mut(4).zip(words) {
            chunk.copy_from_slice(&w.to_be_bytes());
        }
    }

    let mut mac = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(password).expect("HMAC takes any key length");
    mac.update(salt);
    mac.update(&1u32.to_be_bytes());
    // `inner` holds U_i as the inner hash's message; `outer` the inner digest as the outer's.
    let (mut inner, mut outer) = (Zeroizing::new(padded_block()), Zeroizing::new(padded_block()));
    inner[..32].copy_from_slice(&mac.finalize().into_bytes());

    // The HMAC key block: the password, or its hash when longer than a block; then the
    // states after absorbing key ^ ipad and key ^ opad.
    let mut key = Zeroizing::new([0u8; 64]);
    if password.len() > 64 {
        key[..32].copy_from_slice(&Sha256::digest(password));
    } else {
        key[..password.len()].copy_from_slice(password);
    }
    let pad_state = |pad: u8| {
        let mut block = Zeroizing::new([0u8; 64]);
        for (b, k) in block.iter_mut().zip(key.iter()) {
            *b = k ^ pad;
        }
        let mut state = IV;
        compress256(&mut state, std::slice::from_ref(&*block));
        state
    };
    // Plain locals in the loop (zeroized after it) keep the chain of compressions tight.
    let (mut istate, mut ostate, mut state) = (pad_state(0x36), pad_state(0x5c), [0u32; 8]);

    // T and each U as the eight big-endian words SHA-256 produces.
    let mut t = Zeroizing::new([0u32; 8]);
    for (w, chunk) in t.iter_mut().zip(inner[..32].chunks_exact(4)) {
        *w = u32::from_be_bytes(chunk.try_into().expect("4 bytes"));
    }
    for _ in 1..iterations {
        state = istate;
        compress256(&mut state, std::slice::from_ref(&*inner));
        store_be(&state, &mut outer[..32]);
        state = ostate;
        compress256(&mut state, std::slice::from_ref(&*outer));
        store_be(&state, &mut inner[..32]);
        for (t, u) in t.iter_mut().zip(state.iter()) {
            *t ^= u;
        }
    }
    istate.zeroize();
    ostate.zeroize();
    state.zeroize();
    let mut out = SecretKey([0u8; KEY_LEN]);
    store_be(&t, &mut out.0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::random_array;

    #[test]
    fn pbkdf2_matches_rfc7914_vectors() {
        let mut out = [0u8; 64];
        pbkdf2::pbkdf2_hmac::<Sha256>(b"passwd", b"salt", 1, &mut out);
        assert_eq!(
            hex::encode(out),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
        );
        pbkdf2::pbkdf2_hmac::<Sha256>(b"Password", b"NaCl", 80000, &mut out);
        assert_eq!(
            hex::encode(out),
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"
        );
        // Our 32-byte derivation is the prefix of the same stream.
        assert_eq!(pbkdf2_sha256(b"Password", b"NaCl", 80000).expose()[..], out[..32]);
        assert_eq!(pbkdf2_sha256(b"passwd", b"salt", 1).expose()[..], hex::decode("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc").unwrap());
    }

    #[test]
    fn pbkdf2_agrees_with_the_pbkdf2_crate_on_random_inputs() {
        // Passwords around the 64-byte HMAC block (hashed when longer), salts of any
        // length, iteration counts from 1.
        for (i, len) in [0usize, 1, 31, 32, 63, 64, 65, 100, 200].into_iter().enumerate() {
            let password: Vec<u8> = (0..len).map(|_| random_array::<1>()[0]).collect();
            let salt = random_array::<32>();
            for iterations in [1, 2, 3, 17 + i as u32, 1000] {
                let mut theirs = [0u8; 32];
                pbkdf2::pbkdf2_hmac::<Sha256>(&password, &salt[..i * 3], iterations, &mut theirs);
                assert_eq!(pbkdf2_sha256(&password, &salt[..i * 3], iterations).expose(), &theirs, "len {len}, iterations {iterations}");
            }
        }
    }

    #[test]
    fn argon2id_matches_the_reference_implementations_vector() {
        // phc-winner-argon2's test.c (Argon2id, v=19, t=2, m=2^16, p=1, "password", "somesalt"),
        // the same as argon2-cffi (libargon2) computes here; our root is that output.
        let mut theirs = [0u8; 32];
        let params = argon2::Params::new(1 << 16, 2, 1, Some(32)).unwrap();
        argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params).hash_password_into(b"password", b"somesalt", &mut theirs).unwrap();
        assert_eq!(hex::encode(theirs), "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7");
        let ours = Kdf::Argon2id { memory_kib: 1 << 16, iterations: 2, parallelism: 1 }.derive(b"password", b"somesalt").unwrap();
        assert_eq!(ours.login_secret.expose(), hkdf_sha256(&theirs, None, label::LOGIN_SECRET).expose());
        assert_eq!(ours.key_encryption_key.expose(), hkdf_sha256(&theirs, None, label::KEY_ENCRYPTION_KEY).expose());
    }

    #[test]
    fn argon2id_matches_rfc9106_test_vector() {
        // RFC 9106 section 5.3 (with secret and associated data, which keysmith does not use:
        // this checks the crate itself).
        let params =
            argon2::ParamsBuilder::new().m_cost(32).t_cost(3).p_cost(4).output_len(32).data(argon2::AssociatedData::new(&[4; 12]).unwrap()).build().unwrap();
        let mut out = [0u8; 32];
        argon2::Argon2::new_with_secret(&[3; 8], argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
            .unwrap()
            .hash_password_into(&[1; 32], &[2; 16], &mut out)
            .unwrap();
        assert_eq!(hex::encode(out), "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    #[test]
    fn parameters_are_bounded_and_travel_as_flat_fields() {
        assert!(Kdf::DEFAULT.check().is_ok() && Kdf::ARGON2ID_DEFAULT.check().is_ok());
        for weak in [
            Kdf::Pbkdf2Sha256 { iterations: 599_999 },
            Kdf::Argon2id { memory_kib: ARGON2_MIN_MEMORY_KIB - 1, iterations: 3, parallelism: 1 },
            Kdf::Argon2id { memory_kib: 65536, iterations: 1, parallelism: 1 },
            Kdf::Argon2id { memory_kib: ARGON2_MAX_MEMORY_KIB + 1, iterations: 3, parallelism: 1 },
            Kdf::Argon2id { memory_kib: 65536, iterations: 3, parallelism: 0 },
            Kdf::Argon2id { memory_kib: 65536, iterations: 3, parallelism: 17 },
        ] {
            assert!(weak.check().is_err(), "{weak:?}");
        }
        let wire = serde_json::to_value(Kdf::ARGON2ID_DEFAULT).unwrap();
        assert_eq!(wire, serde_json::json!({"kdf_algorithm": "argon2id", "kdf_iterations": 3, "kdf_memory_kib": 65536, "kdf_parallelism": 4}));
        assert_eq!(serde_json::from_value::<Kdf>(wire).unwrap(), Kdf::ARGON2ID_DEFAULT);
        // What backends from before Argon2id send: PBKDF2.
        assert_eq!(serde_json::from_str::<Kdf>(r#"{"kdf_iterations": 600000}"#).unwrap(), Kdf::DEFAULT);
        for bad in [
            r#"{"kdf_algorithm": "scrypt", "kdf_iterations": 3}"#,
            r#"{"kdf_algorithm": "argon2id", "kdf_iterations": 3}"#,
            r#"{"kdf_algorithm": "pbkdf2-sha256", "kdf_iterations": 600000, "kdf_memory_kib": 1}"#,
        ] {
            assert!(serde_json::from_str::<Kdf>(bad).is_err(), "{bad}");
        }
    }
}
