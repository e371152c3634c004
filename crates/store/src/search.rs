//! Turning what a person types into safe FTS5 queries.

/// What a person typed, as FTS5 queries that match every word (implicit
/// AND). Each word is quoted, so operators and syntax in the input (`AND`,
/// `NEAR(`, `"`, `*`, `:`) are taken as text, never as query syntax.
#[derive(Debug, PartialEq, Eq)]
pub struct FtsQuery {
    /// Every word as typed.
    pub exact: String,
    /// The same with the last word also as a prefix (`holm isl` finds
    /// "Holm island"). Several times dearer than `exact`: tried only when
    /// `exact` finds nothing.
    pub prefix: String,
}

/// The queries for `input`; `None` when it has no words.
pub fn fts_query(input: &str) -> Option<FtsQuery> {
    let words: Vec<String> = parallax_text::words(input)
        .map(|w| format!("\"{}\"", w.text.replace('"', "\"\"")))
        .collect();
    if words.is_empty() {
        return None;
    }
    let exact = words.join(" ");
    let prefix = format!("{exact}*");
    Some(FtsQuery { exact, prefix })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_quoted_and_the_last_may_be_a_prefix() {
        assert_eq!(
            fts_query("Holm ferry"),
            Some(FtsQuery {
                exact: r#""Holm" "ferry""#.into(),
                prefix: r#""Holm" "ferry"*"#.into(),
            })
        );
    }

    #[test]
    fn syntax_in_the_input_is_text() {
        assert_eq!(
            fts_query(r#"NEAR( "a" OR b*"#).map(|q| q.prefix).as_deref(),
            Some(r#""NEAR" "a" "OR" "b"*"#)
        );
    }

    #[test]
    fn no_words_no_query() {
        assert_eq!(fts_query("  -- ** "), None);
    }
}
