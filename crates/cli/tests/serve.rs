//! `parallax serve` as an operator starts it: a host name to listen on, and a
//! log fit for a file.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

#[test]
fn serve_listens_on_a_host_name_and_logs_without_colour_codes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut server = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["serve", "--data"])
        .arg(dir.path().join("store"))
        .args(["--listen", "localhost:0"])
        .stderr(Stdio::piped())
        .spawn()
        .expect("parallax serve starts");
    let mut log = BufReader::new(server.stderr.take().expect("stderr"));
    let mut line = String::new();
    let mut address = None;
    while log.read_line(&mut line).unwrap_or(0) > 0 {
        assert!(
            !line.contains('\u{1b}'),
            "colour codes in a log file: {line:?}"
        );
        if let Some(at) = line.find("address=") {
            address = line[at + "address=".len()..]
                .split_whitespace()
                .next()
                .map(String::from);
            break;
        }
        line.clear();
    }
    let address = address.unwrap_or_else(|| panic!("no address logged: {line}"));
    assert!(
        address.starts_with("127.0.0.1:") || address.starts_with("[::1]:"),
        "{address}"
    );
    let mut socket = std::net::TcpStream::connect(&address).expect("connect");
    write!(
        socket,
        "GET /api/v1/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut response = String::new();
    socket.read_to_string(&mut response).expect("response");
    let _ = server.kill();
    let _ = server.wait();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"stories\""), "{response}");
}
