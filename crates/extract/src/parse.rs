//! Parsing with the tree builder's work per tag held to a bound, whatever
//! the markup (issue #16).
//!
//! html5ever keeps the stack of open elements and the list of active
//! formatting elements of the HTML standard, and scans them on most tags:
//! each `<div>` asks whether a `<p>` is open in button scope, each run of
//! text whether formatting elements must be reopened. On a page that nests
//! elements ever deeper every tag costs as much as the depth, and the page
//! the square of it (100,000 nested `<div>`s: 15 s, 200,000: 68 s). A page
//! that ends paragraphs inside formatting elements with distinct attributes
//! (`<p><b id=1>x</p><p><b id=2>x</p>`...) makes the tree builder reopen
//! every one of them in every later paragraph: a number of elements in the
//! square of the page's (10,000 paragraphs, 190 KB: 46 s and 8.7 GB).
//!
//! So the page is fed to the tree builder in runs of at most [`RUN_TAGS`]
//! tags, and what it holds (open and active formatting elements) is counted
//! between runs:
//!
//! - from [`MAX_OPEN`] on, the start tags of the next run are left out
//!   (void elements and raw-text ones like `<script>` and `<title>` excepted,
//!   which do not stay open): what they hold goes to the element open at
//!   that depth, as if their tags were not there. Real pages stay under 60
//!   (2,006 pages of the extraction sets: 57 at most);
//! - beyond [`MAX_OPEN_OVERSHOOT`], or once the tree has more nodes than the
//!   page fed so far has bytes (plus [`NODE_SLACK`]), the rest of the page is
//!   left out: only markup built to make the tree builder reopen elements
//!   over and over gets there.
//!
//! Pages within the limits parse exactly as in one piece: the tokenizer
//! streams, and a run may end anywhere.

use std::cell::Cell;

use ego_tree::NodeId;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::Tracer;
use memchr::{memchr, memchr_iter};
use scraper::{Html, HtmlTreeSink};

use crate::prune::{tag_end, tag_name};

/// Open and active formatting elements from which start tags are left out.
pub(crate) const MAX_OPEN: usize = 512;

/// Open and active formatting elements beyond which the rest of the page is
/// left out. A run of tags fed just under [`MAX_OPEN`] can only go past it
/// by reopening formatting elements.
const MAX_OPEN_OVERSHOOT: usize = 4 * MAX_OPEN;

/// Nodes the tree may hold beyond one per byte of the page fed so far.
/// Markup makes at most about one node per two bytes (`<p>x`), plus a few
/// reopened formatting elements per paragraph.
const NODE_SLACK: usize = 10_000;

/// Bytes fed to the tree builder at a time, at most...
const RUN_BYTES: usize = 8 * 1024;
/// ...holding at most this many tags (`<` characters), and no more than
/// there is room for below [`MAX_OPEN`].
const RUN_TAGS: usize = 256;

/// Start tags that are never left out: elements that never stay open (void
/// ones), and raw-text ones, whose contents would otherwise be read as
/// markup and text.
const KEPT_START_TAGS: &[&str] = &[
    "area",
    "base",
    "basefont",
    "bgsound",
    "br",
    "col",
    "embed",
    "frame",
    "hr",
    "image",
    "img",
    "input",
    "keygen",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// What feeding the page did beyond parsing it, for tests.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// Start tags left out at [`MAX_OPEN`].
    pub dropped_tags: usize,
    /// Whether the end of the page was left out.
    pub truncated: bool,
    /// The most open and active formatting elements counted between runs.
    pub most_held: usize,
}

/// Parse a whole page (as `scraper::Html::parse_document`), within the limits.
pub(crate) fn parse_document(html: &str) -> Html {
    parse_counted(html).0
}

