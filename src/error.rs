//! One error type for the whole tool. Every variant renders as `error: …` with an
//! optional `hint: …` line and maps to a documented exit code.

use std::fmt;

/// Exit codes (documented in README.md and the man page).
pub mod exit {
    pub const OK: u8 = 0;
    /// The operation failed or was denied (not found, revoked, verification failed…).
    pub const FAILURE: u8 = 1;
    /// Usage or configuration error (bad flag value, missing input, malformed token).
    pub const USAGE: u8 = 2;
    /// Authentication failed (wrong password, expired or missing session).
    pub const AUTH: u8 = 3;
    /// Stored data failed an integrity check (audit chain broken, corrupt database).
    pub const INTEGRITY: u8 = 4;
    /// Interrupted by the user (Ctrl-C at a prompt).
    pub const INTERRUPTED: u8 = 130;
    /// Stopped by SIGTERM (e.g. a supervisor or `timeout`), at a safe point.
    pub const TERMINATED: u8 = 143;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Failure,
    Usage,
    Auth,
    Integrity,
    Interrupted,
    Terminated,
    /// No such key, vault or file (exit 1; HTTP 404).
    NotFound,
    /// stdout was closed by the reader (e.g. `| head`): not an error.
    BrokenPipe,
}

/// An error with a one-line message and an optional one-line hint.
///
/// Messages are built by keysmith itself and never include secret material.
#[derive(Debug)]
pub struct Error {
    kind: Kind,
    message: String,
    hint: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into(), hint: None }
    }
    pub fn failure(message: impl Into<String>) -> Self {
        Self::new(Kind::Failure, message)
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Kind::Usage, message)
    }
    pub fn auth(message: impl Into<String>) -> Self {
        Self::new(Kind::Auth, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(Kind::NotFound, message)
    }
    pub fn integrity(message: impl Into<String>) -> Self {
        Self::new(Kind::Integrity, message)
    }
    /// After a list showed every item, the error that says some of them are damaged
    /// (exit 4), if any are: one bad record never hides the good ones.
    pub fn damaged_items<'a>(noun: &str, damaged: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<()> {
        let items: Vec<String> = damaged.into_iter().map(|(id, why)| format!("{id} ({why})")).collect();
        if items.is_empty() {
            return Ok(());
        }
        Err(Error::integrity(format!("{} {noun}(s) are damaged: {}", items.len(), items.join("; ")))
            .hint("the others are fine; restore the damaged ones from a backup, or delete them by id"))
    }
    pub fn interrupted() -> Self {
        Self::new(Kind::Interrupted, "interrupted")
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn kind(&self) -> Kind {
        self.kind
    }
    pub fn message(&self) -> &str {
        &self.message
    }
    pub fn hint_text(&self) -> Option<&str> {
        self.hint.as_deref()
    }
    pub fn exit_code(&self) -> u8 {
        match self.kind {
            Kind::Failure | Kind::NotFound => exit::FAILURE,
            Kind::Usage => exit::USAGE,
            Kind::Auth => exit::AUTH,
            Kind::Integrity => exit::INTEGRITY,
            Kind::Interrupted => exit::INTERRUPTED,
            Kind::Terminated => exit::TERMINATED,
            Kind::BrokenPipe => exit::OK,
        }
    }
    /// `{"code", "message", "hint"}` (`hint` only when there is one), sanitized for a terminal.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::json!({ "code": self.code(), "message": crate::render::sanitize(&self.message) });
        if let Some(h) = &self.hint {
            v["hint"] = crate::render::sanitize(h).into();
        }
        v
    }

    /// A stable machine-readable code for `--output json` errors.
    pub fn code(&self) -> &'static str {
        match self.kind {
            Kind::Failure => "failure",
            Kind::NotFound => "not_found",
            Kind::Usage => "usage",
            Kind::Auth => "auth",
            Kind::Integrity => "integrity",
            Kind::Interrupted => "interrupted",
            Kind::Terminated => "terminated",
            Kind::BrokenPipe => "broken_pipe",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The message of a database write that failed for want of space or an I/O error.
pub const DB_WRITE_FAILED: &str = "the keysmith database could not be written (I/O error); nothing was changed";

impl From<rusqlite::Error> for Error {
    /// What went wrong and what to do, never SQLite's own text (it can name the schema).
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::{Error as E, ErrorCode as C};
        let damaged = || {
            Error::integrity("a record in the keysmith database is damaged (a field has the wrong type or range)")
                .hint("restore the database from a backup; `keysmith audit verify` checks the audit trail")
        };
        match e {
            E::SqliteFailure(f, _) => match f.code {
                C::NotADatabase | C::DatabaseCorrupt => Error::integrity("the keysmith database is corrupt or not a keysmith database")
                    .hint("restore it from a backup, or point --data-dir at another directory"),
                C::DatabaseBusy | C::DatabaseLocked => {
                    Error::failure("the keysmith database is busy").hint("another keysmith process holds a lock; retry in a moment")
                }
                // The store names the directory and checks for a full disk (SqliteStore::explain).
                C::DiskFull | C::SystemIoFailure => Error::failure(DB_WRITE_FAILED).hint("check the disk holding the data directory (--data-dir)"),
                C::ReadOnly | C::PermissionDenied | C::CannotOpen => Error::failure("the keysmith database cannot be written (read-only or permission denied)")
                    .hint("check the permissions of the data directory (--data-dir)"),
                C::ConstraintViolation => {
                    Error::failure("the change conflicts with what is stored (a duplicate id or an unknown reference); nothing was changed")
                }
                code => Error::failure(format!("the keysmith database failed ({code:?})")),
            },
            E::FromSqlConversionFailure(..) | E::InvalidColumnType(..) | E::IntegralValueOutOfRange(..) | E::Utf8Error(..) => damaged(),
            _ => Error::failure("the keysmith database failed (internal error)"),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Error::new(Kind::BrokenPipe, "broken pipe");
        }
        Error::failure(format!("I/O error: {e}"))
    }
}
