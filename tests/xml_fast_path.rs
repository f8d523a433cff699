//! The XML decoder's fast path against the full decoder (on quick-xml): on every documented
//! sample, on every document the encoder writes, and on mutations of them, whatever the fast
//! path reads the full decoder reads the same, and what the full decoder refuses the fast path
//! leaves to it.

#[macro_use]
mod common;

use proptest::prelude::*;

use common::fast_path::{agreement, mutate};
use ucwa_codec::__private::{
    events_xml_fast_path, events_xml_full_decoder, xml_fast_path, xml_full_decoder,
};
use ucwa_codec::events::Events;
use ucwa_codec::json;
use ucwa_codec::{xml, Cardinality, Link, Resource, Value};

/// [`agreement`] on a resource.
fn agree(text: &str) -> Result<bool, TestCaseError> {
    agreement(text, xml_fast_path(text), xml_full_decoder(text))
}

/// [`agreement`] on an events document.
fn agree_on_events(text: &str) -> Result<bool, TestCaseError> {
    agreement(
        text,
        events_xml_fast_path(text),
        events_xml_full_decoder(text),
    )
}

/// The documented event samples, decoded from JSON.
fn event_samples() -> Vec<(String, Events)> {
    common::samples_where("valid", |name| {
        name.contains(".event.") && name.ends_with(".json")
    })
    .into_iter()
    .map(|(name, bytes)| {
        let decoded = json::from_slice::<Events>(&bytes).unwrap();
        (name, decoded)
    })
    .collect()
}

