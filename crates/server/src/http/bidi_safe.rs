//! The escaper of every page template (see `askama.toml`).

use std::fmt;

/// HTML escaping by [`parallax_report::escape_html`]: the five special
/// characters become entities, control characters U+FFFD, and bidirectional
/// controls are balanced, so that a right-to-left override in one outlet's
/// headline cannot reverse the next outlet's name.
#[derive(Debug, Clone, Copy)]
pub struct BidiSafeHtml;

impl askama::filters::Escaper for BidiSafeHtml {
    fn write_escaped_str<W: fmt::Write>(&self, mut dest: W, string: &str) -> fmt::Result {
        dest.write_str(&parallax_report::escape_html(string))
    }
}
