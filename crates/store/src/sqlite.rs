//! The embedded store: one SQLite file in WAL mode.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, Utc};
use parallax_model::Article;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params, params_from_iter};

use crate::keys::{body_key, url_key};
use crate::schema::{CONNECTION, MIGRATIONS};
use crate::search::{EXCERPT_WORDS, FtsQuery, Marker, RANKED, fts_query};
use crate::{
    Added, ArticleFilter, ArticleLog, Error, Found, Hit, Polled, Rendition, SearchKind, Seq,
    Source, Sources, Stored, StoryHit, StoryOrder, StorySummary, StoryView, StoryViews, Understood,
};

/// The store in a directory: `parallax.db` (plus SQLite's `-wal` and `-shm`).
///
/// Safe to share between threads: one connection writes (SQLite allows one
/// writer at a time anyway), readers take a connection from a small pool and
/// never wait for the writer.
pub struct SqliteStore {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

/// The columns [`stored`] reads, in its order.
const ARTICLE_COLUMNS: &str = "seq, received, id, source, url, title, published, language, text";

impl SqliteStore {
    /// The database file's name inside the store directory.
    pub const FILE: &'static str = "parallax.db";

    /// Open the store in `dir`, creating the directory and the database if
    /// needed and bringing an older schema up to date.
    pub fn open(dir: &Path) -> Result<Self, Error> {
        let path = dir.join(Self::FILE);
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.display().to_string(),
            source,
        })?;
        let store = SqliteStore {
            writer: Mutex::new(connect(&path)?),
            readers: Mutex::new(Vec::new()),
            path,
        };
        store.migrate()?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn migrate(&self) -> Result<(), Error> {
        let mut conn = lock(&self.writer);
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| self.sqlite(e))?;
        let version: i64 = tx
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|e| self.sqlite(e))?;
        let version = usize::try_from(version).unwrap_or(usize::MAX);
        if version > MIGRATIONS.len() {
            return Err(self.invalid(format!(
                "schema version {version} was written by a newer Parallax (this one knows {})",
                MIGRATIONS.len()
            )));
        }
        for (done, migration) in MIGRATIONS.iter().enumerate().skip(version) {
            tx.execute_batch(migration).map_err(|e| self.sqlite(e))?;
            tx.pragma_update(None, "user_version", done as i64 + 1)
                .map_err(|e| self.sqlite(e))?;
        }
        tx.commit().map_err(|e| self.sqlite(e))
    }

    /// Run `query` on a pooled read connection.
    fn read<T>(&self, query: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, Error> {
        let pooled = lock(&self.readers).pop();
        let conn = match pooled {
            Some(conn) => conn,
            None => connect(&self.path)?,
        };
        let result = query(&conn).map_err(|e| self.sqlite(e));
        lock(&self.readers).push(conn);
        result
    }

    fn sqlite(&self, source: rusqlite::Error) -> Error {
        Error::Sqlite {
            path: self.path.display().to_string(),
            source,
        }
    }

    fn invalid(&self, what: String) -> Error {
        Error::Invalid {
            path: self.path.display().to_string(),
            what,
        }
    }
}

