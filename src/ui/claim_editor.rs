//! The claim editor: content, cue, sources, the `via` chain, verdict, note, event date and the
//! day it was said, saved as one undoable edit.

use super::focus_cycle::FocusCycle;
use crate::anchor::{CharRange, TextIndex};
use crate::edit::changeset::find_or_add_source_in;
use crate::edit::{Changeset, Edit};
use crate::formats::text::shorten;
use crate::model::{
    Annotation, AnnotationId, Claim, Document, DocumentId, EventDate, LabelRole, Project, Source, SourceId, Verdict,
};
use egui::{RichText, Ui};

/// A claim being edited, with what saving it will create.
#[derive(Debug, Clone)]
pub struct ClaimDraft {
    /// The document of the claim.
    pub doc: DocumentId,
    /// The claim as edited.
    pub claim: Claim,
    /// Whether the claim is new (inserted on save) or existing (updated).
    pub is_new: bool,
    /// Annotations to create on save (content or cue from the selection).
    pub new_annotations: Vec<Annotation>,
    /// Sources to register on save.
    pub new_sources: Vec<Source>,
    /// The event date as typed.
    pub date_text: String,
    /// The day the claim was said, as typed.
    pub said_text: String,
    /// A new source's name as typed in the via chain, not yet added.
    pub via_text: String,
    /// Why the last save was refused.
    pub error: Option<String>,
    /// The Links row's picker.
    pub links: super::claim_links::LinkPicker,
    /// The editor's keyboard order (Tab stays inside the editor).
    focus: FocusCycle,
}

impl ClaimDraft {
    /// A draft for an existing claim.
    pub fn edit(doc: DocumentId, claim: Claim) -> Self {
        let date_text = claim.event_date.map(|d| d.to_string()).unwrap_or_default();
        let said_text = claim.said_on.map(|d| d.to_string()).unwrap_or_default();
        Self {
            doc,
            claim,
            is_new: false,
            new_annotations: Vec::new(),
            new_sources: Vec::new(),
            date_text,
            said_text,
            via_text: String::new(),
            error: None,
            links: super::claim_links::LinkPicker::default(),
            focus: FocusCycle::default(),
        }
    }

    /// A draft for a new claim on `content` (an existing annotation, or a new one created on save).
    pub fn new_claim(doc: DocumentId, content: AnnotationId, new_content: Option<Annotation>) -> Self {
        let claim = Claim::new(vec![content]);
        Self {
            doc,
            claim,
            is_new: true,
            new_annotations: new_content.into_iter().collect(),
            new_sources: Vec::new(),
            date_text: String::new(),
            said_text: String::new(),
            via_text: String::new(),
            error: None,
            links: super::claim_links::LinkPicker::default(),
            focus: FocusCycle::default(),
        }
    }

    /// The changeset that saving the draft applies to `project`, or why it cannot be saved. An
    /// existing claim is saved through [`crate::ops::claims::update_claim`], which unlinks the
    /// source spans of the sources taken off it.
    pub fn to_changeset(&self, project: &Project) -> Result<Changeset, String> {
        let mut claim = self.claim.clone();
        claim.event_date = parse_event_date(&self.date_text)?;
        claim.said_on = parse_event_date(&self.said_text).map_err(|e| format!("Said on: {e}"))?;
        let mut edits: Vec<Edit> =
            self.new_sources.iter().map(|s| Edit::InsertSource { index: None, source: s.clone() }).collect();
        edits.extend(self.new_annotations.iter().map(|a| Edit::InsertAnnotation {
            doc: self.doc.clone(),
            index: None,
            annotation: a.clone(),
        }));
        // Spans made in other documents for links to a selection there.
        edits.extend(self.links.new_spans(&claim.links).map(|(doc, a)| Edit::InsertAnnotation {
            doc: doc.clone(),
            index: None,
            annotation: a.clone(),
        }));
        if self.is_new {
            edits.push(Edit::InsertClaim { doc: self.doc.clone(), index: None, claim });
            return Ok(Changeset::new("New claim", edits));
        }
        let update = crate::ops::claims::update_claim(project, &self.doc, claim).map_err(|e| e.to_string())?;
        edits.extend(update.edits().iter().cloned());
        Ok(Changeset::new(update.name(), edits))
    }

    fn annotation<'a>(&'a self, document: &'a Document, id: &AnnotationId) -> Option<&'a Annotation> {
        document.annotation(id).or_else(|| self.new_annotations.iter().find(|a| &a.id == id))
    }

    fn source_name<'a>(&'a self, project: &'a Project, id: &SourceId) -> &'a str {
        project.source(id).or_else(|| self.new_sources.iter().find(|s| &s.id == id)).map_or("(missing)", |s| s.name.as_str())
    }
}

