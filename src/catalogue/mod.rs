//! The resource catalogue: what the UCWA 2.0 reference documents of each resource type — its
//! properties and their value types, its link relations and embedded relations with their
//! cardinality, the events about it, the operations its pages take and the scopes they need —
//! and the enumerations and the generic errors.
//!
//! XML says nothing of types or of one-versus-many; the catalogue does, and [`apply`] uses it
//! to type a decoded resource, so that XML -> JSON writes integers, booleans, dates and arrays
//! where the reference has them.
//!
//! ```
//! use ucwa_codec::catalogue::{self, ValueType};
//! use ucwa_codec::Cardinality;
//!
//! let participant = catalogue::resource("participant").unwrap();
//! let organizer = participant.property("organizer").unwrap();
//! assert_eq!(organizer.value_type, Some(ValueType::Boolean));
//!
//! let role = participant.property("role").unwrap().enumeration().unwrap();
//! assert_eq!(role.name, "Role");
//! assert!(role.contains("Leader"));
//!
//! let invitation = catalogue::resource("audioVideoInvitation").unwrap();
//! let from = invitation.embedded("from").unwrap();
//! assert_eq!((from.cardinality, from.type_name), (Cardinality::Single, Some("participant")));
//!
//! // Pages are named after the link relation that leads to them.
//! assert_eq!(catalogue::page("acceptedByContact").map(|r| r.name), Some("contact"));
//! ```
//!
//! What may be done with a page: its operations, their inputs, output and errors.
//!
//! ```
//! use ucwa_codec::catalogue::{self, Method, ValueType};
//!
//! let post = catalogue::operation("startMessaging", Method::Post).unwrap();
//! let to = post.request_field("to").unwrap();
//! assert!(to.required);
//! let subject = post.request_field("subject").unwrap();
//! assert_eq!((subject.value_type, subject.max_length), (Some(ValueType::String), Some(250)));
//! assert_eq!(post.response, Some("messagingInvitation"));
//! let conflict = post.errors.iter().find(|e| e.status == 409).unwrap();
//! assert_eq!(conflict.code, "Conflict");
//!
//! let me = catalogue::page("me").unwrap();
//! assert!(me.scopes.contains(&"User.ReadWrite"));
//! assert!(catalogue::generic_errors().contains(&"ParameterValidationFailure"));
//! ```
//!
//! The data is generated from the reference pages and their JSON samples by
//! `cargo run --example gen_catalogue` into `src/catalogue/generated.rs`; [`docs/catalogue.md`](crate::guide::catalogue)
//! says where each fact comes from and what the catalogue does not know.

use std::fmt;

use crate::model::Cardinality;

#[rustfmt::skip]
mod generated;
pub(crate) mod typing;

pub use crate::error::Warning;
pub use typing::{apply, apply_to_document, OnMismatch, TypingOptions};

/// What the reference documents of one resource type.
///
/// Properties, links and embedded relations are sorted by name; look them up with
/// [`property`](ResourceSpec::property), [`link`](ResourceSpec::link) and
/// [`embedded`](ResourceSpec::embedded).
#[derive(Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ResourceSpec {
    /// The type name, as the resource's `"rel"` member (XML `<property name="rel">`) writes it.
    pub name: &'static str,
    /// The reference pages that document this type (`contact`, `acceptedByContact`, `to`, ...),
    /// sorted; empty for a type only the samples show.
    pub pages: &'static [&'static str],
    /// The properties, sorted by name.
    pub properties: &'static [PropertySpec],
    /// The link relations, sorted.
    pub links: &'static [LinkSpec],
    /// The embedded relations, sorted.
    pub embedded: &'static [EmbeddedSpec],
    /// The events the reference lists on this type's pages, in their order.
    pub events: &'static [EventSpec],
    /// The operations of this type's pages, by page (in [`pages`](ResourceSpec::pages)'
    /// order), each page's in its own order; [`operations_on`](ResourceSpec::operations_on)
    /// gives one page's.
    pub operations: &'static [OperationSpec],
    /// The Azure AD scopes that the pages list (at least one of them allows the operations),
    /// sorted; empty where the pages list none.
    pub scopes: &'static [&'static str],
}

