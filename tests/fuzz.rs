//! Fuzzing the loaders on stable Rust: the RON project loader, the brat importer, the W3C /
//! Hypothesis importer and the plain-text importer (and re-anchoring onto a new text) get
//! valid inputs mutated byte- and token-wise (flips, insertions, deletions, duplicated and spliced chunks, format tokens,
//! extreme numbers, deep nesting). None may panic, hang or take unbounded memory; bad input is
//! an error or a warning.
//!
//! CI runs a short pass of each target (`CLAIMLENS_FUZZ_CASES`, default 2,000 inputs). The
//! long run: `CLAIMLENS_FUZZ_CASES=1000000 cargo test --release --test fuzz -- --test-threads=4`.
//! Every crasher found is kept under `tests/fuzz_regressions/` (`TARGET-NAME.txt`, brat as
//! `brat-NAME.ann` + `brat-NAME.txt`), replayed by `regressions_still_pass`.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]
#![allow(clippy::case_sensitive_file_extension_comparisons, reason = "names written by claimlens and by these tests")]

use claimlens::anchor::{CharRange, TextIndex};
use claimlens::formats::w3c::import as w3c_import;
use claimlens::formats::{ExportFormat, ExportOptions, ExportOutput, brat, export_with, text};
use claimlens::model::{Annotation, Claim, Document, DocumentId, Project, Source, SourceKind};
use claimlens::store;
use proptest::prelude::*;
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

/// Longest any single input may take before it counts as a hang.
const HANG: Duration = Duration::from_secs(2);

fn cases() -> u32 {
    std::env::var("CLAIMLENS_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(2_000)
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: cases(), max_shrink_iters: 2_000, ..ProptestConfig::default() }
}

const ARTICLE: &str = include_str!("../assets/g7-dprk-troops-censor-net.txt");

/// A small but complete project: annotations (one discontinuous), a claim, sources, a relation.
fn small_project() -> Project {
    let text: String = ARTICLE.chars().take(700).collect();
    let mut doc = Document::new("G7", text.clone());
    doc.id = DocumentId("d-1".into());
    doc.url = Some("https://censor.net/en/news/1".into());
    let index = TextIndex::new(&text);
    let spans = [(4, 21), (22, 30), (31, 60), (100, 140)];
    for (i, (s, e)) in spans.into_iter().enumerate() {
        let mut a = Annotation::new(&index, ["Source", "Cue", "Claim", "Date"][i], vec![CharRange::new(s, e)], "fuzz");
        a.id = claimlens::model::AnnotationId(format!("a-{i}"));
        a.note = "a «note» — with \"quotes\"".into();
        doc.annotations.push(a);
    }
    let mut a = Annotation::new(&index, "Entity", vec![CharRange::new(200, 210), CharRange::new(220, 230)], "fuzz");
    a.id = claimlens::model::AnnotationId("a-frag".into());
    doc.annotations.push(a);
    let mut p = Project::new("fuzz");
    let s1 = Source::new("Ukrinform", SourceKind::NewsAgency);
    let mut s2 = Source::new("G7 foreign ministers", SourceKind::Organization);
    s2.cites = vec![s1.id.clone()];
    let mut claim = Claim::new(vec![doc.annotations[2].id.clone()]);
    claim.cue = Some(doc.annotations[1].id.clone());
    claim.source_spans = vec![doc.annotations[0].id.clone()];
    claim.attributed_to = vec![s2.id.clone()];
    claim.via = vec![s1.id.clone()];
    doc.claims.push(claim);
    p.sources = vec![s1, s2];
    p.documents.push(doc);
    p
}

struct Seeds {
    ron: Vec<Vec<u8>>,
    brat_ann: Vec<Vec<u8>>,
    brat_txt: Vec<Vec<u8>>,
    w3c: Vec<Vec<u8>>,
    text: Vec<Vec<u8>>,
    project: Project,
}

