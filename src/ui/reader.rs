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

use super::highlight::segments;
use super::theme;
use crate::anchor::{CharRange, TextIndex};
use crate::model::{AnnotationId, Document, DocumentId, Project};
use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, Galley, Id, Pos2, Rect, Sense, Stroke, Ui, Vec2};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::Instant;

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
    /// The range that glows, and since when.
    pub flash: Option<(CharRange, Instant)>,
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
    view: View,
}

impl ReaderState {
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
}

/// Annotations covering `pos`, innermost (shortest) first.
pub fn annotations_at(document: &Document, pos: usize) -> Vec<&crate::model::Annotation> {
    let mut hits: Vec<_> = document.annotations.iter().filter(|a| a.ranges.iter().any(|r| r.contains(pos))).collect();
    hits.sort_by_key(|a| a.end().saturating_sub(a.start()));
    hits
}

// ----- the document's paragraphs -----

/// Where the paragraphs of a text are. Paragraph `i` is chars `starts[i]..ends[i]` (without its `\n`).
#[derive(Debug, Default)]
struct Paragraphs {
    doc: Option<DocumentId>,
    text_len: usize,
    starts: Vec<usize>,
    ends: Vec<usize>,
    byte_starts: Vec<usize>,
    byte_ends: Vec<usize>,
}

impl Paragraphs {
    fn new(doc: &Document) -> Self {
        let text = doc.text.as_str();
        let mut p = Self { doc: Some(doc.id.clone()), text_len: text.len(), ..Self::default() };
        let mut byte = 0;
        let mut chars = 0;
        for piece in text.split('\n') {
            let n = if piece.is_ascii() { piece.len() } else { piece.chars().count() };
            p.starts.push(chars);
            p.ends.push(chars + n);
            p.byte_starts.push(byte);
            p.byte_ends.push(byte + piece.len());
            chars += n + 1;
            byte += piece.len() + 1;
        }
        p
    }

    fn matches(&self, doc: &Document) -> bool {
        self.doc.as_ref() == Some(&doc.id) && self.text_len == doc.text.len()
    }

    fn len(&self) -> usize {
        self.starts.len()
    }

    /// The paragraph holding char `pos` (a `\n` belongs to the paragraph it ends).
    fn of(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }

    fn chars(&self, p: usize) -> usize {
        self.ends.get(p).copied().unwrap_or(0).saturating_sub(self.starts.get(p).copied().unwrap_or(0))
    }

    fn start(&self, p: usize) -> usize {
        self.starts.get(p).copied().unwrap_or(0)
    }

    fn text<'a>(&self, doc: &'a Document, p: usize) -> &'a str {
        let (a, b) = (self.byte_starts.get(p).copied().unwrap_or(0), self.byte_ends.get(p).copied().unwrap_or(0));
        doc.text.get(a..b).unwrap_or("")
    }

    /// `range` clipped to paragraph `p`, in the paragraph's own char offsets.
    fn local(&self, p: usize, range: CharRange) -> Option<CharRange> {
        let (first, end) = (self.start(p), self.ends.get(p).copied().unwrap_or(0));
        let (from, to) = (range.start.max(first), range.end.min(end));
        (from < to).then(|| CharRange::new(from - first, to - first))
    }
}

/// One annotation's piece in one paragraph.
#[derive(Clone, Copy, Debug)]
struct AnnotationLayer {
    range: CharRange,
    extent: usize,
    color: Color32,
    annotation: usize,
}

/// The annotations of each paragraph, for one revision of the project: O(annotations) to build,
/// no layout.
#[derive(Debug, Default)]
struct AnnotationIndex {
    key: Option<(DocumentId, u64)>,
    /// Paragraph `p`'s layers are `layers[offsets[p]..offsets[p + 1]]`, in document order.
    offsets: Vec<usize>,
    layers: Vec<AnnotationLayer>,
    /// The selected annotation's index, for the id it was looked up for.
    selected: Option<(AnnotationId, Option<usize>)>,
}

