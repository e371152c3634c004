//! A worker: takes items of the cluster's log, does the per-article work
//! (fetch and extract a feed item's page, read the article, clean,
//! understand: most of the pipeline's cost) and writes the result to the
//! store's inbox, then acknowledges the items. Any number of workers share
//! the log's one consumer, each item going to one.
//!
//! A page that cannot be fetched or read is written as refused, and its
//! feed asked to take the item again, so that the feed's next poll queues
//! it again (as the embedded mode's poller tries it again): a failing site
//! never holds up the log behind it.
//!
//! An item is acknowledged only once its result is committed: a worker that
//! dies first leaves it to be delivered again (after the log's ack wait),
//! and writing it twice keeps the first write, so each item has its effect
//! once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use async_nats::jetstream::AckKind;
use parallax_model::Article;
use parallax_server::poller::{Fetcher, Page};
use parallax_store::{Inbound, PgStore, Sources};
use rayon::prelude::*;

use crate::log::{KIND, Log, PAGE, position};

/// Items taken at a time.
const BATCH: usize = 256;
/// How long a take waits for items when the log is empty.
const WAIT: Duration = Duration::from_secs(1);
/// The pause after a failure (a server down) before trying again.
const RETRY: Duration = Duration::from_secs(1);

/// How often items being worked on are said to be in progress: well
/// within the log's ack wait (30 s).
const IN_PROGRESS: Duration = Duration::from_secs(10);
/// Pages fetched at once by one worker (fetching waits on the network, not
/// the CPU).
const FETCHES: usize = 8;

/// What a log item held: its article, or why it has none.
type ItemArticle = Result<Article, String>;

/// One log item as taken: its position, and its payload with its kind.
struct Taken {
    pos: i64,
    payload: Vec<u8>,
    /// A page to fetch ([`KIND`]), not an article.
    page: bool,
}

/// Work until `stop` is set, fetching pages with `fetcher`.
pub async fn run(
    log: Log,
    store: Arc<PgStore>,
    fetcher: Fetcher,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<()> {
    let pages = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(FETCHES)
            .thread_name(|i| format!("fetch-{i}"))
            .build()?,
    );
    let consumer = loop {
        match log.workers().await {
            Ok(consumer) => break consumer,
            Err(err) if !stop.load(Ordering::Relaxed) => {
                tracing::warn!(%err, "cannot open the log's work queue; retrying");
                tokio::time::sleep(RETRY).await;
            }
            Err(_) => return Ok(()),
        }
    };
    while !stop.load(Ordering::Relaxed) {
        let messages = match Log::take(&consumer, BATCH, WAIT).await {
            Ok(messages) => messages,
            Err(err) => {
                tracing::warn!(%err, "cannot take from the log; retrying");
                tokio::time::sleep(RETRY).await;
                continue;
            }
        };
        if messages.is_empty() {
            continue;
        }
        let mut items: Vec<Taken> = Vec::with_capacity(messages.len());
        let mut kept = Vec::with_capacity(messages.len());
        for message in messages {
            match message.info() {
                Ok(info) => {
                    let page = message
                        .headers
                        .as_ref()
                        .and_then(|headers| headers.get(KIND))
                        .is_some_and(|kind| kind.as_str() == PAGE);
                    items.push(Taken {
                        pos: position(info.stream_sequence),
                        payload: message.payload.to_vec(),
                        page,
                    });
                    kept.push(message);
                }
                // No position to write it at: dropped, and the grouper
                // skips its position once the log has moved past it.
                Err(err) => {
                    tracing::warn!(%err, "a log item without its position; dropped");
                    let _ = message.ack_with(AckKind::Term).await;
                }
            }
        }
        let messages = Arc::new(kept);
        // Slow pages may take longer than the log's ack wait: the items
        // are said to be in progress meanwhile, so that they are not
        // handed to another worker.
        let in_progress = {
            let messages = messages.clone();
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(IN_PROGRESS).await;
                    for message in messages.iter() {
                        let _ = message.ack_with(AckKind::Progress).await;
                    }
                }
            })
        };
        let work = {
            let (store, fetcher, pages) = (store.clone(), fetcher.clone(), pages.clone());
            tokio::task::spawn_blocking(move || {
                let inbound = understand(read(items, &pages, &fetcher, store.as_ref())?);
                let n = inbound.len();
                put_inbox(&store, inbound).map(|()| n)
            })
            .await
        };
        in_progress.abort();
        let n = match work? {
            Ok(n) => n,
            Err(err) => {
                // Handed back to the log, to come again in a moment (to
                // this worker or another).
                tracing::warn!(%err, "cannot write to the store; retrying");
                for message in messages.iter() {
                    let _ = message.ack_with(AckKind::Nak(Some(RETRY))).await;
                }
                tokio::time::sleep(RETRY).await;
                continue;
            }
        };
        for message in messages.iter() {
            if let Err(err) = message.ack().await {
                // Delivered again later; writing it again changes nothing.
                tracing::warn!(%err, "acknowledgement lost");
            }
        }
        tracing::debug!(items = n, "worked");
    }
    Ok(())
}

