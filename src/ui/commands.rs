//! One command enum for menus, keyboard shortcuts and the command palette: label, shortcut
//! and tooltip in one place (as rerun's `UICommand`).

use egui::{Key, KeyboardShortcut, Modifiers};

/// Everything the user can ask the window to do that needs no argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    /// Start a new, empty project.
    New,
    /// Open a project file.
    Open,
    /// Import an article into the project.
    ImportArticle,
    /// Add W3C Web Annotations or Hypothesis annotations from a JSON file.
    ImportAnnotations,
    /// Replace the shown article's text with a newer version, moving the annotations.
    UpdateArticleText,
    /// Open a colleague's project beside this one to compare and settle differences.
    CompareWith,
    /// List what a merge left to settle.
    MergeConflicts,
    /// Offer back unsaved work autosaved before a crash (of a never-saved project, or of this file).
    Recover,
    /// Save the project.
    Save,
    /// Save the project under a new name.
    SaveAs,
    /// Export the claims.
    Export,
    /// Close the project.
    Close,
    /// Quit claimlens.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Show the find bar.
    Find,
    /// Go to the next find match.
    FindNext,
    /// Go to the previous find match.
    FindPrevious,
    /// Make the article text larger.
    ZoomIn,
    /// Make the article text smaller.
    ZoomOut,
    /// Reset the article text size.
    ZoomReset,
    /// Follow the system's light or dark theme.
    ThemeSystem,
    /// Light theme.
    ThemeLight,
    /// Dark theme.
    ThemeDark,
    /// Search all commands.
    CommandPalette,
    /// Select the next sentence.
    NextSentence,
    /// Select the previous sentence.
    PreviousSentence,
    /// Extend the selection by the next sentence.
    ExtendSentence,
    /// Move the selection's moving end one char right.
    SelectionEndRight,
    /// Move the selection's moving end one char left.
    SelectionEndLeft,
    /// Move the selection's moving end past the next word.
    SelectionEndNextWord,
    /// Move the selection's moving end to the start of the word before.
    SelectionEndPreviousWord,
    /// Move the selection's start one char left (its end stays).
    SelectionStartLeft,
    /// Move the selection's start one char right (its end stays).
    SelectionStartRight,
    /// Move the selection's start to the start of the word before.
    SelectionStartPreviousWord,
    /// Move the selection's start to the start of the next word.
    SelectionStartNextWord,
    /// Make a claim of the selected text.
    MakeClaim,
    /// Delete the selected annotation or claim.
    DeleteSelected,
    /// Clear the selection.
    ClearSelection,
    /// Show the keyboard reference.
    KeyboardHelp,
    /// Show the next document of the project.
    NextDocument,
    /// Show the previous document of the project.
    PreviousDocument,
    /// Remove the shown document from the project (undoable).
    RemoveDocument,
    /// Open the labels editor (rename, recolour, hotkey).
    EditLabels,
    /// Make a new document of what the clipboard holds.
    PasteAsNewArticle,
    /// Fetch an article from a web address.
    OpenWebPage,
    /// Fetch the shown article's address again (or take a newer saved page) and show what changed.
    CheckForChanges,
    /// Show the archived original of the shown article in the system browser.
    OpenOriginal,
    /// Edit the shown document's title, outlet, URL, author and publication date.
    EditDocumentDetails,
    /// The reviewer's name and organisation.
    Preferences,
    /// Show the provenance picture (docked under the article).
    ShowProvenance,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::COMMAND };
const ALT: Modifiers = Modifiers::ALT;
const ALT_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::ALT };
const CMD_ALT_SHIFT: Modifiers = Modifiers { shift: true, alt: true, ..Modifiers::COMMAND };

