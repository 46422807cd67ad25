//! Accepting the suggester's proposals ([`crate::analysis::preannotate`]): annotations, claims,
//! sources and citation links, as one changeset, never overwriting or duplicating what is there.

use crate::analysis::preannotate::{Proposal, ProposalKind, SpanRole};
use crate::anchor::{CharRange, TextIndex};
use crate::edit::changeset::{is_pronoun, source_display_name, source_goes_by};
use crate::edit::{Changeset, ChangesetBuilder, Edit};
use crate::model::labels::default_label;
use crate::model::{Annotation, AnnotationId, Claim, Document, DocumentId, Project, Source, SourceId, SourceKind};
use crate::text::source_kind::{guess_kind, titled_person};
use std::collections::HashMap;

/// The edit that applies every proposal of `kind` (all when `None`) for document `doc`, as one
/// undo step: [`accept_suggestions`] as one [`Edit::Batch`].
pub fn accept_all(project: &Project, doc: &DocumentId, proposals: &[Proposal], kind: Option<ProposalKind>) -> Edit {
    accept_suggestions(project, doc, proposals, kind).into_edit()
}

/// The edit that applies `proposal` to `project` as it is now: one [`Edit::Batch`] (empty when
/// everything it proposes is already there, or its document is gone).
pub fn proposal_edit(project: &Project, proposal: &Proposal) -> Edit {
    accept_all(project, &proposal.doc, std::slice::from_ref(proposal), None)
}

/// Whether applying `proposal` now would change nothing.
pub fn is_applied(project: &Project, proposal: &Proposal) -> bool {
    matches!(proposal_edit(project, proposal), Edit::Batch(e) if e.is_empty())
}

/// The changeset that accepts every proposal of `kind` (all when `None`) for document `doc`, as
/// one undo step called "Accept N suggestions". Annotations, sources and links shared by
/// several proposals are made once; what already exists is reused; proposals for other
/// documents are skipped. Empty when everything is already there or the document is gone.
pub fn accept_suggestions(project: &Project, doc: &DocumentId, proposals: &[Proposal], kind: Option<ProposalKind>) -> Changeset {
    let taken: Vec<&Proposal> = proposals.iter().filter(|p| &p.doc == doc && kind.is_none_or(|k| p.kind == k)).collect();
    let name = match taken.as_slice() {
        [one] => format!("Accept {} suggestion", one.kind.label().to_lowercase()),
        many => format!("Accept {} suggestions", many.len()),
    };
    let Some(document) = project.document(doc) else { return Changeset::new(name, Vec::new()) };
    let mut plan = Plan::new(ChangesetBuilder::new(project, name), document);
    for p in taken {
        plan.add(p);
    }
    plan.finish()
}

/// Who cites whom in `p`, by name: its citations, and its chain (each source of it cites the
/// next, the last cites the claim's source).
fn links_of(p: &Proposal) -> Vec<(String, String)> {
    let mut links: Vec<(String, String)> = p.citations.iter().map(|l| (l.citing.clone(), l.cited.clone())).collect();
    let chain: Vec<&String> = p.via.iter().chain(&p.source_name).collect();
    links.extend(chain.windows(2).filter_map(|w| Some(((*w.first()?).clone(), (*w.get(1)?).clone()))));
    links
}

/// What accepting proposals adds, built up proposal by proposal against the project plus what
/// earlier proposals of the same changeset add.
struct Plan<'p> {
    builder: ChangesetBuilder<'p>,
    document: &'p Document,
    index: TextIndex<'p>,
    annotations: Vec<Annotation>,
    /// (label, ranges) → id, for existing and new annotations.
    by_span: HashMap<(String, Vec<CharRange>), AnnotationId>,
    /// Sources whose `cites` or aliases change, as they will be.
    changed: Vec<Source>,
    claims: Vec<Claim>,
    /// Who cites whom, by name, in the proposal being added (its citations and its chain).
    links: Vec<(String, String)>,
    /// The press outlet a chain starts from, with its name, for a document that names none.
    publisher: Option<(SourceId, String)>,
}

impl<'p> Plan<'p> {
    fn new(builder: ChangesetBuilder<'p>, document: &'p Document) -> Self {
        let mut by_span = HashMap::new();
        for a in &document.annotations {
            by_span.entry((a.label.clone(), a.ranges.clone())).or_insert_with(|| a.id.clone());
        }
        Self {
            builder,
            document,
            index: TextIndex::new(&document.text),
            annotations: Vec::new(),
            by_span,
            changed: Vec::new(),
            claims: Vec::new(),
            links: Vec::new(),
            publisher: None,
        }
    }

