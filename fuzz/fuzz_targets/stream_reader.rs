//! The STREAM reader: any bytes, fed in any split, are refused or decrypted without a
//! panic; a reader never accepts what the writer did not make (checked by re-encryption).
#![no_main]
use keysmith::crypto::SecretKey;
use keysmith::stream::{Decryptor, Encryptor};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let key = SecretKey::from_bytes([9; 32]);
    // First byte: how to split the input; the rest: the ciphertext.
    let Some((&split, ct)) = data.split_first() else { return };
    let step = usize::from(split).max(1);
    let mut dec = Decryptor::new(&key, "fuzz");
    let mut out = Vec::new();
    let mut ok = ct.chunks(step).try_for_each(|c| dec.update(c, &mut out)).is_ok();
    ok = ok && dec.finish(&mut out).is_ok();
    if ok && ct.len() >= keysmith::stream::HEADER_LEN {
        // Authentic: the same key and nonce prefix re-encrypt the plaintext to the same bytes.
        let prefix: [u8; 7] = ct[8..15].try_into().expect("7 bytes");
        let mut again = Vec::new();
        let mut enc = Encryptor::new(&key, "fuzz", prefix);
        enc.update(&out, &mut again).expect("encrypts");
        enc.finish(&mut again).expect("encrypts");
        assert_eq!(again, ct);
    }
});
