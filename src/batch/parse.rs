//! Reading batches: boundary lines by hand, MIME and HTTP headers with `httparse`.

use httparse::Status;

use super::{header, in_part, Batch, Header, HttpMessage, LineEnd, Part, StartLine};
use crate::document;
use crate::error::{Error, ErrorKind, Result, Source};
use crate::media_type::{self, MediaType};
use crate::model::DecodeOptions;
use crate::model::Str;

/// The most headers one message or part may have.
const MAX_HEADERS: usize = 100;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// An error at byte `offset` of `input`.
fn at(input: &Source<'_>, offset: usize, kind: ErrorKind, message: impl Into<String>) -> Error {
    Error::new(kind, message).with_position(input.position(offset))
}

/// How many bytes of blanks (and a byte-order mark) `bytes` start with.
pub(crate) fn blank_prefix(bytes: &[u8]) -> usize {
    let bom = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    bom + bytes[bom..]
        .iter()
        .take_while(|b| b.is_ascii_whitespace())
        .count()
}

/// Whether `bytes` start (after blank lines) with a boundary line.
pub(crate) fn starts_with_boundary(bytes: &[u8]) -> bool {
    bytes[blank_prefix(bytes)..].starts_with(b"--")
}

/// One line: where it starts, where its content ends, where the next one starts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) next: usize,
}

/// The lines of `bytes`, ending in LF or CRLF (the last one may have no ending).
pub(crate) fn lines(bytes: &[u8]) -> impl Iterator<Item = Line> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let line = match memchr::memchr(b'\n', &bytes[start..]) {
            Some(i) => {
                let newline = start + i;
                let end = if newline > start && bytes[newline - 1] == b'\r' {
                    newline - 1
                } else {
                    newline
                };
                Line {
                    start,
                    end,
                    next: newline + 1,
                }
            }
            None => Line {
                start,
                end: bytes.len(),
                next: bytes.len(),
            },
        };
        start = line.next;
        Some(line)
    })
}

/// Whether `line` (without its line end) is an HTTP/1.x start line: a request line
/// (`METHOD target HTTP/1.1`) or a status line (`HTTP/1.1 200 OK`), as `httparse` reads them.
pub(crate) fn is_start_line(line: &[u8]) -> bool {
    let response = line.starts_with(b"HTTP/");
    // A request line starts with its method, a token, then a space: most lines that are
    // none (a JSON text on one line, megabytes long) are told at their first byte.
    if !response {
        let method = line.iter().take_while(|&&b| is_token_byte(b)).count();
        if method == 0
            || line.get(method) != Some(&b' ')
            || memchr::memmem::find(line, b" HTTP/").is_none()
        {
            return false;
        }
    }
    let mut head = line.to_vec();
    head.extend_from_slice(b"\r\n\r\n");
    let mut raw = [httparse::EMPTY_HEADER; 0];
    if response {
        let mut parsed = httparse::Response::new(&mut raw);
        matches!(parsed.parse(&head), Ok(Status::Complete(_)))
    } else {
        let mut parsed = httparse::Request::new(&mut raw);
        matches!(parsed.parse(&head), Ok(Status::Complete(_)))
    }
}

/// A byte of an HTTP token (RFC 9110 `tchar`), which a method is made of.
fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(|&b| b == b' ' || b == b'\t')
}

/// A boundary line: `Some(false)` for `--boundary`, `Some(true)` for the closing
/// `--boundary--`, trailing blanks allowed.
pub(crate) fn delimiter(line: &[u8], dash_boundary: &[u8]) -> Option<bool> {
    let rest = line.strip_prefix(dash_boundary)?;
    if is_blank(rest) {
        Some(false)
    } else if rest.starts_with(b"--") && is_blank(&rest[2..]) {
        Some(true)
    } else {
        None
    }
}

/// Reads a batch body that starts at `base` in `input` (for positions).
pub(crate) fn parse_body(
    input: &Source<'_>,
    base: usize,
    body: &[u8],
    content_type: Option<&str>,
    options: &DecodeOptions,
) -> Result<Batch> {
    parse_body_spans(
        input,
        base,
        body,
        content_type,
        Some(options),
        options.max_parts,
    )
    .map(|(batch, _)| batch)
}

/// Where a part's HTTP message stands in the input a batch was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PartSpan {
    /// The offset of its start line.
    pub(crate) start: usize,
    /// The offset of its body.
    pub(crate) body: usize,
}

