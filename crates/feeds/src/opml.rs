//! OPML subscription lists: the format feed readers import and export.

use quick_xml::XmlVersion;
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};

/// One subscription: a feed URL and the name a person gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub url: String,
    pub title: Option<String>,
}

/// An OPML file that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct Error {
    /// 1-based line of the problem in the input.
    pub line: usize,
    pub reason: String,
}

/// The feeds of an OPML document, in document order, from every `outline`
/// with an `xmlUrl` at any depth (folders are flattened). Duplicates are kept
/// once, at their first place.
pub fn parse(text: &str) -> Result<Vec<Subscription>, Error> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut found: Vec<Subscription> = Vec::new();
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|e| Error {
            line: line_of(text, at),
            reason: e.to_string(),
        })?;
        match event {
            Event::Start(element) | Event::Empty(element) => {
                if let Some(subscription) = outline(&element).map_err(|reason| Error {
                    line: line_of(text, at),
                    reason,
                })? && !found.iter().any(|s| s.url == subscription.url)
                {
                    found.push(subscription);
                }
            }
            Event::Eof => return Ok(found),
            _ => {}
        }
    }
}

/// The subscription an `<outline>` element describes, if it is a feed.
fn outline(element: &BytesStart<'_>) -> Result<Option<Subscription>, String> {
    if !element.name().as_ref().eq_ignore_ascii_case("outline") {
        return Ok(None);
    }
    let (mut url, mut text, mut title) = (None, None, None);
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|e| e.to_string())?;
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?
            .trim()
            .to_string();
        match attribute.key.as_ref() {
            "xmlUrl" | "xmlurl" => url = Some(value),
            "text" => text = Some(value),
            "title" => title = Some(value),
            _ => {}
        }
    }
    Ok(url.filter(|u| !u.is_empty()).map(|url| Subscription {
        url,
        title: title.or(text).filter(|t| !t.is_empty()),
    }))
}

fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()
        .iter()
        .take(byte)
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// An OPML 2.0 document listing `subscriptions`.
pub fn write(subscriptions: &[Subscription]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head><title>Parallax sources</title></head>\n  <body>\n",
    );
    for subscription in subscriptions {
        let title = attribute(subscription.title.as_deref().unwrap_or(&subscription.url));
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{title}\" title=\"{title}\" xmlUrl=\"{}\"/>\n",
            attribute(subscription.url.as_str())
        ));
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// Text for an XML attribute value. Besides the markup characters, tabs and
/// line breaks become character references: a reader normalises them to
/// spaces when written as they are, and a list read back would differ.
fn attribute(text: &str) -> String {
    escape(text)
        .replace('\t', "&#9;")
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = r#"<?xml version="1.0"?>
<opml version="1.0">
  <head><title>My news</title></head>
  <body>
    <outline text="Local">
      <outline text="Harbour Herald" type="rss" xmlUrl="https://herald.example/feed.xml"/>
      <outline title="Velden &amp; District Gazette" text="Gazette" xmlUrl=" https://gazette.example/rss "/>
    </outline>
    <outline text="Wire" type="rss" xmlUrl="https://wire.example/atom"></outline>
    <outline text="Herald again" xmlUrl="https://herald.example/feed.xml"/>
    <outline text="Just a folder"/>
  </body>
</opml>"#;

    #[test]
    fn feeds_at_any_depth_once_each() {
        let subs = parse(LIST).unwrap();
        let urls: Vec<&str> = subs.iter().map(|s| s.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://herald.example/feed.xml",
                "https://gazette.example/rss",
                "https://wire.example/atom"
            ]
        );
        assert_eq!(subs[1].title.as_deref(), Some("Velden & District Gazette"));
        assert_eq!(subs[0].title.as_deref(), Some("Harbour Herald"));
    }

    #[test]
    fn written_lists_read_back_with_hostile_titles_escaped() {
        let subs = vec![
            Subscription {
                url: "https://a.example/feed?x=1&y=2".into(),
                title: Some("\"A\" <b>&</b>".into()),
            },
            Subscription {
                url: "https://b.example/rss".into(),
                title: None,
            },
        ];
        let written = write(&subs);
        assert!(!written.contains("<b>"));
        let back = parse(&written).unwrap();
        assert_eq!(back[0], subs[0]);
        assert_eq!(back[1].url, subs[1].url);
        // Found by fuzzing: a line break in a URL survived only as a space.
        let odd = vec![Subscription {
            url: "a\no\r\tp".into(),
            title: Some("two\nlines".into()),
        }];
        assert_eq!(parse(&write(&odd)).unwrap(), odd);
    }

    #[test]
    fn broken_lists_name_the_line() {
        let err = parse("<opml>\n<body>\n<outline xmlUrl=\"https://a.example\" text=\"x>\n</opml>")
            .unwrap_err();
        assert!(err.line >= 3, "{err}");
    }
}
