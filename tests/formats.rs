//! Snapshots of every output format for the standing example.

use agreement_diff::render::{Format, render};
use agreement_diff::{LoadOptions, diff_files};

const FEB: &str = "agreements/microsoft-openai/2026-02-27.yaml";
const APR: &str = "agreements/microsoft-openai/2026-04-27.yaml";

#[test]
fn text_report() {
    let report = diff_files(FEB, APR, &LoadOptions::default()).unwrap();
    insta::assert_snapshot!("microsoft_openai_2026_text", render(&report, Format::Text, false));
}

#[test]
fn text_report_with_colour() {
    let report = diff_files(FEB, APR, &LoadOptions::default()).unwrap();
    let out = render(&report, Format::Text, true);
    assert!(out.contains("\x1b[31m"), "deletions are red");
    assert!(out.contains("\x1b[32m"), "insertions are green");
    assert!(!out.contains("[-"), "no markers when coloured");
}

#[test]
fn json_report() {
    let report = diff_files(FEB, APR, &LoadOptions::default()).unwrap();
    insta::assert_snapshot!("microsoft_openai_2026_json", render(&report, Format::Json, false));
}

#[test]
fn every_json_finding_appears_in_the_text_report() {
    let report = diff_files(FEB, APR, &LoadOptions::default()).unwrap();
    let text = render(&report, Format::Text, false);
    let json: serde_json::Value = serde_json::from_str(&render(&report, Format::Json, false)).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), report.findings.len());
    let rule_lines =
        text.lines().filter(|l| l.trim_start().starts_with(char::is_uppercase) && l.contains("  ")).count();
    assert!(rule_lines >= findings.len());
    for f in findings {
        assert!(text.contains(f["rule"].as_str().unwrap()));
        if f["rule"] == "metadata-changed" {
            // The metadata changes of a new version are one line that names each.
            let field = f["field"].as_str().unwrap().replace("previous", "previous version");
            let line = text.lines().find(|l| l.contains("Version 2026-04-27 (was 2026-02-27)")).unwrap();
            assert!(line.contains(&field), "the metadata line lacks {field}: {line}");
            continue;
        }
        assert!(text.contains(f["message"].as_str().unwrap()), "text lacks: {}", f["message"]);
    }
}
