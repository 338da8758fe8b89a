//! Markdown for a pull-request comment: a verdict, a table keyed by clause,
//! and collapsible word-level redlines. Every value from an agreement is
//! escaped so that it can neither break nor hijack the comment: no tables
//! split by `|`, no HTML, no links, no @mentions, no code fences.

use std::fmt::Write;

use super::{Renderer, phrase};
use crate::report::{DirReport, Finding, Report, Shown, WordOp};

/// A pull-request comment.
#[derive(Default)]
pub struct Markdown {
    /// Where a file's lines can be linked: `https://github.com/OWNER/REPO/blob/SHA`,
    /// set when running in GitHub Actions; lines are plain text otherwise.
    pub links: Option<String>,
}

/// GitHub's limit on the body of a comment, in characters; a report is cut
/// to stay under it (bytes are counted, which is never less).
pub const COMMENT_LIMIT: usize = 65_536;

/// Room kept for the closing line of a cut report.
const FOOTER_ROOM: usize = 1_000;

impl Renderer for Markdown {
    fn report(&self, report: &Report) -> String {
        let full = render(report, self.links.as_deref(), usize::MAX);
        if full.len() <= COMMENT_LIMIT {
            return full;
        }
        render(report, self.links.as_deref(), COMMENT_LIMIT - FOOTER_ROOM)
    }

