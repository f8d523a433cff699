//! Event channel documents: what a GET on the `events` resource answers.
//!
//! An [`Events`] document holds its links (`self`, `next`, or `resync`/`resume`), then blocks
//! of events by [`Sender`] (a sender may come more than once; order is kept), each [`Event`]
//! with its type, the link to the resource or operation it is about, optionally the link it
//! is `in`, an operation's `status` and `reason`, and the resource itself, embedded.
//!
//! ```
//! use ucwa_codec::{Events, json, xml};
//! use ucwa_codec::events::{self, EventType};
//!
//! let text = r#"{
//!   "_links": {"self": {"href": "/ucwa/v1/applications/192/events?ack=1"},
//!              "next": {"href": "/ucwa/v1/applications/192/events?ack=2"}},
//!   "sender": [{"rel": "conversation", "href": "/ucwa/v1/applications/192/communication/conversations/137",
//!               "events": [{"link": {"rel": "participant", "href": "/ucwa/v1/applications/192/communication/conversations/137/participants/196"},
//!                           "in": {"rel": "participants", "href": "/ucwa/v1/applications/192/communication/conversations/137/participants"},
//!                           "_embedded": {"participant": {"rel": "participant", "name": "Joe",
//!                                         "_links": {"self": {"href": "/ucwa/v1/applications/192/communication/conversations/137/participants/196"}}}},
//!                           "type": "added"}]}]
//! }"#;
//! let channel = json::from_str::<Events>(text)?;
//! assert_eq!(channel.next_href(), Some("/ucwa/v1/applications/192/events?ack=2"));
//! let (sender, event) = channel.events().next().unwrap();
//! assert_eq!(sender.rel, "conversation");
//! assert_eq!(event.kind, EventType::Added);
//! assert_eq!(event.in_link.as_ref().map(|l| l.rel.as_str()), Some("participants"));
//! assert_eq!(event.resource().and_then(|r| r.property("name")).and_then(|v| v.as_str()), Some("Joe"));
//!
//! let xml = xml::to_string_pretty(&channel)?;
//! assert!(xml.contains(r#"<events href="/ucwa/v1/applications/192/events?ack=1" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">"#));
//! assert!(xml.contains(r#"<added rel="participant" href="/ucwa/v1/applications/192/communication/conversations/137/participants/196">"#));
//! assert!(xml.contains(r#"<in rel="participants" href="/ucwa/v1/applications/192/communication/conversations/137/participants"/>"#));
//!
//! // Back to JSON, through XML: the same document.
//! let again = json::to_string(&xml::from_str::<Events>(&xml)?)?;
//! assert_eq!(again, json::to_string(&channel)?);
//! # Ok::<(), ucwa_codec::Error>(())
//! ```
//!
//! The JSON and XML forms, and the forms chosen for what the documentation does not show in
//! XML (`in`, `status`, `reason`), are described in [`docs/events.md`](crate::guide::events).

use std::fmt;

use super::error_body::ErrorBody;
use super::{
    Cardinality, EmbeddedGroup, Link, LinkGroup, Links, Property, Resource, Str, Value, SELF,
};

/// An event channel document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Events {
    /// The links by relation, in order: `self` (XML: the root's `href`), `next`, `resync`,
    /// `resume`, and any other.
    pub links: Vec<LinkGroup>,
    /// The blocks of events by sender, in order.
    pub senders: Vec<Sender>,
    /// Members the codec does not know (JSON: a scalar or an array of scalars; XML: a
    /// `<property>` or `<propertyList>` child), in order.
    pub properties: Vec<Property>,
    /// The names of the members in the order they were read (`_links`, `sender`, unknown
    /// ones); encoders write these first, then the rest in the default order. Empty for the
    /// default order.
    pub member_order: Vec<Str>,
}

/// One block of events: what a sender (a resource) says happened to it or in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Sender {
    /// The sender's relation, e.g. `conversation`, `communication`, `me`.
    pub rel: Str,
    /// The sender's URL.
    pub href: Str,
    /// Other attributes (JSON: other scalar members; XML: other attributes), in order.
    pub attributes: Vec<(Str, Value)>,
    /// The events, in order.
    pub events: Vec<Event>,
    /// The names of the members in the order they were read; see [`Events::member_order`].
    pub member_order: Vec<Str>,
}

