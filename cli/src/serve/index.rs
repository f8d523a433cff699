//! The resources `serve` answers with: every payload of the files given, as `check` reads
//! them, whose document has a self href, keyed by the path and query of that href.

use std::collections::HashMap;
use std::path::PathBuf;

use axum::body::Bytes;
use rayon::prelude::*;
use ucwa_codec::check::payloads::{self, CaptureKind, Direction, Item};
use ucwa_codec::convert::{convert_document, ConvertOptions};
use ucwa_codec::document::{self, Document, DocumentKind};
use ucwa_codec::{DecodeOptions, Format};

use crate::check::{self, Entry};
use crate::input::{self, Failure, Limits};
use crate::output;

/// A document served: where it was read, and its bytes in each format (or why it cannot be
/// written in that format).
pub struct Served {
    /// `FILE: PAYLOAD`, as `check` names payloads.
    pub origin: String,
    /// A resource or an events document.
    pub kind: DocumentKind,
    /// Compact JSON; from XML, typed with the resource catalogue as `convert` types it.
    pub json: Result<Bytes, String>,
    /// Compact XML.
    pub xml: Result<Bytes, String>,
    /// A request's or a response's body, when known: a response wins over a request.
    direction: Option<Direction>,
}

impl Served {
    /// The bytes in `format`.
    pub fn bytes(&self, format: Format) -> &Result<Bytes, String> {
        match format {
            Format::Json => &self.json,
            Format::Xml => &self.xml,
        }
    }
}

/// The documents served, by the path and query of their self href.
#[derive(Default)]
pub struct Index {
    by_target: HashMap<String, Served>,
}

impl Index {
    /// The document at a request target (`/path?query`).
    pub fn get(&self, target: &str) -> Option<&Served> {
        self.by_target.get(target)
    }

    /// How many hrefs are served.
    pub fn len(&self) -> usize {
        self.by_target.len()
    }

    /// An index of documents given by their hrefs (a later one at the same href wins).
    #[cfg(test)]
    pub fn of(documents: Vec<(&str, Document)>) -> Index {
        let mut index = Index::default();
        for (n, (href, doc)) in documents.into_iter().enumerate() {
            let served = served(format!("doc {n}"), None, Format::Json, doc);
            index.by_target.insert(key_of(href).unwrap(), served);
        }
        index
    }
}

/// What one file gave.
#[derive(Default)]
struct Scan {
    /// The documents with a self href, in the file's order.
    found: Vec<(String, Served)>,
    payloads: usize,
    /// Payloads that decode to a document without a self href (a request body, an error
    /// body, OPTIONS metadata), or whose href is relative.
    without_href: usize,
    /// Payloads that do not decode.
    undecoded: usize,
    /// Why the file was not read.
    not_read: Option<String>,
}

