//! Files: client-side encryption, owner ↔ agent interchange, tamper detection, the
//! permission matrix on a live server, honest uploads only, and nothing readable at rest.

use crate::common::*;
use crate::server::Server;
use predicates::prelude::*;

fn agent(env: &Env, token: &str, server: Option<&str>, args: &[&str]) -> assert_cmd::Command {
    let mut c = env.cmd();
    c.env("KEYSMITH_API_KEY", token);
    if let Some(url) = server {
        c.args(["--server", url]);
    }
    c.arg("agent").args(args);
    c
}

#[test]
fn owner_and_agent_read_each_others_files_and_tampering_is_caught() {
    let env = Env::new();
    env.init();
    let (_, token) = env.key(&["--allow", "read,write,delete"]);
    let owner_file = env.path("plan.txt");
    std::fs::write(&owner_file, b"the owner's plan").unwrap();
    env.with_password(&["file", "put", "default", owner_file.to_str().unwrap()]).assert().success();
    agent(&env, &token, None, &["get", "default", "plan.txt", "--to", "-"]).assert().success().stdout("the owner's plan");

    let big: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let agent_file = env.path("data.bin");
    std::fs::write(&agent_file, &big).unwrap();
    agent(&env, &token, None, &["put", "default", agent_file.to_str().unwrap()]).assert().success();
    let back = env.path("back.bin");
    env.with_password(&["file", "get", "default", "data.bin", "--to", back.to_str().unwrap()]).assert().success();
    assert_eq!(std::fs::read(&back).unwrap(), big);

    // A flipped byte in the stored blob: reported as tampering, nothing written.
    let out = env.json(&["file", "ls", "default"]);
    assert!(out.as_array().unwrap().iter().all(|f| humantime::parse_rfc3339(f["created_at"].as_str().unwrap()).is_ok()), "RFC 3339: {out}");
    let id = out.as_array().unwrap().iter().find(|f| f["name"] == "data.bin").unwrap()["id"].as_str().unwrap().to_string();
    let blob = env.data_dir().join("blobs").join(&id);
    let mut bytes = std::fs::read(&blob).unwrap();
    bytes[100_000] ^= 1;
    std::fs::write(&blob, &bytes).unwrap();
    let target = env.path("tampered.bin");
    agent(&env, &token, None, &["get", "default", "data.bin", "--to", target.to_str().unwrap()]).assert().code(4).stderr(predicate::str::contains("tampered"));
    assert!(!target.exists());
    assert!(std::fs::read_dir(env.dir.path()).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().contains("keysmith-partial")));
    // A truncated blob too.
    std::fs::write(&blob, &bytes[..bytes.len() - 20]).unwrap();
    agent(&env, &token, None, &["get", "default", "data.bin", "--to", "-"]).assert().code(4);

    agent(&env, &token, None, &["rm", "default", "plan.txt"]).assert().success();
    let names: Vec<String> = env.json(&["file", "ls", "default"]).as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap().to_string()).collect();
    assert_eq!(names, ["data.bin"]);
}

#[test]
fn agent_created_vaults_are_sealed_to_the_owner() {
    let env = Env::new();
    env.init();
    let (_, token) = env.key(&["--allow", "read,write,createVault"]);
    agent(&env, &token, None, &["mkvault", "agent-notes"]).assert().success();
    agent(&env, &token, None, &["put", "agent-notes", "-", "--name", "n.txt"]).write_stdin("from the agent").assert().success();
    let vaults = env.json(&["vault", "list"]);
    let made = vaults.as_array().unwrap().iter().find(|v| v["name"] == "agent-notes").expect("the owner sees the agent's vault by name");
    assert_ne!(made["created_by"], "owner");
    env.with_password(&["file", "get", "agent-notes", "n.txt", "--to", "-"]).assert().success().stdout("from the agent");
}

