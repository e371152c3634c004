//! Quote spans: text between double quote marks (straight or curly), paired per
//! paragraph, with the news convention that a quote left open at the end of a
//! paragraph continues when the next paragraph opens with a quote mark.
//! Apostrophes and single quotes never open a quote. Short Title Case strings
//! (`“Cold Acre”`) are titles of works, not quotes.

use parallax_model::{QuoteForm, Span};

/// A pair of quote marks found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawQuote {
    /// The quoted words, trimmed, without the marks.
    pub inner: Span,
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset just after the closing mark (the paragraph end when unclosed).
    pub close_end: usize,
    /// Paragraph of the opening and of the closing mark.
    pub first_para: usize,
    pub last_para: usize,
    pub form: QuoteForm,
    /// A short Title Case string: a title of a work, not speech.
    pub title: bool,
}

fn is_open_mark(c: char) -> bool {
    matches!(c, '\u{201C}' | '\u{201E}' | '\u{00AB}')
}

fn is_close_mark(c: char) -> bool {
    matches!(c, '\u{201D}' | '\u{00BB}')
}

/// True for any double quote mark, opening or closing.
pub fn is_quote_mark(c: char) -> bool {
    c == '"' || is_open_mark(c) || is_close_mark(c)
}

fn is_single_mark(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}')
}

/// Single quotes used as quote marks (`‘we stay’`, `'we stay'`), told from
/// apostrophes (`don't`, `rock 'n' roll`, `the '90s`): one
/// opens after a non-letter and before a letter, closes after a non-space and
/// before a non-letter, stays inside its paragraph and must hold two words.
fn single_quote(
    text: &str,
    paragraphs: &[Span],
    out: &mut Vec<RawQuote>,
    single: &mut Option<Open>,
    (at, c, para): (usize, char, usize),
    prev: Option<char>,
    next: Option<char>,
) {
    let word_before = prev.is_some_and(char::is_alphanumeric);
    let letter_after = next.is_some_and(char::is_alphabetic);
    let space_before = prev.is_none_or(char::is_whitespace);
    let can_open = c != '\u{2019}' && !word_before && letter_after;
    let can_close = c != '\u{2018}'
        && c != '\u{201A}'
        && !space_before
        && !next.is_some_and(char::is_alphanumeric);
    if can_close && let Some(o) = single.take() {
        let inner = text.get(o.inner_start..at).unwrap_or("");
        if parallax_text::words(inner).nth(1).is_some() {
            push(text, paragraphs, out, &o, at, Some(at + c.len_utf8()), para);
        }
        return;
    }
    if can_open {
        *single = Some(Open {
            mark: at,
            inner_start: at + c.len_utf8(),
            para,
        });
    }
}

struct Open {
    mark: usize,
    inner_start: usize,
    para: usize,
}

/// All quote-mark pairs of the text, in order. `paragraphs` must be sorted.
pub fn find(text: &str, paragraphs: &[Span]) -> Vec<RawQuote> {
    let whole = [Span::new(0, text.len())];
    let paragraphs = if paragraphs.is_empty() {
        &whole[..]
    } else {
        paragraphs
    };
    let mut out = Vec::new();
    let mut pending: Option<Open> = None;
    for (p, para) in paragraphs.iter().enumerate() {
        let body = para.slice(text);
        let lead_text = body.trim_start();
        let starts_with_quote = lead_text.starts_with("''")
            || lead_text
                .chars()
                .next()
                .is_some_and(|c| c == '"' || is_open_mark(c));
        let mut open = match pending.take() {
            Some(prev) if starts_with_quote => Some(prev),
            Some(prev) => {
                let end = paragraphs.get(prev.para).map_or(0, |s| s.end);
                push(text, paragraphs, &mut out, &prev, end, None, prev.para);
                None
            }
            None => None,
        };
        // A carried-over quote skips this paragraph's opening mark.
        let mut skip_first_mark = open.is_some();
        let mut single: Option<Open> = None;
        let mut chars = body.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let at = para.start + i;
            let prev_char = body.get(..i).and_then(|b| b.chars().next_back());
            let next_char = chars.peek().map(|&(_, n)| n);
            // Two apostrophes stand for a straight double mark (''...'').
            let (c, mark_len) = if c == '\'' && next_char == Some('\'') {
                chars.next();
                ('"', 2)
            } else {
                (c, c.len_utf8())
            };
            if open.is_none() && is_single_mark(c) {
                single_quote(
                    text,
                    paragraphs,
                    &mut out,
                    &mut single,
                    (at, c, p),
                    prev_char,
                    chars.peek().map(|&(_, n)| n),
                );
                continue;
            }
            let closing = match c {
                '"' => open.is_some(),
                c if is_close_mark(c) => open.is_some(),
                // German „...“: the low mark is closed by a high opening one.
                '\u{201C}' => open.as_ref().is_some_and(|o| {
                    text.get(o.mark..)
                        .is_some_and(|t| t.starts_with('\u{201E}'))
                }),
                c if is_open_mark(c) => false,
                _ => continue,
            };
            if skip_first_mark {
                skip_first_mark = false;
                continue;
            }
            if closing {
                if let Some(o) = open.take() {
                    push(text, paragraphs, &mut out, &o, at, Some(at + mark_len), p);
                }
            } else if c == '"' || is_open_mark(c) {
                open = Some(Open {
                    mark: at,
                    inner_start: at + mark_len,
                    para: p,
                });
                single = None;
            }
        }
        pending = open;
    }
    // An unclosed single quote is an apostrophe after all: nothing to close.
    if let Some(prev) = pending {
        let end = paragraphs.get(prev.para).map_or(0, |s| s.end);
        push(text, paragraphs, &mut out, &prev, end, None, prev.para);
    }
    out
}

