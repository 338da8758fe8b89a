//! Trust fixes (issue 9): ways past the CI gate and silent wrong answers,
//! through the real binary and, for `REV:PATH`, a real git repository.

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
