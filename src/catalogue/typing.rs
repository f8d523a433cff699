//! Typing a decoded resource with the catalogue: XML text becomes the integers, booleans and
//! dates the reference documents, and each relation gets its documented cardinality.

use std::fmt;

use super::{page, resource, EmbeddedSpec, PropertySpec, ResourceSpec, ValueType};
use crate::error::{Error, ErrorKind, Warning};
use crate::model::{Cardinality, Date, Resource, Value};

/// What [`apply`] does with a value that does not fit its documented type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OnMismatch {
    /// Fail with an error that names the value's path; the resource is left as it was.
    #[default]
    Error,
    /// Keep the value as it is and report a [`Warning`].
    Warn,
}

/// The options of [`apply`].
///
/// ```
/// use ucwa_codec::catalogue::{OnMismatch, TypingOptions};
///
/// let mut options = TypingOptions::default();
/// options.on_mismatch = OnMismatch::Warn;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct TypingOptions {
    /// What to do with a value that does not fit its documented type.
    /// Default: [`OnMismatch::Error`].
    pub on_mismatch: OnMismatch,
    /// Whether the value of an enumeration must be one of the members its reference page
    /// lists (exactly, case included). Default: `false`, as servers may send members the
    /// reference does not list.
    pub check_enumerations: bool,
}

/// Types a decoded resource and its embedded resources with what the catalogue documents.
///
/// - A property whose type the catalogue knows: [`Value::Text`] becomes [`Value::Integer`],
///   [`Value::Bool`] (`True`, `False`, `true`, `false`) or [`Value::Date`] (ISO 8601), item by
///   item in a list. Strings and enumerations stay as they are (text or string).
/// - A link relation or an embedded relation whose cardinality the catalogue knows gets it, so
///   that JSON writes an array where the reference has one, even for a single item.
/// - What the catalogue does not know (a type, a property, a relation) stays as it is.
///
/// The type of the resource is its [`type_name`](Resource::type_name) (a type, or failing
/// that a reference page's name). The type of an embedded resource is its own type name, or
/// else the type the catalogue documents for its relation, or else its relation's page.
///
/// A value that does not fit its documented type (text that is no integer, a list where one
/// value is documented, a JSON string where a boolean is documented, more than one resource
/// in a relation documented as single, and with
/// [`check_enumerations`](TypingOptions::check_enumerations) a value that is no member of its
/// enumeration) is an error of kind [`ErrorKind::Value`] whose path names it — and then the
/// resource is left unchanged — or, with [`OnMismatch::Warn`], is kept as it is and reported.
/// Null fits every type. Typing is idempotent.
///
/// ```
/// use ucwa_codec::{Resource};
/// use ucwa_codec::catalogue::{self, OnMismatch, TypingOptions};
/// use ucwa_codec::{json, xml, Cardinality, Value};
///
/// let mut participant = xml::from_str::<Resource>(
///     r#"<resource rel="participant" href="/p/1" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
///          <property name="name">Joe Smith</property>
///          <property name="organizer">True</property>
///        </resource>"#,
/// )?;
/// let warnings = catalogue::apply(&mut participant, &TypingOptions::default())?;
/// assert!(warnings.is_empty());
/// assert_eq!(participant.property("organizer"), Some(&Value::Bool(true)));
/// assert_eq!(
///     json::to_string(&participant)?,
///     r#"{"rel":"participant","name":"Joe Smith","organizer":true,"_links":{"self":{"href":"/p/1"}}}"#
/// );
///
/// // A value that does not fit: an error with its path, or a warning.
/// participant.set_property("organizer", Value::Text("perhaps".into()));
/// let err = catalogue::apply(&mut participant, &TypingOptions::default()).unwrap_err();
/// assert_eq!(err.path(), "organizer");
/// let mut options = TypingOptions::default();
/// options.on_mismatch = OnMismatch::Warn;
/// let warnings = catalogue::apply(&mut participant, &options)?;
/// assert_eq!(warnings[0].path, "organizer");
/// assert_eq!(participant.property("organizer"), Some(&Value::Text("perhaps".into())));
/// # Ok::<(), ucwa_codec::Error>(())
/// ```
pub fn apply(resource: &mut Resource, options: &TypingOptions) -> Result<Vec<Warning>, Error> {
    let spec = resource.type_name().and_then(spec_of);
    let mut typer = Typer {
        options,
        commit: false,
        path: String::new(),
        warnings: Vec::new(),
    };
    if options.on_mismatch == OnMismatch::Error {
        // A first pass changes nothing and stops at the first misfit, so that an error leaves
        // the resource as it was.
        typer.resource(resource, spec)?;
    }
    typer.commit = true;
    typer.resource(resource, spec)?;
    Ok(typer.warnings)
}

