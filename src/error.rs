//! [`Error`]: what went wrong, where (line, column, byte offset) and at which path.

use std::fmt;

/// What kind of error it is. More kinds may come; match with a wildcard arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are not well-formed JSON or XML.
    Syntax,
    /// The input ends before the document does.
    Eof,
    /// The input is not UTF-8.
    Utf8,
    /// Well-formed, but not a UCWA document: a member, element or attribute is missing, of the
    /// wrong kind, or where none may be.
    Structure,
    /// A value that does not fit where it stands (a number that is not an `i64`, a bad date,
    /// a duplicate member).
    Value,
    /// A limit was exceeded (nesting depth, size, number of items).
    Limit,
    /// The model holds something the target format cannot write.
    Unrepresentable,
    /// Reading or writing failed.
    Io,
}

/// A place in the input: 1-based line and column (in characters) and 0-based byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// 0-based byte offset.
    pub offset: usize,
}

impl Position {
    /// The position of byte `offset` in `input` (clamped to its length).
    pub fn at_offset(input: &[u8], offset: usize) -> Position {
        let offset = offset.min(input.len());
        let before = &input[..offset];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = column_of(&before[line_start..]);
        Position {
            line,
            column,
            offset,
        }
    }

    /// The position of the byte serde_json reports as 1-based `line` and `byte_column`: the
    /// number of bytes read on that line, the offending one included (0 when the offending
    /// byte is the line end before it).
    pub(crate) fn at_line_byte_column(input: &[u8], line: usize, byte_column: usize) -> Position {
        let mut line_start = 0;
        for _ in 1..line {
            match input[line_start..].iter().position(|&b| b == b'\n') {
                Some(i) => line_start += i + 1,
                None => break,
            }
        }
        Position::at_offset(input, (line_start + byte_column).saturating_sub(1))
    }
}

/// A text whose positions are asked for many offsets: its line starts are found once, on the
/// first question, so that each later one costs a binary search and the characters of its line
/// before the offset (not a scan from the start of the text).
pub(crate) struct Source<'a> {
    bytes: &'a [u8],
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> Source<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Source<'a> {
        Source {
            bytes,
            line_starts: std::cell::OnceCell::new(),
        }
    }

    /// The text.
    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The position of byte `offset` (clamped to the length), as [`Position::at_offset`].
    pub(crate) fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.bytes.len());
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.bytes).map(|i| i + 1))
                .collect()
        });
        // `starts[0]` is 0, so at least one start is at or before `offset`.
        let line = starts.partition_point(|&start| start <= offset);
        let line_start = starts[line - 1];
        Position {
            column: column_of(&self.bytes[line_start..offset]),
            line,
            offset,
        }
    }
}

/// The 1-based column after `line_before` (the line up to the position), in characters, not
/// bytes: UTF-8 continuation bytes are not counted.
fn column_of(line_before: &[u8]) -> usize {
    line_before.iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1
}

/// One step of a path into a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Segment {
    Key(String),
    Index(usize),
}

/// A path into a document, built innermost first as an error travels outward.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PathBuf {
    reversed: Vec<Segment>,
}

impl PathBuf {
    pub(crate) fn push_outer_key(&mut self, key: &str) {
        self.reversed.push(Segment::Key(key.to_owned()));
    }

    pub(crate) fn push_outer_index(&mut self, index: usize) {
        self.reversed.push(Segment::Index(index));
    }

    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        for segment in self.reversed.iter().rev() {
            match segment {
                Segment::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }
}

/// The one error of this crate: a kind, a message, the position in the input and the path in
/// the document.
///
/// Its `Display` is one line: `MESSAGE at line L, column C, path P` (the parts that are known).
///
/// ```
/// let err = ucwa_codec::json::from_str::<ucwa_codec::Resource>("{\n  \"_links\": {\"self\": {\"href\": 4}}\n}").unwrap_err();
/// assert_eq!(err.line(), 2);
/// assert_eq!(err.path(), "_links.self.href");
/// assert!(err.to_string().contains("line 2, column"));
/// ```
///
/// Two errors are equal when their kind, message, position and path are.
#[derive(PartialEq, Eq, Hash)]
pub struct Error {
    inner: Box<ErrorImpl>,
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct ErrorImpl {
    kind: ErrorKind,
    message: String,
    position: Option<Position>,
    path: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            inner: Box::new(ErrorImpl {
                kind,
                message: message.into(),
                position: None,
                path: String::new(),
            }),
        }
    }

    pub(crate) fn with_position(mut self, position: Position) -> Error {
        self.inner.position = Some(position);
        self
    }

    pub(crate) fn with_path(mut self, path: String) -> Error {
        self.inner.path = path;
        self
    }

    /// The error with `key` put before its path, as it travels out of a member.
    pub(crate) fn in_key(mut self, key: &str) -> Error {
        let path = &mut self.inner.path;
        let separator = if path.is_empty() || path.starts_with('[') {
            ""
        } else {
            "."
        };
        *path = format!("{key}{separator}{path}");
        self
    }

