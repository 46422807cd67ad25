//! Text analysis: the attribution suggester (sources, cues, contents, citation chains), date
//! normalisation, sentence boundaries and source kinds. Pure functions of text; the learned
//! lexicons and tagger weights are shipped inside the crate (`data/`).

pub mod attribution;
pub mod date_values;
pub mod dates;
pub mod lexicon;
pub mod preannotate;
pub mod sentences;
pub mod sources;
pub mod timeline;
