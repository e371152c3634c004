//! JSON Lines: one article object per line, read as a stream.
//!
//! Each line is `{"id", "text", "title"?, "url"?, "source"?, "published"?, "language"?}`.
//! A bad line (invalid JSON, not an object, `id` or `text` missing, empty or
//! not a string, line too long) is reported with its 1-based line number and
//! skipped; every other line is still read. An optional field of the wrong
//! type is reported and ignored, and the article is kept. In `text`, every
//! line break (single or double) is a paragraph break.

use std::io::BufRead;

use serde_json::{Map, Value};

use crate::date;
use crate::decode;
use crate::draft::Draft;
use crate::lang;
use crate::load::{self, Line};
use crate::paragraphs;

/// What reading a JSONL stream reports, in input order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Event {
    Article {
        line: usize,
        draft: Draft,
    },
    /// A line (or with `line` `None`, the rest of the file) was skipped.
    Warning {
        line: Option<usize>,
        message: String,
    },
    /// The article of `line` was read, but not quite as written.
    Note {
        line: usize,
        message: String,
    },
}

/// Bounds for one stream.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub line: usize,
    pub total: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            line: load::MAX_LINE_BYTES,
            total: load::MAX_STREAM_BYTES,
        }
    }
}

/// Read every line of `reader`, reporting articles and warnings to `emit`.
pub(crate) fn read<R: BufRead + ?Sized>(
    reader: &mut R,
    limits: Limits,
    mut emit: impl FnMut(Event),
) {
    match reader.fill_buf() {
        Ok(head) if decode::looks_binary(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head)) => {
            emit(Event::Warning {
                line: None,
                message: decode::DecodeError::Binary.message().to_string(),
            });
            return;
        }
        _ => {}
    }
    let mut buf = Vec::new();
    let mut total: u64 = 0;
    let mut number = 0usize;
    loop {
        number += 1;
        let line = match load::read_line_bounded(reader, &mut buf, limits.line) {
            Ok(Line::End) => return,
            Ok(line) => line,
            Err(e) => {
                emit(Event::Warning {
                    line: Some(number),
                    message: format!("read error, rest of file skipped: {e}"),
                });
                return;
            }
        };
        match line {
            Line::TooLong { len } => {
                total = total.saturating_add(len);
                emit(Event::Warning {
                    line: Some(number),
                    message: format!(
                        "line is {}, over the {} limit for one article, skipped",
                        load::human_size(len),
                        load::human_size(limits.line as u64)
                    ),
                });
            }
            _ => {
                total = total.saturating_add(buf.len() as u64);
                match parse_line(&buf) {
                    Ok(None) => {}
                    Ok(Some((draft, notes))) => {
                        for message in notes {
                            emit(Event::Note {
                                line: number,
                                message,
                            });
                        }
                        emit(Event::Article {
                            line: number,
                            draft,
                        });
                    }
                    Err(message) => emit(Event::Warning {
                        line: Some(number),
                        message,
                    }),
                }
            }
        }
        if total > limits.total {
            emit(Event::Warning {
                line: Some(number),
                message: format!(
                    "more than {} of data, rest of file skipped",
                    load::human_size(limits.total)
                ),
            });
            return;
        }
    }
}

/// One line: `Ok(None)` for a blank line, the draft with notes about ignored
/// fields, or the reason the line was skipped.
fn parse_line(bytes: &[u8]) -> Result<Option<(Draft, Vec<String>)>, String> {
    let decoded = decode::decode_line(bytes);
    let line = decoded.text.trim();
    if line.is_empty() {
        return Ok(None);
    }
    let mut notes = Vec::new();
    if !decoded.replaced.is_empty() {
        notes.push("bytes that are not UTF-8 replaced by U+FFFD".to_string());
    }
    let value = parse_json(line, &mut notes)?;
    let Value::Object(object) = value else {
        return Err(format!(
            "expected a JSON object, found {}",
            type_name(&value)
        ));
    };
    let id = required(&object, "id")?.trim().to_string();
    if id.is_empty() {
        return Err("empty field \"id\"".to_string());
    }
    let text = paragraphs::from_every_line(required(&object, "text")?);
    if text.is_empty() {
        return Err("empty field \"text\"".to_string());
    }

    let mut field = |key: &str| optional(&object, key, &mut notes);
    let title = field("title");
    let url = field("url");
    let source = field("source");
    let published_raw = field("published");
    let language_raw = field("language");

    let published = published_raw.as_deref().and_then(|raw| {
        let parsed = date::parse_published(raw);
        if parsed.is_none() && !raw.trim().is_empty() {
            notes.push(format!("unrecognised date in field \"published\": {raw:?}"));
        }
        parsed
    });
    let language = language_raw.as_deref().and_then(|raw| {
        let tag = lang::normalise_tag(raw);
        if tag.is_none() && !raw.trim().is_empty() {
            notes.push(format!(
                "unrecognised language tag {raw:?}, detecting instead"
            ));
        }
        tag
    });
    let draft = Draft {
        id,
        title,
        source,
        url,
        published,
        language,
        text,
    };
    Ok(Some((draft, notes)))
}

