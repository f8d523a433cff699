//! The documents the benchmarks run over: the documented samples, and generated ones built
//! with the crate's own model and encoders (so they are valid by construction).

#![allow(dead_code)] // Shared with `examples/peak_memory.rs`, which uses only a part.

use std::path::PathBuf;

use ucwa_codec::events::{Event, Events, RelLink, Sender};
use ucwa_codec::{json, xml, Cardinality, Date, EmbeddedGroup, Link, Resource, Value};

/// One benchmark case: the same resource in both formats, compact.
pub struct Doc {
    /// The case's name, e.g. `contacts-10000`.
    pub name: String,
    /// The JSON text.
    pub json: Vec<u8>,
    /// The XML text.
    pub xml: Vec<u8>,
}

impl Doc {
    /// Encodes `resource` in both formats.
    pub fn new(name: impl Into<String>, resource: &Resource) -> Doc {
        Doc {
            name: name.into(),
            json: json::to_vec(resource).expect("a generated resource encodes as JSON"),
            xml: xml::to_vec(resource).expect("a generated resource encodes as XML"),
        }
    }
}

/// A small deterministic pseudo-random sequence (xorshift), so every run builds the same
/// documents.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const APP: &str = "/ucwa/v1/applications/192";
const FIRST: [&str; 8] = [
    "Alex", "Zoë", "Joe", "Mary-Ann", "Søren", "Tosh", "Lucía", "Kim",
];
const LAST: [&str; 6] = ["Doe", "Smith", "O'Neil", "Müller", "Nakamura", "García"];
const TITLES: [&str; 5] = [
    "Engineer 2",
    "Program Manager",
    "Director, R&D",
    "Designer",
    "VP <Sales>",
];

/// One contact as UCWA's `myContacts` embeds it: links (some with a title), text, a list,
/// an integer, a boolean and a date.
fn contact(rng: &mut Rng, id: u64) -> Resource {
    let first = FIRST[rng.below(FIRST.len() as u64) as usize];
    let last = LAST[rng.below(LAST.len() as u64) as usize];
    let person = format!("{APP}/people/{id}");
    let mut c = Resource::new("contact");
    c.push_property("name", format!("{first} {last}"));
    c.push_property("uri", format!("sip:contact{id}@contoso.com"));
    c.push_property(
        "emailAddresses",
        vec![format!("{first}.{last}{id}@contoso.com")],
    );
    c.push_property("type", "User");
    c.push_property("title", TITLES[rng.below(TITLES.len() as u64) as usize]);
    c.push_property("company", "Contoso Corp.");
    c.push_property("workPhoneNumber", format!("tel:+1425554{id:04};ext={id}"));
    let millis = 1_474_932_023_993 + rng.below(1_000_000_000) as i64;
    c.push_property(
        "lastActive",
        Date::from_unix_millis(millis).expect("in range"),
    );
    c.push_property("isBlocked", rng.below(10) == 0);
    c.push_property("priority", rng.below(1000) as i64);
    c.set_self_href(person.as_str());
    c.push_link(
        "contactPhoto",
        Cardinality::Single,
        Link::new(format!("{person}/contactPhoto")),
    );
    c.push_link(
        "contactPresence",
        Cardinality::Single,
        Link::new(format!("{person}/contactPresence")).with_attribute("title", "Presence"),
    );
    c
}

/// A `myContacts` resource with `n` contacts: a `contact` link for each, and each embedded.
/// About 600 bytes of JSON and 920 of XML per contact.
pub fn contact_list(n: usize) -> Resource {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut list = Resource::new("myContacts");
    list.set_self_href(format!("{APP}/contacts"));
    for i in 0..n {
        let id = 282 + i as u64;
        list.push_link(
            "contact",
            Cardinality::Array,
            Link::new(format!("{APP}/people/{id}")),
        );
        list.push_embedded("contact", Cardinality::Array, contact(&mut rng, id));
    }
    list
}

