//! Hostile input, round two (issue #17): large and many, nested, read without end, numbers
//! and headers that say the wrong thing (the command's tests are in
//! `cli/tests/hostile_input.rs`).

use base64::Engine as _;
use ucwa_codec::Resource;
mod common;

use common::captures::*;
use ucwa_codec::batch::{self, Batch, Header, HttpMessage, StartLine};
use ucwa_codec::check::{
    self, codes, CheckOptions, Severity, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_FINDINGS,
};
use ucwa_codec::{json, xml, DecodeOptions, ErrorKind, Format, Value, DEFAULT_MAX_PARTS};

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

#[test]
fn from_reader_stops_at_max_size_on_an_endless_reader() {
    let options = DecodeOptions::new().with_max_size(1000);
    for err in [
        json::from_reader_with::<Resource, _>(std::io::repeat(b' '), &options).unwrap_err(),
        xml::from_reader_with::<Resource, _>(std::io::repeat(b' '), &options).unwrap_err(),
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
    assert!(json::from_reader_with::<Resource, _>(&body[..], &options).is_ok());
}

// Batches and HAR files have limits too.

/// A batch body of `count` parts.
fn batch_of(count: usize) -> String {
    let mut body = String::new();
    for i in 0..count {
        body.push_str(&format!("--b\r\n\r\nGET /{i} HTTP/1.1\r\n"));
    }
    body + "--b--\r\n"
}

#[test]
fn a_batch_of_more_parts_than_max_parts_is_refused() {
    let parts = DEFAULT_MAX_PARTS;
    assert_eq!(
        Batch::parse(batch_of(parts).as_bytes(), None)
            .unwrap()
            .parts
            .len(),
        parts
    );
    let err = Batch::parse(batch_of(parts + 1).as_bytes(), None).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit);
    assert_eq!(
        err.message(),
        format!("more than {parts} parts in the batch (max_parts)")
    );
    // At the boundary line of the part that is one too many.
    assert_eq!(err.line(), 3 * parts + 1);
    let options = DecodeOptions::new().with_max_parts(2);
    let three = batch_of(3);
    let err = Batch::parse_with(three.as_bytes(), None, &options).unwrap_err();
    assert_eq!(err.message(), "more than 2 parts in the batch (max_parts)");
    let message =
        format!("HTTP/1.1 200 OK\r\nContent-Type: multipart/batching; boundary=b\r\n\r\n{three}");
    let err = batch::parse_message_with(message.as_bytes(), &options).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit);
    // check says so, as a malformed capture.
    let report = check::check_bytes_with(
        "three.batch",
        three.as_bytes(),
        &CheckOptions::new().with_decode(options),
    );
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].code, codes::INVALID_CAPTURE);
    assert_eq!(
        report.findings[0].message,
        "more than 2 parts in the batch (max_parts) at line 7, column 1"
    );
}

/// A HAR file of `count` entries, each a response with a JSON body.
fn har_of(count: usize) -> String {
    let entry = r#"{"response": {"content": {"mimeType": "application/json", "text": "{}"}}}"#;
    format!(
        r#"{{"log": {{"entries": [{}]}}}}"#,
        vec![entry; count].join(",")
    )
}

#[test]
fn a_har_file_of_more_entries_than_max_entries_stops_there() {
    let report = check::check_bytes("x.har", har_of(DEFAULT_MAX_ENTRIES).as_bytes());
    assert_eq!(report.payloads, DEFAULT_MAX_ENTRIES);
    assert!(report.findings.is_empty(), "{:?}", report.findings.first());
    let report = check::check_bytes("x.har", har_of(DEFAULT_MAX_ENTRIES + 1).as_bytes());
    assert_eq!(report.payloads, DEFAULT_MAX_ENTRIES);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].code, codes::INVALID_CAPTURE);
    assert!(report.findings[0]
        .message
        .starts_with("more than 100000 entries in the HAR file (max_entries) at line 1, column"));
    // The entries before the limit are checked, in order, as they are read.
    let options = CheckOptions::new().with_max_entries(2);
    let report = check::check_bytes_with("x.har", har_of(5).as_bytes(), &options);
    assert_eq!(report.payloads, 2);
    assert_eq!(report.findings.len(), 1);
}

