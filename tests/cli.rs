//! The real binary, end to end: acceptance for the standing example, exit
//! statuses, bad input, colour and pipes.

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const DIR: &str = "agreements/microsoft-openai";

fn cmd() -> Command {
    let mut c = cargo_bin_cmd!("agreement-diff");
    c.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    c
}

fn json(old: &str, new: &str) -> (i32, Value) {
    let out = cmd().args(["--format", "json", old, new]).output().unwrap();
    let code = out.status.code().unwrap();
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    (code, serde_json::from_slice(&out.stdout).unwrap())
}

fn findings<'a>(v: &'a Value, rule: &str, clause: &str) -> Vec<&'a Value> {
    v["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == rule && f["clause"] == clause).collect()
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect()
}

#[test]
fn amendment_of_april_2026_reports_what_a_reviewer_reads() {
    let (code, v) = json(&format!("{DIR}/2026-02-27.yaml"), &format!("{DIR}/2026-04-27.yaml"));
    assert_eq!(code, 1);

    let ip = findings(&v, "exclusivity-dropped", "ip-license");
    assert_eq!(ip.len(), 1);
    assert_eq!(strs(&ip[0]["favours"]), ["openai"]);
    assert_eq!(strs(&ip[0]["disfavours"]), ["microsoft"]);
    assert_eq!(ip[0]["materiality"], "commercial");
    assert!(ip[0]["old_line"].is_u64() && ip[0]["new_line"].is_u64());

    let cloud = findings(&v, "exclusivity-dropped", "azure-exclusivity");
    assert_eq!(cloud.len(), 1);
    assert_eq!(strs(&cloud[0]["favours"]), ["openai"]);

    let paid = findings(&v, "payment-removed", "revenue-share-microsoft-to-openai");
    assert_eq!(paid.len(), 1);
    assert_eq!(strs(&paid[0]["favours"]), ["microsoft"]);
    assert!(paid[0]["new_line"].is_null());

    let cap = findings(&v, "cap-added", "revenue-share-openai-to-microsoft");
    assert_eq!(cap.len(), 1);
    assert_eq!(strs(&cap[0]["favours"]), ["openai"]);
    assert_eq!(cap[0]["new"]["type"], "undisclosed");

    let end = findings(&v, "term-condition-changed", "revenue-share-openai-to-microsoft");
    assert_eq!(end.len(), 1);
    assert_eq!(end[0]["old"]["event"], "the expert panel verifies AGI");
    assert_eq!(end[0]["new"]["date"], "2030-12-31");

    let ship = findings(&v, "right-granted", "azure-ship-first");
    assert_eq!(ship.len(), 1);
    assert_eq!(strs(&ship[0]["favours"]), ["microsoft"]);
    let unless = &ship[0]["new"]["fields"]["unless"]["items"];
    assert_eq!(strs(unless), ["Microsoft cannot and chooses not to support the necessary capabilities"]);

    // The percentage did not change: no rate finding.
    assert!(v["findings"].as_array().unwrap().iter().all(|f| !f["rule"].as_str().unwrap().starts_with("rate-")));
}

/// The February 2026 joint statement says nothing changed; it rewords three commercial clauses
/// (exclusivity, the two revenue shares) in ways no rule explains. They are put to a reader as
/// commercial "review it" findings naming no party, never passed as harmless.
#[test]
fn joint_statement_of_february_2026_rewords_commercial_terms_for_review() {
    let (code, v) = json(&format!("{DIR}/2025-10-28.yaml"), &format!("{DIR}/2026-02-27.yaml"));
    assert_eq!(code, 1, "wording and metadata did change");
    let loud: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["materiality"] == "substantive" || f["materiality"] == "commercial")
        .collect();
    assert_eq!(loud.len(), 3, "{loud:?}");
    for f in loud {
        assert_eq!((f["rule"].as_str(), f["source"].as_str()), (Some("text-changed"), Some("text")), "{f}");
        assert_eq!(f["favours"], serde_json::json!([]), "{f}");
        assert!(f["message"].as_str().unwrap().ends_with("review it."), "{f}");
    }
    let gate = |level: &str| {
        cmd()
            .args(["--fail-on", level, &format!("{DIR}/2025-10-28.yaml"), &format!("{DIR}/2026-02-27.yaml")])
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(gate("commercial"), Some(1));
}

#[test]
fn fail_on_commercial_trips_on_the_april_amendment() {
    cmd()
        .args(["--fail-on", "commercial", &format!("{DIR}/2026-02-27.yaml"), &format!("{DIR}/2026-04-27.yaml")])
        .assert()
        .code(1);
}

