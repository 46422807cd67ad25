//! Compare With…: opening a colleague's project beside this one, the comparison window, and
//! the agreement table written to a file.

use super::ClaimlensApp;
use crate::formats::ExportOutput;
use crate::ops::agreement::table::{agreement_csv, agreement_markdown};
use crate::store;
use crate::ui::actions::Action;
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
        let written = match text {
            Some(Ok(text)) => {
                store::write_export(path, &ExportOutput::Text(text), &store::OutputOptions::default()).map_err(|e| e.to_string())
            }
            Some(Err(e)) => Err(e),
            None => return,
        };
        match written {
            Ok(_) => self.status = format!("Agreement table written to {}", path.display()),
            Err(e) => self.error_dialog("Could not write the agreement table", &e),
        }
    }
}
