//! The Provenance Picture, docked under the article: the chain of the selected claim, or of the
//! whole project, as a picture
//! (boxes for documents and sources with outlet, kind and date; arrows for cites, reports,
//! origin and repeats; the earliest appearance outlined), laid out left to right in time by
//! [`crate::analysis::provenance::layout`]. Drag to pan, `Ctrl`+scroll or the buttons to
//! zoom; a click on a box opens its document at the claim.

mod canvas;

use super::actions::Action;
use super::tab::PanelContext;
use crate::analysis::provenance::layout::{Layout, layout};
use crate::analysis::provenance::{NodeRef, ProvenanceGraph, claim_graph, project_graph};
use crate::model::{ClaimId, DocumentId};
use egui::{RichText, Ui};

/// What the picture shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// Every document and its claims' chains.
    #[default]
    Project,
    /// The selected claim's chain and the documents linked to it.
    SelectedClaim,
}

/// The picture's state: scope, view (pan and zoom) and the graph of the last revision.
#[derive(Debug, Default)]
pub struct ProvenanceState {
    /// Whether the picture is shown.
    pub open: bool,
    /// What is shown.
    pub scope: Scope,
    /// The picture's offset in the view, in points.
    pub pan: egui::Vec2,
    /// Its scale (1 = 100 %); 0 until first fitted, [`canvas::FIT_WHOLE`] until fitted whole.
    pub zoom: f32,
    cache: Option<Cached>,
}

#[derive(Debug)]
struct Cached {
    key: (u64, Scope, Option<ClaimId>),
    graph: ProvenanceGraph,
    layout: Layout,
}

impl ProvenanceState {
    /// The graph and layout for this revision, scope and claim, built when they change.
    fn graph(&mut self, cx: &PanelContext<'_>, claim: Option<&ClaimId>) -> &Cached {
        let key = (cx.revision, self.scope, claim.cloned());
        if self.cache.as_ref().is_none_or(|c| c.key != key) {
            let graph = match (self.scope, cx.document, claim) {
                (Scope::SelectedClaim, Some(d), Some(c)) => claim_graph(cx.project, &d.id, c),
                _ => project_graph(cx.project),
            };
            let layout = layout(&graph);
            let refit = self.cache.as_ref().is_none_or(|c| c.graph.nodes.len() != graph.nodes.len());
            if refit {
                self.zoom = 0.0;
            }
            self.cache = Some(Cached { key: key.clone(), graph, layout });
        }
        self.cache.get_or_insert_with(|| Cached { key, graph: ProvenanceGraph::default(), layout: Layout::default() })
    }
}

/// Shows the picture while `state.open`, docked under the article (a panel whose top edge
/// drags to make it taller): it never covers the text.
pub fn provenance_panel_ui(
    ui: &mut Ui,
    cx: &PanelContext<'_>,
    state: &mut ProvenanceState,
    claim: Option<&ClaimId>,
    actions: &mut Vec<Action>,
) {
    if !state.open {
        return;
    }
    let tallest = (ui.available_height() * 0.7).max(200.0);
    egui::Panel::bottom("provenance")
        .resizable(true)
        // A smaller window keeps most of its height for the article.
        .default_size((ui.available_height() * 0.28).clamp(150.0, 210.0))
        .min_size(150.0)
        .max_size(tallest)
        .show(ui, |ui| provenance_ui(ui, cx, state, claim, actions));
}

/// The picture's contents: its name, scope and zoom buttons, the picture.
pub fn provenance_ui(
    ui: &mut Ui,
    cx: &PanelContext<'_>,
    state: &mut ProvenanceState,
    claim: Option<&ClaimId>,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Provenance").strong());
        ui.selectable_value(&mut state.scope, Scope::Project, "Whole project")
            .on_hover_text("Every document with the chains of its claims and the links between documents");
        ui.add_enabled_ui(claim.is_some(), |ui| {
            ui.selectable_value(&mut state.scope, Scope::SelectedClaim, "Selected claim")
                .on_hover_text("The chain of the claim selected in the Claims tab or the article");
        });
        if ui.button("Zoom in").clicked() {
            state.zoom = (state.zoom * 1.25).min(canvas::MAX_ZOOM);
        }
        if ui.button("Zoom out").clicked() {
            state.zoom = (state.zoom / 1.25).max(canvas::MIN_ZOOM);
        }
        if ui.button("Fit").on_hover_text("Show the whole picture, however small").clicked() {
            state.zoom = canvas::FIT_WHOLE;
        }
        if ui.button("Close picture").on_hover_text("View → Provenance Picture shows it again").clicked() {
            state.open = false;
        }
    });
    let claim = if state.scope == Scope::SelectedClaim { claim } else { None };
    let (mut pan, mut zoom) = (state.pan, state.zoom);
    let cached = state.graph(cx, claim);
    if cached.graph.nodes.is_empty() {
        ui.label(RichText::new("No claims with sources yet: their chains appear here as boxes and arrows.").weak());
        return;
    }
    ui.label(RichText::new("Earliest on the left. Drag to move, Ctrl+scroll to zoom, click a box to open it.").small().weak());
    let clicked = canvas::canvas_ui(ui, &cached.graph, &cached.layout, &mut pan, &mut zoom);
    if let Some(i) = clicked
        && let Some(node) = cached.graph.nodes.get(i)
    {
        open_node(cx, node.claim.as_ref(), &node.of, actions);
    }
    state.pan = pan;
    state.zoom = zoom;
}

/// Opens the document a box stands for, at its claim.
fn open_node(cx: &PanelContext<'_>, claim: Option<&(DocumentId, ClaimId)>, of: &NodeRef, actions: &mut Vec<Action>) {
    let document = match (claim, of) {
        (Some((d, _)), _) | (None, NodeRef::Document(d)) => d,
        (None, NodeRef::Source(_)) => return,
    };
    if let Some(i) = cx.project.documents.iter().position(|d| &d.id == document) {
        actions.push(Action::SwitchDocument(i));
    }
    if let Some((_, c)) = claim {
        actions.push(Action::SelectClaim(c.clone()));
    }
}
