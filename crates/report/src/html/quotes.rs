//! Quote groups: the speaker, then each outlet's wording with its word-level
//! difference from the reference wording (`<del>` / `<ins>`), a fragment badge
//! for partial quotations, and a link to the quote in the article's text.

use parallax_model::{DiffOp, QuoteOccurrence, Story};

use super::{LIST_SHOWN, WORDINGS_SHOWN, html, jump, not_shown, outlet_link, passage};
use crate::diff::{self, Layout};
use crate::lookup::{Lookup, form_name, plural};

pub(super) fn render(lookup: &Lookup<'_>, story: &Story, out: &mut String) {
    out.push_str(&format!(
        "<h3>Quotes <span class=\"count\">({})</span></h3>\n",
        plural(story.quotes.len(), "group", "groups")
    ));
    if story.quotes.is_empty() {
        out.push_str("<p class=\"none\">No quotes found.</p>\n");
        return;
    }
    let groups = lookup.quote_groups_by_reach(story);
    let hidden = groups.len().saturating_sub(LIST_SHOWN);
    out.push_str("<div class=\"qgroups\">\n");
    for (outlets, group) in groups.into_iter().take(LIST_SHOWN) {
        let speaker = group
            .speaker
            .as_deref()
            .map_or_else(|| "Unattributed".to_string(), html);
        out.push_str(&format!(
            "<article class=\"qgroup\"><h4>{speaker} <span class=\"muted\">· {}</span></h4>\n<ol class=\"variants\">\n",
            plural(outlets, "outlet", "outlets")
        ));
        // The reference wording always, then the others in story order.
        let shown = group.occurrences.iter().enumerate().filter(|&(i, _)| {
            i == group.reference
                || i < WORDINGS_SHOWN - usize::from(group.reference >= WORDINGS_SHOWN)
        });
        for (i, occurrence) in shown {
            let is_reference = group.occurrences.len() > 1 && i == group.reference;
            variant(lookup, occurrence, is_reference, out);
        }
        out.push_str("</ol>");
        let more = group.occurrences.len().saturating_sub(WORDINGS_SHOWN);
        not_shown(more, "wording", "wordings", out);
        out.push_str("</article>\n");
    }
    out.push_str("</div>\n");
    not_shown(hidden, "quote group", "quote groups", out);
}

fn variant(
    lookup: &Lookup<'_>,
    occurrence: &QuoteOccurrence,
    is_reference: bool,
    out: &mut String,
) {
    let at = &occurrence.at;
    out.push_str("<li><div class=\"v-head\">");
    out.push_str(&outlet_link(lookup, &at.article));
    if is_reference {
        out.push_str(
            " <span class=\"badge\" title=\"The fullest wording; the others are compared with it\">reference</span>",
        );
    }
    if occurrence.fragment {
        out.push_str(
            " <span class=\"badge fragment\" title=\"Prints only part of the reference wording\">fragment</span>",
        );
    }
    if let Some(form) = form_of(lookup, occurrence) {
        out.push_str(&format!(" <span class=\"badge\">{form}</span>"));
    }
    out.push(' ');
    out.push_str(&jump(lookup, &at.article, at.start, at.end));
    out.push_str("</div>\n<p class=\"v-text\">“");
    match diff::layout(occurrence) {
        Some(layout) => diff_markup(&layout, out),
        None => out.push_str(&passage(&at.text)),
    }
    out.push_str("”</p></li>\n");
}

/// The quote's form as the understand stage recorded it in the article.
fn form_of(lookup: &Lookup<'_>, occurrence: &QuoteOccurrence) -> Option<&'static str> {
    let at = &occurrence.at;
    let doc = lookup.document(&at.article)?;
    let quote = doc
        .annotations
        .quotes
        .iter()
        .find(|q| q.span.start == at.start && q.span.end == at.end)?;
    Some(form_name(quote.form))
}

/// The wording with `<del>` / `<ins>` around the pieces that differ from the
/// reference, and `…` where a fragment leaves out the reference's edges.
pub(super) fn diff_markup(layout: &Layout<'_>, out: &mut String) {
    const ELIDED: &str = "<span class=\"elided\" title=\"Not printed by this outlet\">…</span>";
    if layout.elided_before {
        out.push_str(ELIDED);
    }
    let mut previous = "";
    for &(op, text) in &layout.pieces {
        let text = text.trim();
        if diff::space_between(previous, text) {
            out.push(' ');
        }
        let piece = passage(text);
        match op {
            DiffOp::Same => out.push_str(&piece),
            DiffOp::Removed => out.push_str(&format!("<del>{piece}</del>")),
            DiffOp::Added => out.push_str(&format!("<ins>{piece}</ins>")),
        }
        previous = text;
    }
    if layout.elided_after {
        out.push_str(ELIDED);
    }
}
