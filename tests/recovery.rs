//! Recovery from a crash of the window: a real process runs the app (headless, through
//! `egui_kittest`), makes edits, waits for the autosave, and is killed with SIGKILL; the app
//! started again on the same file offers the recovery, and restoring gives back every edit
//! made more than 5 seconds before the kill.
//!
//! Also how the window starts: on a file (offering its own recovery only), or on an untitled
//! copy of the sample built into the binary (offering a never-saved project's autosave).
//!
//! The child is this test binary, re-invoked on the ignored test `recovery_child` with
//! `CLAIMLENS_RECOVERY_CHILD` naming the project file.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

#[path = "common/window.rs"]
mod window_harness;

use claimlens::store;
use claimlens::ui::settings::ThemeChoice;
use claimlens::ui::{ClaimlensApp, Clock};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use window_harness::{doc, harness, label_next_sentence, settings, temp_dir, window};

const CHILD_ENV: &str = "CLAIMLENS_RECOVERY_CHILD";

/// The app on `path` with a stepped clock, run once.
fn harness_on(path: &Path, clock: &Clock) -> Harness<'static, ClaimlensApp> {
    let mut app = ClaimlensApp::new(settings(ThemeChoice::System));
    app.clock = clock.clone();
    app.open_project(path);
    let mut h = window(app);
    h.run();
    h
}

/// Steps the window, moving its clock 50 ms a frame, until `done` or `limit` (clock time).
fn step_for(h: &mut Harness<'_, ClaimlensApp>, clock: &Clock, limit: Duration, done: impl Fn() -> bool) -> Duration {
    let start = clock.now();
    while clock.now().saturating_sub(start) < limit && !done() {
        clock.advance(Duration::from_millis(50));
        h.step();
    }
    clock.now().saturating_sub(start)
}

