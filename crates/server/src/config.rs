//! `parallax serve --config FILE`: settings in TOML. Every key is optional;
//! flags on the command line win over the file.
//!
//! ```toml
//! data = "/var/lib/parallax"      # the store directory
//! listen = "127.0.0.1:8080"
//! quiet = false                   # log only warnings and errors
//!
//! [feeds]
//! every_minutes = 15              # default polling interval of a new source
//! timeout_seconds = 20            # per request, feed or page
//! concurrent_feeds = 8            # feeds polled at once (a feed's pages one by one)
//! user_agent = "Parallax/0.1 (+https://example.org/contact)"
//! ```

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

/// The store directory unless told otherwise.
pub const DEFAULT_DATA: &str = "parallax-data";

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub data: PathBuf,
    pub listen: SocketAddr,
    pub quiet: bool,
    pub feeds: FeedsConfig,
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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data: PathBuf::from(DEFAULT_DATA),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            quiet: false,
            feeds: FeedsConfig::default(),
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
        }
    }
}

impl Config {
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
        assert_eq!(config.listen.port(), 9000);
        assert_eq!(config.feeds.every_minutes, 30);
        assert_eq!(config.feeds.timeout_seconds, 20);
        assert_eq!(config.data, PathBuf::from("parallax-data"));
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
