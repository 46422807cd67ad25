//! The window's clock: autosave delays and job timings read it, never `Instant::now()`
//! directly, so tests step time instead of sleeping. It keeps running while the window is
//! hidden (unlike egui's input time, which stands still then).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Time since the clock started.
#[derive(Clone, Debug)]
pub struct Clock(Source);

#[derive(Clone, Debug)]
enum Source {
    /// The real, monotonic time.
    Real(Instant),
    /// Time that moves only when told to (nanoseconds), shared by the clones.
    Stepped(Arc<AtomicU64>),
}

impl Default for Clock {
    fn default() -> Self {
        Self::real()
    }
}

impl Clock {
    /// The real time.
    pub fn real() -> Self {
        Self(Source::Real(Instant::now()))
    }

    /// A clock standing at zero that moves only by [`Self::advance`] (for tests).
    pub fn stepped() -> Self {
        Self(Source::Stepped(Arc::default()))
    }

    /// Time since the clock started.
    pub fn now(&self) -> Duration {
        match &self.0 {
            Source::Real(start) => start.elapsed(),
            Source::Stepped(nanos) => Duration::from_nanos(nanos.load(Ordering::Relaxed)),
        }
    }

    /// Moves a stepped clock (and its clones) forward; the real clock moves by itself and
    /// ignores this.
    pub fn advance(&self, by: Duration) {
        if let Source::Stepped(nanos) = &self.0 {
            let by = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
            nanos.fetch_add(by, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stepped_clock_moves_only_when_told_and_its_clones_follow() {
        let clock = Clock::stepped();
        let copy = clock.clone();
        assert_eq!(clock.now(), Duration::ZERO);
        copy.advance(Duration::from_millis(2500));
        assert_eq!(clock.now(), Duration::from_millis(2500));
    }
}
