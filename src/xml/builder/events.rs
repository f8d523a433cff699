//! The builder of event channel documents: `<events>` with its `<link>`s, `<sender>`s and
//! properties; in each sender its events; in each event its `<in>` link, `<status>`,
//! `<reason>` (an error body, read by [`Tokens::error_body`]), embedded `<resource>`s (read by
//! the resource builder) and properties.

use std::mem::take;

use super::{
    embedded, fail, find_embedded, link_element, no_attributes, property, push_embedded, push_link,
    self_link, text_only, wrong_root, Kind, Tag, Tokens,
};
use crate::error::ErrorKind;
use crate::model::events::{Event, EventType, Events, RelLink, Sender};
use crate::model::order::ReadOrder;
use crate::model::{push_sparingly, DocumentKind, NameIndex, Str, Value};

/// The members of an events document in the order XML writes them.
pub(crate) const EVENTS_ORDER: [&str; 3] = ["_links", "sender", "*"];
/// The members of an event in the order XML writes them (its link aside: an attribute).
pub(crate) const EVENT_ORDER: [&str; 5] = ["in", "status", "reason", "_embedded", "*"];
/// The members of an event that an unknown one may not be named after.
const EVENT_MEMBERS: [&str; 6] = ["link", "in", "status", "reason", "_embedded", "type"];

/// The members of an events document as an XML decoder reads them: `_links` and `sender`
/// where each is first met, and each property. (A property cannot take either name.)
#[derive(Default)]
struct DocumentOrder {
    names: Vec<Str>,
    links: bool,
    sender: bool,
}

impl DocumentOrder {
    /// A link (or the root's self link) was read.
    fn links(&mut self) {
        if !std::mem::replace(&mut self.links, true) {
            self.names.push(Str::from("_links"));
        }
    }

    /// A sender was read, or the document ends (JSON writes `"sender": []` for none).
    fn sender(&mut self) {
        if !std::mem::replace(&mut self.sender, true) {
            self.names.push(Str::from("sender"));
        }
    }

    /// A property was read.
    fn property(&mut self, name: Str) {
        self.names.push(name);
    }
}

/// The order of an event's children as an XML decoder reads them, given to
/// [`Event::member_order`] only when it is not the default order (see [`ReadOrder`]).
#[derive(Default)]
struct EventOrder(ReadOrder);

impl EventOrder {
    /// A child named `member` (of [`EVENT_ORDER`]), or a property (`None`), was read; an
    /// embedded resource after another is noted once.
    #[inline(always)]
    fn note(&mut self, member: Option<&str>) {
        match member.and_then(|name| EVENT_ORDER.iter().position(|known| *known == name)) {
            Some(place) => {
                self.0.known(place);
            }
            None => self.0.unknown(EVENT_ORDER.len() - 1),
        }
    }

