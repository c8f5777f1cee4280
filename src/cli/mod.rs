//! The human CLI: parse (`args`), resolve settings into a [`Ctx`], dispatch (`commands`).

pub mod args;
mod agent_cmd;
mod commands;
pub mod docs;
mod prompt;
mod wizard;

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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { exit::USAGE } else { exit::OK };
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match run(cli, &mut out).and_then(|()| out.flush().map_err(Error::from)) {
        Ok(()) => exit::OK,
        Err(e) if e.kind() == crate::error::Kind::BrokenPipe => exit::OK,
        Err(e) => {
            eprintln!("error: {}", crate::render::sanitize(e.message()));
            if let Some(h) = e.hint_text() {
                eprintln!("hint: {}", crate::render::sanitize(h));
            }
            e.exit_code()
        }
    }
}

/// Resolved settings shared by every command.
pub struct Ctx {
    pub io: Io,
    pub format: Format,
    pub data_dir: PathBuf,
    pub server: Option<String>,
    store: OnceCell<SqliteStore>,
}

impl Ctx {
    fn new(global: &args::Global) -> Result<Self> {
        let data_dir = match &global.data_dir {
            Some(d) => d.clone(),
            None => dirs::data_dir()
                .map(|d| d.join("keysmith"))
                .ok_or_else(|| Error::usage("cannot find a data directory for this user").hint("pass --data-dir or set KEYSMITH_DATA_DIR"))?,
        };
        Ok(Ctx {
            io: Io::new(global.no_input, global.password_stdin, global.quiet),
            format: global.output,
            data_dir,
            server: global.server.clone(),
            store: OnceCell::new(),
        })
    }

    pub fn store(&self) -> Result<&SqliteStore> {
        if let Some(s) = self.store.get() {
            return Ok(s);
        }
        let s = SqliteStore::open_dir(&self.data_dir)?;
        Ok(self.store.get_or_init(|| s))
    }

    pub fn sessions(&self) -> SessionCache {
        SessionCache::for_data_dir(&self.data_dir)
    }

    /// Asks for the password and unlocks the account (with a spinner while deriving).
    pub fn unlock(&self) -> Result<Unlocked> {
        let store = self.store()?;
        let account = owner::account(store)?;
        let password = self.io.password("Password: ")?;
        let spinner = self.io.spinner(&format!("Deriving keys (PBKDF2-HMAC-SHA256, {} iterations)…", account.kdf_iterations));
        let result = owner::unlock(store, password.as_bytes());
        spinner.finish_and_clear();
        result
    }

    /// The account id, authorized by the cached session or else by the password.
    pub fn authorize(&self) -> Result<String> {
        let store = self.store()?;
        let account = owner::account(store)?;
        if let Some(token) = self.sessions().load(&account.id, crate::policy::now()) {
            if owner::session_account(store, &token)?.as_deref() == Some(account.id.as_str()) {
                return Ok(account.id);
            }
        }
        Ok(self.unlock()?.account.id.clone())
    }
}

/// Runs a parsed command line, writing data to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    use args::Command;
    if let Command::Completions { shell } = cli.command {
        return docs::completions(shell, out);
    }
    let ctx = Ctx::new(&cli.global)?;
    if ctx.server.is_some() && !matches!(cli.command, Command::Agent(_) | Command::Serve(_) | Command::Key(args::KeyCommand::Rotate(args::KeyRotateArgs { with_token_file: Some(_), .. }))) {
        return Err(Error::usage("owner commands against a remote backend are not available yet; they run on the embedded backend")
            .hint("drop --server / KEYSMITH_SERVER for owner commands (agent commands and token rotation use it)"));
    }
    match cli.command {
        Command::Init(a) => commands::init(&ctx, &a, out),
        Command::Login(a) => commands::login(&ctx, &a, out),
        Command::Logout => commands::logout(&ctx, out),
        Command::Vault(c) => commands::vault(&ctx, &c, out),
        Command::Key(c) => commands::key(&ctx, &c, out),
        Command::Passwd(a) => commands::passwd(&ctx, &a, out),
        Command::Audit(c) => commands::audit(&ctx, &c, out),
        Command::Agent(c) => agent_cmd::run(&ctx, &c, out),
        Command::Serve(a) => crate::server::serve(&ctx.data_dir, &a.listen, out),
        Command::Completions { .. } => unreachable!("handled above"),
    }
}
