//! Every JSON body the server accepts, parsed and checked as the server checks it: no
//! input panics, and whatever passes the checks has the documented shapes.
#![no_main]
use keysmith::server::api::{AnnounceRequest, CreateVaultRequest, RotateRequest};
use keysmith::server::owner::{KeyRequest, LoginRequest, PasswdRequest, RegisterRequest, RotateKeyRequest};
use keysmith::store::{Grant, Vault};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let now = 1_800_000_000;
    if let Ok(r) = serde_json::from_slice::<RegisterRequest>(data) {
        let _ = r.vault.check_shape();
    }
    if let Ok(r) = serde_json::from_slice::<KeyRequest>(data) {
        if keysmith::owner::accept_new_key(&r.key, None, now).is_ok() {
            assert_eq!(r.key.public_key.len(), 32);
        }
        let _ = r.grants.iter().map(Grant::check_shape).count();
    }
    if let Ok(r) = serde_json::from_slice::<RotateKeyRequest>(data) {
        let _ = keysmith::owner::accept_new_key(&r.key, Some("0123456789abcdef"), now);
    }
    if let Ok(v) = serde_json::from_slice::<Vault>(data)
        && v.check_shape().is_ok()
    {
        assert!(v.wrapped_key.is_some() || v.sealed_key.is_some());
    }
    let _ = serde_json::from_slice::<LoginRequest>(data);
    let _ = serde_json::from_slice::<PasswdRequest>(data);
    let _ = serde_json::from_slice::<AnnounceRequest>(data);
    let _ = serde_json::from_slice::<CreateVaultRequest>(data);
    let _ = serde_json::from_slice::<RotateRequest>(data);
});
