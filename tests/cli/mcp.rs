//! `keysmith mcp` driven as an MCP host would: JSON-RPC lines over stdio, in both the
//! `initialize` handshake and the per-request-metadata mode of the current protocol.

use crate::common::*;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

struct Mcp {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: u64,
    meta: Option<Value>,
}

impl Mcp {
    fn start(env: &Env, token: &str) -> Mcp {
        Self::start_with(env, token, &[])
    }

    fn start_with(env: &Env, token: &str, vars: &[(&str, &str)]) -> Mcp {
        let mut child = Command::new(BIN)
            .env_clear()
            .env("HOME", env.dir.path())
            .env("KEYSMITH_DATA_DIR", env.data_dir())
            .env("KEYSMITH_API_KEY", token)
            .envs(vars.iter().copied())
            .arg("mcp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Mcp { child, stdin, stdout, next_id: 1, meta: None }
    }

    fn request(&mut self, method: &str, mut params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        if let Some(meta) = &self.meta {
            params["_meta"] = meta.clone();
        }
        writeln!(self.stdin, "{}", json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})).unwrap();
        self.stdin.flush().unwrap();
        loop {
            let mut line = String::new();
            assert!(self.stdout.read_line(&mut line).unwrap() > 0, "keysmith mcp closed stdout");
            let msg: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("stdout carries only JSON-RPC ({e}): {line:?}"));
            if msg["id"] == id {
                return msg;
            }
        }
    }

    fn notify(&mut self, method: &str) {
        writeln!(self.stdin, "{}", json!({"jsonrpc": "2.0", "method": method})).unwrap();
        self.stdin.flush().unwrap();
    }

    fn initialize(&mut self, version: &str) -> Value {
        let r = self.request("initialize", json!({"protocolVersion": version, "capabilities": {}, "clientInfo": {"name": "test-host", "version": "1"}}));
        self.notify("notifications/initialized");
        r
    }

    fn tools(&mut self) -> Vec<String> {
        let r = self.request("tools/list", json!({}));
        let mut names: Vec<String> = r["result"]["tools"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap().to_string()).collect();
        names.sort();
        names
    }

    fn call(&mut self, tool: &str, args: Value) -> Value {
        self.request("tools/call", json!({"name": tool, "arguments": args}))
    }
}

impl Drop for Mcp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The JSON a tool returned in its text content.
fn payload(r: &Value) -> Value {
    assert_eq!(r["result"]["isError"], false, "tool failed: {r}");
    serde_json::from_str(r["result"]["content"][0]["text"].as_str().unwrap()).unwrap()
}

fn tool_error(r: &Value) -> String {
    assert_eq!(r["result"]["isError"], true, "expected a tool error: {r}");
    r["result"]["content"][0]["text"].as_str().unwrap().to_string()
}

