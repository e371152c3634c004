//! Articles side by side: one column per article, with its outlet, headline,
//! date, link, whether it is a syndicated copy, why it is in its story, and its
//! full text ([`super::article_text`]).

use super::{article_anchor, article_text, doc_key, html, link_key};
use crate::escape::{language_tag, safe_href};
use crate::json::iso;
use crate::lookup::{Lookup, short_time};

pub(super) fn render(lookup: &Lookup<'_>, docs: &[usize], out: &mut String) {
    if docs.is_empty() {
        out.push_str("<p class=\"none\">No article text to show.</p>\n");
        return;
    }
    out.push_str(
        "<div class=\"columns\" role=\"region\" tabindex=\"0\" \
         aria-label=\"Articles side by side (scroll sideways for more)\">\n",
    );
    for &index in docs {
        column(lookup, index, out);
    }
    out.push_str("</div>\n");
}

fn column(lookup: &Lookup<'_>, index: usize, out: &mut String) {
    let Some(doc) = lookup.analysis.documents.get(index) else {
        return;
    };
    let a = &doc.article;
    let copy_of = lookup.copy_of(index);
    // The article's own language, so that browsers hyphenate and screen
    // readers pronounce it right.
    let lang = a
        .language
        .as_deref()
        .and_then(language_tag)
        .map_or_else(String::new, |tag| format!(" lang=\"{tag}\""));
    out.push_str(&format!(
        "<article class=\"source{}\" id=\"{}\"{lang} aria-label=\"{}\">\n<header>\n",
        if copy_of.is_some() { " is-copy" } else { "" },
        article_anchor(&doc_key(lookup, index)),
        html(a.outlet())
    ));
    out.push_str(&format!(
        "<p class=\"outlet-name\">{}</p>\n<h4>{}</h4>\n",
        html(a.outlet()),
        html(&a.title)
    ));
    let mut byline: Vec<String> = Vec::new();
    if let Some(t) = a.published {
        byline.push(format!(
            "<time datetime=\"{}\">{} UTC</time>",
            iso(t),
            short_time(t)
        ));
    }
    if let Some(language) = &a.language {
        byline.push(html(language));
    }
    byline.push(format!("<span class=\"mono\">{}</span>", html(&a.id)));
    if let Some(url) = &a.url {
        byline.push(match safe_href(url) {
            Some(href) => {
                format!("<a href=\"{href}\" rel=\"noopener noreferrer nofollow\">original</a>")
            }
            // Not an http(s) URL: shown, never linked.
            None => format!("<span class=\"mono\">{}</span>", html(url)),
        });
    }
    out.push_str(&format!("<p class=\"byline\">{}</p>\n", byline.join(" · ")));
    if let Some(original) = copy_of {
        out.push_str(&format!(
            "<p class=\"byline\"><span class=\"badge copy\">copy</span> of <a href=\"#{}\">{} ({})</a>, \
             not counted as independent coverage</p>\n",
            article_anchor(&link_key(original)),
            html(lookup.outlet(original)),
            html(original)
        ));
    }
    why(lookup, index, out);
    out.push_str("</header>\n<div class=\"text\">\n");
    article_text::render(lookup, index, doc, out);
    out.push_str("</div>\n</article>\n");
}

/// "Why in this story": the grouping stage's score and shared names and terms.
fn why(lookup: &Lookup<'_>, index: usize, out: &mut String) {
    let Some(membership) = lookup.analysis.grouping.memberships.get(index) else {
        return;
    };
    let why = &membership.why;
    let story = lookup.story_of(index);
    out.push_str("<dl class=\"why\"><dt>Why in this story:</dt> ");
    if why.score == 0.0 && why.shared_entities.is_empty() && why.shared_terms.is_empty() {
        out.push_str("<dd>it started the story</dd></dl>\n");
        return;
    }
    out.push_str(&format!("<dd>similarity {:.2}</dd>", why.score));
    if !why.shared_entities.is_empty() {
        // Entity keys shown as the story's canonical names where it has them.
        let names: Vec<String> = why
            .shared_entities
            .iter()
            .map(|key| {
                let name = story
                    .and_then(|s| s.entities.iter().find(|e| &e.key == key))
                    .map_or(key.as_str(), |e| e.name.as_str());
                html(name)
            })
            .collect();
        out.push_str(&format!(
            "<dt>Shared names:</dt> <dd>{}</dd>",
            names.join(", ")
        ));
    }
    if !why.shared_terms.is_empty() {
        let terms: Vec<String> = why.shared_terms.iter().map(|t| html(t)).collect();
        out.push_str(&format!(
            "<dt>Shared terms:</dt> <dd>{}</dd>",
            terms.join(", ")
        ));
    }
    out.push_str("</dl>\n");
}
