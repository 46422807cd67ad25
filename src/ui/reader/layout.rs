//! Laying out the article: where its paragraphs are, which annotations cover each, and each
//! paragraph's galley with its highlights (cached by what it depends on).

use super::annotation_index::AnnotationIndex;
use super::scroll::Geometry;
use crate::anchor::{CharRange, TextIndex};
use crate::model::{Document, DocumentId};
use crate::ui::highlight::{segments, span_look};
use crate::ui::theme;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Stroke, Ui};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

// ----- the document's paragraphs -----

/// Where the paragraphs of a text are. Paragraph `i` is chars `starts[i]..ends[i]` (without its `\n`).
#[derive(Debug, Default)]
pub(super) struct Paragraphs {
    pub(super) doc: Option<DocumentId>,
    pub(super) text_len: usize,
    pub(super) starts: Vec<usize>,
    pub(super) ends: Vec<usize>,
    pub(super) byte_starts: Vec<usize>,
    pub(super) byte_ends: Vec<usize>,
}

impl Paragraphs {
    pub(super) fn new(doc: &Document) -> Self {
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

    pub(super) fn matches(&self, doc: &Document) -> bool {
        self.doc.as_ref() == Some(&doc.id) && self.text_len == doc.text.len()
    }

    pub(super) fn len(&self) -> usize {
        self.starts.len()
    }

    /// The paragraph holding char `pos` (a `\n` belongs to the paragraph it ends).
    pub(super) fn of(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }

    pub(super) fn chars(&self, p: usize) -> usize {
        self.ends.get(p).copied().unwrap_or(0).saturating_sub(self.starts.get(p).copied().unwrap_or(0))
    }

    pub(super) fn start(&self, p: usize) -> usize {
        self.starts.get(p).copied().unwrap_or(0)
    }

    pub(super) fn text<'a>(&self, doc: &'a Document, p: usize) -> &'a str {
        let (a, b) = (self.byte_starts.get(p).copied().unwrap_or(0), self.byte_ends.get(p).copied().unwrap_or(0));
        doc.text.get(a..b).unwrap_or("")
    }

    /// `range` clipped to paragraph `p`, in the paragraph's own char offsets.
    pub(super) fn local(&self, p: usize, range: CharRange) -> Option<CharRange> {
        let (first, end) = (self.start(p), self.ends.get(p).copied().unwrap_or(0));
        let (from, to) = (range.start.max(first), range.end.min(end));
        (from < to).then(|| CharRange::new(from - first, to - first))
    }
}

// ----- the view's caches -----

pub(super) struct CachedGalley {
    pub(super) galley: Arc<Galley>,
    pub(super) used: u64,
}

#[derive(Default)]
pub(super) struct View {
    pub(super) paragraphs: Paragraphs,
    pub(super) annotations: AnnotationIndex,
    pub(super) geometry: Geometry,
    pub(super) galleys: HashMap<u64, CachedGalley>,
    pub(super) frame: u64,
    /// The paragraph at the top of the view last frame, and its top then.
    pub(super) anchor: Option<(usize, f32)>,
    /// Scroll the view to this offset next frame.
    pub(super) pending_offset: Option<f32>,
    /// Keep centring this range for a few frames, while heights around it settle.
    pub(super) scroll_target: Option<(CharRange, u8, Option<f32>)>,
    /// Where a drag selection started.
    pub(super) drag_anchor: Option<usize>,
    /// The paragraphs painted last frame (where each char is on screen).
    pub(super) placed: Vec<super::interaction::Placed>,
    /// Put the view back where this document was (paragraph, offset into it; `None`: its top), for a few frames
    /// while the heights around it settle.
    pub(super) restore: Option<(Option<(usize, f32)>, u8)>,
}

impl std::fmt::Debug for View {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("View")
            .field("paragraphs", &self.paragraphs.len())
            .field("annotation_layers", &self.annotations.layer_count())
            .field("cached_galleys", &self.galleys.len())
            .field("anchor", &self.anchor)
            .finish_non_exhaustive()
    }
}

/// What a paragraph's galley depends on besides its text.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub(super) enum Layer {
    Annotation { color: Color32, selected: bool, hovered: bool },
    Find { current: bool },
    Selection,
    Flash(u8),
}

/// Everything that styles the article's text this frame.
pub(super) struct Style {
    pub(super) size: f32,
    pub(super) width: f32,
    pub(super) zoom: f32,
    pub(super) ink: Color32,
    pub(super) page: Color32,
    pub(super) strength: f32,
    pub(super) dark: bool,
    pub(super) selection: Color32,
    pub(super) flash_color: Color32,
    pub(super) find_match: Color32,
    pub(super) find_current: Color32,
}

impl Style {
    /// The style of the article at text size `size`, wrap width `width` and `zoom`, in `visuals`.
    pub(super) fn of(visuals: &egui::Visuals, size: f32, width: f32, zoom: f32) -> Self {
        Self {
            size,
            width,
            zoom,
            ink: theme::ink(visuals),
            page: theme::page(visuals),
            strength: theme::highlight_strength(visuals),
            dark: visuals.dark_mode,
            selection: visuals.selection.bg_fill,
            flash_color: visuals.selection.stroke.color,
            find_match: theme::find_match(visuals),
            find_current: theme::find_current(visuals),
        }
    }

    pub(super) fn hash_into(&self, h: &mut impl Hasher) {
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
pub(super) struct Dynamic<'a> {
    pub(super) find_matches: &'a [CharRange],
    pub(super) find_current: usize,
    pub(super) selection: Option<CharRange>,
    pub(super) flash: Option<CharRange>,
    pub(super) flash_level: u8,
    pub(super) selected: Option<usize>,
    pub(super) hovered: Option<usize>,
}

/// The layers over paragraph `p`: annotations in document order, then find matches, the
/// selection and the flash (as the old single-galley view ordered them).
pub(super) fn paragraph_layers(view: &View, state: &Dynamic<'_>, p: usize) -> Vec<(CharRange, usize, Layer)> {
    let (selected, hovered, flash_level) = (state.selected, state.hovered, state.flash_level);
    let paragraphs = &view.paragraphs;
    let mut out: Vec<(CharRange, usize, Layer)> = view
        .annotations
        .of(p)
        .iter()
        .map(|l| {
            let (selected, hovered) = (selected == Some(l.annotation), hovered == Some(l.annotation));
            (l.range, l.extent, Layer::Annotation { color: l.color, selected, hovered })
        })
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

pub(super) fn build_job(text: &str, layers: &[(CharRange, usize, Layer)], style: &Style) -> LayoutJob {
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
            match layers.get(i).map(|l| (l.1, l.2)) {
                Some((extent, Layer::Annotation { color, selected, hovered })) => {
                    let look = span_look(extent, selected, hovered);
                    bg = theme::mix(bg, color, style.strength * look.tint);
                    tinted = true;
                    if look.underline > 0.0 {
                        underline = Some(Stroke::new(look.underline, color));
                    }
                }
                Some((_, Layer::Find { current })) => {
                    bg = if current { style.find_current } else { style.find_match };
                    tinted = true;
                }
                Some((_, Layer::Selection)) => {
                    bg = theme::mix(bg, style.selection, 0.8);
                    tinted = true;
                }
                Some((_, Layer::Flash(level))) => {
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
pub(super) fn paragraph_galley(
    ui: &Ui,
    view: &mut View,
    document: &Document,
    state: &Dynamic<'_>,
    p: usize,
    style: &Style,
) -> Arc<Galley> {
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
