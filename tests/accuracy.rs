//! Accuracy against the labelled corpus (issue 11, item 6): the scorer's
//! matching and party mapping on a hand-made set, and the ratchet: the
//! figures on `../shared/corpus` may not fall below those recorded in
//! `docs/accuracy.md`. `cargo run --release --example accuracy -- --verbose`
//! lists what was missed.

use std::path::Path;

use agreement_diff::Finding;
use agreement_diff::accuracy::{self, Favours, LabelOutcome};
use agreement_diff::model::Party;
use agreement_diff::rules::{Materiality, Rule};

const CORPUS: &str = "../shared/corpus";
const LABELS: &str = "tests/corpus/labels";
const DOC: &str = "docs/accuracy.md";

// --- The scorer on a hand-made set ------------------------------------------

const LABELS_YAML: &str = r#"
agreement: tiny
parties:
  acme: [Acme, we, us]
  user: [you, Customer]
pairs:
  - old: a.md
    new: b.md
    formatting_only: false
    changes:
      - summary: Fees now due within 10 days, not 30.
        old_lines: [10, 12]
        new_lines: [11, 13]
        families: [payment, deadline]
        materiality: commercial
        favours: acme
      - summary: A new clause lets either party end the agreement on a change of control.
        new_lines: [40, 41]
        families: [right]
        materiality: substantive
        favours: both
      - summary: A typo fixed.
        old_lines: [50, 50]
        new_lines: [52, 52]
        families: [format]
        materiality: administrative
        favours: none
"#;

/// Parties as the loader makes them (`key: {name, aliases}` in YAML).
fn parties(yaml: &str) -> Vec<Party> {
    let text = format!("agreement: tiny\nparties:\n{yaml}clauses: []\n");
    agreement_diff::load_str(&text, "tiny.yaml", &agreement_diff::LoadOptions::default()).unwrap().parties
}

fn finding(m: Materiality, old: Option<u32>, new: Option<u32>) -> Finding {
    Finding::new(Rule::TextChanged, "x").materiality_of(m).lines((old, new))
}

fn favouring(f: Finding, key: &str) -> Finding {
    f.favouring((vec![key.to_string()], Vec::new()))
}

#[test]
fn labels_parse_and_parties_map_by_key_name_or_alias() {
    let file = accuracy::parse_labels(LABELS_YAML, "tiny.yaml").unwrap();
    assert_eq!(file.agreement, "tiny");
    let pair = &file.pairs[0];
    assert_eq!(pair.changes.len(), 3);
    assert_eq!(pair.changes[1].old_lines, None);
    assert_eq!(pair.changes[1].new_lines, Some((40, 41)));
    assert_eq!(pair.changes[0].favours, Favours::Party("acme".into()));
    assert_eq!(pair.changes[1].favours, Favours::Both);

    // The tool's keys differ from the label's: names and aliases decide, ignoring case.
    let tool = parties(
        "  vendor: {name: ACME Inc., aliases: [WE, our]}\n  customer: {name: Customer}\n  bank: {name: Bank}\n",
    );
    let map = accuracy::party_map(&file.parties, &tool.iter().collect::<Vec<_>>());
    assert_eq!(
        map,
        [("acme".to_string(), vec!["vendor".to_string()]), ("user".to_string(), vec!["customer".to_string()])]
    );

    for bad in [
        LABELS_YAML.replace("favours: acme", "favours: bank"),
        LABELS_YAML.replace("materiality: commercial", "materiality: huge"),
        LABELS_YAML.replace("[10, 12]", "[12, 10]"),
        LABELS_YAML.replace("        new_lines: [40, 41]\n", ""),
        LABELS_YAML.replace("formatting_only: false", "formatting_only: true"),
        LABELS_YAML.replace("families: [right]", "familes: [right]"),
    ] {
        assert!(accuracy::parse_labels(&bad, "bad.yaml").is_err(), "{bad}");
    }
}

