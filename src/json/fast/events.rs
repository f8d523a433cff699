//! Events documents, read by the fast scanner as [`crate::json::events`] reads them from
//! serde_json's tokens, with an operation's `reason` as [`crate::json::error_body`] reads it.

use super::resource::Stacks;
use super::{Names, Read, Scanner, ESTIMATE_AFTER};
use crate::json::events::{EMBEDDED, EVENTS_ORDER, EVENT_ORDER, LINK_ORDER, SENDER_ORDER};
use crate::model::error_body::ErrorBody;
use crate::model::events::{Event, EventType, Events, RelLink, Sender};
use crate::model::order::ReadOrder;
use crate::model::{push_sparingly, DecodeOptions, Property, Str, Value};

/// Reads an events document; `None` where the serde decoder must.
pub(crate) fn events(text: &str, options: &DecodeOptions) -> Option<Events> {
    let mut scanner = Scanner::new(text, options)?;
    Stacks::with(|stacks| {
        let events = scanner.events(stacks)?;
        scanner.at_end().then_some(events)
    })
}

/// Notes member `key` at its `place` in an order table, or (`None`) at `unknown_place` among
/// the unknown members, checked against their names (`count` of them, the `i`th `name(i)`):
/// `None` for a member given twice.
#[inline(always)]
fn note<'n>(
    (order, names): (&mut ReadOrder, &mut Names),
    (place, unknown_place): (Option<usize>, usize),
    key: &str,
    (count, name): (usize, impl Fn(usize) -> &'n str),
) -> Read<()> {
    let noted = match place {
        Some(place) => order.known(place),
        None => {
            order.unknown(unknown_place);
            !names.contains(count, name, key)
        }
    };
    noted.then_some(())
}

