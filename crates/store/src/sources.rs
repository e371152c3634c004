//! The feeds a store follows and where polling each one stands.

use chrono::{DateTime, Utc};

use crate::Error;

/// A followed feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub id: i64,
    pub url: String,
    pub title: Option<String>,
    /// Seconds between polls when all is well.
    pub interval_s: i64,
    /// Conditional-GET validators of the last successful fetch.
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Failed polls in a row.
    pub failures: u32,
    pub next_poll: DateTime<Utc>,
    pub last_polled: Option<DateTime<Utc>>,
    /// Why the last poll failed, if it did.
    pub last_error: Option<String>,
}

/// How a poll of a source ended, to be remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Polled {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub failures: u32,
    pub next_poll: DateTime<Utc>,
    pub error: Option<String>,
    /// A title learned from the feed, kept only if the source had none.
    pub title: Option<String>,
}

/// The followed feeds.
pub trait Sources {
    /// Follow a feed; following it again changes nothing and returns it.
    fn add_source(&self, url: &str, title: Option<&str>, interval_s: i64) -> Result<Source, Error>;

    /// Stop following a feed (by URL); false when it was not followed.
    fn remove_source(&self, url: &str) -> Result<bool, Error>;

    /// Every followed feed, in the order they were added.
    fn sources(&self) -> Result<Vec<Source>, Error>;

    /// Feeds whose next poll is at or before `now`, most overdue first.
    fn due_sources(&self, now: DateTime<Utc>) -> Result<Vec<Source>, Error>;

    /// Remember how a poll ended.
    fn record_poll(&self, source: i64, polled: &Polled, at: DateTime<Utc>) -> Result<(), Error>;

    /// Of these feed item ids, the ones never taken from this source
    /// before, or to be taken again ([`retry_items`](Self::retry_items)).
    fn unseen_items(&self, source: i64, items: &[String]) -> Result<Vec<String>, Error>;

    /// Mark items as taken by the poll at `polled` (after their articles,
    /// or their pages, are in the log); retries asked for before that poll
    /// are done with.
    fn mark_items_seen(
        &self,
        source: i64,
        items: &[String],
        polled: DateTime<Utc>,
    ) -> Result<(), Error>;

    /// Have the feed's next poll take again these items, which the poll at
    /// `polled` queued and whose pages a cluster's worker could not fetch.
    /// Whether this comes before or after that poll marks them taken, it
    /// stands until a later poll takes them. Nothing is recorded for a
    /// source removed meanwhile.
    fn retry_items(
        &self,
        source: i64,
        items: &[String],
        polled: DateTime<Utc>,
    ) -> Result<(), Error>;
}
