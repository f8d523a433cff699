//! Batches: `multipart/batching` requests and responses, several HTTP messages in one body.
//!
//! Each part of a batch is an `application/http` MIME part (`msgtype=request` or
//! `msgtype=response`): its own headers, a blank line, then a whole HTTP message. The body of
//! each message is decoded as a [`Document`] with the codec its `Content-Type` names.
//!
//! ```
//! use ucwa_codec::batch::{self, Batch, StartLine};
//! use ucwa_codec::Format;
//!
//! let body = "--0cac9abd\r\n\
//!     Content-Type: application/http; msgtype=response\r\n\
//!     \r\n\
//!     HTTP/1.1 200 OK\r\n\
//!     Content-Type: application/vnd.microsoft.com.ucwa+json; charset=utf-8\r\n\
//!     \r\n\
//!     {\"rel\":\"phone\",\"number\":\"tel:+1\",\"_links\":{\"self\":{\"href\":\"/p\"}}}\r\n\
//!     --0cac9abd--\r\n";
//! let parsed = Batch::parse(body.as_bytes(), Some("multipart/batching; boundary=\"0cac9abd\""))?;
//! assert_eq!(parsed.parts.len(), 1);
//! let message = &parsed.parts[0].message;
//! assert!(matches!(message.start_line, StartLine::Response { status: 200, .. }));
//! let phone = message.document.as_ref().and_then(|d| d.as_resource()).unwrap();
//! assert_eq!(phone.type_name(), Some("phone"));
//! // Unchanged, it is written back as it was read.
//! assert_eq!(parsed.to_vec()?, body.as_bytes());
//!
//! // Every body to XML, its Content-Type following.
//! let xml = batch::convert(body.as_bytes(), None, Format::Xml)?;
//! let xml = String::from_utf8(xml).unwrap();
//! assert!(xml.contains("Content-Type: application/vnd.microsoft.com.ucwa+xml; charset=utf-8\r\n\r\n<?xml"));
//! # Ok::<(), ucwa_codec::Error>(())
//! ```
//!
//! Reading:
//! - The boundary comes from the `Content-Type` given (quoted or not), or else from the
//!   body's first line, which must then be `--boundary`.
//! - Lines end in CRLF or LF (the first boundary line's ending is kept for writing). A
//!   boundary line may carry trailing blanks. Only blank lines may come before the first
//!   boundary line; anything after the closing `--boundary--` is kept as it is.
//! - Each part: MIME headers, a blank line, then the HTTP message (start line, headers, blank
//!   line, body), parsed with `httparse`. A message without a body may end without the blank
//!   line. The body runs to the line end before the next boundary line; a UTF-8 byte-order
//!   mark before it is tolerated.
//! - A body whose `Content-Type` is JSON or XML (see [`crate::media_type`]) and that is not
//!   blank is decoded as a [`Document`]; other bodies are kept as bytes only.
//! - A malformed part is an error that names the part (`part 2: ...`) and the line and column
//!   in the whole input; an error in a body keeps the body's document path.
//! - `Content-Length` headers are kept as written and not checked (the documentation's own
//!   examples are off); converting rewrites those of what it changes.
//! - A part or message with two `Content-Type` or two `Content-Length` headers is refused, an
//!   error naming the header: which would tell the body's format or end, and which would a
//!   conversion rewrite?

mod diff;
pub(crate) mod parse;

use std::fmt;

use crate::convert::{self, ConvertOptions};
use crate::document;
use crate::error::{Error, ErrorKind, Result, Warning};
use crate::media_type::{self, Format};
use crate::model::{DecodeOptions, Document, Str};

pub use diff::diff;
pub use parse::{parse_message, parse_message_with};

/// Whether `line` (without its line end) is an HTTP/1.x start line: a request line
/// (`METHOD target HTTP/1.1`, the method a token) or a status line (`HTTP/1.1 200 OK`). XML
/// or JSON whose first line ends in ` HTTP/1.1` is none.
///
/// ```
/// use ucwa_codec::batch::is_start_line;
///
/// assert!(is_start_line(b"GET /ucwa/v1/applications HTTP/1.1"));
/// assert!(is_start_line(b"HTTP/1.1 200 OK"));
/// assert!(!is_start_line(b"<resource href=\"/x\"> HTTP/1.1"));
/// ```
pub fn is_start_line(line: &[u8]) -> bool {
    parse::is_start_line(line)
}

