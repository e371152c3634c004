//! The feed poller: fetches each followed feed when it is due (conditional
//! GET, backoff on errors), fetches the page of every item not taken before,
//! extracts its article and appends it to the log. A store that hands pages
//! to others ([`FeedStore::queue_pages`]: a cluster, whose workers fetch
//! them) gets the items' [`Page`]s instead.
//!
//! Items are marked as taken only after their articles (or pages) are
//! durably in the log, so a crash between the two at worst fetches a page
//! again, and the store keeps the article once (by id, address and text).
//! An item whose page cannot be fetched is not taken, and is tried again at
//! the feed's next poll (a worker that fails to fetch one asks for that:
//! [`Sources::retry_items`]).

use std::collections::HashSet;
use std::io::Read;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use parallax_feeds::schedule::{Outcome, PollState};
use parallax_feeds::{Feed, Item};
use parallax_model::Article;
use parallax_store::{Added, ArticleLog, Polled, Source, Sources};
use serde::{Deserialize, Serialize};

use crate::FeedsConfig;
use crate::http::safe_link;
use crate::public_only::PublicOnly;

/// Largest feed or page accepted; bigger ones are cut off and refused.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// What the poller needs from a store.
pub trait FeedStore: ArticleLog + Sources {
    /// Hand the pages of new feed items to other processes to fetch and
    /// append, once durably queued: `true`. `false` (the default) has the
    /// poller fetch them itself.
    fn queue_pages(&self, _pages: &[Page]) -> Result<bool, parallax_store::Error> {
        Ok(false)
    }
}

impl FeedStore for parallax_store::SqliteStore {}

/// A feed item's page, to be fetched and extracted into an article, with
/// what the feed says of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// The source (feed) and the item's id in it: an item whose page
    /// cannot be fetched is taken again at the feed's next poll.
    pub source: i64,
    pub item: String,
    pub link: String,
    /// The item's title and date, for a page that gives none.
    pub title: Option<String>,
    pub published: Option<DateTime<Utc>>,
    /// The feed's outlet, for a page that names none.
    pub outlet: Option<String>,
    /// When the poll that queued it began (1970 in a page queued before
    /// pages said: a retry it asks for stands until any poll takes it).
    #[serde(default)]
    pub polled: DateTime<Utc>,
}

/// Polls feeds into a store.
pub struct Poller {
    fetcher: Fetcher,
    concurrent_feeds: usize,
}

/// Fetches feeds and pages over HTTP(S), from public addresses only (see
/// [`crate::public_only`]), as configured in `[feeds]`.
#[derive(Clone)]
pub struct Fetcher {
    agent: ureq::Agent,
}

/// What one poll of one feed did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub new_articles: usize,
    pub duplicates: usize,
    /// Items whose page could not be fetched or read (tried again next poll).
    pub failed_items: usize,
    /// Items whose page was handed to others to fetch
    /// ([`FeedStore::queue_pages`]).
    pub queued_pages: usize,
}