impl ArticleLog for SqliteStore {
    fn append(&self, articles: &[Article]) -> Result<Vec<Added>, Error> {
        let received = stamp(Utc::now());
        let mut conn = lock(&self.writer);
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| self.sqlite(e))?;
        let mut added = Vec::with_capacity(articles.len());
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO articles
                     (id, url_key, body_key, source, url, title, published, language, text, received)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                     ON CONFLICT DO NOTHING",
                )
                .map_err(|e| self.sqlite(e))?;
            let mut existing = tx
                .prepare_cached(
                    "SELECT seq FROM articles WHERE id = ?1 OR url_key = ?2 OR body_key = ?3
                     ORDER BY seq LIMIT 1",
                )
                .map_err(|e| self.sqlite(e))?;
            for article in articles {
                let url_key = article.url.as_deref().and_then(url_key);
                let body_key = body_key(article);
                let inserted = insert
                    .execute(params![
                        article.id,
                        url_key,
                        body_key,
                        article.source,
                        article.url,
                        article.title,
                        article.published.map(stamp),
                        article.language,
                        article.text,
                        received,
                    ])
                    .map_err(|e| self.sqlite(e))?;
                added.push(if inserted == 1 {
                    Added::New(tx.last_insert_rowid())
                } else {
                    Added::Duplicate(
                        existing
                            .query_row(params![article.id, url_key, body_key], |row| row.get(0))
                            .map_err(|e| self.sqlite(e))?,
                    )
                });
            }
        }
        tx.commit().map_err(|e| self.sqlite(e))?;
        Ok(added)
    }

    fn after(&self, seq: Seq, limit: usize) -> Result<Vec<Stored>, Error> {
        let rows = self.read(|conn| {
            let mut statement = conn.prepare_cached(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles WHERE seq > ?1 ORDER BY seq LIMIT ?2"
            ))?;
            let rows = statement.query_map(params![seq, sql_limit(limit)], raw_article)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })?;
        rows.into_iter().map(|raw| self.stored(raw)).collect()
    }

    fn understood_at(&self, seqs: &[Seq]) -> Result<Vec<Understood>, Error> {
        let mut seqs = seqs.to_vec();
        seqs.sort_unstable();
        seqs.dedup();
        let rows = self.read(|conn| {
            let mut statement = conn.prepare_cached(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles WHERE seq = ?1"
            ))?;
            let mut rows = Vec::with_capacity(seqs.len());
            for seq in &seqs {
                rows.extend(statement.query_row([seq], raw_article).optional()?);
            }
            Ok(rows)
        })?;
        rows.into_iter()
            .map(|raw| Ok((self.stored(raw)?, None)))
            .collect()
    }

    fn get(&self, id: &str) -> Result<Option<Stored>, Error> {
        let raw = self.read(|conn| {
            conn.prepare_cached(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1"
            ))?
            .query_row([id], raw_article)
            .optional()
        })?;
        raw.map(|raw| self.stored(raw)).transpose()
    }

    fn last_seq(&self) -> Result<Seq, Error> {
        self.read(|conn| {
            conn.query_row("SELECT coalesce(max(seq), 0) FROM articles", [], |row| {
                row.get(0)
            })
        })
    }

    /// FTS5 adds a segment to its index at every transaction and merges
    /// them only a few at a time, so a store filled by many small appends
    /// holds about ten per index; every word searched is looked up in each
    /// of them, and searches ran twice as fast once they were merged into
    /// one. The merge is done in steps (FTS5's `merge` with a negative page
    /// count works towards a single segment) so that appends never wait
    /// long for the write lock.
    fn tidy_search(&self) -> Result<bool, Error> {
        let mut conn = lock(&self.writer);
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| self.sqlite(e))?;
        let (last_seq, tidied): (Seq, Seq) = tx
            .query_row(
                "SELECT (SELECT coalesce(max(seq), 0) FROM articles),
                        coalesce((SELECT seq FROM progress WHERE name = ?1), 0)",
                [TIDIED],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .map_err(|e| self.sqlite(e))?;
        if !tidy_due(last_seq, tidied) {
            return Ok(false);
        }
        let mut more = false;
        for table in ["article_text", "story_text"] {
            let before = tx.total_changes();
            tx.execute(
                &format!("INSERT INTO {table}({table}, rank) VALUES ('merge', ?1)"),
                [-TIDY_PAGES],
            )
            .map_err(|e| self.sqlite(e))?;
            // The command itself counts one change; a merge that did some
            // work, at least one more.
            more |= tx.total_changes() - before >= 2;
        }
        if !more {
            tx.execute(
                "INSERT OR REPLACE INTO progress (name, seq) VALUES (?1, ?2)",
                params![TIDIED, last_seq],
            )
            .map_err(|e| self.sqlite(e))?;
        }
        tx.commit().map_err(|e| self.sqlite(e))?;
        Ok(more)
    }

    fn search_within(
        &self,
        query: &str,
        filter: &ArticleFilter,
        limit: usize,
    ) -> Result<Vec<Hit>, Error> {
        let Some(query) = fts_query(query) else {
            return Ok(Vec::new());
        };
        self.read(|conn| {
            let (best, marker) = best_matches(
                conn,
                "article_text",
                "bm25(article_text, 4.0, 1.0)",
                &query,
                Some(filter),
                limit,
            )?;
            let mut hit = conn.prepare_cached(
                "SELECT seq, id, title, source, text FROM articles WHERE seq = ?1",
            )?;
            best.into_iter()
                .map(|seq| {
                    hit.query_row([seq], |row| {
                        Ok(Hit {
                            seq: row.get(0)?,
                            id: row.get(1)?,
                            title: row.get(2)?,
                            source: row.get(3)?,
                            excerpt: marker.snippet(row.get_ref(4)?.as_str()?, EXCERPT_WORDS),
                        })
                    })
                })
                .collect()
        })
    }
}

