//! Bytes to text: byte-order marks, declared charsets, detection, and refusing
//! binary files.
//!
//! Saved pages and old archives are often not UTF-8 (windows-1252 and
//! ISO-8859-2 are common for European outlets), so text is decoded in this
//! order: a byte-order mark wins; valid UTF-8 is used as is; a charset the
//! document declares is honoured; otherwise the encoding is guessed with
//! `chardetng`. Decoding never fails: bytes that do not fit the chosen
//! encoding become U+FFFD.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// How many leading bytes are inspected to recognise binary files.
const SNIFF_BYTES: usize = 8 * 1024;

/// How many leading bytes are searched for an HTML charset declaration.
/// (The HTML standard's prescan looks at 1024; saved pages often carry
/// long `<head>`s, so a little more is accepted.)
const CHARSET_PRESCAN_BYTES: usize = 4 * 1024;

/// How many bytes the encoding detector sees. A guess settles long before this;
/// the cap keeps detection cheap on large files.
const DETECT_BYTES: usize = 256 * 1024;

/// Leading bytes of common non-text formats that can end up in an article folder.
/// Only signatures that no article text can start with: plain-ASCII ones such as
/// `BM` or `ID3` would refuse a story that begins "BMW ...".
const MAGIC: &[&[u8]] = &[
    b"\x89PNG",
    b"%PDF-",
    b"PK\x03\x04",
    b"GIF87a",
    b"GIF89a",
    b"\xFF\xD8\xFF",
    b"\x1F\x8B",
    b"\x7FELF",
    b"7z\xBC\xAF\x27\x1C",
    b"Rar!\x1A",
    b"\xD0\xCF\x11\xE0",
    b"SQLite format 3\0",
];

/// Why bytes could not be turned into article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// The bytes look like an image, archive, executable or other binary data.
    Binary,
}

impl DecodeError {
    pub(crate) fn message(self) -> &'static str {
        match self {
            DecodeError::Binary => "binary file, not an article",
        }
    }
}

/// Where a charset declaration may come from, which depends on the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Declared {
    /// Plain text and JSON carry no declaration.
    None,
    /// Look for `<meta charset>` / `http-equiv` `content="...; charset=..."`.
    Html,
}

/// Text decoded from bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub text: String,
    /// 1-based lines where bytes that are not UTF-8 were replaced by U+FFFD
    /// in a text that is otherwise UTF-8 (at most [`MAX_LINES_NAMED`]).
    pub replaced: Vec<usize>,
}

/// How many lines with replaced bytes a note names.
const MAX_LINES_NAMED: usize = 10;

impl Decoded {
    fn clean(text: String) -> Self {
        Decoded {
            text,
            replaced: Vec::new(),
        }
    }

    /// What to tell the user about replaced bytes, if any were.
    pub(crate) fn note(&self) -> Option<String> {
        let (first, rest) = self.replaced.split_first()?;
        let mut lines = first.to_string();
        for line in rest {
            lines.push_str(&format!(", {line}"));
        }
        let more = if self.replaced.len() >= MAX_LINES_NAMED {
            " and later"
        } else {
            ""
        };
        Some(format!(
            "bytes that are not UTF-8 replaced by U+FFFD on line{} {lines}{more}",
            if rest.is_empty() { "" } else { "s" }
        ))
    }
}

/// Decode a whole file's bytes to text.
pub(crate) fn decode(bytes: &[u8], declared: Declared) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        if encoding == UTF_16LE || encoding == UTF_16BE {
            // UTF-16 is full of NUL bytes, so it is decoded before the binary check.
            let (text, _) = encoding.decode_without_bom_handling(rest);
            return refuse_control_heavy_text(text.into_owned()).map(Decoded::clean);
        }
        return decode_unmarked(rest, declared);
    }
    decode_unmarked(bytes, declared)
}

