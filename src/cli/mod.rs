//! The human CLI: parse (`args`), resolve settings into a [`Ctx`], dispatch (`commands`).

mod agent_cmd;
pub mod args;
mod commands;
mod complete;
mod delegate;
mod deliver;
pub mod docs;
mod hook;
mod interrupt;
mod mint;
mod prompt;
mod usage;
mod wizard;

use crate::backend::{self, Backend, Session, embedded::Embedded};
use crate::error::{Error, Result, exit};
use crate::owner::{self, Unlocked};
use crate::render::Format;
use crate::session::SessionCache;
use crate::store::sqlite::SqliteStore;
use args::Cli;
use clap::Parser;
use prompt::Io;
use std::cell::OnceCell;
use std::io::Write;
use std::path::PathBuf;

/// Parses the process arguments, runs, prints any error, and returns the exit code.
pub fn main() -> u8 {
    complete::complete_if_asked();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() && json_requested() => {
            // clap's first paragraph on one line, without its "error: " (usage and a tip follow).
            let text = e.render().to_string();
            let first: Vec<&str> = text.lines().take_while(|l| !l.trim().is_empty()).map(str::trim).collect();
            let line = first.join(" ");
            report(&Error::usage(line.strip_prefix("error: ").unwrap_or(&line)).hint("see `keysmith --help`"), true);
            return exit::USAGE;
        }
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { exit::USAGE } else { exit::OK };
        }
    };
    let json = cli.global.output == Format::Json;
    // Not locked for the whole run: `keysmith mcp` writes protocol messages from
    // another thread.
    let mut out = std::io::stdout();
    match run(cli, &mut out).and_then(|()| out.flush().map_err(Error::from)) {
        Ok(()) => exit::OK,
        Err(e) if e.kind() == crate::error::Kind::BrokenPipe => exit::OK,
        Err(e) => {
            report(&e, json);
            e.exit_code()
        }
    }
}

/// An error on stderr: `error: …` and `hint: …` lines, or under `--output json` one line
/// `{"error":{"code","message","hint"}}` (stdout keeps only data).
fn report(e: &Error, json: bool) {
    if json {
        eprintln!("{}", serde_json::json!({ "error": e.to_json() }));
        return;
    }
    eprintln!("error: {}", crate::render::sanitize(e.message()));
    if let Some(h) = e.hint_text() {
        eprintln!("hint: {}", crate::render::sanitize(h));
    }
}

/// Whether the arguments (or KEYSMITH_OUTPUT) ask for JSON, for errors found before the
/// arguments could be parsed.
fn json_requested() -> bool {
    let args: Vec<String> = std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    let mut found = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = match a.as_str() {
            "--" => break,
            "-o" | "--output" => it.next().map(String::as_str),
            other => other.strip_prefix("--output=").or_else(|| other.strip_prefix("-o").filter(|v| !v.is_empty())),
        };
        if let Some(v) = value {
            found = Some(v == "json");
        }
    }
    found.unwrap_or_else(|| std::env::var("KEYSMITH_OUTPUT").is_ok_and(|v| v == "json"))
}

/// The config file: `$KEYSMITH_CONFIG`, else `$XDG_CONFIG_HOME/keysmith/config.json`.
/// `{"profiles": {"work": {"server": "https://keys.example.com"}}}`
fn config_path() -> Option<PathBuf> {
    std::env::var_os("KEYSMITH_CONFIG").map(PathBuf::from).or_else(|| dirs::config_dir().map(|d| d.join("keysmith").join("config.json")))
}

#[derive(serde::Deserialize)]
struct Config {
    #[serde(default)]
    profiles: std::collections::BTreeMap<String, Profile>,
}

#[derive(serde::Deserialize)]
struct Profile {
    server: String,
    /// The owner's account there, where the server holds many.
    #[serde(default)]
    account: Option<String>,
}

