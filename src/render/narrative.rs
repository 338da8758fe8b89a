//! What a general counsel reads first, built from the findings alone: a
//! headline of the commercial changes and who gains, and the net effect on
//! each party. Every human format uses these, so they say the same thing.

use super::groups;
use crate::model::Value;
use crate::report::{Finding, Report, Shown};
use crate::rules::{Materiality, Rule};

/// A change as a short noun phrase for a list ("the end of exclusivity in
/// “Licence to OpenAI IP”"), from what the finding itself holds.
pub fn phrase(report: &Report, f: &Finding) -> String {
    let label = &f.label;
    let field = |shown: &Option<Shown>, name: &str| -> Option<String> {
        match shown {
            Some(Shown::Clause { fields, .. }) => fields.iter().find(|(n, _)| *n == name).map(|(_, v)| match v {
                Value::Party(p) => report.party_name(p).to_string(),
                Value::Parties(ps) => ps.iter().map(|p| report.party_name(p)).collect::<Vec<_>>().join(" and "),
                Value::Mutual => "each party".to_string(),
                Value::Text(t) => t.to_string(),
                other => other.to_string(),
            }),
            _ => None,
        }
    };
    match f.rule {
        Rule::ExclusivityDropped => format!("the end of exclusivity in “{label}”"),
        Rule::ExclusivityAdded => format!("exclusivity in “{label}”"),
        Rule::PaymentRemoved => match (field(&f.old, "payer"), field(&f.old, "basis")) {
            (Some(payer), Some(basis)) => format!("the end of the {basis} {payer} paid"),
            _ => format!("the end of the payment “{label}”"),
        },
        Rule::PaymentAdded => match (field(&f.new, "payer"), field(&f.new, "basis")) {
            (Some(payer), Some(basis)) => format!("a new {basis} paid by {payer}"),
            _ => format!("a new payment “{label}”"),
        },
        Rule::RightGranted => match field(&f.new, "right") {
            Some(right) => format!("a new {right} right (“{label}”)"),
            None => format!("a new right (“{label}”)"),
        },
        Rule::RightRevoked => match field(&f.old, "right") {
            Some(right) => format!("the end of the {right} right (“{label}”)"),
            None => format!("the end of the right “{label}”"),
        },
        Rule::CapAdded => format!("a cap on “{label}”"),
        Rule::CapRemoved => format!("the removal of the cap on “{label}”"),
        Rule::TermConditionChanged => format!("the new end of “{label}”"),
        Rule::FirstDisclosed => format!("the first disclosure of “{label}”"),
        // A rule's title is a sentence ("An amount went up"): the clause leads,
        // so the phrase reads as a noun in "Beta gains from …".
        _ => format!("“{label}” ({})", lowercase_first(f.rule.info().title)),
    }
}

/// The phrases of some findings, each said once (two changes of the same kind
/// to one clause read as one in a summary; the findings list both).
fn phrases<'a>(report: &Report, findings: impl Iterator<Item = &'a &'a Finding>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in findings {
        let said = phrase(report, f);
        if !out.contains(&said) {
            out.push(said);
        }
    }
    out
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
}

/// "a, b and c".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The open findings at or above `at_least`, most material first.
fn open(report: &Report, at_least: Materiality) -> Vec<&Finding> {
    let mut v: Vec<&Finding> = groups(report).into_iter().flatten().filter(|f| f.materiality() >= at_least).collect();
    v.sort_by_key(|f| std::cmp::Reverse(f.materiality()));
    v
}

/// Party keys in the order the report knows them.
fn parties(report: &Report) -> impl Iterator<Item = &str> {
    report.party_names.iter().map(|(k, _)| k.as_str())
}

/// One to three sentences: the commercial changes, grouped by the party they
/// favour, and those that cut both ways. `None` without commercial changes.
pub fn headline(report: &Report) -> Option<String> {
    let commercial = open(report, Materiality::Commercial);
    if commercial.is_empty() {
        return None;
    }
    let mut sentences = Vec::new();
    for p in parties(report) {
        let gains = phrases(report, commercial.iter().filter(|f| f.favours.iter().any(|x| x == p)));
        if !gains.is_empty() {
            sentences.push(format!("{} gains from {}.", report.party_name(p), list(&gains)));
        }
    }
    let mixed = phrases(report, commercial.iter().filter(|f| !f.mixed.is_empty()));
    if !mixed.is_empty() {
        let verb = if mixed.len() == 1 { "cuts" } else { "cut" };
        sentences.push(format!("{} {verb} both ways.", capitalise(&list(&mixed))));
    }
    let neutral = commercial.iter().filter(|f| f.favours.is_empty() && f.mixed.is_empty()).count();
    if neutral > 0 {
        sentences.push(format!(
            "{neutral} more commercial change{} favour{} no party the tool can name.",
            if neutral == 1 { "" } else { "s" },
            if neutral == 1 { "s" } else { "" }
        ));
    }
    Some(sentences.join(" "))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Per party, what it gains and loses (substantive and commercial changes,
/// most material first), and apart, what cuts both ways: one line each.
pub fn net_effect(report: &Report) -> Vec<String> {
    let findings = open(report, Materiality::Substantive);
    let mut out = Vec::new();
    for p in parties(report) {
        let pick = |side: fn(&Finding) -> &Vec<String>| -> Vec<String> {
            phrases(report, findings.iter().filter(|f| side(f).iter().any(|x| x == p)))
        };
        let (gains, losses) = (pick(|f| &f.favours), pick(|f| &f.disfavours));
        if gains.is_empty() && losses.is_empty() {
            continue;
        }
        let mut line = format!("{}:", report.party_name(p));
        if !gains.is_empty() {
            line.push_str(&format!(" in its favour, {}", list(&gains)));
        }
        if !losses.is_empty() {
            line.push_str(if gains.is_empty() { " against it, " } else { "; against it, " });
            line.push_str(&list(&losses));
        }
        line.push('.');
        out.push(line);
    }
    let mixed = phrases(report, findings.iter().filter(|f| !f.mixed.is_empty()));
    if !mixed.is_empty() {
        out.push(format!("Cuts both ways: {}.", list(&mixed)));
    }
    out
}
