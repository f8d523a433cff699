//! Error bodies: what UCWA answers with a 4xx or 5xx status, and the `reason` of a failed
//! operation in the event channel.
//!
//! JSON: `{"code": "Conflict", "subcode": "AlreadyExists", "message": "..."}` with optional
//! `link`, `parameters` and `debugInfo`. XML: `<reason xmlns="..."><code>Conflict</code>
//! <subcode>AlreadyExists</subcode><message>...</message><debugInfo/><parameters/></reason>`.
//!
//! ```
//! use ucwa_codec::{json, xml};
//! use ucwa_codec::error_body::{self, ErrorBody};
//!
//! let body = json::from_str::<ErrorBody>(
//!     r#"{"code": "BadRequest", "subcode": "ParameterValidationFailure",
//!         "message": "Please check what you entered and try again.",
//!         "parameters": {"to": "sip:nobody"}, "retryAfter": 5}"#,
//! )?;
//! assert_eq!(body.code, "BadRequest");
//! assert_eq!(body.subcode.as_deref(), Some("ParameterValidationFailure"));
//! assert_eq!(body.parameter("to").and_then(|v| v.as_str()), Some("sip:nobody"));
//! // A member the codec does not know is kept.
//! assert_eq!(body.other[0].name, "retryAfter");
//!
//! let xml = xml::to_string(&body)?;
//! assert!(xml.contains("<reason xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\"><code>BadRequest</code>"));
//! assert!(xml.contains("<parameters><property name=\"to\">sip:nobody</property></parameters><retryAfter>5</retryAfter>"));
//! let again = xml::from_str::<ErrorBody>(&xml)?;
//! assert_eq!(again.message, body.message);
//! # Ok::<(), ucwa_codec::Error>(())
//! ```
//!
//! The mapping, member by member:
//!
//! | member | JSON | XML |
//! | --- | --- | --- |
//! | `code` (required), `subcode`, `message` | strings | `<code>text</code>`, ... |
//! | `link` | `{"href": "..", other attributes}` | `<link href=".." other attributes/>` |
//! | `parameters`, `debugInfo` | objects of properties | `<parameters>` / `<debugInfo>` holding `<property name="..">` and `<propertyList>` as in a resource |
//! | any other member | a scalar, `null` or an array of scalars | `<name>text</name>`, `<name xsi:nil="true"/>`, `<name><item>..</item></name>` |
//!
//! An object-valued member other than `link`, `parameters` and `debugInfo` is refused: the
//! model has no place for it. An empty array written to XML reads back as the empty string.
//! Member order is kept in [`ErrorBody::member_order`]; without it JSON writes the order
//! above and XML `code, subcode, message, link, debugInfo, parameters`, then the others.

use std::fmt;

use super::{Link, Property, Str, Value};

/// An error body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ErrorBody {
    /// The error code, e.g. `Conflict`, `BadRequest` (see `ErrorCode_ref.md`).
    pub code: Str,
    /// The subcode, e.g. `AlreadyExists`.
    pub subcode: Option<Str>,
    /// The message, for people.
    pub message: Option<Str>,
    /// A link (its attributes, `rel` among them when present, as written).
    pub link: Option<Link>,
    /// The invalid input of a 400 answer: a property bag. `Some(empty)` is written as `{}`
    /// or `<parameters/>`.
    pub parameters: Option<Vec<Property>>,
    /// Diagnostics: a property bag.
    pub debug_info: Option<Vec<Property>>,
    /// Members the codec does not know, in order.
    pub other: Vec<Property>,
    /// The names of the members in the order they were read; encoders write these first, in
    /// this order, then the rest in their default order. Empty for the default order.
    pub member_order: Vec<Str>,
}

impl ErrorBody {
    /// An error body with just a code.
    pub fn new(code: impl Into<Str>) -> ErrorBody {
        ErrorBody {
            code: code.into(),
            ..ErrorBody::default()
        }
    }

    /// Sets the subcode (builder style).
    pub fn with_subcode(mut self, subcode: impl Into<Str>) -> ErrorBody {
        self.subcode = Some(subcode.into());
        self
    }

    /// Sets the message (builder style).
    pub fn with_message(mut self, message: impl Into<Str>) -> ErrorBody {
        self.message = Some(message.into());
        self
    }

    /// The value of a parameter.
    pub fn parameter(&self, name: &str) -> Option<&Value> {
        find(self.parameters.as_deref(), name)
    }

