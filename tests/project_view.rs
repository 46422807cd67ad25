//! The whole project at once, driven in the window as a person would: the Claims tab and the
//! Timeline list every document's claims together (each row naming its document), sorted by
//! event date or by first appearance; Find searches every document and opens one at its match;
//! and the bundled sample opens with its lead claim's chain drawn under the article. Real
//! articles: `PolNeAR` train's `HuffPost` (Reuters) and USA Today articles quoting Sadiq Khan.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod links_support;
#[path = "common/window.rs"]
mod window_harness;

use claimlens::edit::Edit;
use claimlens::model::{EventDate, LinkKind, LinkTarget, Project};
use claimlens::ui::ClaimlensApp;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use links_support::{HUFF_POST, KHAN, USA_TODAY, claim_quoting, date, import};
use window_harness::{app_on, doc, harness, temp_dir};

/// `HuffPost`'s article first, then USA Today's, dated; `HuffPost`'s Khan claim repeats USA
/// Today's and took place, it says, "on Tuesday" (2016-05-10). Saved, and the window on it.
fn two_documents(name: &str) -> (Harness<'static, ClaimlensApp>, Project) {
    let mut project = Project::new("Khan on Trump's ban");
    let huff = import(&mut project, HUFF_POST);
    let usa = import(&mut project, USA_TODAY);
    date(&mut project, &huff, "HuffPost", "2016-05-16");
    date(&mut project, &usa, "USA Today", "2016-05-11");
    let (huff_claim, usa_claim) = (claim_quoting(&project, &huff, KHAN), claim_quoting(&project, &usa, KHAN));
    let target = LinkTarget::Claim { document: usa, claim: usa_claim };
    claimlens::ops::links::link(&project, &huff, &huff_claim, LinkKind::Repeats, target)
        .unwrap()
        .into_edit()
        .apply(&mut project)
        .unwrap();
    let mut c = project.document(&huff).unwrap().claim(&huff_claim).unwrap().clone();
    c.event_date = EventDate::parse("2016-05-10");
    Edit::UpdateClaim(huff, c).apply(&mut project).unwrap();
    let path = temp_dir(name).join("khan.claimlens.ron");
    claimlens::store::save(&path, &project, None, claimlens::store::Overwrite::IfUnchanged).unwrap();
    (harness(app_on(&path)), project)
}

/// "in TITLE", as a row names its document.
fn in_title(project: &Project, i: usize) -> String {
    format!("in {}", claimlens::formats::text::shorten(&project.documents[i].title, 60))
}

/// The top of the highest row naming document `i`, if one is shown.
fn top_of(h: &Harness<'_, ClaimlensApp>, project: &Project, i: usize) -> Option<f32> {
    h.query_all_by_label(&in_title(project, i)).map(|n| n.rect().top()).reduce(f32::min)
}

fn choose_sort(h: &mut Harness<'_, ClaimlensApp>, order: &str) {
    h.get_by_label("Sort").click();
    h.run();
    h.get_all_by_label(order).last().unwrap().click();
    h.run();
}

#[test]
fn the_claims_tab_lists_every_documents_claims_sorted_by_first_appearance_or_event_date() {
    let (mut h, project) = two_documents("claims-all");
    h.get_by_label("All documents").click();
    h.run();
    assert!(h.query_by_label_contains("in 2 documents").is_some());
    // In document order HuffPost's claims come first.
    let (huff, usa) = (top_of(&h, &project, 0).unwrap(), top_of(&h, &project, 1));
    assert!(usa.is_none_or(|usa| huff < usa));

    // By first appearance the claims of 2016-05-11 (USA Today's, and HuffPost's repeat of
    // Khan, dated by its event first) come before HuffPost's own (2016-05-16).
    choose_sort(&mut h, "First appearance");
    let tops = |h: &Harness<'_, ClaimlensApp>, day: &str| -> Vec<f32> {
        h.query_all_by_label(&format!("first appeared {day}")).map(|n| n.rect().top()).collect()
    };
    let (early, late) = (tops(&h, "2016-05-11"), tops(&h, "2016-05-16"));
    assert!(!early.is_empty(), "each row says when its claim first appeared");
    assert!(late.iter().all(|l| early.iter().all(|e| e < l)), "{early:?} {late:?}");
    assert!(top_of(&h, &project, 1).is_some(), "USA Today's claims are in view");
    // HuffPost's Khan claim first appeared in USA Today: its story says so.
    let search = h.get_by_label("Search");
    search.focus();
    search.type_text("ignorant view");
    h.run();
    let usa_rows = h.query_all_by_label(&in_title(&project, 1)).count();
    assert_eq!(h.query_all_by_label(&in_title(&project, 0)).count(), 1, "HuffPost's repeat of Khan");
    assert_eq!(h.query_all_by_label("first appeared 2016-05-11").count(), usa_rows + 1, "USA Today's and HuffPost's repeat");

    // By event date the one dated claim (HuffPost's, 2016-05-10) leads the whole list.
    h.get_by_label("Search").focus();
    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    h.key_press(Key::Backspace);
    h.run();
    choose_sort(&mut h, "Event date");
    let dated = h.get_by_label("2016-05-10").rect().top();
    assert!(h.query_all_by_label_contains("in ").all(|n| n.rect().top() > dated - 40.0), "the dated claim's row is first");
    // A row of the other document opens it at the claim.
    h.get_all_by_label_contains(KHAN).find(|n| n.accesskit_node().role() == egui::accesskit::Role::Button).unwrap().click();
    h.run_steps(150);
    assert_eq!(doc(&h).id, project.documents[0].id, "HuffPost's article is shown");
    assert!(h.state().view.panel.selected_claim.is_some());
}