/// A value whose type the catalogue does not give: text in exactly the form UCWA's XML writes
/// dates (seven fractional digits and an offset or `Z`, see [`Date::parse_xml_form`]) is a
/// date, item by item in a list; anything else stays as it is.
fn untyped_date(value: &mut Value) {
    match value {
        Value::Text(text) => {
            if let Some(date) = Date::parse_xml_form(text) {
                *value = Value::Date(date);
            }
        }
        Value::List(items) => items.iter_mut().for_each(untyped_date),
        _ => {}
    }
}

/// A resource type, or the type a reference page of that name documents.
pub(crate) fn spec_of(name: &str) -> Option<&'static ResourceSpec> {
    resource(name).or_else(|| page(name))
}

/// The type of an embedded resource: its own, or its relation's as the catalogue documents
/// it, or its relation's page's.
pub(crate) fn embedded_spec(
    child: &Resource,
    relation: &str,
    documented: Option<&EmbeddedSpec>,
) -> Option<&'static ResourceSpec> {
    child
        .type_name()
        .and_then(resource)
        .or_else(|| documented.and_then(|d| d.type_name).and_then(resource))
        .or_else(|| page(relation))
}

struct Typer<'o> {
    options: &'o TypingOptions,
    /// Whether to change the resource (else only check it).
    commit: bool,
    /// The path of what is being typed.
    path: String,
    warnings: Vec<Warning>,
}

