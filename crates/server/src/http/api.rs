//! The JSON API under `/api/v1`, described by `openapi.json` (served at
//! `/api/v1/openapi.json`).

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use parallax_model::Article;
use parallax_store::{
    Added, ArticleFilter, Found, Hit, Rendition, SearchKind, Stored, StoryHit, StoryOrder,
    StorySummary,
};
use serde::{Deserialize, Serialize};

use super::story_id::Named;
use super::{AppState, Failure, StoryId, blocking, error_message};
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
        .fallback(|| async {
            Failure {
                status: StatusCode::NOT_FOUND,
                message: "no such API route; see /api/v1/openapi.json".to_string(),
            }
        })
        .layer(axum::middleware::map_response(json_errors))
}

/// Every error of the API is `{"error": ...}`, including the plain-text
/// rejections of axum's extractors (a malformed path or query, an unknown
/// method), as the OpenAPI description promises.
async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let mut message = error_message(body).await;
    if message.is_empty() {
        message = status.canonical_reason().unwrap_or("error").to_string();
    }
    let mut json = Failure { status, message }.into_response();
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            json.headers_mut().insert(name, value.clone());
        }
    }
    json
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
    pub id: StoryId,
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
        let id = StoryId(s.id);
        StoryItem {
            href: format!("/api/v1/stories/{id}"),
            page: format!("/stories/{id}"),
            id,
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

/// A story's rendition, or where it is to be found: the story it was merged
/// into, or its canonical URL when it was named by number.
pub enum StoryAnswer {
    /// The rendition as stored: gzip-compressed.
    Gzipped(Vec<u8>),
    /// Answered with a permanent redirect to the story under `prefix`.
    Elsewhere(StoryId),
}

/// Look a story up by the id in its URL, in the rendition asked for.
pub async fn find_story(
    state: &AppState,
    named: &str,
    rendition: Rendition,
) -> Result<StoryAnswer, Failure> {
    let id = match StoryId::parse(named) {
        Some(Named::Canonically(id)) => id,
        Some(Named::ByNumber(id)) => return Ok(StoryAnswer::Elsewhere(id)),
        None => return Err(Failure::not_found(format!("story {named:?}"))),
    };
    match blocking(state, move |s| s.story(id.0, rendition)).await? {
        None => Err(Failure::not_found(id)),
        Some(Found::MergedInto(into)) => Ok(StoryAnswer::Elsewhere(StoryId(into))),
        Some(Found::Story { rendition, .. }) => Ok(StoryAnswer::Gzipped(rendition)),
    }
}

impl StoryAnswer {
    /// The response: the rendition, or a permanent redirect to
    /// `{prefix}/{id}`.
    pub fn respond(
        self,
        request: &HeaderMap,
        prefix: &str,
        content_type: &'static str,
    ) -> Response {
        match self {
            StoryAnswer::Elsewhere(id) => {
                Redirect::permanent(&format!("{prefix}/{id}")).into_response()
            }
            StoryAnswer::Gzipped(bytes) => gzip::respond(request, bytes, content_type),
        }
    }
}

/// The story's `parallax.analysis/1` document, as saved by the analyser.
async fn story(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request: HeaderMap,
) -> Result<Response, Failure> {
    let answer = find_story(&state, &id, Rendition::Document).await?;
    Ok(answer.respond(&request, "/api/v1/stories", "application/json"))
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
    pub story: Option<StoryId>,
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
            story: story.map(StoryId),
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

/// What became of one posted article.
#[derive(Serialize)]
#[serde(untagged)]
enum PostResult {
    Stored {
        id: String,
        seq: i64,
        /// `new` or `duplicate` (already in the store: same id, page or text).
        status: &'static str,
    },
    Invalid {
        /// The item's place in the posted array, from 0.
        index: usize,
        /// Always `invalid`.
        status: &'static str,
        /// What is wrong, naming the field.
        error: String,
    },
}

/// The articles of a `POST /api/v1/articles` body (one article object or an
/// array of them), each checked on its own: an item is its article, or why
/// it cannot be one, naming the item and the field, so that one bad item
/// does not cost the others. Only a body that is not JSON, or neither an
/// object nor an array, fails as a whole. Notes say what was repaired.
pub fn posted_articles(body: &[u8]) -> Result<Posted, String> {
    let text = std::str::from_utf8(body).map_err(|e| format!("the body is not UTF-8 text: {e}"))?;
    let mut notes = Vec::new();
    let items = match parallax_read::parse_json(text, &mut notes)? {
        serde_json::Value::Array(items) => items,
        item @ serde_json::Value::Object(_) => vec![item],
        _ => return Err("expected an article object or an array of them".to_string()),
    };
    let articles = items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            serde_path_to_error::deserialize::<_, NewArticle>(item)
                .map_err(|e| match e.path().to_string().as_str() {
                    "." => e.inner().to_string(),
                    path => format!("{path}: {}", e.inner()),
                })
                .and_then(NewArticle::into_article)
                .map_err(|error| format!("article {index}: {error}"))
        })
        .collect();
    Ok(Posted { articles, notes })
}

