//! `ucwa_codec::check` on the documented samples and on crafted captures (`ucwa check` as a
//! subprocess is in `cli/tests/check.rs`).

#[macro_use]
mod common;

use common::captures::*;
use serde_json::json;
use ucwa_codec::check::{self, codes, Finding, Report, Severity};

/// The valid samples that are not UCWA documents the codecs model. Each is reported with one
/// `unsupported-document` warning, not skipped: a file given to `check` is claimed to be a
/// UCWA payload, and a check that passes over one silently would hide it. (In a capture with
/// headers, the HTML one would be skipped for its `Content-Type: text/html`.)
const UNSUPPORTED: &[(&str, &str)] = &[
    (
        "makeMeAvailable2.post.response.3.xml",
        "<operationsQueued>, an application/xml response of makeMeAvailable",
    ),
    ("xframe.get.response.1.xml", "<h>Hello</h>, text/html"),
];

fn errors(report: &Report) -> Vec<&Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

/// `(payload, code, path, line)` of every finding.
fn found(report: &Report) -> Vec<(&str, &str, &str, Option<usize>)> {
    report
        .findings
        .iter()
        .map(|f| (f.payload.as_str(), f.code, f.path.as_str(), f.line))
        .collect()
}

#[test]
fn every_valid_sample_checks_without_errors() {
    needs_reference!();
    let samples = common::samples("valid");
    let mut total = Report::default();
    for sample in &samples {
        total.merge(check::check_bytes(&sample.name, &sample.bytes));
    }
    assert!(
        !total.has_errors(),
        "{}",
        errors(&total)
            .iter()
            .map(|f| f.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    let summary = total.summary();
    assert_eq!(
        (summary.files, summary.payloads, summary.skipped),
        (samples.len(), samples.len(), 0)
    );
    // The two non-UCWA documents, stated.
    let unsupported: Vec<&str> = total
        .findings
        .iter()
        .filter(|f| f.code == codes::UNSUPPORTED_DOCUMENT)
        .map(|f| f.file.as_str())
        .collect();
    let expected: Vec<&str> = UNSUPPORTED.iter().map(|(name, _)| *name).collect();
    assert_eq!(unsupported, expected);
    // The other warnings are enumeration values the reference's own samples use and its
    // Members tables lack — why `bad-enumeration-value` is a warning.
    for finding in &total.findings {
        assert!(
            [codes::UNSUPPORTED_DOCUMENT, codes::BAD_ENUMERATION_VALUE].contains(&finding.code),
            "{finding}"
        );
    }
    let enumerations: std::collections::BTreeSet<&str> = total
        .findings
        .iter()
        .filter(|f| f.code == codes::BAD_ENUMERATION_VALUE)
        .map(|f| {
            f.message
                .split(" of ")
                .nth(1)
                .unwrap_or("")
                .split(' ')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(
        enumerations.into_iter().collect::<Vec<_>>(),
        [
            "LisQueryResultEnum",
            "ModalityType",
            "SimultaneousRingTarget",
            "UnansweredCallHandlingTarget"
        ]
    );
}

#[test]
fn invalid_samples_are_decode_errors_at_their_line() {
    needs_reference!();
    for sample in common::samples("invalid") {
        let report = check::check_bytes(&sample.name, &sample.bytes);
        assert_eq!(report.findings.len(), 1, "{}", sample.name);
        let finding = &report.findings[0];
        assert_eq!(finding.code, codes::DECODE_ERROR, "{finding}");
        assert!(finding.line.is_some_and(|l| l > 1), "{finding}");
    }
}

#[test]
fn a_transcript_of_two_responses() {
    let report = check::check_bytes("capture.http", transcript().as_bytes());
    assert_eq!((report.payloads, report.skipped.len()), (2, 0));
    assert_eq!(
        found(&report),
        [
            (
                "message 2",
                codes::WRONG_CARDINALITY,
                "_embedded.from",
                None
            ),
            (
                "message 2",
                codes::WRONG_VALUE_TYPE,
                "_embedded.from[0].organizer",
                None
            ),
        ]
    );
    assert_eq!(
        report.findings[0].to_string(),
        "capture.http: message 2: error[wrong-cardinality] _embedded.from: \
         `audioVideoInvitation` documents one object here, found an array"
    );
    assert_eq!(
        report.findings[1].message,
        "`participant.organizer` is documented as a boolean, found the string \"yes\""
    );
    // Where each payload stands in the file.
    let text = transcript();
    let capture = check::payloads::extract("capture.http", text.as_bytes());
    let lines: Vec<usize> = capture
        .payloads()
        .map(|p| p.span.as_ref().unwrap().line)
        .collect();
    assert_eq!(lines, [5, 14]);
}

#[test]
fn decode_errors_point_at_the_line_in_the_file() {
    // LF line ends, a request without a body first, a body without Content-Length.
    let text = "GET /ucwa/v1/applications/192/me HTTP/1.1\n\
                Accept: application/json\n\
                \n\
                HTTP/1.1 200 OK\n\
                Content-Type: application/json\n\
                \n\
                {\n  \"rel\": \"me\",\n  \"name\": ,\n}\n\
                POST /ucwa/v1/applications/192/x HTTP/1.1\n\
                Content-Type: application/xml\n\
                \n\
                <input xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\">\n  <property name=\"a\">1</propert>\n</input>\n";
    let report = check::check_bytes("t.http", text.as_bytes());
    assert_eq!(
        found(&report),
        [
            ("message 2", codes::DECODE_ERROR, "name", Some(9)),
            ("message 3", codes::DECODE_ERROR, "a", Some(15)),
        ]
    );
    assert!(report.findings[0].message.ends_with("at line 9, column 11"));
    assert_eq!(report.findings[0].column, Some(11));
}

#[test]
fn self_links_in_requests_and_responses() {
    let body = r#"{"rel": "simultaneousRingSettings", "ringDelay": 5, "target": "Team"}"#;
    let capture =
        |start: &str| format!("{start}\r\nContent-Type: application/json\r\n\r\n{body}\r\n");
    // (With its `If-Match`: a PUT without one is a `missing-if-match` of the session.)
    let request = capture(
        "PUT /ucwa/v1/applications/1/me/callForwardingSettings/simultaneousRingSettings HTTP/1.1\r\n\
         If-Match: \"1\"",
    );
    assert!(check::check_bytes("put", request.as_bytes())
        .findings
        .is_empty());
    let response = capture("HTTP/1.1 200 OK");
    let report = check::check_bytes("get", response.as_bytes());
    assert_eq!(
        found(&report),
        [("message 1", codes::MISSING_SELF_LINK, "_links.self", None)]
    );
    // A bare body: its direction from its name, as the samples are named; else unknown.
    let report = check::check_bytes("x.get.response.1.json", body.as_bytes());
    assert_eq!(report.findings[0].code, codes::MISSING_SELF_LINK);
    assert!(check::check_bytes("x.json", body.as_bytes())
        .findings
        .is_empty());
    // An untyped operation result needs none.
    let untyped = r#"{"operationId": "1", "_links": {"x": {"href": "/x"}}}"#;
    assert!(
        check::check_bytes("r.post.response.1.json", untyped.as_bytes())
            .findings
            .is_empty()
    );
}

#[test]
fn unknown_types_properties_relations_and_members() {
    let body = r#"{
      "rel": "participant",
      "name": "Joe",
      "shoeSize": 44,
      "0f8fad5b-d9cb-469f-a165-70867728950e": "please pass this in a PUT request",
      "role": "Emperor",
      "_links": {"self": {"href": "/p/1"}, "teleport": {"href": "/t"}},
      "_embedded": {"gadget": {"rel": "gadget", "_links": {"self": {"href": "/g"}}}}
    }"#;
    let report = check::check_bytes("p.json", body.as_bytes());
    assert_eq!(
        found(&report),
        [
            ("body", codes::UNKNOWN_PROPERTY, "shoeSize", None),
            ("body", codes::BAD_ENUMERATION_VALUE, "role", None),
            ("body", codes::UNKNOWN_LINK_REL, "_links.teleport", None),
            ("body", codes::UNKNOWN_LINK_REL, "_embedded.gadget", None),
            (
                "body",
                codes::UNKNOWN_RESOURCE_TYPE,
                "_embedded.gadget.rel",
                None
            ),
        ]
    );
    assert!(!report.has_errors());
}

/// Members any resource may carry that no reference page lists (docs/check.md): `etag` on
/// every type, `expires` on `application`; other undocumented names are still reported.
#[test]
fn members_every_resource_may_carry_are_known() {
    let application = r#"{"rel": "application", "culture": "en-US", "etag": "2943169141",
      "expires": "\/Date(1474932024822)\/", "_links": {"self": {"href": "/a/1"}},
      "_embedded": {"me": {"rel": "me", "name": "Joe", "etag": "17", "expires": "soon",
        "_links": {"self": {"href": "/a/1/me"}}}}}"#;
    let report = check::check_bytes("a.json", application.as_bytes());
    assert_eq!(
        found(&report),
        [(
            "body",
            codes::UNKNOWN_PROPERTY,
            "_embedded.me.expires",
            None
        )]
    );
    let xml = r#"<resource rel="phone" href="/p/1" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
  <property name="number">tel:+1</property><property name="etag">8</property>
  <property name="ETag">8</property>
</resource>"#;
    let report = check::check_bytes("p.xml", xml.as_bytes());
    assert_eq!(
        found(&report),
        [("body", codes::UNKNOWN_PROPERTY, "ETag", None)]
    );
    // The event channel article's events response: `etag` on `communication`.
    let report = check::check_bytes("events.xml", common::DOCUMENTED_EVENTS_XML.as_bytes());
    assert_eq!(found(&report), []);
}

#[test]
fn xml_values_and_cardinality() {
    let xml = r#"<resource rel="conversation" href="/c/1" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
  <property name="participantCount">many</property>
  <property name="readLocally">True</property>
  <property name="created">2016-09-26T16:20:24.8356669-07:00</property>
</resource>"#;
    let report = check::check_bytes("c.xml", xml.as_bytes());
    assert_eq!(
        found(&report),
        [("body", codes::WRONG_VALUE_TYPE, "participantCount", None)]
    );
    // XML cannot tell one from a list of one, but can tell two where one is documented.
    let xml = r#"<resource rel="audioVideoInvitation" href="/i/1" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
  <resource rel="from" href="/p/1"><property name="rel">participant</property></resource>
  <resource rel="from" href="/p/2"><property name="rel">participant</property></resource>
</resource>"#;
    let report = check::check_bytes("i.xml", xml.as_bytes());
    assert_eq!(
        found(&report),
        [("body", codes::WRONG_CARDINALITY, "_embedded.from", None)]
    );
}

#[test]
fn resources_embedded_in_events() {
    let events = r#"{
      "_links": {"self": {"href": "/events?ack=1"}, "next": {"href": "/events?ack=2"}},
      "sender": [{"rel": "conversation", "href": "/c/1", "events": [
        {"link": {"rel": "participant", "href": "/p/1"}, "type": "added",
         "_embedded": {"participant": {"rel": "participant", "organizer": 1}}}
      ]}]
    }"#;
    let report = check::check_bytes("events.json", events.as_bytes());
    assert_eq!(
        found(&report),
        [
            (
                "body",
                codes::MISSING_SELF_LINK,
                "sender[0].events[0]._embedded.participant._links.self",
                None
            ),
            (
                "body",
                codes::WRONG_VALUE_TYPE,
                "sender[0].events[0]._embedded.participant.organizer",
                None
            ),
        ]
    );
}

/// A file with no UCWA payload at all is a `no-payload` error, whatever it holds instead.
#[test]
fn a_file_without_payloads_is_a_no_payload_error() {
    let cases: [(&[u8], &str); 6] = [
        (b"", "the file is empty"),
        (b"\xEF\xBB\xBF \r\n\t", "the file is empty"),
        (
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            "the file is binary, not text",
        ),
        (
            b"Hello, this is no capture\n",
            "its one body is skipped, as it has no Content-Type",
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<h>x</h>\r\n\
              HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG\r\n",
            "its 2 bodies are skipped as neither",
        ),
        (
            b"GET /ucwa/v1/applications/1/me HTTP/1.1\r\nAccept: application/json\r\n\r\n",
            "it holds no body",
        ),
    ];
    for (bytes, message) in cases {
        let report = check::check_bytes("capture", bytes);
        assert_eq!(report.payloads, 0);
        assert_eq!(
            found(&report),
            [("file", codes::NO_PAYLOAD, "", None)],
            "{bytes:?}"
        );
        let finding = &report.findings[0];
        assert_eq!(finding.severity, Severity::Error);
        assert!(finding.message.contains(message), "{}", finding.message);
        assert!(report.has_errors());
    }
    // A malformed capture is reported as that, not also as holding no payload.
    let report = check::check_bytes("h.har", br#"{"log": {"entries": 3}}"#);
    assert_eq!(found(&report), [("log", codes::INVALID_CAPTURE, "", None)]);
}

#[test]
fn a_har_file() {
    let bytes = serde_json::to_vec_pretty(&har()).unwrap();
    let report = check::check_bytes("session.har", &bytes);
    assert_eq!(report.payloads, 4);
    assert_eq!(
        report
            .skipped
            .iter()
            .map(|s| (s.payload.as_str(), s.reason.as_str()))
            .collect::<Vec<_>>(),
        [(
            "entry 4 response",
            "its Content-Type `text/html` is not JSON or XML"
        )]
    );
    assert_eq!(
        found(&report),
        [
            (
                "entry 2 response",
                codes::WRONG_VALUE_TYPE,
                "participantCount",
                None
            ),
            ("entry 3 response", codes::DECODE_ERROR, "name", None),
            ("entry 5", codes::INVALID_CAPTURE, "", None),
        ]
    );
    // A body out of a HAR string has positions in its own text.
    assert!(
        report.findings[1]
            .message
            .ends_with("at line 3, column 11 of the body"),
        "{}",
        report.findings[1]
    );
}

/// A batch response: a good part, a part whose embedded resource has no self link, a part
/// that does not decode, and a part without a body.
fn batch() -> String {
    [
        "--0cac9abd",
        "Content-Type: application/http; msgtype=response",
        "",
        "HTTP/1.1 200 OK",
        "Content-Type: application/vnd.microsoft.com.ucwa+json; charset=utf-8",
        "",
        GOOD_PARTICIPANT,
        "--0cac9abd",
        "Content-Type: application/http; msgtype=response",
        "",
        "HTTP/1.1 200 OK",
        "Content-Type: application/vnd.microsoft.com.ucwa+xml; charset=utf-8",
        "",
        r#"<resource rel="audioVideoInvitation" href="/i/1" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">"#,
        r#"  <resource rel="from"><property name="rel">participant</property></resource>"#,
        "</resource>",
        "--0cac9abd",
        "Content-Type: application/http; msgtype=response",
        "",
        "HTTP/1.1 200 OK",
        "Content-Type: application/vnd.microsoft.com.ucwa+xml; charset=utf-8",
        "",
        r#"<resource rel="me" href="/me" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">"#,
        "  <property name=\"name\">Joe",
        "</resource>",
        "--0cac9abd",
        "Content-Type: application/http; msgtype=response",
        "",
        "HTTP/1.1 204 No Content",
        "--0cac9abd--",
        "",
    ]
    .join("\r\n")
}

#[test]
fn a_batch_and_a_message_holding_it() {
    let report = check::check_bytes("batch.txt", batch().as_bytes());
    assert_eq!(report.payloads, 3);
    // The `</resource>` that closes the unclosed `<property>`, on line 30 of the batch.
    assert!(
        report.findings[1].message.ends_with("at line 30, column 1"),
        "{}",
        report.findings[1]
    );
    assert_eq!(
        found(&report),
        [
            (
                "part 2",
                codes::MISSING_SELF_LINK,
                "_embedded.from._links.self",
                None
            ),
            ("part 3", codes::DECODE_ERROR, "name", Some(30)),
        ]
    );
    // The same batch as the body of a whole HTTP message: the same findings, four lines on.
    let message = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: multipart/batching; boundary=\"0cac9abd\"\r\nCache-Control: no-cache\r\n\r\n{}",
        batch()
    );
    let report = check::check_bytes("batch.http", message.as_bytes());
    assert_eq!(
        found(&report),
        [
            (
                "message 1 part 2",
                codes::MISSING_SELF_LINK,
                "_embedded.from._links.self",
                None
            ),
            ("message 1 part 3", codes::DECODE_ERROR, "name", Some(34)),
        ]
    );
}

#[test]
fn malformed_captures_are_findings_not_panics() {
    let har_shapes = [
        json!({"log": []}),
        json!({"log": {"entries": [{"request": 5, "response": {"content": []}}]}}),
        json!({"log": {"entries": [{"response": {"content": {"text": 5}}}]}}),
        json!({"log": {"entries": [{"response": {"content": {"text": "{}", "encoding": "gzip"}}}]}}),
        json!({"log": {"entries": [{"response": {"content": {"text": "@@", "encoding": "base64"}}}]}}),
    ];
    for shape in &har_shapes {
        let report = check::check_bytes("x.har", shape.to_string().as_bytes());
        assert!(report.has_errors(), "{shape}");
        assert!(
            report
                .findings
                .iter()
                .all(|f| f.code == codes::INVALID_CAPTURE),
            "{shape}: {:?}",
            report.findings
        );
    }
    // Every prefix of every capture: findings, never a panic.
    let har = serde_json::to_string_pretty(&har()).unwrap();
    for capture in [transcript(), batch(), har] {
        let bytes = capture.as_bytes();
        for end in (0..bytes.len()).step_by(7) {
            let _ = check::check_bytes("cut", &bytes[..end]);
        }
    }
}

/// Fiddler archives (`.saz`), built here with the zip crate's writer.
#[cfg(feature = "fiddler")]
mod fiddler {
    use super::*;
    use ucwa_codec::check::payloads::{self, CaptureKind};
    use ucwa_codec::check::CheckOptions;
    use ucwa_codec::DecodeOptions;
    use zip::CompressionMethod::{Deflated, Stored};

    fn saz_of(sessions: &[(&str, String)], method: zip::CompressionMethod) -> Vec<u8> {
        let sessions: Vec<(&str, &str)> = sessions.iter().map(|(c, s)| (*c, s.as_str())).collect();
        zip_of(&saz_entries(&sessions), method)
    }

    fn messages(report: &Report) -> Vec<(&str, &str, &str)> {
        report
            .findings
            .iter()
            .map(|f| (f.payload.as_str(), f.code, f.message.as_str()))
            .collect()
    }

    /// A response whose body stops being JSON at line 7, column 11 of its entry.
    fn broken_response() -> String {
        response_of("{\n  \"rel\": \"me\",\n  \"name\": ,\n}")
    }

    #[test]
    fn a_clean_archive_checks_clean_stored_or_deflated() {
        let sessions = [
            (CREATE_APPLICATION, response_of(GOOD_PARTICIPANT)),
            (GET_INVITATION, response_of(GOOD_PARTICIPANT)),
        ];
        for method in [Stored, Deflated] {
            let bytes = saz_of(&sessions, method);
            let capture = payloads::extract("session.saz", &bytes);
            assert_eq!(capture.kind, CaptureKind::Saz);
            let labels: Vec<&str> = capture.payloads().map(|p| p.label.as_str()).collect();
            assert_eq!(labels, ["raw/01_c.txt", "raw/01_s.txt", "raw/02_s.txt"]);
            let report = check::check_bytes("session.saz", &bytes);
            assert_eq!(report.findings, [], "{method:?}");
            assert_eq!(report.payloads, 3);
        }
    }

    #[test]
    fn findings_stand_at_their_entry_and_line() {
        let report = check::check_bytes("session.saz", &saz());
        assert_eq!(
            found(&report),
            [
                (
                    "raw/02_s.txt",
                    codes::WRONG_CARDINALITY,
                    "_embedded.from",
                    None
                ),
                (
                    "raw/02_s.txt",
                    codes::WRONG_VALUE_TYPE,
                    "_embedded.from[0].organizer",
                    None
                ),
            ]
        );
        let sessions = [(GET_INVITATION, broken_response())];
        let report = check::check_bytes("session.saz", &saz_of(&sessions, Stored));
        assert_eq!(
            found(&report),
            [("raw/01_s.txt", codes::DECODE_ERROR, "name", Some(7))]
        );
        assert!(
            report.findings[0].message.ends_with("at line 7, column 11"),
            "{}",
            report.findings[0]
        );
        assert_eq!(report.findings[0].column, Some(11));
        // The line counts in the entry, not in the zip file: SARIF places the result in the
        // entry, an artifact nested in the archive.
        assert_eq!(report.findings[0].entry.as_deref(), Some("raw/01_s.txt"));
        let log = check::sarif::log(&report);
        let run = &log["runs"][0];
        assert_eq!(
            run["artifacts"],
            serde_json::json!([
                {"location": {"uri": "session.saz"}},
                {"location": {"uri": "raw/01_s.txt"}, "parentIndex": 0},
            ])
        );
        let physical = &run["results"][0]["locations"][0]["physicalLocation"];
        assert_eq!(
            physical["artifactLocation"],
            serde_json::json!({"uri": "raw/01_s.txt", "index": 1})
        );
        assert_eq!(
            physical["region"],
            serde_json::json!({"startLine": 7, "startColumn": 11})
        );
        // Elsewhere a line counts in the file itself.
        let transcript = format!("{GET_INVITATION}{}", broken_response());
        let report = check::check_bytes("session.http", transcript.as_bytes());
        assert_eq!(report.findings[0].entry, None);
        let log = check::sarif::log(&report);
        assert!(log["runs"][0].get("artifacts").is_none());
        assert_eq!(
            log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"],
            serde_json::json!({"uri": "session.http"})
        );
    }

    #[test]
    fn sessions_are_read_in_number_order_not_the_archive_s() {
        // Session 10 before session 9 in the archive, each response before its request, and
        // numbers that sort otherwise as text: session 9 comes first all the same.
        let entry = |name: &str, content: String| (name.to_owned(), content.into_bytes());
        let entries = [
            entry("raw/10_s.txt", response_of(GOOD_PARTICIPANT)),
            entry("raw/10_c.txt", CREATE_APPLICATION.to_owned()),
            entry("raw/9_s.txt", broken_response()),
            entry("raw/9_c.txt", GET_INVITATION.to_owned()),
        ];
        let bytes = zip_of(&entries, Deflated);
        let capture = payloads::extract("x.saz", &bytes);
        let labels: Vec<&str> = capture.payloads().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["raw/9_s.txt", "raw/10_c.txt", "raw/10_s.txt"]);
        let report = check::check_bytes("x.saz", &bytes);
        assert_eq!(
            found(&report),
            [("raw/9_s.txt", codes::DECODE_ERROR, "name", Some(7))]
        );
    }

    #[test]
    fn limits_are_kept_while_reading() {
        // Too many entries: 7 listed, 6 allowed, none read.
        let bytes = saz();
        let options = CheckOptions::new().with_max_entries(6);
        let report = check::check_bytes_with("x.saz", &bytes, &options);
        assert_eq!(
            messages(&report),
            [(
                "archive",
                codes::INVALID_CAPTURE,
                "the zip archive lists 7 entries, more than 6 (max_entries); none is read"
            )]
        );
        assert_eq!(report.payloads, 0);
        assert_eq!(
            check::check_bytes_with("x.saz", &bytes, &options.with_max_entries(7)).payloads,
            3
        );

        // In all, the entries may decompress to max_size: the second session crosses it.
        let big = GOOD_PARTICIPANT.replace("Joe Smith", &"a".repeat(3000));
        let sessions = [
            (GET_INVITATION, response_of(&big)),
            (GET_INVITATION, response_of(&big)),
        ];
        let options = CheckOptions::new().with_decode(DecodeOptions::new().with_max_size(6000));
        let report = check::check_bytes_with("x.saz", &saz_of(&sessions, Deflated), &options);
        assert_eq!(report.payloads, 1);
        assert_eq!(
            messages(&report),
            [(
                "raw/02_s.txt",
                codes::INVALID_CAPTURE,
                "the archive's entries decompress to more than 6000 bytes in all (max_size), \
                 at this one; it and the rest are not read"
            )]
        );
    }

    /// A deflated request `raw/01_c.txt` of some `real` bytes whose headers claim 100.
    fn bomb(real: usize) -> Vec<u8> {
        let request = format!(
            "POST /ucwa/v1/applications HTTP/1.1\r\nContent-Type: application/json\r\n\r\n\
             {{\"culture\": \"en-US\", \"userAgent\": \"{}\"}}",
            " ".repeat(real)
        );
        let entries = saz_entries(&[(&request, &response_of(GOOD_PARTICIPANT))]);
        let mut bytes = zip_of(&entries, Deflated);
        let size = u32::try_from(request.len()).unwrap().to_le_bytes();
        let claimed = 100u32.to_le_bytes();
        // The uncompressed size, in the local header (offset 22) and in the central
        // directory's (offset 24): every place it is written.
        let mut patched = 0;
        for (signature, offset) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
            let mut at = 0;
            while let Some(i) = memchr::memmem::find(&bytes[at..], signature) {
                let field = at + i + offset;
                if bytes[field..field + 4] == size {
                    bytes[field..field + 4].copy_from_slice(&claimed);
                    patched += 1;
                }
                at += i + 4;
            }
        }
        assert_eq!(patched, 2);
        bytes
    }

    #[test]
    fn an_entry_that_decompresses_past_what_it_claims() {
        let options =
            CheckOptions::new().with_decode(DecodeOptions::new().with_max_size(64 * 1024));
        let report = check::check_bytes_with("bomb.saz", &bomb(4 << 20), &options);
        assert_eq!(report.payloads, 0);
        let [finding] = &report.findings[..] else {
            panic!("{:?}", report.findings)
        };
        assert_eq!(
            (finding.payload.as_str(), finding.code),
            ("raw/01_c.txt", codes::INVALID_CAPTURE)
        );
        assert_eq!(
            finding.message,
            "the entry decompresses to more than 65536 bytes (max_size); it and the rest of \
             the archive are not read"
        );
        // Within max_size it is read whole: what its headers claim is neither trusted nor
        // needed.
        let report = check::check_bytes("bomb.saz", &bomb(1000));
        assert_eq!(report.payloads, 2);
        assert_eq!(messages(&report), []);
    }

    #[test]
    fn malformed_archives_are_findings_not_panics() {
        let bytes = saz();
        let report = check::check_bytes("cut.saz", &bytes[..bytes.len() / 2]);
        let [finding] = &report.findings[..] else {
            panic!("{:?}", report.findings)
        };
        assert_eq!(
            (finding.payload.as_str(), finding.code),
            ("archive", codes::INVALID_CAPTURE)
        );
        assert!(
            finding
                .message
                .starts_with("the zip archive does not read: "),
            "{finding}"
        );
        for end in (0..bytes.len()).step_by(7) {
            let _ = check::check_bytes("cut.saz", &bytes[..end]);
        }
        // A request without its response, an entry that is no HTTP message, a response
        // where the request belongs, an encoded body.
        let mut entries = saz_entries(&[
            (CREATE_APPLICATION, "not HTTP"),
            (&response_of(GOOD_PARTICIPANT), &response_of(GOOD_PARTICIPANT)),
            (GET_INVITATION, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"),
            (GET_INVITATION, ""),
        ]);
        entries.push((
            "raw/05_c.txt".to_owned(),
            GET_INVITATION.as_bytes().to_vec(),
        ));
        entries.push((
            "raw/6_s.txt".to_owned(),
            response_of(GOOD_PARTICIPANT).into_bytes(),
        ));
        entries.push(("raw/05_c.txt.bak".to_owned(), Vec::new()));
        entries.push(("raw/5_c.txt".to_owned(), Vec::new()));
        let report = check::check_bytes("x.saz", &zip_of(&entries, Stored));
        assert_eq!(
            messages(&report),
            [
                ("raw/5_c.txt", codes::INVALID_CAPTURE, "a second request of session 5, beside raw/05_c.txt; not read"),
                ("raw/01_s.txt", codes::INVALID_CAPTURE, "the entry is not an HTTP message: expected the response's status line at line 1, column 1"),
                ("raw/02_c.txt", codes::INVALID_CAPTURE, "the entry holds a response, where a session's _c.txt holds its request; read as it is"),
                ("raw/03_s.txt", codes::INVALID_CAPTURE, "the body is sent with `Transfer-Encoding: chunked`, not read: save the capture with its bodies decoded (in Fiddler, Remove All Encodings)"),
                ("raw/04_s.txt", codes::INVALID_CAPTURE, "the entry is empty: no HTTP response"),
                ("raw/05_s.txt", codes::INVALID_CAPTURE, "session 5 has a request (raw/05_c.txt) but no response"),
                ("raw/6_c.txt", codes::INVALID_CAPTURE, "session 6 has a response (raw/6_s.txt) but no request"),
            ]
        );
        // The good bodies are still checked: the request of session 1, both of session 2
        // (the response in the request's place read as it is), the response of session 6.
        assert_eq!(report.payloads, 4);
        // An entry compressed in a method this build does not read (bzip2, 12).
        let mut bzip2 = zip_of(&saz_entries(&[(GET_INVITATION, GOOD_PARTICIPANT)]), Stored);
        for (signature, offset) in [(b"PK\x03\x04", 8), (b"PK\x01\x02", 10)] {
            let mut at = 0;
            while let Some(i) = memchr::memmem::find(&bzip2[at..], signature) {
                bzip2[at + i + offset] = 12;
                at += i + 4;
            }
        }
        let report = check::check_bytes("x.saz", &bzip2);
        let found = messages(&report);
        assert!(
            found.len() == 2
                && found
                    .iter()
                    .all(|(_, code, message)| *code == codes::INVALID_CAPTURE
                        && message.starts_with("the entry does not read: ")),
            "{found:?}"
        );
        // A stored entry whose bytes changed: it fails its CRC, and the next is read.
        let mut changed = zip_of(
            &saz_entries(&[
                (GET_INVITATION, &response_of(GOOD_PARTICIPANT)),
                (CREATE_APPLICATION, &response_of(GOOD_PARTICIPANT)),
            ]),
            Stored,
        );
        let at = memchr::memmem::find(&changed, b"Joe Smith").unwrap();
        changed[at] = b'M';
        let report = check::check_bytes("x.saz", &changed);
        let found = messages(&report);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "raw/01_s.txt");
        assert!(
            found[0].2.starts_with("the entry does not read: "),
            "{found:?}"
        );
        assert_eq!(report.payloads, 2);
        // A zip without sessions, and a zip of nothing.
        let other = zip_of(&[("a.txt".to_owned(), b"hi".to_vec())], Deflated);
        let nothing = zip_of(&[], Stored);
        for bytes in [other, nothing] {
            assert_eq!(
                messages(&check::check_bytes("x.zip", &bytes)),
                [(
                    "archive",
                    codes::INVALID_CAPTURE,
                    "the zip archive holds no Fiddler session (no entry raw/NN_c.txt or \
                     raw/NN_s.txt): it is no .saz capture"
                )]
            );
        }
    }

    #[test]
    fn an_archive_without_payloads() {
        let sessions = [(GET_INVITATION, "HTTP/1.1 204 No Content\r\n\r\n".to_owned())];
        let report = check::check_bytes("x.saz", &saz_of(&sessions, Deflated));
        assert_eq!(
            messages(&report),
            [(
                "file",
                codes::NO_PAYLOAD,
                "no UCWA JSON or XML payload in the Fiddler archive: it holds no body"
            )]
        );
    }
}

/// Without the `fiddler` feature, a zip archive is a capture this build cannot read.
#[cfg(not(feature = "fiddler"))]
#[test]
fn a_fiddler_archive_needs_the_feature() {
    let report = check::check_bytes("x.saz", b"PK\x03\x04rest of a zip");
    assert_eq!(
        found(&report),
        [("archive", codes::INVALID_CAPTURE, "", None)]
    );
    assert!(report.findings[0].message.contains("`fiddler` feature"));
}
