//! PDF import: two text PDFs from different producers (`fpdf2` and `LibreOffice`, made by
//! `tests/fixtures/pdf/make_pdfs.py` from the `.txt` beside them) extract to their source
//! text's paragraphs without running headers, footers or page numbers, with hyphenation undone;
//! a scan is refused.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::disallowed_methods, missing_docs)]

use claimlens::formats::html::ParagraphKind;
use claimlens::formats::html::score::page_counts;
use claimlens::formats::pdf::{self, PdfError};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf").join(name)
}

fn source_paragraphs(name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    text.split("\n\n").map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
}

fn check(pdf_name: &str, txt_name: &str, running_lines: &[&str]) {
    let article = pdf::extract(&std::fs::read(fixture(pdf_name)).unwrap()).unwrap();
    let want = source_paragraphs(txt_name);
    let text = article.text();
    let f1 = page_counts(&want.join("\n\n"), &text).f1();
    eprintln!("{pdf_name}: F1 {f1:.4} against its source, {} paragraphs", article.paragraphs.len());
    let got: Vec<&str> = article.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(got, want.iter().map(String::as_str).collect::<Vec<_>>());
    for line in running_lines {
        assert!(!text.contains(line), "{pdf_name}: running line {line:?} left in the text");
    }
    assert_eq!(article.title, want[0]);
    assert_eq!(article.paragraphs[0].kind, ParagraphKind::Heading);
}

#[test]
fn fpdf2_pdf_gives_its_source_paragraphs_without_header_footer_or_hyphens() {
    check("river-survey.pdf", "river-survey.txt", &["Spring Survey", "Page 1 of 3", "Page 2"]);
}

#[test]
fn libreoffice_pdf_gives_its_source_paragraphs_without_header_or_page_numbers() {
    check("community-kitchen.pdf", "community-kitchen.txt", &["Notes for Volunteers"]);
}

#[test]
fn a_scan_without_a_text_layer_is_refused_with_a_reason() {
    let err = pdf::extract(&std::fs::read(fixture("scan-no-text.pdf")).unwrap()).unwrap_err();
    assert_eq!(err, PdfError::NoTextLayer);
    assert_eq!(err.to_string(), "this PDF has no text layer (a scan?): claimlens cannot read it");
}

#[test]
fn a_file_that_is_not_a_pdf_is_refused() {
    assert!(matches!(pdf::extract(b"<html>not a pdf</html>"), Err(PdfError::Unreadable(_))));
    let mut damaged = std::fs::read(fixture("river-survey.pdf")).unwrap();
    damaged.truncate(damaged.len() / 3);
    assert!(pdf::extract(&damaged).is_err());
}
