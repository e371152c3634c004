//! An article's full text, paragraph by paragraph, every sentence a span
//! carrying its anchor (`{article}-{start}`), its byte offsets (`title`) and its
//! role: shared, exclusive, or flagged with a label. Quoted words are
//! underlined, names carry their canonical form.
//!
//! Only spans that fit the text on `char` boundaries are used; the text between
//! sentences is escaped and kept, so the column shows the article exactly.

use std::collections::HashSet;

use parallax_model::{Document, Segment};

use super::{claim_anchor, doc_key, html, sentence_anchor, story_key};
use crate::lookup::{Lookup, Ranges, form_name, slice};
use crate::spelling;

/// A marked range inside the text: a quote or a name.
struct Mark {
    start: usize,
    end: usize,
    title: String,
    /// For names: spelled differently from the canonical name.
    variant: bool,
}

/// What the story says about one article's sentences.
struct Roles {
    /// Claim numbers of shared claims, and where their occurrences are,
    /// in the order of the text.
    shared: Vec<usize>,
    shared_at: Ranges,
    exclusive: Ranges,
    /// The story's anchor key, for links to its claims.
    story_key: String,
}

fn roles(lookup: &Lookup<'_>, index: usize, article: &str) -> Roles {
    let placed = lookup
        .placement(index)
        .and_then(|p| Some((p.story, lookup.analysis.stories.get(p.story)?)));
    let Some((story_index, story)) = placed else {
        return Roles {
            shared: Vec::new(),
            shared_at: Ranges::new([]),
            exclusive: Ranges::new([]),
            story_key: String::new(),
        };
    };
    // In the story's order (by claim number); searched in the order of the text.
    let mut shared: Vec<((usize, usize), usize)> = story
        .shared
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            c.occurrences
                .iter()
                .filter(|o| o.article == article)
                .map(move |o| ((o.start, o.end), i + 1))
        })
        .collect();
    shared.sort_by_key(|&((start, _), _)| start);
    let (shared_at, shared): (Vec<(usize, usize)>, Vec<usize>) = shared.into_iter().unzip();
    let mut exclusive: Vec<(usize, usize)> = story
        .exclusive
        .iter()
        .filter(|o| o.article == article)
        .map(|o| (o.start, o.end))
        .collect();
    // Only whether a sentence has one counts, not which.
    exclusive.sort_unstable();
    Roles {
        shared,
        shared_at: Ranges::new(shared_at),
        exclusive: Ranges::new(exclusive),
        story_key: story_key(lookup, story_index),
    }
}

fn quote_marks(lookup: &Lookup<'_>, index: usize, doc: &Document) -> Vec<Mark> {
    let text = &doc.article.text;
    doc.annotations
        .quotes
        .iter()
        .filter(|q| q.span.start < q.span.end && slice(text, q.span.start, q.span.end).is_some())
        .map(|q| {
            // The canonical name, else this article's own name for the speaker.
            let speaker = q.speaker.and_then(|e| {
                lookup.entity_name(index, e).or_else(|| {
                    doc.annotations
                        .entities
                        .get(e)
                        .map(|local| local.name.as_str())
                })
            });
            Mark {
                start: q.span.start,
                end: q.span.end,
                title: format!(
                    "Quote ({}) · {}",
                    form_name(q.form),
                    speaker.unwrap_or("speaker not found")
                ),
                variant: false,
            }
        })
        .collect()
}

fn mention_marks(lookup: &Lookup<'_>, index: usize, doc: &Document) -> Vec<Mark> {
    let text = &doc.article.text;
    doc.annotations
        .mentions
        .iter()
        .filter_map(|m| {
            let surface = slice(text, m.span.start, m.span.end).filter(|s| !s.is_empty())?;
            let canonical = lookup.entity_name(index, m.entity);
            let local = doc.annotations.entities.get(m.entity);
            let name = canonical.or(local.map(|e| e.name.as_str()))?;
            let variant = canonical.is_some_and(|c| spelling::is_variant_form(surface, c));
            let title = if variant {
                format!("{name} · spelled “{surface}” here")
            } else {
                name.to_string()
            };
            Some(Mark {
                start: m.span.start,
                end: m.span.end,
                title,
                variant,
            })
        })
        .collect()
}

/// The text of document `index`, paragraph by paragraph.
pub(super) fn render(lookup: &Lookup<'_>, index: usize, doc: &Document, out: &mut String) {
    let text = &doc.article.text;
    let id = &doc.article.id;
    let roles = roles(lookup, index, id);
    let key = doc_key(lookup, index);
    let quotes = Marks::new(quote_marks(lookup, index, doc));
    let mentions = Marks::new(mention_marks(lookup, index, doc));

    let mut paragraphs: Vec<(usize, usize)> = doc
        .cleaned
        .paragraphs
        .iter()
        .filter(|p| slice(text, p.start, p.end).is_some())
        .map(|p| (p.start, p.end))
        .collect();
    paragraphs.sort_unstable();
    if paragraphs.is_empty() {
        // Nothing usable from the clean stage: still show the whole text.
        paragraphs.push((0, text.len()));
    }
    let mut segments: Vec<&Segment> = doc
        .cleaned
        .segments
        .iter()
        .filter(|s| s.span.start < s.span.end && slice(text, s.span.start, s.span.end).is_some())
        .collect();
    segments.sort_by_key(|s| (s.span.start, s.span.end));
    let segment_at = Ranges::new(segments.iter().map(|s| (s.span.start, s.span.end)));

    let mut used_ids: HashSet<usize> = HashSet::new();
    let mut done = 0; // Paragraphs overlapping earlier ones are cut to what is new.
    for (p_start, p_end) in paragraphs {
        let p_start = p_start.max(done);
        if p_start >= p_end || slice(text, p_start, p_end).is_none_or(|p| p.trim().is_empty()) {
            continue;
        }
        out.push_str("<p>");
        let mut cursor = p_start;
        for seg in segment_at
            .overlapping(p_start, p_end)
            .filter_map(|i| segments.get(i))
        {
            let start = seg.span.start.max(cursor);
            let end = seg.span.end.min(p_end);
            if start >= end {
                continue;
            }
            out.push_str(&html(slice(text, cursor, start).unwrap_or("")));
            // The anchor goes on the piece holding the sentence's first byte.
            let anchored = start == seg.span.start && used_ids.insert(seg.span.start);
            let context = Sentence {
                text,
                article: id,
                key: &key,
                segment: seg,
                start,
                end,
                anchored,
            };
            sentence(&context, &roles, &quotes, &mentions, out);
            cursor = end;
        }
        out.push_str(&html(slice(text, cursor, p_end).unwrap_or("")));
        out.push_str("</p>\n");
        done = p_end;
    }
}

