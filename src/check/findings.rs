//! What a check finds: [`Finding`]s with a stable [`codes`] code and a [`Severity`], and the
//! [`Report`] of one or more files.

use std::fmt;

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The payload is wrong: it cannot be read, or contradicts the reference.
    Error,
    /// Worth a look: something the reference does not document, or cannot vouch for.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The codes of findings: stable, kebab-case names that programs may match on. Each code has
/// one severity ([`severity_of`](codes::severity_of)), but for
/// [`TOO_MANY_FINDINGS`](codes::TOO_MANY_FINDINGS). More codes may come.
pub mod codes {
    use super::Severity;

    /// Error: a payload does not decode (not well-formed JSON or XML, or not a UCWA document
    /// of the kind its content shows). The message gives the line and column, in the file
    /// for payloads that stand in it literally, else in the payload's own text.
    pub const DECODE_ERROR: &str = "decode-error";
    /// Error: the capture around the payloads is malformed — a HAR file of the wrong shape,
    /// base64 content that does not decode, an HTTP message head or a batch that does not
    /// parse. The payloads it would hold are not checked.
    pub const INVALID_CAPTURE: &str = "invalid-capture";
    /// Error: a file holds no UCWA payload at all — it is empty, binary, or text without a
    /// JSON or XML body (every body skipped, or none). A file given to `check` is claimed to
    /// hold UCWA traffic; passing over it silently would hide that nothing was checked.
    pub const NO_PAYLOAD: &str = "no-payload";
    /// Error: a file that was not read — it cannot be opened or read (no permission, an I/O
    /// error, a folder that cannot be listed, a symbolic link that loops), or it is larger
    /// than the `max_size` limit (reading stops there). The other files are still checked.
    pub const FILE_NOT_READ: &str = "file-not-read";
    /// A payload's findings past the first `max_findings` (default 1,000), left out: one
    /// finding that says how many of which code. Its severity is the highest of those left out
    /// (an error when one is), so that leaving them out changes no exit code.
    pub const TOO_MANY_FINDINGS: &str = "too-many-findings";
    /// Warning: a well-formed XML payload whose root element is none the codecs model
    /// (`resource`, `input`, `events`, `reason`, `optionsMetadata`), such as the documented
    /// `<operationsQueued>` response of `makeMeAvailable`. It is not checked further.
    pub const UNSUPPORTED_DOCUMENT: &str = "unsupported-document";
    /// Warning: a resource whose type (`"rel"`, `<property name="rel">`) the catalogue does
    /// not know. Its content is not checked.
    pub const UNKNOWN_RESOURCE_TYPE: &str = "unknown-resource-type";
    /// Warning: a property the reference does not document for the resource's type. Names
    /// that are GUIDs are not reported (UCWA adds one, "please pass this in a PUT request",
    /// to resources that take a PUT), nor `etag` on any type or `expires` on `application`,
    /// which real traffic carries though no page lists them.
    pub const UNKNOWN_PROPERTY: &str = "unknown-property";
    /// Warning: a link relation, or an embedded relation, the reference does not document for
    /// the resource's type (`self` is always known).
    pub const UNKNOWN_LINK_REL: &str = "unknown-link-rel";
    /// Error: a property value of the wrong type — a JSON value of another JSON type than the
    /// documented one (a string where an integer is documented), XML text that does not read
    /// as the documented integer, boolean or date, or a single value where a list is
    /// documented or the reverse. Null fits every type.
    pub const WRONG_VALUE_TYPE: &str = "wrong-value-type";
    /// Error: a link or embedded relation in the wrong shape — in JSON one object where the
    /// reference has an array or the reverse; in XML (which cannot tell one from a list of
    /// one) several where the reference has one.
    pub const WRONG_CARDINALITY: &str = "wrong-cardinality";
    /// Warning: an enumeration's value that is not among the members its reference page
    /// lists. A warning, not an error: the Members tables are incomplete — the reference's
    /// own samples use values they lack (`Succeeded` for `LisQueryResultEnum`,
    /// `DataCollaboration` for `ModalityType`, `None` for two `target`s), and no table can
    /// be told complete.
    pub const BAD_ENUMERATION_VALUE: &str = "bad-enumeration-value";
    /// Error: an embedded resource without a self link, or a typed root resource of a
    /// response without one. Request bodies, and the untyped results some operations answer
    /// with, legitimately have none.
    pub const MISSING_SELF_LINK: &str = "missing-self-link";

