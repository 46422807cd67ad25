//! Test and benchmark data: a large, deterministic project built from the `PolNeAR` train texts.
//!
//! Not part of claimlens' API. Used by `benches/frame.rs` (and meant for `benches/store.rs`
//! and tests that need a big project): the same input always gives the same project, ids and
//! timestamps included, so figures are comparable from run to run.

use crate::anchor::{CharRange, Quote, TextIndex};
use crate::model::{Annotation, AnnotationId, Claim, ClaimId, Document, DocumentId, Project, Source, SourceId, SourceKind};
use crate::store::{self, StoreError};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Size of the large article, in chars (at least).
pub const LARGE_CHARS: usize = 1_000_000;
/// Annotations on the large article.
pub const LARGE_ANNOTATIONS: usize = 10_000;
/// Claims on the large article.
pub const LARGE_CLAIMS: usize = 300;

/// The `PolNeAR` train texts, as CI and the worktrees find them: `../shared/data`, relative to
/// the crate's folder, where `cargo test` and `cargo bench` run (no path fixed at build time).
pub fn polnear_train_dir() -> PathBuf {
    polnear_dir().join("train/text")
}

/// Reads `.txt` files of `dir` in sorted order and joins them (separated by a blank line) until
/// the result has at least `min_chars` chars.
pub fn concatenated_texts(dir: &Path, min_chars: usize) -> Result<String, StoreError> {
    let names = store::text_files_in(dir)?;
    let mut text = String::new();
    let mut chars = 0;
    for path in names {
        if chars >= min_chars {
            break;
        }
        let piece = store::read_text(&path)?;
        let piece = piece.trim();
        if !text.is_empty() {
            text.push_str("\n\n");
            chars += 2;
        }
        chars += piece.chars().count();
        text.push_str(piece);
    }
    Ok(text)
}

/// A small deterministic generator (64-bit LCG), so the data does not depend on any crate's
/// random number algorithm.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

fn fixed_time() -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default()
}

/// A project with one document of `text`, `annotations` annotations with deterministic spans
/// (some nested, some overlapping, some across paragraphs) and cycling labels, and `claims`
/// claims on its Claim annotations, attributed to a handful of sources.
pub fn project_from_text(text: &str, annotations: usize, claims: usize) -> Project {
    let time = fixed_time();
    let mut project = Project::new("Large test project");
    project.created = time;
    project.modified = time;
    let index = TextIndex::new(text);
    let len = index.char_len();
    let labels: Vec<String> = project.labels.iter().map(|l| l.name.clone()).collect();
    let mut rng = Lcg(0x5eed);
    let mut doc = Document::new("PolNeAR train texts, concatenated", text);
    doc.id = DocumentId::from("d-large00000");
    doc.outlet = Some("PolNeAR".into());
    doc.published = chrono::NaiveDate::from_ymd_opt(2016, 11, 8);
    let stride = (len / annotations.max(1)).max(1);
    for i in 0..annotations {
        let base = i * stride;
        // Mostly short spans; every 7th a longer one that may cross a paragraph end, every 5th
        // nested in or overlapping its predecessor.
        let start = if i % 5 == 4 { base.saturating_sub(stride / 2) + rng.below(8) } else { base + rng.below(stride / 2 + 1) };
        let extent = if i % 7 == 0 { 40 + rng.below(400) } else { 3 + rng.below(60) };
        let start = start.min(len.saturating_sub(1));
        let end = (start + extent).min(len);
        if end <= start {
            continue;
        }
        let ranges = vec![CharRange::new(start, end)];
        let label = labels.get(i % labels.len().max(1)).cloned().unwrap_or_default();
        doc.annotations.push(Annotation {
            id: AnnotationId(format!("a-{i:010}")),
            label,
            quote: Quote::of(&index, &ranges),
            ranges,
            note: String::new(),
            tags: Vec::new(),
            author: "testdata".into(),
            attributes: BTreeMap::new(),
            created: time,
            modified: time,
        });
    }
    let kinds = SourceKind::ALL;
    for i in 0..12 {
        let mut s = Source::new(format!("Source {i}"), kinds.get(i % kinds.len()).copied().unwrap_or_default());
        s.id = SourceId(format!("s-{i:010}"));
        if i > 0 {
            s.cites = vec![SourceId(format!("s-{:010}", i - 1))];
        }
        project.sources.push(s);
    }
    let claim_label = project.label_name_for(crate::model::LabelRole::Claim).to_owned();
    let contents: Vec<AnnotationId> = doc.annotations.iter().filter(|a| a.label == claim_label).map(|a| a.id.clone()).collect();
    let step = (contents.len() / claims.max(1)).max(1);
    for (n, content) in contents.iter().step_by(step).take(claims).enumerate() {
        let mut c = Claim::new(vec![content.clone()]);
        c.id = ClaimId(format!("c-{n:010}"));
        c.attributed_to = vec![SourceId(format!("s-{:010}", n % 12))];
        c.verdict = crate::model::Verdict::ALL.get(n % crate::model::Verdict::ALL.len()).copied().unwrap_or_default();
        doc.claims.push(c);
    }
    project.documents.push(doc);
    project
}