/// Reads the files of `paths` (folders walked as `check` walks them) and indexes their
/// documents, logging on standard error the files not read, each collision of two documents
/// at one href and a summary. A path that does not exist is exit 2; no document to serve is
/// exit 1.
pub fn build(paths: &[PathBuf], limits: &Limits) -> Result<Index, Failure> {
    let entries = check::files_of(paths)?;
    let options = limits.options();
    // `collect` keeps the files' order, whichever thread read each.
    let scans: Vec<Scan> = entries.par_iter().map(|e| scan(e, &options)).collect();

    let mut index = Index::default();
    let (mut files, mut payloads, mut without_href, mut undecoded) = (0, 0, 0, 0);
    let (mut resources, mut events) = (0, 0);
    for scan in scans {
        if let Some(reason) = scan.not_read {
            output::to_stderr(format_args!("warning: {reason}"));
            continue;
        }
        files += 1;
        payloads += scan.payloads;
        without_href += scan.without_href;
        undecoded += scan.undecoded;
        for (target, served) in scan.found {
            match served.kind {
                DocumentKind::Events => events += 1,
                _ => resources += 1,
            }
            insert(&mut index, target, served);
        }
    }
    let mut summary = format!(
        "serving {resources} resource{} and {events} events document{} at {} href{} \
         from {files} file{} ({payloads} payload{} read",
        plural(resources),
        plural(events),
        index.len(),
        plural(index.len()),
        plural(files),
        plural(payloads),
    );
    if without_href > 0 {
        summary.push_str(&format!(", {without_href} without a self href"));
    }
    if undecoded > 0 {
        summary.push_str(&format!(
            ", {undecoded} that do not decode (`ucwa check` says why)"
        ));
    }
    summary.push(')');
    output::to_stderr(format_args!("{summary}"));
    if index.len() == 0 {
        return Err(Failure {
            code: 1,
            message: "no resource or events document with a self href to serve in the paths given"
                .to_owned(),
        });
    }
    Ok(index)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Adds a document; of two at one href, a response's body wins over one of unknown
/// direction, which wins over a request's; among equals, the one read later. Each collision
/// is logged.
fn insert(index: &mut Index, target: String, served: Served) {
    fn rank(direction: Option<Direction>) -> u8 {
        match direction {
            Some(Direction::Request) => 0,
            None => 1,
            Some(Direction::Response) => 2,
        }
    }
    match index.by_target.get_mut(&target) {
        None => {
            index.by_target.insert(target, served);
        }
        Some(old) => {
            let (winner, loser, why) = if rank(served.direction) >= rank(old.direction) {
                let why = if rank(served.direction) > rank(old.direction) {
                    "a response over a request"
                } else {
                    "read later"
                };
                let loser = std::mem::replace(old, served);
                (&old.origin, loser.origin, why)
            } else {
                (&old.origin, served.origin, "a response over a request")
            };
            output::to_stderr(format_args!(
                "warning: two documents at {target}: {winner} is served, not {loser} ({why})"
            ));
        }
    }
}

/// The payloads of one file, decoded.
fn scan(entry: &Entry, options: &DecodeOptions) -> Scan {
    let path = match entry {
        Entry::File(path) => path,
        Entry::NotRead(path, reason) => {
            return Scan {
                not_read: Some(format!("cannot read {}: {reason}", path.display())),
                ..Scan::default()
            }
        }
        Entry::Skipped(path, reason) => {
            return Scan {
                not_read: Some(format!("{}: skipped: {reason}", path.display())),
                ..Scan::default()
            }
        }
    };
    let input = match input::read(Some(path), options) {
        Ok(input) => input,
        Err(err) => {
            return Scan {
                not_read: Some(format!("cannot read {}: {}", err.name, err.reason)),
                ..Scan::default()
            }
        }
    };
    let capture = payloads::extract(&input.name, &input.bytes);
    let mut scan = Scan::default();
    let kind = capture.kind;
    for item in capture.items {
        let Item::Payload(payload) = item else {
            continue;
        };
        scan.payloads += 1;
        let document = match document::decode_with(&payload.bytes, Some(payload.format), options) {
            Ok(document) => document,
            Err(_) => {
                scan.undecoded += 1;
                continue;
            }
        };
        let href = match &document {
            Document::Resource(resource) => resource.self_href(),
            Document::Events(events) => events.self_href(),
            _ => None,
        };
        let Some(target) = href.and_then(key_of) else {
            scan.without_href += 1;
            continue;
        };
        // `FILE: PAYLOAD` as `check` names it; a bare body by its file alone.
        let origin = if kind == CaptureKind::Body {
            input.name.clone()
        } else {
            format!("{}: {}", input.name, payload.label)
        };
        let served = served(origin, payload.direction, payload.format, document);
        scan.found.push((target, served));
    }
    scan
}

/// A document read in `from`, written in both formats.
fn served(
    origin: String,
    direction: Option<Direction>,
    from: Format,
    document: Document,
) -> Served {
    let kind = document.kind();
    let message = |err: ucwa_codec::Error| format!("{origin}: {err}");
    let json = if from == Format::Xml {
        let options = ConvertOptions::default().pretty(false).check_losses(false);
        convert_document(document.clone(), from, Format::Json, &options).map(|c| c.bytes)
    } else {
        document::encode(&document, Format::Json, false)
    };
    let xml = document::encode(&document, Format::Xml, false);
    Served {
        json: json.map(Bytes::from).map_err(message),
        xml: xml.map(Bytes::from).map_err(message),
        origin,
        kind,
        direction,
    }
}

/// The request target an href is served at: its path and query. An absolute href
/// (`https://host/path?query`, `//host/path`) loses its scheme and host; a fragment is
/// dropped. A relative href (`me`, `../x`) is none.
pub fn key_of(href: &str) -> Option<String> {
    let href = href.trim();
    let href = href.split('#').next().unwrap_or(href);
    let after_authority = if let Some(rest) = href.strip_prefix("//") {
        Some(rest)
    } else {
        href.find("://")
            .filter(|&at| {
                href[..at]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            })
            .map(|at| &href[at + 3..])
    };
    match after_authority {
        Some(rest) => match rest.find(['/', '?']) {
            Some(at) if rest[at..].starts_with('?') => Some(format!("/{}", &rest[at..])),
            Some(at) => Some(rest[at..].to_owned()),
            None => Some("/".to_owned()),
        },
        None if href.starts_with('/') => Some(href.to_owned()),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::key_of;

    #[test]
    fn hrefs_are_served_at_their_path_and_query() {
        assert_eq!(key_of("/ucwa/v1/me").as_deref(), Some("/ucwa/v1/me"));
        assert_eq!(key_of("/e?ack=1#x").as_deref(), Some("/e?ack=1"));
        assert_eq!(
            key_of("https://lync.contoso.com/ucwa/v1/me?a=b").as_deref(),
            Some("/ucwa/v1/me?a=b")
        );
        assert_eq!(key_of("https://host").as_deref(), Some("/"));
        assert_eq!(key_of("https://host?x=1").as_deref(), Some("/?x=1"));
        assert_eq!(key_of("//host/p").as_deref(), Some("/p"));
        assert_eq!(key_of("me"), None);
        assert_eq!(key_of("sip:joe@contoso.com"), None);
    }
}
