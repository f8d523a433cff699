//! The full reader: the tokenizer of all of XML, on quick-xml, for the builder
//! ([`super::builder`]). It checks what XML and namespaces require and fails with the
//! crate's error, placed (line, column, path).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use super::builder::{self, Attributes, Kind, Scratch, Tag, Tokens};
use super::{UCWA_NS, XSI_NS};
use crate::error::{Error, ErrorKind, PathBuf, Position, Result};
use crate::model::error_body::ErrorBody;
use crate::model::metadata::Metadata;
use crate::model::DecodeOptions;
use crate::model::{NameIndex, Str, Value};

/// An error before it is given its position and path.
pub(crate) struct Failure {
    pub(crate) kind: ErrorKind,
    pub(crate) message: String,
    /// Byte offset, when known better than "the event being read".
    pub(crate) offset: Option<usize>,
}

pub(crate) type Step<T> = std::result::Result<T, Failure>;

pub(crate) fn fail<T>(kind: ErrorKind, message: impl Into<String>) -> Step<T> {
    Err(Failure {
        kind,
        message: message.into(),
        offset: None,
    })
}

/// A namespace binding made by an `xmlns` or `xmlns:p` attribute, alive while its element is.
struct Binding {
    depth: usize,
    prefix: Str,
    uri: Str,
    /// The binding of the same prefix it hides, while [`Bindings::innermost`] is kept.
    hides: Option<usize>,
}

/// The namespace bindings in force, innermost last. The few of a usual document are scanned;
/// past 16, a map from each prefix to its innermost binding answers, so that thousands of
/// declarations do not make each lookup (one per element and prefixed attribute) scan them.
#[derive(Default)]
struct Bindings {
    list: Vec<Binding>,
    innermost: Option<HashMap<Str, usize>>,
}

impl Bindings {
    fn push(&mut self, depth: usize, prefix: &str, uri: &str) {
        if self.innermost.is_none() && self.list.len() >= 16 {
            let mut innermost = HashMap::new();
            for (i, binding) in self.list.iter_mut().enumerate() {
                binding.hides = innermost.insert(binding.prefix.clone(), i);
            }
            self.innermost = Some(innermost);
        }
        let hides = self
            .innermost
            .as_mut()
            .and_then(|map| map.insert(Str::from(prefix), self.list.len()));
        self.list.push(Binding {
            depth,
            prefix: Str::from(prefix),
            uri: Str::from(uri),
            hides,
        });
    }

    /// Drops the bindings made at `depth` or deeper.
    fn close(&mut self, depth: usize) {
        while self.list.last().is_some_and(|b| b.depth >= depth) {
            let Some(binding) = self.list.pop() else {
                break;
            };
            if let Some(map) = &mut self.innermost {
                match binding.hides {
                    Some(hidden) => map.insert(binding.prefix, hidden),
                    None => map.remove(&binding.prefix),
                };
            }
        }
    }

    /// The binding in force for `prefix`.
    fn find(&self, prefix: &str) -> Option<&Binding> {
        match &self.innermost {
            Some(map) => map.get(prefix).map(|&i| &self.list[i]),
            None => self.list.iter().rev().find(|b| b.prefix == prefix),
        }
    }
}

/// The decoding state over one document.
pub(crate) struct Decoder<'a> {
    reader: Reader<&'a [u8]>,
    input: &'a str,
    /// Where the event being handled starts.
    pub(crate) event_start: usize,
    bindings: Bindings,
    /// Element nesting, and its limit (`max_depth` + 4: a resource's properties and items,
    /// an events document's senders and events).
    depth: usize,
    max_depth: usize,
    /// Elements read so far, and the limits they keep to.
    count: usize,
    options: DecodeOptions,
    pub(crate) path: PathBuf,
    /// The builder's scratch stacks; the attributes of the element opened last, and the
    /// other attributes of the element being opened.
    scratch: Scratch,
    attributes: Attributes<'a>,
    other: Vec<(Str, Value)>,
}

