//! The token parser: any input is refused with a typed error or parses into a token that
//! prints back as the same string.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(token) = text.parse::<keysmith::token::Token>() {
        assert_eq!(token.expose().as_str(), text.trim());
    }
});
