//! The command-line surface (clap derive). No logic here: parse, then `commands` acts.

use crate::backend::embedded::RegistrationPolicy;
use crate::policy::{self, Permission, RateLimit};
use crate::render::Format;
use clap::{Args, Parser, Subcommand};
use clap_complete::Shell;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  keysmith init                                  create an account and a first vault
  keysmith key create                            mint an agent key with a wizard
  keysmith key create --label ci --vault default --allow read,write \\
      --rate 60/1m --expires-in 30d --token-file ci.token
  keysmith key rotate --expiring-within 7d --yes --token-dir ./tokens
  keysmith audit tail --key 3f9a0c12d4e5b6a7 -f
  printf '%s\\n' \"$PASSWORD\" | keysmith --password-stdin key list --output json";

// Value parsers: every flag value is checked (with its bounds) before any prompt, unlock
// or request, and a bad one is a usage error (exit 2) naming the flag.

fn message(e: crate::error::Error) -> String {
    match e.hint_text() {
        Some(h) => format!("{}; {h}", e.message()),
        None => e.message().to_string(),
    }
}

fn expiry(s: &str) -> Result<i64, String> {
    policy::parse_secs(s, policy::MIN_EXPIRY_SECS, policy::MAX_LIFETIME_SECS).map_err(message)
}

fn grace(s: &str) -> Result<i64, String> {
    policy::parse_secs(s, 0, policy::MAX_GRACE_SECS).map_err(message)
}

fn session_ttl(s: &str) -> Result<i64, String> {
    policy::parse_secs(s, 60, policy::MAX_SESSION_SECS).map_err(message)
}

fn invite_ttl(s: &str) -> Result<i64, String> {
    policy::parse_secs(s, 60, policy::MAX_INVITE_SECS).map_err(message)
}

fn exec_timeout(s: &str) -> Result<i64, String> {
    policy::parse_secs(s, 1, 24 * 3600).map_err(message)
}

fn event_filter() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(crate::audit::EVENT_FILTERS)
}

fn window(s: &str) -> Result<i64, String> {
    policy::parse_secs(s, 1, policy::MAX_LIFETIME_SECS).map_err(message)
}

fn usage_period(s: &str) -> Result<i64, String> {
    policy::parse_secs(s, crate::store::DAY_SECS, crate::store::MAX_USAGE_DAYS * crate::store::DAY_SECS).map_err(message)
}

/// `--kdf-memory`: a size in KiB (whole KiB, at most 4 TiB).
fn kdf_memory(s: &str) -> Result<u32, String> {
    let n = policy::parse_bytes(s).map_err(message)?;
    u32::try_from(n / 1024).map_err(|_| format!("{s} is too much memory"))
}

fn since(s: &str) -> Result<i64, String> {
    policy::parse_since(s, policy::now()).map_err(message)
}

/// `--allow`: a comma-separated list of actions (or `all`), spelled as in the docs or
/// loosely (`list-vaults`), whose values help, man pages and completions list.
#[derive(Clone)]
struct ActionsParser;

impl clap::builder::TypedValueParser for ActionsParser {
    type Value = Actions;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&clap::Arg>, value: &std::ffi::OsStr) -> Result<Actions, clap::Error> {
        let text = value.to_str().ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8).with_cmd(cmd))?;
        policy::parse_permissions(text).map(Actions).map_err(|e| {
            let flag = arg.map(|a| a.to_string()).unwrap_or_else(|| "--allow".into());
            clap::Error::raw(clap::error::ErrorKind::InvalidValue, format!("invalid value '{}' for '{flag}': {}\n", crate::render::sanitize(text), message(e)))
                .with_cmd(cmd)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(Permission::ALL.iter().map(|p| clap::builder::PossibleValue::new(p.name())).chain([clap::builder::PossibleValue::new("all")])))
    }
}

fn rate(s: &str) -> Result<Limit<RateLimit>, String> {
    super::wizard::parse_rate(s).map(Limit).map_err(message)
}

fn bytes(s: &str) -> Result<Limit<u64>, String> {
    super::wizard::parse_bytes(s).map(Limit).map_err(message)
}

/// Permissions from `--allow`.
#[derive(Debug, Clone)]
pub struct Actions(pub Vec<Permission>);

/// A limit from the command line: a value, or `none` (no limit).
#[derive(Debug, Clone, Copy)]
pub struct Limit<T>(pub Option<T>);

