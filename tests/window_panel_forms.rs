//! The side panel's forms from the keyboard and the document details: the claim editor walked
//! with Tab, Space and Enter alone; the document details editor reached from the title and the
//! palette; the reviewer's preferences. Driven by labels and keys (`egui_kittest`, headless),
//! and checked in the saved and exported files.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests read their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

#[path = "common/window.rs"]
mod window_harness;

use claimlens::model::Verdict;
use claimlens::store;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use window_harness::*;

#[test]
fn a_claim_is_made_from_the_keyboard_alone_with_cue_source_chain_verdict_and_date() {
    let path = sample_copy("keyboard-claim");
    let mut h = harness(app_on(&path));
    let claims = doc(&h).claims.len();
    let project = &h.state().session.project;
    let source = project.sources[0].name.clone();
    let relay = project.sources[1].name.clone();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    h.get_by_label("New claim");
    // The nearest cue of the sample is listed first after "(none)".
    let cue_text = {
        let d = doc(&h);
        let p = &h.state().session.project;
        let mut cues: Vec<_> = d.annotations.iter().filter(|a| p.plays(a, claimlens::model::LabelRole::Cue)).collect();
        cues.sort_by_key(|a| a.start());
        cues[0].quote.exact.clone()
    };
    assert_eq!(focused(&h), "Cue", "the keyboard starts in the editor's first field");
    choose(&mut h, "Cue", &claimlens::formats::text::shorten(&cue_text, 40));
    press(&mut h, Key::Tab);
    tab_to(&mut h, "Add source…", 3);
    choose(&mut h, "Add source…", &source);
    press(&mut h, Key::Tab);
    tab_to(&mut h, "Add to chain…", 3);
    choose(&mut h, "Add to chain…", &relay);
    // In order: the new source field, its button, the Links row, then the verdict.
    press(&mut h, Key::Tab);
    assert_eq!(focused(&h), "New source…");
    press(&mut h, Key::Tab);
    assert_eq!(focused(&h), "Add new source to chain");
    press(&mut h, Key::Tab);
    assert_eq!(focused(&h), "Link to claim in another document…");
    press(&mut h, Key::Tab);
    choose(&mut h, "Verdict", "Disputed");
    press(&mut h, Key::Tab);
    assert_eq!(focused(&h), "Event date");
    h.get_by_label("Event date").type_text("2024-10-28");
    h.run();
    // When it was said, beside what it is about.
    press(&mut h, Key::Tab);
    assert_eq!(focused(&h), "Said on");
    h.get_by_label("Said on").type_text("2024-10-25");
    h.run();
    // Tab goes round inside the editor, never out to the panels behind it.
    for _ in 0..30 {
        press(&mut h, Key::Tab);
        assert!(h.state().view.claim_draft.is_some());
        assert!(!focused(&h).is_empty(), "the keyboard stays in the editor");
    }
    tab_to(&mut h, "Event date", 30);
    press(&mut h, Key::Enter);
    assert!(h.state().view.claim_draft.is_none(), "Enter saved: {}", h.state().status);
    let d = doc(&h);
    assert_eq!(d.claims.len(), claims + 1);
    let claim = d.claims.last().unwrap();
    let p = &h.state().session.project;
    assert_eq!(d.annotation(claim.cue.as_ref().unwrap()).unwrap().quote.exact, cue_text);
    assert_eq!(claim.attributed_to, [p.source_named(&source).unwrap().id.clone()]);
    assert_eq!(claim.via, [p.source_named(&relay).unwrap().id.clone()]);
    assert_eq!(claim.verdict, Verdict::Disputed);
    assert_eq!(claim.event_date.map(|e| e.to_string()).as_deref(), Some("2024-10-28"));
    assert_eq!(claim.said_on.map(|e| e.to_string()).as_deref(), Some("2024-10-25"));
    // Saved, the file says both days; the CSV export has them in their columns.
    let id = claim.id.clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = store::load(&path).unwrap().project;
    let claim = saved.documents[0].claim(&id).unwrap();
    assert_eq!((claim.event_date, claim.said_on).0.map(|e| e.to_string()).as_deref(), Some("2024-10-28"));
    assert_eq!(claim.said_on.map(|e| e.to_string()).as_deref(), Some("2024-10-25"));
    let csv = claimlens::formats::export::csv::export_csv(&saved).unwrap();
    let row = csv.lines().find(|l| l.contains(id.as_str())).unwrap();
    assert!(row.contains(",2024-10-28,2024-10-25,"), "{row}");
}

