//! Reading a payload: from a file or standard input; what it is (a document in either format,
//! or a batch) detected from its content or given.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use ucwa_codec::batch::{self, Batch, HttpMessage};
use ucwa_codec::document::{self, Document};
use ucwa_codec::{DecodeOptions, ErrorKind};

/// A wire format, as the command line names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `application/vnd.microsoft.com.ucwa+json`
    Json,
    /// `application/vnd.microsoft.com.ucwa+xml`
    Xml,
}

impl From<Format> for ucwa_codec::Format {
    fn from(format: Format) -> ucwa_codec::Format {
        match format {
            Format::Json => ucwa_codec::Format::Json,
            Format::Xml => ucwa_codec::Format::Xml,
        }
    }
}

/// The limits of reading, as the command line sets them.
#[derive(clap::Args, Clone, Debug)]
pub struct Limits {
    /// The largest input read, in bytes: reading stops with an error at the byte after
    /// (a pipe that never ends, `/dev/zero`), and no document or part is decoded past it.
    #[arg(long, value_name = "BYTES", default_value_t = ucwa_codec::DEFAULT_MAX_SIZE)]
    pub max_size: usize,
}

impl Limits {
    /// The decoding options these limits make.
    pub fn options(&self) -> DecodeOptions {
        DecodeOptions::new().with_max_size(self.max_size)
    }
}

/// A payload read whole, with the name to show in messages.
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
    /// The limits it was read with, and is decoded with.
    pub options: DecodeOptions,
}

/// Why a command could not go on, and the exit code that says so.
pub struct Failure {
    pub code: u8,
    /// What to print on standard error; empty for a [`quiet`](Failure::quiet) end.
    pub message: String,
}

impl Failure {
    /// The end of a command whose standard output its reader closed: exit 0, nothing printed.
    pub fn quiet() -> Failure {
        Failure {
            code: 0,
            message: String::new(),
        }
    }
}

/// What a payload holds.
pub enum Payload {
    /// A document: a resource, an events document, an error body or metadata.
    Document(Document),
    /// A `multipart/batching` body.
    Batch(Batch),
    /// A whole HTTP message whose body is a batch.
    Message(Box<HttpMessage>, Batch),
}

/// Why an input was not read: its name, the reason, and whether the reason is its size.
pub struct ReadError {
    pub name: String,
    pub reason: String,
    /// Larger than `max_size`, rather than unreadable.
    pub too_large: bool,
}

impl ReadError {
    /// The failure of a command: exit 2 for an input that cannot be read (`cannot read NAME:
    /// ...`), `too_large_code` for one past `max_size` (`NAME: the input is more than ...`).
    pub fn failure(self, too_large_code: u8) -> Failure {
        if self.too_large {
            Failure {
                code: too_large_code,
                message: format!("{}: {}", self.name, self.reason),
            }
        } else {
            Failure {
                code: 2,
                message: format!("cannot read {}: {}", self.name, self.reason),
            }
        }
    }
}

/// Reads `path`, or standard input for `None` and `-`, stopping past `options.max_size`.
pub fn read(path: Option<&Path>, options: &DecodeOptions) -> Result<Input, ReadError> {
    let (name, read) = match path {
        None => read_stdin(options),
        Some(p) if p == Path::new("-") => read_stdin(options),
        Some(p) => {
            let name = p.display().to_string();
            match std::fs::File::open(p) {
                Ok(file) => (name, options.read_all(file)),
                Err(err) => {
                    return Err(ReadError {
                        name,
                        reason: err.to_string(),
                        too_large: false,
                    })
                }
            }
        }
    };
    match read {
        Ok(bytes) => Ok(Input {
            name,
            bytes,
            options: options.clone(),
        }),
        Err(err) => Err(ReadError {
            name,
            reason: err.to_string(),
            too_large: err.kind() == ErrorKind::Limit,
        }),
    }
}

fn read_stdin(options: &DecodeOptions) -> (String, ucwa_codec::Result<Vec<u8>>) {
    (
        "<stdin>".to_owned(),
        options.read_all(std::io::stdin().lock()),
    )
}

/// The format of a document from its first non-blank byte: `<` is XML, `{` or `[` JSON.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    match ucwa_codec::Format::detect(bytes)? {
        ucwa_codec::Format::Json => Some(Format::Json),
        ucwa_codec::Format::Xml => Some(Format::Xml),
    }
}

/// Whether the payload is a batch: a body starting with its boundary line (`--boundary`), or
/// a whole HTTP message (its start line first).
fn looks_like_batch(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let rest = &bytes[start..];
    if rest.starts_with(b"--") {
        return true;
    }
    let line = rest.split(|&b| b == b'\n').next().unwrap_or_default();
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    // A status line, or a request line (XML whose first line ends in ` HTTP/1.1` is none).
    batch::is_start_line(line)
}

