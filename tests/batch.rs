//! Batches: the documented batch requests and responses (rebuilt from the reference page and
//! the two invalid samples, which are batch bodies printed as if they were JSON or XML),
//! conversion both ways, and malformed batches.

#[macro_use]
mod common;

use common::{reference, sample};
use proptest::prelude::*;
use ucwa_codec::batch::{self, Batch, HttpMessage, LineEnd, Part, StartLine};
use ucwa_codec::document::{Document, DocumentKind};
use ucwa_codec::{diff, ErrorKind, Format, Resource};

const RESPONSE_TYPE: &str = "multipart/batching; boundary=\"0cac9abd\"";

/// The head of the first part, which the printed samples lack.
fn first_part_head(eol: &str, content_type: &str) -> String {
    [
        "--0cac9abd",
        "Content-Type: application/http; msgtype=response",
        "",
        "HTTP/1.1 200 OK",
        "Cache-Control: no-cache",
        &format!("Content-Type: {content_type}"),
        "",
        "",
    ]
    .join(eol)
}

/// Undoes the documentation's mangling of a batch printed with `<BR>` for its line breaks:
/// CRLF for `<BR>`, no blank before a header's colon, the spaces of start lines put back.
fn unmangle(text: &str) -> String {
    let mut out = text.replace("<BR>", "\r\n");
    for name in [
        "Content-Type",
        "Content-Length",
        "Cache-Control",
        "Accept",
        "Host",
    ] {
        out = out.replace(&format!("{name} : "), &format!("{name}: "));
    }
    out = out.replace("HTTP/1.1200OK", "HTTP/1.1 200 OK");
    out = out.replace("GET/ucwa/", "GET /ucwa/");
    out.replace("policiesHTTP/1.1", "policies HTTP/1.1")
        .replace("phonesHTTP/1.1", "phones HTTP/1.1")
}

/// The XML response batch: `batch.post.response.2.xml` is its body without the first part's
/// boundary line and heads.
fn xml_response_body() -> Vec<u8> {
    let printed = sample("invalid", "batch.post.response.2.xml");
    let mut body = first_part_head(
        "\n",
        "application/vnd.microsoft.com.ucwa+xml; charset=utf-8",
    )
    .into_bytes();
    body.extend_from_slice(&printed);
    body
}

/// The JSON response batch: `batch.post.response.1.json`, `<BR>` for its line breaks, is its
/// body without the first part's boundary line and heads.
fn json_response_body() -> Vec<u8> {
    let printed = String::from_utf8(sample("invalid", "batch.post.response.1.json")).unwrap();
    let mut body = first_part_head(
        "\r\n",
        "application/vnd.microsoft.com.ucwa+json;charset=utf-8",
    );
    body.push_str(&unmangle(&printed));
    body.into_bytes()
}

/// A code block of `batch_ref.md`, by the heading before it.
fn reference_example(heading: &str) -> String {
    let page = reference("batch_ref.md");
    let at = page
        .find(&format!("#### {heading}"))
        .unwrap_or_else(|| panic!("no `{heading}` in batch_ref.md"));
    let rest = &page[at..];
    let open = rest.find("```\n").expect("a code block") + 4;
    let close = rest[open..].find("\n```").expect("its end") + open;
    format!("{}\n", &rest[open..close])
}

/// A whole HTTP message from the reference page; the printed requests lack the blank line
/// between the headers and the batch.
fn reference_message(heading: &str, boundary: &str) -> Vec<u8> {
    let mut text = unmangle(&reference_example(heading));
    let head_end = text.find("\n\n").unwrap_or(usize::MAX);
    let first = text
        .find(&format!("\n--{boundary}"))
        .expect("a boundary line");
    if first < head_end {
        text.insert(first, '\n');
    }
    text.into_bytes()
}

fn resources(batch: &Batch) -> Vec<&Resource> {
    batch
        .documents()
        .map(|doc| doc.and_then(Document::as_resource).expect("a resource"))
        .collect()
}

fn same_meaning(a: &Batch, b: &Batch) {
    let (a, b) = (resources(a), resources(b));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(diff(x, y), vec![], "{x:?}\n{y:?}");
    }
}

