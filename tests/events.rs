//! Event channel documents: every documented event sample, both codecs, malformed input, and
//! generated documents.

#[macro_use]
mod common;

use common::{check_all, json_value, samples_where};
use proptest::prelude::*;
use ucwa_codec::error_body::ErrorBody;
use ucwa_codec::events::{Event, EventType, Events, RelLink, Sender};
use ucwa_codec::{json, xml};
use ucwa_codec::{Cardinality, EmbeddedGroup, ErrorKind, Link, LinkGroup, Resource, Value};

fn event_samples() -> Vec<(String, Vec<u8>)> {
    let found = samples_where("valid", |name| {
        name.contains(".event.") && name.ends_with(".json")
    });
    assert!(
        found.len() >= 41,
        "expected the 41 documented event samples, found {}",
        found.len()
    );
    found
}

#[test]
fn every_event_sample_round_trips_json_to_json() {
    needs_reference!();
    check_all(
        &event_samples(),
        |(name, _)| name,
        |(_, bytes)| {
            let events = json::from_slice::<Events>(bytes).map_err(|e| e.to_string())?;
            for pretty in [false, true] {
                let out = if pretty {
                    json::to_vec_pretty(&events)
                } else {
                    json::to_vec(&events)
                }
                .map_err(|e| e.to_string())?;
                if json_value(&out) != json_value(bytes) {
                    return Err(format!(
                        "differs after JSON -> JSON:\n{}",
                        String::from_utf8_lossy(&out)
                    ));
                }
            }
            Ok(())
        },
    );
}

#[test]
fn every_event_sample_round_trips_json_to_xml_to_json() {
    needs_reference!();
    check_all(
        &event_samples(),
        |(name, _)| name,
        |(_, bytes)| {
            let events = json::from_slice::<Events>(bytes).map_err(|e| e.to_string())?;
            for pretty in [false, true] {
                let xml = if pretty {
                    xml::to_vec_pretty(&events)
                } else {
                    xml::to_vec(&events)
                }
                .map_err(|e| e.to_string())?;
                let back = xml::from_slice::<Events>(&xml)
                    .map_err(|e| format!("{e} reading\n{}", String::from_utf8_lossy(&xml)))?;
                let json = json::to_vec(&back).map_err(|e| e.to_string())?;
                // The samples hold only strings, so meaning and value coincide.
                if json_value(&json) != json_value(bytes) {
                    return Err(format!(
                        "differs after JSON -> XML -> JSON:\n{}",
                        String::from_utf8_lossy(&json)
                    ));
                }
                // And XML -> XML is stable.
                let again = xml::to_vec(&back).map_err(|e| e.to_string())?;
                let first = xml::to_vec(&events).map_err(|e| e.to_string())?;
                if again != first {
                    return Err("XML -> model -> XML changed the XML".into());
                }
            }
            Ok(())
        },
    );
}

#[test]
fn event_samples_in_xml() {
    needs_reference!();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (name, bytes) in event_samples() {
            let events = json::from_slice::<Events>(&bytes).expect(&name);
            let xml = xml::to_string_pretty(&events).expect(&name);
            insta::assert_snapshot!(name.as_str(), xml);
        }
    });
}

#[test]
fn the_direct_json_writer_writes_what_serde_writes_for_every_sample() {
    needs_reference!();
    use ucwa_codec::__private::events_json_via_serde;
    for (name, bytes) in event_samples() {
        let decoded = json::from_slice::<Events>(&bytes).expect(&name);
        // Also decoded from XML: no member order, dates typed back only as text.
        let via_xml = xml::from_str::<Events>(&xml::to_string(&decoded).unwrap()).unwrap();
        for events in [&decoded, &via_xml] {
            for pretty in [false, true] {
                let direct = if pretty {
                    json::to_vec_pretty(events)
                } else {
                    json::to_vec(events)
                };
                let serde = events_json_via_serde(events, pretty).unwrap();
                assert_eq!(direct.unwrap(), serde, "{name}");
            }
        }
    }
}

