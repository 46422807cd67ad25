//! Behaviour of the suggester on small texts, and a fuzz run.

use super::*;

fn t(text: &str, s: Span) -> String {
    text.chars().skip(s.start).take(s.len()).collect()
}

/// The attribution whose cue text is `cue` (first one).
fn find<'a>(text: &str, s: &'a Suggestions, cue: &str) -> &'a Attribution {
    s.attributions.iter().find(|a| t(text, a.cue).contains(cue)).unwrap_or_else(|| panic!("no cue {cue:?} in {s:#?}"))
}

fn content(text: &str, a: &Attribution) -> String {
    a.content.iter().map(|c| t(text, *c)).collect::<Vec<_>>().join(" | ")
}

#[test]
fn indirect_speech() {
    let text = "The senator said that the bill would pass next week.";
    let s = suggest(text);
    let a = find(text, &s, "said");
    assert_eq!(a.source.map(|x| t(text, x)).as_deref(), Some("The senator"));
    assert!(content(text, a).contains("the bill would pass"));
}

#[test]
fn direct_quote_sentence_final_cue() {
    let text = "\u{201c}We will not back down,\u{201d} Smith said.";
    let s = suggest(text);
    let a = find(text, &s, "said");
    assert_eq!(a.source.map(|x| t(text, x)).as_deref(), Some("Smith"));
    assert!(content(text, a).contains("We will not back down"));
}

#[test]
fn split_quote() {
    let text = "\"The economy is strong,\" he said. \"But we must do more.\"\n\nThe mayor said he agreed.";
    let s = suggest(text);
    let a = find(text, &s, "said");
    assert!(content(text, a).contains("The economy is strong"), "{}", content(text, a));
    assert_eq!(a.source.map(|x| t(text, x)).as_deref(), Some("he"));
}

#[test]
fn according_to() {
    let text = "Turnout rose by ten percent, according to the election commission.";
    let s = suggest(text);
    let a = find(text, &s, "according to");
    assert!(a.source.is_some_and(|x| t(text, x).contains("election commission")));
    assert!(content(text, a).contains("Turnout rose"));
}

#[test]
fn quoted_words_begin_the_content_not_the_cue() {
    // The reference article's sixth claim: the tagger reads `are also "deeply concerned" about` as
    // one cue run; no cue of PolNeAR train holds a quotation mark.
    let text = "The ministers called on the DPRK to stop. They are also \"deeply concerned\" about the potential for any transfer of nuclear weapons to North Korea.";
    let s = suggest(text);
    let a = s.attributions.iter().find(|a| content(text, a).contains("transfer")).expect("the concern is attributed");
    assert!(!t(text, a.cue).contains('"'), "cue {:?}", t(text, a.cue));
    assert!(
        content(text, a).starts_with("\"deeply concerned\" about") || content(text, a).starts_with("deeply concerned\" about"),
        "{}",
        content(text, a)
    );
    // Unit: a cue run reaching a quotation ends before it; the content goes on from it.
    let toks = tokenize(&text.chars().collect::<Vec<_>>());
    let quote = toks.iter().position(|x| x.kind == Kind::OpenQuote).expect("a quotation");
    let (cue_b, cue_i, content_b, content_i) =
        (model_tag(TAG_CUE, true), model_tag(TAG_CUE, false), model_tag(TAG_CONTENT, true), model_tag(TAG_CONTENT, false));
    let mut tags = vec![TAG_O; toks.len()];
    tags[quote - 2] = cue_b;
    for tag in &mut tags[quote - 1..quote + 5] {
        *tag = cue_i;
    }
    tags[quote + 5] = content_b;
    let out = grouping::quotations_out_of_cues(&toks, &tags);
    assert_eq!(
        &out[quote - 2..quote + 7],
        &[cue_b, cue_i, content_b, content_i, content_i, content_i, content_i, content_i, TAG_O]
    );
}

