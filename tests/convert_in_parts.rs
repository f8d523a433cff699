//! The conversion of a large document without the whole of it twice in memory: its output
//! is written in pieces as it is encoded (`document::encode_to_writer`), and its losses are
//! checked an embedded resource at a time. Both must be what the whole gives: the same bytes
//! as `document::encode`, and the same warnings as reading the whole output back. Tested on
//! every documented sample, on documents built from them to reach the corners (relations of
//! one, single relations of several, empty ones, nulls deep down only, documents larger than
//! the pieces) and on mutations of those.

#[macro_use]
mod common;

use proptest::prelude::*;

use common::fast_path::mutate;
use ucwa_codec::__private::convert_losses_both_ways;
use ucwa_codec::convert::{convert_document, convert_to_writer, ConvertOptions};
use ucwa_codec::{
    document, json, Cardinality, Document, DocumentKind, Format, Link, Resource, Value,
};

fn other(format: Format) -> Format {
    match format {
        Format::Json => Format::Xml,
        Format::Xml => Format::Json,
    }
}

/// The losses by parts are those of the whole, and the parts stood for the whole of a
/// resource (`must_use_parts`). A document the whole cannot be checked for (an error) is left
/// to the whole by the parts, so that the error is the whole's.
fn parts_agree(document: &Document, from: Format, options: &ConvertOptions, must_use_parts: bool) {
    let to = other(from);
    let Ok((parts, whole)) = convert_losses_both_ways(document.clone(), from, to, options) else {
        return;
    };
    let label = || {
        let text = document::encode(document, from, true).unwrap_or_default();
        String::from_utf8_lossy(&text).into_owned()
    };
    match (parts, whole) {
        (Some(parts), Ok(whole)) => assert_eq!(parts, whole, "{}", label()),
        (None, Ok(_)) => assert!(!must_use_parts, "the parts did not stand for:\n{}", label()),
        (Some(parts), Err(err)) => panic!(
            "parts {parts:?} where the whole fails ({err}):\n{}",
            label()
        ),
        (None, Err(_)) => {}
    }
}

/// Converts through `convert_to_writer` into a writer that takes a few bytes a call, and
/// through `convert_document`: the same bytes and warnings, or the same error.
fn writer_agrees(document: &Document, from: Format, options: &ConvertOptions) {
    let to = other(from);
    let mut out = Trickle(Vec::new());
    let mut streamed = document.clone();
    let written = convert_to_writer(&mut streamed, from, to, options, &mut out);
    match (
        written,
        convert_document(document.clone(), from, to, options),
    ) {
        (Ok(warnings), Ok(whole)) => {
            assert_eq!(out.0, whole.bytes);
            assert_eq!(warnings, whole.warnings);
            assert_eq!(streamed, whole.document);
        }
        (Err(a), Err(b)) => {
            assert_eq!(
                (a.kind(), a.message(), a.path()),
                (b.kind(), b.message(), b.path())
            );
            assert!(out.0.is_empty(), "an error after writing");
        }
        (a, b) => panic!("{a:?} against {b:?}"),
    }
}

/// A writer that takes at most seven bytes a call.
struct Trickle(Vec<u8>);

