//! Articles in through the window, the way a person does it (`egui_kittest`, headless), from a
//! server on 127.0.0.1 started by the test: File → Open Web Page… fetches on a background job;
//! Document → Check for Changes shows a silent edit side by side and updates with the old
//! version kept, marked in the Timeline; Edit → Paste as New Article (Ctrl+Shift+V) takes the
//! clipboard's HTML or text and opens its details; Document → Open Original hands the archived
//! page to the browser; a missing archive is a warning when the project opens. Each flow ends
//! with Save and the file read back.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

#[path = "common/window.rs"]
mod window_harness;

mod loopback;

use claimlens::anchor::{CharRange, TextIndex, slice_chars};
use claimlens::edit::Edit;
use claimlens::fetch::{FetchOptions, fetch_article};
use claimlens::model::{Annotation, OriginKind};
use claimlens::store::{self, Overwrite};
use claimlens::ui::ClaimlensApp;
use claimlens::ui::settings::ThemeChoice;
use claimlens::ui::sources::{Browser, ClipboardContent, ClipboardSource};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use loopback::{Reply, Server};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use window_harness::*;

const EDITED_FROM: &str = "Several thousand DPRK troops have been deployed in Russia.";
const EDITED_TO: &str = "More than ten thousand DPRK troops have been deployed in Russia.";

fn crate_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn version_1() -> Vec<u8> {
    std::fs::read(crate_path("tests/fixtures/html/g7-dprk-troops-censor-net.html")).unwrap()
}

fn version_2() -> Vec<u8> {
    String::from_utf8(version_1()).unwrap().replacen(EDITED_FROM, EDITED_TO, 1).into_bytes()
}

/// Steps the window (no sleeping) until `done` holds; a fetch runs on another thread meanwhile.
fn wait_until(h: &mut Harness<'_, ClaimlensApp>, what: &str, done: impl Fn(&ClaimlensApp) -> bool) {
    for _ in 0..50_000 {
        if done(h.state()) {
            h.run();
            return;
        }
        h.step();
        std::thread::yield_now();
    }
    panic!("still waiting for {what}; status: {}", h.state().status);
}

fn menu_item(h: &mut Harness<'_, ClaimlensApp>, menu: &str, item: &str) {
    h.get_by_label(menu).click();
    h.run();
    h.get_by_label_contains(item).click();
    // A fetch may have started: its spinner keeps the window painting.
    h.run_steps(4);
}

fn save_and_reload(h: &mut Harness<'_, ClaimlensApp>) -> claimlens::model::Project {
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let path = h.state().session.path.clone().expect("saved to a file");
    assert!(!h.state().session.is_dirty(), "saved: {}", h.state().status);
    store::load(&path).unwrap().project
}

#[test]
fn open_web_page_fetches_on_a_job_and_adds_the_article_with_its_archived_page() {
    let server = Server::start();
    server.route("/news/g7", Reply::html(version_1()).header("ETag", "\"v1\""));
    let path = sample_copy("web-page");
    let mut h = harness(app_on(&path));
    let before = h.state().session.project.documents.len();

    menu_item(&mut h, "File", "Open Web Page…");
    h.get_by_label("Web address").type_text(&server.url("/missing"));
    h.run();
    h.get_by_label("Open").click();
    h.run_steps(2);
    wait_until(&mut h, "the 404", |app| app.sources.web_job.is_none());
    h.get_by_label_contains("the server answered 404 (page not found)");
    assert_eq!(h.state().session.project.documents.len(), before, "nothing added");

    h.get_by_label("Web address").focus();
    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    h.get_by_label("Web address").type_text(&server.url("/news/g7"));
    h.run();
    h.key_press(Key::Enter);
    h.run_steps(2);
    wait_until(&mut h, "the page", |app| app.sources.web_job.is_none());
    assert!(h.query_by_label("Web address").is_none(), "the dialog closed: {}", h.state().status);
    let doc = doc(&h);
    assert_eq!(doc.title, "G7 and partners 'seriously concerned' about North Korean troops in Russia");
    assert_eq!(h.state().session.project.documents.len(), before + 1);

    let saved = save_and_reload(&mut h);
    let doc = saved.documents.last().unwrap();
    let origin = doc.origin.as_ref().unwrap();
    assert_eq!(origin.url.as_deref(), Some(server.url("/news/g7").as_str()));
    assert_eq!(origin.etag.as_deref(), Some("\"v1\""));
    assert_eq!(store::archive::read_page(&path, doc).unwrap(), Some(version_1()), "the page is archived on Save");
}

