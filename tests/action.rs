//! The GitHub Action's script, `action/run.sh`, run as the action runs it: in a temporary git repository
//! with a base and a head commit, the built binary on `PATH`, and a stub `gh` first on `PATH` that records
//! its calls instead of reaching GitHub (no network).
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

const MARKER: &str = "<!-- agreement-diff -->";
const PARTNERSHIP: &str = "agreements/microsoft-openai/partnership.yaml";
const RENAMED_FROM: &str = "agreements/fixture/renumbered.yaml";
const RENAMED_TO: &str = "agreements/fixture/renamed.yaml";
const DELETED: &str = "agreements/fixture/deleted.yaml";
const ADDED: &str = "agreements/other/added.yaml";

/// Acknowledges every commercial finding of the February → April 2026 change, in the format of
/// `docs/ci.md` (agreement, rule, clause, and the change digest the JSON report gives), and how many.
fn commercial_acks() -> (String, usize) {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("agreement-diff"))
        .args([
            "--no-config",
            "--format",
            "json",
            "agreements/microsoft-openai/2026-02-27.yaml",
            "agreements/microsoft-openai/2026-04-27.yaml",
        ])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut acks = String::from("acknowledged:\n");
    let mut n = 0;
    for f in report["findings"].as_array().unwrap().iter().filter(|f| f["materiality"] == "commercial") {
        acks.push_str(&format!(
            "  - agreement: microsoft-openai-partnership\n    rule: {}\n    clause: {}\n    change: {}\n    reason: Counsel accepted it.\n",
            f["rule"].as_str().unwrap(),
            f["clause"].as_str().unwrap(),
            f["change"].as_str().unwrap()
        ));
        n += 1;
    }
    (acks, n)
}

/// gh, as far as the script uses it: each call's arguments go to `calls` (one line each), the request body
/// given on standard input to `stdin-N` (N the call's number), and the comments listing prints `comments.json`.
const GH_STUB: &str = r#"#!/usr/bin/env bash
set -euo pipefail
dir="$(dirname "$0")"
printf '%s\n' "$*" >>"$dir/calls"
n="$(wc -l <"$dir/calls" | tr -d ' ')"
case " $* " in *" --input - "*) cat >"$dir/stdin-$n" ;; esac
case " $* " in *" --paginate "*) cat "$dir/comments.json" ;; esac
"#;

fn source(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// A shipped agreement or fixture under another agreement id.
fn with_id(rel: &str, id: &str) -> String {
    let text = source(rel);
    let line = text.lines().find(|l| l.starts_with("agreement:")).unwrap();
    text.replacen(line, &format!("agreement: {id}"), 1)
}

/// A temporary repository, the stub `gh`, and where the script writes its outputs.
struct Scene {
    dir: tempfile::TempDir,
    base: String,
}

/// What one run of the script produced.
struct Run {
    status: i32,
    stdout: String,
    stderr: String,
    comment: String,
    summary: String,
    /// The `gh` calls, one line of arguments each.
    calls: Vec<String>,
}

impl Scene {
    fn new() -> Scene {
        let s = Scene { dir: tempfile::tempdir().unwrap(), base: String::new() };
        for d in ["repo", "gh", "out"] {
            std::fs::create_dir(s.dir.path().join(d)).unwrap();
        }
        let gh = s.dir.path().join("gh/gh");
        std::fs::write(&gh, GH_STUB).unwrap();
        std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).unwrap();
        s.comments("[]");
        s.git(&["init", "-q", "-b", "main"]);
        s.git(&["config", "user.email", "test@example.invalid"]);
        s.git(&["config", "user.name", "Test"]);
        s.git(&["config", "commit.gpgsign", "false"]);
        s
    }

    fn repo(&self) -> PathBuf {
        self.dir.path().join("repo")
    }

    fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .args(args)
            .current_dir(self.repo())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.dir.path())
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    fn write(&self, rel: &str, body: &str) {
        let p = self.repo().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }

    fn commit(&self, msg: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", msg]);
        self.git(&["rev-parse", "HEAD"])
    }

    /// What the stub `gh` lists as the pull request's comments.
    fn comments(&self, json: &str) {
        std::fs::write(self.dir.path().join("gh/comments.json"), json).unwrap();
    }

    /// The request body of the `gh` call numbered `n` (from 1).
    fn request(&self, n: usize) -> serde_json::Value {
        let text = std::fs::read_to_string(self.dir.path().join(format!("gh/stdin-{n}"))).unwrap();
        serde_json::from_str(&text).unwrap()
    }

    /// Run `bash action/run.sh` as action.yml does, for pull request #7 of owner/repo.
    fn run(&self, fail_on: &str, comment: bool) -> Run {
        let out_dir = self.dir.path().join("out");
        for f in ["comment.md", "summary.md", "output"] {
            let _ = std::fs::remove_file(out_dir.join(f));
        }
        let _ = std::fs::remove_file(self.dir.path().join("gh/calls"));
        let bin = PathBuf::from(assert_cmd::cargo::cargo_bin!("agreement-diff"));
        let path = std::env::join_paths(
            [self.dir.path().join("gh"), bin.parent().unwrap().to_path_buf()]
                .into_iter()
                .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
        )
        .unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("action/run.sh");
        let mut cmd = Command::new("bash");
        cmd.arg(script).current_dir(self.repo());
        for var in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GITHUB_SERVER_URL", "GITHUB_RUN_ID"] {
            cmd.env_remove(var);
        }
        for var in std::env::vars().map(|(k, _)| k).filter(|k| k.starts_with("AGREEMENT_DIFF_")) {
            cmd.env_remove(var);
        }
        let out = cmd
            .env("PATH", path)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.dir.path())
            .env("GITHUB_REPOSITORY", "owner/repo")
            .env("GH_TOKEN", "not-a-token")
            .env("GITHUB_STEP_SUMMARY", out_dir.join("summary.md"))
            .env("GITHUB_OUTPUT", out_dir.join("output"))
            .env("AGREEMENT_DIFF_BASE", &self.base)
            .env("AGREEMENT_DIFF_FAIL_ON", fail_on)
            .env("AGREEMENT_DIFF_COMMENT", comment.to_string())
            .env("AGREEMENT_DIFF_PR", "7")
            .env("AGREEMENT_DIFF_COMMENT_FILE", out_dir.join("comment.md"))
            .output()
            .unwrap();
        let read = |p: PathBuf| std::fs::read_to_string(p).unwrap_or_default();
        let run = Run {
            status: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            comment: read(out_dir.join("comment.md")),
            summary: read(out_dir.join("summary.md")),
            calls: read(self.dir.path().join("gh/calls")).lines().map(str::to_string).collect(),
        };
        let output = read(out_dir.join("output"));
        assert!(output.contains(&format!("status={}\n", run.status)), "GITHUB_OUTPUT: {output}\n{}", run.stderr);
        run
    }
}

