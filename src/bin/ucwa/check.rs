//! `ucwa check`: captured payloads held against the reference, file by file in parallel.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use ucwa_codec::check::{self, codes, CheckOptions, Finding, Report};

use crate::input::{self, Failure, Limits, ReadError};
use crate::output;

/// Above this many files, a progress bar shows (on a terminal).
const PROGRESS_FROM: usize = 20;

#[derive(clap::Args)]
pub struct Args {
    /// How to write the findings: one line each and a summary, or one JSON object.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Files to check — bare JSON or XML bodies, text files of HTTP messages, HAR files,
    /// batches — or folders, walked recursively (names starting with `.` passed over);
    /// standard input when absent or `-`.
    paths: Vec<PathBuf>,
    #[command(flatten)]
    limits: Limits,
}

/// How `check` writes its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// `FILE: PAYLOAD: SEVERITY[CODE] PATH: MESSAGE` lines, then a summary line.
    Text,
    /// `{"findings": [...], "skipped": [...], "summary": {...}}`.
    Json,
}

/// Exit 0 when no finding is an error, 1 when one is (a file that cannot be read is one), 2
/// when a path given does not exist.
pub fn run(args: &Args) -> ExitCode {
    let stdin = [PathBuf::from(STDIN)];
    let paths = if args.paths.is_empty() {
        &stdin[..]
    } else {
        &args.paths
    };
    let files = match files_of(paths) {
        Ok(files) => files,
        Err(failure) => return input::report(failure),
    };
    let progress = if files.len() > PROGRESS_FROM && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(files.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {wide_msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    // `collect` keeps the files' order, whichever thread checked each.
    let results: Vec<Report> = files
        .par_iter()
        .map(|path| {
            let result = check_file(path, &args.limits);
            progress.inc(1);
            result
        })
        .collect();
    progress.finish_and_clear();

    let mut report = Report::default();
    for one in results {
        report.merge(one);
    }
    if let Err(failure) = output::to_stdout(|out| write_report(out, &report, args.format)) {
        return input::report(failure);
    }
    if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn write_report(out: &mut dyn Write, report: &Report, format: OutputFormat) -> std::io::Result<()> {
    match format {
        OutputFormat::Text => {
            for finding in &report.findings {
                writeln!(out, "{finding}")?;
            }
            writeln!(out, "{}", report.summary())
        }
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, report)?;
            writeln!(out)
        }
    }
}

/// The path that stands for standard input.
const STDIN: &str = "-";

/// The report of one file; one that cannot be read, or is larger than `--max-size`, is a
/// [`FILE_NOT_READ`](codes::FILE_NOT_READ) finding.
fn check_file(path: &Path, limits: &Limits) -> Report {
    match input::read(Some(path), &limits.options()) {
        Ok(input) => {
            let options = CheckOptions::new().with_decode(input.options);
            check::check_bytes_with(&input.name, &input.bytes, &options)
        }
        Err(ReadError { name, reason, .. }) => not_read(&name, reason),
    }
}

/// The report of a file that was not read, and why.
fn not_read(name: &str, message: String) -> Report {
    let mut report = Report::default();
    report.files = 1;
    report.findings.push(Finding::new(
        name,
        "file",
        "",
        codes::FILE_NOT_READ,
        message,
    ));
    report
}

fn cannot_read(path: &Path, err: &std::io::Error) -> Failure {
    Failure {
        code: 2,
        message: format!("cannot read {}: {err}", path.display()),
    }
}

/// The files the paths name: each file as given, each folder's files recursively, sorted by
/// name within each folder.
fn files_of(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for path in paths {
        if path == Path::new(STDIN) {
            if files.iter().any(|file| file == path) {
                return Err(Failure {
                    code: 2,
                    message: "standard input (`-`) can be checked once".to_owned(),
                });
            }
            files.push(path.clone());
            continue;
        }
        let metadata = std::fs::metadata(path).map_err(|err| cannot_read(path, &err))?;
        if metadata.is_dir() {
            walk(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// Appends a folder's files, recursively, sorted by name; names starting with `.` and
/// symbolic links to folders are passed over.
fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), Failure> {
    let entries = std::fs::read_dir(dir).map_err(|err| cannot_read(dir, &err))?;
    let mut entries: Vec<_> = entries
        .collect::<Result<_, _>>()
        .map_err(|err| cannot_read(dir, &err))?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let file_type = entry.file_type().map_err(|err| cannot_read(&path, &err))?;
        if file_type.is_dir() {
            walk(&path, files)?;
        } else if file_type.is_file() || path.is_file() {
            files.push(path);
        }
    }
    Ok(())
}
