//! GitHub Actions workflow commands: one annotation per finding, on the line
//! in the new file (or in the old file for what was removed).
//! commercial → error, substantive → warning, the rest → notice.

use crate::classify::rules::Materiality;
use crate::report::Report;

pub fn render(report: &Report) -> String {
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
        let title = format!("{} ({}): {}", f.rule.id, f.materiality(), f.label);
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
pub fn stale(a: &crate::ack::Ack) -> String {
    let message = format!("Stale acknowledgement of {} matches no finding: {}", a.rule, a.reason);
    format!("::warning file={},line={}::{}\n", property(&a.file), a.line, data(&message))
}

/// Escape a command's message (GitHub's `escapeData`).
pub fn data(s: &str) -> String {
    crate::safe::line(s).replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a command property (GitHub's `escapeProperty`).
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}
