//! Reading real files: formats, encodings, compression, limits and the
//! warnings that name what could not be read. All fixtures are original
//! fictional text written here.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use parallax_read::{Batch, read_file, read_paths};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap_or_default();
    }
    fs::write(&path, bytes).unwrap_or_default();
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap_or_default();
    encoder.finish().unwrap_or_default()
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

fn messages(batch: &Batch) -> Vec<String> {
    batch.warnings.iter().map(|w| w.message.clone()).collect()
}

const STORY: &str = "Title: Lighthouse keeper retires\nSource: The Cove Gazette\nURL: https://cove.example/keeper\nPublished: 2026-01-05T09:00:00Z\n\nThe last keeper of the Grey Point light retired on Monday after 31 years.\n\nThe lamp will be run from the mainland.\n";

#[test]
fn txt_with_header() {
    let dir = tempdir();
    let path = write(dir.path(), "cove-keeper.txt", STORY.as_bytes());
    let batch = read_file(&path);
    assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
    let [a] = batch.articles.as_slice() else {
        panic!("{:?}", batch.articles)
    };
    assert_eq!(a.id, "cove-keeper");
    assert_eq!(a.title, "Lighthouse keeper retires");
    assert_eq!(a.source.as_deref(), Some("The Cove Gazette"));
    assert_eq!(a.url.as_deref(), Some("https://cove.example/keeper"));
    assert_eq!(
        a.published.map(|t| t.to_rfc3339()).as_deref(),
        Some("2026-01-05T09:00:00+00:00")
    );
    assert_eq!(
        a.text,
        "The last keeper of the Grey Point light retired on Monday after 31 years.\n\nThe lamp will be run from the mainland."
    );
    assert_eq!(a.language.as_deref(), Some("en"));
}

#[test]
fn windows_1252_txt_with_bom_free_bytes_and_crlf() {
    let dir = tempdir();
    let bytes = b"Caf\xe9 owners protest rent rise\r\n\r\nThe owners of the harbour caf\xe9 said the new rent was \x93impossible\x94.\r\nThey will appeal.\r\n";
    let batch = read_file(&write(dir.path(), "cafe.txt", bytes));
    assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
    let [a] = batch.articles.as_slice() else {
        panic!("{:?}", batch.articles)
    };
    assert_eq!(a.title, "Café owners protest rent rise");
    assert_eq!(
        a.text,
        "The owners of the harbour café said the new rent was “impossible”. They will appeal."
    );
}

#[test]
fn utf8_bom_is_stripped() {
    let dir = tempdir();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(STORY.as_bytes());
    let batch = read_file(&write(dir.path(), "bom.txt", &bytes));
    let [a] = batch.articles.as_slice() else {
        panic!("{:?}", batch)
    };
    assert_eq!(a.title, "Lighthouse keeper retires");
    assert_eq!(a.source.as_deref(), Some("The Cove Gazette"));
}

#[test]
fn iso_8859_2_html_with_meta_charset() {
    let dir = tempdir();
    let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-2\"><title>Mill reopens - Lowland Courier</title><meta property=\"og:site_name\" content=\"Lowland Courier\"></head><body><article><p>Pawe\xb3 Nowicki reopened the \xbc\xf3\xb3ty mill in \xa3\xf3d\xbc on Friday.</p></article></body></html>";
    let batch = read_file(&write(dir.path(), "mill.htm", page));
    assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
    let [a] = batch.articles.as_slice() else {
        panic!("{:?}", batch)
    };
    assert_eq!(a.title, "Mill reopens");
    assert_eq!(
        a.text,
        "Paweł Nowicki reopened the źółty mill in Łódź on Friday."
    );
}

