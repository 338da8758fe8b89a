//! Helpers shared by the integration tests: a throwaway git repository.
// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// A throwaway git repository (global and system configuration ignored,
/// pager off, NO_COLOR left to each test).
pub struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    pub fn new() -> Repo {
        let r = Repo { dir: tempfile::tempdir().unwrap() };
        r.ok(&["init", "-q", "-b", "main"]);
        r.ok(&["config", "user.email", "test@example.invalid"]);
        r.ok(&["config", "user.name", "Test"]);
        r.ok(&["config", "core.pager", "cat"]);
        r
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Run git in the repository.
    pub fn git(&self, args: &[&str]) -> std::process::Output {
        Command::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.path())
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    }

    /// Run git, which must succeed; its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// Write a file, creating its folders.
    pub fn write(&self, name: &str, body: &str) {
        let p = self.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }

    pub fn commit(&self, msg: &str) {
        self.ok(&["add", "-A"]);
        self.ok(&["commit", "-q", "-m", msg]);
    }
}
