//! The stories of the demo corpus do not depend on the order its articles
//! arrive in. A feed poller delivers each outlet's items together (all of
//! outlet A, then all of outlet B), and a replay may come newest first; the
//! stream pipeline must find the partition of `examples/EXPECTED.md` either
//! way.

use std::collections::BTreeSet;
use std::path::PathBuf;

use parallax_model::Article;
use parallax_pipeline::{Live, arrival_order};

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn demo_corpus() -> Vec<Article> {
    let batch = parallax_read::read_paths(&[examples()]);
    assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
    let mut articles = batch.articles;
    arrival_order(&mut articles);
    articles
}

type Partition = BTreeSet<BTreeSet<String>>;

/// The story partition of EXPECTED.md: the `backticked` article ids of each
/// `| story-N | ... |` row of the table in its section 1.
fn expected_partition() -> Partition {
    let expected = std::fs::read_to_string(examples().join("EXPECTED.md"))
        .expect("examples/EXPECTED.md is readable");
    let section = expected
        .split("\n## ")
        .find(|s| s.starts_with("1. Story partition"))
        .expect("EXPECTED.md has its story partition");
    let partition: Partition = section
        .lines()
        .filter(|line| line.starts_with("| story-"))
        .map(|line| {
            let articles = line.split('|').nth(3).unwrap_or_default();
            articles
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect()
        })
        .collect();
    assert_eq!(partition.len(), 6, "EXPECTED.md lists six stories");
    partition
}

/// The stories `Live` finds when the articles arrive in `order`.
fn stories_found(order: Vec<Article>) -> Partition {
    let mut live = Live::new();
    for article in order {
        live.add(vec![article]);
    }
    live.stories()
        .map(|id| {
            let analysis = live.story(id).expect("a live story compares");
            analysis
                .documents
                .iter()
                .map(|d| d.article.id.clone())
                .collect()
        })
        .collect()
}

#[test]
fn each_outlet_arriving_in_turn_gives_the_expected_stories() {
    let articles = demo_corpus();
    let mut outlets: Vec<String> = articles
        .iter()
        .map(|a| a.source.clone().unwrap_or_default())
        .collect();
    outlets.dedup();
    let outlets: Vec<String> = outlets
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(outlets.len() >= 5, "{outlets:?}");
    let want = expected_partition();
    // Outlets in alphabetical order and in reverse, each outlet's items in
    // publication order.
    for outlets in [outlets.clone(), outlets.into_iter().rev().collect()] {
        let order: Vec<Article> = outlets
            .iter()
            .flat_map(|outlet| {
                articles
                    .iter()
                    .filter(move |a| a.source.as_deref().unwrap_or_default() == outlet)
                    .cloned()
            })
            .collect();
        assert_eq!(stories_found(order), want, "outlets in order {outlets:?}");
    }
}

#[test]
fn newest_first_gives_the_expected_stories() {
    let mut articles = demo_corpus();
    articles.reverse();
    assert_eq!(stories_found(articles), expected_partition());
}
