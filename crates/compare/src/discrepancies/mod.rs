//! Discrepancies: one fact stated differently by the outlets of a story.
//!
//! Two kinds are found, each read strictly: a missed discrepancy costs
//! little, a false one shown to a reader costs trust.
//! - [`numbers`]: the figures a shared claim's outlets give for the same
//!   thing ("at least 12 dead" / "15 killed"), told apart from a bound the
//!   other fits and from a rounding;
//! - [`speakers`]: the same words quoted under different speakers ("the
//!   minister said" / "her spokesman said").
//!
//! Numbers are read from the story's shared claims; speakers from the
//! attributed quotes [`Said`] keeps of each article as it arrives.

mod numbers;
mod speakers;

use parallax_model::{Discrepancy, QuoteGroup, SharedClaim, StoryEntity};

pub(crate) use speakers::Said;

/// The story's discrepancies: numbers claim by claim, then speakers.
pub(crate) fn find(
    shared: &[SharedClaim],
    quotes: &[QuoteGroup],
    said: &Said,
    entities: &[StoryEntity],
) -> Vec<Discrepancy> {
    let mut found = numbers::find(shared, entities);
    found.extend(said.differing(quotes, entities));
    found
}
