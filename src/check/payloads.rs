//! The payloads in a captured file: a bare JSON or XML body, a text file of HTTP messages, a
//! HAR file, a Fiddler archive, or a batch.
//!
//! ```
//! use ucwa_codec::check::payloads::{self, CaptureKind, Direction};
//! use ucwa_codec::Format;
//!
//! let transcript = b"GET /ucwa/v1/applications/1/me HTTP/1.1\r\n\
//!     Accept: application/json\r\n\
//!     \r\n\
//!     HTTP/1.1 200 OK\r\n\
//!     Content-Type: application/json\r\n\
//!     \r\n\
//!     {\"rel\": \"me\", \"_links\": {\"self\": {\"href\": \"/me\"}}}\r\n";
//! let capture = payloads::extract("me.http", transcript);
//! assert_eq!(capture.kind, CaptureKind::Http);
//! let found: Vec<_> = capture.payloads().collect();
//! assert_eq!(found.len(), 1); // the GET has no body
//! assert_eq!(found[0].label, "message 2");
//! assert_eq!(found[0].direction, Some(Direction::Response));
//! assert_eq!(found[0].format, Format::Json);
//! assert_eq!(found[0].span.as_ref().map(|s| s.line), Some(7));
//! ```
//!
//! What a file is, from its content:
//! - **a Fiddler archive** (`.saz`) when it starts with a zip signature (`PK\x03\x04`, or
//!   `PK\x05\x06` for an empty archive): each session's request (`raw/NN_c.txt`) and
//!   response (`raw/NN_s.txt`), in session order, each read as one HTTP message and its body
//!   a payload named by its entry (`raw/03_s.txt`), positions in that entry. Feature
//!   `fiddler`; without it, one [`INVALID_CAPTURE`](super::codes::INVALID_CAPTURE) finding
//!   says this build reads none;
//! - **a batch** when its first non-blank line is a boundary line (`--boundary`): each part's
//!   body is a payload (`part 1`, `part 2`, ...);
//! - **HTTP messages** when its first non-blank line is a request line (`POST /x HTTP/1.1`)
//!   or a status line (`HTTP/1.1 200 OK`): one or more messages (`message 1`, ...), lines
//!   ending in CRLF or LF, each a start line, headers, a blank line and a body. A message's
//!   body ends where its `Content-Length` says when that is the end of the file or the start
//!   of the next message; otherwise — the reference's printed lengths are often off — at the
//!   next start line. A body that starts right after the headers with `{`, `[` or `<`,
//!   without the blank line (as the reference prints its examples), is read as the body. A
//!   message whose `Content-Type` is `multipart/batching` holds a batch: its parts' bodies
//!   are payloads (`message 1 part 2`);
//! - **a HAR file** when it is a JSON object with a `log` member (and none of a resource's
//!   `rel`, `_links`, `_embedded`): every entry's `request.postData.text` and
//!   `response.content.text` (decoded first when `content.encoding` is `base64`), their
//!   format from `mimeType` or else the `Content-Type` header (`entry 3 request`,
//!   `entry 3 response`);
//! - else **a bare body** (`body`), whose direction the file name tells when one of its
//!   dot-separated parts is `request` or `response` (as the reference's samples are named,
//!   `conversation.get.response.1.json`).
//!
//! A body is a payload when its `Content-Type` names JSON or XML (see
//! [`media_type::format_of`]) or, without a `Content-Type`, when it starts with `{`, `[` or
//! `<`; other bodies are skipped (and counted); empty bodies are no payloads. A capture that
//! does not parse is reported as an [`INVALID_CAPTURE`](super::codes::INVALID_CAPTURE)
//! finding where it fails, and reading goes on with the next message or entry.

use std::borrow::Cow;
use std::ops::Range;

use base64::Engine as _;
use serde::de;
use serde_json::value::RawValue;
use serde_json::Value as Json;

use super::findings::{codes, Finding, Skipped};
use super::CheckOptions;

mod saz;
use crate::batch::parse::{
    blank_prefix, boundary_of, delimiter, is_start_line, lines, parse_body_spans, parse_http,
    starts_with_boundary,
};
use crate::batch::{self, HttpMessage, StartLine};
use crate::error::{Error, Position, Source};
use crate::media_type::{self, Format};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How deep batches may nest (a part whose body is a batch) before the rest is not read.
const MAX_BATCH_DEPTH: usize = 4;

/// Whether a payload is the body of a request or of a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// A request's body.
    Request,
    /// A response's body.
    Response,
}

impl Direction {
    fn of(start_line: &StartLine) -> Direction {
        match start_line {
            StartLine::Request { .. } => Direction::Request,
            StartLine::Response { .. } => Direction::Response,
        }
    }

    /// The direction a file name tells: one of its dot-separated parts is `request` or
    /// `response` (case ignored), as in `conversation.get.response.1.json`.
    pub fn from_file_name(name: &str) -> Option<Direction> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        base.split('.').find_map(|part| {
            if part.eq_ignore_ascii_case("request") {
                Some(Direction::Request)
            } else if part.eq_ignore_ascii_case("response") {
                Some(Direction::Response)
            } else {
                None
            }
        })
    }
}

/// Where a payload stands in its file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// The payload's bytes in the file.
    pub range: Range<usize>,
    /// The 1-based line of its first byte.
    pub line: usize,
    /// The 1-based column (in characters) of its first byte.
    pub column: usize,
}

/// One payload: a body to decode and check.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Payload<'a> {
    /// What to call it: `body`, `message 2`, `entry 3 response`, `part 1`, ...
    pub label: String,
    /// The body (without a byte-order mark).
    pub bytes: Cow<'a, [u8]>,
    /// Where it stands in the file — for a Fiddler archive, in the entry its label names;
    /// `None` when it was taken out of an encoding (a HAR string, base64), where positions
    /// are in the payload's own text.
    pub span: Option<Span>,
    /// A request's or a response's body, when known.
    pub direction: Option<Direction>,
    /// Its format, from its `Content-Type` or its first byte.
    pub format: Format,
    /// The archive's entry it was read from (a Fiddler archive's `raw/03_s.txt`), which its
    /// `span` counts in; `None` in other captures.
    pub entry: Option<String>,
}

