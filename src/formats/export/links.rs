//! What the exports say about a claim's links to other documents ([`crate::model::links`]):
//! `ClaimReview`'s `appearance` (every linked appearance) and `firstAppearance` (the origin),
//! the CSV's `origin` and `appearances` columns, and the Markdown report's chain in words
//! ("First said on 2016-05-11 by Sadiq Khan in …; repeated by `HuffPost` on 2016-05-16.").
//! A claim with no links exports as before.

use crate::model::links::{Appearance, Story, story};
use crate::model::{Claim, Document, LinkKind, LinkTarget, Project};
use serde_json::{Map, Value, json};
use std::fmt::Write as _;

/// The story of `claim` of `document` when it is linked to other appearances, else `None`.
pub fn linked_story(project: &Project, document: &Document, claim: &Claim) -> Option<Story> {
    let s = story(project, &document.id, &claim.id);
    s.is_linked().then_some(s)
}

/// Where an appearance is, in words: "`HuffPost`, 2016-05-16, “Trump Says …” <URL>".
pub fn appearance_text(a: &Appearance) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(a.publisher.clone());
    parts.extend(a.published.map(|d| d.to_string()));
    if !a.title.trim().is_empty() {
        parts.push(format!("“{}”", a.title.trim()));
    }
    let mut text = parts.join(", ");
    if let Some(url) = &a.url {
        let _ = write!(text, " <{url}>");
    }
    text
}

/// The CSV's `origin` and `appearances` cells: the first appearance, and every appearance
/// (the claim's own included) separated by " | ". Empty for a claim with no links.
pub fn csv_cells(project: &Project, document: &Document, claim: &Claim) -> [String; 2] {
    let Some(s) = linked_story(project, document, claim) else { return [String::new(), String::new()] };
    let all: Vec<String> = s.appearances.iter().map(appearance_text).collect();
    [s.first.as_ref().map(appearance_text).unwrap_or_default(), all.join(" | ")]
}

/// An appearance as a schema.org `NewsArticle`.
fn news_article(a: &Appearance) -> Value {
    let mut m = Map::new();
    m.insert("@type".into(), "NewsArticle".into());
    m.insert("headline".into(), if a.title.trim().is_empty() { a.document.to_string() } else { a.title.clone() }.into());
    if let Some(url) = &a.url {
        m.insert("url".into(), url.clone().into());
    }
    if let Some(date) = a.published {
        m.insert("datePublished".into(), date.to_string().into());
    }
    if let Some(publisher) = &a.publisher {
        m.insert("publisher".into(), json!({"@type": "Organization", "name": publisher}));
    }
    Value::Object(m)
}

/// `ClaimReview`'s `appearance` (every appearance, earliest first) and `firstAppearance` (when
/// known) for a linked claim; `None` for a claim with no links.
pub fn claimreview_appearances(project: &Project, document: &Document, claim: &Claim) -> Option<(Value, Option<Value>)> {
    let s = linked_story(project, document, claim)?;
    let all: Vec<Value> = s.appearances.iter().map(news_article).collect();
    Some((Value::Array(all), s.first.as_ref().map(news_article)))
}

/// Who says the claim at an appearance: the sources its claim there is attributed to.
fn said_by(project: &Project, a: &Appearance) -> Option<String> {
    let LinkTarget::Claim { document, claim } = &a.target else { return None };
    let c = project.document(document)?.claim(claim)?;
    let names: Vec<&str> = c.attributed_to.iter().filter_map(|s| project.source(s)).map(|s| s.name.as_str()).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// How an appearance relays the claim: by the kind of its own link into the story.
fn verb(project: &Project, a: &Appearance) -> &'static str {
    let LinkTarget::Claim { document, claim } = &a.target else { return "also in" };
    let kind = project
        .document(document)
        .and_then(|d| d.claim(claim))
        .and_then(|c| c.links.iter().map(|l| l.kind).find(|k| k.same_claim()));
    match kind {
        Some(LinkKind::Repeats) => "repeated by",
        Some(LinkKind::Reports | LinkKind::Origin) => "reported by",
        Some(LinkKind::Contradicts) | None => "also in",
    }
}

fn by_on(a: &Appearance) -> String {
    let who = a.publisher.clone().unwrap_or_else(|| format!("“{}”", a.title.trim()));
    match a.published {
        Some(d) => format!("{who} on {d}"),
        None => who,
    }
}

/// The Markdown report's chain in words, for a linked claim: "First said on DATE by WHO in
/// WHERE; reported by X on DATE, then by Y on DATE." (`None` for a claim with no links).
pub fn chain_in_words(project: &Project, document: &Document, claim: &Claim) -> Option<String> {
    let s = linked_story(project, document, claim)?;
    let mut text = String::new();
    if let Some(first) = &s.first {
        text.push_str("First said");
        if let Some(d) = first.published {
            let _ = write!(text, " on {d}");
        }
        if let Some(who) = said_by(project, first) {
            let _ = write!(text, " by {who}");
        }
        let place = match &first.publisher {
            Some(p) => format!("“{}” ({p})", first.title.trim()),
            None => format!("“{}”", first.title.trim()),
        };
        let _ = write!(text, " in {place}");
    }
    let mut last_verb = "";
    for a in s.appearances.iter().filter(|a| Some(*a) != s.first.as_ref()) {
        let v = verb(project, a);
        text.push_str(if text.is_empty() {
            ""
        } else if last_verb.is_empty() {
            "; "
        } else {
            ", then "
        });
        if v == last_verb {
            let _ = write!(text, "by {}", by_on(a));
        } else {
            let _ = write!(text, "{v} {}", by_on(a));
        }
        last_verb = v;
    }
    text.push('.');
    Some(capitalised(&text))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
