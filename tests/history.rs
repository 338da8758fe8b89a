//! Issue 12, "The shipped history": what the real binary reports for each pair
//! of consecutive versions of the Microsoft–OpenAI partnership, read against
//! the official wording (../shared/reference/microsoft-openai-timeline.md).
//! Each test names the finding it expects by rule and clause, and checks its
//! materiality and whom it favours.

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::{Value, json};

const DIR: &str = "agreements/microsoft-openai";

/// The JSON report of one version against the next, with its exit status.
fn pair(old: &str, new: &str) -> (i32, Value) {
    let out = cargo_bin_cmd!("agreement-diff")
        .args(["--no-config", "--format", "json", &format!("{DIR}/{old}.yaml"), &format!("{DIR}/{new}.yaml")])
        .output()
        .unwrap();
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap())
}

fn findings(v: &Value) -> &Vec<Value> {
    v["findings"].as_array().unwrap()
}

fn find<'a>(v: &'a Value, rule: &str, clause: &str) -> Vec<&'a Value> {
    findings(v).iter().filter(|f| f["rule"] == rule && f["clause"] == clause).collect()
}

/// The one finding of `rule` on `clause`, checked for materiality and for
/// the parties it favours and disfavours.
fn only<'a>(
    v: &'a Value,
    rule: &str,
    clause: &str,
    materiality: &str,
    favours: &[&str],
    disfavours: &[&str],
) -> &'a Value {
    let found = find(v, rule, clause);
    assert_eq!(found.len(), 1, "one {rule} on {clause}: {:#}", v["findings"]);
    let f = found[0];
    assert_eq!(f["materiality"], materiality, "{rule} on {clause}: {f}");
    assert_eq!(f["favours"], json!(favours), "{rule} on {clause}: {f}");
    assert_eq!(f["disfavours"], json!(disfavours), "{rule} on {clause}: {f}");
    f
}

/// The rules reported on one clause, in report order.
fn rules_on<'a>(v: &'a Value, clause: &str) -> Vec<&'a str> {
    findings(v).iter().filter(|f| f["clause"] == clause).map(|f| f["rule"].as_str().unwrap()).collect()
}

fn is_undisclosed(value: &Value) -> bool {
    value["type"] == "undisclosed"
}

/// No comparison with an undisclosed value names a winner: a value that became
/// disclosed (or was undisclosed on both sides) is neither a rise nor a fall.
/// A cap that appears as `undisclosed` is still a cap, and may.
fn no_winner_on_undisclosed_values(v: &Value) {
    for f in findings(v) {
        let compared = !f["old"].is_null() && !f["new"].is_null();
        if f["rule"] == "disclosure-changed" || (compared && (is_undisclosed(&f["old"]) || is_undisclosed(&f["new"]))) {
            assert_eq!(f["favours"], json!([]), "{f}");
            assert_eq!(f["disfavours"], json!([]), "{f}");
        }
    }
}

/// 2019 → 2023: the 2019 statement that OpenAI "intend[s] to license" was no
/// grant; the structure page of 2023 states IP licences with Microsoft for
/// pre-AGI technology, whose exclusivity and end were not announced.
#[test]
fn from_2019_to_2023_the_intention_becomes_a_licence_of_undisclosed_exclusivity() {
    let (code, v) = pair("2019-07-22", "2023-01-23");
    assert_eq!(code, 1);

    let licence = only(&v, "license-granted", "ip-license", "commercial", &["microsoft"], &["openai"]);
    let fields = &licence["new"]["fields"];
    assert!(is_undisclosed(&fields["exclusive"]), "{licence}");
    assert!(is_undisclosed(&fields["until"]), "{licence}");
    assert_eq!(fields["exclusions"]["items"][0], "AGI (the licences apply only to pre-AGI technology)");
    // The intention was prose, not a grant: its going favours no one.
    only(&v, "clause-removed", "licensing-intention", "substantive", &[], &[]);

    // The exclusivity, unrestricted in both ("all OpenAI workloads"), only reworded; its
    // undisclosed end stays undisclosed.
    assert_eq!(rules_on(&v, "azure-exclusivity"), ["text-changed"]);
    // A new commitment of an undisclosed amount: the clause is new, its amount compared with nothing.
    only(&v, "commitment-added", "microsoft-investment-2023", "commercial", &["openai"], &["microsoft"]);
    assert!(rules_on(&v, "microsoft-equity").is_empty(), "the stake is undisclosed in both");

    no_winner_on_undisclosed_values(&v);
    for f in findings(&v) {
        let rule = f["rule"].as_str().unwrap();
        assert!(!rule.starts_with("exclusivity-") && !rule.starts_with("amount-"), "{f}");
    }
}