impl Typer<'_> {
    fn resource(
        &mut self,
        resource: &mut Resource,
        spec: Option<&'static ResourceSpec>,
    ) -> Result<(), Error> {
        for property in &mut resource.properties {
            match spec.and_then(|spec| Some((spec, spec.property(&property.name)?))) {
                Some((spec, documented)) => {
                    let mark = self.push_key(&property.name);
                    self.value(&mut property.value, spec, documented)?;
                    self.path.truncate(mark);
                }
                None if self.commit => untyped_date(&mut property.value),
                None => {}
            }
        }
        if let Some(spec) = spec {
            for group in &mut resource.links {
                if let Some(documented) = spec.link(&group.rel).and_then(|l| l.cardinality) {
                    let mark = self.push_key("_links");
                    self.push_key(&group.rel);
                    let count = group.links.len();
                    self.cardinality(&mut group.cardinality, documented, count, spec)?;
                    self.path.truncate(mark);
                }
            }
        }
        for group in &mut resource.embedded {
            let documented = spec.and_then(|s| s.embedded(&group.relation));
            let mark = self.push_key("_embedded");
            self.push_key(&group.relation);
            let cardinality = match (documented, spec) {
                (Some(d), Some(spec)) => {
                    let count = group.resources.len();
                    self.cardinality(&mut group.cardinality, d.cardinality, count, spec)?
                }
                _ => group.cardinality,
            };
            let indexed = cardinality == Cardinality::Array || group.resources.len() > 1;
            for (index, child) in group.resources.iter_mut().enumerate() {
                let child_mark = self.path.len();
                if indexed {
                    self.push_index(index);
                }
                let child_spec = embedded_spec(child, &group.relation, documented);
                self.resource(child, child_spec)?;
                self.path.truncate(child_mark);
            }
            self.path.truncate(mark);
        }
        Ok(())
    }

    /// Sets a relation's documented cardinality; returns the one it has then.
    fn cardinality(
        &mut self,
        cardinality: &mut Cardinality,
        documented: Cardinality,
        count: usize,
        spec: &ResourceSpec,
    ) -> Result<Cardinality, Error> {
        if documented == Cardinality::Single && count > 1 {
            self.mismatch(format!(
                "{count} items where the reference documents one (in `{}`)",
                spec.name
            ))?;
            return Ok(*cardinality);
        }
        if self.commit {
            *cardinality = documented;
        }
        Ok(documented)
    }

    fn value(
        &mut self,
        value: &mut Value,
        spec: &ResourceSpec,
        documented: &PropertySpec,
    ) -> Result<(), Error> {
        let what = |found: &Value| misfit_message(spec, documented, found);
        if documented.value_type.is_none() && !documented.list {
            // Only the name is documented.
            if self.commit {
                untyped_date(value);
            }
            return Ok(());
        }
        match (&mut *value, documented.list) {
            (Value::Null, _) => Ok(()),
            (Value::List(items), true) => {
                let Some(value_type) = documented.value_type else {
                    return Ok(());
                };
                let mut typed = Vec::with_capacity(items.len());
                let mut fits = true;
                for (index, item) in items.iter().enumerate() {
                    match self.convert(item, value_type) {
                        Conversion::Typed(new) => typed.push(Some(new)),
                        Conversion::Fits => typed.push(None),
                        Conversion::Misfit => {
                            fits = false;
                            let mark = self.push_index(index);
                            self.mismatch(format!("{} (in a list)", what(item)))?;
                            self.path.truncate(mark);
                        }
                    }
                }
                if fits && self.commit {
                    for (item, new) in items.iter_mut().zip(typed) {
                        if let Some(new) = new {
                            *item = new;
                        }
                    }
                }
                Ok(())
            }
            (found @ Value::List(_), false) => self.mismatch(what(found)),
            (found, true) => self.mismatch(what(found)),
            (found, false) => {
                let Some(value_type) = documented.value_type else {
                    return Ok(());
                };
                match self.convert(found, value_type) {
                    Conversion::Fits => Ok(()),
                    Conversion::Typed(new) => {
                        if self.commit {
                            *found = new;
                        }
                        Ok(())
                    }
                    Conversion::Misfit => self.mismatch(what(found)),
                }
            }
        }
    }

    /// A scalar as `value_type`.
    fn convert(&self, value: &Value, value_type: ValueType) -> Conversion {
        convert(value, value_type, self.options.check_enumerations)
    }

    fn mismatch(&mut self, message: String) -> Result<(), Error> {
        match self.options.on_mismatch {
            OnMismatch::Error => {
                Err(Error::new(ErrorKind::Value, message).with_path(self.path.clone()))
            }
            OnMismatch::Warn => {
                if self.commit {
                    self.warnings.push(Warning {
                        path: self.path.clone(),
                        message,
                    });
                }
                Ok(())
            }
        }
    }

    /// Appends `.key` to the path; returns the length to truncate back to.
    fn push_key(&mut self, key: &str) -> usize {
        push_key(&mut self.path, key)
    }

    /// Appends `[index]` to the path; returns the length to truncate back to.
    fn push_index(&mut self, index: usize) -> usize {
        push_index(&mut self.path, index)
    }
}

/// Appends `.key` to a document path (`key` alone to an empty one); returns the length to
/// truncate back to.
pub(crate) fn push_key(path: &mut String, key: &str) -> usize {
    let mark = path.len();
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
    mark
}

/// Appends `[index]` to a document path; returns the length to truncate back to.
pub(crate) fn push_index(path: &mut String, index: usize) -> usize {
    use fmt::Write as _;
    let mark = path.len();
    let _ = write!(path, "[{index}]");
    mark
}

