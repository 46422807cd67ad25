//! Three-way merge with git as the engine: `claimlens merge-driver` set up in a real repository
//! (`.gitattributes` + `merge.claimlens.driver`), two branches annotating one `PolNeAR` article.

// Tests set up their files directly (folders for the scorer, a repository for git), and their
// helpers may unwrap and index like the tests themselves: a panic is a failure.
#![allow(clippy::disallowed_methods, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use claimlens::model::{ConflictOn, HeldConflict, LabelRole, Project, Rgb, Source, SourceKind};
use claimlens::ops::merge::settle::conflicts_in;
use claimlens::ops::merge::{CONFLICT_ATTRIBUTE, merge};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TRAINING: &str = "../shared/data/polnear/annotator-training";
const ARTICLE: &str = "breitbart_2016-03-11_activists-brick-up-entrance-to-m";
const ANNOTATORS: [&str; 6] = ["4b22", "4e07", "5fec", "6b86", "d473", "ef2d"];
const FILE: &str = "article.claimlens.ron";

fn text_path() -> PathBuf {
    Path::new(TRAINING).join("text").join(format!("{ARTICLE}.txt"))
}

fn ann_path(annotator: &str) -> PathBuf {
    Path::new(TRAINING).join("attributions").join(format!("{ARTICLE}_{annotator}.ann"))
}

/// The article with no annotations (imported through brat so the text is exactly the `.txt`).
fn base() -> Project {
    let mut project = Project::new(ARTICLE);
    let imported = claimlens::import::import_article(&text_path(), Some(&ann_path(ANNOTATORS[0])), &project).unwrap();
    imported.edit.apply(&mut project).unwrap();
    let doc = project.documents.first_mut().unwrap();
    doc.annotations.clear();
    doc.claims.clear();
    doc.relations.clear();
    project
}

/// `base` with one annotator's annotations, claims and relations in its document, authored by them.
fn annotated(base: &Project, annotator: &str) -> Project {
    let mut project = base.clone();
    let imported = claimlens::import::import_article(&text_path(), Some(&ann_path(annotator)), &project).unwrap();
    imported.edit.apply(&mut project).unwrap();
    let mut added = project.documents.pop().unwrap();
    for a in &mut added.annotations {
        annotator.clone_into(&mut a.author);
    }
    let doc = project.documents.first_mut().unwrap();
    doc.annotations = added.annotations;
    doc.claims = added.claims;
    doc.relations = added.relations;
    claimlens::edit::check_project(&project).unwrap();
    project
}

fn git(repo: &Path, args: &[&str]) -> Output {
    Command::new("git").current_dir(repo).args(args).output().unwrap()
}

fn git_ok(repo: &Path, args: &[&str]) {
    let out = git(repo, args);
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn write(repo: &Path, project: &Project) {
    std::fs::write(repo.join(FILE), claimlens::store::to_ron(project).unwrap()).unwrap();
}

fn commit(repo: &Path, project: &Project, message: &str) {
    write(repo, project);
    git_ok(repo, &["add", "-A"]);
    git_ok(repo, &["commit", "-q", "-m", message]);
}

/// A repository set up as the README says, with `base` committed on `main`.
fn repository(base: &Project) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git_ok(repo, &["init", "-q", "-b", "main"]);
    git_ok(repo, &["config", "user.name", "Test"]);
    git_ok(repo, &["config", "user.email", "test@example.org"]);
    let driver = format!("{} merge-driver %O %A %B %P", env!("CARGO_BIN_EXE_claimlens"));
    git_ok(repo, &["config", "merge.claimlens.driver", &driver]);
    std::fs::write(repo.join(".gitattributes"), "*.claimlens.ron merge=claimlens\n").unwrap();
    commit(repo, base, "base");
    dir
}

fn load(repo: &Path) -> (Project, String) {
    let text = std::fs::read_to_string(repo.join(FILE)).unwrap();
    (claimlens::store::load(&repo.join(FILE)).unwrap().project, text)
}

