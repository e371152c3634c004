//! The PostgreSQL store against a real server (`scripts/cluster-test` runs
//! these: `cargo test -p parallax-store --test postgres -- --ignored`).

use chrono::{TimeZone, Utc};
use parallax_model::Article;
use parallax_store::{
    ArticleFilter, ArticleLog, Inbound, PgStore, Polled, Renditions, SearchKind, Searchable,
    Sources, StorySummary, StoryView, StoryViews, Taken,
};
use parallax_testbed::Postgres;

fn article(id: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        source: Some("The Harbour Herald".into()),
        url: None,
        title: format!("Title of {id}"),
        published: Some(Utc.with_ymd_and_hms(2026, 3, 12, 9, 0, 0).unwrap()),
        language: Some("en".into()),
        text: text.into(),
    }
}

fn inbound(pos: i64, a: Article) -> Inbound {
    Inbound {
        pos,
        content: Ok((a, format!("document {pos}").into_bytes())),
    }
}

fn store(pg: &Postgres, db: &str) -> PgStore {
    PgStore::connect(&pg.database(db).unwrap()).unwrap()
}

#[test]
#[ignore = "needs PostgreSQL: scripts/cluster-test"]
fn the_inbox_is_taken_in_log_order_once() {
    let pg = Postgres::start(false).unwrap();
    let store = store(&pg, "inbox");
    assert!(store.become_grouper().unwrap());
    // Workers finish out of order: 3 and 2 are written, 1 is not yet.
    store
        .put_inbox(&[
            inbound(
                3,
                article("ferry", "The ferry to Holm island stays in port."),
            ),
            inbound(
                2,
                article("bridge", "The bridge to Holm reopens on Friday."),
            ),
        ])
        .unwrap();
    let taken = store.take_inbox(1, 100).unwrap();
    assert_eq!(taken, Taken::default(), "position 1 is waited for");
    assert!(store.after(0, 10).unwrap().is_empty());
    store
        .put_inbox(&[
            inbound(1, article("storm", "A storm closes the harbour at Holm.")),
            // The same article again, as a worker that died before its
            // acknowledgement would write it twice: the first write stands.
            inbound(2, article("bridge", "Something else entirely.")),
            // The same id at a later position: a duplicate.
            inbound(4, article("storm", "A storm closes the harbour at Holm.")),
            Inbound {
                pos: 5,
                content: Err("line 1: not JSON".into()),
            },
            // 6 and 7 never arrive: the log dropped them (below its first
            // position); 8 waits behind them.
            inbound(
                8,
                article("mayor", "Mayor Holm speaks about the storm damage."),
            ),
        ])
        .unwrap();
    let taken = store.take_inbox(6, 100).unwrap();
    assert_eq!(
        (taken.new, taken.duplicates, taken.lost, taken.to),
        (3, 1, 0, 5),
        "{taken:?}"
    );
    assert_eq!(taken.unreadable, vec![(5, "line 1: not JSON".to_string())]);
    let taken = store.take_inbox(8, 100).unwrap();
    assert_eq!((taken.new, taken.lost, taken.to), (1, 2, 8));
    assert_eq!(store.inbox_len().unwrap(), 0);
    let log = store.after_understood(0, 10).unwrap();
    let seqs: Vec<(i64, &str)> = log
        .iter()
        .map(|(s, _)| (s.seq, s.article.id.as_str()))
        .collect();
    assert_eq!(
        seqs,
        [(1, "storm"), (2, "bridge"), (3, "ferry"), (8, "mayor")]
    );
    assert_eq!(
        log[1].0.article.text,
        "The bridge to Holm reopens on Friday."
    );
    assert_eq!(log[1].1.as_deref(), Some(&b"document 2"[..]));
    // Read back by position, as a restarting grouper reads its open stories.
    let at: Vec<(i64, Option<Vec<u8>>)> = store
        .understood_at(&[8, 2, 5])
        .unwrap()
        .into_iter()
        .map(|(s, doc)| (s.seq, doc))
        .collect();
    assert_eq!(
        at,
        [
            (2, Some(b"document 2".to_vec())),
            (8, Some(b"document 8".to_vec()))
        ]
    );
    assert_eq!(store.last_seq().unwrap(), 8);
    assert_eq!(store.get("ferry").unwrap().unwrap().seq, 3);
    // A value PostgreSQL cannot store is a data error, which a worker
    // writes as the item's reason instead.
    let mut bad = article("nul", "Text.");
    bad.source = Some("Herald\0".into());
    let err = store.put_inbox(&[inbound(9, bad)]).unwrap_err();
    assert!(err.is_data_error(), "{err}");
    // Written again after it was taken: ignored.
    store
        .put_inbox(&[inbound(3, article("late", "Late text."))])
        .unwrap();
    assert_eq!(store.take_inbox(9, 100).unwrap().new, 0);
    assert!(store.get("late").unwrap().is_none());
}