#[test]
fn every_documented_event_in_xml_takes_the_fast_path() {
    needs_reference!();
    let samples = event_samples();
    assert!(samples.len() >= 41);
    for (name, sample) in samples {
        for text in [
            xml::to_string(&sample).unwrap(),
            xml::to_string_pretty(&sample).unwrap(),
        ] {
            let read = agree_on_events(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(read, "{name}: left to the full decoder:\n{text}");
        }
    }
    // And the XML events response the documentation prints.
    let text = common::DOCUMENTED_EVENTS_XML;
    assert!(agree_on_events(text).unwrap(), "left to the full decoder");
}

#[test]
fn every_snippet_at_every_place_of_an_events_document_agrees() {
    // Links, a sender with attributes, events with `in`, `status` and an embedded resource.
    let mut sample = json::from_str::<Events>(
        r#"{"_links": {"self": {"href": "/e?ack=1"}, "next": {"href": "/e?ack=2"}},
            "sender": [{"rel": "conversation", "href": "/c/1", "title": "T", "events": [
              {"link": {"rel": "message", "href": "/c/1/m/2"}, "in": {"rel": "c", "href": "/c/1"},
               "status": "Success", "_embedded": {"message": {"_links": {"self": {"href": "/c/1/m/2"}},
               "direction": "Incoming", "rel": "message"}}, "type": "completed"},
              {"link": {"rel": "participant", "href": "/p"}, "type": "added"}]}]}"#,
    )
    .unwrap();
    sample.senders[0].events[1].status = None;
    let (mut read, mut left) = (0, 0);
    for text in [
        xml::to_string(&sample).unwrap(),
        xml::to_string_pretty(&sample).unwrap(),
    ] {
        assert!(
            agree_on_events(&text).unwrap(),
            "left to the full decoder:\n{text}"
        );
        for at in 0..=text.len() {
            for snippet in SNIPPETS.iter().chain(EVENT_SNIPPETS) {
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

/// Spots of events documents, beside [`SNIPPETS`].
const EVENT_SNIPPETS: &[&str] = &[
    "<in rel=\"i\" href=\"/i\"/>",
    "<status>Failure</status>",
    "<status/>",
    "<reason><code>Gone</code></reason>",
    "<sender rel=\"s\" href=\"/s\"></sender>",
    "<added rel=\"a\" href=\"/a\"/>",
    "<link rel=\"resync\" href=\"/r\"/>",
    " xsi:nil=\"true\"",
    "</sender>",
    "</added>",
    "<events>",
];

#[test]
fn every_documented_resource_takes_the_fast_path() {
    needs_reference!();
    let mut read = 0;
    for sample in common::resource_samples() {
        if sample.is_json() {
            continue;
        }
        let text = sample.text().trim_start_matches('\u{FEFF}');
        let full = xml_full_decoder(text).unwrap();
        let fast = xml_fast_path(text)
            .unwrap_or_else(|| panic!("{}: left to the full decoder", sample.name));
        assert_eq!(fast, full, "{}", sample.name);
        read += 1;
    }
    assert!(read >= 140, "only {read} samples read");
}

/// Spots the fast path might get wrong: each inserted somewhere in a written document.
const SNIPPETS: &[&str] = &[
    "<!-- c -->",
    "<?pi x?>",
    "<![CDATA[a<b]]>",
    "\r",
    "\r\n",
    "\t",
    "\n",
    " ",
    "\u{1}",
    "\u{FFFE}",
    "\u{FFFF}",
    "\u{FFFD}",
    "é",
    "&amp;",
    "&lt;",
    "&#65;",
    "&#x41;",
    "&#X41;",
    "&#x+41;",
    "&#0;",
    "&#xD800;",
    "&#1114112;",
    "&nbsp;",
    "&",
    "&amp",
    "<",
    ">",
    "]]>",
    "\"",
    "'",
    "=",
    "/",
    ":",
    "</resource>",
    "<resource rel=\"e\">",
    "<link rel=\"l\" href=\"/l\"/>",
    "<property name=\"p\">v</property>",
    "<property name=\"rel\">t</property>",
    "<item>i</item>",
    " a=\"1\"",
    " a='1'",
    " a = \"1\"",
    " rel=\"r\"",
    " href=\"/h\"",
    " name=\"n\"",
    " xmlns=\"urn:other\"",
    " xmlns=\"\"",
    " xmlns:p=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\"",
    " xmlns:xsi=\"urn:not-xsi\"",
    " xsi:nil=\"true\"",
    " xsi:nil=\"0\"",
    " xsi:nil=\"maybe\"",
    " p:nil=\"1\"",
    " p:size=\"1\"",
    " xmlns:p=\"urn:p\"",
    " xml:lang=\"en\"",
    "p:",
    "x:",
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE r>",
    "\u{FEFF}",
    " />",
    " title=\"t\"",
    "<link rel=\"l\" href=\"/l\" title=\"t\"/>",
    "<link rel=\"l\" href=\"/l\" rel=\"m\"/>",
    "<link rel=\"l\" href=\"/l\" title=\"t\" title=\"u\"/>",
    "<property name=\"p\" />",
    "<property name=\"p\" name=\"q\">v</property>",
    " xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\"",
    " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsi=\"urn:x\"",
];

/// A resource with a little of everything the fast path reads.
fn sample_resource() -> Resource {
    let mut child = Resource::new("contact");
    let titled = Link::new("/c/1").with_attribute("title", "A & B");
    child.push_link("self", Cardinality::Single, titled);
    child.push_property("name", "Zoë <z@x>");
    child.push_property("emails", Value::List(vec!["a@x".into(), "b@x".into()]));
    child.push_property("note", Value::Null);
    let mut resource = Resource::new("myContacts");
    resource.push_link("self", Cardinality::Single, Link::new("/contacts"));
    let next = Link::new("/contacts?page=2").with_attribute("title", "Next");
    resource.push_link("next", Cardinality::Single, next);
    resource.push_property("count", 1);
    resource.push_property("text", "line one\n\tline two");
    resource.push_embedded("contact", Cardinality::Single, child);
    resource
}

#[test]
fn written_documents_take_the_fast_path() {
    let resource = sample_resource();
    for text in [xml::to_string(&resource), xml::to_string_pretty(&resource)] {
        let text = text.unwrap();
        assert!(agree(&text).unwrap(), "left to the full decoder:\n{text}");
    }
}

#[test]
fn every_snippet_at_every_place_agrees() {
    let (mut read, mut left) = (0, 0);
    for text in [
        xml::to_string(&sample_resource()).unwrap(),
        xml::to_string_pretty(&sample_resource()).unwrap(),
    ] {
        for at in 0..=text.len() {
            for snippet in SNIPPETS {
                for cut in [0, 1] {
                    let mutated = mutate(&text, at, snippet, cut);
                    match agree(&mutated) {
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

proptest! {
    #![proptest_config(common::proptest_config(4096))]

    #[test]
    fn doubly_mutated_documents_agree(
        pretty in any::<bool>(),
        at in any::<(usize, usize)>(),
        snippets in (prop::sample::select(SNIPPETS), prop::sample::select(SNIPPETS)),
        cut in (0usize..4, 0usize..4),
    ) {
        let resource = sample_resource();
        let text = if pretty { xml::to_string_pretty(&resource) } else { xml::to_string(&resource) };
        let once = mutate(&text.unwrap(), at.0, snippets.0, cut.0);
        agree(&mutate(&once, at.1, snippets.1, cut.1))?;
    }
}

#[test]
fn a_relation_met_again_keeps_no_spare_room() {
    // Five links and three resources of one relation: their groups grow past their first
    // room (one inline, then 2, 4, 8) and are cut to size once the resource ends.
    let mut xml = String::from(
        r#"<resource rel="people" href="/p" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">"#,
    );
    for i in 0..5 {
        xml += &format!(r#"<link rel="contact" href="/p/{i}"/>"#);
    }
    xml += r#"<link rel="single" href="/s"/>"#;
    for i in 0..3 {
        xml += &format!(r#"<resource rel="contact" href="/p/{i}"/>"#);
    }
    xml += "</resource>";
    let fast = xml_fast_path(&xml).expect("in the fast path's subset");
    let full = xml_full_decoder(&xml).unwrap();
    for (decoder, resource) in [("fast", &fast), ("full", &full)] {
        let group = |rel: &str| resource.links.iter().find(|g| g.rel == rel).unwrap();
        assert_eq!(group("contact").links.len(), 5, "{decoder}");
        assert_eq!(group("contact").links.capacity(), 5, "{decoder}");
        let embedded = &resource.embedded[0].resources;
        assert_eq!(embedded.len(), 3, "{decoder}");
        assert_eq!(embedded.capacity(), 3, "{decoder}");
        assert_eq!(group("single").links.capacity(), 1, "{decoder}");
    }
    assert_eq!(fast, full);
}
