//! The XML wire format: `application/vnd.microsoft.com.ucwa+xml`.
//!
//! The same free functions as [`crate::json`], over the same document types:
//!
//! ```
//! use ucwa_codec::{xml, Resource};
//!
//! let text = r#"<?xml version="1.0" encoding="utf-8"?>
//! <resource rel="phone" href="/p/work" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
//!   <property name="number"> tel:+1</property>
//!   <property name="includeInContactCard">True</property>
//! </resource>"#;
//! let phone = xml::from_str::<Resource>(text)?;
//! assert_eq!(phone.type_name(), Some("phone"));
//! assert_eq!(phone.self_href(), Some("/p/work"));
//! // XML carries text; the leading space is content.
//! assert_eq!(phone.property("number").and_then(|v| v.as_str()), Some(" tel:+1"));
//! assert_eq!(phone.property("includeInContactCard").and_then(|v| v.as_bool()), Some(true));
//! # Ok::<(), ucwa_codec::Error>(())
//! ```
//!
//! Decoding is namespace-aware: any prefix, or none, may bind the UCWA namespace, and elements
//! with no namespace at all are read as UCWA's; an element in another namespace is an error.
//! Attributes come in any order and either quote; comments and processing instructions are
//! skipped; CDATA, the predefined entities and character references are read; a DOCTYPE is
//! refused. Text is kept exactly (XML's line-end normalization aside); whitespace between
//! elements is not content. Property values are [`Value::Text`](crate::Value::Text) (or
//! [`Value::Null`](crate::Value::Null) for `xsi:nil="true"`): XML does not say their type;
//! [`crate::catalogue::apply`] types them with the reference.
//!
//! Decoding takes a fast path first: a byte scanner for the XML UCWA servers write (the
//! declaration, ASCII names, attributes, text with references, blanks between elements),
//! which builds the model straight from the input. On anything else, or anything it would
//! have to refuse, it gives up and the full decoder on quick-xml reads the document, with the
//! same result for what both read; errors always come from the full decoder. See
//! [`docs/robustness.md`](crate::guide::robustness).
//!
//! Encoding writes the documented layout: the XML declaration, the root `<resource>` with
//! `rel`, `href` and `xmlns`, then `<link>`s, `<property name="rel">`, the properties and
//! property lists in their order, and the embedded `<resource>`s. Booleans are `True`/`False`,
//! dates ISO 8601 with seven fractional digits and the offset. A root with neither type nor
//! self link is written as `<input>`, the element of request bodies. See [`docs/mapping.md`](crate::guide::mapping).

mod de;
mod document;
mod elements;
mod error_body;
mod events;
mod fast;
mod metadata;
mod ser;

use std::io;

use crate::error::{utf8_text, Error, Result};
use crate::model::{Decode, DecodeOptions, Document, DocumentKind, DocumentRef, Encode};

pub(crate) use document::{is_event_name, is_root_name, root_name};

/// The UCWA namespace.
pub const UCWA_NS: &str = "http://schemas.microsoft.com/rtc/2012/03/ucwa";
/// The XML Schema instance namespace, of `xsi:nil`.
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Decodes a document from XML bytes (UTF-8; a leading byte-order mark is skipped).
pub fn from_slice<T: Decode>(bytes: &[u8]) -> Result<T> {
    from_slice_with(bytes, &DecodeOptions::default())
}

/// Decodes a document from an XML string.
///
/// A document of another kind than `T` is an error of kind
/// [`Structure`](crate::ErrorKind::Structure) that names the root element found.
///
/// ```
/// use ucwa_codec::{xml, Events};
///
/// let err = xml::from_str::<Events>("<reason><code>ServiceFailure</code></reason>").unwrap_err();
/// assert_eq!(err.message(), "expected an events document (<events>), found an error body (<reason>)");
/// ```
pub fn from_str<T: Decode>(text: &str) -> Result<T> {
    from_str_with(text, &DecodeOptions::default())
}

/// Reads all of `reader` and decodes a document from it; reading stops with an error past
/// the default `max_size` ([`DecodeOptions::read_all`]).
pub fn from_reader<T: Decode, R: io::Read>(reader: R) -> Result<T> {
    from_reader_with(reader, &DecodeOptions::default())
}

/// Decodes a document from XML bytes, keeping to `options`' limits.
pub fn from_slice_with<T: Decode>(bytes: &[u8], options: &DecodeOptions) -> Result<T> {
    options.check_size(bytes.len())?;
    from_str_with(utf8_text(bytes)?, options)
}

