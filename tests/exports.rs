//! Exports of the sample project: golden files for every format, CSV and JSON parsed back
//! and checked field by field, and round trips through W3C Web Annotation and brat.
//!
//! Regenerate the golden files with `UPDATE_GOLDEN=1 cargo test --test exports`; a changed
//! export fails with a line diff against the golden file.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]
// Tests and benches set up their files directly.

// Helpers of a test may unwrap and index like the tests themselves: a panic is a failure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod exports_support;

use chrono::{DateTime, NaiveDate};
use claimlens::anchor::{CharRange, TextIndex};
use claimlens::edit::Edit;
use claimlens::formats::brat::import_brat;
use claimlens::formats::w3c::import_w3c;
use claimlens::formats::{ExportFormat, ExportOptions, ExportOutput, export_with};
use claimlens::model::{Project, Verdict};
use exports_support::{canonical, sample_project};
use serde_json::Value;
use std::path::PathBuf;

fn options() -> ExportOptions {
    ExportOptions::on(NaiveDate::from_ymd_opt(2024, 11, 6).unwrap())
}

fn text(project: &Project, format: ExportFormat) -> String {
    match export_with(project, format, &options()).unwrap() {
        ExportOutput::Text(t) => t,
        ExportOutput::Files(_) => panic!("{format} should give one text"),
    }
}

fn files(project: &Project) -> Vec<(String, String)> {
    match export_with(project, ExportFormat::Brat, &options()).unwrap() {
        ExportOutput::Files(f) => f,
        ExportOutput::Text(_) => panic!("brat should give files"),
    }
}

/// Compares `actual` with `tests/golden/NAME`, or writes it there when `UPDATE_GOLDEN` is set.
fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_GOLDEN=1 to create it", path.display()));
    if expected != actual {
        let diff = similar::TextDiff::from_lines(expected.as_str(), actual);
        let shown = diff.unified_diff().context_radius(3).header("golden", "export").to_string();
        panic!("{} differs from the export; run with UPDATE_GOLDEN=1 if the change is intended\n{shown}", path.display());
    }
}

#[test]
fn golden_files_for_every_format() {
    let project = sample_project();
    golden("sample.csv", &text(&project, ExportFormat::Csv));
    golden("sample.md", &text(&project, ExportFormat::Markdown));
    golden("sample.w3c.jsonld", &text(&project, ExportFormat::W3c));
    golden("sample.claimreview.json", &text(&project, ExportFormat::ClaimReview));
    for (name, contents) in files(&project) {
        golden(&format!("brat/{name}"), &contents);
    }
}

/// The bundled sample (`assets/sample.claimlens.ron`): what a newcomer exports first.
#[test]
fn golden_files_for_every_format_of_the_bundled_sample() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/sample.claimlens.ron");
    let project = claimlens::store::load(&path).unwrap().project;
    golden("bundled/sample.csv", &text(&project, ExportFormat::Csv));
    golden("bundled/sample.md", &text(&project, ExportFormat::Markdown));
    golden("bundled/sample.w3c.jsonld", &text(&project, ExportFormat::W3c));
    golden("bundled/sample.claimreview.json", &text(&project, ExportFormat::ClaimReview));
    for (name, contents) in files(&project) {
        golden(&format!("bundled/brat/{name}"), &contents);
    }
    // Every claim is a CSV row, and every annotation a W3C annotation.
    let rows = csv::Reader::from_reader(text(&project, ExportFormat::Csv).as_bytes()).records().count();
    assert_eq!(rows, project.documents[0].claims.len());
    let json: Value = serde_json::from_str(&text(&project, ExportFormat::W3c)).unwrap();
    assert_eq!(json["total"].as_u64(), Some(project.documents[0].annotations.len() as u64));
}