impl<'a> Decoder<'a> {
    /// A decoder that keeps to the default limits.
    pub(crate) fn new(input: &'a str) -> Decoder<'a> {
        Decoder::with_options(input, &DecodeOptions::default())
    }

    /// A decoder that keeps to `options`' limits.
    pub(crate) fn with_options(input: &'a str, options: &DecodeOptions) -> Decoder<'a> {
        let mut reader = Reader::from_str(input);
        let config = reader.config_mut();
        config.trim_text(false);
        config.expand_empty_elements = false;
        config.check_end_names = true;
        config.check_comments = true;
        Decoder {
            reader,
            input,
            event_start: 0,
            bindings: Bindings::default(),
            depth: 0,
            max_depth: options.max_depth.saturating_add(4),
            count: 0,
            options: options.clone(),
            path: PathBuf::default(),
            scratch: Scratch::new(options.max_depth),
            attributes: Attributes::default(),
            other: Vec::new(),
        }
    }

    /// Turns a failure into the crate's error, with position and path.
    pub(crate) fn error(&self, failure: Failure) -> Error {
        let offset = failure.offset.unwrap_or(self.event_start);
        Error::new(failure.kind, failure.message)
            .with_position(Position::at_offset(self.input.as_bytes(), offset))
            .with_path(self.path.render())
    }

    pub(crate) fn next(&mut self) -> Step<Event<'a>> {
        self.event_start = self.reader.buffer_position() as usize;
        let event = self.read_event()?;
        match &event {
            // Only at the very start (after a byte-order mark): not after a blank, not twice.
            Event::Decl(decl) => {
                let start = if self.input.starts_with('\u{FEFF}') {
                    3
                } else {
                    0
                };
                if self.event_start != start {
                    return Err(Failure {
                        kind: ErrorKind::Syntax,
                        message: "an XML declaration may stand only at the very start of the \
                                  document, before any blank or other markup"
                            .to_owned(),
                        offset: Some(self.event_start),
                    });
                }
                check_declaration(decl).map_err(|failure| Failure {
                    offset: Some(self.event_start),
                    ..failure
                })?;
            }
            Event::PI(pi) if pi.target().eq_ignore_ascii_case("xml") => {
                return Err(Failure {
                    kind: ErrorKind::Syntax,
                    message: format!(
                        "the processing-instruction target `{}` is reserved (an XML \
                         declaration is written `<?xml`, at the very start)",
                        pi.target()
                    ),
                    offset: Some(self.event_start),
                });
            }
            _ => {}
        }
        Ok(event)
    }

    fn read_event(&mut self) -> Step<Event<'a>> {
        self.reader.read_event().map_err(|err| {
            use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
            let offset = self.reader.error_position() as usize;
            let kind = match &err {
                XmlError::Syntax(
                    SyntaxError::UnclosedComment
                    | SyntaxError::UnclosedCData
                    | SyntaxError::UnclosedDoctype
                    | SyntaxError::UnclosedPI
                    | SyntaxError::UnclosedXmlDecl
                    | SyntaxError::UnclosedTag
                    | SyntaxError::UnclosedSingleQuotedAttributeValue
                    | SyntaxError::UnclosedDoubleQuotedAttributeValue,
                )
                | XmlError::IllFormed(IllFormedError::MissingEndTag(_)) => ErrorKind::Eof,
                _ => ErrorKind::Syntax,
            };
            Failure {
                kind,
                message: err.to_string(),
                offset: Some(offset),
            }
        })
    }