/// Every action × allowed/denied × in/out of scope × active/grace/expired/revoked.
#[test]
fn permission_matrix_on_a_live_server() {
    let env = Env::new();
    env.init();
    let other = env.json(&["vault", "create", "other"])["id"].as_str().unwrap().to_string();
    let src = env.path("m.txt");
    std::fs::write(&src, b"matrix").unwrap();
    env.with_password(&["file", "put", "default", src.to_str().unwrap()]).assert().success();
    env.with_password(&["file", "put", "other", src.to_str().unwrap()]).assert().success();
    let server = Server::start(&env);

    // (action, the permission it needs, a permission that is not it, arguments)
    let actions: [(&str, &str, &str, &[&str]); 6] = [
        ("ls", "read", "write", &["ls", "VAULT"]),
        ("get", "read", "write", &["get", "VAULT", "m.txt", "--to", "-"]),
        ("put", "write", "read", &["put", "VAULT", "-", "--name", "new.txt"]),
        ("rm", "read,delete", "read", &["rm", "VAULT", "m.txt"]),
        ("vaults", "listVaults", "read", &["vaults"]),
        ("mkvault", "createVault", "read", &["mkvault", "fresh"]),
    ];
    let states = ["active", "grace", "expired", "revoked"];
    // Mint every key first (expired ones with a 2 s life), then wait once.
    let mut cases = Vec::new();
    for (name, with, without, args) in actions {
        for allowed in [true, false] {
            for state in states {
                let allow = if allowed { with } else { without };
                let (id, token) = env.key(&["--allow", allow, "--expires-in", if state == "expired" { "2s" } else { "1d" }]);
                match state {
                    "grace" => {
                        let tf = env.path("rot.token");
                        std::fs::write(&tf, &token).unwrap();
                        env.cmd().args(["key", "rotate", "--with-token-file", tf.to_str().unwrap(), "--grace", "1h"]).assert().success();
                    }
                    "revoked" => {
                        env.with_password(&["key", "revoke", &id, "--yes"]).assert().success();
                    }
                    _ => {}
                }
                cases.push((name, args, allowed, state, token));
            }
        }
    }
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let other_file = env.json(&["file", "ls", "other"])[0]["id"].as_str().unwrap().to_string();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let mut checked = 0;
    for (name, args, allowed, state, token) in &cases {
        for in_scope in [true, false] {
            if !args.contains(&"VAULT") && !in_scope {
                continue;
            }
            let vault = if in_scope { "default" } else { other.as_str() };
            let a: Vec<&str> = args.iter().map(|x| if *x == "VAULT" { vault } else { x }).collect();
            let mut cmd = agent(&env, token, Some(&server.url), &a);
            cmd.write_stdin("x");
            let out = cmd.output().unwrap();
            let expect = match (*state, *allowed && in_scope) {
                ("expired" | "revoked", _) => 3,
                (_, false) => 1,
                (_, true) => 0,
            };
            assert_eq!(out.status.code(), Some(expect), "{name} allowed={allowed} state={state} in_scope={in_scope}: {}", stderr_of(&out));
            if !in_scope {
                // The client never asks for a vault outside its scope; a hand-made request
                // for it is refused by the server itself.
                let (method, path, body) = match *name {
                    "ls" => ("GET", format!("/v1/agent/vaults/{other}/files"), String::new()),
                    "get" => ("GET", format!("/v1/agent/vaults/{other}/files/{other_file}"), String::new()),
                    "rm" => ("DELETE", format!("/v1/agent/vaults/{other}/files/{other_file}"), String::new()),
                    _ => (
                        "POST",
                        format!("/v1/agent/vaults/{other}/files"),
                        serde_json::json!({"file_id":"00000000000000ff","encrypted_name":"00".repeat(40),"wrapped_key":"00".repeat(61),"size":1,"sha256":"00".repeat(32)})
                            .to_string(),
                    ),
                };
                let status = rt.block_on(crate::server::raw(&server.url, token, method, &path, body.as_bytes(), |_, _| {})).status().as_u16();
                let expect = if matches!(*state, "expired" | "revoked") { 401 } else { 403 };
                assert_eq!(status, expect, "raw {method} {path} allowed={allowed} state={state}");
            }
            if *name == "rm" && expect == 0 {
                env.with_password(&["file", "put", "default", src.to_str().unwrap()]).assert().success();
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 2 * 4 * (4 * 2 + 2));
    // Every kind of denial is in the audit trail with its reason.
    let out = env.with_password(&["-o", "json", "audit", "tail", "-n", "100000"]).assert().success().get_output().stdout.clone();
    let events: Vec<serde_json::Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    for reason in ["was revoked", "has expired", "may not", "not in this API key's scope"] {
        assert!(events.iter().any(|e| e["outcome"] == "denied" && e["reason"].as_str().unwrap_or("").contains(reason)), "no denial for {reason:?}");
    }
}

#[test]
fn uploads_must_match_their_announcement_and_limits_bytes_per_day() {
    let env = Env::new();
    env.init();
    let (_, token) = env.key(&["--allow", "read,write", "--bytes-per-day", "1000"]);
    let server = Server::start(&env);
    // Within the quota.
    agent(&env, &token, Some(&server.url), &["put", "default", "-", "--name", "a"]).write_stdin(vec![1u8; 600]).assert().success();
    // The next one would exceed 1000 encrypted bytes today: 429 with a retry time.
    agent(&env, &token, Some(&server.url), &["put", "default", "-", "--name", "b"])
        .write_stdin(vec![1u8; 600])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("quota").and(predicate::str::contains("retry after")));
    // A blob that differs from what was announced never becomes visible.
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        keysmith::http::tls_provider();
        let t: keysmith::token::Token = token.parse().unwrap();
        let client = keysmith::agent::AgentClient::new(&server.url, t).unwrap();
        use keysmith::transfer::FileApi;
        let conn = client.connect().await.unwrap();
        let v = conn.vault("default").unwrap();
        let req = keysmith::server::api::AnnounceRequest {
            file_id: "00000000000000aa".into(),
            encrypted_name: "00".repeat(40),
            wrapped_key: "00".repeat(61),
            size: 10,
            sha256: hex::encode(keysmith::crypto::sha256(&[b"0123456789"])),
            key_version: 1,
        };
        let ticket = client.announce(&v.id, &req).await.unwrap();
        let http = reqwest::Client::new();
        let too_long = http.put(format!("{}{}", server.url, ticket.url)).body(vec![b'0'; 11]).send().await.unwrap();
        assert_eq!(too_long.status(), 413);
        let wrong = http.put(format!("{}{}", server.url, ticket.url)).body("9876543210").send().await.unwrap();
        assert_eq!(wrong.status(), 400);
        let forged = http.put(format!("{}{}", server.url, ticket.url.replace("sig=", "sig=00"))).body("0123456789").send().await.unwrap();
        assert_eq!(forged.status(), 401);
        let files = client.files(&v.id).await.unwrap();
        assert!(files.iter().all(|f| f.id != "00000000000000aa"), "a mismatched upload is not listed");
        let ok = http.put(format!("{}{}", server.url, ticket.url)).body("0123456789").send().await.unwrap();
        assert_eq!(ok.status(), 200);
        let again = http.put(format!("{}{}", server.url, ticket.url)).body("0123456789").send().await.unwrap();
        assert_eq!(again.status(), 409);
    });
    assert!(!env.data_dir().join("blobs/.incoming").read_dir().unwrap().any(|_| true), "no partial upload left behind");
}

