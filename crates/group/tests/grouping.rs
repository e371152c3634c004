//! Behaviour of the story clusterer on small fictional fixtures.

use chrono::{DateTime, Duration, TimeZone, Utc};
use parallax_group::{Clusterer, Config, group};
use parallax_model::{
    Annotations, Article, Cleaned, Document, EntityKind, Grouping, LocalEntity, Mention, Segment,
    SegmentKind, Span,
};

/// A document from a title, body sentences (one paragraph) and entities given
/// as `(key, name as written)`; every occurrence of the name is a mention.
fn doc(
    id: &str,
    title: &str,
    sentences: &[&str],
    entities: &[(&str, &str)],
    published: Option<DateTime<Utc>>,
) -> Document {
    let mut text = String::new();
    let mut segments = Vec::new();
    for sentence in sentences {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(sentence);
        segments.push(Segment {
            span: Span::new(start, text.len()),
            paragraph: 0,
            kind: SegmentKind::Body,
        });
    }
    let mut annotations = Annotations::default();
    for (index, (key, name)) in entities.iter().enumerate() {
        let kind = match key.split(':').next() {
            Some("person") => EntityKind::Person,
            Some("place") => EntityKind::Place,
            Some("org") => EntityKind::Organization,
            _ => EntityKind::Other,
        };
        annotations.entities.push(LocalEntity {
            name: (*name).to_string(),
            kind,
            key: (*key).to_string(),
        });
        for (start, found) in text.match_indices(name) {
            annotations.mentions.push(Mention {
                span: Span::new(start, start + found.len()),
                entity: index,
            });
        }
    }
    annotations.mentions.sort_by_key(|m| m.span);
    Document {
        article: Article {
            id: id.into(),
            source: Some(format!("Outlet {id}")),
            url: None,
            title: title.into(),
            published,
            language: Some("en".into()),
            text: text.clone(),
        },
        cleaned: Cleaned {
            paragraphs: vec![Span::new(0, text.len())],
            segments,
        },
        annotations,
    }
}

fn day(d: u32) -> Option<DateTime<Utc>> {
    Utc.with_ymd_and_hms(2031, 3, d, 9, 0, 0).single()
}

fn stories(grouping: &Grouping) -> Vec<usize> {
    grouping.memberships.iter().map(|m| m.story).collect()
}

const PORT: (&str, &str) = ("place:port velden", "Port Velden");
const AUTHORITY: (&str, &str) = ("org:velden harbour authority", "Velden Harbour Authority");

fn crane_collapse_a() -> Document {
    doc(
        "a",
        "Crane collapses onto ships in Port Velden",
        &[
            "A container crane collapsed onto two cargo ships in Port Velden on Monday, injuring four dock workers.",
            "The Velden Harbour Authority closed the eastern quay while engineers inspect the remaining cranes.",
            "The injured workers were taken to the city hospital, where two remain in a serious condition.",
        ],
        &[PORT, AUTHORITY],
        day(3),
    )
}

fn crane_collapse_b() -> Document {
    doc(
        "b",
        "Four hurt as harbour crane falls in Port Velden",
        &[
            "Four dockers were hurt when a giant crane toppled over and crashed onto cargo ships at Port Velden.",
            "The Velden Harbour Authority said the eastern quay would stay shut until every crane is inspected.",
            "Two of the injured dockers are in a serious condition in hospital, the authority said.",
        ],
        &[PORT, AUTHORITY],
        day(3),
    )
}

fn crane_collapse_c() -> Document {
    doc(
        "c",
        "Port Velden quay shut after crane accident",
        &[
            "Inspectors are examining every crane at Port Velden after one collapsed onto ships and injured four workers.",
            "Shipping lines were told to divert cargo away from the eastern quay for at least a week.",
        ],
        &[PORT, AUTHORITY],
        day(4),
    )
}

