//! Linking a claim to a claim of another document in the window, as a person does it: import
//! two real articles (`PolNeAR` train: USA Today and Reuters via `HuffPost`, both quoting Sadiq
//! Khan), open the `HuffPost` claim's card, "Link to claim in another document…", pick the USA
//! Today article, the kind and its claim, save the claim and the project, reopen it, follow the
//! link, and export `ClaimReview` with `appearance` and `firstAppearance`.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]
// Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod links_support;
#[path = "common/window.rs"]
mod window_harness;

use claimlens::model::{LinkKind, LinkTarget};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use links_support::{HUFF_POST, KHAN, USA_TODAY, ann_path, claim_quoting, text_path};
use std::path::{Path, PathBuf};
use window_harness::{app_on, doc, file_menu_with_path, harness, settings, temp_dir};

/// Copies an article and its brat file side by side (`NAME.txt`, `NAME.ann`), as import finds them.
fn article_in(dir: &Path, article: (&str, &str), name: &str) -> PathBuf {
    let text = dir.join(format!("{name}.txt"));
    std::fs::copy(text_path(article), &text).unwrap();
    std::fs::copy(ann_path(article), dir.join(format!("{name}.ann"))).unwrap();
    text
}

/// Types `words` into the Claims tab's search field.
fn search_claims(h: &mut egui_kittest::Harness<'_, claimlens::ui::ClaimlensApp>, words: &str) {
    h.get_by_label("Search").focus();
    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    h.get_by_label("Search").type_text(words);
    h.run();
}

#[test]
fn a_claim_is_linked_to_another_documents_claim_in_the_window_saved_reopened_and_exported() {
    let dir = temp_dir("links");
    let usa_file = article_in(&dir, USA_TODAY, "usa-today");
    let huff_file = article_in(&dir, HUFF_POST, "huff-post");
    let app = claimlens::ui::ClaimlensApp::new(settings(claimlens::ui::settings::ThemeChoice::Light));
    let mut h = harness(app);
    file_menu_with_path(&mut h, "Import Article…", &usa_file, "Import");
    h.run();
    file_menu_with_path(&mut h, "Import Article…", &huff_file, "Import");
    h.run();
    h.get_by_label("Add to this project (default)").click();
    h.run();
    let project = &h.state().session.project;
    assert_eq!(project.documents.len(), 2, "{}", h.state().status);
    let (usa, huff) = (project.documents[0].id.clone(), project.documents[1].id.clone());
    let usa_claim = claim_quoting(project, &usa, KHAN);
    let huff_claim = claim_quoting(project, &huff, KHAN);
    assert_eq!(doc(&h).id, huff, "the imported article is shown");
    let usa_title = claimlens::formats::text::shorten(&project.documents[0].title, 60);

    // The HuffPost claim's card (found with the Claims tab's search), then its link button.
    search_claims(&mut h, "ignorant view");
    h.get_all_by_label_contains(KHAN).find(|n| n.accesskit_node().role() == egui::accesskit::Role::Button).unwrap().click();
    // The article scrolls to the claim and flashes it for a moment.
    h.run_steps(150);
    h.get_by_label("Link to claim in another document…").click();
    h.run();
    h.get_by_label("Edit claim");
    h.get_by_label("Link to document").click();
    h.run();
    h.get_all_by_label(&usa_title).last().unwrap().click();
    h.run();
    h.get_by_label("Link kind").click();
    h.run();
    h.get_by_label("This claim repeats").click();
    h.run();
    h.get_all_by_role_and_label(egui::accesskit::Role::ComboBox, "Verdict").last().unwrap().click();
    h.run();
    h.get_all_by_label("Supported").find(|n| n.accesskit_node().role() != egui::accesskit::Role::Label).unwrap().click();
    h.run();
    h.get_by_label("Find a claim there").focus();
    h.get_by_label("Find a claim there").type_text("ignorant view");
    h.run();
    // USA Today writes "Trump's" (the HuffPost text "Trump‘s"): only USA Today's claim has it.
    h.get_by_label_contains("→ \"Donald Trump's ignorant view of Islam").click();
    h.run();
    // The editor lists the new link before it is saved.
    assert!(
        h.query_all_by_label_contains("repeats London's Muslim mayor")
            .any(|n| n.accesskit_node().role() == egui::accesskit::Role::Link)
    );
    h.get_by_label_contains("Remove link: repeats London");
    h.get_all_by_label("Save claim").next().unwrap().click();
    h.run();
    let claim = doc(&h).claim(&huff_claim).unwrap().clone();
    assert_eq!(claim.links.len(), 1, "{}", h.state().status);
    assert_eq!(claim.links[0].kind, LinkKind::Repeats);
    assert_eq!(claim.links[0].target, LinkTarget::Claim { document: usa.clone(), claim: usa_claim.clone() });
    // Undo takes the link off with the claim's edit; redo puts it back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(doc(&h).claim(&huff_claim).unwrap().links.is_empty(), "undone");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(doc(&h).claim(&huff_claim).unwrap().links.len(), 1, "redone");

    // Saved, and reopened in a new window.
    let path = dir.join("khan.claimlens.ron");
    file_menu_with_path(&mut h, "Save As…", &path, "Save");
    h.run();
    assert!(path.exists(), "{}", h.state().status);
    let mut h = harness(app_on(&path));
    assert_eq!(h.state().session.project.documents.len(), 2);
    let reopened = &h.state().session.project;
    assert_eq!(reopened.document(&huff).unwrap().claim(&huff_claim).unwrap().links, claim.links);
    // The card of the USA Today claim says HuffPost repeats it, and that line goes there.
    h.get_all_by_label(&usa_title).next().unwrap().click();
    h.run();
    assert_eq!(doc(&h).id, usa);
    search_claims(&mut h, "ignorant view");
    h.get_all_by_label_contains(KHAN).find(|n| n.accesskit_node().role() == egui::accesskit::Role::Button).unwrap().click();
    // The article scrolls to the claim and flashes it for a moment.
    h.run_steps(150);
    // The USA Today claim's editor lists the link to it too.
    h.get_by_label("Edit claim…").click();
    h.run();
    assert_eq!(h.query_all_by_label_contains("repeats this").count(), 2, "on the card and in the editor");
    h.get_by_label("Cancel").click();
    h.run();
    h.get_by_label_contains("repeats this").click();
    h.run_steps(150);
    assert_eq!(doc(&h).id, huff, "the link goes to the HuffPost article");
    assert_eq!(h.state().view.panel.selected_claim.as_ref(), Some(&huff_claim));

    // Exported as ClaimReview.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("schema.org ClaimReview (JSON-LD)").click();
    h.run();
    h.get_all_by_label("Export").last().unwrap().click();
    h.run();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path.with_file_name("khan.json")).unwrap()).unwrap();
    let review = json.as_array().unwrap().iter().find(|r| r["@id"].as_str().unwrap().ends_with(huff_claim.as_str())).unwrap();
    let item = &review["itemReviewed"];
    let appearances = item["appearance"].as_array().expect("every appearance");
    let headlines: Vec<&str> = appearances.iter().map(|a| a["headline"].as_str().unwrap()).collect();
    assert_eq!(headlines.len(), 2, "{item:#}");
    assert!(headlines.iter().any(|t| t.contains("London")), "{headlines:?}");
    assert!(item["firstAppearance"]["headline"].as_str().unwrap().contains("London"), "USA Today's came first: {item:#}");
}

