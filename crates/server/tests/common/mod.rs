//! What the server's integration tests share.

use std::path::PathBuf;

use parallax_model::Article;

/// The demo corpus (`examples/`), in arrival order.
pub fn demo_corpus() -> Vec<Article> {
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut articles = parallax_read::read_paths(&[examples]).articles;
    parallax_pipeline::arrival_order(&mut articles);
    articles
}