impl<'a> Payload<'a> {
    /// A payload of your own (a body you hold), of unknown direction and standing in no file;
    /// check it with [`check_payload`](super::check_payload).
    ///
    /// ```
    /// use ucwa_codec::check::{self, Direction, Payload};
    /// use ucwa_codec::Format;
    ///
    /// let body = br#"{"rel": "me", "name": "Joe"}"#;
    /// let payload = Payload::new("GET /me", &body[..], Format::Json);
    /// assert!(check::check_payload("session", &payload).is_empty());
    /// let payload = payload.with_direction(Direction::Response);
    /// assert_eq!(check::check_payload("session", &payload)[0].code, "missing-self-link");
    /// ```
    pub fn new(label: impl Into<String>, bytes: impl Into<Cow<'a, [u8]>>, format: Format) -> Self {
        Payload {
            label: label.into(),
            bytes: bytes.into(),
            span: None,
            direction: None,
            format,
            entry: None,
        }
    }

    /// The same payload, the body of a request or of a response.
    pub fn with_direction(mut self, direction: Direction) -> Self {
        self.direction = Some(direction);
        self
    }

    /// The position in the file of the payload's byte `offset`; `None` when the payload does
    /// not stand in the file as it is.
    pub fn position_in_file(&self, offset: usize) -> Option<Position> {
        let span = self.span.as_ref()?;
        let inner = Position::at_offset(&self.bytes, offset);
        Some(Position {
            line: span.line + inner.line - 1,
            column: if inner.line == 1 {
                span.column + inner.column - 1
            } else {
                inner.column
            },
            offset: span.range.start + inner.offset,
        })
    }
}

/// The head of an HTTP message in a capture: its start line and headers.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Message {
    /// What to call it: `message 3`, `entry 2 request`, ...
    pub label: String,
    /// Its request or status line.
    pub start: Start,
    /// Its headers, in order, as (name, value).
    pub headers: Vec<(String, String)>,
    /// The 1-based line of its start line in the file, where it stands there.
    pub line: Option<usize>,
    /// The archive's entry it was read from (a Fiddler archive's `raw/03_c.txt`), which its
    /// `line` counts in; `None` in other captures.
    pub entry: Option<String>,
    /// Its 1-based place among the parts of the batch (`multipart/batching`) that holds it;
    /// `None` for a message of the capture itself.
    pub part: Option<usize>,
}

/// An HTTP message's start line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    /// A request: its method and target (a path, or an absolute URL).
    Request {
        /// The method, as written (`GET`, `POST`, ...).
        method: String,
        /// The request target.
        target: String,
    },
    /// A response: its status code.
    Response {
        /// The status code (`200`, `404`, ...).
        status: u16,
    },
}

impl Message {
    /// The value of its first header of that name (case ignored).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What kind of file a capture is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CaptureKind {
    /// A bare JSON or XML body (or something else, skipped).
    Body,
    /// A text file of HTTP messages.
    Http,
    /// A HAR file.
    Har,
    /// A batch body (`multipart/batching`).
    Batch,
    /// A Fiddler archive (`.saz`): a zip file of sessions.
    Saz,
}

/// What a captured file holds, in its order.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Item<'a> {
    /// The head of an HTTP message of a transcript or a HAR entry, before its body's payload
    /// (if it has one): what reading the capture as a session needs.
    Message(Message),
    /// A payload to check.
    Payload(Payload<'a>),
    /// A body that is not UCWA JSON or XML.
    Skipped(Skipped),
    /// A part of the capture that does not parse: an
    /// [`INVALID_CAPTURE`](codes::INVALID_CAPTURE) finding.
    Invalid(Finding),
}

impl Item<'_> {
    /// The same item, owning its bytes.
    fn into_owned(self) -> Item<'static> {
        match self {
            Item::Payload(payload) => Item::Payload(Payload {
                bytes: Cow::Owned(payload.bytes.into_owned()),
                ..payload
            }),
            Item::Message(message) => Item::Message(message),
            Item::Skipped(skipped) => Item::Skipped(skipped),
            Item::Invalid(finding) => Item::Invalid(finding),
        }
    }
}

/// The payloads of a captured file, the bodies skipped and the capture's own problems, in the
/// order they stand in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Capture<'a> {
    /// What kind of file it is.
    pub kind: CaptureKind,
    /// What it holds.
    pub items: Vec<Item<'a>>,
}

impl<'a> Capture<'a> {
    /// The payloads.
    pub fn payloads(&self) -> impl Iterator<Item = &Payload<'a>> {
        self.items.iter().filter_map(|item| match item {
            Item::Payload(payload) => Some(payload),
            _ => None,
        })
    }
}

/// Finds the payloads in a captured file's bytes; `file_name` names it in findings and may
/// tell a bare body's direction ([`Direction::from_file_name`]).
pub fn extract<'a>(file_name: &str, bytes: &'a [u8]) -> Capture<'a> {
    extract_with(file_name, bytes, &CheckOptions::default())
}

/// [`extract`], keeping to `options`' limits: `max_parts` of a batch, `max_entries` of a HAR
/// file or a Fiddler archive, `max_size` of a HAR body once its base64 is decoded and of what
/// a Fiddler archive's entries decompress to.
pub fn extract_with<'a>(file_name: &str, bytes: &'a [u8], options: &CheckOptions) -> Capture<'a> {
    let mut items = Vec::new();
    let kind = extract_each(file_name, bytes, options, &mut |item| items.push(item));
    Capture { kind, items }
}