#[test]
fn a_full_key_gets_every_tool_and_files_cross_between_agent_and_owner() {
    let env = Env::new();
    env.init();
    let (_, token) = env.key(&["--allow", "all"]);
    let mut mcp = Mcp::start(&env, &token);
    let init = mcp.initialize("2024-11-05");
    assert_eq!(init["result"]["serverInfo"]["name"], "keysmith");
    assert_eq!(init["result"]["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(mcp.tools(), ["create_vault", "delete_file", "download_file", "list_files", "list_vaults", "upload_file"]);
    let schemas = mcp.request("tools/list", json!({}));
    let upload = schemas["result"]["tools"].as_array().unwrap().iter().find(|t| t["name"] == "upload_file").unwrap().clone();
    assert_eq!(upload["inputSchema"]["required"], json!(["vault", "name"]));
    assert!(!upload.to_string().contains("uint"), "no non-standard integer formats");

    // Agent → owner.
    let up = payload(&mcp.call("upload_file", json!({"vault": "default", "name": "notes.md", "content": "# from the agent"})));
    assert_eq!(up["file"]["name"], "notes.md");
    env.with_password(&["file", "get", "default", "notes.md", "--to", "-"]).assert().success().stdout("# from the agent");
    // Owner → agent, binary content comes back as base64.
    let bin = env.path("b.bin");
    std::fs::write(&bin, [0u8, 255, 1, 254]).unwrap();
    env.with_password(&["file", "put", "default", bin.to_str().unwrap()]).assert().success();
    let got = payload(&mcp.call("download_file", json!({"vault": "default", "file": "b.bin"})));
    assert_eq!(got["encoding"], "base64");
    assert_eq!(got["content"], "AP8B/g==");
    // From and to local paths.
    let saved = env.path("saved.md");
    payload(&mcp.call("download_file", json!({"vault": "default", "file": "notes.md", "save_to": saved.to_str().unwrap()})));
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), "# from the agent");
    payload(&mcp.call("upload_file", json!({"vault": "default", "name": "copy.md", "path": saved.to_str().unwrap()})));
    let files = payload(&mcp.call("list_files", json!({"vault": "default"})));
    let names: Vec<&str> = files["files"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["notes.md", "b.bin", "copy.md"]);
    // A vault the agent creates is the owner's too.
    let made = payload(&mcp.call("create_vault", json!({"name": "agent-space"})));
    payload(&mcp.call("upload_file", json!({"vault": "agent-space", "name": "x.txt", "content": "inside"})));
    env.with_password(&["file", "get", made["id"].as_str().unwrap(), "x.txt", "--to", "-"]).assert().success().stdout("inside");
    let vaults = payload(&mcp.call("list_vaults", json!({})));
    assert_eq!(vaults["vaults"].as_array().unwrap().len(), 2);
    // Names are checked as the owner's CLI checks them, and a name already in scope is refused.
    let long = "x".repeat(300);
    for bad in ["", "   ", long.as_str(), "a\u{1b}[2Jb", "agent-space", "default"] {
        let e = tool_error(&mcp.call("create_vault", json!({"name": bad})));
        assert!(e.contains("vault name") || e.contains("already in this key's scope"), "{bad:?}: {e}");
    }
    assert_eq!(payload(&mcp.call("list_vaults", json!({})))["vaults"].as_array().unwrap().len(), 2, "nothing was created");
    payload(&mcp.call("delete_file", json!({"vault": "default", "file": "copy.md"})));
    // Failures are tool errors with a message, and the server keeps going.
    assert!(tool_error(&mcp.call("download_file", json!({"vault": "default", "file": "nope.txt"}))).contains("no file"));
    assert!(tool_error(&mcp.call("list_files", json!({"vault": "elsewhere"}))).contains("scope"));
    assert!(tool_error(&mcp.call("upload_file", json!({"vault": "default", "name": "x"}))).contains("exactly one"));
    // Tampering is reported, not returned.
    let id = payload(&mcp.call("list_files", json!({"vault": "default"})))["files"][0]["id"].as_str().unwrap().to_string();
    let blob = env.data_dir().join("blobs").join(&id);
    let mut bytes = std::fs::read(&blob).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&blob, bytes).unwrap();
    assert!(tool_error(&mcp.call("download_file", json!({"vault": "default", "file": id}))).contains("tampered"));
}

#[test]
fn a_read_only_key_is_not_offered_write_tools_and_is_refused_them() {
    let env = Env::new();
    env.init();
    let (_, token) = env.key(&["--allow", "read"]);
    let mut mcp = Mcp::start(&env, &token);
    mcp.initialize("2025-06-18");
    assert_eq!(mcp.tools(), ["download_file", "list_files"]);
    let r = mcp.call("upload_file", json!({"vault": "default", "name": "x", "content": "y"}));
    assert!(r.get("error").is_some() || r["result"]["isError"] == true, "a write tool is refused: {r}");
    let r = mcp.call("delete_file", json!({"vault": "default", "file": "x"}));
    assert!(r.get("error").is_some() || r["result"]["isError"] == true);
    // Nothing was written.
    assert_eq!(env.json(&["file", "ls", "default"]).as_array().unwrap().len(), 0);
}

#[test]
fn the_current_protocol_without_initialize_works_too() {
    let env = Env::new();
    env.init();
    let (_, token) = env.key(&["--allow", "read,write"]);
    let mut mcp = Mcp::start(&env, &token);
    mcp.meta = Some(json!({
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": {"name": "test-host", "version": "1"},
    }));
    assert_eq!(mcp.tools(), ["download_file", "list_files", "upload_file"]);
    payload(&mcp.call("upload_file", json!({"vault": "default", "name": "a.txt", "content": "stateless"})));
    assert_eq!(payload(&mcp.call("download_file", json!({"vault": "default", "file": "a.txt"})))["content"], "stateless");
}

