//! brat standoff (`NAME.txt` + `NAME.ann`): import.
//!
//! Every line kind is read: `T` text-bound annotations (discontinuous fragments joined by
//! `;`), `R` relations, `E` events, `A`/`M` attributes, `N` normalisations, `#` notes and `*`
//! equivalences. Attribution events (`PolNeAR`, PARC) with Source, Cue and Content roles become
//! claims; their Source spans are registered as sources. What the model has no native place
//! for is kept (relations, other events, normalisations as attributes) so that a brat export
//! writes it back; what cannot be kept is reported as a [`Warning`], never dropped silently.
//! The `Verdict` and `EventDate` attributes that [`super::brat_export`] writes on attribution
//! events become the claim's verdict and event date.
//!
//! Offsets are code points of the `.txt` exactly as given (no normalisation), end exclusive.

use super::Warning;
use crate::anchor::{CharRange, TextIndex};
use crate::model::labels::{LabelRole, color_for_new_label};
use crate::model::{
    Annotation, AnnotationId, Claim, Document, EventDate, LabelDef, Project, Relation, RelationId, RelationKind, Source,
    SourceId, Verdict,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The brat event type of attributions.
pub const ATTRIBUTION_EVENT: &str = "Attribution";
/// The brat entity type of claim content (`PolNeAR`'s name for what claimlens labels Claim).
pub const CONTENT_TYPE: &str = "Content";

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

/// The role a brat entity type stands for: `Content` the claim role, `Source`, `Cue`, ... theirs.
fn role_for_type(brat_type: &str) -> Option<LabelRole> {
    if brat_type == CONTENT_TYPE { Some(LabelRole::Claim) } else { LabelRole::from_default_name(brat_type) }
}

/// The project's label for a brat entity type: the label playing the type's role, else the type.
pub fn label_for_type<'a>(project: &'a Project, brat_type: &'a str) -> &'a str {
    role_for_type(brat_type).map_or(brat_type, |role| project.label_name_for(role))
}

/// The brat entity type for a project's label: `Content` for the claim role, the role's
/// `PolNeAR` name for the other roles (whatever the label is called), else the label's name.
pub fn type_for_label<'a>(project: &Project, label: &'a str) -> &'a str {
    match project.role_of(label) {
        Some(LabelRole::Claim) => CONTENT_TYPE,
        Some(role) => role.default_name(),
        None => label,
    }
}

#[derive(Debug)]
struct TLine {
    line: usize,
    kind: String,
    ranges: Vec<CharRange>,
    text: String,
}

#[derive(Debug)]
struct ELine {
    id: String,
    line: usize,
    kind: String,
    trigger: String,
    args: Vec<(String, String)>,
}

/// `R` line: id, line number, type, role arguments.
type RLine = (String, usize, String, Vec<(String, String)>);
/// `N` line: line number, type, target, reference, text.
type NLine = (usize, String, String, String, String);

#[derive(Debug, Default)]
struct Parsed {
    t: Vec<(String, TLine)>,
    e: Vec<ELine>,
    r: Vec<RLine>,
    equiv: Vec<(usize, String, Vec<String>)>,
    attrs: Vec<(usize, String, String, Option<String>)>,
    norms: Vec<NLine>,
    notes: Vec<(usize, String, String, String)>,
}

fn is_line_start(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('T' | 'R' | 'E' | 'A' | 'M' | 'N' | '#') => {
            let rest: String = chars.take_while(|c| *c != '\t').collect();
            rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') && line.contains('\t')
        }
        Some('*') => line.starts_with("*\t"),
        _ => false,
    }
}

fn parse_fragments(spec: &str) -> Option<Vec<CharRange>> {
    spec.split(';')
        .map(|frag| {
            let mut it = frag.split_whitespace();
            let a = it.next()?.parse().ok()?;
            let b = it.next()?.parse().ok()?;
            it.next().is_none().then_some(CharRange::new(a, b))
        })
        .collect()
}

