//! Any UCWA document: a resource, an event channel document, an error body or OPTIONS
//! metadata, told apart by its content.
//!
//! ```
//! use ucwa_codec::document::{self, Document};
//! use ucwa_codec::Format;
//!
//! let doc = document::json::from_str(r#"{"code": "Conflict", "subcode": "AlreadyExists"}"#)?;
//! assert!(matches!(&doc, Document::Error(body) if body.code == "Conflict"));
//!
//! let doc = document::decode(br#"<events href="/e?ack=1" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"/>"#, None)?;
//! assert!(matches!(doc, Document::Events(_)));
//! assert_eq!(
//!     String::from_utf8(document::encode(&doc, Format::Json, false)?).unwrap(),
//!     r#"{"_links":{"self":{"href":"/e?ack=1"}},"sender":[]}"#
//! );
//!
//! // A resource, the rest of the time.
//! let doc = document::json::from_str(r#"{"rel": "me", "_links": {"self": {"href": "/me"}}}"#)?;
//! assert_eq!(doc.kind(), ucwa_codec::document::DocumentKind::Resource);
//! # Ok::<(), ucwa_codec::Error>(())
//! ```
//!
//! Detection:
//! - JSON, from the members of the top-level object: `sender` (not a scalar) and `_links`,
//!   without `rel`, make an events document (a resource may have a property named `sender`);
//!   else `code` without `_links` or `rel` an error body; else a `metadata` array OPTIONS
//!   metadata; anything else is a resource. (The object is scanned once for its member
//!   names, then decoded.) A `link` object and a `type` without those members is an event
//!   entry logged on its own: refused with an error that says so.
//! - XML, from the root element's local name: `events`, `reason`, `optionsMetadata`; an
//!   event's element (`<added>`, `<updated>`, ...) is refused as an event entry on its own;
//!   anything else is read as a resource (`<resource>` or `<input>`; other roots are refused
//!   there).
//!
//! The typed decoders ([`crate::json::from_str`], [`crate::events::json::from_str`],
//! [`crate::error_body::xml::from_str`], ...) refuse a document this detection gives another
//! kind, with an error of kind [`Structure`](ErrorKind::Structure) that names it ("expected an
//! events document, found an error body"), at the document's start. One exception: the events
//! decoder reads a JSON object with `sender` and no `_links`, which the detection calls a
//! resource.
//!
//! ```
//! let err = ucwa_codec::events::json::from_str(r#"{"code": "ServiceFailure"}"#).unwrap_err();
//! assert_eq!(err.message(), "expected an events document, found an error body");
//! let err = ucwa_codec::events::xml::from_str("<reason><code>ServiceFailure</code></reason>").unwrap_err();
//! assert_eq!(err.message(), "expected an events document (<events>), found an error body (<reason>)");
//! ```

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::error::{Error, ErrorKind, Position, Result};
use crate::error_body::{ErrorBody, ErrorBodySeed};
use crate::events::json::EventsSeed;
use crate::events::Events;
use crate::json::de::Ctx;
use crate::json::ResourceSeed;
use crate::media_type::Format;
use crate::metadata::{Metadata, MetadataSeed};
use crate::model::Resource;
use crate::options::DecodeOptions;
use crate::support::xml::local_name;
use crate::xml::de::Decoder;

/// Any UCWA document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Document {
    /// A resource (see [`crate::json`], [`crate::xml`]).
    Resource(Resource),
    /// An event channel document (see [`crate::events`]).
    Events(Events),
    /// An error body (see [`crate::error_body`]).
    Error(ErrorBody),
    /// OPTIONS metadata (see [`crate::metadata`]).
    Metadata(Metadata),
}

/// Which kind of document a [`Document`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// A resource.
    Resource,
    /// An event channel document.
    Events,
    /// An error body.
    Error,
    /// OPTIONS metadata.
    Metadata,
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DocumentKind::Resource => "resource",
            DocumentKind::Events => "events",
            DocumentKind::Error => "error",
            DocumentKind::Metadata => "metadata",
        })
    }
}