#[test]
fn binary_junk_is_refused() {
    let dir = tempdir();
    let path = write(
        dir.path(),
        "photo.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    );
    let batch = read_file(&path);
    assert!(batch.articles.is_empty());
    assert_eq!(batch.warnings.len(), 1);
    assert_eq!(
        batch.warnings.first().map(ToString::to_string),
        Some(format!("{}: binary file, not an article", path.display()))
    );
}

#[test]
fn gzipped_files_of_every_format() {
    let dir = tempdir();
    write(dir.path(), "a.txt.gz", &gzip(STORY.as_bytes()));
    write(
        dir.path(),
        "b.html.gz",
        &gzip(b"<html><body><main><p>The ferry ran on time.</p></main></body></html>"),
    );
    write(
        dir.path(),
        "c.jsonl.gz",
        &gzip(b"{\"id\": \"c1\", \"text\": \"Snow closed the pass.\"}\n{\"id\": \"c2\", \"text\": \"It reopened at noon.\"}\n"),
    );
    let batch = read_paths(&[dir.path().to_path_buf()]);
    assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
    let ids: Vec<&str> = batch.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c1", "c2"]);
    assert_eq!(
        batch.articles.get(1).map(|a| a.text.as_str()),
        Some("The ferry ran on time.")
    );
}

#[test]
fn corrupt_gzip_and_gzip_bomb_are_reported() {
    let dir = tempdir();
    let mut corrupt = gzip(STORY.as_bytes());
    corrupt.truncate(corrupt.len() / 2);
    let corrupt = write(dir.path(), "broken.txt.gz", &corrupt);
    let bomb = write(
        dir.path(),
        "bomb.html.gz",
        &gzip(&vec![b' '; 17 * 1024 * 1024]),
    );
    let batch = read_paths(&[corrupt, bomb]);
    assert!(batch.articles.is_empty());
    let messages = messages(&batch);
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages
            .first()
            .is_some_and(|m| m.starts_with("corrupt gzip data")),
        "{messages:?}"
    );
    assert_eq!(
        messages.get(1).map(String::as_str),
        Some("decompressed size exceeds the 16.0 MiB limit for one article (gzip bomb?), skipped")
    );
}

#[test]
fn oversized_article_file_is_skipped() {
    let dir = tempdir();
    let path = dir.path().join("huge.txt");
    let file = fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
    file.set_len(20 * 1024 * 1024).unwrap_or_default();
    let batch = read_file(&path);
    assert!(batch.articles.is_empty());
    assert_eq!(
        messages(&batch),
        ["file is 20.0 MiB, over the 16.0 MiB limit for one article, skipped"]
    );
}

#[test]
fn malformed_jsonl_line_is_reported_with_its_number() {
    let dir = tempdir();
    let path = write(
        dir.path(),
        "feed.jsonl",
        b"{\"id\": \"one\", \"title\": \"One\", \"text\": \"First story.\"}\n{\"id\": \"two\", \"title\": \"Two\"}\n{\"id\": \"three\", \"text\": \"Third story.\", \"published\": \"the other day\"}\n",
    );
    let batch = read_file(&path);
    let ids: Vec<&str> = batch.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["one", "three"]);
    let warnings: Vec<String> = batch.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            format!("{}:2: missing field \"text\"", path.display()),
            format!(
                "{}:3: unrecognised date in field \"published\": \"the other day\"",
                path.display()
            ),
        ]
    );
    assert_eq!(batch.articles.get(1).and_then(|a| a.published), None);
    assert_eq!(
        batch.articles.get(1).map(|a| a.title.as_str()),
        Some("Third story.")
    );
}

#[test]
fn huge_jsonl_line_is_skipped_and_the_rest_read() {
    let dir = tempdir();
    let mut bytes = b"{\"id\": \"big\", \"text\": \"".to_vec();
    bytes.resize(bytes.len() + 17 * 1024 * 1024, b'a');
    bytes.extend_from_slice(b"\"}\n{\"id\": \"small\", \"text\": \"Fine.\"}\n");
    let batch = read_file(&write(dir.path(), "big.jsonl", &bytes));
    let ids: Vec<&str> = batch.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["small"]);
    assert_eq!(batch.warnings.len(), 1);
    let warning = batch.warnings.first();
    assert_eq!(warning.and_then(|w| w.line), Some(1));
    assert!(
        warning.is_some_and(|w| w
            .message
            .ends_with("over the 16.0 MiB limit for one article, skipped")),
        "{warning:?}"
    );
}

#[test]
fn unknown_extension_missing_path_and_folder_rules() {
    let dir = tempdir();
    let notes = write(dir.path(), "notes.md", b"# Notes");
    write(dir.path(), "sub/z.txt", b"Zeta\n\nLast story.");
    write(dir.path(), "sub/image.jpg", b"\xFF\xD8\xFF\xE0");
    write(dir.path(), ".hidden/h.txt", b"Hidden\n\nNot read.");
    write(dir.path(), ".draft.txt", b"Draft\n\nNot read.");
    write(dir.path(), "a.txt", b"Alpha\n\nFirst story.");
    let missing = dir.path().join("missing.txt");

    let batch = read_paths(&[dir.path().to_path_buf()]);
    assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
    let ids: Vec<&str> = batch.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "z"]);

    let batch = read_paths(&[notes.clone(), missing.clone()]);
    assert!(batch.articles.is_empty());
    let warnings: Vec<String> = batch.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            format!(
                "{}: unsupported file type, expected .txt, .html, .htm, .jsonl or .warc (optionally .gz)",
                notes.display()
            ),
            format!("{}: no such file or directory", missing.display()),
        ]
    );
}

