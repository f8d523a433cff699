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
