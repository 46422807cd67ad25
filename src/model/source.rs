//! Sources: who makes and relays claims, shared by every document of a project.

use super::SourceId;
use serde::{Deserialize, Serialize};

/// What kind of source a registry entry is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SourceKind {
    /// A publication: Censor.NET.
    Outlet,
    /// A news agency: Ukrinform.
    NewsAgency,
    /// A government body: the Pentagon, a foreign ministry.
    GovernmentBody,
    /// An official speaking for a body: a spokesman, a minister.
    Official,
    /// A person.
    #[default]
    Person,
    /// An organisation: NATO, G7.
    Organization,
    /// A document: a statement, a report.
    Document,
    /// Unnamed or other: "intelligence", "officials", "sources familiar with the matter" (version 4).
    Unnamed,
}

impl SourceKind {
    /// All kinds, in menu order.
    pub const ALL: [Self; 8] = [
        Self::Outlet,
        Self::NewsAgency,
        Self::GovernmentBody,
        Self::Official,
        Self::Person,
        Self::Organization,
        Self::Document,
        Self::Unnamed,
    ];

    /// Human label.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Outlet => "Outlet",
            Self::NewsAgency => "News agency",
            Self::GovernmentBody => "Government body",
            Self::Official => "Official",
            Self::Person => "Person",
            Self::Organization => "Organization",
            Self::Document => "Document",
            Self::Unnamed => "Unnamed / other",
        }
    }
}

/// Someone or something that makes or relays claims.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Stable id.
    pub id: SourceId,
    /// Display name.
    pub name: String,
    /// What kind of source.
    #[serde(default)]
    pub kind: SourceKind,
    /// Where it can be found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Sources this one cites or relays (no cycles).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<SourceId>,
    /// Other names it goes by in the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The body this person or official speaks for ("Pentagon spokesman Pat Ryder" speaks for
    /// the Pentagon; version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaks_for: Option<SourceId>,
}

impl Source {
    /// A new source with a random id.
    pub fn new(name: impl Into<String>, kind: SourceKind) -> Self {
        Self {
            id: SourceId::random(),
            name: name.into(),
            kind,
            url: None,
            cites: Vec::new(),
            aliases: Vec::new(),
            note: String::new(),
            speaks_for: None,
        }
    }
}
