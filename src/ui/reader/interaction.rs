//! The pointer over the painted paragraphs: which char is where, selecting by drag and
//! double-click, clicks, hover and copy.

use super::ReaderOutput;
use super::ReaderState;
use super::layout::Paragraphs;
use crate::anchor::CharRange;
use crate::model::Document;
use egui::text::CCursor;
use egui::{Galley, Pos2, Rect, Ui};
use std::sync::Arc;

/// A paragraph painted this frame.
#[derive(Clone)]
pub(super) struct Placed {
    pub(super) p: usize,
    pub(super) pos: Pos2,
    pub(super) galley: Arc<Galley>,
}

impl Placed {
    pub(super) fn rect(&self) -> Rect {
        Rect::from_min_size(self.pos, self.galley.size())
    }
}

/// The document char nearest to `pos` among the painted paragraphs.
pub(super) fn char_at(placed: &[Placed], paragraphs: &Paragraphs, pos: Pos2) -> Option<usize> {
    let first = placed.first()?;
    let hit = placed.iter().find(|pl| pos.y < pl.rect().bottom()).unwrap_or_else(|| placed.last().unwrap_or(first));
    if pos.y < first.pos.y {
        return Some(paragraphs.start(first.p));
    }
    let c = hit.galley.cursor_from_pos(pos - hit.pos);
    Some(paragraphs.start(hit.p) + usize::from(c.index))
}

/// Where char `c` is on screen (a zero-width rect), if its paragraph is painted.
pub(super) fn screen_rect_of(placed: &[Placed], paragraphs: &Paragraphs, c: usize) -> Option<Rect> {
    let p = paragraphs.of(c);
    let pl = placed.iter().find(|pl| pl.p == p)?;
    let local = c.saturating_sub(paragraphs.start(p)).min(paragraphs.chars(p));
    Some(pl.galley.pos_from_cursor(CCursor::new(local)).translate(pl.pos.to_vec2()))
}

/// The word around char `c` (for double-click).
pub(super) fn word_at(document: &Document, paragraphs: &Paragraphs, c: usize) -> Option<CharRange> {
    let p = paragraphs.of(c);
    let local = c.checked_sub(paragraphs.start(p))?;
    let word = crate::text::words::word_at(paragraphs.text(document, p), local)?;
    let first = paragraphs.start(p);
    Some(CharRange::new(first + word.start, first + word.end))
}

/// `range` grown to whole words at both ends, each end in its own paragraph (the project's word
/// rule, [`crate::text::snap_to_words`]); within one paragraph, without whitespace at its ends.
pub(super) fn snap_to_words(document: &Document, paragraphs: &Paragraphs, range: CharRange) -> CharRange {
    let snap = |c: usize| {
        let p = paragraphs.of(c);
        let first = paragraphs.start(p);
        let local = c.saturating_sub(first);
        let w = crate::text::snap_to_words(paragraphs.text(document, p), CharRange::new(local, local));
        (p, first, w)
    };
    let (p, first, start) = snap(range.start);
    let (q, _, end) = snap(range.end);
    let snapped = CharRange::new(first + start.start, (paragraphs.start(q) + end.end).max(first + start.start));
    if p == q {
        let local = CharRange::new(snapped.start - first, snapped.end.saturating_sub(first));
        if let Some(t) = crate::text::trim_whitespace(paragraphs.text(document, p), local) {
            return CharRange::new(first + t.start, first + t.end);
        }
    }
    snapped
}

/// Where a press at `anchor` dragged to `c` selects: whole words, or chars with Alt held.
fn dragged_selection(document: &Document, paragraphs: &Paragraphs, anchor: usize, c: usize, by_char: bool) -> Option<CharRange> {
    if c == anchor {
        return None;
    }
    let range = CharRange::new(anchor.min(c), anchor.max(c));
    Some(if by_char { range } else { snap_to_words(document, paragraphs, range) }).filter(|r| !r.is_empty())
}

pub(super) fn handle_pointer(
    ui: &Ui,
    response: &egui::Response,
    document: &Document,
    state: &mut ReaderState,
    placed: &[Placed],
    out: &mut ReaderOutput,
) {
    let paragraphs = &state.view.paragraphs;
    if response.is_pointer_button_down_on() {
        if state.view.drag_anchor.is_none() {
            state.view.drag_anchor =
                ui.input(|i| i.pointer.press_origin()).and_then(|pos| char_at(placed, &state.view.paragraphs, pos));
        }
        if response.dragged()
            && let (Some(anchor), Some(pos)) = (state.view.drag_anchor, response.interact_pointer_pos())
            && let Some(c) = char_at(placed, paragraphs, pos)
        {
            let by_char = ui.input(|i| i.modifiers.alt);
            state.selection = dragged_selection(document, paragraphs, anchor, c, by_char);
            state.selection_focus = state.selection.map(|s| if c < anchor { s.start } else { s.end });
        }
    }
    if response.double_clicked()
        && let Some(c) = response.interact_pointer_pos().and_then(|pos| char_at(placed, paragraphs, pos))
    {
        state.selection = word_at(document, paragraphs, c);
        state.selection_focus = None;
    } else if response.clicked() || (response.drag_stopped() && state.selection.is_none()) {
        let c = response.interact_pointer_pos().and_then(|pos| char_at(placed, paragraphs, pos));
        state.selection = None;
        out.clicked_char = c;
    }
    if response.secondary_clicked()
        && let Some(c) = response.interact_pointer_pos().and_then(|pos| char_at(placed, paragraphs, pos))
    {
        // A right-click outside the selection selects the word under it, as a desktop does.
        if !state.selection.is_some_and(|s| s.start <= c && c < s.end) {
            state.selection = word_at(document, paragraphs, c);
            state.selection_focus = None;
        }
        state.context_char = Some(c);
    }
    if !response.is_pointer_button_down_on() && !response.dragged() {
        state.view.drag_anchor = None;
    }
    if let Some(pos) = response.hover_pos()
        && let Some(pl) = placed.iter().find(|pl| pl.rect().contains(pos))
    {
        let c = usize::from(pl.galley.cursor_from_pos(pos - pl.pos).index);
        // Only over the glyphs, not the margin past the end of a line.
        let at = |i: usize| pl.galley.pos_from_cursor(CCursor::new(i)).translate(pl.pos.to_vec2());
        if c < paragraphs.chars(pl.p) && at(c).union(at(c + 1)).expand(2.0).contains(pos) {
            out.hovered_char = Some(paragraphs.start(pl.p) + c);
        }
    }
    if let Some(sel) = state.selection {
        let a = screen_rect_of(placed, paragraphs, sel.start);
        let b = screen_rect_of(placed, paragraphs, sel.end);
        out.selection_rect = match (a, b) {
            (Some(a), Some(b)) => Some(a.union(b)),
            (a, b) => a.or(b),
        };
        // Copy (Ctrl+C) when no other widget has the keyboard.
        let focus = ui.ctx().memory(egui::Memory::focused);
        if focus.is_none_or(|f| Some(f) == state.text_id) && ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)))
        {
            ui.ctx().copy_text(crate::anchor::slice_chars(&document.text, sel).to_owned());
        }
    }
}
