//! The bundled sample project, `assets/sample.claimlens.ron`: a hand-written annotation of the
//! reference article (Censor.NET on the G7 statement about North Korean troops in Russia).
//!
//! The spec below is the source of truth. The project is built from it only through `Edit`s,
//! with fixed ids and timestamps, so the output is deterministic:
//!
//! ```text
//! UPDATE_SAMPLE=1 cargo test --test sample     # rewrites assets/sample.claimlens.ron
//! cargo test --test sample                     # checks the committed file equals the spec
//! ```

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use chrono::{DateTime, NaiveDate, Utc};
use claimlens::anchor::{CharRange, Quote, TextIndex, exact_of};
use claimlens::edit::{Edit, check_project};
use claimlens::formats::text::import_text;
use claimlens::model::labels::names;
use claimlens::model::{
    Annotation, AnnotationId, Claim, ClaimId, DocumentId, DocumentMeta, EventDate, Project, Source, SourceId, SourceKind, Verdict,
};
use claimlens::store::{self, Overwrite};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const ARTICLE: &str = "assets/g7-dprk-troops-censor-net.txt";
const SAMPLE: &str = "assets/sample.claimlens.ron";
const DOC_ID: &str = "d-g7-dprk-censor";
const AUTHOR: &str = "claimlens sample";

fn asset(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// 2024-11-05 09:00 UTC plus `secs` seconds: every timestamp of the sample.
fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_730_797_200 + secs, 0).expect("a valid timestamp")
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a valid date")
}

// ---------------------------------------------------------------------------------------------
// The spec
// ---------------------------------------------------------------------------------------------

/// Where a span is: the `nth` (1-based) occurrence of `context` in the text, and inside it the
/// first occurrence of `sub` (the whole context when `sub` is empty).
#[derive(Clone, Copy)]
struct Find {
    context: &'static str,
    nth: usize,
    sub: &'static str,
}

/// The whole phrase, first occurrence.
const fn p(phrase: &'static str) -> Find {
    Find { context: phrase, nth: 1, sub: "" }
}

/// `sub` inside the first occurrence of `context`.
const fn within(context: &'static str, sub: &'static str) -> Find {
    Find { context, nth: 1, sub }
}

struct SpanSpec {
    id: &'static str,
    label: &'static str,
    at: Find,
    attributes: &'static [(&'static str, &'static str)],
    note: &'static str,
}

const fn span(id: &'static str, label: &'static str, at: Find) -> SpanSpec {
    SpanSpec { id, label, at, attributes: &[], note: "" }
}

const CLAIM: &str = names::CLAIM;
const SOURCE: &str = names::SOURCE;
const CUE: &str = names::CUE;
const ENTITY: &str = names::ENTITY;
const DATE: &str = names::DATE;
const NUMBER: &str = names::NUMBER;
const QUOTE: &str = names::QUOTE;

