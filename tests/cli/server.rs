//! `keysmith serve` on 127.0.0.1: enforcement, signatures, limits, audit, logs, contract.

use crate::common::*;
use keysmith::crypto::AgentKeys;
use keysmith::signature;
use keysmith::token::Token;
use predicates::prelude::*;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

pub struct Server {
    child: Child,
    pub url: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    pub fn start(env: &Env) -> Server {
        Self::start_with(env, &[])
    }

    /// `keysmith serve` over the env's data dir with more arguments (e.g. `--registration open`).
    pub fn start_with(env: &Env, args: &[&str]) -> Server {
        Self::start_env(env, args, &[])
    }

    /// `keysmith serve` with more arguments and environment variables.
    pub fn start_env(env: &Env, args: &[&str], vars: &[(String, String)]) -> Server {
        let mut child = Command::new(BIN)
            .env_clear()
            .env("HOME", env.dir.path())
            .env("KEYSMITH_DATA_DIR", env.data_dir())
            .envs(vars.iter().map(|(k, v)| (k, v)))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        let url = first.trim().strip_prefix("listening on ").unwrap_or_else(|| panic!("unexpected first line {first:?}")).to_string();
        let log = Arc::new(Mutex::new(String::new()));
        let sink = log.clone();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                let mut l = sink.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        Server { child, url, log }
    }

    /// What the server logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// SIGKILL: the server ends at once, mid-request.
    pub fn kill9(mut self) {
        self.child.kill().unwrap();
        let _ = self.child.wait();
    }

    /// SIGTERM, then wait: returns the exit code and the server's log.
    pub fn stop(mut self) -> (Option<i32>, String) {
        Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        let status = self.child.wait().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(100));
        (status.code(), self.log.lock().unwrap().clone())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent(env: &Env, server: &Server, token: &str, args: &[&str]) -> assert_cmd::assert::Assert {
    let mut c = env.cmd();
    c.env("KEYSMITH_API_KEY", token).args(["--server", &server.url, "--output", "json", "agent"]).args(args);
    c.assert()
}

pub fn http() -> reqwest::Client {
    keysmith::http::tls_provider();
    reqwest::Client::new()
}

pub fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(4).enable_all().build().unwrap()
}

/// Sends one request signed with `token`, letting the caller tamper with it.
pub async fn raw(
    url: &str,
    token: &str,
    method: &str,
    path: &str,
    body: &[u8],
    tamper: impl FnOnce(&mut signature::SignedHeaders, &mut Vec<u8>),
) -> reqwest::Response {
    let t: Token = token.parse().unwrap();
    let keys = AgentKeys::derive(t.secret());
    let mut h = signature::sign(t.key_id(), &keys, method, path, body, keysmith::policy::now());
    let mut body = body.to_vec();
    tamper(&mut h, &mut body);
    http()
        .request(method.parse().unwrap(), format!("{url}{path}"))
        .header(signature::HEADER_KEY, h.key_id)
        .header(signature::HEADER_TIMESTAMP, h.timestamp.to_string())
        .header(signature::HEADER_NONCE, h.nonce)
        .header(signature::HEADER_SIGNATURE, h.signature)
        .body(body)
        .send()
        .await
        .unwrap()
}

