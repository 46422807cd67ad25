//! brat standoff export: `NAME.txt` + `NAME.ann` per document, the mirror of
//! [`super::import_brat`], so that an import followed by an export gives the same
//! annotations (ids renumbered).
//!
//! - Every annotation is a `T` line (fragments joined by `;`); the label `Claim` is written
//!   as the type `Content`.
//! - Every claim is an attribution event: a `T` trigger (the claim's own trigger annotation,
//!   or one of type `Attribution`, or the claim's event type, on the cue's spans) and
//!   `E n\tAttribution:Ttrig Content:T.. Cue:T.. Source:T..` (further contents and sources as
//!   `Content2`, `Source2`, ...), as `PolNeAR` writes them.
//! - Attributes are `A` lines, normalisations (`N:TYPE:REF` keys) `N` lines; a claim's verdict
//!   (when not unverified) and event date are `A` lines on its event (`Verdict`, `EventDate`).
//! - Notes are `#n\tAnnotatorNotes ID\ttext`, one line per line of the note.
//! - Relations are `R` lines, other events `E` lines, equivalences `*` lines. Event arguments
//!   that are events (`arg:ROLE` attributes) name the other event's `E` id, wherever it is.
//! - An orphan (an annotation that lost its place in the text) has no offsets to write: it is
//!   a note line `#n\tOrphan ID\tTYPE\tQUOTE`, read back as an orphan, and listed by
//!   [`orphan_warnings`].
//!
//! brat has no place for the source registry (names are re-derived from the Source spans on
//! import), the via chain, tags, authors and timestamps: those are not written.

use super::names::{
    ANNOTATOR_NOTES, ATTRIBUTION_EVENT, CONTENT_IS_CUE, EVENT_DATE_ATTRIBUTE, NORMALISATION_PREFIX, ORPHAN_NOTE,
    SAID_ON_ATTRIBUTE, VERDICT_ATTRIBUTE, event_arg_role, type_for_label,
};
use crate::anchor::{CharRange, TextIndex};
use crate::formats::Warning;
use crate::model::{Annotation, AnnotationId, Claim, Document, Project, RelationKind, Verdict};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

/// A brat name: no whitespace (brat splits on it), never empty.
fn token(s: &str) -> String {
    let t: String = s.trim().chars().map(|c| if c.is_whitespace() { '_' } else { c }).collect();
    if t.is_empty() { "_".to_owned() } else { t }
}

/// One line of text for a brat column: line breaks become spaces.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c }).collect()
}

fn fragments(ranges: &[CharRange]) -> String {
    ranges.iter().map(|r| format!("{} {}", r.start, r.end)).collect::<Vec<_>>().join(";")
}

#[derive(Default)]
struct Writer {
    lines: String,
    extra: String,
    t: usize,
    e: usize,
    r: usize,
    a: usize,
    n: usize,
    notes: usize,
}

impl Writer {
    fn t(&mut self, kind: &str, ranges: &[CharRange], index: &TextIndex<'_>) -> String {
        self.t += 1;
        let text: Vec<&str> = ranges.iter().map(|r| index.slice(*r)).collect();
        let _ = writeln!(self.lines, "T{}\t{} {}\t{}", self.t, token(kind), fragments(ranges), one_line(&text.join(" ")));
        format!("T{}", self.t)
    }

    fn attributes(&mut self, target: &str, attributes: &BTreeMap<String, String>) {
        for (key, value) in attributes {
            if event_arg_role(key).is_some() {
                continue; // written as an argument of the event
            }
            if let Some((kind, reference)) = key.strip_prefix(NORMALISATION_PREFIX).and_then(|k| k.split_once(':')) {
                self.n += 1;
                let _ = writeln!(self.extra, "N{}\t{} {target} {}\t{}", self.n, token(kind), token(reference), one_line(value));
            } else {
                self.attribute(target, key, value);
            }
        }
    }

    fn attribute(&mut self, target: &str, key: &str, value: &str) {
        self.a += 1;
        if value == "true" || value.trim().is_empty() {
            let _ = writeln!(self.extra, "A{}\t{} {target}", self.a, token(key));
        } else {
            let _ = writeln!(self.extra, "A{}\t{} {target} {}", self.a, token(key), token(value));
        }
    }

    fn note(&mut self, target: &str, note: &str) {
        if note.is_empty() {
            return;
        }
        let note = note.replace("\r\n", "\n").replace('\r', "\n");
        for line in note.split('\n') {
            self.notes += 1;
            let _ = writeln!(self.extra, "#{}\t{ANNOTATOR_NOTES} {target}\t{line}", self.notes);
        }
    }

