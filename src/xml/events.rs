//! The XML codec of event channel documents.
//!
//! ```xml
//! <events href="SELF" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
//!   <link rel="next" href=".."/>
//!   <sender rel="conversation" href="..">
//!     <added rel="participant" href=".." title="..">     <!-- the event's type and link -->
//!       <in rel="participants" href=".."/>               <!-- JSON "in" -->
//!       <status>Failure</status>                         <!-- JSON "status" -->
//!       <reason><code>..</code>...</reason>              <!-- JSON "reason", an error body -->
//!       <resource rel="participant" href="..">..</resource> <!-- JSON "_embedded" -->
//!     </added>
//!   </sender>
//! </events>
//! ```
//!
//! Unknown members of the document and of an event are `<property>` (or `<propertyList>`)
//! children, as in a resource; a sender's and a link's other attributes are attributes.

use quick_xml::events::BytesStart;

use super::de::{
    fail, find_embedded, is_writable_name, push_embedded, push_link, Attributes, Decoder, Kind,
    Step,
};
use super::document::wrong_root;
use super::elements::{local_name, write_link_element};
use super::error_body;
use super::ser::{
    declare_xsi, has_link_elements, link_attributes, write_property, write_resource, Writer,
};
use super::UCWA_NS;
use crate::error::{Error, ErrorKind, Result};
use crate::model::events::{Event, EventType, Events, RelLink, Sender};
use crate::model::order::{names, plan, ReadOrder, Slot};
use crate::model::{push_sparingly, NameIndex};
use crate::model::{
    Cardinality, DecodeOptions, DocumentKind, Link, LinkGroup, Property, Str, Value, SELF,
};

const EVENTS_ORDER: [&str; 3] = ["_links", "sender", "*"];
const EVENT_ORDER: [&str; 5] = ["in", "status", "reason", "_embedded", "*"];
/// The members of an event that an unknown one may not be named after.
const EVENT_MEMBERS: [&str; 6] = ["link", "in", "status", "reason", "_embedded", "type"];

/// Decodes an events document, refusing another root element.
pub(super) fn decode(text: &str, options: &DecodeOptions) -> Result<Events> {
    if let Some(events) = super::fast::decode_events(text, options) {
        return Ok(events);
    }
    Decoder::with_options(text, options).document_with(read_root)
}

/// Reads an `<events>` root element.
pub(crate) fn read_root<'a>(
    d: &mut Decoder<'a>,
    start: BytesStart<'a>,
    empty: bool,
) -> Step<Events> {
    let (_, attributes) = d.open(&start)?;
    if local_name(&start) != "events" {
        return fail(
            ErrorKind::Structure,
            wrong_root(DocumentKind::Events, local_name(&start), start.name().0),
        );
    }
    let events = read_events(d, attributes, empty)?;
    d.close();
    Ok(events)
}

/// The members of an events document as an XML decoder reads them: `_links` and `sender`
/// where each is first met, and each property. (A property cannot take either name.)
#[derive(Default)]
pub(crate) struct DocumentOrder {
    names: Vec<Str>,
    links: bool,
    sender: bool,
}

impl DocumentOrder {
    /// A link (or the root's self link) was read.
    pub(crate) fn links(&mut self) {
        if !std::mem::replace(&mut self.links, true) {
            self.names.push(Str::from("_links"));
        }
    }

    /// A sender was read, or the document ends (JSON writes `"sender": []` for none).
    pub(crate) fn sender(&mut self) {
        if !std::mem::replace(&mut self.sender, true) {
            self.names.push(Str::from("sender"));
        }
    }

    /// A property was read.
    pub(crate) fn property(&mut self, name: Str) {
        self.names.push(name);
    }

    /// The member order, for [`Events::member_order`].
    pub(crate) fn finish(self) -> Vec<Str> {
        self.names
    }
}

/// The order of an event's children as an XML decoder reads them, given to
/// [`Event::member_order`] only when it is not the default order (see [`ReadOrder`]).
#[derive(Default)]
pub(crate) struct EventOrder(ReadOrder);

impl EventOrder {
    /// A child named `member` (of [`EVENT_ORDER`]), or a property (`None`), was read; an
    /// embedded resource after another is noted once.
    #[inline(always)]
    pub(crate) fn note(&mut self, member: Option<&str>) {
        match member.and_then(|name| EVENT_ORDER.iter().position(|known| *known == name)) {
            Some(place) => {
                self.0.known(place);
            }
            None => self.0.unknown(EVENT_ORDER.len() - 1),
        }
    }

