//! What the two formats' codec modules share: their free functions' plumbing (sizes, byte
//! order marks, UTF-8, which decoder reads which kind, writers), over each format's decoders
//! and writer ([`Format`]).

use std::io;

use super::document::sealed::DocumentRef;
use super::error_body::ErrorBody;
use super::events::Events;
use super::metadata::Metadata;
use super::{Decode, DecodeOptions, Document, DocumentKind, Encode, Resource};
use crate::error::{utf8_text, Error, ErrorKind, Position, Result};

/// The room an encoder's output starts with: most UCWA documents are a few KiB, and a
/// smaller start copies a small document two or three times as it grows.
pub(crate) const OUTPUT_START: usize = 1024;

/// Where an encoder hands on what it has written so far, between two embedded resources, once
/// its buffer holds [`Spill::AT`] bytes: a large document is then never whole in memory, and
/// the bytes are those the encoder writes into a vector alone.
pub(crate) struct Spill<'s> {
    sink: &'s mut dyn io::Write,
}

impl<'s> Spill<'s> {
    /// How full the buffer gets before it is handed on.
    pub(crate) const AT: usize = 64 * 1024;

    pub(crate) fn new(sink: &'s mut dyn io::Write) -> Spill<'s> {
        Spill { sink }
    }

    /// Hands `out` on if it holds [`Spill::AT`] bytes, and empties it.
    #[inline]
    pub(crate) fn when_full(&mut self, out: &mut Vec<u8>) -> io::Result<()> {
        if out.len() >= Self::AT {
            self.all(out)?;
        }
        Ok(())
    }

    /// Hands all of `out` on, and empties it.
    pub(crate) fn all(&mut self, out: &mut Vec<u8>) -> io::Result<()> {
        self.sink.write_all(out)?;
        out.clear();
        Ok(())
    }
}

/// A wire format's decoders of each kind and its writer. Each decoder of one kind refuses a
/// document of another, with an error that names it.
pub(crate) trait Format {
    fn resource(text: &str, options: &DecodeOptions) -> Result<Resource>;
    fn events(text: &str, options: &DecodeOptions) -> Result<Events>;
    fn error_body(text: &str, options: &DecodeOptions) -> Result<ErrorBody>;
    fn metadata(text: &str, options: &DecodeOptions) -> Result<Metadata>;
    /// A document of the kind the content shows.
    fn document(text: &str, options: &DecodeOptions) -> Result<Document>;
    /// Writes a document, compact or indented.
    fn write(document: DocumentRef<'_>, pretty: bool) -> Result<Vec<u8>>;
}

/// Decodes a `T` from bytes (UTF-8, a byte-order mark skipped), keeping to `options`.
pub(crate) fn from_slice<F: Format, T: Decode>(bytes: &[u8], options: &DecodeOptions) -> Result<T> {
    options.check_size(bytes.len())?;
    from_str::<F, T>(utf8_text(bytes)?, options)
}

/// Decodes a `T` from text, keeping to `options`.
pub(crate) fn from_str<F: Format, T: Decode>(text: &str, options: &DecodeOptions) -> Result<T> {
    options.check_size(text.len())?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let document = match T::KIND {
        Some(DocumentKind::Resource) => Document::Resource(F::resource(text, options)?),
        Some(DocumentKind::Events) => Document::Events(F::events(text, options)?),
        Some(DocumentKind::Error) => Document::Error(F::error_body(text, options)?),
        Some(DocumentKind::Metadata) => Document::Metadata(F::metadata(text, options)?),
        None => F::document(text, options)?,
    };
    let found = document.kind();
    // The decoders of one kind return that kind (or this error, by their detection).
    T::from_document(document).ok_or_else(|| wrong_kind(T::KIND.unwrap_or(found), found, text))
}

/// The error of a decoder of documents of kind `expected`, given one of kind `found`: at the
/// document's first byte.
pub(crate) fn wrong_kind(expected: DocumentKind, found: DocumentKind, text: &str) -> Error {
    let start = text.len() - text.trim_start().len();
    Error::new(
        ErrorKind::Structure,
        format!(
            "expected {}, found {}",
            expected.described(),
            found.described()
        ),
    )
    .with_position(Position::at_offset(text.as_bytes(), start))
}

/// Reads all of `reader`, keeping to `options.max_size` while reading, and decodes a `T`.
pub(crate) fn from_reader<F: Format, T: Decode>(
    reader: impl io::Read,
    options: &DecodeOptions,
) -> Result<T> {
    from_slice::<F, T>(&options.read_all(reader)?, options)
}

/// Encodes a document, compact or indented.
pub(crate) fn to_vec<F: Format, T: Encode + ?Sized>(value: &T, pretty: bool) -> Result<Vec<u8>> {
    F::write(value.as_document(), pretty)
}

/// Encodes a document as a string (the writers write UTF-8).
pub(crate) fn to_string<F: Format, T: Encode + ?Sized>(value: &T, pretty: bool) -> Result<String> {
    let bytes = to_vec::<F, T>(value, pretty)?;
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned()))
}

/// Encodes a document in full, then writes it: on an error, nothing has been written.
pub(crate) fn to_writer<F: Format, T: Encode + ?Sized>(
    mut writer: impl io::Write,
    value: &T,
    pretty: bool,
) -> Result<()> {
    writer
        .write_all(&to_vec::<F, T>(value, pretty)?)
        .map_err(Error::io)
}

