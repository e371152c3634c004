//! Pictures of a story's coverage, drawn as inline SVG (no script, nothing
//! loaded), each with its numbers as text beside it for screen readers and
//! for copying:
//!
//! - a timeline: every article at its publication time, a row per outlet,
//!   syndicated copies hollow, the first report marked;
//! - what each article covers: shared claims it states, claims only it
//!   reports, quotes it prints and flagged text, as bars in a table that
//!   holds the same counts.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use parallax_model::Story;

use super::{html, outlet_link};
use crate::lookup::{Lookup, short_time};

/// Outlets drawn on a timeline; the rest are counted under it.
const MAX_ROWS: usize = 30;
const WIDTH: f64 = 640.0;
/// Room for outlet names on the left of the timeline.
const GUTTER: f64 = 150.0;
const ROW: f64 = 18.0;

/// An article on the timeline: when it was published, and whether it is a
/// syndicated copy.
type Dot = (DateTime<Utc>, bool);

/// The timeline, unless fewer than two articles carry a publication time
/// (then the list of arrivals above it says all there is).
pub(super) fn timeline(lookup: &Lookup<'_>, story: &Story, key: &str, out: &mut String) {
    let mut rows: Vec<(&str, Vec<Dot>)> = Vec::new();
    let mut row_of: HashMap<&str, usize> = HashMap::new();
    for (index, doc) in lookup.story_documents(story) {
        let Some(time) = doc.article.published else {
            continue;
        };
        let outlet = doc.article.outlet();
        let row = *row_of.entry(outlet).or_insert_with(|| {
            rows.push((outlet, Vec::new()));
            rows.len() - 1
        });
        if let Some((_, dots)) = rows.get_mut(row) {
            dots.push((time, lookup.copy_of(index).is_some()));
        }
    }
    let times = rows.iter().flat_map(|(_, dots)| dots.iter().map(|d| d.0));
    let (Some(first), Some(last)) = (times.clone().min(), times.max()) else {
        return;
    };
    if rows.iter().map(|(_, dots)| dots.len()).sum::<usize>() < 2 {
        return;
    }
    let hidden = rows.len().saturating_sub(MAX_ROWS);
    rows.truncate(MAX_ROWS);
    let span = (last - first).num_seconds().max(1) as f64;
    let x = |t: DateTime<Utc>| {
        GUTTER + (WIDTH - GUTTER - 12.0) * (t - first).num_seconds() as f64 / span
    };
    let height = ROW * rows.len() as f64 + 30.0;
    let id = format!("timeline:{key}");
    let mut summary = format!("First report {} UTC", short_time(first));
    // Dates without a time of day often tie: then no one outlet was first.
    let firsts: Vec<&str> = rows
        .iter()
        .filter(|(_, dots)| dots.iter().any(|&(time, copy)| time == first && !copy))
        .map(|(outlet, _)| *outlet)
        .collect();
    match firsts.as_slice() {
        [] => {}
        [outlet] => {
            let _ = write!(summary, " by {outlet}");
        }
        outlets => {
            let _ = write!(summary, " by {} at the same time", outlets.join(", "));
        }
    }
    let _ = write!(
        summary,
        "; last {} UTC; {} outlets.",
        short_time(last),
        rows.len() + hidden
    );
    let _ = write!(
        out,
        "<figure class=\"chart\"><svg class=\"timeline\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{id}\">\
         <title id=\"{id}\">Timeline of the coverage. {}</title>",
        html(&summary)
    );
    for (row, (outlet, dots)) in rows.iter().enumerate() {
        let y = ROW * row as f64 + 12.0;
        let _ = write!(
            out,
            "<text x=\"{:.0}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><line x1=\"{GUTTER}\" x2=\"{:.0}\" y1=\"{y:.1}\" y2=\"{y:.1}\"></line>",
            GUTTER - 8.0,
            y + 4.0,
            html(&truncated(outlet, 22)),
            WIDTH - 12.0
        );
        // Dots that would be drawn on the same pixel are drawn once: a row
        // holds at most the chart's width in dots, whatever the story's size.
        let mut drawn: std::collections::HashSet<(i64, bool, bool)> = Default::default();
        for &(time, copy) in dots {
            if !drawn.insert((x(time).round() as i64, copy, time == first)) {
                continue;
            }
            let (class, radius) = match (copy, time == first) {
                (true, _) => ("copy", 4.5),
                (false, true) => ("report first", 6.5),
                (false, false) => ("report", 4.5),
            };
            let _ = write!(
                out,
                "<circle class=\"{class}\" cx=\"{:.1}\" cy=\"{y:.1}\" r=\"{radius}\"><title>{}{} UTC</title></circle>",
                x(time),
                html(outlet),
                html(&format!(
                    "{}: {}",
                    if copy { " (copy)" } else { "" },
                    short_time(time)
                ))
            );
        }
    }
    let _ = write!(
        out,
        "<text class=\"first\" x=\"{GUTTER}\" y=\"{:.0}\">▲ first report {}</text><text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"end\">{}</text>",
        height - 4.0,
        html(&short_time(first)),
        WIDTH - 12.0,
        height - 4.0,
        html(&short_time(last))
    );
    out.push_str("</svg><figcaption>Each dot an article at its publication time (UTC): the large one the first report, hollow ones syndicated copies");
    if hidden > 0 {
        let _ = write!(out, "; {hidden} more outlets not drawn");
    }
    out.push_str(".</figcaption></figure>\n");
}

