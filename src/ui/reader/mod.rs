//! The article view: the text with coloured highlights, selection, hover, click-to-select,
//! find matches and scrolling to an annotation.
//!
//! The text is laid out per paragraph (split at `\n`), and only the paragraphs in view are laid
//! out and painted: a frame costs the same on a 1 MB article as on a short one. Paragraphs not
//! yet measured at the current wrap width get an estimated height that settles once they are
//! measured; the view stays anchored on the paragraph at its top while heights above it settle,
//! so the text does not jump. Each paragraph's galley is cached by its highlights, the wrap
//! width, zoom and theme: a new highlight re-lays out only the paragraphs it touches, a resize
//! only the visible ones. Selection is the reader's own (press, drag, release over the painted
//! galleys) and may span paragraphs.

mod annotation_index;
mod context_menu;
mod interaction;
mod layout;
mod legend;
mod scroll;

use super::theme;
use crate::anchor::CharRange;
use crate::model::{AnnotationId, Document, Project};
use egui::text::CCursor;
use egui::{Align, FontId, Id, Pos2, Rect, Sense, Ui, Vec2};
use interaction::{Placed, handle_pointer};
use layout::{Dynamic, Paragraphs, Style, View, paragraph_galley};
use std::sync::Arc;

pub use context_menu::{TextMenu, TextMenuChoice, claim_at, text_menu_ui};
pub use legend::{LEGEND_HEADING, legend_row_text};

/// How long a flashed annotation glows after the view scrolls to it.
pub const FLASH_SECONDS: f32 = 1.6;

/// Galleys kept beyond those in view; past this, the ones not used in the last frames go.
const MAX_CACHED_GALLEYS: usize = 256;

/// Extra height laid out above and below the view, so that a paragraph is usually measured
/// before it scrolls in.
const OVERSCAN: f32 = 120.0;

/// What the reader shows besides the article itself.
#[derive(Debug, Default)]
pub struct ReaderState {
    /// The id of the article's text widget, once shown.
    pub text_id: Option<Id>,
    /// The selection (document char offsets; may span paragraphs).
    pub selection: Option<CharRange>,
    /// The selected annotation (outlined).
    pub selected: Option<AnnotationId>,
    /// Scroll to this range on the next frame.
    pub scroll_to: Option<CharRange>,
    /// The range that glows, and since when (egui input time; set when first painted).
    flash: Option<(CharRange, Option<f64>)>,
    /// Find matches (sorted), and which is current.
    pub find_matches: Vec<CharRange>,
    /// Index of the current match.
    pub find_current: usize,
    /// Set the selection to this on the next frame (the keyboard sentence cursor).
    pub set_selection: Option<CharRange>,
    /// The selection's moving end (where a drag ended, or what Shift+arrows last moved); the
    /// other end stays put. `None`: the selection's end.
    pub selection_focus: Option<usize>,
    /// Suggestions under review, drawn as dashed marks; `true` for the current one.
    pub marks: Vec<(CharRange, bool)>,
    /// The char last right-clicked (what the text's context menu is about).
    pub context_char: Option<usize>,
    /// Whether the legend of labels and colours is shown above the article.
    pub legend_open: bool,
    /// The annotation under the pointer last frame (its index in the document), drawn stronger.
    hovered: Option<usize>,
    view: View,
}

impl ReaderState {
    /// Makes `range` glow for [`FLASH_SECONDS`] from the next frame on.
    pub fn flash(&mut self, range: CharRange) {
        self.flash = Some((range, None));
    }

    /// The range glowing now, if any.
    pub fn flashing(&self) -> Option<CharRange> {
        self.flash.map(|(r, _)| r)
    }

    /// The paragraph at the top of the view (for benchmarks and tests).
    #[doc(hidden)]
    pub fn top_paragraph(&self) -> Option<usize> {
        self.view.anchor.map(|(p, _)| p)
    }

    /// The first char of paragraph `p` (for benchmarks and tests).
    #[doc(hidden)]
    pub fn paragraph_start(&self, p: usize) -> usize {
        self.view.paragraphs.start(p)
    }

    /// Where char `c` is on screen (a zero-width rect), when its paragraph was painted last
    /// frame (for tests, to point at a word as a person would).
    #[doc(hidden)]
    pub fn char_rect(&self, c: usize) -> Option<Rect> {
        interaction::screen_rect_of(&self.view.placed, &self.view.paragraphs, c)
    }

