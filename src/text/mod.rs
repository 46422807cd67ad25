//! One home for every rule about plain text that more than one part of claimlens needs: where
//! sentences and words begin and end, which words are pronouns, how a source's name is
//! normalised, and which files are articles. Pure functions of text (no I/O, no egui), below
//! both `analysis` and `formats`, so neither needs the other for them. Offsets are code points
//! (chars), end exclusive.

pub mod apparatus;
pub mod citation_cues;
pub mod find;
pub mod names;
pub mod selection;
pub mod sentences;
pub mod source_kind;
pub mod words;

pub use apparatus::is_apparatus;
pub use find::find_all;
pub use names::{is_pronoun, normalize_source_name, source_display_name};
pub use selection::{snap_to_words, trim_whitespace};
pub use sentences::{is_abbreviation, opens_sentence, sentences};
pub use words::{count_of, quoted, shorten, word_at, word_end_after, word_start_before, words};
