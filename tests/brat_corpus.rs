//! brat round trip on every `.ann` of the `PolNeAR` corpus: import, export, and compare with
//! the original file as normalised multisets (spans, types, roles, attributes, notes), then
//! import the export again and compare the models.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]
// Tests and benches set up their files directly.

// Helpers of a test may unwrap and index like the tests themselves: a panic is a failure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::many_single_char_names)]

mod exports_support;

use claimlens::edit::Edit;
use claimlens::formats::brat::{BratImport, document_ann, import_brat};
use claimlens::model::{Document, Project};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear")
}

fn ann_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            ann_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "ann") {
            out.push(p);
        }
    }
}

/// `split/attributions/NAME_annotator.ann` -> `split/text/NAME.txt`.
fn text_for(ann: &Path) -> PathBuf {
    let stem = ann.file_stem().unwrap().to_string_lossy().into_owned();
    let name = stem.rsplit_once('_').map_or(stem.as_str(), |(n, _)| n).to_owned();
    ann.parent().unwrap().parent().unwrap().join("text").join(format!("{name}.txt"))
}

/// Imports into a fresh project, registering labels and sources as the app does.
fn import(text: &str, ann: &str) -> (Project, Document) {
    let mut project = Project::new("corpus");
    let BratImport { document, new_labels, new_sources, .. } = import_brat(text, ann, "doc", &project);
    let mut edits: Vec<Edit> = new_labels.into_iter().map(|label| Edit::InsertLabel { index: None, label }).collect();
    edits.extend(new_sources.into_iter().map(|source| Edit::InsertSource { index: None, source }));
    edits.push(Edit::InsertDocument { index: None, document: Box::new(document.clone()) });
    Edit::Batch(edits).apply(&mut project).expect("an import applies");
    (project, document)
}

type Frags = Vec<(usize, usize)>;
/// A T line without its id.
type TKey = (String, Frags);

/// An `.ann` as multisets of id-free lines.
#[derive(Debug, PartialEq, Eq)]
struct Normal {
    t: BTreeMap<TKey, usize>,
    e: BTreeMap<String, usize>,
    r: BTreeMap<String, usize>,
    a: BTreeMap<String, usize>,
    n: BTreeMap<String, usize>,
    notes: BTreeMap<String, usize>,
    equiv: BTreeMap<String, usize>,
}

/// The `E` and `R` lines as id-free keys, and each one's key by its id. Events may be the
/// targets of attributes, notes and other events' arguments: an event argument is keyed by
/// its event's key (a few rounds settle nested events).
fn event_keys(t: &HashMap<String, TKey>, lines: &[Vec<String>]) -> (Vec<String>, Vec<String>, HashMap<String, String>) {
    let mut e_keys: HashMap<String, String> = HashMap::new();
    let (mut e, mut r) = (Vec::new(), Vec::new());
    for _round in 0..4 {
        let span = |id: &str| {
            t.get(id)
                .map(|k| format!("{k:?}"))
                .or_else(|| e_keys.get(id).map(|k| format!("[{k}]")))
                .unwrap_or_else(|| format!("<{id}>"))
        };
        let mut keys: HashMap<String, String> = HashMap::new();
        (e, r) = (Vec::new(), Vec::new());
        for cols in lines {
            let parts: Vec<&str> = cols[1].split_whitespace().collect();
            let Some(head) = parts.first() else { continue };
            let mut args: Vec<String> = parts[1..]
                .iter()
                .filter_map(|a| a.split_once(':'))
                .map(|(role, id)| format!("{}={}", claimlens::formats::brat::role_base(role), span(id)))
                .collect();
            args.sort();
            if cols[0].starts_with('E') {
                let (kind, trigger) = head.split_once(':').unwrap_or((head, ""));
                let key = format!("{kind} trigger={} {args:?}", span(trigger));
                keys.insert(cols[0].clone(), key.clone());
                e.push(key);
            } else if cols[0].starts_with('R') {
                let key = format!("{head} {args:?}");
                keys.insert(cols[0].clone(), key.clone());
                r.push(key);
            }
        }
        e_keys = keys;
    }
    (e, r, e_keys)
}

