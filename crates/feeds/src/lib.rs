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

/// A parsed feed: its title and items, in the feed's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    pub title: Option<String>,
    /// The site the feed belongs to.
    pub site: Option<String>,
    /// How long the publisher asks readers to wait between polls (RSS `ttl`).
    pub ttl_minutes: Option<u32>,
    pub items: Vec<Item>,
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
    Ok(Feed {
        title: feed.title.map(|t| t.content.trim().to_string()),
        site: feed
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .map(|l| l.href.clone()),
        ttl_minutes: feed.ttl,
        items: feed.entries.into_iter().map(item).collect(),
    })
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