#[test]
fn matching_materiality_and_favoured_party() {
    let file = accuracy::parse_labels(LABELS_YAML, "tiny.yaml").unwrap();
    let tool = parties("  vendor: {name: Acme}\n  customer: {name: Customer}\n");
    let map = accuracy::party_map(&file.parties, &tool.iter().collect::<Vec<_>>());
    let pair = &file.pairs[0];
    let [fees, change_of_control, typo] = [&pair.changes[0], &pair.changes[1], &pair.changes[2]];

    // Either side's line matches; the range is inclusive; a line outside every range matches nothing.
    assert!(accuracy::matches(fees, &finding(Materiality::Commercial, Some(12), None)));
    assert!(accuracy::matches(fees, &finding(Materiality::Commercial, Some(99), Some(11))));
    assert!(!accuracy::matches(fees, &finding(Materiality::Commercial, Some(13), Some(10))));
    assert!(!accuracy::matches(change_of_control, &finding(Materiality::Commercial, Some(40), None)), "no old side");
    let outside = finding(Materiality::Commercial, Some(200), Some(200));
    assert!(pair.changes.iter().all(|l| !accuracy::matches(l, &outside)));

    // Found only at or above the labelled materiality; the right party only among those.
    let quiet_right = favouring(finding(Materiality::Substantive, Some(11), None), "vendor");
    let loud_wrong = favouring(finding(Materiality::Commercial, Some(11), None), "customer");
    let o = accuracy::judge(fees, &[quiet_right.clone(), loud_wrong.clone()], &map);
    assert_eq!(o, LabelOutcome { found: true, found_any: true, party_right: false });
    let o = accuracy::judge(fees, std::slice::from_ref(&quiet_right), &map);
    assert_eq!(o, LabelOutcome { found: false, found_any: true, party_right: false });
    let loud_right = favouring(finding(Materiality::Commercial, None, Some(13)), "vendor");
    assert!(accuracy::judge(fees, &[loud_wrong.clone(), loud_right], &map).party_right);
    // Favouring both label parties at once is not naming the right one.
    let both_named = finding(Materiality::Commercial, Some(11), None)
        .favouring((vec!["vendor".into(), "customer".into()], Vec::new()));
    assert!(!accuracy::judge(fees, &[both_named], &map).party_right);

    // `both` ↔ a finding that cuts both ways; a plain favour is wrong.
    let mixed =
        finding(Materiality::Substantive, None, Some(40)).cuts_both_ways(vec!["vendor".into(), "customer".into()]);
    assert!(accuracy::judge(change_of_control, std::slice::from_ref(&mixed), &map).party_right);
    let one_sided = favouring(finding(Materiality::Substantive, None, Some(40)), "vendor");
    assert!(!accuracy::judge(change_of_control, &[one_sided], &map).party_right);

    // `none` ↔ no favoured party and not mixed.
    let plain = finding(Materiality::Administrative, Some(50), None);
    assert!(accuracy::judge(typo, std::slice::from_ref(&plain), &map).party_right);
    let mixed_typo = finding(Materiality::Administrative, Some(50), None).cuts_both_ways(vec!["vendor".into()]);
    assert!(!accuracy::judge(typo, &[mixed_typo], &map).party_right);

    // The pair's figures: 3 labels, 3 found; parties right for 2 of them
    // (fees has loud_wrong only); precision 2 of 3 findings at substantive or
    // above (outside matches nothing), 1 of 2 at commercial.
    let findings = [loud_wrong, mixed, plain, outside];
    let (t, _) = accuracy::score_pair(pair, &findings, &map);
    assert_eq!((t.recall.hits, t.recall.of), (3, 3));
    assert_eq!((t.favoured.hits, t.favoured.of), (2, 3));
    assert_eq!((t.precision.hits, t.precision.of), (2, 3));
    assert_eq!((t.precision_commercial.hits, t.precision_commercial.of), (1, 2));
    assert_eq!(t.recall_by.map(|r| r.of), [1, 1, 0, 1]);
    assert_eq!(t.formatting_only_loud, 0);

    // A formatting-only pair with a finding above clarification is loud.
    let mut quiet_pair = pair.clone();
    quiet_pair.formatting_only = true;
    quiet_pair.changes.truncate(0);
    let (t, _) = accuracy::score_pair(&quiet_pair, &[finding(Materiality::Clarification, Some(1), None)], &map);
    assert_eq!((t.formatting_only, t.formatting_only_loud), (1, 0));
    let (t, _) = accuracy::score_pair(&quiet_pair, &[finding(Materiality::Substantive, Some(1), None)], &map);
    assert_eq!((t.formatting_only, t.formatting_only_loud), (1, 1));
    assert_eq!((t.meaning_unchanged, t.meaning_unchanged_loud), (1, 1));

    // A pair labelled meaning-unchanged whose labels include a rewording (any
    // family but `format` and `metadata`) is counted as meaning-unchanged
    // only, not as formatting-only; one with only a typo fixed is both.
    let mut reworded = pair.clone();
    reworded.formatting_only = true;
    reworded.changes.retain(|l| l.materiality <= Materiality::Clarification);
    let (t, _) = accuracy::score_pair(&reworded, &[finding(Materiality::Substantive, Some(50), None)], &map);
    assert_eq!((t.formatting_only, t.meaning_unchanged, t.meaning_unchanged_loud), (1, 1, 1));
    reworded.changes[0].families = vec!["wording".to_string()];
    let (t, _) = accuracy::score_pair(&reworded, &[finding(Materiality::Substantive, Some(50), None)], &map);
    assert_eq!((t.formatting_only, t.formatting_only_loud), (0, 0));
    assert_eq!((t.meaning_unchanged, t.meaning_unchanged_loud), (1, 1));
}

