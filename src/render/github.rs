//! GitHub Actions workflow commands: one annotation per finding, on the line
//! in the new file (or in the old file for what was removed).
//! commercial → error, substantive → warning, the rest → notice.

use super::Renderer;
use crate::report::{Ack, DirReport, Report};
use crate::rules::Materiality;

/// GitHub Actions workflow commands.
pub struct Github;

impl Renderer for Github {
    fn report(&self, report: &Report) -> String {
        render(report)
    }

    fn directory(&self, d: &DirReport) -> String {
        let mut out: String = d.reports.iter().map(render).collect();
        for (l, what) in d.lone() {
            let message = data(&format!("Agreement {} {what}", l.agreement));
            out.push_str(&format!("::warning file={}::{message}\n", property(&l.path)));
        }
        for a in &d.stale {
            out.push_str(&stale(a));
        }
        out
    }

    fn log(&self, steps: &[Report]) -> String {
        steps.iter().map(render).collect()
    }
}

fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let level = match (f.materiality(), f.acknowledged.is_some()) {
            (_, true) => "notice",
            (Materiality::Commercial, _) => "error",
            (Materiality::Substantive, _) => "warning",
            _ => "notice",
        };
        let (file, line) = match (f.new_line, f.old_line) {
            (Some(l), _) => (&report.new.path, Some(l)),
            (None, Some(l)) => (&report.old.path, Some(l)),
            (None, None) => (&report.new.path, None),
        };
        let file = file.rsplit_once(':').filter(|_| crate::git::is_rev_path(file)).map(|(_, p)| p).unwrap_or(file);
        let mut props = format!("file={}", property(file));
        if let Some(l) = line {
            props.push_str(&format!(",line={l}"));
        }
        let title = format!("{} ({}): {}", f.rule.id(), f.materiality(), f.label);
        props.push_str(&format!(",title={}", property(&title)));
        let mut message = f.message.clone();
        if let Some(reason) = &f.acknowledged {
            message.push_str(&format!(" Acknowledged: {reason}"));
        }
        out.push_str(&format!("::{level} {props}::{}\n", data(&message)));
    }
    for a in &report.stale {
        out.push_str(&stale(a));
    }
    out
}

/// A warning on an acknowledgement that matches no finding.
fn stale(a: &Ack) -> String {
    format!("::warning file={},line={}::{}\n", property(&a.file), a.line, data(&super::stale_sentence(a)))
}

/// Escape a command's message (GitHub's `escapeData`).
pub fn data(s: &str) -> String {
    crate::safe::line(s).replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a command property (GitHub's `escapeProperty`).
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `check --format github`: one `::error` workflow command per error, on its
/// line and column.
pub fn check_errors(errors: &[crate::load::LoadError]) -> String {
    let mut out = String::new();
    for e in errors {
        let mut props = format!("file={}", property(&e.file));
        if let Some(p) = e.pos {
            props.push_str(&format!(",line={},col={}", p.line, p.col));
        }
        out.push_str(&format!("::error {props}::{}\n", data(&e.message)));
    }
    out
}
