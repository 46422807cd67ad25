//! Errors of the store, each naming the file and, where there is one, the line and column.

use crate::edit::ProjectError;
use std::path::{Path, PathBuf};

/// Why a file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The operating system refused (not found, permissions, disk full...).
    // The OS error is part of the message and deliberately not the error's `source`: a chain
    // printed with `{:#}` would say it twice.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        error: std::io::Error,
    },
    /// The file is not valid: a syntax error or a value of the wrong shape.
    #[error("{}:{line}:{col}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column (in chars).
        col: usize,
        /// What is wrong.
        message: String,
    },
    /// The file is not a claimlens project at all.
    #[error("{}: not a claimlens project ({reason})", path.display())]
    NotAProject {
        /// The file.
        path: PathBuf,
        /// What was found instead.
        reason: String,
    },
    /// The file was written by a newer claimlens.
    #[error(
        "{}: this project was saved by a newer claimlens (format version {found}); this version reads up to version {supported}. Update claimlens to open it.",
        path.display()
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The file parses but breaks an invariant (a range past the end of the text...).
    #[error("{}{}: {error}", path.display(), line_col(*at))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The broken invariant, with the item breaking it ("claim c-… points at a missing annotation a-…").
        error: Box<ProjectError>,
        /// The line and column of the offending item in the file, where it was found.
        at: Option<(usize, usize)>,
    },
    /// The file is larger than claimlens accepts.
    #[error("{}: the file is {size} bytes, more than the {limit} bytes claimlens opens", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A folder where a file was expected.
    #[error("{}: is a folder, not a file", .0.display())]
    IsADirectory(PathBuf),
    /// Another program changed the file since claimlens read it.
    #[error("{}: the file was changed by another program since it was read; not overwritten", .0.display())]
    ChangedOnDisk(PathBuf),
    /// The file is read-only: claimlens does not replace it.
    #[error("{}: the file is read-only; not replaced", .0.display())]
    ReadOnly(PathBuf),
    /// A device, FIFO, socket or other special file where a regular file was expected.
    #[error("{}: is a {kind}, not a regular file; claimlens reads and writes only regular files", path.display())]
    NotARegularFile {
        /// The file.
        path: PathBuf,
        /// What it is instead ("FIFO", "character device"...).
        kind: &'static str,
    },
    /// Writing would replace a file the user did not ask to replace.
    #[error("{}: {reason}", path.display())]
    WouldOverwrite {
        /// The file that would be replaced.
        path: PathBuf,
        /// Why it is not replaced, and what to do.
        reason: String,
    },
    /// The file is not something claimlens can read as an article (its type, or its content).
    #[error("{}: {reason}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why (the types claimlens reads; no text layer; no article in the page).
        reason: String,
    },
    /// The project could not be serialised (should not happen).
    #[error("could not write the project: {0}")]
    Serialize(String),
}

impl StoreError {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io { path: path.to_owned(), error: source }
    }

    /// The line and column the error points at, if any.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            Self::Parse { line, col, .. } => Some((*line, *col)),
            Self::Invalid { at, .. } => *at,
            _ => None,
        }
    }
}

/// ":LINE:COL" for an error message, or nothing.
fn line_col(at: Option<(usize, usize)>) -> String {
    at.map(|(line, col)| format!(":{line}:{col}")).unwrap_or_default()
}