/// Reads a batch body that starts at `base` in `input`, keeping to `options.max_parts` and
/// decoding the parts' bodies with `decode` when it is given; also returns where each part's
/// HTTP message stands in `input`.
pub(crate) fn parse_body_spans(
    input: &Source<'_>,
    base: usize,
    body: &[u8],
    content_type: Option<&str>,
    decode: Option<&DecodeOptions>,
    max_parts: usize,
) -> Result<(Batch, Vec<PartSpan>)> {
    let boundary = match content_type {
        Some(value) => boundary_of(value)?,
        None => {
            let first = blank_prefix(body);
            let line = lines(&body[first..])
                .next()
                .map_or(&[][..], |l| &body[first..first + l.end]);
            let Some(boundary) = line.strip_prefix(b"--") else {
                return Err(at(
                    input,
                    base + first,
                    if first == body.len() { ErrorKind::Eof } else { ErrorKind::Structure },
                    "a batch body starts with its boundary line (`--boundary`), or its Content-Type names the boundary",
                ));
            };
            let boundary = std::str::from_utf8(boundary)
                .map(|b| b.trim_end_matches([' ', '\t']))
                .ok()
                .filter(|b| !b.is_empty())
                .ok_or_else(|| {
                    at(
                        input,
                        base + first,
                        ErrorKind::Structure,
                        "the first line has no boundary after `--`",
                    )
                })?;
            Str::from(boundary)
        }
    };
    let dash_boundary = format!("--{boundary}").into_bytes();
    let mut delimiters: Vec<(Line, bool)> = Vec::new();
    for line in lines(body) {
        if let Some(close) = delimiter(&body[line.start..line.end], &dash_boundary) {
            if close {
                delimiters.push((line, close));
                break;
            }
            // Each boundary line but the closing one starts a part.
            if delimiters.len() == max_parts {
                return Err(at(
                    input,
                    base + line.start,
                    ErrorKind::Limit,
                    format!("more than {max_parts} parts in the batch (max_parts)"),
                ));
            }
            delimiters.push((line, close));
        }
    }
    let Some(&(first, _)) = delimiters.first() else {
        let first = blank_prefix(body);
        return Err(at(
            input,
            base + first,
            if first == body.len() {
                ErrorKind::Eof
            } else {
                ErrorKind::Structure
            },
            format!("no boundary line `--{boundary}` in the batch"),
        ));
    };
    let preamble = &body[..first.start];
    if let Some(i) = preamble.iter().position(|b| !b.is_ascii_whitespace()) {
        return Err(at(
            input,
            base + i,
            ErrorKind::Structure,
            format!("text before the first boundary line `--{boundary}` (a batch starts with it)"),
        ));
    }
    let Some(&(close, true)) = delimiters.last() else {
        return Err(at(
            input,
            base + body.len(),
            ErrorKind::Eof,
            format!(
                "unexpected end of input: the batch has no closing boundary line `--{boundary}--`"
            ),
        ));
    };
    let line_end = match first.next - first.end {
        1 => LineEnd::Lf,
        _ => LineEnd::CrLf,
    };
    let mut parts = Vec::with_capacity(delimiters.len() - 1);
    let mut spans = Vec::with_capacity(delimiters.len() - 1);
    for (index, pair) in delimiters.windows(2).enumerate() {
        let (open, next) = (pair[0].0, pair[1].0);
        let start = open.next;
        // The line end before a boundary line belongs to the boundary: `\n` in a batch of
        // LF line ends (where a `\r` before it is the body's), `\r\n` or `\n` in one of CRLF.
        let mut end = next.start;
        if end > start && body[end - 1] == b'\n' {
            end -= 1;
            if line_end == LineEnd::CrLf && end > start && body[end - 1] == b'\r' {
                end -= 1;
            }
        }
        let end = end.max(start);
        let (mut part, span) = parse_part(input, base + start, &body[start..end], decode)
            .map_err(|err| in_part(index, &err))?;
        if let Some(err) = &mut part.message.body_error {
            *err = in_part(index, err);
        }
        parts.push(part);
        spans.push(span);
    }
    let batch = Batch {
        boundary,
        parts,
        line_end,
        preamble: preamble.to_vec(),
        epilogue: body[close.start + dash_boundary.len() + 2..].to_vec(),
    };
    Ok((batch, spans))
}

