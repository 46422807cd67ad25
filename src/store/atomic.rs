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

/// Symbolic links followed before claimlens gives up (as the kernel does).
const MAX_SYMLINK_HOPS: usize = 40;

/// A file about to be written: the path of the file itself (symlinks followed) and what is
/// there now.
#[derive(Debug)]
pub(super) struct Target {
    /// The file written (a symlink's target, never the link).
    pub path: PathBuf,
    /// The regular file there now, if any.
    pub existing: Option<fs::Metadata>,
}

/// Where a write to `path` goes: symlinks are followed so the file they point to is saved and
/// the link stays a link. Refuses anything there that is not a regular file (a device, FIFO,
/// socket or folder is never renamed over) and read-only files.
pub(super) fn resolve_target(path: &Path) -> Result<Target, StoreError> {
    let mut current = path.to_owned();
    for _ in 0..MAX_SYMLINK_HOPS {
        let meta = match fs::symlink_metadata(&current) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target { path: current, existing: None }),
            Err(e) => return Err(StoreError::io(path, e)),
        };
        if meta.file_type().is_symlink() {
            let link = fs::read_link(&current).map_err(|e| StoreError::io(path, e))?;
            current = if link.is_absolute() { link } else { parent_of(&current).join(link) };
            continue;
        }
        match super::input::special_kind(&meta) {
            None if meta.permissions().readonly() => return Err(StoreError::ReadOnly(path.to_owned())),
            None => return Ok(Target { path: current, existing: Some(meta) }),
            Some("folder") => return Err(StoreError::IsADirectory(path.to_owned())),
            Some(kind) => return Err(StoreError::NotARegularFile { path: path.to_owned(), kind }),
        }
    }
    Err(StoreError::io(path, std::io::Error::other("too many levels of symbolic links")))
}

/// Creates the temporary file: as an ordinary new file (0666 less the umask) when there is no
/// old one, else readable only by its owner until it gets the old file's mode.
fn create_temp(tmp: &Path, replacing: bool) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, if replacing { 0o600 } else { 0o666 });
    #[cfg(not(unix))]
    let _ = replacing;
    options.open(tmp)
}

/// Gives the new file the old one's permissions and, where permitted, its owner and group.
fn copy_mode(file: &File, old: &fs::Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; for anyone else this keeps the group where allowed.
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
    file.set_permissions(old.permissions())
}

/// Writes `contents` to `path` so that `path` always holds either its old contents or all of
/// the new ones: a temporary file in the same folder, fsync, rename over `path`, fsync the
/// folder. Symlinks are followed; special and read-only files are refused; the file keeps its
/// mode and owner.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    write_to(&resolve_target(path)?, contents)
}

/// [`write_atomically`] to a resolved target.
pub(super) fn write_to(target: &Target, contents: &[u8]) -> Result<(), StoreError> {
    let path = &target.path;
    let tmp = temp_path(path);
    let result = (|| {
        let mut f = create_temp(&tmp, target.existing.is_some())?;
        if let Some(old) = &target.existing {
            copy_mode(&f, old)?;
        }
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
    let renamed = fs::rename(&tmp, backup);
    // Renaming a file over another link to the same file (`ln P P.bak`) succeeds and does
    // nothing: the temporary link is still there either way it went.
    let _ = fs::remove_file(&tmp);
    renamed.map_err(|e| StoreError::io(backup, e))
}
