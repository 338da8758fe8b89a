//! Loading many files: every agreement file under a directory (with its id,
//! read cheaply), work on every core, and a list of files loaded on every core.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::{LoadError, LoadOptions, check_file, load_file, read_source};

/// Most files a directory may hold: beyond this the tree is refused.
const MAX_FILES: usize = 100_000;

/// Whether a file name is that of an agreement: YAML (`.yaml`, `.yml`),
/// Markdown (`.md`, `.markdown`) or plain text (`.txt`). `README.md` and
/// the like are agreements too when they sit among them: keep such files out
/// of agreement folders, or compare files one by one.
fn is_agreement_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".yaml", ".yml", ".md", ".markdown", ".txt"].iter().any(|e| lower.ends_with(e))
}

/// The agreement files (YAML, Markdown, plain text) under `root`, sorted;
/// hidden files and folders are skipped. Symbolic links are followed, to
/// files and to directories; a directory reached a second time (a link loop,
/// or two links to one directory) is read once. A link named like an
/// agreement that leads nowhere, or to something that is not a regular file,
/// is an error: a file that cannot be read is never passed over in silence.
pub fn agreement_files(root: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = Vec::new();
    let fail = |p: &Path, message: String| LoadError { file: p.display().to_string(), pos: None, message };
    let io = |p: &Path, e: std::io::Error| fail(p, format!("cannot be read: {e}"));
    // Every directory read so far, by its canonical path.
    let mut seen: HashSet<PathBuf> = HashSet::new();
    seen.insert(root.canonicalize().map_err(|e| io(root, e))?);
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<_> =
            std::fs::read_dir(&dir).map_err(|e| io(&dir, e))?.collect::<Result<_, _>>().map_err(|e| io(&dir, e))?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            let path = e.path();
            let agreement_name = is_agreement_name(&name);
            let mut kind = e.file_type().map_err(|err| io(&path, err))?;
            if kind.is_symlink() {
                kind = match std::fs::metadata(&path) {
                    Ok(meta) => meta.file_type(),
                    // A dangling link, or a loop of links to links.
                    Err(err) if agreement_name => {
                        return Err(fail(&path, format!("is a symbolic link that cannot be followed: {err}")));
                    }
                    Err(_) => continue,
                };
            }
            if kind.is_dir() {
                if seen.insert(path.canonicalize().map_err(|err| io(&path, err))?) {
                    stack.push(path);
                }
            } else if agreement_name {
                if !kind.is_file() {
                    return Err(fail(&path, "is not a regular file, so it cannot be read as an agreement".into()));
                }
                out.push(path);
                if out.len() > MAX_FILES {
                    return Err(fail(root, format!("holds more than {MAX_FILES} agreement files")));
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

/// An agreement file found under a directory, known by its id alone.
#[derive(Clone, Debug)]
pub struct Listed {
    /// The path relative to the directory.
    pub rel: String,
    /// The path to read it from.
    pub path: String,
    /// Its agreement id.
    pub id: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Whether it is an amendment (then `id` is the agreement it amends).
    pub amends: bool,
}

/// Every agreement under `root` with its id, without keeping any model:
/// the id is read from the first events of each file; a file where that
/// is not enough (the id is an alias, or the file is bad) is loaded in full,
/// for its id or its error. The first error, in file order, is returned.
pub fn list_dir(root: &Path, options: &LoadOptions) -> Result<Vec<Listed>, LoadError> {
    let files = agreement_files(root)?;
    in_parallel(&files, |p| {
        let rel = p.strip_prefix(root).unwrap_or(p).to_string_lossy().to_string();
        let path = p.to_string_lossy().to_string();
        let mut amends = false;
        let (id, bytes) = match read_source(&path, options.max_bytes).map(|text| {
            let id = crate::yaml::top_level_text(&text, "agreement", options.yaml);
            // An amendment names the agreement it amends (docs/amendments.md).
            let amended = id.is_none().then(|| crate::amend::amends_of(&text, &path, options)).flatten();
            (id, amended, text.len() as u64)
        }) {
            Ok((Some(id), _, bytes)) if super::is_identifier(&id) => (id, bytes),
            Ok((None, Some(id), bytes)) if crate::amend::is_amendment_path(&path) && super::is_identifier(&id) => {
                amends = true;
                (id, bytes)
            }
            Ok((_, _, bytes)) => (load_file(&path, options)?.id, bytes),
            Err(_) => (load_file(&path, options)?.id, 0),
        };
        Ok(Listed { rel, path, id, bytes, amends })
    })
}

/// `f` of every item on every core, the results in the order of the items;
/// at the first error no further item is begun, and the error of the
/// earliest item that failed is returned (so the outcome does not depend on
/// timing). At most one item per core is in hand at a time.
pub fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<R, LoadError> + Sync,
) -> Result<Vec<R>, LoadError> {
    in_parallel_at(items, f).map_err(|(_, e)| e)
}

/// [`in_parallel`], with the index of the item that failed.
pub fn in_parallel_at<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<R, LoadError> + Sync,
) -> Result<Vec<R>, (usize, LoadError)> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len()).max(1);
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let results: Mutex<Vec<Option<Result<R, LoadError>>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while !failed.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let r = f(item);
                    if r.is_err() {
                        failed.store(true, Ordering::Relaxed);
                    }
                    results.lock().expect("no panic in a worker")[i] = Some(r);
                }
            });
        }
    });
    // Every item before a failed one was begun, and so finished: the first
    // error in item order is the same whatever the timing.
    let mut out = Vec::with_capacity(items.len());
    for (i, r) in results.into_inner().expect("no panic in a worker").into_iter().enumerate() {
        match r {
            Some(Ok(v)) => out.push(v),
            Some(Err(e)) => return Err((i, e)),
            None => unreachable!("every item before the first failure is finished"),
        }
    }
    Ok(out)
}

/// Check files on every core ([`check_file`]: every error of each file);
/// the results (the number of clauses of a valid file) come back in the
/// order given. No model is kept: memory is one file per core.
pub fn check_all(files: &[String], options: &LoadOptions) -> Vec<Result<usize, Vec<LoadError>>> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len()).max(1);
    let next = AtomicUsize::new(0);
    type Checked = Result<usize, Vec<LoadError>>;
    let results: Mutex<Vec<Option<Checked>>> = Mutex::new(vec![None; files.len()]);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(f) = files.get(i) else { break };
                    let r = check_file(f, options).map(|a| a.clauses.len());
                    results.lock().expect("no panic while loading")[i] = Some(r);
                }
            });
        }
    });
    results.into_inner().expect("no panic while loading").into_iter().map(|r| r.expect("every file loaded")).collect()
}
