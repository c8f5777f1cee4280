//! keysmith in a real terminal (tmux): dynamic completion in bash, zsh and fish (a key id
//! from a prefix, with the registration README.md shows, using only the cached login
//! session: no password, nothing created), and tables that fit the terminal's width.

use crate::common::*;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// One shell in a detached tmux session on a private socket.
struct Tmux<'a> {
    env: &'a Env,
    socket: String,
}

impl<'a> Tmux<'a> {
    fn start(env: &'a Env, shell: &str, args: &[&str]) -> Self {
        let t = Tmux { env, socket: env.path("tmux.sock").display().to_string() };
        let bin_dir = Path::new(BIN).parent().unwrap().display().to_string();
        let path = format!("{bin_dir}:{}", std::env::var("PATH").unwrap_or_default());
        let line = std::iter::once(shell).chain(args.iter().copied()).collect::<Vec<_>>().join(" ");
        let ok = t.tmux().env("PATH", path).env("TERM", "xterm-256color").args(["new-session", "-d", "-x", "200", "-y", "50", &line]).status().unwrap();
        assert!(ok.success(), "tmux started {shell}");
        t
    }

    fn tmux(&self) -> Command {
        let mut c = self.env.process("tmux");
        c.args(["-S", &self.socket, "-f", "/dev/null"]);
        c
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            assert!(self.tmux().args(["send-keys", "-t", "0", k]).status().unwrap().success());
        }
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux().args(["capture-pane", "-p", "-t", "0"]).output().unwrap().stdout).into_owned()
    }

    /// Waits until the screen shows `want`; returns the screen.
    fn wait_for(&self, want: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if screen.contains(want) {
                return screen;
            }
            assert!(Instant::now() < deadline, "the screen never showed {want:?}:\n{screen}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux<'_> {
    fn drop(&mut self) {
        let _ = self.tmux().arg("kill-server").status();
    }
}

fn installed(shell: &str) -> bool {
    Command::new(shell).arg("-c").arg("exit 0").status().is_ok_and(|s| s.success())
}

/// An account with one key and a cached login; returns the key id.
fn logged_in(env: &Env) -> String {
    env.init();
    let (id, _) = env.key(&[]);
    env.with_password(&["login", "--ttl", "1h"]).assert().success();
    id
}

fn completes_a_key_id(shell: &str, args: &[&str], register: &str) {
    if !installed(shell) || !installed("tmux") {
        eprintln!("skipped: {shell} or tmux is not installed (.ci/run installs them)");
        return;
    }
    let env = Env::new();
    let id = logged_in(&env);
    let t = Tmux::start(&env, shell, args);
    t.keys(&[register, "Enter"]);
    t.keys(&["echo registered", "Enter"]);
    t.wait_for("\nregistered");
    // A unique prefix completes to the whole id.
    t.keys(&[&format!("keysmith key revoke {}", &id[..3]), "Tab"]);
    t.wait_for(&format!("keysmith key revoke {id}"));
    // The audit trail did not change: completion only read, with the session.
    let before = env.json(&["audit", "tail", "-n", "1"]);
    // The prefix goes in the same string as the words: alone, tmux reads e.g. `f9` as the F9 key.
    t.keys(&["C-u", &format!("keysmith audit tail --key {}", &id[..2]), "Tab"]);
    t.wait_for(&format!("--key {id}"));
    assert_eq!(env.json(&["audit", "tail", "-n", "1"])["seq"], before["seq"]);
}

#[test]
fn bash_completes_key_ids() {
    completes_a_key_id("bash", &["--norc", "--noprofile"], "source <(COMPLETE=bash keysmith)");
}

#[test]
fn zsh_completes_key_ids() {
    completes_a_key_id("zsh", &["-f"], "autoload -U compinit && compinit -u && source <(COMPLETE=zsh keysmith)");
}

#[test]
fn fish_completes_key_ids_and_shows_their_labels() {
    completes_a_key_id("fish", &["--no-config"], "COMPLETE=fish keysmith | source");
    if !installed("fish") || !installed("tmux") {
        return;
    }
    let env = Env::new();
    let id = logged_in(&env);
    let listed = |env: &Env| {
        let t = Tmux::start(env, "fish", &["--no-config"]);
        t.keys(&["COMPLETE=fish keysmith | source", "Enter", "keysmith key show ", "Tab"]);
        // The completion ran once the flags are listed too.
        t.wait_for("--data-dir")
    };
    // Listed with its label and status as the description...
    let screen = listed(&env);
    assert!(screen.contains(&id) && screen.contains("ci (active)"), "{screen}");
    // ...and without a login session, no key is offered (and no password asked).
    env.cmd().arg("logout").assert().success();
    let screen = listed(&env);
    assert!(!screen.contains(&id) && !screen.contains("ci (active)"), "{screen}");
}

/// On a narrow terminal a table wraps its long cells to fit; into a pipe every row is one line.
#[test]
fn tables_fit_the_terminal_width() {
    if !installed("tmux") {
        eprintln!("skipped: tmux is not installed (.ci/run installs it)");
        return;
    }
    let env = Env::new();
    logged_in(&env);
    let t = Tmux::start(&env, "sh", &[]);
    t.tmux().args(["resize-window", "-t", "0", "-x", "60", "-y", "50"]).status().unwrap();
    t.keys(&["keysmith audit tail --all -n 5; echo done-listing", "Enter"]);
    let screen = t.wait_for("\ndone-listing");
    let table: Vec<&str> = screen.lines().skip_while(|l| !l.starts_with("SEQ")).take_while(|l| !l.starts_with("done-listing")).collect();
    assert!(table.len() > 6, "some cells wrapped onto more lines:\n{screen}");
    assert!(table.iter().all(|l| l.chars().count() <= 60), "{screen}");
    let piped = env.with_password(&["audit", "tail", "--all", "-n", "5"]).assert().success().get_output().stdout.clone();
    let piped = String::from_utf8(piped).unwrap();
    assert_eq!(piped.lines().count(), 6, "a header and 5 rows, one line each:\n{piped}");
    assert!(piped.lines().any(|l| l.chars().count() > 60));
}
