//! Timeline data for a document: its claims with an event date and its `Date` annotations with a
//! parseable normalised value, in date order. Pure: the UI draws it.

use chrono::NaiveDate;

use super::date_values::{bounds, format_value, from_event_date, parse_value};
use crate::anchor::{CharRange, TextIndex, exact_of};
use crate::model::{Annotation, AnnotationId, Claim, ClaimId, Document, LabelRole, Project};
use crate::text::shorten;

/// Longest label, in chars.
const LABEL_CHARS: usize = 100;

/// What a timeline entry stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimelineItem {
    /// A claim with an event date.
    Claim(ClaimId),
    /// A `Date` annotation with a value.
    Date,
}

/// One row of the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineEntry {
    /// First day of the date (rows are sorted by it).
    pub start: NaiveDate,
    /// Last day (equal to `start` for a single day).
    pub end: NaiveDate,
    /// The normalised date as text: `2024-10-28`, `2024-10-27..2024-10-28`, `2024-10`, `2024-W44`.
    pub date_text: String,
    /// A claim or a date annotation.
    pub item: TimelineItem,
    /// The annotation to scroll to: the claim's first content annotation, or the date annotation.
    pub annotation: AnnotationId,
    /// For a claim, `Pentagon: “the DPRK had sent …”`; for a date, its sentence, shortened.
    pub label: String,
}

/// The timeline of `doc`: claims with an event date (else the day they were said) and `Date` annotations whose
/// `attributes["value"]` parses, sorted by first day, then last day, then position in the text.
/// Ranges sort by their start. Claims without content annotations are left out.
pub fn timeline(project: &Project, doc: &Document) -> Vec<TimelineEntry> {
    let index = TextIndex::new(&doc.text);
    let mut rows: Vec<(usize, TimelineEntry)> = Vec::new();
    for claim in &doc.claims {
        let Some(date) = claim.event_date.or(claim.said_on) else { continue };
        let Some(content) = claim.content.iter().find_map(|id| doc.annotation(id)) else { continue };
        let value = from_event_date(date);
        let Some((start, end)) = bounds(value) else { continue };
        let label = claim_label(project, claim, content);
        rows.push((
            content.start(),
            TimelineEntry {
                start,
                end,
                date_text: format_value(value),
                item: TimelineItem::Claim(claim.id.clone()),
                annotation: content.id.clone(),
                label,
            },
        ));
    }
    let sentences = crate::text::sentences(&doc.text);
    for a in doc.annotations.iter().filter(|a| project.plays(a, LabelRole::Date)) {
        let Some(value) = a.attributes.get("value").and_then(|v| parse_value(v)) else { continue };
        let Some((start, end)) = bounds(value) else { continue };
        let at = a.start();
        let sentence = sentences.iter().find(|s| s.start <= at && at < s.end).copied().unwrap_or(CharRange::new(at, a.end()));
        let label = shorten(&collapse(&exact_of(&index, &[sentence])), LABEL_CHARS);
        rows.push((
            at,
            TimelineEntry {
                start,
                end,
                date_text: format_value(value),
                item: TimelineItem::Date,
                annotation: a.id.clone(),
                label,
            },
        ));
    }
    rows.sort_by(|(pa, a), (pb, b)| (a.start, a.end, pa).cmp(&(b.start, b.end, pb)));
    rows.into_iter().map(|(_, e)| e).collect()
}

/// A claim as a timeline row says it: `Pentagon: “the DPRK had sent …”`.
fn claim_label(project: &Project, claim: &Claim, content: &Annotation) -> String {
    let chain = project.chain_names(claim);
    let who = claim.attributed_to.iter().filter_map(|s| project.source(s)).map(|s| s.name.as_str()).collect::<Vec<_>>();
    let who = if who.is_empty() { chain.last().map_or_else(|| "Unattributed".to_owned(), Clone::clone) } else { who.join(", ") };
    let quote = collapse(&content.quote.exact);
    format!("{who}: {}", crate::text::quoted(&shorten(&quote, LABEL_CHARS)))
}

/// The timelines of documents `docs` (indices into the project's documents) as one, each
/// entry with its document's index: in event-date order, ties in document order.
pub fn by_event_date(project: &Project, docs: &[usize]) -> Vec<(usize, TimelineEntry)> {
    let mut rows: Vec<(usize, TimelineEntry)> = docs
        .iter()
        .filter_map(|&i| project.documents.get(i).map(|d| (i, d)))
        .flat_map(|(i, d)| timeline(project, d).into_iter().map(move |e| (i, e)))
        .collect();
    rows.sort_by_key(|(_, e)| (e.start, e.end));
    rows
}

