//! The fast tokenizer: a byte scanner for the XML that UCWA servers (and this crate) write,
//! which hands the builder ([`super::builder`]) names, attributes and text straight from the
//! input.
//!
//! It reads the common subset of XML: an optional `<?xml version="1.0" ...?>` declaration;
//! elements with ASCII names, in UCWA's namespace by any prefix or none; attributes in either
//! quote, `=` unspaced; text and attribute values with the predefined entities and character
//! references; blanks between elements. Anything else — a comment, a processing instruction,
//! CDATA, a DOCTYPE, a carriage return or tab to normalize, a name beyond ASCII, an error
//! body or metadata — and anything the builder or the full reader would refuse (a limit
//! reached, a duplicate, a misplaced attribute, malformed markup) makes it answer
//! [`NotMine`]: it never decides an error. The full reader ([`super::de`]), on quick-xml, then
//! reads the document from the start, into the same builder. Tests and a fuzz target compare
//! both tokenizers on the documented samples, on generated documents and on mutations of them.
//!
//! Every byte is looked at: markup byte by byte; text and attribute values for the bytes that
//! end or interrupt them (`<`, `&`, the quote) and for bytes outside printable ASCII, sixteen
//! at a time in one pass, which answers for most values whole; a longer value, or one with
//! such a byte, is searched on with memchr, then looked at a word at a time for anything
//! outside printable ASCII, which is looked at closely for the control characters, U+FFFE
//! and U+FFFF that XML forbids.

use std::borrow::Cow;

use memchr::memchr3;

use super::builder::{Attributes, Kind, NotMine, Scratch, Tag, Tokens};
use super::de::is_xml_char;
use super::{UCWA_NS, XSI_NS};
use crate::error::{ErrorKind, PathBuf};
use crate::model::error_body::ErrorBody;
use crate::model::metadata::Metadata;
use crate::model::DecodeOptions;
use crate::model::{Shared, Str, Value};
use crate::scan::{self, below, equal};

/// `None`: "not read here", never an answer about the document.
type Read<T> = Option<T>;

/// An element with more attributes the model has no slot for than this is left to the full
/// decoder (it checks them for duplicates one against another).
const MAX_ATTRIBUTES: usize = 16;

/// A document with more namespace bindings in force than this is left to the full decoder,
/// whose lookups stay constant in time however many there are (here they scan).
const MAX_BINDINGS: usize = 16;

/// A namespace binding made by an `xmlns` or `xmlns:p` attribute, alive while its element is,
/// with what the decoder asks of it.
struct Binding<'a> {
    depth: usize,
    prefix: &'a str,
    /// UCWA's namespace, or (for the default namespace) none: UCWA elements may use it.
    ucwa: bool,
    xsi: bool,
}

/// The names of UCWA's XML that decide something, recognized once where they are read: the
/// elements of a resource, and the attributes the model knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Word {
    Element(Kind),
    Rel,
    Href,
    Name,
    Nil,
    Xmlns,
}

/// A name read: its text, where its `:` is, and the [`Word`] its local part is.
#[derive(Clone, Copy)]
struct Name<'a> {
    text: &'a str,
    colon: Option<usize>,
    word: Option<Word>,
}

impl<'a> Name<'a> {
    fn prefix(&self) -> &'a str {
        self.colon.map_or("", |colon| &self.text[..colon])
    }

    /// The word of an unprefixed name.
    fn plain_word(&self) -> Option<Word> {
        self.word.filter(|_| self.colon.is_none())
    }
}

/// The fast tokenizer over one document.
pub(crate) struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Element nesting and its limit (`max_depth` + 4, as the full decoder counts it).
    depth: usize,
    max_depth: usize,
    /// Elements read, and their limit.
    count: usize,
    max_items: usize,
    bindings: Vec<Binding<'a>>,
    /// The attributes of the element just opened, for its reader to take; those the model
    /// does not know gather in `other` first.
    known: Attributes<'a>,
    other: Vec<(Str, Value)>,
    scratch: Scratch,
    /// Where the strings read go.
    strings: Shared,
}

