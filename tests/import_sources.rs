//! Articles in from every kind of file, through the real binary: a saved web page gives exactly
//! its article with title, outlet and date; a PDF imports; other types are refused with the
//! list of what claimlens reads; brat exports name each document after its file; the original
//! page is archived beside the project, survives moving the folder, and its absence is only a
//! warning.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::disallowed_methods, missing_docs)]

use chrono::NaiveDate;
use claimlens::formats::text::import_text;
use claimlens::model::{OriginKind, ParagraphKind, Project};
use claimlens::store::{self, archive};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn crate_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn page_fixture() -> PathBuf {
    crate_path("tests/fixtures/html/g7-dprk-troops-censor-net.html")
}

fn claimlens(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimlens")).args(args).output().expect("run claimlens")
}

fn import(files: &[&Path], output: &Path) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec!["import".as_ref()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    args.extend(["-o".as_ref(), output.as_os_str()]);
    claimlens(&args)
}

fn imported(files: &[&Path], output: &Path) -> Project {
    let out = import(files, output);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    store::load(output).unwrap().project
}

#[test]
fn cli_import_of_a_saved_page_gives_exactly_its_article_title_outlet_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let project = imported(&[&page_fixture()], &dir.path().join("p.claimlens.ron"));
    let doc = &project.documents[0];
    let raw = std::fs::read_to_string(crate_path("../shared/data/articles/g7-dprk-troops-censor-net.txt")).unwrap();
    let want = import_text(&raw, "g7").text;
    assert_eq!(doc.text.split("\n\n").collect::<Vec<_>>(), want.split("\n\n").collect::<Vec<_>>());
    assert_eq!(doc.title, "G7 and partners 'seriously concerned' about North Korean troops in Russia");
    assert_eq!(doc.outlet.as_deref(), Some("Censor.NET"));
    assert_eq!(doc.published, NaiveDate::from_ymd_opt(2024, 11, 5));
    assert_eq!(doc.url.as_deref(), Some("https://censor.net/en/news/3519034/g7_dprk_troops"));
    let origin = doc.origin.as_ref().expect("the origin is recorded");
    assert_eq!(origin.kind, OriginKind::Html);
    assert_eq!(origin.file_name.as_deref(), Some("g7-dprk-troops-censor-net.html"));
    assert_eq!(origin.language.as_deref(), Some("en"));
    let chars: Vec<char> = doc.text.chars().collect();
    let links: Vec<String> = origin.ranges_of(ParagraphKind::LinkLine).map(|r| chars[r.start..r.end].iter().collect()).collect();
    assert_eq!(
        links,
        ["Read more: Klitschko in presence of G7 ambassadors says law enforcement is putting pressure on local authorities"]
    );
}

/// Three real news pages into one project: each with its outlet, date and the names of its
/// byline (from a new user's walk: the New York Times page had no date, the bylines came raw),
/// and the project called what its file is.
#[test]
fn pages_of_three_news_sites_give_their_outlet_date_and_byline_names() {
    let page = |name: &str| crate_path(&format!("../shared/data/web-articles/dev/html/{name}.html"));
    let (nyt, cnn, ap) = (page("702d1da63b8e064c"), page("ef4e67b66d63b5fa"), page("a6968f427cdb7865"));
    let dir = tempfile::tempdir().unwrap();
    let project = imported(&[&nyt, &cnn, &ap], &dir.path().join("trade and health.claimlens.ron"));
    assert_eq!(project.title, "trade and health");
    let meta: Vec<(Option<&str>, Option<NaiveDate>, Option<&str>)> =
        project.documents.iter().map(|d| (d.outlet.as_deref(), d.published, d.author.as_deref())).collect();
    let day = |d| NaiveDate::from_ymd_opt(2019, 11, d);
    assert_eq!(
        meta,
        [
            (Some("The New York Times"), day(18), Some("Ana Swanson")),
            (Some("CNN"), day(18), Some("Chris Cillizza")),
            (Some("Connecticut Post"), day(20), Some("Meg Kinnard and Errin Haines")),
        ]
    );
}

#[test]
fn a_pdf_imports_as_its_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = crate_path("tests/fixtures/pdf/river-survey.pdf");
    let project = imported(&[&pdf], &dir.path().join("p.claimlens.ron"));
    let doc = &project.documents[0];
    let source = std::fs::read_to_string(crate_path("tests/fixtures/pdf/river-survey.txt")).unwrap();
    let want: Vec<&str> = source.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    assert_eq!(doc.text.split("\n\n").collect::<Vec<_>>(), want);
    assert_eq!(doc.title, want[0]);
    assert_eq!(doc.origin.as_ref().map(|o| o.kind), Some(OriginKind::Pdf));
    assert!(archive::page_path(&dir.path().join("p.claimlens.ron"), doc.origin.as_ref().unwrap()).unwrap().is_file());
}

