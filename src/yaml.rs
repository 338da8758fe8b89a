//! The YAML layer: the only module that knows which YAML crate is in use.
//!
//! It turns text into a small tree of [`Node`]s, each carrying the line and
//! column where it starts. Everything above this module works on that tree, so
//! the YAML crate can be swapped by rewriting this file alone.
//!
//! The tree is built straight from the event stream of `granit-parser` (the
//! YAML 1.2 parser underneath serde-saphyr), with the rules an agreement
//! needs enforced here: YAML 1.2 booleans only (`true`/`false`), no implicit
//! octal, no underscored or leading-zero numbers, duplicate keys are errors
//! at every depth, merge keys and tags other than `!!str` are refused, and
//! nesting, anchors, aliases and documents are held to budgets. Every step is
//! linear in the size of the input (alias expansion is bounded by a budget).

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;

use granit_parser::{Event, Parser, ScalarStyle, Span, StructureStyle, Tag};

use crate::safe::clip;

/// A 1-based line and column in a source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
}

/// One YAML node with the position where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where the node starts.
    pub pos: Pos,
    /// What it holds.
    pub kind: NodeKind,
}

/// What a node holds. Scalars keep the distinction the YAML 1.2 core schema
/// makes, so the loader can refuse a number where text is expected instead of
/// silently converting it.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false` (YAML 1.2 only).
    Bool(bool),
    /// A plain scalar that YAML resolves to a number, kept as its value's text.
    Number(String),
    /// Text, shared so that a long scalar is never copied.
    Str(Arc<String>),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in source order.
    Map(Vec<Entry>),
}

/// One `key: value` pair of a mapping, in source order.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key's text; for a key that is not a plain string (a number, a
    /// boolean, a list...), a description of it, and `key_is_text` is false.
    pub key: String,
    /// Where the key is.
    pub key_pos: Pos,
    /// Whether the key is a plain string.
    pub key_is_text: bool,
    /// The value.
    pub value: Node,
}

impl NodeKind {
    /// A short name for error messages: "text", "a list", ...
    pub fn describe(&self) -> String {
        match self {
            NodeKind::Null => "nothing (null)".to_string(),
            NodeKind::Bool(b) => format!("the boolean {b}"),
            NodeKind::Number(n) => format!("the number {n}"),
            NodeKind::Str(_) => "text".to_string(),
            NodeKind::Seq(_) => "a list".to_string(),
            NodeKind::Map(_) => "a mapping".to_string(),
        }
    }
}

/// A YAML syntax or budget error with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// Where, when known.
    pub pos: Option<Pos>,
    /// What is wrong.
    pub message: String,
}

/// Limits on the YAML structure, separate from the byte cap the caller applies.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Deepest nesting of lists and mappings.
    pub max_depth: usize,
    /// Most anchors, and most aliases, in a document.
    pub max_aliases: usize,
    /// Most nodes that alias expansion may add in all.
    pub max_alias_nodes: usize,
    /// Most bytes of text (scalars and keys) that alias expansion may add in
    /// all: one long text aliased many times costs time in every comparison
    /// that reads it, although the copies share memory. At about 0.15 µs a
    /// byte to compare, diff and report changed prose, 4 MiB keeps the worst
    /// case under a second.
    pub max_alias_bytes: usize,
    /// Most nodes (scalars, lists, mappings) in a document: bounds memory,
    /// at roughly 200 bytes a node in the worst case.
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 64,
            max_aliases: 1_000,
            max_alias_nodes: 100_000,
            max_alias_bytes: 4 * 1024 * 1024,
            max_nodes: 5_000_000,
        }
    }
}

/// Parse one YAML document into a tree of positioned nodes; the first
/// error if there is any.
pub fn parse(text: &str, limits: Limits) -> Result<Node, YamlError> {
    let parsed = parse_all(text, limits);
    match (parsed.errors.into_iter().next(), parsed.root) {
        (Some(e), _) => Err(e),
        (None, Some(root)) => Ok(root),
        (None, None) => unreachable!("a tree or an error"),
    }
}

/// What [`parse_all`] found: every error it could, and the tree when it is
/// still faithful to the file.
#[derive(Debug)]
pub struct Parsed {
    /// The tree: present when there are no errors, or only errors that leave
    /// the rest of the tree as the file says (a duplicate key: the first
    /// occurrence is kept), so the file can be checked further.
    pub root: Option<Node>,
    /// The errors, in the order met (at most [`MAX_ERRORS`]).
    pub errors: Vec<YamlError>,
    /// Where the lines of each text scalar that spans lines begin in its value.
    pub lines: TextLines,
}

