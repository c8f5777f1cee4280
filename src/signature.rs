//! Proof of possession for agent requests. Each request carries the key id, a unix
//! timestamp, a random nonce and an Ed25519 signature over a canonical string:
//!
//! ```text
//! keysmith-request-v1\n<METHOD>\n<path and query>\n<timestamp>\n<nonce>\n<hex SHA-256 of the body>
//! ```
//!
//! The backend keeps only the public key, rejects timestamps outside ±[`MAX_SKEW_SECS`]
//! and any nonce it has seen for the key within that window. No secret is sent.

use crate::crypto::{self, AgentKeys};

pub const HEADER_KEY: &str = "x-keysmith-key";
pub const HEADER_TIMESTAMP: &str = "x-keysmith-timestamp";
pub const HEADER_NONCE: &str = "x-keysmith-nonce";
pub const HEADER_SIGNATURE: &str = "x-keysmith-signature";
/// How far a request's timestamp may be from the server's clock.
pub const MAX_SKEW_SECS: i64 = 300;
/// A nonce is 16 random bytes, hex encoded.
pub const NONCE_HEX_LEN: usize = 32;

pub fn canonical(method: &str, path_and_query: &str, timestamp: i64, nonce: &str, body: &[u8]) -> String {
    format!("keysmith-request-v1\n{}\n{}\n{}\n{}\n{}", method.to_ascii_uppercase(), path_and_query, timestamp, nonce, hex::encode(crypto::sha256(&[body])))
}

/// The four header values an agent sends with a request.
pub struct SignedHeaders {
    pub key_id: String,
    pub timestamp: i64,
    pub nonce: String,
    pub signature: String,
}

pub fn sign(key_id: &str, keys: &AgentKeys, method: &str, path_and_query: &str, body: &[u8], now: i64) -> SignedHeaders {
    let nonce = hex::encode(crypto::random_array::<16>());
    let sig = keys.sign(canonical(method, path_and_query, now, &nonce, body).as_bytes());
    SignedHeaders { key_id: key_id.to_string(), timestamp: now, nonce, signature: hex::encode(sig) }
}

/// Why a signature was not accepted (before any key state is considered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigError {
    Missing,
    Malformed,
    Stale,
    BadSignature,
}

impl SigError {
    pub fn reason(self) -> &'static str {
        match self {
            SigError::Missing => "request is not signed",
            SigError::Malformed => "malformed signature headers",
            SigError::Stale => "request timestamp outside the allowed window",
            SigError::BadSignature => "signature does not verify",
        }
    }
}

/// Checks the shape of the headers and the time window; returns the raw signature.
pub fn check_headers(timestamp: i64, nonce: &str, signature: &str, now: i64) -> Result<[u8; 64], SigError> {
    if nonce.len() != NONCE_HEX_LEN || !nonce.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(SigError::Malformed);
    }
    let mut sig = [0u8; 64];
    hex::decode_to_slice(signature, &mut sig).map_err(|_| SigError::Malformed)?;
    if (now - timestamp).abs() > MAX_SKEW_SECS {
        return Err(SigError::Stale);
    }
    Ok(sig)
}

pub fn verify(
    public_key: &crypto::VerifyingKey,
    method: &str,
    path_and_query: &str,
    timestamp: i64,
    nonce: &str,
    body: &[u8],
    sig: &[u8; 64],
) -> Result<(), SigError> {
    if public_key.verify(canonical(method, path_and_query, timestamp, nonce, body).as_bytes(), sig) { Ok(()) } else { Err(SigError::BadSignature) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::SecretKey;

    #[test]
    fn signed_requests_verify_and_any_change_breaks_them() {
        let keys = AgentKeys::derive(&SecretKey::random());
        let h = sign("k", &keys, "post", "/v1/agent/connect", b"{}", 1000);
        let sig = check_headers(h.timestamp, &h.nonce, &h.signature, 1000).unwrap();
        let pk = crypto::VerifyingKey::from_bytes(&keys.public_key()).unwrap();
        assert_eq!(verify(&pk, "POST", "/v1/agent/connect", 1000, &h.nonce, b"{}", &sig), Ok(()));
        assert!(verify(&pk, "GET", "/v1/agent/connect", 1000, &h.nonce, b"{}", &sig).is_err());
        assert!(verify(&pk, "POST", "/v1/agent/vaults", 1000, &h.nonce, b"{}", &sig).is_err());
        assert!(verify(&pk, "POST", "/v1/agent/connect", 1001, &h.nonce, b"{}", &sig).is_err());
        assert!(verify(&pk, "POST", "/v1/agent/connect", 1000, &h.nonce, b"{ }", &sig).is_err());
        let other = crypto::VerifyingKey::from_bytes(&AgentKeys::derive(&SecretKey::random()).public_key()).unwrap();
        assert!(verify(&other, "POST", "/v1/agent/connect", 1000, &h.nonce, b"{}", &sig).is_err());
        assert_eq!(check_headers(1000, &h.nonce, &h.signature, 1000 + MAX_SKEW_SECS + 1), Err(SigError::Stale));
        assert_eq!(check_headers(1000, "xyz", &h.signature, 1000), Err(SigError::Malformed));
        assert_eq!(check_headers(1000, &h.nonce, "00", 1000), Err(SigError::Malformed));
    }
}
