//! The catalogue's rules, applied to every resource of a decoded document: the root
//! resource, its embedded resources, and the resources an events document's events embed.

use super::findings::codes;
use super::payloads::Direction;
use crate::catalogue::typing::{
    convert, embedded_spec, misfit_message, push_index, push_key, spec_of, Conversion,
};
use crate::catalogue::{PropertySpec, ResourceSpec, ValueType};
use crate::media_type::Format;
use crate::model::Document;
use crate::model::{Cardinality, EmbeddedGroup, Resource, Value, SELF};

/// Where a rule reports: the code, the path in the document, the message.
pub(crate) type Emit<'e> = dyn FnMut(&'static str, &str, String) + 'e;

/// Checks a decoded document that came in `format`, the body of a request or a response
/// (`direction`, when known).
pub(crate) fn check_document(
    document: &Document,
    format: Format,
    direction: Option<Direction>,
    emit: &mut Emit<'_>,
) {
    let mut walker = Walker {
        format,
        emit,
        path: String::new(),
    };
    match document {
        Document::Resource(resource) => walker.root(resource, direction),
        Document::Events(events) => {
            for (s, sender) in events.senders.iter().enumerate() {
                for (e, event) in sender.events.iter().enumerate() {
                    walker.path = format!("sender[{s}].events[{e}]");
                    walker.embedded(&event.embedded, None);
                }
            }
        }
        Document::Error(_) | Document::Metadata(_) => {}
    }
}

struct Walker<'w, 'e> {
    format: Format,
    emit: &'w mut Emit<'e>,
    /// The path of what is being checked.
    path: String,
}

impl Walker<'_, '_> {
    fn report(&mut self, code: &'static str, message: String) {
        (self.emit)(code, &self.path, message);
    }

    /// Reports under `path.key`.
    fn report_at(&mut self, key: &str, code: &'static str, message: String) {
        let mark = push_key(&mut self.path, key);
        self.report(code, message);
        self.path.truncate(mark);
    }

