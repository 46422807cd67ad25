//! Articles from other sources than files, in the window: Edit → Paste as New Article (the
//! system clipboard), File → Open Web Page… and Document → Check for Changes (fetched on a
//! background job), Document → Open Original (the archived page in the system browser).
//!
//! The clipboard and the browser are reached through two small traits, [`ClipboardSource`]
//! and [`Browser`]: the window uses the system ones ([`SystemClipboard`] over `arboard`,
//! [`SystemBrowser`] over `open`); a test gives its own to see what would be pasted or opened,
//! through the same code path from the command on.

mod changes_view;
mod dialogs;

pub use dialogs::{ChangesAnswer, ChangesDialog, ChangesState, WebPageAnswer, WebPageDialog, changes_window, web_page_window};

use crate::fetch::CheckError;
use crate::ops::import::ArticleInput;
use crate::ops::reanchor::NewVersion;
use crate::ui::background::Job;
use std::path::{Path, PathBuf};

/// What the clipboard holds: its HTML flavour and its text, either possibly missing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClipboardContent {
    /// The `text/html` flavour (a selection copied in a browser has one).
    pub html: Option<String>,
    /// The plain-text flavour.
    pub text: Option<String>,
}

/// Where Paste as New Article reads from.
pub trait ClipboardSource {
    /// The clipboard's content now, or why it cannot be read.
    fn read(&mut self) -> Result<ClipboardContent, String>;
}

/// The system clipboard (X11 here, through `arboard`).
#[derive(Debug, Default)]
pub struct SystemClipboard;

impl ClipboardSource for SystemClipboard {
    fn read(&mut self) -> Result<ClipboardContent, String> {
        let mut clipboard = arboard::Clipboard::new().map_err(|e| format!("the clipboard cannot be opened: {e}"))?;
        let html = clipboard.get().html().ok();
        let text = clipboard.get().text().ok();
        Ok(ClipboardContent { html, text })
    }
}

/// Where Open Original shows a page.
pub trait Browser {
    /// Opens `path` in the system's browser (or its viewer for the file type).
    fn open(&mut self, path: &Path) -> Result<(), String>;
}

/// The system browser (`xdg-open` and its kin, through the `open` crate).
#[derive(Debug, Default)]
pub struct SystemBrowser;

impl Browser for SystemBrowser {
    fn open(&mut self, path: &Path) -> Result<(), String> {
        open::that_detached(path).map_err(|e| format!("{}: no program to open it: {e}", path.display()))
    }
}

/// A fetch of a page to import, running on another thread.
pub type WebJob = Job<Result<ArticleInput, crate::fetch::FetchError>>;
/// A check for changes, running on another thread.
pub type CheckJob = Job<Result<Option<NewVersion>, CheckError>>;

/// The window's state for these sources: open dialogs, running fetches, the clipboard and browser.
pub struct SourcesState {
    /// The Open Web Page dialog, when open.
    pub web_page: Option<WebPageDialog>,
    /// The fetch the Open Web Page dialog started.
    pub web_job: Option<WebJob>,
    /// The Check for Changes dialog, when open.
    pub changes: Option<ChangesDialog>,
    /// The re-fetch Check for Changes started.
    pub check_job: Option<CheckJob>,
    /// Where Paste as New Article reads.
    pub clipboard: Box<dyn ClipboardSource>,
    /// Where Open Original shows a page.
    pub browser: Box<dyn Browser>,
    /// The last page Open Original handed to the browser.
    pub last_opened: Option<PathBuf>,
    /// How pages are fetched (tests shorten the timeout).
    pub fetch_options: crate::fetch::FetchOptions,
}

impl Default for SourcesState {
    fn default() -> Self {
        Self {
            web_page: None,
            web_job: None,
            changes: None,
            check_job: None,
            clipboard: Box::new(SystemClipboard),
            browser: Box::new(SystemBrowser),
            last_opened: None,
            fetch_options: crate::fetch::FetchOptions::default(),
        }
    }
}

impl SourcesState {
    /// Whether one of these dialogs is open (the window's single-key shortcuts wait then).
    pub fn dialog_open(&self) -> bool {
        self.web_page.is_some() || self.changes.is_some()
    }
}
