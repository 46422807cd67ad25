//! The reference article (Censor.NET, citing Ukrinform, on the G7 statement) imported, every
//! suggestion accepted the way `claimlens suggest --apply` and the window's Accept all do
//! (`propose` then `accept_suggestions`), and then read as a user reads it: which claims, by
//! whom, through which chain.
//!
//! The count: the twelve claims of the brief plus one. "Zelenskyy said that, according to
//! intelligence, …" gives two nested claims (Zelenskyy's, and intelligence's inside it), which
//! the text supports: intelligence is the source of Zelenskyy's source.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use claimlens::analysis::preannotate::propose;
use claimlens::model::{Claim, Document, Project, SourceId, SourceKind};
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
    assert_eq!(first, ["Censor.NET", "Ukrinform", "Japanese Foreign Ministry"], "{chains:?}");
    assert!(chains[7..].iter().all(Vec::is_empty), "{chains:?}");
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
    assert_eq!(claims.len(), 13, "{claims:#?}");
    // Nothing from the citation sentence or the link line.
    for (text, _, _) in &claims {
        assert!(!text.contains("Ukrinform") && !text.contains("website") && !text.contains("ambassadors"), "{text}");
    }
    // Claims 1-7: one source, the ministers, known through Censor.NET <- Ukrinform <- the
    // statement on the Japanese Foreign Ministry's website.
    let ministers = &claims[0].1;
    assert_eq!(ministers.len(), 1);
    assert!(ministers[0].contains("ministers"), "{ministers:?}");
    assert!(claims[0].0.starts_with("they were seriously concerned about the deployment of North Korean troops"));
    assert!(claims[2].0.contains("Several thousand DPRK troops have been deployed in Russia."));
    for (text, source, via) in &claims[..7] {
        assert_eq!(source, ministers, "{text}");
        assert_eq!(via, &["Censor.NET", "Ukrinform", "Japanese Foreign Ministry"], "{text}");
    }
    // The later "Earlier, ..." paragraphs are the outlet's own reporting: not through Ukrinform
    // (the imported text file names no outlet, so their chain is empty).
    for (text, source, via) in &claims[7..] {
        assert!(via.is_empty(), "{text}");
        assert!(!source.iter().any(|s| s.contains("ministers")), "{text}");
    }
    assert!(claims[7].1[0].contains("Rutte"));
    assert!(claims[8].1[0].contains("Zelenskyy") && claims[9].1 == ["intelligence"]);
    assert!(claims[12].1[0].contains("Pat Ryder") && claims[12].0.contains("Kursk region"));
    // One registry source for the ministers; intelligence is not a document.
    assert_eq!(project.sources.iter().filter(|s| s.name.to_lowercase().contains("ministers")).count(), 1);
    let intelligence = project.sources.iter().find(|s| s.name == "intelligence").unwrap();
    assert_ne!(intelligence.kind, SourceKind::Document);
}
