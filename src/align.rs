//! Align: match the clauses of two versions.
//!
//! Clauses are matched by id first. Among the rest, a clause whose content is
//! the same (or nearly the same) under a new id is a rename. Matched clauses
//! whose relative order changed are moves. Every step is linear or
//! `n log n` in the number of clauses: renames are found by hashing content
//! and by comparing each leftover clause with a bounded number of candidates.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

use crate::model::value::normalise_space;
use crate::model::{Agreement, Clause, Value};

/// How many candidates a leftover clause is compared with when looking for a
/// near-identical rename.
const NEAR_CANDIDATES: usize = 16;
/// How similar two clauses must be (0..=1) to count as one renamed clause.
const NEAR_THRESHOLD: f64 = 0.75;
/// How similar the only unmatched old and new clause of one type and pair of
/// parties must be to count as one clause renamed and changed.
const SOLE_THRESHOLD: f64 = 0.5;

/// A clause present in both versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    /// Index among the old version's clauses.
    pub old: usize,
    /// Index among the new version's clauses.
    pub new: usize,
    /// Paired by content under a different id.
    pub renamed: bool,
    /// Outside the longest run of clauses kept in order.
    pub moved: bool,
}

/// How the clauses of two versions correspond.
#[derive(Clone, Debug, Default)]
pub struct Alignment {
    /// In the order of the new file.
    pub pairs: Vec<Pair>,
    /// Indices into the old file's clauses, in order.
    pub removed: Vec<usize>,
}

/// Match the clauses of two versions: by id, then renames, then moves.
pub fn align(old: &Agreement, new: &Agreement) -> Alignment {
    let mut new_of_old: Vec<Option<(usize, bool)>> = vec![None; old.clauses.len()];
    let mut taken = vec![false; new.clauses.len()];

    // 1. By id.
    let by_id: HashMap<&str, usize> = new.clauses.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
    for (i, c) in old.clauses.iter().enumerate() {
        if let Some(&j) = by_id.get(c.id.as_str()) {
            new_of_old[i] = Some((j, false));
            taken[j] = true;
        }
    }

    // 2. Renames with identical content.
    let any_old_left = new_of_old.iter().any(Option::is_none);
    let mut by_content: HashMap<u64, Vec<usize>> = HashMap::new();
    // Keyed per run, so that crafted content cannot force collisions.
    let keys = RandomState::new();
    if any_old_left {
        for (j, c) in new.clauses.iter().enumerate().rev() {
            if !taken[j] {
                by_content.entry(fingerprint(&keys, c)).or_default().push(j);
            }
        }
    }
    for (i, c) in old.clauses.iter().enumerate() {
        if new_of_old[i].is_some() || by_content.is_empty() {
            continue;
        }
        if let Some(list) = by_content.get_mut(&fingerprint(&keys, c))
            && let Some(k) = list.iter().rposition(|&j| same_content(c, &new.clauses[j]))
        {
            let j = list.remove(k);
            new_of_old[i] = Some((j, true));
            taken[j] = true;
        }
    }

    // 3. Renames with nearly identical content: same type and parties.
    let mut words: HashMap<usize, Vec<&str>> = HashMap::new();
    for (j, c) in new.clauses.iter().enumerate() {
        if !taken[j] {
            words.insert(j, word_set(c));
        }
    }
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, c) in new.clauses.iter().enumerate() {
        if !taken[j] {
            buckets.entry(bucket(c)).or_default().push(j);
        }
    }
    for (i, c) in old.clauses.iter().enumerate() {
        if new_of_old[i].is_some() {
            continue;
        }
        let Some(list) = buckets.get_mut(&bucket(c)) else {
            continue;
        };
        list.retain(|j| !taken[*j]);
        let mine = word_set(c);
        let best = list
            .iter()
            .take(NEAR_CANDIDATES)
            .map(|&j| (similarity(c, &new.clauses[j], &mine, &words[&j]), j))
            .filter(|(s, _)| *s >= NEAR_THRESHOLD)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, j)) = best {
            new_of_old[i] = Some((j, true));
            taken[j] = true;
        }
    }

    // 3b. A clause renamed and changed: when exactly one old and one new
    // clause of the same type and parties are left unmatched, and they still
    // share at least half their content, they are one clause whose fields
    // changed (compared field by field) rather than a removal and an addition.
    let mut sole: HashMap<String, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (i, c) in old.clauses.iter().enumerate() {
        if new_of_old[i].is_none() {
            sole.entry(bucket(c)).or_default().0.push(i);
        }
    }
    for (j, c) in new.clauses.iter().enumerate() {
        if !taken[j]
            && let Some(entry) = sole.get_mut(&bucket(c))
        {
            entry.1.push(j);
        }
    }
    for (olds, news) in sole.values() {
        if let ([i], [j]) = (olds.as_slice(), news.as_slice())
            && similarity(&old.clauses[*i], &new.clauses[*j], &word_set(&old.clauses[*i]), &words[j]) >= SOLE_THRESHOLD
        {
            new_of_old[*i] = Some((*j, true));
            taken[*j] = true;
        }
    }

    // 4. Moves: matched clauses outside the longest run kept in order.
    let matched: Vec<(usize, usize, bool)> =
        new_of_old.iter().enumerate().filter_map(|(i, m)| m.map(|(j, r)| (i, j, r))).collect();
    let seq: Vec<usize> = matched.iter().map(|m| m.1).collect();
    let keep = longest_increasing(&seq);
    let mut pairs: Vec<Pair> =
        matched.iter().zip(keep).map(|(&(old, new, renamed), kept)| Pair { old, new, renamed, moved: !kept }).collect();
    pairs.sort_by_key(|p| p.new);

    Alignment { pairs, removed: (0..old.clauses.len()).filter(|i| new_of_old[*i].is_none()).collect() }
}

