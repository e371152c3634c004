//! Render an analysis: terminal text, the `parallax.analysis/1` JSON contract, offline HTML.

use parallax_model::Analysis;

pub const SCHEMA: &str = "parallax.analysis/1";

pub fn to_json(analysis: &Analysis) -> serde_json::Value {
    let _ = analysis;
    serde_json::json!({ "schema": SCHEMA })
}

pub fn to_text(analysis: &Analysis) -> String {
    let _ = analysis;
    String::new()
}

pub fn to_html(analysis: &Analysis) -> String {
    let _ = analysis;
    String::new()
}
