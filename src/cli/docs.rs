//! Shell completions and man pages, generated from the clap definitions. The checked-in
//! copies in `completions/` and `man/` are kept current by a test.

use super::args::Cli;
use crate::error::Result;
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;
use std::path::Path;

pub fn completions(shell: Shell, out: &mut dyn Write) -> Result<()> {
    // clap_complete panics on a write error; render to memory, then write.
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "keysmith", &mut buf);
    out.write_all(&buf)?;
    Ok(())
}

/// Every generated file as (relative path, contents).
pub fn generated() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::Elvish, Shell::PowerShell] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "keysmith", &mut buf);
        let name = match shell {
            Shell::Bash => "keysmith.bash".to_string(),
            Shell::Zsh => "_keysmith".to_string(),
            Shell::Fish => "keysmith.fish".to_string(),
            Shell::Elvish => "keysmith.elv".to_string(),
            _ => "_keysmith.ps1".to_string(),
        };
        files.push((format!("completions/{name}"), buf));
    }
    man_pages(&man_tree(), "keysmith", None, &mut files);
    files
}

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "success (also when stdout is closed early, e.g. by head)"),
    ("1", "the operation failed or was denied: no such key or vault, already rotated, cancelled, an --exec hook failed, keys due (--fail-if-any)"),
    ("2", "usage or configuration error: a bad flag value, missing input with no terminal, a malformed token, a weak password; nothing was changed"),
    ("3", "authentication failed: wrong password, expired or ended session, revoked or expired API key"),
    ("4", "stored data failed an integrity check: a broken audit chain, a corrupt database, a damaged vault or file (the rest is still shown)"),
    ("130", "interrupted (Ctrl-C), or cancelled at a prompt (Esc); a bulk rotation stops at a key boundary"),
    ("143", "terminated (SIGTERM), at a safe point"),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    ("KEYSMITH_DATA_DIR", "the embedded backend's directory (as --data-dir)"),
    ("KEYSMITH_OUTPUT", "table or json (as --output)"),
    ("KEYSMITH_NO_INPUT", "never prompt (as --no-input): 1/0, true/false, yes/no, on/off"),
    ("KEYSMITH_SERVER", "a backend URL (as --server)"),
    ("KEYSMITH_PROFILE", "a profile of the config file (as --profile)"),
    ("KEYSMITH_ACCOUNT", "your account on a server that holds many (as --account)"),
    ("KEYSMITH_SESSION_STORE", "where a login session is kept: keyring (default) or file"),
    ("KEYSMITH_CONFIG", "the config file's path"),
    ("KEYSMITH_API_KEY", "an agent's token (agent commands, mcp); never passed to --exec hooks"),
    ("KEYSMITH_INVITE", "an invite code for init on a server that registers by invite; never passed to hooks"),
    ("KEYSMITH_DATABASE_URL", "serve: a PostgreSQL URL (as --database); never passed to hooks"),
    ("KEYSMITH_REGISTRATION", "serve: single, open or invite (as --registration)"),
    ("KEYSMITH_BLOBS", "serve: an S3 bucket for file contents, s3://BUCKET/PREFIX (as --blobs), with the AWS_* variables"),
    ("COMPLETE", "set by the shell completion scripts (COMPLETE=bash keysmith prints the registration)"),
];

const FILES: &[(&str, &str)] = &[
    ("$XDG_DATA_HOME/keysmith/", "the embedded backend (mode 0700): keysmith.db (SQLite, 0600) and blobs/ (encrypted contents)"),
    ("$XDG_DATA_HOME/keysmith/session-*.json", "a login session, where the OS keyring is unusable (0600)"),
    ("$XDG_DATA_HOME/keysmith/deliveries/", "tokens waiting for an --exec hook (0600); empty unless a hook failed or a run was killed"),
    ("$XDG_CONFIG_HOME/keysmith/config.json", "profiles: {\"profiles\": {\"NAME\": {\"server\": URL, \"account\": ID}}}"),
    ("NAME.keysmith-pending", "a token written before its key exists; the next run of the same command delivers or removes it"),
];

