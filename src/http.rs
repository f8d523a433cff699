//! UCWA over the [`http`] crate's messages (feature `http`): decoding a request or
//! response by its `Content-Type`, answering with the format the request's `Accept`
//! negotiates, and resolving hrefs against the server's base URL (with [`url`]).
//!
//! ```
//! use http::{header, Request, Response, StatusCode};
//! use ucwa_codec::body::Reply;
//! use ucwa_codec::{Format, Resource};
//!
//! // A server: read the request's body, answer in the format its Accept asks for.
//! let request = Request::post("/ucwa/v1/applications")
//!     .header(header::CONTENT_TYPE, "application/json")
//!     .header(header::ACCEPT, "application/vnd.microsoft.com.ucwa+xml")
//!     .body(br#"{"culture": "en-US", "endpointId": "44a", "userAgent": "trial"}"#.to_vec())?;
//! let input = ucwa_codec::http::decode_request::<Resource>(&request)?.expect("a body");
//! assert_eq!(input.property("culture").and_then(|v| v.as_str()), Some("en-US"));
//!
//! let mut application = Resource::new("application");
//! application.set_self_href("/ucwa/v1/applications/192");
//! let response = ucwa_codec::http::response(StatusCode::CREATED, &application, request.headers());
//! assert_eq!(response.status(), StatusCode::CREATED);
//! assert_eq!(response.headers()[header::CONTENT_TYPE], "application/vnd.microsoft.com.ucwa+xml; charset=utf-8");
//! assert_eq!(response.headers()[header::VARY], "accept");
//!
//! // A client: the resource, or the error body of an error status.
//! match ucwa_codec::http::decode_response::<Resource>(&response)? {
//!     Reply::Document(created) => assert_eq!(created.self_href(), Some("/ucwa/v1/applications/192")),
//!     Reply::Empty => unreachable!("a 201 with a body"),
//!     Reply::Error(err) => panic!("{err}"),
//! }
//! let gone = Response::builder()
//!     .status(StatusCode::GONE)
//!     .header(header::CONTENT_TYPE, "application/json")
//!     .body(r#"{"code": "Gone", "message": "The application was deleted."}"#)?;
//! let reply = ucwa_codec::http::decode_response::<Resource>(&gone)?;
//! assert_eq!(reply.into_result().unwrap_err().body.code, "Gone");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The decisions are [`body`]'s, whose functions these are over `http`'s types:
//! the `Content-Type` names the format (an absent or other one is
//! [`BodyError::UnsupportedMediaType`]); an error status gives an error body; an answer is
//! written in the negotiated format, with `Vary: Accept`, and a `406` with a `NotAcceptable`
//! error body in JSON when no UCWA type is acceptable. A header value that is not visible
//! ASCII is read lossily (as UTF-8, bad bytes replaced), and several `Accept` headers are
//! one list.

use std::borrow::Cow;

use ::http::header::{ACCEPT, CONTENT_TYPE, VARY};
use ::http::{HeaderMap, HeaderValue, Request, Response, StatusCode};
use url::Url;

use crate::body::{self, Answer, BodyError, Reply};
use crate::model::error_body::ErrorBody;
use crate::model::{Decode, DecodeOptions, Encode};

/// The `Content-Type` value of a message's headers (the first, where there are several).
pub fn content_type(headers: &HeaderMap) -> Option<Cow<'_, str>> {
    headers
        .get(CONTENT_TYPE)
        .map(|value| String::from_utf8_lossy(value.as_bytes()))
}

/// The `Accept` value of a request's headers: several `Accept` headers joined into one list,
/// as RFC 9110 reads them; `None` when there is none.
pub fn accept(headers: &HeaderMap) -> Option<Cow<'_, str>> {
    let mut values = headers.get_all(ACCEPT).iter();
    let first = String::from_utf8_lossy(values.next()?.as_bytes());
    let rest: Vec<Cow<'_, str>> = values
        .map(|value| String::from_utf8_lossy(value.as_bytes()))
        .collect();
    if rest.is_empty() {
        return Some(first);
    }
    let mut joined = first.into_owned();
    for value in rest {
        joined.push_str(", ");
        joined.push_str(&value);
    }
    Some(Cow::Owned(joined))
}

/// Decodes a request's body by its `Content-Type` (see [`body::decode`]): `None` for an
/// empty body.
pub fn decode_request<T: Decode>(
    request: &Request<impl AsRef<[u8]>>,
) -> Result<Option<T>, BodyError> {
    decode_request_with(request, &DecodeOptions::default())
}

/// [`decode_request`], keeping to `options`' limits.
pub fn decode_request_with<T: Decode>(
    request: &Request<impl AsRef<[u8]>>,
    options: &DecodeOptions,
) -> Result<Option<T>, BodyError> {
    let content_type = content_type(request.headers());
    body::decode_with(content_type.as_deref(), request.body().as_ref(), options)
}

/// Decodes a response's body by its status and `Content-Type` (see [`body::decode_reply`]):
/// the document, nothing, or the error body of a `4xx` or `5xx`.
pub fn decode_response<T: Decode>(
    response: &Response<impl AsRef<[u8]>>,
) -> Result<Reply<T>, BodyError> {
    decode_response_with(response, &DecodeOptions::default())
}

