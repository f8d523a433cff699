//! The format-neutral model of every UCWA document: [`Resource`] with its [`Value`]s,
//! [`Link`]s and embedded resources, [`events`], [`error_body`], [`metadata`], and
//! [`Document`], any of them; the [`DecodeOptions`] decoders keep to. It knows no wire format:
//! [`crate::json`] and [`crate::xml`] read and write it.

pub(crate) mod codec;
mod date;
mod document;
pub mod error_body;
pub mod events;
pub mod few;
mod index;
pub mod metadata;
mod options;
pub(crate) mod order;
mod request;
mod str;
mod value;

pub(crate) use document::sealed::DocumentRef;
pub(crate) use document::EVENT_ENTRY_ON_ITS_OWN;
pub use document::{Decode, Document, DocumentKind, Encode};
pub(crate) use options::{depth_message, items_message};
pub use options::{
    DecodeOptions, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEMS, DEFAULT_MAX_PARTS, DEFAULT_MAX_SIZE,
};

pub(crate) use date::TextBuf;
pub use date::{Date, DateParseError};
pub use few::Few;
pub(crate) use index::NameIndex;
pub(crate) use str::Shared;
pub use str::Str;
pub(crate) use value::parse_bool;
pub use value::Value;

/// The links of one relation ([`LinkGroup::links`]), most often one, which then takes no
/// allocation: see [`Few`].
///
/// ```
/// use ucwa_codec::{Cardinality, Link, LinkGroup};
///
/// let group = LinkGroup {
///     rel: "contact".into(),
///     cardinality: Cardinality::Array,
///     links: vec![Link::new("/ucwa/v1/people/1"), Link::new("/ucwa/v1/people/2")].into(),
/// };
/// assert_eq!(group.links[1].href, "/ucwa/v1/people/2");
/// ```
pub type Links = Few<Link>;

/// The embedded resources of one relation ([`EmbeddedGroup::resources`]), most often one, as
/// [`Links`] holds links: see [`Few`].
pub type Resources = Few<Resource>;

/// The name of the self link's relation.
pub const SELF: &str = "self";

/// Whether JSON wrote a link relation or an embedded relation as one object or as an array.
///
/// UCWA keeps each relation's shape fixed ("an array even if it currently contains only one"),
/// so the model remembers it and JSON -> model -> JSON reproduces it. XML cannot tell; its
/// decoder says [`Cardinality::Single`] for one element and [`Cardinality::Array`] for more.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Cardinality {
    /// `"rel": { ... }`
    #[default]
    Single,
    /// `"rel": [ { ... }, ... ]`
    Array,
}

/// A link attribute other than `href`: its name and value.
pub(crate) type Attribute = (Str, Value);

/// A link: its target and every other attribute, in order (`title`, `revision`, ...).
///
/// The relation is held by the [`LinkGroup`] the link sits in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Link {
    /// The target URL (or a data URI).
    pub href: Str,
    /// Every attribute but `href` (and `rel`), in the order read: `title`, `revision`, ...
    pub attributes: Vec<(Str, Value)>,
    /// How many of the attributes JSON writes before `href`: 0, `href` first, as UCWA writes
    /// links, unless the link was read otherwise (`{"title": .., "href": ..}` gives 1).
    pub href_at: u32,
}

impl Link {
    /// A link to `href` with no other attribute.
    pub fn new(href: impl Into<Str>) -> Link {
        Link {
            href: href.into(),
            attributes: Vec::new(),
            href_at: 0,
        }
    }

    /// The attributes JSON writes before `href`, and those after.
    pub(crate) fn split_at_href(&self) -> (&[Attribute], &[Attribute]) {
        let at = (self.href_at as usize).min(self.attributes.len());
        self.attributes.split_at(at)
    }

    /// Adds an attribute (builder style).
    pub fn with_attribute(mut self, name: impl Into<Str>, value: impl Into<Value>) -> Link {
        self.attributes.push((name.into(), value.into()));
        self
    }

    /// The value of an attribute other than `href`.
    pub fn attribute(&self, name: &str) -> Option<&Value> {
        find_attribute(&self.attributes, name)
    }

    /// The `title` attribute, when it is text.
    pub fn title(&self) -> Option<&str> {
        self.attribute("title").and_then(Value::as_str)
    }
}

/// The links of one relation, in order, and the shape JSON gave them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct LinkGroup {
    /// The relation, e.g. `self`, `next`, `contact`.
    pub rel: Str,
    /// One object or an array in JSON.
    pub cardinality: Cardinality,
    /// The links (one for [`Cardinality::Single`]).
    pub links: Links,
}