#[test]
fn the_same_file_twice_is_no_change() {
    let f = format!("{DIR}/2026-04-27.yaml");
    let out = cmd().args([&f, &f]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("no changes"));
    let (code, v) = json(&f, &f);
    assert_eq!(code, 0);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
    assert_eq!(v["schema_version"], 1);
}

#[test]
fn every_version_of_the_chain_checks_and_diffs() {
    let files: Vec<String> = ["2019-07-22", "2023-01-23", "2025-01-21", "2025-10-28", "2026-02-27", "2026-04-27"]
        .iter()
        .map(|v| format!("{DIR}/{v}.yaml"))
        .collect();
    cmd().arg("check").args(&files).assert().code(0);
    for w in files.windows(2) {
        let (code, _) = json(&w[0], &w[1]);
        assert_eq!(code, 1, "{} → {}", w[0], w[1]);
    }
}

fn write(dir: &tempfile::TempDir, name: &str, body: &[u8]) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, body).unwrap();
    p.to_str().unwrap().to_string()
}

const GOOD: &str = "agreement: x\nparties:\n  a: {name: A}\n  b: {name: B}\nclauses:\n  - id: pay\n    type: payment\n    payer: a\n    payee: b\n    rate: 5%\n";

/// Bad input: exit 2, nothing on stdout, and `file:line:col` in the message.
fn bad(body: &[u8], expect_line_col: Option<&str>, expect_text: &str) {
    let dir = tempfile::tempdir().unwrap();
    let good = write(&dir, "good.yaml", GOOD.as_bytes());
    let file = write(&dir, "bad.yaml", body);
    let out = cmd().args([&good, &file]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(out.stdout.is_empty(), "partial report: {}", String::from_utf8_lossy(&out.stdout));
    if let Some(lc) = expect_line_col {
        assert!(err.contains(&format!("{file}:{lc}:")), "no {file}:{lc} in: {err}");
    } else {
        assert!(err.contains(&file), "{err}");
    }
    assert!(err.contains(expect_text), "no `{expect_text}` in: {err}");
    // `check` agrees.
    cmd().args(["check", &file]).assert().code(2);
}

#[test]
fn yaml_syntax_error() {
    bad(b"agreement: x\nparties: [a, b\n", Some("2"), "");
}

#[test]
fn unknown_key_suggests_the_closest() {
    bad(GOOD.replace("rate: 5%", "rat: 5%").as_bytes(), Some("10:5"), "did you mean `rate`");
    bad(
        b"agreement: x\nparties:\n  a: {name: A}\n  b: {name: B}\nclauses:\n  - id: l\n    type: license\n    licensor: a\n    licensee: b\n    exlusive: true\n",
        Some("10:5"),
        "did you mean `exclusive`",
    );
}

#[test]
fn duplicate_key() {
    bad(GOOD.replace("rate: 5%", "rate: 5%\n    rate: 6%").as_bytes(), Some("11:5"), "duplicate");
}

#[test]
fn duplicate_clause_id() {
    let body = format!("{GOOD}  - id: pay\n    type: text\n");
    bad(body.as_bytes(), Some("11"), "duplicate clause id `pay`");
}

#[test]
fn undefined_party() {
    bad(GOOD.replace("payee: b", "payee: c").as_bytes(), Some("9:12"), "not a key of `parties`");
}

#[test]
fn impossible_date() {
    bad(GOOD.replace("rate: 5%", "rate: 5%\n    until: 2026-02-30").as_bytes(), Some("11:12"), "has 28 days");
}

#[test]
fn bad_percentage() {
    bad(GOOD.replace("rate: 5%", "rate: 1e400%").as_bytes(), Some("10:11"), "rate");
    bad(GOOD.replace("rate: 5%", "rate: five percent").as_bytes(), Some("10:11"), "percentage");
}

#[test]
fn yaml_1_1_scalars_are_not_converted() {
    bad(
        b"agreement: x\nparties:\n  a: {name: A}\n  b: {name: B}\nclauses:\n  - id: l\n    type: license\n    licensor: a\n    licensee: b\n    sublicensable: no\n",
        Some("10:20"),
        "true or false",
    );
}

#[test]
fn non_utf8_file() {
    bad(b"agreement: x\nparties: \xff\n", Some("2:10"), "UTF-8");
}

#[test]
fn missing_file() {
    let out = cmd().args([&format!("{DIR}/2026-04-27.yaml"), "no/such/file.yaml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.yaml: no such file"));
}

#[test]
fn directory_given_as_a_file() {
    let out = cmd().args([DIR, &format!("{DIR}/2026-04-27.yaml")]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a directory"));
}

#[test]
fn file_over_the_size_cap_is_refused_before_parsing() {
    let out = cmd()
        .args(["--max-bytes", "100", &format!("{DIR}/2026-02-27.yaml"), &format!("{DIR}/2026-04-27.yaml")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("limit of 100"));
}

#[test]
fn moved_and_renumbered_clause_is_administrative_only() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(&dir, "old.yaml", b"agreement: x\nparties: {a: A}\nclauses:\n  - {id: one, number: \"1\", text: First.}\n  - {id: two, number: \"2\", text: Second.}\n  - {id: three, number: \"3\", text: Third.}\n");
    let new = write(&dir, "new.yaml", b"agreement: x\nparties: {a: A}\nclauses:\n  - {id: two, number: \"2\", text: Second.}\n  - {id: three, number: \"3\", text: Third.}\n  - {id: one, number: \"4\", text: First.}\n");
    let (code, v) = json(&old, &new);
    assert_eq!(code, 1);
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["clause-moved", "clause-renumbered"]);
    assert!(v["findings"].as_array().unwrap().iter().all(|f| f["materiality"] == "administrative"));
}

#[test]
fn renamed_clause_with_unchanged_content_is_only_a_rename() {
    let (code, v) = json("tests/rules/clause-renamed/old.yaml", "tests/rules/clause-renamed/new.yaml");
    assert_eq!(code, 1);
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["clause-renamed"]);
}

