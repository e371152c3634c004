//! Every command's help shows how to use it.

use std::process::Command;

fn help(command: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args([command, "--help"])
        .output()
        .expect("parallax runs");
    assert!(out.status.success(), "{command} --help");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn every_command_shows_an_example() {
    for command in ["analyze", "extract", "serve", "ingest", "sources"] {
        let text = help(command);
        assert!(
            text.contains("Example"),
            "{command} --help has no example:\n{text}"
        );
        assert!(
            text.contains(&format!("parallax {command} ")),
            "{command}: {text}"
        );
    }
}

#[test]
fn analyze_help_describes_the_txt_header_lines_and_exit_status() {
    let text = help("analyze");
    for line in [
        "  Title: ",
        "  Source: ",
        "  URL: ",
        "  Published: ",
        "2 for a usage error",
    ] {
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
    }
}