/// Every annotation of the sample, in reading order.
const SPANS: &[SpanSpec] = &[
    // The foreign ministers ... said they were seriously concerned ... and were working on a joint response ...
    span("a-src-ministers", SOURCE, p("The foreign ministers of the Group of Seven countries and three key allies of the group")),
    span("a-cue-said", CUE, within("of the group said they", "said")),
    span("a-claim-concern", CLAIM, p("they were seriously concerned about the deployment of North Korean troops in Russia")),
    span("a-claim-joint-response", CLAIM, p("were working on a joint response to such developments")),
    // This is stated in a statement by the ministers published on the website of the Japanese
    // Foreign Ministry, Censor.NET reports citing Ukrinform: a citation, never a claim. The
    // statement, its publisher, the outlet and the agency are Source spans, the words that say
    // who relays whom Cue spans; the registry and the claims' chains hold the links.
    SpanSpec {
        id: "a-src-statement-by",
        label: SOURCE,
        at: p("a statement by the ministers"),
        attributes: &[],
        note: "The joint statement: where the ministers' words were stated.",
    },
    span("a-cue-published-on", CUE, p("published on")),
    span("a-src-mofa", SOURCE, p("Japanese Foreign Ministry")),
    span("a-src-censor", SOURCE, p("Censor.NET")),
    SpanSpec {
        id: "a-cue-reports",
        label: CUE,
        at: within("Censor.NET reports citing", "reports"),
        attributes: &[],
        note: "The outlet's own reporting cue: Censor.NET is the first link of every claim's chain.",
    },
    span("a-cue-citing", CUE, within("reports citing Ukrinform", "citing")),
    span("a-src-ukrinform", SOURCE, within("citing Ukrinform", "Ukrinform")),
    // ... the statement was also signed by South Korea, Australia and New Zealand.
    span("a-ent-south-korea", ENTITY, p("South Korea")),
    span("a-ent-australia", ENTITY, p("Australia")),
    span("a-ent-new-zealand", ENTITY, p("New Zealand")),
    // Officials of these countries stated that they expressed "serious concern ..."
    span("a-src-officials", SOURCE, p("Officials of these countries")),
    span("a-cue-officials-stated", CUE, within("countries stated that", "stated")),
    span(
        "a-claim-serious-concern",
        CLAIM,
        p("they expressed \"serious concern over the deployment of DPRK troops in the Russian Federation, which could be \
           used on the battlefield against Ukraine.\""),
    ),
    span("a-ent-russian-federation", ENTITY, within("DPRK troops in the Russian Federation, which", "the Russian Federation")),
    // "Several thousand DPRK troops have been deployed in Russia. The DPRK's direct support ...," the statement said.
    span(
        "a-quote-statement",
        QUOTE,
        p("\"Several thousand DPRK troops have been deployed in Russia. The DPRK's direct support of Russia's aggressive \
           war against Ukraine, in addition to demonstrating Moscow's desperate efforts to compensate for its losses, \
           will mean a dangerous expansion of the conflict, which will have serious consequences for peace and security \
           in Europe and the Indo-Pacific region,\""),
    ),
    span("a-claim-several-thousand", CLAIM, p("Several thousand DPRK troops have been deployed in Russia.")),
    span("a-num-several-thousand", NUMBER, p("Several thousand")),
    span(
        "a-claim-escalation",
        CLAIM,
        p("The DPRK's direct support of Russia's aggressive war against Ukraine, in addition to demonstrating Moscow's \
           desperate efforts to compensate for its losses, will mean a dangerous expansion of the conflict, which will \
           have serious consequences for peace and security in Europe and the Indo-Pacific region"),
    ),
    span("a-src-statement", SOURCE, within("the statement said", "the statement")),
    span("a-cue-statement-said", CUE, within("the statement said", "said")),
    // The ministers noted that they "condemn in the strongest possible terms" ...
    span("a-src-ministers-noted", SOURCE, within("The ministers noted", "The ministers")),
    span("a-cue-noted", CUE, within("The ministers noted", "noted")),
    span(
        "a-claim-condemn",
        CLAIM,
        p("they \"condemn in the strongest possible terms\" the increased military cooperation between North Korea and \
           the Russian Federation, in particular, Moscow's \"illegal purchase\" of North Korean ballistic missiles"),
    ),
    // The ministers called on the DPRK to stop assisting ... They are also "deeply concerned" about ...
    span("a-src-ministers-called", SOURCE, within("The ministers called on", "The ministers")),
    span("a-cue-called-on", CUE, p("called on")),
    span("a-claim-stop-assisting", CLAIM, p("the DPRK to stop assisting the Russian Federation in its war of aggression")),
    span("a-src-they", SOURCE, within("They are also \"deeply concerned\"", "They")),
    span("a-cue-deeply-concerned", CUE, p("\"deeply concerned\"")),
    span(
        "a-claim-nuclear-transfer",
        CLAIM,
        p("about the potential for any transfer of nuclear weapons or ballistic missile-related technologies to North Korea"),
    ),
    // In addition, the Group of Seven ministers reaffirmed their commitment ... and stated that ...
    span("a-src-g7-ministers", SOURCE, p("the Group of Seven ministers")),
    span("a-cue-reaffirmed", CUE, p("reaffirmed")),
    span("a-claim-commitment", CLAIM, p("their commitment to supporting Ukraine")),
    span("a-cue-g7-stated", CUE, within("supporting Ukraine and stated that", "stated")),
    span(
        "a-claim-coordinated-response",
        CLAIM,
        p("they are working with international partners \"on a coordinated response to new developments.\""),
    ),
    // Earlier, NATO Secretary General Mark Rutte confirmed Russia's involvement of North Korean soldiers ...
    span("a-src-rutte", SOURCE, p("NATO Secretary General Mark Rutte")),
    span("a-ent-nato", ENTITY, within("NATO Secretary General", "NATO")),
    span("a-cue-confirmed", CUE, p("confirmed")),
    span("a-claim-rutte", CLAIM, p("Russia's involvement of North Korean soldiers in the war against Ukraine")),
    // On October 25, President Volodymyr Zelenskyy said that, according to intelligence, ... on October 27-28.
    SpanSpec { id: "a-date-oct-25", label: DATE, at: p("October 25"), attributes: &[("value", "2024-10-25")], note: "" },
    span("a-src-zelenskyy", SOURCE, p("President Volodymyr Zelenskyy")),
    span("a-cue-zelenskyy-said", CUE, within("Zelenskyy said that", "said")),
    span("a-cue-according-to", CUE, p("according to")),
    span("a-src-intelligence", SOURCE, within("according to intelligence", "intelligence")),
    span("a-claim-combat", CLAIM, p("the first North Korean military would be used by Russia in combat zones on October 27-28")),
    SpanSpec {
        id: "a-date-oct-27-28",
        label: DATE,
        at: p("October 27-28"),
        attributes: &[("value", "2024-10-27..2024-10-28")],
        note: "",
    },
    // On October 28, the Pentagon said that the DPRK had sent about 10,000 of its military to Russia ...
    SpanSpec {
        id: "a-date-oct-28",
        label: DATE,
        at: within("On October 28,", "October 28"),
        attributes: &[("value", "2024-10-28")],
        note: "",
    },
    span("a-src-pentagon", SOURCE, within("October 28, the Pentagon said", "the Pentagon")),
    span("a-cue-pentagon-said", CUE, within("the Pentagon said that the DPRK", "said")),
    span(
        "a-claim-10000",
        CLAIM,
        p("the DPRK had sent about 10,000 of its military to Russia for training and further participation in \
           hostilities against Ukraine, which would take place over the next \"few weeks.\""),
    ),
    SpanSpec { id: "a-num-10000", label: NUMBER, at: p("about 10,000"), attributes: &[("value", "10000")], note: "" },
    // The Pentagon said that Ukrainian troops could use the American weapons ...
    span("a-src-pentagon-weapons", SOURCE, within("The Pentagon said that Ukrainian", "The Pentagon")),
    span("a-cue-pentagon-weapons-said", CUE, within("The Pentagon said that Ukrainian", "said")),
    span(
        "a-claim-weapons",
        CLAIM,
        p("Ukrainian troops could use the American weapons provided to them against the North Korean military if the \
           DPRK enters the war against Ukraine on the side of Russia"),
    ),
    // Pentagon spokesman Pat Ryder said that approximately several thousand ... A smaller number ...
    span("a-src-ryder", SOURCE, p("Pentagon spokesman Pat Ryder")),
    span("a-cue-ryder-said", CUE, within("Pat Ryder said", "said")),
    span(
        "a-claim-kursk",
        CLAIM,
        p("approximately several thousand North Korean soldiers have already deployed to the Kursk region of Russia"),
    ),
    span("a-num-approx-several-thousand", NUMBER, p("approximately several thousand")),
    span("a-ent-kursk", ENTITY, within("deployed to the Kursk region", "Kursk region")),
    span("a-claim-smaller-number", CLAIM, p("A smaller number of them are already in the Kursk region.")),
];

