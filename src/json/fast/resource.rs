//! Resources, their values, links and embedded resources, read by the fast scanner as
//! [`crate::json::de`] reads them from serde_json's tokens.

use super::{take, Names, Read, Scanner};
use crate::json::de::{string_value, string_value_with};
use crate::model::{
    Cardinality, DecodeOptions, EmbeddedGroup, Few, Layout, Link, LinkGroup, Links, Member,
    Property, Resource, Resources, Str, Value,
};

/// The scratch stacks the builders gather items in, moved out at their exact size: each
/// object's share starts where the stack stood when the object began (nested objects finish
/// first).
#[derive(Default)]
pub(super) struct Stacks {
    pub(super) properties: Vec<Property>,
    link_groups: Vec<LinkGroup>,
    links: Vec<Link>,
    attributes: Vec<(Str, Value)>,
    items: Vec<Value>,
    embedded_groups: Vec<EmbeddedGroup>,
    resources: Vec<Resource>,
}

/// A stack that kept more room than this is not kept for the next document.
const KEPT: usize = 256;

thread_local! {
    /// The stacks of the last document this thread read, emptied, kept for the next: a
    /// document of a few KiB would otherwise spend a good part of its time growing them.
    static KEPT_STACKS: std::cell::RefCell<Stacks> = std::cell::RefCell::default();
}

impl Stacks {
    /// Runs `read` with this thread's kept stacks (fresh ones if they are in use), and keeps
    /// them again, emptied, unless they grew large.
    pub(super) fn with<R>(read: impl FnOnce(&mut Stacks) -> R) -> R {
        KEPT_STACKS.with(|kept| {
            let Ok(mut kept) = kept.try_borrow_mut() else {
                return read(&mut Stacks::default());
            };
            let result = read(&mut kept);
            kept.empty();
            result
        })
    }

    /// Drops what a document left (one that was not read to its end), and any stack that
    /// grew past [`KEPT`].
    fn empty(&mut self) {
        fn empty<T>(stack: &mut Vec<T>) {
            if stack.capacity() > KEPT {
                *stack = Vec::new();
            } else {
                stack.clear();
            }
        }
        empty(&mut self.properties);
        empty(&mut self.link_groups);
        empty(&mut self.links);
        empty(&mut self.attributes);
        empty(&mut self.items);
        empty(&mut self.embedded_groups);
        empty(&mut self.resources);
    }
}

/// Reads a resource document; `None` where the serde decoder must (it refuses the document,
/// or the document is outside what the scanner reads).
pub(crate) fn resource(text: &str, options: &DecodeOptions) -> Option<Resource> {
    let mut scanner = Scanner::new(text, options)?;
    Stacks::with(|stacks| {
        let resource = scanner.resource(stacks)?;
        scanner.at_end().then_some(resource)
    })
}

