//! The demo corpus (`examples/`) against EXPECTED.md: shared and exclusive
//! claims (section 5) and quote groups (section 3).
//!
//! The other per-article stages are not used: documents are built with a
//! crude test-only segmentation (paragraphs on blank lines, sentences after
//! `. `/`? `/`! ` before a capital or a quote mark), every sentence `Body`
//! except the flagged lines of EXPECTED.md section 4, no entities and no
//! quotes. The articles themselves are read with `parallax-read`, as the
//! pipeline reads them.

use std::path::PathBuf;
use std::sync::LazyLock;

use parallax_model::{
    Annotations, Article, Cleaned, DiffOp, Document, Explanation, Grouping, Membership, Quote,
    QuoteForm, Segment, SegmentKind, Span, Story,
};

/// Arrival order and story of every article (EXPECTED.md section 1).
const ARTICLES: &[(&str, usize)] = &[
    ("northgate-lena-marsh-rehab", 0),
    ("eastbridge-lena-marsh-rehab", 0),
    ("ledger-lena-marsh-rehab", 0),
    ("meridian-sokolovskiy-call", 1),
    ("herald-sokolovskyy-call", 1),
    ("northgate-sokolovsky-call", 1),
    ("meridian-rotterdam-strike", 2),
    ("eastbridge-sokolovskyy-call", 1),
    ("ledger-rotterdam-strike", 2),
    ("herald-rotterdam-strike", 2),
    ("meridian-tomas-reyes-rehab", 3),
    ("herald-tomas-reyes-rehab", 3),
    ("eastbridge-tomas-reyes-rehab", 3),
    ("eastbridge-antwerp-strike", 4),
    ("northgate-antwerp-strike", 4),
    ("herald-wielgosz-coalition", 5),
    ("northgate-wielgosz-coalition", 5),
];

/// Flagged text per article (EXPECTED.md section 4).
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
        "According to the criteria of the Northgate Editorial Standards Board, this article is a news report based on verified sources and contains no opinion.",
    ),
    (
        "northgate-lena-marsh-rehab",
        SegmentKind::Boilerplate,
        "According to the criteria of the Northgate Editorial Standards Board, this article is a news report based on verified sources and contains no opinion.",
    ),
    (
        "northgate-antwerp-strike",
        SegmentKind::Boilerplate,
        "According to the criteria of the Northgate Editorial Standards Board, this article is a news report based on verified sources and contains no opinion.",
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
    (
        "meridian-sokolovskiy-call",
        SegmentKind::Speculation,
        "It could suggest that Warsaw is preparing to soften its ban on some Ukrainian farm imports before the Lublin meeting.",
    ),
    (
        "eastbridge-sokolovskyy-call",
        SegmentKind::Speculation,
        "The warmer tone appears to mark a turn after months of friction over farm imports.",
    ),
    (
        "herald-wielgosz-coalition",
        SegmentKind::Speculation,
        "The move appears designed to extract concessions from Wielgosz before the vote rather than to bring down the government.",
    ),
    (
        "northgate-wielgosz-coalition",
        SegmentKind::Speculation,
        "In our view, the prime minister has run out of room to manoeuvre.",
    ),
    (
        "northgate-wielgosz-coalition",
        SegmentKind::Speculation,
        "But can the coalition survive another winter?",
    ),
];

/// The demo corpus as the reader reads it, once per test binary.
static EXAMPLES: LazyLock<Vec<Article>> = LazyLock::new(|| {
    let batch = parallax_read::read_paths(&[PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples"
    ))]);
    assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
    batch.articles
});

fn load(id: &str) -> Article {
    EXAMPLES
        .iter()
        .find(|a| a.id == id)
        .cloned()
        .unwrap_or_else(|| panic!("demo article {id} is missing"))
}

