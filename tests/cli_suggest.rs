//! `claimlens suggest`: brat files for good inputs, a message and a non-zero exit for bad ones.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use claimlens::formats::brat::import_brat;
use claimlens::model::Project;
use std::path::{Path, PathBuf};
use std::process::Command;

fn dev_text(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/dev/text").join(name)
}

const GOOD: [&str; 2] =
    ["breitbart_2016-09-12_stealth-over-health-hillary-clin.txt", "breitbart_2016-09-15_pat-caddell-democrat-voters-worr.txt"];

#[test]
fn suggest_writes_ann_files_and_reports_bad_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("not-text.txt");
    std::fs::write(&bad, b"caf\xe9 \xff\xfe binary").unwrap();
    let missing = tmp.path().join("missing.txt");
    let out_dir = tmp.path().join("out");
    let output = Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .arg("suggest")
        .args(GOOD.map(dev_text))
        .arg(&bad)
        .arg(&missing)
        .arg("-o")
        .arg(&out_dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "stdout: {stdout}\nstderr: {stderr}");
    assert!(stderr.contains("not-text.txt") && stderr.contains("UTF-8"), "{stderr}");
    assert!(stderr.contains("missing.txt"), "{stderr}");
    assert!(stderr.contains("2 of 4 inputs failed"), "{stderr}");
    assert!(stdout.contains("wrote 2 .ann files"), "{stdout}");
    assert!(!out_dir.join("not-text.ann").exists());
    assert!(!out_dir.join("missing.ann").exists());

    for name in GOOD {
        let text = std::fs::read_to_string(dev_text(name)).unwrap();
        let ann_path = out_dir.join(Path::new(name).with_extension("ann"));
        let ann = std::fs::read_to_string(&ann_path).unwrap();
        assert!(ann.lines().any(|l| l.starts_with('E')), "{name}: no attribution in\n{ann}");
        let imported = import_brat(&text, &ann, name, &Project::new("t"));
        assert!(imported.warnings.is_empty(), "{name}: {:?}", imported.warnings);
        assert!(!imported.document.claims.is_empty(), "{name}");
        assert!(imported.document.annotations.iter().all(|a| ["Source", "Cue", "Claim"].contains(&a.label.as_str())));
    }
}

#[test]
fn suggest_takes_folders_and_succeeds_when_all_are_good() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for name in GOOD {
        std::fs::copy(dev_text(name), input.join(name)).unwrap();
    }
    std::fs::write(input.join("notes.md"), "not taken").unwrap();
    let out_dir = tmp.path().join("out");
    let output =
        Command::new(env!("CARGO_BIN_EXE_claimlens")).arg("suggest").arg(&input).arg("-o").arg(&out_dir).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut written: Vec<_> = std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    written.sort();
    let expected: Vec<_> = GOOD.iter().map(|n| Path::new(n).with_extension("ann").into_os_string()).collect();
    assert_eq!(written, expected);
}

/// `suggest P.claimlens.ron --dry-run` lists and saves nothing; `--apply` accepts every
/// suggestion (claims with their chain) and saves with a backup; a second `--apply` adds nothing.
#[test]
fn suggest_applies_suggestions_to_a_project() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p.claimlens.ron");
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/articles/g7-dprk-troops-censor-net.txt");
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_claimlens")).args(args).output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
        stdout
    };
    let p = project.to_str().unwrap();
    run(&["import", article.to_str().unwrap(), "-o", p]);
    let before = std::fs::read(&project).unwrap();
    let listed = run(&["suggest", p, "--dry-run"]);
    assert!(listed.contains("Attribution") && listed.contains("Censor.NET"), "{listed}");
    assert_eq!(std::fs::read(&project).unwrap(), before, "a dry run saves nothing");
    let applied = run(&["suggest", p, "--apply"]);
    assert!(applied.contains("saved"), "{applied}");
    assert!(tmp.path().join("p.claimlens.ron.bak").exists());
    let loaded = claimlens::store::load(&project).unwrap().project;
    let doc = &loaded.documents[0];
    assert!(doc.claims.len() >= 12, "{}", doc.claims.len());
    let again = run(&["suggest", p, "--apply"]);
    assert!(!again.contains("saved"), "{again}");
}

/// Suggesting on the bundled sample, whose sources are registered by hand, adds no second
/// statement: the one the suggester names "Statement on the website of the Japanese Foreign
/// Ministry" is the registered joint statement the ministry and Ukrinform cite, and goes by that
/// name now. The one source it adds is NATO, whom "NATO Secretary General Mark Rutte" speaks for.
#[test]
fn suggesting_on_the_sample_reuses_its_registered_statement() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("sample.claimlens.ron");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.claimlens.ron"), &path).unwrap();
    let before = claimlens::store::load(&path).unwrap().project;
    let output =
        Command::new(env!("CARGO_BIN_EXE_claimlens")).args(["suggest", path.to_str().unwrap(), "--apply"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let after = claimlens::store::load(&path).unwrap().project;
    let names = |p: &Project| p.sources.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
    let mut expected = names(&before);
    expected.push("NATO".to_owned());
    assert_eq!(names(&after), expected, "only NATO added");
    let nato = after.source_named("NATO").unwrap();
    assert_eq!(after.source_named("Mark Rutte").unwrap().speaks_for.as_ref(), Some(&nato.id));
    let statement = after.sources.iter().find(|s| s.name == "Joint statement of the G7 and partner foreign ministers").unwrap();
    assert!(statement.aliases.iter().any(|a| a == "Statement on the website of the Japanese Foreign Ministry"), "{statement:?}");
    let ministers = after.sources.iter().find(|s| s.name == "G7 and partner foreign ministers").unwrap();
    assert!(!ministers.aliases.iter().any(|a| a == "the statement"), "an alias of the statement stays the statement's");
    let doc = &after.documents[0];
    let added: Vec<_> = doc.claims.iter().filter(|c| before.documents[0].claim(&c.id).is_none()).collect();
    assert!(!added.is_empty());
    for c in added.iter().filter(|c| c.attributed_to.contains(&ministers.id)) {
        assert_eq!(c.via.last(), Some(&statement.id), "the chain ends at the registered statement: {c:?}");
    }
}
