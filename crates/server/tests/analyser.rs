//! The analyser keeps a store's story views in step with its log, across
//! restarts, with one analyser per store.

mod common;

use std::io::Read;

use common::demo_corpus;
use flate2::read::GzDecoder;
use parallax_model::Article;
use parallax_pipeline::analyze;
use parallax_server::analyser::Analyser;
use parallax_store::{ArticleLog, Found, Rendition, SqliteStore, StoryOrder, StoryViews};

/// The article ids of each saved story, sorted, for comparison with a batch run.
fn saved_partition(store: &SqliteStore) -> Vec<Vec<String>> {
    let mut partition: Vec<Vec<String>> = store
        .stories(StoryOrder::Newest, 0, 1000)
        .unwrap()
        .into_iter()
        .map(|summary| {
            let document = saved_document(store, summary.id);
            assert_eq!(document["schema"], "parallax.analysis/1");
            assert_eq!(
                document["articles"].as_array().unwrap().len() as u32,
                summary.articles
            );
            serde_json::from_value(document["stories"][0]["articles"].clone()).unwrap()
        })
        .collect();
    partition.sort();
    partition
}

/// A saved story's `parallax.analysis/1` document.
fn saved_document(store: &SqliteStore, id: i64) -> serde_json::Value {
    let Some(Found::Story { rendition, .. }) = store.story(id, Rendition::Document).unwrap() else {
        panic!("story {id} listed but not found");
    };
    let mut json = String::new();
    GzDecoder::new(rendition.as_slice())
        .read_to_string(&mut json)
        .unwrap();
    serde_json::from_str(&json).unwrap()
}

fn batch_partition(articles: Vec<Article>) -> Vec<Vec<String>> {
    let mut partition: Vec<Vec<String>> = analyze(articles)
        .stories
        .into_iter()
        .map(|s| s.articles)
        .collect();
    partition.sort();
    partition
}

#[test]
fn views_follow_the_log_across_restarts() {
    let articles = demo_corpus();
    let (first, second) = articles.split_at(7);
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();

    store.append(first).unwrap();
    {
        let mut analyser = Analyser::start(dir.path(), &store).unwrap().unwrap();
        // Only one analyser per store.
        assert!(Analyser::start(dir.path(), &store).unwrap().is_none());
        assert_eq!(analyser.catch_up().unwrap(), 7);
        assert_eq!(analyser.catch_up().unwrap(), 0);
    }
    assert_eq!(store.analysed_to().unwrap(), 7);
    assert_eq!(saved_partition(&store), batch_partition(first.to_vec()));

    // Articles appended while no analyser runs are picked up by the next one,
    // which replays the first seven without analysing them again.
    store.append(second).unwrap();
    let mut analyser = Analyser::start(dir.path(), &store).unwrap().unwrap();
    assert_eq!(analyser.catch_up().unwrap(), second.len());
    assert_eq!(store.analysed_to().unwrap(), articles.len() as i64);
    assert_eq!(saved_partition(&store), batch_partition(articles.clone()));
    assert_eq!(
        analyser.stories().len(),
        store.stories(StoryOrder::Newest, 0, 1000).unwrap().len()
    );
}

/// Every saved story's `parallax.analysis/1` document, by id.
fn saved_documents(store: &SqliteStore) -> Vec<(i64, serde_json::Value)> {
    store
        .stories(StoryOrder::Newest, 0, 1000)
        .unwrap()
        .into_iter()
        .map(|summary| (summary.id, saved_document(store, summary.id)))
        .collect()
}

#[test]
fn a_restart_carries_on_from_the_checkpoint() {
    let mut articles = demo_corpus();
    articles.extend(fire_reports(0, 6));
    let (first, second) = articles.split_at(articles.len() / 2);

    // Uninterrupted.
    let whole = tempfile::tempdir().unwrap();
    let uninterrupted = SqliteStore::open(whole.path()).unwrap();
    uninterrupted.append(&articles).unwrap();
    let mut analyser = Analyser::start(whole.path(), &uninterrupted)
        .unwrap()
        .unwrap();
    analyser.catch_up().unwrap();
    drop(analyser);

    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    store.append(first).unwrap();
    {
        let mut analyser = Analyser::start(dir.path(), &store).unwrap().unwrap();
        assert_eq!(analyser.started_from(), 0);
        // Not due yet: no checkpoint.
        analyser.catch_up().unwrap();
        assert!(store.checkpoint().unwrap().is_none());
        // A flush writes one, at the last article.
        analyser.flush().unwrap();
        let (at, _) = store.checkpoint().unwrap().expect("a checkpoint");
        assert_eq!(at, first.len() as i64);
    }
    store.append(second).unwrap();
    let mut analyser = Analyser::start(dir.path(), &store).unwrap().unwrap();
    assert_eq!(analyser.started_from(), first.len() as i64);
    assert_eq!(analyser.catch_up().unwrap(), second.len());
    assert_eq!(saved_documents(&store), saved_documents(&uninterrupted));
    // Checkpoints follow every `n` articles.
    analyser.set_checkpoint_every(3);
    store.append(&fire_reports(6, 3)).unwrap();
    analyser.catch_up().unwrap();
    let (at, _) = store.checkpoint().unwrap().expect("a checkpoint");
    assert_eq!(at, store.last_seq().unwrap());
    drop(analyser);

    // A checkpoint that does not read is passed over: the whole log is
    // replayed, to the same stories.
    store.save_checkpoint(at, b"not a checkpoint").unwrap();
    let mut analyser = Analyser::start(dir.path(), &store).unwrap().unwrap();
    assert_eq!(analyser.started_from(), 0);
    let before = saved_documents(&store);
    store.append(&fire_reports(9, 1)).unwrap();
    analyser.catch_up().unwrap();
    uninterrupted.append(&fire_reports(6, 4)).unwrap();
    let mut analyser = Analyser::start(whole.path(), &uninterrupted)
        .unwrap()
        .unwrap();
    analyser.catch_up().unwrap();
    assert_ne!(saved_documents(&store), before);
    assert_eq!(saved_documents(&store), saved_documents(&uninterrupted));
}