/// A posted body, read: see [`posted_articles`].
pub struct Posted {
    pub articles: Vec<Result<Article, String>>,
    pub notes: Vec<String>,
}

impl NewArticle {
    fn into_article(self) -> Result<Article, String> {
        let id = self
            .id
            .or_else(|| self.url.clone())
            .filter(|id| !id.trim().is_empty())
            .ok_or("needs an id or a url")?;
        if self.text.trim().is_empty() {
            return Err(format!("{id}: empty text"));
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

/// Store every valid article of the body and say what became of each item,
/// in order. 400 when no item is valid.
async fn post_articles(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, Failure> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return Err(Failure {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            message: "expected Content-Type: application/json".to_string(),
        });
    }
    let Posted { articles, notes } = posted_articles(&body).map_err(Failure::bad_request)?;
    let mut results = Vec::with_capacity(articles.len());
    let mut valid = Vec::new();
    for (index, article) in articles.into_iter().enumerate() {
        match article {
            Ok(article) => {
                valid.push(article);
                results.push(None);
            }
            Err(error) => results.push(Some(PostResult::Invalid {
                index,
                status: "invalid",
                error,
            })),
        }
    }
    let status = if valid.is_empty() {
        StatusCode::BAD_REQUEST
    } else {
        let ids: Vec<String> = valid.iter().map(|a| a.id.clone()).collect();
        let added = blocking(&state, move |s| s.append(&valid)).await?;
        (state.appended)();
        let mut stored = ids.into_iter().zip(added).map(|(id, added)| {
            let (seq, status) = match added {
                Added::New(seq) => (seq, "new"),
                Added::Duplicate(seq) => (seq, "duplicate"),
                Added::Queued(seq) => (seq, "queued"),
            };
            PostResult::Stored { id, seq, status }
        });
        for slot in results.iter_mut().filter(|r| r.is_none()) {
            *slot = stored.next();
        }
        StatusCode::OK
    };
    let mut answer = serde_json::json!({ "results": results });
    if status != StatusCode::OK {
        answer["error"] = "no valid article in the body".into();
    }
    if !notes.is_empty() {
        answer["notes"] = notes.into();
    }
    Ok((status, Json(answer)).into_response())
}

#[derive(Deserialize)]
pub struct SearchQuery {
    pub q: Option<String>,
    pub limit: Option<usize>,
    /// Articles of this outlet only.
    pub outlet: Option<String>,
    /// Articles published on or after this day (`2026-03-12`) or time (RFC 3339).
    pub from: Option<String>,
    /// Articles published on or before this day, or before this time.
    pub until: Option<String>,
    /// Quotes, names and articles of this story only (`story-N`).
    pub story: Option<String>,
}

/// A query parameter's value, unless absent or blank.
fn nonempty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl SearchQuery {
    /// What the search is narrowed to; a malformed date or story id is an
    /// error naming the parameter.
    pub fn filter(&self) -> Result<ArticleFilter, Failure> {
        let time = |name: &str, end_of_day: bool| -> Result<Option<DateTime<Utc>>, Failure> {
            let Some(text) = nonempty(if name == "from" {
                &self.from
            } else {
                &self.until
            }) else {
                return Ok(None);
            };
            if let Ok(time) = DateTime::parse_from_rfc3339(text) {
                return Ok(Some(time.with_timezone(&Utc)));
            }
            let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                Failure::bad_request(format!(
                    "{name}: expected a day like 2026-03-12 or an RFC 3339 time, not {text:?}"
                ))
            })?;
            // A day given as `until` is included whole.
            let day = if end_of_day {
                day.succ_opt().unwrap_or(day)
            } else {
                day
            };
            Ok(Some(day.and_time(chrono::NaiveTime::MIN).and_utc()))
        };
        let story = match nonempty(&self.story) {
            None => None,
            Some(text) => match StoryId::parse(text) {
                Some(Named::Canonically(id) | Named::ByNumber(id)) => Some(id.0),
                None => {
                    return Err(Failure::bad_request(format!(
                        "story: not a story id: {text:?}"
                    )));
                }
            },
        };
        Ok(ArticleFilter {
            outlet: nonempty(&self.outlet).map(String::from),
            from: time("from", false)?,
            until: time("until", true)?,
            story,
        })
    }
}