/// For a text scalar that spans lines (a block scalar, a folded or wrapped
/// one), keyed by the scalar's position: the byte offsets in its value where
/// a new line of the file begins, with that line. A folded scalar turns line
/// breaks into spaces, so the value alone cannot tell a sentence's line.
pub type TextLines = std::collections::HashMap<Pos, Box<[(u32, u32)]>>;

/// Most errors gathered from one file.
pub const MAX_ERRORS: usize = 50;

/// Parse one YAML document, going on after the errors that allow it
/// (duplicate keys, tags, merge keys, non-finite numbers, undefined aliases)
/// to report them all; a syntax error or an exhausted budget ends it.
pub fn parse_all(text: &str, limits: Limits) -> Parsed {
    Builder {
        limits,
        anchors: Vec::new(),
        aliases: 0,
        alias_nodes: 0,
        alias_bytes: 0,
        documents: 0,
        nodes: 0,
        keys: RandomState::new(),
        errors: Vec::new(),
        intact: true,
        clause_errors: Vec::new(),
        lines: TextLines::new(),
    }
    .run(text)
}

/// The text of `key` in the top-level mapping of a document, read from as
/// few events as it takes (the rest of the file is not parsed): for listing
/// many files cheaply. `None` when the document does not start as a mapping,
/// the key is absent or is not plain text (a number, an alias, a list...), or
/// the YAML is bad before it: load the file to learn why.
pub fn top_level_text(text: &str, key: &str, limits: Limits) -> Option<String> {
    let mut depth = 0usize;
    // At depth 1: whether the next node is a key, and whether the last key was `key`.
    let mut at_key = true;
    let mut wanted = false;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.ok()?;
        let opens = matches!(event, Event::SequenceStart(..) | Event::MappingStart(..));
        match event {
            Event::StreamStart | Event::DocumentStart(..) => continue,
            Event::MappingStart(..) if depth == 0 => {
                depth = 1;
                continue;
            }
            Event::Scalar(value, style, _, tag) if depth == 1 => {
                if at_key {
                    wanted = value == key;
                } else if wanted {
                    return match scalar(value, style, tag.as_deref(), pos(&span)).ok()? {
                        NodeKind::Str(s) => Some(Arc::unwrap_or_clone(s)),
                        _ => None,
                    };
                }
                at_key = !at_key;
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                depth = depth.checked_sub(1)?;
                if depth == 1 {
                    at_key = !at_key;
                } else if depth == 0 {
                    return None;
                }
                continue;
            }
            _ if depth == 0 => return None,
            _ if opens => {
                if depth == 1 && !at_key && wanted {
                    return None;
                }
                depth += 1;
                if depth > limits.max_depth {
                    return None;
                }
                continue;
            }
            Event::Alias(_) if depth == 1 => {
                if !at_key && wanted {
                    return None;
                }
                at_key = !at_key;
            }
            _ => {}
        }
    }
    None
}

fn pos(span: &Span) -> Pos {
    Pos { line: span.start.line() as u32, col: span.start.col() as u32 + 1 }
}

fn fail<T>(pos: Pos, message: impl Into<String>) -> Result<T, YamlError> {
    Err(YamlError { pos: Some(pos), message: message.into() })
}

/// A collection being built; `flow` when written in brackets.
enum Open {
    Seq { pos: Pos, anchor: usize, flow: bool, items: Vec<Node> },
    Map { pos: Pos, anchor: usize, flow: bool, entries: Vec<Entry>, key: Option<Node>, seen: Keys, skip: bool },
}

impl Open {
    fn flow(&self) -> Option<(Pos, char)> {
        match self {
            Open::Seq { pos, flow: true, .. } => Some((*pos, '[')),
            Open::Map { pos, flow: true, .. } => Some((*pos, '{')),
            _ => None,
        }
    }
}

/// Whether the innermost collections on the stack are inside a clause: the
/// third level of `clauses: [ {clause} ]` at the top.
fn in_clause(stack: &[Open]) -> bool {
    matches!(stack.first(), Some(Open::Map { key: Some(Node { kind: NodeKind::Str(k), .. }), .. }) if k.as_str() == "clauses")
        && matches!(stack.get(1), Some(Open::Seq { .. }))
        && matches!(stack.get(2), Some(Open::Map { .. }))
}

/// Hashes of the text keys of one large mapping (small ones are scanned in
/// place). Keyed per run, so crafted keys cannot force collisions.
#[derive(Default)]
struct Keys {
    hashes: Option<HashSet<u64>>,
}

impl Keys {
    /// Whether `key` is new among the `entries` (and a pending key); records it.
    fn insert(&mut self, key: &str, entries: &[Entry], state: &RandomState) -> bool {
        if entries.len() < 16 {
            return !entries.iter().any(|e| e.key_is_text && e.key == key);
        }
        let hashes = self.hashes.get_or_insert_with(|| {
            entries.iter().filter(|e| e.key_is_text).map(|e| state.hash_one(e.key.as_str())).collect()
        });
        let h = state.hash_one(key);
        if hashes.contains(&h) && entries.iter().any(|e| e.key_is_text && e.key == key) {
            return false;
        }
        hashes.insert(h);
        true
    }
}

