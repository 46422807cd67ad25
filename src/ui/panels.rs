//! The side panel: its tabs (the Claims tab is in `claim_list`), the Sources and Annotations tabs.

use super::actions::Action;
use super::claim_list::{ClaimsTabState, claims_ui};
use super::suggestions::{SuggestionState, suggestions_ui};
pub use super::tab::PanelContext;
use super::theme;
use super::timeline::{TimelineCache, timeline_ui};
use crate::edit::Edit;
use crate::formats::text::shorten;
use crate::model::{Annotation, AnnotationId, ClaimId, Project, Source, SourceId, SourceKind};
use egui::{Color32, RichText, Ui};
use std::collections::{BTreeMap, BTreeSet};

/// Which tab is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// Claims with their sources and chains.
    #[default]
    Claims,
    /// The source registry.
    Sources,
    /// All annotations by label.
    Annotations,
    /// Proposals of the offline suggester.
    Suggestions,
    /// Claims and dates in date order.
    Timeline,
}

/// The panel's own state: tab, filters, the source being edited.
#[derive(Debug, Default)]
pub struct PanelState {
    /// The open tab.
    pub tab: Tab,
    /// The Claims tab's filters and rows.
    pub claims: ClaimsTabState,
    /// The selected claim.
    pub selected_claim: Option<ClaimId>,
    /// The selected source and its edited copy.
    pub source_draft: Option<Source>,
    /// Labels folded in the Annotations tab.
    pub folded_labels: BTreeSet<String>,
    /// The annotation the Annotations list last scrolled to, and an offset to apply next frame.
    list_scrolled_to: Option<AnnotationId>,
    list_offset: Option<f32>,
    /// The Timeline tab's entries, kept until the project changes.
    pub timeline: TimelineCache,
    /// The Provenance window's view and graph.
    pub provenance: super::provenance::ProvenanceState,
}

/// Shows the panel; requests go to `actions`.
pub fn side_panel_ui(
    ui: &mut Ui,
    cx: &PanelContext<'_>,
    state: &mut PanelState,
    suggestions: &mut Option<SuggestionState>,
    actions: &mut Vec<Action>,
) {
    // The tabs stay on one row: a narrow panel scrolls them sideways.
    egui::ScrollArea::horizontal().id_salt("side-panel-tabs").show(ui, |ui| {
        ui.horizontal(|ui| tabs_ui(ui, &mut state.tab));
    });
    ui.separator();
    // The content wraps to the panel's width: it never widens the panel.
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
    match state.tab {
        Tab::Claims => claims_ui(ui, cx, &mut state.claims, state.selected_claim.as_ref(), actions),
        Tab::Sources => sources_ui(ui, cx, state, actions),
        Tab::Annotations => annotations_ui(ui, cx, state, actions),
        Tab::Suggestions => suggestions_ui(ui, cx.project, cx.document, suggestions, cx.author, cx.typing, actions),
        Tab::Timeline => timeline_ui(ui, cx.project, cx.document, cx.revision, &mut state.timeline, actions),
    }
}

/// The tab buttons, on one row; a narrow panel (an 800-point window) packs them closer so
/// that all five stay in view.
fn tabs_ui(ui: &mut Ui, open: &mut Tab) {
    if ui.available_width() < 400.0 {
        ui.spacing_mut().item_spacing.x = 2.0;
        ui.spacing_mut().button_padding.x = 2.0;
    }
    for (tab, name) in [
        (Tab::Claims, "Claims"),
        (Tab::Sources, "Sources"),
        (Tab::Annotations, "Annotations"),
        (Tab::Suggestions, "Suggestions"),
        (Tab::Timeline, "Timeline"),
    ] {
        ui.selectable_value(open, tab, name);
    }
}

/// "1 claim", "2 claims": a count and its noun.
pub use crate::text::count_of;

/// `text` in curly quotes, without doubling quote marks it already starts or ends with.
pub use crate::text::quoted;

/// A claim as one line of a tooltip: its text (shortened), verdict and chain, so that two
/// claims sharing a cue read apart: "“they were seriously concerned…” · Unverified · Censor.NET ← …".
pub fn claim_line(project: &crate::model::Project, document: &crate::model::Document, claim: &crate::model::Claim) -> String {
    let content: Vec<&str> =
        claim.content.iter().filter_map(|id| document.annotation(id)).map(|a| a.quote.exact.as_str()).collect();
    let text = quoted(&crate::formats::text::shorten(&content.join(" … "), 80));
    let chain = project.chain_names(claim).join(" ← ");
    if chain.is_empty() {
        format!("{text} · {}", claim.verdict.label())
    } else {
        format!("{text} · {} · {chain}", claim.verdict.label())
    }
}