    /// How many paragraph galleys the view keeps (for benchmarks and tests).
    #[doc(hidden)]
    pub fn cached_galleys(&self) -> usize {
        self.view.galleys.len()
    }
}

/// What happened in the reader this frame.
#[derive(Debug, Default)]
pub struct ReaderOutput {
    /// The char under the pointer.
    pub hovered_char: Option<usize>,
    /// A click that placed the cursor here without selecting.
    pub clicked_char: Option<usize>,
    /// The text widget's response.
    pub response: Option<egui::Response>,
    /// Where the selection is on screen (to put the label popup below it), when in view.
    pub selection_rect: Option<egui::Rect>,
    /// The title was clicked (to edit the document's details).
    pub title_clicked: bool,
}

/// Annotations covering `pos`, innermost (shortest) first.
pub fn annotations_at(document: &Document, pos: usize) -> Vec<&crate::model::Annotation> {
    let mut hits: Vec<_> = document.annotations.iter().filter(|a| a.ranges.iter().any(|r| r.contains(pos))).collect();
    hits.sort_by_key(|a| a.end().saturating_sub(a.start()));
    hits
}

/// Shows the article's header and text. `revision` changes whenever the project does.
pub fn reader_ui(
    ui: &mut Ui,
    project: &Project,
    document: &Document,
    state: &mut ReaderState,
    zoom: f32,
    revision: u64,
) -> ReaderOutput {
    let visuals = ui.visuals().clone();
    let size = theme::ARTICLE_FONT_SIZE * zoom;
    let measure = (theme::MEASURE_EMS * size).min(ui.available_width() - 24.0).max(200.0);
    let mut out = ReaderOutput::default();
    let now = ui.input(|i| i.time);
    let flash = match &mut state.flash {
        Some((_, start)) => {
            let since = now - *start.get_or_insert(now);
            (1.0 - since as f32 / FLASH_SECONDS).max(0.0)
        }
        None => 0.0,
    };
    if flash <= 0.0 {
        state.flash = None;
    } else {
        ui.ctx().request_repaint();
    }
    let flash_level = (flash * 20.0).ceil() as u8;

    // The document's structure, rebuilt only when the document or the project changes.
    let view = &mut state.view;
    view.frame += 1;
    if !view.paragraphs.matches(document) {
        // Another document (not this one's text changed): back where it was, or at its top.
        let other = view.paragraphs.doc.as_ref() != Some(&document.id);
        *view = View { frame: view.frame, ..View::default() };
        view.paragraphs = Paragraphs::new(document);
        if other {
            view.restore = Some((ui.ctx().data(|d| d.get_temp(position_id(document))), 4));
        }
    }
    view.annotations.update(project, document, &view.paragraphs, revision);
    if view.geometry.key != (measure.to_bits(), zoom.to_bits()) || view.geometry.heights.len() != view.paragraphs.len() {
        view.geometry.reset(&view.paragraphs, measure, zoom, size);
    }
    if let Some(range) = state.set_selection.take() {
        state.selection = Some(range);
    }
    if let Some(r) = state.scroll_to.take() {
        state.view.scroll_target = Some((r, 4, None));
    }
    let selected = state.view.annotations.selected_index(document, state.selected.as_ref());
    let style = Style::of(&visuals, size, measure, zoom);

    let mut scroll = egui::ScrollArea::vertical().id_salt("reader-scroll").auto_shrink([false, false]);
    if let Some(y) = state.view.pending_offset.take() {
        scroll = scroll.vertical_scroll_offset(y);
    }
    scroll.show_viewport(ui, |ui, viewport| {
        ui.vertical_centered(|ui| {
            ui.set_max_width(measure);
            ui.add_space(size);
            ui.with_layout(egui::Layout::top_down(Align::Min), |ui| {
                ui.set_max_width(measure);
                let title_clicked = header_ui(ui, document, &style, &visuals, &mut state.legend_open);
                if state.legend_open {
                    legend::legend_ui(ui, project, &style);
                }
                ui.add_space(size * 0.8);
                let body = Body {
                    document,
                    selected,
                    flash_level,
                    style: &style,
                    origin: ui.cursor().min,
                    clip: ui.clip_rect(),
                    offset: viewport.min.y,
                };
                out = ReaderOutput { title_clicked, ..body_ui(ui, &body, state) };
            });
            ui.add_space(size * 3.0);
        });
    });
    out
}

