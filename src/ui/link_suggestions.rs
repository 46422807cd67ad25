//! The Suggestions tab's cross-document pairs: claims of the shown document that other
//! documents of the project repeat (quotes shared verbatim or near verbatim, paraphrases with
//! the same entities, numbers and dates), from [`crate::ops::matching`]. Each is accepted (one
//! undoable link, *repeats*, from the later claim to the earlier) or rejected, like the other
//! suggestions.

use super::actions::Action;
use super::theme;
use crate::analysis::claim_match::DEFAULT_THRESHOLD;
use crate::formats::text::shorten;
use crate::model::{DocumentId, Project};
use crate::ops::matching::{Appearance, LinkProposal, accept_links, propose_links};
use egui::{RichText, Ui};

/// The pairs that involve `doc`, best first (documents without claims take part with their
/// suggested attributions).
pub fn pairs_for(project: &Project, doc: &DocumentId) -> Vec<LinkProposal> {
    if project.documents.len() < 2 {
        return Vec::new();
    }
    let mut pairs = propose_links(project, DEFAULT_THRESHOLD, true);
    pairs.retain(|p| &p.from.document == doc || &p.to.document == doc);
    pairs.retain(|p| !already_linked(project, p));
    pairs
}

fn already_linked(project: &Project, p: &LinkProposal) -> bool {
    let (Some(from), Some(to)) = (&p.from.claim, &p.to.claim) else { return false };
    project.document(&p.from.document).and_then(|d| d.claim(from)).is_some_and(|c| {
        c.links.iter().any(|l| matches!(&l.target, crate::model::LinkTarget::Claim { claim, .. } if claim == to))
    })
}

fn side_ui(ui: &mut Ui, project: &Project, a: &Appearance) {
    let name = project.document(&a.document).map_or_else(String::new, |d| {
        let outlet = d.outlet.clone().unwrap_or_default();
        let date = d.published.map(|p| p.to_string()).unwrap_or_default();
        format!("{outlet} {date}").trim().to_owned()
    });
    ui.label(RichText::new(name).small().strong());
    ui.label(format!("\u{201c}{}\u{201d}", shorten(&a.text, 140)));
}

/// The list of pairs with Accept and Reject; an accepted or rejected pair leaves the list.
pub fn link_pairs_ui(ui: &mut Ui, project: &Project, pairs: &mut Vec<LinkProposal>, actions: &mut Vec<Action>) {
    if pairs.is_empty() {
        return;
    }
    ui.label(RichText::new(format!("Same claim in other documents ({})", pairs.len())).strong());
    let mut accept = None;
    let mut reject = None;
    for (i, p) in pairs.iter().enumerate() {
        egui::Frame::group(ui.style()).fill(theme::row_fill(ui.visuals(), false)).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(format!("Cross-document pair · {} · {:.2}", p.kind.as_str(), p.score))
                    .small()
                    .color(theme::weak(ui.visuals())),
            );
            side_ui(ui, project, &p.from);
            ui.label(RichText::new("repeats").small().italics());
            side_ui(ui, project, &p.to);
            ui.horizontal(|ui| {
                if ui.button("Accept link").on_hover_text("Link the later claim to the earlier one (repeats)").clicked() {
                    accept = Some(i);
                }
                if ui.button("Reject link").clicked() {
                    reject = Some(i);
                }
            });
        });
    }
    if let Some(i) = accept
        && i < pairs.len()
    {
        let p = pairs.remove(i);
        if let Ok(changeset) = accept_links(project, std::slice::from_ref(&p)) {
            actions.push(Action::ApplyChangeset(changeset));
        }
    } else if let Some(i) = reject
        && i < pairs.len()
    {
        pairs.remove(i);
    }
}
