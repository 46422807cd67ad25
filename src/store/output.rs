//! Writing exports and other outputs without replacing what the user did not ask to replace:
//! never an input of the same command, never a project file, and an existing output only when
//! asked (keeping the old one as `NAME.bak`).

use super::atomic::{self, Target};
use super::{StoreError, append_to_name};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// What a write does with a file already at the output path.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Existing {
    /// Replace it (an output named explicitly, such as `export -o report.csv`).
    #[default]
    Replace,
    /// Refuse, saying to pass `--force`.
    Refuse,
    /// Replace it, keeping the old file as `NAME.bak` (`--force`).
    ReplaceKeepingBackup,
}

/// How [`write_output`] treats what is already there.
#[derive(Clone, Debug, Default)]
pub struct OutputOptions {
    /// What to do with an existing output file.
    pub existing: Existing,
    /// The files the command read: never written over, whatever `existing` says.
    pub inputs: Vec<PathBuf>,
}

impl OutputOptions {
    /// Options that refuse existing outputs, or replace them keeping a backup when `force`.
    pub fn refuse_unless(force: bool, inputs: Vec<PathBuf>) -> Self {
        Self { existing: if force { Existing::ReplaceKeepingBackup } else { Existing::Refuse }, inputs }
    }
}

/// Whether two paths name the same existing file (the same inode where there are inodes).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (fs::metadata(a), fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}

/// Whether the file at `path` is a claimlens project (by its name or its first fields).
fn holds_a_project(path: &Path) -> bool {
    if super::is_project_path(path) {
        return true;
    }
    let mut head = Vec::new();
    let read = fs::File::open(path).and_then(|f| f.take(512).read_to_end(&mut head));
    read.is_ok() && String::from_utf8_lossy(&head).contains("format: \"claimlens\"")
}

fn refuse(path: &Path, reason: impl Into<String>) -> StoreError {
    StoreError::WouldOverwrite { path: path.to_owned(), reason: reason.into() }
}

/// Checks that writing to `target` replaces nothing it must not, and keeps a backup when asked.
fn make_way(path: &Path, target: &Target, options: &OutputOptions) -> Result<(), StoreError> {
    if target.existing.is_none() {
        return Ok(());
    }
    if options.inputs.iter().any(|input| same_file(input, &target.path)) {
        return Err(refuse(path, "is an input of this command; not overwritten"));
    }
    if holds_a_project(&target.path) {
        return Err(refuse(path, "is a claimlens project; an export never replaces one"));
    }
    match options.existing {
        Existing::Replace => Ok(()),
        Existing::Refuse => {
            Err(refuse(path, "already exists; pass --force to replace it (the old file is kept with .bak added to its name)"))
        }
        Existing::ReplaceKeepingBackup => atomic::keep_backup(&target.path, &append_to_name(&target.path, ".bak")),
    }
}

/// Writes an export or other output file crash-safely (no change check). Symlinks are followed;
/// special files, read-only files, inputs of the command and project files are never replaced;
/// an existing file is replaced as `options.existing` says.
pub fn write_output(path: &Path, contents: &[u8], options: &OutputOptions) -> Result<(), StoreError> {
    let target = atomic::resolve_target(path)?;
    make_way(path, &target, options)?;
    atomic::write_to(&target, contents)
}
