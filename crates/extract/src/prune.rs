//! Before parsing: the source without what never becomes article text or
//! metadata. The contents of `<script>` code and `<style>` elements and
//! comments are cut out, and whitespace between two tags is cut to its first
//! character; everything else is kept byte for byte, data scripts too
//! (JSON-LD, a framework's JSON page state), where the last resort for a
//! date finds one.
//!
//! Pages carry a third of their bytes in scripts, styles and comments, and
//! html5ever tokenizes comments one character at a time and splits script
//! text at every line. The scan follows the HTML tokenizer where it matters
//! for finding those ranges (quoted attribute values, raw-text elements,
//! comment ends), and stops cutting at the first construct it does not
//! follow exactly, so the parse tree differs only by the cut contents.

use std::borrow::Cow;

use memchr::{memchr, memchr2, memmem};

/// Elements whose contents the tokenizer reads as raw text up to their end
/// tag: their contents are skipped (so a `<script` inside a `<textarea>` is
/// not taken for a tag), and cut for the first two.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// The source with script code, style contents, comments and whitespace
/// runs between tags cut out, or the source itself when there is nothing to cut.
pub(crate) fn prune(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    // Ranges to cut, in order.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let rest = &bytes[start..];
        let next = match rest.get(1) {
            // CDATA (in SVG or MathML) may hold anything up to its own end.
            Some(b'!') if rest.starts_with(b"<![CDATA[") => break,
            Some(b'!') if rest.starts_with(b"<!--") => match comment_end(bytes, start) {
                Some(end) => {
                    cuts.push((start, end));
                    end
                }
                None => break,
            },
            Some(b'!' | b'?' | b'/') => match memchr(b'>', &rest[1..]) {
                Some(gt) => start + gt + 2,
                None => break,
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let Some(tag_end) = tag_end(bytes, start + 1) else {
                    break;
                };
                let name = tag_name(&bytes[start + 1..tag_end]);
                // After `<plaintext>` all is text.
                if name.eq_ignore_ascii_case(b"plaintext") {
                    break;
                }
                match RAW_TEXT
                    .iter()
                    .find(|raw| name.eq_ignore_ascii_case(raw.as_bytes()))
                {
                    // Self-closing, it is closed at once inside SVG or MathML,
                    // and opens raw text elsewhere.
                    Some(_) if bytes[..tag_end].ends_with(b"/>") => break,
                    Some(raw) => {
                        let Some(close) = end_tag(bytes, tag_end, raw) else {
                            break;
                        };
                        let contents = &bytes[tag_end..close];
                        // In a script, `<!--` can start the tokenizer's escaped
                        // states, where the first `</script` may not end it.
                        if *raw == "script" && memmem::find(contents, b"<!--").is_some() {
                            break;
                        }
                        let data =
                            memmem::find(&bytes[start..tag_end].to_ascii_lowercase(), b"json")
                                .is_some();
                        if (*raw == "style" || (*raw == "script" && !data)) && close > tag_end {
                            cuts.push((tag_end, close));
                        }
                        close
                    }
                    None => tag_end,
                }
            }
            _ => start + 1,
        };
        // Between two tags, a run of whitespace (a line break and the next
        // line's indent) is one text token to the tokenizer if it is one character.
        let run = bytes[next..]
            .iter()
            .take_while(|c| c.is_ascii_whitespace())
            .count();
        if run >= 2 && next > start + 1 && bytes.get(next + run) == Some(&b'<') {
            cuts.push((next + 1, next + run));
        }
        at = next;
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out =
        String::with_capacity(html.len() - cuts.iter().map(|(s, e)| e - s).sum::<usize>());
    let mut kept = 0;
    for (start, end) in cuts {
        // Cuts start at `<` or just after `>` or an ASCII space, and end just
        // after `>` or at `<`: always on character boundaries.
        out.push_str(&html[kept..start]);
        kept = end;
    }
    out.push_str(&html[kept..]);
    Cow::Owned(out)
}

/// One past the `>` that ends the comment opened at `start`, or `None` when
/// it runs to the end of the page.
fn comment_end(bytes: &[u8], start: usize) -> Option<usize> {
    let body = start + 4;
    // `<!-->` and `<!--->` end at once.
    match bytes.get(body..) {
        Some([b'>', ..]) => return Some(body + 1),
        Some([b'-', b'>', ..]) => return Some(body + 2),
        _ => {}
    }
    let mut at = body;
    loop {
        let dashes = at + memmem::find(bytes.get(at..)?, b"--")?;
        match bytes.get(dashes + 2..) {
            Some([b'>', ..]) => return Some(dashes + 3),
            Some([b'!', b'>', ..]) => return Some(dashes + 4),
            _ => at = dashes + 1,
        }
    }
}

/// One past the `>` that ends the tag whose name starts at `from`: quoted
/// attribute values may hold `>`.
pub(crate) fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        at += memchr2(b'>', b'=', bytes.get(at..)?)?;
        match bytes[at] {
            b'>' => return Some(at + 1),
            _ => {
                at += 1;
                while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                    at += 1;
                }
                if let Some(&quote @ (b'"' | b'\'')) = bytes.get(at) {
                    at += 1 + memchr(quote, bytes.get(at + 1..)?)? + 1;
                }
            }
        }
    }
}