/// The child: edits, waits for the autosave, reports, then edits once more and hangs until killed.
#[test]
#[ignore = "run by recovery_after_the_window_is_killed in a child process"]
fn recovery_child() {
    let Some(path) = std::env::var_os(CHILD_ENV).map(PathBuf::from) else { return };
    let clock = Clock::stepped();
    let mut h = harness_on(&path, &clock);
    label_next_sentence(&mut h, Key::Num4);
    label_next_sentence(&mut h, Key::Num2);
    let recovery = store::recovery_path(&path);
    let waited = step_for(&mut h, &clock, Duration::from_secs(10), || recovery.exists());
    assert!(recovery.exists(), "no autosave within {waited:?}");
    assert!(waited < Duration::from_secs(5), "the autosave took {waited:?}");
    let anns: Vec<String> = h.state().session.document().unwrap().annotations.iter().map(|a| a.id.to_string()).collect();
    println!("AUTOSAVED {} {}", waited.as_millis(), anns.join(","));
    // Beyond 5 seconds before the kill: what was autosaved must come back.
    step_for(&mut h, &clock, Duration::from_millis(5200), || false);
    println!("READY");
    // A last edit just before the kill: it may be lost, and nothing else may be.
    label_next_sentence(&mut h, Key::Num5);
    // Keep the window running (in real time: this is a real process) until it is killed.
    loop {
        clock.advance(Duration::from_millis(20));
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn recovery_after_the_window_is_killed() {
    let dir = temp_dir("recovery");
    let path = dir.join("sample.claimlens.ron");
    std::fs::write(&path, claimlens::ui::SAMPLE_PROJECT).unwrap();
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
    let mut h = harness_on(&path, &Clock::stepped());
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

/// The autosave of a never-saved project in a fresh temporary folder, as a crash leaves it.
fn lost_untitled_work(name: &str) -> (PathBuf, PathBuf, claimlens::model::Project) {
    let dir = temp_dir(name);
    let untitled = dir.join("untitled.claimlens.ron");
    let (mut lost, _) = store::from_ron(claimlens::ui::SAMPLE_PROJECT, Path::new("sample")).unwrap();
    lost.title = "Notes never saved".into();
    lost.documents[0].claims[0].verdict = claimlens::model::Verdict::Disputed;
    store::write_recovery(&untitled, &lost).unwrap();
    (dir, untitled, lost)
}

/// A project never saved autosaves to the app's own folder; after a crash, the next start on
/// no file offers it back (as an untitled project); discarding it deletes it.
#[test]
fn unsaved_work_on_an_untitled_project_is_offered_at_the_next_start() {
    let (dir, untitled, lost) = lost_untitled_work("untitled");
    let start = |untitled: &Path| {
        let mut h = window(ClaimlensApp::start(settings(ThemeChoice::System), None, Some(untitled.to_owned())));
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
    assert_eq!(h.state().session.path, None, "the sample stays open");
    drop(h);
    let h = start(&untitled);
    assert!(h.query_by_label("Recover unsaved work?").is_none());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Starting on a given file offers that file's recovery only; an unrelated never-saved
/// project's autosave waits for File → Recover….
#[test]
fn opening_a_file_offers_no_unrelated_recovery_and_file_recover_does() {
    let (dir, untitled, lost) = lost_untitled_work("unrelated");
    let path = dir.join("other.claimlens.ron");
    std::fs::write(&path, claimlens::ui::SAMPLE_PROJECT).unwrap();
    let mut h = window(ClaimlensApp::start(settings(ThemeChoice::System), Some(&path), Some(untitled.clone())));
    h.run();
    assert!(h.query_by_label("Recover unsaved work?").is_none(), "nothing is offered for other.claimlens.ron");
    assert_eq!(h.state().session.path.as_deref(), Some(path.as_path()));

    window_harness::file_menu_item(&mut h, "Recover…");
    h.get_by_label_contains("a project that was never saved");
    h.get_by_label("Restore").click();
    h.run();
    assert!(h.state().session.project == lost, "the untitled work is back");
    assert_eq!(h.state().session.path, None);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Discarding unsaved changes (Save changes? → Discard) removes their recovery file: opening
/// the file again offers nothing back.
#[test]
fn discarded_changes_are_not_offered_back() {
    let dir = temp_dir("discard");
    let (first, second) = (dir.join("first.claimlens.ron"), dir.join("second.claimlens.ron"));
    std::fs::write(&first, claimlens::ui::SAMPLE_PROJECT).unwrap();
    std::fs::write(&second, claimlens::ui::SAMPLE_PROJECT).unwrap();
    let clock = Clock::stepped();
    let mut h = harness_on(&first, &clock);
    label_next_sentence(&mut h, Key::Num4);
    let recovery = store::recovery_path(&first);
    step_for(&mut h, &clock, Duration::from_secs(5), || recovery.exists());
    assert!(recovery.exists(), "the change was autosaved");

    window_harness::file_menu_item(&mut h, "Open…");
    h.get_by_label("Save changes?");
    h.get_by_label("Discard").click();
    h.run();
    window_harness::answer_path(&mut h, &second, "Open");
    h.run();
    assert_eq!(h.state().session.path.as_deref(), Some(second.as_path()));
    assert!(!recovery.exists(), "the discarded work's recovery file is gone");

    window_harness::file_menu_with_path(&mut h, "Open…", &first, "Open");
    h.run();
    assert!(h.query_by_label("Recover unsaved work?").is_none(), "discarded work is not offered back");
    assert_eq!(h.state().session.path.as_deref(), Some(first.as_path()));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A minimised window runs only `App::logic` (eframe calls no `ui()` while it is hidden):
/// the autosave still happens once the delay has passed.
#[test]
fn a_minimised_window_still_autosaves() {
    let path = window_harness::sample_copy("minimised");
    let dir = path.parent().unwrap().to_owned();
    let clock = Clock::stepped();
    let mut h = harness_on(&path, &clock);
    label_next_sentence(&mut h, Key::Num4);
    assert!(h.state().session.is_dirty());

    // Minimised: eframe runs the logic alone, through `Context::run_logic`.
    let ctx = h.ctx.clone();
    let mut hidden = egui::RawInput::default();
    hidden
        .viewports
        .insert(egui::ViewportId::ROOT, egui::ViewportInfo { minimized: Some(true), focused: Some(false), ..Default::default() });
    let recovery = store::recovery_path(&path);
    let mut logic_runs = 0;
    while !recovery.exists() && logic_runs < 100 {
        clock.advance(Duration::from_millis(100));
        // As the harness's frames do: the autosave's thread has written before the next run.
        h.state().wait_for_background();
        let _output = ctx.run_logic(&hidden, |ctx| h.state_mut().logic(ctx));
        logic_runs += 1;
    }
    assert!(recovery.exists(), "no autosave while minimised");
    let found = store::find_recovery(&path).expect("offered");
    let recovered = store::load_recovery(&found).unwrap();
    assert_eq!(recovered.documents[0].annotations, h.state().session.document().unwrap().annotations);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A project over 1 MB is autosaved on another thread (the window does not pause): the
/// recovery file still appears after the delay and holds the edit.
#[test]
fn a_large_project_is_autosaved_in_the_background() {
    let dir = temp_dir("large-autosave");
    let path = dir.join("large.claimlens.ron");
    let article = include_str!("../assets/g7-dprk-troops-censor-net.txt");
    let text = vec![article.trim(); 400].join("\n\n");
    let project = claimlens::testdata::project_from_text(&text, 200, 10);
    store::save(&path, &project, None, store::Overwrite::Force).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > 1 << 20, "large enough to be opened and autosaved in the background");

    let clock = Clock::stepped();
    let mut app = ClaimlensApp::new(settings(ThemeChoice::System));
    app.clock = clock.clone();
    app.open(&path);
    assert!(app.is_busy(), "opened on another thread");
    let mut h = window(app);
    // The open runs on a real thread: step until it is done (bounded by a real deadline).
    let deadline = Instant::now() + Duration::from_mins(1);
    while h.state().session.path.is_none() {
        assert!(Instant::now() < deadline, "the project did not open");
        h.step();
        std::thread::yield_now();
    }
    h.run_steps(3);
    let before = h.state().session.document().unwrap().annotations.len();
    label_next_sentence(&mut h, Key::Num1);
    assert_eq!(h.state().session.document().unwrap().annotations.len(), before + 1);

    let recovery = store::recovery_path(&path);
    h.step();
    assert!(!recovery.exists(), "not before the delay");
    clock.advance(Duration::from_secs(3));
    h.step();
    assert!(h.state().is_autosaving(), "the autosave runs on another thread");
    let deadline = Instant::now() + Duration::from_mins(1);
    while h.state().is_autosaving() {
        assert!(Instant::now() < deadline, "the autosave did not finish");
        h.step();
        std::thread::yield_now();
    }
    let found = store::find_recovery(&path).expect("offered");
    let recovered = store::load_recovery(&found).unwrap();
    assert_eq!(recovered.documents[0].annotations.len(), before + 1);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The window as `claimlens` with no file starts it: on an untitled copy of the sample built
/// into the binary. Saving asks for a path; autosave goes to the untitled recovery, never
/// into the source tree.
#[test]
fn with_no_file_the_window_opens_an_untitled_copy_of_the_sample() {
    let dir = temp_dir("start-sample");
    let untitled = dir.join("untitled.claimlens.ron");
    let clock = Clock::stepped();
    let mut app = ClaimlensApp::start(settings(ThemeChoice::Light), None, Some(untitled.clone()));
    app.clock = clock.clone();
    let mut h = harness(app);
    let (sample, _) = store::from_ron(claimlens::ui::SAMPLE_PROJECT, Path::new("sample")).unwrap();
    assert_eq!(h.state().session.path, None, "the sample is opened as an untitled copy");
    assert_eq!(doc(&h).claims, sample.documents[0].claims, "the sample's claims are there");
    let n = doc(&h).claims.len();
    h.get_by_label(&format!("{n} of {n} claims"));
    assert!(h.state().title().starts_with("Sample — save to keep your changes"), "{}", h.state().title());
    assert!(h.get_all_by_label_contains("Sample — save to keep your changes").count() >= 1, "the status bar says so");

    // An edit autosaves to the untitled recovery, two seconds (of the clock) later.
    label_next_sentence(&mut h, Key::Num4);
    clock.advance(Duration::from_secs(3));
    h.run();
    assert!(store::recovery_path(&untitled).exists(), "autosaved to the untitled recovery");
    let in_assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.claimlens.ron.recovery");
    assert!(!in_assets.exists(), "nothing is written into assets/");

    // Ctrl+S asks where to save.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Save Project As");
    assert_eq!(h.state().session.path, None);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The child of `the_sample_opens_with_any_working_directory`: the app started exactly as
/// `ui::run` starts it, in whatever folder the process runs.
#[test]
#[ignore = "run by the_sample_opens_with_any_working_directory in a child process"]
fn start_in_the_working_directory() {
    if std::env::var_os("CLAIMLENS_START_CHILD").is_none() {
        return;
    }
    let app = ClaimlensApp::start(claimlens::ui::Settings::default(), None, None);
    assert!(app.dialogs.open.is_empty(), "no error: {}", app.status);
    let claims = app.session.document().map_or(0, |d| d.claims.len());
    println!("SAMPLE {claims} claims, path {:?}", app.session.path);
}

/// The sample needs no source tree: started in an empty folder, the app opens it.
#[test]
fn the_sample_opens_with_any_working_directory() {
    let dir = temp_dir("cwd");
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "start_in_the_working_directory", "--ignored", "--nocapture", "--test-threads=1"])
        .env("CLAIMLENS_START_CHILD", "1")
        .current_dir(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let (sample, _) = store::from_ron(claimlens::ui::SAMPLE_PROJECT, Path::new("sample")).unwrap();
    let expected = format!("SAMPLE {} claims, path None", sample.documents[0].claims.len());
    assert!(stdout.contains(&expected), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}
