//! The window never waits on a file: opening, saving and exporting a small project run on
//! another thread too (the call starts a job and returns; a later frame's logic finishes it).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::disallowed_methods,
    clippy::disallowed_types
)]

#[path = "common/window.rs"]
mod common;

use claimlens::formats::ExportFormat;
use claimlens::store;
use common::{app_on, sample_copy};

#[test]
fn a_small_project_is_saved_opened_and_exported_on_another_thread() {
    let path = sample_copy("background");
    let other = path.with_file_name("other.claimlens.ron");
    std::fs::copy(&path, &other).unwrap();
    let ctx = egui::Context::default();
    let mut app = app_on(&path);
    app.session.apply(claimlens::edit::Edit::SetTitle("G7 statement, checked".into())).unwrap();

    assert!(!app.save(), "save starts a job and returns at once");
    assert!(app.is_busy() && app.session.is_dirty(), "the save is not counted until it is done");
    app.wait_for_background();
    app.logic(&ctx);
    assert!(!app.is_busy() && !app.session.is_dirty(), "a later frame's logic finishes it");
    let saved = store::load(&path).unwrap().project;
    assert_eq!(saved.title, "G7 statement, checked", "the file has the change");

    app.open(&other);
    assert!(app.is_busy(), "opening is a job too");
    assert_eq!(app.session.path.as_deref(), Some(path.as_path()), "the project stays until it is read");
    app.wait_for_background();
    app.logic(&ctx);
    assert_eq!(app.session.path.as_deref(), Some(other.as_path()));

    let csv = path.with_file_name("claims.csv");
    app.export_to(ExportFormat::Csv, &csv);
    assert!(app.is_busy(), "exporting is a job too");
    app.wait_for_background();
    app.logic(&ctx);
    assert!(std::fs::read_to_string(&csv).unwrap().contains("claim_id"));
}

/// The small file work is done on other threads too: looking for unsaved work (File →
/// Recover…), reading it back (Restore) and removing it (Discard). Each click returns before
/// the file is touched; a later frame shows what it found.
#[test]
fn recovery_files_are_looked_for_read_and_removed_on_another_thread() {
    use egui_kittest::kittest::Queryable;
    let path = sample_copy("background-recovery");
    let ctx = egui::Context::default();
    let mut app = app_on(&path);
    let mut lost = app.session.project.clone();
    lost.title = "Work autosaved before a crash".into();
    // A recovery file newer than the project (as a crash leaves it).
    let a_minute_ago = std::time::SystemTime::now() - std::time::Duration::from_mins(1);
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(a_minute_ago).unwrap();
    store::write_recovery(&path, &lost).unwrap();

    app.run(claimlens::ui::commands::Command::Recover);
    assert!(app.is_working(), "File → Recover… looks for the recovery file on another thread");
    assert!(!app.status.contains("No unsaved work"), "nothing is said before the look is done");
    app.wait_for_background();
    app.logic(&ctx);
    assert!(!app.is_working());

    let mut h = common::harness(app);
    h.get_by_label("Recover unsaved work?");
    h.get_by_label("Restore").click();
    h.step();
    assert_ne!(h.state().session.project.title, lost.title, "the recovery file is read on another thread");
    assert!(h.state().is_working());
    h.run();
    assert_eq!(h.state().session.project.title, lost.title, "a later frame restores it");
    assert!(h.state().session.is_dirty());

    // Discarding: closing without saving removes the recovery file, on another thread too.
    h.state_mut().run(claimlens::ui::commands::Command::Close);
    h.run();
    h.get_by_label("Discard").click();
    h.step();
    assert!(h.state().is_working(), "the recovery file is removed on another thread");
    h.run();
    assert!(!store::recovery_path(&path).exists(), "and it is gone once that is done");
    assert!(!h.state().is_working());
}
