//! A capture read as a session: its requests paired with their responses, in order, each
//! exchange held against the operation the reference documents for it. The parts of a
//! request's batch (`multipart/batching`) are requests too, each answered by the part of the
//! response's batch at the same place.
//!
//! What each URL is comes from the capture itself: every link and self link of the documents
//! read so far (resources, embedded resources, events and their links) says that its href is
//! the reference page its relation names. A request to such a URL is held to that page's
//! operations, its response to the operation's documented type and errors. The rules here
//! look at the exchanges; the documents' own content is [`super::check_payload`]'s:
//!
//! - [`UNDOCUMENTED_OPERATION`](codes::UNDOCUMENTED_OPERATION): a method the page does not
//!   document;
//! - [`MISSING_REQUIRED_FIELD`](codes::MISSING_REQUIRED_FIELD),
//!   [`VALUE_TOO_LONG`](codes::VALUE_TOO_LONG) and
//!   [`BAD_ENUMERATION_VALUE`](codes::BAD_ENUMERATION_VALUE): a request body against the
//!   operation's fields;
//! - [`MISSING_IF_MATCH`](codes::MISSING_IF_MATCH): a `PUT` without `If-Match` (the reference
//!   answers it 428);
//! - [`MISSING_SCOPE`](codes::MISSING_SCOPE): a bearer token (a JWT, read, not verified)
//!   whose `scp` claim holds none of the page's scopes;
//! - [`CONTENT_TYPE_MISMATCH`](codes::CONTENT_TYPE_MISMATCH): a body that is not in the format
//!   its `Content-Type` names;
//! - [`UNEXPECTED_RESOURCE_TYPE`](codes::UNEXPECTED_RESOURCE_TYPE): a successful response
//!   whose resource is not of the type the followed link leads to;
//! - [`UNDOCUMENTED_ERROR`](codes::UNDOCUMENTED_ERROR): an error response the operation does
//!   not document and that is no generic error;
//! - [`UNDOCUMENTED_EVENT`](codes::UNDOCUMENTED_EVENT): an event whose type, resource and
//!   sender the resource's pages do not list.

use std::collections::{HashMap, VecDeque};

use base64::Engine as _;

use super::findings::{codes, Finding};
use super::payloads::{Item, Message, Payload, Start};
use crate::catalogue::{self, Method, OperationSpec, RequestFieldSpec};
use crate::media_type::{self, Format};
use crate::model::error_body::ErrorBody;
use crate::model::events::Events;
use crate::model::{Document, Resource, Value};

/// A capture's session, fed its items in order as they are checked: each payload with the
/// document it decoded to, so that a body is decoded once and dropped once checked.
pub(crate) struct Session<'f> {
    file_name: &'f str,
    /// The reference pages each URL (its path and query) was seen to be, by the links to it.
    pages_at: HashMap<String, Vec<String>>,
    /// The message read last, waiting for its body (the next item, if a payload).
    head: Option<Message>,
    /// The request waiting for its response.
    request: Option<Request>,
    /// The parts of that request's batch, each a request waiting for the part of the
    /// response's batch at the same place.
    request_parts: Vec<Request>,
    /// The parts of the request answered last, waiting for the parts of its response's
    /// batch, first to last.
    answered_parts: VecDeque<Request>,
    findings: Vec<Finding>,
}

impl<'f> Session<'f> {
    pub(crate) fn new(file_name: &'f str) -> Self {
        Session {
            file_name,
            pages_at: HashMap::new(),
            head: None,
            request: None,
            request_parts: Vec::new(),
            answered_parts: VecDeque::new(),
            findings: Vec::new(),
        }
    }

    /// The next item of the capture; `document`, for a payload, what it decoded to. The
    /// session keeps what it needs of it (the messages it waits on), not the payloads.
    pub(crate) fn item(&mut self, item: Item<'_>, document: Option<&Document>) {
        match item {
            Item::Message(next) => {
                if let Some(head) = self.head.replace(next) {
                    self.message(head, None, None);
                }
            }
            Item::Payload(payload) => {
                if let Some(head) = self.head.take() {
                    self.message(head, Some(&payload), document);
                }
            }
            _ => {}
        }
    }

    /// The session's findings, in order.
    pub(crate) fn finish(mut self) -> Vec<Finding> {
        if let Some(head) = self.head.take() {
            self.message(head, None, None);
        }
        self.findings
    }
}

/// The request a response answers: its message, method and the pages its URL is.
struct Request {
    message: Message,
    method: Option<Method>,
    pages: Vec<String>,
}

