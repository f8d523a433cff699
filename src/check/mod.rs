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
///
/// Each payload is decoded once, for its own rules and the session's, and dropped once both
/// have seen it. With the `rayon` feature, a capture of [`PARALLEL_FROM`] bytes or more is
/// read on one thread while its payloads are decoded and checked on every core, a window of
/// them at a time; the report is the same, in the same order.
pub fn check_bytes_with(file_name: &str, bytes: &[u8], options: &CheckOptions) -> Report {
    #[cfg(feature = "rayon")]
    if bytes.len() >= PARALLEL_FROM {
        return parallel::check(file_name, bytes, options, WINDOW_BYTES);
    }
    let mut checker = Checker::new(file_name);
    let kind = payloads::extract_each(file_name, bytes, options, &mut |item| {
        let checked = own_check(file_name, &item, options);
        checker.take(item, checked);
    });
    checker.finish(kind, bytes)
}

/// The size from which [`check_bytes_with`] checks a capture on every core (with the `rayon`
/// feature): 1 MiB.
pub const PARALLEL_FROM: usize = 1 << 20;

/// How many bytes of payloads a window of a capture checked in parallel holds, about.
#[cfg(feature = "rayon")]
const WINDOW_BYTES: usize = 1 << 20;

/// A payload's own findings and the document it decoded to.
type Checked = (Vec<Finding>, Option<Document>);

/// An item's own check: a payload's findings and document (`None` for other items). Items
/// may be checked on any thread, in any order; [`Checker::take`] takes them in order.
fn own_check(file_name: &str, item: &Item<'_>, options: &CheckOptions) -> Option<Checked> {
    match item {
        Item::Payload(payload) => Some(check_decoded(file_name, payload, options)),
        _ => None,
    }
}

/// The check of one capture: its report, and its session, fed the items in order.
struct Checker<'f> {
    file_name: &'f str,
    report: Report,
    session: session::Session<'f>,
}

impl<'f> Checker<'f> {
    fn new(file_name: &'f str) -> Self {
        Checker {
            file_name,
            report: Report {
                files: 1,
                ..Report::default()
            },
            session: session::Session::new(file_name),
        }
    }

    /// The next item of the capture, in order, with its own check.
    fn take(&mut self, item: Item<'_>, checked: Option<Checked>) {
        let document = match (&item, checked) {
            (Item::Payload(_), Some((findings, document))) => {
                self.report.payloads += 1;
                self.report.findings.extend(findings);
                document
            }
            (Item::Skipped(skipped), _) => {
                self.report.skipped.push(skipped.clone());
                None
            }
            (Item::Invalid(finding), _) => {
                self.report.findings.push(finding.clone());
                None
            }
            _ => None,
        };
        self.session.item(item, document.as_ref());
    }

    /// The report, once every item was taken.
    fn finish(self, kind: CaptureKind, bytes: &[u8]) -> Report {
        let mut report = self.report;
        report.findings.extend(self.session.finish());
        if report.payloads == 0 && report.findings.is_empty() {
            let message = no_payload_message(kind, bytes, &report.skipped);
            report.findings.push(Finding::new(
                self.file_name,
                "file",
                "",
                codes::NO_PAYLOAD,
                message,
            ));
        }
        report
    }
}

/// A large capture checked on every core: read on one thread, its items handed on a window
/// at a time to another, which checks each window's payloads in parallel (rayon) and hands
/// them to a third, which takes the items in order while the next window is checked. At most
/// five windows are alive at once (one being read, one waiting, one being checked, one
/// waiting, one being taken), so what is held besides the file stays about five windows.
#[cfg(feature = "rayon")]
mod parallel {
    use std::sync::mpsc;

    use rayon::prelude::*;

    use super::*;
    use payloads::Found;

