//! The document details editor (title, outlet, URL, author, publication date), reached from
//! the article's title and the palette ("Edit Document Details…"); saved as one undoable
//! [`Edit::SetDocumentMeta`]. And the preferences form (the reviewer's name and organisation).

use crate::edit::Edit;
use crate::model::{Document, DocumentId, DocumentMeta, EventDate};
use egui::{Key, RichText, Ui};

/// A document's details as typed, not yet saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetaDraft {
    /// The document edited.
    pub doc: DocumentId,
    /// Headline.
    pub title: String,
    /// The outlet.
    pub outlet: String,
    /// The address it was published at.
    pub url: String,
    /// Who wrote it.
    pub author: String,
    /// The publication date as typed (`2024-11-05`, `5 November 2024`).
    pub published: String,
    /// Why the last save was refused.
    pub error: Option<String>,
}

/// What a form asks for after a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormResult {
    /// Keep editing.
    Open,
    /// Save what was typed.
    Save,
    /// Close without saving.
    Cancel,
}

/// `None` for a field left empty (or only spaces), else the trimmed text.
fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl MetaDraft {
    /// A draft of `document`'s details as they are.
    pub fn of(document: &Document) -> Self {
        let meta = document.meta();
        Self {
            doc: document.id.clone(),
            title: meta.title,
            outlet: meta.outlet.unwrap_or_default(),
            url: meta.url.unwrap_or_default(),
            author: meta.author.unwrap_or_default(),
            published: meta.published.map(|d| d.to_string()).unwrap_or_default(),
            error: None,
        }
    }

    /// The details typed, or why they cannot be saved (a date that is not one day).
    pub fn to_meta(&self) -> Result<DocumentMeta, String> {
        let published = match EventDate::read(&self.published).map_err(|e| e.to_string())? {
            None => None,
            Some(EventDate { start, end: None }) => Some(start),
            Some(_) => return Err("The publication date is one day, not a range".to_owned()),
        };
        Ok(DocumentMeta {
            title: self.title.trim().to_owned(),
            url: optional(&self.url),
            outlet: optional(&self.outlet),
            author: optional(&self.author),
            published,
        })
    }

    /// The edit saving the draft makes to `document`: `Ok(None)` when nothing changed.
    pub fn to_edit(&self, document: &Document) -> Result<Option<Edit>, String> {
        let meta = self.to_meta()?;
        Ok((meta != document.meta()).then(|| Edit::SetDocumentMeta(self.doc.clone(), meta)))
    }
}

/// A labelled single-line field; the first of a form takes the keyboard when it opens.
fn field_ui(ui: &mut Ui, label: &str, text: &mut String, hint: &str, focus: bool) -> egui::Response {
    let l = ui.label(label);
    let r = ui.add(egui::TextEdit::singleline(text).hint_text(hint).desired_width(360.0)).labelled_by(l.id);
    if focus {
        r.request_focus();
    }
    ui.end_row();
    r
}

/// Save and Cancel buttons, and Enter (saves) read after the fields.
fn buttons_ui(ui: &mut Ui, save: &str) -> FormResult {
    let mut result = FormResult::Open;
    if ui.input(|i| i.modifiers.is_none() && i.key_pressed(Key::Enter)) {
        result = FormResult::Save;
    }
    ui.horizontal(|ui| {
        if ui.button(save).clicked() {
            result = FormResult::Save;
        }
        if ui.button("Cancel").clicked() {
            result = FormResult::Cancel;
        }
    });
    result
}

/// Shows the details editor; `first_frame` puts the keyboard in the title field.
pub fn meta_editor_ui(ui: &mut Ui, draft: &mut MetaDraft, first_frame: bool) -> FormResult {
    ui.heading("Document details");
    egui::Grid::new("document-details").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        field_ui(ui, "Title", &mut draft.title, "the headline", first_frame);
        field_ui(ui, "Outlet", &mut draft.outlet, "who published it", false);
        field_ui(ui, "URL", &mut draft.url, "https://…", false);
        field_ui(ui, "Author", &mut draft.author, "the byline", false);
        field_ui(ui, "Published", &mut draft.published, "2024-11-05", false)
            .on_hover_text("The publication date: relative dates in the text are read against it");
    });
    if let Some(e) = &draft.error {
        ui.label(RichText::new(e.as_str()).color(super::theme::error(ui.visuals())));
    }
    ui.label(RichText::new("Enter saves (one undo step); Esc cancels").color(super::theme::weak(ui.visuals())));
    buttons_ui(ui, "Save details")
}

/// The reviewer's name and organisation as typed in Preferences.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PreferencesDraft {
    /// The reviewer's name: the author of new annotations and of `ClaimReview`s.
    pub name: String,
    /// The organisation they review for.
    pub organisation: String,
}

/// Shows the preferences form; `first_frame` puts the keyboard in the name field.
pub fn preferences_ui(ui: &mut Ui, draft: &mut PreferencesDraft, first_frame: bool) -> FormResult {
    ui.heading("Preferences");
    egui::Grid::new("preferences").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        field_ui(ui, "Your name", &mut draft.name, "recorded on new annotations", first_frame)
            .on_hover_text("The author of the annotations you make and of the ClaimReviews you export");
        field_ui(ui, "Organisation", &mut draft.organisation, "who you review for", false);
    });
    buttons_ui(ui, "Save preferences")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_are_none_and_a_date_must_be_one_day() {
        let doc = Document::new("Title", "Text.");
        let mut draft = MetaDraft::of(&doc);
        assert_eq!(draft.to_edit(&doc), Ok(None), "unchanged: no edit");
        draft.author = "  Erika Muster ".into();
        draft.published = "5 November 2024".into();
        let meta = draft.to_meta().unwrap_or_default();
        assert_eq!(meta.author.as_deref(), Some("Erika Muster"));
        assert_eq!(meta.published, chrono::NaiveDate::from_ymd_opt(2024, 11, 5));
        assert_eq!(meta.url, None);
        draft.published = "2024-11-05..2024-11-06".into();
        assert!(draft.to_meta().is_err());
    }
}
