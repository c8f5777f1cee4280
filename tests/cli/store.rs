//! One conformance suite for every `Store`: each test runs against SQLite and against a
//! real PostgreSQL, and asserts only what the trait promises.

use keysmith::audit::{self, EventFilter, NewEvent};
use keysmith::crypto::{self, SecretKey};
use keysmith::policy::{self, Permission, RateLimit, Scope};
use keysmith::store::postgres::PgStore;
use keysmith::store::sqlite::SqliteStore;
use keysmith::store::{Account, Admission, Admitted, ApiKey, FileRecord, Grant, PasswordChange, Registration, Store, Stored, UsageDay, UsageQuery, Vault};

/// A store under test and what keeps it alive.
struct Subject {
    name: &'static str,
    store: Box<dyn Store>,
    _keep: Box<dyn std::any::Any>,
}

fn sqlite() -> Subject {
    let dir = tempfile::tempdir().unwrap();
    Subject { name: "sqlite", store: Box::new(SqliteStore::open_dir(dir.path()).unwrap()), _keep: Box::new(dir) }
}

/// A runtime for PostgreSQL stores; its worker threads run the connections.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

fn postgres_at(url: &str) -> Subject {
    let rt = runtime();
    let store = PgStore::connect(url, rt.handle().clone()).unwrap();
    Subject { name: "postgres", store: Box::new(store), _keep: Box::new(rt) }
}

/// Runs `test` against each store.
fn each(test: impl Fn(&dyn Store)) {
    for s in [sqlite(), postgres_at(&crate::pg::database())] {
        eprintln!("store: {}", s.name);
        test(s.store.as_ref());
    }
}

fn id() -> String {
    keysmith::token::new_id()
}

fn account(store: &dyn Store, registration: Registration) -> keysmith::error::Result<String> {
    let id = id();
    let a = Account {
        id: id.clone(),
        kdf_salt: vec![1; 32],
        kdf: keysmith::crypto::Kdf::DEFAULT,
        login_verifier: vec![2; 32],
        wrapped_master_key: vec![3; 61],
        public_key: vec![4; 32],
        wrapped_private_key: vec![5; 61],
        created_at: policy::now(),
    };
    store.create_account(&a, &vault(&id), registration, &[NewEvent::owner(&id, "account.create")]).map(|()| id)
}

fn vault(account: &str) -> Vault {
    Vault {
        id: id(),
        account_id: account.into(),
        encrypted_name: vec![7; 40],
        wrapped_key: Some(vec![8; 61]),
        sealed_key: None,
        created_by: "owner".into(),
        created_at: policy::now(),
        key_version: 1,
        key_chain: Vec::new(),
    }
}

/// A pending upload of `size` bytes into `vault` by `by`, encrypted for key version 1.
fn pending_file(vault: &str, by: &str, size: u64, created_at: i64) -> FileRecord {
    FileRecord {
        id: id(),
        vault_id: vault.into(),
        encrypted_name: vec![1; 40],
        wrapped_key: vec![2; 61],
        size,
        sha256: vec![3; 32],
        state: "pending".into(),
        created_by: by.into(),
        created_at,
        key_version: 1,
    }
}

fn key(account: &str, vaults: &[&str], expires_at: Option<i64>) -> (ApiKey, Vec<Grant>) {
    let id = id();
    let key = ApiKey {
        id: id.clone(),
        account_id: account.into(),
        label: "ci".into(),
        public_key: vec![9; 32],
        scope: Scope {
            permissions: vec![Permission::Read, Permission::Write],
            vaults: {
                let mut v: Vec<String> = vaults.iter().map(|s| s.to_string()).collect();
                v.sort();
                v
            },
            rate_limit: None,
            bytes_per_day: None,
            write_only: false,
        },
        expires_at,
        created_at: policy::now(),
        last_used_at: None,
        revoked_at: None,
        rotated_from: None,
        rotated_to: None,
        grace_end: None,
        account_key_binding: Some(vec![6; 61]),
        parent_id: None,
        escrow: Some(vec![7; 94]),
    };
    let grants = vaults.iter().map(|v| Grant { key_id: id.clone(), vault_id: v.to_string(), wrapped_vault_key: vec![1; 61] }).collect();
    (key, grants)
}