impl ResourceSpec {
    /// The property of that name.
    pub fn property(&self, name: &str) -> Option<&'static PropertySpec> {
        let properties = self.properties;
        find(properties, name, |p| p.name)
    }

    /// The link relation of that name.
    pub fn link(&self, rel: &str) -> Option<&'static LinkSpec> {
        let links = self.links;
        find(links, rel, |l| l.rel)
    }

    /// The embedded relation of that name.
    pub fn embedded(&self, relation: &str) -> Option<&'static EmbeddedSpec> {
        let embedded = self.embedded;
        find(embedded, relation, |e| e.relation)
    }

    /// The operations of one of this type's pages (none for a page of another type).
    pub fn operations_on(&self, page: &str) -> &'static [OperationSpec] {
        let operations = self.operations;
        let start = operations.partition_point(|o| o.page < page);
        let end = start + operations[start..].partition_point(|o| o.page == page);
        &operations[start..end]
    }
}

/// An operation of a page: an HTTP method, its inputs, its output and its errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct OperationSpec {
    /// The page (the link relation whose href the request goes to).
    pub page: &'static str,
    /// The method.
    pub method: Method,
    /// The query parameters, in the page's order.
    pub query: &'static [QuerySpec],
    /// The fields of the request body, in the page's order; empty for an operation that takes
    /// no body.
    pub request: &'static [RequestFieldSpec],
    /// The type of the resource the response holds (`messagingInvitation`); `None` where the
    /// response has no body, or one the reference names no type for (OPTIONS metadata).
    pub response: Option<&'static str>,
    /// The synchronous errors specific to this operation, in the page's order; the
    /// [`generic_errors`] apply besides.
    pub errors: &'static [ErrorSpec],
}

impl OperationSpec {
    /// The request-body field of that name.
    pub fn request_field(&self, name: &str) -> Option<&'static RequestFieldSpec> {
        self.request.iter().find(|f| f.name == name)
    }

    /// The query parameter of that name.
    pub fn query_parameter(&self, name: &str) -> Option<&'static QuerySpec> {
        self.query.iter().find(|q| q.name == name)
    }
}

/// An HTTP method of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
}

impl Method {
    /// The method as HTTP writes it: `GET`, `POST`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
        }
    }

    /// The method of that name, case ignored (`get`, `GET`).
    pub fn parse(name: &str) -> Option<Method> {
        [
            Method::Get,
            Method::Post,
            Method::Put,
            Method::Delete,
            Method::Options,
        ]
        .into_iter()
        .find(|m| m.as_str().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A query parameter of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct QuerySpec {
    /// Its name.
    pub name: &'static str,
    /// Whether the reference marks it required.
    pub required: bool,
}

/// A field of an operation's request body (a JSON member; an XML `<property>` of `<input>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RequestFieldSpec {
    /// Its name.
    pub name: &'static str,
    /// The type of the value (of each item, for a list); `None` where the reference names
    /// none, or one the catalogue does not model (`TimeSpan`, `Array of Byte`, and
    /// `ExternalResource`, which is sent as a link).
    pub value_type: Option<ValueType>,
    /// Whether the value is a list (`Array of ...`).
    pub list: bool,
    /// Whether the reference marks it required.
    pub required: bool,
    /// The maximum length in characters, where the reference states one.
    pub max_length: Option<u32>,
}

impl RequestFieldSpec {
    /// The enumeration the values are members of, if any.
    pub fn enumeration(&self) -> Option<&'static Enumeration> {
        match self.value_type {
            Some(ValueType::Enumeration(e)) => Some(e),
            _ => None,
        }
    }
}

/// A synchronous error an operation may answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ErrorSpec {
    /// The HTTP status: 409.
    pub status: u16,
    /// The error's code (`"code"`), a member of `ErrorCode`: `Conflict`.
    pub code: &'static str,
    /// The subcode (`"subcode"`): `AlreadyExists`; `None` where the reference writes `None`.
    pub subcode: Option<&'static str>,
}

/// A property: its name and, where the reference shows it, its value type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct PropertySpec {
    /// The property's name.
    pub name: &'static str,
    /// The type of the value (of each item, for a list); `None` where the reference does not
    /// show it.
    pub value_type: Option<ValueType>,
    /// Whether the value is a list (JSON array, XML `<propertyList>`). Where the reference
    /// shows neither a type nor a list (`value_type` is `None`), it is `false` and means
    /// nothing.
    pub list: bool,
}

impl PropertySpec {
    /// The enumeration the values are members of, if any.
    pub fn enumeration(&self) -> Option<&'static Enumeration> {
        match self.value_type {
            Some(ValueType::Enumeration(e)) => Some(e),
            _ => None,
        }
    }
}

