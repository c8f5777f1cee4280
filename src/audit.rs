//! The audit trail: append-only events in SHA-256 hash chains, one per account (and one
//! for the server's own events, [`SERVER_CHAIN`]).
//!
//! `hash(n) = SHA-256(hash(n-1) || canonical JSON of event n)` with 32 zero bytes before
//! the first event. The chain's head (last sequence and hash) is also kept apart from the
//! events, so deleting the newest events is detected too. Events never carry plaintext,
//! file names or key material: only ids, the key label, sizes, outcomes and reasons.

use crate::backend::{Backend, Session};
use crate::crypto;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Allowed,
    Denied,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Allowed => "allowed",
            Outcome::Denied => "denied",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "allowed" => Some(Outcome::Allowed),
            "denied" => Some(Outcome::Denied),
            _ => None,
        }
    }
}

/// An event before it is placed in the chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewEvent {
    pub account_id: Option<String>,
    /// e.g. `key.create`, `key.rotate`, `file.get`.
    pub event: String,
    /// `owner`, `agent`, or `system`.
    pub actor: String,
    pub key_id: Option<String>,
    pub key_label: Option<String>,
    pub vault_id: Option<String>,
    pub file_id: Option<String>,
    /// Encrypted size in bytes, where a blob is involved.
    pub size: Option<u64>,
    pub outcome: Outcome,
    pub reason: Option<String>,
}

impl NewEvent {
    pub fn owner(account_id: &str, event: &str) -> Self {
        NewEvent {
            account_id: Some(account_id.to_string()),
            event: event.to_string(),
            actor: "owner".into(),
            key_id: None,
            key_label: None,
            vault_id: None,
            file_id: None,
            size: None,
            outcome: Outcome::Allowed,
            reason: None,
        }
    }
    /// An event of no account (it goes to [`SERVER_CHAIN`]): a request no key or session
    /// could be tied to, or the operator's own action.
    pub fn unattributed(actor: &str, event: &str) -> Self {
        NewEvent { account_id: None, actor: actor.to_string(), ..NewEvent::owner("", event) }
    }
    pub fn key(mut self, id: &str, label: &str) -> Self {
        self.key_id = Some(id.to_string());
        self.key_label = Some(label.to_string());
        self
    }
    pub fn vault(mut self, id: &str) -> Self {
        self.vault_id = Some(id.to_string());
        self
    }
    pub fn denied(mut self, reason: &str) -> Self {
        self.outcome = Outcome::Denied;
        self.reason = Some(reason.to_string());
        self
    }
    pub fn reason(mut self, reason: &str) -> Self {
        self.reason = Some(reason.to_string());
        self
    }
}

/// An event in the chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub seq: i64,
    pub time: i64,
    #[serde(flatten)]
    pub body: NewEvent,
    #[serde(with = "crate::serde_hex::bytes")]
    pub prev_hash: Vec<u8>,
    #[serde(with = "crate::serde_hex::bytes")]
    pub hash: Vec<u8>,
}

pub const GENESIS: [u8; 32] = [0; 32];

/// What `audit tail --event` accepts: every event name a backend records (PROTOCOL.md
/// lists them; `request` is a refused request to a route with no name), then each family
/// (`key.` matches every `key.*` event).
pub const EVENT_FILTERS: &[&str] = &[
    "account.create",
    "account.login",
    "account.logout",
    "account.passwd",
    "agent.connect",
    "agent.rotate",
    "agent.unauthenticated",
    "file.delete",
    "file.download",
    "file.get",
    "file.list",
    "file.put",
    "file.upload",
    "key.create",
    "key.revoke",
    "key.rotate",
    "owner.audit",
    "owner.audit_head",
    "owner.key",
    "owner.keys",
    "owner.params",
    "owner.session",
    "owner.vaults",
    "server.invite",
    "vault.create",
    "vault.delete",
    "vault.list",
    "request",
    "account.",
    "agent.",
    "file.",
    "key.",
    "owner.",
    "server.",
    "vault.",
];

/// The chain of events that belong to no account (requests no key or session could be
/// tied to, invites): the operator's, never shown to an owner.
pub const SERVER_CHAIN: &str = "";

/// Each account has a hash chain of its own; events of no account go to [`SERVER_CHAIN`].
pub fn chain_of(event: &NewEvent) -> &str {
    event.account_id.as_deref().unwrap_or(SERVER_CHAIN)
}

/// Events to append, as runs that go to one chain each (usually a single run), in order:
/// a store moves each run's chain head once.
pub fn runs(events: &[NewEvent]) -> impl Iterator<Item = (&str, &[NewEvent])> {
    events.chunk_by(|a, b| chain_of(a) == chain_of(b)).map(|run| (chain_of(&run[0]), run))
}

/// The hash of an event given its predecessor's hash.
pub fn chain_hash(prev_hash: &[u8], seq: i64, time: i64, body: &NewEvent) -> [u8; 32] {
    #[derive(Serialize)]
    struct Canonical<'a> {
        seq: i64,
        time: i64,
        body: &'a NewEvent,
    }
    let canonical = serde_json::to_vec(&Canonical { seq, time, body }).expect("events serialize");
    crypto::sha256(&[prev_hash, &canonical])
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EventFilter {
    pub key_id: Option<String>,
    pub vault_id: Option<String>,
    /// Exact event name, or a prefix ending in `.` (e.g. `key.`).
    pub event: Option<String>,
    pub since: Option<i64>,
    pub after_seq: Option<i64>,
    /// At most N events: the newest N, or with `ascending` the oldest N (always
    /// returned oldest first).
    pub limit: Option<usize>,
    #[serde(default)]
    pub ascending: bool,
    /// Long-poll: when nothing matches yet, wait up to this many seconds for an event.
    pub wait_secs: Option<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub events: i64,
    #[serde(with = "crate::serde_hex::bytes")]
    pub head: Vec<u8>,
}