/// A scalar as `value_type`: whether it fits, or reads as it (text), or not. An
/// enumeration's value must be one of its members only when `check_enumerations`.
pub(crate) fn convert(
    value: &Value,
    value_type: ValueType,
    check_enumerations: bool,
) -> Conversion {
    let typed = match (value_type, value) {
        (_, Value::Null)
        | (ValueType::Integer, Value::Integer(_))
        | (ValueType::Boolean, Value::Bool(_))
        | (ValueType::Date, Value::Date(_))
        | (ValueType::String, Value::String(_) | Value::Text(_)) => return Conversion::Fits,
        (ValueType::Enumeration(e), Value::String(s) | Value::Text(s)) => {
            if check_enumerations && !e.contains(s) {
                return Conversion::Misfit;
            }
            return Conversion::Fits;
        }
        (ValueType::Integer, Value::Text(_)) => value.as_i64().map(Value::Integer),
        (ValueType::Boolean, Value::Text(_)) => value.as_bool().map(Value::Bool),
        (ValueType::Date, Value::Text(text)) => Date::parse_iso(text).ok().map(Value::Date),
        _ => None,
    };
    typed.map_or(Conversion::Misfit, Conversion::Typed)
}

/// What a value that does not fit its documented type is told:
/// `` `conversation.participantCount` is documented as an integer, found the text " 3" ``.
pub(crate) fn misfit_message(
    spec: &ResourceSpec,
    documented: &PropertySpec,
    found: &Value,
) -> String {
    let expected = match (documented.list, documented.value_type) {
        (true, Some(t)) => format!("a list of {}", Plural(t)),
        (true, None) => "a list".to_owned(),
        (false, Some(t)) => Article(t).to_string(),
        (false, None) => "one value".to_owned(),
    };
    format!(
        "`{}.{}` is documented as {expected}, found {}",
        spec.name,
        documented.name,
        describe(found)
    )
}

/// What a scalar is to its documented type.
pub(crate) enum Conversion {
    /// It is of that type already (or null).
    Fits,
    /// Text that reads as the type: the typed value.
    Typed(Value),
    /// It does not fit.
    Misfit,
}

/// A value, for messages: `the text "abc"`, `a list`, `a boolean`.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Text(t) => format!("the text {:?}", t.as_str()),
        Value::String(s) => format!("the string {:?}", s.as_str()),
        Value::Integer(i) => format!("the integer {i}"),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Date(d) => format!("the date {d}"),
        Value::List(_) => "a list".to_owned(),
        Value::Null => "null".to_owned(),
    }
}

/// A value type with its article: `an integer`, `a date`, `a member of Availability`.
struct Article(ValueType);

impl fmt::Display for Article {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            ValueType::Integer => f.write_str("an integer"),
            ValueType::Enumeration(e) => write!(f, "a member of {}", e.name),
            other => write!(f, "a {other}"),
        }
    }
}

/// A value type in the plural: `integers`, `members of Availability`.
struct Plural(ValueType);

impl fmt::Display for Plural {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            ValueType::Enumeration(e) => write!(f, "members of {}", e.name),
            other => write!(f, "{other}s"),
        }
    }
}

