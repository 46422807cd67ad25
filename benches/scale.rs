//! Scaling benchmark: every figure of the product at 1, 2, 5 and 10 MB of article text with
//! 10k, 20k, 50k and 100k annotations (`claimlens::testdata::scaled_project`), and how its cost
//! per MB grows.
//!
//! `cargo bench --bench scale` prints, for each figure and size, `scale.FIGURE.MBmb VALUE ms`, the
//! growth `scale.FIGURE.per_mb_10_vs_1 RATIO` (cost per MB at 10 MB divided by cost per MB at
//! 1 MB: 1 is linear, below 1 is better than linear, the goal is at most 1.3), and
//! `frame.10mb.open VALUE ms`. A Markdown table goes to stderr. `-- --plot PATH` also writes the
//! growth as an SVG plot (the README shows `benches/scale.svg`); `-- --sizes 1,2` measures fewer
//! sizes.
//!
//! Figures: `open` (the reader's first frame on the opened document), `steady` and `scroll`
//! (95th percentile of quiet frames and of frames scrolling a screen), `add_highlight` and
//! `resize` (medians), `save` and `load` (the project file, medians), `reanchor` (to an edited
//! version: words changed in one paragraph in 31, a sentence inserted in one in 50, one in 97
//! deleted), `suggest` (attribution suggestions on the whole text) and `export_w3c`.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]
#![allow(clippy::format_push_string, reason = "a table and a plot built once")]

#[path = "support/reader_bench.rs"]
mod reader_bench;

use claimlens::formats::export::{ExportFormat, export};
use claimlens::model::Project;
use claimlens::store::{self, Overwrite};
use reader_bench::{Bench, Drawing, HEIGHT, add_and_resize, ms, percentile};
use std::time::{Duration, Instant};

const FIGURES: [&str; 11] =
    ["open", "steady", "scroll", "add_highlight", "resize", "save", "load", "reanchor", "suggest", "export_w3c", "open_file"];

/// Every figure of one size, in ms, in the order of [`FIGURES`].
fn measure(mb: usize) -> Vec<f64> {
    let project = claimlens::testdata::scaled_project(mb).expect("the PolNeAR train texts (../shared/data)");
    let text = project.documents[0].text.clone();
    eprintln!("scale {mb} MB: {} chars, {} annotations", text.chars().count(), project.documents[0].annotations.len());
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("scale.claimlens.ron");
    // Small sizes take milliseconds, where another process's moment on a core is a large share:
    // more runs there (medians throughout).
    let runs = if mb <= 2 { 7 } else { 3 };
    let (save, load, open_file) = store_figures(&project, &path, runs);
    let reanchor = time_median(runs, || {
        let edited = edited_version(&text);
        let start = Instant::now();
        std::hint::black_box(claimlens::reanchor::reanchor(&text, &project.documents[0].annotations, &edited));
        start.elapsed()
    });
    let suggest = time_median(runs / 2, || {
        let start = Instant::now();
        std::hint::black_box(claimlens::analysis::attribution::suggest(&text));
        start.elapsed()
    });
    let export_w3c = time_median(runs, || {
        let start = Instant::now();
        std::hint::black_box(export(&project, ExportFormat::W3c).expect("W3C export"));
        start.elapsed()
    });
    let (open, steady, scroll, add, resize) = frame_figures(project);
    vec![open, steady, scroll, add, resize, save, load, reanchor, suggest, export_w3c, open_file]
}

/// Save, load, and load plus the reader's first frame (what opening a project file costs before
/// the article shows), medians of `runs` in ms.
fn store_figures(project: &Project, path: &std::path::Path, runs: usize) -> (f64, f64, f64) {
    let mut fingerprint = store::save(path, project, None, Overwrite::Force).expect("first save");
    let save = time_median(runs, || {
        let start = Instant::now();
        fingerprint = store::save(path, project, Some(&fingerprint), Overwrite::IfUnchanged).expect("save");
        start.elapsed()
    });
    let load = time_median(runs, || {
        let start = Instant::now();
        std::hint::black_box(store::load(path).expect("load"));
        start.elapsed()
    });
    let open_file = time_median(runs / 2, || {
        let start = Instant::now();
        let loaded = store::load(path).expect("load").project;
        let read = start.elapsed();
        // A context warmed up on other text, as the window's is when a file is opened.
        let mut b = Bench::new(loaded, Drawing::Reader);
        read + b.frame()
    });
    (save, load, open_file)
}

/// The reader's frames: first, steady p95, scrolling p95, add-highlight and resize medians.
fn frame_figures(project: Project) -> (f64, f64, f64, f64, f64) {
    let mut b = Bench::new(project, Drawing::Reader);
    let open = ms(b.frame());
    for _ in 0..5 {
        b.frame();
    }
    let steady = percentile((0..60).map(|_| ms(b.frame())).collect(), 0.95);
    let scroll = percentile((0..60).map(|_| ms(b.wheel(-HEIGHT))).collect(), 0.95);
    let (add, resize) = add_and_resize(&mut b, 9);
    (open, steady, scroll, add, resize)
}

fn time_median(runs: usize, mut f: impl FnMut() -> Duration) -> f64 {
    percentile((0..runs).map(|_| ms(f())).collect(), 0.5)
}