    /// Error (sessions): a `PUT` request without an `If-Match` header. The reference answers
    /// such a request 428 (PreconditionRequired): UCWA updates only what the client has seen.
    pub const MISSING_IF_MATCH: &str = "missing-if-match";
    /// Error (sessions): an HTTP message's body is not in the format its `Content-Type` names
    /// (JSON named, XML sent, or the reverse).
    pub const CONTENT_TYPE_MISMATCH: &str = "content-type-mismatch";
    /// Error (sessions): a successful response whose resource is not of the type that the
    /// links to its URL, seen earlier in the capture, lead to (a link's relation names the
    /// type of the resource it points at).
    pub const UNEXPECTED_RESOURCE_TYPE: &str = "unexpected-resource-type";

    /// Error (sessions): a request whose method the reference page of its URL does not
    /// document (a `POST` to a page that documents `GET` only).
    pub const UNDOCUMENTED_OPERATION: &str = "undocumented-operation";
    /// Error (sessions): a request body without a field the operation requires.
    pub const MISSING_REQUIRED_FIELD: &str = "missing-required-field";
    /// Error (sessions): a request field longer (in characters) than the operation allows.
    pub const VALUE_TOO_LONG: &str = "value-too-long";
    /// Warning (sessions): an error response whose status, code and subcode the operation
    /// does not document and which is no generic error.
    pub const UNDOCUMENTED_ERROR: &str = "undocumented-error";
    /// Warning (sessions): an event whose type, resource and sender the resource's pages do
    /// not list.
    pub const UNDOCUMENTED_EVENT: &str = "undocumented-event";
    /// Warning (sessions): a request whose bearer token (a JWT; its `scp` claim read, nothing
    /// verified) holds none of the scopes the reference lists for the target.
    pub const MISSING_SCOPE: &str = "missing-scope";

    /// Every code with its severity.
    pub const ALL: &[(&str, Severity)] = &[
        (DECODE_ERROR, Severity::Error),
        (INVALID_CAPTURE, Severity::Error),
        (NO_PAYLOAD, Severity::Error),
        (FILE_NOT_READ, Severity::Error),
        (TOO_MANY_FINDINGS, Severity::Warning),
        (UNSUPPORTED_DOCUMENT, Severity::Warning),
        (UNKNOWN_RESOURCE_TYPE, Severity::Warning),
        (UNKNOWN_PROPERTY, Severity::Warning),
        (UNKNOWN_LINK_REL, Severity::Warning),
        (WRONG_VALUE_TYPE, Severity::Error),
        (WRONG_CARDINALITY, Severity::Error),
        (BAD_ENUMERATION_VALUE, Severity::Warning),
        (MISSING_SELF_LINK, Severity::Error),
        (MISSING_IF_MATCH, Severity::Error),
        (CONTENT_TYPE_MISMATCH, Severity::Error),
        (UNEXPECTED_RESOURCE_TYPE, Severity::Error),
        (UNDOCUMENTED_OPERATION, Severity::Error),
        (MISSING_REQUIRED_FIELD, Severity::Error),
        (VALUE_TOO_LONG, Severity::Error),
        (UNDOCUMENTED_ERROR, Severity::Warning),
        (UNDOCUMENTED_EVENT, Severity::Warning),
        (MISSING_SCOPE, Severity::Warning),
    ];

    /// What each code means, in one sentence (a rule's short description in SARIF).
    pub const DESCRIPTIONS: &[(&str, &str)] = &[
        (DECODE_ERROR, "A payload does not decode as JSON or XML, or as a UCWA document."),
        (INVALID_CAPTURE, "The capture around the payloads (HAR, HTTP message, batch) is malformed."),
        (NO_PAYLOAD, "A file holds no UCWA payload at all."),
        (FILE_NOT_READ, "A file could not be read, or is larger than the size limit."),
        (TOO_MANY_FINDINGS, "A payload's findings past the limit, left out."),
        (UNSUPPORTED_DOCUMENT, "An XML payload whose root element no UCWA codec models."),
        (UNKNOWN_RESOURCE_TYPE, "A resource whose type the API reference does not know."),
        (UNKNOWN_PROPERTY, "A property the API reference does not document for the resource's type."),
        (UNKNOWN_LINK_REL, "A link or embedded relation the API reference does not document for the resource's type."),
        (WRONG_VALUE_TYPE, "A property value of another type than the API reference documents."),
        (WRONG_CARDINALITY, "A link or embedded relation as one item where the API reference has a list, or the reverse."),
        (BAD_ENUMERATION_VALUE, "An enumeration's value its reference page does not list."),
        (MISSING_SELF_LINK, "An embedded resource, or a typed response's root, without a self link."),
        (MISSING_IF_MATCH, "A PUT request without an If-Match header."),
        (CONTENT_TYPE_MISMATCH, "A body that is not in the format its Content-Type names."),
        (UNEXPECTED_RESOURCE_TYPE, "A response whose resource is not of the type the followed link leads to."),
        (UNDOCUMENTED_OPERATION, "A request whose method the target's reference page does not document."),
        (MISSING_REQUIRED_FIELD, "A request body without a field the operation requires."),
        (VALUE_TOO_LONG, "A request field longer than the operation allows."),
        (UNDOCUMENTED_ERROR, "An error response neither documented for the operation nor generic."),
        (UNDOCUMENTED_EVENT, "An event whose type, resource and sender the resource's pages do not list."),
        (MISSING_SCOPE, "A bearer token that holds none of the target's documented scopes."),
    ];

