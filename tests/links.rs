//! Links between claims across documents: made and undone as edits, refused when they would
//! not mean anything, saved in format version 2 and read back, orphaned links kept and listed,
//! the story of a claim (every appearance, the first one), documents tied to their publishers.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]
// Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod links_support;

use claimlens::edit::{Edit, EditError};
use claimlens::model::links::{Missing, orphaned_links, story};
use claimlens::model::{LinkKind, LinkTarget, Source, SourceKind};
use claimlens::ops;
use claimlens::store::{self, Overwrite};
use links_support::{KHAN, two_articles};

#[test]
fn a_link_is_an_undoable_edit_saved_in_the_project_file() {
    let (mut project, (usa, usa_claim), (huff, huff_claim)) = two_articles();
    let before = project.clone();
    let target = LinkTarget::Claim { document: usa.clone(), claim: usa_claim.clone() };
    let change = ops::links::link(&project, &huff, &huff_claim, LinkKind::Repeats, target.clone()).expect("op");
    assert_eq!(change.name(), "Link claim (repeats)");
    let undo = change.into_edit().apply(&mut project).expect("the link applies");
    let links = &project.document(&huff).unwrap().claim(&huff_claim).unwrap().links;
    assert_eq!(links.len(), 1);
    assert_eq!((links[0].kind, &links[0].target), (LinkKind::Repeats, &target));

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("khan.claimlens.ron");
    store::save(&path, &project, None, Overwrite::IfUnchanged).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("  version: 4,"), "the file is format version 4");
    assert!(text.contains("kind: Repeats") && text.contains(usa_claim.as_str()), "the link is in the file");
    let loaded = store::load(&path).expect("load");
    assert_eq!(loaded.project, project, "the link reads back as saved");
    assert!(loaded.orphaned_links.is_empty());

    undo.apply(&mut project).expect("undo");
    assert_eq!(project, before, "undo takes the link off");
}

#[test]
fn links_that_would_mean_nothing_are_refused() {
    let (mut project, (usa, usa_claim), (huff, huff_claim)) = two_articles();
    let to_usa = LinkTarget::Claim { document: usa.clone(), claim: usa_claim.clone() };
    let insert = |target: LinkTarget, kind| Edit::InsertLink {
        doc: huff.clone(),
        claim: huff_claim.clone(),
        index: None,
        link: claimlens::model::ClaimLink::new(kind, target),
    };
    let before = project.clone();
    // Within one document.
    let other = project.document(&huff).unwrap().claims[0].id.clone();
    let same = LinkTarget::Claim { document: huff.clone(), claim: other };
    assert!(matches!(insert(same, LinkKind::Repeats).apply(&mut project), Err(EditError::SameDocumentLink(_))));
    // To a claim or document that is not there: the operation refuses to make it.
    let gone = LinkTarget::Claim { document: usa.clone(), claim: "c-nothere".into() };
    let err = ops::links::link(&project, &huff, &huff_claim, LinkKind::Origin, gone).expect_err("refused");
    assert!(matches!(err, ops::OpError::Edit(EditError::NoClaim(_))), "{err:?}");
    let gone = LinkTarget::Span { document: "d-nothere".into(), annotation: "a-nothere".into() };
    let err = ops::links::link(&project, &huff, &huff_claim, LinkKind::Origin, gone).expect_err("refused");
    assert!(matches!(err, ops::OpError::Edit(EditError::NoDocument(_))), "{err:?}");
    assert_eq!(project, before, "refused links change nothing");
    // The same link twice.
    insert(to_usa.clone(), LinkKind::Repeats).apply(&mut project).expect("first");
    assert!(matches!(insert(to_usa.clone(), LinkKind::Repeats).apply(&mut project), Err(EditError::DuplicateLink(_))));
    insert(to_usa, LinkKind::Contradicts).apply(&mut project).expect("another kind is another link");
}

