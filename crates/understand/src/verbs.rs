//! Reporting verbs: the built-in list of [`crate::titles::SPEECH_VERBS`] plus
//! the SFU Gender Gap Tracker list (MIT, see `data/NOTICE`), all inflections.
//! The shipped list is broad (`accept`, `hope`), so it is only consulted next
//! to a quote or a speech clause, never to find names.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::titles::SPEECH_VERBS;

const SHIPPED: &str = include_str!("../data/quote_verbs.txt");

fn shipped() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        SHIPPED
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    })
}

/// Both lists in one set: this is asked for every word near a quote.
fn all() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        shipped()
            .iter()
            .copied()
            .chain(SPEECH_VERBS.iter().copied())
            .collect()
    })
}

/// A reporting verb (lowercase input).
pub fn is_reporting(word: &str) -> bool {
    all().contains(word)
}

/// A participle that continues the sentence subject's speech:
/// `Trump attacked Clinton, saying, "..."`.
pub fn is_participle(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ing") && shipped().contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_list_adds_verbs_beyond_the_built_in_ones() {
        assert!(is_reporting("said"));
        assert!(is_reporting("tweeted") || is_reporting("quipped"));
        assert!(!is_reporting("table"));
        assert!(is_reporting("implored") && is_reporting("chanted"));
        assert!(is_participle("saying"));
        assert!(!is_participle("said"));
    }
}