/// The large project: the `PolNeAR` train texts (sorted, concatenated to at least 1,000,000
/// chars), 10,000 annotations and 300 claims.
pub fn large_project() -> Result<Project, StoreError> {
    let text = concatenated_texts(&polnear_train_dir(), LARGE_CHARS)?;
    Ok(project_from_text(&text, LARGE_ANNOTATIONS, LARGE_CLAIMS))
}

/// A project `mb` times the large one: at least `mb` million chars of article text (the
/// `PolNeAR` train texts, about 5.5 MB, repeated as often as needed, each repetition numbered at
/// its paragraphs' starts so no two paragraphs are the same), `mb` × 10,000 annotations and
/// `mb` × 300 claims. The scaling benchmark's projects at 1, 2, 5 and 10 MB.
pub fn scaled_project(mb: usize) -> Result<Project, StoreError> {
    let chars = mb * LARGE_CHARS;
    let corpus = concatenated_texts(&polnear_train_dir(), chars)?;
    let mut text = String::with_capacity(chars + chars / 8);
    let mut len = 0;
    let mut round = 0;
    while len < chars && !corpus.is_empty() {
        for paragraph in corpus.split("\n\n") {
            if len >= chars {
                break;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
                len += 2;
            }
            if round > 0 {
                let mark = format!("({round}) ");
                len += mark.len();
                text.push_str(&mark);
            }
            len += paragraph.chars().count();
            text.push_str(paragraph);
        }
        round += 1;
    }
    Ok(project_from_text(&text, mb * LARGE_ANNOTATIONS, mb * LARGE_CLAIMS))
}

/// The `PolNeAR` corpus folder (`../shared/data/polnear`, relative to the crate's folder).
pub fn polnear_dir() -> PathBuf {
    PathBuf::from("../shared/data/polnear")
}

/// The outlet of a `PolNeAR` publisher code.
fn polnear_outlet(code: &str) -> &str {
    match code {
        "huff-post" => "Huffington Post",
        "breitbart" => "Breitbart",
        "nyt" => "New York Times",
        "politico" => "Politico",
        "wash-post" => "Washington Post",
        "west-journal" => "Western Journalism",
        "usa-today" => "USA Today",
        other => other,
    }
}

/// A project of the `PolNeAR` articles of `split` (`train`, `dev`) whose names `keep` accepts,
/// in `metadata.tsv` order, with their attributions as claims (the first annotator's), outlet
/// and publication date from the metadata, and the file each came from.
pub fn polnear_project(splits: &[&str], keep: &dyn Fn(&str) -> bool) -> Result<Project, StoreError> {
    use crate::edit::Edit;
    use crate::formats::brat::import_brat;
    let dir = polnear_dir();
    let metadata = store::read_text(&dir.join("metadata.tsv"))?;
    let mut project = Project::new("PolNeAR");
    for line in metadata.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let (Some(split), Some(name), Some(annotators), Some(publisher), Some(date)) =
            (fields.first(), fields.get(1), fields.get(3), fields.get(4), fields.get(5))
        else {
            continue;
        };
        if !splits.contains(split) || !keep(name) {
            continue;
        }
        let annotator = annotators.split('|').next().unwrap_or_default();
        let text = store::read_text(&dir.join(split).join("text").join(format!("{name}.txt")))?;
        let ann = store::read_text(&dir.join(split).join("attributions").join(format!("{name}_{annotator}.ann")))?;
        let imported = import_brat(&text, &ann, name, &project);
        let mut document = imported.document;
        document.outlet = Some(polnear_outlet(publisher).to_owned());
        document.published = date.parse().ok();
        let mut origin = crate::model::Origin::new(crate::model::OriginKind::Text);
        origin.file_name = Some(format!("{name}.txt"));
        document.origin = Some(origin);
        let mut edits: Vec<Edit> =
            imported.new_labels.into_iter().map(|label| Edit::InsertLabel { index: None, label }).collect();
        edits.extend(imported.new_sources.into_iter().map(|source| Edit::InsertSource { index: None, source }));
        edits.push(Edit::InsertDocument { index: None, document: Box::new(document) });
        if let Err(e) = Edit::Batch(edits).apply(&mut project) {
            return Err(StoreError::Unreadable { path: dir.join(name), reason: e.to_string() });
        }
    }
    Ok(project)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_project_is_valid_and_deterministic() {
        let text = "First paragraph, with some words.\n\nSecond one, a little longer than the first.\n\nThird.".repeat(20);
        let a = project_from_text(&text, 200, 10);
        let b = project_from_text(&text, 200, 10);
        assert_eq!(a, b);
        let doc = &a.documents[0];
        assert!(doc.annotations.len() > 150);
        assert_eq!(doc.claims.len(), 10);
        let len = crate::anchor::char_len(&doc.text);
        for ann in &doc.annotations {
            crate::anchor::validate_ranges(&ann.ranges, len).unwrap();
        }
    }
}
