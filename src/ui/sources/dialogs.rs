//! The dialogs of the other sources: Open Web Page (an address, then a fetch), Check for
//! Changes (fetching, then what changed side by side and the offer to update), and the details
//! of a pasted article (its title, outlet, address and date). Each window function draws its
//! dialog and returns what the user decided; the app carries it out.

use super::changes_view::changes_ui;
use crate::model::DocumentId;
use crate::ops::reanchor::NewVersion;
use egui::{Key, RichText, Ui};

/// File → Open Web Page…: the address typed, and the last failure.
#[derive(Debug, Default)]
pub struct WebPageDialog {
    /// The address as typed.
    pub address: String,
    /// Why the last fetch failed, shown under the field.
    pub error: Option<String>,
}

/// What the user did in the Open Web Page dialog.
#[derive(Debug, PartialEq, Eq)]
pub enum WebPageAnswer {
    /// Fetch this address.
    Fetch(String),
    /// Close the dialog (and stop a running fetch).
    Cancel,
}

/// Shows the Open Web Page dialog; `fetching` is what a running fetch is doing.
pub fn web_page_window(ctx: &egui::Context, dialog: &mut WebPageDialog, fetching: Option<&str>) -> Option<WebPageAnswer> {
    let mut answer = None;
    egui::Window::new("Open Web Page").collapsible(false).resizable(false).min_width(480.0).show(ctx, |ui| {
        ui.label("The article at this address is fetched, its page archived beside the project, and added to it.");
        let label = ui.label("Web address");
        let field = ui.add_enabled(
            fetching.is_none(),
            egui::TextEdit::singleline(&mut dialog.address).hint_text("https://…").desired_width(460.0),
        );
        let field = field.labelled_by(label.id);
        if fetching.is_none() && dialog.error.is_none() && !field.has_focus() && dialog.address.is_empty() {
            field.request_focus();
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if let Some(error) = &dialog.error {
            ui.label(RichText::new(error).color(crate::ui::theme::error(ui.visuals())));
        }
        ui.horizontal(|ui| {
            if let Some(what) = fetching {
                ui.spinner();
                ui.label(what);
            } else if ui.button("Open").clicked() || enter {
                answer = Some(WebPageAnswer::Fetch(dialog.address.trim().to_owned()));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(WebPageAnswer::Cancel);
            }
        });
    });
    answer
}

/// Where Check for Changes is.
#[derive(Debug)]
pub enum ChangesState {
    /// Fetching the document's address again.
    Fetching(String),
    /// The document has no web address: a newer saved page can be chosen.
    NoAddress,
    /// The article's text is the same as the document's.
    Unchanged(String),
    /// The newer version and what changed.
    Changed(Box<NewVersion>),
    /// The check failed.
    Failed(String),
}

/// Document → Check for Changes, for one document.
#[derive(Debug)]
pub struct ChangesDialog {
    /// The document checked.
    pub doc: DocumentId,
    /// Its title, for the heading.
    pub title: String,
    /// Where the check is.
    pub state: ChangesState,
}

/// What the user did in the Check for Changes dialog.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangesAnswer {
    /// Update the document to the newer version.
    Update,
    /// Compare with a newer saved page instead (asks for its path).
    ChooseSavedPage,
    /// Close the dialog, keeping the document as it is.
    Close,
}

/// Shows the Check for Changes dialog.
pub fn changes_window(ctx: &egui::Context, dialog: &ChangesDialog) -> Option<ChangesAnswer> {
    let mut answer = None;
    let width = (ctx.content_rect().width() - 80.0).clamp(320.0, 1100.0);
    egui::Window::new("Check for Changes").collapsible(false).resizable(true).default_width(width).show(ctx, |ui| {
        ui.label(RichText::new(&dialog.title).strong());
        let update_offered = state_ui(ui, &dialog.state);
        ui.separator();
        ui.horizontal(|ui| {
            if update_offered
                && ui
                    .button("Update to the new version")
                    .on_hover_text("Replace the text; every annotation moves with it, the old version is kept")
                    .clicked()
            {
                answer = Some(ChangesAnswer::Update);
            }
            let saved = ui.button("Compare with a saved page…").on_hover_text("Check against a newer page saved from a browser");
            if saved.clicked() {
                answer = Some(ChangesAnswer::ChooseSavedPage);
            }
            let close = if update_offered { "Keep this version" } else { "Close" };
            if ui.button(close).clicked() {
                answer = Some(ChangesAnswer::Close);
            }
        });
    });
    answer
}

/// The body of the dialog for each state; returns whether an update is on offer.
fn state_ui(ui: &mut Ui, state: &ChangesState) -> bool {
    match state {
        ChangesState::Fetching(what) => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(what);
            });
        }
        ChangesState::NoAddress => {
            ui.label("This document has no web address to fetch again. Compare it with a newer saved page instead.");
        }
        ChangesState::Unchanged(message) => {
            ui.label(message);
        }
        ChangesState::Failed(message) => {
            ui.label(RichText::new(message).color(crate::ui::theme::error(ui.visuals())));
        }
        ChangesState::Changed(version) => {
            ui.label(format!("The article's text has changed: {}.", version.changes));
            changes_ui(ui, &version.changes);
            return true;
        }
    }
    false
}