/// The bars: per article, what of the story it carries.
pub(super) fn coverage(lookup: &Lookup<'_>, story: &Story, out: &mut String) {
    let documents = lookup.story_documents(story);
    if documents.len() < 2 {
        return;
    }
    // Counted in one pass over the story, whatever its size.
    let mut counts: HashMap<&str, [usize; 4]> = HashMap::new();
    for claim in &story.shared {
        let mut articles: Vec<&str> = claim
            .occurrences
            .iter()
            .map(|o| o.article.as_str())
            .collect();
        articles.sort_unstable();
        articles.dedup();
        for article in articles {
            counts.entry(article).or_default()[0] += 1;
        }
    }
    for o in &story.exclusive {
        counts.entry(o.article.as_str()).or_default()[1] += 1;
    }
    for o in story.quotes.iter().flat_map(|g| &g.occurrences) {
        counts.entry(o.at.article.as_str()).or_default()[2] += 1;
    }
    // A row per article whose text the page shows.
    let rows: Vec<(&str, [usize; 4])> = documents
        .iter()
        .filter(|(_, doc)| lookup.has_column(&doc.article.id))
        .map(|(_, doc)| {
            let id = doc.article.id.as_str();
            let flagged = doc
                .cleaned
                .segments
                .iter()
                .filter(|s| s.kind.is_flagged())
                .count();
            let [shared, exclusive, quotes, _] = counts.get(id).copied().unwrap_or_default();
            (id, [shared, exclusive, quotes, flagged])
        })
        .collect();
    let most = rows
        .iter()
        .map(|(_, n)| n.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    out.push_str(
        "<figure class=\"chart\"><table class=\"coverage-chart\"><caption>What each article carries</caption>\
         <thead><tr><th scope=\"col\">Article</th><th scope=\"col\"><span class=\"key shared\"></span>Shared claims</th>\
         <th scope=\"col\"><span class=\"key exclusive\"></span>Only here</th><th scope=\"col\"><span class=\"key quotes\"></span>Quotes</th>\
         <th scope=\"col\"><span class=\"key flagged\"></span>Flagged</th><th scope=\"col\"><span class=\"visually-hidden\">Bar</span></th></tr></thead><tbody>\n",
    );
    for (id, counts) in &rows {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th>",
            outlet_link(lookup, id)
        );
        for n in counts {
            let _ = write!(out, "<td>{n}</td>");
        }
        out.push_str("<td><svg class=\"bar\" viewBox=\"0 0 200 10\" aria-hidden=\"true\">");
        let mut at = 0.0;
        for (n, class) in counts
            .iter()
            .zip(["shared", "exclusive", "quotes", "flagged"])
        {
            let width = 200.0 * *n as f64 / most as f64;
            if width > 0.0 {
                let _ = write!(
                    out,
                    "<rect class=\"{class}\" x=\"{at:.1}\" width=\"{width:.1}\" height=\"10\"></rect>"
                );
            }
            at += width;
        }
        out.push_str("</svg></td></tr>\n");
    }
    out.push_str("</tbody></table></figure>\n");
}

/// At most `max` characters, with an ellipsis when cut.
fn truncated(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
