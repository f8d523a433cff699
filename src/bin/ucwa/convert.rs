//! `ucwa convert`: one format to the other (or the same, normalized), for every kind of
//! document and for batches, part by part.

use std::process::ExitCode;

use ucwa_codec::batch::{self, Batch};
use ucwa_codec::catalogue::{self, OnMismatch, TypingOptions};
use ucwa_codec::document::{self, Document};

use crate::input::{self, Failure, Format, PathArg, Payload};
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
    /// From XML to JSON, keep a value that does not fit its documented type as text, with a
    /// warning, instead of failing.
    #[arg(long, conflicts_with = "untyped")]
    lenient: bool,
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
    let input = input::read(args.file.as_deref())?;
    let invalid = |err: ucwa_codec::Error| Failure {
        code: 1,
        message: input.render_error(&err),
    };
    let cannot_write = |err: ucwa_codec::Error| Failure {
        code: 1,
        message: format!("{}: cannot write it as {:?}: {err}", input.name, args.to),
    };
    let to = args.to.into();
    let pretty = !args.compact;
    let bytes = match input.payload(args.from, 1)? {
        Payload::Document(mut doc) => {
            let from = args.from.or_else(|| input::detect(&input.bytes));
            if from == Some(Format::Xml) {
                type_document(args, &mut doc, &input.name)?;
            }
            let mut bytes = document::encode(&doc, to, pretty).map_err(cannot_write)?;
            if bytes.last() != Some(&b'\n') {
                bytes.push(b'\n');
            }
            bytes
        }
        Payload::Batch(mut batch) => {
            type_batch(args, &mut batch, &input.name)?;
            batch.convert(to, pretty).map_err(invalid)?;
            batch.to_vec()
        }
        Payload::Message(mut message, mut batch) => {
            type_batch(args, &mut batch, &input.name)?;
            batch.convert(to, pretty).map_err(invalid)?;
            batch::write_message(&mut message, &batch)
        }
    };
    // A batch is written byte for byte as it stands: a line end added would change it.
    output::to_stdout(|out| out.write_all(&bytes))
}

/// From XML to JSON (unless `--untyped`): types the document's values with the resource
/// catalogue, and writes its dates in UTC milliseconds as UCWA's JSON does.
fn type_document(args: &Args, doc: &mut Document, name: &str) -> Result<(), Failure> {
    if args.to != Format::Json || args.untyped {
        return Ok(());
    }
    let mut options = TypingOptions::default();
    if args.lenient {
        options.on_mismatch = OnMismatch::Warn;
    }
    let warnings = catalogue::apply_to_document(doc, &options).map_err(|err| Failure {
        code: 1,
        message: format!("{name}: {err} (use --lenient to keep it as text, or --untyped)"),
    })?;
    for warning in warnings {
        output::to_stderr(format_args!("warning: {name}: {warning}"));
    }
    for resource in doc.resources_mut() {
        resource.for_each_value_mut(&mut |value| {
            if let ucwa_codec::Value::Date(date) = value {
                *date = date.to_utc();
            }
        });
    }
    Ok(())
}

/// Types the XML parts of a batch, as [`type_document`] does.
fn type_batch(args: &Args, batch: &mut Batch, name: &str) -> Result<(), Failure> {
    for (index, part) in batch.parts.iter_mut().enumerate() {
        if part.message.format() != Some(ucwa_codec::Format::Xml) {
            continue;
        }
        if let Some(doc) = part.message.document.as_mut() {
            type_document(args, doc, &format!("{name}, part {}", index + 1))?;
        }
    }
    Ok(())
}
