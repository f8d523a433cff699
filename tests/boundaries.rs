//! The library at its boundaries: typed decoders given a document of another kind, request
//! bodies made from resources, and encoding in a format chosen at run time.

#[macro_use]
mod common;

use common::samples_where;
use ucwa_codec::document::{self, Document, DocumentKind};
use ucwa_codec::{json, xml, Format};
use ucwa_codec::{ErrorBody, Events, Metadata, Resource};

/// What a document's own codec module writes, in `format`.
fn own_codec(doc: &Document, format: Format, pretty: bool) -> ucwa_codec::Result<Vec<u8>> {
    match (doc, format, pretty) {
        (Document::Resource(r), Format::Json, false) => json::to_vec(r),
        (Document::Resource(r), Format::Json, true) => json::to_vec_pretty(r),
        (Document::Resource(r), Format::Xml, false) => xml::to_vec(r),
        (Document::Resource(r), Format::Xml, true) => xml::to_vec_pretty(r),
        (Document::Events(e), Format::Json, false) => json::to_vec(e),
        (Document::Events(e), Format::Json, true) => json::to_vec_pretty(e),
        (Document::Events(e), Format::Xml, false) => xml::to_vec(e),
        (Document::Events(e), Format::Xml, true) => xml::to_vec_pretty(e),
        (Document::Error(b), Format::Json, false) => json::to_vec(b),
        (Document::Error(b), Format::Json, true) => json::to_vec_pretty(b),
        (Document::Error(b), Format::Xml, false) => xml::to_vec(b),
        (Document::Error(b), Format::Xml, true) => xml::to_vec_pretty(b),
        (Document::Metadata(m), Format::Json, false) => json::to_vec(m),
        (Document::Metadata(m), Format::Json, true) => json::to_vec_pretty(m),
        (Document::Metadata(m), Format::Xml, false) => xml::to_vec(m),
        (Document::Metadata(m), Format::Xml, true) => xml::to_vec_pretty(m),
    }
}

#[test]
fn every_document_encodes_in_a_format_chosen_at_run_time_in_one_call() {
    needs_reference!();
    let mut kinds = std::collections::BTreeSet::new();
    let mut documents: Vec<(String, Document)> = samples_where("valid", |_| true)
        .into_iter()
        .filter_map(|(name, bytes)| Some((name, document::decode(&bytes, None).ok()?)))
        .collect();
    documents.push((
        "error body".into(),
        Document::Error(ucwa_codec::ErrorBody::new("Conflict").with_message("Taken")),
    ));
    assert!(documents.len() >= 370, "{}", documents.len());
    for (name, doc) in &documents {
        kinds.insert(doc.kind().to_string());
        for format in [Format::Json, Format::Xml] {
            for pretty in [false, true] {
                let expected = own_codec(doc, format, pretty).unwrap();
                let through_document = document::encode(doc, format, pretty).unwrap();
                assert_eq!(through_document, expected, "{name} {format:?} {pretty}");
                // The document as it is, without a `Document` around it, and by reference.
                let alone = match doc {
                    Document::Resource(r) => document::encode(r, format, pretty),
                    Document::Events(e) => document::encode(e, format, pretty),
                    Document::Error(b) => document::encode(b, format, pretty),
                    Document::Metadata(m) => document::encode(&m, format, pretty),
                }
                .unwrap();
                assert_eq!(alone, expected, "{name} {format:?} {pretty}");
                assert_eq!(
                    document::encode(&doc, format, pretty).unwrap(),
                    expected,
                    "{name}"
                );
            }
        }
    }
    assert_eq!(kinds.len(), 4, "{kinds:?}");
}

#[test]
fn encoding_errors_come_through_as_the_codec_gives_them() {
    // A property named `_links` has no JSON form (XML can hold it).
    let mut odd = ucwa_codec::Resource::new("x");
    odd.push_property("_links", "text");
    let err = document::encode(&odd, Format::Json, false).unwrap_err();
    assert_eq!(err.kind(), ucwa_codec::ErrorKind::Unrepresentable);
    assert_eq!(err.to_string(), json::to_vec(&odd).unwrap_err().to_string());
    assert!(document::encode(&odd, Format::Xml, false).is_ok());
}

