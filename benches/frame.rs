//! Frame benchmark: the real article view (`reader_ui`) in a plain `egui::Context` (no AccessKit,
//! no GPU), on the bundled sample and on a 1 MB article with 10,000 annotations built from the
//! `PolNeAR` train texts (`claimlens::testdata`).
//!
//! `cargo bench --bench frame` prints one line per figure, `NAME VALUE ms` (and `mem.large_mb
//! VALUE MB`). Frame times are wall time of `Context::run_ui` plus tessellation.
//! `cargo bench --bench frame -- --write PATH` writes the large project to PATH instead.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use claimlens::anchor::{CharRange, TextIndex};
use claimlens::model::{Annotation, Project};
use claimlens::ui::reader::{ReaderState, reader_ui};
use std::time::{Duration, Instant};

const HEIGHT: f32 = 800.0;
const WIDTH: f32 = 1000.0;

struct Bench {
    ctx: egui::Context,
    state: ReaderState,
    project: Project,
    revision: u64,
    width: f32,
    time: f64,
}

impl Bench {
    fn new(project: Project) -> Self {
        let ctx = egui::Context::default();
        claimlens::ui::theme::install_fonts(&ctx);
        ctx.set_theme(egui::Theme::Light);
        let mut b = Self { ctx, state: ReaderState::default(), project, revision: 1, width: WIDTH, time: 0.0 };
        // Warm up the context (fonts, atlas) on something else than the article.
        for _ in 0..3 {
            b.run(Vec::new(), false);
        }
        b
    }

    /// One frame; returns its wall time (UI pass and tessellation).
    fn run(&mut self, events: Vec<egui::Event>, article: bool) -> Duration {
        self.time += 1.0 / 60.0;
        let raw = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(self.width, HEIGHT))),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let Self { ctx, state, project, revision, .. } = self;
        let start = Instant::now();
        let mut output = ctx.run_ui(raw, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                if article {
                    let doc = &project.documents[0];
                    reader_ui(ui, project, doc, state, 1.0, *revision);
                } else {
                    ui.label("Warming up: abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?");
                }
            });
        });
        let primitives = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        output.textures_delta.clear();
        let elapsed = start.elapsed();
        if std::env::var_os("FRAME_BENCH_DEBUG").is_some() {
            let vertices: usize = primitives
                .iter()
                .map(|p| match &p.primitive {
                    egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
                    egui::epaint::Primitive::Callback(_) => 0,
                })
                .sum();
            eprintln!("frame: {vertices} vertices, {} galleys cached, top {:?}", state.cached_galleys(), state.top_paragraph());
        }
        std::hint::black_box(primitives);
        elapsed
    }

    fn frame(&mut self) -> Duration {
        self.run(Vec::new(), true)
    }

    fn wheel(&mut self, dy: f32) -> Duration {
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

    /// Adds an annotation over `range` (outside the timed frame, like an edit between frames).
    fn annotate(&mut self, range: CharRange, n: usize) {
        let doc = &mut self.project.documents[0];
        let index = TextIndex::new(&doc.text);
        let label = self.project.labels[n % self.project.labels.len()].name.clone();
        let mut a = Annotation::new(&index, label, vec![range], "bench");
        a.id = claimlens::model::AnnotationId(format!("a-bench{n:05}"));
        doc.annotations.push(a);
        self.revision += 1;
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(mut v: Vec<f64>, q: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let i = ((v.len() as f64 - 1.0) * q).round() as usize;
    v[i.min(v.len() - 1)]
}

fn resident_mb() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0.0);
    pages * 4096.0 / (1024.0 * 1024.0)
}

fn print(name: &str, value: f64) {
    println!("{name} {value:.3} ms");
}