/// Reads a typed event date with the one event-date parser ([`EventDate::read`]).
pub fn parse_event_date(text: &str) -> Result<Option<EventDate>, String> {
    EventDate::read(text).map_err(|e| e.to_string())
}

/// What the editor asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum EditorResult {
    /// Keep editing.
    Open,
    /// Save the draft.
    Save,
    /// Close without saving.
    Cancel,
    /// Delete the claim.
    Delete,
}

/// Shows the editor. `selection` is the text the user has selected in the claim's document, for
/// "use as cue"; `elsewhere` the text selected in another document, for a link to it. The
/// keyboard starts in the cue; Tab moves through the editor's fields in order (and stays in
/// it), Space or Enter opens a list or presses a button, Enter elsewhere saves, Esc cancels.
pub fn claim_editor_ui(
    ui: &mut Ui,
    project: &Project,
    document: &Document,
    draft: &mut ClaimDraft,
    selection: Option<CharRange>,
    elsewhere: Option<&super::claim_links::SelectionElsewhere>,
    author: &str,
) -> EditorResult {
    let mut focus = std::mem::take(&mut draft.focus);
    focus.begin(ui);
    let mut result = EditorResult::Open;
    let content: Vec<String> =
        draft.claim.content.iter().filter_map(|id| draft.annotation(document, id)).map(|a| a.quote.exact.clone()).collect();
    ui.label(RichText::new("Content").strong());
    ui.label(RichText::new(format!("“{}”", shorten(&content.join(" … "), 400))).italics());
    ui.separator();

    egui::Grid::new("claim-editor-grid").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        cue_row(ui, project, document, draft, selection, author, &mut focus);
        ui.end_row();
        sources_row(ui, project, document, draft, &mut focus);
        ui.end_row();
        via_row(ui, project, draft, &mut focus);
        ui.end_row();
        let row = super::claim_links::LinkRow { project, document, elsewhere, author };
        super::claim_links::links_row_ui(ui, &row, &mut draft.claim, &mut draft.links, &mut focus);
        ui.end_row();
        verdict_row(ui, draft, &mut focus);
        ui.end_row();
        dates_rows(ui, draft, &mut focus);
        let l = ui.label("Note");
        let note = ui.add(egui::TextEdit::multiline(&mut draft.claim.note).desired_rows(3)).labelled_by(l.id);
        focus.track(ui, &note, false);
        ui.end_row();
    });
    if let Some(e) = &draft.error {
        ui.colored_label(super::theme::error(ui.visuals()), e);
    }
    ui.separator();
    ui.horizontal(|ui| {
        let mut button = |ui: &mut Ui, text: &str, then: EditorResult| {
            let r = ui.button(text);
            focus.track(ui, &r, false);
            if r.clicked() {
                result = then;
            }
        };
        button(ui, "Save claim", EditorResult::Save);
        button(ui, "Cancel", EditorResult::Cancel);
        if !draft.is_new {
            button(ui, "Delete claim", EditorResult::Delete);
        }
    });
    // Enter saves (Esc cancels, in the app), except where Enter acts: a button, a list, the
    // note, a new source's name.
    if focus.end(ui) && result == EditorResult::Open {
        result = EditorResult::Save;
    }
    draft.focus = focus;
    result
}

/// The Event date and Said on rows: what the claim is about, and when it was said.
fn dates_rows(ui: &mut Ui, draft: &mut ClaimDraft, focus: &mut FocusCycle) {
    let rows = [
        (
            "Event date",
            &mut draft.date_text,
            // A format, not a date: a real day as the hint reads as one already set.
            "YYYY-MM-DD, or a range YYYY-MM-DD..YYYY-MM-DD",
            "When the event the claim speaks of happened",
        ),
        (
            "Said on",
            &mut draft.said_text,
            "YYYY-MM-DD",
            "When the source made the statement (the event date is what it is about)",
        ),
    ];
    for (label, text, hint, hover) in rows {
        let l = ui.label(label);
        let field = ui.add(egui::TextEdit::singleline(text).hint_text(hint)).labelled_by(l.id).on_hover_text(hover);
        focus.track(ui, &field, true);
        ui.end_row();
    }
}

/// The verdict list: Space opens it, Tab reaches its entries, Space chooses one.
fn verdict_row(ui: &mut Ui, draft: &mut ClaimDraft, focus: &mut FocusCycle) {
    let row = ui.label("Verdict");
    let entries: Vec<(Verdict, String)> = Verdict::ALL.iter().map(|v| (*v, v.label().to_owned())).collect();
    let shown = draft.claim.verdict.label().to_owned();
    tracked_combo(ui, focus, ("claim-verdict", row.id, shown), &mut draft.claim.verdict, &entries);
}