    /// The value of a `debugInfo` entry.
    pub fn debug_info(&self, name: &str) -> Option<&Value> {
        find(self.debug_info.as_deref(), name)
    }
}

fn find<'a>(bag: Option<&'a [Property]>, name: &str) -> Option<&'a Value> {
    bag?.iter().find(|p| p.name == name).map(|p| &p.value)
}

impl fmt::Display for ErrorBody {
    /// `code`, `/subcode` when there is one, `: message` when there is one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)?;
        if let Some(subcode) = &self.subcode {
            write!(f, "/{subcode}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{json, xml, ErrorKind};

    #[test]
    fn the_documented_xml_form_reads() {
        let text = r#"<?xml version="1.0" encoding="utf-8"?>
<reason xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
  <code>Conflict</code>
  <subcode>AlreadyExists</subcode>
  <message>The resource already exists.</message>
  <debugInfo/>
  <parameters/>
</reason>"#;
        let body = xml::from_str::<ErrorBody>(text).unwrap();
        assert_eq!(
            body.to_string(),
            "Conflict/AlreadyExists: The resource already exists."
        );
        assert_eq!(body.debug_info, Some(vec![]));
        assert_eq!(body.parameters, Some(vec![]));
        assert_eq!(
            xml::to_string(&body).unwrap(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><reason xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\">\
             <code>Conflict</code><subcode>AlreadyExists</subcode><message>The resource already exists.</message>\
             <debugInfo/><parameters/></reason>"
        );
        assert_eq!(
            json::to_string(&body).unwrap(),
            r#"{"code":"Conflict","subcode":"AlreadyExists","message":"The resource already exists.","debugInfo":{},"parameters":{}}"#
        );
    }

    #[test]
    fn unknown_members_survive_both_ways() {
        let text = r#"{"code":"X","n":null,"list":["a",null],"link":{"rel":"help","href":"/h","title":"Help"},"debugInfo":{"d":"1","e":null}}"#;
        let body = json::from_str::<ErrorBody>(text).unwrap();
        assert_eq!(json::to_string(&body).unwrap(), text);
        let xml_text = xml::to_string(&body).unwrap();
        assert!(xml_text.contains("xmlns:xsi="), "{xml_text}");
        assert!(
            xml_text.contains("<n xsi:nil=\"true\"/><list><item>a</item><item xsi:nil=\"true\"/></list><link rel=\"help\" href=\"/h\" title=\"Help\"/>"),
            "{xml_text}"
        );
        let back = xml::from_str::<ErrorBody>(&xml_text).unwrap();
        assert_eq!(json::to_string(&back).unwrap(), text);
    }

    #[test]
    fn malformed_bodies_are_refused_with_a_place() {
        let err = json::from_str::<ErrorBody>("{\"message\": \"no code\"}").unwrap_err();
        assert_eq!((err.line(), err.kind()), (1, ErrorKind::Structure));
        let err = json::from_str::<ErrorBody>("{\"code\": \"A\",\n \"code\": \"B\"}").unwrap_err();
        assert_eq!((err.line(), err.path()), (2, "code"));
        let err = json::from_str::<ErrorBody>("{\"code\": \"A\", \"parameters\": {\"x\": {}}}")
            .unwrap_err();
        assert_eq!(err.path(), "parameters.x");
        let err = json::from_str::<ErrorBody>("{\"code\": 4}").unwrap_err();
        assert_eq!(err.path(), "code");
        let err =
            xml::from_str::<ErrorBody>("<reason>\n  <message>m</message>\n</reason>").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Structure);
        let err =
            xml::from_str::<ErrorBody>("<reason><code>A</code>\n<x><item>a</item>b</x></reason>")
                .unwrap_err();
        assert_eq!((err.line(), err.path()), (2, "x"));
        let err = xml::from_str::<ErrorBody>(
            "<reason><code>A</code><parameters><item/></parameters></reason>",
        )
        .unwrap_err();
        assert_eq!(err.path(), "parameters");
        let err = xml::from_str::<ErrorBody>("<resource/>").unwrap_err();
        assert!(err.message().contains("<reason>"));
    }

    #[test]
    fn names_xml_cannot_write_are_refused() {
        let body = json::from_str::<ErrorBody>(r#"{"code":"A","a b":1}"#).unwrap();
        let err = xml::to_string(&body).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unrepresentable);
    }
}