/// The boundary a `Content-Type` value names.
pub(crate) fn boundary_of(content_type: &str) -> Result<Str> {
    let media = MediaType::parse(content_type).map_err(|err| {
        Error::new(
            ErrorKind::Value,
            format!("the Content-Type `{content_type}` is not a media type: {err}"),
        )
    })?;
    if !media.type_.eq_ignore_ascii_case("multipart") {
        return Err(Error::new(
            ErrorKind::Structure,
            format!(
                "the Content-Type `{content_type}` is not a batch's ({})",
                media_type::MULTIPART_BATCHING
            ),
        ));
    }
    match media.parameter("boundary") {
        Some(boundary) if !boundary.is_empty() => Ok(Str::from(boundary)),
        _ => Err(Error::new(
            ErrorKind::Structure,
            format!("the Content-Type `{content_type}` names no boundary"),
        )),
    }
}

/// One part (its bytes at `base` in `input`), and where its message stands in `input`.
fn parse_part(
    input: &Source<'_>,
    base: usize,
    content: &[u8],
    decode: Option<&DecodeOptions>,
) -> Result<(Part, PartSpan)> {
    if content.iter().all(u8::is_ascii_whitespace) {
        return Err(at(
            input,
            base,
            ErrorKind::Structure,
            "the part is empty; it holds headers, a blank line and an HTTP message",
        ));
    }
    let mut raw = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let (length, headers) = match httparse::parse_headers(content, &mut raw) {
        Ok(Status::Complete((length, parsed))) => (
            length,
            headers_of(input, base, parsed, (content, 0, "part header"))?,
        ),
        Ok(Status::Partial) => {
            return Err(at(
                input,
                base + content.len(),
                ErrorKind::Structure,
                "the part's headers do not end with a blank line before its HTTP message",
            ))
        }
        Err(err) => return Err(header_error(input, base, content, 0, err, "part header")),
    };
    let msgtype = header(&headers, "Content-Type")
        .and_then(|value| MediaType::parse(value).ok())
        .and_then(|media| media.parameter("msgtype").map(str::to_ascii_lowercase));
    let response = match msgtype.as_deref() {
        Some("request") => Some(false),
        Some("response") => Some(true),
        _ => None,
    };
    let (message, head) = parse_http(input, base + length, &content[length..], response, decode)?;
    let span = PartSpan {
        start: base + length,
        body: base + length + head,
    };
    Ok((Part { headers, message }, span))
}

/// Reads an HTTP message at `base` in `input`: the message and where its body starts (in
/// `data`). `response` says which kind it must be (`None`: from its first bytes). The body is
/// decoded with `decode` when given and its `Content-Type` is JSON or XML.
pub(crate) fn parse_http(
    input: &Source<'_>,
    base: usize,
    data: &[u8],
    response: Option<bool>,
    decode: Option<&DecodeOptions>,
) -> Result<(HttpMessage, usize)> {
    let response = response.unwrap_or_else(|| data.starts_with(b"HTTP/"));
    let first_line = lines(data).next();
    let line_end = match first_line {
        Some(line) if line.next - line.end == 1 => LineEnd::Lf,
        _ => LineEnd::CrLf,
    };
    if data.iter().all(u8::is_ascii_whitespace) {
        return Err(at(
            input,
            base + data.len(),
            ErrorKind::Eof,
            "unexpected end of input: no HTTP message",
        ));
    }
    let (start_line, headers, length) = match parse_head(input, base, data, response)? {
        Some(parsed) => parsed,
        None => {
            // No blank line after the headers: a message without a body may end there.
            let mut closed = data.to_vec();
            closed.extend_from_slice(line_end.as_bytes());
            closed.extend_from_slice(line_end.as_bytes());
            match parse_head(input, base, &closed, response)? {
                Some((start_line, headers, _)) => (start_line, headers, data.len()),
                None => {
                    return Err(at(
                        input,
                        base + data.len(),
                        ErrorKind::Eof,
                        "unexpected end of input in the HTTP message's start line",
                    ))
                }
            }
        }
    };
    let body = &data[length..];
    let mut message = HttpMessage {
        start_line,
        headers,
        body: body.to_vec(),
        document: None,
        body_error: None,
        line_end,
    };
    if let Some(options) = decode {
        if let Some(format) = message.format() {
            let text_start = if body.starts_with(BOM) { BOM.len() } else { 0 };
            if !body[text_start..].iter().all(u8::is_ascii_whitespace) {
                let body_at = base + length;
                match document::decode_with(body, Some(format), options) {
                    Ok(doc) => message.document = Some(doc),
                    Err(err) => {
                        let offset = err.position().map_or(0, |p| p.offset);
                        let mut moved =
                            Error::new(err.kind(), err.message()).with_path(err.path().to_owned());
                        if err.position().is_some() {
                            moved =
                                moved.with_position(input.position(body_at + text_start + offset));
                        }
                        message.body_error = Some(moved);
                    }
                }
            }
        }
    }
    Ok((message, length))
}

