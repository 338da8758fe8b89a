//! Pull-request review and change summaries: Markdown, GitHub annotations,
//! plain-English summaries, perspective, acknowledgements, history,
//! directories and git, through the real binary and real git.

use std::path::Path;
use std::process::Command as Std;

use agreement_diff::render::{Format, github, html, markdown, render};
use agreement_diff::{LoadOptions, diff_files, safe};
use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

mod common;
use common::Repo;

const DIR: &str = "agreements/microsoft-openai";
const FEB: &str = "agreements/microsoft-openai/2026-02-27.yaml";
const APR: &str = "agreements/microsoft-openai/2026-04-27.yaml";

fn cmd() -> Command {
    let mut c = cargo_bin_cmd!("agreement-diff");
    c.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    c
}

fn bin() -> String {
    assert_cmd::cargo::cargo_bin!("agreement-diff").display().to_string()
}

#[test]
fn snapshots_of_markdown_github_and_summary() {
    let report = diff_files(FEB, APR, &LoadOptions::default()).unwrap();
    insta::assert_snapshot!("microsoft_openai_2026_markdown", render(&report, Format::Markdown, false));
    insta::assert_snapshot!("microsoft_openai_2026_github", render(&report, Format::Github, false));
    insta::assert_snapshot!("microsoft_openai_2026_summary", render(&report, Format::Summary, false));
    insta::assert_snapshot!("microsoft_openai_2026_html", render(&report, Format::Html, false));
}

/// Every JSON finding appears in every other format, and nothing else does.
#[test]
fn same_facts_in_every_format() {
    let report = diff_files(FEB, APR, &LoadOptions::default()).unwrap();
    let json: Value = serde_json::from_str(&render(&report, Format::Json, false)).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), report.findings.len());
    let messages: Vec<&str> = findings.iter().map(|f| f["message"].as_str().unwrap()).collect();

    let text = render(&report, Format::Text, false);
    let md = render(&report, Format::Markdown, false);
    let gh = render(&report, Format::Github, false);
    let summary = render(&report, Format::Summary, false);
    let page = render(&report, Format::Html, false);
    // The metadata changes of a new version read as one line (issue 13, item 5),
    // naming each field; the HTML findings table still has a row for each.
    let metadata = "Version 2026-04-27 (was 2026-02-27), effective 27 April 2026 (was 27 February 2026); the \
                    title, the previous version and the sources also changed.";
    let mut one_line = 0;
    for (f, m) in findings.iter().zip(&messages) {
        let rule = f["rule"].as_str().unwrap();
        assert!(page.contains(&html::escape(m)) && page.contains(rule), "html lacks {m}");
        if rule == "metadata-changed" {
            one_line += 1;
            assert!(text.contains(metadata) && text.contains(rule), "text lacks {metadata}");
            assert!(md.contains(&markdown::escape(metadata)) && md.contains(rule), "markdown lacks {metadata}");
            assert!(summary.contains(metadata), "summary lacks {metadata}");
            continue;
        }
        assert!(text.contains(m) && text.contains(rule), "text lacks {m}");
        assert!(md.contains(&markdown::escape(m)) && md.contains(rule), "markdown lacks {m}");
        assert!(summary.contains(&safe::line(m)), "summary lacks {m}");
    }
    assert_eq!(one_line, 5, "five metadata changes");

    // Nothing else: one table row per finding, the metadata's one row for five.
    let rows = md.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| Clause")).count();
    assert_eq!(rows, findings.len() - one_line + 1);
    assert_eq!(page.matches("<tr class=\"finding\"").count(), findings.len(), "one HTML row per finding");
    // GitHub annotations (issue 13, item 8): one per clause, its most material
    // finding, counting the rest of the clause's findings; together they
    // account for every finding (the job summary has them all, see
    // `github_format_writes_the_whole_report_to_the_job_summary`).
    let mut accounted = 0;
    let mut clauses = std::collections::HashSet::new();
    for line in gh.lines() {
        let title = line.split(",title=").nth(1).unwrap().split("::").next().unwrap();
        assert!(
            clauses.insert(title.split("%3A ").nth(1).unwrap().to_string()),
            "two annotations for one clause: {line}"
        );
        accounted += 1;
        if let Some(more) = line.split("(And ").nth(1) {
            accounted += more.split(' ').next().unwrap().parse::<usize>().unwrap();
        }
    }
    assert_eq!(accounted, findings.len(), "{gh}");
    for f in findings {
        if f["materiality"] == "commercial" {
            let per_clause =
                findings.iter().filter(|g| g["clause"] == f["clause"] && g["materiality"] == "commercial").count();
            if per_clause == 1 {
                assert!(gh.contains(&github::data(f["message"].as_str().unwrap())), "{gh}");
            }
        }
    }
    // The headline and net effect (issue 13) are the same in every human format
    // and in JSON, which carries them as data.
    let headline = json["headline"].as_str().unwrap();
    assert!(summary.contains(&format!("Headline: {}", safe::line(headline))), "{summary}");
    assert!(text.contains(&safe::line(headline)) && md.contains(&markdown::escape(headline)));
    let effect: Vec<&str> = json["net_effect"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    assert!(!effect.is_empty());
    for line in &effect {
        assert!(summary.contains(&format!("- {}", safe::line(line))) && text.contains(&safe::line(line)), "{line}");
        assert!(md.contains(&markdown::escape(line)), "{line}");
    }
    for term in json["unchanged_key_terms"].as_array().unwrap() {
        assert!(summary.contains(&safe::line(term["sentence"].as_str().unwrap())), "{term}");
    }
    // Each change bullet is (a label and) findings' messages and the unchanged terms, and nothing more.
    let changes = summary.split("\nNet effect:").next().unwrap();
    // (The metadata of a new version is one composed line under "Agreement:", checked by its own test.)
    let mut theme = "";
    for line in changes.lines() {
        if !line.starts_with("- ") {
            theme = line;
            continue;
        }
        if theme == "Agreement:" {
            continue;
        }
        let mut rest = line[2..].to_string();
        for m in &messages {
            rest = rest.replace(&safe::line(m), "");
        }
        for (_, s) in &report.unchanged {
            rest = rest.replace(s.as_str(), "");
        }
        // Each finding's weight, as the summary adds it: "(commercial, favours OpenAI)".
        for level in ["commercial", "substantive", "clarification", "administrative"] {
            while let Some(at) = rest.find(&format!("({level}")) {
                let end = at + rest[at..].find(')').expect("a closing parenthesis") + 1;
                rest.replace_range(at..end, "");
            }
        }
        let rest = rest.trim();
        assert!(rest.is_empty() || (rest.ends_with(':') && !rest.contains(". ")), "summary says more: {rest:?}");
    }
}