impl<'a> Scanner<'a> {
    /// A scanner of `text` (its byte-order mark removed) that keeps to `options`' limits.
    pub(crate) fn new(text: &'a str, options: &DecodeOptions) -> Scanner<'a> {
        Scanner {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
            max_depth: options.max_depth.saturating_add(4),
            count: 0,
            max_items: options.max_items,
            bindings: Vec::new(),
            known: Attributes::default(),
            other: Vec::new(),
            scratch: Scratch::new(options.max_depth),
            strings: Shared::new(text.len()),
        }
    }

    /// The declaration and blanks, up to the root element's name.
    fn prolog(&mut self) -> Read<()> {
        // The declaration UCWA servers (and this crate) write, or any other.
        let usual = self.eat(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        if !usual && self.bytes.starts_with(b"<?xml") {
            self.declaration()?;
        }
        self.skip_blanks();
        self.eat(b"<").then_some(())
    }

    /// Whether nothing but blanks is left.
    fn end_of_document(&mut self) -> bool {
        self.skip_blanks();
        self.pos == self.bytes.len()
    }

    /// `<?xml version="1.0"`, then maybe a UTF-8 or US-ASCII `encoding` and a `standalone`,
    /// then `?>`.
    fn declaration(&mut self) -> Read<()> {
        const PSEUDO_ATTRIBUTES: [&str; 3] = ["version", "encoding", "standalone"];
        self.pos = "<?xml".len();
        let mut next = 0;
        loop {
            let spaced = self.skip_blanks();
            if next > 0 && self.eat(b"?>") {
                return Some(());
            }
            if !spaced {
                return None;
            }
            let name = self.name()?.text;
            let at = PSEUDO_ATTRIBUTES[next..].iter().position(|p| *p == name)?;
            if next == 0 && at != 0 {
                return None;
            }
            next += at + 1;
            if !self.eat(b"=") {
                return None;
            }
            let quote = self.opening_quote()?;
            let start = self.pos;
            let length = self.bytes[start..]
                .iter()
                .position(|&b| b == quote || !b.is_ascii_graphic())?;
            self.pos += length;
            let value = &self.text[start..self.pos];
            if !self.eat(&[quote]) {
                return None;
            }
            let fine = match name {
                "version" => value == "1.0",
                "encoding" => {
                    value.eq_ignore_ascii_case("utf-8") || value.eq_ignore_ascii_case("us-ascii")
                }
                _ => value == "yes" || value == "no",
            };
            if !fine {
                return None;
            }
        }
    }

    /// After blanks: a child element's start tag, read into `child` (`true`), or the end tag
    /// of `parent` (`false`, having read it).
    #[inline(always)]
    fn child(&mut self, parent: &Tag<'a>, child: &mut Tag<'a>) -> Read<bool> {
        self.skip_blanks();
        if self.at_end_tag() {
            self.end_tag(parent)?;
            return Some(false);
        }
        if !self.eat(b"<") {
            return None;
        }
        if !self.usual_tag(child) {
            self.start_tag(child)?;
        }
        Some(true)
    }

    /// After the `<`: the most common tags, read without the general machinery of
    /// [`Self::start_tag`], which reads any other shape (`false`, having read nothing):
    /// `property name="N"`, `item`, `propertyList name="N"`, and `link` or any other unprefixed
    /// element that takes a link's attributes with `rel="R" href="H"` (maybe with a
    /// `title="T"`), then `>` or `/>`.
    #[inline(always)]
    fn usual_tag(&mut self, tag: &mut Tag<'a>) -> bool {
        let start = self.pos;
        let fits = self.depth < self.max_depth
            && self.count < self.max_items
            && self.binding("").is_none_or(|b| b.ucwa);
        self.known.clear();
        let read = if !fits {
            None
        } else if self.eat(b"property name=\"") {
            self.usual_property(Kind::Property, "property")
        } else if self.eat(b"item") {
            Some((Kind::Item, "item"))
        } else if self.eat(b"propertyList name=\"") {
            self.usual_property(Kind::PropertyList, "propertyList")
        } else if self.eat(b"link rel=\"") {
            self.usual_link_attributes().map(|()| (Kind::Link, "link"))
        } else {
            self.usual_linked()
        };
        self.skip_blanks();
        let empty = match self.peek() {
            Some(b'>') => Some(false),
            Some(b'/') if self.bytes[self.pos..].starts_with(b"/>") => Some(true),
            _ => None,
        };
        let (Some((kind, qname)), Some(empty)) = (read, empty) else {
            self.pos = start;
            return false;
        };
        self.pos += if empty { 2 } else { 1 };
        self.depth += 1;
        self.count += 1;
        // The name as written: the literal it was matched against, or the name read.
        *tag = Tag {
            name: qname,
            kind,
            empty,
            plain: true,
        };
        true
    }

    /// A property's or a property list's `N"`.
    fn usual_property(&mut self, kind: Kind, qname: &'a str) -> Option<(Kind, &'a str)> {
        self.known.name = Some(self.attribute_value(b'"')?);
        Some((kind, qname))
    }

    /// Any other unprefixed element that takes a link's attributes (`<resource>`, `<sender>`,
    /// an event, `<in>`), with `rel="R" href="H"` and maybe `title="T"`.
    fn usual_linked(&mut self) -> Option<(Kind, &'a str)> {
        let element = self.name()?;
        let kind = match element.word {
            _ if element.colon.is_some() => return None,
            Some(Word::Element(kind @ (Kind::Resource | Kind::Input | Kind::Link))) => kind,
            Some(Word::Element(_)) => return None,
            _ => Kind::Other,
        };
        if !self.eat(b" rel=\"") {
            return None;
        }
        self.usual_link_attributes()?;
        Some((kind, element.text))
    }

    /// A link's `R" href="H"`, and maybe ` title="T"`.
    fn usual_link_attributes(&mut self) -> Option<()> {
        self.known.rel = Some(self.attribute_value(b'"')?);
        if !self.eat(b" href=\"") {
            return None;
        }
        self.known.href = Some(self.attribute_value(b'"')?);
        if self.eat(b" title=\"") {
            let title = self.attribute_value(b'"')?;
            self.known.other = vec![(Str::from("title"), Value::Text(self.strings.cow(title)))];
        }
        Some(())
    }

    /// After the `<`: the element's name, into `tag`, and its attributes up to its `>` or `/>`,
    /// sorted as [`super::de::Decoder::open`] sorts them. Its namespace declarations are bound.
    fn start_tag(&mut self, tag: &mut Tag<'a>) -> Read<()> {
        let element = self.name()?;
        self.depth += 1;
        self.count += 1;
        if self.depth > self.max_depth || self.count > self.max_items {
            return None;
        }
        let kind = match element.word {
            Some(Word::Element(kind)) => kind,
            // The elements of events documents: read as the full decoder reads them, with
            // a `rel` and `href` (their readers check the rest).
            _ => Kind::Other,
        };
        let linked = matches!(
            kind,
            Kind::Resource | Kind::Input | Kind::Link | Kind::Other
        );
        let valued = !linked;
        let named = valued && kind != Kind::Item;
        self.known.clear();
        // A `p:nil` is `xsi:nil` if `p` is bound to the XML Schema instance namespace, maybe
        // by a declaration after it: it waits for the end of the tag.
        let mut nil: Option<(&'a str, Cow<'a, str>)> = None;
        self.other.clear();
        let empty = loop {
            let spaced = self.skip_blanks();
            match self.peek()? {
                b'>' => {
                    self.pos += 1;
                    break false;
                }
                b'/' if self.eat(b"/>") => break true,
                _ if spaced => {}
                _ => return None,
            }
            let key = self.name()?;
            if !self.eat(b"=") {
                return None;
            }
            let quote = self.opening_quote()?;
            let value = self.attribute_value(quote)?;
            let text = key.text;
            // A name given twice finds its place taken.
            match key.plain_word() {
                Some(Word::Rel) if linked => put_once(&mut self.known.rel, value)?,
                Some(Word::Href) if linked => put_once(&mut self.known.href, value)?,
                Some(Word::Name) if named => put_once(&mut self.known.name, value)?,
                Some(Word::Xmlns) => self.bind("", &value)?,
                _ if key.prefix() == "xmlns" => self.bind(&text["xmlns:".len()..], &value)?,
                _ if valued && key.word == Some(Word::Nil) && nil.is_none() => {
                    nil = Some((key.prefix(), value));
                }
                // An `xsi:nil` the full decoder would take from such an element and drop.
                _ if kind == Kind::Other && key.word == Some(Word::Nil) && key.colon.is_some() => {
                    return None;
                }
                // A property or an item has no place for another attribute; a prefixed one
                // takes its namespace declaration along, as the full decoder writes it.
                _ if valued || key.colon.is_some() => return None,
                _ => {
                    let other = &mut self.other;
                    if other.len() == MAX_ATTRIBUTES || other.iter().any(|(name, _)| name == text) {
                        return None;
                    }
                    other.push((Str::from(text), Value::Text(self.strings.cow(value))));
                }
            }
        };
        let prefix = element.prefix();
        match self.binding(prefix) {
            Some(binding) if binding.ucwa => {}
            None if prefix.is_empty() => {}
            _ => return None,
        }
        if let Some((prefix, value)) = nil {
            let xsi = self.binding(prefix).map_or(prefix == "xsi", |b| b.xsi);
            if !xsi {
                return None;
            }
            self.known.nil = match value.as_ref() {
                "true" | "1" => true,
                "false" | "0" => false,
                _ => return None,
            };
        }
        if !self.other.is_empty() {
            self.known.other = self.other.drain(..).collect();
        }
        *tag = Tag {
            name: element.text,
            kind,
            empty,
            plain: element.colon.is_none(),
        };
        Some(())
    }

    /// Binds `prefix` ("" for the default namespace) to `uri` for the element being opened;
    /// `None` if it already did.
    fn bind(&mut self, prefix: &'a str, uri: &str) -> Read<()> {
        if self.bindings.len() == MAX_BINDINGS {
            return None;
        }
        let mut own = self
            .bindings
            .iter()
            .rev()
            .take_while(|b| b.depth == self.depth);
        if own.any(|b| b.prefix == prefix) {
            return None;
        }
        self.bindings.push(Binding {
            depth: self.depth,
            prefix,
            // A default namespace of "" undeclares it: no namespace, as UCWA elements may be.
            ucwa: uri == UCWA_NS || (prefix.is_empty() && uri.is_empty()),
            xsi: uri == XSI_NS,
        });
        Some(())
    }

    /// The binding in force for `prefix`.
    fn binding(&self, prefix: &str) -> Option<&Binding<'a>> {
        self.bindings.iter().rev().find(|b| b.prefix == prefix)
    }

    /// Ends an element: drops the namespace bindings it made.
    fn close_element(&mut self) {
        while self.bindings.last().is_some_and(|b| b.depth >= self.depth) {
            self.bindings.pop();
        }
        self.depth -= 1;
    }

    /// An attribute value after its opening quote, through its closing quote. The usual one,
    /// without references, is read where it is used.
    #[inline(always)]
    fn attribute_value(&mut self, quote: u8) -> Read<Cow<'a, str>> {
        let Some(end) = self.plain_run(quote, false) else {
            return self.resolved_attribute_value(quote);
        };
        let value = &self.text[self.pos..end];
        self.pos = end + 1;
        Some(Cow::Borrowed(value))
    }

