//! Normalising body text into the one shape every later stage relies on:
//! trimmed, non-empty paragraphs joined by exactly `"\n\n"`, with no newline
//! anywhere else.

/// The lines of `text`, accepting `\n`, `\r\n` and old-style lone `\r` endings.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'))
}

/// True for a line with nothing but whitespace on it.
pub(crate) fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Plain-text convention: paragraphs are separated by blank lines, and the
/// lines inside one paragraph (hard-wrapped text) are joined with one space.
pub(crate) fn from_blank_line_blocks<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut in_paragraph = false;
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            in_paragraph = false;
            continue;
        }
        if in_paragraph {
            out.push(' ');
        } else if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(line);
        in_paragraph = true;
    }
    out
}

/// JSON convention: every line break, single or double, ends a paragraph.
/// Feeds write `"\n\n"` between paragraphs, but many exporters write a single
/// `"\n"`, and a JSON string has no hard wrapping to undo, so a single newline
/// is a paragraph break too.
pub(crate) fn from_every_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in lines(text) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(line);
    }
    out
}

/// HTML convention: any run of whitespace (spaces, tabs, newlines from source
/// indentation, no-break spaces) becomes one space, and the ends are trimmed.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_line_blocks_join_wrapped_lines() {
        let text =
            "  First line\r\nof one paragraph.  \r\n\r\n\r\n\tSecond.\rThird line of it.\n \n";
        assert_eq!(
            from_blank_line_blocks(lines(text)),
            "First line of one paragraph.\n\nSecond. Third line of it."
        );
    }

    #[test]
    fn every_line_is_a_paragraph_in_json_text() {
        assert_eq!(
            from_every_line("One.\nTwo.\n\n\nThree.\r\n"),
            "One.\n\nTwo.\n\nThree."
        );
        assert_eq!(from_every_line(" \n\n "), "");
    }

    #[test]
    fn whitespace_collapses() {
        assert_eq!(collapse_whitespace("\n  a \t b\u{a0}c  "), "a b c");
    }
}
