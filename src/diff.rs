//! Comparing two documents: by meaning, across formats, or exactly, form as well.
//!
//! By meaning ([`Comparison::Meaning`], what [`diff`] and [`diff_documents`] do), member order
//! and JSON's one-object-or-array shape carry no meaning and are not compared. Values compare
//! by what they say: JSON `11` equals XML `11`, `true` equals `True`, and dates compare as
//! instants to the millisecond (JSON's precision). An embedded resource without a type is of
//! the type its relation names, as XML writes it; an empty relation or bag says no more than
//! none.
//!
//! Exactly ([`Comparison::Exact`], `ucwa diff --exact`), the form counts too, so that a round
//! trip can be proved: a value's JSON type (`"11"` and `11`, `"True"` and `true`), a date and
//! the text it was written as, a date's offset, a relation's cardinality (`[x]` and `x`), an
//! empty list and empty text, an empty relation or member and none. Text read from XML and a
//! JSON string are the same form. Member order is not compared in either mode.
//!
//! ```
//! use ucwa_codec::diff::{diff, diff_with, Comparison};
//!
//! let a = ucwa_codec::json::from_str::<ucwa_codec::Resource>(r#"{"rel":"x","count":11,"on":true,"_links":{"self":{"href":"/x"}}}"#)?;
//! let b = ucwa_codec::xml::from_str::<ucwa_codec::Resource>(r#"<resource rel="x" href="/x" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
//!   <property name="on">True</property><property name="count">11</property></resource>"#)?;
//! assert!(diff(&a, &b).is_empty());
//! assert_eq!(diff_with(&a, &b, Comparison::Exact)[0].to_string(), r#"count: 11 -> "11""#);
//!
//! let c = ucwa_codec::json::from_str::<ucwa_codec::Resource>(r#"{"rel":"x","count":12,"_links":{"self":{"href":"/x"}}}"#)?;
//! let differences = diff(&a, &c);
//! assert_eq!(differences[0].to_string(), "count: 11 -> 12");
//! assert_eq!(differences[1].to_string(), "on: only in the first (True)");
//! # Ok::<(), ucwa_codec::Error>(())
//! ```

use std::fmt;

use crate::model::{Cardinality, Date, Link, Member, NameIndex, Resource, Str, Value};
use crate::model::{Document, DocumentKind};

/// How [`diff_with`] and [`diff_documents_with`] compare.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Comparison {
    /// By meaning, across formats (see the [module](self) documentation).
    #[default]
    Meaning,
    /// Form as well as meaning: JSON types, the form of dates, cardinality, empty members.
    Exact,
}

/// One difference between two resources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// Where, e.g. `_embedded.contact[2].name` or `_links.self.href`.
    pub path: String,
    /// The first resource's side, if it has one there.
    pub left: Option<String>,
    /// The second resource's side, if it has one there.
    pub right: Option<String>,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(root)"
        } else {
            &self.path
        };
        match (&self.left, &self.right) {
            (Some(l), Some(r)) => write!(f, "{path}: {l} -> {r}"),
            (Some(l), None) => write!(f, "{path}: only in the first ({l})"),
            (None, Some(r)) => write!(f, "{path}: only in the second ({r})"),
            (None, None) => write!(f, "{path}: differs"),
        }
    }
}

/// The differences between two resources, by meaning; empty when they say the same.
pub fn diff(a: &Resource, b: &Resource) -> Vec<Difference> {
    diff_with(a, b, Comparison::Meaning)
}

/// The differences between two resources, compared as `comparison` says.
pub fn diff_with(a: &Resource, b: &Resource, comparison: Comparison) -> Vec<Difference> {
    let mut differ = Differ::new(comparison);
    differ.resources(a, b, None, "");
    differ.out
}

