//! Behaviour hangs on a label's role, not its name: after the Claim label is renamed
//! "Assertion" through the edit the Labels editor makes, the suggester's proposals still land as
//! claims, and every export still shows them (brat still writes `PolNeAR`'s `Content`).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use claimlens::analysis::attribution::suggest;
use claimlens::analysis::dates::find_dates;
use claimlens::analysis::preannotate::preannotate;
use claimlens::edit::Edit;
use claimlens::formats::export::{ExportFormat, ExportOptions, ExportOutput, export_with};
use claimlens::formats::text::import_text;
use claimlens::model::{DocumentId, LabelRole, Project, Verdict};
use claimlens::ops::suggestions::accept_all;
use std::path::Path;

const ARTICLE: &str = "assets/g7-dprk-troops-censor-net.txt";

/// The reference article in a new project whose Claim label is renamed "Assertion", with the
/// suggester's proposals accepted and every claim given a verdict.
fn renamed_and_suggested() -> (Project, DocumentId) {
    let raw = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(ARTICLE)).unwrap();
    let doc = import_text(&raw, "g7-dprk-troops-censor-net");
    let id = doc.id.clone();
    let mut project = Project::new("roles");
    Edit::InsertDocument { index: None, document: Box::new(doc) }.apply(&mut project).unwrap();
    let mut claim_label = project.label_for(LabelRole::Claim).cloned().unwrap();
    claim_label.name = "Assertion".into();
    Edit::UpdateLabel("Claim".into(), claim_label).apply(&mut project).unwrap();

    let doc = project.document(&id).unwrap();
    let dates = find_dates(&doc.text, doc.published);
    let proposals = preannotate(&project, &id, &suggest(&doc.text), &dates, "suggester").proposals;
    accept_all(&project, &id, &proposals, None).apply(&mut project).unwrap();
    let claims = project.document(&id).unwrap().claims.clone();
    let verdicts: Vec<Edit> = claims
        .into_iter()
        .map(|mut c| {
            c.verdict = Verdict::Supported;
            Edit::UpdateClaim(id.clone(), c)
        })
        .collect();
    Edit::Batch(verdicts).apply(&mut project).unwrap();
    (project, id)
}

fn text_of(project: &Project, format: ExportFormat) -> String {
    let options = ExportOptions::on(chrono::NaiveDate::from_ymd_opt(2024, 11, 6).unwrap());
    match export_with(project, format, &options).unwrap() {
        ExportOutput::Text(t) => t,
        ExportOutput::Files(files) => {
            files.into_iter().flat_map(|(name, body)| ["== ".to_owned(), name, "\n".to_owned(), body]).collect()
        }
    }
}

#[test]
fn renamed_claim_label_keeps_suggestions_landing_as_claims() {
    let (project, id) = renamed_and_suggested();
    assert!(project.label("Claim").is_none(), "the rename took");
    assert_eq!(project.role_of("Assertion"), Some(LabelRole::Claim));
    let doc = project.document(&id).unwrap();
    assert!(doc.claims.len() >= 5, "the reference article gets its claims: {}", doc.claims.len());
    for claim in &doc.claims {
        for content in claim.content.iter().map(|a| doc.annotation(a).unwrap()) {
            assert_eq!(content.label, "Assertion", "a claim's content is labelled with the claim role's label");
        }
    }
    assert!(doc.annotations.iter().all(|a| a.label != "Claim"), "no label called Claim came back");
    assert!(project.label_for(LabelRole::Cue).is_some() && project.label_for(LabelRole::Source).is_some());
}

#[test]
fn every_export_shows_the_claims_of_a_renamed_claim_label() {
    let (project, id) = renamed_and_suggested();
    let doc = project.document(&id).unwrap();
    let quotes: Vec<String> = doc.claims.iter().map(|c| doc.annotation(&c.content[0]).unwrap().quote.exact.clone()).collect();
    let n = doc.claims.len();

    let csv = text_of(&project, ExportFormat::Csv);
    assert_eq!(csv.lines().filter(|l| !l.trim().is_empty()).count(), n + 1, "a CSV row per claim plus the header");
    let markdown = text_of(&project, ExportFormat::Markdown);
    // JSON escapes the quotation marks of the quotes.
    let claimreview_json = text_of(&project, ExportFormat::ClaimReview);
    let claimreview = claimreview_json.replace("\\\"", "\"");
    let w3c = text_of(&project, ExportFormat::W3c).replace("\\\"", "\"");
    for q in &quotes {
        // The first words of the first fragment (W3C quotes each fragment on its own).
        let first_fragment = q.split(" \u{2026} ").next().unwrap_or_default();
        let first_words: String = first_fragment.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        assert!(markdown.contains(&first_words), "the Markdown report shows {first_words:?}");
        assert!(claimreview.contains(&first_words), "ClaimReview shows {first_words:?}");
        assert!(w3c.contains(&first_words), "W3C shows {first_words:?}");
    }
    let reviews: serde_json::Value = serde_json::from_str(&claimreview_json).unwrap();
    let count = reviews.as_array().map_or_else(|| reviews["@graph"].as_array().map_or(1, Vec::len), Vec::len);
    assert_eq!(count, n, "one ClaimReview per claim");
    assert!(w3c.matches("urn:claimlens:claim:").count() >= n, "W3C links every claim");

    let brat = text_of(&project, ExportFormat::Brat);
    let content_lines = brat.lines().filter(|l| l.split('\t').nth(1).is_some_and(|b| b.starts_with("Content "))).count();
    assert!(content_lines >= n, "brat writes PolNeAR's Content type for the claim role: {content_lines} < {n}");
    assert!(!brat.contains("\tAssertion "), "the renamed label's name is not a brat type");
    assert!(brat.matches("Content:T").count() >= n, "each claim's event has its Content argument");
}