#[test]
fn quotes_and_names_of_the_demo_corpus_are_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    store.append(&demo_corpus()).unwrap();
    Analyser::start(dir.path(), &store)
        .unwrap()
        .unwrap()
        .catch_up()
        .unwrap();
    // Each outlet's spelling finds the story of the unified name.
    let story_of = |query: &str| {
        let hits = store.search_stories(query, 10).unwrap();
        assert!(!hits.is_empty(), "nothing found for {query}");
        hits[0].story
    };
    let call = story_of("Sokolovskyy");
    assert_eq!(story_of("Sokolovskiy"), call);
    assert_eq!(story_of("Kiev"), call);
    // A quote, found by its words, with its speaker.
    let hits = store
        .search_stories("long meaningful phone call", 10)
        .unwrap();
    assert_eq!(hits[0].story, call);
    assert_eq!(hits[0].label, "Andriy Sokolovskyy");
}

/// `n` reports of one harbour fire, one per outlet, each worded a little
/// differently.
fn fire_reports(from: usize, n: usize) -> Vec<Article> {
    (from..from + n)
        .map(|i| Article {
            id: format!("fire-{i}"),
            source: Some(format!("Outlet {i}")),
            url: None,
            title: "Fire at Holm harbour warehouse".into(),
            published: chrono::DateTime::from_timestamp(1_780_000_000 + 600 * i as i64, 0),
            language: Some("en".into()),
            text: format!(
                "A fire destroyed a grain warehouse at Holm harbour on Tuesday night, \
                 harbour master Ilse Brandt said. Crews from Velden and Marsby fought \
                 the blaze for {} hours. Reporter {i} saw the roof collapse.",
                4 + i % 3
            ),
        })
        .collect()
}

/// The article count of the only story's saved view.
fn view_articles(store: &SqliteStore) -> u32 {
    let stories = store.stories(StoryOrder::Newest, 0, 10).unwrap();
    assert_eq!(stories.len(), 1, "one story");
    stories[0].articles
}

/// Stories of 4 articles are large; their views wait an hour, or until
/// they grow by half.
fn patient_refresh() -> parallax_server::analyser::Refresh {
    parallax_server::analyser::Refresh {
        large: 4,
        growth: 0.5,
        wait: std::time::Duration::from_secs(3600),
    }
}

#[test]
fn a_large_story_is_compared_again_as_it_grows_not_for_every_article() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    let refresh = patient_refresh();
    // Append `n` reports from `from` on and catch up: the view's articles
    // and the analysis mark.
    let grow = |analyser: &mut Analyser<'_, SqliteStore>, from: usize, n: usize| {
        store.append(&fire_reports(from, n)).unwrap();
        analyser.catch_up().unwrap();
        (view_articles(&store), store.analysed_to().unwrap())
    };
    {
        let mut analyser = Analyser::start(dir.path(), &store).unwrap().unwrap();
        analyser.set_refresh(refresh);
        assert_eq!(grow(&mut analyser, 0, 4), (4, 4));
        // One more: placed, but the view waits for half as many again, and
        // the mark stays at the view.
        assert_eq!(grow(&mut analyser, 4, 1), (4, 4));
        assert_eq!(grow(&mut analyser, 5, 1), (6, 6));
        // A flush refreshes it whatever its growth.
        assert_eq!(grow(&mut analyser, 6, 1), (6, 6));
        analyser.flush().unwrap();
        assert_eq!(
            (view_articles(&store), store.analysed_to().unwrap()),
            (7, 7)
        );
        // Waiting when the analyser stops...
        assert_eq!(grow(&mut analyser, 7, 1), (7, 7));
    }
    // ...the next one saves it: the mark had stayed at the last view.
    let mut analyser = Analyser::start(dir.path(), &store).unwrap().unwrap();
    analyser.set_refresh(refresh);
    assert_eq!(analyser.catch_up().unwrap(), 1);
    assert_eq!(view_articles(&store), 8);
    assert_eq!(store.analysed_to().unwrap(), 8);
}

