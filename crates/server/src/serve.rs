//! `parallax serve`: the web server and the analyser over one store directory.

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, sync_channel};
use std::time::Duration;

use anyhow::Context;
use parallax_store::SqliteStore;

use crate::Config;
use crate::analyser::Analyser;
use crate::http::{AppState, Backend, router, store_slots};
use crate::poller::{FeedStore, Poller};

/// How often the poller looks for feeds that are due.
const FEED_TICK: Duration = Duration::from_secs(5);

/// How often the analyser looks for articles appended by other processes
/// (`parallax ingest`) when nothing wakes it.
const POLL: Duration = Duration::from_secs(1);

/// Serve as configured until Ctrl-C.
pub fn serve(config: &Config) -> anyhow::Result<()> {
    let listen = config.listen.as_str();
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        // A host name is resolved here (`localhost:8080`).
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("cannot listen on {listen}"))?;
        tracing::info!(address = %listener.local_addr()?, data = %config.data.display(), "serving");
        serve_until(config, listener, async {
            // If the signal cannot be installed, serve until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await
    })
}

/// Serve as configured, on an open listener, until `shutdown` completes.
pub async fn serve_until(
    config: &Config,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let data = config.data.as_path();
    let store = Arc::new(SqliteStore::open(data)?);
    let (wake, woken) = sync_channel::<()>(1);
    let analyser = {
        let store = store.clone();
        let dir = data.to_path_buf();
        std::thread::Builder::new()
            .name("analyser".into())
            .spawn(move || analyse(&dir, store.as_ref(), &woken))
            .context("cannot start the analyser thread")?
    };
    let appended = Arc::new(move || {
        // A full channel already holds a wake-up: nothing to add.
        let _ = wake.try_send(());
    });
    serve_store(config, store, appended, listener, shutdown).await?;
    // The router (and with it the sender) is gone: the analyser sees the
    // channel close and stops after its current batch.
    if tokio::task::spawn_blocking(move || analyser.join())
        .await
        .map_or(true, |joined| joined.is_err())
    {
        tracing::error!("the analyser panicked");
    }
    Ok(())
}

/// The pages, the API and the feed poller over `store`, whatever analyses
/// it (the analyser thread of [`serve_until`], or a cluster's grouper);
/// `appended` is called after articles were appended. Until `shutdown`.
pub async fn serve_store<S: Backend + FeedStore>(
    config: &Config,
    store: Arc<S>,
    appended: Arc<dyn Fn() + Send + Sync>,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let (stop_polling, stopped) = sync_channel::<()>(1);
    let poller = {
        let store = store.clone();
        let poller = Poller::new(&config.feeds);
        std::thread::Builder::new()
            .name("poller".into())
            .spawn(move || poll(&poller, store.as_ref(), &stopped))
            .context("cannot start the feed poller")?
    };
    let state = AppState {
        store: store as Arc<dyn Backend>,
        default_every_minutes: config.feeds.every_minutes,
        appended,
        searches: Arc::default(),
        store_slots: store_slots(),
        write_token: config.write_token(listener.local_addr()?)?.map(Arc::from),
    };
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .context("server failed")?;
    drop(stop_polling);
    if tokio::task::spawn_blocking(move || poller.join())
        .await
        .map_or(true, |joined| joined.is_err())
    {
        tracing::error!("the feed poller panicked");
    }
    Ok(())
}

/// The analyser loop: become the store's analyser (waiting while an
/// `ingest` holds the role), then analyse whatever is appended. A failure
/// (a save that did not happen) starts the analyser again from what the
/// store holds, as the cluster's grouper does: its stories in memory would
/// otherwise be ahead of the views saved.
fn analyse(dir: &Path, store: &SqliteStore, woken: &Receiver<()>) {
    let mut failures = 0;
    while let Some(mut analyser) = start_analyser(dir, store, woken) {
        loop {
            if let Err(err) = analyser.catch_up() {
                // A fault that lasts (a full disk) is not met with a replay
                // every second.
                failures += 1;
                let wait = POLL * 2u32.pow(failures.min(6));
                tracing::error!(%err, ?wait, "analysis failed; starting again from the store");
                if !rest(woken, wait) {
                    return;
                }
                break;
            }
            failures = 0;
            if let Err(err) = analyser.tidy() {
                tracing::warn!(%err, "tidying the search indexes failed");
            }
            if let Err(RecvTimeoutError::Disconnected) = woken.recv_timeout(POLL) {
                return;
            }
        }
    }
}

/// Wait `time`, whatever wakes the analyser meanwhile; `false` once the
/// server stops.
fn rest(woken: &Receiver<()>, time: Duration) -> bool {
    let until = std::time::Instant::now() + time;
    loop {
        let left = until.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return true;
        }
        if let Err(RecvTimeoutError::Disconnected) = woken.recv_timeout(left) {
            return false;
        }
    }
}

/// Become the store's analyser, waiting while another process is; `None`
/// once the server stops.
fn start_analyser<'s>(
    dir: &Path,
    store: &'s SqliteStore,
    woken: &Receiver<()>,
) -> Option<Analyser<'s, SqliteStore>> {
    loop {
        match Analyser::start(dir, store) {
            Ok(Some(analyser)) => return Some(analyser),
            Ok(None) => tracing::info!("another process analyses this store; waiting"),
            Err(err) => tracing::error!(%err, "cannot start the analyser"),
        }
        if let Err(RecvTimeoutError::Disconnected) = woken.recv_timeout(POLL * 2) {
            return None;
        }
    }
}

/// The poller loop: poll the feeds that are due, until the server stops.
/// New articles reach the analyser through the log (it looks every second).
fn poll<S: FeedStore + Sync + ?Sized>(poller: &Poller, store: &S, stopped: &Receiver<()>) {
    loop {
        if let Err(err) = poller.poll_due(store, chrono::Utc::now()) {
            tracing::error!(%err, "polling failed; retrying");
        }
        if let Err(RecvTimeoutError::Disconnected) = stopped.recv_timeout(FEED_TICK) {
            return;
        }
    }
}