fn normalise(ann: &str) -> Normal {
    let mut t: HashMap<String, TKey> = HashMap::new();
    let mut lines: Vec<Vec<String>> = Vec::new();
    for line in ann.lines() {
        let cols: Vec<String> = line.splitn(3, '\t').map(str::to_owned).collect();
        let Some(id) = cols.first() else { continue };
        if id.starts_with('T') && cols.len() >= 2 {
            let (kind, spec) = cols[1].split_once(' ').unwrap_or((&cols[1], ""));
            let mut frags: Frags = spec
                .split(';')
                .filter_map(|f| {
                    let mut it = f.split_whitespace();
                    Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
                })
                .collect();
            frags.sort_unstable();
            t.insert(id.clone(), (kind.to_owned(), frags));
        } else if cols.len() >= 2 {
            lines.push(cols);
        }
    }
    let (e, r, e_keys) = event_keys(&t, &lines);
    let span = |id: &str| t.get(id).map_or_else(|| format!("<{id}>"), |k| format!("{k:?}"));
    let target = |id: &str| e_keys.get(id).cloned().unwrap_or_else(|| span(id));
    let (mut a, mut n, mut notes, mut equiv) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for cols in &lines {
        let parts: Vec<&str> = cols[1].split_whitespace().collect();
        let extra = cols.get(2).map_or("", String::as_str);
        match cols[0].chars().next() {
            Some('A' | 'M') if parts.len() >= 2 => {
                a.push(format!("{} {} {}", parts[0], target(parts[1]), parts.get(2).copied().unwrap_or("true")));
            }
            Some('N') if parts.len() >= 3 => n.push(format!("{} {} {} {extra}", parts[0], target(parts[1]), parts[2])),
            Some('#') if parts.len() >= 2 => notes.push(format!("{} {} {extra}", parts[0], target(parts[1]))),
            Some('*') => {
                let mut members: Vec<String> = parts[1..].iter().map(|m| span(m)).collect();
                members.sort();
                equiv.push(format!("{} {members:?}", parts[0]));
            }
            _ => {}
        }
    }
    Normal {
        t: exports_support::multiset(t.into_values()),
        e: exports_support::multiset(e),
        r: exports_support::multiset(r),
        a: exports_support::multiset(a),
        n: exports_support::multiset(n),
        notes: exports_support::multiset(notes),
        equiv: exports_support::multiset(equiv),
    }
}

