//! Word tokens for name finding. Unlike UAX #29 words, a token keeps internal
//! apostrophes and hyphens (`Sokolovskyy’s`, `al-Assad`, `29-year-old`) so that
//! possessives and hyphenated names can be handled explicitly.

use parallax_model::Span;

/// One token: a byte range of `text` on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
}

impl Tok {
    pub fn span(self) -> Span {
        Span::new(self.start, self.end)
    }

    pub fn text(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}')
}

/// True for `U`, `U.S`, `D.C`: capital letters, each but the last followed
/// by a full stop.
fn is_initialism_so_far(token: &str) -> bool {
    let bytes = token.as_bytes();
    bytes.len() % 2 == 1
        && bytes.iter().enumerate().all(|(k, b)| {
            if k % 2 == 0 {
                b.is_ascii_uppercase()
            } else {
                *b == b'.'
            }
        })
}

/// All tokens of `text`, in order, in one linear pass. A dotted initialism
/// (`U.S.`, `D.C.`) is one token with its last full stop.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start {
            let next = chars.peek().map(|&(_, n)| n);
            let next_is_word = next.is_some_and(char::is_alphanumeric);
            if is_joiner(c) && next_is_word {
                continue;
            }
            let so_far = text.get(s..i).unwrap_or("");
            if c == '.' && is_initialism_so_far(so_far) {
                let after = text.get(i + 1..).unwrap_or("");
                let mut rest = after.chars();
                let continues = matches!(
                    (rest.next(), rest.next()),
                    (Some(l), Some('.')) if l.is_ascii_uppercase()
                );
                if continues {
                    continue;
                }
                if so_far.len() >= 3 {
                    out.push(Tok {
                        start: s,
                        end: i + 1,
                    });
                    start = None;
                    continue;
                }
            }
            out.push(Tok { start: s, end: i });
            start = None;
        }
    }
    if let Some(s) = start {
        out.push(Tok {
            start: s,
            end: text.len(),
        });
    }
    out
}

/// Byte length of a possessive ending (`’s`, `'s`), or 0.
pub fn possessive_len(word: &str) -> usize {
    if word.ends_with("\u{2019}s") && word.len() > 4 {
        4
    } else if word.ends_with("'s") && word.len() > 2 {
        2
    } else {
        0
    }
}

/// The word without its possessive ending.
pub fn strip_possessive(word: &str) -> &str {
    word.get(..word.len() - possessive_len(word))
        .unwrap_or(word)
}

/// True when the word starts with an uppercase letter (or `al-`/`el-` + uppercase).
pub fn is_capitalised(word: &str) -> bool {
    let body = word
        .strip_prefix("al-")
        .or_else(|| word.strip_prefix("el-"))
        .unwrap_or(word);
    body.chars().next().is_some_and(char::is_uppercase)
}

/// True when every letter is uppercase and there are at least two letters (`NCT`, `KYIV`).
pub fn is_all_caps(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// The word in lowercase, possessive removed, curly apostrophes straightened.
pub fn lower(word: &str) -> String {
    strip_possessive(word)
        .to_lowercase()
        .replace('\u{2019}', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_internal_apostrophes_and_hyphens() {
        let text = "Sokolovskyy’s office, the Dockers’ Union and a 29-year-old.";
        let words: Vec<_> = tokenize(text).iter().map(|t| t.text(text)).collect();
        assert_eq!(
            words,
            [
                "Sokolovskyy’s",
                "office",
                "the",
                "Dockers",
                "Union",
                "and",
                "a",
                "29-year-old"
            ]
        );
        assert_eq!(strip_possessive("Sokolovskyy’s"), "Sokolovskyy");
        assert_eq!(strip_possessive("Kruk's"), "Kruk");
        assert!(is_all_caps("NCT"));
        assert!(!is_all_caps("A"));
        assert!(is_capitalised("al-Assad"));
    }

    #[test]
    fn a_dotted_initialism_is_one_token() {
        let text = "The U.S. envoy met Jo P. Tan in Washington, D.C. on Friday.";
        let words: Vec<_> = tokenize(text).iter().map(|t| t.text(text)).collect();
        assert_eq!(
            words,
            [
                "The",
                "U.S.",
                "envoy",
                "met",
                "Jo",
                "P",
                "Tan",
                "in",
                "Washington",
                "D.C.",
                "on",
                "Friday"
            ]
        );
    }
}