/// What each page says beyond its one-line summary.
pub fn description(page: &str) -> Option<&'static str> {
    Some(match page {
        "keysmith" => {
            "keysmith gives AI agents scoped, revocable, rotatable API keys to a zero-knowledge encrypted vault. The password never leaves this machine: it derives the keys that decrypt vault names, file keys and contents here, and the backend (the embedded store, or keysmith serve) holds only ciphertext and public keys. An agent's token carries a secret from which it derives its own key; the vault keys of its scope are wrapped to it, so the agent decrypts locally and the server enforces scope, rate, quota and expiry on every request, with an audit hash chain."
        }
        "keysmith-init" => {
            "Creates an account and its first vault, in the data directory or on --server. The password is asked twice (or read from stdin) and checked for strength; it cannot be recovered. The password function is PBKDF2-HMAC-SHA256 at 600,000 iterations (the default, which WebCrypto clients can run), or with --kdf argon2id the memory-hard Argon2id (64 MiB, 3 passes, 4 lanes by default); its parameters are stored with the account, and a client refuses any below keysmith's floors, so a backend cannot weaken them."
        }
        "keysmith-login" => {
            "Opens an owner session and caches its token (never the password or a key) in the OS keyring, or in a 0600 file where there is none. While it lasts, key list, key show, key usage, key revoke, key rotate --dry-run and audit commands need no password; commands that need keys always ask."
        }
        "keysmith-logout" => "Ends the cached session on the backend and forgets it here.",
        "keysmith-passwd" => {
            "Changes the password: the master key is re-wrapped under the new password's key; vaults, keys and files are untouched. Every open session ends. The password function stays as it is unless --kdf, --iterations, --kdf-memory or --kdf-parallelism say otherwise (--kdf argon2id switches to Argon2id)."
        }
        "keysmith-vault" => "Vaults hold files. Their names are encrypted under their own keys; the backend sees only ids.",
        "keysmith-vault-create" => "Creates a vault. Its name is encrypted here; the backend stores its id and ciphertext.",
        "keysmith-vault-list" => {
            "Lists the vaults with their names decrypted here. A vault whose key or name does not decrypt is listed as damaged and the command exits 4."
        }
        "keysmith-vault-rm" => {
            "Deletes a vault and every file in it; keys lose access to it at once. Asks first (--yes in scripts). A damaged vault is removed by its id."
        }
        "keysmith-vault-check" => "Decrypts every vault and file key and name here and lists whatever is damaged (exit 4 if anything is).",
        "keysmith-vault-rekey" => {
            "Gives vaults a new key version in one commit: the owner wraps the new key, chains every older key under it, and grants it to every usable key of the vault through that key's escrow. Files written afterwards cannot be read with any older key; current keys and the owner read every version. `key revoke --rekey` does this as it revokes."
        }
        "keysmith-key" => {
            "API keys for agents: each has a label, a scope (vaults and actions), optional rate and byte limits, and an expiry. The token is shown or delivered once and kept nowhere."
        }
        "keysmith-key-create" => {
            "Mints a key. At a terminal without flags, a wizard asks for each setting and shows a summary before anything is created; with --no-input, every missing flag is named at once. The token goes to stdout, to --token-file (0600, written before the key exists, so a killed run loses nothing), or to an --exec hook on stdin. --if-absent makes re-running jobs mint at most one key per label."
        }
        "keysmith-key-list" => {
            "Lists keys with status (active, grace, revoked, expired), expiry and last use; filter by --status, --expiring-within, --label and --idle."
        }
        "keysmith-key-usage" => {
            "Answers what each key did and holds, from the audit trail: requests, refusals and bytes uploaded and downloaded over --period (30 days by default), the bytes of live files it uploaded, and when it was last used. Keys that can still be used but have not been for 7 days (or --idle) are marked idle; --idle lists only those. With a key, its activity day by day. A login session is enough."
        }
        "keysmith-key-show" => "Shows one key in full: scope, limits, lifetime, lineage (rotated from/to) and last use.",
        "keysmith-key-revoke" => {
            "Revokes keys by id or unique prefix (4 characters or more); every id is resolved before anything is revoked. Each key fails from its very next request."
        }
        "keysmith-key-rotate" => {
            "Replaces a key with a new one of the same scope (or narrower) and, unless a flag says otherwise, the same lifetime. The old key keeps working for --grace (never past its own expiry). One key by id, or with --expiring-within every active key due, with a plan and a confirmation. The key's holder can rotate it with --with-token-file, without the password. New tokens go to stdout, --token-file, --token-dir (one file per agent, replaced atomically) or an --exec hook; a run killed at any moment is finished by running the same command again. --dry-run needs only a login session."
        }
        "keysmith-audit" => {
            "Every request and change is an event in the account's hash chain: who (owner, agent, system), which key and vault, allowed or denied and why."
        }
        "keysmith-audit-tail" => {
            "Shows the newest events, filtered by key, vault (by name: needs the password), events (names or families, included or excluded), actor, outcome and a time range. Routine successful logins are hidden unless --all. -f follows new events and renews its session when it ends."
        }
        "keysmith-audit-verify" => {
            "Walks the hash chain from the first event and reports the first edited, deleted, reordered or relinked event, or a head that does not match (exit 4)."
        }
        "keysmith-agent" => {
            "Commands for an agent that holds a token (KEYSMITH_API_KEY or --token-file). Vault and file names and contents are decrypted here with the key the token derives; the server sees ciphertext and enforces the key's scope and limits."
        }
        "keysmith-agent-connect" => {
            "Checks the token and shows the key as the server knows it (scope, limits, expiry or grace end) and the vaults it reaches, names decrypted here. Warns when the key is in grace or expires soon."
        }
        "keysmith-agent-vaults" => "Lists the vaults the key may use (needs listVaults), names decrypted here.",
        "keysmith-agent-mkvault" => {
            "Creates a vault (needs createVault). Its key is made here, sealed to the account's public key so the owner can open it, and granted to this key."
        }
        "keysmith-agent-put" | "keysmith-file-put" => {
            "Encrypts a file here (a fresh file key, streamed AES-256-GCM) and uploads the ciphertext; the file becomes visible once the server checked the stored bytes."
        }
        "keysmith-agent-get" | "keysmith-file-get" => {
            "Downloads a file and decrypts it here, verifying every chunk; nothing is written where --to points unless the whole file verifies."
        }
        "keysmith-agent-ls" | "keysmith-file-ls" => {
            "Lists a vault's files with names decrypted here; damaged entries are marked and the rest still listed (exit 4)."
        }
        "keysmith-agent-rm" | "keysmith-file-rm" => "Deletes a file by id or name.",
        "keysmith-agent-delegate" => {
            "Mints a child of this key (which needs the delegate action): its vaults, actions and limits within this key's, its end no later than this key's. The child's vault keys are re-wrapped here from this key's grants; the server refuses anything broader. Revoking or expiring this key ends the child too, and a narrowed rotation of this key narrows it. The token goes to stdout or --child-token-file (0600, written before the key exists)."
        }
        "keysmith-agent-children" => "Lists the keys this key delegated, with their status and end.",
        "keysmith-agent-rotate-children" => {
            "Rotates this key's active children (or those expiring within --expiring-within) into --token-dir, one file per child named by its label, replaced atomically: a rotation host renews a fleet with its own token, never the owner's password. A run killed at any moment is finished by running it again."
        }
        "keysmith-agent-revoke-child" => {
            "Revokes a key this key delegated, or any key below it; each fails from its next request, with everything it delegated."
        }
        "keysmith-file" => "The owner's own files, with the password instead of a token.",
        "keysmith-mcp" => {
            "Serves the agent commands as Model Context Protocol tools on stdin/stdout, for MCP hosts. Only the tools the key's scope allows are listed; contents are decrypted in this process."
        }
        "keysmith-serve" => {
            "Runs the HTTP backend: owner and agent APIs, scope and limit enforcement on every request, and the audit chains. State in SQLite in the data directory, or in PostgreSQL (--database) shared by any number of instances; file contents in the data directory or an S3 bucket (--blobs), transferred by presigned URLs."
        }
        "keysmith-serve-invite" => "Mints a single-use invite code for a server started with --registration invite.",
        "keysmith-serve-audit" => "Verifies the server's own audit chain (requests tied to no account, invites) and shows its newest events.",
        "keysmith-completions" => {
            "Prints a static completion script (flags and subcommands). Dynamic completion, which also knows key and vault ids, is registered with COMPLETE=bash keysmith (see EXAMPLES)."
        }
        _ => return None,
    })
}