#[test]
fn a_clause_opener_is_no_part_of_a_sources_name() {
    // The new user's "When Patrick" (the Connecticut Post's AP story).
    let toks = tokenize(&"When Patrick walked in, he said so.".chars().collect::<Vec<_>>());
    assert_eq!(grouping::source_words(&toks, 0, 2), (1, 2));
    assert_eq!(grouping::source_words(&toks, 1, 2), (1, 2), "a name alone stays");
    let toks = tokenize(&"When".chars().collect::<Vec<_>>());
    assert_eq!(grouping::source_words(&toks, 0, 1), (0, 1), "never empty");
}

#[test]
fn noun_cue_statement() {
    let text = "Several thousand troops have been deployed in Russia, the statement said.";
    let s = suggest(text);
    let a = find(text, &s, "said");
    assert_eq!(a.source.map(|x| t(text, x)).as_deref(), Some("the statement"));
    assert!(content(text, a).contains("Several thousand troops"));
}

#[test]
fn colon_quote_next_paragraph() {
    let text = "Trump responded by using the example of Chicago.\n\nHe said:\n\n\"We have a situation where our inner cities are suffering.\"";
    let s = suggest(text);
    let a = find(text, &s, "said");
    assert!(content(text, a).contains("We have a situation"), "{}", content(text, a));
}

#[test]
fn pronoun_resolution() {
    let text = "Pentagon spokesman Pat Ryder said that troops were deployed. He said that more would follow.";
    let s = suggest(text);
    let second = s.attributions.iter().filter(|a| t(text, a.cue) == "said").nth(1).expect("second said");
    assert_eq!(second.source.map(|x| t(text, x)).as_deref(), Some("He"));
    assert_eq!(second.source_name.as_deref(), Some("Pentagon spokesman Pat Ryder"));
}

#[test]
fn citation_chains() {
    let text = "The army has withdrawn from the town, Censor.NET reports citing Ukrinform.";
    let s = suggest(text);
    assert!(s.citations.iter().any(|c| c.citing == "Censor.NET" && c.cited == "Ukrinform"), "{:?}", s.citations);
    let text = "Prices will rise, according to Reuters, citing the central bank.";
    let s = suggest(text);
    assert!(s.citations.iter().any(|c| c.citing == "Reuters" && c.cited == "the central bank"), "{:?}", s.citations);
    // The statement is a document of its own, which its publisher relays and which relays the
    // ministers.
    let text = "The ministers said they were concerned in a statement published on the Foreign Ministry's website.";
    let s = suggest(text);
    let statement = "Statement on the Foreign Ministry's website";
    assert!(s.citations.iter().any(|c| c.citing == "the Foreign Ministry" && c.cited == statement), "{:?}", s.citations);
    assert!(s.citations.iter().any(|c| c.citing == statement && c.cited == "The ministers"), "{:?}", s.citations);
}

/// "Censor.NET reports citing Ukrinform": both names and both words are marked, so the chain
/// shows in the text.
#[test]
fn a_citation_says_where_its_names_and_words_are() {
    let text = "The army has withdrawn from the town, Censor.NET reports citing Ukrinform.";
    let s = suggest(text);
    let c = s.citations.iter().find(|c| c.cited == "Ukrinform").expect("the citation");
    let shown = |span: Option<Span>| span.map(|x| t(text, x));
    assert_eq!(shown(c.citing_span).as_deref(), Some("Censor.NET"));
    assert_eq!(shown(c.verb).as_deref(), Some("reports"));
    assert_eq!(t(text, c.cue), "citing");
    assert_eq!(shown(c.cited_span).as_deref(), Some("Ukrinform"));
}

