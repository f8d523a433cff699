//! The JSON codec of event channel documents.
//!
//! `{"_links": {...}, "sender": [{"rel", "href", "events": [{"link", "in"?, "status"?,
//! "reason"?, "_embedded"?, "type"}]}]}`. Members are written in the order they were read;
//! without one, in the documentation's order (`type` last in an event).

use std::io;

use serde::de::{self, DeserializeSeed, MapAccess};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::de::{Ctx, EmbeddedSeed, LinksSeed, ValueSeed};
use super::document::expect_kind;
use super::error_body::ErrorBodySeed;
use super::seeds::{deserialize_through, map_seed, note_key, ArrayOf, BorrowedStrSeed};
use super::ser::{EmbeddedJson, JsonWriter, LinksJson};
use crate::error::Result;
use crate::model::events::{Event, EventType, Events, RelLink, Sender};
use crate::model::order::{attribute_names, names, plan, wanted, ReadOrder, Slot};
use crate::model::{DecodeOptions, DocumentKind, NameIndex, Property, Str};

/// Decodes an events document, refusing a document of another kind.
pub(super) fn decode(text: &str, options: &DecodeOptions) -> Result<Events> {
    let decoded = match super::fast::events(text, options) {
        Some(events) => Ok(events),
        None => decode_full(text, options),
    };
    // Senders: an events document (with `_links`, the detection finds one too).
    let surely = |events: &Events| !events.senders.is_empty();
    expect_kind(options, text, DocumentKind::Events, decoded, surely)
}

/// Decodes an events document with the serde decoder alone, whatever its kind (the fast
/// path's fallback, and its reference in tests).
pub(super) fn decode_full(text: &str, options: &DecodeOptions) -> Result<Events> {
    super::decode_with(text, options, |ctx, de| EventsSeed { ctx }.deserialize(de))
}

/// Encodes an events document.
pub(super) fn encode(events: &Events, pretty: bool) -> Result<Vec<u8>> {
    // An error body (`reason`) is written through serde; the rest straight from the model,
    // with the same bytes (a test compares both).
    if events.events().any(|(_, event)| event.reason.is_some()) {
        return super::seeds::encode(events, pretty);
    }
    let mut out = Vec::with_capacity(crate::model::codec::OUTPUT_START);
    write_events(&mut JsonWriter::new(&mut out, pretty), events).map_err(crate::Error::io)?;
    Ok(out)
}

/// Writes an events document without error bodies straight from the model: the bytes of its
/// `Serialize` implementations through serde_json (see [`super::ser::write_resource`]).
fn write_events(json: &mut JsonWriter<'_>, events: &Events) -> io::Result<()> {
    let hint = &events.member_order;
    json.open(b"{")?;
    let mut first = true;
    for slot in plan(hint, &EVENTS_ORDER, &names(&events.properties)) {
        match slot {
            Slot::Known("_links") if wanted(hint, "_links", !events.links.is_empty()) => {
                json.plain_key(first, b"\"_links\":", b"\"_links\": ")?;
                json.links(&events.links)?;
            }
            Slot::Known("sender") if wanted(hint, "sender", !events.senders.is_empty()) => {
                json.plain_key(first, b"\"sender\":", b"\"sender\": ")?;
                json.open(b"[")?;
                for (i, sender) in events.senders.iter().enumerate() {
                    json.separator(i == 0)?;
                    write_sender(json, sender)?;
                }
                json.close(b"]", !events.senders.is_empty())?;
            }
            Slot::Known(_) => continue,
            Slot::Other(j) => {
                let property = &events.properties[j];
                json.key(first, &property.name)?;
                json.value(&property.value)?;
            }
        }
        first = false;
    }
    json.close(b"}", !first)
}

fn write_sender(json: &mut JsonWriter<'_>, sender: &Sender) -> io::Result<()> {
    let hint = &sender.member_order;
    json.open(b"{")?;
    let mut first = true;
    for slot in plan(hint, &SENDER_ORDER, &attribute_names(&sender.attributes)) {
        match slot {
            Slot::Known("rel") => {
                json.plain_key(first, b"\"rel\":", b"\"rel\": ")?;
                json.string(&sender.rel)?;
            }
            Slot::Known("href") => {
                json.plain_key(first, b"\"href\":", b"\"href\": ")?;
                json.string(&sender.href)?;
            }
            Slot::Known("events") if wanted(hint, "events", !sender.events.is_empty()) => {
                json.plain_key(first, b"\"events\":", b"\"events\": ")?;
                json.open(b"[")?;
                for (i, event) in sender.events.iter().enumerate() {
                    json.separator(i == 0)?;
                    write_event(json, event)?;
                }
                json.close(b"]", !sender.events.is_empty())?;
            }
            Slot::Known(_) => continue,
            Slot::Other(j) => {
                let (name, value) = &sender.attributes[j];
                json.key(first, name)?;
                json.value(value)?;
            }
        }
        first = false;
    }
    json.close(b"}", !first)
}

