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
    Clause {
        clause_type: &'static str,
        fields: Vec<(&'static str, Value)>,
    },
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
}

impl Report {
    /// Counts per materiality, most material first.
    pub fn summary(&self) -> Vec<(Materiality, usize)> {
        Materiality::ALL
            .iter()
            .map(|m| (*m, self.findings.iter().filter(|f| f.materiality() == *m).count()))
            .collect()
    }

    pub fn party_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.party_names
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, n)| n.as_str())
            .unwrap_or(key)
    }

    /// The highest materiality among the findings.
    pub fn max_materiality(&self) -> Option<Materiality> {
        self.findings.iter().map(|f| f.materiality()).max()
    }
}
