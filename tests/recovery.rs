//! Recovery from a crash of the window: a real process runs the app (headless, through
//! `egui_kittest`), makes edits, waits for the autosave, and is killed with SIGKILL; the app
//! started again on the same file offers the recovery, and restoring gives back every edit
//! made more than 5 seconds before the kill.
//!
//! The child is this test binary, re-invoked on the ignored test `recovery_child` with
//! `CLAIMLENS_RECOVERY_CHILD` naming the project file.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use claimlens::store;
use claimlens::ui::{ClaimlensApp, Settings};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "CLAIMLENS_RECOVERY_CHILD";

fn settings() -> Settings {
    Settings { native_dialogs: false, author: "tester".into(), ..Settings::default() }
}

/// The window on `app`, not yet run.
fn window(app: ClaimlensApp) -> Harness<'static, ClaimlensApp> {
    Harness::builder().with_size([1280.0, 800.0]).build_ui_state(|ui, app: &mut ClaimlensApp| app.ui(ui), app)
}

fn harness(path: &Path) -> Harness<'static, ClaimlensApp> {
    let mut app = ClaimlensApp::new(settings());
    app.open_project(path);
    let mut h = window(app);
    h.run();
    h
}

/// Labels the next sentence with hotkey `key` (as a person would: Alt+Down, then the digit).
fn label_next_sentence(h: &mut Harness<'_, ClaimlensApp>, key: Key) {
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.key_press(key);
    h.run();
}

