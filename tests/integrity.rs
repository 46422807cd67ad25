//! Never lose a word (#12): what saving and exporting must not replace, what it must keep
//! (mode, symlinks), inputs that are not regular files, files from Windows, long citation
//! chains, and the messages a user reads.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use claimlens::model::{Project, Source, SourceId, SourceKind};
use claimlens::store::{self, Existing, OutputOptions, Overwrite, StoreError};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.claimlens.ron")
}

fn sample() -> Project {
    store::load(&sample_path()).expect("the sample loads").project
}

fn claimlens(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimlens")).args(args).output().expect("runs claimlens")
}

fn temps_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_file_mode_and_refuses_read_only_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimlens.ron");
    let p = sample();
    let fp = store::save(&path, &p, None, Overwrite::IfUnchanged).unwrap();
    set_mode(&path, 0o600);
    let fp = store::save(&path, &p, Some(&store::Fingerprint { modified: None, ..fp }), Overwrite::Force).unwrap();
    assert_eq!(mode(&path), 0o600, "a private project stays private");
    set_mode(&path, 0o444);
    let before = std::fs::read(&path).unwrap();
    let err = store::save(&path, &p, Some(&fp), Overwrite::Force).expect_err("a read-only file is not replaced");
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(mode(&path), 0o444);
    assert!(temps_in(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_saves_the_file_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.claimlens.ron");
    let link = dir.path().join("link.claimlens.ron");
    let mut p = sample();
    store::save(&real, &p, None, Overwrite::IfUnchanged).unwrap();
    std::os::unix::fs::symlink("real.claimlens.ron", &link).unwrap();
    let loaded = store::load(&link).unwrap();
    p.title = "Changed through the link".into();
    store::save(&link, &p, Some(&loaded.fingerprint), Overwrite::IfUnchanged).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
    assert_eq!(store::load(&real).unwrap().project.title, "Changed through the link");
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

#[cfg(unix)]
fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path).unwrap().file_type().is_fifo()
}

#[cfg(unix)]
#[test]
fn a_fifo_is_never_replaced_by_an_output_or_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.csv");
    mkfifo(&fifo);
    let err = store::write_output(&fifo, b"a,b\n", &OutputOptions::default()).expect_err("refused");
    assert!(matches!(err, StoreError::NotARegularFile { kind: "FIFO", .. }), "{err:?}");
    assert!(err.to_string().contains("not a regular file"), "{err}");
    let err = store::save(&fifo, &sample(), None, Overwrite::Force).expect_err("refused");
    assert!(matches!(err, StoreError::NotARegularFile { .. }), "{err:?}");
    assert!(is_fifo(&fifo), "still a FIFO");
    assert!(temps_in(dir.path()).is_empty());
}

/// Runs `f` on another thread; a hang fails the test instead of blocking the run forever.
#[cfg(unix)]
fn without_hanging<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("may-hang".into())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .unwrap();
    rx.recv_timeout(std::time::Duration::from_mins(1)).expect("returned instead of blocking")
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_as_inputs_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("in.claimlens.ron");
    mkfifo(&fifo);
    let f = fifo.clone();
    let err = without_hanging(move || store::load(&f).map(|_| ()).expect_err("refused"));
    assert!(err.to_string().contains("FIFO"), "{err}");
    let f = fifo.clone();
    assert!(without_hanging(move || store::read_text(&f)).is_err());
    let f = fifo.clone();
    assert!(without_hanging(move || store::read_article(&f)).is_err());
    let err = without_hanging(|| store::read_input(Path::new("/dev/zero"), 1024)).expect_err("refused");
    assert!(err.to_string().contains("character device"), "{err}");
    let out = claimlens(&["check".as_ref(), fifo.as_os_str()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
}

#[test]
fn a_backup_hard_linked_to_the_project_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimlens.ron");
    let mut p = sample();
    let fp = store::save(&path, &p, None, Overwrite::IfUnchanged).unwrap();
    std::fs::hard_link(&path, store::backup_path(&path)).unwrap();
    p.title = "second".into();
    store::save(&path, &p, Some(&fp), Overwrite::IfUnchanged).unwrap();
    assert_eq!(temps_in(dir.path()), Vec::<String>::new());
    assert_eq!(store::load(&store::backup_path(&path)).unwrap().project, sample(), "the backup is the first version");
}

