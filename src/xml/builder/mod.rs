//! The XML tree builder: the one reader of resources and events documents, fed by either
//! tokenizer.
//!
//! [`Tokens`] is what the builder asks of a tokenizer: the root's start tag, the next child
//! element of an element (its start tag read into a [`Tag`], its attributes into
//! [`Attributes`]), an element's text, its end. Two tokenizers answer it:
//!
//! - the fast scanner ([`super::fast`]) reads the XML UCWA servers write, straight from the
//!   bytes, and answers [`NotMine`] to anything else — it never decides an error;
//! - the full reader ([`super::de`]), on quick-xml, reads all of XML and fails with the
//!   crate's positioned error.
//!
//! The decoders run the builder on the fast scanner and, where it answers `NotMine`, on the
//! full reader from the start. Either way the model comes from the code here, so what both
//! read, both read alike; the differential tests and a fuzz target hold them to it.

pub(crate) mod events;

use std::borrow::Cow;
use std::fmt;
use std::mem::take;

use crate::error::{ErrorKind, PathBuf};
use crate::model::error_body::ErrorBody;
use crate::model::metadata::Metadata;
use crate::model::{
    push_sparingly, Cardinality, Document, DocumentKind, EmbeddedGroup, Layout, Link, LinkGroup,
    Member, NameIndex, Property, Resource, Str, Value, EVENT_ENTRY_ON_ITS_OWN, SELF,
};

/// What the builder asks of a tokenizer.
pub(crate) trait Tokens<'a> {
    /// Why a tokenizer stopped: the full reader's positioned failure, or the fast scanner's
    /// [`NotMine`].
    type Fail;

    /// The prolog and the root element's start tag, read into `root`.
    fn root(&mut self, root: &mut Tag<'a>) -> Result<(), Self::Fail>;

    /// What follows the root element: nothing but blanks (and, in the full reader, comments
    /// and processing instructions).
    fn end(&mut self) -> Result<(), Self::Fail>;

    /// After blanks (and comments and processing instructions): a child element of `parent`,
    /// its start tag read into `child` and its attributes into [`Self::attributes`] (`true`);
    /// or `parent`'s end tag, read (`false`).
    fn next_child(&mut self, parent: &Tag<'a>, child: &mut Tag<'a>) -> Result<bool, Self::Fail>;

    /// The attributes of the element opened last, for its reader to take.
    fn attributes(&mut self) -> &mut Attributes<'a>;

    /// The text of `tag` (not empty): text, CDATA and references, up to its end tag.
    fn text(&mut self, tag: &Tag<'a>) -> Result<Str, Self::Fail>;

    /// An attribute's value as the model's [`Str`] (the fast scanner's long ones share
    /// blocks: [`crate::model::Shared`]).
    #[inline(always)]
    fn str(&mut self, value: Cow<'a, str>) -> Str {
        Str::from(value)
    }

    /// Blanks (and comments) up to the end tag of `tag` (not empty), which holds nothing else.
    fn no_content(&mut self, tag: &Tag<'a>) -> Result<(), Self::Fail>;

    /// Ends the element opened last: drops the namespace bindings it made.
    fn close(&mut self);

    fn scratch(&mut self) -> &mut Scratch;

    /// How many bytes of the document are read, and how many are left: a hint to size the
    /// vectors of long runs of elements by.
    fn progress(&self) -> (usize, usize);

    /// A failure at the element or text read last; `message` is asked for only by a
    /// tokenizer that reports errors.
    fn fail(&self, kind: ErrorKind, message: impl FnOnce() -> String) -> Self::Fail;

    /// Adds path segments to a failure on its way out.
    fn at<T>(
        &mut self,
        result: Result<T, Self::Fail>,
        segments: impl FnOnce(&mut PathBuf),
    ) -> Result<T, Self::Fail>;

    /// An error body's `<reason>` element (opened), through its end tag.
    fn error_body(&mut self, tag: &Tag<'a>) -> Result<ErrorBody, Self::Fail>;

    /// An `<optionsMetadata>` element (opened), through its end tag.
    fn metadata(&mut self, tag: &Tag<'a>) -> Result<Metadata, Self::Fail>;
}

/// The fast scanner's only answer to what it does not read: the document is left to the full
/// reader, which reads it from the start.
pub(crate) struct NotMine;

/// A start tag, read. The readers of children fill one in place (a tag that is moved after
/// being written field by field makes the processor wait for the writes).
#[derive(Clone, Copy)]
pub(crate) struct Tag<'a> {
    /// Its name as written, prefix and all.
    pub(crate) name: &'a str,
    pub(crate) kind: Kind,
    /// `<name/>`: no content, no end tag.
    pub(crate) empty: bool,
    /// Its name has no prefix.
    pub(crate) plain: bool,
}

impl<'a> Tag<'a> {
    /// A tag to read children's start tags into.
    pub(crate) fn blank() -> Tag<'a> {
        Tag {
            name: "",
            kind: Kind::Other,
            empty: true,
            plain: true,
        }
    }

    /// The local part of its name (its namespace is UCWA's: the tokenizers check it).
    pub(crate) fn local_name(&self) -> &'a str {
        match self.plain {
            true => self.name,
            false => self.name.rsplit_once(':').map_or(self.name, |(_, l)| l),
        }
    }
}

/// What an element is, once its name is resolved.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    Resource,
    Input,
    Link,
    Property,
    PropertyList,
    Item,
    /// The elements of the other documents (events, error bodies, metadata): they may carry
    /// a link's `rel` and `href`, or be nil; their readers check the rest.
    Other,
}