/// A project with one document fetched from the server's version 1, and an annotation on
/// the sentence that will be edited.
fn project_from_server(server: &Server, name: &str) -> PathBuf {
    server.route("/news/g7", Reply::html(version_1()).header("ETag", "\"v1\""));
    let input = fetch_article(&server.url("/news/g7"), &FetchOptions::default()).unwrap();
    let (mut project, _) = claimlens::ops::import::new_project_from("g7", &[input]).unwrap();
    let doc = &project.documents[0];
    let index = TextIndex::new(&doc.text);
    let start = index.char_of(doc.text.find("DPRK troops have been deployed").unwrap());
    let range = CharRange::new(start, start + "DPRK troops have been deployed".len());
    let annotation = Annotation::new(&index, "Claim", vec![range], "tester");
    Edit::InsertAnnotation { doc: doc.id.clone(), index: None, annotation }.apply(&mut project).unwrap();
    let path = temp_dir(name).join("g7.claimlens.ron");
    store::save(&path, &project, None, Overwrite::Force).unwrap();
    path
}

#[test]
fn check_for_changes_shows_the_edit_side_by_side_and_updates_keeping_the_old_version() {
    let server = Server::start();
    let path = project_from_server(&server, "check-changes");
    let mut h = harness(app_on(&path));
    menu_item(&mut h, "Document", "Check for Changes");
    wait_until(&mut h, "the first check", |app| app.sources.check_job.is_none());
    h.get_by_label_contains("No changes");
    h.get_by_label("Close").click();
    h.run();

    server.route("/news/g7", Reply::html(version_2()).header("ETag", "\"v2\""));
    menu_item(&mut h, "Document", "Check for Changes");
    wait_until(&mut h, "the second check", |app| app.sources.check_job.is_none());
    h.get_by_label_contains("1 paragraph changed, 0 added, 0 removed; 3 words added, 1 removed");
    h.get_by_label("Before");
    // The old sentence in the article and in the Before column; the new one only in the Now column.
    assert_eq!(h.query_all_by_label_contains(EDITED_FROM).count(), 2);
    h.get_by_label_contains(EDITED_TO);
    h.get_by_label("Update to the new version").click();
    h.run();
    assert!(h.query_by_label("Check for Changes").is_none(), "the dialog closed");
    let doc = doc(&h);
    assert!(doc.text.contains(EDITED_TO));
    assert_eq!(slice_chars(&doc.text, doc.annotations[0].ranges[0]), "DPRK troops have been deployed", "moved with its text");

    h.get_by_label("Timeline").click();
    h.run();
    h.get_by_label("Edited after publication");

    let saved = save_and_reload(&mut h);
    let origin = saved.documents[0].origin.as_ref().unwrap();
    assert_eq!(origin.versions.len(), 1, "the old version is listed");
    assert_eq!(origin.versions[0].etag.as_deref(), Some("\"v1\""));
    assert_eq!(origin.etag.as_deref(), Some("\"v2\""));
    let old_page = store::archive::version_path(&path, &origin.versions[0]).unwrap();
    assert!(old_page.is_file() && store::archive::read_page(&path, &saved.documents[0]).unwrap() == Some(version_2()));
}

