//! brat standoff import.
//!
//! Every line kind is read: `T` text-bound annotations (discontinuous fragments joined by
//! `;`), `R` relations, `E` events, `A`/`M` attributes, `N` normalisations, `#` notes and `*`
//! equivalences. Attribution events (`PolNeAR`, PARC) with Source, Cue and Content roles become
//! claims; their Source spans are registered as sources. What the model has no native place
//! for is kept (relations, other events, normalisations as attributes) so that a brat export
//! writes it back; what cannot be kept is reported as a [`Warning`], never dropped silently.
//! The `Verdict` and `EventDate` attributes that the export writes on attribution events
//! become the claim's verdict and event date.
//!
//! Events are read in two passes, so that an argument naming an event defined later in the
//! file (`E2 Catalysis:T36 Theme:E3 Cause:T14`) is kept: as the attribute `arg:Theme` holding
//! the claim or relation `E3` became. An `Orphan` note (what the export writes for an
//! annotation that lost its place) comes back as an orphan with its quote.
//!
//! Offsets are code points of the `.txt` (a byte-order mark and CRLF line ends read as none and
//! LF, see [`super::line_ends`]), end exclusive.

use super::line_ends::{clean_text, collapse_ws};
use super::names::{
    ANNOTATOR_NOTES, ATTRIBUTION_EVENT, EVENT_ARG_PREFIX, EVENT_DATE_ATTRIBUTE, NORMALISATION_PREFIX, ORPHAN_NOTE,
    SAID_ON_ATTRIBUTE, VERDICT_ATTRIBUTE, label_for_type, role_base, role_for_type,
};
use super::parse::{ELine, Parsed, TLine, parse};
use crate::anchor::{CharRange, TextIndex};
use crate::formats::Warning;
use crate::model::labels::color_for_new_label;
use crate::model::{
    Annotation, AnnotationId, Claim, Document, EventDate, LabelDef, Project, Relation, RelationId, RelationKind, Source,
    SourceId, Verdict,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What a brat import produced: a document plus the labels and sources it needs registered.
#[derive(Debug, Clone)]
pub struct BratImport {
    /// The document, its annotations, claims and relations.
    pub document: Document,
    /// Labels the project's schema lacks.
    pub new_labels: Vec<LabelDef>,
    /// Sources the project's registry lacks.
    pub new_sources: Vec<Source>,
    /// What could not be kept.
    pub warnings: Vec<Warning>,
}

/// The author of imported annotations.
const AUTHOR: &str = "brat import";

/// What an `E` or `R` line became.
#[derive(Clone, Copy)]
enum EventTarget {
    Claim(usize),
    Relation(usize),
}

/// What an `A`, `N` or `#` line is about.
#[derive(Clone, Copy)]
enum Target {
    Annotation(usize),
    Claim(usize),
    Relation(usize),
}

/// An event argument naming another event, resolved once every event is read.
struct EventArg {
    owner: EventTarget,
    role: String,
    event: String,
    /// The referring `E` line's id and line number.
    from: (String, usize),
}

/// The import under way.
struct Builder<'p> {
    project: &'p Project,
    document: Document,
    new_labels: Vec<LabelDef>,
    new_sources: Vec<Source>,
    warnings: Vec<Warning>,
    /// `T` id -> annotation.
    ann_ids: HashMap<String, AnnotationId>,
    /// `E` and `R` id -> claim or relation.
    event_ids: HashMap<String, EventTarget>,
    /// Every `E` id of the file.
    event_lines: HashSet<String>,
    event_args: Vec<EventArg>,
}

