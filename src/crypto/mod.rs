//! The key hierarchy, composed from vetted primitives (RustCrypto, dalek).
//! No primitive is implemented here. Every derivation label, wrap format and
//! associated-data string is specified in PROTOCOL.md; keep the two in step.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use std::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

pub mod grant;
pub mod kdf;
pub use grant::{VaultAccess, VaultKeys};
pub use kdf::{Kdf, PBKDF2_MAX_ITERATIONS, PBKDF2_MIN_ITERATIONS, PasswordKeys, kdf_iterations_ok, pbkdf2_sha256};

/// Length of every symmetric key, salt and API key secret, in bytes.
pub const KEY_LEN: usize = 32;
/// Version byte leading every wrapped or sealed blob.
const WRAP_VERSION: u8 = 1;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// What [`wrap`] adds to its plaintext: version, nonce and tag.
pub const WRAP_OVERHEAD: usize = 1 + NONCE_LEN + TAG_LEN;
/// A key wrapped with [`wrap_key`], and one sealed with [`seal`]: fixed sizes a backend
/// checks without being able to open them.
pub const WRAPPED_KEY_LEN: usize = WRAP_OVERHEAD + KEY_LEN;
pub const SEALED_KEY_LEN: usize = 1 + 32 + WRAPPED_KEY_LEN;
/// The longest vault or file name, in bytes of UTF-8.
pub const MAX_NAME_BYTES: usize = 1024;

/// HKDF `info` labels. Distinct labels give independent sub-keys.
pub mod label {
    pub const LOGIN_SECRET: &str = "keysmith/v1/login-secret";
    pub const KEY_ENCRYPTION_KEY: &str = "keysmith/v1/key-encryption-key";
    pub const LOGIN_VERIFIER: &str = "keysmith/v1/login-verifier";
    pub const AGENT_AUTH: &str = "keysmith/v1/agent-auth-ed25519";
    pub const AGENT_WRAP: &str = "keysmith/v1/agent-wrapping-key";
    pub const SEAL: &str = "keysmith/v1/seal-x25519";
    pub const VAULT_SEAL: &str = "keysmith/v1/vault-x25519";
    pub const SESSION_VERIFIER: &str = "keysmith/v1/session-verifier";
    pub const INVITE_VERIFIER: &str = "keysmith/v1/invite-verifier";
    pub const DECOY_KDF_SALT: &str = "keysmith/v1/decoy-kdf-salt";
}

/// Associated data that binds a wrapped value to the record it belongs to.
pub mod aad {
    pub fn master_key(account: &str) -> String {
        format!("keysmith/v1/master-key|account={account}")
    }
    pub fn account_private_key(account: &str) -> String {
        format!("keysmith/v1/account-x25519|account={account}")
    }
    pub fn vault_key(account: &str, vault: &str) -> String {
        format!("keysmith/v1/vault-key|account={account}|vault={vault}")
    }
    pub fn vault_name(account: &str, vault: &str) -> String {
        format!("keysmith/v1/vault-name|account={account}|vault={vault}")
    }
    pub fn grant(account: &str, vault: &str, key_id: &str) -> String {
        format!("keysmith/v1/grant|account={account}|vault={vault}|key={key_id}")
    }
    /// An older version of a vault key, wrapped under the vault's current key.
    pub fn vault_key_chain(account: &str, vault: &str, version: u32) -> String {
        format!("keysmith/v1/vault-key-chain|account={account}|vault={vault}|version={version}")
    }
    /// An API key's wrapping key, sealed to the account's public key (for rekeys).
    pub fn key_escrow(account: &str, key_id: &str) -> String {
        format!("keysmith/v1/key-escrow|account={account}|key={key_id}")
    }
    /// A write-only key's grant: the vault's public key, not its key.
    pub fn write_grant(account: &str, vault: &str, key_id: &str) -> String {
        format!("keysmith/v1/write-grant|account={account}|vault={vault}|key={key_id}")
    }
    /// The account's X25519 public key, wrapped by the owner under an API key's wrapping
    /// key: what lets the agent tell the real one from a substitute.
    pub fn account_key_binding(account: &str, key_id: &str) -> String {
        format!("keysmith/v1/account-public-key|account={account}|key={key_id}")
    }
    pub fn sealed_vault_key(account: &str, vault: &str) -> String {
        format!("keysmith/v1/sealed-vault-key|account={account}|vault={vault}")
    }
    pub fn file_key(account: &str, vault: &str, file: &str) -> String {
        format!("keysmith/v1/file-key|account={account}|vault={vault}|file={file}")
    }
    pub fn file_name(account: &str, vault: &str, file: &str) -> String {
        format!("keysmith/v1/file-name|account={account}|vault={vault}|file={file}")
    }
    pub fn file_content(account: &str, vault: &str, file: &str) -> String {
        format!("keysmith/v1/file-content|account={account}|vault={vault}|file={file}")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CryptoError {
    /// Authenticated decryption failed: wrong key, or the data or its context changed.
    Unauthentic,
    /// The blob is not in a format this version understands.
    Malformed,
}

impl fmt::Display for CryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CryptoError::Unauthentic => f.write_str("authenticated decryption failed"),
            CryptoError::Malformed => f.write_str("malformed encrypted data"),
        }
    }
}