fn admission(key_id: &str, nonce: &str, now: i64) -> Admission {
    Admission {
        key_id: key_id.into(),
        nonce: nonce.into(),
        nonce_expires_at: now + 600,
        now,
        rate_limit: None,
        bytes_per_day: None,
        bytes: 0,
        event: NewEvent::unattributed("agent", "agent.connect"),
    }
}

/// An account with a vault and a key in it: (account, vault, key id).
fn setup(store: &dyn Store) -> (String, String, String) {
    let acct = account(store, Registration::Open).unwrap();
    let v = vault(&acct);
    store.create_vault(&v, &[], &[NewEvent::owner(&acct, "vault.create").vault(&v.id)]).unwrap();
    let (k, grants) = key(&acct, &[&v.id], None);
    store.create_key(&k, &grants, &[NewEvent::owner(&acct, "key.create").key(&k.id, "ci")]).unwrap();
    (acct, v.id, k.id)
}

#[test]
fn a_rekey_commits_whole_or_not_at_all() {
    each(|s| {
        let (acct, v, k) = setup(s);
        let (gone, grants) = key(&acct, &[&v], None);
        s.create_key(&gone, &grants, &[NewEvent::owner(&acct, "key.create").key(&gone.id, "ci")]).unwrap();
        let plan = |from: u32, grant_to: &[&str]| keysmith::store::Rekey {
            revoke: vec![gone.id.clone()],
            vaults: vec![keysmith::store::VaultRekey {
                vault_id: v.clone(),
                from_version: from,
                wrapped_key: vec![9; 61],
                encrypted_name: vec![9; 40],
                key_chain: (1..=from).map(|version| keysmith::store::ChainLink { version, wrapped_key: vec![version as u8; 61] }).collect(),
                grants: grant_to.iter().map(|id| Grant { key_id: id.to_string(), vault_id: v.clone(), wrapped_vault_key: vec![8; 61] }).collect(),
            }],
        };
        let now = policy::now();
        // Refused, and nothing changed: a usable key left without a grant, a revoked one given one, a stale version.
        for bad in [plan(1, &[]), plan(1, &[&k, &gone.id]), plan(2, &[&k])] {
            assert!(s.rekey(&acct, &bad, now, &[]).is_err());
        }
        assert!(s.get_key(&gone.id).unwrap().unwrap().revoked_at.is_none(), "a refused rekey revokes nothing");
        let vault_of = || s.list_vaults(&acct).unwrap().into_iter().find(|x| x.id == v).unwrap();
        assert_eq!(vault_of().key_version, 1);
        // Another account's vault is not found.
        let other = account(s, Registration::Open).unwrap();
        assert_eq!(s.rekey(&other, &plan(1, &[&k]), now, &[]).unwrap_err().kind(), keysmith::error::Kind::NotFound);

        s.rekey(&acct, &plan(1, &[&k]), now, &[NewEvent::owner(&acct, "vault.rekey").vault(&v)]).unwrap();
        let vault = vault_of();
        assert_eq!((vault.key_version, vault.wrapped_key.clone(), vault.sealed_key.clone()), (2, Some(vec![9; 61]), None));
        assert_eq!(vault.key_chain, vec![keysmith::store::ChainLink { version: 1, wrapped_key: vec![1; 61] }]);
        assert_eq!(s.get_key(&gone.id).unwrap().unwrap().revoked_at, Some(now));
        let granted = s.granted_vaults(&k).unwrap();
        assert_eq!((granted[0].key_version, granted[0].wrapped_vault_key.clone(), granted[0].key_chain.len()), (2, vec![8; 61], 1));
        // Uploads encrypted for version 1 are refused now; version 2 is accepted.
        let file = |key_version| FileRecord { key_version, ..pending_file(&v, &k, 1, now) };
        assert_eq!(s.announce_file(&file(1), &[]).unwrap_err().kind(), keysmith::error::Kind::Failure);
        let f2 = file(2);
        s.announce_file(&f2, &[]).unwrap();
        assert_eq!(s.get_file(&f2.id).unwrap().unwrap().key_version, 2);
    });
}

#[test]
fn a_write_only_key_reads_back_write_only() {
    each(|s| {
        let (acct, v, _) = setup(s);
        let (k, grants) = key(&acct, &[&v], None);
        let k = ApiKey { scope: Scope { permissions: vec![Permission::Write], write_only: true, ..k.scope.clone() }, ..k };
        s.create_key(&k, &grants, &[NewEvent::owner(&acct, "key.create").key(&k.id, "ci")]).unwrap();
        assert_eq!(s.get_key(&k.id).unwrap().unwrap(), k);
        assert!(s.list_keys(&acct).unwrap().iter().any(|l| l.id == k.id && l.scope.write_only));
    });
}

