//! Unit tests of [`super`] (kept beside it to keep the module short).
use super::*;
use crate::analysis::attribution::{Attribution, Citation};
use crate::analysis::dates::DateValue;
use crate::edit::Edit;
use crate::model::labels::names;
use crate::model::{Annotation, Claim, Source, SourceKind};
use chrono::NaiveDate;

const TEXT: &str = "On October 28, the Pentagon said that about 10,000 troops were sent. \
                    The Pentagon said they could fight on October 27-28. \
                    Censor.NET reports citing Ukrinform.";

/// The char span of the `nth` (0-based) occurrence of `needle`.
fn at(needle: &str, nth: usize) -> Span {
    let byte = TEXT.match_indices(needle).nth(nth).map_or(0, |(i, _)| i);
    let start = TEXT.get(..byte).unwrap_or_default().chars().count();
    Span { start, end: start + needle.chars().count() }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

fn suggestions() -> Suggestions {
    Suggestions {
        attributions: vec![
            Attribution {
                source: Some(at("the Pentagon", 0)),
                source_name: Some("the Pentagon".into()),
                cue: at("said", 0),
                content: vec![at("about 10,000 troops were sent", 0)],
                confidence: 0.9,
            },
            Attribution {
                source: Some(at("The Pentagon", 0)),
                source_name: Some("The Pentagon".into()),
                cue: at("said", 1),
                content: vec![at("they could fight on October 27-28", 0)],
                confidence: 0.8,
            },
        ],
        citations: vec![Citation::new("Censor.NET", "Ukrinform", at("citing", 0))],
    }
}

fn dates() -> Vec<DateMention> {
    vec![
        DateMention { span: at("October 28", 0), value: DateValue::Day(day("2024-10-28")) },
        DateMention { span: at("October 27-28", 0), value: DateValue::Range(day("2024-10-27"), day("2024-10-28")) },
    ]
}

fn project() -> (Project, DocumentId) {
    let mut p = Project::new("t");
    let mut d = Document::new("d", TEXT);
    d.published = Some(day("2024-11-05"));
    let id = d.id.clone();
    p.documents.push(d);
    (p, id)
}

fn propose(p: &Project, d: &DocumentId) -> Preannotation {
    preannotate(p, d, &suggestions(), &dates(), "suggester")
}

fn apply(p: &mut Project, e: Edit) -> Edit {
    match e.apply(p) {
        Ok(inv) => inv,
        Err(err) => panic!("the edit failed: {err}"),
    }
}

fn doc(p: &Project, d: &DocumentId) -> Document {
    p.document(d).cloned().unwrap_or_else(|| Document::new("", ""))
}

fn is_empty(e: &Edit) -> bool {
    matches!(e, Edit::Batch(v) if v.is_empty())
}

#[test]
fn proposals_for_attributions_dates_and_citations() {
    let (p, d) = project();
    let pre = propose(&p, &d);
    let kinds: Vec<_> = pre.proposals.iter().map(|x| x.kind).collect();
    // The citation rides on no attribution (no cue shared, no source called Ukrinform).
    assert_eq!(
        kinds,
        [ProposalKind::Attribution, ProposalKind::Attribution, ProposalKind::Date, ProposalKind::Date, ProposalKind::Citation]
    );
    let first = &pre.proposals[0];
    assert_eq!(first.summary, "Pentagon said: \u{201c}about 10,000 troops were sent\u{201d}");
    // "On October 28, the Pentagon said …": the day it was said, not the day of what it says.
    assert_eq!((first.said_on, first.event_date), (Some(EventDate::day(day("2024-10-28"))), None));
    let second = &pre.proposals[1];
    assert_eq!(second.event_date.map(|e| e.to_string()).as_deref(), Some("2024-10-27..2024-10-28"));
    assert_eq!(pre.proposals[3].date_value.as_deref(), Some("2024-10-27..2024-10-28"));
    assert_eq!(pre.proposals[4].summary, "Censor.NET cites Ukrinform");
    let ids: std::collections::BTreeSet<_> = pre.proposals.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids.len(), pre.proposals.len());
    assert!(pre.proposals.iter().all(|x| x.conflicts.is_empty()));
}