/// The differences between two documents of any kind, by meaning.
///
/// Resources compare as [`diff`] does. Documents of two kinds differ at the root. Events
/// documents, error bodies and metadata compare member by member in their JSON shape (a
/// path like `sender[0].events[1].link.href`), with values by meaning as above and a
/// relation of one item equal to an array that holds just it.
///
/// ```
/// use ucwa_codec::{Document, json, xml};
/// use ucwa_codec::document;
///
/// let a = json::from_str::<Document>(r#"{"code": "Conflict", "subcode": "AlreadyExists"}"#)?;
/// let b = xml::from_str::<Document>(r#"<reason xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><code>Conflict</code><subcode>TooMany</subcode></reason>"#)?;
/// let differences = ucwa_codec::diff::diff_documents(&a, &b);
/// assert_eq!(differences.len(), 1);
/// assert_eq!(differences[0].to_string(), "subcode: AlreadyExists -> TooMany");
/// # Ok::<(), ucwa_codec::Error>(())
/// ```
pub fn diff_documents(a: &Document, b: &Document) -> Vec<Difference> {
    diff_documents_with(a, b, Comparison::Meaning)
}

/// The differences between two documents of any kind, compared as `comparison` says.
pub fn diff_documents_with(a: &Document, b: &Document, comparison: Comparison) -> Vec<Difference> {
    let mut differ = Differ::new(comparison);
    differ.documents(a, b, String::new());
    differ.out
}

/// Two resources compared exactly, all but the resources they embed at the top, which
/// [`diff_embedded_exactly`] compares one at a time: each of `a`'s embedded groups that `b`
/// has leaves a slot, where in the differences those of its resources would go.
pub(crate) fn diff_shell_exactly(
    a: &Resource,
    b: &Resource,
) -> (Vec<Difference>, Vec<Option<usize>>) {
    let mut differ = Differ::new(Comparison::Exact);
    differ.slots = Some(Vec::new());
    differ.resources(a, b, None, "");
    (differ.out, differ.slots.unwrap_or_default())
}

/// The exact differences of the `index`th of `count` resources embedded at the top in
/// `relation` (`a` as it is, `b` as read back).
pub(crate) fn diff_embedded_exactly(
    a: &Resource,
    b: &Resource,
    relation: &str,
    index: usize,
    count: usize,
) -> Vec<Difference> {
    let mut differ = Differ::new(Comparison::Exact);
    let path = indexed(&join("_embedded", relation), index, count);
    differ.resources(a, b, Some(relation), &path);
    differ.out
}

/// The article of a document kind's name: "a resource", "an events document".
pub(crate) fn article(document: &Document) -> &'static str {
    match document.kind() {
        DocumentKind::Events | DocumentKind::Error => "n",
        _ => "",
    }
}

/// A document in its JSON shape, as a generic tree.
fn json_tree(document: &Document) -> serde_json::Value {
    crate::json::to_vec(document)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or(serde_json::Value::Null)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn indexed(path: &str, index: usize, count: usize) -> String {
    if count > 1 || index > 0 {
        format!("{path}[{index}]")
    } else {
        path.to_owned()
    }
}

/// How JSON writes a relation of `count` items: one object, or an array.
fn shape(cardinality: Cardinality, count: usize) -> &'static str {
    match (cardinality, count) {
        (Cardinality::Single, 1) => "one object",
        _ => "an array",
    }
}

/// The differences found so far, and how to compare.
struct Differ {
    exact: bool,
    out: Vec<Difference>,
    /// Where the top's embedded resources are compared apart ([`diff_shell_exactly`]): the
    /// slots of their differences.
    slots: Option<Vec<Option<usize>>>,
}

impl Differ {
    fn new(comparison: Comparison) -> Differ {
        Differ {
            exact: comparison == Comparison::Exact,
            out: Vec::new(),
            slots: None,
        }
    }

    fn push(&mut self, path: String, left: Option<String>, right: Option<String>) {
        self.out.push(Difference { path, left, right });
    }

    fn documents(&mut self, a: &Document, b: &Document, path: String) {
        match (a, b) {
            (Document::Resource(x), Document::Resource(y)) => self.resources(x, y, None, &path),
            _ if a.kind() != b.kind() => self.push(
                path,
                Some(format!("a{} {} document", article(a), a.kind())),
                Some(format!("a{} {} document", article(b), b.kind())),
            ),
            _ => self.trees(&json_tree(a), &json_tree(b), path),
        }
    }

