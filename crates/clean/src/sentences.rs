//! Sentence boundaries inside one paragraph of English news text.
//!
//! A sentence ends after `.`, `!`, `?` or `…` (a run of them counts as one),
//! together with any closing quotes and brackets that follow, when whitespace
//! and then a sentence opener come next: an uppercase or uncased letter, a
//! digit, an opening quote or bracket. A full stop after an abbreviation,
//! an initial or an initialism ("Mr.", "J.", "U.S.") is not an end.
//!
//! This keeps `“...skies.”` whole, and keeps `“...call,” Sokolovskyy said.`
//! as one sentence because its quotation ends with a comma.

use crate::abbreviations::{MAX_ABBREVIATION_CHARS, is_abbreviation};

/// Characters that end a sentence.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Characters that close a quotation or bracket and stay with the sentence
/// that ends inside them.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』'
    )
}

/// Characters that open a quotation or bracket, so may start a sentence.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '„' | '(' | '[' | '「' | '『'
    )
}

/// Can `c` be the first character of a new sentence?
fn starts_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_numeric() || is_opener(c) || (c.is_alphabetic() && !c.is_lowercase())
}

/// The word right before byte `dot` (a full stop): the non-space run back to
/// whitespace or an opening quote/bracket. `None` when it is too long to be an
/// abbreviation, so the look-back is bounded and splitting stays linear.
fn token_before(text: &str, dot: usize) -> Option<&str> {
    let before = text.get(..dot)?;
    let mut start = dot;
    for (count, (i, c)) in before.char_indices().rev().enumerate() {
        if c.is_whitespace() || is_opener(c) {
            break;
        }
        if count >= MAX_ABBREVIATION_CHARS {
            return None;
        }
        start = i;
    }
    before.get(start..)
}

/// The sentences of a trimmed paragraph, as `(start, end)` byte ranges into it.
/// Ranges are trimmed, in order, and separated only by whitespace.
pub(crate) fn sentences(paragraph: &str) -> Sentences<'_> {
    Sentences {
        text: paragraph,
        pos: 0,
    }
}

/// Iterator returned by [`sentences`].
pub(crate) struct Sentences<'a> {
    text: &'a str,
    /// Start of the next sentence: always a non-whitespace char or the end.
    pos: usize,
}

impl Sentences<'_> {
    /// The char starting at byte `i`, if any.
    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    /// Byte after the run of chars from `i` that satisfy `pred`.
    fn skip_while(&self, mut i: usize, pred: impl Fn(char) -> bool) -> usize {
        while let Some(c) = self.char_at(i) {
            if !pred(c) {
                break;
            }
            i += c.len_utf8();
        }
        i
    }

    /// Where a sentence starting at `self.pos` ends and the next one starts.
    fn find_boundary(&self) -> (usize, usize) {
        let len = self.text.len();
        let mut i = self.pos;
        while let Some(c) = self.char_at(i) {
            if !is_terminator(c) {
                i += c.len_utf8();
                continue;
            }
            let run_end = self.skip_while(i, is_terminator);
            let end = self.skip_while(run_end, is_closer);
            let next = self.skip_while(end, char::is_whitespace);
            if next == end {
                // "3.5", "U.S.-led", "word.”," : no whitespace, keep going.
                i = end;
                continue;
            }
            let Some(opener) = self.char_at(next) else {
                return (end, len);
            };
            let single_stop = c == '.' && run_end == i + 1;
            let abbreviated =
                single_stop && token_before(self.text, i).is_some_and(is_abbreviation);
            if starts_sentence(opener) && !abbreviated {
                return (end, next);
            }
            i = next;
        }
        (len, len)
    }
}

impl Iterator for Sentences<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let (end, next) = self.find_boundary();
        self.pos = next;
        // The paragraph is trimmed, but callers may pass anything: trim the end.
        let end = start + self.text.get(start..end)?.trim_end().len();
        Some((start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .map(|(s, e)| text.get(s..e).unwrap_or("<bad>"))
            .collect()
    }

    #[test]
    fn splits_after_terminators_before_capitals() {
        assert_eq!(
            split("The vote failed. Talks resume on Monday! Will they? 40 boats waited."),
            [
                "The vote failed.",
                "Talks resume on Monday!",
                "Will they?",
                "40 boats waited."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let text = "“We will rebuild,” Mayor Ortiz said on Tuesday. “The river will not win.” Crews began work.";
        assert_eq!(
            split(text),
            [
                "“We will rebuild,” Mayor Ortiz said on Tuesday.",
                "“The river will not win.”",
                "Crews began work."
            ]
        );
        assert_eq!(
            split("He said \"No way.\" (She left.) Then rain."),
            ["He said \"No way.\"", "(She left.)", "Then rain."]
        );
    }

    #[test]
    fn does_not_split_after_abbreviations_initials_or_decimals() {
        let text = "Dr. Ana Ruiz met Gen. T. Moss at 9 a.m. on Friday in the U.S. Capitol. Growth was 3.5 percent. No. 10 agreed.";
        assert_eq!(
            split(text),
            [
                "Dr. Ana Ruiz met Gen. T. Moss at 9 a.m. on Friday in the U.S. Capitol.",
                "Growth was 3.5 percent.",
                "No. 10 agreed."
            ]
        );
    }

    #[test]
    fn lowercase_continuation_and_ellipsis() {
        assert_eq!(
            split("Wait... what? it said. Then… Nothing."),
            ["Wait... what? it said.", "Then…", "Nothing."]
        );
    }

    #[test]
    fn quote_running_into_a_new_sentence_splits_inside_the_marks() {
        let text = "She said: “We stayed until the end. But we need rules.";
        assert_eq!(
            split(text),
            ["She said: “We stayed until the end.", "But we need rules."]
        );
    }

    #[test]
    fn degenerate_inputs() {
        assert!(split("").is_empty());
        assert_eq!(split("."), ["."]);
        assert_eq!(split("?! "), ["?!"]);
        assert_eq!(split("a. B"), ["a.", "B"]);
        assert_eq!(split("Zürich. Ärger."), ["Zürich.", "Ärger."]);
        assert_eq!(split("东京。 大阪. 京都"), ["东京。 大阪.", "京都"]);
    }
}
