//! Cross-references: "Section 8", "Section D.4", "subsection (b)" in a
//! clause's prose name the clause with that number. When the clause a
//! reference named in the old version no longer has that number (it was
//! renumbered or removed), the same words now point elsewhere or nowhere:
//! `reference-broken`.

use std::collections::HashMap;

use super::{At, Cx};
use crate::align::Alignment;
use crate::model::{Agreement, Value};
use crate::report::Finding;
use crate::rules::Rule;

/// Words that introduce a reference to a numbered clause.
const KEYWORDS: &[&str] =
    &["Section", "section", "Sections", "sections", "subsection", "Subsection", "Clause", "clause", "Article"];

/// The references in a text: the number as written (`8`, `D.4`, `(b)`),
/// and the words as they appear (`Section 8`).
pub(crate) fn references(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    // Most prose names no section: three searches rule out the nine keywords.
    if !(text.contains("ection") || text.contains("lause") || text.contains("rticle")) {
        return out;
    }
    for kw in KEYWORDS {
        for (i, _) in text.match_indices(kw) {
            if text[..i].chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let Some(rest) = text[i + kw.len()..].strip_prefix(' ') else { continue };
            let Some(number) = number_at(rest) else { continue };
            let after = &rest[number.len()..];
            // "Section 3 of the Privacy Notice" names another document.
            let after = after.trim_start_matches(|c: char| c == ')' || c == '(' || c.is_ascii_alphanumeric());
            if after.starts_with(" of ") || after.starts_with(" to the ") {
                continue;
            }
            let number = number.trim_end_matches('.').to_string();
            let words = format!("{kw} {number}");
            if !out.iter().any(|(n, w)| *n == number && *w == words) {
                out.push((number, words));
            }
        }
    }
    out
}

/// A clause number at the start of `s`: `8`, `8.2`, `D.4`, `(b)`, `(iv)`.
fn number_at(s: &str) -> Option<&str> {
    if s.starts_with('(') {
        let close = s.find(')')?;
        let inner = &s[1..close];
        let ok = !inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_ascii_alphanumeric());
        return ok.then(|| &s[..=close]);
    }
    let b = s.as_bytes();
    let mut i = 0;
    if b.first().is_some_and(u8::is_ascii_uppercase) && b.get(1) == Some(&b'.') {
        i = 2; // D.4
    }
    let start = i;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
        i += 1;
    }
    (i > start).then(|| &s[..i])
}

/// Clause indices by number.
fn by_number(a: &Agreement) -> HashMap<String, Vec<usize>> {
    let mut m: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in a.clauses.iter().enumerate() {
        if let Some(n) = c.text_of("number") {
            m.entry(n.trim().trim_end_matches('.').to_string()).or_default().push(i);
        }
    }
    m
}

/// What a number names, seen from clause `from` (which never names itself).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    None,
    One(usize),
    /// Several clauses have the number (lists that restart their numbering):
    /// the reference cannot be judged.
    Ambiguous,
}

fn resolve(index: &HashMap<String, Vec<usize>>, number: &str, from: usize) -> Target {
    let mut found = index.get(number).into_iter().flatten().copied().filter(|&i| i != from);
    match (found.next(), found.next()) {
        (None, _) => Target::None,
        (Some(i), None) => Target::One(i),
        _ => Target::Ambiguous,
    }
}

impl<'a> Cx<'a> {
    /// Report references whose target changed (see the module comment).
    pub(crate) fn references(&mut self, alignment: &Alignment) {
        let (old, new) = (self.old, self.new);
        if !old.clauses.iter().any(|c| c.field("number").is_some()) {
            return;
        }
        // A reference changes target only when numbers moved: a clause
        // renumbered, or a numbered clause added or removed.
        let renumbered =
            alignment.pairs.iter().any(|p| old.clauses[p.old].value("number") != new.clauses[p.new].value("number"))
                || alignment.removed.iter().any(|&i| old.clauses[i].field("number").is_some())
                || alignment.pairs.len() + alignment.removed.len() != old.clauses.len()
                || alignment.pairs.len() != new.clauses.len()
                    && new.clauses.iter().any(|c| c.field("number").is_some());
        if !renumbered {
            return;
        }
        let (old_index, new_index) = (by_number(old), by_number(new));
        let mut new_of_old = vec![None; old.clauses.len()];
        for p in &alignment.pairs {
            new_of_old[p.old] = Some(p.new);
        }
        for p in &alignment.pairs {
            let (co, cn) = (&old.clauses[p.old], &new.clauses[p.new]);
            let (Some(to), Some(tn)) = (co.text_of("text"), cn.text_of("text")) else { continue };
            let before = references(to);
            if before.is_empty() {
                continue;
            }
            for (number, words) in references(tn) {
                if !before.iter().any(|(_, w)| *w == words) {
                    continue;
                }
                let Target::One(target_old) = resolve(&old_index, &number, p.old) else { continue };
                let target_new = match resolve(&new_index, &number, p.new) {
                    Target::Ambiguous => continue,
                    Target::One(i) => Some(i),
                    Target::None => None,
                };
                let became = new_of_old[target_old];
                if target_new == became {
                    continue;
                }
                let was = old.clauses[target_old].label();
                let message = match (became, target_new) {
                    (Some(b), Some(t)) => format!(
                        "\"{words}\" in \"{}\" named \"{was}\", which is now numbered {}; the same words now point at \"{}\".",
                        cn.label(),
                        new.clauses[b].text_of("number").unwrap_or("nothing"),
                        new.clauses[t].label()
                    ),
                    (Some(b), None) => format!(
                        "\"{words}\" in \"{}\" named \"{was}\", which is now numbered {}; no clause has the number {number} any more.",
                        cn.label(),
                        new.clauses[b].text_of("number").unwrap_or("nothing"),
                    ),
                    (None, Some(t)) => format!(
                        "\"{words}\" in \"{}\" named \"{was}\", which was removed; the same words now point at \"{}\".",
                        cn.label(),
                        new.clauses[t].label()
                    ),
                    (None, None) => format!(
                        "\"{words}\" in \"{}\" named \"{was}\", which was removed; no clause has the number {number} any more.",
                        cn.label()
                    ),
                };
                let target = |a: &Agreement, i: Option<usize>| i.map(|i| Value::text(a.clauses[i].label()));
                let f = Finding::new(Rule::ReferenceBroken, message)
                    .field("text")
                    .values(target(old, Some(target_old)), target(new, target_new))
                    .lines((co.field("text").map(|f| f.pos.line), cn.field("text").map(|f| f.pos.line)));
                self.push_clause(At { old: Some(co), new: Some(cn) }, f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_references() {
        let r = |s: &str| references(s).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(r("as set out in Section 8, and Section D.4."), vec!["8", "D.4"]);
        assert_eq!(r("an exception to subsection (b) applies"), vec!["(b)"]);
        assert_eq!(r("see Section 3 of the Privacy Notice"), Vec::<String>::new());
        assert_eq!(r("Intersection 5 is no reference"), Vec::<String>::new());
        assert_eq!(r("under Section 8(a) here"), vec!["8"]);
    }
}