    /// Sets the event's member order: empty when its children came in the default order,
    /// else `link` and each child's name.
    pub(crate) fn finish(self, event: &mut Event) {
        let mut order = self.0.names(
            &EVENT_ORDER,
            false,
            event.properties.iter().map(|p| &p.name),
        );
        if !order.is_empty() {
            order.insert(0, Str::from("link"));
        }
        event.member_order = order;
    }
}

/// Reads the children of an `<events>` element (the start tag already opened).
fn read_events(d: &mut Decoder<'_>, attributes: Attributes<'_>, empty: bool) -> Step<Events> {
    let mut events = Events::default();
    let mut order = DocumentOrder::default();
    if let Some(name) = attributes
        .rel
        .as_ref()
        .map(|_| "rel")
        .or(attributes.name.as_ref().map(|_| "name"))
    {
        return fail(
            ErrorKind::Structure,
            format!("unexpected attribute `{name}` on <events>"),
        );
    }
    if let Some(href) = attributes.href {
        events.links.push(LinkGroup {
            rel: SELF.into(),
            cardinality: Cardinality::Single,
            links: crate::model::Links::one(Link {
                href: Str::from(href),
                attributes: attributes.other,
                href_at: 0,
            }),
        });
        order.links();
    } else if let Some((name, _)) = attributes.other.first() {
        return fail(
            ErrorKind::Structure,
            format!("attribute `{name}` on an <events> without `href` has no link to go on"),
        );
    }
    if !empty {
        read_events_children(d, &mut events, &mut order)?;
    }
    // XML cannot tell an empty list of senders from none; JSON writes `"sender": []`.
    order.sender();
    events.member_order = order.finish();
    Ok(events)
}

fn read_events_children(
    d: &mut Decoder<'_>,
    events: &mut Events,
    order: &mut DocumentOrder,
) -> Step<()> {
    let mut links = NameIndex::default();
    while let Some((start, empty)) = d.next_child("events")? {
        let (kind, attributes) = d.open(&start)?;
        match (kind, local_name(&start)) {
            (Kind::Link, _) => {
                let result = d.link_element(attributes, empty, "link", true);
                let (rel, link) = d.at(result, |p| p.push_outer_key("_links"))?;
                let Some(rel) = rel else {
                    return fail(ErrorKind::Structure, "<link> without a `rel` attribute");
                };
                push_link(&mut events.links, 0, &mut links, rel.as_str().into(), link);
                order.links();
            }
            (Kind::Property | Kind::PropertyList, _) => {
                let property = read_property(d, kind, &attributes, empty, &EVENTS_ORDER)?;
                order.property(property.name.clone());
                events.properties.push(property);
            }
            (_, "sender") => {
                let index = events.senders.len();
                let result = read_sender(d, attributes, empty);
                let sender = d.at(result, |p| {
                    p.push_outer_index(index);
                    p.push_outer_key("sender");
                })?;
                events.senders.push(sender);
                order.sender();
            }
            _ => {
                return fail(
                    ErrorKind::Structure,
                    format!(
                        "unexpected element <{}> in <events>; expected <link>, <sender> or \
                         <property>",
                        start.name().0
                    ),
                )
            }
        }
        d.close();
    }
    Ok(())
}

/// A `<property>` or `<propertyList>` (already opened).
fn read_property(
    d: &mut Decoder<'_>,
    kind: Kind,
    attributes: &Attributes<'_>,
    empty: bool,
    reserved: &[&str],
) -> Step<Property> {
    let element = if kind == Kind::Property {
        "property"
    } else {
        "propertyList"
    };
    let name = d.required_name(attributes, element)?;
    if reserved.contains(&name.as_ref()) {
        return fail(
            ErrorKind::Structure,
            format!("<{element} name=\"{name}\"> names a member the document has already"),
        );
    }
    let result = if kind == Kind::Property {
        d.text_content(empty, attributes.nil, "property")
    } else {
        d.property_list(empty, attributes.nil)
    };
    let value = d.at(result, |p| p.push_outer_key(&name))?;
    Ok(Property {
        name: Str::from(name),
        value,
    })
}