    /// A document with neither outlet nor publisher is the outlet's its claims' chains start
    /// from, when that is a press outlet or agency the text names as reporting ("Censor.NET
    /// reports, citing Ukrinform"): accepting the claims makes it the document's publisher and
    /// outlet, so the header names it as the chains do.
    fn note_publisher(&mut self, name: Option<&String>, id: Option<&SourceId>) {
        let unnamed = self.document.outlet.as_deref().is_none_or(|o| o.trim().is_empty()) && self.document.publisher.is_none();
        if let (true, None, Some(name), Some(id)) = (unnamed, &self.publisher, name, id)
            && crate::analysis::chains::is_press(name)
        {
            self.publisher = Some((id.clone(), source_display_name(name)));
        }
    }

    fn add(&mut self, p: &Proposal) {
        self.links = links_of(p);
        let ids: Vec<(SpanRole, Option<AnnotationId>)> =
            p.spans.iter().map(|s| (s.role, self.annotation(s.role, &s.ranges, p))).collect();
        let id_of = |role: SpanRole| ids.iter().find(|(r, _)| *r == role).and_then(|(_, id)| id.clone());
        if p.kind == ProposalKind::Attribution
            && let (Some(content), Some(cue)) = (id_of(SpanRole::Content), id_of(SpanRole::Cue))
        {
            let source = p.source_name.as_deref().map(|n| self.source(n));
            if let (Some(id), Some(span)) = (&source, p.span(SpanRole::Source)) {
                self.add_alias(id, &span.text);
                if titled_person(&span.text).is_some_and(|(_, office)| office) {
                    self.make_official(id);
                }
            }
            if let (Some(id), Some(body)) = (&source, &p.speaks_for) {
                let body = self.source(body);
                self.speak_for(id, body);
            }
            let exists = self
                .document
                .claims
                .iter()
                .chain(&self.claims)
                .any(|c| c.content == [content.clone()] && c.cue.as_ref() == Some(&cue));
            if !exists {
                let mut claim = Claim::new(vec![content]);
                claim.cue = Some(cue);
                claim.source_spans = id_of(SpanRole::Source).into_iter().collect();
                // The chain through which the article knows the claim (outlet first), without the
                // claim's own source.
                let via: Vec<SourceId> = p.via.iter().map(|n| self.source(n)).collect();
                self.note_publisher(p.via.first(), via.first());
                claim.via = via.into_iter().filter(|v| source.as_ref() != Some(v)).fold(Vec::new(), |mut acc, v| {
                    if !acc.contains(&v) {
                        acc.push(v);
                    }
                    acc
                });
                claim.attributed_to = source.into_iter().collect();
                claim.event_date = p.event_date;
                claim.said_on = p.said_on;
                self.claims.push(claim);
            }
        }
        for link in &p.citations {
            let citing = self.source(&link.citing);
            let cited = self.source(&link.cited);
            self.cite(&citing, &cited);
        }
    }

    /// The id of the annotation for a proposed span: an existing one with the same label and
    /// ranges, or a new one. `None` when the ranges do not fit the text (the text changed).
    fn annotation(&mut self, role: SpanRole, ranges: &[CharRange], p: &Proposal) -> Option<AnnotationId> {
        let project = self.builder.project();
        let label = role.label(project).to_owned();
        let has_label = project.label(&label).is_some();
        let key = (label.clone(), ranges.to_vec());
        if let Some(id) = self.by_span.get(&key) {
            return Some(id.clone());
        }
        if crate::anchor::validate_ranges(ranges, self.index.char_len()).is_err() {
            return None;
        }
        if !has_label {
            self.builder.find_or_add_label(default_label(role.label_role()));
        }
        let mut a = Annotation::new(&self.index, label, ranges.to_vec(), p.author.clone());
        if role == SpanRole::Date
            && let Some(v) = &p.date_value
        {
            a.attributes.insert("value".to_owned(), v.clone());
        }
        self.by_span.insert(key, a.id.clone());
        let id = a.id.clone();
        self.annotations.push(a);
        Some(id)
    }

    /// The id of the source called `name`: registered, the registered document it stands for
    /// ([`Self::registered_document`]), made earlier in this plan, or new.
    fn source(&mut self, name: &str) -> SourceId {
        let kind = guess_kind(&source_display_name(name));
        if kind == SourceKind::Document
            && let Some(id) = self.registered_document(name)
        {
            self.add_alias(&id, name);
            return id;
        }
        self.builder.find_or_add_source(name, kind)
    }

    /// The registered document an unregistered document's name stands for, going by whom the
    /// proposal has it cite and be cited by: "Statement on the website of the Japanese Foreign
    /// Ministry", which the ministry and Ukrinform cite, is the registered joint statement the
    /// ministry and Ukrinform cite. `None` unless exactly one registered document fits.
    fn registered_document(&self, name: &str) -> Option<SourceId> {
        let project = self.builder.project();
        let registered = |n: &str| project.source_named(n).or_else(|| project.sources.iter().find(|s| source_goes_by(s, n)));
        if registered(name).is_some() {
            return None;
        }
        let fits = |d: &&Source| {
            self.links.iter().any(|(citing, cited)| {
                (citing == name && registered(cited).is_some_and(|x| d.cites.contains(&x.id)))
                    || (cited == name && registered(citing).is_some_and(|z| z.cites.contains(&d.id)))
            })
        };
        let mut documents = project.sources.iter().filter(|d| d.kind == SourceKind::Document).filter(fits);
        let one = documents.next()?;
        documents.next().is_none().then(|| one.id.clone())
    }