#[test]
fn an_export_never_replaces_the_project_or_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimlens.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let out =
        claimlens(&["export".as_ref(), path.as_os_str(), "--format".as_ref(), "csv".as_ref(), "-o".as_ref(), path.as_os_str()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("input of this command"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Another project is not replaced either, even though it is not an input.
    let other = dir.path().join("other.ron");
    std::fs::copy(sample_path(), &other).unwrap();
    let err = store::write_output(&other, b"x", &OutputOptions::default()).expect_err("refused");
    assert!(err.to_string().contains("claimlens project"), "{err}");
    // `-o -` is standard output.
    let out = claimlens(&["export".as_ref(), path.as_os_str(), "--format".as_ref(), "csv".as_ref(), "-o".as_ref(), "-".as_ref()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Ukrinform"));
    assert!(!Path::new("-").exists());
}

#[test]
fn an_import_never_replaces_its_own_article() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("a.txt");
    std::fs::write(&txt, "Alpha said so.\n").unwrap();
    let out = claimlens(&["import".as_ref(), txt.as_os_str(), "-o".as_ref(), txt.as_os_str(), "--force".as_ref()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("input of this command"));
    assert_eq!(std::fs::read_to_string(&txt).unwrap(), "Alpha said so.\n");
}

#[test]
fn existing_outputs_are_kept_unless_forced_and_then_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    let ann = dir.path().join("x.ann");
    std::fs::write(&ann, "T1\tClaim 0 1\ta\n").unwrap();
    let refuse = OutputOptions::refuse_unless(false, Vec::new());
    let err = store::write_output(&ann, b"new", &refuse).expect_err("refused");
    assert!(err.to_string().contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&ann).unwrap(), "T1\tClaim 0 1\ta\n");
    let force = OutputOptions::refuse_unless(true, Vec::new());
    assert_eq!(force.existing, Existing::ReplaceKeepingBackup);
    store::write_output(&ann, b"new", &force).unwrap();
    assert_eq!(std::fs::read_to_string(&ann).unwrap(), "new");
    assert_eq!(std::fs::read_to_string(dir.path().join("x.ann.bak")).unwrap(), "T1\tClaim 0 1\ta\n");
}

#[test]
fn suggest_and_brat_export_refuse_existing_files_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("a.txt");
    std::fs::write(&txt, "Alpha said the talks failed, according to Bravo.\n").unwrap();
    let gold = dir.path().join("a.ann");
    std::fs::write(&gold, "T1\tSource 0 5\tAlpha\n").unwrap();
    let d = dir.path().as_os_str();
    let out = claimlens(&["suggest".as_ref(), d, "-o".as_ref(), d]);
    assert!(!out.status.success());
    assert_eq!(std::fs::read_to_string(&gold).unwrap(), "T1\tSource 0 5\tAlpha\n", "the gold .ann is kept");
    let out = claimlens(&["suggest".as_ref(), d, "-o".as_ref(), d, "--force".as_ref()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(dir.path().join("a.ann.bak")).unwrap(), "T1\tSource 0 5\tAlpha\n");
    let brat = dir.path().join("brat");
    let args = |force: bool| {
        let mut a: Vec<&std::ffi::OsStr> = vec!["export".as_ref(), sample_path().into_os_string().leak(), "--format".as_ref()];
        a.extend(["brat".as_ref(), "-o".as_ref(), brat.as_os_str()]);
        if force {
            a.push("--force".as_ref());
        }
        a
    };
    assert!(claimlens(&args(false)).status.success(), "a new folder is written");
    let again = claimlens(&args(false));
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert!(claimlens(&args(true)).status.success());
    assert!(std::fs::read_dir(&brat).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".ann.bak")));
}

