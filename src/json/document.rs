//! Which kind of document a JSON text is, from its top-level members (see
//! [`crate::document`]), and the check of the typed decoders that it is theirs.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::de::{Ctx, ResourceSeed};
use super::error_body::ErrorBodySeed;
use super::events::EventsSeed;
use super::metadata::MetadataSeed;
use crate::error::{Error, ErrorKind, Position, Result};
use crate::model::codec::wrong_kind;
use crate::model::{
    DecodeOptions, Document, DocumentKind, Property, Resource, EVENT_ENTRY_ON_ITS_OWN,
};

/// Whether one of `properties` has one of `names`.
pub(super) fn names_any(properties: &[Property], names: &[&str]) -> bool {
    properties.iter().any(|p| names.contains(&p.name.as_str()))
}

/// Whether the detection surely finds a resource in a document read as `resource`: it has
/// none of the members that could make it another kind, or an event entry.
pub(super) fn surely_a_resource(resource: &Resource) -> bool {
    !names_any(
        &resource.properties,
        &["code", "sender", "metadata", "link"],
    )
}

/// Checks that the JSON document a typed decoder read is of the kind it decodes, `expected`,
/// by the detection [`decode_json`] makes (see `Members::fit`): what the decoder returned
/// when it is, else an error naming the kind found.
///
/// The detection scans the document's members, so it runs only where the decoder's result
/// leaves a doubt: on a value for which `surely` is false (a resource with a property named
/// `code`, an events document without senders, ...), and on an error of kind `Structure` or
/// `Value` (a document of another kind may fail the decoder before it ends; syntax errors and
/// limits are reported as they are).
pub(super) fn expect_kind<T>(
    options: &DecodeOptions,
    text: &str,
    expected: DocumentKind,
    decoded: Result<T>,
    surely: impl FnOnce(&T) -> bool,
) -> Result<T> {
    let doubtful = match &decoded {
        Ok(value) => !surely(value),
        Err(err) => matches!(err.kind(), ErrorKind::Structure | ErrorKind::Value),
    };
    if !doubtful {
        return decoded;
    }
    match json_members(text, options) {
        Ok(members) if !members.fit(expected) => Err(wrong_kind(expected, members.kind(), text)),
        _ => decoded,
    }
}

/// What the scan of a JSON object's members found.
#[derive(Default)]
struct Members {
    object: bool,
    /// The shape of the `sender` member.
    sender: Option<Shape>,
    links: bool,
    /// `_links` holds `next`, `resync` or `resume`: the relations of the event channel.
    channel_links: bool,
    code: bool,
    rel: bool,
    metadata_array: bool,
    /// A `link` object and a `type`: the members of an event.
    link_object: bool,
    event_type: bool,
}

impl Members {
    /// Whether a typed decoder of `kind` reads the document: the detection finds that kind,
    /// or, for an events document, `sender` stands without `_links`, or `_links` with `next`,
    /// `resync` or `resume` without `sender` (the channel's answer when no event came before
    /// its timeout), neither beside
    /// `rel`, `code` or `metadata`. The detection then says resource (which may have members of
    /// any name), but the caller asked for events.
    fn fit(&self, kind: DocumentKind) -> bool {
        let links_only = self.channel_links && !(self.code || self.metadata_array);
        self.kind() == kind
            || (kind == DocumentKind::Events
                && self.object
                && !self.rel
                && (self.sender.is_some() || links_only))
    }

    fn kind(&self) -> DocumentKind {
        if !self.object {
            DocumentKind::Resource
        } else if self.links && !self.rel && matches!(self.sender, Some(s) if s != Shape::Scalar) {
            // Senders are an array (a resource may have a text property named `sender`).
            DocumentKind::Events
        } else if self.code && !self.links && !self.rel {
            DocumentKind::Error
        } else if self.metadata_array {
            DocumentKind::Metadata
        } else {
            DocumentKind::Resource
        }
    }

    /// Whether the object is an event entry (`{"link": .., "type": "added", ..}`) logged on
    /// its own, outside an events document: nothing else reads it.
    fn is_event_entry(&self) -> bool {
        self.object
            && self.link_object
            && self.event_type
            && !(self.sender.is_some()
                || self.links
                || self.code
                || self.rel
                || self.metadata_array)
    }
}

struct Scan;

