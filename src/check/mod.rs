//! Checking captured traffic against the reference: every UCWA payload in a file — a bare
//! body, a text file of HTTP messages, a HAR file, a Fiddler archive, a batch — decoded, and every resource in
//! it held against the [`catalogue`](crate::catalogue).
//!
//! ```
//! use ucwa_codec::check::{self, codes, Severity};
//!
//! let transcript = "HTTP/1.1 200 OK\r\n\
//!     Content-Type: application/vnd.microsoft.com.ucwa+json\r\n\
//!     \r\n\
//!     {\"rel\": \"participant\", \"organizer\": \"yes\",\r\n\
//!      \"_links\": {\"self\": {\"href\": \"/p/1\"}}}\r\n";
//! let report = check::check_bytes("capture.http", transcript.as_bytes());
//! assert_eq!(report.payloads, 1);
//! let finding = &report.findings[0];
//! assert_eq!((finding.code, finding.severity), (codes::WRONG_VALUE_TYPE, Severity::Error));
//! assert_eq!(finding.path, "organizer");
//! assert_eq!(
//!     finding.to_string(),
//!     "capture.http: message 1: error[wrong-value-type] organizer: \
//!      `participant.organizer` is documented as a boolean, found the string \"yes\""
//! );
//! assert_eq!(report.summary().to_string(), "checked 1 file, 1 payload: 1 error, 0 warnings");
//! ```
//!
//! [`payloads`] finds the payloads in a file; [`check_payload`] checks one; [`check_bytes`]
//! does both for a file. The rules, each with a stable code, are in [`codes`]:
//!
//! - a file with no payload at all (empty, binary, no JSON or XML body):
//!   [`NO_PAYLOAD`](codes::NO_PAYLOAD);
//! - a payload that does not decode: [`DECODE_ERROR`](codes::DECODE_ERROR), with the line and
//!   column in the file; a well-formed XML payload whose root element is none the codecs
//!   model: [`UNSUPPORTED_DOCUMENT`](codes::UNSUPPORTED_DOCUMENT) (a warning);
//! - for every resource (the root, the embedded ones, those an events document's events
//!   embed), typed by its `"rel"` or, embedded without one, by its relation: an unknown type,
//!   property or relation (warnings); a value of the wrong type, a relation of the wrong
//!   cardinality (errors); an enumeration value the reference does not list (a warning, as
//!   the reference's Members tables are incomplete); a missing self link (an error for
//!   embedded resources, and for a typed root resource of a response — request bodies and
//!   operations' untyped results have none).

mod findings;
pub mod payloads;
mod rules;
pub mod sarif;
mod session;

pub use findings::{codes, Finding, Report, Severity, Skipped, Summary};
pub use payloads::{Direction, Payload};

use crate::document::{self, Document};
use crate::media_type::Format;
use crate::model::DecodeOptions;
use crate::xml::{is_event_name, is_root_name, root_name};
use payloads::{CaptureKind, Item};

/// The limits of a check. Build them with [`CheckOptions::new`] and the `with_*` methods.
///
/// ```
/// use ucwa_codec::check::{self, CheckOptions};
/// use ucwa_codec::DecodeOptions;
///
/// let options = CheckOptions::new()
///     .with_decode(DecodeOptions::new().with_max_parts(100))
///     .with_max_entries(10);
/// let har = br#"{"log": {"entries": [{}, {}, {}]}}"#;
/// let report = check::check_bytes_with("x.har", har, &options.with_max_entries(2));
/// assert_eq!(
///     report.findings[0].message,
///     "more than 2 entries in the HAR file (max_entries) at line 1, column 32"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CheckOptions {
    /// The limits of decoding each payload, and of reading each batch (`max_parts`).
    /// `max_size` also bounds a HAR body's size once its base64 is decoded, and what a
    /// Fiddler archive's entries decompress to, in all. The check types values itself. Default: [`DecodeOptions::default`].
    pub decode: DecodeOptions,
    /// The most entries a HAR file's `log.entries` may have, counted as they are read, or a
    /// Fiddler archive may list (all its entries, counted before any is read); past it, the
    /// rest of the file is not read. Default: 100,000.
    pub max_entries: usize,
    /// The most findings kept for one payload, while they are found; those past it are
    /// counted by code, and said in one [`TOO_MANY_FINDINGS`](codes::TOO_MANY_FINDINGS)
    /// finding after them. Default: 1,000.
    pub max_findings: usize,
}

