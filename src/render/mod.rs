//! Render: one module per output format, all fed the same [`Report`].
//! Formats differ in presentation only: every finding appears in each.
//!
//! Each format is a [`Renderer`]: it renders a single report, a directory
//! report and a `log` timeline. Adding a format is one new file here, one
//! variant of [`Format`] and one arm in [`renderer`]; the `match` there has
//! no catch-all, so the compiler points at it.

pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
pub mod narrative;
pub mod summary;
pub mod text;

use std::cmp::Reverse;
use std::collections::HashMap;

use crate::report::{DirReport, Finding, Impact, Report, Shown, Stale};
use crate::rules::{Materiality, RULES};

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For a terminal: grouped by theme and clause, most material first.
    Text,
    /// A stable contract for tools (docs/json.md).
    Json,
    /// A pull-request comment.
    Markdown,
    /// GitHub Actions workflow commands (annotations on the changed lines).
    Github,
    /// A plain-English change summary by theme, one bullet per clause.
    Summary,
    /// A self-contained HTML redline to open, print and forward.
    Html,
}

/// An output format: every shape of output the tool prints.
pub trait Renderer {
    /// One comparison of two versions.
    fn report(&self, report: &Report) -> String;
    /// Directory mode: a report per pair, and agreements on one side only.
    fn directory(&self, d: &DirReport) -> String;
    /// `log`: a chain of versions, one report per step.
    fn log(&self, steps: &[Report]) -> String;
}

/// The renderer for a format; `color` is whether the terminal gets colour.
pub fn renderer(format: Format, color: bool) -> Box<dyn Renderer> {
    match format {
        Format::Text => Box::new(text::Text { color }),
        Format::Json => Box::new(json::Json),
        Format::Markdown => Box::new(markdown::Markdown::default()),
        Format::Github => Box::new(github::Github),
        Format::Summary => Box::new(summary::Summary { color }),
        Format::Html => Box::new(html::Html),
    }
}

/// The renderer for a run in GitHub Actions: as [`renderer`], and Markdown
/// links each finding's `file:line` to the commit being checked
/// (`GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`, `GITHUB_SHA`).
pub fn renderer_for_run(format: Format, color: bool) -> Box<dyn Renderer> {
    match (format, github_blob_base()) {
        (Format::Markdown, Some(base)) => Box::new(markdown::Markdown { links: Some(base) }),
        _ => renderer(format, color),
    }
}

/// `https://github.com/OWNER/REPO/blob/SHA`, from GitHub Actions' environment.
fn github_blob_base() -> Option<String> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let (server, repo, sha) = (var("GITHUB_SERVER_URL")?, var("GITHUB_REPOSITORY")?, var("GITHUB_SHA")?);
    let plain = |s: &str, extra: &[u8]| s.bytes().all(|b| b.is_ascii_alphanumeric() || extra.contains(&b));
    (server.starts_with("https://") && plain(&server[8..], b".-:") && plain(&repo, b"-_./") && plain(&sha, b""))
        .then(|| format!("{server}/{repo}/blob/{sha}"))
}

/// Render one report in a format.
pub fn render(report: &Report, format: Format, color: bool) -> String {
    renderer(format, color).report(report)
}

