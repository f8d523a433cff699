//! Which kind of document an XML text is, from its root element's local name (see
//! [`crate::document`]), and what the typed decoders say of a root that is not theirs.

use std::fmt;

use super::de::{fail, Decoder};
use super::elements::local_name;
use crate::error::{ErrorKind, Result};
use crate::model::{DecodeOptions, Document, DocumentKind, EVENT_ENTRY_ON_ITS_OWN};

/// The root element (or elements) of a kind of document.
fn roots(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Resource => "<resource> or <input>",
        DocumentKind::Events => "<events>",
        DocumentKind::Error => "<reason>",
        DocumentKind::Metadata => "<optionsMetadata>",
    }
}

/// The kind of document whose root element has this local name, if any.
fn kind_of_root(local_name: &str) -> Option<DocumentKind> {
    match local_name {
        "resource" | "input" => Some(DocumentKind::Resource),
        "events" => Some(DocumentKind::Events),
        "reason" => Some(DocumentKind::Error),
        "optionsMetadata" => Some(DocumentKind::Metadata),
        _ => None,
    }
}

/// The message of a typed decoder, of documents of kind `expected`, given a root element
/// of another kind (local name `local_name`, written `written`): what it found, by the
/// detection of [`decode`].
pub(super) fn wrong_root(
    expected: DocumentKind,
    local_name: &str,
    written: impl fmt::Display,
) -> String {
    let wanted = format!("expected {} ({})", expected.described(), roots(expected));
    match kind_of_root(local_name) {
        Some(found) if found != expected => {
            format!("{wanted}, found {} (<{written}>)", found.described())
        }
        _ => format!("{wanted}, found <{written}>"),
    }
}

/// Decodes a document of the kind its root element shows.
pub(super) fn decode(text: &str, options: &DecodeOptions) -> Result<Document> {
    if let Some(document) = super::fast::decode_document(text, options) {
        return Ok(document);
    }
    Decoder::with_options(text, options).document_with(|d, start, empty| {
        Ok(match local_name(&start) {
            "events" => Document::Events(super::events::read_root(d, start, empty)?),
            "reason" => Document::Error(super::error_body::read_root(d, start, empty)?),
            "optionsMetadata" => Document::Metadata(super::metadata::read_root(d, start, empty)?),
            name if is_event_name(name) => {
                return fail(ErrorKind::Structure, EVENT_ENTRY_ON_ITS_OWN)
            }
            _ => Document::Resource(d.root(start, empty)?),
        })
    })
}

/// Whether the XML codecs read a document whose root element has this local name: a resource
/// (`resource`, or an operation's `input`), `events`, an error body's `reason`, or
/// `optionsMetadata`. [`decode`] refuses every other root.
pub(crate) fn is_root_name(local_name: &str) -> bool {
    kind_of_root(local_name).is_some()
}

/// Whether an element's local name is that of an event (`<added>`, `<updated>`, ...), as a
/// sender in an events document holds them.
pub(crate) fn is_event_name(local_name: &str) -> bool {
    matches!(
        local_name,
        "added" | "updated" | "deleted" | "started" | "completed"
    )
}

/// The local name of an XML document's root element, when the document reads that far.
pub(crate) fn root_name(bytes: &[u8]) -> Option<String> {
    use quick_xml::events::Event;
    let text = crate::error::utf8_text(bytes).ok()?;
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event().ok()? {
            Event::Start(start) | Event::Empty(start) => {
                return Some(local_name(&start).to_owned())
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_names() {
        assert_eq!(
            root_name(b"<?xml version=\"1.0\"?>\n<!-- c --><a:other/>").as_deref(),
            Some("other")
        );
        assert!(!is_root_name("other") && is_root_name("optionsMetadata"));
        assert_eq!(root_name(b"<<"), None);
    }
}
