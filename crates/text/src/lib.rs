//! Word-level text helpers shared by the stages that compare wording.
//!
//! - [`words`]: the words of a text with their UTF-8 byte offsets.
//! - [`fold`]: a comparison key for a word: lowercase, diacritics removed,
//!   typographic apostrophes unified ("Zelens'kyy" and "Zelenskyy" differ only by
//!   the apostrophe, "Kyïv" folds to "kyiv").
//! - [`is_stopword`]: English function words that carry no content.
//! - [`is_calendar_word`]: weekday and month names.
//! - [`fnv1a`]: a fixed hash for stored keys.
//! - [`stem`]: a light, conservative English suffix stripper for matching
//!   ("talks" / "talk", "reported" / "report").
//!
//! Everything here is pure and allocation-light; nothing panics on any input.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// A word of a text: its byte range and the slice it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// The words of `text` (Unicode word boundaries, UAX #29), skipping punctuation
/// and whitespace. Numbers count as words. Offsets are byte offsets into `text`.
pub fn words(text: &str) -> Words<'_> {
    if text.is_ascii() {
        Words::Ascii(AsciiWords { text, at: 0 })
    } else {
        Words::Unicode(text.split_word_bound_indices())
    }
}

/// Iterator returned by [`words`].
pub enum Words<'a> {
    /// Most news text is ASCII: a hand-written scanner with the same result
    /// as UAX #29 on ASCII, several times faster.
    Ascii(AsciiWords<'a>),
    Unicode(unicode_segmentation::UWordBoundIndices<'a>),
}

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        match self {
            Words::Ascii(scanner) => scanner.next(),
            Words::Unicode(segments) => segments
                .find(|(_, w)| w.chars().any(char::is_alphanumeric))
                .map(|(start, w)| Word {
                    start,
                    end: start + w.len(),
                    text: w,
                }),
        }
    }
}

/// UAX #29 word segmentation restricted to ASCII text, keeping only segments
/// that contain a letter or digit.
pub struct AsciiWords<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for AsciiWords<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let bytes = self.text.as_bytes();
        let is_letter = |b: u8| b.is_ascii_alphabetic();
        let is_digit = |b: u8| b.is_ascii_digit();
        // A segment of word characters: letters, digits and `_` (WB5, WB8-10, WB13a/b).
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let mut start = self.at;
        loop {
            while start < bytes.len() && !is_word(bytes[start]) {
                start += 1;
            }
            if start >= bytes.len() {
                self.at = start;
                return None;
            }
            let mut end = start;
            loop {
                while end < bytes.len() && is_word(bytes[end]) {
                    end += 1;
                }
                // One punctuation mark between letters (WB6/7: `:` `.` `'`) or
                // between digits (WB11/12: `,` `;` `.` `'`) does not break the word.
                let (Some(&prev), Some(&mid), Some(&next)) = (
                    bytes.get(end.wrapping_sub(1)),
                    bytes.get(end),
                    bytes.get(end + 1),
                ) else {
                    break;
                };
                let joins_letters =
                    is_letter(prev) && is_letter(next) && matches!(mid, b':' | b'.' | b'\'');
                let joins_digits =
                    is_digit(prev) && is_digit(next) && matches!(mid, b',' | b';' | b'.' | b'\'');
                if !(joins_letters || joins_digits) {
                    break;
                }
                end += 2;
            }
            self.at = end;
            let word = &self.text[start..end];
            if word.bytes().any(|b| b.is_ascii_alphanumeric()) {
                return Some(Word {
                    start,
                    end,
                    text: word,
                });
            }
            start = end;
        }
    }
}

/// The comparison key of a word: lowercase, without diacritics, with `’` and `ʼ`
/// turned into `'` and a trailing possessive `'s` removed.
pub fn fold(word: &str) -> String {
    // Most words of English news are ASCII: skip Unicode normalisation for them.
    if word.is_ascii() {
        let mut out: String = word
            .bytes()
            .map(|b| match b {
                b'`' => '\'',
                _ => char::from(b.to_ascii_lowercase()),
            })
            .collect();
        if out.ends_with("'s") {
            out.truncate(out.len() - 2);
        }
        return out;
    }
    fold_unicode(word)
}

/// [`fold`] for any text, through Unicode normalisation.
fn fold_unicode(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '\u{2019}' | '\u{02BC}' | '\u{2018}' | '`' => out.push('\''),
            _ => out.extend(c.to_lowercase()),
        }
    }
    if let Some(stripped) = out.strip_suffix("'s") {
        out.truncate(stripped.len());
    }
    out
}

/// English function words, folded. Kept short on purpose: words such as
/// "president" or "said" are not stop words here, callers that need to ignore
/// them decide so themselves.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "s",
    "t",
    "don",
    "its",
    "it's",
    "he's",
    "she's",
    "we're",
    "they're",
    "i'm",
    "we've",
    "would",
    "may",
    "might",
    "must",
    "shall",
    "upon",
    "per",
    "via",
    "yet",
    "still",
    "however",
    "though",
    "although",
    "whose",
];

/// True for an English function word. `word` must already be [`fold`]ed.
pub fn is_stopword(word: &str) -> bool {
    // Asked for every word of every article: one hash and one comparison,
    // not a binary search's eight. The set is fixed, so a fixed hash is safe.
    static SET: LazyLock<HashSet<&'static str, BuildHasherDefault<Fnv>>> =
        LazyLock::new(|| STOPWORDS.iter().copied().collect());
    SET.contains(word)
}

