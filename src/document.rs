//! Any UCWA document: a resource, an event channel document, an error body or OPTIONS
//! metadata, told apart by its content.
//!
//! ```
//! use ucwa_codec::{document, json, Document, DocumentKind, Format};
//!
//! let doc = json::from_str::<Document>(r#"{"code": "Conflict", "subcode": "AlreadyExists"}"#)?;
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
//! let doc = json::from_str::<Document>(r#"{"rel": "me", "_links": {"self": {"href": "/me"}}}"#)?;
//! assert_eq!(doc.kind(), DocumentKind::Resource);
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
//! The decoders of one kind (`json::from_str::<Resource>`, `xml::from_str::<Events>`, ...)
//! refuse a document this detection gives another
//! kind, with an error of kind [`Structure`](ErrorKind::Structure) that names it ("expected an
//! events document, found an error body"), at the document's start. One exception: the events
//! decoder reads a JSON object with `sender` and no `_links`, which the detection calls a
//! resource.
//!
//! ```
//! use ucwa_codec::{json, xml, Events};
//!
//! let err = json::from_str::<Events>(r#"{"code": "ServiceFailure"}"#).unwrap_err();
//! assert_eq!(err.message(), "expected an events document, found an error body");
//! let err = xml::from_str::<Events>("<reason><code>ServiceFailure</code></reason>").unwrap_err();
//! assert_eq!(err.message(), "expected an events document (<events>), found an error body (<reason>)");
//! ```

use crate::error::{utf8_text, Error, ErrorKind, Position, Result};
use crate::media_type::Format;
use crate::model::DecodeOptions;
use crate::{json, xml};

pub use crate::model::{Document, DocumentKind, Encode};

/// Decodes a document in `format`, or in the format its first non-blank byte shows (`<`: XML,
/// `{` or `[`: JSON) when `format` is `None`.
pub fn decode(bytes: &[u8], format: Option<Format>) -> Result<Document> {
    decode_with(bytes, format, &DecodeOptions::default())
}

/// [`decode`], keeping to `options`' limits. XML text stays text:
/// [`crate::catalogue::apply_to_document`] types it.
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
    let text = utf8_text(bytes)?;
    match format {
        Format::Json => json::from_str_with(text, options),
        Format::Xml => xml::from_str_with(text, options),
    }
}

/// Encodes a document in `format`, compact or indented: a [`Document`], or a
/// [`Resource`](crate::Resource),
/// [`Events`](crate::Events), [`ErrorBody`](crate::ErrorBody) or [`Metadata`](crate::Metadata)
/// as it is (see [`Encode`]): the bytes of the format's own `to_vec` or `to_vec_pretty`.
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
    match (format, pretty) {
        (Format::Json, false) => json::to_vec(document),
        (Format::Json, true) => json::to_vec_pretty(document),
        (Format::Xml, false) => xml::to_vec(document),
        (Format::Xml, true) => xml::to_vec_pretty(document),
    }
}

/// Writes a document in `format` to `writer` as it is encoded, handed on in pieces of about
/// 64 KiB between embedded resources: the bytes of [`encode`], without the whole output in
/// memory. On an error, what came before it has been written (unlike `json::to_writer`, which
/// encodes in full first); [`crate::convert::convert_to_writer`] checks a document before it
/// writes it.
///
/// ```
/// use ucwa_codec::{document, Format, Resource};
///
/// let mut me = Resource::new("me");
/// me.set_self_href("/me");
/// let mut out = Vec::new();
/// document::encode_to_writer(&me, Format::Json, false, &mut out)?;
/// assert_eq!(out, document::encode(&me, Format::Json, false)?);
/// # Ok::<(), ucwa_codec::Error>(())
/// ```
pub fn encode_to_writer<D: Encode + ?Sized>(
    document: &D,
    format: Format,
    pretty: bool,
    mut writer: impl std::io::Write,
) -> Result<()> {
    let document = document.as_document();
    match format {
        Format::Json => json::write_to(document, pretty, &mut writer),
        Format::Xml => xml::write_to(document, pretty, &mut writer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DocumentKind;

    fn kind(text: &str) -> DocumentKind {
        json::from_str::<Document>(text).unwrap().kind()
    }

    #[test]
    fn errors_keep_their_position_and_path() {
        let err = json::from_str::<Document>("{\"code\": \"A\",\n \"parameters\": 3}").unwrap_err();
        assert_eq!((err.line(), err.path()), (2, "parameters"));
        let err = json::from_str::<Document>("{\"code\": \"A\",\n \"x\": [}").unwrap_err();
        assert_eq!((err.line(), err.kind()), (2, ErrorKind::Syntax));
        let err = json::from_str::<Document>("[1]").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Structure);
        let err = xml::from_str::<Document>("<reason>\n<code/><code/></reason>").unwrap_err();
        assert_eq!(err.line(), 2);
        let err = xml::from_str::<Document>("<other/>").unwrap_err();
        assert!(err.message().contains("<resource>"), "{err}");
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
