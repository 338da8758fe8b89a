//! Pull-request review and change summaries: Markdown, GitHub annotations,
//! plain-English summaries, perspective, acknowledgements, history,
//! directories and git, through the real binary and real git.

use std::path::Path;
use std::process::Command as Std;

use agreement_diff::render::{Format, github, markdown, render};
use agreement_diff::{LoadOptions, diff_files, safe};
use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const DIR: &str = "agreements/microsoft-openai";
const FEB: &str = "agreements/microsoft-openai/2026-02-27.yaml";
const APR: &str = "agreements/microsoft-openai/2026-04-27.yaml";

fn cmd() -> Command {
    let mut c = cargo_bin_cmd!("agreement-diff");
    c.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    c
}

fn bin() -> String {
    assert_cmd::cargo::cargo_bin!("agreement-diff").display().to_string()
}

#[test]
fn snapshots_of_markdown_github_and_summary() {
    let report = diff_files(FEB, APR, &LoadOptions::default()).unwrap();
    insta::assert_snapshot!("microsoft_openai_2026_markdown", render(&report, Format::Markdown, false));
    insta::assert_snapshot!("microsoft_openai_2026_github", render(&report, Format::Github, false));
    insta::assert_snapshot!("microsoft_openai_2026_summary", render(&report, Format::Summary, false));
}

/// Every JSON finding appears in every other format, and nothing else does.
#[test]
fn same_facts_in_every_format() {
    let report = diff_files(FEB, APR, &LoadOptions::default()).unwrap();
    let json: Value = serde_json::from_str(&render(&report, Format::Json, false)).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), report.findings.len());
    let messages: Vec<&str> = findings.iter().map(|f| f["message"].as_str().unwrap()).collect();

    let text = render(&report, Format::Text, false);
    let md = render(&report, Format::Markdown, false);
    let gh = render(&report, Format::Github, false);
    let summary = render(&report, Format::Summary, false);
    for (f, m) in findings.iter().zip(&messages) {
        let rule = f["rule"].as_str().unwrap();
        assert!(text.contains(m) && text.contains(rule), "text lacks {m}");
        assert!(md.contains(&markdown::escape(m)) && md.contains(rule), "markdown lacks {m}");
        assert!(gh.contains(&github::data(m)), "github lacks {m}");
        assert!(summary.contains(&safe::line(m)), "summary lacks {m}");
    }

    // Nothing else: one table row, one annotation per finding.
    let rows = md.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| Clause")).count();
    assert_eq!(rows, findings.len());
    assert_eq!(gh.lines().count(), findings.len());
    // Each summary bullet is (a label and) findings' messages and the unchanged terms, and nothing more.
    for line in summary.lines().filter(|l| l.starts_with("- ")) {
        let mut rest = line[2..].to_string();
        for m in &messages {
            rest = rest.replace(&safe::line(m), "");
        }
        for (_, s) in &report.unchanged {
            rest = rest.replace(s.as_str(), "");
        }
        let rest = rest.trim();
        assert!(rest.is_empty() || (rest.ends_with(':') && !rest.contains(". ")), "summary says more: {rest:?}");
    }
}

