//! File → Merge Conflicts…: what a merge left to settle (theirs beside ours: a flagged copy of
//! an annotation, claim or relation; theirs' version of a label, source, document's details or
//! the title), each with Keep ours and Keep theirs (and Show, for what is in an article), each
//! one undoable step. Opens by itself when a project with conflicts is opened.

use super::actions::Action;
use super::theme;
use crate::model::{AnnotationId, ClaimId, Project};
use crate::ops::merge::settle::{ConflictCopy, CopyOf, Keep, conflicts_in, settle};
use egui::RichText;

/// Draws the window while `open`; settlements are pushed as changesets. `error` shows the last
/// settlement that could not be made.
pub fn conflicts_window(
    ctx: &egui::Context,
    project: &Project,
    open: &mut bool,
    error: &mut Option<String>,
    actions: &mut Vec<Action>,
) {
    let conflicts = conflicts_in(project);
    egui::Window::new("Merge Conflicts").resizable(true).default_width(560.0).open(open).show(ctx, |ui| {
        if conflicts.is_empty() {
            ui.label("No merge conflicts: every item has one version.");
            return;
        }
        let n = conflicts.len();
        ui.label(format!(
            "{n} item{} changed differently on both sides of a merge: ours is in place, theirs is kept beside it.",
            if n == 1 { "" } else { "s" }
        ));
        if let Some(e) = error.as_deref() {
            ui.colored_label(theme::error(ui.visuals()), e);
        }
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| {
            for conflict in &conflicts {
                conflict_row_ui(ui, project, conflict, error, actions);
                ui.separator();
            }
        });
    });
}

fn conflict_row_ui(
    ui: &mut egui::Ui,
    project: &Project,
    conflict: &ConflictCopy,
    error: &mut Option<String>,
    actions: &mut Vec<Action>,
) {
    let doc_index = project.documents.iter().position(|d| Some(&d.id) == conflict.doc.as_ref());
    let title = doc_index.and_then(|i| project.documents.get(i)).map_or("", |d| d.title.as_str());
    let heading = match conflict.kind {
        CopyOf::Annotation => format!("Annotation in {title}"),
        CopyOf::Claim => format!("Claim in {title}"),
        CopyOf::Relation => format!("Relation in {title}"),
        CopyOf::Label => format!("Label {}", conflict.original),
        CopyOf::Source => {
            let source = project.source(&crate::model::SourceId::from(conflict.original.as_str()));
            format!("Source {}", source.map_or(conflict.original.as_str(), |s| s.name.as_str()))
        }
        CopyOf::Details => format!("Details of {title}"),
        CopyOf::Title => "Project title".to_owned(),
    };
    ui.label(RichText::new(heading).strong());
    ui.label(format!("Ours: {}", conflict.ours));
    ui.label(format!("Theirs: {}", conflict.theirs));
    ui.horizontal(|ui| {
        if let Some(i) = doc_index
            && matches!(conflict.kind, CopyOf::Annotation | CopyOf::Claim | CopyOf::Details)
            && ui.button("Show").on_hover_text("Show it in the article").clicked()
        {
            actions.push(Action::SwitchDocument(i));
            match conflict.kind {
                CopyOf::Claim => actions.push(Action::SelectClaim(ClaimId::from(conflict.copy.as_str()))),
                CopyOf::Annotation => actions.push(Action::SelectAnnotation(AnnotationId::from(conflict.copy.as_str()))),
                _ => {}
            }
        }
        for (keep, words) in [(Keep::Ours, "Keep ours"), (Keep::Theirs, "Keep theirs")] {
            if ui.button(words).clicked() {
                match settle(project, conflict, keep) {
                    Ok(changeset) => {
                        *error = None;
                        actions.push(Action::ApplyChangeset(changeset));
                    }
                    Err(e) => *error = Some(format!("Could not settle: {e}")),
                }
            }
        }
    });
}
