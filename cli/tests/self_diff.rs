//! Every document equals itself under `ucwa diff`, by meaning and exactly.

#[macro_use]
#[path = "../../tests/common/mod.rs"]
mod common;
mod run;

use std::process::Command;

/// The valid samples that are no UCWA document the codecs model.
const UNMODELLED: &[&str] = &[
    "makeMeAvailable2.post.response.3.xml",
    "xframe.get.response.1.xml",
];

#[test]
fn every_sample_equals_itself_in_the_command() {
    needs_reference!();
    let dir = common::docs().join("samples/valid");
    let mut failures = Vec::new();
    for sample in common::samples("valid") {
        let path = dir.join(&sample.name);
        for exact in [false, true] {
            let mut command = Command::new(env!("CARGO_BIN_EXE_ucwa"));
            command.arg("diff");
            if exact {
                command.arg("--exact");
            }
            let output = command.arg(&path).arg(&path).output().unwrap();
            // The two documents the codecs do not model cannot be read, and say so (exit 2).
            let unmodelled = UNMODELLED.contains(&sample.name.as_str());
            let expected = if unmodelled { 2 } else { 0 };
            if output.status.code() != Some(expected) {
                failures.push(format!(
                    "{} (exact: {exact}): exit {:?}: {}{}",
                    sample.name,
                    output.status.code(),
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_command_compares_exactly_with_exact() {
    let dir = std::env::temp_dir().join(format!("ucwa-self-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let a = dir.join("a.json");
    let b = dir.join("b.json");
    std::fs::write(&a, r#"{"rel":"x","n":11,"_links":{"self":{"href":"/x"}}}"#).unwrap();
    std::fs::write(
        &b,
        r#"{"rel":"x","n":"11","_links":{"self":{"href":"/x"}}}"#,
    )
    .unwrap();
    let run = |exact: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ucwa"));
        command.arg("diff");
        if exact {
            command.arg("--exact");
        }
        command.arg(&a).arg(&b).output().unwrap()
    };
    assert_eq!(run(false).status.code(), Some(0));
    let exact = run(true);
    assert_eq!(exact.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&exact.stdout), "n: 11 -> \"11\"\n");
    std::fs::remove_dir_all(&dir).unwrap();
}
