//! Drafting: the amendment that turns one version into another, in clause
//! order, the way a drafting office writes one: whole clauses deleted,
//! inserted, moved or restated; typed terms set; and inside the wording the
//! smallest edits that still read well (a few words replaced in a sentence,
//! else the whole sentence, else the whole text restated).

use std::collections::{HashMap, HashSet};

use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::apply::{add_sentence, delete_words, insert_words, occurrences, replace_words};
use crate::convert::{block, clause as clause_yaml, field_value, list, quote, value as value_yaml};
use crate::model::schema::Kind;
use crate::model::value::normalise_space;
use crate::model::{Agreement, Clause, Definition, End, Field, Party, Value};

/// How a drafted amendment is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DraftFormat {
    /// An amendment file for `apply`.
    Yaml,
    /// The instrument in conventional drafting style, for people.
    Markdown,
}

/// The amendment of `old` that gives `new`.
pub fn draft(old: &Agreement, new: &Agreement, format: DraftFormat) -> Result<String, String> {
    let plan = plan(old, new)?;
    Ok(match format {
        DraftFormat::Yaml => yaml(&plan),
        DraftFormat::Markdown => markdown(&plan),
    })
}

/// Where a clause goes.
enum Place {
    After(String),
    Before(String),
    End,
}

/// A change to the words of a clause's text.
enum Edit {
    Replace(String, String),
    Delete(String),
    InsertAfter(String, String),
    AddSentence(String),
    /// The whole text, restated.
    Restate(String),
}

