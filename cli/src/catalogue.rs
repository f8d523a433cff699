//! `ucwa catalogue`: what the reference documents of one resource type, for people or as JSON.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::ValueEnum;
use serde_json::{json, Value};
use ucwa_codec::catalogue::{
    self, OperationSpec, PropertySpec, RequestFieldSpec, ResourceSpec, ValueType,
};
use ucwa_codec::Cardinality;

use crate::input::{self, Failure};
use crate::output;

#[derive(clap::Args)]
pub struct Args {
    /// How to write it: a description for people, or one JSON object.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// A resource type (a `"rel"`: `contact`) or a reference page (a link relation:
    /// `acceptedByContact`, `startMessaging`).
    name: String,
}

/// How `catalogue` writes the entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Sections for people: properties, links, embedded, operations, scopes, events.
    Text,
    /// One JSON object with the same sections.
    Json,
}

/// The width that lists of names are wrapped to.
const WIDTH: usize = 96;

/// At most this many close names are suggested for an unknown one.
const SUGGESTIONS: usize = 5;

/// Exit 0 with the entry written, 2 when NAME is neither a type nor a page.
pub fn run(args: &Args) -> ExitCode {
    let Some(spec) = look_up(&args.name) else {
        return input::report(Failure {
            code: 2,
            message: unknown(&args.name),
        });
    };
    let written = output::to_stdout(|out| match args.format {
        Format::Text => write_text(out, spec),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json(spec))?;
            writeln!(out)
        }
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => input::report(failure),
    }
}

/// The resource type of that name, else the type the page of that name documents.
fn look_up(name: &str) -> Option<&'static ResourceSpec> {
    catalogue::resource(name).or_else(|| catalogue::page(name))
}

/// The message for a name the catalogue does not know, with the closest names it does.
fn unknown(name: &str) -> String {
    let mut message = format!(
        "`{}` is neither a resource type nor a reference page of the catalogue",
        name.escape_debug()
    );
    let close = close_names(name);
    if !close.is_empty() {
        message.push_str("; did you mean ");
        message.push_str(&close.join(", "));
        message.push('?');
    }
    message
}

/// Type and page names near `name`: the same but for case, or a few edits away, closest first.
fn close_names(name: &str) -> Vec<&'static str> {
    let wanted = name.to_ascii_lowercase();
    let limit = (wanted.chars().count() / 3).clamp(1, 3);
    let mut names: Vec<&'static str> = catalogue::resources()
        .iter()
        .flat_map(|r| std::iter::once(r.name).chain(r.pages.iter().copied()))
        .collect();
    names.sort_unstable();
    names.dedup();
    let mut close: Vec<(usize, &'static str)> = names
        .into_iter()
        .filter_map(|candidate| {
            let distance = edit_distance(&wanted, &candidate.to_ascii_lowercase());
            (distance <= limit).then_some((distance, candidate))
        })
        .collect();
    close.sort_unstable();
    close
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, n)| n)
        .collect()
}

/// The Levenshtein distance between two strings, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

fn cardinality(c: Cardinality) -> &'static str {
    match c {
        Cardinality::Single => "single",
        Cardinality::Array => "array",
    }
}

