//! `parallax sources`: following feeds, OPML in and out.

use std::fs;
use std::process::{Command, Output};

fn parallax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .output()
        .expect("parallax runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn feeds_are_followed_listed_exported_imported_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("store");
    let d = data.to_str().unwrap();

    let add = parallax(&[
        "sources",
        "add",
        "https://herald.example/feed.xml",
        "--title",
        "Herald",
        "--data",
        d,
    ]);
    assert!(add.status.success(), "{}", text(&add.stderr));
    let again = parallax(&[
        "sources",
        "--data",
        d,
        "add",
        "https://herald.example/feed.xml",
    ]);
    assert!(again.status.success());
    let bad = parallax(&["sources", "--data", d, "add", "javascript:alert(1)"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("not an http(s) URL"));

    let opml = dir.path().join("list.opml");
    fs::write(
        &opml,
        r#"<opml version="2.0"><body>
        <outline text="Gazette" xmlUrl="https://gazette.example/atom"/>
        <outline text="Broken" xmlUrl="ftp://old.example/feed"/>
        </body></opml>"#,
    )
    .unwrap();
    let import = parallax(&["sources", "--data", d, "import", opml.to_str().unwrap()]);
    assert_eq!(import.status.code(), Some(3), "one entry skipped");
    assert!(text(&import.stderr).contains("following 1 feeds"));

    let list = text(&parallax(&["sources", "--data", d, "list"]).stdout);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    assert!(
        lines[0]
            .starts_with("https://herald.example/feed.xml\tHerald\tevery 15 min\tnot polled yet")
    );
    assert!(lines[1].starts_with("https://gazette.example/atom\tGazette"));

    let export = text(&parallax(&["sources", "--data", d, "export"]).stdout);
    assert!(export.contains(r#"xmlUrl="https://gazette.example/atom""#));
    assert!(export.contains(r#"title="Herald""#));

    assert!(
        parallax(&[
            "sources",
            "--data",
            d,
            "remove",
            "https://herald.example/feed.xml"
        ])
        .status
        .success()
    );
    let missing = parallax(&[
        "sources",
        "--data",
        d,
        "remove",
        "https://herald.example/feed.xml",
    ]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).contains("is not followed"));
    assert_eq!(
        text(&parallax(&["sources", "--data", d, "list"]).stdout)
            .lines()
            .count(),
        1
    );
}