/// The server's own chain (events of no account), as its operator reads it; verified.
fn server_events(env: &Env) -> Vec<serde_json::Value> {
    let out = env.cmd().args(["--output", "json", "serve", "audit", "-n", "100000"]).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn events(env: &Env, args: &[&str]) -> Vec<serde_json::Value> {
    let mut full = vec!["--output", "json", "audit", "tail", "-n", "1000"];
    full.extend_from_slice(args);
    let out = env.with_password(&full).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn connect_unlocks_exactly_the_scoped_vaults_and_denials_are_audited() {
    let env = Env::new();
    env.init();
    env.json(&["vault", "create", "secret-plans"]);
    let key = env.json(&["key", "create", "--label", "reader", "--vault", "default", "--allow", "read", "--expires-in", "1d"]);
    let token = key["token"].as_str().unwrap();
    let server = Server::start(&env);

    let out = agent(&env, &server, token, &["connect"]).success().get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["key"]["id"], key["id"]);
    // One shape for a key, whoever shows it; every time RFC 3339.
    let shown = env.json(&["key", "show", key["id"].as_str().unwrap()]);
    let (as_agent, as_owner) = (v["key"].as_object().unwrap(), shown.as_object().unwrap());
    assert_eq!(as_agent.keys().collect::<Vec<_>>(), as_owner.keys().collect::<Vec<_>>(), "one shape for a key");
    for f in ["id", "label", "status", "permissions", "vaults", "rate_limit", "bytes_per_day", "expires_at", "created_at", "grace_end"] {
        assert_eq!(as_agent[f], as_owner[f], "{f}");
    }
    let rfc3339 = |t: &serde_json::Value| humantime::parse_rfc3339(t.as_str().unwrap_or_else(|| panic!("not a string: {t}"))).is_ok();
    assert!(rfc3339(&as_agent["created_at"]) && rfc3339(&as_agent["expires_at"]));
    assert!(rfc3339(&env.json(&["vault", "list"])[0]["created_at"]));
    let names: Vec<&str> = v["vaults"].as_array().unwrap().iter().map(|v| v["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["default"], "decrypted locally; only the vault of its scope");

    // No listVaults permission: denied (exit 1), and the denial is audited with its reason.
    agent(&env, &server, token, &["vaults"]).code(1).stderr(predicate::str::contains("may not listVaults"));
    let denied: Vec<_> = events(&env, &["--event", "vault.list"]);
    assert_eq!(denied.len(), 1);
    assert_eq!(denied[0]["outcome"], "denied");
    assert_eq!(denied[0]["actor"], "agent");
    assert_eq!(denied[0]["key_id"], key["id"]);
    assert_eq!(denied[0]["key_label"], "reader");
    assert!(denied[0]["reason"].as_str().unwrap().contains("listVaults"));
    // connect, and `agent vaults`' own connect (it decrypts names with the grants connect returns).
    let allowed = events(&env, &["--event", "agent.connect"]);
    assert_eq!(allowed.len(), 2);
    assert!(allowed.iter().all(|e| e["outcome"] == "allowed"));
    // The owner API filters the same way (event lists, exclusions, actor, outcome, time).
    let filters = ["--outcome", "denied", "--actor", "agent", "--event", "vault.,agent.", "--exclude-event", "agent.connect", "--since", "1h"];
    let remote = events(&env, &[&["--server", server.url.as_str()][..], &filters].concat());
    assert_eq!(remote, denied);
    assert_eq!(events(&env, &filters), denied);

    // last used is recorded.
    assert!(env.json(&["key", "show", key["id"].as_str().unwrap()])["last_used_at"].is_string());
    let (code, log) = server.stop();
    assert_eq!(code, Some(0), "graceful shutdown on SIGTERM");
    assert!(log.contains("\"route\":\"/v1/agent/connect\"") && log.contains("\"status\":403"));
    assert!(!log.contains(token) && !log.contains(&token[22..86]), "no token material in the server log");
}

#[test]
fn revocation_takes_effect_on_the_very_next_request() {
    let env = Env::new();
    env.init();
    let (id, token) = env.key(&["--allow", "read,listVaults"]);
    let server = Server::start(&env);
    agent(&env, &server, &token, &["vaults"]).success();
    env.with_password(&["key", "revoke", &id, "--yes"]).assert().success();
    agent(&env, &server, &token, &["vaults"]).code(3).stderr(predicate::str::contains("revoked"));
    // `agent vaults` connects, then lists; after the revocation its very first request is refused.
    let ev = events(&env, &["--key", &id, "--event", "vault.list,agent.connect"]);
    let seen: Vec<(&str, &str)> = ev.iter().map(|e| (e["event"].as_str().unwrap(), e["outcome"].as_str().unwrap())).collect();
    assert_eq!(seen, [("agent.connect", "allowed"), ("vault.list", "allowed"), ("agent.connect", "denied")]);
}

#[test]
fn rotated_keys_work_in_grace_and_stop_after_it() {
    let env = Env::new();
    env.init();
    let (_, token) = env.key(&["--allow", "read,listVaults"]);
    let server = Server::start(&env);
    let tf = env.path("t");
    std::fs::write(&tf, &token).unwrap();
    // Holder rotation with a grace window: both keys work.
    let out = env
        .cmd()
        .args(["--server", &server.url, "--output", "json", "key", "rotate", "--with-token-file", tf.to_str().unwrap(), "--grace", "1h"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let new: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let new_token = new["token"].as_str().unwrap().to_string();
    agent(&env, &server, &token, &["vaults"]).success();
    agent(&env, &server, &new_token, &["vaults"]).success();
    // Rotating the new key with no grace: the old one stops at once.
    std::fs::write(&tf, &new_token).unwrap();
    env.cmd().args(["--server", &server.url, "key", "rotate", "--with-token-file", tf.to_str().unwrap(), "--grace", "0s"]).assert().success();
    agent(&env, &server, &new_token, &["vaults"]).code(3).stderr(predicate::str::contains("expired"));
    // A broader scope is refused by the server, not only by the client; a key that was
    // already rotated (the first one, still in its grace window) cannot rotate again.
    let (_, fresh) = env.key(&["--allow", "read,listVaults"]);
    let rt = rt();
    let body = serde_json::json!({"new_key_id":"0123456789abcdef","new_public_key":"00".repeat(32),"permissions":["read","listVaults","delete"],
        "rate_limit":null,"bytes_per_day":null,"expires_at":null,"grace_secs":60,"grants":[]})
    .to_string();
    let broader = rt.block_on(raw(&server.url, &fresh, "POST", "/v1/agent/rotate", body.as_bytes(), |_, _| {}));
    assert_eq!(broader.status(), 403);
    let again = rt.block_on(raw(&server.url, &token, "POST", "/v1/agent/rotate", body.as_bytes(), |_, _| {}));
    assert_eq!(again.status(), 409);
}

#[test]
fn replayed_tampered_stale_and_unsigned_requests_are_rejected_and_audited() {
    let env = Env::new();
    env.init();
    let (id, token) = env.key(&[]);
    let server = Server::start(&env);
    let rt = rt();
    rt.block_on(async {
        let url = &server.url;
        let ok = raw(url, &token, "POST", "/v1/agent/connect", b"{}", |_, _| {}).await;
        assert_eq!(ok.status(), 200);
        assert_eq!(ok.headers()["x-keysmith-api-version"], "1");
        // Replay: the very same headers twice.
        let mut saved = None;
        let first = raw(url, &token, "POST", "/v1/agent/connect", b"{}", |h, _| saved = Some((h.timestamp, h.nonce.clone(), h.signature.clone()))).await;
        assert_eq!(first.status(), 200);
        let (ts, nonce, sig) = saved.unwrap();
        let replay = raw(url, &token, "POST", "/v1/agent/connect", b"{}", |h, _| {
            h.timestamp = ts;
            h.nonce = nonce;
            h.signature = sig;
        })
        .await;
        assert_eq!(replay.status(), 401);
        let body: serde_json::Value = replay.json().await.unwrap();
        assert_eq!(body["error"]["code"], "replayed");
        // Tampered body, path-swapped signature, stale timestamp, forged key id.
        let tampered = raw(url, &token, "POST", "/v1/agent/connect", b"{}", |_, b| *b = b"{\"x\":1}".to_vec()).await;
        assert_eq!(tampered.status(), 401);
        let stale = raw(url, &token, "POST", "/v1/agent/connect", b"{}", |h, _| h.timestamp -= 3600).await;
        assert_eq!(stale.status(), 401);
        let forged = raw(url, &token, "POST", "/v1/agent/connect", b"{}", |h, _| h.key_id = "ffffffffffffffff".into()).await;
        assert_eq!(forged.status(), 401);
        let unsigned = http().post(format!("{url}/v1/agent/connect")).send().await.unwrap();
        assert_eq!(unsigned.status(), 401);
        // Whatever failed, the caller gets the same answer: an unknown key id cannot be
        // told from a wrong signature.
        let mut bodies = Vec::new();
        for r in [tampered, stale, forged, unsigned] {
            bodies.push(r.json::<serde_json::Value>().await.unwrap());
        }
        assert_eq!(bodies[0]["error"]["code"], "unauthenticated");
        assert!(bodies.iter().all(|b| b == &bodies[0]), "{bodies:?}");
        let missing = http().get(format!("{url}/v1/nope")).send().await.unwrap();
        assert_eq!(missing.status(), 404);
        let e: serde_json::Value = missing.json().await.unwrap();
        assert_eq!(e["error"]["code"], "not_found");
    });
    // Requests of a known key are in its owner's chain; those tied to no account are in
    // the server's own chain, which only its operator reads (an owner learns nothing of
    // other accounts' keys from it).
    let ev = events(&env, &["--event", "agent.connect"]);
    let denied: Vec<&str> = ev.iter().filter(|e| e["outcome"] == "denied").map(|e| e["reason"].as_str().unwrap()).collect();
    assert_eq!(ev.iter().filter(|e| e["outcome"] == "allowed").count(), 2);
    for why in ["replayed", "does not verify"] {
        assert!(denied.iter().any(|r| r.contains(why)), "no denied event saying {why:?} in {denied:?}");
    }
    assert!(ev.iter().all(|e| e["key_id"] == id.as_str()), "{ev:?}");
    assert!(ev.iter().filter(|e| e["key_id"] == id.as_str()).count() >= 4);
    env.json(&["audit", "verify"]);
    let server: Vec<String> = server_events(&env).iter().filter(|e| e["outcome"] == "denied").map(|e| e["reason"].as_str().unwrap().to_string()).collect();
    // (A stale timestamp is refused before the key is looked up: its key id is a claim.)
    for why in ["unknown API key", "not signed", "outside the allowed window"] {
        assert!(server.iter().any(|r| r.contains(why)), "no denied server event saying {why:?} in {server:?}");
    }
}

#[test]
fn rate_limit_is_exact_under_64_concurrent_clients_and_survives_restart() {
    let env = Env::new();
    env.init();
    let (_, token) = env.key(&["--rate", "10/1h"]);
    let server = Server::start(&env);
    let rt = rt();
    let (ok, limited) = rt.block_on(async {
        let mut tasks = Vec::new();
        for _ in 0..64 {
            let (url, token) = (server.url.clone(), token.clone());
            tasks.push(tokio::spawn(async move { raw(&url, &token, "POST", "/v1/agent/connect", b"{}", |_, _| {}).await.status().as_u16() }));
        }
        let mut codes = Vec::new();
        for t in tasks {
            codes.push(t.await.unwrap());
        }
        (codes.iter().filter(|c| **c == 200).count(), codes.iter().filter(|c| **c == 429).count())
    });
    assert_eq!((ok, limited), (10, 54), "exactly the limit is admitted");
    let resp = rt.block_on(raw(&server.url, &token, "POST", "/v1/agent/connect", b"{}", |_, _| {}));
    assert_eq!(resp.status(), 429);
    let retry: i64 = resp.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 3600);
    assert_eq!(resp.headers()["ratelimit-limit"], "10");
    assert_eq!(resp.headers()["ratelimit-remaining"], "0");
    // The CLI reports it with the retry time.
    agent(&env, &server, &token, &["connect"]).code(1).stderr(predicate::str::contains("retry after"));
    let (code, _) = server.stop();
    assert_eq!(code, Some(0));
    let server = Server::start(&env);
    let resp = rt.block_on(raw(&server.url, &token, "POST", "/v1/agent/connect", b"{}", |_, _| {}));
    assert_eq!(resp.status(), 429, "limits are durable across restarts");
}

#[test]
fn openapi_document_matches_the_served_routes() {
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json")).unwrap()).unwrap();
    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            documented.push((method.to_uppercase(), path.clone()));
        }
    }
    documented.sort();
    let mut served: Vec<(String, String)> = keysmith::server::ROUTES.iter().map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
    served.sort();
    assert_eq!(documented, served);
    // And each documented operation is really routed (not 404/405) on a live server.
    let env = Env::new();
    env.init();
    let server = Server::start(&env);
    rt().block_on(async {
        for (method, path) in &documented {
            let resp = http().request(method.parse().unwrap(), format!("{}{path}", server.url)).send().await.unwrap();
            assert!(![404, 405].contains(&resp.status().as_u16()), "{method} {path} answered {}", resp.status());
            if resp.status() != 200 {
                let e: serde_json::Value = resp.json().await.unwrap();
                assert!(e["error"]["code"].is_string());
            }
        }
    });
}

#[test]
fn owner_commands_work_identically_against_a_remote_server() {
    let server_env = Env::new();
    let server = Server::start(&server_env);
    let client = Env::new();
    let remote = |args: &[&str]| {
        let mut c = client.with_password(args);
        c.env("KEYSMITH_SERVER", &server.url);
        c
    };
    let json = |args: &[&str]| -> serde_json::Value {
        let mut full = vec!["--output", "json"];
        full.extend_from_slice(args);
        serde_json::from_slice(&remote(&full).assert().success().get_output().stdout).unwrap()
    };
    json(&["init", "--vault", "default"]);
    remote(&["init"]).assert().code(1).stderr(predicate::str::contains("already exists"));
    json(&["vault", "create", "docs"]);
    let names: Vec<String> = json(&["vault", "list"]).as_array().unwrap().iter().map(|v| v["name"].as_str().unwrap().to_string()).collect();
    assert_eq!(names, ["default", "docs"]);
    let key = json(&["key", "create", "--label", "remote-bot", "--vault", "docs", "--allow", "read,listVaults", "--rate", "100/1m", "--expires-in", "2d"]);
    let id = key["id"].as_str().unwrap();
    assert_eq!(json(&["key", "list"])[0]["id"], id);
    let rotated = json(&["key", "rotate", "--expiring-within", "7d", "--yes"]);
    let new_token = rotated[0]["token"].as_str().unwrap().to_string();
    assert_eq!(json(&["key", "show", id])["status"], "grace");
    // The agent uses the new key against the same server.
    let out = client
        .cmd()
        .env("KEYSMITH_API_KEY", &new_token)
        .args(["--server", &server.url, "-o", "json", "agent", "connect"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let conn: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(conn["vaults"][0]["name"], "docs");
    assert_eq!(json(&["key", "revoke", rotated[0]["new_id"].as_str().unwrap(), "--yes"])["status"], "revoked");
    remote(&["key", "list"]).assert().success();
    client
        .cmd()
        .env("KEYSMITH_SERVER", &server.url)
        .args(["--password-stdin", "key", "list"])
        .write_stdin("wrong password here\n")
        .assert()
        .code(3)
        .stderr(predicate::str::contains("wrong password"));
    // Sessions: login caches one for this server; read commands then need no password.
    remote(&["login"]).assert().success();
    client.cmd().env("KEYSMITH_SERVER", &server.url).args(["key", "list"]).assert().success();
    client.cmd().env("KEYSMITH_SERVER", &server.url).args(["audit", "verify"]).assert().success();
    client.cmd().env("KEYSMITH_SERVER", &server.url).args(["logout"]).assert().success();
    client.cmd().env("KEYSMITH_SERVER", &server.url).args(["key", "list"]).assert().code(2);
    let events = {
        let out = remote(&["-o", "json", "audit", "tail", "-n", "200"]).assert().success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    };
    for ev in ["account.create", "vault.create", "key.create", "key.rotate", "key.revoke", "agent.connect", "account.logout"] {
        assert!(events.contains(&format!("\"event\":\"{ev}\"")), "{ev} missing from the remote audit trail");
    }
    assert!(events.contains("\"outcome\":\"denied\""), "the wrong password is audited");
    // Nothing was stored on the client side but the (removed) session.
    assert!(!client.data_dir().join("keysmith.db").exists());
    assert!(server_env.data_dir().join("keysmith.db").exists());

    // The server is down: a clear error and a hint.
    let (code, _) = server.stop();
    assert_eq!(code, Some(0));
    let mut c = client.with_password(&["key", "list"]);
    c.env("KEYSMITH_SERVER", "http://127.0.0.1:9");
    c.assert().code(1).stderr(predicate::str::contains("cannot connect").and(predicate::str::contains("hint:")));
}

#[test]
fn a_server_that_is_not_keysmith_or_speaks_another_version_is_named() {
    use std::io::{Read, Write};
    for (header, expect) in [("", "does not answer like a keysmith backend"), ("x-keysmith-api-version: 9\r\n", "API version 9")] {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let header = header.to_string();
        std::thread::spawn(move || {
            if let Ok((mut s, _)) = listener.accept() {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf);
                let body = "{}";
                let _ =
                    write!(s, "HTTP/1.1 200 OK\r\n{header}content-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len());
            }
        });
        let env = Env::new();
        let mut c = env.with_password(&["key", "list"]);
        c.env("KEYSMITH_SERVER", format!("http://{addr}"));
        c.assert().code(2).stderr(predicate::str::contains(expect));
    }
}

#[test]
fn kill_9_during_rotations_leaves_the_old_key_alone_or_both() {
    let env = Env::new();
    env.init();
    let (_, first) = env.key(&["--allow", "read,listVaults"]);
    let mut token = first;
    for round in 0..3 {
        let mut server = Server::start(&env);
        let url = server.url.clone();
        let (tx, rx) = std::sync::mpsc::channel::<(String, Option<String>)>();
        let start = token.clone();
        // Rotate as fast as possible; report each attempt (old, new if it answered).
        let worker = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let mut current = start;
            loop {
                let t: Token = current.parse().unwrap();
                let client = keysmith::agent::AgentClient::new(&url, t).unwrap();
                match rt.block_on(client.rotate(|old| Ok((old.scope.clone(), None)), 3600, &mut |_| Ok(()))) {
                    Ok((_, new)) => {
                        let new = new.expose().to_string();
                        let _ = tx.send((current.clone(), Some(new.clone())));
                        current = new;
                    }
                    Err(_) => {
                        let _ = tx.send((current.clone(), None));
                        return;
                    }
                }
            }
        });
        std::thread::sleep(std::time::Duration::from_millis(400 + 150 * round));
        Command::new("kill").args(["-9", &server.child.id().to_string()]).status().unwrap();
        let _ = server.child.wait();
        worker.join().unwrap();
        let attempts: Vec<(String, Option<String>)> = rx.try_iter().collect();
        assert!(!attempts.is_empty(), "rotations were under way when the server was killed");
        // Inspect the database the killed server left behind.
        let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
        let rows: Vec<(String, Option<String>, Option<String>, i64)> = conn
            .prepare("SELECT id, rotated_from, rotated_to, (SELECT count(*) FROM grants g WHERE g.key_id = k.id) FROM api_keys k")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for (id, from, to, grants) in &rows {
            assert_eq!(*grants, 1, "key {id} has its grant");
            if let Some(to) = to {
                let new = rows.iter().find(|r| &r.0 == to).unwrap_or_else(|| panic!("key {id} rotated to a missing key {to}"));
                assert_eq!(new.1.as_deref(), Some(id.as_str()));
            }
            if let Some(from) = from {
                let old = rows.iter().find(|r| &r.0 == from).expect("the old key exists");
                assert_eq!(old.2.as_deref(), Some(id.as_str()), "both halves of a rotation commit together");
            }
        }
        // Carry on from the newest key that exists and was not rotated.
        let (last_old, _) = attempts.last().unwrap().clone();
        let old_id = last_old.parse::<Token>().unwrap().key_id().to_string();
        let old_row = rows.iter().find(|r| r.0 == old_id).unwrap();
        token = match &old_row.2 {
            None => last_old, // the interrupted rotation left the old key alone
            Some(new_id) => attempts.iter().filter_map(|(_, n)| n.clone()).find(|n| n.parse::<Token>().unwrap().key_id() == new_id).unwrap_or_else(|| {
                // Committed, but the answer died with the server: the new token never
                // reached the client (the old key still works for its grace window).
                // Go on with a fresh key.
                env.key(&["--allow", "read,listVaults"]).1
            }),
        };
    }
    // The chain is intact after all the kills.
    env.json(&["audit", "verify"]);
}

#[test]
fn a_profile_selects_the_server_and_audit_follow_works_remotely() {
    let server_env = Env::new();
    let server = Server::start(&server_env);
    let client = Env::new();
    let config = client.path("config.json");
    std::fs::write(&config, serde_json::json!({"profiles": {"work": {"server": server.url}}}).to_string()).unwrap();
    let with_profile = |args: &[&str]| {
        let mut c = client.with_password(args);
        c.env("KEYSMITH_CONFIG", &config).env("KEYSMITH_PROFILE", "work");
        c
    };
    with_profile(&["init"]).assert().success();
    with_profile(&["login"]).assert().success();
    assert!(server_env.data_dir().join("keysmith.db").exists(), "the profile's server got the account");
    let mut child = std::process::Command::new(BIN)
        .env_clear()
        .env("HOME", client.dir.path())
        .env("KEYSMITH_DATA_DIR", client.data_dir())
        .env("KEYSMITH_SESSION_STORE", "file")
        .env("KEYSMITH_CONFIG", &config)
        .args(["--profile", "work", "--output", "json", "audit", "tail", "-f", "--event", "key.create"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    std::thread::sleep(std::time::Duration::from_millis(500));
    let out = with_profile(&["-o", "json", "key", "create", "--label", "followed", "--vault", "default", "--allow", "read"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let key: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let created = std::time::Instant::now();
    let line = rx.recv_timeout(std::time::Duration::from_secs(5)).expect("the followed event arrives");
    assert!(created.elapsed() < std::time::Duration::from_secs(2), "within a second or so: {:?}", created.elapsed());
    let _ = child.kill();
    let _ = child.wait();
    let ev: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(ev["key_id"], key["id"]);
    // An unknown profile names the known ones.
    let mut c = client.with_password(&["key", "list"]);
    c.env("KEYSMITH_CONFIG", &config).args(["--profile", "play"]);
    c.assert().code(2).stderr(predicate::str::contains("no profile `play`").and(predicate::str::contains("known profiles: work")));
}

#[test]
fn an_agent_cannot_extend_its_own_life_nor_set_zero_limits() {
    let env = Env::new();
    env.init();
    let (_, token) = env.key(&["--expires-in", "1h"]);
    let server = Server::start(&env);
    let rt = rt();
    let client = || keysmith::agent::AgentClient::new(&server.url, token.parse::<Token>().unwrap()).unwrap();
    // Dropping the expiry: refused (403 scope_broadened), and the key is not rotated.
    let e = rt.block_on(client().rotate(|old| Ok((old.scope.clone(), None)), 60, &mut |_| Ok(()))).unwrap_err();
    assert!(e.message().contains("must expire too"), "{}", e.message());
    // A zero rate window: refused before anything is stored.
    let zero = keysmith::policy::RateLimit { requests: 1, window_secs: 0 };
    let e = rt
        .block_on(client().rotate(
            |old| Ok((keysmith::policy::Scope { rate_limit: Some(zero), ..old.scope.clone() }, Some(keysmith::policy::now() + 60))),
            60,
            &mut |_| Ok(()),
        ))
        .unwrap_err();
    assert!(e.message().contains("rate limit"), "{}", e.message());
    // Asking for i64::MAX: the new key gets at most the old key's lifetime (1 h) from now.
    let (resp, new) = rt.block_on(client().rotate(|old| Ok((old.scope.clone(), Some(i64::MAX))), 60, &mut |_| Ok(()))).unwrap();
    let now = keysmith::policy::now();
    let expires = resp.key.expires_at.unwrap();
    assert!(expires <= now + 3600 && expires > now + 3500, "renewed for 1 h, not extended: {expires}");
    assert_eq!(resp.key.status, keysmith::policy::KeyStatus::Active);
    let listed = env.json(&["key", "show", new.key_id()]);
    assert_eq!(listed["expires_at"], keysmith::policy::format_time(expires));
}

#[test]
fn a_backend_that_asks_for_unsafe_key_derivation_never_gets_a_login() {
    use std::io::{Read, Write};
    let (salt, short) = ("ab".repeat(32), "ab".repeat(4));
    let argon2 = |m: u64, t: u64, p: u64| format!(r#""kdf_algorithm":"argon2id","kdf_iterations":{t},"kdf_memory_kib":{m},"kdf_parallelism":{p}"#);
    // Too weak (a downgrade), too costly (a hang), malformed: refused before the password is used.
    for (kdf, salt) in [
        (r#""kdf_iterations":1"#.to_string(), &salt),
        (r#""kdf_iterations":599999"#.to_string(), &salt),
        (r#""kdf_iterations":4294967295"#.to_string(), &salt),
        (r#""kdf_iterations":600000"#.to_string(), &short),
        (argon2(1024, 3, 1), &salt),
        (argon2(65_536, 1, 1), &salt),
        (argon2(4_194_304, 3, 1), &salt),
        (argon2(65_536, 3, 0), &salt),
        (argon2(65_536, 3, 64), &salt),
        (argon2(65_536, 3, 4), &short),
        (r#""kdf_algorithm":"scrypt","kdf_iterations":600000"#.to_string(), &salt),
        (r#""kdf_algorithm":"argon2id","kdf_iterations":3"#.to_string(), &salt),
    ] {
        let (salt, malformed) = (salt.clone(), kdf.contains("scrypt") || !kdf.contains("parallelism") && kdf.contains("argon2id"));
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::<String>::new()));
        let seen = requests.clone();
        std::thread::spawn(move || {
            for s in listener.incoming() {
                let Ok(mut s) = s else { return };
                let mut buf = [0u8; 8192];
                let n = s.read(&mut buf).unwrap_or(0);
                let head = String::from_utf8_lossy(&buf[..n]).lines().next().unwrap_or_default().to_string();
                seen.lock().unwrap().push(head);
                let body = format!(r#"{{"account_id":"0123456789abcdef","kdf_salt":"{salt}",{kdf}}}"#);
                let _ = write!(
                    s,
                    "HTTP/1.1 200 OK\r\nx-keysmith-api-version: 1\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        let env = Env::new();
        let mut c = env.with_password(&["key", "list"]);
        c.env("KEYSMITH_SERVER", format!("http://{addr}"));
        if malformed {
            c.assert().code(1).stderr(predicate::str::contains("not what a keysmith backend sends"));
        } else {
            c.assert().code(4).stderr(predicate::str::contains("unsafe key derivation").and(predicate::str::contains("password was not used")));
        }
        let requests = requests.lock().unwrap().clone();
        assert!(requests.iter().all(|r| r.starts_with("GET /v1/owner/params")), "no login was attempted: {requests:?}");
    }
}

#[test]
fn the_server_refuses_records_of_the_wrong_shape_before_storing_anything() {
    let env = Env::new();
    env.init();
    let (_, token) = env.key(&["--allow", "read,write,createVault,listVaults"]);
    let server = Server::start(&env);
    let rt = rt();
    let vault = |sealed: usize, name: usize, grant: usize| {
        serde_json::json!({"vault_id": "0123456789abcdef", "encrypted_name": "01".repeat(name), "sealed_key": "01".repeat(sealed),
            "wrapped_vault_key": "01".repeat(grant)})
        .to_string()
    };
    let post = |body: String| rt.block_on(raw(&server.url, &token, "POST", "/v1/agent/vaults", body.as_bytes(), |_, _| {})).status();
    // A 20-byte seal (a real one is 94), an empty or 2 kB name, a short grant: 400 each.
    for body in [vault(20, 40, 61), vault(94, 29, 61), vault(94, 2000, 61), vault(94, 40, 60)] {
        assert_eq!(post(body), 400);
    }
    let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
    let count: i64 = conn.query_row("SELECT count(*) FROM vaults", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 1, "nothing was stored");
    // Uploads announce a wrapped file key of the right size, or are refused.
    let vid: String = conn.query_row("SELECT id FROM vaults", [], |r| r.get(0)).unwrap();
    let announce = serde_json::json!({"file_id": "0123456789abcdef", "encrypted_name": "01".repeat(40), "wrapped_key": "01".repeat(20),
        "size": 10, "sha256": "00".repeat(32)})
    .to_string();
    let path = format!("/v1/agent/vaults/{vid}/files");
    assert_eq!(rt.block_on(raw(&server.url, &token, "POST", &path, announce.as_bytes(), |_, _| {})).status(), 400);
    // A shape-correct seal of garbage is stored (the server cannot tell), and it is the
    // owner's client that marks it damaged (see tamper::one_bad_record_never_hides_the_good_ones).
    assert_eq!(post(vault(94, 40, 61)), 200);
}

/// Embedded mode (the in-process server over the data directory, as `keysmith agent` runs
/// it) while the owner revokes from another process: nothing is admitted after the
/// revocation commits.
#[test]
fn embedded_mode_admits_nothing_after_a_revocation_commits() {
    let env = Env::new();
    env.init();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let url = rt.block_on(async {
        let app = keysmith::server::router(&keysmith::server::Config::embedded(&env.data_dir())).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(axum::serve(listener, app).into_future());
        format!("http://{addr}")
    });
    for _ in 0..5 {
        let (id, token) = env.key(&["--allow", "read,listVaults"]);
        let client = keysmith::agent::AgentClient::new(&url, token.parse::<Token>().unwrap()).unwrap();
        let revoker = {
            let mut c = env.with_password(&["key", "revoke", &id, "--yes"]);
            std::thread::spawn(move || c.assert().success())
        };
        // Requests as fast as they go until the key is refused.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while rt.block_on(client.vaults()).is_ok() {
            assert!(std::time::Instant::now() < deadline, "the revocation took effect");
        }
        revoker.join().unwrap();
        let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
        let revoked_at: i64 = conn.query_row("SELECT seq FROM audit_log WHERE event = 'key.revoke' AND key_id = ?1", [&id], |r| r.get(0)).unwrap();
        let late: i64 = conn
            .query_row(
                "SELECT count(*) FROM audit_log WHERE key_id = ?1 AND outcome = 'allowed' AND seq > ?2 AND event != 'key.revoke'",
                rusqlite::params![id, revoked_at],
                |r| r.get(0),
            )
            .unwrap();
        if late != 0 {
            let rows: Vec<String> = conn
                .prepare("SELECT seq, event, actor, outcome, coalesce(reason,'') FROM audit_log WHERE seq >= ?1 - 5 ORDER BY seq")
                .unwrap()
                .query_map([revoked_at], |r| {
                    Ok(format!(
                        "{} {} {} {} {}",
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?
                    ))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            panic!("key {id} was admitted after its revocation committed:\n{}", rows.join("\n"));
        }
    }
}

#[test]
fn a_flood_of_unauthenticated_requests_cannot_grow_the_audit_trail_without_bound() {
    let env = Env::new();
    env.init();
    let (_, token) = env.key(&[]);
    let server = Server::start(&env);
    let rt = rt();
    let before = server_events(&env).len();
    rt.block_on(async {
        for _ in 0..500 {
            let r = raw(&server.url, &token, "POST", "/v1/agent/connect", b"{}", |h, _| h.key_id = "ffffffffffffffff".into()).await;
            assert_eq!(r.status(), 401);
        }
    });
    let recorded = server_events(&env).len() - before;
    // 100 a minute, plus one summary if the minute turned during the flood.
    assert!(recorded <= 2 * keysmith::server::UNAUTHENTICATED_EVENTS_PER_MINUTE as usize + 1, "{recorded} events for 500 refused requests");
    assert!(recorded >= keysmith::server::UNAUTHENTICATED_EVENTS_PER_MINUTE as usize, "the first ones are recorded one by one");
}

/// Sends raw bytes and reads the answer's status line and body (until the server closes).
fn raw_http(addr: &str, request: &[u8]) -> (u16, serde_json::Value) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
    s.write_all(request).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or_else(|| panic!("no status line in {text:?}"));
    let body = text.split("\r\n\r\n").nth(1).unwrap_or("");
    (status, serde_json::from_str(body).unwrap_or_else(|e| panic!("status {status}: body is not JSON ({e}): {body:?}")))
}

#[test]
fn the_http_edge_answers_every_error_as_json_and_drops_slow_clients() {
    let env = Env::new();
    env.init();
    let server = Server::start(&env);
    let addr = server.url.trim_start_matches("http://").to_string();
    // Slow clients (slowloris): headers that never finish are dropped by the server.
    let slow: Vec<std::net::TcpStream> = (0..50)
        .map(|_| {
            use std::io::Write;
            let mut s = std::net::TcpStream::connect(&addr).unwrap();
            s.write_all(b"GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: 1").unwrap();
            s
        })
        .collect();
    // A body declared at 2^63 bytes is refused at once, without waiting for it.
    let started = std::time::Instant::now();
    let (status, body) = raw_http(&addr, b"POST /v1/agent/connect HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 9223372036854775808\r\n\r\n");
    assert_eq!((status, body["error"]["code"].as_str()), (413, Some("payload_too_large")));
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "answered at once");
    // The framework's own errors, in the documented shape.
    let cases: Vec<(Vec<u8>, u16, &str)> = vec![
        (b"DELETE /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), 405, "method_not_allowed"),
        (b"GET /v1/nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), 404, "not_found"),
        (b"GET /v1/owner/keys/%FF%FE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), 401, "unauthenticated"),
        (b"GET /v1/blobs/%FF%FE?exp=1&sig=00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), 400, "bad_request"),
        (format!("GET /v1/health?{} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "a".repeat(9000)).into_bytes(), 414, "uri_too_long"),
        (format!("GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n", "a".repeat(40_000)).into_bytes(), 431, "headers_too_large"),
        // Owner routes check the session before they look at a body.
        (b"POST /v1/owner/keys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nope\r\nContent-Type: application/json\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{bad}"
            .to_vec(), 401, "unauthenticated"),
        (b"POST /v1/owner/logout HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer 00\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(), 401, "unauthenticated"),
        (b"POST /v1/owner/login HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}".to_vec(), 415, "unsupported_media_type"),
        (b"POST /v1/owner/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}".to_vec(), 400, "bad_request"),
    ];
    for (request, want_status, want_code) in cases {
        let (status, body) = raw_http(&addr, &request);
        assert_eq!((status, body["error"]["code"].as_str()), (want_status, Some(want_code)), "{}", String::from_utf8_lossy(&request[..60]));
        assert!(body["error"]["message"].is_string());
    }
    // ...and the slow connections were closed by the server (after its header timeout).
    let deadline = std::time::Instant::now() + keysmith::server::edge::HEADER_READ_TIMEOUT + std::time::Duration::from_secs(15);
    for mut s in slow {
        use std::io::Read;
        let left = deadline.saturating_duration_since(std::time::Instant::now()).max(std::time::Duration::from_millis(1));
        s.set_read_timeout(Some(left)).unwrap();
        let mut buf = [0u8; 512];
        match s.read(&mut buf) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
            Err(e) => panic!("a slow connection was still held open: {e}"),
        }
    }
}

/// What the server cannot have acted on is retried with backoff, visibly; the rest is not.
#[test]
fn clients_retry_what_the_server_did_not_act_on() {
    let env = Env::new();
    env.init();
    let (_, plain) = env.key(&["--allow", "read"]);
    let (_, limited) = env.key(&["--allow", "read", "--rate", "1/3s"]);
    let (_, daily) = env.key(&["--allow", "read", "--rate", "1/1d"]);

    // Nothing listens yet: the connection is retried until the server is up.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}");
    let data_dir = env.data_dir();
    let starter = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(700));
        Command::new(BIN)
            .env("KEYSMITH_DATA_DIR", data_dir)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    });
    let mut c = env.cmd();
    c.env("KEYSMITH_API_KEY", &plain).args(["--server", &url, "agent", "connect"]);
    let out = c.assert().success().get_output().clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("cannot connect to {url}; retrying in")), "{out:?}");
    let mut late = starter.join().unwrap();

    let connect = |token: &str| {
        let mut c = env.cmd();
        c.env("KEYSMITH_API_KEY", token).args(["--server", &url, "agent", "connect"]);
        c.output().unwrap()
    };
    // 429 with a short Retry-After: waited for, then admitted (a fresh signature and nonce).
    // Windows are fixed, so a call may land in a new one; within three calls one must wait.
    let waited = (0..3).map(|_| connect(&limited)).inspect(|o| assert!(o.status.success(), "{o:?}")).any(|o| {
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        stderr.contains("answered HTTP 429 Too Many Requests; retrying in")
    });
    assert!(waited, "one of three calls within a 1/3s limit was rate limited and retried");

    // A Retry-After longer than a script should sit through: reported at once, not retried.
    let refused = (0..3).map(|_| connect(&daily)).find(|o| !o.status.success()).expect("a 1/1d limit refuses a second call");
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!stderr.contains("retrying") && stderr.contains("retry after"), "{stderr}");
    let _ = late.kill();
    let _ = late.wait();
}