/// The progress row of [`ArticleLog::tidy_search`]: the log position when
/// the search indexes were last merged into one segment each.
const TIDIED: &str = "search tidied";

/// Pages merged per step of [`ArticleLog::tidy_search`] (about 4 MB,
/// tens of milliseconds of holding the write lock).
const TIDY_PAGES: i64 = 1000;

/// Articles appended since the last tidying, at least, before the next: a
/// quarter of the log, so that each article is rewritten a few times over
/// the life of the store, not at every tidying.
fn tidy_due(last_seq: Seq, tidied: Seq) -> bool {
    last_seq - tidied >= (last_seq / 4).max(1000)
}

/// The rowids of the `limit` best matches of `query` in the FTS5 `table`,
/// ranked by `rank` among the [`RANKED`] newest matches, and the marker of
/// the words the query matched: the words as typed, or with the last one as
/// a prefix when they find nothing.
///
/// Ranking every match costs as much as the matches, and a common word is in
/// most of the log; found newest first, the newest matches are found by a
/// scan that stops early.
fn best_matches<'q>(
    conn: &Connection,
    table: &str,
    rank: &str,
    query: &'q FtsQuery,
    within: Option<&ArticleFilter>,
    limit: usize,
) -> rusqlite::Result<(Vec<i64>, Marker<'q>)> {
    // The limits are written into the statements: bound, they would make
    // SQLite plan the statement again at every search.
    let ranked = |query: &str| -> rusqlite::Result<Vec<i64>> {
        let (only, only_values) = within.map(|f| article_condition(f, 2)).unwrap_or_default();
        let mut values = vec![Value::Text(query.to_string())];
        values.extend(only_values);
        let oldest_ranked: i64 = conn
            .prepare_cached(&format!(
                "SELECT rowid FROM {table} WHERE {table} MATCH ?1 {only}
                 ORDER BY rowid DESC LIMIT 1 OFFSET {}",
                RANKED - 1
            ))?
            .query_row(params_from_iter(&values), |row| row.get(0))
            .optional()?
            .unwrap_or(0);
        let (only, only_values) = within.map(|f| article_condition(f, 3)).unwrap_or_default();
        let mut values = vec![
            Value::Text(query.to_string()),
            Value::Integer(oldest_ranked),
        ];
        values.extend(only_values);
        conn.prepare_cached(&format!(
            "SELECT rowid FROM {table} WHERE {table} MATCH ?1 AND rowid >= ?2 {only}
             ORDER BY {rank}, rowid LIMIT {}",
            sql_limit(limit)
        ))?
        .query_map(params_from_iter(&values), |row| row.get(0))?
        .collect()
    };
    let exact = ranked(&query.exact)?;
    if !exact.is_empty() {
        return Ok((exact, query.marker(false)));
    }
    Ok((ranked(&query.prefix)?, query.marker(true)))
}

/// `AND rowid IN (...)`: the articles `filter` lets through, with its
/// parameters numbered from `?{first}`; empty when it lets all through.
fn article_condition(filter: &ArticleFilter, first: usize) -> (String, Vec<Value>) {
    let mut tests: Vec<String> = Vec::new();
    let mut values = Vec::new();
    let mut test = |before: &str, value: Value, after: &str| {
        tests.push(format!("{before} ?{}{after}", first + values.len()));
        values.push(value);
    };
    if let Some(outlet) = &filter.outlet {
        test("source =", Value::Text(outlet.clone()), "");
    }
    if let Some(from) = filter.from {
        test("published >=", Value::Text(stamp(from)), "");
    }
    if let Some(until) = filter.until {
        test("published <", Value::Text(stamp(until)), "");
    }
    if let Some(story) = filter.story {
        let of_story = "id IN (SELECT article FROM article_story WHERE story =";
        test(of_story, Value::Integer(story), ")");
    }
    if tests.is_empty() {
        return (String::new(), values);
    }
    let only = format!(
        "AND rowid IN (SELECT seq FROM articles WHERE {})",
        tests.join(" AND ")
    );
    (only, values)
}

