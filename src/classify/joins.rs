//! Clauses split in two or joined into one, word for word: a paragraph
//! split in a Markdown document, a lead-in sentence turned into its own
//! titled paragraph. Such a change moves words between clauses without
//! changing any, so it is reported as one administrative finding instead of
//! a reworded clause and an added (or removed) one.

use std::collections::{HashMap, HashSet};

use crate::align::Alignment;
use crate::model::{Agreement, Clause};

/// Which clauses are parts of a split or a join.
#[derive(Debug, Default)]
pub(crate) struct Joins {
    /// New clauses (added) that were the end of an old clause: → the new index of the clause they left.
    pub split_parts: HashMap<usize, usize>,
    /// Old clauses (removed) now at the end of a new clause: → the new index of that clause.
    pub merged_parts: HashMap<usize, usize>,
    /// New indices of clauses whose text differs only by the split or join.
    pub heads: HashSet<usize>,
}

/// The words of a clause's title and text, compared without quotation-mark
/// style and without punctuation at the edges of words.
fn words(c: &Clause, with_title: bool) -> Vec<String> {
    let mut out = Vec::new();
    let fields: &[&str] = if with_title { &["title", "text"] } else { &["text"] };
    for name in fields {
        if let Some(t) = c.text_of(name) {
            for w in t.split_whitespace() {
                let w: String = w
                    .chars()
                    .map(|ch| match ch {
                        '\u{2018}' | '\u{2019}' => '\'',
                        '\u{201C}' | '\u{201D}' => '"',
                        other => other,
                    })
                    .collect();
                let w = w.trim_matches(|ch: char| ".,;:!?".contains(ch));
                if !w.is_empty() {
                    out.push(w.to_string());
                }
            }
        }
    }
    out
}

/// Find splits and joins among the clauses the alignment left unmatched.
pub(crate) fn find(old: &Agreement, new: &Agreement, alignment: &Alignment) -> Joins {
    let mut joins = Joins::default();
    let mut paired_new = vec![false; new.clauses.len()];
    let mut paired_old = vec![false; old.clauses.len()];
    for p in &alignment.pairs {
        paired_new[p.new] = true;
        paired_old[p.old] = true;
    }
    for p in &alignment.pairs {
        let (co, cn) = (&old.clauses[p.old], &new.clauses[p.new]);
        if co.text_of("text") == cn.text_of("text") {
            continue;
        }
        let (wo, wn) = (words(co, false), words(cn, false));
        if wo.len() > wn.len() && wo.starts_with(&wn) {
            // Split: the old text's remaining words are the added clauses that follow.
            let mut at = wn.len();
            let mut parts = Vec::new();
            let mut j = p.new + 1;
            while at < wo.len() && j < new.clauses.len() && !paired_new[j] {
                let w = words(&new.clauses[j], true);
                if w.is_empty() || !wo[at..].starts_with(&w) {
                    break;
                }
                at += w.len();
                parts.push(j);
                j += 1;
            }
            if at == wo.len() && !parts.is_empty() {
                joins.heads.insert(p.new);
                for j in parts {
                    joins.split_parts.insert(j, p.new);
                }
            }
        } else if wn.len() > wo.len() && wn.starts_with(&wo) {
            // Join: the new text's extra words were the removed clauses that followed.
            let mut at = wo.len();
            let mut parts = Vec::new();
            let mut i = p.old + 1;
            while at < wn.len() && i < old.clauses.len() && !paired_old[i] {
                let w = words(&old.clauses[i], true);
                if w.is_empty() || !wn[at..].starts_with(&w) {
                    break;
                }
                at += w.len();
                parts.push(i);
                i += 1;
            }
            if at == wn.len() && !parts.is_empty() {
                joins.heads.insert(p.new);
                for i in parts {
                    joins.merged_parts.insert(i, p.new);
                }
            }
        }
    }
    joins
}
