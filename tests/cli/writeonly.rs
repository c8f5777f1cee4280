//! Write-only keys, tried as an attacker holding one: with its token and a full copy of
//! the backend (database and blob store) it must not decrypt any file of the vault, not
//! even its own uploads; and raw signed requests cannot make it, or a key it mints, read.

use crate::common::*;
use crate::server::{Server, raw, rt};
use keysmith::crypto::{self, AgentKeys, SecretKey, aad};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::Path;

fn agent(env: &Env, token: &str, args: &[&str], code: i32) -> std::process::Output {
    let mut c = env.cmd();
    c.env("KEYSMITH_API_KEY", token).args(["-o", "json", "agent"]).args(args);
    c.assert().code(code).get_output().clone()
}

/// What an attacker recovers from a copy of the backend's data directory and one token:
/// every blob of every table is tried against every key it has under every associated
/// data the public protocol defines for the ids it finds, and every key it learns is
/// tried again (with what derives from it), until nothing new opens. Then every stored
/// file's content is tried with every key. Returns the keys learnt and the plaintexts.
pub fn attack(copies: &[&Path], token: &str) -> (usize, Vec<Vec<u8>>) {
    let (mut blobs, mut accounts, mut vaults, mut keys, mut files) = (Vec::new(), BTreeSet::new(), BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for copy in copies {
        let db = walk(copy).into_iter().find(|p| p.extension().is_some_and(|e| e == "db")).expect("the database file");
        let conn = rusqlite::Connection::open(&db).unwrap();
        let ids = |sql: &str| -> Vec<String> { conn.prepare(sql).unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect() };
        for t in ids("SELECT name FROM sqlite_master WHERE type = 'table'") {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let n = stmt.column_count();
            let mut rows = stmt.query([]).unwrap();
            while let Some(r) = rows.next().unwrap() {
                for i in 0..n {
                    if let rusqlite::types::ValueRef::Blob(b) = r.get_ref(i).unwrap() {
                        blobs.push(b.to_vec());
                    }
                }
            }
        }
        accounts.extend(ids("SELECT id FROM accounts"));
        vaults.extend(ids("SELECT id FROM vaults"));
        keys.extend(ids("SELECT id FROM api_keys"));
        let mut stmt = conn.prepare("SELECT id, vault_id FROM files").unwrap();
        files.extend(stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).unwrap().map(Result::unwrap));
    }
    let accounts: Vec<String> = accounts.into_iter().collect();
    let mut aads = Vec::new();
    for a in &accounts {
        aads.extend([aad::master_key(a), aad::account_private_key(a)]);
        for v in &vaults {
            aads.extend([aad::vault_key(a, v), aad::vault_name(a, v), aad::sealed_vault_key(a, v)]);
            aads.extend((1..=4).map(|n| aad::vault_key_chain(a, v, n)));
            for k in &keys {
                aads.extend([aad::grant(a, v, k), aad::write_grant(a, v, k)]);
            }
        }
        for k in &keys {
            aads.extend([aad::account_key_binding(a, k), aad::key_escrow(a, k)]);
        }
        for (f, v) in &files {
            aads.extend([aad::file_key(a, v, f), aad::file_name(a, v, f)]);
        }
    }

    let t: keysmith::token::Token = token.parse().unwrap();
    let mut known: Vec<SecretKey> = vec![AgentKeys::derive(t.secret()).wrapping_key, t.secret().clone()];
    let mut seen: BTreeSet<[u8; 32]> = known.iter().map(|k| *k.expose()).collect();
    let mut i = 0;
    while i < known.len() {
        let k = known[i].clone();
        i += 1;
        // What derives from a key: the vault sealing key, as if `k` were a vault key.
        let mut tries = vec![k.clone(), crypto::grant::vault_seal_private(&k)];
        tries.dedup();
        for key in &tries {
            for blob in &blobs {
                for ad in &aads {
                    let opened = crypto::unwrap(key, blob, ad).ok().or_else(|| crypto::open_sealed(key, blob, ad).ok());
                    if let Some(p) = opened.filter(|p| p.len() == 32) {
                        let arr: [u8; 32] = p.as_slice().try_into().unwrap();
                        if seen.insert(arr) {
                            known.push(SecretKey::from_bytes(arr));
                        }
                    }
                }
            }
        }
    }

    let mut plaintexts = Vec::new();
    for (f, v) in &files {
        let Some(blob) = copies.iter().flat_map(|c| walk(c)).find(|p| p.file_name().is_some_and(|n| n == f.as_str())) else { continue };
        let cipher = std::fs::read(blob).unwrap();
        for k in &known {
            let mut d = keysmith::stream::Decryptor::new(k, &aad::file_content(&accounts[0], v, f));
            let mut out = Vec::new();
            if d.update(&cipher, &mut out).is_ok() && d.finish(&mut out).is_ok() && !plaintexts.contains(&out) {
                plaintexts.push(out);
            }
        }
    }
    (known.len(), plaintexts)
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() { copy_dir(&p, &target) } else { std::fs::copy(&p, &target).map(|_| ()).unwrap() }
    }
}

