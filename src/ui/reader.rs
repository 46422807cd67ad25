//! The article view: the text with coloured highlights, selection, hover, click-to-select,
//! find matches and scrolling to an annotation.

use super::highlight::segments;
use super::theme;
use crate::anchor::{CharRange, TextIndex};
use crate::model::{AnnotationId, Document, Project};
use egui::text::{CCursor, CCursorRange, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, Id, Stroke, TextEdit, Ui};
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::Instant;

/// How long a flashed annotation glows after the view scrolls to it.
pub const FLASH_SECONDS: f32 = 1.6;

/// What the reader shows besides the article itself.
#[derive(Debug, Default)]
pub struct ReaderState {
    /// The id of the article's text widget, once shown.
    pub text_id: Option<Id>,
    /// The last non-empty selection, kept while buttons take the focus.
    pub selection: Option<CharRange>,
    /// The selected annotation (outlined).
    pub selected: Option<AnnotationId>,
    /// Scroll to this range on the next frame.
    pub scroll_to: Option<CharRange>,
    /// The range that glows, and since when.
    pub flash: Option<(CharRange, Instant)>,
    /// Find matches, and which is current.
    pub find_matches: Vec<CharRange>,
    /// Index of the current match.
    pub find_current: usize,
    /// Set the text widget's selection to this on the next frame.
    pub set_selection: Option<CharRange>,
    /// Suggestions under review, drawn as dashed marks; `true` for the current one.
    pub marks: Vec<(CharRange, bool)>,
    cache: Option<(u64, Arc<LayoutJob>)>,
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
    /// Where the end of the selection is on screen (to put the label popup there).
    pub selection_rect: Option<egui::Rect>,
}

/// Annotations covering `pos`, innermost (shortest) first.
pub fn annotations_at(document: &Document, pos: usize) -> Vec<&crate::model::Annotation> {
    let mut hits: Vec<_> = document.annotations.iter().filter(|a| a.ranges.iter().any(|r| r.contains(pos))).collect();
    hits.sort_by_key(|a| a.end().saturating_sub(a.start()));
    hits
}

#[allow(clippy::too_many_arguments)]
fn job_key(
    document: &Document,
    revision: u64,
    state: &ReaderState,
    zoom: f32,
    dark: bool,
    width: f32,
    flash: u8,
    focused: bool,
) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    document.id.hash(&mut h);
    revision.hash(&mut h);
    state.selected.hash(&mut h);
    state.find_matches.hash(&mut h);
    state.find_current.hash(&mut h);
    if !focused {
        state.selection.hash(&mut h);
    }
    zoom.to_bits().hash(&mut h);
    dark.hash(&mut h);
    width.to_bits().hash(&mut h);
    flash.hash(&mut h);
    h.finish()
}

enum Layer {
    Annotation { color: Color32, selected: bool },
    Find { current: bool },
    Selection,
    Flash,
}

