//! The JSON API under `/api/v1`, described by `openapi.json` (served at
//! `/api/v1/openapi.json`).

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use parallax_model::Article;
use parallax_store::{
    Added, Found, Hit, Rendition, SearchKind, Stored, StoryHit, StoryOrder, StorySummary,
};
use serde::{Deserialize, Serialize};

use super::{AppState, Failure, blocking};
use crate::excerpt::Excerpt;
use crate::gzip;

/// The OpenAPI 3.1 description of this API.
pub const OPENAPI: &str = include_str!("../../openapi.json");

/// Most items one list request returns.
const MAX_LIMIT: usize = 1000;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/stories", get(stories))
        .route("/stories/{id}", get(story))
        .route("/articles", get(articles).post(post_articles))
        .route("/articles/{id}", get(article))
        .route("/search", get(search))
        .route("/quotes", get(quotes))
        .route("/status", get(status))
        .route("/export/{file}", get(super::export::export))
        .route(
            "/sources",
            get(super::sources::list)
                .post(super::sources::add)
                .delete(super::sources::remove),
        )
        .route(
            "/openapi.json",
            get(|| async { ([(header::CONTENT_TYPE, "application/json")], OPENAPI) }),
        )
}

#[derive(Deserialize)]
pub struct ListQuery {
    /// `newest` (default) or `biggest`.
    pub order: Option<String>,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
}

impl ListQuery {
    pub fn order(&self) -> Result<StoryOrder, Failure> {
        match self.order.as_deref() {
            None | Some("newest") => Ok(StoryOrder::Newest),
            Some("biggest") => Ok(StoryOrder::Biggest),
            Some(other) => Err(Failure::bad_request(format!(
                "order must be newest or biggest, not {other:?}"
            ))),
        }
    }
}

/// A story in a list.
#[derive(Serialize)]
pub struct StoryItem {
    pub id: i64,
    pub headline: String,
    pub articles: u32,
    /// Independent outlets: syndicated copies not counted.
    pub outlets: u32,
    pub first_published: Option<DateTime<Utc>>,
    pub last_published: Option<DateTime<Utc>>,
    /// The story's analysis in this API.
    pub href: String,
    /// The story's page for people.
    pub page: String,
}

impl From<StorySummary> for StoryItem {
    fn from(s: StorySummary) -> Self {
        StoryItem {
            href: format!("/api/v1/stories/{}", s.id),
            page: format!("/stories/{}", s.id),
            id: s.id,
            headline: s.headline,
            articles: s.articles,
            outlets: s.outlets,
            first_published: s.first_published,
            last_published: s.last_published,
        }
    }
}

