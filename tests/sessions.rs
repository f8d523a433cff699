//! Captures read as sessions: sessions built from the reference's own request and response
//! samples, clean and with each violation the session rules find; each violation is reported
//! with its code and nothing else is.

#[macro_use]
mod common;

use ucwa_codec::check::{self, codes, Report};

/// One HTTP message of a transcript: its start line, its headers, its body.
fn message(start: &str, headers: &[&str], body: &[u8]) -> String {
    let mut text = format!("{start}\r\n");
    for header in headers {
        text.push_str(header);
        text.push_str("\r\n");
    }
    text.push_str("\r\n");
    text.push_str(std::str::from_utf8(body).expect("samples are UTF-8"));
    text.push_str("\r\n");
    text
}

const JSON: &str = "Content-Type: application/json";
const XML: &str = "Content-Type: application/xml";
const ME: &str = "/ucwa/v1/applications/192/me";
const NOTE: &str = "/ucwa/v1/applications/192/me/note";
const PRESENCE: &str = "/ucwa/v1/applications/192/me/presence";

/// GET me, then the presence and the note its links lead to: the reference's own samples.
fn clean_session() -> String {
    let sample = |name: &str| common::sample("valid", name);
    [
        message(
            &format!("GET {ME} HTTP/1.1"),
            &["Accept: application/json"],
            b"",
        ),
        message(
            "HTTP/1.1 200 OK",
            &[JSON],
            &sample("me.get.response.2.json"),
        ),
        message(
            &format!("GET {PRESENCE} HTTP/1.1"),
            &["Accept: application/json"],
            b"",
        ),
        message(
            "HTTP/1.1 200 OK",
            &[JSON],
            &sample("presence.get.response.4.json"),
        ),
        message(
            &format!("GET {NOTE} HTTP/1.1"),
            &["Accept: application/xml"],
            b"",
        ),
        message(
            "HTTP/1.1 200 OK",
            &[XML],
            &sample("note.get.response.2.xml"),
        ),
    ]
    .concat()
}

fn codes_of(report: &Report) -> Vec<(&str, &str)> {
    report
        .findings
        .iter()
        .map(|f| (f.payload.as_str(), f.code))
        .collect()
}

#[test]
fn a_documented_session_has_no_finding() {
    needs_reference!();
    let report = check::check_bytes("session.http", clean_session().as_bytes());
    assert_eq!(codes_of(&report), []);
    assert_eq!(report.payloads, 3);
}

#[test]
fn a_put_without_if_match_is_reported_and_nothing_else() {
    needs_reference!();
    let body = common::sample("valid", "callForwardingSettings.put.request.3.json");
    let put = |headers: &[&str]| {
        let start = format!("PUT {ME}/callForwardingSettings HTTP/1.1");
        clean_session() + &message(&start, headers, &body)
    };
    let report = check::check_bytes("session.http", put(&[JSON]).as_bytes());
    assert_eq!(codes_of(&report), [("message 7", codes::MISSING_IF_MATCH)]);
    assert_eq!(
        report.findings[0].line,
        Some(clean_session().lines().count() + 1)
    );
    let report = check::check_bytes("session.http", put(&[JSON, "If-Match: \"1\""]).as_bytes());
    assert_eq!(codes_of(&report), []);
}

#[test]
fn a_body_in_another_format_than_its_content_type_is_reported_once() {
    needs_reference!();
    let xml = common::sample("valid", "presence.get.response.5.xml");
    let session = [
        message(&format!("GET {PRESENCE} HTTP/1.1"), &[], b""),
        message("HTTP/1.1 200 OK", &[JSON], &xml),
    ]
    .concat();
    let report = check::check_bytes("session.http", session.as_bytes());
    assert_eq!(
        codes_of(&report),
        [("message 2", codes::CONTENT_TYPE_MISMATCH)]
    );
    assert!(
        report.findings[0].message.contains("the body is XML"),
        "{}",
        report.findings[0].message
    );
}

#[test]
fn a_response_of_another_type_than_its_link_leads_to_is_reported() {
    needs_reference!();
    let sample = |name: &str| common::sample("valid", name);
    // The link `presence` of `me` leads to the presence; the server answers with the note.
    let session = [
        message(&format!("GET {ME} HTTP/1.1"), &[], b""),
        message(
            "HTTP/1.1 200 OK",
            &[JSON],
            &sample("me.get.response.2.json"),
        ),
        message(&format!("GET {PRESENCE} HTTP/1.1"), &[], b""),
        message(
            "HTTP/1.1 200 OK",
            &[XML],
            &sample("note.get.response.2.xml"),
        ),
    ]
    .concat();
    let report = check::check_bytes("session.http", session.as_bytes());
    assert_eq!(
        codes_of(&report),
        [("message 4", codes::UNEXPECTED_RESOURCE_TYPE)]
    );
    let text = &report.findings[0].message;
    assert!(
        text.contains("`note`") && text.contains("`presence`"),
        "{text}"
    );
    // A URL no link led to is not held to any type.
    let session = [
        message(&format!("GET {PRESENCE} HTTP/1.1"), &[], b""),
        message(
            "HTTP/1.1 200 OK",
            &[XML],
            &sample("note.get.response.2.xml"),
        ),
    ]
    .concat();
    assert_eq!(
        codes_of(&check::check_bytes("s.http", session.as_bytes())),
        []
    );
}

#[test]
fn har_entries_are_read_as_a_session() {
    needs_reference!();
    let me = String::from_utf8(common::sample("valid", "me.get.response.2.json")).unwrap();
    let note = String::from_utf8(common::sample("valid", "note.get.response.1.json")).unwrap();
    let entry = |method: &str, url: &str, status: u16, body: &str| {
        serde_json::json!({
            "request": {"method": method, "url": url, "headers": []},
            "response": {
                "status": status,
                "headers": [{"name": "Content-Type", "value": "application/json"}],
                "content": {"mimeType": "application/json", "text": body}
            }
        })
    };
    let har = serde_json::json!({"log": {"entries": [
        entry("GET", &format!("https://host{ME}"), 200, &me),
        entry("GET", &format!("https://host{PRESENCE}"), 200, &note),
        entry("PUT", &format!("https://host{NOTE}"), 204, ""),
    ]}});
    let report = check::check_bytes("s.har", har.to_string().as_bytes());
    assert_eq!(
        codes_of(&report),
        [
            ("entry 2 response", codes::UNEXPECTED_RESOURCE_TYPE),
            ("entry 3 request", codes::MISSING_IF_MATCH),
        ]
    );
}
