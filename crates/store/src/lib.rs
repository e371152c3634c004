//! Parallax's durable store: the article log and full-text search.
//!
//! The log is the source of truth: every article accepted is appended once,
//! in arrival order, and numbered ([`Seq`]). Everything else (stories,
//! comparisons) is derived from it by the pipeline and can be rebuilt by
//! replaying the log in order, which is what makes a restart after a crash
//! safe: an article is acknowledged only after its transaction is durable.
//!
//! [`ArticleLog`], [`StoryViews`] and [`Sources`] are the narrow interfaces
//! the service needs; [`SqliteStore`] is the embedded default (one SQLite
//! file in WAL mode, FTS5 for search), [`PgStore`] the store of a cluster
//! (PostgreSQL, its full-text search, an inbox the cluster's workers fill).
//!
//! ```
//! use parallax_model::Article;
//! use parallax_store::{Added, ArticleLog, SqliteStore};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let store = SqliteStore::open(dir.path()).unwrap();
//! let article = Article {
//!     id: "ferry".into(),
//!     source: Some("The Harbour Herald".into()),
//!     url: Some("https://herald.example/ferry?utm_source=feed".into()),
//!     title: "Storm closes the Holm ferry".into(),
//!     published: None,
//!     language: Some("en".into()),
//!     text: "The ferry to Holm island stays in port until Friday.".into(),
//! };
//! assert_eq!(store.append(&[article.clone()]).unwrap(), [Added::New(1)]);
//! // The same page again, through a link without the tracking parameter.
//! let again = Article { url: Some("https://herald.example/ferry".into()), ..article };
//! assert_eq!(store.append(&[again]).unwrap(), [Added::Duplicate(1)]);
//! assert_eq!(store.search("holm island", 10).unwrap()[0].id, "ferry");
//! ```

mod keys;
mod pg;
mod schema;
mod search;
mod sources;
mod sqlite;
mod views;

use chrono::{DateTime, Utc};
use parallax_model::Article;

pub use keys::url_key;
pub use pg::{Inbound, PgStore, Taken};
pub use sources::{Polled, Source, Sources};
pub use sqlite::SqliteStore;
pub use views::{
    Found, Rendition, Renditions, SearchKind, Searchable, StoryHit, StoryOrder, StorySummary,
    StoryView, StoryViews,
};

/// Position of an article in the log: 1 for the first, increasing, never reused.
pub type Seq = i64;

/// An article as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub seq: Seq,
    /// When the store accepted it.
    pub received: DateTime<Utc>,
    pub article: Article,
}

/// An article of the log with the document a cluster's worker made of it
/// (opaque bytes, `parallax_pipeline`'s encoding), if one did.
pub type Understood = (Stored, Option<Vec<u8>>);

/// What became of one appended article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// Appended at this position.
    New(Seq),
    /// Already in the log at this position: the same id, the same page
    /// (canonical URL), or the same text from the same outlet.
    Duplicate(Seq),
    /// In a cluster's log at this position, not in the store yet: whether
    /// it is new shows once the grouper takes it.
    Queued(Seq),
}

/// Which articles a search looks among; every field left `None` lets all
/// through.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ArticleFilter {
    /// This outlet's articles only (the article's `source`, exactly).
    pub outlet: Option<String>,
    /// Published at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Published before this time.
    pub until: Option<DateTime<Utc>>,
    /// The articles of this story only.
    pub story: Option<i64>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub seq: Seq,
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    /// A short excerpt of the text around the match; matched words sit
    /// between [`MATCH_START`] and [`MATCH_END`] so that a renderer can escape
    /// the (untrusted) excerpt first and then mark the matches.
    pub excerpt: String,
}

/// Opens a matched word in [`Hit::excerpt`] (a private-use character).
pub const MATCH_START: char = '\u{E000}';
/// Closes a matched word in [`Hit::excerpt`].
pub const MATCH_END: char = '\u{E001}';

/// A store operation that failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("store {path}: {source}")]
    Sqlite {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("store {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("store {target}: {source}")]
    Postgres {
        target: String,
        #[source]
        source: ::postgres::Error,
    },
    #[error("store {path}: {what}")]
    Invalid { path: String, what: String },
}

impl Error {
    /// Whether PostgreSQL refused a value for what it holds (its data
    /// errors, class 22, and values too large to index, class 54), rather
    /// than failing as a server: the same write will fail again.
    pub fn is_data_error(&self) -> bool {
        match self {
            Error::Postgres { source, .. } => source
                .code()
                .is_some_and(|code| matches!(&code.code()[..2], "22" | "54")),
            _ => false,
        }
    }
}

/// The article log: append in arrival order, read back in order, search.
pub trait ArticleLog {
    /// Append articles in one durable transaction, in the given order.
    /// Returns what became of each, in the same order. Nothing is appended
    /// when an error is returned.
    fn append(&self, articles: &[Article]) -> Result<Vec<Added>, Error>;

    /// Up to `limit` articles with a position after `seq`, in order.
    fn after(&self, seq: Seq, limit: usize) -> Result<Vec<Stored>, Error>;

    /// [`after`](Self::after), each article with the document a worker
    /// made of it (opaque bytes) where one did: a store filled by a
    /// cluster's workers saves its grouper from understanding every article
    /// again. Stores without documents keep this default.
    fn after_understood(&self, seq: Seq, limit: usize) -> Result<Vec<Understood>, Error> {
        Ok(self
            .after(seq, limit)?
            .into_iter()
            .map(|s| (s, None))
            .collect())
    }

    /// The articles at these log positions, in ascending order, each with
    /// its document as [`after_understood`](Self::after_understood) gives
    /// it; positions not in the log are left out. (What an analyser
    /// restarting from a checkpoint reads back: the stories it holds.)
    fn understood_at(&self, seqs: &[Seq]) -> Result<Vec<Understood>, Error>;

    /// The article with this id.
    fn get(&self, id: &str) -> Result<Option<Stored>, Error>;

    /// The position of the last article, 0 when the log is empty.
    fn last_seq(&self) -> Result<Seq, Error>;

    /// Articles matching every word of `query` (any casing and diacritics;
    /// the last word may be a prefix), best first.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, Error> {
        self.search_within(query, &ArticleFilter::default(), limit)
    }

    /// [`search`](Self::search) among the articles `filter` lets through.
    fn search_within(
        &self,
        query: &str,
        filter: &ArticleFilter,
        limit: usize,
    ) -> Result<Vec<Hit>, Error>;

    /// One short step of upkeep of the search indexes, for moments when
    /// nothing else waits for the store; `true` while more remains. Stores
    /// that need none keep this default.
    fn tidy_search(&self) -> Result<bool, Error> {
        Ok(false)
    }
}
