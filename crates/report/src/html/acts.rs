//! A story's acts: who did what to whom, most widely reported first, each
//! with the sentences that report it (the trigger marked) and links to them.

use parallax_model::{Act, ActActor, Story};

use super::{LIST_SHOWN, WORDINGS_SHOWN, html, jump, not_shown, outlet_link, passage};
use crate::lookup::{Lookup, plural};

pub(super) fn render(lookup: &Lookup<'_>, story: &Story, out: &mut String) {
    out.push_str(&format!(
        "<h3>What happened <span class=\"count\">({})</span></h3>\n",
        plural(story.acts.len(), "act", "acts")
    ));
    if story.acts.is_empty() {
        out.push_str("<p class=\"none\">No act with a named actor found.</p>\n");
        return;
    }
    timeline(story, out);
    out.push_str("<ol class=\"acts\">\n");
    for act in story.acts.iter().take(LIST_SHOWN) {
        out.push_str(&format!(
            "<li class=\"act\"><p>{}{} · reported by {}</p>\n<ul>",
            when(act),
            summary(act),
            plural(
                lookup.outlets_of(act.reports.iter().map(|r| r.article.as_str())),
                "outlet",
                "outlets"
            ),
        ));
        for report in act.reports.iter().take(WORDINGS_SHOWN) {
            let Some(doc) = lookup.document(&report.article) else {
                continue;
            };
            let Some(event) = doc.annotations.events.get(report.event) else {
                continue;
            };
            let Some(sentence) = doc.cleaned.segments.get(event.sentence) else {
                continue;
            };
            let (s, t) = (sentence.span, event.trigger);
            let text = &doc.article.text;
            // Each piece escaped on its own, the spaces at its edges kept.
            let piece = |from: usize, to: usize| {
                let raw = text.get(from..to).unwrap_or("");
                let space = |edge: Option<char>| {
                    if edge.is_some_and(char::is_whitespace) {
                        " "
                    } else {
                        ""
                    }
                };
                format!(
                    "{}{}{}",
                    space(raw.chars().next()),
                    passage(raw),
                    space(raw.chars().next_back())
                )
            };
            out.push_str(&format!(
                "<li>{} {}<mark>{}</mark>{} {}</li>",
                outlet_link(lookup, &report.article),
                piece(s.start, t.start),
                piece(t.start, t.end),
                piece(t.end, s.end),
                jump(lookup, &report.article, s.start, s.end)
            ));
        }
        out.push_str("</ul>");
        let more = act.reports.len().saturating_sub(WORDINGS_SHOWN);
        not_shown(more, "report", "reports", out);
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
    not_shown(
        story.acts.len().saturating_sub(LIST_SHOWN),
        "act",
        "acts",
        out,
    );
}

/// The dated acts in the order they happened.
fn timeline(story: &Story, out: &mut String) {
    let dated: Vec<&Act> = story
        .timeline
        .iter()
        .filter_map(|&i| story.acts.get(i))
        .take(LIST_SHOWN)
        .collect();
    if dated.is_empty() {
        return;
    }
    out.push_str("<h4>Timeline</h4>\n<ol class=\"timeline\">\n");
    for act in dated {
        out.push_str(&format!("<li>{}{}</li>\n", when(act), summary(act)));
    }
    out.push_str("</ol>\n");
}

/// `source → target: TYPE (mode)`.
fn summary(act: &Act) -> String {
    format!(
        "{} → {}: <b>{}</b>{}",
        actor(act.source.as_ref()),
        actor(act.target.as_ref()),
        act.kind.as_str(),
        mode(act)
    )
}

fn when(act: &Act) -> String {
    act.when
        .map(|d| format!("<time datetime=\"{d}\">{d}</time> · "))
        .unwrap_or_default()
}

fn actor(a: Option<&ActActor>) -> String {
    a.map_or_else(
        || "<span class=\"muted\">someone</span>".to_string(),
        |a| format!("<b>{}</b>", html(&a.name)),
    )
}

fn mode(act: &Act) -> String {
    if act.mode.is_empty() {
        String::new()
    } else {
        format!(" ({})", html(&act.mode))
    }
}
