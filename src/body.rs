//! The bodies of HTTP messages, whichever HTTP library carries them: decoding one by its
//! status and `Content-Type`, answering with one in the format the request's `Accept`
//! negotiates, and the UCWA error code of each status.
//!
//! The integrations (features `http`, `axum`, `reqwest`) are this module over their types;
//! with none of them, it takes the status, the header values and the bytes.
//!
//! ```
//! use ucwa_codec::body::{self, Reply};
//! use ucwa_codec::{Format, Resource};
//!
//! // A client: a resource, or the error body of a 4xx/5xx.
//! let reply = body::decode_reply::<Resource>(
//!     200,
//!     Some("application/vnd.microsoft.com.ucwa+json; charset=utf-8"),
//!     br#"{"rel": "me", "_links": {"self": {"href": "/me"}}}"#,
//! )?;
//! assert!(matches!(reply, Reply::Document(me) if me.self_href() == Some("/me")));
//! let reply = body::decode_reply::<Resource>(
//!     409,
//!     Some("application/xml"),
//!     b"<reason><code>Conflict</code><subcode>AlreadyExists</subcode></reason>",
//! )?;
//! assert!(matches!(reply, Reply::Error(err) if err.status == 409 && err.body.code == "Conflict"));
//!
//! // A server: the document in the format the client accepts.
//! let mut me = Resource::new("me");
//! me.set_self_href("/me");
//! let answer = body::answer(200, &me, Some("application/xml"));
//! assert_eq!(answer.content_type, "application/xml; charset=utf-8");
//! assert!(String::from_utf8(answer.body).unwrap().contains(r#"<resource rel="me" href="/me""#));
//! let answer = body::answer(200, &me, Some("image/png"));
//! assert_eq!(answer.status, 406);
//! assert_eq!(answer.format, Format::Json);
//! # Ok::<(), body::BodyError>(())
//! ```
//!
//! Decisions:
//! - A body is read by the format its `Content-Type` names ([`format_of`](crate::media_type::format_of): UCWA's
//!   types, `application/json`, `application/xml`, `text/xml`, any `+json` or `+xml`), never
//!   guessed from its first byte: a non-empty body without a `Content-Type`, or with another
//!   one (`text/plain`, `multipart/batching`: see [`crate::batch`]), or with a `charset` other
//!   than UTF-8 (or US-ASCII), is [`BodyError::UnsupportedMediaType`] (a server's `415`).
//! - An empty body is no document, whatever the `Content-Type`: a request's is `None`, a
//!   response's [`Reply::Empty`] (as is every `204`, `205` and `304`).
//! - A `4xx` or `5xx` response holds an error body. When it has none, or one that is no UCWA
//!   document (a proxy's HTML page), the [`Reply::Error`] holds the error body of the status
//!   ([`status_error`]: `NotFound` for a `404`), so that every error status reads the same way.
//! - Answers are written in the format [`negotiate`] picks, with its `Content-Type` (and
//!   `charset=utf-8`). When no UCWA type is acceptable, the answer is `406` with a
//!   `NotAcceptable` error body in JSON, UCWA's default; a document that cannot be encoded
//!   (see [`ErrorKind::Unrepresentable`](crate::ErrorKind::Unrepresentable)) is `500`,
//!   `ServiceFailure`, in the negotiated format.
//!
//! The error codes are those of the reference (`ErrorCode_ref.md`, `ErrorSubcode_ref.md`,
//! the generic synchronous errors): `415` is `UnsupportedMediaType`, a body that does not
//! decode `400` `BadRequest` with the subcode `DeserializationFailure`, `406`
//! `NotAcceptable`, `404` `NotFound`, `405` `MethodNotAllowed` ([`error_code`] has them all).

use std::fmt;

use crate::document::{self, Encode};
use crate::error::Error;
use crate::media_type::{negotiate, Format, MediaType};
use crate::model::error_body::ErrorBody;
use crate::model::{Decode, DecodeOptions};
use crate::{json, xml};

