//! Reading a payload: from a file or standard input, its format detected or given.

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

/// A wire format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `application/vnd.microsoft.com.ucwa+json`
    Json,
    /// `application/vnd.microsoft.com.ucwa+xml`
    Xml,
}

/// A payload read whole, with the name to show in messages.
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Why a command could not go on, and the exit code that says so.
pub struct Failure {
    pub code: u8,
    pub message: String,
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

/// The format of a payload from its first non-blank byte: `<` is XML, `{` or `[` JSON.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => Some(Format::Xml),
        Some(b'{' | b'[') => Some(Format::Json),
        _ => None,
    }
}

impl Input {
    /// Decodes the payload as a resource, in `format` or the detected one.
    pub fn decode(
        &self,
        format: Option<Format>,
        invalid_code: u8,
    ) -> Result<ucwa_codec::Resource, Failure> {
        let format = match format.or_else(|| detect(&self.bytes)) {
            Some(format) => format,
            None => {
                return Err(Failure {
                    code: invalid_code,
                    message: format!(
                        "{}: cannot tell the format (the input starts with neither `<` nor `{{`); use --from",
                        self.name
                    ),
                })
            }
        };
        let result = match format {
            Format::Json => ucwa_codec::json::from_slice(&self.bytes),
            Format::Xml => ucwa_codec::xml::from_slice(&self.bytes),
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

/// Prints a failure to standard error and gives its exit code.
pub fn report(failure: Failure) -> std::process::ExitCode {
    eprintln!("error: {}", failure.message);
    std::process::ExitCode::from(failure.code)
}

/// A path argument, where `-` means standard input.
pub type PathArg = PathBuf;
