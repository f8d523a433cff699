//! The operations, scopes, event priorities and generic errors of the catalogue, checked
//! against the UCWA reference: the counts the generator reads, a count of the pages' own
//! lines, and pages read by hand.

#[macro_use]
mod common;

// Only `generate` and its counts are used here.
#[allow(dead_code)]
#[path = "../tools/gen_catalogue.rs"]
mod gen;

use ucwa_codec::catalogue::{self, EventKind, EventPriority, Method, ValueType};

/// What the generator reads from the reference, and what the compiled catalogue holds.
#[test]
fn counts() {
    needs_reference!();
    let generated = gen::generate(common::docs()).unwrap();
    let stats = &generated.stats;
    assert_eq!(stats.pages_with_operations, 230);
    assert_eq!(stats.operations, 263);
    assert_eq!(stats.query_parameters, 59);
    assert_eq!(stats.request_fields, 290);
    assert_eq!(stats.request_fields_typed, 244);
    assert_eq!(stats.error_rows, 1483);
    assert_eq!(stats.errors, 1378);
    assert_eq!(stats.pages_with_scopes, 227);
    assert_eq!(stats.generic_errors, 17);

    let operations: Vec<_> = catalogue::resources()
        .iter()
        .flat_map(|r| r.operations)
        .collect();
    assert_eq!(operations.len(), stats.operations);
    let fields: usize = operations.iter().map(|o| o.request.len()).sum();
    assert_eq!(fields, stats.request_fields);
    let errors: usize = operations.iter().map(|o| o.errors.len()).sum();
    assert_eq!(errors, stats.errors);
    assert_eq!(catalogue::generic_errors().len(), stats.generic_errors);
}

/// The pages' own lines, counted without the generator: each method heading outside code
/// and each error row (`|Conflict|409|...`) is one the catalogue has read.
#[test]
fn every_method_heading_and_error_row_is_read() {
    needs_reference!();
    let (mut headings, mut error_rows) = (0, 0);
    let dir = common::docs().join("reference");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut fenced = false;
        for line in text.lines() {
            if line.trim_start().starts_with("```") {
                fenced = !fenced;
            }
            let heading = line.trim_start_matches('#');
            if !fenced && heading.len() < line.len() && line.len() - heading.len() <= 3 {
                let title = heading.trim();
                headings += usize::from(Method::parse(title).is_some_and(|m| m.as_str() == title));
            }
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            if let [_, _, status, ..] = cells[..] {
                let numeric = status.len() == 3 && status.bytes().all(|b| b.is_ascii_digit());
                error_rows += usize::from(!fenced && numeric);
            }
        }
    }
    assert_eq!(headings, 263);
    assert_eq!(error_rows, 1483);
}

#[test]
fn a_post_with_required_fields_and_maximum_lengths() {
    let post = catalogue::operation("startMessaging", Method::Post).unwrap();
    let query: Vec<_> = post.query.iter().map(|q| (q.name, q.required)).collect();
    assert_eq!(query, [("to", false)]);
    let fields: Vec<_> = post
        .request
        .iter()
        .map(|f| (f.name, f.required, f.max_length))
        .collect();
    assert_eq!(
        fields,
        [
            ("operationId", false, Some(50)),
            ("to", true, None),
            ("importance", false, None),
            ("subject", false, Some(250)),
            ("threadId", false, None),
            ("message", false, None),
        ]
    );
    assert_eq!(
        post.request_field("to").unwrap().value_type,
        Some(ValueType::String)
    );
    // `ExternalResource`: sent as a link, not a typed value.
    assert_eq!(post.request_field("message").unwrap().value_type, None);
    assert_eq!(post.response, Some("messagingInvitation"));
    assert_eq!(post.errors.len(), 6);
    // The only operation of its page.
    assert_eq!(catalogue::operations("startMessaging").len(), 1);
}

#[test]
fn a_field_of_an_enumeration() {
    let post = catalogue::operation("startMessaging", Method::Post).unwrap();
    let importance = post.request_field("importance").unwrap();
    assert_eq!(importance.enumeration().map(|e| e.name), Some("Importance"));
    assert!(!importance.list);
    // `Array of (ModalityType)...`: a list of members.
    let post = catalogue::operation("makeMeAvailable", Method::Post).unwrap();
    let modalities = post.request_field("supportedModalities").unwrap();
    assert!(modalities.list);
    assert_eq!(
        modalities.enumeration().map(|e| e.name),
        Some("ModalityType")
    );
}

#[test]
fn an_error_whose_subcode_is_none() {
    let post = catalogue::operation("startMessaging", Method::Post).unwrap();
    let conflicts: Vec<_> = post.errors.iter().filter(|e| e.status == 409).collect();
    let subcodes: Vec<_> = conflicts.iter().map(|e| e.subcode).collect();
    assert_eq!(
        subcodes,
        [Some("AlreadyExists"), Some("TooManyGroups"), None]
    );
    assert!(conflicts.iter().all(|e| e.code == "Conflict"));
    let first = &post.errors[0];
    assert_eq!(
        (first.status, first.code, first.subcode),
        (403, "Forbidden", None)
    );
    // Rows that differ only in their description are one error.
    let search = catalogue::operation("search", Method::Get).unwrap();
    let forbidden = search.errors.iter().filter(|e| e.status == 403).count();
    assert_eq!(forbidden, 1);
}