impl std::error::Error for CryptoError {}

/// A 256-bit secret key. Zeroized on drop; `Debug` never shows the bytes.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct SecretKey([u8; KEY_LEN]);

impl SecretKey {
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        SecretKey(bytes)
    }
    pub fn random() -> Self {
        SecretKey(random_array())
    }
    /// Exposes the bytes for a crypto call. Never store or print the result.
    pub fn expose(&self) -> &[u8; KEY_LEN] {
        &self.0
    }
    pub(crate) fn from_slice(bytes: &[u8]) -> Result<Self, CryptoError> {
        let arr: [u8; KEY_LEN] = bytes.try_into().map_err(|_| CryptoError::Malformed)?;
        Ok(SecretKey(arr))
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey([redacted])")
    }
}

/// Fills an array from the operating system's CSPRNG.
pub fn random_array<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).expect("the operating system's random number generator failed");
    out
}

/// HKDF-SHA256 (RFC 5869) with no salt: one independent sub-key per `info` label.
pub fn hkdf_sha256(ikm: &[u8], salt: Option<&[u8]>, info: &str) -> SecretKey {
    let mut out = [0u8; KEY_LEN];
    Hkdf::<Sha256>::new(salt, ikm).expand(info.as_bytes(), &mut out).expect("32 bytes is a valid HKDF-SHA256 length");
    let key = SecretKey(out);
    out.zeroize();
    key
}

pub fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// What the backend stores to check a login secret: SHA-256 over a label and the secret.
/// The login secret is a uniformly random 256-bit value, so a fast hash suffices.
pub fn login_verifier(login_secret: &SecretKey) -> [u8; 32] {
    sha256(&[label::LOGIN_VERIFIER.as_bytes(), login_secret.expose()])
}

/// What the backend stores to check an owner session token.
pub fn session_verifier(token: &SecretKey) -> [u8; 32] {
    sha256(&[label::SESSION_VERIFIER.as_bytes(), token.expose()])
}

/// What the backend stores to check a registration invite.
pub fn invite_verifier(code: &SecretKey) -> [u8; 32] {
    sha256(&[label::INVITE_VERIFIER.as_bytes(), code.expose()])
}

/// Constant-time equality for verifiers and checksums.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// AES-256-GCM with a random 96-bit nonce: `version(1) || nonce(12) || ciphertext || tag(16)`.
pub fn wrap(key: &SecretKey, plaintext: &[u8], aad: &str) -> Vec<u8> {
    let cipher = Aes256Gcm::new_from_slice(key.expose()).expect("32-byte key");
    let nonce_bytes: [u8; NONCE_LEN] = random_array();
    let nonce = Nonce::from(nonce_bytes);
    let ct = cipher.encrypt(&nonce, Payload { msg: plaintext, aad: aad.as_bytes() }).expect("AES-GCM encryption of a short message cannot fail");
    let mut out = Vec::with_capacity(1 + NONCE_LEN + ct.len());
    out.push(WRAP_VERSION);
    out.extend_from_slice(&nonce_bytes);
    out.extend_from_slice(&ct);
    out
}