/// The server URL and account of a named profile.
fn profile(name: &str) -> Result<Profile> {
    let path = config_path().ok_or_else(|| Error::usage("cannot find a config directory for this user").hint("set KEYSMITH_CONFIG to the config file"))?;
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Error::usage(format!("cannot read the config file {}: {e}", path.display())).hint("create it with {\"profiles\": {\"NAME\": {\"server\": \"URL\"}}}")
    })?;
    let config: Config = serde_json::from_str(&text).map_err(|e| Error::usage(format!("the config file {} is not valid: {e}", path.display())))?;
    let names: Vec<String> = config.profiles.keys().cloned().collect();
    config.profiles.into_iter().find(|(n, _)| n == name).map(|(_, p)| p).ok_or_else(|| {
        Error::usage(format!("no profile `{}` in {}", crate::render::sanitize(name), path.display()))
            .hint(format!("known profiles: {}", if names.is_empty() { "none".into() } else { names.join(", ") }))
    })
}

/// The accounts `init` created on servers, by server URL: `<data dir>/servers.json`.
/// Nothing secret: an account id is public (the server hands out its KDF parameters).
struct KnownAccounts(PathBuf);

impl KnownAccounts {
    fn of(data_dir: &std::path::Path) -> Self {
        KnownAccounts(data_dir.join("servers.json"))
    }

    fn read(&self) -> std::collections::BTreeMap<String, String> {
        std::fs::read(&self.0).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }

    fn get(&self, server: &str) -> Option<String> {
        self.read().remove(server.trim_end_matches('/'))
    }

    /// Remembers `account` for `server` (best effort: the account exists either way, and
    /// `init` prints its id).
    fn remember(&self, server: &str, account: &str) -> Result<()> {
        let mut known = self.read();
        known.insert(server.trim_end_matches('/').to_string(), account.to_string());
        if let Some(dir) = self.0.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = self.0.with_extension("json.tmp");
        std::fs::write(&tmp, serde_json::to_vec_pretty(&known).unwrap_or_default())?;
        std::fs::rename(&tmp, &self.0)?;
        Ok(())
    }
}

/// Resolved settings shared by every command.
pub struct Ctx {
    pub io: Io,
    pub format: Format,
    pub data_dir: PathBuf,
    pub server: Option<String>,
    /// The owner's account on `server` (`--account`, the profile's, or the remembered one).
    pub account: Option<String>,
    store: OnceCell<SqliteStore>,
    /// Whether this command may create the data directory's database (`init`, `serve`);
    /// every other command needs one to exist, so a mistyped --data-dir creates nothing.
    creates: bool,
}

impl Ctx {
    fn new(global: &args::Global) -> Result<Self> {
        let data_dir = match &global.data_dir {
            Some(d) => d.clone(),
            None => dirs::data_dir()
                .map(|d| d.join("keysmith"))
                .ok_or_else(|| Error::usage("cannot find a data directory for this user").hint("pass --data-dir or set KEYSMITH_DATA_DIR"))?,
        };
        let (server, profile_account) = match (&global.server, &global.profile) {
            (Some(url), _) => (Some(url.clone()), None),
            (None, Some(name)) => {
                let p = profile(name)?;
                (Some(p.server), p.account)
            }
            (None, None) => (None, None),
        };
        let account = global.account.clone().or(profile_account).or_else(|| server.as_deref().and_then(|s| KnownAccounts::of(&data_dir).get(s)));
        Ok(Ctx {
            io: Io::new(global.no_input, global.password_stdin, global.quiet),
            // --field selects from the JSON output.
            format: if global.field.is_empty() { global.output } else { Format::Json },
            data_dir,
            server,
            account,
            store: OnceCell::new(),
            creates: false,
        })
    }

    /// Notes the account `init` created on the server, for the commands that follow.
    pub fn remember_account(&self, account: &str) {
        if let Some(server) = &self.server
            && self.account.is_none()
            && KnownAccounts::of(&self.data_dir).remember(server, account).is_err()
        {
            self.io.note(&format!("could not note the account in {}; pass --account {account} from now on", self.data_dir.display()));
        }
    }

    pub fn store(&self) -> Result<&SqliteStore> {
        if let Some(s) = self.store.get() {
            return Ok(s);
        }
        self.existing_data()?;
        let s = SqliteStore::open_dir(&self.data_dir)?;
        Ok(self.store.get_or_init(|| s))
    }

