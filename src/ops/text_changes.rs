//! What changed between two versions of an article's text, as Check for Changes shows it:
//! paragraphs added, removed and changed, and within a changed paragraph the words added and
//! removed, old and new side by side. Paragraphs are aligned by Myers' diff (the `similar`
//! crate); a run of changed paragraphs pairs its old and new ones in order, the rest of the
//! run counting as removed or added.

use crate::formats::html::PARAGRAPH_SEPARATOR;
use similar::{Algorithm, ChangeTag, DiffTag, TextDiff};

/// A stretch of a paragraph's text, changed (removed on the old side, added on the new) or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The text.
    pub text: String,
    /// Whether it is what changed.
    pub changed: bool,
}

/// One row of the side-by-side view: an old paragraph and what it became. An added paragraph
/// has no old pieces; a removed one no new pieces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedParagraph {
    /// The old version, in pieces.
    pub old: Vec<Piece>,
    /// The new version, in pieces.
    pub new: Vec<Piece>,
}

/// What changed between two versions of a text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextChanges {
    /// Paragraphs only in the new version.
    pub paragraphs_added: usize,
    /// Paragraphs only in the old version.
    pub paragraphs_removed: usize,
    /// Paragraphs in both, edited.
    pub paragraphs_changed: usize,
    /// Words only in the new version.
    pub words_added: usize,
    /// Words only in the old version.
    pub words_removed: usize,
    /// The changed paragraphs, in order, side by side.
    pub rows: Vec<ChangedParagraph>,
}

impl TextChanges {
    /// Whether the two texts differ at all.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

impl std::fmt::Display for TextChanges {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = |count: usize, what: &str| format!("{count} {what}{}", if count == 1 { "" } else { "s" });
        write!(
            f,
            "{} changed, {} added, {} removed; {} added, {} removed",
            n(self.paragraphs_changed, "paragraph"),
            self.paragraphs_added,
            self.paragraphs_removed,
            n(self.words_added, "word"),
            self.words_removed
        )
    }
}

/// What changed from `old` to `new` (paragraphs separated by a blank line).
pub fn compare_texts(old: &str, new: &str) -> TextChanges {
    let old_paragraphs: Vec<&str> = paragraphs(old);
    let new_paragraphs: Vec<&str> = paragraphs(new);
    let mut changes = TextChanges::default();
    for op in similar::capture_diff_slices(Algorithm::Myers, &old_paragraphs, &new_paragraphs) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        let olds = old_paragraphs.get(old_range).unwrap_or_default();
        let news = new_paragraphs.get(new_range).unwrap_or_default();
        for i in 0..olds.len().max(news.len()) {
            let row = match (olds.get(i), news.get(i)) {
                (Some(o), Some(n)) => {
                    changes.paragraphs_changed += 1;
                    word_diff(o, n, &mut changes)
                }
                (Some(o), None) => {
                    changes.paragraphs_removed += 1;
                    changes.words_removed += word_count(o);
                    ChangedParagraph { old: vec![Piece { text: (*o).to_owned(), changed: true }], new: Vec::new() }
                }
                (None, Some(n)) => {
                    changes.paragraphs_added += 1;
                    changes.words_added += word_count(n);
                    ChangedParagraph { old: Vec::new(), new: vec![Piece { text: (*n).to_owned(), changed: true }] }
                }
                (None, None) => continue,
            };
            changes.rows.push(row);
        }
    }
    changes
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.split(PARAGRAPH_SEPARATOR).map(str::trim).filter(|p| !p.is_empty()).collect()
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// An old paragraph and its new version, word by word; counts the words added and removed.
fn word_diff(old: &str, new: &str, changes: &mut TextChanges) -> ChangedParagraph {
    let diff = TextDiff::configure().algorithm(Algorithm::Myers).diff_words(old, new);
    let mut row = ChangedParagraph { old: Vec::new(), new: Vec::new() };
    for change in diff.iter_all_changes() {
        let text = change.value();
        let words = word_count(text);
        match change.tag() {
            ChangeTag::Equal => {
                push(&mut row.old, text, false);
                push(&mut row.new, text, false);
            }
            ChangeTag::Delete => {
                changes.words_removed += words;
                push(&mut row.old, text, words > 0);
            }
            ChangeTag::Insert => {
                changes.words_added += words;
                push(&mut row.new, text, words > 0);
            }
        }
    }
    row.old = trailing_space_unchanged(row.old);
    row.new = trailing_space_unchanged(row.new);
    row
}

/// The space after a changed run is not part of the change (it is not struck or underlined).
fn trailing_space_unchanged(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let text = if piece.changed { piece.text.trim_end() } else { piece.text.as_str() };
        let space = piece.text.get(text.len()..).unwrap_or("").to_owned();
        push(&mut out, text, piece.changed);
        if !space.is_empty() {
            match out.last_mut() {
                Some(last) if !last.changed => last.text.push_str(&space),
                _ => out.push(Piece { text: space, changed: false }),
            }
        }
    }
    out
}

/// Appends `text` to the pieces, joining it to the last one when both are (un)changed alike;
/// a space between two changed words stays in the changed piece.
fn push(pieces: &mut Vec<Piece>, text: &str, changed: bool) {
    let blank = text.trim().is_empty();
    match pieces.last_mut() {
        Some(last) if last.changed == changed || (blank && last.changed) => last.text.push_str(text),
        _ => pieces.push(Piece { text: text.to_owned(), changed }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(pieces: &[Piece]) -> Vec<&str> {
        pieces.iter().filter(|p| p.changed).map(|p| p.text.trim()).collect()
    }

    #[test]
    fn an_edited_paragraph_shows_its_words_added_and_removed_side_by_side() {
        let old = "Headline\n\nSeveral thousand troops have been deployed.\n\nThe end.";
        let new = "Headline\n\nMore than ten thousand troops have been deployed.\n\nThe end.";
        let c = compare_texts(old, new);
        assert_eq!((c.paragraphs_changed, c.paragraphs_added, c.paragraphs_removed), (1, 0, 0));
        assert_eq!((c.words_added, c.words_removed), (3, 1));
        let [row] = c.rows.as_slice() else { panic!("one row: {:?}", c.rows) };
        assert_eq!(changed(&row.old), ["Several"]);
        assert_eq!(changed(&row.new), ["More than ten"]);
        let whole: String = row.new.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(whole, "More than ten thousand troops have been deployed.");
        assert_eq!(row.new.first().map(|p| p.text.as_str()), Some("More than ten"), "the space after it is not changed");
        assert_eq!(c.to_string(), "1 paragraph changed, 0 added, 0 removed; 3 words added, 1 removed");
    }

    #[test]
    fn paragraphs_added_and_removed_are_counted_with_their_words() {
        let c = compare_texts("A one.\n\nB two words.\n\nC.", "A one.\n\nC.\n\nD four more words here.");
        assert_eq!((c.paragraphs_changed, c.paragraphs_added, c.paragraphs_removed), (0, 1, 1));
        assert_eq!((c.words_added, c.words_removed), (5, 3));
        assert!(c.rows.first().is_some_and(|r| r.new.is_empty()), "the removed paragraph first: {:?}", c.rows);
    }

    #[test]
    fn the_same_text_has_no_changes() {
        assert!(compare_texts("A.\n\nB.", "A.\n\nB.").is_empty());
    }
}
