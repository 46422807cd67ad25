//! Keyboard order inside a form that is not modal (the claim editor): Tab and Shift+Tab move
//! through the form's own widgets in the order they are drawn and wrap around at its ends,
//! never out to the panels behind it; the focused widget gets a visible ring.
//!
//! egui moves focus to the next widget that registers after the focused one: the form records
//! its widgets each frame, and at the start of the next frame turns a Tab on its last widget
//! (or from outside it) into focus on its first, before egui would hand it on.

use super::theme;
use egui::{Id, Key, Response, Ui};

/// The widgets of a form, in keyboard order, as drawn in the last frame.
#[derive(Clone, Debug, Default)]
pub struct FocusCycle {
    order: Vec<(Id, bool)>,
    drawing: Vec<(Id, bool)>,
    opened: bool,
}

impl FocusCycle {
    /// Call before drawing the form: puts the keyboard in its first widget when it opens, and
    /// keeps Tab and Shift+Tab inside it.
    pub fn begin(&mut self, ui: &Ui) {
        self.drawing.clear();
        let (Some(&(first, _)), Some(&(last, _))) = (self.order.first(), self.order.last()) else { return };
        let focused = ui.memory(egui::Memory::focused);
        let inside = focused.is_some_and(|f| self.order.iter().any(|(id, _)| *id == f));
        let (tab, back) =
            ui.input(|i| (i.key_pressed(Key::Tab) && i.modifiers.is_none(), i.key_pressed(Key::Tab) && i.modifiers.shift_only()));
        let target = if !self.opened {
            self.opened = true;
            Some(first)
        } else if tab && (!inside || focused == Some(last)) {
            Some(first)
        } else if back && (!inside || focused == Some(first)) {
            Some(last)
        } else {
            None
        };
        if let Some(id) = target {
            ui.memory_mut(|m| {
                m.move_focus(egui::FocusDirection::None);
                m.request_focus(id);
            });
        }
    }

    /// Records a widget of the form (in drawing order) and rings it when it has the keyboard.
    /// `enter_saves`: Enter in it saves the form (a one-line field) rather than acting on it (a
    /// button opens, a note takes a new line).
    pub fn track(&mut self, ui: &Ui, response: &Response, enter_saves: bool) {
        self.drawing.push((response.id, enter_saves));
        if response.has_focus() {
            let stroke = egui::Stroke::new(2.0, theme::focus_ring(ui.visuals()));
            ui.painter().rect_stroke(response.rect.expand(2.0), 3.0, stroke, egui::StrokeKind::Outside);
        }
    }

    /// Call after drawing the form: whether Enter (pressed this frame) saves it, that is when the
    /// keyboard is in a one-line field of the form or nowhere, and no popup is open.
    pub fn end(&mut self, ui: &Ui) -> bool {
        self.order = std::mem::take(&mut self.drawing);
        let enter = ui.input(|i| i.modifiers.is_none() && i.key_pressed(Key::Enter));
        if !enter || egui::Popup::is_any_open(ui.ctx()) {
            return false;
        }
        match ui.memory(egui::Memory::focused) {
            None => true,
            Some(f) => self.order.iter().find(|(id, _)| *id == f).is_none_or(|(_, saves)| *saves),
        }
    }

    /// Closes the popup a choice was made in and puts the keyboard back on the list or menu
    /// that opened it (`response`), so that Tab goes on from where the person was.
    pub fn refocus(response: &Response) {
        egui::Popup::close_all(&response.ctx);
        response.request_focus();
    }
}