fn write_event(json: &mut JsonWriter<'_>, event: &Event) -> io::Result<()> {
    let hint = &event.member_order;
    json.open(b"{")?;
    let mut first = true;
    for slot in plan(hint, &EVENT_ORDER, &names(&event.properties)) {
        match slot {
            Slot::Known("link") => {
                json.plain_key(first, b"\"link\":", b"\"link\": ")?;
                write_rel_link(json, &event.link)?;
            }
            Slot::Known("in") if event.in_link.is_some() => {
                json.plain_key(first, b"\"in\":", b"\"in\": ")?;
                write_rel_link(json, event.in_link.as_ref().expect("checked"))?;
            }
            Slot::Known("status") if event.status.is_some() => {
                json.plain_key(first, b"\"status\":", b"\"status\": ")?;
                json.string(event.status.as_deref().expect("checked"))?;
            }
            Slot::Known("_embedded")
                if !event.embedded.is_empty() || hint.iter().any(|h| h == "_embedded") =>
            {
                json.plain_key(first, b"\"_embedded\":", b"\"_embedded\": ")?;
                json.embedded(&event.embedded)?;
            }
            Slot::Known("type") => {
                json.plain_key(first, b"\"type\":", b"\"type\": ")?;
                json.string(event.kind.as_str())?;
            }
            Slot::Known(_) => continue,
            Slot::Other(j) => {
                let property = &event.properties[j];
                json.key(first, &property.name)?;
                json.value(&property.value)?;
            }
        }
        first = false;
    }
    json.close(b"}", !first)
}

fn write_rel_link(json: &mut JsonWriter<'_>, link: &RelLink) -> io::Result<()> {
    json.open(b"{")?;
    if link.member_order.is_empty() {
        json.plain_key(true, b"\"rel\":", b"\"rel\": ")?;
        json.string(&link.rel)?;
        json.plain_key(false, b"\"href\":", b"\"href\": ")?;
        json.string(&link.href)?;
        json.attributes(false, &link.attributes)?;
        return json.close(b"}", true);
    }
    let mut first = true;
    for slot in plan(
        &link.member_order,
        &LINK_ORDER,
        &attribute_names(&link.attributes),
    ) {
        match slot {
            Slot::Known("rel") => {
                json.plain_key(first, b"\"rel\":", b"\"rel\": ")?;
                json.string(&link.rel)?;
            }
            Slot::Known(_) => {
                json.plain_key(first, b"\"href\":", b"\"href\": ")?;
                json.string(&link.href)?;
            }
            Slot::Other(j) => {
                let (name, value) = &link.attributes[j];
                json.key(first, name)?;
                json.value(value)?;
            }
        }
        first = false;
    }
    json.close(b"}", true)
}

// The decoders below note each member at its place in these.
pub(super) const EVENTS_ORDER: [&str; 3] = ["_links", "sender", "*"];
pub(super) const SENDER_ORDER: [&str; 4] = ["rel", "href", "*", "events"];
pub(super) const EVENT_ORDER: [&str; 7] =
    ["link", "in", "status", "reason", "_embedded", "*", "type"];
pub(super) const LINK_ORDER: [&str; 3] = ["rel", "href", "*"];

map_seed!(
    pub(crate) EventsSeed, Events, "an events document (a JSON object)");

impl EventsSeed<'_> {
    fn read<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<Events, A::Error> {
        let ctx = self.ctx;
        let mut events = Events::default();
        let mut order = ReadOrder::default();
        let mut names = NameIndex::default();
        while let Some(key) = map.next_key_seed(BorrowedStrSeed)? {
            let unknown = (events.properties.len(), |i: usize| {
                events.properties[i].name.as_str()
            });
            let place = match &*key {
                "_links" => Some(0),
                "sender" => Some(1),
                _ => None,
            };
            note_key(ctx, (&mut order, &mut names), (place, 2), &key, unknown)?;
            match &*key {
                "_links" => {
                    events.links = ctx.at_key(&key, map.next_value_seed(LinksSeed { ctx }))?;
                }
                "sender" => {
                    events.senders = ctx.at_key(
                        &key,
                        map.next_value_seed(ArrayOf {
                            ctx,
                            item: SenderSeed { ctx },
                            what: "senders",
                        }),
                    )?;
                }
                _ => {
                    let value = ctx.at_key(&key, map.next_value_seed(ValueSeed::new(ctx)))?;
                    events.properties.push(Property {
                        name: Str::from(key),
                        value,
                    });
                }
            }
        }
        // With no member order, `_links` and `sender` are written even when absent.
        let keep = !(order.has(0) && order.has(1));
        let unknown = events.properties.iter().map(|p| &p.name);
        events.member_order = order.names(&EVENTS_ORDER, keep, unknown);
        Ok(events)
    }
}

