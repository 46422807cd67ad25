//! The store: round trips, deterministic bytes, the header, backups, changes made by other
//! programs, recovery files and format versions.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

mod common;

use claimlens::model::{AnnotationId, EventDate, FORMAT_VERSION, Project, Verdict};
use claimlens::store::{
    self, Fingerprint, Overwrite, StoreError, backup_path, discard_recovery, find_recovery, load, load_recovery, recovery_path,
    save, write_recovery,
};
use common::{random_project, text_strategy};
use proptest::prelude::*;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn sample() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.claimlens.ron");
    load(&path).expect("the sample loads").project
}

fn set_mtime(path: &Path, t: SystemTime) {
    File::options().write(true).open(path).and_then(|f| f.set_modified(t)).expect("set mtime");
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path).and_then(|m| m.modified()).expect("mtime")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn load_of_save_is_identity(
        texts in proptest::collection::vec(text_strategy(), 1..=2),
        seed in any::<u64>(),
        steps in 0usize..40,
    ) {
        let p = random_project(&texts, seed, steps);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("p.claimlens.ron");
        let fp = save(&path, &p, None, Overwrite::IfUnchanged).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let first = std::fs::read(&path).expect("saved");
        let loaded = load(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&loaded.project, &p);
        prop_assert_eq!(loaded.from_version, FORMAT_VERSION);
        prop_assert_eq!(&loaded.fingerprint, &fp);
        // Saving again (the same project) writes the same bytes.
        save(&path, &loaded.project, Some(&loaded.fingerprint), Overwrite::IfUnchanged)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(std::fs::read(&path).expect("saved"), first.clone());
        prop_assert_eq!(store::to_ron(&p).expect("serialises").into_bytes(), first);
    }
}

#[test]
fn the_file_starts_with_format_and_version() {
    let text = store::to_ron(&sample()).expect("serialises");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("("));
    assert_eq!(lines.next(), Some("  format: \"claimlens\","));
    assert_eq!(lines.next(), Some(format!("  version: {FORMAT_VERSION},").as_str()));
    assert_eq!(FORMAT_VERSION, 4);
    assert!(text.ends_with(")\n"));
}

#[test]
fn the_second_save_keeps_the_first_as_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.claimlens.ron");
    let mut p = sample();
    let fp = save(&path, &p, None, Overwrite::IfUnchanged).expect("first save");
    assert!(!backup_path(&path).exists(), "nothing to back up on the first save");
    let first = std::fs::read(&path).expect("read");
    p.title = "Changed «title»".into();
    let fp2 = save(&path, &p, Some(&fp), Overwrite::IfUnchanged).expect("second save");
    assert_eq!(std::fs::read(backup_path(&path)).expect("backup"), first);
    assert_eq!(load(&backup_path(&path)).expect("the backup loads").project, sample());
    assert_eq!(load(&path).expect("loads").project.title, "Changed «title»");
    // A third save moves the backup along and leaves no temporary files behind.
    let second = std::fs::read(&path).expect("read");
    p.title = "Third".into();
    save(&path, &p, Some(&fp2), Overwrite::IfUnchanged).expect("third save");
    assert_eq!(std::fs::read(backup_path(&path)).expect("backup"), second);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["p.claimlens.ron", "p.claimlens.ron.bak"]);
}

