//! Online story clustering: puts articles that report the same event into one
//! story, as a stream, without comparing every pair.
//!
//! In the spirit of Miranda et al. (2018, "Multilingual clustering of
//! streaming news") and Laban & Hearst's newsLens:
//!
//! - **Features** (`features.rs`): sublinear tf-idf over content terms (title
//!   counted twice) with document frequencies learned as the stream flows, and
//!   a separate entity vector weighted by mentions.
//! - **Candidates** (`index.rs`): an inverted index from salient terms and
//!   entities to the stories active within the time window.
//! - **Decision** (`similarity.rs`): term and entity cosine mixed, a strong
//!   penalty when both sides name distinctive people or places and share
//!   none (two rehab admissions in one week are two stories), a lesser one
//!   when they share a place but none of their people and organisations
//!   (two port strikes, one report naming the other port), a penalty when
//!   both name years and share none (the same kind of event another year), a
//!   bonus for shared quotes, a decay for distant dates; join the best story
//!   above a threshold (lower for headlines and snippets, which cannot reach
//!   the cosine of a full article) or start a new one. Stories that grow
//!   alike are merged (a story that took a document is compared with the
//!   stories that document was compared with).
//! - **Copies** (`copies.rs`): MinHash with LSH banding marks syndicated and
//!   near-duplicate bodies, which join their original's story.
//!
//! Everything is deterministic: no hash iteration order reaches a result.
//! Memory is bounded by the time window: closed and absorbed stories leave
//! memory, and [`Clusterer::place`] places a document without remembering
//! its membership, for endless streams (`parallax-bench stream`).
//!
//! Quality on public labelled sets, measured by `parallax-bench clusters`:
//! BCubed F1 with the full pipeline: BASIL 0.991, ECB+ 0.879, both mixed in
//! one stream 0.897; NMI on GoogleNews TS 0.941, News-T 0.880; see
//! docs/benchmarks.md (ECB+ topics pair two events of the same kind with the
//! same people and no dates, e.g. the same coach fired and later re-hired).
//!
//! ```
//! use parallax_group::{Clusterer, Config};
//! use parallax_model::{Annotations, Article, Cleaned, Document};
//!
//! let article = |id: &str, text: &str| Document {
//!     article: Article {
//!         id: id.into(),
//!         source: None,
//!         url: None,
//!         title: String::new(),
//!         published: None,
//!         language: None,
//!         text: text.into(),
//!     },
//!     cleaned: Cleaned::default(),
//!     annotations: Annotations::default(),
//! };
//! let mut clusterer = Clusterer::new(Config::default());
//! clusterer.add(&article("a", "Storm closes the ferry to Holm island for two days."));
//! clusterer.add(&article("b", "Velden council approves the northern tram extension."));
//! let joined = clusterer.add(&article("c", "Holm island ferry stays closed as storm rages."));
//! assert_eq!(joined.story, 0);
//! assert_eq!(clusterer.finish().memberships.len(), 3);
//! ```

mod clusterer;
mod config;
mod copies;
mod features;
mod hash;
mod index;
mod similarity;
mod sparse;
mod story;
mod tokens;
mod vocabulary;

pub use clusterer::Clusterer;
pub use config::Config;
pub use features::{Prepared, Preparer};

use parallax_model::{Document, Grouping};
use rayon::prelude::*;

/// Documents prepared in parallel at a time: enough to keep the cores busy,
/// few enough that their word lists stay small in memory.
const BATCH: usize = 1024;

/// Group documents given in arrival order, with [`Config::default`].
///
/// Same result as [`Clusterer::add`] on each document in turn; the stateless
/// preparation of each batch runs in parallel first.
pub fn group(docs: &[Document]) -> Grouping {
    let mut clusterer = Clusterer::new(Config::default());
    for batch in docs.chunks(BATCH) {
        let prepared: Vec<Prepared> = batch.par_iter().map(|d| clusterer.prepare(d)).collect();
        for (doc, prepared) in batch.iter().zip(prepared) {
            clusterer.add_prepared(doc, prepared);
        }
    }
    clusterer.finish()
}
