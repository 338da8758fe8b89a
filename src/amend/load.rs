//! Loading an amendment file: the same strict YAML and the same
//! error-collecting loader as an agreement, so that every error names the
//! file, line and column and a file is fixed in one pass.

use super::model::{AMENDMENT_KEYS, Amendment, Anchor, CONSOLIDATED_KEYS, Instruction, Op, Target, WordEdit};
use crate::load::{LoadError, LoadOptions, Loader, Pos};
use crate::model::Value;
use crate::model::schema::{Kind, TOP_LEVEL_KEYS};
use crate::safe::clip;
use crate::yaml::{Entry, Node, NodeKind};

/// The instruction verbs, each with the other keys it takes.
const VERBS: &[(&str, &[&str])] = &[
    ("delete", &[]),
    ("replace", &["with"]),
    ("insert-after", &["clause"]),
    ("insert-before", &["clause"]),
    ("add", &[]),
    ("move", &["after", "before"]),
    (
        "amend",
        &["set", "remove", "field", "replace-words", "with", "delete-words", "insert-words", "after", "add-sentence"],
    ),
    ("define", &[]),
    ("delete-definition", &[]),
    ("party", &[]),
    ("delete-party", &[]),
];

/// The textual operations of `amend`.
const WORD_OPS: &[&str] = &["replace-words", "delete-words", "insert-words", "add-sentence"];

/// Load an amendment from its text; `path` names it in errors.
pub fn check_str(text: &str, path: &str, options: &LoadOptions) -> Result<Amendment, Vec<LoadError>> {
    let root = crate::load::parse(text, path, options)?;
    let loader = Loader::new(path);
    let amendment = read(&loader, &root);
    let errors = loader.into_errors();
    match amendment {
        Some(a) if errors.is_empty() => Ok(a),
        _ if errors.is_empty() => {
            Err(vec![LoadError { file: path.to_string(), pos: Some(root.pos), message: "not an amendment".into() }])
        }
        _ => Err(errors),
    }
}

type R<T> = Result<T, LoadError>;

fn read(l: &Loader, root: &Node) -> Option<Amendment> {
    let entries = l.keep(l.map(root, "an amendment file"))?;
    l.check_keys(entries, AMENDMENT_KEYS, "the amendment");
    for key in ["amends", "instructions"] {
        if l.get(entries, key).is_none() {
            l.note(root.pos, format!("missing required key `{key}` in the amendment"));
        }
    }
    let amends =
        l.get(entries, "amends").and_then(|e| l.keep(l.identifier(&e.value, "`amends`")).map(|s| (s, e.value.pos)));
    let base_version = l
        .get(entries, "base-version")
        .and_then(|e| l.keep(l.string(&e.value, "`base-version`")).map(|s| (s, e.value.pos)));
    let version = l.get(entries, "version").and_then(|e| l.keep(l.string(&e.value, "`version`")));
    let effective =
        l.get(entries, "effective").and_then(|e| match l.keep(l.value(&e.value, Kind::Date, "`effective`", None)) {
            Some(Value::Date(d)) => Some(d),
            Some(_) => {
                l.note(e.value.pos, "`effective` of an amendment must be a date, not undisclosed");
                None
            }
            None => None,
        });
    let title = l.get(entries, "title").and_then(|e| l.keep(l.string(&e.value, "`title`")));
    if let Some(e) = l.get(entries, "sources") {
        l.keep(l.value(&e.value, Kind::List, "`sources`", None));
    }
    if let Some(e) = l.get(entries, "notes") {
        l.keep(l.text(&e.value, "`notes`"));
    }
    let consolidated = l.get(entries, "consolidated").map(|e| consolidated(l, &e.value)).unwrap_or_default();
    let instructions = match l.get(entries, "instructions") {
        Some(e) => match &e.value.kind {
            NodeKind::Seq(items) => items.iter().filter_map(|i| instruction(l, i)).collect(),
            other => {
                l.note(e.value.pos, format!("`instructions` must be a list, found {}", other.describe()));
                Vec::new()
            }
        },
        None => Vec::new(),
    };
    Some(Amendment {
        path: l.path.to_string(),
        amends: amends?,
        base_version,
        version,
        effective,
        title,
        consolidated,
        instructions,
    })
}

