//! The file work of the window, each piece a function a background job runs on its own thread:
//! opening (with the looks around a project: its recovery file, its archived pages, its path
//! for the recent list), saving, exporting, reading what the user picked, autosaving, and the
//! small chores (recovery files found, read and removed; an original copied for the browser).
//!
//! Nothing else in `ui/` calls the file functions of `store` or `import` (tests/architecture.rs
//! checks it), and the functions here are called only inside `Job::start`, so the window's own
//! thread never waits on the disk.

use super::reading::{ReadValue, Reading};
use crate::formats::{ExportFormat, ExportOptions, ExportOutput};
use crate::model::{Document, DocumentId, Project};
use crate::store::{self, Fingerprint, Overwrite, Recovery, StoreError};
use crate::ui::background::CancelFlag;
use crate::ui::sources::ChangesState;
use std::path::{Path, PathBuf};

/// A project read from its file, with what the window says about it when it opens.
pub(super) struct Opened {
    /// The project as loaded, with its repairs and orphaned links.
    pub loaded: store::Loaded,
    /// A sentence for each document whose archived original is missing.
    pub missing_pages: Vec<String>,
    /// The project's own recovery file, newer than the project.
    pub recovery: Option<Recovery>,
    /// The project's path with links resolved, for the recent list.
    pub canonical: PathBuf,
}

/// Reads the project at `path`, and looks around it.
pub(super) fn open(path: &Path) -> Result<Opened, StoreError> {
    let loaded = store::load(path)?;
    let missing_pages = store::archive::missing_pages(path, &loaded.project);
    Ok(Opened { missing_pages, recovery: store::find_recovery(path), canonical: store::canonical_path(path), loaded })
}

/// A project written to its file.
pub(super) struct Saved {
    /// The file as written.
    pub fingerprint: Fingerprint,
    /// Its path with links resolved, for the recent list.
    pub canonical: PathBuf,
}

/// Saves `project` to `path` (a compare-and-swap against `expected` unless forced).
pub(super) fn save(
    path: &Path,
    project: &Project,
    expected: Option<&Fingerprint>,
    overwrite: Overwrite,
) -> Result<Saved, StoreError> {
    let fingerprint = store::save(path, project, expected, overwrite)?;
    Ok(Saved { fingerprint, canonical: store::canonical_path(path) })
}

/// Where an export's original pages come from: the project's file (its pages folder), or none
/// yet (the pages kept since import).
pub(super) type Originals = Option<Option<PathBuf>>;

/// Writes `project` as `format` to `path`, with the original pages when `originals` says so;
/// writes nothing when cancelled before it writes. Returns how many files were written.
pub(super) fn export(
    project: &Project,
    format: ExportFormat,
    options: &ExportOptions,
    originals: &Originals,
    path: &Path,
    cancel: &CancelFlag,
) -> Result<usize, String> {
    let output = crate::formats::export_with(project, format, options).map_err(|e| e.to_string())?;
    if cancel.is_cancelled() {
        return Ok(0);
    }
    let written = write_text_or_files(path, &output)?;
    let pages = match originals {
        Some(project_path) => {
            let dir = store::archive::originals_dir(path, format.is_folder());
            store::archive::export_originals(project_path.as_deref(), project, &dir, &store::OutputOptions::default())
                .map_err(|e| e.to_string())?
        }
        None => 0,
    };
    Ok(written + pages)
}

/// Writes an export's text or files to `path` (never over an input or a project).
pub(super) fn write_text_or_files(path: &Path, output: &ExportOutput) -> Result<usize, String> {
    store::write_export(path, output, &store::OutputOptions::default()).map_err(|e| e.to_string())
}

/// Reads `path` as `reading` says.
pub(super) fn read(reading: Reading, path: &Path) -> Result<ReadValue, StoreError> {
    match reading {
        Reading::ArticleIntoNew | Reading::ArticleIntoCurrent => {
            crate::import::read_article(path, None).map(|(input, _)| ReadValue::Article(Box::new(input)))
        }
        Reading::NewVersion => crate::import::read_new_version(path).map(ReadValue::Text),
        Reading::Annotations => store::read_text(path).map(ReadValue::Text),
        Reading::Colleague => store::load(path).map(|loaded| ReadValue::Project(Box::new(loaded.project))),
    }
}

/// The project file as it is now on disk (`None` when it is gone), to notice other programs' writes.
pub(super) fn fingerprint(path: &Path) -> Result<Option<Fingerprint>, StoreError> {
    Fingerprint::read(path)
}

/// Writes unsaved work on `target` to its recovery file.
pub(super) fn autosave(target: &Path, project: &Project) -> Result<PathBuf, StoreError> {
    store::write_recovery(target, project)
}

/// A recovery file found for one of the candidates: the file or untitled autosave it is for,
/// whether that is the untitled one, and the recovery.
pub(super) type FoundRecovery = Option<(PathBuf, bool, Recovery)>;

/// The first of `candidates` (a path, and whether it is the untitled autosave) that has a
/// recovery file newer than itself.
pub(super) fn find_recovery(candidates: &[(PathBuf, bool)]) -> FoundRecovery {
    candidates.iter().find_map(|(path, untitled)| store::find_recovery(path).map(|recovery| (path.clone(), *untitled, recovery)))
}

/// Reads the unsaved work in a recovery file.
pub(super) fn restore(recovery: &Recovery) -> Result<Project, StoreError> {
    store::load_recovery(recovery)
}

/// Removes the recovery file of `path`, if any.
pub(super) fn discard_recovery(path: &Path) -> Result<(), StoreError> {
    store::discard_recovery(path)
}

/// What a newer saved page at `path` changes in document `doc` of `project` (Check for Changes).
pub(super) fn saved_page_changes(project: &Project, doc: &DocumentId, path: &Path) -> ChangesState {
    match crate::import::read_article(path, None) {
        Err(e) => ChangesState::Failed(e.to_string()),
        Ok((input, _)) => match crate::ops::reanchor::new_version(project, doc, &input) {
            Ok(Some(version)) => ChangesState::Changed(Box::new(version)),
            Ok(None) => ChangesState::Unchanged(format!("{} has the same article text as this document.", path.display())),
            Err(e) => ChangesState::Failed(e.to_string()),
        },
    }
}

/// A copy of `document`'s archived original that a browser can open (`None` when it has none).
pub(super) fn original_copy(project_path: Option<&Path>, document: &Document) -> Result<Option<PathBuf>, StoreError> {
    store::archive::viewable_copy(project_path, document)
}

/// This process's resident memory and the OpenGL driver's share of it, in MB (`--measure-startup`).
pub(crate) fn memory_figures() -> (Option<f64>, Option<f64>) {
    (store::resident_memory_mb(), store::resident_library_mb(GL_DRIVER_LIBRARIES))
}

/// The OpenGL driver's libraries: Mesa's drivers and the LLVM its software renderer compiles
/// shaders with (on a machine without a GPU, the largest part of the window's memory).
const GL_DRIVER_LIBRARIES: &[&str] = &["libLLVM", "/dri/", "libgallium"];