/// Decode bytes that carry no byte-order mark.
fn decode_unmarked(bytes: &[u8], declared: Declared) -> Result<Decoded, DecodeError> {
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded::clean(text.to_owned()));
    }
    let declared = match declared {
        Declared::Html => html_declared_charset(bytes),
        Declared::None => None,
    };
    Ok(match declared {
        Some(encoding) if encoding != UTF_8 => {
            Decoded::clean(encoding.decode_without_bom_handling(bytes).0.into_owned())
        }
        _ => utf8_with_replacements(bytes, declared == Some(UTF_8))
            .unwrap_or_else(|| Decoded::clean(decode_legacy(bytes))),
    })
}

/// Text that is UTF-8 but for a few stray bytes (a truncated or corrupted
/// character, one pasted Latin-1 byte), with those bytes replaced by U+FFFD
/// and their lines noted. `None` when the bytes read better as a legacy
/// encoding: they hold no more well-formed multi-byte UTF-8 characters than
/// malformed ones, as a windows-1252 file does (every accented letter is one
/// invalid byte). Decoding a mostly-UTF-8 file as a legacy charset instead
/// would silently turn every correct "ï" and "€" into "Ã¯" and "â‚¬".
fn utf8_with_replacements(bytes: &[u8], declared_utf8: bool) -> Option<Decoded> {
    let (mut wide, mut invalid) = (0usize, 0usize);
    let mut replaced = Vec::new();
    let mut line = 1;
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        wide += valid.chars().filter(|c| !c.is_ascii()).count();
        line += valid.bytes().filter(|&b| b == b'\n').count();
        text.push_str(valid);
        if !chunk.invalid().is_empty() {
            invalid += 1;
            if replaced.last() != Some(&line) && replaced.len() < MAX_LINES_NAMED {
                replaced.push(line);
            }
            text.push(char::REPLACEMENT_CHARACTER);
        }
    }
    (declared_utf8 || wide > invalid).then_some(Decoded { text, replaced })
}

/// Decode one line of a line-oriented file (JSONL): BOM stripped, UTF-8 used
/// when valid or nearly so, else guessed. Binary checks happen once per file,
/// not per line.
pub(crate) fn decode_line(bytes: &[u8]) -> Decoded {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded::clean(text.to_owned()),
        Err(_) => utf8_with_replacements(bytes, false)
            .unwrap_or_else(|| Decoded::clean(decode_legacy(bytes))),
    }
}

/// Bytes in the legacy encoding they most look like.
fn decode_legacy(bytes: &[u8]) -> String {
    let (text, _) = guess_encoding(bytes).decode_without_bom_handling(bytes);
    text.into_owned()
}

/// True when the first bytes look like binary data rather than text: a known
/// file signature, a NUL byte, or more than one byte in ten being a control
/// character that text never contains.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    if MAGIC.iter().any(|magic| bytes.starts_with(magic)) {
        return true;
    }
    let head = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
        .count();
    controls * 10 > head.len()
}

/// UTF-16 text has no NUL-byte tell, so it is checked after decoding.
fn refuse_control_heavy_text(text: String) -> Result<String, DecodeError> {
    let sample = text.chars().take(SNIFF_BYTES);
    let (mut total, mut controls) = (0usize, 0usize);
    for c in sample {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}') {
            controls += 1;
        }
    }
    if controls * 10 > total {
        Err(DecodeError::Binary)
    } else {
        Ok(text)
    }
}

/// Guess a legacy encoding for bytes known not to be valid UTF-8.
fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes.get(..DETECT_BYTES).unwrap_or(bytes), true);
    detector.guess(None, Utf8Detection::Deny)
}

