//! A claim's links to other documents in the window: the Links row of the claim editor (the
//! links listed, each a button that goes to its target; "Link to claim in another document…"
//! to pick a kind and a claim or span of another document, or the text selected there), the
//! lines a Claims card shows, and the notice listing orphaned links when a project opens.

use super::actions::Action;
use super::panels::quoted;
use crate::anchor::CharRange;
use crate::formats::text::shorten;
use crate::model::links::{OrphanedLink, claim_text, links_to};
use crate::model::{Annotation, Claim, ClaimLink, Document, DocumentId, LinkKind, LinkTarget, Project};
use egui::{RichText, Ui};

/// The link picker of one claim editor: open or not, the document and kind picked, and a link
/// target the user clicked to go to (taken by the window with [`take_go_to`]).
#[derive(Clone, Debug, Default)]
pub struct LinkPicker {
    /// Whether the picker is shown.
    pub open: bool,
    document: Option<DocumentId>,
    kind: LinkKind,
    /// Whether spans are offered instead of claims.
    spans: bool,
    /// Words the claims (or spans) offered must contain.
    find: String,
    go_to: Option<LinkTarget>,
    /// Spans of other documents made for links to a selection there, inserted when the claim
    /// is saved (those whose link was removed before are dropped).
    new_spans: Vec<(DocumentId, Annotation)>,
}

impl LinkPicker {
    /// The new spans still linked from `links`, to insert with the claim.
    pub fn new_spans<'a>(&'a self, links: &'a [ClaimLink]) -> impl Iterator<Item = &'a (DocumentId, Annotation)> {
        self.new_spans.iter().filter(|(d, a)| {
            links
                .iter()
                .any(|l| matches!(&l.target, LinkTarget::Span { document, annotation } if document == d && annotation == &a.id))
        })
    }

    /// The quote of a new span `target` is, if it is one.
    fn pending_quote(&self, target: &LinkTarget) -> Option<&str> {
        let LinkTarget::Span { document, annotation } = target else { return None };
        self.new_spans.iter().find(|(d, a)| d == document && &a.id == annotation).map(|(_, a)| a.quote.exact.as_str())
    }
}

/// Text selected in another document than the claim's (shown now, or left with its
/// selection), which the claim editor offers as a link target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectionElsewhere {
    /// The document.
    pub document: DocumentId,
    /// The selected chars.
    pub range: CharRange,
}

/// What the Links row reads besides the claim: the project, the claim's document, the text
/// selected in another document, and who makes new spans.
pub struct LinkRow<'a> {
    /// The project.
    pub project: &'a Project,
    /// The claim's document.
    pub document: &'a Document,
    /// Text selected in another document, if any.
    pub elsewhere: Option<&'a SelectionElsewhere>,
    /// The author of new spans.
    pub author: &'a str,
}

/// The actions that show `target`: its document, then the claim or span there.
pub fn go_to_actions(project: &Project, target: &LinkTarget) -> Vec<Action> {
    let Some(index) = project.documents.iter().position(|d| &d.id == target.document()) else { return Vec::new() };
    actions_at(index, target)
}

fn actions_at(index: usize, target: &LinkTarget) -> Vec<Action> {
    let select = match target {
        LinkTarget::Claim { claim, .. } => Action::SelectClaim(claim.clone()),
        LinkTarget::Span { annotation, .. } => Action::SelectAnnotation(annotation.clone()),
    };
    vec![Action::SwitchDocument(index), select]
}

/// The actions for the link target the user clicked in the editor, if any.
pub fn take_go_to(project: &Project, picker: &mut LinkPicker) -> Vec<Action> {
    picker.go_to.take().map(|t| go_to_actions(project, &t)).unwrap_or_default()
}

/// A document as a link line names it: its publisher or outlet, its date, else its title.
fn document_name(project: &Project, document: &Document) -> String {
    let by = document.publisher.as_ref().and_then(|s| project.source(s)).map(|s| s.name.clone()).or(document.outlet.clone());
    let name = by.unwrap_or_else(|| shorten(&document.title, 40));
    document.published.map_or(name.clone(), |d| format!("{name}, {d}"))
}

