//! A small hand-built analysis: two fictional articles about one story.
//!
//! The Harbour Herald and the Valley Ledger report that the (fictional)
//! Brackwater ferry resumes service. They share one claim, the Herald has one
//! exclusive claim and a promo line, the mayor's quote is worded differently,
//! the Ledger prints a fragment of a second quote, and the outlets spell the
//! mayor's first name differently (Ilse / Ilze).

use chrono::{NaiveDate, TimeZone, Utc};
use parallax_model::*;

pub const HERALD: &str = "Mayor Ilse Vantongeren said the Brackwater ferry would resume service on Monday.\n\n\
“We owe the islanders a reliable crossing,” Vantongeren said. “The timetable will be published on Friday.”\n\n\
Repairs to the hull cost €2.4 million, according to the council.\n\n\
Read more: Ten ferries that changed the coast";

pub const LEDGER: &str = "Mayor Ilze Vantongeren announced that the Brackwater ferry would resume service on Monday.\n\n\
“We owe the islanders a dependable crossing,” the mayor said.\n\n\
The timetable will be “published on Friday”, she added.";

/// The span of the first occurrence of `needle` in `text`.
pub fn at(text: &str, needle: &str) -> Span {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in fixture text"));
    Span {
        start,
        end: start + needle.len(),
    }
}

/// The span of occurrence `n` (0-based) of `needle` in `text`.
pub fn nth(text: &str, needle: &str, n: usize) -> Span {
    let (start, _) = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} not {n} times in fixture text"));
    Span {
        start,
        end: start + needle.len(),
    }
}

/// The spans of the paragraphs of `text` (separated by a blank line).
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        spans.push(Span {
            start,
            end: start + part.len(),
        });
        start += part.len() + 2;
    }
    spans
}

fn segment(text: &str, sentence: &str, paragraph: usize, kind: SegmentKind) -> Segment {
    Segment {
        span: at(text, sentence),
        paragraph,
        kind,
    }
}

fn occurrence(id: &str, text: &str, passage: &str) -> Occurrence {
    let span = at(text, passage);
    Occurrence {
        article: id.into(),
        start: span.start,
        end: span.end,
        text: passage.into(),
    }
}

fn piece(op: DiffOp, text: &str) -> DiffPiece {
    DiffPiece {
        op,
        text: text.into(),
    }
}

fn entity(name: &str, kind: EntityKind, key: &str) -> LocalEntity {
    LocalEntity {
        name: name.into(),
        kind,
        key: key.into(),
    }
}

pub const HERALD_SHARED: &str =
    "Mayor Ilse Vantongeren said the Brackwater ferry would resume service on Monday.";
pub const LEDGER_SHARED: &str =
    "Mayor Ilze Vantongeren announced that the Brackwater ferry would resume service on Monday.";
pub const HERALD_EXCLUSIVE: &str =
    "Repairs to the hull cost €2.4 million, according to the council.";
pub const HERALD_PROMO: &str = "Read more: Ten ferries that changed the coast";
pub const HERALD_QUOTE: &str = "We owe the islanders a reliable crossing,";
pub const LEDGER_QUOTE: &str = "We owe the islanders a dependable crossing,";
pub const HERALD_TIMETABLE: &str = "The timetable will be published on Friday.";
pub const LEDGER_FRAGMENT: &str = "published on Friday";

