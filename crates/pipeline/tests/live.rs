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

/// Every sentence a story's claims hold, shared or exclusive, sorted.
fn claim_sentences(story: &Story) -> Vec<(String, usize, usize)> {
    let mut all: Vec<(String, usize, usize)> = story
        .shared
        .iter()
        .flat_map(|c| &c.occurrences)
        .chain(&story.exclusive)
        .map(|o| (o.article.clone(), o.start, o.end))
        .collect();
    all.sort();
    all
}

#[test]
fn stories_kept_open_take_every_article_placed_in_them() {
    // Each story is opened as soon as its first article is placed: every
    // later article of it is added to the open comparison.
    let mut live = Live::new();
    for article in demo_corpus() {
        let changes = live.add(vec![article]);
        for id in changes.stories {
            if live.size(id) == 1 {
                assert!(live.open(id).is_some());
                assert!(live.is_open(id));
            }
        }
    }
    let mut grown_stories = 0;
    for id in live.stories().collect::<Vec<_>>() {
        let exact = live.story(id).expect("a live story compares");
        // A merged story is compared anew, not grown.
        let Some(alone) = live.current(id) else {
            assert!(live.merges().iter().any(|&(_, into)| into == id));
            continue;
        };
        let (grown, exact) = (&alone.stories[0], &exact.stories[0]);
        grown_stories += usize::from(grown.articles.len() > 1);
        // The same articles and outlets; every candidate sentence in one
        // claim; every quote in one group; offsets that point at the text.
        assert_eq!(grown.articles, exact.articles);
        assert_eq!(grown.independent_outlets, exact.independent_outlets);
        assert_eq!(grown.entity_map.len(), exact.entity_map.len());
        assert_eq!(claim_sentences(grown), claim_sentences(exact));
        let quotes = |s: &Story| s.quotes.iter().map(|g| g.occurrences.len()).sum::<usize>();
        assert_eq!(quotes(grown), quotes(exact));
        for o in grown
            .shared
            .iter()
            .flat_map(|c| &c.occurrences)
            .chain(&grown.exclusive)
        {
            let doc = alone
                .documents
                .iter()
                .find(|d| d.article.id == o.article)
                .expect("the occurrence's article is in the story");
            assert_eq!(doc.article.text.get(o.start..o.end), Some(o.text.as_str()));
        }
        // Grown claims are the exact ones where the articles agree: the
        // claims stated by every outlet of the story are found alike.
        let everywhere = |s: &Story| {
            s.shared
                .iter()
                .filter(|c| {
                    let mut a: Vec<&str> =
                        c.occurrences.iter().map(|o| o.article.as_str()).collect();
                    a.dedup();
                    a.len() == s.independent_outlets
                })
                .count()
        };
        assert!(
            everywhere(grown) + 1 >= everywhere(exact),
            "{}",
            grown.title
        );
    }
    assert!(grown_stories >= 4, "{grown_stories} stories grew");
}

/// The demo corpus, then again a month later (new ids), so that the first
/// month's stories close while the second one's arrive.
fn two_months() -> Vec<Article> {
    let first = demo_corpus();
    let later = first.iter().map(|a| Article {
        id: format!("{}-later", a.id),
        published: a.published.map(|t| t + chrono::Duration::days(30)),
        ..a.clone()
    });
    let mut all: Vec<Article> = first.iter().cloned().chain(later).collect();
    arrival_order(&mut all);
    all
}

/// Everything a live stream shows: each held story's members and analysis.
fn held(live: &Live) -> Vec<(usize, Vec<usize>, parallax_model::Analysis)> {
    live.stories()
        .map(|id| {
            let members = live.members(id).unwrap_or_default();
            (id, members, live.story(id).expect("held stories compare"))
        })
        .collect()
}

#[test]
fn a_stream_restored_from_its_checkpoint_goes_on_as_if_never_stopped() {
    let articles = two_months();
    let docs: Vec<_> = articles
        .iter()
        .cloned()
        .map(parallax_pipeline::understand)
        .collect();
    let mut whole = Live::new();
    let mut after_each = Vec::new();
    for article in &articles {
        after_each.push(whole.add(vec![article.clone()]));
    }
    let mut closed = 0;
    for cut in 0..articles.len() {
        let mut live = Live::new();
        let first: Vec<(Article, Option<_>)> =
            articles[..cut].iter().map(|a| (a.clone(), None)).collect();
        live.add_understood(first);
        for change in &after_each[..cut] {
            for &story in &change.closed {
                live.forget(story);
                closed += 1;
            }
        }
        let bytes = parallax_pipeline::checkpoint::encode(&live.save()).expect("saves");
        let saved: parallax_pipeline::Saved =
            parallax_pipeline::checkpoint::decode(&bytes).expect("reads back");
        assert_eq!(saved.len(), cut);
        let given = saved
            .arrivals()
            .into_iter()
            .map(|arrival| (arrival, docs[arrival].clone()))
            .collect();
        let mut restored = Live::restore(saved, given).expect("restores");
        for (i, article) in articles.iter().enumerate().skip(cut) {
            let changes = restored.add(vec![article.clone()]);
            assert_eq!(
                changes, after_each[i],
                "article {i} after a restart at {cut}"
            );
        }
        for change in &after_each {
            for &story in &change.closed {
                restored.forget(story);
            }
        }
        let mut expected = Live::new();
        expected.add(articles.clone());
        for change in &after_each {
            for &story in &change.closed {
                expected.forget(story);
            }
        }
        assert_eq!(held(&restored), held(&expected), "restart at {cut}");
    }
    // Stories did close before some of the restarts.
    assert!(closed > 0);
}

#[test]
fn a_checkpoint_without_its_documents_is_refused() {
    let articles = demo_corpus();
    let mut live = Live::new();
    live.add(articles);
    let saved = live.save();
    let first = saved.arrivals()[0];
    assert_eq!(
        Live::restore(saved, std::collections::HashMap::new()).err(),
        Some(parallax_pipeline::RestoreError::Missing(first))
    );
}
