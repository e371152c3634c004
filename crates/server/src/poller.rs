//! The feed poller: fetches each followed feed when it is due (conditional
//! GET, backoff on errors), fetches the page of every item not taken before,
//! extracts its article and appends it to the log.
//!
//! Items are marked as taken only after their articles are durably in the
//! log, so a crash between the two at worst fetches a page again, and the
//! log's deduplication keeps the article once.

use std::collections::HashSet;
use std::io::Read;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use parallax_feeds::schedule::{Outcome, PollState};
use parallax_feeds::{Feed, Item};
use parallax_model::Article;
use parallax_store::{Added, ArticleLog, Polled, Source, Sources};

use crate::FeedsConfig;
use crate::http::safe_link;
use crate::public_only::PublicOnly;

/// Largest feed or page accepted; bigger ones are cut off and refused.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// What the poller needs from a store.
pub trait FeedStore: ArticleLog + Sources {}
impl<T: ArticleLog + Sources + ?Sized> FeedStore for T {}

/// Polls feeds into a store.
pub struct Poller {
    agent: ureq::Agent,
    concurrent_feeds: usize,
}

/// What one poll of one feed did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub new_articles: usize,
    pub duplicates: usize,
    /// Items whose page could not be fetched or read (tried again next poll).
    pub failed_items: usize,
}

impl Poller {
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
        Poller {
            agent,
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
        let (outcome, ttl, title, error) = match self.fetch_feed(&source.url, &state) {
            Ok(FeedResponse::Unchanged) => (Outcome::Unchanged, None, None, None),
            Ok(FeedResponse::Fetched {
                feed,
                etag,
                last_modified,
            }) => {
                report = self.take_items(store, source, &feed)?;
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
        tracing::info!(feed = %source.url, new = report.new_articles, "polled");
        Ok(report)
    }

    fn fetch_feed(&self, url: &str, state: &PollState) -> Result<FeedResponse, String> {
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

    /// Fetch and append the items of a feed not taken before.
    fn take_items<S: FeedStore + ?Sized>(
        &self,
        store: &S,
        source: &Source,
        feed: &Feed,
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
        for item in items {
            match self.article(item, outlet.as_deref()) {
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
                    store.mark_items_seen(source.id, std::slice::from_ref(&item.id))?;
                }
                Err(err) => {
                    tracing::warn!(feed = %source.url, item = %item.id, %err, "item skipped");
                    report.failed_items += 1;
                }
            }
        }
        Ok(report)
    }

    /// The article behind a feed item: its page fetched and extracted, with
    /// the feed's metadata where the page has none.
    fn article(&self, item: &Item, outlet: Option<&str>) -> Result<Article, String> {
        let link = item.link.as_deref().ok_or("no link")?;
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
            article.title = item.title.clone().unwrap_or_default();
        }
        article.published = article.published.or(item.published);
        // The page names its outlet best; an aggregator's feed title would
        // make every article one outlet's.
        article.source = article.source.or_else(|| outlet.map(String::from));
        Ok(article)
    }
}

impl Report {
    fn add(&mut self, other: &Report) {
        self.new_articles += other.new_articles;
        self.duplicates += other.duplicates;
        self.failed_items += other.failed_items;
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
