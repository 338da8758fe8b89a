//! Markdown for a pull-request comment: a verdict, a table keyed by clause,
//! and collapsible word-level redlines. Every value from an agreement is
//! escaped so that it can neither break nor hijack the comment: no tables
//! split by `|`, no HTML, no links, no @mentions, no code fences.

use std::fmt::Write;

use super::{Renderer, phrase};
use crate::report::{DirReport, Finding, Report, Shown, WordOp};

/// A pull-request comment.
pub struct Markdown;

impl Renderer for Markdown {
    fn report(&self, report: &Report) -> String {
        render(report)
    }

    fn directory(&self, d: &DirReport) -> String {
        super::directory_as_list(self, d, escape)
    }

    fn log(&self, steps: &[Report]) -> String {
        let mut out = String::new();
        if let Some(first) = steps.first() {
            out.push_str(&format!("## History of {}\n", escape(&first.new.agreement)));
        }
        for r in steps {
            out.push_str(&format!("\n### {}\n\n", escape(&super::step_title(r))));
            out.push_str(&format!("**{}**\n\n", escape(&r.verdict())));
            for b in super::summary::bullets(r) {
                out.push_str(&format!("- {}\n", escape(&b)));
            }
        }
        out
    }
}

/// Escape untrusted text for inline Markdown (GitHub Flavoured).
pub fn escape(s: &str) -> String {
    let s = crate::safe::line(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("&#124;"),
            '`' => out.push_str("&#96;"),
            // A zero-width space entity after @ stops mentions (as Renovate does).
            '@' => out.push_str("@&#8203;"),
            '\\' | '*' | '_' | '[' | ']' | '~' | '#' | '!' | '$' | '^' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn render(report: &Report) -> String {
    let mut out = String::new();
    let version = |v: &Option<String>| v.as_deref().map(escape).unwrap_or_else(|| "?".into());
    let _ = writeln!(
        out,
        "### agreement-diff: {} {} → {}\n",
        escape(&report.new.agreement),
        version(&report.old.version),
        version(&report.new.version)
    );
    let _ = writeln!(out, "**{}**", escape(&report.verdict()));
    if let Some(line) = super::perspective_line(report) {
        let _ = writeln!(out, "\n**{}**", escape(&line));
    }
    if report.findings.is_empty() {
        stale(&mut out, report);
        return out;
    }
    let perspective = report.perspective.is_some();
    let _ = writeln!(out);
    if perspective {
        let _ = writeln!(out, "| Clause | Change | Old → New | Favours | Materiality | Impact |");
        let _ = writeln!(out, "|---|---|---|---|---|---|");
    } else {
        let _ = writeln!(out, "| Clause | Change | Old → New | Favours | Materiality |");
        let _ = writeln!(out, "|---|---|---|---|---|");
    }
    let mut redlines: Vec<&Finding> = Vec::new();
    for group in super::groups(report) {
        for f in group {
            row(&mut out, report, f);
            if f.words.is_some() {
                redlines.push(f);
            }
        }
    }
    if !redlines.is_empty() {
        let _ = writeln!(out, "\n<details><summary>Wording changes ({})</summary>\n", redlines.len());
        for f in redlines {
            let field = f.field.as_deref().map(escape).unwrap_or_default();
            let _ = writeln!(out, "**{}**, {field}:\n", escape(&f.label));
            let _ = writeln!(out, "{}\n", redline(f.words.as_deref().unwrap_or(&[])));
        }
        let _ = writeln!(out, "</details>");
    }
    let acked = super::acknowledged(report);
    if !acked.is_empty() {
        let _ = writeln!(out, "\n<details><summary>Acknowledged ({})</summary>\n", acked.len());
        let _ = writeln!(out, "| Clause | Change | Materiality | Reason |");
        let _ = writeln!(out, "|---|---|---|---|");
        for f in acked {
            let _ = writeln!(
                out,
                "| {} | **{}**: {} | {} | {} |",
                escape(&f.label),
                f.rule.id(),
                escape(&f.message),
                f.materiality(),
                escape(f.acknowledged.as_deref().unwrap_or(""))
            );
        }
        let _ = writeln!(out, "\n</details>");
    }
    stale(&mut out, report);
    out
}

fn row(out: &mut String, report: &Report, f: &Finding) {
    let values = match (&f.old, &f.new) {
        (_, Some(Shown::Clause { .. })) => "clause added".to_string(),
        (Some(Shown::Clause { .. }), _) => "clause removed".to_string(),
        _ if f.words.is_some() => "see wording changes".to_string(),
        (o, n) => format!(
            "{} → {}",
            o.as_ref().map(|v| escape(&phrase(v))).unwrap_or_else(|| "—".into()),
            n.as_ref().map(|v| escape(&phrase(v))).unwrap_or_else(|| "—".into())
        ),
    };
    let favours = if f.mixed.is_empty() {
        f.favours.iter().map(|k| escape(report.party_name(k))).collect::<Vec<_>>().join(", ")
    } else {
        let names: Vec<String> = f.mixed.iter().map(|k| escape(report.party_name(k))).collect();
        format!("cuts both ways ({})", names.join(", "))
    };
    let _ = write!(
        out,
        "| {} | **{}**: {} | {} | {} | {} |",
        escape(&f.label),
        f.rule.id(),
        escape(&f.message),
        values,
        if favours.is_empty() { "—".into() } else { favours },
        f.materiality()
    );
    if let Some(i) = report.impact(f) {
        let _ = write!(out, " {} |", i.name());
    }
    let _ = writeln!(out);
}

fn redline(ops: &[WordOp]) -> String {
    let mut s = String::new();
    for op in ops {
        match op {
            WordOp::Same(t) => s.push_str(&escape(t)),
            WordOp::Deleted(t) => s.push_str(&format!("<del>{}</del>", escape(t))),
            WordOp::Inserted(t) => s.push_str(&format!("<ins>{}</ins>", escape(t))),
        }
    }
    s
}

fn stale(out: &mut String, report: &Report) {
    if report.stale.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n**Stale acknowledgements** (they match no finding):\n");
    for a in &report.stale {
        let _ = writeln!(out, "- {}", escape(&super::stale_sentence(a)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_could_act() {
        let e = escape("a | b <script>alert(1)</script> @someone ```rust [x](http://evil) *b* $x$");
        assert!(!e.contains('|') && !e.contains('<') && !e.contains('`'));
        assert!(!e.contains("@someone"));
        assert!(e.contains("\\[x\\](http://evil)"));
        assert!(e.contains("\\*b\\*"));
    }
}
