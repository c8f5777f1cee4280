//! The owner's three questions, on a store with a few thousand events over a month:
//! "Which agent deleted that file at 3 AM?", "Is the backup agent running, or idle for a
//! week?", "How much storage is the CI agent consuming?" — each one command.

use crate::common::*;
use keysmith::audit::{NewEvent, Outcome};
use serde_json::Value;
use std::collections::BTreeMap;

const DAY: i64 = 86_400;

/// Appends `events` (time, body) to their chains through the store, so that `audit
/// verify` still passes.
fn append_history(env: &Env, events: &[(i64, NewEvent)]) {
    let store = keysmith::store::sqlite::SqliteStore::open_dir(&env.data_dir()).unwrap();
    for (time, e) in events {
        store.append_events_at(*time, std::slice::from_ref(e)).unwrap();
    }
}

#[test]
fn the_three_questions_each_take_one_command() {
    let env = Env::new();
    let vault = env.init();
    let (backup, backup_token) = env.key(&["--label", "backup"]);
    let (ci, ci_token) = env.key(&["--label", "ci"]);
    let (cleaner, _) = env.key(&["--label", "cleaner", "--allow", "read,delete"]);
    let db = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
    let account: String = db.query_row("SELECT id FROM accounts", [], |r| r.get(0)).unwrap();
    drop(db);
    let put = |token: &str, name: &str, len: usize| -> u64 {
        let path = env.path(name);
        std::fs::write(&path, vec![7u8; len]).unwrap();
        let mut c = env.cmd();
        c.env("KEYSMITH_API_KEY", token).args(["-o", "json", "agent", "put", "default"]).arg(&path);
        let v: Value = serde_json::from_slice(&c.assert().success().get_output().stdout).unwrap();
        v["size"].as_u64().unwrap()
    };
    let backup_bytes = put(&backup_token, "db.dump", 300_000);
    let ci_bytes = put(&ci_token, "build-1.tar", 120_000) + put(&ci_token, "build-2.tar", 80_000);

    // A month of history: ci works every day; backup every night until 9 days ago; the
    // cleaner deletes a file at 03:12 three days ago.
    let now = keysmith::policy::now();
    let today = now - now % DAY;
    let agent = |key: &str, label: &str, event: &str| {
        let mut e = NewEvent { actor: "agent".into(), ..NewEvent::owner(&account, event) }.key(key, label).vault(&vault);
        e.file_id = Some("00000000000000f1".into());
        e
    };
    let mut history = Vec::new();
    for day in (1..=30).rev() {
        let start = today - day * DAY;
        for i in 0..90 {
            let mut e = agent(&ci, "ci", if i % 3 == 0 { "file.put" } else { "file.get" });
            e.size = Some(1_000 + i as u64);
            if i % 30 == 29 {
                e = e.denied("rate limit exceeded");
            }
            history.push((start + 3600 + i * 60, e));
        }
        if day > 9 {
            for i in 0..10 {
                let mut e = agent(&backup, "backup", "file.put");
                e.size = Some(50_000);
                history.push((start + 2 * 3600 + i * 10, e));
            }
        }
    }
    let three_am = today - 3 * DAY + 3 * 3600 + 12 * 60;
    history.push((three_am, agent(&cleaner, "cleaner", "file.delete")));
    // None near where the 30-day period starts, which moves with the clock between commands.
    history.retain(|(t, _)| (t - (now - 30 * DAY)).abs() > 600);
    history.sort_by_key(|(t, _)| *t);
    assert!(history.len() > 2_900);
    append_history(&env, &history);
    let last_backup = history.iter().filter(|(_, e)| e.key_id.as_deref() == Some(backup.as_str())).map(|(t, _)| *t).max().unwrap();
    let db = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
    db.execute("UPDATE api_keys SET last_used_at = ?1 WHERE id = ?2", rusqlite::params![last_backup, backup]).unwrap();
    db.execute("UPDATE api_keys SET last_used_at = ?1 WHERE id = ?2", rusqlite::params![three_am, cleaner]).unwrap();
    drop(db);
    assert_eq!(env.json(&["audit", "verify"])["ok"], true, "the history is a valid chain");

    // 1. Which agent deleted that file at 3 AM?
    let t = |s: i64| keysmith::policy::format_time(s);
    let deletes = env.json_lines(&["audit", "tail", "--event", "file.delete", "--since", &t(three_am - 3600), "--until", &t(three_am + 3600)]);
    assert_eq!(deletes.len(), 1, "{deletes:?}");
    assert_eq!((deletes[0]["key_label"].as_str(), deletes[0]["key_id"].as_str()), (Some("cleaner"), Some(cleaner.as_str())));
    assert_eq!(deletes[0]["time"], t(three_am));

    // 2. Is the backup agent running? Idle for more than a week: listed by --idle 7d.
    let idle = env.json(&["key", "usage", "--idle", "7d"]);
    let idle_ids: Vec<&str> = idle["keys"].as_array().unwrap().iter().map(|k| k["id"].as_str().unwrap()).collect();
    assert_eq!(idle_ids, vec![backup.as_str()], "{idle:#}");
    let list: Vec<String> = env.json(&["key", "list", "--idle", "7d"]).as_array().unwrap().iter().map(|k| k["id"].as_str().unwrap().into()).collect();
    assert_eq!(list, vec![backup.clone()], "key list --idle agrees");
    let days = env.json(&["key", "usage", &backup[..6]]);
    let k = &days["keys"][0];
    assert_eq!(k["idle"], true);
    assert_eq!(k["last_used_at"], t(last_backup));
    let dates: Vec<&str> = k["days"].as_array().unwrap().iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert_eq!(dates.last().copied(), Some(&t(today)[..10]), "today: its real upload");
    let since = now - 30 * DAY;
    let nights: std::collections::BTreeSet<i64> =
        history.iter().filter(|(t, e)| *t >= since && e.key_id.as_deref() == Some(backup.as_str())).map(|(t, _)| t - t % DAY).collect();
    assert_eq!(dates.len(), nights.len() + 1, "its nights in the period (the period starts 30 days ago to the second), then today");

    // 3. How much storage is the CI agent consuming? And what it moved, day by day.
    let usage = env.json(&["key", "usage"]);
    let by_id: BTreeMap<&str, &Value> = usage["keys"].as_array().unwrap().iter().map(|k| (k["id"].as_str().unwrap(), k)).collect();
    assert_eq!(by_id[ci.as_str()]["stored_bytes"].as_u64(), Some(ci_bytes));
    assert_eq!(by_id[ci.as_str()]["stored_files"].as_u64(), Some(2));
    assert_eq!(by_id[backup.as_str()]["stored_bytes"].as_u64(), Some(backup_bytes));
    assert_eq!(by_id[cleaner.as_str()]["stored_bytes"].as_u64(), Some(0));
    assert_eq!(by_id[ci.as_str()]["idle"], false);
    // The counts against the history.
    let ci_hist: Vec<&NewEvent> = history.iter().filter(|(t, e)| *t >= since && e.key_id.as_deref() == Some(ci.as_str())).map(|(_, e)| e).collect();
    let sum = |event: &str| ci_hist.iter().filter(|e| e.event == event && e.outcome == Outcome::Allowed).map(|e| e.size.unwrap()).sum::<u64>();
    let denied = ci_hist.iter().filter(|e| e.outcome == Outcome::Denied).count() as u64;
    let ci_usage = by_id[ci.as_str()];
    // Plus its two real uploads today (each: connect, announce; `file.upload` is no request).
    let recent =
        env.json_lines(&["audit", "tail", "--key", &ci, "--actor", "agent", "--since", &t(now - DAY / 2), "--exclude-event", "file.upload", "-n", "1000"]);
    let real_put: u64 = recent.iter().filter(|e| e["event"] == "file.put").map(|e| e["size"].as_u64().unwrap()).sum();
    assert_eq!(real_put, ci_bytes);
    assert_eq!(ci_usage["requests"].as_u64(), Some(ci_hist.len() as u64 + recent.len() as u64));
    assert_eq!(ci_usage["denied"].as_u64(), Some(denied));
    assert_eq!(ci_usage["uploaded"].as_u64(), Some(sum("file.put") + ci_bytes));
    assert_eq!(ci_usage["downloaded"].as_u64(), Some(sum("file.get")));

    // The table a person reads: one line per key, idle marked.
    let out = env.with_password(&["key", "usage"]).assert().success().get_output().stdout.clone();
    let table = String::from_utf8(out).unwrap();
    let line = |id: &str| table.lines().find(|l| l.starts_with(id)).unwrap_or_else(|| panic!("{id} not in\n{table}")).to_string();
    assert!(line(&backup).ends_with("(idle)"), "{table}");
    assert!(!line(&ci).contains("idle"), "{table}");
    // A period out of bounds is a usage error before anything is asked.
    env.cmd().args(["key", "usage", "--period", "500d"]).assert().code(2);
}
