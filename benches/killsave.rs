//! Kill test: a child process saves a large project with `store::save` and is killed with
//! SIGKILL at a random moment during the save; then the file must load and be the complete old
//! version or the complete new one, and the backup must load too (the old version, or the one
//! before it when the kill came before the backup was made).
//!
//! `cargo bench --bench killsave` (1,000 trials; `KILLSAVE_TRIALS=N` for more or fewer).
//! Prints `reliability.kill_trials N` and `reliability.kill_failures N`; exits non-zero on a
//! failure. The child is this same binary, re-invoked with `KILLSAVE_CHILD` set.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use claimlens::anchor::{CharRange, TextIndex};
use claimlens::model::{Annotation, Document, DocumentId, Project};
use claimlens::store::{self, Overwrite};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// About 3 MB of RON: a 1.5 MB article with 6,000 annotations.
fn big_project(version: u64) -> Project {
    let mut rng = fastrand::Rng::with_seed(42);
    let words = ["the", "minister", "said", "Ukrinform", "«reported»", "forces", "near", "Kursk", "— according to", "officials"];
    let mut text = String::with_capacity(1_600_000);
    while text.len() < 1_500_000 {
        text.push_str(words[rng.usize(..words.len())]);
        text.push(if rng.u8(..12) == 0 { '\n' } else { ' ' });
    }
    let index = TextIndex::new(&text);
    let len = index.char_len();
    let mut doc = Document::new("Big article", text.clone());
    doc.id = DocumentId("d-big".into());
    for i in 0..6_000 {
        let s = rng.usize(..len - 200);
        let mut a = Annotation::new(&index, "Claim", vec![CharRange::new(s, s + rng.usize(1..200))], "kill test");
        a.id = claimlens::model::AnnotationId(format!("a-{i}"));
        a.note = format!("note {i}");
        // Fixed times: every process must build the same bytes for a version.
        a.created = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        a.modified = a.created;
        doc.annotations.push(a);
    }
    let mut p = Project::new(format!("version {version}"));
    p.created = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    p.modified = p.created;
    p.documents.push(doc);
    p
}

/// The version in the file, after checking that it loads and is byte for byte what that
/// version's save writes (`template` is version 0's file text).
fn version_of(path: &Path, template: &str) -> Result<u64, String> {
    let loaded = store::load(path).map_err(|e| e.to_string())?;
    let title = &loaded.project.title;
    let v = title.strip_prefix("version ").and_then(|v| v.parse().ok()).ok_or_else(|| format!("odd title {title:?}"))?;
    // Complete: the whole file, not a prefix or a mix of two versions.
    let expected = template.replacen("\"version 0\"", &format!("\"version {v}\""), 1);
    if std::fs::read(path).map_err(|e| e.to_string())? != expected.as_bytes() {
        return Err(format!("{} loads but differs from version {v}", path.display()));
    }
    Ok(v)
}

/// The child: build version N, say so, save it (the parent kills us somewhere in here).
fn child(path: &Path, version: u64) {
    let project = big_project(version);
    let mut out = std::io::stdout().lock();
    writeln!(out, "SAVING").unwrap();
    out.flush().unwrap();
    store::save(path, &project, None, Overwrite::Force).unwrap();
    writeln!(out, "DONE").unwrap();
    out.flush().unwrap();
}

fn spawn(path: &Path, version: u64) -> (std::process::Child, BufReader<std::process::ChildStdout>) {
    let mut c = Command::new(std::env::current_exe().unwrap())
        .env("KILLSAVE_CHILD", path)
        .env("KILLSAVE_VERSION", version.to_string())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let out = BufReader::new(c.stdout.take().unwrap());
    (c, out)
}

fn wait_for(out: &mut BufReader<std::process::ChildStdout>, what: &str) -> bool {
    let mut line = String::new();
    loop {
        line.clear();
        if out.read_line(&mut line).unwrap_or(0) == 0 {
            return false;
        }
        if line.trim() == what {
            return true;
        }
    }
}

fn main() {
    if let (Some(path), Some(v)) = (std::env::var_os("KILLSAVE_CHILD"), std::env::var("KILLSAVE_VERSION").ok()) {
        child(Path::new(&path), v.parse().unwrap());
        return;
    }
    let trials: usize = std::env::var("KILLSAVE_TRIALS").ok().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let dir = std::env::temp_dir().join(format!("claimlens-killsave-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join("big.claimlens.ron");

    // Versions 1 and 2 saved normally, so that the file and its backup exist.
    let mut version = 0;
    let mut save_time = Duration::ZERO;
    for _ in 0..3 {
        version += 1;
        let (mut c, mut out) = spawn(&path, version);
        assert!(wait_for(&mut out, "SAVING"));
        let t = Instant::now();
        assert!(wait_for(&mut out, "DONE"));
        save_time = save_time.max(t.elapsed());
        assert!(c.wait().unwrap().success());
    }
    let size = std::fs::metadata(&path).unwrap().len();
    eprintln!("project file: {size} bytes; a save takes up to {} ms", save_time.as_millis());
    let template = store::to_ron(&big_project(0)).unwrap();
    let version_of = |p: &Path| version_of(p, &template);
    let mut file_v = version_of(&path).unwrap();
    let mut bak_v = version_of(&store::backup_path(&path)).unwrap();

    let mut rng = fastrand::Rng::with_seed(1);
    let mut failures = 0;
    let (mut old_seen, mut new_seen) = (0, 0);
    let window = save_time.as_micros() as u64 * 6 / 5;
    let started = Instant::now();
    for trial in 0..trials {
        version += 1;
        let (mut c, mut out) = spawn(&path, version);
        if !wait_for(&mut out, "SAVING") {
            eprintln!("trial {trial}: the child did not start saving");
            failures += 1;
            continue;
        }
        std::thread::sleep(Duration::from_micros(rng.u64(..=window)));
        let _ = c.kill();
        let _ = c.wait();
        let mut fail = |msg: String| {
            eprintln!("trial {trial}: {msg}");
            failures += 1;
        };
        match version_of(&path) {
            Ok(v) if v == file_v => old_seen += 1,
            Ok(v) if v == version => {
                new_seen += 1;
                // The save got past the backup: it holds what the file held before.
                match version_of(&store::backup_path(&path)) {
                    Ok(b) if b == file_v => bak_v = b,
                    Ok(b) => fail(format!("backup is version {b}, expected {file_v}")),
                    Err(e) => fail(format!("backup does not load: {e}")),
                }
                file_v = v;
            }
            Ok(v) => fail(format!("file is version {v}, expected {file_v} or {version}")),
            Err(e) => fail(format!("file does not load: {e}")),
        }
        match version_of(&store::backup_path(&path)) {
            Ok(b) if b == bak_v || b == file_v => bak_v = b,
            Ok(b) => fail(format!("backup is version {b}")),
            Err(e) => fail(format!("backup does not load: {e}")),
        }
        // Temporary files of killed saves are left behind; clear them between trials.
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            if entry.file_name().to_string_lossy().contains(".tmp-") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "{trials} trials in {:.1} s: the old version survived {old_seen} times, the new one {new_seen} times",
        started.elapsed().as_secs_f64()
    );
    println!("reliability.kill_trials {trials}");
    println!("reliability.kill_failures {failures}");
    if failures > 0 {
        std::process::exit(1);
    }
}
