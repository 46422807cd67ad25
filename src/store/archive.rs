//! The originals of imported pages, kept beside the project: `P.claimlens.pages/SHA256.EXT.gz`,
//! content-addressed (the name is the SHA-256 of the original bytes, which the document's
//! [`Origin`] records) and gzip-compressed, never inside the RON.
//!
//! Design: an import reads the original once and hands it to [`keep_pending`]; the next
//! [`crate::store::save`] of a project whose documents name it writes it into the project's
//! pages folder (the same crash-safe writes as the project), before the project itself. So the
//! command line (`claimlens import … -o P`) and the window (import, then Save) archive through
//! the same save, and an untitled project archives when it is first saved. Pending originals
//! stay in memory for the process (a later Save As writes them again beside the new file).
//! A project moved with its folder keeps working (the folder is found beside the file); a
//! missing original is reported by [`missing_pages`], never an error.

use super::{StoreError, atomic};
use crate::model::{Document, DocumentVersion, Origin, OriginKind, Project};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// Originals read by imports and not yet written beside a project, by SHA-256.
static PENDING: Mutex<BTreeMap<String, Vec<u8>>> = Mutex::new(BTreeMap::new());

/// Archived originals larger than this when decompressed are refused (a page is well under it).
const MAX_ORIGINAL_BYTES: u64 = 64 * 1024 * 1024;

/// Keeps the original bytes of an import (named by `sha256`, its hex SHA-256) until a project
/// naming it is saved.
pub fn keep_pending(sha256: &str, bytes: Vec<u8>) {
    PENDING.lock().unwrap_or_else(PoisonError::into_inner).insert(sha256.to_owned(), bytes);
}

/// The pages folder of the project file `project_path`: `P.claimlens.pages` for
/// `P.claimlens.ron` (else the file name with `.pages` added).
pub fn pages_dir(project_path: &Path) -> PathBuf {
    let name = project_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.strip_suffix(".ron").filter(|s| s.ends_with(".claimlens")).unwrap_or(&name);
    project_path.with_file_name(format!("{stem}.pages"))
}

/// Where the original a document's origin names is archived for `project_path`, if it names one.
pub fn page_path(project_path: &Path, origin: &Origin) -> Option<PathBuf> {
    archived_path(project_path, origin.kind, origin.sha256.as_deref())
}

/// Where the original of an earlier version of a document is archived for `project_path`.
pub fn version_path(project_path: &Path, version: &DocumentVersion) -> Option<PathBuf> {
    archived_path(project_path, version.kind, version.sha256.as_deref())
}

fn archived_path(project_path: &Path, kind: OriginKind, sha: Option<&str>) -> Option<PathBuf> {
    let sha = sha.filter(|s| is_hex_sha256(s))?;
    kind.is_archived().then(|| pages_dir(project_path).join(format!("{sha}.{}.gz", kind.archive_extension())))
}

/// Every archived original `project` names, with its SHA-256: each document's current one and
/// those of its earlier versions.
fn archived_originals<'a>(project_path: &'a Path, project: &'a Project) -> impl Iterator<Item = (PathBuf, &'a str)> + 'a {
    project.documents.iter().filter_map(|d| d.origin.as_ref()).flat_map(move |origin| {
        let current = std::iter::once((origin.kind, origin.sha256.as_deref()));
        let earlier = origin.versions.iter().map(|v| (v.kind, v.sha256.as_deref()));
        current.chain(earlier).filter_map(move |(kind, sha)| Some((archived_path(project_path, kind, sha)?, sha?)))
    })
}

fn is_hex_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Writes the pending originals that `project`'s documents name into the pages folder of
/// `project_path` (those already there are left alone: same name, same bytes). Returns how
/// many were written.
pub fn write_pending(project_path: &Path, project: &Project) -> Result<usize, StoreError> {
    let pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
    let mut written = 0;
    for (path, sha) in archived_originals(project_path, project) {
        let Some(bytes) = pending.get(sha) else { continue };
        if path.is_file() {
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        }
        atomic::write_atomically(&path, &gzip(bytes).map_err(|e| StoreError::io(&path, e))?)?;
        written += 1;
    }
    Ok(written)
}

fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// The archived original of `document` in the project saved at `project_path`: `Ok(None)` when
/// it has none or the file is missing; an error when the file is there but unreadable or does
/// not match its hash.
pub fn read_page(project_path: &Path, document: &Document) -> Result<Option<Vec<u8>>, StoreError> {
    let Some(origin) = &document.origin else { return Ok(None) };
    let Some(path) = page_path(project_path, origin) else { return Ok(None) };
    if !path.is_file() {
        return Ok(None);
    }
    let compressed = super::read_input(&path, MAX_ORIGINAL_BYTES)?;
    let mut bytes = Vec::new();
    GzDecoder::new(compressed.as_slice())
        .take(MAX_ORIGINAL_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::io(&path, e))?;
    if origin.sha256.as_deref() != Some(crate::model::origin::sha256_hex(&bytes).as_str()) {
        let reason = "the archived original does not match its SHA-256 (damaged or replaced)".to_owned();
        return Err(StoreError::Unreadable { path, reason });
    }
    Ok(Some(bytes))
}

/// The original of `document` as a file the system browser can open: decompressed into
/// `claimlens-originals/SHA256.EXT` in the system's temporary folder, from the originals kept
/// since import (an unsaved project) or the pages folder of `project_path`. `Ok(None)` when the
/// document has no archived original or it is missing.
pub fn viewable_copy(project_path: Option<&Path>, document: &Document) -> Result<Option<PathBuf>, StoreError> {
    let Some(origin) = document.origin.as_ref().filter(|o| o.kind.is_archived()) else { return Ok(None) };
    let Some(sha) = origin.sha256.as_deref().filter(|s| is_hex_sha256(s)) else { return Ok(None) };
    let Some(bytes) = page_bytes(project_path, document)? else { return Ok(None) };
    let dir = std::env::temp_dir().join("claimlens-originals");
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
    let path = dir.join(format!("{sha}.{}", origin.kind.archive_extension()));
    if !path.is_file() {
        atomic::write_atomically(&path, &bytes)?;
    }
    Ok(Some(path))
}

/// The archived original of `document`: kept since import (an unsaved project), else read from
/// the pages folder of `project_path`. `Ok(None)` when it has none or it is missing.
fn page_bytes(project_path: Option<&Path>, document: &Document) -> Result<Option<Vec<u8>>, StoreError> {
    let Some(origin) = document.origin.as_ref().filter(|o| o.kind.is_archived()) else { return Ok(None) };
    let Some(sha) = origin.sha256.as_deref().filter(|s| is_hex_sha256(s)) else { return Ok(None) };
    let pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner).get(sha).cloned();
    match (pending, project_path) {
        (Some(bytes), _) => Ok(Some(bytes)),
        (None, Some(project_path)) => read_page(project_path, document),
        (None, None) => Ok(None),
    }
}

/// Where an export's original pages go: into the export's folder (brat), or into
/// `STEM-originals/` beside an export file.
pub fn originals_dir(export_path: &Path, export_is_folder: bool) -> PathBuf {
    if export_is_folder {
        return export_path.to_owned();
    }
    let stem = export_path.file_stem().map_or_else(|| "export".to_owned(), |s| s.to_string_lossy().into_owned());
    export_path.with_file_name(format!("{stem}-originals"))
}

/// Writes the archived original of every document that has one into `dir` (created if
/// missing), each named like the document's brat files (`STEM.html`, `STEM.pdf`), through the
/// same checks as every output (`options`). Returns how many were written; a document whose
/// original is missing is skipped.
pub fn export_originals(
    project_path: Option<&Path>,
    project: &Project,
    dir: &Path,
    options: &super::OutputOptions,
) -> Result<usize, StoreError> {
    let stems = crate::formats::brat::file_stems(project);
    let mut written = 0;
    for (document, stem) in project.documents.iter().zip(stems) {
        let Some(origin) = &document.origin else { continue };
        let Some(bytes) = page_bytes(project_path, document)? else { continue };
        if written == 0 {
            super::create_output_dir(dir)?;
        }
        super::write_output(&dir.join(format!("{stem}.{}", origin.kind.archive_extension())), &bytes, options)?;
        written += 1;
    }
    Ok(written)
}

/// A warning for each document whose archived original is missing from the pages folder of
/// `project_path` (the project still works without it).
pub fn missing_pages(project_path: &Path, project: &Project) -> Vec<String> {
    let mut out = Vec::new();
    for d in &project.documents {
        let Some(path) = d.origin.as_ref().and_then(|o| page_path(project_path, o)) else { continue };
        if !path.is_file() {
            out.push(format!("{}: the original of {:?} is missing (the document itself is intact)", path.display(), d.title));
        }
    }
    out
}
