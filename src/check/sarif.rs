//! A check's report as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format),
//! which code-scanning tools read: one run of the tool `ucwa`, each finding code a rule with
//! its description and default level, each finding a result at its file (and line and column
//! where known), the payload and the path in the document as its logical location.
//!
//! A position inside an archive's entry (a Fiddler archive's `raw/03_s.txt`) is one in a
//! nested artifact: the run lists the archive and, with its `parentIndex`, the entry; the
//! result's location names the entry (its `uri` relative to the archive, and its `index`),
//! its region counting in the entry.

use std::collections::HashMap;

use serde_json::{json, Value as Json};

use super::findings::{codes, Finding, Report, Severity};

/// The SARIF 2.1.0 log of a report, as a JSON value (write it with `serde_json`).
///
/// ```
/// use ucwa_codec::check::{self, sarif};
///
/// let report = check::check_bytes("me.json", br#"{"rel": "me", "_links": {}, "frobs": 3}"#);
/// let log = sarif::log(&report);
/// assert_eq!(log["version"], "2.1.0");
/// let result = &log["runs"][0]["results"][0];
/// assert_eq!(result["ruleId"], "unknown-property");
/// assert_eq!(result["level"], "warning");
/// assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "me.json");
/// ```
pub fn log(report: &Report) -> Json {
    let rules: Vec<Json> = codes::ALL
        .iter()
        .map(|&(code, severity)| {
            json!({
                "id": code,
                "shortDescription": {"text": codes::description_of(code).unwrap_or(code)},
                "defaultConfiguration": {"level": level(severity)},
            })
        })
        .collect();
    let mut artifacts = Artifacts::default();
    let results: Vec<Json> = report
        .findings
        .iter()
        .map(|finding| result(finding, &mut artifacts))
        .collect();
    let mut run = json!({
        "tool": {"driver": {
            "name": "ucwa",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }},
        "results": results,
    });
    if !artifacts.list.is_empty() {
        run["artifacts"] = Json::Array(artifacts.list);
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    })
}

/// The run's `artifacts`: the archives that findings are placed in, each before its entries.
#[derive(Default)]
struct Artifacts {
    list: Vec<Json>,
    /// The index in `list` of (archive, entry or `None` for the archive itself).
    indexes: HashMap<(String, Option<String>), usize>,
}

impl Artifacts {
    /// The index of the artifact `entry` of `file` (of `file` itself when `None`), listed
    /// (after its archive) on first use.
    fn index(&mut self, file: &str, entry: Option<&str>) -> usize {
        let key = (file.to_owned(), entry.map(str::to_owned));
        if let Some(&index) = self.indexes.get(&key) {
            return index;
        }
        let mut artifact = json!({"location": {"uri": uri(entry.unwrap_or(file))}});
        if entry.is_some() {
            artifact["parentIndex"] = json!(self.index(file, None));
        }
        let index = self.list.len();
        self.list.push(artifact);
        self.indexes.insert(key, index);
        index
    }
}

/// A SARIF level.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn result(finding: &Finding, artifacts: &mut Artifacts) -> Json {
    let mut physical = match &finding.entry {
        None => json!({"artifactLocation": {"uri": uri(&finding.file)}}),
        Some(entry) => json!({"artifactLocation": {
            "uri": uri(entry),
            "index": artifacts.index(&finding.file, Some(entry)),
        }}),
    };
    if let (Some(line), Some(column)) = (finding.line, finding.column) {
        physical["region"] = json!({"startLine": line, "startColumn": column});
    }
    let mut place = finding.payload.clone();
    if !finding.path.is_empty() {
        place = format!("{place}: {}", finding.path);
    }
    let mut result = json!({
        "ruleId": finding.code,
        "level": level(finding.severity),
        "message": {"text": finding.message},
        "locations": [{
            "physicalLocation": physical,
            "logicalLocations": [{"fullyQualifiedName": place}],
        }],
    });
    if let Some(index) = codes::ALL
        .iter()
        .position(|(code, _)| *code == finding.code)
    {
        result["ruleIndex"] = json!(index);
    }
    result
}

/// A file name as a SARIF URI reference: forward slashes, and the bytes a URI cannot hold
/// percent-encoded.
fn uri(file: &str) -> String {
    let mut out = String::with_capacity(file.len());
    for byte in file.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:@!$&'()*+,;=".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_become_uri_references() {
        assert_eq!(uri("captures/a b.har"), "captures/a%20b.har");
        assert_eq!(uri(r"c:\x\é.json"), "c:/x/%C3%A9.json");
        assert_eq!(uri("-"), "-");
    }

    #[test]
    fn every_code_has_a_description() {
        for (code, _) in codes::ALL {
            assert!(codes::description_of(code).is_some(), "{code}");
        }
        assert_eq!(codes::DESCRIPTIONS.len(), codes::ALL.len());
    }
}