impl DocumentKind {
    /// The kind in a message: "a resource", "an events document", ...
    pub(crate) fn described(self) -> &'static str {
        match self {
            DocumentKind::Resource => "a resource",
            DocumentKind::Events => "an events document",
            DocumentKind::Error => "an error body",
            DocumentKind::Metadata => "OPTIONS metadata",
        }
    }

    /// The XML root element (or elements) of the kind.
    fn xml_roots(self) -> &'static str {
        match self {
            DocumentKind::Resource => "<resource> or <input>",
            DocumentKind::Events => "<events>",
            DocumentKind::Error => "<reason>",
            DocumentKind::Metadata => "<optionsMetadata>",
        }
    }

    /// The kind of document whose XML root element has this local name, if any.
    fn of_xml_root(local_name: &str) -> Option<DocumentKind> {
        match local_name {
            "resource" | "input" => Some(DocumentKind::Resource),
            "events" => Some(DocumentKind::Events),
            "reason" => Some(DocumentKind::Error),
            "optionsMetadata" => Some(DocumentKind::Metadata),
            _ => None,
        }
    }
}

/// The message of a typed XML decoder, of documents of kind `expected`, given a root element
/// of another kind (local name `local_name`, written `written`): what it found, by the
/// detection of [`decode_xml`].
pub(crate) fn wrong_xml_root(
    expected: DocumentKind,
    local_name: &str,
    written: impl fmt::Display,
) -> String {
    let wanted = format!(
        "expected {} ({})",
        expected.described(),
        expected.xml_roots()
    );
    match DocumentKind::of_xml_root(local_name) {
        Some(found) if found != expected => {
            format!("{wanted}, found {} (<{written}>)", found.described())
        }
        _ => format!("{wanted}, found <{written}>"),
    }
}

/// The error of a typed JSON decoder, of documents of kind `expected`, given one of kind
/// `found`: at the document's first byte.
fn wrong_json_kind(expected: DocumentKind, found: DocumentKind, text: &str) -> Error {
    let start = text.len() - text.trim_start_matches([' ', '\t', '\r', '\n']).len();
    Error::new(
        ErrorKind::Structure,
        format!(
            "expected {}, found {}",
            expected.described(),
            found.described()
        ),
    )
    .with_position(Position::at_offset(text.as_bytes(), start))
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
pub(crate) fn expect_json_kind<T>(
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
    match json_members(text) {
        Ok(members) if !members.fit(expected) => {
            Err(wrong_json_kind(expected, members.kind(), text))
        }
        _ => decoded,
    }
}

impl Document {
    /// Which kind of document it is.
    pub fn kind(&self) -> DocumentKind {
        match self {
            Document::Resource(_) => DocumentKind::Resource,
            Document::Events(_) => DocumentKind::Events,
            Document::Error(_) => DocumentKind::Error,
            Document::Metadata(_) => DocumentKind::Metadata,
        }
    }

    /// Every resource the document holds: the resource itself, or the resources embedded in
    /// an events document's events. Error bodies and metadata hold none.
    pub fn resources_mut(&mut self) -> Box<dyn Iterator<Item = &mut Resource> + '_> {
        match self {
            Document::Resource(resource) => Box::new(std::iter::once(resource)),
            Document::Events(events) => Box::new(
                events
                    .senders
                    .iter_mut()
                    .flat_map(|sender| &mut sender.events)
                    .flat_map(|event| &mut event.embedded)
                    .flat_map(|group| &mut group.resources),
            ),
            Document::Error(_) | Document::Metadata(_) => Box::new(std::iter::empty()),
        }
    }

    /// The resource, if it is one.
    pub fn as_resource(&self) -> Option<&Resource> {
        match self {
            Document::Resource(resource) => Some(resource),
            _ => None,
        }
    }

    /// The events document, if it is one.
    pub fn as_events(&self) -> Option<&Events> {
        match self {
            Document::Events(events) => Some(events),
            _ => None,
        }
    }

    /// The error body, if it is one.
    pub fn as_error(&self) -> Option<&ErrorBody> {
        match self {
            Document::Error(body) => Some(body),
            _ => None,
        }
    }

    /// The metadata, if it is that.
    pub fn as_metadata(&self) -> Option<&Metadata> {
        match self {
            Document::Metadata(metadata) => Some(metadata),
            _ => None,
        }
    }

    /// The resource, if it is one, taken out of the document.
    ///
    /// ```
    /// use ucwa_codec::document::{self, DocumentKind};
    ///
    /// let doc = document::json::from_str(r#"{"rel": "me", "_links": {"self": {"href": "/me"}}}"#)?;
    /// let me = doc.into_resource().expect("a resource");
    /// assert_eq!(me.self_href(), Some("/me"));
    ///
    /// let doc = document::json::from_str(r#"{"code": "Gone"}"#)?;
    /// assert_eq!(doc.kind(), DocumentKind::Error);
    /// assert_eq!(doc.clone().into_resource(), None);
    /// assert_eq!(doc.into_error_body().map(|body| body.code).as_deref(), Some("Gone"));
    /// # Ok::<(), ucwa_codec::Error>(())
    /// ```
    pub fn into_resource(self) -> Option<Resource> {
        match self {
            Document::Resource(resource) => Some(resource),
            _ => None,
        }
    }

    /// The events document, if it is one, taken out of the document.
    pub fn into_events(self) -> Option<Events> {
        match self {
            Document::Events(events) => Some(events),
            _ => None,
        }
    }

    /// The error body, if it is one, taken out of the document.
    pub fn into_error_body(self) -> Option<ErrorBody> {
        match self {
            Document::Error(body) => Some(body),
            _ => None,
        }
    }

    /// The metadata, if it is that, taken out of the document.
    pub fn into_metadata(self) -> Option<Metadata> {
        match self {
            Document::Metadata(metadata) => Some(metadata),
            _ => None,
        }
    }
}

