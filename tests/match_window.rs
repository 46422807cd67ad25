//! The Suggestions tab's cross-document pairs, driven as a person would: two real articles
//! (`PolNeAR` train: USA Today and `HuffPost` quoting Sadiq Khan's "ignorant view of Islam"),
//! Suggest, Accept link, Save; the file read back has the link, and Undo takes it away.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "common/window.rs"]
mod window_harness;

use claimlens::model::{LinkKind, LinkTarget};
use claimlens::store;
use claimlens::testdata::polnear_project;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use window_harness::*;

#[test]
fn a_suggested_cross_document_pair_is_accepted_saved_and_undone() {
    let dir = temp_dir("match-window");
    let path = dir.join("khan.claimlens.ron");
    let project = polnear_project(&["train"], &|n| {
        n == "usa-today_2016-05-11_london-s-muslim-mayor-rebuffs-tr"
            || n == "huff-post_2016-05-16_trump-says-he-s-unlikely-to-have"
    })
    .unwrap();
    store::save(&path, &project, None, store::Overwrite::Force).unwrap();
    let mut h = harness(app_on(&path));
    assert!(h.state().dialogs.open.is_empty(), "{:?} {}", h.state().dialogs.open, h.state().status);
    h.get_by_label("Suggestions").click();
    h.run();
    assert_eq!(format!("{:?}", h.state().view.panel.tab), "Suggestions");
    h.get_by_label("Suggest attributions and dates").click();
    h.run();
    h.get_by_label("Same claim in other documents (1)");
    h.get_by_label_contains("Cross-document pair · verbatim");
    assert!(h.get_all_by_label_contains("ignorant view of Islam").count() >= 2, "both claims are shown");
    h.get_by_label("Accept link").click();
    h.run();
    assert!(h.query_by_label("Accept link").is_none(), "an accepted pair leaves the list");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = store::load(&path).unwrap().project;
    let links: Vec<_> =
        saved.documents.iter().flat_map(|d| d.claims.iter().flat_map(move |c| c.links.iter().map(move |l| (d, l)))).collect();
    assert_eq!(links.len(), 1, "the link is in the file");
    let (from, link) = links[0];
    assert_eq!(link.kind, LinkKind::Repeats);
    assert_eq!(from.outlet.as_deref(), Some("Huffington Post"), "from the later article");
    let LinkTarget::Claim { document, .. } = &link.target else { panic!("a claim target") };
    assert_eq!(saved.document(document).unwrap().outlet.as_deref(), Some("USA Today"));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let links = h.state().session.project.documents.iter().flat_map(|d| &d.claims).map(|c| c.links.len()).sum::<usize>();
    assert_eq!(links, 0, "one undo removes the link");
}
