//! Delivering a new token: deliver it, or leave no trace.
//!
//! A destination (a `--token-file`, a `--token-dir`, or stdout) is checked before the
//! password is asked for, so a bad path costs nothing. A token bound for a file is then
//! written — complete, 0600, fsynced — to `<final name>.keysmith-pending` *before* the
//! backend creates its key, and renamed to its final name once the key exists. So:
//!
//! - the backend refuses, or the disk is full: the pending file is removed (or was never
//!   written) and no key exists: no trace;
//! - the process is killed between the commit and the rename: the next run of the same
//!   command finds the pending file, asks the backend whether its key exists, and either
//!   delivers it (renames it into place) or removes it (its key was never made).
//!
//! A token bound for stdout is printed right after the commit (flushed, and fsynced when
//! stdout is a regular file). If that write fails, the new key is revoked at once, so no
//! working key exists whose token nobody has.

use crate::error::{Error, Result};
use crate::token::Token;
use std::io::Write;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

const PENDING: &str = ".keysmith-pending";

/// Where new tokens go.
#[derive(Debug, Clone)]
pub enum Target {
    Stdout,
    /// One token file; `force` replaces whatever is there.
    File {
        path: PathBuf,
        force: bool,
    },
    /// One file per new key: `DIR/<key id>.token`.
    Dir(PathBuf),
}

/// A token delivered from an earlier run that was interrupted after its key was made.
#[derive(Debug)]
pub struct Recovered {
    pub key_id: String,
    pub path: PathBuf,
}

/// A token written to its pending file; [`Staged::finish`] puts it in place.
#[must_use]
pub struct Staged {
    pending: PathBuf,
    dest: PathBuf,
    token: Token,
}

fn io_error(what: &Path, e: &std::io::Error) -> Error {
    let dir = what.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match e.kind() {
        std::io::ErrorKind::StorageFull => Error::failure(format!("cannot write {}: the disk holding {} is full", what.display(), dir.display()))
            .hint("free some space, then run the same command again"),
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            Error::failure(format!("cannot write {}: permission denied", what.display()))
                .hint(format!("make {} writable, or choose another path", dir.display()))
        }
        _ => Error::failure(format!("cannot write {}: {e}", what.display())).hint("check that the directory exists and is writable"),
    }
}

