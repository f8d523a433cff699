//! The resource catalogue's generator: reads the UCWA 2.0 reference pages and their JSON
//! samples and writes `src/catalogue/generated.rs`.
//!
//! Plain Rust, included by `examples/gen_catalogue.rs` (which writes the file) and by
//! `tests/catalogue_fresh.rs` (which checks that the committed file is what it would write).
//! Where each fact comes from is described in `docs/catalogue.md`; in short:
//!
//! - enumerations: the capitalized pages (`Availability_ref.md`), their Members table;
//! - a page's wire type: the `"rel"` of its own GET (or PUT) response sample, else its name
//!   without a trailing version number (`search2` -> `search`); pages of one type are merged;
//! - properties, links and embedded relations: the Properties and Links tables, and every
//!   resource object in the JSON samples, attributed to its own `"rel"` (an embedded object
//!   without one to the type of its relation);
//! - a property's value type: the JSON samples where they show one; else an enumeration the
//!   Properties table links to; else the type a request-body table of the same page writes
//!   after the property (`Nullable Int32`, `(AccessLevel)...`); else unknown;
//! - cardinality and an embedded relation's type: the JSON samples;
//! - events: the tables of the Events section, with each event's priority;
//! - operations: the `## Operations` section, one `### GET` (`POST`, `PUT`, `DELETE`,
//!   `OPTIONS`) each, or a `## GET` heading of its own on the two pages written that way: the
//!   Query parameters and Request body tables, the Response body, the Synchronous errors table;
//! - scopes: the Azure Active Directory scopes table;
//! - generic errors: the table of `articles/GenericSynchronousErrors.md`.
//!
//! Only names, types, numbers and the like are taken, never the pages' descriptions.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;

/// Where the generated file lives, relative to the crate root.
pub const OUTPUT: &str = "src/catalogue/generated.rs";

/// The command that regenerates the catalogue.
pub const COMMAND: &str = "cargo run --example gen_catalogue";

/// The UCWA reference: `$UCWA_DOCS`, or `../shared/ucwa-docs` beside the crate.
pub fn docs_dir() -> PathBuf {
    match std::env::var_os("UCWA_DOCS") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/ucwa-docs"),
    }
}

/// The generated file's path.
pub fn output_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(OUTPUT)
}

/// What one run produced.
pub struct Generated {
    /// The Rust source of `src/catalogue/generated.rs`.
    pub source: String,
    /// Counts, for the report.
    pub stats: Stats,
    /// What the generator noticed in the documentation and how it resolved it (also written
    /// as comments into the generated file).
    pub notes: Vec<String>,
}

/// Counts of one run.
#[derive(Debug, Default)]
pub struct Stats {
    /// Resource pages read.
    pub resource_pages: usize,
    /// Enumeration pages read.
    pub enumerations: usize,
    /// JSON samples read.
    pub samples: usize,
    /// Resource types in the catalogue.
    pub resources: usize,
    /// Properties, over all resource types.
    pub properties: usize,
    /// Properties whose value type is known.
    pub typed: usize,
    /// ... of which from the JSON samples.
    pub typed_by_samples: usize,
    /// Properties whose values are an enumeration's members.
    pub enumerated: usize,
    /// Link relations, over all resource types.
    pub links: usize,
    /// Link relations whose cardinality the samples show.
    pub links_with_cardinality: usize,
    /// Embedded relations, over all resource types.
    pub embedded: usize,
    /// Events, over all resource types.
    pub events: usize,
    /// Resource pages with at least one operation.
    pub pages_with_operations: usize,
    /// Operations, over all pages.
    pub operations: usize,
    /// Query parameters, over all operations.
    pub query_parameters: usize,
    /// Request-body fields, over all operations.
    pub request_fields: usize,
    /// ... of which with a value type the catalogue models.
    pub request_fields_typed: usize,
    /// Rows of the synchronous-error tables, over all operations.
    pub error_rows: usize,
    /// Distinct errors (status, code, subcode) per operation, over all operations.
    pub errors: usize,
    /// Resource pages that list Azure AD scopes.
    pub pages_with_scopes: usize,
    /// The generic synchronous errors.
    pub generic_errors: usize,
}

/// Reads the reference at `docs` and renders the catalogue.
pub fn generate(docs: &Path) -> Result<Generated, String> {
    let reference = docs.join("reference");
    let samples = docs.join("samples").join("valid");
    let generic = docs.join("articles").join("GenericSynchronousErrors.md");
    if !reference.is_dir() || !samples.is_dir() || !generic.is_file() {
        return Err(format!(
            "the UCWA reference is not at {} (expected reference/, samples/valid/ and \
             articles/GenericSynchronousErrors.md there); set UCWA_DOCS to the folder that \
             holds them",
            docs.display()
        ));
    }
    let mut gen = Generator::default();
    gen.read_generic_errors(&generic)?;
    gen.read_pages(&reference)?;
    gen.read_samples(&samples)?;
    let catalogue = gen.merge();
    Ok(gen.render(&catalogue))
}

// ---------------------------------------------------------------------------------------------
// What is read.

/// A value type as the generator knows it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Ty {
    String,
    Integer,
    Boolean,
    Date,
    Enumeration(String),
}

