//! Converting a document to the other format, with the warnings of what it cannot carry.
//!
//! From XML to JSON, values are typed with the [catalogue] (integers,
//! booleans, dates in UTC milliseconds as UCWA's JSON writes them, arrays where the reference
//! has them); a value that does not fit its documented type stays text with a warning (or,
//! [strictly](ConvertOptions::strict), is an error).
//!
//! Then the conversion checks what the other format cannot carry: it reads its own output
//! back, as converting it back would (XML typed with the catalogue), and compares it with the
//! document exactly ([`Comparison::Exact`]). Each difference is a loss, and a [`Warning`]
//! names it — one per member or relation, however often it recurs (`_embedded.contact[*]`):
//! an array of one under a relation the catalogue does not know comes back from XML as one
//! object, an empty `_links` or relation vanishes, an integer of a property the reference does
//! not type comes back as text. [`docs/mapping.md`](crate::guide::mapping) lists them under "Known limits".
//!
//! ```
//! use ucwa_codec::convert::{convert, ConvertOptions};
//! use ucwa_codec::Format;
//!
//! let json = br#"{"rel":"x","custom":15,"_links":{"self":{"href":"/x"}}}"#;
//! let converted = convert(json, None, Format::Xml, &ConvertOptions::default())?;
//! assert!(String::from_utf8(converted.bytes).unwrap().contains(r#"<property name="custom">15</property>"#));
//! assert_eq!(converted.warnings.len(), 1);
//! assert_eq!(
//!     converted.warnings[0].to_string(),
//!     r#"XML cannot carry this: 15 comes back as "15", path custom"#
//! );
//! # Ok::<(), ucwa_codec::Error>(())
//! ```

use crate::catalogue::{self, OnMismatch, TypingOptions};
use crate::diff::{diff_documents_with, Comparison, Difference};
use crate::document;
use crate::error::{Result, Warning};
use crate::media_type::Format;
use crate::model::Document;
use crate::model::{Date, Value};

/// How [`convert`] converts.
///
/// ```
/// use ucwa_codec::convert::ConvertOptions;
///
/// let options = ConvertOptions::default().pretty(true).strict(true);
/// assert!(options.is_strict());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConvertOptions {
    pretty: bool,
    typing: Option<TypingOptions>,
    check_losses: bool,
}

impl Default for ConvertOptions {
    /// Compact output, XML typed with the catalogue (misfits kept as text, with a warning),
    /// losses checked.
    fn default() -> ConvertOptions {
        ConvertOptions {
            pretty: false,
            typing: Some(TypingOptions {
                on_mismatch: OnMismatch::Warn,
                ..TypingOptions::default()
            }),
            check_losses: true,
        }
    }
}

impl ConvertOptions {
    /// Writes indented output.
    pub fn pretty(mut self, pretty: bool) -> ConvertOptions {
        self.pretty = pretty;
        self
    }

    /// From XML to JSON, a value that does not fit its documented type is an error, not a
    /// warning.
    pub fn strict(mut self, strict: bool) -> ConvertOptions {
        if let Some(typing) = &mut self.typing {
            typing.on_mismatch = if strict {
                OnMismatch::Error
            } else {
                OnMismatch::Warn
            };
        }
        self
    }

    /// Whether a misfit is an error ([`ConvertOptions::strict`]).
    pub fn is_strict(&self) -> bool {
        self.typing
            .as_ref()
            .is_some_and(|t| t.on_mismatch == OnMismatch::Error)
    }

    /// From XML to JSON, types values with these options; `None` leaves XML's text as JSON
    /// strings.
    pub fn typing(mut self, typing: Option<TypingOptions>) -> ConvertOptions {
        self.typing = typing;
        self
    }

    /// Whether to check what the target format cannot carry (the default), which reads the
    /// output back once.
    pub fn check_losses(mut self, check: bool) -> ConvertOptions {
        self.check_losses = check;
        self
    }
}

/// A converted document: what was written, and what it could not carry.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Conversion {
    /// The document as converted (typed, from XML to JSON).
    pub document: Document,
    /// The output.
    pub bytes: Vec<u8>,
    /// Values kept as text that do not fit their documented type, and losses.
    pub warnings: Vec<Warning>,
}

