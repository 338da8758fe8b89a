//! Accuracy against the labelled corpus (issue 11, item 6): how many of the
//! hand-labelled changes of meaning the findings find, at what materiality,
//! for the right party, and how many loud findings match no label.
//!
//! Not part of the product: `examples/accuracy.rs` prints the table and
//! `tests/accuracy.rs` holds the figures to the ratchet recorded in
//! `docs/accuracy.md`, which also states the definitions used here. The
//! module is in the library (hidden from the docs) so that both share one
//! scorer and it can read the labels with the crate's own YAML layer.
//!
//! The scorer knows findings only through [`Finding`]'s public fields (lines,
//! materiality, favours, mixed): it does not depend on which rules exist.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::model::Agreement;
use crate::report::Finding;
use crate::rules::Materiality;
use crate::yaml::{self, Node, NodeKind};
use crate::{LoadOptions, load_file};

/// The agreements whose labels are kept aside while the prose analysis is
/// tuned: figures are reported for them separately.
pub const HOLD_OUT: [&str; 2] = ["mozilla-websites-tou", "commonpaper-mutual-nda-coverpage"];

/// Who a label says the change favours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Favours {
    /// No party gains.
    None,
    /// It cuts both ways.
    Both,
    /// A key of the label file's `parties`.
    Party(String),
}

/// One labelled change of meaning.
#[derive(Clone, Debug)]
pub struct Label {
    /// What changed, in a sentence.
    pub summary: String,
    /// Inclusive range of lines in the old file, if the change has an old side.
    pub old_lines: Option<(u32, u32)>,
    /// Inclusive range of lines in the new file, if the change has a new side.
    pub new_lines: Option<(u32, u32)>,
    /// The rule families that describe it.
    pub families: Vec<String>,
    /// How material it is.
    pub materiality: Materiality,
    /// Whom it favours.
    pub favours: Favours,
}

/// The labels of one consecutive pair of versions.
#[derive(Clone, Debug)]
pub struct LabelledPair {
    /// The old file's name in the agreement's corpus folder.
    pub old: String,
    /// The new file's name.
    pub new: String,
    /// Whether nothing changes meaning.
    pub formatting_only: bool,
    /// The labelled changes.
    pub changes: Vec<Label>,
}

/// One file of `tests/corpus/labels/`.
#[derive(Clone, Debug)]
pub struct LabelFile {
    /// The corpus folder.
    pub agreement: String,
    /// Party key → the names the document uses for it.
    pub parties: Vec<(String, Vec<String>)>,
    /// The labelled pairs, in history order.
    pub pairs: Vec<LabelledPair>,
}

