//! Text analysis: the attribution suggester (sources, cues, contents, citation chains), date
//! normalisation, pre-annotation and the timeline (sentence, word and name rules live in
//! [`crate::text`]). Pure functions of text; the learned
//! lexicons and tagger weights are shipped inside the crate (`data/`).

pub mod attribution;
pub mod chains;
pub mod claim_match;
pub mod date_values;
pub mod dates;
pub mod lexicon;
pub mod preannotate;
pub mod provenance;
pub mod source_merge;
pub mod timeline;