#[derive(Debug, Parser)]
#[command(
    name = "keysmith",
    version,
    about = "Scoped, revocable, rotatable API keys for AI agents over a zero-knowledge encrypted vault",
    long_about = "keysmith lets you give AI agents scoped, revocable, rotatable access to a zero-knowledge \
encrypted vault without ever handing an agent (or a server) your password. Keys are derived and \
unwrapped on this machine; the backend stores only ciphertext, hashes and public keys.",
    after_help = EXAMPLES,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Directory of the embedded backend (database and blobs) [default: $XDG_DATA_HOME/keysmith]
    #[arg(long, global = true, env = "KEYSMITH_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Print only these fields of the JSON output, tab-separated, one line per item (e.g. `--field token`,
    /// `--field id,label,status`, nested `--field key.id`); implies --output json
    #[arg(long, global = true, value_name = "FIELDS", value_delimiter = ',')]
    pub field: Vec<String>,

    /// Output format for data on stdout
    #[arg(short, long, global = true, value_enum, env = "KEYSMITH_OUTPUT", default_value_t = Format::Table)]
    pub output: Format,

    /// Never prompt; a missing answer is an error naming the flag to pass. KEYSMITH_NO_INPUT takes 1/0, true/false, yes/no, on/off
    #[arg(long, global = true, env = "KEYSMITH_NO_INPUT", value_parser = clap::builder::BoolishValueParser::new())]
    pub no_input: bool,

    /// Read the password from the first line of stdin (`passwd`: current, then new)
    #[arg(long, global = true)]
    pub password_stdin: bool,

    /// Print no notes or progress on stderr (errors are still printed)
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// URL of a keysmith backend (`keysmith serve` or compatible) [default: the embedded backend]
    #[arg(long, global = true, env = "KEYSMITH_SERVER", value_name = "URL")]
    pub server: Option<String>,

    /// A named profile from the config file ($XDG_CONFIG_HOME/keysmith/config.json) that sets the server
    #[arg(long, global = true, env = "KEYSMITH_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,

    /// Your account id on a server that holds many [default: the one `init` remembered for the server]
    #[arg(long, global = true, env = "KEYSMITH_ACCOUNT", value_name = "ID")]
    pub account: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the account and its first vault (asks for a new password twice)
    Init(InitArgs),
    /// Cache an owner session in the OS keyring, so read-only commands need no password
    Login(LoginArgs),
    /// End the cached owner session
    Logout,
    /// Create and list vaults
    #[command(subcommand)]
    Vault(VaultCommand),
    /// Mint, list, show, rotate and revoke scoped agent keys
    #[command(subcommand)]
    Key(KeyCommand),
    /// Change the account password (re-wraps the master key; nothing else changes)
    Passwd(PasswdArgs),
    /// Read and verify the hash-chained audit trail
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Act as an agent with an API key token (from KEYSMITH_API_KEY or --token-file)
    Agent(AgentArgs),
    /// Serve an AI agent over MCP (stdio) with an API key (from KEYSMITH_API_KEY or --token-file)
    Mcp(TokenArgs),
    /// The owner's files: put, get, ls, rm (encrypted and decrypted here)
    #[command(subcommand)]
    File(FileOp),
    /// Run the reference HTTP backend over the data directory
    Serve(ServeArgs),
    /// Print a shell completion script
    Completions {
        /// The shell to generate completions for
        shell: Shell,
    },
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Name of the first vault
    #[arg(long, value_name = "NAME", default_value = "default")]
    pub vault: String,
    #[command(flatten)]
    pub kdf: KdfArgs,
    /// Read the invite code from this file, for a server that registers by invite [default: $KEYSMITH_INVITE]
    #[arg(long, value_name = "PATH")]
    pub invite_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// How long the session lasts (1m to 30d)
    #[arg(long, value_name = "DURATION", default_value = "12h", value_parser = session_ttl)]
    pub ttl: i64,
}