    /// An item with its own check, waiting to be taken in order.
    type Taken<'a> = (Item<'a>, Option<Checked>);

    pub(super) fn check<'a>(
        file_name: &str,
        bytes: &'a [u8],
        options: &CheckOptions,
        window_bytes: usize,
    ) -> Report {
        let (send, receive) = mpsc::sync_channel::<Vec<Found<'a>>>(1);
        let (send_checked, receive_checked) = mpsc::sync_channel::<Vec<Vec<Taken<'a>>>>(1);
        std::thread::scope(|scope| {
            let checking = scope.spawn(move || {
                for window in receive {
                    // A HAR entry is read into its items on the worker that checks them.
                    let checked: Vec<Vec<Taken<'a>>> = window
                        .into_par_iter()
                        .map(|found| {
                            let items = match found {
                                Found::Item(item) => vec![item],
                                Found::HarEntry(number, entry) => {
                                    payloads::har_entry_items(file_name, options, number, entry)
                                }
                            };
                            items
                                .into_iter()
                                .map(|item| {
                                    let checked = own_check(file_name, &item, options);
                                    (item, checked)
                                })
                                .collect()
                        })
                        .collect();
                    // The taking thread ends only by panicking, which `join` passes on.
                    let _ = send_checked.send(checked);
                }
            });
            // Items are taken in order while the next window is checked.
            let taking = scope.spawn(move || {
                let mut taker = Checker::new(file_name);
                for window in receive_checked {
                    for (item, checked) in window.into_iter().flatten() {
                        taker.take(item, checked);
                    }
                }
                taker
            });
            let mut window = Vec::new();
            let mut held = 0;
            let mut sink = |found: Found<'a>| {
                held += match &found {
                    Found::Item(Item::Payload(payload)) => payload.bytes.len(),
                    Found::HarEntry(_, entry) => entry.get().len(),
                    Found::Item(_) => 0,
                };
                window.push(found);
                if held >= window_bytes {
                    held = 0;
                    // The checking thread ends only by panicking, which `join` passes on.
                    let _ = send.send(std::mem::take(&mut window));
                }
            };
            let kind = payloads::find(file_name, bytes, options, &mut sink, true);
            let _ = send.send(window);
            drop(send);
            if let Err(panic) = checking.join() {
                std::panic::resume_unwind(panic);
            }
            match taking.join() {
                Ok(taker) => taker.finish(kind, bytes),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// A transcript of `count` exchanges, every third response a body with findings,
        /// every fifth not well-formed, every seventh a PUT without `If-Match`.
        fn transcript(count: usize) -> String {
            let mut text = String::new();
            for i in 0..count {
                let method = if i % 7 == 0 { "PUT" } else { "GET" };
                text.push_str(&format!(
                    "{method} /ucwa/v1/applications/1/people/{i} HTTP/1.1\r\n\r\n"
                ));
                let body = body(i);
                text.push_str(&format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                     Content-Length: {}\r\n\r\n{body}",
                    body.len()
                ));
            }
            text
        }

        /// A HAR file of `count` entries, their bodies of [`body`]'s kinds, every eleventh
        /// entry of another shape than HAR's.
        fn har(count: usize) -> String {
            let entries: Vec<serde_json::Value> = (0..count)
                .map(|i| {
                    if i % 11 == 10 {
                        return serde_json::json!({"request": "GET", "response": 3});
                    }
                    serde_json::json!({
                        "request": {"method": "GET", "url": format!("/ucwa/v1/x/{i}"),
                                    "headers": []},
                        "response": {"status": 200, "headers": [],
                                     "content": {"mimeType": "application/json",
                                                 "text": body(i)}},
                    })
                })
                .collect();
            serde_json::json!({"log": {"entries": entries}}).to_string()
        }

        /// A response body: every fifteenth with a value of the wrong type, every fifth not
        /// well-formed, every third with an unknown property, the others clean.
        fn body(i: usize) -> String {
            match i % 15 {
                0 => r#"{"rel": "contact", "name": 3}"#.to_owned(),
                n if n % 5 == 0 => r#"{"rel": "contact", "name": "#.to_owned(),
                n if n % 3 == 0 => r#"{"rel": "contact", "frobs": 1}"#.to_owned(),
                _ => format!(
                    r#"{{"rel": "contact", "name": "C {i}", "_links": {{"self": {{"href": "/p/{i}"}}}}}}"#
                ),
            }
        }

        #[test]
        fn windows_checked_in_parallel_report_what_one_pass_reports() {
            for (name, text) in [("t.http", transcript(600)), ("t.har", har(600))] {
                same_reports(name, &text);
            }
        }

        fn same_reports(name: &str, text: &str) {
            let options = CheckOptions::new();
            let mut one_pass = Checker::new(name);
            let kind = payloads::extract_each(name, text.as_bytes(), &options, &mut |item| {
                let checked = own_check(name, &item, &options);
                one_pass.take(item, checked);
            });
            let expected = one_pass.finish(kind, text.as_bytes());
            assert!(expected.payloads > 500, "{name}: {}", expected.payloads);
            assert!(
                expected.findings.len() > 200,
                "{name}: {}",
                expected.findings.len()
            );
            for window_bytes in [1, 100, 5_000, usize::MAX] {
                let report = check(name, text.as_bytes(), &options, window_bytes);
                assert_eq!(
                    report, expected,
                    "{name} in windows of {window_bytes} bytes"
                );
            }
        }
    }
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