pub fn herald() -> Document {
    let text = HERALD;
    Document {
        article: Article {
            id: "herald-ferry".into(),
            source: Some("The Harbour Herald".into()),
            url: Some("https://herald.example/ferry?from=rss&lang=en".into()),
            title: "Brackwater ferry back on Monday".into(),
            published: Utc.with_ymd_and_hms(2026, 4, 2, 9, 30, 0).single(),
            language: Some("en".into()),
            text: text.into(),
        },
        cleaned: Cleaned {
            paragraphs: paragraphs(text),
            segments: vec![
                segment(text, HERALD_SHARED, 0, SegmentKind::Body),
                segment(
                    text,
                    "“We owe the islanders a reliable crossing,” Vantongeren said.",
                    1,
                    SegmentKind::Body,
                ),
                segment(
                    text,
                    "“The timetable will be published on Friday.”",
                    1,
                    SegmentKind::Body,
                ),
                segment(text, HERALD_EXCLUSIVE, 2, SegmentKind::Body),
                segment(text, HERALD_PROMO, 3, SegmentKind::Promo),
            ],
        },
        annotations: Annotations {
            entities: vec![
                entity("Ilse Vantongeren", EntityKind::Person, "person:vantongeren"),
                entity("Brackwater", EntityKind::Place, "place:brackwater"),
            ],
            mentions: vec![
                Mention {
                    span: at(text, "Ilse Vantongeren"),
                    entity: 0,
                },
                Mention {
                    span: at(text, "Brackwater"),
                    entity: 1,
                },
                Mention {
                    span: nth(text, "Vantongeren", 1),
                    entity: 0,
                },
            ],
            quotes: vec![
                Quote {
                    span: at(text, HERALD_QUOTE),
                    form: QuoteForm::Direct,
                    speaker: Some(0),
                    speaker_span: Some(nth(text, "Vantongeren", 1)),
                    cue_span: None,
                },
                Quote {
                    span: at(text, HERALD_TIMETABLE),
                    form: QuoteForm::Direct,
                    speaker: Some(0),
                    speaker_span: None,
                    cue_span: None,
                },
            ],
            speculative: vec![],
            events: vec![Event {
                kind: EventType::Agree,
                mode: String::new(),
                source: Some(Actor {
                    span: at(text, "Mayor Ilse Vantongeren"),
                    entity: Some(0),
                    sector: "government".into(),
                }),
                target: Some(Actor {
                    span: at(text, "Brackwater"),
                    entity: Some(1),
                    sector: String::new(),
                }),
                trigger: at(text, "would resume"),
                sentence: 0,
                when: NaiveDate::from_ymd_opt(2026, 4, 6),
            }],
            dates: vec![],
        },
    }
}

pub fn ledger() -> Document {
    let text = LEDGER;
    Document {
        article: Article {
            id: "ledger-ferry".into(),
            source: Some("Valley Ledger".into()),
            url: None,
            title: "Ferry to Brackwater islands returns".into(),
            published: Utc.with_ymd_and_hms(2026, 4, 2, 11, 0, 0).single(),
            language: Some("en".into()),
            text: text.into(),
        },
        cleaned: Cleaned {
            paragraphs: paragraphs(text),
            segments: vec![
                segment(text, LEDGER_SHARED, 0, SegmentKind::Body),
                segment(
                    text,
                    "“We owe the islanders a dependable crossing,” the mayor said.",
                    1,
                    SegmentKind::Body,
                ),
                segment(
                    text,
                    "The timetable will be “published on Friday”, she added.",
                    2,
                    SegmentKind::Body,
                ),
            ],
        },
        annotations: Annotations {
            // Deliberately in the other order from the Herald's, so that the
            // story's entity_map is what links them.
            entities: vec![
                entity("Brackwater", EntityKind::Place, "place:brackwater"),
                entity("Ilze Vantongeren", EntityKind::Person, "person:vantongeren"),
            ],
            mentions: vec![
                Mention {
                    span: at(text, "Ilze Vantongeren"),
                    entity: 1,
                },
                Mention {
                    span: at(text, "Brackwater"),
                    entity: 0,
                },
            ],
            quotes: vec![
                Quote {
                    span: at(text, LEDGER_QUOTE),
                    form: QuoteForm::Direct,
                    speaker: Some(1),
                    speaker_span: Some(at(text, "the mayor")),
                    cue_span: Some(at(text, "said")),
                },
                Quote {
                    span: at(text, LEDGER_FRAGMENT),
                    form: QuoteForm::Partial,
                    speaker: Some(1),
                    speaker_span: Some(at(text, "she")),
                    cue_span: Some(at(text, "added")),
                },
            ],
            speculative: vec![],
            events: vec![],
            dates: vec![],
        },
    }
}

