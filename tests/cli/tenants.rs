//! Many accounts on one `keysmith serve`: registration policies, one audit chain per
//! account, and isolation between owners (and their agents) as a matrix.

use crate::common::*;
use crate::server::{Server, http, raw, rt};
use keysmith::backend::remote::Remote;
use predicates::prelude::*;
use serde_json::Value;

/// An owner with an account, a key for their default vault and one file in it.
struct Owner {
    env: Env,
    account: String,
    vault: String,
    key: String,
    token: String,
    file: String,
    /// A fresh owner session of the account (bearer token), for raw requests.
    session: String,
}

impl Owner {
    fn register(url: &str, extra: &[&str]) -> Owner {
        let env = Env::remote(url);
        let mut args = vec!["--output", "json", "init"];
        args.extend_from_slice(extra);
        let out = env.with_password(&args).assert().success().get_output().stdout.clone();
        let v: Value = serde_json::from_slice(&out).unwrap();
        let (account, vault) = (v["account_id"].as_str().unwrap().to_string(), v["vault"]["id"].as_str().unwrap().to_string());
        let (key, token) = env.key(&["--allow", "read,write,delete,listVaults"]);
        let src = env.path("secret.txt");
        std::fs::write(&src, format!("the plans of {account}")).unwrap();
        env.with_password(&["file", "put", "default", src.to_str().unwrap()]).assert().success();
        let files = env.json(&["file", "ls", "default"]);
        let file = files.as_array().and_then(|a| a.first()).map(|f| f["id"].as_str().unwrap().to_string()).unwrap_or_else(|| panic!("{files}"));
        let remote = Remote::new(url, Some(&account)).unwrap();
        let session = keysmith::owner::unlock(&remote, PASSWORD.as_bytes(), 600).unwrap().session.token.to_string();
        Owner { env, account, vault, key, token, file, session }
    }
}