#[test]
fn the_timeline_shows_every_documents_claims_by_first_appearance() {
    let (mut h, project) = two_documents("timeline-all");
    h.get_by_label("Timeline").click();
    h.run();
    // This document, by event date: HuffPost's one dated claim.
    h.get_by_label("2016-05-10");
    let named =
        |h: &Harness<'_, ClaimlensApp>| (0..2).map(|i| h.query_all_by_label(&in_title(&project, i)).count()).sum::<usize>();
    assert_eq!(named(&h), 0, "one document: rows need not name it");
    h.get_all_by_label("All documents").last().unwrap().click();
    h.run();
    h.get_all_by_label("First appearance").last().unwrap().click();
    h.run();
    // The claims of 2016-05-11 first (HuffPost's repeat of Khan, whose story starts in USA
    // Today, and USA Today's own), then HuffPost's own of 2016-05-16; each names its document.
    let tops = |day: &str| h.query_all_by_label(day).map(|n| n.rect().top()).collect::<Vec<f32>>();
    let (early, late) = (tops("2016-05-11"), tops("2016-05-16"));
    assert!(!early.is_empty() && late.iter().all(|l| early.iter().all(|e| e < l)), "{early:?} {late:?}");
    assert!(top_of(&h, &project, 1).is_some() && top_of(&h, &project, 0).is_some(), "both documents named");
    // Shown USA Today's article, the first entry (HuffPost's Khan claim) opens HuffPost's there.
    let usa_title = claimlens::formats::text::shorten(&project.documents[1].title, 60);
    h.get_all_by_label(&usa_title).next().unwrap().click();
    h.run();
    assert_eq!(doc(&h).id, project.documents[1].id);
    let entry = h
        .query_all(egui_kittest::kittest::by().role(egui::accesskit::Role::Button))
        .filter(|n| n.accesskit_node().label().is_some_and(|l| l.contains(": “")))
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap();
    assert!(entry.accesskit_node().label().unwrap().contains("ignorant view"), "HuffPost's repeat of Khan leads");
    entry.click();
    h.run_steps(150);
    assert_eq!(doc(&h).id, project.documents[0].id, "HuffPost's article is shown");
    let khan = claim_quoting(&project, &project.documents[0].id, KHAN);
    let content = &project.documents[0].claim(&khan).unwrap().content[0];
    assert_eq!(h.state().view.reader.selected.as_ref(), Some(content), "at the claim");
}

#[test]
fn find_searches_every_document_and_opens_one_at_its_match() {
    let (mut h, project) = two_documents("find-all");
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find").type_text("Sadiq Khan");
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "All documents").click();
    h.run();
    let count = |d: usize| claimlens::ui::app::find_all(&project.documents[d].text, "Sadiq Khan").len();
    let (in_huff, in_usa) = (count(0), count(1));
    assert!(in_huff > 0 && in_usa > 0);
    h.get_by_label(&format!("{} matches in 2 documents", in_huff + in_usa));
    // Each match names its document; choosing one in USA Today's opens it with the match selected.
    let usa_title = claimlens::formats::text::shorten(&project.documents[1].title, 40);
    let prefix = format!("{usa_title}: ");
    let rows: Vec<_> = h.query_all_by_label_contains(&prefix).collect();
    assert_eq!(rows.len(), in_usa, "every match in USA Today's article is listed");
    rows.last().unwrap().click();
    h.run();
    assert_eq!(doc(&h).id, project.documents[1].id);
    let last = *claimlens::ui::app::find_all(&doc(&h).text, "Sadiq Khan").last().unwrap();
    assert_eq!(h.state().view.reader.selection, Some(last), "the match chosen is selected");
    h.get_by_label(&format!("{in_usa} of {in_usa}"));
}

#[test]
fn the_sample_opens_with_its_lead_claims_chain_under_the_article() {
    let app = ClaimlensApp::start(window_harness::settings(claimlens::ui::settings::ThemeChoice::Light), None, None);
    let mut h = harness(app);
    let chain = [
        "Censor.NET",
        "Ukrinform",
        "Joint statement of the G7 and partner foreign ministers",
        "G7 and partner foreign ministers",
    ];
    let boxes: Vec<egui::Rect> =
        chain.iter().map(|name| h.get_by_role_and_label(egui::accesskit::Role::Button, name).rect()).collect();
    // Left to right in time: the ministers first, the article last; all in a 1280×800 window.
    assert!(boxes[3].left() < boxes[2].left() && boxes[2].left() < boxes[1].left() && boxes[1].left() < boxes[0].left());
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    assert!(boxes.iter().all(|b| window.contains_rect(*b)), "{boxes:?}");
    // Under the article: the opening paragraphs stay readable above the picture.
    let first = h.query_all(egui_kittest::kittest::by().role(egui::accesskit::Role::Paragraph)).next().unwrap().rect();
    assert!(boxes.iter().all(|b| b.top() > first.bottom()), "the picture covers no text: {first:?} {boxes:?}");
    assert!(
        h.query_all(egui_kittest::kittest::by().role(egui::accesskit::Role::Paragraph)).count() >= 3,
        "three paragraphs in view"
    );
    // It is the lead claim's chain, and that claim is selected.
    let lead = doc(&h).claims[0].id.clone();
    assert_eq!(h.state().view.panel.selected_claim.as_ref(), Some(&lead));
    h.get_by_label("Close picture").click();
    h.run();
    assert!(h.query_by_label("Ukrinform").is_none(), "closed");
    h.get_by_label("View").click();
    h.run();
    h.get_by_label_contains("Provenance Picture").click();
    h.run();
    h.get_by_label("Ukrinform");
}
