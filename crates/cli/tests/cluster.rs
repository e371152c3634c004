//! The cluster mode (docs/cluster.md) against real servers: three NATS
//! servers with JetStream, PostgreSQL, and the `parallax` roles as separate
//! processes, killed with SIGKILL where the test says. `scripts/cluster-test`
//! runs these (`cargo test -p parallax --test cluster -- --ignored`).

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use parallax_store::{
    ArticleLog, Found, PgStore, Rendition, Sources, SqliteStore, StoryOrder, StoryViews,
};
use parallax_testbed::{Nats, Postgres, free_ports};

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn parallax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .output()
        .expect("parallax runs")
}

/// The servers, and the roles running as processes.
struct Cluster {
    nats: Nats,
    pg: Postgres,
    postgres: String,
    dir: tempfile::TempDir,
    roles: Vec<(String, Child)>,
}

impl Cluster {
    fn start(nats_nodes: usize) -> Cluster {
        let nats = Nats::start(nats_nodes).expect("NATS starts");
        let pg = Postgres::start(false).expect("PostgreSQL starts");
        let postgres = pg.database("parallax").unwrap();
        Cluster {
            nats,
            pg,
            postgres,
            dir: tempfile::tempdir().unwrap(),
            roles: Vec::new(),
        }
    }

    fn urls(&self) -> Vec<String> {
        let replicas = self.nats.nodes.len().min(3).to_string();
        vec![
            "--nats".into(),
            self.nats.url(),
            "--postgres".into(),
            self.postgres.clone(),
            "--replicas".into(),
            replicas,
        ]
    }

    /// Start a role (`worker`, `group`, `serve --listen ...`) as `name`.
    fn spawn(&mut self, name: &str, role: &[&str]) {
        let log = fs::File::create(self.dir.path().join(format!("{name}.log"))).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_parallax"))
            .args(role)
            .args(self.urls())
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("parallax runs");
        self.roles.push((name.to_string(), child));
    }

    /// `kill -9` a role.
    fn kill(&mut self, name: &str) {
        let at = self
            .roles
            .iter()
            .position(|(n, _)| n == name)
            .expect("a role of that name");
        let (_, mut child) = self.roles.remove(at);
        child.kill().unwrap();
        child.wait().unwrap();
    }

    fn ingest(&self, path: &Path) -> Output {
        let mut args: Vec<String> = vec!["ingest".into(), "--quiet".into()];
        args.extend(self.urls());
        args.push(path.display().to_string());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        parallax(&args)
    }

    fn store(&self) -> PgStore {
        PgStore::connect(&self.postgres).unwrap()
    }

