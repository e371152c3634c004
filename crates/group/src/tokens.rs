//! The words of a document as the clusterer needs them (their text only, no
//! offsets), fast: preparing documents is half of the clustering work.

use parallax_text::{fnv1a, fold, words};

/// The words of `text`, exactly as [`parallax_text::words`] finds them, but
/// segmented between ASCII whitespace: UAX #29 never joins a letter or digit
/// across a space, tab or newline, so each run between them can be segmented
/// on its own, and the runs that are plain ASCII (nearly all of them, even in
/// a text with a few curly quotes or accented names) take the fast ASCII
/// scanner instead of the Unicode tables.
pub(crate) fn word_texts(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_ascii_whitespace())
        .filter(|run| !run.is_empty())
        .flat_map(|run| words(run).map(|w| w.text))
}

/// `fnv1a(fold(word))`, without building the folded string for ASCII words
/// (most of them): this runs for every word of every article.
pub(crate) fn folded_hash(word: &str) -> u64 {
    if !word.is_ascii() {
        return fnv1a(fold(word).as_bytes());
    }
    // As `fold` does for ASCII: lower case, backtick as apostrophe, no "'s".
    let bytes = word.as_bytes();
    let folded = |b: u8| {
        if b == b'`' {
            b'\''
        } else {
            b.to_ascii_lowercase()
        }
    };
    let n = bytes.len();
    let possessive = n >= 2 && folded(bytes[n - 2]) == b'\'' && folded(bytes[n - 1]) == b's';
    let kept = if possessive { &bytes[..n - 2] } else { bytes };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in kept {
        h ^= u64::from(folded(b));
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_hash_is_the_hash_of_the_folded_word() {
        for word in [
            "Velden's", "QUAY", "don`t", "s", "'s", "café", "Ünal's", "x's",
        ] {
            assert_eq!(folded_hash(word), fnv1a(fold(word).as_bytes()), "{word}");
        }
    }

    #[test]
    fn words_split_at_whitespace_are_the_words_of_the_whole_text() {
        let texts = [
            "\u{201c}We will not back down,\u{201d} said Zelens\u{2019}kyy in Kyïv.",
            "Prices rose 3.2 percent to $1,250.50 on 12/03/2026; e.g. U.S. data.",
            "a \u{301}b  c\u{301}d\r\n\r\ne\u{200d}f \u{1f1eb}\u{1f1f7}\u{1f1e9}\u{1f1ea} x",
            "can't\u{a0}stop \u{2014} won\u{2019}t stop\tnow\n\n\u{feff}Ünal's 1990s_list",
            "日本語のテキスト mixed with English 東京 2026年3月",
            " leading and trailing \u{2003}em\u{2003}spaces ",
            "",
            "\u{301}",
        ];
        for text in texts {
            let whole: Vec<&str> = words(text).map(|w| w.text).collect();
            let split: Vec<&str> = word_texts(text).collect();
            assert_eq!(split, whole, "{text:?}");
        }
    }
}