/// Types every resource a document holds (see [`Document::resources_mut`]) with [`apply`].
///
/// [`Document::resources_mut`]: crate::model::Document::resources_mut
pub fn apply_to_document(
    document: &mut crate::model::Document,
    options: &TypingOptions,
) -> Result<Vec<Warning>, Error> {
    let mut warnings = Vec::new();
    for resource in document.resources_mut() {
        warnings.extend(apply(resource, options)?);
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Link;

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    fn warn() -> TypingOptions {
        TypingOptions {
            on_mismatch: OnMismatch::Warn,
            ..TypingOptions::default()
        }
    }

    fn strict_enumerations() -> TypingOptions {
        TypingOptions {
            check_enumerations: true,
            ..TypingOptions::default()
        }
    }

    fn conversation() -> Resource {
        let mut conversation = Resource::new("conversation");
        conversation.set_self_href("/c/1");
        conversation.push_property("participantCount", text("3"));
        conversation.push_property("readLocally", text("true"));
        conversation.push_property("recording", text("False"));
        conversation.push_property("created", text("2016-09-26T16:20:24.8356669-07:00"));
        conversation.push_property("subject", text(" Lunch"));
        conversation.push_property("activeModalities", Value::List(vec![text("Messaging")]));
        conversation.push_property("somethingNew", text("42"));
        conversation
    }

    #[test]
    fn text_gets_the_documented_type() {
        let mut c = conversation();
        let warnings = apply(&mut c, &TypingOptions::default()).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(c.property("participantCount"), Some(&Value::Integer(3)));
        assert_eq!(c.property("readLocally"), Some(&Value::Bool(true)));
        assert_eq!(c.property("recording"), Some(&Value::Bool(false)));
        let created = Date::parse_iso("2016-09-26T16:20:24.8356669-07:00").unwrap();
        assert_eq!(c.property("created"), Some(&Value::Date(created)));
        // Strings stay text, exactly; what the catalogue does not know stays as it is.
        assert_eq!(c.property("subject"), Some(&text(" Lunch")));
        assert_eq!(
            c.property("activeModalities"),
            Some(&Value::List(vec![text("Messaging")]))
        );
        assert_eq!(c.property("somethingNew"), Some(&text("42")));
    }

    #[test]
    fn typing_is_idempotent() {
        let mut once = conversation();
        apply(&mut once, &TypingOptions::default()).unwrap();
        let mut twice = once.clone();
        apply(&mut twice, &TypingOptions::default()).unwrap();
        assert_eq!(once, twice);
    }

    #[test]
    fn unknown_types_are_left_alone() {
        let mut r = Resource::new("noSuchType");
        r.push_property("participantCount", text("x"));
        let before = r.clone();
        assert!(apply(&mut r, &TypingOptions::default()).unwrap().is_empty());
        assert_eq!(r, before);
        let mut untyped = Resource::default();
        untyped.push_property("participantCount", text("x"));
        let before = untyped.clone();
        apply(&mut untyped, &TypingOptions::default()).unwrap();
        assert_eq!(untyped, before);
    }

    #[test]
    fn null_fits_every_type() {
        let mut c = Resource::new("conversation");
        c.push_property("participantCount", Value::Null);
        c.push_property("activeModalities", Value::Null);
        apply(&mut c, &TypingOptions::default()).unwrap();
        assert_eq!(c.property("participantCount"), Some(&Value::Null));
    }

    #[test]
    fn misfits_are_errors_with_their_path_and_change_nothing() {
        for (name, value, message) in [
            (
                "participantCount",
                text(" 3"),
                "`conversation.participantCount` is documented as an integer, found the text \" 3\"",
            ),
            (
                "readLocally",
                text("TRUE"),
                "`conversation.readLocally` is documented as a boolean, found the text \"TRUE\"",
            ),
            (
                "created",
                text("/Date(1474932024822)/"),
                "`conversation.created` is documented as a date, found the text \"/Date(1474932024822)/\"",
            ),
            (
                "readLocally",
                Value::String("true".into()),
                "`conversation.readLocally` is documented as a boolean, found the string \"true\"",
            ),
            (
                "subject",
                Value::Integer(4),
                "`conversation.subject` is documented as a string, found the integer 4",
            ),
            (
                "subject",
                Value::List(vec![]),
                "`conversation.subject` is documented as a string, found a list",
            ),
            (
                "activeModalities",
                text("Messaging"),
                "`conversation.activeModalities` is documented as a list of strings, found the text \"Messaging\"",
            ),
        ] {
            let mut c = conversation();
            c.set_property(name, value);
            let before = c.clone();
            let err = apply(&mut c, &TypingOptions::default()).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Value);
            assert_eq!(err.path(), name);
            assert_eq!(err.message(), message);
            assert_eq!(c, before, "an error leaves the resource as it was");
        }
    }

    #[test]
    fn with_warn_misfits_stay_and_the_rest_is_typed() {
        let mut c = conversation();
        c.set_property("participantCount", text("three"));
        let warnings = apply(&mut c, &warn()).unwrap();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].path, "participantCount");
        assert_eq!(
            warnings[0].to_string(),
            "`conversation.participantCount` is documented as an integer, found the text \
             \"three\", path participantCount"
        );
        assert_eq!(c.property("participantCount"), Some(&text("three")));
        assert_eq!(c.property("readLocally"), Some(&Value::Bool(true)));
    }

    fn contact(n: usize) -> Resource {
        let mut contact = Resource::new("contact");
        contact.set_self_href(format!("/people/{n}"));
        contact.push_property(
            "emailAddresses",
            Value::List(vec![text("a@contoso.com"), text("b@contoso.com")]),
        );
        contact
    }

    #[test]
    fn cardinality_becomes_the_documented_one() {
        let mut search = Resource::new("search");
        search.set_self_href("/search");
        search.push_property("moreResultsAvailable", text("False"));
        // XML cannot tell one from a list of one: its decoder says Single.
        search.push_embedded("contact", Cardinality::Single, contact(1));
        search.push_link("unknownRel", Cardinality::Single, Link::new("/x"));
        apply(&mut search, &TypingOptions::default()).unwrap();
        assert_eq!(search.embedded[0].cardinality, Cardinality::Array);
        assert_eq!(search.links[0].cardinality, Cardinality::Single);
        assert_eq!(search.links[1].cardinality, Cardinality::Single);

        let mut conversations = Resource::new("conversations");
        conversations.push_link("conversation", Cardinality::Single, Link::new("/c/1"));
        apply(&mut conversations, &TypingOptions::default()).unwrap();
        assert_eq!(conversations.links[0].cardinality, Cardinality::Array);
    }

    #[test]
    fn paths_go_through_embedded_resources_and_list_items() {
        let mut search = Resource::new("search");
        for n in 0..3 {
            search.push_embedded("contact", Cardinality::Single, contact(n));
        }
        search.embedded[0].resources[2].set_property("emailAddresses", text("c@contoso.com"));
        let err = apply(&mut search, &TypingOptions::default()).unwrap_err();
        assert_eq!(err.path(), "_embedded.contact[2].emailAddresses");

        let mut application = Resource::new("application");
        let mut communication = Resource::new("communication");
        communication.push_property(
            "supportedMessageFormats",
            Value::List(vec![text("Plain"), text("Rtf")]),
        );
        application.push_embedded("communication", Cardinality::Single, communication);
        assert!(apply(&mut application.clone(), &TypingOptions::default()).is_ok());
        let err = apply(&mut application, &strict_enumerations()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`communication.supportedMessageFormats` is documented as a list of members of \
             MessageFormat, found the text \"Rtf\" (in a list), path \
             _embedded.communication.supportedMessageFormats[1]"
        );
    }

    #[test]
    fn a_list_with_a_misfit_is_kept_whole() {
        let mut communication = Resource::new("communication");
        communication.push_property("supportedMessageFormats", Value::List(vec![text("Rtf")]));
        let mut options = strict_enumerations();
        options.on_mismatch = OnMismatch::Warn;
        let warnings = apply(&mut communication, &options).unwrap();
        assert_eq!(warnings[0].path, "supportedMessageFormats[0]");
    }

    #[test]
    fn several_where_one_is_documented_is_a_misfit() {
        let mut invitation = Resource::new("audioVideoInvitation");
        invitation.push_embedded("from", Cardinality::Single, Resource::new("participant"));
        invitation.push_embedded("from", Cardinality::Single, Resource::new("participant"));
        let err = apply(&mut invitation, &TypingOptions::default()).unwrap_err();
        assert_eq!(err.path(), "_embedded.from");
        let warnings = apply(&mut invitation, &warn()).unwrap();
        assert_eq!(
            warnings[0].message,
            "2 items where the reference documents one (in `audioVideoInvitation`)"
        );
    }

    #[test]
    fn an_untyped_embedded_resource_takes_its_relations_documented_type() {
        let mut participant = Resource::default();
        participant.push_property("organizer", text("True"));
        let mut invitation = Resource::new("audioVideoInvitation");
        invitation.push_embedded("from", Cardinality::Single, participant);
        apply(&mut invitation, &TypingOptions::default()).unwrap();
        let from = &invitation.embedded_of("from")[0];
        assert_eq!(from.property("organizer"), Some(&Value::Bool(true)));
    }

    #[test]
    fn a_page_name_stands_for_its_type() {
        // `acceptedByContact` is a page (and relation) whose resource is a `contact`.
        let mut r = Resource::new("acceptedByContact");
        r.push_property("emailAddresses", text("a@contoso.com"));
        assert_eq!(
            apply(&mut r, &TypingOptions::default()).unwrap_err().path(),
            "emailAddresses"
        );
    }
}
