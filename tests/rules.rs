//! Every rule in the catalogue has a fixture pair under `tests/rules/<id>/`
//! that triggers it, and a reviewed snapshot of its text report.

use std::path::Path;

use agreement_diff::render::{Format, render};
use agreement_diff::{LoadOptions, RULES, diff_files};

#[test]
fn every_rule_has_a_fixture_pair_that_triggers_it_and_a_snapshot() {
    let mut missing = Vec::new();
    for rule in RULES {
        let dir = format!("tests/rules/{}", rule.id);
        let (old, new) = (format!("{dir}/old.yaml"), format!("{dir}/new.yaml"));
        if !Path::new(&old).is_file() || !Path::new(&new).is_file() {
            missing.push(rule.id);
            continue;
        }
        let report = diff_files(&old, &new, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            report.findings.iter().any(|f| f.rule.id == rule.id),
            "the fixture for {} does not trigger it: {:?}",
            rule.id,
            report.findings.iter().map(|f| f.rule.id).collect::<Vec<_>>()
        );
        insta::assert_snapshot!(rule.id, render(&report, Format::Text, false));
    }
    assert!(missing.is_empty(), "rules without a fixture pair: {missing:?}");
}

#[test]
fn every_fixture_directory_belongs_to_a_rule() {
    for entry in std::fs::read_dir("tests/rules").unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(RULES.iter().any(|r| r.id == name), "tests/rules/{name} names no rule");
    }
}

#[test]
fn reversing_a_fixture_never_panics_and_reports_something() {
    for rule in RULES {
        let dir = format!("tests/rules/{}", rule.id);
        let report =
            diff_files(&format!("{dir}/new.yaml"), &format!("{dir}/old.yaml"), &LoadOptions::default()).unwrap();
        assert!(!report.findings.is_empty(), "{} reversed reports nothing", rule.id);
    }
}

#[test]
fn docs_rules_md_lists_every_rule_with_its_explanation() {
    let doc = std::fs::read_to_string("docs/rules.md").unwrap();
    for rule in RULES {
        assert!(doc.contains(&format!("## `{}`", rule.id)), "docs/rules.md lacks {}", rule.id);
        assert!(doc.contains(rule.explanation), "docs/rules.md has a stale explanation for {}", rule.id);
    }
}