/// The walk along the chain: each event must come next, link to the one before and hash
/// to what it says. Pure, so that a hostile backend's events can be fuzzed through it.
pub struct ChainWalk {
    prev: Vec<u8>,
    next_seq: i64,
}

impl Default for ChainWalk {
    fn default() -> Self {
        ChainWalk { prev: GENESIS.to_vec(), next_seq: 1 }
    }
}

impl ChainWalk {
    /// Checks the next event of the chain.
    pub fn step(&mut self, ev: &Event) -> Result<()> {
        let expected = self.next_seq;
        if ev.seq != expected {
            return Err(Error::integrity(format!("audit chain broken: event {expected} is missing (next stored event is {})", ev.seq))
                .hint("events were deleted from the audit log; restore the database from a backup and investigate"));
        }
        if ev.prev_hash != self.prev {
            return Err(Error::integrity(format!("audit chain broken at event {}: it does not link to event {}", ev.seq, expected - 1))
                .hint("the audit log was edited; restore the database from a backup and investigate"));
        }
        if chain_hash(&self.prev, ev.seq, ev.time, &ev.body).as_slice() != ev.hash.as_slice() {
            return Err(Error::integrity(format!("audit chain broken at event {}: its contents were altered", ev.seq))
                .hint("the audit log was edited; restore the database from a backup and investigate"));
        }
        self.prev = ev.hash.clone();
        self.next_seq += 1;
        Ok(())
    }

    /// How many events were walked.
    pub fn walked(&self) -> i64 {
        self.next_seq - 1
    }

    /// Checks that the chain ends at the recorded head (`None`: no head was recorded).
    pub fn finish(self, head: Option<(i64, Vec<u8>)>) -> Result<VerifyReport> {
        let events = self.walked();
        match head {
            Some((seq, hash)) if seq != events || hash != self.prev => {
                Err(Error::integrity(format!("audit chain broken: the recorded head does not match event {events}"))
                    .hint("the audit log or its head was edited; restore the database from a backup and investigate"))
            }
            None if events > 0 => Err(Error::integrity("audit chain broken: its recorded head is missing")
                .hint("the audit head was deleted; restore the database from a backup and investigate")),
            _ => Ok(VerifyReport { events, head: self.prev }),
        }
    }
}

/// Walks the whole chain up to the head recorded when the walk starts. Any edited,
/// inserted, reordered or deleted event is an integrity error naming its position.
pub fn verify(backend: &dyn Backend, session: &Session, progress: impl FnMut(i64)) -> Result<VerifyReport> {
    verify_chain(|| backend.audit_head(session), |f| backend.audit_events(session, f), progress)
}

/// [`verify`] over a chain's head and its events, however they are read.
pub fn verify_chain(
    head: impl FnOnce() -> Result<Option<(i64, Vec<u8>)>>,
    events: impl Fn(&EventFilter) -> Result<Vec<Event>>,
    mut progress: impl FnMut(i64),
) -> Result<VerifyReport> {
    const PAGE: usize = 10_000;
    let head = head()?;
    if head.is_none() && !events(&EventFilter { limit: Some(1), ..Default::default() })?.is_empty() {
        return Err(Error::integrity("audit chain broken: its recorded head is missing")
            .hint("the audit head was deleted; restore the database from a backup and investigate"));
    }
    let end = head.as_ref().map(|(seq, _)| *seq).unwrap_or(0);
    let mut walk = ChainWalk::default();
    while walk.walked() < end {
        let filter = EventFilter { after_seq: Some(walk.walked()), limit: Some(PAGE), ascending: true, ..Default::default() };
        let page = events(&filter)?;
        if page.is_empty() {
            return Err(Error::integrity(format!("audit chain broken: events {} to {end} were removed", walk.walked() + 1))
                .hint("the newest audit events were deleted; restore the database from a backup and investigate"));
        }
        // Every page moves the walk on or fails it (a stored event past a missing one
        // fails here rather than being skipped, which would walk forever).
        for ev in &page {
            if walk.walked() >= end {
                break;
            }
            walk.step(ev)?;
        }
        progress(walk.walked());
    }
    walk.finish(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<Event> {
        let mut prev = GENESIS.to_vec();
        (1..=n)
            .map(|seq| {
                let body = NewEvent::owner("acct", "key.create").key("0123456789abcdef", "ci");
                let hash = chain_hash(&prev, seq, 1_000 + seq, &body).to_vec();
                Event { seq, time: 1_000 + seq, body, prev_hash: std::mem::replace(&mut prev, hash.clone()), hash }
            })
            .collect()
    }

    #[test]
    fn the_walk_finds_gaps_edits_relinks_and_a_wrong_head() {
        let events = chain(5);
        let head = Some((5, events[4].hash.clone()));
        let walk = |evs: &[Event], head: Option<(i64, Vec<u8>)>| {
            let mut w = ChainWalk::default();
            evs.iter().try_for_each(|e| w.step(e)).and_then(|()| w.finish(head)).map(|r| r.events)
        };
        assert_eq!(walk(&events, head.clone()).unwrap(), 5);
        let mut gap = events.clone();
        gap.remove(2);
        assert!(walk(&gap, head.clone()).unwrap_err().message().contains("event 3 is missing"));
        let mut edited = events.clone();
        edited[1].body.key_label = Some("innocent".into());
        assert!(walk(&edited, head.clone()).unwrap_err().message().contains("altered"));
        assert!(walk(&events[..4], head.clone()).unwrap_err().message().contains("head"));
        assert!(walk(&events, None).unwrap_err().message().contains("head is missing"));
        assert_eq!(walk(&[], None).unwrap(), 0);
    }
}
