//! Interactive prompts driven through a real pseudo-terminal.

use crate::common::*;
use expectrl::process::unix::WaitStatus;
use expectrl::{Eof, Expect, Session};
use std::time::Duration;

type Pty = expectrl::session::OsSession;

fn spawn(env: &Env, args: &[&str]) -> Pty {
    let mut cmd = env.process(BIN);
    cmd.env("TERM", "xterm").args(args);
    in_pty(cmd)
}

fn in_pty(cmd: std::process::Command) -> Pty {
    let mut p = Session::spawn(cmd).expect("spawn in a pty");
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    p
}

fn exit_code(p: &mut Pty) -> i32 {
    p.expect(Eof).ok();
    match p.get_process_mut().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("keysmith did not exit normally: {other:?}"),
    }
}

#[test]
fn init_asks_twice_refuses_weak_and_mismatched_passwords() {
    let env = Env::new();
    let mut p = spawn(&env, &["init", "--vault", "main"]);
    p.expect("New password:").unwrap();
    p.send_line("password1").unwrap();
    p.expect("too weak").unwrap();
    p.expect("New password:").unwrap();
    p.send_line(PASSWORD).unwrap();
    p.expect("Repeat the new password:").unwrap();
    p.send_line("plinth-marmot-quasar-74-ochrf").unwrap();
    p.expect("do not match").unwrap();
    p.expect("New password:").unwrap();
    p.send_line(PASSWORD).unwrap();
    p.expect("Repeat the new password:").unwrap();
    p.send_line(PASSWORD).unwrap();
    p.expect("Created account").unwrap();
    assert_eq!(exit_code(&mut p), 0);
    // The password typed at the terminal is the one that unlocks.
    env.json(&["vault", "list"]);
}

#[test]
fn key_create_wizard_asks_every_question() {
    let env = Env::new();
    env.init();
    env.json(&["vault", "create", "second"]);
    let mut p = spawn(&env, &["key", "create"]);
    p.expect("Password:").unwrap();
    p.send_line(PASSWORD).unwrap();
    p.expect("Label").unwrap();
    p.send_line("wizard-bot").unwrap();
    p.expect("Vaults this key may use").unwrap();
    p.send(" ").unwrap(); // select the first vault
    p.send("\r").unwrap();
    p.expect("Actions this key may perform").unwrap();
    p.send("\u{1b}[B").unwrap(); // down to `write`
    p.send(" ").unwrap();
    p.send("\r").unwrap();
    p.expect("Rate limit").unwrap();
    p.send_line("30/1m").unwrap();
    p.expect("Bytes per day").unwrap();
    p.send_line("1GiB").unwrap();
    p.expect("Expires in").unwrap();
    p.send_line("7d").unwrap();
    // The summary in the person's terms, then Enter accepts what was just reviewed.
    p.expect("vaults         default (").unwrap();
    p.expect("bytes per day  1 GiB").unwrap();
    p.expect("Create this key?").unwrap();
    p.send("\r").unwrap();
    p.expect("ksk1_").unwrap();
    assert_eq!(exit_code(&mut p), 0);

    let keys = env.json(&["key", "list"]);
    let k = &keys[0];
    assert_eq!(k["label"], "wizard-bot");
    assert_eq!(k["permissions"], serde_json::json!(["read", "write", "listVaults"]));
    assert_eq!(k["rate_limit"], "30/1m");
    assert_eq!(k["vaults"].as_array().unwrap().len(), 1);
    assert_eq!(k["bytes_per_day"], 1u64 << 30);
}

/// Enter at each optional question gives what leaving the flag out gives: no rate limit,
/// no byte limit, 90 days.
#[test]
fn key_create_wizard_defaults_are_the_flags_defaults() {
    let env = Env::new();
    env.init();
    let mut p = spawn(&env, &["key", "create"]);
    p.expect("Password:").unwrap();
    p.send_line(PASSWORD).unwrap();
    p.expect("Label").unwrap();
    p.send_line("defaults-bot").unwrap();
    p.expect("Vaults this key may use").unwrap();
    p.send(" ").unwrap();
    p.send("\r").unwrap();
    p.expect("Actions this key may perform").unwrap();
    p.send("\r").unwrap();
    for question in ["Rate limit", "Bytes per day", "Expires in"] {
        p.expect(question).unwrap();
        p.send("\r").unwrap();
    }
    p.expect("Create this key?").unwrap();
    p.send("\r").unwrap();
    p.expect("ksk1_").unwrap();
    assert_eq!(exit_code(&mut p), 0);
    let wizard = &env.json(&["key", "list"])[0];
    let (_, _) = env.key(&["--allow", "read,listVaults", "--expires-in", "90d"]);
    let flags = env.json(&["key", "list", "--label", "ci"])[0].clone();
    for field in ["rate_limit", "bytes_per_day", "permissions"] {
        assert_eq!(wizard[field], flags[field], "{field}");
    }
    let day = |v: &serde_json::Value| v.as_str().unwrap()[..10].to_string();
    assert_eq!(day(&wizard["expires_at"]), day(&flags["expires_at"]));
    let plain = env.json(&["key", "create", "--label", "plain", "--vault", "default", "--allow", "read"]);
    assert_eq!(day(&plain["expires_at"]), day(&wizard["expires_at"]), "the flags' default expiry is the wizard's");
}

