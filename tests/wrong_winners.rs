//! Never the wrong winner: invented changes, each with the party a careful
//! lawyer says it favours (`acme`, `beta`, or `none` where it cannot be told
//! or cuts both ways), written by reviewers hunting wrong winners. The real
//! binary compares each pair; no finding may name as favoured a party other
//! than the expected one. Naming no party is always allowed (the tool never
//! guesses).
//!
//! - `tests/wrong_winners/cases.tsv`: 338 one-clause changes (first hunt).
//! - `tests/wrong_winners/multi_frame.tsv`: 305 realistic clauses of one to
//!   three sentences with several frames, conditions, passives and aliases
//!   (second hunt; ids `al*` declare "the Supplier" and "the Customer").
//! - `tests/wrong_winners/consumer_terms.tsv`: 232 changes to consumer terms
//!   of service, a provider speaking as "we" and the user as "you" (third
//!   hunt; expected `acme` for the provider, `user`, or `none`).

use std::path::Path;

const PREAMBLE: &str = "# Supply Agreement\n\nAcme Corp. (\"Acme\") supplies Beta LLC (\"Beta\").\n\n";

/// The preamble of the second hunt's alias cases: parties declared with the
/// aliases the clauses use.
const ALIAS_PREAMBLE: &str = "---\nagreement: supply-agreement\nparties:\n  acme: {name: Acme Corp., short: Acme, aliases: [Supplier, the Supplier]}\n  beta: {name: Beta LLC, short: Beta, aliases: [Customer, the Customer]}\n---\n# Supply Agreement\n\nAcme Corp. (the \"Supplier\") supplies Beta LLC (the \"Customer\").\n\n";

/// Second-hunt cases where a finding still names a party other than the
/// expected one, kept here so they are seen (not silenced): the test fails
/// when one of them is fixed (take it off the list) as much as when a case
/// not listed goes wrong. Each is reported in issue notes with its family.
const KNOWN_MULTI_FRAME: &[&str] =
    &["sp03", "sp10", "ts15", "ls01", "li11", "sw08", "no02", "no04", "cx18", "mx01", "mx02", "ow02"];

/// The preamble of the third hunt: terms a provider ("we") offers its users ("you").
const CONSUMER_PREAMBLE: &str = "# Acme Terms of Service\n\nThese Terms are an agreement between you and Acme Inc. (\"Acme\", \"we\", \"us\"). By using the Service, you agree to these Terms.\n\n";

/// Third-hunt cases still wrong, as for [`KNOWN_MULTI_FRAME`].
const KNOWN_CONSUMER: &[&str] = &["mu04", "mu07", "in08", "ex03"];

struct Case {
    id: String,
    heading: String,
    old: String,
    new: String,
    expected: String,
}

fn cases(file: &str) -> Vec<Case> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wrong_winners").join(file))
        .expect("the cases file");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').map(str::trim).collect();
            assert_eq!(f.len(), 5, "five tab-separated fields: {l}");
            assert!(matches!(f[4], "acme" | "beta" | "user" | "none"), "expected party: {l}");
            Case { id: f[0].into(), heading: f[1].into(), old: f[2].into(), new: f[3].into(), expected: f[4].into() }
        })
        .collect()
}

/// Runs every case of `file`; returns, per case that went wrong, its id and
/// the findings that name a party other than the expected one.
fn wrong_winners(file: &str, preamble: impl Fn(&str) -> &'static str) -> Vec<(String, Vec<String>)> {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.md"), dir.path().join("new.md"));
    let mut out = Vec::new();
    for c in cases(file) {
        let p = preamble(&c.id);
        std::fs::write(&old, format!("{p}## {}\n\n{}\n", c.heading, c.old)).unwrap();
        std::fs::write(&new, format!("{p}## {}\n\n{}\n", c.heading, c.new)).unwrap();
        let run = assert_cmd::cargo::cargo_bin_cmd!("agreement-diff")
            .args(["--no-config", "--format", "json"])
            .arg(&old)
            .arg(&new)
            .output()
            .unwrap();
        assert!(matches!(run.status.code(), Some(0 | 1)), "{}: {}", c.id, String::from_utf8_lossy(&run.stderr));
        let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
        let mut bad = Vec::new();
        for f in report["findings"].as_array().unwrap() {
            let favours: Vec<&str> = f["favours"].as_array().unwrap().iter().filter_map(|p| p.as_str()).collect();
            if favours.iter().any(|p| *p != c.expected) {
                bad.push(format!(
                    "{} ({} → {}): {} favours {:?} (expected {}): {}",
                    c.id, c.old, c.new, f["rule"], favours, c.expected, f["message"]
                ));
            }
        }
        if !bad.is_empty() {
            out.push((c.id, bad));
        }
    }
    out
}

#[test]
fn no_finding_names_the_party_that_loses() {
    assert!(cases("cases.tsv").len() >= 300);
    let wrong = wrong_winners("cases.tsv", |_| PREAMBLE);
    let lines: Vec<String> = wrong.into_iter().flat_map(|(_, l)| l).collect();
    assert!(lines.is_empty(), "{} findings name a party a lawyer would not:\n{}", lines.len(), lines.join("\n"));
}

/// No case outside `known` goes wrong, and every case in `known` still does
/// (a fixed one is taken off the list, so the list only shrinks).
fn only_the_known_go_wrong(wrong: &[(String, Vec<String>)], known: &[&str], list: &str) {
    let new: Vec<String> =
        wrong.iter().filter(|(id, _)| !known.contains(&id.as_str())).flat_map(|(_, l)| l.clone()).collect();
    assert!(new.is_empty(), "{} findings name a party a lawyer would not:\n{}", new.len(), new.join("\n"));
    let fixed: Vec<&str> = known.iter().copied().filter(|k| !wrong.iter().any(|(id, _)| id == k)).collect();
    assert!(fixed.is_empty(), "now right, take them off {list}: {fixed:?}");
}

#[test]
fn no_finding_names_the_party_that_loses_in_multi_frame_clauses() {
    assert!(cases("multi_frame.tsv").len() >= 300);
    let wrong = wrong_winners("multi_frame.tsv", |id| if id.starts_with("al") { ALIAS_PREAMBLE } else { PREAMBLE });
    only_the_known_go_wrong(&wrong, KNOWN_MULTI_FRAME, "KNOWN_MULTI_FRAME");
}

#[test]
fn no_finding_names_the_party_that_loses_in_consumer_terms() {
    assert!(cases("consumer_terms.tsv").len() >= 200);
    let wrong = wrong_winners("consumer_terms.tsv", |_| CONSUMER_PREAMBLE);
    only_the_known_go_wrong(&wrong, KNOWN_CONSUMER, "KNOWN_CONSUMER");
}