#[test]
fn the_documented_xml_form_reads() {
    // FORMAT-NOTES: root <events href>, <link rel="next">, <sender rel href>, one element per
    // event named by its type, an embedded <resource> inside.
    let text = r#"<?xml version="1.0" encoding="utf-8"?>
<events href="/ucwa/v1/applications/192/events?ack=2" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
  <link rel="next" href="/ucwa/v1/applications/192/events?ack=3"/>
  <sender rel="me" href="/ucwa/v1/applications/192/me">
    <updated rel="me" href="/ucwa/v1/applications/192/me"/>
  </sender>
  <sender rel="communication" href="/ucwa/v1/applications/192/communication">
    <added rel="messagingInvitation" href="/ucwa/v1/applications/192/communication/messagingInvitations/1">
      <resource rel="messagingInvitation" href="/ucwa/v1/applications/192/communication/messagingInvitations/1">
        <link rel="accept" href="/ucwa/v1/applications/192/communication/messagingInvitations/1/accept"/>
        <property name="state">Connecting</property>
      </resource>
    </added>
  </sender>
  <sender rel="me" href="/ucwa/v1/applications/192/me">
    <updated rel="presence" href="/ucwa/v1/applications/192/me/presence"/>
  </sender>
</events>"#;
    let channel = xml::from_str::<Events>(text).unwrap();
    assert_eq!(
        channel.self_href(),
        Some("/ucwa/v1/applications/192/events?ack=2")
    );
    assert_eq!(
        channel.next_href(),
        Some("/ucwa/v1/applications/192/events?ack=3")
    );
    // A sender that comes twice stays twice, in order.
    let senders: Vec<&str> = channel.senders.iter().map(|s| s.rel.as_str()).collect();
    assert_eq!(senders, ["me", "communication", "me"]);
    let (_, added) = channel.events().nth(1).unwrap();
    assert_eq!(added.kind, EventType::Added);
    let invitation = added.resource().unwrap();
    assert_eq!(invitation.type_name(), Some("messagingInvitation"));
    assert_eq!(
        invitation.property("state").and_then(Value::as_str),
        Some("Connecting")
    );
    let json = json::to_string(&channel).unwrap();
    assert!(
        json.contains(r#""events":[{"link":{"rel":"messagingInvitation","href":"/ucwa/v1/applications/192/communication/messagingInvitations/1"},"_embedded":{"messagingInvitation":{"#),
        "{json}"
    );
    assert_eq!(
        json::to_string(&json::from_str::<Events>(&json).unwrap()).unwrap(),
        json
    );
}

#[test]
fn resync_and_resume_links_stand_alone() {
    for rel in ["resync", "resume"] {
        let text = format!(
            r#"{{"_links":{{"self":{{"href":"/e?ack=5"}},"{rel}":{{"href":"/e?ack=1"}}}},"sender":[]}}"#
        );
        let channel = json::from_str::<Events>(&text).unwrap();
        assert_eq!(channel.next_href(), None);
        let href = match rel {
            "resync" => channel.resync_href(),
            _ => channel.resume_href(),
        };
        assert_eq!(href, Some("/e?ack=1"));
        assert_eq!(json::to_string(&channel).unwrap(), text);
        let xml = xml::to_string(&channel).unwrap();
        assert!(xml.contains(&format!(r#"<link rel="{rel}" href="/e?ack=1"/>"#)));
        let back = xml::from_str::<Events>(&xml).unwrap();
        assert_eq!(json::to_string(&back).unwrap(), text);
    }
}

/// Malformed documents: each is refused with an error that has a position, and nothing
/// panics.
#[test]
fn malformed_events_are_refused_with_a_position() {
    let json_cases: &[(&str, usize)] = &[
        ("", 1),
        ("{\"_links\": {\"self\": {\"href\": \"/e\"}},\n \"sender\": [", 2),
        ("{\"sender\": [{\"rel\": \"me\"}]}", 1),
        ("{\"sender\": [{\"rel\": \"me\", \"href\": \"/me\", \"events\": [\n{\"link\": {\"rel\": \"me\", \"href\": \"/me\"}}]}]}", 2),
        ("{\"sender\": [{\"rel\": \"me\", \"href\": \"/me\", \"events\": [{\"type\": 1}]}]}", 1),
        ("{\"sender\": [{\"rel\": \"me\", \"href\": \"/me\", \"events\": [{\"type\": \"added\", \"link\": {\"href\": \"/me\"}}]}]}", 1),
        ("{\"sender\": [{\"rel\": \"me\", \"href\": \"/me\", \"events\": [{\"type\": \"completed\", \"link\": {\"rel\": \"x\", \"href\": \"/x\"}, \"reason\": {}}]}]}", 1),
        ("{\"sender\": [{\"rel\": \"me\", \"href\": \"/me\", \"events\": [{\"type\": \"added\", \"link\": {\"rel\": \"x\", \"href\": \"/x\"}, \"_embedded\": {\"x\": 4}}]}]}", 1),
        ("{\"sender\": [], \"extra\": {\"a\": 1}}", 1),
        ("[]", 1),
        ("{\"sender\": []} x", 1),
    ];
    for (text, line) in json_cases {
        let err = json::from_str::<Events>(text).expect_err(text);
        assert!(err.position().is_some(), "{text}: {err}");
        assert_eq!(err.line(), *line, "{text}: {err}");
    }
    let xml_cases: &[(&str, usize)] = &[
        ("", 1),
        ("<events", 1),
        ("<events>\n<sender rel=\"me\" href=\"/me\">\n<added rel=\"me\" href=\"/me\">", 3),
        ("<events>\n<sender href=\"/me\"/></events>", 2),
        ("<events><sender rel=\"me\" href=\"/me\">\n<added rel=\"me\" href=\"/me\"><in href=\"/x\"/></added></sender></events>", 2),
        ("<events><sender rel=\"me\" href=\"/me\"><added rel=\"me\" href=\"/me\">\n<resource href=\"/x\"/></added></sender></events>", 2),
        ("<events><sender rel=\"me\" href=\"/me\"><added rel=\"me\" href=\"/me\"><status><b/></status></added></sender></events>", 1),
        ("<events><sender rel=\"me\" href=\"/me\"><added rel=\"me\" href=\"/me\"><property name=\"type\">x</property></added></sender></events>", 1),
        ("<events xmlns=\"urn:other\"/>", 1),
        ("<events/><events/>", 1),
        ("<resource rel=\"x\" href=\"/x\"/>", 1),
    ];
    for (text, line) in xml_cases {
        let err = xml::from_str::<Events>(text).expect_err(text);
        assert!(err.position().is_some(), "{text}: {err}");
        assert_eq!(err.line(), *line, "{text}: {err}");
    }
}

#[test]
fn invalid_samples_are_not_events_either() {
    needs_reference!();
    for (name, bytes) in samples_where("invalid", |name| name.ends_with(".json")) {
        let err = json::from_slice::<Events>(&bytes).expect_err(&name);
        assert!(err.line() > 0, "{name}: {err}");
    }
}

// --- generated documents ---------------------------------------------------------------

fn text() -> impl Strategy<Value = String> {
    "[ -~]{0,12}"
}

fn href() -> impl Strategy<Value = String> {
    "/[a-z]{1,8}(/[a-z0-9]{1,6}){0,3}"
}

fn rel() -> impl Strategy<Value = String> {
    "[a-z][a-zA-Z]{0,10}"
}

fn rel_link() -> impl Strategy<Value = RelLink> {
    (rel(), href(), proptest::option::of(text())).prop_map(|(rel, href, title)| {
        let mut link = RelLink::new(rel, href);
        if let Some(title) = title {
            link.attributes.push(("title".into(), Value::from(title)));
        }
        link
    })
}

fn resource() -> impl Strategy<Value = Resource> {
    (
        rel(),
        href(),
        proptest::collection::btree_map("[a-z]{1,6}", text(), 0..4),
    )
        .prop_map(|(type_name, href, properties)| {
            let mut resource = Resource::new(type_name);
            resource.set_self_href(href);
            for (name, value) in properties {
                if name != "rel" {
                    resource.push_property(name, value);
                }
            }
            resource
        })
}

fn embedded() -> impl Strategy<Value = Vec<EmbeddedGroup>> {
    proptest::collection::btree_map(
        rel(),
        prop_oneof![
            resource().prop_map(|r| (Cardinality::Single, vec![r])),
            proptest::collection::vec(resource(), 2..4).prop_map(|r| (Cardinality::Array, r)),
        ],
        0..3,
    )
    .prop_map(|groups| {
        groups
            .into_iter()
            .map(|(relation, (cardinality, resources))| EmbeddedGroup {
                relation: relation.into(),
                cardinality,
                resources: resources.into(),
            })
            .collect()
    })
}

fn error_body() -> impl Strategy<Value = ErrorBody> {
    (
        "[A-Z][a-zA-Z]{0,12}",
        proptest::option::of("[A-Z][a-zA-Z]{0,12}"),
        proptest::option::of(text()),
        proptest::option::of(proptest::collection::btree_map("[a-z]{1,6}", text(), 0..3)),
    )
        .prop_map(|(code, subcode, message, parameters)| {
            let mut body = ErrorBody::new(code);
            body.subcode = subcode.map(Into::into);
            body.message = message.map(Into::into);
            body.parameters = parameters.map(|bag| {
                bag.into_iter()
                    .map(|(name, value)| ucwa_codec::Property {
                        name: name.into(),
                        value: value.into(),
                    })
                    .collect()
            });
            body
        })
}

fn event() -> impl Strategy<Value = Event> {
    (
        prop_oneof![
            Just(EventType::Added),
            Just(EventType::Updated),
            Just(EventType::Deleted),
            Just(EventType::Started),
            Just(EventType::Completed),
            // Not `xml...`: XML reserves such names, and the writer refuses them.
            "x([a-ln-z][a-z]{0,7})?".prop_map(|name| EventType::Other(name.into())),
        ],
        rel_link(),
        proptest::option::of(rel_link()),
        proptest::option::of(prop_oneof![Just("Success"), Just("Failure")]),
        proptest::option::of(error_body()),
        embedded(),
        proptest::collection::btree_map("x[a-z]{0,5}", text(), 0..2),
    )
        .prop_map(
            |(kind, link, in_link, status, reason, embedded, properties)| Event {
                kind,
                link,
                in_link,
                status: status.map(Into::into),
                reason: reason.map(Box::new),
                embedded,
                properties: properties
                    .into_iter()
                    .map(|(name, value)| ucwa_codec::Property {
                        name: name.into(),
                        value: value.into(),
                    })
                    .collect(),
                member_order: Vec::new(),
            },
        )
}

fn sender() -> impl Strategy<Value = Sender> {
    (rel(), href(), proptest::collection::vec(event(), 0..4)).prop_map(|(rel, href, events)| {
        Sender {
            rel: rel.into(),
            href: href.into(),
            events,
            ..Sender::default()
        }
    })
}

fn events_document() -> impl Strategy<Value = Events> {
    (
        href(),
        href(),
        prop_oneof![Just("next"), Just("resync"), Just("resume")],
        proptest::collection::vec(sender(), 0..4),
    )
        .prop_map(|(self_href, other_href, rel, senders)| {
            let single = |rel: &str, href: String| LinkGroup {
                rel: rel.into(),
                cardinality: Cardinality::Single,
                links: vec![Link::new(href)].into(),
            };
            Events {
                links: vec![single("self", self_href), single(rel, other_href)],
                senders,
                ..Events::default()
            }
        })
}

proptest! {
    #![proptest_config(common::proptest_config(128))]

    #[test]
    fn generated_events_round_trip(events in events_document()) {
        let json = json::to_string(&events).unwrap();
        let decoded = json::from_str::<Events>(&json).unwrap();
        // JSON -> model -> JSON is exact.
        prop_assert_eq!(&json::to_string(&decoded).unwrap(), &json);
        prop_assert_eq!(decoded.senders.len(), events.senders.len());
        // JSON -> XML -> JSON says the same (all values are strings here).
        let xml = xml::to_string(&decoded).unwrap();
        let from_xml = xml::from_str::<Events>(&xml).unwrap();
        let json_again = json::to_string(&from_xml).unwrap();
        prop_assert_eq!(json_value(json_again.as_bytes()), json_value(json.as_bytes()));
        // XML -> model -> XML is exact.
        prop_assert_eq!(xml::to_string(&from_xml).unwrap(), xml);
        let pretty = xml::to_string_pretty(&from_xml).unwrap();
        prop_assert_eq!(xml::from_str::<Events>(&pretty).unwrap(), from_xml);
    }

    #[test]
    fn the_direct_json_writer_writes_what_serde_writes(events in events_document()) {
        use ucwa_codec::__private::events_json_via_serde;
        for pretty in [false, true] {
            let direct = if pretty { json::to_vec_pretty(&events) } else { json::to_vec(&events) };
            prop_assert_eq!(direct.unwrap(), events_json_via_serde(&events, pretty).unwrap());
        }
    }

    #[test]
    fn the_xml_fast_path_agrees_with_the_full_decoder(events in events_document()) {
        use ucwa_codec::__private::{events_xml_fast_path, events_xml_full_decoder};
        for text in [xml::to_string(&events).unwrap(), xml::to_string_pretty(&events).unwrap()] {
            let full = events_xml_full_decoder(&text).unwrap();
            if let Some(fast) = events_xml_fast_path(&text) {
                prop_assert_eq!(fast, full, "{}", text);
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = json::from_slice::<Events>(&bytes);
        let _ = xml::from_slice::<Events>(&bytes);
    }

    #[test]
    fn truncated_documents_are_refused_with_a_position(events in events_document(), cut in 0.0f64..1.0) {
        let json = json::to_string(&events).unwrap();
        let at = ((json.len() as f64) * cut) as usize;
        if let Some(prefix) = json.get(..at) {
            let err = json::from_str::<Events>(prefix).unwrap_err();
            prop_assert!(err.position().is_some());
        }
        let xml = xml::to_string(&events).unwrap();
        let at = ((xml.len() as f64) * cut) as usize;
        if let Some(prefix) = xml.get(..at) {
            let err = xml::from_str::<Events>(prefix).unwrap_err();
            prop_assert!(err.position().is_some());
            prop_assert!(matches!(err.kind(), ErrorKind::Eof | ErrorKind::Syntax | ErrorKind::Structure), "{:?}", err);
        }
    }
}

#[test]
fn an_event_keeps_its_member_order_only_when_it_is_not_the_default_one() {
    use ucwa_codec::__private::{events_xml_fast_path, events_xml_full_decoder};
    let text = concat!(
        r#"<?xml version="1.0" encoding="utf-8"?><events href="/e?ack=1" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">"#,
        r#"<sender rel="conversation" href="/c">"#,
        r#"<added rel="message" href="/c/m/1"><in rel="conversation" href="/c"/><resource rel="message" href="/c/m/1"><property name="rel">message</property><property name="direction">Incoming</property></resource></added>"#,
        r#"<added rel="message" href="/c/m/2"><resource rel="message" href="/c/m/2"><property name="rel">message</property><property name="direction">Incoming</property></resource><in rel="conversation" href="/c"/></added>"#,
        r#"</sender></events>"#,
    );
    let full = events_xml_full_decoder(text).unwrap();
    assert_eq!(events_xml_fast_path(text), Some(full.clone()));
    let order = |i: usize| full.senders[0].events[i].member_order.clone();
    assert!(order(0).is_empty(), "{:?}", order(0));
    assert_eq!(order(1), ["link", "_embedded", "in"]);
    // Both orders come back, in XML and in JSON.
    assert_eq!(xml::to_string(&full).unwrap(), text);
    let json = json::to_string(&full).unwrap();
    let first = json.find(r#""in":"#).unwrap();
    let second = json.rfind(r#""in":"#).unwrap();
    assert!(first < json.find(r#""_embedded":"#).unwrap(), "{json}");
    assert!(second > json.rfind(r#""_embedded":"#).unwrap(), "{json}");
    assert_eq!(
        json::from_str::<Events>(&json)
            .map(|e| xml::to_string(&e).unwrap())
            .unwrap(),
        text
    );

    // With a property among them, through the full decoder.
    let text = text.replace(
        r#"<in rel="conversation" href="/c"/></added></sender>"#,
        r#"<property name="note">x</property><in rel="conversation" href="/c"/></added></sender>"#,
    );
    let full = events_xml_full_decoder(&text).unwrap();
    assert_eq!(
        full.senders[0].events[1].member_order,
        ["link", "_embedded", "note", "in"]
    );
    assert_eq!(xml::to_string(&full).unwrap(), text);
}

#[test]
fn a_json_event_keeps_its_member_order_only_when_it_must() {
    let doc = |event: &str| {
        format!(
            r#"{{"_links":{{"self":{{"href":"/e?ack=1"}}}},"sender":[{{"rel":"me","href":"/me","events":[{event}]}}]}}"#
        )
    };
    let order_of = |event: &str| {
        let json = doc(event);
        let events = json::from_str::<Events>(&json).unwrap();
        assert_eq!(json::to_string(&events).unwrap(), json);
        events.senders[0].events[0].member_order.clone()
    };
    let link = r#""link":{"rel":"me","href":"/me"}"#;
    // The default order: link, in, status, reason, _embedded, other members, type.
    assert!(order_of(&format!(
        r#"{{{link},"status":"Success","x":1,"*":2,"type":"updated"}}"#
    ))
    .is_empty());
    assert_eq!(
        order_of(&format!(r#"{{"type":"updated",{link},"x":1}}"#)),
        ["type", "link", "x"]
    );
    // An empty `_embedded` is written again only because the order names it.
    assert_eq!(
        order_of(&format!(r#"{{{link},"_embedded":{{}},"type":"updated"}}"#)),
        ["link", "_embedded", "type"]
    );
    for repeated in [
        format!(r#"{{{link},"type":"a","type":"b"}}"#),
        format!(r#"{{{link},"x":1,"type":"a","x":2}}"#),
        format!(r#"{{{link},"*":1,"type":"a","*":2}}"#),
    ] {
        let err = json::from_str::<Events>(&doc(&repeated)).unwrap_err();
        assert!(err.to_string().contains("duplicate member"), "{err}");
    }
}

#[test]
fn a_sender_attribute_named_events_is_refused_as_json_could_not_write_it() {
    use ucwa_codec::__private::events_xml_fast_path;
    let text = concat!(
        r#"<?xml version="1.0" encoding="utf-8"?><events href="/e?ack=1" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">"#,
        r#"<sender rel="me" href="/me" events="x"><added rel="a" href="/a"/></sender></events>"#,
    );
    assert_eq!(events_xml_fast_path(text), None);
    let err = xml::from_str::<Events>(text).unwrap_err();
    assert_eq!(
        (err.kind(), err.path()),
        (ErrorKind::Structure, "sender[0]")
    );
    // Any other attribute is kept, and the sender's members need no order of their own.
    let kept = xml::from_str::<Events>(&text.replace("events=", "title=")).unwrap();
    assert!(kept.senders[0].member_order.is_empty());
    assert_eq!(kept.senders[0].attributes[0].0, "title");
}

#[test]
fn json_senders_and_documents_keep_their_member_order_only_when_they_must() {
    let round_trip = |json: &str| {
        let events = json::from_str::<Events>(json).unwrap();
        assert_eq!(json::to_string(&events).unwrap(), json);
        events
    };
    let sender = r#"{"rel":"me","href":"/me","title":"T","events":[]}"#;
    let default = round_trip(&format!(
        r#"{{"_links":{{"self":{{"href":"/e"}}}},"sender":[{sender}],"x":1}}"#
    ));
    assert!(default.member_order.is_empty());
    assert!(default.senders[0].member_order.is_empty());
    // Out of order, or without `_links` or `events` (which no order would write as `{}`, `[]`).
    let moved = round_trip(&format!(r#"{{"x":1,"sender":[{sender}],"_links":{{}}}}"#));
    assert_eq!(moved.member_order, ["x", "sender", "_links"]);
    let bare = round_trip(r#"{"sender":[{"href":"/me","rel":"me"}]}"#);
    assert_eq!(bare.member_order, ["sender"]);
    assert_eq!(bare.senders[0].member_order, ["href", "rel"]);
    let no_events = round_trip(r#"{"_links":{},"sender":[{"rel":"me","href":"/me"}]}"#);
    assert!(no_events.member_order.is_empty());
    assert_eq!(no_events.senders[0].member_order, ["rel", "href"]);
    for repeated in [
        r#"{"sender":[],"sender":[]}"#,
        r#"{"x":1,"sender":[],"x":2}"#,
        r#"{"sender":[{"rel":"me","href":"/me","rel":"me"}]}"#,
        r#"{"sender":[{"rel":"me","href":"/me","t":1,"t":2}]}"#,
    ] {
        let err = json::from_str::<Events>(repeated).unwrap_err();
        assert!(err.to_string().contains("duplicate member"), "{err}");
    }
}

#[test]
fn one_event_embedding_one_resource_takes_room_for_one_only() {
    use ucwa_codec::__private::{events_xml_fast_path, events_xml_full_decoder};
    // Room for one event and one embedded group, not `Vec`'s first four: a burst of events
    // that each embed a resource would otherwise hold 1 KiB and 672 bytes unused per event.
    let xml = concat!(
        r#"<events href="/e?ack=1" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">"#,
        r#"<sender rel="conversation" href="/c">"#,
        r#"<added rel="message" href="/c/m/1"><resource rel="message" href="/c/m/1"><property name="direction">Incoming</property></resource></added>"#,
        r#"</sender></events>"#,
    );
    let fast = events_xml_fast_path(xml).expect("in the fast path's subset");
    let full = events_xml_full_decoder(xml).unwrap();
    let json = json::from_slice::<Events>(&json::to_vec(&full).unwrap()).unwrap();
    for (decoder, events) in [("fast", &fast), ("full", &full), ("json", &json)] {
        let sender = &events.senders[0];
        assert_eq!(sender.events.capacity(), 1, "{decoder}");
        assert_eq!(sender.events[0].embedded.capacity(), 1, "{decoder}");
    }
    assert_eq!(fast, full);
}

#[test]
fn an_events_document_is_built_without_struct_literals() {
    let mut participant = Resource::new("participant");
    participant.set_self_href("/conv/1/participants/2");
    participant.push_property("name", "Joe");
    let mut added = Event::new(EventType::Added, "participant", "/conv/1/participants/2")
        .with_in("participants", "/conv/1/participants");
    added.push_embedded("participant", Cardinality::Single, participant.clone());
    added.push_embedded("participant", Cardinality::Single, participant.clone());
    let failed = Event::new(EventType::Completed, "addParticipant", "/conv/1/ops/3")
        .with_status("Failure")
        .with_reason(ErrorBody::new("Gone"));
    let mut sender = Sender::new("conversation", "/conv/1").with_event(added.clone());
    sender.push_event(failed.clone());
    let mut channel = Events::new("/e?ack=1", "/e?ack=2");
    channel.senders.push(sender);

    // What the struct literals build.
    let expected = Events {
        senders: vec![Sender {
            rel: "conversation".into(),
            href: "/conv/1".into(),
            events: vec![
                Event {
                    in_link: Some(RelLink::new("participants", "/conv/1/participants")),
                    embedded: vec![EmbeddedGroup {
                        relation: "participant".into(),
                        cardinality: Cardinality::Single,
                        resources: vec![participant.clone(), participant].into(),
                    }],
                    ..Event::new(EventType::Added, "participant", "/conv/1/participants/2")
                },
                Event {
                    status: Some("Failure".into()),
                    reason: Some(Box::new(ErrorBody::new("Gone"))),
                    ..Event::new(EventType::Completed, "addParticipant", "/conv/1/ops/3")
                },
            ],
            ..Sender::default()
        }],
        ..Events::new("/e?ack=1", "/e?ack=2")
    };
    assert_eq!(channel, expected);
    // A second relation gets its own group, of the cardinality given.
    added.push_embedded("from", Cardinality::Array, Resource::new("person"));
    assert_eq!(added.embedded.len(), 2);
    assert_eq!(added.embedded[1].cardinality, Cardinality::Array);
    // It writes and reads back in both formats.
    let json = json::to_string(&channel).unwrap();
    assert_eq!(
        json,
        concat!(
            r#"{"_links":{"self":{"href":"/e?ack=1"},"next":{"href":"/e?ack=2"}},"#,
            r#""sender":[{"rel":"conversation","href":"/conv/1","events":["#,
            r#"{"link":{"rel":"participant","href":"/conv/1/participants/2"},"#,
            r#""in":{"rel":"participants","href":"/conv/1/participants"},"#,
            r#""_embedded":{"participant":[{"rel":"participant","name":"Joe","_links":{"self":{"href":"/conv/1/participants/2"}}},"#,
            r#"{"rel":"participant","name":"Joe","_links":{"self":{"href":"/conv/1/participants/2"}}}]},"type":"added"},"#,
            r#"{"link":{"rel":"addParticipant","href":"/conv/1/ops/3"},"status":"Failure","reason":{"code":"Gone"},"type":"completed"}]}]}"#
        )
    );
    let xml = xml::to_string(&channel).unwrap();
    assert_eq!(
        json::to_string(&xml::from_str::<Events>(&xml).unwrap()).unwrap(),
        json
    );
}

/// The events resource's answer when nothing happened before its timeout: links, no senders.
/// Asked for as events it reads as events; detected without a type, it stays a resource
/// (a resource may have only links).
#[test]
fn a_timeout_answer_with_links_only_reads_as_events() {
    let text = r#"{"_links": {"self": {"href": "/e?ack=3"}, "next": {"href": "/e?ack=4"}}}"#;
    let events = ucwa_codec::json::from_str::<ucwa_codec::Events>(text).unwrap();
    assert!(events.senders.is_empty());
    assert_eq!(events.next_href(), Some("/e?ack=4"));
    assert_eq!(
        ucwa_codec::json::to_string(&events).unwrap(),
        text.replace(' ', "")
    );
    let detected = ucwa_codec::json::from_str::<ucwa_codec::Document>(text).unwrap();
    assert_eq!(detected.kind(), ucwa_codec::DocumentKind::Resource);
    // Links beside a `code` make no events document.
    let err = ucwa_codec::json::from_str::<ucwa_codec::Events>(r#"{"code": "Gone", "_links": {}}"#)
        .unwrap_err();
    assert_eq!(
        err.message(),
        "expected an events document, found a resource"
    );
}
