//! A minimal reader of the generated HTML for tests: every tag with its
//! attributes, checked against an allowlist and for proper nesting.

/// Elements the report may emit. Anything else (`script`, `img`, `svg`, ...)
/// in the output means article content leaked into markup.
const ELEMENTS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "nav",
    "main",
    "footer",
    "section",
    "article",
    "q",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "b",
    "span",
    "a",
    "del",
    "ins",
    "mark",
    "time",
    "figure",
    "figcaption",
    "blockquote",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    // Charts: inline SVG, shapes and text only.
    "svg",
    "text",
    "line",
    "circle",
    "rect",
    // The search box of a story page in the site.
    "form",
    "input",
    "button",
];
const VOID: &[&str] = &["meta", "input"];
const ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "name",
    "content",
    "http-equiv",
    "class",
    "id",
    "href",
    "title",
    "rel",
    "datetime",
    "role",
    "tabindex",
    "aria-label",
    "aria-labelledby",
    "aria-hidden",
    "scope",
    "viewBox",
    "text-anchor",
    "x",
    "y",
    "x1",
    "x2",
    "y1",
    "y2",
    "cx",
    "cy",
    "r",
    "width",
    "height",
    "action",
    "method",
    "type",
    "value",
    "placeholder",
];

#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

impl Tag {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every in-page link (`href="#..."`) of `tags` points at an id among them.
pub fn assert_links_resolve(tags: &[Tag]) {
    let ids: std::collections::HashSet<&str> = tags.iter().filter_map(|t| t.get("id")).collect();
    for link in tags
        .iter()
        .filter_map(|t| t.get("href"))
        .filter_map(|h| h.strip_prefix('#'))
    {
        assert!(ids.contains(link), "link to missing #{link}");
    }
}

/// Every opening tag of the page, after checking that tags and attributes are
/// allowed, attribute values are double-quoted without raw `<` `>` `"`, every
/// `&` outside tags starts an entity, and elements nest properly.
pub fn parse(page: &str) -> Vec<Tag> {
    let rest = page
        .strip_prefix("<!DOCTYPE html>\n")
        .unwrap_or_else(|| panic!("no doctype"));
    let mut tags = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    let bytes = rest.as_bytes();
    while i < bytes.len() {
        if bytes[i] != b'<' {
            if bytes[i] == b'&' {
                let entity = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                    .iter()
                    .any(|e| rest[i..].starts_with(e));
                assert!(entity, "raw & at {}", &rest[i..(i + 20).min(rest.len())]);
            }
            i += 1;
            continue;
        }
        let end = rest[i..]
            .find('>')
            .map(|e| i + e)
            .unwrap_or_else(|| panic!("unclosed tag"));
        let inside = &rest[i + 1..end];
        if let Some(name) = inside.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "misnested </{name}>");
        } else {
            let tag = tag(inside);
            if tag.name == "style" {
                // CSS is ours and contains no markup; skip to its end.
                let close = rest[end..]
                    .find("</style>")
                    .unwrap_or_else(|| panic!("no </style>"));
                i = end + close + "</style>".len();
                tags.push(tag);
                continue;
            }
            if !VOID.contains(&tag.name.as_str()) {
                stack.push(tag.name.clone());
            }
            tags.push(tag);
        }
        i = end + 1;
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    tags
}

fn tag(inside: &str) -> Tag {
    let (name, mut attrs) = inside.split_once(' ').unwrap_or((inside, ""));
    assert!(ELEMENTS.contains(&name), "unexpected element <{name}>");
    let mut attributes = Vec::new();
    loop {
        attrs = attrs.trim_start();
        if attrs.is_empty() {
            break;
        }
        let (attr, after) = attrs
            .split_once("=\"")
            .unwrap_or_else(|| panic!("attribute without a quoted value in <{inside}>"));
        assert!(
            ATTRIBUTES.contains(&attr),
            "unexpected attribute {attr:?} in <{inside}>"
        );
        let (value, after) = after
            .split_once('"')
            .unwrap_or_else(|| panic!("unterminated attribute in <{inside}>"));
        assert!(
            !value.contains('<') && !value.contains('>'),
            "raw bracket in {value:?}"
        );
        attributes.push((attr.to_string(), value.to_string()));
        attrs = after;
    }
    Tag {
        name: name.to_string(),
        attributes,
    }
}

/// Page text with tags removed and the five entities decoded.
pub fn text_of(fragment: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
