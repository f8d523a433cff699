//! Every documented XML sample, decoded and typed with the catalogue, has the value types and
//! cardinalities of its JSON twin.
//!
//! The twin of `RESOURCE.OPERATION.WHAT.N.xml` is `RESOURCE.OPERATION.WHAT.(N-1).json`: a page
//! shows each JSON example and then the XML one. One page (`applications2`) shows its POST as
//! JSON request, JSON response, XML request, XML response; there the twin is the nearest
//! earlier JSON sample of the same RESOURCE.OPERATION.WHAT, so that a request is compared with
//! a request.
//!
//! The two examples of a pair often differ in content (another state, another count), so only
//! what both have is compared: properties (by name), link relations and embedded relations,
//! and embedded resources (by position). A null tells nothing of a type and is not compared.
//! No pair differs in what both have; the only XML samples left out are those that are not
//! resources at all (`OTHER_DOCUMENTS`).

#[macro_use]
mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use ucwa_codec::catalogue::{self, TypingOptions};
use ucwa_codec::{json, xml, Resource, Value};

/// XML samples that are documents of another kind than a resource, so nothing to type: (XML
/// sample, what it is). The test checks that they indeed do not decode as a resource.
const OTHER_DOCUMENTS: &[(&str, &str)] = &[
    (
        "anonApplications.post.response.5.xml",
        "OPTIONS metadata (<optionsMetadata>), see FORMAT-NOTES.md",
    ),
    (
        "applications.post.response.5.xml",
        "OPTIONS metadata (<optionsMetadata>), see FORMAT-NOTES.md",
    ),
    (
        "makeMeAvailable2.post.response.3.xml",
        "an <operationsQueued> body, in no UCWA namespace",
    ),
];

/// `RESOURCE.OPERATION.WHAT.N.FORMAT` -> (`RESOURCE.OPERATION.WHAT`, N, FORMAT).
fn split_name(file: &str) -> Option<(&str, u32, &str)> {
    let (rest, format) = file.rsplit_once('.')?;
    let (stem, n) = rest.rsplit_once('.')?;
    Some((stem, n.parse().ok()?, format))
}

/// Each XML sample and its JSON twin, if it has one.
fn pairs(dir: &Path) -> Vec<(String, Option<String>)> {
    let mut json_samples: BTreeMap<(String, u32), String> = BTreeMap::new();
    let mut xml_samples = Vec::new();
    for entry in fs::read_dir(dir).expect("samples/valid is readable") {
        let file = entry.unwrap().file_name().into_string().unwrap();
        match split_name(&file) {
            Some((stem, n, "json")) => {
                json_samples.insert((stem.to_owned(), n), file.clone());
            }
            Some((stem, n, "xml")) => xml_samples.push((stem.to_owned(), n, file.clone())),
            _ => {}
        }
    }
    xml_samples.sort();
    xml_samples
        .into_iter()
        .map(|(stem, n, file)| {
            let twin = json_samples
                .range((stem.clone(), 0)..(stem.clone(), n))
                .next_back()
                .map(|(_, twin)| twin.clone());
            (file, twin)
        })
        .collect()
}

/// How many values of each class were compared, and how many relations.
#[derive(Default)]
struct Coverage {
    values: BTreeMap<&'static str, usize>,
    relations: usize,
}

/// The variant of a value, as far as a type goes: text and string are one.
fn class(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Integer(_) => "integer",
        Value::Date(_) => "date",
        Value::String(_) | Value::Text(_) => "string",
        Value::List(_) => "list",
    }
}