    /// Fails, creating nothing, when the data directory holds no database and this
    /// command may not create one.
    pub fn existing_data(&self) -> Result<()> {
        if self.creates || SqliteStore::exists_in(&self.data_dir) {
            return Ok(());
        }
        Err(Error::usage(format!("no keysmith data in {}", self.data_dir.display()))
            .hint("run `keysmith init` first, check --data-dir / KEYSMITH_DATA_DIR, or pass --server"))
    }

    /// The backend: `--server`, else the embedded store in the data directory.
    pub fn backend(&self) -> Result<Box<dyn Backend + '_>> {
        match &self.server {
            Some(url) => Ok(Box::new(backend::remote::Remote::new(url, self.account.as_deref())?)),
            None => Ok(Box::new(Embedded::new(self.store()?))),
        }
    }

    /// The backend this command talks to: the server's URL, or the data directory.
    pub fn identity(&self) -> String {
        match &self.server {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => std::fs::canonicalize(&self.data_dir).unwrap_or_else(|_| self.data_dir.clone()).display().to_string(),
        }
    }

    pub fn sessions(&self) -> SessionCache {
        SessionCache::new(&self.data_dir, &self.identity())
    }

    /// Asks for the password and unlocks the account (with a spinner while deriving).
    pub fn unlock_for(&self, backend: &dyn Backend, ttl_secs: i64) -> Result<Unlocked> {
        // Fails on a missing account before asking for a password.
        let params = backend.kdf_params(None)?;
        let password = self.io.password("Password: ")?;
        let spinner = self.io.spinner(&format!("Deriving keys ({})…", params.kdf));
        let result = owner::unlock_with(backend, &params, password.as_bytes(), ttl_secs);
        spinner.finish_and_clear();
        result
    }

    pub fn unlock(&self, backend: &dyn Backend) -> Result<Unlocked> {
        self.unlock_for(backend, backend::COMMAND_SESSION_SECS)
    }

    /// An owner session: the cached one while valid, else one opened with the password.
    pub fn session(&self, backend: &dyn Backend) -> Result<Session> {
        if let Some(s) = self.sessions().load(crate::policy::now())
            && backend.session_valid(&s)?
        {
            return Ok(s);
        }
        Ok(self.unlock(backend)?.session.clone())
    }
}

/// Runs a parsed command line, writing data to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    use args::Command;
    if let Command::Completions { shell } = cli.command {
        return docs::completions(shell, out);
    }
    let ctx = Ctx { creates: matches!(cli.command, Command::Init(_) | Command::Serve(_)), ..Ctx::new(&cli.global)? };
    crate::render::select_fields(cli.global.field.clone());
    // `serve` and `mcp` shut down on signals their own way; every other command exits
    // 130 on Ctrl-C with the terminal restored, or stops at a safe point mid-mutation.
    if !matches!(cli.command, Command::Serve(_) | Command::Mcp(_)) {
        interrupt::install();
    }
    match cli.command {
        Command::Init(a) => commands::init(&ctx, &a, out),
        Command::Login(a) => commands::login(&ctx, &a, out),
        Command::Logout => commands::logout(&ctx, out),
        Command::Vault(c) => commands::vault(&ctx, &c, out),
        Command::Key(c) => commands::key(&ctx, &c, out),
        Command::Passwd(a) => commands::passwd(&ctx, &a, out),
        Command::Audit(c) => commands::audit(&ctx, &c, out),
        Command::Agent(a) => agent_cmd::run(&ctx, &a, out),
        Command::File(op) => agent_cmd::run_owner(&ctx, &op, out),
        Command::Mcp(t) => {
            let token = agent_cmd::read_token(t.token_file.as_deref())?;
            agent_cmd::with_server(&ctx, async |url| crate::mcp::KeysmithMcp::new(crate::agent::AgentClient::new(url, token)?).await?.serve_stdio().await)
        }
        Command::Serve(a) => commands::serve(&ctx, &a, out),
        Command::Completions { .. } => unreachable!("handled above"),
    }
}
