//! Invariants over generated agreements: identity, completeness, symmetry,
//! determinism, and no panic on any input.

use agreement_diff::render::{Format, render};
use agreement_diff::{LoadOptions, Rule, diff, load_str};
use proptest::prelude::*;

/// One generated clause: (kind, a small integer that drives its values).
#[derive(Clone, Debug)]
enum Gen {
    Payment { rate: u32, cap: Option<u32>, until: u32 },
    License { exclusive: bool, territory: Vec<bool> },
    Obligation { modality: u8, days: u32 },
    Text { words: Vec<u8> },
}

const PLACES: [&str; 4] = ["US", "EU", "UK", "JP"];
const WORDS: [&str; 6] = ["alpha", "beta", "shall", "pay", "30", "notice"];

fn clause_yaml(i: usize, g: &Gen) -> String {
    match g {
        Gen::Payment { rate, cap, until } => {
            let cap = cap.map(|c| format!("    cap: USD {c} million\n")).unwrap_or_default();
            format!(
                "  - id: c{i}\n    type: payment\n    payer: a\n    payee: b\n    rate: {rate}%\n{cap}    until: {}-12-31\n",
                2026 + until
            )
        }
        Gen::License { exclusive, territory } => {
            let t: Vec<&str> = PLACES.iter().zip(territory).filter(|(_, on)| **on).map(|(p, _)| *p).collect();
            format!(
                "  - id: c{i}\n    type: license\n    licensor: a\n    licensee: b\n    exclusive: {exclusive}\n    territory: [{}]\n",
                t.join(", ")
            )
        }
        Gen::Obligation { modality, days } => format!(
            "  - id: c{i}\n    type: obligation\n    obligor: a\n    obligee: b\n    duty: report\n    modality: {}\n    deadline: {days} days\n",
            ["may", "shall", "shall-not"][*modality as usize % 3]
        ),
        Gen::Text { words } => {
            let w: Vec<&str> = words.iter().map(|i| WORDS[*i as usize % WORDS.len()]).collect();
            format!("  - id: c{i}\n    text: \"{} end\"\n", w.join(" "))
        }
    }
}

fn agreement_yaml(clauses: &[Gen]) -> String {
    let mut s = String::from("agreement: gen\nparties:\n  a: {name: Alpha}\n  b: {name: Beta}\nclauses:\n");
    for (i, c) in clauses.iter().enumerate() {
        s.push_str(&clause_yaml(i, c));
    }
    if clauses.is_empty() {
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
        (0u8..3, 1u32..120).prop_map(|(modality, days)| Gen::Obligation { modality, days }),
        proptest::collection::vec(0u8..6, 1..12).prop_map(|words| Gen::Text { words }),
    ]
}

/// Change one value of a clause; returns the field that changed.
fn mutate(g: &Gen, seed: u32) -> (Gen, &'static str) {
    match g {
        Gen::Payment { rate, cap, until } => match seed % 3 {
            0 => (Gen::Payment { rate: rate + 1 + seed % 7, cap: *cap, until: *until }, "rate"),
            1 => (Gen::Payment { rate: *rate, cap: if cap.is_some() { None } else { Some(5) }, until: *until }, "cap"),
            _ => (Gen::Payment { rate: *rate, cap: *cap, until: until + 1 }, "until"),
        },
        Gen::License { exclusive, territory } => match seed % 2 {
            0 => (Gen::License { exclusive: !exclusive, territory: territory.clone() }, "exclusive"),
            _ => {
                let mut t = territory.clone();
                let k = seed as usize % 4;
                t[k] = !t[k];
                (Gen::License { exclusive: *exclusive, territory: t }, "territory")
            }
        },
        Gen::Obligation { modality, days } => match seed % 2 {
            0 => (Gen::Obligation { modality: (modality + 1) % 3, days: *days }, "modality"),
            _ => (Gen::Obligation { modality: *modality, days: days + 1 + seed % 30 }, "deadline"),
        },
        Gen::Text { words } => {
            let mut w = words.clone();
            w.push((seed % 6) as u8);
            w.push(((seed / 6) % 6) as u8);
            (Gen::Text { words: w }, "text")
        }
    }
}

/// The rule the catalogue says a change becomes when read backwards.
fn mirror(rule: Rule) -> Option<Rule> {
    rule.info().mirror
}