struct SourceSpec {
    id: &'static str,
    name: &'static str,
    kind: SourceKind,
    url: Option<&'static str>,
    cites: &'static [&'static str],
    aliases: &'static [&'static str],
    note: &'static str,
    speaks_for: Option<&'static str>,
}

/// A source that speaks for nobody; fill in the rest.
const SOURCE_SPEC: SourceSpec =
    SourceSpec { id: "", name: "", kind: SourceKind::Person, url: None, cites: &[], aliases: &[], note: "", speaks_for: None };

/// The source registry, cited sources before those citing them.
const SOURCES: &[SourceSpec] = &[
    SourceSpec {
        id: "s-ministers",
        name: "G7 and partner foreign ministers",
        kind: SourceKind::GovernmentBody,
        url: None,
        cites: &[],
        aliases: &[
            "The foreign ministers of the Group of Seven countries and three key allies of the group",
            "The ministers",
            "the Group of Seven ministers",
            "Officials of these countries",
        ],
        note: "The foreign ministers of the G7 (United States, Japan, Italy, United Kingdom, Germany, France, Canada \
               and the EU) with South Korea, Australia and New Zealand.",
        ..SOURCE_SPEC
    },
    SourceSpec {
        id: "s-statement",
        name: "Joint statement of the G7 and partner foreign ministers",
        kind: SourceKind::Document,
        url: Some("https://www.mofa.go.jp/"),
        cites: &["s-ministers"],
        aliases: &["the statement"],
        note: "Published on the website of the Japanese Foreign Ministry (the URL is the site, not the page).",
        ..SOURCE_SPEC
    },
    SourceSpec {
        id: "s-mofa-japan",
        name: "Japanese Foreign Ministry",
        kind: SourceKind::GovernmentBody,
        url: Some("https://www.mofa.go.jp/"),
        cites: &["s-statement"],
        aliases: &["Ministry of Foreign Affairs of Japan"],
        note: "Published the joint statement on its website.",
        ..SOURCE_SPEC
    },
    SourceSpec {
        id: "s-ukrinform",
        name: "Ukrinform",
        kind: SourceKind::NewsAgency,
        url: Some("https://www.ukrinform.net/"),
        cites: &["s-statement"],
        aliases: &[],
        note: "Ukrainian national news agency; Censor.NET's source for the statement.",
        ..SOURCE_SPEC
    },
    SourceSpec {
        id: "s-censor",
        name: "Censor.NET",
        kind: SourceKind::Outlet,
        url: Some("https://censor.net/"),
        cites: &["s-ukrinform"],
        aliases: &[],
        note: "Ukrainian online outlet that published the article.",
        ..SOURCE_SPEC
    },
    SourceSpec {
        id: "s-rutte",
        name: "Mark Rutte",
        kind: SourceKind::Official,
        url: None,
        cites: &[],
        aliases: &["NATO Secretary General Mark Rutte"],
        note: "NATO Secretary General.",
        ..SOURCE_SPEC
    },
    SourceSpec {
        id: "s-ukr-intel",
        name: "Ukrainian intelligence",
        kind: SourceKind::Unnamed,
        url: None,
        cites: &[],
        aliases: &["intelligence"],
        note: "Unnamed in the article: \"according to intelligence\".",
        ..SOURCE_SPEC
    },
    SourceSpec {
        id: "s-zelenskyy",
        name: "Volodymyr Zelenskyy",
        kind: SourceKind::Official,
        url: None,
        cites: &["s-ukr-intel"],
        aliases: &["President Volodymyr Zelenskyy"],
        note: "President of Ukraine.",
        ..SOURCE_SPEC
    },
    SourceSpec {
        id: "s-pentagon",
        name: "Pentagon",
        kind: SourceKind::GovernmentBody,
        url: Some("https://www.defense.gov/"),
        cites: &[],
        aliases: &["the Pentagon", "US Department of Defense"],
        note: "",
        ..SOURCE_SPEC
    },
    SourceSpec {
        id: "s-ryder",
        name: "Pat Ryder",
        kind: SourceKind::Official,
        url: None,
        cites: &[],
        aliases: &["Pentagon spokesman Pat Ryder"],
        note: "Spokesman of the Pentagon.",
        speaks_for: Some("s-pentagon"),
    },
];