#[test]
fn csv_parses_back_with_one_row_per_claim() {
    let project = sample_project();
    let csv_text = text(&project, ExportFormat::Csv);
    assert!(csv_text.starts_with('\u{feff}'), "a BOM for spreadsheets");
    assert!(csv_text.contains("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, claimlens::formats::export::csv::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let claims: Vec<_> = project.documents.iter().flat_map(|d| d.claims.iter().map(move |c| (d, c))).collect();
    assert_eq!(rows.len(), claims.len());
    let col = |row: &csv::StringRecord, name: &str| row[header.iter().position(|h| h == name).unwrap()].to_owned();
    for (row, (doc, claim)) in rows.iter().zip(&claims) {
        assert_eq!(row.len(), header.len());
        assert_eq!(col(row, "claim_id"), claim.id.as_str());
        assert_eq!(col(row, "verdict"), claim.verdict.as_str());
        assert_eq!(col(row, "note"), claim.note, "notes with quotes, commas and newlines survive");
        let (start, end): (usize, usize) = (col(row, "start").parse().unwrap(), col(row, "end").parse().unwrap());
        let content = doc.annotation(&claim.content[0]).unwrap();
        assert_eq!((start, end), (content.start(), content.end()));
        let ids = col(row, "annotation_ids");
        for id in claim.annotation_refs() {
            assert!(ids.split(' ').any(|i| i == id.as_str()), "{id} listed");
        }
        for field in ["document", "claim_text", "sources"] {
            assert!(!col(row, field).is_empty(), "{field} of {}", claim.id);
        }
    }
    let g7 = rows.iter().find(|r| col(r, "claim_id") == "c-g7").unwrap();
    // The chain as the window shows it: the via sources, then the source (#13).
    assert_eq!(col(g7, "chain"), "Censor.NET ← Ukrinform ← G7 statement ← G7 foreign ministers");
    assert_eq!(col(g7, "via"), "Censor.NET; Ukrinform; G7 statement");
    assert_eq!(col(g7, "sources"), "G7 foreign ministers");
    assert_eq!(col(g7, "cue"), "said in a joint statement");
    assert_eq!(col(g7, "event_date"), "2024-11-05");
    let pentagon = rows.iter().find(|r| col(r, "claim_id") == "c-pentagon").unwrap();
    assert_eq!(col(pentagon, "claim_text"), "The troops … have arrived in Kursk region");
    assert_eq!(col(pentagon, "event_date"), "2024-10-27..2024-10-28");
    assert_eq!(col(pentagon, "said_on"), "2024-10-28", "the day it was said, beside what it is about");
    let kremlin = rows.iter().find(|r| col(r, "claim_id") == "c-kremlin").unwrap();
    assert_eq!(col(kremlin, "sources"), "The Kremlin", "a source known only from the text");
    let zel = rows.iter().find(|r| col(r, "claim_id") == "c-zel").unwrap();
    let index = TextIndex::new(exports_support::G7_TEXT);
    let (s, e) = (col(zel, "start").parse().unwrap(), col(zel, "end").parse().unwrap());
    assert_eq!(index.slice(CharRange::new(s, e)), "«the intelligence is clear»", "offsets are code points");
}

fn str_field<'v>(v: &'v Value, key: &str) -> &'v str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} missing or not a string in {v}"))
}

fn as_list(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        Value::Null => Vec::new(),
        other => vec![other],
    }
}