    /// Where the run at the cursor ends, at `end` (a quote, or `<` for text), when it holds no
    /// reference and only characters the fast path takes as they are (tabs and line feeds
    /// too, if `blanks`); `None` for any other run.
    #[inline(always)]
    fn plain_run(&self, end: u8, blanks: bool) -> Option<usize> {
        let rest = &self.bytes[self.pos..];
        let (length, ascii) = value_end(rest, end)?;
        let plain = rest[length] == end && (ascii || allowed(&rest[..length], blanks));
        plain.then_some(self.pos + length)
    }

    /// [`Self::attribute_value`] for a value with references, or one to leave to the full
    /// decoder.
    #[inline(never)]
    fn resolved_attribute_value(&mut self, quote: u8) -> Read<Cow<'a, str>> {
        let start = self.pos;
        let mut resolved: Option<String> = None;
        let mut run = start;
        loop {
            let (length, ascii) = value_end(&self.bytes[self.pos..], quote)?;
            let end = self.pos + length;
            // A tab or line end would become a space: left to the full decoder.
            if !ascii && !allowed(&self.bytes[self.pos..end], false) {
                return None;
            }
            self.pos = end;
            match self.bytes[end] {
                b'&' => {
                    let out = resolved.get_or_insert_with(String::new);
                    out.push_str(&self.text[run..end]);
                    out.push(self.reference()?);
                    run = self.pos;
                }
                b'<' => return None,
                _ => break,
            }
        }
        let end = self.pos;
        self.pos += 1;
        Some(match resolved {
            Some(mut out) => {
                out.push_str(&self.text[run..end]);
                Cow::Owned(out)
            }
            None => Cow::Borrowed(&self.text[start..end]),
        })
    }

    /// Text up to the next `<`: references resolved, tabs and line feeds kept. The usual text,
    /// without references, is read where it is used.
    #[inline(always)]
    fn text_run(&mut self) -> Read<Str> {
        let Some(end) = self.plain_run(b'<', true) else {
            return self.resolved_text();
        };
        let text = self.strings.str(&self.text[self.pos..end]);
        self.pos = end;
        Some(text)
    }

    /// [`Self::text_run`] with references, or to leave to the full decoder.
    #[inline(never)]
    fn resolved_text(&mut self) -> Read<Str> {
        let start = self.pos;
        let mut resolved: Option<String> = None;
        let mut run = start;
        loop {
            let (length, ascii) = value_end(&self.bytes[self.pos..], b'<')?;
            let end = self.pos + length;
            // A carriage return would be a line end to normalize: left to the full decoder.
            if !ascii && !allowed(&self.bytes[self.pos..end], true) {
                return None;
            }
            self.pos = end;
            if self.bytes[end] == b'<' {
                break;
            }
            let out = resolved.get_or_insert_with(String::new);
            out.push_str(&self.text[run..end]);
            out.push(self.reference()?);
            run = self.pos;
        }
        Some(match resolved {
            Some(mut out) => {
                out.push_str(&self.text[run..self.pos]);
                self.strings.cow(Cow::Owned(out))
            }
            None => self.strings.str(&self.text[start..self.pos]),
        })
    }

    /// The character of the reference at the cursor (`&lt;` .. `&quot;`, `&#N;`, `&#xH;`).
    fn reference(&mut self) -> Read<char> {
        let rest = &self.bytes[self.pos + 1..];
        let length = rest.iter().take(12).position(|&b| b == b';')?;
        let c = match &rest[..length] {
            b"lt" => '<',
            b"gt" => '>',
            b"amp" => '&',
            b"apos" => '\'',
            b"quot" => '"',
            [b'#', b'x', hex @ ..] => char_code(hex, 16)?,
            [b'#', decimal @ ..] => char_code(decimal, 10)?,
            _ => return None,
        };
        self.pos += length + 2;
        Some(c)
    }

    /// An ASCII XML name that namespaces allow (at most one `:`, between two parts). UCWA's
    /// own names are recognized whole.
    #[inline(always)]
    fn name(&mut self) -> Read<Name<'a>> {
        let rest = &self.bytes[self.pos..];
        let (length, word) = match rest.first() {
            Some(b'r') if is_name(rest, b"rel") => (3, Some(Word::Rel)),
            Some(b'r') if is_name(rest, b"resource") => (8, Some(Word::Element(Kind::Resource))),
            Some(b'h') if is_name(rest, b"href") => (4, Some(Word::Href)),
            Some(b'n') if is_name(rest, b"name") => (4, Some(Word::Name)),
            Some(b'l') if is_name(rest, b"link") => (4, Some(Word::Element(Kind::Link))),
            Some(b'i') if is_name(rest, b"item") => (4, Some(Word::Element(Kind::Item))),
            Some(b'p') if is_name(rest, b"property") => (8, Some(Word::Element(Kind::Property))),
            Some(b'p') if is_name(rest, b"propertyList") => {
                (12, Some(Word::Element(Kind::PropertyList)))
            }
            Some(b't') if is_name(rest, b"title") => (5, None),
            // The elements of events documents.
            Some(b'i') if is_name(rest, b"in") => (2, None),
            Some(b's') if is_name(rest, b"sender") => (6, None),
            Some(b's') if is_name(rest, b"status") => (6, None),
            Some(b'u') if is_name(rest, b"updated") => (7, None),
            Some(b'a') if is_name(rest, b"added") => (5, None),
            Some(b'e') if is_name(rest, b"events") => (6, None),
            Some(b'x') if is_name(rest, b"xmlns") => (5, Some(Word::Xmlns)),
            _ => return self.any_name(),
        };
        self.pos += length;
        let text = &self.text[self.pos - length..self.pos];
        Some(Name {
            text,
            colon: None,
            word,
        })
    }

    /// Any other name, byte by byte (kept out of line: the usual names stay small).
    #[inline(never)]
    fn any_name(&mut self) -> Read<Name<'a>> {
        let start = self.pos;
        let mut colon = None;
        while let Some(&b) = self.bytes.get(self.pos) {
            match NAME_CLASS[usize::from(b)] {
                OTHER => break,
                COLON if colon.is_some() => return None,
                COLON => colon = Some(self.pos - start),
                _ => {}
            }
            self.pos += 1;
        }
        let text = &self.text[start..self.pos];
        let starts_part = |at: usize| {
            text.as_bytes()
                .get(at)
                .is_some_and(|&b| NAME_CLASS[usize::from(b)] == NAME_START)
        };
        if !starts_part(0) || colon.is_some_and(|colon| !starts_part(colon + 1)) {
            return None;
        }
        let word = match &text[colon.map_or(0, |colon| colon + 1)..] {
            "resource" => Some(Word::Element(Kind::Resource)),
            "input" => Some(Word::Element(Kind::Input)),
            "link" => Some(Word::Element(Kind::Link)),
            "property" => Some(Word::Element(Kind::Property)),
            "propertyList" => Some(Word::Element(Kind::PropertyList)),
            "item" => Some(Word::Element(Kind::Item)),
            "rel" => Some(Word::Rel),
            "href" => Some(Word::Href),
            "name" => Some(Word::Name),
            "nil" => Some(Word::Nil),
            "xmlns" => Some(Word::Xmlns),
            _ => None,
        };
        Some(Name { text, colon, word })
    }

    /// The end tag of `tag`, exactly (`</qname>`).
    fn end_tag(&mut self, tag: &Tag<'_>) -> Read<()> {
        let fits = match (tag.plain, tag.kind) {
            // Each a comparison with a constant, which the compiler writes out.
            (true, Kind::Property) => self.eat(b"</property>"),
            (true, Kind::Link) => self.eat(b"</link>"),
            (true, Kind::Item) => self.eat(b"</item>"),
            (true, Kind::Resource) => self.eat(b"</resource>"),
            (true, Kind::PropertyList) => self.eat(b"</propertyList>"),
            _ => {
                let rest = &self.bytes[self.pos..];
                let qname = tag.name.as_bytes();
                let fits = rest.starts_with(b"</")
                    && rest.get(2..2 + qname.len()) == Some(qname)
                    && rest.get(2 + qname.len()) == Some(&b'>');
                if fits {
                    self.pos += qname.len() + 3;
                }
                fits
            }
        };
        fits.then_some(())
    }

    fn at_end_tag(&self) -> bool {
        self.bytes[self.pos..].starts_with(b"</")
    }

    fn opening_quote(&mut self) -> Read<u8> {
        let quote = self.peek().filter(|&q| q == b'"' || q == b'\'')?;
        self.pos += 1;
        Some(quote)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Passes `literal` if the input goes on with it.
    #[inline(always)]
    fn eat(&mut self, literal: &[u8]) -> bool {
        let found = self.bytes[self.pos..].starts_with(literal);
        if found {
            self.pos += literal.len();
        }
        found
    }

    /// Passes spaces, tabs and line ends; whether there were any.
    fn skip_blanks(&mut self) -> bool {
        let start = self.pos;
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
        self.pos != start
    }
}

