//! Autosave recovery: unsaved work written beside the project as `FILE.recovery`, offered
//! back when the project is opened and the recovery is newer than the file.

use super::{MAX_PROJECT_BYTES, StoreError, append_to_name, decode_utf8, from_ron, read_input, to_ron, write_atomically};
use crate::model::Project;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A recovery file found beside a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recovery {
    /// The recovery file.
    pub path: PathBuf,
    /// When it was written.
    pub modified: SystemTime,
}

/// Where unsaved work on `path` is autosaved: `FILE.recovery`.
pub fn recovery_path(path: &Path) -> PathBuf {
    append_to_name(path, ".recovery")
}

/// Autosaves `project` (unsaved work on the file at `path`) to the recovery file, atomically.
pub fn write_recovery(path: &Path, project: &Project) -> Result<PathBuf, StoreError> {
    let target = recovery_path(path);
    write_atomically(&target, to_ron(project)?.as_bytes())?;
    Ok(target)
}

/// A recovery file for `path` that is newer than `path` itself (or `path` is gone).
pub fn find_recovery(path: &Path) -> Option<Recovery> {
    let rec = recovery_path(path);
    let rec_time = std::fs::metadata(&rec).and_then(|m| m.modified()).ok()?;
    let file_time = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    match file_time {
        Some(t) if t >= rec_time => None,
        _ => Some(Recovery { path: rec, modified: rec_time }),
    }
}

/// Reads a recovery file.
pub fn load_recovery(recovery: &Recovery) -> Result<Project, StoreError> {
    let text = decode_utf8(read_input(&recovery.path, MAX_PROJECT_BYTES)?, &recovery.path)?;
    from_ron(&text, &recovery.path).map(|(p, _)| p)
}

/// Deletes the recovery file of `path`, if any.
pub fn discard_recovery(path: &Path) -> Result<(), StoreError> {
    let rec = recovery_path(path);
    match std::fs::remove_file(&rec) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io(&rec, e)),
    }
}