#[test]
fn every_polnear_file_round_trips_through_import_and_export() {
    let root = corpus();
    let mut files = Vec::new();
    ann_files(&root, &mut files);
    assert!(files.len() > 1000, "the PolNeAR corpus is expected at {} (found {} .ann files)", root.display(), files.len());
    let mut failures = Vec::new();
    for ann_path in &files {
        let ann = std::fs::read_to_string(ann_path).unwrap();
        let text = std::fs::read_to_string(text_for(ann_path)).unwrap();
        let (project, document) = import(&text, &ann);
        let exported = document_ann(&project, &document);
        let (original, ours) = (normalise(&ann), normalise(&exported));
        if original != ours {
            let mut what = Vec::new();
            for (name, x, y) in [("E", &original.e, &ours.e), ("R", &original.r, &ours.r), ("A", &original.a, &ours.a)] {
                if x != y {
                    let missing: Vec<_> = x.iter().filter(|(k, v)| y.get(*k) != Some(v)).take(2).collect();
                    let extra: Vec<_> = y.iter().filter(|(k, v)| x.get(*k) != Some(v)).take(2).collect();
                    what.push(format!("{name}: missing {missing:?} extra {extra:?}"));
                }
            }
            if original.t != ours.t {
                let missing: Vec<_> = original.t.iter().filter(|(k, v)| ours.t.get(*k) != Some(v)).take(2).collect();
                let extra: Vec<_> = ours.t.iter().filter(|(k, v)| original.t.get(*k) != Some(v)).take(2).collect();
                what.push(format!("T: missing {missing:?} extra {extra:?}"));
            }
            for (name, x, y) in
                [("N", &original.n, &ours.n), ("#", &original.notes, &ours.notes), ("*", &original.equiv, &ours.equiv)]
            {
                if x != y {
                    what.push(format!("{name}: {x:?} vs {y:?}"));
                }
            }
            failures.push(format!("{}: {}", ann_path.display(), what.join("; ")));
            continue;
        }
        // Import the export again: the same model, ids aside.
        let (project2, document2) = import(&text, &exported);
        let (a, b) = (exports_support::canonical(&project, &document), exports_support::canonical(&project2, &document2));
        if a != b {
            failures.push(format!("{}: the re-imported model differs", ann_path.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} files do not round-trip:\n{}", failures.len(), files.len(), failures.join("\n"));
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/brat").join(name)).unwrap()
}

/// The relation whose trigger quotes `trigger`.
fn event<'d>(document: &'d Document, trigger: &str) -> &'d claimlens::model::Relation {
    let quote = |id: &claimlens::model::AnnotationId| document.annotation(id).map(|a| a.quote.exact.as_str());
    document.relations.iter().find(|r| r.trigger.as_ref().and_then(quote) == Some(trigger)).unwrap()
}

/// BioNLP-style nested events, each referring to one defined later in the file
/// (`E1 Negative_regulation:T8 Theme:E2`, `E2 Catalysis:T7 Theme:E3`): every argument survives
/// the import, the export writes them back, and the export imports to the same model.
#[test]
fn nested_events_referring_forward_survive_import_and_export() {
    let (text, ann) = (fixture("nested-events.txt"), fixture("nested-events.ann"));
    let imported = import_brat(&text, &ann, "nested", &Project::new("t"));
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let (project, document) = import(&text, &ann);
    assert_eq!(document.relations.len(), 3);
    let (regulation, catalysis, phosphorylation) =
        (event(&document, "abolishes"), event(&document, "catalyses"), event(&document, "phosphorylates"));
    assert_eq!(regulation.attributes.get("arg:Theme"), Some(&catalysis.id.to_string()), "Theme:E2 kept");
    assert_eq!(catalysis.attributes.get("arg:Theme"), Some(&phosphorylation.id.to_string()), "Theme:E3 kept");
    assert_eq!(catalysis.args.len(), 1, "Cause:T4");
    assert_eq!(phosphorylation.args.len(), 3, "Theme, Cause and Site");
    assert_eq!(phosphorylation.note, "site position not given in the text");
    assert_eq!(catalysis.attributes.get("Speculation").map(String::as_str), Some("true"));
    let exported = document_ann(&project, &document);
    assert_eq!(normalise(&ann), normalise(&exported), "the export says what the file said:\n{exported}");
    let (project2, document2) = import(&text, &exported);
    assert_eq!(exports_support::canonical(&project, &document), exports_support::canonical(&project2, &document2));
}

#[test]
fn a_duplicate_t_id_is_reported_not_silently_taken() {
    let (text, ann) = (fixture("nested-events.txt"), fixture("nested-events.ann"));
    let doubled = format!("{ann}T2\tProtein 46 50\tScfC\n");
    let imported = import_brat(&text, &doubled, "nested", &Project::new("t"));
    let line = ann.lines().count() + 1;
    assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
    assert_eq!(imported.warnings[0].line, Some(line));
    assert!(imported.warnings[0].message.contains("T2: the id was already given on line 2"), "{}", imported.warnings[0]);
    let regulated = event(&imported.document, "phosphorylates");
    let theme = regulated.args.iter().find(|(role, _)| role == "Theme").unwrap();
    assert_eq!(imported.document.annotation(&theme.1).unwrap().quote.exact, "RegA", "the first T2 is the one used");
}

/// `text` with a byte-order mark and CRLF line ends; `ann` with CRLF line ends and, when
/// `raw_offsets`, its offsets counted on that text (the mark and every `\r` are chars).
fn windows(text: &str, ann: &str, raw_offsets: bool) -> (String, String) {
    let crlf_text = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let shift = |pos: usize| pos + 1 + text.chars().take(pos).filter(|c| *c == '\n').count();
    let lines: Vec<String> = ann
        .lines()
        .map(|line| {
            let cols: Vec<&str> = line.splitn(3, '\t').collect();
            if !raw_offsets || !cols[0].starts_with('T') {
                return line.to_owned();
            }
            let (kind, spec) = cols[1].split_once(' ').unwrap();
            let (a, b) = spec.split_once(' ').unwrap();
            let (a, b) = (shift(a.parse().unwrap()), shift(b.parse().unwrap()));
            format!("{}\t{kind} {a} {b}\t{}", cols[0], cols[2])
        })
        .collect();
    (crlf_text, lines.join("\r\n") + "\r\n")
}

#[test]
fn crlf_and_a_byte_order_mark_read_as_lf() {
    let (text, ann) = (fixture("nested-events.txt"), fixture("nested-events.ann"));
    let (project, document) = import(&text, &ann);
    let expected = exports_support::canonical(&project, &document);
    for raw_offsets in [false, true] {
        let (crlf_text, crlf_ann) = windows(&text, &ann, raw_offsets);
        let imported = import_brat(&crlf_text, &crlf_ann, "nested", &Project::new("t"));
        assert!(imported.warnings.is_empty(), "raw offsets {raw_offsets}: {:?}", imported.warnings);
        let (project2, document2) = import(&crlf_text, &crlf_ann);
        assert_eq!(document2.text, text, "the text as with LF and no mark");
        assert_eq!(exports_support::canonical(&project2, &document2), expected, "raw offsets {raw_offsets}");
    }
}
