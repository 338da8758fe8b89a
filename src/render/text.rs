//! The terminal report: grouped by clause, most material first, written for
//! a lawyer as much as for a programmer.

use std::fmt::Write;

use anstyle::{AnsiColor, Effects, Style};

use super::{Renderer, phrase};
use crate::model::Value;
use crate::report::{DirReport, Finding, Report, Shown, WordOp};
use crate::rules::Materiality;
use crate::safe;

// Styles come from `anstyle`, clap's own styling crate (already in the tree
// through clap): no hand-written escape codes. Whether to colour at all is
// decided once, by `anstream`'s reading of the terminal and of NO_COLOR,
// CLICOLOR and CLICOLOR_FORCE (see `crate::cli`).
const BOLD: Style = Style::new().effects(Effects::BOLD);
const DIM: Style = Style::new().effects(Effects::DIMMED);
const RED: Style = AnsiColor::Red.on_default();
const GREEN: Style = AnsiColor::Green.on_default();
const DELETED: Style = AnsiColor::Red.on_default().effects(Effects::STRIKETHROUGH);
const INSERTED: Style = AnsiColor::Green.on_default().effects(Effects::UNDERLINE);

/// Words of unchanged prose kept on each side of a change.
const CONTEXT_WORDS: usize = 8;

/// The terminal report.
pub struct Text {
    /// Whether to colour the output.
    pub color: bool,
}

impl Renderer for Text {
    fn report(&self, report: &Report) -> String {
        render(report, self.color)
    }

    fn directory(&self, d: &DirReport) -> String {
        super::directory_as_list(self, d, safe::line)
    }

    fn log(&self, steps: &[Report]) -> String {
        log(steps, self.color)
    }
}

/// A timeline of versions, one short section per step (also the summary
/// format's log).
pub(super) fn log(steps: &[Report], color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    if let Some(first) = steps.first() {
        out.push_str(&format!(
            "History of {}: {} versions, {} step{}\n",
            safe::line(&first.new.agreement),
            steps.len() + 1,
            steps.len(),
            if steps.len() == 1 { "" } else { "s" }
        ));
    }
    for r in steps {
        let title = p.paint(BOLD, &safe::line(&super::step_title(r)));
        out.push_str(&format!("\n{title}\n{}\n", safe::line(&r.verdict())));
        for b in super::summary::bullets(r) {
            out.push_str(&format!("- {}\n", safe::line(&b)));
        }
    }
    out
}

struct Paint {
    on: bool,
}

impl Paint {
    fn paint(&self, style: Style, s: &str) -> String {
        if self.on { format!("{style}{s}{style:#}") } else { s.to_string() }
    }

    fn materiality(&self, m: Materiality) -> String {
        let label = format!("{:<14}", m.name().to_uppercase());
        let style = match m {
            Materiality::Commercial => RED.effects(Effects::BOLD),
            Materiality::Substantive => AnsiColor::Yellow.on_default(),
            Materiality::Clarification => AnsiColor::Cyan.on_default(),
            Materiality::Administrative => DIM,
        };
        self.paint(style, &label)
    }
}

fn render(report: &Report, color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    let version = |v: &Option<String>| v.as_deref().map(|v| format!(" {}", safe::line(v))).unwrap_or_default();
    let _ = writeln!(
        out,
        "{}",
        p.paint(
            BOLD,
            &format!(
                "{}{} →{}{}",
                safe::line(&report.old.agreement),
                version(&report.old.version),
                if report.new.agreement == report.old.agreement {
                    String::new()
                } else {
                    format!(" {}", safe::line(&report.new.agreement))
                },
                version(&report.new.version)
            )
        )
    );
    let _ = writeln!(out, "  old: {}", safe::line(&report.old.path));
    let _ = writeln!(out, "  new: {}", safe::line(&report.new.path));

    if report.findings.is_empty() {
        let _ = writeln!(out, "\nno changes: the two versions say the same thing.");
        stale(&mut out, &p, report);
        return out;
    }
    if let Some(line) = super::perspective_line(report) {
        let _ = writeln!(out, "  {}", p.paint(BOLD, &line));
    }
    if let Some(h) = super::narrative::headline(report) {
        let _ = writeln!(out, "\n{} {}", p.paint(BOLD, "Headline:"), safe::line(&h));
    }

    for group in super::groups(report) {
        let first = group[0];
        let heading = match &first.clause {
            Some(id) if *id != first.label => format!("{}  ({})", safe::line(&first.label), safe::line(id)),
            _ => safe::line(&first.label),
        };
        let _ = writeln!(out, "\n{}", p.paint(BOLD, &heading));
        for f in group {
            finding(&mut out, &p, report, f);
        }
        if let Some(kept) = first.clause.as_deref().and_then(|c| report.unchanged_of(c)) {
            let _ = writeln!(out, "  {}", p.paint(DIM, &safe::line(kept)));
        }
    }

    let mut tail = String::new();
    super::summary::tail(&mut tail, report, safe::line);
    if !tail.is_empty() {
        let _ = write!(out, "\n{tail}");
    }

    let acked = super::acknowledged(report);
    if !acked.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            p.paint(BOLD, &format!("Acknowledged ({}): accepted by reviewers, not counted by --fail-on", acked.len()))
        );
        for f in acked {
            finding(&mut out, &p, report, f);
        }
    }
    stale(&mut out, &p, report);

    let _ = writeln!(out, "\n{}", report.verdict());
    out
}

