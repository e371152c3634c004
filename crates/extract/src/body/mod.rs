//! The article body: the main text of the page without navigation, related
//! links, comments, captions, cookie or paywall banners.
//!
//! Readability's approach over a single walk of the page ([`walk`]): text is
//! cut into blocks at block-level elements and line breaks; every
//! paragraph-sized block scores its ancestors (more for long text and commas);
//! the best-scoring container, discounted by its link density, is the article,
//! widened to its ancestors while they add prose (an article cut into sibling
//! widgets, [`widen`]), or narrowed to the `<article>` titled like the page
//! when several stories share it, and joined by siblings that score nearly as
//! well, by a standfirst just before it and by the prose between the headline
//! and it ([`select`], [`edges`]). Inside it, blocks and sub-containers that
//! are mostly links are dropped (with the subhead over them; a sentence with
//! links in it stays), datelines at its top and short non-sentence lines
//! trailing it are cut. When that leaves little, the walk is
//! repeated without the furniture heuristics, and as a last resort the
//! prose-like blocks of the whole page are taken instead.

mod edges;
mod hints;
mod select;
mod walk;
mod widen;

use scraper::Html;

use crate::meta::Meta;

/// Below this many characters the chosen container is not trusted.
const POOR_RESULT_CHARS: usize = 1000;

/// Paragraphs of the main text, separated by `"\n\n"`.
pub fn read(document: &Html, meta: &Meta) -> String {
    let strict = walk::walk(document, true);
    let paragraphs = select::article(&strict, meta);
    if chars(&paragraphs) >= POOR_RESULT_CHARS {
        return paragraphs.join("\n\n");
    }
    // The furniture heuristics hid too much (a whole-page wrapper named like a
    // sidebar, a `<form>` or `<aside>` left unclosed around the article) or the
    // page has no clear container: try again without them and keep that when
    // it finds far more text.
    let loose = walk::walk(document, false);
    let retry = select::article(&loose, meta);
    let mut best = if chars(&retry) > 2 * chars(&paragraphs) {
        retry
    } else {
        paragraphs
    };
    // Still poor: the prose-like blocks of the whole page, when they are
    // clearly more (pages without any container worth the name).
    if chars(&best) < POOR_RESULT_CHARS {
        let prose = select::prose(&loose, meta);
        if chars(&prose) > 2 * chars(&best) {
            best = prose;
        }
    }
    best.join("\n\n")
}

fn chars(paragraphs: &[String]) -> usize {
    paragraphs.iter().map(|p| p.chars().count()).sum()
}
