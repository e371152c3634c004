//! A worker: takes items of the cluster's log, does the per-article work
//! (read the article, clean, understand: most of the pipeline's cost) and
//! writes the result to the store's inbox, then acknowledges the items. Any
//! number of workers share the log's one consumer, each item going to one.
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
use parallax_store::{Inbound, PgStore};
use rayon::prelude::*;

use crate::log::{Log, position};

/// Items taken at a time.
const BATCH: usize = 256;
/// How long a take waits for items when the log is empty.
const WAIT: Duration = Duration::from_secs(1);
/// The pause after a failure (a server down) before trying again.
const RETRY: Duration = Duration::from_secs(1);

/// Work until `stop` is set.
pub async fn run(log: Log, store: Arc<PgStore>, stop: Arc<AtomicBool>) -> anyhow::Result<()> {
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
        let mut items: Vec<(i64, Vec<u8>)> = Vec::with_capacity(messages.len());
        let mut kept = Vec::with_capacity(messages.len());
        for message in messages {
            match message.info() {
                Ok(info) => {
                    items.push((position(info.stream_sequence), message.payload.to_vec()));
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
        let messages = kept;
        let inbound = tokio::task::spawn_blocking(move || understand(items)).await?;
        let n = inbound.len();
        let stored = {
            let store = store.clone();
            tokio::task::spawn_blocking(move || put_inbox(&store, inbound)).await?
        };
        if let Err(err) = stored {
            // Handed back to the log, to come again in a moment (to this
            // worker or another).
            tracing::warn!(%err, "cannot write to the store; retrying");
            for message in &messages {
                let _ = message.ack_with(AckKind::Nak(Some(RETRY))).await;
            }
            tokio::time::sleep(RETRY).await;
            continue;
        }
        for message in &messages {
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

/// Each item's article understood, in parallel; an item that is no article
/// (or that the pipeline fails on) is kept with the reason, so the grouper
/// reports it and moves past it.
pub fn understand(items: Vec<(i64, Vec<u8>)>) -> Vec<Inbound> {
    items
        .into_par_iter()
        .map(|(pos, payload)| {
            let content = serde_json::from_slice::<Article>(&payload)
                .map_err(|e| format!("log item {pos} is not an article: {e}"))
                .and_then(|mut article| {
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
