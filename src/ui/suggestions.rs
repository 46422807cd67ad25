//! The Suggestions tab: run the offline suggester on the shown document, review its proposals
//! (attributions with source, cue and content; dates; citations) and accept or reject them.
//! Accepted proposals become ordinary annotations, claims and sources through one edit each.

use super::actions::Action;
use super::theme;
use crate::analysis::preannotate::{Proposal, ProposalKind, propose};
use crate::anchor::CharRange;
use crate::model::{Document, DocumentId, Project};
use crate::ops::suggestions::accept_suggestions;
use egui::{Key, Modifiers, RichText, Ui};

/// Proposals for one document, waiting for review.
#[derive(Debug, Clone)]
pub struct SuggestionState {
    /// The document they are for.
    pub doc: DocumentId,
    /// The proposals not yet accepted or rejected, in text order.
    pub proposals: Vec<Proposal>,
    /// The proposal under the keyboard cursor.
    pub current: usize,
    /// Claims of this document that other documents repeat, waiting for review.
    pub links: Vec<crate::ops::matching::LinkProposal>,
}

impl SuggestionState {
    /// Runs the suggester and the date finder on `document`.
    pub fn run(project: &Project, document: &Document, author: &str) -> Self {
        // The same proposals `claimlens suggest --apply` accepts.
        let mut proposals = propose(project, &document.id, author).proposals;
        proposals.retain(|p| !crate::ops::suggestions::is_applied(project, p));
        proposals.sort_by_key(|p| proposal_range(p).map_or(0, |r| r.start));
        let links = super::link_suggestions::pairs_for(project, &document.id);
        Self { doc: document.id.clone(), proposals, current: 0, links }
    }

    /// The char ranges to mark in the article, with whether each is the current proposal.
    pub fn marks(&self) -> Vec<(CharRange, bool)> {
        self.proposals
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.spans.iter().flat_map(move |s| s.ranges.iter().map(move |r| (*r, i == self.current))))
            .collect()
    }
}

/// The whole extent of a proposal's spans.
pub fn proposal_range(p: &Proposal) -> Option<CharRange> {
    let start = p.spans.iter().flat_map(|s| s.ranges.iter()).map(|r| r.start).min()?;
    let end = p.spans.iter().flat_map(|s| s.ranges.iter()).map(|r| r.end).max()?;
    Some(CharRange::new(start, end))
}

/// What the user did to the proposals this frame (by index).
#[derive(Default)]
struct Review {
    accept: Option<usize>,
    reject: Option<usize>,
    reveal: Option<usize>,
}

/// Y accepts, N rejects, ↑/↓ move through the proposals.
fn review_keys_ui(ui: &Ui, s: &mut SuggestionState, review: &mut Review) {
    ui.input_mut(|i| {
        if i.consume_key(Modifiers::NONE, Key::Y) {
            review.accept = Some(s.current);
        } else if i.consume_key(Modifiers::NONE, Key::N) {
            review.reject = Some(s.current);
        } else if i.consume_key(Modifiers::NONE, Key::ArrowDown) {
            s.current = (s.current + 1).min(s.proposals.len().saturating_sub(1));
            review.reveal = Some(s.current);
        } else if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
            s.current = s.current.saturating_sub(1);
            review.reveal = Some(s.current);
        }
    });
}

/// One proposal in the list, with Accept and Reject.
fn proposal_row_ui(ui: &mut Ui, p: &Proposal, i: usize, current: bool, review: &mut Review) {
    let frame = egui::Frame::group(ui.style()).fill(theme::row_fill(ui.visuals(), current));
    frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(RichText::new(p.kind.label()).small().strong().color(theme::weak(ui.visuals())));
            // A date's own card says its day in its summary ("October 25" → 2024-10-25).
            if p.kind != ProposalKind::Date {
                if let Some(d) = p.said_on {
                    ui.label(RichText::new(format!("said {d}")).small().weak());
                }
                if let Some(d) = p.event_date {
                    ui.label(RichText::new(format!("about {d}")).small().weak());
                }
            }
            if !p.conflicts.is_empty() {
                ui.label(RichText::new("overlaps your annotations").small().italics())
                    .on_hover_text("Accepting adds its own annotations beside yours; yours stay as they are");
            }
        });
        if ui.selectable_label(current, &p.summary).on_hover_text("Show in the article").clicked() {
            review.reveal = Some(i);
        }
        ui.horizontal(|ui| {
            if ui.button("Accept").on_hover_text("Y").clicked() {
                review.accept = Some(i);
            }
            if ui.button("Reject").on_hover_text("N").clicked() {
                review.reject = Some(i);
            }
        });
    });
}

