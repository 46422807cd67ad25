//! The data: projects, documents, annotations, claims, sources and labels.
//!
//! Pure values: no I/O, no UI. Every change goes through [`crate::edit::Edit`].

mod annotation_ids;
mod conflicts;
mod event_date;
pub mod graph;
mod ids;
pub mod journal;
pub mod labels;
pub mod links;
pub mod origin;
mod source;
mod transient;

pub use conflicts::{ConflictOn, HeldConflict};
pub use event_date::{EventDate, EventDateError};
pub use ids::{AnnotationId, ClaimId, DocumentId, LinkId, RelationId, SourceId};
pub use labels::{LabelDef, LabelRole, Rgb, default_labels};
pub use links::{ClaimLink, LinkKind, LinkTarget};
pub use origin::{DocumentMeta, DocumentVersion, Origin, OriginKind, ParagraphKind};
pub use source::{Source, SourceKind};
pub use transient::Transient;

use crate::anchor::{CharRange, Quote};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The project file format's name, written as the file's first field.
pub const FORMAT_NAME: &str = "claimlens";
/// The project file format version this build writes.
pub const FORMAT_VERSION: u32 = 4;

/// A claimlens project: documents, the shared source registry and the label schema.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// The format version; see [`crate::store`] for migrations.
    pub version: u32,
    /// The project's title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The documents (articles) of the project.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    /// Who makes and relays claims, shared by all documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// The label schema.
    #[serde(default = "default_labels")]
    pub labels: Vec<LabelDef>,
    /// When the project was created.
    pub created: DateTime<Utc>,
    /// When the project was last saved with changes.
    pub modified: DateTime<Utc>,
    /// Theirs' versions of labels, sources, document details and the title that a merge found
    /// changed differently on both sides, held until settled (version 3; see [`HeldConflict`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<HeldConflict>,
}

impl Project {
    /// An empty project with the default labels.
    pub fn new(title: impl Into<String>) -> Self {
        let now = now();
        Self {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            title: title.into(),
            documents: Vec::new(),
            sources: Vec::new(),
            labels: default_labels(),
            created: now,
            modified: now,
            conflicts: Vec::new(),
        }
    }

    /// The document with this id.
    pub fn document(&self, id: &DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| &d.id == id)
    }

    /// The document with this id, mutably.
    pub fn document_mut(&mut self, id: &DocumentId) -> Option<&mut Document> {
        self.documents.iter_mut().find(|d| &d.id == id)
    }

    /// The source with this id.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.id == id)
    }

    /// The source with this name (case-insensitive), if registered.
    pub fn source_named(&self, name: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.name.eq_ignore_ascii_case(name) || s.aliases.iter().any(|a| a.eq_ignore_ascii_case(name)))
    }

    /// The label definition with this name.
    pub fn label(&self, name: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// The label that plays `role` (the first, should two claim it), if any.
    pub fn label_for(&self, role: LabelRole) -> Option<&LabelDef> {
        self.labels.iter().find(|l| l.role == Some(role))
    }

    /// The name of the label that plays `role`, else the default schema's name for it.
    pub fn label_name_for(&self, role: LabelRole) -> &str {
        self.label_for(role).map_or(role.default_name(), |l| l.name.as_str())
    }

    /// The role the label called `label_name` plays, if any.
    pub fn role_of(&self, label_name: &str) -> Option<LabelRole> {
        self.label(label_name).and_then(|l| l.role)
    }

    /// Whether the annotation's label plays `role`.
    pub fn plays(&self, annotation: &Annotation, role: LabelRole) -> bool {
        self.role_of(&annotation.label) == Some(role)
    }

    /// The chain through which the article knows a claim, nearest first: the `via` sources,
    /// then those it is attributed to ("Censor.NET", "Ukrinform", "G7 statement"), each by
    /// [`Project::source_title`] ("Pat Ryder (for Pentagon)").
    pub fn chain_names(&self, claim: &Claim) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let mut last: Option<&str> = None;
        for id in claim.via.iter().chain(claim.attributed_to.iter()) {
            if let Some(s) = self.source(id)
                && last != Some(s.name.as_str())
            {
                names.push(self.source_title(s));
                last = Some(&s.name);
            }
        }
        names
    }

    /// A source's name with the body it speaks for, if any: "Pat Ryder (for Pentagon)".
    pub fn source_title(&self, source: &Source) -> String {
        match source.speaks_for.as_ref().and_then(|b| self.source(b)) {
            Some(body) => format!("{} (for {})", source.name, body.name),
            None => source.name.clone(),
        }
    }

    /// Records that the project is saved with changes now (its `modified` time).
    pub fn mark_modified(&mut self) {
        self.modified = now().max(self.modified);
    }

    /// Theirs' version of `item` a merge left to settle, if any.
    pub fn held_conflict(&self, item: &ConflictOn) -> Option<&HeldConflict> {
        self.conflicts.iter().find(|c| &c.on() == item)
    }

    /// Sources that cite `id`.
    pub fn cited_by(&self, id: &SourceId) -> impl Iterator<Item = &Source> {
        self.sources.iter().filter(move |s| s.cites.contains(id))
    }
}

