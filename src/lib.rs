//! # ucwa-codec
//!
//! Lossless JSON and XML codecs for the hypermedia representation of Microsoft's Unified
//! Communications Web API (UCWA 2.0, Skype for Business 2015).
//!
//! One format-neutral model of every UCWA document ([`Resource`], [`Events`], [`ErrorBody`],
//! [`Metadata`], or [`Document`] for any of them), and a module per wire format with the same
//! free functions as `serde_json`: [`json::from_slice`], [`json::to_string_pretty`],
//! [`xml::from_str`], [`xml::to_writer`], ... The document type is the function's type
//! parameter, as with serde_json: `json::from_str::<Events>(text)`.
//!
//! ```
//! use ucwa_codec::{json, xml, Resource, Value};
//!
//! let xml_text = r#"<resource rel="participant" href="/ucwa/v1/applications/192/communication/conversations/137/participants/196"
//!     xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
//!   <link rel="contact" href="/ucwa/v1/applications/192/people/282" title="Joe"/>
//!   <property name="name">Joe Smith</property>
//!   <property name="organizer">True</property>
//! </resource>"#;
//!
//! let participant = xml::from_str::<Resource>(xml_text)?;
//! assert_eq!(participant.type_name(), Some("participant"));
//! assert_eq!(participant.link("contact").and_then(|l| l.title()), Some("Joe"));
//! assert_eq!(participant.property("organizer").and_then(Value::as_bool), Some(true));
//!
//! // XML says nothing of types, so the boolean stays text on its way to JSON
//! // (the resource catalogue knows better).
//! let json_text = json::to_string(&participant)?;
//! assert!(json_text.starts_with(r#"{"rel":"participant","name":"Joe Smith","organizer":"True","_links":{"self""#));
//!
//! // And back: nothing is lost.
//! let again = json::from_str::<Resource>(&json_text)?;
//! assert_eq!(ucwa_codec::diff(&participant, &again), vec![]);
//! # Ok::<(), ucwa_codec::Error>(())
//! ```
//!
//! ## What the model keeps
//! - the type (`"rel"` / `<property name="rel">`) apart from the relation by which a parent
//!   embeds a resource ([`EmbeddedGroup::relation`]);
//! - properties in order, with their JSON types ([`Value`]); XML text stays
//!   [`Value::Text`] until something that knows its type reads it;
//! - links with every attribute, in order; whether each relation was one object or an array
//!   in JSON ([`Cardinality`]);
//! - where `rel`, `_links` and `_embedded` stood among the properties ([`Layout`]), so that
//!   decode -> encode reproduces the document.
//!
//! [`diff()`] compares two resources by meaning, across formats.
//!
//! Errors are one type, [`Error`]: a kind, the line and column, and the path in the document.
//!
//! ## The other documents
//! [`events`] (the event channel), [`error_body`] and [`metadata`] (OPTIONS) describe the other
//! documents; the same functions of [`json`] and [`xml`] read and write them. Decoding a
//! [`Document`] finds the kind from the content, and the decoder of one kind refuses a
//! document of another by the same detection, with an error that says what it found.
//! [`document`] decodes either format, detected from the first byte, and encodes in a
//! [`Format`] chosen at run time; [`convert()`](convert::convert) converts and says what the
//! other format cannot carry; [`batch`] reads, writes and converts `multipart/batching`
//! bodies; [`media_type`] and [`data_uri`] read `Content-Type` values and data URIs.
//! [`channel`] follows a client's event channel without I/O: which URL to GET next, and each
//! response's events once, in order, through repeats and skips.
//!
//! ## HTTP
//! [`body`] decodes a request's or response's body by its status and `Content-Type` (an
//! error status gives the [`ErrorBody`]) and answers in the format the request's `Accept`
//! negotiates, whatever carries the bytes. Optional features, none on by default, do it over
//! the types of HTTP crates: `http` (the `http` module: `http::Request`/`http::Response`,
//! hrefs resolved with `url`), `axum` (the `axum` module: an extractor and a negotiating
//! responder) and `reqwest` (the `reqwest` module: a response read in one call).
//!
//! How the crate is built, layer by layer: [`guide::architecture`].
//!
//! ## The catalogue, checks and typed access
//! [`catalogue`] is the API reference as data (generated from it): its types, properties,
//! relations and their cardinality. [`catalogue::apply`] types XML text with it;
//! [`check`] holds captured traffic against it;
//! [`Resource::properties_as`] reads a property bag into your own `Deserialize` struct.
//!
//! ## Limits
//! Every decoder keeps to [`DecodeOptions`]' limits (nesting, size, items) and answers any
//! input with a value or an [`Error`], never a panic; XML refuses DOCTYPEs, so entity bombs
//! and external entities fail fast.

// docs.rs (nightly) marks what each feature adds.
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
pub mod batch;
pub mod body;
pub mod catalogue;
pub mod channel;
pub mod check;
pub mod convert;
pub mod data_uri;
pub mod diff;
pub mod document;
mod error;
pub mod guide;
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub mod http;
pub mod json;
pub mod media_type;
mod model;
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub mod reqwest;
mod scan;
pub mod typed;
pub mod xml;

pub use diff::{diff, Difference};
pub use error::{Error, ErrorKind, Position, Result, Warning};
pub use media_type::Format;
pub use model::error_body::ErrorBody;
pub use model::events::{Event, EventType, Events};
pub use model::metadata::Metadata;
pub use model::{error_body, events, few, metadata};
pub use model::{
    Cardinality, Date, DateParseError, Decode, DecodeOptions, Document, DocumentKind,
    EmbeddedGroup, Encode, Few, Layout, Link, LinkGroup, Links, Member, Property, Resource,
    Resources, Str, Value, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEMS, DEFAULT_MAX_PARTS,
    DEFAULT_MAX_SIZE, SELF,
};

/// Not part of the API: hooks for the crate's own tests, benchmarks and fuzz targets, which
/// may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::convert::hooks::convert_losses_both_ways;
    pub use crate::json::hooks::{
        events_json_fast_path, events_json_full_decoder, events_json_paths_with,
        events_json_via_serde, json_fast_path, json_full_decoder, json_paths_with,
    };
    pub use crate::xml::hooks::{
        events_xml_fast_path, events_xml_full_decoder, xml_fast_path, xml_full_decoder,
    };
}

/// The README's examples, run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
