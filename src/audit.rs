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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
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
    "agent.children",
    "agent.connect",
    "agent.delegate",
    "agent.revoke_child",
    "agent.rotate",
    "agent.rotate_child",
    "agent.unauthenticated",
    "file.delete",
    "file.download",
    "file.get",
    "file.list",
    "file.put",
    "file.upload",
    "key.create",
    "key.delegate",
    "key.revoke",
    "key.rotate",
    "owner.audit",
    "owner.audit_head",
    "owner.key",
    "owner.keys",
    "owner.params",
    "owner.session",
    "owner.usage",
    "owner.vaults",
    "server.invite",
    "vault.create",
    "vault.delete",
    "vault.rekey",
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

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventFilter {
    pub key_id: Option<String>,
    pub vault_id: Option<String>,
    /// Comma-separated event names, each exact or a family ending in `.` (e.g.
    /// `key.,file.delete`): events matching any of them.
    pub event: Option<String>,
    /// Comma-separated, as `event`: events matching none of them.
    pub exclude_event: Option<String>,
    /// `owner`, `agent` or `system`.
    pub actor: Option<String>,
    pub outcome: Option<Outcome>,
    /// Hides routine events: successful owner logins (`account.login`, allowed).
    #[serde(default)]
    pub hide_routine: bool,
    pub since: Option<i64>,
    /// Events at or before this time (Unix seconds).
    pub until: Option<i64>,
    pub after_seq: Option<i64>,
    /// At most N events: the newest N, or with `ascending` the oldest N (always
    /// returned oldest first).
    pub limit: Option<usize>,
    #[serde(default)]
    pub ascending: bool,
    /// Long-poll: when nothing matches yet, wait up to this many seconds for an event.
    pub wait_secs: Option<u64>,
}

/// An argument of a filter's SQL condition.
pub enum SqlArg {
    Text(String),
    Int(i64),
}

/// Bounds on what a client may put in a filter: longer lists are refused, not truncated.
const MAX_EVENT_NAMES: usize = 32;

impl EventFilter {
    /// Refuses filters no client needs: overlong event lists, empty or oversized names,
    /// unknown actors.
    pub fn check(&self) -> Result<()> {
        for list in [&self.event, &self.exclude_event].into_iter().flatten() {
            let names: Vec<&str> = list.split(',').collect();
            if names.len() > MAX_EVENT_NAMES || names.iter().any(|n| n.is_empty() || n.len() > 64) {
                return Err(Error::usage(format!("an event filter is 1 to {MAX_EVENT_NAMES} comma-separated names of 1 to 64 bytes")));
            }
        }
        if let Some(a) = &self.actor
            && !ACTORS.contains(&a.as_str())
        {
            return Err(Error::usage(format!("the actor is one of {}", ACTORS.join(", "))));
        }
        Ok(())
    }

    /// The filter as SQL both stores run: ` AND …` conditions whose arguments are
    /// numbered from `first` with `sigil` (`?2` for SQLite, `$2` for PostgreSQL), and the
    /// arguments. Matching is exact, families by prefix.
    pub fn where_sql(&self, first: usize, sigil: char) -> (String, Vec<SqlArg>) {
        let mut sql = String::new();
        let mut args = Vec::new();
        for (condition, values) in self.conditions() {
            sql.push_str(" AND ");
            for (i, part) in condition.split('?').enumerate() {
                if i > 0 {
                    sql += &format!("{sigil}{}", first + args.len() + i - 1);
                }
                sql.push_str(part);
            }
            args.extend(values);
        }
        (sql, args)
    }

    /// The conditions, `?` marking each argument in order.
    fn conditions(&self) -> Vec<(String, Vec<SqlArg>)> {
        let text = |s: &str| SqlArg::Text(s.to_string());
        let names = |list: &str| {
            let mut parts = Vec::new();
            let mut args = Vec::new();
            for name in list.split(',') {
                // A family by the prefix of its length: exact, whatever characters it holds.
                parts.push(if name.ends_with('.') { format!("substr(event, 1, {}) = ?", name.len()) } else { "event = ?".to_string() });
                args.push(text(name));
            }
            (format!("({})", parts.join(" OR ")), args)
        };
        let mut c = Vec::new();
        if let Some(k) = &self.key_id {
            c.push(("key_id = ?".to_string(), vec![text(k)]));
        }
        if let Some(v) = &self.vault_id {
            c.push(("vault_id = ?".to_string(), vec![text(v)]));
        }
        if let Some(list) = &self.event {
            c.push(names(list));
        }
        if let Some(list) = &self.exclude_event {
            let (sql, args) = names(list);
            c.push((format!("NOT {sql}"), args));
        }
        if let Some(a) = &self.actor {
            c.push(("actor = ?".to_string(), vec![text(a)]));
        }
        if let Some(o) = self.outcome {
            c.push(("outcome = ?".to_string(), vec![text(o.name())]));
        }
        if self.hide_routine {
            c.push(("NOT (event = ? AND outcome = ?)".to_string(), vec![text("account.login"), text(Outcome::Allowed.name())]));
        }
        if let Some(t) = self.since {
            c.push(("time >= ?".to_string(), vec![SqlArg::Int(t)]));
        }
        if let Some(t) = self.until {
            c.push(("time <= ?".to_string(), vec![SqlArg::Int(t)]));
        }
        if let Some(a) = self.after_seq {
            c.push(("seq > ?".to_string(), vec![SqlArg::Int(a)]));
        }
        c
    }
}

#[cfg(test)]
mod filter_tests {
    use super::*;

    #[test]
    fn every_argument_gets_its_own_number_in_order() {
        let f = EventFilter { key_id: Some("k".into()), event: Some("key.,file.delete".into()), hide_routine: true, since: Some(5), ..Default::default() };
        let (sql, args) = f.where_sql(2, '$');
        assert_eq!(sql, " AND key_id = $2 AND (substr(event, 1, 4) = $3 OR event = $4) AND NOT (event = $5 AND outcome = $6) AND time >= $7");
        assert_eq!(args.len(), 6);
        assert!(EventFilter { event: Some(vec!["a"; 33].join(",")), ..Default::default() }.check().is_err());
        assert!(EventFilter { exclude_event: Some("key.,".into()), ..Default::default() }.check().is_err());
        assert!(EventFilter { actor: Some("root".into()), ..Default::default() }.check().is_err());
        assert!(f.check().is_ok());
    }
}

/// Who an event is attributed to.
pub const ACTORS: [&str; 3] = ["owner", "agent", "system"];

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
