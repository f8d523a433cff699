//! Hostile input, round two (issue #17): large and many, nested, read without end, numbers
//! and headers that say the wrong thing, folders with what is no file.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use ucwa_codec::check::{self, codes};
use ucwa_codec::{json, xml, DecodeOptions, ErrorKind};

/// `count` responses whose second line is no header.
fn bad_messages(count: usize) -> String {
    "HTTP/1.1 200 OK\r\nBad Header\r\n\r\n{}\r\n".repeat(count)
}

#[test]
fn every_bad_message_of_a_transcript_is_placed_on_its_own_line() {
    // The lines of the file are found once for all its findings (benches/check.rs measures
    // it); each finding still gets its own line.
    let count = 5_000;
    let report = check::check_bytes("bad.http", bad_messages(count).as_bytes());
    assert_eq!(report.findings.len(), count);
    for (i, finding) in report.findings.iter().enumerate() {
        assert_eq!(finding.code, codes::INVALID_CAPTURE);
        assert_eq!(finding.payload, format!("message {}", i + 1));
        assert_eq!((finding.line, finding.column), (Some(4 * i + 2), Some(1)));
    }
}

// Reading stops at `max_size`.

fn ucwa(args: &[&str], stdin: Stdio) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ucwa"))
        .args(args)
        .stdin(stdin)
        .output()
        .expect("the ucwa binary runs")
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

/// A fresh folder for one test's files.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ucwa-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn from_reader_stops_at_max_size_on_an_endless_reader() {
    let options = DecodeOptions::new().with_max_size(1000);
    for err in [
        json::from_reader_with(std::io::repeat(b' '), &options).unwrap_err(),
        xml::from_reader_with(std::io::repeat(b' '), &options).unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::Limit);
        assert_eq!(
            err.message(),
            "the input is more than 1000 bytes (max_size)"
        );
    }
    // Up to the limit, it reads.
    let body = br#"{"rel": "me"}"#;
    let options = options.with_max_size(body.len());
    assert!(json::from_reader_with(&body[..], &options).is_ok());
}

#[test]
fn convert_stops_reading_dev_zero_at_max_size() {
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let out = ucwa(
        &["convert", "--to", "json", "--max-size", "4096"],
        zero.into(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        "error: <stdin>: the input is more than 4096 bytes (max_size)\n"
    );
}

#[test]
fn convert_and_check_stop_reading_an_endless_fifo_at_max_size() {
    let dir = temp_dir("fifo");
    let fifo = dir.join("endless.json");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let fifo_name = fifo.to_str().unwrap();
    for args in [
        &["convert", "--to", "xml", "--max-size", "100000", fifo_name][..],
        &[
            "check",
            "--format",
            "json",
            "--max-size",
            "100000",
            fifo_name,
        ][..],
    ] {
        // A writer that writes until the reader goes away.
        let path = fifo.clone();
        let writer = std::thread::spawn(move || {
            let mut out = std::fs::OpenOptions::new().write(true).open(path).unwrap();
            let chunk = [b' '; 4096];
            while out.write_all(&chunk).is_ok() {}
        });
        let out = ucwa(args, Stdio::null());
        writer.join().unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert!(
            said.contains("the input is more than 100000 bytes (max_size)"),
            "{args:?}: {said}"
        );
        if args[0] == "check" {
            let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(report["findings"][0]["code"], codes::FILE_NOT_READ);
            assert_eq!(report["findings"][0]["file"], fifo_name);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
