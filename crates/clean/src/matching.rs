//! Allocation-free text tests used by the cue matchers.
//!
//! Cues are ASCII phrases; comparing bytes with ASCII case folding never slices
//! inside a multi-byte char, so none of these can panic on any input.

/// True when `text` starts with `prefix`, ignoring ASCII case.
pub(crate) fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// True when `text` contains `needle`, ignoring ASCII case. `needle` is a short
/// constant, so this is linear in `text`.
pub(crate) fn contains_ci(text: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    !needle.is_empty()
        && text
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// True when `text` starts with `prefix` (exact case) and the prefix is not
/// glued to a following letter: "Subscribe now" but not "Subscribers".
pub(crate) fn starts_with_word(text: &str, prefix: &str, ignore_case: bool) -> bool {
    let matched = if ignore_case {
        starts_with_ci(text, prefix)
    } else {
        text.starts_with(prefix)
    };
    matched
        && text
            .get(prefix.len()..)
            .and_then(|rest| rest.chars().next())
            .is_none_or(|c| !c.is_alphanumeric())
}

/// True when `text` is one line: promoted headlines and credits are.
pub(crate) fn is_single_line(text: &str) -> bool {
    !text.contains('\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_insensitive_matching_is_boundary_safe() {
        assert!(starts_with_ci("READ more: x", "read more"));
        assert!(!starts_with_ci("Rë", "read"));
        assert!(contains_ci("… Sign UP NOW …", "sign up now"));
        assert!(!contains_ci("", "x"));
        assert!(starts_with_word("Subscribe now", "Subscribe", false));
        assert!(!starts_with_word("Subscribers said", "Subscribe", false));
        assert!(starts_with_word("Subscribe", "Subscribe", false));
    }
}