/// The `rel` and `href` of a sender or an event, and its other attributes (`name` first).
fn rel_link(attributes: Attributes<'_>, element: &str) -> Step<RelLink> {
    let Some(rel) = attributes.rel else {
        return fail(
            ErrorKind::Structure,
            format!("<{element}> without a `rel` attribute"),
        );
    };
    let Some(href) = attributes.href else {
        return fail(
            ErrorKind::Structure,
            format!("<{element}> without an `href` attribute"),
        );
    };
    let mut others = Vec::with_capacity(attributes.other.len() + 1);
    if let Some(name) = attributes.name {
        others.push((Str::from("name"), Value::Text(Str::from(name))));
    }
    others.extend(attributes.other);
    Ok(RelLink {
        rel: Str::from(rel),
        href: Str::from(href),
        attributes: others,
        member_order: Vec::new(),
    })
}

fn read_sender(d: &mut Decoder<'_>, attributes: Attributes<'_>, empty: bool) -> Step<Sender> {
    let link = rel_link(attributes, "sender")?;
    if link.attributes.iter().any(|(name, _)| name == "events") {
        return fail(
            ErrorKind::Structure,
            "<sender events=\"..\"> names a member the sender has already (its events)",
        );
    }
    // XML gives a sender's members in the default order (`rel`, `href`, the other
    // attributes, the events): its member order stays empty.
    let mut sender = Sender {
        rel: link.rel,
        href: link.href,
        attributes: link.attributes,
        ..Sender::default()
    };
    if empty {
        return Ok(sender);
    }
    while let Some((start, empty)) = d.next_child("sender")? {
        let (_, attributes) = d.open(&start)?;
        let kind = EventType::parse(local_name(&start));
        let index = sender.events.len();
        let result = read_event(d, kind, attributes, empty);
        let event = d.at(result, |p| {
            p.push_outer_index(index);
            p.push_outer_key("events");
        })?;
        push_sparingly(&mut sender.events, event);
        d.close();
    }
    Ok(sender)
}

fn read_event(
    d: &mut Decoder<'_>,
    kind: EventType,
    attributes: Attributes<'_>,
    empty: bool,
) -> Step<Event> {
    let element = kind.as_str().to_owned();
    let link = d.at(rel_link(attributes, &element), |p| p.push_outer_key("link"))?;
    let mut event = Event::new(kind, "", "");
    event.link = link;
    if empty {
        return Ok(event);
    }
    let mut order = EventOrder::default();
    let mut relations = NameIndex::default();
    while let Some((start, empty)) = d.next_child(&element)? {
        let (kind, attributes) = d.open(&start)?;
        let name = local_name(&start);
        let duplicate = |present: bool| -> Step<()> {
            if present {
                fail(
                    ErrorKind::Value,
                    format!("duplicate element <{name}> in <{element}>"),
                )
            } else {
                Ok(())
            }
        };
        match (kind, name) {
            (Kind::Resource, _) => {
                let Some(relation) = attributes.rel.clone() else {
                    return fail(
                        ErrorKind::Structure,
                        "embedded <resource> without a `rel` attribute",
                    );
                };
                let found = find_embedded(&event.embedded, &mut relations, &relation);
                let index = found.map_or(0, |g| event.embedded[g].resources.len());
                let result = d.resource_body(attributes, empty);
                let mut child = d.at(result, |p| {
                    if index > 0 {
                        p.push_outer_index(index);
                    }
                    p.push_outer_key(&relation);
                    p.push_outer_key("_embedded");
                })?;
                if child.type_name.is_none() {
                    child.type_name = Some(Str::from(relation.as_ref()));
                }
                push_embedded(&mut event.embedded, 0, found, relation, child);
                order.note(Some("_embedded"));
            }
            (Kind::Property | Kind::PropertyList, _) => {
                let property = read_property(d, kind, &attributes, empty, &EVENT_MEMBERS)?;
                order.note(None);
                event.properties.push(property);
            }
            (_, "in") => {
                duplicate(event.in_link.is_some())?;
                let result = d.link_element(attributes, empty, "in", true);
                let (rel, link) = d.at(result, |p| p.push_outer_key("in"))?;
                let Some(rel) = rel else {
                    return d.at(
                        fail(ErrorKind::Structure, "<in> without a `rel` attribute"),
                        |p| p.push_outer_key("in"),
                    );
                };
                event.in_link = Some(RelLink {
                    rel,
                    href: link.href,
                    attributes: link.attributes,
                    member_order: Vec::new(),
                });
                order.note(Some("in"));
            }
            (_, "status") => {
                duplicate(event.status.is_some())?;
                error_body::no_attributes(&attributes, "status")?;
                let result = d.text_only(empty, attributes.nil, "status");
                event.status = Some(d.at(result, |p| p.push_outer_key("status"))?);
                order.note(Some("status"));
            }
            (_, "reason") => {
                duplicate(event.reason.is_some())?;
                let result = error_body::read_xml(d, attributes, empty);
                event.reason = Some(Box::new(d.at(result, |p| p.push_outer_key("reason"))?));
                order.note(Some("reason"));
            }
            _ => {
                return fail(
                    ErrorKind::Structure,
                    format!(
                        "unexpected element <{}> in <{element}>; expected <in>, <status>, \
                         <reason>, <resource> or <property>",
                        start.name().0
                    ),
                )
            }
        }
        d.close();
    }
    order.finish(&mut event);
    Ok(event)
}

