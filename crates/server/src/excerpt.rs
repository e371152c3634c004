//! Search excerpts: the store marks matched words with private-use
//! characters; here they become byte ranges, so that the text can be escaped
//! on its own and the marks added by whoever renders it.

use parallax_store::{MATCH_END, MATCH_START};
use serde::Serialize;

/// A passage with the matched words located.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excerpt {
    /// The passage, marks removed.
    pub excerpt: String,
    /// `[start, end)` UTF-8 byte ranges of matched words in `excerpt`.
    pub matches: Vec<[usize; 2]>,
}

impl Excerpt {
    pub fn from_marked(marked: &str) -> Self {
        let mut excerpt = String::with_capacity(marked.len());
        let mut matches = Vec::new();
        let mut open = None;
        for c in marked.chars() {
            match c {
                MATCH_START => open = Some(excerpt.len()),
                MATCH_END => {
                    if let Some(start) = open.take() {
                        matches.push([start, excerpt.len()]);
                    }
                }
                c => excerpt.push(c),
            }
        }
        Excerpt { excerpt, matches }
    }

    /// The pieces of the passage in order, each with whether it matched.
    pub fn pieces(&self) -> Vec<(&str, bool)> {
        let mut pieces = Vec::new();
        let mut at = 0;
        for &[start, end] in &self.matches {
            if let (Some(before), Some(hit)) =
                (self.excerpt.get(at..start), self.excerpt.get(start..end))
            {
                pieces.push((before, false));
                pieces.push((hit, true));
                at = end;
            }
        }
        pieces.push((self.excerpt.get(at..).unwrap_or(""), false));
        pieces.retain(|(text, _)| !text.is_empty());
        pieces
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_byte_ranges() {
        let e = Excerpt::from_marked("met in \u{E000}Kyïv\u{E001} on \u{E000}Tuesday\u{E001}.");
        assert_eq!(e.excerpt, "met in Kyïv on Tuesday.");
        assert_eq!(&e.excerpt[e.matches[0][0]..e.matches[0][1]], "Kyïv");
        assert_eq!(
            e.pieces(),
            [
                ("met in ", false),
                ("Kyïv", true),
                (" on ", false),
                ("Tuesday", true),
                (".", false)
            ]
        );
    }

    #[test]
    fn unbalanced_marks_are_dropped() {
        let e = Excerpt::from_marked("a \u{E001}b\u{E000} c");
        assert_eq!(e.excerpt, "a b c");
        assert!(e.matches.is_empty());
    }
}
