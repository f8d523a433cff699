//! The documented samples: every resource decodes, round-trips and converts without loss;
//! every malformed one is rejected at the line where it stops.

#[macro_use]
mod common;

use common::{decode, minify_json, resource_samples, samples, Sample};
use ucwa_codec::Resource;
use ucwa_codec::{diff, json, xml};

#[test]
fn every_resource_sample_decodes() {
    needs_reference!();
    let samples = resource_samples();
    assert!(
        samples.len() > 300,
        "expected the 333 resource samples, found {}",
        samples.len()
    );
    let failures: Vec<String> = samples
        .iter()
        .filter_map(|s| decode(s).err().map(|e| format!("{}: {e}", s.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "samples that did not decode:\n{}",
        failures.join("\n")
    );
}

#[test]
fn json_samples_round_trip_exactly() {
    needs_reference!();
    for sample in resource_samples().iter().filter(|s| s.is_json()) {
        let resource = decode(sample).unwrap();
        let compact = json::to_string(&resource).unwrap();
        // Same members in the same order with the same values; only white space and the
        // spelling of escapes (`\u0027` for `'`) may differ.
        let expected: serde_json::Value = serde_json::from_slice(&sample.bytes).unwrap();
        let written: serde_json::Value = serde_json::from_str(&compact).unwrap();
        assert_eq!(written, expected, "{}", sample.name);
        let original = minify_json(sample.text());
        if !original.contains("\\u") {
            assert_eq!(
                compact, original,
                "{}: member order or spelling changed",
                sample.name
            );
        }
        assert_eq!(
            json::from_str::<Resource>(&compact).unwrap(),
            resource,
            "{}",
            sample.name
        );
        let pretty = json::to_string_pretty(&resource).unwrap();
        assert_eq!(
            json::from_str::<Resource>(&pretty).unwrap(),
            resource,
            "{}",
            sample.name
        );
    }
}

#[test]
fn xml_samples_round_trip_exactly() {
    needs_reference!();
    for sample in resource_samples().iter().filter(|s| !s.is_json()) {
        let resource = decode(sample).unwrap();
        for written in [
            xml::to_string(&resource).unwrap(),
            xml::to_string_pretty(&resource).unwrap(),
        ] {
            let again = xml::from_str::<Resource>(&written).unwrap();
            assert_eq!(again, resource, "{}:\n{written}", sample.name);
            assert_eq!(
                xml::to_string(&again).unwrap(),
                xml::to_string(&resource).unwrap()
            );
        }
    }
}

#[test]
fn every_resource_sample_converts_both_ways_without_loss() {
    needs_reference!();
    for sample in resource_samples() {
        let resource = decode(&sample).unwrap();
        let via_other = if sample.is_json() {
            json::from_str::<Resource>(
                &json::to_string(
                    &xml::from_str::<Resource>(&xml::to_string(&resource).unwrap()).unwrap(),
                )
                .unwrap(),
            )
        } else {
            xml::from_str::<Resource>(
                &xml::to_string(
                    &json::from_str::<Resource>(&json::to_string(&resource).unwrap()).unwrap(),
                )
                .unwrap(),
            )
        }
        .unwrap();
        let differences = diff(&resource, &via_other);
        assert!(differences.is_empty(), "{}: {differences:?}", sample.name);
        assert_eq!(
            count_parts(&resource),
            count_parts(&via_other),
            "{}",
            sample.name
        );
    }
}

/// Links, link attributes, properties and embedded resources, counted over the whole tree.
fn count_parts(resource: &ucwa_codec::Resource) -> (usize, usize, usize, usize) {
    let mut counts = (
        resource.links.iter().map(|g| g.links.len()).sum(),
        resource
            .links
            .iter()
            .flat_map(|g| &g.links)
            .map(|l| l.attributes.len())
            .sum(),
        resource.properties.len(),
        0,
    );
    for child in resource.embedded.iter().flat_map(|g| &g.resources) {
        let (l, a, p, e) = count_parts(child);
        counts = (counts.0 + l, counts.1 + a, counts.2 + p, counts.3 + e + 1);
    }
    counts
}

#[test]
fn snapshots_of_every_resource_sample_in_the_other_format() {
    needs_reference!();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for sample in resource_samples() {
            let resource = decode(&sample).unwrap();
            let converted = if sample.is_json() {
                xml::to_string_pretty(&resource).unwrap()
            } else {
                json::to_string_pretty(&resource).unwrap()
            };
            insta::assert_snapshot!(sample.name.as_str(), converted);
        }
    });
}

/// The line where a malformed sample stops being JSON or XML, found without the codecs:
/// the line of a string broken by a line end, or else the first content after the root.
fn expected_stop_line(sample: &Sample) -> usize {
    let text = sample.text();
    if sample.is_json() {
        let (mut depth, mut in_string, mut escaped, mut closed) = (0i32, false, false, false);
        for (index, line) in text.lines().enumerate() {
            for c in line.chars() {
                if closed && !c.is_whitespace() {
                    return index + 1;
                }
                if in_string {
                    match c {
                        _ if escaped => escaped = false,
                        '\\' => escaped = true,
                        '"' => in_string = false,
                        _ => {}
                    }
                    continue;
                }
                match c {
                    '"' => in_string = true,
                    '{' | '[' => depth += 1,
                    '}' | ']' => {
                        depth -= 1;
                        closed = depth == 0;
                    }
                    _ => {}
                }
            }
            if in_string {
                return index + 1;
            }
        }
        panic!("{}: found no place where it stops", sample.name)
    } else {
        let root_end = text
            .find("</resource>")
            .expect("the XML sample closes its root")
            + "</resource>".len();
        let rest = &text[root_end..];
        let offset = root_end + (rest.len() - rest.trim_start().len());
        text[..offset].matches('\n').count() + 1
    }
}

#[test]
fn malformed_samples_are_rejected_at_the_line_where_they_stop() {
    needs_reference!();
    let invalid = samples("invalid");
    assert_eq!(invalid.len(), 22, "the reference has 22 malformed samples");
    for sample in invalid {
        let err = decode(&sample).expect_err(&sample.name);
        let line = expected_stop_line(&sample);
        assert_eq!(err.line(), line, "{}: {err}", sample.name);
        assert!(
            err.to_string().contains(&format!("line {line}, column ")),
            "{err}"
        );
    }
}
