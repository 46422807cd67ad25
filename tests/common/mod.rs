//! Shared test helpers: small projects with random text, and a generator of random *valid*
//! edits driven by a seed, so that proptest only has to produce seeds.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use chrono::{DateTime, NaiveDate, Utc};
use claimlens::anchor::{CharRange, Quote, TextIndex};
use claimlens::edit::Edit;
use claimlens::model::{
    Annotation, AnnotationId, Claim, ClaimId, ClaimLink, ConflictOn, Document, DocumentId, DocumentMeta, EventDate, HeldConflict,
    LabelDef, LinkId, LinkKind, LinkTarget, Project, Relation, RelationId, RelationKind, Rgb, Source, SourceId, SourceKind,
    Verdict,
};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Random article text with non-ASCII letters, punctuation (quotes, `#`, backslashes), line
/// breaks, CR, tabs and an astral emoji.
pub fn text_strategy() -> impl Strategy<Value = String> {
    "[a-zA-Zé—«»ß’ \n🙂.,\"#\\\\\r\t]{1,160}"
}

/// A fixed timestamp (tests compare whole projects, so nothing may depend on the clock).
pub fn time(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000 + secs, 0).expect("valid timestamp")
}

/// A project with one document per text and no annotations.
pub fn base_project(texts: &[String]) -> Project {
    let mut p = Project::new("test project");
    p.created = time(0);
    p.modified = time(1);
    for (i, t) in texts.iter().enumerate() {
        let mut d = Document::new(format!("Document {i}"), t.clone());
        d.id = DocumentId(format!("d-{i}"));
        p.documents.push(d);
    }
    p
}

/// Generates random edits that are valid against the project they are generated for.
pub struct EditGen {
    rng: fastrand::Rng,
    next: usize,
}

const WORDS: &[&str] = &["said", "Zelenskyy", "«quote»", "né", "🙂", "", "a b", "Ukrinform", "—"];