#[test]
fn revoke_asks_for_confirmation_and_no_means_no() {
    let env = Env::new();
    env.init();
    let (id, _) = env.key(&[]);
    let mut p = spawn(&env, &["key", "revoke", &id]);
    p.expect("Password:").unwrap();
    p.send_line(PASSWORD).unwrap();
    p.expect("Revoke key").unwrap();
    p.send("n").unwrap();
    p.expect("cancelled").unwrap();
    assert_eq!(exit_code(&mut p), 1);
    assert_eq!(env.json(&["key", "show", &id])["status"], "active");

    let mut p = spawn(&env, &["key", "revoke", &id]);
    p.expect("Password:").unwrap();
    p.send_line(PASSWORD).unwrap();
    p.expect("Revoke key").unwrap();
    p.send("y").unwrap();
    p.expect("Revoked key").unwrap();
    assert_eq!(exit_code(&mut p), 0);
    assert_eq!(env.json(&["key", "show", &id])["status"], "revoked");
}

#[test]
fn wrong_password_at_the_terminal_exits_3() {
    let env = Env::new();
    env.init();
    let mut p = spawn(&env, &["key", "list"]);
    p.expect("Password:").unwrap();
    p.send_line("definitely-not-it").unwrap();
    p.expect("wrong password").unwrap();
    assert_eq!(exit_code(&mut p), 3);
}

#[test]
fn ctrl_c_at_the_password_prompt_exits_130_with_echo_back_on() {
    let env = Env::new();
    env.init();
    // As a shell script would run it: the shell goes on after keysmith and checks the terminal.
    let script = format!("stty echo; trap 'true' INT; '{BIN}' key list; echo \"exit=$?\"; stty -a");
    let mut cmd = env.process("sh");
    cmd.env("TERM", "xterm").args(["-c", &script]);
    let mut p = in_pty(cmd);
    p.expect("Password:").unwrap();
    p.send("\u{3}").unwrap();
    p.expect("exit=130").unwrap();
    let rest = String::from_utf8_lossy(p.expect(Eof).unwrap().as_bytes()).into_owned();
    assert!(rest.contains(" echo ") && !rest.contains("-echo "), "echo is back on: {rest}");
    assert!(rest.contains(" icanon"), "{rest}");
}

#[test]
fn ctrl_c_in_a_selection_prompt_exits_130_and_shows_the_cursor() {
    let env = Env::new();
    env.init();
    let mut p = spawn(&env, &["key", "create"]);
    p.expect("Password:").unwrap();
    p.send_line(PASSWORD).unwrap();
    p.expect("Label").unwrap();
    p.send_line("bot").unwrap();
    p.expect("Vaults this key may use").unwrap();
    p.send("\u{3}").unwrap();
    let rest = p.expect(Eof).unwrap().as_bytes().to_vec();
    let text = String::from_utf8_lossy(&rest);
    let (shown, hidden) = (text.rfind("\u{1b}[?25h"), text.rfind("\u{1b}[?25l"));
    assert!(shown.is_some() && shown > hidden, "the cursor is shown again: {text:?}");
    match p.get_process_mut().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("keysmith did not exit by itself: {other:?}"),
    }
    assert_eq!(env.json(&["key", "list"]), serde_json::json!([]));
}

#[test]
fn esc_at_the_confirmation_cancels_and_creates_nothing() {
    let env = Env::new();
    env.init();
    let mut p = spawn(&env, &["key", "create", "--vault", "default", "--allow", "read", "--rate", "none", "--bytes-per-day", "none", "--expires-in", "1d"]);
    p.expect("Password:").unwrap();
    p.send_line(PASSWORD).unwrap();
    p.expect("Label").unwrap();
    p.send_line("bot").unwrap();
    p.expect("Create this key?").unwrap();
    p.send("\u{1b}").unwrap();
    p.expect("cancelled").unwrap();
    assert_eq!(exit_code(&mut p), 130);
    assert_eq!(env.json(&["key", "list"]), serde_json::json!([]));
}

#[test]
fn bulk_rotation_shows_each_new_expiry_and_grace_end_before_asking() {
    let env = Env::new();
    env.init();
    let (id, _) = env.key(&["--expires-in", "5d"]);
    let mut p = spawn(&env, &["key", "rotate", "--expiring-within", "7d"]);
    p.expect("Password:").unwrap();
    p.send_line(PASSWORD).unwrap();
    p.expect("NEW KEY EXPIRES").unwrap();
    p.expect(id.as_str()).unwrap();
    p.expect("Rotate 1 key(s)?").unwrap();
    p.send("n").unwrap();
    p.expect("cancelled").unwrap();
    assert_eq!(exit_code(&mut p), 1, "declined (Esc or Ctrl-C would be 130)");
    assert_eq!(env.json(&["key", "show", &id])["status"], "active");
}
