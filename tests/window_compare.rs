//! File → Compare With… as a person uses it: two `PolNeAR` annotators' projects of the same four
//! articles; open mine, compare with theirs, read the agreement table, settle differences one
//! at a time and for a whole kind, undo one, export the table, save, and find in the file
//! what was settled.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::disallowed_methods)]

#[path = "common/window.rs"]
mod common;
#[path = "common/polnear.rs"]
mod polnear;

use claimlens::ops::adjudicate::{DifferenceKind, differences};
use claimlens::store::{self, Overwrite};
use common::{app_on, file_menu_with_path, harness, temp_dir};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

fn save(project: &claimlens::model::Project, path: &std::path::Path) {
    store::save(path, project, None, Overwrite::Force).unwrap();
}

fn count_of(h: &egui_kittest::Harness<'_, claimlens::ui::ClaimlensApp>, kind: DifferenceKind) -> usize {
    let app = h.state();
    let theirs = &app.view.compare.as_ref().expect("the comparison is open").theirs;
    differences(&app.session.project, theirs).items.iter().filter(|d| d.kind == kind).count()
}

#[test]
fn a_colleagues_file_is_compared_settled_and_saved() {
    let dir = temp_dir("compare");
    let (mine_path, theirs_path) = (dir.join("mine.claimlens.ron"), dir.join("theirs.claimlens.ron"));
    save(&polnear::project_of("4b22"), &mine_path);
    save(&polnear::project_of("4e07"), &theirs_path);
    let mut h = harness(app_on(&mine_path));

    file_menu_with_path(&mut h, "Compare With…", &theirs_path, "Compare");
    h.run();
    assert!(h.query_by_label_contains("Compare with theirs.claimlens.ron").is_some(), "the comparison window opens");
    assert!(h.query_by_label("Exact F1").is_some(), "the agreement table is on top");

    // One difference of their spans I do not have: take theirs.
    let only_theirs = count_of(&h, DifferenceKind::OnlyTheirs);
    assert!(only_theirs > 1);
    h.get_by_label_contains("Only theirs (").click();
    h.run();
    let first = {
        let app = h.state();
        let theirs = &app.view.compare.as_ref().unwrap().theirs;
        differences(&app.session.project, theirs).items.into_iter().find(|d| d.kind == DifferenceKind::OnlyTheirs).unwrap()
    };
    h.get_all_by_label("Show").next().unwrap().click();
    h.step();
    let shown = h.state().view.reader.flashing().expect("the span glows in the article");
    assert_eq!(shown.start, first.ranges[0].start, "Show brings that span into view");
    // The glow fades over a few frames.
    h.run_steps(12);
    h.get_all_by_label("Take theirs").next().unwrap().click();
    h.run();
    assert_eq!(count_of(&h, DifferenceKind::OnlyTheirs), only_theirs - 1, "one of theirs is now mine too");
    let added = h.state().session.project.documents.iter().flat_map(|d| &d.annotations).filter(|a| a.author == "4e07").count();
    assert_eq!(added, 1, "their annotation keeps its author");

    // Undo takes it back; redo again.
    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::Z]);
    h.run();
    assert_eq!(count_of(&h, DifferenceKind::OnlyTheirs), only_theirs, "undo puts the difference back");
    h.key_combination_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, &[Key::Z]);
    h.run();
    assert_eq!(count_of(&h, DifferenceKind::OnlyTheirs), only_theirs - 1);

    // A whole kind at once: keep mine for every span only I marked (nothing changes, the list empties).
    let before = h.state().session.project.clone();
    h.get_by_label_contains("Only mine (").click();
    h.run();
    h.get_by_label("Keep mine for all").click();
    h.run();
    assert!(h.query_by_label_contains("Only mine (0)").is_some(), "settled as mine");
    assert_eq!(h.state().session.project, before, "keeping mine changes nothing");

    // Take theirs for every other label on the same span.
    h.get_by_label_contains("Same span, other label (").click();
    h.run();
    let relabels = count_of(&h, DifferenceKind::OtherLabel);
    assert!(relabels > 0);
    h.get_by_label("Take theirs for all").click();
    h.run();
    assert_eq!(count_of(&h, DifferenceKind::OtherLabel), 0);

    // The agreement table goes to a file.
    h.get_by_label("Export table as Markdown…").click();
    h.run();
    let table = dir.join("agreement.md");
    common::answer_path(&mut h, &table, "Export");
    h.run();
    let markdown = std::fs::read_to_string(&table).unwrap();
    assert!(markdown.contains("# Agreement of theirs.claimlens.ron with mine.claimlens.ron"), "{markdown}");
    assert!(markdown.contains("| Source |") && markdown.contains("| Cue |"), "a row per label");

    // Saved, the file holds what was settled.
    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::S]);
    h.run();
    let saved = store::load(&mine_path).unwrap().project;
    let theirs = store::load(&theirs_path).unwrap().project;
    let left = differences(&saved, &theirs);
    assert_eq!(left.items.iter().filter(|d| d.kind == DifferenceKind::OtherLabel).count(), 0, "relabels saved");
    assert_eq!(left.items.iter().filter(|d| d.kind == DifferenceKind::OnlyTheirs).count(), only_theirs - 1);
    assert!(h.state().session.history.undo_description().is_some_and(|d| d.starts_with("Take theirs")));
}