/// The type of a property's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueType {
    /// Text.
    String,
    /// A 64-bit integer.
    Integer,
    /// `true`/`false` (XML `True`/`False`).
    Boolean,
    /// A date: JSON `"\/Date(ms)\/"`, XML ISO 8601.
    Date,
    /// Text, one of an enumeration's members.
    Enumeration(&'static Enumeration),
}

impl fmt::Display for ValueType {
    /// `string`, `integer`, `boolean`, `date`, or `enumeration NAME`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueType::String => f.write_str("string"),
            ValueType::Integer => f.write_str("integer"),
            ValueType::Boolean => f.write_str("boolean"),
            ValueType::Date => f.write_str("date"),
            ValueType::Enumeration(e) => write!(f, "enumeration {}", e.name),
        }
    }
}

/// An enumeration of the reference (`Availability`, `MessageFormat`, ...).
#[derive(Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Enumeration {
    /// Its name, as its page writes it.
    pub name: &'static str,
    /// Its members, in the page's order.
    pub members: &'static [&'static str],
}

impl Enumeration {
    /// Whether `text` is one of the members (exactly, case included).
    pub fn contains(&self, text: &str) -> bool {
        self.members.contains(&text)
    }
}

/// A link relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct LinkSpec {
    /// The relation, e.g. `self`, `contact`.
    pub rel: &'static str,
    /// One object or an array in JSON; `None` where no JSON sample shows this link.
    pub cardinality: Option<Cardinality>,
}

/// An embedded relation, as the JSON samples show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct EmbeddedSpec {
    /// The relation, e.g. `from`.
    pub relation: &'static str,
    /// One object or an array in JSON.
    pub cardinality: Cardinality,
    /// The type of the resources it holds (their `"rel"`), e.g. `participant`; `None` where
    /// the samples do not say.
    pub type_name: Option<&'static str>,
}

/// An event the reference lists: its kind, the relation of the resource it is about, and the
/// sender it comes under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct EventSpec {
    /// What happened.
    pub kind: EventKind,
    /// The relation of the event's link, e.g. `participant`.
    pub resource: &'static str,
    /// The sender's relation, e.g. `conversation`.
    pub sender: &'static str,
    /// How soon the event channel delivers it; `None` where the reference does not say.
    pub priority: Option<EventPriority>,
}

/// The priority of an event, as the Events tables write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventPriority {
    /// `High`.
    High,
    /// `Medium`.
    Medium,
    /// `Low`.
    Low,
}

impl EventPriority {
    /// The name as the reference writes it: `High`, `Medium`, `Low`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventPriority::High => "High",
            EventPriority::Medium => "Medium",
            EventPriority::Low => "Low",
        }
    }
}

impl fmt::Display for EventPriority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of an event: the JSON `"type"`, the XML element's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// A resource was added.
    Added,
    /// A resource was updated.
    Updated,
    /// A resource was deleted.
    Deleted,
    /// An operation started.
    Started,
    /// An operation completed.
    Completed,
}

impl EventKind {
    /// The name as the wire writes it: `added`, `updated`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Added => "added",
            EventKind::Updated => "updated",
            EventKind::Deleted => "deleted",
            EventKind::Started => "started",
            EventKind::Completed => "completed",
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The resource type of that name (a `"rel"` member's value).
pub fn resource(type_name: &str) -> Option<&'static ResourceSpec> {
    find(generated::RESOURCES, type_name, |r| r.name)
}

/// Every resource type, sorted by name.
pub fn resources() -> &'static [ResourceSpec] {
    generated::RESOURCES
}

/// The resource type documented by the reference page of that name.
///
/// Pages are named after the link relation that leads to the resource: the page
/// `acceptedByContact` documents a `contact`, `search2` a `search`.
pub fn page(name: &str) -> Option<&'static ResourceSpec> {
    let pages = generated::PAGES;
    let index = pages.binary_search_by(|(p, _)| (*p).cmp(name)).ok()?;
    generated::RESOURCES.get(pages[index].1)
}

/// The operations of the reference page of that name, in its order; empty for an unknown
/// page.
pub fn operations(page: &str) -> &'static [OperationSpec] {
    self::page(page).map_or(&[], |r| r.operations_on(page))
}

/// The operation of a page with that method.
pub fn operation(page: &str, method: Method) -> Option<&'static OperationSpec> {
    operations(page).iter().find(|o| o.method == method)
}

