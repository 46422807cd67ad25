//! In-process dev evaluation ([`super::evaluation`] re-implements `score_attributions.py`).

#![allow(clippy::disallowed_methods, reason = "the dev-set test reads PolNeAR files")]

use super::*;

/// `PolNeAR` dev, relative to the crate root (the working folder of `cargo test`).
const DEV_DIR: &str = "../shared/data/polnear/dev";
/// Goals: lenient F1 per role, and cue+content attribution F1.
const GOAL_CUE: f64 = 0.71;
const GOAL_SOURCE: f64 = 0.74;
const GOAL_CONTENT: f64 = 0.67;
const GOAL_ATTRIBUTION: f64 = 0.59;

#[test]
fn dev_evaluation_meets_goals() {
    // Relative, as every test reads `../shared`: `cargo test` runs in the crate's folder.
    let base = std::path::Path::new(DEV_DIR);
    let mut anns: Vec<String> = std::fs::read_dir(base.join("attributions"))
        .expect("PolNeAR dev attributions")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    anns.sort();
    let mut seen = std::collections::HashSet::new();
    let mut scores = evaluation::Scores::default();
    for fname in anns {
        let Some(name) = fname.get(..fname.len().saturating_sub(9)) else { continue };
        if !fname.ends_with(".ann") || !seen.insert(name.to_string()) {
            continue;
        }
        let text = std::fs::read_to_string(base.join("text").join(format!("{name}.txt"))).unwrap();
        let gold_ann = std::fs::read_to_string(base.join("attributions").join(&fname)).unwrap();
        scores.add(&text, &gold_ann, &to_brat(&text, &suggest(&text)));
    }
    let [s, c, t, fa] = scores.f1s();
    let fs = [s, c, t];
    eprintln!("dev lenient F1: Source {:.3} Cue {:.3} Content {:.3}; attribution {:.3}", fs[0], fs[1], fs[2], fa);
    assert!(fs[0] >= GOAL_SOURCE, "Source F1 {:.3} < {GOAL_SOURCE}", fs[0]);
    assert!(fs[2] >= GOAL_CONTENT, "Content F1 {:.3} < {GOAL_CONTENT}", fs[2]);
    assert!(fs[1] >= GOAL_CUE, "Cue F1 {:.3} < {GOAL_CUE}", fs[1]);
    assert!(fa >= GOAL_ATTRIBUTION, "attribution F1 {fa:.3} < {GOAL_ATTRIBUTION}");
}
