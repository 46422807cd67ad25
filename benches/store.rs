//! Store benchmark: saving and loading a project with one ~1 MB document and 10,000
//! annotations (the size a long report annotated in depth reaches).
//!
//! `cargo bench --bench store` prints:
//! ```text
//! store.save_1mb_10k_ms VALUE ms
//! store.load_1mb_10k_ms VALUE ms
//! store.file_bytes VALUE bytes
//! store.load.vs_json RATIO
//! store.save.vs_json RATIO
//! ```
//! The ratios hold across machines: in the same run, the same project saved and loaded the naive
//! way (`serde_json::to_vec` + a plain write; a plain read + `serde_json::from_slice`, no checks);
//! claimlens's time divided by that (below 1 is faster). `.ci/run` fails when one exceeds its ceiling.
//! The text is the `PolNeAR` train articles (`../shared/data/polnear/train/text`, sorted by name)
//! concatenated until it reaches 1,000,000 chars; everything else is derived deterministically.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::DateTime;
use claimlens::anchor::{CharRange, Quote, TextIndex};
use claimlens::edit::check_project;
use claimlens::model::{
    Annotation, AnnotationId, Claim, ClaimId, Document, DocumentId, EventDate, Project, Source, SourceId, SourceKind, Verdict,
};
use claimlens::store::{self, Overwrite};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

const TARGET_CHARS: usize = 1_000_000;
const ANNOTATIONS: usize = 10_000;
const CLAIMS: usize = 400;
const SOURCES: usize = 60;
const RUNS: usize = 9;

fn corpus_text() -> String {
    let dir = claimlens::testdata::polnear_train_dir();
    let text = claimlens::testdata::concatenated_texts(&dir, TARGET_CHARS)
        .unwrap_or_else(|e| panic!("{e} (the benchmark needs ../shared beside the clone)"));
    let chars = text.chars().count();
    assert!(chars >= TARGET_CHARS, "not enough text: {chars} chars");
    text
}

/// The project: one document, 10,000 annotations at word boundaries, 400 claims, 60 sources.
fn build_project() -> Project {
    let text = corpus_text();
    let chars: Vec<char> = text.chars().collect();
    let index = TextIndex::new(&text);
    let mut rng = fastrand::Rng::with_seed(20_241_105);
    let t0 = DateTime::from_timestamp(1_730_797_200, 0).expect("time");
    let mut p = Project::new("Benchmark: 1 MB, 10,000 annotations");
    p.created = t0;
    p.modified = t0;
    let labels: Vec<String> = p.labels.iter().map(|l| l.name.clone()).collect();

    let word_start = |mut i: usize| {
        while i < chars.len() && (chars[i].is_whitespace() || (i > 0 && !chars[i - 1].is_whitespace())) {
            i += 1;
        }
        i
    };
    let word_end = |mut i: usize| {
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        i
    };
    let stride = chars.len() / ANNOTATIONS;
    let mut annotations = Vec::with_capacity(ANNOTATIONS);
    for n in 0..ANNOTATIONS {
        let start = word_start(n * stride + rng.usize(..stride / 4));
        let end = word_end((start + rng.usize(5..=40)).min(chars.len()));
        let mut ranges = vec![CharRange::new(start, end.max(start + 1).min(chars.len()))];
        // Every 25th annotation is discontinuous: a second fragment a few words later.
        if n % 25 == 0 {
            let s2 = word_start(ranges[0].end + 10);
            let e2 = word_end(s2 + 5);
            if s2 < e2 && e2 <= (n + 1) * stride {
                ranges.push(CharRange::new(s2, e2));
            }
        }
        let label = labels[n % labels.len()].clone();
        let mut attributes = BTreeMap::new();
        if label == "Date" {
            attributes.insert("value".to_owned(), "2016-10-03".to_owned());
        }
        let time = t0 + chrono::Duration::seconds(i64::try_from(n).expect("small"));
        annotations.push(Annotation {
            id: AnnotationId(format!("a-{n:05}")),
            label,
            quote: Quote::of(&index, &ranges),
            ranges,
            note: if n % 10 == 0 { format!("note {n}: check «this» against the original") } else { String::new() },
            tags: if n % 7 == 0 { vec!["check".to_owned()] } else { Vec::new() },
            author: "bench".to_owned(),
            attributes,
            created: time,
            modified: time,
        });
    }

    let mut sources: Vec<Source> = Vec::with_capacity(SOURCES);
    for n in 0..SOURCES {
        let mut s = Source::new(format!("Source {n}"), SourceKind::ALL[n % SourceKind::ALL.len()]);
        s.id = SourceId(format!("s-{n:03}"));
        // Each cites up to two earlier ones: acyclic by construction.
        s.cites = (1..=2).filter(|k| n >= *k * 3).map(|k| SourceId(format!("s-{:03}", n - k * 3))).collect();
        s.url = Some(format!("https://example.org/source/{n}"));
        sources.push(s);
    }
    p.sources = sources;

    let by_label =
        |name: &str| -> Vec<AnnotationId> { annotations.iter().filter(|a| a.label == name).map(|a| a.id.clone()).collect() };
    let (contents, cues, spans) = (by_label("Claim"), by_label("Cue"), by_label("Source"));
    let mut claims = Vec::with_capacity(CLAIMS);
    for n in 0..CLAIMS {
        let mut c = Claim::new(vec![contents[n * 3 % contents.len()].clone()]);
        c.id = ClaimId(format!("c-{n:04}"));
        c.cue = Some(cues[n * 3 % cues.len()].clone());
        c.source_spans = vec![spans[n * 3 % spans.len()].clone()];
        c.attributed_to = vec![SourceId(format!("s-{:03}", n % SOURCES))];
        c.via = vec![SourceId(format!("s-{:03}", (n + 1) % SOURCES))];
        c.verdict = Verdict::ALL[n % Verdict::ALL.len()];
        c.event_date = EventDate::parse("2016-10-01..2016-10-03");
        claims.push(c);
    }

    let mut d = Document::new("PolNeAR train, concatenated", text.clone());
    d.id = DocumentId("d-bench".to_owned());
    d.annotations = annotations;
    d.claims = claims;
    p.documents.push(d);
    check_project(&p).expect("the benchmark project is valid");
    p
}

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

