//! Amendments, end to end with the real binary: `apply` consolidates, every
//! instruction that cannot apply is an error naming the amendment's line,
//! `BASE AMENDMENT` compares against the consolidation, `log` follows a chain
//! of amendments, and the shipped April 2026 amendment means what the
//! shipped 2026-04-27 version says.

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

mod common;

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
        // YAML fixtures say what they expect on their first line, Markdown ones in a comment.
        let expect = text
            .lines()
            .find_map(|l| l.strip_prefix("# expect: ").or_else(|| l.strip_prefix("<!-- expect: ")))
            .map(|l| l.trim_end_matches(" -->"))
            .expect("an `expect:` line");
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
    // Every new line is a line of the amendment (what no instruction wrote points at its `amends`).
    let lines = std::fs::read_to_string("tests/amend/amendment.yaml").unwrap().lines().count() as u64;
    for x in &f {
        if let Some(n) = x["new_line"].as_u64() {
            assert!((2..=lines).contains(&n), "{x}");
        }
    }
    // The April 2026 amendment: an inserted clause is where the amendment writes it.
    let (_, out, _) =
        run(&["--format", "json", &format!("{DIR}/2026-02-27.yaml"), &format!("{DIR}/2026-04-27-amendment.yaml")]);
    let ship = findings(&out).into_iter().find(|x| x["clause"] == "azure-ship-first").unwrap();
    assert_eq!(ship["new_line"], 47, "the inserted clause, in the amendment: {ship}");
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

// --- drafting: apply(OLD, amend(OLD, NEW)) means what NEW says --------------

use agreement_diff::amend::draft::{DraftFormat, draft};
use agreement_diff::{LoadOptions, Materiality, load_file};

/// The findings left between NEW and OLD with the drafted amendment applied
/// (rule id, clause), and the drafted YAML.
fn round_trip(old: &agreement_diff::model::Agreement, new: &agreement_diff::model::Agreement) -> (Vec<String>, String) {
    let yaml = draft(old, new, DraftFormat::Yaml).unwrap();
    let amendment = agreement_diff::amend::load::check_str(&yaml, "drafted.yaml", &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e:?}\n{yaml}"));
    let consolidated = agreement_diff::amend::apply(old, &[amendment]).unwrap_or_else(|e| panic!("{e:?}\n{yaml}"));
    let report = agreement_diff::diff(&consolidated, new);
    let left = report
        .findings
        .iter()
        .map(|f| {
            let m = if f.materiality() > Materiality::Administrative { "MEANING" } else { "admin" };
            format!("{m} {} {} {}", f.rule.info().id, f.clause.as_deref().unwrap_or("-"), f.message)
        })
        .collect();
    (left, yaml)
}

/// A report's findings above administrative: rule, clause and message.
fn changes_of_meaning(report: &agreement_diff::Report) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.materiality() > Materiality::Administrative)
        .map(|f| format!("{} {} {}", f.rule.info().id, f.clause.as_deref().unwrap_or("-"), f.message))
        .collect()
}

fn pairs_in(dir: &str, ext: &str) -> Vec<(String, String)> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(ext) && !p.ends_with("-amendment.yaml") && !p.ends_with("VERSIONS.md"))
        .collect();
    files.sort();
    files.windows(2).map(|w| (w[0].clone(), w[1].clone())).collect()
}

#[test]
fn drafting_round_trips_every_step_of_the_shipped_history() {
    let pairs = pairs_in(DIR, ".yaml");
    assert_eq!(pairs.len(), 5);
    for (a, b) in pairs {
        let (old, new) =
            (load_file(&a, &LoadOptions::default()).unwrap(), load_file(&b, &LoadOptions::default()).unwrap());
        let (left, yaml) = round_trip(&old, &new);
        assert_eq!(left, Vec::<String>::new(), "{a} → {b}:\n{yaml}");
        // The Markdown instrument is written too, one numbered amendment per instruction.
        let md = draft(&old, &new, DraftFormat::Markdown).unwrap();
        assert!(
            md.starts_with("---\namends: ")
                && md.contains("\n# Amendment to the ")
                && md.contains("## Recitals")
                && md.contains("\n1. "),
            "{md}"
        );
    }
}

