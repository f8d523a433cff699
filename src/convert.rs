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
//! A large document need not be in memory twice: [`convert_to_writer`] writes the output as
//! it is encoded, and the check reads a resource back in parts (its top, then each resource
//! it embeds there on its own), with exactly the warnings of reading back the whole.
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
use crate::diff::{
    diff_documents_with, diff_embedded_exactly, diff_shell_exactly, Comparison, Difference,
};
use crate::document;
use crate::error::{Result, Warning};
use crate::media_type::Format;
use crate::model::{Date, Document, EmbeddedGroup, Resource, Resources, Value, SELF};

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
    let mut bytes = Vec::new();
    let warnings = convert_to_writer(&mut document, from, to, options, &mut bytes)?;
    Ok(Conversion {
        document,
        bytes,
        warnings,
    })
}

/// Converts a document read from `from` to `to` and writes it to `writer` as it is encoded
/// ([`document::encode_to_writer`]): the bytes of [`convert_document`], without the whole
/// output in memory. The document is typed in place (from XML to JSON); its losses are
/// checked before anything is written, an embedded resource of the top at a time, so that an
/// error leaves `writer` untouched but for an error of the writer itself.
///
/// ```
/// use ucwa_codec::convert::{convert_to_writer, ConvertOptions};
/// use ucwa_codec::{xml, Document, Format};
///
/// let mut document = xml::from_str::<Document>(
///     r#"<resource rel="me" href="/me" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"/>"#,
/// )?;
/// let mut out = Vec::new();
/// let warnings = convert_to_writer(&mut document, Format::Xml, Format::Json, &ConvertOptions::default(), &mut out)?;
/// assert_eq!(out, br#"{"rel":"me","_links":{"self":{"href":"/me"}}}"#);
/// assert!(warnings.is_empty());
/// # Ok::<(), ucwa_codec::Error>(())
/// ```
pub fn convert_to_writer(
    document: &mut Document,
    from: Format,
    to: Format,
    options: &ConvertOptions,
    writer: impl std::io::Write,
) -> Result<Vec<Warning>> {
    let mut warnings = Vec::new();
    if from == Format::Xml && to == Format::Json {
        if let Some(typing) = &options.typing {
            warnings = type_as_json(document, typing)?;
        }
    }
    if options.check_losses && from != to {
        warnings.extend(losses(document, to, options)?);
    }
    document::encode_to_writer(&*document, to, options.pretty, writer)?;
    Ok(warnings)
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

/// What `document` loses in `to`: it is written and read back as converting it back would
/// read it, and compared exactly. A resource is read back in parts — its top with its own
/// members, then each resource it embeds there on its own — so that no more than one part's
/// output and read-back is in memory; where the parts cannot stand for the whole (a relation
/// twice at the top, a part that does not come back as one), the whole is read back.
fn losses(document: &mut Document, to: Format, options: &ConvertOptions) -> Result<Vec<Warning>> {
    let differences = match losses_by_parts(document, to, options) {
        Some(differences) => differences,
        None => losses_of_the_whole(document, to, options)?,
    };
    Ok(grouped(differences, format_name(to)))
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Json => "JSON",
        Format::Xml => "XML",
    }
}

/// The differences of a resource and its read-back, part by part; `None` where the parts
/// cannot stand for the whole.
fn losses_by_parts(
    document: &mut Document,
    to: Format,
    options: &ConvertOptions,
) -> Option<Vec<Difference>> {
    match document {
        Document::Resource(resource) => differences_by_parts(resource, to, options),
        _ => None,
    }
}

/// The differences of a document and its read-back as a whole.
fn losses_of_the_whole(
    document: &Document,
    to: Format,
    options: &ConvertOptions,
) -> Result<Vec<Difference>> {
    let back = read_back(document, to, options)?;
    Ok(diff_documents_with(document, &back, Comparison::Exact))
}

/// `part` written in `to` and read back as converting it back would read it (XML typed with
/// the catalogue).
fn read_back<D: crate::model::Encode + ?Sized>(
    part: &D,
    to: Format,
    options: &ConvertOptions,
) -> Result<Document> {
    let written = document::encode(part, to, options.pretty)?;
    let mut back = document::decode(&written, Some(to))?;
    if to == Format::Xml {
        let mut typing = options.typing.clone().unwrap_or_default();
        typing.on_mismatch = OnMismatch::Warn;
        type_as_json(&mut back, &typing)?;
    }
    Ok(back)
}

