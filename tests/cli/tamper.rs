//! Edited or deleted audit rows, and a damaged database, are detected and reported.

use crate::common::*;
use predicates::prelude::*;

fn env_with_events() -> Env {
    let env = Env::new();
    env.init();
    env.json(&["vault", "create", "second"]);
    env.key(&[]);
    env.key(&[]);
    env.json(&["audit", "verify"]);
    env
}

fn sql(env: &Env, statement: &str) {
    let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
    conn.execute_batch(statement).unwrap();
}

#[test]
fn an_edited_audit_row_fails_verify_with_its_position() {
    let env = env_with_events();
    sql(&env, "UPDATE audit_log SET key_label = 'innocent' WHERE seq = 4");
    env.with_password(&["audit", "verify"]).assert().code(4).stderr(predicate::str::contains("event 4").and(predicate::str::contains("altered")));
    // For scripts: the verdict on stdout, the error as one JSON line on stderr, exit 4.
    let out = env.with_password(&["--output", "json", "audit", "verify"]).assert().code(4).get_output().clone();
    let verdict: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(verdict["ok"], false);
    assert_eq!(verdict["error"]["code"], "integrity");
    assert!(verdict["error"]["message"].as_str().unwrap().contains("event 4"), "{verdict}");
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"], verdict["error"]);
}

#[test]
fn a_deleted_audit_row_fails_verify() {
    let env = env_with_events();
    sql(&env, "DELETE FROM audit_log WHERE seq = 3");
    env.with_password(&["audit", "verify"]).assert().code(4).stderr(predicate::str::contains("event 3 is missing"));
}

#[test]
fn deleting_the_newest_events_fails_verify() {
    let env = env_with_events();
    sql(&env, "DELETE FROM audit_log WHERE seq >= 4");
    // Unlocking to verify appends a login event after the gap; either way event 4 is named.
    env.with_password(&["audit", "verify"]).assert().code(4).stderr(predicate::str::contains("event 4").or(predicate::str::contains("events 4")));
}

#[test]
fn a_relinked_chain_without_its_head_fails_verify() {
    let env = env_with_events();
    // Rewriting one row's hash so the next row no longer links.
    sql(&env, "UPDATE audit_log SET hash = zeroblob(32) WHERE seq = 2");
    env.with_password(&["audit", "verify"]).assert().code(4).stderr(predicate::str::contains("event 3").or(predicate::str::contains("event 2")));
}

#[test]
fn a_corrupt_database_is_a_clear_error_and_is_left_alone() {
    let env = Env::new();
    std::fs::create_dir_all(env.data_dir()).unwrap();
    let db = env.data_dir().join("keysmith.db");
    std::fs::write(&db, b"this is not a database, but it is someone's file").unwrap();
    env.with_password(&["key", "list"]).assert().code(4).stderr(predicate::str::contains("corrupt").and(predicate::str::contains("hint:")));
    assert_eq!(std::fs::read(&db).unwrap(), b"this is not a database, but it is someone's file");
}

