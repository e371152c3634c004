//! Reported speech without quote marks, one body sentence at a time:
//!
//! * `The talks failed, Marsh said.` / `..., according to the ministry.`: a
//!   short closing clause after the last comma holds the cue and speaker;
//!   the content is the sentence before it.
//! * `Marsh said (that) the talks failed.` / `Marsh told reporters that ...`:
//!   the cue sits early in the sentence with its subject before it; the
//!   content is the rest of the sentence (after `that` for `told`).
//! * `According to Marsh, the talks failed.`: the content follows the comma.
//!
//! Sentences that hold a quote mark are left to the quote finder. Every
//! sentence is scanned once, and each search is bounded by the sentence.

use parallax_model::{Quote, QuoteForm, Segment, SegmentKind, Span};

use crate::attribution::Context;
use crate::quotes::is_quote_mark;

/// The closing clause (`, Marsh said.`) may hold at most this many words.
const TAIL_WORDS: usize = 8;
/// The cue of `Marsh said that ...` must come within this many words.
const HEAD_WORDS: usize = 10;
/// Shortest content worth recording, in words.
const MIN_CONTENT_WORDS: usize = 4;

/// Indirect attributions in the body sentences of the article.
pub fn find(ctx: &Context, segments: &[Segment]) -> Vec<Quote> {
    let mut out = Vec::new();
    for seg in segments.iter().filter(|s| s.kind == SegmentKind::Body) {
        let sentence = ctx.slice(seg.span.start, seg.span.end);
        if sentence.contains(is_quote_mark) || sentence.contains(['‘', '\'']) {
            continue;
        }
        let found = leading_according(ctx, seg.span)
            .or_else(|| closing_clause(ctx, seg.span))
            .or_else(|| opening_clause(ctx, seg.span));
        if let Some(q) = found {
            out.push(q);
        }
    }
    out
}

fn quote(ctx: &Context, content: Span, f: crate::attribution::Found) -> Option<Quote> {
    let text = ctx.slice(content.start, content.end);
    let core = text.trim_end_matches(['.', ',', ';', ':', ' ']);
    let lead = text.len() - text.trim_start().len();
    let core = core.trim_start();
    parallax_text::words(core).nth(MIN_CONTENT_WORDS - 1)?;
    f.speaker?;
    Some(Quote {
        span: Span::new(content.start + lead, content.start + lead + core.len()),
        form: QuoteForm::Indirect,
        speaker: f.speaker,
        speaker_span: Some(f.speaker_span),
        cue_span: Some(f.cue),
    })
}

/// `According to Marsh, the talks failed.`
fn leading_according(ctx: &Context, s: Span) -> Option<Quote> {
    let sentence = ctx.slice(s.start, s.end);
    let lead = sentence.len() - sentence.trim_start().len();
    if !sentence
        .trim_start()
        .to_lowercase()
        .starts_with("according to ")
    {
        return None;
    }
    let comma = s.start + sentence.find(',')?;
    let f = ctx.search(s.start + lead, comma, false, s.start, None)?;
    quote(ctx, Span::new(comma + 1, s.end), f)
}

/// `The talks failed, Marsh said.`
fn closing_clause(ctx: &Context, s: Span) -> Option<Quote> {
    let sentence = ctx.slice(s.start, s.end);
    let comma = sentence.rfind(',')?;
    let tail = sentence.get(comma + 1..)?;
    if parallax_text::words(tail).nth(TAIL_WORDS).is_some() {
        return None;
    }
    let f = ctx.search(s.start + comma + 1, s.end, false, s.start, None)?;
    quote(ctx, Span::new(s.start, s.start + comma), f)
}

/// `Marsh said the talks failed.`, `Marsh told reporters that ...`.
fn opening_clause(ctx: &Context, s: Span) -> Option<Quote> {
    let sentence = ctx.slice(s.start, s.end);
    let head_end = parallax_text::words(sentence)
        .nth(HEAD_WORDS)
        .map_or(s.end, |w| s.start + w.start);
    let f = ctx.search(s.start, head_end, false, s.start, None)?;
    // The subject must come before the cue (`Marsh said`), not after it.
    if f.speaker_span.start > f.cue.start {
        return None;
    }
    let cue = ctx.slice(f.cue.start, f.cue.end).to_lowercase();
    let after = ctx.slice(f.cue.end, s.end);
    let content_start = if cue == "said" || cue == "says" {
        // `said that ...`, `said on Tuesday that ...`, or `said the ...`.
        match after.find(" that ") {
            Some(i) if parallax_text::words(after.get(..i)?).count() <= 4 => f.cue.end + i + 5,
            _ => f.cue.end,
        }
    } else {
        let i = after.find(" that ")?;
        if parallax_text::words(after.get(..i)?).count() > 4 {
            return None;
        }
        f.cue.end + i + 5
    };
    // `said it`, `said so`, `said no`: not a reported statement.
    let rest = ctx.slice(content_start, s.end).trim_start();
    if rest.starts_with([',', '.', '(']) {
        return None;
    }
    quote(ctx, Span::new(content_start, s.end), f)
}

#[cfg(test)]
mod tests {
    fn indirect(text: &str) -> Vec<(String, String)> {
        let ann = crate::annotate_text(text);
        ann.quotes
            .iter()
            .filter(|q| q.form == parallax_model::QuoteForm::Indirect)
            .map(|q| {
                let who = q
                    .speaker
                    .and_then(|e| ann.entities.get(e))
                    .map_or(String::new(), |e| e.name.clone());
                (q.span.slice(text).to_string(), who)
            })
            .collect()
    }

    #[test]
    fn reported_speech_is_found_in_its_three_shapes() {
        let text = "Harbour minister Ola Berg said that the ferry fares would rise in May.\n\n\
                    The new timetable starts on Monday, Berg told the Herald.\n\n\
                    According to Berg, the old boats will be sold next year.\n\n\
                    The weather was fine on Sunday.";
        assert_eq!(
            indirect(text),
            [
                (
                    "the ferry fares would rise in May".to_string(),
                    "Ola Berg".to_string()
                ),
                (
                    "The new timetable starts on Monday".to_string(),
                    "Ola Berg".to_string()
                ),
                (
                    "the old boats will be sold next year".to_string(),
                    "Ola Berg".to_string()
                ),
            ]
        );
    }

    #[test]
    fn sentences_with_quote_marks_and_short_statements_are_left_alone() {
        let text = "Ola Berg said “the fares will rise soon” on Monday.\n\nOla Berg said so.";
        assert!(indirect(text).is_empty());
    }
}
