//! The Provenance window on the bundled sample, driven as a person would: the reference article's
//! chain (Censor.NET → Ukrinform → the statement on the Japanese Foreign Ministry's website →
//! the ministers) is drawn as soon as the window opens; a click on a box opens the article at its
//! claim; `claimlens export --format svg|dot` writes the same picture (read back).

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "common/window.rs"]
mod window_harness;

use claimlens::cli::{Command, run};
use claimlens::formats::ExportFormat;
use egui_kittest::kittest::Queryable;
use window_harness::*;

const CHAIN: [&str; 4] =
    ["Censor.NET", "Ukrinform", "Joint statement of the G7 and partner foreign ministers", "G7 and partner foreign ministers"];

#[test]
fn the_samples_chain_is_drawn_when_the_window_opens_and_a_box_opens_its_claim() {
    let path = sample_copy("provenance");
    let mut h = harness(app_on(&path));
    h.get_by_label("View").click();
    h.run();
    h.get_by_label_contains("Provenance Picture").click();
    h.run();
    assert!(h.state().view.panel.provenance.open, "View → Provenance Picture opens the window");
    for name in CHAIN {
        h.get_by_label(name);
    }
    // Left to right in time: the ministers first, the article last.
    let x = |name: &str| h.get_by_label(name).rect().left();
    assert!(x(CHAIN[3]) < x(CHAIN[2]) && x(CHAIN[2]) < x(CHAIN[1]) && x(CHAIN[1]) < x(CHAIN[0]));

    h.get_by_label("Ukrinform").click();
    // The article scrolls to the claim and flashes it for a moment.
    h.run_steps(150);
    let claim = h.state().view.panel.selected_claim.clone().expect("the box selected a claim");
    let project = &h.state().session.project;
    let via = &doc(&h).claim(&claim).expect("in the shown document").via;
    let ukrinform = project.source_named("Ukrinform").unwrap();
    assert!(via.contains(&ukrinform.id), "the claim opened is one known through Ukrinform");
    assert!(h.state().view.reader.selected.is_some(), "its content is selected in the article");
}

#[test]
fn svg_and_dot_exports_draw_the_same_chain() {
    let path = sample_copy("provenance-export");
    for format in [ExportFormat::Svg, ExportFormat::Dot] {
        let target = path.with_extension(format.extension());
        let command = Command::Export {
            project: path.clone(),
            format,
            output: Some(target.clone()),
            force: false,
            reviewer: "r".into(),
            reviewer_is_organization: false,
            review_url: None,
            date: None,
            w3c_datetimes: false,
            with_originals: false,
        };
        run(command, &mut Vec::new()).unwrap();
        let text = std::fs::read_to_string(&target).unwrap();
        for name in CHAIN {
            assert!(text.contains(name), "{format}: {name} missing");
        }
        // The Pentagon's spokesman's box says whom he speaks for.
        assert!(text.contains("for Pentagon"), "{format}: Pat Ryder speaks for the Pentagon");
        if format == ExportFormat::Svg {
            assert!(text.starts_with("<?xml") && text.trim_end().ends_with("</svg>"));
            assert!(text.contains("class=\"edge origin\"") && text.contains("class=\"edge cites\""));
        } else {
            let id = |name: &str| {
                let line = text.lines().find(|l| l.contains(&format!("label=\"{name}\\n"))).unwrap();
                line.trim().split(' ').next().unwrap().to_owned()
            };
            let arrow = |a: &str, b: &str| text.contains(&format!("{} -> {}", id(a), id(b)));
            assert!(arrow(CHAIN[0], CHAIN[1]) && arrow(CHAIN[1], CHAIN[2]) && arrow(CHAIN[2], CHAIN[3]), "{text}");
            assert!(text.contains("rankdir=RL"));
        }
    }
}

/// The whole project's picture opens at a zoom its names read at (a new user saw boxes called
/// "Beth" and "Patr": fitted whole, a box was narrower than its name at the smallest text
/// size); *Fit* still shows all of it, smaller.
#[test]
fn the_whole_projects_picture_opens_readable_and_fit_shows_it_whole() {
    let path = sample_copy("provenance-whole");
    let mut h = harness(app_on(&path));
    h.state_mut().view.panel.provenance.open = true;
    h.run();
    h.get_by_label("Whole project").click();
    h.run();
    let widths: Vec<f32> = CHAIN.iter().filter_map(|n| h.query_by_label(n).map(|b| b.rect().width())).collect();
    assert!(!widths.is_empty(), "boxes are drawn");
    let widest = widths.iter().copied().fold(0.0, f32::max);
    assert!(widest >= 0.75 * 200.0 - 1.0, "the boxes are {widths:?} wide");
    assert!(h.state().view.panel.provenance.zoom >= 0.75);
    h.get_by_label("Fit").click();
    h.run();
    let fitted = h.state().view.panel.provenance.zoom;
    assert!(fitted > 0.0 && fitted < 0.75, "fitted whole at {fitted}");
    for name in CHAIN {
        h.get_by_label(name);
    }
}