/// The attributes of an element that the builder knows, and the rest in order. Which are
/// "known" depends on the element's [`Kind`]: `rel` and `href` on elements that take a link
/// (resources, links, `Other`), `name` on properties and property lists, `nil` on those
/// that hold a value; the others are in `other`.
#[derive(Default)]
pub(crate) struct Attributes<'a> {
    pub(crate) rel: Option<Cow<'a, str>>,
    pub(crate) href: Option<Cow<'a, str>>,
    pub(crate) name: Option<Cow<'a, str>>,
    pub(crate) nil: bool,
    pub(crate) other: Vec<(Str, Value)>,
}

impl Attributes<'_> {
    /// Forgets the last element's attributes.
    #[inline]
    pub(crate) fn clear(&mut self) {
        self.rel = None;
        self.href = None;
        self.name = None;
        self.nil = false;
        // Most elements have no other attribute: nothing to drop then.
        if self.other.capacity() != 0 {
            self.other = Vec::new();
        }
    }

    /// The first attribute other than namespace declarations and `xsi:nil`.
    pub(crate) fn unexpected(&self) -> Option<&str> {
        if self.rel.is_some() {
            return Some("rel");
        }
        if self.href.is_some() {
            return Some("href");
        }
        if self.name.is_some() {
            return Some("name");
        }
        self.other.first().map(|(name, _)| name.as_str())
    }
}

/// Scratch space, so that the model's vectors are allocated once at their exact size rather
/// than grown: the properties, link groups and embedded groups of the resources being read
/// (each resource's from where it started: its nested resources are finished before it goes
/// on), and the items of the property list being read. It also counts resource nesting
/// against its limit.
#[derive(Default)]
pub(crate) struct Scratch {
    properties: Vec<Property>,
    link_groups: Vec<LinkGroup>,
    embedded_groups: Vec<EmbeddedGroup>,
    items: Vec<Value>,
    resource_depth: usize,
    max_resource_depth: usize,
}

impl Scratch {
    /// Scratch space for a document whose resources nest at most `max_depth` deep.
    pub(crate) fn new(max_depth: usize) -> Scratch {
        Scratch {
            max_resource_depth: max_depth,
            ..Scratch::default()
        }
    }

    /// Where the share of a resource starting now begins.
    fn marks(&self) -> Marks {
        Marks {
            properties: self.properties.len(),
            links: self.link_groups.len(),
            embedded: self.embedded_groups.len(),
        }
    }