impl EditGen {
    pub fn new(seed: u64) -> Self {
        Self { rng: fastrand::Rng::with_seed(seed), next: 0 }
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}-{}-{}", self.next, self.rng.u32(..1000))
    }

    fn word(&mut self) -> String {
        WORDS[self.rng.usize(..WORDS.len())].to_owned()
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() { None } else { items.get(self.rng.usize(..items.len())) }
    }

    fn subset<T: Clone>(&mut self, items: &[T], max: usize) -> Vec<T> {
        let mut out = Vec::new();
        for _ in 0..self.rng.usize(..=max) {
            if let Some(x) = self.pick(items) {
                out.push(x.clone());
            }
        }
        out
    }

    /// 1-3 sorted, non-overlapping (possibly touching) fragments inside `len` chars.
    pub fn ranges(&mut self, len: usize) -> Vec<CharRange> {
        assert!(len > 0);
        let mut out = Vec::new();
        let mut cur = self.rng.usize(..len);
        for _ in 0..self.rng.usize(1..=3) {
            if cur >= len {
                break;
            }
            let end = (cur + self.rng.usize(1..=24)).min(len);
            out.push(CharRange::new(cur, end));
            cur = end + self.rng.usize(0..=6);
        }
        out
    }

    fn attributes(&mut self) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        for _ in 0..self.rng.usize(..3) {
            let k = format!("k{}", self.rng.u8(..4));
            let v = self.word();
            m.insert(k, v);
        }
        m
    }

    fn annotation(&mut self, p: &Project, doc: &Document, id: AnnotationId) -> Annotation {
        let index = TextIndex::new(&doc.text);
        let ranges = self.ranges(index.char_len());
        let label = self.pick(&p.labels).map(|l| l.name.clone()).expect("a project always keeps some labels");
        let t = time(self.rng.i64(0..100_000));
        Annotation {
            id,
            label,
            quote: Quote::of(&index, &ranges),
            ranges,
            note: self.word(),
            tags: self.subset(&["t1".to_owned(), "ü".to_owned()], 2),
            author: self.word(),
            attributes: self.attributes(),
            created: t,
            modified: t,
        }
    }

    fn claim(&mut self, p: &Project, doc: &Document, id: ClaimId) -> Claim {
        let anns: Vec<AnnotationId> = doc.annotations.iter().map(|a| a.id.clone()).collect();
        let sources: Vec<SourceId> = p.sources.iter().map(|s| s.id.clone()).collect();
        let mut content = self.subset(&anns, 2);
        if content.is_empty() {
            content.push(self.pick(&anns).expect("claims are generated only with annotations").clone());
        }
        let cue = if self.rng.bool() { self.pick(&anns).cloned() } else { None };
        Claim {
            id,
            content,
            cue,
            source_spans: self.subset(&anns, 2),
            attributed_to: self.subset(&sources, 2),
            via: self.subset(&sources, 3),
            verdict: Verdict::ALL[self.rng.usize(..Verdict::ALL.len())],
            note: self.word(),
            event_date: self
                .rng
                .bool()
                .then(|| EventDate::day(NaiveDate::from_ymd_opt(2024, 10, self.rng.u32(1..=28)).expect("valid date"))),
            said_on: self
                .rng
                .bool()
                .then(|| EventDate::day(NaiveDate::from_ymd_opt(2024, 11, self.rng.u32(1..=28)).expect("valid date"))),
            trigger: None,
            event_type: self.rng.bool().then(|| "Attribution-no-source".to_owned()),
            attributes: self.attributes(),
            links: Vec::new(),
        }
    }

    /// Sources that `source` may cite without closing a cycle: those that do not reach it.
    fn citable(p: &Project, source: &SourceId) -> Vec<SourceId> {
        p.sources.iter().filter(|s| &s.id != source && !reaches(p, &s.id, source)).map(|s| s.id.clone()).collect()
    }

    fn source(&mut self, p: &Project, id: SourceId) -> Source {
        let citable = Self::citable(p, &id);
        let mut cites = self.subset(&citable, 2);
        cites.sort();
        cites.dedup();
        Source {
            id,
            name: format!("Source {}", self.word()),
            kind: SourceKind::ALL[self.rng.usize(..SourceKind::ALL.len())],
            url: self.rng.bool().then(|| "https://example.org/é".to_owned()),
            cites,
            aliases: self.subset(&["the agency".to_owned(), "«it»".to_owned()], 2),
            note: self.word(),
            speaks_for: if self.rng.bool() { self.pick(&citable).cloned() } else { None },
        }
    }

    fn free_hotkey(&mut self, p: &Project) -> Option<u8> {
        let used: BTreeSet<u8> = p.labels.iter().filter_map(|l| l.hotkey).collect();
        let free: Vec<u8> = (1..=9).filter(|k| !used.contains(k)).collect();
        if self.rng.bool() { self.pick(&free).copied() } else { None }
    }

    /// One valid edit against `p` (a batch of several, sometimes).
    pub fn edit(&mut self, p: &Project) -> Edit {
        self.edit_at_depth(p, 0)
    }

    fn edit_at_depth(&mut self, p: &Project, depth: usize) -> Edit {
        for _ in 0..20 {
            if let Some(e) = self.try_edit(p, depth) {
                return e;
            }
        }
        Edit::SetTitle(self.word())
    }

    #[allow(clippy::too_many_lines)]
    fn try_edit(&mut self, p: &Project, depth: usize) -> Option<Edit> {
        let doc = self.pick(&p.documents)?.clone();
        let d = doc.id.clone();
        let used_anns: BTreeSet<AnnotationId> = doc
            .claims
            .iter()
            .flat_map(|c| c.annotation_refs().cloned().collect::<Vec<_>>())
            .chain(doc.relations.iter().flat_map(|r| r.annotation_refs().cloned().collect::<Vec<_>>()))
            .collect();
        let kind = self.rng.u8(..24);
        Some(match kind {
            0..=3 => {
                let index = self.rng.bool().then(|| self.rng.usize(..=doc.annotations.len()));
                let id = AnnotationId(self.fresh("a"));
                let annotation = self.annotation(p, &doc, id);
                Edit::InsertAnnotation { doc: d, index, annotation }
            }
            4 => {
                let old = self.pick(&doc.annotations)?.clone();
                let mut a = self.annotation(p, &doc, old.id.clone());
                a.created = old.created;
                Edit::UpdateAnnotation(d, a)
            }
            5 => {
                let free: Vec<AnnotationId> =
                    doc.annotations.iter().map(|a| a.id.clone()).filter(|a| !used_anns.contains(a)).collect();
                Edit::RemoveAnnotation(d, self.pick(&free)?.clone())
            }
            6 | 7 => {
                if doc.annotations.is_empty() {
                    return None;
                }
                let index = self.rng.bool().then(|| self.rng.usize(..=doc.claims.len()));
                let id = ClaimId(self.fresh("c"));
                let claim = self.claim(p, &doc, id);
                Edit::InsertClaim { doc: d, index, claim }
            }
            8 => {
                let old = self.pick(&doc.claims)?.id.clone();
                Edit::UpdateClaim(d.clone(), self.claim(p, &doc, old))
            }
            9 => Edit::RemoveClaim(d, self.pick(&doc.claims)?.id.clone()),
            10 => {
                let index = self.rng.bool().then(|| self.rng.usize(..=p.sources.len()));
                let id = SourceId(self.fresh("s"));
                Edit::InsertSource { index, source: self.source(p, id) }
            }
            11 => {
                let id = self.pick(&p.sources)?.id.clone();
                Edit::UpdateSource(self.source(p, id))
            }
            12 => {
                let free: Vec<SourceId> = p
                    .sources
                    .iter()
                    .map(|s| s.id.clone())
                    .filter(|id| {
                        !p.sources.iter().any(|s| s.cites.contains(id) || s.speaks_for.as_ref() == Some(id))
                            && !p.documents.iter().any(|d| d.publisher.as_ref() == Some(id))
                            && !p.documents.iter().flat_map(|d| &d.claims).any(|c| c.source_refs().any(|s| s == id))
                            && p.held_conflict(&ConflictOn::Source(id.clone())).is_none()
                    })
                    .collect();
                Edit::RemoveSource(self.pick(&free)?.clone())
            }
            13 => {
                let name = format!("Label {}", self.fresh("l"));
                let label = LabelDef {
                    name,
                    color: Rgb(self.rng.u8(..), self.rng.u8(..), self.rng.u8(..)),
                    hotkey: self.free_hotkey(p),
                    description: self.word(),
                    role: None,
                };
                Edit::InsertLabel { index: self.rng.bool().then(|| self.rng.usize(..=p.labels.len())), label }
            }
            14 => {
                let old = self.pick(&p.labels)?.clone();
                let mut label = old.clone();
                if self.rng.bool() {
                    label.name = format!("Renamed {}", self.fresh("l"));
                }
                label.color = Rgb(self.rng.u8(..), 0, 0);
                label.description = self.word();
                Edit::UpdateLabel(old.name, label)
            }
            15 => {
                let in_use: BTreeSet<&str> = p.documents.iter().flat_map(|d| &d.annotations).map(|a| a.label.as_str()).collect();
                let held = |n: &str| p.held_conflict(&ConflictOn::Label(n.to_owned())).is_some();
                let free: Vec<String> =
                    p.labels.iter().map(|l| l.name.clone()).filter(|n| !in_use.contains(n.as_str()) && !held(n)).collect();
                if p.labels.len() <= 1 {
                    return None;
                }
                Edit::RemoveLabel(self.pick(&free)?.clone())
            }
            16 => Edit::SetDocumentMeta(
                d,
                DocumentMeta {
                    title: self.word(),
                    url: self.rng.bool().then(|| "https://censor.net/«x»".to_owned()),
                    outlet: self.rng.bool().then(|| self.word()),
                    author: self.rng.bool().then(|| self.word()),
                    published: self.rng.bool().then(|| NaiveDate::from_ymd_opt(2024, 11, 5).expect("date")),
                },
            ),
            17 => {
                if doc.annotations.is_empty() {
                    return None;
                }
                let anns: Vec<AnnotationId> = doc.annotations.iter().map(|a| a.id.clone()).collect();
                let args = self.subset(&anns, 3).into_iter().map(|a| ("Arg".to_owned(), a)).collect();
                let relation = Relation {
                    id: RelationId(self.fresh("r")),
                    kind: RelationKind::Relation,
                    label: "Link".into(),
                    trigger: if self.rng.bool() { self.pick(&anns).cloned() } else { None },
                    args,
                    attributes: self.attributes(),
                    note: self.word(),
                };
                Edit::InsertRelation { doc: d, index: None, relation }
            }
            18 => {
                if self.rng.u8(..3) == 0 {
                    // A new version of the text: a word before it, and a char dropped somewhere.
                    let mut chars: Vec<char> = format!("{} {}", self.word(), doc.text).chars().collect();
                    if chars.len() > 2 && self.rng.bool() {
                        chars.remove(self.rng.usize(1..chars.len()));
                    }
                    let text: String = chars.into_iter().collect();
                    return claimlens::reanchor::update_text(p, &d, &text).ok().map(|(edit, _)| edit);
                }
                if self.rng.bool() {
                    Edit::SetTitle(self.word())
                } else if self.rng.bool() && p.documents.len() > 1 && p.held_conflict(&ConflictOn::Details(d.clone())).is_none() {
                    Edit::RemoveDocument(d)
                } else {
                    let mut nd = Document::new(self.word(), format!("New «text» {}", self.word()));
                    nd.id = DocumentId(self.fresh("d"));
                    Edit::InsertDocument { index: self.rng.bool().then_some(0), document: Box::new(nd) }
                }
            }
            19 => self.link_edit(p, &doc)?,
            21 => self.conflict_edit(p, &doc)?,
            20 => {
                let publisher = if self.rng.bool() { self.pick(&p.sources).map(|s| s.id.clone()) } else { None };
                Edit::SetPublisher(d, publisher)
            }
            _ => {
                if depth >= 2 {
                    return None;
                }
                // A batch: each part is generated against the state the earlier parts leave.
                let mut scratch = p.clone();
                let mut parts = Vec::new();
                for _ in 0..self.rng.usize(0..=3) {
                    let e = self.edit_at_depth(&scratch, depth + 1);
                    e.clone().apply(&mut scratch).expect("generated batch parts are valid");
                    parts.push(e);
                }
                Edit::Batch(parts)
            }
        })
    }
}