struct Builder {
    limits: Limits,
    /// Anchored nodes by anchor id (ids are small integers from the parser).
    anchors: Vec<Option<Node>>,
    aliases: usize,
    alias_nodes: usize,
    alias_bytes: usize,
    documents: usize,
    nodes: usize,
    keys: RandomState,
    /// Errors so far.
    errors: Vec<YamlError>,
    /// Whether the tree is still what the file says (no node replaced or left out
    /// but a duplicate key's second value).
    intact: bool,
    /// The errors met inside the clause being built, to name it when it ends.
    clause_errors: Vec<usize>,
    /// The line tables of text scalars that span lines.
    lines: TextLines,
}

impl Builder {
    fn run(mut self, text: &str) -> Parsed {
        let mut stack: Vec<Open> = Vec::new();
        let mut root: Option<Node> = None;
        match self.build(text, &mut stack, &mut root) {
            Ok(()) => {}
            Err(e) => {
                self.errors.push(e);
                return Parsed { root: None, errors: self.errors, lines: self.lines };
            }
        }
        let root = root.unwrap_or(Node { pos: Pos { line: 1, col: 1 }, kind: NodeKind::Null });
        self.errors.truncate(MAX_ERRORS);
        Parsed { root: self.intact.then_some(root), errors: self.errors, lines: self.lines }
    }

    /// Record an error that does not stop the parse.
    fn error(&mut self, stack: &[Open], at: Pos, message: String) {
        if in_clause(stack) {
            self.clause_errors.push(self.errors.len());
        }
        self.errors.push(YamlError { pos: Some(at), message });
    }