/// One drafted instruction.
enum Step<'a> {
    Delete(&'a Clause),
    /// Old, new: amended and restated.
    Replace(&'a Clause, &'a Clause),
    Insert(Place, &'a Clause),
    Move(&'a Clause, Place),
    Fields {
        old: &'a Clause,
        set: Vec<&'a Field>,
        remove: Vec<&'static str>,
    },
    Words {
        old: &'a Clause,
        edit: Edit,
    },
    Define(&'a Definition, bool),
    DeleteDefinition(&'a Definition),
    Party(&'a Party, bool),
    DeleteParty(&'a Party),
}

struct Plan<'a> {
    old: &'a Agreement,
    new: &'a Agreement,
    steps: Vec<Step<'a>>,
    /// Top-level fields of the consolidation that must change; `None` removes.
    consolidated: Vec<(&'static str, Option<&'a Value>)>,
}

fn plan<'a>(old: &'a Agreement, new: &'a Agreement) -> Result<Plan<'a>, String> {
    // A document's id may come from its file name: only authored ids must agree.
    if old.id != new.id && !old.ids_derived && !new.ids_derived {
        return Err(format!(
            "{} is agreement `{}` and {} is agreement `{}`: an amendment changes one agreement",
            crate::safe::line(&old.path),
            crate::safe::line(&old.id),
            crate::safe::line(&new.path),
            crate::safe::line(&new.id)
        ));
    }
    let mut steps = Vec::new();
    // Parties and definitions first, so that the clauses may name them.
    for p in &new.parties {
        match old.party(&p.key) {
            Some(o) if o.name == p.name && o.short == p.short && o.aliases == p.aliases => {}
            o => steps.push(Step::Party(p, o.is_none())),
        }
    }
    for d in &new.definitions {
        match old.definitions.iter().find(|o| o.term == d.term) {
            Some(o) if normalise_space(&o.text) == normalise_space(&d.text) => {}
            o => steps.push(Step::Define(d, o.is_none())),
        }
    }
    for d in old.definitions.iter().filter(|o| !new.definitions.iter().any(|d| d.term == o.term)) {
        steps.push(Step::DeleteDefinition(d));
    }
    clauses(old, new, &mut steps);
    for p in old.parties.iter().filter(|o| new.party(&o.key).is_none()) {
        steps.push(Step::DeleteParty(p));
    }
    let mut consolidated = Vec::new();
    for name in ["title", "provenance", "sources", "notes"] {
        let (o, n) = (old.meta(name).map(|f| &f.value), new.meta(name).map(|f| &f.value));
        let same = match (o, n) {
            (Some(a), Some(b)) => a.same_meaning(b),
            (a, b) => a.is_none() == b.is_none(),
        };
        if !same {
            consolidated.push((name, n));
        }
    }
    // Consolidation makes the base version the `previous` one.
    let previous = match &old.version {
        Some(v) => Some(Value::text(v.clone())),
        None => old.meta("previous").map(|f| f.value.clone()),
    };
    let new_previous = new.meta("previous").map(|f| &f.value);
    if previous.as_ref() != new_previous {
        consolidated.push(("previous", new_previous));
    }
    Ok(Plan { old, new, steps, consolidated })
}

/// The clause instructions, in the order of the new version; a deleted
/// clause where it stood. Clauses are paired by id; where ids are derived
/// from a document's words (Markdown, plain text), by alignment, and a
/// paired clause keeps its old id.
fn clauses<'a>(old: &'a Agreement, new: &'a Agreement, steps: &mut Vec<Step<'a>>) {
    let old_of_new: HashMap<usize, usize> = if old.ids_derived || new.ids_derived {
        crate::align::align(old, new).pairs.iter().map(|p| (p.new, p.old)).collect()
    } else {
        let at: HashMap<&str, usize> = old.clauses.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
        new.clauses.iter().enumerate().filter_map(|(i, c)| at.get(c.id.as_str()).map(|j| (i, *j))).collect()
    };
    let paired: HashSet<usize> = old_of_new.values().copied().collect();
    // The id a new clause has in the consolidation.
    let id_of = |i: usize| old_of_new.get(&i).map_or(new.clauses[i].id.as_str(), |j| old.clauses[*j].id.as_str());
    let common_old: Vec<usize> = (0..old.clauses.len()).filter(|j| paired.contains(j)).collect();
    let common_new: Vec<usize> = (0..new.clauses.len()).filter_map(|i| old_of_new.get(&i).copied()).collect();
    // The common clauses that keep their order stay; the others move.
    let mut stay: HashSet<usize> = HashSet::new();
    for op in capture_diff_slices(Algorithm::Myers, &common_old, &common_new) {
        let (tag, range, _) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            stay.extend(common_old[range].iter().copied());
        }
    }
    let first_stay = common_new.iter().find(|j| stay.contains(j)).map(|j| old.clauses[*j].id.clone());
    // Deleted clauses, after the common clause before them in the old order.
    let mut deleted_after: HashMap<Option<usize>, Vec<&'a Clause>> = HashMap::new();
    let mut last_common: Option<usize> = None;
    for (j, c) in old.clauses.iter().enumerate() {
        if paired.contains(&j) {
            last_common = Some(j);
        } else {
            deleted_after.entry(last_common).or_default().push(c);
        }
    }
    let mut deletes = |after: Option<usize>, steps: &mut Vec<Step<'a>>| {
        for c in deleted_after.remove(&after).unwrap_or_default() {
            steps.push(Step::Delete(c));
        }
    };
    deletes(None, steps);
    for (i, c) in new.clauses.iter().enumerate() {
        let place = || match i {
            0 => first_stay.clone().map_or(Place::End, Place::Before),
            _ => Place::After(id_of(i - 1).to_string()),
        };
        match old_of_new.get(&i) {
            None => steps.push(Step::Insert(place(), c)),
            Some(&j) => {
                let o = &old.clauses[j];
                if !stay.contains(&j) {
                    steps.push(Step::Move(o, place()));
                }
                content(o, c, steps);
                deletes(Some(j), steps);
            }
        }
    }
}

/// The instructions that make clause `o` say what `n` says.
fn content<'a>(o: &'a Clause, n: &'a Clause, steps: &mut Vec<Step<'a>>) {
    if !std::ptr::eq(o.ctype, n.ctype) {
        steps.push(Step::Replace(o, n));
        return;
    }
    let same = |a: &Field, b: &Field| a.value.same_meaning(&b.value);
    let both_text = |name: &str| name == "text" && o.field(name).is_some() && n.field(name).is_some();
    let set: Vec<&Field> =
        n.fields.iter().filter(|f| !both_text(f.name) && o.field(f.name).is_none_or(|g| !same(g, f))).collect();
    let remove: Vec<&'static str> = o.fields.iter().filter(|f| n.field(f.name).is_none()).map(|f| f.name).collect();
    let text_changed = both_text("text") && !same(o.field("text").expect("both"), n.field("text").expect("both"));
    let changed = set.len() + remove.len() + usize::from(text_changed);
    let total = o.fields.iter().filter(|f| n.field(f.name).is_none()).count() + n.fields.len();
    if changed >= 3 && changed * 2 > total {
        steps.push(Step::Replace(o, n));
        return;
    }
    if !set.is_empty() || !remove.is_empty() {
        steps.push(Step::Fields { old: o, set, remove });
    }
    if text_changed && let (Some(a), Some(b)) = (o.text_of("text"), n.text_of("text")) {
        let edits = text_edits(a, b).unwrap_or_else(|| vec![Edit::Restate(normalise_space(b))]);
        steps.extend(edits.into_iter().map(|edit| Step::Words { old: o, edit }));
    }
}

/// Most textual amendments in one clause before its text is restated whole.
const MAX_EDITS: usize = 3;
/// Most words changed inside a sentence for a word-level amendment.
const MAX_WORDS: usize = 6;

/// The textual amendments that turn `old` into `new`, each checked against
/// the text as the ones before it leave it; `None` when restating the whole
/// text reads better (or nothing smaller applies exactly).
fn text_edits(old: &str, new: &str) -> Option<Vec<Edit>> {
    let (old, new) = (normalise_space(old), normalise_space(new));
    let os = sentences(&old);
    let ns = sentences(&new);
    let ops = capture_diff_slices(Algorithm::Myers, &os, &ns);
    // Most of a text of several sentences changed: restate it.
    let changed: usize = ops.iter().filter(|op| op.tag() != DiffTag::Equal).map(|op| op.old_range().len()).sum();
    if os.len() > 2 && changed * 2 > os.len() {
        return None;
    }
    let mut cur = old.clone();
    let mut edits = Vec::new();
    for op in ops {
        let (tag, or, nr) = op.as_tag_tuple();
        let joined = |s: &[String]| s.join(" ");
        let edit = match tag {
            DiffTag::Equal => continue,
            DiffTag::Delete => Edit::Delete(joined(&os[or])),
            DiffTag::Insert if or.start == os.len() => Edit::AddSentence(joined(&ns[nr])),
            DiffTag::Insert if or.start == 0 => Edit::Replace(os[0].clone(), format!("{} {}", joined(&ns[nr]), os[0])),
            DiffTag::Insert => Edit::InsertAfter(joined(&ns[nr]), os[or.start - 1].clone()),
            DiffTag::Replace if or.len() == 1 && nr.len() == 1 => words_in_sentence(&cur, &os[or.start], &ns[nr.start])
                .unwrap_or_else(|| Edit::Replace(os[or.start].clone(), ns[nr.start].clone())),
            DiffTag::Replace => Edit::Replace(joined(&os[or]), joined(&ns[nr])),
        };
        cur = simulate(&cur, &edit)?;
        edits.push(edit);
        if edits.len() > MAX_EDITS {
            return None;
        }
    }
    (cur == new).then_some(edits)
}

/// The text after one edit, as `apply` does it; `None` when it does not apply.
fn simulate(text: &str, edit: &Edit) -> Option<String> {
    match edit {
        Edit::Replace(a, b) => replace_words(text, a, b).ok(),
        Edit::Delete(a) => delete_words(text, a).ok(),
        Edit::InsertAfter(w, a) => insert_words(text, w, a).ok(),
        Edit::AddSentence(s) => Some(add_sentence(text, s)),
        Edit::Restate(s) => Some(s.clone()),
    }
}

/// A few words changed inside one sentence: the words, with as much of the
/// sentence around them as makes them appear once in `text`.
fn words_in_sentence(text: &str, old: &str, new: &str) -> Option<Edit> {
    let ow: Vec<&str> = old.split(' ').collect();
    let nw: Vec<&str> = new.split(' ').collect();
    let p = ow.iter().zip(&nw).take_while(|(a, b)| a == b).count();
    let q = ow[p..].iter().rev().zip(nw[p..].iter().rev()).take_while(|(a, b)| a == b).count();
    let (om, nm) = (&ow[p..ow.len() - q], &nw[p..nw.len() - q]);
    if om.len() + nm.len() > MAX_WORDS || (p + q) * 2 < ow.len().max(nw.len()) {
        return None;
    }
    let once = |phrase: &str| !phrase.is_empty() && occurrences(text, phrase).len() == 1;
    if nm.is_empty() && once(&om.join(" ")) {
        return Some(Edit::Delete(om.join(" ")));
    }
    if om.is_empty() && p > 0 {
        for k in 1..=p {
            let after = ow[p - k..p].join(" ");
            if once(&after) {
                return Some(Edit::InsertAfter(nm.join(" "), after));
            }
        }
    }
    // Widen the words replaced, a word at a time on each side, until they appear once.
    let (mut a, mut b) = (p, ow.len() - q);
    loop {
        if a < b && once(&ow[a..b].join(" ")) {
            let with: Vec<&str> = ow[a..p].iter().chain(nm).chain(&ow[ow.len() - q..b]).copied().collect();
            return Some(Edit::Replace(ow[a..b].join(" "), with.join(" ")));
        }
        if a == 0 && b == ow.len() {
            return None;
        }
        a = a.saturating_sub(1);
        b = (b + 1).min(ow.len());
    }
}

/// Split normalised prose into sentences (a stop, then a capital, digit,
/// quote or bracket), keeping every word.
pub(crate) fn sentences(text: &str) -> Vec<String> {
    const ABBREVIATIONS: &[&str] =
        &["inc.", "ltd.", "corp.", "co.", "no.", "e.g.", "i.e.", "mr.", "ms.", "dr.", "st.", "vs."];
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..words.len() {
        let w = words[i].trim_end_matches(['"', '\'', ')', ']', '”', '’']);
        let ends = w.ends_with(['.', '!', '?', '…'])
            && !ABBREVIATIONS.contains(&w.to_lowercase().as_str())
            && !(w.len() == 2 && w.starts_with(char::is_uppercase));
        let next_starts = words
            .get(i + 1)
            .and_then(|n| n.chars().next())
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '(' | '…' | '\''));
        if ends && next_starts || i + 1 == words.len() {
            out.push(words[start..=i].join(" "));
            start = i + 1;
        }
    }
    out
}

