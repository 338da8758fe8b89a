//! git: reading `REV:PATH` arguments through the real git, and finding the
//! repository root. The external diff driver itself lives in the CLI.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Where an argument is read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// A file on disk.
    File,
    /// `REV:PATH` through git.
    Git,
}

/// The `REV` and `PATH` of an argument shaped like `REV:PATH` (text on both
/// sides of the first colon). `./x:y`, `../x:y` and absolute paths are
/// always files, whatever they contain.
pub fn rev_path_shape(arg: &str) -> Option<(&str, &str)> {
    if arg.starts_with("./") || arg.starts_with("../") || Path::new(arg).is_absolute() {
        return None;
    }
    arg.split_once(':').filter(|(rev, path)| !rev.is_empty() && !path.is_empty())
}

/// How to read an argument. One shaped like `REV:PATH` is read through git
/// when REV is a revision; if a file of that literal name exists too, the
/// argument is ambiguous and refused, so that a file added to a work tree
/// (`origin/main:agreements/x.yaml`) cannot stand in for the revision. When
/// no such file exists the argument goes to git even if REV is not a
/// revision, for git to say what is wrong.
pub fn reading(arg: &str) -> Result<Reading, String> {
    let Some((rev, path)) = rev_path_shape(arg) else {
        return Ok(Reading::File);
    };
    if !on_disk(arg) {
        return Ok(Reading::Git);
    }
    if is_revision(rev) {
        return Err(format!(
            "is ambiguous: `{rev}` is a git revision and a file of this name exists too; \
             write `./{arg}` to read the file, or remove or rename the file to read `{path}` at `{rev}`"
        ));
    }
    Ok(Reading::File)
}

/// Whether an argument that loaded was read through git (for showing the
/// path alone): shaped like `REV:PATH` with no file of that name, since
/// [`reading`] refuses the argument when both exist and REV is a revision.
pub fn is_rev_path(arg: &str) -> bool {
    rev_path_shape(arg).is_some() && !on_disk(arg)
}

/// Whether anything of that name is on disk (a dangling symlink counts).
fn on_disk(arg: &str) -> bool {
    std::fs::symlink_metadata(arg).is_ok()
}

/// Whether `rev` names a commit or tree in the repository around the
/// current directory. A revision never starts with `-`, so such a `rev` is
/// refused here rather than passed after `--end-of-options`, which
/// `git rev-parse` understands only from git 2.30 on: with an older git this
/// check must not fail and let a file win.
fn is_revision(rev: &str) -> bool {
    !rev.starts_with('-')
        && Command::new("git")
            .args(["rev-parse", "--verify", "--quiet", &format!("{rev}^{{tree}}")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_of_rev_path() {
        assert_eq!(rev_path_shape("main:agreements/x.yaml"), Some(("main", "agreements/x.yaml")));
        assert_eq!(rev_path_shape("origin/main:x.yaml"), Some(("origin/main", "x.yaml")));
        assert_eq!(rev_path_shape("HEAD~1:./x.yaml"), Some(("HEAD~1", "./x.yaml")));
        for file in ["./main:x.yaml", "../main:x.yaml", "/tmp/main:x.yaml", "x.yaml", ":x.yaml", "main:"] {
            assert_eq!(rev_path_shape(file), None, "{file}");
            assert_eq!(reading(file), Ok(Reading::File), "{file}");
        }
    }

    #[test]
    fn a_dash_is_never_a_revision() {
        // Not even asked of git: `--git-dir` would be an option to `git rev-parse`.
        assert!(!is_revision("--git-dir"));
        assert!(!is_revision("-q"));
    }
}
