//! Every document equals itself under `diff`, by meaning and exactly (the command's test is
//! in `cli/tests/self_diff.rs`).

#[macro_use]
mod common;

use ucwa_codec::diff::{diff_documents_with, Comparison};
use ucwa_codec::document::{self, Document};

/// Every sample, valid and invalid, that decodes as a document.
fn documents() -> Vec<(String, Document)> {
    let mut out = Vec::new();
    for which in ["valid", "invalid"] {
        for sample in common::samples(which) {
            if let Ok(doc) = document::decode(&sample.bytes, None) {
                out.push((format!("{which}/{}", sample.name), doc));
            }
        }
    }
    assert!(out.len() > 250, "only {} samples decode", out.len());
    out
}

#[test]
fn every_sample_equals_itself_in_the_library() {
    needs_reference!();
    let mut failures = Vec::new();
    for (name, doc) in documents() {
        for comparison in [Comparison::Meaning, Comparison::Exact] {
            let differences = diff_documents_with(&doc, &doc, comparison);
            if !differences.is_empty() {
                failures.push(format!("{name} ({comparison:?}): {}", differences[0]));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn two_integers_of_one_value_are_the_same() {
    let doc = document::decode(
        br#"{"rel":"x","n":5,"_links":{"self":{"href":"/x"}}}"#,
        None,
    )
    .unwrap();
    for comparison in [Comparison::Meaning, Comparison::Exact] {
        assert_eq!(diff_documents_with(&doc, &doc, comparison), vec![]);
    }
    let events = document::decode(
        br#"{"_links":{"self":{"href":"/e"}},"sender":[{"rel":"me","href":"/me","n":3,"events":[]}]}"#,
        None,
    )
    .unwrap();
    assert_eq!(
        diff_documents_with(&events, &events, Comparison::Meaning),
        vec![]
    );
}

#[test]
fn exactly_every_change_of_form_is_a_difference() {
    let decode = |text: &str| document::decode(text.as_bytes(), None).unwrap();
    let base = r#"{"rel":"x","n":11,"on":true,"when":"\/Date(1463047458421)\/","tags":[],
        "_links":{"self":{"href":"/x"},"a":[{"href":"/a"}]},"_embedded":{"c":[{"rel":"c"}]}}"#;
    let cases = [
        (r#""n":11"#, r#""n":"11""#, r#"n: 11 -> "11""#),
        (r#""on":true"#, r#""on":"True""#, r#"on: true -> "True""#),
        (
            r#""when":"\/Date(1463047458421)\/""#,
            r#""when":"2016-05-12T10:04:18.4210000Z""#,
            r#"when: "\/Date(1463047458421)\/" -> "2016-05-12T10:04:18.4210000Z""#,
        ),
        (r#""tags":[]"#, r#""tags":"""#, r#"tags: [] -> """#),
        (
            r#""a":[{"href":"/a"}]"#,
            r#""a":{"href":"/a"}"#,
            "_links.a: an array -> one object",
        ),
        (
            r#""c":[{"rel":"c"}]"#,
            r#""c":{"rel":"c"}"#,
            "_embedded.c: an array -> one object",
        ),
    ];
    let a = decode(base);
    for (from, to, expected) in cases {
        let b = decode(&base.replace(from, to));
        assert_eq!(
            diff_documents_with(&a, &b, Comparison::Meaning),
            vec![],
            "{to}"
        );
        let exact = diff_documents_with(&a, &b, Comparison::Exact);
        assert_eq!(exact.len(), 1, "{to}: {exact:?}");
        assert_eq!(exact[0].to_string(), expected);
    }
    // An empty relation and an empty `_links` are form too.
    let empty = decode(r#"{"rel":"x","_links":{},"_embedded":{"c":[]}}"#);
    let none = decode(r#"{"rel":"x"}"#);
    assert_eq!(
        diff_documents_with(&empty, &none, Comparison::Meaning),
        vec![]
    );
    let exact: Vec<String> = diff_documents_with(&empty, &none, Comparison::Exact)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        exact,
        [
            "_links: only in the first ({})",
            "_embedded.c: only in the first ([])"
        ]
    );
}
