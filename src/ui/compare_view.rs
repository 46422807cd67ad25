//! File → Compare With…: a colleague's project beside mine. On top, how far we agree (per
//! label, exportable as CSV and Markdown); below, every difference (only mine, only theirs, the
//! same span with another label, claims only one of us made or with other sources, chain or dates),
//! each shown in the article on a click and settled with Keep mine, Take theirs or Keep both,
//! one at a time or for a whole kind: each settlement is one undoable step.

use super::actions::Action;
use super::theme;
use crate::formats::text::shorten;
use crate::model::Project;
use crate::ops::adjudicate::{Choice, Difference, DifferenceKind, Differences, Item, differences, resolve};
use crate::ops::compare::{Comparison, compare};
use egui::{RichText, Ui};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Which agreement table file the user asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    /// RFC 4180 CSV.
    Csv,
    /// A Markdown table.
    Markdown,
}

/// The Compare With… window's state: their project and what I settled as mine.
pub struct CompareView {
    /// Their project, as read from their file.
    pub theirs: Project,
    /// Their file.
    pub path: PathBuf,
    /// Differences settled by keeping mine (nothing changed, so nothing else remembers them).
    settled: BTreeSet<(DifferenceKind, Option<Item>, Option<Item>)>,
    /// The kind the list shows.
    pub kind: DifferenceKind,
    /// An error from the last settlement.
    pub error: Option<String>,
    cache: Option<(u64, Differences, Comparison)>,
}

impl CompareView {
    /// A comparison with their project read from `path`.
    pub fn new(theirs: Project, path: PathBuf) -> Self {
        Self { theirs, path, settled: BTreeSet::new(), kind: DifferenceKind::OnlyMine, error: None, cache: None }
    }

    /// Their file's name.
    pub fn name(&self) -> String {
        self.path.file_name().map_or_else(|| self.path.display().to_string(), |n| n.to_string_lossy().into_owned())
    }

    /// The differences and agreement of `mine` (at `revision`) with theirs, computed again when
    /// my project changed.
    fn refresh(&mut self, mine: &Project, revision: u64) {
        if self.cache.as_ref().is_none_or(|(r, _, _)| *r != revision) {
            self.cache = Some((revision, differences(mine, &self.theirs), compare(mine, &self.theirs)));
        }
    }

    /// The comparison as it stands (after [`Self::refresh`]).
    pub fn comparison(&mut self, mine: &Project, revision: u64) -> Option<&Comparison> {
        self.refresh(mine, revision);
        self.cache.as_ref().map(|(_, _, c)| c)
    }

    /// The differences not settled yet, of every kind.
    pub fn open_differences(&mut self, mine: &Project, revision: u64) -> Vec<Difference> {
        self.refresh(mine, revision);
        let Some((_, diffs, _)) = &self.cache else { return Vec::new() };
        diffs.items.iter().filter(|d| !self.settled.contains(&d.key())).cloned().collect()
    }
}

/// What the window asks of the app.
pub enum CompareRequest {
    /// Show a difference in the article: its document (index in my project) and where.
    Show(usize, crate::anchor::CharRange),
    /// Save the agreement table.
    ExportTable(TableFormat),
}

/// Draws the window; returns whether it stays open. Settlements are pushed as changesets.
pub fn compare_window(
    ctx: &egui::Context,
    mine: &Project,
    revision: u64,
    view: &mut CompareView,
    actions: &mut Vec<Action>,
) -> (bool, Option<CompareRequest>) {
    let mut open = true;
    let mut request = None;
    let title = format!("Compare with {}", view.name());
    // Over the side panel, as tall as the window allows: the article stays in view for Show.
    let screen = ctx.content_rect();
    let width = 620.0_f32.min(screen.width() * 0.6);
    let pos = egui::pos2((screen.right() - width - 12.0).max(screen.left()), screen.top() + 36.0);
    egui::Window::new(title)
        .resizable(true)
        .default_pos(pos)
        .default_width(width)
        .default_height((screen.height() - 72.0).max(240.0))
        .open(&mut open)
        .show(ctx, |ui| {
            request = agreement_ui(ui, mine, revision, view).or(request.take());
            ui.separator();
            if let Some(r) = differences_ui(ui, mine, revision, view, actions) {
                request = Some(r);
            }
        });
    (open, request)
}

/// The agreement table over all documents, and its export buttons.
fn agreement_ui(ui: &mut Ui, mine: &Project, revision: u64, view: &mut CompareView) -> Option<CompareRequest> {
    let mut request = None;
    let theirs_name = view.name();
    let comparison = view.comparison(mine, revision)?;
    ui.label(RichText::new(format!("Agreement of {theirs_name} with this project (mine is the reference)")).strong());
    egui::Grid::new("agreement-table").striped(true).num_columns(7).show(ui, |ui| {
        for head in ["Label", "Mine", "Theirs", "Exact F1", "Lenient F1", "κ", "αu"] {
            ui.label(RichText::new(head).strong());
        }
        ui.end_row();
        let figure = |x: Option<f64>| x.map_or_else(|| "–".to_owned(), |x| format!("{x:.2}"));
        for (name, l) in &comparison.total.labels {
            ui.label(name);
            ui.label(l.exact.reference.to_string());
            ui.label(l.exact.other.to_string());
            ui.label(figure(Some(l.exact.f1())));
            ui.label(figure(Some(l.lenient.f1())));
            ui.label(figure(l.chars.kappa()));
            ui.label(figure(l.sections.alpha()));
            ui.end_row();
        }
        let a = comparison.total.attributions.cue_content;
        ui.label("Attributions (cue + content)");
        ui.label(a.reference.to_string());
        ui.label(a.other.to_string());
        ui.label(figure(Some(a.f1())));
        ui.end_row();
    });
    ui.horizontal(|ui| {
        if ui.button("Export table as CSV…").clicked() {
            request = Some(CompareRequest::ExportTable(TableFormat::Csv));
        }
        if ui.button("Export table as Markdown…").clicked() {
            request = Some(CompareRequest::ExportTable(TableFormat::Markdown));
        }
    });
    request
}