#[test]
fn swapped_payer_and_payee_is_a_commercial_reversal() {
    let (_, v) =
        json("tests/rules/payment-direction-reversed/old.yaml", "tests/rules/payment-direction-reversed/new.yaml");
    let f = findings(&v, "payment-direction-reversed", "royalty");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["materiality"], "commercial");
    assert_eq!(strs(&f[0]["favours"]), ["beta"]);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1, "no separate party-substituted findings");
}

#[test]
fn colour_follows_the_environment() {
    let args = [format!("{DIR}/2026-02-27.yaml"), format!("{DIR}/2026-04-27.yaml")];
    let has_escape = |c: &mut Command| c.args(&args).output().unwrap().stdout.contains(&0x1b);
    assert!(!has_escape(&mut cmd()), "no colour when not a terminal");
    assert!(has_escape(cmd().env("CLICOLOR_FORCE", "1")));
    assert!(!has_escape(cmd().env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1")));
    assert!(has_escape(cmd().args(["--color", "always"])));
    assert!(!has_escape(cmd().env("CLICOLOR_FORCE", "1").args(["--color", "never"])));
    let out = cmd().args(&args).output().unwrap().stdout;
    assert!(String::from_utf8_lossy(&out).contains("[-"), "plain markers without colour");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let bin = assert_cmd::cargo::cargo_bin!("agreement-diff");
    let script = format!(
        "'{}' --format json {DIR}/2019-07-22.yaml {DIR}/2026-04-27.yaml | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}",
        bin.display()
    );
    let out = std::process::Command::new("bash").args(["-c", &script]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    let status = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(status == "1" || status == "0", "status {status}, stderr {err}");
}

#[test]
fn rules_and_explain() {
    let out = cmd().arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for r in agreement_diff::RULES {
        assert!(text.contains(r.id), "{}", r.id);
        let e = cmd().args(["explain", r.id]).output().unwrap();
        assert_eq!(e.status.code(), Some(0));
        assert!(String::from_utf8_lossy(&e.stdout).contains(r.explanation));
    }
    let e = cmd().args(["explain", "cap-raisd"]).output().unwrap();
    assert_eq!(e.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&e.stderr).contains("did you mean `cap-raised`"));
}

#[test]
fn usage_errors_exit_2() {
    cmd().assert().code(2);
    cmd().args(["--format", "xml", "a", "b"]).assert().code(2);
    cmd().arg("--help").assert().code(0);
}

/// Issue 14, item 7: the schema has an `$id`, and the copy kept in the
/// repository for editors and SchemaStore is what `agreement-diff schema` prints.
#[test]
fn the_published_schema_is_fresh_and_has_an_id() {
    let out = cmd().arg("schema").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let printed = String::from_utf8(out.stdout).unwrap();
    let v: Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(v["$id"], "https://json.schemastore.org/agreement-diff.json");
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let kept = std::fs::read_to_string("schema/agreement-diff.json").unwrap();
    assert!(
        kept == printed,
        "schema/agreement-diff.json is stale: run `cargo run -- schema > schema/agreement-diff.json`"
    );
}

/// Issue 9, item 19: options before a command reach it; a command refuses
/// the options it would ignore; `OLD NEW [options]` is unchanged.
#[test]
fn options_before_a_command_and_options_a_command_does_not_take() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(&dir, "good.yaml", GOOD.as_bytes());
    // Before the command, the size cap applies (too small: refused; enough: read).
    cmd().args(["--max-bytes", "10", "check", &good]).assert().code(2);
    cmd().args(["--max-bytes", "100000", "check", &good]).assert().code(0);
    cmd().args(["--max-bytes=10", "check", &good]).assert().code(2);
    let out = cmd().args(["--format", "json", "check", &good]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap(), serde_json::json!([]));
    let out = cmd().args(["--format", "json", "--color", "never", "log", &good, &good]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["steps"].is_array());
    // Options a command does not take are usage errors, before or after its name.
    for args in [
        &["rules", "--fail-on", "commercial"][..],
        &["--fail-on", "commercial", "rules"],
        &["rules", "--format", "json"],
        &["--format", "json", "explain", "cap-added"],
        &["check", "--fail-on", "commercial", &good],
        &["--perspective", "a", "check", &good],
        &["check", "--color", "never", &good],
        &["--no-config", "log", &good, &good],
        &["--format", "markdown", "check", &good],
        &["--format", "json", "check", "--format", "text", &good],
        &["schema", "--max-bytes", "5"],
    ] {
        let out = cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?} was accepted");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // OLD NEW with options anywhere, and files named like commands, still compare.
    cmd().args(["--format", "json", &good, &good]).assert().code(0);
    cmd().args([&good, "--format", "json", &good, "--fail-on", "commercial"]).assert().code(0);
    std::fs::write(dir.path().join("check"), GOOD).unwrap();
    cmd().current_dir(dir.path()).args(["good.yaml", "check"]).assert().code(0);
    cmd().current_dir(dir.path()).args(["--max-bytes", "100000", "./check", "good.yaml"]).assert().code(0);
}

/// Issue 11, item 4: where a clause's wording and its typed fields disagree,
/// `check` warns at the clause's `text` (naming the field and its line), in
/// every format, and the file is still valid (exit 0). An invalid file's
/// errors keep the exit status 2, and the files keep their order.
#[test]
fn check_warns_where_wording_and_typed_fields_disagree() {
    let dir = tempfile::tempdir().unwrap();
    let body = "agreement: x\n\
                parties:\n  acme: {name: Acme Corp., short: Acme}\n  beta: {name: Beta LLC, short: Beta}\n\
                clauses:\n\
                \x20 - id: licence\n\
                \x20   type: license\n\
                \x20   licensor: acme\n\
                \x20   licensee: beta\n\
                \x20   exclusive: true\n\
                \x20   until: 2030-12-31\n\
                \x20   text: Acme grants Beta a non-exclusive licence through 2032.\n\
                \x20 - id: fee\n\
                \x20   type: payment\n\
                \x20   payer: beta\n\
                \x20   payee: acme\n\
                \x20   amount: USD 5,000\n\
                \x20   text: Beta shall pay Acme US $5,000 on signing.\n";
    let file = write(&dir, "warn.yaml", body.as_bytes());
    // Text: the ok line as for any valid file; each warning on standard error, at the text key.
    let out = cmd().args(["check", &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("ok: {file} (2 clauses)\n"));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert_eq!(
        lines[0],
        format!(
            "agreement-diff: warning: {file}:12:5: The wording of \"licence\" says \"non-exclusive\", but the typed \
             field `exclusive` (line 10) says exclusive: which governs?"
        )
    );
    assert_eq!(
        lines[1],
        format!(
            "agreement-diff: warning: {file}:12:5: The wording of \"licence\" says it runs \"through 2032\", but the \
             typed field `until` (line 11) says 31 December 2030: which governs?"
        )
    );
    // JSON: the same, with their severity; an invalid file after it keeps exit 2 and its errors.
    let bad = write(&dir, "bad.yaml", b"agreement: x\ntitel: X\nparties: {a: {name: A}}\nclauses: []\n");
    let out = cmd().args(["check", "--format", "json", &file, &bad]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(&str, &str, Option<u64>, Option<u64>)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (e["file"].as_str().unwrap(), e["severity"].as_str().unwrap(), e["line"].as_u64(), e["column"].as_u64())
        })
        .collect();
    assert_eq!(
        got,
        [
            (file.as_str(), "warning", Some(12), Some(5)),
            (file.as_str(), "warning", Some(12), Some(5)),
            (bad.as_str(), "error", Some(2), Some(1)),
        ]
    );
    assert!(v[0]["message"].as_str().unwrap().contains("non-exclusive"), "{v}");
    // GitHub: ::warning annotations; still exit 0 for a valid file.
    let out = cmd().args(["check", "--format", "github", &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    for l in lines {
        assert!(
            l.starts_with(&format!("::warning file={},line=12,col=5::The wording of", file.replace(':', "%3A"))),
            "{l}"
        );
    }
    // The shipped history has no disagreement.
    let shipped: Vec<String> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".yaml"))
        .collect();
    let out = cmd().args(["check", "--format", "json"]).args(&shipped).output().unwrap();
    assert_eq!((out.status.code(), out.stdout.as_slice()), (Some(0), &b"[]\n"[..]));
}

/// Issue 9, item 16: `check` reports every error of a file it can (at most
/// 50, then how many more), in the order of the file, as text, JSON or
/// GitHub annotations.
#[test]
fn check_reports_every_error_of_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let body = "agreement: x\n\
                titel: X\n\
                parties:\n  a: {name: A}\n  b: {name: B, nick: Bee}\n\
                clauses:\n\
                \x20 - {id: one, type: payment, payer: a, payee: q, rate: 5%}\n\
                \x20 - {id: two, type: payment, payer: a, payee: b, rate: \"five\", \"50%,off\": 1}\n\
                \x20 - {id: three, type: licence}\n\
                \x20 - {id: one, text: Again.}\n\
                \x20 - id: four\n    text: A.\n    text: B.\n";
    let file = write(&dir, "bad,file.yaml", body.as_bytes());
    let expected = [
        (2, 1, "unknown key `titel`"),
        (5, 16, "unknown key `nick` in party `b`"),
        (7, 47, "names `q`, which is not a key of `parties`"),
        (8, 56, "`rate` of clause `two`"),
        (8, 64, "unknown key `50%,off`"),
        (9, 23, "unknown clause type `licence` in clause `three`; did you mean `license`?"),
        (10, 5, "duplicate clause id `one` (first used at line 7)"),
        (13, 5, "duplicate key `text` (first at line 12) in clause `four`"),
    ];
    // Text: one line per error on standard error, in the order of the file.
    let out = cmd().args(["check", &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{err}");
    for (l, (line, col, text)) in lines.iter().zip(expected) {
        assert!(l.starts_with(&format!("agreement-diff: error: {file}:{line}:{col}: ")), "{l}");
        assert!(l.contains(text), "no `{text}` in {l}");
    }
    // The comparison names the error that comes first.
    let good = write(&dir, "good.yaml", GOOD.as_bytes());
    let out = cmd().args([&good, &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("{file}:2:1: unknown key `titel`")));
    // JSON: a list of {file, line, column, severity, message}, errors only.
    let out = cmd().args(["check", "--format", "json", &good, &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), expected.len());
    for (e, (line, col, text)) in list.iter().zip(expected) {
        assert_eq!(
            (e["file"].as_str().unwrap(), e["line"].as_u64(), e["column"].as_u64()),
            (file.as_str(), Some(line), Some(col))
        );
        assert!(e["message"].as_str().unwrap().contains(text), "{e}");
    }
    // GitHub: one escaped ::error per error.
    let out = cmd().args(["check", "--format", "github", &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    let escaped = file.replace(':', "%3A").replace(',', "%2C");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{text}");
    for (l, (line, col, _)) in lines.iter().zip(expected) {
        assert!(l.starts_with(&format!("::error file={escaped},line={line},col={col}::")), "{l}");
    }
    assert!(text.contains("unknown key `50%25,off`"), "{text}");
    // A valid file: exit 0, an empty list.
    let out = cmd().args(["check", "--format", "json", &good]).output().unwrap();
    assert_eq!((out.status.code(), out.stdout.as_slice()), (Some(0), &b"[]\n"[..]));
    // At most 50 errors a file, then how many more.
    let mut many = String::from("agreement: x\nparties: {a: A}\nclauses:\n");
    for i in 0..80 {
        many.push_str(&format!("  - {{id: c{i}, text: {i}}}\n"));
    }
    let many = write(&dir, "many.yaml", many.as_bytes());
    let out = cmd().args(["check", &many]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 51, "{err}");
    assert!(err.lines().last().unwrap().ends_with("many.yaml: 30 more errors not shown; fix these and check again"));
}

const LICENSE: &str = "agreement: x\nparties:\n  a: {name: A}\n  b: {name: B}\nclauses:\n  - id: pay\n    type: payment\n    payer: a\n    payee: b\n    rate: 5%\n  - id: lic\n    type: license\n    licensor: a\n    licensee: b\n    subject: the model\n";

/// Issue 9, item 18: each message says what is wrong where it is wrong.
#[test]
fn messages_point_at_the_cause() {
    // An unclosed `[` at 14:15: the parser stops at 15:12, the message points at the bracket.
    let unclosed = LICENSE.replace("licensee: b\n", "licensee: [b\n");
    assert_eq!(unclosed.lines().nth(13).unwrap().find('[').map(|i| i + 1), Some(15));
    bad(unclosed.as_bytes(), Some("14:15"), "this `[` is not closed before line 15");
    bad(unclosed.as_bytes(), None, "at 15:12); close it with `]`");
    let braces = LICENSE.replace("licensee: b\n", "licensee: {name: b\n");
    bad(braces.as_bytes(), Some("14:15"), "close it with `}`");
    // A negative amount says so, in any spelling.
    for amount in ["USD -5", "-USD 5", "USD (1,000)"] {
        bad(
            GOOD.replace("rate: 5%", &format!("amount: {amount}")).as_bytes(),
            Some("10:13"),
            "amounts cannot be negative",
        );
    }
    bad(GOOD.replace("rate: 5%", "rate: -5%").as_bytes(), Some("10:11"), "percentages cannot be negative");
    // A duplicate key names the first occurrence and the clause.
    bad(
        GOOD.replace("rate: 5%", "rate: 5%\n    rate: 6%").as_bytes(),
        Some("11:5"),
        "duplicate key `rate` (first at line 10) in clause `pay`",
    );
    // Nesting deeper than the limit, in flow and in block style, gives the documented message.
    let flow = format!("agreement: x\nparties: {}{}\n", "[".repeat(100), "]".repeat(100));
    bad(flow.as_bytes(), None, "nesting deeper than 64 levels");
    let mut block = String::from("agreement: x\nparties:\n");
    for depth in 1..100 {
        block.push_str(&format!("{}k{depth}:\n", "  ".repeat(depth)));
    }
    bad(block.as_bytes(), None, "nesting deeper than 64 levels");
    // An empty file says it is empty.
    for empty in ["", "\n\n", "# nothing yet\n", "---\n"] {
        bad(empty.as_bytes(), Some("1"), "the file is empty");
    }
    // A huge bad value is clipped in the message.
    let huge = GOOD.replace("rate: 5%", &format!("rate: \"{}\"", "9".repeat(100_000)));
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "huge.yaml", huge.as_bytes());
    let out = cmd().args(["check", &file]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.len() < 500 && err.contains(&format!("`{}…`", "9".repeat(80))), "{err}");
    for key in [format!("{}: 1", "k".repeat(10_000)), format!("{}: 1\n    x: 2", "k".repeat(10_000))] {
        let body = GOOD.replace("rate: 5%", &key);
        let file = write(&dir, "key.yaml", body.as_bytes());
        let out = cmd().args(["check", &file]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.lines().all(|l| l.len() < 500), "{err}");
    }
}

/// Issue 9, item 18: `-` reads standard input, once a run.
#[test]
fn a_dash_reads_standard_input_once() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(&dir, "good.yaml", GOOD.as_bytes());
    let changed = GOOD.replace("rate: 5%", "rate: 6%");
    let out = cmd().args(["--format", "json", &good, "-"]).write_stdin(changed.clone()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["rule"], "rate-increased");
    assert_eq!(v["new"]["path"], "<stdin>");
    cmd().args(["-", &good]).write_stdin(GOOD).assert().code(0);
    cmd().args(["check", "-"]).write_stdin(GOOD).assert().code(0);
    let out =
        cmd().args(["check", &good, "-"]).write_stdin("agreement: x\nparties: {a: A}\nclauses: [\n").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("<stdin>:3:10:"), "{}", String::from_utf8_lossy(&out.stderr));
    cmd().args(["--max-bytes", "10", "check", "-"]).write_stdin(GOOD).assert().code(2);
    // Twice is a usage error, before anything is read.
    for args in [&["-", "-"][..], &["check", "-", "-"], &["log", "-", &good, "-"]] {
        let out = cmd().args(args).write_stdin(GOOD).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("standard input (`-`) can be read only once"));
    }
}

