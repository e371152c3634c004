//! The stream pipeline agrees with the batch one: the demo corpus fed to
//! [`Live`] in arrival order, a few articles at a time, gives the stories and
//! comparisons `analyze` gives.

use std::path::PathBuf;

use parallax_model::{Article, Story};
use parallax_pipeline::{Live, analyze, arrival_order};

fn demo_corpus() -> Vec<Article> {
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let batch = parallax_read::read_paths(&[examples]);
    assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
    let mut articles = batch.articles;
    arrival_order(&mut articles);
    articles
}

/// A story without its analysis-local id, to compare across the two runs.
fn content(story: &Story) -> Story {
    Story {
        id: String::new(),
        ..story.clone()
    }
}

#[test]
fn stories_arriving_in_pieces_equal_the_batch_analysis() {
    let articles = demo_corpus();
    let batch = analyze(articles.clone());

    let mut live = Live::new();
    let mut changed = std::collections::BTreeSet::new();
    let mut rest = articles.into_iter();
    for size in [1, 2, 5, usize::MAX] {
        let piece: Vec<Article> = rest.by_ref().take(size).collect();
        let changes = live.add(piece);
        assert!(!changes.stories.is_empty());
        changed.extend(changes.stories);
    }
    assert_eq!(live.len(), batch.documents.len());

    let ids: Vec<usize> = live.stories().collect();
    assert_eq!(ids.len(), batch.stories.len());
    // Every live story was reported as changed at some point.
    assert!(ids.iter().all(|id| changed.contains(id)));
    for id in ids {
        let alone = live.story(id).expect("a live story compares");
        assert_eq!(alone.stories.len(), 1);
        let story = &alone.stories[0];
        let twin = batch
            .stories
            .iter()
            .find(|s| s.articles == story.articles)
            .unwrap_or_else(|| panic!("no batch story with {:?}", story.articles));
        assert_eq!(content(story), content(twin));
        // Copies point inside the story.
        for m in &alone.grouping.memberships {
            assert!(m.copy_of.is_none_or(|o| o < alone.documents.len()));
        }
    }
    assert!(live.story(usize::MAX).is_none());
}
