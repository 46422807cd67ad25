//! schema.org `ClaimReview` export (JSON-LD, <https://schema.org/ClaimReview>), the markup
//! fact-checkers publish for search engines.
//!
//! One `ClaimReview` per claim whose verdict is not `unverified`, in a JSON array; each object
//! carries its own `@context` so it can be embedded in a page alone. The verdict is the
//! rating's `alternateName`, on a 1 (false) to 5 (supported) scale; an unverifiable claim has
//! no numeric rating. `itemReviewed` is the `Claim`: its `author` (the sources), `appearance`
//! (the article), `firstAppearance` (the origin at the end of the via chain, when it has a
//! URL), `datePublished` (the article's date) and `temporalCoverage` (the event date). The
//! review's `url` is the reviews' page, else the article's URL (each with the claim as its
//! fragment); its `author` is the reviewer, with the organisation they review for.

use super::shared::{annotation_text, claim_text_with, sources_of, via_of};
use super::{ExportError, ExportOptions};
use crate::anchor::TextIndex;
use crate::model::{Claim, Document, Project, Source, SourceKind, Verdict};
use serde_json::{Map, Value, json};

/// The schema.org context.
pub const CONTEXT: &str = "https://schema.org";
/// The worst rating (false).
pub const WORST_RATING: u8 = 1;
/// The best rating (supported).
pub const BEST_RATING: u8 = 5;

/// The numeric rating of a verdict on the 1-5 scale; `None` when it has none.
pub const fn rating_value(verdict: Verdict) -> Option<u8> {
    match verdict {
        Verdict::False => Some(1),
        Verdict::Disputed => Some(2),
        Verdict::Misleading => Some(3),
        Verdict::Supported => Some(5),
        Verdict::Unverified | Verdict::Unverifiable => None,
    }
}

fn agent_type(kind: SourceKind) -> &'static str {
    match kind {
        // Unnamed sources ("officials", "sources familiar with the matter") are mostly people.
        SourceKind::Person | SourceKind::Official | SourceKind::Unnamed => "Person",
        SourceKind::Outlet
        | SourceKind::NewsAgency
        | SourceKind::GovernmentBody
        | SourceKind::Organization
        | SourceKind::Document => "Organization",
    }
}

/// A source as a schema.org agent; a person speaking for a body is `affiliation` of it.
fn source_json(project: &Project, source: &Source) -> Value {
    let mut m = Map::new();
    m.insert("@type".into(), agent_type(source.kind).into());
    m.insert("name".into(), source.name.clone().into());
    if let Some(url) = &source.url {
        m.insert("url".into(), url.clone().into());
    }
    if let Some(body) = source.speaks_for.as_ref().and_then(|b| project.source(b)) {
        m.insert("affiliation".into(), json!({"@type": agent_type(body.kind), "name": body.name}));
    }
    Value::Object(m)
}

/// The origin of the claim: the last source of the via chain, when it has a URL.
fn first_appearance(project: &Project, claim: &Claim) -> Option<Value> {
    let origin = via_of(project, claim).into_iter().last()?;
    let url = origin.url.as_ref()?;
    Some(json!({"@type": "CreativeWork", "url": url, "name": origin.name}))
}

/// `appearance` and `firstAppearance`: for a claim linked to other documents, every linked
/// appearance and the origin ([`super::links`]); else the article, and the origin at the end of
/// the via chain.
fn insert_appearances(project: &Project, document: &Document, claim: &Claim, item: &mut Map<String, Value>) {
    let (all, first) = match super::links::claimreview_appearances(project, document, claim) {
        Some((all, first)) => (all, first.or_else(|| first_appearance(project, claim))),
        None => (super::links::claim_article(project, document, claim), first_appearance(project, claim)),
    };
    item.insert("appearance".into(), all);
    if let Some(first) = first {
        item.insert("firstAppearance".into(), first);
    }
}