/// A list in the editor's keyboard order (its id salt, the label it is known by, the text it
/// shows): Space opens it, Tab reaches its entries, Space chooses one, and the keyboard comes
/// back to the list.
fn tracked_combo<T: PartialEq + Clone>(
    ui: &mut Ui,
    focus: &mut FocusCycle,
    (salt, label, shown): (&str, egui::Id, String),
    value: &mut T,
    entries: &[(T, String)],
) {
    let mut chosen = value.clone();
    let combo = egui::ComboBox::from_id_salt(salt).selected_text(shown).show_ui(ui, |ui| {
        for (entry, text) in entries {
            let r = ui.selectable_value(&mut chosen, entry.clone(), text);
            focus.track(ui, &r, false);
        }
    });
    let response = combo.response.labelled_by(label);
    focus.track(ui, &response, false);
    if chosen != *value {
        *value = chosen;
        FocusCycle::refocus(&response);
    }
}

fn cue_row(
    ui: &mut Ui,
    project: &Project,
    document: &Document,
    draft: &mut ClaimDraft,
    selection: Option<CharRange>,
    author: &str,
    focus: &mut FocusCycle,
) {
    let row = ui.label("Cue");
    ui.vertical(|ui| {
        let current = draft
            .claim
            .cue
            .as_ref()
            .and_then(|id| draft.annotation(document, id))
            .map_or_else(|| "(none)".to_owned(), |a| a.quote.exact.clone());
        let anchor = draft.claim.content.first().and_then(|id| draft.annotation(document, id)).map_or(0, Annotation::start);
        let mut cues: Vec<&Annotation> = document
            .annotations
            .iter()
            .chain(draft.new_annotations.iter())
            .filter(|a| project.plays(a, LabelRole::Cue))
            .collect();
        cues.sort_by_key(|a| a.start().abs_diff(anchor));
        let entries: Vec<(Option<AnnotationId>, String)> = std::iter::once((None, "(none)".to_owned()))
            .chain(cues.iter().take(30).map(|a| (Some(a.id.clone()), shorten(&a.quote.exact, 40))))
            .collect();
        tracked_combo(ui, focus, ("claim-cue", row.id, shorten(&current, 40)), &mut draft.claim.cue, &entries);
        if let Some(sel) = selection
            && tracked_button(ui, focus, "Use selected text as cue").clicked()
        {
            let index = TextIndex::new(&document.text);
            let cue = Annotation::new(&index, project.label_name_for(LabelRole::Cue), vec![sel], author);
            draft.claim.cue = Some(cue.id.clone());
            draft.new_annotations.push(cue);
        }
    });
}