impl Command {
    /// Every command, in palette order.
    pub const ALL: [Self; 51] = [
        Self::New,
        Self::Open,
        Self::ImportArticle,
        Self::OpenWebPage,
        Self::PasteAsNewArticle,
        Self::ImportAnnotations,
        Self::UpdateArticleText,
        Self::CompareWith,
        Self::MergeConflicts,
        Self::Recover,
        Self::Save,
        Self::SaveAs,
        Self::Export,
        Self::Close,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::Find,
        Self::FindNext,
        Self::FindPrevious,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ZoomReset,
        Self::ThemeSystem,
        Self::ThemeLight,
        Self::ThemeDark,
        Self::CommandPalette,
        Self::NextSentence,
        Self::PreviousSentence,
        Self::ExtendSentence,
        Self::SelectionEndRight,
        Self::SelectionEndLeft,
        Self::SelectionEndNextWord,
        Self::SelectionEndPreviousWord,
        Self::SelectionStartLeft,
        Self::SelectionStartRight,
        Self::SelectionStartPreviousWord,
        Self::SelectionStartNextWord,
        Self::MakeClaim,
        Self::DeleteSelected,
        Self::ClearSelection,
        Self::KeyboardHelp,
        Self::NextDocument,
        Self::PreviousDocument,
        Self::RemoveDocument,
        Self::EditLabels,
        Self::CheckForChanges,
        Self::OpenOriginal,
        Self::EditDocumentDetails,
        Self::Preferences,
        Self::ShowProvenance,
    ];

