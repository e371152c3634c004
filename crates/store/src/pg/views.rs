//! Story views in PostgreSQL: written by the grouper, read by every server.

use postgres::Row;

use super::log::progress;
use super::{PgStore, sql_limit};
use crate::search::{fts_query, lexemes};
use crate::{
    Error, Found, Rendition, SearchKind, Seq, StoryHit, StoryOrder, StorySummary, StoryView,
    StoryViews,
};

const ANALYSED: &str = "analysed";

const SUMMARY_COLUMNS: &str =
    "id, headline, articles, outlets, first_published, last_published, last_seq";

fn summary(row: &Row) -> StorySummary {
    let count = |at: usize| u32::try_from(row.get::<_, i32>(at)).unwrap_or(0);
    StorySummary {
        id: row.get(0),
        headline: row.get(1),
        articles: count(2),
        outlets: count(3),
        first_published: row.get(4),
        last_published: row.get(5),
        last_seq: row.get(6),
    }
}

impl StoryViews for PgStore {
    /// Fenced: only the grouper saves views (see [`PgStore::become_grouper`]).
    fn save_views(
        &self,
        views: &[StoryView],
        merges: &[(i64, i64)],
        analysed_to: Seq,
    ) -> Result<(), Error> {
        self.as_grouper(|tx| {
            // A few statements per story whatever its size: its articles
            // and its search terms go in as arrays.
            let place = tx.prepare(
                "INSERT INTO article_story (article, story)
                 SELECT DISTINCT unnest($1::text[]), $2::bigint
                 ON CONFLICT (article) DO UPDATE SET story = excluded.story",
            )?;
            let upsert = tx.prepare(
                "INSERT INTO stories (id, merged_into, headline, articles, outlets,
                                      first_published, last_published, last_seq)
                 VALUES ($1, NULL, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (id) DO UPDATE SET merged_into = NULL,
                     headline = excluded.headline, articles = excluded.articles,
                     outlets = excluded.outlets, first_published = excluded.first_published,
                     last_published = excluded.last_published, last_seq = excluded.last_seq",
            )?;
            let render = tx.prepare(
                "INSERT INTO renditions (story, kind, body) VALUES ($1, $2, $3), ($1, $4, $5)
                 ON CONFLICT (story, kind) DO UPDATE SET body = excluded.body",
            )?;
            let unindex = tx.prepare("DELETE FROM story_terms WHERE story = $1")?;
            let index = tx.prepare(
                "INSERT INTO story_terms (story, kind, label, text, words)
                 SELECT $1::bigint, kind, label, text,
                        setweight(to_tsvector('simple', label_words), 'C')
                          || setweight(to_tsvector('simple', text_words), 'B')
                 FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                      AS t(kind, label, text, label_words, text_words)",
            )?;
            for view in views {
                let s = &view.summary;
                tx.execute(&place, &[&view.articles, &s.id])?;
                let (articles, outlets) = (count(s.articles), count(s.outlets));
                tx.execute(
                    &upsert,
                    &[
                        &s.id,
                        &s.headline,
                        &articles,
                        &outlets,
                        &s.first_published,
                        &s.last_published,
                        &s.last_seq,
                    ],
                )?;
                tx.execute(
                    &render,
                    &[
                        &s.id,
                        &Rendition::Document.as_str(),
                        &view.renditions.document,
                        &Rendition::Page.as_str(),
                        &view.renditions.page,
                    ],
                )?;
                tx.execute(&unindex, &[&s.id])?;
                let terms = &view.searchable;
                let kinds: Vec<&str> = terms.iter().map(|t| t.kind.as_str()).collect();
                let labels: Vec<&str> = terms.iter().map(|t| t.label.as_str()).collect();
                let texts: Vec<&str> = terms.iter().map(|t| t.text.as_str()).collect();
                let label_words: Vec<String> = terms.iter().map(|t| lexemes(&t.label)).collect();
                let text_words: Vec<String> = terms.iter().map(|t| lexemes(&t.text)).collect();
                tx.execute(
                    &index,
                    &[&s.id, &kinds, &labels, &texts, &label_words, &text_words],
                )?;
            }
            for &(absorbed, into) in merges {
                tx.execute(
                    "UPDATE stories SET merged_into = $2 WHERE id = $1",
                    &[&absorbed, &into],
                )?;
                tx.execute(&unindex, &[&absorbed])?;
                tx.execute("DELETE FROM renditions WHERE story = $1", &[&absorbed])?;
            }
            tx.execute(
                "INSERT INTO progress (name, seq) VALUES ($1, $2)
                 ON CONFLICT (name) DO UPDATE SET seq = excluded.seq",
                &[&ANALYSED, &analysed_to],
            )?;
            Ok(())
        })
    }

