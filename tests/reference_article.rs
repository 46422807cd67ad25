//! The reference article (Censor.NET, citing Ukrinform, on the G7 statement) imported, every
//! suggestion accepted the way `claimlens suggest --apply` and the window's Accept all do
//! (`propose` then `accept_suggestions`), and then read as a user reads it: which claims, by
//! whom, through which chain.
//!
//! The count: the twelve claims of the brief plus two. "Zelenskyy said that, according to
//! intelligence, …" gives two nested claims (Zelenskyy's, and intelligence's inside it), which
//! the text supports: intelligence is the source of Zelenskyy's source, so its claim is known
//! through Censor.NET ← Zelenskyy. And "the ministers reaffirmed their commitment to supporting
//! Ukraine and stated that they are working with international partners …" is two claims, one per
//! reporting verb, each with its own content (as `PolNeAR`'s annotators split such sentences): the
//! commitment (reaffirmed) and the coordinated response (stated).
//!
//! The statement the ministers' words are known through is a Document source of its own
//! ("Statement on the website of the Japanese Foreign Ministry"), relayed by Ukrinform and
//! published by the ministry, as in the bundled sample.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use claimlens::analysis::preannotate::propose;
use claimlens::model::{Claim, Document, Project, SourceId, SourceKind};

/// The statement's name as the suggester registers it.
const STATEMENT: &str = "Statement on the website of the Japanese Foreign Ministry";
use claimlens::ops::suggestions::accept_suggestions;
use std::path::Path;

const ARTICLE: &str = "../shared/data/articles/g7-dprk-troops-censor-net.txt";

fn accepted() -> Project {
    let mut project = Project::new("reference");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(ARTICLE);
    claimlens::import::import_article(&path, None, &project).unwrap().edit.apply(&mut project).unwrap();
    let doc = project.documents[0].id.clone();
    let proposals = propose(&project, &doc, "test").proposals;
    let chains: Vec<Vec<String>> = proposals
        .iter()
        .filter(|p| p.kind == claimlens::analysis::preannotate::ProposalKind::Attribution)
        .map(|p| p.via.clone())
        .collect();
    let first: Vec<&str> = chains[0].iter().map(String::as_str).collect();
    assert_eq!(first, ["Censor.NET", "Ukrinform", STATEMENT], "{chains:?}");
    assert_eq!(chains[8], ["Censor.NET"], "{chains:?}");
    accept_suggestions(&project, &doc, &proposals, None).into_edit().apply(&mut project).unwrap();
    project
}

fn content(doc: &Document, claim: &Claim) -> String {
    claim.content.iter().filter_map(|id| doc.annotation(id)).map(|a| a.quote.exact.clone()).collect::<Vec<_>>().join(" … ")
}

fn names(project: &Project, ids: &[SourceId]) -> Vec<String> {
    ids.iter().filter_map(|id| project.source(id)).map(|s| s.name.clone()).collect()
}