fn seeds() -> Seeds {
    let project = small_project();
    let options = ExportOptions::on(chrono::NaiveDate::from_ymd_opt(2024, 11, 5).unwrap());
    let ron = vec![
        store::to_ron(&project).unwrap().into_bytes(),
        store::to_ron(&Project::new("empty")).unwrap().into_bytes(),
        b"#![enable(implicit_some)]\n(format: \"claimlens\", version: 1, title: \"x\", created: \"2024-01-01T00:00:00Z\", modified: \"2024-01-01T00:00:00Z\")".to_vec(),
    ];
    let mut brat_ann = Vec::new();
    let mut brat_txt = Vec::new();
    if let Ok(ExportOutput::Files(files)) = export_with(&project, ExportFormat::Brat, &options) {
        for (name, contents) in files {
            if name.ends_with(".ann") {
                brat_ann.push(contents.into_bytes());
            } else if name.ends_with(".txt") {
                brat_txt.push(contents.into_bytes());
            }
        }
    }
    brat_ann.push(
        b"T1\tSource 0 17\tThe foreign minis\nT2\tCue 22 30;31 35\tters of the\nT3\tContent 36 60\tx\n\
E1\tAttribution:T2 Source:T1 Content:T3\nR1\tCoref Arg1:T1 Arg2:T3\nA1\tNegated E1\nM2\tConfidence T1 High\n\
N1\tReference T1 Wikidata:Q1\tG7\n#1\tAnnotatorNotes T1\ta note\n*\tAlias T1 T3\nT4\tDate 100 140\tcontinued\nline two\n"
            .to_vec(),
    );
    brat_txt.push(ARTICLE.as_bytes().to_vec());
    let mut w3c = Vec::new();
    if let Ok(ExportOutput::Text(t)) = export_with(&project, ExportFormat::W3c, &options) {
        w3c.push(t.into_bytes());
    }
    w3c.push(
        br#"{"total": 1, "rows": [{"id": "h1", "uri": "https://censor.net/en/news/1", "text": "note", "tags": ["Claim"],
"target": [{"source": "https://censor.net/en/news/1", "selector": [
{"type": "TextPositionSelector", "start": 4, "end": 21},
{"type": "TextQuoteSelector", "exact": "foreign ministers", "prefix": "The ", "suffix": " of"}]}]}]}"#
            .to_vec(),
    );
    let text = vec![
        ARTICLE.as_bytes().to_vec(),
        "\u{feff}date 2024-11-05 Title here\r\nBody\u{a0}text.\r\n\r\n# Heading\n".as_bytes().to_vec(),
        b"date 2024-02-30\n".to_vec(),
    ];
    Seeds { ron, brat_ann, brat_txt, w3c, text, project }
}

const RON_TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "Some(",
    "None",
    "true",
    "r#\"",
    "\"#",
    "'",
    "\\u{0}",
    "\\",
    "#![enable(implicit_some)]",
    "format",
    "version",
    "documents",
    "annotations",
    "ranges",
    "start",
    "end",
    "quote",
    "exact",
    "claims",
    "content",
    "cue",
    "sources",
    "cites",
    "labels",
    "hotkey",
    "created",
    "modified",
    "Verdict",
    "Supported",
    "\"2024-13-45T99:00:00Z\"",
    "/*",
    "*/",
    "//",
    "\n",
    "é",
    "🙂",
    "\u{0}",
];
const BRAT_TOKENS: &[&str] = &[
    "\t",
    "\n",
    "\r\n",
    " ",
    ";",
    ":",
    "T1",
    "T99",
    "E1",
    "R1",
    "A1",
    "M1",
    "N1",
    "#1",
    "*",
    "Content",
    "Source",
    "Cue",
    "Attribution",
    "Arg1:",
    "Source:T1",
    "Content:T3",
    "Cue:T2",
    "Verdict",
    "EventDate",
    "SaidOn",
    "2024-11-05",
    "\u{feff}",
    "é",
    "🙂",
];
const JSON_TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "\"type\"",
    "\"Annotation\"",
    "\"AnnotationPage\"",
    "\"items\"",
    "\"rows\"",
    "\"annotations\"",
    "\"target\"",
    "\"selector\"",
    "\"source\"",
    "\"exact\"",
    "\"prefix\"",
    "\"suffix\"",
    "\"start\"",
    "\"end\"",
    "\"TextQuoteSelector\"",
    "\"TextPositionSelector\"",
    "\"body\"",
    "\"value\"",
    "\"purpose\"",
    "\"tagging\"",
    "\"refinedBy\"",
    "\"urn:claimlens:document:d-1\"",
    "\\u0000",
    "\\ud800",
    "1e400",
    "-0",
    "é",
    "🙂",
];
const TEXT_TOKENS: &[&str] =
    &["date ", "2024-11-05", "\r", "\n", "\r\n", "\u{feff}", "\u{a0}", "\u{200b}", "#", ".", "é", "🙂", " "];
const NUMBERS: &[&str] = &[
    "0",
    "1",
    "-1",
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999",
    "1e308",
    "NaN",
];

