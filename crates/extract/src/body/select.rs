//! Choosing the article container from the walked page and reading its blocks.

use super::walk::{Block, Element, Walk};
use super::{edges, widen};
use crate::meta::Meta;

/// Blocks shorter than this do not vote for their ancestors.
pub(super) const MIN_SCORING_CHARS: usize = 25;
/// How many ancestors a block's score reaches.
const SCORED_ANCESTORS: usize = 5;
/// A block more than this share of link text is navigation, not prose.
const MAX_BLOCK_LINK_DENSITY: f32 = 0.5;

/// The article's paragraphs, in document order.
pub(crate) fn article(walk: &Walk, meta: &Meta) -> Vec<String> {
    let scores = score(walk);
    let Some(top) = best(walk, &scores) else {
        return Vec::new();
    };
    let top = widen::widen(walk, top);
    let top = titled_article(walk, meta, top).unwrap_or(top);
    let (roots, lead) = with_siblings(walk, &scores, top);
    let deck = edges::deck(walk, &roots);
    let mut out: Vec<String> = Vec::new();
    // The last paragraph kept when it is a short subhead-like line (see
    // [`edges::is_stray_line`]), and the subheads whose section turned out to
    // be links.
    let mut subhead: Option<usize> = None;
    let mut orphans: Vec<usize> = Vec::new();
    for block in &walk.blocks {
        if !roots.iter().any(|&r| inside(walk, block.owner, r)) {
            if let Some((range, common)) = &deck
                && range.contains(&block.owner)
                && is_standfirst_like(block)
                && keep_block(walk, block, meta)
                && !in_link_cluster(walk, block.owner, *common, true)
            {
                out.push(block.text.clone());
                subhead = None;
            }
            continue;
        }
        if lead.is_some_and(|lead| inside(walk, block.owner, lead))
            && edges::is_stray_line(&block.text)
        {
            continue;
        }
        let standfirst = is_standfirst_like(block);
        // A linked sentence is judged by the elements around it, not by itself.
        let start = if is_linked_sentence(walk, block) {
            walk.elements.get(block.owner).and_then(|e| e.parent)
        } else {
            Some(block.owner)
        };
        if !keep_block(walk, block, meta)
            || roots
                .iter()
                .filter(|&&r| inside(walk, block.owner, r) && block.owner != r)
                .any(|&r| start.is_some_and(|s| in_link_cluster(walk, s, r, standfirst)))
        {
            // The subhead over a list of links ("Related", "More on this")
            // goes with the list.
            if block.link_chars > 0 {
                orphans.extend(subhead.take());
            }
            continue;
        }
        subhead = (edges::is_stray_line(&block.text) && !is_list_item(walk, block.owner))
            .then_some(out.len());
        out.push(block.text.clone());
    }
    for &orphan in orphans.iter().rev() {
        out.remove(orphan);
    }
    edges::trim_dateline_head(&mut out);
    edges::trim_stray_tail(&mut out);
    out
}

/// An `<article>` holding at least this much text can replace the chosen container.
const MIN_TITLED_ARTICLE_CHARS: usize = 500;

/// The `<article>` whose headline is the page's title, when the chosen
/// container lies outside it: pages that append the next stories under the
/// first (infinite scroll) or list other stories beside it put several
/// `<article>`s on one page, and the page's own is the one it is titled after.
fn titled_article(walk: &Walk, meta: &Meta, top: usize) -> Option<usize> {
    let title = meta.title.as_deref()?.trim();
    if title.is_empty() {
        return None;
    }
    let headline = walk
        .blocks
        .iter()
        .find(|b| is_heading(walk, b.owner) && b.text.trim() == title)?;
    let mut article = walk.elements.get(headline.owner)?.parent?;
    while walk.elements.get(article)?.tag != "article" {
        article = walk.elements.get(article)?.parent?;
    }
    let element = walk.elements.get(article)?;
    if article == top
        || element.chars < MIN_TITLED_ARTICLE_CHARS
        || link_density(element) > MAX_BLOCK_LINK_DENSITY
    {
        return None;
    }
    // Only between stories: the chosen container holds, or is in, another
    // article with a headline of its own.
    let rival = if inside(walk, article, top) {
        let end = walk.elements.get(top)?.end;
        (top..end).find(|&i| {
            !inside(walk, i, article)
                && !inside(walk, article, i)
                && walk.elements.get(i).is_some_and(|e| e.tag == "article")
                && has_headline(walk, i)
        })
    } else if inside(walk, top, article) {
        None
    } else {
        let mut other = top;
        while walk.elements.get(other)?.tag != "article" {
            other = walk.elements.get(other)?.parent?;
        }
        has_headline(walk, other).then_some(other)
    };
    rival.map(|_| article)
}

