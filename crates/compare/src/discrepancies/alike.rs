//! Whether two sentences of a shared claim word one fact alike around the
//! words that differ (a figure, a date): a shared claim joins sentences that
//! only overlap, and one sentence often gives several facts of a kind.

use parallax_model::Span;

use crate::quantities::content_words;

/// How much two sentences must share, as the share of their content words
/// in common, for what differs in them to be compared.
const ALIGNED: f64 = 0.2;

/// Sentences sharing this much are one statement in other words ("Twelve
/// people died when the ferry sank" / "The ferry sank, killing 15
/// people"), and what differs compares however each is worded around it;
/// in sentences that share less, it must be worded alike ([`LOCAL`]).
const PARAPHRASE: f64 = 0.35;

/// The words on each side of what differs that make its local wording.
const WINDOW: usize = 4;

/// How much of their local wording two sentences that are no paraphrase
/// ([`PARAPHRASE`]) must share around what differs (Jaccard): two outlets
/// stating one fact word it alike ("killing at least five people and
/// injuring dozens" / "killing at least three people and injuring dozens
/// more"), while two figures of one unit about different things rarely are
/// ("a 28-yard pass from" / "five passes for 127 yards against").
const LOCAL: f64 = 0.15;

/// The share of content words two sentences have in common (Jaccard).
/// Both are sorted, each word once ([`sentence_words`], [`window`]): one
/// merge counts the words in common.
fn similarity(a: &[String], b: &[String]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let all = a.len() + b.len() - common;
    if all == 0 {
        return 0.0;
    }
    common as f64 / all as f64
}

/// The content words of a sentence, sorted, each once.
pub(super) fn sentence_words(text: &str) -> Vec<String> {
    let mut words = content_words(text);
    words.sort_unstable();
    words.dedup();
    words
}

/// The [`WINDOW`] words before `span` and after it in `text`, folded, those
/// with digits left out, sorted.
pub(super) fn window(text: &str, span: Span) -> Vec<String> {
    let word = |w: parallax_text::Word<'_>| {
        (!w.text.contains(|c: char| c.is_ascii_digit())).then(|| parallax_text::fold(w.text))
    };
    let before = text.get(..span.start).unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    let mut out: Vec<String> = parallax_text::words(before).filter_map(word).collect();
    out.drain(..out.len().saturating_sub(WINDOW));
    out.extend(parallax_text::words(after).filter_map(word).take(WINDOW));
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether two wordings (each a sentence's [`sentence_words`] and the
/// [`window`] around what differs) state one fact: sentences that share
/// [`ALIGNED`] of their words, and either say the same in other words
/// ([`PARAPHRASE`]) or word it alike around what differs ([`LOCAL`]).
pub(super) fn worded_alike(a: (&[String], &[String]), b: (&[String], &[String])) -> bool {
    let ((words_a, window_a), (words_b, window_b)) = (a, b);
    let shared = similarity(words_a, words_b);
    shared >= ALIGNED && (shared >= PARAPHRASE || similarity(window_a, window_b) >= LOCAL)
}
