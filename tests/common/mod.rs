//! What the integration tests share: where the UCWA reference is, and its samples.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The UCWA reference: `$UCWA_DOCS`, or `../shared/ucwa-docs` beside the project.
/// Panics (failing the test loudly) when it is not there.
pub fn docs_dir() -> PathBuf {
    let dir = match std::env::var_os("UCWA_DOCS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/ucwa-docs"),
    };
    assert!(
        dir.join("samples/valid").is_dir(),
        "the UCWA reference is missing: expected {}/samples/valid (set UCWA_DOCS to its folder)",
        dir.display()
    );
    dir
}

/// A sample file: its name and bytes.
pub struct Sample {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Sample {
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.bytes).expect("samples are UTF-8")
    }

    pub fn is_json(&self) -> bool {
        self.name.ends_with(".json")
    }
}

/// Every file of `samples/valid` or `samples/invalid`, sorted by name.
pub fn samples(which: &str) -> Vec<Sample> {
    let dir = docs_dir().join("samples").join(which);
    let mut samples: Vec<Sample> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("a readable folder").path();
            Sample {
                name: path.file_name().unwrap().to_string_lossy().into_owned(),
                bytes: std::fs::read(&path).expect("a readable sample"),
            }
        })
        .filter(|s| s.name.ends_with(".json") || s.name.ends_with(".xml"))
        .collect();
    samples.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(!samples.is_empty(), "no samples in {}", dir.display());
    samples
}

/// The valid samples that are not resources, and what they are instead.
pub const NOT_RESOURCES: &[(&str, &str)] = &[
    ("anonApplications.post.response.4.json", "OPTIONS metadata"),
    ("anonApplications.post.response.5.xml", "OPTIONS metadata"),
    ("applications.post.response.4.json", "OPTIONS metadata"),
    ("applications.post.response.5.xml", "OPTIONS metadata"),
    (
        "makeMeAvailable2.post.response.3.xml",
        "an <operationsQueued> body",
    ),
    (
        "xframe.get.response.1.xml",
        "an HTML fragment (<h>Hello</h>)",
    ),
];

/// Whether a valid sample is a resource (not an events document or one of `NOT_RESOURCES`).
pub fn is_resource(sample: &Sample) -> bool {
    !sample.name.contains(".event.") && !NOT_RESOURCES.iter().any(|(n, _)| *n == sample.name)
}

/// The valid samples that are resources.
pub fn resource_samples() -> Vec<Sample> {
    samples("valid").into_iter().filter(is_resource).collect()
}

/// Decodes a sample with the codec its name says.
pub fn decode(sample: &Sample) -> ucwa_codec::Result<ucwa_codec::Resource> {
    if sample.is_json() {
        ucwa_codec::json::from_slice(&sample.bytes)
    } else {
        ucwa_codec::xml::from_slice(&sample.bytes)
    }
}

/// JSON without the white space between tokens.
pub fn minify_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// The samples of `samples/valid` or `samples/invalid` whose file names satisfy `keep`,
/// sorted by name, with their bytes.
pub fn samples_where(folder: &str, keep: impl Fn(&str) -> bool) -> Vec<(String, Vec<u8>)> {
    samples(folder)
        .into_iter()
        .filter(|s| keep(&s.name))
        .map(|s| (s.name, s.bytes))
        .collect()
}

/// One sample by name.
pub fn sample(folder: &str, name: &str) -> Vec<u8> {
    let path = docs_dir().join("samples").join(folder).join(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

/// A reference page's text.
pub fn reference(page: &str) -> String {
    let path = docs_dir().join("reference").join(page);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

/// The JSON value of some bytes, for comparing documents by content.
pub fn json_value(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|err| panic!("not JSON ({err}):\n{}", String::from_utf8_lossy(bytes)))
}

/// Runs `check` on every item, then fails listing every one that failed.
pub fn check_all<T>(
    items: &[T],
    name: impl Fn(&T) -> &str,
    check: impl Fn(&T) -> Result<(), String>,
) {
    let failures: Vec<String> = items
        .iter()
        .filter_map(|item| check(item).err().map(|e| format!("{}: {e}", name(item))))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        items.len(),
        failures.join("\n")
    );
}

/// The XML events response of the "Event channel details" article, as printed there.
pub const DOCUMENTED_EVENTS_XML: &str = r#"<?xml version="1.0" encoding="utf-8"?> 
<events href="/ucwa/oauth/v1/applications/102/events?ack=1" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"> 
 <link rel="next" href="/ucwa/oauth/v1/applications/102/events?ack=2" /> 
 <sender rel="communication" href="/ucwa/oauth/v1/applications/102/communication"> 
 <updated rel="communication" href="/ucwa/oauth/v1/applications/102/communication"> 
 <resource rel="communication" href="/ucwa/oauth/v1/applications/102/communication"> 
 <link rel="conversations" href="/ucwa/oauth/v1/applications/102/communication/conversations?filter=active" /> 
 <link rel="startMessaging" href="/ucwa/oauth/v1/applications/102/communication/messagingInvitations" /> 
 <link rel="startOnlineMeeting" href="/ucwa/oauth/v1/applications/102/communication/onlineMeetingInvitations?onlineMeetingUri=adhoc" /> 
 <link rel="joinOnlineMeeting" href="/ucwa/oauth/v1/applications/102/communication/onlineMeetingInvitations" /> 
 <property name="56de7bbf-1081-43e6-bbf2-1cabf3224c83">please pass this in a PUT request</property> 
 <propertyList name="supportedModalities"> 
 <item>Messaging</item> 
 </propertyList> 
 <propertyList name="supportedMessageFormats"> 
 <item>Plain</item> 
 </propertyList> 
 <property name="etag">2943169141</property> 
 </resource> 
 </updated> 
 </sender> 
 <sender rel="me" href="/ucwa/oauth/v1/applications/102/me"> 
 <updated rel="me" href="/ucwa/oauth/v1/applications/102/me" /> 
 <added rel="presence" href="/ucwa/oauth/v1/applications/102/me/presence" /> 
 <added rel="note" href="/ucwa/oauth/v1/applications/102/me/note" /> 
 <added rel="location" href="/ucwa/oauth/v1/applications/102/me/location" /> 
 </sender> 
</events>"#;