/// Issue 9, item 17: hints say what to write, and each hint followed is
/// accepted; fields that contradict each other are refused.
#[test]
fn hints_say_what_to_write_and_contradictions_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("rate: 5%", "rate: 0.3", "10:11", "write `30%` (or `0.3%` if you mean less than one percent)", "rate: 30%"),
        ("rate: 5%", "rate: \"0.3\"", "10:11", "write `30%`", "rate: 30%"),
        ("rate: 5%", "rate: 30", "10:11", "write `30%`", "rate: 30%"),
        ("rate: 5%", "cap: 1000000", "10:10", "write `USD 1,000,000`", "cap: USD 1,000,000"),
        ("rate: 5%", "cap: \"1000000\"", "10:10", "write `USD 1,000,000`", "cap: USD 1,000,000"),
        ("rate: 5%", "amount: -5", "10:13", "amounts cannot be negative", "amount: USD 5"),
        ("rate: 5%", "until: 2030", "10:12", "YYYY-MM-DD", "until: 2030-12-31"),
    ];
    for (from, to, at, hint, fixed) in cases {
        bad(GOOD.replace(from, to).as_bytes(), Some(at), hint);
        assert!(!hint.contains("quotes"));
        let file = write(&dir, "fixed.yaml", GOOD.replace(from, fixed).as_bytes());
        cmd().args(["check", &file]).assert().code(0);
    }
    let termination =
        "agreement: x\nparties: {a: A, b: B}\nclauses:\n  - id: t\n    type: termination\n    by: a\n    notice: 30\n";
    bad(termination.as_bytes(), Some("7:13"), "write `30 days`");
    // The same party on both sides of a payment or a licence.
    bad(
        GOOD.replace("payee: b", "payee: a").as_bytes(),
        Some("9:5"),
        "the `payer` and the `payee` of clause `pay` are both `a`",
    );
    let license = LICENSE.replace("licensee: b", "licensee: a");
    bad(license.as_bytes(), Some("14:5"), "the `licensor` and the `licensee` of clause `lic` are both `a`");
    // A company may hold its own shares.
    let equity = "agreement: x\nparties: {a: A}\nclauses:\n  - {id: e, type: equity, holder: a, issuer: a}\n";
    let file = write(&dir, "equity.yaml", equity.as_bytes());
    cmd().args(["check", &file]).assert().code(0);
    // A term that ends before it starts.
    let term = |until: &str| {
        format!(
            "agreement: x\nparties: {{a: A}}\nclauses:\n  - id: term\n    type: term\n    start: 2026-01-01\n    until: {until}\n"
        )
    };
    bad(
        term("2025-12-31").as_bytes(),
        Some("7:5"),
        "`until` of clause `term` (2025-12-31) is before its `start` (2026-01-01)",
    );
    bad(term("{earliest: [2030-01-01, 2025-06-30]}").as_bytes(), Some("7:5"), "(2025-06-30) is before its `start`");
    for fine in ["2026-01-01", "2030-12-31", "{event: the sun goes out}"] {
        let file = write(&dir, "term.yaml", term(fine).as_bytes());
        cmd().args(["check", &file]).assert().code(0);
    }
}

