//! Consolidation: apply an amendment's instructions, in order, to a base
//! agreement. Every instruction that cannot apply is an error naming the
//! amendment's file and line; a consolidation with an error gives nothing.

use std::cell::Cell;
use std::collections::HashSet;

use super::model::{Amendment, Anchor, Instruction, Op, Target, WordEdit};
use crate::load::{LoadError, Loader, Pos};
use crate::model::schema::{Kind, TOP_LEVEL_KEYS};
use crate::model::value::normalise_space;
use crate::model::{Agreement, Field, Value};
use crate::safe::clip;

/// Apply each amendment in turn to the result of the ones before it.
pub fn apply(base: &Agreement, amendments: &[Amendment]) -> Result<Agreement, Vec<LoadError>> {
    let mut current = base.clone();
    let mut name = crate::load::shown_name(&base.path).to_string();
    for a in amendments {
        current = apply_one(&current, &name, a)?;
        name = format!("{name} as amended by {}", a.path);
    }
    Ok(current)
}

/// Apply one amendment to `cur` (named `cur_name` in messages).
fn apply_one(cur: &Agreement, cur_name: &str, a: &Amendment) -> Result<Agreement, Vec<LoadError>> {
    let err = |pos: Pos, message: String| vec![LoadError { file: a.path.clone(), pos: Some(pos), message }];
    if a.amends.0 != cur.id {
        return Err(err(
            a.amends.1,
            format!(
                "this amendment amends agreement `{}`, but {} is agreement `{}`",
                clip(&a.amends.0),
                clip(cur_name),
                clip(&cur.id)
            ),
        ));
    }
    if let Some((v, pos)) = &a.base_version {
        match &cur.version {
            Some(bv) if bv == v => {}
            Some(bv) => {
                return Err(err(
                    *pos,
                    format!(
                        "this amendment amends version `{}`, but {} is version `{}`",
                        clip(v),
                        clip(cur_name),
                        clip(bv)
                    ),
                ));
            }
            None => {
                return Err(err(
                    *pos,
                    format!("this amendment amends version `{}`, but {} states no version", clip(v), clip(cur_name)),
                ));
            }
        }
    }
    let loader = Loader::new(&a.path);
    let mut st = State {
        out: cur.clone(),
        cur_name,
        touched: HashSet::new(),
        deleted_parties: Vec::new(),
        blame: Cell::new(None),
        touched_parties: HashSet::new(),
        touched_terms: HashSet::new(),
    };
    st.out.path = a.path.clone();
    let mut errors = Vec::new();
    for ins in &a.instructions {
        st.blame.set(None);
        if let Err(message) = st.step(ins, &loader) {
            let pos = st.blame.get().unwrap_or(ins.pos);
            errors.push(LoadError { file: a.path.clone(), pos: Some(pos), message });
        }
    }
    st.check_parties(&loader);
    errors.extend(loader.into_errors());
    if !errors.is_empty() {
        errors.sort_by_key(LoadError::place);
        return Err(errors);
    }
    let mut out = st.out;
    let at = a.amends.1;
    // The consolidation's lines are the amendment's: what no instruction wrote points at its `amends`, never
    // at a line of the base, which is another file.
    for c in out.clauses.iter_mut().filter(|c| !st.touched.contains(&c.id)) {
        c.pos = at;
        c.fields.iter_mut().for_each(|f| f.pos = at);
    }
    out.parties.iter_mut().filter(|p| !st.touched_parties.contains(&p.key)).for_each(|p| p.pos = at);
    out.definitions.iter_mut().filter(|d| !st.touched_terms.contains(&d.term)).for_each(|d| d.pos = at);
    out.meta.iter_mut().for_each(|f| f.pos = at);
    if let Some(v) = &a.version {
        set_meta(&mut out, "version", Some(Value::text(v.clone())), at);
        out.version = Some(v.clone());
    }
    if let Some(d) = a.effective {
        set_meta(&mut out, "effective", Some(Value::Date(d)), at);
    }
    if let Some(v) = &cur.version {
        set_meta(&mut out, "previous", Some(Value::text(v.clone())), at);
    }
    for (name, value, pos) in &a.consolidated {
        set_meta(&mut out, name, value.clone(), *pos);
    }
    Ok(out)
}

