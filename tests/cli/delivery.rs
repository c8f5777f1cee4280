//! Never lose a token: every command that mints one delivers it or leaves no trace, under
//! bad values, bad destinations, full disks, kill -9 and Ctrl-C.

use crate::common::*;
use keysmith::crypto::AgentKeys;
use keysmith::token::Token;
use predicates::prelude::*;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Mints `n` keys of the given lifetime through the library (one unlock, not n).
fn mint_keys(env: &Env, n: usize, lifetime_secs: i64) {
    let store = keysmith::store::sqlite::SqliteStore::open_dir(&env.data_dir()).unwrap();
    let b = keysmith::backend::embedded::Embedded::new(&store);
    let u = keysmith::owner::unlock(&b, PASSWORD.as_bytes(), 300).unwrap();
    let vaults = u.resolve_vaults(&b, &["default".to_string()]).unwrap();
    let scope =
        keysmith::policy::Scope { permissions: vec![keysmith::policy::Permission::Read], vaults, rate_limit: None, bytes_per_day: None, write_only: false };
    let expires = keysmith::policy::now() + lifetime_secs;
    for i in 0..n {
        u.create_key(&b, &format!("agent-{i}"), scope.clone(), Some(expires), &mut |_| Ok(())).unwrap();
    }
}

/// (id -> (public key, rotated_to)) straight from the database.
fn keys_in_db(env: &Env) -> HashMap<String, (Vec<u8>, Option<String>)> {
    let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
    let mut stmt = conn.prepare("SELECT id, public_key, rotated_to FROM api_keys").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?)))).unwrap().map(Result::unwrap).collect()
}

/// The token-safety invariant: every rotated key's successor has its token in DIR (or,
/// unless `settled`, pending there for the next run); every token in DIR is the real
/// token of a key that exists; nothing else is in DIR. Returns how many keys were rotated.
fn check_token_dir(env: &Env, dir: &Path, settled: bool) -> usize {
    check_token_dirs(env, &[dir], settled)
}

/// [`check_token_dir`] over several directories (an --exec sink and its spool): a token
/// may be in any of them.
fn check_token_dirs(env: &Env, dirs: &[&Path], settled: bool) -> usize {
    let keys = keys_in_db(env);
    let mut delivered = HashMap::new();
    for entry in dirs.iter().flat_map(|d| std::fs::read_dir(d).into_iter().flatten()) {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(".hook") && !settled {
            continue; // a hook's own temporary file while it runs
        }
        let text = std::fs::read_to_string(&path).unwrap();
        if let Some(id) = name.strip_suffix(".token") {
            let token: Token = text.parse().unwrap_or_else(|e| panic!("{name} holds no token: {e}"));
            assert_eq!(token.key_id(), id);
            let (pk, _) = keys.get(id).unwrap_or_else(|| panic!("{name}: no such key"));
            assert_eq!(&AgentKeys::derive(token.secret()).public_key()[..], &pk[..], "{name} is that key's token");
            delivered.insert(id.to_string(), false);
        } else if let Some(id) = name.strip_suffix(".token.keysmith-pending") {
            assert!(!settled, "a finished run leaves nothing pending ({name})");
            if let Ok(token) = text.parse::<Token>()
                && keys.contains_key(token.key_id())
            {
                delivered.insert(id.to_string(), true);
            }
        } else {
            panic!("stray file {name} in the token dir");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600, "{name}");
        }
    }
    let mut rotated = 0;
    for (id, (_, to)) in &keys {
        if let Some(to) = to {
            rotated += 1;
            assert!(delivered.contains_key(to), "key {id} was rotated to {to}, whose token is nowhere");
        }
    }
    rotated
}

/// Spawns keysmith with the password on stdin and `stdout` as its stdout.
fn spawn_with_password(env: &Env, args: &[&str], stdout: Stdio) -> std::process::Child {
    let mut c = env.process(BIN);
    c.arg("--password-stdin").args(args).stdin(Stdio::piped()).stdout(stdout).stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    child.stdin.take().unwrap().write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
    child
}

fn bulk_rotation(env: &Env, dir: &Path) -> std::process::Child {
    bulk_rotation_on(env, dir, None)
}

/// `key rotate --expiring-within 7d --yes --token-dir DIR --token-name {id}.token`
/// (a file per new key, so every generation's token can be checked), embedded or against `server`.
fn bulk_rotation_on(env: &Env, dir: &Path, server: Option<&str>) -> std::process::Child {
    bulk_rotation_to(env, &["--token-dir", dir.to_str().unwrap(), "--token-name", "{id}.token"], server)
}