#[test]
fn a_document_without_an_address_is_compared_with_a_newer_saved_page() {
    let mut app = ClaimlensApp::new(settings(ThemeChoice::Light));
    app.import_into_new(&crate_path("assets/g7-dprk-troops-censor-net.txt"));
    let mut h = harness(app);
    menu_item(&mut h, "Document", "Check for Changes");
    h.get_by_label_contains("no web address");
    let dir = temp_dir("saved-page");
    let page = dir.join("g7-later.html");
    std::fs::write(&page, version_2()).unwrap();
    h.get_by_label("Compare with a saved page…").click();
    h.run();
    h.get_by_label("Path").focus();
    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    h.get_by_label("Path").type_text(&page.display().to_string());
    h.run();
    h.get_by_label("Compare").click();
    h.run();
    h.get_by_label_contains("3 words added, 1 removed");
    h.get_by_label("Update to the new version").click();
    h.run();
    assert!(doc(&h).text.contains(EDITED_TO));
    assert_eq!(doc(&h).origin.as_ref().map(|o| o.versions.len()), Some(1));
    assert_eq!(h.state().session.history.undo_description(), Some("Update to the newer version"));
    // One undo step puts the old text and origin back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(doc(&h).text.contains(EDITED_FROM) && !doc(&h).text.contains(EDITED_TO));
    assert_eq!(doc(&h).origin.as_ref().map(|o| (o.kind, o.versions.len())), Some((OriginKind::Text, 0)));
}

struct FixedClipboard(ClipboardContent);

impl ClipboardSource for FixedClipboard {
    fn read(&mut self) -> Result<ClipboardContent, String> {
        Ok(self.0.clone())
    }
}

#[test]
fn paste_as_new_article_takes_the_html_flavour_and_opens_its_details() {
    let path = sample_copy("paste");
    let mut app = app_on(&path);
    let page = String::from_utf8(version_1()).unwrap();
    app.sources.clipboard = Box::new(FixedClipboard(ClipboardContent { html: Some(page), text: Some("nav text".into()) }));
    let mut h = harness(app);
    let before = h.state().session.project.documents.len();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::V);
    h.run();
    assert_eq!(h.state().session.project.documents.len(), before + 1, "{}", h.state().status);
    assert!(doc(&h).text.starts_with("The foreign ministers of the Group of Seven"), "{}", doc(&h).text);
    h.get_by_label("Document details");
    h.get_by_label("Title").focus();
    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    h.get_by_label("Title").type_text("G7 on DPRK troops (pasted)");
    h.run();
    // The page's own metadata fills the rest in (the outlet is kept below); the user corrects the date.
    h.get_by_label("Published").focus();
    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    h.get_by_label("Published").type_text("2024-11-06");
    h.run();
    h.get_by_label("Save details").click();
    h.run();
    assert!(h.query_by_label("Document details").is_none(), "the details were taken");

    let saved = save_and_reload(&mut h);
    let doc = saved.documents.last().unwrap();
    assert_eq!(doc.title, "G7 on DPRK troops (pasted)");
    assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2024, 11, 6));
    assert_eq!(doc.outlet.as_deref(), Some("Censor.NET"), "the page's outlet, kept through the details editor");
    assert_eq!(doc.origin.as_ref().map(|o| o.kind), Some(OriginKind::Clipboard));
    assert!(!doc.text.contains("nav text") && !doc.text.contains("cookies"));
}

#[test]
fn paste_from_the_edit_menu_takes_plain_text() {
    let mut app = ClaimlensApp::new(settings(ThemeChoice::Light));
    let text = "Minister resigns\n\nThe minister resigned on Monday, officials said.";
    app.sources.clipboard = Box::new(FixedClipboard(ClipboardContent { html: None, text: Some(text.into()) }));
    let mut h = harness(app);
    menu_item(&mut h, "Edit", "Paste as New Article");
    assert_eq!(doc(&h).text, text);
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Article details").is_none());
}

#[derive(Clone, Default)]
struct RecordingBrowser(Arc<Mutex<Vec<PathBuf>>>);

