//! What the integration tests share: where the UCWA reference is, and its samples.
#![allow(dead_code, unused_macros)]

pub mod captures;
pub mod fast_path;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The UCWA reference: `$UCWA_DOCS`, or `../shared/ucwa-docs` beside the project; `None` when
/// it is not there, and then the first call in a test binary prints one line saying the
/// tests that need it are skipped. When `UCWA_DOCS` is set, or `CI` is, a missing reference
/// is no reason to skip: the call panics, failing the test loudly.
pub fn docs_dir() -> Option<&'static Path> {
    static DOCS: OnceLock<Option<PathBuf>> = OnceLock::new();
    DOCS.get_or_init(find_docs).as_deref()
}

fn find_docs() -> Option<PathBuf> {
    let given = std::env::var_os("UCWA_DOCS").filter(|dir| !dir.is_empty());
    let dir = match &given {
        Some(dir) => PathBuf::from(dir),
        None => repo_root().join("../shared/ucwa-docs"),
    };
    if dir.join("samples/valid").is_dir() {
        return Some(dir);
    }
    let wanted = dir.join("samples/valid");
    if given.is_some() {
        panic!(
            "UCWA_DOCS is set, but the UCWA reference is not there: no folder {}",
            wanted.display()
        );
    }
    if on_ci() {
        panic!(
            "the UCWA reference is missing on CI: no folder {} (set UCWA_DOCS to its folder)",
            wanted.display()
        );
    }
    // Straight to standard error: the test harness captures `eprintln!`.
    let _ = writeln!(
        std::io::stderr(),
        "skipped: the UCWA reference is not at {}; set UCWA_DOCS to its folder to run these \
         tests",
        dir.display()
    );
    None
}

/// The repository's root: the library's folder, which the command's crate (`cli/`) sits in.
pub fn repo_root() -> &'static Path {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    if here.join("src/lib.rs").is_file() {
        here
    } else {
        here.parent()
            .expect("the command's crate sits in the repository")
    }
}

/// Whether `CI` is set to something other than empty, `false` or `0`.
fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|ci| !matches!(ci.as_str(), "" | "false" | "0"))
}

/// Returns from the test (passing it) when the UCWA reference is not there; see
/// [`docs_dir`].
macro_rules! needs_reference {
    () => {
        if common::docs_dir().is_none() {
            return;
        }
    };
}

/// The reference's folder, for the helpers below: a test calls them only once
/// [`needs_reference!`] let it go on.
pub fn docs() -> &'static Path {
    docs_dir().expect("the test checks `needs_reference!()` before reading the reference")
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
    let dir = docs().join("samples").join(which);
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
        ucwa_codec::json::from_slice::<ucwa_codec::Resource>(&sample.bytes)
    } else {
        ucwa_codec::xml::from_slice::<ucwa_codec::Resource>(&sample.bytes)
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
    let path = docs().join("samples").join(folder).join(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

/// A reference page's text.
pub fn reference(page: &str) -> String {
    let path = docs().join("reference").join(page);
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

/// A proptest configuration of `cases` cases that reads the committed regression cases
/// (`tests/NAME.proptest-regressions`) and never writes a new one into the source tree: a
/// failure prints its minimal input, to be added by hand.
pub fn proptest_config(cases: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases,
        failure_persistence: Some(Box::new(ReadOnlyRegressions::default())),
        ..proptest::test_runner::Config::default()
    }
}

/// Failure persistence that loads the regression file beside the test's source, as proptest's
/// default does, and saves nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadOnlyRegressions(proptest::test_runner::FileFailurePersistence);

impl Default for ReadOnlyRegressions {
    fn default() -> Self {
        ReadOnlyRegressions(
            proptest::test_runner::FileFailurePersistence::SourceParallel("proptest-regressions"),
        )
    }
}

impl proptest::test_runner::FailurePersistence for ReadOnlyRegressions {
    fn load_persisted_failures2(
        &self,
        source_file: Option<&'static str>,
    ) -> Vec<proptest::test_runner::PersistedSeed> {
        self.0.load_persisted_failures2(source_file)
    }

    fn save_persisted_failure2(
        &mut self,
        _source_file: Option<&'static str>,
        _seed: proptest::test_runner::PersistedSeed,
        _shrunken_value: &dyn std::fmt::Debug,
    ) {
    }

    fn box_clone(&self) -> Box<dyn proptest::test_runner::FailurePersistence> {
        Box::new(self.clone())
    }

    fn eq(&self, other: &dyn proptest::test_runner::FailurePersistence) -> bool {
        other.as_any().downcast_ref::<Self>() == Some(self)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
