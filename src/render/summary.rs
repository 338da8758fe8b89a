//! A plain-English change summary: one bullet per clause, the way a press
//! release lists what changed.

use std::fmt::Write;

use super::Renderer;
use crate::report::{DirReport, Report};
use crate::safe;

/// The plain-English summary.
pub struct Summary {
    /// Whether to colour the output (the step titles of a log).
    pub color: bool,
}

impl Renderer for Summary {
    fn report(&self, report: &Report) -> String {
        render(report)
    }

    fn directory(&self, d: &DirReport) -> String {
        super::directory_as_list(self, d, safe::line)
    }

    fn log(&self, steps: &[Report]) -> String {
        super::text::log(steps, self.color)
    }
}

fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", heading(report));
    if let Some(h) = super::narrative::headline(report) {
        let _ = writeln!(out, "Headline: {}", safe::line(&h));
    }
    let _ = writeln!(out, "{}", safe::line(&body_intro(report)));
    if let Some(line) = super::perspective_line(report) {
        let _ = writeln!(out, "{line}.");
    }
    for b in bullets(report) {
        let _ = writeln!(out, "- {}", safe::line(&b));
    }
    tail(&mut out, report, safe::line);
    for a in &report.stale {
        let _ = writeln!(out, "- {}", safe::line(&super::stale_sentence(a)));
    }
    out
}

/// What follows the changes in every human format: the net effect on each
/// party, the commercial terms that did not change, and the caveat on where
/// the versions come from; `escape` is the format's own.
pub(super) fn tail(out: &mut String, report: &Report, escape: fn(&str) -> String) {
    let effect = super::narrative::net_effect(report);
    if !effect.is_empty() {
        let _ = writeln!(out, "Net effect:");
        for line in effect {
            let _ = writeln!(out, "- {}", escape(&line));
        }
    }
    if !report.key_terms.is_empty() {
        let terms: Vec<String> = report.key_terms.iter().map(|(label, s)| format!("{label}: {s}")).collect();
        let _ = writeln!(out, "Unchanged key terms: {}", escape(&terms.join(" ")));
    }
    if let Some(c) = &report.caveat {
        let _ = writeln!(out, "{}", escape(c));
    }
}

/// "agreement: old → new".
pub fn heading(report: &Report) -> String {
    let v = |v: &Option<String>| v.clone().unwrap_or_else(|| "?".into());
    safe::line(&format!("{}: {} → {}", report.new.agreement, v(&report.old.version), v(&report.new.version)))
}

fn body_intro(report: &Report) -> String {
    if report.findings.is_empty() {
        "No changes: the two versions say the same thing.".into()
    } else {
        let mut s = report.verdict();
        if let Some(first) = s.get(..1) {
            s = first.to_uppercase() + &s[1..];
        }
        s + "."
    }
}

/// One sentence group per clause, most material first; acknowledged findings
/// last, with their reasons.
pub fn bullets(report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    for group in super::groups(report) {
        let first = group[0];
        // Name the clause first unless the first sentence already does.
        let quoted = format!("\"{}\"", first.label);
        let mut s = if first.message.starts_with(&quoted) { String::new() } else { format!("{}:", first.label) };
        for f in &group {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&f.message);
        }
        if let Some(kept) = first.clause.as_deref().and_then(|c| report.unchanged_of(c)) {
            s.push(' ');
            s.push_str(kept);
        }
        out.push(s);
    }
    for f in super::acknowledged(report) {
        out.push(format!("{} (acknowledged: {}): {}", f.label, f.acknowledged.as_deref().unwrap_or(""), f.message));
    }
    out
}