#[test]
fn an_unknown_file_type_is_refused_with_what_claimlens_reads() {
    let dir = tempfile::tempdir().unwrap();
    let xyz = dir.path().join("notes.xyz");
    std::fs::write(&xyz, "Alpha said so.").unwrap();
    let output = dir.path().join("p.claimlens.ron");
    let out = import(&[&xyz], &output);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("claimlens cannot read .xyz files: it reads .txt, .md, .html, .pdf, brat .txt+.ann"), "{stderr}");
    assert!(!output.exists());
    let err = claimlens::import::read_article(&xyz, None).unwrap_err();
    assert!(err.to_string().contains("cannot read .xyz files"), "{err}");
}

#[test]
fn brat_export_names_each_document_after_the_page_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let dev = crate_path("../shared/data/web-articles/dev/html/0dd1357045727799.html");
    let output = dir.path().join("p.claimlens.ron");
    let project = imported(&[&page_fixture(), &dev], &output);
    let brat = dir.path().join("brat");
    let out = claimlens(&[
        "export".as_ref(),
        output.as_os_str(),
        "--format".as_ref(),
        "brat".as_ref(),
        "-o".as_ref(),
        brat.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for (name, doc) in ["g7-dprk-troops-censor-net", "0dd1357045727799"].iter().zip(&project.documents) {
        assert_eq!(std::fs::read_to_string(brat.join(format!("{name}.txt"))).unwrap(), doc.text, "{name}");
        assert!(brat.join(format!("{name}.ann")).is_file());
    }
}

#[test]
fn the_original_page_is_archived_beside_the_project_and_moves_with_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("work");
    std::fs::create_dir(&folder).unwrap();
    let output = folder.join("p.claimlens.ron");
    let project = imported(&[&page_fixture()], &output);
    let original = std::fs::read(page_fixture()).unwrap();
    let ron = std::fs::read_to_string(&output).unwrap();
    assert!(!ron.contains("<html") && !ron.contains("<body"), "the page is never inside the RON");
    let origin = project.documents[0].origin.as_ref().unwrap();
    let sha = origin.sha256.as_deref().unwrap();
    let archived = folder.join("p.claimlens.pages").join(format!("{sha}.html.gz"));
    assert!(archived.is_file(), "{} missing", archived.display());
    assert!(std::fs::metadata(&archived).unwrap().len() < original.len() as u64, "compressed");
    assert!(origin.retrieved.is_some());

    let moved = dir.path().join("moved");
    std::fs::rename(&folder, &moved).unwrap();
    let moved_project = moved.join("p.claimlens.ron");
    let loaded = store::load(&moved_project).unwrap().project;
    assert_eq!(archive::read_page(&moved_project, &loaded.documents[0]).unwrap(), Some(original));
    assert!(archive::missing_pages(&moved_project, &loaded).is_empty());

    std::fs::remove_dir_all(moved.join("p.claimlens.pages")).unwrap();
    let loaded = store::load(&moved_project).expect("a missing archive does not stop the project from loading").project;
    assert_eq!(archive::read_page(&moved_project, &loaded.documents[0]).unwrap(), None);
    let warnings = archive::missing_pages(&moved_project, &loaded);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("is missing"), "{warnings:?}");
}

#[test]
fn a_damaged_archive_is_reported_not_returned() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("p.claimlens.ron");
    let project = imported(&[&page_fixture()], &output);
    let path = archive::page_path(&output, project.documents[0].origin.as_ref().unwrap()).unwrap();
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut encoder, b"<html>another page</html>").unwrap();
    std::fs::write(&path, encoder.finish().unwrap()).unwrap();
    let err = archive::read_page(&output, &project.documents[0]).unwrap_err();
    assert!(err.to_string().contains("does not match its SHA-256"), "{err}");
}

#[test]
fn an_old_project_without_origins_still_loads() {
    // A file of format version 2, saved before documents recorded where they came from (the
    // bundled sample records its import now).
    let old = std::fs::read_to_string(crate_path("tests/fixtures/v2.claimlens.ron")).unwrap();
    assert!(!old.contains("origin:"), "the fixture predates origins");
    let (project, _) = store::from_ron(&old, Path::new("v2.claimlens.ron")).unwrap();
    assert!(!project.documents.is_empty());
    assert!(project.documents.iter().all(|d| d.origin.is_none()));
}
