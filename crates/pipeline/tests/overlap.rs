//! Overlapping the stages and comparing each story as it closes must not
//! change the result: `analyze` gives exactly what understanding every
//! article, then grouping them all, then comparing every story gives.

use chrono::{TimeZone, Utc};
use parallax_model::Article;
use parallax_pipeline::{analyze, analyze_with, understand};

/// Fictional one-paragraph reports about a few towns and events, several
/// batches' worth, with dates so that stories open and close.
fn articles(n: usize) -> Vec<Article> {
    let towns = [
        "Holm", "Velden", "Marsby", "Tarrow", "Kessel", "Brindle", "Oster",
    ];
    let events = [
        (
            "ferry",
            "The ferry to {town} was cancelled after a storm damaged the pier.",
        ),
        (
            "tram",
            "Councillors in {town} approved a tram line to the hospital.",
        ),
        (
            "library",
            "A fire closed the old library in {town} for repairs.",
        ),
        ("strike", "Bus drivers in {town} walked out over new rotas."),
    ];
    (0..n)
        .map(|i| {
            let town = towns[(i / 5) % towns.len()];
            let (event, lead) = events[(i / 3) % events.len()];
            let text = format!(
                "{} Mayor Ida Brenn said on day {} that {} inspectors had been sent.\n\n\
                 \"We will have answers within {} days,\" Brenn said.",
                lead.replace("{town}", town),
                i / 50,
                i % 9 + 2,
                i % 5 + 3
            );
            Article {
                id: format!("a{i}"),
                source: Some(format!("Outlet {}", i % 4)),
                url: None,
                title: format!("{town} {event} news"),
                published: Utc
                    .timestamp_opt(1_780_000_000 + (i as i64) * 900, 0)
                    .single(),
                language: Some("en".into()),
                text,
            }
        })
        .collect()
}

#[test]
fn overlapped_stages_equal_sequential_stages() {
    let input = articles(1300);
    let analysis = analyze(input.clone());
    let sequential: Vec<_> = input.into_iter().map(understand).collect();
    let grouping = parallax_group::group(&sequential);
    assert_eq!(analysis.documents, sequential);
    assert_eq!(analysis.grouping, grouping);
    assert_eq!(
        analysis.stories,
        parallax_compare::compare(&sequential, &grouping)
    );
    // Stories opened and closed along the way (dates span several windows).
    assert!(analysis.stories.len() >= 4, "{}", analysis.stories.len());
}

#[test]
fn progress_is_told_after_every_batch_up_to_the_last_article() {
    let input = articles(1300);
    let mut told = Vec::new();
    let analysis = analyze_with(input, &mut |n| told.push(n));
    assert_eq!(told, [512, 1024, 1300], "one report per batch of 512");
    assert_eq!(analysis.documents.len(), 1300);
}

/// `n` articles, ten per story, one story after another (an article every
/// two hours), each story about its own invented town: stories go quiet and
/// close along the way.
fn serial_stories(n: usize) -> Vec<Article> {
    const SYLLABLES: [&str; 8] = ["hol", "ven", "mar", "tar", "kes", "brin", "ost", "lun"];
    (0..n)
        .map(|i| {
            let story = i / 10;
            let town = format!(
                "{}{}{}",
                SYLLABLES[story % 8].to_uppercase(),
                SYLLABLES[(story / 8) % 8],
                SYLLABLES[(story / 64) % 8]
            );
            Article {
                id: format!("a{i}"),
                source: Some(format!("Outlet {}", i % 4)),
                url: None,
                title: format!("Flood barrier fails in {town}"),
                published: Utc
                    .timestamp_opt(1_780_000_000 + (i as i64) * 7200, 0)
                    .single(),
                language: Some("en".into()),
                text: format!(
                    "The flood barrier at {town} failed on Tuesday and {} homes were \
                     evacuated, the {town} council said.",
                    40 + i % 10
                ),
            }
        })
        .collect()
}

#[test]
fn stories_leave_memory_as_they_close() {
    let total = analyze(serial_stories(600)).stories.len();
    let mut live = parallax_pipeline::Live::new();
    let (mut closed, mut held_most) = (0, 0);
    for piece in serial_stories(600).chunks(50) {
        let changes = live.add(piece.to_vec());
        for story in changes.closed {
            let held = live
                .take(story)
                .expect("a closed story is held until taken");
            assert!(
                !held
                    .compare(&Default::default())
                    .analysis
                    .documents
                    .is_empty()
            );
            closed += 1;
        }
        held_most = held_most.max(live.stories().count());
    }
    assert!(closed >= 30, "{closed} of {total} closed");
    assert_eq!(closed + live.stories().count(), total);
    // About a week of stories at a time (one every 20 hours).
    assert!(held_most <= 12, "held at most {held_most} of {total}");
}