/// The `consolidated:` mapping: top-level fields of the result; `~` removes one.
fn consolidated(l: &Loader, node: &Node) -> Vec<(&'static str, Option<Value>, Pos)> {
    let Some(entries) = l.keep(l.map(node, "`consolidated`")) else { return Vec::new() };
    l.check_keys(entries, CONSOLIDATED_KEYS, "`consolidated`");
    let mut out = Vec::new();
    for e in entries.iter().filter(|e| e.key_is_text) {
        let Some(name) = TOP_LEVEL_KEYS.iter().find(|k| **k == e.key).copied() else { continue };
        if !CONSOLIDATED_KEYS.contains(&name) {
            continue;
        }
        if e.value.kind == NodeKind::Null {
            out.push((name, None, e.key_pos));
            continue;
        }
        let what = format!("`{name}` in `consolidated`");
        let value = match name {
            "sources" => l.keep(l.value(&e.value, Kind::List, &what, None)),
            "provenance" => l.keep(l.string(&e.value, &what)).and_then(|s| {
                if matches!(s.as_str(), "signed" | "draft" | "announcements") {
                    Some(Value::text(s))
                } else {
                    l.note(e.value.pos, format!("{what} must be signed, draft or announcements, found `{}`", clip(&s)));
                    None
                }
            }),
            "previous" => l.keep(l.string(&e.value, &what)).map(Value::text),
            _ => l.keep(l.text(&e.value, &what)).map(Value::Text),
        };
        if let Some(v) = value {
            out.push((name, Some(v), e.key_pos));
        }
    }
    out
}

fn instruction(l: &Loader, node: &Node) -> Option<Instruction> {
    let entries = l.keep(l.map(node, "an instruction"))?;
    if !l.text_keys(entries, "an instruction") {
        return None;
    }
    let verbs: Vec<&Entry> = entries.iter().filter(|e| VERBS.iter().any(|(v, _)| *v == e.key)).collect();
    let verb = match verbs.as_slice() {
        [one] => *one,
        [] => {
            let names: Vec<&str> = VERBS.iter().map(|(v, _)| *v).collect();
            let hint = entries
                .first()
                .and_then(|e| crate::load::closest(&e.key, &names))
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| format!("an instruction starts with one of: {}", names.join(", ")));
            l.note(node.pos, format!("an instruction says what to do; {hint}"));
            return None;
        }
        [_, second, ..] => {
            l.note(
                second.key_pos,
                format!("an instruction does one thing: `{}` and `{}` are two", verbs[0].key, second.key),
            );
            return None;
        }
    };
    let others = VERBS.iter().find(|(v, _)| *v == verb.key).map(|(_, o)| *o).unwrap_or_default();
    let mut allowed = vec![verb.key.as_str()];
    allowed.extend_from_slice(others);
    if !l.check_keys(entries, &allowed, &format!("a `{}` instruction", verb.key)) {
        return None;
    }
    let pos = entries.first().map_or(node.pos, |e| e.key_pos);
    let op = op(l, verb, entries, node.pos)?;
    Some(Instruction { pos, op })
}

fn op(l: &Loader, verb: &Entry, entries: &[Entry], at: Pos) -> Option<Op> {
    let target = |e: &Entry| l.keep(target(l, &e.value, &format!("`{}`", e.key)));
    let need = |key: &str| -> Option<&Entry> {
        let e = l.get(entries, key);
        if e.is_none() {
            l.note(verb.key_pos, format!("a `{}` instruction needs `{key}`", verb.key));
        }
        e
    };
    let clause = |e: &Entry| match &e.value.kind {
        NodeKind::Map(_) => l.clause(&e.value, None),
        other => {
            l.note(
                e.value.pos,
                format!("`{}` must be a clause (a mapping with `id`), found {}", e.key, other.describe()),
            );
            None
        }
    };
    Some(match verb.key.as_str() {
        "delete" => Op::Delete(target(verb)?),
        "replace" => {
            let t = target(verb);
            let with = clause(need("with")?);
            Op::Replace(t?, Box::new(with?))
        }
        "insert-after" | "insert-before" => {
            let t = target(verb);
            let c = clause(need("clause")?);
            let anchor = if verb.key == "insert-after" { Anchor::After(t?) } else { Anchor::Before(t?) };
            Op::Insert(anchor, Box::new(c?))
        }
        "add" => Op::Insert(Anchor::End, Box::new(clause(verb)?)),
        "move" => {
            let t = target(verb);
            let anchor = match (l.get(entries, "after"), l.get(entries, "before")) {
                (Some(a), None) => Anchor::After(target(a)?),
                (None, Some(b)) => Anchor::Before(target(b)?),
                _ => {
                    l.note(verb.key_pos, "a `move` instruction needs either `after` or `before`");
                    return None;
                }
            };
            Op::Move(t?, anchor)
        }
        "amend" => amend(l, verb, entries)?,
        "define" => {
            let before = l.noted().len();
            let defs = l.definitions(&verb.value);
            if l.noted().len() > before {
                return None;
            }
            if defs.is_empty() {
                l.note(verb.value.pos, "`define` must give at least one term: `define: {Term: what it means}`");
                return None;
            }
            Op::Define(defs)
        }
        "delete-definition" => {
            Op::DeleteDefinition(l.keep(l.string(&verb.value, "`delete-definition`"))?, verb.value.pos)
        }
        "party" => {
            let before = l.noted().len();
            let (parties, _) = l.parties(&verb.value);
            if l.noted().len() > before || parties.is_empty() {
                return None;
            }
            Op::Party(parties)
        }
        "delete-party" => Op::DeleteParty(l.keep(l.identifier(&verb.value, "`delete-party`"))?, verb.value.pos),
        _ => {
            l.note(at, format!("unknown instruction `{}`", clip(&verb.key)));
            return None;
        }
    })
}

