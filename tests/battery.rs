//! Hostile command-line inputs (#12): FIFOs and devices as every input, special files as
//! outputs, symlinks, read-only and private files, Windows project files, two imports at once,
//! exports over their inputs. Every case either works or says clearly why not, within ten
//! seconds, and leaves every file as it was (or as the one successful command made it).
//!
//! `CLAIMLENS_BATTERY_BIN=target/release/claimlens` runs the battery on another build.

#![cfg(unix)]
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use std::ffi::OsStr;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(10);

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")
}

fn binary() -> PathBuf {
    std::env::var_os("CLAIMLENS_BATTERY_BIN").map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_claimlens")), PathBuf::from)
}

/// What a run of claimlens did.
struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
    what: String,
}

impl Run {
    /// It worked.
    fn works(self) -> Self {
        assert!(self.ok, "{}: should work; said {}", self.what, self.stderr);
        self.calm()
    }

    /// It was refused with one clear message naming `name` (and `words`, if given).
    fn refused(self, name: &str, words: &str) -> Self {
        assert!(!self.ok, "{}: should be refused; said {} {}", self.what, self.stdout, self.stderr);
        let message = self.stderr.trim();
        assert!(message.lines().all(|l| l.starts_with("claimlens")), "{}: {message}", self.what);
        assert!(message.contains(name), "{}: the message names {name}: {message}", self.what);
        assert!(message.contains(words), "{}: the message says {words:?}: {message}", self.what);
        self.calm()
    }

    fn calm(self) -> Self {
        assert!(!self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"), "{}: {}", self.what, self.stderr);
        self
    }
}

/// Starts claimlens on `args` in `dir` without waiting.
fn start(dir: &Path, args: &[&OsStr]) -> std::process::Child {
    Command::new(binary())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs claimlens")
}

/// Waits for `child` at most [`LIMIT`]; a hang kills it and fails the test.
fn finish(child: std::process::Child, what: String) -> Run {
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let Ok(output) = rx.recv_timeout(LIMIT) else {
        let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        panic!("{what}: still running after {LIMIT:?}");
    };
    let output = output.expect("waits for claimlens");
    Run {
        ok: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        what,
    }
}

fn run(dir: &Path, args: &[&OsStr]) -> Run {
    let what = args.iter().map(|a| a.to_string_lossy()).collect::<Vec<_>>().join(" ");
    finish(start(dir, args), what)
}

/// A folder with the sample project `p.claimlens.ron`, its article `article.txt`, the
/// sample's W3C export `a.jsonld` and a FIFO `fifo`.
struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(assets().join("sample.claimlens.ron"), dir.path().join("p.claimlens.ron")).unwrap();
        std::fs::copy(assets().join("g7-dprk-troops-censor-net.txt"), dir.path().join("article.txt")).unwrap();
        assert!(Command::new("mkfifo").arg(dir.path().join("fifo")).status().unwrap().success());
        let setup = Self { dir };
        setup.run(&["export", "p.claimlens.ron", "--format", "w3c", "-o", "a.jsonld"]).works();
        setup
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Run {
        let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        run(self.dir.path(), &args)
    }

    fn bytes(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap()
    }

    fn exists(&self, name: &str) -> bool {
        std::fs::symlink_metadata(self.path(name)).is_ok()
    }

    fn document_id(&self) -> String {
        let text = String::from_utf8(self.bytes("p.claimlens.ron")).unwrap();
        let start = text.find("id: \"").unwrap() + 5;
        text[start..start + text[start..].find('"').unwrap()].to_owned()
    }
}

#[test]
fn fifos_and_devices_are_refused_as_every_input() {
    let s = Setup::new();
    let project = s.bytes("p.claimlens.ron");
    let doc = s.document_id();
    for special in ["fifo", "/dev/zero"] {
        let kind = if special == "fifo" { "FIFO" } else { "character device" };
        s.run(&["check", special]).refused(special, kind);
        s.run(&["export", special, "-o", "out.csv"]).refused(special, kind);
        s.run(&["import", special, "-o", "new.claimlens.ron"]).refused(special, "not a regular file");
        s.run(&["import", "article.txt", "--ann", special, "-o", "new.claimlens.ron"]).refused(special, kind);
        s.run(&["import-annotations", special, "a.jsonld"]).refused(special, kind);
        s.run(&["import-annotations", "p.claimlens.ron", special]).refused(special, kind);
        s.run(&["reanchor", "p.claimlens.ron", "--doc", &doc, "--text", special]).refused(special, kind);
        s.run(&["suggest", special, "-o", "suggested"]).refused(special, "not a regular file");
        assert!(!s.exists("out.csv") && !s.exists("new.claimlens.ron"), "{special}: nothing written");
        assert!(!s.exists("suggested/fifo.ann") && !s.exists("suggested/zero.ann"), "{special}: nothing suggested");
        assert_eq!(s.bytes("p.claimlens.ron"), project, "{special}: the project is untouched");
    }
}

