//! The invariants of ARCHITECTURE.md that a lint cannot state, checked on the source itself:
//! small files, a core that never sees the window, files touched only by `store`, behaviour
//! asked of label roles, and no path fixed at build time.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Reads the crate's own sources.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The file's path below `src/`, with `/` separators.
fn rel(path: &Path) -> String {
    path.strip_prefix(src()).unwrap().to_string_lossy().replace('\\', "/")
}

/// The code of a file without its `#[cfg(test)]` tail (test modules may do what tests do);
/// nothing for the files that are test modules whole (`attribution/dev_eval.rs` is declared
/// `#[cfg(test)]`).
fn non_test_code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let name = rel(path);
    if name.ends_with("tests.rs") || name.ends_with("_tests.rs") || name.ends_with("dev_eval.rs") || name == "testing.rs" {
        return String::new();
    }
    let code = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => &text,
    };
    code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

#[test]
fn no_source_file_is_over_600_lines() {
    let long: Vec<String> = rust_files(&src())
        .iter()
        .filter_map(|p| {
            let lines = std::fs::read_to_string(p).unwrap().lines().count();
            (lines > 600).then(|| format!("{} ({lines} lines)", rel(p)))
        })
        .collect();
    assert!(long.is_empty(), "one job per module: split {long:?}");
}

#[test]
fn the_core_never_imports_the_window() {
    let core_dirs =
        ["model/", "edit/", "ops/", "anchor.rs", "reanchor/", "store/", "formats/", "analysis/", "text/", "import.rs", "fetch/"];
    let offenders: Vec<String> = rust_files(&src())
        .iter()
        .filter(|p| core_dirs.iter().any(|c| rel(p).starts_with(c)))
        .filter(|p| {
            let code = non_test_code(p);
            code.contains("egui") || code.contains("eframe")
        })
        .map(|p| rel(p))
        .collect();
    assert!(offenders.is_empty(), "the core must not know the window: {offenders:?}");
}

#[test]
fn only_store_may_touch_files() {
    // clippy's disallowed-methods (clippy.toml) refuses std::fs everywhere; this checks that
    // nobody switched the lint off outside the places that may.
    let allowed = ["store/", "ui/theme.rs"];
    let offenders: Vec<String> = rust_files(&src())
        .iter()
        .filter(|p| !allowed.iter().any(|a| rel(p).starts_with(a)))
        .filter(|p| {
            let code = non_test_code(p);
            code.contains("disallowed_methods") || code.contains("disallowed_types") || code.contains("std::fs")
        })
        .map(|p| rel(p))
        .collect();
    assert!(offenders.is_empty(), "files are store's: {offenders:?}");
}

#[test]
fn behaviour_asks_a_labels_role_not_its_name() {
    let offenders: Vec<String> = rust_files(&src())
        .iter()
        .filter(|p| rel(p) != "model/labels.rs")
        .flat_map(|p| {
            let code = non_test_code(p);
            code.lines()
                .filter(|l| {
                    l.contains("names::CLAIM")
                        || l.contains("names::SOURCE")
                        || l.contains("names::CUE")
                        || l.contains("label == \"")
                })
                .map(|l| format!("{}: {}", rel(p), l.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(offenders.is_empty(), "ask Project::plays / label_for a role: {offenders:#?}");
}

#[test]
fn no_path_is_fixed_at_build_time() {
    let offenders: Vec<String> = rust_files(&src())
        .iter()
        .filter(|p| std::fs::read_to_string(p).unwrap().contains("CARGO_MANIFEST_DIR"))
        .map(|p| rel(p))
        .collect();
    assert!(offenders.is_empty(), "the binary must run from any folder: {offenders:?}");
}

/// The core's modules in layers, lowest first: each may use only the layers below it, so the
/// core has no cycles (the window and the command line, on top, may use them all).
const LAYERS: [&[&str]; 9] = [
    &["anchor"],
    &["model"],
    &["text"],
    &["edit"],
    &["reanchor", "analysis"],
    &["formats"],
    &["store"],
    &["ops"],
    &["fetch", "import"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

#[test]
fn the_core_is_layered_without_cycles() {
    let mut upward = Vec::new();
    for path in rust_files(&src()) {
        let name = rel(&path);
        let module = name.split(['/', '.']).next().unwrap_or_default().to_owned();
        let Some(own) = layer_of(&module) else { continue };
        let code = non_test_code(&path);
        for (i, _) in code.match_indices("crate::") {
            let used: String = code[i + 7..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
            if let Some(theirs) = layer_of(&used)
                && theirs > own
            {
                upward.push(format!("{name} uses crate::{used}"));
            }
        }
    }
    upward.sort();
    upward.dedup();
    assert!(upward.is_empty(), "a lower layer uses a higher one (a cycle in the making): {upward:#?}");
}

/// The window's own thread never waits on a file: in `ui/`, only `ui/app/file_work.rs` (the
/// work its background jobs run) calls the file functions of `store` and `import`; the rest
/// starts jobs. `store::from_ron` and `store::to_ron` are pure (text in, text out).
#[test]
fn the_window_touches_files_only_in_its_jobs() {
    let pure = ["store::from_ron(", "store::to_ron("];
    let offenders: Vec<String> = rust_files(&src().join("ui"))
        .iter()
        .filter(|p| rel(p) != "ui/app/file_work.rs")
        .flat_map(|p| {
            let code = non_test_code(p);
            code.lines()
                .filter(|l| !pure.iter().any(|ok| l.contains(ok)))
                .filter(|l| {
                    let calls_store = l.match_indices("store::").any(|(i, _)| {
                        let rest = &l[i + "store::".len()..];
                        let name: String =
                            rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_' || *c == ':').collect();
                        name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && rest[name.len()..].starts_with('(')
                    });
                    calls_store || l.contains("import::read_") || l.contains("Fingerprint::read")
                })
                .map(|l| format!("{}: {}", rel(p), l.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(offenders.is_empty(), "file work goes in ui/app/file_work.rs, run by a job: {offenders:#?}");
}
