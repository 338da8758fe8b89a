//! git: reading `REV:PATH` arguments through the real git, finding the
//! repository root, and running as git's external diff driver.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::amend::Input;
use crate::load::{self, LoadOptions};
use crate::model::Agreement;
use crate::render::Format;
use crate::safe;

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

/// git's external diff protocol: `path old-file old-hex old-mode new-file
/// new-hex new-mode`, plus `new-path rename-info` for a rename, after any
/// options the configured command carries
/// (`diff.agreement.command = agreement-diff --format summary`).
#[derive(Debug)]
pub struct Driver {
    path: String,
    old_file: String,
    new_file: String,
    new_path: Option<String>,
    format: Format,
    color: Option<bool>,
    max_bytes: u64,
}

impl Driver {
    /// The driver's call, when the arguments are options (`--format`,
    /// `--color`, `--max-bytes`, each as `--opt VALUE` or `--opt=VALUE`)
    /// followed by git's 7 arguments, or 9 for a rename.
    pub fn from_args(args: &[String]) -> Option<Driver> {
        let mut driver = Driver {
            path: String::new(),
            old_file: String::new(),
            new_file: String::new(),
            new_path: None,
            format: Format::Text,
            color: None,
            max_bytes: LoadOptions::default().max_bytes,
        };
        let mut rest = args;
        while let Some(first) = rest.first().filter(|a| a.starts_with("--")) {
            let (name, value, used) = match first.split_once('=') {
                Some((n, v)) => (n, v, 1),
                None => (first.as_str(), rest.get(1)?.as_str(), 2),
            };
            match name {
                "--format" => driver.format = clap::ValueEnum::from_str(value, false).ok()?,
                "--color" => {
                    driver.color = match value {
                        "always" => Some(true),
                        "never" => Some(false),
                        "auto" => None,
                        _ => return None,
                    }
                }
                "--max-bytes" => driver.max_bytes = value.parse().ok()?,
                _ => return None,
            }
            rest = &rest[used..];
        }
        let mode = |s: &str| s == "." || (s.len() == 6 && s.bytes().all(|b| (b'0'..=b'7').contains(&b)));
        let hex = |s: &str| s == "." || (s.len() >= 40 && s.bytes().all(|b| b.is_ascii_hexdigit()));
        if !(rest.len() == 7 || rest.len() == 9)
            || !mode(&rest[3])
            || !mode(&rest[6])
            || !hex(&rest[2])
            || !hex(&rest[5])
        {
            return None;
        }
        driver.path = rest[0].clone();
        driver.old_file = rest[1].clone();
        driver.new_file = rest[4].clone();
        driver.new_path = rest.get(7).cloned();
        Some(driver)
    }

