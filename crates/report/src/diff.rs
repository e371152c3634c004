//! Presenting a quote occurrence's word-level diff to people.
//!
//! The compare stage gives, for each occurrence, its difference from the group's
//! reference wording as a list of pieces. For a *fragment* the words of the
//! reference before and after the printed part come out as removed pieces;
//! showing them struck through would suggest the outlet cut them, so they are
//! reported as elided (`…`) instead and only the differences *inside* the
//! printed part are shown as deletions and insertions.

use parallax_model::{DiffOp, QuoteOccurrence};

/// A diff ready to display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout<'a> {
    /// Reference words before the printed fragment were left out.
    pub elided_before: bool,
    pub pieces: Vec<(DiffOp, &'a str)>,
    /// Reference words after the printed fragment were left out.
    pub elided_after: bool,
}

impl Layout<'_> {
    /// True when the wording differs from the reference inside the printed part.
    pub fn has_changes(&self) -> bool {
        self.pieces.iter().any(|(op, _)| *op != DiffOp::Same)
    }
}

/// Lay out an occurrence's diff; `None` when it has none (the reference itself).
pub(crate) fn layout(occurrence: &QuoteOccurrence) -> Option<Layout<'_>> {
    let mut pieces: Vec<(DiffOp, &str)> = occurrence
        .diff
        .iter()
        .map(|p| (p.op, p.text.as_str()))
        .filter(|(_, t)| !t.trim().is_empty())
        .collect();
    if pieces.is_empty() {
        return None;
    }
    let (mut elided_before, mut elided_after) = (false, false);
    if occurrence.fragment {
        let lead = pieces
            .iter()
            .take_while(|(op, _)| *op == DiffOp::Removed)
            .count();
        elided_before = lead > 0;
        pieces.drain(..lead);
        let trail = pieces
            .iter()
            .rev()
            .take_while(|(op, _)| *op == DiffOp::Removed)
            .count();
        elided_after = trail > 0;
        pieces.truncate(pieces.len().saturating_sub(trail));
    }
    Some(Layout {
        elided_before,
        pieces,
        elided_after,
    })
}

/// Whether a space belongs between two pieces of a sentence: not after an
/// opening bracket or quote mark, not before punctuation that closes or
/// continues ("call ," would be wrong), not where a piece carries its own.
pub(crate) fn space_between(before: &str, after: &str) -> bool {
    let (Some(last), Some(first)) = (before.chars().last(), after.chars().next()) else {
        return false;
    };
    if last.is_whitespace() || first.is_whitespace() {
        return false;
    }
    let opens = matches!(last, '(' | '[' | '{' | '“' | '‘' | '«' | '„');
    let closes = matches!(
        first,
        ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '”' | '’' | '»' | '…' | '%'
    );
    !(opens || closes)
}

/// A short summary of the changes for one text line: `−significant +meaningful`.
/// Consecutive pieces of one kind are joined.
pub(crate) fn changes_summary(layout: &Layout<'_>) -> String {
    let mut runs: Vec<(DiffOp, String)> = Vec::new();
    for &(op, text) in &layout.pieces {
        if op == DiffOp::Same {
            runs.push((op, String::new()));
            continue;
        }
        match runs.last_mut() {
            Some((last, run)) if *last == op => {
                if space_between(run, text) {
                    run.push(' ');
                }
                run.push_str(text.trim());
            }
            _ => runs.push((op, text.trim().to_string())),
        }
    }
    runs.into_iter()
        .filter_map(|(op, run)| match op {
            DiffOp::Same => None,
            DiffOp::Removed => Some(format!("−{run}")),
            DiffOp::Added => Some(format!("+{run}")),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_model::{DiffPiece, Occurrence};

    fn occ(fragment: bool, pieces: &[(DiffOp, &str)]) -> QuoteOccurrence {
        QuoteOccurrence {
            at: Occurrence {
                article: "a".into(),
                start: 0,
                end: 0,
                text: String::new(),
            },
            fragment,
            diff: pieces
                .iter()
                .map(|&(op, t)| DiffPiece { op, text: t.into() })
                .collect(),
        }
    }

    #[test]
    fn fragment_edges_are_elided_not_struck() {
        use DiffOp::*;
        let o = occ(
            true,
            &[
                (Removed, "It was"),
                (Same, "a long and"),
                (Removed, "significant"),
                (Added, "meaningful"),
                (Same, "phone call"),
                (Removed, ","),
            ],
        );
        let l = layout(&o).unwrap_or_else(|| panic!("a diff"));
        assert!(l.elided_before && l.elided_after);
        assert_eq!(l.pieces.first(), Some(&(Same, "a long and")));
        assert_eq!(l.pieces.last(), Some(&(Same, "phone call")));
        assert_eq!(changes_summary(&l), "−significant +meaningful");
    }

    #[test]
    fn non_fragments_keep_edge_removals() {
        use DiffOp::*;
        let o = occ(
            false,
            &[(Same, "I believe"), (Removed, "that"), (Same, "this call")],
        );
        let l = layout(&o).unwrap_or_else(|| panic!("a diff"));
        assert!(!l.elided_before && !l.elided_after);
        assert_eq!(changes_summary(&l), "−that");
        assert_eq!(layout(&occ(false, &[])), None);
    }

    #[test]
    fn spacing_follows_punctuation() {
        assert!(space_between("call", "significant"));
        assert!(!space_between("call", ","));
        assert!(!space_between("“", "We"));
        assert!(!space_between("call ", "now"));
        assert!(!space_between("", "now"));
    }
}
