//! The Claims tab: filters, and the list of claims with their verdict, cue and chain.
//!
//! The rows are computed once per project revision and filter (not every frame), and only the
//! rows in view are laid out: rows differ in height, so each is measured when shown and the
//! others are estimated from the measured ones. A project with thousands of claims scrolls as
//! smoothly as one with ten.

use super::actions::Action;
use super::tab::PanelContext;
use super::theme;
use crate::edit::Edit;
use crate::formats::text::shorten;
use crate::model::{Annotation, AnnotationId, Claim, ClaimId, Document, DocumentId, Project, SourceId, Verdict};
use egui::{Rect, RichText, Ui, UiBuilder, Vec2};
use std::collections::HashMap;

/// Height of a row not measured yet, before any row is.
const FIRST_ESTIMATE: f32 = 72.0;

/// Which claims the list covers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// The shown document's.
    #[default]
    ThisDocument,
    /// Every document's, each row naming its document.
    AllDocuments,
}

/// The order of the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    /// Documents in project order, claims in their document's order.
    #[default]
    DocumentOrder,
    /// By the date of the event each claim speaks of (undated last).
    EventDate,
    /// By when each claim first appeared: its story's first appearance, else its document's date.
    FirstAppearance,
}

impl SortBy {
    /// Every order, as the Sort list offers them.
    pub const ALL: [Self; 3] = [Self::DocumentOrder, Self::EventDate, Self::FirstAppearance];

    /// What the Sort list says.
    pub const fn label(self) -> &'static str {
        match self {
            Self::DocumentOrder => "Document order",
            Self::EventDate => "Event date",
            Self::FirstAppearance => "First appearance",
        }
    }
}

/// One claim as the list shows it.
#[derive(Clone, Debug)]
struct Row {
    id: ClaimId,
    /// The index of its document in the project, and (listing all documents) its title.
    doc: usize,
    doc_title: Option<String>,
    verdict: Verdict,
    date: Option<String>,
    /// The event's first day, and when the claim first appeared (sorting by it only).
    event: Option<chrono::NaiveDate>,
    first: Option<chrono::NaiveDate>,
    cue: Option<String>,
    /// The content's quote, shortened.
    text: String,
    /// Who said it, through whom: `Censor.NET ← Ukrinform ← …`.
    chain: String,
    note: String,
    /// Its links, and the links to it.
    links: Vec<super::claim_links::LinkLine>,
}

/// What the rows depend on.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Key {
    revision: u64,
    doc: DocumentId,
    scope: Scope,
    sort: SortBy,
    verdict: Option<Verdict>,
    source: Option<SourceId>,
    search: String,
}

/// The Claims tab's own state: its filters and its rows.
#[derive(Debug, Default)]
pub struct ClaimsTabState {
    /// Filter: verdict.
    pub verdict_filter: Option<Verdict>,
    /// Filter: source.
    pub source_filter: Option<SourceId>,
    /// Filter: text search.
    pub search: String,
    /// This document's claims, or every document's.
    pub scope: Scope,
    /// The list's order.
    pub sort: SortBy,
    /// The rows, kept until the project or a filter changes.
    pub claim_list: ClaimList,
}

/// The Claims tab's rows and their measured heights, kept until the project or a filter changes.
#[derive(Debug, Default)]
pub struct ClaimList {
    key: Option<Key>,
    rows: Vec<Row>,
    /// Measured heights (without spacing) by claim.
    heights: HashMap<ClaimId, f32>,
    /// The claim the list last scrolled to, and an offset to apply next frame.
    scrolled_to: Option<ClaimId>,
    offset: Option<f32>,
}

/// What the rows are filtered by.
struct Filter<'a> {
    verdict: Option<Verdict>,
    source: Option<&'a SourceId>,
    /// The search, lower case.
    needle: String,
}

/// The claims in `scope` (the shown document, `shown`, or all) that pass the filters, as rows.
fn rows(project: &Project, shown: usize, key: &Key) -> Vec<Row> {
    let filter = Filter { verdict: key.verdict, source: key.source.as_ref(), needle: key.search.to_lowercase() };
    let all = key.scope == Scope::AllDocuments && project.documents.len() > 1;
    let mut out = Vec::new();
    for (i, document) in project.documents.iter().enumerate() {
        if all || i == shown {
            let title = all.then(|| if document.title.is_empty() { "Untitled".to_owned() } else { shorten(&document.title, 60) });
            out.extend(document_rows(project, i, document, &filter, title.as_deref()));
        }
    }
    match key.sort {
        SortBy::DocumentOrder => {}
        SortBy::EventDate => out.sort_by_key(|r| (r.event.is_none(), r.event)),
        SortBy::FirstAppearance => {
            let firsts = crate::model::links::first_appearance_dates(project);
            for r in &mut out {
                let doc = project.documents.get(r.doc).map(|d| d.id.clone());
                r.first = doc.and_then(|d| firsts.get(&(d, r.id.clone())).copied());
            }
            out.sort_by_key(|r| (r.first.is_none(), r.first, r.event.is_none(), r.event));
        }
    }
    out
}

