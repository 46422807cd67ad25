//! Which files are articles: the one list the importer, the file dialogs, drag-and-drop and
//! the command line share, with the kind of reader each goes to.

use std::path::Path;

/// How an article file is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleKind {
    /// Plain text or Markdown (`formats::text`); with a sibling `.ann`, brat standoff.
    Text,
    /// A saved web page (`formats::html`).
    Html,
    /// A PDF with a text layer (`formats::pdf`).
    Pdf,
}

/// Every article extension (lower case, without the dot) with its kind.
pub const ARTICLE_TYPES: &[(&str, ArticleKind)] = &[
    ("txt", ArticleKind::Text),
    ("md", ArticleKind::Text),
    ("markdown", ArticleKind::Text),
    ("text", ArticleKind::Text),
    ("html", ArticleKind::Html),
    ("htm", ArticleKind::Html),
    ("xhtml", ArticleKind::Html),
    ("pdf", ArticleKind::Pdf),
];

/// File extensions (lower case, without the dot) of the articles claimlens imports, for file
/// dialogs: the extensions of [`ARTICLE_TYPES`].
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text", "html", "htm", "xhtml", "pdf"];

/// What claimlens reads, for messages.
pub const READABLE_TYPES: &str = ".txt, .md, .html, .pdf, brat .txt+.ann";

/// The kind of article `path` names by its extension (any case), if it is one.
pub fn article_kind(path: &Path) -> Option<ArticleKind> {
    let ext = path.extension()?.to_str()?;
    ARTICLE_TYPES.iter().find(|(known, _)| known.eq_ignore_ascii_case(ext)).map(|(_, kind)| *kind)
}

/// Whether `path` names an article by its extension (any case).
pub fn is_article_path(path: &Path) -> bool {
    article_kind(path).is_some()
}

/// The message for a file that is not an article: "claimlens cannot read .xyz files: it reads …".
pub fn unreadable_message(path: &Path) -> String {
    let what =
        path.extension().map_or_else(|| "files without an extension".to_owned(), |e| format!(".{} files", e.to_string_lossy()));
    format!("claimlens cannot read {what}: it reads {READABLE_TYPES}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_known_by_their_extension_in_any_case() {
        for (path, is) in [
            ("a.txt", true),
            ("b.MD", true),
            ("c.markdown", true),
            ("d.text", true),
            ("e.ann", false),
            ("f.claimlens.ron", false),
            ("g", false),
            ("h.HTML", true),
            ("i.xhtml", true),
            ("j.pdf", true),
            ("k.xyz", false),
        ] {
            assert_eq!(is_article_path(Path::new(path)), is, "{path}");
        }
        assert_eq!(article_kind(Path::new("a.Htm")), Some(ArticleKind::Html));
        assert_eq!(article_kind(Path::new("a.PDF")), Some(ArticleKind::Pdf));
    }

    #[test]
    fn the_dialog_list_is_the_table() {
        let from_table: Vec<&str> = ARTICLE_TYPES.iter().map(|(e, _)| *e).collect();
        assert_eq!(ARTICLE_EXTENSIONS, from_table.as_slice());
    }

    #[test]
    fn other_files_get_a_message_naming_what_is_readable() {
        assert_eq!(
            unreadable_message(Path::new("notes.xyz")),
            "claimlens cannot read .xyz files: it reads .txt, .md, .html, .pdf, brat .txt+.ann"
        );
    }
}
