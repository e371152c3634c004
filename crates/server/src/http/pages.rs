//! The pages people read: story list, story, article, search.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Utc};
use parallax_store::{Rendition, StorySummary};

use super::api::{self, ListQuery, SearchQuery};
use super::{AppState, Failure, StoryId, blocking, error_message, safe_link};
use crate::excerpt::Excerpt;

/// Stories per page of the list.
const PAGE: usize = 50;

fn html(page: &impl Template) -> Result<Response, Failure> {
    match page.render() {
        Ok(body) => Ok(Html(body).into_response()),
        Err(err) => {
            tracing::error!(%err, "template failed");
            Err(Failure::internal("the page could not be rendered"))
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    query: String,
    title: String,
    message: String,
}

/// A page route's error as a page, with the status kept: people get HTML,
/// not the API's JSON or axum's plain text.
pub async fn html_errors(response: Response) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let message = error_message(response.into_body()).await;
    let page = ErrorPage {
        query: String::new(),
        title: status.canonical_reason().unwrap_or("Error").to_string(),
        message: if message.is_empty() {
            "Something went wrong.".to_string()
        } else {
            message
        },
    };
    match page.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(_) => status.into_response(),
    }
}

/// A story in the list.
struct StoryRow {
    id: StoryId,
    headline: String,
    outlets: u32,
    articles: u32,
    /// When the coverage started and ended.
    span: String,
    /// The coverage drawn against the time the listed stories cover.
    spread: Option<Spread>,
}

/// A story's coverage on the list's time axis, in percent of its width, and
/// a stroke as thick as it has outlets (up to ten).
struct Spread {
    x: f64,
    width: f64,
    thickness: u32,
}

