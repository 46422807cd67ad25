//! The selected annotation's inspector (label, note, tags) and the claim editor window.

use super::{ClaimlensApp, NoteDraft};
use crate::edit::Edit;
use crate::model::{Annotation, DocumentId, LabelRole};
use crate::ui::actions::Action;
use crate::ui::claim_editor::{EditorResult, claim_editor_ui};
use crate::ui::claim_links::SelectionElsewhere;
use crate::ui::commands::Command;
use crate::ui::theme;
use egui::{RichText, Ui};

impl ClaimlensApp {
    /// The Selected-annotation inspector at the bottom of the side panel. The note and tags
    /// are typed into a draft that is committed (one undoable edit) when focus leaves the
    /// field, Enter is pressed in Tags, or another annotation is selected: nothing typed is dropped.
    pub(super) fn annotation_inspector_ui(&mut self, ui: &mut Ui) {
        self.follow_claim_draft();
        if self.pending_claim_ui(ui) {
            return;
        }
        let selected = self.session.document().and_then(|d| {
            let a = self.view.reader.selected.as_ref().and_then(|id| d.annotation(id))?;
            Some((d.id.clone(), a.clone()))
        });
        if self.view.note_draft.as_ref().is_some_and(|draft| selected.as_ref().is_none_or(|(_, a)| a.id != draft.annotation)) {
            self.commit_note_draft();
            self.view.note_draft = None;
        }
        let Some((doc_id, a)) = selected else { return };
        if self.view.note_draft.as_ref().is_none_or(|d| d.base.0 != a.note || d.base.1 != a.tags) {
            self.view.note_draft = Some(NoteDraft {
                doc: doc_id.clone(),
                annotation: a.id.clone(),
                note: a.note.clone(),
                tags: a.tags.join(", "),
                base: (a.note.clone(), a.tags.clone()),
            });
        }
        egui::Panel::bottom("annotation-inspector").show(ui, |ui| {
            ui.add_space(4.0);
            ui.label(RichText::new("Selected annotation").strong());
            ui.label(RichText::new(crate::ui::panels::quoted(&crate::formats::text::shorten(&a.quote.exact, 200))).italics());
            if a.ranges.is_empty() {
                self.orphan_ui(ui);
            }
            self.label_choice_ui(ui, &doc_id, &a);
            // A note here is the span's; the claim it is the text of has its own (the one
            // exports give with the claim).
            let claim = self.session.project.document(&doc_id).and_then(|d| d.claims.iter().find(|c| c.content.contains(&a.id)));
            if let Some(claim) = claim.map(|c| c.id.clone()) {
                ui.horizontal_wrapped(|ui| {
                    let hint =
                        "This span is a claim's text; a note here is the span's. The claim's own note, the one exports give, is the claim's:";
                    ui.label(RichText::new(hint).small().color(theme::weak(ui.visuals())));
                    if ui.small_button("Open the claim…").on_hover_text("Edit the claim, its note among its fields").clicked() {
                        self.actions.push(Action::EditClaim(claim));
                    }
                });
            }
            let left = self.note_fields_ui(ui);
            if left {
                self.commit_note_draft();
            }
            ui.horizontal(|ui| {
                let dirty = self.note_draft_edit().is_some();
                if ui.add_enabled(dirty, egui::Button::new("Save span note")).clicked() {
                    self.commit_note_draft();
                }
                if ui.button("Delete annotation").clicked() {
                    self.actions.push(Action::Run(Command::DeleteSelected));
                }
                if self.session.project.plays(&a, LabelRole::Claim) && ui.button("Make claim…").clicked() {
                    self.actions.push(Action::Run(Command::MakeClaim));
                }
            });
        });
    }

    /// While a claim is edited, the selected annotation is its content (none while that is
    /// new, not saved yet): the inspector never shows an annotation from before, also after Esc.
    fn follow_claim_draft(&mut self) {
        let Some(draft) = &self.view.claim_draft else { return };
        let doc = self.session.project.document(&draft.doc);
        let content = draft.claim.content.first().filter(|id| doc.is_some_and(|d| d.annotation(id).is_some()));
        self.view.reader.selected = content.cloned();
    }

    /// The new content of a claim being made, shown as the selection until the claim is saved;
    /// returns whether it was shown.
    fn pending_claim_ui(&self, ui: &mut Ui) -> bool {
        let Some(draft) = &self.view.claim_draft else { return false };
        let Some(a) = draft.claim.content.first().and_then(|id| draft.new_annotations.iter().find(|a| &a.id == id)) else {
            return false;
        };
        egui::Panel::bottom("annotation-inspector").show(ui, |ui| {
            ui.add_space(4.0);
            ui.label(RichText::new("Selected annotation").strong());
            ui.label(RichText::new(crate::ui::panels::quoted(&crate::formats::text::shorten(&a.quote.exact, 200))).italics());
            ui.label(RichText::new(format!("{}: not saved yet; Save claim makes it", a.label)).color(theme::weak(ui.visuals())));
        });
        true
    }

