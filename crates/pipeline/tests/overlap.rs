//! Overlapping the stages must not change the result: `understand_and_group`
//! gives exactly what understanding every article and then grouping gives.

use chrono::{TimeZone, Utc};
use parallax_model::Article;
use parallax_pipeline::{understand, understand_and_group};

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
    let (documents, grouping) = understand_and_group(input.clone());
    let sequential: Vec<_> = input.into_iter().map(understand).collect();
    assert_eq!(documents, sequential);
    assert_eq!(grouping, parallax_group::group(&sequential));
    let stories = grouping.memberships.iter().map(|m| m.story).max();
    assert!(stories.is_some_and(|s| s >= 3), "{stories:?}");
}

#[test]
fn progress_is_told_after_every_batch_up_to_the_last_article() {
    let input = articles(1300);
    let mut told = Vec::new();
    let (documents, _) = parallax_pipeline::understand_and_group_with(input, &mut |n| told.push(n));
    assert_eq!(told, [512, 1024, 1300], "one report per batch of 512");
    assert_eq!(documents.len(), 1300);
}