/// One `ClaimReview`, or `None` for an unverified claim.
pub fn claim_review(project: &Project, document: &Document, claim: &Claim, options: &ExportOptions) -> Option<Value> {
    if claim.verdict == Verdict::Unverified {
        return None;
    }
    let index = TextIndex::new(&document.text);
    let mut item = Map::new();
    item.insert("@type".into(), "Claim".into());
    let mut authors: Vec<Value> = sources_of(project, claim).into_iter().map(|s| source_json(project, s)).collect();
    if authors.is_empty() {
        // No registered source: name them as the text does.
        for a in claim.source_spans.iter().filter_map(|id| document.annotation(id)) {
            let name = annotation_text(&index, a, false);
            let kind = crate::text::source_kind::guess_kind(&name);
            authors.push(json!({"@type": agent_type(kind), "name": name}));
        }
    }
    match authors.len() {
        0 => {}
        1 => {
            item.insert("author".into(), authors.remove(0));
        }
        _ => {
            item.insert("author".into(), authors.into());
        }
    }
    // When the claim was made: the day it was said, else the article's date.
    if let Some(date) = claim.said_on.map(|d| d.start).or(document.published) {
        item.insert("datePublished".into(), date.to_string().into());
    }
    if let Some(date) = claim.event_date {
        let coverage = match date.end {
            Some(end) => format!("{}/{end}", date.start),
            None => date.start.to_string(),
        };
        item.insert("temporalCoverage".into(), coverage.into());
    }
    insert_appearances(project, document, claim, &mut item);

    let mut rating = Map::new();
    rating.insert("@type".into(), "Rating".into());
    rating.insert("alternateName".into(), claim.verdict.label().into());
    if let Some(value) = rating_value(claim.verdict) {
        rating.insert("ratingValue".into(), value.into());
        rating.insert("worstRating".into(), WORST_RATING.into());
        rating.insert("bestRating".into(), BEST_RATING.into());
    }

    let reviewer = &options.reviewer;
    let mut author = Map::new();
    author.insert("@type".into(), if reviewer.organization { "Organization" } else { "Person" }.into());
    author.insert("name".into(), reviewer.name.clone().into());
    if let Some(url) = &reviewer.url {
        author.insert("url".into(), url.clone().into());
    }
    if let Some(org) = &reviewer.affiliation {
        author.insert("affiliation".into(), json!({"@type": "Organization", "name": org}));
    }

    let mut review = Map::new();
    review.insert("@context".into(), CONTEXT.into());
    review.insert("@type".into(), "ClaimReview".into());
    review.insert("@id".into(), format!("{}{}", crate::formats::w3c::CLAIM_IRI, claim.id).into());
    // Where the review is read: the reviews' page, else the article it reviews, else its id.
    let url = match (&options.review_url, &document.url) {
        (Some(base), _) | (None, Some(base)) => format!("{base}#{}", claim.id),
        (None, None) => format!("{}{}", crate::formats::w3c::CLAIM_IRI, claim.id),
    };
    review.insert("url".into(), url.into());
    review.insert("claimReviewed".into(), claim_text_with(document, &index, claim, false).into());
    review.insert("itemReviewed".into(), Value::Object(item));
    review.insert("reviewRating".into(), Value::Object(rating));
    if !claim.note.trim().is_empty() {
        review.insert("reviewBody".into(), claim.note.clone().into());
    }
    review.insert("author".into(), Value::Object(author));
    review.insert("datePublished".into(), options.today.to_string().into());
    Some(Value::Object(review))
}

/// Every review of the project, documents and claims in order.
pub fn claim_reviews(project: &Project, options: &ExportOptions) -> Vec<Value> {
    project.documents.iter().flat_map(|d| d.claims.iter().filter_map(move |c| claim_review(project, d, c, options))).collect()
}

/// Writes the reviews as a pretty-printed JSON array.
pub fn export_claimreview(project: &Project, options: &ExportOptions) -> Result<String, ExportError> {
    let mut text = serde_json::to_string_pretty(&Value::Array(claim_reviews(project, options)))?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventDate;
    use chrono::NaiveDate;

    /// A spokesman's claim: its author is the person with the body he speaks for as
    /// `affiliation`, and `datePublished` is the day he said it, not the article's.
    #[test]
    fn a_spokesmans_claim_names_his_body_and_the_day_he_said_it() {
        let mut project = Project::new("p");
        let pentagon = Source::new("Pentagon", SourceKind::GovernmentBody);
        let mut ryder = Source::new("Pat Ryder", SourceKind::Official);
        ryder.speaks_for = Some(pentagon.id.clone());
        let mut document = Document::new("d", "Ryder said troops went.");
        document.published = NaiveDate::from_ymd_opt(2024, 11, 5);
        let mut claim = Claim::new(Vec::new());
        claim.attributed_to = vec![ryder.id.clone()];
        claim.verdict = Verdict::Supported;
        claim.said_on = EventDate::parse("2024-10-28");
        project.sources = vec![pentagon, ryder];
        let day = NaiveDate::from_ymd_opt(2024, 11, 6).unwrap_or_default();
        let review = claim_review(&project, &document, &claim, &ExportOptions::on(day)).unwrap_or_default();
        let item = &review["itemReviewed"];
        assert_eq!(item["author"]["name"], "Pat Ryder");
        assert_eq!(item["author"]["affiliation"]["name"], "Pentagon");
        assert_eq!(item["datePublished"], "2024-10-28");
        claim.said_on = None;
        let review = claim_review(&project, &document, &claim, &ExportOptions::on(day)).unwrap_or_default();
        assert_eq!(review["itemReviewed"]["datePublished"], "2024-11-05", "the article's day when the text does not say");
    }
}