impl Scanner<'_> {
    /// A resource: `rel`, `_links`, `_embedded` and properties, in any order.
    pub(super) fn resource(&mut self, stacks: &mut Stacks) -> Read<Resource> {
        self.enter()?;
        let mut resource = Resource {
            layout: Layout::unplaced(),
            ..Resource::default()
        };
        let from = stacks.properties.len();
        if !self.open(b'{', b'}')? {
            let mut placed = 0;
            let mut seen = [false; 3];
            let mut names = Names::default();
            loop {
                let key = self.key()?;
                self.count()?;
                let member = match key.as_bytes() {
                    b"rel" => Member::Type,
                    b"_links" => Member::Links,
                    b"_embedded" => Member::Embedded,
                    _ => {
                        let own = &stacks.properties[from..];
                        if names.contains(own.len(), |i| own[i].name.as_str(), &key) {
                            return None;
                        }
                        let value = self.value(stacks)?;
                        stacks.properties.push(Property {
                            name: self.str(key),
                            value,
                        });
                        if self.more(b'}')? {
                            continue;
                        }
                        break;
                    }
                };
                let index = member as usize;
                if seen[index] {
                    return None;
                }
                seen[index] = true;
                let position = stacks.properties.len() - from;
                resource.layout.place(member, position, &mut placed);
                match member {
                    Member::Type => resource.type_name = Some(self.string()?),
                    Member::Links => resource.links = self.links(stacks)?,
                    Member::Embedded => resource.embedded = self.embedded(stacks)?,
                }
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        resource.properties = take(&mut stacks.properties, from);
        self.leave();
        Some(resource)
    }

    /// A property's value: a scalar, or an array of scalars.
    #[inline]
    pub(super) fn value(&mut self, stacks: &mut Stacks) -> Read<Value> {
        match self.peek()? {
            b'[' => self.list(stacks),
            first => self.scalar_at(first),
        }
    }

    /// A string (a date in the `/Date(ms)/` form), an integer, a boolean or null.
    #[inline]
    pub(super) fn scalar(&mut self) -> Read<Value> {
        let first = self.peek()?;
        self.scalar_at(first)
    }

    /// [`Self::scalar`], whose `first` byte is under the cursor.
    #[inline(always)]
    fn scalar_at(&mut self, first: u8) -> Read<Value> {
        match first {
            b'"' => self.string_value(),
            b't' => self.word(b"true").map(|()| Value::Bool(true)),
            b'f' => self.word(b"false").map(|()| Value::Bool(false)),
            b'n' => self.word(b"null").map(|()| Value::Null),
            b'-' | b'0'..=b'9' => self.integer().map(Value::Integer),
            _ => None,
        }
    }

    /// A string value: a date in the `/Date(ms)/` form, or a string. A date as UCWA writes it,
    /// `"\/Date(ms)\/"`, is read without the unescaping of other strings with escapes.
    #[inline(always)]
    fn string_value(&mut self) -> Read<Value> {
        let (start, end, escaped) = self.scan_string()?;
        let raw = &self.text[start..end];
        if !escaped {
            return Some(string_value_with(raw, |s| self.strings.str(s)));
        }
        if let Some(inner) = raw
            .strip_prefix("\\/Date(")
            .and_then(|rest| rest.strip_suffix(")\\/"))
        {
            const ROOM: usize = 40;
            if inner.len() <= ROOM - 8 && memchr::memchr(b'\\', inner.as_bytes()).is_none() {
                let mut date = [0; ROOM];
                let len = inner.len() + 8;
                date[..6].copy_from_slice(b"/Date(");
                date[6..len - 2].copy_from_slice(inner.as_bytes());
                date[len - 2..len].copy_from_slice(b")/");
                // Pieces of text, joined where they begin and end whole.
                return std::str::from_utf8(&date[..len]).ok().map(string_value);
            }
        }
        self.unescape(start, end)?;
        Some(string_value_with(&self.unescaped, |s| self.strings.str(s)))
    }

    /// An array of scalars, each counted.
    fn list(&mut self, stacks: &mut Stacks) -> Read<Value> {
        let from = stacks.items.len();
        if !self.open(b'[', b']')? {
            loop {
                let item = self.scalar()?;
                self.count()?;
                stacks.items.push(item);
                if !self.more(b']')? {
                    break;
                }
            }
        }
        Some(Value::List(take(&mut stacks.items, from)))
    }

    /// `_links`: an object of relations, each one link or an array of them.
    pub(super) fn links(&mut self, stacks: &mut Stacks) -> Read<Vec<LinkGroup>> {
        let from = stacks.link_groups.len();
        if !self.open(b'{', b'}')? {
            let mut index = Names::default();
            loop {
                let rel = self.key()?;
                self.count()?;
                let groups = &stacks.link_groups[from..];
                if index.contains(groups.len(), |i| groups[i].rel.as_str(), &rel) {
                    return None;
                }
                let (cardinality, links) = self.links_of_rel(stacks)?;
                stacks.link_groups.push(LinkGroup {
                    rel: self.str(rel),
                    cardinality,
                    links,
                });
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        Some(take(&mut stacks.link_groups, from))
    }

    /// One link object, or an array of them (each counted).
    fn links_of_rel(&mut self, stacks: &mut Stacks) -> Read<(Cardinality, Links)> {
        if self.peek()? == b'{' {
            return Some((Cardinality::Single, Few::one(self.link(stacks)?)));
        }
        let from = stacks.links.len();
        let start = self.pos;
        if !self.open(b'[', b']')? {
            loop {
                let link = self.link(stacks)?;
                self.count()?;
                self.push_item(&mut stacks.links, link, from, start);
                if !self.more(b']')? {
                    break;
                }
            }
        }
        Some((Cardinality::Array, Few::from(take(&mut stacks.links, from))))
    }

    /// A link: its `href` and other attributes (scalars), in order.
    pub(super) fn link(&mut self, stacks: &mut Stacks) -> Read<Link> {
        let from = stacks.attributes.len();
        let mut href = None;
        let mut href_at = 0;
        if !self.open(b'{', b'}')? {
            let mut names = Names::default();
            loop {
                let key = self.key()?;
                self.count()?;
                if key == "href" {
                    if href.is_some() {
                        return None;
                    }
                    href = Some(self.string()?);
                    href_at = stacks.attributes.len() - from;
                } else {
                    let own = &stacks.attributes[from..];
                    if names.contains(own.len(), |i| own[i].0.as_str(), &key) {
                        return None;
                    }
                    let value = self.scalar()?;
                    stacks.attributes.push((self.str(key), value));
                }
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        Some(Link {
            href: href?,
            attributes: take(&mut stacks.attributes, from),
            href_at: u32::try_from(href_at).unwrap_or(u32::MAX),
        })
    }

    /// `_embedded`: an object of relations, each one resource or an array of them.
    pub(super) fn embedded(&mut self, stacks: &mut Stacks) -> Read<Vec<EmbeddedGroup>> {
        let from = stacks.embedded_groups.len();
        if !self.open(b'{', b'}')? {
            let mut index = Names::default();
            loop {
                let relation = self.key()?;
                self.count()?;
                let groups = &stacks.embedded_groups[from..];
                if index.contains(groups.len(), |i| groups[i].relation.as_str(), &relation) {
                    return None;
                }
                let (cardinality, resources) = self.resources_of_relation(stacks)?;
                stacks.embedded_groups.push(EmbeddedGroup {
                    relation: self.str(relation),
                    cardinality,
                    resources,
                });
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        Some(take(&mut stacks.embedded_groups, from))
    }

    /// One resource, or an array of them (each counted).
    fn resources_of_relation(&mut self, stacks: &mut Stacks) -> Read<(Cardinality, Resources)> {
        if self.peek()? == b'{' {
            return Some((Cardinality::Single, Few::one(self.resource(stacks)?)));
        }
        let from = stacks.resources.len();
        let start = self.pos;
        if !self.open(b'[', b']')? {
            loop {
                let resource = self.resource(stacks)?;
                self.count()?;
                self.push_item(&mut stacks.resources, resource, from, start);
                if !self.more(b']')? {
                    break;
                }
            }
        }
        Some((
            Cardinality::Array,
            Few::from(take(&mut stacks.resources, from)),
        ))
    }
}
