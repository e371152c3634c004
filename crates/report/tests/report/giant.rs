//! Issue #15: a giant story's page stays readable and bounded. Lists are cut
//! (most telling first) with a line that counts the rest, only so many
//! articles' texts are shown side by side, and every link still resolves.

use parallax_model::*;

use crate::markup;

const LEAD: &str = "The ferry to Holm resumed on Monday.";

/// One story of `n` articles from `n` outlets: a lead every outlet shares
/// (one claim with `n` wordings), a quote every outlet prints, and one
/// sentence of its own each (`n` exclusive claims, and a shared claim for
/// each pair of neighbours).
fn giant(n: usize) -> Analysis {
    let mut documents = Vec::new();
    let mut lead = Vec::new();
    let mut quoted = Vec::new();
    let mut exclusive = Vec::new();
    let mut shared = Vec::new();
    for i in 0..n {
        let own = format!("Harbour worker {i} counted the cars.");
        let quote = "“We are back,” the captain said.";
        let text = format!("{LEAD} {own}\n\n{quote}");
        let id = format!("a{i}");
        let segment = |start: usize, end: usize, paragraph| Segment {
            span: Span::new(start, end),
            paragraph,
            kind: SegmentKind::Body,
        };
        let own_start = LEAD.len() + 1;
        let quote_start = own_start + own.len() + 2;
        let occurrence = |start: usize, end: usize| Occurrence {
            article: id.clone(),
            start,
            end,
            text: text[start..end].to_string(),
        };
        lead.push(occurrence(0, LEAD.len()));
        exclusive.push(occurrence(own_start, own_start + own.len()));
        let inner = quote_start + "“".len();
        quoted.push(QuoteOccurrence {
            at: occurrence(inner, inner + "We are back,".len()),
            fragment: false,
            diff: Vec::new(),
        });
        if i > 0 {
            shared.push(SharedClaim {
                occurrences: vec![
                    Occurrence {
                        article: format!("a{}", i - 1),
                        ..occurrence(own_start, own_start + own.len())
                    },
                    occurrence(own_start, own_start + own.len()),
                ],
                agreement: 0.5,
            });
        }
        documents.push(Document {
            article: Article {
                id: id.clone(),
                source: Some(format!("Outlet {i}")),
                url: None,
                title: "Ferry resumes".into(),
                published: chrono::DateTime::from_timestamp(1_780_000_000 + 60 * i as i64, 0),
                language: Some("en".into()),
                text: text.clone(),
            },
            cleaned: Cleaned {
                paragraphs: vec![
                    Span::new(0, quote_start - 2),
                    Span::new(quote_start, text.len()),
                ],
                segments: vec![
                    segment(0, LEAD.len(), 0),
                    segment(own_start, own_start + own.len(), 0),
                    segment(quote_start, text.len(), 1),
                ],
            },
            annotations: Annotations::default(),
        });
    }
    shared.insert(
        0,
        SharedClaim {
            occurrences: lead,
            agreement: 1.0,
        },
    );
    let articles: Vec<String> = documents.iter().map(|d| d.article.id.clone()).collect();
    let story = Story {
        id: "story-1".into(),
        title: "Ferry resumes".into(),
        discrepancies: Vec::new(),
        entity_map: vec![Vec::new(); n],
        acts: vec![],
        timeline: vec![],
        articles,
        independent_outlets: n,
        entities: Vec::new(),
        quotes: vec![QuoteGroup {
            speaker: None,
            reference: 0,
            occurrences: quoted,
        }],
        shared,
        exclusive,
    };
    Analysis {
        grouping: Grouping {
            memberships: (0..n)
                .map(|_| Membership {
                    story: 0,
                    copy_of: None,
                    why: Explanation::default(),
                })
                .collect(),
            merges: Vec::new(),
        },
        documents,
        stories: vec![story],
    }
}

#[test]
fn a_giant_story_page_is_bounded_and_says_what_it_leaves_out() {
    let small = parallax_report::to_html(&giant(400));
    let big = parallax_report::to_html(&giant(1600));
    // Four times the story, about the same page.
    assert!(
        big.len() < small.len() * 11 / 10,
        "{} vs {}",
        big.len(),
        small.len()
    );
    assert!(big.len() < 1_500_000, "{}", big.len());
    // 40 articles' texts side by side, originals first.
    assert_eq!(big.matches("<article class=\"source").count(), 40);
    for line in [
        "1400 more articles not shown here",
        "1560 more articles' texts not shown here",
        "1588 more wordings not shown here",
        "1400 more shared claims not shown here",
        "1400 more articles' exclusive claims not shown here",
    ] {
        assert!(big.contains(line), "no {line:?}");
    }
    // The claim every outlet shares comes first.
    let first_claim = big
        .find("reported by 1600 outlets")
        .expect("the shared lead");
    assert!(first_claim < big.find("reported by 2 outlets").unwrap_or(usize::MAX));
    // Every internal link points at something on the page.
    markup::assert_links_resolve(&markup::parse(&big));
}