#[test]
fn a_har_body_that_decodes_past_max_size_is_not_decoded() {
    let base64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let har = |text: String| {
        format!(
            r#"{{"log": {{"entries": [{{"response": {{"content": {{"mimeType": "application/json", "encoding": "base64", "text": "{text}"}}}}}}]}}}}"#
        )
    };
    let body = br#"{"abcd": 12}"#; // 12 bytes
    let options =
        |max_size| CheckOptions::new().with_decode(DecodeOptions::new().with_max_size(max_size));
    let report = check::check_bytes_with("x.har", har(base64(body)).as_bytes(), &options(12));
    assert_eq!(
        (report.payloads, report.findings.len()),
        (1, 0),
        "{:?}",
        report.findings
    );
    let report = check::check_bytes_with("x.har", har(base64(body)).as_bytes(), &options(11));
    assert_eq!(report.payloads, 0);
    assert_eq!(
        report.findings[0].message,
        "`response.content.text` decodes to more than 11 bytes (max_size)"
    );
    // Every length, padded or not.
    for len in 0..12 {
        let text = base64(&body[..len]);
        for text in [text.clone(), text.trim_end_matches('=').to_owned()] {
            let fits =
                check::check_bytes_with("x.har", har(text.clone()).as_bytes(), &options(len));
            assert!(
                fits.findings
                    .iter()
                    .all(|f| !f.message.contains("max_size")),
                "{text}: {:?}",
                fits.findings
            );
            if len > 0 {
                let over = check::check_bytes_with(
                    "x.har",
                    har(text.clone()).as_bytes(),
                    &options(len - 1),
                );
                assert!(over.findings[0].message.contains("(max_size)"), "{text}");
            }
        }
    }
}

