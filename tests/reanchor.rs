//! Re-anchoring on the reference article: realistic updates of a published article move every
//! annotation of the bundled sample with its text, and what is gone becomes an orphan rather
//! than landing on a similar sentence.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use claimlens::anchor::slice_chars;
use claimlens::model::{Document, Project};
use claimlens::reanchor::{Placement, update_text};
use claimlens::store;
use std::path::Path;

fn sample() -> Project {
    store::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.claimlens.ron")).unwrap().project
}

/// Updates the sample's article to `new_text`; returns the updated document and the orphans' ids.
fn update(new_text: &str) -> (Document, Document, Vec<String>) {
    let mut p = sample();
    let before = p.documents[0].clone();
    let (edit, report) = update_text(&p, &before.id, new_text).unwrap();
    edit.apply(&mut p).unwrap();
    let placed: usize = report.placements.iter().filter(|(_, how)| *how != Placement::Orphan).count();
    assert_eq!(placed + report.orphans.len(), before.annotations.len());
    (before, p.documents[0].clone(), report.orphans.iter().map(ToString::to_string).collect())
}

#[test]
fn a_deleted_paragraph_orphans_its_annotations_and_nothing_lands_on_a_similar_sentence() {
    let text = sample().documents[0].text.clone();
    let para = "The Pentagon said that Ukrainian troops could use the American weapons provided to them against the North Korean military if the DPRK enters the war against Ukraine on the side of Russia.\n\n";
    assert!(text.contains(para));
    let (before, after, mut orphans) = update(&text.replacen(para, "", 1));
    orphans.sort();
    // "The Pentagon said" starts another paragraph too; the deleted one's cue must not move there.
    assert_eq!(orphans, ["a-claim-weapons", "a-cue-pentagon-weapons-said", "a-src-pentagon-weapons"]);
    for (old, new) in before.annotations.iter().zip(&after.annotations) {
        if !orphans.contains(&old.id.to_string()) {
            assert_eq!(old.quote.exact, new.quote.exact, "{} kept its text", old.id);
            assert_eq!(slice_chars(&after.text, new.ranges[0]), old.quote.exact);
        }
    }
}

#[test]
fn edits_of_a_published_article_move_every_annotation_with_its_text() {
    let text = sample().documents[0].text.clone();
    let new_text = text
        .replace("seriously concerned about", "very seriously concerned about")
        .replace("Censor.NET reports citing Ukrinform.", "Censor.NET reports, citing Ukrinform.")
        .replace("Read more: Klitschko in presence of G7 ambassadors says law enforcement is putting pressure on local authorities\n\n", "")
        .replace("On October 28, the Pentagon said", "UPDATE: Russia denied the reports.\n\nOn October 28, the Pentagon said")
        .replace("approximately several thousand", "about 3,000");
    let (_, after, orphans) = update(&new_text);
    assert_eq!(orphans, ["a-num-approx-several-thousand"], "only the replaced figure is gone");
    let quote = |id: &str| after.annotations.iter().find(|a| a.id.to_string() == id).unwrap().quote.exact.clone();
    assert_eq!(
        quote("a-claim-concern"),
        "they were very seriously concerned about the deployment of North Korean troops in Russia"
    );
    assert_eq!(quote("a-src-ryder"), "Pentagon spokesman Pat Ryder");
    assert_eq!(quote("a-cue-citing"), "citing");
    for a in &after.annotations {
        if let Some(r) = a.ranges.first() {
            assert_eq!(slice_chars(&after.text, *r), a.quote.exact.split(" … ").next().unwrap(), "{}", a.id);
        }
    }
}
