//! Word-level comparison of two wordings of one statement.
//!
//! Quotes are compared on *normalised tokens*: folded words with English
//! contractions expanded (`I'm` → `i am`, `don't` → `do not`), so that two
//! translations or transcriptions that differ only in contractions or in the
//! apostrophe glyph compare equal. Every token remembers the byte span of the
//! word it came from, so that diffs can be shown with the outlets' exact text.
//!
//! All dynamic programs here are quadratic in the *quote* length (not the
//! article length); inputs are capped at [`MAX_TOKENS`] tokens so that a
//! pathological "quote" of a whole article cannot blow up time or memory.

use parallax_model::{DiffOp, DiffPiece, Span};
use parallax_text::{fold, words};

/// Longest token sequence any comparison looks at. Real quotes are far shorter;
/// the cap bounds the `O(m·n)` tables to a few hundred kilobytes.
pub(crate) const MAX_TOKENS: usize = 400;

/// A normalised word of a quote and the span (absolute, into the article text)
/// of the word it came from. A contraction yields two tokens with one span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub norm: String,
    pub span: Span,
}

/// The normalised tokens of `text`, which starts at byte `base` of its article.
pub(crate) fn tokens(text: &str, base: usize) -> Vec<Token> {
    let mut out = Vec::new();
    for w in words(text) {
        if out.len() >= MAX_TOKENS {
            break;
        }
        let span = Span::new(base + w.start, base + w.end);
        let lower = unify_apostrophes(w.text);
        for part in expand_contraction(&lower) {
            out.push(Token { norm: part, span });
        }
    }
    out
}

/// Lowercase with every apostrophe glyph turned into `'`, without stripping
/// the possessive (that would lose the `is` of `it's`).
fn unify_apostrophes(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '\u{2019}' | '\u{02BC}' | '\u{2018}' | '`' => '\'',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Pronouns and words whose `'s` means `is`, not a possessive.
const IS_CONTRACTIONS: &[&str] = &[
    "it", "that", "he", "she", "there", "what", "who", "here", "where", "let",
];

/// Split an English contraction into its full words, then fold each word.
fn expand_contraction(lower: &str) -> Vec<String> {
    let special = match lower {
        "won't" => Some(["will", "not"]),
        "can't" => Some(["can", "not"]),
        "shan't" => Some(["shall", "not"]),
        "let's" => Some(["let", "us"]),
        _ => None,
    };
    if let Some(pair) = special {
        return pair.iter().map(|w| (*w).to_string()).collect();
    }
    let suffixes: [(&str, &str); 6] = [
        ("n't", "not"),
        ("'m", "am"),
        ("'re", "are"),
        ("'ve", "have"),
        ("'ll", "will"),
        ("'d", "would"),
    ];
    for (suffix, full) in suffixes {
        if let Some(root) = lower.strip_suffix(suffix)
            && !root.is_empty()
        {
            return vec![fold(root), full.to_string()];
        }
    }
    if let Some(root) = lower.strip_suffix("'s")
        && IS_CONTRACTIONS.contains(&root)
    {
        return vec![root.to_string(), "is".to_string()];
    }
    let folded = fold(lower);
    if folded.is_empty() {
        Vec::new()
    } else {
        vec![folded]
    }
}

/// The norms of `tokens`, capped at [`MAX_TOKENS`].
pub(crate) fn norms(tokens: &[Token]) -> Vec<&str> {
    tokens
        .iter()
        .take(MAX_TOKENS)
        .map(|t| t.norm.as_str())
        .collect()
}

/// Length of the longest common subsequence of two token sequences.
pub(crate) fn lcs_len(a: &[&str], b: &[&str]) -> usize {
    let (a, b) = (cap(a), cap(b));
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

fn cap<'s, 'a>(s: &'s [&'a str]) -> &'s [&'a str] {
    s.get(..MAX_TOKENS).unwrap_or(s)
}