/// A quote or name that matched, with its story.
#[derive(Serialize, Clone)]
pub struct StoryHitItem {
    pub story: StoryId,
    pub headline: String,
    /// For a quote its speaker, for a name its kind.
    pub label: String,
    #[serde(flatten)]
    pub excerpt: Excerpt,
}

impl From<StoryHit> for StoryHitItem {
    fn from(hit: StoryHit) -> Self {
        StoryHitItem {
            story: StoryId(hit.story),
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

/// The other spellings of the names a query found (a name's searchable text
/// is its forms joined by " / "), at most [`MAX_SPELLINGS`].
fn other_spellings(query: &str, found: &[StoryHit]) -> Vec<String> {
    let asked = query.trim().to_lowercase();
    let mut spellings: Vec<String> = Vec::new();
    for hit in found.iter().filter(|h| h.kind == SearchKind::Name) {
        let text: String = hit
            .excerpt
            .chars()
            .filter(|&c| c != parallax_store::MATCH_START && c != parallax_store::MATCH_END)
            .collect();
        for form in text.split(" / ").map(str::trim) {
            let new = spellings.iter().all(|s| !s.eq_ignore_ascii_case(form));
            if new && form.to_lowercase() != asked && spellings.len() < MAX_SPELLINGS {
                spellings.push(form.to_string());
            }
        }
    }
    spellings
}

/// Other spellings searched for one query.
const MAX_SPELLINGS: usize = 6;

/// A search, answered from [`SearchCache`](super::search_cache::SearchCache)
/// while the store has not changed since the same search.
pub async fn run_search(state: &AppState, query: SearchQuery) -> Result<Arc<Results>, Failure> {
    let filter = query.filter()?;
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
    let key = (q.clone(), filter.clone(), limit);
    let (version, answer) = blocking(state, move |s| {
        let version = (s.last_seq()?, s.analysed_to()?);
        let answer = match searches.get(&q, &filter, limit, version) {
            Some(results) => Answer::Cached(results),
            None => {
                let mut stories = s.search_stories(&q, limit * 2)?;
                if let Some(story) = filter.story {
                    stories.retain(|h| h.story == story);
                }
                let mut articles = s.search_within(&q, &filter, limit)?;
                // Articles that name what was asked for in another spelling:
                // "Kiev" finds the reports that write "Kyiv" too.
                for spelling in other_spellings(&q, &stories) {
                    if articles.len() >= limit {
                        break;
                    }
                    for hit in s.search_within(&spelling, &filter, limit)? {
                        if articles.len() < limit && articles.iter().all(|a| a.seq != hit.seq) {
                            articles.push(hit);
                        }
                    }
                }
                Answer::Found(articles, stories)
            }
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
    state.searches.put(key, version, results.clone());
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
