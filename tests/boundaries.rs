//! The library at its boundaries: typed decoders given a document of another kind, request
//! bodies made from resources, and encoding in a format chosen at run time.

mod common;

use common::samples_where;
use ucwa_codec::document::{self, Document, Encode};
use ucwa_codec::{error_body, events, json, metadata, xml, Format};

/// What a document's own codec module writes, in `format`.
fn own_codec(doc: &Document, format: Format, pretty: bool) -> ucwa_codec::Result<Vec<u8>> {
    match (doc, format, pretty) {
        (Document::Resource(r), Format::Json, false) => json::to_vec(r),
        (Document::Resource(r), Format::Json, true) => json::to_vec_pretty(r),
        (Document::Resource(r), Format::Xml, false) => xml::to_vec(r),
        (Document::Resource(r), Format::Xml, true) => xml::to_vec_pretty(r),
        (Document::Events(e), Format::Json, false) => events::json::to_vec(e),
        (Document::Events(e), Format::Json, true) => events::json::to_vec_pretty(e),
        (Document::Events(e), Format::Xml, false) => events::xml::to_vec(e),
        (Document::Events(e), Format::Xml, true) => events::xml::to_vec_pretty(e),
        (Document::Error(b), Format::Json, false) => error_body::json::to_vec(b),
        (Document::Error(b), Format::Json, true) => error_body::json::to_vec_pretty(b),
        (Document::Error(b), Format::Xml, false) => error_body::xml::to_vec(b),
        (Document::Error(b), Format::Xml, true) => error_body::xml::to_vec_pretty(b),
        (Document::Metadata(m), Format::Json, false) => metadata::json::to_vec(m),
        (Document::Metadata(m), Format::Json, true) => metadata::json::to_vec_pretty(m),
        (Document::Metadata(m), Format::Xml, false) => metadata::xml::to_vec(m),
        (Document::Metadata(m), Format::Xml, true) => metadata::xml::to_vec_pretty(m),
    }
}

#[test]
fn every_document_encodes_in_a_format_chosen_at_run_time_in_one_call() {
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
                assert_eq!(doc.encode(format, pretty).unwrap(), expected, "{name}");
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
        let response = json::from_slice(&common::sample("valid", get)).unwrap();
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
    const TOKEN: &str = "9b2b5bc4-0c04-4bb4-8c38-cdd32a8f3a01";
    let text = String::from_utf8(common::sample("valid", "communication.get.response.2.json"))
        .unwrap()
        .replacen(
            r#""rel" : "communication","#,
            &format!(r#""rel" : "communication", "{TOKEN}": "please pass this in a PUT request","#),
            1,
        );
    let response = json::from_str(&text).unwrap();
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
    let in_xml = xml::from_str(&xml::to_string(&body).unwrap()).unwrap();
    assert_eq!(
        in_xml.property(TOKEN).and_then(|v| v.as_str()),
        Some("please pass this in a PUT request")
    );
    assert!(in_xml.links.is_empty() && in_xml.self_href().is_none());
}