fn load(text: &str, name: &str) -> agreement_diff::model::Agreement {
    load_str(text, name, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn a_version_against_itself_has_no_findings(clauses in proptest::collection::vec(gen_clause(), 0..12)) {
        let a = load(&agreement_yaml(&clauses), "a.yaml");
        prop_assert!(diff(&a, &a).findings.is_empty());
    }

    #[test]
    fn every_mutation_is_reported_at_its_clause_and_field_and_mirrors(
        clauses in proptest::collection::vec(gen_clause(), 1..10),
        pick in any::<prop::sample::Index>(),
        seed in any::<u32>(),
    ) {
        let i = pick.index(clauses.len());
        let (changed, field) = mutate(&clauses[i], seed);
        let mut after = clauses.clone();
        after[i] = changed;
        let old = load(&agreement_yaml(&clauses), "old.yaml");
        let new = load(&agreement_yaml(&after), "new.yaml");
        let id = format!("c{i}");
        let forward = diff(&old, &new);
        let backward = diff(&new, &old);
        let at = |r: &agreement_diff::Report| -> Vec<Rule> {
            r.findings.iter().filter(|f| f.clause.as_deref() == Some(id.as_str()) && f.field.as_deref() == Some(field)).map(|f| f.rule).collect()
        };
        let (fw, bw) = (at(&forward), at(&backward));
        prop_assert!(!fw.is_empty(), "mutation of {}.{} not reported: {:?}", id, field, forward.findings.iter().map(|f| (f.rule.id(), f.clause.clone(), f.field.clone())).collect::<Vec<_>>());
        // Nothing else changed.
        prop_assert!(forward.findings.iter().all(|f| f.clause.as_deref() == Some(id.as_str())));
        // Rules with no mirror need not appear backwards.
        let mut mirrored: Vec<Rule> = fw.iter().filter_map(|r| mirror(*r)).collect();
        let mut back: Vec<Rule> = bw.iter().copied().filter(|r| mirror(*r).is_some()).collect();
        mirrored.sort();
        back.sort();
        prop_assert_eq!(mirrored, back);
        // Favours swap with direction.
        for f in forward.findings.iter().filter(|f| f.field.as_deref() == Some(field)) {
            if let Some(b) = backward.findings.iter().find(|b| Some(b.rule) == mirror(f.rule) && b.field == f.field) {
                prop_assert_eq!(&f.favours, &b.disfavours);
                prop_assert_eq!(&f.disfavours, &b.favours);
            }
        }
    }

    #[test]
    fn removing_a_clause_mirrors_adding_it(
        clauses in proptest::collection::vec(gen_clause(), 2..10),
        pick in any::<prop::sample::Index>(),
    ) {
        let i = pick.index(clauses.len());
        let kept: Vec<(usize, &Gen)> = clauses.iter().enumerate().filter(|(k, _)| *k != i).collect();
        let mut after = String::from("agreement: gen\nparties:\n  a: {name: Alpha}\n  b: {name: Beta}\nclauses:\n");
        for (k, c) in &kept {
            after.push_str(&clause_yaml(*k, c));
        }
        let old = load(&agreement_yaml(&clauses), "old.yaml");
        let new = load(&after, "new.yaml");
        let forward = diff(&old, &new);
        let backward = diff(&new, &old);
        let id = format!("c{i}");
        let whole = |r: &agreement_diff::Report| -> Vec<(Rule, Vec<String>, Vec<String>)> {
            r.findings.iter().filter(|f| f.clause.as_deref() == Some(id.as_str()) && f.field.is_none())
                .map(|f| (f.rule, f.favours.clone(), f.disfavours.clone())).collect()
        };
        let (fw, bw) = (whole(&forward), whole(&backward));
        prop_assert_eq!(fw.len(), 1, "{:?}", forward.findings.iter().map(|f| f.rule.id()).collect::<Vec<_>>());
        prop_assert_eq!(bw.len(), 1);
        prop_assert_eq!(mirror(fw[0].0), Some(bw[0].0));
        prop_assert_eq!(&fw[0].1, &bw[0].2);
        prop_assert_eq!(&fw[0].2, &bw[0].1);
    }

    #[test]
    fn output_is_deterministic(a in proptest::collection::vec(gen_clause(), 0..8), b in proptest::collection::vec(gen_clause(), 0..8)) {
        let (x, y) = (load(&agreement_yaml(&a), "a.yaml"), load(&agreement_yaml(&b), "b.yaml"));
        let one = render(&diff(&x, &y), Format::Json, false);
        let two = render(&diff(&x, &y), Format::Json, false);
        prop_assert_eq!(&one, &two);
        prop_assert_eq!(render(&diff(&x, &y), Format::Text, false), render(&diff(&x, &y), Format::Text, false));
        let parsed: serde_json::Value = serde_json::from_str(&one).unwrap();
        prop_assert!(parsed["findings"].is_array());
    }

    #[test]
    fn comparing_on_two_threads_gives_the_same_report(
        clauses in proptest::collection::vec(gen_clause(), 2..40),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u32>()), 0..8),
        drop_some in proptest::collection::vec(any::<prop::sample::Index>(), 0..3),
    ) {
        let mut after = clauses.clone();
        for (i, seed) in &edits {
            let k = i.index(after.len());
            after[k] = mutate(&after[k], *seed).0;
        }
        let mut after_yaml = agreement_yaml(&after);
        for d in &drop_some {
            // Remove a clause by id so that removed clauses cross the halves.
            let id = format!("  - id: c{}\n", d.index(after.len()));
            if let Some(start) = after_yaml.find(&id) {
                let end = after_yaml[start + 1..].find("\n  - id: ").map(|e| start + 1 + e + 1).unwrap_or(after_yaml.len());
                after_yaml.replace_range(start..end, "");
            }
        }
        let old = load(&agreement_yaml(&clauses), "old.yaml");
        let Ok(new) = load_str(&after_yaml, "new.yaml", &LoadOptions::default()) else { return Ok(()) };
        let one = agreement_diff::classify::diff_with_threshold(&old, &new, usize::MAX);
        let two = agreement_diff::classify::diff_with_threshold(&old, &new, 2);
        prop_assert_eq!(render(&one, Format::Json, false), render(&two, Format::Json, false));
    }

    #[test]
    fn no_panic_on_arbitrary_text(text in "\\PC{0,300}") {
        let _ = load_str(&text, "x.yaml", &LoadOptions::default());
    }

    #[test]
    fn no_panic_on_yaml_shaped_text(text in "(agreement: x\nparties:\n  a: \\{name: A\\}\nclauses:\n)?([ -]{0,4}[a-z]{1,8}: ?[a-z0-9%:{}\\[\\], -]{0,20}\n){0,20}") {
        let _ = load_str(&text, "x.yaml", &LoadOptions::default());
    }
}