    /// Reads the document, its root element read by `build` (given the root's start tag,
    /// opened): the prolog, the root, nothing but comments and PIs after it.
    pub(crate) fn read<T>(
        mut self,
        build: impl FnOnce(&mut Self, &Tag<'a>) -> Step<T>,
    ) -> Result<T> {
        if let Some(offset) = first_forbidden_character(self.input) {
            let c = self.input[offset..].chars().next().unwrap_or_default();
            return Err(self.error(Failure {
                kind: ErrorKind::Syntax,
                message: format!("the character U+{:04X} is not allowed in XML", u32::from(c)),
                offset: Some(offset),
            }));
        }
        match builder::read(&mut self, build) {
            Ok(value) => Ok(value),
            Err(failure) => Err(self.error(failure)),
        }
    }

    /// The prolog, up to the root element's start tag, opened into `root`.
    fn prolog(&mut self, root: &mut Tag<'a>) -> Step<()> {
        loop {
            match self.next()? {
                Event::Start(start) => return self.open(&start, false, root),
                Event::Empty(start) => return self.open(&start, true, root),
                Event::Decl(_) => {}
                Event::DocType(_) => {
                    return fail(
                        ErrorKind::Structure,
                        "a DOCTYPE is not allowed (UCWA documents declare no entities)",
                    )
                }
                Event::Text(text) if is_blank(&text) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => {
                    return fail(ErrorKind::Eof, "unexpected end of input: no root element")
                }
                _ => return fail(ErrorKind::Syntax, "expected the root element"),
            }
        }
    }

    /// After the root element: nothing but blanks, comments and PIs.
    fn epilogue(&mut self) -> Step<()> {
        loop {
            match self.next()? {
                Event::Eof => return Ok(()),
                Event::Text(text) if is_blank(&text) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(text) => {
                    return self.fail_in_text(&text, "text after the root element")
                }
                _ => return fail(ErrorKind::Syntax, "content after the root element"),
            }
        }
    }

    /// Reads an element's start into `tag`: binds its namespaces, resolves its name, reads
    /// its attributes into `self.attributes`.
    pub(crate) fn open(
        &mut self,
        start: &BytesStart<'a>,
        empty: bool,
        tag: &mut Tag<'a>,
    ) -> Step<()> {
        // The tag as a part of the input, so that what the builder takes of it lives as long.
        let content = self.in_input(start)?;
        let element = &content[..start.name().0.len()];
        self.depth += 1;
        if self.depth > self.max_depth {
            return fail(
                ErrorKind::Limit,
                format!(
                    "elements nested more than {} deep (max_depth + 4)",
                    self.max_depth
                ),
            );
        }
        self.count += 1;
        if self.count > self.options.max_items {
            return fail(
                ErrorKind::Limit,
                crate::model::items_message(self.options.max_items),
            );
        }
        let mut attributes = Attributes::default();
        // A `p:nil` is `xsi:nil` only if `p` is bound to the XML Schema instance namespace,
        // maybe by a declaration after it on this element: such attributes wait for the end of
        // the element's attributes, with the place in `other` they take if they are not.
        let mut nils: Vec<(usize, &'a str, Cow<'a, str>)> = Vec::new();
        let (mut rel, mut href, mut name) = (None, None, None);
        self.other.clear();
        // quick-xml's duplicate check allocates for every element; this one does not. On any
        // anomaly the checked iteration runs again to report exactly what it reports.
        let mut unchecked = quick_xml::events::attributes::Attributes::new(content, element.len());
        unchecked.with_checks(false);
        let mut keys = SeenKeys::default();
        let mut prefixed: Vec<&'a str> = Vec::new();
        for attribute in unchecked {
            let Ok(attribute) = attribute else {
                return Err(attribute_failure(start, self.event_start));
            };
            let key = attribute.key.0;
            if !is_xml_name(key) {
                return fail(
                    ErrorKind::Syntax,
                    format!("`{key}` is not an XML attribute name"),
                );
            }
            if !keys.insert(key) {
                return Err(attribute_failure(start, self.event_start));
            }
            if key.contains(':') && !key.starts_with("xmlns:") {
                prefixed.push(key);
            }
            let value = attribute_value(attribute.value)?;
            match key {
                "rel" => rel = Some((self.other.len(), value)),
                "href" => href = Some((self.other.len(), value)),
                "name" => name = Some((self.other.len(), value)),
                "xmlns" => self.bindings.push(self.depth, "", &value),
                _ => match split_qname(key) {
                    Some(("xmlns", prefix)) => self.bindings.push(self.depth, prefix, &value),
                    Some((_, "nil")) => nils.push((self.other.len(), key, value)),
                    _ => self
                        .other
                        .push((Str::from(key), Value::Text(Str::from(value)))),
                },
            }
        }
        if prefixed.len() > 1 {
            self.distinct_expanded_names(&prefixed)?;
        }
        let kind = self.element_kind(element)?;
        // Elements of the other documents (events, error bodies, metadata) are `Other`: they
        // may carry a link's `rel` and `href`, or be nil; their decoders check the rest.
        let linked = matches!(
            kind,
            Kind::Resource | Kind::Input | Kind::Link | Kind::Other
        );
        let named = matches!(kind, Kind::Property | Kind::PropertyList);
        let valued = matches!(kind, Kind::Property | Kind::PropertyList | Kind::Item);
        let nillable = valued || kind == Kind::Other;
        // What this kind of element does not know goes back among the other attributes, at
        // the place it was read.
        let mut put_back: Vec<(usize, &'a str, Cow<'a, str>)> = Vec::new();
        for (found, key, known) in [
            (rel, "rel", linked),
            (href, "href", linked),
            (name, "name", named),
        ] {
            match found {
                Some((_, value)) if known => match key {
                    "rel" => attributes.rel = Some(value),
                    "href" => attributes.href = Some(value),
                    _ => attributes.name = Some(value),
                },
                Some((at, value)) => put_back.push((at, key, value)),
                None => {}
            }
        }
        for (at, key, value) in nils {
            let prefix = split_qname(key).map_or("", |(prefix, _)| prefix);
            if !nillable || !self.is_xsi(prefix) {
                put_back.push((at, key, value));
                continue;
            }
            attributes.nil = match value.as_ref() {
                "true" | "1" => true,
                "false" | "0" => false,
                other => {
                    return fail(
                        ErrorKind::Value,
                        format!("xsi:nil must be true or false, found `{other}`"),
                    )
                }
            }
        }
        if !put_back.is_empty() {
            // Merged in one pass: inserting each would move the rest, and a tag may put back
            // thousands (`p1:nil` ... of namespaces other than XML Schema's).
            put_back.sort_by_key(|(at, _, _)| *at);
            let mut back = put_back.into_iter().peekable();
            let read = std::mem::take(&mut self.other);
            let mut merged = Vec::with_capacity(read.len() + back.len());
            for (i, attribute) in read.into_iter().enumerate() {
                while let Some((_, key, value)) = back.next_if(|(at, _, _)| *at <= i) {
                    merged.push((Str::from(key), Value::Text(Str::from(value))));
                }
                merged.push(attribute);
            }
            for (_, key, value) in back {
                merged.push((Str::from(key), Value::Text(Str::from(value))));
            }
            self.other = merged;
        }
        if valued {
            if let Some((attribute, _)) = self.other.first() {
                return fail(
                    ErrorKind::Structure,
                    format!(
                        "attribute `{attribute}` on <{element}> has no place in the model and \
                         would be lost"
                    ),
                );
            }
        }
        if !self.other.is_empty() {
            self.declare_prefixes()?;
            attributes.other = self.other.drain(..).collect();
        }
        self.attributes = attributes;
        *tag = Tag {
            name: element,
            kind,
            empty,
            plain: !element.contains(':'),
        };
        Ok(())
    }

    /// `part` of an event, as the part of the input it is: quick-xml's events borrow from
    /// the input, but their parts are handed out borrowed from the event.
    fn in_input(&self, part: &str) -> Step<&'a str> {
        let offset = (part.as_ptr() as usize).wrapping_sub(self.input.as_ptr() as usize);
        match self.input.get(offset..offset.wrapping_add(part.len())) {
            Some(found) if found.as_ptr() == part.as_ptr() => Ok(found),
            _ => fail(ErrorKind::Syntax, "quick-xml read a tag outside the input"),
        }
    }