/// Each way issue 15 lists of stating a citation gives a link between sources and no claim made
/// of the citation itself.
#[test]
fn citation_statements_are_links_never_claims() {
    let cases = [
        ("The army has withdrawn from the town, Censor.NET reports with reference to Ukrinform.", "Censor.NET", "Ukrinform"),
        ("The army has withdrawn from the town, Censor.NET reports, citing Ukrinform.", "Censor.NET", "Ukrinform"),
        ("Prices will rise, according to Reuters, citing the central bank.", "Reuters", "the central bank"),
        (
            "The ministers said in a statement published on the Japanese Foreign Ministry's website that they were concerned.",
            "Statement on the Japanese Foreign Ministry's website",
            "The ministers",
        ),
        (
            "The ministers were concerned.\n\nThis is stated in a statement by the ministers published on the website of the Japanese Foreign Ministry, Censor.NET reports citing Ukrinform.",
            "Statement on the website of the Japanese Foreign Ministry",
            "the ministers",
        ),
        (
            "The ministers were concerned.\n\nThis is stated in a statement by the ministers published on the website of the Japanese Foreign Ministry, Censor.NET reports citing Ukrinform.",
            "Ukrinform",
            "Statement on the website of the Japanese Foreign Ministry",
        ),
    ];
    for (text, citing, cited) in cases {
        let s = suggest(text);
        assert!(s.citations.iter().any(|c| c.citing == citing && c.cited == cited), "{text}: {:?}", s.citations);
        for a in &s.attributions {
            let content: String = a.content.iter().map(|c| t(text, *c)).collect();
            assert!(!content.contains("Ukrinform") && !content.contains("website"), "{text}: {content}");
            assert!(!t(text, a.cue).contains("citing") && !t(text, a.cue).contains("reference"), "{text}: {}", t(text, a.cue));
        }
    }
    // "This is stated in ..." makes no claim at all.
    let text = "The ministers were concerned.\n\nThis is stated in a statement by the ministers published on the website of the Japanese Foreign Ministry.";
    let s = suggest(text);
    let second = text.find("This").map_or(0, |b| text[..b].chars().count());
    assert!(s.attributions.iter().all(|a| a.cue.start < second), "{:?}", s.attributions);
}

#[test]
fn offsets_are_chars_and_brat_round_trips() {
    let text = "Zelenskyy \u{2013} \u{fc}ber alles \u{2014} said that the front held.";
    let s = suggest(text);
    let a = find(text, &s, "said");
    assert_eq!(t(text, a.cue), "said");
    let ann = to_brat(text, &s);
    assert!(ann.contains("\tCue "), "{ann}");
    let back = from_brat(text, &ann);
    assert_eq!(back.len(), s.attributions.len());
    assert_eq!(back.iter().map(|a| a.cue).collect::<Vec<_>>(), s.attributions.iter().map(|a| a.cue).collect::<Vec<_>>());
}

