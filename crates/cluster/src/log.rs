//! The cluster's article log: one JetStream stream that every article enters
//! by (from `ingest`, the API and the feeds), in order. Its sequence numbers
//! are the articles' positions in the store's log; it is a work queue, so an
//! item leaves the stream once a worker has written what it made of it to
//! the store's inbox and acknowledged it.
//!
//! An item is an article (JSON), or a feed item's page for a worker to
//! fetch and extract into the article (JSON of a [`Page`], marked by the
//! [`KIND`] header).

use std::time::Duration;

use anyhow::Context;
use async_nats::jetstream::{self, consumer, stream};
use futures_util::StreamExt;
use parallax_model::Article;
use parallax_server::poller::Page;
use parallax_store::{Added, Seq};

/// The stream and the subject articles are published to.
pub const STREAM: &str = "PARALLAX_ARTICLES";
pub const SUBJECT: &str = "parallax.articles";
/// The workers' shared consumer: each item goes to one worker.
const WORKERS: &str = "workers";
/// How long a worker has to write an item and acknowledge it before the
/// item goes to another worker.
const ACK_WAIT: Duration = Duration::from_secs(30);
/// Publishes waiting for their acknowledgement at once.
const IN_FLIGHT: usize = 1024;
/// How long a publish is tried again while the log cannot take it (a
/// server restarting, a new stream leader being elected).
pub const PATIENCE: Duration = Duration::from_secs(120);

/// The header that marks an item that is not an article, and its value
/// for a page.
pub const KIND: &str = "Parallax-Item";
pub const PAGE: &str = "page";

/// What the log carries.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    Article(&'a Article),
    /// A feed item's page to fetch.
    Page(&'a Page),
}

impl Item<'_> {
    /// How it is named in errors.
    fn name(&self) -> String {
        match self {
            Item::Article(article) => format!("article {}", article.id),
            Item::Page(page) => format!("the page {}", page.link),
        }
    }

    /// The JetStream message id (publishing one twice within the stream's
    /// duplicate window keeps one). A page's names its poll as well as its
    /// feed item, so that a page a worker could not fetch, queued again at
    /// the feed's next poll, is not taken for a copy of the first.
    fn message_id(&self) -> String {
        match self {
            Item::Article(article) => message_id(&article.id),
            Item::Page(page) => format!(
                "page:{}",
                message_id(&format!(
                    "{} {} {}",
                    page.source,
                    page.polled.timestamp_micros(),
                    page.item
                ))
            ),
        }
    }

    fn payload(&self) -> serde_json::Result<Vec<u8>> {
        match self {
            Item::Article(article) => serde_json::to_vec(article),
            Item::Page(page) => serde_json::to_vec(page),
        }
    }
}

/// Why an article was not sent.
enum Refused {
    /// Sending it again will not help.
    Never(anyhow::Error),
    /// It may go through later.
    Now(anyhow::Error),
}

/// A connection to the cluster's log.
#[derive(Clone)]
pub struct Log {
    js: jetstream::Context,
}