    /// Puts an `xmlns:p` declaration before the first of the element's other attributes that
    /// uses the prefix `p`, with the namespace `p` is bound to there: such attributes (on
    /// `<link>`, or a resource's self link) then carry their namespace wherever the link goes,
    /// and are written back as well-formed XML. The `xml` prefix needs no declaration; any
    /// other undeclared prefix is an error.
    fn declare_prefixes(&mut self) -> Step<()> {
        if !self.other.iter().any(|(name, _)| name.contains(':')) {
            return Ok(());
        }
        let read = std::mem::take(&mut self.other);
        let mut out: Vec<(Str, Value)> = Vec::with_capacity(read.len() + 1);
        let mut names = NameIndex::default();
        for (name, value) in read {
            if let Some((prefix, _)) = split_qname(&name).filter(|(p, _)| *p != "xml") {
                let declaration = format!("xmlns:{prefix}");
                if !names.contains(out.len(), |i| out[i].0.as_str(), &declaration) {
                    let Some(binding) = self.bindings.find(prefix) else {
                        return fail(
                            ErrorKind::Structure,
                            format!(
                                "namespace prefix `{prefix}` of attribute `{name}` is not declared"
                            ),
                        );
                    };
                    let uri = Value::Text(binding.uri.clone());
                    out.push((Str::from(declaration), uri));
                }
            }
            out.push((name, value));
        }
        self.other = out;
        Ok(())
    }

    /// Refuses two attributes of one element whose names differ only in prefixes bound to
    /// one namespace (`a:t` and `b:t`, `a` and `b` both bound to `u`): XML namespaces make
    /// them the same attribute, given twice.
    fn distinct_expanded_names(&self, prefixed: &[&str]) -> Step<()> {
        let mut seen: HashSet<(&str, &str)> = HashSet::with_capacity(prefixed.len());
        let mut first: Vec<(&str, &str, &str)> = Vec::new();
        for &key in prefixed {
            let Some((prefix, local)) = split_qname(key) else {
                continue;
            };
            // An undeclared prefix is refused where the attribute is kept.
            let Some(uri) = self.namespace_of(prefix) else {
                continue;
            };
            if !seen.insert((uri, local)) {
                let other = first
                    .iter()
                    .find(|(u, l, _)| *u == uri && *l == local)
                    .map_or(key, |(_, _, k)| *k);
                return fail(
                    ErrorKind::Syntax,
                    format!(
                        "attributes `{other}` and `{key}` are one attribute given twice: both \
                         prefixes are bound to `{uri}`"
                    ),
                );
            }
            first.push((uri, local, key));
        }
        Ok(())
    }

