//! A self-contained HTML redline a lawyer can open, print and forward: one
//! page with inline CSS, no external requests (a Content-Security-Policy
//! forbids them), readable without JavaScript (a small inline script, allowed
//! by its hash, only adds the filters), every value from an agreement escaped
//! by [`escape`]. It holds the verdict, a findings table filterable by
//! materiality and party, and a clause-by-clause redline (inline and side by
//! side) with an anchor per clause. Deletions are struck through and
//! insertions underlined, so they are told apart without colour.

use std::fmt::Write;

use super::{Renderer, phrase};
use crate::report::{DirReport, Finding, Report, Shown, WordOp};
use crate::rules::Materiality;

/// The HTML page.
pub struct Html;

impl Renderer for Html {
    fn report(&self, report: &Report) -> String {
        let mut body = String::new();
        section(&mut body, report, "", 1);
        page(&title(report), &body)
    }

    fn directory(&self, d: &DirReport) -> String {
        let mut body = String::from("<h1>agreement-diff: directory comparison</h1>\n");
        if d.reports.is_empty() && d.added.is_empty() && d.removed.is_empty() {
            body.push_str("<p>No agreements in either directory.</p>\n");
        }
        for (i, r) in d.reports.iter().enumerate() {
            section(&mut body, r, &format!("{}-", i + 1), 2);
        }
        let lone: Vec<_> = d.lone().collect();
        if !lone.is_empty() {
            body.push_str("<section class=\"lone\">\n<h2>Agreements on one side only</h2>\n<ul>\n");
            for (l, what) in lone {
                let _ = writeln!(body, "<li>Agreement {what}: {} ({})</li>", escape(&l.agreement), escape(&l.path));
            }
            body.push_str("</ul>\n</section>\n");
        }
        stale_list(&mut body, d.stale.iter().map(super::stale_sentence));
        page("agreement-diff: directory comparison", &body)
    }

    fn log(&self, steps: &[Report]) -> String {
        let name = steps.first().map(|r| r.new.agreement.as_str()).unwrap_or("");
        let heading = format!("History of {name}");
        let mut body = format!("<h1>{}</h1>\n", escape(&heading));
        let _ = writeln!(
            body,
            "<p>{} versions, {} step{}.</p>",
            steps.len() + 1,
            steps.len(),
            if steps.len() == 1 { "" } else { "s" }
        );
        for (i, r) in steps.iter().enumerate() {
            section(&mut body, r, &format!("{}-", i + 1), 2);
        }
        page(&heading, &body)
    }
}