#[test]
fn summary_covers_what_the_announcement_lists() {
    let out = cmd().args(["--format", "summary", FEB, APR]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    let bullet = |start: &str| {
        s.lines()
            .find(|l| l.starts_with(&format!("- {start}")) || l.starts_with(&format!("- \"{start}")))
            .unwrap_or_else(|| panic!("no bullet {start}:\n{s}"))
            .to_string()
    };
    // Issue 12, item 9: another clause (ship-first) still restricts OpenAI, so the
    // message speaks of this clause only, and says nothing of an end the
    // exclusivity no longer has.
    let cloud = bullet("Azure exclusivity");
    assert!(cloud.contains("is now non-exclusive (was exclusive): this clause no longer restricts OpenAI"), "{cloud}");
    assert!(!cloud.contains("OpenAI is no longer restricted") && !cloud.contains("It still ends"), "{cloud}");
    // Issue 12, item 7: the fixed end of the revenue share cuts both ways.
    assert!(bullet("Revenue share paid by OpenAI").contains("This cuts both ways"));
    assert!(bullet("OpenAI products ship first on Azure").contains("New right for Microsoft: first-ship"));
    assert!(
        bullet("OpenAI products ship first on Azure")
            .contains("unless Microsoft cannot and chooses not to support the necessary capabilities")
    );
    let licence = bullet("Licence to OpenAI IP");
    assert!(
        licence.contains("Microsoft's licence")
            && licence.contains("now non-exclusive")
            && licence.contains("It still runs until 31 December 2032")
    );
    assert!(bullet("Revenue share paid by Microsoft").contains("Microsoft no longer pays OpenAI a revenue share"));
    let share = bullet("Revenue share paid by OpenAI");
    assert!(
        share.contains("A cap") && share.contains("to 31 December 2030") && share.contains("The rate is unchanged")
    );
}

#[test]
fn hostile_clause_text_is_inert_in_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.yaml");
    let new = dir.path().join("new.yaml");
    std::fs::write(
        &old,
        "agreement: x\nparties: {a: A, b: B}\nclauses:\n  - {id: c, title: Plain, text: Plain words.}\n",
    )
    .unwrap();
    std::fs::write(
        &new,
        "agreement: x\nparties: {a: A, b: B}\nclauses:\n  - id: c\n    title: \"Pipe | <b>bold</b> @someone\"\n    text: \"Cell | break <script>alert(1)</script> @someone [link](https://evil.example) ```\\n```html\\n<img src=x onerror=alert(1)>\"\n",
    )
    .unwrap();
    let out = cmd().args(["--format", "markdown"]).arg(&old).arg(&new).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8(out.stdout).unwrap();
    for bad in ["<script", "<img", "<b>", "@someone", "```", "[link](https://"] {
        assert!(!md.contains(bad), "markdown contains {bad}:\n{md}");
    }
    for row in md.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| Clause")) {
        let cells = row.matches('|').count() - row.matches("\\|").count();
        assert_eq!(cells, 6, "a value broke the table: {row}");
    }
}

/// Whether a line of output would be obeyed by the GitHub Actions runner
/// as a workflow command: `::` after leading white space, or `##[` anywhere.
fn workflow_command(line: &str) -> bool {
    line.trim_start().starts_with("::") || line.contains("##[")
}

/// Issue 9, item 3: no output, in any format, and no error message carries a
/// workflow command that comes from an agreement.
#[test]
fn agreement_text_never_starts_a_workflow_command() {
    let (dir, old, new) = pair(
        "  - {id: c, title: Fees, text: Plain words.}\n  - {id: p, type: payment, payer: a, payee: b, rate: \"5%\"}\n",
        "  - {id: c, title: \"::add-mask::Microsoft\", text: \"::warning::w ##[stop-commands]x\"}\n",
    );
    // A party name that starts a sentence of the report.
    let renamed = std::fs::read_to_string(&new).unwrap().replace("a: A", "a: \"  ::error::pwned\"");
    std::fs::write(&new, renamed).unwrap();
    for format in ["text", "summary", "markdown", "json", "github", "html"] {
        for color in ["never", "always"] {
            let out = cmd().args(["--format", format, "--color", color]).arg(&old).arg(&new).output().unwrap();
            assert_eq!(out.status.code(), Some(1), "{format}: {}", String::from_utf8_lossy(&out.stderr));
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.contains("add-mask") && text.contains("pwned"), "{format}:\n{text}");
            assert!(["summary", "github"].contains(&format) || text.contains("stop-commands"), "{format}:\n{text}");
            for line in text.lines() {
                // The GitHub format's own commands, whose message cannot start a line.
                let own = format == "github"
                    && ["::error ", "::warning ", "::notice "].iter().any(|c| line.starts_with(c))
                    && !line.contains("##[");
                assert!(own || !workflow_command(line), "{format}: a workflow command: {line}");
            }
        }
    }
    // The same in every format of directory mode and of `log`.
    let (old_dir, new_dir) = (dir.path().join("old"), dir.path().join("new"));
    std::fs::create_dir_all(&old_dir).unwrap();
    std::fs::create_dir_all(&new_dir).unwrap();
    std::fs::copy(&old, old_dir.join("x.yaml")).unwrap();
    std::fs::copy(&new, new_dir.join("x.yaml")).unwrap();
    for format in ["text", "summary", "markdown", "json", "html"] {
        let log = vec!["log".into(), "--format".into(), format.into(), old.clone(), new.clone()];
        for args in [vec!["--format".into(), format.into(), old_dir.clone(), new_dir.clone()], log] {
            let out = cmd().args(&args).output().unwrap();
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.contains("add-mask"), "{format} {args:?}:\n{text}");
            assert!(!text.lines().any(workflow_command), "{format} {args:?}:\n{text}");
        }
    }

    // Error messages on standard error: a value echoed back, a file name.
    let bad = dir.path().join("##[stop-commands]x.yaml");
    std::fs::write(&bad, "agreement: x\nparties: {a: A, b: B}\nclauses:\n  - {id: p, type: payment, payer: a, payee: b, rate: \"##[stop-commands]x\"}\n").unwrap();
    let title = dir.path().join("title.yaml");
    std::fs::write(
        &title,
        "agreement: x\nparties: {a: A, b: B}\nclauses:\n  - {id: c, title: Fees, text: x, \"::add-mask::k\": 1}\n",
    )
    .unwrap();
    for args in [
        vec![bad.clone(), new.clone()],
        vec!["check".into(), bad.clone()],
        vec![title.clone(), new.clone()],
        vec!["check".into(), title.clone()],
    ] {
        let out = cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("stop-commands") || err.contains("add-mask"), "{args:?}: {err}");
        for line in err.lines() {
            assert!(!workflow_command(line), "{args:?}: a workflow command on stderr: {line}");
        }
    }
}

/// Issue 9, item 5: bare links, e-mail addresses, mentions and issue
/// references in values do not become live links or pings under GitHub's
/// autolinking: each is broken by a zero-width space entity.
#[test]
fn markdown_autolinks_and_references_are_inert() {
    let (_dir, old, new) = pair(
        "  - {id: c, title: Links, text: Plain words.}\n",
        "  - {id: c, title: \"Links @someone #123\", text: \"See https://evil.example/pay, http://evil.example, www.evil.example, ceo@evil.example, GH-123, #456 and owner/repo#7.\"}\n",
    );
    let out = cmd().args(["--format", "markdown"]).arg(&old).arg(&new).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8(out.stdout).unwrap();
    for live in ["https://", "http://", "www.", "@someone", "@evil", "#123", "#456", "#7", "GH-123"] {
        assert!(!md.contains(live), "markdown contains {live}:\n{md}");
    }
    for inert in [
        "https:&#8203;//evil.example/pay",
        "http:&#8203;//evil.example",
        "www&#8203;.evil.example",
        "ceo@&#8203;evil.example",
        "GH&#8203;-123",
        "\\#&#8203;456",
        "repo\\#&#8203;7",
        "@&#8203;someone",
        "\\#&#8203;123",
    ] {
        assert!(md.contains(inert), "markdown lacks {inert}:\n{md}");
    }
}

/// Two agreement files in a temporary folder: parties `a` and `b`, and the
/// clauses given (YAML list items) on each side.
fn pair(old_clauses: &str, new_clauses: &str) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    let head = "agreement: x\nparties: {a: A, b: B}\nclauses:\n";
    std::fs::write(&old, format!("{head}{old_clauses}")).unwrap();
    std::fs::write(&new, format!("{head}{new_clauses}")).unwrap();
    (dir, old, new)
}