struct ClaimSpec {
    id: &'static str,
    content: &'static [&'static str],
    cue: &'static str,
    source_spans: &'static [&'static str],
    attributed_to: &'static [&'static str],
    via: &'static [&'static str],
    event_date: Option<&'static str>,
    said_on: Option<&'static str>,
    verdict: Verdict,
    note: &'static str,
}

/// The chain of the ministers' words: Censor.NET, citing Ukrinform, citing the statement.
const VIA_STATEMENT: &[&str] = &["s-censor", "s-ukrinform", "s-statement"];
/// The article's own reporting.
const VIA_CENSOR: &[&str] = &["s-censor"];
const MINISTERS: &[&str] = &["s-ministers"];

/// A claim of the ministers' statement; fill in `id`, `content`, `cue` and `source_spans`.
const BY_MINISTERS: ClaimSpec = ClaimSpec {
    id: "",
    content: &[],
    cue: "",
    source_spans: &[],
    attributed_to: MINISTERS,
    via: VIA_STATEMENT,
    event_date: None,
    said_on: None,
    verdict: Verdict::Unverified,
    note: "",
};

/// A claim the article reports itself (Rutte, Zelenskyy, the Pentagon).
const REPORTED: ClaimSpec = ClaimSpec { via: VIA_CENSOR, ..BY_MINISTERS };