#[test]
fn drafting_round_trips_the_markdown_corpus() {
    let root = "../shared/corpus";
    let Ok(dirs) = std::fs::read_dir(root) else {
        eprintln!("no corpus at {root}: skipped");
        return;
    };
    let mut checked = 0;
    for d in dirs {
        let d = d.unwrap().path();
        if !d.is_dir() {
            continue;
        }
        for (a, b) in pairs_in(&d.to_string_lossy(), ".md") {
            let (old, new) =
                (load_file(&a, &LoadOptions::default()).unwrap(), load_file(&b, &LoadOptions::default()).unwrap());
            let (left, yaml) = round_trip(&old, &new);
            // Left administrative at most: a paragraph whose first words changed keeps its old derived id
            // (clause-renamed), and an id taken from the file name is the base's (metadata-changed).
            let meaning: Vec<&String> = left.iter().filter(|f| !f.starts_with("admin ")).collect();
            assert!(meaning.is_empty(), "{a} → {b}: {meaning:#?}");
            // The conformed copy (the base document with the amended blocks rewritten) reads back as NEW.
            let amendment =
                agreement_diff::amend::load::check_str(&yaml, "drafted.yaml", &LoadOptions::default()).unwrap();
            let consolidated = agreement_diff::amend::apply(&old, &[amendment]).unwrap();
            let source = std::fs::read_to_string(&a).unwrap();
            let md = agreement_diff::amend::conformed::markdown(&source, &old, &consolidated, "test")
                .unwrap_or_else(|| panic!("{a} → {b}: no Markdown"));
            let back = agreement_diff::load::check_str(&md, "conformed.md", &LoadOptions::default())
                .unwrap_or_else(|e| panic!("{a} → {b}: {e:?}\n{md}"));
            let report = agreement_diff::diff(&back, &new);
            let meaning = changes_of_meaning(&report);
            assert!(meaning.is_empty(), "conformed copy {a} → {b}: {meaning:#?}");
            checked += 1;
        }
    }
    assert!(checked > 0);
}

mod generated {
    use super::*;
    use proptest::prelude::*;

    /// One generated clause's content; the id is chosen apart.
    #[derive(Clone, Debug)]
    enum Gen {
        Payment { rate: u32, cap: Option<u32>, until: u32 },
        License { exclusive: bool, territory: Vec<bool> },
        Text { words: Vec<u8>, title: bool },
    }

    const PLACES: [&str; 4] = ["US", "EU", "UK", "JP"];
    const WORDS: [&str; 9] = ["alpha", "beta", "shall", "pay.", "Gamma", "30", "notice.", "Delta", "days"];

    fn clause_yaml(id: u8, g: &Gen) -> String {
        match g {
            Gen::Payment { rate, cap, until } => {
                let cap = cap.map(|c| format!("    cap: USD {c} million\n")).unwrap_or_default();
                format!(
                    "  - id: c{id}\n    type: payment\n    payer: a\n    payee: b\n    rate: {rate}%\n{cap}    until: {}-12-31\n",
                    2026 + until
                )
            }
            Gen::License { exclusive, territory } => {
                let t: Vec<&str> = PLACES.iter().zip(territory).filter(|(_, on)| **on).map(|(p, _)| *p).collect();
                format!(
                    "  - id: c{id}\n    type: license\n    licensor: a\n    licensee: b\n    exclusive: {exclusive}\n    territory: [{}]\n",
                    t.join(", ")
                )
            }
            Gen::Text { words, title } => {
                let w: Vec<&str> = words.iter().map(|i| WORDS[*i as usize % WORDS.len()]).collect();
                let title = if *title { format!("    title: Clause {id}\n") } else { String::new() };
                format!("  - id: c{id}\n{title}    text: \"{} end.\"\n", w.join(" "))
            }
        }
    }