/// Issue 9, item 5: JSON strings escape bidirectional and C1 controls (and
/// every other invisible character) as `\uXXXX`; other non-ASCII stays UTF-8.
#[test]
fn json_escapes_bidi_and_c1_controls() {
    let (_dir, old, new) = pair(
        "  - {id: c, title: Café – fees, text: Plain words.}\n",
        "  - {id: c, title: Café – fees, text: \"Pay \\u202Eevil\\u2066 \\u0085x \\u009Fy \\u061Cz \\u200Fw.\"}\n",
    );
    let out = cmd().args(["--format", "json"]).arg(&old).arg(&new).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let raw = String::from_utf8(out.stdout).unwrap();
    for c in ['\u{202E}', '\u{2066}', '\u{85}', '\u{9F}', '\u{61C}', '\u{200F}'] {
        assert!(!raw.contains(c), "raw U+{:04X} in the JSON", c as u32);
    }
    for escaped in ["\\u202e", "\\u2066", "\\u0085", "\\u009f", "\\u061c", "\\u200f"] {
        assert!(raw.contains(escaped), "{escaped} missing:\n{raw}");
    }
    assert!(raw.contains("Café – fees"), "é and – stay UTF-8:\n{raw}");
    // The parsed value is the text as written.
    let v: Value = serde_json::from_str(&raw).unwrap();
    let text = v["findings"].as_array().unwrap().iter().find(|f| f["field"] == "text").unwrap();
    assert_eq!(text["new"]["value"], "Pay \u{202E}evil\u{2066} \u{85}x \u{9F}y \u{61C}z \u{200F}w.");
}

#[test]
fn github_format_writes_the_whole_report_to_the_job_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let out = cmd().args(["--format", "github", FEB, APR]).env("GITHUB_STEP_SUMMARY", &summary).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(written.starts_with("earlier step\n"), "appended, not overwritten");
    let json = cmd().args(["--format", "json", FEB, APR]).output().unwrap();
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    for f in v["findings"].as_array().unwrap() {
        if f["rule"] == "metadata-changed" {
            // One line for the metadata of a new version, naming each field.
            let field = f["field"].as_str().unwrap().replace("previous", "previous version");
            let line = written.lines().find(|l| l.contains("metadata-changed")).unwrap().to_lowercase();
            assert!(line.contains(&field), "the metadata line lacks {field}: {line}");
            continue;
        }
        assert!(written.contains(&markdown::escape(f["message"].as_str().unwrap())), "summary lacks {}", f["message"]);
    }
    // Without the variable, nothing is written anywhere.
    cmd().args(["--format", "github", FEB, APR]).env_remove("GITHUB_STEP_SUMMARY").assert().code(1);
}

/// Issue 13, item 7: a comment never exceeds GitHub's limit; the most
/// material findings come first, then how many are left out. Each finding
/// names its clause id and file:line, linked in GitHub Actions.
#[test]
fn the_markdown_comment_fits_github_and_names_places() {
    let dir = tempfile::tempdir().unwrap();
    let generate = std::process::Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "generate", "--", "--clauses", "3000", "--seed", "7", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(generate.status.success(), "{}", String::from_utf8_lossy(&generate.stderr));
    let (old, new) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    let out = cmd().args(["--no-config", "--format", "markdown"]).arg(&old).arg(&new).output().unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.chars().count() <= 65_536, "{} characters", md.chars().count());
    assert!(md.contains("more findings, less material, are not shown here: see the full report"));
    let materialities: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Clause"))
        .map(|l| l.trim_end_matches(" |").rsplit(" | ").next().unwrap())
        .collect();
    let rank = |m: &str| ["commercial", "substantive", "clarification", "administrative"].iter().position(|x| *x == m);
    assert!(materialities.windows(2).all(|w| rank(w[0]) <= rank(w[1])), "most material first: {materialities:?}");
    // Places, and links when GitHub Actions says where the files are.
    let json = cmd().args(["--format", "json", FEB, APR]).output().unwrap();
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    let dropped = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "exclusivity-dropped" && f["clause"] == "azure-exclusivity")
        .unwrap();
    let line = dropped["new_line"].as_u64().unwrap();
    let small = cmd().args(["--format", "markdown", FEB, APR]).output().unwrap();
    let small = String::from_utf8(small.stdout).unwrap();
    let place = format!("<sub>azure-exclusivity · agreements/microsoft-openai/2026-04-27.yaml:{line}</sub>");
    assert!(small.contains(&place), "{small}");
    let linked = cmd()
        .args(["--format", "markdown", FEB, APR])
        .env("GITHUB_SERVER_URL", "https://github.com")
        .env("GITHUB_REPOSITORY", "acme/contracts")
        .env("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567")
        .output()
        .unwrap();
    let linked = String::from_utf8(linked.stdout).unwrap();
    assert!(
        linked.contains(&format!("[agreements/microsoft-openai/2026-04-27.yaml:{line}](https://github.com/acme/contracts/blob/0123456789abcdef0123456789abcdef01234567/agreements/microsoft-openai/2026-04-27.yaml#L{line})")),
        "{linked}"
    );
}

#[test]
fn perspective_marks_and_counts() {
    let out = cmd().args(["--format", "json", "--perspective", "microsoft", FEB, APR]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["perspective"], "microsoft");
    for f in v["findings"].as_array().unwrap() {
        let expected = if f["disfavours"].as_array().unwrap().iter().any(|p| p == "microsoft") {
            "against"
        } else if f["favours"].as_array().unwrap().iter().any(|p| p == "microsoft") {
            "for"
        } else if f["cuts_both_ways_for"].as_array().unwrap().iter().any(|p| p == "microsoft") {
            assert_eq!(f["direction"], "cuts-both-ways");
            "cuts both ways"
        } else {
            "neutral"
        };
        assert_eq!(f["impact"], expected);
    }
    let text = cmd().args(["--perspective", "microsoft", FEB, APR]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("For Microsoft: 3 gains, 3 losses, 1 that cuts both ways"), "{text}");
    // Losses first.
    let first_against = text.find("[against Microsoft]").unwrap();
    let first_for = text.find("[for Microsoft]").unwrap();
    assert!(first_against < first_for);
    cmd().args(["--perspective", "nobody", FEB, APR]).assert().code(2);
}