/// True when the element holds an `<h1>`.
fn has_headline(walk: &Walk, index: usize) -> bool {
    walk.elements.get(index).is_some_and(|e| {
        walk.elements
            .get(index..e.end)
            .is_some_and(|sub| sub.iter().any(|e| e.tag == "h1"))
    })
}

/// Blocks of the whole page that read like prose: long enough or ending a
/// sentence, few links, not the headline.
pub(crate) fn prose(walk: &Walk, meta: &Meta) -> Vec<String> {
    walk.blocks
        .iter()
        .filter(|b| b.chars >= PROSE_CHARS || b.text.ends_with(['.', '!', '?', ':']))
        .filter(|b| keep_block(walk, b, meta))
        .filter(|b| !in_link_cluster(walk, b.owner, usize::MAX, false))
        .map(|b| b.text.clone())
        .collect()
}

/// A block at least this long counts as prose in [`prose`].
const PROSE_CHARS: usize = 60;

/// Readability's content scores: every block of paragraph size adds
/// `1 + commas + min(chars / 100, 3)` to its container, half of that to the
/// next ancestor, and a third per level above.
fn score(walk: &Walk) -> Vec<f32> {
    let mut scores = vec![0.0_f32; walk.elements.len()];
    let mut seeded = vec![false; walk.elements.len()];
    for block in &walk.blocks {
        if block.chars < MIN_SCORING_CHARS
            || link_density_of(block) > MAX_BLOCK_LINK_DENSITY
            || is_heading(walk, block.owner)
        {
            continue;
        }
        let points = 1.0 + block.commas as f32 + (block.chars as f32 / 100.0).min(3.0);
        // A block owned by a container with other blocks in it (text directly
        // in a <div> among <p>s) scores from the container itself.
        let mut ancestor = container_of(walk, block.owner);
        for level in 0..SCORED_ANCESTORS {
            let Some(index) = ancestor else { break };
            let Some(element) = walk.elements.get(index) else {
                break;
            };
            if !seeded[index] {
                seeded[index] = true;
                scores[index] += super::hints::tag_weight(element.tag) + element.class_weight;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f32 * 3.0,
            };
            scores[index] += points / divider;
            ancestor = element.parent;
        }
    }
    for (index, element) in walk.elements.iter().enumerate() {
        if seeded[index] {
            scores[index] *= 1.0 - link_density(element);
        }
    }
    scores
}

/// An item of a list or a cell of a table (an ingredient, a figure): short
/// lines there are data, not titles.
fn is_list_item(walk: &Walk, index: usize) -> bool {
    walk.elements
        .get(index)
        .is_some_and(|e| matches!(e.tag, "li" | "td" | "th" | "dd" | "dt"))
}