fn parent(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn pending_of(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().unwrap_or_default().to_os_string();
    name.push(PENDING);
    dest.with_file_name(name)
}

/// The key id of the token a file holds, if it holds one.
fn token_key_id(path: &Path) -> Option<String> {
    let text = Zeroizing::new(std::fs::read_to_string(path).ok()?);
    text.parse::<Token>().ok().map(|t| t.key_id().to_string())
}

/// Creates and removes a file in `dir`: the surest test that a token can be written there.
fn probe(dir: &Path) -> Result<()> {
    let p = dir.join(format!(".keysmith-probe-{}", hex::encode(crate::crypto::random_array::<6>())));
    std::fs::OpenOptions::new().write(true).create_new(true).open(&p).map_err(|e| io_error(&p, &e))?;
    let _ = std::fs::remove_file(&p);
    Ok(())
}

fn sync_dir(dir: &Path) {
    // Makes the rename durable; a filesystem that cannot sync directories still renamed.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

impl Target {
    pub fn new(file: Option<&Path>, dir: Option<&Path>, force: bool) -> Self {
        match (file, dir) {
            (Some(p), _) => Target::File { path: p.to_path_buf(), force },
            (None, Some(d)) => Target::Dir(d.to_path_buf()),
            (None, None) => Target::Stdout,
        }
    }

    /// Checks the destination before anything changes. `replaces` is the key whose token
    /// an existing token file may hold and be replaced without `--force` (the key being
    /// rotated: rotating "into the same file" is what rotation is for).
    pub fn check(&self, replaces: Option<&str>) -> Result<()> {
        match self {
            Target::Stdout => {
                // A closed stdout swallows writes silently; refuse before minting anything.
                use std::os::fd::AsFd;
                std::io::stdout().as_fd().try_clone_to_owned().map_err(|_| {
                    Error::usage("stdout is closed, so the new token could not be shown").hint("pass --token-file PATH, or run with stdout open")
                })?;
                Ok(())
            }
            Target::File { path, force } => {
                if path.file_name().is_none() || path.is_dir() {
                    return Err(Error::usage(format!("{} is not a file path", path.display())).hint("name a file, e.g. --token-file ci.token"));
                }
                let dir = parent(path);
                if !dir.is_dir() {
                    return Err(Error::usage(format!("the directory {} does not exist", dir.display())).hint("create it first, or choose another path"));
                }
                if path.exists() && !force && !(replaces.is_some() && token_key_id(path).as_deref() == replaces) {
                    return Err(Error::usage(format!("{} already exists", path.display())).hint("choose another path, or pass --force to replace it"));
                }
                probe(dir)
            }
            Target::Dir(dir) => {
                let mut b = std::fs::DirBuilder::new();
                b.recursive(true);
                #[cfg(unix)]
                std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
                b.create(dir).map_err(|e| io_error(&dir.join("x"), &e))?;
                if !dir.is_dir() {
                    return Err(Error::usage(format!("{} is not a directory", dir.display())));
                }
                probe(dir)
            }
        }
    }

    /// Where the token of `key_id` ends up (None: stdout).
    pub fn path_for(&self, key_id: &str) -> Option<PathBuf> {
        match self {
            Target::Stdout => None,
            Target::File { path, .. } => Some(path.clone()),
            Target::Dir(dir) => Some(dir.join(format!("{key_id}.token"))),
        }
    }

    /// Writes the token to its pending file (nothing for stdout), before its key exists.
    pub fn stage(&self, token: &Token) -> Result<Option<Staged>> {
        let Some(dest) = self.path_for(token.key_id()) else { return Ok(None) };
        let pending = pending_of(&dest);
        let mut contents = token.expose();
        contents.push('\n');
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let written = (|| {
            let mut f = opts.open(&pending)?;
            f.write_all(contents.as_bytes())?;
            f.sync_all()
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&pending);
            return Err(io_error(&pending, &e));
        }
        Ok(Some(Staged { pending, dest, token: token.clone() }))
    }

    /// Pending files an interrupted run left here, as `(path, token)`; unreadable ones
    /// (a run killed while writing, before any key existed) are removed.
    fn pending(&self) -> Vec<(PathBuf, Token)> {
        let candidates: Vec<PathBuf> = match self {
            Target::Stdout => Vec::new(),
            Target::File { path, .. } => vec![pending_of(path)],
            Target::Dir(dir) => std::fs::read_dir(dir)
                .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.to_string_lossy().ends_with(&format!(".token{PENDING}"))).collect())
                .unwrap_or_default(),
        };
        let mut found = Vec::new();
        for p in candidates {
            if !p.exists() {
                continue;
            }
            match std::fs::read_to_string(&p).ok().map(Zeroizing::new).and_then(|t| t.parse::<Token>().ok()) {
                Some(t) => found.push((p, t)),
                None => {
                    let _ = std::fs::remove_file(&p);
                }
            }
        }
        found
    }

    /// Finishes what an interrupted run left: a pending token whose key exists (`is_live`)
    /// is put in place; one whose key was never made is removed.
    pub fn recover(&self, mut is_live: impl FnMut(&Token) -> Result<bool>) -> Result<Vec<Recovered>> {
        let found = self.pending();
        let live = found.iter().map(|(_, t)| is_live(t)).collect::<Result<Vec<_>>>()?;
        self.settle_pending(found, live)
    }

    /// [`Target::recover`] with the async liveness check of an agent client.
    pub async fn recover_async(&self, is_live: impl AsyncFn(&Token) -> Result<bool>) -> Result<Vec<Recovered>> {
        let found = self.pending();
        let mut live = Vec::with_capacity(found.len());
        for (_, token) in &found {
            live.push(is_live(token).await?);
        }
        self.settle_pending(found, live)
    }

    fn settle_pending(&self, found: Vec<(PathBuf, Token)>, live: Vec<bool>) -> Result<Vec<Recovered>> {
        let mut done = Vec::new();
        for ((pending, token), live) in found.into_iter().zip(live) {
            let Some(dest) = self.path_for(token.key_id()) else { continue };
            if live {
                let key_id = token.key_id().to_string();
                done.push(Recovered { key_id, path: Staged { pending, dest, token }.finish()? });
            } else {
                let _ = std::fs::remove_file(&pending);
            }
        }
        Ok(done)
    }
}

impl Staged {
    pub fn token(&self) -> &Token {
        &self.token
    }

