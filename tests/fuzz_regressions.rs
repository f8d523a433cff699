//! What the fuzzers found, each pinned by a test named after what it guards.

use ucwa_codec::Resource;
use ucwa_codec::{document, xml, ErrorKind};

/// `cargo fuzz run document` (the document target's first crash): an XML document holding a
/// raw NUL decoded, then could not be written back. Characters XML forbids are refused where
/// they stand.
#[test]
fn xml_with_a_forbidden_character_is_refused_at_its_position() {
    let input = "<resource rel=\"x\">\n  <property name=\"a\">a\u{0}b</property>\n</resource>";
    let err = xml::from_str::<Resource>(input).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax);
    assert_eq!(
        err.to_string(),
        "the character U+0000 is not allowed in XML at line 2, column 23"
    );
    assert!(document::decode(input.as_bytes(), None).is_err());
    let err =
        xml::from_str::<Resource>("<resource rel=\"x\"><!-- \u{FFFF} --></resource>").unwrap_err();
    assert_eq!(err.message(), "the character U+FFFF is not allowed in XML");
}

/// `cargo fuzz run document` (second crash): a JSON resource naming a property twice decoded
/// with both, and no comparison by name could tell which was meant. A repeated property name
/// is refused as ambiguous, in both formats.
#[test]
fn a_property_named_twice_is_refused() {
    let err = ucwa_codec::json::from_str::<ucwa_codec::Resource>(
        r#"{"rel": "onlineMeeting", "hostingNetwork": "a", "hostingNetwork": "b"}"#,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Value);
    assert_eq!(
        err.to_string(),
        "duplicate property `hostingNetwork` at line 1, column 64, path hostingNetwork"
    );
    let err = xml::from_str::<Resource>(
        r#"<resource rel="x"><property name="a">1</property><propertyList name="a"/></resource>"#,
    )
    .unwrap_err();
    assert_eq!(err.message(), "duplicate property `a`");
    let err = xml::from_str::<Resource>(r#"<resource><property name="rel">x</property><property name="rel">y</property></resource>"#).unwrap_err();
    assert_eq!(err.message(), "duplicate property `rel`");
    // Many properties: still found, without a quadratic scan.
    let mut many: String = (0..100).map(|i| format!("\"p{i}\": {i}, ")).collect();
    many.push_str("\"p50\": 0");
    assert!(ucwa_codec::json::from_str::<ucwa_codec::Resource>(&format!("{{{many}}}")).is_err());
}

/// `cargo fuzz run document` (third crash): quick-xml reads an attribute named `1xmlns`, which
/// no XML writer may write back. Attribute names must be XML names.
#[test]
fn an_attribute_name_that_is_not_an_xml_name_is_refused() {
    let err = xml::from_str::<Resource>(r#"<resource rel="x" href="/x" 1xmlns="a"/>"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "`1xmlns` is not an XML attribute name at line 1, column 1"
    );
}

/// `cargo fuzz run document` (fourth crash): an unknown metadata member holding an empty list
/// comes back from XML as empty text (XML cannot tell them apart); the comparison by meaning
/// took them for different.
#[test]
fn an_empty_unknown_list_compares_equal_to_its_xml_form() {
    use ucwa_codec::{diff::diff_documents, Format};
    let json = br#"{"metadata": [{"httpMethod": "GET", "parameters": [{"name": "a", "supportedValues": [], "extra": []}]}]}"#;
    let doc = document::decode(json, None).unwrap();
    let xml = document::encode(&doc, Format::Xml, false).unwrap();
    let back = document::decode(&xml, None).unwrap();
    assert_eq!(diff_documents(&doc, &back), vec![]);
}

/// `cargo fuzz run xml_resource` (first crash): an attribute named `:mlns` read, but not
/// writable. Names must be namespace-well-formed: at most one colon, between two parts.
#[test]
fn an_attribute_name_with_a_stray_colon_is_refused() {
    for name in [":mlns", "a:", "a:b:c"] {
        let err =
            xml::from_str::<Resource>(&format!(r#"<resource rel="x" href="/x" {name}="a"/>"#))
                .unwrap_err();
        assert_eq!(
            err.message(),
            format!("`{name}` is not an XML attribute name")
        );
    }
}

/// `cargo fuzz run document` (fifth crash): an events document's link carrying its own `rel`
/// inside a relation lost it on the way to XML. Writing it is refused, not lossy.
#[test]
fn a_link_with_a_rel_of_its_own_is_not_written_lossily() {
    use ucwa_codec::Format;
    let json = br#"{"_links": {"self": {"href": "/e"}, "link": {"rel": "pinnedGroup", "href": "/g"}}, "sender": []}"#;
    let doc = document::decode(json, None).unwrap();
    let err = document::encode(&doc, Format::Xml, false).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unrepresentable);
}

/// `cargo fuzz run batch` (first crash): a status written with fewer than three digits
/// (`002` read as 2, written `2`) no longer parsed. The status keeps its three digits.
#[test]
fn a_status_below_100_keeps_three_digits() {
    use ucwa_codec::batch::Batch;
    let body =
        "--b\nContent-Type: application/http; msgtype=response\n\nHTTP/1.1 002 OK\n\n\n--b--\n";
    let batch = Batch::parse(body.as_bytes(), None).unwrap();
    let written = batch.to_vec().unwrap();
    assert!(String::from_utf8_lossy(&written).contains("HTTP/1.1 002 OK"));
    assert_eq!(Batch::parse(&written, None).unwrap(), batch);
}

/// `cargo fuzz run batch` (second crash): in a batch of LF line ends, a body ending in `\r`
/// lost it when read back (the `\r` was taken for part of the boundary's line end).
#[test]
fn a_body_ending_in_a_carriage_return_keeps_it_in_an_lf_batch() {
    use ucwa_codec::batch::Batch;
    let body =
        "--b\nContent-Type: application/http; msgtype=response\n\nHTTP/1.1 200 OK\n\nx\r\n--b--\n";
    let batch = Batch::parse(body.as_bytes(), None).unwrap();
    assert_eq!(batch.parts[0].message.body, b"x\r");
    assert_eq!(batch.to_vec().unwrap(), body.as_bytes());
    assert_eq!(Batch::parse(&batch.to_vec().unwrap(), None).unwrap(), batch);
}

/// `cargo fuzz run cross_format`: an XML property named `_embedded` (which XML can hold) was
/// written to JSON as the resource's own `_embedded` member, which did not decode. A property
/// whose name JSON gives to a resource's own members is refused when writing JSON, and one
/// named `rel` (built by hand) when writing XML, where it would read back as the type.
#[test]
fn a_property_named_like_a_json_member_is_not_written_as_one() {
    let input = r#"<resource rel="dialInRegion" href="/d" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><propertyList name="_embedded"><item>en-US</item></propertyList></resource>"#;
    let resource = xml::from_str::<Resource>(input).unwrap();
    assert_eq!(
        resource.property("_embedded"),
        Some(&ucwa_codec::Value::List(vec![ucwa_codec::Value::Text(
            "en-US".into()
        )]))
    );
    let err = ucwa_codec::json::to_vec(&resource).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unrepresentable);
    assert!(
        err.message().contains("property named `_embedded`"),
        "{err}"
    );
    // The serde path says the same.
    let err = serde_json::to_vec(&resource).unwrap_err();
    assert!(
        err.to_string().contains("property named `_embedded`"),
        "{err}"
    );
    // Through a document, in either writer.
    let doc = document::decode(input.as_bytes(), None).unwrap();
    let err = document::encode(&doc, ucwa_codec::Format::Json, false).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unrepresentable);

    let mut hand_built = ucwa_codec::Resource::new("contact");
    hand_built.push_property("_links", "x");
    assert_eq!(
        ucwa_codec::json::to_vec(&hand_built).unwrap_err().kind(),
        ErrorKind::Unrepresentable
    );
    let mut hand_built = ucwa_codec::Resource::new("contact");
    hand_built.push_property("rel", "other");
    assert_eq!(
        xml::to_vec(&hand_built).unwrap_err().kind(),
        ErrorKind::Unrepresentable
    );
    assert_eq!(
        ucwa_codec::json::to_vec(&hand_built).unwrap_err().kind(),
        ErrorKind::Unrepresentable
    );
}

/// `cargo fuzz run document`: a JSON link attribute `xmlns:helpEnvironment`, which no other
/// attribute of the link used, was written to XML as a namespace declaration and read back as
/// none. Writing XML refuses it rather than lose it.
#[test]
fn a_link_attribute_that_would_read_back_as_a_namespace_declaration_is_refused() {
    let input = br#"{"rel": "redirect", "_links": {"self": {"href": "/r", "xmlns:helpEnvironment": "samplevalue"}}}"#;
    let doc = document::decode(input, None).unwrap();
    let err = document::encode(&doc, ucwa_codec::Format::Xml, false).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unrepresentable);
    assert!(err.message().contains("`xmlns:helpEnvironment`"), "{err}");
    // Used by another attribute of the link, it is that attribute's declaration and converts.
    let used = br#"{"rel": "redirect", "_links": {"self": {"href": "/r", "xmlns:h": "urn:h", "h:env": "1"}}}"#;
    let doc = document::decode(used, None).unwrap();
    let xml = document::encode(&doc, ucwa_codec::Format::Xml, false).unwrap();
    let back = document::decode(&xml, None).unwrap();
    assert_eq!(ucwa_codec::diff::diff_documents(&doc, &back), vec![]);
}