/// `depth` resources, each embedding the next under the relation `child`.
pub fn deep(depth: usize) -> Resource {
    let mut rng = Rng(7);
    let mut inner: Option<Resource> = None;
    for level in (0..depth).rev() {
        let mut r = contact(&mut rng, level as u64);
        r.type_name = Some(format!("level{level}").into());
        if let Some(child) = inner.take() {
            r.push_embedded("child", Cardinality::Single, child);
        }
        inner = Some(r);
    }
    inner.unwrap_or_default()
}

/// One resource with `n` links of one relation.
pub fn many_links(n: usize) -> Resource {
    let mut r = Resource::new("myContacts");
    r.set_self_href(format!("{APP}/contacts"));
    for i in 0..n {
        r.push_link(
            "contact",
            Cardinality::Array,
            Link::new(format!("{APP}/people/{i}")).with_attribute("title", format!("Contact {i}")),
        );
    }
    r
}

/// One resource with `n` link relations and `n` embedded relations, all distinct: a decoder
/// that looks a relation up by scanning the groups read so far is quadratic here.
pub fn many_relations(n: usize) -> Resource {
    let mut r = Resource::new("communication");
    r.set_self_href(format!("{APP}/communication"));
    for i in 0..n {
        r.push_link(
            format!("relation{i}"),
            Cardinality::Single,
            Link::new(format!("{APP}/communication/relation{i}")),
        );
    }
    for i in 0..n {
        let mut child = Resource::new(format!("embedded{i}"));
        child.set_self_href(format!("{APP}/communication/embedded{i}"));
        child.push_property("state", "Connected");
        r.push_embedded(format!("embedded{i}"), Cardinality::Single, child);
    }
    r
}

/// One resource with `n` properties of every kind.
pub fn many_properties(n: usize) -> Resource {
    let mut rng = Rng(11);
    let mut r = Resource::new("me");
    r.set_self_href(format!("{APP}/me"));
    for i in 0..n {
        let name = format!("property{i}");
        let value: Value = match i % 6 {
            0 => format!("value number {i}").into(),
            1 => (rng.below(1 << 40) as i64).into(),
            2 => (i % 4 == 0).into(),
            3 => Date::from_unix_millis(1_474_932_024_822 + i as i64)
                .expect("in range")
                .into(),
            4 => vec![
                format!("sip:a{i}@contoso.com"),
                format!("sip:b{i}@contoso.com"),
            ]
            .into(),
            _ => format!("tel:+1425555{i:04}").into(),
        };
        r.push_property(name, value);
    }
    r
}

/// One message with `count` long texts of `len` bytes each: prose with the odd character to
/// escape (`&`, `<`, `"`, a line end) and non-ASCII letters, and a long `data:` link.
pub fn long_strings(count: usize, len: usize) -> Resource {
    const WORDS: [&str; 10] = [
        "meeting",
        "at",
        "noon",
        "Zoë's",
        "café",
        "R&D",
        "<agenda>",
        "\"draft\"",
        "line\n",
        "ok",
    ];
    let mut rng = Rng(13);
    let mut text = || {
        let mut s = String::with_capacity(len + 16);
        while s.len() < len {
            s.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
            s.push(' ');
        }
        s
    };
    let mut r = Resource::new("message");
    r.set_self_href(format!(
        "{APP}/communication/conversations/1/messaging/messages/1"
    ));
    for i in 0..count {
        r.push_property(format!("body{i}"), text());
    }
    let data = text().replace(' ', "+").replace('\n', "%0d%0a");
    r.push_link(
        "plainMessage",
        Cardinality::Single,
        Link::new(format!("data:text/plain;charset=utf-8,{data}")),
    );
    r
}

/// Where the documented samples are: `$UCWA_DOCS/samples/valid`, by default
/// `../shared/ucwa-docs/samples/valid` from the crate's root.
pub fn samples_dir() -> PathBuf {
    let docs = std::env::var_os("UCWA_DOCS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/ucwa-docs"),
        PathBuf::from,
    );
    docs.join("samples").join("valid")
}

