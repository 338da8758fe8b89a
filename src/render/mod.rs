//! Render: one module per output format, all fed the same [`Report`].
//! Formats differ in presentation only: every finding appears in each.

pub mod github;
pub mod json;
pub mod markdown;
pub mod summary;
pub mod text;

use std::cmp::Reverse;
use std::collections::HashMap;

use crate::report::{Finding, Impact, Report, Shown};

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For a terminal: grouped by clause, most material first.
    Text,
    /// A stable contract for tools (docs/json.md).
    Json,
    /// A pull-request comment.
    Markdown,
    /// GitHub Actions workflow commands (annotations on the changed lines).
    Github,
    /// A plain-English change summary, one bullet per clause.
    Summary,
}

pub fn render(report: &Report, format: Format, color: bool) -> String {
    match format {
        Format::Text => text::render(report, color),
        Format::Json => json::render(report),
        Format::Markdown => markdown::render(report),
        Format::Github => github::render(report),
        Format::Summary => summary::render(report),
    }
}

/// Longest prose shown inline by the human formats; JSON always has it all.
const PHRASE_MAX_CHARS: usize = 2000;

/// A shown value as a single-line phrase (untrusted text escaped; very long
/// prose clipped, saying so).
pub fn phrase(s: &Shown) -> String {
    match s {
        Shown::Value(crate::model::Value::Text(t)) if t.len() > PHRASE_MAX_CHARS => {
            let kept = crate::classify::clip_to(t, PHRASE_MAX_CHARS);
            crate::safe::line(&format!("\"{kept}\" [{} characters in all; see --format json]", t.chars().count()))
        }
        Shown::Value(v) => crate::safe::line(&v.to_string()),
        Shown::Clause { clause_type, .. } => format!("a {clause_type} clause"),
    }
}

/// How findings sort: against the perspective party first, then for it, then
/// neutral; within that, most material first.
fn rank(report: &Report, f: &Finding) -> (u8, Reverse<crate::Materiality>) {
    let impact = match report.impact(f) {
        Some(Impact::Loss) => 0,
        Some(Impact::Gain) => 1,
        _ => 2,
    };
    (impact, Reverse(f.materiality()))
}

/// The open (not acknowledged) findings grouped by clause (or section), groups
/// ordered by their highest-ranked finding, then by document order.
pub fn groups(report: &Report) -> Vec<Vec<&Finding>> {
    let mut groups: Vec<Vec<&Finding>> = Vec::new();
    let mut index: HashMap<(Option<&str>, &str), usize> = HashMap::new();
    for f in report.open_findings() {
        let key = (f.clause.as_deref(), if f.clause.is_some() { "" } else { f.label.as_str() });
        match index.get(&key) {
            Some(&i) => groups[i].push(f),
            None => {
                index.insert(key, groups.len());
                groups.push(vec![f]);
            }
        }
    }
    for g in &mut groups {
        g.sort_by_key(|f| rank(report, f));
    }
    groups.sort_by_key(|g| rank(report, g[0]));
    groups
}

/// The acknowledged findings, in document order.
pub fn acknowledged(report: &Report) -> Vec<&Finding> {
    report.findings.iter().filter(|f| f.acknowledged.is_some()).collect()
}

/// "For Microsoft: 2 gains, 4 losses" when a perspective is set.
pub fn perspective_line(report: &Report) -> Option<String> {
    let (gains, losses) = report.gains_and_losses()?;
    let p = report.perspective.as_deref()?;
    Some(format!(
        "For {}: {gains} gain{}, {losses} loss{}",
        crate::safe::line(report.party_name(p)),
        if gains == 1 { "" } else { "s" },
        if losses == 1 { "" } else { "es" }
    ))
}
