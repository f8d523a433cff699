//! Error bodies, OPTIONS metadata and the `Document` detection: round trips in both formats
//! and malformed input.

#[macro_use]
mod common;

use common::{json_value, sample, samples_where};
use ucwa_codec::document::{self, Document, DocumentKind};
use ucwa_codec::{json, xml, ErrorBody, Metadata};
use ucwa_codec::{ErrorKind, Format};

const METADATA_SAMPLES: [(&str, &str); 2] = [
    (
        "applications.post.response.4.json",
        "applications.post.response.5.xml",
    ),
    (
        "anonApplications.post.response.4.json",
        "anonApplications.post.response.5.xml",
    ),
];

#[test]
fn every_valid_sample_is_detected_as_its_kind() {
    needs_reference!();
    let all = samples_where("valid", |_| true);
    assert!(all.len() >= 380, "found only {} samples", all.len());
    let metadata_names: Vec<&str> = METADATA_SAMPLES
        .iter()
        .flat_map(|(j, x)| [*j, *x])
        .collect();
    for (name, bytes) in &all {
        let expected = if name.contains(".event.") {
            DocumentKind::Events
        } else if metadata_names.contains(&name.as_str()) {
            DocumentKind::Metadata
        } else {
            DocumentKind::Resource
        };
        match document::decode(bytes, None) {
            Ok(doc) => assert_eq!(doc.kind(), expected, "{name}"),
            // Two documented XML samples are no resources at all: an HTML page and an
            // `operationsQueued` answer; they must at least fail as resources would.
            Err(err) => {
                assert!(name.ends_with(".xml"), "{name}: {err}");
                assert!(err.position().is_some(), "{name}: {err}");
                assert!(
                    ucwa_codec::xml::from_slice::<ucwa_codec::Resource>(bytes).is_err(),
                    "{name}"
                );
            }
        }
    }
}

#[test]
fn json_samples_round_trip_through_document() {
    needs_reference!();
    for (name, bytes) in samples_where("valid", |name| name.ends_with(".json")) {
        let doc = json::from_slice::<Document>(&bytes).expect(&name);
        let out = json::to_vec_pretty(&doc).expect(&name);
        assert_eq!(json_value(&out), json_value(&bytes), "{name}");
    }
}

#[test]
fn metadata_samples_round_trip_in_both_formats() {
    needs_reference!();
    for (json_name, xml_name) in METADATA_SAMPLES {
        let json_bytes = sample("valid", json_name);
        let xml_bytes = sample("valid", xml_name);
        let from_json = json::from_slice::<Metadata>(&json_bytes).expect(json_name);
        let from_xml = xml::from_slice::<Metadata>(&xml_bytes).expect(xml_name);
        // The two samples of the page say the same.
        assert_eq!(from_json, from_xml, "{json_name} / {xml_name}");
        assert_eq!(from_json.methods[0].http_method, "samplevalue");
        assert_eq!(
            from_json.methods[0].parameters[0].supported_values,
            ["samplevalue"]
        );
        // JSON -> JSON, XML -> XML, JSON -> XML -> JSON.
        let json = json::to_vec_pretty(&from_json).unwrap();
        assert_eq!(json_value(&json), json_value(&json_bytes));
        let xml = xml::to_string_pretty(&from_xml).unwrap();
        assert_eq!(xml::from_str::<Metadata>(&xml).unwrap(), from_xml);
        let through = xml::from_str::<Metadata>(&xml::to_string(&from_json).unwrap()).unwrap();
        assert_eq!(
            json_value(&json::to_vec(&through).unwrap()),
            json_value(&json_bytes)
        );
        // The XML written is the sample's, declaration aside.
        let sample_text = String::from_utf8(xml_bytes).unwrap();
        let body = |text: &str| {
            text.lines()
                .skip(1)
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("")
        };
        assert_eq!(body(&xml), body(&sample_text).replace(" />", "/>"));
    }
}

const ERROR_JSON: &str = r#"{
  "code": "BadRequest",
  "subcode": "ParameterValidationFailure",
  "message": "Please check what you entered and try again.",
  "link": {"rel": "help", "href": "https://example.com/help", "title": "Help"},
  "parameters": {"to": "sip:nobody@contoso.com", "importance": ["High", null], "count": 3},
  "debugInfo": {"diagnostics": "1000;reason=\"x\"", "errorReportId": "52f6", "retried": true},
  "retryAfter": 30
}"#;