    fn agreement(version: u8, clauses: &[(u8, Gen)], defined: bool) -> String {
        let mut s =
            format!("agreement: gen\nversion: \"{version}\"\nparties:\n  a: {{name: Alpha}}\n  b: {{name: Beta}}\n");
        if defined {
            s.push_str(&format!("definitions:\n  Term: Meaning {version}.\n"));
        }
        s.push_str("clauses:\n");
        let mut seen = Vec::new();
        for (id, g) in clauses {
            if !seen.contains(id) {
                seen.push(*id);
                s.push_str(&clause_yaml(*id, g));
            }
        }
        if seen.is_empty() {
            s.push_str("  []\n");
        }
        s
    }

    fn gen_clause() -> impl Strategy<Value = Gen> {
        prop_oneof![
            (1u32..50, proptest::option::of(1u32..100), 0u32..10).prop_map(|(rate, cap, until)| Gen::Payment {
                rate,
                cap,
                until
            }),
            (any::<bool>(), proptest::collection::vec(any::<bool>(), 4))
                .prop_map(|(exclusive, territory)| Gen::License { exclusive, territory }),
            (proptest::collection::vec(0u8..9, 1..24), any::<bool>())
                .prop_map(|(words, title)| Gen::Text { words, title }),
        ]
    }

    fn version() -> impl Strategy<Value = (Vec<(u8, Gen)>, bool)> {
        (proptest::collection::vec((0u8..8, gen_clause()), 0..8), any::<bool>())
    }