/// What a hostile agent (or a broken client) can write into the backend — a vault whose
/// sealed key opens to nothing, a file whose name is wrapped under the wrong context —
/// never locks the owner or other agents out of everything else.
#[test]
fn one_bad_record_never_hides_the_good_ones() {
    let env = Env::new();
    env.init();
    env.json(&["vault", "create", "second"]);
    let (_, token) = env.key(&["--allow", "read,write,delete,listVaults,createVault"]);
    let tf = env.path("agent.token");
    std::fs::write(&tf, &token).unwrap();
    let agent = |args: &[&str]| env.agent(&tf, args);
    // The agent makes a vault, and stores two files in `default`.
    agent(&["mkvault", "scratch"]).assert().success();
    let good = env.path("good.txt");
    std::fs::write(&good, "fine").unwrap();
    agent(&["put", "default", good.to_str().unwrap()]).assert().success();
    agent(&["put", "default", good.to_str().unwrap(), "--name", "bad.txt"]).assert().success();
    let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
    let scratch: String = conn.query_row("SELECT id FROM vaults WHERE created_by != 'owner'", [], |r| r.get(0)).unwrap();
    let bad_file: String = conn.query_row("SELECT id FROM files ORDER BY created_at DESC, rowid DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    // The sealed key of the agent's vault, and the agent's grant of it, become garbage of
    // the right length; the second file's name is replaced by garbage.
    conn.execute("UPDATE vaults SET sealed_key = randomblob(length(sealed_key)) WHERE id = ?1", [&scratch]).unwrap();
    conn.execute("UPDATE files SET encrypted_name = randomblob(length(encrypted_name)) WHERE id = ?1", [&bad_file]).unwrap();
    conn.execute("UPDATE grants SET wrapped_vault_key = randomblob(length(wrapped_vault_key)) WHERE vault_id = ?1", [&scratch]).unwrap();
    drop(conn);

    // The owner: every vault is listed, the bad one marked, and the exit code says so.
    let out = env.with_password(&["--output", "json", "vault", "list"]).assert().code(4).get_output().clone();
    let vaults: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(vaults.as_array().unwrap().len(), 3);
    assert!(vaults.as_array().unwrap().iter().any(|v| v["id"] == scratch.as_str() && v["damaged"].is_string()));
    assert!(stderr_of(&out).contains(&scratch));
    // ...and everything else keeps working.
    env.json(&["vault", "create", "third"]);
    env.json(&["key", "create", "--label", "x", "--vault", "default", "--vault", "second", "--allow", "read"]);
    let out = env.with_password(&["--output", "json", "file", "ls", "default"]).assert().code(4).get_output().clone();
    let files: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(files.as_array().unwrap().len(), 2);
    env.with_password(&["file", "get", "default", "good.txt", "--to", "-"]).assert().success().stdout("fine");
    env.with_password(&["file", "get", "default", &bad_file, "--to", "-"]).assert().code(4);
    // `vault check` walks everything and names what is damaged.
    let out = env.with_password(&["--output", "json", "vault", "check"]).assert().code(4).get_output().clone();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut ids: Vec<&str> = report["damaged"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    let mut want = vec![scratch.as_str(), bad_file.as_str()];
    ids.sort();
    want.sort();
    assert_eq!(ids, want, "{report}");
    // The damaged file is deleted by id, without decrypting it; then all is well.
    env.with_password(&["file", "rm", "default", &bad_file]).assert().success();
    env.with_password(&["file", "ls", "default"]).assert().success();
    // The agent, likewise: its healthy vaults and files work.
    agent(&["connect"]).assert().code(4).stdout(predicate::str::contains("default"));
    agent(&["ls", "default"]).assert().success().stdout(predicate::str::contains("good.txt"));
    agent(&["get", "default", "good.txt", "--to", "-"]).assert().success().stdout("fine");
    agent(&["ls", &scratch]).assert().code(4).stderr(predicate::str::contains("damaged"));
    // The owner deletes the damaged vault by id (no decryption needed): its files, blobs
    // and grants go with it, and everything is clean again.
    agent(&["put", &scratch, good.to_str().unwrap()]).assert().code(4);
    env.with_password(&["vault", "rm", &scratch]).assert().code(2).stderr(predicate::str::contains("--yes"));
    env.with_password(&["vault", "rm", &scratch, "--yes"]).assert().success().stdout(predicate::str::contains("Deleted vault"));
    env.with_password(&["vault", "list"]).assert().success();
    env.with_password(&["vault", "check"]).assert().success().stdout(predicate::str::contains("0 damaged"));
    agent(&["connect"]).assert().success();
    let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
    let left: i64 = conn.query_row("SELECT count(*) FROM grants WHERE vault_id = ?1", [&scratch], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
    let deleted: i64 = conn.query_row("SELECT count(*) FROM audit_log WHERE event = 'vault.delete' AND vault_id = ?1", [&scratch], |r| r.get(0)).unwrap();
    assert_eq!(deleted, 1, "the deletion is audited");
}

/// A backend that substitutes the account public key (to read what agents create), or
/// alters or strips the owner's binding of it, is refused by the agent, never fed.
#[test]
fn agents_seal_only_to_the_account_key_the_owner_bound_to_them() {
    let env = Env::new();
    env.init();
    let (id, token) = env.key(&["--allow", "read,write,listVaults,createVault"]);
    let tf = env.path("agent.token");
    std::fs::write(&tf, &token).unwrap();
    let agent = |args: &[&str]| env.agent(&tf, args);
    agent(&["mkvault", "honest"]).assert().success();
    // A holder's rotation carries the binding over (checked and re-wrapped).
    env.cmd().args(["key", "rotate", "--with-token-file"]).arg(&tf).arg("--token-file").arg(&tf).assert().success();
    agent(&["mkvault", "after-rotation"]).assert().success();
    let new_id = std::fs::read_to_string(&tf).unwrap().parse::<keysmith::token::Token>().unwrap().key_id().to_string();
    assert_ne!(new_id, id);
    let vaults = || {
        let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
        conn.query_row("SELECT count(*) FROM vaults", [], |r| r.get::<_, i64>(0)).unwrap()
    };
    let before = vaults();
    let cases = [
        ("UPDATE accounts SET public_key = randomblob(32)", "another account public key"),
        ("UPDATE api_keys SET account_key_binding = randomblob(61) WHERE id = ?1", "does not decrypt"),
        ("UPDATE api_keys SET account_key_binding = NULL WHERE id = ?1", "no owner-made binding"),
    ];
    for (attack, says) in cases {
        let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
        let saved: (Vec<u8>, Option<Vec<u8>>) = (
            conn.query_row("SELECT public_key FROM accounts", [], |r| r.get(0)).unwrap(),
            conn.query_row("SELECT account_key_binding FROM api_keys WHERE id = ?1", [&new_id], |r| r.get(0)).unwrap(),
        );
        if attack.contains("?1") {
            conn.execute(attack, [&new_id]).unwrap();
        } else {
            conn.execute(attack, []).unwrap();
        }
        agent(&["mkvault", "stolen"]).assert().code(4).stderr(predicate::str::contains(says));
        assert_eq!(vaults(), before, "{attack}: nothing was created");
        conn.execute("UPDATE accounts SET public_key = ?1", [&saved.0]).unwrap();
        conn.execute("UPDATE api_keys SET account_key_binding = ?1 WHERE id = ?2", rusqlite::params![saved.1, new_id]).unwrap();
    }
    // Restored, it works again; and the owner reads what agents created.
    agent(&["mkvault", "restored"]).assert().success();
    env.with_password(&["vault", "list"]).assert().success().stdout(predicate::str::contains("after-rotation").and(predicate::str::contains("restored")));
}
