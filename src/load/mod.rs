//! Load: file bytes → YAML tree → validated, typed [`Agreement`].
//!
//! Every error names the file, and the line and column where the file has one.

pub(crate) mod document;
mod fields;
mod many;
mod markdown;
mod plain;
mod source;

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::model::schema::{self, CLAUSE_TYPES, PARTY_KEYS, TOP_LEVEL_KEYS};
use crate::model::{Agreement, Clause, Definition, Field, Party, Value};
use crate::safe;
use crate::safe::clip;
pub use crate::yaml::Pos;
use crate::yaml::{self, Entry, Node, NodeKind};

pub use many::{Listed, agreement_files, check_all, in_parallel, in_parallel_at, list_dir};
pub use source::{DEFAULT_MAX_BYTES, STDIN_NAME, read_source, shown_name};

/// Why a file could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    /// The file, as named on the command line.
    pub file: String,
    /// Where in the file, when the file has such a place.
    pub pos: Option<Pos>,
    /// What is wrong and, where it helps, what to write instead.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let file = safe::line(&self.file);
        let message = safe::line(&self.message);
        match self.pos {
            Some(p) => write!(f, "{file}:{}:{}: {message}", p.line, p.col),
            None => write!(f, "{file}: {message}"),
        }
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    /// A key to sort errors in the order of the file; an error without a
    /// place (the file as a whole, or "more errors") last.
    pub fn place(&self) -> (u32, u32) {
        self.pos.map_or((u32::MAX, u32::MAX), |p| (p.line, p.col))
    }
}

/// Options for loading.
#[derive(Clone, Copy, Debug)]
pub struct LoadOptions {
    /// Refuse files larger than this, before parsing.
    pub max_bytes: u64,
    /// Budgets on the YAML structure.
    pub yaml: yaml::Limits,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_bytes: DEFAULT_MAX_BYTES, yaml: yaml::Limits::default() }
    }
}

/// The input formats, told apart by the file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// The YAML agreement format (`.yaml`, `.yml`, and anything else).
    Yaml,
    /// A Markdown document (`.md`, `.markdown`).
    Markdown,
    /// A plain-text document with numbered sections (`.txt`).
    Text,
}

impl InputFormat {
    /// The format of a path (for `REV:PATH`, of the PATH), by its extension.
    pub fn of(path: &str) -> InputFormat {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        match ext.as_str() {
            "md" | "markdown" | "mdown" | "mkd" => InputFormat::Markdown,
            "txt" | "text" => InputFormat::Text,
            _ => InputFormat::Yaml,
        }
    }
}

/// Most errors reported for one file; past this, one more line says how
/// many were left out.
pub const MAX_ERRORS: usize = yaml::MAX_ERRORS;

/// Read and load a file; the error that comes first in it if it has any.
pub fn load_file(path: &str, options: &LoadOptions) -> Result<Agreement, LoadError> {
    check_file(path, options).map_err(first)
}

/// Read and load a file, or give every error found in it (at most
/// [`MAX_ERRORS`], then a line saying how many more there were): the loader
/// goes on after a bad field, clause, party or key, so a file can be fixed
/// in one pass.
pub fn check_file(path: &str, options: &LoadOptions) -> Result<Agreement, Vec<LoadError>> {
    let text = read_source(path, options.max_bytes).map_err(|e| vec![e])?;
    check_text(text, shown_name(path), options)
}

/// The error that comes first in the file.
fn first(errors: Vec<LoadError>) -> LoadError {
    errors.into_iter().min_by_key(LoadError::place).expect("at least one error")
}

/// The tree of a file, or its YAML errors. When the only errors leave the
/// tree faithful (duplicate keys), the loader still checks it, and its
/// errors are added to the YAML ones.
pub(crate) fn parse(text: &str, path: &str, options: &LoadOptions) -> Result<Node, Vec<LoadError>> {
    parse_lines(text, path, options).map(|(root, _)| root)
}