#[test]
fn applying_twice_adds_nothing_the_second_time() {
    let (mut p, d) = project();
    let pre = propose(&p, &d);
    for prop in &pre.proposals {
        let e = crate::ops::suggestions::proposal_edit(&p, prop);
        assert!(!is_empty(&e), "{}", prop.summary);
        apply(&mut p, e);
        assert!(crate::ops::suggestions::is_applied(&p, prop), "{}", prop.summary);
    }
    let after = p.clone();
    for prop in &pre.proposals {
        assert!(is_empty(&crate::ops::suggestions::proposal_edit(&p, prop)), "{}", prop.summary);
    }
    assert!(is_empty(&crate::ops::suggestions::accept_all(&p, &d, &pre.proposals, None)));
    assert_eq!(p, after);
    let document = doc(&p, &d);
    assert_eq!(document.claims.len(), 2);
    // Two Source spans ("the Pentagon", "The Pentagon"), two cues, two contents, two dates, and
    // the citation's cue ("citing"), which is no claim.
    assert_eq!(document.annotations.len(), 9);
    let citing = document.annotations.iter().find(|a| a.quote.exact == "citing").map(|a| a.label.clone());
    assert_eq!(citing.as_deref(), Some(names::CUE));
}

#[test]
fn accept_all_registers_each_source_once_and_undoes_exactly() {
    let (mut p, d) = project();
    let before = p.clone();
    let pre = propose(&p, &d);
    let edit = crate::ops::suggestions::accept_all(&p, &d, &pre.proposals, None);
    let inverse = apply(&mut p, edit);
    let names: Vec<_> = p.sources.iter().map(|s| (s.name.as_str(), s.kind)).collect();
    assert_eq!(
        names,
        [("Pentagon", SourceKind::GovernmentBody), ("Censor.NET", SourceKind::Outlet), ("Ukrinform", SourceKind::NewsAgency)]
    );
    let pentagon = p.sources.first().map(|s| s.id.clone());
    let document = doc(&p, &d);
    assert!(document.claims.iter().all(|c| c.attributed_to.first() == pentagon.as_ref()));
    assert!(document.claims.iter().all(|c| c.source_spans.len() == 1 && c.cue.is_some()));
    apply(&mut p, inverse);
    assert_eq!(p, before);
}

#[test]
fn kind_filter() {
    let (mut p, d) = project();
    let pre = propose(&p, &d);
    let edit = crate::ops::suggestions::accept_all(&p, &d, &pre.proposals, Some(ProposalKind::Date));
    apply(&mut p, edit);
    let document = doc(&p, &d);
    assert!(document.claims.is_empty() && p.sources.is_empty());
    let values: Vec<_> = document.annotations.iter().map(|a| a.attributes.get("value").cloned().unwrap_or_default()).collect();
    assert_eq!(values, ["2024-10-28", "2024-10-27..2024-10-28"]);
    assert!(document.annotations.iter().all(|a| a.label == names::DATE && a.author == "suggester"));
}

#[test]
fn reuses_the_users_identical_annotation_and_registered_source() {
    let (mut p, d) = project();
    let index_text = TEXT.to_owned();
    let index = TextIndex::new(&index_text);
    let span = at("the Pentagon", 0);
    let mine = Annotation::new(&index, names::SOURCE, vec![CharRange::new(span.start, span.end)], "me");
    let mine_id = mine.id.clone();
    apply(&mut p, Edit::InsertAnnotation { doc: d.clone(), index: None, annotation: mine });
    let mut dod = Source::new("US Department of Defense", SourceKind::GovernmentBody);
    dod.aliases.push("Pentagon".into());
    let dod_id = dod.id.clone();
    apply(&mut p, Edit::InsertSource { index: None, source: dod });
    let pre = propose(&p, &d);
    assert!(pre.proposals[0].conflicts.is_empty(), "an identical annotation is no conflict");
    let edit = crate::ops::suggestions::proposal_edit(&p, &pre.proposals[0]);
    apply(&mut p, edit);
    let document = doc(&p, &d);
    let claim = document.claims.first().cloned().unwrap_or_else(|| Claim::new(Vec::new()));
    assert_eq!(claim.source_spans, [mine_id]);
    assert_eq!(claim.attributed_to, [dod_id]);
    // The registered source is reused, never registered twice (the chain's outlets are new).
    assert_eq!(p.sources.iter().filter(|s| crate::edit::changeset::source_goes_by(s, "Pentagon")).count(), 1);
    assert!(claim.via.iter().all(|v| v != &claim.attributed_to[0]), "a claim's source is not in its own chain");
    assert_eq!(document.annotations.iter().filter(|a| a.label == names::SOURCE).count(), 1);
}