/// The source editor of the Sources tab: a new source registered as an official who speaks
/// for the Pentagon, and another as unnamed ("officials"), saved to the file as chosen and
/// shown in the list.
#[test]
fn a_source_is_registered_speaking_for_a_body_and_another_as_unnamed() {
    let path = sample_copy("speaks-for");
    let mut h = harness(app_on(&path));
    h.get_by_label("Sources").click();
    h.run();
    let add = |h: &mut Harness<'_, claimlens::ui::ClaimlensApp>, name: &str, kind: &str, body: Option<&str>| {
        h.get_by_label("New source").click();
        h.run();
        retype(h, "Name", name);
        // A list opens with Space on it; Tab reaches its entries, Space chooses one.
        let pick = |h: &mut Harness<'_, claimlens::ui::ClaimlensApp>, list: &str, entry: &str| {
            h.get_by_label(list).focus();
            h.run();
            press(h, Key::Space);
            tab_to(h, entry, 40);
            press(h, Key::Space);
        };
        pick(h, "Kind", kind);
        if let Some(body) = body {
            pick(h, "Speaks for", body);
        }
        h.get_by_label("Add source").click();
        h.run();
    };
    add(&mut h, "Sabrina Singh", "Official", Some("Pentagon"));
    add(&mut h, "some officials", "Unnamed / other", None);
    // The list says it (Ryder's line, and Singh's).
    assert_eq!(h.get_all_by_label("Speaks for: Pentagon").count(), 2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = store::load(&path).unwrap().project;
    let source = |name: &str| saved.sources.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("{name} saved"));
    let pentagon = source("Pentagon").id.clone();
    let singh = source("Sabrina Singh");
    assert_eq!((singh.kind, singh.speaks_for.as_ref()), (claimlens::model::SourceKind::Official, Some(&pentagon)));
    let officials = source("some officials");
    assert_eq!((officials.kind, officials.speaks_for.as_ref()), (claimlens::model::SourceKind::Unnamed, None));
}

/// The article's title above the text (it opens the document's details).
fn title_of_article<'h>(h: &'h Harness<'_, claimlens::ui::ClaimlensApp>, title: &str) -> egui_kittest::Node<'h> {
    let title = title.to_owned();
    h.get_by(move |n| {
        n.value().as_deref() == Some(title.as_str()) && n.description().as_deref() == Some("Edit document details…")
    })
}

/// Replaces the text of the field called `label` with `text`.
fn retype(h: &mut Harness<'_, claimlens::ui::ClaimlensApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Exports `format` (by its label in the Export dialog) to the default path; returns the text.
fn export_from_window(h: &mut Harness<'_, claimlens::ui::ClaimlensApp>, format: &str, file: &std::path::Path) -> String {
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label(format).click();
    h.run();
    h.get_all_by_label("Export").last().unwrap().click();
    h.run();
    std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}; status {}", file.display(), h.state().status))
}

