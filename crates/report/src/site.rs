//! A static site of an analysis, for corpora of any size.
//!
//! A story's page is rendered as soon as the story is compared
//! ([`story_page`], which also gives its line of the index, [`Listed`]),
//! and the index pages at the end from those lines ([`Index`]), so whoever
//! writes the site holds one story's page and a line per story, never the
//! corpus. The site's folder:
//!
//! - `index.html`, `index-2.html`, ...: the stories, most independent outlets
//!   first, [`PER_INDEX_PAGE`] a page ([`index_path`]);
//! - `stories/{id}.html`: a story's report, the page of [`to_html`](crate::to_html)
//!   linking back to the index ([`story_path`]).
//!
//! Every link is relative, so the folder can be opened from disk or served
//! from any path. Everything from the input is escaped as in the report.

use chrono::{DateTime, Utc};
use parallax_model::Analysis;

use crate::escape::{anchor_id, html};
use crate::html::{Site, page_head, render_with};
use crate::lookup::{Lookup, plural, span_label, story_title};

/// Stories listed on one index page.
pub const PER_INDEX_PAGE: usize = 500;

/// A story as the index lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub id: String,
    pub headline: String,
    pub articles: usize,
    pub independent_outlets: usize,
    /// First and last publication time of its articles, when any is dated.
    pub span: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

/// A line for each story of the analysis `lookup` looks into.
fn listed(lookup: &Lookup<'_>) -> Vec<Listed> {
    lookup
        .analysis
        .stories
        .iter()
        .map(|story| Listed {
            id: story.id.clone(),
            headline: story_title(story).to_string(),
            articles: story.articles.len(),
            independent_outlets: story.independent_outlets,
            span: lookup.time_span(story),
        })
        .collect()
}

/// Where the page of the story with id `id` lies in the site's folder.
/// Never leaves the `stories` folder, whatever the id.
pub fn story_path(id: &str) -> String {
    format!("stories/{}.html", anchor_id(id))
}

/// Where index page `n` (from 0) lies in the site's folder.
pub fn index_path(n: usize) -> String {
    match n {
        0 => "index.html".to_string(),
        n => format!("index-{}.html", n + 1),
    }
}

/// The page of the stories of `analysis` (one, as the stream compares
/// them), to be written at [`story_path`]: the report's page, its masthead
/// linking back to the index; and the index's line for each of them.
pub fn story_page(analysis: &Analysis) -> (String, Vec<Listed>) {
    let lookup = Lookup::new(analysis);
    let home = format!("../{}", index_path(0));
    let site = Site {
        home: &home,
        search: false,
    };
    (render_with(&lookup, Some(site)), listed(&lookup))
}

/// The index of a site: every story, most independent outlets first, then
/// most articles, then first published (undated last), then id.
pub struct Index {
    stories: Vec<Listed>,
    articles: usize,
}

impl Index {
    pub fn new(mut stories: Vec<Listed>) -> Self {
        stories.sort_by(|a, b| {
            b.independent_outlets
                .cmp(&a.independent_outlets)
                .then(b.articles.cmp(&a.articles))
                .then_with(|| match (a.span, b.span) {
                    (Some(x), Some(y)) => x.0.cmp(&y.0),
                    (x, y) => x.is_none().cmp(&y.is_none()),
                })
                .then_with(|| a.id.cmp(&b.id))
        });
        let articles = stories.iter().map(|s| s.articles).sum();
        Index { stories, articles }
    }

    /// Index pages: at least one, which says so when there is no story.
    pub fn pages(&self) -> usize {
        self.stories.len().div_ceil(PER_INDEX_PAGE).max(1)
    }