#[test]
fn a_document_is_tied_to_its_publisher_from_its_context_menu() {
    let path = window_harness::sample_copy("publisher");
    let mut h = harness(app_on(&path));
    // A second document, so the Documents list shows (the bundled article imported again).
    window_harness::import_bundled_article_here(&mut h);
    let title = claimlens::formats::text::shorten(&doc(&h).title, 60);
    // The sample's article is tied to Censor.NET; the copy is tied to another source here, so
    // that the test tells the two apart.
    let censor = h.state().session.project.source_named("Censor.NET").unwrap().id.clone();
    let ukrinform = h.state().session.project.source_named("Ukrinform").unwrap().id.clone();
    assert_eq!(h.state().session.project.documents[0].publisher.as_ref(), Some(&censor), "the sample's own tie");
    assert_eq!(doc(&h).publisher, None, "an imported article is tied to nobody yet");
    h.get_all_by_label(&title).next().unwrap().click_secondary();
    h.run();
    h.get_by_label("Published by…").click();
    h.run();
    h.get_by_label("Ukrinform").click();
    h.run();
    assert_eq!(doc(&h).publisher.as_ref(), Some(&ukrinform), "{}", h.state().status);
    assert_eq!(h.state().session.project.documents[0].publisher.as_ref(), Some(&censor), "only the shown one");
    assert_eq!(h.state().session.history.undo_description(), Some("Tie document to its publisher"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let reopened = claimlens::store::load(&path).unwrap().project;
    assert_eq!(reopened.documents[1].publisher.as_ref(), Some(&ukrinform), "saved");
    // The menu says who it is now.
    h.get_all_by_label(&title).next().unwrap().click_secondary();
    h.run();
    h.get_by_label("Published by Ukrinform…");
}

#[test]
fn opening_a_project_with_an_orphaned_link_lists_it_and_keeps_it() {
    let (mut project, (usa, usa_claim), (huff, huff_claim)) = links_support::two_articles();
    let target = LinkTarget::Claim { document: usa.clone(), claim: usa_claim };
    claimlens::ops::links::link(&project, &huff, &huff_claim, LinkKind::Reports, target)
        .unwrap()
        .into_edit()
        .apply(&mut project)
        .unwrap();
    claimlens::edit::Edit::RemoveDocument(usa.clone()).apply(&mut project).unwrap();
    let path = temp_dir("orphaned").join("orphaned.claimlens.ron");
    claimlens::store::save(&path, &project, None, claimlens::store::Overwrite::IfUnchanged).unwrap();
    let mut h = harness(app_on(&path));
    h.get_by_label("Orphaned links");
    h.get_by_label_contains(&format!("document {usa} is not in the project"));
    h.get_by_label("OK").click();
    h.run();
    // The claim editor shows it as orphaned, and removes it (one undoable save).
    search_claims(&mut h, "ignorant view");
    h.get_all_by_label_contains(KHAN).find(|n| n.accesskit_node().role() == egui::accesskit::Role::Button).unwrap().click();
    h.run_steps(150);
    h.get_by_label("Edit claim…").click();
    h.run();
    assert!(h.query_all_by_label_contains("reports (orphaned: document").count() >= 2, "the link and its ✕");
    h.get_by_label_contains("Remove link: reports (orphaned").click();
    h.run();
    h.get_all_by_label("Save claim").next().unwrap().click();
    h.run();
    assert!(doc(&h).claim(&huff_claim).unwrap().links.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(doc(&h).claim(&huff_claim).unwrap().links.len(), 1, "undo brings the orphaned link back");
}

/// Writes `format` through the Export dialog (Ctrl+E) beside the project, and reads it back.
fn export_in_window(
    h: &mut egui_kittest::Harness<'_, claimlens::ui::ClaimlensApp>,
    project: &Path,
    label: &str,
    ext: &str,
) -> String {
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label(label).click();
    h.run();
    h.get_all_by_label("Export").last().unwrap().click();
    h.run();
    let stem = project.file_name().unwrap().to_str().unwrap().trim_end_matches(".claimlens.ron");
    std::fs::read_to_string(project.with_file_name(format!("{stem}.{ext}"))).unwrap()
}

#[test]
fn a_claim_is_linked_to_text_selected_in_another_document_and_to_a_span_picked_there() {
    let (project, (usa, _), (huff, huff_claim)) = links_support::two_articles();
    let path = temp_dir("link-span").join("khan.claimlens.ron");
    claimlens::store::save(&path, &project, None, claimlens::store::Overwrite::IfUnchanged).unwrap();
    let mut h = harness(app_on(&path));
    assert_eq!(doc(&h).id, usa, "USA Today's article is shown first");
    let huff_title = claimlens::formats::text::shorten(&project.document(&huff).unwrap().title, 60);

    // In USA Today's article, select the end of Khan's statement with the mouse.
    let words = "could make both our countries less safe";
    let start = window_harness::char_of(&h, words);
    let (a, b) = (window_harness::point_at(&h, start), window_harness::point_at(&h, start + words.chars().count() - 1));
    window_harness::drag(&mut h, a, b + egui::vec2(6.0, 0.0), Modifiers::NONE);
    let selected = h.state().view.reader.selection.expect("the words are selected");
    assert_eq!(claimlens::anchor::slice_chars(&doc(&h).text, selected).trim(), words);

    // Go to HuffPost's article and open its Khan claim's links.
    h.get_all_by_label(&huff_title).next().unwrap().click();
    h.run();
    assert_eq!(doc(&h).id, huff);
    search_claims(&mut h, "ignorant view");
    h.get_all_by_label_contains(KHAN).find(|n| n.accesskit_node().role() == egui::accesskit::Role::Button).unwrap().click();
    h.run_steps(150);
    h.get_by_label("Link to claim in another document…").click();
    h.run();
    h.get_by_label("Link kind").click();
    h.run();
    h.get_by_label("This claim was first said in (origin)").click();
    h.run();
    // The selection left in USA Today's article is offered.
    h.get_by_label_contains("Link to the selection in USA Today, 2016-05-11: “could make both our countries less safe”").click();
    h.run();
    h.get_by_label_contains(
        "was first said in (origin) USA Today, 2016-05-11: “could make both our countries less safe” (new span)",
    );

    // And a span picked there: the headline's quotation (the editor's button, after the card's).
    h.get_all_by_label("Link to claim in another document…").last().unwrap().click();
    h.run();
    h.get_by_label("Link kind").click();
    h.run();
    h.get_by_label("This claim repeats").click();
    h.run();
    h.get_by_label("Link to document").click();
    h.run();
    let usa_title = claimlens::formats::text::shorten(&project.document(&usa).unwrap().title, 60);
    h.get_all_by_label(&usa_title).last().unwrap().click();
    h.run();
    h.get_by_label("Its spans").click();
    h.run();
    h.get_by_label("Find a span there").focus();
    h.get_by_label("Find a span there").type_text("ignorant view of Islam.'");
    h.run();
    h.get_by_label_contains("'ignorant view of Islam.'").click();
    h.run();
    // Checked (ClaimReview reviews claims with a verdict).
    h.get_all_by_role_and_label(egui::accesskit::Role::ComboBox, "Verdict").last().unwrap().click();
    h.run();
    h.get_all_by_label("Supported").find(|n| n.accesskit_node().role() != egui::accesskit::Role::Label).unwrap().click();
    h.run();
    h.get_all_by_label("Save claim").next().unwrap().click();
    h.run();

    // One undoable step made the span in USA Today's article and both links.
    let shown = &h.state().session.project;
    let links = shown.document(&huff).unwrap().claim(&huff_claim).unwrap().links.clone();
    assert_eq!(links.len(), 2, "{}", h.state().status);
    let span_of = |target: &LinkTarget| match target {
        LinkTarget::Span { document, annotation } => {
            assert_eq!(document, &usa);
            shown.document(&usa).unwrap().annotation(annotation).unwrap().quote.exact.clone()
        }
        LinkTarget::Claim { .. } => panic!("a span, not a claim: {target:?}"),
    };
    assert_eq!((links[0].kind, span_of(&links[0].target).as_str()), (LinkKind::Origin, words));
    assert_eq!((links[1].kind, span_of(&links[1].target).as_str()), (LinkKind::Repeats, "'ignorant view of Islam.'"));
    let spans = shown.document(&usa).unwrap().annotations.len();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let undone = &h.state().session.project;
    assert!(undone.document(&huff).unwrap().claim(&huff_claim).unwrap().links.is_empty(), "undo takes both links");
    assert_eq!(undone.document(&usa).unwrap().annotations.len(), spans - 1, "and the new span");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();

    // Saved: the file says it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = claimlens::store::load(&path).unwrap().project;
    assert_eq!(saved.document(&huff).unwrap().claim(&huff_claim).unwrap().links, links);
    assert!(saved.document(&usa).unwrap().annotations.iter().any(|a| a.quote.exact == words), "the span is saved");

    // Every export says it.
    let reviews: serde_json::Value =
        serde_json::from_str(&export_in_window(&mut h, &path, "schema.org ClaimReview (JSON-LD)", "json")).unwrap();
    let review = reviews.as_array().unwrap().iter().find(|r| r["@id"].as_str().unwrap().ends_with(huff_claim.as_str())).unwrap();
    let item = &review["itemReviewed"];
    assert_eq!(item["appearance"].as_array().unwrap().len(), 3, "HuffPost's and the two spans in USA Today: {item:#}");
    assert_eq!(item["firstAppearance"]["publisher"]["name"], "USA Today", "the origin: {item:#}");
    assert_eq!(item["firstAppearance"]["datePublished"], "2016-05-11");

    let w3c: serde_json::Value =
        serde_json::from_str(&export_in_window(&mut h, &path, "W3C Web Annotation (JSON-LD)", "jsonld")).unwrap();
    let linking: Vec<&serde_json::Value> = w3c["first"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["id"].as_str().unwrap().starts_with("urn:claimlens:link:"))
        .collect();
    assert_eq!(linking.len(), 2);
    let body = &linking[0]["body"].as_array().unwrap()[0];
    assert_eq!(body["selector"][0]["exact"], words, "the origin link's body is the selected text: {:#}", linking[0]);
    assert!(linking[0]["body"].as_array().unwrap().iter().any(|b| b["value"] == "link=origin"));

    let csv = export_in_window(&mut h, &path, "CSV (spreadsheet)", "csv");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = reader.records().map(Result::unwrap).find(|r| &r[col("claim_id")] == huff_claim.as_str()).unwrap();
    assert!(row[col("origin")].starts_with("USA Today, 2016-05-11, “London's Muslim mayor"), "{row:?}");
    assert_eq!(row[col("appearances")].split(" | ").count(), 3, "{row:?}");

    let md = export_in_window(&mut h, &path, "Markdown report", "md");
    let story = md.lines().find(|l| l.starts_with("- Story: ")).expect("the story line");
    assert!(story.starts_with("- Story: First said on 2016-05-11 in “London's Muslim mayor"), "{story}");
    assert!(story.ends_with("reported by HuffPost on 2016-05-16."), "{story}");
}
