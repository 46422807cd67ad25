//! The eframe window. Touches files only on background jobs (`app/file_work.rs`), through
//! `store` (and `import`, which uses it).

mod actions;
pub mod app;
mod background;
mod claim_editor;
mod claim_links;
mod claim_list;
pub mod clock;
pub mod commands;
pub mod compare_view;
mod conflicts_view;
mod dialogs;
mod file_dialogs;
mod focus_cycle;
pub mod highlight;
pub mod labels_editor;
mod link_suggestions;
pub mod marks;
pub mod meta_editor;
mod panels;
mod provenance;
pub mod reader;
mod session;
pub mod settings;
pub mod sources;
pub mod startup_probe;
pub mod suggestions;
mod tab;
pub mod theme;
mod timeline;

pub use app::ClaimlensApp;
pub use clock::Clock;
pub use settings::Settings;

use std::path::PathBuf;

/// The bundled sample project, built into the binary: opened (as an untitled copy) when
/// claimlens starts with no file.
pub const SAMPLE_PROJECT: &str = include_str!("../../assets/sample.claimlens.ron");

/// The window icon.
fn icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/claimlens.png")).ok()
}

struct Shell {
    app: ClaimlensApp,
    /// Set by `--measure-startup`.
    probe: Option<startup_probe::StartupProbe>,
}

impl eframe::App for Shell {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if let Some(probe) = &mut self.probe {
            probe.frame_starts(ctx);
        }
        self.app.logic(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.ui(ui);
        if let Some(probe) = &mut self.probe {
            probe.frame_drawn(self.app.shows_article_text());
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        // A measuring run leaves the user's settings (window size, recent files) as they were.
        if self.probe.is_none() {
            eframe::set_value(storage, Settings::KEY, &self.app.settings);
        }
    }
}

/// Opens the window on `file` (a project or an article), or on the bundled sample. With
/// `measure_startup` (the launch time), it prints the start-up figures and closes once the text
/// is shown (see [`startup_probe`]).
pub fn run(file: Option<PathBuf>, measure_startup: Option<std::time::Instant>) -> anyhow::Result<()> {
    let options = native_options(measure_startup.is_none());
    eframe::run_native(
        "claimlens",
        options,
        Box::new(move |cc| {
            let mut probe = measure_startup.map(startup_probe::StartupProbe::new);
            if let Some(probe) = &mut probe {
                probe.app_created();
            }
            let settings = cc.storage.and_then(|s| eframe::get_value::<Settings>(s, Settings::KEY)).unwrap_or_default();
            let untitled = eframe::storage_dir("claimlens").map(|d| d.join("untitled.claimlens.ron"));
            let app = ClaimlensApp::start(settings, file.as_deref(), untitled);
            Ok(Box::new(Shell { app, probe }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

/// The window's options: its size, icon and renderer; `persist` keeps its size between runs.
fn native_options(persist: bool) -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_title("claimlens");
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    eframe::NativeOptions { viewport, persist_window: persist, renderer: eframe::Renderer::Glow, ..Default::default() }
}

/// `claimlens --measure-empty-window`: the same window (size, renderer, fonts) with one line of
/// text and nothing else, measured as `--measure-startup` measures claimlens, its figures named
/// `startup.empty_window.*`: what eframe and the OpenGL driver cost before claimlens adds anything.
pub fn run_empty_window(launched: std::time::Instant) -> anyhow::Result<()> {
    eframe::run_native(
        "claimlens",
        native_options(false),
        Box::new(move |_| {
            let mut probe = startup_probe::StartupProbe::named(launched, "startup.empty_window");
            probe.app_created();
            Ok(Box::new(EmptyWindow { probe }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

/// The window with one line of text, for [`run_empty_window`].
struct EmptyWindow {
    probe: startup_probe::StartupProbe,
}

impl eframe::App for EmptyWindow {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.probe.frame_starts(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| ui.label("An empty window: one line of text."));
        self.probe.frame_drawn(true);
    }
}