/// A word diff as `<del>`/`<ins>` markup (Markdown comments and the HTML
/// page), each piece escaped by the format's own `escape`.
pub(crate) fn ins_del(ops: &[crate::report::WordOp], escape: fn(&str) -> String) -> String {
    use crate::report::WordOp;
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

/// The sentence for a stale acknowledgement, the same in every format
/// (unescaped: each format escapes it its own way): it matches no finding,
/// or the change it approved differs from the one reported now.
pub fn stale_sentence(s: &Stale) -> String {
    let a = &s.ack;
    let clause = a.clause.as_deref().map(|c| format!(" on {c}")).unwrap_or_default();
    let head = format!("Stale acknowledgement ({}:{}): {}{clause} of {}", a.file, a.line, a.rule, a.agreement);
    if s.now.is_empty() {
        format!("{head} matches no finding: {}", a.reason)
    } else {
        format!(
            "{head}: the change it approved differs (approved change {}; the change now is {}): {}",
            a.change,
            s.now.join(", "),
            a.reason
        )
    }
}

/// A directory report for the human formats: each pair's report, then the
/// agreements on one side only and the stale acknowledgements as a list.
fn directory_as_list(r: &dyn Renderer, d: &DirReport, escape: fn(&str) -> String) -> String {
    let mut parts: Vec<String> = d.reports.iter().map(|report| r.report(report)).collect();
    let mut tail = String::new();
    for (l, what) in d.lone() {
        tail.push_str(&format!("- Agreement {what}: {} ({})\n", escape(&l.agreement), escape(&l.path)));
    }
    for a in &d.stale {
        tail.push_str(&format!("- {}\n", escape(&stale_sentence(a))));
    }
    if !tail.is_empty() {
        parts.push(tail);
    }
    if parts.is_empty() {
        parts.push("no agreements in either directory\n".into());
    }
    parts.join("\n")
}

/// The title of one step of a log: "2025-10-28 → 2026-02-27".
fn step_title(r: &Report) -> String {
    let v = |s: &crate::report::Side| s.version.clone().unwrap_or_else(|| s.path.clone());
    format!("{} → {}", v(&r.old), v(&r.new))
}

/// `agreement-diff rules`: every rule, grouped by materiality.
pub fn rules_table() -> String {
    let mut out = String::new();
    for m in Materiality::ALL {
        out.push_str(&format!("{}:\n", m.name()));
        for r in RULES.iter().filter(|r| r.materiality == m) {
            out.push_str(&format!("  {:<28} {}\n", r.id, r.title));
        }
    }
    out.push_str("\nagreement-diff explain RULE for the details of one rule.\n");
    out
}

/// `docs/rules.md`, generated from the catalogue (`agreement-diff rules --markdown`).
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n\
         <!-- Generated by `agreement-diff rules --markdown > docs/rules.md` from the catalogue in src/rules.rs; \
         do not edit by hand (a test checks that this file is fresh). -->\n\n\
         Every finding carries one of these rule ids. The ids are stable: tools may match on them. \
         `agreement-diff rules` lists them and `agreement-diff explain RULE` prints one.\n\n\
         Materiality, from most to least: **commercial** (money, rates, caps, direction of payment, exclusivity, \
         scope, term), **substantive** (obligations, rights, conditions, termination, definitions), \
         **clarification** (wording shown not to change meaning), **administrative** (renumbering, moves, titles, \
         formatting). A rule's family groups it with related rules; its mirror is the rule the same change \
         gives when the versions are compared the other way round.\n\n\
         ## Wording: no silent downgrade\n\n\
         Prose is read sentence by sentence (`src/prose/`): sentences are aligned between the versions, and each \
         changed pair is explained by the rules below where the words allow (modality, payment direction, \
         exclusivity, efforts, discretion, qualifiers, carve-outs and conditions, \"and\" ↔ \"or\", list items, \
         amounts, caps, rates, deadlines, notice periods, end dates, obligations, rights and licences that come or \
         go). Such a finding carries its evidence (the old and new sentence and the words that triggered it; JSON \
         `\"source\": \"text\"`) and names a favoured party only where the sentence says who is bound. A change \
         to what \"either party\" or \"each party\" must or may do cuts both ways (it binds and benefits each \
         alike), and so does a change to the documents a sentence refers to (a policy or notice added, dropped or \
         replaced; a list entry that is only a link): whom it favours depends on what those documents say. So does \
         a change to a general term that applies to each party alike (entire agreement, severability, waiver, \
         counterparts) and to a definition used where each party is bound. A web or email address is one word; \
         its scheme, \"www.\" and a closing slash do not count.\n\n\
         **Clarification and administrative are reserved for changes shown not to alter meaning**: layout and \
         whitespace (`text-reformatted`); punctuation, capitalisation, spelling variants (licence/license), number \
         words against numerals of equal value (\"thirty (30) days\" / \"30 days\"), a typo fixed, a document named \
         by its terms (\"under the terms of the licence\" / \"under the licence\"), or sentences moved within a \
         clause (`text-equivalent`). An example added to or dropped from a list that only illustrates (\"such \
         as\", \"like\", \"for example\") is no change of scope and names no party, but it is put to review \
         (`example-added`, `example-removed`). Any other wording change that no rule explains is \
         `text-changed` at **substantive** (\"review it\"), with the words left unexplained, so that a gate at \
         `--fail-on substantive` stops it. Where a typed field of the same clause reports the change (at \
         substantive or above), the rewording joins that finding as its redline: one finding per change.\n",
    );
    for m in Materiality::ALL {
        out.push_str(&format!("\n## {}\n", capitalised(m.name())));
        for r in RULES.iter().filter(|r| r.materiality == m) {
            out.push_str(&format!("\n### `{}`\n\n**{}**\n\n", r.id, r.title));
            out.push_str(&format!("- family: {}\n- favours: {}\n", r.family.name(), r.favours));
            match r.mirror {
                Some(m) if m == r.rule => out.push_str("- mirror: itself\n"),
                Some(m) => out.push_str(&format!("- mirror: `{}`\n", m.id())),
                None => out.push_str("- mirror: none (reading backwards need not report it)\n"),
            }
            out.push_str(&format!(
                "\n{}\n\nFixture: [`tests/rules/{id}/`](../tests/rules/{id}/)\n",
                r.explanation,
                id = r.id
            ));
        }
    }
    out
}