pub(super) fn write_events(w: &mut Writer<'_>, events: &Events) -> Result<()> {
    w.open_tag("events");
    let self_link = events
        .links
        .iter()
        .find(|g| g.rel == SELF)
        .and_then(|g| g.links.first());
    if let Some(link) = self_link {
        w.attribute("href", &link.href)?;
        link_attributes(w, link, false)?;
    }
    w.attribute("xmlns", UCWA_NS)?;
    declare_xsi(w, self_link);
    let has_children = !events.senders.is_empty()
        || !events.properties.is_empty()
        || has_link_elements(&events.links);
    if !has_children {
        w.empty_end();
        return Ok(());
    }
    w.open_end();
    for slot in plan(
        &events.member_order,
        &EVENTS_ORDER,
        &names(&events.properties),
    ) {
        match slot {
            Slot::Known("_links") => {
                for group in &events.links {
                    // The first self link is the root's `href`.
                    let skip = usize::from(group.rel == SELF);
                    for link in group.links.iter().skip(skip) {
                        write_link_element(w, "link", Some(&group.rel), link)?;
                    }
                }
            }
            Slot::Known("sender") => {
                for sender in &events.senders {
                    write_sender(w, sender)?;
                }
            }
            Slot::Known(_) => {}
            Slot::Other(j) => {
                let property = &events.properties[j];
                write_property(w, &property.name, &property.value)?;
            }
        }
    }
    w.close("events");
    Ok(())
}

fn write_attributes(w: &mut Writer<'_>, attributes: &[(Str, Value)]) -> Result<()> {
    let link = Link {
        href: Str::default(),
        attributes: attributes.to_vec(),
        href_at: 0,
    };
    link_attributes(w, &link, false)
}

fn write_sender(w: &mut Writer<'_>, sender: &Sender) -> Result<()> {
    w.open_tag("sender");
    w.attribute("rel", &sender.rel)?;
    w.attribute("href", &sender.href)?;
    write_attributes(w, &sender.attributes)?;
    if sender.events.is_empty() {
        w.empty_end();
        return Ok(());
    }
    w.open_end();
    for event in &sender.events {
        write_event(w, event)?;
    }
    w.close("sender");
    Ok(())
}

