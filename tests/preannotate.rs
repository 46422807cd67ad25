//! Pre-annotation of the reference article (`assets/g7-dprk-troops-censor-net.txt`, annotated by
//! hand in `assets/sample.claimlens.ron`): a fresh import gets the claims a reader would make,
//! as one edit that undoes exactly.
//!
//! These expectations depend on the shipped tagger model; they name the attributions any
//! reasonable model must find, not its exact spans.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use claimlens::analysis::attribution::suggest;
use claimlens::analysis::dates::find_dates;
use claimlens::analysis::preannotate::{Preannotation, ProposalKind, preannotate};
use claimlens::analysis::timeline::{TimelineItem, timeline};
use claimlens::edit::{Edit, check_project};
use claimlens::formats::text::import_text;
use claimlens::model::{Claim, Document, DocumentId, EventDate, Project};
use claimlens::ops::suggestions::accept_all;
use std::path::Path;

const ARTICLE: &str = "assets/g7-dprk-troops-censor-net.txt";
const AUTHOR: &str = "claimlens suggester";

fn fresh() -> (Project, DocumentId) {
    let raw = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(ARTICLE)).unwrap();
    let doc = import_text(&raw, "g7-dprk-troops-censor-net");
    let id = doc.id.clone();
    let mut project = Project::new("reference");
    Edit::InsertDocument { index: None, document: Box::new(doc) }.apply(&mut project).unwrap();
    (project, id)
}

fn propose(project: &Project, id: &DocumentId) -> Preannotation {
    let doc = project.document(id).unwrap();
    let dates = find_dates(&doc.text, doc.published);
    preannotate(project, id, &suggest(&doc.text), &dates, AUTHOR)
}

fn content_text(doc: &Document, claim: &Claim) -> String {
    claim.content.iter().filter_map(|a| doc.annotation(a)).map(|a| a.quote.exact.clone()).collect::<Vec<_>>().join(" ")
}

fn source_names<'p>(project: &'p Project, claim: &Claim) -> Vec<&'p str> {
    claim.attributed_to.iter().filter_map(|s| project.source(s)).map(|s| s.name.as_str()).collect()
}

/// The claims attributed to a source whose name contains `who`.
fn claims_by<'d>(project: &Project, doc: &'d Document, who: &str) -> Vec<&'d Claim> {
    doc.claims.iter().filter(|c| source_names(project, c).iter().any(|n| n.contains(who))).collect()
}

fn day(s: &str) -> EventDate {
    EventDate::parse(s).unwrap()
}

#[test]
fn reference_article_preannotates_like_a_reader() {
    let (mut project, id) = fresh();
    let before = project.clone();
    let pre = propose(&project, &id);
    let summaries: Vec<&str> = pre.proposals.iter().map(|p| p.summary.as_str()).collect();
    let edit = accept_all(&project, &id, &pre.proposals, None);
    let inverse = edit.apply(&mut project).unwrap();
    check_project(&project).unwrap();
    let doc = project.document(&id).unwrap().clone();
    let listing = doc
        .claims
        .iter()
        .map(|c| format!("{:?} {:?} {:?}", source_names(&project, c), c.event_date.map(|d| d.to_string()), content_text(&doc, c)))
        .collect::<Vec<_>>()
        .join("\n");

    // The G7 ministers' statement.
    let g7 = doc.claims.iter().filter(|c| {
        source_names(&project, c)
            .iter()
            .any(|n| n.contains("ministers") || n.contains("statement") || n.contains("Group of Seven"))
    });
    assert!(g7.count() >= 3, "G7 claims missing:\n{listing}\n{summaries:#?}");
    let concern = doc.claims.iter().any(|c| content_text(&doc, c).contains("seriously concerned"));
    assert!(concern, "{listing}");

    // Rutte.
    assert!(
        claims_by(&project, &doc, "Rutte").iter().any(|c| content_text(&doc, c).contains("North Korean soldiers")),
        "{listing}"
    );

    // Zelenskyy, speaking on October 25 about combat from October 27-28: the claim's event date
    // is the date nearest its content (the one inside it), as in the hand-made sample.
    let zelenskyy = claims_by(&project, &doc, "Zelenskyy");
    let z = zelenskyy.iter().find(|c| content_text(&doc, c).contains("combat zones")).unwrap_or_else(|| panic!("{listing}"));
    assert_eq!(z.event_date, Some(day("2024-10-27..2024-10-28")), "{listing}");

    // The Pentagon: about 10,000 troops, said on October 28.
    let pentagon = claims_by(&project, &doc, "Pentagon");
    let p = pentagon.iter().find(|c| content_text(&doc, c).contains("10,000")).unwrap_or_else(|| panic!("{listing}"));
    assert_eq!((p.said_on, p.event_date), (Some(day("2024-10-28")), None), "{listing}");

    // Pat Ryder.
    assert!(claims_by(&project, &doc, "Ryder").iter().any(|c| content_text(&doc, c).contains("Kursk")), "{listing}");

    // Censor.NET cites Ukrinform, each registered once.
    let censor = project.source_named("Censor.NET").unwrap_or_else(|| panic!("{:#?}", project.sources));
    let ukrinform = project.source_named("Ukrinform").unwrap();
    assert_eq!(censor.cites, std::slice::from_ref(&ukrinform.id));
    let mut names: Vec<_> = project.sources.iter().map(|s| s.name.to_lowercase()).collect();
    names.sort();
    let n = names.len();
    names.dedup();
    assert_eq!(names.len(), n, "a source registered twice: {names:?}");

    // Dates, with their normalised values.
    let values: Vec<_> = doc.annotations.iter().filter_map(|a| a.attributes.get("value").map(String::as_str)).collect();
    for v in ["2024-10-25", "2024-10-27..2024-10-28", "2024-10-28"] {
        assert!(values.contains(&v), "{v} not in {values:?}");
    }
    assert!(doc.annotations.iter().all(|a| a.author == AUTHOR));

    // The timeline lists them in date order.
    let rows = timeline(&project, &doc);
    assert!(rows.windows(2).all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)));
    assert!(rows.iter().any(|r| matches!(r.item, TimelineItem::Claim(_)) && r.date_text == "2024-10-28"));

    // Accepting again changes nothing; undoing restores the project exactly.
    assert_eq!(accept_all(&project, &id, &pre.proposals, None), Edit::Batch(Vec::new()));
    assert!(pre.proposals.iter().all(|p| claimlens::ops::suggestions::is_applied(&project, p)));
    inverse.apply(&mut project).unwrap();
    assert_eq!(project, before);
}