fn library_opening() -> Document {
    doc(
        "d",
        "Marsby opens a new library",
        &[
            "A new public library opened in the old town of Marsby on Saturday with a reading room for children.",
            "Volunteers from the parish will run a small café on the ground floor.",
        ],
        &[("place:marsby", "Marsby")],
        day(4),
    )
}

#[test]
fn empty_input_gives_an_empty_grouping() {
    assert_eq!(group(&[]), Grouping::default());
    assert!(Clusterer::default().is_empty());
}

#[test]
fn same_event_in_different_words_joins() {
    let docs = [
        crane_collapse_a(),
        crane_collapse_b(),
        library_opening(),
        crane_collapse_c(),
    ];
    let grouping = group(&docs);
    assert_eq!(stories(&grouping), [0, 0, 1, 0]);
    assert!(grouping.merges.is_empty());

    let first = &grouping.memberships[0];
    assert_eq!(first.why.score, 0.0);
    assert!(first.why.shared_entities.is_empty());
    assert!(first.why.shared_terms.is_empty());

    let second = &grouping.memberships[1];
    assert!(second.why.score >= Config::default().join_threshold);
    // Heaviest first: the port is named more often than the authority.
    assert_eq!(
        second.why.shared_entities,
        ["place:port velden", "org:velden harbour authority"]
    );
    assert!(second.why.shared_terms.iter().any(|t| t == "crane"));
    // Terms are shown as words the articles use, not as stems.
    let written = format!("{} {}", docs[0].article.title, docs[0].article.text).to_lowercase();
    for term in &second.why.shared_terms {
        assert!(
            written.contains(term.as_str()),
            "{term} is not a written word"
        );
    }
    assert!(second.why.shared_terms.len() <= 8);
    assert_eq!(second.copy_of, None);
}

fn rehab(
    id: &str,
    person: (&str, &str),
    clinic: (&str, &str),
    day_of_month: u32,
    variant: usize,
) -> Document {
    let (_, name) = person;
    let (_, place) = clinic;
    let sentences = [
        format!(
            "{name} has checked into the {place} for treatment, a representative confirmed on Tuesday."
        ),
        format!(
            "The representative asked for privacy for {name} and the family during the rehab stay."
        ),
        format!("Friends said {name} entered the {place} voluntarily after a difficult year."),
        format!(
            "A spokesperson for {name} would not say what the treatment at the {place} was for."
        ),
    ];
    let chosen: Vec<&str> = sentences
        .iter()
        .skip(variant)
        .take(3)
        .map(String::as_str)
        .collect();
    let title = if variant == 0 {
        format!("{name} enters rehab")
    } else {
        format!("{name} checks into {place}")
    };
    doc(id, &title, &chosen, &[person, clinic], day(day_of_month))
}

#[test]
fn two_rehab_stories_with_different_people_stay_apart() {
    let quill = ("person:mara quill", "Mara Quill");
    let silverpine = ("org:silverpine clinic", "Silverpine Clinic");
    let orlan = ("person:dev orlan", "Dev Orlan");
    let harrow = ("org:harrow lake centre", "Harrow Lake Centre");
    let docs = [
        rehab("q1", quill, silverpine, 10, 0),
        rehab("o1", orlan, harrow, 11, 0),
        rehab("q2", quill, silverpine, 11, 1),
        rehab("o2", orlan, harrow, 12, 1),
    ];
    let grouping = group(&docs);
    assert_eq!(stories(&grouping), [0, 1, 0, 1]);
    assert_eq!(
        grouping.memberships[2].why.shared_entities,
        ["person:mara quill", "org:silverpine clinic"]
    );
}