map_seed!(
    SenderSeed,
    Sender,
    "a sender (a JSON object with `rel`, `href` and `events`)"
);

impl SenderSeed<'_> {
    fn read<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<Sender, A::Error> {
        let ctx = self.ctx;
        let mut sender = Sender::default();
        let (mut rel, mut href) = (None, None);
        let mut order = ReadOrder::default();
        let mut names = NameIndex::default();
        while let Some(key) = map.next_key_seed(BorrowedStrSeed)? {
            let unknown = (sender.attributes.len(), |i: usize| {
                sender.attributes[i].0.as_str()
            });
            let place = match &*key {
                "rel" => Some(0),
                "href" => Some(1),
                "events" => Some(3),
                _ => None,
            };
            note_key(ctx, (&mut order, &mut names), (place, 2), &key, unknown)?;
            match &*key {
                "rel" => rel = Some(ctx.at_key(&key, map.next_value::<Str>())?),
                "href" => href = Some(ctx.at_key(&key, map.next_value::<Str>())?),
                "events" => {
                    sender.events = ctx.at_key(
                        &key,
                        map.next_value_seed(ArrayOf {
                            ctx,
                            item: EventSeed { ctx },
                            what: "events",
                        }),
                    )?;
                }
                _ => {
                    let value =
                        ctx.at_key(&key, map.next_value_seed(ValueSeed { ctx, in_list: true }))?;
                    sender.attributes.push((Str::from(key), value));
                }
            }
        }
        sender.rel = rel.ok_or_else(|| de::Error::missing_field("rel"))?;
        sender.href = href.ok_or_else(|| de::Error::missing_field("href"))?;
        // With no member order, `events` is written even when absent.
        let keep = !order.has(3);
        let unknown = sender.attributes.iter().map(|(name, _)| name);
        sender.member_order = order.names(&SENDER_ORDER, keep, unknown);
        Ok(sender)
    }
}

map_seed!(
    EventSeed,
    Event,
    "an event (a JSON object with `link` and `type`)"
);

impl EventSeed<'_> {
    fn read<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<Event, A::Error> {
        let ctx = self.ctx;
        let mut order = ReadOrder::default();
        let (mut kind, mut link, mut in_link, mut status, mut reason) =
            (None, None, None, None, None);
        let mut embedded = Vec::new();
        let mut properties: Vec<Property> = Vec::new();
        let mut names = NameIndex::default();
        while let Some(key) = map.next_key_seed(BorrowedStrSeed)? {
            let unknown = (properties.len(), |i: usize| properties[i].name.as_str());
            let place = match &*key {
                "link" => Some(0),
                "in" => Some(1),
                "status" => Some(2),
                "reason" => Some(3),
                "_embedded" => Some(EMBEDDED),
                "type" => Some(6),
                _ => None,
            };
            note_key(ctx, (&mut order, &mut names), (place, 5), &key, unknown)?;
            match &*key {
                "type" => {
                    let name = ctx.at_key(&key, map.next_value_seed(BorrowedStrSeed))?;
                    kind = Some(EventType::parse(&name));
                }
                "link" => link = Some(ctx.at_key(&key, map.next_value_seed(RelLinkSeed { ctx }))?),
                "in" => {
                    in_link = Some(ctx.at_key(&key, map.next_value_seed(RelLinkSeed { ctx }))?);
                }
                "status" => status = Some(ctx.at_key(&key, map.next_value::<Str>())?),
                "reason" => {
                    reason = Some(Box::new(
                        ctx.at_key(&key, map.next_value_seed(ErrorBodySeed { ctx }))?,
                    ));
                }
                "_embedded" => {
                    embedded = ctx.at_key(&key, map.next_value_seed(EmbeddedSeed { ctx }))?;
                }
                _ => {
                    let value = ctx.at_key(&key, map.next_value_seed(ValueSeed::new(ctx)))?;
                    properties.push(Property {
                        name: Str::from(key),
                        value,
                    });
                }
            }
        }
        // An empty `_embedded` is written again only if the order names it.
        let keep = embedded.is_empty() && order.has(EMBEDDED);
        Ok(Event {
            member_order: order.names(&EVENT_ORDER, keep, properties.iter().map(|p| &p.name)),
            kind: kind.ok_or_else(|| de::Error::missing_field("type"))?,
            link: link.ok_or_else(|| de::Error::missing_field("link"))?,
            in_link,
            status,
            reason,
            embedded,
            properties,
        })
    }
}

