//! Adjudicating two annotators of the same `PolNeAR` training articles: every pair of the six
//! has differences; taking theirs for all of them makes my project agree with theirs exactly,
//! keeping both makes mine hold all of theirs, and each settlement undoes in one step.

// Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::disallowed_methods)]

#[path = "common/polnear.rs"]
mod polnear;

use claimlens::edit::History;
use claimlens::ops::adjudicate::{Choice, DifferenceKind, differences, resolve};
use claimlens::ops::compare::compare;
use polnear::{ANNOTATORS, project_of};

/// Settles every difference of `mine` with `theirs` the way `choice` says, in one step.
fn settle_all(mine: &mut claimlens::model::Project, theirs: &claimlens::model::Project, choice: Choice, history: &mut History) {
    let diffs = differences(mine, theirs);
    let all: Vec<_> = diffs.items.iter().collect();
    let changeset = resolve(mine, theirs, &all, choice).unwrap();
    history.apply_changeset(mine, changeset).unwrap();
}

#[test]
fn taking_theirs_for_every_difference_makes_two_annotators_agree_exactly() {
    let projects: Vec<_> = ANNOTATORS.iter().map(|a| project_of(a)).collect();
    for (i, mine) in projects.iter().enumerate() {
        for theirs in projects.iter().skip(i + 1) {
            let found = differences(mine, theirs);
            assert!(found.skipped.is_empty() && found.only_mine.is_empty(), "the same four articles pair up");
            assert!(
                found.items.iter().any(|d| d.kind == DifferenceKind::OnlyTheirs)
                    && found.items.iter().any(|d| d.kind == DifferenceKind::OnlyMine),
                "{} and {} disagree somewhere",
                mine.title,
                theirs.title
            );
            let mut settled = mine.clone();
            let mut history = History::new();
            settle_all(&mut settled, theirs, Choice::Theirs, &mut history);
            let after = differences(&settled, theirs);
            let left: Vec<_> = after.items.iter().map(|d| (d.kind, d.quote.clone())).collect();
            assert!(left.is_empty(), "{} vs {}: still different after taking theirs: {left:?}", mine.title, theirs.title);
            for (label, agreement) in &compare(&settled, theirs).total.labels {
                assert!(
                    (agreement.exact.f1() - 1.0).abs() < 1e-9 || agreement.exact.reference + agreement.exact.other == 0,
                    "{label}: exact F1 {} after taking theirs",
                    agreement.exact.f1()
                );
            }
            history.undo(&mut settled).unwrap();
            assert_eq!(&settled, mine, "one undo puts my annotations back");
        }
    }
}

#[test]
fn keeping_both_keeps_all_of_mine_and_adds_all_of_theirs() {
    let (mine, theirs) = (project_of("4b22"), project_of("d473"));
    let mut both = mine.clone();
    let mut history = History::new();
    settle_all(&mut both, &theirs, Choice::Both, &mut history);
    let count = |p: &claimlens::model::Project| p.documents.iter().map(|d| d.annotations.len()).sum::<usize>();
    assert!(count(&both) > count(&mine), "their spans were added");
    for (mine_doc, both_doc) in mine.documents.iter().zip(&both.documents) {
        for a in &mine_doc.annotations {
            assert!(both_doc.annotation(&a.id).is_some_and(|b| b.label == a.label), "mine kept: {}", a.quote.exact);
        }
        assert!(mine_doc.claims.iter().all(|c| both_doc.claim(&c.id).is_some()), "my claims kept");
    }
    // With my merged project as reference, every one of their spans is found.
    for (label, agreement) in &compare(&both, &theirs).total.labels {
        assert_eq!(agreement.exact.matched, agreement.exact.other, "{label}: all of theirs are in mine");
    }
    let authors: std::collections::BTreeSet<&str> =
        both.documents.iter().flat_map(|d| &d.annotations).map(|a| a.author.as_str()).collect();
    assert_eq!(authors, ["4b22", "d473"].into_iter().collect(), "each annotation keeps who made it");
}

#[test]
fn keeping_mine_changes_nothing() {
    let (mine, theirs) = (project_of("5fec"), project_of("6b86"));
    let diffs = differences(&mine, &theirs);
    let all: Vec<_> = diffs.items.iter().collect();
    assert!(resolve(&mine, &theirs, &all, Choice::Mine).unwrap().is_empty());
}

#[test]
fn the_command_line_prints_the_same_differences_and_table_as_the_window() {
    let dir = std::env::temp_dir().join(format!("claimlens-adjudicate-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("a.claimlens.ron"), dir.join("b.claimlens.ron"));
    let (pa, pb) = (project_of("4b22"), project_of("4e07"));
    claimlens::store::save(&a, &pa, None, claimlens::store::Overwrite::Force).unwrap();
    claimlens::store::save(&b, &pb, None, claimlens::store::Overwrite::Force).unwrap();
    let run = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_claimlens"))
            .arg("compare")
            .args([&a, &b])
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let listed = run(&["--differences"]);
    let expected = differences(&pa, &pb).items.len();
    assert!(listed.ends_with(&format!("{expected} differences\n")), "{listed}");
    assert_eq!(listed.lines().filter(|l| l.starts_with("Only theirs\t")).count(), {
        differences(&pa, &pb).items.iter().filter(|d| d.kind == DifferenceKind::OnlyTheirs).count()
    });
    let csv = run(&["--table", "csv"]);
    assert!(csv.starts_with("\u{feff}scope,label,mine,theirs,exact_p"), "{csv}");
    let total = compare(&pa, &pb).total;
    let source = &total.labels["Source"];
    let row = csv.lines().find(|l| l.starts_with("All documents,Source,")).expect("a Source row over all documents");
    assert!(row.contains(&format!(",{:.3},", source.exact.f1())), "{row}");
    let markdown = run(&["--table", "markdown"]);
    assert!(markdown.starts_with("# Agreement of b.claimlens.ron with a.claimlens.ron"), "{markdown}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Two annotators who agree on a claim but not on the day it was said: the difference is listed
/// with both days, and taking theirs takes their day.
#[test]
fn a_claim_said_on_another_day_is_a_difference_and_taking_theirs_takes_the_day() {
    use claimlens::model::EventDate;
    let mine = project_of("4b22");
    let mut theirs = mine.clone();
    let (doc, claim) = theirs.documents.iter_mut().find_map(|d| Some((d.id.clone(), d.claims.first_mut()?))).unwrap();
    let day = EventDate::parse("2016-10-02").unwrap();
    claim.said_on = Some(day);
    let claim_id = claim.id.clone();
    let found = differences(&mine, &theirs);
    assert_eq!(found.items.len(), 1, "only the day differs");
    let d = &found.items[0];
    assert_eq!(d.kind, DifferenceKind::OtherChain);
    assert!(d.theirs_says.contains("said on 2016-10-02") && !d.mine_says.contains("said on"), "{d:?}");
    let mut settled = mine.clone();
    let mut history = History::new();
    settle_all(&mut settled, &theirs, Choice::Theirs, &mut history);
    let taken = settled.document(&doc).and_then(|d| d.claim(&claim_id)).unwrap();
    assert_eq!(taken.said_on, Some(day));
    assert!(differences(&settled, &theirs).items.is_empty());
}
