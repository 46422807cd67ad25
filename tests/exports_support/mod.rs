//! Helpers shared by the integration tests.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::assigning_clones)]

use claimlens::anchor::CharRange;
use claimlens::model::{AnnotationId, Document, Project};
use std::collections::BTreeMap;

/// An annotation without its id: label and ranges.
pub type Span = (String, Vec<CharRange>);

/// A document's annotations, claims and relations with ids replaced by what they point at,
/// sorted, so that two documents that differ only in ids and order compare equal.
pub fn canonical(project: &Project, document: &Document) -> String {
    let span = |id: &AnnotationId| -> Span {
        document.annotation(id).map_or_else(|| ("<missing>".into(), vec![]), |a| (a.label.clone(), a.ranges.clone()))
    };
    let mut annotations: Vec<String> = document
        .annotations
        .iter()
        .map(|a| format!("{:?} {:?} note={:?} attrs={:?} quote={:?}", a.label, a.ranges, a.note, a.attributes, a.quote))
        .collect();
    annotations.sort();
    // An event argument that is an event (`arg:ROLE`) by what that event is, not its id.
    let attrs = |attributes: &BTreeMap<String, String>| -> BTreeMap<String, String> {
        attributes
            .iter()
            .map(|(k, v)| {
                let shown = if k.starts_with("arg:") { event_name(document, v, &span) } else { v.clone() };
                (k.clone(), shown)
            })
            .collect()
    };
    let source_name =
        |id: &claimlens::model::SourceId| project.source(id).map_or_else(|| format!("<missing {id}>"), |s| s.name.clone());
    let mut claims: Vec<String> = document
        .claims
        .iter()
        .map(|c| {
            let content: Vec<Span> = c.content.iter().map(span).collect();
            let sources: Vec<Span> = c.source_spans.iter().map(span).collect();
            let attributed: Vec<String> = c.attributed_to.iter().map(source_name).collect();
            format!(
                "content={content:?} cue={:?} sources={sources:?} trigger={:?} type={:?} attributed={attributed:?} verdict={:?} date={:?} said={:?} note={:?} attrs={:?}",
                c.cue.as_ref().map(span),
                c.trigger.as_ref().map(span),
                c.event_type,
                c.verdict,
                c.event_date,
                c.said_on,
                c.note,
                attrs(&c.attributes)
            )
        })
        .collect();
    claims.sort();
    let mut relations: Vec<String> = document
        .relations
        .iter()
        .map(|r| {
            let args: Vec<(String, Span)> = r.args.iter().map(|(role, a)| (role.clone(), span(a))).collect();
            format!(
                "{:?} {:?} trigger={:?} args={args:?} attrs={:?} note={:?}",
                r.kind,
                r.label,
                r.trigger.as_ref().map(span),
                attrs(&r.attributes),
                r.note
            )
        })
        .collect();
    relations.sort();
    let mut out = String::new();
    for (title, list) in [("annotations", annotations), ("claims", claims), ("relations", relations)] {
        out.push_str(title);
        out.push_str(":\n");
        for line in list {
            out.push_str("  ");
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// The claim or event relation with claimlens id `id`, by its type and trigger (or content).
fn event_name(document: &Document, id: &str, span: &dyn Fn(&AnnotationId) -> Span) -> String {
    if let Some(r) = document.relations.iter().find(|r| r.id.as_str() == id) {
        return format!("event {:?} trigger={:?}", r.label, r.trigger.as_ref().map(span));
    }
    if let Some(c) = document.claims.iter().find(|c| c.id.as_str() == id) {
        return format!("claim content={:?}", c.content.iter().map(span).collect::<Vec<_>>());
    }
    format!("<missing {id}>")
}

/// Counts of each distinct item, for multiset comparisons.
pub fn multiset<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeMap<T, usize> {
    let mut m = BTreeMap::new();
    for i in items {
        *m.entry(i).or_insert(0) += 1;
    }
    m
}

use chrono::{DateTime, NaiveDate, Utc};
use claimlens::anchor::{Quote, TextIndex};
use claimlens::model::{
    Annotation, Claim, ClaimId, DocumentId, EventDate, Relation, RelationId, RelationKind, Source, SourceId, SourceKind, Verdict,
};

/// The char range of the `nth` occurrence of `needle` in `text`.
pub fn find(text: &str, needle: &str, nth: usize) -> CharRange {
    let (byte, _) = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let start = text[..byte].chars().count();
    CharRange::new(start, start + needle.chars().count())
}

fn time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn annotation(text: &str, id: &str, label: &str, ranges: Vec<CharRange>) -> Annotation {
    let index = TextIndex::new(text);
    Annotation {
        id: AnnotationId::from(id),
        label: label.to_owned(),
        quote: Quote::of(&index, &ranges),
        ranges,
        note: String::new(),
        tags: Vec::new(),
        author: "Olena".to_owned(),
        attributes: BTreeMap::new(),
        created: time("2024-11-05T09:30:00Z"),
        modified: time("2024-11-05T09:31:07.250Z"),
    }
}

fn source(id: &str, name: &str, kind: SourceKind, url: Option<&str>) -> Source {
    Source {
        id: SourceId::from(id),
        name: name.to_owned(),
        kind,
        url: url.map(str::to_owned),
        cites: Vec::new(),
        aliases: Vec::new(),
        note: String::new(),
        speaks_for: None,
    }
}

fn claim(id: &str, content: &[&str], cue: Option<&str>, sources: &[&str]) -> Claim {
    let mut c = Claim::new(content.iter().map(|a| AnnotationId::from(*a)).collect());
    c.id = ClaimId::from(id);
    c.cue = cue.map(AnnotationId::from);
    c.source_spans = sources.iter().map(|a| AnnotationId::from(*a)).collect();
    c
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The text of the first sample document (non-ASCII on purpose: offsets count code points).
pub const G7_TEXT: &str = "G7 condemns DPRK troops in Russia\n\
Zelenskyy — «the intelligence is clear», he said on Monday. The G7 foreign ministers said in a joint \
statement that North Korean troops were deployed to Russia, Ukrinform reports. The troops, the Pentagon said, \
have arrived in Kursk region; \"10,000 soldiers\" is the *estimate*.";

/// The text of the second sample document.
pub const KREMLIN_TEXT: &str = "Kremlin *denies* the_report\nThe Kremlin denied that any troops were sent.";

/// A small project exercising every export: discontinuous spans, a via chain, verdicts, event
/// dates, notes with commas, quotes and line breaks, attributes, tags, a relation, a claim
/// without a cue, a source known only from the text, and non-ASCII text.
pub fn sample_project() -> Project {
    let t = G7_TEXT;
    let mut g7 = Document::new("G7 condemns DPRK troops in Russia", t);
    g7.id = DocumentId::from("d-g7");
    g7.url = Some("https://censor.net/en/news/3517011".to_owned());
    g7.outlet = Some("Censor.NET".to_owned());
    g7.published = Some(day("2024-11-05"));
    let mut zel_claim = annotation(t, "a-zel-claim", "Claim", vec![find(t, "«the intelligence is clear»", 0)]);
    zel_claim.note = "Which intelligence? \"clear\", he says,\nbut no source is named.".to_owned();
    let mut date = annotation(t, "a-monday", "Date", vec![find(t, "on Monday", 0)]);
    date.attributes.insert("value".into(), "2024-11-04".into());
    date.tags = vec!["relative".into()];
    let mut number = annotation(t, "a-number", "Quote", vec![find(t, "\"10,000 soldiers\"", 0)]);
    number.tags = vec!["number".into(), "unverified figure".into()];
    g7.annotations = vec![
        annotation(t, "a-zel", "Source", vec![find(t, "Zelenskyy", 0)]),
        zel_claim,
        annotation(t, "a-he", "Entity", vec![find(t, "he", 1)]),
        annotation(t, "a-zel-cue", "Cue", vec![find(t, "said", 0)]),
        date,
        annotation(t, "a-g7", "Source", vec![find(t, "The G7 foreign ministers", 0)]),
        annotation(t, "a-g7-cue", "Cue", vec![find(t, "said in a joint statement", 0)]),
        annotation(t, "a-g7-claim", "Claim", vec![find(t, "North Korean troops were deployed to Russia", 0)]),
        annotation(t, "a-pentagon", "Source", vec![find(t, "the Pentagon", 0)]),
        annotation(t, "a-pentagon-cue", "Cue", vec![find(t, "said", 2)]),
        annotation(t, "a-pentagon-claim", "Claim", vec![find(t, "The troops", 0), find(t, "have arrived in Kursk region", 0)]),
        number,
    ];
    let mut c1 = claim("c-zel", &["a-zel-claim"], Some("a-zel-cue"), &["a-zel"]);
    c1.attributed_to = vec![SourceId::from("s-zel")];
    c1.note = "No source for the intelligence.\n\"Clear\", he says; to whom?".to_owned();
    let mut c2 = claim("c-g7", &["a-g7-claim"], Some("a-g7-cue"), &["a-g7"]);
    c2.attributed_to = vec![SourceId::from("s-g7")];
    c2.via = vec![SourceId::from("s-censor"), SourceId::from("s-ukrinform"), SourceId::from("s-statement")];
    c2.verdict = Verdict::Supported;
    c2.event_date = Some(EventDate::day(day("2024-11-05")));
    c2.note = "Confirmed by the statement, see the ministry's site.".to_owned();
    let mut c3 = claim("c-pentagon", &["a-pentagon-claim"], Some("a-pentagon-cue"), &["a-pentagon"]);
    c3.attributed_to = vec![SourceId::from("s-pentagon")];
    c3.verdict = Verdict::Misleading;
    c3.event_date = EventDate::parse("2024-10-27..2024-10-28");
    c3.said_on = EventDate::parse("2024-10-28");
    g7.claims = vec![c1, c2, c3];
    g7.relations = vec![Relation {
        id: RelationId::from("r-coref"),
        kind: RelationKind::Relation,
        label: "Coreference".to_owned(),
        trigger: None,
        args: vec![("Arg1".to_owned(), AnnotationId::from("a-he")), ("Arg2".to_owned(), AnnotationId::from("a-zel"))],
        attributes: BTreeMap::new(),
        note: String::new(),
    }];

    let k = KREMLIN_TEXT;
    let mut kremlin = Document::new("Kremlin *denies* the_report", k);
    kremlin.id = DocumentId::from("d-kremlin");
    kremlin.annotations = vec![
        annotation(k, "a-kremlin", "Source", vec![find(k, "The Kremlin", 0)]),
        annotation(k, "a-kremlin-claim", "Claim", vec![find(k, "any troops were sent", 0)]),
    ];
    let mut c4 = claim("c-kremlin", &["a-kremlin-claim"], None, &["a-kremlin"]);
    c4.verdict = Verdict::False;
    kremlin.claims = vec![c4];

    let mut project = Project::new("DPRK troops in Russia");
    project.created = time("2024-11-05T09:00:00Z");
    project.modified = time("2024-11-05T10:00:00Z");
    project.sources = vec![
        source("s-zel", "Volodymyr Zelenskyy", SourceKind::Person, None),
        source("s-g7", "G7 foreign ministers", SourceKind::Organization, None),
        source("s-censor", "Censor.NET", SourceKind::Outlet, Some("https://censor.net")),
        source("s-ukrinform", "Ukrinform", SourceKind::NewsAgency, Some("https://www.ukrinform.net")),
        source("s-statement", "G7 statement", SourceKind::Document, Some("https://www.mofa.go.jp/fp/pp/page1e_000001.html")),
        source("s-pentagon", "Pentagon", SourceKind::GovernmentBody, Some("https://www.defense.gov")),
    ];
    // The names the article uses, so that a brat import finds the registry entries.
    for (source, alias) in [(0, "Zelenskyy"), (1, "The G7 foreign ministers"), (5, "the Pentagon")] {
        project.sources[source].aliases.push(alias.to_owned());
    }
    project.documents = vec![g7, kremlin];
    claimlens::edit::check_project(&project).expect("the sample project is consistent");
    project
}
