//! Markdown and plain-text agreements (issue 10): what a document becomes
//! (clauses, numbers, titles, ids, parties, definitions, lines), that
//! presentation is not meaning, insertions and renumbering, definitions,
//! cross-references, `convert`, directory mode, and every consecutive pair of
//! the real corpus in `../shared/corpus` through the real binary.
//!
//! Fixture pairs live in `tests/markdown/<case>/{old,new}.md`; most are
//! `tests/markdown/base.md` with one kind of edit.

use std::path::Path;

use agreement_diff::report::Report;
use agreement_diff::{LoadOptions, Materiality, diff_files, load_file, load_str};
use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

fn pair(case: &str) -> Report {
    let dir = format!("tests/markdown/{case}");
    diff_files(&format!("{dir}/old.md"), &format!("{dir}/new.md"), &LoadOptions::default()).unwrap()
}

fn backwards(case: &str) -> Report {
    let dir = format!("tests/markdown/{case}");
    diff_files(&format!("{dir}/new.md"), &format!("{dir}/old.md"), &LoadOptions::default()).unwrap()
}

fn rules(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.rule.id()).collect()
}

fn at_most(r: &Report, level: Materiality, what: &str) {
    for f in &r.findings {
        assert!(f.materiality() <= level, "{what}: {} is {} ({})", f.rule, f.materiality(), f.message);
    }
}

/// The text of line `n` (1-based) of a file.
fn line_of(path: &str, n: u32) -> String {
    std::fs::read_to_string(path).unwrap().lines().nth(n as usize - 1).unwrap_or("").to_string()
}

// --- Presentation is not meaning ------------------------------------------

#[test]
fn list_markers_emphasis_heading_levels_and_wrapping_are_no_change() {
    for case in ["list-markers", "emphasis", "heading-levels", "hard-wrap", "br-paragraphs", "item-style"] {
        let r = pair(case);
        assert!(r.findings.is_empty(), "{case}: {:?}", rules(&r));
        assert!(backwards(case).findings.is_empty(), "{case} backwards");
    }
}

#[test]
fn curly_and_straight_quotes_are_layout() {
    let r = pair("quotes");
    assert!(!r.findings.is_empty());
    assert!(rules(&r).iter().all(|id| *id == "text-reformatted"), "{:?}", rules(&r));
    at_most(&r, Materiality::Administrative, "quotes");
    at_most(&backwards("quotes"), Materiality::Administrative, "quotes backwards");
}

#[test]
fn a_link_with_the_same_text_and_a_new_url_is_administrative() {
    let r = pair("link-url");
    assert_eq!(rules(&r), ["link-changed"]);
    at_most(&r, Materiality::Administrative, "link-url");
    assert_eq!(r.findings[0].new_line, Some(14));
}

#[test]
fn a_paragraph_split_word_for_word_is_administrative() {
    let r = diff_files("tests/rules/clause-split/old.md", "tests/rules/clause-split/new.md", &LoadOptions::default())
        .unwrap();
    assert_eq!(rules(&r), ["clause-split"]);
}

// --- Insertions and renumbering ----------------------------------------------

#[test]
fn an_inserted_item_is_one_insertion_and_renumbering() {
    let r = pair("insertion");
    let added: Vec<_> = r.findings.iter().filter(|f| f.rule.id() == "clause-added").collect();
    assert_eq!(added.len(), 1, "{:?}", rules(&r));
    assert_eq!(added[0].clause.as_deref(), Some("taxes"));
    assert!(line_of("tests/markdown/insertion/new.md", added[0].new_line.unwrap()).contains("Taxes"));
    let renumbered: Vec<_> = r.findings.iter().filter(|f| f.rule.id() == "clause-renumbered").collect();
    assert_eq!(renumbered.len(), 2, "{:?}", rules(&r));
    for f in r.findings.iter().filter(|f| f.rule.id() != "clause-added") {
        assert_eq!(f.materiality(), Materiality::Administrative, "{}: {}", f.rule, f.message);
    }
    // Read backwards: one removal, the same renumbering.
    let b = backwards("insertion");
    assert_eq!(b.findings.iter().filter(|f| f.rule.id() == "clause-removed").count(), 1);
    assert_eq!(b.findings.iter().filter(|f| f.materiality() > Materiality::Administrative).count(), 1);
}