/// `key rotate --expiring-within 7d --yes` delivering by `delivery` (flags).
fn bulk_rotation_to(env: &Env, delivery: &[&str], server: Option<&str>) -> std::process::Child {
    let args: Vec<&str> = ["--output", "json", "key", "rotate", "--expiring-within", "7d", "--yes", "--grace", "1h"]
        .iter()
        .chain(delivery)
        .copied()
        .chain(server.map(|url| ["--server", url]).into_iter().flatten())
        .collect();
    spawn_with_password(env, &args, Stdio::piped())
}

/// A delivery hook that writes each token to `sink/{id}.token` (0600, atomically), and
/// fails while `sink.broken` exists. It records its environment in `sink.env/{id}` and
/// prints to its stdout (which must not reach keysmith's stdout).
fn sink_hook(sink: &Path) -> String {
    std::fs::create_dir_all(sink).unwrap();
    std::fs::create_dir_all(sink.with_extension("env")).unwrap();
    let s = sink.display();
    format!(
        "umask 077; test ! -e {s}.broken || exit 3; env > {s}.env/$KEYSMITH_KEY_ID; echo hook-ran; \
         t={s}/.hook-$KEYSMITH_KEY_ID; cat > $t && test -s $t && mv $t {s}/$KEYSMITH_KEY_ID.token || {{ rm -f $t; exit 1; }}"
    )
}

/// The hook's spool in the data directory (one per hook command).
fn spool_of(env: &Env) -> std::path::PathBuf {
    let deliveries = env.data_dir().join("deliveries");
    let mut dirs: Vec<_> = std::fs::read_dir(&deliveries).map(|d| d.map(|e| e.unwrap().path()).collect()).unwrap_or_default();
    assert!(dirs.len() <= 1, "one hook, one spool: {dirs:?}");
    dirs.pop().unwrap_or(deliveries)
}

fn random_below(n: u64) -> u64 {
    u64::from_le_bytes(keysmith::crypto::random_array::<8>()) % n.max(1)
}

/// 200 keys, one full bulk rotation to time it, then `kills` runs each killed (-9) at a
/// random moment, checking after each that no rotated key's token is lost; then one more
/// run finishes what the killed ones left.
fn kill_loop(server: Option<&str>, env: &Env, kills: usize) {
    let dir = env.path("tokens");
    let delivery = ["--token-dir", dir.to_str().unwrap(), "--token-name", "{id}.token"];
    kill_loop_to(server, env, kills, &delivery, &|settled| check_token_dir(env, &dir, settled));
}

/// [`kill_loop`] for any delivery flags, with `check(settled)` asserting the invariant.
fn kill_loop_to(server: Option<&str>, env: &Env, kills: usize, delivery: &[&str], check: &dyn Fn(bool) -> usize) {
    // A 3-day lifetime, which rotation keeps: every run has 200 keys to rotate.
    mint_keys(env, 200, 3 * 86_400);
    kill_loop_with(kills, &|| bulk_rotation_to(env, delivery, server), check, 200);
}

/// Runs `run` to the end (rotating `keys` keys), then kills it at random moments `kills`
/// times, asserting `check` after each kill, and once more after a final full run.
fn kill_loop_with(kills: usize, run: &dyn Fn() -> std::process::Child, check: &dyn Fn(bool) -> usize, keys: usize) {
    let started = Instant::now();
    let out = run().wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let full_run = started.elapsed();
    assert_eq!(check(true), keys);

    let mut killed_mid_run = 0;
    let deadline = Instant::now() + Duration::from_secs(300);
    for _ in 0..kills {
        assert!(Instant::now() < deadline, "the kill loop is bounded in time");
        let mut child = run();
        std::thread::sleep(Duration::from_micros(random_below(full_run.as_micros() as u64 * 11 / 10)));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok();
        child.wait().unwrap();
        killed_mid_run += usize::from(!finished);
        check(false);
    }
    assert!(killed_mid_run >= kills * 4 / 5, "most kills landed while a run was going ({killed_mid_run} of {kills})");
    // The same command again delivers whatever a killed run left pending.
    let out = run().wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    check(true);
}

#[test]
fn kill_9_at_any_moment_of_a_bulk_rotation_never_loses_a_token() {
    let env = Env::new();
    env.init();
    kill_loop(None, &env, 50);
}