/// Where the view of `document` was, kept in egui's memory across documents and projects.
fn position_id(document: &Document) -> Id {
    Id::unique(("reader-position", &document.id, document.text.len()))
}

/// The article's title, and its outlet, date and address, with the buttons for the details
/// editor and the legend; returns whether the details were asked for (title or button).
fn header_ui(ui: &mut Ui, document: &Document, style: &Style, visuals: &egui::Visuals, legend_open: &mut bool) -> bool {
    let size = style.size;
    let title = if document.title.is_empty() { "Untitled article" } else { document.title.as_str() };
    let title = egui::RichText::new(title).font(FontId::proportional(size * 1.45)).strong().color(style.ink);
    let title = egui::Label::new(title).selectable(false).sense(Sense::click());
    let clicked = ui.add(title).on_hover_cursor(egui::CursorIcon::PointingHand).on_hover_text("Edit document details…").clicked();
    let mut meta = Vec::new();
    if let Some(o) = &document.outlet {
        meta.push(o.clone());
    }
    if let Some(d) = document.published {
        meta.push(d.format("%-d %B %Y").to_string());
    }
    if let Some(u) = &document.url {
        meta.push(u.clone());
    }
    let mut edit = false;
    ui.horizontal_wrapped(|ui| {
        if !meta.is_empty() {
            ui.label(egui::RichText::new(meta.join("  ·  ")).size(size * 0.8).color(theme::weak(visuals)));
        }
        let button = egui::Button::new(egui::RichText::new("Edit details…").size(size * 0.8)).frame(false);
        edit = ui.add(button).on_hover_text("Edit the title, outlet, URL, author and date").clicked();
        let button = egui::Button::selectable(*legend_open, egui::RichText::new("Legend").size(size * 0.75));
        if ui.add(button).on_hover_text("Show or hide the labels and their colours").clicked() {
            *legend_open = !*legend_open;
        }
    });
    clicked || edit
}

/// The highlights of this frame, borrowed from the state's fields (so that `state.view` can be
/// borrowed mutably beside them).
macro_rules! dynamic {
    ($state:expr, $body:expr) => {
        Dynamic {
            find_matches: &$state.find_matches,
            find_current: $state.find_current,
            selection: $state.selection,
            flash: $state.flash.map(|(r, _)| r),
            flash_level: $body.flash_level,
            selected: $body.selected,
            hovered: $state.hovered,
        }
    };
}

/// What the parts of the article's body share this frame.
struct Body<'a> {
    document: &'a Document,
    /// The selected annotation's index in the document.
    selected: Option<usize>,
    flash_level: u8,
    style: &'a Style,
    /// Where the text starts on screen, and the visible part of the screen.
    origin: Pos2,
    clip: Rect,
    /// The scroll offset this frame.
    offset: f32,
}

/// The paragraphs in view, their interaction, and the scroll bookkeeping.
fn body_ui(ui: &mut Ui, body: &Body<'_>, state: &mut ReaderState) -> ReaderOutput {
    let mut out = ReaderOutput::default();
    let (range, shift) = lay_out_visible(ui, body, state);
    let mut placed: Vec<Placed> = Vec::with_capacity(range.len());
    {
        let dynamic = dynamic!(state, body);
        for p in range {
            let galley = paragraph_galley(ui, &mut state.view, body.document, &dynamic, p, body.style);
            let y = (body.origin.y + state.view.geometry.top(p) - shift).round();
            placed.push(Placed { p, pos: Pos2::new(body.origin.x, y), galley });
        }
    }
    state.view.geometry.update_tops();
    let total = state.view.geometry.total();

    // The whole text's rect (most of it outside the view), and its one interaction.
    let rect = Rect::from_min_size(body.origin, Vec2::new(body.style.width, total));
    ui.advance_cursor_after_rect(rect);
    let id = ui.make_persistent_id("article-text");
    let response = ui.interact(rect, id, Sense::CLICK | Sense::DRAG).on_hover_cursor(egui::CursorIcon::Text);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Article, true, "Article"));
    state.text_id = Some(id);

    let selection_before = state.selection;
    handle_pointer(ui, &response, body.document, state, &placed, &mut out);
    if state.selection != selection_before {
        // The selection is painted as a highlight: refresh the paragraphs it changed.
        let dynamic = dynamic!(state, body);
        for pl in &mut placed {
            pl.galley = paragraph_galley(ui, &mut state.view, body.document, &dynamic, pl.p, body.style);
        }
    }
    paint_ui(ui, body, state, &placed, id);
    let hovered = out.hovered_char.and_then(|c| state.view.annotations.innermost_at(&state.view.paragraphs, c));
    if hovered != state.hovered {
        state.hovered = hovered;
        ui.ctx().request_repaint();
    }

    // Anchor for next frame: the paragraph at the top of the view.
    let view_top = body.clip.top() - body.origin.y + shift;
    let top_p = state.view.geometry.at(view_top.max(0.0));
    state.view.anchor = Some((top_p, state.view.geometry.top(top_p)));
    if shift.abs() > 0.01 {
        state.view.pending_offset = Some(body.offset + shift);
    }
    // Scrolling to a range (a claim clicked, a find match) wins over restoring the position.
    if state.view.scroll_target.is_some() {
        state.view.restore = None;
    }
    scroll_to_target(ui, body, state, shift);
    if let Some(restore) = state.view.restore.take() {
        restore_position(ui, body, state, restore);
    } else {
        let delta = view_top - state.view.geometry.top(top_p);
        ui.ctx().data_mut(|d| d.insert_temp(position_id(body.document), (top_p, delta)));
    }
    state.view.placed = placed;

    // Keep the cache bounded: drop galleys not used in the last two frames once it is full.
    let frame = state.view.frame;
    if state.view.galleys.len() > MAX_CACHED_GALLEYS {
        state.view.galleys.retain(|_, c| c.used + 1 >= frame);
    }
    out.response = Some(response);
    out
}

