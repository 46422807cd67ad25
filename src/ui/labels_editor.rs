//! The labels editor (Edit → Labels…): rename a label, change its colour and hotkey, saved as
//! one undoable [`Edit::UpdateLabel`]. Behaviour hangs on a label's role, so renaming "Claim"
//! to "Assertion" keeps it the label claims are made with.

use super::actions::Action;
use crate::edit::Edit;
use crate::model::{LabelDef, Project, Rgb};
use egui::Ui;

/// The editor's state: the label being edited, under its name as it was.
#[derive(Debug, Default, Clone)]
pub struct LabelsEditor {
    /// The label's name before editing, and the label as edited.
    pub editing: Option<(String, LabelDef)>,
    /// Why the last save was refused (a duplicate name or hotkey).
    pub error: Option<String>,
}

/// Shows the editor in a window; returns whether it stays open.
pub fn labels_editor_window(
    ctx: &egui::Context,
    project: &Project,
    editor: &mut LabelsEditor,
    actions: &mut Vec<Action>,
) -> bool {
    let mut open = true;
    let mut close = false;
    egui::Window::new("Labels").collapsible(false).resizable(true).default_width(360.0).open(&mut open).show(ctx, |ui| {
        close = labels_editor_ui(ui, project, editor, actions);
    });
    open && !close
}

fn labels_editor_ui(ui: &mut Ui, project: &Project, editor: &mut LabelsEditor, actions: &mut Vec<Action>) -> bool {
    ui.horizontal_wrapped(|ui| {
        for label in &project.labels {
            let current = editor.editing.as_ref().is_some_and(|(name, _)| name == &label.name);
            if ui.selectable_label(current, &label.name).on_hover_text(&label.description).clicked() {
                editor.editing = Some((label.name.clone(), label.clone()));
                editor.error = None;
            }
        }
    });
    ui.separator();
    let mut save = false;
    if let Some((_, draft)) = editor.editing.as_mut() {
        egui::Grid::new("label-editor-grid").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            let l = ui.label("Label name");
            ui.text_edit_singleline(&mut draft.name).labelled_by(l.id);
            ui.end_row();
            let l = ui.label("Colour");
            let mut rgb = [draft.color.0, draft.color.1, draft.color.2];
            ui.color_edit_button_srgb(&mut rgb).labelled_by(l.id);
            draft.color = Rgb(rgb[0], rgb[1], rgb[2]);
            ui.end_row();
            let l = ui.label("Hotkey");
            let shown = draft.hotkey.map_or_else(|| "none".to_owned(), |k| k.to_string());
            egui::ComboBox::from_id_salt("label-hotkey")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut draft.hotkey, None, "none");
                    for k in 1..=9u8 {
                        ui.selectable_value(&mut draft.hotkey, Some(k), k.to_string());
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
        });
        save = ui.button("Save label").clicked();
    } else {
        ui.label("Pick a label to edit it.");
    }
    if let Some(e) = &editor.error {
        ui.colored_label(super::theme::error(ui.visuals()), e);
    }
    if save && let Some((name, draft)) = editor.editing.clone() {
        match save_edit(project, &name, draft) {
            Ok(Some((edit, saved))) => {
                editor.editing = Some((saved.name.clone(), saved));
                actions.push(Action::Apply(Box::new(edit)));
                editor.error = None;
            }
            Ok(None) => editor.error = None,
            Err(e) => editor.error = Some(e),
        }
    }
    ui.button("Close labels").clicked()
}

/// The edit that saves `draft` over label `name` with the label it saves, `None` when nothing
/// changed; refused with a message when the name is empty or taken by another label.
fn save_edit(project: &Project, name: &str, mut draft: LabelDef) -> Result<Option<(Edit, LabelDef)>, String> {
    draft.name = draft.name.trim().to_owned();
    if draft.name.is_empty() {
        return Err("A label needs a name".into());
    }
    if draft.name != name && project.label(&draft.name).is_some() {
        return Err(format!("There is already a label called {:?}", draft.name));
    }
    if project.label(name) == Some(&draft) {
        return Ok(None);
    }
    Ok(Some((Edit::UpdateLabel(name.to_owned(), draft.clone()), draft)))
}