#[test]
fn reference_article_claims_sources_and_chains() {
    let project = accepted();
    let doc = &project.documents[0];
    let claims: Vec<(String, Vec<String>, Vec<String>)> =
        doc.claims.iter().map(|c| (content(doc, c), names(&project, &c.attributed_to), names(&project, &c.via))).collect();
    for c in &claims {
        eprintln!("{c:?}");
    }
    assert_eq!(claims.len(), 14, "{claims:#?}");
    // Nothing from the citation sentence or the link line.
    for (text, _, _) in &claims {
        assert!(!text.contains("Ukrinform") && !text.contains("website") && !text.contains("ambassadors"), "{text}");
    }
    // Claims 1-7 (the seventh in two): one source, the ministers, known through Censor.NET <-
    // Ukrinform <- the statement on the Japanese Foreign Ministry's website.
    let ministers = &claims[0].1;
    assert_eq!(ministers.len(), 1);
    assert!(ministers[0].contains("ministers"), "{ministers:?}");
    assert!(claims[0].0.starts_with("they were seriously concerned about the deployment of North Korean troops"));
    assert!(claims[2].0.contains("Several thousand DPRK troops have been deployed in Russia."));
    for (text, source, via) in &claims[..8] {
        assert_eq!(source, ministers, "{text}");
        assert_eq!(via, &["Censor.NET", "Ukrinform", STATEMENT], "{text}");
    }
    // The later "Earlier, ..." paragraphs are the outlet's own reporting: not through Ukrinform,
    // through Censor.NET alone (the outlet the text names as reporting it); intelligence's
    // claim through Zelenskyy too.
    for (i, (text, source, via)) in claims.iter().enumerate().skip(8) {
        let zelenskyy = "Volodymyr Zelenskyy".to_owned();
        let expected = if i == 10 { vec!["Censor.NET".to_owned(), zelenskyy] } else { vec!["Censor.NET".to_owned()] };
        assert_eq!(via, &expected, "{text}");
        assert!(!source.iter().any(|s| s.contains("ministers")), "{text}");
    }
    assert!(claims[8].1[0].contains("Rutte"));
    assert!(claims[9].1[0].contains("Zelenskyy") && claims[10].1 == ["intelligence"]);
    assert!(claims[13].1[0].contains("Pat Ryder") && claims[13].0.contains("Kursk region"));
    // One registry source for the ministers; intelligence is not a document.
    assert_eq!(project.sources.iter().filter(|s| s.name.to_lowercase().contains("ministers")).count(), 1);
    // "the statement said …" is theirs, but "the statement" is no name of the ministers.
    let ministers = project.sources.iter().find(|s| s.name.to_lowercase().contains("ministers")).unwrap();
    assert!(ministers.aliases.iter().any(|a| a == "The ministers"), "{:?}", ministers.aliases);
    assert!(!ministers.aliases.iter().any(|a| a.to_lowercase().contains("statement")), "{:?}", ministers.aliases);
    let intelligence = project.sources.iter().find(|s| s.name == "intelligence").unwrap();
    assert_eq!(intelligence.kind, SourceKind::Unnamed);
    // The statement is a document the ministry published and Ukrinform relays.
    let source = |name: &str| project.sources.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("{name}"));
    let statement = source(STATEMENT);
    assert_eq!(statement.kind, SourceKind::Document);
    assert!(source("Japanese Foreign Ministry").cites.contains(&statement.id));
    assert!(source("Ukrinform").cites.contains(&statement.id));
    // The president is registered by his name, an official, the title kept in the alias.
    let zelenskyy = source("Volodymyr Zelenskyy");
    assert!(zelenskyy.cites.contains(&intelligence.id));
    assert_eq!(zelenskyy.kind, SourceKind::Official);
    // The plain text names no outlet; "Censor.NET reports, citing Ukrinform" does, and the
    // chains start there: accepting makes Censor.NET the document's publisher and outlet.
    assert_eq!(doc.outlet.as_deref(), Some("Censor.NET"));
    assert_eq!(doc.publisher.as_ref(), Some(&source("Censor.NET").id));
    assert!(zelenskyy.aliases.iter().any(|a| a == "President Volodymyr Zelenskyy"), "{:?}", zelenskyy.aliases);
}