/// `agreement-diff explain RULE`.
pub fn explanation(r: &crate::rules::RuleInfo) -> String {
    format!("{}: {}\n\nmateriality: {}\nfavours: {}\n\n{}\n", r.id, r.title, r.materiality, r.favours, r.explanation)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Longest prose shown inline by the human formats; JSON always has it all.
const PHRASE_MAX_CHARS: usize = 2000;

/// A shown value as a single-line phrase (untrusted text escaped; very long
/// prose clipped, saying so).
pub fn phrase(s: &Shown) -> String {
    match s {
        Shown::Value(crate::model::Value::Text(t)) if t.len() > PHRASE_MAX_CHARS => {
            let kept = crate::classify::clip_to(t, PHRASE_MAX_CHARS);
            crate::safe::line(&format!("\"{kept}\" ({} characters in all; see --format json)", t.chars().count()))
        }
        Shown::Value(v) => crate::safe::line(&v.plain()),
        Shown::Clause { clause_type, .. } => format!("a {clause_type} clause"),
    }
}

/// A field as a reader names it: the clause's prose is its wording.
pub fn field_word(field: &str) -> String {
    match field {
        "text" => "wording".into(),
        other => other.replace('-', " "),
    }
}

/// A theme of a report: a heading and the clause groups under it.
pub struct Theme<'a> {
    /// The heading: a clause's `topic`, its document section, its type's
    /// theme, or for agreement-level findings their section ("Agreement").
    pub name: String,
    /// The groups of [`groups`] under it, most material first.
    pub groups: Vec<Vec<&'a Finding>>,
}

/// The open findings by theme (see [`Report::themes`]), themes ordered by
/// their most material group, then by document order; agreement-level
/// sections (metadata, parties, definitions) are themes of their own.
pub fn themes(report: &Report) -> Vec<Theme<'_>> {
    let theme_of: HashMap<&str, &str> = report.themes.iter().map(|(c, t)| (c.as_str(), t.as_str())).collect();
    let mut out: Vec<Theme> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for g in groups(report) {
        let first = g[0];
        let name = first.clause.as_deref().and_then(|c| theme_of.get(c).copied()).unwrap_or(&first.label);
        match index.get(name) {
            Some(&i) => out[i].groups.push(g),
            None => {
                index.insert(name.to_string(), out.len());
                out.push(Theme { name: name.to_string(), groups: vec![g] });
            }
        }
    }
    out
}

