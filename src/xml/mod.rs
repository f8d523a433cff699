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
//! Decoding runs one tree builder over a tokenizer: first the fast one, a byte scanner for
//! the XML UCWA servers write (the declaration, ASCII names, attributes, text with
//! references, blanks between elements), which hands over names and text straight from the
//! input. On anything else, or anything it would have to refuse, it gives up and the full
//! reader on quick-xml feeds the same builder from the start; errors always come from the
//! full reader. See [`docs/robustness.md`](crate::guide::robustness).
//!
//! Encoding writes the documented layout: the XML declaration, the root `<resource>` with
//! `rel`, `href` and `xmlns`, then `<link>`s, `<property name="rel">`, the properties and
//! property lists in their order, and the embedded `<resource>`s. Booleans are `True`/`False`,
//! dates ISO 8601 with seven fractional digits and the offset. A root with neither type nor
//! self link is written as `<input>`, the element of request bodies. See [`docs/mapping.md`](crate::guide::mapping).

mod builder;
mod de;
mod document;
mod elements;
mod error_body;
mod events;
mod fast;
mod metadata;
mod ser;

use crate::error::Result;
use crate::model::codec::Spill;
use crate::model::{Decode, DecodeOptions, DocumentRef, Encode};

pub(crate) use document::{is_event_name, is_root_name, root_name};

/// The UCWA namespace.
pub const UCWA_NS: &str = "http://schemas.microsoft.com/rtc/2012/03/ucwa";
/// The XML Schema instance namespace, of `xsi:nil`.
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

crate::model::codec::free_functions!(
    Xml,
    "XML",
    r##"```
use ucwa_codec::{xml, Events};

let err = xml::from_str::<Events>("<reason><code>ServiceFailure</code></reason>").unwrap_err();
assert_eq!(err.message(), "expected an events document (<events>), found an error body (<reason>)");
```"##,
    [read, read, read, read, read]
);

/// Reads a document of kind `D` through the builder: on the fast tokenizer, else (where it
/// answers [`NotMine`](builder::NotMine)) on the full reader, from the start.
fn read<D: builder::Root>(text: &str, options: &DecodeOptions) -> Result<D> {
    match builder::read(&mut fast::Scanner::new(text, options), D::build) {
        Ok(document) => Ok(document),
        Err(builder::NotMine) => de::Decoder::with_options(text, options).read(D::build),
    }
}

/// Writes any document as XML: the declaration, then the root element.
fn write(document: DocumentRef<'_>, pretty: bool) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(crate::model::codec::OUTPUT_START);
    write_document(&mut ser::Writer::new(&mut out, pretty), document)?;
    Ok(out)
}

/// Writes a document to `sink`, handed on in pieces as they are encoded.
pub(crate) fn write_to(
    document: DocumentRef<'_>,
    pretty: bool,
    sink: &mut dyn std::io::Write,
) -> Result<()> {
    let mut out = Vec::with_capacity(2 * Spill::AT);
    let mut w = ser::Writer::spilling(&mut out, pretty, Spill::new(sink));
    write_document(&mut w, document)?;
    w.finish()
}

fn write_document(w: &mut ser::Writer<'_>, document: DocumentRef<'_>) -> Result<()> {
    w.declaration();
    match document {
        DocumentRef::Resource(resource) => ser::write_resource(w, resource, None),
        DocumentRef::Events(events) => events::write_events(w, events),
        DocumentRef::Error(body) => error_body::write_xml(w, body, true),
        DocumentRef::Metadata(metadata) => metadata::write_metadata(w, metadata),
    }
}

/// Each XML decoder alone, for the crate's own tests, benchmarks and fuzz targets
/// ([`crate::__private`]).
pub(crate) mod hooks {
    use super::builder::Root;
    use crate::model::events::Events;
    use crate::model::{DecodeOptions, Resource};
    use crate::Result;

    /// The builder on the fast tokenizer alone: `None` where it leaves the document to the
    /// full reader.
    pub fn xml_fast_path(text: &str) -> Option<Resource> {
        fast_alone(text)
    }

    /// The builder on the full reader alone, on quick-xml.
    pub fn xml_full_decoder(text: &str) -> Result<Resource> {
        full_alone(text)
    }

    /// The builder of events documents on the fast tokenizer alone.
    pub fn events_xml_fast_path(text: &str) -> Option<Events> {
        fast_alone(text)
    }

    /// The builder of events documents on the full reader alone.
    pub fn events_xml_full_decoder(text: &str) -> Result<Events> {
        full_alone(text)
    }

    fn fast_alone<D: Root>(text: &str) -> Option<D> {
        let mut scanner = super::fast::Scanner::new(text, &DecodeOptions::default());
        super::builder::read(&mut scanner, D::build).ok()
    }

    fn full_alone<D: Root>(text: &str) -> Result<D> {
        super::de::Decoder::new(text).read(D::build)
    }
}