/// Runs every figure for one project. Returns the memory growth after scrolling end to end.
fn bench_case(name: &str, project: Project, scroll_frames_max: usize) -> f64 {
    let mut b = Bench::new(project);
    let before = resident_mb();

    let open = b.frame();
    // Let the first measurements settle (estimates, anchor).
    for _ in 0..5 {
        b.frame();
    }

    let steady: Vec<f64> = (0..300).map(|_| ms(b.frame())).collect();

    // Scroll a screen per frame, to the end and back (the short sample turns round often).
    let mut scroll = Vec::new();
    let mut direction = -1.0;
    let mut last_top = b.state.top_paragraph();
    let mut still = 0;
    let mut turns = 0;
    while scroll.len() < scroll_frames_max {
        scroll.push(ms(b.wheel(direction * HEIGHT)));
        let top = b.state.top_paragraph();
        if top == last_top {
            still += 1;
        } else {
            still = 0;
        }
        last_top = top;
        if still >= 3 {
            // An end: turn round (once for the large article: top to bottom is the run).
            turns += 1;
            if turns >= 2 && scroll.len() >= 200 {
                break;
            }
            direction = -direction;
            still = 0;
        }
    }
    let grown = resident_mb() - before;
    eprintln!("{name}: {} scroll frames, {} turns, top paragraph {:?}", scroll.len(), turns, b.state.top_paragraph());
    // Back to the top, without timing.
    b.state.scroll_to = Some(CharRange::new(0, 1));
    for _ in 0..10 {
        b.frame();
    }

    // Add annotations in view: the next frame re-lays out only the paragraphs they touch.
    let top = b.state.top_paragraph().unwrap_or(0);
    let base = b.state.paragraph_start(top);
    let mut add = Vec::new();
    for n in 0..21 {
        let start = base + 10 + n * 13;
        b.annotate(CharRange::new(start, start + 9), n);
        add.push(ms(b.frame()));
        b.frame();
    }

    // Resize: a new wrap width every time (window widths below the 35-em measure, so that the
    // text re-wraps).
    let mut resize = Vec::new();
    for k in 0..21 {
        b.width = 420.0 + 7.0 * (k as f32);
        resize.push(ms(b.frame()));
        b.frame();
    }

    print(&format!("frame.{name}.steady_p95"), percentile(steady, 0.95));
    print(&format!("frame.{name}.scroll_p95"), percentile(scroll, 0.95));
    print(&format!("frame.{name}.add_highlight"), percentile(add, 0.5));
    print(&format!("frame.{name}.resize"), percentile(resize, 0.5));
    print(&format!("frame.{name}.open"), ms(open));
    grown
}

/// The whole window (menus, side panel on its Claims tab, reader) on a project: the 95th
/// percentile of steady frames, and of frames scrolling the Claims list.
fn window_case(name: &str, project: &Project) {
    let dir = std::env::temp_dir().join(format!("claimlens-frame-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bench.claimlens.ron");
    claimlens::store::save(&path, project, None, claimlens::store::Overwrite::Force).expect("saved");
    let mut app = claimlens::ui::ClaimlensApp::new(claimlens::ui::Settings::default());
    app.open_project(&path);
    let ctx = egui::Context::default();
    claimlens::ui::theme::install_fonts(&ctx);
    ctx.set_theme(egui::Theme::Light);
    let mut time = 0.0;
    let mut frame = |events: Vec<egui::Event>| {
        time += 1.0 / 60.0;
        let raw = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))),
            time: Some(time),
            events,
            ..Default::default()
        };
        let start = Instant::now();
        let output = ctx.run_ui(raw, |ui| app.ui(ui));
        std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
        ms(start.elapsed())
    };
    for _ in 0..10 {
        frame(Vec::new());
    }
    let steady: Vec<f64> = (0..200).map(|_| frame(Vec::new())).collect();
    // Wheel over the side panel (right of the reader).
    let scroll: Vec<f64> = (0..200)
        .map(|k| {
            frame(vec![
                egui::Event::PointerMoved(egui::pos2(1150.0, 500.0)),
                egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: egui::vec2(0.0, if k < 100 { -400.0 } else { 400.0 }),
                    phase: egui::TouchPhase::Move,
                    modifiers: egui::Modifiers::NONE,
                    source: egui::MouseWheelSource::Wheel,
                },
            ])
        })
        .collect();
    if std::env::var_os("FRAME_BENCH_DEBUG").is_some() {
        eprintln!("scroll frames: {:?}", scroll.iter().map(|x| (x * 10.0).round() / 10.0).collect::<Vec<_>>());
    }
    let claims = project.documents.first().map_or(0, |d| d.claims.len());
    eprintln!("window {name}: {claims} claims in the Claims tab");
    print(&format!("frame.{name}.window_steady_p95"), percentile(steady, 0.95));
    print(&format!("frame.{name}.window_claims_scroll_p95"), percentile(scroll, 0.95));
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--write") {
        let path = std::path::PathBuf::from(args.get(i + 1).expect("--write PATH"));
        let project = claimlens::testdata::large_project().expect("the PolNeAR train texts");
        claimlens::store::save(&path, &project, None, claimlens::store::Overwrite::Force).expect("saved");
        println!("wrote {}", path.display());
        return;
    }
    let sample = claimlens::store::from_ron(claimlens::ui::SAMPLE_PROJECT, std::path::Path::new("sample.claimlens.ron"))
        .expect("the bundled sample")
        .0;
    window_case("sample", &sample);
    bench_case("sample", sample, 400);
    let large = claimlens::testdata::large_project().expect("the PolNeAR train texts (../shared/data)");
    let grown = bench_case("large", large.clone(), 20_000);
    // After the reader's figures, so that the memory figure is the reader's alone.
    window_case("large", &large);
    println!("mem.large_mb {grown:.1} MB");
}