#[test]
fn a_har_file_nested_a_million_deep_is_a_malformed_capture() {
    let deep = "[".repeat(1_000_000);
    for (text, why) in [
        // An entry is first read as JSON text, without nesting, to its end.
        (
            format!(r#"{{"log": {{"entries": {deep}"#),
            "EOF while parsing a list",
        ),
        (
            format!(r#"{{"log": {{"entries": [{{"request": {deep}"#),
            "EOF while parsing a list",
        ),
        // What is not read is skipped without nesting, to its end.
        (
            format!(r#"{{"version": 1, "log": {deep}"#),
            "EOF while parsing a list",
        ),
    ] {
        let report = check::check_bytes("deep.har", text.as_bytes());
        assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
        let finding = &report.findings[0];
        assert_eq!(finding.code, codes::INVALID_CAPTURE);
        assert_eq!(finding.payload, "log");
        let expected = format!("the HAR file is not well-formed JSON: {why} at line 1, column");
        assert!(
            finding.message.starts_with(&expected),
            "{}",
            finding.message
        );
    }
    // A well-formed entry nested past the limit is one finding at that entry; the rest is
    // read.
    let closed = "]".repeat(1_000_000);
    let text = format!(
        r#"{{"log": {{"entries": [{{"request": {deep}{closed}}}, {{"response": {{"status": 204}}}}]}}}}"#
    );
    let report = check::check_bytes("deep.har", text.as_bytes());
    let found: Vec<(&str, &str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.payload.as_str(), f.code, f.message.as_str()))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "entry 1");
    assert_eq!(found[0].1, codes::INVALID_CAPTURE);
    assert!(
        found[0].2.starts_with("recursion limit exceeded"),
        "{found:?}"
    );
    // Not well-formed otherwise, it is still a HAR file.
    let report = check::check_bytes("cut.har", br#"{"log": {"entries": [}"#);
    assert_eq!(report.findings[0].code, codes::INVALID_CAPTURE);
    // A resource nested as deep is a body that does not decode.
    let report = check::check_bytes(
        "deep.json",
        format!(r#"{{"rel": "x", "p": {deep}"#).as_bytes(),
    );
    assert_eq!(report.findings[0].code, codes::DECODE_ERROR);
}

// check keeps the first findings of a payload.

#[test]
fn check_keeps_the_first_findings_of_a_payload_and_counts_the_rest() {
    let body = participant_of_unknowns(100_000);
    let report = check::check_bytes("many.json", body.as_bytes());
    assert_eq!(report.findings.len(), DEFAULT_MAX_FINDINGS + 1);
    assert!(report.findings[..DEFAULT_MAX_FINDINGS]
        .iter()
        .all(|f| f.code == codes::UNKNOWN_PROPERTY));
    let last = report.findings.last().unwrap();
    assert_eq!(last.code, codes::TOO_MANY_FINDINGS);
    assert_eq!(
        last.message,
        "99001 more findings of this payload left out after the first 1000 (max_findings): \
         99000 unknown-property, 1 wrong-value-type"
    );
    // An error left out makes the summary an error: the exit code does not change.
    assert_eq!(last.severity, Severity::Error);
    assert!(report.has_errors());
    // Only warnings left out: a warning.
    let options = CheckOptions::new().with_max_findings(2);
    let report =
        check::check_bytes_with("few.json", participant_of_unknowns(3).as_bytes(), &options);
    let last = report.findings.last().unwrap();
    assert_eq!(report.findings.len(), 3);
    assert_eq!(last.message, "2 more findings of this payload left out after the first 2 (max_findings): 1 unknown-property, 1 wrong-value-type");
    let report = check::check_bytes_with(
        "few.json",
        participant_of_unknowns(1).as_bytes(),
        &options.with_max_findings(1),
    );
    assert_eq!(report.findings[1].severity, Severity::Error);
    let unknowns = r#"{"rel": "participant", "_links": {"self": {"href": "/p"}}, "a": 1, "b": 2}"#;
    let report = check::check_bytes_with(
        "w.json",
        unknowns.as_bytes(),
        &CheckOptions::new().with_max_findings(1),
    );
    assert_eq!(report.findings[1].severity, Severity::Warning);
    assert_eq!(report.findings[1].message, "1 more finding of this payload left out after the first 1 (max_findings): 1 unknown-property");
}

// A folder with what is no file, or cannot be read.

// Number messages say what is wrong, with the number as written.

#[test]
fn numbers_that_are_no_i64_are_named_as_written() {
    let refused = [
        (
            "-0",
            "number -0 is the integer 0 written with a minus sign; write it `0`",
        ),
        (
            "18446744073709551616",
            "number 18446744073709551616 is larger than a 64-bit signed integer",
        ),
        (
            "-9223372036854775809",
            "number -9223372036854775809 is smaller than a 64-bit signed integer",
        ),
        (
            "1e3",
            "number 1e3 is not an integer (UCWA values are integers; fractions and exponents \
             are refused)",
        ),
        (
            "-0.0",
            "number -0.0 is not an integer (UCWA values are integers; fractions and exponents \
             are refused)",
        ),
    ];
    for (number, message) in refused {
        for text in [
            format!(r#"{{"p": {number}}}"#),
            format!(r#"{{"p": [1, {number} ]}}"#),
            format!("{{\"a\": 1,\n \"p\":{number}\n}}"),
        ] {
            let err = json::from_str::<Resource>(&text).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Value, "{text}");
            assert_eq!(err.message(), message, "{text}");
        }
    }
    // In range, integers are read.
    let resource = json::from_str::<Resource>(r#"{"p": -9223372036854775808, "q": 0}"#).unwrap();
    assert_eq!(resource.property("p"), Some(&Value::Integer(i64::MIN)));
}

// Two Content-Type or Content-Length headers are refused.

#[test]
fn a_second_content_type_or_content_length_is_refused() {
    let part = |part_headers: &str, message_headers: &str| {
        format!(
            "--b\r\nContent-Type: application/http; msgtype=response\r\n{part_headers}\r\n\
             HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{message_headers}\r\n{{}}\r\n--b--\r\n"
        )
    };
    let cases = [
        (
            part("", "content-type: application/xml\r\n"),
            "Content-Type",
            "response",
            6,
        ),
        (
            part("", "Content-Length: 2\r\nContent-Length: 3\r\n"),
            "Content-Length",
            "response",
            7,
        ),
        (
            part("Content-Length: 1\r\nContent-Length: 1\r\n", ""),
            "Content-Length",
            "part header",
            4,
        ),
        (
            part("Content-Type: text/plain\r\n", ""),
            "Content-Type",
            "part header",
            3,
        ),
    ];
    for (body, name, what, line) in &cases {
        let err = Batch::parse(body.as_bytes(), None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Structure, "{body}");
        assert_eq!(
            err.message(),
            format!(
                "part 1: a second `{name}` header in the {what}: refused, as a message has one \
                 (which would hold, and be rewritten?)"
            )
        );
        assert_eq!(err.line(), *line, "{body}");
        assert!(batch::convert(body.as_bytes(), None, Format::Xml).is_err());
    }
    // A whole message, and a transcript: the message is a malformed capture, the next one is
    // still checked.
    let message = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nContent-Type: multipart/batching; boundary=b\r\nContent-Length: 99\r\n\r\n{}",
        part("", "")
    );
    let err = batch::parse_message(message.as_bytes()).unwrap_err();
    assert!(err
        .message()
        .starts_with("a second `Content-Length` header in the response"));
    assert_eq!(err.line(), 4);
    let transcript = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Type: application/xml\r\n\r\n{}\r\n\
                      HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"a\": 1}\r\n";
    let report = check::check_bytes("two.http", transcript.as_bytes());
    assert_eq!(report.payloads, 1);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].payload, "message 1");
    assert_eq!(report.findings[0].code, codes::INVALID_CAPTURE);
    assert_eq!(report.findings[0].line, Some(3));
}

#[test]
fn setting_a_header_leaves_no_stale_one_of_that_name() {
    let mut message = HttpMessage::new(StartLine::Response {
        version: 1,
        status: 200,
        reason: "OK".into(),
    });
    for (name, value) in [("Content-Length", "1"), ("X", "a"), ("content-length", "2")] {
        message.headers.push(Header::new(name, value));
    }
    let document = ucwa_codec::document::decode(b"{\"a\": 1}", None).unwrap();
    message.set_document(document, Format::Json, false).unwrap();
    let lengths: Vec<&str> = message
        .headers
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("Content-Length"))
        .map(|h| h.value.as_str())
        .collect();
    assert_eq!(lengths, [message.body.len().to_string()]);
    assert_eq!(message.headers[1].name, "X");
}