impl<'a> Tokens<'a> for Scanner<'a> {
    type Fail = NotMine;

    fn root(&mut self, root: &mut Tag<'a>) -> Result<(), NotMine> {
        self.prolog().ok_or(NotMine)?;
        self.start_tag(root).ok_or(NotMine)
    }

    fn end(&mut self) -> Result<(), NotMine> {
        self.end_of_document().then_some(()).ok_or(NotMine)
    }

    #[inline(always)]
    fn next_child(&mut self, parent: &Tag<'a>, child: &mut Tag<'a>) -> Result<bool, NotMine> {
        self.child(parent, child).ok_or(NotMine)
    }

    #[inline(always)]
    fn attributes(&mut self) -> &mut Attributes<'a> {
        &mut self.known
    }

    #[inline(always)]
    fn text(&mut self, tag: &Tag<'a>) -> Result<Str, NotMine> {
        let text = self.text_run().ok_or(NotMine)?;
        self.end_tag(tag).ok_or(NotMine)?;
        Ok(text)
    }

    #[inline(always)]
    fn str(&mut self, value: Cow<'a, str>) -> Str {
        self.strings.cow(value)
    }

    fn no_content(&mut self, tag: &Tag<'a>) -> Result<(), NotMine> {
        self.skip_blanks();
        self.end_tag(tag).ok_or(NotMine)
    }

    #[inline(always)]
    fn close(&mut self) {
        self.close_element();
    }

    #[inline(always)]
    fn scratch(&mut self) -> &mut Scratch {
        &mut self.scratch
    }

    fn progress(&self) -> (usize, usize) {
        (self.pos, self.bytes.len() - self.pos)
    }

    fn fail(&self, _: ErrorKind, _: impl FnOnce() -> String) -> NotMine {
        NotMine
    }

    #[inline(always)]
    fn at<T>(
        &mut self,
        result: Result<T, NotMine>,
        _: impl FnOnce(&mut PathBuf),
    ) -> Result<T, NotMine> {
        result
    }

    fn error_body(&mut self, _: &Tag<'a>) -> Result<ErrorBody, NotMine> {
        Err(NotMine)
    }

    fn metadata(&mut self, _: &Tag<'a>) -> Result<Metadata, NotMine> {
        Err(NotMine)
    }
}

