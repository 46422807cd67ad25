//! Reading what the user picked (an article, a newer version of one, annotations, a
//! colleague's project) on another thread, then taking it into the project: the window never
//! waits on a file, and HTML and PDF extraction run off the frame too.

use super::files::import_status;
use super::{Background, ClaimlensApp, file_name, file_work};
use crate::model::Project;
use crate::ops::import::ArticleInput;
use crate::store::StoreError;
use crate::ui::background::Job;
use crate::ui::compare_view::CompareView;
use crate::ui::dialogs::Dialog;
use crate::ui::reader::ReaderState;
use crate::ui::session::Session;
use std::path::Path;

/// What a file is read for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Reading {
    /// An article for a new project.
    ArticleIntoNew,
    /// An article for the open project.
    ArticleIntoCurrent,
    /// A newer version of the shown article's text.
    NewVersion,
    /// W3C Web Annotations or Hypothesis annotations (JSON).
    Annotations,
    /// A colleague's project to compare with.
    Colleague,
}

/// What reading gave.
pub(super) enum ReadValue {
    /// An article.
    Article(Box<ArticleInput>),
    /// Text (a new version, or JSON).
    Text(String),
    /// A project.
    Project(Box<Project>),
}

impl Reading {
    /// The error dialog's title when the file could not be read.
    const fn failure(self) -> &'static str {
        match self {
            Self::ArticleIntoNew | Self::ArticleIntoCurrent => "Could not import the article",
            Self::NewVersion => "Could not read the new version",
            Self::Annotations => "Could not import annotations",
            Self::Colleague => "Could not open their project",
        }
    }
}

impl ClaimlensApp {
    /// Imports the article at `path` into a new, unsaved project (read on another thread).
    pub fn import_into_new(&mut self, path: &Path) {
        self.read_then(path, Reading::ArticleIntoNew);
    }

    /// Imports the article at `path` into the open project, one undo step (read on another thread).
    pub fn import_into_current(&mut self, path: &Path) {
        self.read_then(path, Reading::ArticleIntoCurrent);
    }

    /// Replaces the shown article's text with a newer version from `path`; every annotation
    /// moves with its text, or becomes an orphan (listed in the Annotations tab) for
    /// re-attaching by hand. One undo step.
    pub fn update_text(&mut self, path: &Path) {
        self.read_then(path, Reading::NewVersion);
    }

    /// Adds the W3C Web Annotations or Hypothesis annotations in `path` (JSON) to the project;
    /// targets that name no document of the project go to the shown one. One undo step. What
    /// cannot be placed exactly is not added (never placed on a guess) and is listed.
    pub fn import_annotations(&mut self, path: &Path) {
        self.read_then(path, Reading::Annotations);
    }

    /// Opens their project from `path` beside this one (read-only: only mine changes).
    pub fn compare_with(&mut self, path: &Path) {
        self.read_then(path, Reading::Colleague);
    }

    /// Starts reading `path` for `reading` on another thread; [`Self::read_done`] finishes it.
    fn read_then(&mut self, path: &Path, reading: Reading) {
        if self.busy() {
            return;
        }
        let p = path.to_owned();
        let what = format!("Reading {}", file_name(path));
        match Job::start("read", what, &self.clock, self.ctx.as_ref(), move |_| file_work::read(reading, &p)) {
            Ok(job) => self.jobs.background = Some(Background::Read { path: path.to_owned(), reading, job }),
            Err(e) => self.error_dialog(reading.failure(), &format!("{}: {e}", path.display())),
        }
    }

