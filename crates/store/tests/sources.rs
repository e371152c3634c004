//! Followed feeds: adding, removing, polling state, items already taken.

use chrono::{Duration, Utc};
use parallax_store::{Polled, Sources, SqliteStore};

#[test]
fn sources_are_added_once_listed_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    let herald = store
        .add_source("https://herald.example/feed.xml", Some("Herald"), 900)
        .unwrap();
    let again = store
        .add_source("https://herald.example/feed.xml", None, 60)
        .unwrap();
    assert_eq!(again, herald, "adding twice changes nothing");
    store
        .add_source("https://gazette.example/atom", None, 1800)
        .unwrap();
    let urls: Vec<String> = store
        .sources()
        .unwrap()
        .into_iter()
        .map(|s| s.url)
        .collect();
    assert_eq!(
        urls,
        [
            "https://herald.example/feed.xml",
            "https://gazette.example/atom"
        ]
    );
    assert!(
        store
            .remove_source("https://herald.example/feed.xml")
            .unwrap()
    );
    assert!(
        !store
            .remove_source("https://herald.example/feed.xml")
            .unwrap()
    );
    assert_eq!(store.sources().unwrap().len(), 1);
}

#[test]
fn polls_are_remembered_and_due_sources_come_most_overdue_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    let a = store
        .add_source("https://a.example/rss", None, 900)
        .unwrap();
    let b = store
        .add_source("https://b.example/rss", None, 900)
        .unwrap();
    let now = Utc::now();
    // Both new sources are due at once.
    assert_eq!(store.due_sources(now).unwrap().len(), 2);

    let polled = |next| Polled {
        etag: Some("\"v2\"".into()),
        last_modified: None,
        failures: 0,
        next_poll: next,
        error: None,
        title: Some("A News".into()),
    };
    store
        .record_poll(a.id, &polled(now + Duration::minutes(15)), now)
        .unwrap();
    store
        .record_poll(
            b.id,
            &Polled {
                failures: 3,
                error: Some("HTTP 503".into()),
                ..polled(now - Duration::minutes(1))
            },
            now,
        )
        .unwrap();
    let due = store.due_sources(now).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].id, b.id);
    assert_eq!(due[0].failures, 3);
    assert_eq!(due[0].last_error.as_deref(), Some("HTTP 503"));
    let later = store.due_sources(now + Duration::minutes(20)).unwrap();
    assert_eq!(later.iter().map(|s| s.id).collect::<Vec<_>>(), [b.id, a.id]);
    let a = &store.sources().unwrap()[0];
    assert_eq!(a.etag.as_deref(), Some("\"v2\""));
    assert_eq!(a.title.as_deref(), Some("A News"), "learned from the feed");
    assert!(a.last_polled.is_some());
}

/// A moment, `seconds` after a fixed one.
fn at(seconds: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_780_000_000 + seconds, 0).unwrap()
}

#[test]
fn items_are_taken_once_per_source() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    let a = store
        .add_source("https://a.example/rss", None, 900)
        .unwrap();
    let b = store
        .add_source("https://b.example/rss", None, 900)
        .unwrap();
    let items: Vec<String> = ["x", "y", "x"].map(String::from).to_vec();
    assert_eq!(store.unseen_items(a.id, &items).unwrap(), ["x", "y"]);
    let (first_poll, next_poll) = (at(0), at(900));
    store
        .mark_items_seen(a.id, &items[..1], first_poll)
        .unwrap();
    assert_eq!(store.unseen_items(a.id, &items).unwrap(), ["y"]);
    assert_eq!(store.unseen_items(b.id, &items).unwrap(), ["x", "y"]);
    // A worker could not fetch x's page, and said so before or after the
    // poll marked it: either way the next poll takes it again, and once
    // that poll has taken it, it is taken.
    store.retry_items(a.id, &items[..1], first_poll).unwrap();
    store
        .mark_items_seen(a.id, &items[..1], first_poll)
        .unwrap();
    assert_eq!(store.unseen_items(a.id, &items).unwrap(), ["x", "y"]);
    store.mark_items_seen(a.id, &items[..1], next_poll).unwrap();
    assert_eq!(store.unseen_items(a.id, &items).unwrap(), ["y"]);
    // A retry asked for by the next poll's worker, quicker than the poll
    // marked the item, stands.
    store.retry_items(a.id, &items[..1], next_poll).unwrap();
    store.mark_items_seen(a.id, &items[..1], next_poll).unwrap();
    assert_eq!(store.unseen_items(a.id, &items).unwrap(), ["x", "y"]);
    // Removing a source forgets its items; a retry asked for it afterwards
    // records nothing.
    store.remove_source("https://a.example/rss").unwrap();
    store.retry_items(a.id, &items[..1], next_poll).unwrap();
    let a = store
        .add_source("https://a.example/rss", None, 900)
        .unwrap();
    assert_eq!(store.unseen_items(a.id, &items).unwrap(), ["x", "y"]);
}

// Issue #16: repeated ids were found by searching the list of unseen ones
// so far, which cost the square of the feed's length (80,000 items: 5 s,
// many more unoptimised). Now one lookup each.
#[test]
fn a_long_feed_is_checked_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    let a = store
        .add_source("https://a.example/rss", None, 900)
        .unwrap();
    let items: Vec<String> = (0..60_000)
        .map(|i| format!("https://a.example/news/{}", i % 50_000))
        .collect();
    store.mark_items_seen(a.id, &items[..10], at(0)).unwrap();
    let unseen = store.unseen_items(a.id, &items).unwrap();
    assert_eq!(unseen.len(), 50_000 - 10);
    assert_eq!(
        unseen.first().map(String::as_str),
        Some("https://a.example/news/10")
    );
    assert_eq!(
        unseen.last().map(String::as_str),
        Some("https://a.example/news/49999")
    );
}