/// The place of `_embedded` in [`EVENT_ORDER`].
pub(super) const EMBEDDED: usize = 4;

map_seed!(RelLinkSeed, RelLink, "a link object with `rel` and `href`");

impl RelLinkSeed<'_> {
    fn read<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<RelLink, A::Error> {
        let ctx = self.ctx;
        let (mut rel, mut href) = (None, None);
        let mut attributes: Vec<(Str, crate::model::Value)> = Vec::new();
        let mut order = ReadOrder::default();
        let mut names = NameIndex::default();
        while let Some(key) = map.next_key_seed(BorrowedStrSeed)? {
            let unknown = (attributes.len(), |i: usize| attributes[i].0.as_str());
            let place = ["rel", "href"].iter().position(|known| *known == key);
            note_key(ctx, (&mut order, &mut names), (place, 2), &key, unknown)?;
            match &*key {
                "rel" => rel = Some(ctx.at_key(&key, map.next_value::<Str>())?),
                "href" => href = Some(ctx.at_key(&key, map.next_value::<Str>())?),
                _ => {
                    let value =
                        ctx.at_key(&key, map.next_value_seed(ValueSeed { ctx, in_list: true }))?;
                    attributes.push((Str::from(key), value));
                }
            }
        }
        let member_order = order.names(&LINK_ORDER, false, attributes.iter().map(|(n, _)| n));
        Ok(RelLink {
            rel: rel.ok_or_else(|| de::Error::missing_field("rel"))?,
            href: href.ok_or_else(|| de::Error::missing_field("href"))?,
            attributes,
            member_order,
        })
    }
}

deserialize_through!(Events, EventsSeed);

impl Serialize for Events {
    /// `{"_links": .., "sender": [..]}` and any other member, in the order read.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let hint = &self.member_order;
        let mut map = serializer.serialize_map(None)?;
        for slot in plan(hint, &EVENTS_ORDER, &names(&self.properties)) {
            match slot {
                Slot::Known("_links") => {
                    if wanted(hint, "_links", !self.links.is_empty()) {
                        map.serialize_entry("_links", &LinksJson(&self.links))?;
                    }
                }
                Slot::Known("sender") => {
                    if wanted(hint, "sender", !self.senders.is_empty()) {
                        map.serialize_entry("sender", &self.senders)?;
                    }
                }
                Slot::Known(_) => {}
                Slot::Other(j) => serialize_property(&mut map, &self.properties[j])?,
            }
        }
        map.end()
    }
}

impl Serialize for Sender {
    /// `{"rel": .., "href": .., other attributes, "events": [..]}`, in the order read.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let hint = &self.member_order;
        let mut map = serializer.serialize_map(None)?;
        for slot in plan(hint, &SENDER_ORDER, &attribute_names(&self.attributes)) {
            match slot {
                Slot::Known("rel") => map.serialize_entry("rel", self.rel.as_str())?,
                Slot::Known("href") => map.serialize_entry("href", self.href.as_str())?,
                Slot::Known("events") => {
                    if wanted(hint, "events", !self.events.is_empty()) {
                        map.serialize_entry("events", &self.events)?;
                    }
                }
                Slot::Known(_) => {}
                Slot::Other(j) => {
                    let (name, value) = &self.attributes[j];
                    map.serialize_entry(name.as_str(), value)?;
                }
            }
        }
        map.end()
    }
}

impl Serialize for Event {
    /// `{"link": .., "in"?, "status"?, "reason"?, "_embedded"?, "type": ..}`, in the order
    /// read.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let hint = &self.member_order;
        let mut map = serializer.serialize_map(None)?;
        for slot in plan(hint, &EVENT_ORDER, &names(&self.properties)) {
            match slot {
                Slot::Known("link") => map.serialize_entry("link", &self.link)?,
                Slot::Known("in") => {
                    if let Some(link) = &self.in_link {
                        map.serialize_entry("in", link)?;
                    }
                }
                Slot::Known("status") => {
                    if let Some(status) = &self.status {
                        map.serialize_entry("status", status.as_str())?;
                    }
                }
                Slot::Known("reason") => {
                    if let Some(reason) = &self.reason {
                        map.serialize_entry("reason", reason)?;
                    }
                }
                Slot::Known("_embedded") => {
                    if !self.embedded.is_empty() || hint.iter().any(|h| h == "_embedded") {
                        map.serialize_entry("_embedded", &EmbeddedJson(&self.embedded))?;
                    }
                }
                Slot::Known("type") => map.serialize_entry("type", self.kind.as_str())?,
                Slot::Known(_) => {}
                Slot::Other(j) => serialize_property(&mut map, &self.properties[j])?,
            }
        }
        map.end()
    }
}

