//! [`DecodeOptions`]: the limits a decoder keeps to, and whether XML is typed on the way in.

use crate::catalogue::TypingOptions;
use crate::error::{Error, ErrorKind};

/// How a decoder reads: its limits, and (for XML) whether to type values with the resource
/// catalogue. Every decoder keeps to the default limits; the `*_with` functions take others.
///
/// ```
/// use ucwa_codec::{json, DecodeOptions, ErrorKind};
///
/// let mut options = DecodeOptions::default();
/// options.max_items = 2;
/// let err = json::from_slice_with(br#"{"a": 1, "b": 2, "c": 3}"#, &options).unwrap_err();
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
    /// Type XML text with the resource catalogue after decoding ([`crate::catalogue::apply`]).
    /// Default: `None` (XML text stays text). JSON is typed already.
    pub typing: Option<TypingOptions>,
}

/// The default of [`DecodeOptions::max_depth`].
pub const DEFAULT_MAX_DEPTH: usize = 40;
/// The default of [`DecodeOptions::max_size`].
pub const DEFAULT_MAX_SIZE: usize = 256 * 1024 * 1024;
/// The default of [`DecodeOptions::max_items`].
pub const DEFAULT_MAX_ITEMS: usize = 64 * 1024 * 1024;

impl Default for DecodeOptions {
    fn default() -> DecodeOptions {
        DecodeOptions {
            max_depth: DEFAULT_MAX_DEPTH,
            max_size: DEFAULT_MAX_SIZE,
            max_items: DEFAULT_MAX_ITEMS,
            typing: None,
        }
    }
}

impl DecodeOptions {
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
