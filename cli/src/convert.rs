//! `ucwa convert`: one format to the other (or the same, normalized), for every kind of
//! document and for batches, part by part.

use std::process::ExitCode;

use ucwa_codec::batch;
use ucwa_codec::convert::{convert_to_writer, ConvertOptions};
use ucwa_codec::{ErrorKind, Warning};

use crate::input::{self, Failure, Format, Input, Limits, PathArg, Payload};
use crate::output;

#[derive(clap::Args)]
pub struct Args {
    /// The format to write.
    #[arg(long, value_enum)]
    to: Format,
    /// The format to read (detected from the content when absent).
    #[arg(long, value_enum)]
    from: Option<Format>,
    /// Write without indentation.
    #[arg(long)]
    compact: bool,
    /// From XML to JSON, leave XML's text untyped instead of typing it with the resource
    /// catalogue (integers, booleans, dates, documented arrays).
    #[arg(long)]
    untyped: bool,
    /// From XML to JSON, fail on a value that does not fit its documented type, instead of
    /// keeping it as text with a warning.
    #[arg(long, conflicts_with = "untyped")]
    strict: bool,
    /// What the conversion does without `--strict` (kept for scripts that pass it).
    #[arg(long, hide = true, conflicts_with_all = ["untyped", "strict"])]
    lenient: bool,
    #[command(flatten)]
    limits: Limits,
    /// The payload to read; standard input when absent or `-`.
    file: Option<PathArg>,
}

pub fn run(args: &Args) -> ExitCode {
    match convert(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => input::report(failure),
    }
}

fn convert(args: &Args) -> Result<(), Failure> {
    let mut input =
        input::read(args.file.as_deref(), &args.limits.options()).map_err(|e| e.failure(1))?;
    let to = args.to.into();
    let mut options = ConvertOptions::default()
        .pretty(!args.compact)
        .strict(args.strict);
    if args.untyped {
        options = options.typing(None);
    }
    let (bytes, warnings, errors) = match input.payload(args.from, 1)? {
        Payload::Document(mut doc) => {
            let from = args
                .from
                .or_else(|| input::detect(&input.bytes))
                .map_or(to, Into::into);
            // The document holds all it read: the input need not stay beside it, and the
            // output is written as it is encoded.
            input.bytes = Vec::new();
            let mut converted = Ok(Vec::new());
            output::to_stdout(|out| {
                let mut out = output::LineEnded::new(out);
                converted =
                    out.keeping_errors(|out| convert_to_writer(&mut doc, from, to, &options, out))?;
                match converted {
                    Ok(_) => out.end_line(),
                    Err(_) => Ok(()),
                }
            })?;
            let warnings = converted.map_err(|err| cannot_convert(&input, args, &err))?;
            warn(&input.name, &warnings);
            return Ok(());
        }
        Payload::Batch(mut batch) => {
            let outcome = batch.convert(to, &options);
            let bytes = batch
                .to_vec()
                .map_err(|err| cannot_convert(&input, args, &err))?;
            (bytes, outcome.warnings, outcome.errors)
        }
        Payload::Message(mut message, mut batch) => {
            let outcome = batch.convert(to, &options);
            let bytes = batch::write_message(&mut message, &batch)
                .map_err(|err| cannot_convert(&input, args, &err))?;
            (bytes, outcome.warnings, outcome.errors)
        }
    };
    warn(&input.name, &warnings);
    // A batch is written byte for byte as it stands: a line end added would change it. Its
    // parts that could not be converted are written as they were.
    output::to_stdout(|out| out.write_all(&bytes))?;
    batch_errors(&input, &errors)
}

/// Prints each warning on standard error.
fn warn(name: &str, warnings: &[Warning]) {
    for warning in warnings {
        output::to_stderr(format_args!("warning: {name}: {warning}"));
    }
}

/// The parts of a batch that were not converted: each on standard error, then exit 1.
fn batch_errors(input: &Input, errors: &[ucwa_codec::Error]) -> Result<(), Failure> {
    let Some((last, others)) = errors.split_last() else {
        return Ok(());
    };
    for err in others {
        output::to_stderr(format_args!("error: {}", input.render_error(err)));
    }
    Err(Failure {
        code: 1,
        message: input.render_error(last),
    })
}

fn cannot_convert(input: &Input, args: &Args, err: &ucwa_codec::Error) -> Failure {
    let message = match err.kind() {
        ErrorKind::Value if args.strict => format!(
            "{}: {err} (without --strict it stays text, with a warning; or use --untyped)",
            input.name
        ),
        _ => format!("{}: cannot write it as {:?}: {err}", input.name, args.to),
    };
    Failure { code: 1, message }
}
