//! The project's own fixtures (`tests/fixtures/`) through the command. These need no UCWA
//! reference, so they always run.

#[path = "../../tests/common/mod.rs"]
mod common;

#[test]
fn every_fixture_equals_itself_under_diff_in_the_command() {
    let dir = common::repo_root().join("tests/fixtures");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        for exact in [false, true] {
            let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_ucwa"));
            command.arg("diff");
            if exact {
                command.arg("--exact");
            }
            let output = command.arg(&path).arg(&path).output().unwrap();
            assert_eq!(
                output.status.code(),
                Some(0),
                "{}: {output:?}",
                path.display()
            );
        }
    }
}