/// The embedded resources of one relation, in order, and the shape JSON gave them.
///
/// The relation is how the parent holds them (`from`); each resource keeps its own type
/// (`participant`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct EmbeddedGroup {
    /// The relation, e.g. `from`, `contact`, `phone`.
    pub relation: Str,
    /// One object or an array in JSON.
    pub cardinality: Cardinality,
    /// The resources (one for [`Cardinality::Single`]).
    pub resources: Resources,
}

/// A named property.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Property {
    /// The property's name.
    pub name: Str,
    /// Its value.
    pub value: Value,
}

/// One of the members of a resource that is not a property: where it stood among them is kept
/// in the [`Layout`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Member {
    /// The type: JSON `"rel"`, XML `<property name="rel">`.
    Type,
    /// JSON `_links`.
    Links,
    /// JSON `_embedded`.
    Embedded,
}

/// Where the type, `_links` and `_embedded` stood among the properties when the resource was
/// read, so that writing it again reproduces the member order. Order carries no meaning in
/// UCWA; keeping it makes round trips exact and diffs readable.
///
/// Each position counts the properties before the member. The XML encoder uses only
/// the type's position (`<link>`s come first and embedded `<resource>`s last in XML).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Layout {
    /// Where the type stands; `None` when it is not written as a member (XML: only as the
    /// element's `rel` attribute).
    pub type_at: Option<u32>,
    /// Where `_links` stands; `None`: after the properties, and only when there are links.
    /// Placed, it is written even when empty (as read); [`Resource::clear_links`] unplaces it.
    pub links_at: Option<u32>,
    /// Where `_embedded` stands; `None`: after `_links`, and only when there are embedded
    /// resources.
    pub embedded_at: Option<u32>,
    /// The order of the three members where their positions are equal.
    pub order: [Member; 3],
}

impl Default for Layout {
    /// The documentation's JSON layout: `rel` first, the properties, `_links`, `_embedded`.
    fn default() -> Layout {
        Layout {
            type_at: Some(0),
            links_at: None,
            embedded_at: None,
            order: [Member::Type, Member::Links, Member::Embedded],
        }
    }
}

impl Layout {
    /// A layout with no member placed yet; decoders fill it as they read.
    pub(crate) fn unplaced() -> Layout {
        Layout {
            type_at: None,
            ..Layout::default()
        }
    }

    /// Records that `member` was read after `position` properties.
    pub(crate) fn place(&mut self, member: Member, position: usize, placed_before: &mut usize) {
        let position = Some(u32::try_from(position).unwrap_or(u32::MAX));
        match member {
            Member::Type => self.type_at = position,
            Member::Links => self.links_at = position,
            Member::Embedded => self.embedded_at = position,
        }
        // Keep `order` as the order of reading: move `member` to the next free slot.
        let slot = self.order.iter().position(|m| *m == member).unwrap_or(0);
        let target = (*placed_before).min(2);
        if slot >= target {
            self.order[target..=slot].rotate_right(1);
        }
        *placed_before += 1;
    }

    /// The position of `member` (`None`: not placed).
    pub fn position(&self, member: Member) -> Option<u32> {
        match member {
            Member::Type => self.type_at,
            Member::Links => self.links_at,
            Member::Embedded => self.embedded_at,
        }
    }
}

/// A UCWA resource: its type, property bag, links (the self link among them) and embedded
/// resources.
///
/// ```
/// use ucwa_codec::{Cardinality, Link, Resource, Value};
///
/// let mut phone = Resource::new("phone");
/// phone.set_self_href("/ucwa/v1/applications/1/me/phones/work");
/// phone.push_property("number", "tel:+14255554321");
/// phone.push_property("includeInContactCard", true);
///
/// let mut phones = Resource::new("phones");
/// phones.set_self_href("/ucwa/v1/applications/1/me/phones");
/// phones.push_embedded("phone", Cardinality::Array, phone);
///
/// assert_eq!(phones.embedded_of("phone").len(), 1);
/// let work = &phones.embedded_of("phone")[0];
/// assert_eq!(work.type_name(), Some("phone"));
/// assert_eq!(work.property("includeInContactCard"), Some(&Value::Bool(true)));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Resource {
    /// The type name: JSON `"rel"`, XML `<property name="rel">` (or the root's `rel`).
    pub type_name: Option<Str>,
    /// The property bag, in order. Names are not required to be unique (JSON decoding refuses
    /// duplicates, XML keeps what it reads).
    pub properties: Vec<Property>,
    /// The links by relation, in order; the self link is the group `self`.
    pub links: Vec<LinkGroup>,
    /// The embedded resources by relation, in order.
    pub embedded: Vec<EmbeddedGroup>,
    /// Where the members stood when read.
    pub layout: Layout,
}

