//! Request bodies made from resources, and clearing a resource's links or embedded resources
//! together with where the [`Layout`] placed them.

use super::{Layout, Resource};

impl Resource {
    /// The body of a PUT (or POST) request made from this resource as a GET returned it: its
    /// type and every property, in order, and no `_links` or `_embedded`.
    ///
    /// The properties are kept as they are, among them the one UCWA adds to a resource that
    /// supports PUT, whose name is a GUID and whose value is "please pass this in a PUT
    /// request" (the server refuses a PUT without it). The layout forgets where `_links` and
    /// `_embedded` stood, so no empty `"_links": {}` is written (see [`Resource::clear_links`]);
    /// the type keeps its place among the properties.
    ///
    /// ```
    /// use ucwa_codec::{Resource};
    /// use ucwa_codec::json;
    ///
    /// let communication = json::from_str::<Resource>(r#"{
    ///   "rel": "communication",
    ///   "conversationHistory": "Disabled",
    ///   "9b2b5bc4-0c04-4bb4-8c38-cdd32a8f3a01": "please pass this in a PUT request",
    ///   "_links": {"self": {"href": "/ucwa/v1/applications/192/communication"}}
    /// }"#)?;
    /// let mut body = communication.to_request_body();
    /// body.set_property("conversationHistory", "Enabled");
    /// assert_eq!(
    ///     json::to_string(&body)?,
    ///     r#"{"rel":"communication","conversationHistory":"Enabled","9b2b5bc4-0c04-4bb4-8c38-cdd32a8f3a01":"please pass this in a PUT request"}"#
    /// );
    /// # Ok::<(), ucwa_codec::Error>(())
    /// ```
    pub fn to_request_body(&self) -> Resource {
        Resource {
            type_name: self.type_name.clone(),
            properties: self.properties.clone(),
            links: Vec::new(),
            embedded: Vec::new(),
            layout: self.layout.without_groups(),
        }
    }

    /// [`Resource::to_request_body`], taking the resource (its properties are moved, not
    /// copied).
    pub fn into_request_body(mut self) -> Resource {
        self.clear_links();
        self.clear_embedded();
        self
    }

    /// Removes every link, the self link included, and forgets where `_links` stood.
    ///
    /// `links.clear()` alone leaves the [`Layout`]'s place of `_links`, and the JSON encoder
    /// then writes `"_links": {}` there: it must, for a document read with an empty `_links`
    /// to be written back as it was. This method is for dropping the member itself.
    ///
    /// ```
    /// let mut me = ucwa_codec::json::from_str::<ucwa_codec::Resource>(r#"{"rel": "me", "_links": {"self": {"href": "/me"}}}"#)?;
    /// let mut cleared = me.clone();
    /// cleared.links.clear();
    /// assert_eq!(ucwa_codec::json::to_string(&cleared)?, r#"{"rel":"me","_links":{}}"#);
    /// me.clear_links();
    /// assert_eq!(ucwa_codec::json::to_string(&me)?, r#"{"rel":"me"}"#);
    /// # Ok::<(), ucwa_codec::Error>(())
    /// ```
    pub fn clear_links(&mut self) {
        self.links.clear();
        self.layout.links_at = None;
    }

    /// Removes every embedded resource and forgets where `_embedded` stood, as
    /// [`Resource::clear_links`] does for links.
    pub fn clear_embedded(&mut self) {
        self.embedded.clear();
        self.layout.embedded_at = None;
    }
}

impl Layout {
    /// The layout with the type's place alone: `_links` and `_embedded` unplaced.
    fn without_groups(&self) -> Layout {
        Layout {
            links_at: None,
            embedded_at: None,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{json, xml, Cardinality, Resource};

    #[test]
    fn a_request_body_keeps_the_type_where_it_stood_and_every_property() {
        let text = r#"{"a":1,"rel":"x","_embedded":{"e":{"rel":"y"}},"b":"2","_links":{"self":{"href":"/x"}},"c":null}"#;
        let resource = json::from_str::<Resource>(text).unwrap();
        let body = resource.to_request_body();
        assert_eq!(body, resource.clone().into_request_body());
        assert_eq!(
            json::to_string(&body).unwrap(),
            r#"{"a":1,"rel":"x","b":"2","c":null}"#
        );
        assert_eq!(body.properties, resource.properties);
        assert!(body.links.is_empty() && body.embedded.is_empty());
        // XML: no href (there is no self link), no embedded resource.
        assert!(xml::to_string(&body)
            .unwrap()
            .contains(r#"<resource rel="x" xmlns="#));
    }

    #[test]
    fn cleared_groups_leave_no_empty_member_where_plain_clearing_does() {
        let text =
            r#"{"rel":"x","_links":{"self":{"href":"/x"}},"_embedded":{"e":{"rel":"y"}},"p":1}"#;
        let resource = json::from_str::<Resource>(text).unwrap();
        let mut plain = resource.clone();
        plain.links.clear();
        plain.embedded.clear();
        assert_eq!(
            json::to_string(&plain).unwrap(),
            r#"{"rel":"x","_links":{},"_embedded":{},"p":1}"#
        );
        let mut cleared = resource.clone();
        cleared.clear_links();
        assert_eq!(
            json::to_string(&cleared).unwrap(),
            r#"{"rel":"x","_embedded":{"e":{"rel":"y"}},"p":1}"#
        );
        cleared.clear_embedded();
        assert_eq!(json::to_string(&cleared).unwrap(), r#"{"rel":"x","p":1}"#);
        // Groups added again after clearing go where a built resource puts them.
        cleared.set_self_href("/x2");
        cleared.push_embedded("e", Cardinality::Single, Resource::new("y"));
        assert_eq!(
            json::to_string(&cleared).unwrap(),
            r#"{"rel":"x","p":1,"_links":{"self":{"href":"/x2"}},"_embedded":{"e":{"rel":"y"}}}"#
        );
    }

    #[test]
    fn empty_groups_read_from_json_are_still_written_back() {
        let text = r#"{"rel":"x","_links":{},"p":1,"_embedded":{}}"#;
        let resource = json::from_str::<Resource>(text).unwrap();
        assert_eq!(json::to_string(&resource).unwrap(), text);
        assert_eq!(
            json::to_string(&resource.to_request_body()).unwrap(),
            r#"{"rel":"x","p":1}"#
        );
    }
}