    /// Two JSON trees (of events documents, error bodies, metadata).
    fn trees(&mut self, a: &serde_json::Value, b: &serde_json::Value, path: String) {
        use serde_json::Value as J;
        let exact = self.exact;
        // An empty bag or list says no more than none (XML writes `<debugInfo/>`), by meaning.
        let ignorable = |value: &J| {
            !exact
                && match value {
                    J::Object(members) => members.is_empty(),
                    J::Array(items) => items.is_empty(),
                    _ => false,
                }
        };
        match (a, b) {
            (J::Object(x), J::Object(y)) => {
                for (key, value) in x {
                    let here = join(&path, key);
                    match y.get(key) {
                        Some(other) => self.trees(value, other, here),
                        None if ignorable(value) => {}
                        None => self.push(here, Some(self.tree_text(value)), None),
                    }
                }
                for (key, value) in y {
                    if !x.contains_key(key) && !ignorable(value) {
                        self.push(join(&path, key), None, Some(self.tree_text(value)));
                    }
                }
            }
            (J::Array(x), J::Array(y)) => {
                for index in 0..x.len().max(y.len()) {
                    let here = format!("{path}[{index}]");
                    match (x.get(index), y.get(index)) {
                        (Some(p), Some(q)) => self.trees(p, q, here),
                        (p, q) => {
                            let (p, q) =
                                (p.map(|v| self.tree_text(v)), q.map(|v| self.tree_text(v)));
                            self.push(here, p, q);
                        }
                    }
                }
            }
            // XML cannot tell an empty list of an unknown member from empty text.
            (J::Array(x), J::String(t)) | (J::String(t), J::Array(x))
                if !exact && x.is_empty() && t.is_empty() => {}
            // One object and an array that holds just it: XML cannot tell them apart.
            (J::Object(_), J::Array(y)) if !exact && y.len() == 1 => self.trees(a, &y[0], path),
            (J::Array(x), J::Object(_)) if !exact && x.len() == 1 => self.trees(&x[0], b, path),
            _ => {
                let same = match (tree_value(a), tree_value(b)) {
                    (Some(p), Some(q)) => self.same(&p, &q),
                    _ => false,
                };
                if !same {
                    self.push(path, Some(self.tree_text(a)), Some(self.tree_text(b)));
                }
            }
        }
    }

    fn tree_text(&self, value: &serde_json::Value) -> String {
        match tree_value(value) {
            Some(v) => self.text(&v),
            None => value.to_string(),
        }
    }

