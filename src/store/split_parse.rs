//! Parsing a large project file on two cores: the longest list of annotations (one line each,
//! as [`super::to_ron`] writes them) is cut at item boundaries and its halves parsed apart from
//! the rest of the file. Anything unexpected (a list not laid out that way, a half that does not
//! parse, a cut that could be inside an article's text) gives `None`, and the file is parsed
//! whole, which also gives the error messages with their line and column.

use crate::model::{Annotation, Project};

/// Lists shorter than this are parsed with the rest of the file.
const MIN_ITEMS: usize = 2000;

/// How the list of annotations is written (six spaces: a document's field).
const LIST_START: &str = "\n      annotations: [\n";
const LIST_END: &str = "\n      ],\n";
/// How each annotation's line starts (eight spaces: an item of that list).
const ITEM_START: &str = "        (id: \"";

/// The project in `text`, parsed in parts; `None` when the file is small or not laid out as
/// claimlens writes it (the caller parses it whole).
pub(super) fn parse_in_parts(text: &str) -> Option<Project> {
    let list = longest_list(text)?;
    let items = text.get(list.clone())?;
    // The first item stays in the rest of the file, and tells which document the list is of.
    let second = items.get(1..)?.find(&format!("\n{ITEM_START}"))? + 2;
    let first_id = id_at(items)?;
    // The other core takes a little more: this one also parses the rest of the file.
    let cut = items.len() * 9 / 20;
    let middle = second + cut + items.get(second + cut..)?.find(&format!("\n{ITEM_START}"))? + 1;
    let (head, tail) = (items.get(second..middle)?, items.get(middle..)?);
    let mut rest = String::with_capacity(text.len() - items.len() + second);
    rest.push_str(text.get(..list.start + second)?);
    rest.push_str(text.get(list.end..)?);
    let (project, (head, tail)) = std::thread::scope(|scope| {
        let other = std::thread::Builder::new().name("claimlens-parse".into()).spawn_scoped(scope, || parse_items(tail));
        let project = ron::from_str::<Project>(&rest).ok();
        let head = parse_items(head);
        let tail = other.ok().and_then(|t| t.join().ok()).flatten();
        (project, (head, tail))
    });
    let (mut project, mut head, mut tail) = (project?, head?, tail?);
    // The list's document: the one whose only annotation is the first item. A cut that fell in
    // an article's text would leave that text with the list's first line in it.
    let mut holders = project
        .documents
        .iter_mut()
        .filter(|d| d.annotations.len() == 1 && d.annotations.first().is_some_and(|a| a.id.0 == first_id));
    let doc = holders.next()?;
    if holders.next().is_some() {
        return None;
    }
    doc.annotations.reserve(head.len() + tail.len());
    doc.annotations.append(&mut head);
    doc.annotations.append(&mut tail);
    if project.documents.iter().any(|d| d.text.contains(LIST_START)) {
        return None;
    }
    Some(project)
}

/// The bytes of the longest list of annotations laid out one item a line, from its first item's
/// line to its closing line's line break.
fn longest_list(text: &str) -> Option<std::ops::Range<usize>> {
    let mut best: Option<(usize, std::ops::Range<usize>)> = None;
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|t| t.find(LIST_START)) {
        let start = from + at + LIST_START.len();
        let end = start + text.get(start..)?.find(LIST_END)? + 1;
        let lines = text.get(start..end)?.bytes().filter(|&b| b == b'\n').count();
        if lines >= MIN_ITEMS && best.as_ref().is_none_or(|(n, _)| lines > *n) {
            best = Some((lines, start..end));
        }
        from = end;
    }
    best.map(|(_, range)| range)
}

/// The id on an item's line, when it is written plainly (no escapes).
fn id_at(line: &str) -> Option<String> {
    let rest = line.strip_prefix(ITEM_START)?;
    let id = rest.get(..rest.find('"')?)?;
    (!id.contains('\\')).then(|| id.to_owned())
}

/// Annotations from item lines.
fn parse_items(lines: &str) -> Option<Vec<Annotation>> {
    let mut list = String::with_capacity(lines.len() + 2);
    list.push('[');
    list.push_str(lines);
    list.push(']');
    ron::from_str(&list).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, Document};

    fn large() -> Project {
        let text = "Officials said the troops came. ".repeat(3000);
        crate::testdata::project_from_text(&text, 6000, 50)
    }

    #[test]
    fn a_large_file_parsed_in_parts_is_the_file_parsed_whole() {
        let mut project = large();
        // A second, smaller document after it, and one with a text holding a list's first line.
        let mut other = Document::new("Other", "A second article.\n      annotations: [\n        (id: \"x\")");
        other.annotations.push(Annotation::new(
            &crate::anchor::TextIndex::new(&other.text),
            "Claim",
            vec![crate::anchor::CharRange::new(2, 8)],
            "t",
        ));
        project.documents.insert(0, other);
        let text = super::super::to_ron(&project).unwrap_or_default();
        let whole: Project = ron::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        // The second document's text holds a list's first line: parsed whole.
        assert!(parse_in_parts(&text).is_none());
        project.documents.remove(0);
        let text = super::super::to_ron(&project).unwrap_or_default();
        let whole_large: Project = ron::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        let parts = parse_in_parts(&text).unwrap_or_else(|| panic!("parsed in parts"));
        assert_eq!(parts, whole_large);
        assert_eq!(parts.documents[0].annotations.len(), 6000);
        assert_ne!(whole, whole_large);
    }

    #[test]
    fn a_damaged_list_is_left_to_the_whole_parse() {
        let text = super::super::to_ron(&large()).unwrap_or_default();
        let broken = text.replacen("label: \"", "label: ", 4000);
        assert!(parse_in_parts(&broken).is_none());
        let small = super::super::to_ron(&crate::testdata::project_from_text("Officials said so.", 5, 1)).unwrap_or_default();
        assert!(parse_in_parts(&small).is_none(), "a small file is parsed whole");
    }
}