/// The metadata changes of a new version (version, effective date, title,
/// sources...) as one sentence, when a group holds two or more of them and
/// nothing else: "Version 2026-04-27 (was 2026-02-27), effective 27 April
/// 2026 (was 27 February 2026); the title, previous version and sources
/// also changed."
pub fn metadata_line(group: &[&Finding]) -> Option<String> {
    if group.len() < 2 || !group.iter().all(|f| f.rule == crate::rules::Rule::MetadataChanged && f.clause.is_none()) {
        return None;
    }
    let show = |s: &Option<Shown>| match s {
        Some(Shown::Value(crate::model::Value::Text(t))) => Some(crate::classify::clip(t)),
        Some(Shown::Value(v)) => Some(crate::classify::clip(&v.plain())),
        _ => None,
    };
    let mut lead = Vec::new();
    let mut others = Vec::new();
    let mut sorted: Vec<&&Finding> = group.iter().collect();
    sorted.sort_by_key(|f| (f.new_line.or(f.old_line), f.field.clone()));
    for f in sorted {
        let field = f.field.as_deref().unwrap_or("");
        let (word, first) = match field {
            "version" => ("version", true),
            "effective" => ("effective", true),
            "previous" => ("previous version", false),
            "agreement" => ("id", false),
            other => (other, false),
        };
        match (first, show(&f.old), show(&f.new)) {
            (true, Some(o), Some(n)) => lead.push(format!("{word} {n} (was {o})")),
            (true, None, Some(n)) => lead.push(format!("{word} {n}")),
            _ => others.push(format!("the {word}")),
        }
    }
    let mut s = String::new();
    if !lead.is_empty() {
        s.push_str(&capitalised(&lead.join(", ")));
    }
    if !others.is_empty() {
        let rest = crate::model::value::and_list(&others);
        if s.is_empty() {
            s = format!("{} of the agreement changed.", capitalised(&rest));
        } else {
            s.push_str(&format!("; {rest} also changed."));
        }
    } else {
        s.push('.');
    }
    Some(s)
}

/// A finding's old and new values in words, for the line under its
/// sentence: "was exclusive, now non-exclusive", "now 2030"; `None` when
/// there is nothing to show (a move, a whole clause, a word diff).
pub fn values_line(report: &Report, f: &Finding) -> Option<String> {
    let show = |s: &Option<Shown>| match s {
        None => None,
        Some(Shown::Value(crate::model::Value::Party(p))) => Some(crate::safe::line(report.party_name(p))),
        Some(Shown::Value(crate::model::Value::List(items))) if items.is_empty() => None,
        Some(Shown::Clause { .. }) => None,
        Some(v) => Some(phrase(v)),
    };
    if matches!(f.old, Some(Shown::Clause { .. })) || matches!(f.new, Some(Shown::Clause { .. })) {
        return None;
    }
    match (show(&f.old), show(&f.new)) {
        (Some(o), Some(n)) => Some(format!("was {o}, now {n}")),
        (None, Some(n)) => Some(format!("now {n}")),
        (Some(o), None) => Some(format!("was {o}, now none")),
        (None, None) => None,
    }
}

/// One clause group as sentences: the clause named first (unless its first
/// sentence names it), each finding's sentence, and the key terms of the
/// clause that did not change; metadata changes as one line.
pub fn group_sentence(report: &Report, group: &[&Finding]) -> String {
    sentences(report, group, false)
}

/// [`group_sentence`], each substantive or commercial finding followed by
/// its materiality and whom it favours in words: "(commercial, favours
/// OpenAI)", "(commercial, cuts both ways)".
pub fn group_sentence_weighed(report: &Report, group: &[&Finding]) -> String {
    sentences(report, group, true)
}

