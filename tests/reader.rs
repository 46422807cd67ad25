//! The article view on a long article, driven through a plain `egui::Context` (no AccessKit):
//! selection across paragraphs, scrolling to a far annotation, bounded caches.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use claimlens::anchor::CharRange;
use claimlens::model::Project;
use claimlens::ui::reader::{ReaderOutput, ReaderState, reader_ui};

struct Driver {
    ctx: egui::Context,
    state: ReaderState,
    project: Project,
    time: f64,
}

impl Driver {
    fn new() -> Self {
        // 3,000 different paragraphs (unique text, so egui's own caches cannot help).
        let text: Vec<String> = (0..3000)
            .map(|i| {
                format!("Paragraph {i} says that witness {} told reporters about event {} in town {}.", i * 7, i * 13, i % 97)
            })
            .collect();
        let project = claimlens::testdata::project_from_text(&text.join("\n"), 3000, 30);
        Self { ctx: egui::Context::default(), state: ReaderState::default(), project, time: 0.0 }
    }

    fn frame(&mut self, events: Vec<egui::Event>) -> Option<egui::Rect> {
        self.time += 1.0 / 60.0;
        let raw = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(900.0, 700.0))),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let mut rect = None;
        let Self { ctx, state, project, .. } = self;
        let mut output = ctx.run_ui(raw, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                let out: ReaderOutput = reader_ui(ui, project, &project.documents[0], state, 1.0, 1);
                rect = out.response.map(|r| r.rect);
            });
        });
        output.textures_delta.clear();
        rect
    }
}

fn pointer(pos: egui::Pos2, pressed: Option<bool>) -> Vec<egui::Event> {
    let mut events = vec![egui::Event::PointerMoved(pos)];
    if let Some(pressed) = pressed {
        events.push(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    events
}

#[test]
fn a_drag_selects_across_paragraphs() {
    let mut d = Driver::new();
    d.frame(Vec::new());
    let rect = d.frame(Vec::new()).expect("the article is shown");
    let a = rect.left_top() + egui::vec2(30.0, 10.0);
    // Four paragraphs further down (each is one or two rows of ~26 points).
    let b = rect.left_top() + egui::vec2(200.0, 10.0 + 26.0 * 6.0);
    d.frame(pointer(a, None));
    d.frame(pointer(a, Some(true)));
    d.frame(pointer(a + egui::vec2(20.0, 20.0), None));
    d.frame(pointer(b, None));
    d.frame(pointer(b, Some(false)));
    let sel = d.state.selection.expect("the drag selected text");
    let text = &d.project.documents[0].text;
    let selected = claimlens::anchor::slice_chars(text, sel);
    assert!(selected.matches('\n').count() >= 2, "the selection spans paragraphs: {selected:?}");
    assert!(sel.start < 5, "{sel:?}");
}

#[test]
fn scrolling_to_a_far_annotation_lays_out_only_what_is_in_view() {
    let mut d = Driver::new();
    d.frame(Vec::new());
    let target = d.project.documents[0].annotations[2900].ranges[0];
    d.state.scroll_to = Some(target);
    for _ in 0..8 {
        d.frame(Vec::new());
    }
    let top = d.state.top_paragraph().expect("a paragraph is at the top");
    let target_paragraph = d.project.documents[0].text[..].chars().take(target.start).filter(|&c| c == '\n').count();
    assert!(top <= target_paragraph && target_paragraph <= top + 30, "top {top}, target in {target_paragraph}");
    assert!(d.state.cached_galleys() < 80, "only paragraphs near the view are laid out: {}", d.state.cached_galleys());
    // A selection set from code (the keyboard sentence cursor) is taken as is.
    d.state.set_selection = Some(CharRange::new(target.start, target.start + 3));
    d.frame(Vec::new());
    assert_eq!(d.state.selection, Some(CharRange::new(target.start, target.start + 3)));
}