/// [`parse`], with where the lines of each text that spans lines begin.
fn parse_lines(text: &str, path: &str, options: &LoadOptions) -> Result<(Node, yaml::TextLines), Vec<LoadError>> {
    let parsed = yaml::parse_all(text, options.yaml);
    let errors: Vec<LoadError> = parsed
        .errors
        .into_iter()
        .map(|e| LoadError { file: path.to_string(), pos: e.pos, message: e.message })
        .collect();
    match parsed.root {
        Some(root) if errors.is_empty() => Ok((root, parsed.lines)),
        Some(root) => {
            let loader = Loader::new(path);
            for e in errors {
                loader.record(e);
            }
            Err(loader.load(root).err().unwrap_or_default())
        }
        None => Err(errors),
    }
}

/// Load an agreement from text; `path` is used in errors and reports.
pub fn load_str(text: &str, path: &str, options: &LoadOptions) -> Result<Agreement, LoadError> {
    check_str(text, path, options).map_err(first)
}

/// [`check_str`] on a text it may free early: a YAML text is dropped once it
/// is parsed, before the model is built from the tree, so a large file is
/// not held three times over (text, tree, model) at the peak.
pub fn check_text(text: String, path: &str, options: &LoadOptions) -> Result<Agreement, Vec<LoadError>> {
    if InputFormat::of(path) != InputFormat::Yaml {
        return check_str(&text, path, options);
    }
    let bidi = crate::model::bidi_controls(&text);
    let (tree, lines) = parse_lines(&text, path, options)?;
    drop(text);
    Loader::new(path).with_lines(lines).load(tree).map(|a| Agreement { bidi, ..a })
}

/// [`load_str`], with every error found.
pub fn check_str(text: &str, path: &str, options: &LoadOptions) -> Result<Agreement, Vec<LoadError>> {
    let bidi = crate::model::bidi_controls(text);
    let agreement = match InputFormat::of(path) {
        InputFormat::Markdown => markdown::load(text, path, options).map_err(|e| vec![e]),
        InputFormat::Text => plain::load(text, path, options).map_err(|e| vec![e]),
        InputFormat::Yaml => {
            let (tree, lines) = parse_lines(text, path, options)?;
            Loader::new(path).with_lines(lines).load(tree)
        }
    };
    agreement.map(|a| Agreement { bidi, ..a })
}

pub(crate) struct Loader<'a> {
    pub path: &'a str,
    /// The errors found so far, at most [`MAX_ERRORS`].
    errors: RefCell<Vec<LoadError>>,
    /// How many more there were.
    more: Cell<usize>,
    /// Where the lines of text scalars that span lines begin (taken by the
    /// clauses whose `text` they are).
    lines: RefCell<yaml::TextLines>,
}

type R<T> = Result<T, LoadError>;

impl<'a> Loader<'a> {
    pub(crate) fn new(path: &'a str) -> Self {
        Loader { path, errors: RefCell::new(Vec::new()), more: Cell::new(0), lines: RefCell::default() }
    }

    /// A loader that gives each clause the line table of its `text`.
    fn with_lines(self, lines: yaml::TextLines) -> Self {
        Loader { lines: RefCell::new(lines), ..self }
    }

    pub(crate) fn err<T>(&self, pos: Pos, message: impl Into<String>) -> R<T> {
        Err(LoadError { file: self.path.to_string(), pos: Some(pos), message: message.into() })
    }

    /// Note an error and go on.
    fn record(&self, e: LoadError) {
        let mut errors = self.errors.borrow_mut();
        if errors.len() < MAX_ERRORS {
            errors.push(e);
        } else {
            self.more.set(self.more.get() + 1);
        }
    }

    /// The value, or `None` with the error noted.
    pub(crate) fn keep<T>(&self, r: R<T>) -> Option<T> {
        r.map_err(|e| self.record(e)).ok()
    }

    /// Note an error at `pos` and go on.
    pub(crate) fn note(&self, pos: Pos, message: impl Into<String>) {
        self.record(LoadError { file: self.path.to_string(), pos: Some(pos), message: message.into() });
    }

