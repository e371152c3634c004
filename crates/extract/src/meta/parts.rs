//! "Contains one of these words" for class names and ids, tested on every
//! element of every page.

use regex::{Regex, RegexBuilder};

/// A matcher for any of `parts` inside a string, ASCII case ignored when
/// `ignore_case`. One regex over all the parts (a multi-substring search)
/// instead of one substring search per part, and no lowercased copy of the
/// string: these tests were a tenth of extraction time.
pub(super) fn any_of(parts: &[&str], ignore_case: bool) -> Regex {
    let pattern = parts
        .iter()
        .map(|part| regex::escape(part))
        .collect::<Vec<_>>()
        .join("|");
    RegexBuilder::new(&pattern)
        .case_insensitive(ignore_case)
        .unicode(false)
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_any_part_with_or_without_case() {
        let exact = any_of(&["date", "more-"], false);
        assert!(exact.is_match("post-date"));
        assert!(!exact.is_match("PostDate"));
        assert!(exact.is_match("read-more-links"));
        assert!(!exact.is_match("more.links"));
        let any_case = any_of(&["sidebar"], true);
        assert!(any_case.is_match("Main-SideBar"));
        assert!(!any_case.is_match("side bar"));
    }
}