impl Fetcher {
    pub fn new(config: &FeedsConfig) -> Self {
        let settings = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(config.timeout_seconds)))
            .user_agent(config.user_agent.as_str())
            .http_status_as_error(false)
            // A proxy would be the only address checked, not the target.
            .proxy(None)
            .build();
        let agent = ureq::Agent::with_parts(
            settings,
            ureq::unversioned::transport::DefaultConnector::new(),
            PublicOnly::new(config.allow_networks.clone()),
        );
        Fetcher { agent }
    }

    /// The article behind a feed item: its page fetched and extracted, with
    /// the feed's metadata where the page has none.
    pub fn article(&self, page: &Page) -> Result<Article, String> {
        let link = page.link.as_str();
        if safe_link(Some(link)).is_none() {
            return Err(format!("{link}: not an http(s) link"));
        }
        let mut response = self.agent.get(link).call().map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(format!("{link}: HTTP {status}"));
        }
        let charset = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .and_then(charset_of)
            .map(String::from);
        let bytes = read_limited(response.body_mut().as_reader())?;
        let mut article = parallax_read::web_page(&bytes, charset.as_deref(), link)
            .map_err(|e| format!("{link}: {e}"))?;
        if article.title.is_empty() {
            article.title = page.title.clone().unwrap_or_default();
        }
        article.published = article.published.or(page.published);
        // The page names its outlet best; an aggregator's feed title would
        // make every article one outlet's.
        article.source = article.source.or_else(|| page.outlet.clone());
        Ok(article)
    }

    fn feed(&self, url: &str, state: &PollState) -> Result<FeedResponse, String> {
        let mut request = self.agent.get(url);
        for (name, value) in state.conditional_headers() {
            request = request.header(name, value);
        }
        let mut response = request.call().map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        if status == 304 {
            return Ok(FeedResponse::Unchanged);
        }
        if status != 200 {
            return Err(format!("HTTP {status}"));
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(String::from)
        };
        let (etag, last_modified) = (header("etag"), header("last-modified"));
        let bytes = read_limited(response.body_mut().as_reader())?;
        let feed = parallax_feeds::parse(&bytes, url).map_err(|e| e.reason)?;
        Ok(FeedResponse::Fetched {
            feed,
            etag,
            last_modified,
        })
    }
}

impl Poller {
    pub fn new(config: &FeedsConfig) -> Self {
        Poller {
            fetcher: Fetcher::new(config),
            concurrent_feeds: config.concurrent_feeds.max(1),
        }
    }