impl From<Resource> for Document {
    fn from(resource: Resource) -> Document {
        Document::Resource(resource)
    }
}

impl From<Events> for Document {
    fn from(events: Events) -> Document {
        Document::Events(events)
    }
}

impl From<ErrorBody> for Document {
    fn from(body: ErrorBody) -> Document {
        Document::Error(body)
    }
}

impl From<Metadata> for Document {
    fn from(metadata: Metadata) -> Document {
        Document::Metadata(metadata)
    }
}

/// The JSON codec of any document, the kind detected from the content.
pub mod json {
    use super::Document;

    crate::support::codec_functions!(
        Document,
        "a document (of the kind its content shows)",
        "JSON",
        super::decode_json,
        super::encode_json
    );
}

/// The XML codec of any document, the kind detected from the root element.
pub mod xml {
    use super::Document;

    crate::support::codec_functions!(
        Document,
        "a document (of the kind its root element shows)",
        "XML",
        super::decode_xml,
        super::encode_xml
    );
}

/// Decodes a document in `format`, or in the format its first non-blank byte shows (`<`: XML,
/// `{` or `[`: JSON) when `format` is `None`.
pub fn decode(bytes: &[u8], format: Option<Format>) -> Result<Document> {
    decode_with(bytes, format, &DecodeOptions::default())
}

/// [`decode`], keeping to `options`' limits and typing XML with the resource catalogue where
/// `options.typing` says so.
pub fn decode_with(
    bytes: &[u8],
    format: Option<Format>,
    options: &DecodeOptions,
) -> Result<Document> {
    options.check_size(bytes.len())?;
    let format = match format.or_else(|| Format::detect(bytes)) {
        Some(format) => format,
        None => {
            let start = bytes.strip_prefix(b"\xEF\xBB\xBF").map_or(0, |_| 3);
            let blank = bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            let at = start + blank;
            let kind = if at == bytes.len() {
                ErrorKind::Eof
            } else {
                ErrorKind::Syntax
            };
            return Err(Error::new(
                kind,
                "cannot tell the format: a document starts with `<` (XML) or `{` (JSON)",
            )
            .with_position(Position::at_offset(bytes, at)));
        }
    };
    let text = crate::error::utf8_text(bytes)?;
    match format {
        Format::Json => decode_json_with(text, options),
        Format::Xml => {
            let mut document = decode_xml_with(text, options)?;
            if let Some(typing) = &options.typing {
                crate::catalogue::apply_to_document(&mut document, typing)?;
            }
            Ok(document)
        }
    }
}