impl Spread {
    /// Each row's span against the window of all rows: which stories ran
    /// at the same time, for how long, and how widely covered.
    fn of_page(rows: &[StorySummary]) -> Vec<Option<Spread>> {
        let times = rows
            .iter()
            .flat_map(|s| [s.first_published, s.last_published])
            .flatten();
        let (Some(start), Some(end)) = (times.clone().min(), times.max()) else {
            return rows.iter().map(|_| None).collect();
        };
        let window = (end - start).num_seconds().max(1) as f64;
        let at = |t: DateTime<Utc>| 100.0 * (t - start).num_seconds() as f64 / window;
        rows.iter()
            .map(|s| {
                let (first, last) = (s.first_published?, s.last_published.or(s.first_published)?);
                Some(Spread {
                    x: at(first),
                    // A story of one moment is still a visible mark.
                    width: (at(last) - at(first)).max(1.0),
                    thickness: s.outlets.clamp(1, 10) + 1,
                })
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "stories.html")]
struct StoriesPage {
    query: String,
    stories: Vec<StoryRow>,
    biggest: bool,
    order: &'static str,
    previous: Option<usize>,
    next: Option<usize>,
}

pub async fn stories(
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Result<Response, Failure> {
    let order = query.order()?;
    let offset = query.offset.unwrap_or(0);
    // One more than a page, to know whether there is a next page.
    let mut list = blocking(&state, move |s| s.stories(order, offset, PAGE + 1)).await?;
    let more = list.len() > PAGE;
    list.truncate(PAGE);
    let biggest = order == parallax_store::StoryOrder::Biggest;
    let spreads = Spread::of_page(&list);
    html(&StoriesPage {
        query: String::new(),
        stories: list
            .into_iter()
            .zip(spreads)
            .map(|(s, spread)| StoryRow {
                spread,
                span: span(s.first_published, s.last_published),
                id: StoryId(s.id),
                headline: if s.headline.is_empty() {
                    format!("Story {}", s.id)
                } else {
                    s.headline
                },
                outlets: s.outlets,
                articles: s.articles,
            })
            .collect(),
        biggest,
        order: if biggest { "biggest" } else { "newest" },
        previous: (offset > 0).then(|| offset.saturating_sub(PAGE)),
        next: more.then_some(offset + PAGE),
    })
}

fn when(date: DateTime<Utc>) -> String {
    date.format("%-d %b %Y %H:%M UTC").to_string()
}

fn span(first: Option<DateTime<Utc>>, last: Option<DateTime<Utc>>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a != b => format!("{} – {}", when(a), when(b)),
        (Some(a), _) | (None, Some(a)) => when(a),
        (None, None) => String::new(),
    }
}

/// The story's page, rendered by the analyser when the story last changed.
pub async fn story(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request: HeaderMap,
) -> Result<Response, Failure> {
    let answer = api::find_story(&state, &id, Rendition::Page).await?;
    Ok(answer.respond(&request, "/stories", "text/html; charset=utf-8"))
}

#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePage {
    query: String,
    id: String,
    title: String,
    outlet: String,
    published: Option<String>,
    received: String,
    seq: i64,
    /// The article's URL when it is safe to link.
    link: Option<String>,
    /// A URL given with the article that is not http(s): shown, never linked.
    unlinked_url: Option<String>,
    story: Option<StoryId>,
    paragraphs: Vec<String>,
}

pub async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, Failure> {
    let a = api::find_article(&state, id).await?;
    let link = safe_link(a.url.as_deref());
    html(&ArticlePage {
        query: String::new(),
        title: if a.title.is_empty() {
            a.id.clone()
        } else {
            a.title
        },
        outlet: a.source.unwrap_or_else(|| "unknown".into()),
        published: a.published.map(when),
        received: when(a.received),
        seq: a.seq,
        unlinked_url: a.url.filter(|_| link.is_none()),
        link,
        story: a.story,
        paragraphs: a
            .text
            .unwrap_or_default()
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect(),
        id: a.id,
    })
}

/// A quote or name found, ready for the template.
struct StoryHitRow {
    story: StoryId,
    headline: String,
    label: String,
    pieces: Vec<(String, bool)>,
}

struct ArticleHitRow {
    id: String,
    title: String,
    source: String,
    pieces: Vec<(String, bool)>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    query: String,
    /// The filters as given, to show and keep in the form.
    outlet: String,
    from: String,
    until: String,
    story: String,
    quotes: Vec<StoryHitRow>,
    names: Vec<StoryHitRow>,
    articles: Vec<ArticleHitRow>,
}

fn pieces(excerpt: &Excerpt) -> Vec<(String, bool)> {
    excerpt
        .pieces()
        .into_iter()
        .map(|(text, hit)| (text.to_string(), hit))
        .collect()
}

pub async fn search(
    State(state): State<AppState>,
    Query(query): Query<SearchQuery>,
) -> Result<Response, Failure> {
    let text = query.q.clone().unwrap_or_default();
    let given = |v: &Option<String>| v.as_deref().unwrap_or_default().trim().to_string();
    let (outlet, from, until, story) = (
        given(&query.outlet),
        given(&query.from),
        given(&query.until),
        given(&query.story),
    );
    let results = api::Results::clone(&*api::run_search(&state, query).await?);
    let story_rows = |hits: Vec<api::StoryHitItem>| -> Vec<StoryHitRow> {
        hits.into_iter()
            .map(|h| StoryHitRow {
                pieces: pieces(&h.excerpt),
                story: h.story,
                headline: h.headline,
                label: h.label,
            })
            .collect()
    };
    html(&SearchPage {
        query: text.trim().to_string(),
        outlet,
        from,
        until,
        story,
        quotes: story_rows(results.quotes),
        names: story_rows(results.names),
        articles: results
            .articles
            .into_iter()
            .map(|h| ArticleHitRow {
                pieces: pieces(&h.excerpt),
                title: if h.title.is_empty() {
                    h.id.clone()
                } else {
                    h.title
                },
                id: h.id,
                source: h.source.unwrap_or_default(),
            })
            .collect(),
    })
}