    fn namespace_of(&self, prefix: &str) -> Option<&str> {
        self.bindings.find(prefix).map(|b| b.uri.as_str())
    }

    /// `xsi` bound to the XML Schema instance namespace (or left unbound, as hand-written
    /// payloads often do).
    fn is_xsi(&self, prefix: &str) -> bool {
        match self.namespace_of(prefix) {
            Some(uri) => uri == XSI_NS,
            None => prefix == "xsi",
        }
    }

    fn element_kind(&self, qname: &str) -> Step<Kind> {
        let (prefix, local) = split_qname(qname).unwrap_or(("", qname));
        match self.namespace_of(prefix) {
            Some(UCWA_NS) => {}
            None if prefix.is_empty() => {}
            None => {
                return fail(
                    ErrorKind::Structure,
                    format!("namespace prefix `{prefix}` of <{qname}> is not declared"),
                )
            }
            // A default namespace of "" undeclares it.
            Some("") if prefix.is_empty() => {}
            Some(other) => {
                return fail(
                    ErrorKind::Structure,
                    format!(
                        "element <{qname}> is in the namespace `{other}`, not UCWA's ({UCWA_NS})"
                    ),
                )
            }
        }
        Ok(match local {
            "resource" => Kind::Resource,
            "input" => Kind::Input,
            "link" => Kind::Link,
            "property" => Kind::Property,
            "propertyList" => Kind::PropertyList,
            "item" => Kind::Item,
            _ => Kind::Other,
        })
    }

    /// A failure at the first non-blank character of a text event.
    pub(crate) fn fail_in_text<T>(&self, text: &str, message: &str) -> Step<T> {
        let blanks = text.len() - text.trim_start_matches([' ', '\t', '\r', '\n']).len();
        Err(Failure {
            kind: ErrorKind::Structure,
            message: message.to_owned(),
            offset: Some(self.event_start + blanks),
        })
    }

    /// The next child element of `parent`, opened into `child`, skipping blanks, comments
    /// and processing instructions; `false` at `parent`'s end tag.
    fn child(&mut self, parent: &Tag<'a>, child: &mut Tag<'a>) -> Step<bool> {
        let parent = parent.local_name();
        loop {
            match self.next()? {
                Event::Start(start) => self.open(&start, false, child)?,
                Event::Empty(start) => self.open(&start, true, child)?,
                Event::End(_) => return Ok(false),
                Event::Text(text) if is_blank(&text) => continue,
                Event::Comment(_) | Event::PI(_) => continue,
                Event::Eof => return not_closed(parent),
                Event::Text(text) => {
                    return self.fail_in_text(&text, &format!("unexpected text in <{parent}>"))
                }
                Event::CData(_) | Event::GeneralRef(_) => {
                    return fail(
                        ErrorKind::Structure,
                        format!("unexpected text in <{parent}>"),
                    )
                }
                _ => {
                    return fail(
                        ErrorKind::Structure,
                        format!("unexpected content in <{parent}>"),
                    )
                }
            }
            return Ok(true);
        }
    }

    /// The text of an element: text, CDATA and references, kept exactly (line ends
    /// normalized to `\n` as XML requires), up to its end tag.
    fn text_content(&mut self, element: &str) -> Step<Str> {
        let mut text: Option<Str> = None;
        loop {
            match self.next()? {
                Event::Text(chunk) => append(&mut text, &normalize_line_ends(&chunk)),
                Event::CData(chunk) => append(&mut text, &normalize_line_ends(&chunk)),
                Event::GeneralRef(reference) => {
                    let mut buf = [0u8; 4];
                    append(&mut text, resolve_reference(&reference, &mut buf)?);
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::End(_) => return Ok(text.unwrap_or_default()),
                Event::Eof => return not_closed(element),
                _ => {
                    return fail(
                        ErrorKind::Structure,
                        format!("<{element}> holds text, not elements"),
                    )
                }
            }
        }
    }

    /// Skips to the end tag of an element that may hold only blanks and comments.
    fn expect_no_content(&mut self, element: &str) -> Step<()> {
        loop {
            match self.next()? {
                Event::End(_) => return Ok(()),
                Event::Text(text) if is_blank(&text) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => return not_closed(element),
                _ => {
                    return fail(
                        ErrorKind::Structure,
                        format!("<{element}> takes no content"),
                    )
                }
            }
        }
    }
}

impl<'a> Tokens<'a> for Decoder<'a> {
    type Fail = Failure;

    fn root(&mut self, root: &mut Tag<'a>) -> Step<()> {
        self.prolog(root)
    }

    fn end(&mut self) -> Step<()> {
        self.epilogue()
    }