#[test]
fn duplicate_ids_are_renamed_and_reported() {
    let dir = tempdir();
    let first = write(dir.path(), "a/story.txt", b"First\n\nThe first copy.");
    let second = write(dir.path(), "b/story.txt", b"Second\n\nThe second copy.");
    let feed = write(
        dir.path(),
        "c/feed.jsonl",
        b"{\"id\": \"story\", \"text\": \"Third.\"}\n{\"id\": \"story-2\", \"text\": \"Fourth.\"}\n",
    );
    let batch = read_paths(&[dir.path().to_path_buf()]);
    let ids: Vec<&str> = batch.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["story", "story-2", "story-3", "story-2-2"]);
    let warnings: Vec<String> = batch.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            format!(
                "{}: duplicate article id \"story\" (first read from {}), renamed to \"story-2\"",
                second.display(),
                first.display()
            ),
            format!(
                "{}:1: duplicate article id \"story\" (first read from {}), renamed to \"story-3\"",
                feed.display(),
                first.display()
            ),
            format!(
                "{}:2: duplicate article id \"story-2\" (first read from {}), renamed to \"story-2-2\"",
                feed.display(),
                second.display()
            ),
        ]
    );
}

#[test]
fn page_without_text_is_reported() {
    let dir = tempdir();
    let path = write(
        dir.path(),
        "empty.html",
        b"<html><head><title>Gallery</title></head><body><div>Photos</div></body></html>",
    );
    let batch = read_file(&path);
    assert!(batch.articles.is_empty());
    assert_eq!(messages(&batch), ["no article text found"]);
}

#[test]
fn one_stray_byte_in_utf8_is_replaced_and_named_not_a_change_of_charset() {
    let dir = tempdir();
    let path = write(
        dir.path(),
        "grant.txt",
        b"Title: Ky\xC3\xAFv grant\n\nThe city gets \xE2\x82\xAC2 million.\n\nA stray \xFF byte here.\n",
    );
    let batch = read_file(&path);
    assert_eq!(batch.articles.len(), 1);
    let article = &batch.articles[0];
    assert_eq!(article.title, "Kyïv grant");
    assert_eq!(
        article.text,
        "The city gets €2 million.\n\nA stray \u{FFFD} byte here."
    );
    assert_eq!(
        messages(&batch),
        ["bytes that are not UTF-8 replaced by U+FFFD on line 5"]
    );
    assert_eq!(batch.skipped, 0, "the article was read: a note, not a skip");
    assert!(!batch.warnings[0].skipped);
}

#[test]
fn a_fifo_is_refused_rather_than_waited_on() {
    let dir = tempdir();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let batch = read_file(&fifo);
    assert!(batch.articles.is_empty());
    assert_eq!(
        messages(&batch),
        ["not a regular file (a pipe, socket or device), skipped"]
    );
    assert_eq!(batch.skipped, 1);
}

#[test]
fn a_gzip_bomb_stream_stops_at_its_expansion_limit() {
    // 80 MiB of blank lines compress to well under 1 MiB: over 100 times.
    let line = vec![b' '; 1024 * 1024 - 1];
    let mut plain = Vec::new();
    for _ in 0..80 {
        plain.extend_from_slice(&line);
        plain.push(b'\n');
    }
    let mut input = br#"{"id": "a", "text": "Before the bomb."}"#.to_vec();
    input.push(b'\n');
    input.extend_from_slice(&plain);
    let batch = parallax_read::read_bytes("bomb.jsonl.gz", &gzip(&input));
    assert_eq!(batch.articles.len(), 1, "lines before the limit are kept");
    assert_eq!(
        messages(&batch),
        ["read error, rest of file skipped: decompressed data passes 64.0 MiB (gzip bomb?)"]
    );
}

#[test]
fn warnings_about_one_file_are_capped_and_counted() {
    let mut input = String::new();
    for _ in 0..1200 {
        input.push_str("not json\n");
    }
    input.push_str(r#"{"id": "last", "text": "Still read."}"#);
    let batch = parallax_read::read_bytes("junk.jsonl", input.as_bytes());
    assert_eq!(batch.articles.len(), 1);
    assert_eq!(batch.skipped, 1200);
    assert_eq!(
        batch.warnings.len(),
        parallax_read::MAX_WARNINGS_PER_FILE + 1
    );
    assert_eq!(
        batch.warnings.last().map(ToString::to_string).as_deref(),
        Some("junk.jsonl: 200 more warnings about this file not listed")
    );
}