/// The claims of one document that pass the filters.
fn document_rows(project: &Project, doc: usize, document: &Document, filter: &Filter<'_>, title: Option<&str>) -> Vec<Row> {
    let by_id: HashMap<&AnnotationId, &Annotation> = document.annotations.iter().map(|a| (&a.id, a)).collect();
    let quote = |id: &AnnotationId| by_id.get(id).map(|a| a.quote.exact.as_str());
    let (verdict, source, needle) = (filter.verdict, filter.source, &filter.needle);
    document
        .claims
        .iter()
        .filter(|c| verdict.is_none_or(|v| c.verdict == v))
        .filter(|c| source.is_none_or(|s| c.source_refs().any(|x| x == s)))
        .filter_map(|c: &Claim| {
            let content: Vec<&str> = c.content.iter().filter_map(quote).collect();
            let content = content.join(" … ");
            let cue = c.cue.as_ref().and_then(quote).map(str::to_owned);
            let chain = project.chain_names(c).join(" ← ");
            if !needle.is_empty() {
                let hay = format!("{content} {chain} {} {}", cue.as_deref().unwrap_or_default(), c.note).to_lowercase();
                if !hay.contains(needle.as_str()) {
                    return None;
                }
            }
            Some(Row {
                id: c.id.clone(),
                doc,
                doc_title: title.map(str::to_owned),
                verdict: c.verdict,
                date: c.event_date.map(|d| d.to_string()),
                event: c.event_date.map(|d| d.start),
                first: None,
                cue,
                text: super::panels::quoted(&shorten(&content, 160)),
                chain,
                note: c.note.clone(),
                links: super::claim_links::link_lines(project, &document.id, c),
            })
        })
        .collect()
}

/// The Claims tab.
pub fn claims_ui(
    ui: &mut Ui,
    cx: &PanelContext<'_>,
    state: &mut ClaimsTabState,
    selected: Option<&ClaimId>,
    actions: &mut Vec<Action>,
) {
    let Some(document) = cx.document else {
        ui.label("No document.");
        return;
    };
    filters_ui(ui, cx.project, state);
    let key = Key {
        revision: cx.revision,
        doc: document.id.clone(),
        scope: state.scope,
        sort: state.sort,
        verdict: state.verdict_filter,
        source: state.source_filter.clone(),
        search: state.search.clone(),
    };
    let shown = cx.project.documents.iter().position(|d| d.id == document.id).unwrap_or_default();
    if state.claim_list.key.as_ref() != Some(&key) {
        state.claim_list.rows = rows(cx.project, shown, &key);
        state.claim_list.key = Some(key);
    }
    let all = state.scope == Scope::AllDocuments && cx.project.documents.len() > 1;
    let total: usize = if all { cx.project.documents.iter().map(|d| d.claims.len()).sum() } else { document.claims.len() };
    ui.horizontal_wrapped(|ui| {
        let weak = theme::weak(ui.visuals());
        let count = format!("{} of {}", state.claim_list.rows.len(), super::panels::count_of(total, "claim", "claims"));
        ui.label(RichText::new(count).small().color(weak));
        let whose = if all { format!("in {} documents", cx.project.documents.len()) } else { "in this document".to_owned() };
        ui.label(RichText::new(whose).small().color(weak));
    });
    list_ui(ui, &document.id, shown, state, selected, actions);
}

fn filters_ui(ui: &mut Ui, project: &Project, state: &mut ClaimsTabState) {
    if project.documents.len() > 1 {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut state.scope, Scope::ThisDocument, "This document")
                .on_hover_text("Search and filter the shown document's claims");
            ui.selectable_value(&mut state.scope, Scope::AllDocuments, "All documents")
                .on_hover_text("Search and filter the claims of every document of the project");
        });
    }
    ui.horizontal(|ui| {
        let l = ui.label("Sort");
        egui::ComboBox::from_id_salt("claims-sort")
            .selected_text(state.sort.label())
            .show_ui(ui, |ui| {
                for s in SortBy::ALL {
                    ui.selectable_value(&mut state.sort, s, s.label());
                }
            })
            .response
            .labelled_by(l.id)
            .on_hover_text("Event date: when what the claim speaks of happened. First appearance: where its story starts");
    });
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        ui.add(egui::TextEdit::singleline(&mut state.search).hint_text("text, source, cue").desired_width(f32::INFINITY))
            .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        let verdict_text = state.verdict_filter.map_or("Any verdict", Verdict::label);
        let l = ui.label("Verdict");
        egui::ComboBox::from_id_salt("filter-verdict")
            .selected_text(verdict_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.verdict_filter, None, "Any verdict");
                for v in Verdict::ALL {
                    ui.selectable_value(&mut state.verdict_filter, Some(v), v.label());
                }
            })
            .response
            .labelled_by(l.id);
        let source_text =
            state.source_filter.as_ref().and_then(|id| project.source(id)).map_or("Any source", |s| s.name.as_str());
        let l = ui.label("Source");
        egui::ComboBox::from_id_salt("filter-source")
            .selected_text(shorten(source_text, 24))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.source_filter, None, "Any source");
                for s in &project.sources {
                    ui.selectable_value(&mut state.source_filter, Some(s.id.clone()), &s.name);
                }
            })
            .response
            .labelled_by(l.id);
    });
}

