//! Web archives (WARC 1.0/1.1, `.warc` or `.warc.gz`): the HTML pages of
//! their `response` records.
//!
//! Read as a stream, one record at a time, so an archive of any size needs
//! the memory of one record. A `.warc.gz` is a series of gzip members (one
//! per record); `MultiGzDecoder` reads them in order. Records that are not
//! HTTP responses with an HTML body (requests, metadata, images, redirects)
//! are passed over. The HTTP payload is de-chunked and decompressed
//! (`Content-Encoding: gzip`/`deflate`) when the archive kept it so.

use std::io::{BufRead, Read};

use flate2::read::{DeflateDecoder, GzDecoder};

/// One archived HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Page {
    /// `WARC-Target-URI`.
    pub uri: String,
    /// The charset of the HTTP `Content-Type`, if any.
    pub charset: Option<String>,
    pub body: Vec<u8>,
    /// 1-based line in the (decompressed) archive where the record starts.
    pub line: usize,
}

/// What reading the next record gave.
pub(crate) enum Event {
    Page(Page),
    /// A record that could not be read, with its line; reading goes on when
    /// the record's length was known, and stops otherwise.
    Warning {
        line: usize,
        message: String,
    },
}

/// Call `on` for every HTML page and problem in the archive, in order.
/// Records bigger than `max_record` bytes are skipped with a warning.
pub(crate) fn read(reader: &mut dyn BufRead, max_record: u64, mut on: impl FnMut(Event)) {
    let mut line = 1;
    loop {
        let start = line;
        let headers = match header_block(reader, &mut line) {
            Ok(Some(headers)) => headers,
            Ok(None) => return,
            Err(message) => {
                return on(Event::Warning {
                    line: start,
                    message,
                });
            }
        };
        let warning = |message: String| Event::Warning {
            line: start,
            message,
        };
        if !headers.first().is_some_and(|l| l.starts_with("WARC/")) {
            return on(warning(
                "not a WARC record (no WARC/1.x version line)".into(),
            ));
        }
        let field = |name: &str| field(&headers[1..], name);
        let Some(length) = field("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            return on(warning("WARC record without a Content-Length".into()));
        };
        let wanted = field("warc-type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
        if length > max_record {
            on(warning(format!(
                "record of {length} bytes skipped (limit {max_record})"
            )));
        }
        let mut block = Vec::new();
        let keep = wanted && length <= max_record;
        let copied = if keep {
            reader
                .take(length)
                .read_to_end(&mut block)
                .map(|n| n as u64)
        } else {
            std::io::copy(&mut reader.take(length), &mut std::io::sink())
        };
        match copied {
            Ok(n) if n == length => {}
            Ok(_) => return on(warning("archive ends inside a record".into())),
            Err(e) => return on(warning(format!("cannot read the archive: {e}"))),
        }
        line += block.iter().filter(|&&b| b == b'\n').count();
        if keep {
            match response(&block, max_record) {
                Ok(Some((charset, body))) => on(Event::Page(Page {
                    uri: field("warc-target-uri")
                        .unwrap_or_default()
                        .trim_matches(['<', '>'])
                        .to_string(),
                    charset,
                    body,
                    line: start,
                })),
                Ok(None) => {}
                Err(message) => on(warning(message)),
            }
        }
    }
}

/// The header lines of the next record (after skipping the blank lines that
/// end the previous one), without line endings; `None` at the end.
fn header_block(reader: &mut dyn BufRead, line: &mut usize) -> Result<Option<Vec<String>>, String> {
    let mut lines = Vec::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .take(64 * 1024)
            .read_until(b'\n', &mut buf)
            .map_err(|e| format!("cannot read the archive: {e}"))?;
        if n == 0 {
            return if lines.is_empty() {
                Ok(None)
            } else {
                Err("archive ends inside a record header".into())
            };
        }
        *line += 1;
        let text = String::from_utf8_lossy(&buf);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if lines.is_empty() {
                continue;
            }
            return Ok(Some(lines));
        }
        lines.push(text.to_string());
    }
}

/// The value of a `Name: value` header line, case-insensitively.
fn field<'a>(lines: &'a [String], name: &str) -> Option<&'a str> {
    lines.iter().find_map(|l| {
        let (key, value) = l.split_once(':')?;
        key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

/// The charset and HTML body of an HTTP response block; `None` when it is
/// not a 200 response with an HTML body. A compressed body may expand to
/// `max_body` bytes, the bound of a record.
#[allow(clippy::type_complexity)]
fn response(block: &[u8], max_body: u64) -> Result<Option<(Option<String>, Vec<u8>)>, String> {
    let Some(end) = find(block, b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| find(block, b"\n\n").map(|i| i + 2))
    else {
        return Err("HTTP response without a header end".into());
    };
    let head = String::from_utf8_lossy(&block[..end]);
    let lines: Vec<String> = head.lines().map(|l| l.trim_end().to_string()).collect();
    let status_ok = lines
        .first()
        .and_then(|s| s.split_whitespace().nth(1))
        .is_some_and(|code| code == "200");
    let content_type = field(&lines[1..], "content-type").unwrap_or("text/html");
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if !status_ok || !(mime == "text/html" || mime == "application/xhtml+xml") {
        return Ok(None);
    }
    let charset = content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_string())
    });
    let mut body = block[end..].to_vec();
    if field(&lines[1..], "transfer-encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
        body = dechunk(&body).ok_or("malformed chunked HTTP body")?;
    }
    match field(&lines[1..], "content-encoding")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("gzip" | "x-gzip") => body = inflate(GzDecoder::new(&body[..]), max_body)?,
        Some("deflate") => body = inflate(DeflateDecoder::new(&body[..]), max_body)?,
        _ => {}
    }
    Ok(Some((charset, body)))
}

