//! The server, started on a loopback port, through HTTP: articles posted to
//! the API come out as the right stories, and hostile content stays text.

mod common;

use std::io::{Read, Write};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use common::demo_corpus;
use parallax_model::Article;
use parallax_pipeline::analyze;
use serde_json::{Value, json};

/// A server on a free loopback port over a fresh store, stopped on drop.
struct Server {
    base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    _dir: tempfile::TempDir,
    agent: ureq::Agent,
}

impl Server {
    fn start() -> Server {
        Server::start_with(None)
    }

    /// A server whose writes need `token`.
    fn start_with(token: Option<&str>) -> Server {
        let token = token.map(str::to_string);
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().to_path_buf();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, address) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                ready.send(listener.local_addr().unwrap()).unwrap();
                let config = parallax_server::Config {
                    data,
                    token,
                    ..parallax_server::Config::default()
                };
                parallax_server::serve_until(&config, listener, async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
            });
        });
        let address = address.recv().unwrap();
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .build();
        Server {
            base: format!("http://{address}"),
            stop: Some(stop),
            thread: Some(thread),
            _dir: dir,
            agent: ureq::Agent::new_with_config(config),
        }
    }

    /// Status, headers and body of a GET.
    fn get(&self, path: &str) -> (u16, ureq::http::HeaderMap, String) {
        let mut response = self
            .agent
            .get(&format!("{}{path}", self.base))
            .call()
            .unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        (
            status,
            headers,
            response.body_mut().read_to_string().unwrap(),
        )
    }

    /// Head and body of a GET with this `Accept-Encoding`, over a plain
    /// socket so that nothing decodes the body's content encoding on the way
    /// (a chunked transfer is undone).
    fn get_encoded(&self, path: &str, accept_encoding: &str) -> (String, Vec<u8>) {
        let address = self.base.trim_start_matches("http://");
        let mut socket = std::net::TcpStream::connect(address).unwrap();
        write!(
            socket,
            "GET {path} HTTP/1.1\r\nHost: {address}\r\nAccept-Encoding: {accept_encoding}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        socket.read_to_end(&mut response).unwrap();
        let end = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&response[..end]).to_ascii_lowercase();
        let mut body = response[end + 4..].to_vec();
        if head.contains("transfer-encoding: chunked") {
            body = dechunk(&body);
        }
        (head, body)
    }

    fn get_json(&self, path: &str) -> Value {
        let (status, _, body) = self.get(path);
        assert_eq!(status, 200, "{path}: {body}");
        serde_json::from_str(&body).unwrap()
    }

    fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        let mut response = self
            .agent
            .post(&format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .send(body.to_string())
            .unwrap();
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Wait (bounded) until the analyser has placed `n` articles in stories.
    fn wait_for_analysis(&self, n: usize) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let stories = self.get_json("/api/v1/stories?limit=1000")["stories"]
                .as_array()
                .unwrap()
                .clone();
            let placed: u64 = stories
                .iter()
                .map(|s| s["articles"].as_u64().unwrap())
                .sum();
            if placed as usize == n {
                return stories;
            }
            assert!(
                Instant::now() < deadline,
                "only {placed} of {n} articles analysed"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A chunked HTTP body, joined.
fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..line]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[line + 2..line + 2 + size]);
        data = &data[line + 2 + size + 2..];
    }
}

fn posted(article: &Article) -> Value {
    json!({
        "id": article.id, "source": article.source, "url": article.url, "title": article.title,
        "published": article.published, "language": article.language, "text": article.text,
    })
}

