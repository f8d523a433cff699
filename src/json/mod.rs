//! The JSON wire format: `application/vnd.microsoft.com.ucwa+json`.
//!
//! The same free functions as `serde_json`, over every document type ([`Decode`], [`Encode`]):
//! [`Resource`](crate::Resource), [`Events`](crate::Events), [`ErrorBody`](crate::ErrorBody),
//! [`Metadata`](crate::Metadata), and [`Document`](crate::Document) for whichever kind the content shows.
//!
//! ```
//! use ucwa_codec::{json, Document, Resource};
//!
//! let text = r#"{"rel": "phone", "number": "tel:+1", "_links": {"self": {"href": "/p/work"}}}"#;
//! let phone = json::from_str::<Resource>(text)?;
//! assert_eq!(phone.type_name(), Some("phone"));
//! assert_eq!(phone.self_href(), Some("/p/work"));
//! assert_eq!(
//!     json::to_string(&phone)?,
//!     r#"{"rel":"phone","number":"tel:+1","_links":{"self":{"href":"/p/work"}}}"#
//! );
//! // Any document, of the kind its members show.
//! let document = json::from_str::<Document>(r#"{"code": "Gone"}"#)?;
//! assert!(matches!(document, Document::Error(_)));
//! # Ok::<(), ucwa_codec::Error>(())
//! ```
//!
//! Decoding reads the bytes straight into the model: first by a fast scanner for well-formed
//! documents, which leaves anything it would have to refuse (or does not read) to the serde
//! decoder over serde_json's tokens, run from the start; errors always come from the latter. Strings of the form
//! `/Date(ms)/` or `/Date(ms±hhmm)/` become [`Value::Date`](crate::Value::Date); numbers must be
//! integers that fit an `i64` (anything else is refused with an error, never rounded); a
//! property's value is a scalar or an array of scalars. Duplicate `rel`, `_links`, `_embedded`,
//! link relations, embedded relations and link attributes are refused as ambiguous. The order
//! of members is recorded in [`Layout`](crate::Layout) so that encoding reproduces it.
//!
//! Encoding writes dates as `"\/Date(ms)\/"` and each relation as one object or an array as
//! its [`Cardinality`](crate::Cardinality) says.

mod de;
mod document;
mod error_body;
mod events;
mod fast;
mod metadata;
mod seeds;
mod ser;

use crate::error::{Error, ErrorKind, Position, Result};
use crate::model::codec::Spill;
use crate::model::{Decode, DecodeOptions, DocumentRef, Encode};

use de::Ctx;