#[test]
fn a_file_changed_by_another_program_is_not_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.claimlens.ron");
    let mut p = sample();
    let fp = save(&path, &p, None, Overwrite::IfUnchanged).expect("first save");
    p.title = "mine".into();

    // Different contents (and size).
    std::fs::write(&path, b"someone else's notes").expect("other program");
    let err = save(&path, &p, Some(&fp), Overwrite::IfUnchanged).expect_err("refused");
    assert!(matches!(&err, StoreError::ChangedOnDisk(x) if x == &path), "{err:?}");
    assert!(err.to_string().contains("changed by another program"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), b"someone else's notes", "untouched");

    // Same size and modification time, different contents: the hash notices.
    let original = store::to_ron(&sample()).expect("serialises");
    save(&path, &sample(), None, Overwrite::Force).expect("reset");
    let fp = Fingerprint::read(&path).expect("fingerprint").expect("exists");
    let altered = original.replacen("G7 statement", "G8 statement", 1);
    assert_eq!(altered.len(), original.len());
    std::fs::write(&path, &altered).expect("other program");
    set_mtime(&path, fp.modified.expect("mtime"));
    assert_eq!(Fingerprint::read(&path).expect("fp").expect("exists").len, fp.len);
    let err = save(&path, &p, Some(&fp), Overwrite::IfUnchanged).expect_err("refused");
    assert!(matches!(err, StoreError::ChangedOnDisk(_)), "{err:?}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), altered, "untouched");

    // Only the time changed (touched): refused too, to be safe.
    std::fs::write(&path, &original).expect("restore");
    set_mtime(&path, SystemTime::now() + Duration::from_secs(5));
    assert!(matches!(save(&path, &p, Some(&fp), Overwrite::IfUnchanged), Err(StoreError::ChangedOnDisk(_))));

    // No fingerprint but a file exists (Save As over another file): refused.
    assert!(matches!(save(&path, &p, None, Overwrite::IfUnchanged), Err(StoreError::ChangedOnDisk(_))));

    // Force saves, keeping the other program's version as the backup.
    std::fs::write(&path, &altered).expect("other program");
    save(&path, &p, Some(&fp), Overwrite::Force).expect("forced");
    assert_eq!(load(&path).expect("loads").project.title, "mine");
    assert_eq!(std::fs::read_to_string(backup_path(&path)).expect("backup"), altered);

    // A file deleted since it was read is simply written again.
    let fp = Fingerprint::read(&path).expect("fp").expect("exists");
    std::fs::remove_file(&path).expect("delete");
    save(&path, &p, Some(&fp), Overwrite::IfUnchanged).expect("recreated");
}

#[test]
fn recovery_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.claimlens.ron");
    let saved = sample();
    save(&path, &saved, None, Overwrite::IfUnchanged).expect("save");
    assert_eq!(find_recovery(&path), None);

    let mut unsaved = saved.clone();
    unsaved.title = "unsaved «work»".into();
    unsaved.documents[0].claims[0].verdict = Verdict::Disputed;
    let rec = write_recovery(&path, &unsaved).expect("autosave");
    assert_eq!(rec, recovery_path(&path));
    assert!(rec.file_name().is_some_and(|n| n.to_string_lossy().ends_with(".claimlens.ron.recovery")));

    // Older than (or as old as) the file: not offered.
    set_mtime(&rec, mtime(&path) - Duration::from_secs(10));
    assert_eq!(find_recovery(&path), None);
    set_mtime(&rec, mtime(&path));
    assert_eq!(find_recovery(&path), None);
    // Newer: offered, and it holds the unsaved work.
    set_mtime(&rec, mtime(&path) + Duration::from_secs(10));
    let found = find_recovery(&path).expect("a newer recovery is offered");
    assert_eq!(found.path, rec);
    assert_eq!(load_recovery(&found).expect("loads"), unsaved);
    // The project file gone: the recovery is still offered.
    let moved = dir.path().join("moved.ron");
    std::fs::rename(&path, &moved).expect("move away");
    assert!(find_recovery(&path).is_some());
    std::fs::rename(&moved, &path).expect("move back");

    discard_recovery(&path).expect("discard");
    assert!(!rec.exists());
    assert_eq!(find_recovery(&path), None);
    discard_recovery(&path).expect("discarding nothing is fine");

    // A successful save discards the recovery.
    write_recovery(&path, &unsaved).expect("autosave");
    assert!(rec.exists());
    let fp = Fingerprint::read(&path).expect("fp").expect("exists");
    save(&path, &unsaved, Some(&fp), Overwrite::IfUnchanged).expect("save");
    assert!(!rec.exists(), "saved work needs no recovery");
    // A refused save keeps it.
    write_recovery(&path, &unsaved).expect("autosave");
    std::fs::write(&path, "changed elsewhere").expect("other program");
    assert!(save(&path, &saved, Some(&fp), Overwrite::IfUnchanged).is_err());
    assert!(rec.exists(), "a refused save keeps the recovery");
}

