//! UCWA in an [`axum`] server (feature `axum`): the [`Ucwa`] extractor decodes a request body
//! by its `Content-Type`, and the [`Negotiate`] extractor answers in the format the request's
//! `Accept` negotiates.
//!
//! ```
//! use axum::http::StatusCode;
//! use axum::response::Response;
//! use axum::routing::post;
//! use axum::Router;
//! use ucwa_codec::axum::{Negotiate, Ucwa};
//! use ucwa_codec::Resource;
//!
//! // POST /ucwa/v1/applications, in JSON or XML, answered in the format the client accepts.
//! async fn create(negotiate: Negotiate, Ucwa(input): Ucwa<Resource>) -> Response {
//!     let mut application = Resource::new("application");
//!     application.set_self_href("/ucwa/v1/applications/192");
//!     if let Some(culture) = input.property("culture") {
//!         application.push_property("culture", culture.clone());
//!     }
//!     negotiate.respond(StatusCode::CREATED, &application)
//! }
//!
//! let app: Router = Router::new()
//!     .route("/ucwa/v1/applications", post(create))
//!     .fallback(ucwa_codec::axum::not_found)
//!     .method_not_allowed_fallback(ucwa_codec::axum::method_not_allowed);
//! ```
//!
//! Why axum: it is the server framework most Rust HTTP services pick today (the most
//! downloaded, tokio's own), built on the `http` crate's types that the `http` feature
//! already reads, so this module is a thin layer: its extractors are `FromRequest` and
//! `FromRequestParts`, the idiom axum users know from `Json`.
//!
//! Decisions:
//! - [`Ucwa<T>`](Ucwa) refuses, before the handler runs, a body whose `Content-Type` is no
//!   UCWA format (`415`, `UnsupportedMediaType`), a body that does not decode as a `T`
//!   (`400`, `BadRequest` / `DeserializationFailure`), an empty body (`400`, the same), and a
//!   body past axum's body limit (`413`, `EntityTooLarge`; `DefaultBodyLimit` sets it, 2 MB
//!   by default). Each refusal is a UCWA error body in the format the request's `Accept`
//!   negotiates, or JSON when none is acceptable ([`Rejection`]).
//! - [`Negotiate`] refuses a request that accepts no UCWA type with `406` and a
//!   `NotAcceptable` error body in JSON before the handler runs, so that nothing is done for
//!   an answer the client cannot read. A response cannot see its request in axum
//!   (`IntoResponse` has no access to it), so the negotiation is an extractor that builds the
//!   responses: [`Negotiate::respond`], [`Negotiate::error`]. Every answer carries
//!   `Vary: Accept`.
//! - [`not_found`] and [`method_not_allowed`] are fallbacks that answer `404` (`NotFound`)
//!   and `405` (`MethodNotAllowed`) with a UCWA error body.

use std::borrow::Cow;
use std::fmt;

use ::axum::body::{Body, Bytes};
use ::axum::extract::{FromRequest, FromRequestParts, Request};
use ::axum::http::request::Parts;
use ::axum::http::{HeaderMap, StatusCode};
use ::axum::response::{IntoResponse, Response};

use crate::body::{self, status_error};
use crate::media_type::{negotiate, Format, Negotiated};
use crate::model::error_body::ErrorBody;
use crate::model::{Decode, Encode};

/// A request body decoded by its `Content-Type`, JSON or XML: a [`Resource`](crate::Resource),
/// [`Events`](crate::Events), [`ErrorBody`], [`Metadata`](crate::Metadata) or
/// [`Document`](crate::Document). An extractor of the body, so the last argument of a
/// handler; its refusals are [`Rejection`]s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ucwa<T>(pub T);

impl<S: Send + Sync, T: Decode> FromRequest<S> for Ucwa<T> {
    type Rejection = Rejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Rejection> {
        let headers = request.headers();
        let accept = crate::http::accept(headers).map(Cow::into_owned);
        let content_type = crate::http::content_type(headers).map(Cow::into_owned);
        let bytes = match Bytes::from_request(request, state).await {
            Ok(bytes) => bytes,
            Err(refused) => {
                let status = refused.status();
                let body = status_error(status.as_u16()).with_message(refused.body_text());
                return Err(Rejection::new(status, body, accept));
            }
        };
        match body::decode::<T>(content_type.as_deref(), &bytes) {
            Ok(Some(document)) => Ok(Ucwa(document)),
            Ok(None) => {
                let body = ErrorBody::new("BadRequest")
                    .with_subcode("DeserializationFailure")
                    .with_message("the request has no body: send a UCWA document");
                Err(Rejection::new(StatusCode::BAD_REQUEST, body, accept))
            }
            Err(err) => {
                let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::BAD_REQUEST);
                Err(Rejection::new(status, err.error_body(), accept))
            }
        }
    }
}

