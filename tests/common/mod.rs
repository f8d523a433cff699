//! What the integration tests share: where the UCWA reference is, and reading its samples.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The UCWA reference folder: `$UCWA_DOCS`, or `../shared/ucwa-docs` beside the project.
/// Panics (the test fails loudly) when it is not there.
pub fn docs_dir() -> PathBuf {
    let dir = match std::env::var_os("UCWA_DOCS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/ucwa-docs"),
    };
    assert!(
        dir.join("samples/valid").is_dir(),
        "the UCWA reference is not at {} (set UCWA_DOCS to its folder)",
        dir.display()
    );
    dir
}

/// The samples of `samples/valid` or `samples/invalid` whose file names satisfy `keep`,
/// sorted by name, with their bytes.
pub fn samples(folder: &str, keep: impl Fn(&str) -> bool) -> Vec<(String, Vec<u8>)> {
    let dir = docs_dir().join("samples").join(folder);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_owned();
            keep(&name).then(|| {
                let bytes = std::fs::read(&path)
                    .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
                (name, bytes)
            })
        })
        .collect();
    out.sort();
    out
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