fn compare_values(
    path: &str,
    typed: &Value,
    json: &Value,
    out: &mut Vec<(String, String)>,
    coverage: &mut Coverage,
) {
    if typed.is_null() || json.is_null() {
        return;
    }
    *coverage.values.entry(class(json)).or_default() += 1;
    if class(typed) != class(json) {
        out.push((
            path.to_owned(),
            format!(
                "XML {} ({typed}), JSON {} ({json})",
                class(typed),
                class(json)
            ),
        ));
    } else if let (Value::List(a), Value::List(b)) = (typed, json) {
        for (i, (a, b)) in a.iter().zip(b).enumerate() {
            compare_values(&format!("{path}[{i}]"), a, b, out, coverage);
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// What differs between the typed XML resource and the JSON one, as (path, what).
fn compare(
    path: &str,
    typed: &Resource,
    json: &Resource,
    out: &mut Vec<(String, String)>,
    coverage: &mut Coverage,
) {
    for property in &typed.properties {
        if let Some(json_value) = json.property(&property.name) {
            let at = join(path, &property.name);
            compare_values(&at, &property.value, json_value, out, coverage);
        }
    }
    for group in &typed.links {
        if let Some(json_group) = json.links.iter().find(|g| g.rel == group.rel) {
            coverage.relations += 1;
            if group.cardinality != json_group.cardinality {
                out.push((
                    join(path, &format!("_links.{}", group.rel)),
                    format!(
                        "XML {:?}, JSON {:?}",
                        group.cardinality, json_group.cardinality
                    ),
                ));
            }
        }
    }
    for group in &typed.embedded {
        let Some(json_group) = json.embedded.iter().find(|g| g.relation == group.relation) else {
            continue;
        };
        let at = join(path, &format!("_embedded.{}", group.relation));
        coverage.relations += 1;
        if group.cardinality != json_group.cardinality {
            out.push((
                at.clone(),
                format!(
                    "XML {:?}, JSON {:?}",
                    group.cardinality, json_group.cardinality
                ),
            ));
        }
        for (i, (a, b)) in group
            .resources
            .iter()
            .zip(&json_group.resources)
            .enumerate()
        {
            compare(&format!("{at}[{i}]"), a, b, out, coverage);
        }
    }
}

#[test]
fn typed_xml_samples_match_their_json_twins() {
    needs_reference!();
    let dir = common::docs().join("samples/valid");
    let mut compared = 0;
    let mut coverage = Coverage::default();
    let mut failures = Vec::new();
    for (xml_file, twin) in pairs(&dir) {
        let Some(json_file) = twin else {
            continue;
        };
        let read = |file: &str| fs::read(dir.join(file)).unwrap();
        let other = OTHER_DOCUMENTS.iter().find(|(f, _)| *f == xml_file);
        let mut typed = match (xml::from_slice::<Resource>(&read(&xml_file)), other) {
            (Ok(resource), None) => resource,
            (Err(err), None) => {
                failures.push(format!("{xml_file}: does not decode: {err}"));
                continue;
            }
            (Err(_), Some(_)) => continue,
            (Ok(_), Some((_, what))) => {
                failures.push(format!(
                    "{xml_file}: listed as {what}, but decodes as a resource"
                ));
                continue;
            }
        };
        let json = match json::from_slice::<Resource>(&read(&json_file)) {
            Ok(resource) => resource,
            Err(err) => {
                failures.push(format!("{json_file}: does not decode: {err}"));
                continue;
            }
        };
        if let Err(err) = catalogue::apply(&mut typed, &TypingOptions::default()) {
            failures.push(format!("{xml_file}: typing fails: {err}"));
            continue;
        }
        compared += 1;
        let mut differences = Vec::new();
        compare("", &typed, &json, &mut differences, &mut coverage);
        for (path, what) in differences {
            failures.push(format!("{xml_file} vs {json_file}: {path}: {what}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} differences between typed XML samples and their JSON twins:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The comparison did compare: pairs, typed values of each kind, and relations.
    let count = |class: &str| coverage.values.get(class).copied().unwrap_or(0);
    eprintln!(
        "{compared} pairs; values compared: {:?}; relations: {}",
        coverage.values, coverage.relations
    );
    assert!(compared >= 145, "only {compared} pairs compared");
    for class in ["integer", "boolean", "date", "list"] {
        assert!(
            count(class) >= 10,
            "only {} {class} values compared",
            count(class)
        );
    }
    assert!(
        coverage.relations >= 500,
        "only {} relations compared",
        coverage.relations
    );
}
