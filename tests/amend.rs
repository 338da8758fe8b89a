//! Amendments, end to end with the real binary: `apply` consolidates, every
//! instruction that cannot apply is an error naming the amendment's line,
//! `BASE AMENDMENT` compares against the consolidation, `log` follows a chain
//! of amendments, and the shipped April 2026 amendment means what the
//! shipped 2026-04-27 version says.

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const DIR: &str = "agreements/microsoft-openai";
const BASE: &str = "tests/amend/base.yaml";

fn run(args: &[&str]) -> (i32, String, String) {
    let out = cargo_bin_cmd!("agreement-diff").env("NO_COLOR", "1").args(args).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn findings(json: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(json).unwrap();
    v["findings"].as_array().unwrap().clone()
}

/// Consolidate into a temporary file; its path.
fn consolidate(dir: &tempfile::TempDir, name: &str, args: &[&str]) -> String {
    let mut all = vec!["apply"];
    all.extend_from_slice(args);
    let (code, out, err) = run(&all);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    let path = dir.path().join(name);
    std::fs::write(&path, out).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn every_error_fixture_names_the_amendment_line_and_prints_nothing() {
    let mut seen = 0;
    let mut paths: Vec<_> = std::fs::read_dir("tests/amend/errors").unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in paths {
        let path = path.to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let expect = text.lines().next().unwrap().strip_prefix("# expect: ").expect("a `# expect:` first line");
        let (code, out, err) = run(&["apply", BASE, &path]);
        assert_eq!(code, 2, "{path}");
        assert!(out.is_empty(), "{path} printed {out}");
        let first = err.lines().next().unwrap_or_default();
        assert_eq!(first, format!("agreement-diff: error: {path}:{expect}"), "{path}");
        // Comparing against the amendment fails the same way.
        let (code, out, err) = run(&[BASE, &path]);
        assert_eq!(code, 2, "{path}");
        assert!(out.is_empty() && err.contains(expect), "{path}: {err}");
        seen += 1;
    }
    assert!(seen >= 15, "only {seen} error fixtures");
}

#[test]
fn every_error_of_an_amendment_is_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.yaml");
    std::fs::write(
        &path,
        "amends: acme-supply\ninstructions:\n  - delete: nope\n  - amend: fees\n    set: {rat: 5%}\n  - frobnicate: x\n",
    )
    .unwrap();
    let path = path.to_string_lossy().into_owned();
    let (code, out, err) = run(&["apply", BASE, &path]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    // The loader's error (line 6) stops before the instructions are applied.
    assert!(err.contains(&format!("{path}:6:5: an instruction says what to do")), "{err}");
    std::fs::write(
        &path,
        "amends: acme-supply\ninstructions:\n  - delete: nope\n  - amend: fees\n    set: {rat: 5%}\n",
    )
    .unwrap();
    let (code, _, err) = run(&["apply", BASE, &path]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(err.contains(":3:13: there is no clause `nope`") && err.contains(":5:11: clause `fees`"), "{err}");
}

#[test]
fn every_instruction_kind_consolidates() {
    let (code, out, err) = run(&["apply", BASE, "tests/amend/amendment.yaml"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("consolidated", out);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("consolidated.yaml");
    std::fs::write(&path, &out).unwrap();
    let (code, _, err) = run(&["check", &path.to_string_lossy()]);
    assert_eq!(code, 0, "the consolidation loads: {err}");
    // In the order the instructions leave: recitals first, audit moved after the licence, notices last.
    let ids: Vec<&str> = out.lines().filter_map(|l| l.strip_prefix("  - id: ")).collect();
    assert_eq!(ids, ["recitals", "supply", "fees", "licence", "audit", "law", "notices"]);
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("\"Acme shall supply the Products within 45 days of each order.\""), "{out}");
    assert!(flat.contains("The fee is payable in advance and non-refundable. Late payments bear interest."));
    assert!(flat.contains("Acme grants Buyer a non-exclusive licence"));
    assert!(out.contains("version: \"2\"") && out.contains("previous: \"1\"") && out.contains("effective: 2026-06-01"));
    assert!(!out.contains("Products: ") && out.contains("Territory"));
}

#[test]
fn comparing_with_an_amendment_reports_its_changes_at_its_lines() {
    let (code, out, _) = run(&["--format", "json", BASE, "tests/amend/amendment.yaml"]);
    assert_eq!(code, 1);
    let f = findings(&out);
    let find = |rule: &str, clause: &str| {
        f.iter()
            .find(|x| x["rule"] == rule && x["clause"] == clause)
            .unwrap_or_else(|| panic!("{rule} {clause}: {out}"))
    };
    let dropped = find("exclusivity-dropped", "licence");
    assert_eq!(dropped["new_line"], 24, "the line of `exclusive:` in the amendment");
    assert_eq!(find("right-granted", "audit")["favours"][0], "buyer");
    find("deadline-extended", "supply");
}

#[test]
fn the_april_2026_amendment_means_what_the_april_2026_version_says() {
    let dir = tempfile::tempdir().unwrap();
    let amendment = format!("{DIR}/2026-04-27-amendment.yaml");
    let consolidated = consolidate(&dir, "c.yaml", &[&format!("{DIR}/2026-02-27.yaml"), &amendment]);
    let (code, out, err) = run(&["--format", "json", &consolidated, &format!("{DIR}/2026-04-27.yaml")]);
    assert!(err.is_empty(), "{err}");
    assert_eq!(findings(&out), Vec::<Value>::new(), "no finding at all");
    assert_eq!(code, 0);

    // "The original vs. the April 2026 amendment", literally: the same findings as against the version.
    let rules = |new: &str| {
        let (code, out, _) = run(&["--format", "json", &format!("{DIR}/2026-02-27.yaml"), new]);
        assert_eq!(code, 1);
        let mut r: Vec<(String, String)> = findings(&out)
            .iter()
            .map(|f| (f["rule"].as_str().unwrap().to_string(), f["clause"].as_str().unwrap_or("").to_string()))
            .collect();
        r.sort();
        r
    };
    assert_eq!(rules(&amendment), rules(&format!("{DIR}/2026-04-27.yaml")));
}

#[test]
fn log_follows_a_base_and_its_amendments() {
    let dir = tempfile::tempdir().unwrap();
    let second = dir.path().join("second.yaml");
    std::fs::write(
        &second,
        "amends: acme-supply\nbase-version: \"2\"\nversion: \"3\"\ninstructions:\n  - delete: notices\n",
    )
    .unwrap();
    let second = second.to_string_lossy().into_owned();
    let (code, out, err) = run(&["log", "--format", "json", BASE, "tests/amend/amendment.yaml", &second]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let steps = v.as_array().or_else(|| v["steps"].as_array()).unwrap_or_else(|| panic!("{out}"));
    assert_eq!(steps.len(), 2);
    // Two amendments applied one after the other, as `apply` does.
    let (code, out, _) = run(&["apply", BASE, "tests/amend/amendment.yaml", &second]);
    assert_eq!(code, 0);
    assert!(out.contains("version: \"3\"") && !out.contains("id: notices"));
    // The second alone does not amend the base (version 1).
    let (code, out, err) = run(&["apply", BASE, &second]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains(&format!("{second}:2:15: this amendment amends version `2`")), "{err}");
}

#[test]
fn an_amendment_is_not_a_base_and_an_agreement_is_not_an_amendment() {
    let (code, out, err) = run(&["apply", "tests/amend/amendment.yaml", BASE]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("this is an amendment: give the agreement it amends first"), "{err}");
    let (code, out, err) = run(&["apply", BASE, BASE]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("this is an agreement, not an amendment"), "{err}");
}
