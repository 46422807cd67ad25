//! Claim matching speed: the `PolNeAR` train and dev articles (924, with their ~20,000
//! attributions as claims) matched on one thread, as `claimlens match` does
//! (`match.ms_1000_docs`, median of 3 runs; goal ≤ 5,000 ms), then on a subset of the articles
//! the index against scoring every pair of claims, measured in the same run
//! (`match.vs_all_pairs`: all-pairs time ÷ index time; `match.subset_recall`: the share of the
//! all-pairs matches the index finds). `--write FILE` saves the project for `claimlens match`.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.

use claimlens::analysis::claim_match::{ClaimText, DEFAULT_THRESHOLD, match_all_pairs, match_claims};
use claimlens::ops::matching::{appearances, propose_links};
use claimlens::testdata::polnear_project;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

/// Documents of the all-pairs comparison (every pair of their claims is scored).
const SUBSET_DOCS: usize = 150;

fn median_ms(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(f64::total_cmp);
    runs.get(runs.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() -> ExitCode {
    let project = match polnear_project(&["train", "dev"], &|_| true) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("match bench: {e}");
            return ExitCode::FAILURE;
        }
    };
    let args: Vec<String> = std::env::args().collect();
    if let Some(path) = args.iter().position(|a| a == "--write").and_then(|i| args.get(i + 1)) {
        if let Err(e) = claimlens::store::save(path.as_ref(), &project, None, claimlens::store::Overwrite::Force) {
            eprintln!("match bench: {e}");
            return ExitCode::FAILURE;
        }
        println!("wrote {path}");
    }
    let claims: usize = project.documents.iter().map(|d| d.claims.len()).sum();
    let mut runs = Vec::new();
    let mut pairs = 0;
    for _ in 0..3 {
        let start = Instant::now();
        pairs = black_box(propose_links(black_box(&project), DEFAULT_THRESHOLD, false)).len();
        runs.push(start.elapsed().as_secs_f64() * 1e3);
    }
    println!("match.docs {}", project.documents.len());
    println!("match.claims {claims}");
    println!("match.pairs {pairs}");
    println!("match.ms_1000_docs {:.1} ms", median_ms(runs));

    let found = appearances(&project, false);
    let position = |a: &claimlens::ops::matching::Appearance| project.documents.iter().position(|d| d.id == a.document);
    let texts: Vec<ClaimText<'_>> = found
        .iter()
        .filter_map(|a| {
            let document = position(a)?;
            (document < SUBSET_DOCS).then_some(ClaimText { document, text: &a.text, published: None })
        })
        .collect();
    let start = Instant::now();
    let indexed = black_box(match_claims(black_box(&texts), DEFAULT_THRESHOLD));
    let index_ms = start.elapsed().as_secs_f64() * 1e3;
    let start = Instant::now();
    let all = black_box(match_all_pairs(black_box(&texts), DEFAULT_THRESHOLD));
    let all_ms = start.elapsed().as_secs_f64() * 1e3;
    let recall = if all.is_empty() {
        1.0
    } else {
        all.iter().filter(|m| indexed.iter().any(|i| (i.a, i.b) == (m.a, m.b))).count() as f64 / all.len() as f64
    };
    println!("match.subset_claims {}", texts.len());
    println!("match.subset_index_ms {index_ms:.1} ms");
    println!("match.subset_all_pairs_ms {all_ms:.1} ms");
    println!("match.vs_all_pairs {:.1}", all_ms / index_ms);
    println!("match.subset_recall {recall:.3}");
    ExitCode::SUCCESS
}