#[test]
fn a_write_only_token_and_the_whole_backend_decrypt_no_file() {
    let env = Env::new();
    let vault = env.init();
    let owners = b"the owner's own ledger, written before the key existed";
    std::fs::write(env.path("ledger.txt"), owners).unwrap();
    env.with_password(&["file", "put", "default"]).arg(env.path("ledger.txt")).assert().success();
    let (wo_id, wo) = env.key(&["--label", "backup", "--allow", "write,delegate", "--write-only"]);
    let (_, reader) = env.key(&["--label", "restore", "--allow", "read"]);
    assert_eq!(env.json(&["key", "show", &wo_id])["write_only"], true);

    // The backup agent uploads by vault id (it cannot decrypt the vault's name)...
    let secret = b"nightly dump: card numbers 4111-1111-1111-1111";
    std::fs::write(env.path("dump.sql"), secret).unwrap();
    let up = agent(&env, &wo, &["put", &vault, env.path("dump.sql").to_str().unwrap()], 0);
    let uploaded: Value = serde_json::from_slice(&up.stdout).unwrap();
    let file_id = uploaded["id"].as_str().unwrap().to_string();
    // ...and can never read, list or delete, not even its own upload.
    for args in [vec!["get", vault.as_str(), file_id.as_str(), "--to", "-"], vec!["ls", vault.as_str()]] {
        let out = agent(&env, &wo, &args, 1);
        assert!(stderr_of(&out).contains("write-only"), "{args:?}: {}", stderr_of(&out));
    }
    let connected: Value = serde_json::from_slice(&agent(&env, &wo, &["connect"], 0).stdout).unwrap();
    assert_eq!(connected["vaults"][0]["write_only"], true);
    assert_eq!(connected["vaults"][0]["name"], "", "the vault's name is not known to it");

    // Owners and read keys read it as any other file.
    env.agent_get(&reader, &file_id).stdout(predicates::ord::eq(secret.to_vec()));
    let listed: Value = serde_json::from_slice(&agent(&env, &reader, &["ls", "default"], 0).stdout).unwrap();
    assert!(listed.as_array().unwrap().iter().any(|f| f["name"] == "dump.sql" && f["created_by"] == wo_id.as_str()), "{listed}");
    let mut get = env.with_password(&["file", "get", "default", "dump.sql", "--to", "-"]);
    get.assert().success().stdout(predicates::ord::eq(secret.to_vec()));

    // The attacker: the write-only token plus a copy of everything the backend stores.
    let copy = env.path("stolen");
    copy_dir(&env.data_dir(), &copy);
    let stored = env.stored_bytes();
    assert!(!contains(&stored, secret) && !contains(&stored, b"dump.sql"), "plaintext at rest");
    let (learnt, plaintexts) = attack(&[&copy], &wo);
    assert!(plaintexts.is_empty(), "a write-only token decrypted a file: {:?}", plaintexts.iter().map(|p| String::from_utf8_lossy(p)).collect::<Vec<_>>());
    // It learns its wrapping key, its secret, and public values (the vault's and the account's public keys), nothing that opens a file.
    assert!(learnt <= 4, "learnt {learnt} keys");
    // The same routine with a read key's token does open both files: the attack is real.
    let (_, with_reader) = attack(&[&copy], &reader);
    assert!(with_reader.iter().any(|p| p == secret) && with_reader.iter().any(|p| p == owners), "the control attack failed");
}