    fn directory(&self, d: &DirReport) -> String {
        let full = super::directory_as_list(self, d, escape);
        if full.len() <= COMMENT_LIMIT {
            return full;
        }
        // Whole agreements, in order, while they fit; then say what is left out.
        let mut out = String::new();
        let mut shown = 0;
        for r in &d.reports {
            let part = self.report(r);
            if out.len() + part.len() + 1 > COMMENT_LIMIT - FOOTER_ROOM {
                break;
            }
            out.push_str(&part);
            out.push('\n');
            shown += 1;
        }
        let _ = writeln!(
            out,
            "**{} more agreement{} and {} agreement{} added or removed: see the full report** \
             (`agreement-diff --format markdown OLD_DIR NEW_DIR`, or the job summary).",
            d.reports.len() - shown,
            if d.reports.len() - shown == 1 { "" } else { "s" },
            d.added.len() + d.removed.len(),
            if d.added.len() + d.removed.len() == 1 { "" } else { "s" }
        );
        out
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

/// A zero-width space, as an entity: put inside a mention, a reference or a
/// link, it stops GitHub from linking it, and reads the same.
const ZWSP: &str = "&#8203;";

/// Escape untrusted text for inline Markdown (GitHub Flavoured).
///
/// Nothing in it can act: no HTML, no table cells, no code, no emphasis, no
/// links. GitHub links text at two stages, both defeated by a zero-width
/// space (an entity, so it survives any editor) put where the pattern needs
/// two characters side by side: the GFM autolink extension while parsing
/// (`http://`, `https://`, `www.`, e-mail addresses) and its own filters on
/// the rendered text (@mentions, `#123`, `GH-123`, e-mail addresses again).
/// So `https:&#8203;//`, `www&#8203;.`, `@&#8203;user`, `\#&#8203;123` and
/// `GH&#8203;-123` show as written but link nowhere.
pub fn escape(s: &str) -> String {
    let s = crate::safe::line(s);
    let bytes = s.as_bytes();
    let next_is_digit = |i: usize| bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
    let after = |i: usize, word: &[u8]| i >= word.len() && bytes[i - word.len()..i].eq_ignore_ascii_case(word);
    // `word` ends at `i` and starts a word.
    let word_at = |i: usize, word: &[u8]| {
        after(i, word) && (i == word.len() || !bytes[i - word.len() - 1].is_ascii_alphanumeric())
    };
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("&#124;"),
            '`' => out.push_str("&#96;"),
            // Mentions and e-mail addresses (as Renovate does).
            '@' => {
                out.push('@');
                out.push_str(ZWSP);
            }
            // Links with a scheme: `https://`, `http://`, `ftp://`...
            ':' if s[i..].starts_with("://") => {
                out.push(':');
                out.push_str(ZWSP);
            }
            // `www.example.com`.
            '.' if after(i, b"www") => {
                out.push_str(ZWSP);
                out.push('.');
            }
            // `GH-123`.
            '-' if word_at(i, b"gh") && next_is_digit(i) => {
                out.push_str(ZWSP);
                out.push('-');
            }
            // `#123`, `owner/repo#123`.
            '#' if next_is_digit(i) => {
                out.push_str("\\#");
                out.push_str(ZWSP);
            }
            '\\' | '*' | '_' | '[' | ']' | '~' | '#' | '!' | '$' | '^' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The comment for one report, within `budget` bytes: rows are added most
/// material first while they fit, and a cut report ends by saying how many
/// findings are left out (the wording changes and the acknowledgement list
/// are left out of a cut report altogether).
fn render(report: &Report, links: Option<&str>, budget: usize) -> String {
    let mut out = String::new();
    let version = |v: &Option<String>| v.as_deref().map(escape).unwrap_or_else(|| "?".into());
    let _ = writeln!(
        out,
        "### agreement-diff: {} {} → {}\n",
        escape(&report.new.agreement),
        version(&report.old.version),
        version(&report.new.version)
    );
    if let Some(h) = super::narrative::headline(report) {
        let _ = writeln!(out, "**Headline.** {}\n", escape(&h));
    }
    let _ = writeln!(out, "**{}**", escape(&report.verdict()));
    if let Some(line) = super::perspective_line(report) {
        let _ = writeln!(out, "\n**{}**", escape(&line));
    }
    if report.findings.is_empty() {
        stale(&mut out, report);
        return out;
    }
    let mut effect = String::new();
    super::summary::net_effect(&mut effect, report, escape);
    if !effect.is_empty() {
        let _ = write!(out, "\n{}", effect.replace("Net effect:\n", "**Net effect**\n\n"));
    }
    let mut redlines: Vec<&Finding> = Vec::new();
    if budget == usize::MAX {
        // The whole report: a table per theme, most material theme first.
        for theme in super::themes(report) {
            let _ = writeln!(out, "\n#### {}\n", escape(&theme.name));
            table_head(&mut out, report);
            for g in &theme.groups {
                if let Some(line) = super::metadata_line(g) {
                    metadata_row(&mut out, report, g, &line, links);
                    continue;
                }
                for f in g {
                    row(&mut out, report, f, links);
                    if f.words.is_some() {
                        redlines.push(f);
                    }
                }
            }
        }
    } else {
        // Cut to fit a comment: one table, most material first across the
        // whole report (a stable sort keeps a clause's findings of one
        // materiality together), so a cut leaves out the least material.
        let _ = writeln!(out);
        table_head(&mut out, report);
        let mut open: Vec<&Finding> = super::groups(report).into_iter().flatten().collect();
        open.sort_by_key(|f| std::cmp::Reverse(f.materiality()));
        let mut shown = 0;
        for f in &open {
            let mut line = String::new();
            row(&mut line, report, f, links);
            if out.len() + line.len() > budget {
                break;
            }
            out.push_str(&line);
            shown += 1;
        }
        if shown < open.len() {
            let left = open.len() - shown;
            let _ = writeln!(
                out,
                "\n**{left} more finding{}, less material, are not shown here: see the full report** \
                 (`agreement-diff --format markdown`, or the job summary).",
                if left == 1 { "" } else { "s" }
            );
            return out;
        }
    }
    if !report.key_terms.is_empty() {
        let _ = writeln!(out, "\n**Unchanged key terms**\n");
        for (label, sentence) in &report.key_terms {
            let _ = writeln!(out, "- {}: {}", escape(label), escape(sentence));
        }
    }
    if let Some(c) = &report.caveat {
        // A paragraph of its own, not a lazy continuation of the list above.
        let _ = writeln!(out, "\n*{}*", escape(c));
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
    acknowledge_hint(&mut out, report);
    stale(&mut out, report);
    out
}

/// The entries reviewers would add to `.agreement-diff.yaml` to accept the
/// open findings, ready to copy: each names its agreement, rule, clause and
/// change. Only ids go in the code block (rule ids, and agreement and clause
/// ids, which the loader limits to `a-z`, `0-9`, `-`, `_` and `.`), so no
/// value from an agreement is shown unescaped; the block is indented, not
/// fenced, so the report holds no code fence at all.
fn acknowledge_hint(out: &mut String, report: &Report) {
    let is_id = |s: &str| {
        !s.is_empty()
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.'))
    };
    let agreement = &report.new.agreement;
    let open: Vec<&Finding> = super::groups(report)
        .into_iter()
        .flatten()
        .filter(|f| is_id(agreement) && f.clause.as_deref().is_none_or(is_id))
        .collect();
    if open.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n<details><summary>To acknowledge a change</summary>\n");
    let _ = writeln!(
        out,
        "Reviewers who accept a change add its entry to `.agreement-diff.yaml`, with a reason; `change` names \
         this change only, so a later change of the same clause is reported again.\n"
    );
    let _ = writeln!(out, "    acknowledged:");
    for f in open {
        let _ = writeln!(out, "      - agreement: {agreement}\n        rule: {}", f.rule.id());
        if let Some(clause) = &f.clause {
            let _ = writeln!(out, "        clause: {clause}");
        }
        let _ = writeln!(out, "        change: {}\n        reason:   # who accepted it, and why", f.change());
    }
    let _ = writeln!(out, "\n</details>");
}

fn table_head(out: &mut String, report: &Report) {
    if report.perspective.is_some() {
        let _ = writeln!(out, "| Clause | Change | Old → New | Favours | Materiality | Impact |");
        let _ = writeln!(out, "|---|---|---|---|---|---|");
    } else {
        let _ = writeln!(out, "| Clause | Change | Old → New | Favours | Materiality |");
        let _ = writeln!(out, "|---|---|---|---|---|");
    }
}

/// The metadata changes of a new version as one row.
fn metadata_row(out: &mut String, report: &Report, group: &[&Finding], line: &str, links: Option<&str>) {
    let first = group[0];
    let _ = write!(
        out,
        "| {}<br><sub>{}</sub> | **{}** ×{}: {} | — | — | {} |",
        escape(&first.label),
        place(report, first, links),
        first.rule.id(),
        group.len(),
        escape(line),
        first.materiality()
    );
    if report.perspective.is_some() {
        out.push_str(" neutral |");
    }
    let _ = writeln!(out);
}

fn row(out: &mut String, report: &Report, f: &Finding, links: Option<&str>) {
    let values = match (&f.old, &f.new) {
        (_, Some(Shown::Clause { .. })) => "clause added".to_string(),
        (Some(Shown::Clause { .. }), _) => "clause removed".to_string(),
        _ if f.words.is_some() => "see wording changes".to_string(),
        (None, None) if f.rule == crate::rules::Rule::ClauseMoved => "moved".to_string(),
        (None, None) => "—".to_string(),
        (Some(Shown::Value(crate::model::Value::List(a))), Some(Shown::Value(crate::model::Value::List(b))))
            if a.is_empty() || b.is_empty() =>
        {
            super::values_line(report, f).map(|l| escape(&l)).unwrap_or_else(|| "—".into())
        }
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
        "| {}<br><sub>{}</sub> | **{}**: {} | {} | {} | {} |",
        escape(&f.label),
        place(report, f, links),
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

/// Where a finding is: its clause id and `file:line` (in the new file, or
/// where a removal stood, or in the old file), linked to the line when a
/// link base is given.
fn place(report: &Report, f: &Finding, links: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(id) = &f.clause {
        parts.push(escape(id));
    }
    let (path, line) = match (f.new_line, f.anchor, f.old_line) {
        (Some(l), _, _) => (&report.new.path, l),
        (None, Some(a), _) => (&report.new.path, a.line),
        (None, None, Some(l)) => (&report.old.path, l),
        (None, None, None) => return parts.join(" · "),
    };
    let path = path.rsplit_once(':').filter(|_| crate::git::is_rev_path(path)).map(|(_, p)| p).unwrap_or(path);
    let shown = format!("{}:{line}", escape(path));
    parts.push(match links {
        Some(base) if !path.starts_with('/') && !path.contains("..") => {
            let url: String = path
                .trim_start_matches("./")
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' => (b as char).to_string(),
                    _ => format!("%{b:02X}"),
                })
                .collect();
            format!("[{shown}]({base}/{url}#L{line})")
        }
        _ => shown,
    });
    parts.join(" · ")
}

fn redline(ops: &[WordOp]) -> String {
    super::ins_del(ops, escape)
}

fn stale(out: &mut String, report: &Report) {
    if report.stale.is_empty() {
        return;
    }
    let _ =
        writeln!(out, "\n**Stale acknowledgements** (they match no finding, or the change they approved differs):\n");
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
        assert!(e.contains("\\[x\\](http:&#8203;//evil)"));
        assert!(e.contains("\\*b\\*"));
    }

    #[test]
    fn autolinks_are_broken_by_a_zero_width_space() {
        let cases = [
            ("see https://evil.example/x", "see https:&#8203;//evil.example/x"),
            ("(http://a.b)", "(http:&#8203;//a.b)"),
            ("ftp://a.b", "ftp:&#8203;//a.b"),
            ("www.evil.example", "www&#8203;.evil.example"),
            ("WWW.EVIL.EXAMPLE", "WWW&#8203;.EVIL.EXAMPLE"),
            ("mail ceo@evil.example", "mail ceo@&#8203;evil.example"),
            ("fixes #123 and o/r#4", "fixes \\#&#8203;123 and o/r\\#&#8203;4"),
            ("GH-123, gh-7", "GH&#8203;-123, gh&#8203;-7"),
        ];
        for (raw, escaped) in cases {
            assert_eq!(escape(raw), escaped, "{raw}");
        }
        // What links nothing is left alone.
        for plain in ["a: b", "14:30", "the www", "# heading", "GH-x", "high-5"] {
            assert!(!escape(plain).contains(ZWSP), "{plain}");
        }
    }
}
