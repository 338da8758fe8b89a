//! Directory mode: pair the agreements of two directories by agreement id
//! (falling back to relative path) and compare each pair.
//!
//! Memory stays bounded whatever the number of files: a first pass reads
//! only each file's id, the files are paired from the ids, and then each
//! pair is loaded, compared and dropped, on every core, keeping only the
//! reports. Pairing uses hash maps, so the time is linear in the number of
//! files.

use std::collections::HashMap;
use std::path::Path;

use crate::load::{Listed, LoadError, LoadOptions, in_parallel, list_dir, load_file};
use crate::report::{DirReport, Lone, Report};

/// What to do with one file or pair of files.
enum Job<'a> {
    /// Compare an old file with its new version.
    Pair(&'a Listed, &'a Listed),
    /// Load a file found on one side only, for its errors.
    Check(&'a Listed),
}

/// Pair the agreements of two directories and compare each pair.
pub fn compare(old_dir: &str, new_dir: &str, options: &LoadOptions) -> Result<DirReport, LoadError> {
    let old = list_dir(Path::new(old_dir), options)?;
    let new = list_dir(Path::new(new_dir), options)?;
    let (pairs, removed, added) = pair(&old, &new);
    // Files on one side only are loaded too: a bad file is an error whichever side it is on.
    let jobs: Vec<Job> = pairs
        .iter()
        .map(|&(i, j)| Job::Pair(&old[i], &new[j]))
        .chain(removed.iter().map(|&i| Job::Check(&old[i])))
        .chain(added.iter().map(|&j| Job::Check(&new[j])))
        .collect();
    let results = in_parallel(&jobs, |job| -> Result<Option<Report>, LoadError> {
        match job {
            Job::Pair(a, b) => {
                let (a, b) = (load_file(&a.path, options)?, load_file(&b.path, options)?);
                Ok(Some(crate::diff(&a, &b)))
            }
            Job::Check(a) => load_file(&a.path, options).map(|_| None),
        }
    })?;
    let lone = |l: &Listed| Lone { path: l.path.clone(), agreement: l.id.clone() };
    Ok(DirReport {
        reports: results.into_iter().flatten().collect(),
        removed: removed.iter().map(|&i| lone(&old[i])).collect(),
        added: added.iter().map(|&j| lone(&new[j])).collect(),
        stale: Vec::new(),
    })
}

/// Pair old and new files: by id where an id is unique on both sides, else
/// by relative path. Returns the pairs in old order, the old files left
/// unpaired and the new ones left unpaired.
fn pair(old: &[Listed], new: &[Listed]) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    fn count(side: &[Listed]) -> HashMap<&str, usize> {
        let mut m: HashMap<&str, usize> = HashMap::with_capacity(side.len());
        for l in side {
            *m.entry(l.id.as_str()).or_default() += 1;
        }
        m
    }
    let (old_ids, new_ids) = (count(old), count(new));
    let unique = |id: &str| old_ids.get(id) == Some(&1) && new_ids.get(id) == Some(&1);
    let by_id: HashMap<&str, usize> =
        new.iter().enumerate().filter(|(_, l)| unique(&l.id)).map(|(j, l)| (l.id.as_str(), j)).collect();
    let by_rel: HashMap<&str, usize> = new.iter().enumerate().map(|(j, l)| (l.rel.as_str(), j)).collect();
    let mut used_new = vec![false; new.len()];
    let (mut pairs, mut removed) = (Vec::new(), Vec::new());
    for (i, a) in old.iter().enumerate() {
        let partner = if unique(&a.id) { by_id.get(a.id.as_str()) } else { by_rel.get(a.rel.as_str()) };
        match partner.copied().filter(|&j| !used_new[j]) {
            Some(j) => {
                used_new[j] = true;
                pairs.push((i, j));
            }
            None => removed.push(i),
        }
    }
    let added = (0..new.len()).filter(|&j| !used_new[j]).collect();
    (pairs, removed, added)
}
