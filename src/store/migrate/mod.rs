//! Reading every format version: the header is checked first, then the file is read as its
//! own version and migrated step by step (one module per step) to the current one.
//!
//! Version 4 is current. Each step is a module `vN_to_vN1.rs` (holding the old structs when
//! the shape changed, and the conversion) with a fixture `tests/fixtures/vN.claimlens.ron`:
//! 1 → 2 added claim links and document publishers ([`v1_to_v2`]); 2 → 3 the merge conflicts a
//! project holds ([`v2_to_v3`]); 3 → 4 whom a source speaks for, unnamed sources and the day a
//! claim was said ([`v3_to_v4`]).

use super::StoreError;
use crate::edit::{ProjectError, check_project_items, repair_duplicate_annotation_ids, repair_stray_source_spans};
use crate::model::{FORMAT_NAME, FORMAT_VERSION, Project};
use serde::Deserialize;
use std::path::Path;

pub mod v1_to_v2;
pub mod v2_to_v3;
pub mod v3_to_v4;

/// Brings a project read as the current structs from a file of `version` up to the current
/// version, one step at a time.
fn migrate_chain(mut project: Project, version: u32) -> Project {
    if version <= v1_to_v2::FROM {
        project = v1_to_v2::migrate(project);
    }
    if version <= v2_to_v3::FROM {
        project = v2_to_v3::migrate(project);
    }
    if version <= v3_to_v4::FROM {
        project = v3_to_v4::migrate(project);
    }
    project.version = FORMAT_VERSION;
    project
}

/// Just the first fields of a project file. Plain (not `Option`) fields: RON would expect
/// `Some("claimlens")` for an `Option`, and the header would never parse.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: String,
    #[serde(default)]
    version: u32,
}

/// Parses a project file of any supported version into the current model.
pub fn load_any_version(text: &str, path: &Path) -> Result<(Project, u32), StoreError> {
    load_repairing(text, path).map(|(project, version, _)| (project, version))
}

/// [`load_any_version`], also returning a message per repair made to an older file (a source
/// span left linked to a claim its source was taken off: [`repair_stray_source_spans`]).
pub fn load_repairing(text: &str, path: &Path) -> Result<(Project, u32, Vec<String>), StoreError> {
    // A large file is parsed in parts on two cores when it is laid out as claimlens writes it.
    let parsed = super::split_parse::parse_in_parts(text).map_or_else(|| ron::from_str::<Project>(text), Ok);
    match parsed {
        Ok(mut project) => {
            crate::model::labels::derive_roles(&mut project.labels);
            check_header(project.format.as_str(), project.version, path)?;
            let from_version = project.version;
            project = migrate_chain(project, from_version);
            let mut repairs = repair_duplicate_annotation_ids(&mut project);
            repairs.extend(repair_stray_source_spans(&mut project));
            check_project_items(&project).map_err(|e| invalid(e, text, path))?;
            Ok((project, from_version, repairs))
        }
        Err(err) => {
            // The file does not parse as the current version: say why, with the header
            // first (another program's file, a newer version), then the parse error.
            if let Ok(header) = ron::from_str::<Header>(text) {
                check_header(&header.format, header.version, path)?;
            } else if !looks_like_project(text) {
                return Err(StoreError::NotAProject { path: path.to_owned(), reason: describe_start(text) });
            }
            Err(parse_error(&err, path))
        }
    }
}

/// The error for a file breaking an invariant, at the line and column of the item breaking it.
fn invalid(e: ProjectError, text: &str, path: &Path) -> StoreError {
    let at = e.item.as_ref().and_then(|item| super::locate::locate(text, item));
    StoreError::Invalid { path: path.to_owned(), error: Box::new(e), at }
}

fn check_header(format: &str, version: u32, path: &Path) -> Result<(), StoreError> {
    if format.is_empty() {
        return Err(StoreError::NotAProject { path: path.to_owned(), reason: "it has no format field".into() });
    }
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
    let message = match err.code {
        // ron's own message suggests raising its limit, which is no help to someone opening a file.
        ron::Error::ExceededRecursionLimit => "the file is nested too deeply to be a claimlens project".to_owned(),
        ref code => code.to_string(),
    };
    StoreError::Parse { path: path.to_owned(), line: err.span.start.line, col: err.span.start.col, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<(Project, u32), StoreError> {
        load_any_version(text, Path::new("p.claimlens.ron"))
    }

    #[test]
    fn the_header_is_read_when_the_rest_does_not_parse() {
        // A newer version whose shape changed: refused for its version, not a parse error.
        let newer = "(format: \"claimlens\", version: 5, documents: {\"changed\": [1]})";
        assert!(matches!(load(newer), Err(StoreError::NewerVersion { found: 5, .. })));
        let other = "(format: \"other-tool\", version: 1, documents: 5)";
        assert!(matches!(load(other), Err(StoreError::NotAProject { reason, .. }) if reason.contains("other-tool")));
        let unversioned = "(format: \"claimlens\", documents: 5)";
        assert!(matches!(load(unversioned), Err(StoreError::NotAProject { reason, .. }) if reason.contains("version")));
        let no_format = "(name: \"a config\", size: 3)";
        assert!(matches!(load(no_format), Err(StoreError::NotAProject { reason, .. }) if reason.contains("no format")));
        // The current version with a broken body: a parse error with its position.
        let broken = "(\n  format: \"claimlens\",\n  version: 1,\n  documents: 5,\n)";
        assert!(matches!(load(broken), Err(StoreError::Parse { line: 4, .. })));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!("(format: \"claimlens\", version: 1, extra: {}{})", "[".repeat(10_000), "]".repeat(10_000));
        let err = load(&deep).expect_err("refused");
        assert!(err.to_string().contains("nested too deeply"), "{err}");
    }
}