#[test]
fn brat_format() {
    let text = "We won, he said.";
    let s = Suggestions {
        attributions: vec![Attribution {
            source: Some(Span { start: 8, end: 10 }),
            source_name: None,
            cue: Span { start: 11, end: 15 },
            content: vec![Span { start: 0, end: 6 }],
            confidence: 0.9,
        }],
        citations: vec![],
    };
    assert_eq!(
        to_brat(text, &s),
        "T1\tSource 8 10\the\nT2\tCue 11 15\tsaid\nT3\tContent 0 6\tWe won\nT4\tAttribution 11 15\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    );
}

const REFERENCE: &str = include_str!("../../../assets/g7-dprk-troops-censor-net.txt");

#[test]
fn reference_article() {
    use crate::analysis::dates::{DateValue, find_dates, nearest_date};
    use chrono::NaiveDate;
    let text = REFERENCE.strip_prefix(" date 2024-11-05 ").unwrap();
    assert!(text.starts_with("The foreign ministers"));
    let published = NaiveDate::from_ymd_opt(2024, 11, 5);
    let s = suggest(text);
    let src = |a: &Attribution| a.source.map(|x| t(text, x)).unwrap_or_default();
    // The ministers' statement.
    let first = find(text, &s, "said");
    assert!(src(first).starts_with("The foreign ministers of the Group of Seven"));
    assert!(content(text, first).contains("seriously concerned"));
    let stmt = s.attributions.iter().find(|a| src(a) == "the statement").expect("the statement said");
    assert!(content(text, stmt).contains("Several thousand DPRK troops"));
    // Published on the Japanese Foreign Ministry website, reported by Censor.NET citing Ukrinform.
    assert!(s.citations.iter().any(|c| c.citing == "Censor.NET" && c.cited == "Ukrinform"), "{:?}", s.citations);
    assert!(
        s.citations.iter().any(|c| c.citing.contains("Japanese Foreign Ministry") && c.cited.starts_with("Statement on")),
        "{:?}",
        s.citations
    );
    assert!(
        s.citations.iter().any(|c| c.citing.starts_with("Statement on") && c.cited.contains("ministers")),
        "{:?}",
        s.citations
    );
    // Rutte.
    let rutte = find(text, &s, "confirmed");
    assert_eq!(src(rutte), "NATO Secretary General Mark Rutte");
    assert!(content(text, rutte).contains("North Korean soldiers"));
    // Zelenskyy, with the dates.
    let dates = find_dates(text, published);
    let z = s.attributions.iter().find(|a| src(a).contains("Zelenskyy")).expect("Zelenskyy");
    assert!(content(text, z).contains("first North Korean military would be used"), "{}", content(text, z));
    assert_eq!(
        nearest_date(&dates, z.cue, text).map(|d| d.value),
        Some(DateValue::Day(NaiveDate::from_ymd_opt(2024, 10, 25).unwrap()))
    );
    let zc = z.content.iter().copied().reduce(Span::cover).unwrap();
    assert_eq!(
        nearest_date(&dates, zc, text).map(|d| d.value),
        Some(DateValue::Range(NaiveDate::from_ymd_opt(2024, 10, 27).unwrap(), NaiveDate::from_ymd_opt(2024, 10, 28).unwrap()))
    );
    // The Pentagon's figure and Pat Ryder.
    let pentagon = s.attributions.iter().find(|a| content(text, a).contains("about 10,000")).expect("10,000");
    assert!(src(pentagon).contains("Pentagon"));
    assert_eq!(
        nearest_date(&dates, pentagon.cue, text).map(|d| d.value),
        Some(DateValue::Day(NaiveDate::from_ymd_opt(2024, 10, 28).unwrap()))
    );
    let ryder = s.attributions.iter().find(|a| src(a) == "Pentagon spokesman Pat Ryder").expect("Ryder");
    assert!(content(text, ryder).contains("several thousand North Korean soldiers"));
}

#[test]
fn fuzz_no_panics() {
    const PIECES: &[&str] = &[
        "said",
        " ",
        "\n",
        "\n\n",
        "\"",
        "\u{201c}",
        "\u{201d}",
        "'",
        "\u{2019}s",
        ",",
        ".",
        ":",
        "according to",
        "He",
        "the statement",
        "citing",
        "published on the website of",
        "Mr.",
        "U.S.",
        "October 27-28",
        "December 30",
        "yesterday",
        "last week",
        "on Monday",
        "2024-11-05",
        "\u{1f600}",
        "\u{0301}",
        "\u{5f53}",
        "x",
        "A",
        "9",
        "-",
        "\u{2014}",
        "\t",
        "\r",
        "who",
        "'s website",
        "in 2014",
    ];
    let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let published = chrono::NaiveDate::from_ymd_opt(2025, 1, 2);
    for _ in 0..3000 {
        let n = (next() % 40) as usize;
        let mut s = String::new();
        for _ in 0..n {
            if next() % 5 == 0 {
                let b = (next() % 0x2FFF) as u32;
                s.push(char::from_u32(b).unwrap_or('?'));
            } else {
                s.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
        }
        let sug = suggest(&s);
        let ann = to_brat(&s, &sug);
        let _ = from_brat(&s, &ann);
        let len = s.chars().count();
        for a in &sug.attributions {
            assert!(a.cue.end <= len && a.content.iter().all(|c| c.end <= len));
        }
        let dates = crate::analysis::dates::find_dates(&s, published);
        for d in &dates {
            assert!(d.span.end <= len);
        }
        let _ = crate::analysis::dates::nearest_date(&dates, Span { start: len / 3, end: len / 2 }, &s);
    }
    // Random bytes, lossily decoded.
    for _ in 0..2000 {
        let bytes: Vec<u8> = (0..(next() % 200)).map(|_| next() as u8).collect();
        let s = String::from_utf8_lossy(&bytes);
        let _ = to_brat(&s, &suggest(&s));
        let _ = crate::analysis::dates::find_dates(&s, published);
        let _ = from_brat(&s, &s);
    }
}
