//! Comparing two resources by meaning, across formats.
//!
//! Member order and JSON's one-object-or-array shape carry no meaning and are not compared.
//! Values compare by what they say: JSON `11` equals XML `11`, `true` equals `True`, and dates
//! compare as instants to the millisecond (JSON's precision). An embedded resource without a
//! type is of the type its relation names, as XML writes it.
//!
//! ```
//! let a = ucwa_codec::json::from_str(r#"{"rel":"x","count":11,"on":true,"_links":{"self":{"href":"/x"}}}"#)?;
//! let b = ucwa_codec::xml::from_str(r#"<resource rel="x" href="/x" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
//!   <property name="on">True</property><property name="count">11</property></resource>"#)?;
//! assert!(ucwa_codec::diff(&a, &b).is_empty());
//!
//! let c = ucwa_codec::json::from_str(r#"{"rel":"x","count":12,"_links":{"self":{"href":"/x"}}}"#)?;
//! let differences = ucwa_codec::diff(&a, &c);
//! assert_eq!(differences[0].to_string(), "count: 11 -> 12");
//! assert_eq!(differences[1].to_string(), "on: only in the first (True)");
//! # Ok::<(), ucwa_codec::Error>(())
//! ```

use std::fmt;

use crate::document::{self, Document};
use crate::media_type::Format;
use crate::model::{Date, Link, Resource, Str, Value};

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
    let mut out = Vec::new();
    diff_resources(a, b, None, "", &mut out);
    out
}

/// The differences between two documents of any kind, by meaning.
///
/// Resources compare as [`diff`] does. Documents of two kinds differ at the root. Events
/// documents, error bodies and metadata compare member by member in their JSON shape (a
/// path like `sender[0].events[1].link.href`), with values by meaning as above and a
/// relation of one item equal to an array that holds just it.
///
/// ```
/// use ucwa_codec::document;
///
/// let a = document::json::from_str(r#"{"code": "Conflict", "subcode": "AlreadyExists"}"#)?;
/// let b = document::xml::from_str(r#"<reason xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><code>Conflict</code><subcode>TooMany</subcode></reason>"#)?;
/// let differences = ucwa_codec::diff::diff_documents(&a, &b);
/// assert_eq!(differences.len(), 1);
/// assert_eq!(differences[0].to_string(), "subcode: AlreadyExists -> TooMany");
/// # Ok::<(), ucwa_codec::Error>(())
/// ```
pub fn diff_documents(a: &Document, b: &Document) -> Vec<Difference> {
    match (a, b) {
        (Document::Resource(x), Document::Resource(y)) => diff(x, y),
        _ if a.kind() != b.kind() => vec![Difference {
            path: String::new(),
            left: Some(format!("a{} {} document", article(a), a.kind())),
            right: Some(format!("a{} {} document", article(b), b.kind())),
        }],
        _ => {
            let mut out = Vec::new();
            diff_trees(&json_tree(a), &json_tree(b), String::new(), &mut out);
            out
        }
    }
}

fn article(document: &Document) -> &'static str {
    match document.kind() {
        document::DocumentKind::Events | document::DocumentKind::Error => "n",
        _ => "",
    }
}

/// A document in its JSON shape, as a generic tree.
fn json_tree(document: &Document) -> serde_json::Value {
    document::encode(document, Format::Json, false)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or(serde_json::Value::Null)
}

fn diff_trees(
    a: &serde_json::Value,
    b: &serde_json::Value,
    path: String,
    out: &mut Vec<Difference>,
) {
    use serde_json::Value as J;
    match (a, b) {
        (J::Object(x), J::Object(y)) => {
            for (key, value) in x {
                let here = join(&path, key);
                match y.get(key) {
                    Some(other) => diff_trees(value, other, here, out),
                    // An empty bag or list says no more than none (XML writes `<debugInfo/>`).
                    None if is_empty(value) => {}
                    None => out.push(Difference {
                        path: here,
                        left: Some(tree_text(value)),
                        right: None,
                    }),
                }
            }
            for (key, value) in y {
                if !x.contains_key(key) && !is_empty(value) {
                    out.push(Difference {
                        path: join(&path, key),
                        left: None,
                        right: Some(tree_text(value)),
                    });
                }
            }
        }
        (J::Array(x), J::Array(y)) => {
            let count = x.len().max(y.len());
            for index in 0..count {
                let here = format!("{path}[{index}]");
                match (x.get(index), y.get(index)) {
                    (Some(p), Some(q)) => diff_trees(p, q, here, out),
                    (p, q) => out.push(Difference {
                        path: here,
                        left: p.map(tree_text),
                        right: q.map(tree_text),
                    }),
                }
            }
        }
        // XML cannot tell an empty list of an unknown member from empty text.
        (J::Array(x), J::String(t)) | (J::String(t), J::Array(x))
            if x.is_empty() && t.is_empty() => {}
        // One object and an array that holds just it: XML cannot tell them apart.
        (J::Object(_), J::Array(y)) if y.len() == 1 => diff_trees(a, &y[0], path, out),
        (J::Array(x), J::Object(_)) if x.len() == 1 => diff_trees(&x[0], b, path, out),
        _ => {
            let (x, y) = (tree_value(a), tree_value(b));
            if !matches!((&x, &y), (Some(p), Some(q)) if same_meaning(p, q)) {
                out.push(Difference {
                    path,
                    left: Some(tree_text(a)),
                    right: Some(tree_text(b)),
                });
            }
        }
    }
}