impl Resource {
    /// An empty resource of the given type.
    pub fn new(type_name: impl Into<Str>) -> Resource {
        Resource {
            type_name: Some(type_name.into()),
            ..Resource::default()
        }
    }

    /// The type name.
    pub fn type_name(&self) -> Option<&str> {
        self.type_name.as_deref()
    }

    /// The self link's target.
    pub fn self_href(&self) -> Option<&str> {
        self.link(SELF).map(|l| l.href.as_str())
    }

    /// Sets the self link's target, keeping its other attributes; adds the link first if absent.
    pub fn set_self_href(&mut self, href: impl Into<Str>) {
        match self.links.iter_mut().find(|g| g.rel == SELF) {
            Some(group) if !group.links.is_empty() => group.links[0].href = href.into(),
            Some(group) => group.links.push(Link::new(href)),
            None => self.links.insert(
                0,
                LinkGroup {
                    rel: SELF.into(),
                    cardinality: Cardinality::Single,
                    links: Links::one(Link::new(href)),
                },
            ),
        }
    }

    /// Settles what an XML root element's `rel` attribute says: the type, where no
    /// `<property name="rel">` gave one; where it differs from that property, the self link's
    /// `rel` attribute, so that neither is lost. `false` when there is no self link to hold it.
    pub(crate) fn settle_root_rel(&mut self, rel: Option<Str>) -> bool {
        let Some(rel) = rel else { return true };
        match &self.type_name {
            None => self.type_name = Some(rel),
            Some(type_name) if *type_name == rel => {}
            Some(_) => {
                let Some(group) = self.links.iter_mut().find(|g| g.rel == SELF) else {
                    return false;
                };
                let Some(link) = group.links.first_mut() else {
                    return false;
                };
                link.attributes
                    .insert(0, (Str::from("rel"), Value::Text(rel)));
            }
        }
        true
    }

    /// Whether JSON writes `member`: the type when there is one; `_links` and `_embedded` when
    /// they hold a relation, or when the layout placed them (an empty `{}` that was read).
    pub(crate) fn writes_member(&self, member: Member) -> bool {
        match member {
            Member::Type => self.type_name.is_some(),
            Member::Links => self.layout.links_at.is_some() || !self.links.is_empty(),
            Member::Embedded => self.layout.embedded_at.is_some() || !self.embedded.is_empty(),
        }
    }

    /// The first property of that name.
    pub fn property(&self, name: &str) -> Option<&Value> {
        self.properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| &p.value)
    }

    /// The first property of that name, to change it.
    pub fn property_mut(&mut self, name: &str) -> Option<&mut Value> {
        self.properties
            .iter_mut()
            .find(|p| p.name == name)
            .map(|p| &mut p.value)
    }

    /// Appends a property.
    pub fn push_property(&mut self, name: impl Into<Str>, value: impl Into<Value>) {
        self.properties.push(Property {
            name: name.into(),
            value: value.into(),
        });
    }

    /// Sets a property: replaces the first of that name, or appends it.
    pub fn set_property(&mut self, name: impl Into<Str>, value: impl Into<Value>) {
        let name = name.into();
        let value = value.into();
        match self.property_mut(&name) {
            Some(slot) => *slot = value,
            None => self.properties.push(Property { name, value }),
        }
    }

    /// Calls `f` on every value of the resource and its embedded resources: properties, list
    /// items and link attributes.
    pub fn for_each_value_mut(&mut self, f: &mut impl FnMut(&mut Value)) {
        fn visit(value: &mut Value, f: &mut impl FnMut(&mut Value)) {
            if let Value::List(items) = value {
                items.iter_mut().for_each(|item| visit(item, f));
            }
            f(value);
        }
        for property in &mut self.properties {
            visit(&mut property.value, f);
        }
        for link in self.links.iter_mut().flat_map(|g| &mut g.links) {
            for (_, value) in &mut link.attributes {
                visit(value, f);
            }
        }
        for child in self.embedded.iter_mut().flat_map(|g| &mut g.resources) {
            child.for_each_value_mut(f);
        }
    }

    /// Removes and returns the first property of that name.
    pub fn remove_property(&mut self, name: &str) -> Option<Value> {
        let index = self.properties.iter().position(|p| p.name == name)?;
        Some(self.properties.remove(index).value)
    }

    /// The links of a relation (empty if there are none).
    pub fn links_of(&self, rel: &str) -> &[Link] {
        self.links
            .iter()
            .find(|g| g.rel == rel)
            .map_or(&[], |g| &g.links)
    }

    /// The first link of a relation.
    pub fn link(&self, rel: &str) -> Option<&Link> {
        self.links_of(rel).first()
    }

    /// Appends a link to its relation's group, creating the group with `cardinality` if needed.
    pub fn push_link(&mut self, rel: impl Into<Str>, cardinality: Cardinality, link: Link) {
        let rel = rel.into();
        match self.links.iter_mut().find(|g| g.rel == rel) {
            Some(group) => group.links.push(link),
            None => self.links.push(LinkGroup {
                rel,
                cardinality,
                links: Links::one(link),
            }),
        }
    }

    /// The embedded resources of a relation (empty if there are none).
    pub fn embedded_of(&self, relation: &str) -> &[Resource] {
        self.embedded
            .iter()
            .find(|g| g.relation == relation)
            .map_or(&[], |g| &g.resources)
    }

    /// Appends an embedded resource to its relation's group, creating the group with
    /// `cardinality` if needed.
    pub fn push_embedded(
        &mut self,
        relation: impl Into<Str>,
        cardinality: Cardinality,
        resource: Resource,
    ) {
        embed(&mut self.embedded, relation.into(), cardinality, resource);
    }
}