const OTHER: u8 = 0;
const NAME_START: u8 = 1;
const NAME_LATER: u8 = 2;
const COLON: u8 = 3;

/// What each byte can be in an ASCII name: a letter or `_` (anywhere), a digit, `-` or `.`
/// (not first), `:` (between prefix and local part).
static NAME_CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphabetic() || c == b'_' {
            NAME_START
        } else if c.is_ascii_digit() || c == b'-' || c == b'.' {
            NAME_LATER
        } else if c == b':' {
            COLON
        } else {
            OTHER
        };
        b += 1;
    }
    table
};

/// Puts `value` in an empty `slot`; `None` if it is taken.
fn put_once<'a>(slot: &mut Option<Cow<'a, str>>, value: Cow<'a, str>) -> Read<()> {
    match slot {
        Some(_) => None,
        None => {
            *slot = Some(value);
            Some(())
        }
    }
}

/// Whether `rest` starts with the name `literal`, whole.
#[inline(always)]
fn is_name<const N: usize>(rest: &[u8], literal: &[u8; N]) -> bool {
    rest.len() > N && rest[..N] == *literal && NAME_CLASS[usize::from(rest[N])] == OTHER
}

/// Where the first `end`, `&` or `<` is in `hay` (the end of an attribute value, `end` its
/// quote, or of text, `end` = `<`), and whether the bytes before it are known to be printable
/// ASCII (`false`: not looked at, or not all so). Most values are short and printable ASCII:
/// their first [`VOUCHED`] bytes are looked at sixteen at a time for either a stop or a byte
/// outside printable ASCII, which answers both at once; after such a byte, or beyond, memchr's
/// vector search finds the stop.
#[inline(always)]
fn value_end(hay: &[u8], end: u8) -> Option<(usize, bool)> {
    let mut at = 0;
    while at < VOUCHED {
        let flags = match hay.get(at..at + 16) {
            Some(chunk) => value_flags(chunk.try_into().expect("sixteen bytes"), end),
            None => {
                // The last bytes of the input, with neutral bytes after them.
                let mut chunk = [b'a'; 16];
                let rest = &hay[at..];
                chunk[..rest.len()].copy_from_slice(rest);
                match value_flags(&chunk, end) {
                    0 => return None,
                    flags => flags,
                }
            }
        };
        if flags != 0 {
            let first = at + (flags.trailing_zeros() / 8) as usize;
            let b = hay[first];
            if b == end || b == b'&' || b == b'<' {
                return Some((first, true));
            }
            // A byte outside printable ASCII: the stop is further on.
            let found = first + memchr3(end, b'&', b'<', &hay[first..])?;
            return Some((found, false));
        }
        at += 16;
    }
    let found = at + memchr3(end, b'&', b'<', &hay[at..])?;
    Some((found, false))
}

