use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

pub const PASSWORD: &str = "plinth-marmot-quasar-74-ochre";
pub const BIN: &str = env!("CARGO_BIN_EXE_keysmith");

/// A fresh, isolated keysmith home.
pub struct Env {
    pub dir: tempfile::TempDir,
    /// `KEYSMITH_SERVER` for every command, if set.
    pub server: Option<String>,
}

impl Env {
    pub fn new() -> Self {
        Env { dir: tempfile::tempdir().unwrap(), server: None }
    }

    /// A home of its own whose commands use the server at `url`.
    pub fn remote(url: &str) -> Self {
        Env { server: Some(url.to_string()), ..Env::new() }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `program` (usually keysmith) as a plain process with the hermetic environment:
    /// for spawning, signals and pseudo-terminals.
    pub fn process(&self, program: &str) -> std::process::Command {
        let mut c = std::process::Command::new(program);
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("xdg"))
            .env("KEYSMITH_DATA_DIR", self.data_dir())
            .env("KEYSMITH_SESSION_STORE", "file");
        if let Some(url) = &self.server {
            c.env("KEYSMITH_SERVER", url);
        }
        c
    }

    /// `keysmith` with a hermetic environment; stdin is empty unless set.
    pub fn cmd(&self) -> Command {
        let mut c = Command::from_std(self.process(BIN));
        c.write_stdin("");
        c
    }

    /// `keysmith agent --token-file FILE ARGS`.
    pub fn agent(&self, token_file: &Path, args: &[&str]) -> Command {
        let mut c = self.cmd();
        c.args(["agent", "--token-file"]).arg(token_file).args(args);
        c
    }

    /// `keysmith --password-stdin ARGS` with the password on stdin.
    pub fn with_password(&self, args: &[&str]) -> Command {
        let mut c = self.cmd();
        c.arg("--password-stdin").args(args).write_stdin(format!("{PASSWORD}\n"));
        c
    }

    /// Runs with the password and `--output json`, asserts success, parses stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut full = vec!["--output", "json"];
        full.extend_from_slice(args);
        let out = self.with_password(&full).assert().success().get_output().stdout.clone();
        serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", String::from_utf8_lossy(&out)))
    }

    /// Runs with the password and `--output json`, asserts success, parses each line of stdout.
    pub fn json_lines(&self, args: &[&str]) -> Vec<Value> {
        let mut full = vec!["--output", "json"];
        full.extend_from_slice(args);
        let out = self.with_password(&full).assert().success().get_output().stdout.clone();
        String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }

    /// `keysmith agent get default NAME --to -` with `token`, asserted to succeed.
    pub fn agent_get(&self, token: &str, name: &str) -> assert_cmd::assert::Assert {
        let mut c = self.cmd();
        c.env("KEYSMITH_API_KEY", token).args(["agent", "get", "default", name, "--to", "-"]);
        c.assert().success()
    }

    /// An initialized account; returns the first vault's id.
    pub fn init(&self) -> String {
        let v = self.json(&["init", "--vault", "default"]);
        v["vault"]["id"].as_str().unwrap().to_string()
    }

    /// Mints a key (vault default; label ci, read+write and 30 days unless `extra` says);
    /// returns (key id, token).
    pub fn key(&self, extra: &[&str]) -> (String, String) {
        let mut args = vec!["key", "create", "--vault", "default"];
        if !extra.contains(&"--label") {
            args.extend_from_slice(&["--label", "ci"]);
        }
        if !extra.contains(&"--allow") {
            args.extend_from_slice(&["--allow", "read,write"]);
        }
        if !extra.contains(&"--expires-in") {
            args.extend_from_slice(&["--expires-in", "30d"]);
        }
        args.extend_from_slice(extra);
        let v = self.json(&args);
        (v["id"].as_str().unwrap().to_string(), v["token"].as_str().unwrap().to_string())
    }

    /// Every byte the embedded backend holds on disk (database, WAL, blobs).
    pub fn stored_bytes(&self) -> Vec<u8> {
        let mut all = Vec::new();
        collect(&self.data_dir(), &mut all);
        all
    }
}

fn collect(dir: &Path, out: &mut Vec<u8>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.extend(std::fs::read(&p).unwrap());
        }
    }
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