    /// What a code means, in one sentence; `None` for a name that is no code.
    pub fn description_of(code: &str) -> Option<&'static str> {
        DESCRIPTIONS
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, d)| *d)
    }

    /// The severity of a code; `None` for a name that is no code.
    pub fn severity_of(code: &str) -> Option<Severity> {
        ALL.iter().find(|(c, _)| *c == code).map(|(_, s)| *s)
    }
}

/// One thing a check found in a payload.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Finding {
    /// The file, as it was named to the check.
    pub file: String,
    /// The payload in the file: `body`, `message 2`, `entry 3 response`, `part 1`,
    /// `message 1 part 2`, ...
    pub payload: String,
    /// Where in the payload's document: `_embedded.from._links.self`,
    /// `_embedded.contact[2].emailAddresses[0]`; empty at the document's root.
    pub path: String,
    /// How bad it is (the code's severity).
    pub severity: Severity,
    /// What it is: one of [`codes`].
    pub code: &'static str,
    /// What is wrong, in words.
    pub message: String,
    /// The 1-based line in the file, where known: for decode errors and malformed captures
    /// in text that stands in the file literally.
    pub line: Option<usize>,
    /// The 1-based column (in characters) in the file, with `line`.
    pub column: Option<usize>,
    /// The entry of an archive that `line` and `column` count in (a Fiddler archive's
    /// `raw/03_s.txt`); `None` when they count in the file itself.
    pub entry: Option<String>,
}

impl Finding {
    /// A finding of `code` (its severity from [`codes::severity_of`]; an unknown code is an
    /// error), without a position.
    pub fn new(
        file: impl Into<String>,
        payload: impl Into<String>,
        path: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            file: file.into(),
            payload: payload.into(),
            path: path.into(),
            severity: codes::severity_of(code).unwrap_or(Severity::Error),
            code,
            message: message.into(),
            line: None,
            column: None,
            entry: None,
        }
    }

    /// The same finding at a line and column of the file.
    pub fn at(mut self, line: usize, column: usize) -> Finding {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// The same finding, its line and column counting in the archive's entry `entry`.
    pub fn in_entry(mut self, entry: Option<&str>) -> Finding {
        self.entry = entry.map(str::to_owned);
        self
    }

    /// The same finding with ` at line L, column C` after its message: a place in the file
    /// (also set as `line` and `column`) when `in_file`, else in the payload's own text
    /// (`... of the body`).
    pub(crate) fn placed(mut self, line: usize, column: usize, in_file: bool) -> Finding {
        self.message = format!("{} at line {line}, column {column}", self.message);
        if in_file {
            self.at(line, column)
        } else {
            self.message.push_str(" of the body");
            self
        }
    }
}

impl fmt::Display for Finding {
    /// `FILE: PAYLOAD: SEVERITY[CODE] PATH: MESSAGE`, without `PATH` when it is empty.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}[{}]",
            self.file, self.payload, self.severity, self.code
        )?;
        if !self.path.is_empty() {
            write!(f, " {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl Serialize for Finding {
    /// `{"file", "payload", "path", "severity", "code", "message", "line", "column", "entry"}`,
    /// line and column `null` when unknown, entry `null` unless they count in an archive's
    /// entry.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Finding", 9)?;
        s.serialize_field("file", &self.file)?;
        s.serialize_field("payload", &self.payload)?;
        s.serialize_field("path", &self.path)?;
        s.serialize_field("severity", self.severity.as_str())?;
        s.serialize_field("code", self.code)?;
        s.serialize_field("message", &self.message)?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("column", &self.column)?;
        s.serialize_field("entry", &self.entry)?;
        s.end()
    }
}

/// A body that was not checked, and why (not JSON or XML, by its `Content-Type` or its first
/// byte); or a file in a folder that is none to read (a FIFO, a socket, a device, a symbolic
/// link to nothing or to a folder), its payload `file`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Skipped {
    /// The file.
    pub file: String,
    /// The payload's label.
    pub payload: String,
    /// Why it was skipped.
    pub reason: String,
}

