//! Work the window hands to another thread (opening, saving, exporting, autosaving, native file
//! dialogs): one job type on a named thread, polled each frame, so that the window never waits
//! on a file.

use super::clock::Clock;
use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

/// Whether the window still wants a job's result; a job may look at it to stop early.
#[derive(Clone, Debug, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    /// Whether the job was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// What a poll of a job found.
#[derive(Debug)]
pub enum Poll<T> {
    /// The job finished with this.
    Done(T),
    /// Still running.
    Running,
    /// The thread ended without an answer (it panicked).
    Lost,
}

/// A piece of work running on its own named thread.
#[derive(Debug)]
pub struct Job<T> {
    what: String,
    started: Duration,
    rx: Receiver<T>,
    cancel: CancelFlag,
    /// A result [`Job::wait`] received, for the next poll.
    waited: RefCell<Option<T>>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a thread named `claimlens-{name}`; `what` says what it does ("Saving
    /// x.claimlens.ron"). The window is asked to repaint when the job is done.
    pub fn start(
        name: &str,
        what: String,
        clock: &Clock,
        ctx: Option<&egui::Context>,
        work: impl FnOnce(&CancelFlag) -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let (tx, rx) = channel();
        let cancel = CancelFlag::default();
        let flag = cancel.clone();
        let ctx = ctx.cloned();
        std::thread::Builder::new().name(format!("claimlens-{name}")).spawn(move || {
            let result = work(&flag);
            // The window may have dropped the job (cancelled, or closing): nobody to tell.
            let _ignored = tx.send(result);
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        })?;
        Ok(Self { what, started: clock.now(), rx, cancel, waited: RefCell::new(None) })
    }
}

impl<T> Job<T> {
    /// What the job does, for the status bar.
    pub fn what(&self) -> &str {
        &self.what
    }

    /// How long the job has been running.
    pub fn elapsed(&self, clock: &Clock) -> Duration {
        clock.now().saturating_sub(self.started)
    }

    /// The job's result, once it has one.
    pub fn poll(&self) -> Poll<T> {
        if let Some(result) = self.waited.borrow_mut().take() {
            return Poll::Done(result);
        }
        match self.rx.try_recv() {
            Ok(result) => Poll::Done(result),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }

    /// Blocks until the job has finished; the next [`Job::poll`] has its result. Only for
    /// harnesses that run frames faster than any disk (the window tests): the window never waits.
    pub fn wait(&self) {
        let mut waited = self.waited.borrow_mut();
        if waited.is_none()
            && let Ok(result) = self.rx.recv()
        {
            *waited = Some(result);
        }
    }

    /// Tells the job its result is no longer wanted; the caller drops it.
    pub fn cancel(self) {
        self.cancel.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait<T>(job: &Job<T>) -> Poll<T> {
        loop {
            match job.poll() {
                Poll::Running => std::thread::yield_now(),
                other => return other,
            }
        }
    }

    #[test]
    fn a_job_runs_on_a_named_thread_and_answers() {
        let clock = Clock::stepped();
        let job = Job::start("test", "Testing".into(), &clock, None, |_| std::thread::current().name().map(str::to_owned))
            .expect("a thread");
        assert_eq!(job.what(), "Testing");
        clock.advance(Duration::from_secs(3));
        assert_eq!(job.elapsed(&clock), Duration::from_secs(3));
        match wait(&job) {
            Poll::Done(name) => assert_eq!(name.as_deref(), Some("claimlens-test")),
            other => panic!("expected an answer, got {other:?}"),
        }
    }

    #[test]
    fn a_cancelled_job_sees_its_flag() {
        let clock = Clock::stepped();
        let (go_tx, go_rx) = channel::<()>();
        let (seen_tx, seen_rx) = channel();
        let job = Job::start("cancel", "Cancelling".into(), &clock, None, move |flag| {
            // Wait until cancelled, then report what the flag says.
            let _ignored = go_rx.recv();
            let _ignored = seen_tx.send(flag.is_cancelled());
        })
        .expect("a thread");
        job.cancel();
        go_tx.send(()).expect("the job waits");
        assert_eq!(seen_rx.recv().ok(), Some(true));
    }
}
