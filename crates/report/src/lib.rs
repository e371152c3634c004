//! Render an analysis: terminal text, the `parallax.analysis/1` JSON contract, offline HTML.
//!
//! - [`to_json`] / [`json::document`]: the versioned, documented JSON contract
//!   (`docs/json-schema.md`). This crate is the only place that knows it.
//! - [`to_text`]: a concise, deterministic terminal summary, lines of at most
//!   [`text::WIDTH`] characters.
//! - [`to_html`]: one self-contained HTML page (inline CSS, no script, no external
//!   asset) with the outlets side by side. All article content is escaped.
//! - [`site`]: a static site, written story by story: a page per story and
//!   index pages listing them, for corpora of any size.
//!
//! Renderers never panic: every span coming from the analysis is checked against
//! its article's text before it is used, and a span that does not fit is skipped.

mod diff;
mod escape;
mod html;
pub mod json;
mod lookup;
pub mod site;
mod spelling;
pub mod text;

/// Text escaped for HTML (or XML) content and quoted attribute values.
pub use escape::html as escape_html;

use parallax_model::Analysis;

/// The schema identifier written in every JSON document. Additive changes keep
/// `/1`; renaming or removing a field bumps it to `/2`.
pub const SCHEMA: &str = "parallax.analysis/1";

/// The `generator` field of the JSON document and the HTML `<meta name="generator">`.
pub const GENERATOR: &str = concat!("parallax ", env!("CARGO_PKG_VERSION"));

/// The analysis as a `parallax.analysis/1` JSON value, fields in documented order.
///
/// To serialise without building a `Value` first (large corpora), serialise
/// [`json::document`] directly with `serde_json::to_writer`.
pub fn to_json(analysis: &Analysis) -> serde_json::Value {
    // Serialising plain structs of strings, numbers and options into a `Value`
    // cannot fail; `Null` is an unreachable, non-panicking fallback.
    serde_json::to_value(json::document(analysis)).unwrap_or(serde_json::Value::Null)
}

/// A terminal summary of every story: counts, time span, shared and exclusive
/// claims, quotes with their variants, spellings that differ, flagged segments.
pub fn to_text(analysis: &Analysis) -> String {
    text::render(analysis)
}

/// One self-contained HTML page: stories, names, quotes with word-level diffs,
/// shared and exclusive claims, and every article's full text side by side.
pub fn to_html(analysis: &Analysis) -> String {
    html::render(analysis, None)
}

/// [`to_html`] for a page of the service's site: the masthead links back to
/// `home` (a URL path chosen by the caller, escaped like everything else) and
/// a one-story page searches the story at `{home}search`.
pub fn to_html_in_site(analysis: &Analysis, home: &str) -> String {
    html::render(analysis, Some(html::Site { home, search: true }))
}
