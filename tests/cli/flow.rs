//! The scripted owner flow, with the password on stdin, and its failure modes.

use crate::common::*;
use predicates::prelude::*;

#[test]
fn scripted_flow_init_vault_key_rotate_revoke_audit() {
    let env = Env::new();
    let default_vault = env.init();
    let docs = env.json(&["vault", "create", "docs"]);
    let docs_id = docs["id"].as_str().unwrap().to_string();

    let vaults = env.json(&["vault", "list"]);
    let names: Vec<&str> = vaults.as_array().unwrap().iter().map(|v| v["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["default", "docs"]);

    let key = env.json(&[
        "key",
        "create",
        "--label",
        "deploy-bot",
        "--vault",
        "docs",
        "--vault",
        &default_vault,
        "--allow",
        "read,listVaults",
        "--rate",
        "100/1m",
        "--bytes-per-day",
        "1GiB",
        "--expires-in",
        "3d",
    ]);
    let key_id = key["id"].as_str().unwrap().to_string();
    let token = key["token"].as_str().unwrap();
    assert!(token.starts_with("ksk1_") && token.contains(&key_id));
    assert_eq!(key["status"], "active");
    assert_eq!(key["permissions"], serde_json::json!(["read", "listVaults"]));
    assert_eq!(key["rate_limit"], "100/1m");
    assert_eq!(key["bytes_per_day"], 1u64 << 30);
    let mut scope: Vec<&str> = vec![&default_vault, &docs_id];
    scope.sort();
    assert_eq!(key["vaults"], serde_json::json!(scope));

    let list = env.json(&["key", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0].get("token").is_none(), "key list never shows a token");

    // Dry run changes nothing; then rotate everything expiring within 7 days.
    let plan = env.json(&["key", "rotate", "--expiring-within", "7d", "--dry-run"]);
    assert_eq!(plan["would_rotate"][0]["id"], key_id.as_str());
    assert_eq!(env.json(&["key", "list"]).as_array().unwrap().len(), 1);
    let rotated = env.json(&["key", "rotate", "--expiring-within", "7d", "--yes", "--grace", "2h"]);
    let new_id = rotated[0]["new_id"].as_str().unwrap().to_string();
    assert_eq!(rotated[0]["old_id"], key_id.as_str());
    assert!(rotated[0]["token"].as_str().unwrap().starts_with("ksk1_"));

    let old = env.json(&["key", "show", &key_id]);
    assert_eq!(old["status"], "grace");
    assert_eq!(old["rotated_to"], new_id.as_str());
    let new = env.json(&["key", "show", &new_id]);
    assert_eq!(new["status"], "active");
    assert_eq!(new["permissions"], key["permissions"]);
    assert_eq!(new["rate_limit"], "100/1m");

    // Revoke needs --yes without a terminal.
    let out = env.with_password(&["key", "revoke", &new_id]).assert().code(2).get_output().clone();
    assert!(stderr_of(&out).contains("--yes"));
    let revoked = env.json(&["key", "revoke", &new_id, "--yes"]);
    assert_eq!(revoked["status"], "revoked");

    // Audit: JSON lines, filters, and an intact chain.
    let routine = env.json_lines(&["audit", "tail", "-n", "100"]);
    let names: Vec<&str> = routine.iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(names, ["account.create", "vault.create", "vault.create", "key.create", "key.rotate", "key.create", "key.revoke"], "routine logins hidden");
    let events = env.json_lines(&["audit", "tail", "-n", "100", "--all"]);
    assert!(events.iter().any(|e| e["event"] == "account.login"), "every password unlock is a login event, shown with --all");
    assert!(events.iter().all(|e| e["outcome"] == "allowed"));

    let out = env.with_password(&["--output", "json", "audit", "tail", "--key", &key_id]).assert().success().get_output().stdout.clone();
    let for_key: Vec<serde_json::Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(for_key.len(), 2, "created and rotated");
    assert!(for_key.iter().all(|e| e["key_id"] == key_id.as_str() && e["key_label"] == "deploy-bot"));
    let out = env.with_password(&["--output", "json", "audit", "tail", "--event", "key."]).assert().success().get_output().stdout.clone();
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 4);
    let out = env.with_password(&["--output", "json", "audit", "tail", "--vault", &docs_id]).assert().success().get_output().stdout.clone();
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);

    let verify = env.json(&["audit", "verify"]);
    assert_eq!(verify["ok"], true);
    assert_eq!(verify["events"], events.len() as u64 + 4, "the four unlocks since were logged too");
    assert_eq!(events.len(), routine.len() + events.iter().filter(|e| e["event"] == "account.login").count());
}