/// Shows the tab. `typing` tells whether a text field has the keyboard (then Y/N/arrows are left alone).
pub fn suggestions_ui(
    ui: &mut Ui,
    project: &Project,
    document: Option<&Document>,
    state: &mut Option<SuggestionState>,
    author: &str,
    typing: bool,
    actions: &mut Vec<Action>,
) {
    let Some(document) = document else {
        ui.label("No document.");
        return;
    };
    if state.as_ref().is_some_and(|s| s.doc != document.id) {
        *state = None;
    }
    ui.horizontal(|ui| {
        if ui.button("Suggest attributions and dates").on_hover_text("Run the offline suggester on this article").clicked() {
            *state = Some(SuggestionState::run(project, document, author));
        }
        if state.is_some() && ui.button("Clear suggestions").clicked() {
            *state = None;
        }
    });
    let Some(s) = state.as_mut() else {
        ui.label(
            RichText::new("Suggestions appear here and as dashed marks in the article. Nothing changes until you accept one.")
                .weak(),
        );
        return;
    };
    super::link_suggestions::link_pairs_ui(ui, project, &mut s.links, actions);
    if s.proposals.is_empty() {
        ui.label("No suggestions left.");
        return;
    }
    s.current = s.current.min(s.proposals.len() - 1);
    ui.label(RichText::new("Y accept · N reject · ↑/↓ move").small().weak());
    ui.horizontal_wrapped(|ui| {
        // Everything at once, as `claimlens suggest --apply` does: one undo step.
        let kinds = ProposalKind::ALL.iter().filter(|k| s.proposals.iter().any(|p| p.kind == **k)).count();
        if kinds > 1
            && ui.button(format!("Accept all ({})", s.proposals.len())).on_hover_text("Every suggestion, one undo step").clicked()
        {
            actions.push(Action::ApplyChangeset(accept_suggestions(project, &s.doc, &s.proposals, None)));
            s.proposals.clear();
            return;
        }
        for kind in ProposalKind::ALL {
            let n = s.proposals.iter().filter(|p| p.kind == kind).count();
            if n > 0 && ui.button(format!("Accept all {} ({n})", plural(kind))).clicked() {
                actions.push(Action::ApplyChangeset(accept_suggestions(project, &s.doc, &s.proposals, Some(kind))));
                s.proposals.retain(|p| p.kind != kind);
            }
        }
    });

    let mut review = Review::default();
    if !typing {
        review_keys_ui(ui, s, &mut review);
    }
    egui::ScrollArea::vertical().id_salt("suggestions-list").auto_shrink([false, false]).show(ui, |ui| {
        for (i, p) in s.proposals.iter().enumerate() {
            proposal_row_ui(ui, p, i, i == s.current, &mut review);
        }
    });
    let Review { accept, reject, reveal } = review;
    if let Some(i) = reveal {
        s.current = i;
        if let Some(r) = s.proposals.get(i).and_then(proposal_range) {
            actions.push(Action::Reveal(r));
        }
    }
    if let Some(i) = accept
        && i < s.proposals.len()
    {
        let p = s.proposals.remove(i);
        actions.push(Action::ApplyChangeset(accept_suggestions(project, &s.doc, std::slice::from_ref(&p), None)));
    } else if let Some(i) = reject
        && i < s.proposals.len()
    {
        s.proposals.remove(i);
    }
}

const fn plural(kind: ProposalKind) -> &'static str {
    match kind {
        ProposalKind::Attribution => "attributions",
        ProposalKind::Date => "dates",
        ProposalKind::Citation => "citations",
    }
}