impl AnnotationIndex {
    fn new(project: &Project, doc: &Document, paragraphs: &Paragraphs, revision: u64) -> Self {
        let colors: HashMap<&str, Color32> =
            project.labels.iter().map(|l| (l.name.as_str(), theme::label_color(l.color))).collect();
        let mut tagged: Vec<(usize, AnnotationLayer)> = Vec::with_capacity(doc.annotations.len() + doc.annotations.len() / 4);
        for (i, a) in doc.annotations.iter().enumerate() {
            let color = colors.get(a.label.as_str()).copied().unwrap_or(Color32::GRAY);
            let extent = a.end().saturating_sub(a.start());
            for r in &a.ranges {
                if r.is_empty() {
                    continue;
                }
                let last = paragraphs.of(r.end - 1);
                for p in paragraphs.of(r.start)..=last {
                    if let Some(range) = paragraphs.local(p, *r) {
                        tagged.push((p, AnnotationLayer { range, extent, color, annotation: i }));
                    }
                }
            }
        }
        tagged.sort_by_key(|(p, _)| *p);
        let mut offsets = Vec::with_capacity(paragraphs.len() + 1);
        let mut next = 0;
        for p in 0..=paragraphs.len() {
            while tagged.get(next).is_some_and(|(q, _)| *q < p) {
                next += 1;
            }
            offsets.push(next);
        }
        Self {
            key: Some((doc.id.clone(), revision)),
            offsets,
            layers: tagged.into_iter().map(|(_, l)| l).collect(),
            selected: None,
        }
    }

    fn of(&self, p: usize) -> &[AnnotationLayer] {
        let (a, b) = (self.offsets.get(p).copied().unwrap_or(0), self.offsets.get(p + 1).copied().unwrap_or(0));
        self.layers.get(a..b).unwrap_or_default()
    }

    fn selected_index(&mut self, doc: &Document, selected: Option<&AnnotationId>) -> Option<usize> {
        let id = selected?;
        match &self.selected {
            Some((cached, index)) if cached == id => *index,
            _ => {
                let index = doc.annotations.iter().position(|a| &a.id == id);
                self.selected = Some((id.clone(), index));
                index
            }
        }
    }
}

// ----- heights -----

/// Paragraph heights at one wrap width and zoom: measured, or estimated from the chars per row
/// seen so far. `tops` are their prefix sums.
#[derive(Debug, Default)]
struct Geometry {
    key: (u32, u32),
    row_height: f32,
    heights: Vec<f32>,
    measured: Vec<bool>,
    tops: Vec<f32>,
    dirty: bool,
    chars_per_row: f32,
    sum_chars: f64,
    sum_rows: f64,
}

impl Geometry {
    fn reset(&mut self, paragraphs: &Paragraphs, width: f32, zoom: f32, size: f32) {
        let old_width = f32::from_bits(self.key.0);
        self.chars_per_row = if self.chars_per_row > 0.0 && old_width > 0.0 && self.row_height > 0.0 {
            self.chars_per_row * width / old_width
        } else {
            width / (0.47 * size)
        };
        self.key = (width.to_bits(), zoom.to_bits());
        self.row_height = size * theme::LINE_SPACING;
        self.measured = vec![false; paragraphs.len()];
        self.heights = vec![0.0; paragraphs.len()];
        self.sum_chars = 0.0;
        self.sum_rows = 0.0;
        self.estimate_all(paragraphs);
    }

    fn estimate(&self, chars: usize) -> f32 {
        let rows = (chars as f32 / self.chars_per_row.max(1.0)).ceil().max(1.0);
        rows * self.row_height
    }

    fn estimate_all(&mut self, paragraphs: &Paragraphs) {
        for p in 0..paragraphs.len() {
            if !self.measured.get(p).copied().unwrap_or(true) {
                let h = self.estimate(paragraphs.chars(p));
                if let Some(slot) = self.heights.get_mut(p) {
                    *slot = h;
                }
            }
        }
        self.dirty = true;
    }

