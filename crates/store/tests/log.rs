//! The article log through its public interface, on a real SQLite file.

use chrono::{TimeZone, Utc};
use parallax_model::Article;
use parallax_store::{Added, ArticleLog, MATCH_END, MATCH_START, SqliteStore};

fn article(id: &str, source: &str, url: Option<&str>, title: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        source: Some(source.into()),
        url: url.map(Into::into),
        title: title.into(),
        published: None,
        language: Some("en".into()),
        text: text.into(),
    }
}

fn ferry() -> Article {
    article(
        "herald-ferry",
        "The Harbour Herald",
        Some("https://herald.example/news/ferry"),
        "Storm keeps the Holm ferry in port",
        "The ferry to Holm island stays in port until Friday, the operator said.",
    )
}

fn tram() -> Article {
    article(
        "gazette-tram",
        "Velden Gazette",
        Some("https://gazette.example/tram"),
        "Council approves the northern tram line",
        "Velden council voted 31 to 9 for the northern tram extension.",
    )
}

#[test]
fn appends_in_order_and_reads_back_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    let mut first = ferry();
    first.published = Some(Utc.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).unwrap());
    assert_eq!(
        store.append(&[first.clone(), tram()]).unwrap(),
        [Added::New(1), Added::New(2)]
    );
    assert_eq!(store.last_seq().unwrap(), 2);

    let all = store.after(0, 10).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].seq, 1);
    assert_eq!(all[0].article, first);
    assert_eq!(all[1].article, tram());
    assert_eq!(store.after(1, 10).unwrap()[0].article.id, "gazette-tram");
    assert!(store.after(2, 10).unwrap().is_empty());
    assert_eq!(store.after(0, 1).unwrap().len(), 1);
    assert_eq!(store.get("gazette-tram").unwrap().unwrap().seq, 2);
    assert_eq!(store.get("missing").unwrap(), None);
}

#[test]
fn the_same_article_twice_is_one_entry() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    store.append(&[ferry()]).unwrap();

    // Same id; same page behind a tracking link; same text from the same outlet under a new URL.
    let same_id = Article {
        text: "changed".into(),
        url: None,
        ..ferry()
    };
    let tracked = Article {
        id: "other-id".into(),
        text: "changed".into(),
        url: Some("http://www.herald.example/news/ferry/?utm_source=rss#top".into()),
        ..ferry()
    };
    let refetched = Article {
        id: "third-id".into(),
        url: Some("https://herald.example/amp/ferry".into()),
        text: ferry().text.replace(' ', "  "),
        ..ferry()
    };
    assert_eq!(
        store.append(&[same_id, tracked, refetched]).unwrap(),
        [Added::Duplicate(1); 3]
    );
    assert_eq!(store.last_seq().unwrap(), 1);
}

#[test]
fn a_syndicated_copy_in_another_outlet_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    let copy = Article {
        id: "coast-ferry".into(),
        source: Some("Coast Daily".into()),
        url: Some("https://coast.example/ferry".into()),
        ..ferry()
    };
    assert_eq!(
        store.append(&[ferry(), copy]).unwrap(),
        [Added::New(1), Added::New(2)]
    );
}

#[test]
fn duplicates_inside_one_batch_point_to_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(
        store.append(&[ferry(), tram(), ferry()]).unwrap(),
        [Added::New(1), Added::New(2), Added::Duplicate(1)]
    );
}

#[test]
fn everything_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = SqliteStore::open(dir.path()).unwrap();
        store.append(&[ferry(), tram()]).unwrap();
    }
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(store.last_seq().unwrap(), 2);
    assert_eq!(store.append(&[ferry()]).unwrap(), [Added::Duplicate(1)]);
    assert_eq!(store.search("tram", 5).unwrap().len(), 1);
}

#[test]
fn a_store_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(SqliteStore::open(dir.path()).unwrap());
    let conn = rusqlite::Connection::open(dir.path().join(SqliteStore::FILE)).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = SqliteStore::open(dir.path()).err().unwrap().to_string();
    assert!(err.contains("parallax.db"), "{err}");
    assert!(err.contains("newer Parallax"), "{err}");
}

#[test]
fn search_ignores_case_and_diacritics_and_marks_the_match() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    let kyiv = article(
        "wire-kyiv",
        "Wire",
        None,
        "Talks in Kyïv",
        "Delegations met in Kyïv on Tuesday for a second round of talks.",
    );
    store.append(&[ferry(), tram(), kyiv]).unwrap();

    let hits = store.search("KYIV talks", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "wire-kyiv");
    assert!(
        hits[0]
            .excerpt
            .contains(&format!("{MATCH_START}Kyïv{MATCH_END}")),
        "{}",
        hits[0].excerpt
    );
    // The last word is a prefix; every word must match.
    assert_eq!(store.search("holm isl", 10).unwrap()[0].id, "herald-ferry");
    assert!(store.search("holm tram", 10).unwrap().is_empty());
}

#[test]
fn a_title_match_ranks_above_a_text_match() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    let in_text = article(
        "a",
        "Herald",
        None,
        "Budget vote delayed",
        "The council also discussed the ferry timetable and the budget.",
    );
    let in_title = article(
        "b",
        "Gazette",
        None,
        "Ferry timetable cut",
        "Winter sailings drop to two a day, the operator said on Monday.",
    );
    store.append(&[in_text, in_title]).unwrap();
    let ids: Vec<String> = store
        .search("ferry", 10)
        .unwrap()
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(ids, ["b", "a"]);
}