/// Steps the window in real time (autosave measures real time) until `done` or `limit`.
fn step_for(h: &mut Harness<'_, ClaimlensApp>, limit: Duration, done: impl Fn() -> bool) -> Duration {
    let t = Instant::now();
    while t.elapsed() < limit && !done() {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    t.elapsed()
}

/// The child: edits, waits for the autosave, reports, then edits once more and hangs until killed.
#[test]
#[ignore = "run by recovery_after_the_window_is_killed in a child process"]
fn recovery_child() {
    let Some(path) = std::env::var_os(CHILD_ENV).map(PathBuf::from) else { return };
    let mut h = harness(&path);
    label_next_sentence(&mut h, Key::Num4);
    label_next_sentence(&mut h, Key::Num2);
    let recovery = store::recovery_path(&path);
    let waited = step_for(&mut h, Duration::from_secs(10), || recovery.exists());
    assert!(recovery.exists(), "no autosave within {waited:?}");
    assert!(waited < Duration::from_secs(5), "the autosave took {waited:?}");
    let anns: Vec<String> = h.state().session.document().unwrap().annotations.iter().map(|a| a.id.to_string()).collect();
    println!("AUTOSAVED {} {}", waited.as_millis(), anns.join(","));
    // Beyond 5 seconds before the kill: what was autosaved must come back.
    step_for(&mut h, Duration::from_millis(5200), || false);
    println!("READY");
    // A last edit just before the kill: it may be lost, and nothing else may be.
    label_next_sentence(&mut h, Key::Num5);
    loop {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn recovery_after_the_window_is_killed() {
    let dir = std::env::temp_dir().join(format!("claimlens-recovery-{}-{}", std::process::id(), fastrand::u32(..)));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sample.claimlens.ron");
    std::fs::copy(claimlens::ui::sample_path(), &path).unwrap();
    let original = store::load(&path).unwrap().project;

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "recovery_child", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, &path)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut autosaved: Option<Vec<String>> = None;
    let mut line = String::new();
    let deadline = Instant::now() + Duration::from_mins(2);
    loop {
        line.clear();
        assert!(out.read_line(&mut line).unwrap() > 0, "the child ended before it was ready (see its output above)");
        // libtest may have printed "test recovery_child ... " on the same line.
        if let Some((_, rest)) = line.trim().split_once("AUTOSAVED ") {
            let (ms, ids) = rest.split_once(' ').unwrap_or(("?", ""));
            eprintln!("the window autosaved {ms} ms after the last edit");
            autosaved = Some(ids.split(',').map(str::to_owned).collect());
        }
        if line.trim().ends_with("READY") {
            break;
        }
        assert!(Instant::now() < deadline, "the child took too long");
    }
    // Let the last edit happen, then kill the window with SIGKILL.
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap();
    child.wait().unwrap();
    let autosaved = autosaved.expect("the child reported its autosave");
    assert_eq!(autosaved.len(), original.documents[0].annotations.len() + 2, "two annotations were added");
    assert_eq!(store::load(&path).unwrap().project, original, "the project file itself is untouched");

    // Start again on the same file: the recovery is offered, and restoring brings the edits back.
    let mut h = harness(&path);
    h.get_by_label("Recover unsaved work?");
    h.get_by_label("Restore").click();
    h.run();
    assert!(h.query_by_label("Recover unsaved work?").is_none());
    let doc = h.state().session.document().unwrap();
    let ids: Vec<String> = doc.annotations.iter().map(|a| a.id.to_string()).collect();
    for id in &autosaved {
        assert!(ids.contains(id), "annotation {id} was recovered");
    }
    assert!(h.state().session.is_dirty(), "recovered work is unsaved until saved");
    // Saving keeps it and removes the recovery file.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!store::recovery_path(&path).exists());
    let saved = store::load(&path).unwrap().project;
    assert_eq!(saved.documents[0].annotations.len(), autosaved.len());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A project never saved autosaves to the app's own folder; after a crash, the next start
/// offers it back (as an untitled project) whatever file the window opens.
#[test]
fn unsaved_work_on_an_untitled_project_is_offered_at_the_next_start() {
    let dir = std::env::temp_dir().join(format!("claimlens-untitled-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let untitled = dir.join("untitled.claimlens.ron");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.claimlens.ron");
    let mut lost = store::load(&sample).unwrap().project;
    lost.title = "Notes never saved".into();
    lost.documents[0].claims[0].verdict = claimlens::model::Verdict::Disputed;
    store::write_recovery(&untitled, &lost).unwrap();

    let start = |untitled: &Path| {
        let mut app = ClaimlensApp::new(settings());
        app.untitled_recovery = Some(untitled.to_owned());
        app.open_at_start(&sample);
        app.offer_untitled_recovery();
        let mut h = window(app);
        h.run();
        h
    };
    let mut h = start(&untitled);
    h.get_by_label("Recover unsaved work?");
    h.get_by_label_contains("a project that was never saved");
    h.get_by_label("Restore").click();
    h.run();
    assert!(h.query_by_label("Recover unsaved work?").is_none());
    assert!(h.state().session.project == lost, "the untitled work is back");
    assert_eq!(h.state().session.path, None, "still untitled: saving asks where");
    assert!(h.state().session.is_dirty());
    drop(h);

    // Discarding it deletes the autosave: the next start offers nothing.
    let mut h = start(&untitled);
    h.get_by_label("Discard recovered work").click();
    h.run();
    assert!(!store::recovery_path(&untitled).exists());
    assert_eq!(h.state().session.path.as_deref(), Some(sample.as_path()), "the opened file stays open");
    drop(h);
    let h = start(&untitled);
    assert!(h.query_by_label("Recover unsaved work?").is_none());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A project over 1 MB is autosaved on another thread (the window does not pause): the
/// recovery file still appears after the delay and holds the edit.
#[test]
fn a_large_project_is_autosaved_in_the_background() {
    let dir = std::env::temp_dir().join(format!("claimlens-large-autosave-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("large.claimlens.ron");
    let article =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/g7-dprk-troops-censor-net.txt")).unwrap();
    let text = vec![article.trim(); 400].join("\n\n");
    let project = claimlens::testdata::project_from_text(&text, 200, 10);
    store::save(&path, &project, None, store::Overwrite::Force).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > 1 << 20, "large enough to be opened and autosaved in the background");

    let mut app = ClaimlensApp::new(settings());
    app.open(&path);
    let mut h = window(app);
    let deadline = Instant::now() + Duration::from_mins(1);
    while h.state().session.path.is_none() {
        assert!(Instant::now() < deadline, "the project did not open");
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    h.run_steps(3);
    let before = h.state().session.document().unwrap().annotations.len();
    label_next_sentence(&mut h, Key::Num1);
    assert_eq!(h.state().session.document().unwrap().annotations.len(), before + 1);

    let recovery = store::recovery_path(&path);
    let deadline = Instant::now() + Duration::from_mins(1);
    while !recovery.exists() {
        assert!(Instant::now() < deadline, "no autosave");
        h.step();
        std::thread::sleep(Duration::from_millis(50));
    }
    // Let the thread finish writing, then read what it wrote.
    h.run_steps(5);
    std::thread::sleep(Duration::from_millis(300));
    h.run_steps(5);
    let found = store::find_recovery(&path).expect("offered");
    let recovered = store::load_recovery(&found).unwrap();
    assert_eq!(recovered.documents[0].annotations.len(), before + 1);
    let _ = std::fs::remove_dir_all(&dir);
}
