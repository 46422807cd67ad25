//! What the reader shows (issue #13, items 4 and 6): each document keeps its own scroll
//! position, a long claim is a quiet tint with a bar in the margin so the spans inside it show,
//! and a legend of the project's labels is one click away. Headless (`egui_kittest`).

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

#[path = "common/window.rs"]
mod window_harness;

use claimlens::model::{Document, DocumentId};
use claimlens::store;
use claimlens::ui::ClaimlensApp;
use claimlens::ui::settings::ThemeChoice;
use egui::{Color32, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use window_harness::*;

/// The sample with a second document (the same article under another title and id).
fn two_documents(name: &str) -> std::path::PathBuf {
    let path = sample_copy(name);
    let mut project = store::load(&path).unwrap().project;
    let mut second: Document = project.documents[0].clone();
    second.id = DocumentId("d-second-copy".to_owned());
    second.title = "Second copy".into();
    second.annotations.clear();
    second.claims.clear();
    project.documents.push(second);
    std::fs::write(&path, store::to_ron(&project).unwrap()).unwrap();
    path
}

fn wheel(h: &mut Harness<'_, ClaimlensApp>, dy: f32) {
    let at = article_rect(h).left_top() + egui::vec2(60.0, 120.0);
    h.hover_at(at);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        phase: egui::TouchPhase::Move,
        modifiers: Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run_steps(4);
    h.run();
}

/// Where the shown document's paragraph `p` is on screen, from its accessible node.
fn paragraph_top(h: &Harness<'_, ClaimlensApp>, p: usize) -> f32 {
    let text = doc(h).text.split('\n').nth(p).unwrap().to_owned();
    h.get_by_label(&text).rect().top()
}

#[test]
fn each_document_keeps_its_scroll_position_and_a_new_one_starts_at_its_top() {
    let path = two_documents("view-scroll");
    let mut h = harness(app_on(&path));
    for _ in 0..4 {
        wheel(&mut h, -300.0);
    }
    let top_a = h.state().view.reader.top_paragraph().unwrap();
    assert!(top_a >= 2, "the wheel scrolled the first document (top paragraph {top_a})");
    let y_a = paragraph_top(&h, top_a + 1);

    h.get_all_by_label("Second copy").next().unwrap().click();
    h.run();
    assert_eq!(doc(&h).title, "Second copy");
    assert_eq!(h.state().view.reader.top_paragraph(), Some(0), "the other document starts at its top");
    let title = h.get_all_by_label("Second copy").last().unwrap().rect();
    assert!(title.top() >= article_rect(&h).top() - 80.0 && title.top() > 0.0, "its title is in view: {title:?}");

    let first_title = h.state().session.project.documents[0].title.clone();
    let row = claimlens::formats::text::shorten(&first_title, 60);
    h.get_all_by_label(&row).next().unwrap().click();
    h.run();
    assert_eq!(h.state().view.reader.top_paragraph(), Some(top_a), "back where it was");
    let y_back = paragraph_top(&h, top_a + 1);
    assert!((y_back - y_a).abs() < 2.0, "paragraph {} at {y_back}, was at {y_a}", top_a + 1);
}

/// The background painted under the first char of `needle` in the article (the galley of the
/// paragraph that holds it, not a row of the side panel quoting it).
fn painted_background(h: &Harness<'_, ClaimlensApp>, needle: &str) -> Color32 {
    let paragraph = doc(h).text.split('\n').find(|p| p.contains(needle)).unwrap().to_owned();
    for clipped in &h.output().shapes {
        let egui::Shape::Text(text) = &clipped.shape else { continue };
        let job = &text.galley.job;
        if job.text != paragraph {
            continue;
        }
        let byte = egui::epaint::text::ByteIndex(job.text.find(needle).unwrap());
        let section = job.sections.iter().find(|s| s.byte_range.contains(&byte)).unwrap();
        return section.format.background;
    }
    panic!("{needle:?} is not painted in the article");
}

/// How far a colour is from the page (sum of channel differences).
fn distance(a: Color32, b: Color32) -> i32 {
    (i32::from(a.r()) - i32::from(b.r())).abs()
        + (i32::from(a.g()) - i32::from(b.g())).abs()
        + (i32::from(a.b()) - i32::from(b.b())).abs()
}

#[test]
fn in_the_dark_theme_a_long_claim_is_a_quiet_tint_and_the_spans_inside_it_show() {
    let path = sample_copy("view-dark");
    let mut app = ClaimlensApp::new(settings(ThemeChoice::Dark));
    app.open_project(&path);
    let mut h = harness(app);
    h.run();
    let page = claimlens::ui::theme::page(&egui::Visuals::dark());
    // The sample's claim "they expressed "serious concern over the deployment of DPRK troops in
    // the Russian Federation, …"" holds an Entity span "the Russian Federation".
    let claim_only = distance(painted_background(&h, "serious concern over"), page);
    let entity = distance(painted_background(&h, "the Russian Federation, which could"), page);
    assert!(claim_only > 0, "the claim is still tinted");
    assert!(claim_only * 2 < entity, "the claim's fill ({claim_only}) is far lighter than the entity's inside it ({entity})");
    // A short cue keeps its full colour.
    let cue = distance(painted_background(&h, "reports citing"), page);
    assert!(claim_only * 2 < cue, "claim {claim_only}, cue {cue}");

    // Hovering the claim shows it stronger, with a bar in the margin in its own colour.
    let claim_label = h.state().session.project.label_name_for(claimlens::model::LabelRole::Claim).to_owned();
    let claim_color = claimlens::ui::theme::label_color(h.state().session.project.label(&claim_label).unwrap().color);
    let text_left = article_rect(&h).left();
    let bar = |h: &Harness<'_, ClaimlensApp>| {
        h.output().shapes.iter().any(|c| {
            matches!(&c.shape, egui::Shape::Rect(r) if r.fill == claim_color && r.rect.right() <= text_left && r.rect.height() > 10.0)
        })
    };
    assert!(!bar(&h), "the bar is quiet until hovered");
    let text = &doc(&h).text;
    let at = text[..text.find("serious concern over").unwrap()].chars().count();
    let rect = h.state().view.reader.char_rect(at + 2).unwrap();
    h.hover_at(rect.center());
    h.run();
    let hovered = distance(painted_background(&h, "serious concern over"), page);
    assert!(hovered > claim_only, "hovered {hovered}, quiet {claim_only}");
    assert!(bar(&h), "a bar in the claim's colour beside its lines");
}