#[test]
fn git_merges_two_annotators_of_one_article_without_conflict() {
    let base = base();
    let (a, b) = (annotated(&base, "4b22"), annotated(&base, "4e07"));
    let dir = repository(&base);
    let repo = dir.path();
    git_ok(repo, &["checkout", "-q", "-b", "a"]);
    commit(repo, &a, "4b22 annotates");
    git_ok(repo, &["checkout", "-q", "-b", "b", "main"]);
    commit(repo, &b, "4e07 annotates");
    git_ok(repo, &["checkout", "-q", "a"]);
    let out = git(repo, &["merge", "-q", "--no-edit", "b"]);
    assert!(out.status.success(), "git merge failed: {}", String::from_utf8_lossy(&out.stderr));
    let (merged, text) = load(repo);
    assert!(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"), "conflict markers in the project");
    let doc = merged.documents.first().unwrap();
    let count = |p: &Project| p.documents.first().unwrap().annotations.len();
    assert_eq!(doc.annotations.len(), count(&a) + count(&b), "both sets of annotations kept");
    let claims = |p: &Project| p.documents.first().unwrap().claims.len();
    assert_eq!(doc.claims.len(), claims(&a) + claims(&b));
    for author in ["4b22", "4e07"] {
        assert!(doc.annotations.iter().any(|x| x.author == author), "{author}'s annotations kept");
    }
}

#[test]
fn conflicting_edits_leave_a_valid_project_with_the_conflict_listed() {
    let annotated = annotated(&base(), "4b22");
    let dir = repository(&annotated);
    let repo = dir.path();
    let id = annotated.documents.first().unwrap().annotations.first().unwrap().id.clone();
    let with_note = |note: &str| {
        let mut p = annotated.clone();
        p.documents.first_mut().unwrap().annotations.first_mut().unwrap().note = note.to_owned();
        p
    };
    git_ok(repo, &["checkout", "-q", "-b", "x"]);
    commit(repo, &with_note("ours: the mayor"), "ours");
    git_ok(repo, &["checkout", "-q", "-b", "y", "main"]);
    commit(repo, &with_note("theirs: the governor"), "theirs");
    git_ok(repo, &["checkout", "-q", "x"]);
    let out = git(repo, &["merge", "--no-edit", "y"]);
    assert!(!out.status.success(), "git reports the conflict");
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("CONFLICT"), "{said}");
    assert!(said.contains(id.as_str()), "the driver lists the conflicting annotation: {said}");
    let status = String::from_utf8(git(repo, &["status", "--porcelain"]).stdout).unwrap();
    assert!(status.contains(&format!("UU {FILE}")), "{status}");
    let (merged, text) = load(repo);
    assert!(!text.contains("<<<<<<<"), "conflict markers in the project");
    let doc = merged.documents.first().unwrap();
    let ours = doc.annotation(&id).unwrap();
    assert_eq!(ours.note, "ours: the mayor");
    let copy = doc.annotations.iter().find(|a| a.attributes.get(CONFLICT_ATTRIBUTE) == Some(&id.to_string())).unwrap();
    assert_eq!(copy.note, "theirs: the governor");
    assert_eq!(copy.ranges, ours.ranges);
}

#[test]
fn git_diff_of_two_saves_is_short_and_readable() {
    let annotated = annotated(&base(), "4b22");
    let dir = repository(&annotated);
    let repo = dir.path();
    let mut changed = annotated.clone();
    changed.documents.first_mut().unwrap().annotations.get_mut(3).unwrap().note = "checked against the police report".into();
    write(repo, &changed);
    let diff = String::from_utf8(git(repo, &["diff", "-U0"]).stdout).unwrap();
    let lines: Vec<&str> = diff
        .lines()
        .filter(|l| (l.starts_with('+') || l.starts_with('-')) && !l.starts_with("+++") && !l.starts_with("---"))
        .collect();
    assert!(!lines.is_empty() && lines.len() <= 4, "{diff}");
    assert!(lines.iter().any(|l| l.starts_with('+') && l.contains("checked against the police report")), "{diff}");
}

#[test]
fn six_annotators_merged_pairwise_keep_every_annotation_with_its_author() {
    let base = base();
    let projects: Vec<Project> = ANNOTATORS.iter().map(|a| annotated(&base, a)).collect();
    let mut merged = base.clone();
    for project in &projects {
        let result = merge(&base, &merged, project).unwrap();
        assert!(result.conflicts.is_empty(), "{:?}", result.conflicts);
        merged = result.project;
    }
    let doc = merged.documents.first().unwrap();
    let mut total = 0;
    for (annotator, project) in ANNOTATORS.iter().zip(&projects) {
        let theirs = &project.documents.first().unwrap().annotations;
        assert!(!theirs.is_empty());
        for a in theirs {
            assert_eq!(doc.annotation(&a.id), Some(a), "{annotator}'s {} kept as it was", a.id);
        }
        assert_eq!(doc.annotations.iter().filter(|a| a.author == *annotator).count(), theirs.len());
        total += theirs.len();
    }
    assert_eq!(doc.annotations.len(), total);
    claimlens::edit::check_project(&merged).unwrap();
}