fn main() {
    // `cargo test --benches` runs benches in test mode with `--bench` absent: keep it short.
    let quick = !std::env::args().any(|a| a == "--bench");
    let project = build_project();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.claimlens.ron");
    let runs = if quick { 1 } else { RUNS };

    let mut fingerprint = store::save(&path, &project, None, Overwrite::IfUnchanged).expect("first save");
    let mut saves = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        fingerprint = store::save(&path, &project, Some(&fingerprint), Overwrite::IfUnchanged).expect("save");
        saves.push(t.elapsed());
    }
    let mut loads = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let loaded = store::load(&path).expect("load");
        loads.push(t.elapsed());
        assert_eq!(loaded.project.documents[0].annotations.len(), ANNOTATIONS);
    }
    if std::env::var_os("STORE_BENCH_PHASES").is_some() {
        phases(&project, &path, runs);
    }
    let (json_save, json_load) = naive_json_ms(&project, &dir.path().join("bench.json"), runs);
    let bytes = std::fs::metadata(&path).expect("saved").len();
    let (save, load) = (median(saves), median(loads));
    println!("store.save_1mb_10k_ms {save:.1} ms");
    println!("store.load_1mb_10k_ms {load:.1} ms");
    println!("store.file_bytes {bytes} bytes");
    println!("store.load.vs_json {:.2}", load / json_load);
    println!("store.save.vs_json {:.2}", save / json_save);
    println!("store.check_chain_100k_ms {:.1} ms", check_chain_ms(runs));
}

/// The naive way, medians in ms: save = `serde_json::to_vec` + a plain write, load = a plain
/// read + `serde_json::from_slice` into the same types.
fn naive_json_ms(project: &Project, path: &Path, runs: usize) -> (f64, f64) {
    let mut saves = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        std::fs::write(path, serde_json::to_vec(project).expect("json")).expect("write");
        saves.push(t.elapsed());
    }
    let mut loads = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let loaded: Project = serde_json::from_slice(&std::fs::read(path).expect("read")).expect("parse");
        loads.push(t.elapsed());
        assert_eq!(loaded.documents[0].annotations.len(), ANNOTATIONS);
    }
    (median(saves), median(loads))
}

/// Checking a project whose 100,000 sources form one citation chain (the cycle check is one
/// linear pass; it was cubic in the chain's length).
fn check_chain_ms(runs: usize) -> f64 {
    const CHAIN: usize = 100_000;
    let mut project = Project::new("chain");
    project.sources = (0..CHAIN)
        .map(|i| {
            let mut s = Source::new(format!("Outlet {i}"), SourceKind::Outlet);
            s.id = SourceId(format!("s-{i}"));
            s.cites = if i + 1 < CHAIN { vec![SourceId(format!("s-{}", i + 1))] } else { Vec::new() };
            s
        })
        .collect();
    let times = (0..runs)
        .map(|_| {
            let t = Instant::now();
            check_project(&project).expect("a chain is no cycle");
            t.elapsed()
        })
        .collect();
    median(times)
}

/// With `STORE_BENCH_PHASES=1`: where the time goes, on stderr.
fn phases(project: &Project, path: &Path, runs: usize) {
    let time = |f: &mut dyn FnMut()| {
        median(
            (0..runs)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed()
                })
                .collect(),
        )
    };
    let text = store::to_ron(project).expect("ron");
    eprintln!("  to_ron            {:7.1} ms", time(&mut || drop(store::to_ron(project).expect("ron"))));
    eprintln!(
        "  fingerprint read  {:7.1} ms",
        time(&mut || {
            let _ = store::Fingerprint::read(path).expect("fp");
        })
    );
    eprintln!("  write_atomically  {:7.1} ms", time(&mut || store::write_atomically(path, text.as_bytes()).expect("write")));
    eprintln!("  fs::read          {:7.1} ms", time(&mut || drop(std::fs::read(path).expect("read"))));
    eprintln!("  ron::from_str     {:7.1} ms", time(&mut || drop(ron::from_str::<Project>(&text).expect("parse"))));
    eprintln!("  check_project     {:7.1} ms", time(&mut || check_project(project).expect("valid")));
    // For comparison: RON without pretty-printing (what the format's layout costs).
    let compact = ron::to_string(project).expect("ron");
    eprintln!(
        "  compact to_string {:7.1} ms ({} bytes)",
        time(&mut || drop(ron::to_string(project).expect("ron"))),
        compact.len()
    );
    eprintln!("  compact from_str  {:7.1} ms", time(&mut || drop(ron::from_str::<Project>(&compact).expect("parse"))));
}