    /// Records a measured height; returns whether it changed anything.
    fn measure(&mut self, p: usize, height: f32, chars: usize, rows: usize) -> bool {
        let was = self.measured.get(p).copied().unwrap_or(true);
        if !was {
            if let Some(m) = self.measured.get_mut(p) {
                *m = true;
            }
            if rows >= 2 {
                self.sum_chars += chars as f64;
                self.sum_rows += rows as f64 - 0.5;
            }
        }
        match self.heights.get_mut(p) {
            Some(h) if (*h - height).abs() > 0.01 => {
                *h = height;
                self.dirty = true;
                true
            }
            _ => false,
        }
    }

    /// Re-estimates the unmeasured paragraphs when the chars-per-row figure moved.
    fn calibrate(&mut self, paragraphs: &Paragraphs) {
        if self.sum_rows < 8.0 {
            return;
        }
        let cpr = (self.sum_chars / self.sum_rows) as f32;
        if (cpr - self.chars_per_row).abs() > self.chars_per_row * 0.02 {
            self.chars_per_row = cpr;
            self.estimate_all(paragraphs);
        }
    }

    fn update_tops(&mut self) {
        if !self.dirty && self.tops.len() == self.heights.len() + 1 {
            return;
        }
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = 0.0;
        self.tops.push(0.0);
        for h in &self.heights {
            y += h;
            self.tops.push(y);
        }
        self.dirty = false;
    }

    fn top(&self, p: usize) -> f32 {
        self.tops.get(p).copied().unwrap_or(0.0)
    }

    fn total(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// The paragraph at text y (clamped to the paragraphs).
    fn at(&self, y: f32) -> usize {
        self.tops.partition_point(|&t| t <= y).saturating_sub(1).min(self.heights.len().saturating_sub(1))
    }
}

// ----- the view's caches -----

struct CachedGalley {
    galley: Arc<Galley>,
    used: u64,
}

#[derive(Default)]
struct View {
    paragraphs: Paragraphs,
    annotations: AnnotationIndex,
    geometry: Geometry,
    galleys: HashMap<u64, CachedGalley>,
    frame: u64,
    /// The paragraph at the top of the view last frame, and its top then.
    anchor: Option<(usize, f32)>,
    /// Scroll the view to this offset next frame.
    pending_offset: Option<f32>,
    /// Keep centring this range for a few frames, while heights around it settle.
    scroll_target: Option<(CharRange, u8, Option<f32>)>,
    /// Where a drag selection started.
    drag_anchor: Option<usize>,
}

impl std::fmt::Debug for View {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("View")
            .field("paragraphs", &self.paragraphs.len())
            .field("annotation_layers", &self.annotations.layers.len())
            .field("cached_galleys", &self.galleys.len())
            .field("anchor", &self.anchor)
            .finish_non_exhaustive()
    }
}

/// What a paragraph's galley depends on besides its text.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
enum Layer {
    Annotation { color: Color32, selected: bool },
    Find { current: bool },
    Selection,
    Flash(u8),
}

/// Everything that styles the article's text this frame.
struct Style {
    size: f32,
    width: f32,
    zoom: f32,
    ink: Color32,
    page: Color32,
    strength: f32,
    dark: bool,
    selection: Color32,
    flash_color: Color32,
    find_match: Color32,
    find_current: Color32,
}

impl Style {
    fn hash_into(&self, h: &mut impl Hasher) {
        self.width.to_bits().hash(h);
        self.zoom.to_bits().hash(h);
        self.dark.hash(h);
        self.ink.hash(h);
        self.page.hash(h);
        self.selection.hash(h);
        self.flash_color.hash(h);
    }
}

/// The highlights that change without a new project revision.
struct Dynamic<'a> {
    find_matches: &'a [CharRange],
    find_current: usize,
    selection: Option<CharRange>,
    flash: Option<CharRange>,
    flash_level: u8,
    selected: Option<usize>,
}

