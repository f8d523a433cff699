//! Which kind of document an XML text is, from its root element's local name (see
//! [`crate::document`]).

pub(crate) use super::builder::is_event_name;
use super::builder::kind_of_root;

/// Whether the XML codecs read a document whose root element has this local name: a resource
/// (`resource`, or an operation's `input`), `events`, an error body's `reason`, or
/// `optionsMetadata`. The decoders refuse every other root.
pub(crate) fn is_root_name(local_name: &str) -> bool {
    kind_of_root(local_name).is_some()
}

/// The local name of an XML document's root element, when the document reads that far.
pub(crate) fn root_name(bytes: &[u8]) -> Option<String> {
    use quick_xml::events::Event;
    let text = crate::error::utf8_text(bytes).ok()?;
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event().ok()? {
            Event::Start(start) | Event::Empty(start) => {
                let qname: &str = start.name().0;
                let local = qname.rsplit_once(':').map_or(qname, |(_, local)| local);
                return Some(local.to_owned());
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