#[test]
fn document_details_are_edited_from_the_title_as_one_undo_step_and_saved() {
    let path = sample_copy("details");
    let mut h = harness(app_on(&path));
    let before = doc(&h).meta();
    title_of_article(&h, &before.title).click();
    h.run();
    h.get_by_label("Document details");
    assert!(h.get_by_label("Title").is_focused(), "the keyboard starts in the title");
    retype(&mut h, "Title", "G7 ministers concerned over DPRK troops");
    retype(&mut h, "Outlet", "Censor.NET");
    retype(&mut h, "URL", "https://censor.net/en/news/3519178");
    retype(&mut h, "Author", "Censor.NET newsroom");
    retype(&mut h, "Published", "5 November 2024");
    h.get_by_label("Save details").click();
    h.run();
    assert!(h.query_by_label("Document details").is_none(), "saved and closed");
    let after = doc(&h).meta();
    assert_eq!(after.title, "G7 ministers concerned over DPRK troops");
    assert_eq!(after.url.as_deref(), Some("https://censor.net/en/news/3519178"));
    assert_eq!(after.author.as_deref(), Some("Censor.NET newsroom"));
    assert_eq!(after.published, chrono::NaiveDate::from_ymd_opt(2024, 11, 5));
    assert_eq!(h.state().session.history.undo_description(), Some("Edit document details"));
    // The title above the article says it too.
    h.get_by_label("G7 ministers concerned over DPRK troops");
    // Saved, the file says what was typed.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = store::load(&path).unwrap().project;
    assert_eq!(saved.documents[0].meta(), after);
    // One undo puts every field back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(doc(&h).meta(), before);
    // The palette reaches the same editor; a bad date is refused with a message, Esc cancels.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.get_by_label("Command").type_text("edit document details");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Document details");
    retype(&mut h, "Published", "next tuesday");
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Document details");
    assert_eq!(doc(&h).meta(), before, "nothing saved from a refused date");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Document details").is_none());
    assert_eq!(doc(&h).meta(), before);
}

#[test]
fn the_reviewer_in_preferences_signs_annotations_and_claimreviews_on_the_articles_url() {
    let path = sample_copy("reviewer");
    let mut h = harness(app_on(&path));
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Preferences…").click();
    h.run();
    retype(&mut h, "Your name", "Olena Kovalenko");
    retype(&mut h, "Organisation", "StopFake");
    h.get_by_label("Save preferences").click();
    h.run();
    assert_eq!(h.state().settings.author, "Olena Kovalenko");
    label_next_sentence(&mut h, Key::Num4);
    assert_eq!(doc(&h).annotations.last().unwrap().author, "Olena Kovalenko", "new annotations carry the reviewer");
    // The article's address, typed in its details.
    let title = doc(&h).title.clone();
    title_of_article(&h, &title).click();
    h.run();
    retype(&mut h, "URL", "https://censor.net/en/news/3519178");
    h.key_press(Key::Enter);
    h.run();
    let json = export_from_window(&mut h, "schema.org ClaimReview (JSON-LD)", &path.with_file_name("sample.json"));
    let reviews: serde_json::Value = serde_json::from_str(&json).unwrap();
    let reviews = reviews.as_array().unwrap();
    assert!(!reviews.is_empty());
    for review in reviews {
        assert_eq!(review["author"]["@type"], "Person");
        assert_eq!(review["author"]["name"], "Olena Kovalenko");
        assert_eq!(review["author"]["affiliation"]["name"], "StopFake");
        let url = review["url"].as_str().unwrap();
        assert!(url.starts_with("https://censor.net/en/news/3519178#"), "{url}");
        assert_eq!(review["itemReviewed"]["appearance"]["url"], "https://censor.net/en/news/3519178");
    }
}

#[test]
fn the_markdown_report_from_the_window_has_the_title_notes_tags_url_and_outlet() {
    let path = sample_copy("markdown");
    let mut h = harness(app_on(&path));
    label_next_sentence(&mut h, Key::Num4);
    retype(&mut h, "Note", "Check against the ministry's own text");
    retype(&mut h, "Tags", "g7, needs-source");
    h.key_press(Key::Enter);
    h.run();
    let md = export_from_window(&mut h, "Markdown report", &path.with_file_name("sample.md"));
    let project = &h.state().session.project;
    assert!(md.starts_with(&format!("# {}\n", claimlens::formats::export::markdown::escape(&project.title))), "{md:.200}");
    assert!(md.contains("Check against the ministry's own text"), "the note is in the report");
    assert!(md.contains("g7, needs\\-source") || md.contains("g7, needs-source"), "the tags are in the report");
    assert!(md.contains("- Outlet: Censor.NET"));
}

