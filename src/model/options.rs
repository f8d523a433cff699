//! [`DecodeOptions`]: the limits a decoder keeps to.

use std::io::Read;

use crate::error::{Error, ErrorKind};

/// The limits a decoder keeps to. Every decoder keeps to the default limits; the `*_with` functions take others.
/// Build them with [`DecodeOptions::new`] and the `with_*` methods, or set the fields of a
/// default.
///
/// ```
/// use ucwa_codec::{Resource};
/// use ucwa_codec::{json, DecodeOptions, ErrorKind};
///
/// let options = DecodeOptions::new().with_max_items(2);
/// let err = json::from_slice_with::<Resource>(br#"{"a": 1, "b": 2, "c": 3}"#, &options).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Limit);
/// assert!(err.to_string().starts_with("more than 2 items (max_items)"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct DecodeOptions {
    /// The deepest nesting of resources (a resource embedding one that embeds one ... counts
    /// each). Default: 40. JSON is also held to serde_json's limit of 128 nested arrays and
    /// objects; XML to `max_depth + 4` nested elements.
    pub max_depth: usize,
    /// The largest document, in bytes. Default: 256 MiB.
    pub max_size: usize,
    /// The most items: members of JSON objects and elements of arrays; XML elements.
    /// Default: 64 Mi (67,108,864).
    pub max_items: usize,
    /// The most parts a batch may have, counted as its boundary lines are read.
    /// Default: 10,000.
    pub max_parts: usize,
}

/// The default of [`DecodeOptions::max_depth`].
pub const DEFAULT_MAX_DEPTH: usize = 40;
/// The default of [`DecodeOptions::max_size`].
pub const DEFAULT_MAX_SIZE: usize = 256 * 1024 * 1024;
/// The default of [`DecodeOptions::max_items`].
pub const DEFAULT_MAX_ITEMS: usize = 64 * 1024 * 1024;
/// The default of [`DecodeOptions::max_parts`].
pub const DEFAULT_MAX_PARTS: usize = 10_000;

impl Default for DecodeOptions {
    fn default() -> DecodeOptions {
        DecodeOptions {
            max_depth: DEFAULT_MAX_DEPTH,
            max_size: DEFAULT_MAX_SIZE,
            max_items: DEFAULT_MAX_ITEMS,
            max_parts: DEFAULT_MAX_PARTS,
        }
    }
}

impl DecodeOptions {
    /// The default options, to build on with the `with_*` methods (the struct is
    /// `#[non_exhaustive]`, so it cannot be written as a literal outside this crate).
    ///
    /// ```
    /// use ucwa_codec::{xml, DecodeOptions, ErrorKind, Resource, Value};
    ///
    /// let options = DecodeOptions::new()
    ///     .with_max_depth(10)
    ///     .with_max_size(1 << 20)
    ///     .with_max_items(10_000);
    /// assert_eq!((options.max_depth, options.max_size, options.max_items), (10, 1 << 20, 10_000));
    ///
    /// let text = r#"<resource rel="conversation" href="/c" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
    ///   <property name="participantCount">4</property></resource>"#;
    /// let conversation = xml::from_slice_with::<Resource>(text.as_bytes(), &options)?;
    /// assert_eq!(conversation.property("participantCount"), Some(&Value::Text("4".into())));
    ///
    /// let err = xml::from_slice_with::<Resource>(text.as_bytes(), &options.with_max_size(16)).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Limit);
    /// # Ok::<(), ucwa_codec::Error>(())
    /// ```
    pub fn new() -> DecodeOptions {
        DecodeOptions::default()
    }

    /// Sets [`max_depth`](DecodeOptions::max_depth).
    #[must_use]
    pub fn with_max_depth(mut self, max_depth: usize) -> DecodeOptions {
        self.max_depth = max_depth;
        self
    }

    /// Sets [`max_size`](DecodeOptions::max_size), in bytes.
    #[must_use]
    pub fn with_max_size(mut self, max_size: usize) -> DecodeOptions {
        self.max_size = max_size;
        self
    }

    /// Sets [`max_items`](DecodeOptions::max_items).
    #[must_use]
    pub fn with_max_items(mut self, max_items: usize) -> DecodeOptions {
        self.max_items = max_items;
        self
    }

    /// Sets [`max_parts`](DecodeOptions::max_parts).
    #[must_use]
    pub fn with_max_parts(mut self, max_parts: usize) -> DecodeOptions {
        self.max_parts = max_parts;
        self
    }

    /// Reads all of `reader`, keeping to `max_size`: reading stops at byte `max_size + 1`, an
    /// error of kind [`Limit`](ErrorKind::Limit), so that an input without end (a pipe, a
    /// device) costs no more than `max_size` bytes of memory. A failing read is an
    /// [`Io`](ErrorKind::Io) error.
    ///
    /// ```
    /// use ucwa_codec::{DecodeOptions, ErrorKind};
    ///
    /// let options = DecodeOptions::new().with_max_size(4);
    /// assert_eq!(options.read_all(&b"{}"[..])?, b"{}");
    /// let endless = std::io::repeat(b' ');
    /// let err = options.read_all(endless).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Limit);
    /// assert_eq!(err.message(), "the input is more than 4 bytes (max_size)");
    /// # Ok::<(), ucwa_codec::Error>(())
    /// ```
    pub fn read_all(&self, reader: impl Read) -> Result<Vec<u8>, Error> {
        let mut bytes = Vec::new();
        let limit = u64::try_from(self.max_size).unwrap_or(u64::MAX);
        reader
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(Error::io)?;
        if bytes.len() > self.max_size {
            return Err(Error::new(
                ErrorKind::Limit,
                format!("the input is more than {} bytes (max_size)", self.max_size),
            ));
        }
        Ok(bytes)
    }

    /// The error for a document larger than `max_size`.
    pub(crate) fn check_size(&self, len: usize) -> Result<(), Error> {
        if len > self.max_size {
            return Err(Error::new(
                ErrorKind::Limit,
                format!(
                    "the document is {len} bytes, more than {} (max_size)",
                    self.max_size
                ),
            ));
        }
        Ok(())
    }
}

/// The message of a depth error.
pub(crate) fn depth_message(max_depth: usize) -> String {
    format!("resources nested more than {max_depth} deep (max_depth)")
}

/// The message of an items error.
pub(crate) fn items_message(max_items: usize) -> String {
    format!("more than {max_items} items (max_items)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_builder_method_sets_its_field_alone() {
        let base = DecodeOptions::new();
        assert_eq!(base, DecodeOptions::default());
        let mut expected = base.clone();
        expected.max_depth = 3;
        assert_eq!(base.clone().with_max_depth(3), expected);
        let mut expected = base.clone();
        expected.max_size = 5;
        assert_eq!(base.clone().with_max_size(5), expected);
        let mut expected = base.clone();
        expected.max_items = 7;
        assert_eq!(base.clone().with_max_items(7), expected);
        let mut expected = base.clone();
        expected.max_parts = 9;
        assert_eq!(base.clone().with_max_parts(9), expected);
    }
}