    /// Moves what a resource's body read into it, at exact sizes.
    fn finish(&mut self, resource: &mut Resource, from: Marks) {
        resource.properties = crate::model::take_share(&mut self.properties, from.properties);
        resource.links = crate::model::take_share(&mut self.link_groups, from.links);
        resource.embedded = crate::model::take_share(&mut self.embedded_groups, from.embedded);
        // A relation met again grew its vector, which may have room to spare.
        for group in &mut resource.links {
            group.links.shrink_to_fit();
        }
        for group in &mut resource.embedded {
            group.resources.shrink_to_fit();
        }
    }
}

/// Where a resource's share of the [`Scratch`] stacks starts.
#[derive(Clone, Copy)]
struct Marks {
    properties: usize,
    links: usize,
    embedded: usize,
}

/// What reading a resource's body keeps track of: where its `rel` property stood, the
/// property names and the link and embedded relations read so far.
#[derive(Default)]
struct Body {
    placed: usize,
    names: NameIndex,
    type_read: bool,
    links: NameIndex,
    embedded: NameIndex,
}

impl Body {
    /// Adds a property to a resource's share of `properties` (from `from` on); `false`,
    /// adding nothing, when the resource has a property of that name already.
    fn add_property(
        &mut self,
        properties: &mut Vec<Property>,
        from: usize,
        name: &str,
        value: Value,
    ) -> bool {
        let own = &properties[from..];
        if self
            .names
            .find_to_append(own.len(), |i| own[i].name.as_str(), name)
            .is_some()
        {
            return false;
        }
        properties.push(Property {
            name: Str::from(name),
            value,
        });
        true
    }
}

/// `Err`, with the tokenizer's failure.
pub(crate) fn fail<'a, T: Tokens<'a> + ?Sized, V>(
    tokens: &T,
    kind: ErrorKind,
    message: impl FnOnce() -> String,
) -> Result<V, T::Fail> {
    Err(tokens.fail(kind, message))
}