/// Lays out the paragraphs in view (and a margin), measuring them, until their heights
/// settle. Keeps the paragraph that was at the top of the view where it was, while heights
/// above it settle (and across a resize), unless the view is being moved to a target.
/// Returns the paragraphs in view and how far the view shifts to stay anchored.
fn lay_out_visible(ui: &Ui, body: &Body<'_>, state: &mut ReaderState) -> (std::ops::Range<usize>, f32) {
    let n = state.view.paragraphs.len();
    state.view.geometry.update_tops();
    let anchored = state.view.scroll_target.is_none();
    let shift_of = |view: &View| match view.anchor {
        Some((p, old_top)) if anchored && p < n => view.geometry.top(p) - old_top,
        _ => 0.0,
    };
    let mut shift = shift_of(&state.view);
    let mut range = 0..0;
    let dynamic = dynamic!(state, body);
    for _ in 0..4 {
        let lo = body.clip.top() - OVERSCAN - body.origin.y + shift;
        let hi = body.clip.bottom() + OVERSCAN - body.origin.y + shift;
        let geometry = &state.view.geometry;
        let first = geometry.at(lo.max(0.0));
        let mut last = first;
        while last + 1 < n && geometry.top(last + 1) < hi {
            last += 1;
        }
        range = first..(last + 1).min(n);
        let mut changed = false;
        for p in range.clone() {
            paragraph_galley(ui, &mut state.view, body.document, &dynamic, p, body.style);
            changed |= state.view.geometry.dirty;
        }
        state.view.geometry.calibrate(&state.view.paragraphs);
        state.view.geometry.update_tops();
        let new_shift = shift_of(&state.view);
        if !changed && (new_shift - shift).abs() < 0.01 {
            break;
        }
        shift = new_shift;
    }
    (range, shift)
}

/// Paints the paragraphs laid out and the suggestion marks over them; gives screen readers
/// (and tests) one Paragraph node per paragraph (clicks and drags stay with the article's own
/// interaction).
fn paint_ui(ui: &Ui, body: &Body<'_>, state: &ReaderState, placed: &[Placed], id: Id) {
    for pl in placed {
        // Not `id.with(p)`: egui names the article's tooltip `id.with(0)`.
        let node = ui.interact(pl.rect(), id.with(("paragraph", pl.p)), Sense::hover());
        let text = state.view.paragraphs.text(body.document, pl.p);
        node.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Paragraph, true, text));
    }
    let painter = ui.painter();
    for pl in placed {
        painter.galley(pl.pos, Arc::clone(&pl.galley), body.style.ink);
    }
    paint_span_bars(painter, body, state, placed);
    if state.marks.is_empty() {
        return;
    }
    let color = theme::suggestion(ui.visuals());
    for pl in placed {
        // The marks that fall in this paragraph, in its own char offsets.
        let (start, len) = (state.view.paragraphs.start(pl.p), state.view.paragraphs.chars(pl.p));
        let local: Vec<(CharRange, bool)> = state
            .marks
            .iter()
            .filter(|(r, _)| r.end > start && r.start < start + len)
            .map(|(r, current)| (CharRange::new(r.start.saturating_sub(start), (r.end - start).min(len)), *current))
            .collect();
        super::marks::paint_dashed_marks(painter, &pl.galley, pl.pos, &local, color);
    }
}

