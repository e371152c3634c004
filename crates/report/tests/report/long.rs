//! Issue #16: a long article (one sentence repeated, 15 MB) took the service
//! minutes to render, every sentence's links and roles being looked up by a
//! scan of all the article's sentences.

use parallax_model::*;

/// One article of `n` sentences, five to a paragraph, each naming Ilse
/// Vantongeren, every sentence an exclusive claim and every tenth a quote.
fn long_analysis(n: usize) -> Analysis {
    const SENTENCE: &str = "Ilse Vantongeren approved the new budget on Tuesday.";
    let mut text = String::new();
    let (mut paragraphs, mut segments, mut mentions, mut quotes, mut exclusive) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        if i > 0 {
            text.push_str(if i % 5 == 0 { "\n\n" } else { " " });
        }
        if i % 5 == 0 {
            paragraphs.push(Span::new(text.len(), text.len()));
        }
        let span = Span::new(text.len(), text.len() + SENTENCE.len());
        text.push_str(SENTENCE);
        if let Some(p) = paragraphs.last_mut() {
            p.end = span.end;
        }
        segments.push(Segment {
            span,
            paragraph: paragraphs.len() - 1,
            kind: SegmentKind::Body,
        });
        mentions.push(Mention {
            span: Span::new(span.start, span.start + 16),
            entity: 0,
        });
        if i % 10 == 0 {
            quotes.push(Quote {
                span: Span::new(span.start + 17, span.end),
                form: QuoteForm::Partial,
                speaker: Some(0),
                speaker_span: None,
                cue_span: None,
            });
        }
        exclusive.push(Occurrence {
            article: "long".into(),
            start: span.start,
            end: span.end,
            text: SENTENCE.into(),
        });
    }
    let document = Document {
        article: Article {
            id: "long".into(),
            source: Some("The Harbour Herald".into()),
            url: None,
            title: "Budget approved".into(),
            published: None,
            language: Some("en".into()),
            text,
        },
        cleaned: Cleaned {
            paragraphs,
            segments,
        },
        annotations: Annotations {
            entities: vec![LocalEntity {
                name: "Ilse Vantongeren".into(),
                kind: EntityKind::Person,
                key: "person:vantongeren".into(),
            }],
            mentions,
            quotes,
            speculative: vec![],
            events: vec![],
            dates: vec![],
        },
    };
    Analysis {
        documents: vec![document],
        grouping: Grouping {
            memberships: vec![Membership {
                story: 0,
                copy_of: None,
                why: Explanation::default(),
            }],
            merges: vec![],
        },
        stories: vec![Story {
            id: "story-1".into(),
            title: "Budget approved".into(),
            articles: vec!["long".into()],
            independent_outlets: 1,
            entities: vec![StoryEntity {
                name: "Ilse Vantongeren".into(),
                kind: EntityKind::Person,
                key: "person:vantongeren".into(),
                aliases: vec![],
                spellings: vec![],
            }],
            quotes: vec![],
            shared: vec![],
            exclusive,
            discrepancies: Vec::new(),
            entity_map: vec![vec![Some(0)]],
            acts: vec![],
            timeline: vec![],
        }],
    }
}

// 40,000 sentences (2 MB): 0.6 s unoptimised with the lookups by binary
// search, 22 s with a scan per sentence.
#[test]
fn a_long_article_renders_in_one_pass() {
    let n = 40_000;
    let page = parallax_report::to_html_in_site(&long_analysis(n), "/");
    // Every sentence is shown, anchored and marked exclusive, and the list of
    // exclusive claims links each to its sentence.
    assert_eq!(page.matches("class=\"s exclusive\" id=\"").count(), n);
    assert_eq!(page.matches("<a class=\"jump\" href=\"#").count(), n);
    assert_eq!(
        page.matches("<span class=\"q\" title=\"Quote (").count(),
        n / 10
    );
}
