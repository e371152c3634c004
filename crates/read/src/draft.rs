//! What every format parser produces, and the shared rules that turn it into
//! an [`Article`]: title fallback and language detection.

use chrono::{DateTime, Utc};
use parallax_model::Article;

use crate::lang;
use crate::paragraphs;

/// A fallback title is cut to at most this many bytes (on a char boundary).
const MAX_FALLBACK_TITLE: usize = 80;

/// An article as a format parser read it, before the shared fallbacks.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Draft {
    pub id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<DateTime<Utc>>,
    /// Normalised ISO 639-1 code given by the input.
    pub language: Option<String>,
    /// Already normalised: paragraphs joined by `"\n\n"`.
    pub text: String,
}

impl Draft {
    /// Fill in what the input left out: a title from the text (or the id), and
    /// the detected language. Titles are shown on one line, so any whitespace
    /// run in them (a newline from JSON, a tab) becomes one space.
    pub(crate) fn finish(self) -> Article {
        let title = self
            .title
            .map(|t| paragraphs::collapse_whitespace(&t))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| fallback_title(&self.text, &self.id));
        let language = self.language.or_else(|| lang::detect(&self.text));
        Article {
            id: self.id,
            source: non_empty(self.source),
            url: non_empty(self.url),
            title,
            published: self.published,
            language,
            text: self.text,
        }
    }
}

/// Trimmed, and `None` when nothing is left.
pub(crate) fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The first sentence-ish of the text, at most 80 bytes, else the id.
fn fallback_title(text: &str, id: &str) -> String {
    let first_paragraph = text.split("\n\n").next().unwrap_or_default();
    let sentence_end = first_paragraph
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && first_paragraph
                    .get(i + c.len_utf8()..)
                    .is_none_or(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
        })
        .map_or(first_paragraph.len(), |(i, c)| i + c.len_utf8());
    let sentence = first_paragraph
        .get(..sentence_end)
        .unwrap_or(first_paragraph);
    let mut title = lang::prefix_on_char_boundary(sentence, MAX_FALLBACK_TITLE).trim();
    let cut_inside_word = sentence
        .get(title.len()..)
        .is_some_and(|rest| rest.starts_with(|c: char| !c.is_whitespace()));
    if cut_inside_word {
        // Cut at the last word boundary rather than inside a word.
        if let Some(space) = title.rfind(char::is_whitespace) {
            title = title.get(..space).unwrap_or(title).trim_end();
        }
    }
    if title.is_empty() {
        id.to_string()
    } else {
        title.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(text: &str, title: Option<&str>) -> Draft {
        Draft {
            id: "fallback-id".into(),
            title: title.map(str::to_string),
            text: text.into(),
            ..Draft::default()
        }
    }

    #[test]
    fn given_title_is_trimmed() {
        let a = draft("Body.", Some("  Dockers\n strike  ")).finish();
        assert_eq!(a.title, "Dockers strike");
    }

    #[test]
    fn empty_title_falls_back_to_first_sentence() {
        let a = draft(
            "Crane operators walked out at dawn. More follows.",
            Some(" "),
        )
        .finish();
        assert_eq!(a.title, "Crane operators walked out at dawn.");
        let a = draft("Version 2.5 of the plan was rejected. Then...", None).finish();
        assert_eq!(a.title, "Version 2.5 of the plan was rejected.");
    }

    #[test]
    fn long_fallback_title_is_cut_at_a_word_on_a_char_boundary() {
        let text =
            "Ż".repeat(30) + " ends here and keeps going without any full stop at all for a while";
        let a = draft(&text, None).finish();
        assert!(a.title.len() <= MAX_FALLBACK_TITLE);
        assert_eq!(a.title, "Ż".repeat(30) + " ends here and keeps");
        let a = draft(&"Ż".repeat(50), None).finish();
        assert_eq!(a.title, "Ż".repeat(40));
    }

    #[test]
    fn no_text_means_id_title() {
        assert_eq!(draft("", None).finish().title, "fallback-id");
    }

    #[test]
    fn english_is_detected_when_not_given() {
        let text = "The harbour master said that at least twenty ships had been delayed by the strike on Friday, and that more would follow.";
        assert_eq!(draft(text, None).finish().language.as_deref(), Some("en"));
        let mut given = draft(text, None);
        given.language = Some("nl".into());
        assert_eq!(given.finish().language.as_deref(), Some("nl"));
    }
}