/// Reads a whole document: the prolog, the root element (whose start tag `build` is given,
/// opened), what follows it.
pub(crate) fn read<'a, T: Tokens<'a>, D>(
    tokens: &mut T,
    build: impl FnOnce(&mut T, &Tag<'a>) -> Result<D, T::Fail>,
) -> Result<D, T::Fail> {
    let mut root = Tag::blank();
    tokens.root(&mut root)?;
    let document = build(tokens, &root)?;
    tokens.close();
    tokens.end()?;
    Ok(document)
}

/// A kind of document, read from its root element (opened) through its end tag.
pub(crate) trait Root: Sized {
    fn build<'a, T: Tokens<'a>>(tokens: &mut T, root: &Tag<'a>) -> Result<Self, T::Fail>;
}

impl Root for Resource {
    fn build<'a, T: Tokens<'a>>(tokens: &mut T, root: &Tag<'a>) -> Result<Self, T::Fail> {
        resource(tokens, root)
    }
}

impl Root for crate::model::events::Events {
    fn build<'a, T: Tokens<'a>>(tokens: &mut T, root: &Tag<'a>) -> Result<Self, T::Fail> {
        events::events(tokens, root)
    }
}

impl Root for ErrorBody {
    fn build<'a, T: Tokens<'a>>(tokens: &mut T, root: &Tag<'a>) -> Result<Self, T::Fail> {
        match root.local_name() {
            "reason" => tokens.error_body(root),
            _ => Err(wrong_root(tokens, DocumentKind::Error, root)),
        }
    }
}

impl Root for Metadata {
    fn build<'a, T: Tokens<'a>>(tokens: &mut T, root: &Tag<'a>) -> Result<Self, T::Fail> {
        match root.local_name() {
            "optionsMetadata" => tokens.metadata(root),
            _ => Err(wrong_root(tokens, DocumentKind::Metadata, root)),
        }
    }
}

impl Root for Document {
    fn build<'a, T: Tokens<'a>>(tokens: &mut T, root: &Tag<'a>) -> Result<Self, T::Fail> {
        document(tokens, root)
    }
}

/// A document of the kind its root element shows.
pub(crate) fn document<'a, T: Tokens<'a>>(
    tokens: &mut T,
    root: &Tag<'a>,
) -> Result<Document, T::Fail> {
    Ok(match root.local_name() {
        "events" => Document::Events(events::events(tokens, root)?),
        "reason" => Document::Error(tokens.error_body(root)?),
        "optionsMetadata" => Document::Metadata(tokens.metadata(root)?),
        name if is_event_name(name) => {
            return fail(tokens, ErrorKind::Structure, || {
                EVENT_ENTRY_ON_ITS_OWN.to_owned()
            })
        }
        _ => Document::Resource(resource(tokens, root)?),
    })
}

/// A `<resource>` or `<input>` root, through its end tag.
pub(crate) fn resource<'a, T: Tokens<'a>>(
    tokens: &mut T,
    root: &Tag<'a>,
) -> Result<Resource, T::Fail> {
    if !matches!(root.kind, Kind::Resource | Kind::Input) {
        return Err(wrong_root(tokens, DocumentKind::Resource, root));
    }
    let rel = tokens.attributes().rel.take().map(Str::from);
    let mut resource = resource_body(tokens, root)?;
    if !resource.settle_root_rel(rel) {
        return fail(tokens, ErrorKind::Structure, || {
            "the root's `rel` attribute differs from its `rel` property, and without an `href` \
             there is no self link to keep it"
                .to_owned()
        });
    }
    Ok(resource)
}

/// A resource's content (after its start tag, whose attributes are in
/// [`Tokens::attributes`]) up to its end tag.
pub(crate) fn resource_body<'a, T: Tokens<'a>>(
    tokens: &mut T,
    tag: &Tag<'a>,
) -> Result<Resource, T::Fail> {
    let scratch = tokens.scratch();
    scratch.resource_depth += 1;
    if scratch.resource_depth > scratch.max_resource_depth {
        let max = scratch.max_resource_depth;
        return fail(tokens, ErrorKind::Limit, || {
            crate::model::depth_message(max)
        });
    }
    let resource = resource_content(tokens, tag);
    tokens.scratch().resource_depth -= 1;
    resource
}

fn resource_content<'a, T: Tokens<'a>>(tokens: &mut T, tag: &Tag<'a>) -> Result<Resource, T::Fail> {
    let mut resource = Resource {
        layout: Layout::unplaced(),
        ..Resource::default()
    };
    let marks = tokens.scratch().marks();
    if let Some(group) = self_link(tokens, "a <resource>")? {
        tokens.scratch().link_groups.push(group);
    }
    if tag.empty {
        tokens.scratch().finish(&mut resource, marks);
        return Ok(resource);
    }
    let mut body = Body::default();
    let mut child = Tag::blank();
    while tokens.next_child(tag, &mut child)? {
        match child.kind {
            Kind::Link => {
                let Some(rel) = tokens.attributes().rel.take() else {
                    return fail(tokens, ErrorKind::Structure, || {
                        "<link> without a `rel` attribute".to_owned()
                    });
                };
                let result = link(tokens, &child);
                let link = tokens.at(result, |p| {
                    p.push_outer_key(&rel);
                    p.push_outer_key("_links");
                })?;
                let groups = &mut tokens.scratch().link_groups;
                push_link(groups, marks.links, &mut body.links, rel, link);
            }
            Kind::Property | Kind::PropertyList => {
                let (name, value) = named_value(tokens, &child)?;
                let scratch = tokens.scratch();
                if child.kind == Kind::Property && name == "rel" {
                    let type_name = match value {
                        _ if body.type_read => Err("duplicate property `rel`"),
                        Value::Text(type_name) => Ok(type_name),
                        _ => Err("the type (`rel` property) cannot be nil"),
                    };
                    let type_name = match type_name {
                        Ok(type_name) => type_name,
                        Err(message) => {
                            return fail(tokens, ErrorKind::Value, || message.to_owned())
                        }
                    };
                    body.type_read = true;
                    resource.type_name = Some(type_name);
                    let position = scratch.properties.len() - marks.properties;
                    resource
                        .layout
                        .place(Member::Type, position, &mut body.placed);
                } else if !body.add_property(
                    &mut scratch.properties,
                    marks.properties,
                    &name,
                    value,
                ) {
                    return fail(tokens, ErrorKind::Value, || {
                        format!("duplicate property `{name}`")
                    });
                }
            }
            Kind::Resource => {
                let Some(relation) = tokens.attributes().rel.take() else {
                    return fail(tokens, ErrorKind::Structure, || {
                        "embedded <resource> without a `rel` attribute".to_owned()
                    });
                };
                let groups = &tokens.scratch().embedded_groups[marks.embedded..];
                let group = find_embedded(groups, &mut body.embedded, &relation);
                let index = group.map_or(0, |g| groups[g].resources.len());
                let embedded = embedded(tokens, &child, &relation, index)?;
                let groups = &mut tokens.scratch().embedded_groups;
                push_embedded(groups, marks.embedded, group, relation, embedded);
            }
            _ => {
                return fail(tokens, ErrorKind::Structure, || {
                    format!(
                        "unexpected element <{}> in <resource>; expected <link>, <property>, \
                         <propertyList> or <resource>",
                        child.name
                    )
                })
            }
        }
        tokens.close();
    }
    tokens.scratch().finish(&mut resource, marks);
    Ok(resource)
}

/// The self link an element's `href` and other attributes make (`element` names it, with
/// its article, for the failure of other attributes without an `href`).
#[inline(always)]
pub(crate) fn self_link<'a, T: Tokens<'a>>(
    tokens: &mut T,
    element: &str,
) -> Result<Option<LinkGroup>, T::Fail> {
    let attributes = tokens.attributes();
    let other = take(&mut attributes.other);
    match attributes.href.take() {
        Some(href) => Ok(Some(LinkGroup {
            rel: SELF.into(),
            cardinality: Cardinality::Single,
            links: crate::model::Links::one(Link {
                href: tokens.str(href),
                attributes: other,
                href_at: 0,
            }),
        })),
        None => match other.first() {
            Some((name, _)) => fail(tokens, ErrorKind::Structure, || {
                format!("attribute `{name}` on {element} without `href` has no link to go on")
            }),
            None => Ok(None),
        },
    }
}

/// An embedded `<resource>` (opened), the `index`th of its `relation`: its type, if it has
/// no `rel` property, is the relation.
#[inline(always)]
pub(crate) fn embedded<'a, T: Tokens<'a>>(
    tokens: &mut T,
    tag: &Tag<'a>,
    relation: &str,
    index: usize,
) -> Result<Resource, T::Fail> {
    let result = resource_body(tokens, tag);
    let mut embedded = tokens.at(result, |p| {
        if index > 0 {
            p.push_outer_index(index);
        }
        p.push_outer_key(relation);
        p.push_outer_key("_embedded");
    })?;
    if embedded.type_name.is_none() {
        embedded.type_name = Some(Str::from(relation));
    }
    Ok(embedded)
}

/// A `<property>`'s or `<propertyList>`'s name and value (its path given to a failure).
#[inline(always)]
pub(crate) fn named_value<'a, T: Tokens<'a>>(
    tokens: &mut T,
    tag: &Tag<'a>,
) -> Result<(Cow<'a, str>, Value), T::Fail> {
    let attributes = tokens.attributes();
    let nil = attributes.nil;
    let Some(name) = attributes.name.take() else {
        return fail(tokens, ErrorKind::Structure, || {
            format!("<{}> without a `name` attribute", tag.local_name())
        });
    };
    let result = match tag.kind {
        Kind::Property => value(tokens, tag, nil),
        _ => property_list(tokens, tag, nil),
    };
    let value = tokens.at(result, |p| p.push_outer_key(&name))?;
    Ok((name, value))
}

/// A `<property>` or `<propertyList>` as a property.
pub(crate) fn property<'a, T: Tokens<'a>>(
    tokens: &mut T,
    tag: &Tag<'a>,
) -> Result<Property, T::Fail> {
    let (name, value) = named_value(tokens, tag)?;
    Ok(Property {
        name: Str::from(name),
        value,
    })
}

/// The items of a `<propertyList>`, up to its end tag.
#[inline(always)]
fn property_list<'a, T: Tokens<'a>>(
    tokens: &mut T,
    tag: &Tag<'a>,
    nil: bool,
) -> Result<Value, T::Fail> {
    if nil {
        return fail(tokens, ErrorKind::Value, || {
            "a <propertyList> cannot be nil".to_owned()
        });
    }
    if tag.empty {
        return Ok(Value::List(Vec::new()));
    }
    let from = tokens.scratch().items.len();
    let mut item = Tag::blank();
    while tokens.next_child(tag, &mut item)? {
        if item.kind != Kind::Item {
            return fail(tokens, ErrorKind::Structure, || {
                format!(
                    "unexpected element <{}> in <propertyList>; expected <item>",
                    item.name
                )
            });
        }
        let index = tokens.scratch().items.len() - from;
        let nil = tokens.attributes().nil;
        let result = value(tokens, &item, nil);
        let value = tokens.at(result, |p| p.push_outer_index(index))?;
        tokens.scratch().items.push(value);
        tokens.close();
    }
    Ok(Value::List(tokens.scratch().items.drain(from..).collect()))
}

/// The value of an element that holds text: its text up to its end tag, or nil. Inline: a
/// value returned through memory is read back in wider loads than it was written in, which
/// the processor cannot forward from its stores.
#[inline(always)]
pub(crate) fn value<'a, T: Tokens<'a>>(
    tokens: &mut T,
    tag: &Tag<'a>,
    nil: bool,
) -> Result<Value, T::Fail> {
    let text = match tag.empty {
        true => Str::default(),
        false => tokens.text(tag)?,
    };
    match nil {
        false => Ok(Value::Text(text)),
        true if text.is_empty() => Ok(Value::Null),
        true => fail(tokens, ErrorKind::Value, || {
            format!("<{}> has xsi:nil=\"true\" and text", tag.local_name())
        }),
    }
}

/// The text of an element that must hold text (not nil, no elements).
pub(crate) fn text_only<'a, T: Tokens<'a>>(
    tokens: &mut T,
    tag: &Tag<'a>,
    nil: bool,
) -> Result<Str, T::Fail> {
    match value(tokens, tag, nil)? {
        Value::Text(text) => Ok(text),
        _ => fail(tokens, ErrorKind::Value, || {
            format!("<{}> cannot be nil", tag.local_name())
        }),
    }
}

/// A `<link>` (or another element that is a link), its `rel` taken: `href` required,
/// nothing inside but blanks.
#[inline(always)]
fn link<'a, T: Tokens<'a>>(tokens: &mut T, tag: &Tag<'a>) -> Result<Link, T::Fail> {
    let attributes = tokens.attributes();
    let Some(href) = attributes.href.take() else {
        return fail(tokens, ErrorKind::Structure, || {
            format!("<{}> without an `href` attribute", tag.local_name())
        });
    };
    let attributes = take(&mut attributes.other);
    if !tag.empty {
        tokens.no_content(tag)?;
    }
    Ok(Link {
        href: tokens.str(href),
        attributes,
        href_at: 0,
    })
}

/// A link element that takes no content: `href` required, every other attribute kept
/// (`rel` and `name` first, then the rest as written). `rel` is returned apart when
/// `take_rel`.
pub(crate) fn link_element<'a, T: Tokens<'a>>(
    tokens: &mut T,
    tag: &Tag<'a>,
    take_rel: bool,
) -> Result<(Option<Str>, Link), T::Fail> {
    let attributes = tokens.attributes();
    let mut rel = attributes.rel.take().map(Str::from);
    let name = attributes.name.take();
    let mut first = Vec::new();
    if !take_rel {
        if let Some(rel) = rel.take() {
            first.push((Str::from("rel"), Value::Text(rel)));
        }
    }
    if let Some(name) = name {
        first.push((Str::from("name"), Value::Text(tokens.str(name))));
    }
    let mut link = link(tokens, tag)?;
    if !first.is_empty() {
        first.append(&mut link.attributes);
        link.attributes = first;
    }
    Ok((rel, link))
}

/// Refuses an element with attributes (namespace declarations and `xsi:nil` aside).
pub(crate) fn no_attributes<'a, T: Tokens<'a>>(
    tokens: &mut T,
    tag: &Tag<'a>,
) -> Result<(), T::Fail> {
    match tokens.attributes().unexpected() {
        Some(attribute) => {
            let attribute = attribute.to_owned();
            fail(tokens, ErrorKind::Structure, || {
                format!(
                    "unexpected attribute `{attribute}` on <{}>",
                    tag.local_name()
                )
            })
        }
        None => Ok(()),
    }
}

/// Appends a link to its relation's group; a relation met again becomes an array.
pub(crate) fn push_link(
    groups: &mut Vec<LinkGroup>,
    from: usize,
    index: &mut NameIndex,
    rel: Cow<'_, str>,
    link: Link,
) {
    let own = &groups[from..];
    match index.find_recent_to_append(own.len(), |i| own[i].rel.as_str(), &rel) {
        Some(found) => {
            let group = &mut groups[from + found];
            group.links.push(link);
            group.cardinality = Cardinality::Array;
        }
        None => groups.push(LinkGroup {
            rel: Str::from(rel),
            cardinality: Cardinality::Single,
            links: crate::model::Links::one(link),
        }),
    }
}

/// The position of a relation's group among the embedded groups read so far; where it is
/// not found, the caller appends one (or gives up).
pub(crate) fn find_embedded(
    groups: &[EmbeddedGroup],
    index: &mut NameIndex,
    relation: &str,
) -> Option<usize> {
    index.find_recent_to_append(groups.len(), |i| groups[i].relation.as_str(), relation)
}

/// Appends an embedded resource to its relation's group (`found` by [`find_embedded`]); a
/// relation met again becomes an array.
pub(crate) fn push_embedded(
    groups: &mut Vec<EmbeddedGroup>,
    from: usize,
    found: Option<usize>,
    relation: Cow<'_, str>,
    resource: Resource,
) {
    match found {
        Some(found) => {
            let group = &mut groups[from + found];
            group.resources.push(resource);
            group.cardinality = Cardinality::Array;
        }
        None => {
            let group = EmbeddedGroup {
                relation: Str::from(relation),
                cardinality: Cardinality::Single,
                resources: crate::model::Resources::one(resource),
            };
            push_sparingly(groups, group);
        }
    }
}

/// The root element (or elements) of a kind of document.
fn roots(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Resource => "<resource> or <input>",
        DocumentKind::Events => "<events>",
        DocumentKind::Error => "<reason>",
        DocumentKind::Metadata => "<optionsMetadata>",
    }
}

/// The kind of document whose root element has this local name, if any.
pub(crate) fn kind_of_root(local_name: &str) -> Option<DocumentKind> {
    match local_name {
        "resource" | "input" => Some(DocumentKind::Resource),
        "events" => Some(DocumentKind::Events),
        "reason" => Some(DocumentKind::Error),
        "optionsMetadata" => Some(DocumentKind::Metadata),
        _ => None,
    }
}

/// Whether an element's local name is that of an event (`<added>`, `<updated>`, ...), as a
/// sender in an events document holds them.
pub(crate) fn is_event_name(local_name: &str) -> bool {
    matches!(
        local_name,
        "added" | "updated" | "deleted" | "started" | "completed"
    )
}

/// The failure of a reader of documents of kind `expected` given another root: what it
/// found, by the detection of [`document`].
pub(crate) fn wrong_root<'a, T: Tokens<'a>>(
    tokens: &T,
    expected: DocumentKind,
    root: &Tag<'a>,
) -> T::Fail {
    tokens.fail(ErrorKind::Structure, || {
        wrong_root_message(expected, root.local_name(), root.name)
    })
}

fn wrong_root_message(
    expected: DocumentKind,
    local_name: &str,
    written: impl fmt::Display,
) -> String {
    let wanted = format!("expected {} ({})", expected.described(), roots(expected));
    match kind_of_root(local_name) {
        Some(found) if found != expected => {
            format!("{wanted}, found {} (<{written}>)", found.described())
        }
        _ => format!("{wanted}, found <{written}>"),
    }
}