/// One sentence (or the part of it inside the current paragraph).
struct Sentence<'a> {
    text: &'a str,
    article: &'a str,
    /// The article's anchor key.
    key: &'a str,
    segment: &'a Segment,
    /// The part to render now.
    start: usize,
    end: usize,
    /// Whether this part carries the sentence's anchor id.
    anchored: bool,
}

/// Marks in their order, with their ranges.
struct Marks {
    marks: Vec<Mark>,
    at: Ranges,
}

impl Marks {
    fn new(marks: Vec<Mark>) -> Self {
        let at = Ranges::new(marks.iter().map(|m| (m.start, m.end)));
        Marks { marks, at }
    }

    /// The marks sharing a byte with `start..end`, in order.
    fn overlapping(&self, start: usize, end: usize) -> Vec<&Mark> {
        self.at
            .overlapping(start, end)
            .filter_map(|i| self.marks.get(i))
            .collect()
    }
}

fn sentence(s: &Sentence<'_>, roles: &Roles, quotes: &Marks, mentions: &Marks, out: &mut String) {
    let span = s.segment.span;
    let mut claims: Vec<usize> = roles
        .shared_at
        .overlapping(span.start, span.end)
        .filter_map(|i| roles.shared.get(i).copied())
        .collect();
    // In the story's order.
    claims.sort_unstable();
    let exclusive = roles
        .exclusive
        .overlapping(span.start, span.end)
        .next()
        .is_some();
    let kind = s.segment.kind;
    let (class, role) = if kind.is_flagged() {
        (
            format!("s flagged {}", kind.as_str()),
            format!(" · flagged: {}", kind.as_str()),
        )
    } else if !claims.is_empty() {
        let names: Vec<String> = claims.iter().map(|n| format!("S{n}")).collect();
        (
            "s shared".to_string(),
            format!(" · shared claim {}", names.join(", ")),
        )
    } else if exclusive {
        ("s exclusive".to_string(), " · exclusive".to_string())
    } else {
        ("s".to_string(), String::new())
    };
    let id = if s.anchored {
        format!(" id=\"{}\"", sentence_anchor(s.key, span.start))
    } else {
        String::new()
    };
    let title = format!("{} · bytes {}–{}{role}", s.article, span.start, span.end);
    out.push_str(&format!(
        "<span class=\"{class}\"{id} title=\"{}\">",
        html(&title)
    ));
    if kind.is_flagged() && s.anchored {
        out.push_str(&format!("<span class=\"label\">{}</span>", kind.as_str()));
    }
    let quotes = quotes.overlapping(s.start, s.end);
    let mentions = mentions.overlapping(s.start, s.end);
    layered(s.text, s.start, s.end, &quotes, &mentions, out);
    if s.anchored && !kind.is_flagged() {
        for n in claims {
            out.push_str(&format!(
                "<a class=\"cref\" href=\"#{}\" title=\"Shared claim S{n}: compare the wordings\">S{n}</a>",
                claim_anchor(&roles.story_key, n)
            ));
        }
    }
    out.push_str("</span>");
}

/// `text[start..end]` with quote spans outside and name spans inside them,
/// properly nested: the range is cut at every mark boundary, runs inside one
/// quote share a `<span class="q">`, each name piece gets its own span.
fn layered(
    text: &str,
    start: usize,
    end: usize,
    quotes: &[&Mark],
    mentions: &[&Mark],
    out: &mut String,
) {
    let mut cuts: Vec<usize> = vec![start, end];
    for m in quotes.iter().chain(mentions) {
        for b in [m.start, m.end] {
            if start < b && b < end {
                cuts.push(b);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut open_quote: Option<usize> = None;
    for pair in cuts.windows(2) {
        let &[a, b] = pair else { continue };
        let quote = quotes.iter().position(|m| m.start <= a && b <= m.end);
        if quote != open_quote {
            if open_quote.is_some() {
                out.push_str("</span>");
            }
            if let Some(q) = quote.and_then(|i| quotes.get(i)) {
                out.push_str(&format!("<span class=\"q\" title=\"{}\">", html(&q.title)));
            }
            open_quote = quote;
        }
        let piece = html(slice(text, a, b).unwrap_or(""));
        match mentions.iter().find(|m| m.start <= a && b <= m.end) {
            Some(m) => out.push_str(&format!(
                "<span class=\"m{}\" title=\"{}\">{piece}</span>",
                if m.variant { " var" } else { "" },
                html(&m.title)
            )),
            None => out.push_str(&piece),
        }
    }
    if open_quote.is_some() {
        out.push_str("</span>");
    }
}
