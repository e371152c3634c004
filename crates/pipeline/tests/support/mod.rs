//! What the discrepancy tests share: reading a story's discrepancies of one
//! kind, and checking that a look-alike reaches the rule it tests.

use parallax_model::{Discrepancy, DiscrepancyKind, Story};

/// The story's discrepancies of `kind`, in order.
pub fn of_kind(story: &Story, kind: DiscrepancyKind) -> Vec<&Discrepancy> {
    story
        .discrepancies
        .iter()
        .filter(|d| d.kind == kind)
        .collect()
}

/// Whether a shared claim holds both outlets' sentences with `words`: the
/// look-alikes reach the rule they test.
#[allow(dead_code)] // not every test binary that includes this module asks
pub fn shared(story: &Story, words: &str) -> bool {
    story.shared.iter().any(|c| {
        c.occurrences
            .iter()
            .filter(|o| o.text.contains(words))
            .map(|o| o.article.as_str())
            .collect::<std::collections::HashSet<_>>()
            .len()
            == 2
    })
}