    fn next_child(&mut self, parent: &Tag<'a>, child: &mut Tag<'a>) -> Step<bool> {
        self.child(parent, child)
    }

    fn attributes(&mut self) -> &mut Attributes<'a> {
        &mut self.attributes
    }

    fn text(&mut self, tag: &Tag<'a>) -> Step<Str> {
        self.text_content(tag.local_name())
    }

    fn no_content(&mut self, tag: &Tag<'a>) -> Step<()> {
        self.expect_no_content(tag.local_name())
    }

    fn progress(&self) -> (usize, usize) {
        let read = (self.reader.buffer_position() as usize).min(self.input.len());
        (read, self.input.len() - read)
    }

    fn close(&mut self) {
        self.bindings.close(self.depth);
        self.depth -= 1;
    }

    fn scratch(&mut self) -> &mut Scratch {
        &mut self.scratch
    }

    fn fail(&self, kind: ErrorKind, message: impl FnOnce() -> String) -> Failure {
        Failure {
            kind,
            message: message(),
            offset: None,
        }
    }

    fn at<T>(&mut self, result: Step<T>, segments: impl FnOnce(&mut PathBuf)) -> Step<T> {
        if result.is_err() {
            segments(&mut self.path);
        }
        result
    }

    fn error_body(&mut self, tag: &Tag<'a>) -> Step<ErrorBody> {
        super::error_body::read_xml(self, tag)
    }

    fn metadata(&mut self, tag: &Tag<'a>) -> Step<Metadata> {
        super::metadata::read_xml(self, tag)
    }
}

/// The failure of an element whose end tag the input ends before.
pub(crate) fn not_closed<T>(element: &str) -> Step<T> {
    fail(
        ErrorKind::Eof,
        format!("unexpected end of input: <{element}> is not closed"),
    )
}

/// The attribute names of one element seen so far: a few on the stack, the rest (rare) in a
/// set, so that an element with thousands of attributes is not quadratic either.
#[derive(Default)]
struct SeenKeys<'k> {
    few: [&'k str; 8],
    len: usize,
    many: HashSet<&'k str>,
}

impl<'k> SeenKeys<'k> {
    /// Records `key`; `false` if it was seen before.
    fn insert(&mut self, key: &'k str) -> bool {
        if self.few[..self.len].contains(&key) {
            return false;
        }
        if self.len < self.few.len() {
            self.few[self.len] = key;
            self.len += 1;
            true
        } else {
            self.many.insert(key)
        }
    }
}

/// The failure quick-xml's checked iteration of `start`'s attributes reports first: a syntax
/// error, or a duplicate name, placed where it is (`tag_offset` is where the tag's `<` is).
#[cold]
fn attribute_failure(start: &BytesStart<'_>, tag_offset: usize) -> Failure {
    use quick_xml::events::attributes::AttrError;
    let Some(err) = start.attributes().find_map(Result::err) else {
        return Failure {
            kind: ErrorKind::Syntax,
            message: "malformed attributes".to_owned(),
            offset: None,
        };
    };
    let (at, message) = match &err {
        AttrError::ExpectedEq(at) => (*at, "an attribute name must be followed by `=`".to_owned()),
        AttrError::ExpectedValue(at) => (*at, "`=` must be followed by a quoted value".to_owned()),
        AttrError::UnquotedValue(at) => (*at, "an attribute value must be in quotes".to_owned()),
        AttrError::ExpectedQuote(at, quote) => (
            *at,
            format!(
                "an attribute value is missing its closing `{}`",
                char::from(*quote)
            ),
        ),
        AttrError::Duplicated(at, _) => (*at, "an attribute is given twice".to_owned()),
    };
    Failure {
        kind: ErrorKind::Syntax,
        message,
        // Positions count from the tag's name, after its `<`.
        offset: Some(tag_offset + 1 + at),
    }
}

pub(crate) fn append(text: &mut Option<Str>, chunk: &str) {
    match text {
        Some(existing) => existing.push_str(chunk),
        None => *text = Some(Str::from(chunk)),
    }
}

/// A qualified name's prefix and local part, split at the first `:` (names are short: a
/// plain loop beats the general substring search).
pub(crate) fn split_qname(qname: &str) -> Option<(&str, &str)> {
    let colon = qname.bytes().position(|b| b == b':')?;
    Some((&qname[..colon], &qname[colon + 1..]))
}