// --- YAML -------------------------------------------------------------------

fn yaml(plan: &Plan) -> String {
    let (old, new) = (plan.old, plan.new);
    let mut out = format!(
        "# Drafted by agreement-diff amend: {} → {}.\n",
        crate::safe::line(&old.path),
        crate::safe::line(&new.path)
    );
    out.push_str(&format!("amends: {}\n", old.id));
    if let Some(v) = &old.version {
        out.push_str(&format!("base-version: {}\n", quote(v)));
    }
    if let Some(v) = &new.version {
        out.push_str(&format!("version: {}\n", quote(v)));
    }
    if let Some(Value::Date(d)) = new.meta("effective").map(|f| &f.value) {
        out.push_str(&format!("effective: {d}\n"));
    }
    if !plan.consolidated.is_empty() {
        out.push_str("consolidated:\n");
        for (name, v) in &plan.consolidated {
            let v = match v {
                None => "~".to_string(),
                Some(Value::Text(t)) => quote(t),
                Some(v) => value_yaml(v),
            };
            out.push_str(&format!("  {name}: {v}\n"));
        }
    }
    out.push_str("instructions:");
    if plan.steps.is_empty() {
        out.push_str(" []");
    }
    out.push('\n');
    for s in &plan.steps {
        out.push_str(&step_yaml(s));
    }
    out
}