#[test]
fn the_printed_samples_are_refused_as_they_are() {
    needs_reference!();
    // As a batch: the first part's boundary line is missing.
    let xml = sample("invalid", "batch.post.response.2.xml");
    let err = Batch::parse(&xml, Some(RESPONSE_TYPE)).unwrap_err();
    assert_eq!((err.line(), err.column()), (1, 1), "{err}");
    assert_eq!(err.kind(), ErrorKind::Structure);
    let json = sample("invalid", "batch.post.response.1.json");
    let err = Batch::parse(&json, Some(RESPONSE_TYPE)).unwrap_err();
    assert_eq!((err.line(), err.column()), (1, 1), "{err}");
    // With its head back but its `<BR>`s left, the second part fails where it starts.
    let mut mangled = first_part_head("\r\n", "application/json").into_bytes();
    mangled.extend_from_slice(&json);
    let err = Batch::parse(&mangled, None).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Eof, "{err}");
    assert_eq!(err.line(), mangled.split(|&b| b == b'\n').count(), "{err}");
}

#[test]
fn the_xml_response_reads_and_writes_back_exactly() {
    needs_reference!();
    let body = xml_response_body();
    let batch = Batch::parse(&body, Some(RESPONSE_TYPE)).unwrap();
    assert_eq!(batch.boundary, "0cac9abd");
    assert_eq!(batch.line_end, LineEnd::Lf);
    assert_eq!(batch.parts.len(), 2);
    for part in &batch.parts {
        assert_eq!(
            part.header("content-type"),
            Some("application/http; msgtype=response")
        );
        assert!(matches!(
            part.message.start_line,
            StartLine::Response { status: 200, .. }
        ));
    }
    let found = resources(&batch);
    assert_eq!(found[0].type_name(), Some("policies"));
    assert_eq!(found[1].embedded_of("phone").len(), 4);
    assert_eq!(batch.to_vec().unwrap(), body);
    // Without the Content-Type, the boundary comes from the first line.
    assert_eq!(Batch::parse(&body, None).unwrap(), batch);
}

#[test]
fn the_json_response_reads_and_writes_back_exactly() {
    needs_reference!();
    let body = json_response_body();
    let batch = Batch::parse(&body, Some(RESPONSE_TYPE)).unwrap();
    assert_eq!(batch.line_end, LineEnd::CrLf);
    let found = resources(&batch);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].type_name(), Some("policies"));
    assert_eq!(found[1].type_name(), Some("phones"));
    assert_eq!(batch.to_vec().unwrap(), body);
}

#[test]
fn responses_convert_both_ways() {
    needs_reference!();
    for (body, from) in [
        (xml_response_body(), Format::Xml),
        (json_response_body(), Format::Json),
    ] {
        let original = Batch::parse(&body, None).unwrap();
        let to = from.other();
        let converted = batch::convert(&body, Some(RESPONSE_TYPE), to).unwrap();
        let converted_batch = Batch::parse(&converted, Some(RESPONSE_TYPE)).unwrap();
        for part in &converted_batch.parts {
            let content_type = part.message.header("Content-Type").unwrap();
            assert_eq!(ucwa_codec::media_type::format_of(content_type), Some(to));
            assert!(content_type.contains("charset=utf-8"), "{content_type}");
        }
        same_meaning(&original, &converted_batch);
        // And back, pretty this time. (XML does not carry JSON's types: compare each step
        // with its XML side.)
        let back = batch::convert_pretty(&converted, None, from).unwrap();
        let back_batch = Batch::parse(&back, None).unwrap();
        same_meaning(&converted_batch, &back_batch);
    }
}