/// A report on another subject: a story of its own.
fn library_report(i: usize) -> Article {
    Article {
        id: format!("library-{i}"),
        source: Some("The Marsby Courier".into()),
        url: None,
        title: format!("Marsby library opens reading room {i}"),
        published: chrono::DateTime::from_timestamp(1_780_000_000 + 900 * i as i64, 0),
        language: Some("en".into()),
        text: format!(
            "The public library in Marsby opened reading room number {i} for children \
             on Saturday, librarian Oskar Dahl said."
        ),
    }
}

#[test]
fn a_checkpoint_ahead_of_a_waiting_view_saves_it_on_restart() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    let refresh = patient_refresh();
    {
        let mut analyser = Analyser::start(dir.path(), &store).unwrap().unwrap();
        analyser.set_refresh(refresh);
        analyser.set_checkpoint_every(1);
        store.append(&fire_reports(0, 4)).unwrap();
        analyser.catch_up().unwrap();
        assert_eq!(store.analysed_to().unwrap(), 4);
        // Another story moves the mark on while the large one waits for
        // nothing...
        store.append(&[library_report(0)]).unwrap();
        analyser.catch_up().unwrap();
        assert_eq!(store.analysed_to().unwrap(), 5);
        // ...and once it waits for a view, as another story's is saved, the
        // mark stays where its view was last complete (5), not where it was
        // last saved (4).
        store.append(&fire_reports(4, 1)).unwrap();
        store.append(&[library_report(1)]).unwrap();
        analyser.catch_up().unwrap();
        assert_eq!(store.analysed_to().unwrap(), 5);
        // The checkpoint is at the last article, ahead of the views.
        assert_eq!(store.checkpoint().unwrap().map(|(at, _)| at), Some(7));
    }
    let mut analyser = Analyser::start(dir.path(), &store).unwrap().unwrap();
    assert_eq!(analyser.started_from(), 7);
    // The story whose view waited is saved again with the next save.
    assert_eq!(analyser.catch_up().unwrap(), 0);
    assert_eq!(store.analysed_to().unwrap(), 7);
    let fire = store
        .stories(StoryOrder::Newest, 0, 10)
        .unwrap()
        .into_iter()
        .find(|s| s.headline.contains("Holm"))
        .expect("the fire story");
    assert_eq!(fire.articles, 5);
}

/// The only story's saved document.
fn view_document(store: &SqliteStore) -> serde_json::Value {
    let stories = store.stories(StoryOrder::Newest, 0, 10).unwrap();
    saved_document(store, stories[0].id)
}

#[test]
fn a_large_story_kept_open_saves_its_new_articles_without_a_new_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    // Never compared again by growth: each view after the first is the
    // first comparison with the articles added since.
    let refresh = parallax_server::analyser::Refresh {
        large: 4,
        growth: 100.0,
        wait: std::time::Duration::ZERO,
    };
    let mut analyser = Analyser::start(dir.path(), &store).unwrap().unwrap();
    analyser.set_refresh(refresh);
    store.append(&fire_reports(0, 4)).unwrap();
    analyser.catch_up().unwrap();
    for n in 5..=7 {
        store.append(&fire_reports(n - 1, 1)).unwrap();
        analyser.catch_up().unwrap();
        assert_eq!(view_articles(&store), n as u32);
        assert_eq!(store.analysed_to().unwrap(), n as i64);
    }
    let document = view_document(&store);
    let story = &document["stories"][0];
    assert_eq!(story["articles"].as_array().unwrap().len(), 7);
    assert_eq!(story["independent_outlets"], 7);
    // The new reports' sentences joined the claims every outlet states.
    let shared = story["shared"].as_array().unwrap();
    let widest: Vec<&str> = shared[0]["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["article"].as_str().unwrap())
        .collect();
    assert_eq!(
        widest,
        (0..7).map(|i| format!("fire-{i}")).collect::<Vec<_>>()
    );
    // The harbour master is one name with every outlet's spelling.
    let names = story["entities"].as_array().unwrap();
    let brandt = names
        .iter()
        .find(|e| e["name"] == "Ilse Brandt")
        .expect("the harbour master");
    assert_eq!(brandt["spellings"].as_array().unwrap().len(), 7);
    // A flush compares it exactly: the same claims.
    analyser.flush().unwrap();
    let exact = view_document(&store);
    assert_eq!(
        exact["stories"][0]["shared"][0]["occurrences"],
        shared[0]["occurrences"]
    );
}