/// 2023-01-23 → 2025-01-21: API exclusivity only, where Azure powered all
/// workloads; a right of first refusal on new capacity; revenue shares and the
/// contract's end "through 2030" disclosed, not created.
#[test]
fn from_2023_to_january_2025_exclusivity_narrows_and_revenue_shares_are_first_disclosed() {
    let (code, v) = pair("2023-01-23", "2025-01-21");
    assert_eq!(code, 1);

    let narrowed = only(&v, "scope-narrowed", "azure-exclusivity", "commercial", &["openai"], &["microsoft"]);
    assert_eq!(narrowed["new"]["items"], json!(["OpenAI API"]), "{narrowed}");
    only(&v, "exception-added", "azure-exclusivity", "commercial", &["openai"], &["microsoft"]);
    assert!(find(&v, "scope-widened", "azure-exclusivity").is_empty());

    let rofr = only(&v, "right-granted", "azure-rofr", "commercial", &["microsoft"], &["openai"]);
    assert_eq!(rofr["new"]["fields"]["right"]["value"], "first-refusal");

    for clause in ["revenue-share-openai-to-microsoft", "revenue-share-microsoft-to-openai"] {
        let f = only(&v, "first-disclosed", clause, "substantive", &[], &[]);
        assert_eq!(f["direction"], "none");
        assert!(!f["message"].as_str().unwrap().contains("New payment"), "{f}");
        assert_eq!(rules_on(&v, clause), ["first-disclosed"], "no field of it compared with 2023");
    }
    for f in findings(&v) {
        assert_ne!(f["rule"], "payment-added", "{f}");
    }

    // "For the duration of our contract through 2030": an end disclosed, not a new end.
    for clause in ["azure-exclusivity", "ip-license"] {
        let end: Vec<&Value> =
            find(&v, "disclosure-changed", clause).into_iter().filter(|f| f["field"] == "until").collect();
        assert_eq!(end.len(), 1, "{clause}: {:#}", v["findings"]);
        assert_eq!(end[0]["favours"], json!([]));
        assert_eq!(end[0]["new"]["date"], "2030-12-31", "{}", end[0]);
        assert!(rules_on(&v, clause).iter().all(|r| !r.starts_with("term-")), "{clause}: {:?}", rules_on(&v, clause));
    }
    // The licence's exclusivity is still not stated in January 2025.
    assert!(rules_on(&v, "ip-license").iter().all(|r| !r.starts_with("exclusivity-")));
    no_winner_on_undisclosed_values(&v);
}

/// 2025-01-21 → 2025-10-28: no more right of first refusal; non-API products
/// on any cloud; Microsoft's IP rights through 2032, exclusive until AGI, and
/// now including post-AGI models.
#[test]
fn from_january_to_october_2025_rofr_goes_carve_outs_come_and_the_licence_covers_post_agi_models() {
    let (code, v) = pair("2025-01-21", "2025-10-28");
    assert_eq!(code, 1);

    only(&v, "right-revoked", "azure-rofr", "commercial", &["openai"], &["microsoft"]);

    let carve_outs = find(&v, "exception-added", "azure-exclusivity");
    let non_api: Vec<&&Value> = carve_outs
        .iter()
        .filter(|f| f["new"]["value"].as_str().is_some_and(|s| s.starts_with("non-API products")))
        .collect();
    assert_eq!(non_api.len(), 1, "{:#}", v["findings"]);
    assert_eq!(non_api[0]["materiality"], "commercial");
    assert_eq!(non_api[0]["favours"], json!(["openai"]));
    let end = only(&v, "term-condition-changed", "azure-exclusivity", "commercial", &[], &[]);
    assert_eq!(end["direction"], "cuts-both-ways");
    assert_eq!(end["new"]["event"], "the expert panel verifies AGI");

    // "Now includes models post-AGI": the AGI exclusion is gone, which favours the licensee.
    let post_agi = only(&v, "exception-removed", "ip-license", "commercial", &["microsoft"], &["openai"]);
    assert!(post_agi["old"]["value"].as_str().unwrap().starts_with("AGI"), "{post_agi}");
    let extended = only(&v, "term-extended", "ip-license", "commercial", &["microsoft"], &["openai"]);
    assert_eq!((&extended["old"]["date"], &extended["new"]["date"]), (&json!("2030-12-31"), &json!("2032-12-31")));
    // Exclusive "until AGI" is stated for the first time: a disclosure, naming no winner.
    let disclosed: Vec<&str> =
        find(&v, "disclosure-changed", "ip-license").iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(disclosed, ["exclusive", "exclusive-until"]);
    assert!(rules_on(&v, "ip-license").iter().all(|r| !r.starts_with("exclusivity-")));
    only(&v, "exception-added", "ip-license", "commercial", &["openai"], &["microsoft"]);

    for clause in ["revenue-share-openai-to-microsoft", "revenue-share-microsoft-to-openai"] {
        let end = only(&v, "term-condition-changed", clause, "commercial", &[], &[]);
        assert_eq!(end["direction"], "cuts-both-ways");
    }
    no_winner_on_undisclosed_values(&v);
}