#[test]
fn an_inserted_paragraph_changes_no_other_paragraph() {
    let r = pair("insertion-paragraph");
    assert_eq!(rules(&r), ["clause-added"]);
    let f = &r.findings[0];
    assert_eq!(
        line_of("tests/markdown/insertion-paragraph/new.md", f.new_line.unwrap()),
        "The Services run in the EU."
    );
}

// --- Definitions and cross-references -----------------------------------------

#[test]
fn a_changed_definition_is_definition_changed() {
    let r = pair("definition");
    let d: Vec<_> = r.findings.iter().filter(|f| f.rule.id() == "definition-changed").collect();
    assert_eq!(d.len(), 1, "{:?}", rules(&r));
    assert_eq!(d[0].field.as_deref(), Some("definitions.Fees"));
    assert_eq!(d[0].materiality(), Materiality::Substantive);
    assert_eq!((d[0].old_line, d[0].new_line), (Some(12), Some(12)));
}

#[test]
fn a_reference_left_pointing_at_a_renumbered_section_is_reported() {
    let r = pair("reference");
    let refs: Vec<_> = r.findings.iter().filter(|f| f.rule.id() == "reference-broken").collect();
    assert_eq!(refs.len(), 1, "{:?}", rules(&r));
    let f = refs[0];
    assert_eq!(f.clause.as_deref(), Some("disputes"));
    assert!(f.message.contains("\"Section 4\"") && f.message.contains("\"Audit\""), "{}", f.message);
    assert!(line_of("tests/markdown/reference/new.md", f.new_line.unwrap()).contains("Section 4"));
    // The reference still resolves where the inserted section came after it.
    assert!(!rules(&pair("insertion")).contains(&"reference-broken"));
}

// --- What a document becomes --------------------------------------------------

#[test]
fn a_markdown_file_becomes_text_clauses_with_lines() {
    let a = load_file("tests/markdown/base.md", &LoadOptions::default()).unwrap();
    assert_eq!(a.id, "fixture-services");
    assert_eq!(a.version.as_deref(), Some("1"));
    let acme = a.party("acme").unwrap();
    assert_eq!(acme.aliases, ["we", "us", "our"]);
    let terms: Vec<&str> = a.definitions.iter().map(|d| d.term.as_str()).collect();
    assert_eq!(terms, ["Fees", "Services"]);
    let show = |id: &str| {
        let c = a.clauses.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no clause {id}"));
        (c.text_of("number"), c.text_of("title"), c.pos.line)
    };
    assert_eq!(show("services-agreement"), (None, Some("Services Agreement"), 8));
    assert_eq!(show("definitions"), (Some("1"), Some("Definitions"), 10));
    assert_eq!(show("payment"), (Some("3"), Some("Payment"), 23));
    assert_eq!(show("invoices"), (Some("1"), Some("Invoices"), 25));
    assert_eq!(show("disputes"), (Some("3"), Some("Disputes"), 27));
    // Untitled paragraphs: their parent's id and first words; <br><br> splits.
    assert_eq!(show("termination-either-party-may").2, 31);
    assert_eq!(show("termination-termination-does-not").2, 31);
    let services = a.clauses.iter().find(|c| c.id == "services-we-provide-the").unwrap();
    assert_eq!(
        services.text_of("text"),
        Some("We provide the Services to you. Support is included for all customers.")
    );
}