/// [`parse_document`], also saying what the limits did.
pub(crate) fn parse_counted(html: &str) -> (Html, Limits) {
    let mut feeder = Feeder {
        parser: html5ever::parse_document(
            HtmlTreeSink::new(Html::new_document()),
            Default::default(),
        ),
        held: 0,
        nodes_at_count: 0,
        limits: Limits::default(),
    };
    // Tendril offsets are 32-bit: a page beyond 4 GiB (never read whole
    // anyway) is fed in one piece.
    if u32::try_from(html.len()).is_err() {
        feeder.parser.process(StrTendril::from_slice(html));
        return (feeder.parser.finish(), feeder.limits);
    }
    let source = StrTendril::from_slice(html);
    let bytes = html.as_bytes();
    // The page before `fed` has been fed (or left out).
    let mut fed = 0usize;
    while fed < bytes.len() {
        if feeder.held >= MAX_OPEN {
            // The run's droppable start tags are left out, the rest fed.
            let mut at = fed;
            for _ in 0..RUN_TAGS {
                let Some(offset) = memchr(b'<', &bytes[at..]) else {
                    at = bytes.len();
                    break;
                };
                let start = at + offset;
                at = start + 1;
                if is_droppable_start(&bytes[at..])
                    && let Some(end) = tag_end(bytes, at)
                {
                    feeder.feed(&source, fed, start);
                    feeder.limits.dropped_tags += 1;
                    (fed, at) = (end, end);
                }
            }
            feeder.feed(&source, fed, at);
            fed = at;
        } else {
            // The run: the next [`RUN_BYTES`], cut before the tag after
            // [`RUN_TAGS`] tags (counting them is faster than finding them).
            let mut end = (fed + RUN_BYTES).min(bytes.len());
            let window = &bytes[fed..end];
            // Each tag opens one element at most, bar formatting elements reopened.
            let tags = RUN_TAGS.min(MAX_OPEN - feeder.held);
            if memchr_iter(b'<', window).count() > tags {
                end = fed + memchr_iter(b'<', window).nth(tags).unwrap_or(window.len());
            }
            while !html.is_char_boundary(end) {
                end -= 1;
            }
            feeder.feed(&source, fed, end);
            fed = end;
        }
        if !feeder.count(fed) {
            feeder.limits.truncated = true;
            return (feeder.parser.finish(), feeder.limits);
        }
    }
    (feeder.parser.finish(), feeder.limits)
}

/// The tree builder, and what is known of the elements it holds.
struct Feeder {
    parser: html5ever::Parser<HtmlTreeSink>,
    /// Open and active formatting elements at the last count, or an upper
    /// bound of them: each node created since can be both.
    held: usize,
    nodes_at_count: usize,
    limits: Limits,
}

impl Feeder {
    fn feed(&mut self, source: &StrTendril, from: usize, to: usize) {
        if to > from {
            // Within the page, which fits `u32` (checked by the caller).
            self.parser
                .process(source.subtendril(from as u32, (to - from) as u32));
        }
    }

    /// Count what the tree builder holds after the page up to `fed`;
    /// `false` when the rest of the page is to be left out.
    fn count(&mut self, fed: usize) -> bool {
        let nodes = self
            .parser
            .tokenizer
            .sink
            .sink
            .0
            .borrow()
            .tree
            .nodes()
            .len();
        if nodes > fed + NODE_SLACK {
            return false;
        }
        let bound = self.held + 2 * (nodes - self.nodes_at_count);
        if bound >= MAX_OPEN / 2 {
            // Counting costs as much as what is held: done only when the
            // bound is halfway to the limit, which normal pages reach every
            // hundred elements or so.
            let counter = Counter(Cell::new(0));
            self.parser.tokenizer.sink.trace_handles(&counter);
            self.held = counter.0.get();
            self.nodes_at_count = nodes;
            self.limits.most_held = self.limits.most_held.max(self.held);
        } else {
            self.held = bound;
        }
        self.held <= MAX_OPEN_OVERSHOOT
    }
}

