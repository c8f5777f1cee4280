//! The API token string an agent holds:
//!
//! ```text
//! ksk1_<key id: 16 hex>_<secret: 64 hex><checksum: 8 hex>
//! ```
//!
//! `ksk` is a fixed prefix secret scanners can grep for, `1` the format version. The
//! checksum is the first 4 bytes of SHA-256 over everything before it, so a mistyped or
//! truncated token is rejected locally. Only `[a-z0-9_]` appears: nothing needs quoting.

use crate::crypto::{self, SecretKey};
use std::fmt;
use std::str::FromStr;
use zeroize::Zeroizing;

pub const PREFIX: &str = "ksk";
pub const VERSION: char = '1';
pub const KEY_ID_LEN: usize = 16;
const SECRET_HEX_LEN: usize = crypto::KEY_LEN * 2;
const CHECKSUM_HEX_LEN: usize = 8;
/// Length of every version-1 token string.
pub const TOKEN_LEN: usize = PREFIX.len() + 2 + KEY_ID_LEN + 1 + SECRET_HEX_LEN + CHECKSUM_HEX_LEN;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenError {
    Empty,
    WrongPrefix,
    UnsupportedVersion(char),
    WrongLength { expected: usize, got: usize },
    BadCharacter,
    Malformed,
    ChecksumMismatch,
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenError::Empty => f.write_str("the API token is empty"),
            TokenError::WrongPrefix => write!(f, "this is not a keysmith API token (they start with `{PREFIX}{VERSION}_`)"),
            TokenError::UnsupportedVersion(v) => {
                write!(f, "API token format version `{}` is not supported by this keysmith", crate::render::sanitize(&v.to_string()))
            }
            TokenError::WrongLength { expected, got } => {
                write!(f, "the API token has {got} characters, expected {expected} (truncated or extended?)")
            }
            TokenError::BadCharacter => f.write_str("the API token contains a character that is not in its alphabet [a-z0-9_]"),
            TokenError::Malformed => f.write_str("the API token is malformed"),
            TokenError::ChecksumMismatch => f.write_str("the API token's checksum does not match (mistyped or damaged)"),
        }
    }
}

impl std::error::Error for TokenError {}

impl From<TokenError> for crate::error::Error {
    fn from(e: TokenError) -> Self {
        crate::error::Error::usage(e.to_string()).hint("copy the token again exactly as `keysmith key create` printed it")
    }
}

/// A parsed API token: the public key id and the 256-bit secret.
#[derive(Clone)]
pub struct Token {
    key_id: String,
    secret: SecretKey,
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token").field("key_id", &self.key_id).finish_non_exhaustive()
    }
}

fn checksum(body: &str) -> String {
    hex::encode(&crypto::sha256(&[body.as_bytes()])[..CHECKSUM_HEX_LEN / 2])
}

fn is_lower_hex(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl Token {
    pub fn new(key_id: String, secret: SecretKey) -> Self {
        debug_assert!(is_id(&key_id));
        Token { key_id, secret }
    }

    /// A fresh token with a random key id and secret.
    pub fn generate() -> Self {
        Token::new(new_id(), SecretKey::random())
    }

    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    pub fn secret(&self) -> &SecretKey {
        &self.secret
    }

    /// The token string. Print it once, to the person minting the key, and nowhere else.
    pub fn expose(&self) -> Zeroizing<String> {
        let body = Zeroizing::new(format!("{PREFIX}{VERSION}_{}_{}", self.key_id, hex::encode(self.secret.expose())));
        let sum = checksum(&body);
        Zeroizing::new(format!("{}{sum}", body.as_str()))
    }
}

impl FromStr for Token {
    type Err = TokenError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() {
            return Err(TokenError::Empty);
        }
        if !s.starts_with(PREFIX) {
            return Err(TokenError::WrongPrefix);
        }
        let version = s[PREFIX.len()..].chars().next().ok_or(TokenError::WrongLength { expected: TOKEN_LEN, got: s.len() })?;
        if version != VERSION {
            return Err(TokenError::UnsupportedVersion(version));
        }
        if !s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            return Err(TokenError::BadCharacter);
        }
        if s.len() != TOKEN_LEN {
            return Err(TokenError::WrongLength { expected: TOKEN_LEN, got: s.len() });
        }
        let parts: Vec<&str> = s.split('_').collect();
        let [head, key_id, tail] = parts[..] else {
            return Err(TokenError::Malformed);
        };
        if head.len() != PREFIX.len() + 1 || !is_id(key_id) || !is_lower_hex(tail) {
            return Err(TokenError::Malformed);
        }
        let (secret_hex, sum) = tail.split_at(SECRET_HEX_LEN);
        let body_len = s.len() - CHECKSUM_HEX_LEN;
        if !crypto::ct_eq(checksum(&s[..body_len]).as_bytes(), sum.as_bytes()) {
            return Err(TokenError::ChecksumMismatch);
        }
        let mut bytes = Zeroizing::new([0u8; crypto::KEY_LEN]);
        hex::decode_to_slice(secret_hex, bytes.as_mut_slice()).map_err(|_| TokenError::Malformed)?;
        Ok(Token { key_id: key_id.to_string(), secret: SecretKey::from_bytes(*bytes) })
    }
}

