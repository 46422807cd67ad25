//! The exports carry the links: `ClaimReview`'s `appearance` and `firstAppearance`, the CSV's
//! `origin` and `appearances` columns, the Markdown report's chain in words, and W3C `linking`
//! annotations whose body and target are in different documents. Real articles: `PolNeAR`
//! train's USA Today and `HuffPost` (Reuters) articles quoting Sadiq Khan.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]
// Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod links_support;

use claimlens::edit::Edit;
use claimlens::formats::{ExportFormat, ExportOutput, export};
use claimlens::model::{ClaimId, DocumentId, LinkKind, LinkTarget, Project, Verdict};
use claimlens::ops;
use links_support::{KHAN, two_articles};
use serde_json::Value;

/// The two articles, `HuffPost`'s Khan claim repeating USA Today's, both checked as supported.
fn linked() -> (Project, (DocumentId, ClaimId), (DocumentId, ClaimId)) {
    let (mut project, (usa, usa_claim), (huff, huff_claim)) = two_articles();
    let target = LinkTarget::Claim { document: usa.clone(), claim: usa_claim.clone() };
    ops::links::link(&project, &huff, &huff_claim, LinkKind::Repeats, target).unwrap().into_edit().apply(&mut project).unwrap();
    for (doc, claim) in [(&usa, &usa_claim), (&huff, &huff_claim)] {
        let mut c = project.document(doc).unwrap().claim(claim).unwrap().clone();
        c.verdict = Verdict::Supported;
        Edit::UpdateClaim(doc.clone(), c).apply(&mut project).unwrap();
    }
    (project, (usa, usa_claim), (huff, huff_claim))
}

fn text(project: &Project, format: ExportFormat) -> String {
    match export(project, format).unwrap() {
        ExportOutput::Text(t) => t,
        ExportOutput::Files(_) => panic!("{format} should give one text"),
    }
}

#[test]
fn claimreview_lists_every_appearance_and_the_first() {
    let (project, (_, usa_claim), (_, huff_claim)) = linked();
    let reviews: Value = serde_json::from_str(&text(&project, ExportFormat::ClaimReview)).unwrap();
    for claim in [&huff_claim, &usa_claim] {
        let review = reviews.as_array().unwrap().iter().find(|r| r["@id"].as_str().unwrap().ends_with(claim.as_str())).unwrap();
        let item = &review["itemReviewed"];
        let dates: Vec<&str> =
            item["appearance"].as_array().unwrap().iter().map(|a| a["datePublished"].as_str().unwrap()).collect();
        assert_eq!(dates, ["2016-05-11", "2016-05-16"], "{item:#}");
        let publishers: Vec<&str> =
            item["appearance"].as_array().unwrap().iter().map(|a| a["publisher"]["name"].as_str().unwrap()).collect();
        assert_eq!(publishers, ["USA Today", "HuffPost"]);
        assert_eq!(item["firstAppearance"]["datePublished"], "2016-05-11");
        assert_eq!(item["firstAppearance"]["publisher"]["name"], "USA Today");
    }
}

#[test]
fn csv_has_origin_and_appearances_columns() {
    let (project, _, (_, huff_claim)) = linked();
    let csv = text(&project, ExportFormat::Csv);
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = reader.records().map(Result::unwrap).find(|r| &r[col("claim_id")] == huff_claim.as_str()).unwrap();
    assert!(row[col("origin")].starts_with("USA Today, 2016-05-11, “London's Muslim mayor"), "{row:?}");
    let appearances: Vec<&str> = row[col("appearances")].split(" | ").collect();
    assert_eq!(appearances.len(), 2);
    assert!(appearances[1].starts_with("HuffPost, 2016-05-16, “Trump Says"), "{appearances:?}");
    // A claim without links leaves both empty.
    let other = reader.records().map(Result::unwrap).find(|r| !r[col("claim_text")].contains(KHAN)).unwrap();
    assert_eq!((&other[col("origin")], &other[col("appearances")]), ("", ""));
}

#[test]
fn markdown_tells_the_chain_in_words() {
    let (project, _, _) = linked();
    let md = text(&project, ExportFormat::Markdown);
    let story: Vec<&str> = md.lines().filter(|l| l.starts_with("- Story: ")).collect();
    assert_eq!(story.len(), 2, "both ends of the link tell it: {md}");
    let line = story[0];
    assert!(line.starts_with("- Story: First said on 2016-05-11 by "), "{line}");
    assert!(line.contains(" in “London's Muslim mayor rebuffs Trump"), "{line}");
    assert!(line.ends_with("(USA Today); repeated by HuffPost on 2016-05-16."), "{line}");
}

#[test]
fn w3c_links_annotate_across_documents_and_are_not_imported_as_spans() {
    let (project, (usa, _), (huff, huff_claim)) = linked();
    let json: Value = serde_json::from_str(&text(&project, ExportFormat::W3c)).unwrap();
    let items = json["first"]["items"].as_array().unwrap();
    let links: Vec<&Value> = items.iter().filter(|i| i["id"].as_str().unwrap().starts_with("urn:claimlens:link:")).collect();
    assert_eq!(links.len(), 1);
    let link = links[0];
    assert_eq!(link["motivation"], "linking");
    let iri = |doc: &DocumentId| claimlens::formats::w3c::document_iri(&project, project.document(doc).unwrap());
    assert_eq!(link["target"]["source"], iri(&huff).as_str(), "the target is the linking claim, in HuffPost");
    let body = link["body"].as_array().unwrap();
    assert_eq!(body[0]["source"], iri(&usa).as_str(), "the body is the linked claim, in USA Today");
    assert_eq!(body[0]["purpose"], "linking");
    assert!(body[0]["selector"][0]["exact"].as_str().unwrap().contains("Donald Trump's ignorant view of Islam"));
    assert!(body.iter().any(|b| b["value"] == "link=repeats"));
    let huff_content = project.document(&huff).unwrap().claim(&huff_claim).unwrap().content[0].clone();
    let exact = &project.document(&huff).unwrap().annotation(&huff_content).unwrap().quote.exact;
    assert_eq!(link["target"]["selector"][0]["exact"].as_str(), Some(exact.as_str()));
    // Importing the export into the same project finds every annotation already there, and
    // makes no annotation of the link.
    let back = claimlens::formats::w3c::import_w3c(&text(&project, ExportFormat::W3c), &project, None).unwrap();
    assert!(back.annotations.is_empty() && back.orphans.is_empty(), "{:?}", back.orphans);
    let total: usize = project.documents.iter().map(|d| d.annotations.len()).sum();
    assert_eq!(back.already_present, total);
}

#[test]
fn an_orphaned_link_exports_without_its_target() {
    let (mut project, (usa, _), _) = linked();
    Edit::RemoveDocument(usa).apply(&mut project).unwrap();
    for format in [ExportFormat::ClaimReview, ExportFormat::Csv, ExportFormat::Markdown, ExportFormat::W3c] {
        let out = text(&project, format);
        assert!(!out.contains("USA Today"), "{format:?} names no appearance that is gone");
    }
    let json: Value = serde_json::from_str(&text(&project, ExportFormat::W3c)).unwrap();
    let link = json["first"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["motivation"] == "linking" && i["id"].as_str().unwrap().starts_with("urn:claimlens:link:"))
        .unwrap()
        .clone();
    assert!(link["body"][0]["source"].as_str().unwrap().starts_with("urn:claimlens:claim:"), "{link:#}");
}