    /// After a commit that failed with this token staged: if its key exists anyway (`live`:
    /// a remote backend's answer can be lost after it committed) the token is put in place,
    /// if not it is removed, and if that is unknown it stays pending for the next run.
    pub fn settle(self, e: Error, live: Result<bool>) -> Error {
        match live {
            Ok(false) => {
                self.abandon();
                e
            }
            Ok(true) => {
                let id = self.token.key_id().to_string();
                match self.finish() {
                    Ok(p) => e.hint(format!("key {id} was created nonetheless; its token is in {}", p.display())),
                    Err(f) => f,
                }
            }
            Err(_) => {
                let hint = format!("run the same command again: it delivers or discards the token left in {}", self.pending.display());
                e.hint(hint)
            }
        }
    }

    /// Puts the token in place: an atomic rename (what it replaces was allowed by
    /// [`Target::check`]), made durable by syncing the directory.
    pub fn finish(self) -> Result<PathBuf> {
        match std::fs::rename(&self.pending, &self.dest) {
            Ok(()) => {
                sync_dir(parent(&self.dest));
                Ok(self.dest)
            }
            Err(e) => Err(Error::failure(format!("the key exists, but its token could not be moved to {}: {e}", self.dest.display()))
                .hint(format!("the token is in {} (mode 0600); move it into place, or run the same command again", self.pending.display()))),
        }
    }

    /// Removes the pending file: its key was not made.
    pub fn abandon(self) {
        let _ = std::fs::remove_file(&self.pending);
    }
}

/// Writes `text` to stdout and makes it as durable as stdout allows.
pub fn print(out: &mut dyn Write, text: &str) -> Result<()> {
    out.write_all(text.as_bytes())?;
    out.flush()?;
    // When stdout is a regular file (a cron job's `> tokens.txt`), fsync it: a token must
    // not sit only in the page cache when the command reports success.
    use std::os::fd::AsFd;
    if let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() {
        let f = std::fs::File::from(fd);
        if f.metadata().map(|m| m.is_file()).unwrap_or(false) {
            f.sync_all()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staged_tokens_land_only_when_finished_and_recover_by_liveness() {
        let dir = tempfile::tempdir().unwrap();
        let target = Target::Dir(dir.path().join("tokens"));
        target.check(None).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(dir.path().join("tokens")).unwrap().permissions().mode() & 0o777, 0o700);
        }
        let (a, b, c) = (Token::generate(), Token::generate(), Token::generate());
        let staged = target.stage(&a).unwrap().unwrap();
        let final_a = target.path_for(a.key_id()).unwrap();
        assert!(!final_a.exists(), "not in place before the key exists");
        assert_eq!(staged.finish().unwrap(), final_a);
        assert_eq!(std::fs::read_to_string(&final_a).unwrap().trim(), a.expose().as_str());
        // Two runs "killed" after staging: b's key was made, c's was not.
        let _ = target.stage(&b).unwrap();
        let _ = target.stage(&c).unwrap();
        std::fs::write(dir.path().join("tokens").join(format!("0000000000000000.token{PENDING}")), "torn").unwrap();
        let got = target.recover(|t| Ok(t.key_id() == b.key_id())).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].key_id, b.key_id());
        let mut names: Vec<String> =
            std::fs::read_dir(dir.path().join("tokens")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        let mut want = vec![format!("{}.token", a.key_id()), format!("{}.token", b.key_id())];
        want.sort();
        assert_eq!(names, want, "c's token and the torn file are gone; nothing pending is left");
    }

    #[test]
    fn a_token_file_may_be_replaced_only_by_force_or_by_the_rotation_of_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ci.token");
        let old = Token::generate();
        std::fs::write(&path, format!("{}\n", old.expose().as_str())).unwrap();
        let t = Target::File { path: path.clone(), force: false };
        assert!(t.check(None).is_err());
        assert!(t.check(Some("0123456789abcdef")).is_err());
        t.check(Some(old.key_id())).unwrap();
        Target::File { path: path.clone(), force: true }.check(None).unwrap();
        let missing = Target::File { path: dir.path().join("nope").join("x.token"), force: false };
        assert_eq!(missing.check(None).unwrap_err().kind(), crate::error::Kind::Usage);
        // Abandoned stages leave nothing behind.
        let new = Token::generate();
        t.stage(&new).unwrap().unwrap().abandon();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