/// [`extract_with`], handing each item to `each` as it is found rather than collecting them:
/// what was handed on is dropped when `each` drops it, so that a large capture need not be
/// held twice. The same items, in the same order, as [`Capture::items`].
///
/// ```
/// use ucwa_codec::check::payloads::{self, CaptureKind, Item};
/// use ucwa_codec::check::CheckOptions;
///
/// let transcript = b"HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\n\
///     Content-Type: application/json\r\n\r\n{\"rel\": \"me\"}";
/// let mut payloads = 0;
/// let kind = payloads::extract_each("t.http", transcript, &CheckOptions::new(), &mut |item| {
///     if let Item::Payload(_) = item {
///         payloads += 1;
///     }
/// });
/// assert_eq!((kind, payloads), (CaptureKind::Http, 1));
/// ```
pub fn extract_each<'a>(
    file_name: &str,
    bytes: &'a [u8],
    options: &CheckOptions,
    each: &mut dyn FnMut(Item<'a>),
) -> CaptureKind {
    let mut sink = |found: Found<'a>| match found {
        Found::Item(item) => each(item),
        Found::HarEntry(number, entry) => {
            har_entry_items(file_name, options, number, entry)
                .into_iter()
                .for_each(&mut *each);
        }
    };
    find(file_name, bytes, options, &mut sink, false)
}

/// What the extractor finds: an item, or a HAR file's entry not read yet (when asked to defer
/// them), its number and its JSON text.
pub(crate) enum Found<'a> {
    Item(Item<'a>),
    HarEntry(usize, &'a RawValue),
}

/// The items of a HAR file's entry `number`, its JSON text `entry`: what [`extract_each`]
/// hands on for it.
pub(crate) fn har_entry_items<'a>(
    file_name: &str,
    options: &CheckOptions,
    number: usize,
    entry: &RawValue,
) -> Vec<Item<'a>> {
    let mut items = Vec::new();
    let mut sink = |found: Found<'_>| {
        if let Found::Item(item) = found {
            items.push(item.into_owned());
        }
    };
    let text = entry.get().as_bytes();
    let mut extractor = Extractor {
        file_name,
        file: text,
        source: Source::new(text),
        options,
        sink: &mut sink,
        defer_har_entries: false,
        after_message: false,
        entry: None,
    };
    // The text was read once as JSON already; reading it again cannot fail but past the
    // nesting limit, which both reads share.
    match serde_json::from_str::<Json>(entry.get()) {
        Ok(entry) => extractor.har_entry(number, &entry),
        Err(err) => extractor.invalid(&format!("entry {number}"), err.to_string()),
    }
    items
}

/// What [`extract_each`] does, handing on [`Found`] things; HAR entries unread when
/// `defer_har_entries`.
pub(crate) fn find<'a>(
    file_name: &str,
    bytes: &'a [u8],
    options: &CheckOptions,
    sink: &mut dyn FnMut(Found<'a>),
    defer_har_entries: bool,
) -> CaptureKind {
    let mut extractor = Extractor {
        file_name,
        file: bytes,
        source: Source::new(bytes),
        options,
        sink,
        defer_har_entries,
        after_message: false,
        entry: None,
    };
    if saz::is_zip(bytes) {
        extractor.saz();
        return CaptureKind::Saz;
    }
    let start = blank_prefix(bytes);
    let rest = &bytes[start..];
    let first_line = lines(rest).next().map_or(rest, |l| &rest[..l.end]);
    if rest.starts_with(b"--") {
        let body = Body::literal(bytes, 0);
        extractor.batch(None, None, body, 0);
        CaptureKind::Batch
    } else if is_start_line(first_line) {
        extractor.http(start);
        CaptureKind::Http
    } else if is_har(rest) {
        extractor.har(start);
        CaptureKind::Har
    } else {
        let direction = Direction::from_file_name(file_name);
        extractor.body(
            "body".to_owned(),
            direction,
            None,
            Body::literal(bytes, 0),
            0,
        );
        CaptureKind::Body
    }
}

/// Whether a JSON text is a HAR file: an object with a `log` member and none of a resource's
/// `rel`, `_links`, `_embedded`. Only the top-level member names are read, by counting
/// brackets, so that a HAR file too deep or not well-formed is still told one (and reported
/// as a malformed capture, not checked as a body).
fn is_har(bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"{") {
        return false;
    }
    let mut depth = 0usize;
    let mut expect_name = false;
    let mut has_log = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                let mut end = start;
                while end < bytes.len() && bytes[end] != b'"' {
                    end += if bytes[end] == b'\\' { 2 } else { 1 };
                }
                if depth == 1 && expect_name {
                    match bytes.get(start..end) {
                        Some(b"log") => has_log = true,
                        Some(b"rel" | b"_links" | b"_embedded") => return false,
                        _ => {}
                    }
                    expect_name = false;
                }
                i = end;
            }
            b'{' | b'[' => {
                depth += 1;
                expect_name = depth == 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            b',' => expect_name = depth == 1,
            _ => {}
        }
        i += 1;
    }
    has_log
}

/// A body: its bytes, and where they start in the file when they stand there as they are.
struct Body<'a> {
    bytes: Cow<'a, [u8]>,
    offset: Option<usize>,
}

impl<'a> Body<'a> {
    fn literal(file: &'a [u8], offset: usize) -> Body<'a> {
        Body {
            bytes: Cow::Borrowed(&file[offset..]),
            offset: Some(offset),
        }
    }
}

struct Extractor<'a, 'n> {
    file_name: &'n str,
    options: &'n CheckOptions,
    file: &'a [u8],
    /// The file, for positions in it (its lines found once, on the first one asked for).
    source: Source<'a>,
    /// Where the items go, in their order, as they are found.
    sink: &'n mut dyn FnMut(Found<'a>),
    /// Whether a HAR file's entries are handed on unread ([`Found::HarEntry`]), for
    /// [`har_entry_items`] to read elsewhere, rather than read here.
    defer_har_entries: bool,
    /// Whether the last item was a message's head (so the payload next is its body).
    after_message: bool,
    /// The Fiddler archive's entry that `file` is, which names its message.
    entry: Option<&'n str>,
}