/// How many bytes of a value [`value_end`] looks at itself, sixteen at a time, vouching for
/// them being printable ASCII: a link's `href` fits, as a rule.
const VOUCHED: usize = 128;

/// The bytes of `chunk` that stop a value (`end`, `&`, `<`) or lie outside printable ASCII
/// (below 0x20, or from 0x80 on), flagged as [`scan::chunk_flags`] flags them.
#[inline(always)]
fn value_flags(chunk: &[u8; 16], end: u8) -> u128 {
    // From 0x80 on, `b as i8` is negative.
    scan::chunk_flags(chunk, |b| {
        (b == end) | (b == b'&') | (b == b'<') | ((b as i8) < 0x20)
    })
}

/// Flags the bytes of `word` outside printable ASCII (0x20..0x80); a test may flag bytes
/// after a match, never without one.
#[inline(always)]
fn outside(word: u64) -> u64 {
    (word.wrapping_sub(0x2020_2020_2020_2020) | word) & HIGH
}

/// Whether a run of text or of an attribute value holds only characters the fast path takes
/// as they are: no control character (but tabs and line feeds, if `blanks`), no U+FFFE or
/// U+FFFF.
fn allowed(run: &[u8], blanks: bool) -> bool {
    // Eight bytes at a time (the last word overlapping the one before), flagging any byte
    // outside printable ASCII (0x20..0x80); a run with one is looked at closer.
    let flags = match run.len() {
        0..8 => run
            .iter()
            .fold(0, |any, &b| any | u64::from(!(0x20..0x80).contains(&b))),
        len => {
            let last = word_at(&run[len - 8..]);
            run.chunks_exact(8)
                .fold(outside(last), |any, chunk| any | outside(word_at(chunk)))
        }
    };
    flags == 0 || allowed_beyond_ascii(run, blanks)
}

