//! The project's own fixtures (`tests/fixtures/`): one document of every kind in both formats
//! — resources, an events document, an error body, OPTIONS metadata, batches — decoded, written
//! back, converted and checked. These need no UCWA reference, so they always run.

mod common;

use std::path::Path;

use ucwa_codec::batch::Batch;
use ucwa_codec::catalogue::{self, TypingOptions};
use ucwa_codec::check;
use ucwa_codec::diff::diff_documents;
use ucwa_codec::document::{self, Document, DocumentKind};
use ucwa_codec::{Format, Value};

/// Each document fixture pair (`NAME.json`, `NAME.xml`) and the kind both are.
const DOCUMENTS: &[(&str, DocumentKind)] = &[
    ("conversation", DocumentKind::Resource),
    ("invitation", DocumentKind::Resource),
    ("events", DocumentKind::Events),
    ("error", DocumentKind::Error),
    ("metadata", DocumentKind::Metadata),
];

/// The batch fixtures: the same three responses with JSON and with XML bodies.
const BATCHES: (&str, &str) = ("batch-json.multipart", "batch-xml.multipart");

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

fn decode(name: &str) -> Document {
    document::decode(&fixture(name), None).unwrap_or_else(|err| panic!("{name}: {err}"))
}

#[test]
fn every_fixture_decodes_as_its_kind() {
    for (name, kind) in DOCUMENTS {
        for format in ["json", "xml"] {
            let file = format!("{name}.{format}");
            assert_eq!(decode(&file).kind(), *kind, "{file}");
        }
    }
    for name in [BATCHES.0, BATCHES.1] {
        let batch = Batch::parse(&fixture(name), None).unwrap();
        let kinds: Vec<Option<DocumentKind>> = batch
            .parts
            .iter()
            .map(|part| part.message.document.as_ref().map(Document::kind))
            .collect();
        assert_eq!(
            kinds,
            [
                Some(DocumentKind::Resource),
                Some(DocumentKind::Error),
                None
            ],
            "{name}"
        );
    }
}

#[test]
fn every_fixture_writes_back_exactly() {
    for (name, _) in DOCUMENTS {
        let json = fixture(&format!("{name}.json"));
        let written = document::encode(&decode(&format!("{name}.json")), Format::Json, false);
        assert_eq!(
            String::from_utf8(written.unwrap()).unwrap(),
            common::minify_json(std::str::from_utf8(&json).unwrap()),
            "{name}.json"
        );
        let xml = fixture(&format!("{name}.xml"));
        let written = document::encode(&decode(&format!("{name}.xml")), Format::Xml, true);
        assert_eq!(
            String::from_utf8(written.unwrap()).unwrap(),
            String::from_utf8(xml).unwrap(),
            "{name}.xml"
        );
    }
    for name in [BATCHES.0, BATCHES.1] {
        let bytes = fixture(name);
        assert_eq!(
            Batch::parse(&bytes, None).unwrap().to_vec().unwrap(),
            bytes,
            "{name}"
        );
    }
}

#[test]
fn every_fixture_converts_to_its_twin() {
    for (name, _) in DOCUMENTS {
        let (json, xml) = (
            decode(&format!("{name}.json")),
            decode(&format!("{name}.xml")),
        );
        // JSON to XML and back: the same by meaning.
        let as_xml = document::encode(&json, Format::Xml, true).unwrap();
        let back = document::decode(&as_xml, None).unwrap();
        assert_eq!(diff_documents(&back, &xml), [], "{name}: JSON -> XML");
        // XML to JSON, typed with the catalogue as `ucwa convert` does: the JSON twin exactly
        // (dates in UTC milliseconds).
        let mut typed = xml.clone();
        catalogue::apply_to_document(&mut typed, &TypingOptions::default()).unwrap();
        for resource in typed.resources_mut() {
            resource.for_each_value_mut(&mut |value| {
                if let Value::Date(date) = value {
                    *date = date.to_utc();
                }
            });
        }
        let as_json = document::encode(&typed, Format::Json, false).unwrap();
        assert_eq!(
            common::json_value(&as_json),
            common::json_value(&fixture(&format!("{name}.json"))),
            "{name}: XML -> JSON"
        );
    }
    let (json, xml) = (fixture(BATCHES.0), fixture(BATCHES.1));
    let converted = ucwa_codec::batch::convert_pretty(&json, None, Format::Xml).unwrap();
    assert_eq!(
        String::from_utf8(converted).unwrap(),
        String::from_utf8(xml.clone()).unwrap()
    );
    let back = ucwa_codec::batch::convert(&xml, None, Format::Json).unwrap();
    assert_eq!(back, json);
}

#[test]
fn every_fixture_checks_clean() {
    let mut names: Vec<String> = DOCUMENTS
        .iter()
        .flat_map(|(name, _)| [format!("{name}.json"), format!("{name}.xml")])
        .collect();
    names.extend([BATCHES.0.to_owned(), BATCHES.1.to_owned()]);
    for name in names {
        let report = check::check_bytes(&name, &fixture(&name));
        assert!(report.payloads > 0, "{name}");
        let findings: Vec<String> = report.findings.iter().map(ToString::to_string).collect();
        assert!(findings.is_empty(), "{}", findings.join("\n"));
    }
}

#[test]
fn every_fixture_equals_itself_under_diff() {
    use ucwa_codec::batch;
    use ucwa_codec::diff::{diff_documents_with, Comparison};
    for comparison in [Comparison::Meaning, Comparison::Exact] {
        for (name, _) in DOCUMENTS {
            for file in [format!("{name}.json"), format!("{name}.xml")] {
                let doc = decode(&file);
                assert_eq!(
                    diff_documents_with(&doc, &doc, comparison),
                    vec![],
                    "{file}"
                );
            }
        }
        for file in [BATCHES.0, BATCHES.1] {
            let batch = Batch::parse(&fixture(file), None).unwrap();
            assert_eq!(batch::diff(&batch, &batch, comparison), vec![], "{file}");
        }
    }
}