#[test]
fn the_ratchet_names_the_figure_that_fell_and_by_how_much() {
    let doc = "text\n<!-- accuracy-ratchet -->\n```text\nrecall_all = 65.9\n# a comment\nprecision_all = -\nformatting_only_loud = 2\n```\n";
    let recorded = accuracy::parse_ratchet(doc).unwrap();
    assert_eq!(
        recorded,
        [
            ("recall_all".to_string(), Some(659)),
            ("precision_all".to_string(), None),
            ("formatting_only_loud".to_string(), Some(2))
        ]
    );
    let now = |recall, loud| {
        vec![
            ("recall_all".to_string(), Some(recall), true),
            ("precision_all".to_string(), Some(800), true),
            ("formatting_only_loud".to_string(), Some(loud), false),
        ]
    };
    assert!(accuracy::check_ratchet(&recorded, &now(659, 2)).is_empty());
    assert_eq!(accuracy::check_ratchet(&recorded, &now(641, 2)), ["recall_all fell from 65.9 to 64.1 (by 1.8 points)"]);
    assert_eq!(accuracy::check_ratchet(&recorded, &now(700, 3)), ["formatting_only_loud rose from 2 to 3 (by 1)"]);
    assert_eq!(accuracy::improved(&recorded, &now(700, 1)).len(), 3);
    let missing = vec![("favoured_all".to_string(), Some(1), true)];
    assert_eq!(accuracy::check_ratchet(&recorded, &missing).len(), 4, "one figure unrecorded, three unknown");
    assert!(accuracy::parse_ratchet("no marker").is_err());
    assert!(accuracy::parse_ratchet("<!-- accuracy-ratchet -->\n```text\nrecall_all = 65.91\n```").is_err());
}

// --- The real corpus -----------------------------------------------------------

#[test]
fn accuracy_on_the_labelled_corpus_does_not_fall_below_the_recorded_figures() {
    if !Path::new(CORPUS).is_dir() {
        println!("skipped: no corpus at {CORPUS} (the shared folder beside the repository)");
        return;
    }
    let started = std::time::Instant::now();
    let run = accuracy::run(Path::new(CORPUS), Path::new(LABELS)).unwrap_or_else(|e| panic!("{e}"));
    println!("{} pairs scored in {:.1} s\n", run.all.pairs, started.elapsed().as_secs_f64());
    println!("{}", accuracy::table(&run));
    let doc = std::fs::read_to_string(DOC).unwrap();
    let recorded = accuracy::parse_ratchet(&doc).unwrap_or_else(|e| panic!("{DOC}: {e}"));
    let current = accuracy::figures(&run);
    let better = accuracy::improved(&recorded, &current);
    if !better.is_empty() {
        println!(
            "Improved (raise the ratchet in {DOC}): {}\n\n```text\n{}```",
            better.join("; "),
            accuracy::block(&run)
        );
    }
    let fell = accuracy::check_ratchet(&recorded, &current);
    assert!(
        fell.is_empty(),
        "accuracy fell below the ratchet in {DOC}:\n- {}\n(`cargo run --release --example accuracy -- --verbose` lists what was missed)",
        fell.join("\n- ")
    );
}

/// The versions of one agreement in history order (the `#` column of its
/// VERSIONS.md), as tests/markdown.rs reads them.
fn versions(folder: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(folder.join("VERSIONS.md")).unwrap();
    let mut rows: Vec<(u32, String)> = text
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let n: u32 = cells.get(1)?.parse().ok()?;
            let file = cells.get(2)?;
            file.ends_with(".md").then(|| (n, file.to_string()))
        })
        .collect();
    rows.sort();
    rows.into_iter().map(|(_, f)| f).collect()
}

#[test]
fn the_labels_cover_every_consecutive_corpus_pair_and_nothing_else() {
    if !Path::new(CORPUS).is_dir() {
        println!("skipped: no corpus at {CORPUS} (the shared folder beside the repository)");
        return;
    }
    let mut folders: Vec<_> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("VERSIONS.md").is_file())
        .collect();
    folders.sort();
    for folder in folders {
        let name = folder.file_name().unwrap().to_str().unwrap().to_string();
        let path = format!("{LABELS}/{name}.yaml");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let labels = accuracy::parse_labels(&text, &path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(labels.agreement, name, "{path}");
        let labelled: Vec<(String, String)> = labels.pairs.iter().map(|p| (p.old.clone(), p.new.clone())).collect();
        let consecutive: Vec<(String, String)> =
            versions(&folder).windows(2).map(|w| (w[0].clone(), w[1].clone())).collect();
        assert_eq!(labelled, consecutive, "{path}: the labelled pairs are the consecutive pairs of VERSIONS.md");
    }
}