/// What a link says, for a button: "repeats USA Today, 2016-05-11: “…”", or why it is
/// orphaned. `pending` is the quote of a span made for it and not saved yet.
fn describe(project: &Project, link: &ClaimLink, pending: Option<&str>) -> (String, bool) {
    let name = || project.document(link.target.document()).map(|d| document_name(project, d)).unwrap_or_default();
    if let Some(quote) = pending {
        return (format!("{} {}: {} (new span)", link.kind.label(), name(), quoted(&shorten(quote, 50))), false);
    }
    let Some(missing) = link.target.missing(project) else {
        let text = link.target.text(project).unwrap_or_default();
        let span = if matches!(link.target, LinkTarget::Span { .. }) { " (span)" } else { "" };
        return (format!("{} {}: {}{span}", link.kind.label(), name(), quoted(&shorten(&text, 50))), true);
    };
    (format!("{} (orphaned: {missing})", link.kind.label()), false)
}

/// One line a Claims card shows for a link of its claim, or to it.
#[derive(Clone, Debug)]
pub struct LinkLine {
    text: String,
    /// The target's document index and the target, when it resolves.
    go: Option<(usize, LinkTarget)>,
}

/// The lines a card shows for claim `claim` of document `doc`: its links, then the links to it.
pub fn link_lines(project: &Project, doc: &DocumentId, claim: &Claim) -> Vec<LinkLine> {
    let go = |t: &LinkTarget| project.documents.iter().position(|d| &d.id == t.document()).map(|i| (i, t.clone()));
    let mut lines: Vec<LinkLine> = claim
        .links
        .iter()
        .map(|l| {
            let (text, ok) = describe(project, l, None);
            LinkLine { text: format!("This claim {text}"), go: if ok { go(&l.target) } else { None } }
        })
        .collect();
    for (text, target) in incoming_lines(project, doc, &claim.id) {
        lines.push(LinkLine { text, go: go(&target) });
    }
    lines
}

/// The links to claim `claim` of `doc` from other claims: "`HuffPost`, 2016-05-16 repeats this: “…”".
fn incoming_lines(project: &Project, doc: &DocumentId, claim: &crate::model::ClaimId) -> Vec<(String, LinkTarget)> {
    let mut lines = Vec::new();
    for incoming in links_to(project, doc, claim) {
        let Some(from) = project.document(incoming.document) else { continue };
        let text = from.claim(incoming.claim).map(|c| claim_text(from, &c.content)).unwrap_or_default();
        let line =
            format!("{} {} this: {}", document_name(project, from), incoming.link.kind.as_str(), quoted(&shorten(&text, 80)));
        lines.push((line, LinkTarget::Claim { document: incoming.document.clone(), claim: incoming.claim.clone() }));
    }
    lines
}

/// A card's link lines, each a link that goes to its target.
pub fn card_links_ui(ui: &mut Ui, lines: &[LinkLine], actions: &mut Vec<Action>) {
    for line in lines {
        match &line.go {
            Some((index, target)) => {
                if ui.link(RichText::new(&line.text).small()).on_hover_text("Go to it").clicked() {
                    actions.extend(actions_at(*index, target));
                }
            }
            None => {
                ui.label(RichText::new(&line.text).small().color(super::theme::weak(ui.visuals())));
            }
        }
    }
}

