//! Making untrusted article content safe for HTML and for terminals.
//!
//! Article text, titles, outlet names, ids and URLs all come from the input and
//! may be hostile. HTML output only ever receives them through [`html`],
//! [`safe_href`] and [`anchor_id`]; terminal output through [`line`].

use std::fmt::Write as _;

/// Escape text for an HTML text node *or* a quoted attribute value: `& < > " '`
/// become entities. Control characters other than tab, newline and carriage
/// return (parse errors in HTML) become U+FFFD. Bidirectional embeddings,
/// overrides and isolates are balanced (see [`Bidi`]), so that the text can
/// reorder only itself, never the outlet name or text that follows it.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_html(&mut out, s);
    out
}

/// [`html`], appending to `out`.
pub(crate) fn push_html(out: &mut String, s: &str) {
    let mut bidi = Bidi::default();
    for c in s.chars() {
        if is_bidi_control(c) {
            bidi.push(out, c);
            continue;
        }
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    bidi.close(out);
}

/// Explicit bidirectional formatting kept balanced: a closer without its
/// opener is dropped, and openers still open at the end of the text are
/// closed there. An RLO (U+202E) left open in one outlet's sentence would
/// otherwise run on and reverse the next outlet's name on the page.
#[derive(Default)]
struct Bidi {
    /// Open embeddings and overrides (closed by PDF) and isolates (PDI).
    open: Vec<char>,
}

impl Bidi {
    /// UAX #9's deepest nesting; deeper openers have no effect anyway.
    const MAX_DEPTH: usize = 125;
    const PDF: char = '\u{202C}';
    const PDI: char = '\u{2069}';

    fn push(&mut self, out: &mut String, c: char) {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' | '\u{2066}'..='\u{2068}' => {
                if self.open.len() < Self::MAX_DEPTH {
                    self.open.push(c);
                    out.push(c);
                }
            }
            Self::PDF => {
                // Closes the innermost embedding, never across an isolate.
                if self.open.last().is_some_and(|&o| !is_isolate(o)) {
                    self.open.pop();
                    out.push(c);
                }
            }
            Self::PDI => {
                // Closes the innermost isolate and every embedding inside it.
                if let Some(at) = self.open.iter().rposition(|&o| is_isolate(o)) {
                    self.open.truncate(at);
                    out.push(c);
                }
            }
            // Marks (LRM, RLM, ALM) open nothing.
            c => out.push(c),
        }
    }

    fn close(self, out: &mut String) {
        for &o in self.open.iter().rev() {
            out.push(if is_isolate(o) { Self::PDI } else { Self::PDF });
        }
    }
}

fn is_isolate(c: char) -> bool {
    matches!(c, '\u{2066}'..='\u{2068}')
}

/// The URL, escaped for an `href` attribute, when it is an `http://` or
/// `https://` URL; `None` for anything else (`javascript:`, `data:`, relative
/// paths, URLs with leading spaces or control characters), which callers show as
/// text instead of linking.
pub(crate) fn safe_href(url: &str) -> Option<String> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme_ok = lower.starts_with("http://") || lower.starts_with("https://");
    // Browsers strip tabs and newlines inside URLs; refuse them rather than
    // reason about what a browser would make of the rest.
    let clean = !url.chars().any(|c| c.is_control() || c.is_whitespace());
    (scheme_ok && clean).then(|| html(url))
}

/// An article id as an HTML id / URL fragment that needs no escaping: ASCII
/// letters, digits, `-` and `.` are kept, every other byte becomes `_XX` (hex).
/// The mapping is one-to-one and never produces `:`, so ids built as
/// `"article:" + anchor_id(..)` cannot collide with sentence ids
/// (`anchor_id(article) + "-" + start`).
pub(crate) fn anchor_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'.' {
            out.push(char::from(b));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "_{b:02X}");
        }
    }
    if out.is_empty() {
        out.push('_');
    }
    out
}

/// Untrusted text made safe and compact for one terminal line: every run of
/// whitespace (including newlines) becomes one space, control characters
/// (terminal escape sequences start with one) and bidirectional overrides
/// (which can reorder what the reader sees) are dropped.
pub(crate) fn line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if c.is_control() || is_bidi_control(c) {
            continue;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// A BCP 47 language tag safe to put in a `lang` attribute (`en`, `pt-BR`), or
/// `None` for anything else.
pub(crate) fn language_tag(code: &str) -> Option<&str> {
    let ok = (2..=35).contains(&code.len())
        && code.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    ok.then_some(code)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_the_five_characters() {
        assert_eq!(
            html(r#"<a href="x" title='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(
            html("a\u{0}b\u{7f}c\nd\u{85}"),
            "a\u{FFFD}b\u{FFFD}c\nd\u{FFFD}"
        );
    }

    #[test]
    fn bidi_controls_are_balanced_within_each_text() {
        // An override left open is closed at the end of its own text.
        assert_eq!(html("abc\u{202E}def"), "abc\u{202E}def\u{202C}");
        // Stray closers are dropped, matched pairs kept, nesting honoured.
        assert_eq!(html("\u{202C}\u{2069}x"), "x");
        assert_eq!(
            html("\u{2067}a\u{202B}b\u{2069}c"),
            "\u{2067}a\u{202B}b\u{2069}c"
        );
        assert_eq!(
            html("\u{2068}a\u{202D}b"),
            "\u{2068}a\u{202D}b\u{202C}\u{2069}"
        );
        assert_eq!(
            html("\u{2066}a\u{202C}b"),
            "\u{2066}ab\u{2069}",
            "PDF cannot leave an isolate"
        );
        assert_eq!(html("\u{200F}plain"), "\u{200F}plain");
        let deep = "\u{202E}".repeat(1000);
        assert_eq!(html(&deep).chars().count(), 250);
    }

    #[test]
    fn only_http_urls_become_links() {
        assert_eq!(
            safe_href("https://example.org/a?b=1&c=\"2\"").as_deref(),
            Some("https://example.org/a?b=1&amp;c=&quot;2&quot;")
        );
        assert_eq!(
            safe_href("HTTP://EXAMPLE.ORG").as_deref(),
            Some("HTTP://EXAMPLE.ORG")
        );
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href(" https://example.org"), None);
        assert_eq!(safe_href("https://exa\tmple.org"), None);
        assert_eq!(safe_href("data:text/html,<script>"), None);
        assert_eq!(safe_href("//example.org"), None);
        assert_eq!(safe_href("http"), None);
    }

    #[test]
    fn anchor_ids_are_plain_and_injective() {
        assert_eq!(
            anchor_id("herald-sokolovskyy-call"),
            "herald-sokolovskyy-call"
        );
        assert_eq!(anchor_id("a b"), "a_20b");
        assert_eq!(anchor_id("a_20b"), "a_5F20b");
        assert_eq!(anchor_id("\"><x"), "_22_3E_3Cx");
        assert_eq!(anchor_id("Kyïv"), "Ky_C3_AFv");
        assert_eq!(anchor_id(""), "_");
    }

    #[test]
    fn language_tags_are_checked() {
        assert_eq!(language_tag("en"), Some("en"));
        assert_eq!(language_tag("pt-BR"), Some("pt-BR"));
        assert_eq!(language_tag("en\" onload=\"x"), None);
        assert_eq!(language_tag(""), None);
        assert_eq!(language_tag("e"), None);
    }

    #[test]
    fn terminal_lines_lose_controls_and_newlines() {
        assert_eq!(
            line("  a\n\nb\t c \u{1b}[31mred\u{202E}x "),
            "a b c [31mredx"
        );
    }
}