fn sentences(report: &Report, group: &[&Finding], weighed: bool) -> String {
    let first = group[0];
    if let Some(line) = metadata_line(group) {
        return line;
    }
    let quoted = format!("\"{}\"", first.label);
    let mut s = if first.message.starts_with(&quoted) { String::new() } else { format!("{}:", first.label) };
    for f in group {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&f.message);
        if weighed && f.materiality() >= Materiality::Substantive {
            let names = |v: &[String]| v.iter().map(|k| report.party_name(k).to_string()).collect::<Vec<_>>();
            let who = if !f.mixed.is_empty() {
                ", cuts both ways".to_string()
            } else if !f.favours.is_empty() {
                format!(", favours {}", names(&f.favours).join(" and "))
            } else {
                String::new()
            };
            s.push_str(&format!(" ({}{who})", f.materiality()));
        }
    }
    if let Some(kept) = first.clause.as_deref().and_then(|c| report.unchanged_of(c)) {
        s.push(' ');
        s.push_str(kept);
    }
    s
}

/// How findings sort: against the perspective party first, then for it, then
/// those that cut both ways, then neutral; within that, most material first.
fn rank(report: &Report, f: &Finding) -> (u8, Reverse<Materiality>) {
    let impact = match report.impact(f) {
        Some(Impact::Loss) => 0,
        Some(Impact::Gain) => 1,
        Some(Impact::Mixed) => 2,
        _ => 3,
    };
    (impact, Reverse(f.materiality()))
}

/// The open (not acknowledged) findings grouped by clause (or section), groups
/// ordered by their highest-ranked finding, then by document order.
pub fn groups(report: &Report) -> Vec<Vec<&Finding>> {
    let mut groups: Vec<Vec<&Finding>> = Vec::new();
    let mut index: HashMap<(Option<&str>, &str), usize> = HashMap::new();
    for f in report.open_findings() {
        let key = (f.clause.as_deref(), if f.clause.is_some() { "" } else { f.label.as_str() });
        match index.get(&key) {
            Some(&i) => groups[i].push(f),
            None => {
                index.insert(key, groups.len());
                groups.push(vec![f]);
            }
        }
    }
    for g in &mut groups {
        g.sort_by_key(|f| rank(report, f));
    }
    groups.sort_by_key(|g| rank(report, g[0]));
    groups
}

/// Whom a finding favours, in words with display names: "favours OpenAI;
/// disfavours Microsoft", "cuts both ways for OpenAI and Microsoft", or
/// `None` when it names no party.
pub fn favour_phrase(report: &Report, f: &Finding) -> Option<String> {
    let names = |v: &[String]| v.iter().map(|k| report.party_name(k).to_string()).collect::<Vec<_>>();
    if !f.mixed.is_empty() {
        return Some(format!("cuts both ways for {}", names(&f.mixed).join(" and ")));
    }
    let mut parts = Vec::new();
    if !f.favours.is_empty() {
        parts.push(format!("favours {}", names(&f.favours).join(", ")));
    }
    if !f.disfavours.is_empty() {
        parts.push(format!("disfavours {}", names(&f.disfavours).join(", ")));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The acknowledged findings, in document order.
pub fn acknowledged(report: &Report) -> Vec<&Finding> {
    report.findings.iter().filter(|f| f.acknowledged.is_some()).collect()
}

/// "For Microsoft: 2 gains, 4 losses, 1 that cuts both ways" when a
/// perspective is set.
pub fn perspective_line(report: &Report) -> Option<String> {
    let (gains, losses, mixed) = report.gains_and_losses()?;
    let p = report.perspective.as_deref()?;
    let mut line = format!(
        "For {}: {gains} gain{}, {losses} loss{}",
        crate::safe::line(report.party_name(p)),
        if gains == 1 { "" } else { "s" },
        if losses == 1 { "" } else { "es" }
    );
    if mixed > 0 {
        line.push_str(&format!(", {mixed} that cut{} both ways", if mixed == 1 { "s" } else { "" }));
    }
    Some(line)
}
