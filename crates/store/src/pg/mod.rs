//! The cluster store: PostgreSQL, shared by every role of a Parallax cluster
//! (see `docs/cluster.md`).
//!
//! Workers write what they made of each item of the cluster's article log to
//! the inbox ([`PgStore::put_inbox`]); the one grouper takes the inbox into
//! the log in log order ([`PgStore::take_inbox`]), analyses it and saves the
//! story views; servers read. Exactly one grouper writes at a time: the one
//! holding a PostgreSQL advisory lock ([`PgStore::become_grouper`]), whose
//! writes are fenced by an epoch that each new grouper raises, so a grouper
//! that lost its lock unnoticed cannot write over its successor.

mod log;
mod schema;
mod sources;
mod views;

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use postgres::{Client, NoTls, Transaction};
use r2d2_postgres::PostgresConnectionManager;

use crate::Error;
use schema::MIGRATIONS;

pub use log::{Inbound, Taken};

/// Advisory lock keys (any two numbers no other program of the database uses).
const MIGRATION_LOCK: i64 = 0x5058_4d49_4752_4154; // "PXMIGRAT"
const GROUPER_LOCK: i64 = 0x5058_4752_4f55_5045; // "PXGROUPE"

/// Connections each process keeps at most.
const POOL_SIZE: u32 = 8;

/// The store in a PostgreSQL database. Safe to share between threads.
pub struct PgStore {
    pool: r2d2::Pool<PostgresConnectionManager<NoTls>>,
    config: postgres::Config,
    /// Where the database is, for messages (no password).
    target: String,
    /// Set while this process is the grouper.
    grouper: Mutex<Option<Grouper>>,
}

/// The grouper role: its own connection, which holds the advisory lock, and
/// the epoch its writes are fenced with.
struct Grouper {
    client: Client,
    epoch: i64,
}