/// Appends `resource` to the group of `relation` in `groups`, or to a new group of
/// `cardinality`: [`Resource::push_embedded`] and [`crate::Event::push_embedded`].
pub(crate) fn embed(
    groups: &mut Vec<EmbeddedGroup>,
    relation: Str,
    cardinality: Cardinality,
    resource: Resource,
) {
    match groups.iter_mut().find(|g| g.relation == relation) {
        Some(group) => group.resources.push(resource),
        None => groups.push(EmbeddedGroup {
            relation,
            cardinality,
            resources: Resources::one(resource),
        }),
    }
}

/// The value of the attribute named `name` among `attributes`.
fn find_attribute<'a>(attributes: &'a [Attribute], name: &str) -> Option<&'a Value> {
    attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v)
}

/// Appends `item`, with room for just one if `items` had none: a vector filled item by item
/// that usually ends with one (an event's embedded groups, a sender's events) would otherwise
/// take `Vec`'s first room of four, 672 bytes of embedded groups or 1 KiB of events, mostly
/// unused.
#[inline(always)]
pub(crate) fn push_sparingly<T>(items: &mut Vec<T>, item: T) {
    if items.is_empty() {
        items.reserve_exact(1);
    }
    items.push(item);
}

/// The items of a scratch stack from `from` on, in a vector of their exact size. A large stack
/// that is all one resource's (the root of a big document, as a rule) is handed over whole,
/// its spare room given back, rather than copied.
pub(crate) fn take_share<T>(scratch: &mut Vec<T>, from: usize) -> Vec<T> {
    const HAND_OVER_FROM: usize = 64;
    if from == 0 && scratch.len() >= HAND_OVER_FROM {
        let mut all = std::mem::take(scratch);
        all.shrink_to_fit();
        return all;
    }
    scratch.split_off(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_records_reading_order() {
        let mut layout = Layout::unplaced();
        let mut placed = 0;
        layout.place(Member::Links, 3, &mut placed);
        layout.place(Member::Type, 3, &mut placed);
        assert_eq!(layout.order[..2], [Member::Links, Member::Type]);
        assert_eq!(layout.type_at, Some(3));
        assert_eq!(layout.links_at, Some(3));

        let mut layout = Layout::unplaced();
        let mut placed = 0;
        layout.place(Member::Embedded, 0, &mut placed);
        layout.place(Member::Links, 0, &mut placed);
        layout.place(Member::Type, 0, &mut placed);
        assert_eq!(
            layout.order,
            [Member::Embedded, Member::Links, Member::Type]
        );
    }

    #[test]
    fn set_self_href_adds_then_replaces() {
        let mut r = Resource::new("x");
        r.set_self_href("/a");
        r.set_self_href("/b");
        assert_eq!(r.self_href(), Some("/b"));
        assert_eq!(r.links.len(), 1);
    }
}
