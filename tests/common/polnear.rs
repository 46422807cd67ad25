//! The six annotators of the four `PolNeAR` training articles, each as a project of their own
//! (real news, real disagreements: what comparing and adjudicating are for).
#![allow(dead_code, clippy::disallowed_methods, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use claimlens::model::Project;
use std::path::{Path, PathBuf};

pub const TRAINING: &str = "../shared/data/polnear/annotator-training";
pub const ANNOTATORS: [&str; 6] = ["4b22", "4e07", "5fec", "6b86", "d473", "ef2d"];

/// The four training articles' text files, in name order.
pub fn articles() -> Vec<PathBuf> {
    let mut texts: Vec<PathBuf> =
        std::fs::read_dir(Path::new(TRAINING).join("text")).unwrap().map(|e| e.unwrap().path()).collect();
    texts.sort();
    assert_eq!(texts.len(), 4);
    texts
}

/// Annotator `annotator`'s brat file of article `text`.
pub fn ann_of(text: &Path, annotator: &str) -> PathBuf {
    let stem = text.file_stem().unwrap().to_string_lossy();
    Path::new(TRAINING).join("attributions").join(format!("{stem}_{annotator}.ann"))
}

/// One annotator's four articles as a project, every annotation authored by the annotator.
pub fn project_of(annotator: &str) -> Project {
    let mut project = Project::new(annotator);
    for text in articles() {
        let imported = claimlens::import::import_article(&text, Some(&ann_of(&text, annotator)), &project).unwrap();
        imported.edit.apply(&mut project).unwrap();
    }
    for doc in &mut project.documents {
        for a in &mut doc.annotations {
            annotator.clone_into(&mut a.author);
        }
    }
    project
}
