//! What someone holding a copy of the backend's storage could learn: nothing secret.

use crate::common::*;
use keysmith::crypto::{self, aad};

#[test]
fn stored_data_holds_no_plaintext_keys_or_token_secrets() {
    let env = Env::new();
    let vault_name = "quarterly-board-minutes";
    env.json(&["init", "--vault", vault_name]);
    env.json(&["vault", "create", "merger-plans-zeta"]);
    let key = env.json(&["key", "create", "--label", "ci", "--vault", "merger-plans-zeta", "--allow", "read", "--expires-in", "30d"]);
    let token = key["token"].as_str().unwrap().to_string();
    let (_, token2) = {
        let v = env.json(&["key", "rotate", "--expiring-within", "90d", "--yes"]);
        (v[0]["new_id"].as_str().unwrap().to_string(), v[0]["token"].as_str().unwrap().to_string())
    };
    env.with_password(&["login"]).assert().success();

    // The attacker also knows the password here, to find every derived key and
    // make sure none of them is stored in the clear.
    let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
    let (account, salt, iterations, wrapped_master): (String, Vec<u8>, u32, Vec<u8>) = conn
        .query_row("SELECT id, kdf_salt, kdf_iterations, wrapped_master_key FROM accounts", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap();
    assert!(iterations >= 600_000);
    assert_eq!(salt.len(), 32);
    let pk = crypto::Kdf::Pbkdf2Sha256 { iterations }.derive(PASSWORD.as_bytes(), &salt).unwrap();
    let master = crypto::unwrap_key(&pk.key_encryption_key, &wrapped_master, &aad::master_key(&account)).unwrap();
    let mut stmt = conn.prepare("SELECT id, wrapped_key FROM vaults").unwrap();
    let vault_keys: Vec<crypto::SecretKey> = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)))
        .unwrap()
        .map(|r| {
            let (id, w) = r.unwrap();
            crypto::unwrap_key(&master, &w, &aad::vault_key(&account, &id)).unwrap()
        })
        .collect();
    assert_eq!(vault_keys.len(), 2);
    drop(stmt);
    drop(conn);

    let stored = env.stored_bytes();
    let mut forbidden: Vec<(&str, Vec<u8>)> = vec![
        ("password", PASSWORD.as_bytes().to_vec()),
        ("first vault name", vault_name.as_bytes().to_vec()),
        ("second vault name", b"merger-plans-zeta".to_vec()),
        ("login secret", pk.login_secret.expose().to_vec()),
        ("key-encryption key", pk.key_encryption_key.expose().to_vec()),
        ("master key", master.expose().to_vec()),
    ];
    for (i, vk) in vault_keys.iter().enumerate() {
        forbidden.push(if i == 0 { ("vault key 1", vk.expose().to_vec()) } else { ("vault key 2", vk.expose().to_vec()) });
    }
    for t in [&token, &token2] {
        let parsed: keysmith::token::Token = t.parse().unwrap();
        let agent = crypto::AgentKeys::derive(parsed.secret());
        forbidden.push(("token", t.as_bytes().to_vec()));
        forbidden.push(("token secret (hex)", hex::encode(parsed.secret().expose()).into_bytes()));
        forbidden.push(("token secret", parsed.secret().expose().to_vec()));
        forbidden.push(("agent wrapping key", agent.wrapping_key.expose().to_vec()));
        assert!(contains(&stored, &agent.public_key()), "the public verification key is what the backend keeps");
    }
    for (what, bytes) in &forbidden {
        assert!(!contains(&stored, bytes), "{what} found in the stored data");
    }
}

/// The same for a server on PostgreSQL and an S3 bucket: a dump of its database and every
/// object in its bucket hold no plaintext, name, password or token, in any form a client
/// ever had them.
#[test]
fn a_postgres_dump_and_the_bucket_hold_no_plaintext_names_or_secrets() {
    let op = Env::new();
    let url = crate::pg::database();
    let place = crate::s3::place();
    let server = crate::server::Server::start_env(&op, &["--database", &url, "--registration", "open", "--blobs", &place.url], &place.vars);
    let env = Env::remote(&server.url);
    env.json(&["init", "--vault", "quarterly-board-minutes"]);
    env.json(&["vault", "create", "merger-plans-zeta"]);
    let token = env.json(&["key", "create", "--label", "ci", "--vault", "merger-plans-zeta", "--allow", "read,write", "--expires-in", "30d"])["token"]
        .as_str()
        .unwrap()
        .to_string();
    let plain = env.path("acquisition-targets.txt");
    std::fs::write(&plain, "Initech at 4.20 a share").unwrap();
    let mut put = env.cmd();
    put.env("KEYSMITH_API_KEY", &token).args(["agent", "put", "merger-plans-zeta"]).arg(&plain).assert().success();
    env.with_password(&["file", "put", "merger-plans-zeta", plain.to_str().unwrap()]).assert().success();
    let dump = crate::pg::dump(&url);
    assert!(contains(&dump, b"CREATE TABLE"), "the dump is real");
    let objects = place.objects();
    assert_eq!(objects.len(), 2, "the bucket holds both files' blobs");
    let bucket: Vec<u8> = objects.into_iter().flat_map(|(name, bytes)| name.into_bytes().into_iter().chain(bytes)).collect();
    let parsed: keysmith::token::Token = token.parse().unwrap();
    let secret_hex = hex::encode(parsed.secret().expose());
    for (what, bytes) in [
        ("password", PASSWORD.as_bytes()),
        ("vault name", b"quarterly-board-minutes".as_slice()),
        ("vault name", b"merger-plans-zeta".as_slice()),
        ("file name", b"acquisition-targets".as_slice()),
        ("file contents", b"Initech".as_slice()),
        ("token", token.as_bytes()),
        ("token secret", secret_hex.as_bytes()),
        ("token secret", parsed.secret().expose()),
    ] {
        assert!(!contains(&dump, bytes), "{what} found in the PostgreSQL dump");
        assert!(!contains(&bucket, bytes), "{what} found in the bucket");
    }
}

#[test]
fn secrets_never_reach_error_output() {
    let env = Env::new();
    env.init();
    let wrong = "mistyped-password-value-123";
    let out = env.cmd().args(["--password-stdin", "key", "list"]).write_stdin(format!("{wrong}\n")).assert().code(3).get_output().clone();
    assert!(!stderr_of(&out).contains(wrong));
    let out = env.cmd().args(["--password-stdin", "init"]).write_stdin(format!("{wrong}\n")).assert().code(1).get_output().clone();
    assert!(!stderr_of(&out).contains(wrong));
    // A damaged token is described, never echoed.
    let (_, token) = env.key(&[]);
    let damaged = format!("{}x", &token[..token.len() - 1]);
    let tf = env.path("t");
    std::fs::write(&tf, &damaged).unwrap();
    let out = env.cmd().args(["key", "rotate", "--with-token-file", tf.to_str().unwrap()]).assert().code(2).get_output().clone();
    assert!(!stderr_of(&out).contains(&damaged[20..60]));
}

#[test]
fn data_directory_and_database_are_private() {
    let env = Env::new();
    env.init();
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(env.data_dir()).unwrap().permissions().mode() & 0o777, 0o700);
    assert_eq!(std::fs::metadata(env.data_dir().join("keysmith.db")).unwrap().permissions().mode() & 0o777, 0o600);
}