/// `cargo fuzz run typing`: a resource with a property named `sender` and links was written
/// to JSON that read back as an events document (`sender` and `_links`), and failed there.
/// Only an array of senders beside `_links`, without `rel`, makes an events document.
#[test]
fn a_resource_with_a_property_named_sender_reads_back_as_a_resource() {
    let xml = br#"<resource rel="phone" href="/p" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><link rel="changeNumber" href="/p/c"/><property name="sender"> tel:+1425554321</property></resource>"#;
    let doc = document::decode(xml, None).unwrap();
    let json = document::encode(&doc, ucwa_codec::Format::Json, false).unwrap();
    let back = document::decode(&json, None).unwrap();
    assert!(back.as_resource().is_some());
    assert_eq!(
        ucwa_codec::diff::diff_documents_with(&doc, &back, ucwa_codec::diff::Comparison::Exact),
        vec![]
    );
    // An events document is still one.
    let events = br#"{"_links":{"self":{"href":"/e"}},"sender":[]}"#;
    assert!(document::decode(events, None)
        .unwrap()
        .as_events()
        .is_some());
}

/// `cargo fuzz run batch` (third crash): a part's message with headers but no body may end
/// right after its last header; the writer ends that line and writes the blank line, so a
/// later part's body error stands two lines further down in what was written. The batch read back is the same but for that
/// position, and what it writes is a fixed point.
#[test]
fn a_head_without_its_blank_line_gets_one_and_later_errors_move_with_it() {
    use ucwa_codec::batch::Batch;
    let body = "--b\nContent-Type: application/http; msgtype=response\n\nHTTP/1.1 200 OK\n\
                Content-Type: text/plain\n--b\nContent-Type: application/http; msgtype=response\n\n\
                HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"rel\": \n--b--\n";
    let batch = Batch::parse(body.as_bytes(), None).unwrap();
    let written = batch.to_vec().unwrap();
    assert!(String::from_utf8_lossy(&written).contains("text/plain\n\n\n--b\n"));
    let again = Batch::parse(&written, None).unwrap();
    let (read, read_again) = (
        batch.parts[1].message.body_error.as_ref().unwrap(),
        again.parts[1].message.body_error.as_ref().unwrap(),
    );
    assert_eq!(read_again.message(), read.message());
    assert_eq!(read_again.path(), read.path());
    assert_eq!(read_again.line(), read.line() + 2);
    assert_eq!(again.to_vec().unwrap(), written);
}