/// A header: name and value as written (the value without surrounding blanks).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Header {
    /// The name.
    pub name: Str,
    /// The value.
    pub value: Str,
}

impl Header {
    /// A header.
    pub fn new(name: impl Into<Str>, value: impl Into<Str>) -> Header {
        Header {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// The value of the first header of that name (compared case-insensitively).
pub fn header<'a>(headers: &'a [Header], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

/// Sets the first header of that name and removes any other of that name (so that none is
/// left stale beside it), or appends one.
pub fn set_header(headers: &mut Vec<Header>, name: &str, value: impl Into<Str>) {
    let mut value = Some(value.into());
    headers.retain_mut(|h| {
        if !h.name.eq_ignore_ascii_case(name) {
            return true;
        }
        match value.take() {
            Some(value) => {
                h.value = value;
                true
            }
            None => false,
        }
    });
    if let Some(value) = value {
        headers.push(Header::new(name, value));
    }
}

/// How lines end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LineEnd {
    /// `\r\n`, as HTTP and MIME want.
    #[default]
    CrLf,
    /// `\n`.
    Lf,
}

impl LineEnd {
    /// The bytes.
    pub fn as_bytes(self) -> &'static [u8] {
        match self {
            LineEnd::CrLf => b"\r\n",
            LineEnd::Lf => b"\n",
        }
    }
}

/// The first line of an HTTP message.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum StartLine {
    /// `METHOD target HTTP/1.x`
    Request {
        /// The method, e.g. `GET`.
        method: Str,
        /// The request target, e.g. `/ucwa/v1/applications/1/me`.
        target: Str,
        /// The minor version: 1 for HTTP/1.1.
        version: u8,
    },
    /// `HTTP/1.x status reason`
    Response {
        /// The minor version: 1 for HTTP/1.1.
        version: u8,
        /// The status code.
        status: u16,
        /// The reason phrase (may be empty).
        reason: Str,
    },
}

impl fmt::Display for StartLine {
    /// `METHOD target HTTP/1.x`, or `HTTP/1.x status reason` (no trailing space without a
    /// reason).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartLine::Request {
                method,
                target,
                version,
            } => write!(f, "{method} {target} HTTP/1.{version}"),
            StartLine::Response {
                version,
                status,
                reason,
            } if reason.is_empty() => write!(f, "HTTP/1.{version} {status:03}"),
            StartLine::Response {
                version,
                status,
                reason,
            } => write!(f, "HTTP/1.{version} {status:03} {reason}"),
        }
    }
}

/// An HTTP message: start line, headers and body; the body decoded when it is a UCWA
/// document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HttpMessage {
    /// The start line.
    pub start_line: StartLine,
    /// The headers, in order.
    pub headers: Vec<Header>,
    /// The body's bytes: what is written.
    pub body: Vec<u8>,
    /// The body decoded, when its `Content-Type` is JSON or XML and it is not blank. Keep it
    /// in step with `body` with [`HttpMessage::set_document`].
    pub document: Option<Document>,
    /// Why the body did not decode, when its `Content-Type` is JSON or XML but it is no UCWA
    /// document in that format (the position is in the whole input read). The message is
    /// kept, its body as written.
    pub body_error: Option<Error>,
    /// How the message's lines end.
    pub line_end: LineEnd,
}

impl HttpMessage {
    /// A message with no header and no body.
    pub fn new(start_line: StartLine) -> HttpMessage {
        HttpMessage {
            start_line,
            headers: Vec::new(),
            body: Vec::new(),
            document: None,
            body_error: None,
            line_end: LineEnd::CrLf,
        }
    }

    /// The value of the first header of that name (compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// Sets the first header of that name and removes the others, or appends one.
    pub fn set_header(&mut self, name: &str, value: impl Into<Str>) {
        set_header(&mut self.headers, name, value);
    }

    /// The format the `Content-Type` header names.
    pub fn format(&self) -> Option<Format> {
        self.header("Content-Type").and_then(media_type::format_of)
    }

    /// Sets the body to `document` encoded in `format`, and the `Content-Type` header to that
    /// format (its other parameters kept), and `Content-Length` when the message has one.
    pub fn set_document(&mut self, document: Document, format: Format, pretty: bool) -> Result<()> {
        let body = document::encode(&document, format, pretty)?;
        self.set_body(document, body, format);
        Ok(())
    }