    pub(super) fn orphan_ui(&mut self, ui: &mut Ui) {
        ui.colored_label(theme::error(ui.visuals()), "Orphan: this text was not found in the current version of the article.");
        let can = self.view.reader.selection.is_some();
        if ui
            .add_enabled(can, egui::Button::new("Re-attach to selection"))
            .on_hover_text("Select where the annotated text is now, then re-attach")
            .clicked()
        {
            self.actions.push(Action::Reattach);
        }
    }

    pub(super) fn label_choice_ui(&mut self, ui: &mut Ui, doc_id: &DocumentId, a: &Annotation) {
        let mut label = a.label.clone();
        egui::ComboBox::from_label("Label").selected_text(&label).show_ui(ui, |ui| {
            for l in &self.session.project.labels {
                ui.selectable_value(&mut label, l.name.clone(), &l.name);
            }
        });
        if label != a.label {
            let mut changed = a.clone();
            changed.label = label;
            changed.modified = crate::model::now();
            self.actions.push(Action::Apply(Box::new(Edit::UpdateAnnotation(doc_id.clone(), changed))));
        }
    }

    /// The Note and Tags fields; returns whether the focus left one of them (or Enter was
    /// pressed in Tags, which leaves it too).
    pub(super) fn note_fields_ui(&mut self, ui: &mut Ui) -> bool {
        let Some(draft) = self.view.note_draft.as_mut() else { return false };
        let l = ui.label("Note");
        let note =
            ui.add(egui::TextEdit::multiline(&mut draft.note).desired_rows(2).desired_width(f32::INFINITY)).labelled_by(l.id);
        let tags = ui
            .horizontal(|ui| {
                let l = ui.label("Tags");
                ui.add(egui::TextEdit::singleline(&mut draft.tags).hint_text("comma, separated")).labelled_by(l.id)
            })
            .inner;
        note.lost_focus() || tags.lost_focus()
    }

    /// The edit that would make the drafted note and tags the annotation's, if they differ.
    pub(super) fn note_draft_edit(&self) -> Option<Edit> {
        let draft = self.view.note_draft.as_ref()?;
        let a = self.session.project.document(&draft.doc)?.annotation(&draft.annotation)?;
        let tags: Vec<String> = draft.tags.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect();
        if draft.note == a.note && tags == a.tags {
            return None;
        }
        let mut changed = a.clone();
        changed.note.clone_from(&draft.note);
        changed.tags = tags;
        changed.modified = crate::model::now();
        Some(Edit::UpdateAnnotation(draft.doc.clone(), changed))
    }

    /// Commits the drafted note and tags (one undoable edit, carried out at the end of the frame).
    pub(super) fn commit_note_draft(&mut self) {
        if let Some(edit) = self.note_draft_edit() {
            self.actions.push(Action::Apply(Box::new(edit)));
        }
    }

    /// The text selected in the claim's document `doc` (for its cue), and the text selected in
    /// another one (shown now, else the one left last with a selection), for a link to it.
    fn selections_for(&self, doc: &DocumentId) -> (Option<crate::anchor::CharRange>, Option<SelectionElsewhere>) {
        let shown = self.session.document().map(|d| d.id.clone());
        match (shown, self.view.reader.selection) {
            (Some(d), here) if &d == doc => (here, self.view.left_selection.clone().filter(|e| &e.document != doc)),
            (Some(d), Some(range)) => (None, Some(SelectionElsewhere { document: d, range })),
            _ => (None, self.view.left_selection.clone().filter(|e| &e.document != doc)),
        }
    }

    pub(super) fn claim_editor_window(&mut self, ctx: &egui::Context) {
        let Some(mut draft) = self.view.claim_draft.take() else { return };
        let (selection, elsewhere) = self.selections_for(&draft.doc);
        let Some(document) = self.session.project.document(&draft.doc) else { return };
        let mut open = true;
        let mut result = EditorResult::Open;
        let title = if draft.is_new { "New claim" } else { "Edit claim" };
        egui::Window::new(title)
            .id(egui::Id::unique("claim-editor"))
            .collapsible(false)
            .resizable(true)
            .default_width(460.0)
            .open(&mut open)
            .show(ctx, |ui| {
                result = claim_editor_ui(
                    ui,
                    &self.session.project,
                    document,
                    &mut draft,
                    selection,
                    elsewhere.as_ref(),
                    &self.settings.author,
                );
            });
        self.actions.extend(crate::ui::claim_links::take_go_to(&self.session.project, &mut draft.links));
        match result {
            EditorResult::Open if open => self.view.claim_draft = Some(draft),
            EditorResult::Open | EditorResult::Cancel => {}
            EditorResult::Save => match draft.to_changeset(&self.session.project) {
                Ok(changeset) => {
                    let id = draft.claim.id.clone();
                    if self.apply_changeset(changeset) {
                        self.view.panel.selected_claim = Some(id);
                        self.view.reader.selected = draft.claim.content.first().cloned();
                    } else {
                        draft.error = Some(self.status.clone());
                        self.view.claim_draft = Some(draft);
                    }
                }
                Err(e) => {
                    draft.error = Some(e);
                    self.view.claim_draft = Some(draft);
                }
            },
            EditorResult::Delete => {
                self.apply(Edit::RemoveClaim(draft.doc.clone(), draft.claim.id.clone()));
            }
        }
    }
}
