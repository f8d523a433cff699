//! The XML writer of event channel documents (their reader is [`super::builder::events`]).
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

use super::builder::events::{EVENTS_ORDER, EVENT_ORDER};
use super::de::is_writable_name;
use super::elements::write_link_element;
use super::error_body;
use super::ser::{
    declare_xsi, has_link_elements, link_attributes, write_property, write_resource, Writer,
};
use super::UCWA_NS;
use crate::error::{Error, ErrorKind, Result};
use crate::model::events::{Event, Events, Sender};
use crate::model::order::{names, plan, Slot};
use crate::model::{Link, Str, Value, SELF};

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
    use crate::model::Property;
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