/// The documented samples of one format (`"json"` or `"xml"`) that are resources: the event
/// samples are left out, and so is anything the decoder refuses (the OPTIONS metadata,
/// `operationsQueued` and the HTML `<h>` body). Sorted by name; empty when the samples are
/// not there.
pub fn samples(extension: &str) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(samples_dir()) else {
        return Vec::new();
    };
    let mut found: Vec<(String, Vec<u8>)> = entries
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?.to_owned();
            if !name.ends_with(&format!(".{extension}")) || name.contains(".event.") {
                return None;
            }
            let bytes = std::fs::read(&path).ok()?;
            let decodes = match extension {
                "json" => json::from_slice::<Resource>(&bytes).is_ok(),
                _ => xml::from_slice::<Resource>(&bytes).is_ok(),
            };
            decodes.then_some((name, bytes))
        })
        .collect();
    found.sort();
    found
}

/// What a case's documents are: resources, or event channel documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Resource,
    Events,
}

/// A decoded document of either kind.
pub enum Model {
    Resource(Resource),
    Events(Events),
}

impl Model {
    /// Decodes JSON as a document of `kind`.
    pub fn from_json(kind: Kind, bytes: &[u8]) -> Model {
        match kind {
            Kind::Resource => {
                Model::Resource(json::from_slice::<Resource>(bytes).expect("decodes"))
            }
            Kind::Events => Model::Events(json::from_slice::<Events>(bytes).expect("decodes")),
        }
    }

    /// Decodes XML as a document of `kind`.
    pub fn from_xml(kind: Kind, bytes: &[u8]) -> Model {
        match kind {
            Kind::Resource => Model::Resource(xml::from_slice::<Resource>(bytes).expect("decodes")),
            Kind::Events => Model::Events(xml::from_slice::<Events>(bytes).expect("decodes")),
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        match self {
            Model::Resource(r) => json::to_vec(r),
            Model::Events(e) => json::to_vec(e),
        }
        .expect("encodes")
    }

    pub fn to_xml(&self) -> Vec<u8> {
        match self {
            Model::Resource(r) => xml::to_vec(r),
            Model::Events(e) => xml::to_vec(e),
        }
        .expect("encodes")
    }

    /// The document as a `serde_json::Value`: what a user without this crate would hold.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_slice(&self.to_json()).expect("parses")
    }
}

/// One benchmark case: one or more documents, processed in turn in one iteration.
pub struct Case {
    /// The case's name, e.g. `contacts-2000`.
    pub name: String,
    /// What the documents are.
    pub kind: Kind,
    /// The JSON documents.
    pub json: Vec<Vec<u8>>,
    /// The XML documents.
    pub xml: Vec<Vec<u8>>,
}

impl Case {
    pub fn generated(name: &str, resource: &Resource) -> Case {
        let doc = Doc::new(name, resource);
        Case {
            name: doc.name,
            kind: Kind::Resource,
            json: vec![doc.json],
            xml: vec![doc.xml],
        }
    }
}

/// The names of the benchmark cases, smallest first within each kind.
pub const CASES: [&str; 14] = [
    "samples",
    "contacts-2",
    "contacts-20",
    "contacts-200",
    "contacts-2000",
    "contacts-10000",
    "contacts-16000",
    "deep-40",
    "links-20000",
    "relations-3000",
    "properties-20000",
    "long-strings",
    "event-samples",
    "events-1000",
];

/// Every benchmark case (`samples` only when the documented samples are there).
pub fn cases() -> Vec<Case> {
    CASES.iter().filter_map(|name| case(name)).collect()
}