#[test]
fn overlapping_annotation_of_another_label_is_a_conflict_not_a_stop() {
    let (mut p, d) = project();
    let index_text = TEXT.to_owned();
    let index = TextIndex::new(&index_text);
    let span = at("Pentagon", 0);
    let entity = Annotation::new(&index, names::ENTITY, vec![CharRange::new(span.start, span.end)], "me");
    let entity_id = entity.id.clone();
    apply(&mut p, Edit::InsertAnnotation { doc: d.clone(), index: None, annotation: entity });
    let pre = propose(&p, &d);
    let conflicts = &pre.proposals[0].conflicts;
    assert_eq!(conflicts.len(), 1);
    assert_eq!((conflicts[0].annotation.clone(), conflicts[0].role), (entity_id, SpanRole::Source));
    let edit = crate::ops::suggestions::proposal_edit(&p, &pre.proposals[0]);
    apply(&mut p, edit);
    let document = doc(&p, &d);
    assert_eq!(document.annotations.len(), 4, "the entity plus Source, Cue and Claim");
}

#[test]
fn citation_adds_cites_and_never_a_cycle() {
    let (mut p, d) = project();
    let pre = propose(&p, &d);
    let citation = pre.of_kind(ProposalKind::Citation).next().cloned();
    let Some(citation) = citation else { panic!("no citation proposal") };
    let edit = crate::ops::suggestions::proposal_edit(&p, &citation);
    apply(&mut p, edit);
    let censor = p.source_named("Censor.NET").cloned();
    let ukrinform = p.source_named("Ukrinform").map(|s| s.id.clone());
    assert_eq!(censor.map(|s| s.cites), ukrinform.map(|u| vec![u]));

    // Ukrinform already cites Censor.NET: the reverse link would close a cycle.
    let (mut p, d) = project();
    let censor = Source::new("Censor.NET", SourceKind::Outlet);
    let mut ukrinform = Source::new("Ukrinform", SourceKind::NewsAgency);
    ukrinform.cites.push(censor.id.clone());
    apply(&mut p, Edit::InsertSource { index: None, source: censor });
    apply(&mut p, Edit::InsertSource { index: None, source: ukrinform });
    let before = p.clone();
    let pre = propose(&p, &d);
    let Some(citation) = pre.of_kind(ProposalKind::Citation).next() else { panic!("no citation proposal") };
    // Only its words are marked ("citing"); no source changes.
    let e = crate::ops::suggestions::proposal_edit(&p, citation);
    assert!(matches!(&e, Edit::Batch(v) if v.iter().all(|x| matches!(x, Edit::InsertAnnotation { .. }))), "{e:?}");
    let edit = crate::ops::suggestions::accept_all(&p, &d, &pre.proposals, None);
    apply(&mut p, edit);
    assert_eq!(p.sources[..2], before.sources[..2]);
}

#[test]
fn citation_rides_on_the_attribution_sharing_its_cue() {
    let (p, d) = project();
    let mut s = suggestions();
    s.attributions.push(Attribution {
        source: Some(at("Censor.NET", 0)),
        source_name: Some("Censor.NET".into()),
        cue: at("citing", 0),
        content: vec![at("they could fight", 0)],
        confidence: 0.5,
    });
    let pre = preannotate(&p, &d, &s, &[], "x");
    assert_eq!(pre.of_kind(ProposalKind::Citation).count(), 0);
    let carrier = pre.proposals.iter().find(|x| !x.citations.is_empty());
    assert!(carrier.is_some_and(|c| c.summary.ends_with("(Censor.NET cites Ukrinform)")), "{pre:#?}");
}