    /// An orphan as a note line with its type and quote.
    fn orphan(&mut self, project: &Project, a: &Annotation) {
        self.notes += 1;
        let (kind, quote) = (token(type_for_label(project, &a.label)), one_line(&a.quote.exact));
        let _ = writeln!(self.extra, "#{}\t{ORPHAN_NOTE} {}\t{kind}\t{quote}", self.notes, a.id);
    }
}

/// The `.ann` text of one document.
pub fn document_ann(project: &Project, document: &Document) -> String {
    let index = TextIndex::new(&document.text);
    let mut w = Writer::default();
    let mut tids: HashMap<&AnnotationId, String> = HashMap::new();
    for a in document.annotations.iter().filter(|a| !a.ranges.is_empty()) {
        let tid = w.t(type_for_label(project, &a.label), &a.ranges, &index);
        tids.insert(&a.id, tid);
    }
    for a in &document.annotations {
        match tids.get(&a.id) {
            Some(tid) => {
                w.attributes(tid, &a.attributes);
                w.note(tid, &a.note);
            }
            None => w.orphan(project, a),
        }
    }
    let tid = |id: &AnnotationId| tids.get(id).cloned();
    let eids = event_ids(document, &tid);
    for claim in &document.claims {
        claim_event(&mut w, document, &index, claim, &tid, &eids);
    }
    for relation in &document.relations {
        let args: Vec<(String, String)> = relation.args.iter().filter_map(|(r, a)| tid(a).map(|t| (r.clone(), t))).collect();
        let id = match relation.kind {
            RelationKind::Relation => {
                w.r += 1;
                let roles: Vec<String> = args.iter().map(|(r, t)| format!("{}:{t}", token(r))).collect();
                let _ = writeln!(w.lines, "R{}\t{}{}", w.r, token(&relation.label), join_args(&roles));
                format!("R{}", w.r)
            }
            RelationKind::Event => {
                let Some(trigger) = relation.trigger.as_ref().and_then(tid) else { continue };
                w.e += 1;
                let mut roles: Vec<String> = args.iter().map(|(r, t)| format!("{}:{t}", token(r))).collect();
                roles.extend(event_args(&relation.attributes, &eids));
                let _ = writeln!(w.lines, "E{}\t{}:{trigger}{}", w.e, token(&relation.label), join_args(&roles));
                format!("E{}", w.e)
            }
            RelationKind::Equivalence => {
                let members: Vec<&str> = args.iter().map(|(_, t)| t.as_str()).collect();
                let _ = writeln!(w.lines, "*\t{} {}", token(&relation.label), members.join(" "));
                continue;
            }
        };
        w.attributes(&id, &relation.attributes);
        w.note(&id, &relation.note);
    }
    let mut out = w.lines;
    out.push_str(&w.extra);
    out
}

/// The annotation a claim's event trigger is written on when it has no trigger of its own:
/// its cue, else its first content.
fn trigger_anchor<'d>(document: &'d Document, claim: &Claim) -> Option<&'d Annotation> {
    let anchor = claim.cue.as_ref().or(claim.content.first()).and_then(|id| document.annotation(id));
    anchor.filter(|a| !a.ranges.is_empty())
}

/// The `E` id every claim and event relation will be written as, by its claimlens id, so that
/// an event can name one written after it. Numbered in the order [`document_ann`] writes them.
fn event_ids(document: &Document, tid: &dyn Fn(&AnnotationId) -> Option<String>) -> HashMap<String, String> {
    let mut ids = HashMap::new();
    let claims = document
        .claims
        .iter()
        .filter(|c| c.trigger.as_ref().and_then(tid).is_some() || trigger_anchor(document, c).is_some())
        .map(|c| c.id.to_string());
    let events = document
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Event && r.trigger.as_ref().and_then(tid).is_some())
        .map(|r| r.id.to_string());
    for (n, id) in claims.chain(events).enumerate() {
        ids.insert(id, format!("E{}", n + 1));
    }
    ids
}

/// The `ROLE:En` arguments of an event's `arg:ROLE` attributes whose event is written.
fn event_args(attributes: &BTreeMap<String, String>, eids: &HashMap<String, String>) -> Vec<String> {
    attributes.iter().filter_map(|(key, target)| Some(format!("{}:{}", token(event_arg_role(key)?), eids.get(target)?))).collect()
}