#[test]
#[ignore = "needs PostgreSQL: scripts/cluster-test"]
fn search_folds_case_and_diacritics_and_filters() {
    let pg = Postgres::start(false).unwrap();
    let store = store(&pg, "search");
    assert!(store.become_grouper().unwrap());
    let mut other = article(
        "quay",
        "Zelenskyy visited the Quay at Kyiv; the crowd cheered.",
    );
    other.source = Some("Kyiv Daily".into());
    store
        .put_inbox(&[
            inbound(
                1,
                article("ferry", "The ferry to Holm ÍSLAND stays in port."),
            ),
            inbound(2, other),
        ])
        .unwrap();
    store.take_inbox(1, 100).unwrap();
    let hits = store.search("holm island", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "ferry");
    assert!(
        hits[0].excerpt.contains("\u{E000}ÍSLAND\u{E001}"),
        "{}",
        hits[0].excerpt
    );
    // The last word as a prefix, when nothing matches exactly.
    assert_eq!(store.search("zelensk", 10).unwrap()[0].id, "quay");
    // Query syntax is text, and a word too long to index finds nothing.
    assert!(store.search("'holm' | !island:*", 10).unwrap().len() <= 1);
    assert!(store.search(&"holm".repeat(600), 10).unwrap().is_empty());
    let only = ArticleFilter {
        outlet: Some("Kyiv Daily".into()),
        ..ArticleFilter::default()
    };
    assert!(store.search_within("holm", &only, 10).unwrap().is_empty());
    assert_eq!(store.search_within("kyiv", &only, 10).unwrap().len(), 1);
}

fn view(id: i64, articles: &[&str], quote: &str) -> StoryView {
    StoryView {
        summary: StorySummary {
            id,
            headline: format!("Story {id}"),
            articles: articles.len() as u32,
            outlets: 1,
            first_published: None,
            last_published: None,
            last_seq: id,
        },
        renditions: Renditions {
            document: b"{}".to_vec(),
            page: format!("<p>{id}</p>").into_bytes(),
        },
        articles: articles.iter().map(|a| a.to_string()).collect(),
        searchable: vec![Searchable {
            kind: SearchKind::Quote,
            label: "Lena Marsh".into(),
            text: quote.into(),
        }],
    }
}