/// What a response holds: a document, nothing, or the error body of an error status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply<T> {
    /// A success (or redirection) status with a document.
    Document(T),
    /// No body: a `204`, `205` or `304`, or an empty body under another success status.
    Empty,
    /// A `4xx` or `5xx` status and its error body (the status's own where the response has
    /// no UCWA body: see [`status_error`]).
    Error(StatusError),
}

impl<T> Reply<T> {
    /// The document (`None` for an empty body), or the error of an error status: `?` in a
    /// function returning `Box<dyn Error>` (or `anyhow::Result`) takes it.
    ///
    /// ```
    /// use ucwa_codec::body::{Reply, StatusError};
    /// use ucwa_codec::{ErrorBody, Resource};
    ///
    /// let reply: Reply<Resource> = Reply::Error(StatusError::new(410, ErrorBody::new("Gone")));
    /// let err = reply.into_result().unwrap_err();
    /// assert_eq!((err.status, err.body.code.as_str()), (410, "Gone"));
    /// assert_eq!(err.to_string(), "410 Gone");
    /// assert_eq!(Reply::<Resource>::Empty.into_result(), Ok(None));
    /// ```
    pub fn into_result(self) -> Result<Option<T>, StatusError> {
        match self {
            Reply::Document(document) => Ok(Some(document)),
            Reply::Empty => Ok(None),
            Reply::Error(err) => Err(err),
        }
    }

    /// The document, if the reply holds one.
    pub fn document(self) -> Option<T> {
        match self {
            Reply::Document(document) => Some(document),
            _ => None,
        }
    }
}

/// An error status and its error body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusError {
    /// The status code, `400` to `599`.
    pub status: u16,
    /// The error body (boxed: it is large, and errors are the rare path).
    pub body: Box<ErrorBody>,
}

impl StatusError {
    /// The error of `status` with `body`.
    pub fn new(status: u16, body: ErrorBody) -> StatusError {
        StatusError {
            status,
            body: Box::new(body),
        }
    }
}

impl fmt::Display for StatusError {
    /// The status, then the body: `409 Conflict/AlreadyExists: The resource already exists.`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status, self.body)
    }
}

impl std::error::Error for StatusError {}

/// Why a body is no UCWA document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyError {
    /// A body without a `Content-Type`, or with one that names no UCWA format (or a
    /// `charset` other than UTF-8): a `415 Unsupported Media Type` from a server.
    UnsupportedMediaType {
        /// The `Content-Type` value, as sent (`None` when there was none).
        content_type: Option<String>,
    },
    /// The body does not decode in the format its `Content-Type` names, or is a document of
    /// another kind than the one asked for: a `400 Bad Request` from a server.
    Decode(Error),
}

impl BodyError {
    /// The status a server answers it with: `415` or `400`.
    pub fn status(&self) -> u16 {
        match self {
            BodyError::UnsupportedMediaType { .. } => 415,
            BodyError::Decode(_) => 400,
        }
    }

    /// The error body a server answers it with: `UnsupportedMediaType`, or `BadRequest` with
    /// the subcode `DeserializationFailure`, each with this error as its message.
    ///
    /// ```
    /// use ucwa_codec::body::{self, BodyError};
    /// use ucwa_codec::Resource;
    ///
    /// let err = body::decode::<Resource>(Some("application/json"), b"{\"rel\": ").unwrap_err();
    /// assert_eq!(err.status(), 400);
    /// let answer = err.error_body();
    /// assert_eq!((answer.code.as_str(), answer.subcode.as_deref()), ("BadRequest", Some("DeserializationFailure")));
    /// ```
    pub fn error_body(&self) -> ErrorBody {
        let body = match self {
            BodyError::UnsupportedMediaType { .. } => ErrorBody::new("UnsupportedMediaType"),
            BodyError::Decode(_) => {
                ErrorBody::new("BadRequest").with_subcode("DeserializationFailure")
            }
        };
        body.with_message(self.to_string())
    }
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::UnsupportedMediaType { content_type: None } => f.write_str(
                "the body has no Content-Type: send application/vnd.microsoft.com.ucwa+json \
                 or application/vnd.microsoft.com.ucwa+xml",
            ),
            BodyError::UnsupportedMediaType {
                content_type: Some(value),
            } => write!(
                f,
                "`Content-Type: {value}` is no UCWA format: send \
                 application/vnd.microsoft.com.ucwa+json or application/vnd.microsoft.com.ucwa+xml \
                 (UTF-8)"
            ),
            BodyError::Decode(err) => write!(f, "the body does not decode: {err}"),
        }
    }
}