type Head = (StartLine, Vec<Header>, usize);

/// The start line and headers, and their length; `None` when they do not end with a blank
/// line.
fn parse_head(
    input: &Source<'_>,
    base: usize,
    data: &[u8],
    response: bool,
) -> Result<Option<Head>> {
    let mut raw = [httparse::EMPTY_HEADER; MAX_HEADERS];
    if response {
        let mut parsed = httparse::Response::new(&mut raw);
        match parsed.parse(data) {
            Ok(Status::Complete(length)) => {
                let start_line = StartLine::Response {
                    version: parsed.version.unwrap_or(1),
                    status: parsed.code.unwrap_or(0),
                    reason: Str::from(parsed.reason.unwrap_or("")),
                };
                Ok(Some((
                    start_line,
                    headers_of(input, base, parsed.headers, (data, 1, "response"))?,
                    length,
                )))
            }
            Ok(Status::Partial) => Ok(None),
            Err(err) => Err(header_error(input, base, data, 1, err, "response")),
        }
    } else {
        let mut parsed = httparse::Request::new(&mut raw);
        match parsed.parse(data) {
            Ok(Status::Complete(length)) => {
                let start_line = StartLine::Request {
                    method: Str::from(parsed.method.unwrap_or("")),
                    target: Str::from(parsed.path.unwrap_or("")),
                    version: parsed.version.unwrap_or(1),
                };
                Ok(Some((
                    start_line,
                    headers_of(input, base, parsed.headers, (data, 1, "request"))?,
                    length,
                )))
            }
            Ok(Status::Partial) => Ok(None),
            Err(err) => Err(header_error(input, base, data, 1, err, "request")),
        }
    }
}

/// The headers `httparse` read from `data` (at `base` in `input`, the first `skip` lines
/// before them), in the `what` (`response`, `request`, `part header`).
///
/// A second `Content-Type` or `Content-Length` is refused: which of two would tell the body's
/// format or its end, and which would a conversion rewrite? (RFC 9112, 6.3, refuses differing
/// lengths as a sign of request smuggling.)
fn headers_of(
    input: &Source<'_>,
    base: usize,
    parsed: &[httparse::Header<'_>],
    (data, skip, what): (&[u8], usize, &str),
) -> Result<Vec<Header>> {
    let headers = parsed
        .iter()
        .map(|h| match std::str::from_utf8(h.value) {
            Ok(value) => Ok(Header::new(h.name, value.trim_end_matches([' ', '\t']))),
            Err(_) => Err(at(
                input,
                base,
                ErrorKind::Utf8,
                format!("the value of header `{}` is not UTF-8", h.name),
            )),
        })
        .collect::<Result<Vec<Header>>>()?;
    for name in ["Content-Type", "Content-Length"] {
        if headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case(name))
            .count()
            < 2
        {
            continue;
        }
        let named = |line: &[u8]| {
            let header = line.split(|&b| b == b':').next().unwrap_or_default();
            header.trim_ascii().eq_ignore_ascii_case(name.as_bytes())
        };
        let second = lines(data)
            .skip(skip)
            .take_while(|l| l.end > l.start)
            .filter(|l| named(&data[l.start..l.end]))
            .nth(1)
            .map_or(0, |l| l.start);
        return Err(at(
            input,
            base + second,
            ErrorKind::Structure,
            format!(
                "a second `{name}` header in the {what}: refused, as a message has one \
                 (which would hold, and be rewritten?)"
            ),
        ));
    }
    Ok(headers)
}

