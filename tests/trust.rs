//! Trust fixes (issue 9): ways past the CI gate and silent wrong answers,
//! through the real binary and, for `REV:PATH`, a real git repository.

use std::path::Path;
use std::process::Command as Std;

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const FEB: &str = "agreements/microsoft-openai/2026-02-27.yaml";
const APR: &str = "agreements/microsoft-openai/2026-04-27.yaml";

fn cmd() -> Command {
    let mut c = cargo_bin_cmd!("agreement-diff");
    c.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    c
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

// --- item 14: --max-bytes at the top of its range -----------------------

#[test]
fn max_bytes_at_u64_max_means_no_cap_not_an_empty_file() {
    let max = u64::MAX.to_string();
    let out = cmd().args(["--max-bytes", &max, "--format", "json", FEB, APR]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["old"]["agreement"], "microsoft-openai-partnership");
    assert!(v["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "exclusivity-dropped"));

    let same = cmd().args(["--max-bytes", &max, APR, APR]).output().unwrap();
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    let check = cmd().args(["check", "--max-bytes", &max, APR]).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(String::from_utf8_lossy(&check.stdout).starts_with("ok: "));
}

// --- git ---------------------------------------------------------------

/// A throwaway git repository (global and system configuration ignored).
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let r = Repo { dir: tempfile::tempdir().unwrap() };
        r.ok(&["init", "-q", "-b", "main"]);
        r.ok(&["config", "user.email", "test@example.invalid"]);
        r.ok(&["config", "user.name", "Test"]);
        r
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn ok(&self, args: &[&str]) {
        let out = Std::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    fn write(&self, name: &str, body: &str) {
        let p = self.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }

    fn commit(&self, msg: &str) {
        self.ok(&["add", "-A"]);
        self.ok(&["commit", "-q", "-m", msg]);
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        cmd()
            .current_dir(self.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.path())
            .args(args)
            .output()
            .unwrap()
    }
}

fn read(p: &str) -> String {
    std::fs::read_to_string(p).unwrap()
}

// --- item 6: a revision spec starting with `-` is not a git option --------

#[test]
fn a_spec_starting_with_a_dash_is_an_object_name_to_git_not_an_option() {
    let repo = Repo::new();
    repo.write("x.yaml", &read(FEB));
    repo.commit("feb");
    // Taken as options, these would make git complain about its options
    // (`-p` and `-s` together, unknown `--textconv:…`) or print its usage.
    for spec in ["-p:x.yaml", "--textconv:x.yaml", "--batch-all-objects:x.yaml"] {
        let out = repo.run(&["--", spec, "x.yaml"]);
        assert_eq!(out.status.code(), Some(2), "{spec}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert!(err.contains(spec), "{err}");
        assert!(err.to_lowercase().contains("object name"), "{spec}: {err}");
        assert!(!err.contains("option") && !err.contains("usage"), "{spec}: {err}");
    }
}