impl<'a> Extractor<'a, '_> {
    /// Hands on an item found.
    fn push(&mut self, item: Item<'a>) {
        self.after_message = matches!(item, Item::Message(_));
        (self.sink)(Found::Item(item));
    }

    /// The line and column of a byte offset in the file.
    fn line_column(&self, offset: usize) -> (usize, usize) {
        let position = self.source.position(offset);
        (position.line, position.column)
    }

    /// The label of the `number`th HTTP message: `message 2`; in a Fiddler archive's entry,
    /// the entry's name (`raw/03_s.txt`), which holds one.
    fn message_label(&self, number: usize) -> String {
        match self.entry {
            None => format!("message {number}"),
            Some(entry) if number == 1 => entry.to_owned(),
            Some(entry) => format!("{entry} message {number}"),
        }
    }

    fn invalid(&mut self, label: &str, message: impl Into<String>) {
        self.push(Item::Invalid(Finding::new(
            self.file_name,
            label,
            "",
            codes::INVALID_CAPTURE,
            message,
        )));
    }

    /// An error of reading the capture: positioned in the file when `in_file`, else in the
    /// text of the payload `label`.
    fn invalid_at(&mut self, label: &str, err: &Error, in_file: bool) {
        let mut finding = Finding::new(
            self.file_name,
            label,
            err.path(),
            codes::INVALID_CAPTURE,
            err.message(),
        );
        if let Some(position) = err.position() {
            finding = self.placed(finding, position.line, position.column, in_file);
        }
        self.push(Item::Invalid(finding));
    }

    /// [`Finding::placed`], in the archive's entry that this file is, if any, when `in_file`.
    fn placed(&self, finding: Finding, line: usize, column: usize, in_file: bool) -> Finding {
        let finding = finding.placed(line, column, in_file);
        if in_file {
            finding.in_entry(self.entry)
        } else {
            finding
        }
    }

    fn skip(&mut self, label: String, reason: String) {
        self.push(Item::Skipped(Skipped {
            file: self.file_name.to_owned(),
            payload: label,
            reason,
        }));
    }

    /// A body: a payload, a batch, skipped, or nothing when it is empty.
    fn body(
        &mut self,
        label: String,
        direction: Option<Direction>,
        content_type: Option<&str>,
        body: Body<'a>,
        depth: usize,
    ) {
        let bom = if body.bytes.starts_with(BOM) {
            BOM.len()
        } else {
            0
        };
        if body.bytes[bom..].iter().all(u8::is_ascii_whitespace) {
            return;
        }
        let format = match content_type {
            Some(value) if batch::is_batch(value) => {
                return self.batch(Some(label), Some(value), body, depth)
            }
            Some(value) => match media_type::format_of(value) {
                // A message's body in the other format than its Content-Type names is read
                // as what it is: the session reports the mismatch once
                // (`content-type-mismatch`), rather than as a decode error of every byte.
                Some(named) if self.after_message => Format::detect(&body.bytes).unwrap_or(named),
                Some(format) => format,
                None => {
                    return self.skip(
                        label,
                        format!("its Content-Type `{value}` is not JSON or XML"),
                    )
                }
            },
            None => match Format::detect(&body.bytes) {
                Some(format) => format,
                None if starts_with_boundary(&body.bytes) => {
                    return self.batch(Some(label), None, body, depth)
                }
                None => {
                    return self.skip(
                        label,
                        "it has no Content-Type and starts with none of `{`, `[`, `<`".to_owned(),
                    )
                }
            },
        };
        let bytes = match body.bytes {
            Cow::Borrowed(bytes) => Cow::Borrowed(&bytes[bom..]),
            Cow::Owned(mut bytes) => {
                bytes.drain(..bom);
                Cow::Owned(bytes)
            }
        };
        let span = body.offset.map(|offset| {
            let start = offset + bom;
            let (line, column) = self.line_column(start);
            Span {
                range: start..start + bytes.len(),
                line,
                column,
            }
        });
        self.push(Item::Payload(Payload {
            label,
            bytes,
            span,
            direction,
            format,
            entry: self.entry.map(str::to_owned),
        }));
    }

    /// A batch body: each part's body. `label` is the message's that holds it (`None` for a
    /// file that is a batch).
    fn batch(
        &mut self,
        label: Option<String>,
        content_type: Option<&str>,
        body: Body<'a>,
        depth: usize,
    ) {
        let name = label.clone().unwrap_or_else(|| "batch".to_owned());
        if depth >= MAX_BATCH_DEPTH {
            return self.invalid(
                &name,
                format!("batches nested more than {MAX_BATCH_DEPTH} deep are not read"),
            );
        }
        let max_parts = self.options.decode.max_parts;
        let parsed = match body.offset {
            Some(offset) => parse_body_spans(
                &self.source,
                offset,
                &body.bytes,
                content_type,
                None,
                max_parts,
            ),
            None => parse_body_spans(
                &Source::new(&body.bytes),
                0,
                &body.bytes,
                content_type,
                None,
                max_parts,
            ),
        };
        let (batch, spans) = match parsed {
            Ok(parsed) => parsed,
            Err(err) => return self.invalid_at(&name, &err, body.offset.is_some()),
        };
        for (index, (part, span)) in batch.parts.into_iter().zip(spans).enumerate() {
            let part_label = match &label {
                Some(label) => format!("{label} part {}", index + 1),
                None => format!("part {}", index + 1),
            };
            let message = part.message;
            // Its head, for the session: a part of a request's batch is a request of its own.
            let line = body.offset.map(|_| self.line_column(span.start).0);
            self.push_message(part_label.clone(), &message, line, Some(index + 1));
            let direction = Some(Direction::of(&message.start_line));
            let content_type = message.header("Content-Type").map(str::to_owned);
            let part_body = match body.offset {
                Some(_) => Body {
                    bytes: Cow::Borrowed(&self.file[span.body..span.body + message.body.len()]),
                    offset: Some(span.body),
                },
                None => Body {
                    bytes: Cow::Owned(message.body),
                    offset: None,
                },
            };
            self.body(
                part_label,
                direction,
                content_type.as_deref(),
                part_body,
                depth + 1,
            );
        }
    }

    /// The head of an HTTP message read from the file, for the session.
    fn push_message(
        &mut self,
        label: String,
        message: &HttpMessage,
        line: Option<usize>,
        part: Option<usize>,
    ) {
        self.push(Item::Message(Message {
            label,
            start: match &message.start_line {
                StartLine::Request { method, target, .. } => Start::Request {
                    method: method.to_string(),
                    target: target.to_string(),
                },
                StartLine::Response { status, .. } => Start::Response { status: *status },
            },
            headers: message
                .headers
                .iter()
                .map(|h| (h.name.to_string(), h.value.to_string()))
                .collect(),
            line,
            entry: self.entry.map(str::to_owned),
            part,
        }));
    }

    /// A text file of HTTP messages, the first one's start line at `start`.
    fn http(&mut self, start: usize) {
        let file = self.file;
        let mut at = start;
        let mut number = 0;
        while at < file.len() {
            let line_end = lines(&file[at..]).next().map_or(file.len(), |l| at + l.end);
            let parsed = if is_start_line(&file[at..line_end]) {
                number += 1;
                let label = self.message_label(number);
                let head = head_of(file, at);
                match parse_http(&self.source, at, &file[at..head.data_end], None, None) {
                    Ok((message, _)) => Some((label, head, message)),
                    Err(err) => {
                        self.invalid_at(&label, &err, true);
                        None
                    }
                }
            } else {
                let (line, column) = self.line_column(at);
                let finding = Finding::new(
                    self.file_name,
                    format!("after {}", self.message_label(number)),
                    "",
                    codes::INVALID_CAPTURE,
                    "expected an HTTP request or status line",
                );
                let finding = self.placed(finding, line, column, true);
                self.push(Item::Invalid(finding));
                None
            };
            // Where no message could be read, the next start line is the next chance.
            let Some((label, head, message)) = parsed else {
                let Some(next) = next_start_line(file, at) else {
                    break;
                };
                at = next;
                continue;
            };
            let body_end = if head.has_body {
                body_end(file, head.body_start, &message)
            } else {
                head.body_start
            };
            let direction = Some(Direction::of(&message.start_line));
            let (line, _) = self.line_column(at);
            self.push_message(label.clone(), &message, Some(line), None);
            let bytes = &file[head.body_start..body_end];
            match transfer_coding(&message) {
                Some(coding) if !bytes.iter().all(u8::is_ascii_whitespace) => self.invalid(
                    &label,
                    format!(
                        "the body is sent with `{coding}`, not read: save the capture with its \
                         bodies decoded (in Fiddler, Remove All Encodings)"
                    ),
                ),
                _ => {
                    let body = Body {
                        bytes: Cow::Borrowed(bytes),
                        offset: Some(head.body_start),
                    };
                    self.body(label, direction, message.header("Content-Type"), body, 0);
                }
            }
            at = body_end + blank_prefix(&file[body_end..]);
        }
    }

    /// A HAR file, its `{` at `start`: every entry's request and response bodies, each entry
    /// checked as it is read.
    fn har(&mut self, start: usize) {
        let file = self.file;
        let mut de = serde_json::Deserializer::from_slice(&file[start..]);
        let read = de::DeserializeSeed::deserialize(HarRoot(self), &mut de).and_then(|log| {
            de.end()?;
            Ok(log)
        });
        let err = match read {
            Ok(true) => return,
            Ok(false) => return self.invalid("log", "a HAR file's `log.entries` is an array"),
            Err(err) => err,
        };
        // serde_json's Display ends in " at line L column C".
        let full = err.to_string();
        let text = full.rfind(" at line ").map_or(&full[..], |i| &full[..i]);
        let text = match err.classify() {
            serde_json::error::Category::Data => text.to_owned(),
            _ => format!("the HAR file is not well-formed JSON: {text}"),
        };
        let mut finding = Finding::new(self.file_name, "log", "", codes::INVALID_CAPTURE, text);
        if err.line() > 0 {
            let at = Position::at_line_byte_column(&file[start..], err.line(), err.column());
            let (line, column) = self.line_column(start + at.offset);
            finding = self.placed(finding, line, column, true);
        }
        self.push(Item::Invalid(finding));
    }

    /// One entry of a HAR file, its JSON text: read now, or handed on to be read elsewhere.
    fn har_raw_entry(&mut self, number: usize, entry: &'a RawValue) {
        if self.defer_har_entries {
            (self.sink)(Found::HarEntry(number, entry));
        } else {
            for item in har_entry_items(self.file_name, self.options, number, entry) {
                self.push(item);
            }
        }
    }

    /// One entry of a HAR file.
    fn har_entry(&mut self, number: usize, entry: &Json) {
        if !entry.is_object() {
            return self.invalid(
                &format!("entry {number}"),
                "a HAR entry is an object with `request` and `response`",
            );
        }
        self.har_body(entry, number, Direction::Request);
        self.har_body(entry, number, Direction::Response);
    }

    /// The body of an entry's request (`postData`) or response (`content`).
    fn har_body(&mut self, entry: &Json, number: usize, direction: Direction) {
        let (side, content_member) = match direction {
            Direction::Request => ("request", "postData"),
            Direction::Response => ("response", "content"),
        };
        let label = format!("entry {number} {side}");
        let message = match entry.get(side) {
            None | Some(Json::Null) => return,
            Some(message) if message.is_object() => message,
            Some(_) => return self.invalid(&label, format!("`{side}` is not an object")),
        };
        if let Some(start) = har_start(message, direction) {
            let headers = message.get("headers").and_then(Json::as_array);
            let headers = headers.into_iter().flatten().filter_map(|h| {
                let name = h.get("name")?.as_str()?;
                Some((name.to_owned(), h.get("value")?.as_str()?.to_owned()))
            });
            self.push(Item::Message(Message {
                label: label.clone(),
                start,
                headers: headers.collect(),
                line: None,
                entry: None,
                part: None,
            }));
        }
        let content = match message.get(content_member) {
            None | Some(Json::Null) => return,
            Some(content) if content.is_object() => content,
            Some(_) => {
                return self.invalid(
                    &label,
                    format!("`{side}.{content_member}` is not an object"),
                )
            }
        };
        let text = match content.get("text") {
            None | Some(Json::Null) => return,
            Some(Json::String(text)) => text,
            Some(_) => {
                return self.invalid(
                    &label,
                    format!("`{side}.{content_member}.text` is not a string"),
                )
            }
        };
        let bytes = match content.get("encoding").and_then(Json::as_str) {
            None | Some("") => text.as_bytes().to_vec(),
            Some(encoding) if encoding.eq_ignore_ascii_case("base64") => {
                let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
                let max_size = self.options.decode.max_size;
                if base64_decoded_len(&compact) > max_size {
                    return self.invalid(
                        &label,
                        format!(
                            "`{side}.{content_member}.text` decodes to more than {max_size} \
                             bytes (max_size)"
                        ),
                    );
                }
                match base64::engine::general_purpose::STANDARD.decode(compact) {
                    Ok(bytes) => bytes,
                    Err(err) => {
                        return self.invalid(
                            &label,
                            format!("`{side}.{content_member}.text` is not base64: {err}"),
                        )
                    }
                }
            }
            Some(other) => {
                return self.invalid(
                    &label,
                    format!("the encoding `{other}` of `{side}.{content_member}` is not base64"),
                )
            }
        };
        let content_type = content
            .get("mimeType")
            .and_then(Json::as_str)
            .filter(|m| !m.trim().is_empty())
            .or_else(|| har_header(message, "Content-Type"));
        let body = Body {
            bytes: Cow::Owned(bytes),
            offset: None,
        };
        self.body(label, Some(direction), content_type, body, 0);
    }
}

