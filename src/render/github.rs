//! GitHub Actions workflow commands: one annotation per finding, on the line
//! in the new file (or in the old file for what was removed).
//! commercial → error, substantive → warning, the rest → notice.

use super::Renderer;
use crate::report::{DirReport, Report, Stale};
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

/// One annotation per clause, its most material finding, saying how many
/// more the report has: GitHub shows only about ten errors and ten warnings
/// per step, so a finding per line would hide the ones that matter.
fn render(report: &Report) -> String {
    let mut out = String::new();
    let acknowledged = super::acknowledged(report);
    let groups = super::groups(report).into_iter().chain(acknowledged.into_iter().map(|f| vec![f]));
    for group in groups {
        let f = group[0];
        let level = match (f.materiality(), f.acknowledged.is_some()) {
            (_, true) => "notice",
            (Materiality::Commercial, _) => "error",
            (Materiality::Substantive, _) => "warning",
            _ => "notice",
        };
        // Something removed is annotated in the new file beside where it stood
        // (never at its old line number, which in the new file is another
        // clause); in the old file only when that is a different file.
        let (new_file, old_file) = (shown_path(&report.new.path), shown_path(&report.old.path));
        let mut where_removed = None;
        let (file, line) = match (f.new_line, f.anchor, f.old_line) {
            (Some(l), _, _) => (new_file, Some(l)),
            (None, Some(a), _) => {
                where_removed = Some(a.place.sentence());
                (new_file, Some(a.line))
            }
            (None, None, Some(l)) if old_file != new_file => (old_file, Some(l)),
            _ => (new_file, None),
        };
        let mut props = format!("file={}", property(file));
        if let Some(l) = line {
            props.push_str(&format!(",line={l}"));
        }
        let title = format!("{} ({}): {}", f.rule.id(), f.materiality(), f.label);
        props.push_str(&format!(",title={}", property(&title)));
        let mut message = match where_removed {
            Some(place) => format!("{place}: {}", f.message),
            None => f.message.clone(),
        };
        if let Some(reason) = &f.acknowledged {
            message.push_str(&format!(" Acknowledged: {reason}"));
        }
        if group.len() > 1 {
            let more = group.len() - 1;
            message.push_str(&format!(
                " (And {more} more change{} in this clause: see the report.)",
                if more == 1 { "" } else { "s" }
            ));
        }
        out.push_str(&format!("::{level} {props}::{}\n", data(&message)));
    }
    for a in &report.stale {
        out.push_str(&stale(a));
    }
    out
}

/// A warning on a stale acknowledgement, on its line of the file.
fn stale(s: &Stale) -> String {
    let a = &s.ack;
    format!("::warning file={},line={}::{}\n", property(shown_path(&a.file)), a.line, data(&super::stale_sentence(s)))
}

/// The path in the work tree of a file given as `REV:PATH`, for annotations.
fn shown_path(path: &str) -> &str {
    path.rsplit_once(':').filter(|_| crate::git::is_rev_path(path)).map(|(_, p)| p).unwrap_or(path)
}

/// Escape a command's message (GitHub's `escapeData`).
pub fn data(s: &str) -> String {
    crate::safe::line(s).replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a command property (GitHub's `escapeProperty`).
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `check --format github`: one `::error` workflow command per error (and
/// `::warning` per warning), on its line and column.
pub fn check_errors(errors: &[(crate::load::LoadError, &'static str)]) -> String {
    let mut out = String::new();
    for (e, command) in errors {
        let mut props = format!("file={}", property(&e.file));
        if let Some(p) = e.pos {
            props.push_str(&format!(",line={},col={}", p.line, p.col));
        }
        out.push_str(&format!("::{command} {props}::{}\n", data(&e.message)));
    }
    out
}