fn write_event(w: &mut Writer<'_>, event: &Event) -> Result<()> {
    let element = event.kind.as_str();
    if !is_writable_name(element) {
        return Err(Error::new(
            ErrorKind::Unrepresentable,
            format!("event type `{element}` cannot be written as an XML element name"),
        ));
    }
    w.open_tag(element);
    w.attribute("rel", &event.link.rel)?;
    w.attribute("href", &event.link.href)?;
    write_attributes(w, &event.link.attributes)?;
    let has_children = event.in_link.is_some()
        || event.status.is_some()
        || event.reason.is_some()
        || !event.embedded.is_empty()
        || !event.properties.is_empty();
    if !has_children {
        w.empty_end();
        return Ok(());
    }
    w.open_end();
    for slot in plan(&event.member_order, &EVENT_ORDER, &names(&event.properties)) {
        match slot {
            Slot::Known("in") => {
                if let Some(link) = &event.in_link {
                    write_link_element(w, "in", Some(&link.rel), &link.to_link())?;
                }
            }
            Slot::Known("status") => {
                if let Some(status) = &event.status {
                    w.text_element("status", status)?;
                }
            }
            Slot::Known("reason") => {
                if let Some(reason) = &event.reason {
                    error_body::write_xml(w, reason, false)?;
                }
            }
            Slot::Known("_embedded") => {
                for group in &event.embedded {
                    for resource in &group.resources {
                        write_resource(w, resource, Some(&group.relation))?;
                    }
                }
            }
            Slot::Known(_) => {}
            Slot::Other(j) => {
                let property = &event.properties[j];
                write_property(w, &property.name, &property.value)?;
            }
        }
    }
    w.close(element);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::XSI_NS;
    use crate::Events;

    #[test]
    fn a_self_link_that_declares_xsi_is_not_declared_again() {
        let mut burst = Events::new("/e?ack=1", "/e?ack=2");
        let self_link = &mut burst.links[0].links[0];
        self_link
            .attributes
            .push(("xmlns:xsi".into(), XSI_NS.into()));
        self_link.attributes.push(("xsi:note".into(), "x".into()));
        burst.properties.push(Property {
            name: "extra".into(),
            value: Value::Null,
        });
        let text = crate::xml::to_string(&burst).expect("writes");
        assert_eq!(text.matches("xmlns:xsi").count(), 1, "{text}");
        let read = crate::xml::from_slice::<Events>(text.as_bytes()).expect("reads");
        assert_eq!(crate::xml::to_string(&read).expect("writes"), text);
    }

    #[test]
    fn every_piece_round_trips_through_xml() {
        let json = r#"{"_links":{"self":{"href":"/e?ack=3"},"next":{"href":"/e?ack=4"}},"sender":[{"rel":"communication","href":"/c","title":"C","events":[{"link":{"rel":"messagingInvitation","href":"/c/i/1","title":"Invitation"},"in":{"rel":"conversation","href":"/c/1"},"status":"Failure","reason":{"code":"Gone","subcode":"Declined","message":"No.","debugInfo":{"n":null}},"_embedded":{"messagingInvitation":{"rel":"messagingInvitation","state":"Failed","_links":{"self":{"href":"/c/i/1"}}}},"priority":"low","type":"completed"}]}],"extra":"x"}"#;
        let events = crate::json::from_str::<Events>(json).unwrap();
        let xml = crate::xml::to_string(&events).unwrap();
        assert!(xml.contains("xmlns:xsi="), "{xml}");
        assert!(xml.contains(r#"<sender rel="communication" href="/c" title="C"><completed rel="messagingInvitation" href="/c/i/1" title="Invitation"><in rel="conversation" href="/c/1"/><status>Failure</status><reason><code>Gone</code>"#), "{xml}");
        assert!(xml.contains(r#"<resource rel="messagingInvitation" href="/c/i/1"><property name="rel">messagingInvitation</property><property name="state">Failed</property></resource><property name="priority">low</property></completed>"#), "{xml}");
        let back = crate::xml::from_str::<Events>(&xml).unwrap();
        assert_eq!(crate::json::to_string(&back).unwrap(), json);
    }

    #[test]
    fn malformed_documents_are_refused_with_a_place() {
        let err = crate::xml::from_str::<Events>("<events href=\"/e\">\n  <sender rel=\"me\">\n")
            .unwrap_err();
        assert_eq!((err.line(), err.path()), (2, "sender[0]"));
        let err = crate::xml::from_str::<Events>(
            "<events>\n<sender rel=\"me\" href=\"/me\">\n<added rel=\"me\"/></sender></events>",
        )
        .unwrap_err();
        assert_eq!(
            (err.line(), err.column(), err.path()),
            (3, 1, "sender[0].events[0].link")
        );
        let err = crate::xml::from_str::<Events>("<events><sender rel=\"me\" href=\"/me\"><added rel=\"me\" href=\"/me\"><status>a</status><status>b</status></added></sender></events>").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Value);
        let err = crate::xml::from_str::<Events>("<events><sender rel=\"me\" href=\"/me\"><added rel=\"me\" href=\"/me\"><reason><message/></reason></added></sender></events>").unwrap_err();
        assert_eq!(err.path(), "sender[0].events[0].reason");
        let err = crate::xml::from_str::<Events>("<events><nonsense/></events>").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Structure);
        let err = crate::xml::from_str::<Events>("<resource rel=\"x\"/>").unwrap_err();
        assert!(err.message().contains("<events>"));
        let err = crate::xml::from_str::<Events>("<events><sender rel=\"me\" href=\"/me\"><added rel=\"me\" href=\"/me\">text</added></sender></events>").unwrap_err();
        assert_eq!(err.column(), 64);
    }

    #[test]
    fn types_xml_cannot_name_are_refused() {
        let mut events = Events::default();
        events.senders.push(Sender {
            rel: "me".into(),
            href: "/me".into(),
            events: vec![Event::new("a b", "me", "/me")],
            ..Sender::default()
        });
        assert_eq!(
            crate::xml::to_string(&events).unwrap_err().kind(),
            ErrorKind::Unrepresentable
        );
    }
}
