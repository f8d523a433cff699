//! The JSON decoder's fast path against the serde decoder: on every documented sample (valid
//! and invalid), every fixture, generated documents and mutations and truncations of them,
//! whatever the fast path reads the serde decoder reads the same, and what the serde decoder
//! refuses the fast path leaves to it (so that every error is the serde decoder's).

#[macro_use]
mod common;

use proptest::prelude::*;

use common::fast_path::{agreement, mutate};
use ucwa_codec::__private::{
    events_json_fast_path, events_json_full_decoder, events_json_paths_with, json_fast_path,
    json_full_decoder, json_paths_with,
};
use ucwa_codec::{json, Cardinality, DecodeOptions, Events, Link, Resource, Value};

/// [`agreement`] on a resource.
fn agree(text: &str) -> Result<bool, TestCaseError> {
    agreement(text, json_fast_path(text), json_full_decoder(text))
}

/// [`agreement`] on an events document.
fn agree_on_events(text: &str) -> Result<bool, TestCaseError> {
    agreement(
        text,
        events_json_fast_path(text),
        events_json_full_decoder(text),
    )
}

/// [`agreement`] both ways: as a resource and as an events document. `true` if either was
/// read by the fast path.
fn agree_both(text: &str) -> Result<bool, TestCaseError> {
    Ok(agree(text)? | agree_on_events(text)?)
}

#[test]
fn every_documented_resource_takes_the_fast_path() {
    needs_reference!();
    let mut read = 0;
    for sample in common::resource_samples() {
        if !sample.is_json() {
            continue;
        }
        let text = sample.text().trim_start_matches('\u{FEFF}');
        let Ok(full) = json_full_decoder(text) else {
            // Not a resource the decoder reads (an HTML body, a batch): the fast path leaves it.
            assert!(json_fast_path(text).is_none(), "{}", sample.name);
            continue;
        };
        let fast = json_fast_path(text)
            .unwrap_or_else(|| panic!("{}: left to the serde decoder", sample.name));
        assert_eq!(fast, full, "{}", sample.name);
        let compact = common::minify_json(text);
        assert!(agree(&compact).unwrap(), "{}: compact", sample.name);
        read += 1;
    }
    assert!(read >= 140, "only {read} samples read");
}

#[test]
fn every_documented_event_takes_the_fast_path() {
    needs_reference!();
    let samples = common::samples_where("valid", |name| {
        name.contains(".event.") && name.ends_with(".json")
    });
    assert!(samples.len() >= 41);
    for (name, bytes) in samples {
        let text = std::str::from_utf8(&bytes).unwrap();
        let text = text.trim_start_matches('\u{FEFF}');
        assert!(
            agree_on_events(text).unwrap(),
            "{name}: left to the serde decoder"
        );
        assert!(
            agree_on_events(&common::minify_json(text)).unwrap(),
            "{name}"
        );
        // Read as a resource too, both paths agree.
        agree(text).unwrap();
    }
}

#[test]
fn every_sample_and_fixture_agrees_whatever_it_is() {
    needs_reference!();
    let mut texts: Vec<(String, String)> = Vec::new();
    for folder in ["valid", "invalid"] {
        for sample in common::samples(folder) {
            if sample.is_json() {
                texts.push((sample.name.clone(), sample.text().to_owned()));
            }
        }
    }
    let fixtures = common::repo_root().join("tests/fixtures");
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            texts.push((path.display().to_string(), text));
        }
    }
    assert!(texts.len() > 200, "{}", texts.len());
    for (name, text) in &texts {
        let text = text.trim_start_matches('\u{FEFF}');
        agree_both(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        // The public functions give what they gave before: the serde decoder's answer.
        let public = json::from_str::<Resource>(text);
        match (json_full_decoder(text), &public) {
            (Ok(_), _) | (Err(_), Err(_)) => {}
            (Err(err), Ok(_)) => panic!("{name}: read although the decoder refuses: {err}"),
        }
    }
}

#[test]
fn fixtures_take_the_fast_path() {
    let fixtures = common::repo_root().join("tests/fixtures");
    for (file, events) in [
        ("conversation.json", false),
        ("invitation.json", false),
        ("events.json", true),
    ] {
        let text = std::fs::read_to_string(fixtures.join(file)).unwrap();
        let read = if events {
            agree_on_events(&text).unwrap()
        } else {
            agree(&text).unwrap()
        };
        assert!(read, "{file}: left to the serde decoder");
    }
}

