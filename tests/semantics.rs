//! Issue 12: the direction of benefit must never be wrong. Tests on the
//! shipped Microsoft–OpenAI history and on small fixtures.

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const DIR: &str = "agreements/microsoft-openai";

fn json(old: &str, new: &str) -> Value {
    let out = cargo_bin_cmd!("agreement-diff").args(["--no-config", "--format", "json", old, new]).output().unwrap();
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn find<'a>(v: &'a Value, rule: &str, clause: &str) -> Vec<&'a Value> {
    v["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == rule && f["clause"] == clause).collect()
}

/// Item 1: 2023 said Azure powers all OpenAI workloads; 2025 limits the
/// exclusivity to the OpenAI API. Stating a scope where there was none
/// narrows the exclusivity, which favours OpenAI, the party it binds.
#[test]
fn an_absent_scope_is_unrestricted_so_stating_one_narrows() {
    let v = json(&format!("{DIR}/2023-01-23.yaml"), &format!("{DIR}/2025-01-21.yaml"));
    let narrowed = find(&v, "scope-narrowed", "azure-exclusivity");
    assert_eq!(narrowed.len(), 1, "{v}");
    assert_eq!(narrowed[0]["favours"], serde_json::json!(["openai"]));
    assert_eq!(narrowed[0]["disfavours"], serde_json::json!(["microsoft"]));
    assert!(find(&v, "scope-widened", "azure-exclusivity").is_empty());
    // Read backwards, dropping the scope widens it again, for Microsoft.
    let back = json(&format!("{DIR}/2025-01-21.yaml"), &format!("{DIR}/2023-01-23.yaml"));
    let widened = find(&back, "scope-widened", "azure-exclusivity");
    assert_eq!(widened.len(), 1, "{back}");
    assert_eq!(widened[0]["favours"], serde_json::json!(["microsoft"]));
}

/// Item 7: the revenue share used to end when the expert panel verifies AGI
/// and now ends on 31 December 2030: who gains depends on when AGI comes.
#[test]
fn an_end_that_changes_from_an_event_to_a_date_cuts_both_ways() {
    let v = json(&format!("{DIR}/2026-02-27.yaml"), &format!("{DIR}/2026-04-27.yaml"));
    let end = find(&v, "term-condition-changed", "revenue-share-openai-to-microsoft");
    assert_eq!(end.len(), 1);
    assert_eq!(end[0]["direction"], "cuts-both-ways");
    assert_eq!(end[0]["favours"], serde_json::json!([]));
    assert_eq!(end[0]["disfavours"], serde_json::json!([]));
    assert_eq!(end[0]["cuts_both_ways_for"], serde_json::json!(["microsoft", "openai"]));
    // No finding both cuts both ways and names a winner.
    for f in v["findings"].as_array().unwrap() {
        if f["direction"] == "cuts-both-ways" {
            assert!(f["favours"].as_array().unwrap().is_empty() && f["disfavours"].as_array().unwrap().is_empty());
        }
    }
}

/// Item 9: the April 2026 amendment adds a ship-first right that restricts
/// OpenAI, so no message may claim OpenAI is no longer restricted, nor that
/// a dropped exclusivity "still ends" on AGI.
#[test]
fn messages_claim_no_more_than_the_finding() {
    let v = json(&format!("{DIR}/2026-02-27.yaml"), &format!("{DIR}/2026-04-27.yaml"));
    for f in v["findings"].as_array().unwrap() {
        let m = f["message"].as_str().unwrap();
        assert!(!m.contains("OpenAI is no longer restricted"), "{m}");
    }
    for u in v["unchanged"].as_array().unwrap() {
        assert!(!(u["clause"] == "azure-exclusivity" && u["sentence"].as_str().unwrap().contains("still ends")), "{u}");
    }
}