impl Log {
    /// Connect to the NATS servers at `url` (several separated by commas,
    /// so that the client fails over), creating the stream with `replicas`
    /// copies if it does not exist yet.
    pub async fn connect(url: &str, replicas: usize) -> anyhow::Result<Log> {
        let servers: Vec<async_nats::ServerAddr> = url
            .split(',')
            .map(|s| s.trim().parse())
            .collect::<Result<_, _>>()
            .with_context(|| format!("bad NATS URL {url:?}"))?;
        let client = async_nats::ConnectOptions::new()
            .name("parallax")
            .retry_on_initial_connect()
            .connect(servers)
            .await
            .with_context(|| format!("cannot connect to NATS at {url}"))?;
        let js = jetstream::new(client);
        let config = stream::Config {
            name: STREAM.into(),
            subjects: vec![SUBJECT.into()],
            retention: stream::RetentionPolicy::WorkQueue,
            storage: stream::StorageType::File,
            num_replicas: replicas.max(1),
            // Longer than a publish is retried, so that a copy sent again
            // late is still recognised.
            duplicate_window: PATIENCE * 2,
            ..Default::default()
        };
        // The stream may need a moment after a server starts: JetStream
        // elects its leaders first.
        let mut tries = 0;
        loop {
            match js.get_or_create_stream(config.clone()).await {
                Ok(_) => return Ok(Log { js }),
                Err(err) if tries < 60 => {
                    tries += 1;
                    tracing::debug!(%err, "the stream is not available yet");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(err) => return Err(err).context("cannot open the article stream"),
            }
        }
    }

    /// Publish items in order; returns once the log has acknowledged
    /// each (stored on a majority of its replicas), with each one's
    /// position. A publish that fails (no stream leader while a server is
    /// down, a lost acknowledgement) is sent again until `patience` runs
    /// out ([`PATIENCE`] for a batch of files; less where a reader waits); the message id makes a second copy of one the log did store a
    /// duplicate it drops. An item too large for the servers'
    /// `max_payload` is an error of its own at once; the others go on.
    pub async fn publish(
        &self,
        items: &[Item<'_>],
        patience: Duration,
    ) -> Vec<anyhow::Result<Added>> {
        let mut results: Vec<Option<anyhow::Result<Added>>> = Vec::with_capacity(items.len());
        results.resize_with(items.len(), || None);
        let started = std::time::Instant::now();
        let mut waiting: Vec<usize> = (0..items.len()).collect();
        while !waiting.is_empty() {
            let mut failed = Vec::new();
            // The first alone, then the rest many at a time: a publish that
            // fails is sent again after the ones behind it, out of order, so
            // the log is first seen to take one (a stream just created may
            // not take publishes at once on every server).
            let (first, rest) = waiting.split_at(1);
            for chunk in std::iter::once(first).chain(rest.chunks(IN_FLIGHT)) {
                if !failed.is_empty() {
                    failed.extend_from_slice(chunk);
                    continue;
                }
                let mut pending = Vec::with_capacity(chunk.len());
                for &i in chunk {
                    pending.push((i, self.send(&items[i]).await));
                }
                for (i, sent) in pending {
                    let acked = match sent {
                        Ok(ack) => ack.await.map_err(anyhow::Error::from),
                        Err(Refused::Never(err)) => {
                            results[i] = Some(Err(err));
                            continue;
                        }
                        Err(Refused::Now(err)) => Err(err),
                    };
                    match acked {
                        Ok(ack) => results[i] = Some(Ok(Added::Queued(position(ack.sequence)))),
                        Err(err) if started.elapsed() > patience => {
                            results[i] = Some(Err(err.context(format!(
                                "the log did not take {} within {patience:?}",
                                items[i].name()
                            ))));
                        }
                        Err(err) => {
                            tracing::debug!(%err, "publish failed; sending again");
                            failed.push(i);
                        }
                    }
                }
            }
            if !failed.is_empty() {
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            waiting = failed;
        }
        results
            .into_iter()
            .map(|r| r.unwrap_or_else(|| Err(anyhow::anyhow!("not published"))))
            .collect()
    }

    async fn send(&self, item: &Item<'_>) -> Result<jetstream::context::PublishAckFuture, Refused> {
        let payload = item
            .payload()
            .map_err(|e| Refused::Never(anyhow::anyhow!("cannot encode {}: {e}", item.name())))?;
        // Room for the headers (the message id) besides the article.
        let most = self
            .js
            .client()
            .server_info()
            .max_payload
            .saturating_sub(1024);
        if payload.len() > most {
            return Err(Refused::Never(anyhow::anyhow!(
                "{} takes {} bytes; the NATS servers take at most {most} (their max_payload)",
                item.name(),
                payload.len()
            )));
        }
        let mut publish = jetstream::message::PublishMessage::build()
            .payload(payload.into())
            .message_id(item.message_id());
        if let Item::Page(_) = item {
            publish = publish.header(KIND, PAGE);
        }
        self.js
            .send_publish(SUBJECT, publish)
            .await
            .map_err(|e| Refused::Now(anyhow::anyhow!("cannot publish {}: {e}", item.name())))
    }

    /// The oldest position the log still holds: every position under it
    /// was acknowledged by a worker (or dropped by an operator).
    pub async fn first_kept(&self) -> anyhow::Result<Seq> {
        let mut stream = self.js.get_stream(STREAM).await?;
        let info = stream.info().await?;
        Ok(position(info.state.first_sequence))
    }

    /// The workers' consumer.
    pub async fn workers(&self) -> anyhow::Result<consumer::PullConsumer> {
        let stream = self.js.get_stream(STREAM).await?;
        let consumer = stream
            .get_or_create_consumer(
                WORKERS,
                consumer::pull::Config {
                    durable_name: Some(WORKERS.into()),
                    ack_policy: consumer::AckPolicy::Explicit,
                    ack_wait: ACK_WAIT,
                    max_ack_pending: 20_000,
                    ..Default::default()
                },
            )
            .await?;
        Ok(consumer)
    }

    /// Up to `n` items for a worker, waiting at most `wait` for the first.
    pub async fn take(
        consumer: &consumer::PullConsumer,
        n: usize,
        wait: Duration,
    ) -> anyhow::Result<Vec<jetstream::Message>> {
        let mut batch = consumer
            .fetch()
            .max_messages(n)
            .expires(wait)
            .messages()
            .await?;
        let mut messages = Vec::with_capacity(n);
        while let Some(message) = batch.next().await {
            match message {
                Ok(message) => messages.push(message),
                // Those already received are worked on, not left to
                // come back after the ack wait.
                Err(err) if !messages.is_empty() => {
                    tracing::warn!(%err, "a fetch from the log ended early");
                    break;
                }
                Err(err) => return Err(anyhow::anyhow!(err)),
            }
        }
        Ok(messages)
    }
}

/// A stream sequence as a log position.
pub fn position(sequence: u64) -> Seq {
    Seq::try_from(sequence).unwrap_or(Seq::MAX)
}

/// The JetStream message id of an article (publishing one twice within the
/// stream's duplicate window keeps one): its id when that is a plain token,
/// else its id's bytes in hex, as a header cannot hold every character.
fn message_id(id: &str) -> String {
    // Each form has its own prefix, so that no plain id reads as another's
    // hex (`x:612062` and `a b`).
    let plain = id.len() <= 200 && id.bytes().all(|b| b.is_ascii_graphic());
    if plain {
        return format!("p:{id}");
    }
    let mut hex = String::with_capacity(2 + id.len() * 2);
    hex.push_str("x:");
    for b in id.bytes() {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_header_safe_and_distinct() {
        assert_eq!(message_id("herald-ferry-1"), "p:herald-ferry-1");
        assert_ne!(message_id("x:612062"), message_id("a b"));
        let odd = message_id("ferry\r\nX-Injected: 1");
        assert!(odd.bytes().all(|b| b.is_ascii_alphanumeric() || b == b':'));
        assert_ne!(message_id("a b"), message_id("a  b"));
    }
}
