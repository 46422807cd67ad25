//! Crash-safe writes: temporary file, fsync, rename, fsync of the folder.

use super::StoreError;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    parent_of(path).join(format!(".{name}.tmp-{:08x}", fastrand::u32(..)))
}

fn sync_dir(dir: &Path) {
    // Directories cannot be opened for syncing on every platform; where they can, do it.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes `contents` to `path` so that `path` always holds either its old contents or all of
/// the new ones: a temporary file in the same folder, fsync, rename over `path`, fsync the folder.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(StoreError::io(path, e));
    }
    sync_dir(&parent_of(path));
    Ok(())
}

/// Makes `backup` a complete copy of `path`, atomically replacing any older backup.
/// A hard link costs nothing and stays valid because saves replace `path` by renaming;
/// where links are not supported, the file is copied.
pub fn keep_backup(path: &Path, backup: &Path) -> Result<(), StoreError> {
    let tmp = temp_path(backup);
    let linked = fs::hard_link(path, &tmp).is_ok();
    if !linked {
        let copy = (|| {
            fs::copy(path, &tmp)?;
            File::open(&tmp)?.sync_all()
        })();
        if let Err(e) = copy {
            let _ = fs::remove_file(&tmp);
            return Err(StoreError::io(backup, e));
        }
    }
    if let Err(e) = fs::rename(&tmp, backup) {
        let _ = fs::remove_file(&tmp);
        return Err(StoreError::io(backup, e));
    }
    Ok(())
}
