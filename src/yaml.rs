//! The YAML layer: the only module that knows which YAML crate is in use.
//!
//! It turns text into a small tree of [`Node`]s, each carrying the line and
//! column where it starts. Everything above this module works on that tree, so
//! the YAML crate can be swapped by rewriting this file alone.
//!
//! The parser is configured explicitly for agreements: YAML 1.2 booleans only
//! (`true`/`false`), no implicit octal or underscored numbers, duplicate keys
//! are errors at every depth, merge keys and unknown tags are refused, and
//! nesting, aliases and document counts are held to budgets set here.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// A 1-based line and column in a source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// One YAML node with the position where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub kind: NodeKind,
}

/// What a node holds. Scalars keep the distinction the YAML 1.2 core schema
/// makes, so the loader can refuse a number where text is expected instead of
/// silently converting it.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    /// A plain scalar that YAML resolves to a number, kept as its value's text.
    Number(String),
    /// Text, shared so that a long scalar is never copied.
    Str(std::sync::Arc<String>),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// One `key: value` pair of a mapping, in source order.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key's text; for a key that is not a plain string (a number, a
    /// boolean, a list...), a description of it, and `key_is_text` is false.
    pub key: String,
    pub key_pos: Pos,
    pub key_is_text: bool,
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

/// A YAML syntax or budget error with the position the parser reported.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub pos: Option<Pos>,
    pub message: String,
}

/// Limits on the YAML structure, separate from the byte cap the caller applies.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_depth: usize,
    pub max_nodes: usize,
    pub max_aliases: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_depth: 64, max_nodes: 5_000_000, max_aliases: 1_000 }
    }
}

/// Parse one YAML document into a tree of positioned nodes.
pub fn parse(text: &str, limits: Limits) -> Result<Node, YamlError> {
    reject_binary(text)?;
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: limits.max_depth,
            max_nodes: limits.max_nodes,
            max_aliases: limits.max_aliases,
            max_anchors: limits.max_aliases,
            max_documents: 1,
            flow_nesting_limit: limits.max_depth,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
            max_replay_stack_depth: 16,
        },
        duplicate_keys: serde_saphyr::options::DuplicateKeyPolicy::Error,
        merge_keys: serde_saphyr::options::MergeKeyPolicy::Error,
        strict_booleans: true,
        legacy_octal_numbers: false,
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        reject_unsupported_tags: true,
        reject_tagged_field_names: true,
        with_snippet: false,
    };
    match serde_saphyr::from_str_with_options::<Spanned<Node>>(text, options) {
        Ok(node) => {
            let pos = pos_of(&node);
            Ok(node.value.with_pos(pos))
        }
        Err(e) => Err(YamlError {
            pos: e.location().map(|l| Pos { line: l.line() as u32, col: l.column() as u32 }),
            message: clean_message(&e.to_string()),
        }),
    }
}

/// `!!binary` scalars would be silently base64-decoded into text: refuse them.
/// The text is only walked again when it mentions `binary` at all.
fn reject_binary(text: &str) -> Result<(), YamlError> {
    use serde_saphyr::granit_parser::{Event, Parser};
    let escaped_tag = text.contains('!')
        && text.as_bytes().windows(3).any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit());
    if !text.contains("binary") && !escaped_tag {
        return Ok(());
    }
    for event in Parser::new_from_str(text) {
        // Syntax errors are reported by the main parse, with its messages.
        let Ok((event, span)) = event else { return Ok(()) };
        let tag = match &event {
            Event::Scalar(_, _, _, tag) | Event::SequenceStart(_, _, tag) | Event::MappingStart(_, _, tag) => tag,
            _ => continue,
        };
        if tag.as_ref().is_some_and(|t| t.handle() == "tag:yaml.org,2002:" && t.suffix() == "binary") {
            return Err(YamlError {
                pos: Some(Pos { line: span.start.line() as u32, col: span.start.col() as u32 + 1 }),
                message: "`!!binary` values are not allowed in an agreement".into(),
            });
        }
    }
    Ok(())
}

fn clean_message(message: &str) -> String {
    // The crate appends " at line X, column Y" to some messages; we print the
    // position ourselves in `file:line:col` form.
    let first = message.lines().next().unwrap_or(message).trim();
    let first = match first.rfind(" at line ") {
        Some(i) => first[..i].trim_end_matches(','),
        None => first,
    };
    match first.strip_prefix("duplicate mapping key: ") {
        Some(rest) => format!("duplicate key `{}`", rest.split(", set DuplicateKeyPolicy").next().unwrap_or(rest)),
        None => first.to_string(),
    }
}

fn pos_of<T>(s: &Spanned<T>) -> Pos {
    Pos { line: s.referenced.line() as u32, col: s.referenced.column() as u32 }
}

impl Node {
    fn with_pos(mut self, pos: Pos) -> Node {
        self.pos = pos;
        self
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

fn scalar(kind: NodeKind) -> Node {
    Node { pos: Pos::default(), kind }
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(scalar(NodeKind::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(scalar(NodeKind::Number(v.to_string())))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        Ok(scalar(NodeKind::Number(v.to_string())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(scalar(NodeKind::Number(v.to_string())))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
        Ok(scalar(NodeKind::Number(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(scalar(NodeKind::Number(v.to_string())))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(scalar(NodeKind::Str(std::sync::Arc::new(v.to_string()))))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(scalar(NodeKind::Str(std::sync::Arc::new(v))))
    }
    fn visit_bytes<E: de::Error>(self, _v: &[u8]) -> Result<Node, E> {
        Err(E::custom("binary values are not allowed in an agreement"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(scalar(NodeKind::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(scalar(NodeKind::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            let pos = pos_of(&item);
            items.push(item.value.with_pos(pos));
        }
        Ok(scalar(NodeKind::Seq(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Node>>()? {
            let key_pos = pos_of(&key);
            let (key, key_is_text) = match key.value.kind {
                NodeKind::Str(s) => (std::sync::Arc::unwrap_or_clone(s), true),
                NodeKind::Number(n) => (n, false),
                NodeKind::Bool(b) => (b.to_string(), false),
                NodeKind::Null => ("null".to_string(), false),
                other => (format!("<{}>", other.describe()), false),
            };
            let value = map.next_value::<Spanned<Node>>()?;
            let pos = pos_of(&value);
            entries.push(Entry { key, key_pos, key_is_text, value: value.value.with_pos(pos) });
        }
        Ok(scalar(NodeKind::Map(entries)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Node, YamlError> {
        parse(text, Limits::default())
    }

    #[test]
    fn positions_and_scalars() {
        let n = p("a: 1\nb:\n  - no\n  - 017\n  - true\n  - 1_000\n  - 0o17\n  - 2026-02-30\n").unwrap();
        eprintln!("{n:#?}");
    }

    #[test]
    fn errors() {
        for t in [
            "a: 1\na: 2\n",
            "a:\n  b: 1\n  b: 2\n",
            "a: [1, 2\n",
            "--- a\n--- b\n",
            "a: !!python/object/apply:os.system [ls]\n",
            "a: &x 1\nb:\n  <<: *x\n",
            "a: !!binary aGVsbG8=\n",
            "a: !custom x\n",
            "? [a]\n: b\n",
            "a: .nan\n",
            "a: 1e400\n",
            "1: x\ntrue: y\n",
        ] {
            eprintln!("{t:?} => {:?}", p(t));
        }
    }
}