    /// The agreement in a tree, or every error noted on the way.
    /// The tree is consumed: each clause's part of it is freed as soon as the
    /// clause is built, so a large file's tree and model are not both whole
    /// at the peak.
    fn load(self, mut root: Node) -> Result<Agreement, Vec<LoadError>> {
        let agreement = self.agreement(&mut root);
        let errors = self.into_errors();
        match agreement {
            Some(a) if errors.is_empty() => Ok(a),
            _ => {
                debug_assert!(!errors.is_empty(), "no agreement, so an error was noted");
                Err(errors)
            }
        }
    }

    /// Every error noted, with a last line saying how many more there were.
    pub(crate) fn into_errors(self) -> Vec<LoadError> {
        let mut errors = self.errors.into_inner();
        let more = self.more.get();
        if more > 0 {
            errors.push(LoadError {
                file: self.path.to_string(),
                pos: None,
                message: format!("{more} more error{} not shown; fix these and check again", plural(more)),
            });
        }
        errors
    }

    /// The entries of a mapping, refusing keys that are not text.
    pub(crate) fn map<'n>(&self, node: &'n Node, what: &str) -> R<&'n [Entry]> {
        match &node.kind {
            NodeKind::Map(entries) => Ok(entries),
            other => self.err(node.pos, format!("{what} must be a mapping, found {}", other.describe())),
        }
    }

    /// Check every key of a mapping against the allowed ones, noting each
    /// one that is not; whether all were.
    pub(crate) fn check_keys(&self, entries: &[Entry], allowed: &[&str], what: &str) -> bool {
        let mut ok = self.text_keys(entries, what);
        for e in entries.iter().filter(|e| e.key_is_text) {
            if !allowed.contains(&e.key.as_str()) {
                let mut message = format!("unknown key `{}` in {what}", clip(&e.key));
                match closest(&e.key, allowed) {
                    Some(s) => message.push_str(&format!("; did you mean `{s}`?")),
                    None => message.push_str(&format!("; allowed keys: {}", allowed.join(", "))),
                }
                self.note(e.key_pos, message);
                ok = false;
            }
        }
        ok
    }

    /// Note every key that is not plain text (numbers, booleans, lists...);
    /// whether there was none.
    pub(crate) fn text_keys(&self, entries: &[Entry], what: &str) -> bool {
        let mut ok = true;
        for e in entries.iter().filter(|e| !e.key_is_text) {
            self.note(e.key_pos, format!("a key in {what} must be text, found {}", clip(&e.key)));
            ok = false;
        }
        ok
    }

    pub(crate) fn get<'n>(&self, entries: &'n [Entry], key: &str) -> Option<&'n Entry> {
        entries.iter().find(|e| e.key_is_text && e.key == key)
    }

    /// A string value, copied: for ids and short values.
    pub(crate) fn string(&self, node: &Node, what: &str) -> R<String> {
        self.text(node, what).map(|t| t.as_ref().clone())
    }

    /// A string value, shared with the tree: for prose, which may be long.
    pub(crate) fn text(&self, node: &Node, what: &str) -> R<crate::model::value::Text> {
        match &node.kind {
            NodeKind::Str(s) if !s.trim().is_empty() => Ok(s.clone()),
            NodeKind::Str(_) => self.err(node.pos, format!("{what} is empty")),
            NodeKind::Number(n) => self.err(
                node.pos,
                format!(
                    "{what} must be text, found the number {n}; put it in quotes (\"{n}\") if it is meant as text",
                    n = clip(n)
                ),
            ),
            NodeKind::Bool(b) => self.err(
                node.pos,
                format!("{what} must be text, found the boolean {b}; put it in quotes if it is meant as text"),
            ),
            other => self.err(node.pos, format!("{what} must be text, found {}", other.describe())),
        }
    }

    fn agreement(&self, root: &mut Node) -> Option<Agreement> {
        // The clauses are read last, from their own part of the tree, taken
        // out here (the key stays, with nothing under it, for the checks).
        let clause_list = match &mut root.kind {
            NodeKind::Map(entries) => entries.iter_mut().find(|e| e.key_is_text && e.key == "clauses").map(|e| {
                let pos = e.value.pos;
                std::mem::replace(&mut e.value, Node { pos, kind: NodeKind::Null })
            }),
            _ => None,
        };
        let root = &*root;
        if root.kind == NodeKind::Null {
            self.note(
                root.pos,
                "the file is empty: an agreement starts with `agreement: ID`, then `parties:` and `clauses:` \
                 (see docs/format.md)",
            );
            return None;
        }
        let entries = self.keep(self.map(root, "an agreement file"))?;
        self.check_keys(entries, TOP_LEVEL_KEYS, "the agreement");
        for key in ["agreement", "parties", "clauses"] {
            if self.get(entries, key).is_none() {
                self.note(root.pos, format!("missing required key `{key}`"));
            }
        }
        let mut meta = Vec::new();
        let mut id = String::new();
        let mut version = None;
        for e in entries.iter().filter(|e| e.key_is_text) {
            let value = match e.key.as_str() {
                "agreement" => self.keep(self.identifier(&e.value, "`agreement`")).map(|s| {
                    id = s.clone();
                    Value::text(s)
                }),
                "version" | "previous" => self.keep(self.string(&e.value, &format!("`{}`", e.key))).map(|s| {
                    if e.key == "version" {
                        version = Some(s.clone());
                    }
                    Value::text(s)
                }),
                "title" | "notes" => self.keep(self.text(&e.value, &format!("`{}`", e.key))).map(Value::Text),
                "provenance" => self.keep(self.string(&e.value, "`provenance`").and_then(|s| {
                    if matches!(s.as_str(), "signed" | "draft" | "announcements") {
                        Ok(Value::text(s))
                    } else {
                        self.err(
                            e.value.pos,
                            format!("`provenance` must be signed, draft or announcements, found `{}`", clip(&s)),
                        )
                    }
                })),
                "effective" => self.keep(self.value(&e.value, schema::Kind::Date, "`effective`", None)),
                "sources" => self.keep(self.value(&e.value, schema::Kind::List, "`sources`", None)),
                _ => continue,
            };
            if let Some(value) = value {
                meta.push(Field {
                    name: TOP_LEVEL_KEYS.iter().find(|k| **k == e.key).copied().unwrap_or("notes"),
                    value,
                    pos: e.key_pos,
                });
            }
        }
        // When `parties` cannot be read, clauses are checked without naming
        // parties wrong that are only unknown.
        let (parties, party_keys) = match self.get(entries, "parties") {
            Some(e) => self.parties(&e.value),
            None => (Vec::new(), None),
        };
        let definitions = match self.get(entries, "definitions") {
            Some(e) => self.definitions(&e.value),
            None => Vec::new(),
        };
        let clauses = match clause_list {
            Some(list) => self.clauses(list, party_keys.as_ref()),
            None => Vec::new(),
        };
        Some(Agreement {
            path: self.path.to_string(),
            id,
            version,
            meta,
            parties,
            definitions,
            clauses,
            ids_derived: false,
            bidi: Vec::new(),
        })
    }

    /// An id: lowercase letters, digits and hyphens.
    pub(crate) fn identifier(&self, node: &Node, what: &str) -> R<String> {
        let s = self.string(node, what)?;
        if !is_identifier(&s) {
            return self.err(
                node.pos,
                format!(
                    "{what} `{}` is not a valid id: use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit",
                    clip(&s)
                ),
            );
        }
        Ok(s)
    }

    /// The parties, and the keys clauses may name (`None` when `parties`
    /// is not a mapping at all).
    pub(crate) fn parties(&self, node: &Node) -> (Vec<Party>, Option<HashSet<String>>) {
        let Some(entries) = self.keep(self.map(node, "`parties`")) else {
            return (Vec::new(), None);
        };
        self.text_keys(entries, "`parties`");
        if entries.is_empty() {
            self.note(node.pos, "`parties` is empty: name at least one party");
        }
        let mut parties = Vec::new();
        let mut keys = HashSet::new();
        for e in entries.iter().filter(|e| e.key_is_text) {
            let key_node = Node { pos: e.key_pos, kind: NodeKind::Str(std::sync::Arc::new(e.key.clone())) };
            let Some(key) = self.keep(self.identifier(&key_node, "party key")) else { continue };
            if key == "mutual" {
                // `liable: mutual` means every party; a party of that name would make it ambiguous.
                self.note(
                    e.key_pos,
                    "`mutual` cannot be a party key: in a role it means every party; choose another key",
                );
                continue;
            }
            // The key is known even if its value is bad: clauses naming it are not wrong.
            keys.insert(key.clone());
            if let Some(party) = self.keep(self.party(key, e)) {
                parties.push(party);
            }
        }
        (parties, Some(keys))
    }

    fn party(&self, key: String, e: &Entry) -> R<Party> {
        let (name, short, aliases) = match &e.value.kind {
            NodeKind::Str(_) => (self.string(&e.value, &format!("the name of party `{key}`"))?, None, Vec::new()),
            NodeKind::Map(fields) => {
                self.check_keys(fields, PARTY_KEYS, &format!("party `{key}`"));
                let name = match self.get(fields, "name") {
                    Some(n) => self.keep(self.string(&n.value, &format!("the name of party `{key}`"))),
                    None => {
                        self.note(e.value.pos, format!("party `{key}` has no `name`"));
                        None
                    }
                };
                let short = match self.get(fields, "short") {
                    Some(n) => self.keep(self.string(&n.value, &format!("the short name of party `{key}`"))),
                    None => None,
                };
                if let Some(n) = self.get(fields, "notes") {
                    self.keep(self.string(&n.value, "`notes`"));
                }
                let aliases = match self.get(fields, "aliases") {
                    Some(n) => self.keep(self.aliases(&n.value, &key)).unwrap_or_default(),
                    None => Vec::new(),
                };
                // An error above is noted; the party is left out (the file is refused anyway).
                (name.unwrap_or_default(), short, aliases)
            }
            other => {
                return self.err(
                    e.value.pos,
                    format!("party `{key}` must be a name or a mapping with `name`, found {}", other.describe()),
                );
            }
        };
        Ok(Party { key, name, short, aliases, pos: e.key_pos })
    }

    /// A party's aliases: a list of distinct words (`[we, us, our]`).
    fn aliases(&self, node: &Node, key: &str) -> R<Vec<String>> {
        let NodeKind::Seq(items) = &node.kind else {
            return self.err(node.pos, format!("`aliases` of party `{key}` must be a list, such as [we, us]"));
        };
        let mut out: Vec<String> = Vec::new();
        for item in items {
            let alias = self.string(item, &format!("an alias of party `{key}`"))?;
            if out.iter().any(|a| a.eq_ignore_ascii_case(&alias)) {
                return self.err(item.pos, format!("alias `{alias}` of party `{key}` is listed twice"));
            }
            out.push(alias);
        }
        Ok(out)
    }

    /// The errors noted so far (for a caller that drives the loader itself,
    /// such as the front matter of a Markdown agreement).
    pub(crate) fn noted(&self) -> Vec<LoadError> {
        self.errors.borrow().clone()
    }

    pub(crate) fn definitions(&self, node: &Node) -> Vec<Definition> {
        let Some(entries) = self.keep(self.map(node, "`definitions`")) else { return Vec::new() };
        self.text_keys(entries, "`definitions`");
        let mut out = Vec::new();
        for e in entries.iter().filter(|e| e.key_is_text) {
            if e.key.trim().is_empty() {
                self.note(e.key_pos, "a defined term is empty");
                continue;
            }
            if let Some(text) = self.keep(self.string(&e.value, &format!("the definition of `{}`", clip(&e.key)))) {
                out.push(Definition { term: e.key.clone(), text, pos: e.key_pos });
            }
        }
        out
    }

    fn clauses(&self, node: Node, parties: Option<&HashSet<String>>) -> Vec<Clause> {
        let items = match node.kind {
            NodeKind::Seq(items) => items,
            other => {
                self.note(node.pos, format!("`clauses` must be a list, found {}", other.describe()));
                return Vec::new();
            }
        };
        let mut seen: HashMap<String, Pos> = HashMap::new();
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            // Each item is dropped once read: its strings live on in the clause.
            let Some(clause) = self.clause(&item, parties) else { continue };
            if let Some(first) = seen.get(&clause.id) {
                self.note(
                    clause.pos,
                    format!("duplicate clause id `{}` (first used at line {})", clause.id, first.line),
                );
                continue;
            }
            seen.insert(clause.id.clone(), clause.pos);
            out.push(clause);
        }
        out
    }

    /// A clause, with every error in it noted; `None` when its id or type
    /// cannot be read (its fields are still checked where they can be).
    pub(crate) fn clause(&self, node: &Node, parties: Option<&HashSet<String>>) -> Option<Clause> {
        let entries = self.keep(self.map(node, "a clause"))?;
        let id = match self.get(entries, "id") {
            Some(e) => self.keep(self.identifier(&e.value, "clause `id`")),
            None => {
                self.note(node.pos, "a clause has no `id`");
                None
            }
        };
        // How messages name the clause, even without a valid id.
        let who = match &id {
            Some(id) => format!("clause `{id}`"),
            None => format!("the clause at line {}", node.pos.line),
        };
        let ctype = match self.get(entries, "type") {
            Some(e) => {
                let name = self.keep(self.string(&e.value, "clause `type`"))?;
                match schema::clause_type(&name) {
                    Some(t) => t,
                    None => {
                        let names: Vec<&str> = CLAUSE_TYPES.iter().map(|t| t.name).collect();
                        let hint = match closest(&name, &names) {
                            Some(s) => format!("did you mean `{s}`?"),
                            None => format!("known types: {}", names.join(", ")),
                        };
                        self.note(e.value.pos, format!("unknown clause type `{}` in {who}; {hint}", clip(&name)));
                        return None;
                    }
                }
            }
            None => schema::clause_type("text").expect("text type exists"),
        };
        // Messages are only put together when something is wrong: the happy
        // path of a large file must not format a string per field.
        let known = |k: &str| k == "id" || k == "type" || ctype.field(k).is_some();
        if !entries.iter().all(|e| e.key_is_text && known(&e.key)) {
            let mut allowed: Vec<&str> = vec!["id", "type"];
            allowed.extend(ctype.all_fields().map(|f| f.name));
            self.check_keys(entries, &allowed, &format!("{who} (type {})", ctype.name));
        }
        let mut fields = Vec::new();
        for spec in ctype.all_fields() {
            match self.get(entries, spec.name) {
                Some(e) => {
                    let value = match self.value(&e.value, spec.kind, "", parties) {
                        Ok(v) => Some(v),
                        Err(_) => {
                            let what = format!("`{}` of {who}", spec.name);
                            self.keep(self.value(&e.value, spec.kind, &what, parties))
                        }
                    };
                    if let Some(value) = value {
                        fields.push(Field { name: spec.name, value, pos: e.key_pos });
                    }
                }
                None if spec.required => self
                    .note(node.pos, format!("{who} (type {}) is missing required field `{}`", ctype.name, spec.name)),
                None => {}
            }
        }
        self.coherent(&who, ctype, &fields);
        let text_lines = self.get(entries, "text").and_then(|e| self.lines.borrow_mut().remove(&e.value.pos));
        Some(Clause { id: id?, ctype, pos: node.pos, fields, section: None, heading: None, text_lines })
    }

    /// Fields that are each valid but together make no sense: the same
    /// party on both sides of a payment or a licence, a term that ends
    /// before it starts.
    pub(crate) fn coherent(&self, who: &str, ctype: &schema::ClauseType, fields: &[Field]) {
        let field = |name: &str| fields.iter().find(|f| f.name == name);
        if let Some((giver, taker)) = ctype.distinct_roles()
            && let (Some(a), Some(b)) = (field(giver), field(taker))
        {
            self.roles_coherent(who, ctype, (a, giver), (b, taker));
        }
        if ctype.kind == schema::ClauseKind::Term
            && let (Some(start), Some(until)) = (field("start"), field("until"))
            && let (Value::Date(start_date), Value::End(end)) = (&start.value, &until.value)
            && let Some(early) = end.parts().0.into_iter().filter(|d| d < start_date).min()
        {
            self.note(
                until.pos,
                format!("`until` of {who} ({early}) is before its `start` ({start_date}): a term cannot end before it starts"),
            );
        }
    }
}