    fn analysed_to(&self) -> Result<Seq, Error> {
        self.read(|client| {
            let mut tx = client.transaction()?;
            progress(&mut tx, ANALYSED)
        })
    }

    fn save_checkpoint(&self, seq: Seq, state: &[u8]) -> Result<(), Error> {
        self.as_grouper(|tx| {
            tx.execute(
                "INSERT INTO checkpoint (seq, state) VALUES ($1, $2)
                 ON CONFLICT (one) DO UPDATE SET seq = excluded.seq, state = excluded.state",
                &[&seq, &state],
            )?;
            Ok(())
        })
    }

    fn checkpoint(&self) -> Result<Option<(Seq, Vec<u8>)>, Error> {
        self.read(|client| {
            let row = client.query_opt("SELECT seq, state FROM checkpoint", &[])?;
            Ok(row.map(|row| (row.get(0), row.get(1))))
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
        self.read(|client| {
            let rows = client.query(
                &format!(
                    "SELECT {SUMMARY_COLUMNS} FROM stories WHERE merged_into IS NULL
                     ORDER BY {order} LIMIT $1 OFFSET $2"
                ),
                &[&sql_limit(limit), &sql_limit(offset)],
            )?;
            Ok(rows.iter().map(summary).collect())
        })
    }

    fn count_stories(&self) -> Result<u64, Error> {
        let count: i64 = self.read(|client| {
            Ok(client
                .query_one(
                    "SELECT count(*) FROM stories WHERE merged_into IS NULL",
                    &[],
                )?
                .get(0))
        })?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    fn story(&self, id: i64, rendition: Rendition) -> Result<Option<Found>, Error> {
        self.read(|client| {
            let row = client.query_opt(
                &format!(
                    "SELECT {SUMMARY_COLUMNS}, merged_into, coalesce(r.body, ''::bytea)
                     FROM stories LEFT JOIN renditions r ON r.story = id AND r.kind = $2
                     WHERE id = $1"
                ),
                &[&id, &rendition.as_str()],
            )?;
            Ok(row.map(|row| match row.get::<_, Option<i64>>(7) {
                Some(into) => Found::MergedInto(into),
                None => Found::Story {
                    summary: summary(&row),
                    rendition: row.get(8),
                },
            }))
        })
    }

    fn story_of(&self, article: &str) -> Result<Option<i64>, Error> {
        self.read(|client| {
            Ok(client
                .query_opt(
                    "SELECT story FROM article_story WHERE article = $1",
                    &[&article],
                )?
                .map(|row| row.get(0)))
        })
    }

    fn search_stories(&self, query: &str, limit: usize) -> Result<Vec<StoryHit>, Error> {
        let Some(query) = fts_query(query) else {
            return Ok(Vec::new());
        };
        for prefix in [false, true] {
            let tsquery = query.tsquery(prefix);
            let rows = self.read(|client| {
                client.query(
                    "SELECT t.story, s.headline, t.kind, t.label, t.text
                     FROM story_terms t JOIN stories s ON s.id = t.story
                     WHERE t.words @@ $1::text::tsquery AND s.merged_into IS NULL
                     ORDER BY ts_rank(t.words, $1::text::tsquery) DESC, t.id DESC LIMIT $2",
                    &[&tsquery, &sql_limit(limit)],
                )
            })?;
            if rows.is_empty() {
                continue;
            }
            let marker = query.marker(prefix);
            return rows
                .iter()
                .map(|row| {
                    let (story, kind): (i64, String) = (row.get(0), row.get(2));
                    let kind = SearchKind::parse(&kind).ok_or_else(|| {
                        self.invalid(format!("story {story}: unknown kind {kind:?}"))
                    })?;
                    Ok(StoryHit {
                        story,
                        headline: row.get(1),
                        kind,
                        label: row.get(3),
                        excerpt: marker.highlight(row.get(4)),
                    })
                })
                .collect();
        }
        Ok(Vec::new())
    }
}

fn count(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}
