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

/// [`codes_of`], without the warning the reference's own `communication` sample raises (a
/// value its Members tables lack), which every session below starting with it has.
fn codes_after_communication(report: &Report) -> Vec<(&str, &str)> {
    let mut found = codes_of(report);
    let sample = ("message 2", codes::BAD_ENUMERATION_VALUE);
    assert_eq!(found.first(), Some(&sample));
    found.remove(0);
    found
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

/// The same session in a Fiddler archive: the finding stands at the line of the request's
/// entry, the entry named.
#[cfg(feature = "fiddler")]
#[test]
fn a_fiddler_archive_is_read_as_a_session() {
    needs_reference!();
    let sample = |name: &str| common::sample("valid", name);
    let get_me = message(
        &format!("GET {ME} HTTP/1.1"),
        &["Accept: application/json"],
        b"",
    );
    let me = message(
        "HTTP/1.1 200 OK",
        &[JSON],
        &sample("me.get.response.2.json"),
    );
    let body = sample("callForwardingSettings.put.request.3.json");
    let put = message(
        &format!("PUT {ME}/callForwardingSettings HTTP/1.1"),
        &[JSON],
        &body,
    );
    let done = message("HTTP/1.1 204 No Content", &[], b"");
    let sessions = [(get_me.as_str(), me.as_str()), (&put, &done)];
    let entries = common::captures::saz_entries(&sessions);
    let saz = common::captures::zip_of(&entries, zip::CompressionMethod::Deflated);
    let report = check::check_bytes("session.saz", &saz);
    assert_eq!(
        codes_of(&report),
        [("raw/02_c.txt", codes::MISSING_IF_MATCH)]
    );
    assert_eq!(report.findings[0].line, Some(1));
    assert_eq!(report.findings[0].entry.as_deref(), Some("raw/02_c.txt"));
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
    let put = String::from_utf8(common::sample(
        "valid",
        "callForwardingSettings.put.request.3.json",
    ))
    .unwrap();
    let entry = |method: &str, url: &str, status: u16, body: &str| {
        let request_body = if method == "PUT" { put.as_str() } else { "" };
        serde_json::json!({
            "request": {
                "method": method, "url": url, "headers": [],
                "postData": {"mimeType": "application/json", "text": request_body}
            },
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
        entry("PUT", &format!("https://host{ME}/callForwardingSettings"), 204, ""),
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

const COMMUNICATION: &str = "/ucwa/v1/applications/192/communication";
const START_MESSAGING: &str = "/ucwa/v1/applications/192/communication/startMessaging";

/// GET communication, whose links lead to startMessaging, then `then`.
fn after_communication(then: &[String]) -> String {
    let communication = common::sample("valid", "communication.get.response.2.json");
    let mut text = message(&format!("GET {COMMUNICATION} HTTP/1.1"), &[], b"")
        + &message("HTTP/1.1 200 OK", &[JSON], &communication);
    for part in then {
        text.push_str(part);
    }
    text
}

#[test]
fn a_method_the_page_does_not_document_is_reported() {
    needs_reference!();
    let session = clean_session() + &message(&format!("DELETE {ME} HTTP/1.1"), &[], b"");
    let report = check::check_bytes("s.http", session.as_bytes());
    assert_eq!(
        codes_of(&report),
        [("message 7", codes::UNDOCUMENTED_OPERATION)]
    );
    assert!(
        report.findings[0].message.contains("no DELETE on `me`"),
        "{}",
        report.findings[0].message
    );
}

#[test]
fn request_fields_are_held_to_the_operation() {
    needs_reference!();
    let post = |body: &str| {
        after_communication(&[message(
            &format!("POST {START_MESSAGING} HTTP/1.1"),
            &[JSON],
            body.as_bytes(),
        )])
    };
    let clean = post(
        r#"{"to": "sip:jane@contoso.com", "subject": "Hi", "importance": "Normal", "operationId": "1"}"#,
    );
    assert_eq!(
        codes_after_communication(&check::check_bytes("s.http", clean.as_bytes())),
        []
    );
    let report = check::check_bytes("s.http", post(r#"{"subject": "Hi"}"#).as_bytes());
    assert_eq!(
        codes_after_communication(&report),
        [("message 3", codes::MISSING_REQUIRED_FIELD)]
    );
    assert_eq!(report.findings.last().unwrap().path, "to");
    let long = "x".repeat(251);
    let body = format!(r#"{{"to": "sip:jane@contoso.com", "subject": "{long}"}}"#);
    let report = check::check_bytes("s.http", post(&body).as_bytes());
    assert_eq!(
        codes_after_communication(&report),
        [("message 3", codes::VALUE_TOO_LONG)]
    );
    assert!(report
        .findings
        .last()
        .unwrap()
        .message
        .contains("251 characters"));
    let body = r#"{"to": "sip:jane@contoso.com", "importance": "High"}"#;
    let report = check::check_bytes("s.http", post(body).as_bytes());
    assert_eq!(
        codes_after_communication(&report),
        [("message 3", codes::BAD_ENUMERATION_VALUE)]
    );
    assert!(report
        .findings
        .last()
        .unwrap()
        .message
        .contains("Importance"));
}

#[test]
fn an_error_neither_documented_nor_generic_is_reported() {
    needs_reference!();
    let answer = |body: &str| {
        after_communication(&[
            message(
                &format!("POST {START_MESSAGING} HTTP/1.1"),
                &[JSON],
                br#"{"to": "sip:jane@contoso.com"}"#,
            ),
            message("HTTP/1.1 409 Conflict", &[JSON], body.as_bytes()),
        ])
    };
    let documented = answer(r#"{"code": "Conflict", "subcode": "AlreadyExists"}"#);
    assert_eq!(
        codes_after_communication(&check::check_bytes("s.http", documented.as_bytes())),
        []
    );
    let report = check::check_bytes(
        "s.http",
        answer(r#"{"code": "Conflict", "subcode": "Whatever"}"#).as_bytes(),
    );
    assert_eq!(
        codes_after_communication(&report),
        [("message 4", codes::UNDOCUMENTED_ERROR)]
    );
    assert!(report
        .findings
        .last()
        .unwrap()
        .message
        .contains("409 Conflict (Whatever)"));
}

/// A JWT (unsigned: the check reads, it verifies nothing) with these scopes.
fn bearer(scopes: &str) -> String {
    use base64::Engine as _;
    let encode = |json: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
    let header = encode(r#"{"alg":"none","typ":"JWT"}"#);
    let claims = encode(&format!(r#"{{"scp":"{scopes}","aud":"x"}}"#));
    format!("Authorization: Bearer {header}.{claims}.")
}

#[test]
fn a_token_without_the_pages_scopes_is_reported() {
    needs_reference!();
    let get = |scopes: &str| {
        let me = common::sample("valid", "me.get.response.2.json");
        [
            message(&format!("GET {ME} HTTP/1.1"), &[], b""),
            message("HTTP/1.1 200 OK", &[JSON], &me),
            message(&format!("GET {PRESENCE} HTTP/1.1"), &[&bearer(scopes)], b""),
        ]
        .concat()
    };
    assert_eq!(
        codes_of(&check::check_bytes(
            "s.http",
            get("openid User.ReadWrite").as_bytes()
        )),
        []
    );
    let report = check::check_bytes("s.http", get("Contacts.Read").as_bytes());
    assert_eq!(codes_of(&report), [("message 3", codes::MISSING_SCOPE)]);
}

#[test]
fn the_references_own_events_are_documented_and_others_are_not() {
    needs_reference!();
    // Every documented events sample, as a response of the event channel: no finding of the
    // session's.
    for (name, bytes) in
        common::samples_where("valid", |n| n.contains(".event.") && n.ends_with(".json"))
    {
        let session = message("HTTP/1.1 200 OK", &[JSON], &bytes);
        let report = check::check_bytes(&name, session.as_bytes());
        let session_codes: Vec<_> = codes_of(&report)
            .into_iter()
            .filter(|(_, code)| *code == codes::UNDOCUMENTED_EVENT)
            .collect();
        assert_eq!(session_codes, [], "{name}");
    }
    let events = r#"{"_links": {"self": {"href": "/e?ack=1"}, "next": {"href": "/e?ack=2"}},
        "sender": [{"rel": "communication", "href": "/c", "events": [
            {"link": {"rel": "communication", "href": "/c"}, "type": "deleted"}]}]}"#;
    let report = check::check_bytes(
        "e.http",
        message("HTTP/1.1 200 OK", &[JSON], events.as_bytes()).as_bytes(),
    );
    assert_eq!(
        codes_of(&report),
        [("message 1", codes::UNDOCUMENTED_EVENT)]
    );
    assert_eq!(report.findings[0].path, "sender[0].events[0]");
}

/// A batch body (boundary `b`) of HTTP messages, each a part of `msgtype` request or
/// response as its start line says.
fn batch(parts: &[String]) -> Vec<u8> {
    let mut body = String::new();
    for part in parts {
        let msgtype = if part.starts_with("HTTP/") {
            "response"
        } else {
            "request"
        };
        body.push_str(&format!(
            "--b\r\nContent-Type: application/http; msgtype={msgtype}\r\n\r\n{part}"
        ));
    }
    body.push_str("--b--");
    body.into_bytes()
}

/// GET the application, then one batch of two GETs (its parts `requests`, whose URLs the
/// application's links lead to) and the batch of their responses (`responses`).
fn batch_session(requests: &[String], responses: &[String]) -> String {
    let sample = |name: &str| common::sample("valid", name);
    let batching = "Content-Type: multipart/batching; boundary=b";
    [
        message("GET /ucwa/v1/applications/192 HTTP/1.1", &[], b""),
        message(
            "HTTP/1.1 200 OK",
            &[JSON],
            &sample("application.get.response.1.json"),
        ),
        message(
            "POST /ucwa/v1/applications/192/batch HTTP/1.1",
            &[batching],
            &batch(requests),
        ),
        message("HTTP/1.1 200 OK", &[batching], &batch(responses)),
    ]
    .concat()
}

#[test]
fn the_parts_of_a_batch_are_exchanges_of_the_session() {
    needs_reference!();
    let sample = |name: &str| common::sample("valid", name);
    let get = |url: &str| message(&format!("GET {url} HTTP/1.1"), &[], b"");
    let ok = |name: &str| message("HTTP/1.1 200 OK", &[JSON], &sample(name));
    let requests = [get(ME), get(NOTE)];
    let clean = batch_session(
        &requests,
        &[ok("me.get.response.2.json"), ok("note.get.response.1.json")],
    );
    let report = check::check_bytes("batch.http", clean.as_bytes());
    assert_eq!(codes_after_communication(&report), []);
    assert_eq!(report.payloads, 3);

    // The second part answers the note with the presence: reported at that part's start line.
    let wrong = batch_session(
        &requests,
        &[
            ok("me.get.response.2.json"),
            ok("presence.get.response.4.json"),
        ],
    );
    let report = check::check_bytes("batch.http", wrong.as_bytes());
    assert_eq!(
        codes_after_communication(&report),
        [("message 4 part 2", codes::UNEXPECTED_RESOURCE_TYPE)]
    );
    let finding = &report.findings[1];
    let start_line = wrong
        .lines()
        .enumerate()
        .filter(|(_, line)| *line == "HTTP/1.1 200 OK")
        .map(|(index, _)| index + 1)
        .last();
    assert_eq!(finding.line, start_line);
    assert!(finding.message.contains("`note`"), "{}", finding.message);

    // A part's request is held to its page's operations.
    let delete = message(&format!("DELETE {ME} HTTP/1.1"), &[], b"");
    let session = batch_session(
        &[delete, get(NOTE)],
        &[ok("me.get.response.2.json"), ok("note.get.response.1.json")],
    );
    let report = check::check_bytes("batch.http", session.as_bytes());
    assert_eq!(
        codes_after_communication(&report),
        [("message 3 part 1", codes::UNDOCUMENTED_OPERATION)]
    );
}
