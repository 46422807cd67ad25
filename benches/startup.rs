//! Start-up benchmark: launches the release window with `--measure-startup` under a virtual X
//! server and prints what it measured: `startup.first_frame_ms` (launch to the first painted
//! frame showing the document's text; the median of five launches on the bundled sample),
//! `startup.renderer_ready_ms` (launch to the window and its OpenGL context being ready),
//! `startup.rss_mb` (resident memory half a second later, idle) and `startup.gl_driver_mb` (the part
//! of it that is the OpenGL driver's libraries: on a machine without a GPU, Mesa's software
//! renderer and the LLVM it compiles shaders with), and the first two on the 1 MB,
//! 10,000-annotation project (`startup.large.*`). The naive way, measured in the same run
//! (launches taking turns): the same eframe window and renderer showing one line of text
//! (`claimlens --measure-empty-window`), `startup.empty_window.{first_frame_ms,rss_mb}`, and
//! claimlens's figure divided by it, `startup.{first_frame,rss}.vs_empty_window`.
//!
//! It needs `Xvfb` (Debian's `xvfb` package); where there is none it prints
//! `startup.skipped no Xvfb` and exits successfully. Each launch gets an empty home folder, so
//! no settings or recent files of the user's play a part.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const LAUNCHES: usize = 5;

struct Xvfb {
    child: Child,
    display: String,
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_xvfb() -> Option<Xvfb> {
    let display = format!(":{}", 90 + std::process::id() % 100);
    let child = Command::new("Xvfb")
        .args([display.as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    // The server is ready when its socket exists.
    let socket = format!("/tmp/.X11-unix/X{}", &display[1..]);
    for _ in 0..100 {
        if Path::new(&socket).exists() {
            return Some(Xvfb { child, display });
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

/// What a launch opens.
#[derive(Clone, Copy)]
enum Window<'a> {
    /// claimlens, on the bundled sample or a file.
    Claimlens(Option<&'a Path>),
    /// The same window with one line of text and nothing else (`--measure-empty-window`).
    Empty,
}

/// One launch: the figures the window printed, by name.
fn launch(display: &str, window: Window) -> Vec<(String, f64)> {
    let home = tempfile::tempdir().expect("temp home");
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimlens"));
    match window {
        Window::Claimlens(file) => {
            command.arg("--measure-startup");
            if let Some(file) = file {
                command.arg(file);
            }
        }
        Window::Empty => {
            command.arg("--measure-empty-window");
        }
    }
    let output = command
        .env("DISPLAY", display)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run claimlens");
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        eprintln!("claimlens --measure-startup failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    stdout
        .lines()
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            Some((parts.next()?.to_owned(), parts.next()?.parse().ok()?))
        })
        .collect()
}

fn median_of(runs: &[Vec<(String, f64)>], name: &str) -> Option<f64> {
    let mut values: Vec<f64> = runs.iter().filter_map(|r| r.iter().find(|(n, _)| n == name).map(|(_, v)| *v)).collect();
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied()
}

fn main() {
    let Some(xvfb) = start_xvfb() else {
        println!("startup.skipped no Xvfb (install Debian's xvfb package to measure the window's start)");
        return;
    };
    let quick = !std::env::args().any(|a| a == "--bench");
    let launches = if quick { 1 } else { LAUNCHES };
    // Taking turns, so that both meet the machine in the same moods.
    let (mut sample, mut empty) = (Vec::new(), Vec::new());
    for _ in 0..launches {
        sample.push(launch(&xvfb.display, Window::Claimlens(None)));
        empty.push(launch(&xvfb.display, Window::Empty));
    }
    for (name, unit) in [
        ("startup.first_frame_ms", "ms"),
        ("startup.renderer_ready_ms", "ms"),
        ("startup.rss_mb", "MB"),
        ("startup.gl_driver_mb", "MB"),
    ] {
        match median_of(&sample, name) {
            Some(v) => println!("{name} {v:.1} {unit}"),
            None => println!("{name} not printed by the window"),
        }
    }
    // The naive way: the same eframe window and renderer showing one line of text.
    for (figure, value, unit) in [("first_frame", "first_frame_ms", "ms"), ("rss", "rss_mb", "MB")] {
        let name = format!("startup.empty_window.{value}");
        match (median_of(&empty, &name), median_of(&sample, &format!("startup.{value}"))) {
            (Some(e), Some(o)) => {
                println!("{name} {e:.1} {unit}");
                println!("startup.{figure}.vs_empty_window {:.3}", o / e);
            }
            _ => println!("{name} not printed by the window"),
        }
    }
    if quick {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.claimlens.ron");
    let large = claimlens::testdata::large_project().expect("the PolNeAR train texts (../shared/data)");
    claimlens::store::save(&path, &large, None, claimlens::store::Overwrite::Force).expect("saved");
    let runs: Vec<_> = (0..3).map(|_| launch(&xvfb.display, Window::Claimlens(Some(&path)))).collect();
    for (name, unit) in [("startup.first_frame_ms", "ms"), ("startup.rss_mb", "MB")] {
        let short = name.trim_start_matches("startup.");
        match median_of(&runs, name) {
            Some(v) => println!("startup.large.{short} {v:.1} {unit}"),
            None => println!("startup.large.{short} not printed by the window"),
        }
    }
}
