//! In-process dev evaluation (re-implements `score_attributions.py`'s lenient figures).

#![allow(clippy::disallowed_methods, reason = "the dev-set test reads PolNeAR files")]

use super::brat::parse_frags;
use super::*;

// ---- In-process dev evaluation (re-implements score_attributions.py's lenient figures). ----

/// `PolNeAR` dev, relative to the crate root (the working folder of `cargo test`).
const DEV_DIR: &str = "../shared/data/polnear/dev";
/// Goals: lenient F1 per role, and cue+content attribution F1.
const GOAL_CUE: f64 = 0.70;
const GOAL_SOURCE: f64 = 0.65;
const GOAL_CONTENT: f64 = 0.60;
const GOAL_ATTRIBUTION: f64 = 0.55;

const TRIM: &[char] = &[' ', '\t', '\r', '\n', '"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', ',', '.', ';', ':'];

fn trim(chars: &[char], s: Span) -> (usize, usize) {
    let (mut a, mut b) = (s.start, s.end.min(chars.len()));
    while a < b && TRIM.contains(&chars[a]) {
        a += 1;
    }
    while b > a && TRIM.contains(&chars[b - 1]) {
        b -= 1;
    }
    (a, b)
}

fn lenient(a: Option<(usize, usize)>, b: Option<(usize, usize)>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return false };
    let overlap = a.1.min(b.1) as i64 - a.0.max(b.0) as i64;
    overlap > 0 && overlap * 2 >= (a.1 - a.0).max(b.1 - b.0) as i64
}

/// Role spans of all T lines (min..max over fragments), trimmed.
fn role_spans(chars: &[char], ann: &str, role: &str) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = ann
        .lines()
        .filter(|l| l.starts_with('T'))
        .filter_map(|l| {
            let body = l.split('\t').nth(1)?;
            let (label, offs) = body.split_once(' ')?;
            if label != role {
                return None;
            }
            let fr = parse_frags(offs);
            let cover = fr.into_iter().reduce(Span::cover)?;
            Some(trim(chars, cover))
        })
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn greedy(gold: &[(usize, usize)], pred: &[(usize, usize)]) -> usize {
    let mut used = vec![false; pred.len()];
    let mut n = 0;
    for g in gold {
        if let Some(i) = (0..pred.len()).find(|&i| !used[i] && lenient(Some(*g), Some(pred[i]))) {
            used[i] = true;
            n += 1;
        }
    }
    n
}

fn f1(tp: usize, pred: usize, gold: usize) -> f64 {
    let p = if pred > 0 { tp as f64 / pred as f64 } else { 0.0 };
    let r = if gold > 0 { tp as f64 / gold as f64 } else { 0.0 };
    if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
}

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
    let roles = ["Source", "Cue", "Content"];
    let mut counts = [(0usize, 0usize, 0usize); 3]; // (tp, pred, gold)
    let (mut atp, mut apred, mut agold) = (0, 0, 0);
    for fname in anns {
        let Some(name) = fname.get(..fname.len().saturating_sub(9)) else { continue };
        if !fname.ends_with(".ann") || !seen.insert(name.to_string()) {
            continue;
        }
        let text = std::fs::read_to_string(base.join("text").join(format!("{name}.txt"))).unwrap();
        let gold_ann = std::fs::read_to_string(base.join("attributions").join(&fname)).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let pred_ann = to_brat(&text, &suggest(&text));
        for (k, role) in roles.iter().enumerate() {
            let g = role_spans(&chars, &gold_ann, role);
            let p = role_spans(&chars, &pred_ann, role);
            counts[k].0 += greedy(&g, &p);
            counts[k].1 += p.len();
            counts[k].2 += g.len();
        }
        let key = |a: &Attribution| {
            let cue = trim(&chars, a.cue);
            let content = a.content.iter().copied().reduce(Span::cover).map(|c| trim(&chars, c));
            (cue, content)
        };
        let gold: Vec<_> = from_brat(&text, &gold_ann).iter().map(key).collect();
        let pred: Vec<_> = from_brat(&text, &pred_ann).iter().map(key).collect();
        let mut used = vec![false; pred.len()];
        let mut left = Vec::new();
        for g in &gold {
            match (0..pred.len()).find(|&i| !used[i] && pred[i] == *g) {
                Some(i) => {
                    used[i] = true;
                    atp += 1;
                }
                None => left.push(*g),
            }
        }
        for g in left {
            if let Some(i) = (0..pred.len()).find(|&i| !used[i] && lenient(Some(g.0), Some(pred[i].0)) && lenient(g.1, pred[i].1))
            {
                used[i] = true;
                atp += 1;
            }
        }
        apred += pred.len();
        agold += gold.len();
    }
    let fs: Vec<f64> = counts.iter().map(|&(tp, p, g)| f1(tp, p, g)).collect();
    let fa = f1(atp, apred, agold);
    eprintln!("dev lenient F1: Source {:.3} Cue {:.3} Content {:.3}; attribution {:.3}", fs[0], fs[1], fs[2], fa);
    assert!(fs[0] >= GOAL_SOURCE, "Source F1 {:.3} < {GOAL_SOURCE}", fs[0]);
    assert!(fs[2] >= GOAL_CONTENT, "Content F1 {:.3} < {GOAL_CONTENT}", fs[2]);
    assert!(fs[1] >= GOAL_CUE, "Cue F1 {:.3} < {GOAL_CUE}", fs[1]);
    assert!(fa >= GOAL_ATTRIBUTION, "attribution F1 {fa:.3} < {GOAL_ATTRIBUTION}");
}