#[test]
fn kill_9_during_a_bulk_rotation_against_serve_never_loses_a_token() {
    let env = Env::new();
    env.init();
    let server = crate::server::Server::start(&env);
    kill_loop(Some(&server.url), &env, 25);
}

/// A hook killed with keysmith (or keysmith killed while its hook runs) leaves the token
/// spooled; the next run hands it to the hook first. Every rotated key's token ends up in
/// the sink (or, between runs, in the spool), never nowhere.
#[test]
fn kill_9_at_any_moment_of_a_bulk_rotation_with_exec_never_loses_a_token() {
    let env = Env::new();
    env.init();
    let sink = env.path("sink");
    let hook = sink_hook(&sink);
    kill_loop_to(None, &env, 20, &["--exec", &hook], &|settled| {
        let spool = spool_of(&env);
        let rotated = check_token_dirs(&env, &[&sink, &spool], settled);
        if settled {
            assert_eq!(std::fs::read_dir(&spool).unwrap().count(), 0, "a finished run leaves nothing waiting");
        }
        rotated
    });
}

/// With the default `{label}.token` names each agent has one file, replaced atomically:
/// whenever a run is killed, every agent's newest key has its token in the agent's file
/// (or, until the next run, pending next to it), and the file never holds a torn token.
#[test]
fn kill_9_at_any_moment_of_a_bulk_rotation_into_label_files_never_loses_a_token() {
    let env = Env::new();
    env.init();
    let dir = env.path("tokens");
    kill_loop_to(None, &env, 20, &["--token-dir", dir.to_str().unwrap()], &|settled| {
        let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
        let mut stmt = conn.prepare("SELECT id, label, public_key, rotated_from FROM api_keys WHERE rotated_to IS NULL").unwrap();
        let heads: Vec<(String, String, Vec<u8>, Option<String>)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect();
        for (id, label, pk, _) in heads.iter().filter(|h| h.3.is_some()) {
            let file = std::fs::read_to_string(dir.join(format!("{label}.token"))).map(|t| t.parse::<Token>().expect("a whole token or no file"));
            // A pending file may be torn (killed while writing it, before its key existed).
            let pending = std::fs::read_to_string(dir.join(format!("{label}.token.keysmith-pending"))).ok().and_then(|t| t.parse::<Token>().ok());
            let found = [file.ok(), pending.filter(|_| !settled)].into_iter().flatten().find(|t| t.key_id() == id);
            let token = found.unwrap_or_else(|| panic!("the token of {label}'s newest key {id} is nowhere"));
            assert_eq!(&AgentKeys::derive(token.secret()).public_key()[..], &pk[..]);
        }
        let files = std::fs::read_dir(&dir).unwrap().count();
        assert!(files >= 200 && (!settled || files == 200), "one file per agent ({files})");
        heads.iter().filter(|h| h.3.is_some()).count()
    });
}