/// Write the batch to the inbox. When the store refuses it for what one
/// item holds (PostgreSQL's data errors: a value it cannot store or
/// index), the items are written one at a time and each refused one as
/// the reason it was refused, so that one bad article cannot hold the log
/// up: it would come back for ever, and the grouper wait at its position.
fn put_inbox(store: &PgStore, items: Vec<Inbound>) -> Result<(), parallax_store::Error> {
    match store.put_inbox(&items) {
        Err(err) if err.is_data_error() => {
            for item in items {
                let pos = item.pos;
                match store.put_inbox(std::slice::from_ref(&item)) {
                    Err(err) if err.is_data_error() => {
                        tracing::warn!(position = pos, %err, "the store refused an article");
                        let refused = Inbound {
                            pos,
                            content: Err(format!("the store refused the article: {err}")),
                        };
                        store.put_inbox(&[refused])?;
                    }
                    other => other?,
                }
            }
            Ok(())
        }
        other => other,
    }
}

/// Each item's article: read from the item, or from its page, fetched on
/// `pages` (a pool of [`FETCHES`] threads: fetching waits on the network).
/// A page that cannot be fetched or read, even by a panic, is refused, and
/// its feed asked to take the item again at its next poll; a store error
/// in asking is the batch's, which then comes back.
fn read(
    items: Vec<Taken>,
    pages: &rayon::ThreadPool,
    fetcher: &Fetcher,
    store: &(impl Sources + Sync),
) -> Result<Vec<(i64, ItemArticle)>, parallax_store::Error> {
    pages.install(|| {
        items
            .into_par_iter()
            .map(|item| Ok((item.pos, article(&item, fetcher, store)?)))
            .collect()
    })
}

/// One item's article (see [`read`]).
fn article(
    item: &Taken,
    fetcher: &Fetcher,
    store: &impl Sources,
) -> Result<ItemArticle, parallax_store::Error> {
    let pos = item.pos;
    if !item.page {
        return Ok(serde_json::from_slice::<Article>(&item.payload)
            .map_err(|e| format!("log item {pos} is not an article: {e}")));
    }
    let page: Page = match serde_json::from_slice(&item.payload) {
        Ok(page) => page,
        Err(e) => return Ok(Err(format!("log item {pos} is not a page: {e}"))),
    };
    // The agent only holds idle connections, which a panic leaves usable
    // or closed.
    let fetched = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fetcher.article(&page)))
        .unwrap_or_else(|_| Err(format!("{}: reading the page failed", page.link)));
    if let Err(err) = &fetched {
        store.retry_items(page.source, std::slice::from_ref(&page.item), page.polled)?;
        tracing::warn!(position = pos, %err, "page not fetched; its feed's next poll takes it again");
    }
    Ok(fetched)
}

/// Each item's article understood, in parallel; an item that is no article
/// (or that the pipeline fails on) is kept with the reason, so the grouper
/// reports it and moves past it.
pub fn understand(items: Vec<(i64, ItemArticle)>) -> Vec<Inbound> {
    items
        .into_par_iter()
        .map(|(pos, article)| {
            let content = article.and_then(|mut article| {
                // PostgreSQL stores no NUL character; a space keeps
                // every offset.
                for field in [&mut article.title, &mut article.text] {
                    if field.contains('\0') {
                        *field = field.replace('\0', " ");
                    }
                }
                std::panic::catch_unwind(|| {
                    let doc = parallax_pipeline::understand(article);
                    let bytes = parallax_pipeline::wire::encode(&doc);
                    (doc.article, bytes)
                })
                .map_err(|_| format!("log item {pos}: the pipeline failed on it"))
            });
            Inbound { pos, content }
        })
        .collect()
}