    /// Build the tree into `root`; `Err` for an error that ends the parse.
    fn build(&mut self, text: &str, stack: &mut Vec<Open>, root: &mut Option<Node>) -> Result<(), YamlError> {
        let mut options = granit_parser::Options::default();
        options.flow_nesting_limit = self.limits.max_depth;
        options.block_nesting_limit = self.limits.max_depth;
        options.emit_unresolved_aliases = true;
        let parser = Parser::new_from_str_with_options(text, options);
        for event in parser {
            if self.errors.len() >= MAX_ERRORS {
                return Ok(());
            }
            let (event, span) = event.map_err(|e| self.parser_error(&e, stack))?;
            let at = pos(&span);
            self.nodes += 1;
            if self.nodes > self.limits.max_nodes {
                return fail(at, format!("more than {} YAML nodes", self.limits.max_nodes));
            }
            let node = match event {
                Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => continue,
                Event::DocumentStart(..) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        return fail(at, "a file holds one agreement: found a second YAML document");
                    }
                    continue;
                }
                Event::Alias(id) => match self.alias(id, at)? {
                    Some(node) => node,
                    None => self.unresolved(stack, at, None),
                },
                Event::UnresolvedAlias(name) => {
                    self.alias(0, at)?;
                    self.unresolved(stack, at, Some(&name))
                }
                Event::Scalar(value, style, anchor, tag) => {
                    if span.end.line() > span.start.line()
                        && let Some(range) = span.byte_range()
                        && let Some(source) = text.get(range)
                        && let Some(table) = line_table(source, at.line, &value, style)
                    {
                        self.lines.insert(at, table);
                    }
                    let kind = match scalar(value, style, tag.as_deref(), at) {
                        Ok(kind) => kind,
                        Err(e) => {
                            self.error(stack, at, e.message);
                            self.intact = false;
                            NodeKind::Null
                        }
                    };
                    let node = Node { pos: at, kind };
                    self.anchor(anchor, &node, at)?;
                    node
                }
                Event::SequenceStart(style, anchor, tag) => {
                    self.collection_tag(stack, tag.as_deref(), "seq", at);
                    self.depth(stack.len(), at)?;
                    let flow = style == StructureStyle::Flow;
                    stack.push(Open::Seq { pos: at, anchor, flow, items: Vec::new() });
                    continue;
                }
                Event::MappingStart(style, anchor, tag) => {
                    self.collection_tag(stack, tag.as_deref(), "map", at);
                    self.depth(stack.len(), at)?;
                    let flow = style == StructureStyle::Flow;
                    let seen = Keys::default();
                    stack.push(Open::Map { pos: at, anchor, flow, entries: Vec::new(), key: None, seen, skip: false });
                    continue;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let clause_ends = stack.len() == 3 && in_clause(stack);
                    let (node, anchor) = match stack.pop() {
                        Some(Open::Seq { pos, anchor, items, .. }) => {
                            (Node { pos, kind: NodeKind::Seq(items) }, anchor)
                        }
                        Some(Open::Map { pos, anchor, entries, .. }) => {
                            (Node { pos, kind: NodeKind::Map(entries) }, anchor)
                        }
                        None => return fail(at, "unbalanced YAML structure"),
                    };
                    if clause_ends {
                        self.name_clause(&node);
                    }
                    self.anchor(anchor, &node, at)?;
                    node
                }
                _ => continue,
            };
            self.place(stack, root, node);
        }
        Ok(())
    }

    /// An alias to no anchor: noted, and nothing in its place.
    fn unresolved(&mut self, stack: &[Open], at: Pos, name: Option<&str>) -> Node {
        let name = name.map(|n| format!(" `*{}`", clip(n))).unwrap_or_default();
        self.error(stack, at, format!("the alias{name} refers to an anchor that is not defined before it"));
        self.intact = false;
        Node { pos: at, kind: NodeKind::Null }
    }

    /// Put a finished node where it belongs: the root, an item, a key or a value.
    fn place(&mut self, stack: &mut [Open], root: &mut Option<Node>, node: Node) {
        let in_clause = in_clause(stack);
        let Some(top) = stack.last_mut() else {
            *root = Some(node);
            return;
        };
        let mut problem: Option<(Pos, String)> = None;
        match top {
            Open::Seq { items, .. } => items.push(node),
            Open::Map { entries, key, seen, skip, .. } => match key.take() {
                None => {
                    if let NodeKind::Str(k) = &node.kind {
                        if k.as_str() == "<<" {
                            problem = Some((node.pos, "YAML merge keys (`<<`) are not allowed in an agreement".into()));
                            self.intact = false;
                            *skip = true;
                        } else if !seen.insert(k, entries, &self.keys) {
                            let first =
                                entries.iter().find(|e| e.key_is_text && e.key == k.as_str()).map(|e| e.key_pos);
                            problem = Some((node.pos, duplicate(k, first)));
                            *skip = true;
                        }
                    }
                    *key = Some(node);
                }
                Some(k) if std::mem::take(skip) => drop((k, node)),
                Some(k) => {
                    let (text, is_text) = match k.kind {
                        NodeKind::Str(s) => (Arc::unwrap_or_clone(s), true),
                        NodeKind::Number(n) => (n, false),
                        NodeKind::Bool(b) => (b.to_string(), false),
                        NodeKind::Null => ("null".to_string(), false),
                        other => (format!("<{}>", other.describe()), false),
                    };
                    match entries.iter().find(|e| !is_text && !e.key_is_text && e.key == text) {
                        Some(first) => problem = Some((k.pos, duplicate(&text, Some(first.key_pos)))),
                        None => entries.push(Entry { key: text, key_pos: k.pos, key_is_text: is_text, value: node }),
                    }
                }
            },
        }
        if let Some((at, message)) = problem {
            if in_clause {
                self.clause_errors.push(self.errors.len());
            }
            self.errors.push(YamlError { pos: Some(at), message });
        }
    }

    /// Name the clause that just ended in the errors met inside it.
    fn name_clause(&mut self, clause: &Node) {
        let NodeKind::Map(entries) = &clause.kind else { return };
        let id = entries.iter().find(|e| e.key == "id" && e.key_is_text).and_then(|e| match &e.value.kind {
            NodeKind::Str(s) => Some(s.clone()),
            _ => None,
        });
        for i in std::mem::take(&mut self.clause_errors) {
            if let (Some(id), Some(e)) = (&id, self.errors.get_mut(i)) {
                e.message.push_str(&format!(" in clause `{}`", clip(id)));
            }
        }
    }

    /// A parser error, put in words a reader can act on: nesting past the
    /// limit says so, and an error inside a `[` or `{` that is still open on
    /// an earlier line points at that bracket, the likely cause.
    fn parser_error(&self, e: &granit_parser::ScanError, stack: &[Open]) -> YamlError {
        let m = e.marker();
        let at = Pos { line: m.line() as u32, col: m.col() as u32 + 1 };
        if matches!(e.kind(), granit_parser::ErrorKind::RecursionLimitExceeded) {
            return YamlError {
                pos: Some(at),
                message: format!("nesting deeper than {} levels", self.limits.max_depth),
            };
        }
        let message = e.to_string();
        let message = message.split(" at char ").next().unwrap_or(&message).to_string();
        match stack.iter().rev().find_map(Open::flow) {
            Some((open, bracket)) if open.line < at.line => {
                let close = if bracket == '[' { ']' } else { '}' };
                YamlError {
                    pos: Some(open),
                    message: format!(
                        "this `{bracket}` is not closed before line {}, where the YAML parser stopped ({message} at \
                         {}:{}); close it with `{close}`",
                        at.line, at.line, at.col
                    ),
                }
            }
            Some((open, bracket)) => YamlError {
                pos: Some(at),
                message: format!("{message} (inside the `{bracket}` opened at {}:{})", open.line, open.col),
            },
            None => YamlError { pos: Some(at), message },
        }
    }

    fn depth(&self, depth: usize, at: Pos) -> Result<(), YamlError> {
        if depth >= self.limits.max_depth {
            return fail(at, format!("nesting deeper than {} levels", self.limits.max_depth));
        }
        Ok(())
    }

    fn collection_tag(&mut self, stack: &[Open], tag: Option<&Tag>, kind: &str, at: Pos) {
        match tag {
            None => {}
            Some(t) if t.handle() == "tag:yaml.org,2002:" && t.suffix() == kind => {}
            Some(t) => {
                let message = format!("unsupported tag `{}`: YAML tags are not allowed in an agreement", show_tag(t));
                self.error(stack, at, message);
                self.intact = false;
            }
        }
    }

    fn anchor(&mut self, id: usize, node: &Node, at: Pos) -> Result<(), YamlError> {
        if id == 0 {
            return Ok(());
        }
        if id > self.limits.max_aliases {
            return fail(at, format!("more than {} anchors", self.limits.max_aliases));
        }
        if self.anchors.len() <= id {
            self.anchors.resize(id + 1, None);
        }
        self.anchors[id] = Some(node.clone());
        Ok(())
    }

    /// The copy an alias stands for; `None` when its anchor is not defined.
    fn alias(&mut self, id: usize, at: Pos) -> Result<Option<Node>, YamlError> {
        self.aliases += 1;
        if self.aliases > self.limits.max_aliases {
            return fail(at, format!("more than {} aliases", self.limits.max_aliases));
        }
        let Some(Some(node)) = self.anchors.get(id) else {
            return Ok(None);
        };
        let (nodes, bytes) = size(node, self.limits.max_alias_nodes + 1);
        self.alias_nodes += nodes;
        if self.alias_nodes > self.limits.max_alias_nodes {
            return fail(
                at,
                format!("aliases expand to more than {} nodes (an alias bomb?)", self.limits.max_alias_nodes),
            );
        }
        self.alias_bytes = self.alias_bytes.saturating_add(bytes);
        if self.alias_bytes > self.limits.max_alias_bytes {
            return fail(
                at,
                format!(
                    "aliases expand to more than {} of text (a long text repeated by aliases); \
                     write the text out where it is needed or shorten it",
                    bytes_in_words(self.limits.max_alias_bytes)
                ),
            );
        }
        let mut copy = node.clone();
        copy.pos = at;
        Ok(Some(copy))
    }
}

