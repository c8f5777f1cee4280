//! Every command's `--output json` validates against its published JSON Schema
//! (schemas/keysmith-output.v1.json), errors included; and every command either has a
//! schema here or is documented as printing no JSON.

use crate::common::*;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::BTreeSet;

const SCHEMA: &str = include_str!("../../schemas/keysmith-output.v1.json");
/// Commands that print no JSON (file bytes, protocols, a script), as the schema says.
const NO_JSON: [&str; 4] = ["agent_get", "file_get", "mcp", "completions"];

struct Schemas {
    doc: Value,
    seen: RefCell<BTreeSet<String>>,
}

impl Schemas {
    fn new() -> Self {
        Schemas { doc: serde_json::from_str(SCHEMA).expect("the schema is JSON"), seen: RefCell::default() }
    }

    /// Asserts that `v` is a valid `$defs/def`.
    fn check(&self, def: &str, v: &Value) {
        assert!(self.doc["$defs"].get(def).is_some(), "no $defs/{def}");
        let mut schema = self.doc.clone();
        schema["$ref"] = Value::String(format!("#/$defs/{def}"));
        let validator = jsonschema::draft202012::new(&schema).expect("a valid JSON Schema");
        let errors: Vec<String> = validator.iter_errors(v).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{def}: {v:#}\n does not validate: {errors:#?}");
        self.seen.borrow_mut().insert(def.to_string());
    }

    /// Runs `args` with `-o json` (password on stdin), expects `code`, and checks stdout
    /// (one document, or one per line for `lines`) against `def`; returns it.
    fn run(&self, env: &Env, def: &str, args: &[&str], code: i32) -> Value {
        let mut full = vec!["-o", "json"];
        full.extend_from_slice(args);
        let out = env.with_password(&full).assert().code(code).get_output().clone();
        let v: Value = if def == "audit_tail" || def == "serve_audit" {
            let lines: Vec<Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
            assert!(!lines.is_empty(), "{args:?} printed no events");
            lines.iter().for_each(|l| self.check(def, l));
            return Value::Array(lines);
        } else {
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stdout)))
        };
        self.check(def, &v);
        v
    }

    /// Runs `args` with `-o json`, expects failure with `code`, nothing on stdout, and the
    /// last line of stderr an `error` document with `want` as its code.
    fn fails(&self, env: &Env, args: &[&str], code: i32, want: &str) {
        let mut full = vec!["-o", "json"];
        full.extend_from_slice(args);
        let out = env.with_password(&full).assert().code(code).get_output().clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        let last = stderr.lines().last().unwrap_or_else(|| panic!("{args:?}: nothing on stderr"));
        let v: Value = serde_json::from_str(last).unwrap_or_else(|e| panic!("{args:?}: the error is not JSON ({e}): {last}"));
        self.check("error", &v);
        assert_eq!(v["error"]["code"], want, "{args:?}: {v}");
    }
}

