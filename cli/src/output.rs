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

/// A writer that ends what it wrote with a line end, if it did not end in one, and keeps the
/// errors of the writer under it apart from those of what writes through it.
pub struct LineEnded<'w> {
    out: &'w mut dyn Write,
    last: Option<u8>,
    error: Option<io::Error>,
}

impl<'w> LineEnded<'w> {
    pub fn new(out: &'w mut dyn Write) -> LineEnded<'w> {
        LineEnded {
            out,
            last: None,
            error: None,
        }
    }

    /// Runs `write` on this writer: its result, or the error of the writer under it if that
    /// is what stopped it.
    pub fn keeping_errors<T, E>(
        &mut self,
        write: impl FnOnce(&mut Self) -> Result<T, E>,
    ) -> io::Result<Result<T, E>> {
        let result = write(self);
        match self.error.take() {
            Some(err) => Err(err),
            None => Ok(result),
        }
    }

    /// Writes a line end unless the last byte written was one.
    pub fn end_line(&mut self) -> io::Result<()> {
        if self.last != Some(b'\n') {
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }
}

impl Write for LineEnded<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.out.write(buf) {
            Ok(written) => {
                if written > 0 {
                    self.last = Some(buf[written - 1]);
                }
                Ok(written)
            }
            // Retried by `write_all`.
            Err(err) if err.kind() == io::ErrorKind::Interrupted => Err(err),
            Err(err) => {
                let told = io::Error::new(err.kind(), err.to_string());
                self.error = Some(err);
                Err(told)
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
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