/// Set (or with `None` remove) a top-level field, keeping the canonical order.
fn set_meta(a: &mut Agreement, name: &str, value: Option<Value>, pos: Pos) {
    let Some(name) = TOP_LEVEL_KEYS.iter().find(|k| **k == name).copied() else { return };
    let rank = |n: &str| TOP_LEVEL_KEYS.iter().position(|k| *k == n).unwrap_or(usize::MAX);
    match (a.meta.iter().position(|f| f.name == name), value) {
        (Some(i), Some(v)) => a.meta[i] = Field { name, value: v, pos },
        (Some(i), None) => {
            a.meta.remove(i);
        }
        (None, Some(v)) => {
            let at = a.meta.iter().position(|f| rank(f.name) > rank(name)).unwrap_or(a.meta.len());
            a.meta.insert(at, Field { name, value: v, pos });
        }
        (None, None) => {}
    }
}

struct State<'a> {
    out: Agreement,
    cur_name: &'a str,
    /// Clauses an instruction wrote or changed (their fields have lines in the amendment).
    touched: HashSet<String>,
    deleted_parties: Vec<(String, Pos)>,
    /// Where in the amendment the last error is, when more precise than its instruction.
    blame: Cell<Option<Pos>>,
    /// Parties and defined terms an instruction wrote.
    touched_parties: HashSet<String>,
    touched_terms: HashSet<String>,
}

type Step = Result<(), String>;