/// A hash of the content of a clause apart from its id and numbering:
/// prose by its words, lists as sets. Equal hashes are checked with
/// [`same_content`] before two clauses are paired.
fn fingerprint(keys: &RandomState, c: &Clause) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = keys.build_hasher();
    c.ctype.name.hash(&mut h);
    for f in &c.fields {
        if f.name == "number" {
            continue;
        }
        f.name.hash(&mut h);
        match &f.value {
            Value::Text(t) => t.split_whitespace().for_each(|w| w.hash(&mut h)),
            Value::List(items) => {
                let mut items: Vec<String> = items.iter().map(|i| normalise_space(i)).collect();
                items.sort();
                items.hash(&mut h);
            }
            other => other.hash(&mut h),
        }
    }
    h.finish()
}

/// Same content apart from id and numbering, by meaning.
fn same_content(a: &Clause, b: &Clause) -> bool {
    let fields = |c: &'_ Clause| c.fields.iter().filter(|f| f.name != "number").count();
    std::ptr::eq(a.ctype, b.ctype)
        && fields(a) == fields(b)
        && a.fields
            .iter()
            .filter(|f| f.name != "number")
            .all(|f| b.value(f.name).is_some_and(|v| v.same_meaning(&f.value)))
}

fn bucket(c: &Clause) -> String {
    format!(
        "{}\u{1}{}\u{1}{}",
        c.ctype.name,
        c.party(c.ctype.grantee).unwrap_or(""),
        c.party(c.ctype.grantor).unwrap_or("")
    )
}

/// The distinct words of a clause's prose (at most the first 2,000 of each
/// text), sorted: computed once per clause for [`similarity`].
fn word_set(c: &Clause) -> Vec<&str> {
    let mut w: Vec<&str> = c
        .fields
        .iter()
        .filter_map(|f| match &f.value {
            Value::Text(t) if f.name != "number" => Some(t.split_whitespace().take(2000)),
            _ => None,
        })
        .flatten()
        .collect();
    w.sort_unstable();
    w.dedup();
    w
}

/// Similarity of two clauses of one type: the share of fields with the same
/// meaning, where all prose together counts as one field, by the overlap of
/// its words.
fn similarity(a: &Clause, b: &Clause, wa: &[&str], wb: &[&str]) -> f64 {
    let mut total = 0.0;
    let mut same = 0.0;
    for spec in a.ctype.all_fields() {
        if spec.name == "number" {
            continue;
        }
        match (a.value(spec.name), b.value(spec.name)) {
            (None, None) => {}
            // Prose counts once, below, by its words; a short typed text (the
            // kind of a right, the basis of a payment, a subject, a duty)
            // says what the clause is, so it counts as a field.
            (Some(Value::Text(_)), Some(Value::Text(_))) if is_prose(spec.name) => {}
            (Some(x), Some(y)) => {
                total += 1.0;
                if x.same_meaning(y) {
                    same += 1.0;
                }
            }
            _ => total += 1.0,
        }
    }
    if !wa.is_empty() || !wb.is_empty() {
        total += 1.0;
        same += overlap(wa, wb);
    }
    if total < 2.0 { 0.0 } else { same / total }
}

/// Fields that hold running prose rather than a short typed phrase.
fn is_prose(name: &str) -> bool {
    matches!(name, "text" | "title" | "notes")
}

/// Jaccard overlap of two sorted, distinct word lists.
fn overlap(a: &[&str], b: &[&str]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 { 1.0 } else { both as f64 / union as f64 }
}

/// For each element, whether it belongs to one longest strictly increasing
/// subsequence (patience sorting, `n log n`).
fn longest_increasing(seq: &[usize]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new(); // indices into seq
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &x) in seq.iter().enumerate() {
        let pos = tails.partition_point(|&t| seq[t] < x);
        if pos > 0 {
            prev[i] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut keep = vec![false; seq.len()];
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        keep[i] = true;
        cur = prev[i];
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lis_marks_moved_elements() {
        assert_eq!(longest_increasing(&[0, 1, 2]), vec![true, true, true]);
        assert_eq!(longest_increasing(&[1, 2, 0]), vec![true, true, false]);
        assert_eq!(longest_increasing(&[2, 0, 1]), vec![false, true, true]);
        assert_eq!(longest_increasing(&[]), Vec::<bool>::new());
        let rev: Vec<usize> = (0..5).rev().collect();
        assert_eq!(longest_increasing(&rev).iter().filter(|k| **k).count(), 1);
    }
}
