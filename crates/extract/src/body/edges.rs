//! The two ends of the article: the standfirst that sites put in a
//! container of its own just before the body, and the short lines of page
//! furniture that trail after it.

use std::sync::LazyLock;

use regex::Regex;

use super::select::{inside, link_density};
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

/// A line ending with a colon and shorter than this introduces what follows
/// it ("More on this topic:", "Contact:"): at the end of the article, what it
/// introduced was left out.
const INTRO_LINE_MAX_CHARS: usize = 100;

/// Drop short lines that do not end a sentence, and lines introducing
/// something that is not there, from the end of the article (as trafilatura
/// prunes its output's tail), keeping at least one paragraph.
pub(super) fn trim_stray_tail(paragraphs: &mut Vec<String>) {
    while paragraphs.len() > 1
        && paragraphs
            .last()
            .is_some_and(|p| is_stray_line(p) || is_intro_line(p))
    {
        paragraphs.pop();
    }
}

fn is_intro_line(paragraph: &str) -> bool {
    paragraph.chars().count() < INTRO_LINE_MAX_CHARS && paragraph.trim_end().ends_with(':')
}

pub(super) fn is_stray_line(paragraph: &str) -> bool {
    paragraph.chars().count() < STRAY_LINE_MAX_CHARS && !ends_line_of_text(paragraph)
}

/// Ends with sentence punctuation or a closing quote (an ellipsis does not
/// count here; it does for a standfirst or a linked sentence in `select`).
pub(super) fn ends_line_of_text(paragraph: &str) -> bool {
    paragraph.trim_end().ends_with([
        '.', '!', '?', '"', '\u{201C}', '\u{201D}', '\u{AB}', '\u{BB}', '\u{3002}',
    ])
}

/// How many paragraphs at the top of the article are looked at for datelines.
const DATELINE_HEAD: usize = 5;
/// A dateline is shorter than this.
const DATELINE_MAX_CHARS: usize = 80;

/// Drop the datelines from the top of the article: "Published 2 May 2021",
/// "Updated: 02.05.2021, 10:27", "News | 2021-05-02". The date is metadata
/// (read on its own), not text of the article. At least one paragraph stays.
pub(super) fn trim_dateline_head(paragraphs: &mut Vec<String>) {
    let mut index = 0;
    let mut looked = 0;
    while looked < DATELINE_HEAD && index < paragraphs.len() && paragraphs.len() > 1 {
        if is_dateline(&paragraphs[index]) {
            paragraphs.remove(index);
        } else {
            index += 1;
        }
        looked += 1;
    }
}

/// A short line, not a sentence, that holds a calendar date.
fn is_dateline(paragraph: &str) -> bool {
    const MONTH: &str = r"(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec|ene|abr|ago|dic|gen|mag|giu|lug|set|ott|janv|févr|avr|juil|août|déc)[a-zäéû]*\.?";
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)\b\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{2,4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}\.?\s+{MONTH}\s+\d{{4}}\b|\b{MONTH}\s+\d{{1,2}},?\s+\d{{4}}\b|\b\d{{1,2}}\s+de\s+{MONTH}(?:\s+de)?\s+\d{{4}}"
        ))
        .unwrap_or_else(|e| panic!("{e}"))
    });
    paragraph.chars().count() < DATELINE_MAX_CHARS
        && !ends_line_of_text(paragraph)
        && DATE.is_match(paragraph)
}

/// The elements between the page's headline (the last `<h1>` before the
/// article) and the first of the article's `roots`, with the nearest element
/// holding both (not the page's `<body>`): the deck of the article
/// (standfirst, kicker, byline, date, lead picture, share buttons), where a
/// paragraph of prose belongs to the article.
pub(super) fn deck(walk: &Walk, roots: &[usize]) -> Option<(std::ops::Range<usize>, usize)> {
    let first = *roots.first()?;
    let headline = (0..first).rev().find(|&i| {
        walk.elements
            .get(i)
            .is_some_and(|e| e.tag == "h1" && e.end <= first)
    })?;
    let start = walk.elements.get(headline)?.end;
    let mut common = walk.elements.get(headline)?.parent?;
    while !inside(walk, first, common) {
        common = walk.elements.get(common)?.parent?;
    }
    let page = walk
        .elements
        .get(common)
        .is_none_or(|e| e.tag == "body" || e.tag == "html");
    (!page).then_some((start..first, common))
}