/// The synchronous errors that apply to most resources besides each operation's own (the
/// reference's article "Generic synchronous errors"), in its order. Most are members of
/// `ErrorCode` (`BadRequest`) or of `ErrorSubcode` (`ParameterValidationFailure`); the
/// article gives no status.
pub fn generic_errors() -> &'static [&'static str] {
    generated::GENERIC_ERRORS
}

/// The enumeration of that name (`Availability`).
pub fn enumeration(name: &str) -> Option<&'static Enumeration> {
    let enumerations = generated::ENUMERATIONS;
    find(enumerations, name, |e| e.name).copied()
}

/// Every enumeration, sorted by name.
pub fn enumerations() -> &'static [&'static Enumeration] {
    generated::ENUMERATIONS
}

/// Binary search of a slice sorted by `key`.
fn find<T>(items: &'static [T], name: &str, key: impl Fn(&T) -> &str) -> Option<&'static T> {
    items
        .binary_search_by(|item| key(item).cmp(name))
        .ok()
        .map(|i| &items[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_sorted<T>(what: &str, items: &[T], key: impl Fn(&T) -> &str) {
        for pair in items.windows(2) {
            let (a, b) = (key(&pair[0]), key(&pair[1]));
            assert!(a < b, "{what}: `{a}` before `{b}` (not sorted, or twice)");
        }
    }

    #[test]
    fn every_slice_is_sorted_for_binary_search() {
        assert_sorted("resources", resources(), |r| r.name);
        assert_sorted("enumerations", enumerations(), |e| e.name);
        assert_sorted("pages", generated::PAGES, |(p, _)| p);
        for r in resources() {
            assert_sorted(r.name, r.properties, |p| p.name);
            assert_sorted(r.name, r.links, |l| l.rel);
            assert_sorted(r.name, r.embedded, |e| e.relation);
            assert_sorted(r.name, r.pages, |p| p);
            // `operations_on` finds a page's operations by binary search.
            for pair in r.operations.windows(2) {
                assert!(
                    pair[0].page <= pair[1].page,
                    "{}: operations by page",
                    r.name
                );
            }
            for o in r.operations {
                assert!(
                    r.pages.contains(&o.page),
                    "{}: {} is not its page",
                    r.name,
                    o.page
                );
            }
        }
    }

    #[test]
    fn operations_of_a_page() {
        assert!(operations("no such page").is_empty());
        let contact = resource("contact").unwrap();
        assert!(contact.operations_on("startMessaging").is_empty());
        let get = operation("acceptedByContact", Method::Get).unwrap();
        assert_eq!(
            (get.page, get.response),
            ("acceptedByContact", Some("contact"))
        );
        assert!(operation("acceptedByContact", Method::Delete).is_none());
        assert_eq!(Method::parse("delete"), Some(Method::Delete));
        assert_eq!(Method::parse("PATCH"), None);
        assert_eq!(Method::Options.to_string(), "OPTIONS");
        assert_eq!(EventPriority::Medium.to_string(), "Medium");
    }

    #[test]
    fn every_page_points_at_a_resource_that_lists_it() {
        for (page, index) in generated::PAGES {
            let r = &resources()[*index];
            assert!(r.pages.contains(page), "{page} -> {}", r.name);
        }
    }

    #[test]
    fn look_ups() {
        assert!(resource("no such type").is_none());
        assert!(page("no such page").is_none());
        assert!(enumeration("no such enumeration").is_none());
        let presence = resource("presence").unwrap();
        let availability = presence.property("availability").unwrap();
        assert_eq!(availability.enumeration(), enumeration("Availability"));
        assert!(presence.property("no such property").is_none());
        assert!(presence.link("self").is_some());
        assert_eq!(
            ValueType::Enumeration(enumeration("Availability").unwrap()).to_string(),
            "enumeration Availability"
        );
        assert_eq!(EventKind::Completed.to_string(), "completed");
    }

    #[test]
    fn embedded_resources_are_attributed_to_their_own_type() {
        // The samples of `audioVideoInvitation` embed a `participant` under `from`: its
        // properties belong to `participant`, not to the invitation.
        let invitation = resource("audioVideoInvitation").unwrap();
        assert!(invitation.property("organizer").is_none());
        let participant = resource("participant").unwrap();
        assert!(participant.property("organizer").is_some());
    }

    #[test]
    fn lists_of_enumerations() {
        let communication = resource("communication").unwrap();
        let formats = communication.property("supportedMessageFormats").unwrap();
        assert!(formats.list);
        assert_eq!(formats.enumeration().map(|e| e.name), Some("MessageFormat"));
    }
}