#[test]
fn the_documented_requests_read_as_whole_messages() {
    needs_reference!();
    for (heading, accept) in [
        ("XML Request", "application/vnd.microsoft.com.ucwa+xml"),
        ("JSON Request", "application/vnd.microsoft.com.ucwa+json"),
    ] {
        let message = reference_message(heading, "EA370946");
        let (head, batch) = batch::parse_message(&message).unwrap();
        assert!(
            matches!(&head.start_line, StartLine::Request { method, .. } if method == "Post"),
            "{heading}"
        );
        assert_eq!(batch.boundary, "EA370946");
        assert_eq!(batch.parts.len(), 2, "{heading}");
        let targets: Vec<&str> = batch
            .parts
            .iter()
            .map(|p| match &p.message.start_line {
                StartLine::Request { target, .. } => target.as_str(),
                StartLine::Response { .. } => panic!("a request"),
            })
            .collect();
        assert_eq!(
            targets,
            [
                "/ucwa/v1/applications/11540713861/policies",
                "/ucwa/v1/applications/11540713861/me/phones"
            ]
        );
        for part in &batch.parts {
            assert_eq!(part.message.header("Accept"), Some(accept));
            assert!(part.message.document.is_none());
        }
        // Nothing to convert in GET requests: only the length of the whole is rewritten.
        let converted = batch::convert(&message, None, Format::Json).unwrap();
        let (head2, batch2) = batch::parse_message(&converted).unwrap();
        assert_eq!(batch2, batch);
        assert_eq!(
            head2.header("Content-Length"),
            Some(batch.to_vec().unwrap().len().to_string().as_str())
        );
    }
}

#[test]
fn the_documented_responses_convert_as_whole_messages() {
    needs_reference!();
    for (heading, to) in [
        ("XML Response", Format::Json),
        ("JSON Response", Format::Xml),
    ] {
        let message = reference_message(heading, "0cac9abd");
        let (_, original) = batch::parse_message(&message).unwrap();
        assert_eq!(original.parts.len(), 2, "{heading}");
        let converted = batch::convert(&message, None, to).unwrap();
        let (head, converted_batch) = batch::parse_message(&converted).unwrap();
        assert!(matches!(
            head.start_line,
            StartLine::Response { status: 200, .. }
        ));
        let body_length = converted_batch.to_vec().unwrap().len();
        assert_eq!(
            head.header("Content-Length"),
            Some(body_length.to_string().as_str()),
            "{heading}"
        );
        same_meaning(&original, &converted_batch);
    }
}

#[test]
fn a_batch_built_in_code_round_trips_and_converts() {
    let mut post = HttpMessage::new(StartLine::Request {
        method: "POST".into(),
        target: "/ucwa/v1/applications/1/communication/messagingInvitations".into(),
        version: 1,
    });
    post.set_header("Content-Type", "application/json");
    post.set_header("Content-Length", "0");
    let mut input = Resource::default();
    input.push_property("to", "sip:jdoe@contoso.com");
    input.push_property("operationId", "5f3b");
    post.set_document(Document::Resource(input), Format::Json, false)
        .unwrap();
    let mut error = HttpMessage::new(StartLine::Response {
        version: 1,
        status: 409,
        reason: "Conflict".into(),
    });
    let body = ucwa_codec::ErrorBody::new("Conflict").with_subcode("AlreadyExists");
    error
        .set_document(Document::Error(body), Format::Json, true)
        .unwrap();
    let mut built = Batch::new("b0undary");
    built.parts.push(Part::new(post));
    let mut part = Part::new(error);
    part.headers.push(batch::Header::new("Content-Length", "1"));
    built.parts.push(part);

    let bytes = built.to_vec().unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.starts_with(
            "--b0undary\r\nContent-Type: application/http; msgtype=request\r\n\r\nPOST "
        ),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "Content-Length: {}\r\n",
            built.parts[0].message.body.len()
        )),
        "{text}"
    );
    let parsed = Batch::parse(&bytes, Some(&built.content_type())).unwrap();
    assert_eq!(parsed.to_vec().unwrap(), bytes);
    assert_eq!(parsed.parts.len(), 2);
    assert_eq!(parsed.parts[0].headers, built.parts[0].headers);
    assert_eq!(
        parsed.parts[1].message.headers,
        built.parts[1].message.headers
    );

    let xml = batch::convert(&bytes, None, Format::Xml).unwrap();
    let parsed = Batch::parse(&xml, None).unwrap();
    let post = &parsed.parts[0].message;
    assert_eq!(post.header("Content-Type"), Some("application/xml"));
    assert_eq!(
        post.header("Content-Length"),
        Some(post.body.len().to_string().as_str())
    );
    assert!(post.body.starts_with(b"<?xml"));
    let error = &parsed.parts[1];
    assert_eq!(
        error.message.document.as_ref().unwrap().kind(),
        DocumentKind::Error
    );
    assert_eq!(
        error.header("Content-Length"),
        Some(error.message.to_vec().len().to_string().as_str())
    );
}

