//! The `PolNeAR` corpus (`../shared/data/polnear`): every brat file imports into a valid
//! project, with exact quotes and one claim per attribution event. Also the reference article
//! through `import::import_article` and through the CLI.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use claimlens::anchor::{TextIndex, exact_of};
use claimlens::edit::{Edit, check_project};
use claimlens::formats::brat::import_brat;
use claimlens::import::import_article;
use claimlens::model::{Project, RelationKind};
use claimlens::store;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data")
}

/// Every `.ann` of the corpus with its text: `NAME_<annotator>.ann` goes with `text/NAME.txt`.
fn corpus() -> Vec<(PathBuf, PathBuf)> {
    let root = shared().join("polnear");
    assert!(root.is_dir(), "{} is missing: the corpus tests need ../shared beside the clone", root.display());
    let mut pairs = Vec::new();
    for part in ["train", "dev", "annotator-training"] {
        let dir = root.join(part);
        let mut anns: Vec<PathBuf> = std::fs::read_dir(dir.join("attributions"))
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "ann"))
            .collect();
        anns.sort();
        for ann in anns {
            let stem = ann.file_stem().and_then(|s| s.to_str()).expect("utf-8 name");
            let name = stem.rsplit_once('_').map_or(stem, |(name, _annotator)| name);
            let txt = dir.join("text").join(format!("{name}.txt"));
            assert!(txt.is_file(), "{} has no text {}", ann.display(), txt.display());
            pairs.push((txt, ann));
        }
    }
    pairs
}

/// A warning message with its ids and numbers replaced, to count warnings by kind.
fn warning_kind(message: &str) -> String {
    let mut out = String::new();
    let mut last_was_hole = false;
    for word in message.split_whitespace() {
        let hole = word.chars().any(|c| c.is_ascii_digit());
        if hole {
            if !last_was_hole {
                out.push_str(" _");
            }
        } else {
            out.push(' ');
            out.push_str(word);
        }
        last_was_hole = hole;
    }
    out.trim().to_owned()
}

#[test]
fn every_polnear_file_imports_into_a_valid_project() {
    let pairs = corpus();
    assert!(pairs.len() >= 1000, "{} .ann files", pairs.len());
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let (mut annotations, mut claims, mut events, mut trigger_only) = (0usize, 0usize, 0usize, 0usize);
    for (txt, ann) in &pairs {
        let text = store::read_text(txt).expect("text");
        let ann_text = store::read_text(ann).expect("ann");
        let name = txt.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let mut project = Project::new(name);
        let imported = import_brat(&text, &ann_text, name, &project);
        for w in &imported.warnings {
            *kinds.entry(warning_kind(&w.message)).or_default() += 1;
            // Offsets that do not fit the text, and anything dropped, would be real losses.
            if w.message.contains("offsets") || w.message.contains("outside the text") || w.message.contains("not imported") {
                failures.push(format!("{}: unexpected warning: {w}", ann.display()));
            }
        }
        // The edit exactly as `import::import_article` builds it.
        let mut edits: Vec<Edit> =
            imported.new_labels.into_iter().map(|label| Edit::InsertLabel { index: None, label }).collect();
        edits.extend(imported.new_sources.into_iter().map(|source| Edit::InsertSource { index: None, source }));
        edits.push(Edit::InsertDocument { index: None, document: Box::new(imported.document) });
        if let Err(e) = Edit::Batch(edits).apply(&mut project) {
            failures.push(format!("{}: the import does not apply: {e}", ann.display()));
            continue;
        }
        if let Err(e) = check_project(&project) {
            failures.push(format!("{}: inconsistent: {e}", ann.display()));
        }
        let d = &project.documents[0];
        assert_eq!(d.text, text, "the text is kept exactly (brat offsets count its code points)");
        let index = TextIndex::new(&d.text);
        for a in &d.annotations {
            if exact_of(&index, &a.ranges) != a.quote.exact {
                failures.push(format!("{}: {} quote differs from the text", ann.display(), a.id));
            }
        }
        // Every attribution event (an E line with a Content or Cue role) became a claim; an E line
        // with only a trigger (PolNeAR has one) is kept as an event relation.
        let e_lines: Vec<&str> = ann_text.lines().filter(|l| l.starts_with('E')).collect();
        let attributions = e_lines.iter().filter(|l| l.contains(" Content") || l.contains(" Cue")).count();
        let kept_events = d.relations.iter().filter(|r| r.kind == RelationKind::Event).count();
        if d.claims.len() != attributions || attributions + kept_events != e_lines.len() {
            failures.push(format!(
                "{}: {} E lines ({attributions} attributions) but {} claims and {kept_events} events",
                ann.display(),
                e_lines.len(),
                d.claims.len()
            ));
        }
        trigger_only += kept_events;
        let e_lines = e_lines.len();
        annotations += d.annotations.len();
        claims += d.claims.len();
        events += e_lines;
    }
    eprintln!(
        "PolNeAR: {} files, {annotations} annotations, {claims} claims from {events} E lines \
         ({trigger_only} E lines with only a trigger kept as events)",
        pairs.len()
    );
    eprintln!("warnings by kind:");
    for (kind, n) in &kinds {
        eprintln!("  {n:6}  {kind}");
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
    assert!(claims > 10_000, "the corpus has many attributions: {claims}");
}

fn reference_article() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/g7-dprk-troops-censor-net.txt")
}