/// A rotation host's `agent rotate-children`, killed at any moment: every child rotated
/// has its new token in the directory (or pending there for the next run), never nowhere.
#[test]
fn kill_9_at_any_moment_of_rotate_children_never_loses_a_token() {
    let env = Env::new();
    env.init();
    let (parent_id, parent) = env.key(&["--label", "rotator", "--allow", "read,delegate", "--expires-in", "90d"]);
    // 60 children straight into the store: their own tokens play no part (the parent
    // re-wraps the vault keys from its grants), and each run has all 60 to rotate again.
    let store = keysmith::store::sqlite::SqliteStore::open_dir(&env.data_dir()).unwrap();
    let p = keysmith::store::Store::get_key(&store, &parent_id).unwrap().unwrap();
    let now = keysmith::policy::now();
    for i in 0..60 {
        let id = keysmith::token::new_id();
        let child = keysmith::store::ApiKey {
            id: id.clone(),
            label: format!("child-{i}"),
            public_key: vec![9; 32],
            scope: keysmith::policy::Scope { permissions: vec![keysmith::policy::Permission::Read], ..p.scope.clone() },
            expires_at: Some(now + 2 * 86_400),
            created_at: now,
            last_used_at: None,
            account_key_binding: None,
            parent_id: Some(parent_id.clone()),
            ..p.clone()
        };
        let grants: Vec<keysmith::store::Grant> =
            p.scope.vaults.iter().map(|v| keysmith::store::Grant { key_id: id.clone(), vault_id: v.clone(), wrapped_vault_key: vec![1; 61] }).collect();
        keysmith::store::Store::create_key(&store, &child, &grants, &[]).unwrap();
    }
    drop(store);
    let dir = env.path("children");
    let run = || {
        let mut c = env.process(BIN);
        c.env("KEYSMITH_API_KEY", &parent)
            .args(["-o", "json", "agent", "rotate-children", "--expiring-within", "3d", "--grace", "1h", "--token-name", "{id}.token", "--token-dir"])
            .arg(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c.spawn().unwrap()
    };
    kill_loop_with(20, &run, &|settled| check_token_dir(&env, &dir, settled), 60);
}

#[test]
fn ctrl_c_stops_a_bulk_rotation_at_a_key_boundary_and_reports_it() {
    let env = Env::new();
    env.init();
    mint_keys(&env, 200, 3 * 86_400);
    let dir = env.path("tokens");
    let child = bulk_rotation(&env, &dir);
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0) < 5 {
        assert!(Instant::now() < deadline, "rotation started");
        std::thread::sleep(Duration::from_millis(2));
    }
    Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "exits 130 (not killed by the signal): {}", stderr_of(&out));
    assert!(stderr_of(&out).contains("Stopped after"), "{}", stderr_of(&out));
    let rotated = check_token_dir(&env, &dir, true);
    assert!((5..200).contains(&rotated), "stopped mid-way ({rotated})");
    // The old -> new mapping so far, on stdout, matches what was rotated.
    let mapping: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(mapping.as_array().unwrap().len(), rotated);
    for m in mapping.as_array().unwrap() {
        assert!(Path::new(m["token_file"].as_str().unwrap()).exists());
        assert!(m["grace_end"].is_string() && m["expires_at"].is_string());
    }
    // Running it again rotates every active key: the 200 - n untouched ones and the n new
    // ones (which kept the 3-day lifetime).
    let out = bulk_rotation(&env, &dir).wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(check_token_dir(&env, &dir, true), rotated + 200);
}

#[test]
fn rotating_into_the_file_that_holds_the_old_token_just_works() {
    let env = Env::new();
    env.init();
    // The holder of the key.
    let (id, token) = env.key(&[]);
    let tf = env.path("ci.token");
    std::fs::write(&tf, format!("{token}\n")).unwrap();
    let t = tf.to_str().unwrap();
    let v: serde_json::Value = serde_json::from_slice(
        &env.cmd().args(["-o", "json", "key", "rotate", "--with-token-file", t, "--token-file", t]).assert().success().get_output().stdout,
    )
    .unwrap();
    assert_eq!(v["old_id"], id.as_str());
    let new: Token = std::fs::read_to_string(&tf).unwrap().parse().unwrap();
    assert_eq!(new.key_id(), v["new_id"].as_str().unwrap());
    env.cmd().args(["agent", "--token-file", t, "connect"]).assert().success();
    // The owner, with the key's id.
    let owner_new = env.json(&["key", "rotate", new.key_id(), "--token-file", t]);
    assert_eq!(owner_new["old_id"], new.key_id());
    let newer: Token = std::fs::read_to_string(&tf).unwrap().parse().unwrap();
    assert_eq!(newer.key_id(), owner_new["new_id"].as_str().unwrap());
    // A file holding some other token is refused before anything changes.
    let (other, _) = env.key(&[]);
    let before = keys_in_db(&env).len();
    env.with_password(&["key", "rotate", &other, "--token-file", t]).assert().code(2).stderr(predicate::str::contains("already exists"));
    assert_eq!(keys_in_db(&env).len(), before);
    assert_eq!(std::fs::read_dir(env.dir.path()).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains("pending")).count(), 0);
}

#[test]
fn a_bad_destination_is_refused_before_the_password_is_even_read() {
    let env = Env::new();
    env.init();
    let logins = || {
        let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
        conn.query_row("SELECT count(*) FROM audit_log WHERE event = 'account.login'", [], |r| r.get::<_, i64>(0)).unwrap()
    };
    let before = logins();
    let missing = env.path("missing-dir").join("x.token");
    let out = env
        .cmd()
        .args(["key", "create", "--label", "ci", "--vault", "default", "--allow", "read", "--token-file"])
        .arg(&missing)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(stderr_of(&out).contains("does not exist"), "{}", stderr_of(&out));
    // No password was given and none was asked for: no login, no key.
    assert_eq!(logins(), before);
    assert_eq!(env.json(&["key", "list"]), serde_json::json!([]));
}