#[test]
fn a_byte_order_mark_before_a_body_is_tolerated() {
    let body = "--b\nContent-Type: application/http; msgtype=response\n\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n\u{FEFF}{\"rel\": \"me\"}\n--b--\n";
    let batch = Batch::parse(body.as_bytes(), None).unwrap();
    let me = batch.parts[0].message.document.as_ref().unwrap();
    assert_eq!(me.as_resource().unwrap().type_name(), Some("me"));
    assert_eq!(batch.to_vec().unwrap(), body.as_bytes());
    // An error after it is placed in the whole batch, characters counted.
    let bad = body.replace("{\"rel\": \"me\"}", "{\"rel\": 4}");
    let parsed = Batch::parse(bad.as_bytes(), None).unwrap();
    let err = parsed.errors().next().unwrap();
    assert_eq!((err.line(), err.column(), err.path()), (7, 10, "rel"));
    assert!(err.message().starts_with("part 1: "), "{err}");
}

#[test]
fn malformed_batches_name_the_part_and_the_place() {
    needs_reference!();
    let part = |start: &str, body: &str| {
        format!("Content-Type: application/http; msgtype=response\r\n\r\n{start}\r\nContent-Type: application/vnd.microsoft.com.ucwa+json\r\n\r\n{body}")
    };
    let good = part("HTTP/1.1 200 OK", "{\"rel\":\"me\"}");
    let batch_of = |parts: &[String]| {
        let mut out = String::new();
        for p in parts {
            out.push_str("--b\r\n");
            out.push_str(p);
            out.push_str("\r\n");
        }
        out.push_str("--b--\r\n");
        out
    };
    // (input, line, column, message start, kind)
    let cases: Vec<(String, usize, usize, &str, ErrorKind)> = vec![
        (
            batch_of(&[good.clone(), part("HTTP/1.1 2x0 OK", "{}")]),
            11,
            1,
            "part 2: invalid response line",
            ErrorKind::Syntax,
        ),
        (
            batch_of(&[good.clone(), part("HTTP/1.1 200 OK", "{\"rel\":\n  [}")]),
            15,
            4,
            "part 2: ",
            ErrorKind::Syntax,
        ),
        (
            batch_of(&[good.clone(), "HTTP/1.1 200 OK\r\n\r\n".into()]),
            9,
            1,
            "part 2: invalid part header",
            ErrorKind::Syntax,
        ),
        (
            batch_of(&[good.clone(), String::new()]),
            9,
            1,
            "part 2: the part is empty",
            ErrorKind::Structure,
        ),
        (
            batch_of(&[
                good.clone(),
                "Content-Type : application/http\r\n\r\nHTTP/1.1 200 OK\r\n".into(),
            ]),
            9,
            1,
            "part 2: invalid part header",
            ErrorKind::Syntax,
        ),
        (
            format!("--b\r\n{good}\r\n--b\r\n"),
            9,
            1,
            "unexpected end of input",
            ErrorKind::Eof,
        ),
        (
            format!("\r\n{good}"),
            2,
            1,
            "a batch body starts",
            ErrorKind::Structure,
        ),
        (String::new(), 1, 1, "a batch body starts", ErrorKind::Eof),
    ];
    for (input, line, column, message, kind) in &cases {
        // A body that does not decode is its part's error; the others, the batch's.
        let err = match Batch::parse(input.as_bytes(), None) {
            Ok(batch) => batch.errors().next().cloned().expect(input),
            Err(err) => err,
        };
        assert_eq!(
            (err.line(), err.column(), err.kind()),
            (*line, *column, *kind),
            "{err}\n{input}"
        );
        assert!(err.message().starts_with(message), "{err}");
    }
    // A Content-Type that names no boundary, or no batch.
    let body = batch_of(&[good]);
    for content_type in ["multipart/batching", "application/json", "nonsense"] {
        let err = Batch::parse(body.as_bytes(), Some(content_type)).unwrap_err();
        assert!(err.message().contains(content_type), "{err}");
    }
    // A whole message that is no batch.
    let err = batch::convert(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}",
        None,
        Format::Xml,
    )
    .unwrap_err();
    assert!(err.message().contains("application/json"), "{err}");
    assert_eq!(err.line(), 1);
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = Batch::parse(&bytes, None);
        let _ = Batch::parse(&bytes, Some(RESPONSE_TYPE));
        let _ = batch::parse_message(&bytes);
        let _ = batch::convert(&bytes, None, Format::Xml);
    }

    #[test]
    fn truncated_batches_are_refused_with_a_position(cut in 0usize..3000) {
        if common::docs_dir().is_none() {
            return Ok(());
        }
        let body = json_response_body();
        // Short of the closing boundary line's last dash.
        let cut = cut.min(body.len() - 3);
        let err = Batch::parse(&body[..cut], Some(RESPONSE_TYPE)).unwrap_err();
        prop_assert!(err.position().is_some(), "{}", err);
    }
}