/// Puts the view back at paragraph `p`, `delta` into it (where this document was shown last),
/// or at the top (`None`: a document not shown before), again for a few frames while the
/// heights above it settle.
fn restore_position(ui: &Ui, body: &Body<'_>, state: &mut ReaderState, (at, frames): (Option<(usize, f32)>, u8)) {
    let geometry = &state.view.geometry;
    let (origin, clip, offset) = (body.origin, body.clip, body.offset);
    // Never past the end of the text (that would overscroll and spring back).
    let max_offset = offset + (origin.y + geometry.total() - clip.bottom()).max(0.0);
    let wanted = at.map_or(0.0, |(p, delta)| (offset + origin.y - clip.top() + geometry.top(p) + delta).clamp(0.0, max_offset));
    if (wanted - offset).abs() > 0.5 {
        state.view.pending_offset = Some(wanted);
        state.view.anchor = at.map(|(p, _)| (p, geometry.top(p)));
        ui.ctx().request_repaint();
    }
    if frames > 1 {
        state.view.restore = Some((at, frames - 1));
    }
}

/// A bar in the left margin beside the lines of each long span (a claim of a sentence or a
/// paragraph), whose own tint is light: stronger while it is hovered or selected.
fn paint_span_bars(painter: &egui::Painter, body: &Body<'_>, state: &ReaderState, placed: &[Placed]) {
    let width = theme::SPAN_BAR_WIDTH * body.style.zoom;
    for pl in placed {
        for layer in state.view.annotations.of(pl.p) {
            if !super::highlight::is_long_span(layer.extent) {
                continue;
            }
            let strong = body.selected == Some(layer.annotation) || state.hovered == Some(layer.annotation);
            let rows = super::marks::range_rects(&pl.galley, layer.range);
            let (Some(first), Some(last)) = (rows.first(), rows.last()) else { continue };
            let x = pl.pos.x - 3.0 * width;
            let bar = Rect::from_min_max(Pos2::new(x, pl.pos.y + first.min.y), Pos2::new(x + width, pl.pos.y + last.max.y));
            let color = if strong { layer.color } else { theme::mix(body.style.page, layer.color, 0.75) };
            painter.rect_filled(if strong { bar.expand2(Vec2::new(width * 0.5, 0.0)) } else { bar }, width * 0.5, color);
        }
    }
}

/// Scrolling to a range: centre it, again for a few frames while the heights around it
/// settle, until the offset asked for stops moving (it may be clamped at an end).
fn scroll_to_target(ui: &Ui, body: &Body<'_>, state: &mut ReaderState, shift: f32) {
    let Some((target, frames, last)) = state.view.scroll_target.take() else { return };
    let (origin, clip, offset) = (body.origin, body.clip, body.offset);
    let p = state.view.paragraphs.of(target.start);
    let dynamic = dynamic!(state, body);
    let galley = paragraph_galley(ui, &mut state.view, body.document, &dynamic, p, body.style);
    state.view.geometry.update_tops();
    let paragraphs = &state.view.paragraphs;
    let local = |c: usize| c.saturating_sub(paragraphs.start(p)).min(paragraphs.chars(p));
    let mut rect = galley.pos_from_cursor(CCursor::new(local(target.start)));
    if paragraphs.of(target.end) == p {
        rect = rect.union(galley.pos_from_cursor(CCursor::new(local(target.end))));
    }
    let y = origin.y + state.view.geometry.top(p) - shift + rect.center().y;
    // Never past the end of the text (that would overscroll and spring back).
    let max_offset = offset + shift + (origin.y - shift + state.view.geometry.total() - clip.bottom()).max(0.0);
    let wanted = (offset + shift + y - clip.center().y).clamp(0.0, max_offset);
    if (wanted - offset).abs() > 0.5 && last.is_none_or(|l| (l - wanted).abs() > 0.5) {
        state.view.pending_offset = Some(wanted);
        if frames > 1 {
            state.view.scroll_target = Some((target, frames - 1, Some(wanted)));
        }
        ui.ctx().request_repaint();
    }
}