/// Where `short` occurs inside `long` with at most `max_edits` token edits
/// (substitutions, insertions, deletions), free of charge before and after:
/// a semi-global alignment. Returns the token window `[start, end)` of `long`
/// with the fewest edits (ties: the earliest), or `None`.
pub(crate) fn contained_window(
    short: &[&str],
    long: &[&str],
    max_edits: usize,
) -> Option<(usize, usize)> {
    let (short, long) = (cap(short), cap(long));
    if short.is_empty() {
        return None;
    }
    let n = long.len();
    // cost[j], start[j]: best alignment of short[..i] ending at long[..j].
    let mut cost: Vec<usize> = vec![0; n + 1];
    let mut start: Vec<usize> = (0..=n).collect();
    let mut next_cost = vec![0usize; n + 1];
    let mut next_start = vec![0usize; n + 1];
    for (i, s) in short.iter().enumerate() {
        next_cost[0] = i + 1;
        next_start[0] = 0;
        for (j, l) in long.iter().enumerate() {
            let diag = cost[j] + usize::from(s != l);
            let up = cost[j + 1] + 1; // token of short missing from long
            let left = next_cost[j] + 1; // extra token in long
            let (c, st) = if diag <= up && diag <= left {
                (diag, start[j])
            } else if up <= left {
                (up, start[j + 1])
            } else {
                (left, next_start[j])
            };
            next_cost[j + 1] = c;
            next_start[j + 1] = st;
        }
        std::mem::swap(&mut cost, &mut next_cost);
        std::mem::swap(&mut start, &mut next_start);
    }
    let (end, best) = cost
        .iter()
        .enumerate()
        .skip(1)
        .min_by_key(|(j, c)| (**c, *j))?;
    (*best <= max_edits).then(|| (start.get(end).copied().unwrap_or(0), end))
}

/// One step of an edit script from a reference `a` to an occurrence `b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Same(usize, usize),
    Removed(usize),
    Added(usize),
}

/// An LCS edit script; within each changed region removals come first.
fn edit_script(a: &[&str], b: &[&str]) -> Vec<Step> {
    let (a, b) = (cap(a), cap(b));
    let w = b.len() + 1;
    // suffix[i * w + j] = LCS of a[i..], b[j..].
    let mut suffix = vec![0u16; (a.len() + 1) * w];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            let v = if a.get(i) == b.get(j) {
                suffix.get((i + 1) * w + j + 1).copied().unwrap_or(0) + 1
            } else {
                let down = suffix.get((i + 1) * w + j).copied().unwrap_or(0);
                let right = suffix.get(i * w + j + 1).copied().unwrap_or(0);
                down.max(right)
            };
            if let Some(cell) = suffix.get_mut(i * w + j) {
                *cell = v;
            }
        }
    }
    let at = |i: usize, j: usize| suffix.get(i * w + j).copied().unwrap_or(0);
    let mut steps = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a.get(i) == b.get(j) {
            steps.push(Step::Same(i, j));
            i += 1;
            j += 1;
        } else if j >= b.len() || (i < a.len() && at(i + 1, j) >= at(i, j + 1)) {
            steps.push(Step::Removed(i));
            i += 1;
        } else {
            steps.push(Step::Added(j));
            j += 1;
        }
    }
    removals_first(steps)
}

/// Reorder each run of changes so that its removals precede its additions:
/// `−significant +meaningful` reads better than interleaved pieces.
fn removals_first(steps: Vec<Step>) -> Vec<Step> {
    let mut out = Vec::with_capacity(steps.len());
    let mut added = Vec::new();
    for step in steps {
        match step {
            Step::Same(..) => {
                out.append(&mut added);
                out.push(step);
            }
            Step::Removed(_) => out.push(step),
            Step::Added(_) => added.push(step),
        }
    }
    out.append(&mut added);
    out
}

/// One side of a diff: its article text and tokens, plus how far (in bytes)
/// its text has already been shown, so a contraction split across two pieces
/// is printed once.
struct Side<'a> {
    text: &'a str,
    tokens: &'a [Token],
    shown_until: usize,
}

impl Side<'_> {
    /// The exact text covering the given tokens, minus what was already shown.
    fn take(&mut self, indices: &[usize]) -> Option<String> {
        let spans = indices
            .iter()
            .filter_map(|&i| self.tokens.get(i))
            .map(|t| t.span)
            .filter(|s| s.start >= self.shown_until);
        let (mut start, mut end) = (usize::MAX, 0);
        for s in spans {
            start = start.min(s.start);
            end = end.max(s.end);
        }
        if start >= end {
            return None;
        }
        self.shown_until = end;
        self.text.get(start..end).map(str::to_string)
    }
}