    /// The name in menus and the palette.
    pub const fn label(self) -> &'static str {
        match self {
            Self::New => "New Project",
            Self::Open => "Open…",
            Self::ImportArticle => "Import Article…",
            Self::ImportAnnotations => "Import Annotations…",
            Self::UpdateArticleText => "Update Article Text…",
            Self::CompareWith => "Compare With…",
            Self::MergeConflicts => "Merge Conflicts…",
            Self::Recover => "Recover…",
            Self::Save => "Save",
            Self::SaveAs => "Save As…",
            Self::Export => "Export…",
            Self::Close => "Close Project",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Find => "Find…",
            Self::FindNext => "Find Next",
            Self::FindPrevious => "Find Previous",
            Self::ZoomIn => "Zoom In",
            Self::ZoomOut => "Zoom Out",
            Self::ZoomReset => "Actual Size",
            Self::ThemeSystem => "Follow System Theme",
            Self::ThemeLight => "Light Theme",
            Self::ThemeDark => "Dark Theme",
            Self::CommandPalette => "Command Palette…",
            Self::NextSentence => "Select Next Sentence",
            Self::PreviousSentence => "Select Previous Sentence",
            Self::ExtendSentence => "Extend Selection by a Sentence",
            Self::SelectionEndRight => "Selection End Right",
            Self::SelectionEndLeft => "Selection End Left",
            Self::SelectionEndNextWord => "Selection End to Next Word",
            Self::SelectionEndPreviousWord => "Selection End to Previous Word",
            Self::SelectionStartLeft => "Selection Start Left",
            Self::SelectionStartRight => "Selection Start Right",
            Self::SelectionStartPreviousWord => "Selection Start to Previous Word",
            Self::SelectionStartNextWord => "Selection Start to Next Word",
            Self::MakeClaim => "Make Claim from Selection",
            Self::DeleteSelected => "Delete Selected",
            Self::ClearSelection => "Clear Selection",
            Self::KeyboardHelp => "Keyboard Shortcuts",
            Self::NextDocument => "Next Document",
            Self::PreviousDocument => "Previous Document",
            Self::RemoveDocument => "Remove Document",
            Self::EditLabels => "Labels…",
            Self::PasteAsNewArticle => "Paste as New Article",
            Self::OpenWebPage => "Open Web Page…",
            Self::CheckForChanges => "Check for Changes",
            Self::OpenOriginal => "Open Original",
            Self::EditDocumentDetails => "Edit Document Details…",
            Self::Preferences => "Preferences…",
            Self::ShowProvenance => "Provenance Picture",
        }
    }

    /// What the command does, as a tooltip.
    pub const fn tooltip(self) -> &'static str {
        match self {
            Self::New => "Start a new, empty project",
            Self::Open => "Open a claimlens project file (.claimlens.ron)",
            Self::ImportArticle => "Add an article (.txt, .md, or brat .txt with its .ann) to the project",
            Self::ImportAnnotations => {
                "Add W3C Web Annotations or Hypothesis annotations (JSON) to the project; those that cannot be placed are listed"
            }
            Self::UpdateArticleText => "Replace the article with a newer version of its text; annotations move with it",
            Self::MergeConflicts => "List the items a merge kept in two versions, and keep ours or theirs of each",
            Self::CompareWith => {
                "Open a colleague's project of the same articles: see how far you agree and settle each difference"
            }
            Self::Recover => "Offer back unsaved work autosaved before claimlens was closed unexpectedly",
            Self::Save => "Save the project (the previous version is kept as .bak)",
            Self::SaveAs => "Save the project to a new file",
            Self::Export => "Export the claims as CSV, Markdown, W3C Web Annotation, ClaimReview or brat",
            Self::Close => "Close the project",
            Self::Quit => "Quit claimlens",
            Self::Undo => "Undo the last change",
            Self::Redo => "Redo the last undone change",
            Self::Find => "Find text in the article",
            Self::FindNext => "Go to the next match",
            Self::FindPrevious => "Go to the previous match",
            Self::ZoomIn => "Make the article text larger",
            Self::ZoomOut => "Make the article text smaller",
            Self::ZoomReset => "Reset the article text size",
            Self::ThemeSystem => "Use the light or dark theme as the system does",
            Self::ThemeLight => "Dark text on a light page",
            Self::ThemeDark => "Light text on a dark page",
            Self::CommandPalette => "Search and run any command",
            Self::NextSentence => "Move the sentence cursor to the next sentence",
            Self::PreviousSentence => "Move the sentence cursor to the previous sentence",
            Self::ExtendSentence => "Extend the selection to the end of the next sentence",
            Self::SelectionEndRight => "Move the selection's moving end one character right (the other end stays)",
            Self::SelectionEndLeft => "Move the selection's moving end one character left (the other end stays)",
            Self::SelectionEndNextWord => "Move the selection's moving end past the next word",
            Self::SelectionEndPreviousWord => "Move the selection's moving end to the start of the word before",
            Self::SelectionStartLeft => "Move the selection's start one character left (its end stays)",
            Self::SelectionStartRight => "Move the selection's start one character right (its end stays)",
            Self::SelectionStartPreviousWord => "Move the selection's start to the start of the word before",
            Self::SelectionStartNextWord => "Move the selection's start to the start of the next word",
            Self::MakeClaim => "Label the selection as a claim and open the claim editor",
            Self::DeleteSelected => "Delete the selected annotation or claim",
            Self::ClearSelection => "Clear the text selection and close popups",
            Self::KeyboardHelp => "List every keyboard shortcut",
            Self::NextDocument => "Show the next document of the project",
            Self::PreviousDocument => "Show the previous document of the project",
            Self::RemoveDocument => "Remove the shown document with its annotations and claims (undoable)",
            Self::EditLabels => "Rename labels, change their colours and hotkeys",
            Self::PasteAsNewArticle => "Make a new document of the clipboard: a copied web page's article, else its text",
            Self::OpenWebPage => "Fetch an article from its web address; its page is archived beside the project",
            Self::CheckForChanges => "Fetch the article again (or take a newer saved page) and show what changed since",
            Self::OpenOriginal => "Show the archived original page of the article in the system browser",
            Self::EditDocumentDetails => "Edit the document's title, outlet, URL, author and publication date",
            Self::Preferences => "Your name and organisation, recorded on annotations and ClaimReviews",
            Self::ShowProvenance => "Show through whom each claim came, as boxes and arrows, earliest on the left",
        }
    }

    /// The keyboard shortcut, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let k = |modifiers, key| Some(KeyboardShortcut::new(modifiers, key));
        match self {
            Self::New => k(CMD, Key::N),
            Self::Open => k(CMD, Key::O),
            Self::ImportArticle => k(CMD, Key::I),
            Self::Save => k(CMD, Key::S),
            Self::SaveAs => k(CMD_SHIFT, Key::S),
            Self::Export => k(CMD, Key::E),
            Self::Close => k(CMD, Key::W),
            Self::Quit => k(CMD, Key::Q),
            Self::Undo => k(CMD, Key::Z),
            Self::Redo => k(CMD_SHIFT, Key::Z),
            Self::Find => k(CMD, Key::F),
            Self::FindNext => k(Modifiers::NONE, Key::F3),
            Self::FindPrevious => k(Modifiers::SHIFT, Key::F3),
            Self::ZoomIn => k(CMD, Key::Plus),
            Self::ZoomOut => k(CMD, Key::Minus),
            Self::ZoomReset => k(CMD, Key::Num0),
            Self::CommandPalette => k(CMD_SHIFT, Key::P),
            Self::NextSentence => k(ALT, Key::ArrowDown),
            Self::PreviousSentence => k(ALT, Key::ArrowUp),
            Self::ExtendSentence => k(ALT_SHIFT, Key::ArrowDown),
            Self::SelectionEndRight => k(Modifiers::SHIFT, Key::ArrowRight),
            Self::SelectionEndLeft => k(Modifiers::SHIFT, Key::ArrowLeft),
            Self::SelectionEndNextWord => k(CMD_SHIFT, Key::ArrowRight),
            Self::SelectionEndPreviousWord => k(CMD_SHIFT, Key::ArrowLeft),
            Self::SelectionStartLeft => k(ALT_SHIFT, Key::ArrowLeft),
            Self::SelectionStartRight => k(ALT_SHIFT, Key::ArrowRight),
            Self::SelectionStartPreviousWord => k(CMD_ALT_SHIFT, Key::ArrowLeft),
            Self::SelectionStartNextWord => k(CMD_ALT_SHIFT, Key::ArrowRight),
            Self::MakeClaim => k(CMD, Key::Enter),
            Self::DeleteSelected => k(Modifiers::NONE, Key::Delete),
            Self::ClearSelection => k(Modifiers::NONE, Key::Escape),
            Self::KeyboardHelp => k(Modifiers::NONE, Key::F1),
            Self::NextDocument => k(CMD, Key::PageDown),
            Self::PreviousDocument => k(CMD, Key::PageUp),
            Self::PasteAsNewArticle => k(CMD_SHIFT, Key::V),
            Self::OpenWebPage
            | Self::CheckForChanges
            | Self::OpenOriginal
            | Self::ThemeSystem
            | Self::ThemeLight
            | Self::ThemeDark
            | Self::UpdateArticleText
            | Self::CompareWith
            | Self::MergeConflicts
            | Self::ImportAnnotations
            | Self::RemoveDocument
            | Self::EditLabels
            | Self::EditDocumentDetails
            | Self::Preferences
            | Self::ShowProvenance
            | Self::Recover => None,
        }
    }

    /// Other shortcuts that also run the command (Ctrl+Y for redo, Ctrl+= for zoom in).
    pub fn alternative_shortcuts(self) -> &'static [KeyboardShortcut] {
        const REDO_Y: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::Y)];
        const ZOOM_EQ: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::Equals)];
        match self {
            Self::Redo => &REDO_Y,
            Self::ZoomIn => &ZOOM_EQ,
            _ => &[],
        }
    }

    /// Whether the shortcut may fire while the user types in a text field.
    pub const fn works_while_typing(self) -> bool {
        matches!(
            self,
            Self::New
                | Self::Open
                | Self::ImportArticle
                | Self::Save
                | Self::SaveAs
                | Self::Export
                | Self::Close
                | Self::Quit
                | Self::Find
                | Self::FindNext
                | Self::FindPrevious
                | Self::ZoomIn
                | Self::ZoomOut
                | Self::ZoomReset
                | Self::CommandPalette
                | Self::ClearSelection
                | Self::KeyboardHelp
        )
    }
}