#[test]
fn a_full_disk_stops_a_bulk_rotation_before_any_key_changes() {
    if !nix_is_root() {
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    }
    let env = Env::new();
    env.init();
    mint_keys(&env, 10, 3 * 86_400);
    let dir = env.path("full");
    std::fs::create_dir(&dir).unwrap();
    assert!(Command::new("mount").args(["-t", "tmpfs", "-o", "size=16k"]).arg("tmpfs").arg(&dir).status().unwrap().success());
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _guard = Unmount(&dir);
    let _ = Command::new("dd").args(["if=/dev/zero", "bs=4k", "count=100"]).arg(format!("of={}", dir.join("filler").display())).stderr(Stdio::null()).status();
    let out = bulk_rotation(&env, &dir).wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("is full"), "names the full disk: {}", stderr_of(&out));
    assert!(keys_in_db(&env).values().all(|(_, to)| to.is_none()), "no key was rotated");
    let names: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["filler"], "nothing pending, nothing stray");
}

fn nix_is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0\n")).unwrap_or(false)
}

#[test]
fn a_token_that_cannot_be_printed_leaves_no_working_key() {
    let env = Env::new();
    env.init();
    let devfull = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let args = ["key", "create", "--label", "ci", "--vault", "default", "--allow", "read"];
    let out = spawn_with_password(&env, &args, Stdio::from(devfull)).wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("the key was revoked"), "{}", stderr_of(&out));
    let keys = env.json(&["key", "list"]);
    assert_eq!(keys.as_array().unwrap().len(), 1);
    assert_eq!(keys[0]["status"], "revoked");
}

#[test]
fn bad_values_fail_before_anything_is_spent_and_nothing_panics() {
    let env = Env::new();
    env.init();
    let (id, token) = env.key(&[]);
    let tf = env.path("t");
    std::fs::write(&tf, &token).unwrap();
    let create = ["key", "create", "--label", "x", "--vault", "default", "--allow", "read"];
    let cases: Vec<Vec<&str>> = vec![
        [&create[..], &["--expires-in", "1000000y"]].concat(),
        [&create[..], &["--expires-in", "0s"]].concat(),
        [&create[..], &["--expires-in", "1ns"]].concat(),
        [&create[..], &["--expires-in", "3651d"]].concat(),
        [&create[..], &["--rate", "bad"]].concat(),
        [&create[..], &["--rate", "5/0s"]].concat(),
        [&create[..], &["--bytes-per-day", "0"]].concat(),
        [&create[..], &["--bytes-per-day", "99EiB"]].concat(),
        vec!["key", "create", "--label", "x", "--vault", "default", "--allow", "read,admin"],
        vec!["key", "rotate", &id, "--grace", "1000000y"],
        vec!["key", "rotate", &id, "--grace", "31d"],
        vec!["key", "rotate", &id, "--expires-in", "0s"],
        vec!["key", "rotate", "--expiring-within", "1000000y", "--dry-run"],
        vec!["login", "--ttl", "0s"],
        vec!["login", "--ttl", "1000000y"],
        vec!["audit", "tail", "--since", "soon"],
    ];
    for args in &cases {
        // No password on stdin: a value error must come before any prompt or unlock.
        let out = env.cmd().args(args).assert().get_output().clone();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert!(stderr_of(&out).contains("invalid value"), "{args:?}: {}", stderr_of(&out));
    }
    env.cmd().args(["key", "rotate", "--with-token-file"]).arg(&tf).args(["--grace", "1000000y"]).assert().code(2);
    // Far-future times a damaged or hostile record may hold are shown, not a panic.
    let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
    conn.execute("UPDATE api_keys SET expires_at = ?1, last_used_at = ?1 WHERE id = ?2", rusqlite::params![i64::MAX, id]).unwrap();
    drop(conn);
    env.json(&["key", "list"]);
    env.json(&["key", "show", &id]);
    env.with_password(&["key", "list"]).assert().success().stdout(predicate::str::contains("9999-12-31"));
    env.cmd().args(["agent", "--token-file"]).arg(&tf).arg("connect").assert().success();
    // Every missing flag at once, before the password.
    let out = env.cmd().args(["--no-input", "key", "create"]).assert().code(2).get_output().clone();
    for flag in ["--label", "--vault", "--allow"] {
        assert!(stderr_of(&out).contains(flag), "{}", stderr_of(&out));
    }
    // A password that is not UTF-8 is a usage error.
    env.cmd().args(["--password-stdin", "key", "list"]).write_stdin(b"\xff\xfe\n".to_vec()).assert().code(2).stderr(predicate::str::contains("UTF-8"));
}