impl std::error::Error for BodyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BodyError::Decode(err) => Some(err),
            BodyError::UnsupportedMediaType { .. } => None,
        }
    }
}

impl From<Error> for BodyError {
    fn from(err: Error) -> BodyError {
        BodyError::Decode(err)
    }
}

/// The format a `Content-Type` value names, with a UTF-8 (or absent) charset.
fn body_format(content_type: Option<&str>) -> Result<Format, BodyError> {
    let unsupported = || BodyError::UnsupportedMediaType {
        content_type: content_type.map(str::to_owned),
    };
    let media = content_type
        .and_then(|value| MediaType::parse(value).ok())
        .ok_or_else(unsupported)?;
    let utf8 = media.parameter("charset").is_none_or(|charset| {
        ["utf-8", "utf8", "us-ascii"]
            .iter()
            .any(|c| charset.eq_ignore_ascii_case(c))
    });
    match media.format() {
        Some(format) if utf8 => Ok(format),
        _ => Err(unsupported()),
    }
}

/// Decodes a request body by its `Content-Type`: `None` for an empty body.
///
/// ```
/// use ucwa_codec::body::{self, BodyError};
/// use ucwa_codec::Resource;
///
/// let text = body::decode::<Resource>(Some("application/vnd.microsoft.com.ucwa+xml"),
///     br#"<input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><property name="importance">Normal</property></input>"#)?;
/// assert_eq!(text.unwrap().property("importance").and_then(|v| v.as_str()), Some("Normal"));
/// assert_eq!(body::decode::<Resource>(None, b"")?, None);
/// assert!(matches!(
///     body::decode::<Resource>(Some("text/plain"), b"Hi"),
///     Err(BodyError::UnsupportedMediaType { .. })
/// ));
/// # Ok::<(), BodyError>(())
/// ```
pub fn decode<T: Decode>(content_type: Option<&str>, bytes: &[u8]) -> Result<Option<T>, BodyError> {
    decode_with(content_type, bytes, &DecodeOptions::default())
}

/// [`decode`], keeping to `options`' limits.
pub fn decode_with<T: Decode>(
    content_type: Option<&str>,
    bytes: &[u8],
    options: &DecodeOptions,
) -> Result<Option<T>, BodyError> {
    if bytes.is_empty() {
        return Ok(None);
    }
    let document = match body_format(content_type)? {
        Format::Json => json::from_slice_with::<T>(bytes, options)?,
        Format::Xml => xml::from_slice_with::<T>(bytes, options)?,
    };
    Ok(Some(document))
}

/// Decodes a response body by its status and `Content-Type`: the document of a success, the
/// error body of a `4xx` or `5xx` (see the [module](self)'s decisions).
pub fn decode_reply<T: Decode>(
    status: u16,
    content_type: Option<&str>,
    bytes: &[u8],
) -> Result<Reply<T>, BodyError> {
    decode_reply_with(status, content_type, bytes, &DecodeOptions::default())
}