/// Issue 14, item 8: the man page names no page that does not exist, and
/// describes every command; every argument has a description in --help.
#[test]
fn help_and_man_page_are_complete() {
    let man = String::from_utf8(cmd().arg("man").output().unwrap().stdout).unwrap();
    assert!(!man.contains("agreement\\-diff\\-check(1)") && !man.contains("(1)\n.TP"), "{man}");
    for command in ["check", "convert", "log", "rules", "explain", "schema", "completions", "man"] {
        assert!(man.contains(&format!("agreement\\-diff {command}")), "{command} missing from the man page");
    }
    for command in [
        vec!["--help"],
        vec!["check", "--help"],
        vec!["explain", "--help"],
        vec!["completions", "--help"],
        vec!["log", "--help"],
    ] {
        let help = String::from_utf8(cmd().args(&command).output().unwrap().stdout).unwrap();
        let arguments = help.split("Arguments:").nth(1).map(|a| a.split("Options:").next().unwrap()).unwrap_or("");
        for line in arguments.lines().filter(|l| l.trim_start().starts_with(['<', '['])) {
            let described = line.split_whitespace().count() > 1
                || arguments.lines().skip_while(|l| *l != line).nth(1).is_some_and(|n| !n.trim().is_empty());
            assert!(described, "{command:?}: argument without a description: {line}");
        }
    }
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(readme.contains("--no-config"), "the README's usage lists --no-config");
}

