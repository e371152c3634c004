//! The grouper: the one process that takes the store's inbox into the log,
//! in log order, and analyses it (grouping is sequential by nature: each
//! placement depends on the ones before). Others run as standbys: each
//! tries the store's grouper lock every second and the first to get it
//! after the grouper dies takes over, replaying the log from the last
//! checkpoint to rebuild the open stories (the documents the workers stored
//! make that quick) and going on from the last views saved.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use parallax_server::analyser::Analyser;
use parallax_store::PgStore;

use crate::log::Log;

/// Inbox items taken at a time.
const TAKE: usize = 4096;
/// How often a standby tries to become the grouper, and how long the
/// grouper rests when nothing is waiting.
const STANDBY: Duration = Duration::from_secs(1);
const IDLE: Duration = Duration::from_millis(200);

/// Group until `stop` is set: standing by while another process groups.
/// Runs on a thread of its own (the analysis is synchronous); `runtime`
/// runs the calls to the log. A checkpoint is saved every
/// `checkpoint_every` articles.
pub fn run(
    log: &Log,
    store: &PgStore,
    runtime: &tokio::runtime::Handle,
    checkpoint_every: usize,
    stop: &AtomicBool,
) {
    let mut standing_by = false;
    while !stop.load(Ordering::Relaxed) {
        match store.become_grouper() {
            Ok(true) => {
                standing_by = false;
                tracing::info!("this process is the grouper");
                if let Err(err) = group(log, store, runtime, checkpoint_every, stop) {
                    tracing::warn!(%err, "grouping stopped; trying again");
                }
                store.resign_grouper();
            }
            Ok(false) => {
                if !standing_by {
                    tracing::info!("another process is the grouper; standing by");
                    standing_by = true;
                }
            }
            Err(err) => tracing::warn!(%err, "cannot reach the store"),
        }
        std::thread::sleep(STANDBY);
    }
}

/// Group as the grouper, until `stop` or an error (the role lost, a server
/// down): the caller then tries to become the grouper again.
fn group(
    log: &Log,
    store: &PgStore,
    runtime: &tokio::runtime::Handle,
    checkpoint_every: usize,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let mut analyser = Analyser::for_grouper(store)?;
    analyser.set_checkpoint_every(checkpoint_every);
    while !stop.load(Ordering::Relaxed) {
        // Read before the inbox: see `PgStore::take_inbox`. The log down
        // (a server restarting) only means waiting: what was analysed
        // stands.
        let first_kept = match runtime.block_on(log.first_kept()) {
            Ok(first) => first,
            Err(err) => {
                tracing::warn!(%err, "cannot read the log; waiting");
                std::thread::sleep(STANDBY);
                continue;
            }
        };
        // A store error ends this round of grouping: a failed save leaves
        // placed articles without views, so the caller starts again from
        // the views saved, replaying the log.
        let taken = store.take_inbox(first_kept, TAKE)?;
        for (pos, why) in &taken.unreadable {
            tracing::warn!(position = pos, %why, "log item skipped");
        }
        if taken.lost > 0 {
            tracing::warn!(
                positions = taken.lost,
                "log positions gone from the log unread"
            );
        }
        let analysed = analyser.catch_up()?;
        let took = taken.new + taken.duplicates + taken.unreadable.len();
        if took == 0 && analysed == 0 {
            analyser.tidy()?;
            std::thread::sleep(IDLE);
        }
    }
    Ok(())
}

/// Run the grouper loop on a thread of its own; stop it by setting `stop`.
pub fn spawn(
    log: Log,
    store: Arc<PgStore>,
    checkpoint_every: usize,
    stop: Arc<AtomicBool>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    let runtime = tokio::runtime::Handle::current();
    std::thread::Builder::new()
        .name("grouper".into())
        .spawn(move || run(&log, &store, &runtime, checkpoint_every, &stop))
}