/// Headlines and subheads are not prose: they do not vote for a container.
pub(super) fn is_heading(walk: &Walk, index: usize) -> bool {
    walk.elements
        .get(index)
        .is_some_and(|e| matches!(e.tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
}

/// The element whose score a block's text raises: the parent of a paragraph.
fn container_of(walk: &Walk, owner: usize) -> Option<usize> {
    walk.elements.get(owner)?.parent
}

/// How many of the best candidates must sit in one ancestor for it to be the article.
const MIN_SHARED_CANDIDATES: usize = 3;

/// The article container: the highest-scoring element, widened to the
/// ancestor that holds several near-best candidates (an article cut into
/// sections) or that scores better than it (readability's climb).
fn best(walk: &Walk, scores: &[f32]) -> Option<usize> {
    let mut ranked: Vec<(usize, f32)> = scores
        .iter()
        .enumerate()
        .filter(|(_, s)| **s > 0.0)
        .map(|(i, s)| (i, *s))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let &(mut top, top_score) = ranked.first()?;
    let close: Vec<usize> = ranked
        .iter()
        .skip(1)
        .take(4)
        .filter(|(_, s)| *s >= top_score * 0.75)
        .map(|(i, _)| *i)
        .collect();
    if close.len() >= MIN_SHARED_CANDIDATES {
        let mut ancestor = walk.elements.get(top).and_then(|e| e.parent);
        while let Some(index) = ancestor {
            let shared = close.iter().filter(|&&c| inside(walk, c, index)).count();
            if shared >= MIN_SHARED_CANDIDATES {
                top = index;
                break;
            }
            ancestor = walk.elements.get(index).and_then(|e| e.parent);
        }
    }
    // Climb while the parent scores at least a third as well, taking it when
    // it scores better than the element below it.
    let mut last = scores.get(top).copied().unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut parent = walk.elements.get(top).and_then(|e| e.parent);
    while let Some(index) = parent {
        let Some(element) = walk.elements.get(index) else {
            break;
        };
        if element.tag == "body" || element.tag == "html" {
            break;
        }
        let score = scores.get(index).copied().unwrap_or(0.0);
        if score > 0.0 {
            if score < threshold {
                break;
            }
            if score > last {
                top = index;
                break;
            }
            last = score;
        }
        parent = element.parent;
    }
    // An only child holding all of its parent's text: the parent is the container.
    while let Some(index) = walk.elements.get(top).and_then(|e| e.parent) {
        let (Some(child), Some(element)) = (walk.elements.get(top), walk.elements.get(index))
        else {
            break;
        };
        if element.tag == "body" || element.tag == "html" || element.chars != child.chars {
            break;
        }
        top = index;
    }
    Some(top)
}

/// The top container and those of its siblings that score nearly as well
/// (readability's sibling merge), in document order, plus the standfirst
/// ([`edges::add_lead`]), also returned on its own.
fn with_siblings(walk: &Walk, scores: &[f32], top: usize) -> (Vec<usize>, Option<usize>) {
    let Some(parent) = walk.elements.get(top).and_then(|e| e.parent) else {
        return (vec![top], None);
    };
    let top_score = scores.get(top).copied().unwrap_or(0.0);
    let threshold = (top_score * 0.2).max(10.0);
    let end = walk.elements.get(parent).map_or(parent, |p| p.end);
    let mut roots = Vec::new();
    let mut child = parent + 1;
    while child < end {
        let Some(element) = walk.elements.get(child) else {
            break;
        };
        let furniture = matches!(element.tag, "header" | "footer");
        let close = scores.get(child).copied().unwrap_or(0.0) >= threshold;
        if child == top || (!furniture && (close || is_loose_paragraph(walk, child))) {
            roots.push(child);
        }
        child = element.end.max(child + 1);
    }
    let lead = edges::add_lead(walk, &mut roots, top);
    (roots, lead)
}

/// A `<p>` next to the article container, long or sentence-like, with few links.
fn is_loose_paragraph(walk: &Walk, index: usize) -> bool {
    let Some(element) = walk.elements.get(index) else {
        return false;
    };
    if element.tag != "p" {
        return false;
    }
    let density = link_density(element);
    (element.chars > 80 && density < 0.25)
        || (element.chars > 0 && density == 0.0 && element.commas > 0)
}

/// Per-block filters inside the article.
fn keep_block(walk: &Walk, block: &Block, meta: &Meta) -> bool {
    let Some(owner) = walk.elements.get(block.owner) else {
        return false;
    };
    if owner.tag == "h1" {
        return false;
    }
    if meta
        .title
        .as_deref()
        .is_some_and(|t| t.trim() == block.text)
    {
        return false;
    }
    if is_byline(block, meta) {
        return false;
    }
    link_density_of(block) <= MAX_BLOCK_LINK_DENSITY || is_linked_sentence(walk, block)
}

/// A paragraph at least this long that ends a sentence is prose...
const LINKED_SENTENCE_MIN_CHARS: usize = 60;
/// ...unless more than this share of it is link text.
const LINKED_SENTENCE_MAX_LINK_DENSITY: f32 = 0.7;

/// A `<p>` of the article that is a whole sentence with links in it ("Read
/// the report on the agency's site."): navigation is lists of titles, not
/// sentences.
fn is_linked_sentence(walk: &Walk, block: &Block) -> bool {
    walk.elements.get(block.owner).is_some_and(|e| e.tag == "p")
        && block.chars >= LINKED_SENTENCE_MIN_CHARS
        && link_density_of(block) <= LINKED_SENTENCE_MAX_LINK_DENSITY
        && ends_sentence(&block.text)
}

/// A byline line is short and names one of the authors.
const MAX_BYLINE_CHARS: usize = 80;

/// A short line naming an author, not a sentence: the byline repeated in the body.
fn is_byline(block: &Block, meta: &Meta) -> bool {
    block.chars <= MAX_BYLINE_CHARS
        && !block.text.ends_with(['.', '!', '?'])
        && meta
            .authors
            .iter()
            .any(|a| a.chars().count() >= 5 && block.text.contains(a.as_str()))
}

/// Page headers and footers hold a headline, byline or credits, unless a site
/// puts its whole article in one (then it has more text than this).
const MAX_FURNITURE_HEADER_CHARS: usize = 500;

/// A standfirst is at least this long.
const STANDFIRST_MIN_CHARS: usize = 80;
/// A standfirst has hardly any links.
const STANDFIRST_MAX_LINK_DENSITY: f32 = 0.1;

/// A block that reads like a standfirst: a sentence or more of prose with
/// hardly any links (not a kicker, a dateline, a byline or a photo credit).
fn is_standfirst_like(block: &Block) -> bool {
    block.chars >= STANDFIRST_MIN_CHARS
        && link_density_of(block) < STANDFIRST_MAX_LINK_DENSITY
        && ends_sentence(&block.text)
}

/// Ends with sentence punctuation (or a closing quote after it), an
/// ellipsis included.
fn ends_sentence(text: &str) -> bool {
    edges::ends_line_of_text(text) || text.trim_end().ends_with('\u{2026}')
}

/// True when an element between the block and the article root is mostly
/// links (a list of related articles, a tag cloud), or a short header or
/// footer. An article's `<header>` holds its standfirst next to the headline
/// and byline: a `standfirst` block (see [`is_standfirst_like`]) is kept there.
fn in_link_cluster(walk: &Walk, owner: usize, root: usize, standfirst: bool) -> bool {
    let mut current = Some(owner);
    while let Some(index) = current {
        if index == root {
            return false;
        }
        let Some(element) = walk.elements.get(index) else {
            return false;
        };
        let density = link_density(element);
        let short_header = (element.tag == "footer" || (element.tag == "header" && !standfirst))
            && element.chars < MAX_FURNITURE_HEADER_CHARS;
        if short_header || density > 0.5 || (density > 0.4 && element.chars < 400) {
            return true;
        }
        current = element.parent;
    }
    false
}

/// True when `index` is `root` or inside its subtree.
pub(super) fn inside(walk: &Walk, index: usize, root: usize) -> bool {
    walk.elements
        .get(root)
        .is_some_and(|r| index >= root && index < r.end)
}

pub(super) fn link_density(element: &Element) -> f32 {
    ratio(element.link_chars, element.chars)
}

pub(super) fn link_density_of(block: &Block) -> f32 {
    ratio(block.link_chars, block.chars)
}

pub(super) fn ratio(part: usize, whole: usize) -> f32 {
    if whole == 0 {
        0.0
    } else {
        part as f32 / whole as f32
    }
}