#[test]
fn proposals_one_by_one_equal_all_at_once() {
    let (mut one_by_one, id) = fresh();
    let pre = propose(&one_by_one, &id);
    assert!(pre.of_kind(ProposalKind::Attribution).count() >= 8);
    assert!(pre.of_kind(ProposalKind::Date).count() >= 3);
    for p in &pre.proposals {
        claimlens::ops::suggestions::proposal_edit(&one_by_one, p).apply(&mut one_by_one).unwrap();
    }
    let doc = one_by_one.document(&id).unwrap();
    let mut all = fresh().0;
    // Same document id for comparison.
    all.documents[0].id = id.clone();
    accept_all(&all, &id, &pre.proposals, None).apply(&mut all).unwrap();
    let other = all.document(&id).unwrap();
    let spans = |d: &Document| {
        let mut v: Vec<_> = d.annotations.iter().map(|a| (a.label.clone(), a.ranges.clone())).collect();
        v.sort();
        v
    };
    assert_eq!(spans(doc), spans(other));
    assert_eq!(doc.claims.len(), other.claims.len());
    assert_eq!(one_by_one.sources.len(), all.sources.len());
}

/// The spans the suggester proposes for `text` (an article of its own, published 2024-11-05),
/// each with the label it would get: Source, Cue and Claim of attributions, and dates.
fn proposed_spans(text: &str) -> Vec<claimlens::testing::LabelledSpan> {
    let mut doc = import_text(text, "case");
    doc.published = chrono::NaiveDate::from_ymd_opt(2024, 11, 5);
    let id = doc.id.clone();
    let mut project = Project::new("case");
    Edit::InsertDocument { index: None, document: Box::new(doc) }.apply(&mut project).unwrap();
    let pre = propose(&project, &id);
    pre.proposals
        .iter()
        .flat_map(|p| p.spans.iter())
        .flat_map(|s| s.ranges.iter().map(|r| (*r, s.role.label(&project).to_owned())))
        .collect()
}

#[test]
fn attributions_and_dates_are_proposed_where_a_reader_marks_them() {
    claimlens::testing::check_lines(
        "
        # One attribution a line, the spans a reader would mark.
        [[The Pentagon|Source]] [[said|Cue]] [[about 10,000 troops were sent|Claim]].
        [[Zelenskyy|Source]] [[said|Cue]] [[the troops would fight|Claim]].
        On [[October 28|Date]], [[the ministers|Source]] [[said|Cue]] [[they were concerned|Claim]].
        ",
        proposed_spans,
    );
}

/// A wire story ("COLUMBIA, S.C. (AP) — …") reprinted by a newspaper is known through the
/// agency after the paper (from a new user's walk on the Connecticut Post's copy of an AP story).
#[test]
fn a_wire_story_is_known_through_its_agency() {
    let text = "COLUMBIA, S.C. (AP) \u{2014} The governor said the plan would pass next week.\n\n\
                When Patrick walked into the back of the room mid-meeting, the women turned around as he \
                sheepishly apologized for his tardiness and short stay.";
    let mut doc = Document::new("Patrick in South Carolina", text);
    doc.outlet = Some("Connecticut Post".into());
    let id = doc.id.clone();
    let mut project = Project::new("wire");
    Edit::InsertDocument { index: None, document: Box::new(doc) }.apply(&mut project).unwrap();
    let proposals = propose(&project, &id).proposals;
    let attributions: Vec<_> = proposals.iter().filter(|p| p.kind == ProposalKind::Attribution).collect();
    assert!(!attributions.is_empty(), "{proposals:#?}");
    for p in &attributions {
        assert_eq!(p.via, ["Connecticut Post", "Associated Press"], "{p:#?}");
    }
}