#[derive(Debug, Subcommand)]
pub enum VaultCommand {
    /// Create a vault (its name is encrypted; the backend sees only its id)
    Create {
        /// The vault's name
        name: String,
    },
    /// List vaults with their decrypted names
    List,
    /// Delete a vault with all its files; keys lose access to it (asks; --yes in scripts)
    Rm {
        /// Vault name or id (a damaged vault by its id)
        #[arg(add = super::complete::vaults())]
        vault: String,
        /// Do not ask for confirmation
        #[arg(short, long)]
        yes: bool,
    },
    /// Decrypt every vault and file name and key here, and list whatever is damaged (exit 4 if any)
    Check,
    /// Give vaults a new key version: files written from now on are unreadable to any key that held only older ones; current keys and the owner read every version
    Rekey {
        /// Vault names or ids
        #[arg(required = true, value_name = "VAULT", add = super::complete::vaults())]
        vaults: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct ScopeArgs {
    /// Vault name or id the key may use (repeatable)
    #[arg(long = "vault", value_name = "VAULT", add = super::complete::vaults())]
    pub vaults: Vec<String>,
    /// Comma-separated actions the key may take, or all
    #[arg(long, value_name = "ACTIONS", value_parser = ActionsParser)]
    pub allow: Option<Actions>,
    /// Request rate limit, REQUESTS/WINDOW (e.g. 60/1m; window up to 30d), or `none`
    #[arg(long, value_name = "RATE", value_parser = rate)]
    pub rate: Option<Limit<RateLimit>>,
    /// Bytes the key may transfer per day (e.g. 1GiB), or `none`
    #[arg(long, value_name = "SIZE", value_parser = bytes)]
    pub bytes_per_day: Option<Limit<u64>>,
    /// Write-only (append-only): uploads are sealed to the vault's public key, and the key can never read, list or delete a file, not even its own [default --allow: write]
    #[arg(long)]
    pub write_only: bool,
    /// Expiry, as a duration from now, 1m to 3650d [default: 90d; on rotation: the old key's lifetime]
    #[arg(long, value_name = "DURATION", conflicts_with = "no_expiry", value_parser = expiry)]
    pub expires_in: Option<i64>,
    /// Create a key that never expires (not recommended)
    #[arg(long)]
    pub no_expiry: bool,
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Mint a scoped key; the token is shown once and stored nowhere
    Create(KeyCreateArgs),
    /// List keys with their status, expiry and last use
    List(KeyListArgs),
    /// Show one key in full
    Show {
        /// Key id
        #[arg(add = super::complete::keys())]
        key: String,
    },
    /// Revoke keys; each fails from its very next request
    Revoke {
        /// Key ids, or unique prefixes of them (4 characters or more)
        #[arg(required = true, value_name = "KEY", add = super::complete::keys())]
        keys: Vec<String>,
        /// Do not ask for confirmation
        #[arg(short, long)]
        yes: bool,
        /// Also give the keys' vaults a new key version, so that nothing written from now on is readable with what they held (needs the password); keys they delegated are revoked with them
        #[arg(long)]
        rekey: bool,
    },
    /// Rotate a key (or every key expiring soon) into a new one with a grace window
    Rotate(KeyRotateArgs),
    /// Requests, bytes and storage per key, last use and idle keys (one key: day by day)
    Usage(KeyUsageArgs),
}

#[derive(Debug, Args)]
pub struct KeyUsageArgs {
    /// One key (id or unique prefix): its activity day by day
    #[arg(value_name = "KEY", add = super::complete::keys())]
    pub key: Option<String>,
    /// The period counted, ending now (1d to 400d)
    #[arg(long, value_name = "DURATION", default_value = "30d", value_parser = usage_period)]
    pub period: i64,
    /// Only usable keys unused for at least this long, e.g. 7d (without it, keys unused for 7d are marked idle)
    #[arg(long, value_name = "DURATION", value_parser = window, conflicts_with = "key")]
    pub idle: Option<i64>,
}

#[derive(Debug, Args)]
pub struct KeyListArgs {
    /// Only keys in these states (comma-separated or repeated)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STATUS")]
    pub status: Vec<crate::policy::KeyStatus>,
    /// Only active keys that expire within this duration (e.g. 7d): the ones nobody rotated yet
    #[arg(long, value_name = "DURATION", value_parser = window)]
    pub expiring_within: Option<i64>,
    /// Only keys with this label
    #[arg(long)]
    pub label: Option<String>,
    /// Only usable keys unused for at least this long (e.g. 7d; never used: since created)
    #[arg(long, value_name = "DURATION", value_parser = window)]
    pub idle: Option<i64>,
}

#[derive(Debug, Args)]
pub struct KeyCreateArgs {
    /// A label for the key (shown in lists and the audit trail; not secret)
    #[arg(long)]
    pub label: Option<String>,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Write the token to this file (mode 0600) instead of printing it
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,
    /// Replace an existing --token-file
    #[arg(long)]
    pub force: bool,
    /// Mint nothing if an active (or in-grace) key with this --label exists: for jobs that re-run
    #[arg(long, requires = "label")]
    pub if_absent: bool,
    #[command(flatten)]
    pub exec: ExecArgs,
}

/// A delivery hook for new tokens.
#[derive(Debug, Args)]
pub struct ExecArgs {
    /// Deliver each new token by running CMD (with `sh -c`) with the token on stdin and KEYSMITH_KEY_ID,
    /// KEYSMITH_KEY_LABEL, KEYSMITH_OLD_KEY_ID, KEYSMITH_EXPIRES_AT, KEYSMITH_GRACE_END in its environment;
    /// CMD's stdout goes to stderr. A token waits (0600, in the data directory) until CMD exits 0: see EXIT STATUS
    #[arg(long, value_name = "CMD", conflicts_with = "token_file")]
    pub exec: Option<String>,
    /// How long CMD may run before it is killed and counted as failed
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = exec_timeout, requires = "exec")]
    pub exec_timeout: i64,
}

