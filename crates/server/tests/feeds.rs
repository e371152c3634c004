//! The service following a feed: a local HTTP server serves the demo corpus
//! as an RSS feed (an aggregator's, items from every outlet) plus a page per
//! article; Parallax, started on a loopback port, follows the feed through
//! its API, fetches and extracts every page, and the stories come out as
//! `analyze` finds them.

mod common;

use std::time::{Duration, Instant};

use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use common::demo_corpus;
use parallax_pipeline::analyze;
use parallax_store::{ArticleLog, Sources};
use parallax_testbed::{escape_xml, start_sites};
use serde_json::{Value, json};

#[test]
fn followed_feeds_become_the_right_stories() {
    let articles = demo_corpus();
    let (sites, _sites_thread) = start_sites(articles.clone(), &[]);

    let dir = tempfile::tempdir().unwrap();
    let mut config = parallax_server::Config {
        data: dir.path().to_path_buf(),
        ..parallax_server::Config::default()
    };
    // The sites are on loopback, which is never fetched unless allowed.
    config.feeds.allow_networks = vec!["127.0.0.1".parse().unwrap()];
    let (ready, address) = std::sync::mpsc::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || {
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                ready.send(listener.local_addr().unwrap()).unwrap();
                parallax_server::serve_until(&config, listener, async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
            });
    });
    let base = format!("http://{}", address.recv().unwrap());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let body = json!({ "url": format!("{sites}/feeds/0.xml") }).to_string();
    let status = agent
        .post(&format!("{base}/api/v1/sources"))
        .header("content-type", "application/json")
        .send(body)
        .unwrap()
        .status();
    assert_eq!(status, 201);

    let get = |path: &str| -> Value {
        let mut r = agent.get(&format!("{base}{path}")).call().unwrap();
        serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap()
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    let stories = loop {
        let stories = get("/api/v1/stories?limit=100")["stories"]
            .as_array()
            .unwrap()
            .clone();
        let placed: u64 = stories
            .iter()
            .map(|s| s["articles"].as_u64().unwrap())
            .sum();
        if placed as usize == articles.len() {
            break stories;
        }
        assert!(
            Instant::now() < deadline,
            "{placed} of {} articles placed; stored: {}; sources: {}",
            articles.len(),
            get("/api/v1/articles?limit=100")["articles"],
            get("/api/v1/sources")
        );
        std::thread::sleep(Duration::from_millis(200));
    };

    // The source was polled without error and named by its feed.
    let source = &get("/api/v1/sources")["sources"][0];
    assert_eq!(source["failures"], 0, "{source}");
    assert_eq!(source["title"], "Newsdesk");
    // The tracking parameter of the feed links did not make new articles.
    let stored = get("/api/v1/articles?limit=100")["articles"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(stored.len(), articles.len());

    // The same partition as `analyze` on the files, by headline and outlet.
    let key = |title: &str, outlet: &str| format!("{outlet}: {title}");
    let mut expected: Vec<Vec<String>> = analyze(articles.clone())
        .stories
        .iter()
        .map(|s| {
            let mut k: Vec<String> = s
                .articles
                .iter()
                .map(|id| {
                    let a = articles.iter().find(|a| &a.id == id).unwrap();
                    key(&a.title, a.outlet())
                })
                .collect();
            k.sort();
            k
        })
        .collect();
    expected.sort();
    let mut served: Vec<Vec<String>> = stories
        .iter()
        .map(|s| {
            let detail = get(s["href"].as_str().unwrap());
            let mut k: Vec<String> = detail["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| key(a["title"].as_str().unwrap(), a["source"].as_str().unwrap()))
                .collect();
            k.sort();
            k
        })
        .collect();
    served.sort();
    assert_eq!(served, expected);

    let _ = stop.send(());
    server.join().unwrap();
}

/// Serve every request on `listener` with `respond(path)`, counting them.
fn serve_recording(
    listener: std::net::TcpListener,
    respond: impl Fn(&str) -> axum::response::Response + Clone + Send + Sync + 'static,
) -> std::sync::Arc<std::sync::atomic::AtomicUsize> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let hits = std::sync::Arc::new(AtomicUsize::new(0));
    let counted = hits.clone();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let app = axum::Router::new().fallback(move |uri: axum::http::Uri| {
                    counted.fetch_add(1, Ordering::SeqCst);
                    let response = respond(uri.path());
                    async move { response }
                });
                axum::serve(listener, app).await.unwrap();
            });
    });
    hits
}