/// `amend: CLAUSE` with `set`/`remove`, or one textual operation.
fn amend(l: &Loader, verb: &Entry, entries: &[Entry]) -> Option<Op> {
    let clause = l.keep(target(l, &verb.value, "`amend`"));
    let words: Vec<&Entry> = entries.iter().filter(|e| WORD_OPS.contains(&e.key.as_str())).collect();
    let set = l.get(entries, "set");
    let remove = l.get(entries, "remove");
    let text = |e: &Entry| l.keep(l.string(&e.value, &format!("`{}`", e.key)).map(|s| (s, e.value.pos)));
    let stray = |key: &str, wanted_by: &str| {
        if let Some(e) = l.get(entries, key) {
            l.note(e.key_pos, format!("`{key}` goes with {wanted_by} only"));
            true
        } else {
            false
        }
    };
    if !words.is_empty() {
        if let [_, second, ..] = words.as_slice() {
            l.note(
                second.key_pos,
                "one textual amendment an instruction: write another `amend` instruction for the next",
            );
            return None;
        }
        if let Some(e) = set.or(remove) {
            l.note(e.key_pos, format!("`{}` and a textual amendment are two instructions: write them apart", e.key));
            return None;
        }
        let w = words[0];
        let field = match l.get(entries, "field") {
            Some(e) => l.keep(l.string(&e.value, "`field`"))?,
            None => "text".to_string(),
        };
        let edit = match w.key.as_str() {
            "replace-words" => {
                stray("after", "`insert-words`");
                let old = text(w);
                let Some(with) = l.get(entries, "with") else {
                    l.note(w.key_pos, "`replace-words` needs `with` (to delete words, use `delete-words`)");
                    return None;
                };
                let new = text(with)?.0;
                WordEdit::Replace { old: old?, new }
            }
            "delete-words" => {
                if stray("with", "`replace-words`") | stray("after", "`insert-words`") {
                    return None;
                }
                WordEdit::Delete(text(w)?)
            }
            "insert-words" => {
                stray("with", "`replace-words`");
                let words = text(w);
                let Some(after) = l.get(entries, "after") else {
                    l.note(w.key_pos, "`insert-words` needs `after`: the words they follow");
                    return None;
                };
                WordEdit::InsertAfter { words: words?.0, after: text(after)? }
            }
            _ => {
                if stray("with", "`replace-words`") | stray("after", "`insert-words`") {
                    return None;
                }
                WordEdit::AddSentence(text(w)?.0)
            }
        };
        return Some(Op::Words { clause: clause?, field, edit });
    }
    for key in ["with", "after", "field"] {
        if let Some(e) = l.get(entries, key) {
            l.note(e.key_pos, format!("`{key}` goes with a textual amendment (replace-words, insert-words...)"));
            return None;
        }
    }
    if set.is_none() && remove.is_none() {
        l.note(
            verb.key_pos,
            "an `amend` instruction needs `set`, `remove`, or a textual amendment (replace-words, delete-words, \
             insert-words, add-sentence)",
        );
        return None;
    }
    let mut set_fields = Vec::new();
    if let Some(e) = set {
        let entries = l.keep(l.map(&e.value, "`set`"))?;
        if !l.text_keys(entries, "`set`") {
            return None;
        }
        if entries.is_empty() {
            l.note(e.value.pos, "`set` is empty: name the fields to set");
        }
        for f in entries {
            if f.key == "id" || f.key == "type" {
                l.note(f.key_pos, format!("`{}` cannot be set: replace the clause instead", f.key));
                return None;
            }
            set_fields.push((f.key.clone(), f.value.clone(), f.key_pos));
        }
    }
    let mut remove_fields = Vec::new();
    if let Some(e) = remove {
        let items: Vec<&Node> = match &e.value.kind {
            NodeKind::Seq(items) => items.iter().collect(),
            _ => vec![&e.value],
        };
        for item in items {
            let name = l.keep(l.string(item, "a field in `remove`"))?;
            if set_fields.iter().any(|(n, _, _)| *n == name) {
                l.note(item.pos, format!("`{}` is both set and removed", clip(&name)));
                return None;
            }
            remove_fields.push((name, item.pos));
        }
    }
    Some(Op::Fields { clause: clause?, set: set_fields, remove: remove_fields })
}

/// A clause named by id or number.
fn target(l: &Loader, node: &Node, what: &str) -> R<Target> {
    let name = l.string(node, what)?;
    Ok(Target { name: name.trim().to_string(), pos: node.pos, by_title: false })
}
