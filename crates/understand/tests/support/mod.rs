//! Test helpers: a tiny sentence splitter that builds `Cleaned` without the
//! clean crate, and a bare `Article`.
#![allow(dead_code)]

use parallax_model::{Article, Cleaned, Segment, SegmentKind, Span};

/// Split paragraphs on "\n\n" and sentences on `. `, `.” `, `." `, `? `, `! `
/// followed by an uppercase letter or a quote mark. Paragraphs equal to one of
/// `flagged` get that kind for all their sentences.
pub fn clean(text: &str, flagged: &[(&str, SegmentKind)]) -> Cleaned {
    let mut cleaned = Cleaned::default();
    let mut start = 0;
    for part in text.split("\n\n") {
        let span = Span::new(start, start + part.len());
        start += part.len() + 2;
        if part.trim().is_empty() {
            continue;
        }
        let p = cleaned.paragraphs.len();
        cleaned.paragraphs.push(span);
        let kind = flagged
            .iter()
            .find(|(t, _)| *t == part)
            .map_or(SegmentKind::Body, |(_, k)| *k);
        let mut s = span.start;
        let bytes: Vec<(usize, char)> = part.char_indices().collect();
        for (k, &(i, c)) in bytes.iter().enumerate() {
            if !matches!(c, '.' | '?' | '!') {
                continue;
            }
            let mut j = k + 1;
            if matches!(bytes.get(j), Some((_, '"' | '\u{201D}'))) {
                j += 1;
            }
            if !matches!(bytes.get(j), Some((_, ' '))) {
                continue;
            }
            let Some(&(ni, nc)) = bytes.get(j + 1) else {
                continue;
            };
            if nc.is_uppercase() || matches!(nc, '"' | '\u{201C}') {
                let end = span.start + bytes.get(j).map_or(i, |b| b.0);
                cleaned.segments.push(Segment {
                    span: Span::new(s, end),
                    paragraph: p,
                    kind,
                });
                s = span.start + ni;
            }
        }
        cleaned.segments.push(Segment {
            span: Span::new(s, span.end),
            paragraph: p,
            kind,
        });
    }
    cleaned
}

pub fn article(id: &str, text: &str) -> Article {
    Article::from_text(id, text)
}