impl State<'_> {
    fn step(&mut self, ins: &Instruction, loader: &Loader) -> Step {
        match &ins.op {
            Op::Delete(t) => {
                let i = self.find(t)?;
                self.out.clauses.remove(i);
                Ok(())
            }
            Op::Replace(t, clause) => {
                let i = self.find(t)?;
                if clause.id != self.out.clauses[i].id {
                    self.fresh(&clause.id)?;
                }
                self.touched.insert(clause.id.clone());
                self.out.clauses[i] = (**clause).clone();
                Ok(())
            }
            Op::Insert(anchor, clause) => {
                self.fresh(&clause.id)?;
                let at = self.place(anchor, None)?;
                self.touched.insert(clause.id.clone());
                self.out.clauses.insert(at, (**clause).clone());
                Ok(())
            }
            Op::Move(t, anchor) => {
                let i = self.find(t)?;
                let mut c = self.out.clauses.remove(i);
                if !self.touched.contains(&c.id) {
                    c.pos = ins.pos;
                    c.fields.iter_mut().for_each(|f| f.pos = ins.pos);
                    self.touched.insert(c.id.clone());
                }
                match self.place(anchor, Some(&c.id)) {
                    Ok(at) => {
                        self.out.clauses.insert(at, c);
                        Ok(())
                    }
                    Err(e) => {
                        self.out.clauses.insert(i, c);
                        Err(e)
                    }
                }
            }
            Op::Fields { clause, set, remove } => self.fields(clause, set, remove, loader),
            Op::Words { clause, field, edit } => self.words(clause, field, edit, ins.pos),
            Op::Define(defs) => {
                for d in defs {
                    self.touched_terms.insert(d.term.clone());
                    match self.out.definitions.iter_mut().find(|x| x.term == d.term) {
                        Some(x) => *x = d.clone(),
                        None => self.out.definitions.push(d.clone()),
                    }
                }
                Ok(())
            }
            Op::DeleteDefinition(term, _) => {
                let Some(i) = self.out.definitions.iter().position(|d| d.term == *term) else {
                    return Err(format!("there is no definition of `{}` in {} to delete", clip(term), self.cur_name));
                };
                self.out.definitions.remove(i);
                Ok(())
            }
            Op::Party(parties) => {
                for p in parties {
                    self.touched_parties.insert(p.key.clone());
                    match self.out.parties.iter_mut().find(|x| x.key == p.key) {
                        Some(x) => *x = p.clone(),
                        None => self.out.parties.push(p.clone()),
                    }
                }
                Ok(())
            }
            Op::DeleteParty(key, pos) => {
                let Some(i) = self.out.parties.iter().position(|p| p.key == *key) else {
                    return Err(format!("there is no party `{}` in {} to delete", clip(key), self.cur_name));
                };
                self.out.parties.remove(i);
                self.deleted_parties.push((key.clone(), *pos));
                Ok(())
            }
        }
    }

    /// The index of the clause an instruction names: by id, else by its number.
    fn find(&self, t: &Target) -> Result<usize, String> {
        self.blame.set(Some(t.pos));
        if t.by_title {
            let wanted = normalise_space(&t.name);
            let hits: Vec<usize> = (0..self.out.clauses.len())
                .filter(|&i| self.out.clauses[i].text_of("title").is_some_and(|x| normalise_space(x) == wanted))
                .collect();
            return match hits.as_slice() {
                [i] => {
                    self.blame.set(None);
                    Ok(*i)
                }
                [] => Err(format!("there is no clause headed \"{}\" in {}", clip(&t.name), self.cur_name)),
                many => Err(format!(
                    "{} clauses are headed \"{}\" in {}: name the clause by its number or id",
                    many.len(),
                    clip(&t.name),
                    self.cur_name
                )),
            };
        }
        if let Some(i) = self.out.clauses.iter().position(|c| c.id == t.name) {
            self.blame.set(None);
            return Ok(i);
        }
        let wanted = bare_number(&t.name);
        let by_number: Vec<usize> = self
            .out
            .clauses
            .iter()
            .enumerate()
            .filter(|(_, c)| c.text_of("number").is_some_and(|n| !wanted.is_empty() && bare_number(n) == wanted))
            .map(|(i, _)| i)
            .collect();
        match by_number.as_slice() {
            [i] => {
                self.blame.set(None);
                Ok(*i)
            }
            [] => {
                let ids: Vec<&str> = self.out.clauses.iter().map(|c| c.id.as_str()).collect();
                let hint =
                    crate::load::closest(&t.name, &ids).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
                Err(format!("there is no clause `{}` in {}{hint}", clip(&t.name), self.cur_name))
            }
            many => Err(format!(
                "`{}` is the number of {} clauses in {}: name the clause by its id",
                clip(&t.name),
                many.len(),
                self.cur_name
            )),
        }
    }

    /// An inserted clause's id must be new.
    fn fresh(&self, id: &str) -> Step {
        if self.out.clauses.iter().any(|c| c.id == id) {
            return Err(format!("{} already has a clause `{id}`: replace or amend it instead", self.cur_name));
        }
        Ok(())
    }

    /// Where a clause goes, in the list as it is (without the moved clause).
    fn place(&self, anchor: &Anchor, moving: Option<&str>) -> Result<usize, String> {
        let t = match anchor {
            Anchor::End => return Ok(self.out.clauses.len()),
            Anchor::After(t) | Anchor::Before(t) => t,
        };
        if moving == Some(t.name.as_str()) {
            return Err(format!("clause `{}` cannot move next to itself", clip(&t.name)));
        }
        let i = self.find(t)?;
        Ok(if matches!(anchor, Anchor::After(_)) { i + 1 } else { i })
    }

    fn fields(
        &mut self,
        t: &Target,
        set: &[(String, crate::yaml::Node, Pos)],
        remove: &[(String, Pos)],
        loader: &Loader,
    ) -> Step {
        let i = self.find(t)?;
        let parties: HashSet<String> = self.out.parties.iter().map(|p| p.key.clone()).collect();
        let mut clause = self.out.clauses[i].clone();
        let who = format!("clause `{}`", clause.id);
        let spec_of = |name: &str| {
            clause.ctype.field(name).ok_or_else(|| {
                let names: Vec<&str> = clause.ctype.all_fields().map(|f| f.name).collect();
                let hint = crate::load::closest(name, &names)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_else(|| format!("; its fields are: {}", names.join(", ")));
                format!("{who} (type {}) has no field `{}`{hint}", clause.ctype.name, clip(name))
            })
        };
        let mut new_fields: Vec<Field> = clause.fields.clone();
        for (name, node, pos) in set {
            self.blame.set(Some(*pos));
            let spec = spec_of(name)?;
            let value =
                loader.value(node, spec.kind, &format!("`{name}` of {who}"), Some(&parties)).map_err(|e| e.message)?;
            new_fields.retain(|f| f.name != spec.name);
            new_fields.push(Field { name: spec.name, value, pos: *pos });
        }
        for (name, pos) in remove {
            self.blame.set(Some(*pos));
            let spec = spec_of(name)?;
            if spec.required {
                return Err(format!(
                    "`{name}` is required in a {} clause: it can be set, not removed",
                    clause.ctype.name
                ));
            }
            if !new_fields.iter().any(|f| f.name == spec.name) {
                return Err(format!("{who} has no `{name}` to remove"));
            }
            new_fields.retain(|f| f.name != spec.name);
        }
        self.blame.set(None);
        let order: Vec<&str> = clause.ctype.all_fields().map(|f| f.name).collect();
        new_fields.sort_by_key(|f| order.iter().position(|n| *n == f.name).unwrap_or(usize::MAX));
        loader.coherent(&who, clause.ctype, &new_fields);
        // A new wording has no line table in the base file.
        if set.iter().any(|(name, ..)| name == "text") || remove.iter().any(|(name, _)| name == "text") {
            clause.text_lines = None;
        }
        clause.fields = new_fields;
        self.touched.insert(clause.id.clone());
        self.out.clauses[i] = clause;
        Ok(())
    }

    fn words(&mut self, t: &Target, field: &str, edit: &WordEdit, pos: Pos) -> Step {
        let i = self.find(t)?;
        let clause = &self.out.clauses[i];
        let who = format!("clause `{}`", clause.id);
        let spec = clause
            .ctype
            .field(field)
            .ok_or_else(|| format!("{who} (type {}) has no field `{}`", clause.ctype.name, clip(field)))?;
        if spec.kind != Kind::Text {
            return Err(format!(
                "`{field}` of {who} is not prose: set it with `set` (textual amendments change text fields)"
            ));
        }
        let current = clause.text_of(spec.name).map(str::to_string);
        let place = format!("the `{field}` of {who}");
        if let WordEdit::Replace { old: (_, at), .. }
        | WordEdit::Delete((_, at))
        | WordEdit::InsertAfter { after: (_, at), .. } = edit
        {
            self.blame.set(Some(*at));
        }
        let new = match (edit, current) {
            (WordEdit::AddSentence(s), None) => normalise_space(s),
            (WordEdit::AddSentence(s), Some(cur)) => add_sentence(&cur, s),
            (_, None) => return Err(format!("{who} has no `{field}` to amend")),
            (WordEdit::Replace { old, new }, Some(cur)) => {
                replace_words(&cur, &old.0, new).map_err(|m| m.at(&place))?
            }
            (WordEdit::Delete(old), Some(cur)) => delete_words(&cur, &old.0).map_err(|m| m.at(&place))?,
            (WordEdit::InsertAfter { words, after }, Some(cur)) => {
                insert_words(&cur, words, &after.0).map_err(|m| m.at(&place))?
            }
        };
        self.blame.set(None);
        if new.trim().is_empty() {
            return Err(format!("this leaves {place} empty: remove the field instead"));
        }
        let clause = &mut self.out.clauses[i];
        clause.fields.retain(|f| f.name != spec.name);
        clause.fields.push(Field { name: spec.name, value: Value::text(new), pos });
        if spec.name == "text" {
            clause.text_lines = None;
        }
        let order: Vec<&str> = clause.ctype.all_fields().map(|f| f.name).collect();
        clause.fields.sort_by_key(|f| order.iter().position(|n| *n == f.name).unwrap_or(usize::MAX));
        self.touched.insert(clause.id.clone());
        Ok(())
    }

    /// Every party a clause names must still be a party.
    fn check_parties(&self, loader: &Loader) {
        let keys: HashSet<&str> = self.out.parties.iter().map(|p| p.key.as_str()).collect();
        for c in &self.out.clauses {
            for f in &c.fields {
                let Value::Party(p) = &f.value else { continue };
                if keys.contains(p.as_str()) {
                    continue;
                }
                match self.deleted_parties.iter().find(|(k, _)| k == p) {
                    Some((_, pos)) if !self.touched.contains(&c.id) => loader.note(
                        *pos,
                        format!("party `{p}` is deleted, but `{}` of clause `{}` still names it", f.name, c.id),
                    ),
                    _ => loader.note(
                        f.pos,
                        format!(
                            "`{}` of clause `{}` names `{}`, which is not a party of {}",
                            f.name,
                            c.id,
                            clip(p),
                            self.cur_name
                        ),
                    ),
                }
            }
        }
    }
}