/// Imports a brat document. `project` provides the existing labels and sources, so that
/// only missing ones are returned as new.
pub fn import_brat(text: &str, ann: &str, name: &str, project: &Project) -> BratImport {
    let mut warnings = Vec::new();
    let mut parsed = parse(ann, &mut warnings);
    let text = clean_text(text, &mut parsed.t);
    let title = super::super::text::title_of(&text).unwrap_or_else(|| name.to_owned());
    let mut b = Builder {
        project,
        document: Document::new(title, text.clone()),
        new_labels: Vec::new(),
        new_sources: Vec::new(),
        warnings,
        ann_ids: HashMap::new(),
        event_ids: HashMap::new(),
        event_lines: parsed.e.iter().map(|e| e.id.clone()).collect(),
        event_args: Vec::new(),
    };
    let index = TextIndex::new(&text);
    let implicit = implicit_triggers(&parsed);
    for t in &parsed.t {
        if !implicit.contains(t.id.as_str()) {
            b.annotation(t, &index);
        }
    }
    for e in &parsed.e {
        b.event(e, &implicit);
    }
    b.resolve_event_args();
    b.relations(&parsed);
    b.attributes_and_notes(&parsed, &index);
    b.verdicts_and_dates();
    BratImport { document: b.document, new_labels: b.new_labels, new_sources: b.new_sources, warnings: b.warnings }
}

/// Triggers of attribution events that merely repeat the cue: not kept as annotations, the
/// export writes them back from the claim.
fn implicit_triggers(parsed: &Parsed) -> HashSet<&str> {
    let referenced_elsewhere: HashSet<&str> = parsed
        .attrs
        .iter()
        .map(|a| a.2.as_str())
        .chain(parsed.norms.iter().map(|n| n.2.as_str()))
        .chain(parsed.notes.iter().map(|n| n.2.as_str()))
        .chain(parsed.r.iter().flat_map(|r| r.3.iter().map(|(_, t)| t.as_str())))
        .chain(parsed.equiv.iter().flat_map(|e| e.2.iter().map(String::as_str)))
        .chain(parsed.e.iter().flat_map(|e| e.args.iter().map(|(_, t)| t.as_str())))
        .collect();
    let t_by_id: HashMap<&str, &TLine> = parsed.t.iter().map(|t| (t.id.as_str(), t)).collect();
    // A trigger shared by several events (PolNeAR has trigger-only duplicates of attributions)
    // is kept as an annotation, so that every event keeps it.
    let mut trigger_uses: HashMap<&str, usize> = HashMap::new();
    for e in &parsed.e {
        *trigger_uses.entry(e.trigger.as_str()).or_default() += 1;
    }
    let mut implicit: HashSet<&str> = HashSet::new();
    for e in &parsed.e {
        // The export puts the trigger on the cue, or on the first content when there is no cue.
        let role_span = |base: &str| e.args.iter().find(|(r, _)| role_base(r) == base).and_then(|(_, t)| t_by_id.get(t.as_str()));
        let cue = role_span("Cue").or_else(|| role_span("Content"));
        let trig = t_by_id.get(e.trigger.as_str());
        if let (Some(cue), Some(trig)) = (cue, trig)
            && trig.kind == e.kind
            && trig.ranges == cue.ranges
            && !referenced_elsewhere.contains(e.trigger.as_str())
            && trigger_uses.get(e.trigger.as_str()) == Some(&1)
        {
            implicit.insert(e.trigger.as_str());
        }
    }
    implicit
}