/// The layers over paragraph `p`: annotations in document order, then find matches, the
/// selection and the flash (as the old single-galley view ordered them).
fn paragraph_layers(view: &View, state: &Dynamic<'_>, p: usize) -> Vec<(CharRange, usize, Layer)> {
    let (selected, flash_level) = (state.selected, state.flash_level);
    let paragraphs = &view.paragraphs;
    let mut out: Vec<(CharRange, usize, Layer)> = view
        .annotations
        .of(p)
        .iter()
        .map(|l| (l.range, l.extent, Layer::Annotation { color: l.color, selected: selected == Some(l.annotation) }))
        .collect();
    let start = paragraphs.start(p);
    let first = state.find_matches.partition_point(|m| m.end <= start);
    for (i, m) in state.find_matches.iter().enumerate().skip(first) {
        if m.start > paragraphs.ends.get(p).copied().unwrap_or(0) {
            break;
        }
        if let Some(r) = paragraphs.local(p, *m) {
            out.push((r, 0, Layer::Find { current: i == state.find_current }));
        }
    }
    if let Some(r) = state.selection.and_then(|s| paragraphs.local(p, s)) {
        out.push((r, 0, Layer::Selection));
    }
    if flash_level > 0
        && let Some(r) = state.flash.and_then(|f| paragraphs.local(p, f))
    {
        out.push((r, 0, Layer::Flash(flash_level)));
    }
    out
}

fn build_job(text: &str, layers: &[(CharRange, usize, Layer)], style: &Style) -> LayoutJob {
    let base = TextFormat {
        font_id: FontId::proportional(style.size),
        color: style.ink,
        line_height: Some(style.size * theme::LINE_SPACING),
        ..Default::default()
    };
    let mut job =
        LayoutJob { wrap: egui::text::TextWrapping { max_width: style.width, ..Default::default() }, ..Default::default() };
    if text.is_empty() {
        job.append("", 0.0, base);
        return job;
    }
    let index = TextIndex::new(text);
    let spans: Vec<(CharRange, usize)> = layers.iter().map(|(r, e, _)| (*r, *e)).collect();
    for seg in segments(index.char_len(), &spans) {
        let mut format = base.clone();
        let mut bg = style.page;
        let mut tinted = false;
        let mut underline: Option<Stroke> = None;
        for &i in &seg.layers {
            match layers.get(i).map(|l| l.2) {
                Some(Layer::Annotation { color, selected }) => {
                    bg = theme::mix(bg, color, if selected { style.strength * 2.0 } else { style.strength });
                    tinted = true;
                    underline = Some(Stroke::new(if selected { 3.0 } else { 1.5 }, color));
                }
                Some(Layer::Find { current }) => {
                    bg = if current { style.find_current } else { style.find_match };
                    tinted = true;
                }
                Some(Layer::Selection) => {
                    bg = theme::mix(bg, style.selection, 0.8);
                    tinted = true;
                }
                Some(Layer::Flash(level)) => {
                    bg = theme::mix(bg, style.flash_color, 0.6 * f32::from(level) / 20.0);
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

/// Paragraph `p`'s galley with this frame's highlights: from the cache, or laid out now.
/// Also records its measured height.
fn paragraph_galley(ui: &Ui, view: &mut View, document: &Document, state: &Dynamic<'_>, p: usize, style: &Style) -> Arc<Galley> {
    let layers = paragraph_layers(view, state, p);
    let mut h = std::hash::DefaultHasher::new();
    p.hash(&mut h);
    layers.hash(&mut h);
    style.hash_into(&mut h);
    let key = h.finish();
    let frame = view.frame;
    let galley = if let Some(c) = view.galleys.get_mut(&key) {
        c.used = frame;
        Arc::clone(&c.galley)
    } else {
        let job = build_job(view.paragraphs.text(document, p), &layers, style);
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        view.galleys.insert(key, CachedGalley { galley: Arc::clone(&galley), used: frame });
        galley
    };
    let chars = view.paragraphs.chars(p);
    view.geometry.measure(p, galley.size().y, chars, galley.rows.len());
    galley
}

/// A paragraph painted this frame.
struct Placed {
    p: usize,
    pos: Pos2,
    galley: Arc<Galley>,
}

impl Placed {
    fn rect(&self) -> Rect {
        Rect::from_min_size(self.pos, self.galley.size())
    }
}

/// The document char nearest to `pos` among the painted paragraphs.
fn char_at(placed: &[Placed], paragraphs: &Paragraphs, pos: Pos2) -> Option<usize> {
    let first = placed.first()?;
    let hit = placed.iter().find(|pl| pos.y < pl.rect().bottom()).unwrap_or_else(|| placed.last().unwrap_or(first));
    if pos.y < first.pos.y {
        return Some(paragraphs.start(first.p));
    }
    let c = hit.galley.cursor_from_pos(pos - hit.pos);
    Some(paragraphs.start(hit.p) + usize::from(c.index))
}

/// Where char `c` is on screen (a zero-width rect), if its paragraph is painted.
fn screen_rect_of(placed: &[Placed], paragraphs: &Paragraphs, c: usize) -> Option<Rect> {
    let p = paragraphs.of(c);
    let pl = placed.iter().find(|pl| pl.p == p)?;
    let local = c.saturating_sub(paragraphs.start(p)).min(paragraphs.chars(p));
    Some(pl.galley.pos_from_cursor(CCursor::new(local)).translate(pl.pos.to_vec2()))
}

/// The word around char `c` (for double-click).
fn word_at(document: &Document, paragraphs: &Paragraphs, c: usize) -> Option<CharRange> {
    let p = paragraphs.of(c);
    let chars: Vec<char> = paragraphs.text(document, p).chars().collect();
    let local = c.checked_sub(paragraphs.start(p))?;
    let is_word = |ch: &char| ch.is_alphanumeric() || *ch == '_' || *ch == '\'' || *ch == '’';
    if !chars.get(local).is_some_and(is_word) {
        return None;
    }
    let mut from = local;
    while from > 0 && chars.get(from - 1).is_some_and(is_word) {
        from -= 1;
    }
    let mut to = local;
    while chars.get(to).is_some_and(is_word) {
        to += 1;
    }
    let first = paragraphs.start(p);
    Some(CharRange::new(first + from, first + to))
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
    let flash_level = (flash * 20.0).ceil() as u8;

    // The document's structure, rebuilt only when the document or the project changes.
    let view = &mut state.view;
    view.frame += 1;
    if !view.paragraphs.matches(document) {
        *view = View { frame: view.frame, ..View::default() };
        view.paragraphs = Paragraphs::new(document);
    }
    if view.annotations.key.as_ref().is_none_or(|(d, r)| d != &document.id || *r != revision) {
        view.annotations = AnnotationIndex::new(project, document, &view.paragraphs, revision);
    }
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
    let style = Style {
        size,
        width: measure,
        zoom,
        ink: theme::ink(&visuals),
        page: theme::page(&visuals),
        strength: theme::highlight_strength(&visuals),
        dark: visuals.dark_mode,
        selection: visuals.selection.bg_fill,
        flash_color: visuals.selection.stroke.color,
        find_match: theme::find_match(&visuals),
        find_current: theme::find_current(&visuals),
    };

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
                let title = if document.title.is_empty() { "Untitled article" } else { document.title.as_str() };
                ui.label(egui::RichText::new(title).font(FontId::proportional(size * 1.45)).strong().color(style.ink));
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
                out = body_ui(ui, document, state, viewport.min.y, selected, flash_level, &style);
            });
            ui.add_space(size * 3.0);
        });
    });
    out
}