fn push(
    text: &str,
    paragraphs: &[Span],
    out: &mut Vec<RawQuote>,
    open: &Open,
    inner_end: usize,
    close_end: Option<usize>,
    last_para: usize,
) {
    let Some(raw) = text.get(open.inner_start..inner_end) else {
        return;
    };
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return;
    }
    let inner = Span::new(
        open.inner_start + lead,
        open.inner_start + lead + trimmed.len(),
    );
    let para_start = paragraphs.get(open.para).map_or(0, |s| s.start);
    out.push(RawQuote {
        inner,
        open: open.mark,
        close_end: close_end.unwrap_or(inner_end),
        first_para: open.para,
        last_para,
        form: form(text, para_start, open.mark, out.last()),
        title: is_title(trimmed),
    });
}

/// Direct when the quote opens a sentence (paragraph start, after `.`, `:`, `?`,
/// `!`, after another quote, or after `, he said,` following a quote in the same
/// sentence); otherwise it sits inside the writer's sentence: partial.
fn form(text: &str, para_start: usize, open: usize, prev: Option<&RawQuote>) -> QuoteForm {
    let before = text.get(para_start..open).unwrap_or("").trim_end();
    match before.chars().next_back() {
        None | Some('.' | '!' | '?' | ':') => QuoteForm::Direct,
        Some(c) if is_quote_mark(c) => QuoteForm::Direct,
        Some(',') => {
            let same_sentence = prev.is_some_and(|q| {
                q.close_end >= para_start
                    && q.close_end <= open
                    && !text
                        .get(q.close_end..open)
                        .unwrap_or("")
                        .contains(['.', '!', '?'])
            });
            if same_sentence {
                QuoteForm::Direct
            } else {
                QuoteForm::Partial
            }
        }
        Some(_) => QuoteForm::Partial,
    }
}

/// Small words allowed in lowercase inside a title (`Lord of the Flies`).
const TITLE_SMALL_WORDS: &[&str] = &[
    "of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "de", "by", "or",
];

/// A title of a work or a scare-quoted name: at most four words, all capitalised
/// except small words, the first capitalised, no sentence punctuation inside.
fn is_title(inner: &str) -> bool {
    let body = inner.trim_end_matches([',', '.']);
    let words: Vec<&str> = parallax_text::words(body).map(|w| w.text).collect();
    if words.is_empty() || words.len() > 4 || body.contains(['!', '?', ';', ':']) {
        return false;
    }
    let cap = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    };
    cap(words[0])
        && words
            .iter()
            .all(|w| cap(w) || TITLE_SMALL_WORDS.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for part in text.split("\n\n") {
            out.push(Span::new(start, start + part.len()));
            start += part.len() + 2;
        }
        out
    }

    fn quotes(text: &str) -> Vec<(String, QuoteForm, bool)> {
        find(text, &paras(text))
            .into_iter()
            .map(|q| (q.inner.slice(text).to_string(), q.form, q.title))
            .collect()
    }

    #[test]
    fn curly_and_straight_marks_pair_up() {
        let text = "“We stay,” Ola said. He called it \"a fair deal\" and left.";
        assert_eq!(
            quotes(text),
            [
                ("We stay,".into(), QuoteForm::Direct, false),
                ("a fair deal".into(), QuoteForm::Partial, false)
            ]
        );
    }

    #[test]
    fn apostrophes_are_not_quote_marks() {
        let text = "The Rowers’ Union said it wasn't over. Ola's boat sank.";
        assert!(quotes(text).is_empty());
    }

    #[test]
    fn titles_are_flagged() {
        let text = "Her album “Grey Harbour Nights” sold well. She said “we are done here”.";
        let q = quotes(text);
        assert!(q[0].2);
        assert!(!q[1].2);
    }

    #[test]
    fn open_quote_continues_into_next_paragraph() {
        let text =
            "Berg said: “The fjord is closed. It stays closed.\n\n“We reopen in May.”\n\nEnd.";
        let q = find(text, &paras(text));
        assert_eq!(q.len(), 1);
        assert_eq!(
            q[0].inner.slice(text),
            "The fjord is closed. It stays closed.\n\n“We reopen in May."
        );
        assert_eq!(q[0].form, QuoteForm::Direct);
        assert_eq!((q[0].first_para, q[0].last_para), (0, 1));
    }

    #[test]
    fn single_quotes_pair_up_without_breaking_on_apostrophes() {
        let text = "Ola said ‘we don’t sell’ and played rock 'n' roll from the '90s. \
                    Then: 'the club stays open,' she said.";
        let q = quotes(text);
        let inner: Vec<&str> = q.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(inner, ["we don’t sell", "the club stays open,"]);
    }

    #[test]
    fn guillemets_low_marks_and_double_apostrophes_are_quote_marks() {
        let text = "«Wir bleiben», sagte sie. „Wir gehen“, sagte er. He said ''we stay'' twice.";
        let inner: Vec<String> = quotes(text).into_iter().map(|x| x.0).collect();
        assert_eq!(inner, ["Wir bleiben", "Wir gehen", "we stay"]);
    }

    #[test]
    fn unclosed_quote_ends_at_paragraph_end() {
        let text = "He said “we will see\n\nNext paragraph.";
        let q = find(text, &paras(text));
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].inner.slice(text), "we will see");
    }
}