    fn resources(&mut self, a: &Resource, b: &Resource, relation: Option<&str>, path: &str) {
        let (type_a, type_b) = if self.exact {
            (a.type_name(), b.type_name())
        } else {
            (a.type_name().or(relation), b.type_name().or(relation))
        };
        if type_a != type_b {
            self.push(
                join(path, "rel"),
                type_a.map(str::to_owned),
                type_b.map(str::to_owned),
            );
        }

        // Properties, by name, in the first resource's order and then the second's; each
        // side's names indexed, so that thousands of them are not compared each to each.
        let (mut names_a, mut names_b) = (NameIndex::default(), NameIndex::default());
        let name_a = |i: usize| a.properties[i].name.as_str();
        let name_b = |i: usize| b.properties[i].name.as_str();
        for property in &a.properties {
            let here = join(path, &property.name);
            match names_b.find(b.properties.len(), name_b, &property.name) {
                Some(i) => self.values(&property.value, &b.properties[i].value, here),
                None => self.push(here, Some(self.text(&property.value)), None),
            }
        }
        for property in &b.properties {
            if !names_a.contains(a.properties.len(), name_a, &property.name) {
                self.push(
                    join(path, &property.name),
                    None,
                    Some(self.text(&property.value)),
                );
            }
        }

        // Links, by relation.
        let links_path = join(path, "_links");
        self.empty_member(a, b, Member::Links, &links_path);
        let (mut rels_a, mut rels_b) = (NameIndex::default(), NameIndex::default());
        let rel_a = |i: usize| a.links[i].rel.as_str();
        let rel_b = |i: usize| b.links[i].rel.as_str();
        for group in &a.links {
            let here = join(&links_path, &group.rel);
            match rels_b.find(b.links.len(), rel_b, &group.rel) {
                Some(i) => {
                    let other = &b.links[i];
                    self.cardinality(
                        (group.cardinality, group.links.len()),
                        (other.cardinality, other.links.len()),
                        &here,
                    );
                    self.link_lists(&group.links, &other.links, &here);
                }
                None if group.links.is_empty() => self.empty_group(true, &here),
                None => self.link_lists(&group.links, &[], &here),
            }
        }
        for group in &b.links {
            if !rels_a.contains(a.links.len(), rel_a, &group.rel) {
                let here = join(&links_path, &group.rel);
                match group.links.is_empty() {
                    true => self.empty_group(false, &here),
                    false => self.link_lists(&[], &group.links, &here),
                }
            }
        }

        // Embedded resources, by relation.
        let embedded_path = join(path, "_embedded");
        self.empty_member(a, b, Member::Embedded, &embedded_path);
        let (mut relations_a, mut relations_b) = (NameIndex::default(), NameIndex::default());
        let relation_a = |i: usize| a.embedded[i].relation.as_str();
        let relation_b = |i: usize| b.embedded[i].relation.as_str();
        // Only the top's groups leave slots: nothing below them is compared.
        let mut slots = self.slots.take();
        for group in &a.embedded {
            let here = join(&embedded_path, &group.relation);
            let found = relations_b.find(b.embedded.len(), relation_b, &group.relation);
            match found {
                Some(i) => {
                    let other = &b.embedded[i];
                    self.cardinality(
                        (group.cardinality, group.resources.len()),
                        (other.cardinality, other.resources.len()),
                        &here,
                    );
                    match &mut slots {
                        Some(slots) => slots.push(Some(self.out.len())),
                        None => self.embedded(
                            &group.resources,
                            &other.resources,
                            &group.relation,
                            &here,
                        ),
                    }
                }
                None if group.resources.is_empty() => self.empty_group(true, &here),
                None => self.embedded(&group.resources, &[], &group.relation, &here),
            }
            if found.is_none() {
                if let Some(slots) = &mut slots {
                    slots.push(None);
                }
            }
        }
        self.slots = slots;
        for group in &b.embedded {
            if !relations_a.contains(a.embedded.len(), relation_a, &group.relation) {
                let here = join(&embedded_path, &group.relation);
                match group.resources.is_empty() {
                    true => self.empty_group(false, &here),
                    false => self.embedded(&[], &group.resources, &group.relation, &here),
                }
            }
        }
    }

    /// Exactly: an empty `_links` or `_embedded` member on one side only.
    fn empty_member(&mut self, a: &Resource, b: &Resource, member: Member, path: &str) {
        if !self.exact {
            return;
        }
        let written = |r: &Resource| r.writes_member(member);
        let no_groups = |r: &Resource| match member {
            Member::Links => r.links.is_empty(),
            _ => r.embedded.is_empty(),
        };
        if no_groups(a) && no_groups(b) && written(a) != written(b) {
            let empty = || Some("{}".to_owned());
            let (left, right) = if written(a) {
                (empty(), None)
            } else {
                (None, empty())
            };
            self.push(path.to_owned(), left, right);
        }
    }

    /// Exactly: a relation with no item on one side only (`"rel": []`).
    fn empty_group(&mut self, first: bool, path: &str) {
        if self.exact {
            let empty = Some("[]".to_owned());
            let (left, right) = if first { (empty, None) } else { (None, empty) };
            self.push(path.to_owned(), left, right);
        }
    }

    /// Exactly: one object on one side, an array on the other.
    fn cardinality(&mut self, a: (Cardinality, usize), b: (Cardinality, usize), path: &str) {
        let (x, y) = (shape(a.0, a.1), shape(b.0, b.1));
        if self.exact && x != y {
            self.push(path.to_owned(), Some(x.to_owned()), Some(y.to_owned()));
        }
    }