/// Examples per page: (what it does, the command).
pub fn examples(page: &str) -> &'static [(&'static str, &'static str)] {
    match page {
        "keysmith-init" => &[
            ("an account in the data directory", "keysmith init"),
            ("on a server", "keysmith --server https://keys.example.com init --vault team"),
            ("with the memory-hard Argon2id", "keysmith init --kdf argon2id --kdf-memory 256MiB"),
        ],
        "keysmith-login" => &[("no password for read commands for 12 hours", "keysmith login --ttl 12h")],
        "keysmith-passwd" => &[
            ("switch to Argon2id", "keysmith passwd --kdf argon2id"),
            ("in a script: current, then new password", "printf '%s\\n%s\\n%s\\n' \"$OLD\" \"$NEW\" \"$NEW\" | keysmith --password-stdin passwd"),
        ],
        "keysmith-vault-create" => &[("", "keysmith vault create reports")],
        "keysmith-vault-list" => &[("", "keysmith vault list --output json")],
        "keysmith-vault-rm" => &[("", "keysmith vault rm reports --yes")],
        "keysmith-key-create" => &[
            ("a wizard at a terminal", "keysmith key create"),
            (
                "scripted, the token to a file",
                "keysmith key create --label ci --vault reports --allow read,write --rate 60/1m --bytes-per-day 1GiB --expires-in 30d --token-file ci.token",
            ),
            ("re-runnable: mints at most once", "keysmith key create --label nightly --vault default --allow read --if-absent --token-file nightly.token"),
            (
                "the token straight into a Kubernetes Secret",
                "keysmith key create --label ci --vault default --allow read --exec 'kubectl create secret generic ci --from-file=token=/dev/stdin'",
            ),
        ],
        "keysmith-key-list" => &[
            ("due for rotation", "keysmith key list --expiring-within 7d"),
            ("ids and labels for scripts", "keysmith key list --status active,grace --field id,label"),
        ],
        "keysmith-key-show" => &[("", "keysmith key show 3f9a0c12d4e5b6a7")],
        "keysmith-key-usage" => &[
            ("requests, bytes and storage per key, last 30 days", "keysmith key usage"),
            ("is the backup agent running? its days", "keysmith key usage 3f9a --period 14d"),
            ("keys nobody used for a week", "keysmith key usage --idle 7d"),
        ],
        "keysmith-key-revoke" => &[("several, by unique prefix", "keysmith key revoke 3f9a 7c21 --yes")],
        "keysmith-key-rotate" => &[
            ("one key, the old one valid for a day", "keysmith key rotate 3f9a0c12d4e5b6a7 --grace 24h"),
            ("a monitor: exit 1 while keys are due (a login session is enough)", "keysmith key rotate --expiring-within 7d --dry-run --fail-if-any"),
            ("a nightly job: one file per agent, replaced atomically", "keysmith key rotate --expiring-within 7d --yes --token-dir /etc/agents"),
            (
                "a nightly job delivering to GitHub Actions",
                "keysmith key rotate --expiring-within 7d --yes --exec 'gh secret set KEYSMITH_TOKEN --repo acme/deploy'",
            ),
            ("the holder rotates its own key, no password", "keysmith key rotate --with-token-file ci.token --token-file ci.token"),
        ],
        "keysmith-audit-tail" => &[
            (
                "which agent deleted that file at 3 AM",
                "keysmith audit tail --vault reports --event file.delete --since 2026-11-27T02:00:00Z --until 2026-11-27T04:00:00Z",
            ),
            ("everything denied to agents", "keysmith audit tail --outcome denied --actor agent"),
            ("follow one key live", "keysmith audit tail --key 3f9a0c12d4e5b6a7 -f"),
        ],
        "keysmith-audit-verify" => &[("", "keysmith audit verify")],
        "keysmith-agent-connect" => &[("", "KEYSMITH_API_KEY=$(cat ci.token) keysmith agent connect")],
        "keysmith-agent-put" => &[("", "keysmith agent --token-file ci.token put reports q3.pdf")],
        "keysmith-agent-get" => &[("to stdout", "keysmith agent --token-file ci.token get reports q3.pdf --to -")],
        "keysmith-agent-ls" => &[("", "keysmith agent --token-file ci.token ls reports --output json")],
        "keysmith-file-put" => &[("", "keysmith file put reports q3.pdf")],
        "keysmith-file-get" => &[("", "keysmith file get reports q3.pdf --to ./q3.pdf")],
        "keysmith-mcp" => &[("in an MCP host's configuration", "keysmith mcp --token-file /etc/agents/claude.token")],
        "keysmith-agent-delegate" => &[(
            "a CI agent's key, from the rotation host's key",
            "keysmith agent --token-file rotator.token delegate --label ci --vault reports --allow read --expires-in 7d --child-token-file ci.token",
        )],
        "keysmith-agent-rotate-children" => {
            &[("nightly, from cron", "keysmith agent --token-file /etc/keysmith/rotator.token rotate-children --expiring-within 3d --token-dir /etc/agents")]
        }
        "keysmith-agent-revoke-child" => &[("", "keysmith agent --token-file rotator.token revoke-child 3f9a0c12d4e5b6a7")],
        "keysmith-serve" => &[
            ("one instance on the embedded store", "keysmith serve --listen 0.0.0.0:8700"),
            ("any number of instances", "KEYSMITH_DATABASE_URL=postgres://keysmith@db/keysmith keysmith serve --blobs s3://bucket/keysmith"),
        ],
        "keysmith-serve-invite" => &[("", "keysmith serve invite --expires-in 2d")],
        "keysmith-completions" => &[
            ("dynamic (key and vault ids), bash", "echo 'source <(COMPLETE=bash keysmith)' >> ~/.bashrc"),
            ("dynamic, zsh (after compinit)", "echo 'source <(COMPLETE=zsh keysmith)' >> ~/.zshrc"),
            ("dynamic, fish", "echo 'COMPLETE=fish keysmith | source' >> ~/.config/fish/config.fish"),
            ("static, for packagers", "keysmith completions zsh > /usr/share/zsh/site-functions/_keysmith"),
        ],
        _ => &[],
    }
}