    /// The type of a resource that has a type name; reported when the catalogue does not
    /// know it.
    fn typed_spec(&mut self, type_name: &str) -> Option<&'static ResourceSpec> {
        let spec = spec_of(type_name);
        if spec.is_none() {
            self.report_at(
                "rel",
                codes::UNKNOWN_RESOURCE_TYPE,
                format!("the resource type `{type_name}` is not in the catalogue"),
            );
        }
        spec
    }

    fn root(&mut self, resource: &Resource, direction: Option<Direction>) {
        let spec = resource.type_name().and_then(|t| self.typed_spec(t));
        if let Some(type_name) = resource.type_name() {
            if direction == Some(Direction::Response) && resource.self_href().is_none() {
                self.report_at(
                    "_links.self",
                    codes::MISSING_SELF_LINK,
                    format!("the `{type_name}` resource of a response has no self link"),
                );
            }
        }
        self.resource(resource, spec);
    }

    fn resource(&mut self, resource: &Resource, spec: Option<&'static ResourceSpec>) {
        if let Some(spec) = spec {
            for property in &resource.properties {
                let mark = push_key(&mut self.path, &property.name);
                match spec.property(&property.name) {
                    Some(documented) => self.value(&property.value, spec, documented),
                    None if is_guid(&property.name) || is_common(spec.name, &property.name) => {}
                    None => self.report(
                        codes::UNKNOWN_PROPERTY,
                        format!(
                            "`{}` has no documented property `{}`",
                            spec.name, property.name
                        ),
                    ),
                }
                self.path.truncate(mark);
            }
            for group in &resource.links {
                let mark = push_key(&mut self.path, "_links");
                push_key(&mut self.path, &group.rel);
                match spec.link(&group.rel) {
                    Some(documented) => {
                        if let Some(cardinality) = documented.cardinality {
                            let count = group.links.len();
                            self.cardinality(spec, group.cardinality, count, cardinality);
                        }
                    }
                    None if group.rel == SELF => {}
                    None => self.report(
                        codes::UNKNOWN_LINK_REL,
                        format!(
                            "`{}` has no documented link relation `{}`",
                            spec.name, group.rel
                        ),
                    ),
                }
                self.path.truncate(mark);
            }
        }
        self.embedded(&resource.embedded, spec);
    }

    /// Embedded resources, held by a resource of type `spec` (`None`: unknown, or an event).
    fn embedded(&mut self, groups: &[EmbeddedGroup], spec: Option<&'static ResourceSpec>) {
        for group in groups {
            let mark = push_key(&mut self.path, "_embedded");
            push_key(&mut self.path, &group.relation);
            let documented = spec.and_then(|s| s.embedded(&group.relation));
            if let Some(spec) = spec {
                match documented {
                    Some(documented) => self.cardinality(
                        spec,
                        group.cardinality,
                        group.resources.len(),
                        documented.cardinality,
                    ),
                    None if spec.link(&group.relation).is_some() => {}
                    None => self.report(
                        codes::UNKNOWN_LINK_REL,
                        format!(
                            "`{}` has no documented relation `{}` (embedded)",
                            spec.name, group.relation
                        ),
                    ),
                }
            }
            let indexed = group.cardinality == Cardinality::Array || group.resources.len() > 1;
            for (index, child) in group.resources.iter().enumerate() {
                let child_mark = self.path.len();
                if indexed {
                    push_index(&mut self.path, index);
                }
                if child.self_href().is_none() {
                    self.report_at(
                        "_links.self",
                        codes::MISSING_SELF_LINK,
                        format!(
                            "the resource embedded as `{}` has no self link",
                            group.relation
                        ),
                    );
                }
                let child_spec = match child.type_name() {
                    Some(type_name) => self.typed_spec(type_name),
                    None => embedded_spec(child, &group.relation, documented),
                };
                self.resource(child, child_spec);
                self.path.truncate(child_mark);
            }
            self.path.truncate(mark);
        }
    }

    /// A relation's shape against the documented one: in JSON, exactly; in XML, which cannot
    /// tell one from a list of one, only several where one is documented.
    fn cardinality(
        &mut self,
        spec: &ResourceSpec,
        found: Cardinality,
        count: usize,
        documented: Cardinality,
    ) {
        let shape = |c: Cardinality| match c {
            Cardinality::Single => "one object",
            Cardinality::Array => "an array",
        };
        let message = match self.format {
            Format::Json if found != documented => format!(
                "`{}` documents {} here, found {}",
                spec.name,
                shape(documented),
                shape(found)
            ),
            Format::Xml if documented == Cardinality::Single && count > 1 => {
                format!("`{}` documents one here, found {count}", spec.name)
            }
            _ => return,
        };
        self.report(codes::WRONG_CARDINALITY, message);
    }

    fn value(&mut self, value: &Value, spec: &ResourceSpec, documented: &PropertySpec) {
        let Some(value_type) = documented.value_type else {
            // Only the name is documented (or that it is a list, of what is not).
            if !documented.list {
                return;
            }
            if !matches!(value, Value::List(_) | Value::Null) {
                let message = misfit_message(spec, documented, value);
                self.report(codes::WRONG_VALUE_TYPE, message);
            }
            return;
        };
        match (value, documented.list) {
            (Value::Null, _) => {}
            (Value::List(items), true) => {
                for (index, item) in items.iter().enumerate() {
                    let mark = push_index(&mut self.path, index);
                    self.scalar(item, value_type, spec, documented, " (in a list)");
                    self.path.truncate(mark);
                }
            }
            (Value::List(_), false) | (_, true) => {
                let message = misfit_message(spec, documented, value);
                self.report(codes::WRONG_VALUE_TYPE, message);
            }
            (scalar, false) => self.scalar(scalar, value_type, spec, documented, ""),
        }
    }

    fn scalar(
        &mut self,
        value: &Value,
        value_type: ValueType,
        spec: &ResourceSpec,
        documented: &PropertySpec,
        suffix: &str,
    ) {
        if let Conversion::Misfit = convert(value, value_type, false) {
            let message = format!("{}{suffix}", misfit_message(spec, documented, value));
            return self.report(codes::WRONG_VALUE_TYPE, message);
        }
        if let (ValueType::Enumeration(e), Some(text)) = (value_type, value.as_str()) {
            if !e.contains(text) {
                self.report(
                    codes::BAD_ENUMERATION_VALUE,
                    format!(
                        "`{}.{}`: {text:?} is not among the members of {} that the reference \
                         lists ({})",
                        spec.name,
                        documented.name,
                        e.name,
                        e.members.join(", ")
                    ),
                );
            }
        }
    }
}

/// Properties any resource may carry though no reference page lists them: `etag`, which the
/// event channel article shows on `communication` (`<property name="etag">`) and which the
/// reference's `ETag` headers and `PreconditionFailed` ("ETag mismatch") imply for every
/// resource that takes a PUT. See [`docs/check.md`](crate::guide::check).
pub(crate) const COMMON_PROPERTIES: &[&str] = &["etag"];

/// Properties real traffic shows on one type whose page does not list them: `application`'s
/// `expires` (the page says an idle application expires, but lists no property for it).
pub(crate) const TYPE_PROPERTIES: &[(&str, &str)] = &[("application", "expires")];

/// Whether `name` is a property every resource, or every one of `type_name`, may carry.
fn is_common(type_name: &str, name: &str) -> bool {
    COMMON_PROPERTIES.contains(&name) || TYPE_PROPERTIES.contains(&(type_name, name))
}

/// Whether a property name is a GUID (`8-4-4-4-12` hexadecimal digits, braces allowed), as
/// the name of the property UCWA adds to resources that take a PUT.
fn is_guid(name: &str) -> bool {
    let name = name
        .strip_prefix('{')
        .and_then(|n| n.strip_suffix('}'))
        .unwrap_or(name);
    let groups: Vec<&str> = name.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids() {
        assert!(is_guid("0f8fad5b-d9cb-469f-a165-70867728950e"));
        assert!(is_guid("{0F8FAD5B-D9CB-469F-A165-70867728950E}"));
        assert!(!is_guid("0f8fad5b-d9cb-469f-a165-70867728950"));
        assert!(!is_guid("name"));
    }

    #[test]
    fn common_properties() {
        assert!(is_common("me", "etag") && is_common("application", "etag"));
        assert!(is_common("application", "expires"));
        assert!(!is_common("me", "expires") && !is_common("me", "Etag"));
    }
}