/// [`decode_reply`], keeping to `options`' limits.
///
/// ```
/// use ucwa_codec::body::{self, Reply};
/// use ucwa_codec::Resource;
///
/// // An error status without a UCWA body: the status's own error body.
/// let reply = body::decode_reply::<Resource>(502, Some("text/html"), b"<html>Bad gateway</html>")?;
/// assert!(matches!(reply, Reply::Error(err) if err.status == 502 && err.body.code == "ServiceFailure"));
/// assert_eq!(body::decode_reply::<Resource>(204, None, b"")?, Reply::Empty);
/// // A success must be a UCWA document, of the kind asked for.
/// assert!(body::decode_reply::<Resource>(200, Some("text/html"), b"<html/>").is_err());
/// assert!(body::decode_reply::<Resource>(200, Some("application/json"), br#"{"code": "Gone"}"#).is_err());
/// # Ok::<(), body::BodyError>(())
/// ```
pub fn decode_reply_with<T: Decode>(
    status: u16,
    content_type: Option<&str>,
    bytes: &[u8],
    options: &DecodeOptions,
) -> Result<Reply<T>, BodyError> {
    if status >= 400 {
        let body = match body_format(content_type) {
            _ if bytes.is_empty() => None,
            Ok(format) => Some(match format {
                Format::Json => json::from_slice_with::<ErrorBody>(bytes, options)?,
                Format::Xml => xml::from_slice_with::<ErrorBody>(bytes, options)?,
            }),
            Err(_) => None,
        };
        let body = body.unwrap_or_else(|| status_error(status));
        return Ok(Reply::Error(StatusError::new(status, body)));
    }
    if matches!(status, 204 | 205 | 304) {
        return Ok(Reply::Empty);
    }
    Ok(match decode_with::<T>(content_type, bytes, options)? {
        Some(document) => Reply::Document(document),
        None => Reply::Empty,
    })
}

/// A response body to send: the status, the `Content-Type` value and the bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The status: the one asked for, or `406` (no acceptable format), or `500` (the
    /// document could not be encoded).
    pub status: u16,
    /// The format written.
    pub format: Format,
    /// The `Content-Type` value, e.g. `application/vnd.microsoft.com.ucwa+json; charset=utf-8`.
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
}

/// The answer of a server: `document` in the format the request's `Accept` value (`None`
/// when it has none) negotiates, under `status`; `406` with a `NotAcceptable` error body in
/// JSON when no UCWA format is acceptable. A response built from it should carry
/// `Vary: Accept`, as the integrations' do.
pub fn answer<D: Encode + ?Sized>(status: u16, document: &D, accept: Option<&str>) -> Answer {
    let negotiated = match negotiate(accept) {
        Ok(negotiated) => negotiated,
        Err(refused) => {
            let body = status_error(406).with_message(refused.to_string());
            return error_answer(406, &body, Format::Json);
        }
    };
    match document::encode(document, negotiated.format, false) {
        Ok(body) => Answer {
            status,
            format: negotiated.format,
            content_type: negotiated.content_type(),
            body,
        },
        Err(_) => {
            let body = status_error(500).with_message("the response could not be encoded");
            error_answer(500, &body, negotiated.format)
        }
    }
}

/// The answer of a server that fails: the error body under `status`, in the format the
/// request's `Accept` value negotiates, or in JSON (UCWA's default) when none is acceptable
/// (an error stays the error it is, not a `406`).
///
/// ```
/// use ucwa_codec::body;
/// use ucwa_codec::Format;
///
/// let answer = body::answer_error(404, &body::status_error(404), Some("text/html"));
/// assert_eq!((answer.status, answer.format), (404, Format::Json));
/// assert_eq!(answer.body, br#"{"code":"NotFound"}"#);
/// ```
pub fn answer_error(status: u16, body: &ErrorBody, accept: Option<&str>) -> Answer {
    let format = error_format(accept);
    let mut answer = error_answer(status, body, format);
    if let Ok(negotiated) = negotiate(accept) {
        answer.content_type = negotiated.content_type();
    }
    answer
}

/// An error body in `format`, with UCWA's media type of it.
fn error_answer(status: u16, body: &ErrorBody, format: Format) -> Answer {
    // An error body of a code and a message always encodes; the fallback keeps this total.
    let bytes = document::encode(body, format, false).unwrap_or_else(|_| match format {
        Format::Json => br#"{"code":"ServiceFailure"}"#.to_vec(),
        Format::Xml => b"<reason xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\"><code>ServiceFailure</code></reason>".to_vec(),
    });
    Answer {
        status,
        format,
        content_type: format!("{}; charset=utf-8", format.media_type()),
        body: bytes,
    }
}

/// The format to write an error in, given the request's `Accept`: the negotiated one, or
/// JSON (UCWA's default) when none is acceptable.
pub fn error_format(accept: Option<&str>) -> Format {
    negotiate(accept).map_or(Format::Json, |n| n.format)
}

