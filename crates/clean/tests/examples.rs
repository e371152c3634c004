//! The clean stage on the demo corpus: every flagged line of EXPECTED.md
//! section 4 (speculation rows excepted: that is the understand stage), the
//! look-alike lines that must stay body, nothing else flagged, and sentence
//! boundaries on tricky paragraphs.

use std::path::PathBuf;

use parallax_clean::clean;
use parallax_model::{Article, Cleaned, SegmentKind, Span};

/// The demo corpus as the reader reads it: 14 `.txt`, 1 `.html` and 2 JSONL
/// articles.
fn read_examples() -> Vec<Article> {
    let batch = parallax_read::read_paths(&[PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples"
    ))]);
    assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
    batch.articles
}

const BADGE_NEWS: &str = "According to the criteria of the Northgate Editorial Standards Board, this article is a news report based on verified sources and contains no opinion.";

/// EXPECTED.md section 4, without the speculation rows.
const FLAGGED: &[(&str, SegmentKind, &str)] = &[
    (
        "herald-sokolovskyy-call",
        SegmentKind::Promo,
        "Read more: Baltic states step up checks on freight trains",
    ),
    (
        "northgate-sokolovsky-call",
        SegmentKind::Promo,
        "MORE: Singer Lena Marsh enters rehab, postpones European tour",
    ),
    (
        "eastbridge-lena-marsh-rehab",
        SegmentKind::Promo,
        "Sign up for our morning briefing: the day’s top stories in your inbox before 7am, every weekday.",
    ),
    (
        "herald-sokolovskyy-call",
        SegmentKind::Bio,
        "Jana Petrovic is the Herald’s diplomatic correspondent. She previously reported from Warsaw and Vilnius for the paper for eight years.",
    ),
    (
        "northgate-sokolovsky-call",
        SegmentKind::Boilerplate,
        BADGE_NEWS,
    ),
    (
        "northgate-lena-marsh-rehab",
        SegmentKind::Boilerplate,
        BADGE_NEWS,
    ),
    (
        "northgate-antwerp-strike",
        SegmentKind::Boilerplate,
        BADGE_NEWS,
    ),
    (
        "northgate-wielgosz-coalition",
        SegmentKind::Boilerplate,
        "According to the criteria of the Northgate Editorial Standards Board, this article is an analysis and contains the author's opinion.",
    ),
    (
        "ledger-rotterdam-strike",
        SegmentKind::Boilerplate,
        "This story was provided by Meridian Wire and has not been edited by Valley Ledger staff. Copyright 2026 Meridian Wire.",
    ),
    (
        "meridian-sokolovskiy-call",
        SegmentKind::Boilerplate,
        "(Reporting by Olena Marchenko in Kyiv and Tomasz Wrobel in Warsaw; Editing by Claire Hatton)",
    ),
    (
        "meridian-rotterdam-strike",
        SegmentKind::Boilerplate,
        "(Reporting by Anouk Smit; Editing by Claire Hatton)",
    ),
    (
        "ledger-rotterdam-strike",
        SegmentKind::Boilerplate,
        "(Reporting by Anouk Smit; Editing by Claire Hatton)",
    ),
    (
        "meridian-tomas-reyes-rehab",
        SegmentKind::Boilerplate,
        "(Reporting by Lucia Ferrer; Editing by Claire Hatton)",
    ),
    (
        "meridian-sokolovskiy-call",
        SegmentKind::Caption,
        "President Andriy Sokolovskiy during his evening video address in Kyiv on March 12, 2026. Photo: Lars Ek / Meridian Wire",
    ),
    (
        "eastbridge-lena-marsh-rehab",
        SegmentKind::Caption,
        "Lena Marsh performing at a festival in Glastonbury last June. (Photo by Mira Dalton / Eastbridge Post)",
    ),
    (
        "herald-tomas-reyes-rehab",
        SegmentKind::Caption,
        "Tomas Reyes at a film premiere in Madrid last October. (Photo by Ines Carvalho / Harbour Herald)",
    ),
];

/// EXPECTED.md: lines that look flagged but are reporting.
const MUST_STAY_BODY: &[(&str, &str)] = &[
    (
        "herald-rotterdam-strike",
        "According to ship-tracking data, 40 container ships were waiting outside the port or had slowed down on Friday morning.",
    ),
    (
        "meridian-rotterdam-strike",
        "Shipping lines warned customers on Thursday to expect delays of several days for cargo bound for the Netherlands, Germany and Belgium.",
    ),
    (
        "northgate-wielgosz-coalition",
        "The government has survived two winters of farm protests, a row with Brussels over the judiciary and a slowing economy.",
    ),
    (
        "herald-sokolovskyy-call",
        "according to the agriculture ministry in Kyiv",
    ),
];

fn corpus() -> Vec<(Article, Cleaned)> {
    let articles = read_examples();
    assert_eq!(articles.len(), 17, "14 .txt, 1 .html and 2 JSONL articles");
    for a in &articles {
        assert!(!a.text.is_empty(), "{} has a body", a.id);
    }
    assert!(
        articles
            .iter()
            .any(|a| a.id == "eastbridge-sokolovskyy-call"),
        "the .html article is read"
    );
    articles
        .into_iter()
        .map(|a| {
            let c = clean(&a);
            (a, c)
        })
        .collect()
}

fn find<'a>(corpus: &'a [(Article, Cleaned)], id: &str) -> &'a (Article, Cleaned) {
    let found = corpus.iter().find(|(a, _)| a.id == id);
    assert!(found.is_some(), "article {id} missing");
    let Some(entry) = found else { unreachable!() };
    entry
}