impl<'de> Visitor<'de> for Scan {
    type Value = Members;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
        let mut members = Members {
            object: true,
            ..Members::default()
        };
        while let Some(key) = map.next_key_seed(super::seeds::BorrowedStrSeed)? {
            match &*key {
                "metadata" => {
                    members.metadata_array |= map.next_value_seed(ShapeOf)? == Shape::Array
                }
                "link" => members.link_object |= map.next_value_seed(ShapeOf)? == Shape::Object,
                // Senders are an array: a resource may have a property named `sender`.
                "sender" => members.sender = Some(map.next_value_seed(ShapeOf)?),
                "_links" => {
                    members.links = true;
                    members.channel_links |= map.next_value_seed(ChannelLinks)?;
                }
                other => {
                    match other {
                        "code" => members.code = true,
                        "rel" => members.rel = true,
                        "type" => members.event_type = true,
                        _ => {}
                    }
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(members)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Members, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Members::default())
    }

    fn visit_bool<E>(self, _: bool) -> Result<Members, E> {
        Ok(Members::default())
    }

    fn visit_i64<E>(self, _: i64) -> Result<Members, E> {
        Ok(Members::default())
    }

    fn visit_u64<E>(self, _: u64) -> Result<Members, E> {
        Ok(Members::default())
    }

    fn visit_f64<E>(self, _: f64) -> Result<Members, E> {
        Ok(Members::default())
    }

    fn visit_str<E>(self, _: &str) -> Result<Members, E> {
        Ok(Members::default())
    }

    fn visit_unit<E>(self) -> Result<Members, E> {
        Ok(Members::default())
    }
}

/// Reads `_links` (consuming it): whether it is an object with a `next`, `resync` or `resume`
/// member.
struct ChannelLinks;

impl<'de> DeserializeSeed<'de> for ChannelLinks {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ChannelLinks {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key_seed(super::seeds::BorrowedStrSeed)? {
            found |= matches!(&*key, "next" | "resync" | "resume");
            map.next_value::<IgnoredAny>()?;
        }
        Ok(found)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<bool, A::Error> {
        ShapeOf.visit_seq(seq).map(|_| false)
    }

    fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_str<E>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }
}

/// The shape of a JSON value: an array, an object, or neither.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Array,
    Object,
    Scalar,
}

/// Reads a value's [`Shape`] (consuming it).
struct ShapeOf;

impl<'de> DeserializeSeed<'de> for ShapeOf {
    type Value = Shape;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Shape, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ShapeOf {
    type Value = Shape;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Shape::Array)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Shape::Object)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::Scalar)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape::Scalar)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
        Ok(Shape::Scalar)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape::Scalar)
    }

    fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape::Scalar)
    }

    fn visit_unit<E>(self) -> Result<Shape, E> {
        Ok(Shape::Scalar)
    }
}

/// The kind of a JSON document, from its top-level members.
fn json_members(text: &str, options: &DecodeOptions) -> Result<Members> {
    super::decode_with(text, options, |_, de| de.deserialize_any(Scan))
}

/// The error for an event entry given where a document was expected, at byte `at`.
fn event_entry_error(input: &[u8], at: usize) -> Error {
    Error::new(ErrorKind::Structure, EVENT_ENTRY_ON_ITS_OWN)
        .with_position(Position::at_offset(input, at))
}

/// A byte-order mark or JSON's white space.
fn is_blank(c: char) -> bool {
    matches!(c, '\u{FEFF}' | ' ' | '\t' | '\r' | '\n')
}

/// Decodes a document of the kind its members show.
///
/// Most documents are resources that the fast path reads: where nothing it read could make
/// the document another kind, the detection's scan of the members is not needed.
pub(super) fn decode(text: &str, options: &DecodeOptions) -> Result<Document> {
    if let Some(resource) = super::fast::resource(text, options) {
        if surely_a_resource(&resource) {
            return Ok(Document::Resource(resource));
        }
    }
    let kind = match json_members(text, options) {
        Ok(members) if members.is_event_entry() => {
            let blank = text.len() - text.trim_start_matches(is_blank).len();
            return Err(event_entry_error(text.as_bytes(), blank));
        }
        Ok(members) => members.kind(),
        // The scan does not track paths, nor place every error as precisely as the decoder:
        // where reading it as a resource fails the same way, that error says more.
        Err(scan_error) => {
            return Err(match super::de::decode_any(text, options) {
                Err(err) if err.kind() == scan_error.kind() || err.kind() == ErrorKind::Limit => {
                    err
                }
                _ => scan_error,
            })
        }
    };
    if kind == DocumentKind::Events {
        if let Some(events) = super::fast::events(text, options) {
            return Ok(Document::Events(events));
        }
    }
    super::decode_with(text, options, |ctx: &Ctx, de| {
        Ok(match kind {
            DocumentKind::Resource => Document::Resource(ResourceSeed { ctx }.deserialize(de)?),
            DocumentKind::Events => Document::Events(EventsSeed { ctx }.deserialize(de)?),
            DocumentKind::Error => Document::Error(ErrorBodySeed { ctx }.deserialize(de)?),
            DocumentKind::Metadata => Document::Metadata(MetadataSeed { ctx }.deserialize(de)?),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> DocumentKind {
        crate::json::from_str::<Document>(text).unwrap().kind()
    }

    #[test]
    fn json_kinds_by_members() {
        assert_eq!(kind(r#"{"_links":{},"sender":[]}"#), DocumentKind::Events);
        assert_eq!(kind(r#"{"sender":[], "x": 1}"#), DocumentKind::Resource);
        assert_eq!(kind(r#"{"code":"A"}"#), DocumentKind::Error);
        assert_eq!(kind(r#"{"code":"A","rel":"x"}"#), DocumentKind::Resource);
        assert_eq!(
            kind(r#"{"code":"A","_links":{"self":{"href":"/"}}}"#),
            DocumentKind::Resource
        );
        assert_eq!(kind(r#"{"metadata":[]}"#), DocumentKind::Metadata);
        assert_eq!(kind(r#"{"metadata":"x"}"#), DocumentKind::Resource);
        assert_eq!(kind(r#"{}"#), DocumentKind::Resource);
    }
}
