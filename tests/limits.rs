//! Hostile input: deep nesting, entity bombs, external entities, invalid UTF-8, and the
//! limits of `DecodeOptions`, each an error that names what is wrong.

use ucwa_codec::Resource;
use ucwa_codec::{document, json, xml, DecodeOptions, ErrorKind};

fn deep_json(levels: usize) -> String {
    let mut text = String::with_capacity(levels * 20);
    for _ in 0..levels {
        text.push_str(r#"{"_embedded":{"a":"#);
    }
    text.push_str("{}");
    for _ in 0..levels {
        text.push_str("}}");
    }
    text
}

fn deep_xml(levels: usize) -> String {
    let mut text = String::with_capacity(levels * 30);
    text.push_str(r#"<resource rel="r" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">"#);
    for _ in 0..levels {
        text.push_str(r#"<resource rel="a">"#);
    }
    for _ in 0..levels {
        text.push_str("</resource>");
    }
    text.push_str("</resource>");
    text
}

#[test]
fn a_hundred_thousand_levels_of_embedding_are_an_error_not_a_stack_overflow() {
    let err = json::from_str::<Resource>(&deep_json(100_000)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit, "{err}");
    assert_eq!(
        err.message(),
        "resources nested more than 40 deep (max_depth)"
    );
    let err = xml::from_str::<Resource>(&deep_xml(100_000)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit, "{err}");
    assert!(
        err.to_string()
            .starts_with("resources nested more than 40 deep (max_depth) at line 1, column "),
        "{err}"
    );
    for text in [deep_json(100_000), deep_xml(100_000)] {
        let err = document::decode(text.as_bytes(), None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Limit, "{err}");
    }
}

#[test]
fn the_default_depth_reads_forty_levels() {
    assert!(json::from_str::<Resource>(&deep_json(39)).is_ok());
    assert!(xml::from_str::<Resource>(&deep_xml(39)).is_ok());
    assert!(json::from_str::<Resource>(&deep_json(40)).is_err());
    let mut options = DecodeOptions::default();
    options.max_depth = 5;
    assert_eq!(
        json::from_str_with::<Resource>(&deep_json(5), &options)
            .unwrap_err()
            .kind(),
        ErrorKind::Limit
    );
    assert!(json::from_str_with::<Resource>(&deep_json(4), &options).is_ok());
    assert_eq!(
        xml::from_str_with::<Resource>(&deep_xml(5), &options)
            .unwrap_err()
            .kind(),
        ErrorKind::Limit
    );
    assert!(xml::from_str_with::<Resource>(&deep_xml(4), &options).is_ok());
}

#[test]
fn size_and_item_limits_name_themselves() {
    let mut options = DecodeOptions::default();
    options.max_size = 10;
    let err =
        json::from_slice_with::<Resource>(br#"{"rel": "a_long_type"}"#, &options).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit);
    assert_eq!(
        err.to_string(),
        "the document is 22 bytes, more than 10 (max_size)"
    );
    let err = xml::from_slice_with::<Resource>(br#"<resource rel="a_long_type"/>"#, &options)
        .unwrap_err();
    assert_eq!(
        err.message(),
        "the document is 29 bytes, more than 10 (max_size)"
    );
    let err = document::decode_with(b"{\"code\": \"Conflict\"}", None, &options).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit);

    let mut options = DecodeOptions::default();
    options.max_items = 3;
    let err = json::from_str_with::<Resource>(r#"{"a": [1, 2, 3]}"#, &options).unwrap_err();
    assert_eq!(
        err.to_string(),
        "more than 3 items (max_items) at line 1, column 15, path a[2]"
    );
    let err = xml::from_str_with::<Resource>(
        r#"<resource><property name="a"/><property name="b"/><property name="c"/></resource>"#,
        &options,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "more than 3 items (max_items) at line 1, column 51"
    );
}

#[test]
fn entity_bombs_and_external_entities_fail_fast() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<resource rel="x"><property name="a">&lol2;</property></resource>"#;
    let xxe = r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><resource rel="x"><property name="a">&xxe;</property></resource>"#;
    for text in [laughs, xxe] {
        let err = xml::from_str::<Resource>(text).unwrap_err();
        assert_eq!(
            err.message(),
            "a DOCTYPE is not allowed (UCWA documents declare no entities)"
        );
        assert!(document::decode(text.as_bytes(), None).is_err());
    }
    // Without a DOCTYPE, an undeclared entity is refused too.
    let err = xml::from_str::<Resource>(
        r#"<resource rel="x"><property name="a">&xxe;</property></resource>"#,
    )
    .unwrap_err();
    assert!(err.message().starts_with("unknown entity `&xxe;`"), "{err}");
}

#[test]
fn bytes_that_are_not_utf8_are_an_error_with_their_offset() {
    let mut bytes = br#"{"rel": "caf"#.to_vec();
    bytes.extend_from_slice(&[0xE9, b'"', b'}']);
    for err in [
        json::from_slice::<Resource>(&bytes).unwrap_err(),
        xml::from_slice::<Resource>(&bytes).unwrap_err(),
        document::decode(&bytes, None).unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::Utf8);
        assert_eq!(
            err.to_string(),
            "invalid UTF-8 at byte offset 12 at line 1, column 13"
        );
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    assert!(json::from_slice::<Resource>(b"\xEF\xBB\xBF{\"rel\": \"x\"}").is_ok());
    assert!(xml::from_slice::<Resource>(b"\xEF\xBB\xBF<resource rel=\"x\"/>").is_ok());
    assert!(document::decode(b"\xEF\xBB\xBF{\"code\": \"x\"}", None).is_ok());
    assert!(document::decode(b"\xEF\xBB\xBF<reason><code>x</code></reason>", None).is_ok());
}