/// Decodes `bytes` (in `from`, or the format their first byte shows) and converts them to
/// `to`.
pub fn convert(
    bytes: &[u8],
    from: Option<Format>,
    to: Format,
    options: &ConvertOptions,
) -> Result<Conversion> {
    let from = match from.or_else(|| Format::detect(bytes)) {
        Some(from) => from,
        // The decoder says why it cannot tell.
        None => return Err(document::decode(bytes, None).expect_err("no format")),
    };
    convert_document(document::decode(bytes, Some(from))?, from, to, options)
}

/// Converts a document read from `from` to `to`.
pub fn convert_document(
    mut document: Document,
    from: Format,
    to: Format,
    options: &ConvertOptions,
) -> Result<Conversion> {
    let mut warnings = Vec::new();
    if from == Format::Xml && to == Format::Json {
        if let Some(typing) = &options.typing {
            warnings = type_as_json(&mut document, typing)?;
        }
    }
    let bytes = document::encode(&document, to, options.pretty)?;
    if options.check_losses && from != to {
        warnings.extend(losses(&document, &bytes, to, options)?);
    }
    Ok(Conversion {
        document,
        bytes,
        warnings,
    })
}

/// Types an XML document for JSON: with the catalogue, and dates in UTC milliseconds as
/// UCWA's JSON writes them (XML's 100 ns and offset are the conversion's to drop, not a loss
/// to warn of: [`docs/mapping.md`](crate::guide::mapping)).
fn type_as_json(document: &mut Document, typing: &TypingOptions) -> Result<Vec<Warning>> {
    let warnings = catalogue::apply_to_document(document, typing)?;
    for resource in document.resources_mut() {
        resource.for_each_value_mut(&mut |value| {
            if let Value::Date(date) = value {
                *date = Date::from_unix_millis(date.unix_millis()).unwrap_or(date.to_utc());
            }
        });
    }
    Ok(warnings)
}

/// What `written` (the document in `to`) loses of `document`: it is read back as converting
/// it back would read it, and compared exactly.
fn losses(
    document: &Document,
    written: &[u8],
    to: Format,
    options: &ConvertOptions,
) -> Result<Vec<Warning>> {
    let mut back = document::decode(written, Some(to))?;
    if to == Format::Xml {
        let mut typing = options.typing.clone().unwrap_or_default();
        typing.on_mismatch = OnMismatch::Warn;
        type_as_json(&mut back, &typing)?;
    }
    let what = match to {
        Format::Json => "JSON",
        Format::Xml => "XML",
    };
    Ok(grouped(
        diff_documents_with(document, &back, Comparison::Exact),
        what,
    ))
}

/// One warning per member or relation: differences whose paths differ only in their indices
/// are one, said once with how often it recurs.
fn grouped(differences: Vec<Difference>, format: &str) -> Vec<Warning> {
    let mut groups: Vec<(String, Difference, usize)> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for difference in differences {
        let shape = without_indices(&difference.path);
        match index.get(&shape) {
            Some(&at) => {
                let group: &mut (String, Difference, usize) = &mut groups[at];
                group.2 += 1;
            }
            None => {
                index.insert(shape.clone(), groups.len());
                groups.push((shape, difference, 1));
            }
        }
    }
    groups
        .into_iter()
        .map(|(shape, difference, count)| {
            let side = |side: &Option<String>| side.clone().unwrap_or_else(|| "nothing".into());
            let mut message = format!(
                "{format} cannot carry this: {} comes back as {}",
                side(&difference.left),
                side(&difference.right)
            );
            if count > 1 {
                message.push_str(&format!(" ({count} times, at {shape})"));
            }
            Warning::new(difference.path, message)
        })
        .collect()
}

/// A path with every `[N]` written `[*]`.
fn without_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        match rest[open..].find(']') {
            Some(close) => {
                out.push_str("[*]");
                rest = &rest[open + close + 1..];
            }
            None => {
                rest = &rest[open..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_are_folded() {
        assert_eq!(without_indices("a[1].b[22].c"), "a[*].b[*].c");
        assert_eq!(without_indices("a"), "a");
    }
}
