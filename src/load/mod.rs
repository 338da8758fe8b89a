//! Load: file bytes → YAML tree → validated, typed [`Agreement`].
//!
//! Every error names the file, and the line and column where the file has one.

mod fields;
mod many;
mod source;

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::model::schema::{self, CLAUSE_TYPES, PARTY_KEYS, TOP_LEVEL_KEYS};
use crate::model::{Agreement, Clause, Definition, Field, Party, Value};
use crate::safe;
pub use crate::yaml::Pos;
use crate::yaml::{self, Entry, Node, NodeKind};

pub use many::{Listed, agreement_files, in_parallel, list_dir, load_all};
pub use source::{DEFAULT_MAX_BYTES, read_source};

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

/// Read and load a file.
pub fn load_file(path: &str, options: &LoadOptions) -> Result<Agreement, LoadError> {
    let root = {
        let text = read_source(path, options.max_bytes)?;
        parse(&text, path, options)?
        // The text is dropped here: the tree holds what the model needs.
    };
    let agreement = Loader { path }.agreement(&root);
    // Freeing a large tree takes a while: another core does it when it can;
    // with no thread to be had, it is dropped here instead.
    let _ = std::thread::Builder::new().spawn(move || drop(root));
    agreement
}

fn parse(text: &str, path: &str, options: &LoadOptions) -> Result<Node, LoadError> {
    yaml::parse(text, options.yaml).map_err(|e| LoadError { file: path.to_string(), pos: e.pos, message: e.message })
}

/// Load an agreement from text; `path` is used in errors and reports.
pub fn load_str(text: &str, path: &str, options: &LoadOptions) -> Result<Agreement, LoadError> {
    let root = parse(text, path, options)?;
    Loader { path }.agreement(&root)
}

pub(crate) struct Loader<'a> {
    pub path: &'a str,
}

type R<T> = Result<T, LoadError>;

