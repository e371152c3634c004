//! Sites that serve feeds and news pages on loopback, for the tests that
//! follow feeds (the embedded service's and the cluster's).

use std::collections::BTreeMap;

use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use parallax_model::Article;

/// `text` escaped for XML and HTML.
pub fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A plain news page for an article: headline, byline, paragraphs, and the
/// furniture every real page has around them.
fn page(article: &Article) -> String {
    let paragraphs: String = article
        .text
        .split("\n\n")
        .map(|p| format!("<p>{}</p>\n", escape_xml(p)))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | {outlet}</title>\
         <meta property=\"og:site_name\" content=\"{outlet}\"></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>{title}</h1>{paragraphs}</article>\
         <footer>© {outlet}. All rights reserved.</footer></body></html>",
        title = escape_xml(&article.title),
        outlet = escape_xml(article.outlet()),
    )
}

fn rss(outlet: &str, articles: &[&Article], base: &str) -> String {
    let items: String = articles
        .iter()
        .map(|a| {
            format!(
                "<item><title>{}</title><link>{base}/pages/{}.html?utm_source=rss</link><guid>{}</guid><pubDate>{}</pubDate></item>",
                escape_xml(&a.title),
                a.id,
                a.id,
                a.published.map(|p| p.to_rfc2822()).unwrap_or_default()
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{}</title><link>{base}/</link>{items}</channel></rss>",
        escape_xml(outlet)
    )
}

/// The sites on one local HTTP server, for tests: `/feeds/0.xml` (an
/// aggregator's RSS of every article, with an ETag) and `/pages/{id}.html`
/// (each article as a plain news page), except that the pages of the ids in
/// `missing` answer 404. Its base URL (`http://127.0.0.1:PORT`); it serves
/// until the process ends.
pub fn start_sites(
    articles: Vec<Article>,
    missing: &[&str],
) -> (String, std::thread::JoinHandle<()>) {
    let missing: Vec<String> = missing.iter().map(|id| format!("{id}.html")).collect();
    let (ready, address) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let base = format!("http://{}", listener.local_addr().unwrap());
            let all: Vec<&Article> = articles.iter().collect();
            let feeds = [rss("Newsdesk", &all, &base)];
            let pages: BTreeMap<String, String> = articles
                .iter()
                .map(|a| (format!("{}.html", a.id), page(a)))
                .filter(|(file, _)| !missing.contains(file))
                .collect();
            let app = axum::Router::new()
                .route(
                    "/feeds/{n}",
                    get(move |Path(n): Path<String>, headers: HeaderMap| {
                        let feed = n
                            .strip_suffix(".xml")
                            .and_then(|i| i.parse::<usize>().ok())
                            .and_then(|i| feeds.get(i).cloned());
                        async move {
                            let Some(feed) = feed else {
                                return StatusCode::NOT_FOUND.into_response();
                            };
                            let etag = format!("\"{}\"", feed.len());
                            if headers
                                .get(header::IF_NONE_MATCH)
                                .and_then(|v| v.to_str().ok())
                                == Some(&etag)
                            {
                                return StatusCode::NOT_MODIFIED.into_response();
                            }
                            (
                                [
                                    (header::CONTENT_TYPE, "application/rss+xml".to_string()),
                                    (header::ETAG, etag),
                                ],
                                feed,
                            )
                                .into_response()
                        }
                    }),
                )
                .route(
                    "/pages/{file}",
                    get(move |Path(file): Path<String>| {
                        let page = pages.get(&file).cloned();
                        async move {
                            match page {
                                Some(html) => {
                                    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html)
                                        .into_response()
                                }
                                None => StatusCode::NOT_FOUND.into_response(),
                            }
                        }
                    }),
                );
            ready.send(base).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    (address.recv().unwrap(), thread)
}