#[test]
fn merge_conflicts_open_by_themselves_and_are_settled_in_the_window() {
    use claimlens::ops::merge::{merge, settle::conflicts_in};
    let dir = temp_dir("conflicts");
    let sample = common::sample_copy("conflicts");
    let base = store::load(&sample).unwrap().project;
    // Two colleagues wrote different notes on the same annotation of the sample.
    let noted = |note: &str| {
        let mut p = base.clone();
        note.clone_into(&mut p.documents[0].annotations[0].note);
        p
    };
    let merged =
        merge(&base, &noted("checked against the ministry's site"), &noted("source is Ukrinform, not the ministry")).unwrap();
    assert_eq!(conflicts_in(&merged.project).len(), 1);
    let path = dir.join("merged.claimlens.ron");
    save(&merged.project, &path);

    let mut h = harness(app_on(&path));
    assert!(h.query_by_label("Merge Conflicts").is_some(), "the conflicts window opens by itself");
    let conflict = &conflicts_in(&merged.project)[0];
    assert!(h.query_by_label(&format!("Ours: {}", conflict.ours)).is_some(), "ours is shown");
    assert!(h.query_by_label(&format!("Theirs: {}", conflict.theirs)).is_some(), "theirs is shown");
    h.get_by_label("Keep theirs").click();
    h.run();
    let original = h.state().session.project.documents[0].annotations[0].clone();
    assert_eq!(original.note, "source is Ukrinform, not the ministry", "theirs is on the original");
    assert!(conflicts_in(&h.state().session.project).is_empty());
    assert!(h.query_by_label_contains("No merge conflicts").is_some());
    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::S]);
    h.run();
    let saved = store::load(&path).unwrap().project;
    assert!(conflicts_in(&saved).is_empty(), "the saved file has one version");
    assert_eq!(saved.documents[0].annotations[0].id, base.documents[0].annotations[0].id, "the original keeps its id");
}