fn sources_ui(ui: &mut Ui, cx: &PanelContext<'_>, state: &mut PanelState, actions: &mut Vec<Action>) {
    let project = cx.project;
    if ui.button("New source").on_hover_text("Register a new source").clicked() {
        state.source_draft = Some(Source::new("New source", SourceKind::Person));
    }
    if let Some(draft) = state.source_draft.as_mut() {
        source_editor_ui(ui, project, draft, actions);
        if actions.iter().any(|a| matches!(a, Action::SelectSource(None))) {
            state.source_draft = None;
        }
    }
    ui.separator();
    // Claims per source in one pass over the claims (each claim once per source it names).
    let mut claims_per_source: BTreeMap<&SourceId, usize> = BTreeMap::new();
    for claim in project.documents.iter().flat_map(|d| &d.claims) {
        for id in claim.source_refs().collect::<BTreeSet<_>>() {
            *claims_per_source.entry(id).or_default() += 1;
        }
    }
    egui::ScrollArea::vertical().id_salt("sources-list").auto_shrink([false, false]).show(ui, |ui| {
        for s in &project.sources {
            let selected = state.source_draft.as_ref().is_some_and(|d| d.id == s.id);
            // Wrapped: a long name goes on over lines and its kind follows it, not squeezed into a
            // column one letter wide.
            ui.horizontal_wrapped(|ui| {
                if ui.selectable_label(selected, RichText::new(&s.name).strong()).on_hover_text("Edit this source").clicked() {
                    actions.push(Action::SelectSource(Some(s.id.clone())));
                }
                ui.label(RichText::new(s.kind.label()).small().weak());
            });
            let cites: Vec<&str> = s.cites.iter().filter_map(|c| project.source(c)).map(|c| c.name.as_str()).collect();
            let cited_by: Vec<&str> = project.cited_by(&s.id).map(|c| c.name.as_str()).collect();
            ui.indent(("source", s.id.as_str()), |ui| {
                if let Some(body) = s.speaks_for.as_ref().and_then(|b| project.source(b)) {
                    ui.label(RichText::new(format!("Speaks for: {}", body.name)).small());
                }
                if !cites.is_empty() {
                    ui.label(RichText::new(format!("Citing: {}", cites.join(", "))).small());
                }
                if !cited_by.is_empty() {
                    ui.label(RichText::new(format!("Cited by: {}", cited_by.join(", "))).small());
                }
                let count = claims_per_source.get(&s.id).copied().unwrap_or(0);
                ui.label(RichText::new(count_of(count, "claim", "claims")).small().weak());
            });
        }
    });
}

/// The source editor's "Speaks for" row: the body a person or official speaks for, or nobody.
fn speaks_for_row(ui: &mut Ui, project: &Project, draft: &mut Source) {
    let row = ui.label("Speaks for");
    let name_of = |id: &SourceId| project.source(id).map_or("(missing)", |s| s.name.as_str());
    let shown = draft.speaks_for.as_ref().map_or("Nobody", name_of).to_owned();
    egui::ComboBox::from_id_salt("source-speaks-for")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut draft.speaks_for, None, "Nobody");
            for other in project.sources.iter().filter(|o| o.id != draft.id) {
                ui.selectable_value(&mut draft.speaks_for, Some(other.id.clone()), &other.name);
            }
        })
        .response
        .labelled_by(row.id)
        .on_hover_text("The organisation this person speaks for (a spokesman's ministry)");
}

fn source_editor_ui(ui: &mut Ui, project: &Project, draft: &mut Source, actions: &mut Vec<Action>) {
    let exists = project.source(&draft.id).is_some();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::Grid::new("source-editor").num_columns(2).show(ui, |ui| {
            let l = ui.label("Name");
            ui.text_edit_singleline(&mut draft.name).labelled_by(l.id);
            ui.end_row();
            let row = ui.label("Kind");
            egui::ComboBox::from_id_salt("source-kind")
                .selected_text(draft.kind.label())
                .show_ui(ui, |ui| {
                    for k in SourceKind::ALL {
                        ui.selectable_value(&mut draft.kind, k, k.label());
                    }
                })
                .response
                .labelled_by(row.id);
            ui.end_row();
            speaks_for_row(ui, project, draft);
            ui.end_row();
            let l = ui.label("URL");
            let mut url = draft.url.clone().unwrap_or_default();
            if ui.text_edit_singleline(&mut url).labelled_by(l.id).changed() {
                draft.url = (!url.trim().is_empty()).then(|| url.trim().to_owned());
            }
            ui.end_row();
            let l = ui.label("Note");
            ui.text_edit_singleline(&mut draft.note).labelled_by(l.id);
            ui.end_row();
        });
        ui.label("Cites:");
        ui.horizontal_wrapped(|ui| {
            for other in project.sources.iter().filter(|o| o.id != draft.id) {
                let mut on = draft.cites.contains(&other.id);
                if ui.checkbox(&mut on, &other.name).changed() {
                    if on {
                        draft.cites.push(other.id.clone());
                    } else {
                        draft.cites.retain(|c| c != &other.id);
                    }
                }
            }
        });
        ui.horizontal(|ui| {
            let save = if exists { "Save source" } else { "Add source" };
            if ui.button(save).clicked() {
                let edit = if exists {
                    Edit::UpdateSource(draft.clone())
                } else {
                    Edit::InsertSource { index: None, source: draft.clone() }
                };
                actions.push(Action::Apply(Box::new(edit)));
                actions.push(Action::SelectSource(None));
            }
            if exists && ui.button("Delete source").on_hover_text("Only sources no claim or source refers to").clicked() {
                actions.push(Action::Apply(Box::new(Edit::RemoveSource(draft.id.clone()))));
                actions.push(Action::SelectSource(None));
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::SelectSource(None));
            }
        });
    });
}