/// Test-only sentence splitter: after `.`, `?` or `!` (and an optional closing
/// quote mark) followed by a space and a capital letter or an opening quote.
fn sentences(text: &str, para: Span) -> Vec<Span> {
    let body = para.slice(text);
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut next = k + 1;
        if let Some(&(j, q)) = chars.get(next)
            && matches!(q, '”' | '"')
        {
            end = j + q.len_utf8();
            next += 1;
        }
        let space = matches!(chars.get(next), Some(&(_, ' ')));
        let starts = chars
            .get(next + 1)
            .is_some_and(|&(_, n)| n.is_uppercase() || matches!(n, '“' | '"'));
        if space && starts {
            out.push(Span::new(para.start + start, para.start + end));
            start = chars.get(next + 1).map_or(body.len(), |&(j, _)| j);
        }
    }
    if start < body.len() {
        out.push(Span::new(para.start + start, para.end));
    }
    out
}

fn document(a: Article) -> Document {
    let mut cleaned = Cleaned::default();
    let mut at = 0;
    for para in a.text.split("\n\n") {
        let span = Span::new(at, at + para.len());
        at += para.len() + 2;
        let index = cleaned.paragraphs.len();
        cleaned.paragraphs.push(span);
        for s in sentences(&a.text, span) {
            cleaned.segments.push(Segment {
                span: s,
                paragraph: index,
                kind: SegmentKind::Body,
            });
        }
    }
    for (id, kind, line) in FLAGGED {
        if *id != a.id {
            continue;
        }
        let start = a.text.find(line).expect("flagged line is in the article");
        let range = Span::new(start, start + line.len());
        let mut hit = false;
        for seg in &mut cleaned.segments {
            if range.contains(seg.span) {
                seg.kind = *kind;
                hit = true;
            }
        }
        assert!(hit, "flagged line {line:?} is not a whole sentence");
    }
    Document {
        article: a,
        cleaned,
        annotations: Annotations::default(),
    }
}

fn corpus() -> (Vec<Document>, Grouping) {
    let docs: Vec<Document> = ARTICLES.iter().map(|(id, _)| document(load(id))).collect();
    let original = ARTICLES
        .iter()
        .position(|(id, _)| *id == "meridian-rotterdam-strike");
    let memberships = ARTICLES
        .iter()
        .map(|(id, story)| Membership {
            story: *story,
            copy_of: if *id == "ledger-rotterdam-strike" {
                original
            } else {
                None
            },
            why: Explanation::default(),
        })
        .collect();
    (
        docs,
        Grouping {
            memberships,
            merges: Vec::new(),
        },
    )
}