#[test]
fn exit_codes_and_hints_for_bad_input() {
    let env = Env::new();
    // Not initialized: usage error naming `init`.
    env.with_password(&["key", "list"]).assert().code(2).stderr(predicate::str::contains("keysmith init"));
    env.init();
    // A second init never overwrites the account.
    env.with_password(&["init"]).assert().code(1).stderr(predicate::str::contains("already exists"));
    // Wrong password: exit 3, one clear line and a hint.
    env.cmd()
        .args(["--password-stdin", "key", "list"])
        .write_stdin("not the password\n")
        .assert()
        .code(3)
        .stderr(predicate::str::starts_with("error: wrong password\nhint: "));
    // No terminal and no --password-stdin: exit 2 naming the flag, nothing prompts.
    env.cmd().args(["key", "list"]).assert().code(2).stderr(predicate::str::contains("--password-stdin"));
    // --no-input also forbids prompting.
    env.cmd().args(["--no-input", "key", "create"]).assert().code(2);
    // Under --output json (or KEYSMITH_OUTPUT=json) every error is one JSON line on stderr,
    // with the exit code of its kind, stdout empty: usage errors found by the parser too.
    let json_error = |out: &std::process::Output| -> serde_json::Value {
        assert!(out.stdout.is_empty(), "stdout keeps only data");
        let text = String::from_utf8(out.stderr.clone()).unwrap();
        assert_eq!(text.lines().count(), 1, "{text}");
        serde_json::from_str(&text).unwrap()
    };
    for args in [&["-o", "json", "key", "frobnicate"][..], &["--output=json", "key", "list", "--bogus"], &["-ojson", "vault", "list", "extra"]] {
        let out = env.cmd().args(args).assert().code(2).get_output().clone();
        let e = json_error(&out);
        assert_eq!(e["error"]["code"], "usage", "{e}");
        assert!(e["error"]["hint"].as_str().unwrap().contains("--help"), "{e}");
    }
    let out = env
        .cmd()
        .env("KEYSMITH_OUTPUT", "json")
        .args(["--password-stdin", "key", "list"])
        .write_stdin("not the password\n")
        .assert()
        .code(3)
        .get_output()
        .clone();
    let e = json_error(&out);
    assert_eq!((e["error"]["code"].as_str(), e["error"]["message"].as_str()), (Some("auth"), Some("wrong password")), "{e}");
    assert!(e["error"]["hint"].is_string());
    // KEYSMITH_NO_INPUT takes the usual spellings of yes and no; anything else is a usage error.
    for v in ["1", "0", "yes", "no", "true", "false", "on", "off", "YES"] {
        env.with_password(&["key", "list"]).env("KEYSMITH_NO_INPUT", v).assert().success();
    }
    env.with_password(&["key", "list"]).env("KEYSMITH_NO_INPUT", "maybe").assert().code(2).stderr(predicate::str::contains("maybe"));
    // Missing wizard answers without a terminal name their flags.
    env.with_password(&["key", "create"]).assert().code(2).stderr(predicate::str::contains("--label"));
    env.with_password(&["key", "create", "--label", "x"]).assert().code(2).stderr(predicate::str::contains("--vault"));
    env.with_password(&["key", "create", "--label", "x", "--vault", "default"]).assert().code(2).stderr(predicate::str::contains("--allow"));
    // Bad values.
    env.with_password(&["key", "create", "--label", "x", "--vault", "nope", "--allow", "read"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no vault named"));
    env.with_password(&["key", "create", "--label", "x", "--vault", "default", "--allow", "admin"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown permission"));
    // The actions are listed where people look (help, man page, completions), and loose spellings still work.
    env.cmd()
        .args(["key", "create", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("read, write, delete, listVaults, createVault, delegate, all"));
    let loose = env.json(&["key", "create", "--label", "loose", "--vault", "default", "--allow", "list-vaults,READ", "--expires-in", "1d"]);
    assert_eq!(loose["permissions"], serde_json::json!(["read", "listVaults"]));
    env.with_password(&["key", "create", "--label", "x", "--vault", "default", "--allow", "read", "--rate", "fast"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("REQUESTS/WINDOW"));
    env.with_password(&["key", "show", "0000000000000000"]).assert().code(1).stderr(predicate::str::contains("no key"));
    env.with_password(&["init", "--iterations", "1000"]).assert().code(2);
    env.cmd().args(["key", "frobnicate"]).assert().code(2);
    // Weak new passwords are refused with feedback.
    let weak = Env::new();
    weak.cmd().args(["--password-stdin", "init"]).write_stdin("password1\n").assert().code(2).stderr(predicate::str::contains("too weak"));
    weak.with_password(&["key", "list"]).assert().code(2).stderr(predicate::str::contains("keysmith init"));
}

#[test]
fn no_expiry_needs_a_flag_and_warns() {
    let env = Env::new();
    env.init();
    let out = env
        .with_password(&["--output", "json", "key", "create", "--label", "x", "--vault", "default", "--allow", "read", "--no-expiry"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(stderr_of(&out).contains("never expires"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["expires_at"], serde_json::Value::Null);
    // The default is an expiry, about 90 days out.
    let v = env.json(&["key", "create", "--label", "y", "--vault", "default", "--allow", "read"]);
    assert!(v["expires_at"].as_str().is_some());
}

#[test]
fn token_file_is_private_and_not_printed() {
    let env = Env::new();
    env.init();
    let path = env.path("agent.token");
    let out = env
        .with_password(&["key", "create", "--label", "f", "--vault", "default", "--allow", "read", "--token-file", path.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(out.stdout.is_empty(), "the token is not printed when written to a file");
    let token = std::fs::read_to_string(&path).unwrap();
    assert!(token.starts_with("ksk1_"));
    assert!(!stderr_of(&out).contains(token.trim()));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    // An existing file is never overwritten without --force, and keeps its content.
    env.with_password(&["key", "create", "--label", "g", "--vault", "default", "--allow", "read", "--token-file", path.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), token);
    assert_eq!(env.json(&["key", "list"]).as_array().unwrap().len(), 1, "no key minted when the token could not be delivered");
}

#[test]
fn rotation_keeps_or_narrows_scope_never_broadens() {
    let env = Env::new();
    env.init();
    let (id, _) = env.key(&["--rate", "10/1m"]);
    env.with_password(&["key", "rotate", &id, "--allow", "read,write,delete"]).assert().code(2).stderr(predicate::str::contains("broader"));
    env.with_password(&["key", "rotate", &id, "--rate", "20/1m"]).assert().code(2).stderr(predicate::str::contains("rate limit"));
    env.with_password(&["key", "rotate", &id, "--rate", "none"]).assert().code(2);
    let new = env.json(&["key", "rotate", &id, "--allow", "read", "--rate", "5/1m"]);
    assert_eq!(new["permissions"], serde_json::json!(["read"]));
    assert_eq!(new["old_id"], id.as_str());
    // The old key cannot be rotated twice.
    env.with_password(&["key", "rotate", &id]).assert().code(1).stderr(predicate::str::contains("already rotated"));
}

#[test]
fn holder_of_a_key_rotates_it_without_the_password() {
    let env = Env::new();
    env.init();
    let (id, token) = env.key(&[]);
    let tf = env.path("old.token");
    std::fs::write(&tf, format!("{token}\n")).unwrap();
    let out = env.cmd().args(["--output", "json", "key", "rotate", "--with-token-file", tf.to_str().unwrap()]).assert().success().get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["old_id"], id.as_str());
    assert_eq!(v["permissions"], serde_json::json!(["read", "write"]));
    // Through stdin too, with the new token; the spent one is refused.
    let new_token = v["token"].as_str().unwrap().to_string();
    env.cmd().args(["key", "rotate", "--with-token-file", tf.to_str().unwrap()]).assert().code(1).stderr(predicate::str::contains("already rotated"));
    env.cmd().args(["key", "rotate", "--with-token-file", "-", "--allow", "read"]).write_stdin(new_token).assert().success();
}

#[test]
fn malformed_tokens_are_rejected_locally_with_their_reason() {
    let env = Env::new();
    env.init();
    let (_, token) = env.key(&[]);
    let mut flipped = token.clone().into_bytes();
    let i = 40;
    flipped[i] = if flipped[i] == b'a' { b'b' } else { b'a' };
    let cases = [
        (String::new(), "empty"),
        (token.replacen("ksk1", "ghp1", 1), "not a keysmith API token"),
        (token.replacen("ksk1", "ksk9", 1), "version"),
        (token[..token.len() - 5].to_string(), "truncated"),
        (token.to_uppercase().replacen("KSK", "ksk", 1), "alphabet"),
        (String::from_utf8(flipped).unwrap(), "checksum"),
    ];
    for (bad, why) in cases {
        let tf = env.path("bad.token");
        std::fs::write(&tf, &bad).unwrap();
        env.cmd()
            .args(["key", "rotate", "--with-token-file", tf.to_str().unwrap()])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(why).and(predicate::str::contains("hint:")));
    }
}

#[test]
fn login_session_allows_read_commands_without_password_until_logout() {
    let env = Env::new();
    env.init();
    env.with_password(&["login", "--ttl", "1h"]).assert().success();
    let session = std::fs::read_dir(env.data_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("session-"))
        .expect("the session falls back to a file in the data dir");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&session).unwrap().permissions().mode() & 0o777, 0o600);
    let cached = std::fs::read_to_string(&session).unwrap();
    assert!(!cached.contains(PASSWORD));
    // No password needed now (stdin is empty, no --password-stdin).
    env.cmd().args(["key", "list"]).assert().success();
    env.cmd().args(["audit", "verify"]).assert().success();
    // Commands that need the master key still need the password.
    env.cmd().args(["vault", "list"]).assert().code(2);
    env.cmd().args(["logout"]).assert().success().stdout(predicate::str::contains("Logged out"));
    env.cmd().args(["key", "list"]).assert().code(2);
    // A forged or stale session is not accepted.
    std::fs::write(&session, r#"{"token":"00","expires_at":99999999999}"#).unwrap();
    env.cmd().args(["key", "list"]).assert().code(2);
}

#[test]
fn passwd_rewraps_and_ends_sessions() {
    let env = Env::new();
    env.init();
    let (id, _) = env.key(&[]);
    env.with_password(&["login"]).assert().success();
    let new_pw = "vellum-orbit-cascade-19-thistle";
    env.cmd().args(["--password-stdin", "passwd"]).write_stdin(format!("{PASSWORD}\n{new_pw}\n")).assert().success();
    env.cmd().args(["key", "list"]).assert().code(2); // session ended
    env.with_password(&["key", "list"]).assert().code(3); // old password refused
    let out =
        env.cmd().args(["--password-stdin", "-o", "json", "key", "list"]).write_stdin(format!("{new_pw}\n")).assert().success().get_output().stdout.clone();
    assert!(String::from_utf8(out).unwrap().contains(&id), "keys survive a password change");
}

#[test]
fn argon2id_is_chosen_at_init_stored_bounded_and_switched_by_passwd() {
    use keysmith::crypto::Kdf;
    let row = |env: &Env| -> (String, i64, Option<i64>, Option<i64>) {
        let db = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
        db.query_row("SELECT kdf_algorithm, kdf_iterations, kdf_memory_kib, kdf_parallelism FROM accounts", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap()
    };
    let env = Env::new();
    env.json(&["init", "--kdf", "argon2id", "--kdf-memory", "32MiB", "--iterations", "2", "--kdf-parallelism", "2"]);
    assert_eq!(row(&env), ("argon2id".into(), 2, Some(32_768), Some(2)));
    // The master key opens with Argon2id's root of the password, and only with it.
    let db = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
    let (account, salt, wrapped): (String, Vec<u8>, Vec<u8>) =
        db.query_row("SELECT id, kdf_salt, wrapped_master_key FROM accounts", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    let aad = keysmith::crypto::aad::master_key(&account);
    let argon2 = Kdf::Argon2id { memory_kib: 32_768, iterations: 2, parallelism: 2 }.derive(PASSWORD.as_bytes(), &salt).unwrap();
    assert!(keysmith::crypto::unwrap_key(&argon2.key_encryption_key, &wrapped, &aad).is_ok());
    let pbkdf2 = Kdf::DEFAULT.derive(PASSWORD.as_bytes(), &salt).unwrap();
    assert!(keysmith::crypto::unwrap_key(&pbkdf2.key_encryption_key, &wrapped, &aad).is_err());
    env.json(&["vault", "list"]);
    env.cmd().args(["--password-stdin", "vault", "list"]).write_stdin("not the password\n").assert().code(3);

    // passwd keeps the function unless told; adjusts one parameter; switches both ways.
    let passwd = |args: &[&str]| {
        env.cmd().args(["--password-stdin", "passwd"]).args(args).write_stdin(format!("{PASSWORD}\n{PASSWORD}\n{PASSWORD}\n")).assert().success();
    };
    passwd(&[]);
    assert_eq!(row(&env), ("argon2id".into(), 2, Some(32_768), Some(2)));
    passwd(&["--kdf-memory", "64MiB"]);
    assert_eq!(row(&env), ("argon2id".into(), 2, Some(65_536), Some(2)));
    passwd(&["--kdf", "pbkdf2"]);
    assert_eq!(row(&env), ("pbkdf2-sha256".into(), 600_000, None, None));
    env.json(&["vault", "list"]);
    passwd(&["--kdf", "argon2id"]);
    assert_eq!(row(&env), ("argon2id".into(), 3, Some(65_536), Some(4)), "Argon2id's defaults: 64 MiB, 3 passes, 4 lanes");
    env.json(&["vault", "list"]);

    // Out of bounds: a usage error before any password is read; nothing changes.
    for bad in [
        &["--kdf", "argon2id", "--kdf-memory", "1MiB"][..],
        &["--kdf", "argon2id", "--iterations", "1"],
        &["--kdf", "argon2id", "--kdf-parallelism", "17"],
        &["--kdf", "pbkdf2", "--iterations", "100000"],
        &["--kdf", "pbkdf2", "--kdf-memory", "64MiB"],
    ] {
        env.cmd().arg("passwd").args(bad).assert().code(2);
        Env::new().cmd().arg("init").args(bad).assert().code(2);
    }
    assert_eq!(row(&env), ("argon2id".into(), 3, Some(65_536), Some(4)));

    // A backend stores only bounded parameters, whoever sends them.
    use keysmith::backend::Backend;
    use keysmith::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let store = keysmith::store::sqlite::SqliteStore::open_dir(dir.path()).unwrap();
    let id = keysmith::token::new_id();
    let weak = keysmith::store::Account {
        id: id.clone(),
        kdf_salt: vec![1; 32],
        kdf: Kdf::Argon2id { memory_kib: 1024, iterations: 3, parallelism: 1 },
        login_verifier: vec![2; 32],
        wrapped_master_key: vec![3; 61],
        public_key: vec![4; 32],
        wrapped_private_key: vec![5; 61],
        created_at: keysmith::policy::now(),
    };
    let vault = keysmith::store::Vault {
        id: keysmith::token::new_id(),
        account_id: id,
        encrypted_name: vec![7; 40],
        wrapped_key: Some(vec![8; 61]),
        sealed_key: None,
        created_by: "owner".into(),
        created_at: keysmith::policy::now(),
        key_version: 1,
        key_chain: Vec::new(),
    };
    let err = keysmith::backend::embedded::Embedded::new(&store).register(&weak, &vault, None).unwrap_err();
    assert!(err.message().contains("Argon2id memory"), "{}", err.message());
    assert!(store.default_account().unwrap().is_none(), "nothing stored");
}

#[test]
fn audit_tail_follow_shows_new_events_promptly() {
    let env = Env::new();
    env.init();
    env.with_password(&["login"]).assert().success();
    let (mut child, rx) = follow(&env, &["--event", "key.create"], false);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let (id, _) = env.key(&[]);
    let created = std::time::Instant::now();
    let line = rx.recv_timeout(std::time::Duration::from_secs(5)).expect("followed event arrives");
    let _ = child.kill();
    let _ = child.wait();
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(v["key_id"], id.as_str());
    assert!(created.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn broken_pipe_is_not_an_error() {
    let env = Env::new();
    let mut child = std::process::Command::new(BIN)
        .env("KEYSMITH_DATA_DIR", env.data_dir())
        .args(["completions", "zsh"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before keysmith writes
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stderr_of(&out).is_empty());
}

#[test]
fn key_list_filters_by_status_expiry_and_label() {
    let env = Env::new();
    env.init();
    let key = |label: &str, expires: &str| {
        env.json(&["key", "create", "--label", label, "--vault", "default", "--allow", "read", "--expires-in", expires])["id"].as_str().unwrap().to_string()
    };
    let soon = key("backup", "3d");
    let later = key("ci", "30d");
    let gone = key("ci", "30d");
    env.with_password(&["key", "revoke", &gone, "--yes"]).assert().success();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["key", "list"];
        full.extend_from_slice(args);
        let mut ids: Vec<String> = env.json(&full).as_array().unwrap().iter().map(|k| k["id"].as_str().unwrap().to_string()).collect();
        ids.sort();
        ids
    };
    let sorted = |mut v: Vec<&String>| {
        v.sort();
        v.into_iter().cloned().collect::<Vec<_>>()
    };
    assert_eq!(ids(&[]), sorted(vec![&soon, &later, &gone]));
    assert_eq!(ids(&["--status", "active"]), sorted(vec![&soon, &later]));
    assert_eq!(ids(&["--status", "revoked"]), vec![gone.clone()]);
    assert_eq!(ids(&["--status", "active,revoked"]), sorted(vec![&soon, &later, &gone]));
    assert_eq!(ids(&["--expiring-within", "7d"]), vec![soon.clone()], "due for rotation: active and expiring within 7 days");
    assert_eq!(ids(&["--label", "ci"]), sorted(vec![&later, &gone]));
    assert_eq!(ids(&["--label", "ci", "--status", "active"]), vec![later.clone()]);
    assert!(ids(&["--label", "nobody"]).is_empty());
    env.with_password(&["key", "list", "--status", "sleeping"]).assert().code(2).stderr(predicate::str::contains("active"));
    // Unknown audit filter values are errors that list the known ones, not empty results.
    env.with_password(&["audit", "tail", "--event", "key.craete"]).assert().code(2).stderr(predicate::str::contains("key.create"));
    assert!(!env.json_lines(&["audit", "tail", "--event", "key."]).is_empty(), "a family still matches");
}

#[test]
fn key_create_if_absent_mints_once_for_jobs_that_rerun() {
    let env = Env::new();
    env.init();
    let args = ["key", "create", "--label", "nightly", "--vault", "default", "--allow", "read", "--expires-in", "7d", "--if-absent"];
    let first = env.json(&args);
    assert_eq!(first["created"], true);
    assert!(first["token"].as_str().unwrap().starts_with("ksk1_"), "{first}");
    let again = env.json(&args);
    assert_eq!((again["created"].as_bool(), again["id"].as_str()), (Some(false), first["id"].as_str()), "{again}");
    assert!(again.get("token").is_none(), "an existing key's token is never shown again");
    let tf = env.path("nightly.token");
    std::fs::write(&tf, "kept").unwrap();
    let mut with_file = args.to_vec();
    with_file.extend_from_slice(&["--token-file", tf.to_str().unwrap()]);
    env.with_password(&with_file).assert().success().stderr(predicates::str::contains("nothing was minted"));
    assert_eq!(std::fs::read_to_string(&tf).unwrap(), "kept");
    assert_eq!(env.json(&["key", "list", "--label", "nightly"]).as_array().unwrap().len(), 1);
    // Once the key is revoked, the next run mints a new one.
    env.with_password(&["key", "revoke", first["id"].as_str().unwrap(), "--yes"]).assert().success();
    // No usable key and a destination that would be clobbered: refused before anything is minted.
    env.with_password(&with_file).assert().code(2).stderr(predicates::str::contains("already exists"));
    assert_eq!(env.json(&["key", "list", "--label", "nightly", "--status", "active"]).as_array().unwrap().len(), 0);
    let third = env.json(&args);
    assert_eq!(third["created"], true);
    assert_ne!(third["id"], first["id"]);
    env.with_password(&["key", "create", "--if-absent", "--vault", "default", "--allow", "read"]).assert().code(2).stderr(predicates::str::contains("--label"));
}

#[test]
fn read_commands_on_a_mistyped_data_dir_create_nothing() {
    let env = Env::new();
    env.init();
    let (_, token) = env.key(&[]);
    let typo = env.dir.path().join("dta");
    let typo_arg = typo.to_str().unwrap();
    for args in [&["key", "list"][..], &["vault", "list"], &["audit", "tail"], &["audit", "verify"], &["key", "show", "0011223344556677"]] {
        let mut c = env.cmd();
        c.args(["--password-stdin", "--data-dir", typo_arg]).args(args).write_stdin(format!("{PASSWORD}\n"));
        c.assert().code(2).stderr(predicate::str::contains("no keysmith data in").and(predicate::str::contains("keysmith init")));
        assert!(!typo.exists(), "{args:?} created {}", typo.display());
    }
    let mut c = env.cmd();
    c.env("KEYSMITH_API_KEY", &token).args(["--data-dir", typo_arg, "agent", "connect"]);
    c.assert().code(2).stderr(predicate::str::contains("no keysmith data in"));
    assert!(!typo.exists());
    // init is what creates it.
    let mut c = env.cmd();
    c.args(["--password-stdin", "--data-dir", typo_arg, "init"]).write_stdin(format!("{PASSWORD}\n{PASSWORD}\n"));
    c.assert().success();
    assert!(typo.join("keysmith.db").exists());
}

#[test]
fn field_selects_what_scripts_need_without_losing_a_token() {
    let env = Env::new();
    env.init();
    let create = ["key", "create", "--label", "ci", "--vault", "default", "--allow", "read", "--expires-in", "7d"];
    let mut args = create.to_vec();
    args.extend_from_slice(&["--field", "token"]);
    let out = env.with_password(&args).assert().success().get_output().stdout.clone();
    let token = String::from_utf8(out).unwrap();
    assert!(token.starts_with("ksk1_") && token.ends_with('\n') && token.lines().count() == 1, "{token:?}");
    let list = env.with_password(&["key", "list", "--field", "id,label,status"]).assert().success().get_output().stdout.clone();
    let list = String::from_utf8(list).unwrap();
    let id = token.split('_').nth(1).unwrap();
    assert_eq!(list, format!("{id}\tci\tactive\n"));
    // Nested fields, and one line per audit event.
    let mut c = env.cmd();
    c.env("KEYSMITH_API_KEY", token.trim()).args(["agent", "connect", "--field", "key.id,key.status"]);
    assert_eq!(String::from_utf8(c.assert().success().get_output().stdout.clone()).unwrap(), format!("{id}\tactive\n"));
    let events = env.with_password(&["audit", "tail", "-n", "2", "--field", "seq,event"]).assert().success().get_output().stdout.clone();
    assert_eq!(String::from_utf8(events).unwrap().lines().count(), 2);
    // A field the output lacks: the whole document is printed (the new token is not lost), with a warning.
    let typo = ["key", "create", "--label", "ci2", "--vault", "default", "--allow", "read", "--field", "tokn"];
    let out = env.with_password(&typo).assert().success().get_output().clone();
    let whole: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(whole["token"].as_str().unwrap().starts_with("ksk1_"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no field `tokn`"));
}

#[test]
fn revoke_takes_several_ids_or_unique_prefixes_and_a_typo_revokes_nothing() {
    let env = Env::new();
    env.init();
    let ids: Vec<String> = (0..3).map(|_| env.key(&[]).0).collect();
    // A typo among good ids: nothing is revoked.
    env.with_password(&["key", "revoke", &ids[0], "ffffffffffffffff", "--yes"]).assert().code(1).stderr(predicate::str::contains("no key ffffffffffffffff"));
    env.with_password(&["key", "revoke", &ids[0], "abc", "--yes"]).assert().code(1);
    assert_eq!(env.json(&["key", "list", "--status", "revoked"]).as_array().unwrap().len(), 0);
    // Two keys, one by a unique prefix and one by id (named twice): an array of both, revoked.
    let prefix = &ids[1][..8];
    let revoked = env.json(&["key", "revoke", prefix, &ids[2], &ids[2], "--yes"]);
    let got: Vec<&str> = revoked.as_array().unwrap().iter().map(|k| k["id"].as_str().unwrap()).collect();
    assert_eq!(got, [ids[1].as_str(), ids[2].as_str()]);
    assert!(revoked.as_array().unwrap().iter().all(|k| k["status"] == "revoked"));
    // One id: an object, as before; an already revoked key is reported, not an error.
    assert_eq!(env.json(&["key", "revoke", &ids[2], "--yes"])["status"], "revoked");
    assert_eq!(env.json(&["key", "list", "--status", "active"]).as_array().unwrap().len(), 1);
}

#[test]
fn agents_are_warned_before_their_key_stops() {
    let env = Env::new();
    env.init();
    let connect = |token: &str| {
        let mut c = env.cmd();
        c.env("KEYSMITH_API_KEY", token).args(["agent", "connect"]);
        String::from_utf8(c.assert().success().get_output().stderr.clone()).unwrap()
    };
    let (_, month) = env.key(&["--expires-in", "30d"]);
    assert!(!connect(&month).contains("warning"));
    let (soon_id, soon) = env.key(&["--expires-in", "3d"]);
    assert!(!connect(&soon).contains("warning"), "a fresh short-lived key is not expiring");
    // Made a month ago with three days left: within a week of its end.
    let db = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
    db.execute("UPDATE api_keys SET created_at = created_at - 30 * 86400 WHERE id = ?1", [&soon_id]).unwrap();
    assert!(connect(&soon).contains("warning: this API key expires at"), "within a week");
    env.json(&["key", "rotate", &soon_id, "--grace", "2h"]);
    let stderr = connect(&soon);
    assert!(stderr.contains("warning: this API key was rotated and stops at") && stderr.contains("switch to the new token"), "{stderr}");
    // The table shows the grace end, not the original expiry.
    let mut c = env.cmd();
    c.env("KEYSMITH_API_KEY", &soon).args(["agent", "connect"]);
    assert!(String::from_utf8(c.assert().success().get_output().stdout.clone()).unwrap().contains("Rotated: valid until"));
}

#[test]
fn key_show_reads_in_order_with_human_sizes() {
    let env = Env::new();
    env.init();
    let (id, _) = env.key(&["--bytes-per-day", "1GiB", "--rate", "60/1m"]);
    // JSON keeps the documented field order (not alphabetical).
    let shown = env.json(&["key", "show", &id]);
    let fields: Vec<&str> = shown.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        fields,
        [
            "id",
            "label",
            "status",
            "permissions",
            "vaults",
            "rate_limit",
            "bytes_per_day",
            "expires_at",
            "grace_end",
            "created_at",
            "last_used_at",
            "revoked_at",
            "rotated_from",
            "rotated_to",
            "parent_id",
            "write_only"
        ]
    );
    let table = String::from_utf8(env.with_password(&["key", "show", &id]).assert().success().get_output().stdout.clone()).unwrap();
    let first_words: Vec<&str> = table.lines().skip(1).map(|l| l.split("  ").next().unwrap().trim()).collect();
    assert_eq!(&first_words[..4], ["id", "label", "status", "permissions"], "{table}");
    assert!(table.lines().any(|l| l.starts_with("bytes per day") && l.trim_end().ends_with("1 GiB")), "{table}");
}

#[test]
fn audit_tail_says_when_n_cut_the_result() {
    let env = Env::new();
    env.init();
    env.key(&[]);
    env.key(&[]);
    let total = env.json(&["audit", "verify"])["events"].as_i64().unwrap();
    let out = env.with_password(&["audit", "tail", "-n", "2", "--all"]).assert().success().get_output().clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("2 of {} events", total + 1)), "{out:?}");
    let out = env.with_password(&["audit", "tail", "-n", "2"]).assert().success().get_output().clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("older ones exist (-n N shows more; --all shows routine logins)"), "{out:?}");
    let out = env.with_password(&["audit", "tail", "-n", "1", "--event", "key.create"]).assert().success().get_output().clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("the newest 1 matching events; older ones exist"), "{out:?}");
    let out = env.with_password(&["audit", "tail", "-n", "1000"]).assert().success().get_output().clone();
    assert!(!String::from_utf8_lossy(&out.stderr).contains(" of "), "nothing was cut: {out:?}");
    // Scripts get exactly N events.
    assert_eq!(env.json_lines(&["audit", "tail", "-n", "2"]).len(), 2);
}

/// Follows the trail in the background: returns the child and its stdout lines.
fn follow(env: &Env, args: &[&str], password: bool) -> (std::process::Child, std::sync::mpsc::Receiver<String>) {
    let mut c = env.process(BIN);
    c.args(["--output", "json", "audit", "tail", "-f"]).args(args).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    c.stdin(std::process::Stdio::piped());
    if password {
        c.arg("--password-stdin");
    }
    let mut child = c.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    if password {
        use std::io::Write;
        stdin.write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
    }
    drop(stdin);
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

/// `audit tail -f` outlives its session: unlocked with the password, it logs in again
/// (no second prompt) and goes on from the last event; on a cached session with no
/// terminal it says how to resume with --after.
#[test]
fn audit_tail_follow_survives_the_end_of_its_session() {
    let env = Env::new();
    env.init();
    let end_sessions = || {
        let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
        conn.execute("DELETE FROM sessions", []).unwrap();
    };
    let (mut child, rx) = follow(&env, &["--event", "key.create"], true);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    end_sessions();
    let (id, _) = env.key(&[]);
    let line = rx.recv_timeout(std::time::Duration::from_secs(30)).expect("the followed event arrives after the session ended");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&line).unwrap()["key_id"], id.as_str());
    assert!(child.try_wait().unwrap().is_none(), "still following");
    let _ = child.kill();
    let _ = child.wait();

    // A cached session, no terminal: exit 3 with the sequence number to resume from.
    env.with_password(&["login", "--ttl", "1h"]).assert().success();
    let (mut child, _rx) = follow(&env, &["--event", "key.create"], false);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    end_sessions();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(std::time::Instant::now() < deadline, "the follower noticed its session ended");
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(status.code(), Some(3), "{err}");
    assert!(err.contains("--after "), "{err}");
}

/// The owner's questions in one command each: by vault name, outcome, actor, exclusions.
#[test]
fn audit_tail_filters_by_vault_name_outcome_actor_and_exclusions() {
    let env = Env::new();
    env.init();
    let reports = env.json(&["vault", "create", "reports"])["id"].as_str().unwrap().to_string();
    let (_, token) = env.key(&["--vault", "reports", "--allow", "read,write,delete"]);
    let src = env.path("q3.txt");
    std::fs::write(&src, "q3").unwrap();
    let agent = |args: &[&str]| {
        let mut c = env.cmd();
        c.env("KEYSMITH_API_KEY", &token).arg("agent").args(args);
        c.assert().success().get_output().stdout.clone()
    };
    agent(&["put", "reports", src.to_str().unwrap()]);
    agent(&["rm", "reports", "q3.txt"]);
    env.cmd().args(["--password-stdin", "vault", "list"]).write_stdin("wrong password\n").assert().code(3);

    let by_name = env.json_lines(&["audit", "tail", "--vault", "reports", "-n", "100"]);
    assert!(by_name.len() >= 3 && by_name.iter().all(|e| e["vault_id"] == reports.as_str()), "{by_name:?}");
    assert_eq!(env.json_lines(&["audit", "tail", "--vault", &reports, "-n", "100"]), by_name, "by id, the same");
    env.with_password(&["audit", "tail", "--vault", "no-such-vault"]).assert().code(1).stderr(predicate::str::contains("no-such-vault"));

    let denied = env.json_lines(&["audit", "tail", "--outcome", "denied"]);
    assert_eq!(denied.len(), 1);
    assert_eq!(denied[0]["event"], "account.login");
    let deleted = env.json_lines(&["audit", "tail", "--actor", "agent", "--event", "file.delete"]);
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0]["key_label"], "ci");
    let rest = env.json_lines(&["audit", "tail", "-n", "100", "--all", "--exclude-event", "account.,file.", "--exclude-event", "owner."]);
    assert!(!rest.is_empty());
    assert!(rest.iter().all(|e| !["account.", "file.", "owner."].iter().any(|f| e["event"].as_str().unwrap().starts_with(f))), "{rest:?}");
    // Unknown values are errors, before any password.
    for bad in [&["--actor", "root"][..], &["--outcome", "maybe"], &["--exclude-event", "key.craete"], &["--until", "soon"]] {
        env.cmd().args(["audit", "tail"]).args(bad).assert().code(2);
    }
}