#[test]
fn the_reference_article_imports() {
    let mut project = Project::new("reference");
    let imported = import_article(&reference_article(), None, &project).expect("imports");
    assert!(imported.warnings.is_empty());
    assert!(imported.ann_path.is_none());
    imported.edit.apply(&mut project).expect("applies");
    check_project(&project).expect("valid");
    let d = &project.documents[0];
    assert_eq!(d.published, chrono::NaiveDate::from_ymd_opt(2024, 11, 5));
    assert!(d.text.starts_with("The foreign ministers of the Group of Seven"));
    assert!(d.text.ends_with("A smaller number of them are already in the Kursk region."));
    // Its first line is long: the title is its first sentence whole, never cut at "seriously…" (#13).
    assert!(d.title.starts_with("The foreign ministers of the Group of Seven"), "{:?}", d.title);
    assert!(d.title.ends_with("were working on a joint response to such developments."), "{:?}", d.title);
}

#[test]
fn a_polnear_article_imports_through_import_article() {
    let (txt, ann) = corpus().into_iter().next().expect("a corpus file");
    let mut project = Project::new("polnear");
    let imported = import_article(&txt, Some(&ann), &project).expect("imports");
    assert_eq!(imported.ann_path.as_deref(), Some(ann.as_path()));
    imported.edit.apply(&mut project).expect("applies");
    check_project(&project).expect("valid");
    assert!(!project.documents[0].claims.is_empty());
}

#[test]
fn the_cli_imports_and_checks_the_reference_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("reference.claimlens.ron");
    let bin = env!("CARGO_BIN_EXE_claimlens");
    let run = Command::new(bin).arg("import").arg(reference_article()).arg("-o").arg(&out).output().expect("run");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("wrote") && stdout.contains("1 documents"), "{stdout}");
    let check = Command::new(bin).arg("check").arg(&out).output().expect("run");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let report = String::from_utf8_lossy(&check.stdout);
    assert_eq!(report.lines().count(), 2, "{report}");
    assert!(report.contains("0 annotations"), "{report}");

    // A brat pair from the corpus through the CLI too.
    let (txt, ann) = corpus().into_iter().next().expect("a corpus file");
    let out2 = dir.path().join("polnear.claimlens.ron");
    let run = Command::new(bin).arg("import").arg(&txt).arg("--ann").arg(&ann).arg("-o").arg(&out2).output().expect("run");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let check = Command::new(bin).arg("check").arg(&out2).output().expect("run");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    assert!(!String::from_utf8_lossy(&check.stdout).contains("\t0 claims"));
}