/// Shared claims S1–S9: `(story index, [(article, sentence)])`.
const SHARED: &[(usize, &[(&str, &str)])] = &[
    (
        1,
        &[
            (
                "herald-sokolovskyy-call",
                "More than 1,200 trucks were waiting to cross into Poland on Thursday morning, according to Ukraine’s State Border Guard Service, some of them for as long as five days.",
            ),
            (
                "northgate-sokolovsky-call",
                "The border guard service in Kiev said more than 1,200 trucks were queuing at crossings into Poland on Thursday morning.",
            ),
            (
                "meridian-sokolovskiy-call",
                "Ukraine's border guard service said more than 1,200 trucks were waiting at crossings into Poland on Thursday morning.",
            ),
            (
                "eastbridge-sokolovskyy-call",
                "Ukraine’s border guards reported more than 1,200 trucks waiting at crossings into Poland on Thursday morning.",
            ),
        ],
    ),
    (
        1,
        &[
            (
                "herald-sokolovskyy-call",
                "The two leaders agreed to meet in person in Lublin on March 27.",
            ),
            (
                "northgate-sokolovsky-call",
                "Sokolovsky and Wielgosz will meet face to face in Lublin on March 27, both offices said.",
            ),
            (
                "meridian-sokolovskiy-call",
                "The leaders agreed to hold a meeting in Lublin on March 27, according to statements from both governments.",
            ),
            (
                "eastbridge-sokolovskyy-call",
                "A face-to-face meeting is planned in Lublin on March 27.",
            ),
        ],
    ),
    (
        1,
        &[
            (
                "herald-sokolovskyy-call",
                "The call lasted about 90 minutes, according to Sokolovskyy’s office.",
            ),
            (
                "meridian-sokolovskiy-call",
                "The conversation lasted about 90 minutes, the Ukrainian presidential office said.",
            ),
        ],
    ),
    (
        1,
        &[
            (
                "herald-sokolovskyy-call",
                "The working group, led by deputy ministers from both countries, will hold its first meeting within 10 days, the Polish government said.",
            ),
            (
                "northgate-sokolovsky-call",
                "The working group will meet for the first time within 10 days, according to the Polish government.",
            ),
            (
                "eastbridge-sokolovskyy-call",
                "Wielgosz said the new joint working group would meet “within days” and would report to both leaders before the Lublin meeting.",
            ),
        ],
    ),
    (
        0,
        &[
            (
                "northgate-lena-marsh-rehab",
                "Tickets for the postponed concerts remain valid, and new dates will be announced by the end of May, the tour promoter said.",
            ),
            (
                "eastbridge-lena-marsh-rehab",
                "Ticket holders do not need to do anything, the promoter said: tickets for the postponed concerts remain valid, and the new dates will be announced by the end of May.",
            ),
            (
                "ledger-lena-marsh-rehab",
                "Tickets for the postponed concerts remain valid, and the new dates will be announced by the end of May, the promoter said.",
            ),
        ],
    ),
    (
        3,
        &[
            (
                "meridian-tomas-reyes-rehab",
                "Filming of the second season of \"Cold Acre\" in Belfast has been paused for three weeks, production company Greyfield Pictures said.",
            ),
            (
                "herald-tomas-reyes-rehab",
                "Greyfield Pictures, which makes the series, said filming of the second season had been paused for three weeks.",
            ),
            (
                "eastbridge-tomas-reyes-rehab",
                "Greyfield Pictures said filming of the second season in Belfast would be paused for three weeks.",
            ),
        ],
    ),
    (
        2,
        &[
            (
                "meridian-rotterdam-strike",
                "By Friday morning 40 container ships were waiting outside the port or had slowed their approach, according to ship-tracking data.",
            ),
            (
                "herald-rotterdam-strike",
                "According to ship-tracking data, 40 container ships were waiting outside the port or had slowed down on Friday morning.",
            ),
        ],
    ),
    (
        4,
        &[
            (
                "eastbridge-antwerp-strike",
                "At least 25 ships were diverted to other ports or delayed, according to the port’s harbour master.",
            ),
            (
                "northgate-antwerp-strike",
                "The port's harbour master said at least 25 ships had been diverted or delayed by the strike.",
            ),
        ],
    ),
    (
        5,
        &[
            (
                "herald-wielgosz-coalition",
                "Wielgosz’s three-party coalition holds 236 of the 460 seats in the Sejm.",
            ),
            (
                "northgate-wielgosz-coalition",
                "The coalition controls 236 of the 460 seats in the Sejm.",
            ),
        ],
    ),
];

const EXCLUSIVE: &[(usize, &str, &str)] = &[
    (
        1,
        "herald-sokolovskyy-call",
        "Officials in Kyiv told the Herald that the two leaders also discussed a rail corridor that would carry up to 3 million tonnes of Ukrainian grain a year from Odesa to the Polish port of Gdynia.",
    ),
    (
        1,
        "northgate-sokolovsky-call",
        "The call came two days after about 60 tractors blocked a regional road near the eastern Polish town of Hrubieszow, where farmers are protesting against grain imports from Ukraine.",
    ),
    (
        1,
        "meridian-sokolovskiy-call",
        "The Ukrainian side said a second call between the two leaders was planned for early April.",
    ),
    (
        1,
        "eastbridge-sokolovskyy-call",
        "The Polish Chamber of Transport & Logistics said in a statement that Polish hauliers had lost more than 40 million zlotys since January because of delays at the border.",
    ),
    (
        2,
        "herald-rotterdam-strike",
        "Dutch supermarket chains said deliveries of fresh fruit from South America would be delayed by up to a week.",
    ),
    (
        0,
        "eastbridge-lena-marsh-rehab",
        "The singer’s record label, Tidewater Records, said it had pushed back the release of her next single, which had been due in April.",
    ),
    (
        3,
        "eastbridge-tomas-reyes-rehab",
        "Reyes had been scheduled to present an award at a film festival in Malaga next week.",
    ),
];

fn dump(story: &Story) -> String {
    let mut s = String::new();
    for c in &story.shared {
        s.push_str("CLAIM\n");
        for o in &c.occurrences {
            s.push_str(&format!("  {} {}\n", o.article, o.text));
        }
    }
    s
}

