//! Everything that talks to the person: passwords, confirmations, notes, progress.
//! Prompts happen only when stdin is a terminal and `--no-input` is not set; otherwise
//! a missing answer is an error that names the flag to pass.

use crate::crypto;
use crate::error::{Error, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{BufRead, IsTerminal};
use std::time::Duration;
use zeroize::Zeroizing;

pub struct Io {
    interactive: bool,
    password_stdin: bool,
    quiet: bool,
}

impl Io {
    pub fn new(no_input: bool, password_stdin: bool, quiet: bool) -> Self {
        Io { interactive: !no_input && std::io::stdin().is_terminal(), password_stdin, quiet }
    }

    /// Whether a person can be asked.
    pub fn interactive(&self) -> bool {
        self.interactive
    }

    /// An error for an answer that cannot be asked for.
    pub fn missing(&self, what: &str, flag: &str) -> Error {
        Error::usage(format!("{what} is required and no prompt is possible here")).hint(format!("pass {flag}"))
    }

    fn stdin_line(&self, what: &str) -> Result<Zeroizing<String>> {
        let mut bytes = Zeroizing::new(Vec::new());
        let n = std::io::stdin().lock().read_until(b'\n', &mut bytes)?;
        if n == 0 {
            return Err(Error::usage(format!("expected the {what} on stdin, found end of input")).hint("write it as one line to stdin"));
        }
        let line = std::str::from_utf8(&bytes).map_err(|_| not_utf8(what))?;
        let trimmed = Zeroizing::new(line.trim_end_matches(['\n', '\r']).to_string());
        if trimmed.is_empty() {
            return Err(Error::usage(format!("the {what} read from stdin is empty")));
        }
        Ok(trimmed)
    }

    fn tty_password(&self, prompt: &str) -> Result<Zeroizing<String>> {
        let pw = rpassword::prompt_password(prompt).map(Zeroizing::new).map_err(|e| match e.kind() {
            std::io::ErrorKind::Interrupted => Error::interrupted(),
            std::io::ErrorKind::InvalidData => not_utf8("password"),
            _ => Error::failure(format!("cannot read the password from the terminal: {e}")).hint("use --password-stdin in scripts"),
        })?;
        if pw.is_empty() {
            return Err(Error::usage("the password is empty"));
        }
        Ok(pw)
    }

    /// The account password: stdin with `--password-stdin`, else the terminal.
    pub fn password(&self, prompt: &str) -> Result<Zeroizing<String>> {
        if self.password_stdin {
            return self.stdin_line("password");
        }
        if !self.interactive {
            return Err(self.missing("the password", "--password-stdin and write the password to stdin"));
        }
        self.tty_password(prompt)
    }

    /// A new password: typed twice on a terminal (compared in constant time), or one line
    /// of stdin. Too-weak passwords are refused with zxcvbn's feedback.
    pub fn new_password(&self, user_inputs: &[&str]) -> Result<Zeroizing<String>> {
        let pw = if self.password_stdin {
            self.stdin_line("new password")?
        } else if self.interactive {
            loop {
                let first = self.tty_password("New password: ")?;
                if let Err(e) = check_strength(&first, user_inputs) {
                    self.warn(e.message());
                    if let Some(h) = e.hint_text() {
                        self.warn(&format!("hint: {h}"));
                    }
                    continue;
                }
                let second = self.tty_password("Repeat the new password: ")?;
                if crypto::ct_eq(first.as_bytes(), second.as_bytes()) {
                    break first;
                }
                self.warn("the passwords do not match; try again");
            }
        } else {
            return Err(self.missing("a new password", "--password-stdin and write the password to stdin"));
        };
        check_strength(&pw, user_inputs)?;
        Ok(pw)
    }

    /// Asks yes/no, no by default; without a person, the answer must come from `flag`.
    pub fn confirm(&self, question: &str, flag: &str) -> Result<bool> {
        self.confirm_default(question, flag, false)
    }

    /// [`Io::confirm`] with the default answer given (yes for what the person just reviewed).
    pub fn confirm_default(&self, question: &str, flag: &str, default: bool) -> Result<bool> {
        if !self.interactive {
            return Err(Error::usage(format!("{question} needs confirmation and no prompt is possible here")).hint(format!("pass {flag} to confirm")));
        }
        dialoguer::Confirm::new().with_prompt(question).default(default).interact_opt().map_err(prompt_error)?.ok_or_else(cancelled)
    }

    /// A note for the person (stderr; hidden with --quiet).
    pub fn note(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{msg}");
        }
    }

    /// A warning (stderr, even with --quiet).
    pub fn warn(&self, msg: &str) {
        eprintln!("warning: {msg}");
    }

    fn draw_target(&self) -> ProgressDrawTarget {
        if self.quiet || !std::io::stderr().is_terminal() { ProgressDrawTarget::hidden() } else { ProgressDrawTarget::stderr() }
    }

    /// A spinner on stderr while something slow (key derivation) runs.
    pub fn spinner(&self, msg: &str) -> ProgressBar {
        let pb = ProgressBar::with_draw_target(None, self.draw_target());
        pb.set_style(ProgressStyle::with_template("{spinner} {msg}").expect("valid template"));
        pb.set_message(msg.to_string());
        pb.enable_steady_tick(Duration::from_millis(80));
        pb
    }

    /// A progress bar on stderr for `len` steps.
    pub fn progress(&self, len: u64, msg: &str) -> ProgressBar {
        let pb = ProgressBar::with_draw_target(Some(len), self.draw_target());
        pb.set_style(ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})").expect("valid template").progress_chars("=> "));
        pb.set_message(msg.to_string());
        pb
    }
}

