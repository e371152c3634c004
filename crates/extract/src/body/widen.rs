//! Widening the chosen container to the whole article when the article is
//! cut into sibling blocks (one per section, one per CMS widget): each block
//! scores on its own and the best one holds only part of the text.

use super::select::{MIN_SCORING_CHARS, is_heading, link_density_of, ratio};
use super::walk::Walk;

/// A block with more link text than this does not count as prose here.
const MAX_PROSE_LINK_DENSITY: f32 = 0.25;
/// What the parent adds must have at most this share of link text...
const MAX_ADDED_LINK_DENSITY: f32 = 0.2;
/// ...be at least this much prose...
const MIN_ADDED_PROSE_SHARE: f32 = 0.6;
/// ...and grow the prose by at least this fraction: a short bio or
/// disclaimer next to a long article does not widen it.
const MIN_PROSE_GROWTH: f32 = 0.15;

/// Climb from `top` to its parent while what the parent adds is prose:
/// mostly paragraph-sized text with few links, and a real share of the article.
pub(super) fn widen(walk: &Walk, mut top: usize) -> usize {
    let prose = prose_chars(walk);
    while let Some(parent) = walk.elements.get(top).and_then(|e| e.parent) {
        let (Some(child), Some(element)) = (walk.elements.get(top), walk.elements.get(parent))
        else {
            break;
        };
        if element.tag == "body" || element.tag == "html" {
            break;
        }
        let added_chars = element.chars.saturating_sub(child.chars);
        if added_chars > 0 {
            let added_links = element.link_chars.saturating_sub(child.link_chars);
            let (parent_prose, child_prose) = (
                prose.get(parent).copied().unwrap_or(0),
                prose.get(top).copied().unwrap_or(0),
            );
            let added_prose = parent_prose.saturating_sub(child_prose);
            let adds_article = ratio(added_links, added_chars) <= MAX_ADDED_LINK_DENSITY
                && ratio(added_prose, added_chars) >= MIN_ADDED_PROSE_SHARE
                && ratio(added_prose, child_prose) >= MIN_PROSE_GROWTH;
            if !adds_article {
                break;
            }
        }
        top = parent;
    }
    top
}

/// Characters of prose (paragraph-sized blocks with few links, not headings)
/// in each element's subtree, summed bottom-up in one sweep.
fn prose_chars(walk: &Walk) -> Vec<usize> {
    let mut prose = vec![0usize; walk.elements.len()];
    for block in &walk.blocks {
        if block.chars >= MIN_SCORING_CHARS
            && link_density_of(block) <= MAX_PROSE_LINK_DENSITY
            && !is_heading(walk, block.owner)
            && let Some(p) = prose.get_mut(block.owner)
        {
            *p += block.chars;
        }
    }
    // Elements are numbered in document order, so every child comes after its
    // parent: a reverse sweep adds each subtree's total to its parent once.
    for index in (0..walk.elements.len()).rev() {
        let own = prose.get(index).copied().unwrap_or(0);
        if let Some(p) = walk.elements[index].parent.and_then(|p| prose.get_mut(p)) {
            *p += own;
        }
    }
    prose
}