/// Parse a label file (`path` is for messages only).
pub fn parse_labels(text: &str, path: &str) -> Result<LabelFile, String> {
    let root = yaml::parse(text, yaml::Limits::default())
        .map_err(|e| format!("{path}:{}: {}", e.pos.map_or(0, |p| p.line), e.message))?;
    let at = |n: &Node, what: &str| format!("{path}:{}: {what}", n.pos.line);
    let map = |n: &Node, keys: &[&str]| -> Result<HashMap<String, Node>, String> {
        let NodeKind::Map(entries) = &n.kind else {
            return Err(at(n, &format!("expected a mapping, found {}", n.kind.describe())));
        };
        let mut out = HashMap::new();
        for e in entries {
            if !keys.contains(&e.key.as_str()) {
                return Err(format!(
                    "{path}:{}: unknown key `{}` (expected one of {})",
                    e.key_pos.line,
                    e.key,
                    keys.join(", ")
                ));
            }
            out.insert(e.key.clone(), e.value.clone());
        }
        Ok(out)
    };
    let text_of = |n: &Node| match &n.kind {
        NodeKind::Str(s) => Ok(s.to_string()),
        NodeKind::Number(s) => Ok(s.clone()),
        other => Err(at(n, &format!("expected text, found {}", other.describe()))),
    };
    let seq = |n: &Node| match &n.kind {
        NodeKind::Seq(items) => Ok(items.clone()),
        other => Err(at(n, &format!("expected a list, found {}", other.describe()))),
    };
    let need = |m: &HashMap<String, Node>, key: &str, n: &Node| {
        m.get(key).cloned().ok_or_else(|| at(n, &format!("`{key}` is missing")))
    };
    let range = |n: &Node| -> Result<(u32, u32), String> {
        let items = seq(n)?;
        let nums: Vec<u32> = items.iter().filter_map(|i| text_of(i).ok()?.parse().ok()).collect();
        match nums[..] {
            [a, b] if items.len() == 2 && 1 <= a && a <= b => Ok((a, b)),
            _ => Err(at(n, "a line range is [first, last], 1 ≤ first ≤ last")),
        }
    };

    let top = map(&root, &["agreement", "parties", "pairs"])?;
    let agreement = text_of(&need(&top, "agreement", &root)?)?;
    let parties_node = need(&top, "parties", &root)?;
    let NodeKind::Map(entries) = &parties_node.kind else {
        return Err(at(&parties_node, "`parties` is a mapping of key → [names]"));
    };
    let mut parties = Vec::new();
    for e in entries {
        let names = seq(&e.value)?.iter().map(text_of).collect::<Result<Vec<_>, _>>()?;
        parties.push((e.key.clone(), names));
    }
    let mut pairs = Vec::new();
    for p in seq(&need(&top, "pairs", &root)?)? {
        let m = map(&p, &["old", "new", "formatting_only", "changes"])?;
        let formatting_only = match m.get("formatting_only").map(|n| &n.kind) {
            Some(NodeKind::Bool(b)) => *b,
            None => false,
            Some(other) => {
                return Err(at(&p, &format!("`formatting_only` is true or false, not {}", other.describe())));
            }
        };
        let mut changes = Vec::new();
        let listed = match m.get("changes") {
            Some(n) if matches!(n.kind, NodeKind::Null) => Vec::new(),
            Some(n) => seq(n)?,
            None => Vec::new(),
        };
        for c in listed {
            let l = map(&c, &["summary", "old_lines", "new_lines", "families", "materiality", "favours"])?;
            let materiality = text_of(&need(&l, "materiality", &c)?)?;
            let materiality = Materiality::parse(&materiality)
                .ok_or_else(|| at(&c, &format!("unknown materiality `{materiality}`")))?;
            let favours = match text_of(&need(&l, "favours", &c)?)?.as_str() {
                "none" => Favours::None,
                "both" => Favours::Both,
                key if parties.iter().any(|(k, _)| k == key) => Favours::Party(key.to_string()),
                key => return Err(at(&c, &format!("`favours: {key}` is not `none`, `both` or a key of `parties`"))),
            };
            let label = Label {
                summary: l.get("summary").map(text_of).transpose()?.unwrap_or_default(),
                old_lines: l.get("old_lines").map(range).transpose()?,
                new_lines: l.get("new_lines").map(range).transpose()?,
                families: l
                    .get("families")
                    .map(seq)
                    .transpose()?
                    .unwrap_or_default()
                    .iter()
                    .map(text_of)
                    .collect::<Result<_, _>>()?,
                materiality,
                favours,
            };
            if label.old_lines.is_none() && label.new_lines.is_none() {
                return Err(at(&c, "a label needs `old_lines`, `new_lines` or both"));
            }
            if formatting_only && label.materiality > Materiality::Clarification {
                return Err(at(&c, "a formatting-only pair lists only clarification or administrative changes"));
            }
            changes.push(label);
        }
        pairs.push(LabelledPair {
            old: text_of(&need(&m, "old", &p)?)?,
            new: text_of(&need(&m, "new", &p)?)?,
            formatting_only,
            changes,
        });
    }
    Ok(LabelFile { agreement, parties, pairs })
}