impl PgStore {
    /// Connect to the database at `url` (`postgresql://user@host:port/db`),
    /// bringing its schema up to date.
    pub fn connect(url: &str) -> Result<Self, Error> {
        let config: postgres::Config = url.parse().map_err(|source| Error::Postgres {
            target: "PostgreSQL URL".into(),
            source,
        })?;
        let target = describe(&config);
        let manager = PostgresConnectionManager::new(config.clone(), NoTls);
        let pool = r2d2::Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(1))
            // No round trip to test a connection on every checkout: a
            // connection that broke is closed, and the pool drops it when
            // it comes back, so after PostgreSQL restarts a request fails
            // for each pooled connection (at most the pool's size).
            .test_on_check_out(false)
            .connection_timeout(Duration::from_secs(10))
            .build(manager)
            .map_err(|e| Error::Invalid {
                path: target.clone(),
                what: format!("cannot connect: {e}"),
            })?;
        let store = PgStore {
            pool,
            config,
            target,
            grouper: Mutex::new(None),
        };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&self) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
            tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")?;
            let version: Option<i32> = tx
                .query_opt("SELECT version FROM schema_version", &[])?
                .map(|row| row.get(0));
            let version = version.unwrap_or(0);
            let known = MIGRATIONS.len() as i32;
            if version > known {
                return Ok(Err(format!(
                    "schema version {version} was written by a newer Parallax (this one knows {known})"
                )));
            }
            for migration in MIGRATIONS.iter().skip(version as usize) {
                tx.batch_execute(migration)?;
            }
            tx.execute("DELETE FROM schema_version", &[])?;
            tx.execute("INSERT INTO schema_version VALUES ($1)", &[&known])?;
            Ok(Ok(()))
        })?
        .map_err(|what| self.invalid(what))
    }

    /// A pooled connection (a broken one is replaced on the way out of the pool).
    fn client(&self) -> Result<r2d2::PooledConnection<PostgresConnectionManager<NoTls>>, Error> {
        self.pool
            .get()
            .map_err(|e| self.invalid(format!("no connection: {e}")))
    }

    /// Run `work` in a transaction on a pooled connection.
    fn write<T>(
        &self,
        work: impl FnOnce(&mut Transaction<'_>) -> Result<T, postgres::Error>,
    ) -> Result<T, Error> {
        let mut client = self.client()?;
        let mut tx = client.transaction().map_err(|e| self.pg(e))?;
        let done = work(&mut tx).map_err(|e| self.pg(e))?;
        tx.commit().map_err(|e| self.pg(e))?;
        Ok(done)
    }

    /// Run `query` on a pooled connection.
    fn read<T>(
        &self,
        query: impl FnOnce(&mut Client) -> Result<T, postgres::Error>,
    ) -> Result<T, Error> {
        let mut client = self.client()?;
        query(&mut client).map_err(|e| self.pg(e))
    }

    /// Try to become the grouper: `true` when this process now is (or
    /// already was), `false` when another process holds the role.
    pub fn become_grouper(&self) -> Result<bool, Error> {
        let mut role = lock(&self.grouper);
        if role.as_ref().is_some_and(|g| !g.client.is_closed()) {
            return Ok(true);
        }
        *role = None;
        let mut client = self.config.connect(NoTls).map_err(|e| self.pg(e))?;
        let locked: bool = client
            .query_one("SELECT pg_try_advisory_lock($1)", &[&GROUPER_LOCK])
            .map_err(|e| self.pg(e))?
            .get(0);
        if !locked {
            return Ok(false);
        }
        let epoch: i64 = client
            .query_one("UPDATE grouper SET epoch = epoch + 1 RETURNING epoch", &[])
            .map_err(|e| self.pg(e))?
            .get(0);
        *role = Some(Grouper { client, epoch });
        Ok(true)
    }

    /// Whether this process is the grouper (as far as it knows: a write
    /// tells for sure).
    pub fn is_grouper(&self) -> bool {
        lock(&self.grouper)
            .as_ref()
            .is_some_and(|g| !g.client.is_closed())
    }

    /// Give the role up (its lock goes with its connection).
    pub fn resign_grouper(&self) {
        *lock(&self.grouper) = None;
    }

    /// Run `work` in a transaction of the grouper, fenced: it fails, and
    /// this process stops being the grouper, when another grouper has
    /// started since this one did or the grouper's connection is lost.
    fn as_grouper<T>(
        &self,
        work: impl FnOnce(&mut Transaction<'_>) -> Result<T, postgres::Error>,
    ) -> Result<T, Error> {
        let mut role = lock(&self.grouper);
        let Some(grouper) = role.as_mut() else {
            return Err(self.invalid("this process is not the grouper".into()));
        };
        let epoch = grouper.epoch;
        let result = (|| {
            let mut tx = grouper.client.transaction()?;
            let current: i64 = tx
                .query_one("SELECT epoch FROM grouper FOR UPDATE", &[])?
                .get(0);
            if current != epoch {
                return Ok(None);
            }
            let done = work(&mut tx)?;
            tx.commit()?;
            Ok(Some(done))
        })();
        match result {
            Ok(Some(done)) => Ok(done),
            Ok(None) => {
                *role = None;
                Err(self.invalid(format!("another grouper took over (epoch {epoch} is past)")))
            }
            Err(e) => {
                if grouper.client.is_closed() {
                    *role = None;
                }
                Err(self.pg(e))
            }
        }
    }

    fn pg(&self, source: postgres::Error) -> Error {
        Error::Postgres {
            target: self.target.clone(),
            source,
        }
    }

    fn invalid(&self, what: String) -> Error {
        Error::Invalid {
            path: self.target.clone(),
            what,
        }
    }
}

/// `postgres at host:port/db`, without the password.
fn describe(config: &postgres::Config) -> String {
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .zip(config.get_ports().iter().chain(std::iter::repeat(&5432)))
        .map(|(host, port)| match host {
            postgres::config::Host::Tcp(name) => format!("{name}:{port}"),
            postgres::config::Host::Unix(path) => format!("{}:{port}", path.display()),
        })
        .collect();
    format!(
        "postgres at {}/{}",
        hosts.join(","),
        config.get_dbname().unwrap_or("")
    )
}

fn sql_limit(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

/// A panic while holding the role leaves its connection usable (an
/// unfinished transaction rolls back when dropped).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
