//! How a claim's source span is tied to a source, and the invariant that keeps the two together.
//!
//! A claim keeps the annotations naming its source in the text (`source_spans`) beside the
//! registry sources it is attributed to (`attributed_to`, `via`); nothing else ties a span to a
//! source. So the tie is the span's text: a span *names* every registered source that goes by
//! that text (its name or an alias, compared as registry names are everywhere:
//! [`normalize_source_name`], so "the ministers" goes by "The ministers" and "Ministers"). A
//! pronoun ("they") or a description no source goes by names none, and belongs to the claim as
//! a whole.
//!
//! The invariant: a source span that names registered sources names at least one of its
//! claim's sources, or *fits* one: the span's words are a run of the source's name's words or
//! the other way round ("Pat Ryder" fits "Pentagon spokesman Pat Ryder" even where another
//! source is called just "Pat Ryder"). A span left behind when its source was taken off the
//! claim breaks it: such spans are *stray*. Edits to claims, their documents and their spans that would make one are
//! refused, and [`repair_stray_source_spans`] unlinks those an older file has. Registering or
//! renaming a source is not refused for it (an import would fail on another document's
//! unregistered span); a span it makes stray is unlinked, with a warning, the next time the
//! file is loaded.
//!
//! [`normalize_source_name`]: crate::text::normalize_source_name

use super::EditError;
use super::changeset::is_pronoun;
use crate::anchor::FRAGMENT_SEPARATOR;
use crate::model::{Annotation, AnnotationId, Claim, Document, Project, Source, SourceId};
use std::collections::HashMap;

/// The registry indexed by every name a source goes by.
#[derive(Debug, Default)]
pub struct SourceNames {
    by_name: HashMap<String, Vec<SourceId>>,
    /// Each source's names (keys), for spans that give only part of one.
    names_of: HashMap<SourceId, Vec<String>>,
}

fn key(name: &str) -> String {
    crate::text::normalize_source_name(name)
}

/// Whether the words of `short` are a run of the words of `long` (both keys).
fn words_within(short: &str, long: &str) -> bool {
    let words =
        |s: &str| s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect::<Vec<_>>();
    let (short, long) = (words(short), words(long));
    !short.is_empty() && long.windows(short.len()).any(|w| w == short.as_slice())
}

impl SourceNames {
    /// The names of every source of `sources`.
    pub fn of<'s>(sources: impl IntoIterator<Item = &'s Source>) -> Self {
        let mut by_name: HashMap<String, Vec<SourceId>> = HashMap::new();
        let mut names_of: HashMap<SourceId, Vec<String>> = HashMap::new();
        for s in sources {
            for name in std::iter::once(&s.name).chain(&s.aliases) {
                let name = key(name);
                if name.is_empty() {
                    continue;
                }
                names_of.entry(s.id.clone()).or_default().push(name.clone());
                let ids = by_name.entry(name).or_default();
                if !ids.contains(&s.id) {
                    ids.push(s.id.clone());
                }
            }
        }
        Self { by_name, names_of }
    }

    /// Whether a span with this text fits `source`: it gives part of one of the source's names,
    /// or one of them is part of it.
    fn fits(&self, text: &str, source: &SourceId) -> bool {
        let span = key(&text.replace(FRAGMENT_SEPARATOR, " "));
        let names = self.names_of.get(source).map_or(&[][..], Vec::as_slice);
        names.iter().any(|name| words_within(&span, name) || words_within(name, &span))
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
        !named.is_empty()
            && !named.iter().any(|s| claim_sources.contains(&s))
            && !claim_sources.iter().any(|s| self.fits(&annotation.quote.exact, s))
    }
}

/// The source spans of `claim` (on `document`) that are stray.
pub fn stray_source_spans<'c>(names: &SourceNames, document: &Document, claim: &'c Claim) -> Vec<&'c AnnotationId> {
    stray_spans_looked_up(names, &|id| document.annotation(id), claim)
}

/// [`stray_source_spans`], with the claim's annotations looked up by `annotation`.
fn stray_spans_looked_up<'c, 'd>(
    names: &SourceNames,
    annotation: &dyn Fn(&AnnotationId) -> Option<&'d Annotation>,
    claim: &'c Claim,
) -> Vec<&'c AnnotationId> {
    if claim.source_spans.is_empty() {
        return Vec::new();
    }
    let sources: Vec<&SourceId> = claim.source_refs().collect();
    claim.source_spans.iter().filter(|id| annotation(id).is_some_and(|a| names.is_stray(a, &sources))).collect()
}

/// Refuses a claim with a stray source span.
pub(super) fn check_claim_spans(names: &SourceNames, document: &Document, claim: &Claim) -> Result<(), EditError> {
    check_claim_spans_looked_up(names, &|id| document.annotation(id), claim)
}

/// [`check_claim_spans`], with the claim's annotations looked up by `annotation` (a whole
/// document's claims are checked with a map built once).
pub(super) fn check_claim_spans_looked_up<'d>(
    names: &SourceNames,
    annotation: &dyn Fn(&AnnotationId) -> Option<&'d Annotation>,
    claim: &Claim,
) -> Result<(), EditError> {
    match stray_spans_looked_up(names, annotation, claim).first() {
        Some(span) => Err(EditError::StraySourceSpan { claim: claim.id.clone(), span: (*span).clone() }),
        None => Ok(()),
    }
}