/// A body whose text holds the batch's boundary line, as JSON can carry it in a string.
const SMUGGLER: &str = "--b\nContent-Type: application/http; msgtype=response\n\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"rel\":\"x\",\"note\":\"a\\n--b\\nContent-Type: application/http; msgtype=response\\n\\nHTTP/1.1 200 OK\\nContent-Type: application/json\\n\\n{\\\"rel\\\":\\\"injected\\\",\\\"_links\\\":{\\\"self\\\":{\\\"href\\\":\\\"/evil\\\"}}}\",\"_links\":{\"self\":{\"href\":\"/x\"}}}\n--b--\n";

#[test]
fn a_body_holding_the_boundary_line_smuggles_no_part_through_a_conversion() {
    use ucwa_codec::convert::ConvertOptions;
    let original = Batch::parse(SMUGGLER.as_bytes(), None).unwrap();
    assert_eq!(original.parts.len(), 1);
    for to in [Format::Xml, Format::Json] {
        let mut batch = original.clone();
        assert_eq!(batch.convert(to, &ConvertOptions::default()).errors, vec![]);
        let written = batch.to_vec().unwrap();
        let again = Batch::parse(&written, None).unwrap();
        assert_eq!(
            again.parts.len(),
            1,
            "{}",
            String::from_utf8_lossy(&written)
        );
        let note = |b: &Batch| {
            b.parts[0]
                .message
                .document
                .as_ref()
                .unwrap()
                .as_resource()
                .unwrap()
                .property("note")
                .cloned()
        };
        assert_eq!(
            note(&again).and_then(|v| v.as_str().map(str::to_owned)),
            note(&original).and_then(|v| v.as_str().map(str::to_owned))
        );
        // XML -> XML too, where the line feed came as `&#10;`.
        let mut twice = again.clone();
        twice.convert(Format::Xml, &ConvertOptions::default());
        assert_eq!(
            Batch::parse(&twice.to_vec().unwrap(), None)
                .unwrap()
                .parts
                .len(),
            1
        );
    }
    // The command says nothing is wrong, and writes one part.
    let xml = batch::convert(SMUGGLER.as_bytes(), None, Format::Xml).unwrap();
    assert_eq!(Batch::parse(&xml, None).unwrap().parts.len(), 1);
    assert!(!String::from_utf8(xml)
        .unwrap()
        .contains("\n--b\nContent-Type"));
}

#[test]
fn a_hand_built_part_that_holds_its_boundary_line_is_refused() {
    let mut built = Batch::new("b");
    let mut message = batch::HttpMessage::new(batch::StartLine::Response {
        version: 1,
        status: 200,
        reason: "OK".into(),
    });
    message.body = b"text\r\n--b\r\nmore".to_vec();
    built.parts.push(batch::Part::new(message.clone()));
    let err = built.to_vec().unwrap_err();
    assert_eq!(err.kind(), ucwa_codec::ErrorKind::Unrepresentable);
    assert!(
        err.message().starts_with("part 1: a line of the part is"),
        "{err}"
    );
    // A header with a line end in it, likewise.
    message.body.clear();
    message.set_header("X-Note", "a\r\n--b");
    built.parts[0] = batch::Part::new(message);
    let err = built.to_vec().unwrap_err();
    assert!(err.message().contains("`X-Note` holds a line end"), "{err}");
}
