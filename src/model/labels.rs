//! The project's label schema: names, colours, hotkeys and the role each label plays.
//!
//! Behaviour (claims, the suggester, importers and exports) asks a label's [`LabelRole`], never
//! its display name, so renaming "Claim" to "Assertion" keeps every claim a claim.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An sRGB colour, stored in project files as `"#rrggbb"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rrggbb` (the `#` is optional).
    pub fn parse(s: &str) -> Option<Self> {
        let hex = s.strip_prefix('#').unwrap_or(s);
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok());
        Some(Self(byte(0)?, byte(2)?, byte(4)?))
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

impl Serialize for Rgb {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a colour: {s:?} (expected \"#rrggbb\")")))
    }
}

/// One label of the schema.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelDef {
    /// The label's name, as annotations refer to it ("Claim", "Source", ...).
    pub name: String,
    /// Highlight colour.
    pub color: Rgb,
    /// Hotkey 1-9, if any.
    #[serde(default)]
    pub hotkey: Option<u8>,
    /// What the label is for, shown as a tooltip.
    #[serde(default)]
    pub description: String,
    /// The role the label plays, if any (`None`: a plain label). Files written before roles
    /// existed get them from the default names on load ([`derive_roles`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<LabelRole>,
}

/// What a label is for: the behaviour that hangs on it, whatever the label is called.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LabelRole {
    /// The attributed content of a claim.
    Claim,
    /// Who made a claim.
    Source,
    /// The reporting words: "said", "according to", "citing".
    Cue,
    /// A named entity.
    Entity,
    /// A date expression (the timeline reads these).
    Date,
    /// A number or quantity.
    Number,
    /// A direct quotation.
    Quote,
}

impl LabelRole {
    /// Every role, in the order of the default schema.
    pub const ALL: [Self; 7] = [Self::Claim, Self::Source, Self::Cue, Self::Entity, Self::Date, Self::Number, Self::Quote];

    /// The name the default schema gives the label of this role.
    pub const fn default_name(self) -> &'static str {
        match self {
            Self::Claim => names::CLAIM,
            Self::Source => names::SOURCE,
            Self::Cue => names::CUE,
            Self::Entity => names::ENTITY,
            Self::Date => names::DATE,
            Self::Number => names::NUMBER,
            Self::Quote => names::QUOTE,
        }
    }

    /// The role whose default label is called `name`, exactly.
    pub fn from_default_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.default_name() == name)
    }
}

/// Gives roles to a schema written before labels had them: when no label has a role, each
/// label named like a default label ("Claim", "Source", ...) plays that label's role. A schema
/// where any label has a role is left as it is.
pub fn derive_roles(labels: &mut [LabelDef]) {
    if labels.iter().any(|l| l.role.is_some()) {
        return;
    }
    for l in labels.iter_mut() {
        l.role = LabelRole::from_default_name(&l.name);
    }
}

/// The default schema's label names. Only for building the default schema and for reading
/// files written before roles: behaviour asks [`LabelRole`], never these names.
pub mod names {
    /// The attributed content of a claim.
    pub const CLAIM: &str = "Claim";
    /// Who made a claim.
    pub const SOURCE: &str = "Source";
    /// The reporting words: "said", "according to", "citing".
    pub const CUE: &str = "Cue";
    /// A named entity.
    pub const ENTITY: &str = "Entity";
    /// A date expression.
    pub const DATE: &str = "Date";
    /// A number or quantity.
    pub const NUMBER: &str = "Number";
    /// A direct quotation.
    pub const QUOTE: &str = "Quote";
}

/// The default label schema: Claim, Source, Cue, Entity, Date, Number, Quote on hotkeys 1-7.
///
/// The colours are a colour-blind-friendly set (Okabe-Ito based) that stay distinct as
/// light backgrounds.
pub fn default_labels() -> Vec<LabelDef> {
    LabelRole::ALL.iter().map(|&role| default_label(role)).collect()
}