#[test]
fn headings_items_html_liquid_and_tables_are_read_for_their_text() {
    let md = "---\ntitle: Terms\nredirect_from: [/old]\nlayout: legal\n---\n\
              # Terms {: #terms }\n\n\
              #### 7\\. Payment\n\n\
              (a) Fees are due in <span class=\"x\">30 days</span>.{% data reusables.note %}<!-- draft -->\n\n\
              1. **Term and Termination**. Either party may end this.\n   - (i) Nested item.\n\n\
              __30-Day Refund Policy.__ Refunds on request.\n\n\
              | Name | Role |\n|---|---|\n| Acme | Seller |\n";
    let a = load_str(md, "terms.md", &LoadOptions::default()).unwrap();
    type Row<'a> = (String, Option<&'a str>, Option<&'a str>, Option<&'a str>, u32);
    let got: Vec<Row> = a
        .clauses
        .iter()
        .map(|c| (c.id.clone(), c.text_of("number"), c.text_of("title"), c.text_of("text"), c.pos.line))
        .collect();
    assert_eq!(got[0], ("terms".into(), None, Some("Terms"), None, 6));
    assert_eq!(got[1], ("payment".into(), Some("7"), Some("Payment"), None, 8));
    assert_eq!(got[2], ("payment-fees-are-due".into(), Some("(a)"), None, Some("Fees are due in 30 days."), 10));
    assert_eq!(
        got[3],
        (
            "term-and-termination".into(),
            Some("1"),
            Some("Term and Termination"),
            Some("Either party may end this."),
            12
        )
    );
    assert_eq!(got[4], ("term-and-termination-nested-item".into(), Some("(i)"), None, Some("Nested item."), 13));
    assert_eq!(got[5].2, Some("30-Day Refund Policy"));
    assert_eq!(got[6].3, Some("Name | Role"));
    assert_eq!((got[7].3, got[7].4), (Some("Acme | Seller"), 19));
    assert_eq!(a.meta("title").map(|f| &f.value), Some(&agreement_diff::model::Value::text("Terms")));
}

#[test]
fn parties_are_found_in_the_prose() {
    let md = "# Terms\n\n“GitHub,” “We,” and “Us” refer to GitHub, Inc. This agreement is with Acme Corp. (“Customer”).\n\n\
              You agree to these terms. Your use is yours.\n";
    let a = load_str(md, "t.md", &LoadOptions::default()).unwrap();
    let github = a.party("github").unwrap();
    assert_eq!((github.name.as_str(), github.short.as_deref()), ("GitHub, Inc.", Some("GitHub")));
    assert_eq!(github.aliases, ["we", "us"]);
    let customer = a.party("customer").unwrap();
    assert_eq!(customer.name, "Acme Corp.");
    let user = a.party("user").unwrap();
    assert_eq!(user.aliases, ["you", "your"]);
    // An organisation named in the text is "we" when the text says "we".
    let a =
        load_str("# T\n\nWe run this for Mozilla Corporation.\n\nWe may update it.\n", "t.md", &LoadOptions::default())
            .unwrap();
    let m = a.party("mozilla").unwrap();
    assert_eq!((m.name.as_str(), m.aliases.len()), ("Mozilla Corporation", 3));
}

#[test]
fn bad_front_matter_is_an_error_with_its_line() {
    let e = load_str("---\nagreement: Not An Id\n---\n# T\n", "x.md", &LoadOptions::default()).unwrap_err();
    assert_eq!(e.pos.map(|p| p.line), Some(2), "{e}");
}

#[test]
fn plain_text_agreements_work_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let old = "SERVICES AGREEMENT\n\n1. Definitions\n\"Fees\" means the amounts due.\n\n2. Payment\nInvoices are due in 30 days.\n\n3. Termination\nEither party may terminate, subject to Section 2.\n";
    let new = old
        .replace("2. Payment", "2. Taxes\nFees exclude taxes.\n\n3. Payment")
        .replace("3. Termination", "4. Termination");
    let (po, pn) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
    std::fs::write(&po, old).unwrap();
    std::fs::write(&pn, &new).unwrap();
    let r = diff_files(po.to_str().unwrap(), pn.to_str().unwrap(), &LoadOptions::default()).unwrap();
    let added: Vec<_> = r.findings.iter().filter(|f| f.rule.id() == "clause-added").collect();
    assert_eq!(added.len(), 2, "{:?}", rules(&r)); // the heading "Taxes" and its text
    assert_eq!(added[0].new_line, Some(6));
    assert!(rules(&r).contains(&"reference-broken"), "{:?}", rules(&r));
    assert!(rules(&r).contains(&"clause-renumbered"));
}

// --- convert -----------------------------------------------------------------

