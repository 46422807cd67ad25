//! Claim matching on real stories: `PolNeAR` train articles of different outlets that report
//! the same 2016 campaign quotes. The pairs `claimlens match` proposes, `--apply` writing the
//! links into the file (read back), `--spans` on a document without claims, and the provenance
//! picture of the linked project.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use claimlens::analysis::claim_match::{DEFAULT_THRESHOLD, MatchKind};
use claimlens::analysis::provenance::{EdgeKind, project_graph};
use claimlens::cli::{Command, run};
use claimlens::model::{LinkKind, LinkTarget, Project};
use claimlens::ops::matching::{LinkProposal, accept_links, propose_links};
use claimlens::store;
use claimlens::testdata::polnear_project;

/// Four stories, each told by two outlets: (later article, earlier article, words both quote);
/// the second pair was published the same day.
const STORIES: [(&str, &str, &str); 4] = [
    (
        "huff-post_2016-05-16_trump-says-he-s-unlikely-to-have",
        "usa-today_2016-05-11_london-s-muslim-mayor-rebuffs-tr",
        "ignorant view of Islam could make both our countries less safe",
    ),
    (
        "politico_2016-03-10_hillary-clinton-s-backseat-drive",
        "wash-post_2016-03-10_scrappy-debate-signals-long-grin",
        "misleading to imply that TARP II was an auto bailout",
    ),
    (
        "breitbart_2016-05-18_trump-s-investments-include-comp",
        "nyt_2016-01-30_traditionally-democrat-unions-ar",
        "I will never eat them again",
    ),
    (
        "politico_2016-02-05_obama-slams-gop-s-doom-and-despa",
        "nyt_2016-01-14_america-the-shiny-or-gloomy-obam",
        "economy is in decline is peddling fiction",
    ),
];

fn stories() -> Project {
    polnear_project(&["train"], &|name| STORIES.iter().any(|(a, b, _)| name == *a || name == *b)).expect("PolNeAR reads")
}

fn file_name(project: &Project, p: &claimlens::ops::matching::Appearance) -> String {
    let d = project.document(&p.document).unwrap();
    d.origin.as_ref().and_then(|o| o.file_name.clone()).unwrap().trim_end_matches(".txt").to_owned()
}

fn pair_of<'a>(project: &Project, pairs: &'a [LinkProposal], words: &str) -> Option<&'a LinkProposal> {
    let normal = |s: &str| s.replace(['\u{2019}', '\u{2018}'], "'");
    pairs.iter().find(|p| {
        normal(&p.from.text).contains(words) && normal(&p.to.text).contains(words) && project.document(&p.from.document).is_some()
    })
}

#[test]
fn the_same_quotes_in_different_outlets_are_proposed_later_to_earlier() {
    let project = stories();
    assert_eq!(project.documents.len(), 8);
    let pairs = propose_links(&project, DEFAULT_THRESHOLD, false);
    for (later, earlier, words) in STORIES {
        let p = pair_of(&project, &pairs, words).unwrap_or_else(|| panic!("no pair quoting {words:?} in {pairs:#?}"));
        let (from, to) = (file_name(&project, &p.from), file_name(&project, &p.to));
        assert!((from.as_str(), to.as_str()) == (later, earlier) || (from.as_str(), to.as_str()) == (earlier, later), "{words}");
        let day = |a: &claimlens::ops::matching::Appearance| project.document(&a.document).unwrap().published;
        assert!(day(&p.from) >= day(&p.to), "from the later article to the earlier: {from} -> {to}");
        assert!(matches!(p.kind, MatchKind::Verbatim | MatchKind::NearVerbatim), "{:?}", p.kind);
        assert!(p.score >= DEFAULT_THRESHOLD);
    }
    for p in &pairs {
        assert_ne!(p.from.document, p.to.document, "never within one document");
    }
    // These eight articles tell four stories: nothing else is taken for the same claim.
    assert_eq!(pairs.len(), STORIES.len(), "{:#?}", pairs.iter().map(|p| (&p.from.text, &p.to.text)).collect::<Vec<_>>());
}