/// The citation sentence, as a user sees it after Accept all: no claim, but the outlet, the
/// agency, the statement and its publisher marked as Source spans and the words that say so as
/// Cue spans; the Pentagon's 10,000 whole; Ryder speaking for the Pentagon; Zelenskyy's day.
#[test]
fn reference_article_marks_its_citation_sentence_and_reads_whole() {
    let project = accepted();
    let doc = &project.documents[0];
    let sentence = doc.text.split('\n').find(|l| l.starts_with("This is stated in")).unwrap();
    let start = doc.text[..doc.text.find(sentence).unwrap()].chars().count();
    let end = start + sentence.chars().count();
    let marked = |label: &str| -> Vec<&str> {
        let mut spans: Vec<_> =
            doc.annotations.iter().filter(|a| a.label == label && a.start() >= start && a.end() <= end).collect();
        spans.sort_by_key(|a| a.start());
        spans.iter().map(|a| a.quote.exact.as_str()).collect()
    };
    assert_eq!(
        marked("Source"),
        ["a statement by the ministers", "the Japanese Foreign Ministry", "Censor.NET", "Ukrinform"],
        "{:?}",
        marked("Source")
    );
    assert_eq!(marked("Cue"), ["published on", "reports", "citing"]);
    assert!(marked("Claim").is_empty(), "the citation sentence holds no claim");
    let content_of = |needle: &str| doc.claims.iter().map(|c| content(doc, c)).find(|t| t.contains(needle)).unwrap();
    assert!(content_of("about 10,000").ends_with(", which would take place over the next \"few weeks.\""));
    assert!(!content_of("about 10,000").contains('…'), "one fragment");
    // "stated that they expressed …": the "that" is the verb's, the claim starts at "they".
    assert!(content_of("serious concern over").starts_with("they expressed"), "{}", content_of("serious concern over"));
    // Pat Ryder speaks for the Pentagon: registered by his name, the mention kept as an alias.
    let ryder = project.sources.iter().find(|s| s.name == "Pat Ryder").unwrap();
    let pentagon = project.sources.iter().find(|s| s.name == "Pentagon").unwrap();
    assert_eq!((ryder.speaks_for.as_ref(), ryder.kind), (Some(&pentagon.id), SourceKind::Official));
    assert!(ryder.aliases.iter().any(|a| a == "Pentagon spokesman Pat Ryder"));
    let ryder_claim = doc.claims.iter().find(|c| c.attributed_to == [ryder.id.clone()]).unwrap();
    assert_eq!(project.chain_names(ryder_claim), ["Censor.NET", "Pat Ryder (for Pentagon)"]);
    // Zelenskyy said it on October 25 about October 27-28.
    let zelenskyy = doc.claims.iter().find(|c| names(&project, &c.attributed_to) == ["Volodymyr Zelenskyy"]).unwrap();
    let days = (zelenskyy.said_on.map(|d| d.to_string()), zelenskyy.event_date.map(|d| d.to_string()));
    assert_eq!(days, (Some("2024-10-25".to_owned()), Some("2024-10-27..2024-10-28".to_owned())));
}

/// One row of the CSV export, by the columns a user reads.
#[derive(Debug)]
struct Row {
    text: String,
    cue: String,
    sources: String,
    via: String,
    event_date: String,
    said_on: String,
    chain: String,
}