/// The message for a key met a second time.
fn duplicate(key: &str, first: Option<Pos>) -> String {
    match first {
        Some(p) => format!("duplicate key `{}` (first at line {})", clip(key), p.line),
        None => format!("duplicate key `{}`", clip(key)),
    }
}

/// `4 MiB`, or `1000 bytes` when not a whole number of MiB.
fn bytes_in_words(n: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if n >= MIB && n.is_multiple_of(MIB) { format!("{} MiB", n / MIB) } else { format!("{n} bytes") }
}

/// The number of nodes in a tree and the bytes of text (scalars and keys)
/// they hold, counting no further than `limit` nodes.
fn size(node: &Node, limit: usize) -> (usize, usize) {
    let (mut n, mut bytes) = (0, 0usize);
    let mut stack = vec![node];
    while let Some(x) = stack.pop() {
        n += 1;
        if n >= limit {
            return (n, bytes);
        }
        match &x.kind {
            NodeKind::Seq(items) => stack.extend(items.iter()),
            NodeKind::Map(entries) => {
                bytes = entries.iter().fold(bytes, |b, e| b.saturating_add(e.key.len()));
                stack.extend(entries.iter().map(|e| &e.value));
            }
            NodeKind::Str(s) => bytes = bytes.saturating_add(s.len()),
            NodeKind::Number(s) => bytes = bytes.saturating_add(s.len()),
            NodeKind::Null | NodeKind::Bool(_) => {}
        }
    }
    (n, bytes)
}

fn show_tag(t: &Tag) -> String {
    let shown = if t.handle() == "tag:yaml.org,2002:" {
        format!("!!{}", t.suffix())
    } else {
        format!("{}{}", t.handle(), t.suffix())
    };
    clip(&shown).into_owned()
}