/// A pull request that modifies the partnership (February → April 2026), renames a fixture with a small
/// change, deletes one agreement and adds a new one. Acknowledgements of every commercial finding are in
/// the base commit, or added by the pull request itself.
fn pull_request(acks_in_base: bool) -> Scene {
    pull_request_with(acks_in_base, "")
}

/// [`pull_request`], with `more` (such as `defaults`) after the acknowledgements in the base's config file.
fn pull_request_with(acks_in_base: bool, more: &str) -> Scene {
    let mut s = Scene::new();
    s.write(PARTNERSHIP, &source("agreements/microsoft-openai/2026-02-27.yaml"));
    s.write(RENAMED_FROM, &source("tests/rules/clause-renumbered/old.yaml"));
    s.write(DELETED, &with_id("tests/rules/cap-added/old.yaml", "fixture-deleted"));
    if acks_in_base {
        s.write(".agreement-diff.yaml", &format!("{}{more}", commercial_acks().0));
    }
    s.base = s.commit("base");

    s.write(PARTNERSHIP, &source("agreements/microsoft-openai/2026-04-27.yaml"));
    s.git(&["mv", RENAMED_FROM, RENAMED_TO]);
    s.write(RENAMED_TO, &source("tests/rules/clause-renumbered/new.yaml"));
    s.git(&["rm", "-q", DELETED]);
    s.write(ADDED, &with_id("agreements/microsoft-openai/2019-07-22.yaml", "other-partnership"));
    if !acks_in_base {
        // The pull request approves its own commercial changes, at the root and beside the agreement: both
        // places agreement-diff itself would look in the working tree.
        s.write(".agreement-diff.yaml", &commercial_acks().0);
        s.write("agreements/microsoft-openai/.agreement-diff.yaml", &commercial_acks().0);
    }
    s.commit("head");
    let status = s.git(&["diff", "--name-status", "-M", &s.base, "HEAD", "--", "agreements"]);
    assert!(status.contains(&format!("{RENAMED_FROM}\t{RENAMED_TO}")), "git sees the rename: {status}");
    assert!(status.contains(&format!("D\t{DELETED}")) && status.contains(&format!("A\t{ADDED}")), "{status}");
    s
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn acknowledgements_from_the_head_are_ignored_and_one_comment_is_kept() {
    let s = pull_request(false);

    // First run: no comment yet, so exactly one is posted.
    let run = s.run("commercial", true);
    assert_eq!(run.status, 1, "an unacknowledged commercial change fails the gate\n{}", run.stderr);
    assert_eq!(
        run.calls,
        [
            "api --paginate repos/owner/repo/issues/7/comments",
            "api --method POST repos/owner/repo/issues/7/comments --input -"
        ],
        "{}",
        run.stderr
    );
    assert_eq!(s.request(2)["body"].as_str().unwrap(), run.comment, "the comment posted is the one written");

    // One comment body, headed by the marker, naming every changed agreement.
    assert!(run.comment.starts_with(&format!("{MARKER}\n")), "{}", run.comment);
    assert_eq!(count(&run.comment, MARKER), 1);
    assert!(run.comment.chars().count() < 65_536);
    assert!(run.comment.contains(&format!("Modified: `{PARTNERSHIP}`")), "{}", run.comment);
    assert!(run.comment.contains(&format!("Renamed: `{RENAMED_FROM}` → `{RENAMED_TO}`")), "{}", run.comment);
    assert!(run.comment.contains(&format!("New agreement: `{ADDED}`")), "{}", run.comment);
    assert!(run.comment.contains(&format!("### Removed agreements\n\n- `{DELETED}`")), "{}", run.comment);
    assert!(run.comment.contains("### agreement-diff: microsoft-openai-partnership 2026-02-27 → 2026-04-27"));
    assert!(run.comment.contains("**exclusivity-dropped**"), "the report itself is in the comment");
    assert!(run.comment.contains("This pull request changes acknowledgements"), "{}", run.comment);
    assert!(!run.comment.contains("Acknowledged ("), "nothing is acknowledged: {}", run.comment);

    // The step summary carries the full report: every changed agreement.
    for path in [PARTNERSHIP, RENAMED_FROM, RENAMED_TO, DELETED, ADDED] {
        assert!(run.summary.contains(path), "{path} in the step summary:\n{}", run.summary);
    }
    assert!(run.summary.contains("**exclusivity-dropped**"));

    // Annotations on the changed lines of the new files.
    assert!(run.stdout.contains(&format!("::error file={PARTNERSHIP},line=")), "{}", run.stdout);
    assert!(run.stdout.contains(&format!("::notice file={RENAMED_TO},line=")), "{}", run.stdout);

    // Second run: the stub lists the earlier comment (among others): it is updated, no second one is posted.
    s.comments(&format!(
        r#"[{{"id": 17, "body": "Looks good to me"}}, {{"id": 42, "body": "{MARKER}\n## agreement-diff\n\nold"}}]"#
    ));
    let again = s.run("commercial", true);
    assert_eq!(again.status, 1);
    assert_eq!(
        again.calls,
        [
            "api --paginate repos/owner/repo/issues/7/comments",
            "api --method PATCH repos/owner/repo/issues/comments/42 --input -"
        ],
        "{}",
        again.stderr
    );
    assert_eq!(s.request(2)["body"].as_str().unwrap(), again.comment);

    // The exit status follows fail-on: the change reaches every level (commercial is the highest), and
    // `none` only reports.
    for level in ["substantive", "clarification", "administrative"] {
        assert_eq!(s.run(level, false).status, 1, "fail-on {level}");
    }
    let none = s.run("none", false);
    assert_eq!(none.status, 0, "{}", none.stderr);
    assert!(none.comment.contains("Report only"), "{}", none.comment);
}

#[test]
fn acknowledgements_from_the_base_are_honoured() {
    let s = pull_request(true);
    let run = s.run("commercial", true);
    assert_eq!(run.status, 0, "every commercial finding is acknowledged at the base\n{}", run.stderr);
    let acknowledged = format!("Acknowledged ({})", commercial_acks().1);
    assert!(run.comment.contains(&acknowledged), "{}", run.comment);
    assert!(run.comment.contains("✅ Nothing at or above commercial"), "{}", run.comment);
    assert!(!run.comment.contains("This pull request changes acknowledgements"));
    assert_eq!(count(&run.calls.join("\n"), "--method POST"), 1);
    // The rewordings of those clauses are the acknowledged findings' redlines: nothing is left.
    assert_eq!(s.run("substantive", false).status, 0);
}

#[test]
fn a_new_version_file_is_compared_with_the_version_it_amends() {
    // One file per version, as agreements/microsoft-openai/ is kept: the pull request adds a file.
    let mut s = Scene::new();
    for v in ["2025-10-28", "2026-02-27"] {
        s.write(&format!("agreements/mo/{v}.yaml"), &source(&format!("agreements/microsoft-openai/{v}.yaml")));
    }
    s.base = s.commit("base");
    s.write("agreements/mo/2026-04-27.yaml", &source("agreements/microsoft-openai/2026-04-27.yaml"));
    s.commit("head");

    let run = s.run("commercial", false);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.calls.is_empty(), "comment: false posts nothing: {:?}", run.calls);
    assert!(
        run.comment.contains("New version of `agreements/mo/2026-02-27.yaml`: `agreements/mo/2026-04-27.yaml`"),
        "compared with the version named by `previous`:\n{}",
        run.comment
    );
    assert!(run.comment.contains("### agreement-diff: microsoft-openai-partnership 2026-02-27 → 2026-04-27"));
    assert!(!run.comment.contains("New agreement"));
}