impl Builder<'_> {
    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(Warning { line: Some(line), message });
    }

    /// Registers `label` when neither the project nor this import has it.
    fn need_label(&mut self, label: &str, brat_type: &str) {
        if self.project.label(label).is_none() && !self.new_labels.iter().any(|l| l.name == label) {
            self.new_labels.push(LabelDef {
                name: label.to_owned(),
                color: color_for_new_label(label),
                hotkey: None,
                description: format!("brat type {brat_type}"),
                role: role_for_type(brat_type).filter(|&r| self.project.label_for(r).is_none()),
            });
        }
    }

    /// A `T` line -> an annotation.
    fn annotation(&mut self, t: &TLine, index: &TextIndex<'_>) {
        let mut ranges = t.ranges.clone();
        ranges.sort();
        if ranges.iter().any(|r| r.end > index.char_len() || r.start > r.end) {
            let (shown, len) = (fmt_ranges(&t.ranges), index.char_len());
            self.warn(t.line, format!("{}: offsets {shown} lie outside the text ({len} chars); not imported", t.id));
            return;
        }
        ranges.retain(|r| !r.is_empty());
        if ranges.is_empty() {
            self.warn(t.line, format!("{}: empty span; not imported", t.id));
            return;
        }
        let merged = crate::anchor::normalize_ranges_keep_adjacent(ranges.clone());
        if merged.len() != ranges.len() {
            self.warn(t.line, format!("{}: overlapping fragments were merged", t.id));
        }
        let label = label_for_type(self.project, &t.kind).to_owned();
        self.need_label(&label, &t.kind);
        let annotation = Annotation::new(index, label, merged, AUTHOR);
        let stated = collapse_ws(&t.text);
        // Brat writes the text column fragment by fragment, in the order the offsets are given
        // (not always text order), joined by spaces; the text itself may contain " … ".
        let actual = collapse_ws(&t.ranges.iter().map(|r| index.slice(*r)).collect::<Vec<_>>().join(" "));
        if !stated.is_empty() && stated != actual {
            self.warn(t.line, format!("{}: its text column differs from the text at its offsets; the offsets were used", t.id));
        }
        self.ann_ids.insert(t.id.clone(), annotation.id.clone());
        self.document.annotations.push(annotation);
    }

    /// An `E` line -> a claim (attributions) or an event relation. Arguments naming events are
    /// set aside for [`Self::resolve_event_args`].
    fn event(&mut self, e: &ELine, implicit: &HashSet<&str>) {
        let mut missing = Vec::new();
        let mut event_args: Vec<(String, String)> = Vec::new();
        let mut resolved: Vec<(String, AnnotationId)> = Vec::new();
        for (role, t) in &e.args {
            if self.event_lines.contains(t) {
                event_args.push((role.clone(), t.clone()));
            } else if let Some(id) = self.ann_ids.get(t) {
                resolved.push((role.clone(), id.clone()));
            } else {
                missing.push(t.clone());
            }
        }
        let is_attribution = e.args.iter().any(|(r, _)| matches!(role_base(r), "Content" | "Cue"));
        let owner = if is_attribution {
            let trigger = if implicit.contains(e.trigger.as_str()) { None } else { Some(self.resolve(&e.trigger, &mut missing)) };
            self.claim(e, &resolved, trigger.flatten())
        } else {
            let trigger = self.resolve(&e.trigger, &mut missing);
            self.document.relations.push(Relation {
                id: RelationId::random(),
                kind: RelationKind::Event,
                label: e.kind.clone(),
                trigger,
                args: resolved,
                attributes: BTreeMap::new(),
                note: String::new(),
            });
            Some(EventTarget::Relation(self.document.relations.len() - 1))
        };
        let Some(owner) = owner else { return };
        self.event_ids.insert(e.id.clone(), owner);
        for (role, event) in event_args {
            self.event_args.push(EventArg { owner, role, event, from: (e.id.clone(), e.line) });
        }
        if !missing.is_empty() {
            self.warn(e.line, format!("{}: refers to {} which was not imported", e.id, missing.join(", ")));
        }
    }

    fn resolve(&self, t: &str, missing: &mut Vec<String>) -> Option<AnnotationId> {
        let id = self.ann_ids.get(t).cloned();
        if id.is_none() {
            missing.push(t.to_owned());
        }
        id
    }

    /// An attribution event -> a claim, registering its sources; `None` when it has no content.
    fn claim(&mut self, e: &ELine, args: &[(String, AnnotationId)], trigger: Option<AnnotationId>) -> Option<EventTarget> {
        let mut claim = Claim::new(Vec::new());
        for (role, id) in args {
            match role_base(role) {
                "Content" => claim.content.push(id.clone()),
                "Cue" if claim.cue.is_none() => claim.cue = Some(id.clone()),
                "Source" => claim.source_spans.push(id.clone()),
                other => self.warn(e.line, format!("{}: role {other} is not kept", e.id)),
            }
        }
        claim.trigger = trigger;
        if e.kind != ATTRIBUTION_EVENT {
            claim.event_type = Some(e.kind.clone());
        }
        if claim.content.is_empty() {
            // No content: keep the cue (and source) as a claim so nothing is lost.
            if let Some(cue) = claim.cue.clone() {
                claim.content.push(cue);
                claim.attributes.insert(super::names::CONTENT_IS_CUE.0.into(), super::names::CONTENT_IS_CUE.1.into());
            }
        }
        if claim.content.is_empty() {
            self.warn(e.line, format!("{}: attribution without content or cue; not imported", e.id));
            return None;
        }
        for span in &claim.source_spans {
            let Some(a) = self.document.annotation(span) else { continue };
            let name = a.quote.exact.replace(crate::anchor::FRAGMENT_SEPARATOR, " ");
            if let Some(id) = register_source(&name, self.project, &mut self.new_sources)
                && !claim.attributed_to.contains(&id)
            {
                claim.attributed_to.push(id);
            }
        }
        self.document.claims.push(claim);
        Some(EventTarget::Claim(self.document.claims.len() - 1))
    }

    /// The second pass over the events: arguments naming events become `arg:ROLE` attributes
    /// holding the id of the claim or relation the event became.
    fn resolve_event_args(&mut self) {
        for arg in std::mem::take(&mut self.event_args) {
            let (from, line) = arg.from;
            let target_id = match self.event_ids.get(&arg.event) {
                Some(EventTarget::Claim(i)) => self.document.claims.get(*i).map(|c| c.id.to_string()),
                Some(EventTarget::Relation(i)) => self.document.relations.get(*i).map(|r| r.id.to_string()),
                None => None,
            };
            let Some(target_id) = target_id else {
                self.warn(line, format!("{from}: refers to {} which was not imported", arg.event));
                continue;
            };
            let attributes = match arg.owner {
                EventTarget::Claim(i) => self.document.claims.get_mut(i).map(|c| &mut c.attributes),
                EventTarget::Relation(i) => self.document.relations.get_mut(i).map(|r| &mut r.attributes),
            };
            let key = format!("{EVENT_ARG_PREFIX}{}", arg.role);
            match attributes {
                Some(m) if !m.contains_key(&key) => {
                    m.insert(key, target_id);
                }
                _ => self.warn(line, format!("{from}: the role {} is given twice; {} is not kept", arg.role, arg.event)),
            }
        }
    }

    /// `R` and `*` lines -> relations.
    fn relations(&mut self, parsed: &Parsed) {
        for (rid, line, kind, args) in &parsed.r {
            let resolved: Vec<(String, AnnotationId)> =
                args.iter().filter_map(|(r, t)| self.ann_ids.get(t).map(|id| (r.clone(), id.clone()))).collect();
            if resolved.len() != args.len() {
                self.warn(*line, format!("{rid}: refers to an annotation that was not imported"));
            }
            self.event_ids.insert(rid.clone(), EventTarget::Relation(self.document.relations.len()));
            self.document.relations.push(plain_relation(RelationKind::Relation, kind, resolved));
        }
        for (line, kind, members) in &parsed.equiv {
            let resolved: Vec<(String, AnnotationId)> =
                members.iter().filter_map(|t| self.ann_ids.get(t).map(|id| (String::new(), id.clone()))).collect();
            if resolved.len() != members.len() {
                self.warn(*line, "an equivalence refers to an annotation that was not imported".into());
            }
            self.document.relations.push(plain_relation(RelationKind::Equivalence, kind, resolved));
        }
    }

    fn target(&self, id: &str) -> Option<Target> {
        if let Some(a) = self.ann_ids.get(id) {
            return self.document.annotations.iter().position(|x| &x.id == a).map(Target::Annotation);
        }
        self.event_ids.get(id).map(|t| match t {
            EventTarget::Claim(i) => Target::Claim(*i),
            EventTarget::Relation(i) => Target::Relation(*i),
        })
    }

    /// `A`/`M` and `N` lines -> attributes, `#` lines -> notes (or orphans), on their targets.
    fn attributes_and_notes(&mut self, parsed: &Parsed, index: &TextIndex<'_>) {
        let mut attr_edits: Vec<(usize, Option<Target>, String, String)> = Vec::new();
        for (line, name, tid, value) in &parsed.attrs {
            attr_edits.push((*line, self.target(tid), name.clone(), value.clone().unwrap_or_else(|| "true".into())));
        }
        for (line, kind, tid, reference, text) in &parsed.norms {
            attr_edits.push((*line, self.target(tid), format!("{NORMALISATION_PREFIX}{kind}:{reference}"), text.clone()));
        }
        for (line, t, key, value) in attr_edits {
            let map = match t {
                Some(Target::Annotation(i)) => self.document.annotations.get_mut(i).map(|a| &mut a.attributes),
                Some(Target::Claim(i)) => self.document.claims.get_mut(i).map(|c| &mut c.attributes),
                Some(Target::Relation(i)) => self.document.relations.get_mut(i).map(|r| &mut r.attributes),
                None => None,
            };
            match map {
                Some(m) => {
                    m.insert(key, value);
                }
                None => self.warn(line, format!("attribute {key} refers to nothing imported")),
            }
        }
        for (line, kind, tid, text) in &parsed.notes {
            if kind == ORPHAN_NOTE {
                self.orphan(text, index);
                continue;
            }
            if kind != ANNOTATOR_NOTES {
                self.warn(*line, format!("note type {kind} kept as an annotator note"));
            }
            let target = self.target(tid);
            self.note(*line, target, text);
        }
    }

    fn note(&mut self, line: usize, target: Option<Target>, text: &str) {
        let note = match target {
            Some(Target::Annotation(i)) => self.document.annotations.get_mut(i).map(|a| &mut a.note),
            Some(Target::Claim(i)) => self.document.claims.get_mut(i).map(|c| &mut c.note),
            Some(Target::Relation(i)) => self.document.relations.get_mut(i).map(|r| &mut r.note),
            None => None,
        };
        match note {
            Some(n) => {
                if !n.is_empty() {
                    n.push('\n');
                }
                n.push_str(text);
            }
            None => self.warn(line, "a note refers to nothing imported".into()),
        }
    }

    /// An `Orphan` note (`TYPE<tab>QUOTE`) -> an annotation with its quote and no place.
    fn orphan(&mut self, text: &str, index: &TextIndex<'_>) {
        let (brat_type, quote) = text.split_once('\t').unwrap_or(("", text));
        let label =
            label_for_type(self.project, if brat_type.is_empty() { super::names::CONTENT_TYPE } else { brat_type }).to_owned();
        self.need_label(&label, brat_type);
        let mut annotation = Annotation::new(index, label, Vec::new(), AUTHOR);
        quote.clone_into(&mut annotation.quote.exact);
        self.document.annotations.push(annotation);
    }

    /// The verdict and event date that a brat export writes as attributes of the event.
    fn verdicts_and_dates(&mut self) {
        for claim in &mut self.document.claims {
            if let Some(v) = claim.attributes.get(VERDICT_ATTRIBUTE).and_then(|v| Verdict::parse(v)) {
                claim.verdict = v;
                claim.attributes.remove(VERDICT_ATTRIBUTE);
            }
            if let Some(d) = claim.attributes.get(EVENT_DATE_ATTRIBUTE).and_then(|d| EventDate::parse(d)) {
                claim.event_date = Some(d);
                claim.attributes.remove(EVENT_DATE_ATTRIBUTE);
            }
            if let Some(d) = claim.attributes.get(SAID_ON_ATTRIBUTE).and_then(|d| EventDate::parse(d)) {
                claim.said_on = Some(d);
                claim.attributes.remove(SAID_ON_ATTRIBUTE);
            }
        }
    }
}

fn plain_relation(kind: RelationKind, label: &str, args: Vec<(String, AnnotationId)>) -> Relation {
    Relation {
        id: RelationId::random(),
        kind,
        label: label.to_owned(),
        trigger: None,
        args,
        attributes: BTreeMap::new(),
        note: String::new(),
    }
}

fn fmt_ranges(ranges: &[CharRange]) -> String {
    ranges.iter().map(|r| format!("{} {}", r.start, r.end)).collect::<Vec<_>>().join(";")
}

/// Finds or registers the source called `name`; pronouns are not registered.
fn register_source(name: &str, project: &Project, new_sources: &mut Vec<Source>) -> Option<SourceId> {
    let name = crate::text::source_display_name(name);
    if name.is_empty() || crate::text::is_pronoun(&name) {
        return None;
    }
    if let Some(s) = project.source_named(&name) {
        return Some(s.id.clone());
    }
    let key = crate::text::normalize_source_name(&name);
    if let Some(s) = new_sources.iter().find(|s| crate::text::normalize_source_name(&s.name) == key) {
        return Some(s.id.clone());
    }
    let source = Source::new(name.clone(), crate::text::source_kind::guess_kind(&name));
    let id = source.id.clone();
    new_sources.push(source);
    Some(id)
}
