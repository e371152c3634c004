//! The followed feeds in PostgreSQL, shared out between servers.

use chrono::{DateTime, Utc};
use postgres::Row;

use super::PgStore;
use crate::{Error, Polled, Source, Sources};

const SOURCE_COLUMNS: &str = "id, url, title, interval_s, etag, last_modified, failures, \
     next_poll, last_polled, last_error";

/// How long a feed handed to one server stays out of the others' reach: its
/// poll records the real next time long before.
const CLAIM: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

fn source(row: &Row) -> Source {
    Source {
        id: row.get(0),
        url: row.get(1),
        title: row.get(2),
        interval_s: row.get(3),
        etag: row.get(4),
        last_modified: row.get(5),
        failures: u32::try_from(row.get::<_, i32>(6)).unwrap_or(0),
        next_poll: row.get(7),
        last_polled: row.get(8),
        last_error: row.get(9),
    }
}

impl Sources for PgStore {
    fn add_source(&self, url: &str, title: Option<&str>, interval_s: i64) -> Result<Source, Error> {
        let now = Utc::now();
        let row = self.write(|tx| {
            tx.execute(
                "INSERT INTO sources (url, title, interval_s, next_poll, added)
                 VALUES ($1, $2, $3, $4, $4) ON CONFLICT (url) DO NOTHING",
                &[&url, &title, &interval_s, &now],
            )?;
            tx.query_opt(
                &format!("SELECT {SOURCE_COLUMNS} FROM sources WHERE url = $1"),
                &[&url],
            )
        })?;
        row.map(|row| source(&row))
            .ok_or_else(|| self.invalid(format!("source {url} vanished after being added")))
    }

    fn remove_source(&self, url: &str) -> Result<bool, Error> {
        let removed = self.write(|tx| tx.execute("DELETE FROM sources WHERE url = $1", &[&url]))?;
        Ok(removed > 0)
    }

    fn sources(&self) -> Result<Vec<Source>, Error> {
        self.read(|client| {
            let rows = client.query(
                &format!("SELECT {SOURCE_COLUMNS} FROM sources ORDER BY id"),
                &[],
            )?;
            Ok(rows.iter().map(source).collect())
        })
    }

    /// The due feeds, each handed to one caller only: a due feed is claimed
    /// (its next poll moved [`CLAIM`] ahead, rows other servers are claiming
    /// skipped), so that several servers share the polling and no feed is
    /// polled twice. Each is returned with the time it was due.
    fn due_sources(&self, now: DateTime<Utc>) -> Result<Vec<Source>, Error> {
        let until = now + CLAIM;
        let rows = self.write(|tx| {
            tx.query(
                "WITH due AS (
                     SELECT id, next_poll AS was FROM sources WHERE next_poll <= $1
                     ORDER BY next_poll, id FOR UPDATE SKIP LOCKED
                 ), claimed AS (
                     UPDATE sources s SET next_poll = $2 FROM due WHERE s.id = due.id
                     RETURNING s.id, s.url, s.title, s.interval_s, s.etag, s.last_modified,
                               s.failures, due.was, s.last_polled, s.last_error
                 )
                 SELECT * FROM claimed ORDER BY was, id",
                &[&now, &until],
            )
        })?;
        Ok(rows.iter().map(source).collect())
    }

    fn record_poll(&self, source: i64, polled: &Polled, at: DateTime<Utc>) -> Result<(), Error> {
        let failures = i32::try_from(polled.failures).unwrap_or(i32::MAX);
        self.write(|tx| {
            tx.execute(
                "UPDATE sources SET etag = $2, last_modified = $3, failures = $4, next_poll = $5,
                        last_error = $6, last_polled = $7, title = coalesce(title, $8)
                 WHERE id = $1",
                &[
                    &source,
                    &polled.etag,
                    &polled.last_modified,
                    &failures,
                    &polled.next_poll,
                    &polled.error,
                    &at,
                    &polled.title,
                ],
            )
        })?;
        Ok(())
    }

    fn unseen_items(&self, source: i64, items: &[String]) -> Result<Vec<String>, Error> {
        let seen: Vec<String> = self.read(|client| {
            let rows = client.query(
                "SELECT item FROM feed_items i WHERE source = $1 AND item = ANY($2)
                 AND NOT EXISTS (SELECT 1 FROM feed_retries r
                                 WHERE r.source = i.source AND r.item = i.item)",
                &[&source, &items],
            )?;
            Ok(rows.iter().map(|row| row.get(0)).collect())
        })?;
        let mut listed: std::collections::HashSet<&str> = seen.iter().map(String::as_str).collect();
        Ok(items
            .iter()
            .filter(|item| listed.insert(item))
            .cloned()
            .collect())
    }

    fn mark_items_seen(
        &self,
        source: i64,
        items: &[String],
        polled: DateTime<Utc>,
    ) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO feed_items (source, item) SELECT $1, unnest($2::text[])
                 ON CONFLICT DO NOTHING",
                &[&source, &items],
            )?;
            tx.execute(
                "DELETE FROM feed_retries WHERE source = $1 AND item = ANY($2) AND polled < $3",
                &[&source, &items, &polled],
            )
        })?;
        Ok(())
    }

    fn retry_items(
        &self,
        source: i64,
        items: &[String],
        polled: DateTime<Utc>,
    ) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO feed_retries (source, item, polled)
                 SELECT $1, unnest($2::text[]), $3
                 WHERE EXISTS (SELECT 1 FROM sources WHERE id = $1)
                 ON CONFLICT DO NOTHING",
                &[&source, &items, &polled],
            )
        })?;
        Ok(())
    }
}
