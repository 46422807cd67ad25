//! What panels and popups ask the app to do; carried out in one place at the end of the frame.

use super::commands::Command;
use crate::edit::Edit;
use crate::model::{AnnotationId, ClaimId, SourceId};
use std::path::PathBuf;

/// A request from some part of the window.
#[derive(Debug)]
pub enum Action {
    /// Run a command.
    Run(Command),
    /// Apply an edit to the project (one undo step).
    Apply(Box<Edit>),
    /// Apply a changeset to the project (one undo step named after it).
    ApplyChangeset(crate::edit::Changeset),
    /// Select an annotation; scroll the article to it and flash it.
    SelectAnnotation(AnnotationId),
    /// Scroll the article to a range and flash it (a suggestion under review).
    Reveal(crate::anchor::CharRange),
    /// Select a claim; scroll to its content and flash it.
    SelectClaim(ClaimId),
    /// Open the claim editor on a claim.
    EditClaim(ClaimId),
    /// Open the claim editor on a claim with its link picker open.
    LinkClaim(ClaimId),
    /// Select a source in the Sources tab.
    SelectSource(Option<SourceId>),
    /// Label the selected text.
    LabelSelection(String),
    /// Add the selected text as another fragment of the selected annotation.
    ExtendSelected,
    /// Show another document.
    SwitchDocument(usize),
    /// Show a find match of another document (by index): its document, the match selected.
    OpenFindMatch(usize, crate::anchor::CharRange),
    /// Remove a document (by index) from the project, undoably.
    RemoveDocument(usize),
    /// Open a project file.
    OpenPath(PathBuf),
    /// Import an article.
    ImportPath(PathBuf),
    /// Save to a file.
    SaveTo(PathBuf),
    /// Put the selected orphan annotation on the selected text.
    Reattach,
    /// Replace the shown article's text with the one in this file.
    UpdateText(PathBuf),
    /// Add the Web Annotations in this file.
    ImportAnnotations(PathBuf),
    /// Open a colleague's project beside this one (Compare With…).
    CompareWith(PathBuf),
    /// Write the agreement table of the open comparison.
    ExportAgreement(super::compare_view::TableFormat, PathBuf),
    /// Export to a file (or a folder, for brat).
    ExportTo(crate::formats::ExportFormat, PathBuf),
}