/// A resource with a little of everything the fast path reads.
fn sample_resource() -> Resource {
    let mut child = Resource::new("contact");
    let titled = Link::new("/c/1").with_attribute("title", "A \"B\" \\ C");
    child.push_link("self", Cardinality::Single, titled);
    child.push_property("name", "Zoë <z@x> 😀");
    child.push_property("emails", Value::List(vec!["a@x".into(), "b@x".into()]));
    child.push_property("note", Value::Null);
    child.push_property("blocked", false);
    child.push_property(
        "when",
        ucwa_codec::Date::from_unix_millis(1_474_932_024_822).unwrap(),
    );
    let mut resource = Resource::new("myContacts");
    resource.push_link("self", Cardinality::Single, Link::new("/contacts"));
    let next = Link::new("/contacts?page=2").with_attribute("title", "Next");
    resource.push_link("next", Cardinality::Single, next);
    resource.push_link("contact", Cardinality::Array, Link::new("/c/1"));
    resource.push_link("contact", Cardinality::Array, Link::new("/c/2"));
    resource.push_property("count", -1);
    resource.push_property("text", "line one\n\tline two\u{1}");
    resource.push_embedded("contact", Cardinality::Array, child.clone());
    resource.push_embedded("owner", Cardinality::Single, child);
    resource
}

/// An events document with a little of everything the fast path reads.
const SAMPLE_EVENTS: &str = r#"{"_links": {"self": {"href": "/e?ack=1"}, "next": {"href": "/e?ack=2"}},
    "sender": [{"rel": "conversation", "href": "/c/1", "title": "T", "events": [
      {"link": {"rel": "message", "href": "/c/1/m/2", "title": "M"}, "in": {"rel": "c", "href": "/c/1"},
       "status": "Success", "_embedded": {"message": {"_links": {"self": {"href": "/c/1/m/2"}},
       "direction": "Incoming", "rel": "message"}}, "type": "completed"},
      {"type": "added", "link": {"href": "/p", "rel": "participant"}, "x": [1, "\/Date(5)\/"]},
      {"link": {"rel": "x", "href": "/x"}, "status": "Failure", "reason": {"code": "Gone",
       "subcode": "S", "message": "m", "link": {"href": "/l", "rel": "r"},
       "parameters": {"a": 1, "b": [2]}, "debugInfo": {}, "z": null}, "type": "completed"}]},
      {"rel": "me", "href": "/me", "events": []}], "extra": true}"#;

#[test]
fn written_documents_take_the_fast_path() {
    let resource = sample_resource();
    for text in [
        json::to_string(&resource),
        json::to_string_pretty(&resource),
    ] {
        let text = text.unwrap();
        assert!(agree(&text).unwrap(), "left to the serde decoder:\n{text}");
    }
    assert!(agree_on_events(SAMPLE_EVENTS).unwrap());
    let events = json::from_str::<Events>(SAMPLE_EVENTS).unwrap();
    for text in [json::to_string(&events), json::to_string_pretty(&events)] {
        let text = text.unwrap();
        assert!(agree_on_events(&text).unwrap(), "{text}");
    }
}

/// Spots the fast path might get wrong: each inserted somewhere in a written document.
const SNIPPETS: &[&str] = &[
    " ",
    "\n",
    "\r",
    "\t",
    "\u{c}",
    "\u{1}",
    "\u{0}",
    "\u{a0}",
    "é",
    "\"",
    "\\",
    "\\\"",
    "\\\\",
    "\\/",
    "\\u0041",
    "\\u00e9",
    "\\ud83d\\ude00",
    "\\ud83d",
    "\\ude00",
    "\\ud83d\\u0041",
    "\\u12",
    "\\x",
    ",",
    ":",
    "{",
    "}",
    "[",
    "]",
    "{}",
    "[]",
    "0",
    "-",
    "-0",
    "01",
    "1.5",
    "1e5",
    "1E+2",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "123456789012345678901",
    "true",
    "false",
    "null",
    "nul",
    "\"rel\":\"x\",",
    "\"_links\":{},",
    "\"_embedded\":{},",
    "\"_links\":[],",
    "\"href\":\"/h\",",
    "\"href\":1,",
    "\"title\":\"t\",",
    "\"p\":[1,[2]],",
    "\"p\":{},",
    "\"self\":{\"href\":\"/s\"},",
    "\"self\":[],",
    "\"self\":\"x\",",
    "\"c\":{\"rel\":\"c\"},",
    "\"c\":[{}],",
    "\"type\":\"added\",",
    "\"type\":1,",
    "\"link\":{\"rel\":\"r\",\"href\":\"/r\"},",
    "\"in\":{\"rel\":\"r\"},",
    "\"status\":\"Failure\",",
    "\"reason\":{\"code\":\"Gone\"},",
    "\"events\":[],",
    "\"sender\":[],",
    "\"\\/Date(1)\\/\"",
    "\"/Date(1+0100)/\"",
    "/Date(",
    "\u{FEFF}",
];