/// A finding *matches* a label when its old line lies in the label's old
/// range or its new line in the new range.
pub fn matches(label: &Label, f: &Finding) -> bool {
    let within = |line: Option<u32>, range: Option<(u32, u32)>| match (line, range) {
        (Some(l), Some((a, b))) => a <= l && l <= b,
        _ => false,
    };
    within(f.old_line, label.old_lines) || within(f.new_line, label.new_lines)
}

/// Label party key → the tool's party keys it corresponds to: those whose
/// key, name, short name or an alias equals (ignoring case) one of the
/// label's names for it. `tool` lists the parties of both versions.
pub fn party_map(labelled: &[(String, Vec<String>)], tool: &[&crate::model::Party]) -> PartyMap {
    labelled
        .iter()
        .map(|(key, names)| {
            let mut keys: Vec<String> = tool
                .iter()
                .filter(|p| {
                    let theirs =
                        [Some(&p.key), Some(&p.name), p.short.as_ref()].into_iter().flatten().chain(&p.aliases);
                    theirs.into_iter().any(|t| names.iter().any(|n| n.to_lowercase() == t.to_lowercase()))
                })
                .map(|p| p.key.clone())
                .collect();
            keys.sort();
            keys.dedup();
            (key.clone(), keys)
        })
        .collect()
}

/// Whether the finding names the party the label names: `none` ↔ no
/// favoured party and not mixed; `both` ↔ mixed; a party ↔ it favours a
/// tool party mapped to that key, and none mapped only to another key.
pub fn names_party(label: &Label, f: &Finding, map: &[(String, Vec<String>)]) -> bool {
    match &label.favours {
        Favours::None => f.favours.is_empty() && f.mixed.is_empty(),
        Favours::Both => !f.mixed.is_empty(),
        Favours::Party(key) => {
            let ours = |tool: &String| map.iter().any(|(k, keys)| k == key && keys.contains(tool));
            let others = |tool: &String| map.iter().any(|(k, keys)| k != key && keys.contains(tool));
            f.mixed.is_empty() && f.favours.iter().any(ours) && !f.favours.iter().any(|t| others(t) && !ours(t))
        }
    }
}

/// Label party key → the tool's party keys it corresponds to.
pub type PartyMap = Vec<(String, Vec<String>)>;

/// A finding at substantive or above that matches no label.
#[derive(Clone, Debug)]
pub struct Unlabelled {
    /// Its materiality.
    pub materiality: Materiality,
    /// Its rule id.
    pub rule: &'static str,
    /// Its line in the old file.
    pub old_line: Option<u32>,
    /// Its line in the new file.
    pub new_line: Option<u32>,
    /// Its message.
    pub message: String,
}

/// What became of one label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabelOutcome {
    /// Some matching finding is at or above the label's materiality.
    pub found: bool,
    /// Some finding matches, at any materiality.
    pub found_any: bool,
    /// Found, and some matching finding at or above the labelled
    /// materiality names the labelled party.
    pub party_right: bool,
}

/// Score one label against the findings of its pair.
pub fn judge(label: &Label, findings: &[Finding], map: &[(String, Vec<String>)]) -> LabelOutcome {
    let matching: Vec<&Finding> = findings.iter().filter(|f| matches(label, f)).collect();
    let loud_enough: Vec<&&Finding> = matching.iter().filter(|f| f.materiality() >= label.materiality).collect();
    LabelOutcome {
        found: !loud_enough.is_empty(),
        found_any: !matching.is_empty(),
        party_right: loud_enough.iter().any(|f| names_party(label, f, map)),
    }
}

/// A count out of a total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ratio {
    /// How many qualify.
    pub hits: usize,
    /// Out of how many.
    pub of: usize,
}

impl Ratio {
    fn add(&mut self, hit: bool) {
        self.of += 1;
        self.hits += usize::from(hit);
    }
    /// Tenths of a percent, rounded half up; `None` when there is nothing to count.
    pub fn permille(self) -> Option<u64> {
        (self.of > 0).then(|| (self.hits as u64 * 1000 + self.of as u64 / 2) / self.of as u64)
    }
    /// "41.5% (17/41)", or "– (0/0)".
    pub fn show(self) -> String {
        match self.permille() {
            Some(p) => format!("{}.{}% ({}/{})", p / 10, p % 10, self.hits, self.of),
            None => "– (0/0)".to_string(),
        }
    }
}