impl Skipped {
    /// A body or file skipped, and why.
    pub fn new(
        file: impl Into<String>,
        payload: impl Into<String>,
        reason: impl Into<String>,
    ) -> Skipped {
        Skipped {
            file: file.into(),
            payload: payload.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Skipped {
    /// `FILE: PAYLOAD: skipped: REASON`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: skipped: {}",
            self.file, self.payload, self.reason
        )
    }
}

impl Serialize for Skipped {
    /// `{"file", "payload", "reason"}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Skipped", 3)?;
        s.serialize_field("file", &self.file)?;
        s.serialize_field("payload", &self.payload)?;
        s.serialize_field("reason", &self.reason)?;
        s.end()
    }
}

/// The counts of a [`Report`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Payloads checked (decoded, or found not to decode).
    pub payloads: usize,
    /// Bodies skipped as not UCWA JSON or XML, and files in folders skipped as no files.
    pub skipped: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
}

impl fmt::Display for Summary {
    /// `checked 3 files, 7 payloads: 1 error, 2 warnings`, with `(K skipped)` after the
    /// payloads when bodies were skipped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, one: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {one}s")
            }
        };
        write!(
            f,
            "checked {}, {}",
            plural(self.files, "file"),
            plural(self.payloads, "payload")
        )?;
        if self.skipped > 0 {
            write!(f, " ({} skipped)", self.skipped)?;
        }
        write!(
            f,
            ": {}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning")
        )
    }
}

impl Serialize for Summary {
    /// `{"files", "payloads", "skipped", "errors", "warnings"}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Summary", 5)?;
        s.serialize_field("files", &self.files)?;
        s.serialize_field("payloads", &self.payloads)?;
        s.serialize_field("skipped", &self.skipped)?;
        s.serialize_field("errors", &self.errors)?;
        s.serialize_field("warnings", &self.warnings)?;
        s.end()
    }
}

/// What checking one or more files found, in the order of the files and, within a file, of
/// its payloads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Report {
    /// The findings.
    pub findings: Vec<Finding>,
    /// The bodies that were not checked.
    pub skipped: Vec<Skipped>,
    /// Files checked.
    pub files: usize,
    /// Payloads checked.
    pub payloads: usize,
}

impl Report {
    /// Appends another report's findings and counts (another file's, say).
    pub fn merge(&mut self, other: Report) {
        self.findings.extend(other.findings);
        self.skipped.extend(other.skipped);
        self.files += other.files;
        self.payloads += other.payloads;
    }

    /// How many findings are errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many findings are warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The counts.
    pub fn summary(&self) -> Summary {
        Summary {
            files: self.files,
            payloads: self.payloads,
            skipped: self.skipped.len(),
            errors: self.errors(),
            warnings: self.warnings(),
        }
    }
}

impl Serialize for Report {
    /// `{"findings": [...], "skipped": [...], "summary": {...}}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Report", 3)?;
        s.serialize_field("findings", &self.findings)?;
        s.serialize_field("skipped", &self.skipped)?;
        s.serialize_field("summary", &self.summary())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_kebab_case_and_unique() {
        for (i, (code, _)) in codes::ALL.iter().enumerate() {
            assert!(
                code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{code}"
            );
            assert!(!codes::ALL[..i].iter().any(|(c, _)| c == code), "{code}");
        }
        assert_eq!(
            codes::severity_of(codes::MISSING_SELF_LINK),
            Some(Severity::Error)
        );
        assert_eq!(codes::severity_of("no-such-code"), None);
    }

    #[test]
    fn one_line_per_finding_and_a_summary() {
        let finding = Finding::new(
            "a.http",
            "message 2",
            "_embedded.from",
            codes::MISSING_SELF_LINK,
            "no self link",
        );
        assert_eq!(
            finding.to_string(),
            "a.http: message 2: error[missing-self-link] _embedded.from: no self link"
        );
        let at_root = Finding::new("b.json", "body", "", codes::DECODE_ERROR, "bad").at(1, 2);
        assert_eq!(
            at_root.to_string(),
            "b.json: body: error[decode-error]: bad"
        );
        let mut report = Report {
            findings: vec![finding, at_root],
            files: 1,
            payloads: 2,
            ..Report::default()
        };
        assert_eq!(
            report.summary().to_string(),
            "checked 1 file, 2 payloads: 2 errors, 0 warnings"
        );
        report.skipped.push(Skipped {
            file: "c".into(),
            payload: "body".into(),
            reason: "text/html".into(),
        });
        report.findings.pop();
        assert_eq!(
            report.summary().to_string(),
            "checked 1 file, 2 payloads (1 skipped): 1 error, 0 warnings"
        );
    }
}