#[test]
fn after_a_full_flow_the_server_holds_no_plaintext_names_or_secrets() {
    let env = Env::new();
    env.json(&["init", "--vault", "crown-jewels"]);
    let key = env.json(&["key", "create", "--label", "bot", "--vault", "crown-jewels", "--allow", "read,write,createVault", "--expires-in", "1d"]);
    let token = key["token"].as_str().unwrap().to_string();
    let server = Server::start(&env);
    let content = "TOP-SECRET-CONTENT-7f3a ".repeat(5000);
    let file = env.path("launch-codes.txt");
    std::fs::write(&file, &content).unwrap();
    agent(&env, &token, Some(&server.url), &["put", "crown-jewels", file.to_str().unwrap()]).assert().success();
    agent(&env, &token, Some(&server.url), &["mkvault", "shadow-ledger"]).assert().success();
    agent(&env, &token, Some(&server.url), &["get", "crown-jewels", "launch-codes.txt", "--to", "-"]).assert().success().stdout(content.clone());
    let (_, log) = server.stop();
    let mut stored = env.stored_bytes();
    stored.extend_from_slice(log.as_bytes());
    let parsed: keysmith::token::Token = token.parse().unwrap();
    for (what, needle) in [
        ("file content", b"TOP-SECRET-CONTENT-7f3a".to_vec()),
        ("file name", b"launch-codes".to_vec()),
        ("vault name", b"crown-jewels".to_vec()),
        ("agent-made vault name", b"shadow-ledger".to_vec()),
        ("password", PASSWORD.as_bytes().to_vec()),
        ("token", token.as_bytes().to_vec()),
        ("token secret", parsed.secret().expose().to_vec()),
        ("token secret hex", hex::encode(parsed.secret().expose()).into_bytes()),
    ] {
        assert!(!contains(&stored, &needle), "{what} found in the server's storage or logs");
    }
}
