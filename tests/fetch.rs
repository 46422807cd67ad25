//! Articles from the web, from a server on 127.0.0.1 started by each test (never the internet):
//! `claimlens import URL` fetches, archives and records the response's date, `ETag` and
//! `Last-Modified`; redirects are followed; each failure (404, an image, too large, too slow,
//! nobody listening, a redirect loop) says what went wrong; `claimlens check-changes` finds a
//! silently edited paragraph and, with --apply, moves the annotations and keeps both versions.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::disallowed_methods, missing_docs)]

mod loopback;

use claimlens::anchor::{CharRange, TextIndex, slice_chars};
use claimlens::edit::Edit;
use claimlens::fetch::{FetchError, FetchOptions, PageKind, fetch, fetch_article};
use claimlens::model::origin::sha256_hex;
use claimlens::model::{Annotation, OriginKind, Project};
use claimlens::store::{self, Overwrite, archive};
use loopback::{Reply, Server};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

const EDITED_FROM: &str = "Several thousand DPRK troops have been deployed in Russia.";
const EDITED_TO: &str = "More than ten thousand DPRK troops have been deployed in Russia.";
const UNCHANGED: &str = "condemn in the strongest possible terms";

fn version_1() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/g7-dprk-troops-censor-net.html")).unwrap()
}

fn version_2() -> Vec<u8> {
    let page = String::from_utf8(version_1()).unwrap();
    assert!(page.contains(EDITED_FROM));
    page.replacen(EDITED_FROM, EDITED_TO, 1).into_bytes()
}

fn page_reply(body: Vec<u8>, etag: &str) -> Reply {
    Reply::html(body)
        .header("Date", "Tue, 05 Nov 2024 10:00:00 GMT")
        .header("ETag", etag)
        .header("Last-Modified", "Tue, 05 Nov 2024 08:12:31 GMT")
}

fn claimlens(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimlens")).args(args).output().expect("run claimlens")
}

fn import_url(url: &str, output: &Path) -> Output {
    claimlens(&["import".as_ref(), url.as_ref(), "-o".as_ref(), output.as_os_str()])
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn import_of_a_web_address_fetches_archives_and_records_the_response() {
    let server = Server::start();
    server.route("/news/g7", page_reply(version_1(), "\"v1\""));
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("p.claimlens.ron");
    let out = import_url(&server.url("/news/g7"), &output);
    assert!(out.status.success(), "{}", stderr(&out));
    let project = store::load(&output).unwrap().project;
    let doc = &project.documents[0];
    assert_eq!(doc.title, "G7 and partners 'seriously concerned' about North Korean troops in Russia");
    assert_eq!(doc.outlet.as_deref(), Some("Censor.NET"));
    assert!(doc.text.contains(EDITED_FROM) && !doc.text.contains("We use cookies"), "{}", doc.text);
    let origin = doc.origin.as_ref().unwrap();
    assert_eq!(origin.kind, OriginKind::Html);
    assert_eq!(origin.url.as_deref(), Some(server.url("/news/g7").as_str()));
    assert_eq!(origin.etag.as_deref(), Some("\"v1\""));
    assert_eq!(origin.retrieved.unwrap().to_rfc3339(), "2024-11-05T10:00:00+00:00", "the response's date");
    assert_eq!(origin.last_modified.unwrap().to_rfc3339(), "2024-11-05T08:12:31+00:00");
    assert_eq!(origin.sha256.as_deref(), Some(sha256_hex(&version_1()).as_str()));
    assert_eq!(archive::read_page(&output, doc).unwrap(), Some(version_1()), "the page as sent is archived");
}

#[test]
fn a_redirect_is_followed_and_the_final_address_recorded() {
    let server = Server::start();
    server.route("/old", Reply::redirect(&server.url("/new")));
    server.route("/new", page_reply(version_1(), "\"v1\""));
    let input = fetch_article(&server.url("/old"), &FetchOptions::default()).unwrap();
    assert_eq!(input.origin.unwrap().url.as_deref(), Some(server.url("/new").as_str()));
    assert_eq!(*server.hits.lock().unwrap(), ["/old", "/new"]);
}

#[test]
fn a_text_page_imports_as_text_and_its_header_charset_is_used() {
    let server = Server::start();
    let mut body = b"Headline\n\nThe minister said ".to_vec();
    body.extend_from_slice(&[0x63, 0x61, 0x66, 0xe9]); // "café" in ISO-8859-1
    server.route("/a.txt", Reply::new(200, "text/plain; charset=iso-8859-1", body));
    let page = fetch(&server.url("/a.txt"), &FetchOptions::default()).unwrap();
    assert_eq!(page.kind, PageKind::Text);
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("p.claimlens.ron");
    let out = import_url(&server.url("/a.txt"), &output);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = &store::load(&output).unwrap().project.documents[0];
    assert_eq!(doc.text, "Headline\n\nThe minister said café");
    assert_eq!(doc.origin.as_ref().map(|o| o.kind), Some(OriginKind::Text));
}

fn fetch_error(server: &Server, path: &str, options: &FetchOptions) -> FetchError {
    fetch(&server.url(path), options).unwrap_err()
}

#[test]
fn each_failure_says_what_went_wrong() {
    let server = Server::start();
    server.route("/png", Reply::new(200, "image/png", vec![0x89, b'P', b'N', b'G']));
    server.route("/big", Reply::html(vec![b'a'; 4096]));
    server.route("/slow", Reply::hang());
    server.route("/loop", Reply::redirect(&server.url("/loop")));
    server.route("/empty", Reply::html(b"  \n".to_vec()));
    let options = FetchOptions::default();
    let url = |p: &str| server.url(p);

    let e = fetch_error(&server, "/missing", &options);
    assert_eq!(e.to_string(), format!("{}: the server answered 404 (page not found)", url("/missing")));
    let e = fetch_error(&server, "/png", &options);
    assert_eq!(
        e.to_string(),
        format!("{}: the server sent image/png, not a web page (claimlens reads HTML and plain-text pages)", url("/png"))
    );
    let small = FetchOptions { max_bytes: 1024 * 1024 / 512, ..FetchOptions::default() };
    let e = fetch_error(&server, "/big", &small);
    assert!(matches!(e, FetchError::TooLarge { .. }), "{e}");
    assert!(e.to_string().contains("the page is larger than"), "{e}");
    let quick = FetchOptions { timeout: Duration::from_millis(300), ..FetchOptions::default() };
    let e = fetch_error(&server, "/slow", &quick);
    assert!(matches!(e, FetchError::Timeout { .. }), "{e:?}");
    assert!(e.to_string().contains("(timed out)"), "{e}");
    let e = fetch_error(&server, "/loop", &FetchOptions { max_redirects: 3, ..FetchOptions::default() });
    assert!(e.to_string().contains("redirected more than 3 times"), "{e}");
    let e = fetch_error(&server, "/empty", &options);
    assert!(e.to_string().ends_with("the server sent an empty page"), "{e}");

    // Nobody listening: a port that was free a moment ago.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let e = fetch(&format!("http://{closed}/"), &options).unwrap_err();
    assert!(e.to_string().contains("could not connect to the server"), "{e:?}");
}

#[test]
fn the_command_line_reports_a_failed_fetch_and_writes_nothing() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("p.claimlens.ron");
    let out = import_url(&server.url("/gone"), &output);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("the server answered 404 (page not found)"), "{}", stderr(&out));
    assert!(!output.exists());
}