/// The free functions of a format's module (`from_slice`, `from_str`, `from_reader`, their
/// `_with` forms, `to_vec`, `to_string`, `to_writer` and their `_pretty` forms) over the
/// module's decoders of resources, events documents, error bodies, metadata and any document,
/// and its `fn write(DocumentRef, pretty)`:
/// `free_functions!(Json, "JSON", "example of from_str", [de::decode, events::decode, ...])`.
macro_rules! free_functions {
    ($format:ident, $name:literal, $from_str_example:literal,
     [$resource:path, $events:path, $error_body:path, $metadata:path, $document:path]) => {
        /// The format's decoders and writer, for [`codec`](crate::model::codec)'s plumbing.
        struct $format;

        impl $crate::model::codec::Format for $format {
            fn resource(text: &str, options: &DecodeOptions) -> Result<$crate::model::Resource> {
                $resource(text, options)
            }

            fn events(text: &str, options: &DecodeOptions) -> Result<$crate::model::events::Events> {
                $events(text, options)
            }

            fn error_body(
                text: &str,
                options: &DecodeOptions,
            ) -> Result<$crate::model::error_body::ErrorBody> {
                $error_body(text, options)
            }

            fn metadata(
                text: &str,
                options: &DecodeOptions,
            ) -> Result<$crate::model::metadata::Metadata> {
                $metadata(text, options)
            }

            fn document(text: &str, options: &DecodeOptions) -> Result<$crate::model::Document> {
                $document(text, options)
            }

            fn write(document: $crate::model::DocumentRef<'_>, pretty: bool) -> Result<Vec<u8>> {
                write(document, pretty)
            }
        }

        #[doc = concat!("Decodes a document from ", $name, " bytes (UTF-8; a leading byte-order mark is skipped).")]
        pub fn from_slice<T: Decode>(bytes: &[u8]) -> Result<T> {
            from_slice_with(bytes, &DecodeOptions::default())
        }

        #[doc = concat!("Decodes a document from ", $name, " text.")]
        ///
        /// A document of another kind than `T` is an error of kind
        /// [`Structure`](crate::ErrorKind::Structure) that says what it is, by the detection
        /// of [`crate::document`].
        ///
        #[doc = $from_str_example]
        pub fn from_str<T: Decode>(text: &str) -> Result<T> {
            from_str_with(text, &DecodeOptions::default())
        }

        /// Reads all of `reader` and decodes a document from it; reading stops with an error
        /// past the default `max_size` ([`DecodeOptions::read_all`]).
        pub fn from_reader<T: Decode, R: std::io::Read>(reader: R) -> Result<T> {
            from_reader_with(reader, &DecodeOptions::default())
        }

        #[doc = concat!("Decodes a document from ", $name, " bytes, keeping to `options`' limits.")]
        pub fn from_slice_with<T: Decode>(bytes: &[u8], options: &DecodeOptions) -> Result<T> {
            $crate::model::codec::from_slice::<$format, T>(bytes, options)
        }

        #[doc = concat!("Decodes a document from ", $name, " text, keeping to `options`' limits.")]
        pub fn from_str_with<T: Decode>(text: &str, options: &DecodeOptions) -> Result<T> {
            $crate::model::codec::from_str::<$format, T>(text, options)
        }

        /// Reads all of `reader`, stopping with an error past `options.max_size`, and decodes
        /// a document from it, keeping to `options`' limits.
        pub fn from_reader_with<T: Decode, R: std::io::Read>(
            reader: R,
            options: &DecodeOptions,
        ) -> Result<T> {
            $crate::model::codec::from_reader::<$format, T>(reader, options)
        }

        #[doc = concat!("Encodes a document as compact ", $name, ".")]
        pub fn to_vec<T: Encode + ?Sized>(value: &T) -> Result<Vec<u8>> {
            $crate::model::codec::to_vec::<$format, T>(value, false)
        }

        #[doc = concat!("Encodes a document as indented ", $name, " (two spaces).")]
        pub fn to_vec_pretty<T: Encode + ?Sized>(value: &T) -> Result<Vec<u8>> {
            $crate::model::codec::to_vec::<$format, T>(value, true)
        }

        #[doc = concat!("Encodes a document as a compact ", $name, " string.")]
        pub fn to_string<T: Encode + ?Sized>(value: &T) -> Result<String> {
            $crate::model::codec::to_string::<$format, T>(value, false)
        }

        #[doc = concat!("Encodes a document as an indented ", $name, " string.")]
        pub fn to_string_pretty<T: Encode + ?Sized>(value: &T) -> Result<String> {
            $crate::model::codec::to_string::<$format, T>(value, true)
        }

        #[doc = concat!("Writes a document as compact ", $name, ". It is encoded in full first: on an error, nothing has been written.")]
        pub fn to_writer<W: std::io::Write, T: Encode + ?Sized>(writer: W, value: &T) -> Result<()> {
            $crate::model::codec::to_writer::<$format, T>(writer, value, false)
        }

        #[doc = concat!("Writes a document as indented ", $name, ". It is encoded in full first: on an error, nothing has been written.")]
        pub fn to_writer_pretty<W: std::io::Write, T: Encode + ?Sized>(
            writer: W,
            value: &T,
        ) -> Result<()> {
            $crate::model::codec::to_writer::<$format, T>(writer, value, true)
        }
    };
}

pub(crate) use free_functions;
