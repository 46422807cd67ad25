//! Bad files: each gives a clear error, never a panic, and the file on disk is left exactly as
//! it was. Also the CLI's exit codes and `PATH:LINE:COL: message` lines.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use claimlens::store::{self, Overwrite, StoreError, load};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.claimlens.ron")
}

fn sample_text() -> String {
    std::fs::read_to_string(sample_path()).expect("sample")
}

/// Writes `bytes` to a file, loads it, checks the file is unchanged, returns the error.
fn load_bad(dir: &Path, name: &str, bytes: &[u8]) -> StoreError {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    let result = load(&path);
    assert_eq!(std::fs::read(&path).expect("read back"), bytes, "{name}: the file is untouched");
    let err = result.map(|_| ()).expect_err("a bad file is refused");
    let msg = err.to_string();
    assert!(msg.contains(&path.display().to_string()), "{name}: the error names the file: {msg}");
    assert!(!msg.contains("panicked"), "{msg}");
    err
}

#[test]
fn truncated_files_report_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = sample_text();
    let header_end = text.find("title:").expect("title");
    let len = text.len();
    let mut cuts: Vec<usize> = (header_end..len - 2).step_by(len / 37).collect();
    cuts.extend([len / 2, len - 2, len - 3, header_end + 1]);
    for cut in cuts {
        // A cut inside a multi-byte char is invalid UTF-8; it must be reported with a position too.
        let bytes = &text.as_bytes()[..cut];
        let err = load_bad(dir.path(), "cut.claimlens.ron", bytes);
        let (line, col) = err.position().unwrap_or_else(|| panic!("cut at {cut}: {err} has a position"));
        assert!(line >= 1 && col >= 1);
        let lines_in_cut = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
        assert!(line <= lines_in_cut + 1, "cut at {cut}: line {line} is within the file ({lines_in_cut} lines)");
    }
}

#[test]
fn empty_and_random_files_are_not_projects() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = load_bad(dir.path(), "empty.claimlens.ron", b"");
    assert!(matches!(&err, StoreError::NotAProject { reason, .. } if reason.contains("empty")), "{err:?}");
    let err = load_bad(dir.path(), "blank.claimlens.ron", b"  \n\n ");
    assert!(matches!(err, StoreError::NotAProject { .. }), "{err:?}");
    let err = load_bad(dir.path(), "prose.txt", b"Dear diary, today I annotated nothing.");
    assert!(matches!(&err, StoreError::NotAProject { reason, .. } if reason.contains("Dear diary")), "{err:?}");
    let err = load_bad(dir.path(), "json.json", br#"{"format": "claimlens", "version": 1}"#);
    assert!(err.to_string().contains("json.json"), "{err}");
    let mut rng = fastrand::Rng::with_seed(7);
    for i in 0..20 {
        let bytes: Vec<u8> = (0..rng.usize(1..4000)).map(|_| rng.u8(..)).collect();
        load_bad(dir.path(), &format!("random{i}.bin"), &bytes);
    }
}

#[test]
fn invalid_utf8_reports_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = sample_text();
    let mut bytes = text.as_bytes().to_vec();
    // Line 4 is `  title: "G7 statement ...`; put a stray byte after `  title: "G7`.
    let line_start = text.match_indices('\n').nth(2).map(|(i, _)| i + 1).expect("line 4");
    let at = line_start + "  title: \"G7".len();
    bytes.insert(at, 0xff);
    let err = load_bad(dir.path(), "latin1.claimlens.ron", &bytes);
    assert!(matches!(&err, StoreError::Parse { line: 4, col: 13, message, .. } if message.contains("UTF-8")), "{err:?}");
    // Latin-1 text (é as a single byte) on the first line.
    let err = load_bad(dir.path(), "latin1b.txt", b"caf\xe9");
    assert!(matches!(err, StoreError::Parse { line: 1, col: 4, .. }), "{err:?}");
}

