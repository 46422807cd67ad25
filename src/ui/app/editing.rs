//! Changes to the project from the window: selection, labelling, claims, undo, and the
//! keyboard sentence cursor.

use super::ClaimlensApp;
use crate::anchor::{CharRange, TextIndex};
use crate::edit::{Changeset, Edit};
use crate::model::{AnnotationId, LabelRole};
use crate::ui::claim_editor::ClaimDraft;

impl ClaimlensApp {
    /// Applies an edit as one undo step, reporting a refusal in the status bar.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let description = edit.describe();
        let result = self.session.apply(edit);
        self.applied(description, result)
    }

    /// Applies a changeset as one undo step named after it, reporting a refusal in the status bar.
    pub fn apply_changeset(&mut self, changeset: Changeset) -> bool {
        if changeset.is_empty() {
            self.status = format!("{}: nothing to change", changeset.name());
            return false;
        }
        let description = changeset.name().to_owned();
        let result = self.session.apply_changeset(changeset);
        self.applied(description, result)
    }

    /// Reports an applied step (or its refusal) in the status bar.
    fn applied(&mut self, description: String, result: Result<(), crate::edit::EditError>) -> bool {
        match result {
            Ok(()) => {
                self.revision += 1;
                self.status = description;
                true
            }
            Err(e) => {
                self.status = format!("Not done: {e}");
                false
            }
        }
    }

    pub(super) fn undo(&mut self) {
        match self.session.try_undo() {
            Ok(Some(what)) => {
                self.revision += 1;
                self.status = format!("Undid {what}");
                self.drop_stale_selection();
            }
            Ok(None) => self.status = "Nothing to undo".into(),
            Err(e) => self.error_dialog("Could not undo", &format!("{e}. The step is kept; the project is unchanged.")),
        }
    }

    pub(super) fn redo(&mut self) {
        match self.session.try_redo() {
            Ok(Some(what)) => {
                self.revision += 1;
                self.status = format!("Redid {what}");
                self.drop_stale_selection();
            }
            Ok(None) => self.status = "Nothing to redo".into(),
            Err(e) => self.error_dialog("Could not redo", &format!("{e}. The step is kept; the project is unchanged.")),
        }
    }

    /// Shows the labels editor when it is open (Edit → Labels…).
    pub(super) fn labels_editor_window(&mut self, ctx: &egui::Context) {
        let Some(mut editor) = self.view.labels_editor.take() else { return };
        if crate::ui::labels_editor::labels_editor_window(ctx, &self.session.project, &mut editor, &mut self.actions) {
            self.view.labels_editor = Some(editor);
        }
    }

    pub(super) fn drop_stale_selection(&mut self) {
        let doc = self.session.document();
        if let Some(id) = &self.view.reader.selected
            && doc.and_then(|d| d.annotation(id)).is_none()
        {
            self.view.reader.selected = None;
        }
        if let Some(id) = &self.view.panel.selected_claim
            && doc.and_then(|d| d.claim(id)).is_none()
        {
            self.view.panel.selected_claim = None;
        }
    }

    /// Labels the current selection (one undo step, trimmed of whitespace by
    /// [`crate::ops::spans::label_span`]). Returns whether an annotation was made.
    pub fn label_selection(&mut self, label: &str) -> bool {
        let (Some(sel), Some(doc)) = (self.view.reader.selection, self.session.document()) else {
            self.status = "Select some text first".into();
            return false;
        };
        let Some((changeset, id)) = crate::ops::spans::label_span(doc, label, &[sel], &self.settings.author) else {
            self.status = "The selection is only spaces: select some words".into();
            return false;
        };
        if self.apply_changeset(changeset) {
            self.view.reader.selected = Some(id);
            self.view.reader.selection = None;
            return true;
        }
        false
    }

    /// Adds the selection as another fragment of the selected annotation (discontinuous).
    pub(super) fn extend_selected(&mut self) {
        let (Some(sel), Some(id), Some(doc)) =
            (self.view.reader.selection, self.view.reader.selected.clone(), self.session.document())
        else {
            self.status = "Select an annotation, then select more text to add to it".into();
            return;
        };
        let Some(changeset) = crate::ops::spans::add_fragment(doc, &id, sel) else { return };
        if self.apply_changeset(changeset) {
            self.view.reader.selection = None;
        }
    }

    /// Opens the claim editor on a new claim made of the selection (or the selected Claim annotation).
    pub(super) fn make_claim(&mut self) {
        let Some(doc) = self.session.document() else { return };
        let doc_id = doc.id.clone();
        // A span that already is a claim's content opens that claim, never a duplicate.
        let selection = self.view.reader.selection.map(|sel| crate::ops::spans::trimmed(doc, &[sel]));
        let existing = doc.claims.iter().find(|c| {
            let [content] = c.content.as_slice() else { return false };
            let Some(a) = doc.annotation(content) else { return false };
            match &selection {
                Some(sel) => &a.ranges == sel,
                None => self.view.reader.selected.as_ref() == Some(content),
            }
        });
        if let Some(claim) = existing {
            self.view.claim_draft = Some(ClaimDraft::edit(doc_id, claim.clone()));
            self.view.reader.selection = None;
            return;
        }
        let (content, new_content) = if let Some(sel) = self.view.reader.selection {
            let claim_label = self.session.project.label_name_for(LabelRole::Claim);
            let Some(content) = crate::ops::spans::new_span(doc, claim_label, &[sel], &self.settings.author) else {
                self.status = "The selection is only spaces: select the claim's words".into();
                return;
            };
            (content.clone(), Some(content))
        } else if let Some(a) = self.view.reader.selected.as_ref().and_then(|id| doc.annotation(id)) {
            (a.clone(), None)
        } else {
            self.status = "Select the claim's text first".into();
            return;
        };
        // The Cue span beside it is the claim's cue to begin with.
        let cue = crate::ops::claims::cue_beside(&self.session.project, doc, &content.ranges);
        let mut draft = ClaimDraft::new_claim(doc_id, content.id, new_content);
        draft.claim.cue = cue;
        self.view.claim_draft = Some(draft);
        self.view.reader.selection = None;
    }

    pub(super) fn delete_selected(&mut self) {
        let Some(doc) = self.session.document() else { return };
        let doc_id = doc.id.clone();
        if let Some(id) = self.view.reader.selected.clone() {
            // What leans on it goes or lets go of it in the same undo step (a claim whose only
            // text it is goes; a claim's cue or source span is taken off the claim).
            match crate::ops::claims::delete_annotation(&self.session.project, &doc_id, &id) {
                Ok(changeset) => {
                    if self.apply_changeset(changeset) {
                        self.view.reader.selected = None;
                    }
                }
                Err(e) => self.status = format!("Not deleted: {e}"),
            }
        } else if let Some(id) = self.view.panel.selected_claim.clone()
            && self.apply(Edit::RemoveClaim(doc_id, id))
        {
            self.view.panel.selected_claim = None;
        }
    }

    pub(super) fn select_annotation(&mut self, id: AnnotationId) {
        let Some(doc) = self.session.document() else { return };
        let Some(a) = doc.annotation(&id) else { return };
        let range = CharRange::new(a.start(), a.end());
        let orphan = a.ranges.is_empty();
        self.view.panel.selected_claim = doc.claims.iter().find(|c| c.content.contains(&id)).map(|c| c.id.clone());
        self.view.reader.selected = Some(id);
        if !orphan {
            self.view.reader.scroll_to = Some(range);
            self.view.reader.flash(range);
        }
    }

    /// Puts an orphaned annotation on the selected text.
    pub(super) fn reattach_selected(&mut self) {
        let (Some(sel), Some(id), Some(doc)) =
            (self.view.reader.selection, self.view.reader.selected.clone(), self.session.document())
        else {
            return;
        };
        let Some(mut ann) = doc.annotation(&id).cloned() else { return };
        let index = TextIndex::new(&doc.text);
        ann.ranges = vec![sel];
        ann.quote = crate::anchor::Quote::of(&index, &ann.ranges);
        ann.modified = crate::model::now();
        let edit = Edit::UpdateAnnotation(doc.id.clone(), ann);
        if self.apply(edit) {
            self.view.reader.selection = None;
            self.status = "Re-attached".into();
        }
    }

    pub(super) fn sentences(&mut self) -> Vec<CharRange> {
        let key = (self.revision, self.session.doc);
        match &self.view.sentence_cache {
            Some((r, d, s)) if (*r, *d) == key => s.clone(),
            _ => {
                let s = self.session.document().map(|d| crate::text::sentences(&d.text)).unwrap_or_default();
                self.view.sentence_cache = Some((key.0, key.1, s.clone()));
                s
            }
        }
    }

    pub(super) fn move_sentence(&mut self, forward: bool, extend: bool) {
        let sentences = self.sentences();
        let current = self.view.reader.selection;
        // With nothing selected, the cursor goes on from the annotation just made or clicked.
        let selected = self.view.reader.selected.as_ref().and_then(|id| self.session.document()?.annotation(id));
        let from = current.or_else(|| selected.filter(|a| !a.ranges.is_empty()).map(|a| CharRange::new(a.start(), a.end())));
        let pos = from.map_or(0, |s| if forward { s.end } else { s.start });
        let next = if forward {
            // The sentence the selection ends in (a find match, a word), else the next one.
            sentences.iter().find(|s| s.end > pos).copied()
        } else {
            sentences.iter().rev().find(|s| s.end <= pos).copied()
        };
        let Some(next) = next else { return };
        let range = match (extend, current) {
            (true, Some(cur)) => CharRange::new(cur.start, next.end),
            _ => next,
        };
        self.view.reader.selection = Some(range);
        self.view.reader.set_selection = Some(range);
        self.view.reader.selection_focus = None;
        self.view.reader.scroll_to = Some(range);
    }

    /// Moves the selection's moving end by a char or a word (Shift+←/→, Ctrl+Shift+←/→) while
    /// the other end stays: a selection grows or shrinks a char at a time, never to nothing.
    /// With no selection, one starts at the top of the view.
    pub(super) fn move_selection_end(&mut self, forward: bool, by_word: bool) {
        let Some(doc) = self.session.document() else { return };
        let len = doc.text.chars().count();
        let (anchor, focus) = match self.view.reader.selection {
            Some(sel) if self.view.reader.selection_focus == Some(sel.start) => (sel.end, sel.start),
            Some(sel) => (sel.start, sel.end),
            None => {
                let start = self.view.reader.top_paragraph().map_or(0, |p| self.view.reader.paragraph_start(p));
                (start, start)
            }
        };
        let next = step(&doc.text, len, focus, forward, by_word);
        if next == anchor || next == focus {
            return;
        }
        let shown = if forward { next.saturating_sub(1) } else { next };
        self.show_keyboard_selection(CharRange::new(anchor.min(next), anchor.max(next)), Some(next), shown, len);
    }

    /// Moves the selection's start by a char or a word (Shift+Alt+←/→, Ctrl+Shift+Alt+←/→)
    /// while its end stays, so "The foreign ministers … said" can be trimmed at its start
    /// too; never onto or past the end. Shift+←/→ go on moving the end.
    pub(super) fn move_selection_start(&mut self, forward: bool, by_word: bool) {
        let Some(doc) = self.session.document() else { return };
        let Some(sel) = self.view.reader.selection else {
            self.status = "Select some text first (Alt+↓ selects a sentence)".into();
            return;
        };
        let len = doc.text.chars().count();
        let next = if forward && by_word {
            // To the start of the next word, not the end of this one.
            let end = crate::text::words::word_end_after(&doc.text, sel.start);
            crate::text::words::word_start_before(&doc.text, crate::text::words::word_end_after(&doc.text, end))
        } else {
            step(&doc.text, len, sel.start, forward, by_word)
        };
        if next >= sel.end || next == sel.start || (forward && next < sel.start) {
            return;
        }
        self.show_keyboard_selection(CharRange::new(next, sel.end), None, next, len);
    }

    /// Makes `range` the selection from the keyboard, with its moving end `focus`, and
    /// scrolls to char `shown`.
    fn show_keyboard_selection(&mut self, range: CharRange, focus: Option<usize>, shown: usize, len: usize) {
        self.view.reader.selection = Some(range);
        self.view.reader.set_selection = Some(range);
        self.view.reader.selection_focus = focus;
        self.view.reader.scroll_to = Some(CharRange::new(shown, (shown + 1).min(len)));
    }
}

/// Where one step from char `pos` lands: a char or a word (by [`crate::text::words`]) either
/// way, within `0..=len`.
fn step(text: &str, len: usize, pos: usize, forward: bool, by_word: bool) -> usize {
    match (by_word, forward) {
        (true, true) => crate::text::words::word_end_after(text, pos),
        (true, false) => crate::text::words::word_start_before(text, pos),
        (false, true) => (pos + 1).min(len),
        (false, false) => pos.saturating_sub(1),
    }
}