/// A clause as a mapping indented by `indent` spaces (not a list item).
fn mapping(c: &Clause, indent: usize) -> String {
    clause_yaml(c, indent - 2).replacen("- id:", "  id:", 1)
}

fn step_yaml(s: &Step) -> String {
    match s {
        Step::Delete(c) => format!("  - delete: {}\n", c.id),
        Step::Replace(o, n) => format!("  - replace: {}\n    with:\n{}", o.id, mapping(n, 6)),
        Step::Insert(place, c) => match place {
            Place::After(x) => format!("  - insert-after: {x}\n    clause:\n{}", mapping(c, 6)),
            Place::Before(x) => format!("  - insert-before: {x}\n    clause:\n{}", mapping(c, 6)),
            Place::End => format!("  - add:\n{}", mapping(c, 6)),
        },
        Step::Move(c, place) => match place {
            Place::After(x) => format!("  - move: {}\n    after: {x}\n", c.id),
            Place::Before(x) => format!("  - move: {}\n    before: {x}\n", c.id),
            // Not drafted: a moved clause always has a place.
            Place::End => String::new(),
        },
        Step::Fields { old, set, remove } => {
            let mut out = format!("  - amend: {}\n", old.id);
            if !set.is_empty() {
                out.push_str("    set:\n");
                for f in set {
                    out.push_str(&format!("      {}: {}\n", f.name, field_value(f, 8)));
                }
            }
            if !remove.is_empty() {
                out.push_str(&format!("    remove: [{}]\n", remove.join(", ")));
            }
            out
        }
        Step::Words { old, edit } => {
            let id = &old.id;
            match edit {
                Edit::Replace(a, b) => {
                    format!("  - amend: {id}\n    replace-words: {}\n    with: {}\n", block(a, 6), block(b, 6))
                }
                Edit::Delete(a) => format!("  - amend: {id}\n    delete-words: {}\n", block(a, 6)),
                Edit::InsertAfter(w, a) => {
                    format!("  - amend: {id}\n    insert-words: {}\n    after: {}\n", block(w, 6), block(a, 6))
                }
                Edit::AddSentence(s) => format!("  - amend: {id}\n    add-sentence: {}\n", block(s, 6)),
                Edit::Restate(s) => format!("  - amend: {id}\n    set:\n      text: {}\n", block(s, 8)),
            }
        }
        Step::Define(d, _) => format!("  - define: {{{}: {}}}\n", quote(&d.term), quote(&d.text)),
        Step::DeleteDefinition(d) => format!("  - delete-definition: {}\n", quote(&d.term)),
        Step::Party(p, _) => {
            let mut parts = vec![format!("name: {}", quote(&p.name))];
            if let Some(s) = &p.short {
                parts.push(format!("short: {}", quote(s)));
            }
            if !p.aliases.is_empty() {
                parts.push(format!("aliases: {}", list(&p.aliases)));
            }
            format!("  - party: {{{}: {{{}}}}}\n", p.key, parts.join(", "))
        }
        Step::DeleteParty(p) => format!("  - delete-party: {}\n", p.key),
    }
}

