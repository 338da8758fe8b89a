//! Findings: what every output format renders. Formats differ in
//! presentation only; they all read this.

use crate::classify::rules::{Materiality, Rule};
use crate::model::Value;

/// One change of meaning.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static Rule,
    /// The clause id, or `None` for agreement-level findings (metadata,
    /// parties, definitions).
    pub clause: Option<String>,
    /// How to name the clause or section to a reader.
    pub label: String,
    /// The field, or `None` for a whole clause.
    pub field: Option<String>,
    pub old: Option<Shown>,
    pub new: Option<Shown>,
    pub favours: Vec<String>,
    pub disfavours: Vec<String>,
    pub message: String,
    pub old_line: Option<u32>,
    pub new_line: Option<u32>,
    /// The word-level change of prose, where the finding is about prose.
    pub words: Option<Vec<WordOp>>,
    /// The reviewers' reason, when an acknowledgement covers this finding.
    pub acknowledged: Option<String>,
}

impl Finding {
    pub fn materiality(&self) -> Materiality {
        self.rule.materiality
    }
}

/// A value as a finding shows it: a typed value, or a whole clause.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    Value(Value),
    Clause { clause_type: &'static str, fields: Vec<(&'static str, Value)> },
}

/// One piece of a word-level diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordOp {
    Same(String),
    Deleted(String),
    Inserted(String),
}

/// Which file a side of the report came from.
#[derive(Clone, Debug)]
pub struct Side {
    pub path: String,
    pub agreement: String,
    pub version: Option<String>,
}

/// The result of comparing two versions.
#[derive(Clone, Debug)]
pub struct Report {
    pub old: Side,
    pub new: Side,
    /// In document order: agreement-level findings first, then by clause
    /// position in the new file (removed clauses where they stood).
    pub findings: Vec<Finding>,
    /// Party key → display name, from both versions (new wins).
    pub party_names: Vec<(String, String)>,
    /// The party whose gains and losses the report is organised around.
    pub perspective: Option<String>,
    /// Acknowledgements that matched no finding.
    pub stale: Vec<crate::ack::Ack>,
    /// For clauses with findings, the key terms that did not change
    /// (clause id, sentence), so that a summary can say what still holds.
    pub unchanged: Vec<(String, String)>,
}

/// How a finding affects the party of `--perspective`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    Loss,
    Gain,
    Neutral,
}

impl Impact {
    pub fn name(self) -> &'static str {
        match self {
            Impact::Loss => "against",
            Impact::Gain => "for",
            Impact::Neutral => "neutral",
        }
    }
}

impl Report {
    /// Counts per materiality, most material first.
    pub fn summary(&self) -> Vec<(Materiality, usize)> {
        Materiality::ALL.iter().map(|m| (*m, self.findings.iter().filter(|f| f.materiality() == *m).count())).collect()
    }

    pub fn party_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.party_names.iter().find(|(k, _)| k == key).map(|(_, n)| n.as_str()).unwrap_or(key)
    }

    /// The highest materiality among the findings that are not acknowledged.
    pub fn max_materiality(&self) -> Option<Materiality> {
        self.findings.iter().filter(|f| f.acknowledged.is_none()).map(|f| f.materiality()).max()
    }

    /// How a finding affects the perspective party, if one is set.
    pub fn impact(&self, f: &Finding) -> Option<Impact> {
        let p = self.perspective.as_deref()?;
        Some(if f.disfavours.iter().any(|x| x == p) {
            Impact::Loss
        } else if f.favours.iter().any(|x| x == p) {
            Impact::Gain
        } else {
            Impact::Neutral
        })
    }

    /// (gains, losses) for the perspective party.
    pub fn gains_and_losses(&self) -> Option<(usize, usize)> {
        self.perspective.as_ref()?;
        let count = |i| self.findings.iter().filter(|f| self.impact(f) == Some(i)).count();
        Some((count(Impact::Gain), count(Impact::Loss)))
    }

    /// The sentence on unchanged terms of a clause, if any.
    pub fn unchanged_of(&self, clause: &str) -> Option<&str> {
        self.unchanged.iter().find(|(c, _)| c == clause).map(|(_, s)| s.as_str())
    }

    /// Findings not acknowledged, in document order.
    pub fn open_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.acknowledged.is_none())
    }

    /// A one-line verdict: counts per materiality.
    pub fn verdict(&self) -> String {
        if self.findings.is_empty() {
            return "no changes".to_string();
        }
        let counts: Vec<String> =
            self.summary().iter().filter(|(_, n)| *n > 0).map(|(m, n)| format!("{n} {m}")).collect();
        let total = self.findings.len();
        format!("{total} change{}: {}", if total == 1 { "" } else { "s" }, counts.join(", "))
    }
}
