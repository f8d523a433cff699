//! [`Document`]: any UCWA document, and the traits that name the document types the codecs
//! read and write ([`Decode`], [`Encode`]).

use std::fmt;

use super::error_body::ErrorBody;
use super::events::Events;
use super::metadata::Metadata;
use super::Resource;

/// Any UCWA document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Document {
    /// A resource (see [`crate::json`], [`crate::xml`]).
    Resource(Resource),
    /// An event channel document (see [`crate::events`]).
    Events(Events),
    /// An error body (see [`crate::error_body`]).
    Error(ErrorBody),
    /// OPTIONS metadata (see [`crate::metadata`]).
    Metadata(Metadata),
}

/// Which kind of document a [`Document`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// A resource.
    Resource,
    /// An event channel document.
    Events,
    /// An error body.
    Error,
    /// OPTIONS metadata.
    Metadata,
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DocumentKind::Resource => "resource",
            DocumentKind::Events => "events",
            DocumentKind::Error => "error",
            DocumentKind::Metadata => "metadata",
        })
    }
}

impl DocumentKind {
    /// The kind in a message: "a resource", "an events document", ...
    pub(crate) fn described(self) -> &'static str {
        match self {
            DocumentKind::Resource => "a resource",
            DocumentKind::Events => "an events document",
            DocumentKind::Error => "an error body",
            DocumentKind::Metadata => "OPTIONS metadata",
        }
    }
}

impl Document {
    /// Which kind of document it is.
    pub fn kind(&self) -> DocumentKind {
        match self {
            Document::Resource(_) => DocumentKind::Resource,
            Document::Events(_) => DocumentKind::Events,
            Document::Error(_) => DocumentKind::Error,
            Document::Metadata(_) => DocumentKind::Metadata,
        }
    }

    /// Every resource the document holds: the resource itself, or the resources embedded in
    /// an events document's events. Error bodies and metadata hold none.
    pub fn resources_mut(&mut self) -> Box<dyn Iterator<Item = &mut Resource> + '_> {
        match self {
            Document::Resource(resource) => Box::new(std::iter::once(resource)),
            Document::Events(events) => Box::new(
                events
                    .senders
                    .iter_mut()
                    .flat_map(|sender| &mut sender.events)
                    .flat_map(|event| &mut event.embedded)
                    .flat_map(|group| &mut group.resources),
            ),
            Document::Error(_) | Document::Metadata(_) => Box::new(std::iter::empty()),
        }
    }

    /// The resource, if it is one.
    pub fn as_resource(&self) -> Option<&Resource> {
        match self {
            Document::Resource(resource) => Some(resource),
            _ => None,
        }
    }

    /// The events document, if it is one.
    pub fn as_events(&self) -> Option<&Events> {
        match self {
            Document::Events(events) => Some(events),
            _ => None,
        }
    }

    /// The error body, if it is one.
    pub fn as_error(&self) -> Option<&ErrorBody> {
        match self {
            Document::Error(body) => Some(body),
            _ => None,
        }
    }

    /// The metadata, if it is that.
    pub fn as_metadata(&self) -> Option<&Metadata> {
        match self {
            Document::Metadata(metadata) => Some(metadata),
            _ => None,
        }
    }

    /// The resource, if it is one, taken out of the document.
    ///
    /// ```
    /// use ucwa_codec::{Document, json};
    /// use ucwa_codec::document::{self, DocumentKind};
    ///
    /// let doc = json::from_str::<Document>(r#"{"rel": "me", "_links": {"self": {"href": "/me"}}}"#)?;
    /// let me = doc.into_resource().expect("a resource");
    /// assert_eq!(me.self_href(), Some("/me"));
    ///
    /// let doc = json::from_str::<Document>(r#"{"code": "Gone"}"#)?;
    /// assert_eq!(doc.kind(), DocumentKind::Error);
    /// assert_eq!(doc.clone().into_resource(), None);
    /// assert_eq!(doc.into_error_body().map(|body| body.code).as_deref(), Some("Gone"));
    /// # Ok::<(), ucwa_codec::Error>(())
    /// ```
    pub fn into_resource(self) -> Option<Resource> {
        match self {
            Document::Resource(resource) => Some(resource),
            _ => None,
        }
    }

    /// The events document, if it is one, taken out of the document.
    pub fn into_events(self) -> Option<Events> {
        match self {
            Document::Events(events) => Some(events),
            _ => None,
        }
    }

    /// The error body, if it is one, taken out of the document.
    pub fn into_error_body(self) -> Option<ErrorBody> {
        match self {
            Document::Error(body) => Some(body),
            _ => None,
        }
    }

    /// The metadata, if it is that, taken out of the document.
    pub fn into_metadata(self) -> Option<Metadata> {
        match self {
            Document::Metadata(metadata) => Some(metadata),
            _ => None,
        }
    }
}