#[test]
fn shared_claims_match_expected_rows() {
    let (docs, grouping) = corpus();
    let stories = parallax_compare::compare(&docs, &grouping);
    assert_eq!(stories.len(), 6);
    for (row, (story, sentences)) in SHARED.iter().enumerate() {
        let st = &stories[*story];
        let claim = st
            .shared
            .iter()
            .find(|c| c.occurrences.iter().any(|o| o.text == sentences[0].1))
            .unwrap_or_else(|| panic!("S{} not shared in\n{}", row + 1, dump(st)));
        let mut got: Vec<(&str, &str)> = claim
            .occurrences
            .iter()
            .map(|o| (o.article.as_str(), o.text.as_str()))
            .collect();
        let mut want = sentences.to_vec();
        got.sort();
        want.sort();
        assert_eq!(got, want, "S{} in\n{}", row + 1, dump(st));
    }
    // No sentence in two claims, and offsets are exact.
    for st in &stories {
        let mut seen = std::collections::HashSet::new();
        for o in st
            .shared
            .iter()
            .flat_map(|c| &c.occurrences)
            .chain(&st.exclusive)
        {
            assert!(seen.insert((o.article.clone(), o.start)), "{o:?} twice");
            let doc = docs
                .iter()
                .find(|d| d.article.id == o.article)
                .expect("doc");
            assert_eq!(doc.article.text.get(o.start..o.end), Some(o.text.as_str()));
        }
    }
}

#[test]
fn exclusive_sentences_are_exclusive() {
    let (docs, grouping) = corpus();
    let stories = parallax_compare::compare(&docs, &grouping);
    for (story, article, text) in EXCLUSIVE {
        let st = &stories[*story];
        assert!(
            st.exclusive
                .iter()
                .any(|o| o.article == *article && o.text == *text),
            "{text} is not exclusive in\n{}",
            dump(st)
        );
    }
}

#[test]
fn copies_do_not_count_and_stories_have_their_headers() {
    let (docs, grouping) = corpus();
    let stories = parallax_compare::compare(&docs, &grouping);
    let outlets: Vec<usize> = stories.iter().map(|s| s.independent_outlets).collect();
    assert_eq!(outlets, [3, 4, 2, 3, 2, 2]);
    let rotterdam = &stories[2];
    assert_eq!(rotterdam.id, "story-3");
    assert_eq!(
        rotterdam.articles,
        [
            "meridian-rotterdam-strike",
            "ledger-rotterdam-strike",
            "herald-rotterdam-strike"
        ]
    );
    assert!(rotterdam.title.contains("Rotterdam"));
    let everything = rotterdam
        .shared
        .iter()
        .flat_map(|c| &c.occurrences)
        .chain(&rotterdam.exclusive);
    assert!(
        everything
            .into_iter()
            .all(|o| o.article != "ledger-rotterdam-strike")
    );
    // A Meridian-only sentence stays exclusive although the copy repeats it.
    assert!(rotterdam.exclusive.iter().any(|o| o.article == "meridian-rotterdam-strike"
        && o.text == "Rotterdam is Europe's largest port and handled about 13 million containers last year."));
}

/// A hand-built quote: the quoted text found in the article, its speaker given
/// as a local entity index.
fn with_quotes(
    mut doc: Document,
    quotes: &[(&str, QuoteForm, usize)],
    speakers: &[(&str, &str)],
) -> Document {
    for (name, key) in speakers {
        doc.annotations.entities.push(parallax_model::LocalEntity {
            name: (*name).to_string(),
            kind: parallax_model::EntityKind::Person,
            key: (*key).to_string(),
        });
    }
    for (text, form, speaker) in quotes {
        let start = doc
            .article
            .text
            .find(text)
            .unwrap_or_else(|| panic!("{text} not found"));
        doc.annotations.quotes.push(Quote {
            span: Span::new(start, start + text.len()),
            form: *form,
            speaker: Some(*speaker),
            speaker_span: None,
            cue_span: None,
        });
    }
    doc.annotations.quotes.sort_by_key(|q| q.span.start);
    doc
}