#[test]
fn every_snippet_at_every_place_agrees() {
    let (mut read, mut left) = (0, 0);
    let resource = sample_resource();
    for text in [
        json::to_string(&resource).unwrap(),
        json::to_string_pretty(&resource).unwrap(),
    ] {
        for at in 0..=text.len() {
            for snippet in SNIPPETS {
                for cut in [0, 1] {
                    match agree(&mutate(&text, at, snippet, cut)) {
                        Ok(true) => read += 1,
                        Ok(false) => left += 1,
                        Err(failure) => panic!("{failure}"),
                    }
                }
            }
        }
    }
    // Both outcomes are common: the comparison is not vacuous.
    assert!(read > 10_000 && left > 10_000, "read {read}, left {left}");
}

#[test]
fn every_snippet_at_every_place_of_an_events_document_agrees() {
    let (mut read, mut left) = (0, 0);
    for text in [SAMPLE_EVENTS.to_owned(), common::minify_json(SAMPLE_EVENTS)] {
        for at in 0..=text.len() {
            for snippet in SNIPPETS {
                match agree_on_events(&mutate(&text, at, snippet, 0)) {
                    Ok(true) => read += 1,
                    Ok(false) => left += 1,
                    Err(failure) => panic!("{failure}"),
                }
            }
        }
    }
    assert!(read > 5_000 && left > 5_000, "read {read}, left {left}");
}

#[test]
fn every_truncation_is_left_to_the_serde_decoder() {
    let resource = json::to_string_pretty(&sample_resource()).unwrap();
    for (text, events) in [(resource, false), (SAMPLE_EVENTS.to_owned(), true)] {
        for end in (0..text.len()).filter(|&end| text.is_char_boundary(end)) {
            let cut = &text[..end];
            let read = if events {
                agree_on_events(cut).unwrap()
            } else {
                agree(cut).unwrap()
            };
            // Only the whole document (perhaps less its final blanks) is read.
            assert!(
                !read || cut.trim_end().len() == text.trim_end().len(),
                "{cut}"
            );
        }
    }
}

#[test]
fn limits_hold_in_the_fast_path() {
    let resource = json::to_string(&sample_resource()).unwrap();
    let check = |options: &DecodeOptions| {
        let (fast, full) = json_paths_with(&resource, options);
        agreement(&resource, fast, full).unwrap();
        let (fast, full) = events_json_paths_with(SAMPLE_EVENTS, options);
        agreement(SAMPLE_EVENTS, fast, full).unwrap();
    };
    for limit in 0..40 {
        check(&DecodeOptions::new().with_max_items(limit));
        check(&DecodeOptions::new().with_max_depth(limit));
    }
    for size in [
        0,
        10,
        resource.len() - 1,
        resource.len(),
        SAMPLE_EVENTS.len(),
    ] {
        check(&DecodeOptions::new().with_max_size(size));
    }
    // At the limits themselves, the fast path still reads.
    let full = json_full_decoder(&resource).unwrap();
    let items = (0..1000)
        .find(|&n| {
            json_paths_with(&resource, &DecodeOptions::new().with_max_items(n))
                .1
                .is_ok()
        })
        .unwrap();
    let (fast, _) = json_paths_with(&resource, &DecodeOptions::new().with_max_items(items));
    assert_eq!(fast, Some(full.clone()));
    let (fast, _) = json_paths_with(&resource, &DecodeOptions::new().with_max_items(items - 1));
    assert_eq!(fast, None);
    let (fast, _) = json_paths_with(&resource, &DecodeOptions::new().with_max_depth(2));
    assert_eq!(fast, Some(full));
    let (fast, _) = json_paths_with(&resource, &DecodeOptions::new().with_max_depth(1));
    assert_eq!(fast, None);
}