#[test]
fn convert_prints_yaml_that_compares_equal_to_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let mut sources = vec!["tests/markdown/base.md".to_string(), "tests/rules/reference-broken/new.md".to_string()];
    let corpus = Path::new("../shared/corpus/mozilla-subscription-services-tos/2024-01-24-e9433143.md");
    if corpus.is_file() {
        sources.push(corpus.to_string_lossy().into_owned());
    }
    for (i, src) in sources.iter().enumerate() {
        let out = cargo_bin_cmd!("agreement-diff").args(["convert", src]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let yaml = dir.path().join(format!("converted-{i}.yaml"));
        std::fs::write(&yaml, &out.stdout).unwrap();
        let check = cargo_bin_cmd!("agreement-diff").args(["check", yaml.to_str().unwrap()]).output().unwrap();
        assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stderr));
        let r = diff_files(src, yaml.to_str().unwrap(), &LoadOptions::default()).unwrap();
        assert!(r.findings.is_empty(), "{src}: {:?}", r.findings.iter().map(|f| &f.message).collect::<Vec<_>>());
    }
}

// --- Directory mode and REV:PATH ---------------------------------------------

#[test]
fn directory_mode_pairs_markdown_files() {
    let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    std::fs::copy("tests/markdown/definition/old.md", old.path().join("services.md")).unwrap();
    std::fs::copy("tests/markdown/definition/new.md", new.path().join("services.md")).unwrap();
    let out = cargo_bin_cmd!("agreement-diff")
        .args(["--format", "json", old.path().to_str().unwrap(), new.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("definition-changed"), "{text}");
}

#[test]
fn rev_path_uses_the_extension_of_the_path() {
    use agreement_diff::load::InputFormat;
    assert_eq!(InputFormat::of("HEAD~1:agreements/terms.md"), InputFormat::Markdown);
    assert_eq!(InputFormat::of("main:terms.markdown"), InputFormat::Markdown);
    assert_eq!(InputFormat::of("a/b.TXT"), InputFormat::Text);
    assert_eq!(InputFormat::of("a.md/b.yaml"), InputFormat::Yaml);
}

// --- The real corpus -----------------------------------------------------------

const CORPUS: &str = "../shared/corpus";

/// The versions of one agreement in history order (the `#` column of
/// VERSIONS.md), each with whether its row says "Formatting only".
fn versions(folder: &Path) -> Vec<(u32, String, bool)> {
    let text = std::fs::read_to_string(folder.join("VERSIONS.md")).unwrap();
    let mut rows: Vec<(u32, String, bool)> = text
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let n: u32 = cells.get(1)?.parse().ok()?;
            let file = cells.get(2)?;
            file.ends_with(".md").then(|| (n, file.to_string(), l.contains("Formatting only")))
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn every_consecutive_corpus_pair_runs_and_names_lines_in_its_files() {
    let root = Path::new(CORPUS);
    if !root.is_dir() {
        println!("skipped: no corpus at {CORPUS} (the shared folder beside the repository)");
        return;
    }
    let mut folders: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("VERSIONS.md").is_file())
        .collect();
    folders.sort();
    let (mut pairs, mut formatting_only) = (0, 0);
    for folder in &folders {
        let rows = versions(folder);
        assert!(rows.len() >= 2, "{}: fewer than two versions", folder.display());
        for w in rows.windows(2) {
            let (old, new) = (folder.join(&w[0].1), folder.join(&w[1].1));
            let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
            let out = cargo_bin_cmd!("agreement-diff").args(["--format", "json", old, new]).output().unwrap();
            let code = out.status.code();
            assert!(
                matches!(code, Some(0 | 1)),
                "{old} → {new}: exit {code:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            let count = |p: &str| std::fs::read_to_string(p).unwrap().lines().count() as u64;
            let (old_lines, new_lines) = (count(old), count(new));
            let findings = v["findings"].as_array().unwrap();
            assert_eq!(code == Some(1), !findings.is_empty(), "{old} → {new}");
            for f in findings {
                let ol = f["old_line"].as_u64();
                let nl = f["new_line"].as_u64();
                assert!(ol.is_some() || nl.is_some(), "{old} → {new}: a finding without a line: {f}");
                assert!(ol.is_none_or(|l| (1..=old_lines).contains(&l)), "{old}: line {ol:?} of {old_lines}: {f}");
                assert!(nl.is_none_or(|l| (1..=new_lines).contains(&l)), "{new}: line {nl:?} of {new_lines}: {f}");
            }
            if w[1].2 {
                formatting_only += 1;
                for f in findings {
                    let m = f["materiality"].as_str().unwrap();
                    assert!(
                        m == "clarification" || m == "administrative",
                        "formatting-only {old} → {new} reports {m}: {}",
                        f["message"]
                    );
                }
            }
            pairs += 1;
        }
    }
    assert!(pairs >= 40, "only {pairs} pairs");
    assert!(formatting_only >= 3, "only {formatting_only} formatting-only revisions");
    println!("{pairs} corpus pairs compared, {formatting_only} formatting-only");
}

#[test]
fn repeated_titles_and_paragraphs_keep_ids_short_and_unique() {
    let mut md = String::from("# T\n\n## Section\n\n");
    for i in 0..3000 {
        md.push_str(&format!("{i}. **Title {}**. Same words here.\n", i % 7));
    }
    let a = load_str(&md, "big.md", &LoadOptions::default()).unwrap();
    assert_eq!(a.clauses.len(), 3002);
    let mut ids = std::collections::HashSet::new();
    for c in &a.clauses {
        assert!(c.id.len() <= 200, "{}", c.id);
        assert!(ids.insert(c.id.as_str()), "duplicate id {}", c.id);
    }
}

#[test]
fn git_driver_and_rev_path_read_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["config", "user.email", "test@example.invalid"]);
    git(&["config", "user.name", "Test"]);
    std::fs::create_dir(dir.path().join("agreements")).unwrap();
    std::fs::write(dir.path().join(".gitattributes"), "agreements/**/*.md diff=agreement\n").unwrap();
    std::fs::write(dir.path().join("README.md"), "# Readme\n").unwrap();
    let tos = dir.path().join("agreements/tos.md");
    std::fs::copy("tests/markdown/definition/old.md", &tos).unwrap();
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "v1"]);
    std::fs::copy("tests/markdown/definition/new.md", &tos).unwrap();
    std::fs::write(dir.path().join("README.md"), "# Readme, edited\n").unwrap();
    let bin = assert_cmd::cargo::cargo_bin!("agreement-diff").display().to_string();
    git(&["config", "diff.agreement.command", &bin]);
    let out = git(&["diff"]);
    assert!(out.contains("agreement-diff a/agreements/tos.md b/agreements/tos.md"), "{out}");
    assert!(out.contains("definition-changed"), "{out}");
    assert!(out.contains("b/agreements/tos.md:12"), "{out}");
    // The README is outside the attribute's scope: an ordinary diff.
    assert!(out.contains("+# Readme, edited"), "{out}");
    // REV:PATH reads the Markdown at a revision.
    let out = cargo_bin_cmd!("agreement-diff")
        .args(["HEAD:agreements/tos.md", "agreements/tos.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("definition-changed"));
}

/// Issue 13, item 3: without `topic:`, the human reports group a Markdown
/// agreement's changes by the section each clause sits under.
#[test]
fn changes_are_grouped_by_their_section() {
    let r = pair("sections");
    let s = agreement_diff::render::render(&r, agreement_diff::render::Format::Summary, false);
    let (services, payment) = (s.find("\nServices:\n").unwrap(), s.find("\nPayment:\n").unwrap());
    let availability = s.find("99.5%").unwrap();
    let (late, disputes) = (s.find("Late payment:").unwrap(), s.find("Disputes:").unwrap());
    assert!(services < availability && availability < payment, "{s}");
    assert!(payment < late && payment < disputes, "{s}");
    assert_eq!(s.matches("\nPayment:\n").count(), 1, "both payment items under one heading:\n{s}");
}

/// An offering added to or removed from the section that lists what the
/// agreement provides widens or narrows the scope of the service (commercial),
/// for the party the text says it serves; a duty is not an offering, and an
/// entry listed twice is no new offering.
#[test]
fn an_offering_added_to_the_services_list_is_commercial_for_whom_it_serves() {
    let base = "# Terms\n\nThese terms are between Acme Corporation and you. We provide the services below. \
                You agree to these terms.\n\n## Services\n\n(a) Acme Ledger lets you keep accounts online.\n\n";
    let load = |t: &str| load_str(t, "t.md", &LoadOptions::default()).unwrap();
    let old = load(base);
    let added = |extra: &str| {
        let new = load(&format!("{base}(b) {extra}\n"));
        agreement_diff::diff(&old, &new)
            .findings
            .into_iter()
            .find(|f| f.rule.id() == "clause-added")
            .unwrap_or_else(|| panic!("no clause-added for {extra}"))
    };
    let f = added("Acme Vault allows you to store files for thirty days.");
    assert_eq!((f.materiality(), f.favours.as_slice()), (Materiality::Commercial, ["user".to_string()].as_slice()));
    // A condition of using it ("To use it, you must …") is no duty: still an offering.
    let f = added("Acme Vault allows you to store files. To use it, you must sign in first.");
    assert_eq!((f.materiality(), f.favours.as_slice()), (Materiality::Commercial, ["user".to_string()].as_slice()));
    // Removed, it favours the provider.
    let new = load(&format!("{base}(b) Acme Vault allows you to store files.\n"));
    let f = agreement_diff::diff(&new, &old).findings.into_iter().find(|f| f.rule.id() == "clause-removed").unwrap();
    assert_eq!((f.materiality(), f.favours.as_slice()), (Materiality::Commercial, ["acme".to_string()].as_slice()));
    // An offering that names no one it serves, in terms a provider ("we") offers its
    // users ("you"), is offered to "you".
    let f = added("Acme Relay is a mail forwarding service.");
    assert_eq!((f.materiality(), f.favours.as_slice()), (Materiality::Commercial, ["user".to_string()].as_slice()));
    // A duty under the same heading is read as a duty, not as an offering.
    let f = added("You must keep your password secret.");
    assert!(f.materiality() < Materiality::Commercial, "{}", f.message);
    // The same offering listed a second time widens nothing.
    let f = added("Acme Ledger lets you keep accounts online.");
    assert!(f.materiality() < Materiality::Commercial, "{}", f.message);
}

/// A whole clause that came or went favours the party its duties, licences
/// and payments all point to; permissions alone, or duties that disagree,
/// name no party.
#[test]
fn a_whole_clause_added_or_removed_favours_whom_its_duties_point_to() {
    let base = "# Terms\n\nThese terms are between Acme Corporation and you. We provide the app. \
                You agree to these terms.\n\n## Account\n\nYou may open one account.\n\n";
    let load = |t: &str| load_str(t, "t.md", &LoadOptions::default()).unwrap();
    let old = load(base);
    let added = |extra: &str| {
        let new = load(&format!("{base}{extra}\n"));
        agreement_diff::diff(&old, &new)
            .findings
            .into_iter()
            .find(|f| f.rule.id() == "clause-added")
            .unwrap_or_else(|| panic!("no clause-added for {extra}"))
    };
    // A duty on the user added favours the provider; removed, the user.
    let duty = "You must renew your password every ninety days.";
    assert_eq!(added(duty).favours, ["acme".to_string()]);
    let with = load(&format!("{base}{duty}\n"));
    let f = agreement_diff::diff(&with, &old).findings.into_iter().find(|f| f.rule.id() == "clause-removed").unwrap();
    assert_eq!(f.favours, ["user".to_string()]);
    // Permissions alone, and duties that point both ways, name no party.
    assert!(added("You can change your display name.").favours.is_empty());
    let f = added("You must keep your password secret. We must encrypt your password.");
    assert!(f.favours.is_empty() && f.disfavours.is_empty(), "{:?}", f.favours);
}

/// Changes whose winner depends on something the wording does not show cut
/// both ways: another document the agreement now refers to, a general term
/// that applies to each party alike, or a definition used where each party is
/// bound. A document renamed under the same link is not another document.
#[test]
fn what_depends_on_other_documents_or_binds_each_party_alike_cuts_both_ways() {
    let head = "---\nagreement: t\nparties:\n  acme: {name: Acme Corp., short: Acme, aliases: [we, us, our]}\n  \
                customer: {name: Customer Inc., short: Customer, aliases: [you, your]}\n---\n# Terms\n\n";
    let load = |body: &str| load_str(&format!("{head}{body}"), "t.md", &LoadOptions::default()).unwrap();
    let findings = |old: &str, new: &str| agreement_diff::diff(&load(old), &load(new)).findings;
    let both = ["acme".to_string(), "customer".to_string()];
    let mixed_of = |old: &str, new: &str, rule: &str| {
        let fs = findings(old, new);
        let f = fs.iter().find(|f| f.rule.id() == rule).unwrap_or_else(|| panic!("no {rule}: {fs:?}"));
        (f.mixed.clone(), f.favours.clone(), f.message.clone())
    };

    // Another privacy document: review it, and it cuts both ways.
    let (mixed, favours, message) = mixed_of(
        "## Privacy\n\nWe use your data as described in the [Acme Privacy Policy](https://acme.example/privacy).\n",
        "## Privacy\n\nWe use your data as described in the [Acme Cloud Privacy Notice](https://acme.example/cloud).\n",
        "text-changed",
    );
    assert_eq!((mixed, favours.len()), (both.to_vec(), 0), "{message}");
    assert!(message.contains("\"Acme Cloud Privacy Notice\""), "{message}");
    // The same link under a new name is the same document: a clarification
    // that says so, favouring no one, and no second finding for the link.
    let fs = findings(
        "## Use\n\nYou must follow the [Conditions of Use](https://acme.example/aup).\n",
        "## Use\n\nYou must follow the [Acceptable Use Policy](https://acme.example/aup/).\n",
    );
    let ids: Vec<&str> = fs.iter().map(|f| f.rule.id()).collect();
    assert_eq!(ids, ["reference-renamed"], "{fs:?}");
    let f = &fs[0];
    assert_eq!(f.materiality(), Materiality::Clarification);
    assert!(f.favours.is_empty() && f.mixed.is_empty(), "{f:?}");
    assert!(f.message.contains("\"Conditions of Use\" is now called \"Acceptable Use Policy\""), "{}", f.message);
    // Another word changed beside the new name: for review, with no claim about the documents.
    let (mixed, _, message) = mixed_of(
        "## Use\n\nYou must follow the [Conditions of Use](https://acme.example/aup).\n",
        "## Use\n\nYou should follow the [Acceptable Use Policy](https://acme.example/aup).\n",
        "text-changed",
    );
    assert!(mixed.is_empty(), "{message}");
    // A new name that is no document's name (a duty in the link text) is read as wording.
    let fs = findings(
        "## Use\n\nYou agree to [follow the rules](https://acme.example/aup).\n",
        "## Use\n\nYou agree to [not follow the rules](https://acme.example/aup).\n",
    );
    assert!(fs.iter().all(|f| f.rule.id() != "reference-renamed"), "{fs:?}");
    // A link whose words are not a document's name, or name another party, is
    // wording: the governing law, the payee, whose terms.
    for (was, now) in [
        ("This Agreement is governed by the [Laws of England]", "This Agreement is governed by the [Laws of Delaware]"),
        ("You must pay the fees to [Acme]", "You must pay the fees to [Gamma Holdings]"),
        ("You must follow the [Acme Terms]", "You must follow the [Customer Terms]"),
    ] {
        let fs = findings(
            &format!("## Use\n\n{was}(https://acme.example/x).\n"),
            &format!("## Use\n\n{now}(https://acme.example/x).\n"),
        );
        assert!(
            fs.iter().all(|f| f.rule.id() != "reference-renamed")
                && fs.iter().any(|f| f.materiality() >= Materiality::Substantive),
            "{was} → {now}: {fs:?}"
        );
    }
    // The same name under a new address is a new link target, not a rename.
    let fs = findings(
        "## Use\n\nYou must follow the [Conditions of Use](https://acme.example/aup).\n",
        "## Use\n\nYou must follow the [Acceptable Use Policy](https://acme.example/other).\n",
    );
    assert!(fs.iter().all(|f| f.rule.id() != "reference-renamed"), "{fs:?}");

    // A list entry that is only a link to another document.
    let list = "## Privacy notices\n\n* [Acme Mail](https://acme.example/privacy/mail)\n";
    let (mixed, ..) =
        mixed_of(list, &format!("{list}* [Acme Drive](https://acme.example/privacy/drive)\n"), "clause-added");
    assert_eq!(mixed, both.to_vec());

    // An entire-agreement term removed applies to each party alike.
    let (mixed, _, message) = mixed_of(
        "## Miscellaneous\n\nThese Terms constitute the entire agreement between you and us and are governed by the laws of Ohio.\n",
        "## Miscellaneous\n\nThese Terms are governed by the laws of Ohio.\n",
        "text-changed",
    );
    assert_eq!(mixed, both.to_vec(), "{message}");

    // A definition used where each party is bound; and one used only where one party is.
    let terms = |def: &str, use_: &str| format!("## Definitions\n\n\"Platform\" means {def}.\n\n## Use\n\n{use_}\n");
    let each = "We must keep the Platform running. You must not misuse the Platform.";
    let (mixed, ..) = mixed_of(&terms("our website", each), &terms("our website and apps", each), "definition-changed");
    assert_eq!(mixed, both.to_vec());
    let one = "You must not misuse the Platform.";
    let (mixed, ..) = mixed_of(&terms("our website", one), &terms("our website and apps", one), "definition-changed");
    assert!(mixed.is_empty());
}

/// A paragraph that is only a date right under the title is the document's
/// date: a new date there is administrative, and no clause. The same date
/// anywhere else (a payment schedule) is wording, put to review.
#[test]
fn a_dateline_under_the_title_is_the_documents_date_and_nowhere_else() {
    let doc = |date: &str, due: &str| {
        format!("# Acme Terms\n\n{date}\n\n## Fees\n\nBeta pays Acme on these dates:\n\n- {due}\n")
    };
    let load = |t: &str| load_str(t, "t.md", &LoadOptions::default()).unwrap();
    let diff = |a: &str, b: &str| agreement_diff::diff(&load(a), &load(b)).findings;
    let fs = diff(&doc("October 15, 2014", "March 1, 2027"), &doc("February 11, 2016", "March 1, 2027"));
    let ids: Vec<&str> = fs.iter().map(|f| f.rule.id()).collect();
    assert_eq!(ids, ["metadata-changed"], "{fs:?}");
    assert_eq!(fs[0].materiality(), Materiality::Administrative);
    assert_eq!(fs[0].old_line, Some(3), "{fs:?}");
    assert!(load(&doc("October 15, 2014", "x")).clauses.iter().all(|c| c.text_of("text") != Some("October 15, 2014")));
    // A payment date moved in the schedule is for a reader.
    let fs = diff(&doc("October 15, 2014", "March 1, 2027"), &doc("October 15, 2014", "June 1, 2027"));
    assert!(fs.iter().any(|f| f.materiality() >= Materiality::Substantive), "{fs:?}");
    // A wording that counts from the document's date makes a new date a change for review.
    let counted = |date: &str| {
        format!(
            "# Acme Terms\n\n{date}\n\n## Term\n\nThe Term begins on the date of this Agreement and lasts 12 months.\n"
        )
    };
    let fs = diff(&counted("January 1, 2024"), &counted("January 1, 2026"));
    assert!(
        fs.iter().any(|f| f.rule.id() == "metadata-changed" && f.materiality() == Materiality::Substantive),
        "{fs:?}"
    );
    // Words beside the date make it wording, not a dateline.
    let fs =
        diff(&doc("Effective October 15, 2014", "March 1, 2027"), &doc("Effective February 11, 2016", "March 1, 2027"));
    assert!(fs.iter().any(|f| f.materiality() >= Materiality::Substantive), "{fs:?}");
}

/// A sentence in a paragraph wrapped over lines is reported at the line it
/// starts on, also after a bold lead-in title.
#[test]
fn a_sentence_in_a_wrapped_paragraph_is_at_its_own_line() {
    let doc = |may: &str, must: &str| {
        format!(
            "# Terms\n\nAcme Corp. (\"Acme\") supplies Beta LLC (\"Beta\").\n\n## Use\n\nBeta shall pay Acme the fees\n\
             when due. Acme shall deliver\nthe goods. Beta {may}\nassign this Agreement.\n\n## Fees\n\n\
             **Late fees.** Beta shall pay\ninterest. Beta {must} resell the goods.\n"
        )
    };
    let load = |t: &str| load_str(t, "t.md", &LoadOptions::default()).unwrap();
    let fs = agreement_diff::diff(&load(&doc("may not", "must not")), &load(&doc("may", "may"))).findings;
    let lines: Vec<(Option<u32>, Option<u32>)> = fs.iter().map(|f| (f.old_line, f.new_line)).collect();
    assert_eq!(lines, [(Some(9), Some(9)), (Some(15), Some(15))], "{fs:?}");
}