fn stale(out: &mut String, p: &Paint, report: &Report) {
    if report.stale.is_empty() {
        return;
    }
    let _ =
        writeln!(out, "\n{}", p.paint(BOLD, "Stale acknowledgements (they match no finding, or the change they approved differs; remove or update them):"));
    for a in &report.stale {
        let _ = writeln!(out, "  {}", safe::line(&super::stale_sentence(a)));
    }
}

fn finding(out: &mut String, p: &Paint, report: &Report, f: &Finding) {
    let impact = match (report.impact(f), report.perspective.as_deref()) {
        (Some(i), Some(party)) if i != crate::report::Impact::Neutral => {
            let style = match i {
                crate::report::Impact::Loss => RED,
                crate::report::Impact::Gain => GREEN,
                _ => AnsiColor::Yellow.on_default(),
            };
            format!("  {}", p.paint(style, &format!("[{} {}]", i.name(), safe::line(report.party_name(party)))))
        }
        _ => String::new(),
    };
    // The change's digest, for an acknowledgement to name (`change:`).
    let change = p.paint(DIM, &format!("change {}", f.change()));
    let _ = writeln!(out, "  {} {}  {change}{impact}", p.materiality(f.materiality()), p.paint(DIM, f.rule.id()));
    let _ = writeln!(out, "    {}", safe::line(&f.message));
    if let Some(reason) = &f.acknowledged {
        let _ = writeln!(out, "    acknowledged: {}", safe::line(reason));
    }
    let field = f.field.as_deref().map(safe::line).unwrap_or_default();
    match (&f.old, &f.new) {
        (Some(Shown::Clause { .. }), _) | (_, Some(Shown::Clause { .. })) => {
            let (sign, fields, style) = match (&f.old, &f.new) {
                (_, Some(Shown::Clause { fields, .. })) => ("+", fields, GREEN),
                (Some(Shown::Clause { fields, .. }), _) => ("-", fields, RED),
                _ => unreachable!(),
            };
            for (name, value) in fields {
                let shown = match value {
                    Value::Text(t) => format!("\"{}\"", crate::classify::clip(t)),
                    other => other.to_string(),
                };
                let _ = writeln!(out, "      {}", p.paint(style, &format!("{sign} {name}: {}", safe::line(&shown))));
            }
        }
        _ if f.words.is_some() => {
            let _ = writeln!(out, "    {}: {}", field, redline(p, f.words.as_deref().unwrap_or(&[])));
        }
        (old, new) => {
            // A layout-only change would read the same on both sides: show the raw text.
            let show = |s: &Shown| match s {
                Shown::Value(Value::Text(t)) if f.rule == crate::rules::Rule::TextReformatted => {
                    format!("\"{}\"", safe::line(t))
                }
                other => phrase(other),
            };
            let o = old.as_ref().map(show).unwrap_or_else(|| "(none)".into());
            let n = new.as_ref().map(show).unwrap_or_else(|| "(none)".into());
            let _ = writeln!(out, "    {field}: {} → {}", p.paint(RED, &o), p.paint(GREEN, &n));
        }
    }
    // A typed finding that a rewording joined: the wording's redline beside it.
    if f.source() == "field"
        && let Some(e) = &f.evidence
        && let Some(words) =
            crate::classify::prose::word_diff(e.old.as_deref().unwrap_or(""), e.new.as_deref().unwrap_or(""))
    {
        let _ = writeln!(out, "    wording: {}", redline(p, &words));
    }
    if let Some(phrase) = super::favour_phrase(report, f) {
        let _ = writeln!(out, "    {}", safe::line(&phrase));
    }
    let old_at = f.old_line.map(|l| format!("{}:{l}", safe::line(&report.old.path)));
    let new_at = f.new_line.map(|l| format!("{}:{l}", safe::line(&report.new.path)));
    let at = match (old_at, new_at) {
        (Some(o), Some(n)) => format!("{o} → {n}"),
        (Some(o), None) => format!("{o} (old)"),
        (None, Some(n)) => format!("{n} (new)"),
        (None, None) => String::new(),
    };
    if !at.is_empty() {
        let _ = writeln!(out, "    {}", p.paint(DIM, &format!("at {at}")));
    }
}

/// Inline word diff: red/green with colour, `[-old-]{+new+}` without. Each
/// piece is escaped on its own, and the line once more as a whole, since a
/// piece ending in `##` and the `[-` after it would make `##[`.
fn redline(p: &Paint, ops: &[WordOp]) -> String {
    let mut s = String::new();
    let last = ops.len().saturating_sub(1);
    for (i, op) in ops.iter().enumerate() {
        match op {
            WordOp::Same(t) => s.push_str(&safe::line(&elide(t, i == 0, i == last))),
            WordOp::Deleted(t) => {
                let t = safe::line(t);
                s.push_str(&if p.on { p.paint(DELETED, &t) } else { format!("[-{t}-]") });
            }
            WordOp::Inserted(t) => {
                let t = safe::line(t);
                s.push_str(&if p.on { p.paint(INSERTED, &t) } else { format!("{{+{t}+}}") });
            }
        }
    }
    safe::inert_commands(&s).into_owned()
}

/// Keep a few words of unchanged context next to changes.
fn elide(t: &str, first: bool, last: bool) -> String {
    let words: Vec<&str> = t.split(' ').collect();
    let keep = CONTEXT_WORDS;
    if words.len() <= 2 * keep + 1 || (first && last) {
        return t.to_string();
    }
    match (first, last) {
        (true, _) => format!("… {}", words[words.len() - keep..].join(" ")),
        (_, true) => format!("{} …", words[..keep].join(" ")),
        _ => format!("{} … {}", words[..keep].join(" "), words[words.len() - keep..].join(" ")),
    }
}