pub(crate) fn is_blank(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// XML's end-of-line handling: `\r\n` and a lone `\r` become `\n`.
pub(crate) fn normalize_line_ends(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

fn check_declaration(decl: &quick_xml::events::BytesDecl<'_>) -> Step<()> {
    if let Ok(version) = decl.version() {
        let version: &str = version.as_ref();
        if version != "1.0" {
            return fail(
                ErrorKind::Structure,
                format!("XML version `{version}` is not supported; UCWA documents are XML 1.0"),
            );
        }
    }
    if let Some(Ok(encoding)) = decl.encoding() {
        let encoding: &str = encoding.as_ref();
        if !encoding.eq_ignore_ascii_case("utf-8") && !encoding.eq_ignore_ascii_case("us-ascii") {
            return fail(
                ErrorKind::Structure,
                format!("the declared encoding `{encoding}` is not supported; UCWA XML is UTF-8"),
            );
        }
    }
    Ok(())
}

/// The byte offset of the first character XML 1.0 does not allow anywhere in a document,
/// even escaped in CDATA: C0 controls other than tab, line feed and carriage return, and
/// U+FFFE and U+FFFF. (A character reference to one is refused where it is resolved.)
fn first_forbidden_character(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().position(|(i, &b)| match b {
        b'\t' | b'\n' | b'\r' => false,
        0..=0x1F => true,
        0xEF => bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)),
        _ => false,
    })
}

/// Whether `name` is an XML name that namespaces allow: letters (any script), digits, `-`,
/// `.`, `_`, not starting with a digit, `-` or `.`, with at most one `:` between two parts.
pub(crate) fn is_xml_name(name: &str) -> bool {
    match name.split_once(':') {
        Some((prefix, local)) => is_ncname(prefix) && is_ncname(local),
        None => is_ncname(name),
    }
}

/// Whether `name` is an XML name without a colon (an NCName).
fn is_ncname(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | '\u{B7}'))
}

/// Whether an encoder may write `name` as an element or attribute name of its own: an XML
/// name without a prefix that does not start with `xml` (names starting so are reserved).
pub(crate) fn is_writable_name(name: &str) -> bool {
    is_ncname(name) && !name.get(..3).is_some_and(|x| x.eq_ignore_ascii_case("xml"))
}

/// Whether `c` may appear in an XML 1.0 document.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The text of a predefined entity or a character reference.
pub(crate) fn resolve_reference<'b>(
    reference: &BytesRef<'_>,
    buf: &'b mut [u8; 4],
) -> Step<&'b str> {
    let name: &str = reference;
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => char_reference(name)?,
    };
    Ok(c.encode_utf8(buf))
}

fn char_reference(name: &str) -> Step<char> {
    // Digits only: `from_str_radix` and `parse` would also take a sign, which XML does not.
    let number = |digits: &str, radix: u32| {
        let all_digits = !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix));
        all_digits
            .then(|| u32::from_str_radix(digits, radix).ok())
            .flatten()
    };
    let code = if let Some(hex) = name.strip_prefix("#x") {
        number(hex, 16)
    } else if let Some(decimal) = name.strip_prefix('#') {
        number(decimal, 10)
    } else {
        return fail(
            ErrorKind::Structure,
            format!(
                "unknown entity `&{name};` (only the predefined entities and character references are read)"
            ),
        );
    };
    match code.and_then(char::from_u32) {
        Some(c) if is_xml_char(c) => Ok(c),
        _ => fail(
            ErrorKind::Value,
            format!("`&{name};` is not a character XML allows"),
        ),
    }
}

