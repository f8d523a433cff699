//! Hostile input, round two: what an adversarial pass found, each pinned by a test.

use std::io::Write;
use std::process::{Command, Stdio};

fn ucwa(args: &[&str], stdin: &[u8]) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ucwa"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that reads no standard input may be gone before it is written.
    match child.stdin.take().unwrap().write_all(stdin) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => {}
        written => written.unwrap(),
    }
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn xml_whose_first_line_ends_like_a_request_line_is_xml() {
    let xml = b"<resource rel=\"x\" xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\" href=\"/a/b HTTP/1.1\n\"/>\n";
    let (code, stdout, stderr) = ucwa(&["convert", "--to", "json", "--compact"], xml);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout,
        "{\"rel\":\"x\",\"_links\":{\"self\":{\"href\":\"/a/b HTTP/1.1 \"}}}\n"
    );
    let (_, stdout, _) = ucwa(&["check", "--format", "json"], xml);
    assert!(
        stdout.contains("\"payloads\": 1") || stdout.contains("\"payloads\":1"),
        "{stdout}"
    );
    assert!(!stdout.contains("invalid-capture"), "{stdout}");
}
