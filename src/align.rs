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
    // Where ids were derived from a document's words (Markdown, plain text),
    // prose alone may pair two clauses: an edited first sentence changes the id.
    let derived = old.ids_derived || new.ids_derived;
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
            .map(|&j| (similarity(c, &new.clauses[j], &mine, &words[&j], derived), j))
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
            && similarity(&old.clauses[*i], &new.clauses[*j], &word_set(&old.clauses[*i]), &words[j], false)
                >= SOLE_THRESHOLD
        {
            new_of_old[*i] = Some((*j, true));
            taken[*j] = true;
        }
    }

    // 3c. Derived ids only: a clause edited in place. Between the same two
    // matched neighbours, one leftover on each side is the same clause when
    // they share some words (or are both bare headings); with more leftovers,
    // the most similar pairs that share many words.
    if derived {
        in_place(old, new, &mut new_of_old, &mut taken);
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

/// Pair leftover clauses that sit between the same matched neighbours (see
/// step 3b of [`align`]).
fn in_place(old: &Agreement, new: &Agreement, new_of_old: &mut [Option<(usize, bool)>], taken: &mut [bool]) {
    let n_old = old.clauses.len();
    // For each old leftover, the new positions of its nearest matched neighbours.
    let mut before = vec![None; n_old];
    let mut last = None;
    for i in 0..n_old {
        match new_of_old[i] {
            Some((j, _)) => last = Some(j),
            None => before[i] = last,
        }
    }
    let mut after = vec![None; n_old];
    let mut next = None;
    for i in (0..n_old).rev() {
        match new_of_old[i] {
            Some((j, _)) => next = Some(j),
            None => after[i] = next,
        }
    }
    // Group old leftovers by gap.
    let mut gaps: Vec<(Option<usize>, Option<usize>, Vec<usize>)> = Vec::new();
    for i in 0..n_old {
        if new_of_old[i].is_some() {
            continue;
        }
        match gaps.last_mut() {
            Some(g) if g.0 == before[i] && g.1 == after[i] => g.2.push(i),
            _ => gaps.push((before[i], after[i], vec![i])),
        }
    }
    for (lo, hi, olds) in gaps {
        let lo = lo.map_or(0, |j| j + 1);
        let hi = hi.unwrap_or(new.clauses.len());
        if lo >= hi {
            continue;
        }
        let news: Vec<usize> = (lo..hi).filter(|&j| !taken[j]).collect();
        if news.is_empty() {
            continue;
        }
        let one_each = olds.len() == 1 && news.len() == 1;
        let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
        // Each old leftover is compared with a bounded window of the gap's
        // new leftovers around its own place in the gap.
        let window = NEAR_CANDIDATES * 4;
        let new_words: Vec<Vec<&str>> = news.iter().map(|&j| word_set(&new.clauses[j])).collect();
        for (k, &i) in olds.iter().enumerate() {
            let (a, wa) = (&old.clauses[i], word_set(&old.clauses[i]));
            let from = (k * news.len() / olds.len()).saturating_sub(window / 2);
            for (m, &j) in news.iter().enumerate().skip(from).take(window) {
                let b = &new.clauses[j];
                if !std::ptr::eq(a.ctype, b.ctype) {
                    continue;
                }
                let bare = |c: &Clause| c.field("text").is_none();
                let score = if bare(a) && bare(b) { 1.0 } else { overlap(&wa, &new_words[m]) };
                let floor = if one_each { f64::MIN_POSITIVE } else { 0.4 };
                // A short line alone in its place (a date, a version) is the same line edited.
                let short = |w: &[&str]| w.len() <= 6;
                let short_pair = one_each && short(&wa) && short(&new_words[m]);
                if (score >= floor || short_pair) && bare(a) == bare(b) {
                    candidates.push((score, i, j));
                }
            }
        }
        candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        for (_, i, j) in candidates {
            if new_of_old[i].is_none() && !taken[j] {
                new_of_old[i] = Some((j, true));
                taken[j] = true;
            }
        }
    }
}

/// Similarity of two clauses of one type: the share of fields with the same
/// meaning, where all prose together counts as one field, by the overlap of
/// its words. With `prose_only`, two clauses that have nothing but prose
/// compare by the overlap of their words alone.
fn similarity(a: &Clause, b: &Clause, wa: &[&str], wb: &[&str], prose_only: bool) -> f64 {
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
    if prose_only && total == 1.0 && wa.len().min(wb.len()) >= 4 {
        return same;
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