    /// Takes what was read into the project (or says why it could not be read).
    pub(super) fn read_done(&mut self, path: &Path, reading: Reading, read: Result<ReadValue, StoreError>) {
        match (reading, read) {
            (_, Err(e)) => self.show_error(reading.failure(), &e),
            (Reading::ArticleIntoNew, Ok(ReadValue::Article(input))) => self.article_into_new(path, &input),
            (Reading::ArticleIntoCurrent, Ok(ReadValue::Article(input))) => {
                self.add_article(&input, &file_name(path));
            }
            (Reading::NewVersion, Ok(ReadValue::Text(text))) => self.new_version_read(path, &text),
            (Reading::Annotations, Ok(ReadValue::Text(json))) => self.annotations_read(path, &json),
            (Reading::Colleague, Ok(ReadValue::Project(theirs))) => {
                let view = CompareView::new(*theirs, path.to_owned());
                self.status = format!("Comparing with {}", view.name());
                self.view.compare = Some(view);
            }
            // Each reading gives its own kind of value.
            (_, Ok(_)) => {}
        }
    }

    /// Puts an article read from `path` into a new, unsaved project.
    /// The project is made as `claimlens import` makes it (titled after its one document).
    fn article_into_new(&mut self, path: &Path, input: &ArticleInput) {
        let (project, imports) = match crate::ops::import::new_project_from("Untitled", std::slice::from_ref(input)) {
            Ok(made) => made,
            Err(e) => return self.error_dialog("Could not import the article", &format!("{}: {e}", path.display())),
        };
        let mut session = Session::new(project, None, None);
        session.history.mark_unsaved();
        self.replace_session(session);
        if let Some(imported) = imports.first() {
            self.status = import_status(&file_name(path), &imported.title, &imported.warnings);
        }
    }

    /// Replaces the shown article's text with a newer version from `path`; every annotation
    /// moves with its text, or becomes an orphan (listed in the Annotations tab) for
    /// re-attaching by hand. One undo step.
    fn new_version_read(&mut self, path: &Path, text: &str) {
        let Some(doc) = self.session.document().map(|d| d.id.clone()) else { return };
        match crate::ops::reanchor::update_text(&self.session.project, &doc, text) {
            Ok(crate::ops::reanchor::TextUpdate { changeset, report }) => {
                if self.apply_changeset(changeset) {
                    self.view.reader = ReaderState::default();
                    self.view.suggestions = None;
                    self.view.find.computed = None;
                    self.status = format!("Updated the text from {}: {report}", file_name(path));
                    if !report.orphans.is_empty() {
                        self.view.panel.tab = crate::ui::panels::Tab::Annotations;
                    }
                }
            }
            Err(e) => self.error_dialog("Could not update the text", &e.to_string()),
        }
    }

    /// Adds the W3C Web Annotations or Hypothesis annotations in `path` (JSON) to the project;
    /// targets that name no document of the project go to the shown one. One undo step. What
    /// cannot be placed exactly is not added (never placed on a guess) and is listed.
    fn annotations_read(&mut self, path: &Path, json: &str) {
        let shown = self.session.document().map(|d| d.id.clone());
        let imported = match crate::ops::annotations::import_annotations(&self.session.project, json, shown.as_ref()) {
            Ok(imported) => imported,
            Err(e) => return self.error_dialog("Could not import annotations", &format!("{}: {e}", path.display())),
        };
        let added = imported.added;
        if added > 0 && !self.apply_changeset(imported.changeset) {
            return;
        }
        let summary = format!(
            "Imported annotations from {}: {added} added, {} already present, {} not placed",
            file_name(path),
            imported.already_present,
            imported.orphans.len()
        );
        self.status.clone_from(&summary);
        if !imported.orphans.is_empty() {
            const SHOWN: usize = 20;
            let mut lines: Vec<String> = imported.orphans.iter().take(SHOWN).map(|o| format!("• {o}")).collect();
            if imported.orphans.len() > SHOWN {
                lines.push(format!("… and {} more", imported.orphans.len() - SHOWN));
            }
            self.dialogs.open.push(Dialog::Notice {
                title: "Some annotations were not placed".into(),
                message: format!(
                    "{summary}.\n\nThese were not added: their text is not in the article, or appears there more than once with the same context.\n\n{}",
                    lines.join("\n")
                ),
            });
        }
    }
}
