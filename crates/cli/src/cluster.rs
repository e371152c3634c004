//! The roles of a cluster (docs/cluster.md): `worker`, `group`, `serve` and
//! `ingest` with `--nats` and `--postgres`.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;
use clap::Args;
use parallax_cluster::log::Item;
use parallax_cluster::{ClusterStore, Log, grouper, worker};
use parallax_server::ClusterConfig;
use parallax_server::poller::Fetcher;
use parallax_store::PgStore;

/// Where a cluster's log and store are.
#[derive(Args, Debug, Clone, Default)]
pub struct ClusterArgs {
    /// The cluster's NATS servers (`nats://host:4222`, several separated by
    /// commas).
    #[arg(long, env = "PARALLAX_NATS")]
    nats: Option<String>,
    /// The cluster's PostgreSQL database (`postgresql://user@host/db`).
    #[arg(long, env = "PARALLAX_POSTGRES", hide_env_values = true)]
    postgres: Option<String>,
    /// Copies of the log JetStream keeps, when the log is created (3 on
    /// three NATS servers survives the loss of one) [default: 1].
    #[arg(long, env = "PARALLAX_REPLICAS")]
    replicas: Option<usize>,
}

impl ClusterArgs {
    /// The settings file's cluster section (if a file is given), flags
    /// winning over it.
    pub fn settings(&self, file: Option<&Path>) -> anyhow::Result<ClusterConfig> {
        Ok(self.config(file)?.cluster)
    }

    /// The whole settings file (if one is given), flags winning over its
    /// cluster section.
    pub fn config(&self, file: Option<&Path>) -> anyhow::Result<parallax_server::Config> {
        let mut config = match file {
            Some(path) => parallax_server::Config::load(path)?,
            None => parallax_server::Config::default(),
        };
        self.apply(&mut config.cluster);
        Ok(config)
    }

    /// Flags win over the settings file.
    pub fn apply(&self, config: &mut ClusterConfig) {
        config.nats = self.nats.clone().or(config.nats.take());
        config.postgres = self.postgres.clone().or(config.postgres.take());
        config.replicas = self.replicas.unwrap_or(config.replicas);
    }
}

/// Both URLs, for a role that needs them.
fn required(config: &ClusterConfig) -> anyhow::Result<(&str, &str)> {
    config.urls()?.context(
        "a cluster role needs --nats and --postgres (or PARALLAX_NATS and PARALLAX_POSTGRES, \
         or [cluster] in --config)",
    )
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Runtime::new().context("cannot start the async runtime")
}

/// The cluster's store. Connected, and dropped, outside the async runtime:
/// the PostgreSQL client blocks while it opens and closes.
fn store(postgres: &str) -> anyhow::Result<Arc<PgStore>> {
    Ok(Arc::new(PgStore::connect(postgres)?))
}

/// A flag set on Ctrl-C.
fn stop_on_ctrl_c() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            flag.store(true, Ordering::Relaxed);
        }
    });
    stop
}

/// Run a role that works on the cluster's log and store until it ends.
/// The store is connected, and dropped, outside the async runtime: see
/// [`store`].
fn run_role<Role, Done>(config: &ClusterConfig, role: Role) -> anyhow::Result<ExitCode>
where
    Role: FnOnce(Log, Arc<PgStore>) -> Done,
    Done: Future<Output = anyhow::Result<()>>,
{
    let (nats, postgres) = required(config)?;
    let store = store(postgres)?;
    let runtime = runtime()?;
    let result = runtime.block_on(async {
        let log = Log::connect(nats, config.replicas).await?;
        role(log, store.clone()).await
    });
    drop(runtime);
    result?;
    Ok(ExitCode::SUCCESS)
}

/// `parallax worker`: its log and store from `[cluster]`, how it fetches
/// pages from `[feeds]`.
pub fn worker(config: &parallax_server::Config) -> anyhow::Result<ExitCode> {
    let fetcher = Fetcher::new(&config.feeds);
    run_role(&config.cluster, |log, store| async move {
        tracing::info!("working");
        worker::run(log, store, fetcher, stop_on_ctrl_c()).await
    })
}

pub fn group(config: &ClusterConfig) -> anyhow::Result<ExitCode> {
    let checkpoint_every = config.checkpoint_every;
    run_role(config, |log, store| async move {
        let grouper = grouper::spawn(log, store, checkpoint_every, stop_on_ctrl_c())?;
        tokio::task::spawn_blocking(move || grouper.join())
            .await?
            .map_err(|_| anyhow::anyhow!("the grouper panicked"))
    })
}

pub fn serve(config: &parallax_server::Config, nats: &str, postgres: &str) -> anyhow::Result<()> {
    let listen = config.listen.as_str();
    let pg = PgStore::connect(postgres)?;
    let runtime = runtime()?;
    let log = runtime.block_on(Log::connect(nats, config.cluster.replicas))?;
    let store = Arc::new(ClusterStore::new(pg, log, runtime.handle().clone()));
    let result = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("cannot listen on {listen}"))?;
        tracing::info!(address = %listener.local_addr()?, "serving a cluster");
        parallax_cluster::serve(config, store.clone(), listener, async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await
    });
    // Before the store: see `store`.
    drop(runtime);
    result?;
    Ok(())
}

/// Publish the articles of `paths` to the cluster's log, in arrival order;
/// return once the log has acknowledged every one.
pub fn ingest(
    nats: &str,
    postgres: &str,
    replicas: usize,
    paths: &[PathBuf],
    quiet: bool,
) -> anyhow::Result<ExitCode> {
    let mut batch = parallax_read::read_paths(paths);
    crate::print_warnings(&batch);
    parallax_pipeline::arrival_order(&mut batch.articles);
    let bar = crate::ingest::progress(batch.articles.len(), "publishing", quiet);
    let (mut queued, mut failed) = (0usize, 0usize);
    // The store is not written here, but connecting to it checks its URL
    // (and readies its schema) now rather than in the workers.
    let _store = store(postgres)?;
    let runtime = runtime()?;
    runtime.block_on(async {
        let log = Log::connect(nats, replicas).await?;
        for chunk in batch.articles.chunks(1000) {
            let items: Vec<Item<'_>> = chunk.iter().map(Item::Article).collect();
            for (article, result) in chunk
                .iter()
                .zip(log.publish(&items, parallax_cluster::log::PATIENCE).await)
            {
                match result {
                    Ok(_) => queued += 1,
                    Err(err) => {
                        failed += 1;
                        eprintln!("parallax: error: article {}: {err:#}", article.id);
                    }
                }
            }
            bar.inc(chunk.len() as u64);
        }
        anyhow::Ok(())
    })?;
    bar.finish_and_clear();
    if !quiet {
        eprintln!(
            "parallax: {queued} articles in the cluster's log; the grouper places them shortly"
        );
    }
    if failed > 0 {
        anyhow::bail!("{failed} articles were not accepted by the log");
    }
    Ok(crate::exit_status(&batch))
}
