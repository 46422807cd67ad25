//! The flows of the other sources of articles: Paste as New Article, Open Web Page (fetched on
//! a background job), Check for Changes (re-fetched on a background job, or a newer saved page)
//! and Open Original. The dialogs are drawn by [`crate::ui::sources`]; what they decide is
//! carried out here, through the same operations as the command line.

use super::ClaimlensApp;
use crate::fetch::{check_for_changes, document_url, fetch_article, is_web_address};
use crate::ops::reanchor::update_to_version;
use crate::ui::background::{Job, Poll};
use crate::ui::commands::Command;
use crate::ui::file_dialogs::Purpose;
use crate::ui::reader::ReaderState;
use crate::ui::sources::{
    ChangesAnswer, ChangesDialog, ChangesState, WebPageAnswer, WebPageDialog, changes_window, web_page_window,
};
use std::path::Path;
use std::time::Duration;

/// How often a running fetch is looked at.
const FETCH_POLL: Duration = Duration::from_millis(50);

impl ClaimlensApp {
    /// Runs the commands of the other sources.
    pub(super) fn run_source_command(&mut self, command: Command) {
        match command {
            Command::PasteAsNewArticle => self.paste_as_new_article(),
            Command::OpenWebPage => self.sources.web_page = Some(WebPageDialog::default()),
            Command::CheckForChanges => self.check_for_changes(),
            Command::OpenOriginal => self.open_original(),
            _ => {}
        }
    }

    /// Makes a new document of what the clipboard holds (its HTML flavour through the page
    /// extractor, else its text), shows it and opens its details so the user names it.
    pub fn paste_as_new_article(&mut self) {
        let content = match self.sources.clipboard.read() {
            Ok(content) => content,
            Err(e) => return self.error_dialog("Could not paste", &e),
        };
        let Some(input) = crate::ops::import::pasted_article(content.html.as_deref(), content.text.as_deref()) else {
            self.status = "The clipboard holds no text to paste".into();
            return;
        };
        if self.add_article(&input, "the clipboard") {
            self.open_document_details();
        }
    }

    /// Opens the Open Web Page dialog on `address` and fetches it (`claimlens https://…`).
    pub fn open_web_page(&mut self, address: String) {
        self.sources.web_page = Some(WebPageDialog { address: address.clone(), error: None });
        self.start_web_fetch(address);
    }

    /// Fetches `address` on a background job; the article is added when it arrives.
    fn start_web_fetch(&mut self, address: String) {
        if !is_web_address(&address) {
            if let Some(dialog) = &mut self.sources.web_page {
                dialog.error = Some(crate::fetch::FetchError::NotAWebAddress(address).to_string());
            }
            return;
        }
        let options = self.sources.fetch_options.clone();
        let what = format!("Fetching {address}…");
        let ctx = self.ctx.as_ref();
        match Job::start("fetch", what, &self.clock, ctx, move |_| fetch_article(&address, &options)) {
            Ok(job) => self.sources.web_job = Some(job),
            Err(e) => self.error_dialog("Could not fetch the page", &e.to_string()),
        }
    }

    /// Fetches the shown document's address again on a background job (or, without one,
    /// offers to compare with a newer saved page) in the Check for Changes dialog.
    pub fn check_for_changes(&mut self) {
        let Some(doc) = self.session.document() else {
            self.status = "Open an article first".into();
            return;
        };
        let (id, title) = (doc.id.clone(), doc.title.clone());
        let Some(url) = document_url(doc).map(str::to_owned) else {
            self.sources.changes = Some(ChangesDialog { doc: id, title, state: ChangesState::NoAddress });
            return;
        };
        let project = self.session.project.clone();
        let options = self.sources.fetch_options.clone();
        let what = format!("Fetching {url} again…");
        let ctx = self.ctx.as_ref();
        let job_id = id.clone();
        match Job::start("check-changes", what.clone(), &self.clock, ctx, move |_| check_for_changes(&project, &job_id, &options))
        {
            Ok(job) => {
                self.sources.check_job = Some(job);
                self.sources.changes = Some(ChangesDialog { doc: id, title, state: ChangesState::Fetching(what) });
            }
            Err(e) => self.error_dialog("Could not check for changes", &e.to_string()),
        }
    }

    /// Compares the shown document with a newer saved page of it (chosen in Check for Changes).
    pub(super) fn compare_with_saved_page(&mut self, path: &Path) {
        let Some(doc) = self.session.document() else { return };
        let (id, title) = (doc.id.clone(), doc.title.clone());
        self.sources.check_job = None;
        let what = format!("Reading {}…", path.display());
        self.sources.changes = Some(ChangesDialog { doc: id.clone(), title, state: ChangesState::Fetching(what.clone()) });
        self.read_saved_page(&what, self.session.project.clone(), id, path.to_owned());
    }

    /// Shows what reading a newer saved page found in the Check for Changes dialog, if it is
    /// still open on the same document.
    pub(super) fn saved_page_read(&mut self, doc: &crate::model::DocumentId, state: ChangesState) {
        if let Some(dialog) = self.sources.changes.as_mut().filter(|d| &d.doc == doc) {
            dialog.state = state;
        }
    }

