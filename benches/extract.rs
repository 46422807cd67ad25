//! Article extraction from web pages on the 60 dev pages of the extraction benchmark
//! (`../shared/data/web-articles/dev`), scored with the benchmark's metric
//! (`claimlens::formats::html::score`, the same as `../shared/tools/score_extraction.py`).
//!
//! Prints `extract.f1_dev` (with precision and recall), `extract.ms_per_page` (median over
//! pages of the best of three runs, one core), and the same figures for two baselines measured
//! in this run: all the body's text with the tags stripped (`extract.naive_*`) and
//! `dom_smoothie`'s own `text_content` without claimlens's paragraph pass
//! (`extract.readability_*`); `extract.vs_naive` and `extract.vs_readability` are F1 ratios.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use claimlens::formats::html::score::{PageCounts, Score, page_counts, score};
use claimlens::formats::html::{self, decode::decode};
use std::path::Path;
use std::time::Instant;

struct Page {
    truth: String,
    url: Option<String>,
    bytes: Vec<u8>,
}

fn pages() -> Vec<Page> {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/web-articles/dev");
    let truth: serde_json::Value = serde_json::from_slice(&std::fs::read(dev.join("ground-truth.json")).unwrap()).unwrap();
    let mut out = Vec::new();
    for (name, entry) in truth.as_object().unwrap() {
        out.push(Page {
            truth: entry["articleBody"].as_str().unwrap_or("").to_owned(),
            url: entry["url"].as_str().map(str::to_owned),
            bytes: std::fs::read(dev.join("html").join(format!("{name}.html"))).unwrap(),
        });
    }
    out
}

/// Runs `f` on every page; the score and the median of each page's best of three times.
fn measure(pages: &[Page], f: impl Fn(&Page) -> String) -> (Score, f64) {
    let mut counts: Vec<PageCounts> = Vec::new();
    let mut ms: Vec<f64> = Vec::new();
    for page in pages {
        let mut best = f64::INFINITY;
        let mut text = String::new();
        for _ in 0..3 {
            let start = Instant::now();
            text = f(page);
            best = best.min(start.elapsed().as_secs_f64() * 1000.0);
        }
        counts.push(page_counts(&page.truth, &text));
        ms.push(best);
    }
    ms.sort_by(f64::total_cmp);
    (score(&counts), ms[ms.len() / 2])
}

fn naive(page: &Page) -> String {
    let (text, _) = decode(&page.bytes);
    let doc = dom_query::Document::from(text.as_str());
    doc.select("script, style, noscript").remove();
    doc.select("body").text().to_string()
}

fn readability(page: &Page) -> String {
    let (text, _) = decode(&page.bytes);
    dom_smoothie::Readability::new(text.as_str(), None, None)
        .and_then(|mut r| r.parse())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default()
}

fn print(prefix: &str, s: Score, ms: f64) {
    println!("{prefix}f1_dev {:.4} F1", s.f1);
    println!("{prefix}precision_dev {:.4} P", s.precision);
    println!("{prefix}recall_dev {:.4} R", s.recall);
    println!("{prefix}ms_per_page {ms:.2} ms");
}

fn main() {
    let pages = pages();
    let (ours, ours_ms) = measure(&pages, |p| html::extract(&p.bytes, p.url.as_deref()).map(|a| a.text()).unwrap_or_default());
    let (plain, plain_ms) = measure(&pages, naive);
    let (ds, ds_ms) = measure(&pages, readability);
    print("extract.", ours, ours_ms);
    print("extract.naive_", plain, plain_ms);
    print("extract.readability_", ds, ds_ms);
    println!("extract.vs_naive {:.3} x", ours.f1 / plain.f1);
    println!("extract.vs_readability {:.3} x", ours.f1 / ds.f1);
}
