//! The sentences that describe a whole clause appearing or disappearing,
//! filled in from the templates each clause type carries in
//! [`crate::model::schema`].

use crate::model::schema::Kind;
use crate::model::{Agreement, Clause, Value};
use crate::report::Finding;

/// Fill in a clause-type template (see [`crate::model::schema::ClauseType::added`])
/// for clause `c`; `name` gives a party's display name.
pub(crate) fn sentence(template: &str, c: &Clause, name: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(i) = rest.find('[') {
        out.push_str(&fill(&rest[..i], c, name).unwrap_or_default());
        let after = &rest[i + 1..];
        let end = after.find(']').unwrap_or(after.len());
        // A group whose fields are not all present is left out.
        if let Some(group) = fill(&after[..end], c, name) {
            out.push_str(&group);
        }
        rest = after.get(end + 1..).unwrap_or("");
    }
    out.push_str(&fill(rest, c, name).unwrap_or_default());
    // "{by} may now terminate" for `by: mutual`.
    if let Some(rest) = out.strip_prefix("each party") {
        out = format!("Each party{rest}");
    }
    out
}

/// Fill the placeholders of a piece of template; `None` when one names a
/// field the clause does not have (and gives no fallback).
fn fill(piece: &str, c: &Clause, name: &dyn Fn(&str) -> String) -> Option<String> {
    let mut out = String::new();
    let mut rest = piece;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find('}').unwrap_or(after.len());
        out.push_str(&placeholder(&after[..end], c, name)?);
        rest = after.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    Some(out)
}

fn placeholder(spec: &str, c: &Clause, name: &dyn Fn(&str) -> String) -> Option<String> {
    let (spec, fallback) = match spec.split_once('|') {
        Some((s, f)) => (s, Some(f)),
        None => (spec, None),
    };
    let (directive, field) = match spec.split_once(' ') {
        Some((d, f)) => (Some(d), f),
        None => (None, spec),
    };
    let value = match field {
        "label" => Some(c.label()),
        "type" => Some(c.ctype.name.to_string()),
        _ => c.field(field).map(|f| {
            let kind = c.ctype.field(field).map(|s| s.kind);
            plain(&f.value, kind, directive == Some("or"), name)
        }),
    };
    let value = value.or_else(|| fallback.map(str::to_string))?;
    Some(if directive == Some("a") { with_article(&value) } else { value })
}

/// The theme of each clause the findings name (clause id, theme), in the
/// order first named: its `topic`, else the section it sits under, else its
/// type's theme; the new version's clause first.
pub(crate) fn themes(old: &Agreement, new: &Agreement, findings: &[Finding]) -> Vec<(String, String)> {
    let index = |a: &'_ Agreement| -> std::collections::HashMap<String, usize> {
        a.clauses.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect()
    };
    let (io, inew) = (index(old), index(new));
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for id in findings.iter().filter_map(|f| f.clause.as_deref()) {
        if !seen.insert(id) {
            continue;
        }
        let clause = inew.get(id).map(|&i| &new.clauses[i]).or_else(|| io.get(id).map(|&i| &old.clauses[i]));
        if let Some(c) = clause {
            out.push((id.to_string(), theme(c)));
        }
    }
    out
}

/// A clause's theme: its `topic` (first letter capitalised), else its section, else its type's.
pub(crate) fn theme(c: &Clause) -> String {
    if let Some(t) = c.text_of("topic") {
        let t = crate::model::value::normalise_space(t);
        let mut chars = t.chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    c.section.clone().unwrap_or_else(|| c.ctype.theme.to_string())
}

/// A value as a template shows it: as a reader writes it (USD 250 billion,
/// 31 December 2030; see [`Value::plain`]), prose clipped.
fn plain(v: &Value, kind: Option<Kind>, or: bool, name: &dyn Fn(&str) -> String) -> String {
    match v {
        Value::Party(p) => name(p),
        Value::Parties(ps) => super::and_list(&ps.iter().map(|p| name(p)).collect::<Vec<_>>()),
        Value::Mutual => "each party".into(),
        Value::Text(t) => super::clip(t),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|i| super::clip(i)).collect();
            items.join(if or { "; or " } else { "; " })
        }
        Value::Modality(m) => m.name().replace('-', " "),
        Value::Undisclosed if matches!(kind, Some(Kind::Money | Kind::Cap)) => "an undisclosed amount".into(),
        other => other.plain(),
    }
}

fn with_article(word: &str) -> String {
    let first = word.chars().next().unwrap_or('x').to_ascii_lowercase();
    if "aeiou".contains(first) { format!("an {word}") } else { format!("a {word}") }
}

#[cfg(test)]
mod tests {
    use crate::model::schema::CLAUSE_TYPES;

    /// Every placeholder of every template names `label`, `type` or a field
    /// of its clause type, and brackets balance.
    #[test]
    fn templates_name_only_fields_of_their_type() {
        for t in CLAUSE_TYPES {
            for template in [t.added, t.removed, t.still] {
                assert_eq!(template.matches('[').count(), template.matches(']').count(), "{template}");
                assert_eq!(template.matches('{').count(), template.matches('}').count(), "{template}");
                for piece in template.split('{').skip(1) {
                    let spec = piece.split('}').next().unwrap();
                    let spec = spec.split('|').next().unwrap();
                    let field = spec.rsplit(' ').next().unwrap();
                    assert!(
                        field == "label" || field == "type" || t.field(field).is_some(),
                        "{}: `{field}` in {template}",
                        t.name
                    );
                }
            }
        }
    }
}