/// The rows in view, each at its place in the whole list's height.
fn list_ui(
    ui: &mut Ui,
    doc: &DocumentId,
    shown: usize,
    state: &mut ClaimsTabState,
    selected: Option<&ClaimId>,
    actions: &mut Vec<Action>,
) {
    let selected = selected.cloned();
    let list = &mut state.claim_list;
    let gap = ui.spacing().item_spacing.y;
    let (sum, count) = list.heights.values().fold((0.0, 0u32), |(s, n), h| (s + h, n + 1));
    let estimate = if count > 0 { sum / count as f32 } else { FIRST_ESTIMATE };
    let mut tops = Vec::with_capacity(list.rows.len() + 1);
    let mut y = 0.0;
    for row in &list.rows {
        tops.push(y);
        y += list.heights.get(&row.id).copied().unwrap_or(estimate) + gap;
    }
    let total = y;
    tops.push(total);

    // Bring a newly selected claim into view (rows out of view are not built).
    let newly_selected = selected != list.scrolled_to;
    list.scrolled_to.clone_from(&selected);
    let selected_row = selected.as_ref().and_then(|id| list.rows.iter().position(|r| &r.id == id));

    let mut scroll = egui::ScrollArea::vertical().id_salt("claims-list").auto_shrink([false, false]);
    if let Some(offset) = list.offset.take() {
        scroll = scroll.vertical_scroll_offset(offset);
    }
    scroll.show_viewport(ui, |ui, viewport| {
        let width = ui.available_width();
        let origin = ui.max_rect().min;
        if newly_selected
            && let Some(i) = selected_row
            && let (Some(&top), Some(&bottom)) = (tops.get(i), tops.get(i + 1))
            && (top < viewport.min.y || bottom > viewport.max.y)
        {
            // Never past the end: the list would overscroll and spring back.
            list.offset = Some((top - 2.0 * estimate).min(total - viewport.height()).max(0.0));
            ui.ctx().request_repaint();
        }
        let first = tops.partition_point(|&t| t <= viewport.min.y).saturating_sub(1);
        let mut remeasured = false;
        for (i, row) in list.rows.iter().enumerate().skip(first) {
            let Some(&top) = tops.get(i) else { break };
            if top > viewport.max.y {
                break;
            }
            let rect = Rect::from_min_size(origin + Vec2::new(0.0, top), Vec2::new(width, f32::from(u16::MAX)));
            let mut child = ui.new_child(UiBuilder::new().max_rect(rect).id_salt(&row.id));
            let is_selected = row.doc == shown && selected.as_ref() == Some(&row.id);
            row_ui(&mut child, doc, row, shown, is_selected, actions);
            let height = child.min_rect().height();
            let known = list.heights.insert(row.id.clone(), height);
            remeasured |= known.is_none_or(|h| (h - height).abs() > 0.5);
        }
        ui.set_min_size(Vec2::new(width, total));
        if remeasured {
            ui.ctx().request_repaint();
        }
    });
}

fn row_ui(ui: &mut Ui, doc: &DocumentId, row: &Row, shown: usize, selected: bool, actions: &mut Vec<Action>) {
    let frame = egui::Frame::group(ui.style()).fill(theme::row_fill(ui.visuals(), selected));
    frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            let color = theme::verdict_color(row.verdict, ui.visuals());
            ui.label(RichText::new(row.verdict.label()).small().strong().color(color));
            if let Some(d) = &row.date {
                ui.label(RichText::new(d).small().weak());
            }
            if let Some(first) = row.first {
                ui.label(RichText::new(format!("first appeared {first}")).small().weak());
            }
            if let Some(cue) = &row.cue {
                ui.label(RichText::new(format!("cue: {cue}")).small().italics());
            }
        });
        if let Some(title) = &row.doc_title {
            ui.label(RichText::new(format!("in {title}")).small().color(theme::weak(ui.visuals())));
        }
        if ui.selectable_label(selected, &row.text).on_hover_text("Show in the article").clicked() {
            if row.doc != shown {
                actions.push(Action::SwitchDocument(row.doc));
            }
            actions.push(Action::SelectClaim(row.id.clone()));
        }
        if !row.chain.is_empty() {
            ui.label(RichText::new(&row.chain).small().color(theme::weak(ui.visuals())));
        }
        super::claim_links::card_links_ui(ui, &row.links, actions);
        if selected {
            ui.horizontal_wrapped(|ui| {
                if ui.button("Edit claim…").clicked() {
                    actions.push(Action::EditClaim(row.id.clone()));
                }
                if ui.button("Link to claim in another document…").clicked() {
                    actions.push(Action::LinkClaim(row.id.clone()));
                }
                if ui.button("Delete claim").on_hover_text("Delete the claim; its highlighted spans stay").clicked() {
                    actions.push(Action::Apply(Box::new(Edit::RemoveClaim(doc.clone(), row.id.clone()))));
                }
            });
            if !row.note.is_empty() {
                ui.label(RichText::new(&row.note).small());
            }
        }
    });
}
