//! Short, random, stable identifiers.
//!
//! Ids are 10 characters from a 32-letter alphabet (50 bits), generated at random so that
//! two people annotating the same article never collide when their files are merged.

use serde::{Deserialize, Serialize};
use std::fmt;

const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
const LEN: usize = 10;

fn random_id(prefix: char) -> String {
    let mut s = String::with_capacity(LEN + 2);
    s.push(prefix);
    s.push('-');
    for _ in 0..LEN {
        let i = fastrand::usize(..ALPHABET.len());
        s.push(char::from(ALPHABET.get(i).copied().unwrap_or(b'a')));
    }
    s
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// A new random id.
            pub fn random() -> Self {
                Self(random_id($prefix))
            }
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

id_type!(
    /// Identifies a document within a project.
    DocumentId,
    'd'
);
id_type!(
    /// Identifies an annotation within a document.
    AnnotationId,
    'a'
);
id_type!(
    /// Identifies a claim within a document.
    ClaimId,
    'c'
);
id_type!(
    /// Identifies a source in the project's registry.
    SourceId,
    's'
);
id_type!(
    /// Identifies a relation (brat R, E or `*` line) within a document.
    RelationId,
    'r'
);

id_type!(
    /// Identifies a link from a claim to a claim or span of another document.
    LinkId,
    'l'
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_short_prefixed_and_distinct() {
        let a = AnnotationId::random();
        let b = AnnotationId::random();
        assert_ne!(a, b);
        assert!(a.as_str().starts_with("a-"));
        assert_eq!(a.as_str().chars().count(), 12);
    }
}