#[test]
fn special_files_are_refused_as_outputs_and_stay_what_they_were() {
    let s = Setup::new();
    let fifo = s.path("fifo");
    s.run(&["export", "p.claimlens.ron", "-o", "fifo"]).refused("fifo", "FIFO");
    s.run(&["export", "p.claimlens.ron", "--format", "brat", "-o", "fifo"]).refused("fifo", "");
    s.run(&["import", "article.txt", "-o", "fifo", "--force"]).refused("fifo", "FIFO");
    s.run(&["export", "p.claimlens.ron", "-o", "/dev/full"]).refused("/dev/full", "character device");
    s.run(&["suggest", "article.txt", "-o", "/dev/null"]).refused("/dev/null", "");
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO is still a FIFO");
    let left: Vec<String> =
        std::fs::read_dir(s.dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(left.iter().all(|n| !n.contains(".tmp-")), "no temporary file left: {left:?}");
    // Standard output is the one special output asked for by name.
    let csv = s.run(&["export", "p.claimlens.ron", "-o", "-"]).works();
    assert!(csv.stdout.contains("c-g7-concern"), "{}", csv.stdout);
}

#[test]
fn symlinks_are_followed_to_the_file_and_never_replaced_by_an_export() {
    let s = Setup::new();
    std::os::unix::fs::symlink("p.claimlens.ron", s.path("link.claimlens.ron")).unwrap();
    std::os::unix::fs::symlink("missing.claimlens.ron", s.path("dangling.claimlens.ron")).unwrap();
    std::os::unix::fs::symlink("loop.claimlens.ron", s.path("loop.claimlens.ron")).unwrap();
    s.run(&["check", "link.claimlens.ron"]).works();
    s.run(&["check", "dangling.claimlens.ron"]).refused("dangling.claimlens.ron", "");
    s.run(&["check", "loop.claimlens.ron"]).refused("loop.claimlens.ron", "");
    let project = s.bytes("p.claimlens.ron");
    s.run(&["export", "p.claimlens.ron", "-o", "link.claimlens.ron"]).refused("link.claimlens.ron", "");
    s.run(&["export", "link.claimlens.ron", "-o", "p.claimlens.ron"]).refused("p.claimlens.ron", "");
    assert_eq!(s.bytes("p.claimlens.ron"), project);
    // Saving through the link saves the file it points to; the link stays a link.
    let doc = s.document_id();
    std::fs::write(s.path("new.txt"), std::fs::read_to_string(s.path("article.txt")).unwrap().replace("G7", "Group of Seven"))
        .unwrap();
    s.run(&["reanchor", "link.claimlens.ron", "--doc", &doc, "--text", "new.txt"]).works();
    assert!(std::fs::symlink_metadata(s.path("link.claimlens.ron")).unwrap().file_type().is_symlink());
    assert_ne!(s.bytes("p.claimlens.ron"), project, "the target was saved");
    s.run(&["check", "p.claimlens.ron"]).works();
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn read_only_projects_are_read_but_not_replaced_and_private_ones_stay_private() {
    let s = Setup::new();
    let p = s.path("p.claimlens.ron");
    let doc = s.document_id();
    std::fs::write(s.path("new.txt"), std::fs::read_to_string(s.path("article.txt")).unwrap().replace("G7", "Group of Seven"))
        .unwrap();
    set_mode(&p, 0o444);
    let project = s.bytes("p.claimlens.ron");
    s.run(&["check", "p.claimlens.ron"]).works();
    s.run(&["export", "p.claimlens.ron", "--format", "markdown", "-o", "report.md"]).works();
    s.run(&["reanchor", "p.claimlens.ron", "--doc", &doc, "--text", "new.txt"]).refused("p.claimlens.ron", "read-only");
    assert_eq!(s.bytes("p.claimlens.ron"), project);
    assert_eq!(mode(&p), 0o444);
    set_mode(&p, 0o600);
    s.run(&["reanchor", "p.claimlens.ron", "--doc", &doc, "--text", "new.txt"]).works();
    assert_eq!(mode(&p), 0o600, "the saved file keeps its mode");
    s.run(&["check", "p.claimlens.ron"]).works();
}

#[test]
fn windows_project_files_work_like_the_original() {
    let s = Setup::new();
    let text = String::from_utf8(s.bytes("p.claimlens.ron")).unwrap();
    std::fs::write(s.path("w.claimlens.ron"), format!("\u{FEFF}{}", text.replace('\n', "\r\n"))).unwrap();
    let checked = s.run(&["check", "w.claimlens.ron"]).works();
    assert_eq!(checked.stdout, s.run(&["check", "p.claimlens.ron"]).works().stdout.replace("p.claimlens.ron", "w.claimlens.ron"));
    let csv = |name: &str| s.run(&["export", name, "-o", "-"]).works().stdout;
    assert_eq!(csv("w.claimlens.ron"), csv("p.claimlens.ron"));
    s.run(&["import-annotations", "w.claimlens.ron", "a.jsonld"]).works();
    s.run(&["check", "w.claimlens.ron"]).works();
}

/// The annotation ids in a W3C file.
fn ids_in(json: &serde_json::Value) -> Vec<String> {
    let items = json["items"].as_array().or_else(|| json["first"]["items"].as_array()).expect("an annotation collection");
    items.iter().filter_map(|i| i["id"].as_str()).map(|id| id.rsplit(['/', ':', '#']).next().unwrap_or(id).to_owned()).collect()
}

#[test]
fn two_imports_at_once_lose_nothing_silently() {
    let s = Setup::new();
    s.run(&["import", "article.txt", "-o", "q.claimlens.ron"]).works();
    let all: serde_json::Value = serde_json::from_slice(&s.bytes("a.jsonld")).unwrap();
    let items = all["items"].as_array().or_else(|| all["first"]["items"].as_array()).unwrap().clone();
    let half = items.len() / 2;
    for (name, part) in [("one.jsonld", &items[..half]), ("two.jsonld", &items[half..])] {
        let mut json = all.clone();
        json["items"] = serde_json::Value::Array(part.to_vec());
        std::fs::write(s.path(name), serde_json::to_vec(&json).unwrap()).unwrap();
    }
    let args = |file: &'static str| -> Vec<&'static OsStr> {
        vec![OsStr::new("import-annotations"), OsStr::new("q.claimlens.ron"), OsStr::new(file)]
    };
    let one = start(s.dir.path(), &args("one.jsonld"));
    let two = start(s.dir.path(), &args("two.jsonld"));
    let runs = [finish(one, "import one".into()), finish(two, "import two".into())];
    assert!(runs.iter().any(|r| r.ok), "one of them saves");
    let saved = String::from_utf8(s.bytes("q.claimlens.ron")).unwrap();
    s.run(&["check", "q.claimlens.ron"]).works();
    for (run, name) in runs.into_iter().zip(["one.jsonld", "two.jsonld"]) {
        let json: serde_json::Value = serde_json::from_slice(&s.bytes(name)).unwrap();
        if run.ok {
            let missing: Vec<String> = ids_in(&json).into_iter().filter(|id| !saved.contains(&format!("\"{id}\""))).collect();
            assert!(missing.is_empty(), "{name} said it saved, yet {missing:?} are not in the file");
        } else {
            run.refused("q.claimlens.ron", "changed by another program");
        }
    }
}

#[test]
fn exports_and_imports_never_write_over_their_inputs() {
    let s = Setup::new();
    let project = s.bytes("p.claimlens.ron");
    let article = s.bytes("article.txt");
    let annotations = s.bytes("a.jsonld");
    s.run(&["export", "p.claimlens.ron", "-o", "p.claimlens.ron"]).refused("p.claimlens.ron", "");
    s.run(&["export", "p.claimlens.ron", "-o", "./p.claimlens.ron", "--force"]).refused("p.claimlens.ron", "");
    s.run(&["import", "article.txt", "-o", "article.txt", "--force"]).refused("article.txt", "");
    s.run(&["import-annotations", "p.claimlens.ron", "p.claimlens.ron"]).refused("p.claimlens.ron", "");
    s.run(&["import-annotations", "a.jsonld", "a.jsonld"]).refused("a.jsonld", "");
    assert_eq!(s.bytes("p.claimlens.ron"), project);
    assert_eq!(s.bytes("article.txt"), article);
    assert_eq!(s.bytes("a.jsonld"), annotations);
}