/// The figures for a set of pairs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Pairs scored.
    pub pairs: usize,
    /// Recall per labelled materiality, in [`Materiality::ALL`] order
    /// (commercial first).
    pub recall_by: [Ratio; 4],
    /// Recall over every label.
    pub recall: Ratio,
    /// Labels with any matching finding.
    pub found_any: Ratio,
    /// Over found labels: the favoured party is right.
    pub favoured: Ratio,
    /// Over found labels at substantive or above: the favoured party is
    /// right; shown, not ratcheted.
    pub favoured_major: Ratio,
    /// Findings at substantive or commercial that match a label.
    pub precision: Ratio,
    /// Findings at commercial that match a label.
    pub precision_commercial: Ratio,
    /// Findings at substantive or commercial that match a label at
    /// substantive or above (not graded up from a minor change); shown, not
    /// ratcheted.
    pub precision_graded: Ratio,
    /// Formatting-only pairs: labelled `formatting_only: true` with every
    /// labelled change in the families `format` or `metadata` (layout,
    /// markup, typos, moves, the document's own date), the issue's sense.
    pub formatting_only: usize,
    /// Formatting-only pairs with a finding above clarification.
    pub formatting_only_loud: usize,
    /// Pairs labelled `formatting_only: true`: no change of meaning in the
    /// labeller's judgement, which also takes in rewordings labelled
    /// clarification (an example dropped, "under" → "under the terms of").
    pub meaning_unchanged: usize,
    /// Of those, pairs with a finding above clarification.
    pub meaning_unchanged_loud: usize,
}

impl Tally {
    fn merge(&mut self, o: &Tally) {
        let add = |a: &mut Ratio, b: Ratio| {
            a.hits += b.hits;
            a.of += b.of;
        };
        self.pairs += o.pairs;
        for i in 0..4 {
            add(&mut self.recall_by[i], o.recall_by[i]);
        }
        add(&mut self.recall, o.recall);
        add(&mut self.found_any, o.found_any);
        add(&mut self.favoured, o.favoured);
        add(&mut self.favoured_major, o.favoured_major);
        add(&mut self.precision, o.precision);
        add(&mut self.precision_commercial, o.precision_commercial);
        add(&mut self.precision_graded, o.precision_graded);
        self.formatting_only += o.formatting_only;
        self.formatting_only_loud += o.formatting_only_loud;
        self.meaning_unchanged += o.meaning_unchanged;
        self.meaning_unchanged_loud += o.meaning_unchanged_loud;
    }
}

/// The score of one pair, with what the verbose listing shows.
#[derive(Clone, Debug)]
pub struct PairScore {
    /// The corpus folder.
    pub agreement: String,
    /// The old file name.
    pub old: String,
    /// The new file name.
    pub new: String,
    /// Whether the agreement is in [`HOLD_OUT`].
    pub hold_out: bool,
    /// The figures of this pair alone.
    pub tally: Tally,
    /// Each label with its outcome.
    pub labels: Vec<(Label, LabelOutcome)>,
    /// Findings at substantive or above that match no label.
    pub unlabelled: Vec<Unlabelled>,
    /// For each label not found or with the wrong party: the matching
    /// findings (materiality, rule id, direction with parties).
    pub evidence: Vec<Vec<String>>,
}

