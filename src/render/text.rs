//! The terminal report: grouped by theme and clause, most material first,
//! written for a lawyer as much as for a programmer.

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
    for theme in super::themes(report) {
        let _ = writeln!(out, "\n{}", p.paint(BOLD, &format!("== {} ==", safe::line(&theme.name))));
        for group in &theme.groups {
            clause_group(&mut out, &p, report, group, &theme.name);
        }
    }

    // What the changes add up to for each party, after the changes themselves.
    let mut effect = String::new();
    super::summary::net_effect(&mut effect, report, safe::line);
    if !effect.is_empty() {
        let _ = write!(out, "\n{effect}");
    }

    let mut closing = String::new();
    super::summary::closing(&mut closing, report, safe::line);
    if !closing.is_empty() {
        let _ = write!(out, "\n{closing}");
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

/// One clause (or section) and its findings; the metadata changes of a
/// new version as one line.
fn clause_group(out: &mut String, p: &Paint, report: &Report, group: &[&Finding], theme: &str) {
    let first = group[0];
    let heading = match &first.clause {
        Some(id) if *id != first.label => format!("{}  ({})", safe::line(&first.label), safe::line(id)),
        _ => safe::line(&first.label),
    };
    // An agreement-level section is its own theme: no second heading.
    if first.clause.is_some() || first.label != theme {
        let _ = writeln!(out, "\n{}", p.paint(BOLD, &heading));
    }
    if let Some(line) = super::metadata_line(group) {
        let _ = writeln!(out, "  {} {}", p.materiality(first.materiality()), safe::line(&line));
        let lines: Vec<u32> = group.iter().filter_map(|f| f.new_line.or(f.old_line)).collect();
        let at = match (lines.iter().min(), lines.iter().max()) {
            (Some(a), Some(b)) if a != b => format!("at {}:{a}–{b} · ", safe::line(&report.new.path)),
            (Some(a), _) => format!("at {}:{a} · ", safe::line(&report.new.path)),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "    {}",
            p.paint(DIM, &format!("{at}{} ×{} (each with its change: --format json)", first.rule.id(), group.len()))
        );
        return;
    }
    for f in group {
        finding(out, p, report, f);
    }
    if let Some(kept) = first.clause.as_deref().and_then(|c| report.unchanged_of(c)) {
        let _ = writeln!(out, "  {}", p.paint(DIM, &safe::line(kept)));
    }
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
    let _ = writeln!(out, "  {} {}{impact}", p.materiality(f.materiality()), safe::line(&f.message));
    if let Some(reason) = &f.acknowledged {
        let _ = writeln!(out, "    acknowledged: {}", safe::line(reason));
    }
    match (&f.old, &f.new) {
        (Some(Shown::Clause { fields, .. }), None) | (None, Some(Shown::Clause { fields, .. })) => {
            // The sentence gives the key terms; the wording shows what it says.
            let (sign, style) = if f.new.is_some() { ("+", GREEN) } else { ("-", RED) };
            if let Some((_, Value::Text(t))) = fields.iter().find(|(n, _)| *n == "text") {
                let shown = format!("{sign} \"{}\"", crate::classify::clip(t));
                let _ = writeln!(out, "    {}", p.paint(style, &safe::line(&shown)));
            }
        }
        _ if f.words.is_some() => {
            let field = f.field.as_deref().map(super::field_word).unwrap_or_default();
            let _ = writeln!(out, "    {}: {}", safe::line(&field), redline(p, f.words.as_deref().unwrap_or(&[])));
        }
        _ if f.rule == crate::rules::Rule::TextReformatted => {
            // A layout-only change would read the same on both sides: show the raw text.
            let raw = |s: &Option<Shown>| match s {
                Some(Shown::Value(Value::Text(t))) => format!("\"{}\"", safe::line(t)),
                Some(other) => phrase(other),
                None => "none".into(),
            };
            let _ = writeln!(out, "    was {}, now {}", p.paint(RED, &raw(&f.old)), p.paint(GREEN, &raw(&f.new)));
        }
        _ => {
            if let Some(line) = super::values_line(report, f) {
                let _ = writeln!(out, "    {}", safe::line(&line));
            }
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
        (Some(o), Some(n)) => format!("at {o} → {n} · "),
        (Some(o), None) => format!("at {o} (old) · "),
        (None, Some(n)) => format!("at {n} (new) · "),
        (None, None) => String::new(),
    };
    // The rule and the change's digest (for an acknowledgement to name,
    // `change:`) close the finding, dimmed: available, not leading.
    let _ = writeln!(out, "    {}", p.paint(DIM, &format!("{at}{} · change {}", f.rule.id(), f.change())));
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