/// The reference article the way a user meets it on the command line: `import`, `suggest
/// --apply` (the same operation as the window's Accept all), then the CSV export read back.
/// The twelve claims of issue 15, plus intelligence's claim nested in Zelenskyy's and the
/// seventh in two (as above).
#[test]
fn reference_article_through_suggest_apply_and_the_csv_export() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p.claimlens.ron");
    let csv_path = tmp.path().join("claims.csv");
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join(ARTICLE);
    let run = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_claimlens")).args(args).output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(output.status.success(), "{args:?}: {stdout}\n{}", String::from_utf8_lossy(&output.stderr));
        stdout
    };
    let p = project.to_str().unwrap();
    run(&["import", article.to_str().unwrap(), "-o", p]);
    run(&["suggest", p, "--apply"]);
    run(&["export", p, "--format", "csv", "-o", csv_path.to_str().unwrap()]);
    #[allow(clippy::disallowed_methods)] // The test reads the file a user would open.
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<Row> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let cell = |name: &str| r.get(col(name)).unwrap().to_owned();
            Row {
                text: cell("claim_text"),
                cue: cell("cue"),
                sources: cell("sources"),
                via: cell("via"),
                event_date: cell("event_date"),
                said_on: cell("said_on"),
                chain: cell("chain"),
            }
        })
        .collect();
    for r in &rows {
        eprintln!("{r:?}");
    }
    assert_eq!(rows.len(), 14, "{rows:#?}");
    // No claim from the citation sentence, the "published on the website" phrase or the link line.
    for r in &rows {
        assert!(!r.text.contains("Ukrinform") && !r.text.contains("website") && !r.text.contains("ambassadors"), "{r:?}");
        assert!(!r.cue.contains("citing") && !r.cue.contains("published"), "{r:?}");
    }
    let expected_text = [
        "they were seriously concerned about the deployment of North Korean troops in Russia and were working on a joint response to such developments",
        "serious concern over the deployment of DPRK troops",
        "Several thousand DPRK troops have been deployed in Russia.",
        "condemn in the strongest possible terms",
        "stop assisting the Russian Federation",
        // "They are also "deeply concerned" about ...": the quoted words are theirs, so they are
        // the claim's, not the reporting words' (no PolNeAR cue holds a quotation mark).
        "\"deeply concerned\" about the potential for any transfer of nuclear weapons or ballistic missile-related technologies",
        "commitment to supporting Ukraine",
        "on a coordinated response to new developments",
    ];
    // Claims 1-7 (the seventh in two): the ministers, one source, through Censor.NET <-
    // Ukrinform <- the statement on the Japanese Foreign Ministry's website.
    let ministers = &rows[0].sources;
    assert!(ministers.contains("ministers") && !ministers.contains(';'), "{ministers}");
    for (r, text) in rows[..8].iter().zip(expected_text) {
        assert!(r.text.contains(text), "{text:?} not in {r:?}");
        assert_eq!(&r.sources, ministers, "{r:?}");
        assert_eq!(r.via, format!("Censor.NET; Ukrinform; {STATEMENT}"), "{r:?}");
    }
    assert!(rows[1].cue.contains("stated") && rows[2].cue.contains("said") && rows[3].cue.contains("noted"), "{rows:#?}");
    assert!(rows[4].cue.contains("called on") && rows[5].cue == "are also", "{rows:#?}");
    assert!(rows[6].cue.contains("reaffirmed") && rows[6].text.contains("commitment to supporting Ukraine"), "{:?}", rows[6]);
    assert!(rows[7].cue.contains("stated") && rows[7].text.contains("coordinated response"), "{:?}", rows[7]);
    // Claims 8-12: the outlet's own reporting, through Censor.NET alone; intelligence's through
    // Zelenskyy too.
    for (i, r) in rows.iter().enumerate().skip(8) {
        let via = if i == 10 { "Censor.NET; Volodymyr Zelenskyy" } else { "Censor.NET" };
        assert_eq!(r.via, via, "{r:?}");
        assert!(!r.sources.contains("ministers"), "{r:?}");
    }
    assert!(rows[8].sources.contains("Rutte") && rows[8].cue.contains("confirmed"), "{:?}", rows[8]);
    assert!(rows[9].sources.contains("Zelenskyy") && rows[9].text.contains("October 27-28"), "{:?}", rows[9]);
    // The event a claim speaks of (the model's event date): the days of combat it announces.
    assert_eq!(rows[9].event_date, "2024-10-27..2024-10-28", "{:?}", rows[9]);
    // When he said it (the text's "On October 25"), beside what it is about.
    assert_eq!(rows[9].said_on, "2024-10-25", "{:?}", rows[9]);
    assert_eq!(rows[10].sources, "intelligence", "{:?}", rows[10]);
    assert_eq!(rows[10].chain, "Censor.NET ← Volodymyr Zelenskyy ← intelligence", "{:?}", rows[10]);
    assert!(rows[11].sources.contains("Pentagon") && rows[11].text.contains("about 10,000"), "{:?}", rows[11]);
    // "On October 28, the Pentagon said that …": the day it was said, not the day of the sending.
    assert_eq!((rows[11].said_on.as_str(), rows[11].event_date.as_str()), ("2024-10-28", ""), "{:?}", rows[11]);
    assert!(rows[12].sources.contains("Pentagon") && rows[12].text.contains("American weapons"), "{:?}", rows[12]);
    assert!(rows[13].sources.contains("Pat Ryder") && rows[13].text.contains("Kursk region"), "{:?}", rows[13]);
    assert_eq!(rows[13].chain, "Censor.NET ← Pat Ryder (for Pentagon)", "{:?}", rows[13]);
    assert!(rows[11].text.contains("Ukraine, which would take place"), "one whole content: {:?}", rows[11]);
    // One registry source for the ministers, going by the names the text gives them.
    let saved = claimlens::store::load(&project).unwrap().project;
    let named: Vec<_> = saved.sources.iter().filter(|s| s.name.to_lowercase().contains("ministers")).collect();
    assert_eq!(named.len(), 1, "{:?}", saved.sources);
    assert!(named[0].aliases.iter().any(|a| a == "Officials of these countries"), "{:?}", named[0]);
    // The Pentagon's spokesman speaks for the Pentagon.
    let pentagon = saved.sources.iter().find(|s| s.name == "Pentagon").unwrap();
    let ryder = saved.sources.iter().find(|s| s.name.contains("Pat Ryder")).unwrap();
    assert_eq!(ryder.speaks_for.as_ref(), Some(&pentagon.id), "{ryder:?}");
}
