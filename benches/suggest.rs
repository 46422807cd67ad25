//! Suggester throughput: `analysis::attribution::suggest` over the `PolNeAR` dev texts on one
//! thread, repeated for at least one second after a warm-up pass, then once on one ~20 MB
//! article made of the `PolNeAR` train texts one after another. Prints
//! `suggest.mb_per_s VALUE MB/s` (MB = 10^6 bytes of UTF-8 text), `suggest.files N`,
//! `suggest.large_article_mb_per_s VALUE MB/s` and `suggest.large_to_small_ratio R` (1 when the
//! time grows linearly with the article's length).

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.

use claimlens::analysis::attribution::suggest;
use std::hint::black_box;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/dev/text");
    let mut paths: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(entries) => {
            entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect()
        }
        Err(e) => {
            eprintln!("suggest bench: {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    paths.sort();
    let texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    if texts.is_empty() {
        eprintln!("suggest bench: no .txt files in {}", dir.display());
        return ExitCode::FAILURE;
    }
    let bytes_per_pass: usize = texts.iter().map(String::len).sum();
    for t in &texts {
        black_box(suggest(black_box(t)));
    }
    let start = Instant::now();
    let mut passes = 0u32;
    while passes == 0 || start.elapsed() < Duration::from_secs(1) {
        for t in &texts {
            black_box(suggest(black_box(t)));
        }
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = f64::from(passes) * bytes_per_pass as f64 / 1e6;
    let small = mb / secs;
    println!("suggest.mb_per_s {small:.3} MB/s");
    println!("suggest.files {}", texts.len());
    let large = large_article(&dir.join("../../train/text"), &texts);
    let start = Instant::now();
    black_box(suggest(black_box(&large)));
    let large_mb_per_s = large.len() as f64 / 1e6 / start.elapsed().as_secs_f64();
    println!("suggest.large_article_mb_per_s {large_mb_per_s:.3} MB/s");
    println!("suggest.large_to_small_ratio {:.3}", large_mb_per_s / small);
    ExitCode::SUCCESS
}

/// One article of about 20 MB: the texts of `dir` (else `fallback`) in name order, repeated,
/// a blank line between two.
fn large_article(dir: &Path, fallback: &[String]) -> String {
    const BYTES: usize = 20_000_000;
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| {
            entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect()
        })
        .unwrap_or_default();
    paths.sort();
    let mut texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    if texts.is_empty() {
        texts = fallback.to_vec();
    }
    let mut out = String::with_capacity(BYTES + 100_000);
    for t in texts.iter().cycle() {
        if out.len() >= BYTES {
            break;
        }
        out.push_str(t.trim_end());
        out.push_str("\n\n");
    }
    out
}