impl Serialize for RelLink {
    /// `{"rel": .., "href": .., other attributes}`, or in the order read.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2 + self.attributes.len()))?;
        for slot in plan(
            &self.member_order,
            &LINK_ORDER,
            &attribute_names(&self.attributes),
        ) {
            match slot {
                Slot::Known("rel") => map.serialize_entry("rel", self.rel.as_str())?,
                Slot::Known(_) => map.serialize_entry("href", self.href.as_str())?,
                Slot::Other(j) => {
                    let (name, value) = &self.attributes[j];
                    map.serialize_entry(name.as_str(), value)?;
                }
            }
        }
        map.end()
    }
}

/// A property as an object's member.
fn serialize_property<M: SerializeMap>(map: &mut M, property: &Property) -> Result<(), M::Error> {
    map.serialize_entry(property.name.as_str(), &property.value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn an_operation_that_failed() {
        let text = r#"{"_links":{"self":{"href":"/e?ack=3"},"resync":{"href":"/e?ack=1"}},"sender":[{"rel":"communication","href":"/c","events":[{"link":{"rel":"messagingInvitation","href":"/c/i/1","title":"Invitation"},"status":"Failure","reason":{"code":"Gone","subcode":"Declined","message":"No."},"type":"completed"}]},{"rel":"me","href":"/me","events":[]}]}"#;
        let events = crate::json::from_str::<Events>(text).unwrap();
        assert_eq!(events.resync_href(), Some("/e?ack=1"));
        assert_eq!(events.next_href(), None);
        let (_, event) = events.events().next().unwrap();
        assert_eq!(event.kind, EventType::Completed);
        assert_eq!(event.link.title(), Some("Invitation"));
        assert_eq!(event.status.as_deref(), Some("Failure"));
        assert_eq!(
            event.reason.as_ref().map(|r| r.to_string()).as_deref(),
            Some("Gone/Declined: No.")
        );
        assert_eq!(crate::json::to_string(&events).unwrap(), text);
    }

    #[test]
    fn malformed_documents_are_refused_with_a_place() {
        let err = crate::json::from_str::<Events>("{\"sender\": [{\"rel\": \"me\", \"href\": \"/me\",\n \"events\": [{\"type\": \"added\"}]}]}").unwrap_err();
        assert_eq!(err.line(), 2);
        assert_eq!(err.path(), "sender[0].events[0]");
        assert!(err.message().contains("link"), "{err}");
        let err = crate::json::from_str::<Events>("{\"sender\": [{\"rel\": \"me\", \"href\": \"/me\", \"events\": [{\"type\": \"added\", \"link\": {\"href\": 1}}]}]}").unwrap_err();
        assert_eq!(err.path(), "sender[0].events[0].link.href");
        let err = crate::json::from_str::<Events>("{\"sender\": {}}").unwrap_err();
        assert_eq!((err.path(), err.kind()), ("sender", ErrorKind::Structure));
        let err = crate::json::from_str::<Events>("{\"sender\": [], \"sender\": []}").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Value);
        let err = crate::json::from_str::<Events>(
            "{\"_links\": {\"self\": {\"href\": \"/e\"}}, \"sender\": [",
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Eof);
    }

    #[test]
    fn a_document_built_in_code_writes_the_documented_order() {
        let mut events = Events::new("/e?ack=1", "/e?ack=2");
        let mut event = Event::new("updated", "me", "/me");
        event.status = Some("Success".into());
        events.senders.push(Sender {
            rel: "me".into(),
            href: "/me".into(),
            events: vec![event],
            ..Sender::default()
        });
        assert_eq!(
            crate::json::to_string(&events).unwrap(),
            r#"{"_links":{"self":{"href":"/e?ack=1"},"next":{"href":"/e?ack=2"}},"sender":[{"rel":"me","href":"/me","events":[{"link":{"rel":"me","href":"/me"},"status":"Success","type":"updated"}]}]}"#
        );
    }
}