/// A claim as an attribution event: its trigger, roles and attributes.
fn claim_event(
    w: &mut Writer,
    document: &Document,
    index: &TextIndex<'_>,
    claim: &Claim,
    tid: &dyn Fn(&AnnotationId) -> Option<String>,
    eids: &HashMap<String, String>,
) {
    let kind = claim.event_type.as_deref().unwrap_or(ATTRIBUTION_EVENT);
    let content_is_cue = claim.attributes.get(CONTENT_IS_CUE.0).is_some_and(|v| v == CONTENT_IS_CUE.1);
    let trigger = match claim.trigger.as_ref().and_then(tid) {
        Some(t) => Some(t),
        None => trigger_anchor(document, claim).map(|a| w.t(kind, &a.ranges, index)),
    };
    let Some(trigger) = trigger else { return };
    let mut args: Vec<String> = Vec::new();
    if !content_is_cue {
        for (i, t) in claim.content.iter().filter_map(tid).enumerate() {
            args.push(role("Content", i, &t));
        }
    }
    if let Some(cue) = claim.cue.as_ref().and_then(tid) {
        args.push(format!("Cue:{cue}"));
    }
    for (i, t) in claim.source_spans.iter().filter_map(tid).enumerate() {
        args.push(role("Source", i, &t));
    }
    args.extend(event_args(&claim.attributes, eids));
    w.e += 1;
    let eid = format!("E{}", w.e);
    let _ = writeln!(w.lines, "{eid}\t{}:{trigger}{}", token(kind), join_args(&args));
    let mut attributes = claim.attributes.clone();
    if content_is_cue {
        attributes.remove(CONTENT_IS_CUE.0);
    }
    if claim.verdict != Verdict::Unverified {
        attributes.insert(VERDICT_ATTRIBUTE.to_owned(), claim.verdict.as_str().to_owned());
    }
    if let Some(date) = claim.event_date {
        attributes.insert(EVENT_DATE_ATTRIBUTE.to_owned(), date.to_string());
    }
    if let Some(date) = claim.said_on {
        attributes.insert(SAID_ON_ATTRIBUTE.to_owned(), date.to_string());
    }
    w.attributes(&eid, &attributes);
    w.note(&eid, &claim.note);
}

fn role(base: &str, i: usize, t: &str) -> String {
    if i == 0 { format!("{base}:{t}") } else { format!("{base}{}:{t}", i + 1) }
}

fn join_args(args: &[String]) -> String {
    args.iter().fold(String::new(), |mut out, a| {
        out.push(' ');
        out.push_str(a);
        out
    })
}

/// A file stem from a title: letters, digits and `-`, at most 60 chars.
fn stem_of(title: &str) -> String {
    let mut stem = String::new();
    for word in title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let word: String = word.chars().flat_map(char::to_lowercase).collect();
        if !stem.is_empty() && stem.chars().count() + 1 + word.chars().count() > 60 {
            break;
        }
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.push_str(&word);
    }
    stem.chars().take(60).collect()
}

/// The stem a document is exported under: the name of the file it was imported from, else a
/// slug of its title cut at a word boundary, else its id.
fn base_stem(d: &crate::model::Document) -> String {
    let imported = d.origin.as_ref().and_then(|o| o.file_name.as_deref());
    let from_file =
        imported.and_then(|n| std::path::Path::new(n).file_stem()).map(|s| s.to_string_lossy().replace(char::is_whitespace, "_"));
    from_file
        .filter(|s| !s.is_empty())
        .or_else(|| Some(stem_of(&d.title)).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| d.id.to_string())
}

/// Unique file stems for the project's documents, from their imported file names or titles (or ids).
pub fn file_stems(project: &Project) -> Vec<String> {
    let mut used: Vec<String> = Vec::new();
    for d in &project.documents {
        let base = base_stem(d);
        let mut stem = base.clone();
        let mut n = 2;
        while used.contains(&stem) {
            stem = format!("{base}-{n}");
            n += 1;
        }
        used.push(stem);
    }
    used
}

/// Every document as `STEM.txt` (its text, exactly) and `STEM.ann`.
pub fn export_brat(project: &Project) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for (document, stem) in project.documents.iter().zip(file_stems(project)) {
        files.push((format!("{stem}.txt"), document.text.clone()));
        files.push((format!("{stem}.ann"), document_ann(project, document)));
    }
    files
}

/// What a brat export cannot hold natively: every orphan (written as an `Orphan` note line,
/// with its quote, instead of a `T` line), by document.
pub fn orphan_warnings(project: &Project) -> Vec<Warning> {
    let mut out = Vec::new();
    for (document, stem) in project.documents.iter().zip(file_stems(project)) {
        for a in document.annotations.iter().filter(|a| a.ranges.is_empty()) {
            let quote = crate::formats::text::shorten(&a.quote.exact, 60);
            let message = format!("{stem}.ann: {} ({}) is orphaned; written as a note with its quote {quote:?}", a.id, a.label);
            out.push(Warning { line: None, message });
        }
    }
    out
}
