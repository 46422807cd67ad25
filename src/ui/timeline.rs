//! The Timeline tab: claims and dated events in date order, of the shown document or of every
//! document (each row naming its document), by event date or by when each claim first appeared.

use super::actions::Action;
use super::claim_list::{Scope, SortBy};
use crate::analysis::timeline::{TimelineEntry, TimelineItem, by_event_date, by_first_appearance};
use crate::model::{Document, DocumentId, Project};
use egui::{RichText, Ui};

/// The timeline at one project revision, shown document, scope and order: computing it scans
/// the texts, so it is not redone every frame.
#[derive(Debug, Default)]
pub struct TimelineCache {
    /// Whose entries: the shown document's or every document's.
    pub scope: Scope,
    /// By event date, or by first appearance.
    pub first_appearance: bool,
    key: Option<(DocumentId, u64, Scope, bool)>,
    entries: Vec<(usize, TimelineEntry)>,
}

/// Shows the tab; clicking an entry shows it in its article.
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
    controls_ui(ui, project, cache);
    let shown = project.documents.iter().position(|d| d.id == document.id).unwrap_or_default();
    let all = cache.scope == Scope::AllDocuments && project.documents.len() > 1;
    let key = (document.id.clone(), revision, cache.scope, cache.first_appearance);
    if cache.key.as_ref() != Some(&key) {
        let docs: Vec<usize> = if all { (0..project.documents.len()).collect() } else { vec![shown] };
        cache.entries = if cache.first_appearance { by_first_appearance(project, &docs) } else { by_event_date(project, &docs) };
        cache.key = Some(key);
    }
    if cache.entries.is_empty() {
        let empty = if cache.first_appearance {
            "No claim with a date yet: give the documents their publication date (Document Details)."
        } else {
            "No dated claims or Date annotations yet. Give claims an event date, or accept date suggestions."
        };
        ui.label(RichText::new(empty).weak());
        return;
    }
    egui::ScrollArea::vertical().id_salt("timeline-list").auto_shrink([false, false]).show(ui, |ui| {
        for (doc, e) in &cache.entries {
            entry_ui(ui, project, (*doc, shown, all), e, actions);
        }
    });
}

/// Whose entries, and in which order.
fn controls_ui(ui: &mut Ui, project: &Project, cache: &mut TimelineCache) {
    ui.horizontal_wrapped(|ui| {
        if project.documents.len() > 1 {
            ui.selectable_value(&mut cache.scope, Scope::ThisDocument, "This document");
            ui.selectable_value(&mut cache.scope, Scope::AllDocuments, "All documents")
                .on_hover_text("The claims and dates of every document of the project together");
            ui.separator();
        }
        ui.selectable_value(&mut cache.first_appearance, false, SortBy::EventDate.label())
            .on_hover_text("When what each claim speaks of happened");
        ui.selectable_value(&mut cache.first_appearance, true, SortBy::FirstAppearance.label())
            .on_hover_text("When each claim first appeared: where its story starts, else its document's date");
    });
    ui.separator();
}

/// One entry: its date, its text (a button that shows it in its article), its document.
fn entry_ui(
    ui: &mut Ui,
    project: &Project,
    (doc, shown, all): (usize, usize, bool),
    e: &TimelineEntry,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_top(|ui| {
        ui.label(RichText::new(&e.date_text).monospace());
        ui.vertical(|ui| {
            let text = match e.item {
                TimelineItem::Claim(_) => RichText::new(&e.label),
                TimelineItem::Date => RichText::new(&e.label).weak(),
            };
            // The entry wraps to the panel's width: a long claim never widens the panel.
            let entry = egui::Button::selectable(false, text).wrap_mode(egui::TextWrapMode::Wrap);
            if ui.add(entry).on_hover_text("Show in the article").clicked() {
                if doc != shown {
                    actions.push(Action::SwitchDocument(doc));
                }
                actions.push(Action::SelectAnnotation(e.annotation.clone()));
            }
            if all && let Some(d) = project.documents.get(doc) {
                let title = if d.title.is_empty() { "Untitled".to_owned() } else { crate::formats::text::shorten(&d.title, 60) };
                ui.label(RichText::new(format!("in {title}")).small().color(super::theme::weak(ui.visuals())));
            }
        });
    });
    ui.add_space(4.0);
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
