//! News feeds: what a feed lists, which feeds a person follows, and when to
//! ask each feed again.
//!
//! Pure functions over bytes and times; fetching over HTTP happens at the
//! edge (the service), which hands the bytes here.
//!
//! - [`parse`]: RSS 0.9x/1.0/2.0, Atom and JSON Feed (through `feed-rs`)
//!   into [`Feed`] items with absolute links.
//! - [`opml`]: import and export of subscription lists.
//! - [`schedule`]: polling intervals, conditional-GET validators and backoff.

pub mod address;
pub mod opml;
pub mod schedule;

pub use address::check_feed_url;

use chrono::{DateTime, Utc};

/// Items taken from one feed at most: the newest [`MAX_ITEMS`] (by
/// publication date, undated ones after dated ones, then in the feed's
/// order); the others are left out, with a warning. News feeds list tens to
/// hundreds of items; a feed with far more is an archive dump or hostile,
/// and every item taken is a page to fetch.
pub const MAX_ITEMS: usize = 10_000;

/// A parsed feed: its title and items, in the feed's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    pub title: Option<String>,
    /// The site the feed belongs to.
    pub site: Option<String>,
    /// How long the publisher asks readers to wait between polls (RSS `ttl`).
    pub ttl_minutes: Option<u32>,
    /// At most [`MAX_ITEMS`].
    pub items: Vec<Item>,
    /// Items beyond [`MAX_ITEMS`], the oldest, left out of `items`.
    pub left_out: usize,
}

/// One entry of a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The publisher's identifier (`guid`, Atom `id`), or the link.
    pub id: String,
    /// The article page, absolute. Items without one cannot be fetched.
    pub link: Option<String>,
    pub title: Option<String>,
    pub published: Option<DateTime<Utc>>,
    /// The summary or content as the feed gives it (often HTML).
    pub summary: Option<String>,
    pub authors: Vec<String>,
}

/// A feed that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{url}: not a feed: {reason}")]
pub struct Error {
    pub url: String,
    pub reason: String,
}

/// Parse the raw bytes of a feed fetched from `url` (relative links are
/// resolved against it). Pass the bytes as received: the XML prolog names
/// its own encoding.
pub fn parse(bytes: &[u8], url: &str) -> Result<Feed, Error> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(Some(url))
        // Items without a guid are identified by their link (then title), never
        // by a random id, so that polling twice gives the same ids.
        .id_generator(|links, title, _| {
            links
                .first()
                .map(|l| l.href.clone())
                .or_else(|| title.as_ref().map(|t| t.content.clone()))
                .unwrap_or_default()
        })
        .build();
    let feed = parser.parse(bytes).map_err(|e| Error {
        url: url.to_string(),
        reason: e.to_string(),
    })?;
    let (items, left_out) = newest(feed.entries.into_iter().map(item).collect(), MAX_ITEMS);
    if left_out > 0 {
        tracing::warn!(
            feed = url,
            kept = items.len(),
            left_out,
            "the feed lists more than {MAX_ITEMS} items: the oldest are left out"
        );
    }
    Ok(Feed {
        title: feed.title.map(|t| t.content.trim().to_string()),
        site: feed
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .map(|l| l.href.clone()),
        ttl_minutes: feed.ttl,
        items,
        left_out,
    })
}

/// The `max` newest items (see [`MAX_ITEMS`]) in the feed's order, and how
/// many were left out.
fn newest(mut items: Vec<Item>, max: usize) -> (Vec<Item>, usize) {
    let left_out = items.len().saturating_sub(max);
    if left_out == 0 {
        return (items, 0);
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Newest first, undated last; stable, so ties keep the feed's order.
    order.sort_by_key(|&i| std::cmp::Reverse(items[i].published.map(|t| (1, t))));
    let mut keep = vec![false; items.len()];
    for &i in &order[..max] {
        keep[i] = true;
    }
    let mut index = 0;
    items.retain(|_| {
        index += 1;
        keep[index - 1]
    });
    (items, left_out)
}

fn item(entry: feed_rs::model::Entry) -> Item {
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone())
        .filter(|href| href.starts_with("http://") || href.starts_with("https://"));
    let summary = entry
        .summary
        .map(|t| t.content)
        .or_else(|| entry.content.and_then(|c| c.body))
        .filter(|s| !s.trim().is_empty());
    Item {
        id: if entry.id.is_empty() {
            link.clone().unwrap_or_default()
        } else {
            entry.id
        },
        link,
        title: entry.title.map(|t| t.content.trim().to_string()),
        published: entry.published.or(entry.updated),
        summary,
        authors: entry
            .authors
            .into_iter()
            .filter_map(|p| p.name)
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn rss(items: impl Iterator<Item = String>) -> String {
        format!(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{}</channel></rss>"#,
            items.collect::<String>()
        )
    }

    #[test]
    fn a_feed_keeps_its_newest_items_in_its_order() {
        // Item i was published on day i (of 2025), undated when i % 7 == 0.
        let day = |i: usize| {
            Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap() + chrono::Duration::days(i as i64)
        };
        let items = (1..=MAX_ITEMS + 50).map(|i| {
            let date = if i % 7 == 0 {
                String::new()
            } else {
                format!("<pubDate>{}</pubDate>", day(i).to_rfc2822())
            };
            format!("<item><guid>g{i}</guid><link>https://ex.example/{i}</link>{date}</item>")
        });
        let feed = parse(rss(items).as_bytes(), "https://ex.example/feed").unwrap();
        assert_eq!(feed.items.len(), MAX_ITEMS);
        assert_eq!(feed.left_out, 50);
        let kept: Vec<usize> = feed
            .items
            .iter()
            .map(|i| i.id[1..].parse().unwrap())
            .collect();
        assert!(kept.windows(2).all(|w| w[0] < w[1]), "the feed's order");
        // Left out: the 50 undated ones nearest the end.
        let undated = (1..=MAX_ITEMS + 50).filter(|i| i % 7 == 0).count();
        assert_eq!(kept.iter().filter(|&&i| i % 7 == 0).count(), undated - 50);
        assert!(kept.iter().filter(|&&i| i % 7 != 0).count() == MAX_ITEMS + 50 - undated);
    }

    #[test]
    fn when_all_are_dated_the_oldest_are_left_out() {
        let items = (0..MAX_ITEMS + 3).map(|i| {
            // Listed newest first but the last three out of order.
            let age = if i >= MAX_ITEMS { 100_000 + i } else { i };
            let when = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap()
                - chrono::Duration::minutes(age as i64);
            format!(
                "<item><guid>g{i}</guid><pubDate>{}</pubDate></item>",
                when.to_rfc2822()
            )
        });
        let feed = parse(rss(items).as_bytes(), "https://ex.example/feed").unwrap();
        assert_eq!(feed.left_out, 3);
        assert_eq!(feed.items.last().map(|i| i.id.as_str()), Some("g9999"));
    }

    #[test]
    fn a_short_feed_is_untouched() {
        let items = (0..3).map(|i| format!("<item><guid>g{i}</guid></item>"));
        let feed = parse(rss(items).as_bytes(), "https://ex.example/feed").unwrap();
        assert_eq!(feed.left_out, 0);
        let ids: Vec<&str> = feed.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["g0", "g1", "g2"]);
    }
}
