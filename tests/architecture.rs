//! The library's layering (issue #18), read from its sources.
//!
//! Each top-level module of the library (a file `src/x.rs` or a folder `src/x/`) is a node; a
//! file of module `a` that names `crate::b` (in a path, or in a `use crate::{b, c::d}` group)
//! or climbs to the crate root with `super::` and names `b` there makes an edge `a -> b`. A
//! name that `src/lib.rs` re-exports (`crate::Resource`) counts as the module it comes from.
//! Comments, string literals and `#[cfg(test)]` items count for nothing; `src/lib.rs` is
//! exempt, as it declares and re-exports.
//!
//! The rules are the tables below: edit them, not the checks.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// The layers, lowest first. A module may name only modules of strictly lower layers; every
/// module of `src/` must be in exactly one layer.
const LAYERS: &[&[&str]] = &[
    &["error", "guide", "scan"],
    &["model"],
    &["media_type", "channel"],
    &["json", "xml", "catalogue", "data_uri", "typed"],
    &["document", "diff"],
    &["convert", "body"],
    &["batch", "http"],
    &["check", "axum", "reqwest"],
];

/// Edges refused whatever the layers say: the two wire formats stay apart.
const FORBIDDEN: &[(&str, &str)] = &[("json", "xml"), ("xml", "json")];

/// Where the names of `quick_xml` may appear, as prefixes of paths under `src/`: the XML
/// parser is an implementation detail of the `xml` module.
const QUICK_XML_ALLOWED: &[&str] = &["xml/"];

/// Files under `src/` that are no part of any module's dependencies.
const EXEMPT: &[&str] = &["lib.rs"];

// ---------------------------------------------------------------------------------------------
// The checks.