// --- Markdown ---------------------------------------------------------------

/// How the instrument names a clause: "Section 3 (Title)".
fn section(c: &Clause) -> String {
    match (c.text_of("number"), c.text_of("title")) {
        (Some(n), Some(t)) => format!("Section {} ({})", md(n.trim_end_matches('.')), md(t)),
        (Some(n), None) => format!("Section {}", md(n.trim_end_matches('.'))),
        (None, Some(t)) => format!("the clause headed “{}” (`{}`)", md(t), c.id),
        (None, None) => format!("the clause `{}`", c.id),
    }
}

/// A clause named by id in the new version (an anchor).
fn section_by_id(a: &Agreement, b: &Agreement, id: &str) -> String {
    a.clauses.iter().chain(&b.clauses).find(|c| c.id == id).map_or_else(|| format!("`{id}`"), section)
}

/// Text from an agreement, inert in Markdown.
fn md(s: &str) -> String {
    crate::render::markdown::escape(&normalise_space(s))
}

fn quoted(s: &str) -> String {
    format!("“{}”", md(s))
}

fn markdown(plan: &Plan) -> String {
    let (old, new) = (plan.old, plan.new);
    let title = old.meta("title").and_then(|f| match &f.value {
        Value::Text(t) => Some(t.to_string()),
        _ => None,
    });
    let name = title.clone().unwrap_or_else(|| old.id.clone());
    let date = |a: &Agreement| match a.meta("effective").map(|f| &f.value) {
        Some(Value::Date(d)) => Some(long_date(d)),
        _ => None,
    };
    // Front matter, so that `apply` reads the instrument back (docs/amendments.md).
    let mut out = format!("---\namends: {}\n", old.id);
    if let Some(v) = &old.version {
        out.push_str(&format!("base-version: {}\n", quote(v)));
    }
    if let Some(v) = &new.version {
        out.push_str(&format!("version: {}\n", quote(v)));
    }
    if let Some(Value::Date(d)) = new.meta("effective").map(|f| &f.value) {
        out.push_str(&format!("effective: {d}\n"));
    }
    if !plan.consolidated.is_empty() {
        out.push_str("consolidated:\n");
        for (name, v) in &plan.consolidated {
            let v = match v {
                None => "~".to_string(),
                Some(Value::Text(t)) => quote(t),
                Some(v) => value_yaml(v),
            };
            out.push_str(&format!("  {name}: {v}\n"));
        }
    }
    out.push_str("---\n");
    out.push_str(&format!("# Amendment to the {}\n\n", md(&name)));
    out.push_str("## Recitals\n\n");
    let version = |a: &Agreement| a.version.as_deref().map(|v| format!(" version {}", md(v))).unwrap_or_default();
    let dated = date(old).map(|d| format!(", effective {d}")).unwrap_or_default();
    out.push_str(&format!(
        "A. The parties are parties to the {}{}{dated} (the “Agreement”).\n\n",
        md(&name),
        version(old)
    ));
    let when = date(new).map(|d| format!(" with effect from {d}")).unwrap_or_default();
    out.push_str(&format!(
        "B. The parties wish to amend the Agreement{when} as set out below, the Agreement as amended being{}.\n\n",
        if new.version.is_some() { version(new) } else { " its next version".into() }
    ));
    out.push_str("## Amendments\n\n");
    let mut n = 0;
    for (name, v) in &plan.consolidated {
        n += 1;
        let what = match *name {
            "title" => "The title of the Agreement",
            "provenance" => "The statement of where the Agreement comes from",
            "sources" => "The sources of the Agreement",
            "notes" => "The notes to the Agreement",
            _ => "The previous version named by the Agreement",
        };
        let line = match v {
            None => format!("{what} is deleted."),
            Some(Value::Text(t)) => format!("{what} is replaced by {}", quoted(t)),
            Some(Value::List(items)) => {
                format!("{what} are replaced by: {}", items.iter().map(|i| quoted(i)).collect::<Vec<_>>().join("; "))
            }
            Some(v) => format!("{what} is replaced by {}", quoted(&v.to_string())),
        };
        out.push_str(&format!("{n}. {}\n\n", stop(&line)));
    }
    for s in &plan.steps {
        n += 1;
        out.push_str(&format!("{n}. {}\n\n", stop(&step_markdown(plan, s))));
    }
    if n == 0 {
        out.push_str("None: the two versions say the same thing.\n\n");
    }
    out.push_str("## General\n\nExcept as amended above, the Agreement continues in full force and effect.\n");
    out
}