#[test]
fn saving_with_changes_moves_the_projects_modified_time_and_saving_without_does_not() {
    let path = sample_copy("modified");
    let on_disk = || store::load(&path).unwrap().project.modified;
    let first = on_disk();
    let mut h = harness(app_on(&path));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(on_disk(), first, "nothing changed: the time stays");
    label_next_sentence(&mut h, Key::Num4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let second = on_disk();
    assert!(second > first, "saved with a change: {first} → {second}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(on_disk(), second);
}

#[test]
fn the_selected_annotation_panel_follows_the_claim_being_edited_and_esc() {
    let path = sample_copy("inspector-follows");
    let mut h = harness(app_on(&path));
    // A selected claim whose next sentence is no claim yet (Alt+Down goes on from the
    // selected annotation to the next sentence, where the new claim is made).
    let first = {
        let d = doc(&h);
        let sentences = claimlens::text::sentences(&d.text);
        let is_claim = |r: &claimlens::anchor::CharRange| {
            d.claims
                .iter()
                .any(|c| c.content.iter().any(|id| d.annotation(id).is_some_and(|a| a.ranges.iter().any(|x| x.overlaps(r)))))
        };
        d.claims
            .iter()
            .rev()
            .find(|c| {
                let end = d.annotation(&c.content[0]).map_or(0, claimlens::model::Annotation::end);
                sentences.iter().find(|s| s.start >= end).is_some_and(|next| !is_claim(next))
            })
            .expect("a claim followed by a sentence that is no claim")
            .clone()
    };
    let a = doc(&h).annotation(&first.content[0]).unwrap().quote.exact.clone();
    let shown = |h: &Harness<'_, claimlens::ui::ClaimlensApp>, quote: &str| {
        let label = claimlens::formats::text::shorten(quote, 200);
        // The panels' text, not the article's own paragraphs (in view or not as it scrolls).
        h.query_all_by_label_contains(&label).filter(|n| n.accesskit_node().role() != egui::accesskit::Role::Paragraph).count()
    };
    // As clicking its highlight does.
    h.state_mut().view.reader.selected = Some(first.content[0].clone());
    h.run();
    let with_inspector = shown(&h, &a);
    assert!(with_inspector >= 1, "the inspector shows the selected claim's text");
    // A new claim on the next sentence: the panel shows its text, not the old selection.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    h.get_by_label("New claim");
    h.run();
    h.get_by_label_contains("not saved yet");
    assert!(shown(&h, &a) < with_inspector, "the old selection is no longer shown");
    // Esc cancels: nothing stale is left in the panel.
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label_contains("not saved yet").is_none());
    assert!(shown(&h, &a) < with_inspector, "still not the old selection after Esc");
    assert!(h.query_by_label("Note").is_none(), "no annotation's note is offered");
    // Saved, the panel shows the new claim's text with its note field.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    h.get_by_label("Save claim").click();
    // The Claims list scrolls to the new claim: step, do not wait.
    h.run_steps(8);
    let made = doc(&h).claims.last().unwrap().clone();
    let quote = doc(&h).annotation(&made.content[0]).unwrap().quote.exact.clone();
    assert!(shown(&h, &quote) >= 1, "the new claim's text is shown");
    assert_eq!(h.state().view.reader.selected.as_ref(), Some(&made.content[0]));
    h.get_by_label("Note");
}

/// The Export dialog opens with the keyboard on the chosen format; ↓ chooses the next one and
/// `Enter` exports it (a new user needed a `Tab` first, and ↓ did nothing).
#[test]
fn the_export_dialog_is_kept_from_the_keyboard() {
    let path = sample_copy("export-keys");
    let mut h = harness(app_on(&path));
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert_eq!(focused(&h), "CSV (spreadsheet)", "the keyboard starts on the chosen format");
    press(&mut h, Key::ArrowDown);
    assert_eq!(focused(&h), "Markdown report", "↓ chooses the next format and the keyboard follows");
    press(&mut h, Key::Enter);
    let written = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .unwrap_or_else(|| panic!("no Markdown report beside {}; status {}", path.display(), h.state().status));
    assert!(std::fs::read_to_string(written).unwrap().starts_with('#'));
}
