//! Turning what a person types into safe FTS5 queries, and marking the words
//! a query matched in the texts it found.

use std::ops::Range;

use crate::{MATCH_END, MATCH_START};

/// How many of the newest matches a search ranks by relevance.
pub const RANKED: usize = 1000;

/// Words in the excerpt of an article found.
pub const EXCERPT_WORDS: usize = 24;

/// What a person typed, as FTS5 queries that match every word (implicit
/// AND). Each word is quoted, so operators and syntax in the input (`AND`,
/// `NEAR(`, `"`, `*`, `:`) are taken as text, never as query syntax.
#[derive(Debug, PartialEq, Eq)]
pub struct FtsQuery {
    /// Every word as typed.
    pub exact: String,
    /// The same with the last word also as a prefix (`holm isl` finds
    /// "Holm island"). Several times dearer than `exact`: tried only when
    /// `exact` finds nothing.
    pub prefix: String,
    /// The query's tokens as FTS5 sees them, folded, for [`Marker`].
    tokens: Vec<String>,
}

/// The queries for `input`; `None` when it has no words.
pub fn fts_query(input: &str) -> Option<FtsQuery> {
    let words: Vec<String> = parallax_text::words(input)
        .map(|w| format!("\"{}\"", w.text.replace('"', "\"\"")))
        .collect();
    if words.is_empty() {
        return None;
    }
    let exact = words.join(" ");
    let prefix = format!("{exact}*");
    let tokens = tokens(input)
        .map(|(start, end)| parallax_text::fold(&input[start..end]))
        .collect();
    Some(FtsQuery {
        exact,
        prefix,
        tokens,
    })
}

impl FtsQuery {
    /// The same query for PostgreSQL (`text::tsquery`): every folded word,
    /// quoted, and with `prefix` the last as a prefix. The words match the
    /// lexemes [`lexemes`] indexes.
    pub fn tsquery(&self, prefix: bool) -> String {
        let quoted: Vec<String> = self
            .tokens
            .iter()
            .map(|t| {
                // A word too long to be indexed matches nothing: a
                // private-use character, which no indexed word holds.
                let t = if t.len() > LONGEST_LEXEME {
                    "\u{E000}"
                } else {
                    t
                };
                format!("'{}'", t.replace('\\', "\\\\").replace('\'', "''"))
            })
            .collect();
        let mut query = quoted.join(" & ");
        if prefix {
            query.push_str(":*");
        }
        query
    }

    /// Marks what [`exact`](Self::exact), or with `prefix`
    /// [`prefix`](Self::prefix), matches.
    pub fn marker(&self, prefix: bool) -> Marker<'_> {
        Marker {
            tokens: &self.tokens,
            prefix,
        }
    }
}

/// Marks the words of a found text that its query matched, between
/// [`MATCH_START`] and [`MATCH_END`].
///
/// Done here rather than with FTS5's `snippet()` and `highlight()`, which
/// look the query up in the index once more for every hit: with twenty hits
/// that was most of a search's cost.
#[derive(Debug, Clone, Copy)]
pub struct Marker<'q> {
    tokens: &'q [String],
    /// Whether the last token matches as a prefix.
    prefix: bool,
}

