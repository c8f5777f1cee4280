//! Signed-request verification: hostile headers, targets and bodies are refused without a
//! panic, and nothing but the key's own signature verifies.
#![no_main]
use keysmith::crypto::{AgentKeys, SecretKey, VerifyingKey};
use keysmith::signature;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static KEYS: LazyLock<AgentKeys> = LazyLock::new(|| AgentKeys::derive(&SecretKey::from_bytes([3; 32])));
static PUBLIC: LazyLock<VerifyingKey> = LazyLock::new(|| VerifyingKey::from_bytes(&KEYS.public_key()).expect("a valid point"));

fuzz_target!(|data: &[u8]| {
    // timestamp \n nonce \n signature \n method \n target \n body
    let mut parts = data.splitn(6, |b| *b == b'\n');
    let mut field = || parts.next().map(|p| String::from_utf8_lossy(p).into_owned()).unwrap_or_default();
    let (ts, nonce, sig, method, target, body) = (field(), field(), field(), field(), field(), field());
    let now = 1_800_000_000;
    let Ok(timestamp) = ts.parse::<i64>() else { return };
    let Ok(raw) = signature::check_headers(timestamp, &nonce, &sig, now) else { return };
    let verified = signature::verify(&PUBLIC, &method, &target, timestamp, &nonce, body.as_bytes(), &raw).is_ok();
    // Only a signature the key made verifies.
    let genuine = KEYS.sign(signature::canonical(&method, &target, timestamp, &nonce, body.as_bytes()).as_bytes());
    assert_eq!(verified, genuine == raw);
});