#[derive(Debug, Args)]
pub struct KeyRotateArgs {
    /// Key id to rotate
    #[arg(required_unless_present_any = ["expiring_within", "with_token_file"], conflicts_with = "expiring_within", add = super::complete::keys())]
    pub key: Option<String>,
    /// Rotate every active key that expires within this duration (e.g. 7d)
    #[arg(long, value_name = "DURATION", value_parser = window)]
    pub expiring_within: Option<i64>,
    /// Rotate as the holder of the old key, using its token from this file (`-` for stdin); no password needed
    #[arg(long, value_name = "PATH", conflicts_with_all = ["key", "expiring_within", "exec"])]
    pub with_token_file: Option<PathBuf>,
    /// How long the old key stays valid (0s to 30d; never past its own expiry)
    #[arg(long, value_name = "DURATION", default_value = "24h", value_parser = grace)]
    pub grace: i64,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Show what would be rotated and change nothing (a login session is enough; no password unless --vault names need decrypting)
    #[arg(long, conflicts_with = "with_token_file")]
    pub dry_run: bool,
    /// With --dry-run: exit 1 when any key would be rotated (for monitors: "keys expire soon and nobody rotated them")
    #[arg(long, requires = "dry_run")]
    pub fail_if_any: bool,
    /// Do not ask for confirmation (bulk rotation)
    #[arg(short, long)]
    pub yes: bool,
    /// Write the new token to this file (mode 0600) instead of printing it; a file holding the old key's token is replaced
    #[arg(long, value_name = "PATH", conflicts_with_all = ["token_dir", "expiring_within"])]
    pub token_file: Option<PathBuf>,
    /// Bulk rotation: write each new token to a file in DIR named by --token-name (mode 0600; DIR is created 0700),
    /// replacing the rotated key's token file atomically
    #[arg(long, value_name = "DIR", conflicts_with_all = ["key", "with_token_file", "exec"])]
    pub token_dir: Option<PathBuf>,
    /// The token file's name in --token-dir: {label} and {id} (the new key's id) are replaced
    #[arg(long, value_name = "TEMPLATE", default_value = crate::cli::deliver::DEFAULT_TOKEN_NAME)]
    pub token_name: String,
    /// Replace existing token files
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub exec: ExecArgs,
}

#[derive(Debug, Args)]
pub struct PasswdArgs {
    #[command(flatten)]
    pub kdf: KdfArgs,
}

