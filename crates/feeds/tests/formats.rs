//! One story's feed in each format Parallax follows: the same items come out.

use chrono::{TimeZone, Utc};
use parallax_feeds::parse;

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>The Harbour Herald</title>
  <link>https://herald.example/</link>
  <ttl>30</ttl>
  <item>
    <title>Storm keeps the Holm ferry in port</title>
    <link>/news/ferry?utm_source=rss</link>
    <guid isPermaLink="false">herald-1842</guid>
    <pubDate>Sat, 14 Mar 2026 09:30:00 +0100</pubDate>
    <description>&lt;p&gt;The ferry stays in port.&lt;/p&gt;</description>
    <author>desk@herald.example (Mara Lindqvist)</author>
  </item>
  <item>
    <title>Tram vote tonight</title>
    <link>https://herald.example/news/tram</link>
  </item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Velden Gazette</title>
  <link rel="alternate" href="https://gazette.example/"/>
  <id>urn:gazette</id>
  <updated>2026-03-14T10:00:00Z</updated>
  <entry>
    <title>Holm ferry cancelled again</title>
    <link rel="alternate" href="https://gazette.example/holm-ferry"/>
    <id>urn:gazette:ferry</id>
    <published>2026-03-14T10:00:00Z</published>
    <updated>2026-03-14T11:00:00Z</updated>
    <author><name>Jonas Ekberg</name></author>
    <summary>No sailings until Friday.</summary>
  </entry>
</feed>"#;

const JSON: &str = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Coast Daily",
  "home_page_url": "https://coast.example/",
  "items": [
    {"id": "c-77", "url": "https://coast.example/ferry", "title": "Ferry stays put",
     "content_text": "Operators blame the storm.", "date_published": "2026-03-14T12:15:00Z",
     "authors": [{"name": "Ilse Brandt"}]}
  ]
}"#;

#[test]
fn rss_items_have_absolute_links_ids_and_dates() {
    let feed = parse(RSS.as_bytes(), "https://herald.example/feed.xml").unwrap();
    assert_eq!(feed.title.as_deref(), Some("The Harbour Herald"));
    assert_eq!(feed.ttl_minutes, Some(30));
    assert_eq!(feed.items.len(), 2);
    let first = &feed.items[0];
    assert_eq!(first.id, "herald-1842");
    assert_eq!(
        first.link.as_deref(),
        Some("https://herald.example/news/ferry?utm_source=rss")
    );
    assert_eq!(
        first.published,
        Some(Utc.with_ymd_and_hms(2026, 3, 14, 8, 30, 0).unwrap())
    );
    assert!(first.summary.as_deref().unwrap().contains("stays in port"));
    // No guid: the link identifies the item, the same on every poll.
    assert_eq!(feed.items[1].id, "https://herald.example/news/tram");
    let again = parse(RSS.as_bytes(), "https://herald.example/feed.xml").unwrap();
    assert_eq!(again.items[1].id, feed.items[1].id);
}

#[test]
fn atom_entries() {
    let feed = parse(ATOM.as_bytes(), "https://gazette.example/atom").unwrap();
    let entry = &feed.items[0];
    assert_eq!(entry.id, "urn:gazette:ferry");
    assert_eq!(
        entry.link.as_deref(),
        Some("https://gazette.example/holm-ferry")
    );
    assert_eq!(entry.authors, ["Jonas Ekberg"]);
    assert_eq!(
        entry.published,
        Some(Utc.with_ymd_and_hms(2026, 3, 14, 10, 0, 0).unwrap())
    );
    assert_eq!(feed.site.as_deref(), Some("https://gazette.example/"));
}

#[test]
fn json_feed_items() {
    let feed = parse(JSON.as_bytes(), "https://coast.example/feed.json").unwrap();
    assert_eq!(feed.title.as_deref(), Some("Coast Daily"));
    let item = &feed.items[0];
    assert_eq!(item.id, "c-77");
    assert_eq!(item.link.as_deref(), Some("https://coast.example/ferry"));
    assert_eq!(item.authors, ["Ilse Brandt"]);
}

#[test]
fn junk_is_an_error_naming_the_feed() {
    for junk in [
        "",
        "<html><body>Not a feed</body></html>",
        "{\"a\": 1",
        "\u{0}\u{1}binary",
    ] {
        let err = parse(junk.as_bytes(), "https://bad.example/feed").unwrap_err();
        assert!(
            err.to_string().starts_with("https://bad.example/feed: "),
            "{err}"
        );
    }
}
