//! The article log in PostgreSQL: the inbox the workers fill, taken into the
//! log in log order by the grouper, and read back and searched by everyone.

use chrono::Utc;
use parallax_model::Article;
use postgres::types::ToSql;
use postgres::{Row, Transaction};

use super::{PgStore, sql_limit};
use crate::keys::{body_key, url_key};
use crate::search::{EXCERPT_WORDS, RANKED, fts_query, lexemes};
use crate::{Added, ArticleFilter, ArticleLog, Error, Hit, Seq, Stored, Understood};

/// What a worker made of one item of the cluster's article log.
#[derive(Debug, Clone)]
pub struct Inbound {
    /// The item's position in the log.
    pub pos: Seq,
    /// The article with the document made of it (opaque bytes), or why the
    /// item could not be read.
    pub content: Result<(Article, Vec<u8>), String>,
}

/// What one take of the inbox did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Taken {
    /// Articles new to the log.
    pub new: usize,
    /// Items already in the log (same id, page or text).
    pub duplicates: usize,
    /// Items the workers could not read: position and why.
    pub unreadable: Vec<(Seq, String)>,
    /// Positions the log no longer holds and no worker wrote: skipped.
    pub lost: i64,
    /// The log position taken up to.
    pub to: Seq,
}

/// The progress row of the take.
const TAKEN: &str = "taken";

/// The columns [`stored`] reads, in its order.
const ARTICLE_COLUMNS: &str = "seq, received, id, source, url, title, published, language, text";