#[test]
fn w3c_annotations_have_the_required_fields_and_exact_quotes() {
    let project = sample_project();
    let json: Value = serde_json::from_str(&text(&project, ExportFormat::W3c)).unwrap();
    assert_eq!(json["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(json["type"], "AnnotationCollection");
    assert!(claimlens::formats::w3c::is_iri(str_field(&json, "id")));
    let page = &json["first"];
    assert_eq!(page["type"], "AnnotationPage");
    assert!(claimlens::formats::w3c::is_iri(str_field(page, "id")));
    let items = page["items"].as_array().unwrap();
    let total: usize = project.documents.iter().map(|d| d.annotations.len()).sum();
    assert_eq!(items.len(), total);
    assert_eq!(json["total"], total);
    let motivations =
        ["highlighting", "classifying", "commenting", "linking", "tagging", "identifying", "assessing", "describing"];
    for item in items {
        assert_eq!(item["@context"], "http://www.w3.org/ns/anno.jsonld", "each annotation stands alone");
        assert_eq!(item["type"], "Annotation");
        let id = str_field(item, "id");
        assert!(claimlens::formats::w3c::is_iri(id), "{id}");
        let (doc, ann) = project
            .documents
            .iter()
            .find_map(|d| d.annotations.iter().find(|a| id.ends_with(a.id.as_str())).map(|a| (d, a)))
            .unwrap();
        for m in as_list(&item["motivation"]) {
            assert!(motivations.contains(&m.as_str().unwrap()), "{m}");
        }
        // Plain dates, as the validate-web-annotation schema requires (format "date")...
        for key in ["created", "modified"] {
            let d = chrono::NaiveDate::parse_from_str(str_field(item, key), "%Y-%m-%d").unwrap();
            assert_eq!(str_field(item, key).len(), 10, "{key} is YYYY-MM-DD");
            let exact = if key == "created" { ann.created } else { ann.modified };
            assert_eq!(d, exact.date_naive());
        }
        // ...and the exact UTC times beside them.
        for key in [claimlens::formats::w3c::EXACT_CREATED, claimlens::formats::w3c::EXACT_MODIFIED] {
            let t = DateTime::parse_from_rfc3339(str_field(item, key)).unwrap();
            assert_eq!(t.offset().local_minus_utc(), 0, "UTC");
        }
        assert_eq!(DateTime::parse_from_rfc3339(str_field(item, claimlens::formats::w3c::EXACT_MODIFIED)).unwrap(), ann.modified);
        assert_eq!(item["creator"]["name"], ann.author.as_str());
        let bodies = as_list(&item["body"]);
        let purpose = |p: &str| bodies.iter().filter(|b| b["purpose"] == p).copied().collect::<Vec<_>>();
        assert_eq!(purpose("classifying")[0]["value"], ann.label.as_str());
        assert_eq!(purpose("classifying")[0]["type"], "TextualBody");
        assert_eq!(purpose("tagging").len(), ann.tags.len());
        assert_eq!(purpose("commenting").len(), usize::from(!ann.note.is_empty()));
        let in_claims: Vec<_> = doc.claims.iter().filter(|c| c.annotation_refs().any(|r| r == &ann.id)).collect();
        for c in &in_claims {
            let iri = format!("urn:claimlens:claim:{}", c.id);
            assert!(purpose("linking").iter().any(|b| b["source"] == iri.as_str() && b["type"] == "SpecificResource"), "{iri}");
            for s in &c.attributed_to {
                let iri = format!("urn:claimlens:source:{s}");
                assert!(purpose("linking").iter().any(|b| b["source"] == iri.as_str()), "{iri}");
            }
        }
        let targets = as_list(&item["target"]);
        assert_eq!(targets.len(), ann.ranges.len(), "one target per fragment");
        let index = TextIndex::new(&doc.text);
        for (target, range) in targets.iter().zip(&ann.ranges) {
            let source = str_field(target, "source");
            assert!(source == doc.url.as_deref().unwrap_or("") || source == format!("urn:claimlens:document:{}", doc.id));
            let selectors = as_list(&target["selector"]);
            let quote = selectors.iter().find(|s| s["type"] == "TextQuoteSelector").unwrap();
            let position = selectors.iter().find(|s| s["type"] == "TextPositionSelector").unwrap();
            let (start, end) = (position["start"].as_u64().unwrap() as usize, position["end"].as_u64().unwrap() as usize);
            assert_eq!((start, end), (range.start, range.end));
            assert_eq!(
                str_field(quote, "exact"),
                index.slice(CharRange::new(start, end)),
                "the quote is the text at its position"
            );
            let prefix = str_field(quote, "prefix");
            let suffix = str_field(quote, "suffix");
            assert!(index.slice(CharRange::new(0, start)).ends_with(prefix));
            assert!(index.slice(CharRange::new(end, usize::MAX)).starts_with(suffix));
            assert!(!prefix.is_empty() || start == 0);
        }
    }
}

#[test]
fn w3c_round_trip_gives_the_same_annotations() {
    let project = sample_project();
    let json = text(&project, ExportFormat::W3c);
    let mut empty = project.clone();
    for d in &mut empty.documents {
        d.annotations.clear();
        d.claims.clear();
        d.relations.clear();
    }
    let imported = import_w3c(&json, &empty, None).unwrap();
    assert!(imported.orphans.is_empty(), "{:?}", imported.orphans);
    assert!(imported.new_labels.is_empty());
    imported.edit().apply(&mut empty).unwrap();
    for (a, b) in project.documents.iter().zip(&empty.documents) {
        assert_eq!(a.annotations, b.annotations, "ids, labels, ranges, quotes, notes, tags, authors, attributes, times");
    }
    // Importing again adds nothing.
    let again = import_w3c(&json, &empty, None).unwrap();
    assert!(again.annotations.is_empty());
    assert_eq!(again.already_present, 14);
}

#[test]
fn brat_round_trip_gives_the_same_model() {
    let project = sample_project();
    let files = files(&project);
    assert_eq!(files.len(), 4);
    for (document, pair) in project.documents.iter().zip(files.chunks(2)) {
        let [(txt_name, txt), (ann_name, ann)] = pair else { panic!() };
        assert_eq!((txt_name.rsplit_once('.').unwrap().1, ann_name.rsplit_once('.').unwrap().1), ("txt", "ann"));
        assert_eq!(txt, &document.text);
        let mut reimported = project.clone();
        let imp = import_brat(txt, ann, "x", &reimported);
        assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
        let mut doc = imp.document;
        // Sources are found in the registry by name or alias; a span naming no registered
        // source registers a new one.
        for (claim, original) in doc.claims.iter_mut().zip(&document.claims) {
            if original.attributed_to.is_empty() {
                assert!(claim.attributed_to.iter().all(|s| imp.new_sources.iter().any(|n| &n.id == s)));
                claim.attributed_to.clear();
            }
        }
        // brat keeps neither the via chain nor the document's metadata.
        let mut expected = document.clone();
        for c in &mut expected.claims {
            c.via.clear();
        }
        doc.id = expected.id.clone();
        Edit::RemoveDocument(expected.id.clone()).apply(&mut reimported).unwrap();
        Edit::InsertDocument { index: None, document: Box::new(doc.clone()) }.apply(&mut reimported).unwrap();
        let mut check = project.clone();
        *check.documents.iter_mut().find(|d| d.id == expected.id).unwrap() = expected.clone();
        assert_eq!(canonical(&check, &expected), canonical(&reimported, &doc));
    }
}

#[test]
fn claimreviews_have_the_required_fields() {
    let project = sample_project();
    let json: Value = serde_json::from_str(&text(&project, ExportFormat::ClaimReview)).unwrap();
    let reviews = json.as_array().unwrap();
    let checked: Vec<_> = project.documents.iter().flat_map(|d| &d.claims).filter(|c| c.verdict != Verdict::Unverified).collect();
    assert_eq!(reviews.len(), checked.len(), "unverified claims have no review");
    for (review, claim) in reviews.iter().zip(checked) {
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert!(!str_field(review, "claimReviewed").is_empty());
        assert!(!str_field(review, "url").is_empty());
        assert_eq!(review["datePublished"], "2024-11-06");
        assert_eq!(review["author"]["name"], "claimlens user");
        let rating = &review["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        assert_eq!(rating["alternateName"], claim.verdict.label());
        assert_eq!(rating["worstRating"], 1);
        assert_eq!(rating["bestRating"], 5);
        let value = rating["ratingValue"].as_u64().unwrap();
        assert!((1..=5).contains(&value));
        let item = &review["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        assert!(item["appearance"].is_object());
        assert!(!str_field(&item["appearance"], "headline").is_empty());
        assert!(!str_field(&item["author"], "name").is_empty(), "the claim's source");
    }
    let g7 = reviews.iter().find(|r| r["@id"] == "urn:claimlens:claim:c-g7").unwrap();
    assert_eq!(g7["itemReviewed"]["firstAppearance"]["url"], "https://www.mofa.go.jp/fp/pp/page1e_000001.html");
    assert_eq!(g7["itemReviewed"]["author"]["name"], "G7 foreign ministers");
    assert_eq!(g7["itemReviewed"]["datePublished"], "2024-11-05");
    assert_eq!(g7["itemReviewed"]["appearance"]["url"], "https://censor.net/en/news/3517011");
    assert_eq!(g7["reviewRating"]["ratingValue"], 5);
    let kremlin = reviews.iter().find(|r| r["@id"] == "urn:claimlens:claim:c-kremlin").unwrap();
    assert_eq!(kremlin["reviewRating"]["ratingValue"], 1);
    assert_eq!(kremlin["itemReviewed"]["author"]["name"], "The Kremlin");
    assert!(kremlin["itemReviewed"].get("firstAppearance").is_none(), "no via chain");
}

#[test]
fn markdown_report_has_every_claim_grouped_by_source() {
    let project = sample_project();
    let md = text(&project, ExportFormat::Markdown);
    assert!(md.contains("## G7 condemns DPRK troops in Russia"));
    assert!(md.contains("## Kremlin \\*denies\\* the\\_report"), "titles are escaped");
    assert!(md.contains("### G7 foreign ministers"));
    assert!(md.contains("### The Kremlin"));
    assert!(md.contains("> North Korean troops were deployed to Russia"));
    assert!(md.contains("> «the intelligence is clear»"));
    assert!(md.contains("Verdict: **Supported**"));
    assert!(md.contains("Via: Censor.NET ← Ukrinform ← G7 statement"));
    assert!(md.contains("Event date: 2024-10-27..2024-10-28"));
    assert!(md.contains("- Published: 2024-11-05"));
    assert!(md.contains("- Outlet: Censor.NET"));
    for c in project.documents.iter().flat_map(|d| &d.claims) {
        assert!(md.contains(&format!("`{}`", c.id)), "{}", c.id);
    }
}

/// The sample with the G7 claim's content orphaned (its text edited away elsewhere): no ranges,
/// its quote and context kept. Returns the project, the orphan's id and its quote.
fn sample_with_orphan() -> (Project, claimlens::model::AnnotationId, claimlens::anchor::Quote) {
    let mut project = sample_project();
    let document = project.documents.iter_mut().find(|d| d.claims.iter().any(|c| c.id.as_str() == "c-g7")).unwrap();
    let content = document.claims.iter().find(|c| c.id.as_str() == "c-g7").unwrap().content[0].clone();
    let annotation = document.annotations.iter_mut().find(|a| a.id == content).unwrap();
    annotation.ranges.clear();
    let quote = annotation.quote.clone();
    assert!(!quote.exact.is_empty() && !quote.prefix.is_empty());
    (project, content, quote)
}

#[test]
fn an_orphan_keeps_its_quote_in_csv_and_markdown() {
    let (project, _, quote) = sample_with_orphan();
    let csv_text = text(&project, ExportFormat::Csv);
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let col = |row: &csv::StringRecord, name: &str| row[header.iter().position(|h| h == name).unwrap()].to_owned();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let g7 = rows.iter().find(|r| col(r, "claim_id") == "c-g7").unwrap();
    assert_eq!(col(g7, "claim_text"), format!("{} (orphaned)", quote.exact));
    assert_eq!((col(g7, "start"), col(g7, "end")), (String::new(), String::new()), "no place, no offsets");
    let md = text(&project, ExportFormat::Markdown);
    let escaped = claimlens::formats::export::markdown::escape(&quote.exact);
    assert!(md.contains(&format!("> {escaped} (orphaned)")), "{md}");
}

#[test]
fn an_orphan_is_a_w3c_quote_without_position_that_imports_back_in_place() {
    let (project, id, quote) = sample_with_orphan();
    let json: Value = serde_json::from_str(&text(&project, ExportFormat::W3c)).unwrap();
    let items = json["first"]["items"].as_array().unwrap();
    let item = items.iter().find(|i| str_field(i, "id").ends_with(id.as_str())).unwrap();
    let targets = as_list(&item["target"]);
    assert_eq!(targets.len(), 1, "one target, never `target: []`");
    let selectors = as_list(&targets[0]["selector"]);
    assert!(selectors.iter().all(|s| s["type"] != "TextPositionSelector"), "no position for an orphan");
    let selector = selectors.iter().find(|s| s["type"] == "TextQuoteSelector").unwrap();
    assert_eq!((str_field(selector, "exact"), str_field(selector, "prefix")), (quote.exact.as_str(), quote.prefix.as_str()));
    assert_eq!(str_field(selector, "suffix"), quote.suffix);
    // The quote is still in the text: an import finds it by quote and context.
    let original = sample_project();
    let mut empty = original.clone();
    for d in &mut empty.documents {
        d.annotations.clear();
    }
    let imported = import_w3c(&json.to_string(), &empty, None).unwrap();
    assert!(imported.orphans.is_empty(), "{:?}", imported.orphans);
    let placed = imported.annotations.iter().find(|(_, a)| a.id == id).unwrap();
    let before = original.documents.iter().flat_map(|d| &d.annotations).find(|a| a.id == id).unwrap();
    assert_eq!(placed.1.ranges, before.ranges);
}

#[test]
fn an_orphan_is_a_brat_note_line_and_a_warning() {
    let (project, id, quote) = sample_with_orphan();
    let warnings = claimlens::formats::export_warnings(&project, ExportFormat::Brat);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].message.contains(id.as_str()) && warnings[0].message.contains("orphaned"), "{}", warnings[0]);
    let files = files(&project);
    let (txt, ann) = files.chunks(2).find_map(|p| p[1].1.contains(id.as_str()).then(|| (&p[0].1, &p[1].1))).unwrap();
    let line = ann.lines().find(|l| l.contains(id.as_str())).unwrap();
    assert!(line.starts_with('#') && line.ends_with(&format!("\tContent\t{}", quote.exact)), "{line}");
    // Imported again: the orphan with its quote, not lost.
    let imported = import_brat(txt, ann, "x", &project);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let orphan = imported.document.annotations.iter().find(|a| a.ranges.is_empty()).unwrap();
    assert_eq!((orphan.label.as_str(), orphan.quote.exact.as_str()), ("Claim", quote.exact.as_str()));
}

/// A project built from the reference article through the app's own import.
fn project_of_the_reference_article(title: &str) -> Project {
    let article = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/articles/g7-dprk-troops-censor-net.txt");
    let mut project = Project::new(title);
    claimlens::import::import_article(&article, None, &project).unwrap().edit.apply(&mut project).unwrap();
    project
}

/// Colleagues exchange annotations through the W3C export: the same article imported
/// separately into another project (another document id) gets every annotation.
#[test]
fn a_w3c_export_is_placed_in_another_project_with_the_same_article() {
    let mut first = project_of_the_reference_article("first");
    let document = &first.documents[0];
    let index = TextIndex::new(&document.text);
    let quotes = [
        "seriously concerned",
        "Censor.NET reports citing Ukrinform",
        "Japanese Foreign Ministry",
        "South Korea, Australia and New Zealand",
        "condemn in the strongest possible terms",
        "illegal purchase",
    ];
    let mut edits = Vec::new();
    for quote in quotes {
        let start = index.char_of(document.text.find(quote).unwrap());
        let range = CharRange::new(start, start + quote.chars().count());
        let annotation = claimlens::model::Annotation::new(&index, "Claim", vec![range], "olena");
        edits.push(Edit::InsertAnnotation { doc: document.id.clone(), index: None, annotation });
    }
    Edit::Batch(edits).apply(&mut first).unwrap();
    let json = text(&first, ExportFormat::W3c);

    let second = project_of_the_reference_article("second");
    assert_ne!(first.documents[0].id, second.documents[0].id);
    let imported = import_w3c(&json, &second, None).unwrap();
    assert!(imported.orphans.is_empty(), "{:?}", imported.orphans);
    assert_eq!(imported.annotations.len(), 6, "all placed");
    let placed: Vec<&str> = imported.annotations.iter().map(|(_, a)| a.quote.exact.as_str()).collect();
    assert_eq!(placed, quotes);
    for (doc, a) in &imported.annotations {
        assert_eq!(doc, &second.documents[0].id);
        let original = first.documents[0].annotations.iter().find(|o| o.quote.exact == a.quote.exact).unwrap();
        assert_eq!(a.ranges, original.ranges);
    }

    // Into a project without the article, each orphan says why at every step.
    let mut unrelated = Project::new("other");
    let other = claimlens::model::Document::new("Weather", "Rain is expected on Tuesday.");
    Edit::InsertDocument { index: None, document: Box::new(other) }.apply(&mut unrelated).unwrap();
    let none = import_w3c(&json, &unrelated, None).unwrap();
    assert_eq!(none.orphans.len(), 6);
    let reason = &none.orphans[0].reason;
    for step in ["no document d-", "no document has the same text (SHA-256)", "its quotes are in no document"] {
        assert!(reason.contains(step), "{step:?} in {reason:?}");
    }
}

#[test]
fn markdown_report_starts_with_the_documents_title_when_untitled_and_lists_notes_and_tags() {
    let mut project = sample_project();
    project.title = "Untitled".into();
    let doc = &mut project.documents[0];
    doc.url = Some("https://censor.net/en/news/3517011".into());
    let a = &mut doc.annotations[0];
    a.note = "Check the *ministry's* text".into();
    a.tags = vec!["g7".into(), "needs-source".into()];
    let quote = a.quote.exact.clone();
    let md = text(&project, ExportFormat::Markdown);
    let title = claimlens::formats::export::markdown::escape(&project.documents[0].title);
    assert!(md.starts_with(&format!("# {title} and 1 other document\n")), "{md:.120}");
    assert!(!md.contains("# Untitled"));
    project.documents.truncate(1);
    let one = text(&project, ExportFormat::Markdown);
    assert!(one.starts_with(&format!("# {title}\n")), "{one:.120}");
    assert!(md.contains("- URL: <https://censor.net/en/news/3517011>"));
    assert!(md.contains("- Outlet: "));
    let notes = &md[md.find("### Notes and tags").expect("a notes section")..];
    assert!(notes.contains(&claimlens::formats::export::markdown::escape(&quote)), "the annotation's quote");
    assert!(notes.contains("Check the \\*ministry's\\* text"), "its note, escaped");
    assert!(notes.contains("Tags: g7, needs-source"), "its tags");
}

#[test]
fn claimreview_author_is_the_reviewer_with_their_organisation() {
    let project = sample_project();
    let review_author = |reviewer: claimlens::formats::Reviewer| {
        let options = ExportOptions { reviewer, ..options() };
        let json = match export_with(&project, ExportFormat::ClaimReview, &options).unwrap() {
            ExportOutput::Text(t) => t,
            ExportOutput::Files(_) => unreachable!(),
        };
        let reviews: Value = serde_json::from_str(&json).unwrap();
        reviews[0]["author"].clone()
    };
    let person = review_author(claimlens::formats::Reviewer::named("Olena Kovalenko", "StopFake"));
    assert_eq!(person["@type"], "Person");
    assert_eq!(person["name"], "Olena Kovalenko");
    assert_eq!(person["affiliation"]["@type"], "Organization");
    assert_eq!(person["affiliation"]["name"], "StopFake");
    let organisation = review_author(claimlens::formats::Reviewer::named(" ", "StopFake"));
    assert_eq!(organisation["@type"], "Organization");
    assert_eq!(organisation["name"], "StopFake");
}