    /// Poll every source that is due at `now`, several feeds at a time.
    /// Errors of one feed are recorded with it (and logged); they do not stop
    /// the others.
    pub fn poll_due<S: FeedStore + Sync + ?Sized>(
        &self,
        store: &S,
        now: DateTime<Utc>,
    ) -> Result<Report, parallax_store::Error> {
        let due = Mutex::new(store.due_sources(now)?.into_iter());
        let total = Mutex::new(Ok(Report::default()));
        let workers = self.concurrent_feeds.min(due.lock().map_or(1, |d| d.len()));
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    // The iterator is only advanced under the lock; a
                    // poisoned lock still holds a usable iterator.
                    let next = || due.lock().unwrap_or_else(PoisonError::into_inner).next();
                    while let Some(source) = next() {
                        let polled = self.poll(store, &source, now);
                        let mut total = total.lock().unwrap_or_else(PoisonError::into_inner);
                        match (&mut *total, polled) {
                            (Ok(total), Ok(report)) => total.add(&report),
                            (Ok(_), Err(err)) => *total = Err(err),
                            (Err(_), _) => {}
                        }
                    }
                });
            }
        });
        total.into_inner().unwrap_or_else(PoisonError::into_inner)
    }

    /// Poll one source now and remember how it went.
    pub fn poll<S: FeedStore + ?Sized>(
        &self,
        store: &S,
        source: &Source,
        now: DateTime<Utc>,
    ) -> Result<Report, parallax_store::Error> {
        let mut state = PollState {
            etag: source.etag.clone(),
            last_modified: source.last_modified.clone(),
            failures: source.failures,
        };
        let mut report = Report::default();
        let (outcome, ttl, title, error) = match self.fetcher.feed(&source.url, &state) {
            Ok(FeedResponse::Unchanged) => (Outcome::Unchanged, None, None, None),
            Ok(FeedResponse::Fetched {
                feed,
                etag,
                last_modified,
            }) => {
                report = self.take_items(store, source, &feed, now)?;
                (
                    Outcome::Fetched {
                        etag,
                        last_modified,
                    },
                    feed.ttl_minutes,
                    feed.title,
                    None,
                )
            }
            Err(err) => {
                tracing::warn!(feed = %source.url, %err, "poll failed");
                (Outcome::Failed, None, None, Some(err))
            }
        };
        state.record(outcome);
        let interval = chrono::Duration::seconds(source.interval_s);
        let polled = Polled {
            next_poll: state.next_poll(now, interval, ttl),
            etag: state.etag,
            last_modified: state.last_modified,
            failures: state.failures,
            error,
            title,
        };
        store.record_poll(source.id, &polled, now)?;
        tracing::info!(
            feed = %source.url,
            new = report.new_articles,
            queued = report.queued_pages,
            "polled"
        );
        Ok(report)
    }

    /// Fetch and append the items of a feed not taken before (or queue
    /// their pages, where the store takes them), for the poll at `now`.
    fn take_items<S: FeedStore + ?Sized>(
        &self,
        store: &S,
        source: &Source,
        feed: &Feed,
        now: DateTime<Utc>,
    ) -> Result<Report, parallax_store::Error> {
        let ids: Vec<String> = feed.items.iter().map(|i| i.id.clone()).collect();
        let unseen: HashSet<String> = store.unseen_items(source.id, &ids)?.into_iter().collect();
        let outlet = source.title.clone().or_else(|| feed.title.clone());
        let mut report = Report::default();
        // Oldest first, so that the log's order is the order of publication.
        let mut items: Vec<&Item> = feed
            .items
            .iter()
            .filter(|i| unseen.contains(&i.id))
            .collect();
        items.sort_by_key(|i| i.published);
        // A feed that lists an item twice gives it once.
        let mut listed = HashSet::with_capacity(items.len());
        items.retain(|i| listed.insert(i.id.as_str()));
        let mut pages = Vec::with_capacity(items.len());
        for item in items {
            match &item.link {
                Some(link) => pages.push(Page {
                    source: source.id,
                    item: item.id.clone(),
                    link: link.clone(),
                    title: item.title.clone(),
                    published: item.published,
                    outlet: outlet.clone(),
                    polled: now,
                }),
                None => {
                    tracing::warn!(feed = %source.url, item = %item.id, "item skipped: no link");
                    report.failed_items += 1;
                }
            }
        }
        if !pages.is_empty() && store.queue_pages(&pages)? {
            let ids: Vec<String> = pages.into_iter().map(|p| p.item).collect();
            store.mark_items_seen(source.id, &ids, now)?;
            report.queued_pages += ids.len();
            return Ok(report);
        }
        for page in pages {
            match self.fetcher.article(&page) {
                // Stored as soon as fetched: a feed of a thousand slow pages
                // shows its first articles at once, and a crash loses at
                // most the page being fetched.
                Ok(article) => {
                    for added in store.append(std::slice::from_ref(&article))? {
                        match added {
                            // A cluster's log takes what is new and what is not alike.
                            Added::New(_) | Added::Queued(_) => report.new_articles += 1,
                            Added::Duplicate(_) => report.duplicates += 1,
                        }
                    }
                    store.mark_items_seen(source.id, std::slice::from_ref(&page.item), now)?;
                }
                Err(err) => {
                    tracing::warn!(feed = %source.url, item = %page.item, %err, "item skipped");
                    report.failed_items += 1;
                }
            }
        }
        Ok(report)
    }
}

impl Report {
    fn add(&mut self, other: &Report) {
        self.new_articles += other.new_articles;
        self.duplicates += other.duplicates;
        self.failed_items += other.failed_items;
        self.queued_pages += other.queued_pages;
    }
}

enum FeedResponse {
    Unchanged,
    Fetched {
        feed: Feed,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// The `charset` parameter of a Content-Type header.
fn charset_of(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"'))
    })
}

fn read_limited(reader: impl Read) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!("larger than {} MiB", MAX_BYTES / (1024 * 1024)));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_parameter() {
        assert_eq!(
            charset_of("text/html; charset=windows-1251"),
            Some("windows-1251")
        );
        assert_eq!(charset_of("text/html;Charset=\"UTF-8\""), Some("UTF-8"));
        assert_eq!(charset_of("text/html"), None);
    }
}