/// Every claim of the article, in reading order.
const CLAIMS: &[ClaimSpec] = &[
    ClaimSpec {
        id: "c-g7-concern",
        content: &["a-claim-concern"],
        cue: "a-cue-said",
        source_spans: &["a-src-ministers"],
        ..BY_MINISTERS
    },
    ClaimSpec {
        id: "c-g7-joint-response",
        content: &["a-claim-joint-response"],
        cue: "a-cue-said",
        source_spans: &["a-src-ministers"],
        ..BY_MINISTERS
    },
    ClaimSpec {
        id: "c-officials-concern",
        content: &["a-claim-serious-concern"],
        cue: "a-cue-officials-stated",
        source_spans: &["a-src-officials"],
        ..BY_MINISTERS
    },
    ClaimSpec {
        id: "c-several-thousand",
        content: &["a-claim-several-thousand"],
        cue: "a-cue-statement-said",
        source_spans: &["a-src-statement"],
        ..BY_MINISTERS
    },
    ClaimSpec {
        id: "c-escalation",
        content: &["a-claim-escalation"],
        cue: "a-cue-statement-said",
        source_spans: &["a-src-statement"],
        ..BY_MINISTERS
    },
    ClaimSpec {
        id: "c-condemn",
        content: &["a-claim-condemn"],
        cue: "a-cue-noted",
        source_spans: &["a-src-ministers-noted"],
        ..BY_MINISTERS
    },
    ClaimSpec {
        id: "c-stop-assisting",
        content: &["a-claim-stop-assisting"],
        cue: "a-cue-called-on",
        source_spans: &["a-src-ministers-called"],
        ..BY_MINISTERS
    },
    ClaimSpec {
        id: "c-nuclear-transfer",
        content: &["a-claim-nuclear-transfer"],
        cue: "a-cue-deeply-concerned",
        source_spans: &["a-src-they"],
        ..BY_MINISTERS
    },
    ClaimSpec {
        id: "c-commitment",
        content: &["a-claim-commitment"],
        cue: "a-cue-reaffirmed",
        source_spans: &["a-src-g7-ministers"],
        ..BY_MINISTERS
    },
    ClaimSpec {
        id: "c-coordinated-response",
        content: &["a-claim-coordinated-response"],
        cue: "a-cue-g7-stated",
        source_spans: &["a-src-g7-ministers"],
        ..BY_MINISTERS
    },
    ClaimSpec {
        id: "c-rutte-confirmed",
        content: &["a-claim-rutte"],
        cue: "a-cue-confirmed",
        source_spans: &["a-src-rutte"],
        attributed_to: &["s-rutte"],
        ..REPORTED
    },
    ClaimSpec {
        id: "c-zelenskyy-combat",
        content: &["a-claim-combat"],
        cue: "a-cue-zelenskyy-said",
        source_spans: &["a-src-zelenskyy"],
        attributed_to: &["s-zelenskyy"],
        event_date: Some("2024-10-27..2024-10-28"),
        said_on: Some("2024-10-25"),
        note: "Said on October 25 about the days the troops would first be used in combat.",
        ..REPORTED
    },
    ClaimSpec {
        id: "c-intelligence-combat",
        content: &["a-claim-combat"],
        cue: "a-cue-according-to",
        source_spans: &["a-src-intelligence"],
        attributed_to: &["s-ukr-intel"],
        via: &["s-censor", "s-zelenskyy"],
        event_date: Some("2024-10-27..2024-10-28"),
        note: "Nested attribution: Zelenskyy relays what intelligence told him.",
        ..REPORTED
    },
    ClaimSpec {
        id: "c-pentagon-10000",
        content: &["a-claim-10000"],
        cue: "a-cue-pentagon-said",
        source_spans: &["a-src-pentagon"],
        attributed_to: &["s-pentagon"],
        event_date: Some("2024-10-28"),
        said_on: Some("2024-10-28"),
        verdict: Verdict::Supported,
        note: "Widely reported on 28 October 2024: a Pentagon spokesperson said about 10,000 North Korean soldiers had \
               been sent to eastern Russia for training and could join the fighting against Ukraine within weeks. \
               Supported as an account of what the Pentagon said; the figure itself is the Pentagon's estimate.",
        ..REPORTED
    },
    ClaimSpec {
        id: "c-pentagon-weapons",
        content: &["a-claim-weapons"],
        cue: "a-cue-pentagon-weapons-said",
        source_spans: &["a-src-pentagon-weapons"],
        attributed_to: &["s-pentagon"],
        ..REPORTED
    },
    ClaimSpec {
        id: "c-ryder-kursk",
        content: &["a-claim-kursk"],
        cue: "a-cue-ryder-said",
        source_spans: &["a-src-ryder"],
        attributed_to: &["s-ryder"],
        ..REPORTED
    },
    ClaimSpec {
        id: "c-ryder-smaller-number",
        content: &["a-claim-smaller-number"],
        cue: "a-cue-ryder-said",
        source_spans: &["a-src-ryder"],
        attributed_to: &["s-ryder"],
        note: "No cue of its own: read as the rest of Ryder's statement. The sentence looks garbled in translation \
               (it repeats \"already ... in the Kursk region\"); check the original before relying on it.",
        ..REPORTED
    },
];

const PROJECT_TITLE: &str = "G7 statement on DPRK troops (Censor.NET)";
const DOC_TITLE: &str = "G7 and partners 'seriously concerned' about North Korean troops in Russia";

// ---------------------------------------------------------------------------------------------
// The builder
// ---------------------------------------------------------------------------------------------

/// The char range of a [`Find`] in `text`.
fn locate(index: &TextIndex<'_>, f: Find) -> CharRange {
    let text = index.text();
    let mut from = 0;
    let mut start = None;
    for _ in 0..f.nth {
        let i = text[from..].find(f.context).unwrap_or_else(|| panic!("{:?} (#{}) is not in the article", f.context, f.nth));
        start = Some(from + i);
        from += i + f.context.len();
    }
    let ctx_start = start.expect("nth >= 1");
    let (a, b) = if f.sub.is_empty() {
        (ctx_start, ctx_start + f.context.len())
    } else {
        let i = f.context.find(f.sub).unwrap_or_else(|| panic!("{:?} is not inside {:?}", f.sub, f.context));
        (ctx_start + i, ctx_start + i + f.sub.len())
    };
    CharRange::new(index.char_of(a), index.char_of(b))
}

fn sid(id: &str) -> SourceId {
    SourceId::from(id)
}

fn aid(id: &str) -> AnnotationId {
    AnnotationId::from(id)
}

