//! Real servers for the cluster's tests and benchmarks: a PostgreSQL
//! instance and a JetStream cluster of NATS servers, each in a temporary
//! directory on loopback ports, stopped when dropped; and sites serving
//! feeds and pages ([`start_sites`]).
//!
//! They run Debian's `postgresql` and `nats-server` (`scripts/cluster-test`
//! installs both). PostgreSQL refuses to run as root, so when the tests do,
//! its commands run as the `postgres` user the package creates.

mod nats;
mod postgres;
mod sites;

pub use nats::{Nats, NatsNode};
pub use postgres::Postgres;
pub use sites::{escape_xml, start_sites};

use std::net::TcpListener;
use std::time::{Duration, Instant};

/// A loopback port free right now.
pub fn free_port() -> anyhow::Result<u16> {
    Ok(free_ports(1)?[0])
}

/// `n` different loopback ports free right now (all held until all are
/// chosen, so that none is handed out twice).
pub fn free_ports(n: usize) -> anyhow::Result<Vec<u16>> {
    let held: Vec<TcpListener> = (0..n)
        .map(|_| TcpListener::bind("127.0.0.1:0"))
        .collect::<Result<_, _>>()?;
    held.iter().map(|l| Ok(l.local_addr()?.port())).collect()
}

/// Wait until `ready` says yes, at most `limit`.
fn wait_for(what: &str, limit: Duration, mut ready: impl FnMut() -> bool) -> anyhow::Result<()> {
    let start = Instant::now();
    while !ready() {
        if start.elapsed() > limit {
            anyhow::bail!("{what} not ready after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}