#[test]
fn an_added_amendment_is_compared_with_the_version_it_amends() {
    // An amendment (docs/amendments.md) changes meaning: the gate must see its changes, not a new file.
    let mut s = Scene::new();
    s.write("agreements/mo/2026-02-27.yaml", &source("agreements/microsoft-openai/2026-02-27.yaml"));
    s.base = s.commit("base");
    s.write("agreements/mo/april.yaml", &source("agreements/microsoft-openai/2026-04-27-amendment.yaml"));
    s.commit("head");

    let run = s.run("commercial", false);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.comment.contains("### agreement-diff: microsoft-openai-partnership 2026-02-27 → 2026-04-27"),
        "{}",
        run.comment
    );
    assert!(
        run.comment.contains("Microsoft no longer pays") || run.comment.contains("payment-removed"),
        "{}",
        run.comment
    );
    assert!(!run.comment.contains("New agreement"), "{}", run.comment);
}

#[test]
fn an_agreement_that_cannot_be_read_is_trouble() {
    let mut s = Scene::new();
    s.write("agreements/x.yaml", &source("tests/rules/clause-renumbered/old.yaml"));
    s.base = s.commit("base");
    s.write("agreements/x.yaml", "agreement: [unclosed\n");
    s.commit("head");
    let run = s.run("commercial", true);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.comment.contains("Could not check"), "{}", run.comment);
    assert!(run.stdout.contains("::error title=agreement-diff::could not check agreements/x.yaml"), "{}", run.stdout);
    assert_eq!(count(&run.calls.join("\n"), "--method POST"), 1, "the comment still says what went wrong");
}