/// The charset an HTML document declares in its first few kilobytes, from
/// `<meta charset="...">` or `<meta http-equiv="Content-Type" content="text/html; charset=...">`.
/// Both forms contain `charset=`, so one scan finds either.
pub(crate) fn html_declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..CHARSET_PRESCAN_BYTES).unwrap_or(bytes);
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(lower.get(from..)?, b"charset") {
        let after = from + pos + b"charset".len();
        from = after;
        let rest = lower.get(after..)?;
        let rest = trim_ascii_start(rest);
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = trim_ascii_start(rest);
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let label_len = rest
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        if let Some(encoding) = rest.get(..label_len).and_then(Encoding::for_label) {
            return Some(encoding);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn trim_ascii_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8], declared: Declared) -> Result<String, DecodeError> {
        decode(bytes, declared).map(|d| d.text)
    }

    #[test]
    fn utf8_is_used_as_is_and_bom_is_stripped() {
        assert_eq!(text(b"caf\xC3\xA9", Declared::None), Ok("café".into()));
        assert_eq!(
            text(b"\xEF\xBB\xBFKyiv \xE2\x80\x94 Kiev", Declared::None),
            Ok("Kyiv — Kiev".into())
        );
    }

    #[test]
    fn windows_1252_is_detected() {
        let bytes =
            b"The caf\xE9 on the quay served \x93strong\x94 coffee to the dockers every morning.";
        assert_eq!(
            text(bytes, Declared::None),
            Ok("The café on the quay served \u{201C}strong\u{201D} coffee to the dockers every morning.".into())
        );
    }

    #[test]
    fn html_meta_charset_is_honoured() {
        let bytes = b"<html><head><meta charset=\"iso-8859-2\"></head><body><p>Pawe\xB3 Kruk</p></body></html>";
        assert_eq!(
            html_declared_charset(bytes).map(|e| e.name()),
            Some("ISO-8859-2")
        );
        let text = text(bytes, Declared::Html).unwrap_or_default();
        assert!(text.contains("Paweł Kruk"), "{text}");
    }

    #[test]
    fn http_equiv_charset_is_found() {
        let bytes =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1250\">";
        assert_eq!(
            html_declared_charset(bytes).map(|e| e.name()),
            Some("windows-1250")
        );
        assert_eq!(html_declared_charset(b"<p>no charset here</p>"), None);
        assert_eq!(html_declared_charset(b"charset= \"nonsense\""), None);
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Port strike".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(text(&bytes, Declared::None), Ok("Port strike".into()));
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Declared::None),
            Err(DecodeError::Binary)
        );
        assert_eq!(
            text(b"%PDF-1.7\n", Declared::None),
            Err(DecodeError::Binary)
        );
        assert_eq!(
            text(b"text\0with nul", Declared::None),
            Err(DecodeError::Binary)
        );
        let controls: Vec<u8> = (0..200)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        assert_eq!(text(&controls, Declared::None), Err(DecodeError::Binary));
        assert!(!looks_binary(b"Plain words.\r\n\tIndented.\x0C"));
    }

    #[test]
    fn invalid_utf8_line_is_decoded() {
        assert_eq!(decode_line(b"\xEF\xBB\xBF{}").text, "{}");
        assert_eq!(decode_line(b"caf\xE9 au lait").text, "café au lait");
    }

    #[test]
    fn stray_bytes_in_utf8_are_replaced_and_their_lines_named() {
        // One invalid byte must not turn the whole file into windows-1252.
        let decoded = decode(
            b"Title: Ky\xC3\xAFv\n\nThe grant is \xE2\x82\xAC2 million.\nA stray \xFF byte.\n",
            Declared::None,
        );
        assert_eq!(
            decoded,
            Ok(Decoded {
                text: "Title: Kyïv\n\nThe grant is €2 million.\nA stray \u{FFFD} byte.\n".into(),
                replaced: vec![4],
            })
        );
        assert_eq!(
            decoded.ok().and_then(|d| d.note()).as_deref(),
            Some("bytes that are not UTF-8 replaced by U+FFFD on line 4")
        );
        // Declared UTF-8 is UTF-8 even without a well-formed wide character.
        let html = b"<meta charset=utf-8><p>caf\xE9</p>";
        assert_eq!(
            text(html, Declared::Html),
            Ok("<meta charset=utf-8><p>caf\u{FFFD}</p>".into())
        );
    }
}