    /// The error with `[index]` put before its path, as it travels out of an array item.
    pub(crate) fn in_index(mut self, index: usize) -> Error {
        let path = &mut self.inner.path;
        let separator = if path.is_empty() || path.starts_with('[') {
            ""
        } else {
            "."
        };
        *path = format!("[{index}]{separator}{path}");
        self
    }

    pub(crate) fn io(err: std::io::Error) -> Error {
        // A writer that meets something it cannot write says so through `io::Error::other`.
        match err
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<Error>())
        {
            Some(inner) => inner.clone(),
            None => Error::new(ErrorKind::Io, err.to_string()),
        }
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// What went wrong, without position or path.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// Where in the input, when the error came from reading one.
    pub fn position(&self) -> Option<Position> {
        self.inner.position
    }

    /// The 1-based line, or 0 when there is no position.
    pub fn line(&self) -> usize {
        self.inner.position.map_or(0, |p| p.line)
    }

    /// The 1-based column, or 0 when there is no position.
    pub fn column(&self) -> usize {
        self.inner.position.map_or(0, |p| p.column)
    }

    /// The path in the document, e.g. `_embedded.from._links.self` (empty at the root).
    pub fn path(&self) -> &str {
        &self.inner.path
    }
}

impl fmt::Display for Error {
    /// One line: control characters in the message or path (which quote the input) are
    /// written escaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_one_line(f, &self.inner.message)?;
        if let Some(p) = self.inner.position {
            write!(f, " at line {}, column {}", p.line, p.column)?;
        }
        if !self.inner.path.is_empty() {
            f.write_str(", path ")?;
            write_one_line(f, &self.inner.path)?;
        }
        Ok(())
    }
}

fn write_one_line(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    if !text.chars().any(char::is_control) {
        return f.write_str(text);
    }
    for c in text.chars() {
        if c.is_control() {
            write!(f, "{}", c.escape_default())?;
        } else {
            write!(f, "{c}")?;
        }
    }
    Ok(())
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.inner.kind)
            .field("message", &self.inner.message)
            .field("position", &self.inner.position)
            .field("path", &self.inner.path)
            .finish()
    }
}

impl std::error::Error for Error {}

impl Clone for Error {
    fn clone(&self) -> Error {
        Error {
            inner: self.inner.clone(),
        }
    }
}

/// The crate's `Result`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Checks that `bytes` are UTF-8 (a leading byte-order mark is skipped) and returns the text.
pub(crate) fn utf8_text(bytes: &[u8]) -> Result<&str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // simdutf8 checks many bytes an instruction, where the standard library goes a byte at a
    // time through non-ASCII text; on failure the standard library finds the position.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
    std::str::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorKind::Utf8,
            format!("invalid UTF-8 at byte offset {}", e.valid_up_to()),
        )
        .with_position(Position::at_offset(bytes, e.valid_up_to()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let input = "ab\nçd\ne".as_bytes();
        assert_eq!(
            Position::at_offset(input, 0),
            Position {
                line: 1,
                column: 1,
                offset: 0
            }
        );
        let p = Position::at_offset(input, 6);
        assert_eq!((p.line, p.column), (2, 3));
        let p = Position::at_line_byte_column(input, 3, 1);
        assert_eq!((p.line, p.column, p.offset), (3, 1, 7));
        let p = Position::at_line_byte_column(input, 3, 0);
        assert_eq!((p.line, p.column, p.offset), (2, 3, 6));
    }

    #[test]
    fn a_source_gives_the_positions_at_offset_gives() {
        for input in [&b""[..], b"\n", b"a\r\n\n\xC3\xA7d\nxyz", b"no line end"] {
            let source = Source::new(input);
            for offset in 0..=input.len() + 2 {
                assert_eq!(
                    source.position(offset),
                    Position::at_offset(input, offset),
                    "{input:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn display_escapes_control_characters() {
        let e = Error::new(ErrorKind::Value, "bad text `a\nb`").with_path("x\u{0}y".into());
        assert_eq!(e.to_string(), "bad text `a\\nb`, path x\\u{0}y");
    }

    #[test]
    fn display_is_one_line() {
        let e = Error::new(ErrorKind::Syntax, "expected `>`")
            .with_position(Position {
                line: 3,
                column: 7,
                offset: 20,
            })
            .with_path("_links.self".into());
        assert_eq!(
            e.to_string(),
            "expected `>` at line 3, column 7, path _links.self"
        );
    }
}

/// Something a decoder, typing or a conversion says without failing: a value kept as it was
/// because it does not fit its documented type, or what the target format of a conversion
/// cannot carry.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Warning {
    /// Where: the path in the document, e.g. `_embedded.contact[2].emailAddresses[0]`.
    pub path: String,
    /// What happened.
    pub message: String,
}

impl Warning {
    pub(crate) fn new(path: impl Into<String>, message: impl Into<String>) -> Warning {
        Warning {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    /// `MESSAGE, path PATH` (no path at the document's root), as [`Error`] writes its path.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_one_line(f, &self.message)?;
        if !self.path.is_empty() {
            f.write_str(", path ")?;
            write_one_line(f, &self.path)?;
        }
        Ok(())
    }
}
