//! The audit chain reader, fed what a hostile backend could answer (`GET /v1/owner/audit`
//! pages and the head): refused or accepted without a panic or a hang.
#![no_main]
use keysmith::audit::{ChainWalk, Event};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(events) = serde_json::from_slice::<Vec<Event>>(data) else { return };
    let mut walk = ChainWalk::default();
    if events.iter().try_for_each(|e| walk.step(e)).is_ok() {
        let head = events.last().map(|e| (e.seq, e.hash.clone()));
        assert!(walk.finish(head).is_ok(), "a chain that walks ends at its own last event");
    }
});
