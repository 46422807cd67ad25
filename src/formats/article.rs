//! Which files are articles: the one list the importer, the file dialogs and the command line
//! share.

use std::path::Path;

/// File extensions (lower case, without the dot) of the articles claimlens imports: plain text
/// and Markdown.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];

/// Whether `path` names an article by its extension (any case).
pub fn is_article_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|known| known.eq_ignore_ascii_case(e)))
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
        ] {
            assert_eq!(is_article_path(Path::new(path)), is, "{path}");
        }
    }
}