/// A prompt that failed: Ctrl-C is an interruption (the terminal is put back as it was).
pub fn prompt_error(e: dialoguer::Error) -> Error {
    super::interrupt::restore_terminal();
    match e {
        dialoguer::Error::IO(e) if e.kind() == std::io::ErrorKind::Interrupted => Error::interrupted(),
        dialoguer::Error::IO(e) => Error::failure(format!("prompt failed: {e}")),
    }
}

/// Esc at a prompt: nothing was done (exit 130, like Ctrl-C).
pub fn cancelled() -> Error {
    super::interrupt::restore_terminal();
    Error::new(crate::error::Kind::Interrupted, "cancelled; nothing was changed")
}

fn not_utf8(what: &str) -> Error {
    Error::usage(format!("the {what} is not valid UTF-8")).hint("keysmith passwords are UTF-8 text; check the terminal's or the file's encoding")
}

/// Refuses passwords zxcvbn scores below 3 ("safely unguessable" needs ~10^10 guesses).
pub fn check_strength(password: &str, user_inputs: &[&str]) -> Result<()> {
    let entropy = zxcvbn::zxcvbn(password, user_inputs);
    if u8::from(entropy.score()) >= 3 {
        return Ok(());
    }
    let mut hint: Vec<String> = Vec::new();
    if let Some(fb) = entropy.feedback() {
        if let Some(w) = fb.warning() {
            hint.push(w.to_string());
        }
        hint.extend(fb.suggestions().iter().map(|s| s.to_string()));
    }
    if hint.is_empty() {
        hint.push("use a longer passphrase of several unrelated words".into());
    }
    Err(Error::usage(format!("the password is too weak (strength {}/4, at least 3 needed)", entropy.score())).hint(hint.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passwords_are_refused_with_feedback() {
        let e = check_strength("password1", &[]).unwrap_err();
        assert!(e.message().contains("too weak"));
        assert!(e.hint_text().is_some());
        assert!(check_strength("keysmith", &["keysmith"]).is_err());
        assert!(check_strength("plinth-marmot-quasar-74-ochre", &[]).is_ok());
    }
}
