//! Parallax past one machine (docs/cluster.md): the article log on NATS
//! JetStream ([`log`]), the store on PostgreSQL ([`parallax_store::PgStore`]),
//! and the roles that share the work:
//!
//! - [`worker`]: takes log items, understands them (the per-article stages,
//!   the costly part), writes the result to the store's inbox; any number;
//! - [`grouper`]: one at a time, the others standing by: takes the inbox
//!   into the log in order, groups and compares, saves story views;
//! - [`serve`]: the web pages and the API over the store, new articles
//!   published to the log ([`ClusterStore`]); any number.

pub mod grouper;
pub mod log;
mod store;
pub mod worker;

pub use log::Log;
pub use store::ClusterStore;

use std::future::Future;
use std::sync::Arc;

/// `parallax serve` in a cluster: the pages, the API and a share of the
/// feed polling over the cluster's store, new articles published to its
/// log. Until `shutdown`.
///
/// The caller keeps a handle on `store` and drops it outside the async
/// runtime: the PostgreSQL client blocks when it closes.
pub async fn serve(
    config: &parallax_server::Config,
    store: Arc<ClusterStore>,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    // The grouper finds new work by itself.
    let appended = Arc::new(|| {});
    parallax_server::serve_store(config, store, appended, listener, shutdown).await
}
