//! File → Merge Conflicts…: what a merge left to settle (theirs as a flagged copy beside ours),
//! each with Show, Keep ours and Keep theirs, each one undoable step. Opens by itself when a
//! project with conflicts is opened.

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
            "{n} item{} changed differently on both sides of a merge: ours is in place, theirs is a copy beside it.",
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
    let doc_index = project.documents.iter().position(|d| d.id == conflict.doc);
    let title = doc_index.and_then(|i| project.documents.get(i)).map_or("", |d| d.title.as_str());
    let kind = match conflict.kind {
        CopyOf::Annotation => "Annotation",
        CopyOf::Claim => "Claim",
        CopyOf::Relation => "Relation",
    };
    ui.label(RichText::new(format!("{kind} in {title}")).strong());
    ui.label(format!("Ours: {}", conflict.ours));
    ui.label(format!("Theirs: {}", conflict.theirs));
    ui.horizontal(|ui| {
        if let Some(i) = doc_index
            && conflict.kind != CopyOf::Relation
            && ui.button("Show").on_hover_text("Show theirs in the article").clicked()
        {
            actions.push(Action::SwitchDocument(i));
            actions.push(match conflict.kind {
                CopyOf::Claim => Action::SelectClaim(ClaimId::from(conflict.copy.as_str())),
                _ => Action::SelectAnnotation(AnnotationId::from(conflict.copy.as_str())),
            });
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