/// Item 8: a spelling fix or initials spelt out is administrative; another
/// name stays a substantive rename (possibly another legal entity).
#[test]
fn party_name_corrections_are_administrative_and_renames_substantive() {
    let v = json("tests/rules/party-name-corrected/old.yaml", "tests/rules/party-name-corrected/new.yaml");
    let rules: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["field"].as_str().is_some_and(|s| s.starts_with("parties.")))
        .map(|f| (f["rule"].as_str().unwrap(), f["materiality"].as_str().unwrap()))
        .collect();
    assert_eq!(rules, [("party-name-corrected", "administrative"), ("party-name-corrected", "administrative")]);
    let v = json("tests/rules/party-renamed/old.yaml", "tests/rules/party-renamed/new.yaml");
    let renamed = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "party-renamed").unwrap();
    assert_eq!(renamed["materiality"], "substantive");
}

/// Item 5: rights of a commercial kind (first refusal, ship-first...) and
/// carve-outs from an exclusivity are commercial, per pair of the history.
#[test]
fn commercial_rights_and_conditional_exclusivity_are_commercial() {
    let v = json(&format!("{DIR}/2023-01-23.yaml"), &format!("{DIR}/2025-01-21.yaml"));
    let rofr = find(&v, "right-granted", "azure-rofr");
    assert_eq!(rofr.len(), 1, "{v}");
    assert_eq!(rofr[0]["materiality"], "commercial");
    assert_eq!(rofr[0]["favours"], serde_json::json!(["microsoft"]));

    let v = json(&format!("{DIR}/2025-01-21.yaml"), &format!("{DIR}/2025-10-28.yaml"));
    let revoked = find(&v, "right-revoked", "azure-rofr");
    assert_eq!(revoked.len(), 1, "{v}");
    assert_eq!(revoked[0]["materiality"], "commercial");
    let carve_outs = find(&v, "exception-added", "azure-exclusivity");
    assert!(!carve_outs.is_empty(), "{v}");
    assert!(
        carve_outs.iter().all(|f| f["materiality"] == "commercial" && f["favours"] == serde_json::json!(["openai"]))
    );
    // The right of first refusal is gone: it is not mistaken for a rename of another right.
    assert!(find(&v, "right-changed", "independent-agi").is_empty());

    let v = json(&format!("{DIR}/2026-02-27.yaml"), &format!("{DIR}/2026-04-27.yaml"));
    let ship = find(&v, "right-granted", "azure-ship-first");
    assert_eq!(ship[0]["materiality"], "commercial");

    // A right of no commercial kind (audit) stays substantive.
    let dir = tempfile::tempdir().unwrap();
    let head = "agreement: r\nparties: {a: {name: A}, b: {name: B}}\nclauses:\n  - id: t\n    text: Terms.\n";
    let (old, new) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    std::fs::write(&old, head).unwrap();
    std::fs::write(
        &new,
        format!("{head}  - id: audit\n    type: right\n    holder: a\n    grantor: b\n    right: audit\n"),
    )
    .unwrap();
    let v = json(old.to_str().unwrap(), new.to_str().unwrap());
    let audit = find(&v, "right-granted", "audit");
    assert_eq!(audit.len(), 1, "{v}");
    assert_eq!(audit[0]["materiality"], "substantive");
}

/// Item 5: a carve-out from an exclusivity is a conditional loss of
/// exclusivity (a second distributor on a change of control): commercial.
#[test]
fn a_carve_out_from_an_exclusivity_is_commercial() {
    let dir = tempfile::tempdir().unwrap();
    let body = |exceptions: &str| {
        format!(
            "agreement: d\nparties: {{maker: {{name: Maker}}, dist: {{name: Distributor}}}}\nclauses:\n  - id: excl\n    type: exclusivity\n    bound: maker\n    beneficiary: dist\n    exclusive: true\n    subject: distribution in France\n{exceptions}"
        )
    };
    let (old, new) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    std::fs::write(&old, body("")).unwrap();
    std::fs::write(
        &new,
        body("    exceptions: [a second distributor may be appointed on a change of control of Maker]\n"),
    )
    .unwrap();
    let v = json(old.to_str().unwrap(), new.to_str().unwrap());
    let f = find(&v, "exception-added", "excl");
    assert_eq!(f.len(), 1, "{v}");
    assert_eq!(f[0]["materiality"], "commercial");
    assert_eq!(f[0]["favours"], serde_json::json!(["maker"]));
}