pub fn story() -> Story {
    use DiffOp::*;
    Story {
        id: "story-1".into(),
        title: "Brackwater ferry back on Monday".into(),
        articles: vec!["herald-ferry".into(), "ledger-ferry".into()],
        independent_outlets: 2,
        entities: vec![
            StoryEntity {
                name: "Ilse Vantongeren".into(),
                kind: EntityKind::Person,
                key: "person:vantongeren".into(),
                aliases: vec!["Ilze Vantongeren".into(), "Vantongeren".into()],
                spellings: vec![
                    Spelling {
                        article: "herald-ferry".into(),
                        outlet: "The Harbour Herald".into(),
                        forms: vec!["Ilse Vantongeren".into(), "Vantongeren".into()],
                    },
                    Spelling {
                        article: "ledger-ferry".into(),
                        outlet: "Valley Ledger".into(),
                        forms: vec!["Ilze Vantongeren".into()],
                    },
                ],
            },
            StoryEntity {
                name: "Brackwater".into(),
                kind: EntityKind::Place,
                key: "place:brackwater".into(),
                aliases: vec![],
                spellings: vec![
                    Spelling {
                        article: "herald-ferry".into(),
                        outlet: "The Harbour Herald".into(),
                        forms: vec!["Brackwater".into()],
                    },
                    Spelling {
                        article: "ledger-ferry".into(),
                        outlet: "Valley Ledger".into(),
                        forms: vec!["Brackwater".into()],
                    },
                ],
            },
        ],
        quotes: vec![
            QuoteGroup {
                speaker: Some("Ilse Vantongeren".into()),
                reference: 1,
                occurrences: vec![
                    QuoteOccurrence {
                        at: occurrence("herald-ferry", HERALD, HERALD_QUOTE),
                        fragment: false,
                        diff: vec![
                            piece(Same, "We owe the islanders a"),
                            piece(Removed, "dependable"),
                            piece(Added, "reliable"),
                            piece(Same, "crossing,"),
                        ],
                    },
                    QuoteOccurrence {
                        at: occurrence("ledger-ferry", LEDGER, LEDGER_QUOTE),
                        fragment: false,
                        diff: vec![],
                    },
                ],
            },
            QuoteGroup {
                speaker: Some("Ilse Vantongeren".into()),
                reference: 0,
                occurrences: vec![
                    QuoteOccurrence {
                        at: occurrence("herald-ferry", HERALD, HERALD_TIMETABLE),
                        fragment: false,
                        diff: vec![],
                    },
                    QuoteOccurrence {
                        at: occurrence("ledger-ferry", LEDGER, LEDGER_FRAGMENT),
                        fragment: true,
                        diff: vec![
                            piece(Removed, "The timetable will be"),
                            piece(Same, "published on Friday"),
                            piece(Removed, "."),
                        ],
                    },
                ],
            },
        ],
        shared: vec![SharedClaim {
            occurrences: vec![
                occurrence("herald-ferry", HERALD, HERALD_SHARED),
                occurrence("ledger-ferry", LEDGER, LEDGER_SHARED),
            ],
            agreement: 0.42,
        }],
        exclusive: vec![occurrence("herald-ferry", HERALD, HERALD_EXCLUSIVE)],
        discrepancies: Vec::new(),
        entity_map: vec![vec![Some(0), Some(1)], vec![Some(1), Some(0)]],
        acts: vec![Act {
            kind: EventType::Agree,
            mode: String::new(),
            when: NaiveDate::from_ymd_opt(2026, 4, 6),
            source: Some(ActActor {
                name: "Ilse Vantongeren".into(),
                entity: Some(0),
            }),
            target: Some(ActActor {
                name: "Brackwater".into(),
                entity: Some(1),
            }),
            outlets: vec!["The Harbour Herald".into()],
            reports: vec![EventRef {
                article: "herald-ferry".into(),
                event: 0,
            }],
        }],
        timeline: vec![0],
    }
}

pub fn analysis() -> Analysis {
    Analysis {
        documents: vec![herald(), ledger()],
        grouping: Grouping {
            memberships: vec![
                Membership {
                    story: 0,
                    copy_of: None,
                    why: Explanation::default(),
                },
                Membership {
                    story: 0,
                    copy_of: None,
                    why: Explanation {
                        score: 0.62,
                        shared_entities: vec![
                            "person:vantongeren".into(),
                            "place:brackwater".into(),
                        ],
                        shared_terms: vec!["ferry".into(), "monday".into()],
                    },
                },
            ],
            merges: vec![(1, 0)],
        },
        stories: vec![story()],
    }
}
