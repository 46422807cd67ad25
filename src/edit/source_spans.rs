//! How a claim's source span is tied to a source, and the invariant that keeps the two together.
//!
//! A claim keeps the annotations naming its source in the text (`source_spans`) beside the
//! registry sources it is attributed to (`attributed_to`, `via`); nothing else ties a span to a
//! source. So the tie is the span's text: a span *names* every registered source that goes by
//! that text (its name or an alias, compared as registry names: [`source_display_name`], case
//! ignored). A pronoun ("they") or a description no source goes by names none, and belongs to
//! the claim as a whole.
//!
//! The invariant: a source span that names registered sources names at least one of its
//! claim's sources. A span left behind when its source was taken off the claim breaks it: such
//! spans are *stray*. Edits to claims, their documents and their spans that would make one are
//! refused, and [`repair_stray_source_spans`] unlinks those an older file has. Registering or
//! renaming a source is not refused for it (an import would fail on another document's
//! unregistered span); a span it makes stray is unlinked, with a warning, the next time the
//! file is loaded.
//!
//! [`source_display_name`]: super::changeset::source_display_name

use super::EditError;
use super::changeset::{is_pronoun, source_display_name};
use crate::anchor::FRAGMENT_SEPARATOR;
use crate::model::{Annotation, AnnotationId, Claim, Document, Project, Source, SourceId};
use std::collections::HashMap;

/// The registry indexed by every name a source goes by.
#[derive(Debug, Default)]
pub struct SourceNames {
    by_name: HashMap<String, Vec<SourceId>>,
}

fn key(name: &str) -> String {
    source_display_name(name).to_lowercase()
}

impl SourceNames {
    /// The names of every source of `sources`.
    pub fn of<'s>(sources: impl IntoIterator<Item = &'s Source>) -> Self {
        let mut by_name: HashMap<String, Vec<SourceId>> = HashMap::new();
        for s in sources {
            for name in std::iter::once(&s.name).chain(&s.aliases) {
                let name = key(name);
                if name.is_empty() {
                    continue;
                }
                let ids = by_name.entry(name).or_default();
                if !ids.contains(&s.id) {
                    ids.push(s.id.clone());
                }
            }
        }
        Self { by_name }
    }

    /// The sources a span with this text names (none for a pronoun or mere punctuation).
    pub fn named_by(&self, text: &str) -> &[SourceId] {
        let name = key(&text.replace(FRAGMENT_SEPARATOR, " "));
        if name.is_empty() || is_pronoun(&name) {
            return &[];
        }
        self.by_name.get(&name).map_or(&[], Vec::as_slice)
    }

    /// Whether the span `annotation` names `source`.
    pub fn names(&self, annotation: &Annotation, source: &SourceId) -> bool {
        self.named_by(&annotation.quote.exact).contains(source)
    }

    /// Whether the span `annotation`, on a claim with the sources `claim_sources`, is stray: it
    /// names registered sources, none of them the claim's.
    pub fn is_stray(&self, annotation: &Annotation, claim_sources: &[&SourceId]) -> bool {
        let named = self.named_by(&annotation.quote.exact);
        !named.is_empty() && !named.iter().any(|s| claim_sources.contains(&s))
    }
}

/// The source spans of `claim` (on `document`) that are stray.
pub fn stray_source_spans<'c>(names: &SourceNames, document: &Document, claim: &'c Claim) -> Vec<&'c AnnotationId> {
    let sources: Vec<&SourceId> = claim.source_refs().collect();
    claim.source_spans.iter().filter(|id| document.annotation(id).is_some_and(|a| names.is_stray(a, &sources))).collect()
}

/// Refuses a claim with a stray source span.
pub(super) fn check_claim_spans(names: &SourceNames, document: &Document, claim: &Claim) -> Result<(), EditError> {
    match stray_source_spans(names, document, claim).first() {
        Some(span) => Err(EditError::StraySourceSpan { claim: claim.id.clone(), span: (*span).clone() }),
        None => Ok(()),
    }
}

/// Refuses `document` if any of its claims has a stray source span.
pub(super) fn check_document_spans(names: &SourceNames, document: &Document) -> Result<(), EditError> {
    document.claims.iter().try_for_each(|c| check_claim_spans(names, document, c))
}

/// Unlinks every stray source span from its claim (the annotation stays), as a file written
/// before the invariant held may have them. Returns a message per span unlinked.
pub fn repair_stray_source_spans(project: &mut Project) -> Vec<String> {
    let names = SourceNames::of(&project.sources);
    let mut messages = Vec::new();
    for document in &mut project.documents {
        let mut unlink: Vec<(usize, Vec<AnnotationId>)> = Vec::new();
        for (i, claim) in document.claims.iter().enumerate() {
            let stray: Vec<AnnotationId> = stray_source_spans(&names, document, claim).into_iter().cloned().collect();
            for span in &stray {
                let text = document.annotation(span).map(|a| a.quote.exact.as_str()).unwrap_or_default();
                messages.push(format!(
                    "document {}, claim {}: source span {span} ({text:?}) names a source the claim is not attributed to; unlinked",
                    document.id, claim.id
                ));
            }
            if !stray.is_empty() {
                unlink.push((i, stray));
            }
        }
        for (i, stray) in unlink {
            if let Some(claim) = document.claims.get_mut(i) {
                claim.source_spans.retain(|s| !stray.contains(s));
            }
        }
    }
    messages
}