#[test]
fn match_apply_writes_one_repeats_link_per_pair_and_the_picture_draws_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stories.claimlens.ron");
    store::save(&path, &stories(), None, store::Overwrite::Force).unwrap();
    let mut out = Vec::new();
    let command = Command::Match { project: path.clone(), apply: false, spans: false, threshold: DEFAULT_THRESHOLD };
    run(command, &mut out).unwrap();
    let printed = String::from_utf8(out).unwrap();
    assert!(printed.lines().any(|l| l.contains("huff-post_2016-05-16") && l.contains("<- usa-today_2016-05-11")), "{printed}");
    assert!(printed.contains("4 pairs"), "{printed}");
    assert_eq!(store::load(&path).unwrap().project, store::load(&path).unwrap().project, "printing writes nothing");

    let mut out = Vec::new();
    run(Command::Match { project: path.clone(), apply: true, spans: false, threshold: DEFAULT_THRESHOLD }, &mut out).unwrap();
    let project = store::load(&path).unwrap().project;
    let links: Vec<_> = project
        .documents
        .iter()
        .flat_map(|d| d.claims.iter().flat_map(move |c| c.links.iter().map(move |l| (d, c, l))))
        .collect();
    assert_eq!(links.len(), 4, "one link per pair, in the file");
    for (d, _, l) in &links {
        assert_eq!(l.kind, LinkKind::Repeats);
        let LinkTarget::Claim { document, claim } = &l.target else { panic!("a claim target") };
        let target = project.document(document).unwrap();
        assert!(target.claim(claim).is_some());
        assert!(target.published <= d.published, "from the later article to the earlier");
    }
    let graph = project_graph(&project);
    let repeats = graph.edges.iter().filter(|e| e.kind == EdgeKind::Repeats).count();
    assert_eq!(repeats, 4, "the picture draws every link");
    let earliest: Vec<&str> =
        graph.nodes.iter().filter(|n| n.earliest && n.kind == "Article").map(|n| n.label.as_str()).collect();
    assert!(earliest.contains(&"USA Today") && earliest.contains(&"New York Times"), "{earliest:?}");

    // Applying again adds nothing: the links are there.
    let again = accept_links(&project, &propose_links(&project, DEFAULT_THRESHOLD, false)).unwrap();
    assert!(again.edits().is_empty(), "{:?}", again.edits());
}

#[test]
fn spans_match_the_suggested_attributions_of_a_document_without_claims() {
    let mut project = polnear_project(&["train"], &|name| name == STORIES[0].0 || name == STORIES[0].1).unwrap();
    // The later article has no claims yet: only its text and the suggester.
    let later = project
        .documents
        .iter()
        .position(|d| d.origin.as_ref().unwrap().file_name.as_deref().unwrap().starts_with("huff-post"))
        .unwrap();
    project.documents[later].claims.clear();
    assert!(propose_links(&project, DEFAULT_THRESHOLD, false).is_empty(), "without --spans nothing to match");
    let pairs = propose_links(&project, DEFAULT_THRESHOLD, true);
    let p = pair_of(&project, &pairs, STORIES[0].2).expect("Khan's words found in the suggestions");
    assert!(p.from.claim.is_none() && p.from.suggestion.is_some(), "the later side is a suggested attribution");
    let changeset = accept_links(&project, std::slice::from_ref(p)).unwrap();
    let before = project.clone();
    let undo = changeset.into_edit().apply(&mut project).unwrap();
    let d = &project.documents[later];
    let linked: Vec<_> = d.claims.iter().filter(|c| !c.links.is_empty()).collect();
    assert_eq!(linked.len(), 1, "the suggestion became a claim with its link");
    assert!(d.annotation(&linked[0].content[0]).unwrap().quote.exact.replace('\u{2019}', "'").contains(STORIES[0].2));
    undo.apply(&mut project).unwrap();
    assert_eq!(project, before, "one undo step takes it all back");
}
