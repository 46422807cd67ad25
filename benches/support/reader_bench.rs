//! The article view driven frame by frame in a plain `egui::Context` (no AccessKit, no GPU), and
//! the naive way a plain egui app draws the same article: one `LayoutJob` galley of the whole
//! text with a background section per highlight, in a `ScrollArea`. Shared by `benches/frame.rs`
//! and `benches/scale.rs`.

use claimlens::anchor::CharRange;
use claimlens::model::{Annotation, Project};
use claimlens::ops::spans::label_span;
use claimlens::ui::reader::{ReaderState, reader_ui};
use std::time::{Duration, Instant};

/// Window height of every frame.
pub const HEIGHT: f32 = 800.0;
/// Window width of every frame but the resizing ones.
pub const WIDTH: f32 = 1000.0;

/// How the article is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Drawing {
    /// claimlens's reader (`reader_ui`).
    Reader,
    /// One galley of the whole text, laid out again whenever the text, highlights or width change.
    OneGalley,
}

/// A context, the project and the reader's state, stepped one frame at a time.
pub struct Bench {
    ctx: egui::Context,
    /// The reader's state (scroll position, caches).
    pub state: ReaderState,
    /// The project whose first document is shown.
    pub project: Project,
    revision: u64,
    /// The window's width in the next frame.
    pub width: f32,
    time: f64,
    drawing: Drawing,
    /// The naive way's job, rebuilt in the frame after an edit.
    job: Option<egui::text::LayoutJob>,
    /// Scroll offset the naive way's `ScrollArea` is asked to show.
    naive_offset: f32,
}

impl Bench {
    /// A warmed-up context showing `project`'s first document.
    pub fn new(project: Project, drawing: Drawing) -> Self {
        let ctx = egui::Context::default();
        claimlens::ui::theme::install_fonts(&ctx);
        ctx.set_theme(egui::Theme::Light);
        let mut b = Self {
            ctx,
            state: ReaderState::default(),
            project,
            revision: 1,
            width: WIDTH,
            time: 0.0,
            drawing,
            job: None,
            naive_offset: 0.0,
        };
        // Warm up the context (fonts, atlas) on something else than the article.
        for _ in 0..3 {
            b.run(Vec::new(), false);
        }
        b
    }

    /// One frame; returns its wall time (UI pass and tessellation).
    pub fn run(&mut self, events: Vec<egui::Event>, article: bool) -> Duration {
        self.time += 1.0 / 60.0;
        let raw = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(self.width, HEIGHT))),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let Self { ctx, state, project, revision, drawing, job, naive_offset, .. } = self;
        let start = Instant::now();
        let mut output = ctx.run_ui(raw, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                if !article {
                    ui.label("Warming up: abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?");
                } else if *drawing == Drawing::Reader {
                    reader_ui(ui, project, &project.documents[0], state, 1.0, *revision);
                } else {
                    let job = job.get_or_insert_with(|| one_galley_job(project, ui.visuals()));
                    let shown =
                        egui::ScrollArea::vertical().vertical_scroll_offset(*naive_offset).show(ui, |ui| ui.label(job.clone()));
                    *naive_offset = shown.state.clamped_offset().y;
                }
            });
        });
        let primitives = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        output.textures_delta.clear();
        let elapsed = start.elapsed();
        std::hint::black_box(primitives);
        elapsed
    }

    /// A frame with no input.
    pub fn frame(&mut self) -> Duration {
        self.run(Vec::new(), true)
    }

    /// A frame scrolling by `dy` points.
    pub fn wheel(&mut self, dy: f32) -> Duration {
        if self.drawing == Drawing::OneGalley {
            self.naive_offset = (self.naive_offset - dy).max(0.0);
        }
        let events = vec![
            egui::Event::PointerMoved(egui::pos2(self.width / 2.0, HEIGHT / 2.0)),
            egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, dy),
                phase: egui::TouchPhase::Move,
                modifiers: egui::Modifiers::NONE,
                source: egui::MouseWheelSource::Wheel,
            },
        ];
        self.run(events, true)
    }

    /// Adds a highlight over `range` between frames, the way the window does (the span made
    /// from the selection, then its edit applied); returns how long that took. The naive way's
    /// job is rebuilt in the next frame.
    pub fn annotate(&mut self, range: CharRange, n: usize) -> Duration {
        let label = self.project.labels[n % self.project.labels.len()].name.clone();
        let start = Instant::now();
        let (changeset, _) = label_span(&self.project.documents[0], &label, &[range], "bench").expect("a span of words");
        changeset.into_edit().apply(&mut self.project).expect("a new highlight");
        let elapsed = start.elapsed();
        self.revision += 1;
        self.job = None;
        elapsed
    }

    /// Where an added annotation lands in view: the reader's top paragraph, or the start.
    pub fn first_char_in_view(&self) -> usize {
        match self.drawing {
            Drawing::Reader => self.state.top_paragraph().map_or(0, |p| self.state.paragraph_start(p)),
            Drawing::OneGalley => 0,
        }
    }
}