/// A number as written, without "Section" or a closing stop: `Section 3.` → `3`.
fn bare_number(s: &str) -> String {
    let s = s.trim();
    let s = ["Section ", "section ", "§"].iter().fold(s, |s, p| s.strip_prefix(p).unwrap_or(s));
    s.trim().trim_end_matches('.').to_string()
}

/// Why words could not be found exactly once.
#[derive(Debug, PartialEq)]
pub(crate) enum Miss {
    /// Not there.
    Absent(String),
    /// There more than once.
    Repeated(String, usize),
}

impl Miss {
    fn at(self, place: &str) -> String {
        match self {
            Miss::Absent(w) => format!("the words \"{}\" are not in {place}", clip(&w)),
            Miss::Repeated(w, n) => format!(
                "the words \"{}\" appear {n} times in {place}: quote more of the sentence so that they appear once",
                clip(&w)
            ),
        }
    }
}

/// Where `phrase` occurs in `text` as whole words (both whitespace-normalised):
/// the byte offset of each occurrence.
pub(crate) fn occurrences(text: &str, phrase: &str) -> Vec<usize> {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let first = phrase.chars().next();
    let last = phrase.chars().next_back();
    let mut out = Vec::new();
    if phrase.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(i) = text[from..].find(phrase).map(|i| i + from) {
        let before = text[..i].chars().next_back();
        let after = text[i + phrase.len()..].chars().next();
        let cut = (word(first) && word(before)) || (word(last) && word(after));
        if !cut {
            out.push(i);
        }
        from = i + text[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// The one place `phrase` is in `text` (both normalised).
fn once(text: &str, phrase: &str) -> Result<usize, Miss> {
    match occurrences(text, phrase).as_slice() {
        [i] => Ok(*i),
        [] => Err(Miss::Absent(phrase.to_string())),
        many => Err(Miss::Repeated(phrase.to_string(), many.len())),
    }
}

/// `text` with the words `old` (found once) replaced by `new`.
pub(crate) fn replace_words(text: &str, old: &str, new: &str) -> Result<String, Miss> {
    let (text, old, new) = (normalise_space(text), normalise_space(old), normalise_space(new));
    let i = once(&text, &old)?;
    Ok(normalise_space(&format!("{}{new}{}", &text[..i], &text[i + old.len()..])))
}

/// `text` without the words `old` (found once).
pub(crate) fn delete_words(text: &str, old: &str) -> Result<String, Miss> {
    let (text, old) = (normalise_space(text), normalise_space(old));
    let i = once(&text, &old)?;
    Ok(join(text[..i].trim_end(), text[i + old.len()..].trim_start()))
}

/// `text` with `words` inserted right after `after` (found once).
pub(crate) fn insert_words(text: &str, words: &str, after: &str) -> Result<String, Miss> {
    let (text, words, after) = (normalise_space(text), normalise_space(words), normalise_space(after));
    let end = once(&text, &after)? + after.len();
    let left = join(&text[..end], &words);
    Ok(join(&left, text[end..].trim_start()))
}

/// `text` with a sentence added at its end.
pub(crate) fn add_sentence(text: &str, sentence: &str) -> String {
    join(&normalise_space(text), &normalise_space(sentence))
}

/// Two pieces of prose joined by a space, except before punctuation that
/// closes (`,` `.` `;` `:` `)`...).
fn join(left: &str, right: &str) -> String {
    if left.is_empty() {
        return right.to_string();
    }
    if right.is_empty() {
        return left.to_string();
    }
    let tight = right.starts_with([',', '.', ';', ':', ')', ']', '!', '?', '…']);
    format!("{left}{}{right}", if tight { "" } else { " " })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_whole_and_once() {
        assert_eq!(occurrences("an exclusive, non-exclusive licence", "exclusive").len(), 2);
        assert_eq!(occurrences("exclusives", "exclusive").len(), 0);
        assert_eq!(replace_words("a  sole\nlicence", "sole licence", "licence").unwrap(), "a licence");
        assert_eq!(
            replace_words("exclusive and exclusive", "exclusive", "x"),
            Err(Miss::Repeated("exclusive".into(), 2))
        );
        assert_eq!(delete_words("a b, c", "b").unwrap(), "a, c");
        assert_eq!(
            insert_words("models, and products", "and services", "models").unwrap(),
            "models and services, and products"
        );
        assert_eq!(insert_words("a b", ", c", "a").unwrap(), "a, c b");
        assert_eq!(add_sentence("One.", " Two. "), "One. Two.");
        assert!(matches!(delete_words("a b", "c"), Err(Miss::Absent(_))));
    }
}