impl Sender {
    /// A block of events from the sender of relation `rel` at `href`, with no event yet.
    ///
    /// ```
    /// use ucwa_codec::{json};
    /// use ucwa_codec::events::{self, Event, EventType, Events, Sender};
    /// use ucwa_codec::{Cardinality, Resource};
    ///
    /// let mut presence = Resource::new("presence");
    /// presence.set_self_href("/me/presence");
    /// presence.push_property("availability", "Online");
    ///
    /// let mut event = Event::new(EventType::Updated, "presence", "/me/presence");
    /// event.push_embedded("presence", Cardinality::Single, presence);
    ///
    /// let mut channel = Events::new("/events?ack=1", "/events?ack=2");
    /// channel.senders.push(Sender::new("me", "/me").with_event(event));
    ///
    /// let text = json::to_string(&channel)?;
    /// assert!(text.contains(r#""sender":[{"rel":"me","href":"/me","events":[{"link":{"rel":"presence","href":"/me/presence"},"_embedded":{"presence":{"rel":"presence","availability":"Online""#));
    /// assert_eq!(json::to_string(&json::from_str::<Events>(&text)?)?, text);
    /// # Ok::<(), ucwa_codec::Error>(())
    /// ```
    pub fn new(rel: impl Into<Str>, href: impl Into<Str>) -> Sender {
        Sender {
            rel: rel.into(),
            href: href.into(),
            ..Sender::default()
        }
    }

    /// Appends an event.
    pub fn push_event(&mut self, event: Event) {
        self.events.push(event);
    }

    /// Appends an event (builder style).
    #[must_use]
    pub fn with_event(mut self, event: Event) -> Sender {
        self.events.push(event);
        self
    }
}

/// What happened: the event's type (JSON `"type"`, XML the element's name).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum EventType {
    /// A resource was added.
    Added,
    /// A resource (or an operation) was updated.
    Updated,
    /// A resource was deleted.
    Deleted,
    /// An operation started.
    Started,
    /// An operation completed (see [`Event::status`] and [`Event::reason`]).
    Completed,
    /// Another type, kept as written.
    Other(Str),
}

impl EventType {
    /// The type as written: `added`, `updated`, ...
    pub fn as_str(&self) -> &str {
        match self {
            EventType::Added => "added",
            EventType::Updated => "updated",
            EventType::Deleted => "deleted",
            EventType::Started => "started",
            EventType::Completed => "completed",
            EventType::Other(name) => name,
        }
    }

    /// The type of a name (case-sensitive, as UCWA writes them).
    pub fn parse(name: &str) -> EventType {
        match name {
            "added" => EventType::Added,
            "updated" => EventType::Updated,
            "deleted" => EventType::Deleted,
            "started" => EventType::Started,
            "completed" => EventType::Completed,
            other => EventType::Other(Str::from(other)),
        }
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for EventType {
    fn from(name: &str) -> EventType {
        EventType::parse(name)
    }
}

/// A link that names its relation itself: an event's `link` and `in`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RelLink {
    /// The relation, e.g. `participant`.
    pub rel: Str,
    /// The target.
    pub href: Str,
    /// Every other attribute (`title`, ...), in order.
    pub attributes: Vec<(Str, Value)>,
    /// The names of the members in the order they were read; see [`Events::member_order`].
    /// Empty for the default order: `rel`, `href`, the other attributes.
    pub member_order: Vec<Str>,
}

impl RelLink {
    /// A link of relation `rel` to `href`.
    pub fn new(rel: impl Into<Str>, href: impl Into<Str>) -> RelLink {
        RelLink {
            rel: rel.into(),
            href: href.into(),
            attributes: Vec::new(),
            member_order: Vec::new(),
        }
    }

    /// The value of an attribute other than `rel` and `href`.
    pub fn attribute(&self, name: &str) -> Option<&Value> {
        super::find_attribute(&self.attributes, name)
    }

    /// The `title` attribute, when it is text.
    pub fn title(&self) -> Option<&str> {
        self.attribute("title").and_then(Value::as_str)
    }

    /// The link without its relation.
    pub fn to_link(&self) -> Link {
        Link {
            href: self.href.clone(),
            attributes: self.attributes.clone(),
            href_at: 0,
        }
    }
}

/// One event.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Event {
    /// The type.
    pub kind: EventType,
    /// The resource or operation the event is about.
    pub link: RelLink,
    /// The collection or resource it is in (JSON `in`).
    pub in_link: Option<RelLink>,
    /// An operation's status: `Success` or `Failure`.
    pub status: Option<Str>,
    /// Why an operation failed.
    pub reason: Option<Box<ErrorBody>>,
    /// The resource itself, when the server embeds it (JSON `_embedded`), by relation.
    pub embedded: Vec<EmbeddedGroup>,
    /// Members the codec does not know, in order.
    pub properties: Vec<Property>,
    /// The names of the members in the order they were read; see [`Events::member_order`].
    /// The decoders leave it empty for an event whose members come in the default order, as
    /// most do: `link`, `in`, `status`, `reason`, `_embedded`, the other members, `type` (in
    /// XML: `<in>`, `<status>`, `<reason>`, embedded resources, properties).
    pub member_order: Vec<Str>,
}