    proptest! {
        /// Whatever an amendment says, loading and applying it never panics: it applies or it is refused.
        #[test]
        fn no_panic_on_any_amendment(
            yaml in "amends: acme-supply\ninstructions:\n(  - (delete|amend|insert-after|move|add|replace|define|party): [a-z0-9 {}:,\\[\\]]{0,20}\n(    (set|remove|with|after|before|clause|replace-words|delete-words|insert-words|add-sentence|field): [a-zA-Z0-9 {}:,.\\[\\]\"']{0,24}\n){0,3}){0,6}",
            md in "---\namends: acme-supply\n---\n## Amendments\n\n(1\\. (Section [0-9A-Z]{1,2}|The clause `[a-z]{1,6}`|A new Section 2A|The definition of “[A-Z][a-z]{0,5}”) (is deleted in its entirety|is amended by (deleting|inserting|replacing|adding at the end) [“”\"'a-z ]{0,20}( and inserting | with | after )?[“”\"'a-z ]{0,12}|is inserted after Section [0-9]|is moved before Section [0-9]|is amended and restated as follows:)\\.?\n(\n   > [*a-zA-Z0-9 ]{0,20}\n)?){0,5}",
        ) {
            let options = LoadOptions::default();
            let base = load_file(BASE, &options).unwrap();
            for (text, name) in [(&yaml, "a.yaml"), (&md, "a.md")] {
                if let Ok(m) = agreement_diff::amend::check_amendment_str(text, name, &options) {
                    let _ = agreement_diff::amend::apply(&base, &[m]);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
        #[test]
        fn applying_the_drafted_amendment_gives_the_new_version((a, da) in version(), (b, db) in version()) {
            let load = |text: &str, name: &str| agreement_diff::load_str(text, name, &LoadOptions::default()).unwrap();
            let old = load(&agreement(1, &a, da), "old.yaml");
            let new = load(&agreement(2, &b, db), "new.yaml");
            let (left, yaml) = round_trip(&old, &new);
            prop_assert!(left.is_empty(), "{:#?}\n{}", left, yaml);
            // And the Markdown instrument is written without trouble.
            prop_assert!(draft(&old, &new, DraftFormat::Markdown).is_ok());
        }
    }
}

#[test]
fn amend_drafts_the_april_2026_amendment_that_apply_consolidates() {
    let (feb, apr) = (format!("{DIR}/2026-02-27.yaml"), format!("{DIR}/2026-04-27.yaml"));
    let (code, yaml, err) = run(&["amend", &feb, &apr]);
    assert_eq!(code, 0, "{err}");
    assert!(yaml.contains("amends: microsoft-openai-partnership\nbase-version: \"2026-02-27\"\n"), "{yaml}");
    assert!(yaml.contains("  - delete: revenue-share-microsoft-to-openai\n"));
    let dir = tempfile::tempdir().unwrap();
    let drafted = dir.path().join("drafted.yaml");
    std::fs::write(&drafted, &yaml).unwrap();
    let consolidated = consolidate(&dir, "c.yaml", &[&feb, &drafted.to_string_lossy()]);
    let (code, out, _) = run(&["--format", "json", &consolidated, &apr]);
    assert_eq!((code, findings(&out)), (0, vec![]));

    let (code, md, err) = run(&["amend", "--format", "markdown", &feb, &apr]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("drafted_april_2026", md);
    let docs = std::fs::read_to_string("docs/amendments.md").unwrap();
    assert!(docs.contains(&md), "docs/amendments.md shows the drafted instrument as `amend` writes it: refresh it");
    assert!(md.contains("Section 9 (Revenue share paid by Microsoft) is deleted in its entirety."));
    assert!(
        md.contains("A new Section 3D is inserted after Section 3 (Azure exclusivity for the OpenAI API), as follows:")
    );
    // Its typed changes ("the grant is non-exclusive") are for people: `apply` refuses them at their line
    // rather than guess, and points to the YAML instrument.
    let md_path = dir.path().join("drafted.md");
    std::fs::write(&md_path, &md).unwrap();
    let (code, out, err) = run(&["apply", &feb, &md_path.to_string_lossy()]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("typed terms cannot be read from a Markdown amendment: use a YAML amendment"), "{err}");
}

#[test]
fn amend_refuses_two_different_agreements_and_an_amendment() {
    let (code, out, err) = run(&["amend", BASE, &format!("{DIR}/2026-04-27.yaml")]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("an amendment changes one agreement"), "{err}");
    let (code, out, err) = run(&["amend", "tests/amend/amendment.yaml", BASE]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("this is an amendment"), "{err}");
}

#[test]
fn check_validates_amendments_alone() {
    let (code, out, _) = run(&["check", "tests/amend/amendment.yaml", BASE]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "ok: tests/amend/amendment.yaml (an amendment, 16 instructions)\nok: tests/amend/base.yaml (4 clauses)\n"
    );
    // Errors the loader finds; applying-time errors (words not there...) need the base.
    let (code, _, err) = run(&["check", "tests/amend/errors/two-verbs.yaml", "tests/amend/errors/words-absent.yaml"]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("two-verbs.yaml:7:5:"));
    // From standard input too.
    let out = cargo_bin_cmd!("agreement-diff")
        .args(["check", "-"])
        .write_stdin(std::fs::read("tests/amend/amendment.yaml").unwrap())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("an amendment, 16 instructions"));
}

#[test]
fn directory_mode_consolidates_a_new_amendment_and_checks_an_unchanged_one() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    std::fs::create_dir_all(&old).unwrap();
    std::fs::create_dir_all(&new).unwrap();
    let feb = format!("{DIR}/2026-02-27.yaml");
    let amendment = format!("{DIR}/2026-04-27-amendment.yaml");
    std::fs::copy(&feb, old.join("ms.yaml")).unwrap();
    std::fs::copy(&feb, new.join("ms.yaml")).unwrap();
    std::fs::copy(&amendment, new.join("april.yaml")).unwrap();
    let (old_s, new_s) = (old.to_string_lossy().into_owned(), new.to_string_lossy().into_owned());
    let (code, out, err) = run(&["--format", "json", &old_s, &new_s]);
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let rules: Vec<&str> = v["reports"]
        .as_array()
        .unwrap_or_else(|| panic!("{out}"))
        .iter()
        .flat_map(|r| r["findings"].as_array().unwrap())
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"payment-removed") && rules.contains(&"right-granted"), "{rules:?}");

