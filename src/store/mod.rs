//! Project files on disk: the versioned RON format, crash-safe saving with a backup,
//! detection of changes made by other programs, autosave recovery, and reading article files.
//!
//! This is the only module of the core that touches the filesystem.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

pub mod archive;
mod atomic;
mod encoding;
mod error;
mod input;
mod locate;
mod lock;
mod migrate;
mod output;
mod recovery;
mod split_parse;

pub use atomic::{STALE_TEMP_AGE, write_atomically};
pub use encoding::{ArticleText, decode_article};
pub use error::StoreError;
pub use input::{check_input, decode_utf8, read_input};
pub use lock::lock_path;
pub use output::{Existing, OutputOptions, same_file, write_output};
pub use recovery::{Recovery, discard_recovery, find_recovery, load_recovery, recovery_path, write_recovery};

use crate::model::Project;
use std::borrow::Cow;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How deep a project file is laid out one item per line: project, its lists, a document and its
/// lists; deeper (an annotation, a claim) is written on one line, but for line breaks in its text.
const PRETTY_DEPTH: usize = 4;

/// The extension of project files.
pub const EXTENSION: &str = ".claimlens.ron";
/// Project files larger than this are refused before reading (a safeguard against
/// opening the wrong file).
pub const MAX_PROJECT_BYTES: u64 = 256 * 1024 * 1024;
/// Article files larger than this are refused.
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// What a file looked like when claimlens last read or wrote it, to notice changes made by
/// other programs before saving over them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    /// Size in bytes.
    pub len: u64,
    /// Modification time.
    pub modified: Option<SystemTime>,
    /// Hash of the contents.
    pub hash: u64,
}

impl Fingerprint {
    /// The fingerprint of these bytes as found at `path`.
    fn of(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        let mut h = DefaultHasher::new();
        h.write(bytes);
        Self { len: bytes.len() as u64, modified, hash: h.finish() }
    }

    /// The fingerprint of the file at `path` now, or `None` if it does not exist.
    pub fn read(path: &Path) -> Result<Option<Self>, StoreError> {
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StoreError::io(path, e)),
            Ok(_) => {}
        }
        let bytes = read_input(path, MAX_PROJECT_BYTES)?;
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        Ok(Some(Self::of(&bytes, modified)))
    }

    /// Whether the file differs from this fingerprint (by size, time or contents).
    pub fn differs_from(&self, now: &Self) -> bool {
        self.len != now.len || self.hash != now.hash || self.modified != now.modified
    }
}

/// A project read from a file, with what is needed to save it back safely.
#[derive(Debug)]
pub struct Loaded {
    /// The project.
    pub project: Project,
    /// The file as it was read.
    pub fingerprint: Fingerprint,
    /// The format version the file had (older versions were migrated).
    pub from_version: u32,
    /// What loading repaired in the file, a message each (shown as warnings; saved back fixed).
    pub repairs: Vec<String>,
    /// Links whose target is missing: kept in the project as they are, listed here to be shown.
    pub orphaned_links: Vec<crate::model::links::OrphanedLink>,
}