/// Issue 14 item 6: `.agreement-diff.yaml` may hold `defaults` (format,
/// fail-on, perspective) beside acknowledgements; a flag overrides each.
#[test]
fn config_defaults_apply_and_flags_override_them() {
    let dir = tempfile::tempdir().unwrap();
    let copy = |from: &str, name: &str| write(&dir, name, &std::fs::read(from).unwrap());
    // A wording change shown not to alter meaning: clarification.
    let old = copy("tests/rules/text-equivalent/old.yaml", "old.yaml");
    let new = copy("tests/rules/text-equivalent/new.yaml", "new.yaml");
    let config = |body: &str| write(&dir, ".agreement-diff.yaml", body.as_bytes());
    config("defaults:\n  format: json\n  fail-on: substantive\n  perspective: acme\n");
    // The defaults apply: JSON, marked for Acme, and nothing at or above substantive, so exit 0.
    let out = cmd().args([&old, &new]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("the default format is JSON");
    assert_eq!(v["perspective"], "acme");
    // Flags override them: text, no perspective of the config, and fail-on clarification trips.
    let out = cmd()
        .args(["--format", "text", "--fail-on", "clarification", "--perspective", "beta", &old, &new])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("fixture 1 → 1") && text.contains("For Beta:"), "{text}");
    let out = cmd().args(["--format", "json", "--perspective", "beta", &old, &new]).output().unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["perspective"], "beta");
    // The same file given with --config; --no-config ignores it (the built-in defaults: text, exit 1).
    let elsewhere = tempfile::tempdir().unwrap();
    let moved = elsewhere.path().join("team.yaml");
    std::fs::copy(dir.path().join(".agreement-diff.yaml"), &moved).unwrap();
    std::fs::remove_file(dir.path().join(".agreement-diff.yaml")).unwrap();
    let out = cmd().args(["--config", moved.to_str().unwrap(), &old, &new]).output().unwrap();
    assert_eq!((out.status.code(), out.stdout.first()), (Some(0), Some(&b'{')));
    let out = cmd().args(["--no-config", &old, &new]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.starts_with("fixture 1 → 1".as_bytes()));
}