#[test]
fn the_legend_lists_every_label_of_the_project_one_click_away() {
    let path = sample_copy("view-legend");
    let mut h = harness(app_on(&path));
    // Names come from the project: a renamed label shows by its new name.
    let mut cue = h.state().session.project.labels.iter().find(|l| l.hotkey == Some(3)).unwrap().clone();
    let old = std::mem::replace(&mut cue.name, "Reporting verb".into());
    assert!(h.state_mut().apply(claimlens::edit::Edit::UpdateLabel(old.clone(), cue)));
    h.run();
    assert!(h.query_by_label(claimlens::ui::reader::LEGEND_HEADING).is_none());
    h.get_by_label("Legend").click();
    h.run();
    assert!(h.state().view.reader.legend_open, "the click opened it");
    h.get_by_label(claimlens::ui::reader::LEGEND_HEADING);
    let labels = h.state().session.project.labels.clone();
    assert!(labels.len() >= 7);
    for l in &labels {
        h.get_by_label(&claimlens::ui::reader::legend_row_text(&l.name, l.hotkey));
    }
    h.get_by_label("Reporting verb (key 3)");
    assert!(h.query_by_label(&claimlens::ui::reader::legend_row_text(&old, Some(3))).is_none());
    h.get_by_label("Legend").click();
    h.run();
    assert!(h.query_by_label(claimlens::ui::reader::LEGEND_HEADING).is_none(), "a second click hides it");
}