    /// Wait until the grouper has taken `positions` log positions and
    /// analysed all it took.
    fn wait_analysed(&self, store: &PgStore, positions: i64, limit: Duration) {
        let start = Instant::now();
        loop {
            let done = store.taken_to().unwrap_or(0) >= positions
                && store.analysed_to().unwrap_or(-1) >= store.last_seq().unwrap_or(i64::MAX);
            if done {
                return;
            }
            assert!(
                start.elapsed() < limit,
                "not analysed after {limit:?}: taken to {:?}, analysed to {:?}, inbox {:?}\n{}",
                store.taken_to(),
                store.analysed_to(),
                store.inbox_len(),
                self.logs()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Every role's log, for a failure message.
    fn logs(&self) -> String {
        let mut all = String::new();
        for entry in fs::read_dir(self.dir.path()).unwrap().flatten() {
            let text = fs::read_to_string(entry.path()).unwrap_or_default();
            let tail: Vec<&str> = text.lines().rev().take(15).collect();
            all.push_str(&format!("--- {}\n", entry.path().display()));
            for line in tail.into_iter().rev() {
                all.push_str(line);
                all.push('\n');
            }
        }
        all
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for (_, child) in &mut self.roles {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Every live story of a store: its summary's counts, its articles and its
/// analysis document, by story id.
fn stories<S: StoryViews>(store: &S) -> BTreeMap<i64, (u32, u32, serde_json::Value)> {
    let mut all = BTreeMap::new();
    for summary in store.stories(StoryOrder::Newest, 0, 100_000).unwrap() {
        let Some(Found::Story { rendition, .. }) =
            store.story(summary.id, Rendition::Document).unwrap()
        else {
            panic!("story {} has no document", summary.id);
        };
        let mut json = String::new();
        flate2::read::GzDecoder::new(&rendition[..])
            .read_to_string(&mut json)
            .unwrap();
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        all.insert(summary.id, (summary.articles, summary.outlets, doc));
    }
    all
}

/// The articles' stories, by article id.
fn placements<S: StoryViews + ArticleLog>(store: &S) -> BTreeMap<String, Option<i64>> {
    let mut all = BTreeMap::new();
    let mut after = 0;
    loop {
        let batch = store.after(after, 1000).unwrap();
        let Some(last) = batch.last() else { break };
        after = last.seq;
        for stored in batch {
            let story = store.story_of(&stored.article.id).unwrap();
            all.insert(stored.article.id, story);
        }
    }
    all
}

/// The embedded mode's stories of `path`.
fn embedded(path: &Path) -> (SqliteStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("store");
    let out = parallax(&[
        "ingest",
        "--quiet",
        "--data",
        data.to_str().unwrap(),
        path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (SqliteStore::open(&data).unwrap(), dir)
}

#[test]
#[ignore = "needs NATS and PostgreSQL: scripts/cluster-test"]
fn the_demo_corpus_gives_the_stories_of_the_embedded_mode() {
    let mut cluster = Cluster::start(3);
    let ports = cluster.start_roles();
    let out = cluster.ingest(&examples());
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        cluster.logs()
    );
    let store = cluster.store();
    cluster.wait_analysed(&store, 17, Duration::from_secs(60));

    let (sqlite, _dir) = embedded(&examples());
    let expected = stories(&sqlite);
    assert_eq!(expected.len(), 6, "the demo corpus has six stories");
    let got = stories(&store);
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (id, want) in &expected {
        assert_eq!(
            &got[id], want,
            "story {id} differs from the embedded mode's"
        );
    }
    assert_eq!(placements(&store), placements(&sqlite));
    // Publishing the same files again adds nothing.
    let again = cluster.ingest(&examples());
    assert!(again.status.success());
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(store.last_seq().unwrap(), 17);
    assert_eq!(stories(&store), expected);

    // Every server serves the stories; an article posted to one is in the
    // log when it answers, and shows on the other once grouped.
    for port in &ports {
        let list: serde_json::Value = ureq::get(format!("http://127.0.0.1:{port}/api/v1/stories"))
            .call()
            .unwrap()
            .body_mut()
            .read_json()
            .unwrap();
        assert_eq!(list["stories"].as_array().map(Vec::len), Some(6), "{list}");
    }
    let posted: serde_json::Value =
        ureq::post(format!("http://127.0.0.1:{}/api/v1/articles", ports[0]))
            .send_json(serde_json::json!({
                "id": "posted-ferry",
                "source": "The Harbour Herald",
                "title": "Holm ferry sails again",
                "text": "The ferry to Holm island sailed again on Saturday after the storm.",
            }))
            .unwrap()
            .body_mut()
            .read_json()
            .unwrap();
    assert_eq!(posted["results"][0]["status"], "queued", "{posted}");
    assert_eq!(posted["results"][0]["seq"], 18, "{posted}");
    cluster.wait_analysed(&store, 18, Duration::from_secs(60));
    let article: serde_json::Value = ureq::get(format!(
        "http://127.0.0.1:{}/api/v1/articles/posted-ferry",
        ports[1]
    ))
    .call()
    .unwrap()
    .body_mut()
    .read_json()
    .unwrap();
    assert_eq!(article["title"], "Holm ferry sails again", "{article}");
    assert!(article["story"].is_string(), "placed in a story: {article}");

    // An article PostgreSQL cannot store (a NUL in its outlet's name) is
    // reported and passed over; it does not hold up the ones behind it.
    let post = |id: &str, source: &str| {
        ureq::post(format!("http://127.0.0.1:{}/api/v1/articles", ports[0]))
            .send_json(serde_json::json!({
                "id": id,
                "source": source,
                "title": "Holm harbour reopens",
                "text": "The harbour at Holm reopened on Sunday after the storm passed.",
            }))
            .unwrap()
    };
    post("poisoned", "Harbour\u{0}Herald");
    post("after-the-poison", "The Harbour Herald");
    cluster.wait_analysed(&store, 20, Duration::from_secs(60));
    assert!(store.get("after-the-poison").unwrap().is_some());
    assert!(store.get("poisoned").unwrap().is_none());
}

/// A fictional corpus of `n` articles, ten per story, stories starting a
/// few hours apart, each story its own people, place and figures, as JSONL.
fn synthetic(n: usize, path: &Path) {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ra", "tu", "ve", "zo", "ni", "pe", "su", "dar", "len", "mor", "qui",
        "bel", "sta",
    ];
    let name = |i: usize, salt: usize| -> String {
        let mut k = i * 7 + salt * 131;
        let mut word = String::new();
        for _ in 0..3 {
            word.push_str(SYLLABLES[k % SYLLABLES.len()]);
            k /= SYLLABLES.len();
        }
        word.push_str(["n", "sk", "ra", "dt"][salt % 4]);
        let mut chars = word.chars();
        chars
            .next()
            .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
    };
    const OUTLETS: [&str; 10] = [
        "The Harbour Herald",
        "Northgate Ledger",
        "Eastbridge Times",
        "Meridian Post",
        "Valley Courier",
        "The Coastal Star",
        "Ridge Daily",
        "Lakeside Journal",
        "The Morning Lantern",
        "Plains Observer",
    ];
    const TOPICS: [&str; 6] = [
        "bridge",
        "harbour",
        "railway",
        "school",
        "clinic",
        "water plant",
    ];
    let mut out = fs::File::create(path).unwrap();
    for k in 0..n {
        let (story, member) = (k / 10, k % 10);
        let (person, place, body) = (name(story, 1), name(story, 2), name(story, 3));
        let topic = TOPICS[story % TOPICS.len()];
        let figure = 40 + story % 900;
        let hours = story as i64 * 3 + member as i64;
        let published =
            chrono::DateTime::<chrono::Utc>::from_timestamp(1_767_225_600 + hours * 3600, 0)
                .unwrap()
                .to_rfc3339();
        let text = format!(
            "{person}, the head of the {body} Council, said the {topic} in {place} would close \
             for {figure} days from Monday. \"We will rebuild the {topic} in {place} before the \
             winter,\" {person} told reporters in {place}. Residents of {place} have asked the \
             {body} Council for {figure} more buses while the {topic} is shut. The council \
             voted {} to {} on the plan, according to minutes seen by this newspaper.",
            5 + member % 3,
            2 + story % 3
        );
        let article = serde_json::json!({
            "id": format!("synthetic-{story}-{member}"),
            "source": OUTLETS[member],
            "title": format!("{place} {topic} to close for {figure} days"),
            "published": published,
            "text": text,
        });
        writeln!(out, "{article}").unwrap();
    }
}

/// The size of the corpus the fault tests ingest.
const N: usize = 10_000;

/// The servers' answers while a test runs: every 100 ms each server is
/// asked for its status and its newest stories.
struct Probe {
    stop: Arc<AtomicBool>,
    ok: Arc<AtomicUsize>,
    failed: Arc<AtomicUsize>,
    thread: std::thread::JoinHandle<()>,
}

impl Probe {
    fn start(ports: Vec<u16>) -> Probe {
        let (stop, ok, failed) = (
            Arc::new(AtomicBool::new(false)),
            Arc::new(AtomicUsize::new(0)),
            Arc::new(AtomicUsize::new(0)),
        );
        let thread = {
            let (stop, ok, failed) = (stop.clone(), ok.clone(), failed.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    for port in &ports {
                        for path in ["/api/v1/status", "/api/v1/stories?limit=5"] {
                            let answered = ureq::get(format!("http://127.0.0.1:{port}{path}"))
                                .call()
                                .is_ok();
                            let counter = if answered { &ok } else { &failed };
                            counter.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            })
        };
        Probe {
            stop,
            ok,
            failed,
            thread,
        }
    }

    /// Requests answered and failed.
    fn finish(self) -> (usize, usize) {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap();
        (
            self.ok.load(Ordering::Relaxed),
            self.failed.load(Ordering::Relaxed),
        )
    }
}

impl Cluster {
    /// Two groupers (one standing by), two workers, two servers; the
    /// servers' ports once they answer.
    fn start_roles(&mut self) -> Vec<u16> {
        // Checkpoints often enough that a grouper taking over mid-ingest
        // carries on from one; feeds and pages on loopback fetched.
        let settings = self.dir.path().join("settings.toml");
        fs::write(
            &settings,
            "[feeds]\nallow_networks = [\"127.0.0.1\"]\n[cluster]\ncheckpoint_every = 1000\n",
        )
        .unwrap();
        let settings = settings.display().to_string();
        self.spawn("grouper-1", &["group", "--config", &settings]);
        self.spawn("grouper-2", &["group", "--config", &settings]);
        self.spawn("worker-1", &["worker", "--config", &settings]);
        self.spawn("worker-2", &["worker", "--config", &settings]);
        let ports = free_ports(2).unwrap();
        for (i, port) in ports.iter().enumerate() {
            let listen = format!("127.0.0.1:{port}");
            self.spawn(
                &format!("server-{}", i + 1),
                &["serve", "--config", &settings, "--listen", &listen],
            );
        }
        for port in &ports {
            let start = Instant::now();
            while ureq::get(format!("http://127.0.0.1:{port}/api/v1/status"))
                .call()
                .is_err()
            {
                assert!(
                    start.elapsed() < Duration::from_secs(60),
                    "server on {port} not up\n{}",
                    self.logs()
                );
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        ports
    }

    /// The grouper role that holds the lock (the one that said so last).
    fn active_grouper(&self) -> String {
        let start = Instant::now();
        loop {
            for name in ["grouper-1", "grouper-2"] {
                let running = self.roles.iter().any(|(n, _)| n == name);
                let log = fs::read_to_string(self.dir.path().join(format!("{name}.log")))
                    .unwrap_or_default();
                if running && log.contains("this process is the grouper") {
                    return name.to_string();
                }
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "no grouper\n{}",
                self.logs()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// `parallax ingest` of `path` started, not waited for.
    fn start_ingest(&self, path: &Path) -> Child {
        Command::new(env!("CARGO_BIN_EXE_parallax"))
            .arg("ingest")
            .arg("--quiet")
            .args(self.urls())
            .arg(path)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("parallax runs")
    }

    /// Wait until the store holds `n` articles, every one analysed.
    fn wait_stored(&self, store: &PgStore, n: i64, limit: Duration) {
        let mut sql = postgres::Client::connect(&self.postgres, postgres::NoTls).unwrap();
        let start = Instant::now();
        loop {
            let count: i64 = sql
                .query_one("SELECT count(*) FROM articles", &[])
                .map(|row| row.get(0))
                .unwrap_or(0);
            let analysed =
                store.analysed_to().unwrap_or(-1) >= store.last_seq().unwrap_or(i64::MAX);
            if count >= n && analysed {
                return;
            }
            assert!(
                start.elapsed() < limit,
                "{count} of {n} articles stored, analysed to {:?} of {:?} after {limit:?}\n{}",
                store.analysed_to(),
                store.last_seq(),
                self.logs()
            );
            std::thread::sleep(Duration::from_millis(250));
            if sql.is_closed() {
                sql = postgres::Client::connect(&self.postgres, postgres::NoTls).unwrap();
            }
        }
    }
}

/// The one text column `query` gives, row by row.
fn column<C: FromIterator<String>>(sql: &mut postgres::Client, query: &str) -> C {
    sql.query(query, &[])
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect()
}

/// Every article of the synthetic corpus is in the store once, and in one
/// live story.
fn assert_stored_once_each_in_one_story(postgres: &str) {
    let mut sql = postgres::Client::connect(postgres, postgres::NoTls).unwrap();
    let row = sql
        .query_one(
            "SELECT count(*), count(DISTINCT id), count(DISTINCT body_key) FROM articles",
            &[],
        )
        .unwrap();
    let counts: (i64, i64, i64) = (row.get(0), row.get(1), row.get(2));
    assert_eq!(
        counts,
        (N as i64, N as i64, N as i64),
        "articles, distinct ids, distinct texts"
    );
    let expected: std::collections::BTreeSet<String> = (0..N)
        .map(|k| format!("synthetic-{}-{}", k / 10, k % 10))
        .collect();
    let ids: std::collections::BTreeSet<String> = column(&mut sql, "SELECT id FROM articles");
    assert_eq!(ids, expected);
    let placed: i64 = sql
        .query_one(
            "SELECT count(*) FROM articles a
             JOIN article_story p ON p.article = a.id
             JOIN stories s ON s.id = p.story AND s.merged_into IS NULL",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(placed, N as i64, "each article in one live story");
}

/// Ingest the synthetic corpus with the whole cluster running, `fault`
/// striking once the workers are under way, and check what was stored.
/// The cluster, still running.
fn survives(what: &str, fault: impl FnOnce(&mut Cluster)) -> Cluster {
    let mut cluster = Cluster::start(3);
    let corpus = cluster.dir.path().join("corpus.jsonl");
    synthetic(N, &corpus);
    let ports = cluster.start_roles();
    let store = cluster.store();
    let probe = Probe::start(ports);
    let ingest = cluster.start_ingest(&corpus);
    // Under way: the first articles analysed.
    let start = Instant::now();
    while store.analysed_to().unwrap_or(0) < 200 {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "nothing analysed\n{}",
            cluster.logs()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    fault(&mut cluster);
    let out = ingest.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "ingest: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        cluster.logs()
    );
    cluster.wait_stored(&store, N as i64, Duration::from_secs(600));
    let (ok, failed) = probe.finish();
    eprintln!("{what}: the servers answered {ok} requests and failed {failed}");
    assert_stored_once_each_in_one_story(&cluster.postgres);
    assert!(
        ok > failed,
        "{what}: the servers answered {ok} and failed {failed}"
    );
    cluster
}

#[test]
#[ignore = "needs NATS and PostgreSQL: scripts/cluster-test"]
fn a_worker_killed_mid_ingest_loses_and_repeats_nothing() {
    survives("kill -9 a worker", |cluster| cluster.kill("worker-1"));
}

#[test]
#[ignore = "needs NATS and PostgreSQL: scripts/cluster-test"]
fn the_standby_takes_over_from_a_killed_grouper() {
    let cluster = survives("kill -9 the grouper", |cluster| {
        let active = cluster.active_grouper();
        let store = cluster.store();
        let start = Instant::now();
        while store.checkpoint().unwrap().is_none() {
            assert!(
                start.elapsed() < Duration::from_secs(300),
                "no checkpoint\n{}",
                cluster.logs()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        cluster.kill(&active);
        let standby = cluster.active_grouper();
        assert_ne!(standby, active);
    });
    // The standby carried on from the checkpoint, to the embedded mode's
    // stories.
    let carried_on = ["grouper-1", "grouper-2"].iter().any(|name| {
        fs::read_to_string(cluster.dir.path().join(format!("{name}.log")))
            .unwrap_or_default()
            .contains("carried on from the checkpoint")
    });
    assert!(carried_on, "{}", cluster.logs());
    let (sqlite, _dir) = embedded(&cluster.dir.path().join("corpus.jsonl"));
    let store = cluster.store();
    assert_eq!(stories(&store), stories(&sqlite));
    assert_eq!(placements(&store), placements(&sqlite));
}

#[test]
#[ignore = "needs NATS and PostgreSQL: scripts/cluster-test"]
fn the_log_survives_a_killed_nats_server() {
    survives("kill -9 one of three NATS servers", |cluster| {
        cluster.nats.nodes[0].kill().unwrap();
    });
}

#[test]
#[ignore = "needs NATS and PostgreSQL: scripts/cluster-test"]
fn the_cluster_rides_out_a_postgres_restart() {
    survives("restart PostgreSQL", |cluster| {
        cluster.pg.restart().unwrap()
    });
}

/// The whole of a role's log.
fn role_log(cluster: &Cluster, name: &str) -> String {
    fs::read_to_string(cluster.dir.path().join(format!("{name}.log"))).unwrap_or_default()
}

#[test]
#[ignore = "needs NATS and PostgreSQL: scripts/cluster-test"]
fn a_feeds_pages_are_fetched_by_the_workers() {
    let mut articles = parallax_read::read_paths(&[examples()]).articles;
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    // One page the site has lost.
    let lost = articles[0].id.clone();
    let (sites, _sites) = parallax_testbed::start_sites(articles.clone(), &[&lost]);
    let mut cluster = Cluster::start(1);
    let ports = cluster.start_roles();
    let added = ureq::post(format!("http://127.0.0.1:{}/api/v1/sources", ports[0]))
        .send_json(serde_json::json!({ "url": format!("{sites}/feeds/0.xml") }))
        .unwrap();
    assert_eq!(added.status(), 201);
    let store = cluster.store();
    let n = articles.len() as i64 - 1;
    let start = Instant::now();
    // One log position per feed item, the lost page's refused.
    while !(store.taken_to().unwrap_or(0) > n
        && store.analysed_to().unwrap_or(-1) >= store.last_seq().unwrap_or(i64::MAX))
    {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the feed's pages were not all taken\n{}",
            cluster.logs()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // Every page but the lost one, once each, as fetched from its page.
    let mut sql = postgres::Client::connect(&cluster.postgres, postgres::NoTls).unwrap();
    let urls: Vec<String> = column(&mut sql, "SELECT url FROM articles ORDER BY url");
    assert_eq!(urls.len() as i64, n, "{urls:?}");
    assert!(
        urls.iter()
            .all(|u| u.starts_with(&format!("{sites}/pages/")))
    );
    assert!(!urls.iter().any(|u| u.contains(&lost)));
    // The workers fetched the pages, not the server that polled the feed:
    // the lost one was refused by a worker, which had its feed's next poll
    // take it again.
    let workers = role_log(&cluster, "worker-1") + &role_log(&cluster, "worker-2");
    assert!(workers.contains("page not fetched"), "{workers}");
    assert!(workers.contains(&format!("{lost}.html")), "{workers}");
    assert!(workers.contains("HTTP 404"), "{workers}");
    let retried: Vec<String> = column(&mut sql, "SELECT item FROM feed_retries");
    assert_eq!(
        retried,
        std::slice::from_ref(&lost),
        "the lost page is taken again at the next poll"
    );
    let source = store.sources().unwrap()[0].id;
    let items: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
    assert_eq!(store.unseen_items(source, &items).unwrap(), [lost]);
    let servers = role_log(&cluster, "server-1") + &role_log(&cluster, "server-2");
    assert!(servers.contains("queued="), "{servers}");
    assert!(!servers.contains("item skipped"), "{servers}");
}

#[test]
#[ignore = "needs NATS and PostgreSQL: scripts/cluster-test"]
fn a_large_corpus_gives_the_stories_of_the_embedded_mode() {
    let mut cluster = Cluster::start(3);
    let corpus = cluster.dir.path().join("corpus.jsonl");
    synthetic(N, &corpus);
    cluster.start_roles();
    let out = cluster.ingest(&corpus);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = cluster.store();
    cluster.wait_stored(&store, N as i64, Duration::from_secs(600));
    let (sqlite, _dir) = embedded(&corpus);
    let expected = stories(&sqlite);
    assert!(expected.len() >= N / 20, "{} stories", expected.len());
    let got = stories(&store);
    assert_eq!(got.len(), expected.len(), "{}", cluster.logs());
    for (id, want) in &expected {
        assert_eq!(
            got.get(id),
            Some(want),
            "story {id} differs from the embedded mode's"
        );
    }
    assert_eq!(placements(&store), placements(&sqlite));
}