/// Encodes a document in `format`, compact or indented: a [`Document`], or a [`Resource`],
/// [`Events`], [`ErrorBody`] or [`Metadata`] as it is (see [`Encode`]).
///
/// ```
/// use ucwa_codec::document::{self, Document};
/// use ucwa_codec::{ErrorBody, Format, Resource};
///
/// let mut me = Resource::new("me");
/// me.set_self_href("/me");
/// let format = Format::Xml; // e.g. from the request's Accept header
/// let xml = String::from_utf8(document::encode(&me, format, false)?).unwrap();
/// assert!(xml.contains(r#"<resource rel="me" href="/me" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">"#));
///
/// let body = ErrorBody::new("Conflict").with_subcode("AlreadyExists");
/// assert_eq!(
///     document::encode(&body, Format::Json, false)?,
///     br#"{"code":"Conflict","subcode":"AlreadyExists"}"#
/// );
/// // The same bytes as through a `Document`.
/// let doc = Document::from(body.clone());
/// assert_eq!(document::encode(&doc, Format::Xml, true)?, document::encode(&body, Format::Xml, true)?);
/// # Ok::<(), ucwa_codec::Error>(())
/// ```
pub fn encode<D: Encode + ?Sized>(document: &D, format: Format, pretty: bool) -> Result<Vec<u8>> {
    document.encode(format, pretty)
}

/// What [`encode`] writes in a [`Format`] chosen at run time: any [`Document`], and each kind
/// of document as it is, without wrapping it in one. Implemented for [`Document`],
/// [`Resource`], [`Events`], [`ErrorBody`], [`Metadata`] and references to them; sealed.
///
/// ```
/// use ucwa_codec::document::Encode;
/// use ucwa_codec::{Events, Format};
///
/// let channel = Events::new("/e?ack=1", "/e?ack=2");
/// assert_eq!(
///     channel.encode(Format::Json, false)?,
///     br#"{"_links":{"self":{"href":"/e?ack=1"},"next":{"href":"/e?ack=2"}},"sender":[]}"#
/// );
/// # Ok::<(), ucwa_codec::Error>(())
/// ```
pub trait Encode: sealed::Sealed {
    /// Encodes in `format`, compact or indented (two spaces): the bytes of the format's own
    /// `to_vec` or `to_vec_pretty`.
    fn encode(&self, format: Format, pretty: bool) -> Result<Vec<u8>>;
}

mod sealed {
    /// Keeps [`super::Encode`] to the crate's documents.
    pub trait Sealed {}
}

/// `Encode` for a document type through its codec modules' `to_vec` and `to_vec_pretty`.
macro_rules! encode_through {
    ($ty:ty, $json:path, $xml:path) => {
        impl sealed::Sealed for $ty {}

        impl Encode for $ty {
            fn encode(&self, format: Format, pretty: bool) -> Result<Vec<u8>> {
                use $json as json;
                use $xml as xml;
                match (format, pretty) {
                    (Format::Json, false) => json::to_vec(self),
                    (Format::Json, true) => json::to_vec_pretty(self),
                    (Format::Xml, false) => xml::to_vec(self),
                    (Format::Xml, true) => xml::to_vec_pretty(self),
                }
            }
        }
    };
}

encode_through!(Resource, crate::json, crate::xml);
encode_through!(Events, crate::events::json, crate::events::xml);
encode_through!(ErrorBody, crate::error_body::json, crate::error_body::xml);
encode_through!(Metadata, crate::metadata::json, crate::metadata::xml);

impl sealed::Sealed for Document {}

impl Encode for Document {
    fn encode(&self, format: Format, pretty: bool) -> Result<Vec<u8>> {
        match self {
            Document::Resource(resource) => resource.encode(format, pretty),
            Document::Events(events) => events.encode(format, pretty),
            Document::Error(body) => body.encode(format, pretty),
            Document::Metadata(metadata) => metadata.encode(format, pretty),
        }
    }
}

impl<T: sealed::Sealed + ?Sized> sealed::Sealed for &T {}

impl<T: Encode + ?Sized> Encode for &T {
    fn encode(&self, format: Format, pretty: bool) -> Result<Vec<u8>> {
        (**self).encode(format, pretty)
    }
}

/// Decodes a document (in `from`, or the detected format) and encodes it in `to`.
pub fn convert(bytes: &[u8], from: Option<Format>, to: Format, pretty: bool) -> Result<Vec<u8>> {
    encode(&decode(bytes, from)?, to, pretty)
}

/// What the scan of a JSON object's members found.
#[derive(Default)]
struct Members {
    object: bool,
    /// The shape of the `sender` member.
    sender: Option<Shape>,
    links: bool,
    code: bool,
    rel: bool,
    metadata_array: bool,
    /// A `link` object and a `type`: the members of an event.
    link_object: bool,
    event_type: bool,
}