/// Item 3: recurring amounts compare as yearly run rates; a total compares
/// only with a total.
#[test]
fn recurring_amounts_compare_as_run_rates() {
    let dir = tempfile::tempdir().unwrap();
    let body = |minimum: &str| {
        format!(
            "agreement: m\nparties: {{a: {{name: Acme}}, b: {{name: Beta}}}}\nclauses:\n  - id: minimum\n    type: payment\n    payer: a\n    payee: b\n    basis: fee\n    minimum: {minimum}\n"
        )
    };
    let write = |name: &str, minimum: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, body(minimum)).unwrap();
        p.to_str().unwrap().to_string()
    };
    let quarterly = write("q.yaml", "USD 300,000 per quarter");
    let yearly = write("y.yaml", "USD 1,000,000 per year");
    let total = write("t.yaml", "USD 1,000,000");
    // 1.2 million a year down to 1 million a year: a decrease, which favours the payer.
    let v = json(&quarterly, &yearly);
    let f = find(&v, "amount-decreased", "minimum");
    assert_eq!(f.len(), 1, "{v}");
    assert_eq!(f[0]["favours"], serde_json::json!(["a"]));
    assert!(
        f[0]["message"].as_str().unwrap().contains("USD 1,200,000 a year to USD 1,000,000 a year"),
        "{}",
        f[0]["message"]
    );
    assert_eq!(f[0]["old"]["per"], "quarter");
    assert!(find(&v, "amount-increased", "minimum").is_empty());
    // Backwards: an increase, for the payee.
    let back = json(&yearly, &quarterly);
    assert_eq!(find(&back, "amount-increased", "minimum")[0]["favours"], serde_json::json!(["b"]));
    // A recurring amount against a total is never called a rise or a fall.
    let v = json(&quarterly, &total);
    for f in v["findings"].as_array().unwrap() {
        let r = f["rule"].as_str().unwrap();
        assert!(!r.starts_with("amount-"), "{r}: {v}");
    }
    assert_eq!(find(&v, "unclassified-change", "minimum").len(), 1);
}

/// Item 2: a term an announcement discloses for the first time existed
/// before: first-disclosed, no party favoured, and no "new payment" nor
/// "from no stated end to 2030".
#[test]
fn first_disclosure_is_not_creation() {
    let v = json("tests/rules/first-disclosed/old.yaml", "tests/rules/first-disclosed/new.yaml");
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"first-disclosed"), "{rules:?}");
    assert!(!rules.contains(&"payment-added") && !rules.iter().any(|r| r.starts_with("term-")), "{rules:?}");
    let f = find(&v, "first-disclosed", "revenue-share");
    assert_eq!(f[0]["direction"], "none");
    assert!(!f[0]["message"].as_str().unwrap().contains("New payment"));
}

/// Item 6: a licence exclusive only until AGI but running through 2032: the
/// format holds both ends and the report says which ended.
#[test]
fn an_exclusivity_has_its_own_end() {
    let dir = tempfile::tempdir().unwrap();
    let licence = |exclusivity: &str| {
        format!(
            "agreement: l\nparties: {{o: {{name: OpenAI}}, m: {{name: Microsoft}}}}\nclauses:\n  - id: ip\n    title: Licence to OpenAI IP\n    type: license\n    licensor: o\n    licensee: m\n{exclusivity}    until: 2032-12-31\n"
        )
    };
    let write = |name: &str, exclusivity: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, licence(exclusivity)).unwrap();
        p.to_str().unwrap().to_string()
    };
    let until_agi =
        write("agi.yaml", "    exclusive: true\n    exclusive-until: {event: the expert panel verifies AGI}\n");
    let until_2030 = write("2030.yaml", "    exclusive: true\n    exclusive-until: 2030-12-31\n");
    let none = write("none.yaml", "    exclusive: false\n");
    // The exclusivity ends, the licence does not: one finding, naming the end that ended.
    let v = json(&until_agi, &none);
    let dropped = find(&v, "exclusivity-dropped", "ip");
    assert_eq!(dropped.len(), 1, "{v}");
    assert!(dropped[0]["message"].as_str().unwrap().contains("was exclusive until the expert panel verifies AGI"));
    assert_eq!(v["findings"].as_array().unwrap().len(), 1, "the dropped end is not a second finding: {v}");
    assert!(v["unchanged"].to_string().contains("It still runs until 31 December 2032"), "{v}");
    // The exclusivity's end changing from an event to a date is about the exclusivity, and cuts both ways.
    let v = json(&until_agi, &until_2030);
    let end = find(&v, "term-condition-changed", "ip");
    assert_eq!(end.len(), 1, "{v}");
    assert_eq!(end[0]["field"], "exclusive-until");
    assert!(end[0]["message"].as_str().unwrap().starts_with("What ends the exclusivity of"));
}