/// A bad default is refused with its place in the config file, exit 2, and no report.
#[test]
fn a_bad_default_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(&dir, "old.yaml", &std::fs::read("tests/rules/text-changed/old.yaml").unwrap());
    let new = write(&dir, "new.yaml", &std::fs::read("tests/rules/text-changed/new.yaml").unwrap());
    let cases = [
        ("defaults:\n  format: jsn\n", "2:11", "did you mean `json`?"),
        (
            "defaults:\n  fail-on: major\n",
            "2:12",
            "must be one of commercial, substantive, clarification, administrative",
        ),
        ("defaults:\n  fial-on: commercial\n", "2:3", "did you mean `fail-on`?"),
        ("default:\n  format: json\n", "1:1", "did you mean `defaults`?"),
        ("defaults:\n  perspective: delta\n", "2:16", "`delta` is not a party of either version"),
        ("defaults: [json]\n", "1:11", "`defaults` must be a mapping"),
    ];
    for (body, at, says) in cases {
        let config = write(&dir, ".agreement-diff.yaml", body.as_bytes());
        let out = cmd().args([&old, &new]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{body}: {err}");
        assert!(out.stdout.is_empty(), "{body}: a partial report");
        assert!(err.contains(&format!("{config}:{at}:")) && err.contains(says), "{body}: {err}");
        // A flag does not hide a bad config file: it is refused all the same.
        cmd().args(["--format", "text", "--fail-on", "commercial", &old, &new]).assert().code(2);
    }
}