/// How many bytes base64 text (without blanks) decodes to, padding left out.
fn base64_decoded_len(text: &[u8]) -> usize {
    let padding = text
        .iter()
        .rev()
        .take(2)
        .take_while(|&&b| b == b'=')
        .count();
    let digits = text.len() - padding;
    digits / 4 * 3 + (digits % 4).saturating_sub(1)
}

/// The root of a HAR file: its `log`, read by [`HarLog`]; whether `log.entries` was an array.
struct HarRoot<'x, 'a, 'n>(&'x mut Extractor<'a, 'n>);

/// A HAR file's `log`: its `entries`, read by [`HarEntries`].
struct HarLog<'x, 'a, 'n>(&'x mut Extractor<'a, 'n>);

/// A HAR file's `log.entries`: each entry checked as it is read, their number kept to
/// `max_entries`.
struct HarEntries<'x, 'a, 'n>(&'x mut Extractor<'a, 'n>);

/// The visitor methods of a HAR value of another shape than the one expected: `false`.
macro_rules! other_shape {
    () => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
            Ok(false)
        }
    };
}

/// Reads an array of another shape than the one expected: `false`.
fn skip_seq<'de, A: de::SeqAccess<'de>>(mut seq: A) -> Result<bool, A::Error> {
    while seq.next_element::<de::IgnoredAny>()?.is_some() {}
    Ok(false)
}