/// Builds the sample project from the spec, through edits only.
fn build_sample() -> Project {
    let raw = std::fs::read_to_string(asset(ARTICLE)).expect("the article is in assets/");
    let mut document = import_text(&raw, "g7-dprk-troops-censor-net");
    assert_eq!(document.published, Some(date("2024-11-05")), "the date marker sets the publication date");
    document.id = DocumentId::from(DOC_ID);
    let doc = document.id.clone();
    let text = document.text.clone();
    let index = TextIndex::new(&text);

    let mut project = Project::new("untitled");
    project.created = at(0);
    project.modified = at(3600);

    let mut edits = vec![
        Edit::SetTitle(PROJECT_TITLE.to_owned()),
        Edit::InsertDocument { index: None, document: Box::new(document) },
        Edit::SetDocumentMeta(
            doc.clone(),
            DocumentMeta {
                title: DOC_TITLE.to_owned(),
                url: None,
                outlet: Some("Censor.NET".to_owned()),
                author: None,
                published: Some(date("2024-11-05")),
            },
        ),
    ];
    for s in SOURCES {
        edits.push(Edit::InsertSource {
            index: None,
            source: Source {
                id: sid(s.id),
                name: s.name.to_owned(),
                kind: s.kind,
                url: s.url.map(str::to_owned),
                cites: s.cites.iter().copied().map(sid).collect(),
                aliases: s.aliases.iter().map(|a| (*a).to_owned()).collect(),
                note: s.note.to_owned(),
                speaks_for: s.speaks_for.map(sid),
            },
        });
    }
    // The article is Censor.NET's: the document is tied to the source that published it.
    edits.push(Edit::SetPublisher(doc.clone(), Some(sid("s-censor"))));
    for (i, s) in SPANS.iter().enumerate() {
        let ranges = vec![locate(&index, s.at)];
        let time = at(60 + 30 * i64::try_from(i).expect("few spans"));
        edits.push(Edit::InsertAnnotation {
            doc: doc.clone(),
            index: None,
            annotation: Annotation {
                id: aid(s.id),
                label: s.label.to_owned(),
                quote: Quote::of(&index, &ranges),
                ranges,
                note: s.note.to_owned(),
                tags: Vec::new(),
                author: AUTHOR.to_owned(),
                attributes: s.attributes.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
                created: time,
                modified: time,
            },
        });
    }
    for c in CLAIMS {
        edits.push(Edit::InsertClaim {
            doc: doc.clone(),
            index: None,
            claim: Claim {
                id: ClaimId::from(c.id),
                content: c.content.iter().copied().map(aid).collect(),
                cue: Some(aid(c.cue)),
                source_spans: c.source_spans.iter().copied().map(aid).collect(),
                attributed_to: c.attributed_to.iter().copied().map(sid).collect(),
                via: c.via.iter().copied().map(sid).collect(),
                verdict: c.verdict,
                note: c.note.to_owned(),
                event_date: c.event_date.map(|d| EventDate::parse(d).expect("a valid event date")),
                said_on: c.said_on.map(|d| EventDate::parse(d).expect("a valid date")),
                trigger: None,
                event_type: None,
                attributes: BTreeMap::new(),
                links: Vec::new(),
            },
        });
    }
    Edit::Batch(edits).apply(&mut project).expect("the sample's edits apply");
    project
}

/// With `UPDATE_SAMPLE` set, writes the sample from the spec (once, before any test reads it).
fn update_if_asked() {
    static UPDATED: std::sync::Once = std::sync::Once::new();
    UPDATED.call_once(|| {
        if std::env::var_os("UPDATE_SAMPLE").is_some() {
            let path = asset(SAMPLE);
            store::save(&path, &build_sample(), None, Overwrite::Force).expect("writing the sample");
            let _ = std::fs::remove_file(store::backup_path(&path));
        }
    });
}

/// The committed sample, loaded through the store.
fn committed() -> Project {
    update_if_asked();
    store::load(&asset(SAMPLE)).expect("assets/sample.claimlens.ron loads").project
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[test]
fn committed_sample_matches_the_spec() {
    let built = build_sample();
    let path = asset(SAMPLE);
    let loaded = committed();
    assert!(
        loaded == built,
        "assets/sample.claimlens.ron differs from the spec in tests/sample.rs; \
         run `UPDATE_SAMPLE=1 cargo test --test sample` and review the diff"
    );
    let text = std::fs::read_to_string(&path).expect("sample text");
    assert_eq!(text, store::to_ron(&built).expect("serialises"), "the committed file is exactly what save writes");
}

#[test]
fn bundled_article_is_the_reference_article() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/articles/g7-dprk-troops-censor-net.txt");
    if let Ok(reference) = std::fs::read(&shared) {
        assert_eq!(std::fs::read(asset(ARTICLE)).expect("bundled article"), reference);
    }
}

#[test]
fn sample_passes_check_project() {
    let p = committed();
    check_project(&p).expect("the sample is consistent");
    assert_eq!(p.title, PROJECT_TITLE);
    assert_eq!(p.documents.len(), 1);
    let d = &p.documents[0];
    assert_eq!(d.title, DOC_TITLE);
    assert_eq!(d.outlet.as_deref(), Some("Censor.NET"));
    assert_eq!(d.published, Some(date("2024-11-05")));
    assert!(d.text.starts_with("The foreign ministers of the Group of Seven"), "the date marker is stripped");
    assert_eq!(d.orphans().count(), 0);
}

#[test]
fn every_quote_equals_the_text_at_its_ranges() {
    let p = committed();
    let d = &p.documents[0];
    let index = TextIndex::new(&d.text);
    for a in &d.annotations {
        assert!(!a.ranges.is_empty(), "{} has ranges", a.id);
        assert_eq!(exact_of(&index, &a.ranges), a.quote.exact, "{}", a.id);
        assert_eq!(a.quote, Quote::of(&index, &a.ranges), "{}: prefix and suffix too", a.id);
        assert!(!a.quote.exact.starts_with(' ') && !a.quote.exact.ends_with(' '), "{}: no stray spaces", a.id);
    }
}