#[test]
fn no_cycle_among_top_level_modules() {
    let krate = Crate::read();
    let cycles = krate.cycles();
    assert!(
        cycles.is_empty(),
        "the top-level modules of src/ import one another in a cycle:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn modules_import_only_lower_layers() {
    let krate = Crate::read();
    let violations = krate.layer_violations();
    assert!(
        violations.is_empty(),
        "imports against the layer table of tests/architecture.rs:\n{}",
        violations.join("\n")
    );
}

#[test]
fn every_module_has_a_layer() {
    let krate = Crate::read();
    let mut problems = Vec::new();
    let mut seen = BTreeMap::new();
    for (index, layer) in LAYERS.iter().enumerate() {
        for &module in *layer {
            if let Some(other) = seen.insert(module, index) {
                problems.push(format!(
                    "`{module}` is in layers {other} and {index}: keep it in one"
                ));
            }
            if !krate.modules.contains(module) {
                problems.push(format!(
                    "the layer table names `{module}`, which is no module of src/: remove it"
                ));
            }
        }
    }
    for module in &krate.modules {
        if !seen.contains_key(module.as_str()) {
            problems.push(format!(
                "module `{module}` is in no layer: add it to the layer table (LAYERS) of \
                 tests/architecture.rs"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn lib_re_exports_no_third_party_crate_whole() {
    let krate = Crate::read();
    let lib = read_source("lib.rs");
    let problems = whole_crate_re_exports(&lib, &krate.modules);
    assert!(
        problems.is_empty(),
        "src/lib.rs re-exports a third-party crate whole, which makes that crate's versions \
         this crate's semver; re-export the items the API needs, or wrap them:\n{}",
        problems.join("\n")
    );
}

#[test]
fn quick_xml_stays_in_the_xml_module() {
    let krate = Crate::read();
    let offenders: Vec<String> = krate
        .files
        .iter()
        .filter(|file| !QUICK_XML_ALLOWED.iter().any(|p| file.path.starts_with(p)))
        .filter_map(|file| {
            let lines = names_of(&file.tokens, "quick_xml");
            (!lines.is_empty()).then(|| format!("src/{}:{}", file.path, join_lines(&lines)))
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "files outside {QUICK_XML_ALLOWED:?} (under src/) name quick_xml; move that code into \
         the xml module or extend QUICK_XML_ALLOWED:\n{}",
        offenders.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// The crate as a graph.

/// One file of `src/`, tokenised, without its test items.
struct File {
    /// The path under `src/`, with `/`.
    path: String,
    tokens: Vec<Token>,
}

/// One place that makes an edge.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Site {
    path: String,
    line: usize,
}

struct Crate {
    modules: BTreeSet<String>,
    files: Vec<File>,
    /// `from -> to -> the places that make the edge`, in file order.
    edges: BTreeMap<String, BTreeMap<String, Vec<Site>>>,
}

impl Crate {
    fn read() -> Crate {
        let root = src_dir();
        let mut paths = Vec::new();
        collect_rs(&root, &root, &mut paths);
        paths.sort();
        let modules: BTreeSet<String> = paths
            .iter()
            .filter(|p| !EXEMPT.contains(&p.as_str()))
            .map(|p| top_level_module(p))
            .collect();
        let lib = tokenize(&read_source("lib.rs"));
        let re_exports = re_exports(&strip_test_items(&lib).0, &modules);
        Crate::from_sources(
            modules,
            &re_exports,
            paths
                .iter()
                .filter(|p| !EXEMPT.contains(&p.as_str()))
                .map(|p| (p.clone(), read_source(p))),
        )
    }

    fn from_sources(
        modules: BTreeSet<String>,
        re_exports: &BTreeMap<String, String>,
        sources: impl Iterator<Item = (String, String)>,
    ) -> Crate {
        let mut files = Vec::new();
        let mut test_only: Vec<Vec<String>> = Vec::new();
        for (path, text) in sources {
            let module_path = module_path(&path);
            let (tokens, test_mods) = strip_test_items(&tokenize(&text));
            test_only.extend(test_mods.into_iter().map(|name| {
                let mut p = module_path.clone();
                p.push(name);
                p
            }));
            files.push((path, module_path, tokens));
        }
        files.retain(|(_, module_path, _)| !test_only.iter().any(|t| module_path.starts_with(t)));

        let mut edges: BTreeMap<String, BTreeMap<String, Vec<Site>>> = BTreeMap::new();
        let files: Vec<File> = files
            .into_iter()
            .map(|(path, module_path, tokens)| {
                let module = module_path[0].clone();
                for reference in references(&tokens, &module_path) {
                    let target = if modules.contains(&reference.name) {
                        Some(&reference.name)
                    } else {
                        re_exports.get(&reference.name)
                    };
                    if let Some(target) = target.filter(|t| **t != module) {
                        edges
                            .entry(module.clone())
                            .or_default()
                            .entry(target.clone())
                            .or_default()
                            .push(Site {
                                path: path.clone(),
                                line: reference.line,
                            });
                    }
                }
                File { path, tokens }
            })
            .collect();
        Crate {
            modules,
            files,
            edges,
        }
    }

    fn successors(&self, module: &str) -> impl Iterator<Item = &String> {
        self.edges.get(module).into_iter().flat_map(|to| to.keys())
    }

    fn reachable_from(&self, module: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&str> = vec![module];
        while let Some(next) = stack.pop() {
            for to in self.successors(next) {
                if seen.insert(to.clone()) {
                    stack.push(to);
                }
            }
        }
        seen
    }

    /// The strongly connected components of more than one module, lowest module first.
    fn components(&self) -> Vec<BTreeSet<String>> {
        let reach: BTreeMap<&String, BTreeSet<String>> = self
            .modules
            .iter()
            .map(|m| (m, self.reachable_from(m)))
            .collect();
        let mut done = BTreeSet::new();
        let mut components = Vec::new();
        for module in &self.modules {
            if done.contains(module) {
                continue;
            }
            let component: BTreeSet<String> = self
                .modules
                .iter()
                .filter(|other| {
                    *other == module
                        || (reach[module].contains(*other) && reach[other].contains(module))
                })
                .cloned()
                .collect();
            done.extend(component.iter().cloned());
            if component.len() > 1 {
                components.push(component);
            }
        }
        components
    }

    /// One paragraph per cycle: its modules, then each edge inside it with one place that makes it.
    fn cycles(&self) -> Vec<String> {
        self.components()
            .iter()
            .map(|component| {
                let mut text = format!(
                    "cycle among {}:",
                    component.iter().cloned().collect::<Vec<_>>().join(", ")
                );
                for from in component {
                    for (to, sites) in self.edges.get(from).into_iter().flatten() {
                        if component.contains(to) {
                            let _ = write!(
                                text,
                                "\n  {from} -> {to}: src/{}:{}",
                                sites[0].path, sites[0].line
                            );
                            if sites.len() > 1 {
                                let _ = write!(text, " (and {} more)", sites.len() - 1);
                            }
                        }
                    }
                }
                text
            })
            .collect()
    }

    fn layer_violations(&self) -> Vec<String> {
        let layer_of: BTreeMap<&str, usize> = LAYERS
            .iter()
            .enumerate()
            .flat_map(|(index, layer)| layer.iter().map(move |m| (*m, index)))
            .collect();
        let mut violations = Vec::new();
        for (from, targets) in &self.edges {
            for (to, sites) in targets {
                let site = format!("src/{}:{}", sites[0].path, sites[0].line);
                if FORBIDDEN.contains(&(from.as_str(), to.as_str())) {
                    violations.push(format!("{from} -> {to} is forbidden: {site}"));
                    continue;
                }
                match (layer_of.get(from.as_str()), layer_of.get(to.as_str())) {
                    (Some(&a), Some(&b)) if b >= a => violations.push(format!(
                        "{from} (layer {a}) -> {to} (layer {b}), not a lower layer: {site}"
                    )),
                    (Some(_), Some(_)) => {}
                    _ => violations.push(format!(
                        "{from} -> {to}: a module in no layer; add it to the layer table: {site}"
                    )),
                }
            }
        }
        violations
    }
}

fn src_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn read_source(path: &str) -> String {
    let full = src_dir().join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn collect_rs(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rs(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).unwrap();
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
}

fn top_level_module(path: &str) -> String {
    let first = path.split('/').next().unwrap();
    first.strip_suffix(".rs").unwrap_or(first).to_string()
}

/// `xml/fast/mod.rs` -> `[xml, fast]`, `xml/de.rs` -> `[xml, de]`, `lib.rs` -> `[]`.
fn module_path(path: &str) -> Vec<String> {
    if path == "lib.rs" {
        return Vec::new();
    }
    let mut parts: Vec<String> = path.split('/').map(str::to_string).collect();
    let last = parts.pop().unwrap();
    if last != "mod.rs" {
        parts.push(last.strip_suffix(".rs").unwrap_or(&last).to_string());
    }
    parts
}

fn join_lines(lines: &[usize]) -> String {
    lines
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

// ---------------------------------------------------------------------------------------------
// Reading Rust, enough for paths: identifiers, `::` and punctuation, without comments, string
// and character literals, numbers or lifetimes.

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    Ident(String),
    /// `::`
    Sep,
    Punct(char),
}

#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    line: usize,
}

impl Token {
    fn is_ident(&self, name: &str) -> bool {
        matches!(&self.kind, Kind::Ident(n) if n == name)
    }

    fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    fn ident(&self) -> Option<&str> {
        match &self.kind {
            Kind::Ident(n) => Some(n),
            _ => None,
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut i = 0;
    // Advances over `chars[from..to]`, counting lines.
    let skip = |line: &mut usize, from: usize, to: usize| {
        *line += chars[from..to.min(chars.len())]
            .iter()
            .filter(|&&c| c == '\n')
            .count();
        to
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            let mut j = i;
            while j < chars.len() {
                if chars[j] == '/' && chars.get(j + 1) == Some(&'*') {
                    depth += 1;
                    j += 2;
                } else if chars[j] == '*' && chars.get(j + 1) == Some(&'/') {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            i = skip(&mut line, i, j);
        } else if c == '"' {
            i = skip(&mut line, i, end_of_string(&chars, i));
        } else if c == '\'' {
            i = skip(&mut line, i, end_of_quote(&chars, i));
        } else if c.is_ascii_digit() {
            while i < chars.len() && is_ident_char(chars[i]) {
                i += 1;
            }
        } else if is_ident_start(c) {
            let start = i;
            while i < chars.len() && is_ident_char(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let here = chars.get(i).copied();
            match (word.as_str(), here) {
                ("r" | "br" | "cr", Some('"' | '#')) if raw_string_follows(&chars, i) => {
                    i = skip(&mut line, i, end_of_raw_string(&chars, i));
                }
                ("b" | "c", Some('"')) => i = skip(&mut line, i, end_of_string(&chars, i)),
                ("b", Some('\'')) => i = skip(&mut line, i, end_of_quote(&chars, i)),
                ("r", Some('#')) => {
                    // A raw identifier, `r#type`.
                    let start = i + 1;
                    i = start;
                    while i < chars.len() && is_ident_char(chars[i]) {
                        i += 1;
                    }
                    tokens.push(Token {
                        kind: Kind::Ident(chars[start..i].iter().collect()),
                        line,
                    });
                }
                _ => tokens.push(Token {
                    kind: Kind::Ident(word),
                    line,
                }),
            }
        } else if c == ':' && next == Some(':') {
            tokens.push(Token {
                kind: Kind::Sep,
                line,
            });
            i += 2;
        } else {
            if c == '\n' {
                line += 1;
            } else if !c.is_whitespace() {
                tokens.push(Token {
                    kind: Kind::Punct(c),
                    line,
                });
            }
            i += 1;
        }
    }
    tokens
}

/// The end (exclusive) of the string literal opening at `chars[at] == '"'`.
fn end_of_string(chars: &[char], at: usize) -> usize {
    let mut j = at + 1;
    while j < chars.len() {
        match chars[j] {
            '\\' => j += 2,
            '"' => return j + 1,
            _ => j += 1,
        }
    }
    chars.len()
}

/// Whether `chars[at..]` is `#*"`, the rest of a raw string's opening.
fn raw_string_follows(chars: &[char], at: usize) -> bool {
    let hashes = chars[at..].iter().take_while(|&&c| c == '#').count();
    chars.get(at + hashes) == Some(&'"')
}

fn end_of_raw_string(chars: &[char], at: usize) -> usize {
    let hashes = chars[at..].iter().take_while(|&&c| c == '#').count();
    let mut j = at + hashes + 1;
    while j < chars.len() {
        if chars[j] == '"'
            && chars[j + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == '#')
                .count()
                == hashes
        {
            return j + 1 + hashes;
        }
        j += 1;
    }
    chars.len()
}

/// After a `'` at `at`: the end of a character literal, or of the `'` of a lifetime or label.
fn end_of_quote(chars: &[char], at: usize) -> usize {
    match (chars.get(at + 1), chars.get(at + 2)) {
        (Some('\\'), _) => {
            let mut j = at + 2;
            while j < chars.len() && chars[j] != '\'' {
                j += 1 + usize::from(chars[j] == '\\');
            }
            j + 1
        }
        (Some(_), Some('\'')) => at + 3,
        _ => at + 1,
    }
}

/// The tokens without the items under `#[cfg(test)]`, and the names of the out-of-line modules
/// (`#[cfg(test)] mod tests;`) that are test code.
fn strip_test_items(tokens: &[Token]) -> (Vec<Token>, Vec<String>) {
    let mut kept = Vec::new();
    let mut test_mods = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(after) = cfg_test_at(tokens, i) else {
            kept.push(tokens[i].clone());
            i += 1;
            continue;
        };
        if tokens[i + 1].is_punct('!') {
            // `#![cfg(test)]`: the enclosing module is test code; drop the rest of it.
            let mut depth = 0usize;
            i = after;
            while i < tokens.len() {
                if tokens[i].is_punct('{') {
                    depth += 1;
                } else if tokens[i].is_punct('}') {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                i += 1;
            }
            continue;
        }
        // The item: other attributes, then up to a `;` or the end of its `{ ... }`.
        let mut j = after;
        while j < tokens.len() && tokens[j].is_punct('#') {
            j = end_of_group(tokens, j + 1);
        }
        let item_start = j;
        let mut depth = 0usize;
        while j < tokens.len() {
            let t = &tokens[j];
            if t.is_punct('(') || t.is_punct('[') || t.is_punct('{') {
                depth += 1;
            } else if t.is_punct(')') || t.is_punct(']') || t.is_punct('}') {
                depth = depth.saturating_sub(1);
                if depth == 0 && t.is_punct('}') {
                    j += 1;
                    break;
                }
            } else if depth == 0 && t.is_punct(';') {
                if let Some(name) = out_of_line_mod(&tokens[item_start..j]) {
                    test_mods.push(name);
                }
                j += 1;
                break;
            }
            j += 1;
        }
        i = j;
    }
    (kept, test_mods)
}

/// If `#[cfg(test)]` or `#![cfg(test)]` starts at `i`: the index after it.
fn cfg_test_at(tokens: &[Token], i: usize) -> Option<usize> {
    let inner = tokens.get(i + 1).is_some_and(|t| t.is_punct('!'));
    let start = i + 1 + usize::from(inner);
    let want = [
        Kind::Punct('['),
        Kind::Ident("cfg".into()),
        Kind::Punct('('),
        Kind::Ident("test".into()),
        Kind::Punct(')'),
        Kind::Punct(']'),
    ];
    let matches = tokens[i].is_punct('#')
        && tokens.len() >= start + want.len()
        && tokens[start..start + want.len()]
            .iter()
            .zip(&want)
            .all(|(t, w)| t.kind == *w);
    matches.then_some(start + want.len())
}

/// The index after the bracketed group opening at `at`.
fn end_of_group(tokens: &[Token], at: usize) -> usize {
    let mut depth = 0usize;
    let mut j = at;
    while j < tokens.len() {
        let t = &tokens[j];
        if t.is_punct('(') || t.is_punct('[') || t.is_punct('{') {
            depth += 1;
        } else if t.is_punct(')') || t.is_punct(']') || t.is_punct('}') {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return j + 1;
            }
        }
        j += 1;
    }
    j
}

/// `[pub [(..)]] mod name` -> `name`.
fn out_of_line_mod(item: &[Token]) -> Option<String> {
    let at = item.iter().position(|t| t.is_ident("mod"))?;
    if at + 2 != item.len() {
        return None;
    }
    item[at + 1].ident().map(str::to_string)
}

/// A leaf of a path or a use tree: `crate::{a::{b, c}, d}` has `crate::a::b`, `crate::a::c`
/// and `crate::d`.
#[derive(Debug)]
struct Leaf {
    segments: Vec<(String, usize)>,
    alias: Option<String>,
}

/// The leaves of the path or use tree starting at `at`, and the index after it.
fn parse_tree(tokens: &[Token], at: usize) -> (Vec<Leaf>, usize) {
    match tokens.get(at) {
        Some(t) if t.is_punct('{') => {
            let mut leaves = Vec::new();
            let mut j = at + 1;
            while j < tokens.len() && !tokens[j].is_punct('}') {
                let (mut more, next) = parse_tree(tokens, j);
                leaves.append(&mut more);
                j = next;
                // Skip what the tree does not cover (generics of a path in braces, say).
                while j < tokens.len() && !tokens[j].is_punct(',') && !tokens[j].is_punct('}') {
                    j = if tokens[j].is_punct('{') {
                        end_of_group(tokens, j)
                    } else {
                        j + 1
                    };
                }
                if j < tokens.len() && tokens[j].is_punct(',') {
                    j += 1;
                }
            }
            (leaves, j + 1)
        }
        Some(t) if t.is_punct('*') => (
            vec![Leaf {
                segments: vec![("*".into(), t.line)],
                alias: None,
            }],
            at + 1,
        ),
        Some(Token {
            kind: Kind::Ident(name),
            line,
        }) => {
            let segment = (name.clone(), *line);
            if tokens.get(at + 1).is_some_and(|t| t.kind == Kind::Sep) {
                let (mut below, next) = parse_tree(tokens, at + 2);
                if below.is_empty() {
                    // `crate::f::<T>`: the path ends here.
                    return (
                        vec![Leaf {
                            segments: vec![segment],
                            alias: None,
                        }],
                        next,
                    );
                }
                for leaf in &mut below {
                    leaf.segments.insert(0, segment.clone());
                }
                return (below, next);
            }
            let mut next = at + 1;
            let mut alias = None;
            if tokens.get(next).is_some_and(|t| t.is_ident("as")) {
                alias = tokens
                    .get(next + 1)
                    .and_then(Token::ident)
                    .map(str::to_string);
                next += 2;
            }
            (
                vec![Leaf {
                    segments: vec![segment],
                    alias,
                }],
                next,
            )
        }
        _ => (Vec::new(), at),
    }
}

/// A name looked up at the crate root, and the line naming it.
#[derive(Debug, PartialEq)]
struct Reference {
    name: String,
    line: usize,
}

/// What the code of a file of module `module_path` names at the crate root, through `crate::`
/// (or `$crate::`) or `super::` chains that climb to it. Inline `mod x { ... }` blocks count
/// for `super::`.
fn references(tokens: &[Token], module_path: &[String]) -> Vec<Reference> {
    let mut references = Vec::new();
    // The open braces: `Some(name)` for the body of an inline module.
    let mut braces: Vec<Option<String>> = Vec::new();
    let mut pending_mod: Option<String> = None;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if t.is_punct('{') {
            braces.push(pending_mod.take());
        } else if t.is_punct('}') {
            braces.pop();
        } else if t.is_ident("mod") {
            pending_mod = tokens.get(i + 1).and_then(Token::ident).map(str::to_string);
        } else if t.is_punct(';') {
            pending_mod = None;
        }
        let starts_path = (t.is_ident("crate") || t.is_ident("super"))
            && tokens.get(i + 1).is_some_and(|n| n.kind == Kind::Sep)
            && (i == 0 || tokens[i - 1].kind != Kind::Sep);
        if !starts_path {
            i += 1;
            continue;
        }
        let mut here: Vec<&str> = module_path.iter().map(String::as_str).collect();
        here.extend(braces.iter().flatten().map(String::as_str));
        let (leaves, next) = parse_tree(tokens, i);
        for leaf in leaves {
            if let Some((name, line)) = at_root(&leaf, here.len()) {
                references.push(Reference {
                    name: name.to_string(),
                    line,
                });
            }
        }
        i = next.max(i + 1);
    }
    references
}

/// The first segment a leaf names at the crate root, from a module `depth` below it.
fn at_root(leaf: &Leaf, depth: usize) -> Option<(&str, usize)> {
    let segments = &leaf.segments;
    let rest = if segments[0].0 == "crate" {
        &segments[1..]
    } else {
        let climbs = segments.iter().take_while(|(s, _)| s == "super").count();
        if climbs != depth {
            return None;
        }
        &segments[climbs..]
    };
    let (name, line) = rest.first()?;
    (name != "*" && name != "self" && name != "super").then_some((name.as_str(), *line))
}

/// The lines where a file's code (not its comments or strings) names `name`.
fn names_of(tokens: &[Token], name: &str) -> Vec<usize> {
    let mut lines: Vec<usize> = tokens
        .iter()
        .filter(|t| t.is_ident(name))
        .map(|t| t.line)
        .collect();
    lines.dedup();
    lines
}

/// The `pub use` trees of a file, flattened.
fn pub_uses(tokens: &[Token]) -> Vec<Leaf> {
    let mut leaves = Vec::new();
    for i in 0..tokens.len() {
        if tokens[i].is_ident("pub") && tokens.get(i + 1).is_some_and(|t| t.is_ident("use")) {
            let mut at = i + 2;
            if tokens.get(at).is_some_and(|t| t.kind == Kind::Sep) {
                at += 1;
            }
            leaves.extend(parse_tree(tokens, at).0);
        }
    }
    leaves
}

/// What `lib.rs` re-exports from the crate's modules: `Resource -> model`.
fn re_exports(lib: &[Token], modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    pub_uses(lib)
        .into_iter()
        .filter_map(|leaf| {
            let mut segments: Vec<&str> = leaf.segments.iter().map(|(s, _)| s.as_str()).collect();
            if segments[0] == "crate" || segments[0] == "self" {
                segments.remove(0);
            }
            let module = *segments.first()?;
            let name = leaf.alias.as_deref().or(segments.last().copied())?;
            (modules.contains(module) && segments.len() > 1 && name != "*")
                .then(|| (name.to_string(), module.to_string()))
        })
        .collect()
}

/// `pub use serde_json;`, `pub use serde_json as json;`, `pub use serde_json::*;`,
/// `pub use serde_json::{self};` and `pub extern crate x;` in a crate root.
fn whole_crate_re_exports(lib: &str, modules: &BTreeSet<String>) -> Vec<String> {
    let tokens = strip_test_items(&tokenize(lib)).0;
    let mut problems = Vec::new();
    for leaf in pub_uses(&tokens) {
        let segments: Vec<&str> = leaf.segments.iter().map(|(s, _)| s.as_str()).collect();
        let root = segments[0];
        let local = ["crate", "self", "super"].contains(&root) || modules.contains(root);
        let last = *segments.last().unwrap();
        if !local && (segments.len() == 1 || last == "*" || last == "self") {
            problems.push(format!(
                "src/lib.rs:{}: pub use {}",
                leaf.segments[0].1,
                segments.join("::")
            ));
        }
    }
    for window in tokens.windows(4) {
        if window[0].is_ident("pub") && window[1].is_ident("extern") && window[2].is_ident("crate")
        {
            problems.push(format!(
                "src/lib.rs:{}: pub extern crate {}",
                window[0].line,
                window[3].ident().unwrap_or("?")
            ));
        }
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// The checker's own tests, on inline sources.

fn names(text: &str, path: &str) -> Vec<(String, usize)> {
    let tokens = strip_test_items(&tokenize(text)).0;
    references(&tokens, &module_path(path))
        .into_iter()
        .map(|r| (r.name, r.line))
        .collect()
}

fn only_names(text: &str, path: &str) -> Vec<String> {
    names(text, path).into_iter().map(|(n, _)| n).collect()
}

#[test]
fn checker_reads_nested_use_groups() {
    assert_eq!(
        only_names("use crate::{a::{b, c}, d};", "z.rs"),
        ["a", "a", "d"]
    );
    assert_eq!(
        only_names(
            "use crate::{self, e as f, g::*, *};\nfn x() { crate::h::y::<u8>(); }",
            "z.rs"
        ),
        ["e", "g", "h"]
    );
    assert_eq!(
        names(
            "use crate::{\n    a,\n    b::{\n        c,\n    },\n};",
            "z.rs"
        ),
        [("a".to_string(), 2), ("b".to_string(), 3)]
    );
    assert_eq!(
        only_names("macro_rules! m { () => { $crate::k::f() } }", "z.rs"),
        ["k"]
    );
    assert!(only_names("pub(crate) fn f() -> Self { Self }", "z.rs").is_empty());
}

#[test]
fn checker_climbs_super_chains_to_the_root() {
    assert_eq!(only_names("use super::super::x;", "m/n.rs"), ["x"]);
    assert_eq!(only_names("use super::super::x;", "m/n/mod.rs"), ["x"]);
    assert!(only_names("use super::y;", "m/n.rs").is_empty());
    assert_eq!(only_names("use super::{p, q::r};", "m.rs"), ["p", "q"]);
    assert_eq!(
        only_names(
            "mod inner { use super::super::q; fn f() { super::own(); } }\nuse super::after;",
            "m.rs"
        ),
        ["q", "after"]
    );
    assert!(only_names("use super::super::super::x;", "m/n.rs").is_empty());
}

#[test]
fn checker_skips_comments_strings_and_test_items() {
    let text = r####"
// crate::c1
/* crate::c2 /* nested crate::c3 */ crate::c3b */
/// crate::c4
//! crate::c5
const S: &str = "crate::c6 \" crate::c7";
const R: &str = r#"crate::c8 " crate::c9"#;
const B: &[u8] = br##"crate::c10"#"##;
fn f<'a>(x: &'a str) -> char { let _ = b'"'; '"' }
use crate::kept1;
#[cfg(test)]
mod tests {
    use crate::t1;
    fn g() { crate::t2::h(); }
}
#[cfg(test)]
#[allow(unused)]
use crate::t3;
#[cfg(test)]
mod more_tests;
use crate::kept2;
"####;
    assert_eq!(
        names(text, "z.rs"),
        [("kept1".to_string(), 10), ("kept2".to_string(), 21)]
    );
    let (_, test_mods) = strip_test_items(&tokenize(text));
    assert_eq!(test_mods, ["more_tests"]);
}

#[test]
fn checker_builds_the_graph_and_finds_cycles() {
    let sources = [
        ("a.rs", "use crate::b::X;"),
        ("b/mod.rs", "mod inner;\n#[cfg(test)]\nmod tests;"),
        ("b/inner.rs", "\nuse super::super::{c, a};"),
        ("b/tests.rs", "use crate::d;"),
        ("c.rs", "use crate::Thing;"),
        ("d.rs", ""),
    ];
    let modules: BTreeSet<String> = ["a", "b", "c", "d"].map(String::from).into();
    let re_exports = re_exports(&tokenize("pub use d::{Thing};"), &modules);
    let krate = Crate::from_sources(
        modules,
        &re_exports,
        sources.iter().map(|(p, t)| (p.to_string(), t.to_string())),
    );
    assert_eq!(krate.files.len(), 5, "b/tests.rs is test code");
    let edges: Vec<(String, String)> = krate
        .edges
        .iter()
        .flat_map(|(from, to)| to.keys().map(move |t| (from.clone(), t.clone())))
        .collect();
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        edges,
        [
            pair("a", "b"),
            pair("b", "a"),
            pair("b", "c"),
            pair("c", "d")
        ]
    );
    assert_eq!(
        krate.cycles(),
        ["cycle among a, b:\n  a -> b: src/a.rs:1\n  b -> a: src/b/inner.rs:2"]
    );
}

#[test]
fn checker_finds_whole_crate_re_exports() {
    let modules: BTreeSet<String> = ["model"].map(String::from).into();
    let lib = "pub use model::{Resource, Value};\npub use serde_json;\npub use ::smallvec::*;\n\
               pub use foldhash::{self as hash, HashMap};\npub extern crate itoa;\n\
               pub(crate) use memchr;\n#[cfg(test)]\npub use base64;";
    assert_eq!(
        whole_crate_re_exports(lib, &modules),
        [
            "src/lib.rs:2: pub use serde_json",
            "src/lib.rs:3: pub use smallvec::*",
            "src/lib.rs:4: pub use foldhash::self",
            "src/lib.rs:5: pub extern crate itoa",
        ]
    );
}

#[test]
fn checker_finds_quick_xml_in_code_only() {
    let tokens = strip_test_items(&tokenize(
        "// quick_xml\nuse quick_xml::Reader;\nfn f() -> &'static str { \"quick_xml\" }\n\
         fn g(e: quick_xml::Error) {}\n#[cfg(test)]\nmod tests { use quick_xml; }",
    ))
    .0;
    assert_eq!(names_of(&tokens, "quick_xml"), [2, 4]);
}
