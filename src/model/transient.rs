//! What a document keeps beside its data for speed, never part of it: not saved, never makes
//! two documents differ, and a copy starts afresh (its lists and text are other values, which
//! go their own way).

use std::ops::{Deref, DerefMut};

/// `T` kept beside a document's data ([`super::Document::journal`], `text_index`,
/// `annotation_ids`).
#[derive(Default)]
pub struct Transient<T>(T);

impl<T: Default> Clone for Transient<T> {
    /// A fresh `T`: the copy's data changes apart from the original's.
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl<T> PartialEq for Transient<T> {
    /// Never makes two documents differ.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> std::fmt::Debug for Transient<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Transient<{}>", std::any::type_name::<T>())
    }
}

impl<T> Deref for Transient<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for Transient<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}
