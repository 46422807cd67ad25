//! Frame benchmark: the real article view (`reader_ui`) in a plain `egui::Context` (no AccessKit,
//! no GPU), on the bundled sample and on a 1 MB article with 10,000 annotations built from the
//! `PolNeAR` train texts (`claimlens::testdata`).
//!
//! `cargo bench --bench frame` prints one line per figure, `NAME VALUE ms` (and `mem.large_mb
//! VALUE MB`). Frame times are wall time of `Context::run_ui` plus tessellation.
//! `cargo bench --bench frame -- --write PATH` writes the large project to PATH instead.
//!
//! In the same run, the large article is also drawn the naive way a plain egui app draws it (one
//! `LayoutJob` galley of the whole text with a background section per highlight, in a
//! `ScrollArea`), and `frame.large.add_highlight.vs_naive` and `frame.large.resize.vs_naive`
//! print the reader's time divided by the naive way's (below 1 is faster): ratios hold across
//! machines, and `.ci/run` fails when one exceeds its ceiling.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

#[path = "support/reader_bench.rs"]
mod reader_bench;

use claimlens::anchor::CharRange;
use claimlens::model::Project;
use reader_bench::{Bench, Drawing, HEIGHT, add_and_resize, ms, percentile};
use std::time::Instant;

/// Resident memory of this process, in MB.
pub fn resident_mb() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0.0);
    pages * 4096.0 / (1024.0 * 1024.0)
}

fn print(name: &str, value: f64) {
    println!("{name} {value:.3} ms");
}

/// Runs every figure for one project. Returns the memory growth after scrolling end to end, and
/// the median add-highlight and resize frames.
fn bench_case(name: &str, project: Project, scroll_frames_max: usize) -> (f64, f64, f64) {
    let mut b = Bench::new(project, Drawing::Reader);
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

    // Add annotations in view: the next frame re-lays out only the paragraphs they touch. Then
    // resize: a new wrap width every time.
    let (add, resize) = add_and_resize(&mut b, 21);

    print(&format!("frame.{name}.steady_p95"), percentile(steady, 0.95));
    print(&format!("frame.{name}.scroll_p95"), percentile(scroll, 0.95));
    print(&format!("frame.{name}.add_highlight"), add);
    print(&format!("frame.{name}.resize"), resize);
    print(&format!("frame.{name}.open"), ms(open));
    (grown, add, resize)
}

/// The naive way on the same project, in the same run: one galley of the whole text (see
/// `reader_bench::Drawing::OneGalley`). Prints its figures and the reader's time divided by its
/// (below 1 is faster).
fn naive_case(name: &str, project: Project, reader_add: f64, reader_resize: f64) {
    let mut b = Bench::new(project, Drawing::OneGalley);
    let open = b.frame();
    b.frame();
    // Each of its frames after an edit lays out the whole text: a few are enough for a median.
    let (add, resize) = add_and_resize(&mut b, 5);
    print(&format!("frame.{name}.naive_open"), ms(open));
    print(&format!("frame.{name}.naive_add_highlight"), add);
    print(&format!("frame.{name}.naive_resize"), resize);
    println!("frame.{name}.add_highlight.vs_naive {:.4}", reader_add / add);
    println!("frame.{name}.resize.vs_naive {:.4}", reader_resize / resize);
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
    let (grown, add, resize) = bench_case("large", large.clone(), 20_000);
    naive_case("large", large.clone(), add, resize);
    // After the reader's figures, so that the memory figure is the reader's alone.
    window_case("large", &large);
    println!("mem.large_mb {grown:.1} MB");
}
