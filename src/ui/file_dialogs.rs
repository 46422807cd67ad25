//! Native file dialogs (rfd) on a background thread, with the answer sent back over a
//! channel; where no native dialog can open, the window asks for a path itself.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// What a file dialog was opened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Open a project.
    Open,
    /// Import an article.
    Import,
    /// Save the project to a new file.
    SaveAs,
    /// Export to a file or folder.
    Export,
    /// A newer version of the shown article's text.
    UpdateText,
    /// Web Annotations (JSON) to add.
    ImportAnnotations,
    /// A colleague's project to compare with.
    CompareWith,
    /// Where the agreement table goes, as CSV.
    AgreementCsv,
    /// Where the agreement table goes, as Markdown.
    AgreementMarkdown,
    /// A newer saved page of the shown article, to check for changes against.
    CheckChanges,
}

impl Purpose {
    /// The dialog's title.
    pub const fn title(self) -> &'static str {
        match self {
            Self::Open => "Open Project",
            Self::Import => "Import Article",
            Self::SaveAs => "Save Project As",
            Self::Export => "Export",
            Self::UpdateText => "Update Article Text",
            Self::ImportAnnotations => "Import Annotations",
            Self::CompareWith => "Compare With",
            Self::AgreementCsv => "Export Agreement Table (CSV)",
            Self::AgreementMarkdown => "Export Agreement Table (Markdown)",
            Self::CheckChanges => "Compare with a Saved Page",
        }
    }
}

/// The answer of a dialog.
#[derive(Debug)]
pub enum Answer {
    /// The user chose a path.
    Chosen(Purpose, PathBuf),
    /// The user cancelled.
    Cancelled,
    /// No native dialog could open (it answered at once): ask in the window instead.
    Unavailable(Purpose),
}

/// A dialog that answered faster than this never showed: there is no portal.
const TOO_FAST: Duration = Duration::from_millis(250);

/// Runs native dialogs off the UI thread.
pub struct FileDialogs {
    tx: Sender<Answer>,
    rx: Receiver<Answer>,
    /// Whether a dialog is open now.
    pub busy: bool,
    /// A dialog that could not start: the window asks for its path itself.
    fallback: Option<Purpose>,
}

impl Default for FileDialogs {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self { tx, rx, busy: false, fallback: None }
    }
}

impl FileDialogs {
    /// Opens a native dialog for `purpose`; the answer arrives through [`Self::poll`].
    pub fn open(&mut self, purpose: Purpose, suggested_name: Option<String>, ctx: &egui::Context) {
        if self.busy {
            return;
        }
        self.busy = true;
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("claimlens-file-dialog".into()).spawn(move || {
            // Real time on purpose: this tells a dialog that showed from one that could not open.
            let started = Instant::now();
            let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
            dialog = match purpose {
                Purpose::Open | Purpose::CompareWith => dialog.add_filter("claimlens project", &["ron"]),
                Purpose::Import | Purpose::UpdateText | Purpose::CheckChanges => {
                    dialog.add_filter("Article", crate::formats::article::ARTICLE_EXTENSIONS)
                }
                Purpose::ImportAnnotations => dialog.add_filter("Web Annotations (JSON)", &["json", "jsonld"]),
                Purpose::SaveAs | Purpose::Export => dialog,
                Purpose::AgreementCsv => dialog.add_filter("CSV", &["csv"]),
                Purpose::AgreementMarkdown => dialog.add_filter("Markdown", &["md"]),
            };
            if let Some(name) = suggested_name {
                dialog = dialog.set_file_name(name);
            }
            let picked = match purpose {
                Purpose::Open
                | Purpose::Import
                | Purpose::UpdateText
                | Purpose::ImportAnnotations
                | Purpose::CompareWith
                | Purpose::CheckChanges => dialog.pick_file(),
                Purpose::SaveAs | Purpose::Export | Purpose::AgreementCsv | Purpose::AgreementMarkdown => dialog.save_file(),
            };
            let answer = match picked {
                Some(path) => Answer::Chosen(purpose, path),
                None if started.elapsed() < TOO_FAST => Answer::Unavailable(purpose),
                None => Answer::Cancelled,
            };
            // The window may have closed meanwhile: then nobody waits for the answer.
            let _ignored = tx.send(answer);
            ctx.request_repaint();
        });
        if spawned.is_err() {
            // No thread for a native dialog: ask in the window instead.
            self.busy = false;
            self.fallback = Some(purpose);
        }
    }

    /// The answer of the open dialog, once it has one.
    pub fn poll(&mut self) -> Option<Answer> {
        if let Some(purpose) = self.fallback.take() {
            return Some(Answer::Unavailable(purpose));
        }
        let answer = self.rx.try_recv().ok()?;
        self.busy = false;
        Some(answer)
    }
}