async fn stories(
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Result<Json<serde_json::Value>, Failure> {
    let order = query.order()?;
    let (offset, limit) = (
        query.offset.unwrap_or(0),
        query.limit.unwrap_or(50).min(MAX_LIMIT),
    );
    let list = blocking(&state, move |s| s.stories(order, offset, limit)).await?;
    let items: Vec<StoryItem> = list.into_iter().map(StoryItem::from).collect();
    Ok(Json(serde_json::json!({ "stories": items })))
}

/// A story's rendition, or where it went when it was merged into another.
pub enum StoryAnswer {
    /// The rendition as stored: gzip-compressed.
    Gzipped(Vec<u8>),
    MergedInto(i64),
}

/// Look a story up, in the rendition asked for.
pub async fn find_story(
    state: &AppState,
    id: i64,
    rendition: Rendition,
) -> Result<StoryAnswer, Failure> {
    match blocking(state, move |s| s.story(id, rendition)).await? {
        None => Err(Failure::not_found(format!("story {id}"))),
        Some(Found::MergedInto(into)) => Ok(StoryAnswer::MergedInto(into)),
        Some(Found::Story { rendition, .. }) => Ok(StoryAnswer::Gzipped(rendition)),
    }
}

/// The story's `parallax.analysis/1` document, as saved by the analyser.
async fn story(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    request: HeaderMap,
) -> Result<Response, Failure> {
    match find_story(&state, id, Rendition::Document).await? {
        StoryAnswer::MergedInto(into) => {
            Ok(Redirect::permanent(&format!("/api/v1/stories/{into}")).into_response())
        }
        StoryAnswer::Gzipped(document) => gzip::respond(&request, document, "application/json"),
    }
}

/// An article as the API shows it.
#[derive(Serialize)]
pub struct ArticleItem {
    /// Position in the store's log (arrival order).
    pub seq: i64,
    pub id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: String,
    pub published: Option<DateTime<Utc>>,
    pub language: Option<String>,
    /// When the store accepted it.
    pub received: DateTime<Utc>,
    /// Its story, once analysed.
    pub story: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl ArticleItem {
    pub fn new(stored: Stored, story: Option<i64>, with_text: bool) -> Self {
        let a = stored.article;
        ArticleItem {
            seq: stored.seq,
            id: a.id,
            source: a.source,
            url: a.url,
            title: a.title,
            published: a.published,
            language: a.language,
            received: stored.received,
            story,
            text: with_text.then_some(a.text),
        }
    }
}

#[derive(Deserialize)]
struct AfterQuery {
    after: Option<i64>,
    limit: Option<usize>,
}

async fn articles(
    State(state): State<AppState>,
    Query(query): Query<AfterQuery>,
) -> Result<Json<serde_json::Value>, Failure> {
    let after = query.after.unwrap_or(0);
    let limit = query.limit.unwrap_or(100).min(MAX_LIMIT);
    let items = blocking(&state, move |s| {
        s.after(after, limit)?
            .into_iter()
            .map(|stored| {
                let story = s.story_of(&stored.article.id)?;
                Ok(ArticleItem::new(stored, story, false))
            })
            .collect::<Result<Vec<_>, _>>()
    })
    .await?;
    Ok(Json(serde_json::json!({ "articles": items })))
}

/// Look an article up with its story.
pub async fn find_article(state: &AppState, id: String) -> Result<ArticleItem, Failure> {
    let shown = id.clone();
    blocking(state, move |s| {
        let Some(stored) = s.get(&id)? else {
            return Ok(None);
        };
        let story = s.story_of(&id)?;
        Ok(Some(ArticleItem::new(stored, story, true)))
    })
    .await?
    .ok_or_else(|| Failure::not_found(format!("article {shown:?}")))
}

async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ArticleItem>, Failure> {
    Ok(Json(find_article(&state, id).await?))
}

/// An article sent to the API.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewArticle {
    /// Defaults to `url`.
    pub id: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub language: Option<String>,
    pub text: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Posted {
    One(NewArticle),
    Many(Vec<NewArticle>),
}

#[derive(Serialize)]
struct PostResult {
    id: String,
    seq: i64,
    /// `new` or `duplicate` (already in the store: same id, page or text).
    status: &'static str,
}

impl NewArticle {
    fn into_article(self, index: usize) -> Result<Article, Failure> {
        let id = self
            .id
            .or_else(|| self.url.clone())
            .filter(|id| !id.trim().is_empty())
            .ok_or_else(|| {
                Failure::bad_request(format!("article {index}: needs an id or a url"))
            })?;
        if self.text.trim().is_empty() {
            return Err(Failure::bad_request(format!(
                "article {index} ({id}): empty text"
            )));
        }
        Ok(Article {
            id,
            source: self.source,
            url: self.url,
            title: self.title.unwrap_or_default(),
            published: self.published,
            language: self.language,
            text: self.text,
        })
    }
}

async fn post_articles(
    State(state): State<AppState>,
    Json(posted): Json<Posted>,
) -> Result<Json<serde_json::Value>, Failure> {
    let posted = match posted {
        Posted::One(one) => vec![one],
        Posted::Many(many) => many,
    };
    let articles = posted
        .into_iter()
        .enumerate()
        .map(|(i, a)| a.into_article(i))
        .collect::<Result<Vec<_>, _>>()?;
    let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
    let added = blocking(&state, move |s| s.append(&articles)).await?;
    (state.appended)();
    let results: Vec<PostResult> = ids
        .into_iter()
        .zip(added)
        .map(|(id, added)| match added {
            Added::New(seq) => PostResult {
                id,
                seq,
                status: "new",
            },
            Added::Duplicate(seq) => PostResult {
                id,
                seq,
                status: "duplicate",
            },
        })
        .collect();
    Ok(Json(serde_json::json!({ "results": results })))
}

#[derive(Deserialize)]
pub struct SearchQuery {
    pub q: Option<String>,
    pub limit: Option<usize>,
}

/// A quote or name that matched, with its story.
#[derive(Serialize, Clone)]
pub struct StoryHitItem {
    pub story: i64,
    pub headline: String,
    /// For a quote its speaker, for a name its kind.
    pub label: String,
    #[serde(flatten)]
    pub excerpt: Excerpt,
}

impl From<StoryHit> for StoryHitItem {
    fn from(hit: StoryHit) -> Self {
        StoryHitItem {
            story: hit.story,
            headline: hit.headline,
            label: hit.label,
            excerpt: Excerpt::from_marked(&hit.excerpt),
        }
    }
}

/// An article that matched.
#[derive(Serialize, Clone)]
pub struct ArticleHitItem {
    pub seq: i64,
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    #[serde(flatten)]
    pub excerpt: Excerpt,
}

/// Everything a search finds: articles, quotes and names.
#[derive(Serialize, Default, Clone)]
pub struct Results {
    pub articles: Vec<ArticleHitItem>,
    pub quotes: Vec<StoryHitItem>,
    pub names: Vec<StoryHitItem>,
}

/// A search, answered from [`SearchCache`](super::search_cache::SearchCache)
/// while the store has not changed since the same search.
pub async fn run_search(state: &AppState, query: SearchQuery) -> Result<Arc<Results>, Failure> {
    let q = query.q.unwrap_or_default();
    let limit = query.limit.unwrap_or(20).min(MAX_LIMIT);
    if q.trim().is_empty() {
        return Ok(Arc::new(Results::default()));
    }
    // One trip to the store: the version, then the search unless cached.
    enum Answer {
        Cached(Arc<Results>),
        Found(Vec<Hit>, Vec<StoryHit>),
    }
    let searches = state.searches.clone();
    let asked = q.clone();
    let (version, answer) = blocking(state, move |s| {
        let version = (s.last_seq()?, s.analysed_to()?);
        let answer = match searches.get(&q, limit, version) {
            Some(results) => Answer::Cached(results),
            None => Answer::Found(s.search(&q, limit)?, s.search_stories(&q, limit * 2)?),
        };
        Ok((version, answer))
    })
    .await?;
    let (articles, stories) = match answer {
        Answer::Cached(results) => return Ok(results),
        Answer::Found(articles, stories) => (articles, stories),
    };
    let mut results = Results {
        articles: articles
            .into_iter()
            .map(|h| ArticleHitItem {
                seq: h.seq,
                id: h.id,
                title: h.title,
                source: h.source,
                excerpt: Excerpt::from_marked(&h.excerpt),
            })
            .collect(),
        ..Results::default()
    };
    for hit in stories {
        let list = match hit.kind {
            SearchKind::Quote => &mut results.quotes,
            SearchKind::Name => &mut results.names,
        };
        if list.len() < limit {
            list.push(hit.into());
        }
    }
    let results = Arc::new(results);
    state.searches.put(asked, limit, version, results.clone());
    Ok(results)
}

async fn search(
    State(state): State<AppState>,
    Query(query): Query<SearchQuery>,
) -> Result<Json<Results>, Failure> {
    Ok(Json(Results::clone(&*run_search(&state, query).await?)))
}

async fn quotes(
    State(state): State<AppState>,
    Query(query): Query<SearchQuery>,
) -> Result<Json<serde_json::Value>, Failure> {
    let results = run_search(&state, query).await?;
    Ok(Json(serde_json::json!({ "quotes": &results.quotes })))
}

/// How far the store is: articles in the log, articles analysed, stories.
async fn status(State(state): State<AppState>) -> Result<Json<serde_json::Value>, Failure> {
    let (articles, analysed, stories) = blocking(&state, |s| {
        Ok((s.last_seq()?, s.analysed_to()?, s.count_stories()?))
    })
    .await?;
    Ok(Json(serde_json::json!({
        "articles": articles,
        "analysed": analysed,
        "stories": stories,
    })))
}