impl EditGen {
    /// Theirs' version of a label, a source, a document's details or the title held as a merge
    /// conflict, or one held let go.
    fn conflict_edit(&mut self, p: &Project, doc: &Document) -> Option<Edit> {
        if !p.conflicts.is_empty() && self.rng.bool() {
            return Some(Edit::DropConflict(self.pick(&p.conflicts)?.on()));
        }
        let conflict = match self.rng.u8(..4) {
            0 => {
                let mut label = self.pick(&p.labels)?.clone();
                label.color = Rgb(0, self.rng.u8(..), 0);
                HeldConflict::Label(label)
            }
            1 => {
                let id = self.pick(&p.sources)?.id.clone();
                HeldConflict::Source(self.source(p, id))
            }
            2 => HeldConflict::Details(doc.id.clone(), DocumentMeta { title: self.word(), ..doc.meta() }),
            _ => HeldConflict::Title(self.word()),
        };
        if p.held_conflict(&conflict.on()).is_some() {
            return None;
        }
        Some(Edit::HoldConflict { index: self.rng.bool().then(|| self.rng.usize(..=p.conflicts.len())), conflict })
    }

    /// A link from a claim of `doc` to a claim or span of another document, or the removal of one.
    fn link_edit(&mut self, p: &Project, doc: &Document) -> Option<Edit> {
        let claim = self.pick(&doc.claims)?.clone();
        if !claim.links.is_empty() && self.rng.bool() {
            let link = self.pick(&claim.links)?.id.clone();
            return Some(Edit::RemoveLink { doc: doc.id.clone(), claim: claim.id, link });
        }
        let others: Vec<&Document> = p.documents.iter().filter(|d| d.id != doc.id).collect();
        let other = *self.pick(&others)?;
        let target = if self.rng.bool() && !other.claims.is_empty() {
            LinkTarget::Claim { document: other.id.clone(), claim: self.pick(&other.claims)?.id.clone() }
        } else {
            LinkTarget::Span { document: other.id.clone(), annotation: self.pick(&other.annotations)?.id.clone() }
        };
        let kind = LinkKind::ALL[self.rng.usize(..LinkKind::ALL.len())];
        if claim.links.iter().any(|l| l.kind == kind && l.target == target) {
            return None;
        }
        let mut link = ClaimLink::new(kind, target);
        link.id = LinkId(self.fresh("l"));
        let index = self.rng.bool().then(|| self.rng.usize(..=claim.links.len()));
        Some(Edit::InsertLink { doc: doc.id.clone(), claim: claim.id, index, link })
    }
}

/// Whether `from` reaches `to` by following `cites`.
pub fn reaches(p: &Project, from: &SourceId, to: &SourceId) -> bool {
    let mut stack = vec![from.clone()];
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if &id == to {
            return true;
        }
        if seen.insert(id.clone())
            && let Some(s) = p.source(&id)
        {
            stack.extend(s.cites.iter().cloned());
        }
    }
    false
}

/// A random valid project: `texts` as documents, then `steps` random edits.
pub fn random_project(texts: &[String], seed: u64, steps: usize) -> Project {
    let mut p = base_project(texts);
    let mut g = EditGen::new(seed);
    for _ in 0..steps {
        let e = g.edit(&p);
        e.apply(&mut p).expect("generated edits are valid");
    }
    p
}