#[test]
fn feed_links_to_private_addresses_are_never_fetched() {
    use std::sync::atomic::Ordering;
    // Inside: a loopback admin page holding a secret, which must never be asked;
    // outside: the feed's own site, on another loopback address the operator
    // allows, whose feed links to the inside in every spelling and redirects
    // there once.
    let inside = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let outside = std::net::TcpListener::bind("127.0.0.2:0").unwrap();
    let port = inside.local_addr().unwrap().port();
    let site = format!("http://{}", outside.local_addr().unwrap());
    let inside_hits = serve_recording(inside, |_| {
        "<html><body><article><p>The admin token is s3cr3t-admin-token, and every \
         record was deleted on request.</p></article></body></html>"
            .into_response()
    });
    let links = [
        format!("http://127.0.0.1:{port}/admin/delete?all=1"),
        format!("http://localhost:{port}/admin"),
        format!("http://[::ffff:127.0.0.1]:{port}/admin"),
        format!("http://0x7f000001:{port}/admin"),
        format!("http://2130706433:{port}/admin"),
        "http://169.254.169.254/latest/meta-data/".to_string(),
        "http://[::ffff:169.254.169.254]/latest/meta-data/".to_string(),
        "file:///etc/passwd".to_string(),
        format!("{site}/redirect"),
        format!("{site}/story.html"),
    ];
    let items: String = links
        .iter()
        .enumerate()
        .map(|(i, link)| {
            format!(
                "<item><title>Item {i}</title><link>{}</link><guid>item-{i}</guid></item>",
                escape_xml(link)
            )
        })
        .collect();
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Outside</title>{items}</channel></rss>"
    );
    serve_recording(outside, move |path| {
        match path {
        "/feed.xml" => ([(header::CONTENT_TYPE, "application/rss+xml")], feed.clone()).into_response(),
        "/redirect" => (
            StatusCode::FOUND,
            [(header::LOCATION, format!("http://127.0.0.1:{port}/secret"))],
        )
            .into_response(),
        _ => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<html><body><article><h1>Ferry back</h1><p>The island ferry runs again from Monday, \
             the harbour office said on Friday after six weeks of repairs.</p></article></body></html>",
        )
            .into_response(),
    }
    });

    let dir = tempfile::tempdir().unwrap();
    let store = parallax_store::SqliteStore::open(dir.path()).unwrap();
    let source = store
        .add_source(&format!("{site}/feed.xml"), None, 300)
        .unwrap();
    let feeds = parallax_server::FeedsConfig {
        allow_networks: vec!["127.0.0.2".parse().unwrap()],
        timeout_seconds: 5,
        ..parallax_server::FeedsConfig::default()
    };
    let report = parallax_server::poller::Poller::new(&feeds)
        .poll(&store, &source, chrono::Utc::now())
        .unwrap();

    assert_eq!(
        inside_hits.load(Ordering::SeqCst),
        0,
        "the inside was asked"
    );
    assert_eq!(report.new_articles, 1, "{report:?}");
    assert_eq!(report.failed_items, links.len() - 1, "{report:?}");
    let stored = store.after(0, 100).unwrap();
    assert_eq!(stored.len(), 1);
    assert!(stored[0].article.text.contains("island ferry"));

    // Without the allowance the feed itself is not fetched, and the source says why.
    let again = store
        .add_source(&format!("{site}/feed.xml?again"), None, 300)
        .unwrap();
    parallax_server::poller::Poller::new(&parallax_server::FeedsConfig::default())
        .poll(&store, &again, chrono::Utc::now())
        .unwrap();
    let error = store
        .sources()
        .unwrap()
        .into_iter()
        .find(|s| s.id == again.id)
        .and_then(|s| s.last_error)
        .unwrap();
    assert!(error.contains("127.0.0.2, not a public address"), "{error}");
}

#[test]
fn a_feeds_articles_are_stored_as_their_pages_arrive() {
    use std::sync::mpsc;
    use std::sync::{Arc, Mutex};
    let outside = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let site = format!("http://{}", outside.local_addr().unwrap());
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Slow</title>\
         <item><title>First</title><link>{site}/first.html</link><guid>1</guid><pubDate>Mon, 02 Nov 2026 08:00:00 GMT</pubDate></item>\
         <item><title>Second</title><link>{site}/second.html</link><guid>2</guid><pubDate>Mon, 02 Nov 2026 09:00:00 GMT</pubDate></item>\
         </channel></rss>"
    );
    // The second page is held back until the test has seen the first article
    // in the store (or 20 s pass, when the test then fails).
    let (release, released) = mpsc::channel::<()>();
    let released = Arc::new(Mutex::new(released));
    serve_recording(outside, move |path| {
        let page = |text: &str| {
            (
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                format!("<html><body><article><h1>{text}</h1><p>{text}: the island ferry runs again from Monday, the harbour office said.</p></article></body></html>"),
            )
                .into_response()
        };
        match path {
            "/feed.xml" => feed.clone().into_response(),
            "/second.html" => {
                let _ = released
                    .lock()
                    .unwrap()
                    .recv_timeout(Duration::from_secs(20));
                page("Second")
            }
            _ => page("First"),
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let store = std::sync::Arc::new(parallax_store::SqliteStore::open(dir.path()).unwrap());
    let source = store
        .add_source(&format!("{site}/feed.xml"), None, 300)
        .unwrap();
    let feeds = parallax_server::FeedsConfig {
        allow_networks: vec!["127.0.0.1".parse().unwrap()],
        timeout_seconds: 30,
        ..parallax_server::FeedsConfig::default()
    };
    let polling = {
        let store = store.clone();
        std::thread::spawn(move || {
            parallax_server::poller::Poller::new(&feeds)
                .poll(store.as_ref(), &source, chrono::Utc::now())
                .unwrap()
        })
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while store.after(0, 10).unwrap().is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let stored_early = store.after(0, 10).unwrap().len();
    release.send(()).unwrap();
    let report = polling.join().unwrap();
    assert_eq!(
        stored_early, 1,
        "the first article waited for the second page"
    );
    assert_eq!(report.new_articles, 2);
}