/// Mutates `input` with 1 to 8 random byte- and token-level changes.
fn mutate(rng: &mut fastrand::Rng, input: &[u8], others: &[Vec<u8>], tokens: &[&str]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..rng.usize(1..=8) {
        let len = v.len();
        let pos = if len == 0 { 0 } else { rng.usize(..=len) };
        match rng.u8(..11) {
            0 if len > 0 => v[pos.min(len - 1)] = rng.u8(..),
            1 => v.insert(pos, rng.u8(..)),
            2 if len > 0 => {
                let n = rng.usize(1..=16.min(len));
                let at = rng.usize(..=len - n);
                v.drain(at..at + n);
            }
            3 if len > 0 => {
                let n = rng.usize(1..=64.min(len));
                let at = rng.usize(..=len - n);
                let chunk = v[at..at + n].to_vec();
                v.splice(pos..pos, chunk);
            }
            4 | 5 => {
                let t = tokens[rng.usize(..tokens.len())];
                v.splice(pos..pos, t.bytes());
            }
            6 => {
                // An extreme number in place of a digit run.
                if let Some(start) = (pos..len).find(|&i| v[i].is_ascii_digit()) {
                    let end = (start..len).find(|&i| !v[i].is_ascii_digit()).unwrap_or(len);
                    v.splice(start..end, NUMBERS[rng.usize(..NUMBERS.len())].bytes());
                }
            }
            7 if !others.is_empty() => {
                let other = &others[rng.usize(..others.len())];
                if !other.is_empty() {
                    let a = rng.usize(..other.len());
                    let b = rng.usize(a..=other.len());
                    v.splice(pos..pos, other[a..b].iter().copied());
                }
            }
            8 => {
                // Nesting: an opening token repeated.
                let t = ["[", "(", "{", "Some(", "{\"a\":", "[[", "\t"][rng.usize(..7)];
                let n = rng.usize(1..=300);
                v.splice(pos..pos, t.repeat(n).bytes());
            }
            9 => v.truncate(pos),
            _ => {
                if len > 1 {
                    let (a, b) = (rng.usize(..len), rng.usize(..len));
                    v.swap(a, b);
                }
            }
        }
    }
    v
}

fn timed<T>(what: &str, input: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    assert!(took < HANG, "{what} took {took:?} on an input of {} bytes: {:?}", input.len(), input.get(..200.min(input.len())));
    out
}

fn check_ron(input: &str) {
    timed("from_ron", input, || {
        if let Ok((project, _)) = store::from_ron(input, Path::new("fuzz.claimlens.ron")) {
            // Whatever loads is valid, and writes back to a file that loads the same.
            let again = store::from_ron(&store::to_ron(&project).unwrap(), Path::new("again")).unwrap().0;
            assert_eq!(again, project);
        }
    });
}

fn check_brat(txt: &str, ann: &str, project: &Project) {
    timed("import_brat", ann, || {
        let imported = brat::import_brat(txt, ann, "fuzz", project);
        // What is imported must be a valid document: the import is applied as an edit.
        let mut p = project.clone();
        let mut edits: Vec<claimlens::edit::Edit> =
            imported.new_labels.into_iter().map(|label| claimlens::edit::Edit::InsertLabel { index: None, label }).collect();
        edits.extend(imported.new_sources.into_iter().map(|source| claimlens::edit::Edit::InsertSource { index: None, source }));
        edits.push(claimlens::edit::Edit::InsertDocument { index: None, document: Box::new(imported.document) });
        if let Err(e) = claimlens::edit::Edit::Batch(edits).apply(&mut p) {
            panic!("a brat import gave an invalid document: {e}");
        }
    });
}

fn check_w3c(json: &str, project: &Project) {
    timed("import_w3c", json, || {
        let fallback = DocumentId("d-1".into());
        if let Ok(imported) = w3c_import::import_w3c(json, project, Some(&fallback)) {
            let mut p = project.clone();
            if let Err(e) = imported.edit().apply(&mut p) {
                panic!("a W3C import gave invalid annotations: {e}");
            }
        }
    });
}

fn check_text(raw: &str) {
    timed("import_text", raw, || {
        let doc = text::import_text(raw, "fuzz");
        let mut p = Project::new("t");
        claimlens::edit::Edit::InsertDocument { index: None, document: Box::new(doc) }.apply(&mut p).unwrap();
    });
}

