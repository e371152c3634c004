//! `parallax extract` on fictional saved pages: one JSON object per page with
//! the documented fields, flagged segments inside the body, bad files named.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn parallax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .output()
        .expect("parallax runs")
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

/// A page whose body ends with a promotion line the clean stage flags.
const PAGE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Lighthouse reopens to visitors | Cape Orrin Courier</title>
<link rel="canonical" href="https://courier.example/lighthouse-reopens">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Lighthouse reopens to visitors</h1>
<div class="article-body">
<p>The old lighthouse on Cape Orrin reopened to visitors on Saturday after a two-year restoration, with new stairs, a repaired lantern room and a small museum about the keepers who lived there.</p>
<p>About three hundred people climbed the tower on the first day, the heritage trust said, and tickets for the next two weekends have already sold out.</p>
<p>Sign up for our evening newsletter to get the headlines first.</p>
</div>
<aside><ul><li><a href="/x">Harbour fees rise again for the summer season</a></li></ul></aside>
</article>
<footer><p>Cape Orrin Courier, 12 Quay Street, all rights reserved.</p></footer>
</body></html>"#;

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is a JSON object"))
        .collect()
}

#[test]
fn one_json_object_per_page_with_the_body_and_flagged_segments() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("lighthouse.html");
    fs::write(&path, PAGE).expect("write page");
    let out = parallax(&["extract", arg(&path)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pages = lines(&out);
    assert_eq!(pages.len(), 1);
    let page = &pages[0];
    let keys: Vec<&str> = page
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "path",
        "url",
        "title",
        "authors",
        "published",
        "modified",
        "site_name",
        "language",
        "description",
        "text",
        "segments",
    ] {
        assert!(keys.contains(&key), "missing {key}: {keys:?}");
    }
    assert_eq!(page["path"], arg(&path));
    let text = page["text"].as_str().expect("text");
    assert!(text.starts_with("The old lighthouse on Cape Orrin reopened"));
    assert!(!text.contains("Home"));
    assert!(!text.contains("Harbour fees"));
    assert!(!text.contains("Quay Street"));
    assert!(!text.contains("Lighthouse reopens to visitors"));

    // The promotion line stays in the text and is flagged, with a byte span
    // into `text`; the reporting is `body`.
    let segments = page["segments"].as_array().expect("segments");
    let kind_of = |needle: &str| {
        segments
            .iter()
            .find(|s| {
                let (start, end) = (
                    s["start"].as_u64().unwrap_or(0),
                    s["end"].as_u64().unwrap_or(0),
                );
                text.get(start as usize..end as usize)
                    .is_some_and(|t| t.contains(needle))
            })
            .and_then(|s| s["kind"].as_str())
    };
    assert_eq!(kind_of("evening newsletter"), Some("promo"));
    assert_eq!(kind_of("three hundred people"), Some("body"));
}

#[test]
fn text_format_prints_the_text_and_the_flags() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("lighthouse.html");
    fs::write(&path, PAGE).expect("write page");
    let out = parallax(&["extract", "--format", "text", arg(&path)]);
    assert!(out.status.success());
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.starts_with(&format!("== {}\n", arg(&path))),
        "{printed}"
    );
    assert!(printed.contains("\n\nThe old lighthouse on Cape Orrin reopened"));
    assert!(printed.contains("[promo] Sign up for our evening newsletter"));
}

#[test]
fn gzip_and_legacy_charsets_are_decoded() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("temp dir");
    let latin1 = dir.path().join("kiosk.html.gz");
    let html = "<html><head><meta charset=\"iso-8859-1\"></head><body><article><p>Der Kiosk am Hafen von S\u{fc}derby \u{f6}ffnet wieder, sagte die Gemeinde am Montag, nach einem Winter voller Reparaturen.</p></article></body></html>";
    let bytes: Vec<u8> = html.chars().map(|c| c as u32 as u8).collect();
    let gz = flate2_free_gzip(&bytes);
    let mut file = fs::File::create(&latin1).expect("create");
    file.write_all(&gz).expect("write");
    let out = parallax(&["extract", arg(&latin1)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pages = lines(&out);
    assert!(
        pages[0]["text"]
            .as_str()
            .is_some_and(|t| t.contains("Hafen von Süderby öffnet"))
    );
}

/// A gzip member with stored (uncompressed) deflate blocks, so the test needs
/// no compression crate.
fn flate2_free_gzip(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let chunks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        let len = chunk.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn a_bad_file_is_named_and_the_others_are_still_extracted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = dir.path().join("good.html");
    fs::write(&good, PAGE).expect("write page");
    let missing = dir.path().join("missing.html");
    let binary = dir.path().join("junk.html");
    fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 255]).expect("write junk");
    let empty = dir.path().join("empty.html");
    fs::write(&empty, "").expect("write empty");
    let out = parallax(&[
        "extract",
        arg(&missing),
        arg(&good),
        arg(&binary),
        arg(&empty),
    ]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing.html"), "{stderr}");
    assert!(stderr.contains("junk.html"), "{stderr}");
    let pages = lines(&out);
    let paths: Vec<&str> = pages.iter().filter_map(|p| p["path"].as_str()).collect();
    // The empty page is a page with no text, not an error.
    assert_eq!(paths, vec![arg(&good), arg(&empty)]);
    assert_eq!(pages[1]["text"], "");
}

#[test]
fn nothing_readable_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = parallax(&["extract", arg(&dir.path().join("nope.html"))]);
    assert_eq!(out.status.code(), Some(1));
}