/// A compressed HTTP body, refused past `max` bytes: a record of a few
/// kilobytes can hold a body that inflates to gigabytes.
fn inflate(decoder: impl Read, max: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder
        .take(max.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot decompress the HTTP body: {e}"))?;
    if out.len() as u64 > max {
        return Err(format!(
            "the HTTP body decompresses to more than {} (gzip bomb?), skipped",
            crate::load::human_size(max)
        ));
    }
    Ok(out)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Undo HTTP/1.1 chunked transfer coding.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let eol = find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-03-14T10:00:00Z\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn scan(archive: &[u8]) -> (Vec<Page>, Vec<String>) {
        let (mut pages, mut warnings) = (Vec::new(), Vec::new());
        read(&mut &archive[..], 1 << 20, |event| match event {
            Event::Page(p) => pages.push(p),
            Event::Warning { line, message } => warnings.push(format!("{line}: {message}")),
        });
        (pages, warnings)
    }

    const PAGE: &[u8] = b"<html><body><p>The ferry stays in port.</p></body></html>";

    #[test]
    fn html_responses_are_read_and_everything_else_passed_over() {
        let mut ok =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n".to_vec();
        ok.extend_from_slice(PAGE);
        let mut archive = record("warcinfo", "", b"software: test\r\n");
        archive.extend(record(
            "request",
            "https://herald.example/ferry",
            b"GET /ferry HTTP/1.1\r\n\r\n",
        ));
        archive.extend(record("response", "<https://herald.example/ferry>", &ok));
        archive.extend(record(
            "response",
            "https://herald.example/logo.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        archive.extend(record(
            "response",
            "https://herald.example/old",
            b"HTTP/1.1 301 Moved\r\nLocation: /new\r\n\r\n",
        ));
        let (pages, warnings) = scan(&archive);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].uri, "https://herald.example/ferry");
        assert_eq!(pages[0].charset.as_deref(), Some("windows-1252"));
        assert_eq!(pages[0].body, PAGE);
        assert!(pages[0].line > 1);
    }

    #[test]
    fn chunked_and_gzipped_payloads_are_undone() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(PAGE).unwrap();
        let zipped = gz.finish().unwrap();
        let (a, b) = zipped.split_at(10);
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        for part in [a, b] {
            block.extend(format!("{:x}\r\n", part.len()).as_bytes());
            block.extend_from_slice(part);
            block.extend_from_slice(b"\r\n");
        }
        block.extend_from_slice(b"0\r\n\r\n");
        let (pages, warnings) = scan(&record("response", "https://a.example/", &block));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(pages[0].body, PAGE);
    }

    #[test]
    fn a_body_that_inflates_past_the_record_bound_is_refused() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&vec![b' '; 4 << 20]).unwrap();
        let zipped = gz.finish().unwrap();
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        block.extend_from_slice(&zipped);
        let mut archive = record("response", "https://bomb.example/", &block);
        archive.extend(record(
            "response",
            "https://a.example/",
            &[b"HTTP/1.1 200 OK\r\n\r\n", PAGE].concat(),
        ));
        // 4 MiB from a few kilobytes, past the 1 MiB bound of `scan`.
        assert!(zipped.len() < 1 << 20);
        let (pages, warnings) = scan(&archive);
        assert_eq!(pages.len(), 1, "the next record is still read");
        assert_eq!(pages[0].uri, "https://a.example/");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].contains("decompresses to more than 1.0 MiB (gzip bomb?)"),
            "{warnings:?}"
        );
    }

    #[test]
    fn broken_archives_are_named_not_panicked_on() {
        let (pages, warnings) = scan(b"<html>not an archive</html>\n\n");
        assert!(pages.is_empty());
        assert!(warnings[0].contains("not a WARC record"), "{warnings:?}");

        let mut cut = record(
            "response",
            "https://a.example/",
            b"HTTP/1.1 200 OK\r\n\r\n<p>x</p>",
        );
        cut.truncate(cut.len() - 10);
        let (_, warnings) = scan(&cut);
        assert!(warnings[0].contains("ends inside a record"), "{warnings:?}");

        let (_, warnings) = scan(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n");
        assert!(warnings[0].contains("Content-Length"), "{warnings:?}");
    }

    #[test]
    fn oversized_records_are_skipped_and_reading_goes_on() {
        let mut ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
        ok.extend_from_slice(PAGE);
        let mut big = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
        big.extend(std::iter::repeat_n(b'x', 5000));
        let mut archive = record("response", "https://a.example/big", &big);
        archive.extend(record("response", "https://a.example/ok", &ok));
        let (mut found, mut warned) = (Vec::new(), Vec::new());
        read(&mut &archive[..], 1000, |e| match e {
            Event::Page(p) => found.push(p.uri),
            Event::Warning { message, .. } => warned.push(message),
        });
        assert_eq!(found, ["https://a.example/ok"]);
        assert!(warned[0].contains("skipped"), "{warned:?}");
    }
}
