//! The window never waits on a file: opening, saving and exporting a small project run on
//! another thread too (the call starts a job and returns; a later frame's logic finishes it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::disallowed_methods)]

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