    fn embedded(&mut self, a: &[Resource], b: &[Resource], relation: &str, base: &str) {
        let count = a.len().max(b.len());
        for index in 0..count {
            let here = indexed(base, index, count);
            match (a.get(index), b.get(index)) {
                (Some(x), Some(y)) => self.resources(x, y, Some(relation), &here),
                (x, y) => self.push(here, x.map(describe_resource), y.map(describe_resource)),
            }
        }
    }

    fn link_lists(&mut self, a: &[Link], b: &[Link], base: &str) {
        let count = a.len().max(b.len());
        for index in 0..count {
            let here = indexed(base, index, count);
            let (Some(x), Some(y)) = (a.get(index), b.get(index)) else {
                let href = |l: &Link| l.href.to_string();
                self.push(here, a.get(index).map(href), b.get(index).map(href));
                continue;
            };
            if x.href != y.href {
                self.push(
                    join(&here, "href"),
                    Some(x.href.to_string()),
                    Some(y.href.to_string()),
                );
            }
            let (mut names_x, mut names_y) = (NameIndex::default(), NameIndex::default());
            let name_x = |i: usize| x.attributes[i].0.as_str();
            let name_y = |i: usize| y.attributes[i].0.as_str();
            for (name, value) in &x.attributes {
                match names_y.find(y.attributes.len(), name_y, name) {
                    Some(i) => self.values(value, &y.attributes[i].1, join(&here, name)),
                    None => self.push(join(&here, name), Some(self.text(value)), None),
                }
            }
            for (name, value) in &y.attributes {
                if !names_x.contains(x.attributes.len(), name_x, name) {
                    self.push(join(&here, name), None, Some(self.text(value)));
                }
            }
        }
    }

    fn values(&mut self, a: &Value, b: &Value, path: String) {
        if let (Value::List(x), Value::List(y)) = (a, b) {
            if x.len() == y.len() {
                for (index, (p, q)) in x.iter().zip(y).enumerate() {
                    self.values(p, q, format!("{path}[{index}]"));
                }
                return;
            }
        }
        if !self.same(a, b) {
            self.push(path, Some(self.text(a)), Some(self.text(b)));
        }
    }

    fn same(&self, a: &Value, b: &Value) -> bool {
        if self.exact {
            same_form(a, b)
        } else {
            same_meaning(a, b)
        }
    }

    /// A value as a difference shows it: its text by meaning, its JSON form exactly.
    fn text(&self, value: &Value) -> String {
        if self.exact {
            form_text(value)
        } else {
            value.to_string()
        }
    }
}

fn describe_resource(resource: &Resource) -> String {
    match (resource.type_name(), resource.self_href()) {
        (Some(t), Some(h)) => format!("{t} {h}"),
        (Some(t), None) => t.to_owned(),
        (None, Some(h)) => h.to_owned(),
        (None, None) => "a resource".to_owned(),
    }
}

/// A JSON scalar as a model value (a string in the date form becomes a date).
fn tree_value(value: &serde_json::Value) -> Option<Value> {
    use serde_json::Value as J;
    Some(match value {
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => Value::Integer(n.as_i64()?),
        J::String(s) => match Date::parse_json(s) {
            Some(date) => Value::Date(date),
            None => Value::String(Str::from(s.as_str())),
        },
        J::Array(_) | J::Object(_) => return None,
    })
}

/// Whether two values say the same, whatever format they came from. A string compares with
/// a boolean, integer or date by what it reads as: after XML -> JSON, XML's untyped text is a
/// JSON string.
pub(crate) fn same_meaning(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Null, Null) => true,
        (List(x), List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_meaning(p, q))
        }
        // XML cannot tell an empty list of an unknown member from empty text.
        (List(x), String(t) | Text(t)) | (String(t) | Text(t), List(x)) => {
            x.is_empty() && t.is_empty()
        }
        (Null, _) | (_, Null) | (List(_), _) | (_, List(_)) => false,
        (Date(_), _) | (_, Date(_)) => match (a.as_date(), b.as_date()) {
            (Some(x), Some(y)) => x.unix_millis() == y.unix_millis(),
            _ => false,
        },
        (Bool(x), other) | (other, Bool(x)) => as_bool(other) == Some(*x),
        (Integer(x), other) | (other, Integer(x)) => as_integer(other) == Some(*x),
        (String(x) | Text(x), String(y) | Text(y)) => {
            x == y
                || matches!((as_bool(a), as_bool(b)), (Some(p), Some(q)) if p == q)
                || matches!(
                    (a.as_date(), b.as_date()),
                    (Some(p), Some(q)) if p.unix_millis() == q.unix_millis()
                )
        }
    }
}