fn sources_row(ui: &mut Ui, project: &Project, document: &Document, draft: &mut ClaimDraft, focus: &mut FocusCycle) {
    ui.label("Sources");
    ui.vertical(|ui| {
        let mut remove = None;
        for (i, id) in draft.claim.attributed_to.iter().enumerate() {
            ui.horizontal(|ui| {
                let name = draft.source_name(project, id).to_owned();
                ui.label(RichText::new(&name).strong());
                let remove_button = remove_button_ui(ui, &format!("Remove {name}"));
                if tracked(ui, focus, remove_button).clicked() {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            draft.claim.attributed_to.remove(i);
        }
        let mut add: Option<SourceId> = None;
        let menu = stable_menu_ui(ui, "Add source…", |ui| {
            for s in project.sources.iter().chain(draft.new_sources.iter()) {
                if !draft.claim.attributed_to.contains(&s.id) && tracked_button(ui, focus, &s.name).clicked() {
                    add = Some(s.id.clone());
                }
            }
        });
        let add_menu = tracked(ui, focus, menu.response.on_hover_text("Attribute the claim to a registered source"));
        let spans: Vec<&Annotation> =
            document.annotations.iter().filter(|a| project.plays(a, crate::model::LabelRole::Source)).collect();
        let mut from_span: Option<&Annotation> = None;
        let menu = stable_menu_ui(ui, "New source from span…", |ui| {
            if spans.is_empty() {
                ui.label("Label the source's name in the text as Source first.");
            }
            for a in &spans {
                if tracked_button(ui, focus, &shorten(&a.quote.exact, 40)).clicked() {
                    from_span = Some(a);
                }
            }
        });
        let span_menu = tracked(ui, focus, menu.response.on_hover_text("Register a source named by a Source span of the text"));
        if let Some(a) = from_span {
            let name = a.quote.exact.replace(crate::anchor::FRAGMENT_SEPARATOR, " ");
            let kind = crate::text::source_kind::guess_kind(&name);
            let id = find_or_add_source_in(project, &mut draft.new_sources, name.trim(), kind);
            if !draft.claim.source_spans.contains(&a.id) {
                draft.claim.source_spans.push(a.id.clone());
            }
            add = Some(id);
            FocusCycle::refocus(&span_menu);
        } else if add.is_some() {
            FocusCycle::refocus(&add_menu);
        }
        if let Some(id) = add
            && !draft.claim.attributed_to.contains(&id)
        {
            draft.claim.attributed_to.push(id);
        }
    });
}

/// The via chain's row: its sources with their remove buttons, a list of registered ones and
/// a field for a new one (Enter there adds it, not saves the claim).
fn via_row(ui: &mut Ui, project: &Project, draft: &mut ClaimDraft, focus: &mut FocusCycle) {
    ui.label("Via").on_hover_text("Through whom the article knows the claim, nearest first");
    ui.vertical(|ui| {
        let mut remove = None;
        ui.horizontal_wrapped(|ui| {
            for (i, id) in draft.claim.via.iter().enumerate() {
                if i > 0 {
                    ui.label("←");
                }
                let name = draft.source_name(project, id).to_owned();
                ui.label(&name);
                let remove_button = remove_button_ui(ui, &format!("Remove {name} from the chain"));
                if tracked(ui, focus, remove_button).clicked() {
                    remove = Some(i);
                }
            }
        });
        if let Some(i) = remove {
            draft.claim.via.remove(i);
        }
        let mut add = None;
        let menu = stable_menu_ui(ui, "Add to chain…", |ui| {
            for s in project.sources.iter().chain(draft.new_sources.iter()) {
                if !draft.claim.via.contains(&s.id) && tracked_button(ui, focus, &s.name).clicked() {
                    add = Some(s.id.clone());
                }
            }
        });
        let chain_menu = tracked(ui, focus, menu.response.on_hover_text("Add who relayed the claim, nearest first"));
        if add.is_some() {
            FocusCycle::refocus(&chain_menu);
        }
        ui.horizontal(|ui| {
            let l = ui.label("New source…");
            let field = ui
                .add(egui::TextEdit::singleline(&mut draft.via_text).desired_width(180.0).hint_text("name, then Enter"))
                .labelled_by(l.id)
                .on_hover_text("Type a source not registered yet: it is registered when the claim is saved");
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let field = tracked(ui, focus, field);
            if entered {
                // Enter added the source: the keyboard stays in the field for the next one.
                field.request_focus();
            }
            let name = draft.via_text.trim().to_owned();
            if (tracked_button(ui, focus, "Add new source to chain").clicked() || entered) && !name.is_empty() {
                let kind = crate::text::source_kind::guess_kind(&name);
                add = Some(find_or_add_source_in(project, &mut draft.new_sources, &name, kind));
                draft.via_text.clear();
            }
        });
        if let Some(id) = add
            && !draft.claim.via.contains(&id)
        {
            draft.claim.via.push(id);
        }
    });
}

/// A menu button whose id does not move when rows are added above it (the keyboard stays on it).
fn stable_menu_ui(ui: &mut Ui, text: &str, add_contents: impl FnOnce(&mut Ui)) -> egui::InnerResponse<Option<()>> {
    let scope = egui::UiBuilder::new().scope_id(egui::Id::unique(("claim-editor-menu", text)));
    ui.scope_builder(scope, |ui| ui.menu_button(text, add_contents)).inner
}

/// A widget of the editor that Tab reaches, where Enter acts on it (not saves the claim).
fn tracked(ui: &Ui, focus: &mut FocusCycle, response: egui::Response) -> egui::Response {
    focus.track(ui, &response, false);
    response
}

/// A button of the editor that Tab reaches.
fn tracked_button(ui: &mut Ui, focus: &mut FocusCycle, text: &str) -> egui::Response {
    let r = ui.button(text);
    focus.track(ui, &r, false);
    r
}

/// A small "✕" button that screen readers (and tests) know by `what` it removes.
fn remove_button_ui(ui: &mut Ui, what: &str) -> egui::Response {
    let response = ui.small_button("✕");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, what));
    response.on_hover_text(what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_typed_dates_and_ranges() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(parse_event_date("2024-10-28"), Ok(Some(EventDate::day(d(2024, 10, 28)))));
        assert_eq!(parse_event_date("28 October 2024"), Ok(Some(EventDate::day(d(2024, 10, 28)))));
        assert_eq!(parse_event_date("October 25, 2024"), Ok(Some(EventDate::day(d(2024, 10, 25)))));
        assert_eq!(
            parse_event_date("2024-10-27..2024-10-28"),
            Ok(Some(EventDate { start: d(2024, 10, 27), end: Some(d(2024, 10, 28)) }))
        );
        assert_eq!(parse_event_date(""), Ok(None));
        assert!(parse_event_date("next tuesday").is_err());
        assert!(parse_event_date("2024-10-28..2024-10-27").is_err());
    }
}