/// Where the lines of a scalar's `source` (starting on `first_line`) begin in
/// its `value`: its non-blank characters are matched in order, so indentation,
/// folding and a block scalar's header line drop out. `None` when they do not
/// match (an escape in a quoted scalar) or the value is on one line.
fn line_table(source: &str, first_line: u32, value: &str, style: ScalarStyle) -> Option<Box<[(u32, u32)]>> {
    let (mut src, mut line) = (source, first_line);
    if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) && src.starts_with(['|', '>']) {
        // The header (`|`, `>-`, an indentation digit, a comment) is no content.
        src = &src[src.find('\n')? + 1..];
        line += 1;
    }
    // One line of content (a block scalar's usual shape in generated files):
    // no table, and no byte-by-byte walk to find that out.
    memchr::memchr(b'\n', src.trim_end().as_bytes())?;
    let quoted = matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted);
    lines_in(src, line, value, quoted)
}

/// Where the lines of `source` (its first on `first_line`) begin in `value`,
/// a copy of it with its blanks folded: (byte offset in `value`, line) for
/// each line that holds a character of it. The non-blank bytes are matched in
/// order; `None` when one does not match (a quote opening a `quoted` source
/// aside) or the value lies on one line.
pub(crate) fn lines_in(source: &str, first_line: u32, value: &str, quoted: bool) -> Option<Box<[(u32, u32)]>> {
    let mut line = first_line;
    // Bytes, not characters: UTF-8 matches byte for byte, and blanks are ASCII.
    let mut from = source.bytes();
    let mut out: Vec<(u32, u32)> = Vec::new();
    for (at, &c) in value.as_bytes().iter().enumerate().filter(|(_, c)| !c.is_ascii_whitespace()) {
        loop {
            let s = from.next()?;
            if s == b'\n' {
                line += 1;
            } else if s == c {
                break;
            } else if !(s.is_ascii_whitespace() || quoted && out.is_empty() && (s == b'"' || s == b'\'')) {
                return None;
            }
        }
        if out.last().is_none_or(|&(_, l)| l != line) {
            out.push((u32::try_from(at).ok()?, line));
        }
    }
    (out.len() > 1 || out.first().is_some_and(|&(_, l)| l != first_line)).then(|| out.into_boxed_slice())
}

/// Resolve a scalar under the strict YAML 1.2 core schema agreements use.
fn scalar(value: Cow<'_, str>, style: ScalarStyle, tag: Option<&Tag>, at: Pos) -> Result<NodeKind, YamlError> {
    if let Some(t) = tag {
        let core = t.handle() == "tag:yaml.org,2002:";
        return match (core, t.suffix()) {
            (true, "str") => Ok(NodeKind::Str(Arc::new(value.into_owned()))),
            (true, "binary") => fail(at, "`!!binary` values are not allowed in an agreement"),
            (false, "") if t.handle() == "!" => Ok(NodeKind::Str(Arc::new(value.into_owned()))),
            _ => fail(at, format!("unsupported tag `{}`: YAML tags are not allowed in an agreement", show_tag(t))),
        };
    }
    if style != ScalarStyle::Plain {
        return Ok(NodeKind::Str(Arc::new(value.into_owned())));
    }
    let v: &str = &value;
    Ok(match v {
        "" | "~" | "null" | "Null" | "NULL" => NodeKind::Null,
        "true" | "True" | "TRUE" => NodeKind::Bool(true),
        "false" | "False" | "FALSE" => NodeKind::Bool(false),
        ".nan" | ".NaN" | ".NAN" | ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf"
        | "-.INF" => {
            return fail(at, format!("non-finite number `{v}` is not allowed"));
        }
        _ => match number(v) {
            Some(Ok(n)) => NodeKind::Number(n),
            Some(Err(())) => return fail(at, format!("the number `{v}` is out of range")),
            None => NodeKind::Str(Arc::new(value.into_owned())),
        },
    })
}