/// The current time, truncated to whole milliseconds so it survives a save and load unchanged.
pub fn now() -> DateTime<Utc> {
    let t = Utc::now();
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}

/// One article: a snapshot of its text plus the annotations and claims on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id.
    pub id: DocumentId,
    /// Headline.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Where the article was published online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The outlet that published it (Censor.NET).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Who wrote it (the byline), as the reviewer records it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Publication date; relative dates in the text are resolved against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// The article text. Never edited in place: a new version goes through re-anchoring.
    pub text: String,
    /// Spans of the text with labels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<Annotation>,
    /// Attributions: who said what, through whom.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Other links between annotations (brat relations, events, equivalences).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    /// Where it came from (file, page, archived original), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// The registered source that published it (Ukrinform's article is Ukrinform's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<SourceId>,
    /// What happened to `annotations`, written where edits are applied (not saved).
    #[serde(skip)]
    pub journal: Transient<journal::AnnotationJournal>,
    /// The text's char index, made on first use ([`Document::index`]; not saved).
    #[serde(skip)]
    pub text_index: Transient<crate::anchor::TextIndexCache>,
    /// The annotations' ids as a set, made on first use ([`Document::has_annotation_id`]; not saved).
    #[serde(skip)]
    pub annotation_ids: Transient<annotation_ids::AnnotationIds>,
}

impl Document {
    /// A new document with a random id.
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            id: DocumentId::random(),
            title: title.into(),
            url: None,
            outlet: None,
            author: None,
            published: None,
            text: text.into(),
            annotations: Vec::new(),
            claims: Vec::new(),
            relations: Vec::new(),
            origin: None,
            publisher: None,
            journal: Transient::default(),
            text_index: Transient::default(),
            annotation_ids: Transient::default(),
        }
    }

    /// Whether an annotation of this document has this id: a set of the ids, made once and then
    /// kept up to date from the journal.
    pub fn has_annotation_id(&self, id: &AnnotationId) -> bool {
        self.annotation_ids.contains(&self.annotations, &self.journal, id)
    }

    /// The text's char index, made once and kept.
    pub fn index(&self) -> crate::anchor::TextIndex<'_> {
        crate::anchor::TextIndex::cached(&self.text, &self.text_index)
    }

    /// The annotation with this id.
    pub fn annotation(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.annotations.iter().find(|a| &a.id == id)
    }

    /// The claim with this id.
    pub fn claim(&self, id: &ClaimId) -> Option<&Claim> {
        self.claims.iter().find(|c| &c.id == id)
    }

    /// The metadata shown above the article.
    pub fn meta(&self) -> DocumentMeta {
        DocumentMeta {
            title: self.title.clone(),
            url: self.url.clone(),
            outlet: self.outlet.clone(),
            author: self.author.clone(),
            published: self.published,
        }
    }

    /// Annotations whose stored quote no longer matches the text, or that lost their ranges.
    pub fn orphans(&self) -> impl Iterator<Item = &Annotation> {
        let index = crate::anchor::TextIndex::new(&self.text);
        self.annotations
            .iter()
            .filter(move |a| a.ranges.is_empty() || crate::anchor::exact_of(&index, &a.ranges) != a.quote.exact)
    }
}

/// A labelled span (or several, for discontinuous annotations) of a document's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Stable id.
    pub id: AnnotationId,
    /// The label's name in the project's schema.
    pub label: String,
    /// Char ranges, sorted and non-overlapping. Empty only for an orphan whose text was lost.
    pub ranges: Vec<CharRange>,
    /// The quote with its context, to re-anchor when the text changes.
    pub quote: Quote,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Free tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Who made it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// Other attributes: brat attributes, a normalised date value (`"value"`), and so on.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// When it was made.
    pub created: DateTime<Utc>,
    /// When it last changed.
    pub modified: DateTime<Utc>,
}

impl Annotation {
    /// A new annotation on `ranges` of an indexed text, made now by `author`.
    pub fn new(
        index: &crate::anchor::TextIndex<'_>,
        label: impl Into<String>,
        ranges: Vec<CharRange>,
        author: impl Into<String>,
    ) -> Self {
        let now = now();
        Self {
            id: AnnotationId::random(),
            label: label.into(),
            quote: Quote::of(index, &ranges),
            ranges,
            note: String::new(),
            tags: Vec::new(),
            author: author.into(),
            attributes: BTreeMap::new(),
            created: now,
            modified: now,
        }
    }

    /// The first char the annotation covers (0 for an orphan).
    pub fn start(&self) -> usize {
        self.ranges.first().map_or(0, |r| r.start)
    }

    /// One past the last char it covers.
    pub fn end(&self) -> usize {
        self.ranges.last().map_or(0, |r| r.end)
    }
}