impl Loader<'_> {
    /// The two roles of a clause name different parties (a payer paying
    /// itself is an error), or the same several parties (a mutual term:
    /// `liable: mutual`, `claimant: mutual`); `mutual` on one side is
    /// `mutual` (or nothing) on the other.
    fn roles_coherent(
        &self,
        who: &str,
        ctype: &schema::ClauseType,
        (a, giver): (&Field, &str),
        (b, taker): (&Field, &str),
    ) {
        let later = a.pos.max(b.pos);
        let set = |v: &Value| -> Option<Vec<String>> {
            let mut v = match v {
                Value::Party(p) => vec![p.clone()],
                Value::Parties(ps) => ps.clone(),
                _ => return None,
            };
            v.sort();
            Some(v)
        };
        let mutual = match (&a.value, &b.value) {
            (Value::Mutual, Value::Mutual) => true,
            (Value::Mutual, _) | (_, Value::Mutual) => {
                let (m, other) = if a.value == Value::Mutual { (giver, taker) } else { (taker, giver) };
                self.note(
                    later,
                    format!(
                        "the `{m}` of {who} is `mutual` (every party), so its `{other}` must be `mutual` too, or left out"
                    ),
                );
                return;
            }
            (x, y) => match (set(x), set(y)) {
                (Some(p), Some(q)) if p.len() == 1 && p == q => {
                    self.note(
                        later,
                        format!(
                            "the `{giver}` and the `{taker}` of {who} are both `{}`: a {} clause is between two different \
                             parties",
                            p[0], ctype.name
                        ),
                    );
                    return;
                }
                (Some(p), Some(q)) if p == q => true,
                (Some(p), Some(q)) if p.iter().any(|k| q.contains(k)) => {
                    self.note(
                        later,
                        format!(
                            "the `{giver}` and the `{taker}` of {who} share some parties but not all: name different \
                             parties, or the same ones for a mutual term (or write `mutual`)"
                        ),
                    );
                    return;
                }
                _ => false,
            },
        };
        if mutual && ctype.kind == schema::ClauseKind::Payment {
            self.note(
                later,
                format!(
                    "the `{giver}` and the `{taker}` of {who} are the same parties: a payment is one direction of money; \
                     a two-way payment is two clauses"
                ),
            );
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Whether `s` is a valid id: lowercase letters, digits, `-`, `_` and `.`,
/// starting with a letter or digit, at most 200 bytes.
pub(crate) fn is_identifier(s: &str) -> bool {
    s.len() <= 200
        && s.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.' || b == b'_')
}

/// The allowed key closest to a misspelt one, if any is close (by edit
/// distance, `strsim`; only the first 64 characters of a word count, so a
/// huge key costs no more than a short one).
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word: String = word.chars().take(64).collect();
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(&word, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys() {
        assert_eq!(closest("exlusive", &["exclusive", "scope"]), Some("exclusive"));
        assert_eq!(closest("zzz", &["exclusive", "scope"]), None);
    }
}