#[test]
fn registration_single_open_and_invite() {
    each(|s| {
        let first = account(s, Registration::Single).unwrap();
        assert_eq!(account(s, Registration::Single).unwrap_err().kind(), keysmith::error::Kind::Failure, "a second account under `single`");
        assert_eq!(s.default_account().unwrap().unwrap().id, first);
        account(s, Registration::Open).unwrap();
        assert!(s.default_account().is_err(), "two accounts: no default");
        let code = SecretKey::random();
        let verifier = crypto::invite_verifier(&code);
        s.create_invite(&verifier, policy::now() + 60, &[]).unwrap();
        let now = policy::now();
        let wrong = crypto::invite_verifier(&SecretKey::random());
        assert_eq!(account(s, Registration::Invite { verifier: &wrong, now }).unwrap_err().kind(), keysmith::error::Kind::Auth);
        account(s, Registration::Invite { verifier: &verifier, now }).unwrap();
        assert_eq!(account(s, Registration::Invite { verifier: &verifier, now }).unwrap_err().kind(), keysmith::error::Kind::Auth, "spent");
        s.create_invite(&wrong, now + 60, &[]).unwrap();
        assert!(account(s, Registration::Invite { verifier: &wrong, now: now + 61 }).is_err(), "expired");
    });
}

#[test]
fn every_account_has_a_chain_of_its_own_numbered_from_one() {
    each(|s| {
        let (a, va, ka) = setup(s);
        let (b, _, _) = setup(s);
        s.append_events(&[
            NewEvent::owner(&a, "file.get").vault(&va).key(&ka, "ci"),
            NewEvent::owner(&b, "file.get"),
            NewEvent::unattributed("agent", "agent.connect").denied("unknown API key"),
        ])
        .unwrap();
        for (chain, n) in [(a.as_str(), 4), (b.as_str(), 4), (audit::SERVER_CHAIN, 1)] {
            let events = s.query_events(chain, &EventFilter { ascending: true, ..Default::default() }).unwrap();
            assert_eq!(events.iter().map(|e| e.seq).collect::<Vec<_>>(), (1..=n).collect::<Vec<_>>(), "chain {chain:?}");
            assert!(events.iter().all(|e| audit::chain_of(&e.body) == chain));
            let report = audit::verify_chain(|| s.audit_head(chain), |f| s.query_events(chain, f), |_| {}).unwrap();
            assert_eq!(report.events, n);
        }
        // Filters: key, vault, event family, after_seq, newest N.
        let only = |f: EventFilter| s.query_events(&a, &f).unwrap().iter().map(|e| e.body.event.clone()).collect::<Vec<_>>();
        assert_eq!(only(EventFilter { key_id: Some(ka.clone()), ..Default::default() }), ["key.create", "file.get"]);
        assert_eq!(only(EventFilter { vault_id: Some(va.clone()), ..Default::default() }), ["vault.create", "file.get"]);
        assert_eq!(only(EventFilter { event: Some("file.".into()), ..Default::default() }), ["file.get"]);
        assert_eq!(only(EventFilter { event: Some("file".into()), ..Default::default() }), Vec::<String>::new());
        assert_eq!(only(EventFilter { after_seq: Some(2), ..Default::default() }), ["key.create", "file.get"]);
        assert_eq!(only(EventFilter { limit: Some(2), ..Default::default() }), ["key.create", "file.get"]);
        assert_eq!(only(EventFilter { limit: Some(2), ascending: true, ..Default::default() }), ["account.create", "vault.create"]);
        // Lists, exclusions, actor, outcome, routine logins, a time range.
        s.append_events(&[
            NewEvent::owner(&a, "account.login"),
            NewEvent::owner(&a, "account.login").denied("wrong password"),
            NewEvent::owner(&a, "owner.audit_head"),
        ])
        .unwrap();
        let agent_event = {
            let mut e = NewEvent::owner(&a, "file.delete").vault(&va).key(&ka, "ci");
            e.actor = "agent".into();
            e
        };
        s.append_events(&[agent_event]).unwrap();
        assert_eq!(only(EventFilter { event: Some("vault.,file.delete".into()), ..Default::default() }), ["vault.create", "file.delete"]);
        assert_eq!(only(EventFilter { event: Some("owner.".into()), ..Default::default() }), ["owner.audit_head"], "a family's name may hold `_`");
        assert_eq!(
            only(EventFilter { exclude_event: Some("account.,file.get".into()), ..Default::default() }),
            ["vault.create", "key.create", "owner.audit_head", "file.delete"]
        );
        assert_eq!(only(EventFilter { actor: Some("agent".into()), ..Default::default() }), ["file.delete"]);
        assert_eq!(only(EventFilter { outcome: Some(audit::Outcome::Denied), ..Default::default() }), ["account.login"]);
        let routine = only(EventFilter { hide_routine: true, event: Some("account.".into()), ..Default::default() });
        assert_eq!(routine, ["account.create", "account.login"], "only the denied login stays");
        let now = keysmith::policy::now();
        assert_eq!(only(EventFilter { until: Some(now - 3600), ..Default::default() }), Vec::<String>::new());
        assert_eq!(only(EventFilter { since: Some(now - 3600), until: Some(now + 5), limit: Some(1), ..Default::default() }), ["file.delete"]);
        assert!(s.audit_head("0000000000000000").unwrap().is_none());
    });
}

