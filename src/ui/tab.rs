//! The contract between the side panel and its tabs: what every tab reads. A tab module imports
//! this, never the panel (`panels`), so the panel depends on its tabs and not the other way.

use crate::model::{AnnotationId, Document, Project};

/// What every tab reads.
pub struct PanelContext<'a> {
    /// The project.
    pub project: &'a Project,
    /// The shown document.
    pub document: Option<&'a Document>,
    /// The selected annotation.
    pub selected_annotation: Option<&'a AnnotationId>,
    /// Who new annotations are by.
    pub author: &'a str,
    /// Whether a text field has the keyboard.
    pub typing: bool,
    /// Changes whenever the project does (for caches).
    pub revision: u64,
}