#[test]
fn at_least_ten_claims_each_with_content_cue_and_source() {
    let p = committed();
    let d = &p.documents[0];
    assert!(d.claims.len() >= 10, "{} claims", d.claims.len());
    let label_of = |id: &AnnotationId| d.annotation(id).map(|a| a.label.as_str());
    for c in &d.claims {
        assert!(!c.content.is_empty(), "{}", c.id);
        assert!(c.content.iter().all(|a| label_of(a) == Some(names::CLAIM)), "{}: content is labelled Claim", c.id);
        let cue = c.cue.as_ref().unwrap_or_else(|| panic!("{} has a cue", c.id));
        assert_eq!(label_of(cue), Some(names::CUE), "{}", c.id);
        assert!(!c.source_spans.is_empty(), "{} names its source in the text", c.id);
        assert!(c.source_spans.iter().all(|a| label_of(a) == Some(names::SOURCE)), "{}", c.id);
        assert!(!c.attributed_to.is_empty(), "{} is attributed", c.id);
        assert!(!c.via.is_empty(), "{} has a chain", c.id);
        assert_eq!(c.via.first(), Some(&sid("s-censor")), "{}: every chain starts at the outlet", c.id);
    }
    // Every Claim-labelled span belongs to some claim.
    for a in d.annotations.iter().filter(|a| a.label == names::CLAIM) {
        assert!(d.claims.iter().any(|c| c.content.contains(&a.id)), "{} is used by a claim", a.id);
    }
    // The link teaser is not annotated.
    let teaser = d.text.find("Read more: Klitschko").expect("teaser");
    let teaser = TextIndex::new(&d.text).char_of(teaser);
    assert!(d.annotations.iter().all(|a| !a.ranges.iter().any(|r| r.contains(teaser))));
}

#[test]
fn claims_quote_what_a_reader_sees() {
    let p = committed();
    let d = &p.documents[0];
    let quote = |claim: &str, f: fn(&Claim) -> Option<&AnnotationId>| {
        let c = d.claim(&ClaimId::from(claim)).unwrap_or_else(|| panic!("claim {claim}"));
        f(c).and_then(|a| d.annotation(a)).map(|a| a.quote.exact.clone()).unwrap_or_default()
    };
    assert_eq!(quote("c-stop-assisting", |c| c.cue.as_ref()), "called on");
    assert_eq!(quote("c-rutte-confirmed", |c| c.source_spans.first()), "NATO Secretary General Mark Rutte");
    assert_eq!(quote("c-zelenskyy-combat", |c| c.source_spans.first()), "President Volodymyr Zelenskyy");
    assert_eq!(quote("c-intelligence-combat", |c| c.cue.as_ref()), "according to");
    assert_eq!(quote("c-ryder-kursk", |c| c.source_spans.first()), "Pentagon spokesman Pat Ryder");
    assert_eq!(quote("c-commitment", |c| c.cue.as_ref()), "reaffirmed");
    assert_eq!(quote("c-several-thousand", |c| c.source_spans.first()), "the statement");
    assert_eq!(quote("c-pentagon-10000", |c| c.source_spans.first()), "the Pentagon");
    assert!(quote("c-pentagon-10000", |c| c.content.first()).contains("about 10,000"));
}

#[test]
fn citation_chain_runs_from_the_outlet_to_the_statement() {
    let p = committed();
    let src = |id: &str| p.source(&sid(id)).unwrap_or_else(|| panic!("source {id}"));
    let censor = src("s-censor");
    assert_eq!((censor.name.as_str(), censor.kind), ("Censor.NET", SourceKind::Outlet));
    assert!(censor.cites.contains(&sid("s-ukrinform")));
    let ukrinform = src("s-ukrinform");
    assert_eq!(ukrinform.kind, SourceKind::NewsAgency);
    assert!(ukrinform.cites.contains(&sid("s-statement")));
    let statement = src("s-statement");
    assert_eq!(statement.kind, SourceKind::Document);
    assert!(statement.url.as_deref().is_some_and(|u| u.contains("mofa.go.jp")));
    assert!(statement.cites.contains(&sid("s-ministers")));
    assert_eq!(src("s-pentagon").kind, SourceKind::GovernmentBody);
    assert_eq!(src("s-mofa-japan").kind, SourceKind::GovernmentBody);
    assert_eq!(src("s-ryder").kind, SourceKind::Official);
    assert!(src("s-ryder").cites.is_empty());
    assert_eq!(src("s-ryder").speaks_for, Some(sid("s-pentagon")), "Ryder speaks for the Pentagon");
    assert!(src("s-ryder").note.to_lowercase().contains("spokesman of the pentagon"));
    assert_eq!(src("s-ukr-intel").kind, SourceKind::Unnamed, "\"according to intelligence\" names nobody");
    assert!(src("s-mofa-japan").cites.contains(&sid("s-statement")), "the ministry published the statement");
    assert_eq!(src("s-rutte").kind, SourceKind::Official);
    assert_eq!(src("s-zelenskyy").cites, vec![sid("s-ukr-intel")]);

    let d = &p.documents[0];
    let chain: Vec<SourceId> = VIA_STATEMENT.iter().copied().map(sid).collect();
    let g7 = d.claim(&ClaimId::from("c-g7-concern")).expect("c-g7-concern");
    assert_eq!(g7.via, chain);
    assert_eq!(g7.attributed_to, vec![sid("s-ministers")]);
    for id in ["c-rutte-confirmed", "c-zelenskyy-combat", "c-pentagon-10000", "c-pentagon-weapons", "c-ryder-kursk"] {
        assert_eq!(d.claim(&ClaimId::from(id)).expect(id).via, vec![sid("s-censor")], "{id}");
    }
}

