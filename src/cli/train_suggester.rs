//! `claimlens train-suggester --train DIR --dev DIR -o DATA_DIR` (hidden): reads a brat corpus
//! (`DIR/text/NAME.txt`, `DIR/attributions/NAME[_ANNOTATOR].ann`, the first annotator's file where
//! several annotated a text) and writes the tagger model and lexicons
//! [`crate::analysis::attribution::training::train`] learns (`DATA_DIR/tagger.model`,
//! `cue_lexicon.tsv`, `source_heads.tsv`), printing each epoch's held-out figures.

use crate::analysis::attribution::training::{Annotated, TrainOptions, train};
use crate::store;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// The annotated texts of a corpus folder, in name order.
pub fn corpus(dir: &Path) -> Result<Vec<Annotated>> {
    let mut out = Vec::new();
    let mut last = String::new();
    for ann_path in store::files_in(&dir.join("attributions"), "ann")? {
        let Some(file) = ann_path.file_stem().and_then(|s| s.to_str()) else { continue };
        // NAME_abcd.ann: the annotator's id after the last underscore.
        let name = match file.rsplit_once('_') {
            Some((n, id)) if id.len() == 4 && id.bytes().all(|b| b.is_ascii_hexdigit()) => n,
            _ => file,
        };
        if name == last {
            continue;
        }
        name.clone_into(&mut last);
        let text_path = dir.join("text").join(format!("{name}.txt"));
        let text = store::read_text(&text_path).with_context(|| format!("the text of {}", ann_path.display()))?;
        out.push(Annotated { text, ann: store::read_text(&ann_path)? });
    }
    Ok(out)
}

/// Trains and writes the model, printing the figures of every epoch and of the one kept.
pub fn run(train_dir: &Path, dev_dir: &Path, output: &Path, opts: &TrainOptions, out: &mut dyn Write) -> Result<()> {
    let train_texts = corpus(train_dir)?;
    let dev_texts = corpus(dev_dir)?;
    writeln!(out, "training on {} texts, choosing on {}", train_texts.len(), dev_texts.len())?;
    let trained = train(&train_texts, &dev_texts, opts, &mut |epoch, scores| {
        let [s, c, t, a] = scores.f1s();
        let _ = writeln!(out, "epoch {epoch}: Source {s:.3} Cue {c:.3} Content {t:.3} attribution {a:.3}");
    });
    store::create_output_dir(output)?;
    let files = [
        ("tagger.model", &trained.model),
        ("cue_lexicon.tsv", &trained.cue_lexicon),
        ("source_heads.tsv", &trained.source_heads),
    ];
    for (name, contents) in files {
        store::write_output(&output.join(name), contents.as_bytes(), &store::OutputOptions::default())?;
    }
    writeln!(
        out,
        "kept epoch {} ({} features); wrote tagger.model and the lexicons to {}",
        trained.epoch,
        trained.features,
        output.display()
    )?;
    write!(out, "{}", trained.scores.table())?;
    Ok(())
}