    /// Sets the body to `body`, `document` encoded in `format`, and the headers that say so.
    fn set_body(&mut self, document: Document, body: Vec<u8>, format: Format) {
        self.body = match format {
            Format::Xml => without_dash_lines(body),
            Format::Json => body,
        };
        self.document = Some(document);
        self.body_error = None;
        let content_type = match self.header("Content-Type") {
            Some(old) => {
                media_type::convert(old, format).unwrap_or_else(|| format.media_type().to_owned())
            }
            None => format.media_type().to_owned(),
        };
        self.set_header("Content-Type", content_type);
        if self.header("Content-Length").is_some() {
            self.set_header("Content-Length", self.body.len().to_string());
        }
    }

    /// The message as bytes: start line, headers, blank line, body.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256 + self.body.len());
        self.write_to(&mut out);
        out
    }

    /// Appends the message's bytes to `out`.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        let eol = self.line_end.as_bytes();
        out.extend_from_slice(self.start_line.to_string().as_bytes());
        out.extend_from_slice(eol);
        write_headers(out, &self.headers, eol);
        out.extend_from_slice(eol);
        out.extend_from_slice(&self.body);
    }
}

fn write_headers(out: &mut Vec<u8>, headers: &[Header], eol: &[u8]) {
    for header in headers {
        out.extend_from_slice(header.name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(header.value.as_bytes());
        out.extend_from_slice(eol);
    }
}

/// One part of a batch: its MIME headers and the HTTP message it holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Part {
    /// The part's own headers (`Content-Type: application/http; msgtype=request`, ...).
    pub headers: Vec<Header>,
    /// The HTTP message.
    pub message: HttpMessage,
}

impl Part {
    /// A part holding `message`, with the `Content-Type` its start line calls for.
    pub fn new(message: HttpMessage) -> Part {
        let msgtype = match message.start_line {
            StartLine::Request { .. } => "request",
            StartLine::Response { .. } => "response",
        };
        Part {
            headers: vec![Header::new(
                "Content-Type",
                format!("{}; msgtype={msgtype}", media_type::APPLICATION_HTTP),
            )],
            message,
        }
    }

    /// The value of the first part header of that name (compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

/// A batch: the parts in order, and what writing it back needs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Batch {
    /// The boundary (without the leading `--`).
    pub boundary: Str,
    /// The parts, in order.
    pub parts: Vec<Part>,
    /// How the boundary lines and part headers end.
    pub line_end: LineEnd,
    /// Blank lines before the first boundary line.
    pub preamble: Vec<u8>,
    /// What follows the closing boundary line's `--boundary--`, its line end included.
    pub epilogue: Vec<u8>,
}

impl Batch {
    /// An empty batch with this boundary, CRLF line ends.
    pub fn new(boundary: impl Into<Str>) -> Batch {
        Batch {
            boundary: boundary.into(),
            parts: Vec::new(),
            line_end: LineEnd::CrLf,
            preamble: Vec::new(),
            epilogue: b"\r\n".to_vec(),
        }
    }

    /// Reads a batch body. `content_type` is the batch's `Content-Type` value; without it,
    /// the boundary is read from the body's first line.
    ///
    /// A batch whose structure is broken (boundaries, part headers, HTTP heads) is an error; a
    /// part whose body does not decode is kept as written, with the error
    /// ([`HttpMessage::body_error`], listed by [`Batch::errors`]), so that one bad part
    /// loses no other.
    pub fn parse(body: &[u8], content_type: Option<&str>) -> Result<Batch> {
        Batch::parse_with(body, content_type, &DecodeOptions::default())
    }

    /// [`Batch::parse`], keeping to `options`' limits: `max_size` for the whole body,
    /// `max_parts` (counted as the boundary lines are read), and those of decoding each part.
    ///
    /// ```
    /// use ucwa_codec::batch::Batch;
    /// use ucwa_codec::{DecodeOptions, ErrorKind};
    ///
    /// let body = b"--b\r\n\r\nGET /a HTTP/1.1\r\n--b\r\n\r\nGET /b HTTP/1.1\r\n--b--\r\n";
    /// assert_eq!(Batch::parse(body, None)?.parts.len(), 2);
    /// let err = Batch::parse_with(body, None, &DecodeOptions::new().with_max_parts(1)).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Limit);
    /// assert_eq!(err.to_string(), "more than 1 parts in the batch (max_parts) at line 4, column 1");
    /// # Ok::<(), ucwa_codec::Error>(())
    /// ```
    pub fn parse_with(
        body: &[u8],
        content_type: Option<&str>,
        options: &DecodeOptions,
    ) -> Result<Batch> {
        options.check_size(body.len())?;
        parse::parse_body(
            &crate::error::Source::new(body),
            0,
            body,
            content_type,
            options,
        )
    }

