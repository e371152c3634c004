//! `parallax serve --config FILE`: settings in TOML. Every key is optional;
//! flags on the command line win over the file.
//!
//! ```toml
//! data = "/var/lib/parallax"      # the store directory
//! listen = "127.0.0.1:8080"
//! quiet = false                   # log only warnings and errors
//! token = "..."                   # required by writes (see below)
//!
//! [feeds]
//! every_minutes = 15              # default polling interval of a new source
//! timeout_seconds = 20            # per request, feed or page
//! concurrent_feeds = 8            # feeds polled at once (a feed's pages one by one)
//! user_agent = "Parallax/0.1 (+https://example.org/contact)"
//! allow_networks = ["10.20.0.0/16"]  # private feeds may be fetched from here
//! ```

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

use crate::public_only::Network;

/// The store directory unless told otherwise.
pub const DEFAULT_DATA: &str = "parallax-data";

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub data: PathBuf,
    /// `host:port`; the host may be a name (`localhost:8080`).
    pub listen: String,
    pub quiet: bool,
    /// The bearer token that writes through the API (adding sources and
    /// articles) must carry. Without one, a server that listens on loopback
    /// takes writes from anyone who can reach it (that is, this machine),
    /// and any other server makes up a token at start and logs it.
    pub token: Option<String>,
    pub feeds: FeedsConfig,
    /// Past one machine (docs/cluster.md): the log on NATS JetStream and
    /// the store on PostgreSQL instead of the store directory.
    pub cluster: ClusterConfig,
}

/// Where a cluster's log and store are. Both or neither.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ClusterConfig {
    /// NATS servers (`nats://host:4222`, several separated by commas).
    pub nats: Option<String>,
    /// PostgreSQL (`postgresql://user:password@host:5432/db`).
    pub postgres: Option<String>,
    /// Copies of the log JetStream keeps (3 on a cluster of three servers
    /// survives the loss of one); used when the log is created.
    pub replicas: usize,
    /// Articles the grouper places between two checkpoints of its state:
    /// a grouper taking over replays the log from the last one.
    pub checkpoint_every: usize,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            nats: None,
            postgres: None,
            replicas: 1,
            checkpoint_every: crate::analyser::CHECKPOINT_EVERY,
        }
    }
}

impl ClusterConfig {
    /// The NATS and PostgreSQL URLs when both are set, `None` when neither
    /// is; an error when only one is.
    pub fn urls(&self) -> anyhow::Result<Option<(&str, &str)>> {
        match (self.nats.as_deref(), self.postgres.as_deref()) {
            (Some(nats), Some(postgres)) => Ok(Some((nats, postgres))),
            (None, None) => Ok(None),
            (Some(_), None) => anyhow::bail!(
                "a cluster needs a PostgreSQL URL too (--postgres or PARALLAX_POSTGRES)"
            ),
            (None, Some(_)) => {
                anyhow::bail!("a cluster needs a NATS URL too (--nats or PARALLAX_NATS)")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedsConfig {
    pub every_minutes: u32,
    pub timeout_seconds: u64,
    pub user_agent: String,
    /// Feeds polled at the same time. The pages of one feed (one outlet,
    /// usually one host) are fetched one after another, to be polite.
    pub concurrent_feeds: usize,
    /// Feeds, pages and redirects are fetched from public addresses only;
    /// these networks are allowed besides (see [`crate::public_only`]).
    pub allow_networks: Vec<Network>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data: PathBuf::from(DEFAULT_DATA),
            listen: "127.0.0.1:8080".to_string(),
            quiet: false,
            token: None,
            feeds: FeedsConfig::default(),
            cluster: ClusterConfig::default(),
        }
    }
}

impl Default for FeedsConfig {
    fn default() -> Self {
        FeedsConfig {
            every_minutes: 15,
            timeout_seconds: 20,
            user_agent: concat!("Parallax/", env!("CARGO_PKG_VERSION")).to_string(),
            concurrent_feeds: 8,
            allow_networks: Vec::new(),
        }
    }
}

impl Config {
    /// The token writes must carry on a server listening at `bound`: the
    /// configured one; none on loopback; else a new random one, logged so
    /// that the operator can use it.
    pub fn write_token(&self, bound: SocketAddr) -> anyhow::Result<Option<String>> {
        if let Some(token) = self.token.as_deref().filter(|t| !t.is_empty()) {
            return Ok(Some(token.to_string()));
        }
        if bound.ip().is_loopback() {
            return Ok(None);
        }
        let mut bytes = [0u8; 24];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no random token: {e}"))?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        tracing::warn!(
            token = %token,
            "listening beyond loopback: API writes need `Authorization: Bearer <token>`; set `token` in the config to keep one across restarts"
        );
        Ok(Some(token))
    }

    /// Read a TOML file; a mistake is reported with the file, line and key.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        toml::from_str(&text).map_err(|err| anyhow::anyhow!("{}: {err}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_optional() {
        let config: Config =
            toml::from_str("listen = \"0.0.0.0:9000\"\n[feeds]\nevery_minutes = 30\n").unwrap();
        assert_eq!(config.listen, "0.0.0.0:9000");
        assert_eq!(config.feeds.every_minutes, 30);
        assert_eq!(config.feeds.timeout_seconds, 20);
        assert_eq!(config.data, PathBuf::from("parallax-data"));
    }

    #[test]
    fn a_cluster_needs_both_its_log_and_its_store() {
        let both: Config = toml::from_str(
            "[cluster]\nnats = \"nats://a:4222,nats://b:4222\"\npostgres = \"postgresql://db/p\"\n",
        )
        .unwrap();
        assert_eq!(
            both.cluster.urls().unwrap(),
            Some(("nats://a:4222,nats://b:4222", "postgresql://db/p"))
        );
        assert_eq!(both.cluster.replicas, 1);
        assert_eq!(Config::default().cluster.urls().unwrap(), None);
        let one: Config = toml::from_str("[cluster]\nnats = \"nats://a:4222\"\n").unwrap();
        let err = one.cluster.urls().unwrap_err().to_string();
        assert!(err.contains("PostgreSQL"), "{err}");
    }

    #[test]
    fn a_misspelt_key_is_named_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("parallax.toml");
        std::fs::write(&path, "data = \"x\"\nlisten_on = \"127.0.0.1:1\"\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(err.contains("parallax.toml"), "{err}");
        assert!(err.contains("listen_on"), "{err}");
        assert!(err.contains('2'), "line number: {err}");
    }
}