fn parse_args(parts: &[&str]) -> Vec<(String, String)> {
    parts.iter().filter_map(|a| a.split_once(':').map(|(r, t)| (r.to_owned(), t.to_owned()))).collect()
}

fn parse(ann: &str, warnings: &mut Vec<Warning>) -> Parsed {
    let mut p = Parsed::default();
    let mut warn = |line: usize, message: String| warnings.push(Warning { line: Some(line), message });
    let ann = ann.strip_prefix('\u{feff}').unwrap_or(ann);
    for (i, raw) in ann.split('\n').enumerate() {
        let n = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            continue;
        }
        if !is_line_start(line) {
            // A T line's text that itself contained a line break continues here.
            if let Some((_, t)) = p.t.last_mut()
                && t.line < n
            {
                t.text.push('\n');
                t.text.push_str(line);
                continue;
            }
            warn(n, format!("not a brat annotation line: {:?}", crate::formats::text::shorten(line, 60)));
            continue;
        }
        let cols: Vec<&str> = line.splitn(3, '\t').collect();
        let id = cols.first().copied().unwrap_or("").to_owned();
        let body = cols.get(1).copied().unwrap_or("");
        let extra = cols.get(2).copied().unwrap_or("");
        let parts: Vec<&str> = body.split_whitespace().collect();
        match id.chars().next() {
            Some('T') => {
                let (kind, spec) = body.split_once(' ').unwrap_or((body, ""));
                match parse_fragments(spec) {
                    Some(ranges) if !kind.is_empty() => {
                        p.t.push((id, TLine { line: n, kind: kind.to_owned(), ranges, text: extra.to_owned() }));
                    }
                    _ => warn(n, format!("{id}: cannot read the type and offsets {body:?}")),
                }
            }
            Some('E') => {
                let Some((kind, trigger)) = parts.first().and_then(|h| h.split_once(':')) else {
                    warn(n, format!("{id}: an event needs TYPE:TRIGGER"));
                    continue;
                };
                let args = parse_args(parts.get(1..).unwrap_or_default());
                p.e.push(ELine { id, line: n, kind: kind.to_owned(), trigger: trigger.to_owned(), args });
            }
            Some('R') => match parts.split_first() {
                Some((kind, rest)) if !rest.is_empty() => p.r.push((id, n, (*kind).to_owned(), parse_args(rest))),
                _ => warn(n, format!("{id}: a relation needs TYPE ARG1:ID ARG2:ID")),
            },
            Some('*') => match parts.split_first() {
                Some((kind, rest)) => p.equiv.push((n, (*kind).to_owned(), rest.iter().map(|s| (*s).to_owned()).collect())),
                None => warn(n, "an equivalence needs TYPE ID ID...".into()),
            },
            Some('A' | 'M') => match parts.as_slice() {
                [name, target] => p.attrs.push((n, (*name).to_owned(), (*target).to_owned(), None)),
                [name, target, value] => p.attrs.push((n, (*name).to_owned(), (*target).to_owned(), Some((*value).to_owned()))),
                _ => warn(n, format!("{id}: an attribute needs NAME TARGET [VALUE]")),
            },
            Some('N') => match parts.as_slice() {
                [kind, target, reference] => {
                    p.norms.push((n, (*kind).to_owned(), (*target).to_owned(), (*reference).to_owned(), extra.to_owned()));
                }
                _ => warn(n, format!("{id}: a normalisation needs TYPE TARGET DB:ID")),
            },
            Some('#') => match parts.as_slice() {
                [kind, target, ..] => p.notes.push((n, (*kind).to_owned(), (*target).to_owned(), extra.to_owned())),
                _ => warn(n, format!("{id}: a note needs TYPE TARGET")),
            },
            _ => warn(n, format!("unknown line kind {id:?}")),
        }
    }
    p
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Imports a brat document. `project` provides the existing labels and sources, so that
/// only missing ones are returned as new.
pub fn import_brat(text: &str, ann: &str, name: &str, project: &Project) -> BratImport {
    let mut warnings = Vec::new();
    let parsed = parse(ann, &mut warnings);
    let index = TextIndex::new(text);
    let mut document = Document::new(super::text::title_of(text).unwrap_or_else(|| name.to_owned()), text.to_owned());
    let author = "brat import".to_owned();

    // Triggers of attribution events that merely repeat the cue are not kept as annotations:
    // the export writes them back from the claim.
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
    let t_by_id: HashMap<&str, &TLine> = parsed.t.iter().map(|(id, t)| (id.as_str(), t)).collect();
    // A trigger shared by several events (PolNeAR has trigger-only duplicates of attributions)
    // is kept as an annotation, so that every event keeps it.
    let mut trigger_uses: HashMap<&str, usize> = HashMap::new();
    for e in &parsed.e {
        *trigger_uses.entry(e.trigger.as_str()).or_default() += 1;
    }
    let mut implicit_triggers: HashSet<&str> = HashSet::new();
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
            implicit_triggers.insert(e.trigger.as_str());
        }
    }

    // T lines -> annotations.
    let mut ann_ids: HashMap<String, AnnotationId> = HashMap::new();
    let mut new_labels: Vec<LabelDef> = Vec::new();
    for (tid, t) in &parsed.t {
        if implicit_triggers.contains(tid.as_str()) {
            continue;
        }
        let mut ranges = t.ranges.clone();
        ranges.sort();
        if ranges.iter().any(|r| r.end > index.char_len() || r.start > r.end) {
            warnings.push(Warning {
                line: Some(t.line),
                message: format!(
                    "{tid}: offsets {} lie outside the text ({} chars); not imported",
                    fmt_ranges(&t.ranges),
                    index.char_len()
                ),
            });
            continue;
        }
        ranges.retain(|r| !r.is_empty());
        if ranges.is_empty() {
            warnings.push(Warning { line: Some(t.line), message: format!("{tid}: empty span; not imported") });
            continue;
        }
        let merged = crate::anchor::normalize_ranges_keep_adjacent(ranges.clone());
        if merged.len() != ranges.len() {
            warnings.push(Warning { line: Some(t.line), message: format!("{tid}: overlapping fragments were merged") });
        }
        let label = label_for_type(project, &t.kind).to_owned();
        if project.label(&label).is_none() && !new_labels.iter().any(|l| l.name == label) {
            new_labels.push(LabelDef {
                name: label.clone(),
                color: color_for_new_label(&label),
                hotkey: None,
                description: format!("brat type {}", t.kind),
                role: role_for_type(&t.kind).filter(|&r| project.label_for(r).is_none()),
            });
        }
        let annotation = Annotation::new(&index, label, merged, author.clone());
        let stated = collapse_ws(&t.text);
        // Brat writes the text column fragment by fragment, in the order the offsets are given
        // (not always text order), joined by spaces; the text itself may contain " … ".
        let actual = collapse_ws(&t.ranges.iter().map(|r| index.slice(*r)).collect::<Vec<_>>().join(" "));
        if !stated.is_empty() && stated != actual {
            warnings.push(Warning {
                line: Some(t.line),
                message: format!("{tid}: its text column differs from the text at its offsets; the offsets were used"),
            });
        }
        ann_ids.insert(tid.clone(), annotation.id.clone());
        document.annotations.push(annotation);
    }

    // E lines -> claims (attributions) or events.
    let mut new_sources: Vec<Source> = Vec::new();
    let mut event_ids: HashMap<String, EventTarget> = HashMap::new();
    for e in &parsed.e {
        let is_attribution = e.args.iter().any(|(r, _)| matches!(role_base(r), "Content" | "Cue"));
        let lookup = |t: &str| ann_ids.get(t).cloned();
        let mut missing = Vec::new();
        let mut resolve = |t: &str| {
            let id = lookup(t);
            if id.is_none() {
                missing.push(t.to_owned());
            }
            id
        };
        if is_attribution {
            let mut claim = Claim::new(Vec::new());
            for (role, t) in &e.args {
                let Some(id) = resolve(t) else { continue };
                match role_base(role) {
                    "Content" => claim.content.push(id),
                    "Cue" if claim.cue.is_none() => claim.cue = Some(id),
                    "Source" => claim.source_spans.push(id),
                    other => {
                        warnings.push(Warning { line: Some(e.line), message: format!("{}: role {other} is not kept", e.id) });
                    }
                }
            }
            if !implicit_triggers.contains(e.trigger.as_str()) {
                claim.trigger = resolve(&e.trigger);
            }
            if e.kind != ATTRIBUTION_EVENT {
                claim.event_type = Some(e.kind.clone());
            }
            if claim.content.is_empty() {
                // No content: keep the cue (and source) as an event so nothing is lost.
                if let Some(cue) = claim.cue.clone() {
                    claim.content.push(cue);
                    claim.attributes.insert("content".into(), "cue".into());
                }
            }
            if claim.content.is_empty() {
                warnings.push(Warning {
                    line: Some(e.line),
                    message: format!("{}: attribution without content or cue; not imported", e.id),
                });
                continue;
            }
            for span in &claim.source_spans {
                let Some(a) = document.annotation(span) else { continue };
                let name = a.quote.exact.replace(crate::anchor::FRAGMENT_SEPARATOR, " ");
                if let Some(id) = register_source(&name, project, &mut new_sources)
                    && !claim.attributed_to.contains(&id)
                {
                    claim.attributed_to.push(id);
                }
            }
            event_ids.insert(e.id.clone(), EventTarget::Claim(document.claims.len()));
            document.claims.push(claim);
        } else {
            let trigger = resolve(&e.trigger);
            let args: Vec<(String, AnnotationId)> =
                e.args.iter().filter_map(|(r, t)| resolve(t).map(|id| (r.clone(), id))).collect();
            event_ids.insert(e.id.clone(), EventTarget::Relation(document.relations.len()));
            document.relations.push(Relation {
                id: RelationId::random(),
                kind: RelationKind::Event,
                label: e.kind.clone(),
                trigger,
                args,
                attributes: BTreeMap::new(),
                note: String::new(),
            });
        }
        if !missing.is_empty() {
            warnings.push(Warning {
                line: Some(e.line),
                message: format!("{}: refers to {} which was not imported", e.id, missing.join(", ")),
            });
        }
    }

    // R and * lines -> relations.
    for (rid, line, kind, args) in &parsed.r {
        let resolved: Vec<(String, AnnotationId)> =
            args.iter().filter_map(|(r, t)| ann_ids.get(t).map(|id| (r.clone(), id.clone()))).collect();
        if resolved.len() != args.len() {
            warnings
                .push(Warning { line: Some(*line), message: format!("{rid}: refers to an annotation that was not imported") });
        }
        event_ids.insert(rid.clone(), EventTarget::Relation(document.relations.len()));
        document.relations.push(Relation {
            id: RelationId::random(),
            kind: RelationKind::Relation,
            label: kind.clone(),
            trigger: None,
            args: resolved,
            attributes: BTreeMap::new(),
            note: String::new(),
        });
    }
    for (line, kind, members) in &parsed.equiv {
        let resolved: Vec<(String, AnnotationId)> =
            members.iter().filter_map(|t| ann_ids.get(t).map(|id| (String::new(), id.clone()))).collect();
        if resolved.len() != members.len() {
            warnings.push(Warning {
                line: Some(*line),
                message: "an equivalence refers to an annotation that was not imported".into(),
            });
        }
        document.relations.push(Relation {
            id: RelationId::random(),
            kind: RelationKind::Equivalence,
            label: kind.clone(),
            trigger: None,
            args: resolved,
            attributes: BTreeMap::new(),
            note: String::new(),
        });
    }

    // A/M, N and # lines -> attributes and notes on their targets.
    let target = |id: &str| -> Option<Target> {
        if let Some(a) = ann_ids.get(id) {
            return document.annotations.iter().position(|x| &x.id == a).map(Target::Annotation);
        }
        event_ids.get(id).map(|t| match t {
            EventTarget::Claim(i) => Target::Claim(*i),
            EventTarget::Relation(i) => Target::Relation(*i),
        })
    };
    let mut attr_edits: Vec<(usize, Option<Target>, String, String)> = Vec::new();
    for (line, name, tid, value) in &parsed.attrs {
        attr_edits.push((*line, target(tid), name.clone(), value.clone().unwrap_or_else(|| "true".into())));
    }
    for (line, kind, tid, reference, text) in &parsed.norms {
        attr_edits.push((*line, target(tid), format!("N:{kind}:{reference}"), text.clone()));
    }
    let mut note_edits: Vec<(usize, Option<Target>, String, String)> = Vec::new();
    for (line, kind, tid, text) in &parsed.notes {
        note_edits.push((*line, target(tid), kind.clone(), text.clone()));
    }
    for (line, t, key, value) in attr_edits {
        let map = match t {
            Some(Target::Annotation(i)) => document.annotations.get_mut(i).map(|a| &mut a.attributes),
            Some(Target::Claim(i)) => document.claims.get_mut(i).map(|c| &mut c.attributes),
            Some(Target::Relation(i)) => document.relations.get_mut(i).map(|r| &mut r.attributes),
            None => None,
        };
        match map {
            Some(m) => {
                m.insert(key, value);
            }
            None => warnings.push(Warning { line: Some(line), message: format!("attribute {key} refers to nothing imported") }),
        }
    }
    // The verdict and event date that a brat export writes as attributes of the event.
    for claim in &mut document.claims {
        if let Some(v) = claim.attributes.get(super::brat_export::VERDICT_ATTRIBUTE).and_then(|v| Verdict::parse(v)) {
            claim.verdict = v;
            claim.attributes.remove(super::brat_export::VERDICT_ATTRIBUTE);
        }
        if let Some(d) = claim.attributes.get(super::brat_export::EVENT_DATE_ATTRIBUTE).and_then(|d| EventDate::parse(d)) {
            claim.event_date = Some(d);
            claim.attributes.remove(super::brat_export::EVENT_DATE_ATTRIBUTE);
        }
    }
    for (line, t, kind, text) in note_edits {
        if kind != "AnnotatorNotes" {
            warnings.push(Warning { line: Some(line), message: format!("note type {kind} kept as an annotator note") });
        }
        let note = match t {
            Some(Target::Annotation(i)) => document.annotations.get_mut(i).map(|a| &mut a.note),
            Some(Target::Claim(i)) => document.claims.get_mut(i).map(|c| &mut c.note),
            Some(Target::Relation(i)) => document.relations.get_mut(i).map(|r| &mut r.note),
            None => None,
        };
        match note {
            Some(n) => {
                if !n.is_empty() {
                    n.push('\n');
                }
                n.push_str(&text);
            }
            None => warnings.push(Warning { line: Some(line), message: "a note refers to nothing imported".into() }),
        }
    }

    BratImport { document, new_labels, new_sources, warnings }
}

#[derive(Clone, Copy)]
enum EventTarget {
    Claim(usize),
    Relation(usize),
}

#[derive(Clone, Copy)]
enum Target {
    Annotation(usize),
    Claim(usize),
    Relation(usize),
}

/// A brat role without its numeric suffix (`Content2` -> `Content`).
pub fn role_base(role: &str) -> &str {
    role.trim_end_matches(|c: char| c.is_ascii_digit())
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