/// The default schema's label for `role`: its name, colour, hotkey and description.
pub fn default_label(role: LabelRole) -> LabelDef {
    let (color, hotkey, description) = match role {
        LabelRole::Claim => (Rgb(0xe6, 0x9f, 0x00), 1, "What is claimed: the content of an attribution"),
        LabelRole::Source => (Rgb(0x56, 0xb4, 0xe9), 2, "Who made the claim"),
        LabelRole::Cue => (Rgb(0xcc, 0x79, 0xa7), 3, "Reporting words: said, according to, citing"),
        LabelRole::Entity => (Rgb(0x00, 0x9e, 0x73), 4, "A person, organisation or place"),
        LabelRole::Date => (Rgb(0xd5, 0x5e, 0x00), 5, "A date or time expression"),
        LabelRole::Number => (Rgb(0x00, 0x72, 0xb2), 6, "A number or quantity"),
        LabelRole::Quote => (Rgb(0x99, 0x99, 0x33), 7, "A direct quotation"),
    };
    LabelDef {
        name: role.default_name().to_owned(),
        color,
        hotkey: Some(hotkey),
        description: description.to_owned(),
        role: Some(role),
    }
}

/// A colour for a label that an import brought in, chosen from its name so it is stable.
pub fn color_for_new_label(name: &str) -> Rgb {
    const PALETTE: [Rgb; 8] = [
        Rgb(0x88, 0x66, 0xcc),
        Rgb(0x44, 0xaa, 0x99),
        Rgb(0xdd, 0xcc, 0x77),
        Rgb(0xcc, 0x66, 0x77),
        Rgb(0x11, 0x77, 0x33),
        Rgb(0x88, 0x22, 0x55),
        Rgb(0x33, 0x22, 0x88),
        Rgb(0xaa, 0x44, 0x99),
    ];
    let sum = name.bytes().fold(0usize, |acc, b| acc.wrapping_mul(31).wrapping_add(usize::from(b)));
    PALETTE.get(sum % PALETTE.len()).copied().unwrap_or(Rgb(0x88, 0x88, 0x88))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_round_trip_as_hex() {
        let c = Rgb(0xe6, 0x9f, 0x00);
        assert_eq!(c.to_string(), "#e69f00");
        assert_eq!(Rgb::parse("#e69f00"), Some(c));
        assert_eq!(Rgb::parse("e69f0"), None);
        assert_eq!(Rgb::parse("#zz9f00"), None);
    }

    #[test]
    fn default_hotkeys_are_unique() {
        let labels = default_labels();
        let mut keys: Vec<_> = labels.iter().filter_map(|l| l.hotkey).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), labels.len());
    }

    #[test]
    fn every_default_label_plays_its_own_role() {
        for (label, role) in default_labels().iter().zip(LabelRole::ALL) {
            assert_eq!(label.role, Some(role), "{}", label.name);
            assert_eq!(LabelRole::from_default_name(&label.name), Some(role));
        }
    }

    #[test]
    fn a_schema_without_roles_gets_them_from_the_default_names() {
        let mut old: Vec<LabelDef> = default_labels().into_iter().map(|l| LabelDef { role: None, ..l }).collect();
        old.push(LabelDef { name: "Rumour".into(), role: None, ..default_label(LabelRole::Quote) });
        derive_roles(&mut old);
        let roles: Vec<Option<LabelRole>> = old.iter().map(|l| l.role).collect();
        let mut want: Vec<Option<LabelRole>> = LabelRole::ALL.iter().copied().map(Some).collect();
        want.push(None);
        assert_eq!(roles, want, "a label with another name stays plain");
        // A schema that has roles keeps them: a label renamed "Assertion" stays the claim label.
        let mut renamed = default_labels();
        if let Some(claim) = renamed.first_mut() {
            claim.name = "Assertion".into();
        }
        let before = renamed.clone();
        derive_roles(&mut renamed);
        assert_eq!(renamed, before);
    }
}