fn is_empty(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Object(members) => members.is_empty(),
        serde_json::Value::Array(items) => items.is_empty(),
        _ => false,
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

fn tree_text(value: &serde_json::Value) -> String {
    match tree_value(value) {
        Some(v) => v.to_string(),
        None => value.to_string(),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn indexed(path: String, index: usize, count: usize) -> String {
    if count > 1 || index > 0 {
        format!("{path}[{index}]")
    } else {
        path
    }
}

fn diff_resources(
    a: &Resource,
    b: &Resource,
    relation: Option<&str>,
    path: &str,
    out: &mut Vec<Difference>,
) {
    let type_a = a.type_name().or(relation);
    let type_b = b.type_name().or(relation);
    if type_a != type_b {
        out.push(Difference {
            path: join(path, "rel"),
            left: type_a.map(str::to_owned),
            right: type_b.map(str::to_owned),
        });
    }

    // Properties, by name, in the first resource's order and then the second's.
    for property in &a.properties {
        let here = join(path, &property.name);
        match b.property(&property.name) {
            Some(other) => diff_values(&property.value, other, here, out),
            None => out.push(Difference {
                path: here,
                left: Some(property.value.to_string()),
                right: None,
            }),
        }
    }
    for property in &b.properties {
        if a.property(&property.name).is_none() {
            out.push(Difference {
                path: join(path, &property.name),
                left: None,
                right: Some(property.value.to_string()),
            });
        }
    }

    // Links, by relation.
    let links_path = join(path, "_links");
    for group in &a.links {
        let other = b.links_of(&group.rel);
        diff_link_lists(&group.links, other, &join(&links_path, &group.rel), out);
    }
    for group in &b.links {
        if a.links_of(&group.rel).is_empty() {
            diff_link_lists(&[], &group.links, &join(&links_path, &group.rel), out);
        }
    }

    // Embedded resources, by relation.
    let embedded_path = join(path, "_embedded");
    for group in &a.embedded {
        let other = b.embedded_of(&group.relation);
        diff_embedded(
            &group.resources,
            other,
            &group.relation,
            &embedded_path,
            out,
        );
    }
    for group in &b.embedded {
        if a.embedded_of(&group.relation).is_empty() {
            diff_embedded(&[], &group.resources, &group.relation, &embedded_path, out);
        }
    }
}

fn diff_embedded(
    a: &[Resource],
    b: &[Resource],
    relation: &str,
    path: &str,
    out: &mut Vec<Difference>,
) {
    let base = join(path, relation);
    let count = a.len().max(b.len());
    for index in 0..count {
        let here = indexed(base.clone(), index, count);
        match (a.get(index), b.get(index)) {
            (Some(x), Some(y)) => diff_resources(x, y, Some(relation), &here, out),
            (x, y) => out.push(Difference {
                path: here,
                left: x.map(describe_resource),
                right: y.map(describe_resource),
            }),
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

fn diff_link_lists(a: &[Link], b: &[Link], base: &str, out: &mut Vec<Difference>) {
    let count = a.len().max(b.len());
    for index in 0..count {
        let here = indexed(base.to_owned(), index, count);
        match (a.get(index), b.get(index)) {
            (Some(x), Some(y)) => {
                if x.href != y.href {
                    out.push(Difference {
                        path: join(&here, "href"),
                        left: Some(x.href.to_string()),
                        right: Some(y.href.to_string()),
                    });
                }
                for (name, value) in &x.attributes {
                    match y.attribute(name) {
                        Some(other) => diff_values(value, other, join(&here, name), out),
                        None => out.push(Difference {
                            path: join(&here, name),
                            left: Some(value.to_string()),
                            right: None,
                        }),
                    }
                }
                for (name, value) in &y.attributes {
                    if x.attribute(name).is_none() {
                        out.push(Difference {
                            path: join(&here, name),
                            left: None,
                            right: Some(value.to_string()),
                        });
                    }
                }
            }
            (x, y) => out.push(Difference {
                path: here,
                left: x.map(|l| l.href.to_string()),
                right: y.map(|l| l.href.to_string()),
            }),
        }
    }
}

fn diff_values(a: &Value, b: &Value, path: String, out: &mut Vec<Difference>) {
    if let (Value::List(x), Value::List(y)) = (a, b) {
        if x.len() == y.len() {
            for (index, (p, q)) in x.iter().zip(y).enumerate() {
                diff_values(p, q, format!("{path}[{index}]"), out);
            }
            return;
        }
    }
    if !same_meaning(a, b) {
        out.push(Difference {
            path,
            left: Some(a.to_string()),
            right: Some(b.to_string()),
        });
    }
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
        (Null, _) | (_, Null) | (List(_), _) | (_, List(_)) => false,
        (Date(_), _) | (_, Date(_)) => match (a.as_date(), b.as_date()) {
            (Some(x), Some(y)) => x.unix_millis() == y.unix_millis(),
            _ => false,
        },
        (Bool(x), other) | (other, Bool(x)) => as_bool(other) == Some(*x),
        (Integer(x), other) | (other, Integer(x)) => {
            other.as_str().and_then(|s| s.parse::<i64>().ok()) == Some(*x)
        }
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

fn as_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        other => other.as_str().and_then(crate::model::parse_bool),
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
}