#[test]
fn rotation_keeps_the_old_keys_lifetime_and_says_when_the_old_key_stops() {
    let env = Env::new();
    env.init();
    let (id, _) = env.key(&["--expires-in", "5d"]);
    // A monitor: with only a login session (no password), the plan in JSON, and exit 1
    // while a key is due; nothing changes.
    let monitor = ["--output", "json", "key", "rotate", "--expiring-within", "7d", "--dry-run", "--fail-if-any"];
    env.cmd().args(monitor).assert().code(2).stderr(predicate::str::contains("--password-stdin"));
    env.with_password(&["login", "--ttl", "1h"]).assert().success();
    let out = env.cmd().args(monitor).assert().code(1).get_output().clone();
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["would_rotate"][0]["id"], id.as_str());
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 key(s) due for rotation"));
    env.cmd().args(["key", "rotate", "--expiring-within", "1d", "--dry-run", "--fail-if-any"]).assert().success();
    env.cmd().args(["key", "rotate", "--expiring-within", "7d", "--fail-if-any"]).assert().code(2);
    let plan = env.json(&["key", "rotate", "--expiring-within", "7d", "--dry-run"]);
    let now = keysmith::policy::now();
    let parse = |v: &serde_json::Value| humantime::parse_rfc3339(v.as_str().unwrap()).unwrap().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let planned = &plan["would_rotate"][0];
    assert!((parse(&planned["new_expires_at"]) - (now + 5 * 86_400)).abs() < 60, "{planned}");
    assert!((parse(&planned["grace_end"]) - (now + 86_400)).abs() < 60, "{planned}");
    let done = env.json(&["key", "rotate", "--expiring-within", "7d", "--yes"]);
    let r = &done[0];
    assert_eq!(r["old_id"], id.as_str());
    assert!((parse(&r["expires_at"]) - (now + 5 * 86_400)).abs() < 60, "a 5-day key stays a 5-day key: {r}");
    assert!((parse(&r["grace_end"]) - (now + 86_400)).abs() < 60, "{r}");
    // A flag says otherwise.
    let again = env.json(&["key", "rotate", r["new_id"].as_str().unwrap(), "--expires-in", "2d"]);
    assert!((parse(&again["expires_at"]) - (now + 2 * 86_400)).abs() < 60, "{again}");
}

#[test]
fn damage_in_the_store_is_exit_4_and_a_full_disk_says_so_without_sql() {
    let env = Env::new();
    env.init();
    let (id, _) = env.key(&[]);
    let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
    conn.execute("UPDATE api_keys SET created_at = 'yesterday' WHERE id = ?1", [&id]).unwrap();
    drop(conn);
    let out = env.with_password(&["key", "list"]).assert().code(4).get_output().clone();
    assert!(stderr_of(&out).contains("damaged") && !stderr_of(&out).contains("api_keys"), "{}", stderr_of(&out));

    if !nix_is_root() {
        eprintln!("skipped the full-disk half: mounting a small tmpfs needs root");
        return;
    }
    let env = Env::new();
    std::fs::create_dir(env.data_dir()).unwrap();
    assert!(Command::new("mount").args(["-t", "tmpfs", "-o", "size=1m"]).arg("tmpfs").arg(env.data_dir()).status().unwrap().success());
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(env.data_dir());
    env.init();
    let _ = Command::new("dd")
        .args(["if=/dev/zero", "bs=4k", "count=1000"])
        .arg(format!("of={}", env.data_dir().join("filler").display()))
        .stderr(Stdio::null())
        .status();
    let out = env.with_password(&["key", "create", "--label", "ci", "--vault", "default", "--allow", "read"]).assert().code(1).get_output().clone();
    let err = stderr_of(&out);
    assert!(err.contains("is full") && !err.to_lowercase().contains("sqlite") && !err.contains("INSERT"), "{err}");
    assert!(out.stdout.is_empty(), "no token was printed");
}

