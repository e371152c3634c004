//! Discrepancies: one fact stated differently by the outlets of a story.
//!
//! Three kinds are found, each read strictly: a missed discrepancy costs
//! little, a false one shown to a reader costs trust.
//! - [`numbers`]: the figures a shared claim's outlets give for the same
//!   thing ("at least 12 dead" / "15 killed"), told apart from a bound the
//!   other fits and from a rounding;
//! - [`dates`]: a shared claim's outlets putting one event on different
//!   days ("on Friday" / "Saturday", resolved against publication dates);
//! - [`speakers`]: the same words quoted under different speakers ("the
//!   minister said" / "her spokesman said").
//!
//! Numbers are read from the story's shared claims alone; dates and
//! speakers also from what [`Gathered`] keeps of each article as it
//! arrives.

mod alike;
mod dates;
mod numbers;
mod speakers;

use parallax_model::{Discrepancy, Document, QuoteGroup, SharedClaim, StoryEntity};

use dates::Dated;
use speakers::Said;

/// What the story's articles give that discrepancies are read from beyond
/// its claims and quote groups: their dates and attributed quotes.
#[derive(Default)]
pub(crate) struct Gathered {
    dated: Dated,
    said: Said,
}

impl Gathered {
    /// Keep `doc`'s part; `row` maps its local entities to the story's.
    pub(crate) fn add(&mut self, doc: &Document, is_copy: bool, row: &[Option<usize>]) {
        self.dated.add(doc, is_copy);
        self.said.add(doc, is_copy, row);
    }

    /// The story's discrepancies: numbers claim by claim, then dates claim
    /// by claim, then speakers.
    pub(crate) fn find(
        &self,
        shared: &[SharedClaim],
        quotes: &[QuoteGroup],
        entities: &[StoryEntity],
    ) -> Vec<Discrepancy> {
        let mut found = numbers::find(shared, entities);
        found.extend(self.dated.differing(shared));
        found.extend(self.said.differing(quotes, entities));
        found
    }
}