/// The claims of documents `docs` in the order they first appeared
/// ([`crate::model::links::first_appeared`]: a linked claim's story's first appearance, else its
/// document's date), each dated by it; claims with no such date are left out.
pub fn by_first_appearance(project: &Project, docs: &[usize]) -> Vec<(usize, TimelineEntry)> {
    let firsts = crate::model::links::first_appearance_dates(project);
    let mut rows = Vec::new();
    for (i, d) in docs.iter().filter_map(|&i| project.documents.get(i).map(|d| (i, d))) {
        for claim in &d.claims {
            let Some(&first) = firsts.get(&(d.id.clone(), claim.id.clone())) else { continue };
            let Some(content) = claim.content.iter().find_map(|id| d.annotation(id)) else { continue };
            let entry = TimelineEntry {
                start: first,
                end: first,
                date_text: first.to_string(),
                item: TimelineItem::Claim(claim.id.clone()),
                annotation: content.id.clone(),
                label: claim_label(project, claim, content),
            };
            rows.push((i, content.start(), entry));
        }
    }
    rows.sort_by(|(da, pa, a), (db, pb, b)| (a.start, da, pa).cmp(&(b.start, db, pb)));
    rows.into_iter().map(|(i, _, e)| (i, e)).collect()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, Claim, EventDate, Source, SourceKind};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn claims_and_dates_in_date_order() {
        let text = "In 2024 things happened. Last week it rained. On October 28 the Pentagon said troops came. \
                    In October they moved. On October 27 nobody knew. Around then: 2024-W44.";
        let mut project = Project::new("t");
        let pentagon = Source::new("Pentagon", SourceKind::GovernmentBody);
        let mut doc = Document::new("d", text);
        let index = TextIndex::new(text);
        let find = |s: &str| {
            let b = text.find(s).unwrap_or(0);
            let start = text.get(..b).unwrap_or_default().chars().count();
            vec![CharRange::new(start, start + s.chars().count())]
        };
        let mut date = |s: &str, value: &str| {
            let mut a = Annotation::new(&index, crate::model::labels::names::DATE, find(s), "me");
            a.attributes.insert("value".into(), value.into());
            doc.annotations.push(a.clone());
            a.id
        };
        let year = date("2024", "2024");
        let oct28 = date("October 28", "2024-10-28");
        let month = date("In October", "2024-10");
        let oct27 = date("October 27", "2024-10-27");
        let week = date("2024-W44", "2024-W44");
        let _bad = date("Last week", "sometime");
        let content = Annotation::new(&index, crate::model::labels::names::CLAIM, find("troops came"), "me");
        let mut claim = Claim::new(vec![content.id.clone()]);
        claim.attributed_to.push(pentagon.id.clone());
        claim.event_date = Some(EventDate { start: day("2024-10-27"), end: Some(day("2024-10-28")) });
        let claim_id = claim.id.clone();
        let mut undated = Claim::new(vec![content.id.clone()]);
        undated.event_date = None;
        doc.annotations.push(content.clone());
        doc.claims.push(claim);
        doc.claims.push(undated);
        project.sources.push(pentagon);

        let rows = timeline(&project, &doc);
        let order: Vec<(&str, &AnnotationId)> = rows.iter().map(|r| (r.date_text.as_str(), &r.annotation)).collect();
        assert_eq!(
            order,
            [
                ("2024", &year),
                ("2024-10", &month),
                ("2024-10-27", &oct27),
                ("2024-10-27..2024-10-28", &content.id),
                ("2024-10-28", &oct28),
                ("2024-W44", &week),
            ]
        );
        let claim_row = rows.iter().find(|r| r.item == TimelineItem::Claim(claim_id.clone()));
        assert_eq!(claim_row.map(|r| r.label.as_str()), Some("Pentagon: \u{201c}troops came\u{201d}"));
        assert_eq!(claim_row.map(|r| (r.start, r.end)), Some((day("2024-10-27"), day("2024-10-28"))));
        let oct28_row = rows.iter().find(|r| r.annotation == oct28);
        assert_eq!(oct28_row.map(|r| r.label.as_str()), Some("On October 28 the Pentagon said troops came."));
    }

    #[test]
    fn a_quoted_claim_is_not_quoted_twice() {
        let text = "\"I'm running,\" Patrick said on Thursday.";
        let mut project = Project::new("t");
        let patrick = Source::new("Patrick", SourceKind::Person);
        let mut doc = Document::new("d", text);
        let content =
            Annotation::new(&TextIndex::new(text), crate::model::labels::names::CLAIM, vec![CharRange::new(0, 15)], "me");
        let mut claim = Claim::new(vec![content.id.clone()]);
        claim.attributed_to.push(patrick.id.clone());
        claim.said_on = Some(EventDate { start: day("2019-11-14"), end: None });
        doc.annotations.push(content);
        doc.claims.push(claim);
        project.sources.push(patrick);
        let rows = timeline(&project, &doc);
        assert_eq!(rows.first().map(|r| r.label.as_str()), Some("Patrick: \"I'm running,\""));
    }

    #[test]
    fn empty_document() {
        let project = Project::new("t");
        assert!(timeline(&project, &Document::new("d", "")).is_empty());
    }
}