    /// Index page `n` (from 0), to be written at [`index_path`]`(n)`.
    pub fn page(&self, n: usize) -> String {
        let pages = self.pages();
        let listed = self
            .stories
            .chunks(PER_INDEX_PAGE)
            .nth(n)
            .unwrap_or_default();
        let summary = format!(
            "{} from {}",
            plural(self.stories.len(), "story", "stories"),
            plural(self.articles, "article", "articles")
        );
        let place = if pages > 1 {
            format!(" (page {} of {pages})", n + 1)
        } else {
            String::new()
        };
        let mut out = String::with_capacity(4096 + listed.len() * 300);
        page_head(&format!("Parallax · {summary}{place}"), INDEX_CSS, &mut out);
        out.push_str(
            "<body>\n<header class=\"masthead\"><div class=\"wrap\">\n<h1>Parallax</h1>\n",
        );
        out.push_str(&format!(
            "<p class=\"tagline\">One news story from every side: {}{}, the most widely reported first.</p>\n",
            html(&summary),
            html(&place)
        ));
        out.push_str("</div></header>\n<main><nav class=\"toc\" aria-label=\"Stories\"><div class=\"wrap\">\n");
        pager(n, pages, &mut out);
        if listed.is_empty() {
            out.push_str("<p class=\"none\">No stories: there were no articles to compare.</p>\n");
        } else {
            out.push_str(&format!("<ol start=\"{}\">\n", n * PER_INDEX_PAGE + 1));
            for story in listed {
                let headline = if story.headline.trim().is_empty() {
                    "(untitled)"
                } else {
                    story.headline.as_str()
                };
                out.push_str(&format!(
                    "<li><a href=\"{}\" dir=\"auto\">{}</a><span class=\"muted\">{} · {} · {} · {}</span></li>\n",
                    html(&story_path(&story.id)),
                    html(headline),
                    html(&story.id),
                    plural(story.articles, "article", "articles"),
                    plural(
                        story.independent_outlets,
                        "independent outlet",
                        "independent outlets"
                    ),
                    html(&span_label(story.span))
                ));
            }
            out.push_str("</ol>\n");
        }
        pager(n, pages, &mut out);
        out.push_str(&format!(
            "</div></nav></main>\n<footer class=\"colophon\"><div class=\"wrap\">Generated by {}.</div></footer>\n</body>\n</html>\n",
            html(crate::GENERATOR)
        ));
        out
    }
}

const INDEX_CSS: &str = ".pager { display: flex; gap: 1.5rem; margin: .75rem 0; }\n";

/// Links to the previous and next index pages, when there are several.
fn pager(n: usize, pages: usize, out: &mut String) {
    if pages < 2 {
        return;
    }
    out.push_str("<p class=\"pager\">");
    if n > 0 {
        out.push_str(&format!(
            "<a href=\"{}\" rel=\"prev\">← previous</a>",
            index_path(n - 1)
        ));
    }
    out.push_str(&format!("<span>page {} of {pages}</span>", n + 1));
    if n + 1 < pages {
        out.push_str(&format!(
            "<a href=\"{}\" rel=\"next\">next →</a>",
            index_path(n + 1)
        ));
    }
    out.push_str("</p>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(id: &str, outlets: usize, articles: usize) -> Listed {
        Listed {
            id: id.to_string(),
            headline: format!("<b>{id}</b>"),
            articles,
            independent_outlets: outlets,
            span: None,
        }
    }

    #[test]
    fn the_most_widely_reported_story_comes_first_and_pages_link_up() {
        let mut stories: Vec<Listed> = (0..PER_INDEX_PAGE + 1)
            .map(|i| listed(&format!("story-{}", i + 1), 1, 1))
            .collect();
        stories.push(listed("story-900", 7, 9));
        let index = Index::new(stories);
        assert_eq!(index.pages(), 2);
        let first = index.page(0);
        let top = first.find("stories/story-900.html").unwrap();
        let next = first.find("stories/story-1.html").unwrap();
        assert!(top < next, "the story with 7 outlets comes first");
        assert!(first.contains("href=\"stories/story-900.html\""));
        assert!(first.contains("&lt;b&gt;story-900&lt;/b&gt;"));
        assert!(!first.contains("<b>"));
        assert!(first.contains("href=\"index-2.html\" rel=\"next\""));
        let second = index.page(1);
        assert!(second.contains("href=\"index.html\" rel=\"prev\""));
        assert!(second.contains(&format!("<ol start=\"{}\">", PER_INDEX_PAGE + 1)));
        assert_eq!(second.matches("<li>").count(), 2);
    }

    #[test]
    fn an_empty_site_has_one_index_page_that_says_so() {
        let index = Index::new(Vec::new());
        assert_eq!(index.pages(), 1);
        assert!(index.page(0).contains("No stories"));
    }

    #[test]
    fn a_story_page_stays_in_its_folder() {
        assert_eq!(story_path("story-3"), "stories/story-3.html");
        assert_eq!(story_path("../../etc/x"), "stories/.._2F.._2Fetc_2Fx.html");
        assert_eq!(index_path(0), "index.html");
        assert_eq!(index_path(2), "index-3.html");
    }
}
