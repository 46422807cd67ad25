//! Where an item of a project file is: the line and column of its `id` field, found by
//! searching the text for the id (inside its document's part of the file for items of one).

use crate::edit::ItemRef;

/// The 1-based line and column (in chars) of the definition of `item` in project file `text`.
pub fn locate(text: &str, item: &ItemRef) -> Option<(usize, usize)> {
    let from = match &item.document {
        Some(document) => find_definition(text, 0, document, "id", 0)?,
        None => 0,
    };
    let key = if item.kind == "label" { "name" } else { "id" };
    let offset = find_definition(text, from, &item.id, key, item.nth)
        // A file written by hand may space its fields otherwise: the id itself, anywhere after.
        .or_else(|| text.get(from..)?.find(&quoted(&item.id)).map(|i| from + i))?;
    Some(line_col(text, offset))
}

fn quoted(id: &str) -> String {
    format!("\"{id}\"")
}

/// The byte offset of the `nth` `KEY: "ID"` in `text` at or after `from`.
fn find_definition(text: &str, from: usize, id: &str, key: &str, nth: usize) -> Option<usize> {
    let needle = format!("{key}: {}", quoted(id));
    let rest = text.get(from..)?;
    rest.match_indices(&needle).nth(nth).map(|(i, _)| from + i)
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).unwrap_or_default().chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "(\n  documents: [\n    (\n      id: \"d-1\",\n      annotations: [\n        (\n          id: \"a-1\",\n        ),\n      ],\n      claims: [\n        (\n          id: \"c-1\",\n          content: [\"a-1\"],\n        ),\n        (\n          id: \"c-1\",\n        ),\n      ],\n    ),\n    (\n      id: \"d-2\",\n      annotations: [\n        (\n          id: \"a-1\",\n        ),\n      ],\n    ),\n  ],\n)\n";

    fn item(document: Option<&str>, kind: &'static str, id: &str, nth: usize) -> ItemRef {
        ItemRef { document: document.map(str::to_owned), kind, id: id.to_owned(), nth }
    }

    #[test]
    fn items_are_found_inside_their_document() {
        assert_eq!(locate(TEXT, &item(Some("d-1"), "claim", "c-1", 0)), Some((12, 11)));
        assert_eq!(locate(TEXT, &item(Some("d-1"), "claim", "c-1", 1)), Some((16, 11)));
        assert_eq!(locate(TEXT, &item(Some("d-2"), "annotation", "a-1", 0)), Some((24, 11)));
        assert_eq!(locate(TEXT, &item(None, "document", "d-2", 0)), Some((21, 7)));
        assert_eq!(locate(TEXT, &item(Some("d-9"), "claim", "c-1", 0)), None);
    }
}
