//! Paragraph spans: runs of non-blank lines, trimmed.
//!
//! Readers join paragraphs with `"\n\n"`, but hand-made `.txt` files and JSONL
//! bodies often carry `"\r\n"`, trailing spaces or several blank lines, so any
//! run of whitespace-only lines separates paragraphs. A single line break inside
//! a paragraph does not (hard-wrapped text stays one paragraph).

use parallax_model::Span;

/// The paragraphs of `text`, in order, each trimmed of surrounding whitespace
/// and never empty. Runs in one pass over the lines.
pub(crate) fn paragraph_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut current: Option<Span> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed_start = line.trim_start();
        if trimmed_start.is_empty() {
            // A blank line closes the paragraph in progress.
            if let Some(span) = current.take() {
                spans.push(span);
            }
        } else {
            let start = offset + (line.len() - trimmed_start.len());
            let end = offset + line.trim_end().len();
            match current.as_mut() {
                Some(span) => span.end = end,
                None => current = Some(Span::new(start, end)),
            }
        }
        offset += line.len();
    }
    if let Some(span) = current {
        spans.push(span);
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        paragraph_spans(text)
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn splits_on_blank_lines_and_trims() {
        let text = "  First line.\nstill first.  \n\n\nSecond.\r\n \t\r\nThird";
        assert_eq!(
            texts(text),
            ["First line.\nstill first.", "Second.", "Third"]
        );
        let spans = paragraph_spans(text);
        assert_eq!(spans[0], Span::new(2, 26));
    }

    #[test]
    fn empty_and_blank_text_has_no_paragraphs() {
        assert!(paragraph_spans("").is_empty());
        assert!(paragraph_spans(" \n\n\t\r\n ").is_empty());
    }

    #[test]
    fn multibyte_whitespace_is_trimmed_on_char_boundaries() {
        let text = "\u{3000}Kyïv —\u{a0}\n\u{2003}\nNext";
        assert_eq!(texts(text), ["Kyïv —", "Next"]);
    }
}
