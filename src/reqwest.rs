//! UCWA with a [`reqwest`] client (feature `reqwest`): [`read`] a response into the document
//! or the error body of an error status, in one call; [`RequestBuilderExt`] sets `Accept` and
//! sends a document in the format chosen.
//!
//! ```no_run
//! # // Needs a UCWA server: the HTTP integrations' tests run this against one on loopback.
//! use ucwa_codec::body::Reply;
//! use ucwa_codec::reqwest::RequestBuilderExt;
//! use ucwa_codec::{Format, Resource};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let base = url::Url::parse("https://lyncweb.contoso.com/ucwa/oauth/v1/applications")?;
//! let mut input = Resource::default();
//! input.push_property("culture", "en-US");
//! input.push_property("endpointId", "a917c6f4-976c-4cf3-847d-cdfffa28ccdf");
//! input.push_property("userAgent", "trial");
//! let response = reqwest::Client::new()
//!     .post(base.clone())
//!     .accept_ucwa(Format::Json)
//!     .ucwa_body(&input, Format::Json)?
//!     .send()
//!     .await?;
//! match ucwa_codec::reqwest::read::<Resource>(response).await? {
//!     Reply::Document(application) => {
//!         let me = application.link("me").expect("a me link");
//!         println!("me is at {}", ucwa_codec::http::resolve(&base, &me.href)?);
//!     }
//!     Reply::Empty => println!("no body"),
//!     Reply::Error(err) => println!("refused: {err}"), // e.g. `409 Conflict/AlreadyExists`
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Decisions: [`read`] is [`body::decode_reply`] over reqwest's
//! response (the `Content-Type` names the format; an error status gives its error body, or
//! the status's own when it has none), reading the body in chunks and stopping past
//! [`DecodeOptions::max_size`] (256 MiB by default; see [`read_with`]) so that a server
//! cannot make it hold more. reqwest comes without its default features: no TLS, no HTTP/2.
//! Enable reqwest's `rustls-tls` (or `native-tls`) and `http2` features in your own
//! `Cargo.toml` to reach a real UCWA server over HTTPS; feature unification gives this
//! module the same client.

use std::fmt;

use ::reqwest::header::{ACCEPT, CONTENT_TYPE};
use ::reqwest::{RequestBuilder, Response};

use crate::body::{self, BodyError, Reply};
use crate::document;
use crate::error::Error;
use crate::media_type::Format;
use crate::model::{Decode, DecodeOptions, Encode};

/// Why a response could not be read: the transport failed (reqwest's error), or the body is
/// no UCWA document of the kind asked for.
#[derive(Debug)]
pub enum ReadError {
    /// Reading the body failed (a closed connection, a timeout, ...).
    Transport(::reqwest::Error),
    /// The body is no UCWA document: an unsupported `Content-Type`, or one that does not
    /// decode.
    Body(BodyError),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Transport(err) => write!(f, "reading the response failed: {err}"),
            ReadError::Body(err) => write!(f, "{err}"),
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Transport(err) => Some(err),
            ReadError::Body(err) => Some(err),
        }
    }
}

impl From<BodyError> for ReadError {
    fn from(err: BodyError) -> ReadError {
        ReadError::Body(err)
    }
}

/// Reads a response into a [`Reply`]: the document, nothing (a `204`, an empty body), or the
/// error body of a `4xx` or `5xx` ([`Reply::into_result`] makes that an error).
pub async fn read<T: Decode>(response: Response) -> Result<Reply<T>, ReadError> {
    read_with(response, &DecodeOptions::default()).await
}

/// [`read`], keeping to `options`' limits: reading stops at the first chunk past
/// `max_size` (or before any, when the `Content-Length` says so), an error of kind
/// [`Limit`](crate::ErrorKind::Limit).
pub async fn read_with<T: Decode>(
    mut response: Response,
    options: &DecodeOptions,
) -> Result<Reply<T>, ReadError> {
    let status = response.status().as_u16();
    let content_type = crate::http::content_type(response.headers()).map(|v| v.into_owned());
    let too_large = |len: usize| options.check_size(len).map_err(BodyError::Decode);
    if let Some(length) = response.content_length() {
        too_large(usize::try_from(length).unwrap_or(usize::MAX))?;
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Transport)? {
        too_large(bytes.len().saturating_add(chunk.len()))?;
        bytes.extend_from_slice(&chunk);
    }
    Ok(body::decode_reply_with(
        status,
        content_type.as_deref(),
        &bytes,
        options,
    )?)
}

/// UCWA's headers and bodies on a [`RequestBuilder`].
pub trait RequestBuilderExt: Sized {
    /// Sets `Accept` to the format's UCWA media type.
    fn accept_ucwa(self, format: Format) -> Self;

    /// Sets the body to `document` in `format`, and `Content-Type` to the format's UCWA
    /// media type; an error if the document cannot be written in it.
    fn ucwa_body<D: Encode + ?Sized>(self, document: &D, format: Format) -> Result<Self, Error>;
}

impl RequestBuilderExt for RequestBuilder {
    fn accept_ucwa(self, format: Format) -> RequestBuilder {
        self.header(ACCEPT, format.media_type())
    }

    fn ucwa_body<D: Encode + ?Sized>(
        self,
        document: &D,
        format: Format,
    ) -> Result<RequestBuilder, Error> {
        let bytes = document::encode(document, format, false)?;
        Ok(self
            .header(
                CONTENT_TYPE,
                format!("{}; charset=utf-8", format.media_type()),
            )
            .body(bytes))
    }
}
