//! The cluster mode's throughput (docs/benchmarks.md, "Past one machine"):
//! the same synthetic corpus through `parallax ingest` on a store directory
//! (the embedded mode) and through a cluster on this machine (three NATS
//! servers keeping three copies of the log, PostgreSQL with `fsync` on, one
//! grouper, 1, 2 or 4 workers), timed from the start of the ingest until
//! every article is analysed; then what each stage costs an article in
//! this process (understanding, the document's encoding and decoding, its
//! size), for sizing a cluster on paper.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use parallax_model::Article;
use parallax_store::{ArticleLog, PgStore, SqliteStore, StoryViews};
use parallax_testbed::{Nats, Postgres};

pub struct Options {
    pub size: usize,
    pub seed: u64,
    pub workers: Vec<usize>,
    /// The `parallax` binary (release build).
    pub parallax: PathBuf,
}

pub fn run(o: &Options) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let corpus = dir.path().join("corpus.jsonl");
    let articles: Vec<Article> = crate::Corpus::News.articles(o.size, o.seed).collect();
    write_jsonl(&articles, &corpus)?;
    println!(
        "{} articles (synthetic news corpus, seed {}), `parallax` = {}",
        o.size,
        o.seed,
        o.parallax.display()
    );

    let data = dir.path().join("embedded");
    let start = Instant::now();
    let out = Command::new(&o.parallax)
        .args(["ingest", "--quiet", "--data"])
        .arg(&data)
        .arg(&corpus)
        .output()?;
    if !out.status.success() {
        bail!(
            "embedded ingest failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let embedded = start.elapsed();
    let sqlite = SqliteStore::open(&data)?;
    let stored = sqlite.last_seq()?;
    let stories = sqlite.count_stories()?;
    println!(
        "embedded: {:.1} s, {:.0} articles/s ({stored} stored, {stories} stories)",
        embedded.as_secs_f64(),
        stored as f64 / embedded.as_secs_f64()
    );

    println!("| workers | publish (s) | all analysed (s) | articles/s | vs embedded |");
    println!("|---:|---:|---:|---:|---:|");
    for &workers in &o.workers {
        let (publish, total, cluster_stories) = cluster(o, &corpus, workers, stored, false)?;
        if cluster_stories != stories {
            println!("(the cluster made {cluster_stories} stories, the embedded mode {stories})");
        }
        println!(
            "| {workers} | {:.1} | {:.1} | {:.0} | {:.2} |",
            publish.as_secs_f64(),
            total.as_secs_f64(),
            stored as f64 / total.as_secs_f64(),
            embedded.as_secs_f64() / total.as_secs_f64()
        );
    }
    // The grouper alone: started once the workers have filled the inbox.
    let workers = o.workers.iter().copied().max().unwrap_or(1);
    let (_, grouping, _) = cluster(o, &corpus, workers, stored, true)?;
    println!(
        "the grouper alone, its inbox full: {:.1} s, {:.0} articles/s",
        grouping.as_secs_f64(),
        stored as f64 / grouping.as_secs_f64()
    );
    stage_costs(&articles[..articles.len().min(2000)]);
    Ok(())
}

/// Ingest through a fresh cluster with `workers` workers: the ingest's
/// time, the time until `stored` articles are analysed, and the stories.
/// With `grouper_last`, the grouper starts only once the workers have
/// written every article to the inbox, and the time is its alone.
fn cluster(
    o: &Options,
    corpus: &Path,
    workers: usize,
    stored: i64,
    grouper_last: bool,
) -> anyhow::Result<(Duration, Duration, u64)> {
    let nats = Nats::start(3)?;
    let pg = Postgres::start(true)?;
    let postgres = pg.database("bench")?;
    let urls = [
        "--nats".to_string(),
        nats.url(),
        "--postgres".to_string(),
        postgres.clone(),
        "--replicas".to_string(),
        "3".to_string(),
        "--quiet".to_string(),
    ];
    // Checkpoints every quarter of the corpus, as a service writes one
    // every `checkpoint_every` articles.
    let settings = corpus.with_file_name("grouper.toml");
    std::fs::write(
        &settings,
        format!("[cluster]\ncheckpoint_every = {}\n", (o.size / 4).max(1)),
    )?;
    let role = |name: &str| -> anyhow::Result<Child> {
        let mut command = Command::new(&o.parallax);
        command.arg(name);
        if name == "group" {
            command.arg("--config").arg(&settings);
        }
        Ok(command
            .args(&urls)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?)
    };
    let mut roles = Vec::new();
    if !grouper_last {
        roles.push(role("group")?);
    }
    for _ in 0..workers {
        roles.push(role("worker")?);
    }
    let store = PgStore::connect(&postgres)?;
    let mut start = Instant::now();
    let out = Command::new(&o.parallax)
        .arg("ingest")
        .args(&urls)
        .arg(corpus)
        .output()?;
    let publish = start.elapsed();
    if !out.status.success() {
        bail!(
            "cluster ingest failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    if grouper_last {
        while store.inbox_len()? < o.size as i64 {
            std::thread::sleep(Duration::from_millis(100));
        }
        start = Instant::now();
        roles.push(role("group")?);
    }
    loop {
        let taken = store.last_seq()? >= stored || articles(&postgres)? >= stored;
        if taken && articles(&postgres)? >= stored && store.analysed_to()? >= store.last_seq()? {
            break;
        }
        if start.elapsed() > Duration::from_secs(3600) {
            bail!("not analysed after an hour");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let total = start.elapsed();
    let stories = store.count_stories()?;
    if grouper_last {
        // Failover: a new grouper carries on from the last checkpoint;
        // then, the checkpoint gone, one replays the whole log.
        for child in &mut roles[workers..] {
            let _ = child.kill();
            let _ = child.wait();
        }
        let checkpoint = store.checkpoint()?.map(|(at, state)| (at, state.len()));
        let mut standby = take_over(o, &urls[..6], &settings, corpus, "standby.log", stored)?;
        let carried_on = std::fs::read_to_string(corpus.with_file_name("standby.log"))?
            .contains("carried on from the checkpoint");
        match checkpoint {
            Some((at, bytes)) if carried_on => println!(
                "  (from the checkpoint at {at} of {stored}, {:.1} MB)",
                bytes as f64 / 1e6
            ),
            _ => println!("  (it did not carry on from a checkpoint: it replayed the whole log)"),
        }
        let _ = standby.kill();
        let _ = standby.wait();
        let mut sql = postgres::Client::connect(&postgres, postgres::NoTls)?;
        sql.execute("DELETE FROM checkpoint", &[])?;
        let standby = take_over(o, &urls[..6], &settings, corpus, "standby-2.log", stored)?;
        println!("  (no checkpoint: the whole log)");
        roles.push(standby);
        readers(o, &urls[..6])?;
    }
    for mut child in roles {
        let _ = child.kill();
        let _ = child.wait();
    }
    Ok((publish, total, stories))
}

/// A grouper started to take over: how long until it has replayed the
/// log (from the checkpoint where there is one), printed. The grouper,
/// still running.
fn take_over(
    o: &Options,
    urls: &[String],
    settings: &Path,
    corpus: &Path,
    log: &str,
    stored: i64,
) -> anyhow::Result<Child> {
    let log = corpus.with_file_name(log);
    let standby = Command::new(&o.parallax)
        .arg("group")
        .arg("--config")
        .arg(settings)
        .args(urls)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log)?)
        .spawn()?;
    let started = Instant::now();
    while !std::fs::read_to_string(&log)?.contains("replayed the log") {
        if started.elapsed() > Duration::from_secs(3600) {
            bail!("no replay after an hour");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    println!(
        "a standby taking over is ready in {:.2} s (process start included; {stored} articles in the log)",
        started.elapsed().as_secs_f64(),
    );
    Ok(standby)
}

/// A server of the cluster under wrk's load (50 connections, 10 s per
/// page, as in the service benchmark), when wrk is installed.
fn readers(o: &Options, urls: &[String]) -> anyhow::Result<()> {
    if Command::new("wrk").arg("--version").output().is_err() {
        println!("(wrk not installed: no reader load measured)");
        return Ok(());
    }
    // The planner's statistics, as autovacuum keeps them in a store that
    // has run a while (without them the story list is sorted from a full
    // scan, a tenth as fast).
    let postgres = urls
        .iter()
        .skip_while(|u| *u != "--postgres")
        .nth(1)
        .context("no --postgres")?;
    postgres::Client::connect(postgres, postgres::NoTls)?.batch_execute("ANALYZE")?;
    let port = parallax_testbed::free_port()?;
    let mut server = Command::new(&o.parallax)
        .args(["serve", "--quiet", "--listen", &format!("127.0.0.1:{port}")])
        .args(urls)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let up = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if up.elapsed() > Duration::from_secs(30) {
            bail!("the server did not start");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    println!("| page (one cluster server, PostgreSQL on the same machine) | requests/s | p99 |");
    println!("|---|---:|---:|");
    for path in ["/", "/api/v1/stories", "/search?q=council"] {
        let out = Command::new("wrk")
            .args([
                "-t2",
                "-c50",
                "-d10s",
                "--latency",
                "-H",
                "Accept-Encoding: gzip",
            ])
            .arg(format!("http://127.0.0.1:{port}{path}"))
            .output()?;
        let text = String::from_utf8_lossy(&out.stdout);
        let field = |label: &str| {
            text.lines()
                .find(|l| l.trim_start().starts_with(label))
                .and_then(|l| l.split_whitespace().nth(1))
                .unwrap_or("?")
                .to_string()
        };
        println!(
            "| `{path}` | {} | {} |",
            field("Requests/sec:"),
            field("99%")
        );
    }
    let _ = server.kill();
    let _ = server.wait();
    Ok(())
}

fn articles(postgres: &str) -> anyhow::Result<i64> {
    let mut client = postgres::Client::connect(postgres, postgres::NoTls)?;
    Ok(client
        .query_one("SELECT count(*) FROM articles", &[])?
        .get(0))
}

/// What the stages a cluster splits cost an article here, one thread.
fn stage_costs(sample: &[Article]) {
    let n = sample.len() as f64;
    let live = parallax_pipeline::Live::new();
    let preparer = live.preparer();
    let start = Instant::now();
    let docs: Vec<_> = sample
        .iter()
        .map(|a| parallax_pipeline::understand(a.clone()))
        .collect();
    let understand = start.elapsed().as_secs_f64() / n;
    let start = Instant::now();
    for doc in &docs {
        std::hint::black_box(preparer.prepare(doc));
    }
    let prepare = start.elapsed().as_secs_f64() / n;
    let start = Instant::now();
    let encoded: Vec<Vec<u8>> = docs.iter().map(parallax_pipeline::wire::encode).collect();
    let encode = start.elapsed().as_secs_f64() / n;
    let start = Instant::now();
    let decoded = encoded
        .iter()
        .filter(|b| parallax_pipeline::wire::decode(b).is_some())
        .count();
    let decode = start.elapsed().as_secs_f64() / n;
    let doc_bytes = encoded.iter().map(Vec::len).sum::<usize>() as f64 / n;
    let article_bytes = sample
        .iter()
        .map(|a| serde_json::to_vec(a).map_or(0, |v| v.len()))
        .sum::<usize>() as f64
        / n;
    println!(
        "per article, one thread, {} articles: understand {:.2} ms, prepare for grouping {:.3} ms; \
         document encode {:.3} ms, decode {:.3} ms ({decoded} read back); article {:.1} KB as JSON, \
         its document {:.1} KB",
        sample.len(),
        understand * 1e3,
        prepare * 1e3,
        encode * 1e3,
        decode * 1e3,
        article_bytes / 1024.0,
        doc_bytes / 1024.0
    );
}

fn write_jsonl(articles: &[Article], path: &Path) -> anyhow::Result<()> {
    use std::io::Write;
    let file =
        std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut writer = std::io::BufWriter::new(file);
    for article in articles {
        serde_json::to_writer(&mut writer, article)?;
        writer.write_all(b"\n")?;
    }
    writer.flush()?;
    Ok(())
}