crate::model::codec::free_functions!(
    Json,
    "JSON",
    r##"```
use ucwa_codec::{json, Resource};

let err = json::from_str::<Resource>(r#"{"code": "Conflict", "subcode": "AlreadyExists"}"#).unwrap_err();
assert_eq!(err.to_string(), "expected a resource, found an error body at line 1, column 1");
// A request body has neither type nor links, and is a resource.
assert!(json::from_str::<Resource>(r#"{"importance": "Normal"}"#).is_ok());
```"##,
    [
        de::decode,
        events::decode,
        error_body::decode,
        metadata::decode,
        document::decode
    ]
);

/// Writes any document as JSON, compact or indented.
fn write(document: DocumentRef<'_>, pretty: bool) -> Result<Vec<u8>> {
    match document {
        DocumentRef::Resource(resource) => {
            let mut out = Vec::with_capacity(crate::model::codec::OUTPUT_START);
            ser::write_resource(&mut out, resource, pretty).map_err(Error::io)?;
            Ok(out)
        }
        DocumentRef::Events(events) => events::encode(events, pretty),
        DocumentRef::Error(body) => seeds::encode(body, pretty),
        DocumentRef::Metadata(metadata) => seeds::encode(metadata, pretty),
    }
}

/// Writes a document to `sink`: a resource handed on in pieces as it is encoded, the other
/// kinds whole.
pub(crate) fn write_to(
    document: DocumentRef<'_>,
    pretty: bool,
    sink: &mut dyn std::io::Write,
) -> Result<()> {
    match document {
        DocumentRef::Resource(resource) => {
            let mut out = Vec::with_capacity(2 * Spill::AT);
            ser::write_resource_to(&mut out, resource, pretty, Spill::new(sink)).map_err(Error::io)
        }
        other => sink.write_all(&write(other, pretty)?).map_err(Error::io),
    }
}

/// The crate's error for a serde_json error met while encoding (the path of documents written
/// through serde; resources are written directly).
fn encode_error(err: serde_json::Error) -> Error {
    let kind = match err.classify() {
        serde_json::error::Category::Io => ErrorKind::Io,
        // A `Serialize` implementation refusing what it cannot write.
        _ => ErrorKind::Unrepresentable,
    };
    Error::new(kind, err.to_string())
}

/// Runs a decoding seed over `text` with a fresh context, checks nothing follows the
/// document, and turns a serde_json error into the crate's error with position and path,
/// keeping to `options`' limits.
fn decode_with<T>(
    text: &str,
    options: &DecodeOptions,
    run: impl FnOnce(
        &Ctx,
        &mut serde_json::Deserializer<serde_json::de::StrRead<'_>>,
    ) -> serde_json::Result<T>,
) -> Result<T> {
    options.check_size(text.len())?;
    let ctx = Ctx::new(options);
    let mut de = serde_json::Deserializer::from_str(text);
    let result = run(&ctx, &mut de).and_then(|value| de.end().map(|()| value));
    result.map_err(|err| convert_error(text.as_bytes(), &ctx, &err))
}

/// The crate's error for a serde_json error met while decoding `input`.
fn convert_error(input: &[u8], ctx: &Ctx, err: &serde_json::Error) -> Error {
    use serde_json::error::Category;
    let kind = ctx.kind.get().unwrap_or(match err.classify() {
        Category::Io => ErrorKind::Io,
        Category::Syntax => ErrorKind::Syntax,
        Category::Data => ErrorKind::Structure,
        Category::Eof => ErrorKind::Eof,
    });
    // serde_json's Display ends in " at line L column C"; keep only the message.
    let full = err.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => &full,
    };
    let message = match kind {
        ErrorKind::Eof => format!("unexpected end of input: {message}"),
        _ => message.to_owned(),
    };
    let position =
        (err.line() > 0).then(|| Position::at_line_byte_column(input, err.line(), err.column()));
    let message = match position.and_then(|p| number_at(input, p.offset)) {
        Some(literal) if ctx.number_error.get() => de::number_message(literal),
        _ => message,
    };
    let mut error = Error::new(kind, message).with_path(ctx.path.borrow().render());
    if let Some(position) = position {
        error = error.with_position(position);
    }
    error
}

/// The JSON number as written that ends at, or just before, byte `offset` of `input` (where
/// serde_json places an error about a number).
fn number_at(input: &[u8], offset: usize) -> Option<&str> {
    let is_number = |b: &u8| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E');
    let end = (offset..=offset + 1)
        .rev()
        .find(|&end| end <= input.len() && end > 0 && is_number(&input[end - 1]))?;
    let start = end
        - input[..end]
            .iter()
            .rev()
            .take_while(|b| is_number(b))
            .count();
    std::str::from_utf8(&input[start..end]).ok()
}

/// Hooks for the crate's own tests, benchmarks and fuzz targets ([`crate::__private`]).
pub(crate) mod hooks {
    use crate::model::events::Events;
    use crate::model::{DecodeOptions, Resource};
    use crate::Result;

    /// The fast path alone, on a resource: `None` where it leaves the document to the serde
    /// decoder.
    pub fn json_fast_path(text: &str) -> Option<Resource> {
        super::fast::resource(text, &DecodeOptions::default())
    }

    /// The serde decoder alone, on a resource (whatever kind the document is).
    pub fn json_full_decoder(text: &str) -> Result<Resource> {
        super::de::decode_full(text, &DecodeOptions::default())
    }

    /// The fast path alone, on an events document.
    pub fn events_json_fast_path(text: &str) -> Option<Events> {
        super::fast::events(text, &DecodeOptions::default())
    }

    /// The serde decoder alone, on an events document (whatever kind the document is).
    pub fn events_json_full_decoder(text: &str) -> Result<Events> {
        super::events::decode_full(text, &DecodeOptions::default())
    }

    /// [`json_fast_path`] and [`json_full_decoder`] with `options`' limits.
    pub fn json_paths_with(
        text: &str,
        options: &DecodeOptions,
    ) -> (Option<Resource>, Result<Resource>) {
        (
            super::fast::resource(text, options),
            super::de::decode_full(text, options),
        )
    }

    /// [`events_json_fast_path`] and [`events_json_full_decoder`] with `options`' limits.
    pub fn events_json_paths_with(
        text: &str,
        options: &DecodeOptions,
    ) -> (Option<Events>, Result<Events>) {
        (
            super::fast::events(text, options),
            super::events::decode_full(text, options),
        )
    }

    /// An events document written as JSON through serde and its `Serialize` implementations
    /// (the encoder writes most straight from the model).
    pub fn events_json_via_serde(events: &Events, pretty: bool) -> Result<Vec<u8>> {
        super::seeds::encode(events, pretty)
    }
}