/// The kinds with their counts, the list of one kind, and the buttons that settle them.
fn differences_ui(
    ui: &mut Ui,
    mine: &Project,
    revision: u64,
    view: &mut CompareView,
    actions: &mut Vec<Action>,
) -> Option<CompareRequest> {
    let open = view.open_differences(mine, revision);
    if let Some((_, diffs, _)) = &view.cache {
        for s in &diffs.skipped {
            ui.colored_label(theme::error(ui.visuals()), format!("{}: not compared span by span: {}", s.title, s.reason));
        }
        for title in &diffs.only_theirs {
            ui.label(format!("Only in theirs: {title}"));
        }
    }
    if open.is_empty() {
        ui.label("No differences left: this project and theirs agree.");
        return None;
    }
    ui.horizontal_wrapped(|ui| {
        for kind in DifferenceKind::ALL {
            let n = open.iter().filter(|d| d.kind == kind).count();
            ui.selectable_value(&mut view.kind, kind, format!("{} ({n})", kind.title()));
        }
    });
    let shown: Vec<&Difference> = open.iter().filter(|d| d.kind == view.kind).collect();
    if let Some(e) = &view.error {
        ui.colored_label(theme::error(ui.visuals()), e);
    }
    if !shown.is_empty() {
        ui.horizontal(|ui| {
            ui.label(format!("All {}:", shown.len()));
            for choice in [Choice::Mine, Choice::Theirs, Choice::Both] {
                if ui.button(format!("{} for all", choice.verb())).clicked() {
                    settle(mine, view, &shown, choice, actions);
                }
            }
        });
    }
    let mut request = None;
    egui::ScrollArea::vertical().auto_shrink([false, false]).min_scrolled_height(160.0).show(ui, |ui| {
        for d in &shown {
            if let Some(r) = difference_row_ui(ui, mine, view, d, actions) {
                request = Some(r);
            }
            ui.separator();
        }
    });
    request
}

/// One difference: where, both versions, and its buttons.
fn difference_row_ui(
    ui: &mut Ui,
    mine: &Project,
    view: &mut CompareView,
    d: &Difference,
    actions: &mut Vec<Action>,
) -> Option<CompareRequest> {
    let mut request = None;
    let doc_index = mine.documents.iter().position(|x| x.id == d.doc);
    ui.label(crate::text::quoted(&shorten(&d.quote, 160)));
    let says = |s: &str| if s.is_empty() { "—".to_owned() } else { s.to_owned() };
    ui.label(
        RichText::new(format!("Mine: {}   Theirs: {}", says(&d.mine_says), says(&d.theirs_says)))
            .color(theme::weak(ui.visuals())),
    );
    ui.horizontal(|ui| {
        if let (Some(i), Some(first)) = (doc_index, d.ranges.first())
            && ui.button("Show").on_hover_text("Show it in the article").clicked()
        {
            let last = d.ranges.last().map_or(first.end, |r| r.end);
            request = Some(CompareRequest::Show(i, crate::anchor::CharRange::new(first.start, last)));
        }
        for choice in [Choice::Mine, Choice::Theirs, Choice::Both] {
            if ui.button(choice.verb()).clicked() {
                settle(mine, view, &[d], choice, actions);
            }
        }
    });
    request
}

/// Settles `diffs` as `choice` says: keeping mine is remembered here; the others become one
/// changeset for the app to apply.
fn settle(mine: &Project, view: &mut CompareView, diffs: &[&Difference], choice: Choice, actions: &mut Vec<Action>) {
    view.error = None;
    if choice == Choice::Mine {
        view.settled.extend(diffs.iter().map(|d| d.key()));
        return;
    }
    match resolve(mine, &view.theirs, diffs, choice) {
        Ok(changeset) if !changeset.is_empty() => actions.push(Action::ApplyChangeset(changeset)),
        Ok(_) => view.settled.extend(diffs.iter().map(|d| d.key())),
        Err(e) => view.error = Some(format!("Could not settle: {e}")),
    }
    // "Keep both" leaves my side as it was; what is left over of it is settled too.
    if choice == Choice::Both {
        view.settled.extend(diffs.iter().filter(|d| d.mine.is_some()).map(|d| (DifferenceKind::OnlyMine, d.mine.clone(), None)));
        view.settled
            .extend(diffs.iter().filter(|d| d.mine.is_some()).map(|d| (DifferenceKind::ClaimOnlyMine, d.mine.clone(), None)));
    }
}