/// The claim editor's Links row: the draft claim's links (each goes to its target; ✕ removes
/// it) and the picker that adds one. Links are saved with the claim (one undoable step).
pub fn links_row_ui(
    ui: &mut Ui,
    row: &LinkRow<'_>,
    claim: &mut Claim,
    picker: &mut LinkPicker,
    focus: &mut super::focus_cycle::FocusCycle,
) {
    let incoming = incoming_lines(row.project, &row.document.id, &claim.id);
    let links = &mut claim.links;
    ui.label("Links").on_hover_text("Where else this claim appears: its origin, who reports or repeats it, what contradicts it");
    ui.vertical(|ui| {
        let mut remove = None;
        for (i, link) in links.iter().enumerate() {
            ui.horizontal(|ui| {
                let (text, ok) = describe(row.project, link, picker.pending_quote(&link.target));
                if ok {
                    if ui.link(&text).on_hover_text("Go to it").clicked() {
                        picker.go_to = Some(link.target.clone());
                    }
                } else {
                    ui.label(RichText::new(&text).color(super::theme::weak(ui.visuals())));
                }
                let what = format!("Remove link: {}", shorten(&text, 40));
                let response = ui.small_button("✕");
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &what));
                if response.on_hover_text(what).clicked() {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            links.remove(i);
        }
        for (text, target) in incoming {
            if ui.link(text).on_hover_text("Go to it").clicked() {
                picker.go_to = Some(target);
            }
        }
        let button = ui.button("Link to claim in another document…");
        // In the editor's keyboard order, between the via chain and the verdict.
        focus.track(ui, &button, false);
        if button.clicked() {
            picker.open = !picker.open;
        }
        if picker.open {
            picker_ui(ui, row, links, picker);
        }
    });
}

fn picker_ui(ui: &mut Ui, row: &LinkRow<'_>, links: &mut Vec<ClaimLink>, picker: &mut LinkPicker) {
    let (project, document) = (row.project, row.document);
    let others: Vec<&Document> = project.documents.iter().filter(|d| d.id != document.id).collect();
    if others.is_empty() {
        ui.label("Import another article first: links join documents.");
        return;
    }
    let l = ui.label("Link kind");
    egui::ComboBox::from_id_salt("link-kind")
        .selected_text(format!("This claim {}", picker.kind.label()))
        .show_ui(ui, |ui| {
            for k in LinkKind::ALL {
                ui.selectable_value(&mut picker.kind, k, format!("This claim {}", k.label()));
            }
        })
        .response
        .labelled_by(l.id);
    if let Some(elsewhere) = row.elsewhere.filter(|e| e.document != document.id) {
        selection_button_ui(ui, row, elsewhere, links, picker);
    }
    let shown =
        picker.document.as_ref().and_then(|id| project.document(id)).map_or("(pick one)".to_owned(), |d| shorten(&d.title, 50));
    let l = ui.label("Link to document");
    egui::ComboBox::from_id_salt("link-document")
        .selected_text(shown)
        .width(300.0)
        .show_ui(ui, |ui| {
            for d in &others {
                ui.selectable_value(&mut picker.document, Some(d.id.clone()), shorten(&d.title, 60));
            }
        })
        .response
        .labelled_by(l.id);
    let Some(target_doc) = picker.document.as_ref().and_then(|id| project.document(id)) else { return };
    ui.horizontal(|ui| {
        ui.selectable_value(&mut picker.spans, false, "Its claims").on_hover_text("Link to a claim of that document");
        ui.selectable_value(&mut picker.spans, true, "Its spans")
            .on_hover_text("Link to a span of that document: a quotation, a source, any annotated passage");
    });
    let l = ui.label(if picker.spans { "Find a span there" } else { "Find a claim there" });
    let hint = if picker.spans { "words of the span" } else { "words of the claim" };
    ui.add(egui::TextEdit::singleline(&mut picker.find).hint_text(hint).desired_width(300.0)).labelled_by(l.id);
    let offered = offered(target_doc, picker.spans, &picker.find.trim().to_lowercase());
    let (what, total) = if picker.spans { ("span", target_doc.annotations.len()) } else { ("claim", target_doc.claims.len()) };
    ui.label(RichText::new(format!("Pick the {what} there ({} of {total}):", offered.len())).small());
    if total == 0 {
        ui.label(format!("That document has no {what}s yet."));
    }
    for (target, text) in offered.iter().take(OFFERED) {
        let taken = links.iter().any(|l| l.kind == picker.kind && &l.target == target);
        let button = egui::Button::new(format!("→ {}", quoted(&shorten(text, 70)))).wrap();
        if ui.add_enabled(!taken, button).clicked() {
            links.push(ClaimLink::new(picker.kind, target.clone()));
            picker.open = false;
        }
    }
    if offered.len() > OFFERED {
        let more = offered.len() - OFFERED;
        ui.label(RichText::new(format!("… and {more} more: type words of the {what} to narrow")).small().italics());
    }
}

/// The claims (or spans, with their label) of `document` whose text contains `needle` (lower
/// case), as link targets with their text.
fn offered(document: &Document, spans: bool, needle: &str) -> Vec<(LinkTarget, String)> {
    let hit = |text: &str| needle.is_empty() || text.to_lowercase().contains(needle);
    let doc = document.id.clone();
    if spans {
        return document
            .annotations
            .iter()
            .filter(|a| !a.ranges.is_empty() && hit(&a.quote.exact))
            .map(|a| {
                let target = LinkTarget::Span { document: doc.clone(), annotation: a.id.clone() };
                (target, format!("{}: {}", a.label, a.quote.exact))
            })
            .collect();
    }
    document
        .claims
        .iter()
        .map(|c| (LinkTarget::Claim { document: doc.clone(), claim: c.id.clone() }, claim_text(document, &c.content)))
        .filter(|(_, text)| hit(text))
        .collect()
}

/// "Link to the selection in USA Today, 2016-05-11: “…”": links the claim to the text selected
/// in another document (the claim or span on exactly that text, else a new span made with the
/// claim's save).
fn selection_button_ui(
    ui: &mut Ui,
    row: &LinkRow<'_>,
    elsewhere: &SelectionElsewhere,
    links: &mut Vec<ClaimLink>,
    picker: &mut LinkPicker,
) {
    let Some(there) = row.project.document(&elsewhere.document) else { return };
    let quote = crate::anchor::slice_chars(&there.text, elsewhere.range);
    if quote.trim().is_empty() {
        return;
    }
    let text = format!("Link to the selection in {}: {}", document_name(row.project, there), quoted(&shorten(quote.trim(), 60)));
    let hover = "The text selected there: a new span on it is saved with the claim (or the claim or span already on it)";
    if !ui.add(egui::Button::new(text).wrap()).on_hover_text(hover).clicked() {
        return;
    }
    // The button is offered only for text there that is not all whitespace.
    if let Ok(Some((target, new_span))) =
        crate::ops::links::selection_target(row.project, &elsewhere.document, &[elsewhere.range], row.author)
    {
        if let Some(a) = new_span {
            picker.new_spans.push((elsewhere.document.clone(), a));
        }
        if !links.iter().any(|l| l.kind == picker.kind && l.target == target) {
            links.push(ClaimLink::new(picker.kind, target));
        }
        picker.open = false;
    }
}

/// How many claims the picker lists at once (the rest are found by their words).
const OFFERED: usize = 5;

/// The notice shown when a project with orphaned links opens: one line per link.
pub fn orphaned_notice(file: &str, orphaned: &[OrphanedLink]) -> Option<(String, String)> {
    if orphaned.is_empty() {
        return None;
    }
    let lines: Vec<String> = orphaned.iter().map(|o| format!("• {o}")).collect();
    let message = format!(
        "{file} has {} link(s) whose target is missing. They are kept as they are; remove them in the claim editor's Links row:\n\n{}",
        orphaned.len(),
        lines.join("\n")
    );
    Some(("Orphaned links".to_owned(), message))
}

/// The "Published by…" menu of a document's context menu: tie the document to the registered
/// source that published it (Ukrinform's article is Ukrinform's), or untie it.
pub fn publisher_menu_ui(ui: &mut Ui, project: &Project, document: &Document, actions: &mut Vec<Action>) {
    let current = document.publisher.as_ref().and_then(|s| project.source(s));
    let title = current.map_or_else(|| "Published by…".to_owned(), |s| format!("Published by {}…", s.name));
    ui.menu_button(title, |ui| {
        let mut chosen: Option<Option<crate::model::SourceId>> = None;
        if ui.selectable_label(current.is_none(), "(no publisher)").clicked() {
            chosen = Some(None);
        }
        // Outlets and agencies first: they publish articles.
        let mut sources: Vec<&crate::model::Source> = project.sources.iter().collect();
        sources.sort_by_key(|s| !matches!(s.kind, crate::model::SourceKind::Outlet | crate::model::SourceKind::NewsAgency));
        for s in sources {
            if ui.selectable_label(current.is_some_and(|c| c.id == s.id), &s.name).clicked() {
                chosen = Some(Some(s.id.clone()));
            }
        }
        if let Some(publisher) = chosen
            && let Ok(change) = crate::ops::links::set_publisher(project, &document.id, publisher)
        {
            actions.push(Action::ApplyChangeset(change));
            ui.close();
        }
    });
}