/// [`fnv1a`] as a [`Hasher`](std::hash::Hasher), for fixed sets of words.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a(bytes) ^ self.0.rotate_left(5);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// English weekday names (Monday to Sunday), then month names (January to
/// December), folded. The order is part of the contract: a stage that seeds
/// ids from this list gets the same ids every time.
pub const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// True for an English weekday or month name, written in full. `word` must
/// already be [`fold`]ed (lowercase); abbreviations ("Jan", "Mon") are not
/// calendar words here.
pub fn is_calendar_word(folded: &str) -> bool {
    CALENDAR_WORDS.contains(&folded)
}

/// A conservative English stemmer for matching, not for display: strips a few
/// inflectional suffixes when enough of the word remains. `word` must be folded.
pub fn stem(word: &str) -> &str {
    let n = word.len();
    if n <= 3 || !word.is_ascii() {
        return word;
    }
    for suffix in ["ings", "ing", "edly", "ed", "ies", "es", "s"] {
        if let Some(root) = word.strip_suffix(suffix) {
            // Keep "news", "bus", "glass", "series": strip a plural 's' only when
            // a root of four letters remains that does not end in 's' or 'u'.
            let min_root = if suffix == "s" { 4 } else { 3 };
            if root.len() >= min_root
                && !(suffix == "s" && (root.ends_with('s') || root.ends_with('u')))
            {
                return root;
            }
        }
    }
    word
}

/// The content terms of a text: folded, stemmed words that are not stop words
/// and not pure punctuation, in order. Numbers are kept (they are often the
/// claim: "47 people", "3.2 percent").
pub fn content_terms(text: &str) -> Vec<String> {
    words(text)
        .filter_map(|w| {
            let f = fold(w.text);
            if is_stopword(&f) {
                None
            } else {
                Some(stem(&f).to_string())
            }
        })
        .collect()
}

/// FNV-1a over bytes: a fixed hash whose values are identical across runs,
/// platforms and Rust versions (the standard library's hasher promises none of
/// that), so it may be stored and compared later.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_carry_byte_offsets() {
        let text = "Zelenskyy met Xi in Kyïv — “a long call”.";
        let ws: Vec<_> = words(text).collect();
        let texts: Vec<_> = ws.iter().map(|w| w.text).collect();
        assert_eq!(
            texts,
            ["Zelenskyy", "met", "Xi", "in", "Kyïv", "a", "long", "call"]
        );
        for w in ws {
            assert_eq!(&text[w.start..w.end], w.text);
        }
    }

    #[test]
    fn fold_unifies_case_diacritics_and_apostrophes() {
        assert_eq!(fold("Kyïv"), "kyiv");
        assert_eq!(fold("Zelens’kyy"), "zelens'kyy");
        assert_eq!(fold("Ministry’s"), "ministry");
        assert_eq!(fold("ÉCOLE"), "ecole");
    }

    #[test]
    fn calendar_words_are_full_weekday_and_month_names() {
        for word in ["monday", "sunday", "january", "march", "may", "december"] {
            assert!(is_calendar_word(word), "{word}");
        }
        assert!(is_calendar_word(&fold("Wednesday")));
        assert_eq!(CALENDAR_WORDS.len(), 19);
        for word in ["Monday", "jan", "mon", "sept", "day", "week", "mayor", ""] {
            assert!(!is_calendar_word(word), "{word}");
        }
    }

    #[test]
    fn stem_is_conservative() {
        assert_eq!(stem("talks"), "talk");
        assert_eq!(stem("reported"), "report");
        assert_eq!(stem("news"), "news");
        assert_eq!(stem("glass"), "glass");
        assert_eq!(stem("is"), "is");
    }

    #[test]
    fn content_terms_drop_function_words() {
        assert_eq!(
            content_terms("The minister said that 47 people were evacuated."),
            ["minister", "said", "47", "people", "evacuat"]
        );
    }

    #[test]
    fn ascii_scanner_handles_numbers_abbreviations_and_apostrophes() {
        let text = "U.S. talks: 1,200 trucks, 3.5 km; don't 'quote' a:b _x_ 4.a 10'000 -7.";
        let fast: Vec<&str> = words(text).map(|w| w.text).collect();
        assert_eq!(
            fast,
            [
                "U.S", "talks", "1,200", "trucks", "3.5", "km", "don't", "quote", "a:b", "_x_",
                "4", "a", "10'000", "7"
            ]
        );
        let uax29: Vec<&str> = Words::Unicode(text.split_word_bound_indices())
            .map(|w| w.text)
            .collect();
        assert_eq!(fast, uax29);
    }

    proptest::proptest! {
        #[test]
        fn ascii_scanner_splits_like_uax29(s in "[a-zA-Z0-9_.,;:' \\-\"!?()\n]{0,40}") {
            let fast: Vec<Word<'_>> = words(&s).collect();
            let uax29: Vec<Word<'_>> = Words::Unicode(s.split_word_bound_indices()).collect();
            proptest::prop_assert_eq!(fast, uax29);
        }

        #[test]
        fn ascii_fast_path_folds_like_unicode_path(s in "[ -~]{0,20}") {
            proptest::prop_assert_eq!(fold(&s), fold_unicode(&s));
        }

        #[test]
        fn words_are_always_valid_slices(s in "\\PC{0,80}") {
            for w in words(&s) {
                proptest::prop_assert_eq!(s.get(w.start..w.end), Some(w.text));
            }
            let _ = content_terms(&s);
        }
    }

    #[test]
    fn fnv1a_is_fixed() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