impl Marker<'_> {
    /// `text` with every matched word marked.
    pub fn highlight(&self, text: &str) -> String {
        let words: Vec<_> = tokens(text).collect();
        let found = self.found(text, &words);
        self.mark(text, &words, &found, 0..text.len())
    }

    /// The passage of at most `size` words of `text` holding the most
    /// different query words (the first such), matched words marked, with
    /// `…` where the text goes on.
    pub fn snippet(&self, text: &str, size: usize) -> String {
        let words: Vec<_> = tokens(text).collect();
        let size = size.max(1);
        let found = self.found(text, &words);
        let (mut best, mut best_count) = (0, 0);
        for first in 0..words.len().saturating_sub(size - 1).max(1) {
            let mut seen: Vec<usize> = found[first..(first + size).min(words.len())]
                .iter()
                .flatten()
                .copied()
                .collect();
            seen.sort_unstable();
            seen.dedup();
            if seen.len() > best_count {
                (best, best_count) = (first, seen.len());
            }
        }
        // Start at the window's first matched word, as far as the text allows.
        let first_match = (best..words.len())
            .find(|&i| found[i].is_some())
            .unwrap_or(best);
        let start = first_match.min(words.len().saturating_sub(size)).max(best);
        let end = (start + size).min(words.len());
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        if let (Some(first), Some(last)) = (
            words.get(start),
            end.checked_sub(1).and_then(|i| words.get(i)),
        ) {
            out.push_str(&self.mark(
                text,
                &words[start..end],
                &found[start..end],
                first.0..last.1,
            ));
        }
        if end < words.len() {
            out.push('…');
        }
        out
    }

    /// Which query token each of `words` of `text` matches, if any.
    fn found(&self, text: &str, words: &[(usize, usize)]) -> Vec<Option<usize>> {
        words
            .iter()
            .map(|&(start, end)| self.matched(&text[start..end]))
            .collect()
    }

    /// `text[span]`, the `words` (all inside it) that `found` a query token marked.
    fn mark(
        &self,
        text: &str,
        words: &[(usize, usize)],
        found: &[Option<usize>],
        span: Range<usize>,
    ) -> String {
        let mut out = String::with_capacity(span.len() + 16);
        let mut at = span.start;
        for (&(start, end), _) in words.iter().zip(found).filter(|(_, f)| f.is_some()) {
            out.push_str(&text[at..start]);
            out.push(MATCH_START);
            out.push_str(&text[start..end]);
            out.push(MATCH_END);
            at = end;
        }
        out.push_str(&text[at..span.end]);
        out
    }

    /// Which query token `word` matches, if any.
    fn matched(&self, word: &str) -> Option<usize> {
        let folded;
        let word = if word.is_ascii() {
            word
        } else {
            folded = parallax_text::fold(word);
            folded.as_str()
        };
        let last = self.tokens.len().checked_sub(1)?;
        self.tokens.iter().enumerate().position(|(i, token)| {
            if self.prefix && i == last {
                word.get(..token.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(token))
            } else {
                word.eq_ignore_ascii_case(token)
            }
        })
    }
}

/// The words of `text` as a PostgreSQL search index keeps them: folded as
/// [`Marker`] and the FTS5 tokenizer fold them, one space between words, for
/// `to_tsvector('simple', ...)`, which then has nothing left to split. At
/// most `LEXEME_TEXT` bytes of text are indexed (PostgreSQL refuses a
/// `tsvector` over 1 MB).
pub fn lexemes(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(LEXEME_TEXT));
    for (start, end) in tokens(text) {
        if start >= LEXEME_TEXT {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&parallax_text::fold(&text[start..end]));
    }
    out
}

const LEXEME_TEXT: usize = 200_000;

/// The longest word PostgreSQL indexes (longer ones are left out of an
/// index, and refused in a query).
const LONGEST_LEXEME: usize = 2047;

/// The byte ranges of the tokens of `text` as FTS5's `unicode61` tokenizer
/// cuts them: runs of letters and digits.
fn tokens(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(at, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = at;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_quoted_and_the_last_may_be_a_prefix() {
        let query = fts_query("Holm ferry").unwrap();
        assert_eq!(query.exact, r#""Holm" "ferry""#);
        assert_eq!(query.prefix, r#""Holm" "ferry"*"#);
    }

    #[test]
    fn syntax_in_the_input_is_text() {
        assert_eq!(
            fts_query(r#"NEAR( "a" OR b*"#).map(|q| q.prefix).as_deref(),
            Some(r#""NEAR" "a" "OR" "b"*"#)
        );
    }

    #[test]
    fn no_words_no_query() {
        assert_eq!(fts_query("  -- ** "), None);
    }

    fn shown(marked: &str) -> String {
        marked.replace(MATCH_START, "[").replace(MATCH_END, "]")
    }

    #[test]
    fn matched_words_are_marked_in_any_casing_and_diacritics() {
        let query = fts_query("kyiv TALKS").unwrap();
        assert_eq!(
            shown(&query.marker(false).highlight("Talks in Kyïv, talks-again.")),
            "[Talks] in [Kyïv], [talks]-again."
        );
    }

    #[test]
    fn only_the_last_word_matches_as_a_prefix_and_only_when_asked() {
        let query = fts_query("holm isl").unwrap();
        let text = "Holmes sails to Holm island";
        assert_eq!(
            shown(&query.marker(true).highlight(text)),
            "Holmes sails to [Holm] [island]"
        );
        assert_eq!(
            shown(&query.marker(false).highlight(text)),
            "Holmes sails to [Holm] island"
        );
    }

    #[test]
    fn the_snippet_is_the_window_with_the_most_different_words() {
        let query = fts_query("ferry strike").unwrap();
        let text = "The ferry runs. One two three four five six. \
                    The ferry strike ends today, the union said.";
        assert_eq!(
            shown(&query.marker(false).snippet(text, 4)),
            "…[ferry] [strike] ends today…"
        );
        // No match in the text (the title matched): the opening words.
        assert_eq!(
            shown(&query.marker(false).snippet("Calm seas all week.", 3)),
            "Calm seas all…"
        );
        assert_eq!(query.marker(false).snippet("", 3), "");
    }
}