/// The error for an `httparse` failure, at the line that causes it: the start line for a
/// bad start line, else the first header line `httparse` refuses alone. `skip` is how many
/// lines come before the headers (1 for a start line).
fn header_error(
    input: &Source<'_>,
    base: usize,
    data: &[u8],
    skip: usize,
    err: httparse::Error,
    what: &str,
) -> Error {
    use httparse::Error as E;
    let kind = match err {
        E::TooManyHeaders => ErrorKind::Limit,
        _ => ErrorKind::Syntax,
    };
    let in_start_line = matches!(err, E::Token | E::Version | E::Status) && skip == 1;
    let mut offset = 0;
    if !in_start_line {
        for line in lines(data).skip(skip) {
            if line.end == line.start {
                break;
            }
            let mut alone = data[line.start..line.end].to_vec();
            alone.extend_from_slice(b"\r\n\r\n");
            let mut raw = [httparse::EMPTY_HEADER; 1];
            if httparse::parse_headers(&alone, &mut raw).is_err() {
                offset = line.start;
                break;
            }
        }
    }
    let message = match err {
        E::TooManyHeaders => format!("more than {MAX_HEADERS} headers in the {what}"),
        E::Token | E::Version | E::Status if in_start_line => format!(
            "invalid {what} line ({err}); expected {}",
            if what == "response" {
                "`HTTP/1.1 STATUS REASON`"
            } else {
                "`METHOD TARGET HTTP/1.1`"
            }
        ),
        _ => format!("invalid {what} header ({err})"),
    };
    at(input, base + offset, kind, message)
}

/// Reads a whole HTTP message whose body is a batch: the message (its body the batch's
/// bytes, not decoded) and the batch.
pub fn parse_message(bytes: &[u8]) -> Result<(HttpMessage, Batch)> {
    parse_message_with(bytes, &DecodeOptions::default())
}

/// [`parse_message`], keeping to `options`' limits (`max_size` for the whole message,
/// `max_parts`, and those of decoding each part).
pub fn parse_message_with(bytes: &[u8], options: &DecodeOptions) -> Result<(HttpMessage, Batch)> {
    options.check_size(bytes.len())?;
    let input = Source::new(bytes);
    let bytes = input.bytes();
    let start = blank_prefix(bytes);
    let (message, length) = parse_http(&input, start, &bytes[start..], None, None)?;
    let Some(content_type) = message.header("Content-Type") else {
        return Err(at(
            &input,
            start,
            ErrorKind::Structure,
            "the HTTP message has no Content-Type; a batch's is multipart/batching",
        ));
    };
    let body_at = start + length;
    let batch = parse_body(
        &input,
        body_at,
        &bytes[body_at..],
        Some(content_type),
        options,
    )
    .map_err(|err| match err.position() {
        Some(_) => err,
        None => at(&input, start, err.kind(), err.message()),
    })?;
    Ok((message, batch))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_on_either_ending() {
        let text = b"a\r\nb\nc";
        let found: Vec<(usize, usize, usize)> =
            lines(text).map(|l| (l.start, l.end, l.next)).collect();
        assert_eq!(found, [(0, 1, 3), (3, 4, 5), (5, 6, 6)]);
    }

    #[test]
    fn start_lines() {
        assert!(is_start_line(b"HTTP/1.1 200 OK"));
        assert!(is_start_line(b"HTTP/1.1 204"));
        assert!(is_start_line(b"GET /ucwa/v1/applications HTTP/1.1"));
        assert!(is_start_line(b"Get https://fe1.contoso.com:443/x HTTP/1.1"));
        assert!(!is_start_line(b"Content-Type: application/json"));
        assert!(!is_start_line(b"  \"text\": \"GET / HTTP/1.1\""));
        assert!(!is_start_line(b"HTTP/1.1 OK"));
        assert!(!is_start_line(b""));
        assert!(!is_start_line(b"{\"log\": {\"x\": \"GET / HTTP/1.1\"}}"));
        assert!(!is_start_line(b"GET\t/ HTTP/1.1"));
        assert!(is_start_line(b"M-SEARCH * HTTP/1.1"));
    }

    #[test]
    fn boundary_lines() {
        assert_eq!(delimiter(b"--b", b"--b"), Some(false));
        assert_eq!(delimiter(b"--b \t", b"--b"), Some(false));
        assert_eq!(delimiter(b"--b--", b"--b"), Some(true));
        assert_eq!(delimiter(b"--bc", b"--b"), None);
        assert_eq!(delimiter(b"x--b", b"--b"), None);
    }

    #[test]
    fn boundaries_from_content_types() {
        assert_eq!(
            boundary_of("multipart/batching;boundary=\"EA370946\"").unwrap(),
            "EA370946"
        );
        assert_eq!(
            boundary_of("multipart/batching; boundary=0cac9abd").unwrap(),
            "0cac9abd"
        );
        assert!(boundary_of("application/json").is_err());
        assert!(boundary_of("multipart/batching").is_err());
        assert!(boundary_of("multipart/batching; boundary=\"\"").is_err());
    }
}