    /// Why each part whose body did not decode did not, in order (the message names the
    /// part: `part 2: ...`).
    pub fn errors(&self) -> impl Iterator<Item = &Error> {
        self.parts
            .iter()
            .filter_map(|p| p.message.body_error.as_ref())
    }

    /// The batch's `Content-Type` value: `multipart/batching; boundary="..."`.
    pub fn content_type(&self) -> String {
        format!(
            "{}; boundary=\"{}\"",
            media_type::MULTIPART_BATCHING,
            self.boundary
        )
    }

    /// The batch body as bytes.
    ///
    /// A part that holds a line its reader would take for a boundary line (`--boundary`,
    /// which a hand-built body may hold), or a header with a line end in its name or value,
    /// is refused (kind `Unrepresentable`, naming the part): written, it would be read as
    /// other parts than it is. What [`Batch::parse`] and [`Batch::convert`] give never holds
    /// one.
    pub fn to_vec(&self) -> Result<Vec<u8>> {
        let eol = self.line_end.as_bytes();
        let dash_boundary = format!("--{}", self.boundary).into_bytes();
        let mut out = Vec::with_capacity(1024);
        out.extend_from_slice(&self.preamble);
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(eol);
            }
            out.extend_from_slice(b"--");
            out.extend_from_slice(self.boundary.as_bytes());
            out.extend_from_slice(eol);
            let start = out.len();
            write_headers(&mut out, &part.headers, eol);
            out.extend_from_slice(eol);
            part.message.write_to(&mut out);
            if let Some(why) = smuggled(&out[start..], &dash_boundary, part) {
                return Err(in_part(i, &Error::new(ErrorKind::Unrepresentable, why)));
            }
        }
        if !self.parts.is_empty() {
            out.extend_from_slice(eol);
        }
        out.extend_from_slice(b"--");
        out.extend_from_slice(self.boundary.as_bytes());
        out.extend_from_slice(b"--");
        out.extend_from_slice(&self.epilogue);
        Ok(out)
    }

    /// Converts the body of every part that holds a document to `to`, as
    /// [`convert::convert_document`] does, rewriting its `Content-Type` and, where present,
    /// the message's and the part's `Content-Length`. Other parts are left as they are, and so
    /// is a part that cannot be converted: its error is among those returned (after those of
    /// the parts that did not decode, [`Batch::errors`]), and every other part is still
    /// converted. Warnings and errors name their part (`part 2: ...`).
    pub fn convert(&mut self, to: Format, options: &ConvertOptions) -> BatchConversion {
        let mut outcome = BatchConversion {
            warnings: Vec::new(),
            errors: self.errors().cloned().collect(),
        };
        for (i, part) in self.parts.iter_mut().enumerate() {
            let Some(doc) = part.message.document.as_ref() else {
                continue;
            };
            let Some(from) = part.message.format() else {
                continue;
            };
            let converted = match convert::convert_document(doc.clone(), from, to, options) {
                Ok(converted) => converted,
                Err(err) => {
                    outcome.errors.push(in_part(i, &err));
                    continue;
                }
            };
            for warning in converted.warnings {
                let message = format!("part {}: {}", i + 1, warning.message);
                outcome.warnings.push(Warning::new(warning.path, message));
            }
            part.message
                .set_body(converted.document, converted.bytes, to);
            if part.header("Content-Length").is_some() {
                let length = part.message.to_vec().len();
                set_header(&mut part.headers, "Content-Length", length.to_string());
            }
        }
        outcome
    }

    /// Every part's document (`None` for parts without one), in order.
    pub fn documents(&self) -> impl Iterator<Item = Option<&Document>> {
        self.parts.iter().map(|p| p.message.document.as_ref())
    }
}