/// Item 9: an exclusivity clause that is no longer exclusive restricts
/// nothing, so the scope, carve-outs and end it drops are not reported as a
/// wider scope (for the beneficiary), lost carve-outs or a changed end: the
/// exclusivity-dropped finding says it all.
#[test]
fn a_dropped_exclusivity_takes_its_scope_exceptions_and_end_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let body = |rest: &str| {
        format!(
            "agreement: c\nparties: {{o: {{name: OpenAI}}, m: {{name: Microsoft}}}}\nclauses:\n  - id: cloud\n    type: exclusivity\n    bound: o\n    beneficiary: m\n{rest}"
        )
    };
    let write = |name: &str, rest: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, body(rest)).unwrap();
        p.to_str().unwrap().to_string()
    };
    let limited = write(
        "old.yaml",
        "    exclusive: true\n    scope: [API]\n    exceptions: [national security customers]\n    until: {event: AGI}\n",
    );
    let gone = write("new.yaml", "    exclusive: false\n");
    let v = json(&limited, &gone);
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["exclusivity-dropped"], "{v}");
    assert_eq!(v["findings"][0]["favours"], serde_json::json!(["o"]));
    // Still exclusive, the same scope dropped widens the exclusivity, for the beneficiary.
    let wider = write(
        "wider.yaml",
        "    exclusive: true\n    exceptions: [national security customers]\n    until: {event: AGI}\n",
    );
    let v = json(&limited, &wider);
    assert_eq!(find(&v, "scope-widened", "cloud")[0]["favours"], serde_json::json!(["m"]), "{v}");
}