#[test]
fn the_v1_fixture_loads_through_the_migration_chain() {
    let loaded = load(&fixture("v1.claimlens.ron")).expect("the v1 fixture loads");
    assert_eq!(loaded.from_version, 1);
    let p = &loaded.project;
    assert_eq!(p.title, "Fixture: format version 1");
    assert_eq!(p.labels, claimlens::model::default_labels(), "labels default when absent");
    let d = &p.documents[0];
    assert_eq!(d.title, "Zelenskyy on «the first» troops");
    assert_eq!(d.annotations.len(), 4);
    let content = d.annotation(&AnnotationId("a-content".into())).expect("content");
    assert_eq!(content.ranges.len(), 2);
    assert_eq!(content.tags, ["check"]);
    let c = &d.claims[0];
    assert_eq!(c.verdict, Verdict::Unverifiable);
    assert_eq!(c.event_date, EventDate::parse("2024-10-27..2024-10-28"));
    assert_eq!(c.via.len(), 1);
    assert!(c.trigger.is_none() && c.attributes.is_empty(), "absent fields default");
    assert_eq!(p.sources[1].cites[0].as_str(), "s-zelenskyy");
    // Saving it writes the current version, which loads back equal.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v1.claimlens.ron");
    save(&path, p, None, Overwrite::IfUnchanged).expect("save");
    assert_eq!(&load(&path).expect("loads").project, p);
}

#[test]
fn the_v2_fixture_loads_through_the_migration_chain() {
    let loaded = load(&fixture("v2.claimlens.ron")).expect("the v2 fixture loads");
    assert_eq!((loaded.from_version, loaded.project.version), (2, FORMAT_VERSION));
    assert!(loaded.repairs.is_empty(), "{:?}", loaded.repairs);
    let p = &loaded.project;
    assert_eq!(p.title, "Fixture: format version 2");
    assert!(p.conflicts.is_empty(), "a version 2 file holds no merge conflicts");
    let names: Vec<&str> = p.labels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Claim", "Source", "Cue", "Date"]);
    let d = &p.documents[0];
    assert_eq!(
        (d.author.as_deref(), d.publisher.as_ref().map(claimlens::model::SourceId::as_str)),
        (Some("A. Reporter"), Some("s-outlet"))
    );
    assert_eq!(p.sources[0].aliases, ["Zelenskyy"]);
    assert_eq!(p.chain_names(&d.claims[0]), ["Example Outlet", "Volodymyr Zelenskyy"]);
    // Saved, it is a current file with nothing new in it, which loads back equal.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v2.claimlens.ron");
    save(&path, p, None, Overwrite::IfUnchanged).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(&format!("  version: {FORMAT_VERSION},")) && !text.contains("conflicts"), "{text}");
    let again = load(&path).expect("loads");
    assert_eq!((again.from_version, &again.project), (FORMAT_VERSION, p));
}

#[test]
fn the_v3_fixture_loads_through_the_migration_chain() {
    let loaded = load(&fixture("v3.claimlens.ron")).expect("the v3 fixture loads");
    assert_eq!((loaded.from_version, loaded.project.version), (3, FORMAT_VERSION));
    let p = &loaded.project;
    assert_eq!(p.title, "Fixture: format version 3");
    assert_eq!(p.conflicts.len(), 1, "the held conflict is kept");
    // Version 4's fields are absent: nobody speaks for a body, no claim says when it was said.
    assert!(p.sources.iter().all(|s| s.speaks_for.is_none()));
    let c = &p.documents[0].claims[0];
    assert_eq!((c.said_on, c.event_date), (None, EventDate::parse("2024-10-27..2024-10-28")));
    // Given them, it saves as version 4 and loads back equal.
    let mut p = p.clone();
    p.sources[0].speaks_for = Some(p.sources[1].id.clone());
    p.sources[1].kind = claimlens::model::SourceKind::Unnamed;
    p.documents[0].claims[0].said_on = EventDate::parse("2024-10-25");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v3.claimlens.ron");
    save(&path, &p, None, Overwrite::IfUnchanged).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("  version: 4,") && text.contains("speaks_for: Some(\"s-outlet\")"), "{text}");
    assert!(text.contains("kind: Unnamed") && text.contains("said_on: Some((start: \"2024-10-25\"))"), "{text}");
    let again = load(&path).expect("loads");
    assert_eq!((again.from_version, &again.project), (4, &p));
}

fn load_text(dir: &Path, name: &str, text: &str) -> Result<store::Loaded, StoreError> {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    let result = load(&path);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text, "loading never changes the file");
    result
}