/// [`decode_response`], keeping to `options`' limits.
pub fn decode_response_with<T: Decode>(
    response: &Response<impl AsRef<[u8]>>,
    options: &DecodeOptions,
) -> Result<Reply<T>, BodyError> {
    let content_type = content_type(response.headers());
    body::decode_reply_with(
        response.status().as_u16(),
        content_type.as_deref(),
        response.body().as_ref(),
        options,
    )
}

/// A response with `document` under `status`, in the format the `Accept` of the request's
/// headers negotiates (see [`body::answer`]): `406 Not Acceptable` with a `NotAcceptable`
/// error body in JSON when no UCWA type is acceptable.
pub fn response<D: Encode + ?Sized>(
    status: StatusCode,
    document: &D,
    request_headers: &HeaderMap,
) -> Response<Vec<u8>> {
    let accept = accept(request_headers);
    into_response(body::answer(status.as_u16(), document, accept.as_deref()))
}

/// A response with an error body under `status`, in the format the request's `Accept`
/// negotiates, or in JSON when none is acceptable (see [`body::answer_error`]).
///
/// ```
/// use http::{header, HeaderMap, StatusCode};
/// use ucwa_codec::body::status_error;
///
/// let response = ucwa_codec::http::error_response(
///     StatusCode::NOT_FOUND,
///     &status_error(404).with_message("No such conversation."),
///     &HeaderMap::new(),
/// );
/// assert_eq!(response.status(), StatusCode::NOT_FOUND);
/// assert_eq!(response.body(), br#"{"code":"NotFound","message":"No such conversation."}"#);
/// ```
pub fn error_response(
    status: StatusCode,
    body: &ErrorBody,
    request_headers: &HeaderMap,
) -> Response<Vec<u8>> {
    let accept = accept(request_headers);
    into_response(body::answer_error(status.as_u16(), body, accept.as_deref()))
}

/// The response of an [`Answer`], with `Content-Type` and `Vary: Accept`.
pub(crate) fn into_response(answer: Answer) -> Response<Vec<u8>> {
    let mut response = Response::new(answer.body);
    *response.status_mut() =
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&answer.content_type) {
        headers.insert(CONTENT_TYPE, value);
    }
    headers.insert(VARY, HeaderValue::from_static("accept"));
    response
}

/// Resolves an href of a UCWA document against the base URL it was read from, by RFC 3986
/// ([`Url::join`]): UCWA writes hrefs as absolute paths
/// (`/ucwa/oauth/v1/applications/192/me`), to be resolved against the URL of the server that
/// sent them (the autodiscovery's `user` and `applications` links are absolute URLs, which
/// stay as they are).
///
/// ```
/// use url::Url;
/// use ucwa_codec::http::resolve;
///
/// let base = Url::parse("https://lyncweb.contoso.com/ucwa/oauth/v1/applications/192")?;
/// assert_eq!(
///     resolve(&base, "/ucwa/oauth/v1/applications/192/me/presence")?.as_str(),
///     "https://lyncweb.contoso.com/ucwa/oauth/v1/applications/192/me/presence"
/// );
/// assert_eq!(resolve(&base, "people/search?query=joe")?.as_str(),
///     "https://lyncweb.contoso.com/ucwa/oauth/v1/applications/people/search?query=joe");
/// assert_eq!(
///     resolve(&base, "https://lyncdiscover.contoso.com/Autodiscover/AutodiscoverService.svc/root/user")?.host_str(),
///     Some("lyncdiscover.contoso.com")
/// );
/// # Ok::<(), url::ParseError>(())
/// ```
pub fn resolve(base: &Url, href: &str) -> Result<Url, url::ParseError> {
    base.join(href)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Resource;

    #[test]
    fn several_accept_headers_are_one_list() {
        let mut headers = HeaderMap::new();
        assert_eq!(accept(&headers), None);
        headers.append(ACCEPT, HeaderValue::from_static("image/png"));
        assert_eq!(accept(&headers).as_deref(), Some("image/png"));
        headers.append(ACCEPT, HeaderValue::from_static("text/xml;q=0.5"));
        assert_eq!(
            accept(&headers).as_deref(),
            Some("image/png, text/xml;q=0.5")
        );
        let response = response(StatusCode::OK, &Resource::new("me"), &headers);
        assert_eq!(response.headers()[CONTENT_TYPE], "text/xml; charset=utf-8");
    }

    #[test]
    fn not_acceptable_is_a_json_406() {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("image/png"));
        let response = response(StatusCode::OK, &Resource::new("me"), &headers);
        assert_eq!(response.status(), StatusCode::NOT_ACCEPTABLE);
        assert_eq!(
            response.headers()[CONTENT_TYPE],
            "application/vnd.microsoft.com.ucwa+json; charset=utf-8"
        );
        let reply = decode_response::<Resource>(&response).unwrap();
        assert!(
            matches!(reply, Reply::Error(err) if err.status == 406 && err.body.code == "NotAcceptable")
        );
    }

    #[test]
    fn a_content_type_that_is_not_ascii_is_read_lossily() {
        let request = Request::post("/")
            .header(
                CONTENT_TYPE,
                HeaderValue::from_bytes(b"text/\xFFjson").unwrap(),
            )
            .body(b"{}".to_vec())
            .unwrap();
        let err = decode_request::<Resource>(&request).unwrap_err();
        assert!(
            matches!(&err, BodyError::UnsupportedMediaType { content_type: Some(v) } if v == "text/\u{FFFD}json"),
            "{err:?}"
        );
    }
}
