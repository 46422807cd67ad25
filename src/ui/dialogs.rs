//! Modal dialogs: errors, unsaved changes, recovery, files changed on disk, path entry,
//! the command palette and the keyboard reference.

use super::commands::Command;
use super::file_dialogs::Purpose;
use crate::formats::ExportFormat;
use crate::store::Recovery;
use std::path::PathBuf;

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// Start a new project.
    New,
    /// Open a project (ask for the path when `None`).
    Open(Option<PathBuf>),
    /// Import an article into a new project (from a dropped or given file).
    ImportNew(PathBuf),
    /// Close the project.
    Close,
    /// Quit.
    Quit,
}

/// A modal dialog.
#[derive(Debug)]
pub enum Dialog {
    /// Something went wrong.
    Error {
        /// Short title.
        title: String,
        /// The full message, with file, line and column where there is one.
        message: String,
    },
    /// Something the user should know that went partly well.
    Notice {
        /// Short title.
        title: String,
        /// The message.
        message: String,
    },
    /// Save / Discard / Cancel before `then`.
    Unsaved {
        /// What the user asked for.
        then: Pending,
    },
    /// A recovery file newer than the project was found.
    Recovery {
        /// The project file (for an untitled project, where its autosave goes).
        path: PathBuf,
        /// Whether it is the autosave of a project never saved.
        untitled: bool,
        /// The recovery file.
        recovery: Recovery,
    },
    /// The project file was changed by another program.
    ChangedOnDisk {
        /// The project file.
        path: PathBuf,
        /// Whether this came up while saving (offer Overwrite) or on focus.
        while_saving: bool,
    },
    /// Type a path (where no native dialog opens).
    PathInput {
        /// What for.
        purpose: Purpose,
        /// The path typed so far.
        text: String,
    },
    /// Choose an export format and where to write it.
    Export {
        /// The format.
        format: ExportFormat,
        /// The file (or folder, for brat) to write.
        path: String,
        /// Whether the keyboard has been put on the chosen format (once, when it opens).
        focused: bool,
    },
    /// Search and run commands.
    Palette {
        /// The search text.
        query: String,
    },
    /// The keyboard reference.
    KeyboardHelp,
    /// About claimlens.
    About,
    /// The shown document's title, outlet, URL, author and date.
    DocumentDetails {
        /// The details as typed.
        draft: super::meta_editor::MetaDraft,
        /// Whether the keyboard was put in its first field.
        focused: bool,
    },
    /// The reviewer's name and organisation.
    Preferences {
        /// The preferences as typed.
        draft: super::meta_editor::PreferencesDraft,
        /// Whether the keyboard was put in its first field.
        focused: bool,
    },
}

/// Commands matching a palette query (all words, case-insensitive): those whose name
/// matches first, then those whose description does, each in palette order.
pub fn palette_matches(query: &str) -> Vec<Command> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let all_in = |hay: String| words.iter().all(|w| hay.contains(w.as_str()));
    let mut by_name: Vec<Command> = Command::ALL.into_iter().filter(|c| all_in(c.label().to_lowercase())).collect();
    let by_tooltip = Command::ALL.into_iter().filter(|c| !by_name.contains(c) && all_in(c.tooltip().to_lowercase()));
    let by_tooltip: Vec<Command> = by_tooltip.collect();
    by_name.extend(by_tooltip);
    by_name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_finds_commands_by_words() {
        assert_eq!(palette_matches("save as").first(), Some(&Command::SaveAs));
        assert!(palette_matches("undo").contains(&Command::Undo));
        assert_eq!(palette_matches("").len(), Command::ALL.len());
    }
}
