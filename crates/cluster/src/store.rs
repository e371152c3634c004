//! The store as a cluster's server sees it: the PostgreSQL store, with new
//! articles (posted to the API, or from the feeds this server polls)
//! published to the cluster's log instead of written to the store.

use chrono::{DateTime, Utc};
use parallax_model::Article;
use parallax_store::{
    Added, ArticleFilter, ArticleLog, Error, Found, Hit, PgStore, Polled, Rendition, Seq, Source,
    Sources, Stored, StoryHit, StoryOrder, StorySummary, StoryView, StoryViews, Understood,
};

use crate::log::{Item, Log};
use parallax_server::poller::{FeedStore, Page};

/// How long a server's publish is tried again (a NATS server restarting)
/// before it fails.
const WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// [`PgStore`] whose [`append`](ArticleLog::append) publishes to the log.
pub struct ClusterStore {
    pub store: PgStore,
    log: Log,
    /// Runs the publishing: `append` is called from blocking threads.
    runtime: tokio::runtime::Handle,
}

impl ClusterStore {
    pub fn new(store: PgStore, log: Log, runtime: tokio::runtime::Handle) -> Self {
        ClusterStore {
            store,
            log,
            runtime,
        }
    }

    /// Publish to the log and wait for its acknowledgements: each item is
    /// then [`Added::Queued`] at its log position. An item the log refuses
    /// fails the call, though the others are in the log (publishing them
    /// again is harmless). A reader (the API) or a feed poll waits at most
    /// [`WAIT`] for a log that cannot take items, holding one of the
    /// server's store slots meanwhile.
    fn publish(&self, items: &[Item<'_>]) -> Result<Vec<Added>, Error> {
        let published = self.runtime.block_on(self.log.publish(items, WAIT));
        published
            .into_iter()
            .map(|added| {
                added.map_err(|e| Error::Invalid {
                    path: "the cluster's log".into(),
                    what: format!("{e:#}"),
                })
            })
            .collect()
    }
}

/// The feeds a cluster's server polls: their new items' pages go to the
/// log, for the workers to fetch and extract.
impl FeedStore for ClusterStore {
    fn queue_pages(&self, pages: &[Page]) -> Result<bool, Error> {
        let items: Vec<Item<'_>> = pages.iter().map(Item::Page).collect();
        self.publish(&items)?;
        Ok(true)
    }
}

impl ArticleLog for ClusterStore {
    /// Published to the log ([`ClusterStore::publish`]).
    fn append(&self, articles: &[Article]) -> Result<Vec<Added>, Error> {
        let items: Vec<Item<'_>> = articles.iter().map(Item::Article).collect();
        self.publish(&items)
    }

    fn after(&self, seq: Seq, limit: usize) -> Result<Vec<Stored>, Error> {
        self.store.after(seq, limit)
    }

    fn after_understood(&self, seq: Seq, limit: usize) -> Result<Vec<Understood>, Error> {
        self.store.after_understood(seq, limit)
    }

    fn understood_at(&self, seqs: &[Seq]) -> Result<Vec<Understood>, Error> {
        self.store.understood_at(seqs)
    }

    fn get(&self, id: &str) -> Result<Option<Stored>, Error> {
        self.store.get(id)
    }

    fn last_seq(&self) -> Result<Seq, Error> {
        self.store.last_seq()
    }

    fn search_within(
        &self,
        query: &str,
        filter: &ArticleFilter,
        limit: usize,
    ) -> Result<Vec<Hit>, Error> {
        self.store.search_within(query, filter, limit)
    }
}

impl StoryViews for ClusterStore {
    fn save_views(&self, views: &[StoryView], merges: &[(i64, i64)], to: Seq) -> Result<(), Error> {
        self.store.save_views(views, merges, to)
    }

    fn analysed_to(&self) -> Result<Seq, Error> {
        self.store.analysed_to()
    }

    fn save_checkpoint(&self, seq: Seq, state: &[u8]) -> Result<(), Error> {
        self.store.save_checkpoint(seq, state)
    }

    fn checkpoint(&self) -> Result<Option<(Seq, Vec<u8>)>, Error> {
        self.store.checkpoint()
    }

    fn stories(
        &self,
        order: StoryOrder,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<StorySummary>, Error> {
        self.store.stories(order, offset, limit)
    }

    fn count_stories(&self) -> Result<u64, Error> {
        self.store.count_stories()
    }

    fn story(&self, id: i64, rendition: Rendition) -> Result<Option<Found>, Error> {
        self.store.story(id, rendition)
    }

    fn story_of(&self, article: &str) -> Result<Option<i64>, Error> {
        self.store.story_of(article)
    }

    fn search_stories(&self, query: &str, limit: usize) -> Result<Vec<StoryHit>, Error> {
        self.store.search_stories(query, limit)
    }
}

impl Sources for ClusterStore {
    fn add_source(&self, url: &str, title: Option<&str>, interval_s: i64) -> Result<Source, Error> {
        self.store.add_source(url, title, interval_s)
    }

    fn remove_source(&self, url: &str) -> Result<bool, Error> {
        self.store.remove_source(url)
    }

    fn sources(&self) -> Result<Vec<Source>, Error> {
        self.store.sources()
    }

    fn due_sources(&self, now: DateTime<Utc>) -> Result<Vec<Source>, Error> {
        self.store.due_sources(now)
    }

    fn record_poll(&self, source: i64, polled: &Polled, at: DateTime<Utc>) -> Result<(), Error> {
        self.store.record_poll(source, polled, at)
    }

    fn unseen_items(&self, source: i64, items: &[String]) -> Result<Vec<String>, Error> {
        self.store.unseen_items(source, items)
    }

    fn mark_items_seen(
        &self,
        source: i64,
        items: &[String],
        polled: DateTime<Utc>,
    ) -> Result<(), Error> {
        self.store.mark_items_seen(source, items, polled)
    }

    fn retry_items(
        &self,
        source: i64,
        items: &[String],
        polled: DateTime<Utc>,
    ) -> Result<(), Error> {
        self.store.retry_items(source, items, polled)
    }
}
