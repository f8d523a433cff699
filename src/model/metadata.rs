//! OPTIONS metadata: what an OPTIONS request on `applications` or `anonApplications` answers,
//! the HTTP methods a resource supports and the values their parameters take.
//!
//! ```
//! use ucwa_codec::{Metadata, json, xml};
//! use ucwa_codec::metadata;
//!
//! let text = r#"{"metadata": [{"httpMethod": "POST",
//!                 "parameters": [{"name": "culture", "supportedValues": ["en-US", "fr-FR"]}]}]}"#;
//! let options = json::from_str::<Metadata>(text)?;
//! let post = options.method("POST").unwrap();
//! assert_eq!(post.parameter("culture").unwrap().supported_values, ["en-US", "fr-FR"]);
//!
//! let xml = xml::to_string(&options)?;
//! assert!(xml.contains("<httpMethodMetadata><httpMethod>POST</httpMethod><parameters><parameter>\
//!     <name>culture</name><supportedValues><value>en-US</value><value>fr-FR</value></supportedValues>"));
//! assert_eq!(xml::from_str::<Metadata>(&xml)?, options);
//! # Ok::<(), ucwa_codec::Error>(())
//! ```
//!
//! The XML form is the one `applications_ref.md` shows (a .NET `XmlSerializer` shape):
//! `<optionsMetadata><metadata><httpMethodMetadata><httpMethod/><parameters><parameter>
//! <name/><supportedValues><value/></supportedValues></parameter></parameters>
//! </httpMethodMetadata></metadata></optionsMetadata>`, written with the sample's `xmlns:xsd`
//! and `xmlns:xsi` declarations and no default namespace. Members the codec does not know are
//! kept at every level (JSON: a scalar, `null` or an array of scalars; XML: `<name>text</name>`,
//! as in error bodies), written after the known ones.

use super::{Property, Str};

/// An OPTIONS metadata document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Metadata {
    /// One entry per HTTP method, in order.
    pub methods: Vec<MethodMetadata>,
    /// Members the codec does not know, in order.
    pub other: Vec<Property>,
    /// The names of the members in the order JSON gave them, where that is not the default
    /// one (`metadata`, then the unknown members); empty otherwise.
    pub member_order: Vec<Str>,
}

/// What one HTTP method accepts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct MethodMetadata {
    /// The method, e.g. `POST`.
    pub http_method: Str,
    /// Its parameters, in order.
    pub parameters: Vec<ParameterMetadata>,
    /// Members the codec does not know, in order.
    pub other: Vec<Property>,
    /// The names of the members in the order JSON gave them, where that is not the default
    /// one (`httpMethod`, `parameters`, the unknown members) or `parameters` was absent;
    /// empty otherwise.
    pub member_order: Vec<Str>,
}

/// One parameter and the values it takes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ParameterMetadata {
    /// The parameter's name.
    pub name: Str,
    /// The values it takes, in order.
    pub supported_values: Vec<Str>,
    /// Members the codec does not know, in order.
    pub other: Vec<Property>,
    /// The names of the members in the order JSON gave them, where that is not the default
    /// one (`name`, `supportedValues`, the unknown members) or `supportedValues` was absent;
    /// empty otherwise.
    pub member_order: Vec<Str>,
}

impl Metadata {
    /// The entry of an HTTP method (compared case-insensitively).
    pub fn method(&self, http_method: &str) -> Option<&MethodMetadata> {
        self.methods
            .iter()
            .find(|m| m.http_method.eq_ignore_ascii_case(http_method))
    }
}

impl MethodMetadata {
    /// A parameter by name.
    pub fn parameter(&self, name: &str) -> Option<&ParameterMetadata> {
        self.parameters.iter().find(|p| p.name == name)
    }
}

// The decoders note each member at its place in these.
pub(crate) const METADATA_ORDER: [&str; 2] = ["metadata", "*"];
pub(crate) const METHOD_ORDER: [&str; 3] = ["httpMethod", "parameters", "*"];
pub(crate) const PARAMETER_ORDER: [&str; 3] = ["name", "supportedValues", "*"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{json, xml};

    #[test]
    fn unknown_members_are_kept_at_every_level() {
        let text = r#"{"metadata":[{"httpMethod":"GET","parameters":[{"name":"n","supportedValues":[],"required":"True"}],"x":null}],"version":"2"}"#;
        let metadata = json::from_str::<Metadata>(text).unwrap();
        assert_eq!(json::to_string(&metadata).unwrap(), text);
        let xml_text = xml::to_string(&metadata).unwrap();
        assert!(xml_text.contains("<supportedValues/><required>True</required></parameter></parameters><x xsi:nil=\"true\"/></httpMethodMetadata></metadata><version>2</version>"), "{xml_text}");
        let back = xml::from_str::<Metadata>(&xml_text).unwrap();
        assert_eq!(json::to_string(&back).unwrap(), text);
    }

    #[test]
    fn malformed_metadata_is_refused_with_a_place() {
        let err = json::from_str::<Metadata>("{\"metadata\": [{\"parameters\": []}]}").unwrap_err();
        assert_eq!(err.path(), "metadata[0]");
        let err = json::from_str::<Metadata>("{\"metadata\": [{\"httpMethod\": \"GET\", \"parameters\": [{\"name\": \"n\", \"supportedValues\": [1]}]}]}").unwrap_err();
        assert_eq!(err.path(), "metadata[0].parameters[0].supportedValues[0]");
        let err = json::from_str::<Metadata>("{}").unwrap_err();
        assert!(err.message().contains("metadata"), "{err}");
        let err = xml::from_str::<Metadata>(
            "<optionsMetadata><metadata>\n<parameter/></metadata></optionsMetadata>",
        )
        .unwrap_err();
        assert_eq!((err.line(), err.path()), (2, "metadata"));
        let err = xml::from_str::<Metadata>("<optionsMetadata><metadata><httpMethodMetadata><parameters><parameter><name>a</name><supportedValues><value><b/></value></supportedValues></parameter></parameters><httpMethod>GET</httpMethod></httpMethodMetadata></metadata></optionsMetadata>").unwrap_err();
        assert_eq!(err.path(), "metadata[0].parameters[0].supportedValues[0]");
        let err = xml::from_str::<Metadata>(
            "<optionsMetadata><metadata><httpMethodMetadata/></metadata></optionsMetadata>",
        )
        .unwrap_err();
        assert_eq!(err.path(), "metadata[0]");
    }
}