#[test]
fn deep_nesting_is_left_to_serde_json_past_its_limit() {
    for depth in [10, 60, 126, 127, 128, 129, 200] {
        let options = DecodeOptions::new().with_max_depth(1000);
        let mut text = String::new();
        for _ in 0..depth {
            text += r#"{"_embedded":{"c":"#;
        }
        text += "{}";
        for _ in 0..depth {
            text += "}}";
        }
        let (fast, full) = json_paths_with(&text, &options);
        agreement(&text, fast, full).unwrap();
        let list = format!(r#"{{"p":{}1{}}}"#, "[".repeat(depth), "]".repeat(depth));
        agree(&list).unwrap();
    }
}

/// A JSON text from the pieces a UCWA document and its mistakes are made of: member names
/// that mean something to the decoders, or not, and repeated; values of every type and
/// number form; blanks or none.
fn json_text(depth: u32) -> BoxedStrategy<String> {
    let key = prop::sample::select(vec![
        "rel",
        "_links",
        "_embedded",
        "href",
        "title",
        "self",
        "type",
        "link",
        "in",
        "status",
        "sender",
        "events",
        "p",
        "q",
        "r\\u0065l",
        "",
        "é",
    ]);
    let scalar = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        any::<i64>().prop_map(|i| i.to_string()),
        prop::sample::select(vec![
            "-0",
            "1.0",
            "1e2",
            "18446744073709551616",
            "9223372036854775808",
            "-9223372036854775809",
        ])
        .prop_map(str::to_owned),
        "[ a-z/\u{e9}]{0,8}".prop_map(|s| format!("\"{s}\"")),
        prop::sample::select(vec![
            r#""\/Date(1474932024822)\/""#,
            r#""/Date(-5+0130)/""#,
            r#""/Date(x)/""#,
            r#""a\"b\\c\nd\u00e9\ud83d\ude00""#,
            r#""\ud83d""#,
            r#""added""#,
        ])
        .prop_map(str::to_owned),
    ];
    let blank = prop::sample::select(vec!["", " ", "\n  ", "\t", "\r\n"]);
    let leaf = scalar.boxed();
    leaf.prop_recursive(depth, 64, 6, move |inner| {
        let blank = blank.clone();
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|items| format!("[{}]", items.join(","))),
            (
                prop::collection::vec((key.clone(), inner, blank.clone()), 0..6),
                blank
            )
                .prop_map(|(members, end)| {
                    let members: Vec<String> = members
                        .into_iter()
                        .map(|(k, v, b)| format!("{b}\"{k}\"{b}:{b}{v}"))
                        .collect();
                    format!("{{{}{end}}}", members.join(","))
                }),
        ]
    })
    .boxed()
}

proptest! {
    #![proptest_config(common::proptest_config(4096))]

    #[test]
    fn generated_documents_agree(text in json_text(5)) {
        agree_both(&text)?;
    }

    #[test]
    fn generated_documents_agree_under_limits(
        text in json_text(5),
        items in 0usize..30,
        depth in 0usize..4,
    ) {
        for options in [
            DecodeOptions::new().with_max_items(items),
            DecodeOptions::new().with_max_depth(depth),
        ] {
            let (fast, full) = json_paths_with(&text, &options);
            agreement(&text, fast, full)?;
            let (fast, full) = events_json_paths_with(&text, &options);
            agreement(&text, fast, full)?;
        }
    }

    #[test]
    fn doubly_mutated_documents_agree(
        pretty in any::<bool>(),
        at in any::<(usize, usize)>(),
        snippets in (prop::sample::select(SNIPPETS), prop::sample::select(SNIPPETS)),
        cut in (0usize..4, 0usize..4),
    ) {
        let resource = sample_resource();
        let text = if pretty { json::to_string_pretty(&resource) } else { json::to_string(&resource) };
        let once = mutate(&text.unwrap(), at.0, snippets.0, cut.0);
        agree(&mutate(&once, at.1, snippets.1, cut.1))?;
        let once = mutate(SAMPLE_EVENTS, at.0, snippets.0, cut.0);
        agree_on_events(&mutate(&once, at.1, snippets.1, cut.1))?;
    }
}

#[test]
fn vectors_are_cut_to_size() {
    // Five links and three resources of one relation, an array property: each ends at its
    // exact size, as the serde decoder leaves them.
    let mut text = String::from(r#"{"_links":{"contact":["#);
    let links: Vec<String> = (0..5).map(|i| format!(r#"{{"href":"/p/{i}"}}"#)).collect();
    text += &links.join(",");
    text += r#"],"single":{"href":"/s"}},"list":[1,2,3],"_embedded":{"contact":[{},{},{}]}}"#;
    let fast = json_fast_path(&text).expect("in the fast path's subset");
    assert_eq!(fast, json_full_decoder(&text).unwrap());
    assert_eq!(fast.links[0].links.capacity(), 5);
    assert_eq!(fast.links[1].links.capacity(), 1);
    assert_eq!(fast.embedded[0].resources.capacity(), 3);
    assert_eq!(fast.properties.capacity(), 1);
}
