//! Cut an article into paragraphs and sentences and classify each sentence.
//!
//! [`clean`] is the second stage of the pipeline. Its output, [`Cleaned`],
//! keeps these invariants for **any** input text (tested with proptest):
//!
//! - `paragraphs` are the blank-line-separated paragraphs of `article.text`, in
//!   order: any run of whitespace-only lines separates two paragraphs. Each span
//!   is non-empty and trimmed of surrounding whitespace.
//! - `segments` are sentences, sorted and non-overlapping; each is non-empty,
//!   trimmed, lies inside `paragraphs[segment.paragraph]`, and together they
//!   cover every non-whitespace byte of the text.
//! - Every offset is a UTF-8 byte offset on a `char` boundary.
//! - `kind` is [`SegmentKind::Body`], `Boilerplate`, `Promo`, `Bio` or `Caption`,
//!   never `Speculation` (the understand stage sets that).
//!
//! The stage runs in time linear in the text length and never panics.

mod abbreviations;
mod classify;
mod cues;
mod matching;
mod paragraphs;
mod sentences;

use parallax_model::{Article, Cleaned, Segment, SegmentKind, Span};

/// Segment and classify `article.text`.
///
/// A paragraph flagged as boilerplate, promotion, caption or bio flags all its
/// sentences; in a body paragraph a copyright notice sentence is boilerplate.
pub fn clean(article: &Article) -> Cleaned {
    let text = article.text.as_str();
    let paragraphs = paragraphs::paragraph_spans(text);
    let kinds = classify::paragraph_kinds(text, &paragraphs);
    let mut segments = Vec::new();
    for (index, (span, kind)) in paragraphs.iter().zip(kinds).enumerate() {
        let paragraph = span.slice(text);
        for (start, end) in sentences::sentences(paragraph) {
            let kind = match kind {
                SegmentKind::Body => {
                    classify::sentence_kind(paragraph.get(start..end).unwrap_or(""))
                }
                flagged => flagged,
            };
            segments.push(Segment {
                span: Span::new(span.start + start, span.start + end),
                paragraph: index,
                kind,
            });
        }
    }
    Cleaned {
        paragraphs,
        segments,
    }
}