impl std::io::Write for Trickle {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = buf.len().min(7);
        self.0.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn both_options() -> [ConvertOptions; 2] {
    [
        ConvertOptions::default(),
        ConvertOptions::default().pretty(true),
    ]
}

/// Every valid sample, decoded, with the format it came in.
fn documents() -> Vec<(String, Document, Format)> {
    common::samples("valid")
        .into_iter()
        .filter_map(|sample| {
            let format = if sample.is_json() {
                Format::Json
            } else {
                Format::Xml
            };
            let document = document::decode(&sample.bytes, Some(format)).ok()?;
            Some((sample.name, document, format))
        })
        .collect()
}

#[test]
fn losses_by_parts_are_those_of_the_whole_on_every_sample() {
    needs_reference!();
    let documents = documents();
    assert!(documents.len() > 300, "{}", documents.len());
    for (_, document, from) in &documents {
        for options in both_options() {
            let is_resource = document.kind() == DocumentKind::Resource;
            parts_agree(document, *from, &options, is_resource);
            writer_agrees(document, *from, &options);
        }
    }
}

#[test]
fn an_embedded_resource_without_a_type_is_typed_by_its_parents_relation_in_parts_too() {
    needs_reference!();
    let mut untyped = 0;
    for (_, document, from) in documents() {
        let Document::Resource(mut resource) = document else {
            continue;
        };
        for group in &mut resource.embedded {
            for child in group.resources.iter_mut() {
                child.type_name = None;
                child.layout.type_at = None;
                untyped += 1;
            }
        }
        parts_agree(
            &Document::Resource(resource),
            from,
            &ConvertOptions::default(),
            true,
        );
    }
    assert!(untyped > 100, "{untyped}");
}

/// The documented contact, and resources of every sample, embedded in one list in
/// relations of every shape.
fn corners() -> Vec<(Resource, Format)> {
    let mut resources: Vec<(Resource, Format)> = documents()
        .into_iter()
        .filter_map(|(_, document, format)| match document {
            Document::Resource(resource) => Some((resource, format)),
            _ => None,
        })
        .collect();
    resources.truncate(400);
    let mut lists = Vec::new();
    for from in [Format::Json, Format::Xml] {
        let same: Vec<Resource> = resources
            .iter()
            .filter(|(_, f)| *f == from)
            .map(|(r, _)| r.clone())
            .collect();
        let mut list = Resource::new("myContacts");
        list.set_self_href("/ucwa/v1/applications/1/people/contacts");
        list.push_property("count", 3);
        for (i, resource) in same.iter().enumerate() {
            let relation = resource.type_name().unwrap_or("item").to_owned();
            list.push_embedded(relation, Cardinality::Array, resource.clone());
            if i % 7 == 0 {
                // One in a relation of its own, single; one in an unknown array of one.
                list.push_embedded(format!("single{i}"), Cardinality::Single, resource.clone());
                list.push_embedded(format!("pals{i}"), Cardinality::Array, resource.clone());
            }
        }
        // Several in a relation JSON wrote as one object, and a relation with none.
        let mut a = Resource::new("contact");
        a.set_self_href("/c/a");
        let mut b = a.clone();
        b.set_self_href("/c/b");
        b.push_property("note", Value::Null);
        list.push_embedded("several", Cardinality::Single, a);
        list.push_embedded("several", Cardinality::Single, b);
        list.embedded.push(ucwa_codec::EmbeddedGroup {
            relation: "none".into(),
            cardinality: Cardinality::Array,
            resources: Default::default(),
        });
        lists.push((list, from));
    }
    lists
}

#[test]
fn losses_by_parts_are_those_of_the_whole_in_the_corners() {
    needs_reference!();
    for (list, from) in corners() {
        let size = document::encode(&list, Format::Json, false).unwrap().len();
        assert!(
            size > 3 * 64 * 1024,
            "{size} bytes: larger than the pieces it is written in"
        );
        let document = Document::Resource(list);
        for options in both_options() {
            parts_agree(&document, from, &options, true);
            writer_agrees(&document, from, &options);
        }
    }
}

/// A `myContacts` list of `n` contacts, each with its self link and a name; `finish` adds to
/// the `i`th what a test needs and names the relation it is embedded under (an array).
fn contact_list(n: usize, finish: impl Fn(usize, &mut Resource) -> &'static str) -> Resource {
    let mut list = Resource::new("myContacts");
    list.set_self_href("/contacts");
    for i in 0..n {
        let mut contact = Resource::new("contact");
        contact.set_self_href(format!("/contacts/{i}"));
        contact.push_property("name", format!("Contact {i}"));
        let relation = finish(i, &mut contact);
        list.push_embedded(relation, Cardinality::Array, contact);
    }
    list
}

#[test]
fn a_null_after_the_first_pieces_is_declared_on_the_root() {
    // The root's `xmlns:xsi` waits for the first null; written in pieces, it cannot wait.
    let mut list = contact_list(3000, |i, contact| {
        if i == 2999 {
            contact.push_property("department", Value::Null);
        }
        "contact"
    });
    for pretty in [false, true] {
        let whole = document::encode(&list, Format::Xml, pretty).unwrap();
        assert!(whole.len() > 3 * 64 * 1024);
        let mut pieces = Trickle(Vec::new());
        document::encode_to_writer(&list, Format::Xml, pretty, &mut pieces).unwrap();
        assert_eq!(
            String::from_utf8(pieces.0).unwrap(),
            String::from_utf8(whole).unwrap()
        );
    }
    // And without a null, no declaration.
    list.embedded[0].resources[2999].properties.pop();
    let mut pieces = Vec::new();
    document::encode_to_writer(&list, Format::Xml, false, &mut pieces).unwrap();
    assert!(!String::from_utf8(pieces).unwrap().contains("xmlns:xsi"));
}

#[test]
fn an_error_of_the_writer_is_the_conversions_error() {
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "the disk is full",
            ))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut document =
        json::from_str::<Document>(r#"{"rel":"me","_links":{"self":{"href":"/me"}}}"#).unwrap();
    let err = convert_to_writer(
        &mut document,
        Format::Json,
        Format::Xml,
        &ConvertOptions::default(),
        Full,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ucwa_codec::ErrorKind::Io);
    assert!(err.message().contains("the disk is full"), "{err}");
}

