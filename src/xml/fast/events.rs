//! The fast path for event channel documents: `<events>` with its `<link>`s and `<sender>`s,
//! their events, and in each event its `<in>` link, `<status>` and embedded `<resource>`s
//! (read by the resource reader). Anything else (a `<reason>`, a `<property>`, a prefixed
//! element) is left to the full decoder ([`crate::xml`]), as everything outside the subset is.

use std::mem::take;

use super::{Read, Scanner, Tag};
use crate::model::events::{Event, EventType, Events, RelLink, Sender};
use crate::model::DecodeOptions;
use crate::model::{push_sparingly, Cardinality, Link, LinkGroup, NameIndex, Str, SELF};
use crate::xml::de::{find_embedded, push_embedded, push_link, Kind};
use crate::xml::events::{DocumentOrder, EventOrder};

/// Reads `text` as an events document when it keeps to the subset and the full decoder would
/// read it too; `None` otherwise.
pub(crate) fn decode_events(text: &str, options: &DecodeOptions) -> Option<Events> {
    Scanner::new(text, options).events_document()
}

impl<'a> Scanner<'a> {
    fn events_document(&mut self) -> Read<Events> {
        let root = self.root()?;
        let events = self.events_root(&root)?;
        self.end_of_document().then_some(events)
    }

    /// An `<events>` root, through its end tag.
    pub(super) fn events_root(&mut self, root: &Tag) -> Read<Events> {
        if !self.is_plain(root, "events") || self.known.rel.is_some() {
            return None;
        }
        let mut events = Events::default();
        let mut order = DocumentOrder::default();
        let attributes = take(&mut self.known.other);
        match self.known.href.take() {
            Some(href) => {
                events.links.push(LinkGroup {
                    rel: SELF.into(),
                    cardinality: Cardinality::Single,
                    links: crate::model::Links::one(Link {
                        href: Str::from(href),
                        attributes,
                        href_at: 0,
                    }),
                });
                order.links();
            }
            None if !attributes.is_empty() => return None,
            None => {}
        }
        if !root.empty {
            let mut links = NameIndex::default();
            let mut child = Tag::blank();
            while self.next_child(root, &mut child)? {
                match child.kind {
                    Kind::Link => {
                        let (rel, link) = self.link(&child)?;
                        push_link(&mut events.links, 0, &mut links, rel.into(), link);
                        order.links();
                    }
                    _ if self.is_plain(&child, "sender") => {
                        let sender = self.sender(&child)?;
                        events.senders.push(sender);
                        order.sender();
                    }
                    _ => return None,
                }
                self.close();
            }
        }
        order.sender();
        events.member_order = order.finish();
        self.close();
        Some(events)
    }

    /// Whether `tag` is an unprefixed element of that name.
    fn is_plain(&self, tag: &Tag, name: &str) -> bool {
        tag.plain && self.qname(tag) == name
    }

    /// A `<sender>` and its events.
    fn sender(&mut self, tag: &Tag) -> Read<Sender> {
        let link = self.rel_link()?;
        // An attribute `events` is refused by the full decoder.
        if link.attributes.iter().any(|(name, _)| name == "events") {
            return None;
        }
        // XML gives a sender's members in the default order: its member order stays empty.
        let mut sender = Sender {
            rel: link.rel,
            href: link.href,
            attributes: link.attributes,
            ..Sender::default()
        };
        if tag.empty {
            return Some(sender);
        }
        let mut child = Tag::blank();
        while self.next_child(tag, &mut child)? {
            // Only plain names of no other meaning: the full decoder reads a `<link>` here
            // as an event of that type, with the attributes of a link.
            if !child.plain || child.kind != Kind::Other {
                return None;
            }
            // Built where it stays: an event is large to move.
            let kind = EventType::parse(self.qname(&child));
            push_sparingly(&mut sender.events, Event::new(kind, "", ""));
            let event = sender.events.last_mut().expect("just pushed");
            self.event(&child, event)?;
            self.close();
        }
        Some(sender)
    }

    /// An event's link, then its `<in>`, `<status>` and embedded resources.
    fn event(&mut self, tag: &Tag, event: &mut Event) -> Read<()> {
        event.link = self.rel_link()?;
        if tag.empty {
            return Some(());
        }
        let mut order = EventOrder::default();
        let mut relations = NameIndex::default();
        let mut child = Tag::blank();
        while self.next_child(tag, &mut child)? {
            match child.kind {
                Kind::Resource => {
                    let relation = self.known.rel.take()?;
                    let mut embedded = self.resource_body(&child)?;
                    if embedded.type_name.is_none() {
                        embedded.type_name = Some(Str::from(relation.as_ref()));
                    }
                    let found = find_embedded(&event.embedded, &mut relations, &relation);
                    push_embedded(&mut event.embedded, 0, found, relation, embedded);
                    order.note(Some("_embedded"));
                }
                _ if self.is_plain(&child, "in") && event.in_link.is_none() => {
                    let (rel, link) = self.link(&child)?;
                    event.in_link = Some(RelLink {
                        rel,
                        href: link.href,
                        attributes: link.attributes,
                        member_order: Vec::new(),
                    });
                    order.note(Some("in"));
                }
                _ if self.is_plain(&child, "status") && event.status.is_none() => {
                    let known = &self.known;
                    if known.rel.is_some() || known.href.is_some() || !known.other.is_empty() {
                        return None;
                    }
                    let status = if child.empty {
                        Str::default()
                    } else {
                        let text = self.text()?;
                        self.end_tag(&child)?;
                        text
                    };
                    event.status = Some(status);
                    order.note(Some("status"));
                }
                _ => return None,
            }
            self.close();
        }
        order.finish(event);
        Some(())
    }

    /// The `rel`, `href` and other attributes of a sender or an event.
    fn rel_link(&mut self) -> Read<RelLink> {
        Some(RelLink {
            rel: Str::from(self.known.rel.take()?),
            href: Str::from(self.known.href.take()?),
            attributes: take(&mut self.known.other),
            member_order: Vec::new(),
        })
    }

    /// A `<link>` or `<in>` element, with its `rel` and `href`, and nothing inside but blanks.
    fn link(&mut self, tag: &Tag) -> Read<(Str, Link)> {
        let (rel, href) = (self.known.rel.take()?, self.known.href.take()?);
        let attributes = take(&mut self.known.other);
        if !tag.empty {
            self.skip_blanks();
            self.end_tag(tag)?;
        }
        let link = Link {
            href: Str::from(href),
            attributes,
            href_at: 0,
        };
        Some((Str::from(rel), link))
    }
}