/// Escape any text for HTML, in element content and in (quoted) attribute
/// values alike: the five significant characters become entities, and
/// control and invisible characters (bidirectional overrides and the like)
/// are shown as `\u{..}`, as in every other format; newlines and tabs stay.
pub fn escape(s: &str) -> String {
    let s = crate::safe::escape(s, true);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The page's only script: it shows the filter controls (hidden without
/// script, where every row shows) and hides the rows they filter out.
const SCRIPT: &str = r#"
document.querySelectorAll("form.filter").forEach(function (form) {
  var scope = form.closest("section.report") || document;
  var rows = scope.querySelectorAll("tr.finding");
  function apply() {
    var m = form.elements.materiality.value, p = form.elements.party.value, v = form.elements.view.value;
    rows.forEach(function (r) {
      var okM = !m || r.getAttribute("data-materiality") === m;
      var okP = !p || (" " + r.getAttribute("data-parties") + " ").indexOf(" " + p + " ") >= 0;
      r.hidden = !(okM && okP);
    });
    scope.querySelectorAll(".redline").forEach(function (e) { e.setAttribute("data-view", v); });
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
});
"#;

/// Colours as (use, text, background): each pair's contrast ratio is at
/// least 4.5:1 (WCAG AA), checked by a test.
const COLOURS: [(&str, &str, &str); 8] = [
    ("body", "#1a1a1a", "#ffffff"),
    ("muted", "#555555", "#ffffff"),
    ("deleted", "#7a0d0d", "#fbe4e4"),
    ("inserted", "#0b4f1c", "#e2f3e6"),
    ("commercial", "#7a0d0d", "#fbe4e4"),
    ("substantive", "#6b4300", "#fff1d6"),
    ("clarification", "#0b3d6b", "#e3eefa"),
    ("administrative", "#333333", "#eeeeee"),
];

fn css() -> String {
    let colour = |name: &str| COLOURS.iter().find(|c| c.0 == name).map(|c| (c.1, c.2)).unwrap_or(("#000", "#fff"));
    let (text, bg) = colour("body");
    let (muted, _) = colour("muted");
    let (del_fg, del_bg) = colour("deleted");
    let (ins_fg, ins_bg) = colour("inserted");
    let mut css = format!(
        "\
:root {{ color-scheme: light; }}
body {{ font: 16px/1.5 Georgia, \"Times New Roman\", serif; color: {text}; background: {bg}; max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem; }}
h1, h2, h3, th, .badge, form {{ font-family: system-ui, -apple-system, \"Segoe UI\", Arial, sans-serif; }}
h1 {{ font-size: 1.6rem; }} h2 {{ font-size: 1.3rem; border-bottom: 1px solid #999; }} h3 {{ font-size: 1.1rem; margin-bottom: .25rem; }}
a {{ color: #0645ad; }}
.muted, .rule, .at, .id {{ color: {muted}; }}
.rule {{ font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85em; }}
.verdict {{ font-weight: bold; font-size: 1.1rem; }}
table {{ border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }}
th, td {{ border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }}
thead {{ display: table-header-group; }}
th {{ background: #eeeeee; color: {text}; }}
del {{ text-decoration: line-through; text-decoration-thickness: 2px; color: {del_fg}; background: {del_bg}; }}
ins {{ text-decoration: underline; text-decoration-thickness: 2px; color: {ins_fg}; background: {ins_bg}; }}
.badge {{ display: inline-block; padding: 0 .4em; border: 1px solid currentColor; border-radius: 3px; font-size: .85em; }}
.redline .text {{ white-space: pre-wrap; }}
.redline[data-view=inline] .sbs, .redline[data-view=sbs] .inline {{ display: none; }}
.change {{ margin: .5rem 0 1rem; }}
section.clause {{ border-top: 1px solid #ccc; padding-top: .25rem; }}
form.filter {{ display: flex; gap: 1rem; flex-wrap: wrap; margin: .5rem 0; }}
form.filter label {{ display: flex; gap: .4rem; align-items: center; }}
.legend {{ font-size: .9em; }}
dl.versions, dl.fields {{ display: grid; grid-template-columns: auto 1fr; gap: 0 1rem; }}
dl.versions dd, dl.fields dd {{ margin: 0; }}
del + ins {{ margin-left: .3em; }}
td.values, .fields dd {{ overflow-wrap: anywhere; }}
"
    );
    for m in Materiality::ALL {
        let (fg, bg) = colour(m.name());
        let _ = writeln!(css, ".m-{} {{ color: {fg}; background: {bg}; }}", m.name());
    }
    css.push_str(
        "\
@page { margin: 18mm 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  form.filter { display: none !important; }
  tr.finding[hidden] { display: table-row; }
  tr, .change, h2, h3 { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  del, ins, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
",
    );
    css
}

/// The base64 of `bytes` (standard alphabet, padded), for the script's hash.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The Content-Security-Policy: nothing may be fetched or sent; inline
/// style, and the one script whose hash this is.
fn policy() -> String {
    use sha2::Digest as _;
    let hash = base64(&sha2::Sha256::digest(SCRIPT.as_bytes()));
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'"
    )
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n{body}<script>{SCRIPT}</script>\n</body>\n</html>\n",
        escape(&policy()),
        escape(title),
        css()
    )
}

fn title(report: &Report) -> String {
    let v = |v: &Option<String>| v.clone().unwrap_or_else(|| "?".into());
    format!("agreement-diff: {} {} → {}", report.new.agreement, v(&report.old.version), v(&report.new.version))
}

/// Where a group of findings is anchored: `clause-<prefix><id>`, or
/// `section-<prefix><n>` for agreement-level findings.
fn anchors<'a>(groups: &[Vec<&'a Finding>], prefix: &str) -> Vec<(Option<&'a str>, &'a str, String)> {
    groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let f = g[0];
            let id = match &f.clause {
                Some(c) => format!("clause-{prefix}{c}"),
                None => format!("section-{prefix}{}", i + 1),
            };
            (f.clause.as_deref(), f.label.as_str(), id)
        })
        .collect()
}

fn anchor_of<'a>(anchors: &'a [(Option<&str>, &str, String)], f: &Finding) -> Option<&'a str> {
    anchors
        .iter()
        .find(|(c, label, _)| *c == f.clause.as_deref() && (c.is_some() || *label == f.label))
        .map(|a| a.2.as_str())
}

/// One report as a `<section>`; `prefix` keeps anchors apart when a page
/// holds several reports, `level` is the heading level of its title.
fn section(out: &mut String, report: &Report, prefix: &str, level: u8) {
    let _ = writeln!(out, "<section class=\"report\">");
    let _ = writeln!(out, "<h{level}>{}</h{level}>", escape(&title(report)));
    let side = |s: &crate::report::Side| {
        format!("{} ({})", s.version.as_deref().map(escape).unwrap_or_else(|| "no version".into()), escape(&s.path))
    };
    let _ = writeln!(
        out,
        "<dl class=\"versions\"><dt>Old</dt><dd>{}</dd><dt>New</dt><dd>{}</dd></dl>",
        side(&report.old),
        side(&report.new)
    );
    if let Some(h) = super::narrative::headline(report) {
        let _ = writeln!(out, "<p class=\"headline\"><strong>Headline.</strong> {}</p>", escape(&h));
    }
    let _ = writeln!(out, "<p class=\"verdict\">{}</p>", escape(&report.verdict()));
    if let Some(line) = super::perspective_line(report) {
        let _ = writeln!(out, "<p class=\"perspective\"><strong>{}</strong></p>", escape(&line));
    }
    let effect = super::narrative::net_effect(report);
    if !effect.is_empty() {
        let _ = writeln!(out, "<h{0}>Net effect</h{0}>\n<ul class=\"net-effect\">", level + 1);
        for line in &effect {
            let _ = writeln!(out, "<li>{}</li>", escape(line));
        }
        let _ = writeln!(out, "</ul>");
    }
    if report.findings.is_empty() {
        let _ = writeln!(out, "<p>No changes: the two versions say the same thing.</p>");
    }
    let themes = super::themes(report);
    let groups: Vec<Vec<&Finding>> = themes.iter().flat_map(|t| t.groups.iter().cloned()).collect();
    let anchors = anchors(&groups, prefix);
    let h = level + 1;
    if !groups.is_empty() {
        let _ = writeln!(out, "<h{h}>Findings</h{h}>");
        filter_form(out, report);
        let mut open: Vec<&Finding> = groups.iter().flatten().copied().collect();
        open.sort_by_key(|f| std::cmp::Reverse(f.materiality()));
        table(out, report, &open, &anchors, false);

        let _ = writeln!(out, "<h{h}>Redline by theme, clause by clause</h{h}>");
        let _ = writeln!(
            out,
            "<p class=\"legend\">Deleted words are <del>struck through</del>; inserted words are <ins>underlined</ins>. \
             Each wording change is shown inline, then side by side.</p>"
        );
        let mut anchor = anchors.iter();
        for theme in &themes {
            let _ = writeln!(out, "<h{0} class=\"theme\">{1}</h{0}>", h + 1, escape(&theme.name));
            for g in &theme.groups {
                let (_, _, id) = anchor.next().expect("an anchor per group");
                clause(out, report, g, id, h + 2);
            }
        }
    }
    if !report.key_terms.is_empty() {
        let _ = writeln!(out, "<h{0}>Unchanged key terms</h{0}>\n<ul class=\"key-terms\">", level + 1);
        for (label, sentence) in &report.key_terms {
            let _ = writeln!(out, "<li><strong>{}</strong>: {}</li>", escape(label), escape(sentence));
        }
        let _ = writeln!(out, "</ul>");
    }
    if let Some(c) = &report.caveat {
        let _ = writeln!(out, "<p class=\"caveat\"><em>{}</em></p>", escape(c));
    }
    let acked = super::acknowledged(report);
    if !acked.is_empty() {
        let _ = writeln!(
            out,
            "<section class=\"acknowledged\">\n<h{h}>Acknowledged ({}): accepted by reviewers, not counted by --fail-on</h{h}>",
            acked.len()
        );
        table(out, report, &acked, &anchors, true);
        let _ = writeln!(out, "</section>");
    }
    stale_list(out, report.stale.iter().map(super::stale_sentence));
    let _ = writeln!(out, "</section>");
}

fn stale_list(out: &mut String, sentences: impl Iterator<Item = String>) {
    let items: Vec<String> = sentences.map(|s| format!("<li>{}</li>", escape(&s))).collect();
    if items.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"stale\">\n<h2>Stale acknowledgements</h2>\n<p>They match no finding, or the change they \
         approved differs; remove or update them.</p>\n<ul>\n{}\n</ul>\n</section>",
        items.join("\n")
    );
}

/// The filter controls: hidden until the script shows them, so a page read
/// without script shows every row and no control that does nothing.
fn filter_form(out: &mut String, report: &Report) {
    let _ = writeln!(out, "<form class=\"filter\" hidden>");
    let _ = write!(out, "<label>Materiality <select name=\"materiality\"><option value=\"\">all</option>");
    for m in Materiality::ALL {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", m.name());
    }
    let _ = writeln!(out, "</select></label>");
    let _ = write!(out, "<label>Party <select name=\"party\"><option value=\"\">any</option>");
    for (key, name) in &report.party_names {
        let _ = write!(
            out,
            "<option value=\"favours:{}\">favours {}</option><option value=\"disfavours:{}\">disfavours {}</option>",
            escape(key),
            escape(name),
            escape(key),
            escape(name)
        );
    }
    let _ = writeln!(
        out,
        "<option value=\"mixed\">cuts both ways</option><option value=\"none\">no party</option></select></label>"
    );
    let _ = writeln!(
        out,
        "<label>Wording changes <select name=\"view\"><option value=\"both\">inline and side by side</option>\
         <option value=\"inline\">inline</option><option value=\"sbs\">side by side</option></select></label>"
    );
    let _ = writeln!(out, "</form>");
}

/// The tokens a row is filtered by: `favours:KEY`, `disfavours:KEY`,
/// `mixed`, or `none`.
fn party_tokens(f: &Finding) -> String {
    let mut t: Vec<String> = f.favours.iter().map(|k| format!("favours:{k}")).collect();
    t.extend(f.disfavours.iter().map(|k| format!("disfavours:{k}")));
    if !f.mixed.is_empty() {
        t.push("mixed".into());
    }
    if t.is_empty() {
        t.push("none".into());
    }
    t.join(" ")
}

fn table(
    out: &mut String,
    report: &Report,
    findings: &[&Finding],
    anchors: &[(Option<&str>, &str, String)],
    acked: bool,
) {
    let impact = report.perspective.is_some();
    let _ = write!(
        out,
        "<table class=\"findings\">\n<thead><tr><th>Materiality</th><th>Rule</th><th>Clause</th><th>Change</th>\
         <th>Old → New</th><th>Favours</th>"
    );
    if impact {
        out.push_str("<th>Impact</th>");
    }
    if acked {
        out.push_str("<th>Reason</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for f in findings {
        let m = f.materiality().name();
        let _ = write!(
            out,
            "<tr class=\"finding\" data-materiality=\"{m}\" data-parties=\"{}\"><td><span class=\"badge m-{m}\">{m}</span></td>\
             <td class=\"rule\">{}</td>",
            escape(&party_tokens(f)),
            f.rule.id()
        );
        let label = escape(&f.label);
        let id =
            f.clause.as_deref().map(|c| format!("<br><span class=\"id\">{}</span>", escape(c))).unwrap_or_default();
        match anchor_of(anchors, f).filter(|_| !acked) {
            Some(a) => {
                let _ = write!(out, "<td><a href=\"#{}\">{label}</a>{id}</td>", escape(a));
            }
            None => {
                let _ = write!(out, "<td>{label}{id}</td>");
            }
        }
        let _ = write!(out, "<td>{}</td><td class=\"values\">{}</td>", escape(&f.message), values_cell(f, acked));
        let favours = super::favour_phrase(report, f).unwrap_or_else(|| "—".into());
        let _ = write!(out, "<td>{}</td>", escape(&favours));
        if let Some(i) = report.impact(f) {
            let _ = write!(out, "<td>{}</td>", i.name());
        }
        if acked {
            let _ = write!(out, "<td>{}</td>", escape(f.acknowledged.as_deref().unwrap_or("")));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn values_cell(f: &Finding, acked: bool) -> String {
    match (&f.old, &f.new) {
        (_, Some(Shown::Clause { .. })) => "clause added".into(),
        (Some(Shown::Clause { .. }), _) => "clause removed".into(),
        _ if f.words.is_some() && !acked => "wording changed: see the redline".into(),
        _ if f.words.is_some() => inline(f.words.as_deref().unwrap_or(&[])),
        (None, None) if f.rule == crate::rules::Rule::ClauseMoved => "moved".into(),
        (None, None) => "—".into(),
        (o, n) => format!("{} → {}", value(o.as_ref()), value(n.as_ref())),
    }
}

fn value(v: Option<&Shown>) -> String {
    v.map(|v| escape(&phrase(v))).unwrap_or_else(|| "—".into())
}

/// One clause (or section) of the redline: each finding with its change
/// shown in full, and the key terms that did not change.
fn clause(out: &mut String, report: &Report, group: &[&Finding], id: &str, level: u8) {
    let first = group[0];
    let _ = writeln!(out, "<section class=\"clause\" id=\"{}\">", escape(id));
    let clause_id =
        first.clause.as_deref().map(|c| format!(" <span class=\"id\">({})</span>", escape(c))).unwrap_or_default();
    let _ = writeln!(out, "<h{level}>{}{clause_id}</h{level}>", escape(&first.label));
    if let Some(line) = super::metadata_line(group) {
        let m = first.materiality().name();
        let _ = writeln!(
            out,
            "<div class=\"change\">\n<p><span class=\"badge m-{m}\">{m}</span> <span class=\"rule\">{} ×{}</span> {}</p>\n</div>\n</section>",
            first.rule.id(),
            group.len(),
            escape(&line)
        );
        return;
    }
    for f in group {
        let m = f.materiality().name();
        let _ = writeln!(
            out,
            "<div class=\"change\">\n<p><span class=\"badge m-{m}\">{m}</span> <span class=\"rule\">{}</span> {}</p>",
            f.rule.id(),
            escape(&f.message)
        );
        let field = f
            .field
            .as_deref()
            .map(|x| format!("<span class=\"muted\">{}:</span> ", escape(&super::field_word(x))))
            .unwrap_or_default();
        match (&f.old, &f.new, &f.words) {
            (old, new, _) if matches!(old, Some(Shown::Clause { .. })) || matches!(new, Some(Shown::Clause { .. })) => {
                let (fields, tag, what) = match (old, new) {
                    (_, Some(Shown::Clause { fields, .. })) => (fields, "ins", "Added clause"),
                    (Some(Shown::Clause { fields, .. }), _) => (fields, "del", "Removed clause"),
                    _ => unreachable!("one side is a clause"),
                };
                let _ = writeln!(out, "<p class=\"muted\">{what}:</p>\n<dl class=\"fields\">");
                // Its terms and wording; the heading already gives its title.
                for (name, v) in fields.iter().filter(|(n, _)| !matches!(*n, "number" | "title" | "topic")) {
                    let shown = escape(&phrase(&Shown::Value(v.clone())));
                    let _ =
                        writeln!(out, "<dt>{}</dt><dd><{tag}>{shown}</{tag}></dd>", escape(&super::field_word(name)));
                }
                let _ = writeln!(out, "</dl>");
            }
            (_, _, Some(words)) => {
                let _ = writeln!(out, "<div class=\"redline\" data-view=\"both\">");
                let _ = writeln!(out, "<p class=\"inline text\">{field}{}</p>", inline(words));
                let (old, new) = side_by_side(words);
                let _ = writeln!(
                    out,
                    "<table class=\"sbs\"><thead><tr><th>Old</th><th>New</th></tr></thead>\
                     <tbody><tr><td class=\"text\">{old}</td><td class=\"text\">{new}</td></tr></tbody></table>"
                );
                let _ = writeln!(out, "</div>");
            }
            (None, None, None) => {}
            (old, new, None) => {
                let side = |v: Option<&Shown>, tag: &str| match v {
                    Some(v) => format!("<{tag}>{}</{tag}>", escape(&phrase(v))),
                    None => "<span class=\"muted\">(none)</span>".into(),
                };
                let _ = writeln!(out, "<p>{field}{} → {}</p>", side(old.as_ref(), "del"), side(new.as_ref(), "ins"));
            }
        }
        if let Some(p) = super::favour_phrase(report, f) {
            let _ = writeln!(out, "<p>{}</p>", escape(&p));
        }
        let at = |path: &str, line: Option<u32>| line.map(|l| format!("{}:{l}", escape(path)));
        let place = match (at(&report.old.path, f.old_line), at(&report.new.path, f.new_line)) {
            (Some(o), Some(n)) => format!("at {o} → {n}"),
            (Some(o), None) => format!("at {o} (old)"),
            (None, Some(n)) => format!("at {n} (new)"),
            (None, None) => String::new(),
        };
        if !place.is_empty() {
            let _ = writeln!(out, "<p class=\"at\">{place}</p>");
        }
        let _ = writeln!(out, "</div>");
    }
    if let Some(kept) = first.clause.as_deref().and_then(|c| report.unchanged_of(c)) {
        let _ = writeln!(out, "<p class=\"unchanged\">{}</p>", escape(kept));
    }
    let _ = writeln!(out, "</section>");
}

fn inline(ops: &[WordOp]) -> String {
    super::ins_del(ops, escape)
}

/// The old text with its deletions, and the new text with its insertions.
fn side_by_side(ops: &[WordOp]) -> (String, String) {
    let (mut old, mut new) = (String::new(), String::new());
    for op in ops {
        match op {
            WordOp::Same(t) => {
                old.push_str(&escape(t));
                new.push_str(&escape(t));
            }
            WordOp::Deleted(t) => old.push_str(&format!("<del>{}</del>", escape(t))),
            WordOp::Inserted(t) => new.push_str(&format!("<ins>{}</ins>", escape(t))),
        }
    }
    (old, new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{202E}b\nc"), "a\\u{202e}b\nc");
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    /// WCAG 2 contrast ratio of two `#rrggbb` colours.
    fn contrast(a: &str, b: &str) -> f64 {
        let lum = |hex: &str| {
            let c = |i: usize| {
                let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
                if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
            };
            0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn colours_meet_wcag_aa() {
        for (name, fg, bg) in COLOURS {
            let r = contrast(fg, bg);
            assert!(r >= 4.5, "{name}: {fg} on {bg} is {r:.2}:1");
        }
        // Links, muted text and table headers on their backgrounds.
        assert!(contrast("#0645ad", "#ffffff") >= 4.5);
        assert!(contrast("#1a1a1a", "#eeeeee") >= 4.5);
        assert!(contrast("#555555", "#ffffff") >= 4.5);
        for m in Materiality::ALL {
            assert!(COLOURS.iter().any(|c| c.0 == m.name()), "no colour for {}", m.name());
        }
    }
}
