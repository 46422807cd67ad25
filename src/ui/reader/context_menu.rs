//! The article text's right-click menu: label the selection, make or open a claim, add to the
//! selected annotation, copy, find. It only says what was chosen; the app carries it out.

use crate::anchor::CharRange;
use crate::model::{ClaimId, Document, Project};
use egui::Ui;

/// What the text's context menu is about.
pub struct TextMenu<'a> {
    /// The project (its labels).
    pub project: &'a Project,
    /// The shown document.
    pub document: &'a Document,
    /// The selection the menu acts on.
    pub selection: Option<CharRange>,
    /// The char that was right-clicked.
    pub at: Option<usize>,
    /// The selected annotation's label, when one is selected (for "Add to selected …").
    pub selected_label: Option<&'a str>,
}

/// What was chosen in the text's context menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextMenuChoice {
    /// Label the selection with this label.
    Label(String),
    /// Make a claim of the selection (opens the claim editor).
    MakeClaim,
    /// Add the selection to the selected annotation as another fragment.
    AddToSelected,
    /// Copy the selected text.
    Copy,
    /// Find the selected text in the article.
    FindThis,
    /// Open the claim under the click in the claim editor.
    OpenClaim(ClaimId),
}

/// The claim whose content covers char `at` (the innermost annotation's first).
pub fn claim_at(document: &Document, at: usize) -> Option<&crate::model::Claim> {
    super::annotations_at(document, at).into_iter().find_map(|a| document.claims.iter().find(|c| c.content.contains(&a.id)))
}

/// Shows the menu's items; returns what was chosen (and closes the menu then).
pub fn text_menu_ui(ui: &mut Ui, menu: &TextMenu<'_>) -> Option<TextMenuChoice> {
    let mut choice = None;
    let has_selection = menu.selection.is_some_and(|s| !s.is_empty());
    ui.add_enabled_ui(has_selection, |ui| {
        for label in &menu.project.labels {
            let shortcut = label.hotkey.map(|k| k.to_string()).unwrap_or_default();
            let button = egui::Button::new(&label.name).shortcut_text(shortcut);
            if ui.add(button).on_hover_text(format!("Label the selection as {}", label.name)).clicked() {
                choice = Some(TextMenuChoice::Label(label.name.clone()));
            }
        }
        ui.separator();
        if ui.button("Make claim…").on_hover_text("Make a claim of the selection (Ctrl+Enter)").clicked() {
            choice = Some(TextMenuChoice::MakeClaim);
        }
        if let Some(label) = menu.selected_label
            && ui.button(format!("Add to selected {label}")).clicked()
        {
            choice = Some(TextMenuChoice::AddToSelected);
        }
        ui.separator();
        if ui.button("Copy").on_hover_text("Copy the selected text (Ctrl+C)").clicked() {
            choice = Some(TextMenuChoice::Copy);
        }
        if ui.button("Find this").on_hover_text("Find the selected text in the article").clicked() {
            choice = Some(TextMenuChoice::FindThis);
        }
    });
    if let Some(claim) = menu.at.and_then(|c| claim_at(menu.document, c)) {
        ui.separator();
        if ui.button("Open claim…").on_hover_text("Open this claim in the claim editor").clicked() {
            choice = Some(TextMenuChoice::OpenClaim(claim.id.clone()));
        }
    }
    if choice.is_some() {
        ui.close();
    }
    choice
}