/// Refuses `document` if any of its claims has a stray source span.
pub(super) fn check_document_spans(names: &SourceNames, document: &Document) -> Result<(), EditError> {
    let by_id = annotations_by_id(document);
    let lookup = |id: &AnnotationId| by_id.get(id.as_str()).copied();
    document.claims.iter().try_for_each(|c| check_claim_spans_looked_up(names, &lookup, c))
}

/// Unlinks every stray source span from its claim (the annotation stays), as a file written
/// before the invariant held may have them. Returns a message per span unlinked.
pub fn repair_stray_source_spans(project: &mut Project) -> Vec<String> {
    let names = SourceNames::of(&project.sources);
    let mut messages = Vec::new();
    for document in &mut project.documents {
        let mut unlink: Vec<(usize, Vec<AnnotationId>)> = Vec::new();
        let by_id = annotations_by_id(document);
        let lookup = |id: &AnnotationId| by_id.get(id.as_str()).copied();
        for (i, claim) in document.claims.iter().enumerate() {
            let stray: Vec<AnnotationId> = stray_spans_looked_up(&names, &lookup, claim).into_iter().cloned().collect();
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
        drop(by_id);
        for (i, stray) in unlink {
            if let Some(claim) = document.claims.get_mut(i) {
                claim.source_spans.retain(|s| !stray.contains(s));
            }
        }
    }
    messages
}

/// The annotations of `document` by id, when any of its claims has source spans (else empty).
pub(super) fn annotations_by_id(document: &Document) -> std::collections::HashMap<&str, &Annotation> {
    if document.claims.iter().all(|c| c.source_spans.is_empty()) {
        return std::collections::HashMap::new();
    }
    document.annotations.iter().map(|a| (a.id.as_str(), a)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{CharRange, TextIndex};
    use crate::edit::check_project;
    use crate::model::SourceKind;

    /// A project with one document on `text`, the sources `names` (name, aliases), and one claim
    /// on the whole text attributed to source `by` with a source span on `span` (char range).
    fn project(text: &str, names: &[(&str, &[&str])], by: usize, span: (usize, usize)) -> Project {
        let mut p = Project::new("t");
        p.sources = names
            .iter()
            .map(|(name, aliases)| {
                let mut s = Source::new(*name, SourceKind::Person);
                s.aliases = aliases.iter().map(|a| (*a).to_owned()).collect();
                s
            })
            .collect();
        let mut d = Document::new("d", text);
        let index = TextIndex::new(text);
        let content = Annotation::new(&index, "Claim", vec![CharRange::new(0, index.char_len())], "t");
        let source = Annotation::new(&index, "Source", vec![CharRange::new(span.0, span.1)], "t");
        let mut claim = Claim::new(vec![content.id.clone()]);
        claim.source_spans.push(source.id.clone());
        claim.attributed_to.extend(p.sources.get(by).map(|s| s.id.clone()));
        d.annotations = vec![content, source];
        d.claims.push(claim);
        p.documents.push(d);
        p
    }

    #[test]
    fn part_of_a_sources_name_is_no_stray_span_even_when_another_source_goes_by_it() {
        let text = "Pentagon spokesman Pat Ryder said troops had moved.";
        let names: &[(&str, &[&str])] = &[("Pentagon spokesman Pat Ryder", &[]), ("Pat Ryder", &[]), ("Zelenskyy", &[])];
        // "Pat Ryder" (chars 19..28) on a claim attributed to "Pentagon spokesman Pat Ryder".
        let p = project(text, names, 0, (19, 28));
        assert_eq!(p.documents[0].annotations[1].quote.exact, "Pat Ryder");
        check_project(&p).expect("the span gives part of the claim's source's name");
        // The whole name on a claim attributed to the short one.
        check_project(&project(text, names, 1, (0, 28))).expect("the claim's source's name is part of the span");
        // On a claim attributed to someone else, the span is stray.
        let err = check_project(&project(text, names, 2, (19, 28))).unwrap_err();
        assert!(matches!(err, EditError::StraySourceSpan { .. }), "{err}");
    }

    #[test]
    fn an_article_or_a_capital_does_not_make_another_name() {
        let names: &[(&str, &[&str])] = &[("G7 foreign ministers", &["The ministers"]), ("Ministers", &[]), ("Zelenskyy", &[])];
        let p = project("the ministers said so.", names, 0, (0, 13));
        let registry = SourceNames::of(&p.sources);
        let (g7, other) = (&p.sources[0].id, &p.sources[1].id);
        for text in ["the ministers", "The Ministers", "The ministers", "ministers"] {
            let sources = registry.named_by(text);
            assert!(sources.contains(g7) && sources.contains(other), "{text:?} names {sources:?}");
        }
        check_project(&p).expect("the span gives the alias of the claim's source");
        let err = check_project(&project("The Ministers said so.", names, 2, (0, 13))).unwrap_err();
        assert!(matches!(err, EditError::StraySourceSpan { .. }), "{err}");
    }
}
