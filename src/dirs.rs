//! Directory mode: pair the agreements of two directories by agreement id
//! (falling back to relative path) and compare each pair.
//!
//! Memory stays bounded whatever the number of files: a first pass reads
//! only each file's id, the files are paired from the ids, and then each
//! pair is loaded, compared and dropped, keeping only the reports. Small
//! pairs are compared one per core; a large pair (a model takes several
//! times its file's size) is compared alone, its two files loaded at once
//! as in a comparison of two files, so at most one large pair is in memory.
//! Pairing uses hash maps, so the time is linear in the number of files.

use std::collections::HashMap;
use std::path::Path;

use crate::load::{Listed, LoadError, LoadOptions, in_parallel_at, list_dir, load_file};
use crate::report::{DirReport, Lone, Report};

/// What to do with one file or pair of files.
enum Job<'a> {
    /// Compare an old file with its new version.
    Pair(&'a Listed, &'a Listed),
    /// Load a file found on one side only, for its errors.
    Check(&'a Listed),
    /// Consolidate a new or changed amendment into the first of its possible
    /// bases that it amends, and compare (docs/amendments.md).
    Amend(&'a Listed, Vec<&'a Listed>),
    /// Check an amendment that is unchanged or only in the old directory.
    CheckAmendment(&'a Listed),
}

/// Pair the agreements of two directories and compare each pair.
pub fn compare(old_dir: &str, new_dir: &str, options: &LoadOptions) -> Result<DirReport, LoadError> {
    let (old, old_amendments): (Vec<Listed>, Vec<Listed>) =
        list_dir(Path::new(old_dir), options)?.into_iter().partition(|l| !l.amends);
    let (new, new_amendments): (Vec<Listed>, Vec<Listed>) =
        list_dir(Path::new(new_dir), options)?.into_iter().partition(|l| !l.amends);
    let (pairs, removed, added) = pair(&old, &new);
    // An amendment that is new or changed is consolidated into its base (an
    // agreement it amends, new directory first) and reported; one unchanged
    // since the old directory, or gone from it, is only checked.
    let same_file = |a: &Listed| {
        old_amendments.iter().any(|o| {
            o.rel == a.rel
                && o.bytes == a.bytes
                && std::fs::read(&o.path).ok().is_some_and(|x| std::fs::read(&a.path).ok().is_some_and(|y| x == y))
        })
    };
    let amendment_jobs: Vec<Job> = new_amendments
        .iter()
        .map(|a| match same_file(a) {
            true => Job::CheckAmendment(a),
            false => Job::Amend(a, new.iter().chain(old.iter()).filter(|l| l.id == a.id).collect()),
        })
        .chain(
            old_amendments.iter().filter(|o| !new_amendments.iter().any(|a| a.rel == o.rel)).map(Job::CheckAmendment),
        )
        .collect();
    // Files on one side only are loaded too: a bad file is an error whichever side it is on.
    let jobs: Vec<Job> = pairs
        .iter()
        .map(|&(i, j)| Job::Pair(&old[i], &new[j]))
        .chain(removed.iter().map(|&i| Job::Check(&old[i])))
        .chain(added.iter().map(|&j| Job::Check(&new[j])))
        .chain(amendment_jobs)
        .collect();
    let results = run(&jobs, options)?;
    let lone = |l: &Listed| Lone { path: l.path.clone(), agreement: l.id.clone() };
    Ok(DirReport {
        reports: results.into_iter().flatten().collect(),
        removed: removed.iter().map(|&i| lone(&old[i])).collect(),
        added: added.iter().map(|&j| lone(&new[j])).collect(),
        stale: Vec::new(),
    })
}

/// From this many bytes of files on, a job runs alone (a model takes several
/// times the size of its file).
const LARGE_JOB: u64 = 8 * 1024 * 1024;

/// Run every job; the reports in job order, or the error of the first job
/// (in job order) that failed.
fn run(jobs: &[Job], options: &LoadOptions) -> Result<Vec<Option<Report>>, LoadError> {
    let weight = |job: &Job| match job {
        Job::Pair(a, b) => a.bytes + b.bytes,
        Job::Check(a) | Job::CheckAmendment(a) => a.bytes,
        Job::Amend(a, bases) => a.bytes + bases.iter().map(|b| b.bytes).max().unwrap_or(0),
    };
    let (large, small): (Vec<usize>, Vec<usize>) = (0..jobs.len()).partition(|&i| weight(&jobs[i]) >= LARGE_JOB);
    // Small jobs, one per core.
    let small_results = in_parallel_at(&small, |&i| -> Result<Option<Report>, LoadError> {
        match jobs[i] {
            Job::Pair(a, b) => {
                let (a, b) = (load_file(&a.path, options)?, load_file(&b.path, options)?);
                Ok(Some(crate::diff(&a, &b)))
            }
            Job::Check(a) => load_file(&a.path, options).map(|_| None),
            ref job => amendment_job(job, options),
        }
    });
    let small_results = small_results.map_err(|(k, e)| (small[k], e));
    // Large jobs one at a time, the two files of a pair loaded at once (none
    // after a job that already failed).
    let failed = small_results.as_ref().err().map_or(usize::MAX, |(i, _)| *i);
    let mut large_results = Vec::with_capacity(large.len());
    let mut large_error = None;
    for &i in large.iter().take_while(|&&i| i < failed) {
        let result = match jobs[i] {
            Job::Pair(a, b) => std::thread::scope(|s| {
                let old = s.spawn(|| load_file(&a.path, options));
                let new = load_file(&b.path, options);
                let old = old.join().expect("loading does not panic");
                Ok(Some(crate::diff(&old?, &new?)))
            }),
            Job::Check(a) => load_file(&a.path, options).map(|_| None),
            ref job => amendment_job(job, options),
        };
        match result {
            Ok(r) => large_results.push(r),
            Err(e) => {
                large_error = Some((i, e));
                break;
            }
        }
    }
    // The first error in job order: every job before the first failure of
    // each group ran, so the earlier of the two failures is the first of all.
    match (small_results, large_error) {
        (Ok(small_results), None) => {
            let mut out: Vec<Option<Option<Report>>> = (0..jobs.len()).map(|_| None).collect();
            for (&i, r) in small.iter().zip(small_results) {
                out[i] = Some(r);
            }
            for (&i, r) in large.iter().zip(large_results) {
                out[i] = Some(r);
            }
            Ok(out.into_iter().map(|r| r.expect("every job ran")).collect())
        }
        (Err((_, e)), None) | (Ok(_), Some((_, e))) => Err(e),
        (Err((i, e)), Some((j, f))) => Err(if i < j { e } else { f }),
    }
}

/// An amendment's job: its report, or for one only checked, nothing.
fn amendment_job(job: &Job, options: &LoadOptions) -> Result<Option<Report>, LoadError> {
    match job {
        Job::Amend(a, bases) => {
            let bases: Vec<&str> = bases.iter().map(|b| b.path.as_str()).collect();
            crate::amend::report_against(&a.path, &bases, options).map(Some)
        }
        Job::CheckAmendment(a) => crate::amend::check_amendment(&a.path, options)
            .map(|_| None)
            .map_err(|e| e.into_iter().min_by_key(LoadError::place).expect("an error")),
        Job::Pair(..) | Job::Check(_) => unreachable!("agreement jobs are run by `run`"),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Jobs over files in a temp dir; `sizes` stand for the files' sizes, so
    /// a small file can be made to count as large.
    fn listed(dir: &Path, files: &[(&str, &str, u64)]) -> Vec<Listed> {
        files
            .iter()
            .map(|(name, body, bytes)| {
                let path = dir.join(name);
                std::fs::write(&path, body).unwrap();
                Listed {
                    rel: name.to_string(),
                    path: path.to_string_lossy().into(),
                    id: "x".into(),
                    bytes: *bytes,
                    amends: false,
                }
            })
            .collect()
    }

    fn agreement(rate: u32) -> String {
        format!(
            "agreement: x\nparties: {{a: A, b: B}}\nclauses:\n  - {{id: p, type: payment, payer: a, payee: b, rate: {rate}%}}\n"
        )
    }

    #[test]
    fn large_and_small_jobs_give_reports_in_job_order_and_the_first_error() {
        let dir = tempfile::tempdir().unwrap();
        let big = LARGE_JOB;
        let old =
            listed(dir.path(), &[("o0", &agreement(1), 10), ("o1", &agreement(2), big), ("o2", &agreement(3), 10)]);
        let new =
            listed(dir.path(), &[("n0", &agreement(4), 10), ("n1", &agreement(5), 10), ("n2", &agreement(6), 10)]);
        let jobs: Vec<Job> = (0..3).map(|i| Job::Pair(&old[i], &new[i])).collect();
        let reports = run(&jobs, &LoadOptions::default()).unwrap();
        let messages: Vec<&str> = reports.iter().map(|r| r.as_ref().unwrap().findings[0].message.as_str()).collect();
        assert_eq!(messages.len(), 3);
        for (m, (from, to)) in messages.iter().zip([("1%", "4%"), ("2%", "5%"), ("3%", "6%")]) {
            assert!(m.contains(from) && m.contains(to), "{m}");
        }
        // A bad file in each group: the error of the earlier job wins.
        let bad = listed(dir.path(), &[("bad-small", "agreement: [", 10), ("bad-large", "agreement: [", big)]);
        for (first, second, expect) in [(&bad[1], &bad[0], "bad-large"), (&bad[0], &bad[1], "bad-small")] {
            let jobs = [Job::Pair(&old[0], &new[0]), Job::Check(first), Job::Check(second)];
            let e = run(&jobs, &LoadOptions::default()).unwrap_err();
            assert!(e.file.ends_with(expect), "{e}");
        }
    }
}