/// `claimlens merge base ours theirs -o out` in `dir`: what it said, and the project it wrote.
fn merge_command(dir: &Path, [base, ours, theirs]: [&Project; 3]) -> (Output, Project) {
    let path = |name: &str| dir.join(format!("{name}.claimlens.ron"));
    for (name, project) in [("base", base), ("ours", ours), ("theirs", theirs)] {
        std::fs::write(path(name), claimlens::store::to_ron(project).unwrap()).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .arg("merge")
        .args([path("base"), path("ours"), path("theirs")])
        .arg("-o")
        .arg(path("out"))
        .output()
        .unwrap();
    (out, claimlens::store::load(&path("out")).unwrap().project)
}

#[test]
fn the_merge_command_writes_the_merge_and_exits_1_while_conflicts_remain() {
    let base = annotated(&base(), "4b22");
    let dir = tempfile::tempdir().unwrap();
    let mut ours = base.clone();
    ours.title = "ours".into();
    let mut theirs = annotated(&base, "4e07");
    theirs.title = "theirs".into();
    let (out, merged) = merge_command(dir.path(), [&base, &ours, &theirs]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("conflict: title"));
    assert_eq!(merged.title, "ours");
    let count = |p: &Project| p.documents.first().unwrap().annotations.len();
    assert_eq!(count(&merged), count(&theirs), "theirs replaced the annotations: its deletions and additions applied");
    // `check` reads the merged file, lists the conflict and, like git, fails while it is unsettled.
    let check =
        Command::new(env!("CARGO_BIN_EXE_claimlens")).arg("check").arg(dir.path().join("out.claimlens.ron")).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("merge conflict: Title"),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(
        String::from_utf8_lossy(&check.stderr).contains("1 merge conflict left unsettled; settle it"),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // Settled (theirs' title let go), it passes.
    let mut settled = merged.clone();
    settled.conflicts.clear();
    std::fs::write(dir.path().join("out.claimlens.ron"), claimlens::store::to_ron(&settled).unwrap()).unwrap();
    let check =
        Command::new(env!("CARGO_BIN_EXE_claimlens")).arg("check").arg(dir.path().join("out.claimlens.ron")).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
}

/// `base` with a source renamed, the Source label recoloured and the document retitled.
fn renamed(base: &Project, source: &str, colour: Rgb, title: &str) -> Project {
    let mut p = base.clone();
    source.clone_into(&mut p.sources.last_mut().unwrap().name);
    p.labels.iter_mut().find(|l| l.role == Some(LabelRole::Source)).unwrap().color = colour;
    title.clone_into(&mut p.documents.first_mut().unwrap().title);
    p
}

#[test]
fn a_source_label_and_title_changed_differently_keep_both_versions_in_the_merged_file() {
    let mut base = annotated(&base(), "4b22");
    let source = Source::new("Mayor Jones", SourceKind::Person);
    let id = source.id.clone();
    base.sources.push(source);
    let ours = renamed(&base, "Mayor Ann Jones", Rgb(200, 0, 0), "Activists brick up an office");
    let theirs = renamed(&base, "Ann Jones", Rgb(0, 0, 200), "Activists wall off a congressman's office");
    let dir = repository(&base);
    let repo = dir.path();
    git_ok(repo, &["checkout", "-q", "-b", "x"]);
    commit(repo, &ours, "ours");
    git_ok(repo, &["checkout", "-q", "-b", "y", "main"]);
    commit(repo, &theirs, "theirs");
    git_ok(repo, &["checkout", "-q", "x"]);
    let out = git(repo, &["merge", "--no-edit", "y"]);
    assert!(!out.status.success(), "git reports the conflicts");
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    for listed in [format!("source {id}"), "label Source".to_owned(), "details".to_owned()] {
        assert!(said.contains(&listed), "the driver lists {listed}: {said}");
    }
    let status = String::from_utf8(git(repo, &["status", "--porcelain"]).stdout).unwrap();
    assert!(status.contains(&format!("UU {FILE}")), "{status}");

    // A valid project (it loads, invariants checked), no markers, ours in place, theirs held.
    let (merged, text) = load(repo);
    assert!(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"), "conflict markers in the project");
    assert_eq!(merged.source(&id).unwrap().name, "Mayor Ann Jones");
    assert_eq!(merged.label_for(LabelRole::Source).unwrap().color, Rgb(200, 0, 0));
    let doc = merged.documents.first().unwrap();
    assert_eq!(doc.title, "Activists brick up an office");
    let Some(HeldConflict::Source(s)) = merged.held_conflict(&ConflictOn::Source(id.clone())) else { panic!("theirs' source") };
    assert_eq!(s.name, "Ann Jones");
    let label = ConflictOn::Label(merged.label_name_for(LabelRole::Source).to_owned());
    let Some(HeldConflict::Label(l)) = merged.held_conflict(&label) else { panic!("theirs' label") };
    assert_eq!(l.color, Rgb(0, 0, 200));
    let Some(HeldConflict::Details(_, meta)) = merged.held_conflict(&ConflictOn::Details(doc.id.clone())) else {
        panic!("theirs' details")
    };
    assert_eq!(meta.title, "Activists wall off a congressman's office");
    assert!(text.contains("Ann Jones") && text.contains("#0000c8") && text.contains("wall off"), "theirs is in the file");
    assert_eq!(conflicts_in(&merged).len(), 3, "each listed to settle in the window");
    // The annotations merged cleanly: nothing else is a conflict.
    assert_eq!(doc.annotations.len(), base.documents.first().unwrap().annotations.len());

    // `claimlens merge` on the same three files exits 1 for these kinds too.
    let (out, by_command) = merge_command(repo, [&base, &ours, &theirs]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("conflict: ").count(), 3, "{stdout}");
    assert_eq!(by_command.conflicts, merged.conflicts);
}