#[test]
fn error_bodies_round_trip_in_both_formats() {
    let body = json::from_str::<ErrorBody>(ERROR_JSON).unwrap();
    assert_eq!(body.code, "BadRequest");
    assert_eq!(
        body.debug_info("errorReportId").and_then(|v| v.as_str()),
        Some("52f6")
    );
    // JSON -> JSON, exactly (member order kept).
    let compact = json::to_string(&body).unwrap();
    assert_eq!(
        json_value(compact.as_bytes()),
        json_value(ERROR_JSON.as_bytes())
    );
    assert_eq!(
        json::to_string(&json::from_str::<ErrorBody>(&compact).unwrap()).unwrap(),
        compact
    );
    // JSON -> XML -> JSON, by meaning: XML makes text of the typed values.
    let xml = xml::to_string_pretty(&body).unwrap();
    assert!(xml.contains("<reason xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"), "{xml}");
    let back = xml::from_str::<ErrorBody>(&xml).unwrap();
    assert_eq!(back.parameter("count").and_then(|v| v.as_i64()), Some(3));
    assert_eq!(
        back.debug_info("retried").and_then(|v| v.as_bool()),
        Some(true)
    );
    assert_eq!(
        back.parameter("importance")
            .and_then(|v| v.as_list())
            .map(<[_]>::len),
        Some(2)
    );
    assert_eq!(back.other[0].value.as_i64(), Some(30));
    let link = back.link.as_ref().unwrap();
    assert_eq!(link.href, "https://example.com/help");
    assert_eq!(link.title(), Some("Help"));
    assert_eq!(link.attribute("rel").and_then(|v| v.as_str()), Some("help"));
    assert_eq!(back.message, body.message);
    // XML -> XML, exactly.
    assert_eq!(xml::to_string_pretty(&back).unwrap(), xml);
    // And through Document, detected.
    let doc = document::decode(xml.as_bytes(), None).unwrap();
    assert_eq!(doc.kind(), DocumentKind::Error);
    let doc = document::decode(ERROR_JSON.as_bytes(), None).unwrap();
    assert_eq!(doc, Document::Error(body));
}

#[test]
fn documents_convert_both_ways() {
    let cases = [
        (
            "error",
            r#"{"code":"Conflict","subcode":"AlreadyExists","message":"It is there."}"#,
        ),
        (
            "metadata",
            r#"{"metadata":[{"httpMethod":"POST","parameters":[]}]}"#,
        ),
        (
            "events",
            r#"{"_links":{"self":{"href":"/e?ack=1"},"next":{"href":"/e?ack=2"}},"sender":[{"rel":"me","href":"/me","events":[{"link":{"rel":"presence","href":"/me/presence"},"type":"updated"}]}]}"#,
        ),
        (
            "resource",
            r#"{"rel":"phone","number":"tel:+1","_links":{"self":{"href":"/me/phones/work"}}}"#,
        ),
    ];
    for (kind, json) in cases {
        let xml = document::encode(
            &document::decode(json.as_bytes(), None).unwrap(),
            Format::Xml,
            false,
        )
        .unwrap();
        let doc = document::decode(&xml, None).unwrap();
        assert_eq!(doc.kind().to_string(), kind);
        let back = document::encode(&doc, Format::Json, false).unwrap();
        assert_eq!(String::from_utf8(back).unwrap(), json, "{kind}");
    }
}

