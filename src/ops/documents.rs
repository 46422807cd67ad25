//! Removing a document from a project, undoably.

use super::OpError;
use crate::edit::{Changeset, Edit};
use crate::model::{ConflictOn, DocumentId, Project};

/// The changeset that removes document `doc` with its annotations, claims and relations (the
/// shared sources and labels stay), and theirs' details of it a merge left to settle. Undoing
/// it puts the document back where it was.
pub fn remove_document(project: &Project, doc: &DocumentId) -> Result<Changeset, OpError> {
    let document = project.document(doc).ok_or_else(|| OpError::NoDocument(doc.clone()))?;
    let details = ConflictOn::Details(doc.clone());
    let held = project.held_conflict(&details).map(|_| Edit::DropConflict(details));
    let edits = held.into_iter().chain([Edit::RemoveDocument(doc.clone())]).collect();
    Ok(Changeset::new(format!("Remove document {:?}", document.title), edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;
    use crate::model::Document;

    #[test]
    fn removing_a_document_undoes_to_the_same_place() {
        let mut project = Project::new("t");
        for title in ["one", "two", "three"] {
            project.documents.push(Document::new(title, format!("{title} text")));
        }
        let before = project.clone();
        let two = project.documents.get(1).map(|d| d.id.clone()).unwrap();
        let mut history = History::new();
        let changeset = remove_document(&project, &two).unwrap();
        history.apply_changeset(&mut project, changeset).unwrap();
        assert_eq!(project.documents.iter().map(|d| d.title.as_str()).collect::<Vec<_>>(), ["one", "three"]);
        assert_eq!(history.undo_description(), Some("Remove document \"two\""));
        history.undo(&mut project).unwrap();
        assert_eq!(project, before);
        assert!(matches!(remove_document(&project, &DocumentId::from("d-none")), Err(OpError::NoDocument(_))));
    }
}
