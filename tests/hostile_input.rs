//! Hostile input, round two (issue #17): large and many, nested, read without end, numbers
//! and headers that say the wrong thing, folders with what is no file.

use ucwa_codec::check::{self, codes};

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