/// The columns [`raw_summary`] reads, in its order.
const SUMMARY_COLUMNS: &str =
    "id, headline, articles, outlets, first_published, last_published, last_seq";

/// The progress row of the pipeline that writes story views.
const ANALYSED: &str = "analysed";

impl StoryViews for SqliteStore {
    fn save_views(
        &self,
        views: &[StoryView],
        merges: &[(i64, i64)],
        analysed_to: Seq,
    ) -> Result<(), Error> {
        let mut conn = lock(&self.writer);
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| self.sqlite(e))?;
        {
            let mut upsert = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO stories
                     (id, merged_into, headline, articles, outlets, first_published,
                      last_published, last_seq)
                     VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(|e| self.sqlite(e))?;
            let mut render = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO renditions (story, kind, body) VALUES (?1, ?2, ?3)",
                )
                .map_err(|e| self.sqlite(e))?;
            let mut unrender = tx
                .prepare_cached("DELETE FROM renditions WHERE story = ?1")
                .map_err(|e| self.sqlite(e))?;
            let mut unindex = tx
                .prepare_cached("DELETE FROM story_terms WHERE story = ?1")
                .map_err(|e| self.sqlite(e))?;
            let mut index = tx
                .prepare_cached(
                    "INSERT INTO story_terms (story, kind, label, text) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(|e| self.sqlite(e))?;
            let mut place = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO article_story (article, story) VALUES (?1, ?2)",
                )
                .map_err(|e| self.sqlite(e))?;
            for view in views {
                let s = &view.summary;
                for article in &view.articles {
                    place
                        .execute(params![article, s.id])
                        .map_err(|e| self.sqlite(e))?;
                }
                upsert
                    .execute(params![
                        s.id,
                        s.headline,
                        s.articles,
                        s.outlets,
                        s.first_published.map(stamp),
                        s.last_published.map(stamp),
                        s.last_seq,
                    ])
                    .map_err(|e| self.sqlite(e))?;
                for (kind, body) in [
                    (Rendition::Document, &view.renditions.document),
                    (Rendition::Page, &view.renditions.page),
                ] {
                    render
                        .execute(params![s.id, kind.as_str(), body])
                        .map_err(|e| self.sqlite(e))?;
                }
                unindex.execute([s.id]).map_err(|e| self.sqlite(e))?;
                for item in &view.searchable {
                    index
                        .execute(params![s.id, item.kind.as_str(), item.label, item.text])
                        .map_err(|e| self.sqlite(e))?;
                }
            }
            let mut merge = tx
                .prepare_cached("UPDATE stories SET merged_into = ?2 WHERE id = ?1")
                .map_err(|e| self.sqlite(e))?;
            for &(absorbed, into) in merges {
                merge
                    .execute([absorbed, into])
                    .map_err(|e| self.sqlite(e))?;
                unindex.execute([absorbed]).map_err(|e| self.sqlite(e))?;
                unrender.execute([absorbed]).map_err(|e| self.sqlite(e))?;
            }
            tx.execute(
                "INSERT OR REPLACE INTO progress (name, seq) VALUES (?1, ?2)",
                params![ANALYSED, analysed_to],
            )
            .map_err(|e| self.sqlite(e))?;
        }
        tx.commit().map_err(|e| self.sqlite(e))
    }

    fn analysed_to(&self) -> Result<Seq, Error> {
        self.read(|conn| {
            conn.query_row(
                "SELECT coalesce((SELECT seq FROM progress WHERE name = ?1), 0)",
                [ANALYSED],
                |row| row.get(0),
            )
        })
    }

    fn save_checkpoint(&self, seq: Seq, state: &[u8]) -> Result<(), Error> {
        let conn = lock(&self.writer);
        conn.execute(
            "INSERT OR REPLACE INTO checkpoint (one, seq, state) VALUES (1, ?1, ?2)",
            params![seq, state],
        )
        .map_err(|e| self.sqlite(e))?;
        Ok(())
    }

    fn checkpoint(&self) -> Result<Option<(Seq, Vec<u8>)>, Error> {
        self.read(|conn| {
            conn.query_row("SELECT seq, state FROM checkpoint", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()
        })
    }

    fn stories(
        &self,
        order: StoryOrder,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<StorySummary>, Error> {
        let order = match order {
            StoryOrder::Newest => "last_seq DESC",
            StoryOrder::Biggest => "outlets DESC, articles DESC, last_seq DESC",
        };
        let raws = self.read(|conn| {
            let mut statement = conn.prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM stories WHERE merged_into IS NULL
                 ORDER BY {order} LIMIT ?1 OFFSET ?2"
            ))?;
            let rows =
                statement.query_map(params![sql_limit(limit), sql_limit(offset)], raw_summary)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })?;
        raws.into_iter().map(|raw| self.summary(raw)).collect()
    }

    fn count_stories(&self) -> Result<u64, Error> {
        let count: i64 = self.read(|conn| {
            conn.query_row(
                "SELECT count(*) FROM stories WHERE merged_into IS NULL",
                [],
                |row| row.get(0),
            )
        })?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    fn story(&self, id: i64, rendition: Rendition) -> Result<Option<Found>, Error> {
        let row = self.read(|conn| {
            conn.prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS}, merged_into, coalesce(r.body, x'')
                 FROM stories LEFT JOIN renditions r ON r.story = id AND r.kind = ?2
                 WHERE id = ?1"
            ))?
            .query_row(params![id, rendition.as_str()], |row| {
                Ok((
                    raw_summary(row)?,
                    row.get::<_, Option<i64>>(7)?,
                    row.get::<_, Vec<u8>>(8)?,
                ))
            })
            .optional()
        })?;
        let Some((raw, merged_into, rendition)) = row else {
            return Ok(None);
        };
        if let Some(into) = merged_into {
            return Ok(Some(Found::MergedInto(into)));
        }
        Ok(Some(Found::Story {
            summary: self.summary(raw)?,
            rendition,
        }))
    }

    fn story_of(&self, article: &str) -> Result<Option<i64>, Error> {
        self.read(|conn| {
            conn.prepare_cached("SELECT story FROM article_story WHERE article = ?1")?
                .query_row([article], |row| row.get(0))
                .optional()
        })
    }

    fn search_stories(&self, query: &str, limit: usize) -> Result<Vec<StoryHit>, Error> {
        let Some(query) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let rows = self.read(|conn| {
            let (best, marker) = best_matches(
                conn,
                "story_text",
                "bm25(story_text, 0.5, 1.0)",
                &query,
                None,
                limit,
            )?;
            let mut hit = conn.prepare_cached(
                "SELECT t.story, s.headline, t.kind, t.label, t.text
                 FROM story_terms t JOIN stories s ON s.id = t.story
                 WHERE t.id = ?1 AND s.merged_into IS NULL",
            )?;
            let mut rows = Vec::with_capacity(best.len());
            for rowid in best {
                let row = hit
                    .query_row([rowid], |row| {
                        Ok((
                            row.get::<_, i64>(0)?,
                            row.get::<_, String>(1)?,
                            row.get::<_, String>(2)?,
                            row.get::<_, String>(3)?,
                            marker.highlight(row.get_ref(4)?.as_str()?),
                        ))
                    })
                    .optional()?;
                rows.extend(row);
            }
            Ok(rows)
        })?;
        rows.into_iter()
            .map(|(story, headline, kind, label, excerpt)| {
                let kind = SearchKind::parse(&kind)
                    .ok_or_else(|| self.invalid(format!("story {story}: unknown kind {kind:?}")))?;
                Ok(StoryHit {
                    story,
                    headline,
                    kind,
                    label,
                    excerpt,
                })
            })
            .collect()
    }
}