impl Browser for RecordingBrowser {
    fn open(&mut self, path: &Path) -> Result<(), String> {
        self.0.lock().unwrap().push(path.to_owned());
        Ok(())
    }
}

#[test]
fn open_original_hands_the_archived_page_to_the_browser_and_a_missing_one_is_a_warning() {
    let server = Server::start();
    let path = project_from_server(&server, "open-original");
    let browser = RecordingBrowser::default();
    let mut app = app_on(&path);
    app.sources.browser = Box::new(browser.clone());
    let mut h = harness(app);
    h.get_by_label("Document").click();
    h.run();
    h.get_by_label_contains("Open Original").click();
    h.step();
    assert!(browser.0.lock().unwrap().is_empty(), "the page is copied for the browser on another thread");
    assert!(h.state().is_working());
    h.run();
    let opened = browser.0.lock().unwrap().clone();
    let [page] = opened.as_slice() else { panic!("one page opened: {opened:?}") };
    assert_eq!(std::fs::read(page).unwrap(), version_1(), "the page as fetched");
    assert!(page.extension().is_some_and(|e| e == "html"));

    std::fs::remove_dir_all(store::archive::pages_dir(&path)).unwrap();
    let h = harness(app_on(&path));
    h.get_by_label("Archived originals missing");
    assert!(h.query_all_by_label_contains("is missing").next().is_some());
    assert!(h.state().session.document().is_some(), "the project is open all the same");
}

#[test]
fn a_slow_page_never_blocks_the_window_and_cancel_stops_waiting() {
    let server = Server::start();
    server.route("/slow", Reply::hang());
    let path = sample_copy("slow-page");
    let mut h = harness(app_on(&path));
    let before = h.state().session.project.documents.len();
    menu_item(&mut h, "File", "Open Web Page…");
    h.get_by_label("Web address").type_text(&server.url("/slow"));
    h.run();
    h.get_by_label("Open").click();
    // The window keeps painting while the server says nothing: the fetch is on another thread.
    h.run_steps(3);
    h.get_by_label_contains("Fetching http://127.0.0.1");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.query_by_label("Web address").is_none(), "the dialog closed");
    assert!(h.state().sources.web_job.is_none());
    assert_eq!(h.state().session.project.documents.len(), before);
}

#[test]
fn claimlens_with_a_web_address_opens_the_window_fetching_it() {
    let server = Server::start();
    server.route("/news/g7", Reply::html(version_1()));
    let url = server.url("/news/g7");
    let app = ClaimlensApp::start(settings(ThemeChoice::Light), Some(Path::new(&url)), None);
    let mut h = window(app);
    h.run_steps(2);
    wait_until(&mut h, "the page", |app| app.sources.web_job.is_none());
    assert_eq!(doc(&h).title, "G7 and partners 'seriously concerned' about North Korean troops in Russia");
    assert_eq!(doc(&h).origin.as_ref().and_then(|o| o.url.as_deref()), Some(url.as_str()));
}

#[test]
fn the_export_dialog_includes_the_original_pages_when_asked() {
    let server = Server::start();
    let path = project_from_server(&server, "export-originals");
    let mut h = harness(app_on(&path));
    window_harness::file_menu_item(&mut h, "Export…");
    h.get_by_label("Include the original pages").click();
    h.run();
    let csv = path.with_file_name("claims.csv");
    let field = || egui::accesskit::Role::TextInput;
    h.get_by_role_and_label(field(), "File").focus();
    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    h.get_by_role_and_label(field(), "File").type_text(&csv.display().to_string());
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Export").click();
    h.run();
    let dir = path.with_file_name("claims-originals");
    let pages: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    let [page] = pages.as_slice() else { panic!("one original beside the export: {pages:?}") };
    assert_eq!(std::fs::read(page).unwrap(), version_1(), "the page as fetched");
    assert!(std::fs::read_to_string(&csv).unwrap().contains("claim_id"), "and the export itself");
}
