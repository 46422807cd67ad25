//! The advisory lock that makes a save a compare-and-swap: held from the check that the file is
//! unchanged to the rename of the new version, so two programs saving one project at once
//! cannot both pass the check and one silently lose the other's work.
//!
//! On Unix the lock is taken on the project's folder itself (`flock` on the directory), which
//! leaves nothing behind; elsewhere on a lock file beside the project, `.NAME.lock`.

use super::StoreError;
use std::fs::File;
#[cfg(not(unix))]
use std::fs::OpenOptions;
use std::path::{Path, PathBuf};

/// The lock file beside `path` where folders cannot be locked: `.NAME.lock`. It is never
/// removed (removing a lock file lets a third program lock a new file while the second still
/// holds the old one); it stays empty.
pub fn lock_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.lock"))
}

/// An exclusive lock on saving one file, released when dropped (or when the process dies).
#[derive(Debug)]
pub(super) struct SaveLock {
    _file: File,
}

/// What is locked for saving `path`, opened.
fn open_lock(path: &Path) -> Result<File, StoreError> {
    #[cfg(unix)]
    {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        File::open(dir).map_err(|e| StoreError::io(dir, e))
    }
    #[cfg(not(unix))]
    {
        let lock = lock_path(path);
        OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&lock).map_err(|e| StoreError::io(&lock, e))
    }
}

/// Waits for and takes the exclusive save lock of `path`.
pub(super) fn lock_for_saving(path: &Path) -> Result<SaveLock, StoreError> {
    let file = open_lock(path)?;
    file.lock().map_err(|e| StoreError::io(path, e))?;
    Ok(SaveLock { _file: file })
}