/// A JSON value. A `\\u` escape of half a UTF-16 surrogate pair is not
/// Unicode and fails to parse; such a line (a cut-off emoji, common in
/// scraped text) is read with U+FFFD in its place, and a note says so.
pub fn parse_json(line: &str, notes: &mut Vec<String>) -> Result<Value, String> {
    match serde_json::from_str(line) {
        Ok(value) => Ok(value),
        Err(first) => match repair_lone_surrogates(line) {
            Some((repaired, count)) => {
                let value =
                    serde_json::from_str(&repaired).map_err(|e| format!("invalid JSON: {e}"))?;
                notes.push(format!(
                    "{count} lone UTF-16 surrogate escape{} (\\uD800-\\uDFFF without its pair) replaced by U+FFFD",
                    if count == 1 { "" } else { "s" }
                ));
                Ok(value)
            }
            None => Err(format!("invalid JSON: {first}")),
        },
    }
}

/// `line` with every `\\u` escape of an unpaired surrogate replaced by
/// `\\uFFFD`, and how many there were; `None` when there are none.
fn repair_lone_surrogates(line: &str) -> Option<(String, usize)> {
    let bytes = line.as_bytes();
    let surrogate_at = |at: usize| -> Option<u16> {
        let digits = bytes.get(at..at + 6)?;
        if !digits.starts_with(b"\\u") {
            return None;
        }
        let code = u16::from_str_radix(std::str::from_utf8(digits.get(2..)?).ok()?, 16).ok()?;
        (0xD800..=0xDFFF).contains(&code).then_some(code)
    };
    let mut out = String::with_capacity(line.len());
    let (mut count, mut copied, mut at) = (0, 0, 0);
    while at < bytes.len() {
        if bytes.get(at) != Some(&b'\\') {
            at += 1;
            continue;
        }
        match surrogate_at(at) {
            Some(0xD800..=0xDBFF) if surrogate_at(at + 6).is_some_and(|low| low >= 0xDC00) => {
                at += 12;
            }
            Some(_) => {
                out.push_str(line.get(copied..at)?);
                out.push_str("\\uFFFD");
                count += 1;
                at += 6;
                copied = at;
            }
            // Any other escape: skip the backslash and the escaped byte, so
            // that an escaped backslash before a `u` is not taken for `\\u`.
            None => at += 2,
        }
    }
    if count == 0 {
        return None;
    }
    out.push_str(line.get(copied..)?);
    Some((out, count))
}

/// A field the article cannot do without.
fn required<'a>(object: &'a Map<String, Value>, key: &str) -> Result<&'a str, String> {
    match object.get(key) {
        None | Some(Value::Null) => Err(format!("missing field {key:?}")),
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(format!(
            "field {key:?} must be a string, found {}",
            type_name(other)
        )),
    }
}