#[test]
fn summary_covers_what_the_announcement_lists() {
    let out = cmd().args(["--format", "summary", FEB, APR]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    let bullet = |start: &str| {
        s.lines()
            .find(|l| l.starts_with(&format!("- {start}")) || l.starts_with(&format!("- \"{start}")))
            .unwrap_or_else(|| panic!("no bullet {start}:\n{s}"))
            .to_string()
    };
    assert!(
        bullet("Azure exclusivity").contains("is now non-exclusive (was exclusive): OpenAI is no longer restricted")
    );
    assert!(bullet("OpenAI products ship first on Azure").contains("New right for Microsoft: first-ship"));
    assert!(
        bullet("OpenAI products ship first on Azure")
            .contains("unless Microsoft cannot and chooses not to support the necessary capabilities")
    );
    let licence = bullet("Licence to OpenAI IP");
    assert!(
        licence.contains("Microsoft's licence")
            && licence.contains("now non-exclusive")
            && licence.contains("It still runs until 2032-12-31")
    );
    assert!(bullet("Revenue share paid by Microsoft").contains("Microsoft no longer pays OpenAI a revenue share"));
    let share = bullet("Revenue share paid by OpenAI");
    assert!(share.contains("A cap") && share.contains("to 2030-12-31") && share.contains("The rate is unchanged"));
}

#[test]
fn hostile_clause_text_is_inert_in_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.yaml");
    let new = dir.path().join("new.yaml");
    std::fs::write(
        &old,
        "agreement: x\nparties: {a: A, b: B}\nclauses:\n  - {id: c, title: Plain, text: Plain words.}\n",
    )
    .unwrap();
    std::fs::write(
        &new,
        "agreement: x\nparties: {a: A, b: B}\nclauses:\n  - id: c\n    title: \"Pipe | <b>bold</b> @someone\"\n    text: \"Cell | break <script>alert(1)</script> @someone [link](https://evil.example) ```\\n```html\\n<img src=x onerror=alert(1)>\"\n",
    )
    .unwrap();
    let out = cmd().args(["--format", "markdown"]).arg(&old).arg(&new).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8(out.stdout).unwrap();
    for bad in ["<script", "<img", "<b>", "@someone", "```", "[link](https://"] {
        assert!(!md.contains(bad), "markdown contains {bad}:\n{md}");
    }
    for row in md.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| Clause")) {
        let cells = row.matches('|').count() - row.matches("\\|").count();
        assert_eq!(cells, 6, "a value broke the table: {row}");
    }
}

#[test]
fn perspective_marks_and_counts() {
    let out = cmd().args(["--format", "json", "--perspective", "microsoft", FEB, APR]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["perspective"], "microsoft");
    for f in v["findings"].as_array().unwrap() {
        let expected = if f["disfavours"].as_array().unwrap().iter().any(|p| p == "microsoft") {
            "against"
        } else if f["favours"].as_array().unwrap().iter().any(|p| p == "microsoft") {
            "for"
        } else {
            "neutral"
        };
        assert_eq!(f["impact"], expected);
    }
    let text = cmd().args(["--perspective", "microsoft", FEB, APR]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("For Microsoft: 2 gains, 3 losses"), "{text}");
    // Losses first.
    let first_against = text.find("[against Microsoft]").unwrap();
    let first_for = text.find("[for Microsoft]").unwrap();
    assert!(first_against < first_for);
    cmd().args(["--perspective", "nobody", FEB, APR]).assert().code(2);
}

#[test]
fn acknowledged_findings_do_not_trip_fail_on_and_stale_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("acks.yaml");
    let mut acks = String::from("acknowledged:\n");
    for (rule, clause) in [
        ("exclusivity-dropped", "azure-exclusivity"),
        ("exclusivity-dropped", "ip-license"),
        ("cap-added", "revenue-share-openai-to-microsoft"),
        ("term-condition-changed", "revenue-share-openai-to-microsoft"),
        ("payment-removed", "revenue-share-microsoft-to-openai"),
    ] {
        acks.push_str(&format!("  - rule: {rule}\n    clause: {clause}\n    reason: Approved by counsel.\n"));
    }
    std::fs::write(&config, &acks).unwrap();
    cmd().args(["--fail-on", "commercial", "--config"]).arg(&config).args([FEB, APR]).assert().code(0);
    cmd().args(["--fail-on", "substantive", "--config"]).arg(&config).args([FEB, APR]).assert().code(1);

    acks.push_str(
        "  - rule: rate-increased\n    clause: revenue-share-openai-to-microsoft\n    reason: Old approval.\n",
    );
    std::fs::write(&config, &acks).unwrap();
    let out = cmd().args(["--format", "json", "--config"]).arg(&config).args([FEB, APR]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["stale_acknowledgements"].as_array().unwrap().len(), 1);
    assert_eq!(v["stale_acknowledgements"][0]["rule"], "rate-increased");
    let acked = v["findings"].as_array().unwrap().iter().filter(|f| !f["acknowledged"].is_null()).count();
    assert_eq!(acked, 5);
    let text = cmd().arg("--config").arg(&config).args([FEB, APR]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("Acknowledged (5)") && text.contains("Stale acknowledgements") && text.contains("Old approval.")
    );

    // A reason is required.
    std::fs::write(&config, "acknowledged:\n  - rule: cap-added\n    clause: x\n").unwrap();
    let out = cmd().arg("--config").arg(&config).args([FEB, APR]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a `reason`"));
}

