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
    let cmd = Cli::command();
    man_pages(&cmd, "keysmith", &mut files);
    files
}

const EXIT_STATUS: &str = "0 success; 1 the operation failed or was denied; 2 usage or configuration error \
(bad flag, missing input with no terminal, malformed token); 3 authentication failed (wrong password, \
expired session); 4 stored data failed an integrity check (audit chain broken, corrupt database, a damaged \
record); 130 interrupted (Ctrl-C) or cancelled at a prompt (Esc); 143 terminated (SIGTERM) at a safe point.";

fn man_pages(cmd: &clap::Command, name: &str, files: &mut Vec<(String, Vec<u8>)>) {
    let cmd = cmd.clone().name(name.to_string());
    let mut buf = Vec::new();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render(&mut buf).expect("render man page");
    if name == "keysmith" {
        let mut section = Vec::new();
        clap_mangen::roff::Roff::new()
            .control("SH", ["EXIT STATUS"])
            .text([clap_mangen::roff::roman(EXIT_STATUS)])
            .control("SH", ["ENVIRONMENT"])
            .text([clap_mangen::roff::roman(
                "KEYSMITH_DATA_DIR (data directory), KEYSMITH_OUTPUT (table or json), KEYSMITH_NO_INPUT (never prompt), \
                 KEYSMITH_SESSION_STORE (keyring or file).",
            )])
            .to_writer(&mut section)
            .expect("render section");
        buf.extend_from_slice(&section);
    }
    files.push((format!("man/{name}.1"), buf));
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        man_pages(sub, &format!("{name}-{}", sub.get_name()), files);
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