/// Why a written part would not read back as itself: a line of it is a boundary line, or a
/// header holds a line end.
fn smuggled(written: &[u8], dash_boundary: &[u8], part: &Part) -> Option<String> {
    let headers = part.headers.iter().chain(&part.message.headers);
    if let Some(header) = headers
        .into_iter()
        .find(|h| h.name.contains(['\r', '\n']) || h.value.contains(['\r', '\n']))
    {
        return Some(format!(
            "the header `{}` holds a line end, which would end it early",
            header.name.escape_debug()
        ));
    }
    parse::lines(written)
        .any(|line| parse::delimiter(&written[line.start..line.end], dash_boundary).is_some())
        .then(|| {
            format!(
                "a line of the part is its batch's boundary line `{}`: a reader would split the \
                 part there",
                String::from_utf8_lossy(dash_boundary)
            )
        })
}

/// XML text written into a batch part with every line feed before `-` as `&#10;`: the same
/// text to an XML reader, and no line of the body can start a boundary line. (The encoders
/// write a line feed unescaped only in text; JSON writes none in strings.)
fn without_dash_lines(xml: Vec<u8>) -> Vec<u8> {
    if !xml.windows(2).any(|pair| pair == b"\n-") {
        return xml;
    }
    let mut out = Vec::with_capacity(xml.len() + 64);
    for (i, &byte) in xml.iter().enumerate() {
        if byte == b'\n' && xml.get(i + 1) == Some(&b'-') {
            out.extend_from_slice(b"&#10;");
        } else {
            out.push(byte);
        }
    }
    out
}

/// What [`Batch::convert`] did not do cleanly.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BatchConversion {
    /// The warnings of the parts' conversions.
    pub warnings: Vec<Warning>,
    /// The parts that did not decode or could not be converted, and why; those parts are
    /// left as written.
    pub errors: Vec<Error>,
}

/// The error of part `index` (0-based), its message prefixed with `part N: ` (1-based).
pub(crate) fn in_part(index: usize, err: &Error) -> Error {
    let mut out = Error::new(err.kind(), format!("part {}: {}", index + 1, err.message()))
        .with_path(err.path().to_owned());
    if let Some(position) = err.position() {
        out = out.with_position(position);
    }
    out
}

/// Reads a batch, converts every part's document to `to` (compact) with the headers that
/// describe it, and writes the batch back. The first part that does not decode or cannot be
/// converted is an error; [`Batch::parse`] and [`Batch::convert`] give each part its own.
///
/// `bytes` is a batch body, whose boundary `content_type` gives or whose first line shows;
/// or, when `content_type` is `None` and `bytes` do not start with `--`, a whole HTTP message
/// (request or response) whose `Content-Type` is `multipart/batching`: then its
/// `Content-Length` is rewritten too.
pub fn convert(bytes: &[u8], content_type: Option<&str>, to: Format) -> Result<Vec<u8>> {
    convert_with(bytes, content_type, to, false)
}

/// [`convert()`], with the bodies written indented.
pub fn convert_pretty(bytes: &[u8], content_type: Option<&str>, to: Format) -> Result<Vec<u8>> {
    convert_with(bytes, content_type, to, true)
}

fn convert_with(
    bytes: &[u8],
    content_type: Option<&str>,
    to: Format,
    pretty: bool,
) -> Result<Vec<u8>> {
    let options = ConvertOptions::default().pretty(pretty);
    let convert = |batch: &mut Batch| match batch.convert(to, &options).errors.into_iter().next() {
        Some(err) => Err(err),
        None => Ok(()),
    };
    if content_type.is_some() || parse::starts_with_boundary(bytes) {
        let mut batch = Batch::parse(bytes, content_type)?;
        convert(&mut batch)?;
        return batch.to_vec();
    }
    let (mut message, mut batch) = parse_message(bytes)?;
    convert(&mut batch)?;
    write_message(&mut message, &batch)
}

/// Writes a whole HTTP message whose body is `batch`: the body replaced by the batch's
/// bytes, `Content-Length` rewritten where present.
pub fn write_message(message: &mut HttpMessage, batch: &Batch) -> Result<Vec<u8>> {
    message.body = batch.to_vec()?;
    message.document = None;
    if message.header("Content-Length").is_some() {
        message.set_header("Content-Length", message.body.len().to_string());
    }
    Ok(message.to_vec())
}

/// Whether a media type is a batch's (`multipart/batching`, or any `multipart/`).
pub fn is_batch(content_type: &str) -> bool {
    media_type::MediaType::parse(content_type)
        .is_ok_and(|m| m.type_.eq_ignore_ascii_case("multipart"))
}
