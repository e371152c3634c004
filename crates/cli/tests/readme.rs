//! The README's service commands, run as written (in a scratch folder that
//! holds the demo corpus): what a newcomer types must work.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The `parallax` lines of the README's `sh` block under "As a service".
fn service_commands(readme: &str) -> Vec<Vec<String>> {
    let section = readme
        .split("## As a service")
        .nth(1)
        .expect("an 'As a service' section");
    let block = section
        .split("```sh")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("an sh block");
    block
        .lines()
        .filter_map(|line| line.trim().strip_prefix("parallax "))
        .map(|args| args.split_whitespace().map(String::from).collect())
        .collect()
}

#[test]
fn the_readme_service_commands_work_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let commands = service_commands(&readme);
    assert_eq!(commands.len(), 3, "{commands:?}");
    let dir = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink(root.join("examples"), dir.path().join("examples")).expect("link");
    let parallax = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_parallax"));
        command.current_dir(dir.path());
        command
    };
    for args in &commands {
        if args.first().map(String::as_str) == Some("serve") {
            let mut server = parallax()
                .args(args)
                .stderr(Stdio::null())
                .spawn()
                .expect("serve");
            let listen = args
                .iter()
                .skip_while(|a| *a != "--listen")
                .nth(1)
                .expect("--listen");
            let answered = wait_for_status(listen);
            let _ = server.kill();
            let _ = server.wait();
            let status =
                answered.unwrap_or_else(|| panic!("`parallax {}` never answered", args.join(" ")));
            assert!(
                status.contains("\"stories\":6"),
                "the demo corpus: {status}"
            );
        } else {
            let out = parallax().args(args).output().expect("parallax runs");
            assert!(
                out.status.success(),
                "`parallax {}`: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// The body of `/api/v1/status` once the server answers (within 30 s).
fn wait_for_status(listen: &str) -> Option<String> {
    use std::io::{Read, Write};
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(mut socket) = std::net::TcpStream::connect(listen) {
            let _ = write!(
                socket,
                "GET /api/v1/status HTTP/1.1\r\nHost: {listen}\r\nConnection: close\r\n\r\n"
            );
            let mut response = String::new();
            if socket.read_to_string(&mut response).is_ok() && response.starts_with("HTTP/1.1 200")
            {
                return response.split("\r\n\r\n").nth(1).map(String::from);
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}
