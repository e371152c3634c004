//! `parallax analyze --format site --out DIR` writes a static site story by
//! story: an index listing every story, most independent outlets first, and
//! a page per story that links back to it.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");

fn parallax(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .output()
        .expect("parallax runs")
}

/// The `href`s of a page that point inside the site (not `#fragments`, not
/// `http(s)` originals).
fn local_links(page: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| !href.starts_with('#') && !href.starts_with("http"))
        .map(String::from)
        .collect()
}

#[test]
fn the_site_lists_every_story_and_each_page_links_back() {
    let out = parallax(&["analyze", EXAMPLES, "--format", "json"]);
    assert!(out.status.success());
    let document: Value = serde_json::from_slice(&out.stdout).expect("a JSON document");
    let stories = document["stories"].as_array().expect("stories");

    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    let site_arg = site.to_str().expect("a UTF-8 path");
    let out = parallax(&["analyze", EXAMPLES, "--format", "site", "--out", site_arg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index = std::fs::read_to_string(site.join("index.html")).expect("index.html");
    let links = local_links(&index);
    assert_eq!(links.len(), stories.len(), "one link per story: {links:?}");

    // The most widely reported story is listed first.
    let widest = stories
        .iter()
        .map(|s| s["independent_outlets"].as_u64().unwrap_or(0))
        .max()
        .expect("stories");
    let first = std::fs::read_to_string(site.join(&links[0])).expect("the first story's page");
    assert!(
        first.contains(&format!("{widest} independent outlets")),
        "the first page listed is a story of {widest} outlets"
    );

    for link in &links {
        let page = std::fs::read_to_string(site.join(link))
            .unwrap_or_else(|e| panic!("{link} is written: {e}"));
        assert_eq!(local_links(&page), ["../index.html"], "{link}");
        // The page is one story compared: every article of one of the
        // document's stories has its column on it, and no other article.
        let columns = page.matches("id=\"article:").count();
        let story = stories
            .iter()
            .find(|s| {
                let ids = s["articles"].as_array().map_or(&[][..], Vec::as_slice);
                ids.len() == columns
                    && ids.iter().all(|id| {
                        page.contains(&format!("id=\"article:{}\"", id.as_str().unwrap_or("")))
                    })
            })
            .unwrap_or_else(|| panic!("{link} is one of the document's stories"));
        let title = story["title"].as_str().expect("a title");
        assert!(page.contains(&escaped(title)), "{link}: {title}");
        assert!(index.contains(&escaped(title)), "the index lists {title}");
    }
    assert_eq!(
        std::fs::read_dir(site.join("stories"))
            .expect("stories folder")
            .count(),
        stories.len()
    );
}

/// Text as the report escapes it.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn a_site_needs_a_folder() {
    let out = parallax(&["analyze", EXAMPLES, "--format", "site"]);
    assert_eq!(out.status.code(), Some(2), "a usage error");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--out"), "{stderr}");
    assert!(!Path::new("index.html").exists());
}
