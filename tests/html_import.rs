//! Web-page import: the 60 dev pages of the article-extraction benchmark
//! (`../shared/data/web-articles/dev`) extract with F1 at least 0.97 under the benchmark's
//! metric, and a saved Censor.NET page of the reference article extracts to exactly its
//! paragraphs, title, outlet and date.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use chrono::NaiveDate;
use claimlens::formats::html::score::{page_counts, score};
use claimlens::formats::html::{self, HtmlError, ParagraphKind};
use claimlens::formats::text::import_text;
use std::path::{Path, PathBuf};

fn crate_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[test]
fn dev_pages_extract_with_f1_at_least_0_97() {
    let dev = crate_path("../shared/data/web-articles/dev");
    let truth: serde_json::Value = serde_json::from_slice(&std::fs::read(dev.join("ground-truth.json")).unwrap()).unwrap();
    let truth = truth.as_object().unwrap();
    assert_eq!(truth.len(), 60);
    let mut pages = Vec::new();
    for (name, entry) in truth {
        let bytes = std::fs::read(dev.join("html").join(format!("{name}.html"))).unwrap();
        let url = entry["url"].as_str();
        let predicted = html::extract(&bytes, url).map(|a| a.text()).unwrap_or_default();
        pages.push(page_counts(entry["articleBody"].as_str().unwrap_or(""), &predicted));
    }
    let s = score(&pages);
    eprintln!("dev: precision {:.4} recall {:.4} F1 {:.4}", s.precision, s.recall, s.f1);
    assert!(s.f1 >= 0.97, "dev F1 {:.4} below 0.97 (P {:.4}, R {:.4})", s.f1, s.precision, s.recall);
}

fn reference_page() -> html::ExtractedArticle {
    let bytes = std::fs::read(crate_path("tests/fixtures/html/g7-dprk-troops-censor-net.html")).unwrap();
    html::extract(&bytes, None).unwrap()
}

#[test]
fn reference_page_gives_exactly_the_article_and_its_metadata() {
    let article = reference_page();
    let raw = std::fs::read_to_string(crate_path("../shared/data/articles/g7-dprk-troops-censor-net.txt")).unwrap();
    let from_text = import_text(&raw, "g7");
    let want: Vec<&str> = from_text.text.split("\n\n").collect();
    let got: Vec<&str> = article.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(got, want);
    assert_eq!(article.text(), from_text.text, "the same document text as importing the .txt");
    assert_eq!(article.title, "G7 and partners 'seriously concerned' about North Korean troops in Russia");
    assert_eq!(article.outlet.as_deref(), Some("Censor.NET"));
    assert_eq!(article.published, NaiveDate::from_ymd_opt(2024, 11, 5));
    assert_eq!(article.canonical_url.as_deref(), Some("https://censor.net/en/news/3519034/g7_dprk_troops"));
    assert_eq!(article.language.as_deref(), Some("en"));
    assert_eq!(article.encoding, "UTF-8");
}

#[test]
fn reference_page_marks_the_read_more_line_and_the_heading() {
    let article = reference_page();
    let links: Vec<&str> = article.paragraphs_of(ParagraphKind::LinkLine).map(|p| p.text.as_str()).collect();
    assert_eq!(
        links,
        ["Read more: Klitschko in presence of G7 ambassadors says law enforcement is putting pressure on local authorities"]
    );
    let headings: Vec<&str> = article.paragraphs_of(ParagraphKind::Heading).map(|p| p.text.as_str()).collect();
    assert_eq!(headings, ["Participation of DPRK troops in Russia's war against Ukraine"]);
    let doc = html::to_document(&article, "g7");
    assert_eq!(doc.outlet.as_deref(), Some("Censor.NET"));
    assert_eq!(doc.published, NaiveDate::from_ymd_opt(2024, 11, 5));
    assert_eq!(doc.title, article.title);
}

#[test]
fn a_windows_1251_page_reads_as_cyrillic_with_lists_and_quotes_as_paragraphs() {
    let page = "<html lang=\"ru\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\
        <title>Новости города - Вестник</title></head><body><nav><a href=\"/\">Главная</a> <a href=\"/n\">Новости</a></nav>\
        <article><h1>Новости города</h1>\
        <p>Городской совет в понедельник обсудил план ремонта библиотеки и утвердил смету на следующий год.</p>\
        <p>Работы начнутся весной и продлятся до конца лета, сообщили в администрации.</p>\
        <ul><li>замена окон в читальном зале;</li><li>новая система отопления.</li></ul>\
        <blockquote><p>Библиотека останется открытой во время ремонта.</p></blockquote>\
        <p>Жители могут задать вопросы на встрече в четверг вечером в здании совета.</p></article>\
        <footer>© Вестник</footer></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(page);
    let article = html::extract(&bytes, Some("https://vestnik.example/news/1")).unwrap();
    assert_eq!(article.encoding, "windows-1251");
    assert_eq!(article.title, "Новости города");
    assert_eq!(article.outlet.as_deref(), Some("vestnik.example"));
    let kinds: Vec<(ParagraphKind, &str)> = article.paragraphs.iter().map(|p| (p.kind, p.text.as_str())).collect();
    assert!(kinds.contains(&(ParagraphKind::ListItem, "замена окон в читальном зале;")), "{kinds:?}");
    assert!(kinds.contains(&(ParagraphKind::BlockQuote, "Библиотека останется открытой во время ремонта.")), "{kinds:?}");
    assert!(!article.text().contains("Главная"), "navigation is not article text");
}

#[test]
fn an_empty_page_is_refused() {
    assert_eq!(html::extract(b"  \n", None), Err(HtmlError::Empty));
}

/// The archived page goes out with an export when asked: into brat's folder beside the
/// document's files, and into `NAME-originals/` beside an export file; byte for byte the page.
#[test]
fn export_with_originals_writes_the_archived_page_beside_the_export() {
    let dir = std::env::temp_dir().join(format!("claimlens-originals-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = crate_path("tests/fixtures/html/g7-dprk-troops-censor-net.html");
    let project = dir.join("p.claimlens.ron");
    let run = |args: &[&std::ffi::OsStr]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_claimlens")).args(args).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    run(&["import".as_ref(), page.as_os_str(), "-o".as_ref(), project.as_os_str()]);
    let original = std::fs::read(&page).unwrap();

    let brat = dir.join("brat");
    let said = run(&[
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "brat".as_ref(),
        "-o".as_ref(),
        brat.as_os_str(),
        "--with-originals".as_ref(),
    ]);
    assert!(said.contains("wrote 1 original page"), "{said}");
    assert_eq!(std::fs::read(brat.join("g7-dprk-troops-censor-net.html")).unwrap(), original, "beside its .txt and .ann");
    assert!(brat.join("g7-dprk-troops-censor-net.txt").is_file());

    let csv = dir.join("claims.csv");
    run(&["export".as_ref(), project.as_os_str(), "-o".as_ref(), csv.as_os_str(), "--with-originals".as_ref()]);
    assert_eq!(std::fs::read(dir.join("claims-originals/g7-dprk-troops-censor-net.html")).unwrap(), original);

    // Without -o there is nowhere to put the pages: said, nothing written.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .args(["export".as_ref(), project.as_os_str(), "--with-originals".as_ref()])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("give the export's file with -o"));
    std::fs::remove_dir_all(&dir).unwrap();
}