    /// Whether to colour: `--color` when given; under git's pager
    /// (`GIT_PAGER_IN_USE`), what git's own diff would do (`color.diff`);
    /// otherwise the terminal and NO_COLOR/CLICOLOR as for any run.
    fn color(&self) -> bool {
        if let Some(c) = self.color {
            return c;
        }
        if std::env::var_os("GIT_PAGER_IN_USE").is_some_and(|v| !v.is_empty()) {
            let out = Command::new("git").args(["config", "--get-colorbool", "color.diff", "true"]).output();
            return out.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "true");
        }
        crate::cli::stdout_color(None)
    }

    /// Compare the two files: the report and the exit status to give git.
    /// Trouble is reported in the output and counted as a difference, since
    /// git stops with "external diff died" on any status but 0 and 1; the
    /// status is 0 unless git was told to trust it.
    pub fn run(&self) -> (String, u8) {
        let options = LoadOptions { max_bytes: self.max_bytes, ..LoadOptions::default() };
        let new_name = self.new_path.clone().unwrap_or_else(|| self.path.clone());
        let load = |file: &str, shown: &str| -> Result<Option<Input>, String> {
            if file == "/dev/null" {
                return Ok(None);
            }
            // git hands the driver file names, never `REV:PATH`: `./` keeps a relative one a file.
            let file = if Path::new(file).is_relative() { format!("./{file}") } else { file.to_string() };
            let text = load::read_source(&file, options.max_bytes).map_err(|e| e.message)?;
            if crate::amend::is_amendment_text(&text, shown, &options) {
                return crate::amend::check_amendment_str(&text, shown, &options)
                    .map(|m| Some(Input::Amendment(m)))
                    .map_err(|e| {
                        e.into_iter().min_by_key(load::LoadError::place).map(|e| e.to_string()).unwrap_or_default()
                    });
            }
            load::load_str(&text, shown, &options).map(|a| Some(Input::Agreement(a))).map_err(|e| e.to_string())
        };
        let mut out = format!("agreement-diff a/{} b/{}\n", safe::line(&self.path), safe::line(&new_name));
        let loaded =
            (load(&self.old_file, &format!("a/{}", self.path)), load(&self.new_file, &format!("b/{new_name}")));
        let loaded = match loaded {
            (Ok(old), Ok(new)) if is_amendment(&old) || is_amendment(&new) => {
                self.consolidate(old, new, &new_name, &options).map(|(o, n)| (Some(o), Some(n)))
            }
            (Ok(old), Ok(new)) => Ok((old.map(agreement), new.map(agreement))),
            (Err(e), _) | (_, Err(e)) => Err(e),
        };
        let status = match loaded {
            Ok((old, new)) => {
                let old = old.unwrap_or_else(|| Agreement::empty_like(new.as_ref(), "/dev/null"));
                let new = new.unwrap_or_else(|| Agreement::empty_like(Some(&old), "/dev/null"));
                let report = crate::diff(&old, &new);
                out.push_str(&crate::render::render(&report, self.format, self.color()));
                u8::from(!report.findings.is_empty())
            }
            Err(e) => {
                out.push_str(&format!("agreement-diff: error: {}\n", safe::line(&e)));
                1
            }
        };
        (out, if trusts_exit_code(&self.path) { status } else { 0 })
    }

    /// Both sides of an amendment's diff: each amendment consolidated into
    /// its base, found beside it in the working tree (an agreement with the
    /// id it amends and its `base-version`); a missing side is the base.
    fn consolidate(
        &self,
        old: Option<Input>,
        new: Option<Input>,
        new_name: &str,
        options: &LoadOptions,
    ) -> Result<(Agreement, Agreement), String> {
        let m = match (&new, &old) {
            (Some(Input::Amendment(m)), _) | (_, Some(Input::Amendment(m))) => m,
            _ => return Err("no amendment".into()),
        };
        let base = crate::amend::base_beside(new_name, m, options)?;
        let side = |input: Option<Input>| -> Result<Agreement, String> {
            match input {
                None => Ok(base.clone()),
                Some(Input::Agreement(a)) => Ok(a),
                Some(Input::Amendment(m)) => crate::amend::apply(&base, std::slice::from_ref(&m)).map_err(|e| {
                    e.into_iter().min_by_key(load::LoadError::place).map(|e| e.to_string()).unwrap_or_default()
                }),
            }
        };
        Ok((side(old)?, side(new)?))
    }
}

fn is_amendment(input: &Option<Input>) -> bool {
    matches!(input, Some(Input::Amendment(_)))
}

fn agreement(input: Input) -> Agreement {
    match input {
        Input::Agreement(a) => a,
        // Only called when neither side is an amendment.
        Input::Amendment(_) => Agreement::empty_like(None, "/dev/null"),
    }
}

/// Whether git was told to trust this driver's exit code: the `diff`
/// attribute of the path names a driver whose `trustExitCode` is true (or
/// `diff.trustExitCode` for `diff.external`). git passes no environment
/// variable for it, so the driver asks git.
fn trusts_exit_code(path: &str) -> bool {
    if let Some(v) = std::env::var_os("AGREEMENT_DIFF_TRUST_EXIT_CODE") {
        return v == "1" || v == "true";
    }
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let driver = git(&["check-attr", "diff", "--", path])
        .and_then(|s| s.rsplit(": ").next().map(str::to_string))
        .filter(|d| !matches!(d.as_str(), "unspecified" | "set" | "unset" | ""));
    let key = match driver {
        Some(d) => format!("diff.{d}.trustExitCode"),
        None => "diff.trustExitCode".to_string(),
    };
    git(&["config", "--type=bool", "--get", &key]).is_some_and(|v| v == "true")
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