    /// The source as this plan leaves it: changed here, else as the builder has it.
    fn current(&self, id: &SourceId) -> Option<&Source> {
        self.changed.iter().find(|s| &s.id == id).or_else(|| self.builder.source(id))
    }

    /// The source to change, copied into [`Self::changed`] the first time.
    fn changing(&mut self, id: &SourceId) -> Option<&mut Source> {
        if !self.changed.iter().any(|s| &s.id == id) {
            let copy = self.builder.source(id)?.clone();
            self.changed.push(copy);
        }
        self.changed.iter_mut().find(|s| &s.id == id)
    }

    /// Records how the text names a source ("The ministers", "Officials of these countries") as
    /// one of its aliases, so one actor named many ways is one registry source that goes by
    /// every name the suggester merged. Pronouns, the source's own names, names another
    /// registered source goes by, and a document's name for a source that is no document ("the
    /// statement" for the ministers whose statement it is) are not kept.
    fn add_alias(&mut self, id: &SourceId, mention: &str) {
        let alias = source_display_name(mention);
        let known = self.current(id).is_none_or(|s| source_goes_by(s, &alias));
        let taken = self.builder.project().sources.iter().any(|s| &s.id != id && source_goes_by(s, &alias));
        // "the statement" said what the ministers said, but the ministers are not called that.
        let unfit =
            guess_kind(&alias) == SourceKind::Document && self.current(id).is_some_and(|s| s.kind != SourceKind::Document);
        if alias.is_empty() || is_pronoun(&alias) || known || taken || unfit {
            return;
        }
        if let Some(s) = self.changing(id) {
            s.aliases.push(alias);
        }
    }

    /// Records that `id` speaks for `body`, unless it speaks for someone already; a person this
    /// changeset registers who speaks for a body is an official (a registered source keeps the
    /// kind its user gave it).
    fn speak_for(&mut self, id: &SourceId, body: SourceId) {
        let free = self.current(id).is_some_and(|s| s.speaks_for.is_none());
        if free
            && &body != id
            && let Some(s) = self.changing(id)
        {
            s.speaks_for = Some(body);
            self.make_official(id);
        }
    }

    /// A person this changeset registers, named with a title of office ("President Volodymyr
    /// Zelenskyy"), is an official; a registered source keeps the kind its user gave it.
    fn make_official(&mut self, id: &SourceId) {
        let new = self.builder.new_sources().iter().any(|s| &s.id == id);
        if new
            && self.current(id).is_some_and(|s| s.kind == SourceKind::Person)
            && let Some(s) = self.changing(id)
        {
            s.kind = SourceKind::Official;
        }
    }

    fn cites_of(&self, id: &SourceId) -> Vec<SourceId> {
        self.current(id).map(|s| s.cites.clone()).unwrap_or_default()
    }

    /// Whether `to` can be reached from `from` through `cites`.
    fn reaches(&self, from: &SourceId, to: &SourceId) -> bool {
        let mut stack = vec![from.clone()];
        let mut seen = Vec::new();
        while let Some(id) = stack.pop() {
            if &id == to {
                return true;
            }
            if !seen.contains(&id) {
                stack.extend(self.cites_of(&id));
                seen.push(id);
            }
        }
        false
    }

    fn cite(&mut self, citing: &SourceId, cited: &SourceId) {
        let mut list = self.cites_of(citing);
        if citing == cited || list.contains(cited) || self.reaches(cited, citing) {
            return;
        }
        list.push(cited.clone());
        if let Some(s) = self.changing(citing) {
            s.cites = list;
        }
    }

    fn finish(mut self) -> Changeset {
        for source in std::mem::take(&mut self.changed) {
            // A source this changeset adds is added with its aliases, and cites (and speaks for)
            // what it does once every new source is in; a registered one is updated.
            let inserted = Source { cites: Vec::new(), speaks_for: None, ..source.clone() };
            let links = !source.cites.is_empty() || source.speaks_for.is_some();
            if self.builder.replace_new_source(inserted).is_some() || links {
                self.builder.push(Edit::UpdateSource(source));
            }
        }
        let doc = self.document.id.clone();
        for annotation in self.annotations {
            self.builder.push(Edit::InsertAnnotation { doc: doc.clone(), index: None, annotation });
        }
        for claim in self.claims {
            self.builder.push(Edit::InsertClaim { doc: doc.clone(), index: None, claim });
        }
        if let Some((id, name)) = self.publisher {
            let mut meta = self.document.meta();
            meta.outlet = Some(name);
            self.builder.push(Edit::SetPublisher(doc.clone(), Some(id)));
            self.builder.push(Edit::SetDocumentMeta(doc, meta));
        }
        self.builder.finish()
    }
}