#[test]
fn wrong_and_newer_versions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = sample_text();
    let current = format!("version: {},", claimlens::model::FORMAT_VERSION);
    assert!(text.contains(&current), "the sample is saved in the current version");
    let zero = text.replacen(&current, "version: 0,", 1);
    let err = load_bad(dir.path(), "v0.claimlens.ron", zero.as_bytes());
    assert!(matches!(&err, StoreError::NotAProject { reason, .. } if reason.contains("version")), "{err:?}");
    let word = text.replacen(&current, "version: \"one\",", 1);
    let err = load_bad(dir.path(), "vword.claimlens.ron", word.as_bytes());
    assert!(matches!(err, StoreError::Parse { line: 3, .. }), "{err:?}");
    let negative = text.replacen(&current, "version: -1,", 1);
    let err = load_bad(dir.path(), "vneg.claimlens.ron", negative.as_bytes());
    assert!(matches!(err, StoreError::Parse { line: 3, .. }), "{err:?}");
    let newer = text.replacen(&current, "version: 7,", 1);
    let err = load_bad(dir.path(), "v7.claimlens.ron", newer.as_bytes());
    assert!(matches!(err, StoreError::NewerVersion { found: 7, .. }), "{err:?}");
    assert!(err.to_string().contains("Update claimlens"));
}

/// The sample with the first `from` after `after` replaced by `to`.
fn edit_sample(after: &str, from: &str, to: &str) -> String {
    let text = sample_text();
    let start = text.find(after).expect("anchor") + after.len();
    let i = start + text[start..].find(from).expect("from");
    format!("{}{to}{}", &text[..i], &text[i + from.len()..])
}

#[test]
fn offsets_past_the_end_name_the_annotation() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = edit_sample("id: \"a-claim-smaller-number\"", ")]", "99999)]");
    // `(start, N)` becomes `(start, N99999)`: past the end of the text, whatever N was.
    let err = load_bad(dir.path(), "past.claimlens.ron", bad.as_bytes());
    assert!(matches!(&err, StoreError::Invalid { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("a-claim-smaller-number") && msg.contains("past the end"), "{msg}");
}

#[test]
fn overlapping_fragments_are_invalid() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = sample_text();
    // Give the first annotation (0..87) a second fragment that overlaps the first.
    let first = "ranges: [(0, 87)]";
    assert!(text.contains(first), "the sample's first range is laid out as expected");
    let bad = text.replacen(first, "ranges: [(0, 87), (80, 90)]", 1);
    let err = load_bad(dir.path(), "overlap.claimlens.ron", bad.as_bytes());
    let msg = err.to_string();
    assert!(matches!(err, StoreError::Invalid { .. }), "{msg}");
    assert!(msg.contains("a-src-ministers") && msg.contains("overlap"), "{msg}");
}

#[test]
fn broken_references_are_invalid() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = edit_sample("id: \"c-g7-concern\"", "\"a-claim-concern\"", "\"a-nowhere\"");
    let err = load_bad(dir.path(), "ref.claimlens.ron", bad.as_bytes());
    assert!(matches!(err, StoreError::Invalid { .. }) && err.to_string().contains("a-nowhere"), "{err}");
    let bad = edit_sample("id: \"s-statement\"", "\"s-ministers\"", "\"s-censor\"");
    let err = load_bad(dir.path(), "cycle.claimlens.ron", bad.as_bytes());
    assert!(err.to_string().contains("cycle"), "{err}");
    let bad = edit_sample("id: \"a-cue-said\"", "exact: \"said\"", "exact: \"says\"");
    let err = load_bad(dir.path(), "quote.claimlens.ron", bad.as_bytes());
    assert!(err.to_string().contains("a-cue-said") && err.to_string().contains("quote"), "{err}");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let dir = tempfile::tempdir().expect("temp dir");
    let n = 10_000;
    for (open, close) in [("[", "]"), ("(", ")"), ("{\"a\":", "}"), ("Some(", ")")] {
        let deep = format!("(format: \"claimlens\", version: 1, extra: {}0{})", open.repeat(n), close.repeat(n));
        let err = load_bad(dir.path(), "deep.claimlens.ron", deep.as_bytes());
        assert!(err.to_string().contains("nested too deeply"), "{open}: {err}");
        let deep = format!("{}{}", open.repeat(n), close.repeat(n));
        load_bad(dir.path(), "deep2.claimlens.ron", deep.as_bytes());
    }
    // Deep nesting where the project's own fields are.
    let deep = format!("(format: \"claimlens\", version: 1, title: {}\"x\"{})", "Some(".repeat(n), ")".repeat(n));
    load_bad(dir.path(), "deep3.claimlens.ron", deep.as_bytes());
}