/// The document types the decoders of [`crate::json`] and [`crate::xml`] return: [`Resource`],
/// [`Events`], [`ErrorBody`], [`Metadata`], each of which refuses a document of another kind,
/// and [`Document`], of the kind the content shows. Sealed.
///
/// ```
/// use ucwa_codec::{json, Decode, Document, ErrorBody, Resource};
///
/// fn read<T: Decode>(text: &str) -> ucwa_codec::Result<T> {
///     json::from_str::<T>(text)
/// }
/// let text = r#"{"code": "Gone"}"#;
/// assert_eq!(read::<ErrorBody>(text)?.code, "Gone");
/// assert!(matches!(read::<Document>(text)?, Document::Error(_)));
/// let err = read::<Resource>(text).unwrap_err();
/// assert_eq!(err.message(), "expected a resource, found an error body");
/// # Ok::<(), ucwa_codec::Error>(())
/// ```
pub trait Decode: sealed::Decode {}

/// The document types the encoders of [`crate::json`] and [`crate::xml`] write: [`Resource`],
/// [`Events`], [`ErrorBody`], [`Metadata`], [`Document`] and references to them. Sealed.
pub trait Encode: sealed::Encode {}

/// What the codecs see of the traits, and their users do not.
pub(crate) mod sealed {
    #![allow(missing_docs)]
    use super::{Document, DocumentKind, ErrorBody, Events, Metadata, Resource};

    /// A document borrowed: what the encoders write.
    #[derive(Clone, Copy, Debug)]
    pub enum DocumentRef<'a> {
        Resource(&'a Resource),
        Events(&'a Events),
        Error(&'a ErrorBody),
        Metadata(&'a Metadata),
    }

    /// See [`super::Decode`].
    pub trait Decode: Sized {
        /// The kind decoded, or `None` for any kind (the detected one).
        const KIND: Option<DocumentKind>;

        /// The value, from a document of [`Decode::KIND`] (`None` for another kind).
        fn from_document(document: Document) -> Option<Self>;
    }

    /// See [`super::Encode`].
    pub trait Encode {
        /// The document, borrowed.
        fn as_document(&self) -> DocumentRef<'_>;
    }
}

use sealed::DocumentRef;

macro_rules! document_type {
    ($ty:ident, $variant:ident) => {
        impl sealed::Decode for $ty {
            const KIND: Option<DocumentKind> = Some(DocumentKind::$variant);

            fn from_document(document: Document) -> Option<$ty> {
                match document {
                    Document::$variant(value) => Some(value),
                    _ => None,
                }
            }
        }

        impl Decode for $ty {}

        impl sealed::Encode for $ty {
            fn as_document(&self) -> DocumentRef<'_> {
                DocumentRef::$variant(self)
            }
        }

        impl Encode for $ty {}

        impl From<$ty> for Document {
            fn from(value: $ty) -> Document {
                Document::$variant(value)
            }
        }
    };
}

document_type!(Resource, Resource);
document_type!(Events, Events);
document_type!(ErrorBody, Error);
document_type!(Metadata, Metadata);

impl sealed::Decode for Document {
    const KIND: Option<DocumentKind> = None;

    fn from_document(document: Document) -> Option<Document> {
        Some(document)
    }
}

impl Decode for Document {}

impl sealed::Encode for Document {
    fn as_document(&self) -> DocumentRef<'_> {
        match self {
            Document::Resource(resource) => DocumentRef::Resource(resource),
            Document::Events(events) => DocumentRef::Events(events),
            Document::Error(body) => DocumentRef::Error(body),
            Document::Metadata(metadata) => DocumentRef::Metadata(metadata),
        }
    }
}

impl Encode for Document {}

impl<T: sealed::Encode + ?Sized> sealed::Encode for &T {
    fn as_document(&self) -> DocumentRef<'_> {
        (**self).as_document()
    }
}

impl<T: Encode + ?Sized> Encode for &T {}

/// What an event entry on its own is told.
pub(crate) const EVENT_ENTRY_ON_ITS_OWN: &str =
    "an event entry on its own, not an events document (events stand in the senders of the \
     events resource's response: `sender[].events[]` in JSON, `<sender>` in XML)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_into_accessor_takes_its_kind_only() {
        let docs = [
            Document::Resource(Resource::new("me")),
            Document::Events(Events::new("/e?ack=1", "/e?ack=2")),
            Document::Error(ErrorBody::new("Gone")),
            Document::Metadata(Metadata::default()),
        ];
        for doc in &docs {
            let is = |kind| doc.kind() == kind;
            assert_eq!(doc.clone().into_resource().as_ref(), doc.as_resource());
            assert_eq!(
                doc.clone().into_resource().is_some(),
                is(DocumentKind::Resource)
            );
            assert_eq!(doc.clone().into_events().as_ref(), doc.as_events());
            assert_eq!(
                doc.clone().into_events().is_some(),
                is(DocumentKind::Events)
            );
            assert_eq!(doc.clone().into_error_body().as_ref(), doc.as_error());
            assert_eq!(
                doc.clone().into_error_body().is_some(),
                is(DocumentKind::Error)
            );
            assert_eq!(doc.clone().into_metadata().as_ref(), doc.as_metadata());
            assert_eq!(
                doc.clone().into_metadata().is_some(),
                is(DocumentKind::Metadata)
            );
        }
    }
}
