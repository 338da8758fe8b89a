//! Trust fixes (issue 9): ways past the CI gate and silent wrong answers,
//! through the real binary and, for `REV:PATH`, a real git repository.

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

mod common;
use common::Repo;

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

impl Repo {
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

// --- item 1: `REV:PATH` cannot be shadowed by a file on disk --------------

#[test]
fn a_file_named_like_rev_path_does_not_make_the_diff_read_itself() {
    let repo = Repo::new();
    repo.write("agreements/x.yaml", &read(FEB));
    repo.commit("base: february");
    // The pull request: the amendment, plus a copy of it under the name the
    // CI job gives for the base version.
    repo.ok(&["checkout", "-q", "-b", "pr"]);
    repo.write("agreements/x.yaml", &read(APR));
    repo.write("main:agreements/x.yaml", &read(APR));
    repo.commit("pr: amendment and decoy");

    let out = repo.run(&["--fail-on", "commercial", "main:agreements/x.yaml", "agreements/x.yaml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains("main:agreements/x.yaml: is ambiguous"), "{err}");
    assert!(err.contains("write `./main:agreements/x.yaml` to read the file"), "{err}");
    // The same refusal whichever side the argument is on, and in `check`.
    let swapped = repo.run(&["agreements/x.yaml", "main:agreements/x.yaml"]);
    assert_eq!(swapped.status.code(), Some(2), "{}", stderr(&swapped));
    let check = repo.run(&["check", "main:agreements/x.yaml"]);
    assert_eq!(check.status.code(), Some(2), "{}", stderr(&check));

    // `./` (or an absolute path) names the local file: it is the new text.
    let local = repo.run(&["./main:agreements/x.yaml", "agreements/x.yaml"]);
    assert_eq!(local.status.code(), Some(0), "{}", stderr(&local));
    let absolute = repo.path().join("main:agreements/x.yaml").display().to_string();
    let local = repo.run(&[&absolute, "agreements/x.yaml"]);
    assert_eq!(local.status.code(), Some(0), "{}", stderr(&local));

    // Without the decoy the argument is the base revision's file, read through git.
    std::fs::remove_dir_all(repo.path().join("main:agreements")).unwrap();
    let out = repo.run(&["--format", "json", "main:agreements/x.yaml", "agreements/x.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["old"]["path"], "main:agreements/x.yaml");
    assert!(v["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "exclusivity-dropped"));
}

#[test]
fn the_diff_driver_reads_a_work_tree_file_named_like_rev_path() {
    // git hands the external driver file names; one that looks like `main:x.yaml` is still a file.
    let repo = Repo::new();
    repo.write(".gitattributes", "*.yaml diff=agreement\n");
    repo.ok(&[
        "config",
        "diff.agreement.command",
        &assert_cmd::cargo::cargo_bin!("agreement-diff").display().to_string(),
    ]);
    repo.write("main:x.yaml", &read(FEB));
    repo.commit("feb");
    repo.write("main:x.yaml", &read(APR));
    let out = repo.git(&["diff"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(text.contains("exclusivity-dropped"), "{text}{}", stderr(&out));
    assert!(!stderr(&out).contains("ambiguous"), "{}", stderr(&out));
}

#[test]
fn a_local_file_with_a_colon_is_read_when_its_prefix_is_no_revision() {
    let repo = Repo::new();
    repo.write("x.yaml", &read(FEB));
    repo.commit("feb");
    repo.write("notes:v2.yaml", &read(APR));
    let out = repo.run(&["--format", "json", "x.yaml", "notes:v2.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["new"]["path"], "notes:v2.yaml");
    // A name like that which is not on disk goes to git, which says why it fails.
    let out = repo.run(&["x.yaml", "nope:x.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope:x.yaml: git"), "{}", stderr(&out));
}

// --- item 8: numbers in long prose are compared in linear time -----------

fn one_clause(text: &str) -> String {
    format!(
        "agreement: x\nparties:\n  a: {{name: Alpha}}\n  b: {{name: Beta}}\nclauses:\n  - id: c\n    text: \"{text}\"\n"
    )
}

#[test]
fn many_distinct_word_digit_mismatches_give_the_one_new_one() {
    // 30,000 distinct "one (N)" mismatches on each side (this comparison was quadratic too).
    let many = (2..30_002).map(|i| format!("one ({i})")).collect::<Vec<_>>().join(" ");
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    std::fs::write(&old, one_clause(&many)).unwrap();
    std::fs::write(&new, one_clause(&format!("two (1) {many}"))).unwrap();
    let out = cmd().args(["--format", "json"]).arg(&old).arg(&new).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "number-changed-in-text").unwrap();
    assert_eq!(f["message"], "Words and digits disagree in the wording of \"c\": two (1).");
}

// --- item 10: the word diff keeps every space -------------------------------

#[test]
fn word_diff_pieces_spell_both_texts_in_the_shipped_pair() {
    // The October 2025 → February 2026 rewordings stand as findings of their own.
    let out = cmd().args(["--format", "json", "agreements/microsoft-openai/2025-10-28.yaml", FEB]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut checked = 0;
    for f in v["findings"].as_array().unwrap() {
        let Some(words) = f["words"].as_array() else { continue };
        let side = |skip: &str| {
            words.iter().filter(|w| w["op"] != skip).map(|w| w["text"].as_str().unwrap()).collect::<String>()
        };
        assert_eq!(side("inserted"), fold(f["old"]["value"].as_str().unwrap()), "{f}");
        assert_eq!(side("deleted"), fold(f["new"]["value"].as_str().unwrap()), "{f}");
        checked += 1;
    }
    assert!(checked >= 3, "{checked} word diffs");

    // The two readings named in the issue, "atotal cap." and "toOpenAI", never come back; the
    // licence's wording (corrected to verbatim quotes since) keeps the spaces around a word
    // both sides share.
    let text = cmd().args(["--color", "never", FEB, APR]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(!text.contains("atotal cap") && !text.contains("toOpenAI"), "{text}");
    assert!(text.contains("subject to a total cap.+}"), "{text}");
    assert!(
        text.contains("2032-]{+Microsoft will continue to have a license to OpenAI IP for models+} and [-now "),
        "{text}"
    );
}

// --- item 15: numbers and names in prose ------------------------------------

fn parties_yaml(name: &str) -> String {
    format!(
        "agreement: x\nparties:\n  a: {{name: \"{name}\"}}\n  b: {{name: Beta}}\nclauses:\n  - id: c\n    text: Alpha pays Beta.\n"
    )
}

fn json_of(old: &str, new: &str) -> (i32, Value) {
    let dir = tempfile::tempdir().unwrap();
    let (o, n) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    std::fs::write(&o, old).unwrap();
    std::fs::write(&n, new).unwrap();
    let out = cmd().args(["--format", "json"]).arg(&o).arg(&n).output().unwrap();
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn a_party_name_changed_only_from_nfc_to_nfd_is_reformatted_not_renamed() {
    // "Société Générale": precomposed é (NFC) against e + U+0301 (NFD), as YAML escapes.
    let (code, v) = json_of(
        &parties_yaml("Soci\\u00E9t\\u00E9 G\\u00E9n\\u00E9rale"),
        &parties_yaml("Socie\\u0301te\\u0301 Ge\\u0301ne\\u0301rale"),
    );
    assert_eq!(code, 1);
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["rule"], "text-reformatted");
    assert_eq!(findings[0]["materiality"], "administrative");
    assert_eq!(findings[0]["field"], "parties.a");
    let message = findings[0]["message"].as_str().unwrap();
    assert!(message.starts_with("Only the Unicode form (NFC/NFD) of the name of party `a` changed"), "{message}");
    // A real rename is still one.
    let (_, v) = json_of(&parties_yaml("Soci\\u00E9t\\u00E9 G\\u00E9n\\u00E9rale"), &parties_yaml("Societe Generale"));
    assert_eq!(v["findings"][0]["rule"], "party-renamed");
}

#[test]
fn sign_changes_and_dates_in_prose_are_reported_as_written() {
    let text =
        |t: &str| format!("agreement: x\nparties:\n  a: {{name: Alpha}}\nclauses:\n  - id: c\n    text: \"{t}\"\n");
    let numbers = |old: &str, new: &str| {
        let (code, v) = json_of(&text(old), &text(new));
        assert_eq!(code, 1, "{v}");
        // A sign or a date flipped in prose is never graded harmless: it is read as a
        // change of value, or put to a reader.
        let f = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["materiality"] == "commercial" || f["materiality"] == "substantive")
            .cloned();
        let f = f.unwrap_or_else(|| panic!("nothing substantive for {old:?} -> {new:?}: {v}"));
        format!("{}: {}", f["rule"].as_str().unwrap(), f["message"].as_str().unwrap())
    };
    assert_eq!(
        numbers("Prices rise by 5% a year.", "Prices rise by -5% a year."),
        "rate-decreased: Rate decreased in \"c\": from 5% to -5%."
    );
    assert_eq!(
        numbers("Alpha books USD 1,000,000 of profit.", "Alpha books USD (1,000,000) of profit."),
        "amount-decreased: Amount decreased in \"c\": from USD 1,000,000 to USD -1,000,000."
    );
    let date = numbers("Effective 2026-04-27.", "Effective 2026-05-27.");
    assert!(date.starts_with("text-changed: ") && date.contains("\"2026-04-27\" became \"2026-05-27\""), "{date}");
}

/// Issue 9, item 11: a removed clause is annotated beside where it stood in
/// the new file (after its surviving predecessor), never at its old line
/// number, which in the new file is an unrelated clause.
#[test]
fn a_removed_clause_is_annotated_where_it_stood_not_at_its_old_line() {
    let dir = tempfile::tempdir().unwrap();
    let head = "agreement: x\nparties: {a: {name: Acme}, b: {name: Beta}}\nclauses:\n";
    let first = "  - id: first\n    text: First.\n";
    let gone = "  - id: gone\n    type: payment\n    payer: a\n    payee: b\n    rate: 5%\n";
    let last = "  - id: last\n    text: Last.\n";
    let old = dir.path().join("old.yaml");
    let new = dir.path().join("new.yaml");
    let (old_text, new_text) = (format!("{head}{first}{gone}{last}"), format!("{head}{first}{last}"));
    std::fs::write(&old, &old_text).unwrap();
    std::fs::write(&new, &new_text).unwrap();
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let (code, v) = json_of(&old_text, &new_text);
    assert_eq!(code, 1);
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "payment-removed");
    assert_eq!(f["old_line"], 6);
    assert!(f["new_line"].is_null());
    // The surviving predecessor, `first`, is on line 4 of the new file; line
    // 6 of the new file is `last`, which did not change.
    assert_eq!(f["removed_at"]["new_line"], 4);
    assert_eq!(f["removed_at"]["place"], "after");
    let out = cmd().args(["--no-config", "--format", "github", old, new]).output().unwrap();
    let annotations = String::from_utf8(out.stdout).unwrap();
    assert!(annotations.contains(&format!("file={},line=4,", new.replace(':', "%3A"))), "{annotations}");
    assert!(annotations.contains("::Removed after this clause: Acme no longer pays Beta."), "{annotations}");
    assert!(!annotations.contains("line=6"), "{annotations}");
}

/// Issue 9, item 12: a clause renamed and changed (`fees` → `revenue-share`,
/// rate 30% → 35%) is one clause: a rename plus the rate rise, not a payment
/// removed and another added.
#[test]
fn a_clause_renamed_and_changed_is_paired_and_its_fields_compared() {
    let clause = |id: &str, rate: &str| {
        format!(
            "agreement: x\nparties: {{a: {{name: Acme}}, b: {{name: Beta}}}}\nclauses:\n  - id: {id}\n    type: payment\n    payer: a\n    payee: b\n    basis: fee\n    rate: {rate}\n"
        )
    };
    let (_, v) = json_of(&clause("fees", "30%"), &clause("revenue-share", "35%"));
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["clause-renamed", "rate-increased"], "{v}");
    assert_eq!(v["findings"][1]["favours"][0], "b");
    // Two different payments between the same parties stay two clauses.
    let other = "agreement: x\nparties: {a: {name: Acme}, b: {name: Beta}}\nclauses:\n  - id: royalty\n    type: payment\n    payer: a\n    payee: b\n    basis: royalty\n    amount: USD 100\n";
    let (_, v) = json_of(&clause("fees", "30%"), other);
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["payment-added", "payment-removed"], "{v}");
}

/// Issue 9, item 4: bidirectional controls anywhere in the file, comments
/// included (Trojan Source), are reported, escaped; reading the change
/// backwards reports nothing new.
#[test]
fn bidi_controls_in_comments_are_reported() {
    let plain = "agreement: x\nparties: {a: {name: A}, b: {name: B}}\n# Note\nclauses:\n  - id: p\n    type: payment\n    payer: a\n    payee: b\n    rate: 5%\n";
    let hidden = plain.replace("# Note", "# Note \u{202E}evil\u{202C}");
    let (code, v) = json_of(plain, &hidden);
    assert_eq!(code, 1, "{v}");
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "hidden-characters").expect("reported");
    assert_eq!(f["materiality"], "commercial");
    assert_eq!(f["new_line"], 3);
    assert!(f["message"].as_str().unwrap().contains("U+202E at line 3"), "{f}");
    let (code, _) = json_of(&hidden, &hidden);
    assert_eq!(code, 0, "the same file twice has no change");
    // In text output the control itself is never printed raw.
    let dir = tempfile::tempdir().unwrap();
    let (o, n) = (dir.path().join("o.md"), dir.path().join("n.md"));
    std::fs::write(&o, "# Terms\n\n1. **Fees**. Acme pays Beta.\n").unwrap();
    std::fs::write(&n, "# Terms\n\n<!-- \u{2066}x\u{2069} -->\n1. **Fees**. Acme pays Beta.\n").unwrap();
    let out = cmd().args(["--no-config"]).arg(&o).arg(&n).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("hidden-characters") && text.contains("U+2066 at line 3"), "{text}");
    assert!(!text.contains('\u{2066}'));
}