/// A refusal of [`Ucwa`] or [`Negotiate`]: a status and a UCWA error body, answered in the
/// format the request's `Accept` negotiates (JSON when none is acceptable).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    status: StatusCode,
    body: ErrorBody,
    accept: Option<String>,
}

impl Rejection {
    fn new(status: StatusCode, body: ErrorBody, accept: Option<String>) -> Rejection {
        Rejection {
            status,
            body,
            accept,
        }
    }

    /// The status answered: `400`, `406`, `413`, `415`, ...
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The error body answered.
    pub fn error_body(&self) -> &ErrorBody {
        &self.body
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.body)
    }
}

impl std::error::Error for Rejection {}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        let answer = body::answer_error(self.status.as_u16(), &self.body, self.accept.as_deref());
        crate::http::into_response(answer).map(Body::from)
    }
}

/// The format the request's `Accept` negotiates, to answer with: an extractor (of the
/// headers only, so any argument of a handler) that refuses a request accepting no UCWA
/// type with `406`, and builds the handler's responses.
///
/// ```
/// use axum::http::StatusCode;
/// use axum::response::Response;
/// use ucwa_codec::axum::Negotiate;
/// use ucwa_codec::{body, ErrorBody};
///
/// async fn gone(negotiate: Negotiate) -> Response {
///     negotiate.error(StatusCode::GONE, &ErrorBody::new("Gone").with_message("The conversation ended."))
/// }
/// # let _ = gone;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Negotiate {
    negotiated: Negotiated,
    accept: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Negotiate {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Rejection> {
        let accept = crate::http::accept(&parts.headers).map(Cow::into_owned);
        match negotiate(accept.as_deref()) {
            Ok(negotiated) => Ok(Negotiate { negotiated, accept }),
            Err(refused) => {
                let body = status_error(406).with_message(refused.to_string());
                Err(Rejection::new(StatusCode::NOT_ACCEPTABLE, body, accept))
            }
        }
    }
}

impl Negotiate {
    /// The negotiated format.
    pub fn format(&self) -> Format {
        self.negotiated.format
    }

    /// The negotiated media type and format.
    pub fn negotiated(&self) -> Negotiated {
        self.negotiated
    }

    /// A response with `document` under `status`, in the negotiated format, with its
    /// `Content-Type` and `Vary: Accept` (`500` with a `ServiceFailure` error body if the
    /// document cannot be encoded in it).
    pub fn respond<D: Encode + ?Sized>(&self, status: StatusCode, document: &D) -> Response {
        let answer = body::answer(status.as_u16(), document, self.accept.as_deref());
        crate::http::into_response(answer).map(Body::from)
    }

    /// A response with an error body under `status`, in the negotiated format.
    pub fn error(&self, status: StatusCode, body: &ErrorBody) -> Response {
        let answer = body::answer_error(status.as_u16(), body, self.accept.as_deref());
        crate::http::into_response(answer).map(Body::from)
    }
}

/// A fallback handler: `404` with a `NotFound` error body, in the format the request's
/// `Accept` negotiates (`Router::fallback(ucwa_codec::axum::not_found)`).
pub async fn not_found(headers: HeaderMap) -> Response {
    let error = status_error(404).with_message("no resource at this address");
    crate::http::error_response(StatusCode::NOT_FOUND, &error, &headers).map(Body::from)
}

/// A fallback handler: `405` with a `MethodNotAllowed` error body, in the format the
/// request's `Accept` negotiates
/// (`Router::method_not_allowed_fallback(ucwa_codec::axum::method_not_allowed)`).
pub async fn method_not_allowed(headers: HeaderMap) -> Response {
    let error = status_error(405).with_message("the resource does not take this method");
    crate::http::error_response(StatusCode::METHOD_NOT_ALLOWED, &error, &headers).map(Body::from)
}
