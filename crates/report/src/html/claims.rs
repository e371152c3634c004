//! Shared claims (each outlet's wording side by side) and exclusive claims
//! (grouped by the article that alone reports them).

use parallax_model::{SharedClaim, Story};

use super::{
    LIST_SHOWN, WORDINGS_SHOWN, article_anchor, claim_anchor, html, jump, link_key, not_shown,
    outlet_link, passage,
};
use crate::lookup::{Lookup, agreement, difference, exclusive_by_article, plural, subject};

/// `key`: the story's anchor key, for the claims' ids.
pub(super) fn render(lookup: &Lookup<'_>, key: &str, story: &Story, out: &mut String) {
    differences(lookup, key, story, out);
    shared(lookup, key, story, out);
    exclusive(lookup, story, out);
}

/// Where the outlets state one fact differently (different figures or days
/// in a shared claim, one quote's different speakers), each wording with
/// its outlet and a link to it.
fn differences(lookup: &Lookup<'_>, key: &str, story: &Story, out: &mut String) {
    if story.discrepancies.is_empty() {
        return;
    }
    let shown: Vec<usize> = listed(lookup, story)
        .into_iter()
        .map(|(n, _, _)| n - 1)
        .collect();
    out.push_str(&format!(
        "<h3>Where the outlets differ <span class=\"count\">({})</span></h3>\n<ul class=\"differ\">\n",
        story.discrepancies.len()
    ));
    for d in story.discrepancies.iter().take(LIST_SHOWN) {
        out.push_str("<li>");
        // Only a claim the page lists has an anchor to link to.
        if let Some(claim) = d.claim.filter(|c| shown.contains(c)) {
            let n = claim + 1;
            out.push_str(&format!(
                "<a href=\"#{}\">S{n}</a> · ",
                claim_anchor(key, n)
            ));
        }
        out.push_str(&format!(
            "{} · {}: ",
            passage(&subject(d, 12)),
            difference(d)
        ));
        let wordings: Vec<String> = d
            .wordings
            .iter()
            .take(WORDINGS_SHOWN)
            .map(|w| {
                format!(
                    "<q>{}</q> {} {}",
                    passage(&w.text),
                    outlet_link(lookup, &w.article),
                    jump(lookup, &w.article, w.start, w.end)
                )
            })
            .collect();
        out.push_str(&wordings.join(" · "));
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
    not_shown(
        story.discrepancies.len().saturating_sub(LIST_SHOWN),
        "difference",
        "differences",
        out,
    );
}

/// The shared claims the page lists: numbered in story order (the article
/// text links to these numbers), most widely reported first, at most
/// [`LIST_SHOWN`], each with its number of outlets.
fn listed<'s>(lookup: &Lookup<'_>, story: &'s Story) -> Vec<(usize, usize, &'s SharedClaim)> {
    let mut claims: Vec<(usize, usize, &SharedClaim)> = story
        .shared
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                i + 1,
                lookup.outlets_of(c.occurrences.iter().map(|o| o.article.as_str())),
                c,
            )
        })
        .collect();
    claims.sort_by_key(|&(_, outlets, _)| std::cmp::Reverse(outlets));
    claims.truncate(LIST_SHOWN);
    claims
}

fn shared(lookup: &Lookup<'_>, key: &str, story: &Story, out: &mut String) {
    out.push_str(&format!(
        "<h3>Shared claims <span class=\"count\">({})</span></h3>\n",
        story.shared.len()
    ));
    if story.shared.is_empty() {
        out.push_str("<p class=\"none\">No claim is reported by two independent outlets.</p>\n");
        return;
    }
    let claims = listed(lookup, story);
    let hidden = story.shared.len().saturating_sub(LIST_SHOWN);
    out.push_str("<ol class=\"claims\">\n");
    for (n, outlets, claim) in claims {
        out.push_str(&format!(
            "<li class=\"claim\" id=\"{}\"><p><b>S{n}</b> · reported by {} · {}</p>\n<div class=\"claim-grid\">",
            claim_anchor(key, n),
            plural(outlets, "outlet", "outlets"),
            agreement(claim.agreement)
        ));
        for o in claim.occurrences.iter().take(WORDINGS_SHOWN) {
            out.push_str(&format!(
                "<figure><figcaption>{} {}</figcaption><blockquote>{}</blockquote></figure>",
                outlet_link(lookup, &o.article),
                jump(lookup, &o.article, o.start, o.end),
                passage(&o.text)
            ));
        }
        out.push_str("</div>");
        let more = claim.occurrences.len().saturating_sub(WORDINGS_SHOWN);
        not_shown(more, "wording", "wordings", out);
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
    not_shown(hidden, "shared claim", "shared claims", out);
}

fn exclusive(lookup: &Lookup<'_>, story: &Story, out: &mut String) {
    out.push_str(&format!(
        "<h3>Exclusive claims <span class=\"count\">({})</span></h3>\n",
        story.exclusive.len()
    ));
    if story.exclusive.is_empty() {
        out.push_str("<p class=\"none\">No claim is reported by one outlet only.</p>\n");
        return;
    }
    out.push_str("<div class=\"excl-grid\">\n");
    let by_article = exclusive_by_article(story);
    let hidden = by_article.len().saturating_sub(LIST_SHOWN);
    for (article, claims) in by_article.into_iter().take(LIST_SHOWN) {
        let heading = match lookup
            .document(article)
            .filter(|_| lookup.has_column(article))
        {
            Some(_) => format!(
                "<a href=\"#{}\">{}</a>",
                article_anchor(&link_key(article)),
                html(lookup.outlet(article))
            ),
            None => html(article),
        };
        out.push_str(&format!(
            "<section><h4>{heading} <span class=\"muted\">({})</span></h4><ul>",
            claims.len()
        ));
        for o in claims {
            out.push_str(&format!(
                "<li>{} {}</li>",
                passage(&o.text),
                jump(lookup, &o.article, o.start, o.end)
            ));
        }
        out.push_str("</ul></section>\n");
    }
    out.push_str("</div>\n");
    not_shown(
        hidden,
        "article's exclusive claims",
        "articles' exclusive claims",
        out,
    );
}
