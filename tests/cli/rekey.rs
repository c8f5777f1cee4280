//! Rekey on revoke, tried as the revoked key would: with its token and a copy of
//! everything the backend held while it was valid — and everything stored after — it
//! reads nothing written after the rekey, while current keys and the owner read all.

use crate::common::*;
use crate::server::{Server, raw, rt};
use crate::writeonly::{attack, copy_dir};
use serde_json::{Value, json};

fn agent(env: &Env, token: &str, args: &[&str], code: i32) -> std::process::Output {
    let mut c = env.cmd();
    c.env("KEYSMITH_API_KEY", token).args(["-o", "json", "agent"]).args(args);
    c.assert().code(code).get_output().clone()
}

fn put(env: &Env, token: &str, vault: &str, name: &str, content: &[u8]) -> String {
    let path = env.path(name);
    std::fs::write(&path, content).unwrap();
    let out = agent(env, token, &["put", vault, path.to_str().unwrap()], 0);
    serde_json::from_slice::<Value>(&out.stdout).unwrap()["id"].as_str().unwrap().to_string()
}

#[test]
fn a_revoked_key_with_everything_it_saw_cannot_read_what_is_written_after_a_rekey() {
    let env = Env::new();
    let vault = env.init();
    let (gone_id, gone) = env.key(&["--label", "leaky", "--allow", "read,write,delegate"]);
    let (_, stays) = env.key(&["--label", "stays", "--allow", "read"]);
    let (_, backup) = env.key(&["--label", "backup", "--allow", "write", "--write-only"]);
    // A key the revoked one delegated goes with it (its holder knows its token).
    let c = env.path("child.token");
    agent(&env, &gone, &["delegate", "--label", "its-child", "--allow", "read", "--expires-in", "1d", "--child-token-file", c.to_str().unwrap()], 0);
    let child = std::fs::read_to_string(&c).unwrap().trim().to_string();

    let old: &[u8] = b"written while the leaky key was valid";
    put(&env, &gone, "default", "old.txt", old);
    let seen = env.path("seen");
    copy_dir(&env.data_dir(), &seen);

    let done = env.json(&["key", "revoke", &gone_id, "--rekey", "--yes"]);
    assert_eq!(done["vaults"][0]["id"], vault.as_str());
    assert_eq!(done["vaults"][0]["key_version"], 2);
    assert_eq!(done["vaults"][0]["keys"], 2, "stays and backup hold the new key: {done}");
    assert_eq!(done["revoked"].as_array().unwrap().len(), 2, "the key and its child: {done}");
    agent(&env, &gone, &["ls", "default"], 3);
    agent(&env, &child, &["ls", "default"], 3);
    let events = env.json_lines(&["audit", "tail", "--event", "vault.rekey"]);
    assert!(events[0]["reason"].as_str().unwrap().contains("key version 2"), "{events:?}");

    // Written after the rekey: by the owner, and sealed by the write-only key.
    let new: &[u8] = b"written after the rekey by the owner";
    std::fs::write(env.path("new.txt"), new).unwrap();
    env.with_password(&["file", "put", "default"]).arg(env.path("new.txt")).assert().success();
    let sealed: &[u8] = b"sealed after the rekey by the backup key";
    let sealed_id = put(&env, &backup, &vault, "sealed.txt", sealed);

    // Current keys and the owner read every version.
    env.agent_get(&stays, "old.txt").stdout(predicates::ord::eq(old.to_vec()));
    env.agent_get(&stays, "new.txt").stdout(predicates::ord::eq(new.to_vec()));
    env.agent_get(&stays, &sealed_id).stdout(predicates::ord::eq(sealed.to_vec()));
    env.with_password(&["file", "get", "default", "old.txt", "--to", "-"]).assert().success().stdout(predicates::ord::eq(old.to_vec()));
    env.with_password(&["vault", "check"]).assert().success();

    // The revoked key's holder, with its token, everything it saw, and everything stored since.
    let now = env.path("now");
    copy_dir(&env.data_dir(), &now);
    let (_, read) = attack(&[&seen, &now], &gone);
    assert!(read.iter().any(|p| p == old), "the attack reads what the key could read (control)");
    assert!(!read.iter().any(|p| p == new || p == sealed), "a revoked key read a file written after the rekey");
    let (_, with_child) = attack(&[&seen, &now], &child);
    assert!(!with_child.iter().any(|p| p == new || p == sealed), "its child's token reads nothing new either");
    let (_, current) = attack(&[&now], &stays);
    assert!([old, new, sealed].iter().all(|f| current.iter().any(|p| p == f)), "a current key reads every version (control)");

    // A second rekey chains both older versions under the third.
    let again = env.json(&["vault", "rekey", "default"]);
    assert_eq!(again["vaults"][0]["key_version"], 3);
    env.agent_get(&stays, "old.txt").stdout(predicates::ord::eq(old.to_vec()));
    env.agent_get(&stays, "new.txt").stdout(predicates::ord::eq(new.to_vec()));

    // An upload encrypted for an older version is refused (409), so nothing new is ever
    // written under a key a revoked holder had.
    let server = Server::start(&env);
    let rt = rt();
    let announce = json!({"file_id": keysmith::token::new_id(), "encrypted_name": "33".repeat(40), "wrapped_key": "44".repeat(94), "size": 31,
                          "sha256": "55".repeat(32), "key_version": 2})
    .to_string();
    let got = rt.block_on(raw(&server.url, &backup, "POST", &format!("/v1/agent/vaults/{vault}/files"), announce.as_bytes(), |_, _| {}));
    assert_eq!(got.status().as_u16(), 409);
}

#[test]
fn a_rekey_that_cannot_grant_every_key_changes_nothing() {
    let env = Env::new();
    env.init();
    let (old_id, old) = env.key(&["--label", "from-before"]);
    // A key made before keys carried an escrow (the column emptied, as an old database has it).
    let db = std::fs::read_dir(env.data_dir()).unwrap().map(|e| e.unwrap().path()).find(|p| p.extension().is_some_and(|e| e == "db")).unwrap();
    rusqlite::Connection::open(&db).unwrap().execute("UPDATE api_keys SET escrow = NULL WHERE id = ?1", [&old_id]).unwrap();
    std::fs::write(env.path("a.txt"), "a").unwrap();
    let out = env.with_password(&["vault", "rekey", "default"]).assert().code(1).get_output().clone();
    let err = stderr_of(&out);
    assert!(err.contains(&old_id) && err.contains("nothing was changed"), "{err}");
    // Nothing changed: the key still reads and writes at version 1.
    agent(&env, &old, &["put", "default", env.path("a.txt").to_str().unwrap()], 0);
    env.agent_get(&old, "a.txt");
    // Rotating it gives it an escrow; then the rekey goes through.
    let rotated = env.json(&["key", "rotate", &old_id, "--grace", "0s"]);
    env.json(&["vault", "rekey", "default"]);
    agent(&env, rotated["token"].as_str().unwrap(), &["ls", "default"], 0);
}
