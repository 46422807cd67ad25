//! Crash-safe writes: temporary file, fsync, rename, fsync of the folder.

use super::StoreError;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

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

/// Temporary files older than this are left over from a save that was killed (a save takes
/// well under a second); younger ones may belong to a save in progress.
pub const STALE_TEMP_AGE: Duration = Duration::from_mins(10);

/// Removes the temporary files (`.NAME.tmp-XXXXXXXX`) that saves of any of `paths` left behind
/// when killed, if older than [`STALE_TEMP_AGE`]. Returns how many were removed. Best effort:
/// a file that cannot be listed or removed is left alone.
pub fn remove_stale_temps(paths: &[&Path]) -> usize {
    let Some(first) = paths.first() else { return 0 };
    let dir = parent_of(first);
    let prefixes: Vec<String> =
        paths.iter().filter_map(|p| p.file_name()).map(|n| format!(".{}.tmp-", n.to_string_lossy())).collect();
    let Ok(entries) = fs::read_dir(&dir) else { return 0 };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = prefixes.iter().any(|p| {
            name.strip_prefix(p.as_str()).is_some_and(|rest| rest.len() == 8 && rest.chars().all(|c| c.is_ascii_hexdigit()))
        });
        if !ours {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta.modified().ok().and_then(|m| now.duration_since(m).ok()).is_some_and(|age| age >= STALE_TEMP_AGE);
        if meta.is_file() && old && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
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
