//! The terminal summary.
//!
//! Plain text, deterministic, every line at most [`WIDTH`] characters (longer
//! ones end in `…`). Per story: counts and time span, its articles, the shared
//! claims most outlets agree on, exclusive claims per outlet, quote groups with
//! each outlet's variant, names spelled differently, flagged segment counts.
//! The full detail is in the JSON and HTML outputs; this is the overview.

use parallax_model::{Analysis, Occurrence, QuoteGroup, SharedClaim, Story};

use crate::diff;
use crate::escape;
use crate::lookup::{
    Lookup, agreement, difference, exclusive_by_article, plural, short_time, story_facts,
    story_title, subject,
};
use crate::spelling;

/// Maximum line length, in characters.
pub const WIDTH: usize = 100;
/// Shared claims listed per story (the ones the most outlets report).
const SHARED_SHOWN: usize = 5;
/// Exclusive claims listed per outlet.
const EXCLUSIVE_SHOWN: usize = 3;
/// Quote groups listed per story (the ones the most outlets print).
const QUOTES_SHOWN: usize = 8;
/// Widest outlet column in quote lines.
const OUTLET_COLUMN: usize = 20;

/// Render the summary.
pub(crate) fn render(analysis: &Analysis) -> String {
    let lookup = Lookup::new(analysis);
    let mut out = Lines::default();
    header(&lookup, &mut out);
    for story in &analysis.stories {
        out.blank();
        story_block(&lookup, story, &mut out);
    }
    unassigned(&lookup, &mut out);
    if !analysis.grouping.merges.is_empty() {
        out.blank();
        out.push(format!(
            "Grouping merged {} into earlier ones.",
            plural(analysis.grouping.merges.len(), "story", "stories")
        ));
    }
    out.text
}

/// Output lines, each cut to [`WIDTH`].
#[derive(Default)]
struct Lines {
    text: String,
}

impl Lines {
    fn push(&mut self, line: impl AsRef<str>) {
        self.text.push_str(&fit(line.as_ref(), WIDTH));
        self.text.push('\n');
    }

    fn blank(&mut self) {
        self.text.push('\n');
    }
}