fn pieces(occ: &parallax_model::QuoteOccurrence) -> Vec<(DiffOp, &str)> {
    occ.diff.iter().map(|p| (p.op, p.text.as_str())).collect()
}

#[test]
fn story2_quote_groups_c1_to_c4() {
    use QuoteForm::{Direct, Partial};
    const S: (&str, &str) = ("Andriy Sokolovskyy", "person:andriy sokolovskyy");
    const W: (&str, &str) = ("Marta Wielgosz", "person:marta wielgosz");
    const K: (&str, &str) = ("Pawel Kruk", "person:pawel kruk");
    let meridian = with_quotes(
        document(load("meridian-sokolovskiy-call")),
        &[
            ("a long and meaningful phone call", Partial, 0),
            (
                "The blockades hurt both economies and helped neither,",
                Direct,
                1,
            ),
        ],
        &[("Andriy Sokolovskiy", S.1), ("Pawel Kruk", K.1)],
    );
    let herald = with_quotes(
        document(load("herald-sokolovskyy-call")),
        &[
            ("It was a long and significant phone call,", Direct, 0),
            (
                "I believe that this call will open a new chapter for our two nations.",
                Direct,
                0,
            ),
            (
                "Poland has stood with Ukraine since the first day of the war and will stand with it until the last. But friendship also means solving practical problems together.\n\n“Our farmers, our hauliers and our border guards deserve clear rules, and that is what we agreed to write in the coming weeks.",
                Direct,
                1,
            ),
            ("hurt both economies and helped neither", Partial, 2),
        ],
        &[S, W, ("Paweł Kruk", K.1)],
    );
    let northgate = with_quotes(
        document(load("northgate-sokolovsky-call")),
        &[
            ("It was a long and meaningful phone call,", Direct, 0),
            (
                "I believe this call will open a new chapter for our two nations,",
                Direct,
                0,
            ),
            (
                "Our farmers, our hauliers and our border guards deserve clear rules,",
                Direct,
                1,
            ),
        ],
        &[("Andrii Sokolovsky", S.1), W],
    );
    let docs = vec![meridian, herald, northgate];
    let grouping = Grouping {
        memberships: (0..3)
            .map(|_| Membership {
                story: 0,
                copy_of: None,
                why: Explanation::default(),
            })
            .collect(),
        merges: Vec::new(),
    };
    let story = &parallax_compare::compare(&docs, &grouping)[0];
    let group_of = |article: &str, prefix: &str| {
        story
            .quotes
            .iter()
            .position(|g| {
                g.occurrences
                    .iter()
                    .any(|o| o.at.article == article && o.at.text.starts_with(prefix))
            })
            .unwrap_or_else(|| panic!("{prefix} not grouped"))
    };
    assert_eq!(story.quotes.len(), 4, "{:#?}", story.quotes);
    // C1: three occurrences, Herald's full wording is the reference.
    let c1 = &story.quotes[group_of("herald-sokolovskyy-call", "It was a long")];
    assert_eq!(c1.occurrences.len(), 3);
    assert_eq!(
        c1.occurrences[c1.reference].at.article,
        "herald-sokolovskyy-call"
    );
    // Each of the three spellings is used by one article here: the earliest wins.
    assert_eq!(c1.speaker.as_deref(), Some("Andriy Sokolovskiy"));
    for o in &c1.occurrences {
        match o.at.article.as_str() {
            "meridian-sokolovskiy-call" => {
                assert!(o.fragment);
                assert_eq!(
                    pieces(o),
                    [
                        (DiffOp::Same, "a long and"),
                        (DiffOp::Removed, "significant"),
                        (DiffOp::Added, "meaningful"),
                        (DiffOp::Same, "phone call")
                    ]
                );
            }
            "northgate-sokolovsky-call" => {
                assert!(!o.fragment);
                assert_eq!(
                    pieces(o),
                    [
                        (DiffOp::Same, "It was a long and"),
                        (DiffOp::Removed, "significant"),
                        (DiffOp::Added, "meaningful"),
                        (DiffOp::Same, "phone call")
                    ]
                );
            }
            _ => assert!(o.diff.is_empty()),
        }
    }
    // C2: `that` inserted.
    let c2 = &story.quotes[group_of("herald-sokolovskyy-call", "I believe")];
    assert_eq!(c2.occurrences.len(), 2);
    let ng = c2
        .occurrences
        .iter()
        .find(|o| o.at.article == "northgate-sokolovsky-call")
        .expect("northgate C2");
    assert!(!ng.fragment);
    assert_eq!(
        pieces(ng),
        [
            (DiffOp::Same, "I believe"),
            (DiffOp::Removed, "that"),
            (
                DiffOp::Same,
                "this call will open a new chapter for our two nations"
            )
        ]
    );
    // C3: Northgate prints a fragment of the two-paragraph statement.
    let c3 = &story.quotes[group_of("northgate-sokolovsky-call", "Our farmers")];
    assert_eq!(c3.speaker.as_deref(), Some("Marta Wielgosz"));
    let frag = c3
        .occurrences
        .iter()
        .find(|o| o.at.article == "northgate-sokolovsky-call")
        .expect("C3 fragment");
    assert!(frag.fragment);
    assert_eq!(
        pieces(frag),
        [(
            DiffOp::Same,
            "Our farmers, our hauliers and our border guards deserve clear rules"
        )]
    );
    // C4: Herald's partial quote is a fragment of Meridian's.
    let c4 = &story.quotes[group_of("herald-sokolovskyy-call", "hurt both")];
    assert_eq!(
        c4.occurrences[c4.reference].at.article,
        "meridian-sokolovskiy-call"
    );
    let frag = c4
        .occurrences
        .iter()
        .find(|o| o.at.article == "herald-sokolovskyy-call")
        .expect("C4 fragment");
    assert!(frag.fragment);
    assert_eq!(
        pieces(frag),
        [(DiffOp::Same, "hurt both economies and helped neither")]
    );
    assert!(["Pawel Kruk", "Paweł Kruk"].contains(&c4.speaker.as_deref().unwrap_or("")));
}