/// Decodes a document from an XML string, keeping to `options`' limits.
pub fn from_str_with<T: Decode>(text: &str, options: &DecodeOptions) -> Result<T> {
    options.check_size(text.len())?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let document = match T::KIND {
        Some(DocumentKind::Resource) => Document::Resource(de::decode(text, options)?),
        Some(DocumentKind::Events) => Document::Events(events::decode(text, options)?),
        Some(DocumentKind::Error) => Document::Error(error_body::decode(text, options)?),
        Some(DocumentKind::Metadata) => Document::Metadata(metadata::decode(text, options)?),
        None => document::decode(text, options)?,
    };
    let found = document.kind();
    // Each decoder of one kind refuses the roots of the others.
    T::from_document(document).ok_or_else(|| {
        Error::new(
            crate::ErrorKind::Structure,
            format!(
                "expected {}, found {}",
                T::KIND.unwrap_or(found).described(),
                found.described()
            ),
        )
    })
}

/// Reads all of `reader`, stopping with an error past `options.max_size`, and decodes a
/// document from it, keeping to `options`' limits.
pub fn from_reader_with<T: Decode, R: io::Read>(reader: R, options: &DecodeOptions) -> Result<T> {
    from_slice_with(&options.read_all(reader)?, options)
}

/// Encodes a document as compact XML.
pub fn to_vec<T: Encode + ?Sized>(value: &T) -> Result<Vec<u8>> {
    encode(value, false)
}

/// Encodes a document as indented XML (two spaces).
pub fn to_vec_pretty<T: Encode + ?Sized>(value: &T) -> Result<Vec<u8>> {
    encode(value, true)
}

/// Encodes a document as a compact XML string.
pub fn to_string<T: Encode + ?Sized>(value: &T) -> Result<String> {
    to_vec(value).map(into_string)
}

/// Encodes a document as an indented XML string.
pub fn to_string_pretty<T: Encode + ?Sized>(value: &T) -> Result<String> {
    to_vec_pretty(value).map(into_string)
}

/// Writes a document as compact XML. It is encoded in full first: on an error, nothing has
/// been written.
pub fn to_writer<W: io::Write, T: Encode + ?Sized>(mut writer: W, value: &T) -> Result<()> {
    writer.write_all(&to_vec(value)?).map_err(Error::io)
}

/// Writes a document as indented XML. It is encoded in full first: on an error, nothing has
/// been written.
pub fn to_writer_pretty<W: io::Write, T: Encode + ?Sized>(mut writer: W, value: &T) -> Result<()> {
    writer.write_all(&to_vec_pretty(value)?).map_err(Error::io)
}

/// The room an encoder's output starts with: most UCWA documents are a few KiB, and a
/// smaller start copies a small document two or three times as it grows.
const OUTPUT_START: usize = 1024;

fn encode<T: Encode + ?Sized>(value: &T, pretty: bool) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(OUTPUT_START);
    let mut w = ser::Writer::new(&mut out, pretty);
    w.declaration();
    match value.as_document() {
        DocumentRef::Resource(resource) => ser::write_resource(&mut w, resource, None)?,
        DocumentRef::Events(events) => events::write_events(&mut w, events)?,
        DocumentRef::Error(body) => error_body::write_xml(&mut w, body, true)?,
        DocumentRef::Metadata(metadata) => metadata::write_metadata(&mut w, metadata)?,
    }
    Ok(out)
}

/// The encoders write UTF-8.
fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into())
}

/// Each XML decoder alone, for the crate's own tests, benchmarks and fuzz targets
/// ([`crate::__private`]).
pub(crate) mod hooks {
    use crate::model::events::Events;
    use crate::model::{DecodeOptions, Resource};
    use crate::Result;

    /// The fast path alone: `None` where it leaves the document to the full decoder.
    pub fn xml_fast_path(text: &str) -> Option<Resource> {
        super::fast::decode(text, &DecodeOptions::default())
    }

    /// The full decoder alone, on quick-xml.
    pub fn xml_full_decoder(text: &str) -> Result<Resource> {
        super::de::Decoder::new(text).document()
    }

    /// The fast path of events documents alone.
    pub fn events_xml_fast_path(text: &str) -> Option<Events> {
        super::fast::decode_events(text, &DecodeOptions::default())
    }

    /// The full decoder of events documents alone.
    pub fn events_xml_full_decoder(text: &str) -> Result<Events> {
        super::de::Decoder::new(text).document_with(super::events::read_root)
    }
}