/// Reads the member `$name` of an object with `$seed` (the first time), skipping the others;
/// `false` without it.
macro_rules! member {
    ($map:ident, $name:literal, $seed:expr) => {{
        let mut found = None;
        while let Some(key) = $map.next_key::<Cow<'de, str>>()? {
            if key == $name && found.is_none() {
                found = Some($map.next_value_seed($seed)?);
            } else {
                $map.next_value::<de::IgnoredAny>()?;
            }
        }
        Ok(found.unwrap_or(false))
    }};
}

/// Reads a HAR seed with `deserialize_any`.
macro_rules! seed_by_any {
    ($ty:ident) => {
        impl<'de> de::DeserializeSeed<'de> for $ty<'_, 'de, '_> {
            type Value = bool;
            fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
                d.deserialize_any(self)
            }
        }
    };
}

seed_by_any!(HarRoot);
seed_by_any!(HarLog);
seed_by_any!(HarEntries);

/// The visitor of a HAR object that holds one member to read further (the rest skipped).
macro_rules! visit_member {
    ($ty:ident, $expecting:literal, $member:literal => $inner:ident) => {
        impl<'de> de::Visitor<'de> for $ty<'_, 'de, '_> {
            type Value = bool;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($expecting)
            }
            other_shape!();
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<bool, A::Error> {
                skip_seq(seq)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
                let extractor = self.0;
                member!(map, $member, $inner(&mut *extractor))
            }
        }
    };
}

visit_member!(HarRoot, "a HAR file", "log" => HarLog);
visit_member!(HarLog, "a HAR log", "entries" => HarEntries);

impl<'de> de::Visitor<'de> for HarEntries<'_, 'de, '_> {
    type Value = bool;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HAR entries")
    }
    other_shape!();
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        Ok(false)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let extractor = self.0;
        let max_entries = extractor.options.max_entries;
        let mut number = 0;
        while let Some(entry) = seq.next_element::<&'de RawValue>()? {
            number += 1;
            if number > max_entries {
                return Err(de::Error::custom(format_args!(
                    "more than {max_entries} entries in the HAR file (max_entries)"
                )));
            }
            extractor.har_raw_entry(number, entry);
        }
        Ok(true)
    }
}

/// The value of a header in a HAR message's `headers` array.
/// The start line of a HAR entry's request (`method`, `url`) or response (`status`), when
/// it has one.
fn har_start(message: &Json, direction: Direction) -> Option<Start> {
    Some(match direction {
        Direction::Request => Start::Request {
            method: message.get("method")?.as_str()?.to_owned(),
            target: message.get("url")?.as_str()?.to_owned(),
        },
        Direction::Response => Start::Response {
            status: u16::try_from(message.get("status")?.as_u64()?).ok()?,
        },
    })
}