/// Reverses [`wrap`]. Fails if the key, the data or the associated data differ.
pub fn unwrap(key: &SecretKey, blob: &[u8], aad: &str) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    if blob.len() < 1 + NONCE_LEN + TAG_LEN || blob[0] != WRAP_VERSION {
        return Err(CryptoError::Malformed);
    }
    let cipher = Aes256Gcm::new_from_slice(key.expose()).expect("32-byte key");
    let nonce_bytes: [u8; NONCE_LEN] = blob[1..1 + NONCE_LEN].try_into().expect("length checked");
    let nonce = Nonce::from(nonce_bytes);
    cipher.decrypt(&nonce, Payload { msg: &blob[1 + NONCE_LEN..], aad: aad.as_bytes() }).map(Zeroizing::new).map_err(|_| CryptoError::Unauthentic)
}

pub fn wrap_key(kek: &SecretKey, key: &SecretKey, aad: &str) -> Vec<u8> {
    wrap(kek, key.expose(), aad)
}

pub fn unwrap_key(kek: &SecretKey, blob: &[u8], aad: &str) -> Result<SecretKey, CryptoError> {
    let plain = unwrap(kek, blob, aad)?;
    SecretKey::from_slice(&plain)
}

/// The X25519 public key for a private key.
pub fn x25519_public(private: &SecretKey) -> [u8; 32] {
    let secret = x25519_dalek::StaticSecret::from(*private.expose());
    x25519_dalek::PublicKey::from(&secret).to_bytes()
}

/// Seals `plaintext` to an X25519 public key (ECIES: ephemeral X25519, HKDF-SHA256 over
/// the shared secret salted with both public keys, AES-256-GCM).
/// Format: `version(1) || ephemeral_public(32) || wrap(...)`.
pub fn seal(recipient: &[u8; 32], plaintext: &[u8], aad: &str) -> Vec<u8> {
    let eph = SecretKey::random();
    let eph_secret = x25519_dalek::StaticSecret::from(*eph.expose());
    let eph_public = x25519_dalek::PublicKey::from(&eph_secret).to_bytes();
    let shared = Zeroizing::new(eph_secret.diffie_hellman(&x25519_dalek::PublicKey::from(*recipient)).to_bytes());
    let salt = [eph_public.as_slice(), recipient.as_slice()].concat();
    let key = hkdf_sha256(shared.as_slice(), Some(&salt), label::SEAL);
    let mut out = vec![WRAP_VERSION];
    out.extend_from_slice(&eph_public);
    out.extend_from_slice(&wrap(&key, plaintext, aad));
    out
}

/// Opens a blob made by [`seal`] with the recipient's private key.
pub fn open_sealed(recipient: &SecretKey, blob: &[u8], aad: &str) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    if blob.len() < 33 || blob[0] != WRAP_VERSION {
        return Err(CryptoError::Malformed);
    }
    let eph_public: [u8; 32] = blob[1..33].try_into().expect("length checked");
    let secret = x25519_dalek::StaticSecret::from(*recipient.expose());
    let recipient_public = x25519_dalek::PublicKey::from(&secret).to_bytes();
    let shared = Zeroizing::new(secret.diffie_hellman(&x25519_dalek::PublicKey::from(eph_public)).to_bytes());
    let salt = [eph_public.as_slice(), recipient_public.as_slice()].concat();
    let key = hkdf_sha256(shared.as_slice(), Some(&salt), label::SEAL);
    unwrap(&key, &blob[33..], aad)
}

/// Keys an agent derives from its API key secret.
pub struct AgentKeys {
    signing: ed25519_dalek::SigningKey,
    /// Unwraps the vault keys of the key's scope.
    pub wrapping_key: SecretKey,
}

impl fmt::Debug for AgentKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AgentKeys").field("public_key", &hex::encode(self.public_key())).finish_non_exhaustive()
    }
}