/// A project imported from version 1 of the page, with an annotation on the sentence that will
/// be edited and one on a sentence that stays.
fn project_on_version_1(server: &Server, dir: &Path) -> PathBuf {
    server.route("/news/g7", page_reply(version_1(), "\"v1\""));
    let output = dir.join("p.claimlens.ron");
    let out = import_url(&server.url("/news/g7"), &output);
    assert!(out.status.success(), "{}", stderr(&out));
    let loaded = store::load(&output).unwrap();
    let mut project: Project = loaded.project;
    let doc = &project.documents[0];
    let index = TextIndex::new(&doc.text);
    let chars_at = |needle: &str| {
        let byte = doc.text.find(needle).unwrap();
        let start = index.char_of(byte);
        CharRange::new(start, start + needle.chars().count())
    };
    let edited = Annotation::new(&index, "Claim", vec![chars_at("DPRK troops have been deployed in Russia")], "t");
    let kept = Annotation::new(&index, "Claim", vec![chars_at(UNCHANGED)], "t");
    let id = doc.id.clone();
    for annotation in [edited, kept] {
        Edit::InsertAnnotation { doc: id.clone(), index: None, annotation }.apply(&mut project).unwrap();
    }
    store::save(&output, &project, Some(&loaded.fingerprint), Overwrite::IfUnchanged).unwrap();
    output
}

#[test]
fn check_changes_finds_a_silent_edit_and_apply_moves_the_annotations_keeping_both_versions() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let path = project_on_version_1(&server, dir.path());
    let check = |apply: bool| {
        let mut args: Vec<&std::ffi::OsStr> = vec!["check-changes".as_ref(), path.as_os_str()];
        if apply {
            args.push("--apply".as_ref());
        }
        claimlens(&args)
    };

    let out = check(false);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().filter(|l| l.contains("changed:")).count(), 0, "{}", stdout(&out));

    server.route("/news/g7", page_reply(version_2(), "\"v2\""));
    let before = std::fs::read(&path).unwrap();
    let out = check(false);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    let changed: Vec<&str> = report.lines().filter(|l| l.contains("changed:")).collect();
    assert_eq!(changed.len(), 1, "{report}");
    assert!(changed[0].contains("1 paragraph changed, 0 added, 0 removed; 3 words added, 1 removed"), "{report}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "without --apply the project is not touched");

    let out = check(true);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("updated: 2 annotations"), "{}", stdout(&out));
    let project = store::load(&path).unwrap().project;
    let doc = &project.documents[0];
    assert!(doc.text.contains(EDITED_TO) && !doc.text.contains(EDITED_FROM));
    for (annotation, quote) in doc.annotations.iter().zip(["DPRK troops have been deployed in Russia", UNCHANGED]) {
        assert_eq!(slice_chars(&doc.text, annotation.ranges[0]), quote, "moved with its text");
    }
    let origin = doc.origin.as_ref().unwrap();
    assert_eq!(origin.etag.as_deref(), Some("\"v2\""));
    assert_eq!(origin.sha256.as_deref(), Some(sha256_hex(&version_2()).as_str()));
    let [old] = origin.versions.as_slice() else { panic!("one earlier version: {:?}", origin.versions) };
    assert_eq!(old.sha256.as_deref(), Some(sha256_hex(&version_1()).as_str()));
    assert_eq!(old.etag.as_deref(), Some("\"v1\""));
    assert_eq!(old.retrieved.unwrap().to_rfc3339(), "2024-11-05T10:00:00+00:00");
    assert!(origin.was_edited());
    assert!(archive::version_path(&path, old).unwrap().is_file(), "the old page stays archived");
    assert_eq!(archive::read_page(&path, doc).unwrap(), Some(version_2()), "the new page is archived");

    let out = check(false);
    assert!(!stdout(&out).contains("changed:"), "up to date now: {}", stdout(&out));
}