#[test]
fn the_story_of_a_claim_lists_every_appearance_and_the_first() {
    let (mut project, (usa, usa_claim), (huff, huff_claim)) = two_articles();
    let to_usa = LinkTarget::Claim { document: usa.clone(), claim: usa_claim.clone() };
    ops::links::link(&project, &huff, &huff_claim, LinkKind::Repeats, to_usa).unwrap().into_edit().apply(&mut project).unwrap();
    // Seen from either end, the same two appearances, USA Today's (2016-05-11) first.
    for (doc, claim) in [(&huff, &huff_claim), (&usa, &usa_claim)] {
        let s = story(&project, doc, claim);
        let outlets: Vec<_> = s.appearances.iter().map(|a| a.publisher.as_deref().unwrap_or("")).collect();
        assert_eq!(outlets, ["USA Today", "HuffPost"]);
        assert_eq!(s.first.as_ref().map(|a| &a.document), Some(&usa));
    }
    // Sorting by first appearance: both claims first appeared on USA Today's date.
    let first = claimlens::model::links::first_appeared;
    let may_11 = chrono::NaiveDate::from_ymd_opt(2016, 5, 11);
    assert_eq!((first(&project, &huff, &huff_claim), first(&project, &usa, &usa_claim)), (may_11, may_11));
    let unlinked = project.document(&huff).unwrap().claims.iter().find(|c| c.links.is_empty()).unwrap().id.clone();
    assert_eq!(first(&project, &huff, &unlinked), chrono::NaiveDate::from_ymd_opt(2016, 5, 16), "its own article's date");
    // An origin link names the first appearance even when a dated one is earlier.
    let to_huff_span = {
        let d = project.document(&huff).unwrap();
        let a = d.annotations.iter().find(|a| a.quote.exact.contains(KHAN)).unwrap();
        LinkTarget::Span { document: huff.clone(), annotation: a.id.clone() }
    };
    ops::links::link(&project, &usa, &usa_claim, LinkKind::Origin, to_huff_span.clone())
        .unwrap()
        .into_edit()
        .apply(&mut project)
        .unwrap();
    let s = story(&project, &usa, &usa_claim);
    assert_eq!(s.first.as_ref().map(|a| &a.target), Some(&to_huff_span));
    assert_eq!(s.appearances.len(), 3, "the two claims and the span");
    // A contradiction joins no story.
    let (mut project, (usa, usa_claim), (huff, huff_claim)) = two_articles();
    let to_usa = LinkTarget::Claim { document: usa, claim: usa_claim };
    ops::links::link(&project, &huff, &huff_claim, LinkKind::Contradicts, to_usa)
        .unwrap()
        .into_edit()
        .apply(&mut project)
        .unwrap();
    assert!(!story(&project, &huff, &huff_claim).is_linked());
}

#[test]
fn a_link_whose_document_is_gone_is_kept_and_listed_on_load() {
    let (mut project, (usa, usa_claim), (huff, huff_claim)) = two_articles();
    let to_usa = LinkTarget::Claim { document: usa.clone(), claim: usa_claim };
    ops::links::link(&project, &huff, &huff_claim, LinkKind::Reports, to_usa).unwrap().into_edit().apply(&mut project).unwrap();
    Edit::RemoveDocument(usa.clone()).apply(&mut project).expect("the linked document can be removed");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.claimlens.ron");
    store::save(&path, &project, None, Overwrite::IfUnchanged).expect("save");
    let loaded = store::load(&path).expect("a project with an orphaned link loads");
    assert_eq!(loaded.orphaned_links.len(), 1);
    let orphan = &loaded.orphaned_links[0];
    assert_eq!((&orphan.document, &orphan.claim), (&huff, &huff_claim));
    assert_eq!(orphan.missing, Missing::Document(usa));
    assert!(orphan.to_string().contains("is not in the project"), "{orphan}");
    assert_eq!(loaded.project.document(&huff).unwrap().claim(&huff_claim).unwrap().links.len(), 1, "kept");
    assert_eq!(orphaned_links(&loaded.project).len(), 1);
    // Unlinking it works like any other link.
    let change = ops::links::unlink(&loaded.project, &huff, &huff_claim, &orphan.link.id).expect("op");
    let mut project = loaded.project;
    let undo = change.into_edit().apply(&mut project).expect("unlink");
    assert!(orphaned_links(&project).is_empty());
    // Undoing puts the orphaned link back, as does undoing the deletion of its claim.
    undo.apply(&mut project).expect("undo unlink");
    assert_eq!(orphaned_links(&project).len(), 1);
    let undo = Edit::RemoveClaim(huff.clone(), huff_claim.clone()).apply(&mut project).expect("delete the claim");
    undo.apply(&mut project).expect("undo the deletion");
    assert_eq!(orphaned_links(&project).len(), 1);
}

