//! No input makes a renderer panic or break the page: arbitrary text (any
//! Unicode, markup, control characters) with arbitrary, often invalid, offsets
//! and indices.

use std::collections::HashSet;

use parallax_model::*;
use proptest::prelude::*;

use crate::markup;

fn span() -> impl Strategy<Value = Span> {
    // Often inside short texts, sometimes reversed, past the end or mid-character.
    (0usize..90, 0usize..90).prop_map(|(start, end)| Span { start, end })
}

fn kind() -> impl Strategy<Value = SegmentKind> {
    prop_oneof![
        Just(SegmentKind::Body),
        Just(SegmentKind::Boilerplate),
        Just(SegmentKind::Promo),
        Just(SegmentKind::Bio),
        Just(SegmentKind::Caption),
        Just(SegmentKind::Speculation),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,60}",
        "[a-z<>&\"' \n“”]{0,60}",
        Just("Ky\u{ef}v \u{1b}[31m <b>\n\nx".to_string()),
    ]
}

fn document() -> impl Strategy<Value = Document> {
    (
        (
            "[a-z<\" ]{0,6}",
            proptest::option::of(text()),
            proptest::option::of(text()),
            text(),
            text(),
        ),
        proptest::collection::vec(span(), 0..4),
        proptest::collection::vec((span(), 0usize..4, kind()), 0..6),
        proptest::collection::vec((span(), 0usize..4), 0..4),
        proptest::collection::vec(
            (
                span(),
                proptest::option::of(0usize..4),
                proptest::option::of(span()),
            ),
            0..3,
        ),
    )
        .prop_map(
            |((id, source, url, title, text), paragraphs, segments, mentions, quotes)| Document {
                article: Article {
                    id,
                    source,
                    url,
                    title,
                    published: None,
                    language: None,
                    text,
                },
                cleaned: Cleaned {
                    paragraphs,
                    segments: segments
                        .into_iter()
                        .map(|(span, paragraph, kind)| Segment {
                            span,
                            paragraph,
                            kind,
                        })
                        .collect(),
                },
                annotations: Annotations {
                    entities: vec![LocalEntity {
                        name: "E<".into(),
                        kind: EntityKind::Other,
                        key: "other:e".into(),
                    }],
                    mentions: mentions
                        .into_iter()
                        .map(|(span, entity)| Mention { span, entity })
                        .collect(),
                    quotes: quotes
                        .into_iter()
                        .map(|(span, speaker, speaker_span)| Quote {
                            span,
                            form: QuoteForm::Direct,
                            speaker,
                            speaker_span,
                            cue_span: None,
                        })
                        .collect(),
                    speculative: vec![],
                    events: vec![],
                    dates: vec![],
                },
            },
        )
}

fn occurrence() -> impl Strategy<Value = Occurrence> {
    ("[a-z<\" ]{0,6}", 0usize..90, 0usize..90, text()).prop_map(|(article, start, end, text)| {
        Occurrence {
            article,
            start,
            end,
            text,
        }
    })
}