impl AgentKeys {
    pub fn derive(secret: &SecretKey) -> Self {
        let seed = hkdf_sha256(secret.expose(), None, label::AGENT_AUTH);
        AgentKeys { signing: ed25519_dalek::SigningKey::from_bytes(seed.expose()), wrapping_key: hkdf_sha256(secret.expose(), None, label::AGENT_WRAP) }
    }
    /// The Ed25519 public key the backend stores to verify requests.
    pub fn public_key(&self) -> [u8; 32] {
        self.signing.verifying_key().to_bytes()
    }
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        use ed25519_dalek::Signer;
        self.signing.sign(message).to_bytes()
    }
}

/// An agent's Ed25519 public key, parsed (decompressed) once so that a server verifying
/// many requests from the same key does not redo it for each.
#[derive(Clone)]
pub struct VerifyingKey(ed25519_dalek::VerifyingKey);

impl VerifyingKey {
    /// `None` unless `bytes` is a valid 32-byte point encoding.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let bytes: &[u8; 32] = bytes.try_into().ok()?;
        ed25519_dalek::VerifyingKey::from_bytes(bytes).ok().map(VerifyingKey)
    }

    /// Strict verification: no malleable signatures, no small-order keys or `R`.
    pub fn verify(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        self.0.verify_strict(message, &ed25519_dalek::Signature::from_bytes(signature)).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_and_sealed_keys_have_the_sizes_backends_check() {
        let (k, kek) = (SecretKey::random(), SecretKey::random());
        assert_eq!(wrap_key(&kek, &k, "x").len(), WRAPPED_KEY_LEN);
        assert_eq!(seal(&x25519_public(&kek), k.expose(), "x").len(), SEALED_KEY_LEN);
        assert_eq!(wrap(&k, b"name", "x").len(), WRAP_OVERHEAD + 4);
    }

    fn h(s: &str) -> Vec<u8> {
        hex::decode(s).unwrap()
    }

    #[test]
    fn hkdf_matches_rfc5869_case_1() {
        let ikm = [0x0bu8; 22];
        let salt = h("000102030405060708090a0b0c");
        let info = h("f0f1f2f3f4f5f6f7f8f9");
        let mut okm = [0u8; 42];
        Hkdf::<Sha256>::new(Some(&salt), &ikm).expand(&info, &mut okm).unwrap();
        assert_eq!(hex::encode(okm), "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    #[test]
    fn aes256gcm_matches_gcm_spec_test_case_16() {
        let key = h("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
        let iv: [u8; 12] = h("cafebabefacedbaddecaf888").try_into().unwrap();
        let pt = h("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        let aad = h("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        let cipher = Aes256Gcm::new_from_slice(&key).unwrap();
        let ct = cipher.encrypt(&Nonce::from(iv), Payload { msg: &pt, aad: &aad }).unwrap();
        assert_eq!(
            hex::encode(ct),
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662\
             76fc6ece0f4e1768cddf8853bb2d551b"
        );
    }

    #[test]
    fn ed25519_matches_rfc8032_test_1() {
        let sk = ed25519_dalek::SigningKey::from_bytes(&h("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60").try_into().unwrap());
        assert_eq!(hex::encode(sk.verifying_key().to_bytes()), "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        use ed25519_dalek::Signer;
        assert_eq!(
            hex::encode(sk.sign(b"").to_bytes()),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        );
    }

    #[test]
    fn x25519_matches_rfc7748_section_6_1() {
        let alice = SecretKey::from_bytes(h("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a").try_into().unwrap());
        let bob = SecretKey::from_bytes(h("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb").try_into().unwrap());
        assert_eq!(hex::encode(x25519_public(&alice)), "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        assert_eq!(hex::encode(x25519_public(&bob)), "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        let shared = x25519_dalek::StaticSecret::from(*alice.expose()).diffie_hellman(&x25519_dalek::PublicKey::from(x25519_public(&bob)));
        assert_eq!(hex::encode(shared.to_bytes()), "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    }

    #[test]
    fn wrap_binds_key_and_context() {
        let kek = SecretKey::random();
        let vault_key = SecretKey::random();
        let blob = wrap_key(&kek, &vault_key, &aad::vault_key("acct", "v1"));
        assert_eq!(unwrap_key(&kek, &blob, &aad::vault_key("acct", "v1")).unwrap(), vault_key);
        // Moved to another record: rejected.
        assert_eq!(unwrap_key(&kek, &blob, &aad::vault_key("acct", "v2")), Err(CryptoError::Unauthentic));
        // Wrong key: rejected.
        assert_eq!(unwrap_key(&SecretKey::random(), &blob, &aad::vault_key("acct", "v1")), Err(CryptoError::Unauthentic));
        // Any flipped bit: rejected.
        for i in 1..blob.len() {
            let mut bad = blob.clone();
            bad[i] ^= 1;
            assert!(unwrap_key(&kek, &bad, &aad::vault_key("acct", "v1")).is_err(), "bit flip at {i} accepted");
        }
        assert_eq!(unwrap(&kek, &blob[..20], "x"), Err(CryptoError::Malformed));
    }

    #[test]
    fn seal_opens_only_for_the_recipient_and_context() {
        let owner = SecretKey::random();
        let blob = seal(&x25519_public(&owner), b"vault key bytes", "ctx");
        assert_eq!(&open_sealed(&owner, &blob, "ctx").unwrap()[..], b"vault key bytes");
        assert!(open_sealed(&owner, &blob, "other").is_err());
        assert!(open_sealed(&SecretKey::random(), &blob, "ctx").is_err());
    }

    #[test]
    fn agent_keys_are_independent_and_signatures_verify() {
        let secret = SecretKey::random();
        let keys = AgentKeys::derive(&secret);
        assert_ne!(&keys.public_key(), keys.wrapping_key.expose());
        let sig = keys.sign(b"GET /v1/files");
        let pk = VerifyingKey::from_bytes(&keys.public_key()).unwrap();
        assert!(pk.verify(b"GET /v1/files", &sig));
        assert!(!pk.verify(b"GET /v1/filez", &sig));
        assert_eq!(keys.public_key(), AgentKeys::derive(&secret).public_key());
    }

    #[test]
    fn debug_output_never_shows_key_bytes() {
        let key = SecretKey::from_bytes([0xab; 32]);
        let shown = format!("{key:?} {:?}", AgentKeys::derive(&key));
        assert!(!shown.contains("ab, ab") && !shown.contains("abab"), "{shown}");
        let pk = Kdf::Pbkdf2Sha256 { iterations: 1 }.derive(b"pw", b"salt").unwrap();
        assert!(!format!("{pk:?}").contains(&hex::encode(pk.login_secret.expose())));
    }

    #[test]
    fn ct_eq_compares_whole_values() {
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"ab"));
    }

    /// Runs an independent implementation (Python's hashlib/hmac or Node's crypto, both
    /// OpenSSL underneath) and returns its trimmed stdout.
    fn independent(program: &str, args: &[&str]) -> String {
        let out = std::process::Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program} is needed for this test: {e}"));
        assert!(out.status.success(), "{program} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    #[test]
    fn password_derivation_is_byte_identical_to_openssl_via_python() {
        let password = "pässwörd with spaces";
        let salt: [u8; 32] = random_array();
        let ours = Kdf::DEFAULT.derive(password.as_bytes(), &salt).unwrap();
        let script = r#"
import hashlib, hmac, sys
pw, salt, it = sys.argv[1].encode(), bytes.fromhex(sys.argv[2]), int(sys.argv[3])
root = hashlib.pbkdf2_hmac("sha256", pw, salt, it, 32)
def hkdf(ikm, info):
    prk = hmac.new(b"\0" * 32, ikm, "sha256").digest()
    return hmac.new(prk, info + b"\x01", "sha256").digest()
print(hkdf(root, b"keysmith/v1/login-secret").hex(), hkdf(root, b"keysmith/v1/key-encryption-key").hex())
"#;
        let theirs = independent("python3", &["-c", script, password, &hex::encode(salt), &PBKDF2_MIN_ITERATIONS.to_string()]);
        assert_eq!(theirs, format!("{} {}", hex::encode(ours.login_secret.expose()), hex::encode(ours.key_encryption_key.expose())));
    }

    #[test]
    fn argon2id_derivation_is_byte_identical_to_libargon2_via_python() {
        // argon2-cffi (libargon2, the reference C implementation), installed from PyPI into a
        // venv under target/ (as the S3 tests install SeaweedFS): no system pip needed.
        let venv = concat!(env!("CARGO_MANIFEST_DIR"), "/target/tmp/argon2-cffi");
        let python = format!("{venv}/bin/python");
        let has =
            std::process::Command::new(&python).args(["-c", "import argon2.low_level"]).stderr(std::process::Stdio::null()).status().is_ok_and(|s| s.success());
        if !has {
            independent("python3", &["-m", "venv", venv]);
            independent(&format!("{venv}/bin/pip"), &["install", "--quiet", "--disable-pip-version-check", "argon2-cffi==25.1.0"]);
        }
        let password = "pässwörd with spaces";
        let salt: [u8; 32] = random_array();
        let kdf = Kdf::Argon2id { memory_kib: 19 * 1024, iterations: 2, parallelism: 3 };
        let ours = kdf.derive(password.as_bytes(), &salt).unwrap();
        let script = r#"
import hmac, sys
from argon2.low_level import hash_secret_raw, Type
pw, salt = sys.argv[1].encode(), bytes.fromhex(sys.argv[2])
root = hash_secret_raw(pw, salt, time_cost=2, memory_cost=19456, parallelism=3, hash_len=32, type=Type.ID)
def hkdf(ikm, info):
    prk = hmac.new(b"\0" * 32, ikm, "sha256").digest()
    return hmac.new(prk, info + b"\x01", "sha256").digest()
print(hkdf(root, b"keysmith/v1/login-secret").hex(), hkdf(root, b"keysmith/v1/key-encryption-key").hex())
"#;
        let theirs = independent(&python, &["-c", script, password, &hex::encode(salt)]);
        assert_eq!(theirs, format!("{} {}", hex::encode(ours.login_secret.expose()), hex::encode(ours.key_encryption_key.expose())));
    }

    #[test]
    fn wraps_open_in_node_webcrypto_and_node_wraps_open_here() {
        let key = SecretKey::random();
        let aad_s = aad::grant("acct", "vault", "key");
        let blob = wrap(&key, b"vault key material", &aad_s);
        let script = r#"
const c = require("crypto");
const [k, blob, aad] = process.argv.slice(1).map(x => Buffer.from(x, "hex"));
const iv = blob.subarray(1, 13), tag = blob.subarray(blob.length - 16), ct = blob.subarray(13, blob.length - 16);
const d = c.createDecipheriv("aes-256-gcm", k, iv); d.setAAD(aad); d.setAuthTag(tag);
const plain = Buffer.concat([d.update(ct), d.final()]);
const iv2 = c.randomBytes(12); const e = c.createCipheriv("aes-256-gcm", k, iv2); e.setAAD(aad);
const ct2 = Buffer.concat([e.update(Buffer.from("from node")), e.final()]);
console.log(plain.toString("hex"), Buffer.concat([Buffer.from([1]), iv2, ct2, e.getAuthTag()]).toString("hex"));
"#;
        let out = independent("node", &["-e", script, &hex::encode(key.expose()), &hex::encode(&blob), &hex::encode(aad_s.as_bytes())]);
        let (plain, node_blob) = out.split_once(' ').unwrap();
        assert_eq!(plain, hex::encode(b"vault key material"));
        assert_eq!(&unwrap(&key, &hex::decode(node_blob).unwrap(), &aad_s).unwrap()[..], b"from node");
    }

    #[test]
    fn agent_signatures_verify_in_node() {
        let keys = AgentKeys::derive(&SecretKey::random());
        let msg = b"POST /v1/files 1700000000 nonce";
        let sig = keys.sign(msg);
        let script = r#"
const c = require("crypto");
const [pk, msg, sig] = process.argv.slice(1).map(x => Buffer.from(x, "hex"));
const key = c.createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: pk.toString("base64url") }, format: "jwk" });
console.log(c.verify(null, msg, key, sig), c.verify(null, Buffer.concat([msg, Buffer.from("x")]), key, sig));
"#;
        let out = independent("node", &["-e", script, &hex::encode(keys.public_key()), &hex::encode(msg), &hex::encode(sig)]);
        assert_eq!(out, "true false");
    }
}
