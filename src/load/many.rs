//! Loading many files: every agreement file under a directory, and a list of
//! files loaded on every core.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{LoadError, LoadOptions, load_file};
use crate::model::Agreement;

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
/// hidden files and folders are skipped.
pub fn agreement_files(root: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    let fail = |p: &Path, e: std::io::Error| LoadError {
        file: p.display().to_string(),
        pos: None,
        message: format!("cannot be read: {e}"),
    };
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<_> =
            std::fs::read_dir(&dir).map_err(|e| fail(&dir, e))?.collect::<Result<_, _>>().map_err(|e| fail(&dir, e))?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            let path = e.path();
            let kind = e.file_type().map_err(|err| fail(&path, err))?;
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() && is_agreement_name(&name) {
                out.push(path);
                if out.len() > MAX_FILES {
                    return Err(LoadError {
                        file: root.display().to_string(),
                        pos: None,
                        message: format!("holds more than {MAX_FILES} agreement files"),
                    });
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