/// `myOnlineMeeting` writes its operations one heading level up (`## GET`).
#[test]
fn a_get_a_put_and_a_delete() {
    let methods: Vec<_> = catalogue::operations("myOnlineMeeting")
        .iter()
        .map(|o| o.method)
        .collect();
    assert_eq!(methods, [Method::Get, Method::Delete, Method::Put]);

    let get = catalogue::operation("myOnlineMeeting", Method::Get).unwrap();
    // "The response ... contains the properties and links shown ... at the top of this page."
    assert_eq!(get.response, Some("myOnlineMeeting"));
    assert!(get.request.is_empty());

    let put = catalogue::operation("myOnlineMeeting", Method::Put).unwrap();
    assert_eq!(put.request.len(), 10);
    assert!(put.request.iter().all(|f| !f.required));
    let access = put.request_field("accessLevel").unwrap();
    assert_eq!(access.enumeration().map(|e| e.name), Some("AccessLevel"));
    let attendees = put.request_field("attendees").unwrap();
    assert_eq!(
        (attendees.value_type, attendees.list),
        (Some(ValueType::String), true)
    );
    let expiration = put.request_field("expirationTime").unwrap();
    assert_eq!(expiration.value_type, Some(ValueType::Date));
    assert_eq!(put.response, Some("myOnlineMeeting"));
    let errors: Vec<_> = put
        .errors
        .iter()
        .map(|e| (e.status, e.code, e.subcode))
        .collect();
    assert_eq!(
        errors,
        [
            (500, "ServiceFailure", Some("InvalidExchangeServerVersion")),
            (410, "Gone", Some("CannotRedirect")),
        ]
    );

    let delete = catalogue::operation("myOnlineMeeting", Method::Delete).unwrap();
    assert!(delete.request.is_empty() && delete.query.is_empty());
    assert_eq!(delete.response, None);
    let errors: Vec<_> = delete
        .errors
        .iter()
        .map(|e| (e.status, e.code, e.subcode))
        .collect();
    assert_eq!(errors, [(410, "Gone", Some("CannotRedirect"))]);
}

#[test]
fn odd_operations() {
    // OPTIONS answers metadata, which the reference names no type for.
    let options = catalogue::operation("applications", Method::Options).unwrap();
    assert_eq!(options.response, None);
    // A required query parameter.
    let search = catalogue::operation("search", Method::Get).unwrap();
    let query = search.query_parameter("query").unwrap();
    assert!(query.required);
    assert!(!search.query_parameter("limit").unwrap().required);
    // "[Renegotiation entity](audioVideoRenegotiation_ref.md)": the type of the linked page.
    let post = catalogue::operation("renegotiations", Method::Post).unwrap();
    assert_eq!(post.response, Some("audioVideoRenegotiation"));
    // No Request body section at all.
    let reason = catalogue::operation("reason", Method::Get).unwrap();
    assert!(reason.request.is_empty());
    // Pages without an Operations section have none.
    assert!(catalogue::operations("participants").is_empty());
}

#[test]
fn scopes() {
    let start = catalogue::page("startMessaging").unwrap();
    assert_eq!(
        start.scopes,
        ["Conversations.Initiate", "Conversations.Receive"]
    );
    let me = catalogue::page("me").unwrap();
    assert!(me.scopes.contains(&"User.ReadWrite"));
    // The root page lists none.
    assert!(catalogue::page("root").unwrap().scopes.is_empty());
}

#[test]
fn event_priorities() {
    let participant = catalogue::resource("participant").unwrap();
    let added = participant
        .events
        .iter()
        .find(|e| e.kind == EventKind::Added && e.sender == "conversation")
        .unwrap();
    assert_eq!(added.priority, Some(EventPriority::High));
    let communication = catalogue::resource("communication").unwrap();
    assert_eq!(
        communication.events[0].priority,
        Some(EventPriority::Medium)
    );
    let group = catalogue::page("delegatesGroup").unwrap();
    let added = group
        .events
        .iter()
        .find(|e| (e.kind, e.resource) == (EventKind::Added, "contact"))
        .unwrap();
    assert_eq!(
        (added.sender, added.priority),
        ("people", Some(EventPriority::Low))
    );
    // Every event of the reference has one.
    let events = catalogue::resources().iter().flat_map(|r| r.events);
    assert!(events.clone().all(|e| e.priority.is_some()));
}

#[test]
fn generic_errors() {
    let generic = catalogue::generic_errors();
    assert_eq!(generic.first(), Some(&"ApplicationNotFound"));
    assert_eq!(generic.last(), Some(&"VersionNotSupported"));
    assert!(generic.contains(&"PreconditionRequired"));
}