impl Input {
    /// Reads the payload: a batch when it looks like one, else a document in `format` or the
    /// detected one. A failure exits with `invalid_code`.
    pub fn payload(&self, format: Option<Format>, invalid_code: u8) -> Result<Payload, Failure> {
        let text = self
            .bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(&self.bytes);
        if text.iter().all(u8::is_ascii_whitespace) {
            let what = if self.bytes.is_empty() {
                "empty"
            } else {
                "empty (only white space)"
            };
            return Err(Failure {
                code: invalid_code,
                message: format!(
                    "{}: the input is {what}: no UCWA payload to read",
                    self.name
                ),
            });
        }
        let result = if format.is_none() && looks_like_batch(&self.bytes) {
            if self.bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'-') {
                Batch::parse_with(&self.bytes, None, &self.options).map(Payload::Batch)
            } else {
                batch::parse_message_with(&self.bytes, &self.options)
                    .map(|(message, batch)| Payload::Message(Box::new(message), batch))
            }
        } else {
            document::decode_with(&self.bytes, format.map(Into::into), &self.options)
                .map(Payload::Document)
        };
        result.map_err(|err| Failure {
            code: invalid_code,
            message: self.render_error(&err),
        })
    }

    /// The error, then its source line — a window of it around the column, control
    /// characters escaped — with a caret under the column.
    pub fn render_error(&self, err: &ucwa_codec::Error) -> String {
        let mut out = format!("{}: {err}", self.name);
        let Some(position) = err.position() else {
            return out;
        };
        let Some(line) = self.line_at(position) else {
            return out;
        };
        let (shown, caret) = snippet(line, position.column.saturating_sub(1));
        let number = position.line.to_string();
        let gutter = " ".repeat(number.len());
        out.push_str(&format!(
            "\n{gutter}--> {}:{}:{}\n{gutter} |\n{number} | {shown}\n{gutter} | {caret}^",
            self.name, position.line, position.column
        ));
        out
    }

    /// The bytes of the line a position is on (without its line end): found around the
    /// position's byte offset when that offset lies on a line at the position's column, else
    /// by counting line feeds.
    fn line_at(&self, position: ucwa_codec::Position) -> Option<&[u8]> {
        let bytes = &self.bytes[..];
        let offset = position.offset.min(bytes.len());
        let start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |nl| nl + 1);
        let chars_before = bytes[start..offset]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count();
        let start = if chars_before + 1 == position.column {
            start
        } else {
            // The offset does not fit the line and column (a position in a part, say).
            let wanted = position.line.checked_sub(1)?;
            if wanted == 0 {
                0
            } else {
                memchr::memchr_iter(b'\n', bytes).nth(wanted - 1)? + 1
            }
        };
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |nl| start + nl);
        let line = &bytes[start..end];
        Some(line.strip_suffix(b"\r").unwrap_or(line))
    }
}

/// At most this many characters of a source line are shown on each side of the column.
const SNIPPET_CONTEXT: usize = 100;

/// A line's window around the 0-based character `column`, for a terminal: control characters
/// escaped (tabs kept), cuts marked `…`; and the padding that puts a caret under the column.
fn snippet(line: &[u8], column: usize) -> (String, String) {
    let text = String::from_utf8_lossy(line);
    let skip = column.saturating_sub(SNIPPET_CONTEXT);
    let mut chars = text.chars().skip(skip);
    let (mut shown, mut caret) = (String::new(), String::new());
    if skip > 0 {
        shown.push('…');
        caret.push(' ');
    }
    for (index, c) in chars
        .by_ref()
        .take(column - skip + SNIPPET_CONTEXT)
        .enumerate()
    {
        let before_caret = skip + index < column;
        match c {
            '\t' => {
                shown.push('\t');
                if before_caret {
                    caret.push('\t');
                }
            }
            c if needs_escape(c) => {
                let escaped = c.escape_unicode().to_string();
                if before_caret {
                    caret.extend(std::iter::repeat_n(' ', escaped.chars().count()));
                }
                shown.push_str(&escaped);
            }
            c => {
                shown.push(c);
                if before_caret {
                    caret.push(' ');
                }
            }
        }
    }
    if chars.next().is_some() {
        shown.push('…');
    }
    (shown, caret)
}

/// Whether a character is shown escaped: control characters (but tab), and the marks that
/// reorder text on a terminal (bidirectional overrides and isolates).
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Prints a failure to standard error (unless it is quiet) and gives its exit code.
pub fn report(failure: Failure) -> std::process::ExitCode {
    if !failure.message.is_empty() {
        crate::output::to_stderr(format_args!("error: {}", failure.message));
    }
    std::process::ExitCode::from(failure.code)
}

/// A path argument, where `-` means standard input.
pub type PathArg = PathBuf;