/// The naive way's job: the whole text, one section per run of equal highlighting (the label
/// colour of the last annotation covering it, as a background).
fn one_galley_job(project: &Project, visuals: &egui::Visuals) -> egui::text::LayoutJob {
    let doc = &project.documents[0];
    let font = egui::FontId::proportional(claimlens::ui::theme::ARTICLE_FONT_SIZE);
    let plain = egui::TextFormat::simple(font.clone(), visuals.text_color());
    // Char offsets of every start and end, swept in order with the covering annotations.
    let mut events: Vec<(usize, bool, usize)> = Vec::new();
    for (i, a) in doc.annotations.iter().enumerate() {
        for r in &a.ranges {
            events.push((r.start, true, i));
            events.push((r.end, false, i));
        }
    }
    events.sort_unstable();
    let byte_of: Vec<usize> = doc.text.char_indices().map(|(b, _)| b).chain(std::iter::once(doc.text.len())).collect();
    let mut job = egui::text::LayoutJob { text: doc.text.clone(), ..Default::default() };
    let mut covering: Vec<usize> = Vec::new();
    let mut at = 0;
    for (pos, starts, i) in events {
        let pos = pos.min(byte_of.len() - 1);
        if pos > at {
            job.sections.push(section(byte_of[at]..byte_of[pos], &plain, covering.last().map(|&i| &doc.annotations[i]), project));
            at = pos;
        }
        if starts {
            covering.push(i);
        } else if let Some(k) = covering.iter().rposition(|&c| c == i) {
            covering.remove(k);
        }
    }
    job.sections.push(section(byte_of[at]..doc.text.len(), &plain, None, project));
    job.wrap.max_width = f32::INFINITY;
    job
}

fn section(
    byte_range: std::ops::Range<usize>,
    plain: &egui::TextFormat,
    over: Option<&Annotation>,
    project: &Project,
) -> egui::text::LayoutSection {
    let mut format = plain.clone();
    if let Some(label) = over.and_then(|a| project.labels.iter().find(|l| l.name == a.label)) {
        format.background = claimlens::ui::theme::label_color(label.color).gamma_multiply(0.35);
    }
    egui::text::LayoutSection {
        leading_space: 0.0,
        byte_range: egui::epaint::text::ByteIndex(byte_range.start)..egui::epaint::text::ByteIndex(byte_range.end),
        format,
    }
}

/// Milliseconds of a duration.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The `q` quantile of `v` (0 when empty).
pub fn percentile(mut v: Vec<f64>, q: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let i = ((v.len() as f64 - 1.0) * q).round() as usize;
    v[i.min(v.len() - 1)]
}

/// The median time of adding `count` highlights in view, one per frame (with a quiet frame
/// after each): the edit and the frame that shows it; and the median frame time of `count`
/// resizes to a new wrap width each.
pub fn add_and_resize(b: &mut Bench, count: usize) -> (f64, f64) {
    let base = b.first_char_in_view();
    let mut add = Vec::new();
    for n in 0..count {
        let start = base + 10 + n * 13;
        let edit = b.annotate(CharRange::new(start, start + 9), n);
        add.push(ms(edit + b.frame()));
        b.frame();
    }
    // Window widths below the 35-em measure, so that the text re-wraps.
    let mut resize = Vec::new();
    for k in 0..count {
        b.width = 420.0 + 7.0 * (k as f32);
        resize.push(ms(b.frame()));
        b.frame();
    }
    b.width = WIDTH;
    (percentile(add, 0.5), percentile(resize, 0.5))
}
