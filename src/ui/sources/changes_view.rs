//! What changed between two versions of an article, side by side: each changed paragraph as
//! it was (removed words struck through) beside what it is now (added words underlined).

use crate::ops::text_changes::{Piece, TextChanges};
use crate::ui::theme;
use egui::text::{LayoutJob, TextFormat};
use egui::{FontId, Stroke, Ui};

/// Shows the changed paragraphs in two columns, "Before" and "Now", scrolling when long.
pub fn changes_ui(ui: &mut Ui, changes: &TextChanges) {
    ui.columns(2, |cols| {
        if let [before, now] = cols {
            before.strong("Before");
            now.strong("Now");
        }
    });
    egui::ScrollArea::vertical().id_salt("changes-side-by-side").max_height(420.0).auto_shrink([false, true]).show(ui, |ui| {
        for row in &changes.rows {
            ui.columns(2, |cols| {
                if let [before, now] = cols {
                    // Ragged right, as the article reads (columns justify by default).
                    let ragged = egui::Layout::top_down(egui::Align::Min);
                    before.with_layout(ragged, |ui| side_ui(ui, &row.old, Side::Before));
                    now.with_layout(ragged, |ui| side_ui(ui, &row.new, Side::Now));
                }
            });
            ui.separator();
        }
    });
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Before,
    Now,
}

fn side_ui(ui: &mut Ui, pieces: &[Piece], side: Side) {
    if pieces.is_empty() {
        let missing = if side == Side::Before { "(new paragraph)" } else { "(paragraph removed)" };
        ui.weak(missing);
        return;
    }
    let visuals = ui.visuals().clone();
    let font = FontId::proportional(14.0);
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    for piece in pieces {
        let mut format = TextFormat { font_id: font.clone(), color: theme::ink(&visuals), ..TextFormat::default() };
        if piece.changed {
            match side {
                Side::Before => {
                    format.color = theme::diff_removed(&visuals);
                    format.strikethrough = Stroke::new(1.0, format.color);
                }
                Side::Now => {
                    format.color = theme::diff_added(&visuals);
                    format.underline = Stroke::new(1.5, format.color);
                }
            }
        }
        job.append(&piece.text, 0.0, format);
    }
    ui.label(job);
}
