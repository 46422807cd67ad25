//! `claimlens compare` against the attribution scorer: the six annotators of the four `PolNeAR`
//! training articles, all 15 pairs, give the scorer's figures to three decimals.

// Tests set up their files directly (folders for the scorer, a repository for git), and their
// helpers may unwrap and index like the tests themselves: a panic is a failure.
#![allow(clippy::disallowed_methods, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use claimlens::model::Project;
use claimlens::ops::agreement::Agreement;
use claimlens::ops::compare::compare;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

#[path = "common/polnear.rs"]
mod polnear;
use polnear::{ANNOTATORS, TRAINING, ann_of, articles, project_of};

/// The scorer's JSON for annotator `b` against `a` as gold.
fn scorer(a: &str, b: &str, dir: &Path) -> Value {
    let (gold, pred) = (dir.join(format!("gold-{a}-{b}")), dir.join(format!("pred-{a}-{b}")));
    std::fs::create_dir_all(&gold).unwrap();
    std::fs::create_dir_all(&pred).unwrap();
    for text in articles() {
        let name = format!("{}.ann", text.file_stem().unwrap().to_string_lossy());
        std::fs::copy(ann_of(&text, a), gold.join(&name)).unwrap();
        std::fs::copy(ann_of(&text, b), pred.join(&name)).unwrap();
    }
    let output = Command::new("python3")
        .arg("../shared/tools/score_attributions.py")
        .args([&gold, &pred])
        .arg("--text-dir")
        .arg(Path::new(TRAINING).join("text"))
        .arg("--json")
        .output()
        .expect("python3 runs the scorer");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).unwrap();
    serde_json::from_str(stdout.lines().last().unwrap()).unwrap()
}

fn assert_close(ours: f64, theirs: &Value, what: &str) {
    let theirs = theirs.as_f64().unwrap_or_else(|| panic!("{what}: no figure"));
    assert!((ours - theirs).abs() < 6e-4, "{what}: compare {ours:.4}, scorer {theirs:.4}");
}

fn assert_matches_scorer(ours: &Agreement, theirs: &Value, pair: &str) {
    for role in ["Source", "Cue", "Content"] {
        let label = ours.labels.get(role).cloned().unwrap_or_default();
        assert_eq!(label.exact.reference as u64, theirs[role]["gold"].as_u64().unwrap(), "{pair} {role} gold");
        assert_eq!(label.exact.other as u64, theirs[role]["pred"].as_u64().unwrap(), "{pair} {role} pred");
        for (kind, m) in [("exact", label.exact), ("lenient", label.lenient)] {
            let s = &theirs[role][kind];
            assert_close(m.precision(), &s["p"], &format!("{pair} {role} {kind} p"));
            assert_close(m.recall(), &s["r"], &format!("{pair} {role} {kind} r"));
            assert_close(m.f1(), &s["f1"], &format!("{pair} {role} {kind} f1"));
        }
    }
    let a = &theirs["attribution"];
    assert_eq!(ours.attributions.cue_content.reference as u64, a["gold"].as_u64().unwrap(), "{pair} attributions");
    assert_close(ours.attributions.cue_content.f1(), &a["cue+content"]["f1"], &format!("{pair} cue+content"));
    assert_close(ours.attributions.with_source.f1(), &a["cue+content+source"]["f1"], &format!("{pair} +source"));
}

#[test]
fn all_fifteen_pairs_of_annotators_agree_with_the_scorer() {
    let dir = tempfile::tempdir().unwrap();
    let projects: Vec<Project> = ANNOTATORS.iter().map(|a| project_of(a)).collect();
    let mut pairs = 0;
    for (i, a) in ANNOTATORS.iter().enumerate() {
        for (j, b) in ANNOTATORS.iter().enumerate().skip(i + 1) {
            let comparison = compare(&projects[i], &projects[j]);
            assert_eq!(comparison.documents.len(), 4, "{a}/{b}: every article paired");
            assert_matches_scorer(&comparison.total, &scorer(a, b, dir.path()), &format!("{a}/{b}"));
            pairs += 1;
        }
    }
    assert_eq!(pairs, 15);
}

#[test]
fn the_command_reports_json_with_kappa_and_alpha() {
    let dir = tempfile::tempdir().unwrap();
    let (pa, pb) = (dir.path().join("a.claimlens.ron"), dir.path().join("b.claimlens.ron"));
    claimlens::store::save(&pa, &project_of("4b22"), None, claimlens::store::Overwrite::Force).unwrap();
    claimlens::store::save(&pb, &project_of("4e07"), None, claimlens::store::Overwrite::Force).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimlens")).arg("compare").args([&pa, &pb]).arg("--json").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["documents"].as_array().map(Vec::len), Some(4));
    let cue = &report["total"]["labels"]["Cue"];
    let (kappa, alpha, alpha_u) =
        (cue["kappa"].as_f64().unwrap(), cue["alpha"].as_f64().unwrap(), cue["alpha_u"].as_f64().unwrap());
    assert!(kappa > 0.3 && kappa < 1.0, "κ {kappa}");
    assert!(alpha > 0.3 && alpha < 1.0, "α {alpha}");
    assert!(alpha_u > 0.3 && alpha_u < 1.0, "αu {alpha_u}");
    // The same project against itself agrees perfectly.
    let same = Command::new(env!("CARGO_BIN_EXE_claimlens")).arg("compare").args([&pa, &pa]).arg("--json").output().unwrap();
    let same: Value = serde_json::from_slice(&same.stdout).unwrap();
    assert_eq!(same["total"]["labels"]["Content"]["exact"]["f1"].as_f64(), Some(1.0));
    assert_eq!(same["total"]["attribution"]["cue+content+source"]["f1"].as_f64(), Some(1.0));
    assert_eq!(same["total"]["labels"]["Content"]["alpha_u"].as_f64(), Some(1.0));
}