/// The word-level diff of an occurrence against the reference wording.
///
/// `reference` and `occurrence` are `(article text, tokens)`; the tokens of the
/// reference may be a window (for a fragment). Pieces carry the exact text of
/// the outlets: `Same` and `Added` from the occurrence, `Removed` from the
/// reference.
pub(crate) fn diff(reference: (&str, &[Token]), occurrence: (&str, &[Token])) -> Vec<DiffPiece> {
    let a = norms(reference.1);
    let b = norms(occurrence.1);
    let steps = edit_script(&a, &b);
    let mut refs = Side {
        text: reference.0,
        tokens: reference.1,
        shown_until: 0,
    };
    let mut occ = Side {
        text: occurrence.0,
        tokens: occurrence.1,
        shown_until: 0,
    };
    let mut pieces = Vec::new();
    let mut k = 0;
    while let Some(first) = steps.get(k) {
        let op = op_of(*first);
        let run_len = steps
            .get(k..)
            .unwrap_or_default()
            .iter()
            .take_while(|s| op_of(**s) == op)
            .count();
        let run = steps.get(k..k + run_len).unwrap_or_default();
        k += run_len.max(1);
        let pick = |f: fn(&Step) -> Option<usize>| run.iter().filter_map(f).collect::<Vec<_>>();
        let text = match op {
            DiffOp::Removed => refs.take(&pick(|s| match s {
                Step::Removed(i) => Some(*i),
                _ => None,
            })),
            DiffOp::Added => occ.take(&pick(|s| match s {
                Step::Added(j) => Some(*j),
                _ => None,
            })),
            DiffOp::Same => {
                // Keep the reference side in step so its next removal starts after.
                let _ = refs.take(&pick(|s| match s {
                    Step::Same(i, _) => Some(*i),
                    _ => None,
                }));
                occ.take(&pick(|s| match s {
                    Step::Same(_, j) => Some(*j),
                    _ => None,
                }))
            }
        };
        if let Some(text) = text {
            pieces.push(DiffPiece { op, text });
        }
    }
    pieces
}

fn op_of(step: Step) -> DiffOp {
    match step {
        Step::Same(..) => DiffOp::Same,
        Step::Removed(_) => DiffOp::Removed,
        Step::Added(_) => DiffOp::Added,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm_of(text: &str) -> Vec<String> {
        tokens(text, 0).into_iter().map(|t| t.norm).collect()
    }

    fn pieces(reference: &str, occurrence: &str) -> Vec<(DiffOp, String)> {
        let rt = tokens(reference, 0);
        let ot = tokens(occurrence, 0);
        diff((reference, &rt), (occurrence, &ot))
            .into_iter()
            .map(|p| (p.op, p.text))
            .collect()
    }

    #[test]
    fn contractions_expand_with_both_apostrophes() {
        assert_eq!(norm_of("I’m here"), ["i", "am", "here"]);
        assert_eq!(norm_of("We don't"), ["we", "do", "not"]);
        assert_eq!(norm_of("It's the Mayor’s"), ["it", "is", "the", "mayor"]);
        assert_eq!(norm_of("won’t"), ["will", "not"]);
    }

    #[test]
    fn contraction_tokens_share_the_word_span() {
        let t = tokens("Yes, I'm", 10);
        assert_eq!(t.len(), 3);
        assert_eq!(t[1].span, Span::new(15, 18));
        assert_eq!(t[2].span, Span::new(15, 18));
    }

    #[test]
    fn lcs_counts_common_words() {
        assert_eq!(lcs_len(&["a", "b", "c", "d"], &["a", "c", "d", "e"]), 3);
        assert_eq!(lcs_len(&[], &["a"]), 0);
    }

    #[test]
    fn window_finds_fragment_with_one_substitution() {
        let long = ["it", "was", "a", "calm", "and", "useful", "meeting"];
        let short = ["a", "calm", "and", "fruitful", "meeting"];
        assert_eq!(contained_window(&short, &long, 1), Some((2, 7)));
        assert_eq!(contained_window(&short, &long, 0), None);
    }

    #[test]
    fn one_word_swap_gives_removed_then_added() {
        let got = pieces(
            "It was a calm and useful meeting,",
            "It was a calm and fruitful meeting,",
        );
        assert_eq!(
            got,
            [
                (DiffOp::Same, "It was a calm and".to_string()),
                (DiffOp::Removed, "useful".to_string()),
                (DiffOp::Added, "fruitful".to_string()),
                (DiffOp::Same, "meeting".to_string()),
            ]
        );
    }

    #[test]
    fn contraction_and_insertion_diff_keeps_exact_text() {
        let got = pieces("I am sure that we're ready", "I'm sure we are ready");
        assert_eq!(
            got,
            [
                (DiffOp::Same, "I'm sure".to_string()),
                (DiffOp::Removed, "that".to_string()),
                (DiffOp::Same, "we are ready".to_string()),
            ]
        );
    }

    #[test]
    fn identical_wordings_are_one_same_piece() {
        let got = pieces("Hold the line.", "hold the line");
        assert_eq!(got, [(DiffOp::Same, "hold the line".to_string())]);
    }
}
