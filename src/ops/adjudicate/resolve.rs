//! Settling differences: one changeset for one difference or for all of a kind.

use super::{Difference, DifferenceKind, Item};
use crate::anchor::{CharRange, Quote, TextIndex};
use crate::edit::{Changeset, ChangesetBuilder, Edit};
use crate::model::{Annotation, AnnotationId, Claim, ClaimId, Document, DocumentId, Project, SourceId};
use crate::ops::OpError;
use crate::ops::merge::CONFLICT_ATTRIBUTE;
use std::collections::{BTreeMap, BTreeSet};

/// How to settle a difference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Keep my version (changes nothing).
    Mine,
    /// Take their version in place of mine.
    Theirs,
    /// Keep mine and add theirs beside it.
    Both,
}

impl Choice {
    /// The words of a button and of the undo step.
    pub const fn verb(self) -> &'static str {
        match self {
            Self::Mine => "Keep mine",
            Self::Theirs => "Take theirs",
            Self::Both => "Keep both",
        }
    }
}

/// The changeset that settles `diffs` (differences of [`super::differences`]`(mine, theirs)`)
/// the way `choice` says, as one undoable step. Keeping mine is an empty changeset.
pub fn resolve(mine: &Project, theirs: &Project, diffs: &[&Difference], choice: Choice) -> Result<Changeset, OpError> {
    let name = match diffs {
        [one] => format!("{}: {}", choice.verb(), one.kind.title().to_lowercase()),
        _ => format!("{}: {} differences", choice.verb(), diffs.len()),
    };
    let mut r = Resolver {
        builder: ChangesetBuilder::new(mine, name),
        mine,
        theirs,
        copies: BTreeMap::new(),
        inserts: Vec::new(),
        relabels: BTreeMap::new(),
        claims: BTreeMap::new(),
        new_claims: Vec::new(),
        removed: BTreeSet::new(),
    };
    if choice != Choice::Mine {
        // Spans before claims, relabels first: a claim copied later finds the spans as they will be.
        let mut ordered: Vec<&&Difference> = diffs.iter().collect();
        ordered.sort_by_key(|d| match d.kind {
            DifferenceKind::OtherLabel => 0,
            DifferenceKind::OnlyMine => 1,
            DifferenceKind::OnlyTheirs => 2,
            _ => 3,
        });
        for d in ordered {
            r.settle(d, choice)?;
        }
    }
    Ok(r.finish())
}

/// Collects the steps of one resolution, then orders them so each applies to what the
/// previous ones left: new annotations, relabels, claims, then removals.
struct Resolver<'p> {
    builder: ChangesetBuilder<'p>,
    mine: &'p Project,
    theirs: &'p Project,
    /// Their annotation → the id it has in my document (found or copied).
    copies: BTreeMap<(DocumentId, AnnotationId), AnnotationId>,
    inserts: Vec<(DocumentId, Annotation)>,
    /// My annotations given their label.
    relabels: BTreeMap<(DocumentId, AnnotationId), Annotation>,
    /// My claims as they will be (`None`: removed).
    claims: BTreeMap<(DocumentId, ClaimId), Option<Claim>>,
    new_claims: Vec<(DocumentId, Claim)>,
    removed: BTreeSet<(DocumentId, AnnotationId)>,
}

