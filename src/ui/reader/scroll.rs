//! Paragraph heights, measured or estimated, and their tops: what scrolling and showing only
//! the paragraphs in view rest on.

use super::layout::Paragraphs;
use crate::ui::theme;

// ----- heights -----

/// Paragraph heights at one wrap width and zoom: measured, or estimated from the chars per row
/// seen so far. `tops` are their prefix sums.
#[derive(Debug, Default)]
pub(super) struct Geometry {
    pub(super) key: (u32, u32),
    pub(super) row_height: f32,
    pub(super) heights: Vec<f32>,
    pub(super) measured: Vec<bool>,
    pub(super) tops: Vec<f32>,
    pub(super) dirty: bool,
    pub(super) chars_per_row: f32,
    pub(super) sum_chars: f64,
    pub(super) sum_rows: f64,
}

impl Geometry {
    pub(super) fn reset(&mut self, paragraphs: &Paragraphs, width: f32, zoom: f32, size: f32) {
        let old_width = f32::from_bits(self.key.0);
        self.chars_per_row = if self.chars_per_row > 0.0 && old_width > 0.0 && self.row_height > 0.0 {
            self.chars_per_row * width / old_width
        } else {
            width / (0.47 * size)
        };
        self.key = (width.to_bits(), zoom.to_bits());
        self.row_height = size * theme::LINE_SPACING;
        self.measured = vec![false; paragraphs.len()];
        self.heights = vec![0.0; paragraphs.len()];
        self.sum_chars = 0.0;
        self.sum_rows = 0.0;
        self.estimate_all(paragraphs);
    }

    pub(super) fn estimate(&self, chars: usize) -> f32 {
        let rows = (chars as f32 / self.chars_per_row.max(1.0)).ceil().max(1.0);
        rows * self.row_height
    }

    pub(super) fn estimate_all(&mut self, paragraphs: &Paragraphs) {
        for p in 0..paragraphs.len() {
            if !self.measured.get(p).copied().unwrap_or(true) {
                let h = self.estimate(paragraphs.chars(p));
                if let Some(slot) = self.heights.get_mut(p) {
                    *slot = h;
                }
            }
        }
        self.dirty = true;
    }

    /// Records a measured height; returns whether it changed anything.
    pub(super) fn measure(&mut self, p: usize, height: f32, chars: usize, rows: usize) -> bool {
        let was = self.measured.get(p).copied().unwrap_or(true);
        if !was {
            if let Some(m) = self.measured.get_mut(p) {
                *m = true;
            }
            if rows >= 2 {
                self.sum_chars += chars as f64;
                self.sum_rows += rows as f64 - 0.5;
            }
        }
        match self.heights.get_mut(p) {
            Some(h) if (*h - height).abs() > 0.01 => {
                *h = height;
                self.dirty = true;
                true
            }
            _ => false,
        }
    }

    /// Re-estimates the unmeasured paragraphs when the chars-per-row figure moved.
    pub(super) fn calibrate(&mut self, paragraphs: &Paragraphs) {
        if self.sum_rows < 8.0 {
            return;
        }
        let cpr = (self.sum_chars / self.sum_rows) as f32;
        if (cpr - self.chars_per_row).abs() > self.chars_per_row * 0.02 {
            self.chars_per_row = cpr;
            self.estimate_all(paragraphs);
        }
    }

    pub(super) fn update_tops(&mut self) {
        if !self.dirty && self.tops.len() == self.heights.len() + 1 {
            return;
        }
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = 0.0;
        self.tops.push(0.0);
        for h in &self.heights {
            y += h;
            self.tops.push(y);
        }
        self.dirty = false;
    }

    pub(super) fn top(&self, p: usize) -> f32 {
        self.tops.get(p).copied().unwrap_or(0.0)
    }

    pub(super) fn total(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// The paragraph at text y (clamped to the paragraphs).
    pub(super) fn at(&self, y: f32) -> usize {
        self.tops.partition_point(|&t| t <= y).saturating_sub(1).min(self.heights.len().saturating_sub(1))
    }
}