/// The findings of comparing two files, as JSON (in a folder, for `REV:PATH`).
fn json_findings(dir: &Path, old: &str, new: &str) -> Vec<Value> {
    let out = cmd().current_dir(dir).args(["--format", "json", "--no-config", old, new]).output().unwrap();
    assert!(out.status.code() != Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["findings"].as_array().unwrap().clone()
}

/// An acknowledgement of the finding of `rule` on `clause` between two
/// files, as a YAML list item: agreement, rule, clause and change as the
/// report gives them.
fn ack_for(findings: &[Value], rule: &str, clause: &str, agreement: &str, reason: &str) -> String {
    let f = findings
        .iter()
        .find(|f| f["rule"] == rule && f["clause"] == clause)
        .unwrap_or_else(|| panic!("no {rule} on {clause}"));
    format!(
        "  - agreement: {agreement}\n    rule: {rule}\n    clause: {clause}\n    change: {}\n    reason: {reason}\n",
        f["change"].as_str().unwrap()
    )
}

const PARTNERSHIP: &str = "microsoft-openai-partnership";

#[test]
fn acknowledged_findings_do_not_trip_fail_on_and_stale_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("acks.yaml");
    let findings = json_findings(Path::new("."), FEB, APR);
    let mut acks = String::from("acknowledged:\n");
    for (rule, clause) in [
        ("exclusivity-dropped", "azure-exclusivity"),
        ("exclusivity-dropped", "ip-license"),
        ("cap-added", "revenue-share-openai-to-microsoft"),
        ("term-condition-changed", "revenue-share-openai-to-microsoft"),
        ("payment-removed", "revenue-share-microsoft-to-openai"),
        ("right-granted", "azure-ship-first"),
        ("right-granted", "azure-primary-cloud"),
    ] {
        acks.push_str(&ack_for(&findings, rule, clause, PARTNERSHIP, "Approved by counsel."));
    }
    std::fs::write(&config, &acks).unwrap();
    cmd().args(["--fail-on", "commercial", "--config"]).arg(&config).args([FEB, APR]).assert().code(0);
    // The clauses' rewordings are those findings' redlines: nothing substantive is left over.
    cmd().args(["--fail-on", "substantive", "--config"]).arg(&config).args([FEB, APR]).assert().code(0);
    // One finding left unacknowledged trips the gate again.
    let partial = dir.path().join("partial.yaml");
    let cut = acks.rfind("  - agreement:").unwrap();
    std::fs::write(&partial, &acks[..cut]).unwrap();
    cmd().args(["--fail-on", "commercial", "--config"]).arg(&partial).args([FEB, APR]).assert().code(1);

    acks.push_str(&format!(
        "  - agreement: {PARTNERSHIP}\n    rule: rate-increased\n    clause: revenue-share-openai-to-microsoft\n    change: 0123456789abcdef0123456789abcdef\n    reason: Old approval.\n"
    ));
    std::fs::write(&config, &acks).unwrap();
    let out = cmd().args(["--format", "json", "--config"]).arg(&config).args([FEB, APR]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["stale_acknowledgements"].as_array().unwrap().len(), 1);
    assert_eq!(v["stale_acknowledgements"][0]["rule"], "rate-increased");
    assert_eq!(v["stale_acknowledgements"][0]["why"], "no-finding");
    let acked = v["findings"].as_array().unwrap().iter().filter(|f| !f["acknowledged"].is_null()).count();
    assert_eq!(acked, 7);
    let text = cmd().arg("--config").arg(&config).args([FEB, APR]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("Acknowledged (7)") && text.contains("Stale acknowledgements") && text.contains("Old approval.")
    );
    // The HTML page: acknowledged findings in a table apart, with their reasons; every finding has its row.
    let page = cmd().args(["--format", "html", "--config"]).arg(&config).args([FEB, APR]).output().unwrap();
    let page = String::from_utf8(page.stdout).unwrap();
    let (open, acked) = page.split_once("<section class=\"acknowledged\">").expect("an acknowledged section");
    assert_eq!(acked.matches("<tr class=\"finding\"").count(), 7);
    assert_eq!(open.matches("<tr class=\"finding\"").count() + 7, findings.len());
    assert!(
        acked.contains("Acknowledged (7)") && acked.contains("Approved by counsel.") && acked.contains("Old approval.")
    );
    assert!(acked.contains("<section class=\"stale\">"));

    // A reason is required.
    std::fs::write(&config, format!("acknowledged:\n  - agreement: {PARTNERSHIP}\n    rule: cap-added\n    clause: x\n    change: 0123456789abcdef0123456789abcdef\n")).unwrap();
    let out = cmd().arg("--config").arg(&config).args([FEB, APR]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a `reason`"));
}

/// Issue 9, item 2 (b): an acknowledgement names its agreement and covers
/// findings of that agreement only, even where another agreement of the
/// same directory has the very same change on a clause of the same id.
#[test]
fn an_acknowledgement_covers_its_own_agreement_only() {
    let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let agreement = |id: &str, rate: &str| {
        format!(
            "agreement: {id}\nparties: {{a: A, b: B}}\nclauses:\n  - {{id: p, type: payment, payer: a, payee: b, rate: \"{rate}\"}}\n"
        )
    };
    for id in ["alpha", "beta"] {
        std::fs::write(old.path().join(format!("{id}.yaml")), agreement(id, "5%")).unwrap();
        std::fs::write(new.path().join(format!("{id}.yaml")), agreement(id, "6%")).unwrap();
    }
    let path = |d: &tempfile::TempDir, id: &str| d.path().join(format!("{id}.yaml")).to_string_lossy().to_string();
    let alpha = json_findings(Path::new("."), &path(&old, "alpha"), &path(&new, "alpha"));
    let beta = json_findings(Path::new("."), &path(&old, "beta"), &path(&new, "beta"));
    assert_eq!(alpha[0]["change"], beta[0]["change"], "the same change in both");

    let config = new.path().join(".agreement-diff.yaml");
    std::fs::write(
        &config,
        format!("acknowledged:\n{}", ack_for(&alpha, "rate-increased", "p", "alpha", "Agreed for alpha.")),
    )
    .unwrap();
    let run = || {
        let out = cmd()
            .args(["--format", "json", "--fail-on", "commercial"])
            .arg(old.path())
            .arg(new.path())
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let reason = |id: &str| {
            let r = v["reports"].as_array().unwrap().iter().find(|r| r["new"]["agreement"] == id).unwrap();
            r["findings"][0]["acknowledged"]["reason"].as_str().map(str::to_string)
        };
        (out.status.code(), reason("alpha"), reason("beta"), v["stale_acknowledgements"].as_array().unwrap().len())
    };
    assert_eq!(run(), (Some(1), Some("Agreed for alpha.".into()), None, 0), "beta's change stays open");

    let both = format!(
        "acknowledged:\n{}{}",
        ack_for(&alpha, "rate-increased", "p", "alpha", "Agreed for alpha."),
        ack_for(&beta, "rate-increased", "p", "beta", "Agreed for beta.")
    );
    std::fs::write(&config, both).unwrap();
    assert_eq!(run(), (Some(0), Some("Agreed for alpha.".into()), Some("Agreed for beta.".into()), 0));

    // Naming another agreement covers nothing, and says so.
    std::fs::write(&config, format!("acknowledged:\n{}", ack_for(&alpha, "rate-increased", "p", "gamma", "Wrong.")))
        .unwrap();
    let out = cmd()
        .args(["--format", "json"])
        .arg(path(&old, "alpha"))
        .arg(path(&new, "alpha"))
        .arg("--config")
        .arg(&config)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["findings"][0]["acknowledged"].is_null());
    assert_eq!(v["stale_acknowledgements"][0]["agreement"], "gamma");
    assert_eq!(v["stale_acknowledgements"][0]["why"], "no-finding");
}

