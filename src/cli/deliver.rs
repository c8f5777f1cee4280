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
    /// One file per new key in a directory, named by a template of `{label}` and `{id}`
    /// (`{label}.token` by default): a stable name per agent, replaced atomically by the
    /// next rotation.
    Dir {
        dir: PathBuf,
        name: String,
        force: bool,
    },
}

/// The default name of a token file in a token directory.
pub const DEFAULT_TOKEN_NAME: &str = "{label}.token";

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
    pub fn new(file: Option<&Path>, dir: Option<(&Path, &str)>, force: bool) -> Self {
        match (file, dir) {
            (Some(p), _) => Target::File { path: p.to_path_buf(), force },
            (None, Some((d, name))) => Target::Dir { dir: d.to_path_buf(), name: name.to_string(), force },
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
            Target::Dir { dir, name, .. } => {
                if !name.contains("{label}") && !name.contains("{id}") {
                    return Err(Error::usage(format!("--token-name `{}` names every token file the same", crate::render::sanitize(name)))
                        .hint("use {label} or {id} in it, e.g. {label}.token"));
                }
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

    /// Where the token of key `key_id` labelled `label` ends up (None: stdout).
    pub fn path_for(&self, key_id: &str, label: &str) -> Result<Option<PathBuf>> {
        Ok(match self {
            Target::Stdout => None,
            Target::File { path, .. } => Some(path.clone()),
            Target::Dir { dir, name, .. } => {
                let file = name.replace("{id}", key_id).replace("{label}", label);
                let mut parts = Path::new(&file).components();
                let single = matches!((parts.next(), parts.next()), (Some(std::path::Component::Normal(_)), None));
                if !single || file.ends_with(PENDING) {
                    return Err(Error::usage(format!("the token file name `{}` (key {key_id}) is not a file name", crate::render::sanitize(&file)))
                        .hint("pass --token-name with {id}, e.g. {id}.token, for labels that are not file names"));
                }
                Some(dir.join(file))
            }
        })
    }

    /// Before a rotation of `keys` (id, label) into a token directory: every file name is a
    /// file name, no two keys share one, and a file already there holds the token of the
    /// key it replaces (or --force).
    pub fn check_names<'a>(&self, keys: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<()> {
        let Target::Dir { name, force, .. } = self else { return Ok(()) };
        let mut seen: Vec<(PathBuf, &str)> = Vec::new();
        for (old_id, label) in keys {
            // With {id} the name carries the new key's id: unique, and not there yet.
            let dest = self.path_for("0000000000000000", label)?.expect("a directory names files");
            if name.contains("{id}") {
                continue;
            }
            if let Some((_, other)) = seen.iter().find(|(p, _)| *p == dest) {
                return Err(Error::usage(format!("keys {other} and {old_id} would write the same token file {}", dest.display()))
                    .hint("pass --token-name with {id}, e.g. {label}-{id}.token"));
            }
            if dest.exists() && !force && token_key_id(&dest).as_deref() != Some(old_id) {
                return Err(Error::usage(format!("{} already exists and does not hold the token of key {old_id}", dest.display()))
                    .hint("choose another --token-dir or --token-name, or pass --force to replace it"));
            }
            seen.push((dest, old_id));
        }
        Ok(())
    }

    /// Writes the token to its pending file (nothing for stdout), before its key exists.
    pub fn stage(&self, token: &Token, label: &str) -> Result<Option<Staged>> {
        let Some(dest) = self.path_for(token.key_id(), label)? else { return Ok(None) };
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
            Target::Dir { dir, .. } => std::fs::read_dir(dir)
                .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.to_string_lossy().ends_with(PENDING)).collect())
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
            // The destination is the pending file's own name without its suffix.
            let Some(dest) = pending.to_str().and_then(|p| p.strip_suffix(PENDING)).map(PathBuf::from) else { continue };
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
        let target = Target::Dir { dir: dir.path().join("tokens"), name: "{id}.token".into(), force: false };
        target.check(None).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(dir.path().join("tokens")).unwrap().permissions().mode() & 0o777, 0o700);
        }
        let (a, b, c) = (Token::generate(), Token::generate(), Token::generate());
        let staged = target.stage(&a, "ci").unwrap().unwrap();
        let final_a = target.path_for(a.key_id(), "ci").unwrap().unwrap();
        assert!(!final_a.exists(), "not in place before the key exists");
        assert_eq!(staged.finish().unwrap(), final_a);
        assert_eq!(std::fs::read_to_string(&final_a).unwrap().trim(), a.expose().as_str());
        // Two runs "killed" after staging: b's key was made, c's was not.
        let _ = target.stage(&b, "ci").unwrap();
        let _ = target.stage(&c, "ci").unwrap();
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
        t.stage(&new, "ci").unwrap().unwrap().abandon();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn token_names_are_file_names_unique_per_rotation_and_replace_only_their_own_key() {
        let dir = tempfile::tempdir().unwrap();
        let by_label = Target::Dir { dir: dir.path().to_path_buf(), name: DEFAULT_TOKEN_NAME.into(), force: false };
        by_label.check(None).unwrap();
        assert_eq!(by_label.path_for("00112233445566aa", "ci").unwrap().unwrap(), dir.path().join("ci.token"));
        for bad in ["../escape", "a/b", "/abs"] {
            assert_eq!(by_label.path_for("00112233445566aa", bad).unwrap_err().kind(), crate::error::Kind::Usage, "{bad:?}");
        }
        // Two keys with one label would write one file; {id} tells them apart.
        assert!(by_label.check_names([("00000000000000a1", "ci"), ("00000000000000a2", "ci")]).is_err());
        let by_id = Target::Dir { dir: dir.path().to_path_buf(), name: "{label}-{id}.token".into(), force: false };
        by_id.check_names([("00000000000000a1", "ci"), ("00000000000000a2", "ci")]).unwrap();
        // A file already there is replaced only when it holds the rotated key's token.
        let old = Token::generate();
        std::fs::write(dir.path().join("ci.token"), format!("{}\n", old.expose().as_str())).unwrap();
        by_label.check_names([(old.key_id(), "ci")]).unwrap();
        assert!(by_label.check_names([("00000000000000a1", "ci")]).is_err());
        Target::Dir { dir: dir.path().to_path_buf(), name: DEFAULT_TOKEN_NAME.into(), force: true }.check_names([("00000000000000a1", "ci")]).unwrap();
        let same = Target::Dir { dir: dir.path().to_path_buf(), name: "token".into(), force: false };
        assert!(same.check(None).is_err(), "a name without {{label}} or {{id}} is refused");
    }
}