fn step_markdown(plan: &Plan, s: &Step) -> String {
    let anchor = |id: &str| section_by_id(plan.old, plan.new, id);
    match s {
        Step::Delete(c) => format!("{} is deleted in its entirety", capital(&section(c))),
        Step::Replace(o, n) => {
            format!("{} is amended and restated as follows:\n\n{}", capital(&section(o)), quote_clause(plan.new, n))
        }
        Step::Insert(place, c) => {
            let where_ = match place {
                Place::After(x) => format!("after {}", anchor(x)),
                Place::Before(x) => format!("before {}", anchor(x)),
                Place::End => "at the end of the Agreement".into(),
            };
            let what = match c.text_of("number") {
                Some(num) => format!("A new Section {}", md(num.trim_end_matches('.'))),
                None => "A new clause".into(),
            };
            format!("{what} is inserted {where_}, as follows:\n\n{}", quote_clause(plan.new, c))
        }
        Step::Move(c, place) => {
            let where_ = match place {
                Place::After(x) => format!("after {}", anchor(x)),
                Place::Before(x) => format!("before {}", anchor(x)),
                Place::End => "to the end of the Agreement".into(),
            };
            format!("{} is moved {where_}", capital(&section(c)))
        }
        Step::Fields { old, set, remove } => {
            let mut parts: Vec<String> = set.iter().map(|f| term_sentence(plan, f)).collect();
            parts.extend(remove.iter().map(|r| format!("{} {} deleted", field_name(r), verb(r))));
            format!("In {}, {}", section(old), join_and(&parts))
        }
        Step::Words { old, edit } => {
            let s = capital(&section(old));
            match edit {
                Edit::Replace(a, b) => replacement(&s, a, b),
                Edit::Delete(a) => format!("{s} is amended by deleting {}", quoted(a)),
                Edit::InsertAfter(w, a) => format!("{s} is amended by inserting {} after {}", quoted(w), quoted(a)),
                Edit::AddSentence(t) => format!("{s} is amended by adding at the end the sentence {}", quoted(t)),
                Edit::Restate(t) => {
                    format!("The text of {} is amended and restated as follows:\n\n   > {}", section(old), md(t))
                }
            }
        }
        Step::Define(d, added) => format!(
            "{} {} is {} as follows:\n\n   > {}",
            if *added { "A definition of" } else { "The definition of" },
            quoted(&d.term),
            if *added { "inserted" } else { "amended and restated" },
            md(&d.text)
        ),
        Step::DeleteDefinition(d) => format!("The definition of {} is deleted", quoted(&d.term)),
        Step::Party(p, added) => {
            if *added {
                format!("{} (“{}”) becomes a party to the Agreement", md(&p.name), md(p.display()))
            } else {
                format!("The party {} is now described as {} (“{}”)", md(&p.key), md(&p.name), md(p.display()))
            }
        }
        Step::DeleteParty(p) => format!("{} ceases to be a party to the Agreement", md(&p.name)),
    }
}

