//! `/api/v1/sources`: the feeds the store follows.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use parallax_store::Source;
use serde::{Deserialize, Serialize};

use super::{AppState, Failure, blocking};

/// A followed feed as the API shows it.
#[derive(Serialize)]
pub struct SourceItem {
    pub url: String,
    pub title: Option<String>,
    pub every_minutes: i64,
    pub last_polled: Option<DateTime<Utc>>,
    pub next_poll: DateTime<Utc>,
    /// Failed polls in a row, and why the last one failed.
    pub failures: u32,
    pub last_error: Option<String>,
}

impl From<Source> for SourceItem {
    fn from(s: Source) -> Self {
        SourceItem {
            url: s.url,
            title: s.title,
            every_minutes: s.interval_s / 60,
            last_polled: s.last_polled,
            next_poll: s.next_poll,
            failures: s.failures,
            last_error: s.last_error,
        }
    }
}

pub async fn list(State(state): State<AppState>) -> Result<Json<serde_json::Value>, Failure> {
    let sources = blocking(&state, |s| s.sources()).await?;
    let items: Vec<SourceItem> = sources.into_iter().map(SourceItem::from).collect();
    Ok(Json(serde_json::json!({ "sources": items })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSource {
    pub url: String,
    pub title: Option<String>,
    /// Minutes between polls; at least 5.
    pub every_minutes: Option<u32>,
}

pub async fn add(
    State(state): State<AppState>,
    Json(new): Json<NewSource>,
) -> Result<Response, Failure> {
    let url = parallax_feeds::check_feed_url(&new.url)
        .map_err(Failure::bad_request)?
        .to_string();
    let every = i64::from(
        new.every_minutes
            .unwrap_or(state.default_every_minutes)
            .max(5),
    );
    let source = blocking(&state, move |s| {
        s.add_source(&url, new.title.as_deref(), every * 60)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(SourceItem::from(source))).into_response())
}

#[derive(Deserialize)]
pub struct Which {
    pub url: String,
}

pub async fn remove(
    State(state): State<AppState>,
    Query(which): Query<Which>,
) -> Result<StatusCode, Failure> {
    let url = which.url.clone();
    if blocking(&state, move |s| s.remove_source(&url)).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(Failure::not_found(format!("source {:?}", which.url)))
    }
}