impl PgStore {
    /// Write what workers made of log items; an item already written (a
    /// worker that died before acknowledging it, then another that did it
    /// again) is left as it was.
    pub fn put_inbox(&self, items: &[Inbound]) -> Result<(), Error> {
        let received = Utc::now();
        self.write(|tx| {
            let insert = tx.prepare(
                "INSERT INTO inbox (pos, received, error, id, url_key, body_key, source, url,
                                    title, published, language, text, words, document)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
                         setweight(to_tsvector('simple', $13), 'A')
                           || to_tsvector('simple', $14),
                         $15)
                 ON CONFLICT (pos) DO NOTHING",
            )?;
            for item in items {
                match &item.content {
                    Ok((a, document)) => {
                        let url_key = a.url.as_deref().and_then(url_key);
                        let body_key = body_key(a);
                        let (title_words, text_words) = (lexemes(&a.title), lexemes(&a.text));
                        tx.execute(
                            &insert,
                            &[
                                &item.pos,
                                &received,
                                &None::<String>,
                                &a.id,
                                &url_key,
                                &body_key,
                                &a.source,
                                &a.url,
                                &a.title,
                                &a.published,
                                &a.language,
                                &a.text,
                                &title_words,
                                &text_words,
                                document,
                            ],
                        )?;
                    }
                    Err(error) => {
                        tx.execute(
                            "INSERT INTO inbox (pos, received, error) VALUES ($1, $2, $3)
                             ON CONFLICT (pos) DO NOTHING",
                            &[&item.pos, &received, error],
                        )?;
                    }
                }
            }
            Ok(())
        })
    }

    /// As the grouper: take the inbox into the log in position order, from
    /// the last position taken on, as far as positions follow each other
    /// and at most `limit` of them. A missing position is waited for (a
    /// worker has it) unless it is below `lost_below`, the oldest position
    /// the cluster's log still holds: read the log's before calling, so that
    /// any position under it was written here first or is gone for good.
    pub fn take_inbox(&self, lost_below: Seq, limit: usize) -> Result<Taken, Error> {
        self.as_grouper(|tx| {
            let mut taken = Taken {
                to: progress(tx, TAKEN)?,
                ..Taken::default()
            };
            let waiting: Vec<(Seq, Option<String>)> = tx
                .query(
                    "SELECT pos, error FROM inbox WHERE pos > $1 ORDER BY pos LIMIT $2",
                    &[&taken.to, &sql_limit(limit)],
                )?
                .iter()
                .map(|row| (row.get(0), row.get(1)))
                .collect();
            let all_read = waiting.len() < limit;
            let mut waiting = waiting.into_iter().peekable();
            let mut next = taken.to + 1;
            let mut readable: Vec<Seq> = Vec::new();
            loop {
                if let Some((pos, error)) = waiting.next_if(|(pos, _)| *pos == next) {
                    match error {
                        Some(error) => taken.unreadable.push((pos, error)),
                        None => readable.push(pos),
                    }
                    next += 1;
                    continue;
                }
                // `next` is not in the inbox: lost if under `lost_below`,
                // and then so is every position up to the next one waiting.
                let end = match waiting.peek() {
                    Some(&(pos, _)) => pos.min(lost_below),
                    None if all_read => lost_below,
                    None => break,
                };
                if next >= end {
                    break;
                }
                taken.lost += end - next;
                next = end;
            }
            // One statement for all, in position order: a row that
            // conflicts with one inserted before it, by this statement or
            // an earlier one, is a duplicate and is left out.
            let new: Vec<Seq> = tx
                .query(
                    "INSERT INTO articles (seq, id, url_key, body_key, source, url, title,
                                           published, language, text, received, words)
                     SELECT pos, id, url_key, body_key, source, url, title, published,
                            language, text, received, words
                     FROM inbox WHERE pos = ANY($1) ORDER BY pos
                     ON CONFLICT DO NOTHING
                     RETURNING seq",
                    &[&readable],
                )?
                .iter()
                .map(|row| row.get(0))
                .collect();
            tx.execute(
                "INSERT INTO documents (seq, body)
                 SELECT pos, document FROM inbox WHERE pos = ANY($1) AND document IS NOT NULL",
                &[&new],
            )?;
            taken.new = new.len();
            taken.duplicates = readable.len() - new.len();
            if next - 1 == taken.to {
                // Nothing taken: nothing to record (the grouper asks often).
                return Ok(taken);
            }
            taken.to = next - 1;
            tx.execute(
                "INSERT INTO progress (name, seq) VALUES ($1, $2)
                 ON CONFLICT (name) DO UPDATE SET seq = excluded.seq",
                &[&TAKEN, &taken.to],
            )?;
            tx.execute("DELETE FROM inbox WHERE pos <= $1", &[&taken.to])?;
            Ok(taken)
        })
    }

    /// The log position the inbox is taken up to.
    pub fn taken_to(&self) -> Result<Seq, Error> {
        self.read(|client| {
            let mut tx = client.transaction()?;
            progress(&mut tx, TAKEN)
        })
    }

    /// Items written to the inbox and not taken yet.
    pub fn inbox_len(&self) -> Result<i64, Error> {
        self.read(|client| Ok(client.query_one("SELECT count(*) FROM inbox", &[])?.get(0)))
    }

    fn stored(&self, row: &Row) -> Stored {
        Stored {
            seq: row.get(0),
            received: row.get(1),
            article: Article {
                id: row.get(2),
                source: row.get(3),
                url: row.get(4),
                title: row.get(5),
                published: row.get(6),
                language: row.get(7),
                text: row.get(8),
            },
        }
    }

    /// The articles `selection` (a condition on `seq`, then its order and
    /// limit) picks, each with the document a worker made of it, if any.
    fn understood(
        &self,
        selection: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Understood>, Error> {
        self.read(|client| {
            let rows = client.query(
                &format!(
                    "SELECT {ARTICLE_COLUMNS}, d.body FROM articles LEFT JOIN documents d USING (seq)
                     WHERE {selection}"
                ),
                params,
            )?;
            Ok(rows
                .iter()
                .map(|row| (self.stored(row), row.get(9)))
                .collect())
        })
    }
}

/// A named log position (0 when never set).
pub(super) fn progress(tx: &mut Transaction<'_>, name: &str) -> Result<Seq, postgres::Error> {
    Ok(tx
        .query_opt("SELECT seq FROM progress WHERE name = $1", &[&name])?
        .map_or(0, |row| row.get(0)))
}