#[test]
fn what_cannot_be_written_is_an_error_before_anything_is_written() {
    // The second contact's link attribute is a list, which an XML attribute cannot hold.
    let mut list = Resource::new("myContacts");
    for i in 0..2 {
        let mut contact = Resource::new("contact");
        let mut link = Link::new(format!("/c/{i}"));
        if i == 1 {
            link = link.with_attribute("revision", Value::List(vec![Value::from(3)]));
        }
        contact.push_link("self", Cardinality::Single, link);
        list.push_embedded("contact", Cardinality::Array, contact);
    }
    let document = Document::Resource(list);
    writer_agrees(&document, Format::Json, &ConvertOptions::default());
    let mut out = Vec::new();
    let err = convert_to_writer(
        &mut document.clone(),
        Format::Json,
        Format::Xml,
        &ConvertOptions::default(),
        &mut out,
    )
    .unwrap_err();
    assert_eq!(err.path(), "_embedded.contact[1]");
    assert!(out.is_empty());
}

#[test]
fn an_untyped_embedded_resource_comes_back_typed_by_its_relation() {
    // `from` is documented on `audioVideoInvitation` as a `participant`, whose `anonymous` is
    // a boolean: read back from XML, the untyped `from` takes its relation for its type and
    // is typed as a participant; `other` is not documented, and its boolean comes back as
    // text.
    let json = br#"{"rel":"audioVideoInvitation","_links":{"self":{"href":"/i"}},"_embedded":{"from":{"anonymous":true,"_links":{"self":{"href":"/p"}}},"other":{"anonymous":true}}}"#;
    let document = document::decode(json, None).unwrap();
    parts_agree(&document, Format::Json, &ConvertOptions::default(), true);
    let converted = convert_document(
        document,
        Format::Json,
        Format::Xml,
        &ConvertOptions::default(),
    )
    .unwrap();
    let paths: Vec<&str> = converted.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "_embedded.from.rel",
            "_embedded.other.rel",
            "_embedded.other.anonymous"
        ]
    );
}

const SNIPPETS: &[&str] = &[
    r#""x":null,"#,
    r#""n":15,"#,
    r#","_embedded":{"a":[{"rel":"contact","name":null}]}"#,
    r#"{"rel":"phone"},"#,
    r#""_links":{},"#,
    r#","y":[1,"2",null]"#,
    "<property name=\"p\" xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>",
    "<resource rel=\"a\" href=\"/a\"><property name=\"rel\">b</property></resource>",
    "<propertyList name=\"l\"><item>1</item></propertyList>",
    "<link rel=\"x\" href=\"/x\"/>",
    "2015-01-01T00:00:00.0000000Z",
    "True",
];

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn losses_by_parts_are_those_of_the_whole_on_mutated_lists(
        at in any::<usize>(),
        snippet in prop::sample::select(SNIPPETS),
        cut in 0usize..6,
        from_xml in any::<bool>(),
        pretty in any::<bool>(),
    ) {
        let from = if from_xml { Format::Xml } else { Format::Json };
        let list = contact_list(4, |i, contact| {
            contact.push_property("emailAddresses", Value::List(vec![Value::from("a@b")]));
            if i == 3 { "pals" } else { "contact" }
        });
        let text = String::from_utf8(document::encode(&list, from, pretty).unwrap()).unwrap();
        let mutated = mutate(&text, at, snippet, cut);
        if let Ok(document) = document::decode(mutated.as_bytes(), Some(from)) {
            for options in both_options() {
                parts_agree(&document, from, &options, false);
                writer_agrees(&document, from, &options);
            }
        }
    }
}