#[test]
fn a_common_word_ranks_the_newest_thousand_matches() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    // The oldest article is the best match for "ferry" (in its title), but
    // 1,200 newer ones also mention it: only the newest 1,000 are ranked.
    let mut articles = vec![article(
        "oldest",
        "Herald",
        None,
        "Ferry ferry ferry",
        "The ferry sails.",
    )];
    for n in 0..1200 {
        articles.push(article(
            &format!("a{n}"),
            "Gazette",
            None,
            &format!("Harbour notice {n}"),
            &format!("Notice {n} for the harbour: the ferry timetable of week {n} is out."),
        ));
    }
    store.append(&articles).unwrap();
    let hits = store.search("ferry", 20).unwrap();
    assert_eq!(hits.len(), 20);
    assert!(
        hits.iter().all(|h| h.seq > 201),
        "ranked beyond the newest 1,000"
    );
    // Excerpts are built for the hits returned.
    assert!(
        hits[0]
            .excerpt
            .contains(&format!("{MATCH_START}ferry{MATCH_END}"))
    );
    // A word only the oldest article has is still found.
    let hits = store.search("sails", 20).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "oldest");
}

#[test]
fn hostile_queries_are_text_not_syntax() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    store.append(&[ferry()]).unwrap();
    for query in [
        "\"",
        "NEAR(",
        "ferry OR",
        "title:ferry",
        "*",
        "') DROP TABLE articles; --",
        "",
    ] {
        assert!(store.search(query, 10).is_ok(), "{query}");
    }
    assert_eq!(store.search("\"ferry\"", 10).unwrap().len(), 1);
    assert_eq!(store.last_seq().unwrap(), 1);
}

#[test]
fn two_stores_on_one_directory_write_without_losing_anything() {
    // `parallax serve` and `parallax ingest` open the same directory.
    let dir = tempfile::tempdir().unwrap();
    let a = SqliteStore::open(dir.path()).unwrap();
    let b = SqliteStore::open(dir.path()).unwrap();
    std::thread::scope(|scope| {
        for (name, store) in [("a", &a), ("b", &b)] {
            scope.spawn(move || {
                for i in 0..50 {
                    let text = format!("Report {i} from writer {name} on the harbour works.");
                    let item = article(&format!("{name}-{i}"), name, None, "Harbour works", &text);
                    assert!(matches!(store.append(&[item]).unwrap()[0], Added::New(_)));
                }
            });
        }
    });
    assert_eq!(a.last_seq().unwrap(), 100);
    let seqs: Vec<i64> = b.after(0, 1000).unwrap().iter().map(|s| s.seq).collect();
    assert_eq!(seqs, (1..=100).collect::<Vec<_>>());
}

#[test]
fn tidying_merges_the_search_index_in_steps_and_finds_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    // One append per article: one index segment per transaction.
    for n in 0..1200 {
        store
            .append(&[article(
                &format!("notice-{n}"),
                "The Harbour Herald",
                None,
                &format!("Harbour notice {n}"),
                &format!("Berth {} is closed for dredging in week {n}.", n % 7),
            )])
            .unwrap();
    }
    let before = store.search("berth dredging", 20).unwrap();

    let mut steps = 0;
    while store.tidy_search().unwrap() {
        steps += 1;
        assert!(steps < 100, "tidying never ends");
    }
    assert!(steps > 0, "1,200 appends left nothing to merge");
    assert_eq!(store.search("berth dredging", 20).unwrap(), before);
    // Done until a quarter of the log again is new.
    assert!(!store.tidy_search().unwrap());
}

#[test]
fn search_narrows_to_an_outlet_and_a_time() {
    use parallax_store::ArticleFilter;
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    let dated = |id: &str, source: &str, day: u32| Article {
        published: Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).single(),
        ..article(
            id,
            source,
            None,
            "Ferry news",
            &format!("The Holm ferry sails again, says {id}."),
        )
    };
    store
        .append(&[
            dated("a", "The Harbour Herald", 1),
            dated("b", "Velden Gazette", 2),
            dated("c", "The Harbour Herald", 3),
            article(
                "d",
                "The Harbour Herald",
                None,
                "Undated",
                "The Holm ferry, undated.",
            ),
        ])
        .unwrap();
    let ids = |filter: ArticleFilter| -> Vec<String> {
        let mut ids: Vec<String> = store
            .search_within("holm ferry", &filter, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(ArticleFilter::default()), ["a", "b", "c", "d"]);
    let herald = ArticleFilter {
        outlet: Some("The Harbour Herald".into()),
        ..ArticleFilter::default()
    };
    assert_eq!(ids(herald.clone()), ["a", "c", "d"]);
    let march_2 = ArticleFilter {
        from: Utc.with_ymd_and_hms(2026, 3, 2, 0, 0, 0).single(),
        until: Utc.with_ymd_and_hms(2026, 3, 3, 0, 0, 0).single(),
        ..ArticleFilter::default()
    };
    assert_eq!(ids(march_2), ["b"]);
    let herald_from_2 = ArticleFilter {
        from: Utc.with_ymd_and_hms(2026, 3, 2, 0, 0, 0).single(),
        ..herald
    };
    assert_eq!(ids(herald_from_2), ["c"]);
    let nowhere = ArticleFilter {
        outlet: Some("Nobody".into()),
        ..ArticleFilter::default()
    };
    assert!(ids(nowhere).is_empty());
}
