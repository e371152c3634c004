//! Named entities, quotes with their speakers, and speculation flags for one article.

use parallax_model::{Annotations, Article, Cleaned};

/// Annotate one cleaned article.
pub fn annotate(article: &Article, cleaned: &Cleaned) -> Annotations {
    let _ = (article, cleaned);
    Annotations::default()
}