#[test]
fn a_long_report_is_cut_to_fit_one_comment() {
    let mut s = Scene::new();
    let n = 24;
    for i in 0..n {
        s.write(&format!("agreements/bulk/{i:02}.yaml"), &source("agreements/microsoft-openai/2026-02-27.yaml"));
    }
    s.base = s.commit("base");
    for i in 0..n {
        s.write(&format!("agreements/bulk/{i:02}.yaml"), &source("agreements/microsoft-openai/2026-04-27.yaml"));
    }
    s.commit("head");

    let run = s.run("commercial", true);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.comment.chars().count() < 65_536, "{} characters", run.comment.chars().count());
    let shown = count(&run.comment, "**Modified: `agreements/bulk/");
    assert!(shown > 0 && shown < n, "{shown} of {n} shown");
    assert!(
        run.comment.contains(&format!("**{} more agreements: see the job summary.**", n - shown)),
        "{}",
        &run.comment[run.comment.len() - 500..]
    );
    assert_eq!(s.request(2)["body"].as_str().unwrap(), run.comment);
    for i in 0..n {
        assert!(run.summary.contains(&format!("Modified: `agreements/bulk/{i:02}.yaml`")), "{i} in the summary");
    }
}

/// Issue 14 item 6: a config file's `defaults` never decide the gate: the script passes `--fail-on` and
/// `--format` explicitly (so even the base's defaults are overridden) and reads the config from the base
/// commit (so the defaults a pull request writes are never read).
#[test]
fn config_defaults_do_not_loosen_the_gate() {
    let lax = "defaults:\n  fail-on: commercial\n  format: json\n";
    let s = pull_request_with(true, lax);
    s.write(".agreement-diff.yaml", &format!("{}{lax}", commercial_acks().0));
    s.write("agreements/microsoft-openai/.agreement-diff.yaml", lax);
    s.commit("loosen the gate");
    // The base's acknowledgements leave the administrative changes (the version's metadata), so a gate at
    // administrative still trips whatever defaults either side writes.
    let run = s.run("administrative", false);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.comment.contains("### agreement-diff: microsoft-openai-partnership"), "Markdown: {}", run.comment);
    assert!(!run.comment.contains("\"schema_version\""), "not JSON: {}", run.comment);
    assert!(run.stdout.contains("::"), "annotations, not JSON: {}", run.stdout);
}