fn har_header<'j>(message: &'j Json, name: &str) -> Option<&'j str> {
    message
        .get("headers")?
        .as_array()?
        .iter()
        .find(|h| {
            h.get("name")
                .and_then(Json::as_str)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })?
        .get("value")?
        .as_str()
}

/// Where an HTTP message's head ends.
struct Head {
    /// The end of what `parse_http` reads: the start line, the headers and the blank line
    /// after them when there is one.
    data_end: usize,
    /// Where the body starts.
    body_start: usize,
    /// Whether a body may follow (the head ended with a blank line, or a line that starts a
    /// body).
    has_body: bool,
}

/// The head of the message whose start line is at `at`: it ends with a blank line, a line
/// that starts a JSON or XML body, the next start line, or the end of the file.
fn head_of(file: &[u8], at: usize) -> Head {
    for line in lines(&file[at..]).skip(1) {
        let (start, end) = (at + line.start, at + line.end);
        if start == end {
            let next = at + line.next;
            return Head {
                data_end: next,
                body_start: next,
                has_body: true,
            };
        }
        let content = &file[start..end];
        let starts_body = matches!(content.first(), Some(b'{' | b'[' | b'<'));
        if starts_body || is_start_line(content) {
            return Head {
                data_end: start,
                body_start: start,
                has_body: starts_body,
            };
        }
    }
    Head {
        data_end: file.len(),
        body_start: file.len(),
        has_body: false,
    }
}

/// Where the body that starts at `start` ends: after a batch's closing boundary line; where
/// `Content-Length` says, when the end of the file or another message follows; else at the
/// next start line (trailing blanks left out).
fn body_end(file: &[u8], start: usize, message: &HttpMessage) -> usize {
    let rest = &file[start..];
    if let Some(content_type) = message.header("Content-Type") {
        if batch::is_batch(content_type) {
            if let Ok(boundary) = boundary_of(content_type) {
                let dash_boundary = format!("--{boundary}").into_bytes();
                let close = lines(rest)
                    .find(|l| delimiter(&rest[l.start..l.end], &dash_boundary) == Some(true));
                if let Some(close) = close {
                    return start + close.end;
                }
            }
            return file.len();
        }
    }
    let length = message
        .header("Content-Length")
        .and_then(|v| v.trim().parse::<usize>().ok());
    if let Some(length) = length.filter(|&n| n <= rest.len()) {
        let after = &rest[length..];
        let next = &after[blank_prefix(after)..];
        let next_line = lines(next).next().map_or(next, |l| &next[..l.end]);
        if next.is_empty() || is_start_line(next_line) {
            return start + length;
        }
    }
    let end = lines(rest)
        .find(|l| is_start_line(&rest[l.start..l.end]))
        .map_or(file.len(), |l| start + l.start);
    let blank_tail = file[start..end]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    end - blank_tail
}

/// The header that says a message's body is not as its `Content-Type` says — a
/// `Transfer-Encoding` or a `Content-Encoding` other than `identity` (Fiddler saves bodies as
/// they were sent, chunked or gzipped, unless told to decode them) — as `Name: value`.
fn transfer_coding(message: &HttpMessage) -> Option<String> {
    ["Transfer-Encoding", "Content-Encoding"]
        .into_iter()
        .find_map(|name| {
            let value = message.header(name)?.trim();
            (!value.is_empty() && !value.eq_ignore_ascii_case("identity"))
                .then(|| format!("{name}: {value}"))
        })
}

