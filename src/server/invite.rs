//! Registration invites: single-use codes the operator mints (`keysmith serve invite`)
//! for a server that registers by invite. The store keeps only each code's verifier.

use crate::crypto::{self, SecretKey};
use zeroize::Zeroizing;

/// Marks a string as a keysmith invite (for people and secret scanners).
const PREFIX: &str = "ksi_";

/// A new invite code and the verifier the store keeps of it.
pub fn new_code() -> (Zeroizing<String>, [u8; 32]) {
    let secret = SecretKey::random();
    (Zeroizing::new(format!("{PREFIX}{}", hex::encode(secret.expose()))), crypto::invite_verifier(&secret))
}

/// The verifier of a well-formed invite code (surrounding whitespace ignored).
pub fn verifier(code: &str) -> Option<[u8; 32]> {
    let hex_part = code.trim().strip_prefix(PREFIX)?;
    let mut bytes = Zeroizing::new([0u8; crypto::KEY_LEN]);
    hex::decode_to_slice(hex_part, bytes.as_mut_slice()).ok()?;
    Some(crypto::invite_verifier(&SecretKey::from_bytes(*bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_verifies_as_itself_and_nothing_else_does() {
        let (code, v) = new_code();
        assert_eq!(verifier(&code), Some(v));
        assert_eq!(verifier(&format!(" {}\n", code.as_str())), Some(v));
        assert_eq!(verifier(&code[PREFIX.len()..]), None, "the prefix is part of the code");
        let mut other = code.to_string();
        other.pop();
        other.push(if code.ends_with('0') { '1' } else { '0' });
        assert_ne!(verifier(&other), Some(v));
        assert_eq!(verifier("ksi_zz"), None);
    }
}