impl Session<'_> {
    /// A message, its body's payload if it has one, and what that decoded to.
    fn message(
        &mut self,
        message: Message,
        body: Option<&Payload<'_>>,
        document: Option<&Document>,
    ) {
        if let Some(body) = body {
            self.content_type(&message, body);
        }
        match message.start {
            Start::Request {
                ref method,
                ref target,
            } => {
                let method = Method::parse(method);
                let pages = self.pages_at.get(&url_key(target)).cloned();
                let request = Request {
                    message,
                    method,
                    pages: pages.unwrap_or_default(),
                };
                self.request_rules(&request, body.is_some(), document);
                if request.message.part.is_some() {
                    self.request_parts.push(request);
                } else {
                    self.request = Some(request);
                    self.request_parts.clear();
                }
            }
            Start::Response { status } => {
                // A part of a response's batch answers the part of the request's at its place.
                let request = if message.part.is_some() {
                    self.answered_parts.pop_front()
                } else {
                    self.answered_parts = std::mem::take(&mut self.request_parts).into();
                    self.request.take()
                };
                if let Some(request) = request {
                    match document {
                        Some(Document::Resource(resource)) if (200..300).contains(&status) => {
                            self.response_type(&request, &message, resource)
                        }
                        Some(Document::Error(error)) if status >= 400 => {
                            self.error_rule(&request, &message, status, error)
                        }
                        _ => {}
                    }
                }
                if let Some(Document::Events(events)) = document {
                    self.event_rule(&message, events);
                }
            }
        }
        if let Some(document) = document {
            self.learn(document);
        }
    }

    /// The rules of a request: its method, its headers, its body's fields.
    fn request_rules(&mut self, request: &Request, has_body: bool, document: Option<&Document>) {
        let message = &request.message;
        let Start::Request { method, .. } = &message.start else {
            return;
        };
        if method.eq_ignore_ascii_case("PUT") && message.header("If-Match").is_none() {
            self.finding(
                message,
                "",
                codes::MISSING_IF_MATCH,
                "a PUT without an `If-Match` header (the reference answers 428 \
                 PreconditionRequired)"
                    .to_owned(),
            );
        }
        // Only pages whose operations the reference lists can say a method is not one.
        let documented: Vec<&str> = request
            .pages
            .iter()
            .filter(|page| !catalogue::operations(page).is_empty())
            .map(String::as_str)
            .collect();
        if documented.is_empty() {
            return;
        }
        let Some(operation) = request.method.and_then(|m| operation_of(&request.pages, m)) else {
            let methods: Vec<&str> = documented
                .iter()
                .flat_map(|page| catalogue::operations(page))
                .map(|o| o.method.as_str())
                .collect();
            self.finding(
                message,
                "",
                codes::UNDOCUMENTED_OPERATION,
                format!(
                    "the reference documents no {method} on `{}` (it documents {})",
                    documented.join("`, `"),
                    methods.join(", ")
                ),
            );
            return;
        };
        self.scope_rule(message, &request.pages);
        let resource = match document {
            Some(Document::Resource(resource)) => Some(resource),
            _ => None,
        };
        if resource.is_none() && has_body {
            return;
        }
        for field in operation.request {
            self.field_rule(message, operation, field, resource);
        }
    }

    /// A request body's field against the operation's: present if required, not too long,
    /// a member of its enumeration.
    fn field_rule(
        &mut self,
        message: &Message,
        operation: &OperationSpec,
        field: &RequestFieldSpec,
        body: Option<&Resource>,
    ) {
        let value = body.and_then(|b| b.property(field.name));
        let present = value.is_some()
            || body.is_some_and(|b| {
                b.link(field.name).is_some() || !b.embedded_of(field.name).is_empty()
            });
        if !present {
            if field.required {
                self.finding(
                    message,
                    field.name,
                    codes::MISSING_REQUIRED_FIELD,
                    format!(
                        "the request body lacks `{}`, which {} {} requires",
                        field.name, operation.method, operation.page
                    ),
                );
            }
            return;
        }
        // JSON strings and XML text alike (XML's untyped text is text too).
        let texts: Vec<&str> = match value {
            Some(Value::List(items)) => items.iter().filter_map(Value::as_str).collect(),
            Some(value) => value.as_str().into_iter().collect(),
            None => Vec::new(),
        };
        for text in texts {
            let length = text.chars().count();
            if let Some(max) = field.max_length.filter(|&max| length > max as usize) {
                self.finding(
                    message,
                    field.name,
                    codes::VALUE_TOO_LONG,
                    format!(
                        "`{}` is {length} characters long; {} {} takes at most {max}",
                        field.name, operation.method, operation.page
                    ),
                );
            }
            if let Some(enumeration) = field.enumeration().filter(|e| !e.contains(text)) {
                self.finding(
                    message,
                    field.name,
                    codes::BAD_ENUMERATION_VALUE,
                    format!(
                        "`{}`: {text:?} is not among the members of {} that the reference \
                         lists ({})",
                        field.name,
                        enumeration.name,
                        enumeration.members.join(", ")
                    ),
                );
            }
        }
    }

    /// A bearer token whose `scp` claim holds none of the pages' scopes.
    fn scope_rule(&mut self, message: &Message, pages: &[String]) {
        let Some(granted) = message.header("Authorization").and_then(token_scopes) else {
            return;
        };
        let mut wanted: Vec<&str> = pages
            .iter()
            .filter_map(|page| catalogue::page(page))
            .flat_map(|r| r.scopes.iter().copied())
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        if wanted.is_empty() || granted.iter().any(|s| wanted.contains(&s.as_str())) {
            return;
        }
        self.finding(
            message,
            "",
            codes::MISSING_SCOPE,
            format!(
                "the bearer token's scopes ({}) hold none of those the reference lists for \
                 `{}` ({})",
                granted.join(" "),
                pages.join("`, `"),
                wanted.join(", ")
            ),
        );
    }

    /// An error response that neither the operation nor the generic errors document.
    fn error_rule(
        &mut self,
        request: &Request,
        response: &Message,
        status: u16,
        error: &ErrorBody,
    ) {
        let Some(operation) = request.method.and_then(|m| operation_of(&request.pages, m)) else {
            return;
        };
        let subcode = error.subcode.as_deref();
        let documented = operation
            .errors
            .iter()
            .any(|e| e.status == status && e.code == error.code && e.subcode == subcode);
        let generic = catalogue::generic_errors();
        if documented
            || generic.contains(&error.code.as_str())
            || subcode.is_some_and(|s| generic.contains(&s))
        {
            return;
        }
        self.finding(
            response,
            "",
            codes::UNDOCUMENTED_ERROR,
            format!(
                "{status} {}{} is neither documented for {} {} nor a generic error",
                error.code,
                subcode.map_or(String::new(), |s| format!(" ({s})")),
                operation.method,
                operation.page
            ),
        );
    }

    /// Events whose type, resource and sender the resource's pages do not list.
    fn event_rule(&mut self, message: &Message, events: &Events) {
        for (s, sender) in events.senders.iter().enumerate() {
            for (e, event) in sender.events.iter().enumerate() {
                let rel = event.link.rel.as_str();
                // The pages of the event's resource, and of the resource it is `in` (a
                // group's page lists the contacts added to it).
                let pages: Vec<_> = std::iter::once(rel)
                    .chain(event.in_link.as_ref().map(|l| l.rel.as_str()))
                    .filter_map(|r| catalogue::page(r).or_else(|| catalogue::resource(r)))
                    .collect();
                if pages.is_empty() {
                    continue;
                }
                let kind = event.kind.as_str();
                let listed = pages.iter().flat_map(|spec| spec.events).any(|listed| {
                    listed.kind.as_str() == kind
                        && listed.resource == rel
                        && listed.sender == sender.rel
                });
                if !listed {
                    self.finding(
                        message,
                        &format!("sender[{s}].events[{e}]"),
                        codes::UNDOCUMENTED_EVENT,
                        format!(
                            "the reference lists no `{kind}` event of `{rel}` sent by `{}`",
                            sender.rel
                        ),
                    );
                }
            }
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
                "",
                codes::CONTENT_TYPE_MISMATCH,
                format!(
                    "the body is {} but its Content-Type `{content_type}` names {}",
                    describe(found),
                    describe(named)
                ),
            );
        }
    }

    /// A successful response's resource against the type the operation answers, or the
    /// type of the page the followed link leads to.
    fn response_type(&mut self, request: &Request, response: &Message, resource: &Resource) {
        let Some(found) = resource.type_name() else {
            return;
        };
        let mut expected: Vec<&str> = request
            .pages
            .iter()
            .filter_map(|page| {
                let operation = request.method.and_then(|m| catalogue::operation(page, m));
                match operation {
                    Some(operation) => operation.response,
                    None if request.method == Some(Method::Get) => {
                        catalogue::page(page).map(|r| r.name)
                    }
                    None => None,
                }
            })
            .collect();
        expected.dedup();
        if expected.is_empty() || expected.contains(&found) {
            return;
        }
        self.finding(
            response,
            "",
            codes::UNEXPECTED_RESOURCE_TYPE,
            format!(
                "the response to {} is a `{found}`, but the link followed leads to a `{}`",
                request.message.label,
                expected.join("` or `")
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

    /// `href` is the page `rel`, when the reference has such a page (a relation like `self`,
    /// `next` or `xframe` names none).
    fn note(&mut self, href: &str, rel: &str) {
        if catalogue::page(rel).is_none() {
            return;
        }
        let pages = self.pages_at.entry(url_key(href)).or_default();
        if !pages.iter().any(|p| p == rel) {
            pages.push(rel.to_owned());
        }
    }

    fn finding(&mut self, message: &Message, path: &str, code: &'static str, text: String) {
        let mut finding = Finding::new(self.file_name, &message.label, path, code, text);
        if let Some(line) = message.line {
            finding = finding.at(line, 1).in_entry(message.entry.as_deref());
        }
        self.findings.push(finding);
    }
}

/// The first of the pages' operations with that method.
fn operation_of(pages: &[String], method: Method) -> Option<&'static OperationSpec> {
    pages
        .iter()
        .find_map(|page| catalogue::operation(page, method))
}

/// The scopes of an `Authorization: Bearer` JWT's `scp` claim (read, not verified); `None`
/// for another kind of credential, or a token that is no JWT with that claim.
fn token_scopes(authorization: &str) -> Option<Vec<String>> {
    let (scheme, token) = authorization.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let payload = token.trim().split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let scopes = claims.get("scp")?.as_str()?;
    Some(scopes.split_whitespace().map(str::to_owned).collect())
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
