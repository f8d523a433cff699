//! The hostile shapes of the `pathological` benchmark (issue #17), each an operation on one
//! object of N members, attributes, relations, senders, events ..., its input made here:
//! shared by `benches/pathological.rs` (time) and `examples/pathological_count.rs`
//! (instructions, under callgrind).
#![allow(dead_code)]

use std::hint::black_box;

use ucwa_codec::catalogue::{self, TypingOptions};
use ucwa_codec::{diff, json, xml, Resource};
use ucwa_codec::{ErrorBody, Events, Metadata};

const NS: &str = r#"xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa""#;

/// `f(i)` for `i` in `0..n`, joined with `sep`.
fn many(n: usize, sep: &str, f: impl Fn(usize) -> String) -> String {
    (0..n).map(f).collect::<Vec<_>>().join(sep)
}

/// A JSON document of each shape, with `n` items, and the decoder it goes through.
type Decode = fn(&[u8]);

fn json_shapes(n: usize) -> Vec<(&'static str, String, Decode)> {
    let resource: Decode = |b| drop(black_box(json::from_slice::<Resource>(b).expect("decodes")));
    let error: Decode = |b| {
        drop(black_box(
            json::from_slice::<ErrorBody>(b).expect("decodes"),
        ))
    };
    let events: Decode = |b| drop(black_box(json::from_slice::<Events>(b).expect("decodes")));
    let options: Decode = |b| drop(black_box(json::from_slice::<Metadata>(b).expect("decodes")));
    let event = r#"{"link":{"rel":"r","href":"/r"},"type":"added"}"#;
    let sender = |events: &str| format!(r#"{{"rel":"s","href":"/s","events":[{events}]}}"#);
    let method =
        |parameters: &str| format!(r#"{{"httpMethod":"GET","parameters":[{parameters}]}}"#);
    vec![
        (
            "json-link-attributes",
            format!(
                r#"{{"_links":{{"self":{{"href":"/x",{}}}}}}}"#,
                many(n, ",", |i| format!(r#""a{i}":"v""#))
            ),
            resource,
        ),
        (
            "json-properties",
            format!(
                r#"{{"rel":"x",{}}}"#,
                many(n, ",", |i| format!(r#""p{i}":{i}"#))
            ),
            resource,
        ),
        (
            "json-link-relations",
            format!(
                r#"{{"_links":{{{}}}}}"#,
                many(n, ",", |i| format!(r#""r{i}":{{"href":"/{i}"}}"#))
            ),
            resource,
        ),
        (
            "json-error-members",
            format!(
                r#"{{"code":"X",{}}}"#,
                many(n, ",", |i| format!(r#""m{i}":{i}"#))
            ),
            error,
        ),
        (
            "json-error-parameters",
            format!(
                r#"{{"code":"X","parameters":{{{}}},"debugInfo":{{{}}}}}"#,
                many(n / 2, ",", |i| format!(r#""p{i}":{i}"#)),
                many(n / 2, ",", |i| format!(r#""d{i}":{i}"#))
            ),
            error,
        ),
        (
            "json-events-members",
            format!(
                r#"{{"sender":[],{}}}"#,
                many(n, ",", |i| format!(r#""m{i}":{i}"#))
            ),
            events,
        ),
        (
            "json-events-senders",
            format!(r#"{{"sender":[{}]}}"#, many(n, ",", |_| sender(event))),
            events,
        ),
        (
            "json-events-events",
            format!(
                r#"{{"sender":[{}]}}"#,
                sender(&many(n, ",", |_| event.to_owned()))
            ),
            events,
        ),
        (
            "json-sender-attributes",
            format!(
                r#"{{"sender":[{{"rel":"s","href":"/s",{},"events":[]}}]}}"#,
                many(n, ",", |i| format!(r#""a{i}":"v""#))
            ),
            events,
        ),
        (
            "json-event-members",
            format!(
                r#"{{"sender":[{}]}}"#,
                sender(&format!(
                    r#"{{"link":{{"rel":"r","href":"/r"}},{},"type":"added"}}"#,
                    many(n, ",", |i| format!(r#""m{i}":{i}"#))
                ))
            ),
            events,
        ),
        (
            "json-event-link-attributes",
            format!(
                r#"{{"sender":[{}]}}"#,
                sender(&format!(
                    r#"{{"link":{{"rel":"r","href":"/r",{}}},"type":"added"}}"#,
                    many(n, ",", |i| format!(r#""a{i}":"v""#))
                ))
            ),
            events,
        ),
        (
            "json-metadata-methods",
            format!(r#"{{"metadata":[{}]}}"#, many(n, ",", |_| method(""))),
            options,
        ),
        (
            "json-metadata-parameters",
            format!(
                r#"{{"metadata":[{}]}}"#,
                method(&many(n, ",", |i| format!(r#"{{"name":"p{i}"}}"#)))
            ),
            options,
        ),
        (
            "json-metadata-members",
            format!(
                r#"{{"metadata":[],{}}}"#,
                many(n, ",", |i| format!(r#""m{i}":{i}"#))
            ),
            options,
        ),
        (
            "json-method-members",
            format!(
                r#"{{"metadata":[{{"httpMethod":"GET",{}}}]}}"#,
                many(n, ",", |i| format!(r#""m{i}":{i}"#))
            ),
            options,
        ),
        (
            "json-parameter-members",
            format!(
                r#"{{"metadata":[{}]}}"#,
                method(&format!(
                    r#"{{"name":"p",{}}}"#,
                    many(n, ",", |i| format!(r#""m{i}":{i}"#))
                ))
            ),
            options,
        ),
    ]
}

fn xml_shapes(n: usize) -> Vec<(&'static str, String, Decode)> {
    let resource: Decode = |b| drop(black_box(xml::from_slice::<Resource>(b).expect("decodes")));
    let error: Decode = |b| drop(black_box(xml::from_slice::<ErrorBody>(b).expect("decodes")));
    let events: Decode = |b| drop(black_box(xml::from_slice::<Events>(b).expect("decodes")));
    let sender = |events: &str| format!(r#"<sender rel="s" href="/s">{events}</sender>"#);
    vec![
        (
            "xml-properties",
            format!(
                r#"<resource rel="x" href="/x" {NS}>{}</resource>"#,
                many(n, "", |i| format!(
                    r#"<property name="p{i}">{i}</property>"#
                ))
            ),
            resource,
        ),
        (
            "xml-link-relations",
            format!(
                r#"<resource rel="x" href="/x" {NS}>{}</resource>"#,
                many(n, "", |i| format!(r#"<link rel="r{i}" href="/{i}"/>"#))
            ),
            resource,
        ),
        (
            "xml-embedded-relations",
            format!(
                r#"<resource rel="x" href="/x" {NS}>{}</resource>"#,
                many(n, "", |i| format!(r#"<resource rel="e{i}" href="/{i}"/>"#))
            ),
            resource,
        ),
        (
            "xml-link-prefixed-attributes",
            format!(
                r#"<resource rel="x" href="/x" {NS}><link rel="r" href="/r" {}/></resource>"#,
                many(n / 2, " ", |i| format!(
                    r#"xmlns:p{i}="urn:{i}" p{i}:a="v""#
                ))
            ),
            resource,
        ),
        (
            "xml-namespace-declarations",
            format!(
                r#"<resource rel="x" href="/x" {NS} {}>{}</resource>"#,
                many(n / 2, " ", |i| format!(r#"xmlns:p{i}="urn:{i}""#)),
                many(n / 2, "", |i| format!(
                    r#"<property name="p{i}">{i}</property>"#
                ))
            ),
            resource,
        ),
        (
            "xml-error-members",
            format!(
                r#"<reason {NS}><code>X</code>{}</reason>"#,
                many(n, "", |i| format!("<m{i}>{i}</m{i}>"))
            ),
            error,
        ),
        (
            "xml-events-senders",
            format!(
                r#"<events href="/e" {NS}>{}</events>"#,
                many(n, "", |_| sender(r#"<added rel="r" href="/r"/>"#))
            ),
            events,
        ),
        (
            "xml-events-events",
            format!(
                r#"<events href="/e" {NS}>{}</events>"#,
                sender(&many(n, "", |_| r#"<added rel="r" href="/r"/>"#.to_owned()))
            ),
            events,
        ),
        (
            "xml-events-properties-senders",
            format!(
                r#"<events href="/e" {NS}>{}{}</events>"#,
                many(n / 2, "", |i| format!(
                    r#"<property name="p{i}">{i}</property>"#
                )),
                many(n / 2, "", |_| sender(r#"<added rel="r" href="/r"/>"#))
            ),
            events,
        ),
        (
            "xml-events-link-relations",
            format!(
                r#"<events href="/e" {NS}>{}</events>"#,
                many(n, "", |i| format!(r#"<link rel="r{i}" href="/{i}"/>"#))
            ),
            events,
        ),
        (
            "xml-event-embedded-relations",
            format!(
                r#"<events href="/e" {NS}>{}</events>"#,
                sender(&format!(
                    r#"<added rel="r" href="/r">{}</added>"#,
                    many(n, "", |i| format!(r#"<resource rel="e{i}" href="/{i}"/>"#))
                ))
            ),
            events,
        ),
    ]
}

/// A resource of type `contact` with `n` properties, `n` link relations and a link with `n`
/// attributes; `changed` makes every tenth value differ.
fn resource(n: usize, changed: bool) -> Resource {
    let value = |i: usize| if changed && i % 10 == 0 { i + 1 } else { i };
    let text = format!(
        r#"{{"rel":"contact",{},"_links":{{"self":{{"href":"/x",{}}},{}}}}}"#,
        many(n, ",", |i| format!(r#""p{i}":"{}""#, value(i))),
        many(n, ",", |i| format!(r#""a{i}":"{}""#, value(i))),
        many(n, ",", |i| format!(r#""r{i}":{{"href":"/{}"}}"#, value(i)))
    );
    json::from_str::<Resource>(&text).expect("decodes")
}

/// Every shape at `size` items: its name and the operation, which runs it once.
pub fn cases(size: usize) -> Vec<(String, Box<dyn FnMut()>)> {
    let mut cases: Vec<(String, Box<dyn FnMut()>)> = Vec::new();
    for (shape, text, decode) in json_shapes(size).into_iter().chain(xml_shapes(size)) {
        cases.push((
            shape.to_owned(),
            Box::new(move || decode(black_box(text.as_bytes()))),
        ));
    }
    let members = format!(
        r#"{{"code":"X",{}}}"#,
        many(size, ",", |i| format!(r#""m{i}":{i}"#))
    );
    let body = json::from_str::<ErrorBody>(&members).expect("decodes");
    cases.push((
        "json-encode-error-members".to_owned(),
        Box::new(move || drop(black_box(json::to_vec(black_box(&body)).expect("encodes")))),
    ));
    let prefixed = xml::from_str::<Resource>(&format!(
        r#"<resource rel="x" href="/x" {NS}><link rel="r" href="/r" {}/></resource>"#,
        many(size / 2, " ", |i| format!(
            r#"xmlns:p{i}="urn:{i}" p{i}:a="v""#
        ))
    ))
    .expect("decodes");
    cases.push((
        "xml-encode-link-prefixed-attributes".to_owned(),
        Box::new(move || {
            drop(black_box(
                xml::to_vec(black_box(&prefixed)).expect("encodes"),
            ))
        }),
    ));
    let (a, b) = (resource(size, false), resource(size, true));
    let typed = a.clone();
    cases.push((
        "diff".to_owned(),
        Box::new(move || drop(black_box(diff(black_box(&a), black_box(&b))))),
    ));
    cases.push((
        "typing".to_owned(),
        Box::new(move || {
            let mut r = typed.clone();
            drop(black_box(catalogue::apply(
                &mut r,
                &TypingOptions::default(),
            )));
        }),
    ));
    cases
}
