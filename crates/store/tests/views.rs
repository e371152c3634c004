//! Story views through their public interface, on a real SQLite file.

use chrono::{TimeZone, Utc};
use parallax_store::{
    Found, Rendition, Renditions, SearchKind, Searchable, SqliteStore, StoryOrder, StorySummary,
    StoryView, StoryViews,
};

fn view(id: i64, headline: &str, articles: u32, outlets: u32, last_seq: i64) -> StoryView {
    StoryView {
        summary: StorySummary {
            id,
            headline: headline.into(),
            articles,
            outlets,
            first_published: Some(Utc.with_ymd_and_hms(2026, 3, 14, 8, 0, 0).unwrap()),
            last_published: None,
            last_seq,
        },
        renditions: Renditions {
            document: format!("{{\"story\":{id},\"headline\":\"{headline}\"}}").into_bytes(),
            page: format!("<h1>{headline}</h1>").into_bytes(),
        },
        articles: vec![format!("a{id}"), format!("b{id}")],
        searchable: vec![
            Searchable {
                kind: SearchKind::Quote,
                label: "Mara Lindqvist".into(),
                text: format!("We will not sail into a storm like this one, story {id}"),
            },
            Searchable {
                kind: SearchKind::Name,
                label: "place".into(),
                text: "Holm".into(),
            },
        ],
    }
}

fn ids(list: &[StorySummary]) -> Vec<i64> {
    list.iter().map(|s| s.id).collect()
}

#[test]
fn lists_newest_and_biggest_first_with_paging() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    store
        .save_views(
            &[
                view(0, "Ferry", 5, 4, 9),
                view(1, "Tram", 2, 2, 12),
                view(2, "Fire", 3, 3, 7),
            ],
            &[],
            12,
        )
        .unwrap();
    assert_eq!(
        ids(&store.stories(StoryOrder::Newest, 0, 10).unwrap()),
        [1, 0, 2]
    );
    assert_eq!(
        ids(&store.stories(StoryOrder::Biggest, 0, 10).unwrap()),
        [0, 2, 1]
    );
    assert_eq!(ids(&store.stories(StoryOrder::Newest, 1, 1).unwrap()), [0]);
    assert_eq!(store.analysed_to().unwrap(), 12);
}

#[test]
fn a_saved_story_reads_back_and_an_update_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(store.analysed_to().unwrap(), 0);
    store
        .save_views(&[view(0, "Ferry", 1, 1, 1)], &[], 1)
        .unwrap();
    store
        .save_views(&[view(0, "Ferry held", 2, 2, 2)], &[], 2)
        .unwrap();
    let updated = view(0, "Ferry held", 2, 2, 2);
    for (rendition, expected) in [
        (Rendition::Page, &updated.renditions.page),
        (Rendition::Document, &updated.renditions.document),
    ] {
        let Some(Found::Story { summary, rendition }) = store.story(0, rendition).unwrap() else {
            panic!("story 0 missing");
        };
        assert_eq!(summary, updated.summary);
        assert_eq!(&rendition, expected);
    }
    assert_eq!(store.story(7, Rendition::Page).unwrap(), None);
    // Replaced, not added: one quote row per story.
    assert_eq!(store.search_stories("storm", 10).unwrap().len(), 1);
}

#[test]
fn a_merged_story_leads_to_the_story_it_joined() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    store
        .save_views(
            &[view(0, "Ferry", 2, 2, 2), view(1, "Holm ferry", 1, 1, 3)],
            &[],
            3,
        )
        .unwrap();
    let mut joined = view(0, "Ferry", 3, 3, 4);
    joined.articles.push("a1".into());
    store.save_views(&[joined], &[(1, 0)], 4).unwrap();
    assert_eq!(
        store.story(1, Rendition::Page).unwrap(),
        Some(Found::MergedInto(0))
    );
    // An article moved by the merge is found in the story it joined.
    assert_eq!(store.story_of("a1").unwrap(), Some(0));
    assert_eq!(store.story_of("b1").unwrap(), Some(1));
    assert_eq!(store.story_of("zz").unwrap(), None);
    assert_eq!(ids(&store.stories(StoryOrder::Newest, 0, 10).unwrap()), [0]);
    assert_eq!(store.count_stories().unwrap(), 1);
    let hits = store.search_stories("storm", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].story, 0);
}

#[test]
fn quotes_and_names_are_searchable_with_marked_matches() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    store
        .save_views(&[view(4, "Ferry", 2, 2, 2)], &[], 2)
        .unwrap();
    let hits = store.search_stories("sail storm", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].kind, SearchKind::Quote);
    assert_eq!(hits[0].label, "Mara Lindqvist");
    assert_eq!(hits[0].headline, "Ferry");
    assert!(
        hits[0].excerpt.contains("\u{E000}storm\u{E001}"),
        "{}",
        hits[0].excerpt
    );
    assert_eq!(
        store.search_stories("holm", 10).unwrap()[0].kind,
        SearchKind::Name
    );
    assert!(store.search_stories("NEAR(\"", 10).unwrap().is_empty());
    // A quote is found by who said it, too.
    let by_speaker = store.search_stories("Lindqvist", 10).unwrap();
    assert_eq!(by_speaker.len(), 1);
    assert_eq!(by_speaker[0].kind, SearchKind::Quote);
    assert_eq!(by_speaker[0].label, "Mara Lindqvist");
}

#[test]
fn views_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    SqliteStore::open(dir.path())
        .unwrap()
        .save_views(&[view(0, "Ferry", 1, 1, 1)], &[], 1)
        .unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(store.analysed_to().unwrap(), 1);
    assert_eq!(store.stories(StoryOrder::Newest, 0, 5).unwrap().len(), 1);
}