    // Unchanged on both sides: checked, not reported again.
    std::fs::copy(&amendment, old.join("april.yaml")).unwrap();
    let (code, _, err) = run(&[&old_s, &new_s]);
    assert_eq!(code, 0, "{err}");
    // The shipped history compared with itself, amendment included.
    assert_eq!(run(&[DIR, DIR]).0, 0);

    // An amendment whose base is in neither directory is an error, exit 2.
    std::fs::remove_file(old.join("april.yaml")).unwrap();
    std::fs::remove_file(old.join("ms.yaml")).unwrap();
    std::fs::remove_file(new.join("ms.yaml")).unwrap();
    let (code, out, err) = run(&[&old_s, &new_s]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("no agreement `microsoft-openai-partnership` version `2026-02-27` in the directories"),
        "{err}"
    );
}

#[test]
fn the_git_driver_consolidates_an_amendment_with_its_base_beside_it() {
    let repo = common::Repo::new();
    let bin = assert_cmd::cargo::cargo_bin!("agreement-diff").to_string_lossy().into_owned();
    repo.write(".gitattributes", "*.yaml diff=agreement\n");
    repo.ok(&["config", "diff.agreement.command", &bin]);
    repo.write("ms/2026-02-27.yaml", &std::fs::read_to_string(format!("{DIR}/2026-02-27.yaml")).unwrap());
    repo.commit("base");
    repo.write("ms/april.yaml", &std::fs::read_to_string(format!("{DIR}/2026-04-27-amendment.yaml")).unwrap());
    repo.ok(&["add", "-A"]);
    let out = repo.ok(&["diff", "--cached"]);
    assert!(out.contains("agreement-diff a/ms/april.yaml b/ms/april.yaml"), "{out}");
    assert!(out.contains("payment-removed") && out.contains("right-granted"), "{out}");
    repo.commit("april");

    // Editing the amendment shows what the edit changes: consolidation against consolidation.
    let text = std::fs::read_to_string(repo.path().join("ms/april.yaml")).unwrap();
    repo.write("ms/april.yaml", &text.replace("  - delete: revenue-share-microsoft-to-openai\n", ""));
    let out = repo.ok(&["diff"]);
    assert!(out.contains("payment-added") || out.contains("first-disclosed") || out.contains("clause-added"), "{out}");
    assert!(!out.contains("right-granted"), "{out}");

    // So does comparing the committed amendment with the edited one, as CI does (REV:PATH PATH).
    let out = std::process::Command::new(&bin)
        .args(["--format", "json", "HEAD:ms/april.yaml", "ms/april.yaml"])
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let rules: Vec<String> = findings(&String::from_utf8_lossy(&out.stdout))
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    assert!(!rules.is_empty() && !rules.contains(&"right-granted".to_string()), "{rules:?}");

    // Without its base beside it (in its folder or below), the driver says how to compare it.
    repo.ok(&["rm", "-q", "ms/2026-02-27.yaml"]);
    let out = repo.ok(&["diff"]);
    assert!(out.contains("which is not beside it in ms: compare it with its base"), "{out}");
}

// --- Markdown amendments ---------------------------------------------------

#[test]
fn a_markdown_amendment_in_the_drafting_forms_consolidates() {
    let (code, out, err) = run(&["apply", BASE, "tests/amend/amendment.md"]);
    assert_eq!(code, 0, "{err}");
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("\"Acme shall supply the Products within 45 days of each order.\""), "{out}");
    assert!(flat.contains("The fee is payable in advance and non-refundable. Late payments bear interest."));
    assert!(flat.contains("text: \"Acme grants Buyer a non-exclusive licence to resell the Products.\""));
    // Restated wording keeps the typed terms; the new clause comes before Section 2, as moved.
    assert!(flat.contains("exclusive: exclusive"));
    let ids: Vec<&str> = out.lines().filter_map(|l| l.strip_prefix("  - id: ")).collect();
    assert_eq!(ids, ["supply", "audit", "fees", "licence"]);
    let (code, out, _) = run(&["check", "tests/amend/amendment.md"]);
    assert_eq!((code, out.as_str()), (0, "ok: tests/amend/amendment.md (an amendment, 8 instructions)\n"));
}