/// By default a token directory names files by label: a stable file per agent, replaced
/// atomically by each rotation with the newest key's token.
#[test]
fn a_token_dir_keeps_one_file_per_agent_label() {
    let env = Env::new();
    env.init();
    mint_keys(&env, 3, 3 * 86_400);
    let dir = env.path("tokens");
    let rotate = || env.json(&["key", "rotate", "--expiring-within", "7d", "--yes", "--grace", "1h", "--token-dir", dir.to_str().unwrap()]);
    let first = rotate();
    let mut names: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["agent-0.token", "agent-1.token", "agent-2.token"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
    }
    // The next rotation replaces each file with its successor's token, and nothing else is left.
    let second = rotate();
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 3);
    let keys = keys_in_db(&env);
    for r in second.as_array().unwrap() {
        let path = Path::new(r["token_file"].as_str().unwrap());
        let token: Token = std::fs::read_to_string(path).unwrap().parse().unwrap();
        assert_eq!(token.key_id(), r["new_id"].as_str().unwrap());
        assert_eq!(&AgentKeys::derive(token.secret()).public_key()[..], &keys[token.key_id()].0[..]);
        assert!(first.as_array().unwrap().iter().any(|f| f["token_file"] == r["token_file"] && f["new_id"] == r["old_id"]), "same file, next generation");
    }
    // A file that holds another key's token is not replaced without --force; nothing rotates.
    std::fs::write(dir.join("agent-0.token"), "not this key's token").unwrap();
    let before = keys_in_db(&env).len();
    env.with_password(&["key", "rotate", "--expiring-within", "7d", "--yes", "--token-dir", dir.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("agent-0.token already exists"));
    assert_eq!(keys_in_db(&env).len(), before, "nothing was rotated");
}