/// Score the findings of one pair against its labels.
pub fn score_pair(
    pair: &LabelledPair,
    findings: &[Finding],
    map: &[(String, Vec<String>)],
) -> (Tally, Vec<LabelOutcome>) {
    let mut t = Tally { pairs: 1, ..Tally::default() };
    let mut outcomes = Vec::new();
    for label in &pair.changes {
        let o = judge(label, findings, map);
        let i = Materiality::ALL.iter().position(|m| *m == label.materiality).expect("a materiality");
        t.recall_by[i].add(o.found);
        t.recall.add(o.found);
        t.found_any.add(o.found_any);
        if o.found {
            t.favoured.add(o.party_right);
            if label.materiality >= Materiality::Substantive {
                t.favoured_major.add(o.party_right);
            }
        }
        outcomes.push(o);
    }
    for f in findings.iter().filter(|f| f.materiality() >= Materiality::Substantive) {
        let hit = pair.changes.iter().any(|l| matches(l, f));
        t.precision.add(hit);
        t.precision_graded.add(pair.changes.iter().any(|l| l.materiality >= Materiality::Substantive && matches(l, f)));
        if f.materiality() == Materiality::Commercial {
            t.precision_commercial.add(hit);
        }
    }
    if pair.formatting_only {
        let loud = usize::from(findings.iter().any(|f| f.materiality() > Materiality::Clarification));
        (t.meaning_unchanged, t.meaning_unchanged_loud) = (1, loud);
        if pair.changes.iter().all(|l| l.families.iter().all(|f| f == "format" || f == "metadata")) {
            (t.formatting_only, t.formatting_only_loud) = (1, loud);
        }
    }
    (t, outcomes)
}

/// Everything one run of the scorer found.
#[derive(Clone, Debug, Default)]
pub struct Run {
    /// Agreements other than the hold-out ones.
    pub tuning: Tally,
    /// The [`HOLD_OUT`] agreements.
    pub hold_out: Tally,
    /// Every pair.
    pub all: Tally,
    /// Per pair, in label-file order.
    pub pairs: Vec<PairScore>,
    /// Per agreement: label party key → tool party keys.
    pub party_maps: Vec<(String, PartyMap)>,
}

fn direction(f: &Finding, names: &dyn Fn(&str) -> String) -> String {
    let list = |keys: &[String]| keys.iter().map(|k| names(k)).collect::<Vec<_>>().join(", ");
    match f.direction() {
        "cuts-both-ways" => format!("cuts both ways ({})", list(&f.mixed)),
        "none" => "favours no one".to_string(),
        _ if f.favours.is_empty() => format!("disfavours {}", list(&f.disfavours)),
        _ => format!("favours {}", list(&f.favours)),
    }
}

/// Score every label file in `labels` (sorted by name) against the corpus
/// folder `corpus`: each file is loaded once, each labelled pair compared
/// with [`crate::diff`].
pub fn run(corpus: &Path, labels: &Path) -> Result<Run, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(labels)
        .map_err(|e| format!("{}: {e}", labels.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no label files (*.yaml)", labels.display()));
    }
    let parsed = files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            parse_labels(&text, &p.display().to_string())
        })
        .collect::<Result<Vec<_>, _>>()?;
    // One thread per agreement: loading and comparing dominate.
    let scored: Vec<Result<Scored, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = parsed.iter().map(|lf| s.spawn(move || score_agreement(corpus, lf))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err("the scorer panicked".to_string()))).collect()
    });
    let mut out = Run::default();
    for (lf, result) in parsed.iter().zip(scored) {
        let (pairs, map) = result?;
        for p in &pairs {
            if p.hold_out {
                out.hold_out.merge(&p.tally)
            } else {
                out.tuning.merge(&p.tally)
            }
            out.all.merge(&p.tally);
        }
        out.pairs.extend(pairs);
        out.party_maps.push((lf.agreement.clone(), map));
    }
    Ok(out)
}

type Scored = (Vec<PairScore>, PartyMap);