/// `s` cut to `width` characters, ending in `…` when cut. Trailing spaces go.
pub(crate) fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.trim_end().to_string();
    }
    let mut cut: String = s.chars().take(width.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// `s` padded with spaces (or cut) to exactly `width` characters.
fn column(s: &str, width: usize) -> String {
    let cut = fit(s, width);
    let pad = width.saturating_sub(cut.chars().count());
    format!("{cut}{}", " ".repeat(pad))
}

fn header(lookup: &Lookup<'_>, out: &mut Lines) {
    let a = lookup.analysis;
    let copies = lookup.copies();
    let mut parts = vec![
        "Parallax".to_string(),
        plural(a.documents.len(), "article", "articles"),
        plural(a.stories.len(), "story", "stories"),
        plural(lookup.outlet_count(), "outlet", "outlets"),
    ];
    if copies > 0 {
        parts.push(plural(copies, "syndicated copy", "syndicated copies"));
    }
    out.push(parts.join(" · "));
    if a.documents.is_empty() {
        out.push("No articles to compare.");
    }
}

fn story_block(lookup: &Lookup<'_>, story: &Story, out: &mut Lines) {
    out.push(format!(
        "{} · {}",
        escape::line(&story.id),
        escape::line(story_title(story))
    ));
    out.push(format!("  {}", story_facts(lookup, story)));
    articles(lookup, story, out);
    shared(lookup, story, out);
    differences(lookup, story, out);
    exclusive(lookup, story, out);
    quotes(lookup, story, out);
    spellings(lookup, story, out);
    let flagged: Vec<String> = lookup
        .flagged_counts(story)
        .into_iter()
        .map(|(kind, n)| format!("{n} {}", kind.as_str()))
        .collect();
    out.push(format!(
        "  Flagged: {}",
        if flagged.is_empty() {
            "none".to_string()
        } else {
            flagged.join(" · ")
        }
    ));
}

fn articles(lookup: &Lookup<'_>, story: &Story, out: &mut Lines) {
    out.push("  Articles");
    for id in &story.articles {
        let Some(index) = lookup.index_of(id) else {
            out.push(format!("    {:<16}  {}", "?", escape::line(id)));
            continue;
        };
        let Some(doc) = lookup.analysis.documents.get(index) else {
            continue;
        };
        let when = doc
            .article
            .published
            .map_or_else(|| "undated".to_string(), short_time);
        let mut line = format!(
            "    {when:<16}  {} · {}",
            escape::line(doc.article.outlet()),
            escape::line(id)
        );
        if let Some(original) = lookup.copy_of(index) {
            line.push_str(&format!(" · copy of {}", escape::line(original)));
        }
        out.push(line);
    }
}

/// Distinct outlets of some occurrences, in order of first appearance.
fn outlets_of<'a>(lookup: &Lookup<'a>, occurrences: &'a [Occurrence]) -> Vec<&'a str> {
    let mut outlets: Vec<&str> = Vec::new();
    for o in occurrences {
        let outlet = lookup.outlet(&o.article);
        if !outlets.contains(&outlet) {
            outlets.push(outlet);
        }
    }
    outlets
}

fn shared(lookup: &Lookup<'_>, story: &Story, out: &mut Lines) {
    if story.shared.is_empty() {
        out.push("  Shared claims: none");
        return;
    }
    out.push(format!("  Shared claims ({})", story.shared.len()));
    let mut claims: Vec<(Vec<&str>, &SharedClaim)> = story
        .shared
        .iter()
        .map(|c| (outlets_of(lookup, &c.occurrences), c))
        .collect();
    // Most widely reported first; the sort is stable, so ties keep story order.
    claims.sort_by_key(|(outlets, _)| std::cmp::Reverse(outlets.len()));
    for (outlets, claim) in claims.iter().take(SHARED_SHOWN) {
        let names: Vec<String> = outlets.iter().map(|o| escape::line(o)).collect();
        out.push(format!(
            "    • {}: {}, {}",
            plural(outlets.len(), "outlet", "outlets"),
            names.join(", "),
            agreement(claim.agreement)
        ));
        if let Some(first) = claim.occurrences.first() {
            out.push(format!("      {}", escape::line(&first.text)));
        }
    }
    more(out, "    ", story.shared.len(), SHARED_SHOWN);
}

/// Where the outlets state a fact differently: figures, days, speakers,
/// modes (nothing when they agree).
fn differences(lookup: &Lookup<'_>, story: &Story, out: &mut Lines) {
    if story.discrepancies.is_empty() {
        return;
    }
    out.push(format!(
        "  Where the outlets differ ({})",
        story.discrepancies.len()
    ));
    for d in story.discrepancies.iter().take(SHARED_SHOWN) {
        let wordings: Vec<String> = d
            .wordings
            .iter()
            .map(|w| {
                format!(
                    "“{}” ({})",
                    escape::line(&w.text),
                    escape::line(lookup.outlet(&w.article))
                )
            })
            .collect();
        out.push(format!(
            "    • {}, {}: {}",
            escape::line(&subject(d, 6)),
            difference(d),
            wordings.join(" / ")
        ));
    }
    more(out, "    ", story.discrepancies.len(), SHARED_SHOWN);
}

fn more(out: &mut Lines, indent: &str, total: usize, shown: usize) {
    if total > shown {
        out.push(format!("{indent}… {} more", total - shown));
    }
}

fn exclusive(lookup: &Lookup<'_>, story: &Story, out: &mut Lines) {
    if story.exclusive.is_empty() {
        out.push("  Exclusive claims: none");
        return;
    }
    out.push(format!("  Exclusive claims ({})", story.exclusive.len()));
    for (article, claims) in exclusive_by_article(story) {
        out.push(format!(
            "    {} ({})",
            escape::line(lookup.outlet(article)),
            escape::line(article)
        ));
        for claim in claims.iter().take(EXCLUSIVE_SHOWN) {
            out.push(format!("      • {}", escape::line(&claim.text)));
        }
        more(out, "      ", claims.len(), EXCLUSIVE_SHOWN);
    }
}

fn quotes(lookup: &Lookup<'_>, story: &Story, out: &mut Lines) {
    if story.quotes.is_empty() {
        out.push("  Quotes: none");
        return;
    }
    out.push(format!(
        "  Quotes ({})",
        plural(story.quotes.len(), "group", "groups")
    ));
    let groups = lookup.quote_groups_by_reach(story);
    for (outlets, group) in groups.iter().take(QUOTES_SHOWN) {
        let speaker = group
            .speaker
            .as_deref()
            .map_or_else(|| "(unattributed)".to_string(), escape::line);
        out.push(format!(
            "    {speaker} · {}",
            plural(*outlets, "outlet", "outlets")
        ));
        quote_variants(lookup, group, out);
    }
    more(out, "    ", story.quotes.len(), QUOTES_SHOWN);
}

fn quote_variants(lookup: &Lookup<'_>, group: &QuoteGroup, out: &mut Lines) {
    let width = group
        .occurrences
        .iter()
        .map(|o| escape::line(lookup.outlet(&o.at.article)).chars().count())
        .max()
        .unwrap_or(0)
        .min(OUTLET_COLUMN);
    for (i, occurrence) in group.occurrences.iter().enumerate() {
        let layout = diff::layout(occurrence);
        let mut notes: Vec<String> = Vec::new();
        if group.occurrences.len() > 1 && i == group.reference {
            notes.push("reference".into());
        }
        if occurrence.fragment {
            notes.push("fragment".into());
        }
        match &layout {
            Some(l) if l.has_changes() => notes.push(escape::line(&diff::changes_summary(l))),
            Some(_) if !occurrence.fragment => notes.push("same wording".into()),
            _ => {}
        }
        let marker = if notes.is_empty() {
            String::new()
        } else {
            format!(" [{}]", notes.join("; "))
        };
        let before = if layout.as_ref().is_some_and(|l| l.elided_before) {
            "…"
        } else {
            ""
        };
        let after = if layout.as_ref().is_some_and(|l| l.elided_after) {
            "…"
        } else {
            ""
        };
        let prefix = format!(
            "      {}  ",
            column(&escape::line(lookup.outlet(&occurrence.at.article)), width)
        );
        let room = WIDTH
            .saturating_sub(prefix.chars().count())
            .saturating_sub(marker.chars().count());
        let quoted = format!("“{before}{}{after}”", escape::line(&occurrence.at.text));
        out.push(format!("{prefix}{}{marker}", fit(&quoted, room)));
    }
}

fn spellings(lookup: &Lookup<'_>, story: &Story, out: &mut Lines) {
    let varied: Vec<_> = story
        .entities
        .iter()
        .filter(|e| spelling::has_variants(e))
        .collect();
    if varied.is_empty() {
        out.push("  Spellings: no differences");
        return;
    }
    out.push("  Spellings");
    for entity in varied {
        let items: Vec<String> = entity
            .spellings
            .iter()
            // A syndicated copy prints its original's spelling, not its own choice.
            .filter(|s| {
                lookup
                    .index_of(&s.article)
                    .is_none_or(|i| lookup.copy_of(i).is_none())
            })
            .map(|s| {
                let forms: Vec<String> = spelling::display_forms(s)
                    .into_iter()
                    .map(escape::line)
                    .collect();
                format!("{}: {}", escape::line(&s.outlet), forms.join(" / "))
            })
            .collect();
        let first = format!("    {} — ", escape::line(&entity.name));
        for line in wrap(&first, "      · ", &items, " · ") {
            out.push(line);
        }
    }
}

/// Items joined by `sep` after `first`, continued on lines starting with
/// `continuation` whenever the next item would pass [`WIDTH`].
fn wrap(first: &str, continuation: &str, items: &[String], sep: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    for item in items {
        let joined = if empty {
            format!("{line}{item}")
        } else {
            format!("{line}{sep}{item}")
        };
        if !empty && joined.chars().count() > WIDTH {
            lines.push(line);
            line = format!("{continuation}{item}");
        } else {
            line = joined;
        }
        empty = false;
    }
    lines.push(line);
    lines
}

fn unassigned(lookup: &Lookup<'_>, out: &mut Lines) {
    let ids: Vec<String> = lookup
        .analysis
        .documents
        .iter()
        .enumerate()
        .filter(|(i, _)| lookup.placement(*i).is_none())
        .map(|(_, d)| escape::line(&d.article.id))
        .collect();
    if ids.is_empty() {
        return;
    }
    out.blank();
    let first = format!("Not in any story ({}): ", ids.len());
    for line in wrap(&first, "  ", &ids, ", ") {
        out.push(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_by_characters() {
        assert_eq!(fit("Kyïv—Kiev", 20), "Kyïv—Kiev");
        assert_eq!(fit("Kyïv—Kiev", 5), "Kyïv…");
        assert_eq!(fit("ab   cdef", 5), "ab…");
        assert_eq!(column("ab", 4), "ab  ");
    }

    #[test]
    fn wrap_breaks_before_the_item_that_would_overflow() {
        let items = vec!["x".repeat(60), "y".repeat(60), "z".into()];
        let lines = wrap("N — ", "  · ", &items, " · ");
        assert_eq!(
            lines,
            [
                format!("N — {}", "x".repeat(60)),
                format!("  · {} · z", "y".repeat(60))
            ]
        );
    }
}