/// `--exec`: the token reaches the hook on stdin only, with its metadata in the
/// environment; a created key whose hook fails is revoked (no trace); a rotated key's
/// token waits in the spool and the next run with the same hook delivers it first.
#[test]
fn exec_delivers_on_stdin_undoes_a_failed_create_and_retries_a_failed_rotation() {
    let env = Env::new();
    env.init();
    let sink = env.path("sink");
    let hook = sink_hook(&sink);
    let create = |label: &str| {
        let mut c = env.with_password(&["-o", "json", "key", "create", "--label", label, "--vault", "default", "--allow", "read", "--exec", &hook]);
        c.env("KEYSMITH_API_KEY", "ksk_not_for_hooks");
        c.assert()
    };
    let out = create("ci").success().get_output().clone();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is only the JSON, not the hook's output");
    let id = v["id"].as_str().unwrap();
    assert_eq!(v["exec"], serde_json::json!({ "delivered": true }));
    assert!(v.get("token").is_none(), "the token is not printed: {v}");
    assert!(stderr_of(&out).contains("hook-ran"), "the hook's stdout goes to stderr");
    let token = std::fs::read_to_string(sink.join(format!("{id}.token"))).unwrap();
    env.cmd().env("KEYSMITH_API_KEY", token.trim()).args(["agent", "connect"]).assert().success();
    let hook_env = std::fs::read_to_string(sink.with_extension("env").join(id)).unwrap();
    for want in ["KEYSMITH_EVENT=create", &format!("KEYSMITH_KEY_ID={id}"), "KEYSMITH_KEY_LABEL=ci", "KEYSMITH_OLD_KEY_ID=", "KEYSMITH_GRACE_END="] {
        assert!(hook_env.lines().any(|l| l == want), "{want} not in the hook's environment");
    }
    assert!(!hook_env.contains("ksk"), "neither the new token nor KEYSMITH_API_KEY is in the hook's environment");
    assert!(hook_env.contains("KEYSMITH_EXPIRES_AT=20"));
    assert!(!spool_of(&env).read_dir().unwrap().any(|_| true), "a delivered token leaves the spool");

    // A failing hook on create: exit 1, the key revoked, nothing waiting, nothing printed.
    std::fs::write(sink.with_extension("broken"), "").unwrap();
    let out = create("web").code(1).get_output().clone();
    assert!(out.stdout.is_empty());
    let err: serde_json::Value = serde_json::from_slice(out.stderr.rsplit(|b| *b == b'\n').find(|l| !l.is_empty()).unwrap()).unwrap();
    let message = err["error"]["message"].as_str().unwrap();
    assert!(message.contains("exit status 3") && message.contains("revoked"), "{message}");
    let web: Vec<serde_json::Value> = env.json(&["key", "list", "--label", "web"]).as_array().unwrap().clone();
    assert_eq!(web.len(), 1);
    assert_eq!(web[0]["status"], "revoked");
    assert!(!spool_of(&env).read_dir().unwrap().any(|_| true));

    // A failing hook on rotation: reported per key, exit 1; the token waits (0600).
    let rotate = || env.with_password(&["-o", "json", "key", "rotate", id, "--grace", "1h", "--exec", &hook]).assert();
    let out = rotate().code(1).get_output().clone();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let new_id = r["new_id"].as_str().unwrap().to_string();
    assert_eq!(r["exec"]["delivered"], false);
    assert!(r["exec"]["error"].as_str().unwrap().contains("exit status 3"));
    let waiting = spool_of(&env).join(format!("{new_id}.token"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&waiting).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // The same command once the sink works again: the waiting token is delivered first,
    // and the rotated key is not rotated twice.
    std::fs::remove_file(sink.with_extension("broken")).unwrap();
    let out = env.with_password(&["-o", "json", "key", "rotate", id, "--exec", &hook]).assert().success().get_output().clone();
    assert!(stderr_of(&out).contains(&format!("Delivered the token of key {new_id}")), "{}", stderr_of(&out));
    let again: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(again["new_id"], new_id.as_str());
    assert_eq!(again["exec"]["delivered"], true);
    assert!(!waiting.exists());
    let delivered = std::fs::read_to_string(sink.join(format!("{new_id}.token"))).unwrap();
    let hook_env = std::fs::read_to_string(sink.with_extension("env").join(&new_id)).unwrap();
    for want in ["KEYSMITH_EVENT=rotate".to_string(), format!("KEYSMITH_OLD_KEY_ID={id}")] {
        assert!(hook_env.lines().any(|l| l == want), "{want} not in the hook's environment");
    }
    assert!(hook_env.lines().any(|l| l.starts_with("KEYSMITH_GRACE_END=20")));
    env.cmd().env("KEYSMITH_API_KEY", delivered.trim()).args(["agent", "connect"]).assert().success();
    assert_eq!(keys_in_db(&env).len(), 3, "ci, web, and ci's successor: nothing minted twice");
    // --exec and a token file are one destination too many.
    env.cmd().args(["key", "create", "--label", "x", "--exec", "true", "--token-file", "t"]).assert().code(2);
}

/// The README's Kubernetes recipe, as a cron job would run it (no terminal), against a
/// stand-in `kubectl` that records what `apply` received: each agent's Secret holds its
/// newest token, and no process saw the token in its argv.
#[test]
fn the_readme_kubernetes_recipe_delivers_rotated_tokens() {
    let env = Env::new();
    env.init();
    mint_keys(&env, 2, 3 * 86_400);
    let readme = include_str!("../../README.md");
    let prefix = "# A Kubernetes Secret per agent";
    let start = readme.find(prefix).unwrap();
    let start = start + readme[start..].find("--exec '").unwrap() + "--exec '".len();
    let cmd = readme[start..start + readme[start..].find("'\n").unwrap()].replace("\\\n", " ");
    let bin = env.path("bin");
    let applied = env.path("applied");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(&applied).unwrap();
    let kubectl = bin.join("kubectl");
    std::fs::write(
        &kubectl,
        format!(
            "#!/bin/sh\necho \"$*\" >> {0}/argv\ncase \"$1\" in\n  create) printf 'kind: Secret\\nname: %s\\ntoken: ' \"$4\"; cat /dev/stdin; echo ;;\n  apply) cat > {0}/last ;;\nesac\n",
            applied.display()
        ),
    )
    .unwrap();
    Command::new("chmod").arg("755").arg(&kubectl).status().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let out = env
        .with_password(&["-o", "json", "key", "rotate", "--expiring-within", "7d", "--yes", "--exec", &cmd])
        .env("PATH", &path)
        .assert()
        .success()
        .get_output()
        .clone();
    let rotations: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rotations.as_array().unwrap().len(), 2);
    let last = std::fs::read_to_string(applied.join("last")).unwrap();
    let token: Token = last.lines().find_map(|l| l.strip_prefix("token: ")).unwrap().parse().unwrap();
    assert!(rotations.as_array().unwrap().iter().any(|r| r["new_id"] == token.key_id() && r["exec"]["delivered"] == true));
    assert!(last.contains("name: keysmith-agent-"), "{last}");
    let argv = std::fs::read_to_string(applied.join("argv")).unwrap();
    assert!(!argv.contains("ksk"), "no token in any argv: {argv}");
}
