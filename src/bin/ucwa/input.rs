//! Reading a payload: from a file or standard input; what it is (a document in either format,
//! or a batch) detected from its content or given.

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use ucwa_codec::batch::{self, Batch, HttpMessage};
use ucwa_codec::document::{self, Document};

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

/// A payload read whole, with the name to show in messages.
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
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

/// Reads `path`, or standard input for `None` and `-`.
pub fn read(path: Option<&Path>) -> Result<Input, Failure> {
    match path {
        None => read_stdin(),
        Some(p) if p == Path::new("-") => read_stdin(),
        Some(p) => std::fs::read(p)
            .map(|bytes| Input {
                name: p.display().to_string(),
                bytes,
            })
            .map_err(|err| Failure {
                code: 2,
                message: format!("cannot read {}: {err}", p.display()),
            }),
    }
}

fn read_stdin() -> Result<Input, Failure> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|err| Failure {
            code: 2,
            message: format!("cannot read standard input: {err}"),
        })?;
    Ok(Input {
        name: "<stdin>".to_owned(),
        bytes,
    })
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
    // A status line, or a request line ending in the protocol version.
    rest.starts_with(b"HTTP/") || (line.len() > 9 && line[line.len() - 9..].starts_with(b" HTTP/"))
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
                Batch::parse(&self.bytes, None).map(Payload::Batch)
            } else {
                batch::parse_message(&self.bytes)
                    .map(|(message, batch)| Payload::Message(Box::new(message), batch))
            }
        } else {
            document::decode(&self.bytes, format.map(Into::into)).map(Payload::Document)
        };
        result.map_err(|err| Failure {
            code: invalid_code,
            message: self.render_error(&err),
        })
    }

    /// The error, then the source line with a caret under the column.
    pub fn render_error(&self, err: &ucwa_codec::Error) -> String {
        let mut out = format!("{}: {err}", self.name);
        let Some(position) = err.position() else {
            return out;
        };
        let text = String::from_utf8_lossy(&self.bytes);
        let Some(line) = text.lines().nth(position.line.saturating_sub(1)) else {
            return out;
        };
        let line = line.trim_end_matches('\r');
        let number = position.line.to_string();
        let gutter = " ".repeat(number.len());
        // Tabs keep their width so that the caret lines up.
        let pad: String = line
            .chars()
            .take(position.column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        out.push_str(&format!(
            "\n{gutter}--> {}:{}:{}\n{gutter} |\n{number} | {line}\n{gutter} | {pad}^",
            self.name, position.line, position.column
        ));
        out
    }
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