#[test]
#[ignore = "needs PostgreSQL: scripts/cluster-test"]
fn one_grouper_writes_and_a_successor_fences_the_last() {
    let pg = Postgres::start(false).unwrap();
    let url = pg.database("grouper").unwrap();
    let first = PgStore::connect(&url).unwrap();
    let standby = PgStore::connect(&url).unwrap();
    assert!(first.become_grouper().unwrap());
    assert!(!standby.become_grouper().unwrap(), "the lock is held");
    first
        .save_views(&[view(1, &["ferry"], "We will not sail")], &[], 3)
        .unwrap();
    assert!(standby.save_views(&[], &[], 4).is_err(), "not the grouper");
    first.save_checkpoint(3, b"state at 3").unwrap();
    assert!(standby.save_checkpoint(4, b"state at 4").is_err());
    assert_eq!(
        standby.checkpoint().unwrap(),
        Some((3, b"state at 3".to_vec()))
    );
    // The first grouper goes away; the standby takes over.
    first.resign_grouper();
    assert!(standby.become_grouper().unwrap());
    standby
        .save_views(
            &[view(2, &["ferry", "bridge"], "The bridge holds")],
            &[(1, 2)],
            5,
        )
        .unwrap();
    assert_eq!(first.analysed_to().unwrap(), 5);
    assert_eq!(first.story_of("ferry").unwrap(), Some(2));
    assert_eq!(first.count_stories().unwrap(), 1);
    let hits = first.search_stories("marsh bridge", 10).unwrap();
    assert_eq!(hits.len(), 1, "found by its speaker and its words");
    assert_eq!(hits[0].story, 2);
    // A grouper whose successor has started (its lock lost with a
    // connection it has not noticed is gone) cannot write: the successor
    // raised the epoch its writes are fenced with.
    let mut successor = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    successor
        .execute("UPDATE grouper SET epoch = epoch + 1", &[])
        .unwrap();
    assert!(standby.save_checkpoint(9, b"state at 9").is_err());
    assert!(!standby.is_grouper(), "it steps down");
    assert_eq!(
        first.checkpoint().unwrap(),
        Some((3, b"state at 3".to_vec()))
    );
    assert_eq!(first.analysed_to().unwrap(), 5);
}

#[test]
#[ignore = "needs PostgreSQL: scripts/cluster-test"]
fn each_due_feed_goes_to_one_server() {
    let pg = Postgres::start(false).unwrap();
    let url = pg.database("feeds").unwrap();
    let (a, b) = (
        PgStore::connect(&url).unwrap(),
        PgStore::connect(&url).unwrap(),
    );
    for n in 0..6 {
        a.add_source(&format!("https://herald.example/feed{n}"), None, 600)
            .unwrap();
    }
    let now = Utc::now() + chrono::TimeDelta::seconds(1);
    let (first, second) = (a.due_sources(now).unwrap(), b.due_sources(now).unwrap());
    assert_eq!(first.len(), 6);
    assert!(second.is_empty(), "claimed by the first server");
    let polled = Polled {
        etag: Some("\"v1\"".into()),
        last_modified: None,
        failures: 0,
        next_poll: now,
        error: None,
        title: Some("Herald".into()),
    };
    b.record_poll(first[0].id, &polled, now).unwrap();
    let again = b.due_sources(now).unwrap();
    assert_eq!(again.len(), 1, "due again once polled");
    assert_eq!(again[0].title.as_deref(), Some("Herald"));
    let items = vec!["a".to_string(), "b".to_string(), "a".to_string()];
    a.mark_items_seen(first[0].id, &items[..1], now).unwrap();
    assert_eq!(b.unseen_items(first[0].id, &items).unwrap(), ["b"]);
    // A worker that could not fetch a's page, quicker than the poll marked
    // it: the next poll takes it again; once that poll has, it is taken.
    b.retry_items(first[0].id, &items[..1], now).unwrap();
    a.mark_items_seen(first[0].id, &items[..1], now).unwrap();
    assert_eq!(b.unseen_items(first[0].id, &items).unwrap(), ["a", "b"]);
    let later = now + chrono::Duration::minutes(15);
    a.mark_items_seen(first[0].id, &items[..1], later).unwrap();
    assert_eq!(b.unseen_items(first[0].id, &items).unwrap(), ["b"]);
    assert!(b.remove_source(&first[0].url).unwrap());
    assert_eq!(a.sources().unwrap().len(), 5);
}