impl Resolver<'_> {
    fn my_doc(&self, d: &Difference) -> Result<&Document, OpError> {
        self.mine.document(&d.doc).ok_or_else(|| OpError::NoDocument(d.doc.clone()))
    }

    fn their_doc(&self, d: &Difference) -> Result<&Document, OpError> {
        self.theirs.document(&d.theirs_doc).ok_or_else(|| OpError::NoDocument(d.theirs_doc.clone()))
    }

    fn settle(&mut self, d: &Difference, choice: Choice) -> Result<(), OpError> {
        let take = choice == Choice::Theirs;
        match (d.kind, &d.mine, &d.theirs) {
            (DifferenceKind::OnlyMine, Some(Item::Annotation(id)), _) if take => self.remove_annotation(d, id)?,
            (DifferenceKind::OnlyTheirs, _, Some(Item::Annotation(id))) => {
                self.copy_annotation(d, id)?;
            }
            (DifferenceKind::OtherLabel, Some(Item::Annotation(my)), Some(Item::Annotation(their))) => {
                if take {
                    self.relabel(d, my, their)?;
                } else {
                    self.copy_annotation(d, their)?;
                }
            }
            (DifferenceKind::ClaimOnlyMine, Some(Item::Claim(id)), _) if take => {
                self.claims.insert((d.doc.clone(), id.clone()), None);
            }
            (DifferenceKind::ClaimOnlyTheirs, _, Some(Item::Claim(id))) => self.copy_claim(d, id)?,
            (DifferenceKind::OtherChain, Some(Item::Claim(my)), Some(Item::Claim(their))) => {
                if take {
                    self.take_chain(d, my, their)?;
                } else {
                    self.copy_claim(d, their)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// My label for their label `name`: the one playing its role, else the same name, else theirs added.
    fn label_for(&mut self, name: &str) -> String {
        if let Some(role) = self.theirs.role_of(name)
            && let Some(def) = self.mine.label_for(role)
        {
            return def.name.clone();
        }
        if self.mine.label(name).is_some() {
            return name.to_owned();
        }
        match self.theirs.label(name) {
            Some(def) => self.builder.find_or_add_label(def.clone()),
            None => name.to_owned(),
        }
    }

    /// My source for their source `id`: by name or alias, else theirs added.
    fn source_for(&mut self, id: &SourceId) -> Option<SourceId> {
        let source = self.theirs.source(id)?;
        Some(self.builder.find_or_add_source(&source.name, source.kind))
    }

    /// The id their annotation `id` has in my document: mine with the same span and mark, one
    /// this resolution copies, or a new copy.
    fn copy_annotation(&mut self, d: &Difference, id: &AnnotationId) -> Result<AnnotationId, OpError> {
        let key = (d.doc.clone(), id.clone());
        if let Some(copied) = self.copies.get(&key) {
            return Ok(copied.clone());
        }
        let their = self.their_doc(d)?.annotation(id).ok_or_else(|| no_annotation(id))?.clone();
        let label = self.label_for(&their.label);
        let document = self.my_doc(d)?;
        let same = document.annotations.iter().find(|a| {
            let key = (d.doc.clone(), a.id.clone());
            let label_now = self.relabels.get(&key).map_or(&a.label, |r| &r.label);
            a.ranges == their.ranges && *label_now == label && !self.removed.contains(&key)
        });
        let mine_id = if let Some(a) = same {
            a.id.clone()
        } else {
            let mut copy = their;
            copy.id = AnnotationId::random();
            copy.label = label;
            copy.quote = Quote::of(&TextIndex::new(&document.text), &copy.ranges);
            copy.attributes.remove(CONFLICT_ATTRIBUTE);
            let new_id = copy.id.clone();
            self.inserts.push((d.doc.clone(), copy));
            new_id
        };
        self.copies.insert(key, mine_id.clone());
        Ok(mine_id)
    }

    fn relabel(&mut self, d: &Difference, my: &AnnotationId, their: &AnnotationId) -> Result<(), OpError> {
        let their_label = self.their_doc(d)?.annotation(their).ok_or_else(|| no_annotation(their))?.label.clone();
        let label = self.label_for(&their_label);
        let mut annotation = self.my_doc(d)?.annotation(my).ok_or_else(|| no_annotation(my))?.clone();
        annotation.label = label;
        annotation.modified = chrono::Utc::now();
        self.copies.insert((d.doc.clone(), their.clone()), my.clone());
        self.relabels.insert((d.doc.clone(), my.clone()), annotation);
        Ok(())
    }

    /// My claim `id` as this resolution leaves it so far (`None` once removed).
    fn claim_now(&self, doc: &DocumentId, id: &ClaimId) -> Option<Claim> {
        match self.claims.get(&(doc.clone(), id.clone())) {
            Some(state) => state.clone(),
            None => self.mine.document(doc).and_then(|d| d.claim(id)).cloned(),
        }
    }

    /// Removes my annotation. The claims that use it take their spans that cover exactly the
    /// same text instead (for content: the claim's whole content, which they may have split or
    /// joined otherwise); where they have none, it is taken out of the claim (a claim left
    /// without content goes too).
    fn remove_annotation(&mut self, d: &Difference, id: &AnnotationId) -> Result<(), OpError> {
        let doc = &d.doc;
        let document = self.my_doc(d)?;
        let mine = document.annotation(id).ok_or_else(|| no_annotation(id))?.clone();
        let users: Vec<Claim> = document.claims.iter().filter(|c| c.annotation_refs().any(|a| a == id)).cloned().collect();
        let contents: Vec<Vec<CharRange>> = users.iter().map(|c| super::content_ranges(document, c)).collect();
        let own = if users.is_empty() { Vec::new() } else { self.their_tiling(d, &mine.ranges, &mine.label)? };
        for (original, content) in users.iter().zip(contents) {
            let Some(mut claim) = self.claim_now(doc, &original.id) else { continue };
            if claim.content.contains(id) {
                let whole = self.their_tiling(d, &content, &mine.label)?;
                if whole.is_empty() {
                    replace_in(&mut claim.content, id, &own);
                } else {
                    claim.content = whole;
                }
            }
            replace_in(&mut claim.source_spans, id, &own);
            for single in [&mut claim.cue, &mut claim.trigger] {
                if single.as_ref() == Some(id) {
                    *single = match own.as_slice() {
                        [one] => Some(one.clone()),
                        _ => None,
                    };
                }
            }
            let state = (!claim.content.is_empty()).then_some(claim);
            self.claims.insert((doc.clone(), original.id.clone()), state);
        }
        self.removed.insert((doc.clone(), id.clone()));
        Ok(())
    }

    /// Their spans of my label `label` that together cover exactly `target`, as ids in my
    /// document (copied); empty when they have no such spans.
    fn their_tiling(&mut self, d: &Difference, target: &[CharRange], label: &str) -> Result<Vec<AnnotationId>, OpError> {
        let candidates: Vec<Annotation> = self
            .their_doc(d)?
            .annotations
            .iter()
            .filter(|t| !t.ranges.is_empty() && t.ranges.iter().all(|r| target.contains(r)))
            .cloned()
            .collect();
        let mut tiles = Vec::new();
        let mut covered = Vec::new();
        for t in candidates {
            if self.label_for(&t.label) == label && !t.ranges.iter().any(|r| covered.contains(r)) {
                covered.extend(t.ranges.iter().copied());
                tiles.push(t.id);
            }
        }
        covered.sort_by_key(|r| (r.start, r.end));
        if covered != target {
            return Ok(Vec::new());
        }
        tiles.iter().map(|t| self.copy_annotation(d, t)).collect()
    }

    /// Copies their claim with its annotations and sources.
    fn copy_claim(&mut self, d: &Difference, id: &ClaimId) -> Result<(), OpError> {
        let their = self.their_doc(d)?.claim(id).ok_or_else(|| OpError::NoClaim(id.clone()))?.clone();
        let mut copy = their.clone();
        copy.id = ClaimId::random();
        copy.content = their.content.iter().map(|a| self.copy_annotation(d, a)).collect::<Result<_, _>>()?;
        copy.source_spans = their.source_spans.iter().map(|a| self.copy_annotation(d, a)).collect::<Result<_, _>>()?;
        copy.cue = their.cue.as_ref().map(|a| self.copy_annotation(d, a)).transpose()?;
        copy.trigger = their.trigger.as_ref().map(|a| self.copy_annotation(d, a)).transpose()?;
        copy.attributed_to = their.attributed_to.iter().filter_map(|s| self.source_for(s)).collect();
        copy.via = their.via.iter().filter_map(|s| self.source_for(s)).collect();
        copy.attributes.remove(CONFLICT_ATTRIBUTE);
        // Their links point into their project; links are settled where they are made.
        copy.links.clear();
        self.new_claims.push((d.doc.clone(), copy));
        Ok(())
    }

    /// Gives my claim their sources, chain, cue and source spans.
    fn take_chain(&mut self, d: &Difference, my: &ClaimId, their: &ClaimId) -> Result<(), OpError> {
        let their = self.their_doc(d)?.claim(their).ok_or_else(|| OpError::NoClaim(their.clone()))?.clone();
        let Some(mut claim) = self.claim_now(&d.doc, my) else { return Ok(()) };
        claim.attributed_to = their.attributed_to.iter().filter_map(|s| self.source_for(s)).collect();
        claim.via = their.via.iter().filter_map(|s| self.source_for(s)).collect();
        claim.source_spans = their.source_spans.iter().map(|a| self.copy_annotation(d, a)).collect::<Result<_, _>>()?;
        claim.cue = their.cue.as_ref().map(|a| self.copy_annotation(d, a)).transpose()?;
        claim.trigger = their.trigger.as_ref().map(|a| self.copy_annotation(d, a)).transpose()?;
        claim.said_on = their.said_on;
        claim.event_date = their.event_date;
        self.claims.insert((d.doc.clone(), my.clone()), Some(claim));
        Ok(())
    }

    fn finish(mut self) -> Changeset {
        for (doc, annotation) in std::mem::take(&mut self.inserts) {
            self.builder.push(Edit::InsertAnnotation { doc, index: None, annotation });
        }
        for ((doc, _), annotation) in std::mem::take(&mut self.relabels) {
            self.builder.push(Edit::UpdateAnnotation(doc, annotation));
        }
        for ((doc, id), state) in std::mem::take(&mut self.claims) {
            self.builder.push(match state {
                Some(claim) => Edit::UpdateClaim(doc, claim),
                None => Edit::RemoveClaim(doc, id),
            });
        }
        for (doc, claim) in std::mem::take(&mut self.new_claims) {
            self.builder.push(Edit::InsertClaim { doc, index: None, claim });
        }
        let removed = std::mem::take(&mut self.removed);
        let mut relations = BTreeSet::new();
        for (doc, id) in &removed {
            for r in self.mine.document(doc).iter().flat_map(|d| &d.relations) {
                if r.annotation_refs().any(|a| a == id) {
                    relations.insert((doc.clone(), r.id.clone()));
                }
            }
        }
        for (doc, relation) in relations {
            self.builder.push(Edit::RemoveRelation(doc, relation));
        }
        for (doc, id) in removed {
            self.builder.push(Edit::RemoveAnnotation(doc, id));
        }
        self.builder.finish()
    }
}

/// Puts `with` where `id` stands in `list` (dropping `id` when `with` is empty).
fn replace_in(list: &mut Vec<AnnotationId>, id: &AnnotationId, with: &[AnnotationId]) {
    if let Some(i) = list.iter().position(|a| a == id) {
        list.remove(i);
        for (k, w) in with.iter().enumerate() {
            if !list.contains(w) {
                list.insert((i + k).min(list.len()), w.clone());
            }
        }
    }
}

fn no_annotation(id: &AnnotationId) -> OpError {
    OpError::Edit(crate::edit::EditError::NoAnnotation(id.clone()))
}