#[test]
fn dates_resolve_against_the_publication_date() {
    let p = committed();
    let d = &p.documents[0];
    let value_of = |quote: &str| {
        d.annotations
            .iter()
            .find(|a| a.label == names::DATE && a.quote.exact == quote)
            .and_then(|a| a.attributes.get("value").cloned())
            .unwrap_or_else(|| panic!("a Date span {quote:?} with a value"))
    };
    assert_eq!(value_of("October 25"), "2024-10-25");
    assert_eq!(value_of("October 27-28"), "2024-10-27..2024-10-28");
    assert_eq!(value_of("October 28"), "2024-10-28");
    let event = |id: &str| d.claim(&ClaimId::from(id)).and_then(|c| c.event_date).map(|e| e.to_string());
    let said = |id: &str| d.claim(&ClaimId::from(id)).and_then(|c| c.said_on).map(|e| e.to_string());
    assert_eq!(said("c-zelenskyy-combat").as_deref(), Some("2024-10-25"), "when he said it");
    assert_eq!(said("c-intelligence-combat"), None, "the text does not say when intelligence said it");
    assert_eq!(event("c-zelenskyy-combat").as_deref(), Some("2024-10-27..2024-10-28"));
    assert_eq!(event("c-intelligence-combat").as_deref(), Some("2024-10-27..2024-10-28"));
    assert_eq!(event("c-pentagon-10000").as_deref(), Some("2024-10-28"));
    let numbers: Vec<&str> = d.annotations.iter().filter(|a| a.label == names::NUMBER).map(|a| a.quote.exact.as_str()).collect();
    assert!(numbers.contains(&"about 10,000") && numbers.contains(&"Several thousand"), "{numbers:?}");
}

#[test]
fn verdicts_other_than_unverified_explain_themselves() {
    let p = committed();
    let d = &p.documents[0];
    let judged: Vec<&Claim> = d.claims.iter().filter(|c| c.verdict != Verdict::Unverified).collect();
    assert!(!judged.is_empty());
    for c in judged {
        assert!(c.note.len() > 40, "{} explains its verdict", c.id);
    }
}

#[test]
fn sample_has_overlapping_and_nested_annotations() {
    let p = committed();
    let d = &p.documents[0];
    let nested = d.annotations.iter().any(|a| {
        d.annotations.iter().any(|b| a.id != b.id && a.start() <= b.start() && b.end() <= a.end() && a.label != b.label)
    });
    assert!(nested, "e.g. a Number inside a Claim");
}

/// "This is stated in a statement by the ministers published on the website of the Japanese
/// Foreign Ministry, Censor.NET reports citing Ukrinform." says through whom the claims before
/// it are known: no claim is made of it, its names are Source spans and its words Cue spans.
#[test]
fn the_citation_sentence_is_no_claim() {
    let p = committed();
    let d = &p.documents[0];
    let sentence = d.text.find("This is stated in").expect("the sentence");
    let index = TextIndex::new(&d.text);
    let (start, end) = (index.char_of(sentence), index.char_of(sentence + d.text[sentence..].find('\n').unwrap_or(0)));
    let inside: Vec<&Annotation> = d.annotations.iter().filter(|a| a.start() >= start && a.end() <= end).collect();
    assert!(inside.iter().all(|a| a.label == SOURCE || a.label == CUE), "only Source and Cue spans");
    let spans = |label: &str| inside.iter().filter(|a| a.label == label).map(|a| a.quote.exact.as_str()).collect::<Vec<_>>();
    assert_eq!(spans(SOURCE), ["a statement by the ministers", "Japanese Foreign Ministry", "Censor.NET", "Ukrinform"]);
    assert_eq!(spans(CUE), ["published on", "reports", "citing"]);
    let ids: Vec<&AnnotationId> = inside.iter().map(|a| &a.id).collect();
    assert!(d.claims.iter().all(|c| !c.content.iter().chain(c.cue.as_ref()).any(|a| ids.contains(&a))), "no claim uses them");
}