/// A row of [`SUMMARY_COLUMNS`] before its dates are parsed.
struct RawSummary {
    summary: StorySummary,
    first: Option<String>,
    last: Option<String>,
}

fn raw_summary(row: &Row<'_>) -> rusqlite::Result<RawSummary> {
    Ok(RawSummary {
        summary: StorySummary {
            id: row.get(0)?,
            headline: row.get(1)?,
            articles: row.get(2)?,
            outlets: row.get(3)?,
            first_published: None,
            last_published: None,
            last_seq: row.get(6)?,
        },
        first: row.get(4)?,
        last: row.get(5)?,
    })
}

/// A row of [`ARTICLE_COLUMNS`] before its dates are parsed.
struct RawArticle {
    seq: Seq,
    received: String,
    published: Option<String>,
    article: Article,
}

fn raw_article(row: &Row<'_>) -> rusqlite::Result<RawArticle> {
    Ok(RawArticle {
        seq: row.get(0)?,
        received: row.get(1)?,
        published: row.get(6)?,
        article: Article {
            id: row.get(2)?,
            source: row.get(3)?,
            url: row.get(4)?,
            title: row.get(5)?,
            published: None,
            language: row.get(7)?,
            text: row.get(8)?,
        },
    })
}

impl SqliteStore {
    fn stored(&self, raw: RawArticle) -> Result<Stored, Error> {
        let what = format!("article {}", raw.seq);
        let mut article = raw.article;
        article.published = self.date(raw.published.as_deref(), &what)?;
        Ok(Stored {
            seq: raw.seq,
            received: self
                .date(Some(&raw.received), &what)?
                .unwrap_or(DateTime::UNIX_EPOCH),
            article,
        })
    }