/// Counts the handles the tree builder holds: the document, the open
/// elements, the active formatting elements, the `<head>` and the `<form>`.
struct Counter(Cell<usize>);

impl Tracer for Counter {
    type Handle = NodeId;

    fn trace_handle(&self, _node: &NodeId) {
        self.0.set(self.0.get() + 1);
    }
}

/// Whether the markup after a `<` starts a start tag that may be left out.
fn is_droppable_start(after: &[u8]) -> bool {
    if !after.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let name = tag_name(after);
    !KEPT_START_TAGS
        .iter()
        .any(|kept| name.eq_ignore_ascii_case(kept.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(tag: &str, depth: usize) -> String {
        format!(
            "<html><body>{}<p>Deep text.</p>{}<p>After.</p></body></html>",
            format!("<{tag}>").repeat(depth),
            format!("</{tag}>").repeat(depth)
        )
    }

    /// The depth of the deepest node of the tree.
    fn depth(html: &Html) -> usize {
        let mut deepest = 0;
        let mut depth = 0usize;
        for edge in html.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(_) => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                ego_tree::iter::Edge::Close(_) => depth -= 1,
            }
        }
        deepest
    }

    fn text(html: &Html) -> String {
        html.root_element().text().collect()
    }

    #[test]
    fn pages_within_the_limits_parse_as_in_one_piece() {
        let pages = [
            nested("div", 300),
            nested("span", 400),
            nested("b", 100),
            "<table><tr><td><p><b>a<i>b</p>c<td>d</b>e</table><script>if (a < b && c > d) {}</script>\r\n<p>x<br/>y\r"
                .to_string(),
            format!("<ul>{}</ul><p>é</p>", "<li>item <a href='x'>link</a> ".repeat(500)),
            // Runs end inside text, between the bytes of a character, and
            // inside tags, comments, character references and `\r\n`.
            format!(
                "<p>{}</p><div title='{}'><!-- {} -->{}</div>",
                "日本語のテキスト、\r\n".repeat(3000),
                "a&amp;b>".repeat(2000),
                "c<d>".repeat(3000),
                "&eacute;<i>x</i>\r\n".repeat(3000)
            ),
        ];
        for page in pages {
            let (html, limits) = parse_counted(&page);
            assert_eq!(limits.dropped_tags, 0);
            assert!(!limits.truncated);
            assert_eq!(html, Html::parse_document(&page), "{page:.80}");
        }
    }

    #[test]
    fn deep_nesting_is_flattened_at_the_limit() {
        for tag in ["div", "section", "ul", "span", "font"] {
            let page = nested(tag, 100_000);
            let (html, limits) = parse_counted(&page);
            assert!(!limits.truncated, "{tag}");
            assert!(limits.dropped_tags > 90_000, "{tag}: {limits:?}");
            assert!(limits.most_held <= MAX_OPEN + 8, "{tag}: {limits:?}");
            // html, body, the first elements, p: the rest were left out.
            let deepest = depth(&html);
            assert!(
                (MAX_OPEN - 8..=MAX_OPEN + 8).contains(&deepest),
                "{tag}: {deepest}"
            );
            assert_eq!(text(&html), "Deep text.After.", "{tag}");
        }
    }

    #[test]
    fn reopened_formatting_elements_stop_the_page() {
        // Each paragraph reopens every `<b>` before it: 5,000 of them made
        // 12.5 million elements.
        let page: String = (0..5000).map(|i| format!("<p><b id={i}>x</p>")).collect();
        let (html, limits) = parse_counted(&page);
        let nodes = html.tree.nodes().len();
        assert!(nodes <= page.len() + NODE_SLACK + 100_000, "{nodes}");
        assert!(limits.truncated || limits.dropped_tags > 0, "{limits:?}");
        assert!(limits.most_held <= MAX_OPEN_OVERSHOOT + 100, "{limits:?}");
    }
}