#[test]
fn raw_requests_cannot_make_a_write_only_key_or_its_children_read() {
    let env = Env::new();
    let vault = env.init();
    let (wo_id, wo) = env.key(&["--label", "shipper", "--allow", "write,delegate", "--write-only"]);
    // The CLI refuses a write-only key that could read, and a child that is not write-only
    // cannot even be asked for (its scope starts from the parent's).
    env.with_password(&["key", "create", "--vault", "default", "--label", "x", "--allow", "read,write", "--write-only"]).assert().code(2);
    let c = env.path("child.token");
    let child = agent(&env, &wo, &["delegate", "--label", "sub", "--expires-in", "1d", "--child-token-file", c.to_str().unwrap()], 0);
    let child: Value = serde_json::from_slice(&child.stdout).unwrap();
    assert_eq!(child["write_only"], true);
    // The child's holder rotates it: the new key is write-only too.
    let t = c.to_str().unwrap();
    let rotated: Value = serde_json::from_slice(
        &env.cmd().args(["-o", "json", "key", "rotate", "--with-token-file", t, "--token-file", t]).assert().success().get_output().stdout,
    )
    .unwrap();
    assert_eq!(env.json(&["key", "show", rotated["new_id"].as_str().unwrap()])["write_only"], true, "a rotation keeps it write-only");

    let server = Server::start(&env);
    let rt = rt();
    let now = keysmith::policy::now();
    let delegate = |write_only: bool, permissions: &[&str]| {
        json!({
            "label": "forged", "new_key_id": keysmith::token::new_id(), "new_public_key": "11".repeat(32),
            "permissions": permissions, "rate_limit": null, "bytes_per_day": null, "expires_at": now + 3600, "write_only": write_only,
            "grants": [{"vault_id": vault, "wrapped_vault_key": "22".repeat(61)}], "account_key_binding": null
        })
        .to_string()
        .into_bytes()
    };
    let before = env.json(&["key", "list"]).as_array().unwrap().len();
    for (what, body) in [("a child that is not write-only", delegate(false, &["write"])), ("a write-only child that reads", delegate(true, &["write", "read"]))]
    {
        let got = rt.block_on(raw(&server.url, &wo, "POST", "/v1/agent/keys", &body, |_, _| {}));
        assert!([400, 403].contains(&got.status().as_u16()), "{what}: {}", got.status());
    }
    assert_eq!(env.json(&["key", "list"]).as_array().unwrap().len(), before, "nothing was minted");

    // An upload whose file key is wrapped (not sealed) is refused: whatever it wrapped it
    // under, a write-only key must not make files it could read back.
    let announce = |wrapped_len: usize| {
        json!({"file_id": keysmith::token::new_id(), "encrypted_name": "33".repeat(40), "wrapped_key": "44".repeat(wrapped_len), "size": 31, "sha256": "55".repeat(32)})
            .to_string()
            .into_bytes()
    };
    let path = format!("/v1/agent/vaults/{vault}/files");
    let got = rt.block_on(raw(&server.url, &wo, "POST", &path, &announce(61), |_, _| {}));
    assert_eq!(got.status().as_u16(), 400);
    let got = rt.block_on(raw(&server.url, &wo, "POST", &path, &announce(94), |_, _| {}));
    assert_eq!(got.status().as_u16(), 200, "a sealed key is accepted");
    // Reading is refused by the backend too.
    let got = rt.block_on(raw(&server.url, &wo, "GET", &path, b"", |_, _| {}));
    assert_eq!(got.status().as_u16(), 403);
    drop(server);
    let _ = wo_id;
}