/// A fact-checker's verdict on a claim.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Verdict {
    /// Not checked yet.
    #[default]
    Unverified,
    /// Evidence supports it.
    Supported,
    /// Credible evidence contradicts part of it.
    Disputed,
    /// It is false.
    False,
    /// True in part but misleading as stated.
    Misleading,
    /// Cannot be checked.
    Unverifiable,
}

impl Verdict {
    /// All verdicts, in menu order.
    pub const ALL: [Self; 6] =
        [Self::Unverified, Self::Supported, Self::Disputed, Self::False, Self::Misleading, Self::Unverifiable];

    /// Lower-case name for files and exports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Unverified => "unverified",
            Self::Supported => "supported",
            Self::Disputed => "disputed",
            Self::False => "false",
            Self::Misleading => "misleading",
            Self::Unverifiable => "unverifiable",
        }
    }

    /// Human label.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Unverified => "Unverified",
            Self::Supported => "Supported",
            Self::Disputed => "Disputed",
            Self::False => "False",
            Self::Misleading => "Misleading",
            Self::Unverifiable => "Unverifiable",
        }
    }

    /// Parses a verdict name, case-insensitively.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// An attribution: content that the article attributes to sources, with the cue that signals
/// it and the chain through which the article knows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// Stable id.
    pub id: ClaimId,
    /// The annotations holding what is claimed (usually one).
    pub content: Vec<AnnotationId>,
    /// The annotation of the reporting words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<AnnotationId>,
    /// The annotations naming the source in the text ("the ministers", "he").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_spans: Vec<AnnotationId>,
    /// Who made the claim, from the registry, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributed_to: Vec<SourceId>,
    /// Through whom the article knows it, nearest first: Censor.NET, Ukrinform, the statement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<SourceId>,
    /// The fact-checker's verdict.
    #[serde(default)]
    pub verdict: Verdict,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// When the event the claim speaks of happened (what it is about).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_date: Option<EventDate>,
    /// When the source made the statement ("On October 25, Zelenskyy said …"), beside the
    /// event date of what it is about (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said_on: Option<EventDate>,
    /// A brat event trigger kept from an import when it is not the cue itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<AnnotationId>,
    /// The brat event type when it is not `Attribution` (`PolNeAR`'s `Attribution-no-source`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// Other attributes (brat attributes on the event).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// Links to the same claim (or its origin, or a contradiction) in other documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<ClaimLink>,
}

impl Claim {
    /// A new unverified claim on `content`.
    pub fn new(content: Vec<AnnotationId>) -> Self {
        Self {
            id: ClaimId::random(),
            content,
            cue: None,
            source_spans: Vec::new(),
            attributed_to: Vec::new(),
            via: Vec::new(),
            verdict: Verdict::Unverified,
            note: String::new(),
            event_date: None,
            said_on: None,
            trigger: None,
            event_type: None,
            attributes: BTreeMap::new(),
            links: Vec::new(),
        }
    }

    /// Every annotation the claim refers to.
    pub fn annotation_refs(&self) -> impl Iterator<Item = &AnnotationId> {
        self.content.iter().chain(self.cue.iter()).chain(self.source_spans.iter()).chain(self.trigger.iter())
    }

    /// Every source the claim refers to.
    pub fn source_refs(&self) -> impl Iterator<Item = &SourceId> {
        self.attributed_to.iter().chain(self.via.iter())
    }
}

/// What kind of link a [`Relation`] is, following brat.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RelationKind {
    /// A binary relation (brat `R`).
    #[default]
    Relation,
    /// An event with a trigger and role arguments (brat `E`) that is not a claim.
    Event,
    /// A set of equivalent annotations (brat `*`).
    Equivalence,
}

/// A link between annotations that is not a claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// Stable id.
    pub id: RelationId,
    /// Relation, event or equivalence.
    #[serde(default)]
    pub kind: RelationKind,
    /// The relation or event type.
    pub label: String,
    /// The event trigger, for events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<AnnotationId>,
    /// Role and annotation of each argument, in order.
    pub args: Vec<(String, AnnotationId)>,
    /// Attributes (brat `A` lines on the relation).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Relation {
    /// Every annotation the relation refers to.
    pub fn annotation_refs(&self) -> impl Iterator<Item = &AnnotationId> {
        self.trigger.iter().chain(self.args.iter().map(|(_, a)| a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_dates_parse() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(EventDate::parse("2024-10-28"), d("2024-10-28").map(EventDate::day));
        let range = EventDate::parse("2024-10-27..2024-10-28");
        assert_eq!(range.map(|r| r.to_string()), Some("2024-10-27..2024-10-28".to_owned()));
        assert_eq!(EventDate::parse("2024-10-29..2024-10-28"), None);
        assert_eq!(EventDate::parse("October"), None);
    }

    #[test]
    fn verdicts_parse_by_name() {
        for v in Verdict::ALL {
            assert_eq!(Verdict::parse(v.as_str()), Some(v));
        }
        assert_eq!(Verdict::parse("maybe"), None);
    }
}