#[test]
fn a_newer_version_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v1 = std::fs::read_to_string(fixture("v1.claimlens.ron")).expect("fixture");
    let v2 = v1.replacen("version: 1,", "version: 5,", 1);
    let err = load_text(dir.path(), "v5.claimlens.ron", &v2).expect_err("refused");
    assert!(matches!(err, StoreError::NewerVersion { found: 5, supported: 4, .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("newer claimlens") && msg.contains("Update claimlens"), "{msg}");
    // A newer file whose shape changed is refused for its version, not for a parse error.
    let reshaped = v2.replacen("documents: [", "documents: {\"renamed\": [", 1).replacen("  sources: [", "  }, sources: [", 1);
    let err = load_text(dir.path(), "v2b.claimlens.ron", &reshaped).expect_err("refused");
    assert!(matches!(err, StoreError::NewerVersion { found: 5, .. }), "{err:?}");
    let far = "(format: \"claimlens\", version: 4000000000, whatever: [1, 2, 3])";
    assert!(matches!(load_text(dir.path(), "far.ron", far), Err(StoreError::NewerVersion { found: 4_000_000_000, .. })));
}

#[test]
fn another_format_is_not_a_project() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v1 = std::fs::read_to_string(fixture("v1.claimlens.ron")).expect("fixture");
    let other = v1.replacen("format: \"claimlens\"", "format: \"something-else\"", 1);
    let err = load_text(dir.path(), "other.ron", &other).expect_err("refused");
    assert!(matches!(&err, StoreError::NotAProject { reason, .. } if reason.contains("something-else")), "{err:?}");
    assert!(err.to_string().contains("not a claimlens project"), "{err}");
    let err = load_text(dir.path(), "other2.ron", "(name: \"a config file\", size: 3)").expect_err("refused");
    assert!(matches!(err, StoreError::NotAProject { .. }), "{err:?}");
}

#[test]
fn temporary_files_of_killed_saves_are_removed_when_the_project_is_opened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.claimlens.ron");
    save(&path, &sample(), None, Overwrite::IfUnchanged).expect("save");
    let old = SystemTime::now() - store::STALE_TEMP_AGE - Duration::from_mins(1);
    let leftover = |name: &str, age: SystemTime| {
        let p = dir.path().join(name);
        std::fs::write(&p, "half a project").expect("write");
        set_mtime(&p, age);
        p
    };
    let killed_save = leftover(".p.claimlens.ron.tmp-0badf00d", old);
    let killed_backup = leftover(".p.claimlens.ron.bak.tmp-12345678", old);
    let killed_autosave = leftover(".p.claimlens.ron.recovery.tmp-abcdef01", old);
    // A save in progress right now (another window), another project's, and a user's file.
    let in_progress = leftover(".p.claimlens.ron.tmp-00c0ffee", SystemTime::now());
    let other_project = leftover(".q.claimlens.ron.tmp-0badf00d", old);
    let users = leftover(".p.claimlens.ron.tmp-notes", old);

    load(&path).expect("opens");
    for gone in [&killed_save, &killed_backup, &killed_autosave] {
        assert!(!gone.exists(), "{} is left over from a killed save", gone.display());
    }
    for kept in [&in_progress, &other_project, &users] {
        assert!(kept.exists(), "{} is not ours to remove", kept.display());
    }
    assert_eq!(store::remove_stale_temps(&path), 0);
}

/// A large file (read on two cores, its longest list of annotations in parts) loads as the
/// project it was saved from, and a slip deep in that list is reported at its line and column.
#[test]
fn a_large_file_loads_whole_and_its_errors_keep_their_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "Officials said the troops came, and the ministers agreed. ".repeat(2500);
    let project = claimlens::testdata::project_from_text(&text, 5000, 40);
    let path = dir.path().join("large.claimlens.ron");
    save(&path, &project, None, Overwrite::Force).expect("save");
    assert_eq!(load(&path).expect("load").project, project);

    let written = std::fs::read_to_string(&path).expect("read");
    let (line, at) =
        written.lines().enumerate().filter(|(_, l)| l.starts_with("        (id: \"a-")).nth(4000).expect("item 4000");
    let broken = written.replacen(at, &at.replacen("label: \"", "label: ", 1), 1);
    let err = load_text(dir.path(), "broken.claimlens.ron", &broken).expect_err("a parse error");
    // Where parsing the whole text puts it (the label's value, on that item's line).
    let whole = ron::from_str::<Project>(&broken).expect_err("a parse error").span.start;
    assert_eq!(whole.line, line + 1);
    assert_eq!(err.position(), Some((whole.line, whole.col)), "{err}");
}
