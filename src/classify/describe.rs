//! The sentences that describe a whole clause appearing or disappearing,
//! filled in from the templates each clause type carries in
//! [`crate::model::schema`].

use crate::model::schema::Kind;
use crate::model::{Clause, Value};

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

/// A value as a template shows it.
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
        other => other.to_string(),
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
