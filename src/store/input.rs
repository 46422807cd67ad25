//! Reading input files: the one way every file claimlens reads comes in. Only regular files are
//! read (a FIFO or a device would block or never end), and never more than a limit.

use super::StoreError;
use std::fs::{self, File};
use std::io::Read;
use std::path::Path;

/// What kind of special file `meta` describes ("FIFO", "character device"...), or `None` for a
/// regular file.
pub(super) fn special_kind(meta: &fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("FIFO");
        }
        if t.is_char_device() {
            return Some("character device");
        }
        if t.is_block_device() {
            return Some("block device");
        }
        if t.is_socket() {
            return Some("socket");
        }
    }
    Some("special file")
}

/// Refuses anything at `path` that is not a regular file (following symlinks).
fn check_regular(path: &Path, meta: &fs::Metadata) -> Result<(), StoreError> {
    match special_kind(meta) {
        None => Ok(()),
        Some("folder") => Err(StoreError::IsADirectory(path.to_owned())),
        Some(kind) => Err(StoreError::NotARegularFile { path: path.to_owned(), kind }),
    }
}

/// Refuses `path` unless it is a regular file that exists (following symlinks), without
/// opening it: what [`read_input`] checks first, for callers that decide by name next.
pub fn check_input(path: &Path) -> Result<(), StoreError> {
    let meta = fs::metadata(path).map_err(|e| StoreError::io(path, e))?;
    check_regular(path, &meta)
}

/// Reads the whole regular file at `path`, refusing special files (FIFOs, devices, sockets,
/// folders) before opening them, and files larger than `limit` before reading them. Reading
/// stops after `limit` bytes even if the file grows meanwhile.
pub fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>, StoreError> {
    let meta = fs::metadata(path).map_err(|e| StoreError::io(path, e))?;
    check_regular(path, &meta)?;
    if meta.len() > limit {
        return Err(StoreError::TooLarge { path: path.to_owned(), size: meta.len(), limit });
    }
    let file = File::open(path).map_err(|e| StoreError::io(path, e))?;
    // The file may have been swapped between the look and the open: look again at what is open.
    let opened = file.metadata().map_err(|e| StoreError::io(path, e))?;
    check_regular(path, &opened)?;
    let mut bytes = Vec::with_capacity(usize::try_from(opened.len().min(limit)).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| StoreError::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(StoreError::TooLarge { path: path.to_owned(), size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// Decodes UTF-8, reporting the line and column of the first invalid byte.
pub fn decode_utf8(bytes: Vec<u8>, path: &Path) -> Result<String, StoreError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = e.as_bytes().get(..valid).unwrap_or_default();
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default()).chars().count() + 1;
        StoreError::Parse { path: path.to_owned(), line, col, message: "invalid UTF-8: this is not a text file".into() }
    })
}
