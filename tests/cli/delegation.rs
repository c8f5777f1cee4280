//! Delegated keys, tried as an attacker holding a child would: widen its scope, outlive
//! its parent, survive the parent's revocation or narrowing — by the CLI and by raw signed
//! requests that skip every client-side check.

use crate::common::*;
use crate::server::{Server, raw, rt};
use serde_json::{Value, json};

/// `keysmith agent ARGS` with `token`, `-o json`; asserts `code` and returns stdout parsed (or Null).
fn agent(env: &Env, token: &str, args: &[&str], code: i32) -> Value {
    let mut c = env.cmd();
    c.env("KEYSMITH_API_KEY", token).args(["-o", "json", "agent"]).args(args);
    let out = c.assert().code(code).get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap_or(Value::Null)
}

fn token_of(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap().trim().to_string()
}

/// A delegation request as a hostile holder would write it: any scope, any expiry, bytes
/// that only look like wrapped keys (the backend cannot tell).
fn forged(vault: &str, permissions: &[&str], expires_at: Option<i64>) -> Vec<u8> {
    json!({
        "label": "forged", "new_key_id": keysmith::token::new_id(), "new_public_key": "11".repeat(32),
        "permissions": permissions, "rate_limit": null, "bytes_per_day": null, "expires_at": expires_at,
        "grants": [{"vault_id": vault, "wrapped_vault_key": "22".repeat(61)}], "account_key_binding": null
    })
    .to_string()
    .into_bytes()
}

#[test]
fn a_child_cannot_widen_outlive_or_survive_its_parent() {
    let env = Env::new();
    let vault = env.init();
    env.json(&["vault", "create", "private"]);
    let private = env.json(&["vault", "list"]).as_array().unwrap().iter().find(|v| v["name"] == "private").unwrap()["id"].as_str().unwrap().to_string();
    let (parent_id, parent) = env.key(&["--label", "rotator", "--allow", "read,write,delegate", "--expires-in", "30d"]);
    let (_, plain) = env.key(&["--label", "plain", "--allow", "read,write", "--expires-in", "30d"]);

    // A child and a grandchild, by token alone.
    let c = env.path("child.token");
    let child = agent(
        &env,
        &parent,
        &["delegate", "--label", "worker", "--allow", "read,write,delegate", "--expires-in", "7d", "--child-token-file", c.to_str().unwrap()],
        0,
    );
    assert_eq!(child["parent_id"], parent_id.as_str());
    let child_token = token_of(&c);
    let g = env.path("grandchild.token");
    agent(&env, &child_token, &["delegate", "--label", "helper", "--allow", "read", "--expires-in", "1d", "--child-token-file", g.to_str().unwrap()], 0);
    let grandchild = token_of(&g);
    std::fs::write(env.path("f.txt"), "x").unwrap();
    agent(&env, &grandchild, &["ls", "default"], 0);

    // Through the CLI: broader, longer, or without delegate — refused, nothing minted.
    agent(&env, &child_token, &["delegate", "--label", "wide", "--allow", "read,delete"], 2);
    agent(&env, &child_token, &["delegate", "--label", "long", "--expires-in", "30d"], 2);
    agent(&env, &plain, &["delegate", "--label", "nope", "--expires-in", "1d"], 1);

    // By raw signed requests that skip the client: the backend refuses each (403) and stores nothing.
    let server = Server::start(&env);
    let rt = rt();
    let now = keysmith::policy::now();
    let attempts: Vec<(&str, Vec<u8>, u16)> = vec![
        ("a permission the parent lacks", forged(&vault, &["read", "delete"], Some(now + 3600)), 403),
        ("a vault the parent lacks", forged(&private, &["read"], Some(now + 3600)), 403),
        ("an end after the parent's", forged(&vault, &["read"], Some(now + 8 * 86_400)), 403),
        ("no end under a parent that ends", forged(&vault, &["read"], None), 403),
    ];
    let before = env.json(&["key", "list"]).as_array().unwrap().len();
    for (what, body, status) in &attempts {
        let got = rt.block_on(raw(&server.url, &child_token, "POST", "/v1/agent/keys", body, |_, _| {})).status().as_u16();
        assert_eq!(got, *status, "{what}");
    }
    let got = rt.block_on(raw(&server.url, &plain, "POST", "/v1/agent/keys", &forged(&vault, &["read"], Some(now + 3600)), |_, _| {})).status().as_u16();
    assert_eq!(got, 403, "a key without delegate");
    assert_eq!(env.json(&["key", "list"]).as_array().unwrap().len(), before, "nothing was minted");
    // Another key's child cannot be rotated or revoked by a key that is not its ancestor.
    let (_, other) = env.key(&["--label", "other", "--allow", "read,delegate", "--expires-in", "30d"]);
    let child_id = child["id"].as_str().unwrap();
    let got = rt.block_on(raw(&server.url, &other, "POST", &format!("/v1/agent/keys/{child_id}/revoke"), b"{}", |_, _| {})).status().as_u16();
    assert_eq!(got, 404);
    drop(server);

    // The owner sees the family under its parent, and the audit trail names the chain.
    let out = env.with_password(&["key", "list"]).assert().success().get_output().stdout.clone();
    let table = String::from_utf8(out).unwrap();
    assert!(table.contains("└ worker") && table.contains("  └ helper"), "{table}");
    let events = env.json_lines(&["audit", "tail", "--event", "key.delegate"]);
    assert!(events.iter().any(|e| e["key_label"] == "worker" && e["reason"].as_str().unwrap().contains(&parent_id)), "{events:?}");

    // Narrowing the parent (an owner rotation to read only) narrows its descendants at once.
    let rotated = env.json(&["key", "rotate", &parent_id, "--allow", "read,delegate", "--grace", "0s"]);
    let new_parent = rotated["new_id"].as_str().unwrap().to_string();
    let up = env.path("up.txt");
    std::fs::write(&up, "data").unwrap();
    let mut c = env.cmd();
    c.env("KEYSMITH_API_KEY", &child_token).args(["agent", "put", "default"]).arg(&up);
    c.assert().code(1).stderr(predicates::str::contains("may not write"));
    agent(&env, &child_token, &["ls", "default"], 0);
    assert_eq!(env.json(&["key", "show", child_id])["parent_id"], new_parent.as_str(), "children follow the rotated parent");

    // Revoking the parent ends the child and the grandchild on their next request.
    env.with_password(&["key", "revoke", &new_parent, "--yes"]).assert().success();
    agent(&env, &child_token, &["ls", "default"], 3);
    agent(&env, &grandchild, &["ls", "default"], 3);
    let denied = env.json_lines(&["audit", "tail", "--outcome", "denied", "--actor", "agent", "-n", "20"]);
    assert!(denied.iter().any(|e| e["reason"].as_str().unwrap_or_default().contains(&new_parent)), "the refusal names the ancestor: {denied:?}");
}