#[test]
fn posted_articles_become_the_right_stories() {
    let server = Server::start();
    let articles = demo_corpus();
    let body = Value::Array(articles.iter().map(posted).collect());
    let (status, answer) = server.post("/api/v1/articles", &body);
    assert_eq!(status, 200);
    let results = answer["results"].as_array().unwrap();
    assert_eq!(results.len(), articles.len());
    assert!(results.iter().all(|r| r["status"] == "new"));

    // The same articles again are duplicates, not new coverage.
    let (_, again) = server.post("/api/v1/articles", &posted(&articles[0]));
    assert_eq!(again["results"][0]["status"], "duplicate");
    assert_eq!(again["results"][0]["seq"], results[0]["seq"]);

    let stories = server.wait_for_analysis(articles.len());
    let status = server.get_json("/api/v1/status");
    assert_eq!(status["articles"], articles.len());
    assert_eq!(status["analysed"], articles.len());
    assert_eq!(status["stories"], stories.len());
    let mut expected: Vec<Vec<String>> = analyze(articles.clone())
        .stories
        .into_iter()
        .map(|s| s.articles)
        .collect();
    expected.sort();
    let mut served: Vec<Vec<String>> = stories
        .iter()
        .map(|s| {
            let detail = server.get_json(s["href"].as_str().unwrap());
            assert_eq!(detail["schema"], "parallax.analysis/1");
            detail["stories"][0]["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    served.sort();
    assert_eq!(served, expected);

    // The story of the call: four independent outlets; its page shows it.
    let call = stories
        .iter()
        .find(|s| s["outlets"] == 4)
        .expect("the phone-call story");
    let (status, _, page) = server.get(call["page"].as_str().unwrap());
    assert_eq!(status, 200);
    assert!(page.contains("Sokolovsk"));
    assert!(page.contains("href=\"/\""));
    // Pictures with words: the timeline and what each outlet carries.
    assert!(page.contains("<svg class=\"timeline\""), "no timeline");
    assert!(page.contains("Timeline of the coverage. First report"));
    assert!(page.contains("<caption>What each article carries</caption>"));
    // And on the list, every dated story's spread, described.
    let (_, _, list) = server.get("/");
    assert_eq!(
        list.matches("<svg class=\"spread\"").count(),
        stories.len(),
        "{list}"
    );
    assert!(list.contains("aria-label=\"4 outlets, "), "{list}");
    // Saved compressed, sent as it is to a client that takes gzip and
    // decompressed for one that does not.
    let path = call["page"].as_str().unwrap();
    let (head, gzipped) = server.get_encoded(path, "gzip, deflate");
    assert!(head.contains("content-encoding: gzip"), "{head}");
    let mut unzipped = String::new();
    flate2::read::GzDecoder::new(gzipped.as_slice())
        .read_to_string(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, page);
    // Decompressed as it is sent: streamed, never whole in memory.
    let (head, plain) = server.get_encoded(path, "identity");
    assert!(!head.contains("content-encoding"), "{head}");
    assert!(head.contains("transfer-encoding: chunked"), "{head}");
    assert_eq!(String::from_utf8(plain).unwrap(), page);

    // One public id: the API's, the URL's, the page's and the document's.
    let id = call["id"].as_str().unwrap();
    assert!(id.starts_with("story-"), "{id}");
    assert_eq!(call["page"], format!("/stories/{id}"));
    assert_eq!(call["href"], format!("/api/v1/stories/{id}"));
    assert!(page.contains(id), "the page does not name {id}");
    let document = server.get_json(&format!("/api/v1/stories/{id}"));
    assert_eq!(document["stories"][0]["id"], id);
    // A story named by its number alone, as older URLs did, redirects.
    let number = id.trim_start_matches("story-");
    let (status, headers, _) = server.get(&format!("/stories/{number}"));
    assert_eq!(status, 308);
    assert_eq!(headers["location"], format!("/stories/{id}"));
    let (status, headers, _) = server.get(&format!("/api/v1/stories/{number}"));
    assert_eq!(status, 308);
    assert_eq!(headers["location"], format!("/api/v1/stories/{id}"));
    let (_, _, quotes_csv) = server.get("/api/v1/export/quotes.csv");
    assert!(quotes_csv.contains(&format!("\n{id},")), "{quotes_csv}");

    // Biggest first.
    let biggest = server.get_json("/api/v1/stories?order=biggest");
    assert_eq!(biggest["stories"][0]["outlets"], 4);

    // Articles know their story; search finds quotes with their speaker.
    let article = server.get_json("/api/v1/articles/herald-sokolovskyy-call");
    assert_eq!(article["story"], call["id"]);
    assert!(article["text"].as_str().unwrap().contains("phone call"));
    let found = server.get_json("/api/v1/quotes?q=meaningful%20phone%20call");
    assert_eq!(found["quotes"][0]["label"], "Andriy Sokolovskyy");
    assert_eq!(found["quotes"][0]["story"], call["id"]);
    let search = server.get_json("/api/v1/search?q=Kiev");
    assert!(!search["articles"].as_array().unwrap().is_empty());
    let hit = &search["articles"][0];
    let [start, end] = [0, 1].map(|i| hit["matches"][0][i].as_u64().unwrap() as usize);
    assert_eq!(&hit["excerpt"].as_str().unwrap()[start..end], "Kiev");
    // Names in every spelling: the call's coverage is found whichever one
    // the reader types, and a quote by who said it.
    let ids_found = |q: &str| -> Vec<String> {
        let found = server.get_json(&format!("/api/v1/search?q={q}"));
        found["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (kiev, kyiv) = (ids_found("Kiev"), ids_found("Kyiv"));
    assert!(
        kiev.len() > 1,
        "only the articles that write Kiev: {kiev:?}"
    );
    for id in &kyiv {
        assert!(
            kiev.contains(id),
            "{id} writes Kyiv and was not found by Kiev"
        );
    }
    let (short, full) = (ids_found("Sokolovsky"), ids_found("Sokolovskyy"));
    assert!(short.len() >= 4 && full.len() >= 4, "{short:?} {full:?}");
    // Narrowed to an outlet, a time, a story.
    let herald_only = server.get_json("/api/v1/search?q=Kyiv&outlet=The%20Harbour%20Herald");
    let sources: Vec<&str> = herald_only["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["source"].as_str().unwrap())
        .collect();
    assert!(
        !sources.is_empty() && sources.iter().all(|s| *s == "The Harbour Herald"),
        "{sources:?}"
    );
    let in_story = server.get_json(&format!("/api/v1/search?q=Sokolovskyy&story={id}"));
    for article in in_story["articles"].as_array().unwrap() {
        let one = server.get_json(&format!(
            "/api/v1/articles/{}",
            article["id"].as_str().unwrap()
        ));
        assert_eq!(one["story"], id);
    }
    assert!(
        in_story["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["story"] == id)
    );
    let none_yet = server.get_json("/api/v1/search?q=Kyiv&until=2000-01-01");
    assert!(none_yet["articles"].as_array().unwrap().is_empty());
    let (status, _, body) = server.get("/api/v1/search?q=Kyiv&from=yesterday");
    assert_eq!(status, 400);
    assert!(body.contains("from: expected a day"), "{body}");
    // The story page searches within its story.
    assert!(
        page.contains(&format!(
            "<input type=\"hidden\" name=\"story\" value=\"{id}\">"
        )),
        "no story search box"
    );
    let (_, _, results) = server.get(&format!("/search?q=call&story={id}"));
    assert!(results.contains(&format!("in {id}</h1>")), "{results}");
    let marsh = server.get_json("/api/v1/quotes?q=Lena%20Marsh");
    let hers = marsh["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["label"] == "Lena Marsh")
        .count();
    assert!(hers >= 3, "Lena Marsh's quotes found by her name: {hers}");
    let by_speaker = server.get_json("/api/v1/quotes?q=Sokolovskyy");
    assert!(!by_speaker["quotes"].as_array().unwrap().is_empty());
    assert!(
        by_speaker["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["label"] == "Andriy Sokolovskyy")
    );

    // Exports: every article, every story, every quote occurrence.
    let (status, headers, jsonl) = server.get("/api/v1/export/articles.jsonl");
    assert_eq!(status, 200);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/x-ndjson")
    );
    assert_eq!(jsonl.lines().count(), articles.len());
    let first: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], articles[0].id.as_str());
    assert_eq!(first["text"], articles[0].text.as_str());
    let (_, _, csv) = server.get("/api/v1/export/stories.csv");
    assert!(csv.starts_with("id,headline,articles,outlets,"), "{csv}");
    assert_eq!(csv.lines().count(), 1 + stories.len());
    let (_, _, quotes) = server.get("/api/v1/export/quotes.jsonl");
    let quotes: Vec<Value> = quotes
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let meaningful = quotes
        .iter()
        .find(|q| {
            q["article"] == "northgate-sokolovsky-call" && q["speaker"] == "Andriy Sokolovskyy"
        })
        .expect("the Northgate quote");
    let source = &articles
        .iter()
        .find(|a| a.id == "northgate-sokolovsky-call")
        .unwrap()
        .text;
    let [start, end] = ["start", "end"].map(|k| meaningful[k].as_u64().unwrap() as usize);
    assert_eq!(&source[start..end], meaningful["text"].as_str().unwrap());
    assert_eq!(server.get("/api/v1/export/secrets.txt").0, 404);
}

#[test]
fn hostile_articles_stay_text() {
    let server = Server::start();
    let hostile = json!({
        "id": "evil\"><script>alert(1)</script>",
        "source": "<img src=x onerror=alert(2)>",
        "url": "javascript:alert(3)",
        "title": "=HYPERLINK(\"https://evil.example\") Mayor </title><script>alert(4)</script> resigns",
        "text": "\"<script>alert(5)</script>,\" the mayor said.\n\nThe council met <b onmouseover=alert(6)>today</b>.",
    });
    let (status, answer) = server.post("/api/v1/articles", &hostile);
    assert_eq!(status, 200, "{answer}");
    server.wait_for_analysis(1);

    let id = "evil%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E";
    for path in [
        "/".to_string(),
        format!("/articles/{id}"),
        "/stories/story-0".to_string(),
        "/search?q=%3Cscript%3E%20alert".to_string(),
        "/search?q=mayor".to_string(),
    ] {
        let (status, headers, page) = server.get(&path);
        assert_eq!(status, 200, "{path}");
        assert!(
            !page.contains("<script"),
            "{path}: a script tag got through"
        );
        assert!(!page.contains("<img"), "{path}");
        assert!(!page.contains("<b "), "{path}");
        assert!(!page.contains("href=\"javascript:"), "{path}");
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'none'"), "{path}: {csp}");
    }
    // A formula in an article never becomes one in a spreadsheet.
    let (_, _, csv) = server.get("/api/v1/export/articles.csv");
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(!csv.contains(",=HYPERLINK"), "{csv}");

    let (_, _, page) = server.get(&format!("/articles/{id}"));
    // Shown, escaped (as named or numeric references).
    let shown = ["&lt;script&gt;alert(5)", "&#60;script&#62;alert(5)"];
    assert!(shown.iter().any(|s| page.contains(s)), "{page}");
    assert!(page.contains("javascript:alert(3)"), "shown as text");
}

#[test]
fn bad_requests_are_explained() {
    let server = Server::start();
    let (status, answer) = server.post("/api/v1/articles", &json!({ "text": "No id, no url." }));
    assert_eq!(status, 400);
    assert_eq!(
        answer["results"],
        json!([{ "index": 0, "status": "invalid", "error": "article 0: needs an id or a url" }])
    );
    let (status, answer) = server.post("/api/v1/articles", &json!({ "id": "a", "text": "  " }));
    assert_eq!(status, 400);
    assert_eq!(answer["results"][0]["error"], "article 0: a: empty text");
    let (status, answer) = server.post("/api/v1/articles", &json!({ "id": "a", "txt": "x" }));
    assert_eq!(status, 400);
    let error = answer["results"][0]["error"].as_str().unwrap();
    assert!(
        error.starts_with("article 0: txt: unknown field `txt`"),
        "{error}"
    );
    assert_eq!(server.get("/api/v1/stories/story-99").0, 404);
    assert_eq!(server.get("/api/v1/articles/nope").0, 404);
    assert_eq!(server.get("/api/v1/stories?order=oldest").0, 400);
    // Page routes answer people with pages, whatever went wrong.
    for (path, status) in [
        ("/stories/story-99", 404),
        ("/stories/nonsense", 404),
        ("/articles/nope", 404),
        ("/no/such/page", 404),
        ("/?order=oldest", 400),
    ] {
        let (got, headers, body) = server.get(path);
        assert_eq!(got, status, "{path}");
        assert!(
            headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        assert!(
            body.contains("<h1>") && body.contains("href=\"/\""),
            "{path}: {body}"
        );
    }
}

#[test]
fn one_bad_article_in_a_batch_is_named_and_the_others_are_stored() {
    let server = Server::start();
    let batch = json!([
        { "id": "a", "text": "The ferry runs again from Monday." },
        { "id": "b", "text": "The bridge closes.", "published": "last Tuesday" },
        { "id": "c", "text": "The harbour reopens." },
    ]);
    let (status, answer) = server.post("/api/v1/articles", &batch);
    assert_eq!(status, 200, "{answer}");
    let results = answer["results"].as_array().unwrap();
    assert_eq!(results[0]["status"], "new");
    assert_eq!(results[0]["id"], "a");
    assert_eq!(results[1]["index"], 1);
    assert_eq!(results[1]["status"], "invalid");
    let error = results[1]["error"].as_str().unwrap();
    assert!(error.starts_with("article 1: published: "), "{error}");
    assert_eq!(results[2]["id"], "c");
    assert_eq!(results[2]["status"], "new");
    assert_eq!(
        server.get_json("/api/v1/articles")["articles"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn every_api_error_is_json() {
    let server = Server::start();
    for (path, status) in [
        ("/api/v1/stories/nonsense", 404),
        ("/api/v1/stories?limit=many", 400),
        ("/api/v1/nowhere", 404),
    ] {
        let (got, headers, body) = server.get(path);
        assert_eq!(got, status, "{path}: {body}");
        assert_eq!(headers["content-type"], "application/json", "{path}");
        let error: Value = serde_json::from_str(&body).unwrap();
        assert!(!error["error"].as_str().unwrap().is_empty(), "{path}");
    }
    let mut response = server
        .agent
        .post(&format!("{}/api/v1/articles", server.base))
        .header("content-type", "application/json")
        .send("{\"id\": \"a\", \"text\": ")
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let body: Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    assert!(body["error"].as_str().unwrap().contains("line 1"), "{body}");
}

#[test]
fn sources_are_managed_through_the_api() {
    let server = Server::start();
    let feed =
        json!({ "url": "https://herald.example/feed.xml", "title": "Herald", "every_minutes": 1 });
    let (status, source) = server.post("/api/v1/sources", &feed);
    assert_eq!(status, 201, "{source}");
    assert_eq!(source["every_minutes"], 5, "at least five minutes");
    let (status, _) = server.post("/api/v1/sources", &json!({ "url": "javascript:alert(1)" }));
    assert_eq!(status, 400);
    let listed = server.get_json("/api/v1/sources");
    assert_eq!(listed["sources"].as_array().unwrap().len(), 1);
    assert_eq!(listed["sources"][0]["title"], "Herald");
    let url = "/api/v1/sources?url=https%3A%2F%2Fherald.example%2Ffeed.xml";
    let delete = |path: &str| {
        server
            .agent
            .delete(&format!("{}{path}", server.base))
            .call()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(delete(url), 204);
    assert_eq!(delete(url), 404);
    assert!(
        server.get_json("/api/v1/sources")["sources"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_openapi_document_describes_every_api_route() {
    let server = Server::start();
    let doc = server.get_json("/api/v1/openapi.json");
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for route in [
        "/stories",
        "/stories/{id}",
        "/articles",
        "/articles/{id}",
        "/search",
        "/quotes",
        "/export/{file}",
        "/sources",
        "/openapi.json",
        "/status",
    ] {
        assert!(paths.contains_key(route), "{route} undocumented");
    }
    assert_eq!(paths.len(), 10, "a documented route that does not exist");
    assert!(paths["/articles"].get("post").is_some());
}

#[test]
fn writes_need_the_token_and_reads_do_not() {
    let server = Server::start_with(Some("harbour-light-31"));
    let article = json!({ "id": "a", "text": "The ferry runs again from Monday." });
    let post = |authorization: Option<&str>| {
        let mut request = server
            .agent
            .post(&format!("{}/api/v1/articles", server.base))
            .header("content-type", "application/json");
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        let mut response = request.send(article.to_string()).unwrap();
        let status = response.status().as_u16();
        let challenge = response.headers().get("www-authenticate").cloned();
        let body: Value =
            serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
        (status, challenge, body)
    };
    let (status, challenge, body) = post(None);
    assert_eq!(status, 401);
    assert_eq!(challenge.unwrap(), "Bearer");
    assert!(body["error"].as_str().unwrap().contains("Bearer"), "{body}");
    assert_eq!(post(Some("Bearer harbour-light-30")).0, 401);
    assert_eq!(
        post(Some("harbour-light-31")).0,
        401,
        "the scheme is required"
    );
    let (status, _, body) = post(Some("Bearer harbour-light-31"));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["results"][0]["status"], "new");
    let (status, _) = server.post(
        "/api/v1/sources",
        &json!({ "url": "https://herald.example/feed.xml" }),
    );
    assert_eq!(status, 401, "sources too");
    // Reads stay open.
    assert_eq!(server.get("/api/v1/articles").0, 200);
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn a_bidi_override_in_an_article_cannot_reorder_what_follows_it() {
    let server = Server::start();
    let article = json!({
        "id": "rlo", "source": "Harbour \u{202E}Herald", "title": "Ferry \u{202E}returns",
        "text": "The island ferry runs again from Monday, \u{202E}the harbour office said.",
    });
    assert_eq!(server.post("/api/v1/articles", &article).0, 200);
    server.wait_for_analysis(1);
    let (_, _, page) = server.get("/articles/rlo");
    for shown in [
        "Ferry \u{202E}returns\u{202C}",
        "Harbour \u{202E}Herald\u{202C}",
    ] {
        assert!(page.contains(shown), "{shown:?} not closed in {page}");
    }
    assert!(
        !page.contains("returns<"),
        "left open before markup: {page}"
    );
    let (_, _, list) = server.get("/");
    assert!(list.contains("Ferry \u{202E}returns\u{202C}"), "{list}");
}
