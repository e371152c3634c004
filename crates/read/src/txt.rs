//! Plain-text articles.
//!
//! ```text
//! Title: Dockers walk out            ← optional header: `Key: value` lines
//! Source: The Quay Courier              (Title, Source, URL, Published;
//! Published: 2026-03-13T06:20:00Z        keys case-insensitive) ...
//!                                    ← ... ended by the first blank line
//! First paragraph, possibly
//! hard-wrapped over several lines.
//!
//! Second paragraph.
//! ```
//!
//! Without a header, the first non-blank line is the headline and the rest is
//! the body, unless that line reads as body text (several sentences, or
//! longer than any headline): then it all is body, and the headline is made
//! from the first sentence.

use crate::date;
use crate::draft::Draft;
use crate::paragraphs;

/// Header keys that are understood. A file is taken to have a header only
/// when its first line uses one of them, so a headline such as
/// "Update: talks resume" is not mistaken for a header.
const KNOWN_KEYS: &[&str] = &["title", "source", "url", "published"];

/// Longest key accepted for an unknown header line (`Author:`, `Section:`),
/// which is skipped rather than read as body text.
const MAX_UNKNOWN_KEY_LEN: usize = 24;

/// Parse a decoded `.txt` file. Returns the draft and messages about values
/// that could not be used (an unparseable date).
pub(crate) fn parse(text: &str, id: &str) -> (Draft, Vec<String>) {
    let mut draft = Draft {
        id: id.to_string(),
        ..Draft::default()
    };
    let mut warnings = Vec::new();
    let mut lines = paragraphs::lines(text)
        .skip_while(|line| paragraphs::is_blank(line))
        .peekable();

    let has_header = lines
        .peek()
        .and_then(|line| header_field(line))
        .is_some_and(|(key, _)| KNOWN_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k)));

    if has_header {
        while let Some(line) = lines.peek() {
            let Some((key, value)) = header_field(line) else {
                break;
            };
            lines.next();
            apply_header(&mut draft, &mut warnings, key, value);
        }
    } else if let Some(line) = lines.next_if(|line| is_headline(line)) {
        draft.title = Some(line.trim().to_string());
    }

    draft.text = paragraphs::from_blank_line_blocks(lines);
    (draft, warnings)
}

/// Longest line taken as a headline; longer ones are paragraphs.
const MAX_HEADLINE: usize = 200;

/// A first line that can be a headline: short, and one sentence at most (no
/// sentence end followed by another sentence inside it). A full stop after a
/// word of three letters or fewer ("St. Ives", "U.S. Senate") ends no sentence.
fn is_headline(line: &str) -> bool {
    let line = line.trim();
    let breaks = line
        .match_indices(['.', '!', '?'])
        .filter(|&(i, mark)| {
            let before = line.get(..i).unwrap_or("");
            let word = before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            let rest = line.get(i + 1..).unwrap_or("");
            let next = rest.trim_start();
            (mark != "." || word.chars().count() > 3)
                && rest.starts_with(' ')
                && next.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“')
        })
        .count();
    line.len() <= MAX_HEADLINE && breaks == 0
}

/// `Key: value` when the line has that shape: a short key of letters (and
/// `-`/`_`/spaces inside), then a colon.
fn header_field(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    let plausible = !key.is_empty()
        && key.len() <= MAX_UNKNOWN_KEY_LEN
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ' '));
    plausible.then(|| (key, value.trim()))
}

fn apply_header(draft: &mut Draft, warnings: &mut Vec<String>, key: &str, value: &str) {
    let value = value.to_string();
    match key.to_ascii_lowercase().as_str() {
        "title" => draft.title = Some(value),
        "source" => draft.source = Some(value),
        "url" => draft.url = Some(value),
        "published" => {
            if value.is_empty() {
                return;
            }
            draft.published = date::parse_published(&value);
            if draft.published.is_none() {
                warnings.push(format!("unrecognised date in Published: {value:?}"));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_parsed_case_insensitively() {
        let text = "title: Crane operators strike\nSOURCE: The Quay Courier\nUrl: https://quay.example/a\nPublished: 2026-03-13T06:20:00Z\nAuthor: Ida Brink\n\nFirst paragraph.\n\nSecond paragraph.\n";
        let (draft, warnings) = parse(text, "quay-strike");
        assert!(warnings.is_empty());
        assert_eq!(draft.title.as_deref(), Some("Crane operators strike"));
        assert_eq!(draft.source.as_deref(), Some("The Quay Courier"));
        assert_eq!(draft.url.as_deref(), Some("https://quay.example/a"));
        assert_eq!(
            draft.published.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-03-13T06:20:00+00:00")
        );
        assert_eq!(draft.text, "First paragraph.\n\nSecond paragraph.");
    }

    #[test]
    fn without_header_first_line_is_headline() {
        let text = "\n\nUpdate: talks resume at the port\nUnion leaders returned\nto the table.\n\nNo deal yet.";
        let (draft, _) = parse(text, "x");
        assert_eq!(
            draft.title.as_deref(),
            Some("Update: talks resume at the port")
        );
        assert_eq!(
            draft.text,
            "Union leaders returned to the table.\n\nNo deal yet."
        );
    }

    #[test]
    fn a_first_line_that_is_a_paragraph_is_body() {
        let lead = "Crane operators at Holm walked out on Friday. The union said the strike would last two days. Ships queued offshore. Talks are set for Monday. No deal is expected.";
        let (draft, _) = parse(&format!("{lead}\n\nSecond paragraph."), "x");
        assert_eq!(draft.title, None);
        assert_eq!(draft.text, format!("{lead}\n\nSecond paragraph."));
        let article = draft.finish();
        assert_eq!(
            article.title,
            "Crane operators at Holm walked out on Friday."
        );
        // A short headline with an abbreviation stays a headline.
        assert!(is_headline("Talks resume at St. Ives port"));
        assert!(!is_headline(&"word ".repeat(50)));
    }

    #[test]
    fn crlf_files_are_read() {
        let text = "Title: Ferry delayed\r\nSource: Fjord Times\r\n\r\nThe ferry\r\nwas late.\r\n\r\nIt docked at noon.\r\n";
        let (draft, _) = parse(text, "x");
        assert_eq!(draft.title.as_deref(), Some("Ferry delayed"));
        assert_eq!(draft.source.as_deref(), Some("Fjord Times"));
        assert_eq!(draft.text, "The ferry was late.\n\nIt docked at noon.");
    }

    #[test]
    fn bad_date_warns_and_keeps_article() {
        let (draft, warnings) = parse("Published: last Tuesday\nTitle: T\n\nBody.", "x");
        assert_eq!(draft.published, None);
        assert_eq!(draft.text, "Body.");
        assert_eq!(
            warnings,
            vec!["unrecognised date in Published: \"last Tuesday\"".to_string()]
        );
    }

    #[test]
    fn header_without_blank_line_stops_at_first_body_line() {
        let (draft, _) = parse("Title: T\nThe body starts here.", "x");
        assert_eq!(draft.title.as_deref(), Some("T"));
        assert_eq!(draft.text, "The body starts here.");
    }
}