#[test]
fn log_over_the_chain_reads_as_a_timeline() {
    let versions = ["2026-04-27", "2019-07-22", "2025-10-28", "2023-01-23", "2026-02-27", "2025-01-21"];
    let files: Vec<String> = versions.iter().map(|v| format!("{DIR}/{v}.yaml")).collect();
    let out = cmd().arg("log").args(&files).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let steps = [
        "2019-07-22 → 2023-01-23",
        "2023-01-23 → 2025-01-21",
        "2025-01-21 → 2025-10-28",
        "2025-10-28 → 2026-02-27",
        "2026-02-27 → 2026-04-27",
    ];
    let mut at = 0;
    for s in steps {
        let i = text[at..].find(s).unwrap_or_else(|| panic!("{s} missing or out of order:\n{text}"));
        at += i + s.len();
    }
    let json = cmd().args(["log", "--format", "json"]).args(&files).output().unwrap();
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["steps"].as_array().unwrap().len(), 5);
    let md = cmd().args(["log", "--format", "markdown"]).args(&files).output().unwrap();
    assert_eq!(String::from_utf8(md.stdout).unwrap().matches("\n### ").count(), 5);
}

#[test]
fn directory_mode_pairs_by_agreement_id() {
    let old = tempfile::tempdir().unwrap();
    let new = tempfile::tempdir().unwrap();
    let agreement = |id: &str, rate: &str| {
        format!(
            "agreement: {id}\nparties: {{a: A, b: B}}\nclauses:\n  - {{id: p, type: payment, payer: a, payee: b, rate: \"{rate}\"}}\n"
        )
    };
    std::fs::write(old.path().join("changed.yaml"), agreement("changed", "5%")).unwrap();
    std::fs::write(old.path().join("gone.yaml"), agreement("gone", "5%")).unwrap();
    std::fs::create_dir(new.path().join("sub")).unwrap();
    std::fs::write(new.path().join("sub/renamed-file.yaml"), agreement("changed", "6%")).unwrap();
    std::fs::write(new.path().join("fresh.yml"), agreement("fresh", "5%")).unwrap();
    let out = cmd().args(["--format", "json"]).arg(old.path()).arg(new.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["added"][0]["agreement"], "fresh");
    assert_eq!(v["removed"][0]["agreement"], "gone");
    assert_eq!(v["reports"].as_array().unwrap().len(), 1);
    assert_eq!(v["reports"][0]["findings"][0]["rule"], "rate-increased");
    let text = cmd().arg(old.path()).arg(new.path()).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Agreement added: fresh") && text.contains("Agreement removed: gone"));
    // One acknowledgements file in the new directory serves every pair; an
    // acknowledgement is stale only if no pair uses it.
    std::fs::write(
        new.path().join(".agreement-diff.yaml"),
        "acknowledged:\n  - {rule: rate-increased, clause: p, reason: Agreed.}\n  - {rule: cap-added, clause: p, reason: Old.}\n",
    )
    .unwrap();
    let out =
        cmd().args(["--format", "json", "--fail-on", "commercial"]).arg(old.path()).arg(new.path()).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["reports"][0]["findings"][0]["acknowledged"]["reason"], "Agreed.");
    let stale = v["stale_acknowledgements"].as_array().unwrap();
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0]["rule"], "cap-added");
    assert_eq!(out.status.code(), Some(1), "an added and a removed agreement still count");
    // Identical directories: exit 0.
    cmd().arg(old.path()).arg(old.path()).assert().code(0);
}

