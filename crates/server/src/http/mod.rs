//! The web server: HTML pages for people, a JSON API for programs.
//!
//! Handlers are thin: they call the store on the blocking thread pool and
//! render. Everything shown comes from untrusted articles and feeds, so pages
//! are rendered with auto-escaping templates (and the story page by the
//! report's escaping renderer), links are only ever http(s), and every
//! response forbids scripts through its Content-Security-Policy.

mod api;
mod bidi_safe;
mod export;
mod pages;
mod search_cache;
mod sources;
mod story_id;

use std::sync::Arc;

pub use api::{Posted, posted_articles};
use axum::Router;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
pub use bidi_safe::BidiSafeHtml;
use parallax_store::{ArticleLog, Sources, StoryViews};
pub use search_cache::SearchCache;
pub use story_id::StoryId;
use tokio::sync::Semaphore;

/// What the server needs from a store.
pub trait Backend: ArticleLog + StoryViews + Sources + Send + Sync + 'static {}
impl<T: ArticleLog + StoryViews + Sources + Send + Sync + 'static> Backend for T {}

/// Shared by every request.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Backend>,
    /// Polling interval of a source added without one, in minutes.
    pub default_every_minutes: u32,
    /// Called after articles were appended, to wake the analyser.
    pub appended: Arc<dyn Fn() + Send + Sync>,
    /// Recent search answers.
    pub searches: Arc<SearchCache>,
    /// Store calls allowed to run at once; see [`store_slots`].
    pub store_slots: Arc<Semaphore>,
    /// When set, every request that changes the store must carry it as
    /// `Authorization: Bearer <token>`; see [`crate::Config::token`].
    pub write_token: Option<Arc<str>>,
}

/// Slots for concurrent store calls: two per core. Fifty requests running
/// fifty SQLite searches at once on two cores only take turns, each on its
/// own connection with a cold page cache; queued, they finish sooner (new
/// searches at 50 connections on 100,000 articles: p99 64 ms unlimited,
/// 40 ms with two slots per core; see docs/benchmarks.md).
pub fn store_slots() -> Arc<Semaphore> {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    Arc::new(Semaphore::new(cores * 2))
}

/// Largest request body accepted (a batch of posted articles).
const MAX_BODY: usize = 16 * 1024 * 1024;

/// Every route of the server.
pub fn router(state: AppState) -> Router {
    let pages = Router::new()
        .route("/", get(pages::stories))
        .route("/stories/{id}", get(pages::story))
        .route("/articles/{id}", get(pages::article))
        .route("/search", get(pages::search))
        .fallback(|| async { Failure::not_found("page") })
        .layer(axum::middleware::map_response(pages::html_errors));
    Router::new()
        .merge(pages)
        .nest("/api/v1", api::routes())
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            require_token,
        ))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Writes (any method but GET, HEAD and OPTIONS) carry the write token when
/// the server has one; reads stay open.
async fn require_token(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let reads = [Method::GET, Method::HEAD, Method::OPTIONS];
    let Some(token) = state.write_token.as_deref() else {
        return next.run(request).await;
    };
    if reads.contains(request.method()) {
        return next.run(request).await;
    }
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    if given.is_some_and(|given| same_secret(given.as_bytes(), token.as_bytes())) {
        return next.run(request).await;
    }
    let mut refused = Failure {
        status: StatusCode::UNAUTHORIZED,
        message: "writes need `Authorization: Bearer <token>` (see docs/service.md)".to_string(),
    }
    .into_response();
    refused
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    refused
}

/// Equality whose time does not depend on where two equal-length secrets
/// first differ, so that a token cannot be guessed byte by byte.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// No script, no external resource, no framing, no sniffing, no referrer:
/// whatever an article contains, a page can only show text and links.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// A request that failed: a status and a message for the person or program.
#[derive(Debug)]
pub struct Failure {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
}

impl Failure {
    fn not_found(what: impl std::fmt::Display) -> Self {
        Failure {
            status: StatusCode::NOT_FOUND,
            message: format!("{what} not found"),
        }
    }

    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Failure {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }

    fn bad_request(message: impl Into<String>) -> Self {
        Failure {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
}

impl From<parallax_store::Error> for Failure {
    fn from(err: parallax_store::Error) -> Self {
        tracing::error!(%err, "store error");
        Failure::internal("the store could not answer; see the server log")
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (
            self.status,
            axum::Json(serde_json::json!({ "error": self.message })),
        )
            .into_response()
    }
}

/// Run a store call on the blocking pool (SQLite calls block).
async fn blocking<T: Send + 'static>(
    state: &AppState,
    call: impl FnOnce(&dyn Backend) -> Result<T, parallax_store::Error> + Send + 'static,
) -> Result<T, Failure> {
    let store = state.store.clone();
    let Ok(slot) = state.store_slots.clone().acquire_owned().await else {
        return Err(Failure::internal(
            "internal error: the store slots were closed",
        ));
    };
    match tokio::task::spawn_blocking(move || {
        let _slot = slot;
        call(store.as_ref())
    })
    .await
    {
        Ok(result) => Ok(result?),
        Err(err) => {
            tracing::error!(%err, "store task failed");
            Err(Failure::internal("internal error"))
        }
    }
}

/// What an error response says, whatever made it: a [`Failure`]'s JSON
/// `error`, or an axum extractor's plain-text rejection; empty when nothing.
async fn error_message(body: axum::body::Body) -> String {
    let body = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v["error"].as_str().map(String::from))
        .unwrap_or_else(|| String::from_utf8_lossy(&body).trim().to_string())
}

/// An article URL fit for a link: absolute http(s) only, so that no
/// `javascript:` or `data:` URL from a feed can ever become a link.
pub(crate) fn safe_link(url: Option<&str>) -> Option<String> {
    let url = url?.trim();
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then(|| url.to_string())
}