/// The default of [`CheckOptions::max_entries`].
pub const DEFAULT_MAX_ENTRIES: usize = 100_000;
/// The default of [`CheckOptions::max_findings`].
pub const DEFAULT_MAX_FINDINGS: usize = 1_000;

impl Default for CheckOptions {
    fn default() -> CheckOptions {
        CheckOptions {
            decode: DecodeOptions::default(),
            max_entries: DEFAULT_MAX_ENTRIES,
            max_findings: DEFAULT_MAX_FINDINGS,
        }
    }
}

impl CheckOptions {
    /// The default options, to build on with the `with_*` methods.
    pub fn new() -> CheckOptions {
        CheckOptions::default()
    }

    /// Sets [`decode`](CheckOptions::decode).
    #[must_use]
    pub fn with_decode(mut self, decode: DecodeOptions) -> CheckOptions {
        self.decode = decode;
        self
    }

    /// Sets [`max_entries`](CheckOptions::max_entries).
    #[must_use]
    pub fn with_max_entries(mut self, max_entries: usize) -> CheckOptions {
        self.max_entries = max_entries;
        self
    }

    /// Sets [`max_findings`](CheckOptions::max_findings).
    #[must_use]
    pub fn with_max_findings(mut self, max_findings: usize) -> CheckOptions {
        self.max_findings = max_findings;
        self
    }
}

/// Checks a captured file's bytes; `file_name` names it in the findings (and may tell a bare
/// body's direction, see [`Direction::from_file_name`]).
pub fn check_bytes(file_name: &str, bytes: &[u8]) -> Report {
    check_bytes_with(file_name, bytes, &CheckOptions::default())
}

/// [`check_bytes`], keeping to `options`' limits.
pub fn check_bytes_with(file_name: &str, bytes: &[u8], options: &CheckOptions) -> Report {
    let capture = payloads::extract_with(file_name, bytes, options);
    let kind = capture.kind;
    let mut report = Report {
        files: 1,
        ..Report::default()
    };
    // Each payload decoded once, for its own rules and the session's, and dropped once both
    // have seen it.
    let mut session = session::Session::new(file_name);
    for item in &capture.items {
        let mut document = None;
        match item {
            Item::Payload(payload) => {
                report.payloads += 1;
                let (findings, decoded) = check_decoded(file_name, payload, options);
                report.findings.extend(findings);
                document = decoded;
            }
            Item::Skipped(skipped) => report.skipped.push(skipped.clone()),
            Item::Invalid(finding) => report.findings.push(finding.clone()),
            _ => {}
        }
        session.item(item, document.as_ref());
    }
    report.findings.extend(session.finish());
    if report.payloads == 0 && report.findings.is_empty() {
        let message = no_payload_message(kind, bytes, &report.skipped);
        report.findings.push(Finding::new(
            file_name,
            "file",
            "",
            codes::NO_PAYLOAD,
            message,
        ));
    }
    report
}

/// Why a file without payloads has none: it is empty, binary, or its bodies (a Fiddler
/// archive's included) are not UCWA's.
fn no_payload_message(kind: CaptureKind, bytes: &[u8], skipped: &[Skipped]) -> String {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let file = if kind == CaptureKind::Saz {
        "the Fiddler archive"
    } else if text.iter().all(u8::is_ascii_whitespace) {
        return "the file is empty: no UCWA payload to check".to_owned();
    } else if text.contains(&0) || simdutf8::basic::from_utf8(text).is_err() {
        return "the file is binary, not text: no UCWA payload to check".to_owned();
    } else {
        "the file"
    };
    match skipped {
        [] => format!("no UCWA JSON or XML payload in {file}: it holds no body"),
        [one] => format!(
            "no UCWA JSON or XML payload in {file}: its one body is skipped, as {}",
            one.reason
        ),
        _ => format!(
            "no UCWA JSON or XML payload in {file}: its {} bodies are skipped as neither",
            skipped.len()
        ),
    }
}