/// Whether `s` has the shape of a keysmith id (key, vault, file): 16 lowercase hex.
pub fn is_id(s: &str) -> bool {
    s.len() == KEY_ID_LEN && is_lower_hex(s)
}

/// A random public identifier (keys, vaults, accounts): 16 lowercase hex characters.
pub fn new_id() -> String {
    hex::encode(crypto::random_array::<8>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_uses_only_shell_safe_characters() {
        let t = Token::generate();
        let s = t.expose();
        assert_eq!(s.len(), TOKEN_LEN);
        assert!(s.starts_with("ksk1_"));
        assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
        let back: Token = s.parse().unwrap();
        assert_eq!(back.key_id(), t.key_id());
        assert_eq!(back.secret(), t.secret());
        // Surrounding whitespace (a pasted newline) is tolerated.
        assert!(format!("  {}\n", s.as_str()).parse::<Token>().is_ok());
    }

    #[test]
    fn every_malformation_has_its_own_error() {
        let good = Token::new("0123456789abcdef".into(), SecretKey::from_bytes([7; 32])).expose().to_string();
        let flipped = {
            let mut b = good.clone().into_bytes();
            let i = 30;
            b[i] = if b[i] == b'0' { b'1' } else { b'0' };
            String::from_utf8(b).unwrap()
        };
        let cases: Vec<(String, TokenError)> = vec![
            ("".into(), TokenError::Empty),
            ("   ".into(), TokenError::Empty),
            (good.replacen("ksk", "ghp", 1), TokenError::WrongPrefix),
            (good.replacen("ksk1", "ksk2", 1), TokenError::UnsupportedVersion('2')),
            (good[..good.len() - 1].into(), TokenError::WrongLength { expected: TOKEN_LEN, got: TOKEN_LEN - 1 }),
            (format!("{good}0"), TokenError::WrongLength { expected: TOKEN_LEN, got: TOKEN_LEN + 1 }),
            (good.to_uppercase().replacen("KSK", "ksk", 1), TokenError::BadCharacter),
            (good.replacen('_', "-", 2), TokenError::BadCharacter),
            (good.replacen("0123456789abcdef", "0123456789abcdeg", 1), TokenError::Malformed),
            (good.replacen("_0123456789abcdef_", "_0123456789abcdef0", 1).replacen("ksk1_", "ksk1__", 1)[..TOKEN_LEN].to_string(), TokenError::Malformed),
            (flipped, TokenError::ChecksumMismatch),
        ];
        for (input, expected) in cases {
            assert_eq!(input.parse::<Token>().unwrap_err(), expected, "input {input:?}");
        }
    }

    #[test]
    fn debug_shows_the_key_id_only() {
        let t = Token::generate();
        let shown = format!("{t:?}");
        assert!(shown.contains(t.key_id()));
        assert!(!shown.contains(&hex::encode(t.secret().expose())));
    }
}
