//! `parallax ingest`: articles go into a store once, are analysed, and
//! survive the process being killed at any moment.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use parallax_store::{ArticleLog, SqliteStore, StoryOrder, StoryViews};

fn parallax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .output()
        .expect("parallax runs")
}

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn ingesting_twice_adds_once_and_analyses_everything() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("store");
    let data_arg = data.to_str().unwrap();
    let first = parallax(&["ingest", "--data", data_arg, examples().to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("17 articles added"),
        "{}",
        stderr(&first)
    );
    assert!(stderr(&first).contains("6 stories"), "{}", stderr(&first));

    let again = parallax(&["ingest", "--data", data_arg, examples().to_str().unwrap()]);
    assert!(again.status.success());
    assert!(
        stderr(&again).contains("0 articles added"),
        "{}",
        stderr(&again)
    );
    assert!(
        stderr(&again).contains("17 already there"),
        "{}",
        stderr(&again)
    );

    let quiet = parallax(&[
        "ingest",
        "--quiet",
        "--data",
        data_arg,
        examples().to_str().unwrap(),
    ]);
    assert!(quiet.status.success());
    assert_eq!(
        stderr(&quiet),
        "",
        "--quiet prints nothing when all is well"
    );

    let store = SqliteStore::open(&data).unwrap();
    assert_eq!(store.last_seq().unwrap(), 17);
    assert_eq!(store.analysed_to().unwrap(), 17);
    let stories = store.stories(StoryOrder::Biggest, 0, 100).unwrap();
    assert_eq!(stories.len(), 6);
    assert_eq!(stories[0].outlets, 4);
}

#[test]
fn unreadable_input_is_named_and_the_rest_is_ingested() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("junk.html"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    fs::write(
        dir.path().join("ferry.txt"),
        "Title: Ferry returns\nSource: The Harbour Herald\n\nThe island ferry runs again from Monday.\n",
    )
    .unwrap();
    let data = dir.path().join("store");
    let out = parallax(&[
        "ingest",
        "--data",
        data.to_str().unwrap(),
        dir.path().join("junk.html").to_str().unwrap(),
        dir.path().join("ferry.txt").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("junk.html"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 articles added"),
        "{}",
        stderr(&out)
    );
}

/// Fictional one-paragraph reports, as files, for a store big enough that a
/// kill lands in the middle of the work.
fn write_corpus(dir: &Path, n: usize) {
    let towns = ["Holm", "Velden", "Marsby", "Tarrow", "Kessel"];
    let events = [
        "ferry was cancelled",
        "library closed",
        "tram line was approved",
    ];
    for i in 0..n {
        let town = towns[i % towns.len()];
        let event = events[(i / 7) % events.len()];
        let text = format!(
            "Title: {town} {event}\nSource: Outlet {}\nPublished: 2026-03-{:02}T{:02}:00:00Z\n\n\
             In {town} the {event}, officials said on day {i}.\n\n\
             \"We expect an update within {} days,\" said Ida Brenn, the mayor of {town}.\n",
            i % 6,
            1 + (i / 200) % 28,
            i % 24,
            i % 9 + 2
        );
        fs::write(dir.join(format!("report-{i:05}.txt")), text).unwrap();
    }
}

#[test]
fn a_killed_ingest_loses_nothing_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let n = 1200;
    write_corpus(&corpus, n);
    let data = dir.path().join("store");
    let args = [
        "ingest",
        "--data",
        data.to_str().unwrap(),
        corpus.to_str().unwrap(),
    ];

    // Kill -9 a few moments into the work, at a different point each round.
    for delay_ms in [100, 400] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
            .args(args)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        if data.join(SqliteStore::FILE).exists() {
            // Whatever was committed is readable and consistent.
            let store = SqliteStore::open(&data).unwrap();
            assert!(store.analysed_to().unwrap() <= store.last_seq().unwrap());
        }
    }

    let out = parallax(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let store = SqliteStore::open(&data).unwrap();
    let all = store.after(0, 10 * n).unwrap();
    assert_eq!(all.len(), n, "every article once");
    let mut ids: Vec<&str> = all.iter().map(|s| s.article.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n);
    assert_eq!(store.analysed_to().unwrap(), store.last_seq().unwrap());
    let placed: u32 = store
        .stories(StoryOrder::Newest, 0, 100_000)
        .unwrap()
        .iter()
        .map(|s| s.articles)
        .sum();
    assert_eq!(placed as usize, n, "every article in exactly one story");
}
