//! Unit tests of the brat import and export.

use super::import_brat;
use crate::model::Project;

const TEXT: &str = "Trump said the wall would be paid for. Aides agreed, it seems.";

#[test]
fn attribution_events_become_claims_with_sources() {
    let ann = "T1\tSource 0 5\tTrump\nT2\tCue 6 10\tsaid\nT3\tContent 11 37\tthe wall would be paid for\n\
               T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n#1\tAnnotatorNotes T3\tcheck this\n";
    let project = Project::new("t");
    let imp = import_brat(TEXT, ann, "t", &project);
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    let d = &imp.document;
    assert_eq!(d.annotations.len(), 3, "the trigger repeating the cue is implicit");
    assert_eq!(d.claims.len(), 1);
    let c = &d.claims[0];
    assert_eq!(d.annotation(&c.content[0]).map(|a| a.quote.exact.as_str()), Some("the wall would be paid for"));
    assert_eq!(d.annotation(&c.content[0]).map(|a| a.label.as_str()), Some("Claim"));
    assert_eq!(d.annotation(&c.content[0]).map(|a| a.note.as_str()), Some("check this"));
    assert_eq!(imp.new_sources.len(), 1);
    assert_eq!(imp.new_sources[0].name, "Trump");
    assert_eq!(c.attributed_to, vec![imp.new_sources[0].id.clone()]);
}

#[test]
fn a_trigger_shared_with_a_trigger_only_event_is_kept() {
    let ann = "T1\tCue 6 10\tsaid\nT2\tContent 11 37\tthe wall would be paid for\nT3\tAttribution 6 10\tsaid\n\
               E1\tAttribution:T3 \nE2\tAttribution:T3 Cue:T1 Content:T2\n";
    let imp = import_brat(TEXT, ann, "t", &Project::new("t"));
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    let d = &imp.document;
    assert_eq!(d.annotations.len(), 3, "the shared trigger is kept");
    assert_eq!(d.claims.len(), 1);
    assert_eq!(d.relations.len(), 1);
    assert_eq!(d.relations[0].trigger, d.claims[0].trigger);
    assert!(d.relations[0].trigger.is_some());
}

#[test]
fn fragments_out_of_order_and_ellipses_in_the_text_are_not_mismatches() {
    let text = "Aides said … it was far from the last word about the scandal.";
    // Fragments given out of text order (as PolNeAR sometimes does), and a span with a "…".
    let ann = "T1\tContent 49 60;13 42\tthe scandal it was far from the last word\nT2\tCue 0 12\tAides said …\n";
    let imp = import_brat(text, ann, "t", &Project::new("t"));
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    assert_eq!(imp.document.annotations[0].quote.exact, "it was far from the last word … the scandal");
    let wrong = "T1\tContent 0 5\tNot these words\n";
    let imp = import_brat(text, wrong, "t", &Project::new("t"));
    assert_eq!(imp.warnings.len(), 1, "a real mismatch is still reported");
}

#[test]
fn discontinuous_relations_attributes_and_bad_lines() {
    let ann = "T1\tEntity 0 5;39 44\tTrump Aides\nT2\tEntity 6 10\tsaid\nR1\tLink Arg1:T1 Arg2:T2\nA1\tNegated T2\n\
               N1\tReference T1 Wiki:1\tDonald Trump\n*\tEquiv T1 T2\nT3\tEntity 50 999\tx\nT9\tbroken\nwhat is this\n";
    let project = Project::new("t");
    let imp = import_brat(TEXT, ann, "t", &project);
    let d = &imp.document;
    assert_eq!(d.annotations.len(), 2);
    assert_eq!(d.annotations[0].ranges.len(), 2);
    assert_eq!(d.annotations[0].quote.exact, "Trump … Aides");
    assert_eq!(d.annotations[1].attributes.get("Negated").map(String::as_str), Some("true"));
    assert_eq!(d.annotations[0].attributes.get("N:Reference:Wiki:1").map(String::as_str), Some("Donald Trump"));
    assert_eq!(d.relations.len(), 2);
    assert!(imp.new_labels.is_empty(), "Entity is a default label; Link is a relation type");
    let lines: Vec<_> = imp.warnings.iter().filter_map(|w| w.line).collect();
    assert!(lines.contains(&7), "offsets past the end are reported: {:?}", imp.warnings);
    assert!(lines.contains(&8), "a broken T line is reported: {:?}", imp.warnings);
}
