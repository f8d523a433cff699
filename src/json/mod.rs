//! The JSON wire format: `application/vnd.microsoft.com.ucwa+json`.
//!
//! The same free functions as `serde_json`, over [`Resource`]:
//!
//! ```
//! let text = r#"{"rel": "phone", "number": "tel:+1", "_links": {"self": {"href": "/p/work"}}}"#;
//! let phone = ucwa_codec::json::from_str(text)?;
//! assert_eq!(phone.type_name(), Some("phone"));
//! assert_eq!(phone.self_href(), Some("/p/work"));
//! assert_eq!(
//!     ucwa_codec::json::to_string(&phone)?,
//!     r#"{"rel":"phone","number":"tel:+1","_links":{"self":{"href":"/p/work"}}}"#
//! );
//! # Ok::<(), ucwa_codec::Error>(())
//! ```
//!
//! Decoding streams serde_json's tokens straight into the model. Strings of the form
//! `/Date(ms)/` or `/Date(ms±hhmm)/` become [`Value::Date`](crate::Value::Date); numbers must be
//! integers that fit an `i64` (anything else is refused with an error, never rounded); a
//! property's value is a scalar or an array of scalars. Duplicate `rel`, `_links`, `_embedded`,
//! link relations, embedded relations and link attributes are refused as ambiguous. The order
//! of members is recorded in [`Layout`](crate::Layout) so that encoding reproduces it.
//!
//! Encoding writes dates as `"\/Date(ms)\/"` and each relation as one object or an array as
//! its [`Cardinality`](crate::Cardinality) says.

pub(crate) mod de;
pub(crate) mod ser;

use std::io;

use serde::de::DeserializeSeed;

use crate::error::{utf8_text, Error, ErrorKind, Position, Result};
use crate::model::Resource;
use crate::options::DecodeOptions;

pub(crate) use de::{Ctx, ResourceSeed};

/// Decodes a resource from JSON bytes (UTF-8; a leading byte-order mark is skipped).
pub fn from_slice(bytes: &[u8]) -> Result<Resource> {
    from_str(utf8_text(bytes)?)
}

/// Decodes a resource from a JSON string.
///
/// A document of another kind is an error of kind [`Structure`](ErrorKind::Structure) that
/// says what it is, by the detection of [`crate::document`]: an error body, an events
/// document or OPTIONS metadata is no resource.
///
/// ```
/// let err = ucwa_codec::json::from_str(r#"{"code": "Conflict", "subcode": "AlreadyExists"}"#).unwrap_err();
/// assert_eq!(err.to_string(), "expected a resource, found an error body at line 1, column 1");
/// // A request body has neither type nor links, and is a resource.
/// assert!(ucwa_codec::json::from_str(r#"{"importance": "Normal"}"#).is_ok());
/// ```
pub fn from_str(text: &str) -> Result<Resource> {
    from_str_with(text, &DecodeOptions::default())
}

/// Decodes a resource from JSON bytes, keeping to `options`' limits.
pub fn from_slice_with(bytes: &[u8], options: &DecodeOptions) -> Result<Resource> {
    options.check_size(bytes.len())?;
    from_str_with(utf8_text(bytes)?, options)
}

/// Decodes a resource from a JSON string, keeping to `options`' limits.
pub fn from_str_with(text: &str, options: &DecodeOptions) -> Result<Resource> {
    crate::document::expect_json_kind(
        text,
        crate::document::DocumentKind::Resource,
        decode_resource(text, options),
        // Without these members, the detection finds a resource.
        |resource| {
            !resource
                .properties
                .iter()
                .any(|p| matches!(p.name.as_str(), "code" | "sender" | "metadata"))
        },
    )
}

/// Decodes a resource from a JSON string, whatever its kind.
pub(crate) fn decode_resource(text: &str, options: &DecodeOptions) -> Result<Resource> {
    decode_with_options(text, options, |ctx, de| {
        ResourceSeed { ctx }.deserialize(de)
    })
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

crate::support::encode_functions!(Resource, "a resource", "JSON", encode);

fn encode(resource: &Resource, pretty: bool) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(crate::support::OUTPUT_START);
    ser::write_resource(&mut out, resource, pretty).map_err(Error::io)?;
    Ok(out)
}

/// The crate's error for a serde_json error met while encoding (the path of documents written
/// through serde; resources are written directly).
pub(crate) fn encode_error(err: serde_json::Error) -> Error {
    let kind = match err.classify() {
        serde_json::error::Category::Io => ErrorKind::Io,
        // A `Serialize` implementation refusing what it cannot write.
        _ => ErrorKind::Unrepresentable,
    };
    Error::new(kind, err.to_string())
}

/// Runs a decoding seed over `text` with a fresh context, checks nothing follows the
/// document, and turns a serde_json error into the crate's error with position and path.
pub(crate) fn decode_with<T>(
    text: &str,
    run: impl FnOnce(
        &Ctx,
        &mut serde_json::Deserializer<serde_json::de::StrRead<'_>>,
    ) -> serde_json::Result<T>,
) -> Result<T> {
    decode_with_options(text, &DecodeOptions::default(), run)
}

/// [`decode_with`], keeping to `options`' limits.
pub(crate) fn decode_with_options<T>(
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
pub(crate) fn convert_error(input: &[u8], ctx: &Ctx, err: &serde_json::Error) -> Error {
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
