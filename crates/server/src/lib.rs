//! Parallax as a service.
//!
//! - [`analyser`]: keeps the story views of a store up to date with its
//!   article log, in whichever process (server or `ingest`) holds the store's
//!   analyser lock.
//! - [`http`]: the web pages and the JSON API over a store.
//! - [`poller`]: follows the store's feeds and appends their articles,
//!   fetching from public addresses only ([`public_only`]).
//! - [`serve`]: both together on one store directory, until Ctrl-C.

pub mod analyser;
mod config;
mod excerpt;
mod gzip;
pub mod http;
pub mod poller;
pub mod public_only;
mod serve;

pub use config::{ClusterConfig, Config, DEFAULT_DATA, FeedsConfig};
pub use http::Backend;
pub use http::{Posted, posted_articles};
pub use serve::{serve, serve_store, serve_until};