/// Serialises a project to its file text: pretty RON, deterministic.
pub fn to_ron(project: &Project) -> Result<String, StoreError> {
    // Strings unescaped (raw where they hold quotes): the article text reads as text, a paragraph a
    // line, which diffs well, and writing it is a copy rather than a per-char escape.
    // Each annotation and each claim is one line (`depth_limit`; a quote spanning paragraphs keeps
    // its line breaks): a change to one is a change to its line, and reading skips far less indentation (the 1 MB, 10k-annotation file is a
    // third smaller and loads faster).
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        .separate_tuple_members(false)
        .escape_strings(false)
        .depth_limit(PRETTY_DEPTH);
    let mut text = ron::ser::to_string_pretty(project, config).map_err(|e| StoreError::Serialize(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Parses project file text (any supported version), migrating it to the current version and
/// checking every invariant. `path` is only used in error messages.
/// A UTF-8 byte-order mark and Windows line ends (git's `autocrlf` makes them) are read as the
/// file claimlens wrote.
pub fn from_ron(text: &str, path: &Path) -> Result<(Project, u32), StoreError> {
    migrate::load_any_version(&as_written(text), path)
}

/// The project file text as claimlens wrote it: without a leading byte-order mark, and with
/// LF line ends when every line ends in CRLF. A file where every line end became CRLF was
/// converted as a whole, so converting back restores the article text's own line breaks
/// exactly (a CR the text really had stays: it was written as `\r` + LF, now `\r\r\n`). A file
/// with any bare LF is left as it is.
pub fn as_written(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // Most files have no CR at all: one fast scan decides, without counting line ends.
    if !text.as_bytes().contains(&b'\r') {
        return Cow::Borrowed(text);
    }
    let lf = text.matches('\n').count();
    if lf > 0 && text.matches("\r\n").count() == lf { Cow::Owned(text.replace("\r\n", "\n")) } else { Cow::Borrowed(text) }
}

/// Loads a project file. Temporary files that killed saves of it left behind are removed.
pub fn load(path: &Path) -> Result<Loaded, StoreError> {
    remove_stale_temps(path);
    let bytes = read_input(path, MAX_PROJECT_BYTES)?;
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let text = decode_utf8(bytes, path)?;
    // The fingerprint's hash is computed on another core while the text is parsed.
    let (fingerprint, parsed) = std::thread::scope(|scope| {
        let hashing = std::thread::Builder::new()
            .name("claimlens-fingerprint".into())
            .spawn_scoped(scope, || Fingerprint::of(text.as_bytes(), modified));
        let parsed = migrate::load_repairing(&as_written(&text), path);
        let fingerprint = match hashing {
            Ok(handle) => handle.join().unwrap_or_else(|_| Fingerprint::of(text.as_bytes(), modified)),
            Err(_) => Fingerprint::of(text.as_bytes(), modified),
        };
        (fingerprint, parsed)
    });
    let (project, from_version, repairs) = parsed?;
    let orphaned_links = crate::model::links::orphaned_links(&project);
    Ok(Loaded { project, fingerprint, from_version, repairs, orphaned_links })
}

/// How [`save`] treats a file that changed on disk since it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    /// Refuse if the file differs from the expected fingerprint (or exists when none was expected).
    IfUnchanged,
    /// Save regardless.
    Force,
}

/// Saves a project crash-safely: the new version is written to a temporary file in the same
/// folder and synced, the old file is kept as `FILE.bak`, then the temporary file is renamed
/// over the old one and the folder synced. At every moment `path` holds either the complete
/// old version or the complete new one.
///
/// `expected` is the fingerprint from when the file was read (or last saved); with
/// [`Overwrite::IfUnchanged`], a file changed by another program since then is not touched and
/// [`StoreError::ChangedOnDisk`] is returned. Returns the new fingerprint.
pub fn save(
    path: &Path,
    project: &Project,
    expected: Option<&Fingerprint>,
    overwrite: Overwrite,
) -> Result<Fingerprint, StoreError> {
    let text = to_ron(project)?;
    // Held from the check to the rename: a second program saving meanwhile waits, then finds
    // the file changed and is refused.
    let lock = lock::lock_for_saving(&atomic::resolve_target(path)?.path)?;
    // What is there may have changed while waiting for the lock.
    let target = atomic::resolve_target(path)?;
    if overwrite == Overwrite::IfUnchanged {
        let now = Fingerprint::read(&target.path)?;
        let changed = match (&now, expected) {
            (Some(now), Some(exp)) => exp.differs_from(now),
            (Some(_), None) => true,
            (None, _) => false,
        };
        if changed {
            return Err(StoreError::ChangedOnDisk(path.to_owned()));
        }
    }
    // The originals of imported pages go first: a saved project never names one still only in memory.
    archive::write_pending(&target.path, project)?;
    if target.existing.is_some() {
        atomic::keep_backup(&target.path, &backup_path(&target.path))?;
    }
    atomic::write_to(&target, text.as_bytes())?;
    let modified = std::fs::metadata(&target.path).and_then(|m| m.modified()).ok();
    drop(lock);
    let fingerprint = Fingerprint::of(text.as_bytes(), modified);
    // The recovery file is now older than the saved work: drop it.
    let _ = discard_recovery(path);
    remove_stale_temps(path);
    Ok(fingerprint)
}

/// Removes the temporary files that killed saves of `path`, its backup or its recovery file
/// left behind (older than [`STALE_TEMP_AGE`]); returns how many.
pub fn remove_stale_temps(path: &Path) -> usize {
    atomic::remove_stale_temps(&[path, &backup_path(path), &recovery_path(path)])
}

/// Where the previous version of `path` is kept: `FILE.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    append_to_name(path, ".bak")
}

fn append_to_name(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// Reads an annotation or JSON file as text (a regular file, size-limited, UTF-8 checked).
pub fn read_text(path: &Path) -> Result<String, StoreError> {
    decode_utf8(read_input(path, MAX_ARTICLE_BYTES)?, path)
}

/// Reads an article file (a regular file, size-limited): UTF-8, or UTF-16 by its byte-order
/// mark, or Windows-1252, saying which encoding was assumed.
pub fn read_article(path: &Path) -> Result<ArticleText, StoreError> {
    decode_article(read_input(path, MAX_ARTICLE_BYTES)?, path)
}

/// Creates a folder for export files (and its parents) if it does not exist.
pub fn create_output_dir(path: &Path) -> Result<(), StoreError> {
    if path.is_file() {
        return Err(StoreError::io(path, std::io::Error::new(std::io::ErrorKind::AlreadyExists, "a file, not a folder")));
    }
    std::fs::create_dir_all(path).map_err(|e| StoreError::io(path, e))
}

/// Whether a path names a project file (by its extension).
pub fn is_project_path(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(EXTENSION) || n.ends_with(".recovery"))
}

/// The size of the file at `path` in bytes, if it can be read.
pub fn file_size(path: &Path) -> Option<u64> {
    std::fs::metadata(path).ok().map(|m| m.len())
}

/// `path` made absolute with links resolved, or as given where that fails (it does not exist).
pub fn canonical_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

/// Writes an export: one file for text formats, or a folder of files (brat), each crash-safely
/// and as `options` says about what is there. Returns how many files were written.
pub fn write_export(path: &Path, output: &crate::formats::ExportOutput, options: &OutputOptions) -> Result<usize, StoreError> {
    match output {
        crate::formats::ExportOutput::Text(text) => {
            write_output(path, text.as_bytes(), options)?;
            Ok(1)
        }
        crate::formats::ExportOutput::Files(files) => {
            create_output_dir(path)?;
            for (name, contents) in files {
                write_output(&path.join(name), contents.as_bytes(), options)?;
            }
            Ok(files.len())
        }
    }
}

/// The `*.txt` files directly inside a folder, sorted by name (for `claimlens suggest DIR`).
pub fn text_files_in(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    files_in(dir, "txt")
}

/// The files named `*.EXT` directly inside a folder, sorted by name.
pub fn files_in(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, StoreError> {
    let entries = std::fs::read_dir(dir).map_err(|e| StoreError::io(dir, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| StoreError::io(dir, e))?.path();
        if path.extension().is_some_and(|x| x == ext) && !path.is_dir() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// This process's resident memory in MB, from `/proc/self/statm` (Linux); `None` elsewhere.
pub fn resident_memory_mb() -> Option<f64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: f64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096.0 / (1024.0 * 1024.0))
}

/// The part of this process's resident memory, in MB, that is the pages of shared libraries whose
/// path contains one of `names` (from `/proc/self/smaps`, Linux); `None` elsewhere. Used to tell
/// the OpenGL driver's share (Mesa's software renderer maps LLVM) from the window's own.
pub fn resident_library_mb(names: &[&str]) -> Option<f64> {
    let smaps = std::fs::read_to_string("/proc/self/smaps").ok()?;
    let mut counting = false;
    let mut kb = 0u64;
    for line in smaps.lines() {
        if let Some(rss) = line.strip_prefix("Rss:") {
            if counting {
                kb += rss.trim().trim_end_matches("kB").trim().parse::<u64>().unwrap_or(0);
            }
        } else if line.split_whitespace().next().is_some_and(|range| range.contains('-') && !range.ends_with(':')) {
            // A mapping's header line: `start-end perms offset dev inode [path]`.
            counting = line.split_whitespace().nth(5).is_some_and(|path| names.iter().any(|n| path.contains(n)));
        }
    }
    Some(kb as f64 / 1024.0)
}
