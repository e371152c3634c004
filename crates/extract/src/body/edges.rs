//! The two ends of the article: the standfirst that sites put in a
//! container of its own just before the body, and the short lines of page
//! furniture that trail after it.

use super::select::link_density;
use super::walk::Walk;

/// How many levels above the article container a standfirst is looked for.
const LEAD_LEVELS: usize = 3;
const LEAD_MIN_CHARS: usize = 60;
const LEAD_MAX_CHARS: usize = 1000;
/// A standfirst is prose, not a list of links.
const LEAD_MAX_LINK_DENSITY: f32 = 0.1;

/// Add to `roots` the standfirst before the article container `top`: one of
/// the last elements with text before it, or before one of its first
/// ancestors (a date or a photo credit may sit in between), when that is a
/// short run of prose without links. Returns it: its short lines that do not
/// end a sentence (a kicker, a dateline) are furniture, not the standfirst.
pub(super) fn add_lead(walk: &Walk, roots: &mut Vec<usize>, top: usize) -> Option<usize> {
    let mut level = Some(top);
    for _ in 0..LEAD_LEVELS {
        let Some(index) = level else { break };
        let lead = previous_texts(walk, index)
            .into_iter()
            .find(|&lead| !roots.contains(&lead) && is_lead(walk, lead));
        if let Some(lead) = lead {
            roots.push(lead);
            roots.sort_unstable();
            return Some(lead);
        }
        level = walk
            .elements
            .get(index)
            .and_then(|e| e.parent)
            .filter(|&p| walk.elements.get(p).is_some_and(|e| e.tag != "body"));
    }
    None
}

/// How many elements with text before the container are looked at.
const LEAD_LOOKBACK: usize = 2;

/// The last elements with text before `index` under the same parent, nearest first.
fn previous_texts(walk: &Walk, index: usize) -> Vec<usize> {
    let Some(parent) = walk.elements.get(index).and_then(|e| e.parent) else {
        return Vec::new();
    };
    let mut before = Vec::new();
    let mut child = parent + 1;
    while child < index {
        let Some(element) = walk.elements.get(child) else {
            break;
        };
        if element.chars > 0 {
            before.push(child);
        }
        child = element.end.max(child + 1);
    }
    before.into_iter().rev().take(LEAD_LOOKBACK).collect()
}

fn is_lead(walk: &Walk, index: usize) -> bool {
    walk.elements.get(index).is_some_and(|e| {
        (LEAD_MIN_CHARS..=LEAD_MAX_CHARS).contains(&e.chars)
            && link_density(e) < LEAD_MAX_LINK_DENSITY
    })
}

/// A paragraph shorter than this that does not end a sentence is furniture
/// when it trails the article: "Share this", "You might also like:",
/// "Updated:", a date, a like button.
const STRAY_LINE_MAX_CHARS: usize = 40;

/// Drop short lines that do not end a sentence from the end of the article
/// (as trafilatura prunes its output's tail), keeping at least one paragraph.
pub(super) fn trim_stray_tail(paragraphs: &mut Vec<String>) {
    while paragraphs.len() > 1 && paragraphs.last().is_some_and(|p| is_stray_line(p)) {
        paragraphs.pop();
    }
}

pub(super) fn is_stray_line(paragraph: &str) -> bool {
    paragraph.chars().count() < STRAY_LINE_MAX_CHARS
        && !paragraph.trim_end().ends_with([
            '.', '!', '?', '"', '\u{201C}', '\u{201D}', '\u{AB}', '\u{BB}', '\u{3002}',
        ])
}