#[test]
fn a_request_body_from_a_get_response_is_the_documented_put_request() {
    needs_reference!();
    for (get, put, adjust) in [
        (
            "callForwardingSettings.get.response.1.json",
            "callForwardingSettings.put.request.3.json",
            None,
        ),
        // The documented PUT changes one property.
        (
            "communication.get.response.2.json",
            "communication.put.request.4.json",
            Some(("phoneNumber", "tel : +14255552222")),
        ),
    ] {
        let response = json::from_slice::<Resource>(&common::sample("valid", get)).unwrap();
        assert!(!response.links.is_empty(), "{get}");
        let mut body = response.to_request_body();
        if let Some((name, value)) = adjust {
            body.set_property(name, value);
        }
        let written = json::to_vec(&body).unwrap();
        assert_eq!(
            common::json_value(&written),
            common::json_value(&common::sample("valid", put)),
            "{get}"
        );
        let mut moved = response.into_request_body();
        if let Some((name, value)) = adjust {
            moved.set_property(name, value);
        }
        assert_eq!(moved, body, "{get}");
    }
}

#[test]
fn a_request_body_keeps_the_put_token_where_it_stood() {
    needs_reference!();
    const TOKEN: &str = "9b2b5bc4-0c04-4bb4-8c38-cdd32a8f3a01";
    let text = String::from_utf8(common::sample("valid", "communication.get.response.2.json"))
        .unwrap()
        .replacen(
            r#""rel" : "communication","#,
            &format!(r#""rel" : "communication", "{TOKEN}": "please pass this in a PUT request","#),
            1,
        );
    let response = json::from_str::<Resource>(&text).unwrap();
    let body = response.to_request_body();
    let names: Vec<&str> = body.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names[2], TOKEN);
    assert_eq!(
        body.property(TOKEN).and_then(|v| v.as_str()),
        Some("please pass this in a PUT request")
    );
    let written = json::to_string(&body).unwrap();
    assert!(written.contains(&format!(
        r#""rel":"communication","{TOKEN}":"please pass this in a PUT request","audioPreference""#
    )));
    assert!(!written.contains("_links") && !written.contains("_embedded"));
    // In XML too, where the token is a property like any other.
    let in_xml = xml::from_str::<Resource>(&xml::to_string(&body).unwrap()).unwrap();
    assert_eq!(
        in_xml.property(TOKEN).and_then(|v| v.as_str()),
        Some("please pass this in a PUT request")
    );
    assert!(in_xml.links.is_empty() && in_xml.self_href().is_none());
}

/// What each kind is called in messages.
fn described(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Resource => "a resource",
        DocumentKind::Events => "an events document",
        DocumentKind::Error => "an error body",
        DocumentKind::Metadata => "OPTIONS metadata",
    }
}

/// The XML root elements of each kind, in messages.
fn roots(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Resource => "<resource> or <input>",
        DocumentKind::Events => "<events>",
        DocumentKind::Error => "<reason>",
        DocumentKind::Metadata => "<optionsMetadata>",
    }
}

const KINDS: [DocumentKind; 4] = [
    DocumentKind::Resource,
    DocumentKind::Events,
    DocumentKind::Error,
    DocumentKind::Metadata,
];

/// Decodes `bytes` with the typed decoder of `kind` in `format`, answering the kind decoded.
fn typed_decode(
    kind: DocumentKind,
    format: Format,
    bytes: &[u8],
) -> ucwa_codec::Result<DocumentKind> {
    match (kind, format) {
        (DocumentKind::Resource, Format::Json) => json::from_slice::<Resource>(bytes).map(|_| kind),
        (DocumentKind::Resource, Format::Xml) => xml::from_slice::<Resource>(bytes).map(|_| kind),
        (DocumentKind::Events, Format::Json) => json::from_slice::<Events>(bytes).map(|_| kind),
        (DocumentKind::Events, Format::Xml) => xml::from_slice::<Events>(bytes).map(|_| kind),
        (DocumentKind::Error, Format::Json) => json::from_slice::<ErrorBody>(bytes).map(|_| kind),
        (DocumentKind::Error, Format::Xml) => xml::from_slice::<ErrorBody>(bytes).map(|_| kind),
        (DocumentKind::Metadata, Format::Json) => json::from_slice::<Metadata>(bytes).map(|_| kind),
        (DocumentKind::Metadata, Format::Xml) => xml::from_slice::<Metadata>(bytes).map(|_| kind),
    }
}