/// "by deleting A and inserting B", or for whole sentences "by replacing the sentence A with B".
fn replacement(s: &str, a: &str, b: &str) -> String {
    let whole = |t: &str| t.ends_with(['.', '!', '?', '…']) && t.starts_with(char::is_uppercase);
    if whole(a) && whole(b) {
        let n = sentences(a).len();
        let what = if n == 1 { "the sentence" } else { "the sentences" };
        format!("{s} is amended by replacing {what} {} with {}", quoted(a), quoted(b))
    } else {
        format!("{s} is amended by deleting {} and inserting {}", quoted(a), quoted(b))
    }
}

/// A typed term as a plain sentence: "the cap is undisclosed".
fn term_sentence(plan: &Plan, f: &Field) -> String {
    let party = |k: &str| plan.new.party(k).map_or_else(|| k.to_string(), |p| p.display().to_string());
    let v = match &f.value {
        Value::Party(k) => md(&party(k)),
        Value::Text(t) => quoted(t),
        Value::Date(d) => long_date(d),
        Value::End(e) => end_words(e),
        Value::List(items) => items.iter().map(|i| quoted(i)).collect::<Vec<_>>().join(", "),
        Value::Flag(b) => if *b { "yes" } else { "no" }.into(),
        other => md(&other.to_string()),
    };
    match (f.name, &f.value) {
        ("until", _) => format!("the clause now ends {v}"),
        ("exclusive-until", _) => format!("the exclusivity now ends {v}"),
        ("exclusive", Value::Level(l)) => format!("the grant is {}", l.name()),
        (name, Value::List(_)) => format!("{} {} now {v}", field_name(name), verb(name)),
        (name, _) => format!("{} is {v}", field_name(name)),
    }
}

fn end_words(e: &End) -> String {
    match e {
        End::Date(d) => format!("on {}", long_date(d)),
        End::Event(s) => format!("when {}", md(s)),
        End::Earliest(items) => {
            format!("on the earlier of {}", items.iter().map(end_words).collect::<Vec<_>>().join(" and "))
        }
    }
}