/// A wire story of realistic length (copies are judged on word 5-shingles,
/// so a two-line text would be swamped by any footer).
fn wire_story() -> Document {
    doc(
        "w",
        "Velden council approves tram extension",
        &[
            "The Velden city council voted on Thursday to extend the northern tram line by six kilometres to the new hospital campus.",
            "The extension will add five stops and is expected to cost about 240 million crowns, to be shared between the city and the region.",
            "Construction is due to begin next spring and the first trams should run on the new section within three years.",
            "Opponents on the council argued that the money would be better spent on buses for the outlying villages.",
            "The transport committee chair said the line would take thousands of cars off the ring road every day.",
            "Residents along the planned route will be invited to public meetings in the coming weeks to discuss noise and parking.",
        ],
        &[("place:velden", "Velden")],
        day(6),
    )
}

fn strike(id: &str, port: (&str, &str), union_leader: (&str, &str)) -> Document {
    let (_, port_name) = port;
    let (_, leader) = union_leader;
    doc(
        id,
        &format!("Dock workers strike at {port_name}"),
        &[
            &format!(
                "Dock workers at {port_name} walked out on Wednesday in a dispute over night-shift pay."
            ),
            &format!(
                "Union organiser {leader} said the strike would last until the operator reopened talks."
            ),
            "Dozens of container ships were left waiting at anchor as cranes stood idle.",
        ],
        &[port, union_leader],
        day(15),
    )
}

#[test]
fn two_strikes_in_different_ports_on_the_same_day_stay_apart() {
    let velden = ("place:port velden", "Port Velden");
    let gannet = ("place:gannet harbour", "Gannet Harbour");
    let docs = [
        strike("v1", velden, ("person:ada roos", "Ada Roos")),
        strike("g1", gannet, ("person:tom ekker", "Tom Ekker")),
        strike("v2", velden, ("person:ada roos", "Ada Roos")),
    ];
    let grouping = group(&docs);
    assert_eq!(stories(&grouping), [0, 1, 0]);
}

#[test]
fn a_verbatim_copy_with_a_different_footer_is_a_copy() {
    let original = wire_story();
    let mut copy = wire_story();
    copy.article.id = "a-syndicated".into();
    copy.article.source = Some("Wire Reprints".into());
    let footer = " Distributed by the Velden Wire Service for member newspapers.";
    let start = copy.article.text.len() + 1;
    copy.article.text.push_str(footer);
    copy.cleaned.segments.push(Segment {
        span: Span::new(start, copy.article.text.len()),
        paragraph: 0,
        kind: SegmentKind::Body,
    });
    let docs = [original, library_opening(), copy.clone(), copy];
    let grouping = group(&docs);
    let copies: Vec<Option<usize>> = grouping.memberships.iter().map(|m| m.copy_of).collect();
    // The second reprint points at the earliest original, not at the first reprint.
    assert_eq!(copies, [None, None, Some(0), Some(0)]);
    assert_eq!(stories(&grouping), [0, 1, 0, 0]);
    assert!(grouping.memberships[2].why.score > 0.5);
}

#[test]
fn dates_far_apart_split_otherwise_similar_articles() {
    let mut late = crane_collapse_b();
    late.article.published = day(3).map(|d| d + Duration::days(30));
    let grouping = group(&[crane_collapse_a(), late]);
    assert_eq!(stories(&grouping), [0, 1]);

    // The same article a day later joins.
    let grouping = group(&[crane_collapse_a(), crane_collapse_b()]);
    assert_eq!(stories(&grouping), [0, 0]);
}

#[test]
fn undated_articles_are_not_kept_apart_by_time() {
    let mut a = crane_collapse_a();
    let mut b = crane_collapse_b();
    a.article.published = None;
    b.article.published = None;
    assert_eq!(stories(&group(&[a, b])), [0, 0]);
}

const PIER: (&str, &str) = ("place:gannet pier", "Gannet Pier");
const UNION: (&str, &str) = ("org:dockers union", "Dockers Union");
const LEAD: (&str, &str) = ("person:ilse varn", "Ilse Varn");

