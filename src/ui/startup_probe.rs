//! `claimlens --measure-startup [FILE]`: opens the window, waits for the first frame that shows
//! the document's text, prints how long that took from launch and the resident memory once the
//! window is idle, then closes. `benches/startup.rs` runs it.

use crate::ui::background::{Job, Poll};
use crate::ui::clock::Clock;
use std::time::{Duration, Instant};

/// How long the window stays idle before its memory is read.
const IDLE: Duration = Duration::from_millis(500);

/// The measuring state, stepped by the window's frames.
pub struct StartupProbe {
    launched: Instant,
    /// When the renderer was ready and the app was created.
    ready_ms: Option<f64>,
    /// Whether the last frame drew the article's text (shown once that frame is painted).
    text_drawn: bool,
    first_frame_ms: Option<f64>,
    shown_at: Option<Instant>,
    done: bool,
    /// Reading the memory figures (a file read, so on a job like the window's other file work).
    memory: Option<Job<(Option<f64>, Option<f64>)>>,
    /// Frames started so far (each is traced on stderr with its start time).
    frames: u32,
    /// What the printed figures' names start with (`startup`).
    prefix: &'static str,
}

impl StartupProbe {
    /// A probe counting from `launched` (the start of `main`).
    pub fn new(launched: Instant) -> Self {
        Self::named(launched, "startup")
    }

    /// A probe whose figures are named `PREFIX.first_frame_ms` and so on.
    pub fn named(launched: Instant, prefix: &'static str) -> Self {
        Self {
            launched,
            ready_ms: None,
            text_drawn: false,
            first_frame_ms: None,
            shown_at: None,
            done: false,
            memory: None,
            frames: 0,
            prefix,
        }
    }

    /// The window's renderer is set up and the app is being created.
    pub fn app_created(&mut self) {
        self.ready_ms = Some(self.elapsed_ms());
    }

    /// At the start of a frame: the previous frame has been painted.
    pub fn frame_starts(&mut self, ctx: &egui::Context) {
        if self.done {
            return;
        }
        self.frames += 1;
        eprintln!(
            "{}: frame {} starts at {:.1} ms, text drawn before: {}",
            self.prefix,
            self.frames,
            self.elapsed_ms(),
            self.text_drawn
        );
        if self.text_drawn && self.first_frame_ms.is_none() {
            self.first_frame_ms = Some(self.elapsed_ms());
            self.shown_at = Some(Instant::now());
        }
        if let Some(job) = &self.memory {
            match job.poll() {
                Poll::Running => {}
                Poll::Done((rss, driver)) => self.finish(ctx, rss, driver),
                Poll::Lost => self.finish(ctx, None, None),
            }
            return;
        }
        match self.shown_at {
            Some(at) if at.elapsed() >= IDLE => {
                match Job::start("memory", "Reading memory figures".into(), &Clock::real(), Some(ctx), |_| {
                    crate::ui::app::file_work::memory_figures()
                }) {
                    Ok(job) => self.memory = Some(job),
                    Err(_) => self.finish(ctx, None, None),
                }
            }
            Some(at) => ctx.request_repaint_after(IDLE.saturating_sub(at.elapsed())),
            None => ctx.request_repaint(),
        }
    }

    /// Prints the figures and closes the window.
    fn finish(&mut self, ctx: &egui::Context, rss: Option<f64>, driver: Option<f64>) {
        self.done = true;
        let prefix = self.prefix;
        println!("{prefix}.first_frame_ms {:.1} ms", self.first_frame_ms.unwrap_or_default());
        if let Some(ready) = self.ready_ms {
            println!("{prefix}.renderer_ready_ms {ready:.1} ms");
        }
        match rss {
            Some(mb) => println!("{prefix}.rss_mb {mb:.1} MB"),
            None => println!("{prefix}.rss_mb unknown (no /proc/self/statm)"),
        }
        if let Some(mb) = driver {
            println!("{prefix}.gl_driver_mb {mb:.1} MB");
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// At the end of a frame: whether it drew the document's text.
    pub fn frame_drawn(&mut self, shows_text: bool) {
        self.text_drawn |= shows_text;
    }

    fn elapsed_ms(&self) -> f64 {
        self.launched.elapsed().as_secs_f64() * 1000.0
    }
}