#[test]
fn a_refused_or_unreachable_backend_keeps_the_host_session_alive() {
    let env = Env::new();
    env.init();
    let (id, token) = env.key(&[]);
    env.with_password(&["key", "revoke", &id, "--yes"]).assert().success();
    // A revoked key: the server starts, and every call says why.
    let mut mcp = Mcp::start(&env, &token);
    mcp.initialize("2025-06-18");
    assert!(tool_error(&mcp.call("list_files", json!({"vault": "default"}))).contains("revoked"));
    assert!(tool_error(&mcp.call("list_vaults", json!({}))).contains("revoked"));
    // An unreachable backend: the same, and the host's session goes on.
    let mut mcp = Mcp::start_with(&env, &token, &[("KEYSMITH_SERVER", "http://127.0.0.1:9")]);
    mcp.initialize("2025-06-18");
    assert!(tool_error(&mcp.call("list_files", json!({"vault": "default"}))).contains("connect"));
    assert!(tool_error(&mcp.call("download_file", json!({"vault": "default", "file": "x"}))).contains("connect"));
    // No token at all is a local mistake: a usage error before serving.
    env.cmd().arg("mcp").assert().code(2).stderr(predicates::str::contains("KEYSMITH_API_KEY"));
}

#[test]
fn tools_speak_in_mcp_terms_with_plain_schemas_a_1_mib_inline_cap_and_one_request_downloads() {
    let env = Env::new();
    env.init();
    let (id, token) = env.key(&["--allow", "read,write,listVaults"]);
    let mut mcp = Mcp::start(&env, &token);
    mcp.initialize("2025-06-18");
    // Schemas strict model APIs accept: no $schema, no type arrays.
    let tools = mcp.request("tools/list", json!({}))["result"]["tools"].to_string();
    assert!(!tools.contains("$schema") && !tools.contains("\"null\""), "{tools}");
    // Hints name tools and their arguments, never CLI commands or flags.
    for e in [
        tool_error(&mcp.call("download_file", json!({"vault": "default", "file": "nope.txt"}))),
        tool_error(&mcp.call("list_files", json!({"vault": "elsewhere"}))),
    ] {
        assert!(e.contains("list_files") || e.contains("list_vaults"), "{e}");
        assert!(!e.contains("keysmith ") && !e.contains("--"), "{e}");
    }
    // Over 1 MiB inline is refused with a pointer to save_to; save_to takes it.
    let big = env.path("big.bin");
    std::fs::write(&big, vec![b'x'; 1_200_000]).unwrap();
    payload(&mcp.call("upload_file", json!({"vault": "default", "name": "big.bin", "path": big.to_str().unwrap()})));
    assert!(tool_error(&mcp.call("download_file", json!({"vault": "default", "file": "big.bin"}))).contains("save_to"));
    let out = env.path("out.bin");
    payload(&mcp.call("download_file", json!({"vault": "default", "file": "big.bin", "save_to": out.to_str().unwrap()})));
    assert_eq!(std::fs::metadata(&out).unwrap().len(), 1_200_000);
    // A download by id is one rate-limited request.
    let up = payload(&mcp.call("upload_file", json!({"vault": "default", "name": "small.txt", "content": "hi"})));
    let file_id = up["file"]["id"].as_str().unwrap().to_string();
    let requests = || {
        let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
        conn.query_row(
            "SELECT count(*) FROM audit_log WHERE key_id = ?1 AND actor = 'agent' AND event LIKE 'file.%' AND event != 'file.download'",
            [&id],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
    };
    let before = requests();
    assert_eq!(payload(&mcp.call("download_file", json!({"vault": "default", "file": file_id})))["content"], "hi");
    assert_eq!(requests() - before, 1, "one request for a download by id");
}

/// A host is told when its key is in grace (or about to expire): in the server's
/// instructions, in every tool result, and in its log; a fresh key is quiet.
#[test]
fn a_rotated_key_warns_the_host_in_instructions_and_tool_results() {
    let env = Env::new();
    env.init();
    let (id, token) = env.key(&["--allow", "read"]);
    let mut quiet = Mcp::start(&env, &token);
    let init = quiet.initialize("2025-06-18");
    assert!(!init["result"]["instructions"].as_str().unwrap().contains("Warning"), "{init}");
    assert!(payload(&quiet.call("list_files", json!({"vault": "default"}))).get("warning").is_none());
    drop(quiet);
    env.json(&["key", "rotate", &id, "--grace", "1h"]);
    let mut mcp = Mcp::start(&env, &token);
    let init = mcp.initialize("2025-06-18");
    let instructions = init["result"]["instructions"].as_str().unwrap();
    assert!(instructions.contains("Warning: this API key was rotated and stops at"), "{instructions}");
    let files = payload(&mcp.call("list_files", json!({"vault": "default"})));
    assert!(files["warning"].as_str().unwrap().contains("switch to the new token"), "{files}");
}
