//! A plain-English change summary: headline, net effect, then one bullet per
//! clause under its theme (cloud, IP, money...), the way a press
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
    // The changes by theme, then what they add up to for each party (the order a general counsel reads).
    for theme in super::themes(report) {
        let _ = writeln!(out, "{}:", safe::line(&theme.name));
        for g in &theme.groups {
            let _ = writeln!(out, "- {}", safe::line(&super::group_sentence_weighed(report, g)));
        }
    }
    net_effect(&mut out, report, safe::line);
    let acked = super::acknowledged(report);
    if !acked.is_empty() {
        let _ = writeln!(out, "Acknowledged:");
        for f in acked {
            let _ = writeln!(out, "- {}", safe::line(&acknowledged_sentence(f)));
        }
    }
    closing(&mut out, report, safe::line);
    for a in &report.stale {
        let _ = writeln!(out, "- {}", safe::line(&super::stale_sentence(a)));
    }
    out
}

/// The net effect on each party (after the changes by theme in text and summary, after the headline in
/// Markdown and HTML, whose tables of changes can be long); `escape` is the format's own.
pub(super) fn net_effect(out: &mut String, report: &Report, escape: fn(&str) -> String) {
    let effect = super::narrative::net_effect(report);
    if !effect.is_empty() {
        let _ = writeln!(out, "Net effect:");
        for line in effect {
            let _ = writeln!(out, "- {}", escape(&line));
        }
    }
}

/// What follows the changes in every human format: the commercial terms
/// that did not change, and the caveat on where the versions come from;
/// `escape` is the format's own.
pub(super) fn closing(out: &mut String, report: &Report, escape: fn(&str) -> String) {
    if !report.key_terms.is_empty() {
        let _ = writeln!(out, "Unchanged key terms:");
        for (label, s) in &report.key_terms {
            let _ = writeln!(out, "- {}: {}", escape(label), escape(s));
        }
    }
    if let Some(c) = &report.caveat {
        let _ = writeln!(out, "{}", escape(c));
    }
}

fn acknowledged_sentence(f: &crate::report::Finding) -> String {
    format!("{} (acknowledged: {}): {}", f.label, f.acknowledged.as_deref().unwrap_or(""), f.message)
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

/// One sentence group per clause, most material first (metadata changes as
/// one line); acknowledged findings last, with their reasons.
pub fn bullets(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = super::groups(report).iter().map(|g| super::group_sentence(report, g)).collect();
    out.extend(super::acknowledged(report).into_iter().map(acknowledged_sentence));
    out
}