/// Item 4: "either party may terminate" written as `by: mutual`. Making a
/// one-sided right mutual favours the party newly permitted and disfavours
/// the one it can now be used against; a mutual right granted or a mutual
/// cap lowered names no winner: it cuts both ways.
#[test]
fn mutual_terms_name_the_party_newly_protected_or_none() {
    let v = json("tests/rules/role-made-mutual/old.yaml", "tests/rules/role-made-mutual/new.yaml");
    let f = find(&v, "role-made-mutual", "termination-for-convenience");
    assert_eq!(f.len(), 1, "{v}");
    assert_eq!(f[0]["favours"], serde_json::json!(["beta"]));
    assert_eq!(f[0]["disfavours"], serde_json::json!(["acme"]));
    assert_eq!(f[0]["new"], serde_json::json!({"type": "mutual"}));
    // One finding for the pair of roles: `counterparty: beta` left out is not a second one.
    assert_eq!(
        v["findings"].as_array().unwrap().iter().filter(|f| f["clause"] == "termination-for-convenience").count(),
        1
    );
    // Backwards: only Acme may terminate again, for Acme.
    let back = json("tests/rules/role-made-mutual/new.yaml", "tests/rules/role-made-mutual/old.yaml");
    let f = find(&back, "role-made-one-sided", "termination-for-convenience");
    assert_eq!(
        (f[0]["favours"].clone(), f[0]["disfavours"].clone()),
        (serde_json::json!(["acme"]), serde_json::json!(["beta"]))
    );

    // A mutual liability cap made one-sided: Beta keeps its cap, Acme loses its own.
    let v = json("tests/rules/role-made-one-sided/old.yaml", "tests/rules/role-made-one-sided/new.yaml");
    let f = find(&v, "role-made-one-sided", "limitation-of-liability");
    assert_eq!(f[0]["favours"], serde_json::json!(["beta"]), "{v}");
    assert_eq!(f[0]["disfavours"], serde_json::json!(["acme"]));
    assert_eq!(f[0]["materiality"], "commercial", "who a cap covers is as commercial as the cap");

    // A mutual cap lowered: cuts both ways, no winner.
    let v = json("tests/rules/cap-lowered/mutual/old.yaml", "tests/rules/cap-lowered/mutual/new.yaml");
    let f = find(&v, "cap-lowered", "limitation-of-liability");
    assert_eq!(f[0]["direction"], "cuts-both-ways", "{v}");
    assert_eq!(f[0]["favours"], serde_json::json!([]));
    assert_eq!(f[0]["cuts_both_ways_for"], serde_json::json!(["acme", "beta"]));
    assert_eq!(f[0]["new"]["type"], "multiple");
    assert_eq!(f[0]["new"]["multiple"], "1");
    assert_eq!(f[0]["new"]["period"], serde_json::json!({"type": "duration", "count": 12, "unit": "months"}));

    // Either party may terminate, granted: cuts both ways.
    let dir = "tests/rules/right-granted/either-party-may-terminate";
    let v = json(&format!("{dir}/old.yaml"), &format!("{dir}/new.yaml"));
    let f = find(&v, "right-granted", "termination-for-convenience");
    assert_eq!(f[0]["direction"], "cuts-both-ways", "{v}");
    assert!(f[0]["message"].as_str().unwrap().starts_with("Each party may now terminate"), "{}", f[0]["message"]);
}

/// A liability cap protects the liable party: a liability-cap clause that
/// appears favours it, not the claimant.
#[test]
fn a_liability_cap_clause_added_favours_the_liable_party() {
    let dir = "tests/rules/cap-added/liability-cap";
    let v = json(&format!("{dir}/old.yaml"), &format!("{dir}/new.yaml"));
    let f = find(&v, "cap-added", "limitation-of-liability");
    assert_eq!(f[0]["favours"], serde_json::json!(["beta"]), "{v}");
    assert_eq!(f[0]["disfavours"], serde_json::json!(["acme"]));
    let back = json(&format!("{dir}/new.yaml"), &format!("{dir}/old.yaml"));
    let f = find(&back, "cap-removed", "limitation-of-liability");
    assert_eq!(f[0]["favours"], serde_json::json!(["acme"]), "{back}");
}

