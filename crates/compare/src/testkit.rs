//! Hand-built documents for unit tests: sentences split on blank lines,
//! entities and quotes located with `str::find`.

use parallax_model::{
    Annotations, Article, Cleaned, Document, EntityKind, Explanation, Grouping, LocalEntity,
    Membership, Mention, Quote, QuoteForm, Segment, SegmentKind, Span,
};

/// An article whose paragraphs (split on `"\n\n"`) are one sentence each.
pub(crate) fn doc(id: &str, outlet: &str, text: &str) -> Document {
    let mut cleaned = Cleaned::default();
    let mut at = 0;
    for (i, para) in text.split("\n\n").enumerate() {
        let span = Span::new(at, at + para.len());
        at += para.len() + 2;
        cleaned.paragraphs.push(span);
        cleaned.segments.push(Segment {
            span,
            paragraph: i,
            kind: SegmentKind::Body,
        });
    }
    Document {
        article: Article {
            id: id.into(),
            source: Some(outlet.into()),
            url: None,
            title: format!("Title of {id}"),
            published: None,
            language: None,
            text: text.into(),
        },
        cleaned,
        annotations: Annotations::default(),
    }
}

/// Add an entity with every occurrence of each mention string as a mention,
/// skipping occurrences inside an earlier mention (list full names first).
pub(crate) fn entity(mut d: Document, name: &str, key: &str, mentions: &[&str]) -> Document {
    let index = d.annotations.entities.len();
    d.annotations.entities.push(LocalEntity {
        name: name.into(),
        kind: match key.split(':').next() {
            Some("place") => EntityKind::Place,
            Some("org") => EntityKind::Organization,
            _ => EntityKind::Person,
        },
        key: key.into(),
    });
    for m in mentions {
        for (start, _) in d.article.text.match_indices(m) {
            let span = Span::new(start, start + m.len());
            if d.annotations.mentions.iter().any(|x| x.span.overlaps(span)) {
                continue;
            }
            d.annotations.mentions.push(Mention {
                span: Span::new(start, start + m.len()),
                entity: index,
            });
        }
    }
    d.annotations.mentions.sort_by_key(|m| m.span.start);
    d
}

/// Add a direct quote of the first occurrence of `text`.
pub(crate) fn quote(mut d: Document, text: &str, speaker: Option<usize>) -> Document {
    let start = d.article.text.find(text).unwrap_or(0);
    d.annotations.quotes.push(Quote {
        span: Span::new(start, start + text.len()),
        form: QuoteForm::Direct,
        speaker,
        speaker_span: None,
        cue_span: None,
    });
    d.annotations.quotes.sort_by_key(|q| q.span.start);
    d
}

/// Every document in story 0; `copies` lists `(copy, original)`.
pub(crate) fn one_story(n: usize, copies: &[(usize, usize)]) -> Grouping {
    Grouping {
        memberships: (0..n)
            .map(|i| Membership {
                story: 0,
                copy_of: copies.iter().find(|(c, _)| *c == i).map(|(_, o)| *o),
                why: Explanation::default(),
            })
            .collect(),
        merges: Vec::new(),
    }
}