impl Loader<'_> {
    pub(crate) fn err<T>(&self, pos: Pos, message: impl Into<String>) -> R<T> {
        Err(LoadError { file: self.path.to_string(), pos: Some(pos), message: message.into() })
    }

    /// The entries of a mapping, refusing keys that are not text.
    fn map<'n>(&self, node: &'n Node, what: &str) -> R<&'n [Entry]> {
        match &node.kind {
            NodeKind::Map(entries) => Ok(entries),
            other => self.err(node.pos, format!("{what} must be a mapping, found {}", other.describe())),
        }
    }

    /// Check every key of a mapping against the allowed ones.
    fn check_keys(&self, entries: &[Entry], allowed: &[&str], what: &str) -> R<()> {
        self.text_keys(entries, what)?;
        for e in entries {
            if !allowed.contains(&e.key.as_str()) {
                let mut message = format!("unknown key `{}` in {what}", e.key);
                match closest(&e.key, allowed) {
                    Some(s) => message.push_str(&format!("; did you mean `{s}`?")),
                    None => message.push_str(&format!("; allowed keys: {}", allowed.join(", "))),
                }
                return self.err(e.key_pos, message);
            }
        }
        Ok(())
    }

    /// Refuse keys that are not plain text (numbers, booleans, lists...).
    fn text_keys(&self, entries: &[Entry], what: &str) -> R<()> {
        match entries.iter().find(|e| !e.key_is_text) {
            Some(e) => self.err(e.key_pos, format!("a key in {what} must be text, found {}", e.key)),
            None => Ok(()),
        }
    }

    fn get<'n>(&self, entries: &'n [Entry], key: &str) -> Option<&'n Entry> {
        entries.iter().find(|e| e.key == key)
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
                format!("{what} must be text, found the number {n}; put it in quotes (\"{n}\") if it is meant as text"),
            ),
            NodeKind::Bool(b) => self.err(
                node.pos,
                format!("{what} must be text, found the boolean {b}; put it in quotes if it is meant as text"),
            ),
            other => self.err(node.pos, format!("{what} must be text, found {}", other.describe())),
        }
    }

    fn agreement(&self, root: &Node) -> R<Agreement> {
        let entries = self.map(root, "an agreement file")?;
        self.check_keys(entries, TOP_LEVEL_KEYS, "the agreement")?;
        for key in ["agreement", "parties", "clauses"] {
            if self.get(entries, key).is_none() {
                return self.err(root.pos, format!("missing required key `{key}`"));
            }
        }
        let mut meta = Vec::new();
        let mut id = String::new();
        let mut version = None;
        for e in entries {
            let value = match e.key.as_str() {
                "agreement" => {
                    let s = self.identifier(&e.value, "`agreement`")?;
                    id = s.clone();
                    Value::text(s)
                }
                "version" | "previous" => {
                    let s = self.string(&e.value, &format!("`{}`", e.key))?;
                    if e.key == "version" {
                        version = Some(s.clone());
                    }
                    Value::text(s)
                }
                "title" | "notes" => Value::Text(self.text(&e.value, &format!("`{}`", e.key))?),
                "effective" => self.value(&e.value, schema::Kind::Date, "`effective`", &HashSet::new())?,
                "sources" => self.value(&e.value, schema::Kind::List, "`sources`", &HashSet::new())?,
                _ => continue,
            };
            meta.push(Field {
                name: TOP_LEVEL_KEYS.iter().find(|k| **k == e.key).copied().unwrap_or("notes"),
                value,
                pos: e.key_pos,
            });
        }
        let parties = self.parties(&self.get(entries, "parties").expect("checked above").value)?;
        let party_keys: HashSet<String> = parties.iter().map(|p| p.key.clone()).collect();
        let definitions = match self.get(entries, "definitions") {
            Some(e) => self.definitions(&e.value)?,
            None => Vec::new(),
        };
        let clauses = self.clauses(&self.get(entries, "clauses").expect("checked above").value, &party_keys)?;
        Ok(Agreement { path: self.path.to_string(), id, version, meta, parties, definitions, clauses })
    }

    /// An id: lowercase letters, digits and hyphens.
    fn identifier(&self, node: &Node, what: &str) -> R<String> {
        let s = self.string(node, what)?;
        if !is_identifier(&s) {
            return self.err(
                node.pos,
                format!("{what} `{s}` is not a valid id: use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit"),
            );
        }
        Ok(s)
    }

    fn parties(&self, node: &Node) -> R<Vec<Party>> {
        let entries = self.map(node, "`parties`")?;
        self.text_keys(entries, "`parties`")?;
        if entries.is_empty() {
            return self.err(node.pos, "`parties` is empty: name at least one party");
        }
        let mut parties = Vec::new();
        for e in entries {
            let key_node = Node { pos: e.key_pos, kind: NodeKind::Str(std::sync::Arc::new(e.key.clone())) };
            let key = self.identifier(&key_node, "party key")?;
            let (name, short) = match &e.value.kind {
                NodeKind::Str(_) => (self.string(&e.value, &format!("the name of party `{key}`"))?, None),
                NodeKind::Map(fields) => {
                    self.check_keys(fields, PARTY_KEYS, &format!("party `{key}`"))?;
                    let name = match self.get(fields, "name") {
                        Some(n) => self.string(&n.value, &format!("the name of party `{key}`"))?,
                        None => return self.err(e.value.pos, format!("party `{key}` has no `name`")),
                    };
                    let short = match self.get(fields, "short") {
                        Some(n) => Some(self.string(&n.value, &format!("the short name of party `{key}`"))?),
                        None => None,
                    };
                    if let Some(n) = self.get(fields, "notes") {
                        self.string(&n.value, "`notes`")?;
                    }
                    (name, short)
                }
                other => {
                    return self.err(
                        e.value.pos,
                        format!("party `{key}` must be a name or a mapping with `name`, found {}", other.describe()),
                    );
                }
            };
            parties.push(Party { key, name, short, pos: e.key_pos });
        }
        Ok(parties)
    }

    fn definitions(&self, node: &Node) -> R<Vec<Definition>> {
        let entries = self.map(node, "`definitions`")?;
        self.text_keys(entries, "`definitions`")?;
        let mut out = Vec::new();
        for e in entries {
            if e.key.trim().is_empty() {
                return self.err(e.key_pos, "a defined term is empty");
            }
            let text = self.string(&e.value, &format!("the definition of `{}`", e.key))?;
            out.push(Definition { term: e.key.clone(), text, pos: e.key_pos });
        }
        Ok(out)
    }

    fn clauses(&self, node: &Node, parties: &HashSet<String>) -> R<Vec<Clause>> {
        let items = match &node.kind {
            NodeKind::Seq(items) => items,
            other => {
                return self.err(node.pos, format!("`clauses` must be a list, found {}", other.describe()));
            }
        };
        let mut seen: HashMap<String, Pos> = HashMap::new();
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let clause = self.clause(item, parties)?;
            if let Some(first) = seen.get(&clause.id) {
                return self.err(
                    clause.pos,
                    format!("duplicate clause id `{}` (first used at line {})", clause.id, first.line),
                );
            }
            seen.insert(clause.id.clone(), clause.pos);
            out.push(clause);
        }
        Ok(out)
    }

    fn clause(&self, node: &Node, parties: &HashSet<String>) -> R<Clause> {
        let entries = self.map(node, "a clause")?;
        let id = match self.get(entries, "id") {
            Some(e) => self.identifier(&e.value, "clause `id`")?,
            None => return self.err(node.pos, "a clause has no `id`"),
        };
        let ctype = match self.get(entries, "type") {
            Some(e) => {
                let name = self.string(&e.value, "clause `type`")?;
                match schema::clause_type(&name) {
                    Some(t) => t,
                    None => {
                        let names: Vec<&str> = CLAUSE_TYPES.iter().map(|t| t.name).collect();
                        let hint = match closest(&name, &names) {
                            Some(s) => format!("did you mean `{s}`?"),
                            None => format!("known types: {}", names.join(", ")),
                        };
                        return self.err(e.value.pos, format!("unknown clause type `{name}` in clause `{id}`; {hint}"));
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
            self.check_keys(entries, &allowed, &format!("clause `{id}` (type {})", ctype.name))?;
        }
        let mut fields = Vec::new();
        for spec in ctype.all_fields() {
            match self.get(entries, spec.name) {
                Some(e) => {
                    let value = match self.value(&e.value, spec.kind, "", parties) {
                        Ok(v) => v,
                        Err(_) => {
                            let what = format!("`{}` of clause `{id}`", spec.name);
                            self.value(&e.value, spec.kind, &what, parties)?
                        }
                    };
                    fields.push(Field { name: spec.name, value, pos: e.key_pos });
                }
                None if spec.required => {
                    return self.err(
                        node.pos,
                        format!("clause `{id}` (type {}) is missing required field `{}`", ctype.name, spec.name),
                    );
                }
                None => {}
            }
        }
        Ok(Clause { id, ctype, pos: node.pos, fields })
    }
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
