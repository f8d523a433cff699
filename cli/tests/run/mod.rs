//! Running the `ucwa` command in the tests.
#![allow(dead_code)]

/// Runs the `ucwa` command with `args` and `stdin` on its standard input.
pub fn ucwa(args: &[&str], stdin: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_ucwa"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the ucwa binary runs");
    let mut pipe = child.stdin.take().expect("a piped standard input");
    // A command that reads no standard input may be gone before it is written.
    if let Err(err) = pipe.write_all(stdin) {
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe, "{err}");
    }
    drop(pipe);
    child.wait_with_output().expect("the ucwa binary ends")
}

/// [`ucwa`]: its exit code, standard output and standard error as text.
pub fn ucwa_text(args: &[&str], stdin: &[u8]) -> (Option<i32>, String, String) {
    let output = ucwa(args, stdin);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