/// The password-hashing function: on `init` from the defaults, on `passwd` from the
/// account's current one (unchanged unless a flag says otherwise).
#[derive(Debug, Args)]
pub struct KdfArgs {
    /// Password hashing: pbkdf2 (PBKDF2-HMAC-SHA256, the default, which WebCrypto clients can run) or argon2id (memory-hard) [passwd: unchanged]
    #[arg(long, value_enum, value_name = "KDF")]
    pub kdf: Option<KdfChoice>,
    /// PBKDF2 iterations (600000 to 50000000) or Argon2id passes (2 to 16) [default: 600000, or 3 for argon2id]
    #[arg(long, value_name = "N")]
    pub iterations: Option<u32>,
    /// Argon2id memory (19MiB to 1GiB) [default: 64MiB]
    #[arg(long, value_name = "SIZE", value_parser = kdf_memory)]
    pub kdf_memory: Option<u32>,
    /// Argon2id lanes (1 to 16) [default: 4]
    #[arg(long, value_name = "N")]
    pub kdf_parallelism: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KdfChoice {
    /// PBKDF2-HMAC-SHA256
    Pbkdf2,
    /// Argon2id (RFC 9106)
    Argon2id,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Show recent events, filtered; -f follows new events live
    Tail(AuditTailArgs),
    /// Walk the hash chain and report any edited or deleted event
    Verify,
}

#[derive(Debug, Args)]
pub struct AuditTailArgs {
    /// Only events of this key id
    #[arg(long, value_name = "KEY", add = super::complete::keys())]
    pub key: Option<String>,
    /// Only events of this vault, by name (decrypted here: needs the password) or id
    #[arg(long, value_name = "VAULT", add = super::complete::vaults())]
    pub vault: Option<String>,
    /// Only these events (repeatable or comma-separated): names (e.g. file.delete) or families ending in `.` (e.g. key.)
    #[arg(long, value_name = "EVENT", value_delimiter = ',', value_parser = event_filter(), hide_possible_values = false)]
    pub event: Vec<String>,
    /// Leave out these events (repeatable or comma-separated), as --event
    #[arg(long, value_name = "EVENT", value_delimiter = ',', value_parser = event_filter(), hide_possible_values = true)]
    pub exclude_event: Vec<String>,
    /// Only events of this actor
    #[arg(long, value_name = "ACTOR", value_parser = clap::builder::PossibleValuesParser::new(crate::audit::ACTORS))]
    pub actor: Option<String>,
    /// Only allowed or only denied events
    #[arg(long, value_enum)]
    pub outcome: Option<crate::audit::Outcome>,
    /// Only events since a duration ago (1h, 7d) or an RFC 3339 time
    #[arg(long, value_name = "WHEN", value_parser = since)]
    pub since: Option<i64>,
    /// Only events until a duration ago (1h, 7d) or an RFC 3339 time
    #[arg(long, value_name = "WHEN", value_parser = since, conflicts_with = "follow")]
    pub until: Option<i64>,
    /// Show routine events too (successful owner logins; they are always in the trail)
    #[arg(long)]
    pub all: bool,
    /// Only events after this sequence number (to resume where an earlier run stopped)
    #[arg(long, value_name = "SEQ")]
    pub after: Option<i64>,
    /// How many of the newest matching events to show
    #[arg(short = 'n', long, value_name = "N", default_value_t = 20)]
    pub lines: usize,
    /// Keep running and print new events as they happen
    #[arg(short, long)]
    pub follow: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (the chosen address is printed)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8700")]
    pub listen: String,
    /// Who may register an account
    #[arg(long, value_enum, env = "KEYSMITH_REGISTRATION", default_value_t = RegistrationPolicy::Single)]
    pub registration: RegistrationPolicy,
    /// Keep the state in PostgreSQL (postgres://USER@HOST:PORT/DB) instead of SQLite in the data dir; any number of instances may share it.
    /// A URL with a password belongs in KEYSMITH_DATABASE_URL, not on the command line
    #[arg(long, global = true, env = "KEYSMITH_DATABASE_URL", value_name = "URL", hide_env_values = true)]
    pub database: Option<String>,
    /// Keep blobs in an S3-compatible bucket (s3://BUCKET or s3://BUCKET/PREFIX) instead of the data dir; clients then upload and
    /// download by presigned URL, straight to the bucket. Credentials, region and endpoint come from AWS_ACCESS_KEY_ID,
    /// AWS_SECRET_ACCESS_KEY, AWS_REGION and AWS_ENDPOINT (AWS_ALLOW_HTTP=true for an http:// endpoint)
    #[arg(long, env = "KEYSMITH_BLOBS", value_name = "URL")]
    pub blobs: Option<String>,
    #[command(subcommand)]
    pub command: Option<ServeCommand>,
}

#[derive(Debug, Subcommand)]
pub enum ServeCommand {
    /// Mint a single-use invite code for `--registration invite` (printed once; give it to one person)
    Invite(InviteArgs),
    /// Verify the server's own audit chain (requests tied to no account, invites) and show its newest events
    Audit {
        /// How many of the newest events to show
        #[arg(short = 'n', long, value_name = "N", default_value_t = 20)]
        lines: usize,
    },
}

#[derive(Debug, Args)]
pub struct InviteArgs {
    /// How long the code stays valid (1m to 30d)
    #[arg(long, value_name = "DURATION", default_value = "7d", value_parser = invite_ttl)]
    pub expires_in: i64,
}

#[derive(Debug, Args)]
pub struct TokenArgs {
    /// Read the API key token from this file (`-` for stdin) [default: $KEYSMITH_API_KEY]
    #[arg(long, global = true, value_name = "PATH")]
    pub token_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AgentArgs {
    #[command(flatten)]
    pub token: TokenArgs,
    #[command(subcommand)]
    pub command: AgentCommand,
}

#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    /// Validate the key and show its scope, limits and the vaults it can decrypt
    Connect,
    /// List the vaults in the key's scope (needs listVaults)
    Vaults,
    /// Create a vault; its key is sealed to the owner (needs createVault)
    Mkvault {
        /// The new vault's name
        name: String,
    },
    #[command(flatten)]
    Files(FileOp),
    /// Mint a child key within this key's scope, ending no later than it (needs delegate)
    Delegate(DelegateArgs),
    /// List the keys this key delegated (needs delegate)
    Children,
    /// Rotate this key's children into --token-dir, one file per child (needs delegate): no owner password
    RotateChildren(RotateChildrenArgs),
    /// Revoke a key this key delegated, or any key below it (needs delegate)
    RevokeChild {
        /// The child's key id
        key: String,
    },
}

#[derive(Debug, Args)]
pub struct DelegateArgs {
    /// The child's label (shown in lists and the audit trail)
    #[arg(long)]
    pub label: String,
    /// Vaults (names or ids) of this key's scope for the child [default: all of them]; actions
    /// [default: this key's, without delegate]; limits no looser than this key's; an expiry
    /// no later than this key's end [default: 90d or this key's end, whichever is sooner]
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Write the child's token to this file (mode 0600) instead of printing it (--token-file is this key's own)
    #[arg(long, value_name = "PATH")]
    pub child_token_file: Option<PathBuf>,
    /// Replace an existing --child-token-file
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RotateChildrenArgs {
    /// Only children that expire within this duration (e.g. 7d) [default: every active child]
    #[arg(long, value_name = "DURATION", value_parser = window)]
    pub expiring_within: Option<i64>,
    /// How long each old child key keeps working (0s to 30d)
    #[arg(long, value_name = "DURATION", default_value = "1h", value_parser = grace)]
    pub grace: i64,
    /// Directory for the new tokens, one file per child, replaced atomically (created 0700)
    #[arg(long, value_name = "DIR")]
    pub token_dir: PathBuf,
    /// File name template in --token-dir: {label} and {id}
    #[arg(long, value_name = "TEMPLATE", default_value = super::deliver::DEFAULT_TOKEN_NAME)]
    pub token_name: String,
}

/// File operations, for an agent (`keysmith agent …`) or the owner (`keysmith file …`).
#[derive(Debug, Subcommand)]
pub enum FileOp {
    /// Encrypt a file here and upload it (agents need write)
    Put {
        /// Vault name or id
        #[arg(add = super::complete::vaults())]
        vault: String,
        /// File to upload (`-` for stdin)
        path: PathBuf,
        /// Name to store it under [default: the file's name]
        #[arg(long)]
        name: Option<String>,
    },
    /// Download and decrypt a file (agents need read)
    Get {
        /// Vault name or id
        #[arg(add = super::complete::vaults())]
        vault: String,
        /// File id or name (the newest file with that name)
        file: String,
        /// Where to write it (`-` for stdout) [default: ./<its name>]
        #[arg(long, value_name = "PATH")]
        to: Option<PathBuf>,
        /// Replace an existing file
        #[arg(long)]
        force: bool,
    },
    /// List the files of a vault, names decrypted here (agents need read)
    Ls {
        /// Vault name or id
        #[arg(add = super::complete::vaults())]
        vault: String,
    },
    /// Delete a file (agents need delete)
    Rm {
        /// Vault name or id
        #[arg(add = super::complete::vaults())]
        vault: String,
        /// File id or name
        file: String,
    },
}