/// An attribute's value: references resolved, whitespace normalized as XML requires
/// (a literal tab, line end or carriage return is a space; a character reference keeps its
/// character).
fn attribute_value(raw: Cow<'_, str>) -> Step<Cow<'_, str>> {
    // One pass without early exit, which the compiler vectorizes: `&`, or a byte up to `\r`
    // (a false alarm on another control byte only takes the exact path below).
    if !raw
        .bytes()
        .fold(false, |found, b| found | (b == b'&') | (b <= b'\r'))
    {
        return Ok(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest: &str = &raw;
    while let Some(i) = rest.find(['&', '\t', '\n', '\r']) {
        out.push_str(&rest[..i]);
        let c = rest.as_bytes()[i];
        if c == b'&' {
            let Some(end) = rest[i..].find(';') else {
                return fail(
                    ErrorKind::Syntax,
                    "`&` in an attribute value starts no reference",
                );
            };
            let name = &rest[i + 1..i + end];
            let mut buf = [0u8; 4];
            out.push_str(resolve_reference(&BytesRef::new(name), &mut buf)?);
            rest = &rest[i + end + 1..];
        } else {
            out.push(' ');
            rest = if rest[i..].starts_with("\r\n") {
                &rest[i + 2..]
            } else {
                &rest[i + 1..]
            };
        }
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cardinality, Resource};

    #[test]
    fn writable_names() {
        assert!(is_writable_name("debugInfo"));
        assert!(is_writable_name("_a-b.c1"));
        assert!(is_writable_name("état"));
        assert!(!is_writable_name(""));
        assert!(!is_writable_name("1a"));
        assert!(!is_writable_name("a b"));
        assert!(!is_writable_name("p:a"));
        assert!(!is_writable_name("xmlns"));
        assert!(is_xml_name("p:a") && !is_xml_name("p:") && !is_xml_name(":a"));
    }

    fn decode(text: &str) -> Result<Resource> {
        Decoder::new(text).read(builder::Root::build)
    }

    const NS: &str = r#"xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa""#;

    #[test]
    fn duplicate_attributes_report_quick_xmls_error() {
        // The decoder checks names itself and asks quick-xml for the error on a duplicate.
        let err = decode(&format!(
            r#"<resource rel="a" href="/a" a="1" a="2" {NS}/>"#
        ))
        .unwrap_err();
        assert_eq!(err.message(), "an attribute is given twice");
        assert_eq!(err.column(), 35);
        // Past the eight names kept on the stack too.
        let many: String = (0..12).map(|i| format!(r#" n{i}="{i}""#)).collect();
        let err = decode(&format!(
            r#"<resource rel="a" href="/a"{many} n10="x" {NS}/>"#
        ))
        .unwrap_err();
        assert_eq!(err.message(), "an attribute is given twice", "{err}");
        let ok = decode(&format!(r#"<resource rel="a" href="/a"{many} {NS}/>"#)).unwrap();
        assert_eq!(ok.link("self").unwrap().attributes.len(), 12);
    }

    #[test]
    fn relations_beyond_the_scan_limit_are_grouped() {
        // 40 relations met in turn, each several times: found through the hash index.
        let body: String = (0..120)
            .map(|i| {
                format!(
                    r#"<link rel="r{}" href="/{i}"/><resource rel="e{}" href="/e{i}"/>"#,
                    i % 40,
                    i % 40
                )
            })
            .collect();
        let r = decode(&format!(
            r#"<resource rel="a" href="/a" {NS}>{body}</resource>"#
        ))
        .unwrap();
        assert_eq!(r.links.len(), 41);
        assert_eq!(r.embedded.len(), 40);
        assert_eq!(r.links_of("r39").len(), 3);
        assert_eq!(r.links_of("r39")[2].href, "/119");
        assert_eq!(r.embedded[39].cardinality, Cardinality::Array);
        assert_eq!(r.embedded_of("e0")[1].self_href(), Some("/e40"));
    }

    #[test]
    fn a_nil_of_another_namespace_keeps_its_place_among_the_attributes() {
        let r = decode(&format!(
            r#"<resource rel="a" href="/a" {NS}><link rel="r" href="/r" z="1" q:nil="1" p:nil="0" y="2" xmlns:q="urn:q" xmlns:p="http://www.w3.org/2001/XMLSchema-instance"/></resource>"#
        ))
        .unwrap();
        let names: Vec<&str> = r
            .link("r")
            .unwrap()
            .attributes
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        // A link cannot be nil: its `xsi:nil` is an attribute like any other, kept in place,
        // with the declaration of its prefix.
        assert_eq!(names, ["z", "xmlns:q", "q:nil", "xmlns:p", "p:nil", "y"]);
    }

    #[test]
    fn forbidden_characters_are_found() {
        assert_eq!(first_forbidden_character("a\tb\r\nc"), None);
        assert_eq!(first_forbidden_character("ab\u{0}"), Some(2));
        assert_eq!(first_forbidden_character("é\u{1b}"), Some(2));
        assert_eq!(first_forbidden_character("x\u{FFFE}"), Some(1));
        assert_eq!(first_forbidden_character("\u{FFFD}\u{FFFF}"), Some(3));
    }

    #[test]
    fn attribute_values_are_unescaped_and_normalized() {
        let value = |s: &str| attribute_value(Cow::Borrowed(s)).ok().unwrap().into_owned();
        assert_eq!(value("a &amp; b"), "a & b");
        assert_eq!(value("a&#10;b"), "a\nb");
        assert_eq!(value("a\r\nb\tc"), "a b c");
        assert_eq!(value("&lt;&#x41;&gt;"), "<A>");
        assert!(attribute_value(Cow::Borrowed("&nbsp;")).is_err());
        assert!(attribute_value(Cow::Borrowed("&#0;")).is_err());
        assert!(attribute_value(Cow::Borrowed("a & b")).is_err());
        assert!(attribute_value(Cow::Borrowed("&#x+41;")).is_err());
        assert!(attribute_value(Cow::Borrowed("&#+65;")).is_err());
    }
}