/// The next start line after the line at `at`.
fn next_start_line(file: &[u8], at: usize) -> Option<usize> {
    lines(&file[at..])
        .skip(1)
        .find(|l| is_start_line(&file[at + l.start..at + l.end]))
        .map(|l| at + l.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(capture: &Capture<'_>) -> Vec<String> {
        capture
            .items
            .iter()
            .filter(|item| !matches!(item, Item::Message(_)))
            .map(|item| match item {
                Item::Message(m) => m.label.clone(),
                Item::Payload(p) => format!("{} {:?} {}", p.label, p.direction, p.format),
                Item::Skipped(s) => format!("{} skipped", s.payload),
                Item::Invalid(f) => format!("{} invalid: {}", f.payload, f.message),
            })
            .collect()
    }

    #[test]
    fn directions_from_file_names() {
        assert_eq!(
            Direction::from_file_name("dir.x/me.get.Response.1.json"),
            Some(Direction::Response)
        );
        assert_eq!(
            Direction::from_file_name("a.post.request.3.xml"),
            Some(Direction::Request)
        );
        assert_eq!(
            Direction::from_file_name("response.json"),
            Some(Direction::Response)
        );
        assert_eq!(Direction::from_file_name("responses.json"), None);
    }

    #[test]
    fn content_length_splits_messages_unless_it_is_off() {
        let text = b"HTTP/1.1 200 OK\nContent-Length: 2\nContent-Type: application/json\n\n{}\nHTTP/1.1 200 OK\nContent-Length: 1\nContent-Type: application/json\n\n{\"a\": 1}\n\nGET /x HTTP/1.1\n";
        let capture = extract("t", text);
        assert_eq!(
            labels(&capture),
            [
                "message 1 Some(Response) JSON",
                "message 2 Some(Response) JSON"
            ]
        );
        let second: Vec<_> = capture.payloads().collect();
        assert_eq!(&second[1].bytes[..], b"{\"a\": 1}");
        assert_eq!(second[1].span.as_ref().unwrap().line, 10);
    }

    #[test]
    fn bodies_right_after_the_headers_and_skipped_bodies() {
        let text = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 12\r\n<h>Hello</h>\r\nPOST /x HTTP/1.1\r\nContent-Type: application/xml\r\n<input/>";
        let capture = extract("t", text);
        assert_eq!(
            labels(&capture),
            ["message 1 skipped", "message 2 Some(Request) XML"]
        );
    }

    #[test]
    fn garbage_between_messages_is_reported_and_skipped() {
        let text = b"HTTP/1.1 200 OK\nContent-Type: multipart/batching; boundary=b\n\n--b--\nnoise\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{}";
        let capture = extract("t", text);
        assert_eq!(
            labels(&capture),
            [
                "after message 1 invalid: expected an HTTP request or status line at line 5, column 1",
                "message 2 Some(Response) JSON"
            ]
        );
        // Where Content-Length is off, the body runs to the next start line.
        let text = b"HTTP/1.1 200 OK\nContent-Length: 0\n\nnoise\nHTTP/1.1 204 No Content\n";
        assert_eq!(labels(&extract("t", text)), ["message 1 skipped"]);
    }

    #[test]
    fn bodies_sent_encoded_are_reported_not_decoded() {
        let text = b"HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Encoding: gzip\n\n\x1f\x8b\x08\nHTTP/1.1 200 OK\nContent-Type: application/json\nContent-Encoding: identity\n\n{}\nHTTP/1.1 204 No Content\nTransfer-Encoding: chunked\n\n";
        assert_eq!(
            labels(&extract("t", text)),
            [
                "message 1 invalid: the body is sent with `Content-Encoding: gzip`, not read: \
                 save the capture with its bodies decoded (in Fiddler, Remove All Encodings)",
                "message 2 Some(Response) JSON"
            ]
        );
    }

    #[test]
    fn a_bad_header_is_reported_with_its_line() {
        let text = b"HTTP/1.1 200 OK\nBad Header\n\n{}\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{}";
        let capture = extract("t", text);
        let found = labels(&capture);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("message 1 invalid: invalid response header"));
        assert!(found[0].ends_with("at line 2, column 1"), "{found:?}");
        assert_eq!(found[1], "message 2 Some(Response) JSON");
    }

    #[test]
    fn a_batch_message_keeps_its_parts_start_lines_inside() {
        let text = b"HTTP/1.1 200 OK\nContent-Type: multipart/batching; boundary=b\n\n--b\nContent-Type: application/http; msgtype=response\n\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{}\n--b\nContent-Type: application/http; msgtype=response\n\nHTTP/1.1 204 No Content\n--b--\nHTTP/1.1 200 OK\nContent-Type: application/xml\n\n<resource/>";
        let capture = extract("t", text);
        assert_eq!(
            labels(&capture),
            [
                "message 1 part 1 Some(Response) JSON",
                "message 2 Some(Response) XML"
            ]
        );
        let first = capture.payloads().next().unwrap();
        assert_eq!(&first.bytes[..], b"{}");
        let span = first.span.as_ref().unwrap();
        assert_eq!((span.line, span.column), (10, 1));
        assert_eq!(&text[span.range.clone()], b"{}");
    }

    #[test]
    fn bare_bodies_batches_and_byte_order_marks() {
        let capture = extract("x.get.response.1.json", b"\xEF\xBB\xBF{}");
        assert_eq!(capture.kind, CaptureKind::Body);
        let payload = capture.payloads().next().unwrap();
        assert_eq!(&payload.bytes[..], b"{}");
        assert_eq!(payload.span.as_ref().unwrap().range, 3..5);
        assert_eq!(payload.direction, Some(Direction::Response));
        assert_eq!(labels(&extract("x", b"Hello")), ["body skipped"]);
        assert!(labels(&extract("x", b" \n")).is_empty());
        let capture = extract("x", b"--b\n\nGET /x HTTP/1.1\n--b--\n");
        assert_eq!(capture.kind, CaptureKind::Batch);
        // The part's head, for the session, and no payload.
        assert!(matches!(
            &capture.items[..],
            [Item::Message(m)] if m.part == Some(1) && m.line == Some(3) && m.label == "part 1"
        ));
        let capture = extract("x", b"--b\n\nGET /x HTTP/1.1\n");
        assert_eq!(capture.items.len(), 1);
        assert!(matches!(&capture.items[0], Item::Invalid(f) if f.line == Some(4)));
    }

    #[test]
    fn har_files_of_every_shape() {
        let har = br#"{"log": {"entries": [
            {"request": {"postData": {"mimeType": "application/json", "text": "{}"}},
             "response": {"content": {"mimeType": "text/html", "text": "<p/>"}}},
            3,
            {"request": {"postData": {"text": 4}}, "response": {"content": {"text": "e30=", "encoding": "base64", "mimeType": ""},
             "headers": [{"name": "content-type", "value": "application/json"}]}},
            {"response": {"content": {"text": "!!", "encoding": "base64"}}},
            {"response": {"content": {"text": "{}", "mimeType": "multipart/batching"}}}
        ]}}"#;
        let capture = extract("x.har", har);
        assert_eq!(capture.kind, CaptureKind::Har);
        let found = labels(&capture);
        assert_eq!(
            found[..4],
            [
                "entry 1 request Some(Request) JSON",
                "entry 1 response skipped",
                "entry 2 invalid: a HAR entry is an object with `request` and `response`",
                "entry 3 request invalid: `request.postData.text` is not a string",
            ]
        );
        assert_eq!(found[4], "entry 3 response Some(Response) JSON");
        assert!(
            found[5].starts_with("entry 4 response invalid: `response.content.text` is not base64")
        );
        assert!(
            found[6].starts_with("entry 5 response invalid: the Content-Type"),
            "{found:?}"
        );
        assert_eq!(found.len(), 7);
        let capture = extract("x.har", br#"{"log": {"entries": {}}}"#);
        assert_eq!(
            labels(&capture),
            ["log invalid: a HAR file's `log.entries` is an array"]
        );
        // A resource with a `log` property is no HAR file.
        assert_eq!(
            extract("x", br#"{"rel": "x", "log": 1}"#).kind,
            CaptureKind::Body
        );
    }
}