#[test]
fn crlf_and_bom_project_files_read_as_the_same_project() {
    let text = std::fs::read_to_string(sample_path()).unwrap();
    assert!(text.contains('\n') && !text.contains('\r'));
    let windows = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
    let (project, _) = store::from_ron(&windows, Path::new("p.claimlens.ron")).expect("reads");
    assert_eq!(project, sample());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimlens.ron");
    std::fs::write(&path, windows).unwrap();
    assert_eq!(store::load(&path).unwrap().project, sample());
}

#[test]
fn a_latin1_article_is_imported_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("cafe.txt");
    std::fs::write(&txt, b"Le caf\xe9 a ferm\xe9, selon l'AFP.\n").unwrap();
    let project = dir.path().join("p.claimlens.ron");
    let out = claimlens(&["import".as_ref(), txt.as_os_str(), "-o".as_ref(), project.as_os_str()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Windows-1252"), "{}", String::from_utf8_lossy(&out.stdout));
    let doc = &store::load(&project).unwrap().project.documents[0];
    assert!(doc.text.contains("Le café a fermé"), "{:?}", doc.text);
}

#[test]
fn os_errors_are_said_once() {
    let out = claimlens(&["check".as_ref(), "/nonexistent/p.claimlens.ron".as_ref()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("os error 2").count(), 1, "{stderr}");
}

#[test]
fn output_cut_short_by_a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .args(["export".as_ref(), sample_path().as_os_str(), "--format".as_ref(), "markdown".as_ref()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn reanchoring_onto_the_same_text_changes_nothing_and_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimlens.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    let doc = &sample().documents[0];
    let txt = dir.path().join("same.txt");
    std::fs::write(&txt, &doc.text).unwrap();
    let before = std::fs::read(&path).unwrap();
    let out = claimlens(&[
        "reanchor".as_ref(),
        path.as_os_str(),
        "--doc".as_ref(),
        doc.id.as_str().as_ref(),
        "--text".as_ref(),
        txt.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("nothing changed"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_hundred_thousand_chained_sources_load() {
    let n = 100_000;
    let mut p = Project::new("chain");
    p.sources = (0..n)
        .map(|i| {
            let mut s = Source::new(format!("Outlet {i}"), SourceKind::Outlet);
            s.id = SourceId(format!("s-{i}"));
            if i + 1 < n {
                s.cites = vec![SourceId(format!("s-{}", i + 1))];
            }
            s
        })
        .collect();
    let text = store::to_ron(&p).unwrap();
    let (loaded, _) = store::from_ron(&text, Path::new("chain.claimlens.ron")).expect("a long chain is no cycle");
    assert_eq!(loaded.sources.len(), n);
    // The same chain closed into a loop is refused.
    p.sources[n - 1].cites = vec![SourceId("s-0".into())];
    let err = store::from_ron(&store::to_ron(&p).unwrap(), Path::new("loop.claimlens.ron")).expect_err("a cycle");
    assert!(err.to_string().contains("cycle"), "{err}");
}

/// The sample with a second document: a copy of its first, with the same annotation ids.
fn sample_with_a_copied_document() -> Project {
    let mut p = sample();
    let mut copy = p.documents[0].clone();
    copy.id = claimlens::model::DocumentId("d-copy".into());
    p.documents.push(copy);
    p
}

#[test]
fn annotation_ids_are_unique_in_the_whole_project() {
    use claimlens::edit::{Edit, EditError};
    let mut p = sample();
    let doc = p.documents[0].clone();
    // A document bringing an id the project already has is refused.
    let mut copy = doc.clone();
    copy.id = claimlens::model::DocumentId("d-copy".into());
    let err = Edit::InsertDocument { index: None, document: Box::new(copy.clone()) }.apply(&mut p).unwrap_err();
    assert!(matches!(&err, EditError::DuplicateId(id) if id == doc.annotations[0].id.as_str()), "{err}");
    // So is an annotation added to another document with an id of the first.
    copy.annotations.clear();
    copy.claims.clear();
    copy.relations.clear();
    Edit::InsertDocument { index: None, document: Box::new(copy.clone()) }.apply(&mut p).expect("a document of its own");
    let taken = doc.annotations[3].clone();
    let err = Edit::InsertAnnotation { doc: copy.id.clone(), index: None, annotation: taken.clone() }.apply(&mut p).unwrap_err();
    assert_eq!(err, EditError::DuplicateId(taken.id.to_string()));
    assert!(p.documents[1].annotations.is_empty(), "the refused edit left the project unchanged");
    // And a project holding two documents that share ids breaks the invariant.
    assert!(claimlens::edit::check_project(&sample_with_a_copied_document()).is_err());
}

#[test]
fn a_file_whose_documents_share_annotation_ids_loads_repaired() {
    let p = sample_with_a_copied_document();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared-ids.claimlens.ron");
    std::fs::write(&path, store::to_ron(&p).unwrap()).unwrap();
    let loaded = store::load(&path).expect("repaired, not refused");
    let (first, second) = (&loaded.project.documents[0], &loaded.project.documents[1]);
    assert_eq!(first, &p.documents[0], "the first document keeps its ids");
    assert_eq!(loaded.repairs.len(), first.annotations.len(), "{:?}", loaded.repairs);
    assert!(
        loaded.repairs[0].contains("d-copy") && loaded.repairs[0].contains(first.annotations[0].id.as_str()),
        "{:?}",
        loaded.repairs
    );
    let ids: std::collections::HashSet<&str> =
        loaded.project.documents.iter().flat_map(|d| &d.annotations).map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 2 * first.annotations.len(), "every id is unique");
    // The copy's claims follow their annotations: each claim's content still quotes the same text.
    for (old, new) in first.claims.iter().zip(&second.claims) {
        let quote = |d: &claimlens::model::Document, c: &claimlens::model::Claim| -> Vec<String> {
            c.annotation_refs().map(|a| d.annotation(a).expect("a claim points at an annotation").quote.exact.clone()).collect()
        };
        assert_eq!(quote(first, old), quote(second, new));
        assert!(new.annotation_refs().all(|a| first.annotation(a).is_none()));
    }
    claimlens::edit::check_project(&loaded.project).expect("the repaired project is valid");
    // The W3C export of the repaired project has no duplicate ids.
    let w3c = claimlens::formats::export(&loaded.project, claimlens::formats::ExportFormat::W3c).unwrap();
    let claimlens::formats::ExportOutput::Text(json) = w3c else { panic!("W3C is one file") };
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let items = value["items"].as_array().or_else(|| value["first"]["items"].as_array()).expect("items");
    let ids: std::collections::HashSet<&str> = items.iter().filter_map(|i| i["id"].as_str()).collect();
    assert_eq!(ids.len(), items.len());
}

#[test]
fn a_broken_rule_is_reported_at_the_line_and_column_of_the_item() {
    let text = std::fs::read_to_string(sample_path()).unwrap();
    let claim = "id: \"c-g7-concern\"";
    let at = text.find(claim).expect("the sample has the claim");
    let after = at + text[at..].find("\"a-claim-concern\"").unwrap();
    let bad = format!("{}\"a-nowhere\"{}", &text[..after], &text[after + "\"a-claim-concern\"".len()..]);
    let line = text[..at].matches('\n').count() + 1;
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    let err = store::from_ron(&bad, Path::new("P.claimlens.ron")).unwrap_err();
    assert_eq!(err.position(), Some((line, col)));
    assert_eq!(
        err.to_string(),
        format!("P.claimlens.ron:{line}:{col}: claim c-g7-concern points at a missing annotation a-nowhere")
    );
    // The command line says the same.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("P.claimlens.ron");
    std::fs::write(&path, &bad).unwrap();
    let out = claimlens(&["check".as_ref(), path.as_os_str()]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(said.contains(&format!("P.claimlens.ron:{line}:{col}: claim c-g7-concern")), "{said}");
}