/// Issue 9, item 2 (c, d): an acknowledgement approves one change, named by
/// its digest; a later, different change of the same clause and rule is not
/// covered, and the acknowledgement is reported as stale because the change
/// it approved differs. Every format shows the digest to copy.
#[test]
fn an_acknowledgement_covers_the_change_it_approved_and_no_later_one() {
    let clause = |rate: &str| format!("  - {{id: p, type: payment, payer: a, payee: b, rate: \"{rate}\"}}\n");
    let (dir, v1, v2) = pair(&clause("5%"), &clause("6%"));
    let v3 = dir.path().join("v3.yaml");
    std::fs::write(&v3, std::fs::read_to_string(&v2).unwrap().replace("6%", "7%")).unwrap();
    let (v1, v2, v3) =
        (v1.to_string_lossy().to_string(), v2.to_string_lossy().to_string(), v3.to_string_lossy().to_string());
    let approved = json_findings(Path::new("."), &v1, &v2);
    let later = json_findings(Path::new("."), &v1, &v3);
    let (approved_change, later_change) =
        (approved[0]["change"].as_str().unwrap(), later[0]["change"].as_str().unwrap());
    assert!(approved_change.len() == 32 && approved_change.bytes().all(|b| b.is_ascii_hexdigit()), "{approved_change}");
    assert_ne!(approved_change, later_change);
    // Stable: the same on every run.
    assert_eq!(json_findings(Path::new("."), &v1, &v2)[0]["change"], approved[0]["change"]);

    let config = dir.path().join("acks.yaml");
    std::fs::write(
        &config,
        format!("acknowledged:\n{}", ack_for(&approved, "rate-increased", "p", "x", "Counsel agreed to 6%.")),
    )
    .unwrap();
    let run = |new: &str, format: &str| {
        cmd()
            .args(["--fail-on", "commercial", "--format", format, "--config"])
            .arg(&config)
            .args([&v1, new])
            .output()
            .unwrap()
    };
    // The approved change is covered.
    let out = run(&v2, "json");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["acknowledged"]["reason"], "Counsel agreed to 6%.");
    assert_eq!(v["stale_acknowledgements"].as_array().unwrap().len(), 0);

    // A later change of the same clause and rule is not.
    let out = run(&v3, "json");
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["findings"][0]["acknowledged"].is_null());
    let stale = &v["stale_acknowledgements"][0];
    assert_eq!(stale["why"], "change-differs");
    assert_eq!(stale["change"], approved_change);
    assert_eq!(stale["changes_now"], serde_json::json!([later_change]));

    // The same sentence in every human format; the digest to copy in each.
    let sentence = "the change it approved differs";
    for format in ["text", "markdown", "summary", "github"] {
        let out = String::from_utf8(run(&v3, format).stdout).unwrap();
        assert!(
            out.contains(sentence) && out.contains(approved_change) && out.contains(later_change),
            "{format}:\n{out}"
        );
    }
    let text = String::from_utf8(run(&v3, "text").stdout).unwrap();
    assert!(text.contains(&format!("rate-increased · change {later_change}")), "{text}");
    let md = String::from_utf8(run(&v3, "markdown").stdout).unwrap();
    assert!(
        md.contains(&format!("        rule: rate-increased\n        clause: p\n        change: {later_change}\n")),
        "{md}"
    );
    // Acknowledging by copying from the markdown hint works.
    let hint: String = md
        .lines()
        .skip_while(|l| !l.starts_with("    acknowledged:"))
        .take_while(|l| l.starts_with("    "))
        .map(|l| format!("{}\n", &l[4..]))
        .collect();
    std::fs::write(&config, hint.replace("reason:   # who accepted it, and why", "reason: Counsel agreed to 7%."))
        .unwrap();
    assert_eq!(run(&v3, "text").status.code(), Some(0));
}

/// Issue 9, item 2: `agreement` and `change` are required; a `change` must
/// be a digest as the report gives it.
#[test]
fn an_acknowledgement_needs_an_agreement_and_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("acks.yaml");
    for (body, expected) in [
        ("rule: cap-added, clause: c, change: 0123456789abcdef0123456789abcdef, reason: R", "needs an `agreement`"),
        ("agreement: x, rule: cap-added, clause: c, reason: R", "needs a `change`"),
        ("agreement: x, rule: cap-added, change: 12ab, reason: R", "`change` must be the 32 hex digits"),
        ("agreement: x, rule: cap-added, change: 0123456789abcdef, reason: R", "`change` must be the 32 hex digits"),
        (
            "agreement: x, rule: cap-added, change: 0123456789abcdef0123456789abcdeg, reason: R",
            "`change` must be the 32 hex digits",
        ),
        ("agreement: x, rule: cap-added, chang: 0123456789abcdef0123456789abcdef, reason: R", "did you mean `change`?"),
    ] {
        std::fs::write(&config, format!("acknowledged:\n  - {{{body}}}\n")).unwrap();
        let out = cmd().arg("--config").arg(&config).args([FEB, APR]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{body}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected) && err.contains("acks.yaml:2"), "{body}: {err}");
    }
    // Upper-case hex digits are the same digest.
    let findings = json_findings(Path::new("."), FEB, APR);
    let ack = ack_for(&findings, "cap-added", "revenue-share-openai-to-microsoft", PARTNERSHIP, "OK.");
    let change = findings.iter().find(|f| f["rule"] == "cap-added").unwrap()["change"].as_str().unwrap();
    let upper = ack.replace(change, &change.to_uppercase());
    assert_ne!(upper, ack);
    std::fs::write(&config, format!("acknowledged:\n{upper}")).unwrap();
    let out = cmd().args(["--format", "json", "--config"]).arg(&config).args([FEB, APR]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().iter().filter(|f| f["acknowledged"]["reason"] == "OK.").count(), 1);
}

#[test]
fn log_over_the_chain_reads_as_a_timeline() {
    let versions = ["2026-04-27", "2019-07-22", "2025-10-28", "2023-01-23", "2026-02-27", "2025-01-21"];
    let files: Vec<String> = versions.iter().map(|v| format!("{DIR}/{v}.yaml")).collect();
    let out = cmd().arg("log").args(&files).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let steps = [
        "2019-07-22 → 2023-01-23",
        "2023-01-23 → 2025-01-21",
        "2025-01-21 → 2025-10-28",
        "2025-10-28 → 2026-02-27",
        "2026-02-27 → 2026-04-27",
    ];
    let mut at = 0;
    for s in steps {
        let i = text[at..].find(s).unwrap_or_else(|| panic!("{s} missing or out of order:\n{text}"));
        at += i + s.len();
    }
    let json = cmd().args(["log", "--format", "json"]).args(&files).output().unwrap();
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["steps"].as_array().unwrap().len(), 5);
    let md = cmd().args(["log", "--format", "markdown"]).args(&files).output().unwrap();
    assert_eq!(String::from_utf8(md.stdout).unwrap().matches("\n### ").count(), 5);
}

#[test]
fn directory_mode_pairs_by_agreement_id() {
    let old = tempfile::tempdir().unwrap();
    let new = tempfile::tempdir().unwrap();
    let agreement = |id: &str, rate: &str| {
        format!(
            "agreement: {id}\nparties: {{a: A, b: B}}\nclauses:\n  - {{id: p, type: payment, payer: a, payee: b, rate: \"{rate}\"}}\n"
        )
    };
    std::fs::write(old.path().join("changed.yaml"), agreement("changed", "5%")).unwrap();
    std::fs::write(old.path().join("gone.yaml"), agreement("gone", "5%")).unwrap();
    std::fs::create_dir(new.path().join("sub")).unwrap();
    std::fs::write(new.path().join("sub/renamed-file.yaml"), agreement("changed", "6%")).unwrap();
    std::fs::write(new.path().join("fresh.yml"), agreement("fresh", "5%")).unwrap();
    let out = cmd().args(["--format", "json"]).arg(old.path()).arg(new.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["added"][0]["agreement"], "fresh");
    assert_eq!(v["removed"][0]["agreement"], "gone");
    assert_eq!(v["reports"].as_array().unwrap().len(), 1);
    assert_eq!(v["reports"][0]["findings"][0]["rule"], "rate-increased");
    let text = cmd().arg(old.path()).arg(new.path()).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Agreement added: fresh") && text.contains("Agreement removed: gone"));
    // One acknowledgements file in the new directory serves every pair; an
    // acknowledgement is stale only if no pair uses it.
    let findings = json_findings(
        Path::new("."),
        &old.path().join("changed.yaml").to_string_lossy(),
        &new.path().join("sub/renamed-file.yaml").to_string_lossy(),
    );
    let acks = format!(
        "acknowledged:\n{}  - {{agreement: changed, rule: cap-added, clause: p, change: 0123456789abcdef0123456789abcdef, reason: Old.}}\n",
        ack_for(&findings, "rate-increased", "p", "changed", "Agreed.")
    );
    std::fs::write(new.path().join(".agreement-diff.yaml"), acks).unwrap();
    let out =
        cmd().args(["--format", "json", "--fail-on", "commercial"]).arg(old.path()).arg(new.path()).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["reports"][0]["findings"][0]["acknowledged"]["reason"], "Agreed.");
    let stale = v["stale_acknowledgements"].as_array().unwrap();
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0]["rule"], "cap-added");
    assert_eq!(out.status.code(), Some(1), "an added and a removed agreement still count");
    // Identical directories: exit 0.
    cmd().arg(old.path()).arg(old.path()).assert().code(0);
}