impl Event {
    /// An event of `kind` about the resource of relation `rel` at `href`.
    #[inline]
    pub fn new(kind: impl Into<EventType>, rel: impl Into<Str>, href: impl Into<Str>) -> Event {
        Event {
            kind: kind.into(),
            link: RelLink::new(rel, href),
            in_link: None,
            status: None,
            reason: None,
            embedded: Vec::new(),
            properties: Vec::new(),
            member_order: Vec::new(),
        }
    }

    /// Sets the link the event's resource is `in`: the relation `rel` at `href` (builder
    /// style).
    ///
    /// ```
    /// use ucwa_codec::error_body::ErrorBody;
    /// use ucwa_codec::events::{Event, EventType};
    ///
    /// let event = Event::new(EventType::Completed, "addParticipant", "/conv/1/ops/2")
    ///     .with_in("conversation", "/conv/1")
    ///     .with_status("Failure")
    ///     .with_reason(ErrorBody::new("Gone").with_subcode("Ended"));
    /// assert_eq!(event.in_link.as_ref().map(|l| l.href.as_str()), Some("/conv/1"));
    /// assert_eq!(event.status.as_deref(), Some("Failure"));
    /// assert_eq!(event.reason.as_ref().map(|r| r.code.as_str()), Some("Gone"));
    /// ```
    #[must_use]
    pub fn with_in(mut self, rel: impl Into<Str>, href: impl Into<Str>) -> Event {
        self.in_link = Some(RelLink::new(rel, href));
        self
    }

    /// Sets an operation's status, `Success` or `Failure` (builder style).
    #[must_use]
    pub fn with_status(mut self, status: impl Into<Str>) -> Event {
        self.status = Some(status.into());
        self
    }

    /// Sets why an operation failed (builder style).
    #[must_use]
    pub fn with_reason(mut self, reason: ErrorBody) -> Event {
        self.reason = Some(Box::new(reason));
        self
    }

    /// Embeds a resource under `relation`: appended to that relation's group, or in a new
    /// group of `cardinality` (as [`Resource::push_embedded`] does).
    pub fn push_embedded(
        &mut self,
        relation: impl Into<Str>,
        cardinality: Cardinality,
        resource: Resource,
    ) {
        super::embed(&mut self.embedded, relation.into(), cardinality, resource);
    }

    /// The first embedded resource, if the server embedded one.
    pub fn resource(&self) -> Option<&Resource> {
        self.embedded.iter().flat_map(|g| &g.resources).next()
    }
}

impl Events {
    /// An events document with a self link and a `next` link.
    pub fn new(self_href: impl Into<Str>, next_href: impl Into<Str>) -> Events {
        let group = |rel: &str, href: Str| LinkGroup {
            rel: rel.into(),
            cardinality: Cardinality::Single,
            links: Links::one(Link::new(href)),
        };
        Events {
            links: vec![
                group(SELF, self_href.into()),
                group("next", next_href.into()),
            ],
            ..Events::default()
        }
    }

    /// The first link of a relation.
    pub fn link(&self, rel: &str) -> Option<&Link> {
        self.links
            .iter()
            .find(|g| g.rel == rel)
            .and_then(|g| g.links.first())
    }

    fn href(&self, rel: &str) -> Option<&str> {
        self.link(rel).map(|l| l.href.as_str())
    }

    /// The self link's target.
    pub fn self_href(&self) -> Option<&str> {
        self.href(SELF)
    }

    /// Where to ask for the next events.
    pub fn next_href(&self) -> Option<&str> {
        self.href("next")
    }

    /// Where to resynchronize, when the client missed events.
    pub fn resync_href(&self) -> Option<&str> {
        self.href("resync")
    }

    /// Where to resume.
    pub fn resume_href(&self) -> Option<&str> {
        self.href("resume")
    }

    /// Every event with its sender, in order.
    pub fn events(&self) -> impl Iterator<Item = (&Sender, &Event)> {
        self.senders
            .iter()
            .flat_map(|sender| sender.events.iter().map(move |event| (sender, event)))
    }
}
