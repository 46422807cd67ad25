//! The Claims tab over the whole project and the status bar's counts: "Pentagon" finds the
//! Pentagon's claims in every document, each row naming its document, and a click on a row of
//! another document shows that document. Driven by labels (`egui_kittest`, headless).

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

#[path = "common/window.rs"]
mod window_harness;

use claimlens::model::Project;
use claimlens::store;
use egui_kittest::kittest::{NodeT, Queryable};
use window_harness::*;

/// The sample with a second document: a copy of the first under another title, so that both
/// hold the Pentagon's claims.
fn two_documents(name: &str) -> std::path::PathBuf {
    let path = sample_copy(name);
    let mut project: Project = store::load(&path).unwrap().project;
    // Its own ids: every annotation and claim id of the sample starts "a-" or "c-".
    let copy = ron::to_string(&project.documents[0]).unwrap().replace("\"a-", "\"a2-").replace("\"c-", "\"c2-");
    let mut second: claimlens::model::Document = ron::from_str(&copy).unwrap();
    second.id = claimlens::model::DocumentId("d-second".into());
    second.title = "A second article".into();
    project.documents.push(second);
    std::fs::write(&path, store::to_ron(&project).unwrap()).unwrap();
    path
}

#[test]
fn the_status_bar_says_which_counts_are_the_documents_and_which_the_projects() {
    let path = two_documents("status-counts");
    let h = harness(app_on(&path));
    assert!(h.state().dialogs.open.is_empty(), "opened without repairs");
    let project = &h.state().session.project;
    let d = &project.documents[0];
    let total: usize = project.documents.iter().map(|d| d.claims.len()).sum();
    h.get_by_label(&format!("This document: {} annotations · {} claims", d.annotations.len(), d.claims.len()));
    h.get_by_label(&format!("Project: 2 documents · {total} claims · {} sources", project.sources.len()));
}

#[test]
fn claims_search_covers_every_document_with_the_document_named_on_each_row() {
    let path = two_documents("claims-all-docs");
    let mut h = harness(app_on(&path));
    // The Pentagon's claims (the Pentagon in their chain) and any that mention it.
    let pentagon = |p: &Project, doc: usize| {
        let d = &p.documents[doc];
        let text = |c: &claimlens::model::Claim| {
            let content: Vec<&str> = c.content.iter().filter_map(|a| d.annotation(a)).map(|a| a.quote.exact.as_str()).collect();
            format!("{} {} {}", content.join(" "), p.chain_names(c).join(" "), c.note).to_lowercase()
        };
        let by_chain = d.claims.iter().filter(|c| p.chain_names(c).iter().any(|n| n == "Pentagon")).count();
        (by_chain, d.claims.iter().filter(|c| text(c).contains("pentagon")).count())
    };
    let ((by_chain, first), (_, second)) = (pentagon(&h.state().session.project, 0), pentagon(&h.state().session.project, 1));
    assert!(by_chain > 0 && first >= by_chain && second == first);
    h.get_by_label("Search").focus();
    h.run();
    h.get_by_label("Search").type_text("Pentagon");
    h.run();
    let per_doc = doc(&h).claims.len();
    h.get_by_label(&format!("{first} of {per_doc} claims"));
    h.get_by_label("in this document");
    h.get_by_label("All documents").click();
    h.run();
    let total: usize = h.state().session.project.documents.iter().map(|d| d.claims.len()).sum();
    h.get_by_label(&format!("{} of {total} claims", first + second));
    h.get_by_label("in 2 documents");
    // Only the rows in view are laid out (the list is virtualised): those of the second
    // document that show each name it.
    let shown = h.get_all_by_label("in A second article").count();
    assert!(shown >= 1 && shown <= second, "each row names its document: {shown} of {second}");
    // A row of the other document shows that document, with the claim selected.
    let tag = h.get_all_by_label("in A second article").next().unwrap().rect();
    let mut cards: Vec<_> = h
        .get_all_by(|n| n.description().as_deref() == Some("Show in the article"))
        .filter(|n| n.rect().top() >= tag.bottom() - 1.0)
        .collect();
    cards.sort_by(|a, b| a.rect().top().total_cmp(&b.rect().top()));
    cards.first().expect("the row's claim text below its document's name").click();
    // The claim flashes in the article: step, do not wait.
    h.run_steps(5);
    assert_eq!(h.state().session.doc, 1, "the other document is shown");
    let selected = h.state().view.panel.selected_claim.clone().unwrap();
    assert!(doc(&h).claim(&selected).is_some(), "its claim is selected");
}

#[test]
fn the_tooltip_over_a_shared_cue_names_each_claim_by_its_text() {
    let path = sample_copy("shared-cue");
    let mut h = harness(app_on(&path));
    h.ctx.all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    // "… said they were seriously concerned … and were working on a joint response": one cue, two claims.
    let d = doc(&h).clone();
    let shared = d
        .annotations
        .iter()
        .find(|a| d.claims.iter().filter(|c| c.cue.as_ref() == Some(&a.id)).count() >= 2)
        .expect("the sample has a cue shared by two claims")
        .clone();
    let paragraph = h
        .get_by(|n| n.role() == egui::accesskit::Role::Paragraph && n.label().is_some_and(|l| l.contains(&shared.quote.prefix)))
        .rect();
    let mut found = None;
    let mut y = paragraph.top() + 6.0;
    'sweep: while y < paragraph.bottom() {
        let mut x = paragraph.left() + 2.0;
        while x < paragraph.right() {
            h.hover_at(egui::pos2(x, y));
            h.step();
            h.step();
            let lines: Vec<String> = h
                .query_all_by_label_contains("Claim: ")
                .filter_map(|n| n.accesskit_node().value().or_else(|| n.accesskit_node().label()))
                .filter(|l| l.starts_with("Claim: "))
                .collect();
            if lines.len() >= 2 {
                found = Some(lines);
                break 'sweep;
            }
            x += 8.0;
        }
        y += 12.0;
    }
    let lines = found.expect("hovering the shared cue shows its claims");
    let mut distinct = lines.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), lines.len(), "two different lines, not two identical ones: {lines:#?}");
    for c in d.claims.iter().filter(|c| c.cue.as_ref() == Some(&shared.id)) {
        let start: String = d.annotation(&c.content[0]).unwrap().quote.exact.chars().take(20).collect();
        assert!(lines.iter().any(|l| l.contains(&start)), "a line names {start:?}: {lines:#?}");
    }
}