#[test]
fn a_document_is_tied_to_the_source_that_published_it() {
    let (mut project, (usa, _), _) = two_articles();
    let source = Source::new("USA Today", SourceKind::Outlet);
    let id = source.id.clone();
    Edit::InsertSource { index: None, source }.apply(&mut project).expect("source");
    let undo = ops::links::set_publisher(&project, &usa, Some(id.clone())).unwrap().into_edit().apply(&mut project).unwrap();
    assert_eq!(project.document(&usa).unwrap().publisher.as_ref(), Some(&id));
    let err = Edit::RemoveSource(id.clone()).apply(&mut project).expect_err("a publisher is in use");
    assert!(err.to_string().contains("publisher"), "{err}");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.claimlens.ron");
    store::save(&path, &project, None, Overwrite::IfUnchanged).expect("save");
    assert_eq!(store::load(&path).expect("load").project.document(&usa).unwrap().publisher.as_ref(), Some(&id));
    undo.apply(&mut project).expect("undo");
    assert_eq!(project.document(&usa).unwrap().publisher, None);
    Edit::RemoveSource(id).apply(&mut project).expect("no longer in use");
}

#[test]
fn the_v1_fixture_is_migrated_to_the_current_version_with_its_meaning_intact() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.claimlens.ron");
    let v1 = store::load(&fixture).expect("the v1 fixture loads");
    assert_eq!((v1.from_version, v1.project.version), (1, 4));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.claimlens.ron");
    store::save(&path, &v1.project, None, Overwrite::IfUnchanged).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("  version: 4,"), "saved as version 4");
    let v2 = store::load(&path).expect("the saved file loads");
    assert_eq!(v2.from_version, 4);
    assert_eq!(v2.project, v1.project, "nothing changed meaning");
    // Field by field, as version 1 said it.
    let c = &v2.project.documents[0].claims[0];
    assert_eq!(v2.project.chain_names(c), ["Example Outlet", "Volodymyr Zelenskyy"]);
    assert!(c.links.is_empty() && v2.project.documents[0].publisher.is_none());
}

#[test]
fn a_link_to_text_with_no_claim_yet_makes_the_claim_there_in_the_same_step() {
    let (mut project, (usa, usa_claim), (huff, _)) = two_articles();
    // "Khan’s election" (HuffPost) as text of its own: a new claim there, linked from USA Today's.
    let text = &project.document(&huff).unwrap().text;
    let words = "Khan’s election";
    let start = text[..text.find(words).unwrap()].chars().count();
    let range = claimlens::anchor::CharRange::new(start, start + words.chars().count());
    let before = project.clone();
    let change =
        ops::links::link_to_new_claim(&project, &usa, &usa_claim, LinkKind::Reports, &huff, vec![range], "tester").unwrap();
    let undo = change.into_edit().apply(&mut project).expect("applies");
    let link = project.document(&usa).unwrap().claim(&usa_claim).unwrap().links[0].clone();
    let LinkTarget::Claim { document, claim } = &link.target else { panic!("a claim target") };
    assert_eq!(document, &huff);
    assert_eq!(link.target.text(&project).as_deref(), Some(words));
    assert!(project.document(&huff).unwrap().claim(claim).is_some());
    undo.apply(&mut project).expect("undo");
    assert_eq!(project, before, "one step: annotation, claim and link undone together");
}

#[test]
fn a_selection_is_the_claim_or_span_on_exactly_it_else_a_new_span_labelled_as_a_claim() {
    let (project, (usa, usa_claim), _) = two_articles();
    let d = project.document(&usa).unwrap();
    let content = d.annotation(&d.claim(&usa_claim).unwrap().content[0]).unwrap();
    let select = |ranges: &[claimlens::anchor::CharRange]| ops::links::selection_target(&project, &usa, ranges, "me").unwrap();
    // Exactly a claim's content: that claim, nothing new.
    assert_eq!(select(&content.ranges), Some((LinkTarget::Claim { document: usa.clone(), claim: usa_claim.clone() }, None)));
    // Part of it: a new span on the words, labelled with the claim role's label.
    let words = "could make both our countries less safe";
    let at = d.text[..d.text.find(words).unwrap()].chars().count();
    let part = claimlens::anchor::CharRange::new(at, at + words.chars().count() + 1);
    let (target, span) = select(&[part]).unwrap();
    let span = span.expect("a new span");
    assert_eq!(
        (span.quote.exact.as_str(), span.label.as_str()),
        (words, project.label_name_for(claimlens::model::LabelRole::Claim))
    );
    assert_eq!(target, LinkTarget::Span { document: usa.clone(), annotation: span.id.clone() });
    // Only spaces: nothing.
    let space = d.text.find(' ').map(|b| d.text[..b].chars().count()).unwrap();
    assert_eq!(select(&[claimlens::anchor::CharRange::new(space, space + 1)]), None);
}