/// One row of the Annotations list: a label's header, or one of its annotations.
enum Row<'a> {
    Header { name: &'a str, color: Color32, count: usize, folded: bool },
    Item(&'a Annotation),
}

/// The Annotations tab: every annotation by label, in one virtualised list (only the rows in
/// view are built, so 10,000 annotations cost what 30 do).
fn annotations_ui(ui: &mut Ui, cx: &PanelContext<'_>, state: &mut PanelState, actions: &mut Vec<Action>) {
    let Some(document) = cx.document else {
        ui.label("No document.");
        return;
    };
    let labels = &cx.project.labels;
    let mut groups: Vec<Vec<&Annotation>> = vec![Vec::new(); labels.len()];
    for a in &document.annotations {
        if let Some(g) = labels.iter().position(|l| l.name == a.label).and_then(|i| groups.get_mut(i)) {
            g.push(a);
        }
    }
    let mut rows: Vec<Row<'_>> = Vec::with_capacity(document.annotations.len() + labels.len());
    for (label, items) in labels.iter().zip(&groups) {
        if items.is_empty() {
            continue;
        }
        let folded = state.folded_labels.contains(&label.name);
        rows.push(Row::Header { name: &label.name, color: theme::label_color(label.color), count: items.len(), folded });
        if !folded {
            rows.extend(items.iter().map(|a| Row::Item(a)));
        }
    }
    let row_height = ui.spacing().interact_size.y;
    let row_step = row_height + ui.spacing().item_spacing.y;
    // Bring a newly selected annotation into view (the rows out of view are not built).
    let selected_row = cx.selected_annotation.and_then(|id| rows.iter().position(|r| matches!(r, Row::Item(a) if &a.id == id)));
    let newly_selected = cx.selected_annotation != state.list_scrolled_to.as_ref();
    state.list_scrolled_to = cx.selected_annotation.cloned();
    let mut scroll = egui::ScrollArea::vertical().id_salt("annotations-list").auto_shrink([false, false]);
    if let Some(y) = state.list_offset.take() {
        scroll = scroll.vertical_scroll_offset(y);
    }
    scroll.show_rows(ui, row_height, rows.len(), |ui, range| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        if newly_selected
            && let Some(i) = selected_row
            && !(range.start < i && i + 1 < range.end)
        {
            state.list_offset = Some((i as f32 * row_step - 3.0 * row_step).max(0.0));
            ui.ctx().request_repaint();
        }
        for row in rows.get(range).unwrap_or_default() {
            match row {
                Row::Header { name, color, count, folded } => {
                    let text = format!("{} {name} ({count})", if *folded { "▸" } else { "▾" });
                    let response = ui.selectable_label(false, RichText::new(text).color(*color).strong());
                    if response.on_hover_text(if *folded { "Show" } else { "Hide" }).clicked() {
                        if *folded {
                            state.folded_labels.remove(*name);
                        } else {
                            state.folded_labels.insert((*name).to_owned());
                        }
                    }
                }
                Row::Item(a) => {
                    let selected = cx.selected_annotation == Some(&a.id);
                    let text = if a.ranges.is_empty() {
                        format!("(orphan) {}", shorten(&a.quote.exact, 80))
                    } else {
                        shorten(&a.quote.exact, 80)
                    };
                    ui.horizontal(|ui| {
                        ui.add_space(ui.spacing().indent);
                        if ui.selectable_label(selected, text).clicked() {
                            actions.push(Action::SelectAnnotation(a.id.clone()));
                        }
                    });
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::{count_of, quoted};

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count_of(1, "claim", "claims"), "1 claim");
        assert_eq!(count_of(0, "claim", "claims"), "0 claims");
        assert_eq!(count_of(2, "claim", "claims"), "2 claims");
    }

    #[test]
    fn quotes_are_never_doubled() {
        assert_eq!(quoted("troops"), "“troops”");
        assert_eq!(quoted("“We condemn”"), "“We condemn”");
        assert_eq!(quoted("\"We condemn it,"), "\"We condemn it,”");
        assert_eq!(quoted("it ends.»"), "“it ends.»");
    }
}