fn story() -> impl Strategy<Value = Story> {
    (
        (
            "[a-z<\" -]{0,8}",
            text(),
            proptest::collection::vec("[a-z<\" ]{0,6}", 0..4),
        ),
        proptest::collection::vec((text(), proptest::collection::vec(text(), 0..3)), 0..3),
        proptest::collection::vec(
            (
                0usize..4,
                proptest::collection::vec(
                    (
                        occurrence(),
                        any::<bool>(),
                        proptest::collection::vec((0u8..3, text()), 0..5),
                    ),
                    0..4,
                ),
            ),
            0..3,
        ),
        proptest::collection::vec(proptest::collection::vec(occurrence(), 0..3), 0..3),
        proptest::collection::vec(occurrence(), 0..3),
        proptest::collection::vec(
            proptest::collection::vec(proptest::option::of(0usize..4), 0..4),
            0..4,
        ),
    )
        .prop_map(
            |((id, title, articles), entities, quotes, shared, exclusive, entity_map)| Story {
                id,
                title,
                articles,
                independent_outlets: 2,
                entities: entities
                    .into_iter()
                    .map(|(name, forms)| StoryEntity {
                        name,
                        kind: EntityKind::Person,
                        key: "person:x".into(),
                        aliases: forms.clone(),
                        spellings: vec![Spelling {
                            article: "a".into(),
                            outlet: "O\"".into(),
                            forms,
                        }],
                    })
                    .collect(),
                quotes: quotes
                    .into_iter()
                    .map(|(reference, occurrences)| QuoteGroup {
                        speaker: Some("S<".into()),
                        reference,
                        occurrences: occurrences
                            .into_iter()
                            .map(|(at, fragment, diff)| QuoteOccurrence {
                                at,
                                fragment,
                                diff: diff
                                    .into_iter()
                                    .map(|(op, text)| DiffPiece {
                                        op: [DiffOp::Same, DiffOp::Added, DiffOp::Removed]
                                            [usize::from(op) % 3],
                                        text,
                                    })
                                    .collect(),
                            })
                            .collect(),
                    })
                    .collect(),
                shared: shared
                    .into_iter()
                    .map(|occurrences| SharedClaim {
                        occurrences,
                        agreement: 0.5,
                    })
                    .collect(),
                exclusive,
                discrepancies: Vec::new(),
                entity_map,
                // An act naming entities and events that do not exist.
                acts: vec![Act {
                    kind: EventType::Assault,
                    mode: "<b>".into(),
                    when: None,
                    source: Some(ActActor {
                        name: "<script>x</script>".into(),
                        entity: Some(99),
                    }),
                    target: None,
                    outlets: vec!["O\"".into()],
                    reports: vec![
                        EventRef {
                            article: "a".into(),
                            event: 99,
                        },
                        EventRef {
                            article: "missing".into(),
                            event: 0,
                        },
                    ],
                }],
                // And a timeline naming an act that does not exist.
                timeline: vec![0, 7],
            },
        )
}

fn analysis() -> impl Strategy<Value = Analysis> {
    (
        proptest::collection::vec(document(), 0..4),
        proptest::collection::vec(story(), 0..3),
        proptest::collection::vec(
            (0usize..4, proptest::option::of(0usize..5), any::<f32>()),
            0..5,
        ),
        proptest::collection::vec((0usize..5, 0usize..5), 0..2),
    )
        .prop_map(|(mut documents, stories, memberships, merges)| {
            // Let stories name real articles often enough to reach the deep paths.
            for (i, d) in documents.iter_mut().enumerate() {
                if i % 2 == 0 {
                    d.article.id = format!("a{}", i / 2);
                }
            }
            Analysis {
                documents,
                grouping: Grouping {
                    memberships: memberships
                        .into_iter()
                        .map(|(story, copy_of, score)| Membership {
                            story,
                            copy_of,
                            why: Explanation {
                                score,
                                shared_entities: vec!["person:x".into(), "<k>".into()],
                                shared_terms: vec!["t&".into()],
                            },
                        })
                        .collect(),
                    merges,
                },
                stories,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn renderers_never_panic_and_html_stays_sound(mut a in analysis()) {
        // Make some stories list the generated ids "a0", "a1".
        for (i, s) in a.stories.iter_mut().enumerate() {
            s.articles.push(format!("a{i}"));
        }
        let json = parallax_report::to_json(&a);
        prop_assert_eq!(&json["schema"], "parallax.analysis/1");
        let articles = json["articles"].as_array().map_or(0, Vec::len);
        prop_assert_eq!(articles, a.documents.len());

        let text = parallax_report::to_text(&a);
        for line in text.lines() {
            prop_assert!(line.chars().count() <= 100, "line too long: {:?}", line);
            prop_assert!(!line.chars().any(char::is_control), "control char: {:?}", line);
        }

        let page = parallax_report::to_html(&a);
        let tags = markup::parse(&page);
        let mut ids = HashSet::new();
        for id in tags.iter().filter_map(|t| t.get("id")) {
            prop_assert!(ids.insert(id.to_string()), "duplicate id {}", id);
        }
        for href in tags.iter().filter_map(|t| t.get("href")) {
            prop_assert!(href.starts_with('#') || href.starts_with("http"), "href {}", href);
        }
    }
}