#[test]
fn a_markdown_base_is_consolidated_as_its_conformed_copy() {
    let (code, out, err) = run(&["apply", "tests/amend/base.md", "tests/amend/amendment.md"]);
    assert_eq!((code, err.as_str()), (0, ""), "{err}");
    // The base document with the amended blocks rewritten: front matter updated, untouched blocks byte for byte.
    assert!(
        out.starts_with("---\nagreement: acme-supply\nversion: \"2\"\neffective: 2026-01-01\nprevious: \"1\"\n---\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "\n# Acme supply agreement\n\nThis agreement is between Acme Corp. (\"Acme\") and Buyer Ltd. (\"Buyer\").\n"
        ),
        "{out}"
    );
    assert!(out.contains("1. **Supply.** Acme shall supply the Products within 45 days of each order.\n"), "{out}");
    assert!(
        out.contains("3. **Licence.** Acme grants Buyer a non-exclusive licence to resell the Products.\n"),
        "{out}"
    );
    // A rewritten block keeps its link on the same words; the deleted Section 4 is gone.
    assert!(out.contains("[price list](<https://acme.test/prices>)"), "{out}");
    assert!(!out.contains("**Law.**"), "{out}");
    // Read back, it is the consolidation `apply` makes in memory: no change of meaning.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("conformed.md");
    std::fs::write(&path, &out).unwrap();
    let back = load_file(&path.to_string_lossy(), &LoadOptions::default()).unwrap();
    let expected = agreement_diff::amend::apply_files(
        "tests/amend/base.md",
        &["tests/amend/amendment.md".to_string()],
        &LoadOptions::default(),
    )
    .unwrap();
    let report = agreement_diff::diff(&expected, &back);
    let meaning = changes_of_meaning(&report);
    assert!(meaning.is_empty(), "{meaning:#?}\n{out}");
}

#[test]
fn a_typed_term_on_a_markdown_base_is_printed_as_yaml_with_a_note() {
    let (code, out, err) = run(&["apply", "tests/amend/base.md", "tests/amend/typed-of-markdown.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("the consolidation holds typed terms a Markdown document cannot hold: printed as YAML"),
        "{err}"
    );
    assert!(out.starts_with("# Consolidated by agreement-diff apply") && out.contains("topic: \"Delivery\""), "{out}");
}

#[test]
fn drafted_markdown_reads_back_or_is_refused_never_misread() {
    let root = "../shared/corpus";
    let Ok(dirs) = std::fs::read_dir(root) else {
        eprintln!("no corpus at {root}: skipped");
        return;
    };
    let (mut read_back, mut refused) = (0, 0);
    for d in dirs {
        let d = d.unwrap().path();
        if !d.is_dir() {
            continue;
        }
        for (a, b) in pairs_in(&d.to_string_lossy(), ".md") {
            let (old, new) =
                (load_file(&a, &LoadOptions::default()).unwrap(), load_file(&b, &LoadOptions::default()).unwrap());
            let md = draft(&old, &new, DraftFormat::Markdown).unwrap();
            match agreement_diff::amend::check_amendment_str(&md, "drafted.md", &LoadOptions::default()) {
                Ok(m) => {
                    let consolidated =
                        agreement_diff::amend::apply(&old, &[m]).unwrap_or_else(|e| panic!("{a}: {e:?}\n{md}"));
                    let report = agreement_diff::diff(&consolidated, &new);
                    let meaning = changes_of_meaning(&report);
                    assert!(meaning.is_empty(), "{a} → {b}: {meaning:#?}\n{md}");
                    read_back += 1;
                }
                Err(e) => {
                    // Typed terms (links, parties) are refused with a reason, at a line.
                    assert!(e.iter().all(|e| e.pos.is_some()), "{e:?}");
                    refused += 1;
                }
            }
        }
    }
    assert!(read_back >= 15, "only {read_back} drafts read back ({refused} refused)");
}