/// Every leaf command of the CLI as `key_rotate`.
fn leaf_commands() -> BTreeSet<String> {
    fn walk(c: &clap::Command, prefix: &str, out: &mut BTreeSet<String>) {
        for sub in c.get_subcommands().filter(|s| s.get_name() != "help") {
            let word = sub.get_name().replace('-', "_");
            let name = if prefix.is_empty() { word } else { format!("{prefix}_{word}") };
            if sub.has_subcommands() {
                walk(sub, &name, out);
            } else {
                out.insert(name);
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(&<keysmith::cli::args::Cli as clap::CommandFactory>::command(), "", &mut out);
    out
}

#[test]
fn every_commands_json_validates_against_its_published_schema() {
    let s = Schemas::new();
    let env = Env::new();
    s.run(&env, "init", &["init", "--vault", "default"], 0);
    s.run(&env, "vault_create", &["vault", "create", "reports"], 0);
    s.run(&env, "vault_list", &["vault", "list"], 0);
    s.run(&env, "vault_check", &["vault", "check"], 0);
    s.run(&env, "vault_rekey", &["vault", "rekey", "reports"], 0);

    let create = ["key", "create", "--vault", "default", "--allow", "read,write,delete,listVaults,createVault", "--expires-in", "3d"];
    let ci = s.run(&env, "key_create", &[&create[..], &["--label", "ci"]].concat(), 0);
    let ci_id = ci["id"].as_str().unwrap();
    let token = ci["token"].as_str().unwrap().to_string();
    let tf = env.path("web.token");
    s.run(&env, "key_create", &[&create[..], &["--label", "web", "--token-file", tf.to_str().unwrap()]].concat(), 0);
    let again = s.run(&env, "key_create", &[&create[..], &["--label", "ci", "--if-absent"]].concat(), 0);
    assert_eq!(again["created"], false);
    s.run(&env, "key_create", &[&create[..], &["--label", "hooked", "--exec", "cat > /dev/null"]].concat(), 0);
    s.run(&env, "key_list", &["key", "list"], 0);
    let shown = s.run(&env, "key_show", &["key", "show", ci_id], 0);
    // The schemas bite: a Unix time, a missing field or an unknown one is refused.
    let validator = |v: &Value| {
        let mut schema = s.doc.clone();
        schema["$ref"] = Value::String("#/$defs/key_show".into());
        jsonschema::draft202012::new(&schema).unwrap().is_valid(v)
    };
    for (field, value) in [("expires_at", serde_json::json!(1_700_000_000)), ("rate_limit", serde_json::json!({"requests": 60})), ("surprise", Value::Null)] {
        let mut bad = shown.clone();
        bad[field] = value;
        assert!(!validator(&bad), "{field} = {} validated", bad[field]);
    }
    let mut missing = shown.clone();
    missing.as_object_mut().unwrap().remove("status");
    assert!(!validator(&missing));
    s.run(&env, "key_rotate_dry_run", &["key", "rotate", "--expiring-within", "7d", "--dry-run"], 0);
    let rotated = s.run(&env, "key_rotate", &["key", "rotate", ci_id, "--grace", "1h"], 0);
    let new_ci = rotated["new_id"].as_str().unwrap();
    let dir = env.path("tokens");
    let bulk = s.run(&env, "key_rotate", &["key", "rotate", "--expiring-within", "7d", "--yes", "--token-dir", dir.to_str().unwrap()], 0);
    assert!(bulk.as_array().unwrap().len() >= 3);
    s.run(&env, "key_rotate", &["key", "rotate", "--expiring-within", "7d", "--yes", "--exec", "cat > /dev/null"], 0);
    s.run(&env, "login", &["login", "--ttl", "1h"], 0);

    // The owner's files, and the agent's (with the first generation's token, still in grace).
    let src = env.path("notes.txt");
    std::fs::write(&src, "hello").unwrap();
    let put = s.run(&env, "file_put", &["file", "put", "default", src.to_str().unwrap()], 0);
    s.run(&env, "file_ls", &["file", "ls", "default"], 0);
    s.run(&env, "file_rm", &["file", "rm", "default", put["id"].as_str().unwrap()], 0);
    let agent = |def: &str, args: &[&str]| {
        let mut c = env.cmd();
        c.env("KEYSMITH_API_KEY", &token).args(["-o", "json", "agent"]).args(args);
        let out = c.assert().success().get_output().stdout.clone();
        let v: Value = serde_json::from_slice(&out).unwrap();
        s.check(def, &v);
        v
    };
    let conn = agent("agent_connect", &["connect"]);
    assert_eq!(conn["key"]["status"], "grace");
    agent("agent_vaults", &["vaults"]);
    agent("agent_mkvault", &["mkvault", "scratch"]);
    let put = agent("agent_put", &["put", "default", src.to_str().unwrap()]);
    agent("agent_ls", &["ls", "default"]);
    agent("agent_rm", &["rm", "default", put["id"].as_str().unwrap()]);

    // A key that delegates, its child, the child's rotation and revocation, all by token.
    let rotator =
        s.run(&env, "key_create", &["key", "create", "--label", "rotator", "--vault", "default", "--allow", "read,delegate", "--expires-in", "3d"], 0);
    let parent = rotator["token"].as_str().unwrap().to_string();
    let by_parent = |def: &str, args: &[&str]| {
        let mut c = env.cmd();
        c.env("KEYSMITH_API_KEY", &parent).args(["-o", "json", "agent"]).args(args);
        let v: Value = serde_json::from_slice(&c.assert().success().get_output().stdout).unwrap();
        s.check(def, &v);
        v
    };
    let child = by_parent("agent_delegate", &["delegate", "--label", "ci-child", "--allow", "read", "--expires-in", "1d"]);
    assert_eq!(child["parent_id"], rotator["id"]);
    by_parent("agent_children", &["children"]);
    let dir = env.path("children");
    by_parent("agent_rotate_children", &["rotate-children", "--token-dir", dir.to_str().unwrap()]);
    let new_child =
        by_parent("agent_children", &["children"]).as_array().unwrap().iter().find(|k| k["status"] == "active").unwrap()["id"].as_str().unwrap().to_string();
    by_parent("agent_revoke_child", &["revoke-child", &new_child]);
    let usage = s.run(&env, "key_usage", &["key", "usage"], 0);
    assert!(usage["keys"].as_array().unwrap().iter().any(|k| k["id"] == ci_id && k["requests"].as_u64() > Some(0)), "{usage:#}");
    let one = s.run(&env, "key_usage", &["key", "usage", ci_id, "--period", "2d"], 0);
    assert_eq!(one["keys"][0]["days"].as_array().unwrap().len(), 1, "{one:#}");
    s.run(&env, "key_usage", &["key", "usage", "--idle", "1d"], 0);
    s.run(&env, "audit_tail", &["audit", "tail", "-n", "50"], 0);
    s.run(&env, "audit_verify", &["audit", "verify"], 0);
    s.run(&env, "key_revoke", &["key", "revoke", new_ci, "--yes"], 0);
    let ids: Vec<String> = bulk.as_array().unwrap().iter().take(2).map(|r| r["new_id"].as_str().unwrap().to_string()).collect();
    s.run(&env, "key_revoke", &["key", "revoke", &ids[0], &ids[1], "--yes"], 0);
    s.run(&env, "key_revoke", &["key", "revoke", &ids[1], "--rekey", "--yes"], 0);
    s.run(&env, "logout", &["logout"], 0);
    s.run(&env, "vault_rm", &["vault", "rm", "reports", "--yes"], 0);
    s.run(&env, "serve_invite", &["serve", "invite"], 0);
    s.run(&env, "serve_audit", &["serve", "audit"], 0);
    // The current password, then the new one twice, one per line.
    let mut c = env.cmd();
    c.args(["-o", "json", "--password-stdin", "passwd"]).write_stdin(format!("{PASSWORD}\n{PASSWORD}\n{PASSWORD}\n"));
    s.check("passwd", &serde_json::from_slice(&c.assert().success().get_output().stdout).unwrap());

    // Errors: usage (clap's and keysmith's), auth, not found, failure, integrity.
    s.fails(&env, &["key", "create", "--label"], 2, "usage");
    s.fails(&env, &["key", "rotate", "--grace", "1000y", ci_id], 2, "usage");
    s.fails(&env, &["key", "show", "0000000000000000"], 1, "not_found");
    // clap's multi-line errors keep what they name.
    let out = env.cmd().args(["-o", "json", "vault", "create"]).assert().code(2).get_output().clone();
    assert!(stderr_of(&out).contains("<NAME>"), "{}", stderr_of(&out));
    let mut wrong = env.cmd();
    wrong.args(["-o", "json", "--password-stdin", "vault", "list"]).write_stdin("not the password\n");
    let out = wrong.assert().code(3).get_output().clone();
    s.check("error", &serde_json::from_str(String::from_utf8(out.stderr).unwrap().lines().last().unwrap()).unwrap());
    s.fails(&env, &["key", "rotate", ci_id], 1, "failure");
    let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
    conn.execute("UPDATE audit_log SET reason = 'edited' WHERE seq = 3", []).unwrap();
    drop(conn);
    let broken = s.run(&env, "audit_verify", &["audit", "verify"], 4);
    assert_eq!(broken["ok"], false);

    // Every command has a schema and was checked here, or prints no JSON.
    let schemas: BTreeSet<String> = s.doc["$defs"].as_object().unwrap().keys().cloned().collect();
    for cmd in leaf_commands() {
        if NO_JSON.contains(&cmd.as_str()) {
            assert!(!schemas.contains(&cmd), "{cmd} prints no JSON but has a schema");
            continue;
        }
        assert!(schemas.contains(&cmd), "`keysmith {}` has no schema in $defs/{cmd}", cmd.replace('_', " "));
        assert!(s.seen.borrow().contains(&cmd), "`keysmith {}`'s JSON was not checked against $defs/{cmd}", cmd.replace('_', " "));
    }
    let unused: Vec<String> = schemas.iter().filter(|d| !s.seen.borrow().contains(*d) && d.contains('_')).cloned().collect();
    assert!(unused.iter().all(|d| ["vault_entry", "file_entry", "listed_vault"].contains(&d.as_str())), "schemas for no command: {unused:?}");
}