/// The UCWA error code of an HTTP status (`ErrorCode_ref.md`), `None` for a status no code
/// names.
///
/// | status | code |
/// | --- | --- |
/// | 400 | `BadRequest` |
/// | 403 | `Forbidden` |
/// | 404 | `NotFound` |
/// | 405 | `MethodNotAllowed` |
/// | 406 | `NotAcceptable` |
/// | 408 | `Timeout` |
/// | 409 | `Conflict` |
/// | 410 | `Gone` |
/// | 412 | `PreconditionFailed` |
/// | 413 | `EntityTooLarge` |
/// | 415 | `UnsupportedMediaType` |
/// | 428 | `PreconditionRequired` |
/// | 429 | `TooManyRequests` |
/// | 500 | `ServiceFailure` |
/// | 503 | `ServiceUnavailable` |
/// | 504 | `GatewayTimeout` |
pub fn error_code(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "BadRequest",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "Timeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "EntityTooLarge",
        415 => "UnsupportedMediaType",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        500 => "ServiceFailure",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return None,
    })
}

/// The error body of a status: its [`error_code`], or `BadRequest` for another `4xx` and
/// `ServiceFailure` for another status; no subcode, no message.
///
/// ```
/// use ucwa_codec::body::status_error;
/// assert_eq!(status_error(405).code, "MethodNotAllowed");
/// assert_eq!(status_error(418).code, "BadRequest");
/// assert_eq!(status_error(502).code, "ServiceFailure");
/// ```
pub fn status_error(status: u16) -> ErrorBody {
    let code = error_code(status).unwrap_or(if (400..500).contains(&status) {
        "BadRequest"
    } else {
        "ServiceFailure"
    });
    ErrorBody::new(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Resource};

    #[test]
    fn charsets_other_than_utf8_are_refused() {
        let json = br#"{"rel": "me"}"#;
        assert!(decode::<Resource>(Some("application/json; charset=UTF-8"), json).is_ok());
        assert!(decode::<Resource>(Some("application/json;charset=us-ascii"), json).is_ok());
        let err = decode::<Resource>(Some("application/json; charset=iso-8859-1"), json);
        assert_eq!(err.unwrap_err().status(), 415);
        assert_eq!(decode::<Resource>(None, json).unwrap_err().status(), 415);
        assert_eq!(
            decode::<Resource>(Some("nonsense"), json)
                .unwrap_err()
                .status(),
            415
        );
    }

    #[test]
    fn error_statuses_give_error_bodies() {
        let reply = decode_reply::<Document>(404, None, b"").unwrap();
        assert_eq!(
            reply,
            Reply::Error(StatusError::new(404, ErrorBody::new("NotFound")))
        );
        // A UCWA body under an error status must be an error body.
        let err = decode_reply::<Resource>(500, Some("application/json"), br#"{"rel": "me"}"#);
        assert_eq!(err.unwrap_err().status(), 400);
        // A success's empty body, whatever its Content-Type.
        assert_eq!(
            decode_reply::<Resource>(200, Some("application/json"), b"").unwrap(),
            Reply::Empty
        );
        assert_eq!(
            decode_reply::<Resource>(304, None, b"junk").unwrap(),
            Reply::Empty
        );
    }

    #[test]
    fn answers_fall_back_to_json_errors() {
        let me = Resource::new("me");
        let answer = answer(201, &me, None);
        assert_eq!(
            (answer.status, answer.content_type.as_str()),
            (
                201,
                "application/vnd.microsoft.com.ucwa+json; charset=utf-8"
            )
        );
        let refused = super::answer(200, &me, Some("text/html"));
        assert_eq!(refused.status, 406);
        let body = json::from_slice::<ErrorBody>(&refused.body).unwrap();
        assert_eq!(body.code, "NotAcceptable");
        assert!(body.message.unwrap().contains("`Accept: text/html`"));
        assert_eq!(error_format(Some("text/xml")), Format::Xml);
        assert_eq!(error_format(Some("image/png")), Format::Json);
    }
}