/// The benchmark case of that name; `None` for an unknown name, or for `samples` when the
/// documented samples are not there.
pub fn case(name: &str) -> Option<Case> {
    let resource = match name {
        "samples" => {
            let json = samples("json");
            let xml = samples("xml");
            if json.is_empty() || xml.is_empty() {
                eprintln!(
                    "no documented samples under {}: the `samples` case is skipped",
                    samples_dir().display()
                );
                return None;
            }
            return Some(Case {
                name: name.to_owned(),
                kind: Kind::Resource,
                json: json.into_iter().map(|(_, bytes)| bytes).collect(),
                xml: xml.into_iter().map(|(_, bytes)| bytes).collect(),
            });
        }
        "event-samples" => return event_samples(),
        "events-1000" => {
            let burst = event_burst(1000);
            return Some(Case {
                name: name.to_owned(),
                kind: Kind::Events,
                json: vec![json::to_vec(&burst).expect("encodes")],
                xml: vec![xml::to_vec(&burst).expect("encodes")],
            });
        }
        "deep-40" => deep(40),
        "links-20000" => many_links(20_000),
        "relations-3000" => many_relations(3_000),
        "properties-20000" => many_properties(20_000),
        "long-strings" => long_strings(4, 256 * 1024),
        _ => contact_list(name.strip_prefix("contacts-")?.parse().ok()?),
    };
    Some(Case::generated(name, &resource))
}

/// The documented event samples (JSON), and each written as XML by the crate (the reference
/// prints no XML events); `None` when the samples are not there.
fn event_samples() -> Option<Case> {
    let mut json: Vec<Vec<u8>> = std::fs::read_dir(samples_dir())
        .ok()?
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?;
            (name.contains(".event.") && name.ends_with(".json"))
                .then(|| std::fs::read(&path).ok())
                .flatten()
        })
        .collect();
    json.sort();
    if json.is_empty() {
        return None;
    }
    let xml = json
        .iter()
        .map(|bytes| Model::from_json(Kind::Events, bytes).to_xml())
        .collect();
    Some(Case {
        name: "event-samples".to_owned(),
        kind: Kind::Events,
        json,
        xml,
    })
}

/// An event channel response with `n` events, as a busy client receives them: presence
/// updates of contacts (with the `in` link), and messages added to conversations, each
/// embedding the message resource.
pub fn event_burst(n: usize) -> Events {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut burst = Events::new(format!("{APP}/events?ack=7"), format!("{APP}/events?ack=8"));
    let mut people = Sender {
        rel: "people".into(),
        href: format!("{APP}/people").into(),
        ..Sender::default()
    };
    let mut conversation = Sender {
        rel: "conversation".into(),
        href: format!("{APP}/communication/conversations/137").into(),
        ..Sender::default()
    };
    for i in 0..n {
        let id = 282 + rng.below(5000);
        if i % 2 == 0 {
            let person = format!("{APP}/people/{id}");
            let mut event = Event::new(
                "updated",
                "contactPresence",
                format!("{person}/contactPresence"),
            );
            event.in_link = Some(RelLink::new("contact", person));
            people.events.push(event);
        } else {
            let href = format!("{APP}/communication/conversations/137/messaging/messages/{i}");
            let mut message = Resource::new("message");
            message.set_self_href(href.as_str());
            message.push_property("direction", "Incoming");
            message.push_property("status", "Success");
            let millis = 1_474_932_023_993 + rng.below(1_000_000_000) as i64;
            message.push_property(
                "timeStamp",
                Date::from_unix_millis(millis).expect("in range"),
            );
            message.push_link(
                "plainMessage",
                Cardinality::Single,
                Link::new(format!(
                    "data:text/plain;charset=utf-8,Message+{i}+%26+more"
                )),
            );
            let mut event = Event::new("added", "message", href);
            event.embedded.push(EmbeddedGroup {
                relation: "message".into(),
                cardinality: Cardinality::Single,
                resources: vec![message].into(),
            });
            conversation.events.push(event);
        }
    }
    burst.senders = vec![people, conversation];
    burst
}

/// The total size of a case's documents.
pub fn total(parts: &[Vec<u8>]) -> u64 {
    parts.iter().map(|p| p.len() as u64).sum()
}