impl Scanner<'_> {
    /// `{"_links": .., "sender": [..], other members}`.
    fn events(&mut self, stacks: &mut Stacks) -> Read<Events> {
        let mut events = Events::default();
        let mut order = ReadOrder::default();
        if !self.open(b'{', b'}')? {
            let mut names = Names::default();
            loop {
                let key = self.key()?;
                let place = match key.as_bytes() {
                    b"_links" => Some(0),
                    b"sender" => Some(1),
                    _ => None,
                };
                let unknown = (events.properties.len(), |i: usize| {
                    events.properties[i].name.as_str()
                });
                note((&mut order, &mut names), (place, 2), &key, unknown)?;
                match place {
                    Some(0) => events.links = self.links(stacks)?,
                    Some(_) => events.senders = self.senders(stacks)?,
                    None => {
                        let value = self.value(stacks)?;
                        events.properties.push(Property {
                            name: self.str(key),
                            value,
                        });
                    }
                }
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        // With no member order, `_links` and `sender` are written even when absent.
        let keep = !(order.has(0) && order.has(1));
        let unknown = events.properties.iter().map(|p| &p.name);
        events.member_order = order.names(&EVENTS_ORDER, keep, unknown);
        Some(events)
    }

    /// An array of senders.
    fn senders(&mut self, stacks: &mut Stacks) -> Read<Vec<Sender>> {
        let mut senders = Vec::new();
        if !self.open(b'[', b']')? {
            loop {
                push_sparingly(&mut senders, self.sender(stacks)?);
                if !self.more(b']')? {
                    break;
                }
            }
        }
        Some(senders)
    }

    /// `{"rel": .., "href": .., other attributes, "events": [..]}`.
    fn sender(&mut self, stacks: &mut Stacks) -> Read<Sender> {
        let mut sender = Sender::default();
        let (mut rel, mut href) = (None, None);
        let mut order = ReadOrder::default();
        if !self.open(b'{', b'}')? {
            let mut names = Names::default();
            loop {
                let key = self.key()?;
                let place = match key.as_bytes() {
                    b"rel" => Some(0),
                    b"href" => Some(1),
                    b"events" => Some(3),
                    _ => None,
                };
                let unknown = (sender.attributes.len(), |i: usize| {
                    sender.attributes[i].0.as_str()
                });
                note((&mut order, &mut names), (place, 2), &key, unknown)?;
                match place {
                    Some(0) => rel = Some(self.string()?),
                    Some(1) => href = Some(self.string()?),
                    Some(_) => sender.events = self.event_list(stacks)?,
                    None => {
                        let value = self.scalar()?;
                        sender.attributes.push((self.str(key), value));
                    }
                }
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        sender.rel = rel?;
        sender.href = href?;
        // With no member order, `events` is written even when absent.
        let keep = !order.has(3);
        let unknown = sender.attributes.iter().map(|(name, _)| name);
        sender.member_order = order.names(&SENDER_ORDER, keep, unknown);
        Some(sender)
    }

    /// A sender's array of events.
    fn event_list(&mut self, stacks: &mut Stacks) -> Read<Vec<Event>> {
        let mut events = Vec::new();
        let start = self.pos;
        if !self.open(b'[', b']')? {
            loop {
                // Most senders have one event.
                if events.is_empty() {
                    events.reserve_exact(1);
                }
                let event = self.event(stacks)?;
                self.push_item(&mut events, event, 0, start);
                if !self.more(b']')? {
                    break;
                }
            }
        }
        if events.len() > ESTIMATE_AFTER {
            events.shrink_to_fit();
        }
        Some(events)
    }

    /// `{"link": .., "in"?, "status"?, "_embedded"?, other members, "type": ..}`.
    fn event(&mut self, stacks: &mut Stacks) -> Read<Event> {
        let mut order = ReadOrder::default();
        let (mut kind, mut link, mut in_link, mut status, mut reason) =
            (None, None, None, None, None);
        let mut embedded = Vec::new();
        let mut properties: Vec<Property> = Vec::new();
        if !self.open(b'{', b'}')? {
            let mut names = Names::default();
            loop {
                let key = self.key()?;
                let place = match key.as_bytes() {
                    b"link" => Some(0),
                    b"in" => Some(1),
                    b"status" => Some(2),
                    b"reason" => Some(3),
                    b"_embedded" => Some(EMBEDDED),
                    b"type" => Some(6),
                    _ => None,
                };
                let unknown = (properties.len(), |i: usize| properties[i].name.as_str());
                note((&mut order, &mut names), (place, 5), &key, unknown)?;
                match place {
                    Some(0) => link = Some(self.rel_link()?),
                    Some(1) => in_link = Some(self.rel_link()?),
                    Some(2) => status = Some(self.string()?),
                    Some(3) => reason = Some(Box::new(self.error_body(stacks)?)),
                    Some(EMBEDDED) => embedded = self.embedded(stacks)?,
                    Some(_) => {
                        if self.peek()? != b'"' {
                            return None;
                        }
                        kind = Some(self.with_text(EventType::parse)?);
                    }
                    None => {
                        let value = self.value(stacks)?;
                        properties.push(Property {
                            name: self.str(key),
                            value,
                        });
                    }
                }
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        // An empty `_embedded` is written again only if the order names it.
        let keep = embedded.is_empty() && order.has(EMBEDDED);
        Some(Event {
            member_order: order.names(&EVENT_ORDER, keep, properties.iter().map(|p| &p.name)),
            kind: kind?,
            link: link?,
            in_link,
            status,
            reason,
            embedded,
            properties,
        })
    }

    /// An error body: `{"code", "subcode"?, "message"?, "link"?, "parameters"?, "debugInfo"?,
    /// other members}`, every member's name noted in order.
    fn error_body(&mut self, stacks: &mut Stacks) -> Read<ErrorBody> {
        let mut body = ErrorBody::default();
        let mut code = None;
        if !self.open(b'{', b'}')? {
            let mut names = Names::default();
            loop {
                let key = self.key()?;
                let order = &body.member_order;
                if names.contains(order.len(), |i| order[i].as_str(), &key) {
                    return None;
                }
                body.member_order.push(self.strings.str(&key));
                match key.as_bytes() {
                    b"code" => code = Some(self.string()?),
                    b"subcode" => body.subcode = Some(self.string()?),
                    b"message" => body.message = Some(self.string()?),
                    b"link" => body.link = Some(self.link(stacks)?),
                    b"parameters" => body.parameters = Some(self.bag(stacks)?),
                    b"debugInfo" => body.debug_info = Some(self.bag(stacks)?),
                    _ => {
                        let value = self.value(stacks)?;
                        body.other.push(Property {
                            name: self.str(key),
                            value,
                        });
                    }
                }
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        body.code = code?;
        Some(body)
    }

    /// A property bag: an object of values, names as they come.
    fn bag(&mut self, stacks: &mut Stacks) -> Read<Vec<Property>> {
        let mut properties = Vec::new();
        if !self.open(b'{', b'}')? {
            loop {
                let name = self.key()?;
                let value = self.value(stacks)?;
                properties.push(Property {
                    name: self.str(name),
                    value,
                });
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        Some(properties)
    }

    /// `{"rel": .., "href": .., other attributes}`.
    fn rel_link(&mut self) -> Read<RelLink> {
        let (mut rel, mut href) = (None, None);
        let mut attributes: Vec<(Str, Value)> = Vec::new();
        let mut order = ReadOrder::default();
        if !self.open(b'{', b'}')? {
            let mut names = Names::default();
            loop {
                let key = self.key()?;
                let place = match key.as_bytes() {
                    b"rel" => Some(0),
                    b"href" => Some(1),
                    _ => None,
                };
                let unknown = (attributes.len(), |i: usize| attributes[i].0.as_str());
                note((&mut order, &mut names), (place, 2), &key, unknown)?;
                match place {
                    Some(0) => rel = Some(self.string()?),
                    Some(_) => href = Some(self.string()?),
                    None => {
                        let value = self.scalar()?;
                        attributes.push((self.str(key), value));
                    }
                }
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        let member_order = order.names(&LINK_ORDER, false, attributes.iter().map(|(n, _)| n));
        Some(RelLink {
            rel: rel?,
            href: href?,
            attributes,
            member_order,
        })
    }
}