/// Item 4: caps of "the fees paid in the 12 months before the claim" compare
/// only where the order is certain; otherwise the cap changed form and the
/// finding names no winner.
#[test]
fn fee_based_caps_compare_only_where_certain() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, cap: &str| {
        let p = dir.path().join(name);
        let body = format!(
            "agreement: c\nparties: {{acme: {{name: Acme}}, beta: {{name: Beta}}}}\nclauses:\n  - id: lol\n    type: liability-cap\n    liable: beta\n    claimant: acme\n    cap: {cap}\n"
        );
        std::fs::write(&p, body).unwrap();
        p.to_str().unwrap().to_string()
    };
    let one_12 = write("a.yaml", "{multiple: 1, of: fees paid, period: 12 months}");
    let two_12 = write("b.yaml", "{multiple: 2, of: fees paid, period: 12 months}");
    let one_1y = write("c.yaml", "{multiple: 1, of: Fees  paid, period: 1 year}");
    let one_24 = write("d.yaml", "{multiple: 1, of: fees paid, period: 24 months}");
    let half_24 = write("e.yaml", "{multiple: 0.5, of: fees paid, period: 24 months}");
    let payable = write("f.yaml", "{multiple: 1, of: fees payable, period: 12 months}");
    let all = write("g.yaml", "{multiple: 2, of: fees paid}");
    let fixed = write("h.yaml", "USD 1 million");
    let rules = |v: &Value| -> Vec<String> {
        v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
    };
    // The multiple orders caps on the same base and look-back.
    let v = json(&one_12, &two_12);
    assert_eq!(find(&v, "cap-raised", "lol")[0]["favours"], serde_json::json!(["acme"]), "{v}");
    // 12 months is 1 year, and the base is compared without regard to case or spacing.
    assert!(json(&one_12, &one_1y)["findings"].as_array().unwrap().is_empty());
    // A longer look-back with the same multiple, or no look-back with a higher multiple, is higher.
    assert_eq!(rules(&json(&one_12, &one_24)), ["cap-raised"]);
    assert_eq!(rules(&json(&one_12, &all)), ["cap-raised"]);
    assert_eq!(rules(&json(&one_24, &one_12)), ["cap-lowered"]);
    // Opposite directions, another base, or a fixed amount: changed form, cuts both ways.
    for (a, b) in [(&one_12, &half_24), (&one_12, &payable), (&fixed, &one_12), (&one_12, &fixed)] {
        let v = json(a, b);
        let f = find(&v, "cap-changed-form", "lol");
        assert_eq!(f.len(), 1, "{a} → {b}: {v}");
        assert_eq!(f[0]["direction"], "cuts-both-ways");
        assert_eq!(f[0]["favours"], serde_json::json!([]));
        assert!(!rules(&v).iter().any(|r| r == "cap-raised" || r == "cap-lowered"), "{v}");
    }
}

/// Item 4: role fields take several parties or `mutual`; every key is
/// checked where it is written.
#[test]
fn role_fields_with_several_parties_are_checked_where_written() {
    let dir = tempfile::tempdir().unwrap();
    let check = |roles: &str| {
        let p = dir.path().join("x.yaml");
        let body = format!(
            "agreement: c\nparties: {{acme: {{name: Acme}}, beta: {{name: Beta}}}}\nclauses:\n  - id: lol\n    type: liability-cap\n{roles}"
        );
        std::fs::write(&p, body).unwrap();
        let out = cargo_bin_cmd!("agreement-diff").args(["check", p.to_str().unwrap()]).output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).to_string())
    };
    assert_eq!(check("    liable: [acme, beta]\n    claimant: [acme, beta]\n").0, Some(0));
    assert_eq!(check("    liable: mutual\n").0, Some(0));
    let (code, err) = check("    liable: [acme, betta]\n");
    assert_eq!(code, Some(2));
    assert!(err.contains("x.yaml:6:20:") && err.contains("`betta`") && err.contains("did you mean `beta`?"), "{err}");
    let (code, err) = check("    liable: mutal\n");
    assert_eq!(code, Some(2));
    assert!(err.contains("x.yaml:6:13:") && err.contains("did you mean `mutual`?"), "{err}");
    let (_, err) = check("    liable: mutual\n    claimant: beta\n");
    assert!(err.contains("x.yaml:7:5:") && err.contains("must be `mutual` too"), "{err}");
    let (_, err) = check("    liable: acme\n    cap: {multiple: 1, of: fees paid, perod: 12 months}\n");
    assert!(err.contains("x.yaml:7:39:") && err.contains("did you mean `period`?"), "{err}");
}

/// `convert` writes several parties, `mutual` and caps of fees back as the
/// format reads them: the converted file says the same thing.
#[test]
fn mutual_terms_and_caps_of_fees_survive_convert() {
    let dir = tempfile::tempdir().unwrap();
    for fixture in ["tests/rules/role-made-one-sided/old.yaml", "tests/rules/party-substituted/several/old.yaml"] {
        let out = cargo_bin_cmd!("agreement-diff").args(["convert", fixture]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let converted = dir.path().join("converted.yaml");
        std::fs::write(&converted, &out.stdout).unwrap();
        let v = json(fixture, converted.to_str().unwrap());
        assert!(v["findings"].as_array().unwrap().is_empty(), "{fixture}: {v}");
    }
}