    /// Updates the document of the Check for Changes dialog to the newer version found: every
    /// annotation re-anchored, the old version kept in its version list. One undo step.
    fn update_to_new_version(&mut self, dialog: &ChangesDialog) {
        let ChangesState::Changed(version) = &dialog.state else { return };
        match update_to_version(&self.session.project, version) {
            Ok(update) => {
                if self.apply_changeset(update.changeset) {
                    self.view.reader = ReaderState::default();
                    self.view.suggestions = None;
                    self.revision += 1;
                    self.status = format!("Updated {:?} to the new version: {}", dialog.title, update.report);
                    if !update.report.orphans.is_empty() {
                        self.view.panel.tab = crate::ui::panels::Tab::Annotations;
                    }
                }
            }
            Err(e) => self.error_dialog("Could not update the article", &e.to_string()),
        }
    }

    /// Shows the shown document's archived original in the system browser.
    pub fn open_original(&mut self) {
        let Some(doc) = self.session.document() else {
            self.status = "Open an article first".into();
            return;
        };
        let (title, document) = (doc.title.clone(), doc.clone());
        self.copy_original(title, self.session.path.clone(), document);
    }

    /// Shows the original copied for the browser there (or says why there is none).
    pub(super) fn original_copied(&mut self, title: &str, copied: Result<Option<std::path::PathBuf>, crate::store::StoreError>) {
        match copied {
            Ok(Some(path)) => match self.sources.browser.open(&path) {
                Ok(()) => {
                    self.status = format!("Opened the original of {title:?} in the browser");
                    self.sources.last_opened = Some(path);
                }
                Err(e) => self.error_dialog("Could not open the original", &e),
            },
            Ok(None) => self.error_dialog(
                "No original to open",
                &format!("The original page of {title:?} is not archived (it was not imported from a page or PDF, or its archive is missing)."),
            ),
            Err(e) => self.show_error("Could not open the original", &e),
        }
    }

    /// Finishes the fetches that are done, and draws the dialogs of the other sources.
    pub(super) fn sources_ui(&mut self, ctx: &egui::Context) {
        self.poll_source_jobs(ctx);
        if let Some(mut dialog) = self.sources.web_page.take() {
            let fetching = self.sources.web_job.as_ref().map(|j| j.what().to_owned());
            match web_page_window(ctx, &mut dialog, fetching.as_deref()) {
                Some(WebPageAnswer::Fetch(address)) => {
                    dialog.error = None;
                    self.sources.web_page = Some(dialog);
                    self.start_web_fetch(address);
                }
                Some(WebPageAnswer::Cancel) => {
                    if let Some(job) = self.sources.web_job.take() {
                        job.cancel();
                    }
                }
                None => self.sources.web_page = Some(dialog),
            }
        }
        if let Some(dialog) = self.sources.changes.take() {
            match changes_window(ctx, &dialog) {
                Some(ChangesAnswer::Update) => self.update_to_new_version(&dialog),
                Some(ChangesAnswer::ChooseSavedPage) => {
                    self.sources.changes = Some(dialog);
                    self.ask_path(Purpose::CheckChanges);
                }
                Some(ChangesAnswer::Close) => self.sources.check_job = None,
                None => self.sources.changes = Some(dialog),
            }
        }
    }

    fn poll_source_jobs(&mut self, ctx: &egui::Context) {
        if let Some(job) = self.sources.web_job.take() {
            match job.poll() {
                Poll::Running => {
                    self.sources.web_job = Some(job);
                    ctx.request_repaint_after(FETCH_POLL);
                }
                Poll::Done(Ok(input)) => {
                    let from = input.origin.as_ref().and_then(|o| o.url.clone()).unwrap_or_default();
                    if self.add_article(&input, &from) {
                        self.sources.web_page = None;
                    }
                }
                Poll::Done(Err(e)) => {
                    if let Some(dialog) = &mut self.sources.web_page {
                        dialog.error = Some(e.to_string());
                    }
                }
                Poll::Lost => self.error_dialog("Could not fetch the page", "the fetch stopped unexpectedly"),
            }
        }
        let Some(job) = self.sources.check_job.take() else { return };
        let state = match job.poll() {
            Poll::Running => {
                self.sources.check_job = Some(job);
                ctx.request_repaint_after(FETCH_POLL);
                return;
            }
            Poll::Done(Ok(Some(version))) => ChangesState::Changed(Box::new(version)),
            Poll::Done(Ok(None)) => {
                ChangesState::Unchanged("No changes: the article's text is the same as this document's.".into())
            }
            Poll::Done(Err(e)) => ChangesState::Failed(e.to_string()),
            Poll::Lost => ChangesState::Failed("The check stopped unexpectedly.".into()),
        };
        if let Some(dialog) = &mut self.sources.changes {
            dialog.state = state;
        }
    }
}