/// Re-anchoring onto any new text: the edit applies (every placed annotation reads as its
/// quote), and undoing it gives the project back.
fn check_reanchor(project: &Project, new_text: &str) {
    timed("update_text", new_text, || {
        let doc = project.documents[0].id.clone();
        let Ok((edit, report)) = claimlens::reanchor::update_text(project, &doc, new_text) else { return };
        assert_eq!(report.placements.len(), project.documents[0].annotations.len());
        let mut p = project.clone();
        let inverse = edit.apply(&mut p).unwrap_or_else(|e| panic!("re-anchoring gave an invalid document: {e}"));
        inverse.apply(&mut p).unwrap();
        assert_eq!(&p, project);
    });
}

fn lossy(v: &[u8]) -> String {
    String::from_utf8_lossy(v).into_owned()
}

/// Runs `target` on `cases()` seeds through proptest (which catches panics and reports the
/// failing seed), then prints how many inputs it tried.
fn run(name: &str, target: impl Fn(&mut fastrand::Rng, &Seeds)) {
    let s = seeds_cached();
    let count = std::sync::atomic::AtomicU64::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let result = runner.run(&any::<u64>(), |seed| {
        target(&mut fastrand::Rng::with_seed(seed), s);
        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    });
    eprintln!("fuzz.{name}.inputs {}", count.into_inner());
    if let Err(e) = result {
        panic!("fuzz.{name}: {e}");
    }
}

#[test]
fn fuzz_ron_loader() {
    run("ron", |rng, s| {
        let base = &s.ron[rng.usize(..s.ron.len())];
        check_ron(&lossy(&mutate(rng, base, &s.ron, RON_TOKENS)));
    });
}

#[test]
fn fuzz_brat_importer() {
    run("brat", |rng, s| {
        let ann = &s.brat_ann[rng.usize(..s.brat_ann.len())];
        let txt = &s.brat_txt[rng.usize(..s.brat_txt.len())];
        let ann = mutate(rng, ann, &s.brat_ann, BRAT_TOKENS);
        let txt = if rng.u8(..4) == 0 { mutate(rng, txt, &s.brat_txt, TEXT_TOKENS) } else { txt.clone() };
        check_brat(&lossy(&txt), &lossy(&ann), &s.project);
    });
}

#[test]
fn fuzz_w3c_importer() {
    run("w3c", |rng, s| {
        let base = &s.w3c[rng.usize(..s.w3c.len())];
        check_w3c(&lossy(&mutate(rng, base, &s.w3c, JSON_TOKENS)), &s.project);
    });
}

#[test]
fn fuzz_text_importer() {
    run("text", |rng, s| {
        let base = &s.text[rng.usize(..s.text.len())];
        check_text(&lossy(&mutate(rng, base, &s.text, TEXT_TOKENS)));
    });
}

/// The sample project's article replaced by mutated versions of its text.
#[test]
fn fuzz_reanchoring() {
    run("reanchor", |rng, s| {
        let text = s.project.documents[0].text.as_bytes();
        check_reanchor(&s.project, &lossy(&mutate(rng, text, &s.text, TEXT_TOKENS)));
    });
}

/// Plain random bytes into every loader.
#[test]
fn fuzz_random_bytes_everywhere() {
    run("random_bytes", |rng, s| {
        let bytes: Vec<u8> = (0..rng.usize(..512)).map(|_| rng.u8(..)).collect();
        let input = lossy(&bytes);
        check_ron(&input);
        check_brat(&input, &input, &s.project);
        check_w3c(&input, &s.project);
        check_text(&input);
    });
}

fn seeds_cached() -> &'static Seeds {
    static SEEDS: std::sync::OnceLock<Seeds> = std::sync::OnceLock::new();
    SEEDS.get_or_init(seeds)
}

#[test]
fn the_seeds_are_valid_inputs() {
    let s = seeds_cached();
    for r in &s.ron {
        store::from_ron(&lossy(r), Path::new("seed")).unwrap();
    }
    let fallback = DocumentId("d-1".into());
    for j in &s.w3c {
        w3c_import::import_w3c(&lossy(j), &s.project, Some(&fallback)).unwrap();
    }
    assert!(s.brat_ann.len() >= 2 && s.brat_txt.len() >= 2);
}

/// Crashers found by the fuzzer, kept as regression tests.
#[test]
fn regressions_still_pass() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let s = seeds_cached();
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    let mut n = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let input = lossy(&std::fs::read(&path).unwrap());
        if name.starts_with("ron-") {
            check_ron(&input);
        } else if name.starts_with("w3c-") {
            check_w3c(&input, &s.project);
        } else if name.starts_with("text-") {
            check_text(&input);
        } else if name.starts_with("brat-") && name.ends_with(".ann") {
            let txt = std::fs::read_to_string(path.with_extension("txt")).unwrap_or_else(|_| ARTICLE.to_owned());
            check_brat(&txt, &input, &s.project);
        } else {
            continue;
        }
        n += 1;
    }
    eprintln!("{n} fuzz regressions replayed");
}

