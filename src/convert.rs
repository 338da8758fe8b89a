//! `agreement-diff convert`: print an agreement (typically read from
//! Markdown or plain text) in the YAML agreement format, version 1, so that a
//! team can start adding typed fields to it.
//!
//! Loading the output gives back the same parties, definitions and clauses:
//! comparing it with the document it came from reports no change.

use crate::model::{Agreement, Clause, End, Value};

/// Width at which long prose is folded onto several lines.
const WIDTH: usize = 100;

/// The agreement as a YAML agreement file.
pub fn to_yaml(a: &Agreement) -> String {
    to_yaml_with(a, &format!("Converted from {} by agreement-diff convert.", crate::safe::line(&a.path)))
}

/// The agreement as a YAML agreement file, under a one-line comment.
/// Every typed value is written as the loader reads it, so loading the
/// output gives back the same values.
pub fn to_yaml_with(a: &Agreement, comment: &str) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n", crate::safe::line(comment)));
    for f in &a.meta {
        let v = match &f.value {
            Value::Text(t) => quote(t),
            other => value(other),
        };
        out.push_str(&format!("{}: {v}\n", f.name));
    }
    if a.version.is_some() && a.meta("version").is_none() {
        out.push_str(&format!("version: {}\n", quote(a.version.as_deref().unwrap_or_default())));
    }
    out.push_str("parties:\n");
    if a.parties.is_empty() {
        out.push_str("  # No party was found in the document: name the parties here.\n");
        out.push_str("  party: {name: \"Party\"}\n");
    }
    for p in &a.parties {
        let mut parts = vec![format!("name: {}", quote(&p.name))];
        if let Some(s) = &p.short {
            parts.push(format!("short: {}", quote(s)));
        }
        if !p.aliases.is_empty() {
            parts.push(format!("aliases: {}", list(&p.aliases)));
        }
        out.push_str(&format!("  {}: {{{}}}\n", p.key, parts.join(", ")));
    }
    if !a.definitions.is_empty() {
        out.push_str("definitions:\n");
        for d in &a.definitions {
            out.push_str(&format!("  {}: {}\n", quote(&d.term), block(&d.text, 4)));
        }
    }
    out.push_str("clauses:\n");
    if a.clauses.is_empty() {
        out.push_str("  []\n");
    }
    for c in &a.clauses {
        out.push_str(&clause(c, 2));
    }
    out
}

/// A clause as a list item indented by `indent` spaces, one line a field.
pub(crate) fn clause(c: &Clause, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = format!("{pad}- id: {}\n", c.id);
    if c.ctype.name != "text" {
        out.push_str(&format!("{pad}  type: {}\n", c.ctype.name));
    }
    for f in &c.fields {
        out.push_str(&format!("{pad}  {}: {}\n", f.name, field_value(f, indent + 4)));
    }
    out
}

/// A field's value; prose as a folded block indented by `indent`.
pub(crate) fn field_value(f: &crate::model::Field, indent: usize) -> String {
    match &f.value {
        Value::Text(t) if f.name == "text" || f.name == "notes" => block(t, indent),
        other => value(other),
    }
}

/// A typed value as the loader reads it back.
pub(crate) fn value(v: &Value) -> String {
    match v {
        Value::Undisclosed => "undisclosed".into(),
        Value::Party(p) => p.clone(),
        Value::Parties(ps) => format!("[{}]", ps.join(", ")),
        Value::Mutual => "mutual".to_string(),
        Value::Multiple(m) => {
            let period = m.period.as_ref().map(|p| format!(", period: {p}")).unwrap_or_default();
            format!("{{multiple: {}, of: {}{period}}}", m.multiple.plain(), quote(&m.of))
        }
        Value::Date(d) => d.to_string(),
        Value::End(e) => end(e),
        Value::List(items) => list(items),
        Value::Flag(b) => b.to_string(),
        Value::Level(l) => l.name().into(),
        Value::Modality(m) => m.name().into(),
        Value::Text(t) => quote(t),
        Value::Percent(_) | Value::Money { .. } | Value::Duration(_) => quote(&v.to_string()),
    }
}

fn end(e: &End) -> String {
    match e {
        End::Date(d) => d.to_string(),
        End::Event(s) => format!("{{event: {}}}", quote(s)),
        End::Earliest(items) => format!("{{earliest: [{}]}}", items.iter().map(end).collect::<Vec<_>>().join(", ")),
    }
}

/// A double-quoted YAML scalar (JSON's string syntax is valid YAML 1.2).
pub(crate) fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

pub(crate) fn list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|i| quote(i)).collect::<Vec<_>>().join(", "))
}

/// Long prose as a folded block (`>-`), wrapped at [`WIDTH`]; text that a
/// folded block cannot hold exactly is double-quoted instead.
pub(crate) fn block(s: &str, indent: usize) -> String {
    let foldable = s.len() > WIDTH
        && s.trim() == s
        && !s.contains("  ")
        && !s.chars().any(|c| c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}'));
    if !foldable {
        return quote(s);
    }
    let pad = " ".repeat(indent);
    let mut out = String::from(">-");
    let mut line = String::new();
    for w in s.split(' ') {
        if !line.is_empty() && line.len() + 1 + w.len() > WIDTH {
            out.push_str(&format!("\n{pad}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(w);
    }
    out.push_str(&format!("\n{pad}{line}"));
    out
}
