//! Files that hold secrets: created 0600, written atomically (temp file + rename),
//! never overwritten unless asked.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` with mode 0600. Refuses to replace an existing file
/// unless `overwrite`; a crash leaves either the old file or the new one, never half.
pub fn write_private(path: &Path, contents: &[u8], overwrite: bool) -> Result<()> {
    if !overwrite && path.exists() {
        return Err(Error::usage(format!("{} already exists", path.display())).hint("choose another path, or pass --force to replace it"));
    }
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| Error::usage(format!("{} is not a file path", path.display())))?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), hex::encode(crate::crypto::random_array::<6>())));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let result = (|| -> std::io::Result<()> {
        let mut f = opts.open(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        if overwrite {
            std::fs::rename(&tmp, path)
        } else {
            // hard_link fails if the target appeared meanwhile: never clobber.
            std::fs::hard_link(&tmp, path)?;
            std::fs::remove_file(&tmp)
        }
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::failure(format!("cannot write {}: {e}", path.display())).hint("check that the directory exists and is writable"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_files_are_0600_and_not_clobbered() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("token");
        write_private(&p, b"one", false).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert!(write_private(&p, b"two", false).is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_private(&p, b"three", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"three");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file left behind");
    }
}