#[test]
fn a_nonce_is_admitted_once() {
    each(|s| {
        let (_, _, k) = setup(s);
        let now = policy::now();
        assert!(matches!(s.admit(&admission(&k, "n1", now)).unwrap(), Admitted::Yes(None)));
        assert_eq!(s.admit(&admission(&k, "n1", now)).unwrap(), Admitted::Replay);
        assert!(matches!(s.admit(&admission(&k, "n2", now)).unwrap(), Admitted::Yes(None)));
        assert_eq!(s.get_key(&k).unwrap().unwrap().last_used_at, Some(now));
    });
}

#[test]
fn a_rate_window_admits_exactly_its_limit_then_starts_afresh() {
    each(|s| {
        let (_, _, k) = setup(s);
        let now = 7_200 * (policy::now() / 7_200);
        let admit = |i: u32, now: i64| {
            s.admit(&Admission { rate_limit: Some(RateLimit { requests: 3, window_secs: 3600 }), ..admission(&k, &format!("n{i}"), now) }).unwrap()
        };
        let outcomes: Vec<Admitted> = (0..5).map(|i| admit(i, now + 10)).collect();
        let remaining: Vec<Option<u64>> = outcomes
            .iter()
            .map(|o| match o {
                Admitted::Yes(Some(r)) => Some(r.remaining),
                Admitted::RateLimited(r) => {
                    assert_eq!(r.reset_secs, 3590);
                    None
                }
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(remaining, [Some(2), Some(1), Some(0), None, None]);
        assert!(matches!(admit(10, now + 3600), Admitted::Yes(Some(r)) if r.remaining == 2), "the next window starts afresh");
    });
}

#[test]
fn a_byte_quota_admits_up_to_its_limit_and_denials_use_none_of_it() {
    each(|s| {
        let (_, _, k) = setup(s);
        let now = policy::now();
        let admit = |i: u32, bytes: u64| s.admit(&Admission { bytes_per_day: Some(100), bytes, ..admission(&k, &format!("b{i}"), now) }).unwrap();
        assert!(matches!(admit(0, 60), Admitted::Yes(_)));
        assert!(matches!(admit(1, 50), Admitted::QuotaExceeded { .. }));
        assert!(matches!(admit(2, 40), Admitted::Yes(_)), "the refused 50 bytes were not counted");
        assert!(matches!(admit(3, 1), Admitted::QuotaExceeded { .. }));
        assert!(matches!(admit(4, 0), Admitted::Yes(_)));
        assert!(matches!(admit(5, 101), Admitted::QuotaExceeded { .. }));
    });
}

#[test]
fn keys_rotate_once_never_past_their_expiry_and_revoke_idempotently() {
    each(|s| {
        let (acct, v, _) = setup(s);
        let now = policy::now();
        let (old, grants) = key(&acct, &[&v], Some(now + 100));
        s.create_key(&old, &grants, &[]).unwrap();
        let (new, new_grants) = key(&acct, &[&v], Some(now + 1000));
        let new = ApiKey { rotated_from: Some(old.id.clone()), ..new };
        s.rotate_key(&old.id, now + 500, &new, &new_grants, &[]).unwrap();
        let stored = s.get_key(&old.id).unwrap().unwrap();
        assert_eq!((stored.rotated_to.as_deref(), stored.grace_end), (Some(new.id.as_str()), Some(now + 100)), "grace capped at the expiry");
        let (again, again_grants) = key(&acct, &[&v], None);
        assert_eq!(s.rotate_key(&old.id, now + 50, &again, &again_grants, &[]).unwrap_err().kind(), keysmith::error::Kind::Failure);
        assert!(s.get_key(&again.id).unwrap().is_none(), "a refused rotation leaves no new key");
        s.revoke_key(&new.id, now + 5, &[]).unwrap();
        s.revoke_key(&new.id, now + 9, &[]).unwrap();
        assert_eq!(s.get_key(&new.id).unwrap().unwrap().revoked_at, Some(now + 5));
        assert_eq!(s.revoke_key(&id(), now, &[]).unwrap_err().kind(), keysmith::error::Kind::NotFound);
        let keys = s.list_keys(&acct).unwrap();
        assert_eq!(keys.iter().map(|k| k.scope.vaults.clone()).collect::<Vec<_>>(), vec![vec![v.clone()]; 3]);
        assert_eq!(s.granted_vaults(&new.id).unwrap().len(), 1);
        assert_eq!(s.grants(&new.id).unwrap()[0].vault_id, v);
    });
}

#[test]
fn files_become_visible_when_complete_and_go_with_their_vault() {
    each(|s| {
        let (acct, v, k) = setup(s);
        let file = pending_file(&v, &k, 5_000_000_000, policy::now());
        s.announce_file(&file, &[]).unwrap();
        assert_eq!(s.vault_account(&v).unwrap(), Some(acct.clone()));
        assert_eq!(s.vault_account(&id()).unwrap(), None);
        assert!(s.list_files(&v).unwrap().is_empty(), "pending files are not listed");
        s.complete_file(&file.id, &[]).unwrap();
        assert!(s.complete_file(&file.id, &[]).is_err());
        assert_eq!(s.list_files(&v).unwrap(), vec![FileRecord { state: "complete".into(), ..file.clone() }]);
        assert_eq!(s.delete_vault(&v, &[NewEvent::owner(&acct, "vault.delete")]).unwrap(), vec![file.id.clone()]);
        assert!(s.get_file(&file.id).unwrap().is_none());
        assert!(s.get_key(&k).unwrap().unwrap().scope.vaults.is_empty(), "grants go with the vault");
        assert_eq!(s.delete_vault(&v, &[]).unwrap_err().kind(), keysmith::error::Kind::NotFound);
        assert_eq!(s.list_vaults(&acct).unwrap().len(), 1, "the first vault stays");
    });
}

#[test]
fn usage_counts_each_keys_agent_events_per_day_and_its_stored_files() {
    each(|s| {
        let (acct, v, k) = setup(s);
        let (other, grants) = key(&acct, &[&v], None);
        s.create_key(&other, &grants, &[]).unwrap();
        let (acct2, v2, k2) = setup(s);
        let agent = |acct: &str, key: &str, event: &str| NewEvent { actor: "agent".into(), ..NewEvent::owner(acct, event) }.key(key, "ci");
        let sized = |e: NewEvent, n: u64| NewEvent { size: Some(n), ..e };
        s.append_events(&[
            agent(&acct, &k, "agent.connect"),
            sized(agent(&acct, &k, "file.put"), 1000),
            sized(agent(&acct, &k, "file.upload"), 1000),
            sized(agent(&acct, &k, "file.get"), 300),
            sized(agent(&acct, &k, "file.get"), 5000).denied("daily byte quota exceeded"),
            agent(&acct, &other.id, "file.list"),
            NewEvent::owner(&acct, "key.revoke").key(&k, "ci"),
            agent(&acct2, &k2, "agent.connect"),
        ])
        .unwrap();
        let now = policy::now();
        let put = sized(agent(&acct, &k, "file.put"), 700);
        assert!(matches!(s.admit(&Admission { bytes: 700, event: put, ..admission(&k, "usage", now) }).unwrap(), Admitted::Yes(_)));
        let file = |vault: &str, by: &str, size: u64| pending_file(vault, by, size, now);
        for (f, complete) in [
            (file(&v, &k, 10), true),
            (file(&v, &k, 20), true),
            (file(&v, &k, 99), false),
            (file(&v, "owner", 1000), true),
            (file(&v, &other.id, 5), true),
            (file(&v2, &k2, 7), true),
        ] {
            s.announce_file(&f, &[]).unwrap();
            if complete {
                s.complete_file(&f.id, &[]).unwrap();
            }
        }

        let q = UsageQuery { since: now - 86_400, until: now + 1, key_id: None };
        let usage = s.usage(&acct, &q).unwrap();
        usage.check(&q).unwrap();
        // The same counts, made here from the account's events as they were recorded.
        let events = s.query_events(&acct, &EventFilter { actor: Some("agent".into()), ascending: true, ..Default::default() }).unwrap();
        let mut want = std::collections::BTreeMap::<(String, i64), UsageDay>::new();
        for e in events.iter().filter(|e| e.body.event != "file.upload" && e.time >= q.since) {
            let key_id = e.body.key_id.clone().unwrap();
            let day = e.time - e.time % 86_400;
            let d = want.entry((key_id.clone(), day)).or_insert(UsageDay { key_id, day, requests: 0, denied: 0, uploaded: 0, downloaded: 0 });
            d.requests += 1;
            match (e.body.outcome, e.body.event.as_str()) {
                (audit::Outcome::Denied, _) => d.denied += 1,
                (_, "file.put") => d.uploaded += e.body.size.unwrap(),
                (_, "file.get") => d.downloaded += e.body.size.unwrap(),
                _ => {}
            }
        }
        assert_eq!(usage.days, want.into_values().collect::<Vec<_>>());
        let total = |key: &str| {
            usage.days.iter().filter(|d| d.key_id == key).fold((0, 0, 0, 0), |t, d| (t.0 + d.requests, t.1 + d.denied, t.2 + d.uploaded, t.3 + d.downloaded))
        };
        assert_eq!(total(&k), (5, 1, 1700, 300), "connect, 2 puts, 2 gets of which one refused; the upload is no request");
        assert_eq!(total(&other.id), (1, 0, 0, 0));
        let mut stored = vec![Stored { key_id: k.clone(), files: 2, bytes: 30 }, Stored { key_id: other.id.clone(), files: 1, bytes: 5 }];
        stored.sort_by(|a, b| a.key_id.cmp(&b.key_id));
        assert_eq!(usage.stored, stored, "complete files by key; pending, the owner's and other accounts' are not");

        let one = UsageQuery { key_id: Some(k.clone()), ..q.clone() };
        let only = s.usage(&acct, &one).unwrap();
        only.check(&one).unwrap();
        assert!(only.days.iter().all(|d| d.key_id == k) && !only.days.is_empty());
        assert_eq!(only.stored, vec![Stored { key_id: k.clone(), files: 2, bytes: 30 }]);
        let later = UsageQuery { since: now + 10, until: now + 20, key_id: None };
        assert!(s.usage(&acct, &later).unwrap().days.is_empty(), "the period bounds the counts");
        assert_eq!(s.usage(&acct2, &q).unwrap().stored, vec![Stored { key_id: k2.clone(), files: 1, bytes: 7 }]);
    });
}

#[test]
fn usage_queries_and_answers_are_bounded() {
    let q = |since, until| UsageQuery { since, until, key_id: None };
    assert!(q(0, 400 * 86_400).check().is_ok());
    assert!(q(0, 400 * 86_400 + 1).check().is_err(), "at most 400 days");
    assert!(q(5, 5).check().is_err() && q(-1, 5).check().is_err());
    assert!(UsageQuery { key_id: Some("x' OR 1=1".into()), ..q(0, 1) }.check().is_err());
    // What a hostile backend could answer: refused, not shown.
    let asked = UsageQuery { since: 86_400 * 10, until: 86_400 * 12, key_id: Some("00000000000000aa".into()) };
    let day = |key: &str, day: i64, requests: u64, denied: u64| UsageDay { key_id: key.into(), day, requests, denied, uploaded: 0, downloaded: 0 };
    let answer = |days: Vec<UsageDay>| keysmith::store::Usage { days, stored: vec![] };
    assert!(answer(vec![day("00000000000000aa", 86_400 * 10, 3, 1), day("00000000000000aa", 86_400 * 11, 1, 0)]).check(&asked).is_ok());
    for bad in [
        vec![day("00000000000000bb", 86_400 * 10, 1, 0)],
        vec![day("00000000000000aa", 86_400 * 12, 1, 0)],
        vec![day("00000000000000aa", 86_400 * 10 + 5, 1, 0)],
        vec![day("00000000000000aa", 86_400 * 10, 1, 2)],
        vec![day("00000000000000aa", 86_400 * 11, 1, 0), day("00000000000000aa", 86_400 * 10, 1, 0)],
        vec![day("00000000000000aa", 86_400 * 10, 1, 0), day("00000000000000aa", 86_400 * 10, 1, 0)],
    ] {
        assert!(answer(bad.clone()).check(&asked).is_err(), "{bad:?}");
    }
}

#[test]
fn sessions_expire_and_a_password_change_ends_them() {
    each(|s| {
        let (acct, _, _) = setup(s);
        let now = policy::now();
        s.create_session(&[1; 32], &acct, now + 60, &[]).unwrap();
        s.create_session(&[2; 32], &acct, now + 1, &[]).unwrap();
        assert_eq!(s.session(&[1; 32], now).unwrap(), Some((acct.clone(), now + 60)));
        assert_eq!(s.session(&[2; 32], now + 1).unwrap(), None, "expired");
        s.delete_session(&[1; 32], &[]).unwrap();
        assert_eq!(s.session(&[1; 32], now).unwrap(), None);
        s.create_session(&[3; 32], &acct, now + 60, &[]).unwrap();
        let argon2 = keysmith::crypto::Kdf::Argon2id { memory_kib: 65_536, iterations: 3, parallelism: 4 };
        let change = PasswordChange { kdf_salt: vec![9; 32], kdf: argon2, login_verifier: vec![8; 32], wrapped_master_key: vec![7; 61] };
        s.change_password(&acct, &change, &[]).unwrap();
        assert_eq!(s.session(&[3; 32], now).unwrap(), None);
        assert_eq!(s.get_account(&acct).unwrap().unwrap().kdf, argon2, "the function and its parameters are stored");
        assert_eq!(s.server_secret().unwrap().expose(), s.server_secret().unwrap().expose(), "one secret, kept");
    });
}

/// Two instances on one database: a nonce spent on one is spent on the other, and many
/// concurrent admissions through both stay within the rate limit exactly.
#[test]
fn postgres_instances_share_nonces_and_rate_windows_exactly() {
    let url = crate::pg::database();
    let (rt1, rt2) = (runtime(), runtime());
    let one = PgStore::connect(&url, rt1.handle().clone()).unwrap();
    let two = PgStore::connect(&url, rt2.handle().clone()).unwrap();
    let (_, _, k) = setup(&one);
    let now = policy::now();
    assert!(matches!(one.admit(&admission(&k, "shared", now)).unwrap(), Admitted::Yes(_)));
    assert_eq!(two.admit(&admission(&k, "shared", now)).unwrap(), Admitted::Replay);
    let limit = RateLimit { requests: 25, window_secs: 3600 };
    let admitted = std::sync::atomic::AtomicU32::new(0);
    std::thread::scope(|scope| {
        for t in 0..8 {
            let (store, admitted, k) = (if t % 2 == 0 { &one } else { &two }, &admitted, &k);
            scope.spawn(move || {
                for i in 0..10 {
                    let a = Admission { rate_limit: Some(limit), ..admission(k, &format!("t{t}-{i}"), now) };
                    if matches!(store.admit(&a).unwrap(), Admitted::Yes(_)) {
                        admitted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                }
            });
        }
    });
    assert_eq!(admitted.into_inner(), 25);
    // The same nonce sent to both at once is admitted once.
    let wins = std::sync::atomic::AtomicU32::new(0);
    std::thread::scope(|scope| {
        for store in [&one, &two, &one, &two] {
            let (wins, k) = (&wins, &k);
            scope.spawn(move || {
                if matches!(store.admit(&admission(k, "race", now + 1)).unwrap(), Admitted::Yes(_)) {
                    wins.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
            });
        }
    });
    assert_eq!(wins.into_inner(), 1);
    let chain = two.query_events(audit::SERVER_CHAIN, &EventFilter::default()).unwrap().len();
    audit::verify_chain(|| one.audit_head(audit::SERVER_CHAIN), |f| one.query_events(audit::SERVER_CHAIN, f), |_| {}).unwrap();
    assert_eq!(chain, 1 + 1 + 80 + 4, "every admission and denial is in the chain");
}