fn score_agreement(corpus: &Path, lf: &LabelFile) -> Result<Scored, String> {
    let folder = corpus.join(&lf.agreement);
    let mut loaded: HashMap<String, (Agreement, u32)> = HashMap::new();
    for name in lf.pairs.iter().flat_map(|p| [&p.old, &p.new]) {
        if loaded.contains_key(name) {
            continue;
        }
        let path = folder.join(name);
        let path = path.to_str().ok_or_else(|| format!("{}: not UTF-8", path.display()))?;
        let lines = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?.lines().count() as u32;
        let a = load_file(path, &LoadOptions::default()).map_err(|e| format!("{path}: {e}"))?;
        loaded.insert(name.clone(), (a, lines));
    }
    let mut tool_parties: Vec<&crate::model::Party> = Vec::new();
    for (a, _) in loaded.values() {
        tool_parties.extend(&a.parties);
    }
    let map = party_map(&lf.parties, &tool_parties);
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for p in &tool_parties {
        names.insert(p.key.clone(), p.display().to_string());
    }
    let name_of = |k: &str| names.get(k).map_or_else(|| k.to_string(), |n| format!("{n} ({k})"));
    let hold_out = HOLD_OUT.contains(&lf.agreement.as_str());
    let mut pairs = Vec::new();
    for pair in &lf.pairs {
        let ((old, old_count), (new, new_count)) = (&loaded[&pair.old], &loaded[&pair.new]);
        for l in &pair.changes {
            for (range, count, file) in [(l.old_lines, *old_count, &pair.old), (l.new_lines, *new_count, &pair.new)] {
                if let Some((_, last)) = range.filter(|r| r.1 > count) {
                    return Err(format!(
                        "labels of {}: line {last} is past the end of {file} ({count} lines): {}",
                        lf.agreement, l.summary
                    ));
                }
            }
        }
        let report = crate::diff(old, new);
        let (tally, outcomes) = score_pair(pair, &report.findings, &map);
        let evidence = pair
            .changes
            .iter()
            .zip(&outcomes)
            .map(|(l, o)| {
                if o.found && o.party_right {
                    return Vec::new();
                }
                report
                    .findings
                    .iter()
                    .filter(|f| matches(l, f))
                    .map(|f| format!("{} {}, {}", f.materiality(), f.rule.id(), direction(f, &name_of)))
                    .collect()
            })
            .collect();
        let unlabelled = report
            .findings
            .iter()
            .filter(|f| f.materiality() >= Materiality::Substantive && !pair.changes.iter().any(|l| matches(l, f)))
            .map(|f| Unlabelled {
                materiality: f.materiality(),
                rule: f.rule.id(),
                old_line: f.old_line,
                new_line: f.new_line,
                message: f.message.clone(),
            })
            .collect();
        pairs.push(PairScore {
            agreement: lf.agreement.clone(),
            old: pair.old.clone(),
            new: pair.new.clone(),
            hold_out,
            tally,
            labels: pair.changes.iter().cloned().zip(outcomes).collect(),
            unlabelled,
            evidence,
        });
    }
    Ok((pairs, map))
}

/// The Markdown table: one row per figure, columns tuning, hold-out, all.
pub fn table(r: &Run) -> String {
    let sets = [&r.tuning, &r.hold_out, &r.all];
    let mut s = String::from("| figure | tuning | hold-out | all |\n|---|---|---|---|\n");
    let mut row = |name: &str, cell: &dyn Fn(&Tally) -> String| {
        let _ = writeln!(s, "| {name} | {} | {} | {} |", cell(sets[0]), cell(sets[1]), cell(sets[2]));
    };
    row("pairs", &|t| t.pairs.to_string());
    for (i, m) in Materiality::ALL.iter().enumerate() {
        row(&format!("recall, labelled {m}"), &|t| t.recall_by[i].show());
    }
    row("**recall, all labels**", &|t| format!("**{}**", t.recall.show()));
    row("found at any materiality", &|t| t.found_any.show());
    row("**favoured party right** (of found)", &|t| format!("**{}**", t.favoured.show()));
    row("favoured party right, labelled substantive or above (of found)", &|t| t.favoured_major.show());
    row("**precision, substantive and above**", &|t| format!("**{}**", t.precision.show()));
    row("precision, commercial", &|t| t.precision_commercial.show());
    row("precision, substantive and above, against labels at substantive or above", &|t| t.precision_graded.show());
    row("**formatting-only pairs with a finding above clarification**", &|t| {
        format!("**{}** of {}", t.formatting_only_loud, t.formatting_only)
    });
    row("pairs labelled meaning-unchanged (rewordings included) with a finding above clarification", &|t| {
        format!("{} of {}", t.meaning_unchanged_loud, t.meaning_unchanged)
    });
    s
}