/// The exact differences of `root` and its read-back, part by part (see [`losses`]): the
/// differences of the whole, in its order. `None` where the parts cannot stand for the whole,
/// or one fails (the whole then gives the error).
fn differences_by_parts(
    root: &mut Resource,
    to: Format,
    options: &ConvertOptions,
) -> Option<Vec<Difference>> {
    let mut relations = std::collections::HashSet::new();
    if !root
        .embedded
        .iter()
        .all(|g| relations.insert(g.relation.as_str()))
    {
        return None;
    }
    // The top, its embedded resources stood in for by empty ones: how many there are is all
    // its read-back depends on.
    let embedded: Vec<_> = root
        .embedded
        .iter_mut()
        .map(|group| {
            let stubs: Vec<_> = (0..group.resources.len())
                .map(|_| Resource::default())
                .collect();
            std::mem::replace(&mut group.resources, Resources::from(stubs))
        })
        .collect();
    let top = read_back(&*root, to, options);
    for (group, resources) in root.embedded.iter_mut().zip(embedded) {
        group.resources = resources;
    }
    let Ok(Document::Resource(top)) = top else {
        return None;
    };
    if !comes_back_grouped_alike(root, &top) {
        return None;
    }
    let (top_differences, slots) = diff_shell_exactly(root, &top);
    drop(top);

    let mut differences = Vec::with_capacity(top_differences.len());
    let mut top_differences = top_differences.into_iter();
    let mut taken = 0;
    for (at, slot) in slots.into_iter().enumerate() {
        let Some(slot) = slot else { continue };
        differences.extend(top_differences.by_ref().take(slot - taken));
        taken = slot;
        let count = root.embedded[at].resources.len();
        for index in 0..count {
            differences.extend(embedded_differences(root, at, index, to, options)?);
        }
    }
    differences.extend(top_differences);
    Some(differences)
}

/// Whether `back`, the read-back of `root`'s top, holds the resources `root` embeds in the
/// same relations, as many in each: then the `n`th of a relation is read back as the `n`th.
fn comes_back_grouped_alike(root: &Resource, back: &Resource) -> bool {
    fn held(resource: &Resource) -> impl Iterator<Item = (&str, usize)> {
        resource
            .embedded
            .iter()
            .filter(|g| !g.resources.is_empty())
            .map(|g| (g.relation.as_str(), g.resources.len()))
    }
    held(root).eq(held(back))
}

/// The exact differences of the `index`th resource of `root`'s `at`th embedded relation and
/// its read-back on its own: under a top with `root`'s type, self link and layout, which are
/// all its writing, reading and typing depend on.
fn embedded_differences(
    root: &mut Resource,
    at: usize,
    index: usize,
    to: Format,
    options: &ConvertOptions,
) -> Option<Vec<Difference>> {
    let group = &mut root.embedded[at];
    let (relation, cardinality) = (group.relation.clone(), group.cardinality);
    let count = group.resources.len();
    let resource = std::mem::take(&mut group.resources[index]);
    let mut alone = Resource {
        type_name: root.type_name.clone(),
        properties: Vec::new(),
        links: root
            .links
            .iter()
            .filter(|g| g.rel == SELF)
            .cloned()
            .collect(),
        embedded: vec![EmbeddedGroup {
            relation: relation.clone(),
            cardinality,
            resources: Resources::one(resource),
        }],
        layout: root.layout.clone(),
    };
    let back = read_back(&alone, to, options);
    let resource = std::mem::take(&mut alone.embedded[0].resources[0]);
    root.embedded[at].resources[index] = resource;
    let Ok(Document::Resource(back)) = back else {
        return None;
    };
    let [group] = back.embedded.as_slice() else {
        return None;
    };
    let [read] = group.resources.as_slice() else {
        return None;
    };
    if group.relation != relation {
        return None;
    }
    let resource = &root.embedded[at].resources[index];
    Some(diff_embedded_exactly(
        resource, read, &relation, index, count,
    ))
}

/// The loss check both ways, for the crate's own tests ([`crate::__private`]).
pub(crate) mod hooks {
    use super::*;

    /// The losses by parts (`None` where they cannot stand for the whole), and of the whole.
    pub type BothWays = (Option<Vec<Warning>>, Result<Vec<Warning>>);

    /// The losses of `document` converted from `from` to `to` (typed first, as the
    /// conversion types it): by parts, `None` where they cannot stand for the whole; and by
    /// reading back the whole document.
    pub fn convert_losses_both_ways(
        mut document: Document,
        from: Format,
        to: Format,
        options: &ConvertOptions,
    ) -> Result<BothWays> {
        if from == Format::Xml && to == Format::Json {
            if let Some(typing) = &options.typing {
                type_as_json(&mut document, typing)?;
            }
        }
        let what = format_name(to);
        let parts = losses_by_parts(&mut document, to, options).map(|d| grouped(d, what));
        let whole = losses_of_the_whole(&document, to, options).map(|d| grouped(d, what));
        Ok((parts, whole))
    }
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
