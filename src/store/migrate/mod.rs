//! Reading every format version: the header is checked first, then the file is read as its
//! own version and migrated step by step (one module per step) to the current one.
//!
//! Version 1 is the first and current format, so the chain has no steps yet. A new version
//! adds `vN_to_vN1.rs` holding the old structs and the conversion, and a fixture
//! `tests/fixtures/vN.claimlens.ron`.

use super::StoreError;
use crate::edit::check_project;
use crate::model::{FORMAT_NAME, FORMAT_VERSION, Project};
use serde::Deserialize;
use std::path::Path;

/// Just the first fields of a project file.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u32>,
}

/// Parses a project file of any supported version into the current model.
pub fn load_any_version(text: &str, path: &Path) -> Result<(Project, u32), StoreError> {
    match ron::from_str::<Project>(text) {
        Ok(project) => {
            check_header(project.format.as_str(), project.version, path)?;
            check_project(&project).map_err(|error| StoreError::Invalid { path: path.to_owned(), error })?;
            Ok((project, FORMAT_VERSION))
        }
        Err(err) => {
            // The file does not parse as the current version: say why, with the header
            // first (another program's file, a newer version), then the parse error.
            if let Ok(header) = ron::from_str::<Header>(text) {
                let version = header.version.unwrap_or(0);
                check_header(header.format.as_deref().unwrap_or(""), version, path)?;
            } else if !looks_like_project(text) {
                return Err(StoreError::NotAProject { path: path.to_owned(), reason: describe_start(text) });
            }
            Err(parse_error(&err, path))
        }
    }
}

fn check_header(format: &str, version: u32, path: &Path) -> Result<(), StoreError> {
    if format != FORMAT_NAME {
        return Err(StoreError::NotAProject { path: path.to_owned(), reason: format!("its format is {format:?}") });
    }
    if version > FORMAT_VERSION {
        return Err(StoreError::NewerVersion { path: path.to_owned(), found: version, supported: FORMAT_VERSION });
    }
    if version == 0 {
        return Err(StoreError::NotAProject { path: path.to_owned(), reason: "it has no format version".into() });
    }
    Ok(())
}

fn looks_like_project(text: &str) -> bool {
    let head: String = text.chars().take(4096).collect();
    head.contains("format") && head.contains(FORMAT_NAME)
}

fn describe_start(text: &str) -> String {
    let start: String = text.trim_start().chars().take(24).collect();
    if start.is_empty() { "the file is empty".into() } else { format!("it starts with {start:?}") }
}

fn parse_error(err: &ron::error::SpannedError, path: &Path) -> StoreError {
    StoreError::Parse { path: path.to_owned(), line: err.span.start.line, col: err.span.start.col, message: err.code.to_string() }
}