#[test]
fn malformed_documents_of_each_kind_are_refused_with_a_position() {
    let json_cases: &[&str] = &[
        // error bodies
        "{\"code\": \"A\", \"subcode\": 4}",
        "{\"code\": \"A\", \"link\": {\"rel\": \"x\"}}",
        "{\"code\": \"A\", \"debugInfo\": [1]}",
        "{\"code\": \"A\",\n\"message\": \"unterminated}",
        // metadata
        "{\"metadata\": [{\"httpMethod\": \"GET\", \"parameters\": {}}]}",
        "{\"metadata\": [{\"httpMethod\": \"GET\", \"parameters\": [{\"supportedValues\": []}]}]}",
        "{\"metadata\": [3]}",
        // events
        "{\"_links\": {}, \"sender\": [1]}",
        // anything
        "{\"rel\": \"x\", \"a\": 1.5}",
        "{",
        "",
    ];
    for text in json_cases {
        let err = json::from_str::<Document>(text).expect_err(text);
        assert!(err.position().is_some(), "{text}: {err}");
        assert!(err.line() >= 1, "{text}: {err}");
    }
    let xml_cases: &[&str] = &[
        "<reason><code>A</code><subcode><x/></subcode></reason>",
        "<reason><code>A</code><parameters><property>x</property></parameters></reason>",
        "<reason code=\"A\"/>",
        "<reason><code>A</code>\n<link rel=\"x\"/></reason>",
        "<optionsMetadata><metadata><httpMethodMetadata><httpMethod>GET</httpMethod><parameters><x/></parameters></httpMethodMetadata></metadata></optionsMetadata>",
        "<optionsMetadata><metadata><httpMethodMetadata><httpMethod xsi:nil=\"true\"/></httpMethodMetadata></metadata></optionsMetadata>",
        "<optionsMetadata>",
        "<events><sender/></events>",
        "<reason><code>A</code></reason><reason/>",
        "<!DOCTYPE x><reason/>",
        "<",
    ];
    for text in xml_cases {
        let err = xml::from_str::<Document>(text).expect_err(text);
        assert!(err.position().is_some(), "{text}: {err}");
    }
    let err =
        xml::from_str::<Document>("<reason>\n  <code>A</code>\n  <link rel=\"x\"/>\n</reason>")
            .unwrap_err();
    assert_eq!((err.line(), err.column(), err.path()), (3, 3, "link"));
    assert_eq!(err.kind(), ErrorKind::Structure);
}

#[test]
fn invalid_samples_are_refused_with_the_line_where_they_stop() {
    needs_reference!();
    for (name, bytes) in samples_where("invalid", |_| true) {
        let err = document::decode(&bytes, None).expect_err(&name);
        assert!(err.line() >= 1, "{name}: {err}");
    }
}

/// A member name may be written with escapes (`"_li\u006eks"` is `"_links"`): every decoder
/// reads it as the plain name, whether it is one the codec knows or a property's.
#[test]
fn member_names_written_with_escapes_are_the_plain_names() {
    let escaped = br#"{"r\u0065l":"contact","_li\u006eks":{"s\u0065lf":{"hr\u0065f":"/c/1","t\u0069tle":"T"}},"n\u0061me":"Ann","_embedded":{"ph\u006fne":{"rel":"phone","v\u0061lue":1}}}"#;
    let plain = br#"{"rel":"contact","_links":{"self":{"href":"/c/1","title":"T"}},"name":"Ann","_embedded":{"phone":{"rel":"phone","value":1}}}"#;
    let read = |bytes: &[u8]| {
        ucwa_codec::json::from_slice::<ucwa_codec::Resource>(bytes).expect("decodes")
    };
    assert_eq!(read(escaped), read(plain));
    assert_eq!(read(escaped).self_href(), Some("/c/1"));

    let events = br#"{"_li\u006eks":{"self":{"href":"/e?ack=1"},"next":{"href":"/e?ack=2"}},"s\u0065nder":[{"r\u0065l":"me","href":"/me","\u0065vents":[{"l\u0069nk":{"rel":"presence","href":"/me/presence","x":1},"typ\u0065":"updated","o\u0074her":true}]}]}"#;
    let events_plain = br#"{"_links":{"self":{"href":"/e?ack=1"},"next":{"href":"/e?ack=2"}},"sender":[{"rel":"me","href":"/me","events":[{"link":{"rel":"presence","href":"/me/presence","x":1},"type":"updated","other":true}]}]}"#;
    let read_events =
        |bytes: &[u8]| ucwa_codec::json::from_slice::<ucwa_codec::Events>(bytes).expect("decodes");
    assert_eq!(read_events(events), read_events(events_plain));

    let body = br#"{"c\u006fde":"BadRequest","m\u0065ssage":"no","\u0065xtra":2}"#;
    let body_plain = br#"{"code":"BadRequest","message":"no","extra":2}"#;
    let read_body = |bytes: &[u8]| json::from_slice::<ErrorBody>(bytes).expect("decodes");
    assert_eq!(read_body(body), read_body(body_plain));
    let detected = document::decode(body, Some(Format::Json)).expect("decodes");
    assert_eq!(detected.kind(), DocumentKind::Error);
}