#[test]
fn missing_labels_are_added_and_pronouns_are_no_source() {
    let (mut p, d) = project();
    p.labels.retain(|l| l.name != names::CUE);
    let mut s = suggestions();
    s.attributions.truncate(1);
    if let Some(a) = s.attributions.first_mut() {
        a.source_name = Some("he".into());
        a.source = Some(at("the", 0));
    }
    let pre = preannotate(&p, &d, &s, &[], "x");
    assert_eq!(pre.proposals[0].source_name, None);
    assert!(pre.proposals[0].summary.starts_with("(said, no source)"), "{}", pre.proposals[0].summary);
    let edit = crate::ops::suggestions::proposal_edit(&p, &pre.proposals[0]);
    apply(&mut p, edit);
    assert!(p.label(names::CUE).is_some());
    // "he" is registered as no source; the only sources are the chain's (Censor.NET cites Ukrinform).
    assert!(p.sources.iter().all(|s| !crate::text::is_pronoun(&s.name)), "{:?}", p.sources);
    assert!(doc(&p, &d).claims.iter().all(|c| c.attributed_to.is_empty()));
}

#[test]
fn unknown_document_gives_nothing() {
    let (p, _) = project();
    let other = DocumentId::from("nope");
    assert!(propose(&p, &other).proposals.is_empty());
    assert!(is_empty(&crate::ops::suggestions::accept_all(&p, &other, &[], None)));
}

#[test]
fn display_names() {
    assert_eq!(source_display_name("the Pentagon"), "Pentagon");
    assert_eq!(source_display_name("The ministers"), "The ministers");
    assert_eq!(source_display_name("  Pat\nRyder, "), "Pat Ryder");
}

#[test]
fn headings_and_link_lines_give_no_proposals() {
    let text = "Zelenskyy says the troops are ready\n\nThe Pentagon said that about 10,000 troops were sent.\n\nRead more: Klitschko says the police pressure mayors";
    let mut p = Project::new("t");
    let d = Document::new("d", text);
    let id = d.id.clone();
    p.documents.push(d);
    let heading_end = text.find('\n').unwrap_or(0);
    let link_start = text.find("Read more").map_or(0, |b| text[..b].chars().count());
    // The suggester alone reads the heading as an attribution; the proposals leave it out.
    assert!(super::super::attribution::suggest(text).attributions.iter().any(|a| a.cue.start < heading_end));
    let pre = super::propose(&p, &id, "suggester");
    let cues: Vec<Span> = pre
        .of_kind(ProposalKind::Attribution)
        .filter_map(|p| p.span(SpanRole::Cue))
        .flat_map(|s| s.ranges.iter().map(|r| Span { start: r.start, end: r.end }))
        .collect();
    assert_eq!(cues.len(), 1, "{:?}", pre.proposals);
    assert!(cues.iter().all(|c| c.start > heading_end && c.start < link_start), "{cues:?}");
}

#[test]
fn mentions_of_one_actor_become_one_source_with_aliases_and_a_registered_one_is_preferred() {
    let text = "The foreign ministers of the Group of Seven said they were concerned.\n\nThe ministers noted that they condemn the purchase.\n\nOfficials of these countries stated that they expressed concern.";
    let mut p = Project::new("t");
    let d = Document::new("d", text);
    let id = d.id.clone();
    p.documents.push(d);
    let pre = super::propose(&p, &id, "suggester");
    let names: Vec<Option<String>> = pre.of_kind(ProposalKind::Attribution).map(|p| p.source_name.clone()).collect();
    assert_eq!(names.len(), 3, "{:?}", pre.proposals);
    assert!(names.iter().all(|n| n == &names[0]), "{names:?}");
    let e = crate::ops::suggestions::accept_all(&p, &id, &pre.proposals, None);
    apply(&mut p, e);
    assert_eq!(p.sources.len(), 1, "{:?}", p.sources);
    assert_eq!(p.sources[0].aliases, ["The ministers", "Officials of these countries"]);
    // Another document's mention of the ministers, where the user's claims already name the
    // registered source under another name: that source, not a new one.
    let user = Source::new("G7 foreign ministers", SourceKind::Official);
    let user_id = user.id.clone();
    apply(&mut p, Edit::InsertSource { index: None, source: user });
    let mut q = Project::new("q");
    q.sources = p.sources.iter().filter(|s| s.id == user_id).cloned().collect();
    let mut d2 = Document::new("d2", "The Group of Seven ministers said they were concerned.");
    let index_text = d2.text.clone();
    let index = TextIndex::new(&index_text);
    let content = Annotation::new(&index, names::CLAIM, vec![CharRange::new(0, 3)], "me");
    let mut claim = Claim::new(vec![content.id.clone()]);
    claim.attributed_to = vec![user_id.clone()];
    d2.annotations.push(content);
    d2.claims.push(claim);
    let id2 = d2.id.clone();
    q.documents.push(d2);
    let pre = super::propose(&q, &id2, "suggester");
    let preferred: Vec<_> = pre.of_kind(ProposalKind::Attribution).filter_map(|p| p.source_name.clone()).collect();
    assert_eq!(preferred, ["G7 foreign ministers"], "{:?}", pre.proposals);
}

