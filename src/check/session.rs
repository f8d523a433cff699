//! A capture read as a session: its requests paired with their responses, in order, each
//! exchange held against what the earlier ones taught.
//!
//! What each URL is comes from the capture itself: every link and self link of the documents
//! read so far (resources, embedded resources, events and their links) says that its href is
//! a resource of the type its relation names. A response to a request for such a URL must be
//! of that type. The rules here look at the HTTP messages, not at the documents' content
//! (which [`super::check_payload`] checks):
//!
//! - [`MISSING_IF_MATCH`](codes::MISSING_IF_MATCH): a `PUT` without `If-Match` (the reference
//!   answers it 428);
//! - [`CONTENT_TYPE_MISMATCH`](codes::CONTENT_TYPE_MISMATCH): a body that is not in the format
//!   its `Content-Type` names;
//! - [`UNEXPECTED_RESOURCE_TYPE`](codes::UNEXPECTED_RESOURCE_TYPE): a successful response
//!   whose resource is not of the type the followed link leads to.

use std::collections::HashMap;

use super::findings::{codes, Finding};
use super::payloads::{Item, Message, Payload, Start};
use crate::catalogue;
use crate::document;
use crate::media_type::{self, Format};
use crate::model::events::Events;
use crate::model::{Document, Resource};

/// The session findings of a capture's items, in order.
pub(crate) fn check(file_name: &str, items: &[Item<'_>]) -> Vec<Finding> {
    let mut session = Session {
        file_name,
        types_at: HashMap::new(),
        request: None,
        findings: Vec::new(),
    };
    let mut message: Option<&Message> = None;
    let mut body: Option<&Payload<'_>> = None;
    for item in items {
        match item {
            Item::Message(next) => {
                if let Some(done) = message.take() {
                    session.message(done, body.take());
                }
                message = Some(next);
            }
            Item::Payload(payload) if message.is_some() && body.is_none() => body = Some(payload),
            _ => {}
        }
    }
    if let Some(done) = message {
        session.message(done, body);
    }
    session.findings
}

struct Session<'f, 'i> {
    file_name: &'f str,
    /// The resource types each URL (its path and query) was seen to be, by the links to it.
    types_at: HashMap<String, Vec<String>>,
    /// The request waiting for its response: its target's path and query.
    request: Option<&'i Message>,
    findings: Vec<Finding>,
}

impl<'i> Session<'_, 'i> {
    /// A message and its body's payload, if it has one.
    fn message(&mut self, message: &'i Message, body: Option<&Payload<'_>>) {
        if let Some(body) = body {
            self.content_type(message, body);
        }
        let document = body.and_then(|body| document::decode(&body.bytes, Some(body.format)).ok());
        match &message.start {
            Start::Request { method, .. } => {
                if method.eq_ignore_ascii_case("PUT") && message.header("If-Match").is_none() {
                    self.finding(
                        message,
                        codes::MISSING_IF_MATCH,
                        "a PUT without an `If-Match` header (the reference answers 428 \
                         PreconditionRequired)"
                            .to_owned(),
                    );
                }
                self.request = Some(message);
            }
            Start::Response { status } => {
                if let (Some(request), Some(Document::Resource(resource))) =
                    (self.request.take(), &document)
                {
                    if (200..300).contains(status) {
                        self.response_type(request, message, resource);
                    }
                }
            }
        }
        if let Some(document) = &document {
            self.learn(document);
        }
    }

    /// A body in another format than its `Content-Type` names.
    fn content_type(&mut self, message: &Message, body: &Payload<'_>) {
        let Some(content_type) = message.header("Content-Type") else {
            return;
        };
        let (Some(named), Some(found)) = (
            media_type::format_of(content_type),
            Format::detect(&body.bytes),
        ) else {
            return;
        };
        if named != found {
            self.finding(
                message,
                codes::CONTENT_TYPE_MISMATCH,
                format!(
                    "the body is {} but its Content-Type `{content_type}` names {}",
                    describe(found),
                    describe(named)
                ),
            );
        }
    }

    /// A successful response's resource against the types the links to its URL name.
    fn response_type(&mut self, request: &Message, response: &Message, resource: &Resource) {
        let (Start::Request { target, .. }, Some(found)) = (&request.start, resource.type_name())
        else {
            return;
        };
        let Some(expected) = self.types_at.get(&url_key(target)) else {
            return;
        };
        if expected.iter().any(|t| t == found) {
            return;
        }
        let expected = expected.join("` or `");
        self.finding(
            response,
            codes::UNEXPECTED_RESOURCE_TYPE,
            format!(
                "the response to {} is a `{found}`, but the links to it lead to a `{expected}`",
                request.label
            ),
        );
    }

    /// What a document's links and self links say of their URLs.
    fn learn(&mut self, document: &Document) {
        match document {
            Document::Resource(resource) => self.learn_resource(resource),
            Document::Events(events) => self.learn_events(events),
            _ => {}
        }
    }

    fn learn_resource(&mut self, resource: &Resource) {
        if let (Some(type_name), Some(href)) = (resource.type_name(), resource.self_href()) {
            self.note(href, type_name);
        }
        for group in &resource.links {
            for link in group.links.iter() {
                self.note(&link.href, &group.rel);
            }
        }
        for group in &resource.embedded {
            for embedded in group.resources.iter() {
                self.learn_resource(embedded);
            }
        }
    }

    fn learn_events(&mut self, events: &Events) {
        for sender in &events.senders {
            self.note(&sender.href, &sender.rel);
            for event in &sender.events {
                self.note(&event.link.href, &event.link.rel);
                if let Some(link) = &event.in_link {
                    self.note(&link.href, &link.rel);
                }
                for group in &event.embedded {
                    for embedded in group.resources.iter() {
                        self.learn_resource(embedded);
                    }
                }
            }
        }
    }

    /// `href` is a resource of type `rel`, when the reference knows such a type (a relation
    /// like `self`, `next` or `xframe` names none).
    fn note(&mut self, href: &str, rel: &str) {
        if catalogue::resource(rel).is_none() {
            return;
        }
        let types = self.types_at.entry(url_key(href)).or_default();
        if !types.iter().any(|t| t == rel) {
            types.push(rel.to_owned());
        }
    }

    fn finding(&mut self, message: &Message, code: &'static str, text: String) {
        let mut finding = Finding::new(self.file_name, &message.label, "", code, text);
        if let Some(line) = message.line {
            finding = finding.at(line, 1);
        }
        self.findings.push(finding);
    }
}

/// A URL as the session compares them: its path and query, without scheme and host.
fn url_key(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let path = match rest {
        Some(rest) => rest.find('/').map_or("/", |slash| &rest[slash..]),
        None => url,
    };
    path.split('#').next().unwrap_or(path).to_owned()
}

fn describe(format: Format) -> &'static str {
    match format {
        Format::Json => "JSON",
        Format::Xml => "XML",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_compare_by_path_and_query() {
        assert_eq!(url_key("https://host:443/ucwa/me?x=1#f"), "/ucwa/me?x=1");
        assert_eq!(url_key("/ucwa/me"), "/ucwa/me");
        assert_eq!(url_key("http://host"), "/");
    }
}
