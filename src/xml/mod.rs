//! The XML wire format: `application/vnd.microsoft.com.ucwa+xml`.
//!
//! The same free functions as [`crate::json`]:
//!
//! ```
//! let text = r#"<?xml version="1.0" encoding="utf-8"?>
//! <resource rel="phone" href="/p/work" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
//!   <property name="number"> tel:+1</property>
//!   <property name="includeInContactCard">True</property>
//! </resource>"#;
//! let phone = ucwa_codec::xml::from_str(text)?;
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
//! [`Value::Null`](crate::Value::Null) for `xsi:nil="true"`): XML does not say their type.
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

pub(crate) mod de;
pub(crate) mod fast;
pub(crate) mod ser;

use std::io;

use crate::error::{utf8_text, Result};
use crate::model::Resource;
use crate::options::DecodeOptions;

/// The UCWA namespace.
pub const UCWA_NS: &str = "http://schemas.microsoft.com/rtc/2012/03/ucwa";
/// The XML Schema instance namespace, of `xsi:nil`.
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Decodes a resource from XML bytes (UTF-8; a leading byte-order mark is skipped).
pub fn from_slice(bytes: &[u8]) -> Result<Resource> {
    from_str(utf8_text(bytes)?)
}

/// Decodes a resource from an XML string.
pub fn from_str(text: &str) -> Result<Resource> {
    from_str_with(text, &DecodeOptions::default())
}

/// Decodes a resource from XML bytes, keeping to `options`' limits, and typing its values
/// with the resource catalogue where `options.typing` says so.
///
/// ```
/// use ucwa_codec::catalogue::TypingOptions;
/// use ucwa_codec::{xml, DecodeOptions, Value};
///
/// let text = r#"<resource rel="conversation" href="/c" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
///   <property name="participantCount">4</property></resource>"#;
/// let mut options = DecodeOptions::default();
/// options.typing = Some(TypingOptions::default());
/// let conversation = xml::from_slice_with(text.as_bytes(), &options)?;
/// assert_eq!(conversation.property("participantCount"), Some(&Value::Integer(4)));
/// # Ok::<(), ucwa_codec::Error>(())
/// ```
pub fn from_slice_with(bytes: &[u8], options: &DecodeOptions) -> Result<Resource> {
    options.check_size(bytes.len())?;
    from_str_with(utf8_text(bytes)?, options)
}

/// Decodes a resource from an XML string, as [`from_slice_with`] does.
pub fn from_str_with(text: &str, options: &DecodeOptions) -> Result<Resource> {
    options.check_size(text.len())?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut resource = match fast::decode(text, options) {
        Some(resource) => resource,
        None => de::Decoder::with_options(text, options).document()?,
    };
    if let Some(typing) = &options.typing {
        crate::catalogue::apply(&mut resource, typing)?;
    }
    Ok(resource)
}

/// Reads all of `reader` and decodes a resource from it; reading stops with an error past
/// the default `max_size` ([`DecodeOptions::read_all`]).
pub fn from_reader<R: io::Read>(reader: R) -> Result<Resource> {
    from_reader_with(reader, &DecodeOptions::default())
}

/// Reads all of `reader`, stopping with an error past `options.max_size`, and decodes a
/// resource from it, keeping to `options`' limits.
pub fn from_reader_with<R: io::Read>(reader: R, options: &DecodeOptions) -> Result<Resource> {
    from_slice_with(&options.read_all(reader)?, options)
}

crate::support::encode_functions!(Resource, "a resource", "XML", encode);

fn encode(resource: &Resource, pretty: bool) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(crate::support::OUTPUT_START);
    let mut w = ser::Writer::new(&mut out, pretty);
    w.declaration();
    ser::write_resource(&mut w, resource, None)?;
    Ok(out)
}