#[test]
fn fifty_megabytes_of_wrong_text_are_refused_quickly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mb = 1024 * 1024;
    // Prose.
    let line = "The ministers said they were concerned about the deployment of troops. ";
    let prose: String = line.repeat(50 * mb / line.len());
    let t = Instant::now();
    let err = load_bad(dir.path(), "prose.claimlens.ron", prose.as_bytes());
    let prose_time = t.elapsed();
    assert!(matches!(err, StoreError::NotAProject { .. }), "{err:?}");
    // A project whose one text is 50 MB and that is broken at the very end.
    let body = "Ukrinform reports. ".repeat(50 * mb / 19);
    let broken = format!(
        "(\n  format: \"claimlens\",\n  version: 1,\n  documents: [\n    (\n      id: \"d-big\",\n      text: \"{body}\",\n      \
         annotations: [(id: \"a\", label: \"Claim\", ranges: [(0, 9)], quote: (exact: \"Ukrinform\"), created: \
         \"2024-11-05T09:00:00Z\", modified: \"2024-11-05T09:00:00Z\")],\n    ),\n  ],\n  created: \"2024-11-05T09:00:00Z\",\n  \
         modified: \"2024-11-05T09:00:00Z\",\n  oops\n"
    );
    let t = Instant::now();
    let err = load_bad(dir.path(), "big.claimlens.ron", broken.as_bytes());
    let big_time = t.elapsed();
    let (line, _) = err.position().unwrap_or_else(|| panic!("{err} has a position"));
    assert!(line >= 12, "the error is at the end: {err}");
    // The same with an annotation past the end of the 50 MB text: it parses, then is invalid.
    let past = broken.replace("(0, 9)", "(0, 999999999)").replace("  oops\n", ")\n");
    let t = Instant::now();
    let err = load_bad(dir.path(), "past.claimlens.ron", past.as_bytes());
    let past_time = t.elapsed();
    assert!(matches!(err, StoreError::Invalid { .. }), "{err:?}");
    eprintln!("50 MB: prose refused in {prose_time:?}, broken project in {big_time:?}, invalid project in {past_time:?}");
    // Debug builds are slower than release; the limit is generous but catches quadratic behaviour.
    let limit = Duration::from_secs(if cfg!(debug_assertions) { 20 } else { 5 });
    for (what, took) in [("prose", prose_time), ("broken", big_time), ("invalid", past_time)] {
        assert!(took < limit, "{what}: {took:?}");
    }
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.claimlens.ron");
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(store::MAX_PROJECT_BYTES + 1).expect("sparse file");
    let err = load(&path).map(|_| ()).expect_err("too large");
    assert!(matches!(err, StoreError::TooLarge { .. }), "{err:?}");
    let err = load(dir.path()).map(|_| ()).expect_err("a folder");
    assert!(matches!(err, StoreError::IsADirectory(_)), "{err:?}");
    let err = load(&dir.path().join("missing.claimlens.ron")).map(|_| ()).expect_err("missing");
    assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any file of random bytes: an error or (rarely) a valid project, never a panic.
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(text) = store::decode_utf8(bytes, Path::new("x")) {
            let _ = store::from_ron(&text, Path::new("x"));
        }
    }

    /// A valid file with a few bytes changed: an error, or a project that passes every check.
    #[test]
    fn mutated_files_never_panic(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)) {
        let mut bytes = sample_text().into_bytes();
        for (i, b) in edits {
            let i = i.index(bytes.len());
            bytes[i] = b;
        }
        if let Ok(text) = store::decode_utf8(bytes, Path::new("x"))
            && let Ok((project, _)) = store::from_ron(&text, Path::new("x"))
        {
            prop_assert!(claimlens::edit::check_project(&project).is_ok());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------------------------

fn claimlens(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimlens")).args(args).output().expect("run claimlens")
}

#[test]
fn cli_check_bad_file_prints_path_line_col() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.claimlens.ron");
    let text = sample_text();
    let cut = &text[..text.len() / 2];
    std::fs::write(&path, cut).expect("write");
    let out = claimlens(&["check".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let prefix = format!("{}:", path.display());
    let line = stderr.lines().find(|l| l.contains(&prefix)).unwrap_or_else(|| panic!("names the file: {stderr}"));
    let rest = &line[line.find(&prefix).expect("prefix") + prefix.len()..];
    let parts: Vec<&str> = rest.splitn(3, ':').collect();
    assert!(
        parts.len() == 3 && parts[0].parse::<usize>().is_ok() && parts[1].parse::<usize>().is_ok() && !parts[2].trim().is_empty(),
        "PATH:LINE:COL: message, got {line:?}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), cut, "check never writes");
    assert!(!stderr.contains("panicked"));

    // A file that parses but is invalid: the message names the annotation.
    let bad = text.replacen("exact: \"said\"", "exact: \"says\"", 1);
    std::fs::write(&path, bad).expect("write");
    let out = claimlens(&["check".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a-cue-said"));

    // A missing file.
    let out = claimlens(&["check".as_ref(), dir.path().join("nope.claimlens.ron").as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.claimlens.ron"));
}

#[test]
fn cli_check_good_file_prints_a_line_per_document() {
    let out = claimlens(&["check".as_ref(), sample_path().as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "a summary and one line per document: {stdout}");
    assert!(lines[0].contains("G7 statement on DPRK troops") && lines[0].contains("format version 4"), "{stdout}");
    assert!(lines[1].starts_with("d-g7-dprk-censor\t"), "{stdout}");
    assert!(lines[1].contains("17 claims") && lines[1].contains("0 orphaned"), "{stdout}");

    // Two documents: two lines.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut p = load(&sample_path()).expect("sample").project;
    let mut second = p.documents[0].clone();
    second.id = claimlens::model::DocumentId("d-second".into());
    p.documents.push(second);
    // Annotation ids are unique in the project: the copy gets its own.
    assert!(!claimlens::edit::repair_duplicate_annotation_ids(&mut p).is_empty());
    let path = dir.path().join("two.claimlens.ron");
    store::save(&path, &p, None, Overwrite::IfUnchanged).expect("save");
    let out = claimlens(&["check".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
}

#[test]
fn cli_import_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/g7-dprk-troops-censor-net.txt");
    let out_path = dir.path().join("out.claimlens.ron");
    std::fs::write(&out_path, "precious work").expect("write");
    let out = claimlens(&["import".as_ref(), article.as_os_str(), "-o".as_ref(), out_path.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&out_path).expect("read"), "precious work");

    let out = claimlens(&["import".as_ref(), article.as_os_str(), "-o".as_ref(), out_path.as_os_str(), "--force".as_ref()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(store::backup_path(&out_path)).expect("backup"), "precious work");
    let p = load(&out_path).expect("the import loads").project;
    assert_eq!(p.documents.len(), 1);
    assert!(p.documents[0].text.starts_with("The foreign ministers"));

    // A missing input: exit 1, and the output is not touched.
    let before = std::fs::read(&out_path).expect("read");
    let out = claimlens(&[
        "import".as_ref(),
        dir.path().join("missing.txt").as_os_str(),
        "-o".as_ref(),
        out_path.as_os_str(),
        "--force".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&out_path).expect("read"), before);
}