/// The documents of each kind, in each format, and the XML root element's name as written.
/// Some start after blank lines, to check the error's position.
const DOCUMENTS: &[(DocumentKind, Format, &str)] = &[
    (DocumentKind::Resource, Format::Json, r#"{"rel": "me", "name": "Joe", "_links": {"self": {"href": "/me"}}}"#),
    // A request body: neither type nor links.
    (DocumentKind::Resource, Format::Json, r#"{"importance": "Normal", "sessionContext": "33dc0ef6"}"#),
    (DocumentKind::Resource, Format::Json, "{}"),
    // `code` is a property where the type or links say it is a resource ...
    (DocumentKind::Resource, Format::Json, r#"{"rel": "x", "code": "A"}"#),
    (DocumentKind::Resource, Format::Json, r#"{"code": "A", "_links": {"self": {"href": "/x"}}}"#),
    // ... and so is a `metadata` that is no array.
    (
        DocumentKind::Resource,
        Format::Json,
        r#"{"metadata": "m", "list": ["a"]}"#,
    ),
    (DocumentKind::Events, Format::Json, r#"{"_links": {"self": {"href": "/e?ack=1"}, "next": {"href": "/e?ack=2"}},
        "sender": [{"rel": "me", "href": "/me", "events": [{"link": {"rel": "presence", "href": "/me/presence"}, "type": "updated"}]}]}"#),
    // The polling loop's end: no senders, a `resync` link alone.
    (DocumentKind::Events, Format::Json, "\n  {\"_links\": {\"resync\": {\"href\": \"/e?ack=0\"}}, \"sender\": []}"),
    (DocumentKind::Error, Format::Json, r#"{"code": "Conflict", "subcode": "AlreadyExists", "message": "Taken"}"#),
    // A bag the resource decoder cannot read: it fails, then the detection names the kind.
    (DocumentKind::Error, Format::Json, "\n\n{\"code\": \"BadRequest\", \"parameters\": {\"to\": \"sip:x\"}}"),
    (DocumentKind::Error, Format::Json, r#"{"code": "Gone", "metadata": "m"}"#),
    (DocumentKind::Metadata, Format::Json, r#"{"metadata": [{"httpMethod": "POST", "parameters": [{"name": "culture", "supportedValues": ["en-US"]}]}]}"#),
    (DocumentKind::Metadata, Format::Json, r#"{"metadata": []}"#),
    (DocumentKind::Resource, Format::Xml, r#"<resource rel="me" href="/me" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><property name="name">Joe</property></resource>"#),
    (DocumentKind::Resource, Format::Xml, r#"<input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><property name="importance">Normal</property></input>"#),
    (DocumentKind::Events, Format::Xml, r#"<events href="/e?ack=1" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><link rel="next" href="/e?ack=2"/><sender rel="me" href="/me"><updated rel="presence" href="/me/presence"/></sender></events>"#),
    (DocumentKind::Events, Format::Xml, "<?xml version=\"1.0\"?>\n <u:events href=\"/e\" xmlns:u=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\"/>"),
    (DocumentKind::Error, Format::Xml, r#"<reason xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><code>Conflict</code><subcode>AlreadyExists</subcode></reason>"#),
    (DocumentKind::Metadata, Format::Xml, r#"<optionsMetadata xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><metadata><httpMethodMetadata><httpMethod>POST</httpMethod><parameters/></httpMethodMetadata></metadata></optionsMetadata>"#),
];

/// The name of an XML document's root element, as written (with its prefix).
fn written_root(text: &str) -> &str {
    let start = text
        .match_indices('<')
        .find(|(i, _)| !text[i + 1..].starts_with('?'));
    let name = &text[start.unwrap().0 + 1..];
    &name[..name.find([' ', '/', '>']).unwrap()]
}

#[test]
fn each_typed_decoder_refuses_every_other_kind_and_says_what_it_found() {
    for &(found, format, text) in DOCUMENTS {
        // The detection agrees with the table.
        let detected = document::decode(text.as_bytes(), Some(format)).unwrap();
        assert_eq!(detected.kind(), found, "{text}");
        // Where the root starts.
        let blank = text.len() - text.trim_start().len();
        let lines = text[..blank].matches('\n').count();
        for expected in KINDS {
            let result = typed_decode(expected, format, text.as_bytes());
            if expected == found {
                assert_eq!(result.map_err(|e| e.to_string()), Ok(found), "{text}");
                continue;
            }
            let err = result.expect_err(text);
            assert_eq!(
                err.kind(),
                ucwa_codec::ErrorKind::Structure,
                "{text}: {err}"
            );
            let message = match format {
                Format::Json => format!(
                    "expected {}, found {}",
                    described(expected),
                    described(found)
                ),
                Format::Xml => format!(
                    "expected {} ({}), found {} (<{}>)",
                    described(expected),
                    roots(expected),
                    described(found),
                    written_root(text)
                ),
            };
            assert_eq!(err.message(), message, "{text}");
            assert_eq!(err.path(), "", "{text}");
            if format == Format::Json {
                assert_eq!(err.line(), lines + 1, "{text}: {err}");
                assert_eq!(err.position().unwrap().offset, blank, "{text}: {err}");
            } else {
                assert_eq!(err.line(), text.matches('\n').count() + 1, "{text}: {err}");
            }
        }
    }
}

#[test]
fn every_sample_is_read_by_the_decoder_of_its_kind_and_refused_by_the_others() {
    needs_reference!();
    let mut refused = 0;
    for (name, bytes) in samples_where("valid", |_| true) {
        let Ok(doc) = document::decode(&bytes, None) else {
            continue; // no UCWA document at all (see tests/documents.rs)
        };
        let format = if name.ends_with(".json") {
            Format::Json
        } else {
            Format::Xml
        };
        let found = doc.kind();
        for expected in KINDS {
            match typed_decode(expected, format, &bytes) {
                Ok(kind) => assert_eq!(kind, found, "{name}: read as {kind}"),
                Err(err) => {
                    assert_ne!(expected, found, "{name}: {err}");
                    assert!(
                        err.message()
                            .starts_with(&format!("expected {}", described(expected)))
                            && err
                                .message()
                                .contains(&format!("found {}", described(found))),
                        "{name}: {err}"
                    );
                    assert!(err.position().is_some(), "{name}: {err}");
                    refused += 1;
                }
            }
        }
    }
    assert!(refused >= 3 * 370, "{refused}");
}

#[test]
fn unknown_xml_roots_are_named_as_written() {
    for (kind, err) in [
        (
            DocumentKind::Resource,
            xml::from_str::<Resource>("<operationsQueued/>").unwrap_err(),
        ),
        (
            DocumentKind::Events,
            xml::from_str::<Events>("<operationsQueued/>").unwrap_err(),
        ),
        (
            DocumentKind::Error,
            xml::from_str::<ErrorBody>("<h>Hello</h>").unwrap_err(),
        ),
        (
            DocumentKind::Metadata,
            xml::from_str::<Metadata>(
                "<u:b xmlns:u=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\"/>",
            )
            .unwrap_err(),
        ),
    ] {
        let found = match kind {
            DocumentKind::Error => "<h>",
            DocumentKind::Metadata => "<u:b>",
            _ => "<operationsQueued>",
        };
        let expected = format!(
            "expected {} ({}), found {found}",
            described(kind),
            roots(kind)
        );
        assert_eq!(err.message(), expected);
        assert_eq!(err.kind(), ucwa_codec::ErrorKind::Structure, "{err}");
    }
}

#[test]
fn senders_without_links_are_an_events_document_to_its_decoder_only() {
    // The detection calls it a resource (a resource may have a property of any name), but
    // the events decoder reads an events document without `_links`, as it always has.
    let text = r#"{"sender": [{"rel": "me", "href": "/me", "events": []}]}"#;
    assert_eq!(json::from_str::<Events>(text).unwrap().senders[0].rel, "me");
    let scalar = r#"{"sender": ["a"]}"#;
    assert_eq!(
        json::from_str::<Document>(scalar).unwrap().kind(),
        DocumentKind::Resource
    );
    assert!(json::from_str::<Resource>(scalar).is_ok());
    // The events decoder says what is wrong with the senders.
    let err = json::from_str::<Events>(scalar).unwrap_err();
    assert_eq!(err.path(), "sender[0]");
    assert!(err.message().contains("expected a sender"), "{err}");
    // Without `sender`, what the detection finds.
    let err = json::from_str::<Events>(r#"{"_links": {"self": {"href": "/me"}}}"#).unwrap_err();
    assert_eq!(
        err.message(),
        "expected an events document, found a resource"
    );
}
