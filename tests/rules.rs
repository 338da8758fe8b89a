//! One test per rule (`cargo test --test rules cap-lowered` runs one): its
//! fixture pair under `tests/rules/<id>/` (`old.yaml`/`new.yaml`, or `.md`, or
//! `.txt`) triggers it, reading the pair
//! backwards reports something, and its text report matches a reviewed
//! snapshot. Also: every fixture folder names a rule, and `docs/rules.md` is
//! what `agreement-diff rules --markdown` prints.
//!
//! A rule may have further cases, each a sub-folder with its own pair
//! (`tests/rules/cap-lowered/mutual/old.yaml`), tested the same way under
//! the name `cap-lowered/mutual` with the snapshot `cap-lowered__mutual`.
//!
//! A custom harness (libtest-mimic) gives each rule a test named by its id,
//! so one failure does not hide the others.

use std::path::Path;

use agreement_diff::render::{Format, render, rules_markdown};
use agreement_diff::{LoadOptions, RULES, Rule, diff_files};
use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    let mut trials: Vec<Trial> = RULES.iter().map(|r| Trial::test(r.id, move || rule(r.rule))).collect();
    for r in RULES {
        for case in cases(r.id) {
            let name = format!("{}/{case}", r.id);
            trials.push(Trial::test(name, move || fixture(r.rule, &format!("tests/rules/{}/{case}", r.id), &case)));
        }
    }
    trials.push(Trial::test("every-fixture-folder-names-a-rule", fixture_folders_name_rules));
    trials.push(Trial::test("docs-rules-md-is-generated-and-fresh", docs_are_fresh));
    libtest_mimic::run(&args, trials).exit();
}

/// The further cases of a rule: its fixture folder's sub-folders.
fn cases(id: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(format!("tests/rules/{id}"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    out.sort();
    out
}

fn rule(rule: Rule) -> Result<(), Failed> {
    fixture(rule, &format!("tests/rules/{}", rule.id()), "")
}

/// The fixture pair in `dir` triggers `rule`, and so on (see the module doc).
fn fixture(rule: Rule, dir: &str, case: &str) -> Result<(), Failed> {
    let id = rule.id();
    // A fixture pair is YAML, Markdown or plain text.
    let pair = ["yaml", "md", "txt"]
        .iter()
        .map(|ext| (format!("{dir}/old.{ext}"), format!("{dir}/new.{ext}")))
        .find(|(old, new)| Path::new(old).is_file() && Path::new(new).is_file());
    let Some((old, new)) = pair else {
        return Err(format!(
            "{id} has no fixture pair {dir}/old.yaml and new.yaml (or .md, .txt; scripts/new-rule.sh {id} makes one)"
        )
        .into());
    };
    let report = diff_files(&old, &new, &LoadOptions::default()).map_err(|e| e.to_string())?;
    if !report.findings.iter().any(|f| f.rule == rule) {
        let found: Vec<&str> = report.findings.iter().map(|f| f.rule.id()).collect();
        return Err(format!("the fixture for {id} does not trigger it: {found:?}").into());
    }
    let backwards = diff_files(&new, &old, &LoadOptions::default()).map_err(|e| e.to_string())?;
    if backwards.findings.is_empty() {
        return Err(format!("{id} read backwards reports nothing").into());
    }
    if let Some(mirror) = rule.info().mirror
        && !backwards.findings.iter().any(|f| f.rule == mirror)
    {
        return Err(format!("{id} read backwards does not report its mirror {}", mirror.id()).into());
    }
    let snapshot = if case.is_empty() { id.to_string() } else { format!("{id}__{case}") };
    insta::assert_snapshot!(snapshot, render(&report, Format::Text, false));
    Ok(())
}

fn fixture_folders_name_rules() -> Result<(), Failed> {
    for entry in std::fs::read_dir("tests/rules").map_err(|e| e.to_string())? {
        let name = entry.map_err(|e| e.to_string())?.file_name().into_string().map_err(|_| "non-UTF-8 name")?;
        if Rule::from_id(&name).is_none() {
            return Err(format!("tests/rules/{name} names no rule").into());
        }
    }
    Ok(())
}

fn docs_are_fresh() -> Result<(), Failed> {
    let doc = std::fs::read_to_string("docs/rules.md").map_err(|e| e.to_string())?;
    if doc != rules_markdown() {
        return Err("docs/rules.md is stale: run `cargo run -- rules --markdown > docs/rules.md`".into());
    }
    Ok(())
}
