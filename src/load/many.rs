//! Loading many files: every agreement file under a directory, and a list of
//! files loaded on every core.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{LoadError, LoadOptions, load_file};
use crate::model::Agreement;

/// Most files a directory may hold: beyond this the tree is refused.
const MAX_FILES: usize = 100_000;

/// The agreement files (`.yaml`, `.yml`) under `root`, sorted; hidden files
/// and folders are skipped. Symbolic links are followed, to files and to
/// directories; a directory reached a second time (a link loop, or two links
/// to one directory) is read once. A link named like an agreement that leads
/// nowhere, or to something that is not a regular file, is an error: a file
/// that cannot be read is never passed over in silence.
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
            let agreement_name = name.ends_with(".yaml") || name.ends_with(".yml");
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

/// Every agreement under `root`, with its path relative to `root`.
pub fn load_dir(root: &Path, options: &LoadOptions) -> Result<Vec<(String, Agreement)>, LoadError> {
    let mut out = Vec::new();
    for p in agreement_files(root)? {
        let rel = p.strip_prefix(root).unwrap_or(&p).to_string_lossy().to_string();
        out.push((rel, load_file(&p.to_string_lossy(), options)?));
    }
    Ok(out)
}

/// Load files on every core; the results come back in the order given.
pub fn load_all(files: &[String], options: &LoadOptions) -> Vec<Result<Agreement, LoadError>> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len()).max(1);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Agreement, LoadError>>>> = Mutex::new(vec![None; files.len()]);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(f) = files.get(i) else { break };
                    let r = load_file(f, options);
                    results.lock().expect("no panic while loading")[i] = Some(r);
                }
            });
        }
    });
    results.into_inner().expect("no panic while loading").into_iter().map(|r| r.expect("every file loaded")).collect()
}
