//! Compare With…: opening a colleague's project beside this one, the comparison window, and
//! the agreement table written to a file.

use super::{Background, ClaimlensApp, file_name, file_work};
use crate::formats::ExportOutput;
use crate::ops::agreement::table::{agreement_csv, agreement_markdown};
use crate::ui::actions::Action;
use crate::ui::background::Job;
use crate::ui::compare_view::{CompareRequest, TableFormat, compare_window};
use crate::ui::file_dialogs::Purpose;
use std::path::Path;

impl ClaimlensApp {
    pub(super) fn compare_window(&mut self, ctx: &egui::Context) {
        let Some(mut view) = self.view.compare.take() else { return };
        let (open, request) = compare_window(ctx, &self.session.project, self.revision, &mut view, &mut self.actions);
        match request {
            Some(CompareRequest::Show(doc, range)) => {
                if doc != self.session.doc {
                    self.actions.push(Action::SwitchDocument(doc));
                }
                self.actions.push(Action::Reveal(range));
            }
            Some(CompareRequest::ExportTable(TableFormat::Csv)) => self.ask_path(Purpose::AgreementCsv),
            Some(CompareRequest::ExportTable(TableFormat::Markdown)) => self.ask_path(Purpose::AgreementMarkdown),
            None => {}
        }
        if open {
            self.view.compare = Some(view);
        }
    }

    /// Writes the open comparison's agreement table to `path`.
    pub fn export_agreement(&mut self, format: TableFormat, path: &Path) {
        let Some(mut view) = self.view.compare.take() else { return };
        let theirs = view.name();
        let mine = self
            .session
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map_or_else(|| "this project".to_owned(), |n| n.to_string_lossy().into_owned());
        let text = view.comparison(&self.session.project, self.revision).map(|c| {
            let scopes = c.scopes();
            match format {
                TableFormat::Csv => agreement_csv(&scopes).map_err(|e| e.to_string()),
                TableFormat::Markdown => Ok(agreement_markdown(&scopes, &mine, &theirs)),
            }
        });
        self.view.compare = Some(view);
        match text {
            Some(Ok(text)) => self.write_table(path, text),
            Some(Err(e)) => self.error_dialog("Could not write the agreement table", &e),
            None => {}
        }
    }

    /// Writes the agreement table's text to `path` on another thread.
    fn write_table(&mut self, path: &Path, text: String) {
        if self.busy() {
            return;
        }
        let p = path.to_owned();
        let what = format!("Writing {}", file_name(path));
        let work = move |_: &crate::ui::background::CancelFlag| file_work::write_text_or_files(&p, &ExportOutput::Text(text));
        match Job::start("table", what, &self.clock, self.ctx.as_ref(), work) {
            Ok(job) => self.jobs.background = Some(Background::Table { path: path.to_owned(), job }),
            Err(e) => self.error_dialog("Could not write the agreement table", &format!("{}: {e}", path.display())),
        }
    }
}
