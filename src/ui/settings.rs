//! What the window remembers between runs (eframe storage): zoom, theme, recent files, and who
//! the reviewer is (name and organisation).
//! Documents never live here; they live in project files.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// How many recent files are remembered.
const MAX_RECENT: usize = 10;

/// Light, dark, or as the system.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// Persisted settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Article text scale.
    pub zoom: f32,
    /// Theme.
    pub theme: ThemeChoice,
    /// Recently opened project files, newest first.
    pub recent: Vec<PathBuf>,
    /// Whether to try the system's file dialogs (else an in-app path field).
    pub native_dialogs: bool,
    /// The reviewer's name: recorded as the author of new annotations and of `ClaimReview`s.
    pub author: String,
    /// The organisation the reviewer works for (the `ClaimReview` author's affiliation).
    pub organisation: String,
    /// Whether the side panel is hidden (View menu, F9).
    pub side_panel_hidden: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            theme: ThemeChoice::System,
            recent: Vec::new(),
            native_dialogs: true,
            author: std::env::var("USER").unwrap_or_default(),
            organisation: String::new(),
            side_panel_hidden: false,
        }
    }
}

impl Settings {
    /// The key in eframe storage.
    pub const KEY: &'static str = "claimlens.settings";

    /// Puts `path` (its links resolved, on the job that opened or saved it) first in the recent list.
    pub fn remember(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// Who exports `ClaimReview`s: the reviewer named in Preferences.
    pub fn reviewer(&self) -> crate::formats::Reviewer {
        crate::formats::Reviewer::named(&self.author, &self.organisation)
    }

    /// Zoom within sensible bounds.
    pub fn set_zoom(&mut self, zoom: f32) {
        self.zoom = (zoom * 10.0).round().clamp(6.0, 30.0) / 10.0;
    }
}
