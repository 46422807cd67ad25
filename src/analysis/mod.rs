//! Text analysis: guessing what kind of source a name is (the attribution suggester and date
//! normalisation will live here too). Pure functions of text.

pub mod sentences;
pub mod sources;