/// The highlights of this frame, borrowed from the state's fields (so that `state.view` can be
/// borrowed mutably beside them).
macro_rules! dynamic {
    ($state:expr, $selected:expr, $flash_level:expr) => {
        Dynamic {
            find_matches: &$state.find_matches,
            find_current: $state.find_current,
            selection: $state.selection,
            flash: $state.flash.map(|(r, _)| r),
            flash_level: $flash_level,
            selected: $selected,
        }
    };
}

/// The paragraphs in view, their interaction, and the scroll bookkeeping.
fn body_ui(
    ui: &mut Ui,
    document: &Document,
    state: &mut ReaderState,
    offset: f32,
    selected: Option<usize>,
    flash_level: u8,
    style: &Style,
) -> ReaderOutput {
    let mut out = ReaderOutput::default();
    let origin = ui.cursor().min;
    let clip = ui.clip_rect();
    let n = state.view.paragraphs.len();
    state.view.geometry.update_tops();

    // Keep the paragraph that was at the top of the view where it was, while heights above it
    // settle (and across a resize); unless the view is being moved to a target.
    let anchored = state.view.scroll_target.is_none();
    let shift_of = |view: &View| match view.anchor {
        Some((p, old_top)) if anchored && p < n => view.geometry.top(p) - old_top,
        _ => 0.0,
    };
    let mut shift = shift_of(&state.view);
    let mut range = 0..0;
    {
        let dynamic = dynamic!(state, selected, flash_level);
        for _ in 0..4 {
            let lo = clip.top() - OVERSCAN - origin.y + shift;
            let hi = clip.bottom() + OVERSCAN - origin.y + shift;
            let geometry = &state.view.geometry;
            let first = geometry.at(lo.max(0.0));
            let mut last = first;
            while last + 1 < n && geometry.top(last + 1) < hi {
                last += 1;
            }
            range = first..(last + 1).min(n);
            let mut changed = false;
            for p in range.clone() {
                paragraph_galley(ui, &mut state.view, document, &dynamic, p, style);
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
    }
    let mut placed: Vec<Placed> = Vec::with_capacity(range.len());
    {
        let dynamic = dynamic!(state, selected, flash_level);
        for p in range {
            let galley = paragraph_galley(ui, &mut state.view, document, &dynamic, p, style);
            let y = (origin.y + state.view.geometry.top(p) - shift).round();
            placed.push(Placed { p, pos: Pos2::new(origin.x, y), galley });
        }
    }
    state.view.geometry.update_tops();
    let total = state.view.geometry.total();

    // The whole text's rect (most of it outside the view), and its one interaction.
    let body = Rect::from_min_size(origin, Vec2::new(style.width, total));
    ui.advance_cursor_after_rect(body);
    let id = ui.make_persistent_id("article-text");
    let response = ui.interact(body, id, Sense::CLICK | Sense::DRAG).on_hover_cursor(egui::CursorIcon::Text);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Article, true, "Article"));
    state.text_id = Some(id);

    let selection_before = state.selection;
    handle_pointer(ui, &response, document, state, &placed, &mut out);
    if state.selection != selection_before {
        // The selection is painted as a highlight: refresh the paragraphs it changed.
        let dynamic = dynamic!(state, selected, flash_level);
        for pl in &mut placed {
            pl.galley = paragraph_galley(ui, &mut state.view, document, &dynamic, pl.p, style);
        }
    }
    // Screen readers (and tests) read the paragraphs laid out, one node each; the clicks and
    // drags stay with the article's own interaction.
    for pl in &placed {
        let node = ui.interact(pl.rect(), id.with(pl.p), Sense::hover());
        let text = state.view.paragraphs.text(document, pl.p);
        node.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Paragraph, true, text));
    }
    let painter = ui.painter();
    for pl in &placed {
        painter.galley(pl.pos, Arc::clone(&pl.galley), style.ink);
    }
    if !state.marks.is_empty() {
        let color = theme::suggestion(ui.visuals());
        for pl in &placed {
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

    // Anchor for next frame: the paragraph at the top of the view.
    let view_top = clip.top() - origin.y + shift;
    let top_p = state.view.geometry.at(view_top.max(0.0));
    state.view.anchor = Some((top_p, state.view.geometry.top(top_p)));
    if shift.abs() > 0.01 {
        state.view.pending_offset = Some(offset + shift);
    }

    // Scrolling to a range: centre it, again for a few frames while the heights around it
    // settle, until the offset asked for stops moving (it may be clamped at an end).
    if let Some((target, frames, last)) = state.view.scroll_target.take() {
        let p = state.view.paragraphs.of(target.start);
        let dynamic = dynamic!(state, selected, flash_level);
        let galley = paragraph_galley(ui, &mut state.view, document, &dynamic, p, style);
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

    // Keep the cache bounded: drop galleys not used in the last two frames once it is full.
    let frame = state.view.frame;
    if state.view.galleys.len() > MAX_CACHED_GALLEYS {
        state.view.galleys.retain(|_, c| c.used + 1 >= frame);
    }
    out.response = Some(response);
    out
}

fn handle_pointer(
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
            state.selection = (c != anchor).then(|| CharRange::new(anchor.min(c), anchor.max(c)));
            state.selection_focus = Some(c);
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