/// 2025-10-28 → 2026-02-27: "Nothing about today's announcements in any way
/// changes the terms": three commercial clauses are reworded in ways no rule
/// explains, which a reader is asked to review (never graded harmless).
#[test]
fn from_october_2025_to_february_2026_rewordings_go_to_review() {
    let (code, v) = pair("2025-10-28", "2026-02-27");
    assert_eq!(code, 1, "the wording and the metadata did change");
    // The rewordings touch exclusivity and payment sentences: commercial, for review.
    assert_eq!(v["summary"]["commercial"], 3);
    assert_eq!(v["summary"]["substantive"], 0);
    for f in findings(&v) {
        assert_eq!(f["favours"], json!([]), "{f}");
        if f["materiality"] == "commercial" {
            assert_eq!(f["rule"], "text-changed", "{f}");
            assert_eq!(f["source"], "text", "{f}");
            assert!(f["message"].as_str().unwrap().contains("review it"), "{f}");
        } else {
            assert!(f["materiality"] == "clarification" || f["materiality"] == "administrative", "{f}");
        }
    }
    assert_eq!(find(&v, "text-changed", "azure-exclusivity").len(), 1);
}

/// 2026-02-27 → 2026-04-27: what a reviewer reads out of the amendment
/// (the reference timeline's list), and no message claiming more.
#[test]
fn from_february_to_april_2026_the_amendment_as_a_reviewer_reads_it() {
    let (code, v) = pair("2026-02-27", "2026-04-27");
    assert_eq!(code, 1);

    // 1. Cloud exclusivity dropped; its scope, carve-outs and end go with it.
    let cloud = only(&v, "exclusivity-dropped", "azure-exclusivity", "commercial", &["openai"], &["microsoft"]);
    assert_eq!(cloud["new"]["value"], "non-exclusive");
    // The rewording that says so is the finding's redline, not a finding of its own.
    assert_eq!(rules_on(&v, "azure-exclusivity"), ["exclusivity-dropped"]);
    assert!(cloud["evidence"]["new"].as_str().unwrap().contains("any cloud provider"), "{cloud}");
    assert_eq!(cloud["source"], "field");
    // 2. Products ship first on Azure, unless...; and Microsoft remains the primary cloud partner.
    let ship = only(&v, "right-granted", "azure-ship-first", "commercial", &["microsoft"], &["openai"]);
    assert_eq!(
        ship["new"]["fields"]["unless"]["items"],
        json!(["Microsoft cannot and chooses not to support the necessary capabilities"])
    );
    let primary = only(&v, "right-granted", "azure-primary-cloud", "commercial", &["microsoft"], &["openai"]);
    assert_eq!(primary["new"]["fields"]["right"]["value"], "primary-provider");
    assert_eq!(primary["new"]["fields"]["subject"]["value"], "cloud");
    // 3. The licence is non-exclusive; it still runs through 2032.
    let licence = only(&v, "exclusivity-dropped", "ip-license", "commercial", &["openai"], &["microsoft"]);
    assert!(licence["message"].as_str().unwrap().contains("was exclusive until the expert panel verifies AGI"));
    assert_eq!(rules_on(&v, "ip-license"), ["exclusivity-dropped"]);
    assert!(v["unchanged"].to_string().contains("It still runs until 31 December 2032"));
    // 4. Microsoft no longer pays a revenue share.
    only(&v, "payment-removed", "revenue-share-microsoft-to-openai", "commercial", &["microsoft"], &["openai"]);
    // 5. OpenAI's revenue share: a total cap, a fixed end in 2030 (cuts both ways), the same percentage.
    let cap = only(&v, "cap-added", "revenue-share-openai-to-microsoft", "commercial", &["openai"], &["microsoft"]);
    assert!(is_undisclosed(&cap["new"]));
    let end = only(&v, "term-condition-changed", "revenue-share-openai-to-microsoft", "commercial", &[], &[]);
    assert_eq!(end["direction"], "cuts-both-ways");
    assert_eq!(end["cuts_both_ways_for"], json!(["microsoft", "openai"]));
    assert_eq!(
        (&end["old"]["event"], &end["new"]["date"]),
        (&json!("the expert panel verifies AGI"), &json!("2030-12-31"))
    );
    assert!(end["message"].as_str().unwrap().contains("cuts both ways"));
    assert!(findings(&v).iter().all(|f| !f["rule"].as_str().unwrap().starts_with("rate-")));
    // 6. The equity is not restated: no finding.
    assert!(rules_on(&v, "microsoft-equity").is_empty());

    assert_eq!(v["summary"]["commercial"], 7);
    // No message claims OpenAI is unrestricted: the ship-first and primary-provider rights bind it.
    for f in findings(&v) {
        let m = f["message"].as_str().unwrap();
        assert!(!m.contains("no longer restricted") && !m.contains("unrestricted"), "{m}");
    }
    for u in v["unchanged"].as_array().unwrap() {
        assert!(!(u["clause"] == "azure-exclusivity"), "a dropped exclusivity has nothing left unchanged: {u}");
    }
    no_winner_on_undisclosed_values(&v);
}