/// [`allowed`] for a run that is not all printable ASCII: eight bytes at a time, flagging only
/// control characters and 0xEF, the lead byte of U+FFFE and U+FFFF (a test may flag bytes
/// after a match, never without one); a run with one is looked at byte by byte.
#[inline(never)]
fn allowed_beyond_ascii(run: &[u8], blanks: bool) -> bool {
    let suspect = |word: u64| below(word, 0x20) | equal(word, 0xEF);
    let mut words = run.chunks_exact(8);
    let clean = words.all(|chunk| suspect(word_at(chunk)) == 0)
        && words.remainder().iter().all(|&b| b >= 0x20 && b != 0xEF);
    clean || allowed_exactly(run, blanks)
}

/// The high bit of each byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The little-endian word of the first eight bytes of `bytes`.
#[inline(always)]
fn word_at(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes[..8].try_into().expect("eight bytes"))
}

/// [`allowed`], byte by byte.
fn allowed_exactly(run: &[u8], blanks: bool) -> bool {
    run.iter().enumerate().all(|(i, &b)| match b {
        b'\t' | b'\n' => blanks,
        0..=0x1F => false,
        0xEF => !matches!(run.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])),
        _ => true,
    })
}

/// The character of a reference's digits (`radix` 10 or 16), if XML allows it.
fn char_code(digits: &[u8], radix: u32) -> Read<char> {
    if digits.is_empty() {
        return None;
    }
    let mut code: u32 = 0;
    for &digit in digits {
        let digit = char::from(digit).to_digit(radix)?;
        code = code.checked_mul(radix)?.checked_add(digit)?;
    }
    char::from_u32(code).filter(|&c| is_xml_char(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_end_finds_the_first_stop_and_vouches_only_for_printable_ascii() {
        for len in 0..150 {
            for stop_at in 0..=len {
                for stop in [b'"', b'&', b'<'] {
                    for odd in [
                        None,
                        Some((0x80u8, 0)),
                        Some((0x1F, len / 2)),
                        Some((b'\t', len)),
                    ] {
                        let mut hay = vec![b'a'; len + 9];
                        if stop_at < len {
                            hay[stop_at] = stop;
                        }
                        hay[len] = b'"';
                        if let Some((byte, at)) = odd {
                            if at < stop_at.min(len) {
                                hay[at] = byte;
                            }
                        }
                        let expected = hay
                            .iter()
                            .position(|&b| b == b'"' || b == b'&' || b == b'<');
                        let found = value_end(&hay, b'"');
                        assert_eq!(found.map(|(at, _)| at), expected, "{hay:?}");
                        let (at, ascii) = found.expect("a stop");
                        let printable = hay[..at].iter().all(|b| (0x20..0x80).contains(b));
                        assert!(!ascii || printable, "{hay:?}");
                        // Short values are vouched for in the same pass.
                        assert!(ascii || !printable || at >= VOUCHED, "{hay:?}");
                    }
                }
            }
        }
        assert_eq!(value_end(b"abc", b'"'), None);
        assert_eq!(value_end(&[b'a'; 100], b'"'), None);
    }

    #[test]
    fn word_at_a_time_checks_agree_with_the_byte_at_a_time_one() {
        let specials: [&[u8]; 8] = [
            b"\t",
            b"\n",
            b"\r",
            b"\x00",
            "\u{FFFE}".as_bytes(),
            "\u{FFFF}".as_bytes(),
            "\u{FF01}".as_bytes(),
            "é".as_bytes(),
        ];
        for len in 0..24 {
            for filler in ["a", "é", "€", "\u{FF21}"] {
                let text = filler.repeat(len);
                for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    for special in specials {
                        let mut run = text.as_bytes()[..at].to_vec();
                        run.extend_from_slice(special);
                        run.extend_from_slice(&text.as_bytes()[at..]);
                        for blanks in [false, true] {
                            assert_eq!(
                                allowed(&run, blanks),
                                allowed_exactly(&run, blanks),
                                "{run:?} {blanks}"
                            );
                        }
                    }
                }
            }
        }
    }
}