/// A sentence's line in a wording that spans lines is the line it is on in
/// the file, whatever the scalar's style: literal, folded (with a header
/// comment) or plain and wrapped; not the `text:` key's line.
#[test]
fn a_changed_sentence_is_reported_at_its_own_line_in_every_scalar_style() {
    let dir = tempfile::tempdir().unwrap();
    let doc = |verb: &str| {
        format!(
            "agreement: t\nparties:\n  acme: {{name: Acme Corp., short: Acme}}\n  beta: {{name: Beta LLC, short: Beta}}\n\
             clauses:\n  - id: lit\n    text: |\n      Beta shall pay Acme the fees.\n      Beta {verb} assign this Agreement.\n\
             \x20 - id: fold\n    text: >- # folded\n      Beta shall pay Acme the fees.\n      Acme shall deliver the goods\n      \
             on time. Beta {verb} assign this Agreement.\n\
             \x20 - id: plain\n    text: Beta shall pay Acme the fees.\n      Acme shall deliver the goods.\n      Beta {verb} assign this Agreement.\n"
        )
    };
    let old = write(&dir, "old.yaml", doc("may not").as_bytes());
    let new = write(&dir, "new.yaml", doc("may").as_bytes());
    let out = cmd().args(["--format", "json", &old, &new]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let line = |clause: &str| {
        let f =
            v["findings"].as_array().unwrap().iter().find(|f| f["clause"] == clause).unwrap_or_else(|| panic!("{v}"));
        (f["old_line"].as_u64().unwrap(), f["new_line"].as_u64().unwrap())
    };
    assert_eq!(line("lit"), (9, 9));
    assert_eq!(line("fold"), (14, 14));
    assert_eq!(line("plain"), (18, 18));
}