/// The ratchet figures, in the order `docs/accuracy.md` records them:
/// (key, value in tenths of a percent or a count, whether higher is better).
pub fn figures(r: &Run) -> Vec<(String, Option<u64>, bool)> {
    let mut out = Vec::new();
    for (suffix, t) in [("all", &r.all), ("holdout", &r.hold_out), ("tuning", &r.tuning)] {
        out.push((format!("recall_{suffix}"), t.recall.permille(), true));
        out.push((format!("favoured_{suffix}"), t.favoured.permille(), true));
        out.push((format!("precision_{suffix}"), t.precision.permille(), true));
        for (key, count) in
            [("formatting_only_loud", t.formatting_only_loud), ("meaning_unchanged_loud", t.meaning_unchanged_loud)]
        {
            let key = if suffix == "all" { key.to_string() } else { format!("{key}_{suffix}") };
            out.push((key, Some(count as u64), false));
        }
    }
    out
}

fn show_figure(key: &str, v: Option<u64>) -> String {
    match v {
        None => "-".to_string(),
        Some(v) if is_count(key) => v.to_string(),
        Some(v) => format!("{}.{}", v / 10, v % 10),
    }
}

/// Whether a ratchet key counts pairs (lower is better) rather than giving
/// a percentage.
fn is_count(key: &str) -> bool {
    key.starts_with("formatting_only_loud") || key.starts_with("meaning_unchanged_loud")
}

/// The ratchet block as `docs/accuracy.md` holds it (`key = value` lines;
/// percentages with one decimal, `-` when there is nothing to count).
pub fn block(r: &Run) -> String {
    figures(r).iter().map(|(k, v, _)| format!("{k} = {}\n", show_figure(k, *v))).collect()
}

/// The marker line before the ratchet's fenced block in `docs/accuracy.md`.
pub const RATCHET_MARKER: &str = "<!-- accuracy-ratchet -->";

/// Read the ratchet from the text of `docs/accuracy.md`: the `key = value`
/// lines of the first fenced block after [`RATCHET_MARKER`].
pub fn parse_ratchet(doc: &str) -> Result<Vec<(String, Option<u64>)>, String> {
    let after = doc.split_once(RATCHET_MARKER).ok_or("no ratchet marker")?.1;
    let mut lines = after.lines().skip_while(|l| !l.trim_start().starts_with("```"));
    lines.next().ok_or("no fenced block after the ratchet marker")?;
    let mut out = Vec::new();
    for line in lines.take_while(|l| !l.trim_start().starts_with("```")) {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let (k, v) = line.split_once('=').ok_or_else(|| format!("not `key = value`: {line}"))?;
        let (k, v) = (k.trim(), v.trim());
        let value = if v == "-" {
            None
        } else if let Some((whole, tenth)) = v.split_once('.') {
            let (w, t): (u64, u64) = (
                whole.parse().map_err(|_| format!("{k}: not a number: {v}"))?,
                tenth.parse().map_err(|_| format!("{k}: not a number: {v}"))?,
            );
            if tenth.len() != 1 {
                return Err(format!("{k}: one decimal, please: {v}"));
            }
            Some(w * 10 + t)
        } else if is_count(k) {
            Some(v.parse().map_err(|_| format!("{k}: not a count: {v}"))?)
        } else {
            Some(v.parse::<u64>().map_err(|_| format!("{k}: not a number: {v}"))? * 10)
        };
        out.push((k.to_string(), value));
    }
    Ok(out)
}