// ----- very large and deeply nested inputs: rejected quickly, with a clear error -----

/// The best of three runs of `f`, in seconds.
fn best_of_three(mut f: impl FnMut()) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Asserts that `run(n)` grows linearly: four times the input takes less than ten times as long
/// (linear is 4, quadratic 16). A ratio of two runs of the same work measured in the same
/// process, so it holds on a slow or loaded machine; no absolute time is asserted.
fn grows_linearly(what: &str, mut run: impl FnMut(usize)) {
    let small = best_of_three(|| run(1));
    let large = best_of_three(|| run(4));
    let ratio = large / small.max(1e-4);
    assert!(ratio < 10.0, "{what}: four times the input took {ratio:.1} times as long ({small:.4} s, {large:.4} s)");
}

#[test]
fn deeply_nested_ron_is_refused_clearly() {
    for open in ["[", "(", "{\"a\":", "Some("] {
        let deep = format!("(format: \"claimlens\", version: 1, title: {})", open.repeat(100_000));
        let err = store::from_ron(&deep, Path::new("deep.claimlens.ron")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("deep.claimlens.ron"), "{msg}");
    }
    let deep = format!("(format: \"claimlens\", version: 1, extra: {}{})", "[".repeat(100_000), "]".repeat(100_000));
    let err = store::from_ron(&deep, Path::new("deep.claimlens.ron")).unwrap_err();
    assert!(err.to_string().contains("nested too deeply"), "{err}");
}

#[test]
fn deeply_nested_json_is_refused_clearly() {
    let s = seeds_cached();
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let err = w3c_import::import_w3c(&deep, &s.project, None).unwrap_err();
    assert!(err.to_string().contains("recursion limit"), "{err}");
    let deep = format!("{}1{}", "{\"items\":".repeat(50), "}".repeat(50));
    let r = w3c_import::import_w3c(&deep, &s.project, None);
    assert!(r.is_err(), "nested AnnotationPages beyond the limit are an error");
}

#[test]
fn very_large_inputs_are_read_in_linear_time() {
    let s = seeds_cached();
    // Up to 200,000 brat lines, most of them bad.
    grows_linearly("brat lines", |k| {
        let mut ann = String::new();
        for i in 0..25_000 * k {
            writeln!(ann, "T{i}\tSource 0 3\tThe\nR{i}\tbroken").unwrap();
        }
        let imported = brat::import_brat(ARTICLE, &ann, "big", &s.project);
        assert!(!imported.warnings.is_empty());
    });
    // A long line of text with no breaks (up to 2,000,000 words).
    grows_linearly("one long line", |k| drop(text::import_text(&"word ".repeat(500_000 * k), "big")));
    // A RON string of up to 10 MB.
    grows_linearly("a long RON string", |k| {
        let big_ron = format!("(format: \"claimlens\", version: 1, title: \"{}\"", "x".repeat(2_500_000 * k));
        assert!(store::from_ron(&big_ron, Path::new("big.claimlens.ron")).is_err());
    });
    // Up to 20,000 W3C annotations on the small document.
    let one = r#"{"type": "Annotation", "target": {"source": "urn:claimlens:document:d-1", "selector": {"type": "TextQuoteSelector", "exact": "the"}}}"#;
    grows_linearly("W3C annotations", |k| {
        let many = format!("[{}]", vec![one; 5_000 * k].join(","));
        let imported = w3c_import::import_w3c(&many, &s.project, None).unwrap();
        assert_eq!(imported.annotations.len() + imported.orphans.len() + imported.already_present, 5_000 * k);
    });
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let dir = std::env::temp_dir().join(format!("claimlens-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.claimlens.ron");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(store::MAX_PROJECT_BYTES + 1).unwrap();
    let err = store::load(&path).unwrap_err();
    assert!(matches!(err, store::StoreError::TooLarge { .. }), "{err}");
    let txt = dir.join("huge.txt");
    std::fs::File::create(&txt).unwrap().set_len(store::MAX_ARTICLE_BYTES + 1).unwrap();
    assert!(matches!(store::read_text(&txt), Err(store::StoreError::TooLarge { .. })));
    let _ = std::fs::remove_dir_all(&dir);
}