/// Checks one payload of the file `file_name`: decodes it, and holds every resource in it
/// against the catalogue.
pub fn check_payload(file_name: &str, payload: &Payload<'_>) -> Vec<Finding> {
    check_payload_with(file_name, payload, &CheckOptions::default())
}

/// [`check_payload`], keeping to `options`' limits.
pub fn check_payload_with(
    file_name: &str,
    payload: &Payload<'_>,
    options: &CheckOptions,
) -> Vec<Finding> {
    check_decoded(file_name, payload, options).0
}

/// [`check_payload_with`], and the document the payload decoded to.
fn check_decoded(
    file_name: &str,
    payload: &Payload<'_>,
    options: &CheckOptions,
) -> (Vec<Finding>, Option<Document>) {
    let finding = |path: &str, code: &'static str, message: String| {
        Finding::new(file_name, payload.label.as_str(), path, code, message)
    };
    let document =
        match document::decode_with(&payload.bytes, Some(payload.format), &options.decode) {
            Ok(document) => document,
            Err(err) => {
                if payload.format == Format::Xml {
                    if let Some(root) =
                        root_name(&payload.bytes).filter(|r| !is_root_name(r) && !is_event_name(r))
                    {
                        let message = format!(
                            "the root element <{root}> is not a UCWA document the codecs model \
                         (resource, input, events, reason, optionsMetadata); not checked"
                        );
                        return (
                            vec![finding("", codes::UNSUPPORTED_DOCUMENT, message)],
                            None,
                        );
                    }
                }
                return (vec![decode_error(file_name, payload, &err)], None);
            }
        };
    let mut findings = Vec::new();
    let mut left_out: Vec<(&'static str, usize)> = Vec::new();
    rules::check_document(
        &document,
        payload.format,
        payload.direction,
        &mut |code, path, message| {
            if findings.len() < options.max_findings {
                findings.push(finding(path, code, message));
            } else {
                match left_out.iter_mut().find(|(c, _)| *c == code) {
                    Some((_, count)) => *count += 1,
                    None => left_out.push((code, 1)),
                }
            }
        },
    );
    if !left_out.is_empty() {
        let summary = finding("", codes::TOO_MANY_FINDINGS, String::new());
        findings.push(left_out_finding(summary, options.max_findings, &left_out));
    }
    (findings, Some(document))
}

/// The finding that says which findings of a payload were left out after the first `max`,
/// `left_out` counting them by code in the order first met.
fn left_out_finding(
    mut finding: Finding,
    max: usize,
    left_out: &[(&'static str, usize)],
) -> Finding {
    let total: usize = left_out.iter().map(|(_, count)| count).sum();
    let counts: Vec<String> = left_out
        .iter()
        .map(|(code, count)| format!("{count} {code}"))
        .collect();
    finding.message = format!(
        "{total} more {} of this payload left out after the first {max} (max_findings): {}",
        if total == 1 { "finding" } else { "findings" },
        counts.join(", ")
    );
    if left_out
        .iter()
        .any(|(code, _)| codes::severity_of(code) == Some(Severity::Error))
    {
        finding.severity = Severity::Error;
    }
    finding
}

/// A decode error, at its line and column in the file (or in the payload, for a payload that
/// does not stand in the file as it is).
fn decode_error(file_name: &str, payload: &Payload<'_>, err: &crate::Error) -> Finding {
    let finding = Finding::new(
        file_name,
        payload.label.as_str(),
        err.path(),
        codes::DECODE_ERROR,
        err.message(),
    );
    let Some(position) = err.position() else {
        return finding;
    };
    match payload.position_in_file(position.offset) {
        Some(at) => finding
            .placed(at.line, at.column, true)
            .in_entry(payload.entry.as_deref()),
        None => finding.placed(position.line, position.column, false),
    }
}