/// A content the tagger left a gap in is whole again; a quote split by its own cue and source
/// stays two fragments; a claim stated inside another's is known through it; a spokesman is
/// registered by name, speaking for the body; the day it was said is the date before its cue.
#[test]
fn contents_whole_nested_chains_speakers_and_days() {
    let text = "On Friday, Pentagon spokesman Pat Ryder said that, according to intelligence, troops \
                went to Kursk, which would take days. \"We stay,\" the minister said, \"and we win.\" \
                That deal was bad, Jones said. Smith stated that talks go on.";
    let find = |needle: &str| {
        let byte = text.find(needle).unwrap_or(0);
        let start = text.get(..byte).unwrap_or_default().chars().count();
        Span { start, end: start + needle.chars().count() }
    };
    let attribution = |source: &str, cue: &str, content: Vec<Span>| Attribution {
        source: Some(find(source)),
        source_name: Some(source.to_owned()),
        cue: find(cue),
        content,
        confidence: 0.9,
    };
    let suggestions = Suggestions {
        attributions: vec![
            attribution(
                "Pentagon spokesman Pat Ryder",
                "said that",
                vec![find("according to intelligence, troops went to Kursk")],
            ),
            attribution("intelligence", "according to", vec![find("troops went to Kursk"), find("days")]),
            attribution("the minister", "said, ", vec![find("We stay,"), find("and we win.")]),
            attribution("Jones", "said.", vec![find("That deal was bad")]),
            attribution("Smith", "stated", vec![find("that talks go on")]),
        ],
        citations: Vec::new(),
    };
    let mut p = Project::new("t");
    let mut d = Document::new("d", text);
    d.published = Some(day("2024-11-05"));
    let id = d.id.clone();
    p.documents.push(d);
    let dates = crate::analysis::dates::find_dates(text, Some(day("2024-11-05")));
    let pre = preannotate(&p, &id, &suggestions, &dates, "suggester");
    let attributions: Vec<&Proposal> = pre.of_kind(ProposalKind::Attribution).collect();
    let content = |p: &Proposal| p.span(SpanRole::Content).map(|s| (s.ranges.len(), s.text.clone())).unwrap_or_default();
    assert_eq!(content(attributions[1]), (1, "troops went to Kursk, which would take days".to_owned()));
    assert_eq!(content(attributions[2]).0, 2, "the minister's quote stays split by its cue");
    // "stated that talks go on": the "that" is the verb's; "That deal was bad, Jones said" keeps it.
    assert_eq!(content(attributions[3]).1, "That deal was bad");
    assert_eq!(content(attributions[4]).1, "talks go on");
    assert_eq!(attributions[0].source_name.as_deref(), Some("Pat Ryder"));
    assert_eq!(attributions[0].speaks_for.as_deref(), Some("Pentagon"));
    assert_eq!(attributions[0].said_on, Some(EventDate::day(day("2024-11-01"))), "Friday before publication");
    assert_eq!(attributions[1].via.last().map(String::as_str), Some("Pat Ryder"), "{:?}", attributions[1].via);
    assert_eq!(attributions[1].said_on, None, "when intelligence said it, the text does not say");
    // Accepted: Pat Ryder is an official speaking for the Pentagon, and cites intelligence.
    let e = crate::ops::suggestions::accept_all(&p, &id, &pre.proposals, None);
    apply(&mut p, e);
    let ryder = p.source_named("Pat Ryder").cloned().unwrap_or_else(|| Source::new("", SourceKind::Person));
    let pentagon = p.source_named("Pentagon").map(|s| s.id.clone());
    let intelligence = p.source_named("intelligence").map(|s| (s.id.clone(), s.kind));
    assert_eq!((ryder.kind, ryder.speaks_for), (SourceKind::Official, pentagon));
    assert_eq!(intelligence.as_ref().map(|i| i.1), Some(SourceKind::Unnamed));
    assert_eq!(ryder.cites, intelligence.map(|i| vec![i.0]).unwrap_or_default());
}