/// A value type as the catalogue names it, `list of ...` for a list; `type unknown` where
/// none.
fn type_text(value_type: Option<ValueType>, list: bool) -> String {
    match (value_type, list) {
        (Some(t), false) => t.to_string(),
        (Some(t), true) => format!("list of {t}"),
        (None, false) => "type unknown".to_owned(),
        (None, true) => "list, type unknown".to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Text.

/// Writes `rows` as aligned columns, indented, or `  none` when there are none.
fn write_rows(out: &mut dyn Write, indent: &str, rows: &[Vec<String>]) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "{indent}none");
    }
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
        })
        .map(|w| w.unwrap_or(0))
        .collect();
    for row in rows {
        let mut line = indent.to_owned();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 == row.len() {
                line.push_str(cell);
            } else {
                let pad = widths[c] - cell.chars().count();
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', pad + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Writes `words`, comma-separated, in lines of at most [`WIDTH`] characters.
fn write_wrapped(out: &mut dyn Write, indent: &str, words: &[&str]) -> io::Result<()> {
    let mut line = String::new();
    for (i, word) in words.iter().enumerate() {
        let word = if i + 1 < words.len() {
            format!("{word},")
        } else {
            (*word).to_owned()
        };
        if !line.is_empty() && indent.len() + line.len() + 1 + word.len() > WIDTH {
            writeln!(out, "{indent}{line}")?;
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    writeln!(out, "{indent}{line}")
}

fn property_row(p: &PropertySpec) -> Vec<String> {
    vec![p.name.to_owned(), type_text(p.value_type, p.list)]
}

fn field_row(f: &RequestFieldSpec) -> Vec<String> {
    let mut about = type_text(f.value_type, f.list);
    about.push_str(if f.required {
        ", required"
    } else {
        ", optional"
    });
    if let Some(n) = f.max_length {
        about.push_str(&format!(", at most {n} characters"));
    }
    vec![f.name.to_owned(), about]
}

fn write_operation(out: &mut dyn Write, o: &OperationSpec) -> io::Result<()> {
    let response = o.response.unwrap_or("no resource");
    writeln!(out, "  {} {} -> {response}", o.method, o.page)?;
    if !o.query.is_empty() {
        writeln!(out, "    query parameters:")?;
        let rows: Vec<Vec<String>> = o
            .query
            .iter()
            .map(|q| {
                let required = if q.required { "required" } else { "optional" };
                vec![q.name.to_owned(), required.to_owned()]
            })
            .collect();
        write_rows(out, "      ", &rows)?;
    }
    if !o.request.is_empty() {
        writeln!(out, "    request body:")?;
        let rows: Vec<Vec<String>> = o.request.iter().map(field_row).collect();
        write_rows(out, "      ", &rows)?;
    }
    writeln!(out, "    errors:")?;
    let rows: Vec<Vec<String>> = o
        .errors
        .iter()
        .map(|e| {
            let subcode = e.subcode.unwrap_or("-").to_owned();
            vec![e.status.to_string(), e.code.to_owned(), subcode]
        })
        .collect();
    write_rows(out, "      ", &rows)
}

fn write_text(out: &mut dyn Write, r: &ResourceSpec) -> io::Result<()> {
    writeln!(out, "RESOURCE: {}", r.name)?;
    let pages = if r.pages.is_empty() {
        "none (only the samples show this type)".to_owned()
    } else {
        r.pages.join(", ")
    };
    writeln!(out, "PAGES:    {pages}")?;

    writeln!(out, "\nPROPERTIES:")?;
    let rows: Vec<Vec<String>> = r.properties.iter().map(property_row).collect();
    write_rows(out, "  ", &rows)?;

    writeln!(out, "\nLINKS:")?;
    let rows: Vec<Vec<String>> = r
        .links
        .iter()
        .map(|l| {
            let c = l.cardinality.map_or("cardinality unknown", cardinality);
            vec![l.rel.to_owned(), c.to_owned()]
        })
        .collect();
    write_rows(out, "  ", &rows)?;

    writeln!(out, "\nEMBEDDED:")?;
    let rows: Vec<Vec<String>> = r
        .embedded
        .iter()
        .map(|e| {
            let held = e.type_name.unwrap_or("type unknown");
            vec![
                e.relation.to_owned(),
                cardinality(e.cardinality).to_owned(),
                held.to_owned(),
            ]
        })
        .collect();
    write_rows(out, "  ", &rows)?;

    writeln!(out, "\nOPERATIONS:")?;
    if r.operations.is_empty() {
        writeln!(out, "  none")?;
    }
    for o in r.operations {
        write_operation(out, o)?;
    }
    if !r.operations.is_empty() {
        writeln!(
            out,
            "  any operation, besides its own errors, the generic ones:"
        )?;
        write_wrapped(out, "    ", catalogue::generic_errors())?;
    }

    writeln!(out, "\nSCOPES (any one allows the operations):")?;
    let rows: Vec<Vec<String>> = r.scopes.iter().map(|s| vec![(*s).to_owned()]).collect();
    write_rows(out, "  ", &rows)?;

    writeln!(out, "\nEVENTS:")?;
    let rows: Vec<Vec<String>> = r
        .events
        .iter()
        .map(|e| {
            let priority = e
                .priority
                .map_or("priority unknown".to_owned(), |p| format!("priority {p}"));
            vec![
                e.kind.to_string(),
                e.resource.to_owned(),
                format!("sender {}", e.sender),
                priority,
            ]
        })
        .collect();
    write_rows(out, "  ", &rows)
}

// ---------------------------------------------------------------------------------------------
// JSON.

fn to_json(r: &ResourceSpec) -> Value {
    let type_name = |t: Option<ValueType>| t.map(|t| t.to_string());
    let properties: Vec<Value> = r
        .properties
        .iter()
        .map(|p| json!({"name": p.name, "type": type_name(p.value_type), "list": p.list}))
        .collect();
    let links: Vec<Value> = r
        .links
        .iter()
        .map(|l| json!({"rel": l.rel, "cardinality": l.cardinality.map(cardinality)}))
        .collect();
    let embedded: Vec<Value> = r
        .embedded
        .iter()
        .map(|e| {
            json!({
                "relation": e.relation,
                "type": e.type_name,
                "cardinality": cardinality(e.cardinality),
            })
        })
        .collect();
    let operations: Vec<Value> = r
        .operations
        .iter()
        .map(|o| {
            let query: Vec<Value> = o
                .query
                .iter()
                .map(|q| json!({"name": q.name, "required": q.required}))
                .collect();
            let request: Vec<Value> = o
                .request
                .iter()
                .map(|f| {
                    json!({
                        "name": f.name,
                        "type": type_name(f.value_type),
                        "list": f.list,
                        "required": f.required,
                        "max_length": f.max_length,
                        "enumeration": f.enumeration().map(|e| e.name),
                    })
                })
                .collect();
            let errors: Vec<Value> = o
                .errors
                .iter()
                .map(|e| json!({"status": e.status, "code": e.code, "subcode": e.subcode}))
                .collect();
            json!({
                "page": o.page,
                "method": o.method.as_str(),
                "query": query,
                "request": request,
                "response": o.response,
                "errors": errors,
            })
        })
        .collect();
    let events: Vec<Value> = r
        .events
        .iter()
        .map(|e| {
            json!({
                "type": e.kind.as_str(),
                "resource": e.resource,
                "sender": e.sender,
                "priority": e.priority.map(|p| p.as_str()),
            })
        })
        .collect();
    json!({
        "name": r.name,
        "pages": r.pages,
        "properties": properties,
        "links": links,
        "embedded": embedded,
        "operations": operations,
        "scopes": r.scopes,
        "events": events,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("contact", "contact"), 0);
        assert_eq!(edit_distance("contcat", "contact"), 2);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn close_names_are_suggested() {
        assert_eq!(close_names("Contact").first(), Some(&"contact"));
        assert!(close_names("startMesaging").contains(&"startMessaging"));
        assert!(close_names("zzzzzzzzzzzzzzzz").is_empty());
    }
}