#[test]
fn story4_t1_variant_and_t4_stays_apart() {
    use QuoteForm::Direct;
    const R: (&str, &str) = ("Tomas Reyes", "person:tomas reyes");
    let meridian = with_quotes(
        document(load("meridian-tomas-reyes-rehab")),
        &[(
            "I'm not proud of where I am, but I'm proud I asked for help,",
            Direct,
            0,
        )],
        &[R],
    );
    let herald = with_quotes(
        document(load("herald-tomas-reyes-rehab")),
        &[(
            "I am not proud of where I am, but I am proud that I asked for help,",
            Direct,
            0,
        )],
        &[R],
    );
    let eastbridge = with_quotes(
        document(load("eastbridge-tomas-reyes-rehab")),
        &[(
            "I asked for help because I want to be well for my daughters,",
            Direct,
            0,
        )],
        &[("Reyes", "person:reyes")],
    );
    let docs = vec![meridian, herald, eastbridge];
    let grouping = Grouping {
        memberships: (0..3)
            .map(|_| Membership {
                story: 0,
                copy_of: None,
                why: Explanation::default(),
            })
            .collect(),
        merges: Vec::new(),
    };
    let story = &parallax_compare::compare(&docs, &grouping)[0];
    assert_eq!(story.quotes.len(), 2, "{:#?}", story.quotes);
    let t1 = &story.quotes[0];
    assert_eq!(t1.occurrences.len(), 2);
    assert_eq!(
        t1.occurrences[t1.reference].at.article,
        "herald-tomas-reyes-rehab"
    );
    let m = &t1.occurrences[0];
    assert!(!m.fragment);
    assert_eq!(
        pieces(m),
        [
            (DiffOp::Same, "I'm not proud of where I am, but I'm proud"),
            (DiffOp::Removed, "that"),
            (DiffOp::Same, "I asked for help")
        ]
    );
    let t4 = &story.quotes[1];
    assert_eq!(t4.occurrences.len(), 1);
    assert_eq!(t4.occurrences[0].at.article, "eastbridge-tomas-reyes-rehab");
    // The surname-only key merged into the full one.
    assert_eq!(t4.speaker.as_deref(), Some("Tomas Reyes"));
}
