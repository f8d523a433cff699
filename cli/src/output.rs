//! Writing to standard output and standard error without panicking: a reader that closes
//! standard output (`| head`) ends the command quietly; another failure to write standard
//! output is exit 2 with a message; failures to write standard error are ignored (there is
//! nowhere left to tell them).

use std::fmt;
use std::io::{self, Write};

use crate::input::Failure;

/// Writes to standard output through a buffer with `write`, then flushes it.
pub fn to_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Failure> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(|err| stdout_failure(&err))
}

/// What a failed write to standard output makes of the command: quiet for a closed pipe,
/// exit 2 with the error for anything else.
fn stdout_failure(err: &io::Error) -> Failure {
    if err.kind() == io::ErrorKind::BrokenPipe {
        Failure::quiet()
    } else {
        Failure {
            code: 2,
            message: format!("cannot write to standard output: {err}"),
        }
    }
}

/// Writes a line to standard error, ignoring failure.
pub fn to_stderr(line: fmt::Arguments<'_>) {
    let mut err = io::stderr().lock();
    let _ = err.write_fmt(line).and_then(|()| err.write_all(b"\n"));
}