/// A field the article can do without: absent, null or of the wrong type gives
/// `None`, the last with a note.
fn optional(object: &Map<String, Value>, key: &str, notes: &mut Vec<String>) -> Option<String> {
    match object.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            notes.push(format!(
                "field {key:?} must be a string, found {}; ignored",
                type_name(other)
            ));
            None
        }
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8], limits: Limits) -> Vec<Event> {
        let mut events = Vec::new();
        let mut reader = input;
        read(&mut reader, limits, |e| events.push(e));
        events
    }

    fn summary(events: &[Event]) -> Vec<String> {
        events
            .iter()
            .map(|e| match e {
                Event::Article { line, draft } => format!("{line}: article {}", draft.id),
                Event::Warning { line, message } => format!("{line:?}: {message}"),
                Event::Note { line, message } => format!("{line}: note: {message}"),
            })
            .collect()
    }

    #[test]
    fn lone_surrogates_become_replacement_characters_with_a_note() {
        let input = br#"{"id": "a", "text": "Cut off \ud83d. Paired \ud83d\ude00. Not an escape \\ud800."}"#;
        let events = read_all(input, Limits::default());
        assert_eq!(
            summary(&events),
            vec![
                "1: note: 1 lone UTF-16 surrogate escape (\\uD800-\\uDFFF without its pair) replaced by U+FFFD",
                "1: article a"
            ]
        );
        let Some(Event::Article { draft, .. }) = events.last() else {
            panic!("{events:?}");
        };
        assert_eq!(
            draft.text,
            "Cut off \u{FFFD}. Paired 😀. Not an escape \\ud800."
        );
        assert_eq!(
            summary(&read_all(
                br#"{"id": "b", "text": "x\u12"}"#,
                Limits::default()
            )),
            vec!["Some(1): invalid JSON: invalid escape at line 1 column 28"]
        );
    }

    #[test]
    fn malformed_line_is_reported_and_others_read() {
        let input = b"{\"id\": \"a\", \"title\": \"A\", \"text\": \"One.\\nTwo.\\n\\nThree.\"}\n{\"id\": \"b\", \"text\": \n{\"id\": \"c\", \"text\": \"C body.\", \"published\": \"2026-03-13\", \"language\": \"en-GB\"}\n";
        let events = read_all(input, Limits::default());
        assert_eq!(events.len(), 3, "{events:?}");
        let Some(Event::Article { line: 1, draft }) = events.first() else {
            panic!("{events:?}");
        };
        assert_eq!(draft.text, "One.\n\nTwo.\n\nThree.");
        assert_eq!(draft.title.as_deref(), Some("A"));
        let Some(Event::Warning {
            line: Some(2),
            message,
        }) = events.get(1)
        else {
            panic!("{events:?}");
        };
        assert!(message.starts_with("invalid JSON: "), "{message}");
        let Some(Event::Article { line: 3, draft }) = events.get(2) else {
            panic!("{events:?}");
        };
        assert_eq!(draft.language.as_deref(), Some("en"));
        assert_eq!(
            draft.published.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-03-13T00:00:00+00:00")
        );
    }

    #[test]
    fn field_problems_have_clear_messages() {
        let input = br#"{"id": "a"}

{"id": "", "text": "x"}
{"id": 7, "text": "x"}
{"id": "b", "text": "  \n "}
[1, 2]
{"id": "c", "text": "Body.", "url": 5, "published": "next week"}
"#;
        assert_eq!(
            summary(&read_all(input, Limits::default())),
            vec![
                "Some(1): missing field \"text\"",
                "Some(3): empty field \"id\"",
                "Some(4): field \"id\" must be a string, found a number",
                "Some(5): empty field \"text\"",
                "Some(6): expected a JSON object, found an array",
                "7: note: field \"url\" must be a string, found a number; ignored",
                "7: note: unrecognised date in field \"published\": \"next week\"",
                "7: article c",
            ]
        );
    }

    #[test]
    fn long_line_is_skipped_and_reading_continues() {
        let long = format!("{{\"id\": \"big\", \"text\": \"{}\"}}", "x".repeat(300));
        let input = format!("{long}\n{{\"id\": \"small\", \"text\": \"Fine.\"}}\r\n");
        let limits = Limits {
            line: 100,
            total: u64::MAX,
        };
        assert_eq!(
            summary(&read_all(input.as_bytes(), limits)),
            vec![
                "Some(1): line is 325 bytes, over the 100 bytes limit for one article, skipped",
                "2: article small",
            ]
        );
    }

    #[test]
    fn total_limit_stops_the_stream() {
        let input = b"{\"id\": \"a\", \"text\": \"A.\"}\n{\"id\": \"b\", \"text\": \"B.\"}\n";
        let limits = Limits {
            line: 1000,
            total: 10,
        };
        assert_eq!(
            summary(&read_all(input, limits)),
            vec![
                "1: article a",
                "Some(1): more than 10 bytes of data, rest of file skipped"
            ]
        );
    }

    #[test]
    fn binary_stream_is_refused() {
        assert_eq!(
            summary(&read_all(b"PK\x03\x04\x14\0\0\0", Limits::default())),
            vec!["None: binary file, not an article"]
        );
    }
}