#[allow(clippy::too_many_arguments)]
fn build_job(
    project: &Project,
    document: &Document,
    state: &ReaderState,
    zoom: f32,
    visuals: &egui::Visuals,
    width: f32,
    flash: f32,
    show_saved_selection: bool,
) -> LayoutJob {
    let size = theme::ARTICLE_FONT_SIZE * zoom;
    let base = TextFormat {
        font_id: FontId::proportional(size),
        color: theme::ink(visuals),
        line_height: Some(size * theme::LINE_SPACING),
        ..Default::default()
    };
    let mut layers: Vec<(CharRange, usize)> = Vec::new();
    let mut kinds: Vec<Layer> = Vec::new();
    for a in &document.annotations {
        let color = project.label(&a.label).map_or(Color32::GRAY, |l| theme::label_color(l.color));
        let selected = state.selected.as_ref() == Some(&a.id);
        let extent = a.end().saturating_sub(a.start());
        for r in &a.ranges {
            layers.push((*r, extent));
            kinds.push(Layer::Annotation { color, selected });
        }
    }
    for (i, m) in state.find_matches.iter().enumerate() {
        layers.push((*m, 0));
        kinds.push(Layer::Find { current: i == state.find_current });
    }
    if show_saved_selection && let Some(sel) = state.selection {
        layers.push((sel, 0));
        kinds.push(Layer::Selection);
    }
    if flash > 0.0
        && let Some((r, _)) = state.flash
    {
        layers.push((r, 0));
        kinds.push(Layer::Flash);
    }
    let index = TextIndex::new(&document.text);
    let page = theme::page(visuals);
    let strength = theme::highlight_strength(visuals);
    let mut job = LayoutJob { wrap: egui::text::TextWrapping { max_width: width, ..Default::default() }, ..Default::default() };
    for seg in segments(index.char_len(), &layers) {
        let mut format = base.clone();
        let mut bg = page;
        let mut tinted = false;
        let mut underline: Option<Stroke> = None;
        for &i in &seg.layers {
            match kinds.get(i) {
                Some(Layer::Annotation { color, selected }) => {
                    bg = theme::mix(bg, *color, if *selected { strength * 2.0 } else { strength });
                    tinted = true;
                    underline = Some(Stroke::new(if *selected { 3.0 } else { 1.5 }, *color));
                }
                Some(Layer::Find { current }) => {
                    bg = if *current { theme::find_current(visuals) } else { theme::find_match(visuals) };
                    tinted = true;
                }
                Some(Layer::Selection) => {
                    bg = theme::mix(bg, visuals.selection.bg_fill, 0.8);
                    tinted = true;
                }
                Some(Layer::Flash) => {
                    bg = theme::mix(bg, visuals.selection.stroke.color, 0.6 * flash);
                    tinted = true;
                }
                None => {}
            }
        }
        if tinted {
            format.background = bg;
        }
        if let Some(u) = underline {
            format.underline = u;
        }
        job.append(index.slice(seg.range), 0.0, format);
    }
    job
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
    let flash = state.flash.map_or(0.0, |(_, t)| (1.0 - t.elapsed().as_secs_f32() / FLASH_SECONDS).max(0.0));
    if flash <= 0.0 {
        state.flash = None;
    } else {
        ui.ctx().request_repaint();
    }
    let mut scroll = egui::ScrollArea::vertical().id_salt("reader-scroll").auto_shrink([false, false]);
    if state.scroll_to.is_some() {
        scroll = scroll.animated(true);
    }
    scroll.show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.set_max_width(measure);
            ui.add_space(size);
            ui.with_layout(egui::Layout::top_down(Align::Min), |ui| {
                ui.set_max_width(measure);
                let title = if document.title.is_empty() { "Untitled article" } else { document.title.as_str() };
                ui.label(egui::RichText::new(title).font(FontId::proportional(size * 1.45)).strong().color(theme::ink(&visuals)));
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
                if !meta.is_empty() {
                    ui.label(egui::RichText::new(meta.join("  ·  ")).size(size * 0.8).color(theme::weak(&visuals)));
                }
                ui.add_space(size * 0.8);

                let focused = state.text_id.is_some_and(|id| ui.ctx().memory(|m| m.has_focus(id)));
                let key = job_key(document, revision, state, zoom, visuals.dark_mode, measure, (flash * 20.0) as u8, focused);
                let job = match &state.cache {
                    Some((k, job)) if *k == key => Arc::clone(job),
                    _ => {
                        let job = Arc::new(build_job(project, document, state, zoom, &visuals, measure, flash, !focused));
                        state.cache = Some((key, Arc::clone(&job)));
                        job
                    }
                };
                let mut layouter =
                    |ui: &Ui, _buf: &dyn egui::TextBuffer, _wrap: f32| ui.fonts_mut(|f| f.layout_job((*job).clone()));
                let mut text: &str = &document.text;
                if let Some(range) = state.set_selection.take()
                    && let Some(id) = state.text_id
                {
                    let mut s = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
                    s.cursor.set_char_range(Some(CCursorRange::two(CCursor::new(range.start), CCursor::new(range.end))));
                    s.store(ui.ctx(), id);
                    ui.ctx().memory_mut(|m| m.request_focus(id));
                }
                let output = TextEdit::multiline(&mut text)
                    .id_salt("article-text")
                    .frame(egui::Frame::NONE)
                    .desired_width(measure)
                    .layouter(&mut layouter)
                    .show(ui);
                let response = output.response.response.clone();
                state.text_id = Some(response.id);
                let galley = &output.galley;
                let to_screen = |c: usize| galley.pos_from_cursor(CCursor::new(c)).translate(output.galley_pos.to_vec2());
                if let Some(range) = output.cursor_range {
                    let r = range.as_sorted_char_range();
                    let (a, b) = (usize::from(r.start), usize::from(r.end));
                    if a < b {
                        state.selection = Some(CharRange::new(a, b));
                    } else if response.clicked() || response.drag_stopped() {
                        state.selection = None;
                        out.clicked_char = Some(a);
                    }
                }
                if let Some(sel) = state.selection {
                    out.selection_rect = Some(to_screen(sel.start).union(to_screen(sel.end)));
                }
                if !state.marks.is_empty() {
                    super::marks::paint_dashed_marks(
                        ui.painter(),
                        galley,
                        output.galley_pos,
                        &state.marks,
                        theme::suggestion(&visuals),
                    );
                }
                if let Some(pos) = response.hover_pos() {
                    let c = galley.cursor_from_pos(pos - output.galley_pos);
                    let idx = usize::from(c.index);
                    // Only over the glyphs, not the margin past the end of a line.
                    let glyph = to_screen(idx).union(to_screen(idx + 1));
                    if glyph.expand(2.0).contains(pos) {
                        out.hovered_char = Some(idx);
                    }
                }
                if let Some(r) = state.scroll_to.take() {
                    let rect = to_screen(r.start).union(to_screen(r.end.max(r.start)));
                    ui.scroll_to_rect(rect, Some(Align::Center));
                }
                out.response = Some(response);
            });
            ui.add_space(size * 3.0);
        });
    });
    out
}