async fn owner_call(url: &str, session: &str, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let mut req = http().request(method.parse().unwrap(), format!("{url}{path}")).bearer_auth(session);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

/// An error answer with every id of `hide` (and a look-alike) replaced, so that two answers
/// can be compared for what they reveal.
fn shape(answer: &(u16, Value), hide: &[&str]) -> String {
    let mut text = format!("{} {}", answer.0, answer.1["error"]);
    for id in hide {
        text = text.replace(id, "ID");
    }
    text
}

const NOBODY: &str = "0123456789abcdef";

#[test]
fn owners_and_agents_of_one_account_reach_nothing_of_another_on_sqlite() {
    isolation_matrix(&[]);
}

#[test]
fn owners_and_agents_of_one_account_reach_nothing_of_another_on_postgres() {
    isolation_matrix(&["--database", &crate::pg::database()]);
}

fn isolation_matrix(store: &[&str]) {
    let op = Env::new();
    let mut args = vec!["--registration", "open"];
    args.extend_from_slice(store);
    let server = Server::start_with(&op, &args);
    let url = server.url.clone();
    let a = Owner::register(&url, &[]);
    let b = Owner::register(&url, &[]);
    assert_ne!(a.account, b.account);
    let rt = rt();
    let b_before = b.env.json(&["key", "show", &b.key]);

    rt.block_on(async {
        // What A lists is A's alone.
        let now = keysmith::policy::now();
        let usage = format!("/v1/owner/usage?since={}&until={}", now - 30 * 86_400, now + 1);
        for path in ["/v1/owner/keys", "/v1/owner/vaults", "/v1/owner/audit?limit=1000", &usage] {
            let (status, body) = owner_call(&url, &a.session, "GET", path, None).await;
            assert_eq!(status, 200, "{path}");
            let text = body.to_string();
            for id in [&b.account, &b.key, &b.vault, &b.file] {
                assert!(!text.contains(id.as_str()), "{path} shows B's {id}: {text}");
            }
        }
        // Owner A's session against B's key, vault and file: each refused exactly as an id
        // that exists nowhere is, so A cannot even learn that B's ids exist.
        let cells: Vec<(&str, String, String, Option<Value>)> = vec![
            ("GET", format!("/v1/owner/keys/{}", b.key), format!("/v1/owner/keys/{NOBODY}"), None),
            ("POST", format!("/v1/owner/keys/{}/revoke", b.key), format!("/v1/owner/keys/{NOBODY}/revoke"), Some(serde_json::json!({}))),
            ("DELETE", format!("/v1/owner/vaults/{}", b.vault), format!("/v1/owner/vaults/{NOBODY}"), None),
            ("GET", format!("/v1/owner/vaults/{}/files", b.vault), format!("/v1/owner/vaults/{NOBODY}/files"), None),
            ("GET", format!("/v1/owner/vaults/{}/files/{}", b.vault, b.file), format!("/v1/owner/vaults/{NOBODY}/files/{NOBODY}"), None),
            ("DELETE", format!("/v1/owner/vaults/{}/files/{}", b.vault, b.file), format!("/v1/owner/vaults/{NOBODY}/files/{NOBODY}"), None),
            ("GET", format!("{usage}&key_id={}", b.key), format!("{usage}&key_id={NOBODY}"), None),
            // B's file under A's own vault.
            ("GET", format!("/v1/owner/vaults/{}/files/{}", a.vault, b.file), format!("/v1/owner/vaults/{}/files/{NOBODY}", a.vault), None),
        ];
        for (method, theirs, nowhere, body) in &cells {
            let got = owner_call(&url, &a.session, method, theirs, body.clone()).await;
            let control = owner_call(&url, &a.session, method, nowhere, body.clone()).await;
            assert!((400..500).contains(&got.0), "{method} {theirs}: {got:?}");
            assert_eq!(shape(&got, &[&b.key, &b.vault, &b.file, NOBODY]), shape(&control, &[&b.key, &b.vault, &b.file, NOBODY]), "{method} {theirs}");
        }

        // A's agent key against B's vault and file: out of scope, as for any vault.
        for path in [format!("/v1/agent/vaults/{}/files", b.vault), format!("/v1/agent/vaults/{}/files/{}", b.vault, b.file)] {
            let got = raw(&url, &a.token, "GET", &path, b"", |_, _| {}).await;
            let control = raw(&url, &a.token, "GET", &path.replace(&b.vault, NOBODY).replace(&b.file, NOBODY), b"", |_, _| {}).await;
            let (got, control) =
                ((got.status().as_u16(), got.json::<Value>().await.unwrap()), (control.status().as_u16(), control.json::<Value>().await.unwrap()));
            assert_eq!(got.0, 403, "{path}: {got:?}");
            assert_eq!(shape(&got, &[&b.vault, &b.file, NOBODY]), shape(&control, &[&b.vault, &b.file, NOBODY]));
        }
        let vaults = raw(&url, &a.token, "GET", "/v1/agent/vaults", b"", |_, _| {}).await.text().await.unwrap();
        assert!(!vaults.contains(&b.vault), "{vaults}");

        // Blob URLs: B's download URL names B's file; the same signature for another file is refused.
        let (status, ticket) = owner_call(&url, &b.session, "GET", &format!("/v1/owner/vaults/{}/files/{}", b.vault, b.file), None).await;
        assert_eq!(status, 200);
        let b_url = ticket["url"].as_str().unwrap().to_string();
        let a_ticket = owner_call(&url, &a.session, "GET", &format!("/v1/owner/vaults/{}/files/{}", a.vault, a.file), None).await.1;
        let forged = a_ticket["url"].as_str().unwrap().replace(&a.file, &b.file);
        assert!([401, 403].contains(&http().get(format!("{url}{forged}")).send().await.unwrap().status().as_u16()), "{forged}");
        assert_eq!(http().get(format!("{url}{b_url}")).send().await.unwrap().status(), 200);

        // Sessions: A's logout ends A's session only.
        assert_eq!(owner_call(&url, &a.session, "POST", "/v1/owner/logout", Some(serde_json::json!({}))).await.0, 200);
        assert_eq!(owner_call(&url, &a.session, "GET", "/v1/owner/keys", None).await.0, 401);
        assert_eq!(owner_call(&url, &b.session, "GET", "/v1/owner/keys", None).await.0, 200);
    });

    // Nothing of B's changed, and every refusal is in A's own chain, none in B's.
    assert_eq!(b.env.json(&["key", "show", &b.key])["status"], b_before["status"]);
    b.env.agent_get(&b.token, "secret.txt").stdout(format!("the plans of {}", b.account));
    let a_events = a.env.json_lines(&["audit", "tail", "-n", "1000"]);
    let denied: Vec<&Value> = a_events.iter().filter(|e| e["outcome"] == "denied").collect();
    for name in ["owner.key", "key.revoke", "vault.delete", "file.list", "file.get", "file.delete", "owner.usage"] {
        assert!(denied.iter().any(|e| e["event"] == name), "no denied {name} in A's chain: {denied:?}");
    }
    assert!(denied.iter().any(|e| e["key_id"] == a.key.as_str() && e["reason"].as_str().unwrap().contains("scope")), "{denied:?}");
    let b_events = b.env.json_lines(&["audit", "tail", "-n", "1000"]);
    assert!(b_events.iter().all(|e| e["outcome"] == "allowed"), "{b_events:?}");
    assert!(b_events.iter().all(|e| e["account_id"].is_null() || e["account_id"] == b.account.as_str()), "{b_events:?}");
    a.env.json(&["audit", "verify"]);
    b.env.json(&["audit", "verify"]);
}

#[test]
fn each_account_has_its_own_audit_chain_that_detects_edits_and_cut_tails() {
    let op = Env::new();
    let server = Server::start_with(&op, &["--registration", "open"]);
    let a = Owner::register(&server.url, &[]);
    let b = Owner::register(&server.url, &[]);
    a.env.json(&["audit", "verify"]);
    b.env.json(&["audit", "verify"]);
    drop(server);
    let db = op.data_dir().join("keysmith.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let seqs = |acct: &str| -> Vec<i64> {
        conn.prepare("SELECT seq FROM audit_log WHERE chain = ?1 ORDER BY seq").unwrap().query_map([acct], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let (sa, sb) = (seqs(&a.account), seqs(&b.account));
    assert_eq!(sa, (1..=sa.len() as i64).collect::<Vec<_>>());
    assert_eq!(sb, (1..=sb.len() as i64).collect::<Vec<_>>());
    // Each chain holds only its account's events.
    let strays: i64 =
        conn.query_row("SELECT count(*) FROM audit_log WHERE chain IN (?1, ?2) AND account_id IS NOT chain", [&a.account, &b.account], |r| r.get(0)).unwrap();
    assert_eq!(strays, 0);
    // Edit one of B's events; cut A's tail: each owner's verify finds its own, and only its own.
    conn.execute("UPDATE audit_log SET key_label = 'innocent' WHERE chain = ?1 AND seq = 3", [&b.account]).unwrap();
    conn.execute("DELETE FROM audit_log WHERE chain = ?1 AND seq >= ?2", rusqlite::params![&a.account, sa.len() as i64 - 1]).unwrap();
    drop(conn);
    let server = Server::start_with(&op, &["--registration", "open"]);
    for (owner, says) in [(&a, "is missing"), (&b, "altered")] {
        owner
            .env
            .cmd()
            .env("KEYSMITH_SERVER", &server.url)
            .args(["--password-stdin", "--account", &owner.account, "audit", "verify"])
            .write_stdin(format!("{PASSWORD}\n"))
            .assert()
            .code(4)
            .stderr(predicate::str::contains(says));
    }
}

#[test]
fn invite_registration_takes_a_valid_code_once_and_nothing_else() {
    let op = Env::new();
    op.cmd().args(["serve", "invite"]).assert().success(); // a store exists before the server starts
    let server = Server::start_with(&op, &["--registration", "invite"]);
    let newcomer = Env::remote(&server.url);
    // No code: refused with a hint, before anything is created.
    newcomer.with_password(&["init"]).assert().code(3).stderr(predicate::str::contains("invite only")).stderr(predicate::str::contains("--invite-file"));
    // A malformed code: a usage error before the password is asked for.
    let bad = newcomer.path("bad.invite");
    std::fs::write(&bad, "ksi_nothex").unwrap();
    newcomer.cmd().args(["init", "--invite-file", bad.to_str().unwrap()]).assert().code(2).stderr(predicate::str::contains("malformed"));
    // A well-formed code the operator never minted.
    std::fs::write(&bad, format!("ksi_{}", "ab".repeat(32))).unwrap();
    newcomer.with_password(&["init", "--invite-file", bad.to_str().unwrap()]).assert().code(3).stderr(predicate::str::contains("not valid"));
    // The operator's code works once.
    let out = op.cmd().args(["--output", "json", "serve", "invite", "--expires-in", "1h"]).assert().success().get_output().stdout.clone();
    let code = serde_json::from_slice::<Value>(&out).unwrap()["invite"].as_str().unwrap().to_string();
    let file = newcomer.path("invite");
    std::fs::write(&file, format!("{code}\n")).unwrap();
    let made = newcomer.json(&["init", "--invite-file", file.to_str().unwrap()]);
    let account = made["account_id"].as_str().unwrap().to_string();
    // The account is remembered for the server: later commands need no --account.
    newcomer.json(&["key", "list"]);
    let second = Env::remote(&server.url);
    second.with_password(&["init"]).env("KEYSMITH_INVITE", &code).assert().code(3).stderr(predicate::str::contains("not valid"));
    // An expired code is refused too.
    let out = op.cmd().args(["--output", "json", "serve", "invite"]).assert().success().get_output().stdout.clone();
    let stale = serde_json::from_slice::<Value>(&out).unwrap()["invite"].as_str().unwrap().to_string();
    rusqlite::Connection::open(op.data_dir().join("keysmith.db")).unwrap().execute("UPDATE invites SET expires_at = 1", []).unwrap();
    second.with_password(&["init"]).env("KEYSMITH_INVITE", &stale).assert().code(3).stderr(predicate::str::contains("not valid"));
    // The store keeps no code, only verifiers; the invites are in the server's chain.
    let stored = op.stored_bytes();
    assert!(!contains(&stored, code.as_bytes()) && !contains(&stored, &hex::decode(&code[4..]).unwrap()));
    let server_chain = op.cmd().args(["--output", "json", "serve", "audit"]).assert().success().get_output().stdout.clone();
    assert_eq!(String::from_utf8_lossy(&server_chain).matches("server.invite").count(), 3);
    // Someone without an account cannot learn which accounts exist from the KDF parameters.
    let rt = rt();
    rt.block_on(async {
        let real: Value = http().get(format!("{}/v1/owner/params?account={account}", server.url)).send().await.unwrap().json().await.unwrap();
        let fake1: Value = http().get(format!("{}/v1/owner/params?account={NOBODY}", server.url)).send().await.unwrap().json().await.unwrap();
        let fake2: Value = http().get(format!("{}/v1/owner/params?account={NOBODY}", server.url)).send().await.unwrap().json().await.unwrap();
        assert_eq!(fake1, fake2, "a made-up account gets the same answer each time");
        assert_eq!(fake1["kdf_iterations"], real["kdf_iterations"]);
        assert_eq!(fake1["kdf_salt"].as_str().unwrap().len(), real["kdf_salt"].as_str().unwrap().len());
        let none = http().get(format!("{}/v1/owner/params", server.url)).send().await.unwrap();
        assert_eq!(none.status(), 400);
    });
}

#[test]
fn a_single_account_server_registers_one_owner_and_needs_no_account_flag() {
    let op = Env::new();
    let server = Server::start(&op);
    let first = Env::remote(&server.url);
    first.init();
    let other = Env::remote(&server.url);
    // The other machine reaches the same one account without naming it.
    other.json(&["key", "list"]);
    other.with_password(&["init"]).assert().code(1).stderr(predicate::str::contains("already exists"));
    let third = Env::remote(&server.url);
    third.with_password(&["init"]).env("KEYSMITH_INVITE", format!("ksi_{}", "ab".repeat(32))).assert().code(1);
}

#[test]
fn a_wrong_database_url_is_refused_without_echoing_its_password() {
    let op = Env::new();
    for args in [vec!["serve", "--database", "mysql://keysmith:hunter2-secret@db/keys"], vec!["serve", "invite"]] {
        let out = op.cmd().env("KEYSMITH_DATABASE_URL", "mysql://keysmith:hunter2-secret@db/keys").args(&args).assert().code(2).get_output().clone();
        let err = stderr_of(&out);
        assert!(err.contains("PostgreSQL URL") && !err.contains("hunter2"), "{err}");
    }
    // A PostgreSQL URL whose server cannot be reached: a clear error, no password either.
    let out = op
        .cmd()
        .env("KEYSMITH_DATABASE_URL", "postgres://keysmith:hunter2-secret@127.0.0.1:1/keys")
        .args(["serve", "audit"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = stderr_of(&out);
    assert!(err.contains("cannot connect to the database") && !err.contains("hunter2"), "{err}");
}