/// Whether two values are written the same in JSON: the same type and value, a date at the
/// same instant with the same offset. XML's text and a JSON string are both text.
fn same_form(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Null, Null) => true,
        (Bool(x), Bool(y)) => x == y,
        (Integer(x), Integer(y)) => x == y,
        (Date(x), Date(y)) => x == y,
        (String(x) | Text(x), String(y) | Text(y)) => x == y,
        (List(x), List(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_form(p, q)),
        _ => false,
    }
}

/// A value as JSON writes it: strings quoted, dates as `"\/Date(ms)\/"`.
fn form_text(value: &Value) -> String {
    match value {
        // JSON's form, where it holds the date whole.
        Value::Date(date) if date.ticks() % 10_000 == 0 => {
            format!("\"{}\"", date.to_json_string().replace('/', "\\/"))
        }
        Value::Date(date) => format!("\"{date}\""),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(form_text).collect();
            format!("[{}]", items.join(", "))
        }
        Value::String(s) | Value::Text(s) => {
            serde_json::to_string(s.as_str()).unwrap_or_else(|_| format!("{s:?}"))
        }
        other => other.to_string().to_lowercase(),
    }
}

fn as_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        other => other.as_str().and_then(crate::model::parse_bool),
    }
}

fn as_integer(value: &Value) -> Option<i64> {
    match value {
        Value::Integer(i) => Some(*i),
        other => other.as_str().and_then(|s| s.parse::<i64>().ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Date;

    #[test]
    fn values_compare_by_meaning() {
        let text = |s: &str| Value::Text(s.into());
        assert!(same_meaning(&Value::Integer(11), &text("11")));
        assert!(same_meaning(&Value::Integer(11), &Value::Integer(11)));
        assert!(!same_meaning(&Value::Integer(11), &Value::Integer(12)));
        assert!(same_meaning(&Value::Bool(true), &text("True")));
        assert!(same_meaning(&text("true"), &Value::Text("True".into())));
        let date = Date::parse_json("/Date(1474932024835)/").unwrap();
        assert!(same_meaning(
            &Value::Date(date),
            &text("2016-09-26T16:20:24.8356669-07:00")
        ));
        assert!(!same_meaning(
            &Value::Date(date),
            &text("2016-09-26T16:20:24.8366669-07:00")
        ));
        assert!(!same_meaning(&Value::Null, &text("")));
        assert!(!same_meaning(&Value::Integer(1), &text("one")));
    }

    #[test]
    fn values_compare_by_form_exactly() {
        let text = |s: &str| Value::Text(s.into());
        assert!(same_form(&Value::Integer(11), &Value::Integer(11)));
        assert!(!same_form(&Value::Integer(11), &text("11")));
        assert!(!same_form(&Value::Bool(true), &text("True")));
        assert!(same_form(&text("a"), &Value::String("a".into())));
        let utc = Date::parse_json("/Date(1474932024835)/").unwrap();
        let zero = Date::parse_json("/Date(1474932024835+0000)/").unwrap();
        assert!(!same_form(&Value::Date(utc), &Value::Date(zero)));
        assert!(!same_form(&Value::List(vec![]), &text("")));
        assert_eq!(form_text(&Value::Date(utc)), r#""\/Date(1474932024835)\/""#);
        assert_eq!(form_text(&text("11")), r#""11""#);
        assert_eq!(form_text(&Value::Bool(true)), "true");
    }
}