/// Issue 9, item 9: directory mode reads ids first and compares pair by pair.
/// Many small files give the same pairing as before: by unique id (whatever
/// the path), by relative path when an id is not unique, and added and
/// removed agreements; a bad file anywhere is an error naming it.
#[test]
fn directory_mode_with_many_small_files() {
    let agreement = |id: &str, rate: u32| {
        format!(
            "agreement: {id}\nparties: {{a: A, b: B}}\nclauses:\n  - {{id: p, type: payment, payer: a, payee: b, rate: \"{rate}%\"}}\n"
        )
    };
    let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    const N: usize = 3_000;
    for d in 0..10 {
        std::fs::create_dir(old.path().join(format!("d{d}"))).unwrap();
        std::fs::create_dir(new.path().join(format!("d{d}"))).unwrap();
    }
    for i in 0..N {
        let dir = format!("d{}", i % 10);
        // Every 100th agreement changes its rate; every 7th moves to another folder.
        std::fs::write(old.path().join(format!("{dir}/a{i}.yaml")), agreement(&format!("a{i}"), 5)).unwrap();
        let to = if i % 7 == 0 { format!("d{}", (i + 1) % 10) } else { dir.clone() };
        let rate = if i % 100 == 0 { 6 } else { 5 };
        std::fs::write(new.path().join(format!("{to}/a{i}.yml")), agreement(&format!("a{i}"), rate)).unwrap();
    }
    // An id used twice on each side: paired by relative path.
    for side in [old.path(), new.path()] {
        std::fs::write(side.join("twin-1.yaml"), agreement("twin", 5)).unwrap();
        std::fs::write(side.join("twin-2.yaml"), agreement("twin", 5)).unwrap();
    }
    std::fs::write(new.path().join("twin-2.yaml"), agreement("twin", 9)).unwrap();
    std::fs::write(old.path().join("gone.yaml"), agreement("gone", 5)).unwrap();
    std::fs::write(new.path().join("fresh.yaml"), agreement("fresh", 5)).unwrap();
    let out = cmd().args(["--format", "json"]).arg(old.path()).arg(new.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.len(), N + 2);
    let changed: Vec<&str> = reports
        .iter()
        .filter(|r| !r["findings"].as_array().unwrap().is_empty())
        .map(|r| r["new"]["agreement"].as_str().unwrap())
        .collect();
    assert_eq!(changed.len(), N / 100 + 1, "{changed:?}");
    assert!(changed.contains(&"twin") && changed.contains(&"a0") && changed.contains(&"a2900"));
    let twin =
        reports.iter().find(|r| r["new"]["agreement"] == "twin" && !r["findings"].as_array().unwrap().is_empty());
    assert!(twin.unwrap()["new"]["path"].as_str().unwrap().ends_with("twin-2.yaml"));
    assert_eq!(v["added"].as_array().unwrap().len(), 1);
    assert_eq!(v["added"][0]["agreement"], "fresh");
    assert_eq!(v["removed"][0]["agreement"], "gone");
    // A bad file, even one with no partner, is an error naming it.
    std::fs::write(new.path().join("d3/bad.yaml"), "agreement: bad\nparties: {a: A}\nclauses: [\n").unwrap();
    let out = cmd().arg(old.path()).arg(new.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.yaml:"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
}

/// Issue 9, item 13: symlinked agreements were skipped ("no agreements in
/// either directory", exit 0). Links to files and to directories are read,
/// a loop is read once, and a link that leads nowhere is an error.
#[cfg(unix)]
#[test]
fn directory_mode_follows_symlinks() {
    use std::os::unix::fs::symlink;
    let agreement = |id: &str, rate: &str| {
        format!(
            "agreement: {id}\nparties: {{a: A, b: B}}\nclauses:\n  - {{id: p, type: payment, payer: a, payee: b, rate: \"{rate}\"}}\n"
        )
    };
    let store = tempfile::tempdir().unwrap();
    std::fs::write(store.path().join("one-v1.yaml"), agreement("one", "5%")).unwrap();
    std::fs::write(store.path().join("one-v2.yaml"), agreement("one", "6%")).unwrap();
    std::fs::create_dir(store.path().join("more")).unwrap();
    std::fs::write(store.path().join("more/two.yaml"), agreement("two", "5%")).unwrap();
    let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    // Every agreement of both sides is a link: to a file, or inside a linked directory.
    symlink(store.path().join("one-v1.yaml"), old.path().join("one.yaml")).unwrap();
    symlink(store.path().join("one-v2.yaml"), new.path().join("one.yaml")).unwrap();
    symlink(store.path().join("more"), new.path().join("more")).unwrap();
    // Loops: a link back to the top, and one inside the linked directory to itself.
    symlink(new.path(), new.path().join("again")).unwrap();
    symlink(".", store.path().join("more/here")).unwrap();
    let out = cmd().args(["--format", "json"]).arg(old.path()).arg(new.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["reports"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["reports"][0]["findings"][0]["rule"], "rate-increased");
    // The linked directory is read once, though the loop leads back to it.
    let added: Vec<&str> = v["added"].as_array().unwrap().iter().map(|a| a["agreement"].as_str().unwrap()).collect();
    assert_eq!(added, ["two"], "{v}");
    // Identical through links: exit 0 and "no changes", having read the file.
    let same = tempfile::tempdir().unwrap();
    symlink(store.path().join("one-v1.yaml"), same.path().join("one.yaml")).unwrap();
    let out = cmd().arg(old.path()).arg(same.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("no agreements"));
    // A link that leads nowhere is an error, not a file passed over.
    symlink(store.path().join("missing.yaml"), new.path().join("gone.yaml")).unwrap();
    let out = cmd().arg(old.path()).arg(new.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("gone.yaml: is a symbolic link that cannot be followed"), "{err}");
    assert!(out.stdout.is_empty());
    // So is a link to itself.
    std::fs::remove_file(new.path().join("gone.yaml")).unwrap();
    symlink(new.path().join("self.yaml"), new.path().join("self.yaml")).unwrap();
    assert_eq!(cmd().arg(old.path()).arg(new.path()).output().unwrap().status.code(), Some(2));
}

#[test]
fn schema_completions_and_man_page() {
    let out = cmd().arg("schema").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let types = v["properties"]["clauses"]["items"]["properties"]["type"]["enum"].as_array().unwrap();
    for t in agreement_diff::model::schema::CLAUSE_TYPES {
        assert!(types.iter().any(|x| x == t.name));
    }
    let bash = cmd().args(["completions", "bash"]).output().unwrap();
    assert!(String::from_utf8_lossy(&bash.stdout).contains("agreement-diff"));
    let man = cmd().arg("man").output().unwrap();
    assert!(String::from_utf8_lossy(&man.stdout).contains(".TH"));
}

// --- git ---------------------------------------------------------------

impl Repo {
    fn driver(&self, trust: bool) {
        self.write(".gitattributes", "*.yaml diff=agreement\n");
        self.ok(&["config", "diff.agreement.command", &bin()]);
        self.ok(&["config", "diff.agreement.trustExitCode", if trust { "true" } else { "false" }]);
    }
}

fn read(p: &str) -> String {
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn rev_path_arguments_read_through_git() {
    let repo = Repo::new();
    repo.write("x.yaml", &read(FEB));
    repo.commit("feb");
    repo.write("x.yaml", &read(APR));
    let run = |args: &[&str]| cmd().current_dir(repo.path()).args(args).output().unwrap();
    let out = run(&["--format", "json", "main:x.yaml", "x.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["old"]["path"], "main:x.yaml");
    assert!(v["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "exclusivity-dropped"));

    let missing_rev = run(&["nope:x.yaml", "x.yaml"]);
    assert_eq!(missing_rev.status.code(), Some(2));
    let err = String::from_utf8_lossy(&missing_rev.stderr);
    assert!(err.contains("nope:x.yaml") && err.contains("git"), "{err}");
    let missing_path = run(&["main:missing.yaml", "x.yaml"]);
    assert_eq!(missing_path.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing_path.stderr).contains("main:missing.yaml"));
}

/// Issue 9, item 2 (a): `--config REV:PATH` reads the acknowledgements
/// from a revision, so CI can take them from the base branch: a pull request
/// that acknowledges its own commercial change in its own
/// `.agreement-diff.yaml` does not get past `--fail-on commercial`.
#[test]
fn acknowledgements_read_from_the_base_branch_cannot_be_approved_by_the_pull_request() {
    let repo = Repo::new();
    repo.write("x.yaml", &read(FEB));
    repo.write(".agreement-diff.yaml", "acknowledged: []\n");
    repo.commit("base");
    repo.ok(&["checkout", "-q", "-b", "pr"]);
    repo.write("x.yaml", &read(APR));
    // The pull request acknowledges every commercial change it makes.
    let findings = json_findings(repo.path(), "main:x.yaml", "x.yaml");
    let mut acks = String::from("acknowledged:\n");
    for f in findings.iter().filter(|f| f["materiality"] == "commercial") {
        let (rule, clause) = (f["rule"].as_str().unwrap(), f["clause"].as_str().unwrap());
        acks.push_str(&ack_for(&findings, rule, clause, PARTNERSHIP, "Approved by myself."));
    }
    repo.write(".agreement-diff.yaml", &acks);
    repo.commit("pr");
    let run = |args: &[&str]| cmd().current_dir(repo.path()).args(args).output().unwrap();
    let gate = ["--fail-on", "commercial", "--format", "json", "main:x.yaml", "x.yaml"];

    // Read from the work tree, the pull request's acknowledgements approve themselves.
    assert_eq!(run(&gate).status.code(), Some(0));
    // Read from the base branch, they do not count.
    let base: Vec<&str> = ["--config", "main:.agreement-diff.yaml"].into_iter().chain(gate).collect();
    let out = run(&base);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["findings"].as_array().unwrap().iter().all(|f| f["acknowledged"].is_null()));

    // Once reviewers have merged them into the base branch, they count.
    repo.ok(&["checkout", "-q", "main"]);
    repo.write(".agreement-diff.yaml", &acks);
    repo.commit("reviewers acknowledge the April changes");
    repo.ok(&["checkout", "-q", "pr"]);
    let out = run(&base);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));

    // A stale one is annotated on the file in the work tree, not on `main:…`.
    let mut with_stale = acks.clone();
    with_stale.push_str(&format!(
        "  - {{agreement: {PARTNERSHIP}, rule: cap-added, clause: nowhere, change: 0123456789abcdef0123456789abcdef, reason: Old.}}\n"
    ));
    repo.ok(&["checkout", "-q", "main"]);
    repo.write(".agreement-diff.yaml", &with_stale);
    repo.commit("a stale acknowledgement");
    repo.ok(&["checkout", "-q", "pr"]);
    let out = run(&["--format", "github", "--config", "main:.agreement-diff.yaml", "main:x.yaml", "x.yaml"]);
    let gh = String::from_utf8(out.stdout).unwrap();
    assert!(
        gh.lines()
            .any(|l| l.starts_with("::warning file=.agreement-diff.yaml,line=") && l.contains("matches no finding")),
        "{gh}"
    );

    // A file in the work tree named like the revision cannot stand in for it;
    // a revision without the file is an error, not an empty list.
    repo.write("main:.agreement-diff.yaml", &acks);
    let out = run(&base);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ambiguous"));
    let out = run(&["--config", "main:missing.yaml", "main:x.yaml", "x.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("main:missing.yaml"));
}

#[test]
fn external_diff_driver_in_git_diff_and_log() {
    let repo = Repo::new();
    repo.driver(false);
    repo.write("x.yaml", &read(FEB));
    repo.commit("feb");
    repo.write("x.yaml", &read(APR));
    repo.commit("apr");

    let out = repo.git(&["diff", "HEAD~1", "HEAD"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("agreement-diff a/x.yaml b/x.yaml") && text.contains("exclusivity-dropped"), "{text}");

    // A rename with an edit, and an added file.
    repo.ok(&["mv", "x.yaml", "renamed.yaml"]);
    let edited = read(APR).replace("basis: revenue share", "basis: revenue share payments");
    repo.write("renamed.yaml", &edited);
    repo.write("added.yaml", &read("tests/rules/cap-added/old.yaml"));
    repo.commit("rename and add");
    let out = repo.git(&["diff", "-M", "HEAD~1", "HEAD"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("agreement-diff a/x.yaml b/renamed.yaml"), "{text}");
    assert!(text.contains("basis-changed"), "{text}");
    assert!(text.contains("agreement-diff a/added.yaml b/added.yaml") && text.contains("payment-added"), "{text}");

    let log = repo.ok(&["log", "-p", "--ext-diff", "-M"]);
    assert!(log.contains("exclusivity-dropped") && log.contains("payment-added"), "{log}");
}

/// Issue 14, item 5: the driver command may carry options, and under git's
/// pager the driver colours as git's own diff would (color.diff).
#[test]
fn the_driver_command_accepts_options_and_follows_git_colour() {
    let repo = Repo::new();
    repo.driver(false);
    repo.write("x.yaml", &read(FEB));
    repo.commit("feb");
    repo.write("x.yaml", &read(APR));
    let command = format!("{} --format summary", bin());
    let out = repo.git(&["-c", &format!("diff.agreement.command={command}"), "diff"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("agreement-diff a/x.yaml b/x.yaml"), "{text}");
    assert!(text.contains("microsoft-openai-partnership: 2026-02-27 → 2026-04-27"), "summary heading: {text}");
    assert!(!text.contains("COMMERCIAL"), "the summary, not the text report: {text}");
    // `--format=json` works too, and an unknown option is refused rather than ignored.
    let out = repo.git(&["-c", &format!("diff.agreement.command={} --format=json", bin()), "diff"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let json = &text[text.find('{').unwrap()..];
    assert!(serde_json::from_str::<Value>(json).is_ok(), "{text}");
    let out = repo.git(&["-c", &format!("diff.agreement.command={} --bogus x", bin()), "diff"]);
    assert!(!out.status.success(), "an unknown driver option must not be ignored");

    // Colour: with git's pager in use, color.diff decides; without, no terminal means none.
    let coloured = |colour: &str| {
        let out = Std::new("git")
            .args(["-c", &format!("color.diff={colour}"), "diff"])
            .current_dir(repo.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", repo.path())
            .env("GIT_PAGER_IN_USE", "true")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .output()
            .unwrap();
        out.stdout.contains(&0x1b)
    };
    assert!(coloured("always"));
    assert!(!coloured("never"));
    assert!(!String::from_utf8(repo.git(&["diff"]).stdout).unwrap().contains('\x1b'));
}

#[test]
fn git_diff_exit_code_reports_semantic_equality_when_trusted() {
    let repo = Repo::new();
    repo.driver(true);
    repo.write("x.yaml", &read(FEB));
    repo.commit("feb");

    // Byte-different, same meaning: keys reordered, re-indented, a folded string re-wrapped.
    let same = read(FEB)
        .replace("agreement: microsoft-openai-partnership\nversion: \"2026-02-27\"", "version: \"2026-02-27\"\nagreement: microsoft-openai-partnership")
        .replace("    type: payment\n    payer: openai\n    payee: microsoft\n", "    type: payment\n    payee: microsoft\n    payer: openai\n")
        .replace("\n  microsoft: {name", "\n    microsoft: {name")
        .replace("\n  openai: {name", "\n    openai: {name")
        .replace("      Microsoft is the exclusive cloud provider for stateless APIs that provide access to OpenAI's\n      models and IP.", "      Microsoft is the exclusive cloud provider for stateless APIs that provide\n      access to OpenAI's models and IP.");
    assert_ne!(same, read(FEB));
    repo.write("x.yaml", &same);
    let out = repo.git(&["diff", "--exit-code"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("no changes"));

    repo.write("x.yaml", &read(APR));
    let out = repo.git(&["diff", "--exit-code"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));

    // Not trusted: a difference never makes git stop with "external diff died".
    repo.ok(&["config", "diff.agreement.trustExitCode", "false"]);
    let out = repo.git(&["diff"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // A broken file is reported in the output, not as a dead driver.
    repo.write("x.yaml", "agreement: [\n");
    let out = repo.git(&["diff"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("agreement-diff: error: b/x.yaml:"));
}

/// Issue 13, item 6: versions modelled from announcements say so, in one
/// line, in every human format and in JSON.
#[test]
fn versions_from_announcements_carry_a_caveat() {
    let dir = tempfile::tempdir().unwrap();
    let body = |rate: &str, provenance: &str| {
        format!(
            "agreement: a\n{provenance}parties: {{a: {{name: A}}, b: {{name: B}}}}\nclauses:\n  - id: p\n    type: payment\n    payer: a\n    payee: b\n    rate: {rate}\n"
        )
    };
    let (old, new) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    std::fs::write(&old, body("5%", "provenance: announcements\n")).unwrap();
    std::fs::write(&new, body("6%", "provenance: announcements\n")).unwrap();
    let caveat = "Based on public announcements, not the definitive agreement.";
    for format in ["text", "summary", "markdown"] {
        let out = cmd().args(["--no-config", "--format", format]).arg(&old).arg(&new).output().unwrap();
        let out = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.matches(caveat).count(), 1, "{format}: {out}");
    }
    let out = cmd().args(["--no-config", "--format", "json"]).arg(&old).arg(&new).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["caveat"], caveat);
    // Signed text: no caveat; an unknown provenance is refused.
    std::fs::write(&new, body("6%", "provenance: signed\n")).unwrap();
    std::fs::write(&old, body("5%", "")).unwrap();
    let out = cmd().args(["--no-config", "--format", "json"]).arg(&old).arg(&new).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["caveat"].is_null());
    std::fs::write(&new, body("6%", "provenance: rumour\n")).unwrap();
    cmd().args(["check"]).arg(&new).assert().code(2);
}

/// Issue 13, items 3 and 5 and its acceptance: the summary of the shipped pair
/// reads headline → themes (the two cloud clauses under one heading, then IP
/// and money) → net effect → unchanged key terms, in plain English: no list
/// brackets, no `field:` prefixes, values as a reader writes them.
#[test]
fn summary_reads_by_theme_in_plain_english() {
    let report = diff_files(FEB, APR, &LoadOptions::default()).unwrap();
    let s = render(&report, Format::Summary, false);
    let at = |needle: &str| s.find(needle).unwrap_or_else(|| panic!("no {needle:?} in:\n{s}"));
    let order = ["Headline:", "\nCloud:\n", "\nIP:\n", "\nMoney:\n", "\nNet effect:\n", "\nUnchanged key terms:\n"];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} before {}:\n{s}", pair[0], pair[1]);
    }
    // Both cloud clauses (and the primary-cloud right) sit under "Cloud".
    let cloud = &s[at("\nCloud:\n")..at("\nIP:\n")];
    for clause in ["Azure exclusivity for the OpenAI API", "OpenAI products ship first on Azure"] {
        assert!(cloud.contains(clause), "{clause} not under Cloud:\n{cloud}");
    }
    let money = &s[at("\nMoney:\n")..];
    assert!(money.contains("Revenue share paid by OpenAI") && money.contains("Revenue share paid by Microsoft"));
    // Plain English.
    assert!(!s.contains('[') && !s.contains(']'), "list syntax in:\n{s}");
    let mut fields: Vec<&str> = agreement_diff::model::schema::COMMON_FIELDS.iter().map(|f| f.name).collect();
    for t in agreement_diff::model::schema::CLAUSE_TYPES {
        fields.extend(t.fields.iter().map(|f| f.name));
    }
    fields.extend(["version", "effective", "previous", "sources"]);
    for line in s.lines() {
        for name in &fields {
            let prefix = format!("{name}: ");
            assert!(
                !line.starts_with(&prefix)
                    && !line.contains(&format!(" {prefix}"))
                    && !line.contains(&format!("({prefix}")),
                "field prefix `{name}:` in {line}"
            );
        }
    }
    assert!(!s.contains("(none)") && !s.contains("2030-12-31") && !s.contains("250,000,000,000"), "{s}");
    assert!(s.contains("to 31 December 2030") && s.contains("until 31 December 2032"), "{s}");
    let unchanged = &s[at("\nUnchanged key terms:\n")..];
    assert!(unchanged.contains("USD 250 billion") && unchanged.contains("stake of 27%"), "{unchanged}");
    // The metadata of the new version is one line.
    let meta: Vec<&str> = s.lines().filter(|l| l.contains("2026-04-27") && l.starts_with("- ")).collect();
    assert_eq!(meta.len(), 1, "{meta:?}");
}

/// Issue 13, item 5: a moved clause reads as a move, never `(none) → (none)`;
/// rule ids close a finding in the text report rather than lead it.
#[test]
fn a_moved_clause_reads_as_a_move() {
    let (old, new) = ("tests/rules/clause-moved/old.yaml", "tests/rules/clause-moved/new.yaml");
    let report = diff_files(old, new, &LoadOptions::default()).unwrap();
    for format in [Format::Text, Format::Summary, Format::Markdown, Format::Html] {
        let out = render(&report, format, false);
        assert!(!out.contains("(none) →") && !out.contains("→ (none)") && !out.contains("— → —"), "{format:?}:\n{out}");
        assert!(out.contains("moved to a different place"), "{format:?}:\n{out}");
    }
    let text = render(&report, Format::Text, false);
    let lead = text.lines().find(|l| l.contains("moved to a different place")).unwrap();
    assert!(!lead.contains("clause-moved"), "the rule id does not lead: {lead}");
    assert!(text.lines().any(|l| l.contains("· clause-moved · change ")), "{text}");
}

/// `topic:` is validated like any other field: text only, and a misspelling
/// is an error with a suggestion.
#[test]
fn topic_is_validated_like_other_fields() {
    use agreement_diff::load_str;
    let file = |clause_extra: &str| {
        format!(
            "agreement: t\nparties:\n  a: {{name: Alpha}}\nclauses:\n  - id: c\n    type: text\n{clause_extra}    text: Hello.\n"
        )
    };
    let ok = load_str(&file("    topic: Cloud\n"), "t.yaml", &LoadOptions::default()).unwrap();
    assert_eq!(ok.clauses[0].text_of("topic"), Some("Cloud"));
    let typo = load_str(&file("    topc: Cloud\n"), "t.yaml", &LoadOptions::default()).unwrap_err();
    assert!(typo.to_string().contains("did you mean `topic`"), "{typo}");
    let list = load_str(&file("    topic: [Cloud]\n"), "t.yaml", &LoadOptions::default()).unwrap_err();
    assert!(list.to_string().contains("topic"), "{list}");
    // The JSON Schema the tool emits knows it.
    let out = cmd().arg("schema").output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("\"topic\""));
}
