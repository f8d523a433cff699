//! `ucwa check`: captured payloads held against the reference, file by file in parallel.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use ucwa_codec::check::{self, codes, CheckOptions, Finding, Report, Skipped};

use crate::input::{self, Failure, Limits, ReadError};
use crate::output;

/// Above this many files, a progress bar shows (on a terminal).
const PROGRESS_FROM: usize = 20;

#[derive(clap::Args)]
pub struct Args {
    /// How to write the findings: one line each and a summary, one JSON object, or a SARIF
    /// 2.1.0 log.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Files to check — bare JSON or XML bodies, text files of HTTP messages, HAR files,
    /// Fiddler archives (.saz), batches — or folders, walked recursively (names starting with `.` passed over);
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
    /// A SARIF 2.1.0 log, for code-scanning tools: each code a rule, each finding a result.
    Sarif,
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
            let result = path.report(&args.limits);
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
            for skipped in &report.skipped {
                writeln!(out, "{skipped}")?;
            }
            writeln!(out, "{}", report.summary())
        }
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, report)?;
            writeln!(out)
        }
        OutputFormat::Sarif => {
            serde_json::to_writer_pretty(&mut *out, &check::sarif::log(report))?;
            writeln!(out)
        }
    }
}

/// The path that stands for standard input.
pub(crate) const STDIN: &str = "-";

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

/// The report of a file that was not read (so not counted as checked), and why.
fn not_read(name: &str, message: String) -> Report {
    let mut report = Report::default();
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

/// What a path given, or found in a folder, is to the check.
pub(crate) enum Entry {
    /// A file to read (or standard input).
    File(PathBuf),
    /// A file or folder that cannot be read, and why.
    NotRead(PathBuf, String),
    /// What is no file to read, and why.
    Skipped(PathBuf, &'static str),
}

impl Entry {
    fn report(&self, limits: &Limits) -> Report {
        match self {
            Entry::File(path) => check_file(path, limits),
            Entry::NotRead(path, reason) => not_read(&path.display().to_string(), reason.clone()),
            Entry::Skipped(path, reason) => {
                let mut report = Report::default();
                let file = path.display().to_string();
                report.skipped.push(Skipped::new(file, "file", *reason));
                report
            }
        }
    }
}

/// The files the paths name: each file as given, each folder's files recursively, sorted by
/// name within each folder. A path given that does not exist is a failure; what cannot be read
/// in a folder is an entry that says so.
pub(crate) fn files_of(paths: &[PathBuf]) -> Result<Vec<Entry>, Failure> {
    let mut entries = Vec::new();
    let mut stdin = false;
    for path in paths {
        if path == Path::new(STDIN) {
            if stdin {
                return Err(Failure {
                    code: 2,
                    message: "standard input (`-`) can be checked once".to_owned(),
                });
            }
            stdin = true;
            entries.push(Entry::File(path.clone()));
            continue;
        }
        let metadata = std::fs::metadata(path).map_err(|err| cannot_read(path, &err))?;
        if metadata.is_dir() {
            walk(path, &mut entries);
        } else {
            entries.push(Entry::File(path.clone()));
        }
    }
    Ok(entries)
}

/// Appends a folder's entries, recursively, sorted by name; names starting with `.` are
/// passed over. Regular files (and symbolic links to them) are read; what else is there is
/// skipped, saying why; what cannot be listed or looked at is not read, saying why.
fn walk(dir: &Path, found: &mut Vec<Entry>) {
    let listed = std::fs::read_dir(dir).and_then(|entries| entries.collect::<Result<Vec<_>, _>>());
    let mut entries = match listed {
        Ok(entries) => entries,
        Err(err) => {
            found.push(Entry::NotRead(
                dir.to_owned(),
                format!("cannot list the folder: {err}"),
            ));
            return;
        }
    };
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let file_type = match entry.file_type() {
            Ok(file_type) => file_type,
            Err(err) => {
                found.push(Entry::NotRead(path, err.to_string()));
                continue;
            }
        };
        if file_type.is_dir() {
            walk(&path, found);
        } else if file_type.is_file() {
            found.push(Entry::File(path));
        } else if file_type.is_symlink() {
            match std::fs::metadata(&path) {
                Ok(target) if target.is_file() => found.push(Entry::File(path)),
                Ok(target) if target.is_dir() => found.push(Entry::Skipped(
                    path,
                    "a symbolic link to a folder, not followed",
                )),
                Ok(target) => found.push(Entry::Skipped(path, no_file(&target.file_type()))),
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                    found.push(Entry::Skipped(
                        path,
                        "a symbolic link to nothing (its target does not exist)",
                    ))
                }
                Err(err) => found.push(Entry::NotRead(path, err.to_string())),
            }
        } else {
            found.push(Entry::Skipped(path, no_file(&file_type)));
        }
    }
}

/// Why what is neither a file nor a folder is not read.
fn no_file(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe), not read: it may never end";
        }
        if file_type.is_socket() {
            return "a socket, not read";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device, not read";
        }
    }
    let _ = file_type;
    "neither a file nor a folder, not read"
}