fn field_name(name: &str) -> String {
    match name {
        "until" => "the end of the clause".into(),
        "exclusive-until" => "the end of the exclusivity".into(),
        "unless" => "the exceptions (unless)".into(),
        _ => format!("the {}", name.replace('-', " ")),
    }
}

/// "is" or "are", by the field's name.
fn verb(name: &str) -> &'static str {
    if name.ends_with('s') || name == "unless" { "are" } else { "is" }
}

fn long_date(d: &crate::model::Date) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!("{} {} {}", d.day, MONTHS[usize::from(d.month.clamp(1, 12)) - 1], d.year)
}

/// A clause as a block quote: its heading, its wording, its typed terms.
fn quote_clause(a: &Agreement, c: &Clause) -> String {
    let mut lines = Vec::new();
    let head = match (c.text_of("number"), c.text_of("title")) {
        (Some(n), Some(t)) => format!("**{} {}**", md(n.trim_end_matches('.')), md(t)),
        (None, Some(t)) => format!("**{}**", md(t)),
        (Some(n), None) => format!("**{}**", md(n.trim_end_matches('.'))),
        (None, None) => String::new(),
    };
    if !head.is_empty() {
        lines.push(head);
    }
    if let Some(t) = c.text_of("text") {
        lines.push(md(t));
    }
    let terms: Vec<String> = c
        .fields
        .iter()
        .filter(|f| !matches!(f.name, "number" | "title" | "text" | "topic"))
        .map(|f| {
            let v = match &f.value {
                Value::Text(t) if c.ctype.field(f.name).is_some_and(|s| s.kind == Kind::Text) => md(t),
                Value::Party(k) => md(a.party(k).map_or(k.as_str(), Party::display)),
                Value::List(items) => items.iter().map(|i| md(i)).collect::<Vec<_>>().join("; "),
                Value::End(e) => end_words(e),
                other => md(&other.to_string()),
            };
            format!("- {}: {v}", f.name.replace('-', " "))
        })
        .collect();
    if !terms.is_empty() {
        if c.ctype.name != "text" {
            lines.push(format!("Terms ({}):", c.ctype.name));
        }
        lines.push(terms.join("\n"));
    }
    lines
        .iter()
        .map(|l| l.lines().map(|x| format!("   > {x}")).collect::<Vec<_>>().join("\n"))
        .collect::<Vec<_>>()
        .join("\n   >\n")
}

/// End an amendment with a full stop, unless a quotation already ends in one
/// or a quoted block ends it.
fn stop(s: &str) -> String {
    let t = s.trim_end();
    let done = t.ends_with(['.', '!', '?', '…', ':'])
        || t.ends_with([".”", "!”", "?”", "…”"].iter().find(|e| t.ends_with(**e)).copied().unwrap_or("\u{0}"))
        || s.contains("\n   >");
    if done { t.to_string() } else { format!("{t}.") }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_every_word() {
        let t = "Acme Inc. shall pay. The fee is USD 10. Notices go to Mr. Smith! (a) Then this";
        let s = sentences(t);
        assert_eq!(s, ["Acme Inc. shall pay.", "The fee is USD 10.", "Notices go to Mr. Smith!", "(a) Then this"]);
        assert_eq!(s.join(" "), t);
    }

    #[test]
    fn small_changes_are_words_and_large_ones_sentences() {
        let e =
            text_edits("The licence is exclusive. It runs to 2030.", "The licence is non-exclusive. It runs to 2030.")
                .unwrap();
        assert!(matches!(&e[..], [Edit::Replace(a, b)] if a == "exclusive." && b == "non-exclusive."));
        let e = text_edits("One two three four five six seven.", "Entirely different words are here now.").unwrap();
        assert!(matches!(&e[..], [Edit::Replace(a, _)] if a == "One two three four five six seven."));
        let e = text_edits("A b. C d.", "A b. C d. E f.").unwrap();
        assert!(matches!(&e[..], [Edit::AddSentence(s)] if s == "E f."));
        assert!(text_edits("One a. Two b. Three c.", "Six f. Seven g. Three c.").is_none());
    }
}