fn span_of(article: &Article, needle: &str) -> Span {
    let start = article.text.find(needle);
    assert!(start.is_some(), "{}: text not found: {needle}", article.id);
    let start = start.unwrap_or(0);
    Span::new(start, start + needle.len())
}

/// The text of every segment overlapping `span`, with its kind.
fn segments_in<'a>(
    article: &'a Article,
    cleaned: &Cleaned,
    span: Span,
) -> Vec<(&'a str, SegmentKind)> {
    cleaned
        .segments
        .iter()
        .filter(|s| s.span.overlaps(span))
        .map(|s| (s.span.slice(&article.text), s.kind))
        .collect()
}

#[test]
fn every_expected_flagged_line_gets_its_kind() {
    let corpus = corpus();
    for &(id, kind, text) in FLAGGED {
        let (article, cleaned) = find(&corpus, id);
        let span = span_of(article, text);
        let inside = segments_in(article, cleaned, span);
        assert!(!inside.is_empty(), "{id}: no segment for {text}");
        for s in cleaned.segments.iter().filter(|s| s.span.overlaps(span)) {
            assert!(
                span.contains(s.span),
                "{id}: segment crosses the line {text}"
            );
            assert_eq!(s.kind, kind, "{id}: {}", s.span.slice(&article.text));
        }
        // Each flagged line is a whole paragraph.
        assert!(
            cleaned.paragraphs.contains(&span),
            "{id}: not a paragraph: {text}"
        );
    }
}

#[test]
fn nothing_else_is_flagged() {
    let corpus = corpus();
    let mut flagged = 0;
    for (article, cleaned) in &corpus {
        for s in cleaned.segments.iter().filter(|s| s.kind.is_flagged()) {
            flagged += 1;
            let expected = FLAGGED.iter().any(|&(id, _, text)| {
                id == article.id
                    && article
                        .text
                        .match_indices(text)
                        .any(|(i, t)| Span::new(i, i + t.len()).contains(s.span))
            });
            assert!(
                expected,
                "{}: unexpected {:?}: {}",
                article.id,
                s.kind,
                s.span.slice(&article.text)
            );
        }
    }
    // 16 lines, of which five have two sentences: the bio, the Ledger footer
    // and the three captions (description, then credit).
    assert_eq!(flagged, 21);
}

#[test]
fn look_alike_lines_stay_body() {
    let corpus = corpus();
    for &(id, text) in MUST_STAY_BODY {
        let (article, cleaned) = find(&corpus, id);
        let inside = segments_in(article, cleaned, span_of(article, text));
        assert!(!inside.is_empty());
        for (sentence, kind) in inside {
            assert_eq!(kind, SegmentKind::Body, "{id}: {sentence}");
        }
    }
}

fn sentences_of<'a>(
    corpus: &'a [(Article, Cleaned)],
    id: &str,
    paragraph_start: &str,
) -> Vec<&'a str> {
    let (article, cleaned) = find(corpus, id);
    let para = cleaned
        .paragraphs
        .iter()
        .position(|p| p.slice(&article.text).starts_with(paragraph_start));
    assert!(
        para.is_some(),
        "{id}: no paragraph starting {paragraph_start}"
    );
    cleaned
        .segments
        .iter()
        .filter(|s| Some(s.paragraph) == para)
        .map(|s| s.span.slice(&article.text))
        .collect()
}

#[test]
fn sentence_boundaries_on_tricky_paragraphs() {
    let corpus = corpus();
    assert_eq!(
        sentences_of(&corpus, "herald-sokolovskyy-call", "“It was a long"),
        [
            "“It was a long and significant phone call,” Sokolovskyy said in his evening video address.",
            "“We spoke about the border, about energy and about the safety of our skies.”",
        ]
    );
    assert_eq!(
        sentences_of(
            &corpus,
            "herald-sokolovskyy-call",
            "Wielgosz said in a statement"
        ),
        [
            "Wielgosz said in a statement: “Poland has stood with Ukraine since the first day of the war and will stand with it until the last.",
            "But friendship also means solving practical problems together.",
        ]
    );
    let dateline = sentences_of(&corpus, "herald-sokolovskyy-call", "KYIV — ");
    assert_eq!(dateline.len(), 1);
    assert!(dateline[0].ends_with("described as the warmest in months."));
    assert_eq!(
        sentences_of(
            &corpus,
            "herald-rotterdam-strike",
            "The strike is due to end"
        ),
        [
            "The strike is due to end at 6 a.m. on Sunday.",
            "Havenbond said it would decide next week whether to call further action.",
        ]
    );
    let abbreviated = sentences_of(&corpus, "meridian-rotterdam-strike", "About 1,800 workers");
    assert_eq!(abbreviated.len(), 1);
    assert!(abbreviated[0].ends_with("broke down on Tuesday."));
    assert_eq!(
        sentences_of(&corpus, "meridian-rotterdam-strike", "\"We have made"),
        [
            "\"We have made a fair offer and the door remains open,\" NCT spokeswoman Femke Brouwer told Meridian Wire.",
            "\"A strike does not bring a single job back.\"",
        ]
    );
    assert_eq!(
        sentences_of(&corpus, "eastbridge-tomas-reyes-rehab", "Moreno said Reyes"),
        [
            "Moreno said Reyes had been struggling for more than a year and had hidden the problem from most of his colleagues.",
            "“Tomas has shown enormous courage,” Moreno said.",
            "“He is in good hands.”",
        ]
    );
}

#[test]
fn paragraphs_match_the_blank_line_structure() {
    for (article, cleaned) in corpus() {
        let expected: Vec<&str> = article.text.split("\n\n").collect();
        let got: Vec<&str> = cleaned
            .paragraphs
            .iter()
            .map(|p| p.slice(&article.text))
            .collect();
        assert_eq!(got, expected, "{}", article.id);
    }
}
