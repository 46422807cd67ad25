//! The Timeline tab: claims and dated events of the shown document in date order.

use super::actions::Action;
use crate::analysis::timeline::{TimelineEntry, TimelineItem, timeline};
use crate::model::{Document, DocumentId, Project};
use egui::{RichText, Ui};

/// The timeline of one document at one project revision: computing it scans the whole text, so
/// it is not redone every frame.
#[derive(Debug, Default)]
pub struct TimelineCache {
    key: Option<(DocumentId, u64)>,
    entries: Vec<TimelineEntry>,
}

/// Shows the tab; clicking an entry scrolls the article to it.
pub fn timeline_ui(
    ui: &mut Ui,
    project: &Project,
    document: Option<&Document>,
    revision: u64,
    cache: &mut TimelineCache,
    actions: &mut Vec<Action>,
) {
    let Some(document) = document else {
        ui.label("No document.");
        return;
    };
    edited_mark_ui(ui, document);
    let key = (document.id.clone(), revision);
    if cache.key.as_ref() != Some(&key) {
        cache.entries = timeline(project, document);
        cache.key = Some(key);
    }
    let entries = &cache.entries;
    if entries.is_empty() {
        ui.label(
            RichText::new("No dated claims or Date annotations yet. Give claims an event date, or accept date suggestions.")
                .weak(),
        );
        return;
    }
    egui::ScrollArea::vertical().id_salt("timeline-list").auto_shrink([false, false]).show(ui, |ui| {
        for e in entries {
            ui.horizontal_top(|ui| {
                ui.label(RichText::new(&e.date_text).monospace());
                let text = match e.item {
                    TimelineItem::Claim(_) => RichText::new(&e.label),
                    TimelineItem::Date => RichText::new(&e.label).weak(),
                };
                // The entry wraps to the panel's width: a long claim never widens the panel.
                let entry = egui::Button::selectable(false, text).wrap_mode(egui::TextWrapMode::Wrap);
                if ui.add(entry).on_hover_text("Show in the article").clicked() {
                    actions.push(Action::SelectAnnotation(e.annotation.clone()));
                }
            });
            ui.add_space(4.0);
        }
    });
}

/// "Edited after publication": the article was found changed since it was first read (Check
/// for Changes kept its earlier versions), with when each earlier version was read.
fn edited_mark_ui(ui: &mut Ui, document: &Document) {
    let Some(origin) = document.origin.as_ref().filter(|o| o.was_edited()) else { return };
    let when = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map_or_else(|| "an unknown time".to_owned(), |t| t.format("%Y-%m-%d %H:%M UTC").to_string())
    };
    let versions = origin.versions.len();
    let plural = if versions == 1 { "" } else { "s" };
    ui.label(RichText::new("Edited after publication").strong().color(crate::ui::theme::error(ui.visuals())));
    for v in &origin.versions {
        ui.label(RichText::new(format!("version read {} · replaced {}", when(v.retrieved), when(Some(v.replaced)))).weak());
    }
    ui.label(RichText::new(format!("{versions} earlier version{plural} kept; this one read {}", when(origin.retrieved))).weak());
    ui.separator();
}