#[test]
fn a_rotation_host_renews_its_children_without_the_owner_password() {
    let env = Env::new();
    env.init();
    let (_, rotator) = env.key(&["--label", "rotator", "--allow", "read,write,delegate", "--expires-in", "90d"]);
    let mut tokens = Vec::new();
    for label in ["ci", "backup", "reports"] {
        let f = env.path(&format!("{label}.token"));
        agent(&env, &rotator, &["delegate", "--label", label, "--allow", "read", "--expires-in", "2d", "--child-token-file", f.to_str().unwrap()], 0);
        tokens.push(token_of(&f));
    }
    // The cron job: no password on stdin, no session; only the rotator's token.
    let dir = env.path("agents");
    let mut c = env.cmd();
    c.env("KEYSMITH_API_KEY", &rotator).args(["-o", "json", "agent", "rotate-children", "--expiring-within", "3d", "--grace", "10m", "--token-dir"]).arg(&dir);
    let done: Value = serde_json::from_slice(&c.assert().success().get_output().stdout).unwrap();
    assert_eq!(done.as_array().unwrap().len(), 3);
    for label in ["ci", "backup", "reports"] {
        let f = dir.join(format!("{label}.token"));
        assert_eq!(std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&f).unwrap().permissions()) & 0o777, 0o600);
        let new = token_of(&f);
        let conn = agent(&env, &new, &["connect"], 0);
        assert_eq!(conn["key"]["status"], "active");
        assert!(conn["key"]["parent_id"].is_string(), "still a child: {conn}");
    }
    // The old tokens work through their grace; nothing is due any more.
    agent(&env, &tokens[0], &["ls", "default"], 0);
    let again = agent(&env, &rotator, &["rotate-children", "--expiring-within", "1d", "--token-dir", dir.to_str().unwrap()], 0);
    assert_eq!(again.as_array().unwrap().len(), 0);
    // A child renewing itself stays within its parent's end (here brought to an hour from now).
    let parent_end = keysmith::policy::now() + 3600;
    let db = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
    db.execute("UPDATE api_keys SET expires_at = ?1 WHERE label = 'rotator'", [parent_end]).unwrap();
    drop(db);
    let renewed = env.path("self.token");
    let mut c = env.cmd();
    c.args(["-o", "json", "key", "rotate", "--with-token-file", dir.join("ci.token").to_str().unwrap(), "--expires-in", "3650d", "--token-file"]).arg(&renewed);
    c.assert().success();
    let conn = agent(&env, &token_of(&renewed), &["connect"], 0);
    assert_eq!(conn["key"]["expires_at"], keysmith::policy::format_time(parent_end), "capped at the parent's end, not 2 days");
}
