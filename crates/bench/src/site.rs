//! `parallax-bench site`: the synthetic corpus as a web site of feeds and
//! pages, for the service's sustained-ingest benchmark
//! (`scripts/service-feeds`): one RSS 2.0 feed per outlet listing all its
//! items, one HTML page per article (headline, byline, paragraphs, site
//! furniture around the article), and an OPML file of the feeds.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use parallax_model::Article;
use parallax_report::escape_html;

use crate::synth;

pub struct Options {
    pub size: usize,
    pub seed: u64,
    /// The site's URL as the server will serve it, e.g. `http://127.0.0.1:18091`.
    pub base: String,
    pub out: PathBuf,
}

pub fn run(options: &Options) -> anyhow::Result<()> {
    let base = options.base.trim_end_matches('/');
    let pages = options.out.join("pages");
    let feeds = options.out.join("feeds");
    for dir in [&pages, &feeds] {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut by_outlet: BTreeMap<String, Vec<Article>> = BTreeMap::new();
    for synth in synth::Stream::new(
        options.seed,
        chrono::Duration::minutes(37),
        synth::Shape::News,
    )
    .take(options.size)
    {
        let article = synth.article;
        write(&pages.join(format!("{}.html", article.id)), &page(&article))?;
        let outlet = article.source.clone().unwrap_or_default();
        by_outlet.entry(outlet).or_default().push(article);
    }
    let mut outlines = String::new();
    for (n, (outlet, articles)) in by_outlet.iter().enumerate() {
        let url = format!("{base}/feeds/{n}.xml");
        write(
            &feeds.join(format!("{n}.xml")),
            &feed(outlet, base, articles),
        )?;
        outlines.push_str(&format!(
            "    <outline type=\"rss\" text=\"{0}\" title=\"{0}\" xmlUrl=\"{1}\"/>\n",
            escape_html(outlet),
            escape_html(&url)
        ));
    }
    let opml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  \
         <head><title>Synthetic outlets</title></head>\n  <body>\n{outlines}  </body>\n</opml>\n"
    );
    write(&options.out.join("sources.opml"), &opml)?;
    eprintln!(
        "{} pages and {} feeds in {}",
        options.size,
        by_outlet.len(),
        options.out.display()
    );
    Ok(())
}

fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// An article page as a news site serves it: the article inside site
/// navigation, a related-links list and a footer.
fn page(article: &Article) -> String {
    let outlet = escape_html(article.source.as_deref().unwrap_or(""));
    let title = escape_html(&article.title);
    let published = article
        .published
        .map(|p| p.to_rfc3339())
        .unwrap_or_default();
    let shown = article
        .published
        .map(|p| p.format("%-d %B %Y, %H:%M").to_string())
        .unwrap_or_default();
    let mut paragraphs = String::new();
    for paragraph in article.text.split("\n\n") {
        paragraphs.push_str(&format!("<p>{}</p>\n", escape_html(paragraph)));
    }
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>{title} | {outlet}</title>\
         <meta property=\"og:site_name\" content=\"{outlet}\">\
         <meta property=\"article:published_time\" content=\"{published}\"></head>\n\
         <body><header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> \
         <a href=\"/sport\">Sport</a></nav></header>\n\
         <main><article><h1>{title}</h1>\n<time datetime=\"{published}\">{shown}</time>\n\
         {paragraphs}</article>\n\
         <aside class=\"related\"><h2>Most read</h2><ul><li><a href=\"/a\">Ferry timetable \
         cut for the winter</a></li><li><a href=\"/b\">Council approves the tram line</a></li>\
         </ul></aside></main>\n<footer>© {outlet}. All rights reserved.</footer></body></html>\n"
    )
}

/// An RSS 2.0 feed of an outlet's articles, newest first.
fn feed(outlet: &str, base: &str, articles: &[Article]) -> String {
    let mut items = String::new();
    for article in articles.iter().rev() {
        let published = article
            .published
            .map(|p| format!("<pubDate>{}</pubDate>", p.to_rfc2822()))
            .unwrap_or_default();
        items.push_str(&format!(
            "<item><title>{}</title><link>{}</link><guid isPermaLink=\"false\">{}</guid>{published}</item>\n",
            escape_html(&article.title),
            escape_html(&format!("{base}/pages/{}.html", article.id)),
            escape_html(&article.id),
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>{0}</title><link>{1}/</link><description>News from {0}</description>\n\
         {items}</channel></rss>\n",
        escape_html(outlet),
        escape_html(base)
    )
}