/// The tag name at the start of a tag's text (after `<`).
pub(crate) fn tag_name(tag: &[u8]) -> &[u8] {
    let end = tag
        .iter()
        .position(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
        .unwrap_or(tag.len());
    &tag[..end]
}

/// Where the end tag `</name` that closes a raw-text element starts,
/// searching from `from`.
fn end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    loop {
        let open = at + memmem::find(bytes.get(at..)?, b"</")?;
        let after = open + 2 + name.len();
        let closes = bytes
            .get(open + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && bytes
                .get(after)
                .is_some_and(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'));
        if closes {
            return Some(open);
        }
        at = open + 2;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Markup made of the pieces the scan reacts to, in any order and
    /// unbalanced, with multi-byte text between them.
    fn markup() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "<script>",
            "</script>",
            "<SCRIPT type=\"application/json\">",
            "<style>",
            "</style >",
            "<!--",
            "-->",
            "--!>",
            "<!-->",
            "<title>",
            "</title>",
            "<textarea>",
            "<svg>",
            "<style/>",
            "<![CDATA[",
            "]]>",
            "<plaintext>",
            "<p class='a>b'>",
            "<a href=\"x\">",
            "=\"",
            "'",
            "<",
            ">",
            "</",
            "/>",
            "\n   ",
            "  ",
            "é",
            "日本",
            "🙂",
            "text",
            "<!DOCTYPE html>",
            "<?x?>",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    /// Whether `part` is `whole` with some ranges left out.
    fn is_subsequence(part: &str, whole: &str) -> bool {
        let mut rest = whole.chars();
        part.chars().all(|c| rest.any(|w| w == c))
    }

    proptest! {
        #[test]
        fn only_ever_cuts(html in markup()) {
            let pruned = prune(&html);
            prop_assert!(is_subsequence(&pruned, &html), "{pruned:?} is not cut from {html:?}");
        }
    }

    #[test]
    fn cuts_code_styles_and_comments_but_keeps_data() {
        let page = concat!(
            "<html><head><style>p { color: red }</style>",
            "<script type=\"application/ld+json\">{\"headline\": \"Kept\"}</script>",
            "<SCRIPT src=a.js>var a = 1 < 2;</SCRIPT >",
            "</head><body><!-- a note --><p>Text</p><!-->",
            "<script>if (a) { b('</p>') }</script>",
            "<script id=state type=application/json>{\"day\": \"2024-05-01\"}</script></body></html>",
        );
        assert_eq!(
            prune(page),
            concat!(
                "<html><head><style></style>",
                "<script type=\"application/ld+json\">{\"headline\": \"Kept\"}</script>",
                "<SCRIPT src=a.js></SCRIPT >",
                "</head><body><p>Text</p>",
                "<script></script>",
                "<script id=state type=application/json>{\"day\": \"2024-05-01\"}</script></body></html>",
            )
        );
    }

    #[test]
    fn follows_quoted_attributes_and_raw_text() {
        // A `<script` inside an attribute value or a textarea is text, not a tag.
        let attribute = r#"<div data-x='<script>' title="a > b">x</div><p>after</p>"#;
        assert_eq!(prune(attribute), attribute);
        let textarea = "<textarea><script></textarea><p>x</p></script>";
        assert_eq!(prune(textarea), textarea);
        // Whitespace between tags is one character; next to text it stays.
        assert_eq!(
            prune("<ul>\n    <li>a  b</li>  c\n\t<li>d</li></ul>"),
            "<ul>\n<li>a  b</li>  c\n\t<li>d</li></ul>"
        );
        // Comments end at `--!>` too; a `--` inside does not end them.
        assert_eq!(prune("a<!-- x -- y --!>b"), "ab");
    }

    #[test]
    fn leaves_what_it_does_not_follow_exactly() {
        // An escaped script (`<!--` inside) may end later than its first end tag.
        let escaped = "<script><!-- document.write('<script></script>') --></script><p>x</p>";
        assert_eq!(prune(escaped), escaped);
        // Unterminated constructs run to the end of the page: nothing after them is cut.
        for open in ["<p>a<!-- b <style>c</style>", "<script>a", "<div title='a"] {
            assert_eq!(prune(open), open);
        }
        assert_eq!(
            prune("<style>x</style><script>y"),
            "<style></style><script>y"
        );
        let void = "<meta charset=utf-8 /><style>x</style>";
        assert_eq!(prune(void), "<meta charset=utf-8 /><style></style>");
        for stop in [
            "<plaintext><!-- x -->",
            "<svg><style/></svg><style>x</style>",
            "<svg><![CDATA[<!--]]></svg><!-- x -->",
        ] {
            assert_eq!(prune(stop), stop);
        }
    }

    #[test]
    fn the_page_extracts_the_same_with_or_without_the_cut() {
        let page = r#"<html><head><title>Bridge reopens</title>
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Bridge reopens","datePublished":"2024-03-02","author":{"@type":"Person","name":"Ana Ruiz"}}</script>
            <style>.x{}</style></head><body><!-- nav --><article><h1>Bridge reopens</h1>
            <p>The bridge over the river reopened on Saturday after two years of repairs, the city said.</p>
            <script>track('view')</script><p>Traffic returned within the hour, and buses will follow on Monday.</p>
            </article></body></html>"#;
        let full = crate::extract_parsed(&scraper::Html::parse_document(page));
        assert_eq!(crate::extract(page), full);
        assert_eq!(full.authors, ["Ana Ruiz"]);
        assert!(full.text.starts_with("The bridge over the river"));
    }
}