    /// Sets the event's member order: empty when its children came in the default order,
    /// else `link` and each child's name.
    fn finish(self, event: &mut Event) {
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

/// An `<events>` root (opened), through its end tag.
pub(crate) fn events<'a, T: Tokens<'a>>(tokens: &mut T, root: &Tag<'a>) -> Result<Events, T::Fail> {
    if root.local_name() != "events" {
        return Err(wrong_root(tokens, DocumentKind::Events, root));
    }
    let mut events = Events::default();
    let mut order = DocumentOrder::default();
    let attributes = tokens.attributes();
    if let Some(name) = attributes
        .rel
        .as_ref()
        .map(|_| "rel")
        .or(attributes.name.as_ref().map(|_| "name"))
    {
        return fail(tokens, ErrorKind::Structure, || {
            format!("unexpected attribute `{name}` on <events>")
        });
    }
    if let Some(group) = self_link(tokens, "an <events>")? {
        events.links.push(group);
        order.links();
    }
    if !root.empty {
        children(tokens, root, &mut events, &mut order)?;
    }
    // XML cannot tell an empty list of senders from none; JSON writes `"sender": []`.
    order.sender();
    events.member_order = order.names;
    Ok(events)
}

fn children<'a, T: Tokens<'a>>(
    tokens: &mut T,
    root: &Tag<'a>,
    events: &mut Events,
    order: &mut DocumentOrder,
) -> Result<(), T::Fail> {
    let mut links = NameIndex::default();
    let mut child = Tag::blank();
    while tokens.next_child(root, &mut child)? {
        match (child.kind, child.local_name()) {
            (Kind::Link, _) => {
                let result = link_element(tokens, &child, true);
                let (rel, link) = tokens.at(result, |p| p.push_outer_key("_links"))?;
                let Some(rel) = rel else {
                    return fail(tokens, ErrorKind::Structure, || {
                        "<link> without a `rel` attribute".to_owned()
                    });
                };
                push_link(&mut events.links, 0, &mut links, rel.as_str().into(), link);
                order.links();
            }
            (Kind::Property | Kind::PropertyList, _) => {
                let property = member_property(tokens, &child, &EVENTS_ORDER)?;
                order.property(property.name.clone());
                events.properties.push(property);
            }
            (_, "sender") => {
                let index = events.senders.len();
                let result = sender(tokens, &child);
                let sender = tokens.at(result, |p| {
                    p.push_outer_index(index);
                    p.push_outer_key("sender");
                })?;
                events.senders.push(sender);
                order.sender();
            }
            _ => {
                return fail(tokens, ErrorKind::Structure, || {
                    format!(
                        "unexpected element <{}> in <events>; expected <link>, <sender> or \
                         <property>",
                        child.name
                    )
                })
            }
        }
        tokens.close();
    }
    Ok(())
}

/// A `<property>` or `<propertyList>` of a document whose own members it may not be named
/// after (`reserved`).
fn member_property<'a, T: Tokens<'a>>(
    tokens: &mut T,
    tag: &Tag<'a>,
    reserved: &[&str],
) -> Result<crate::model::Property, T::Fail> {
    if let Some(name) = tokens.attributes().name.as_deref() {
        if reserved.contains(&name) {
            let name = name.to_owned();
            return fail(tokens, ErrorKind::Structure, || {
                format!(
                    "<{} name=\"{name}\"> names a member the document has already",
                    tag.local_name()
                )
            });
        }
    }
    property(tokens, tag)
}

/// The `rel`, `href` and other attributes of a sender or an event (`name` first).
fn rel_link<'a, T: Tokens<'a>>(tokens: &mut T, tag: &Tag<'a>) -> Result<RelLink, T::Fail> {
    let attributes = tokens.attributes();
    let missing = match (attributes.rel.take(), attributes.href.take()) {
        (Some(rel), Some(href)) => {
            let mut others = take(&mut attributes.other);
            if let Some(name) = attributes.name.take() {
                others.insert(0, (Str::from("name"), Value::Text(tokens.str(name))));
            }
            return Ok(RelLink {
                rel: tokens.str(rel),
                href: tokens.str(href),
                attributes: others,
                member_order: Vec::new(),
            });
        }
        (None, _) => "a `rel`",
        (Some(_), None) => "an `href`",
    };
    fail(tokens, ErrorKind::Structure, || {
        format!("<{}> without {missing} attribute", tag.local_name())
    })
}

/// A `<sender>` and its events.
fn sender<'a, T: Tokens<'a>>(tokens: &mut T, tag: &Tag<'a>) -> Result<Sender, T::Fail> {
    let link = rel_link(tokens, tag)?;
    if link.attributes.iter().any(|(name, _)| name == "events") {
        return fail(tokens, ErrorKind::Structure, || {
            "<sender events=\"..\"> names a member the sender has already (its events)".to_owned()
        });
    }
    // XML gives a sender's members in the default order (`rel`, `href`, the other
    // attributes, the events): its member order stays empty.
    let mut sender = Sender {
        rel: link.rel,
        href: link.href,
        attributes: link.attributes,
        ..Sender::default()
    };
    if tag.empty {
        return Ok(sender);
    }
    let mut child = Tag::blank();
    let (from, _) = tokens.progress();
    while tokens.next_child(tag, &mut child)? {
        let index = sender.events.len();
        if index == sender.events.capacity() && index >= ESTIMATE_AFTER {
            make_room(&mut sender.events, tokens, from);
        }
        // Built where it stays: an event is large to move.
        let kind = EventType::parse(child.local_name());
        push_sparingly(&mut sender.events, Event::new(kind, "", ""));
        let event = sender.events.last_mut().expect("just pushed");
        let result = self::event(tokens, &child, event);
        tokens.at(result, |p| {
            p.push_outer_index(index);
            p.push_outer_key("events");
        })?;
        tokens.close();
    }
    if sender.events.len() > ESTIMATE_AFTER {
        sender.events.shrink_to_fit();
    }
    Ok(sender)
}

/// How many events a sender has before its vector is sized by [`make_room`] rather than
/// doubled.
const ESTIMATE_AFTER: usize = 4;

/// The most events [`make_room`] makes room for at once beyond doubling (some 1.3 MB).
const MAX_ESTIMATE: usize = 4096;

/// Makes room in a sender's full vector of events for as many more as the rest of the
/// document would hold at the size of those read since `from` (and a quarter more), at least
/// as many as it holds (as doubling would), and at most [`MAX_ESTIMATE`] more than that; the
/// sender gives back the room it did not use. An event is some 300 bytes to move: a long run
/// of them grown by doubling copies each again and again, and frees large blocks as it goes.
fn make_room<'a, T: Tokens<'a>>(events: &mut Vec<Event>, tokens: &T, from: usize) {
    let (read, left) = tokens.progress();
    let len = events.len();
    let per_event = (read.saturating_sub(from) / len).max(1);
    // A quarter more: events differ in size.
    let estimate = left / per_event;
    let more = (estimate + estimate / 4).clamp(len, len.max(MAX_ESTIMATE));
    events.reserve_exact(more);
}

/// An event's link, then its `<in>`, `<status>`, `<reason>`, embedded resources and
/// properties, into `event`.
fn event<'a, T: Tokens<'a>>(
    tokens: &mut T,
    tag: &Tag<'a>,
    event: &mut Event,
) -> Result<(), T::Fail> {
    let result = rel_link(tokens, tag);
    event.link = tokens.at(result, |p| p.push_outer_key("link"))?;
    if tag.empty {
        return Ok(());
    }
    let mut order = EventOrder::default();
    let mut relations = NameIndex::default();
    let mut child = Tag::blank();
    while tokens.next_child(tag, &mut child)? {
        let name = child.local_name();
        let duplicate = |tokens: &T, present: bool| -> Result<(), T::Fail> {
            match present {
                true => fail(tokens, ErrorKind::Value, || {
                    format!("duplicate element <{name}> in <{}>", tag.local_name())
                }),
                false => Ok(()),
            }
        };
        match (child.kind, name) {
            (Kind::Resource, _) => {
                let Some(relation) = tokens.attributes().rel.take() else {
                    return fail(tokens, ErrorKind::Structure, || {
                        "embedded <resource> without a `rel` attribute".to_owned()
                    });
                };
                let found = find_embedded(&event.embedded, &mut relations, &relation);
                let index = found.map_or(0, |g| event.embedded[g].resources.len());
                let embedded = embedded(tokens, &child, &relation, index)?;
                push_embedded(&mut event.embedded, 0, found, relation, embedded);
                order.note(Some("_embedded"));
            }
            (Kind::Property | Kind::PropertyList, _) => {
                let property = member_property(tokens, &child, &EVENT_MEMBERS)?;
                order.note(None);
                event.properties.push(property);
            }
            (_, "in") => {
                duplicate(tokens, event.in_link.is_some())?;
                let result = link_element(tokens, &child, true);
                let (rel, link) = tokens.at(result, |p| p.push_outer_key("in"))?;
                let Some(rel) = rel else {
                    let failure = fail(tokens, ErrorKind::Structure, || {
                        "<in> without a `rel` attribute".to_owned()
                    });
                    return tokens.at(failure, |p| p.push_outer_key("in"));
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
                duplicate(tokens, event.status.is_some())?;
                no_attributes(tokens, &child)?;
                let nil = tokens.attributes().nil;
                let result = text_only(tokens, &child, nil);
                event.status = Some(tokens.at(result, |p| p.push_outer_key("status"))?);
                order.note(Some("status"));
            }
            (_, "reason") => {
                duplicate(tokens, event.reason.is_some())?;
                let result = tokens.error_body(&child);
                let reason = tokens.at(result, |p| p.push_outer_key("reason"))?;
                event.reason = Some(Box::new(reason));
                order.note(Some("reason"));
            }
            _ => {
                return fail(tokens, ErrorKind::Structure, || {
                    format!(
                        "unexpected element <{}> in <{}>; expected <in>, <status>, <reason>, \
                         <resource> or <property>",
                        child.name,
                        tag.local_name()
                    )
                })
            }
        }
        tokens.close();
    }
    order.finish(event);
    Ok(())
}