/// The command tree as man pages see it: no `help` subcommands (no page ships for them),
/// globals propagated, and each command's synopsis name (`keysmith key rotate`) set.
fn man_tree() -> clap::Command {
    fn no_help(cmd: clap::Command) -> clap::Command {
        let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
        names.into_iter().fold(cmd.disable_help_subcommand(true), |cmd, n| cmd.mut_subcommand(n, no_help))
    }
    let mut root = no_help(Cli::command());
    root.build();
    root
}

fn section(roff: &mut clap_mangen::roff::Roff, title: &str, items: &[(&str, &str)], bold_first: bool) {
    use clap_mangen::roff::{bold, roman};
    roff.control("SH", [title]);
    for (term, text) in items {
        roff.control("TP", []);
        roff.text([if bold_first { bold(*term) } else { roman(*term) }]);
        roff.text([roman(*text)]);
    }
}

fn man_pages(cmd: &clap::Command, page: &str, parent: Option<&str>, files: &mut Vec<(String, Vec<u8>)>) {
    use clap_mangen::roff::{Roff, bold, roman};
    let mut cmd = cmd.clone().display_name(page.to_string());
    if let Some(text) = description(page) {
        cmd = cmd.long_about(text);
    }
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf).expect("render man page");
    let mut roff = Roff::new();
    let examples = examples(page);
    if !examples.is_empty() {
        roff.control("SH", ["EXAMPLES"]);
        for (what, command) in examples {
            if !what.is_empty() {
                roff.text([roman(format!("{}{}:", what[..1].to_uppercase(), &what[1..]))]);
            }
            roff.control("RS", ["4"]).control("nf", []).text([bold(*command)]).control("fi", []).control("RE", []).control("PP", []);
        }
    }
    section(&mut roff, "EXIT STATUS", EXIT_STATUS, true);
    section(&mut roff, "ENVIRONMENT", ENVIRONMENT, true);
    section(&mut roff, "FILES", FILES, true);
    let children: Vec<String> = cmd.get_subcommands().map(|s| format!("{page}-{}(1)", s.get_name())).collect();
    let mut see: Vec<String> = parent.map(|p| format!("{p}(1)")).into_iter().collect();
    if parent.is_some_and(|p| p != "keysmith") {
        see.push("keysmith(1)".into());
    }
    see.extend(children);
    if !see.is_empty() {
        roff.control("SH", ["SEE ALSO"]).text([roman(see.join(", "))]);
    }
    roff.to_writer(&mut buf).expect("render sections");
    files.push((format!("man/{page}.1"), buf));
    for sub in cmd.get_subcommands() {
        man_pages(sub, &format!("{page}-{}", sub.get_name()), Some(page), files);
    }
}

/// Writes every generated file under `root`.
pub fn write_all(root: &Path) -> std::io::Result<()> {
    for (rel, contents) in generated() {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("has parent"))?;
        std::fs::write(path, contents)?;
    }
    Ok(())
}