impl ArticleLog for PgStore {
    /// A cluster's articles enter through its log, in the order the log
    /// gives them, never straight into the store.
    fn append(&self, _articles: &[Article]) -> Result<Vec<Added>, Error> {
        Err(self.invalid(
            "a cluster store takes articles through the cluster's log \
             (parallax ingest --nats URL, or the API of parallax serve --nats URL)"
                .into(),
        ))
    }

    fn after(&self, seq: Seq, limit: usize) -> Result<Vec<Stored>, Error> {
        self.read(|client| {
            let rows = client.query(
                &format!(
                    "SELECT {ARTICLE_COLUMNS} FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2"
                ),
                &[&seq, &sql_limit(limit)],
            )?;
            Ok(rows.iter().map(|row| self.stored(row)).collect())
        })
    }

    fn after_understood(&self, seq: Seq, limit: usize) -> Result<Vec<Understood>, Error> {
        self.understood("seq > $1 ORDER BY seq LIMIT $2", &[&seq, &sql_limit(limit)])
    }

    fn understood_at(&self, seqs: &[Seq]) -> Result<Vec<Understood>, Error> {
        self.understood("seq = ANY($1) ORDER BY seq", &[&seqs])
    }

    fn get(&self, id: &str) -> Result<Option<Stored>, Error> {
        self.read(|client| {
            let row = client.query_opt(
                &format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1"),
                &[&id],
            )?;
            Ok(row.map(|row| self.stored(&row)))
        })
    }

    fn last_seq(&self) -> Result<Seq, Error> {
        self.read(|client| {
            Ok(client
                .query_one("SELECT coalesce(max(seq), 0)::bigint FROM articles", &[])?
                .get(0))
        })
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
        for prefix in [false, true] {
            let tsquery = query.tsquery(prefix);
            let mut values: Vec<Box<dyn ToSql + Sync>> = vec![Box::new(tsquery)];
            let only = article_condition(filter, &mut values);
            let rows = self.read(|client| {
                let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v.as_ref()).collect();
                client.query(
                    &format!(
                        "SELECT seq, id, title, source, text FROM (
                             SELECT * FROM articles WHERE words @@ $1::text::tsquery {only}
                             ORDER BY seq DESC LIMIT {RANKED}
                         ) newest
                         ORDER BY ts_rank(words, $1::text::tsquery) DESC, seq DESC LIMIT {}",
                        sql_limit(limit)
                    ),
                    &params,
                )
            })?;
            if rows.is_empty() {
                continue;
            }
            let marker = query.marker(prefix);
            return Ok(rows
                .iter()
                .map(|row| Hit {
                    seq: row.get(0),
                    id: row.get(1),
                    title: row.get(2),
                    source: row.get(3),
                    excerpt: marker.snippet(row.get(4), EXCERPT_WORDS),
                })
                .collect());
        }
        Ok(Vec::new())
    }
}

/// The SQL that keeps to the articles `filter` lets through (`AND ...`), its
/// values appended to `values`.
fn article_condition(filter: &ArticleFilter, values: &mut Vec<Box<dyn ToSql + Sync>>) -> String {
    let mut only = String::new();
    let mut test = |sql: &str, value: Box<dyn ToSql + Sync>| {
        values.push(value);
        only.push_str(&sql.replace('?', &format!("${}", values.len())));
    };
    if let Some(outlet) = &filter.outlet {
        test(" AND source = ?", Box::new(outlet.clone()));
    }
    if let Some(from) = filter.from {
        test(" AND published >= ?", Box::new(from));
    }
    if let Some(until) = filter.until {
        test(" AND published < ?", Box::new(until));
    }
    if let Some(story) = filter.story {
        test(
            " AND id IN (SELECT article FROM article_story WHERE story = ?)",
            Box::new(story),
        );
    }
    only
}