/// Compare the current figures with the recorded ones: one message per
/// figure that fell (or per key missing on either side). Empty: the ratchet
/// holds.
pub fn check_ratchet(recorded: &[(String, Option<u64>)], current: &[(String, Option<u64>, bool)]) -> Vec<String> {
    let mut out = Vec::new();
    for (key, now, higher_better) in current {
        let Some((_, was)) = recorded.iter().find(|(k, _)| k == key) else {
            out.push(format!("{key} is not recorded in docs/accuracy.md (now {})", show_figure(key, *now)));
            continue;
        };
        let (was_s, now_s) = (show_figure(key, *was), show_figure(key, *now));
        match (was, now) {
            (Some(w), Some(n)) if *higher_better && n < w => {
                let d = w - n;
                out.push(format!("{key} fell from {was_s} to {now_s} (by {}.{} points)", d / 10, d % 10))
            }
            (Some(w), Some(n)) if !*higher_better && n > w => {
                out.push(format!("{key} rose from {was_s} to {now_s} (by {})", n - w))
            }
            (Some(_), None) => out.push(format!("{key} was {was_s} and now has nothing to count")),
            _ => {}
        }
    }
    for (key, _) in recorded {
        if !current.iter().any(|(k, _, _)| k == key) {
            out.push(format!("docs/accuracy.md records an unknown figure `{key}`"));
        }
    }
    out
}

/// Figures that improved on the recorded ones (so the ratchet can be raised).
pub fn improved(recorded: &[(String, Option<u64>)], current: &[(String, Option<u64>, bool)]) -> Vec<String> {
    current
        .iter()
        .filter_map(|(key, now, higher_better)| {
            let (_, was) = recorded.iter().find(|(k, _)| k == key)?;
            let better = match (was, now) {
                (Some(w), Some(n)) => {
                    if *higher_better {
                        n > w
                    } else {
                        n < w
                    }
                }
                (None, Some(_)) => true,
                _ => false,
            };
            better.then(|| format!("{key}: {} → {}", show_figure(key, *was), show_figure(key, *now)))
        })
        .collect()
}

/// The verbose listing: party mappings, then per pair the labels missed or
/// with the wrong party (with the findings that match them), and the
/// findings at substantive or above that match no label.
pub fn details(r: &Run) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "## Party mapping (label key → tool party keys)\n");
    for (agreement, map) in &r.party_maps {
        let shown: Vec<String> = map
            .iter()
            .map(|(k, keys)| format!("{k} → {}", if keys.is_empty() { "(none)".to_string() } else { keys.join(", ") }))
            .collect();
        let _ = writeln!(s, "- {agreement}: {}", shown.join("; "));
    }
    for p in &r.pairs {
        let _ =
            writeln!(s, "\n## {}: {} → {}{}\n", p.agreement, p.old, p.new, if p.hold_out { " (hold-out)" } else { "" });
        let lines = |r: Option<(u32, u32)>| {
            r.map_or("–".to_string(), |(a, b)| if a == b { a.to_string() } else { format!("{a}–{b}") })
        };
        let mut quiet = true;
        for ((l, o), ev) in p.labels.iter().zip(&p.evidence) {
            let what = match (o.found, o.party_right) {
                (true, true) => continue,
                (true, false) => "wrong party",
                (false, _) if o.found_any => "too quiet",
                (false, _) => "missed",
            };
            quiet = false;
            let favours = match &l.favours {
                Favours::None => "none".to_string(),
                Favours::Both => "both".to_string(),
                Favours::Party(k) => k.clone(),
            };
            let _ = writeln!(
                s,
                "- {what}: [{} favours {favours}] old {} new {}: {}",
                l.materiality,
                lines(l.old_lines),
                lines(l.new_lines),
                l.summary
            );
            for e in ev {
                let _ = writeln!(s, "  - finding: {e}");
            }
        }
        for u in &p.unlabelled {
            quiet = false;
            let line = |l: Option<u32>| l.map_or("–".to_string(), |l| l.to_string());
            let _ = writeln!(
                s,
                "- unlabelled finding: {} {} old {} new {}: {}",
                u.materiality,
                u.rule,
                line(u.old_line),
                line(u.new_line),
                u.message
            );
        }
        if quiet {
            let _ =
                writeln!(s, "(every label found with the right party; no unlabelled finding at substantive or above)");
        }
    }
    s
}