/// Two articles about one strike sharing no wording, and a third bridging
/// them: at a low merge threshold, their stories merge.
fn merging_first() -> Document {
    doc(
        "s1",
        "Walkout halts Gannet Pier",
        &[
            "Dockers walked out at Gannet Pier, leaving ferries stranded and lorries queuing on the ring road.",
        ],
        &[PIER, UNION],
        day(20),
    )
}

fn library_opening_in_marsby() -> Document {
    doc(
        "x",
        "Marsby opens a new library",
        &["A new public library opened in Marsby with a reading room for children."],
        &[("place:marsby", "Marsby")],
        day(20),
    )
}

fn merging_second() -> Document {
    doc(
        "s2",
        "Union leader Ilse Varn demands pay talks",
        &["Ilse Varn told a rally that members want binding arbitration over wages and pensions."],
        &[LEAD, UNION],
        day(20),
    )
}

fn merging_bridge() -> Document {
    doc(
        "s3",
        "Ilse Varn leads walkout at Gannet Pier over wages",
        &[
            "Dockers walked out at Gannet Pier, leaving ferries stranded and lorries queuing on the ring road.",
            "Ilse Varn told a rally that members want binding arbitration over wages and pensions.",
        ],
        &[PIER, UNION, LEAD],
        day(21),
    )
}

#[test]
fn stories_that_grow_alike_are_merged_and_renumbered() {
    let (first, other, second, bridge) = (
        merging_first(),
        library_opening_in_marsby(),
        merging_second(),
        merging_bridge(),
    );
    let config = Config {
        join_threshold: 0.35,
        merge_threshold: 0.35,
        ..Config::default()
    };
    let mut clusterer = Clusterer::new(config);
    let provisional: Vec<usize> = [&first, &other, &second, &bridge]
        .into_iter()
        .map(|d| clusterer.add(d).story)
        .collect();
    assert_eq!(provisional[..3], [0, 1, 2]);
    assert_eq!(clusterer.resolve(2), 0);
    let grouping = clusterer.finish();
    assert_eq!(grouping.merges, [(2, 0)]);
    assert_eq!(stories(&grouping), [0, 1, 0, 0]);
}

/// Documents added to a clusterer saved after the first `cut` and read back,
/// one by one: the grouping must be the uninterrupted one's.
fn grouped_across_a_restart(config: &Config, docs: &[Document], cut: usize) -> Grouping {
    let mut clusterer = Clusterer::new(config.clone());
    for d in &docs[..cut] {
        clusterer.add(d);
    }
    let bytes = postcard::to_stdvec(&clusterer).expect("the state serialises");
    let mut restored: Clusterer = postcard::from_bytes(&bytes).expect("and reads back");
    for d in &docs[cut..] {
        restored.add(d);
    }
    restored.finish()
}

#[test]
fn a_clusterer_saved_and_read_back_decides_as_the_original() {
    let config = Config {
        join_threshold: 0.35,
        merge_threshold: 0.35,
        ..Config::default()
    };
    let docs = [
        merging_first(),
        library_opening_in_marsby(),
        merging_second(),
        merging_bridge(),
        crane_collapse_a(),
        crane_collapse_b(),
    ];
    let mut whole = Clusterer::new(config.clone());
    for d in &docs {
        whole.add(d);
    }
    let whole = whole.finish();
    assert!(!whole.merges.is_empty());
    for cut in 0..=docs.len() {
        assert_eq!(
            grouped_across_a_restart(&config, &docs, cut),
            whole,
            "cut {cut}"
        );
    }
}

#[test]
fn grouping_is_deterministic() {
    let docs = [
        crane_collapse_a(),
        library_opening(),
        crane_collapse_b(),
        crane_collapse_c(),
    ];
    let first = group(&docs);
    for _ in 0..3 {
        assert_eq!(group(&docs), first);
    }
}

#[test]
fn documents_without_segments_use_the_whole_text() {
    let mut a = crane_collapse_a();
    let mut b = crane_collapse_b();
    a.cleaned = Cleaned::default();
    b.cleaned = Cleaned::default();
    assert_eq!(stories(&group(&[a, b])), [0, 0]);
}