    fn summary(&self, raw: RawSummary) -> Result<StorySummary, Error> {
        let what = format!("story {}", raw.summary.id);
        Ok(StorySummary {
            first_published: self.date(raw.first.as_deref(), &what)?,
            last_published: self.date(raw.last.as_deref(), &what)?,
            ..raw.summary
        })
    }

    /// A stored RFC 3339 date; a malformed one is a corrupt store, named.
    fn date(&self, text: Option<&str>, what: &str) -> Result<Option<DateTime<Utc>>, Error> {
        text.map(|text| {
            DateTime::parse_from_rfc3339(text)
                .map(|d| d.with_timezone(&Utc))
                .map_err(|e| self.invalid(format!("{what}: bad date {text:?}: {e}")))
        })
        .transpose()
    }
}

fn connect(path: &Path) -> Result<Connection, Error> {
    let sqlite = |source| Error::Sqlite {
        path: path.display().to_string(),
        source,
    };
    let conn = Connection::open(path).map_err(sqlite)?;
    conn.execute_batch(CONNECTION).map_err(sqlite)?;
    // Room for every statement the service runs, which are more than the
    // default 16: an evicted statement is parsed and planned again.
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// How dates are stored: RFC 3339 in UTC with a fixed precision, so that
/// comparing the text (as `due_sources` does) compares the times.
fn stamp(date: DateTime<Utc>) -> String {
    date.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

fn sql_limit(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

/// A panic while holding a connection leaves it usable (SQLite rolls back an
/// unfinished transaction), so a poisoned lock is taken over, not propagated.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The columns [`raw_source`] reads, in its order.
const SOURCE_COLUMNS: &str = "id, url, title, interval_s, etag, last_modified, failures, \
     next_poll, last_polled, last_error";

/// A row of [`SOURCE_COLUMNS`] with its dates still text.
struct RawSource {
    source: Source,
    next_poll: String,
    last_polled: Option<String>,
}

fn raw_source(row: &Row<'_>) -> rusqlite::Result<RawSource> {
    Ok(RawSource {
        source: Source {
            id: row.get(0)?,
            url: row.get(1)?,
            title: row.get(2)?,
            interval_s: row.get(3)?,
            etag: row.get(4)?,
            last_modified: row.get(5)?,
            failures: row.get(6)?,
            next_poll: DateTime::UNIX_EPOCH,
            last_polled: None,
            last_error: row.get(9)?,
        },
        next_poll: row.get(7)?,
        last_polled: row.get(8)?,
    })
}

impl SqliteStore {
    fn source(&self, raw: RawSource) -> Result<Source, Error> {
        let what = format!("source {}", raw.source.id);
        Ok(Source {
            next_poll: self
                .date(Some(&raw.next_poll), &what)?
                .unwrap_or(DateTime::UNIX_EPOCH),
            last_polled: self.date(raw.last_polled.as_deref(), &what)?,
            ..raw.source
        })
    }

    fn select_sources(&self, filter: &str, param: Option<String>) -> Result<Vec<Source>, Error> {
        let raws = self.read(|conn| {
            let mut statement =
                conn.prepare_cached(&format!("SELECT {SOURCE_COLUMNS} FROM sources {filter}"))?;
            let rows = match &param {
                Some(p) => statement.query_map([p], raw_source)?,
                None => statement.query_map([], raw_source)?,
            };
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })?;
        raws.into_iter().map(|raw| self.source(raw)).collect()
    }
}

impl Sources for SqliteStore {
    fn add_source(&self, url: &str, title: Option<&str>, interval_s: i64) -> Result<Source, Error> {
        let now = stamp(Utc::now());
        {
            let conn = lock(&self.writer);
            conn.execute(
                "INSERT INTO sources (url, title, interval_s, next_poll, added)
                 VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (url) DO NOTHING",
                params![url, title, interval_s, now],
            )
            .map_err(|e| self.sqlite(e))?;
        }
        self.select_sources("WHERE url = ?1", Some(url.to_string()))?
            .pop()
            .ok_or_else(|| self.invalid(format!("source {url} vanished after being added")))
    }

    fn remove_source(&self, url: &str) -> Result<bool, Error> {
        let conn = lock(&self.writer);
        let removed = conn
            .execute("DELETE FROM sources WHERE url = ?1", [url])
            .map_err(|e| self.sqlite(e))?;
        Ok(removed > 0)
    }

    fn sources(&self) -> Result<Vec<Source>, Error> {
        self.select_sources("ORDER BY id", None)
    }

    fn due_sources(&self, now: DateTime<Utc>) -> Result<Vec<Source>, Error> {
        // RFC 3339 in UTC with the same precision sorts as time does.
        self.select_sources(
            "WHERE next_poll <= ?1 ORDER BY next_poll, id",
            Some(stamp(now)),
        )
    }

    fn record_poll(&self, source: i64, polled: &Polled, at: DateTime<Utc>) -> Result<(), Error> {
        let conn = lock(&self.writer);
        conn.execute(
            "UPDATE sources SET etag = ?2, last_modified = ?3, failures = ?4, next_poll = ?5,
                    last_error = ?6, last_polled = ?7, title = coalesce(title, ?8)
             WHERE id = ?1",
            params![
                source,
                polled.etag,
                polled.last_modified,
                polled.failures,
                stamp(polled.next_poll),
                polled.error,
                stamp(at),
                polled.title,
            ],
        )
        .map_err(|e| self.sqlite(e))?;
        Ok(())
    }

    fn unseen_items(&self, source: i64, items: &[String]) -> Result<Vec<String>, Error> {
        self.read(|conn| {
            let mut seen = conn.prepare_cached(
                "SELECT 1 FROM feed_items WHERE source = ?1 AND item = ?2
                 AND NOT EXISTS (SELECT 1 FROM feed_retries r WHERE r.source = ?1 AND r.item = ?2)",
            )?;
            // Repeated ids are dropped through a set: a search of the list
            // so far cost the square of a big feed's length.
            let mut listed: HashSet<&str> = HashSet::with_capacity(items.len());
            let mut unseen = Vec::new();
            for item in items {
                if listed.insert(item) && !seen.exists(params![source, item])? {
                    unseen.push(item.clone());
                }
            }
            Ok(unseen)
        })
    }

    fn mark_items_seen(
        &self,
        source: i64,
        items: &[String],
        polled: DateTime<Utc>,
    ) -> Result<(), Error> {
        let mut conn = lock(&self.writer);
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| self.sqlite(e))?;
        {
            let mut mark = tx
                .prepare_cached(
                    "INSERT INTO feed_items (source, item) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                )
                .map_err(|e| self.sqlite(e))?;
            let mut retried = tx
                .prepare_cached(
                    "DELETE FROM feed_retries WHERE source = ?1 AND item = ?2 AND polled < ?3",
                )
                .map_err(|e| self.sqlite(e))?;
            for item in items {
                mark.execute(params![source, item])
                    .map_err(|e| self.sqlite(e))?;
                retried
                    .execute(params![source, item, stamp(polled)])
                    .map_err(|e| self.sqlite(e))?;
            }
        }
        tx.commit().map_err(|e| self.sqlite(e))
    }

    fn retry_items(
        &self,
        source: i64,
        items: &[String],
        polled: DateTime<Utc>,
    ) -> Result<(), Error> {
        let conn = lock(&self.writer);
        let mut retry = conn
            .prepare_cached(
                "INSERT INTO feed_retries (source, item, polled)
                 SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM sources WHERE id = ?1)
                 ON CONFLICT DO NOTHING",
            )
            .map_err(|e| self.sqlite(e))?;
        for item in items {
            retry
                .execute(params![source, item, stamp(polled)])
                .map_err(|e| self.sqlite(e))?;
        }
        Ok(())
    }
}
