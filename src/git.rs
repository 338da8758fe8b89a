//! git: reading `REV:PATH` arguments through the real git, and finding the
//! repository root. The external diff driver itself lives in the CLI.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether an argument names a file at a revision (`main:agreements/x.yaml`)
/// rather than a file on disk. A file that exists wins.
pub fn is_rev_path(arg: &str) -> bool {
    match arg.split_once(':') {
        Some((rev, path)) => !rev.is_empty() && !path.is_empty() && !Path::new(arg).exists(),
        None => false,
    }
}

/// The bytes of `REV:PATH` from the repository around the current directory.
/// Paths are relative to the repository root, or to the current directory
/// when they start with `./`, as in `git show`.
///
/// The spec always follows `--end-of-options` (git 2.24 or later), so a spec
/// starting with `-` is an object name to git, never an option.
pub fn read(spec: &str, max_bytes: u64) -> Result<Vec<u8>, String> {
    let size = run(&["cat-file", "-s", "--end-of-options", spec])?;
    let size: u64 =
        String::from_utf8_lossy(&size).trim().parse().map_err(|_| format!("git could not size `{spec}`"))?;
    if size > max_bytes {
        return Err(format!("is {size} bytes, more than the limit of {max_bytes} (raise it with --max-bytes)"));
    }
    let kind = run(&["cat-file", "-t", "--end-of-options", spec])?;
    if String::from_utf8_lossy(&kind).trim() != "blob" {
        return Err("is not a file at that revision".into());
    }
    run(&["cat-file", "blob", "--end-of-options", spec])
}

fn run(args: &[&str]) -> Result<Vec<u8>, String> {
    let out =
        Command::new("git").args(args).output().map_err(|e| format!("cannot run git ({e}); is git installed?"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        let err = err.lines().next().unwrap_or("").trim_start_matches("fatal: ").trim();
        Err(format!("git: {err}"))
    }
}

/// The top of the git work tree holding `dir`, if any.
pub fn toplevel(dir: &Path) -> Option<PathBuf> {
    let dir = if dir.is_dir() { dir } else { Path::new(".") };
    let out = Command::new("git").arg("-C").arg(dir).args(["rev-parse", "--show-toplevel"]).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?;
    Some(PathBuf::from(s.trim_end_matches('\n')))
}