/// Issue 9, item 9: directory mode reads ids first and compares pair by pair.
/// Many small files give the same pairing as before: by unique id (whatever
/// the path), by relative path when an id is not unique, and added and
/// removed agreements; a bad file anywhere is an error naming it.
#[test]
fn directory_mode_with_many_small_files() {
    let agreement = |id: &str, rate: u32| {
        format!(
            "agreement: {id}\nparties: {{a: A, b: B}}\nclauses:\n  - {{id: p, type: payment, payer: a, payee: b, rate: \"{rate}%\"}}\n"
        )
    };
    let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    const N: usize = 3_000;
    for d in 0..10 {
        std::fs::create_dir(old.path().join(format!("d{d}"))).unwrap();
        std::fs::create_dir(new.path().join(format!("d{d}"))).unwrap();
    }
    for i in 0..N {
        let dir = format!("d{}", i % 10);
        // Every 100th agreement changes its rate; every 7th moves to another folder.
        std::fs::write(old.path().join(format!("{dir}/a{i}.yaml")), agreement(&format!("a{i}"), 5)).unwrap();
        let to = if i % 7 == 0 { format!("d{}", (i + 1) % 10) } else { dir.clone() };
        let rate = if i % 100 == 0 { 6 } else { 5 };
        std::fs::write(new.path().join(format!("{to}/a{i}.yml")), agreement(&format!("a{i}"), rate)).unwrap();
    }
    // An id used twice on each side: paired by relative path.
    for side in [old.path(), new.path()] {
        std::fs::write(side.join("twin-1.yaml"), agreement("twin", 5)).unwrap();
        std::fs::write(side.join("twin-2.yaml"), agreement("twin", 5)).unwrap();
    }
    std::fs::write(new.path().join("twin-2.yaml"), agreement("twin", 9)).unwrap();
    std::fs::write(old.path().join("gone.yaml"), agreement("gone", 5)).unwrap();
    std::fs::write(new.path().join("fresh.yaml"), agreement("fresh", 5)).unwrap();
    let out = cmd().args(["--format", "json"]).arg(old.path()).arg(new.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.len(), N + 2);
    let changed: Vec<&str> = reports
        .iter()
        .filter(|r| !r["findings"].as_array().unwrap().is_empty())
        .map(|r| r["new"]["agreement"].as_str().unwrap())
        .collect();
    assert_eq!(changed.len(), N / 100 + 1, "{changed:?}");
    assert!(changed.contains(&"twin") && changed.contains(&"a0") && changed.contains(&"a2900"));
    let twin =
        reports.iter().find(|r| r["new"]["agreement"] == "twin" && !r["findings"].as_array().unwrap().is_empty());
    assert!(twin.unwrap()["new"]["path"].as_str().unwrap().ends_with("twin-2.yaml"));
    assert_eq!(v["added"].as_array().unwrap().len(), 1);
    assert_eq!(v["added"][0]["agreement"], "fresh");
    assert_eq!(v["removed"][0]["agreement"], "gone");
    // A bad file, even one with no partner, is an error naming it.
    std::fs::write(new.path().join("d3/bad.yaml"), "agreement: bad\nparties: {a: A}\nclauses: [\n").unwrap();
    let out = cmd().arg(old.path()).arg(new.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.yaml:"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
}

/// Issue 9, item 13: symlinked agreements were skipped ("no agreements in
/// either directory", exit 0). Links to files and to directories are read,
/// a loop is read once, and a link that leads nowhere is an error.
#[cfg(unix)]
#[test]
fn directory_mode_follows_symlinks() {
    use std::os::unix::fs::symlink;
    let agreement = |id: &str, rate: &str| {
        format!(
            "agreement: {id}\nparties: {{a: A, b: B}}\nclauses:\n  - {{id: p, type: payment, payer: a, payee: b, rate: \"{rate}\"}}\n"
        )
    };
    let store = tempfile::tempdir().unwrap();
    std::fs::write(store.path().join("one-v1.yaml"), agreement("one", "5%")).unwrap();
    std::fs::write(store.path().join("one-v2.yaml"), agreement("one", "6%")).unwrap();
    std::fs::create_dir(store.path().join("more")).unwrap();
    std::fs::write(store.path().join("more/two.yaml"), agreement("two", "5%")).unwrap();
    let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    // Every agreement of both sides is a link: to a file, or inside a linked directory.
    symlink(store.path().join("one-v1.yaml"), old.path().join("one.yaml")).unwrap();
    symlink(store.path().join("one-v2.yaml"), new.path().join("one.yaml")).unwrap();
    symlink(store.path().join("more"), new.path().join("more")).unwrap();
    // Loops: a link back to the top, and one inside the linked directory to itself.
    symlink(new.path(), new.path().join("again")).unwrap();
    symlink(".", store.path().join("more/here")).unwrap();
    let out = cmd().args(["--format", "json"]).arg(old.path()).arg(new.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["reports"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["reports"][0]["findings"][0]["rule"], "rate-increased");
    // The linked directory is read once, though the loop leads back to it.
    let added: Vec<&str> = v["added"].as_array().unwrap().iter().map(|a| a["agreement"].as_str().unwrap()).collect();
    assert_eq!(added, ["two"], "{v}");
    // Identical through links: exit 0 and "no changes", having read the file.
    let same = tempfile::tempdir().unwrap();
    symlink(store.path().join("one-v1.yaml"), same.path().join("one.yaml")).unwrap();
    let out = cmd().arg(old.path()).arg(same.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("no agreements"));
    // A link that leads nowhere is an error, not a file passed over.
    symlink(store.path().join("missing.yaml"), new.path().join("gone.yaml")).unwrap();
    let out = cmd().arg(old.path()).arg(new.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("gone.yaml: is a symbolic link that cannot be followed"), "{err}");
    assert!(out.stdout.is_empty());
    // So is a link to itself.
    std::fs::remove_file(new.path().join("gone.yaml")).unwrap();
    symlink(new.path().join("self.yaml"), new.path().join("self.yaml")).unwrap();
    assert_eq!(cmd().arg(old.path()).arg(new.path()).output().unwrap().status.code(), Some(2));
}

#[test]
fn schema_completions_and_man_page() {
    let out = cmd().arg("schema").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let types = v["properties"]["clauses"]["items"]["properties"]["type"]["enum"].as_array().unwrap();
    for t in agreement_diff::model::schema::CLAUSE_TYPES {
        assert!(types.iter().any(|x| x == t.name));
    }
    let bash = cmd().args(["completions", "bash"]).output().unwrap();
    assert!(String::from_utf8_lossy(&bash.stdout).contains("agreement-diff"));
    let man = cmd().arg("man").output().unwrap();
    assert!(String::from_utf8_lossy(&man.stdout).contains(".TH"));
}

// --- git ---------------------------------------------------------------

struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let r = Repo { dir: tempfile::tempdir().unwrap() };
        r.git(&["init", "-q", "-b", "main"]);
        r.git(&["config", "user.email", "test@example.invalid"]);
        r.git(&["config", "user.name", "Test"]);
        r.git(&["config", "core.pager", "cat"]);
        r
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> std::process::Output {
        Std::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.path())
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn write(&self, name: &str, body: &str) {
        std::fs::write(self.path().join(name), body).unwrap();
    }

    fn commit(&self, msg: &str) {
        self.ok(&["add", "-A"]);
        self.ok(&["commit", "-q", "-m", msg]);
    }

    fn driver(&self, trust: bool) {
        self.write(".gitattributes", "*.yaml diff=agreement\n");
        self.ok(&["config", "diff.agreement.command", &bin()]);
        self.ok(&["config", "diff.agreement.trustExitCode", if trust { "true" } else { "false" }]);
    }
}

fn read(p: &str) -> String {
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn rev_path_arguments_read_through_git() {
    let repo = Repo::new();
    repo.write("x.yaml", &read(FEB));
    repo.commit("feb");
    repo.write("x.yaml", &read(APR));
    let run = |args: &[&str]| cmd().current_dir(repo.path()).args(args).output().unwrap();
    let out = run(&["--format", "json", "main:x.yaml", "x.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["old"]["path"], "main:x.yaml");
    assert!(v["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "exclusivity-dropped"));

    let missing_rev = run(&["nope:x.yaml", "x.yaml"]);
    assert_eq!(missing_rev.status.code(), Some(2));
    let err = String::from_utf8_lossy(&missing_rev.stderr);
    assert!(err.contains("nope:x.yaml") && err.contains("git"), "{err}");
    let missing_path = run(&["main:missing.yaml", "x.yaml"]);
    assert_eq!(missing_path.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing_path.stderr).contains("main:missing.yaml"));
}

#[test]
fn external_diff_driver_in_git_diff_and_log() {
    let repo = Repo::new();
    repo.driver(false);
    repo.write("x.yaml", &read(FEB));
    repo.commit("feb");
    repo.write("x.yaml", &read(APR));
    repo.commit("apr");

    let out = repo.git(&["diff", "HEAD~1", "HEAD"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("agreement-diff a/x.yaml b/x.yaml") && text.contains("exclusivity-dropped"), "{text}");

    // A rename with an edit, and an added file.
    repo.ok(&["mv", "x.yaml", "renamed.yaml"]);
    let edited = read(APR).replace("basis: revenue share", "basis: revenue share payments");
    repo.write("renamed.yaml", &edited);
    repo.write("added.yaml", &read("tests/rules/cap-added/old.yaml"));
    repo.commit("rename and add");
    let out = repo.git(&["diff", "-M", "HEAD~1", "HEAD"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("agreement-diff a/x.yaml b/renamed.yaml"), "{text}");
    assert!(text.contains("basis-changed"), "{text}");
    assert!(text.contains("agreement-diff a/added.yaml b/added.yaml") && text.contains("payment-added"), "{text}");

    let log = repo.ok(&["log", "-p", "--ext-diff", "-M"]);
    assert!(log.contains("exclusivity-dropped") && log.contains("payment-added"), "{log}");
}

#[test]
fn git_diff_exit_code_reports_semantic_equality_when_trusted() {
    let repo = Repo::new();
    repo.driver(true);
    repo.write("x.yaml", &read(FEB));
    repo.commit("feb");

    // Byte-different, same meaning: keys reordered, re-indented, a folded string re-wrapped.
    let same = read(FEB)
        .replace("agreement: microsoft-openai-partnership\nversion: \"2026-02-27\"", "version: \"2026-02-27\"\nagreement: microsoft-openai-partnership")
        .replace("    type: payment\n    payer: openai\n    payee: microsoft\n", "    type: payment\n    payee: microsoft\n    payer: openai\n")
        .replace("\n  microsoft: {name", "\n    microsoft: {name")
        .replace("\n  openai: {name", "\n    openai: {name")
        .replace("      Microsoft is the exclusive cloud provider for stateless APIs that provide access to OpenAI's\n      models and IP.", "      Microsoft is the exclusive cloud provider for stateless APIs that provide\n      access to OpenAI's models and IP.");
    assert_ne!(same, read(FEB));
    repo.write("x.yaml", &same);
    let out = repo.git(&["diff", "--exit-code"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("no changes"));

    repo.write("x.yaml", &read(APR));
    let out = repo.git(&["diff", "--exit-code"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));

    // Not trusted: a difference never makes git stop with "external diff died".
    repo.ok(&["config", "diff.agreement.trustExitCode", "false"]);
    let out = repo.git(&["diff"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // A broken file is reported in the output, not as a dead driver.
    repo.write("x.yaml", "agreement: [\n");
    let out = repo.git(&["diff"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("agreement-diff: error: b/x.yaml:"));
}