/// What one JSON value shows of its property's type.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Shape {
    Scalar(Ty),
    /// A list, and its items' type when it holds any.
    List(Option<Ty>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Card {
    Single,
    Array,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum EventKind {
    Added,
    Updated,
    Deleted,
    Started,
    Completed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Priority {
    High,
    Medium,
    Low,
}

/// A row of an Events table: kind, resource, sender, priority.
type Event = (EventKind, String, String, Option<Priority>);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Method {
    Get,
    Post,
    Put,
    Delete,
    Options,
}

impl Method {
    fn from_heading(title: &str) -> Option<Method> {
        Some(match title {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "DELETE" => Method::Delete,
            "OPTIONS" => Method::Options,
            _ => return None,
        })
    }
}

/// What an operation's Response body section says it returns.
#[derive(Clone, Debug)]
enum Response {
    /// Nothing (`None`), or nothing the generator could name (noted).
    Nothing,
    /// The page's own resource ("the properties and links shown ... at the top of this page").
    Own,
    /// A type named in the table.
    Named(String),
    /// A resource the table only links to (`[Renegotiation entity](audioVideoRenegotiation_ref.md)`):
    /// the type of that page.
    Linked(String),
}

/// A row of a Request body table.
#[derive(Clone, Debug)]
struct Field {
    name: String,
    ty: Option<Ty>,
    list: bool,
    required: bool,
    max_length: Option<u32>,
}

/// A row of a Synchronous errors table: status, code, subcode.
type ErrorRow = (u16, String, Option<String>);

/// One operation of a page.
#[derive(Clone, Debug)]
struct Operation {
    method: Method,
    /// Rows of the Query parameters table: name, required.
    query: Vec<(String, bool)>,
    request: Vec<Field>,
    response: Response,
    errors: Vec<ErrorRow>,
}

/// A resource page.
#[derive(Default)]
struct Page {
    /// Rows of the Properties table: name, and the enumeration the row links to.
    properties: Vec<(String, Option<String>)>,
    /// Rows of the Links table.
    links: Vec<String>,
    /// Rows of the Events tables.
    events: Vec<Event>,
    /// Rows of the request-body tables that end in a type: name, type (if one of ours), list.
    parameters: Vec<(String, Option<Ty>, bool)>,
    /// The operations, in the page's order.
    operations: Vec<Operation>,
    /// Rows of the Azure AD scopes table.
    scopes: Vec<String>,
}

/// What the samples show of one resource type.
#[derive(Default)]
struct Observed {
    properties: BTreeMap<String, BTreeSet<Shape>>,
    /// String values seen per property (items of lists included), to check enumerations.
    strings: BTreeMap<String, BTreeSet<String>>,
    links: BTreeMap<String, BTreeSet<Card>>,
    /// Embedded relation -> shapes seen, and the `"rel"` of the resources it held.
    embedded: BTreeMap<String, (BTreeSet<Card>, BTreeSet<String>)>,
}

#[derive(Default)]
struct Generator {
    enumerations: BTreeMap<String, Vec<String>>,
    pages: BTreeMap<String, Page>,
    /// Page -> the `"rel"` of its own GET response samples, and of its PUT response samples.
    page_rels: BTreeMap<String, [BTreeSet<String>; 2]>,
    observed: BTreeMap<String, Observed>,
    sample_count: usize,
    generic_errors: Vec<String>,
    /// Rows of the synchronous-error tables read, and how many of them repeat an earlier row
    /// of their operation (status, code and subcode; only the description differs).
    error_rows: usize,
    repeated_error_rows: usize,
    notes: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// Markdown.

struct Section {
    level: usize,
    title: String,
    lines: Vec<String>,
}

/// Splits a page into its headed sections (headings inside code fences are not headings).
fn sections(text: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        if !fenced && hashes > 0 && line[hashes..].starts_with([' ', '\t']) {
            out.push(Section {
                level: hashes,
                title: line[hashes..].trim().to_owned(),
                lines: Vec::new(),
            });
        } else if let Some(section) = out.last_mut() {
            section.lines.push(line.to_owned());
        }
    }
    out
}

fn cells(line: &str) -> Vec<String> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line.strip_suffix('|').unwrap_or(line);
    line.split('|').map(|c| c.trim().to_owned()).collect()
}

fn is_separator(line: &str) -> bool {
    line.contains('-')
        && cells(line).iter().all(|c| {
            let c = c.trim_matches(':');
            !c.is_empty() && c.bytes().all(|b| b == b'-')
        })
}

/// The body rows of the Markdown tables in `lines` (header and separator rows left out).
fn table_rows(lines: &[String]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut in_table = false;
    for (i, line) in lines.iter().enumerate() {
        if is_separator(line) && i > 0 && lines[i - 1].contains('|') {
            in_table = true;
        } else if in_table && line.contains('|') {
            rows.push(cells(line));
        } else {
            in_table = false;
        }
    }
    rows
}

/// A table cell as a name: emphasis and link markup removed.
fn cell_name(cell: &str) -> String {
    let text = cell.replace("**", "").replace('`', "");
    let text = text.trim();
    match (text.strip_prefix('['), text.find("](")) {
        (Some(_), Some(end)) => text[1..end].trim().to_owned(),
        _ => text.to_owned(),
    }
}

fn is_identifier(name: &str) -> bool {
    name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The page names that Markdown links in `text` point to (`[x](Availability_ref.md)`).
fn linked_pages(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("](") {
        rest = &rest[start + 2..];
        let Some(end) = rest.find(')') else { break };
        if let Some(page) = page_name(&rest[..end]) {
            out.push(page);
        }
        rest = &rest[end..];
    }
    out
}

/// `Availability_ref.md` -> `Availability` (the suffix is matched without case).
fn page_name(file: &str) -> Option<&str> {
    let cut = file.len().checked_sub("_ref.md".len())?;
    let (stem, suffix) = (file.get(..cut)?, file.get(cut..)?);
    suffix.eq_ignore_ascii_case("_ref.md").then_some(stem)
}

/// The type a request-body row's description ends with, as the reference writes it:
/// `...String`, `Nullable Int32`, `Array of (ModalityType)Audio, Video, ...`.
/// `Some((None, list))` for types the catalogue does not model (TimeSpan, Byte, links).
fn parameter_type(
    description: &str,
    enumerations: &BTreeMap<String, Vec<String>>,
) -> Option<(Option<Ty>, bool)> {
    // An enumeration: `(Name)` followed by its members to the end.
    let mut found = None;
    let mut from = 0;
    while let Some(open) = description[from..].find('(').map(|i| i + from) {
        let Some(close) = description[open..].find(')').map(|i| i + open) else {
            break;
        };
        let name = &description[open + 1..close];
        if enumerations.contains_key(name) {
            found = Some((open, name));
        }
        from = close;
    }
    if let Some((open, name)) = found {
        let before = description[..open].trim_end();
        let list = before.ends_with("Array of");
        return Some((Some(Ty::Enumeration(name.to_owned())), list));
    }
    let text = description.trim_end();
    const SUFFIXES: &[(&str, Option<Ty>, bool)] = &[
        ("Array of String", Some(Ty::String), true),
        ("Array of Byte", None, true),
        ("Boolean", Some(Ty::Boolean), false),
        ("Int32", Some(Ty::Integer), false),
        ("Int64", Some(Ty::Integer), false),
        ("DateTime", Some(Ty::Date), false),
        ("TimeSpan", None, false),
        ("ExternalResource", None, false),
        ("String", Some(Ty::String), false),
    ];
    SUFFIXES
        .iter()
        .find(|(suffix, _, _)| text.ends_with(suffix))
        .map(|(_, ty, list)| (ty.clone(), *list))
}

/// The maximum length a description states: `The maximum length is 50 characters`, or
/// `... a maximum length of 250 characters`; several that disagree are an `Err` of them all.
fn max_length(description: &str) -> Result<Option<u32>, Vec<u32>> {
    let mut found = Vec::new();
    for phrase in ["maximum length is ", "maximum length of "] {
        let mut rest = description;
        while let Some(at) = rest.find(phrase) {
            rest = &rest[at + phrase.len()..];
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if rest[digits..].starts_with(" characters") {
                if let Ok(n) = rest[..digits].parse::<u32>() {
                    found.push(n);
                }
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    match found[..] {
        [] => Ok(None),
        [n] => Ok(Some(n)),
        _ => Err(found),
    }
}

/// `Yes` -> `true`, `No` -> `false`, in a Required? column.
fn required(cell: &str) -> Option<bool> {
    match cell_name(cell).as_str() {
        "Yes" => Some(true),
        "No" => Some(false),
        _ => None,
    }
}

/// A scope's name: `Contacts.ReadWrite`.
fn is_scope(name: &str) -> bool {
    name.split('.').all(is_identifier)
}

fn priority(cell: &str) -> Option<Priority> {
    Some(match cell_name(cell).as_str() {
        "High" => Priority::High,
        "Medium" => Priority::Medium,
        "Low" => Priority::Low,
        _ => return None,
    })
}

fn event_kind(title: &str) -> Option<EventKind> {
    Some(match title.to_ascii_lowercase().as_str() {
        "added" => EventKind::Added,
        "updated" => EventKind::Updated,
        "deleted" => EventKind::Deleted,
        "started" => EventKind::Started,
        "completed" => EventKind::Completed,
        _ => return None,
    })
}

fn read_text(path: &Path) -> Result<String, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .strip_prefix('\u{feff}')
        .unwrap_or(&text)
        .replace("\r\n", "\n"))
}

/// The files of a folder, sorted by name.
fn files(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        if let Some(name) = entry.file_name().to_str() {
            out.push((name.to_owned(), entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

impl Generator {
    fn note(&mut self, note: String) {
        self.notes.push(note);
    }

    fn read_pages(&mut self, dir: &Path) -> Result<(), String> {
        let mut resource_pages = Vec::new();
        for (file, path) in files(dir)? {
            let Some(name) = page_name(&file) else {
                continue;
            };
            let text = read_text(&path)?;
            if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                let members = sections(&text)
                    .iter()
                    .find(|s| s.title == "Members")
                    .map(|s| table_rows(&s.lines))
                    .ok_or_else(|| format!("{file}: an enumeration page without Members"))?
                    .iter()
                    .map(|row| cell_name(&row[0]))
                    .collect::<Vec<_>>();
                if members.is_empty() || !members.iter().all(|m| is_identifier(m)) {
                    return Err(format!("{file}: unexpected Members table {members:?}"));
                }
                self.enumerations.insert(name.to_owned(), members);
            } else {
                resource_pages.push((name.to_owned(), file, text));
            }
        }
        // Resource pages second: their request-body tables name enumerations.
        for (name, file, text) in resource_pages {
            let page = self.read_page(&file, &text)?;
            self.pages.insert(name, page);
        }
        Ok(())
    }

    fn read_page(&mut self, file: &str, text: &str) -> Result<Page, String> {
        let mut page = Page::default();
        let mut chapter = String::new();
        let mut seen_properties = false;
        let mut seen_links = false;
        // The heading level of the operation being read.
        let mut operation_level = None;
        for section in sections(text) {
            if section.level <= 2 {
                chapter = section.title.clone();
            }
            let rows = table_rows(&section.lines);
            let method = Method::from_heading(&section.title)
                .filter(|_| section.level == 2 || (section.level == 3 && chapter == "Operations"));
            if let Some(method) = method {
                operation_level = Some(section.level);
                page.operations.push(Operation {
                    method,
                    query: Vec::new(),
                    request: Vec::new(),
                    response: Response::Nothing,
                    errors: Vec::new(),
                });
                continue;
            }
            if operation_level.is_some_and(|level| section.level <= level) {
                operation_level = None;
            }
            if operation_level.is_some_and(|level| section.level == level + 1) {
                self.read_operation_part(file, &section, &rows, &mut page);
            }
            let in_resource = chapter != "Operations" && chapter != "Events";
            if section.level == 3 && in_resource && section.title.starts_with("Propert") {
                seen_properties = true;
                for row in &rows {
                    let name = cell_name(&row[0]);
                    if !is_identifier(&name) {
                        self.note(format!("{file}: property row `{name}` skipped"));
                        continue;
                    }
                    let description = row.get(1).map_or("", String::as_str);
                    let mut linked: Vec<&str> = linked_pages(description)
                        .into_iter()
                        .filter(|p| self.enumerations.contains_key(*p))
                        .collect();
                    linked.dedup();
                    if linked.len() > 1 {
                        self.note(format!(
                            "{file}: property `{name}` links to several enumerations, {linked:?}; \
                             the first is taken"
                        ));
                    }
                    let enumeration = linked.first().map(|e| (*e).to_owned());
                    if !page.properties.iter().any(|(n, _)| *n == name) {
                        page.properties.push((name, enumeration));
                    }
                }
            } else if section.level == 3 && in_resource && section.title == "Links" {
                seen_links = true;
                for row in &rows {
                    let rel = cell_name(&row[0]);
                    if !is_identifier(&rel) {
                        self.note(format!("{file}: link row `{rel}` skipped"));
                    } else if !page.links.contains(&rel) {
                        page.links.push(rel);
                    }
                }
            } else if section.level == 3
                && in_resource
                && section.title.starts_with("Azure Active Directory scopes")
            {
                for row in &rows {
                    let scope = cell_name(&row[0]);
                    if !is_scope(&scope) {
                        self.note(format!("{file}: scope row `{scope}` skipped"));
                    } else if !page.scopes.contains(&scope) {
                        page.scopes.push(scope);
                    }
                }
            } else if section.level == 3 && chapter == "Events" {
                let Some(kind) = event_kind(&section.title) else {
                    self.note(format!(
                        "{file}: events heading `{}` skipped",
                        section.title
                    ));
                    continue;
                };
                for row in &rows {
                    let sender = row.get(2).map_or(String::new(), |c| cell_name(c));
                    let resource = cell_name(&row[0]);
                    if !is_identifier(&resource) || !is_identifier(&sender) {
                        self.note(format!("{file}: event row `{resource}` skipped"));
                        continue;
                    }
                    let written = row.get(1).map_or("", String::as_str);
                    let priority = priority(written);
                    if priority.is_none() {
                        self.note(format!(
                            "{file}: event `{kind:?}` of `{resource}` has priority `{written}`, \
                             not High, Medium or Low; left unknown"
                        ));
                    }
                    let event = (kind, resource, sender, priority);
                    if !page.events.contains(&event) {
                        page.events.push(event);
                    }
                }
            } else if section.title == "Request body" {
                for row in rows.iter().filter(|r| r.len() >= 3) {
                    let name = cell_name(&row[0]);
                    if let Some((ty, list)) = parameter_type(&row[1], &self.enumerations) {
                        page.parameters.push((name, ty, list));
                    }
                }
            }
        }
        if !seen_properties || !seen_links {
            return Err(format!(
                "{file}: a resource page without Properties and Links"
            ));
        }
        Ok(page)
    }

    /// Reads one subsection of an operation (`#### Request body`, ...) into the page's last
    /// operation.
    fn read_operation_part(
        &mut self,
        file: &str,
        section: &Section,
        rows: &[Vec<String>],
        page: &mut Page,
    ) {
        let Some(operation) = page.operations.last_mut() else {
            return;
        };
        let method = operation.method;
        let mut notes = Vec::new();
        match section.title.as_str() {
            "Query parameters" => {
                for row in rows {
                    let name = cell_name(&row[0]);
                    match (is_identifier(&name), row.get(2).and_then(|c| required(c))) {
                        (true, Some(required)) => operation.query.push((name, required)),
                        _ => notes.push(format!(
                            "{file}: {method:?} query parameter row `{name}` skipped"
                        )),
                    }
                }
            }
            "Request body" => {
                for row in rows {
                    let name = cell_name(&row[0]);
                    let (true, Some(required)) =
                        (is_identifier(&name), row.get(2).and_then(|c| required(c)))
                    else {
                        notes.push(format!("{file}: {method:?} request row `{name}` skipped"));
                        continue;
                    };
                    let description = &row[1];
                    let (ty, list) = match parameter_type(description, &self.enumerations) {
                        Some(written) => written,
                        None => {
                            notes.push(format!(
                                "{file}: {method:?} request field `{name}` names no type; \
                                 its type is left unknown"
                            ));
                            (None, false)
                        }
                    };
                    let max_length = match max_length(description) {
                        Ok(n) => n,
                        Err(all) => {
                            notes.push(format!(
                                "{file}: {method:?} request field `{name}` states maximum \
                                 lengths {all:?}; the least is taken"
                            ));
                            all.first().copied()
                        }
                    };
                    operation.request.push(Field {
                        name,
                        ty,
                        list,
                        required,
                        max_length,
                    });
                }
            }
            "Response body" => {
                operation.response = match rows {
                    [] => {
                        let text: Vec<&str> = section
                            .lines
                            .iter()
                            .map(|l| l.trim())
                            .filter(|l| !l.is_empty())
                            .collect();
                        match &text[..] {
                            [] | ["None"] => Response::Nothing,
                            [line] if line.contains("Properties and Links sections") => {
                                Response::Own
                            }
                            _ => {
                                notes.push(format!(
                                    "{file}: {method:?} response body `{}` not understood; \
                                     taken as none",
                                    text.join(" ")
                                ));
                                Response::Nothing
                            }
                        }
                    }
                    [row, rest @ ..] => {
                        if !rest.is_empty() {
                            notes.push(format!(
                                "{file}: {method:?} response body has {} rows; the first is \
                                 taken",
                                rows.len()
                            ));
                        }
                        let name = cell_name(&row[0]);
                        let linked = linked_pages(&row[0]);
                        if is_identifier(&name) {
                            Response::Named(name)
                        } else if let [page] = linked[..] {
                            notes.push(format!(
                                "{file}: {method:?} response body `{name}` is no type name; \
                                 taken as the type of the page it links to, `{page}`"
                            ));
                            Response::Linked(page.to_owned())
                        } else {
                            notes.push(format!(
                                "{file}: {method:?} response body names no type (`{}`); \
                                 taken as none",
                                row.join("|")
                            ));
                            Response::Nothing
                        }
                    }
                };
            }
            "Synchronous errors" => {
                for row in rows.iter().filter(|r| r.len() >= 3) {
                    let code = cell_name(&row[0]);
                    let subcode = cell_name(&row[2]);
                    let status = cell_name(&row[1]).parse::<u16>().ok();
                    match status {
                        Some(status) if is_identifier(&code) && is_identifier(&subcode) => {
                            self.error_rows += 1;
                            let subcode = (subcode != "None").then_some(subcode);
                            let error = (status, code, subcode);
                            if operation.errors.contains(&error) {
                                self.repeated_error_rows += 1;
                            } else {
                                operation.errors.push(error);
                            }
                        }
                        _ => notes.push(format!(
                            "{file}: {method:?} error row `{}` skipped",
                            row.join("|")
                        )),
                    }
                }
            }
            _ => {}
        }
        self.notes.extend(notes);
    }

    /// The generic errors: the first column of the article's table.
    fn read_generic_errors(&mut self, path: &Path) -> Result<(), String> {
        let text = read_text(path)?;
        for row in sections(&text).iter().flat_map(|s| table_rows(&s.lines)) {
            let name = cell_name(&row[0]);
            if !is_identifier(&name) {
                return Err(format!(
                    "{}: unexpected generic error row `{name}`",
                    path.display()
                ));
            }
            self.generic_errors.push(name);
        }
        if self.generic_errors.is_empty() {
            return Err(format!("{}: no table of generic errors", path.display()));
        }
        Ok(())
    }

    fn read_samples(&mut self, dir: &Path) -> Result<(), String> {
        let mut parsed = Vec::new();
        for (file, path) in files(dir)? {
            let parts: Vec<&str> = file.split('.').collect();
            let [resource, operation, what, _n, "json"] = parts[..] else {
                continue;
            };
            let json: Json = serde_json::from_str(&read_text(&path)?)
                .map_err(|e| format!("{file}: not JSON ({e}), yet in samples/valid"))?;
            if !self.pages.contains_key(resource) {
                self.note(format!("{file}: no reference page `{resource}`"));
            }
            let rel = json.get("rel").and_then(Json::as_str);
            if let (Some(rel), "response", "get" | "put") = (rel, what, operation) {
                let rels = self.page_rels.entry(resource.to_owned()).or_default();
                rels[usize::from(operation == "put")].insert(rel.to_owned());
            }
            parsed.push((
                file.clone(),
                resource.to_owned(),
                operation.to_owned(),
                what.to_owned(),
                json,
            ));
        }
        self.sample_count = parsed.len();
        for (file, page, operation, what, json) in &parsed {
            match (operation.as_str(), what.as_str()) {
                ("event", _) => {
                    let senders = json.get("sender").and_then(Json::as_array);
                    for sender in senders.into_iter().flatten() {
                        let events = sender.get("events").and_then(Json::as_array);
                        for event in events.into_iter().flatten() {
                            if let Some(Json::Object(embedded)) = event.get("_embedded") {
                                for (relation, held) in embedded {
                                    self.observe_embedded(file, relation, held);
                                }
                            }
                        }
                    }
                }
                // A GET or PUT shows the page's own resource, typed or not.
                ("get" | "put", _) => {
                    let own = self.page_type(page);
                    self.observe(file, json, Some(&own));
                }
                // A POST request is an operation's input, a POST response whatever it
                // created; only a typed one is a resource.
                _ => self.observe(file, json, None),
            }
        }
        Ok(())
    }

    /// The wire type of a page: the `"rel"` of its GET response samples, else of its PUT
    /// response samples, else its name without a trailing version number.
    fn page_type(&self, page: &str) -> String {
        let [get, put] = match self.page_rels.get(page) {
            Some(rels) => rels,
            None => {
                return page
                    .trim_end_matches(|c: char| c.is_ascii_digit())
                    .to_owned()
            }
        };
        let rels = if get.is_empty() { put } else { get };
        match rels.first() {
            Some(rel) if rels.len() == 1 => rel.clone(),
            _ => page
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .to_owned(),
        }
    }

    /// The type of a resource held by `relation` that has no `"rel"` of its own.
    fn relation_type(&self, relation: &str) -> String {
        if self.pages.contains_key(relation) {
            self.page_type(relation)
        } else {
            relation.to_owned()
        }
    }

    fn observe_embedded(&mut self, file: &str, relation: &str, held: &Json) {
        let fallback = self.relation_type(relation);
        for item in items(held) {
            self.observe(file, item, Some(&fallback));
        }
    }

    /// Records what the resource object `json` shows, under its `"rel"` or else `fallback`,
    /// then what its embedded resources show, under theirs.
    fn observe(&mut self, file: &str, json: &Json, fallback: Option<&str>) {
        let Json::Object(members) = json else {
            return;
        };
        let Some(type_name) = members.get("rel").and_then(Json::as_str).or(fallback) else {
            return;
        };
        let embedded = members.get("_embedded").and_then(Json::as_object);
        let observed = self.observed.entry(type_name.to_owned()).or_default();
        let mut notes = Vec::new();
        for (name, value) in members {
            match name.as_str() {
                "rel" | "_embedded" => {}
                "_links" => {
                    for (rel, links) in value.as_object().into_iter().flatten() {
                        let cards = observed.links.entry(rel.clone()).or_default();
                        cards.insert(Card::of(links));
                    }
                }
                _ => match shape(value) {
                    Ok(shape) => {
                        let shapes = observed.properties.entry(name.clone()).or_default();
                        shapes.extend(shape);
                        let strings = observed.strings.entry(name.clone()).or_default();
                        let texts = items(value).iter().filter_map(Json::as_str);
                        strings.extend(texts.map(str::to_owned));
                    }
                    Err(what) => notes.push(format!(
                        "{file}: `{type_name}.{name}` is {what}, not a property value; left out"
                    )),
                },
            }
        }
        for (relation, held) in embedded.into_iter().flatten() {
            let (cards, rels) = observed.embedded.entry(relation.clone()).or_default();
            cards.insert(Card::of(held));
            let held_rels = items(held).iter().filter_map(|i| i.get("rel")?.as_str());
            rels.extend(held_rels.map(str::to_owned));
        }
        self.notes.extend(notes);
        for (relation, held) in embedded.into_iter().flatten() {
            self.observe_embedded(file, relation, held);
        }
    }
}

impl Card {
    /// An array, or one object.
    fn of(json: &Json) -> Card {
        if json.is_array() {
            Card::Array
        } else {
            Card::Single
        }
    }
}

/// The items of an array, or the value itself as one item.
fn items(json: &Json) -> &[Json] {
    match json {
        Json::Array(items) => items,
        one => std::slice::from_ref(one),
    }
}

/// What a JSON property value shows of its type: `Ok(None)` for null, `Err` for what is not a
/// property value at all.
fn shape(value: &Json) -> Result<Option<Shape>, &'static str> {
    fn scalar(value: &Json) -> Result<Option<Ty>, &'static str> {
        Ok(Some(match value {
            Json::Null => return Ok(None),
            Json::Bool(_) => Ty::Boolean,
            Json::Number(n) if n.is_i64() => Ty::Integer,
            Json::Number(_) => return Err("a number that is not an i64"),
            Json::String(s) if ucwa_codec::Date::parse_json(s).is_some() => Ty::Date,
            Json::String(_) => Ty::String,
            Json::Array(_) => return Err("a list of lists"),
            Json::Object(_) => return Err("an object"),
        }))
    }
    match value {
        Json::Array(items) => {
            let mut tys = BTreeSet::new();
            for item in items {
                match scalar(item) {
                    Ok(ty) => tys.extend(ty),
                    Err("an object") => return Err("a list of objects"),
                    Err(e) => return Err(e),
                }
            }
            match tys.len() {
                0 => Ok(Some(Shape::List(None))),
                1 => Ok(Some(Shape::List(tys.pop_first()))),
                _ => Err("a list of mixed types"),
            }
        }
        other => scalar(other).map(|ty| ty.map(Shape::Scalar)),
    }
}

/// What all the samples of a property show together: one shape (an empty list agrees with
/// any list), or the first two that disagree.
fn combine<'a>(shapes: impl Iterator<Item = &'a Shape>) -> Result<Option<Shape>, (Shape, Shape)> {
    let mut combined: Option<Shape> = None;
    for shape in shapes {
        combined = Some(match (combined, shape) {
            (None, s) | (Some(Shape::List(None)), s @ Shape::List(_)) => s.clone(),
            (Some(Shape::List(t)), Shape::List(None)) => Shape::List(t),
            (Some(a), b) if a == *b => a,
            (Some(a), b) => return Err((a, b.clone())),
        });
    }
    Ok(combined)
}

// ---------------------------------------------------------------------------------------------
// Merging pages and samples into resource types.

struct Property {
    name: String,
    ty: Option<Ty>,
    list: bool,
    from_samples: bool,
}

struct Embedded {
    relation: String,
    card: Card,
    type_name: Option<String>,
}

struct Resource {
    name: String,
    pages: Vec<String>,
    properties: Vec<Property>,
    links: Vec<(String, Option<Card>)>,
    embedded: Vec<Embedded>,
    events: Vec<Event>,
    /// The operations of its pages: page, operation, and the response's type name.
    operations: Vec<(String, Operation, Option<String>)>,
    /// The scopes of its pages, sorted.
    scopes: Vec<String>,
}

impl Generator {
    fn merge(&mut self) -> Vec<Resource> {
        let mut pages_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for page in self.pages.keys() {
            pages_of
                .entry(self.page_type(page))
                .or_default()
                .push(page.clone());
        }
        for (page, [get, put]) in &self.page_rels {
            let rels = if get.is_empty() { put } else { get };
            if rels.len() > 1 {
                self.notes.push(format!(
                    "page `{page}`: its response samples have several types, {rels:?}; its type \
                     is taken from its name"
                ));
            }
        }
        for type_name in self.observed.keys() {
            pages_of.entry(type_name.clone()).or_default();
        }
        let mut out = Vec::new();
        for (type_name, pages) in pages_of {
            let resource = self.merge_type(type_name, pages);
            out.push(resource);
        }
        if self.repeated_error_rows > 0 {
            self.notes.push(format!(
                "{} synchronous-error rows repeat an earlier row of their operation (the same \
                 status, code and subcode; only the description differs): each error is kept once",
                self.repeated_error_rows
            ));
        }
        let names: BTreeSet<&str> = out.iter().map(|r| r.name.as_str()).collect();
        for r in &out {
            for (page, operation, response) in &r.operations {
                if let Some(response) = response.as_deref().filter(|t| !names.contains(t)) {
                    self.notes.push(format!(
                        "page `{page}`: the {:?} response type `{response}` is no resource type \
                         of the catalogue",
                        operation.method
                    ));
                }
            }
        }
        out
    }

    fn merge_type(&mut self, name: String, pages: Vec<String>) -> Resource {
        let empty = Observed::default();
        let observed = self.observed.get(&name).unwrap_or(&empty);
        let mut notes = Vec::new();

        // Every property name any source shows.
        let mut names: BTreeSet<&str> = observed.properties.keys().map(String::as_str).collect();
        for page in &pages {
            names.extend(self.pages[page].properties.iter().map(|(n, _)| n.as_str()));
        }
        let mut properties = Vec::new();
        for prop in names {
            // 1. The samples.
            let shapes = observed.properties.get(prop).into_iter().flatten();
            let sample = match combine(shapes) {
                Ok(sample) => sample,
                Err((a, b)) => {
                    notes.push(format!(
                        "`{name}.{prop}`: the samples show {a:?} and {b:?}; its type is left \
                         unknown"
                    ));
                    None
                }
            };
            // 2. An enumeration the Properties table links to.
            let mut linked = BTreeSet::new();
            for page in &pages {
                for (n, e) in &self.pages[page].properties {
                    if n == prop {
                        linked.extend(e.clone());
                    }
                }
            }
            if linked.len() > 1 {
                notes.push(format!(
                    "`{name}.{prop}`: the pages link to several enumerations, {linked:?}; the \
                     first is taken"
                ));
            }
            let linked = linked.into_iter().next().map(Ty::Enumeration);
            // 3. A request-body table of a page of this type.
            let mut written = BTreeSet::new();
            for page in &pages {
                for (n, ty, list) in &self.pages[page].parameters {
                    if n == prop {
                        written.insert((ty.clone(), *list));
                    }
                }
            }
            if written.len() > 1 {
                notes.push(format!(
                    "`{name}.{prop}`: the request bodies write several types, {written:?}; the \
                     first is taken"
                ));
            }
            let written = written.into_iter().next();

            let from_samples =
                matches!(sample, Some(Shape::Scalar(_)) | Some(Shape::List(Some(_))));
            let (sample_ty, sample_list) = match &sample {
                Some(Shape::Scalar(t)) => (Some(t.clone()), Some(false)),
                Some(Shape::List(t)) => (t.clone(), Some(true)),
                None => (None, None),
            };
            let written_ty = written.as_ref().and_then(|(t, _)| t.clone());
            let documented = linked.clone().or(written_ty.clone());
            let ty = match (sample_ty, documented) {
                // A string the documentation names an enumeration is one.
                (Some(Ty::String), Some(e @ Ty::Enumeration(_))) => Some(e),
                (Some(s), Some(d)) => {
                    let agrees = s == d || matches!(d, Ty::Enumeration(_) if s == Ty::String);
                    if !agrees {
                        notes.push(format!(
                            "`{name}.{prop}`: the samples show {s:?}, the pages write {d:?}; \
                             the samples win"
                        ));
                    }
                    Some(s)
                }
                (s, d) => s.or(d),
            };
            let list = match (sample_list, &written) {
                (Some(list), Some((_, written_list))) => {
                    if list != *written_list {
                        notes.push(format!(
                            "`{name}.{prop}`: the samples show {}a list, a request body writes \
                             {}one; the samples win",
                            if list { "" } else { "no " },
                            if *written_list { "" } else { "no " },
                        ));
                    }
                    list
                }
                (Some(list), None) => list,
                (None, Some((_, written_list))) => *written_list,
                (None, None) => false,
            };
            // Sample values of an enumeration should be its members.
            if let Some(Ty::Enumeration(e)) = &ty {
                let members = &self.enumerations[e];
                let strays: Vec<&String> = observed
                    .strings
                    .get(prop)
                    .into_iter()
                    .flatten()
                    .filter(|v| !members.contains(v))
                    .collect();
                if !strays.is_empty() {
                    notes.push(format!(
                        "`{name}.{prop}`: sample values {strays:?} are not members of {e}"
                    ));
                }
            }
            properties.push(Property {
                name: prop.to_owned(),
                ty,
                list,
                from_samples,
            });
        }

        // Links: the tables' rows and the samples' `_links`.
        let mut rels: BTreeSet<&str> = observed.links.keys().map(String::as_str).collect();
        for page in &pages {
            rels.extend(self.pages[page].links.iter().map(String::as_str));
        }
        let mut links = Vec::new();
        for rel in rels {
            let cards = observed.links.get(rel).cloned().unwrap_or_default();
            let card = match cards.len() {
                0 => None,
                1 => cards.into_iter().next(),
                _ => {
                    notes.push(format!(
                        "`{name}` link `{rel}`: one object in some samples, an array in others; \
                         its cardinality is left unknown"
                    ));
                    None
                }
            };
            links.push((rel.to_owned(), card));
        }

        // Embedded relations: the samples only.
        let mut embedded = Vec::new();
        for (relation, (cards, rels)) in &observed.embedded {
            if cards.len() > 1 {
                notes.push(format!(
                    "`{name}` embedded `{relation}`: one object in some samples, an array in \
                     others; taken as an array"
                ));
            }
            if rels.len() > 1 {
                notes.push(format!(
                    "`{name}` embedded `{relation}`: holds resources of several types, {rels:?}; \
                     its type is left unknown"
                ));
            }
            embedded.push(Embedded {
                relation: relation.clone(),
                card: if cards.contains(&Card::Array) {
                    Card::Array
                } else {
                    Card::Single
                },
                type_name: if rels.len() == 1 {
                    rels.iter().next().cloned()
                } else {
                    None
                },
            });
        }

        let mut events: Vec<Event> = Vec::new();
        for page in &pages {
            for event in &self.pages[page].events {
                let (kind, resource, sender, priority) = event;
                let same = events
                    .iter()
                    .find(|(k, r, s, _)| (k, r, s) == (kind, resource, sender));
                match same {
                    None => events.push(event.clone()),
                    Some((.., p)) if p != priority => notes.push(format!(
                        "`{name}` event `{kind:?}` of `{resource}`: pages give priorities \
                         {p:?} and {priority:?}; the first is taken"
                    )),
                    Some(_) => {}
                }
            }
        }

        let mut operations = Vec::new();
        let mut scopes = BTreeSet::new();
        for page in &pages {
            for operation in &self.pages[page].operations {
                let response = match &operation.response {
                    Response::Nothing => None,
                    Response::Own => Some(name.clone()),
                    Response::Named(type_name) => Some(type_name.clone()),
                    Response::Linked(linked) => {
                        let known = self.pages.keys().find(|p| p.eq_ignore_ascii_case(linked));
                        match known {
                            Some(linked) => Some(self.page_type(linked)),
                            None => {
                                notes.push(format!(
                                    "page `{page}`: its response links to `{linked}`, which \
                                     is no page; taken as none"
                                ));
                                None
                            }
                        }
                    }
                };
                operations.push((page.clone(), operation.clone(), response));
            }
            scopes.extend(self.pages[page].scopes.iter().cloned());
        }
        self.notes.extend(notes);
        Resource {
            name,
            pages,
            properties,
            links,
            embedded,
            events,
            operations,
            scopes: scopes.into_iter().collect(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering.

/// `AccessLevel` -> `ACCESS_LEVEL`.
fn static_name(enumeration: &str) -> String {
    let mut out = String::new();
    for (i, c) in enumeration.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

fn render_ty(ty: &Ty) -> String {
    match ty {
        Ty::String => "ValueType::String".into(),
        Ty::Integer => "ValueType::Integer".into(),
        Ty::Boolean => "ValueType::Boolean".into(),
        Ty::Date => "ValueType::Date".into(),
        Ty::Enumeration(e) => format!("ValueType::Enumeration(&{})", static_name(e)),
    }
}

/// Opens a slice field: `name: &[` then a line per item, or `name: &[],` when empty.
fn open(w: &mut String, name: &str, empty: bool) {
    let _ = write!(w, "        {name}: &[");
    if !empty {
        w.push('\n');
    }
}

fn close(w: &mut String, empty: bool) {
    w.push_str(if empty { "],\n" } else { "        ],\n" });
}

fn render_card(card: Card) -> &'static str {
    match card {
        Card::Single => "Cardinality::Single",
        Card::Array => "Cardinality::Array",
    }
}

/// One `OperationSpec { ... },` of a resource's `operations`.
fn render_operation(w: &mut String, page: &str, operation: &Operation, response: Option<&str>) {
    let _ = writeln!(w, "            OperationSpec {{");
    let _ = writeln!(w, "                page: {page:?},");
    let _ = writeln!(w, "                method: Method::{:?},", operation.method);
    let query: Vec<String> = operation
        .query
        .iter()
        .map(|(name, required)| format!("QuerySpec {{ name: {name:?}, required: {required} }}"))
        .collect();
    let _ = writeln!(w, "                query: &[{}],", query.join(", "));
    if operation.request.is_empty() {
        let _ = writeln!(w, "                request: &[],");
    } else {
        let _ = writeln!(w, "                request: &[");
        for f in &operation.request {
            let ty =
                f.ty.as_ref()
                    .map_or("None".to_owned(), |t| format!("Some({})", render_ty(t)));
            let _ = writeln!(
                w,
                "                    RequestFieldSpec {{ name: {:?}, value_type: {ty}, list: {}, required: {}, max_length: {:?} }},",
                f.name, f.list, f.required, f.max_length
            );
        }
        let _ = writeln!(w, "                ],");
    }
    let _ = writeln!(w, "                response: {response:?},");
    if operation.errors.is_empty() {
        let _ = writeln!(w, "                errors: &[],");
    } else {
        let _ = writeln!(w, "                errors: &[");
        for (status, code, subcode) in &operation.errors {
            let _ = writeln!(
                w,
                "                    ErrorSpec {{ status: {status}, code: {code:?}, subcode: {subcode:?} }},"
            );
        }
        let _ = writeln!(w, "                ],");
    }
    let _ = writeln!(w, "            }},");
}

impl Generator {
    fn render(&self, resources: &[Resource]) -> Generated {
        let mut stats = Stats {
            resource_pages: self.pages.len(),
            enumerations: self.enumerations.len(),
            samples: self.sample_count,
            resources: resources.len(),
            ..Stats::default()
        };
        for r in resources {
            stats.properties += r.properties.len();
            stats.typed += r.properties.iter().filter(|p| p.ty.is_some()).count();
            stats.typed_by_samples += r.properties.iter().filter(|p| p.from_samples).count();
            stats.enumerated += r
                .properties
                .iter()
                .filter(|p| matches!(p.ty, Some(Ty::Enumeration(_))))
                .count();
            stats.links += r.links.len();
            stats.links_with_cardinality += r.links.iter().filter(|(_, c)| c.is_some()).count();
            stats.embedded += r.embedded.len();
            stats.events += r.events.len();
        }
        for page in self.pages.values() {
            stats.pages_with_operations += usize::from(!page.operations.is_empty());
            stats.pages_with_scopes += usize::from(!page.scopes.is_empty());
            for operation in &page.operations {
                stats.operations += 1;
                stats.query_parameters += operation.query.len();
                stats.request_fields += operation.request.len();
                stats.request_fields_typed +=
                    operation.request.iter().filter(|f| f.ty.is_some()).count();
                stats.errors += operation.errors.len();
            }
        }
        stats.generic_errors = self.generic_errors.len();
        stats.error_rows = self.error_rows;

        let mut out = String::new();
        let w = &mut out;
        let _ = writeln!(
            w,
            "// @generated by `{COMMAND}` from the UCWA 2.0 reference"
        );
        let _ = writeln!(w, "// ($UCWA_DOCS, by default ../shared/ucwa-docs). Do not edit by hand; see docs/catalogue.md.");
        let _ = writeln!(w, "//");
        let _ = writeln!(
            w,
            "// Read: {} resource pages, {} enumeration pages, {} JSON samples.",
            stats.resource_pages, stats.enumerations, stats.samples
        );
        let _ = writeln!(
            w,
            "// Written: {} resource types; {} properties, {} of them typed ({} by the samples, {} enumerations);",
            stats.resources, stats.properties, stats.typed, stats.typed_by_samples, stats.enumerated
        );
        let _ = writeln!(
            w,
            "// {} link relations ({} with a cardinality); {} embedded relations; {} events.",
            stats.links, stats.links_with_cardinality, stats.embedded, stats.events
        );
        let _ = writeln!(
            w,
            "// {} operations on {} pages: {} query parameters, {} request fields ({} typed), {} error rows ({} distinct);",
            stats.operations,
            stats.pages_with_operations,
            stats.query_parameters,
            stats.request_fields,
            stats.request_fields_typed,
            stats.error_rows,
            stats.errors
        );
        let _ = writeln!(
            w,
            "// scopes on {} pages; {} generic errors.",
            stats.pages_with_scopes, stats.generic_errors
        );
        if !self.notes.is_empty() {
            let _ = writeln!(w, "//\n// What the generator noticed:");
            for note in &self.notes {
                let _ = writeln!(w, "// - {note}");
            }
        }
        let _ = writeln!(w);
        let _ = writeln!(
            w,
            "use super::{{Cardinality, EmbeddedSpec, Enumeration, ErrorSpec, EventKind, EventPriority, EventSpec, LinkSpec, Method, OperationSpec, PropertySpec, QuerySpec, RequestFieldSpec, ResourceSpec, ValueType}};"
        );

        let _ = writeln!(
            w,
            "\n/// The generic synchronous errors, in the article's order."
        );
        let _ = writeln!(
            w,
            "pub(super) static GENERIC_ERRORS: &[&str] = &{:?};",
            self.generic_errors
        );

        let _ = writeln!(w, "\n/// The enumerations, by name.");
        let _ = writeln!(w, "pub(super) static ENUMERATIONS: &[&Enumeration] = &[");
        for name in self.enumerations.keys() {
            let _ = writeln!(w, "    &{},", static_name(name));
        }
        let _ = writeln!(w, "];");
        for (name, members) in &self.enumerations {
            let _ = writeln!(
                w,
                "\nstatic {}: Enumeration = Enumeration {{\n    name: {name:?},\n    members: &{members:?},\n}};",
                static_name(name)
            );
        }

        let _ = writeln!(w, "\n/// The reference pages, by name, and the resource type each documents (an index into RESOURCES).");
        let _ = writeln!(w, "pub(super) static PAGES: &[(&str, usize)] = &[");
        let mut pages: Vec<(&str, usize)> = Vec::new();
        for (i, r) in resources.iter().enumerate() {
            pages.extend(r.pages.iter().map(|p| (p.as_str(), i)));
        }
        pages.sort();
        for (page, i) in pages {
            let _ = writeln!(w, "    ({page:?}, {i}),");
        }
        let _ = writeln!(w, "];");

        let _ = writeln!(w, "\n/// The resource types, by name.");
        let _ = writeln!(w, "pub(super) static RESOURCES: &[ResourceSpec] = &[");
        for r in resources {
            let _ = writeln!(w, "    ResourceSpec {{");
            let _ = writeln!(w, "        name: {:?},", r.name);
            let _ = writeln!(w, "        pages: &{:?},", r.pages);
            open(w, "properties", r.properties.is_empty());
            for p in &r.properties {
                let ty =
                    p.ty.as_ref()
                        .map_or("None".to_owned(), |t| format!("Some({})", render_ty(t)));
                let _ = writeln!(
                    w,
                    "            PropertySpec {{ name: {:?}, value_type: {ty}, list: {} }},",
                    p.name, p.list
                );
            }
            close(w, r.properties.is_empty());
            open(w, "links", r.links.is_empty());
            for (rel, card) in &r.links {
                let card = card.map_or("None".to_owned(), |c| format!("Some({})", render_card(c)));
                let _ = writeln!(
                    w,
                    "            LinkSpec {{ rel: {rel:?}, cardinality: {card} }},"
                );
            }
            close(w, r.links.is_empty());
            open(w, "embedded", r.embedded.is_empty());
            for e in &r.embedded {
                let _ = writeln!(
                    w,
                    "            EmbeddedSpec {{ relation: {:?}, cardinality: {}, type_name: {:?} }},",
                    e.relation,
                    render_card(e.card),
                    e.type_name
                );
            }
            close(w, r.embedded.is_empty());
            open(w, "events", r.events.is_empty());
            for (kind, resource, sender, priority) in &r.events {
                let priority =
                    priority.map_or("None".to_owned(), |p| format!("Some(EventPriority::{p:?})"));
                let _ = writeln!(
                    w,
                    "            EventSpec {{ kind: EventKind::{kind:?}, resource: {resource:?}, sender: {sender:?}, priority: {priority} }},"
                );
            }
            close(w, r.events.is_empty());
            open(w, "operations", r.operations.is_empty());
            for (page, operation, response) in &r.operations {
                render_operation(w, page, operation, response.as_deref());
            }
            close(w, r.operations.is_empty());
            let _ = writeln!(w, "        scopes: &{:?},", r.scopes);
            let _ = writeln!(w, "    }},");
        }
        let _ = writeln!(w, "];");

        Generated {
            source: out,
            stats,
            notes: self.notes.clone(),
        }
    }
}