#[test]
fn a_source_a_label_and_document_details_in_conflict_are_settled_in_the_window() {
    use claimlens::model::{ConflictOn, HeldConflict, LabelRole, Rgb};
    use claimlens::ops::merge::{merge, settle::conflicts_in};
    let dir = temp_dir("held-conflicts");
    let base = store::load(&common::sample_copy("held-conflicts")).unwrap().project;
    // Two colleagues renamed the same source, recoloured the Cue label and retitled the article.
    let changed = |source: &str, colour: Rgb, title: &str| {
        let mut p = base.clone();
        source.clone_into(&mut p.sources[0].name);
        p.labels.iter_mut().find(|l| l.role == Some(LabelRole::Cue)).unwrap().color = colour;
        title.clone_into(&mut p.documents[0].title);
        p
    };
    let ours = changed("G7 foreign ministers", Rgb(200, 0, 0), "G7 worried about DPRK troops");
    let theirs = changed("Ministers of the G7 and partners", Rgb(0, 0, 200), "G7 concerned about North Korean troops");
    let merged = merge(&base, &ours, &theirs).unwrap().project;
    assert_eq!(merged.conflicts.len(), 3);
    let path = dir.join("merged.claimlens.ron");
    save(&merged, &path);

    let mut h = harness(app_on(&path));
    assert!(h.query_by_label("Merge Conflicts").is_some(), "the conflicts window opens by itself");
    let cue = base.label_name_for(LabelRole::Cue).to_owned();
    let headings =
        [format!("Label {cue}"), "Source G7 foreign ministers".to_owned(), "Details of G7 worried about DPRK troops".to_owned()];
    for heading in &headings {
        assert!(h.query_by_label(heading).is_some(), "{heading} is listed");
    }
    for conflict in conflicts_in(&merged) {
        assert!(h.query_by_label(&format!("Ours: {}", conflict.ours)).is_some(), "ours is shown: {}", conflict.ours);
        assert!(h.query_by_label(&format!("Theirs: {}", conflict.theirs)).is_some(), "theirs is shown: {}", conflict.theirs);
    }
    assert!(h.query_by_label("Theirs: colour #0000c8").is_some(), "only what differs is shown");

    // The rows are the label, the source, the details: keep ours of the label…
    h.get_all_by_label("Keep ours").next().unwrap().click();
    h.run();
    assert!(h.query_by_label(&headings[0]).is_none(), "the label is settled");
    // …and theirs of the source, now the first row.
    h.get_all_by_label("Keep theirs").next().unwrap().click();
    h.run();
    assert!(h.query_by_label(&headings[1]).is_none(), "the source is settled");
    let source = base.sources[0].id.clone();
    assert_eq!(h.state().session.project.source(&source).unwrap().name, "Ministers of the G7 and partners");
    assert!(h.state().session.history.undo_description().is_some_and(|d| d.starts_with("Keep theirs")));
    assert!(h.query_by_label(&headings[2]).is_some(), "the details still wait");
    assert!(h.query_by_label_contains("1 item changed differently").is_some());

    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::S]);
    h.run();
    let saved = store::load(&path).unwrap().project;
    assert_eq!(saved.label(&cue).unwrap().color, Rgb(200, 0, 0), "ours of the label saved");
    assert_eq!(saved.source(&source).unwrap().name, "Ministers of the G7 and partners", "theirs of the source saved");
    assert_eq!(saved.documents[0].title, "G7 worried about DPRK troops");
    let details = ConflictOn::Details(saved.documents[0].id.clone());
    let Some(HeldConflict::Details(_, meta)) = saved.held_conflict(&details) else { panic!("the unsettled conflict is kept") };
    assert_eq!(meta.title, "G7 concerned about North Korean troops");
    assert_eq!(saved.conflicts.len(), 1);
}

#[test]
fn the_path_field_answers_on_enter() {
    let dir = temp_dir("compare-enter");
    let (mine_path, theirs_path) = (dir.join("mine.claimlens.ron"), dir.join("theirs.claimlens.ron"));
    save(&polnear::project_of("5fec"), &mine_path);
    save(&polnear::project_of("6b86"), &theirs_path);
    let mut h = harness(app_on(&mine_path));
    common::file_menu_item(&mut h, "Compare With…");
    h.get_by_label("Path").focus();
    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    h.get_by_label("Path").type_text(&theirs_path.display().to_string());
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().view.compare.is_some(), "Enter in the path field compares, as the Compare button does");
}
