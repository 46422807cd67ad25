//! The Timeline tab: claims and dated events of the shown document in date order.

use super::actions::Action;
use crate::analysis::timeline::{TimelineItem, timeline};
use crate::model::{Document, Project};
use egui::{RichText, Ui};

/// Shows the tab; clicking an entry scrolls the article to it.
pub fn timeline_ui(ui: &mut Ui, project: &Project, document: Option<&Document>, actions: &mut Vec<Action>) {
    let Some(document) = document else {
        ui.label("No document.");
        return;
    };
    let entries = timeline(project, document);
    if entries.is_empty() {
        ui.label(
            RichText::new("No dated claims or Date annotations yet. Give claims an event date, or accept date suggestions.")
                .weak(),
        );
        return;
    }
    egui::ScrollArea::vertical().id_salt("timeline-list").auto_shrink([false, false]).show(ui, |ui| {
        egui::Grid::new("timeline").num_columns(2).striped(true).spacing([10.0, 6.0]).show(ui, |ui| {
            for e in entries {
                ui.label(RichText::new(&e.date_text).monospace());
                let text = match e.item {
                    TimelineItem::Claim(_) => RichText::new(&e.label),
                    TimelineItem::Date => RichText::new(&e.label).weak(),
                };
                if ui.selectable_label(false, text).on_hover_text("Show in the article").clicked() {
                    actions.push(Action::SelectAnnotation(e.annotation.clone()));
                }
                ui.end_row();
            }
        });
    });
}
