//! Turning what a person types into a safe FTS5 query.

/// An FTS5 query that matches every word of `input` (implicit AND), the last
/// word also as a prefix. Each word is quoted, so operators and syntax in the
/// input (`AND`, `NEAR(`, `"`, `*`, `:`) are taken as text, never as query
/// syntax. `None` when the input has no words.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<&str> = parallax_text::words(input).map(|w| w.text).collect();
    let (last, rest) = words.split_last()?;
    let mut query = String::new();
    for word in rest {
        query.push_str(&quoted(word));
        query.push(' ');
    }
    query.push_str(&quoted(last));
    query.push('*');
    Some(query)
}

fn quoted(word: &str) -> String {
    format!("\"{}\"", word.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_quoted_and_the_last_is_a_prefix() {
        assert_eq!(
            fts_query("Holm ferry").as_deref(),
            Some(r#""Holm" "ferry"*"#)
        );
    }

    #[test]
    fn syntax_in_the_input_is_text() {
        assert_eq!(
            fts_query(r#"NEAR( "a" OR b*"#).as_deref(),
            Some(r#""NEAR" "a" "OR" "b"*"#)
        );
    }

    #[test]
    fn no_words_no_query() {
        assert_eq!(fts_query("  -- ** "), None);
    }
}