/// The text with words changed in one paragraph in 31, a sentence inserted at the start of one
/// in 50 and one in 97 deleted.
fn edited_version(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 50);
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i % 97 == 96 {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        if i % 50 == 7 {
            out.push_str("An editor's note was added here later. ");
        }
        if i % 31 == 3 {
            out.push_str(&paragraph.replacen(" the ", " that ", 2));
        } else {
            out.push_str(paragraph);
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `cargo test --benches` runs benches without `--bench`: the smallest size only.
    let quick = !args.iter().any(|a| a == "--bench");
    let sizes: Vec<usize> = match args.iter().position(|a| a == "--sizes") {
        Some(i) => args[i + 1].split(',').map(|s| s.parse().expect("--sizes 1,2,5,10")).collect(),
        None if quick => vec![1],
        None => vec![1, 2, 5, 10],
    };
    let results: Vec<(usize, Vec<f64>)> = sizes.iter().map(|&mb| (mb, measure(mb))).collect();
    for (mb, values) in &results {
        for (figure, value) in FIGURES.iter().zip(values) {
            println!("scale.{figure}.{mb}mb {value:.3} ms");
        }
    }
    if let Some((_, ten)) = results.iter().find(|(mb, _)| *mb == 10) {
        println!("frame.10mb.open {:.3} ms", ten[0]);
    }
    let first = results.first().map(|(mb, v)| (*mb, v.clone()));
    if let Some((base_mb, base)) = first {
        for (mb, values) in results.iter().skip(1) {
            for ((figure, value), b) in FIGURES.iter().zip(values).zip(&base) {
                let growth = (value / *mb as f64) / (b / base_mb as f64);
                println!("scale.{figure}.per_mb_{mb}_vs_{base_mb} {growth:.3}");
            }
        }
    }
    eprintln!("{}", markdown_table(&results));
    if let Some(i) = args.iter().position(|a| a == "--plot") {
        let path = &args[i + 1];
        std::fs::write(path, svg_plot(&results)).expect("write the plot");
        eprintln!("wrote {path}");
    }
}

/// The table the README shows: each figure's ms at each size and its cost per MB relative to 1 MB.
fn markdown_table(results: &[(usize, Vec<f64>)]) -> String {
    let mut t = String::from("| figure |");
    for (mb, _) in results {
        t.push_str(&format!(" {mb} MB |"));
    }
    t.push_str(" per MB, 10 vs 1 |\n|---|");
    for _ in 0..=results.len() {
        t.push_str("---|");
    }
    t.push('\n');
    for (k, figure) in FIGURES.iter().enumerate() {
        t.push_str(&format!("| {figure} |"));
        for (_, values) in results {
            t.push_str(&format!(" {:.1} ms |", values[k]));
        }
        let growth = match (results.first(), results.iter().find(|(mb, _)| *mb == 10)) {
            (Some((b_mb, b)), Some((_, ten))) => format!("{:.2}", (ten[k] / 10.0) / (b[k] / *b_mb as f64)),
            _ => "–".to_owned(),
        };
        t.push_str(&format!(" {growth} |\n"));
    }
    t
}

/// Cost per MB of each figure at each size divided by its cost per MB at the smallest size, as
/// lines on a log-scaled size axis (1 is linear growth).
fn svg_plot(results: &[(usize, Vec<f64>)]) -> String {
    const W: f64 = 640.0;
    const H: f64 = 320.0;
    const LEFT: f64 = 56.0;
    const RIGHT: f64 = 150.0;
    const TOP: f64 = 20.0;
    const BOTTOM: f64 = 40.0;
    let colours =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79"];
    let Some((base_mb, base)) = results.first() else { return String::new() };
    let growth = |k: usize, mb: usize, v: &[f64]| (v[k] / mb as f64) / (base[k] / *base_mb as f64);
    let top_y = results.iter().flat_map(|(mb, v)| (0..FIGURES.len()).map(move |k| growth(k, *mb, v))).fold(1.5_f64, f64::max);
    let max_mb = results.iter().map(|(mb, _)| *mb).max().unwrap_or(1) as f64;
    let x = |mb: usize| LEFT + (mb as f64).ln() / max_mb.ln().max(1e-9) * (W - LEFT - RIGHT);
    let y = |g: f64| TOP + (1.0 - g / top_y) * (H - TOP - BOTTOM);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" font-family=\"sans-serif\" font-size=\"12\">\n\
         <rect width=\"{W}\" height=\"{H}\" fill=\"white\"/>\n"
    );
    for g in [0.0, 0.5, 1.0, 1.3, top_y] {
        let dash = if (g - 1.3).abs() < 1e-9 { " stroke-dasharray=\"4 3\"" } else { "" };
        s.push_str(&format!(
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#ccc\"{dash}/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{g:.1}</text>\n",
            W - RIGHT,
            LEFT - 6.0,
            y(g) + 4.0,
            y = y(g)
        ));
    }
    for (mb, _) in results {
        s.push_str(&format!("<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{mb} MB</text>\n", x(*mb), H - BOTTOM + 18.0));
    }
    s.push_str(&format!(
        "<text x=\"{LEFT}\" y=\"{}\" >cost per MB relative to {base_mb} MB (1 = linear; dashed: the 1.3 goal)</text>\n",
        H - 6.0
    ));
    for (k, figure) in FIGURES.iter().enumerate() {
        let colour = colours[k % colours.len()];
        let points: Vec<String> = results.iter().map(|(mb, v)| format!("{:.1},{:.1}", x(*mb), y(growth(k, *mb, v)))).collect();
        s.push_str(&format!(
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\"/>\n",
            points.join(" ")
        ));
        let ly = TOP + 14.0 * k as f64 + 8.0;
        s.push_str(&format!(
            "<line x1=\"{}\" x2=\"{}\" y1=\"{ly:.1}\" y2=\"{ly:.1}\" stroke=\"{colour}\" stroke-width=\"2\"/><text x=\"{}\" y=\"{:.1}\">{figure}</text>\n",
            W - RIGHT + 10.0,
            W - RIGHT + 28.0,
            W - RIGHT + 34.0,
            ly + 4.0
        ));
    }
    s.push_str("</svg>\n");
    s
}
