//! Directory mode: pair the agreements of two directories by agreement id
//! (falling back to relative path) and compare each pair.

use std::collections::BTreeMap;
use std::path::Path;

use crate::load::{LoadError, LoadOptions, load_dir};
use crate::model::Agreement;
use crate::report::{DirReport, Lone};

/// Pair the agreements of two directories and compare each pair.
pub fn compare(old_dir: &str, new_dir: &str, options: &LoadOptions) -> Result<DirReport, LoadError> {
    let old = load_dir(Path::new(old_dir), options)?;
    let new = load_dir(Path::new(new_dir), options)?;
    fn count(side: &[(String, Agreement)]) -> BTreeMap<&str, usize> {
        let mut m: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, a) in side {
            *m.entry(a.id.as_str()).or_default() += 1;
        }
        m
    }
    let (old_ids, new_ids) = (count(&old), count(&new));
    let unique = |id: &str| old_ids.get(id) == Some(&1) && new_ids.get(id) == Some(&1);
    let mut used_new = vec![false; new.len()];
    let mut out = DirReport::default();
    for (rel, a) in &old {
        let partner = if unique(&a.id) {
            new.iter().position(|(_, b)| b.id == a.id)
        } else {
            new.iter().position(|(r, b)| r == rel && b.id == a.id).or_else(|| new.iter().position(|(r, _)| r == rel))
        };
        match partner.filter(|j| !used_new[*j]) {
            Some(j) => {
                used_new[j] = true;
                out.reports.push(crate::diff(a, &new[j].1));
            }
            None => out.removed.push(Lone { path: a.path.clone(), agreement: a.id.clone() }),
        }
    }
    for (j, (_, b)) in new.iter().enumerate() {
        if !used_new[j] {
            out.added.push(Lone { path: b.path.clone(), agreement: b.id.clone() });
        }
    }
    Ok(out)
}
