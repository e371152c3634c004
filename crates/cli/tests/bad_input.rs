//! The CLI on input that is broken, hostile or odd: every problem is named with
//! its file (and line), the rest is still analysed, and the exit status says so.

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

fn analyze_json(paths: &[&Path]) -> (Output, Value) {
    let mut args = vec!["analyze", "--format", "json"];
    args.extend(paths.iter().map(|p| p.to_str().expect("utf-8 temp path")));
    let out = parallax(&args);
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out, json)
}

fn ids(json: &Value) -> Vec<&str> {
    json["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["id"].as_str())
        .collect()
}

const ARTICLE: &str = "Title: Ferry returns\nSource: The Harbour Herald\n\n\
    The island ferry will run again from Monday, the harbour office said.\n\n\
    Repairs to the landing stage took six weeks.\n";

#[test]
fn a_malformed_jsonl_line_is_named_and_the_rest_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("feed.jsonl");
    fs::write(
        &path,
        concat!(
            r#"{"id": "a1", "title": "Ferry returns", "text": "The island ferry runs again."}"#,
            "\n",
            r#"{"id": "a2", "title": "Broken", "text": "#,
            "\n",
            r#"{"id": "a3", "title": "Bridge shut", "text": "The old bridge closes for repairs."}"#,
            "\n"
        ),
    )
    .expect("write");
    let (out, json) = analyze_json(&[&path]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("feed.jsonl:2:"), "{stderr}");
    assert_eq!(ids(&json), ["a1", "a3"]);
}

#[test]
fn binary_junk_is_refused_and_legacy_encodings_are_decoded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let junk = dir.path().join("photo.txt");
    fs::write(
        &junk,
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0",
    )
    .expect("write");
    let legacy = dir.path().join("cafe.txt");
    // Windows-1252: "é" is the single byte 0xE9, invalid as UTF-8.
    fs::write(
        &legacy,
        b"Title: Caf\xe9 reopens\n\nThe harbour caf\xe9 reopened on Saturday after a fire.\n",
    )
    .expect("write");
    let (out, json) = analyze_json(&[&junk, &legacy]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("photo.txt"), "{stderr}");
    assert_eq!(ids(&json), ["cafe"]);
    assert_eq!(
        json["articles"][0]["text"],
        "The harbour café reopened on Saturday after a fire."
    );
}

#[test]
fn nothing_readable_is_a_failure_and_a_missing_path_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nowhere.txt");
    let (out, _) = analyze_json(&[&missing]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere.txt"));
}

#[test]
fn everything_read_exits_zero_and_html_escapes_article_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ferry.txt");
    fs::write(
        &path,
        ARTICLE.replace("six weeks.", "six weeks <script>alert(1)</script>."),
    )
    .expect("write");
    let out_file = dir.path().join("report.html");
    let out = parallax(&[
        "analyze",
        path.to_str().expect("path"),
        "--format",
        "html",
        "--out",
        out_file.to_str().expect("path"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = fs::read_to_string(&out_file).expect("report written");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert(1)"));
}

#[test]
fn an_unwritable_output_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ferry.txt");
    fs::write(&path, ARTICLE).expect("write");
    let out = parallax(&[
        "analyze",
        path.to_str().expect("path"),
        "--out",
        dir.path()
            .join("no/such/dir/out.txt")
            .to_str()
            .expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"));
}

#[test]
fn input_read_with_a_change_is_a_note_not_a_skip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("wire.jsonl");
    fs::write(
        &path,
        concat!(
            r#"{"id": "w1", "title": "Ferry returns", "text": "The island ferry runs again.", "url": 7}"#,
            "\n",
            r#"{"id": "w1", "title": "Bridge shut", "text": "The old bridge closes for repairs."}"#,
            "\n",
            r#"{"id": "w3", "title": "Pier", "text": "The pier reopens, says \ud83d the harbour office."}"#,
            "\n"
        ),
    )
    .expect("write");
    let (out, json) = analyze_json(&[&path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(ids(&json), ["w1", "w1-2", "w3"]);
    assert!(!stderr.contains("skipped"), "{stderr}");
    for note in [
        "parallax: note: ",
        "wire.jsonl:1: field \"url\" must be a string, found a number; ignored",
        "wire.jsonl:2: duplicate article id \"w1\"",
        "wire.jsonl:3: 1 lone UTF-16 surrogate escape",
    ] {
        assert!(stderr.contains(note), "{note:?} missing from {stderr}");
    }
}

#[test]
fn a_fifo_named_on_the_command_line_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.html");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    for command in ["analyze", "extract"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
            .args([command, fifo.to_str().expect("utf-8 temp path")])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("parallax runs");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while child.try_wait().expect("wait").is_none() {
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                panic!("`parallax {command}` waited on a FIFO");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let out = child.wait_with_output().expect("output");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains("pipe.html: not a regular file"),
            "{command}: {stderr}"
        );
    }
}