/// A plain scalar the YAML 1.2 core schema reads as a number: its value as
/// text, or `Err` when it does not fit. Leading zeros (`017`) and
/// underscores (`1_000`) are not numbers here: they stay text.
fn number(v: &str) -> Option<Result<String, ()>> {
    let b = v.as_bytes();
    if b.is_empty() || b.len() > 400 {
        return None;
    }
    let radix = |digits: &str, r: u32| -> Option<Result<String, ()>> {
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(r)) {
            return None;
        }
        Some(i128::from_str_radix(digits, r).map(|n| n.to_string()).map_err(|_| ()))
    };
    if let Some(d) = v.strip_prefix("0o") {
        return radix(d, 8);
    }
    if let Some(d) = v.strip_prefix("0x") {
        return radix(d, 16);
    }
    let unsigned = v.strip_prefix(['-', '+']).unwrap_or(v);
    if unsigned.is_empty() {
        return None;
    }
    // [0-9]+ (no redundant leading zero)
    if unsigned.bytes().all(|c| c.is_ascii_digit()) {
        if unsigned.len() > 1 && unsigned.starts_with('0') {
            return None;
        }
        return Some(v.parse::<i128>().map(|n| n.to_string()).map_err(|_| ()));
    }
    // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    let mantissa_ok = match frac {
        Some(f) => digits(int) && digits(f) && !(int.is_empty() && f.is_empty()),
        None => !int.is_empty() && digits(int),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    if !mantissa_ok || !exponent_ok || (frac.is_none() && exponent.is_none()) {
        return None;
    }
    match v.parse::<f64>() {
        Ok(f) if f.is_finite() => Some(Ok(f.to_string())),
        _ => Some(Err(())),
    }
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.pos {
            Some(p) => write!(f, "{}:{}: {}", p.line, p.col, self.message),
            None => f.write_str(&self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Node, YamlError> {
        parse(text, Limits::default())
    }

    fn value(text: &str) -> NodeKind {
        match p(&format!("a: {text}\n")).unwrap().kind {
            NodeKind::Map(mut e) => e.remove(0).value.kind,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_text_over_several_lines_knows_where_each_line_begins() {
        let lines = |src: &str| parse_all(src, Limits::default()).lines.into_values().next();
        // Folded, with a header comment: the content starts on the next line.
        assert_eq!(lines("a: > # note\n  one two\n  three\n").as_deref(), Some(&[(0, 2), (8, 3)][..]));
        // Plain and wrapped.
        assert_eq!(lines("a: one two\n  three\n").as_deref(), Some(&[(0, 1), (8, 2)][..]));
        // A quoted scalar whose escapes change its characters has no table.
        assert_eq!(lines("a: \"one \\u0041\n  three\"\n"), None);
        // One line: nothing to record.
        assert_eq!(lines("a: one two\n"), None);
    }

    #[test]
    fn scalars_follow_the_strict_core_schema() {
        assert_eq!(value("true"), NodeKind::Bool(true));
        assert_eq!(value("no"), NodeKind::Str(Arc::new("no".into())));
        assert_eq!(value("on"), NodeKind::Str(Arc::new("on".into())));
        assert_eq!(value("017"), NodeKind::Str(Arc::new("017".into())));
        assert_eq!(value("1_000"), NodeKind::Str(Arc::new("1_000".into())));
        assert_eq!(value("0o17"), NodeKind::Number("15".into()));
        assert_eq!(value("0x1F"), NodeKind::Number("31".into()));
        assert_eq!(value("-12"), NodeKind::Number("-12".into()));
        assert_eq!(value("2.5"), NodeKind::Number("2.5".into()));
        assert_eq!(value("2026-02-30"), NodeKind::Str(Arc::new("2026-02-30".into())));
        assert_eq!(value("20%"), NodeKind::Str(Arc::new("20%".into())));
        assert_eq!(value("\"true\""), NodeKind::Str(Arc::new("true".into())));
        assert_eq!(value("!!str 12"), NodeKind::Str(Arc::new("12".into())));
        assert_eq!(value("~"), NodeKind::Null);
        assert!(p("a: .nan\n").is_err());
        assert!(p("a: 1e400\n").is_err());
    }

    #[test]
    fn positions_are_one_based() {
        let n = p("a: 1\nb:\n  - x\n").unwrap();
        let NodeKind::Map(e) = n.kind else { panic!() };
        assert_eq!(e[0].key_pos, Pos { line: 1, col: 1 });
        assert_eq!(e[0].value.pos, Pos { line: 1, col: 4 });
        let NodeKind::Seq(items) = &e[1].value.kind else { panic!() };
        assert_eq!(items[0].pos, Pos { line: 3, col: 5 });
    }

    #[test]
    fn refusals_name_their_place() {
        let cases = [
            ("a: 1\na: 2\n", 2, "duplicate key `a`"),
            ("a:\n  b: 1\n  b: 2\n", 3, "duplicate key `b`"),
            ("a: [1, 2\n", 1, ""),
            ("--- a\n--- b\n", 2, "second YAML document"),
            ("a: !!python/object/apply:os.system [ls]\n", 1, "unsupported tag"),
            ("a: &x {k: 1}\nb:\n  <<: *x\n", 3, "merge keys"),
            ("a: !!binary aGVsbG8=\n", 1, "!!binary"),
            ("a: !custom x\n", 1, "unsupported tag"),
            ("a: *nothing\n", 1, ""),
        ];
        for (text, line, needle) in cases {
            let e = p(text).unwrap_err();
            assert_eq!(e.pos.map(|p| p.line), Some(line), "{text:?}: {e:?}");
            assert!(e.message.contains(needle), "{text:?}: {e:?}");
        }
    }

    #[test]
    fn budgets_bound_nesting_and_aliases() {
        assert!(p(&format!("{}{}", "[".repeat(100_000), "]".repeat(100_000))).is_err());
        let mut bomb = String::from("l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n");
        for i in 1..10 {
            bomb.push_str(&format!("l{i}: &l{i} [{}]\n", vec![format!("*l{}", i - 1); 10].join(", ")));
        }
        let e = p(&bomb).unwrap_err();
        assert!(e.message.contains("alias"), "{e:?}");
        // Aliases within budget are expanded.
        let n = p("a: &x hello\nb: *x\n").unwrap();
        let NodeKind::Map(e) = n.kind else { panic!() };
        assert_eq!(e[1].value.kind, NodeKind::Str(Arc::new("hello".into())));
        assert_eq!(e[1].value.pos, Pos { line: 2, col: 4 });
    }

    #[test]
    fn the_alias_budget_counts_bytes_of_text() {
        let limits = Limits { max_alias_bytes: 1_000, ..Limits::default() };
        let long = "w".repeat(300);
        let text = |n: usize| format!("a: &x {long}\n{}", (0..n).map(|i| format!("b{i}: *x\n")).collect::<String>());
        assert!(parse(&text(3), limits).is_ok());
        let e = parse(&text(4), limits).unwrap_err();
        assert_eq!(e.pos, Some(Pos { line: 5, col: 5 }), "{e:?}");
        assert!(e.message.contains("more than 1000 bytes of text"), "{e:?}");
        // Keys count too.
        let map = format!("a: &x {{{long}: 1}}\nb: *x\nc: *x\nd: *x\ne: *x\n");
        assert!(parse(&map, limits).is_err());
    }

    #[test]
    fn errors_that_allow_it_are_all_gathered() {
        // Duplicate keys keep the first value: the tree is still usable.
        let parsed = parse_all("a: 1\na: 2\nb: {c: 1, c: 2}\n", Limits::default());
        let lines: Vec<u32> = parsed.errors.iter().map(|e| e.pos.unwrap().line).collect();
        assert_eq!(lines, [2, 3]);
        assert!(parsed.errors[0].message.contains("(first at line 1)"), "{:?}", parsed.errors);
        let NodeKind::Map(e) = parsed.root.unwrap().kind else { panic!() };
        assert_eq!(e[0].value.kind, NodeKind::Number("1".into()));
        // Tags, merge keys, undefined aliases and .nan replace or drop a node: no tree.
        let parsed = parse_all("a: !x 1\nb: .nan\nc: *y\nd: {<<: {e: 1}}\ne: !!binary x\n", Limits::default());
        assert_eq!(parsed.errors.len(), 5, "{:?}", parsed.errors);
        assert!(parsed.root.is_none());
        // A syntax error ends the parse, after what came before it.
        let parsed = parse_all("a: 1\na: 2\nb: [\n", Limits::default());
        assert_eq!(parsed.errors.len(), 2, "{:?}", parsed.errors);
        assert!(parsed.root.is_none());
        // Inside a clause, the clause is named.
        let e = parse("clauses:\n  - id: c\n    text: a\n    text: b\n", Limits::default()).unwrap_err();
        assert_eq!(e.message, "duplicate key `text` (first at line 3) in clause `c`");
    }

    #[test]
    fn a_top_level_text_is_read_without_the_rest() {
        let limits = Limits::default();
        let get = |t: &str| top_level_text(t, "agreement", limits);
        assert_eq!(get("agreement: x\nclauses: [\n").as_deref(), Some("x"));
        assert_eq!(get("title: {a: [1, {agreement: no}]}\nb: [agreement]\nagreement: \"y\"\n").as_deref(), Some("y"));
        assert_eq!(get("? [a]\n: 1\n? agreement\n: z\n").as_deref(), Some("z"));
        assert_eq!(get("a: &x 1\nb: *x\nagreement: w\n").as_deref(), Some("w"));
        assert_eq!(get("agreement: 12\n"), None);
        assert_eq!(get("agreement: *x\n"), None);
        assert_eq!(get("agreement: [x]\n"), None);
        assert_eq!(get("- agreement\n- x\n"), None);
        assert_eq!(get("a: {agreement: x}\n"), None);
        assert_eq!(get(""), None);
        assert_eq!(get("a: [\nagreement: x\n"), None);
    }

    #[test]
    fn keys_that_are_not_text_are_marked() {
        let n = p("1: x\ntrue: y\n? [a]\n: z\n").unwrap();
        let NodeKind::Map(e) = n.kind else { panic!() };
        assert!(e.iter().all(|e| !e.key_is_text));
        assert!(p("1: x\n1: y\n").is_err());
    }
}