impl Members {
    /// Whether a typed decoder of `kind` reads the document: the detection finds that kind,
    /// or, for an events document, `sender` stands without `_links`. The detection then says
    /// resource (which may have a property of any name), but only an events document has
    /// senders, and its decoder has always read one without links.
    fn fit(&self, kind: DocumentKind) -> bool {
        self.kind() == kind
            || (kind == DocumentKind::Events && self.object && self.sender.is_some() && !self.rel)
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
        while let Some(key) = map.next_key_seed(crate::support::json::BorrowedStrSeed)? {
            match &*key {
                "metadata" => {
                    members.metadata_array |= map.next_value_seed(ShapeOf)? == Shape::Array
                }
                "link" => members.link_object |= map.next_value_seed(ShapeOf)? == Shape::Object,
                // Senders are an array: a resource may have a property named `sender`.
                "sender" => members.sender = Some(map.next_value_seed(ShapeOf)?),
                other => {
                    match other {
                        "_links" => members.links = true,
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
fn json_members(text: &str) -> Result<Members> {
    crate::json::decode_with(text, |_, de| de.deserialize_any(Scan))
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

/// What an event entry on its own is told.
const EVENT_ENTRY_ON_ITS_OWN: &str =
    "an event entry on its own, not an events document (events stand in the senders of the \
     events resource's response: `sender[].events[]` in JSON, `<sender>` in XML)";

fn decode_json(text: &str) -> Result<Document> {
    decode_json_with(text, &DecodeOptions::default())
}

fn decode_json_with(text: &str, options: &DecodeOptions) -> Result<Document> {
    let kind = match json_members(text) {
        Ok(members) if members.is_event_entry() => {
            let blank = text.len() - text.trim_start_matches(is_blank).len();
            return Err(event_entry_error(text.as_bytes(), blank));
        }
        Ok(members) => members.kind(),
        // The scan does not track paths, nor place every error as precisely as the decoder:
        // where reading it as a resource fails the same way, that error says more.
        Err(scan_error) => {
            return Err(
                match crate::json::decode_resource(text, &DecodeOptions::default()) {
                    Err(err)
                        if err.kind() == scan_error.kind() || err.kind() == ErrorKind::Limit =>
                    {
                        err
                    }
                    _ => scan_error,
                },
            )
        }
    };
    crate::json::decode_with_options(text, options, |ctx: &Ctx, de| {
        Ok(match kind {
            DocumentKind::Resource => Document::Resource(ResourceSeed { ctx }.deserialize(de)?),
            DocumentKind::Events => Document::Events(EventsSeed { ctx }.deserialize(de)?),
            DocumentKind::Error => Document::Error(ErrorBodySeed { ctx }.deserialize(de)?),
            DocumentKind::Metadata => Document::Metadata(MetadataSeed { ctx }.deserialize(de)?),
        })
    })
}

fn encode_json(document: &Document, pretty: bool) -> Result<Vec<u8>> {
    document.encode(Format::Json, pretty)
}

fn decode_xml(text: &str) -> Result<Document> {
    decode_xml_with(text, &DecodeOptions::default())
}

fn decode_xml_with(text: &str, options: &DecodeOptions) -> Result<Document> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if let Some(document) = crate::xml::fast::decode_document(text, options) {
        return Ok(document);
    }
    Decoder::with_options(text, options).document_with(|d, start, empty| {
        Ok(match local_name(&start) {
            "events" => Document::Events(crate::events::xml::read_root(d, start, empty)?),
            "reason" => Document::Error(crate::error_body::read_root(d, start, empty)?),
            "optionsMetadata" => Document::Metadata(crate::metadata::read_root(d, start, empty)?),
            name if is_xml_event(name) => {
                return crate::xml::de::fail(ErrorKind::Structure, EVENT_ENTRY_ON_ITS_OWN)
            }
            _ => Document::Resource(d.root(start, empty)?),
        })
    })
}

/// Whether the XML codecs read a document whose root element has this local name: a resource
/// (`resource`, or an operation's `input`), `events`, an error body's `reason`, or
/// `optionsMetadata`. [`decode_xml`] refuses every other root.
pub(crate) fn is_xml_root(local_name: &str) -> bool {
    matches!(
        local_name,
        "resource" | "input" | "events" | "reason" | "optionsMetadata"
    )
}

/// Whether an element's local name is that of an event (`<added>`, `<updated>`, ...), as a
/// sender in an events document holds them.
pub(crate) fn is_xml_event(local_name: &str) -> bool {
    matches!(
        local_name,
        "added" | "updated" | "deleted" | "started" | "completed"
    )
}

/// The local name of an XML document's root element, when the document reads that far.
pub(crate) fn xml_root_name(bytes: &[u8]) -> Option<String> {
    use quick_xml::events::Event;
    let text = crate::error::utf8_text(bytes).ok()?;
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event().ok()? {
            Event::Start(start) | Event::Empty(start) => {
                return Some(local_name(&start).to_owned())
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

fn encode_xml(document: &Document, pretty: bool) -> Result<Vec<u8>> {
    document.encode(Format::Xml, pretty)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> DocumentKind {
        json::from_str(text).unwrap().kind()
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

    #[test]
    fn each_into_accessor_takes_its_kind_only() {
        let docs = [
            Document::Resource(Resource::new("me")),
            Document::Events(Events::new("/e?ack=1", "/e?ack=2")),
            Document::Error(ErrorBody::new("Gone")),
            Document::Metadata(Metadata::default()),
        ];
        for doc in &docs {
            let is = |kind| doc.kind() == kind;
            assert_eq!(doc.clone().into_resource().as_ref(), doc.as_resource());
            assert_eq!(
                doc.clone().into_resource().is_some(),
                is(DocumentKind::Resource)
            );
            assert_eq!(doc.clone().into_events().as_ref(), doc.as_events());
            assert_eq!(
                doc.clone().into_events().is_some(),
                is(DocumentKind::Events)
            );
            assert_eq!(doc.clone().into_error_body().as_ref(), doc.as_error());
            assert_eq!(
                doc.clone().into_error_body().is_some(),
                is(DocumentKind::Error)
            );
            assert_eq!(doc.clone().into_metadata().as_ref(), doc.as_metadata());
            assert_eq!(
                doc.clone().into_metadata().is_some(),
                is(DocumentKind::Metadata)
            );
        }
    }

    #[test]
    fn errors_keep_their_position_and_path() {
        let err = json::from_str("{\"code\": \"A\",\n \"parameters\": 3}").unwrap_err();
        assert_eq!((err.line(), err.path()), (2, "parameters"));
        let err = json::from_str("{\"code\": \"A\",\n \"x\": [}").unwrap_err();
        assert_eq!((err.line(), err.kind()), (2, ErrorKind::Syntax));
        let err = json::from_str("[1]").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Structure);
        let err = xml::from_str("<reason>\n<code/><code/></reason>").unwrap_err();
        assert_eq!(err.line(), 2);
        let err = xml::from_str("<other/>").unwrap_err();
        assert!(err.message().contains("<resource>"), "{err}");
        assert_eq!(
            xml_root_name(b"<?xml version=\"1.0\"?>\n<!-- c --><a:other/>").as_deref(),
            Some("other")
        );
        assert!(!is_xml_root("other") && is_xml_root("optionsMetadata"));
        assert_eq!(xml_root_name(b"<<"), None);
        let err = decode(b"\n  Hi", None).unwrap_err();
        assert_eq!((err.line(), err.column()), (2, 3));
        assert_eq!(decode(b"  ", None).unwrap_err().kind(), ErrorKind::Eof);
    }

    #[test]
    fn an_event_entry_on_its_own_is_named() {
        let entry = "\n  {\"link\": {\"rel\": \"presence\", \"href\": \"/me/presence\"}, \"type\": \"added\",\n   \
                     \"_embedded\": {\"presence\": {\"rel\": \"presence\"}}}";
        let err = decode(entry.as_bytes(), None).unwrap_err();
        assert!(
            err.message()
                .starts_with("an event entry on its own, not an events document"),
            "{err}"
        );
        assert_eq!(
            (err.kind(), err.line(), err.column()),
            (ErrorKind::Structure, 2, 3)
        );
        let err = decode(b"<updated rel=\"me\" href=\"/me\"/>", Some(Format::Xml)).unwrap_err();
        assert!(
            err.message().starts_with("an event entry on its own"),
            "{err}"
        );
        // A `link` that is no object, or an error body's `code` beside them, makes no event.
        assert_eq!(
            kind(r#"{"link": "x", "type": "added"}"#),
            DocumentKind::Resource
        );
        assert_eq!(
            kind(r#"{"code": "Gone", "link": {"href": "/x"}, "type": "added"}"#),
            DocumentKind::Error
        );
    }
}