#[test]
fn flagged_segments_do_not_count() {
    // Two unrelated articles whose only common text is a long promo block.
    let promo = "Subscribe to the Velden Courier newsletter for the best local reporting delivered to your inbox every single morning of the week.";
    let with_promo = |mut d: Document| {
        let start = d.article.text.len() + 1;
        d.article.text.push(' ');
        d.article.text.push_str(promo);
        d.cleaned.segments.push(Segment {
            span: Span::new(start, d.article.text.len()),
            paragraph: 0,
            kind: SegmentKind::Promo,
        });
        d
    };
    let grouping = group(&[
        with_promo(crane_collapse_a()),
        with_promo(library_opening()),
    ]);
    assert_eq!(stories(&grouping), [0, 1]);
    assert_eq!(grouping.memberships[1].copy_of, None);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn arbitrary_doc() -> impl Strategy<Value = Document> {
        (
            "\\PC{0,40}",
            proptest::collection::vec("\\PC{0,60}", 0..4),
            proptest::collection::vec("[a-z]{0,3}:?\\PC{0,12}", 0..4),
            proptest::option::of(0i64..4_000_000_000),
        )
            .prop_map(|(title, sentences, keys, secs)| {
                let sentences: Vec<&str> = sentences.iter().map(String::as_str).collect();
                let entities: Vec<(&str, &str)> =
                    keys.iter().map(|k| (k.as_str(), k.as_str())).collect();
                let mut d = doc("p", &title, &sentences, &entities, None);
                d.article.published = secs.and_then(|s| Utc.timestamp_opt(s, 0).single());
                d
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn grouping_is_well_formed(docs in proptest::collection::vec(arbitrary_doc(), 0..12)) {
            let grouping = group(&docs);
            prop_assert_eq!(grouping.memberships.len(), docs.len());
            // Stories are numbered 0..n in order of first arrival.
            let mut next = 0;
            for (i, m) in grouping.memberships.iter().enumerate() {
                prop_assert!(m.story <= next);
                if m.story == next {
                    next += 1;
                }
                prop_assert!(m.copy_of.is_none_or(|c| c < i));
                prop_assert!(m.why.score.is_finite());
                prop_assert!(m.why.shared_terms.len() <= 8);
            }
            prop_assert_eq!(group(&docs), grouping);
        }

        #[test]
        fn a_restart_changes_nothing(
            docs in proptest::collection::vec(arbitrary_doc(), 1..12),
            cut in 0usize..12,
        ) {
            let cut = cut.min(docs.len());
            let config = Config::default();
            prop_assert_eq!(grouped_across_a_restart(&config, &docs, cut), group(&docs));
        }
    }
}

/// `group` prepares documents in parallel batches; the result must be exactly
/// that of adding them one by one, across batch boundaries.
#[test]
fn parallel_group_equals_sequential_adds() {
    let places = ["Holm", "Velden", "Marsby", "Tarrow", "Kessel", "Brindle"];
    let events = ["ferry", "tram", "library", "bridge", "market", "school"];
    let docs: Vec<Document> = (0..2500)
        .map(|i| {
            let place = places[i % places.len()];
            let event = events[(i / 7) % events.len()];
            let sentence = format!(
                "The {event} in {place} closed on day {} after {} inspectors found faults.",
                i / 40,
                i % 13
            );
            doc(
                &format!("d{i}"),
                &format!("{place} {event} closed"),
                &[
                    sentence.as_str(),
                    "Officials said repairs would take weeks.",
                ],
                &[(&format!("place:{}", place.to_lowercase()), place)],
                None,
            )
        })
        .collect();
    let mut clusterer = Clusterer::new(Config::default());
    for d in &docs {
        clusterer.add(d);
    }
    let sequential: Grouping = clusterer.finish();
    assert_eq!(group(&docs), sequential);
}
