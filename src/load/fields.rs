//! Parsing typed field values from YAML nodes.

use std::collections::HashSet;

use super::{LoadError, Loader};
use crate::model::schema::Kind;
use crate::model::{Date, Decimal, Duration, End, Level, Modality, Per, Value};
use crate::safe::clip;
use crate::yaml::{Node, NodeKind};

type R<T> = Result<T, LoadError>;

/// Multipliers accepted after a money amount.
const SCALES: &[(&str, usize)] = &[("thousand", 3), ("million", 6), ("billion", 9), ("trillion", 12)];

impl Loader<'_> {
    /// Parse a node as a value of `kind`. `undisclosed` is accepted for every kind.
    pub(crate) fn value(&self, node: &Node, kind: Kind, what: &str, parties: Option<&HashSet<String>>) -> R<Value> {
        if let NodeKind::Str(s) = &node.kind
            && s.trim() == "undisclosed"
        {
            return Ok(Value::Undisclosed);
        }
        let at = |r: Result<Value, String>| -> R<Value> { r.or_else(|m| self.err(node.pos, format!("{what}: {m}"))) };
        // A number or boolean where a typed value is expected: say what to
        // write (quoting `0.3` would only fail again).
        if let Some(expected) = expected(kind) {
            match &node.kind {
                NodeKind::Number(n) => {
                    let n = clip(n);
                    let hint = number_hint(kind, &n).map(|h| format!(": {h}")).unwrap_or_default();
                    return self.err(node.pos, format!("{what} must be {expected}, found the number {n}{hint}"));
                }
                NodeKind::Bool(b) => {
                    return self.err(node.pos, format!("{what} must be {expected}, found the boolean {b}"));
                }
                _ => {}
            }
        }
        match kind {
            Kind::Party => match &node.kind {
                NodeKind::Str(s) if s.trim() == "mutual" => Ok(Value::Mutual),
                NodeKind::Seq(items) => self.party_list(node, items, what, parties),
                _ => Ok(Value::Party(self.party_key(node, what, parties)?)),
            },
            Kind::Percent => at(parse_percent(&self.string(node, what)?)),
            Kind::Money => at(parse_money(&self.string(node, what)?)),
            Kind::Cap => match &node.kind {
                NodeKind::Map(entries) => self.multiple(node, entries, what),
                _ => at(parse_money(&self.string(node, what)?)),
            },
            Kind::Date => at(Date::parse(self.string(node, what)?.trim()).map(Value::Date)),
            Kind::Duration => at(Duration::parse(&self.string(node, what)?).map(Value::Duration)),
            Kind::DateOrDuration => {
                let s = self.string(node, what)?;
                let s = s.trim();
                if s.as_bytes().first().is_some_and(|b| b.is_ascii_digit()) && s.len() == 10 && s.as_bytes()[4] == b'-'
                {
                    at(Date::parse(s).map(Value::Date))
                } else {
                    at(Duration::parse(s).map(Value::Duration))
                }
            }
            Kind::End => Ok(Value::End(self.end(node, what, 0)?)),
            Kind::List => self.list(node, what),
            Kind::Flag => match node.kind {
                NodeKind::Bool(b) => Ok(Value::Flag(b)),
                _ => self.err(node.pos, format!("{what} must be true or false, found {}", shown(node))),
            },
            Kind::Exclusive => match &node.kind {
                NodeKind::Bool(true) => Ok(Value::Level(Level::Exclusive)),
                NodeKind::Bool(false) => Ok(Value::Level(Level::NonExclusive)),
                NodeKind::Str(s) => match Level::parse(s.trim()) {
                    Some(l) => Ok(Value::Level(l)),
                    None => self.err(
                        node.pos,
                        format!(
                            "{what} must be true, false, exclusive, sole, co-exclusive or non-exclusive, found `{}`",
                            clip(s)
                        ),
                    ),
                },
                _ => self.err(
                    node.pos,
                    format!("{what} must be true, false or an exclusivity level, found {}", shown(node)),
                ),
            },
            Kind::Modality => {
                let s = self.string(node, what)?;
                match Modality::parse(s.trim()) {
                    Some(m) => Ok(Value::Modality(m)),
                    None => self.err(node.pos, format!("{what} must be shall, may or shall-not, found `{}`", clip(&s))),
                }
            }
            Kind::Stake => {
                let s = self.string(node, what)?;
                if s.trim_end().ends_with('%') { at(parse_percent(&s)) } else { Ok(Value::text(s)) }
            }
            Kind::Text => Ok(Value::Text(self.text(node, what)?)),
        }
    }

    /// One party key, which must be a key of `parties` (unknown: a "did you
    /// mean" or the list of keys).
    fn party_key(&self, node: &Node, what: &str, parties: Option<&HashSet<String>>) -> R<String> {
        let key = self.string(node, what)?;
        // Without readable `parties` (already an error), any key is taken.
        if let Some(parties) = parties
            && !parties.contains(&key)
        {
            let mut known: Vec<&str> = parties.iter().map(|s| s.as_str()).collect();
            known.sort();
            let mut candidates = known.clone();
            candidates.push("mutual");
            let hint = match super::closest(&key, &candidates) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("parties are: {} (or `mutual` for every party)", known.join(", ")),
            };
            return self
                .err(node.pos, format!("{what} names `{}`, which is not a key of `parties`; {hint}", clip(&key)));
        }
        Ok(key)
    }

    /// Several parties in one role: `[acme, beta]`. Each is checked where it
    /// is written; a list of one is that party.
    fn party_list(&self, node: &Node, items: &[Node], what: &str, parties: Option<&HashSet<String>>) -> R<Value> {
        if items.is_empty() {
            return self.err(node.pos, format!("{what} is an empty list: name at least one party, or write `mutual`"));
        }
        let mut keys: Vec<String> = Vec::with_capacity(items.len());
        for item in items {
            if matches!(&item.kind, NodeKind::Str(s) if s.trim() == "mutual") {
                return self.err(
                    item.pos,
                    format!("{what} lists `mutual`, which already means every party: write `mutual` alone"),
                );
            }
            let item_what = if what.is_empty() { String::new() } else { format!("an item of {what}") };
            let key = self.party_key(item, &item_what, parties)?;
            if keys.contains(&key) {
                return self.err(item.pos, format!("{what} lists `{}` twice", clip(&key)));
            }
            keys.push(key);
        }
        Ok(if keys.len() == 1 { Value::Party(keys.remove(0)) } else { Value::Parties(keys) })
    }

    /// A cap written as a formula: `{multiple: 1, of: fees paid, period: 12 months}`.
    fn multiple(&self, node: &Node, entries: &[crate::yaml::Entry], what: &str) -> R<Value> {
        const KEYS: &[&str] = &["multiple", "of", "period"];
        let usage = "a cap is money (`USD 1 million`) or {multiple: 1, of: fees paid, period: 12 months}";
        for e in entries {
            if !e.key_is_text || !KEYS.contains(&e.key.as_str()) {
                let hint = super::closest(&e.key, KEYS).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
                return self.err(e.key_pos, format!("unknown key `{}` in {what}: {usage}{hint}", clip(&e.key)));
            }
        }
        let get = |k: &str| entries.iter().find(|e| e.key == k);
        let Some(m) = get("multiple") else {
            return self.err(node.pos, format!("{what} has no `multiple`: {usage}"));
        };
        let written = match &m.value.kind {
            NodeKind::Number(n) => n.to_string(),
            NodeKind::Str(s) => s.trim().trim_end_matches(['x', '×']).trim_end().to_string(),
            other => {
                return self.err(
                    m.value.pos,
                    format!("`multiple` in {what} must be a number such as 1 or 1.5, found {}", other.describe()),
                );
            }
        };
        let multiple = match Decimal::parse(&written) {
            Ok(d) if !d.is_zero() => d,
            Ok(_) => {
                return self.err(m.value.pos, format!("`multiple` in {what} is zero: a cap of nothing is `USD 0`"));
            }
            Err(e) => return self.err(m.value.pos, format!("`multiple` in {what}: {e}")),
        };
        let Some(of) = get("of") else {
            return self
                .err(node.pos, format!("{what} has no `of` (what is multiplied, such as `fees paid`): {usage}"));
        };
        let of_text = self.string(&of.value, &format!("`of` in {what}"))?;
        if of_text.trim().is_empty() {
            return self
                .err(of.value.pos, format!("`of` in {what} is empty: say what is multiplied, such as `fees paid`"));
        }
        let period = match get("period") {
            None => None,
            Some(p) => match &p.value.kind {
                NodeKind::Number(n) => {
                    return self.err(
                        p.value.pos,
                        format!(
                            "`period` in {what} must be a duration such as `12 months`, found the number {}",
                            clip(n)
                        ),
                    );
                }
                _ => {
                    let s = self.string(&p.value, &format!("`period` in {what}"))?;
                    match Duration::parse(&s) {
                        Ok(d) => Some(d),
                        Err(e) => return self.err(p.value.pos, format!("`period` in {what}: {e}")),
                    }
                }
            },
        };
        Ok(Value::Multiple(crate::model::Multiple { multiple, of: of_text.trim().to_string(), period }))
    }

    fn list(&self, node: &Node, what: &str) -> R<Value> {
        let items = match &node.kind {
            NodeKind::Seq(items) => items,
            _ => return self.err(node.pos, format!("{what} must be a list, found {}", shown(node))),
        };
        let mut out = Vec::with_capacity(items.len());
        let mut seen = HashSet::new();
        for item in items {
            let s = match self.string(item, "") {
                Ok(s) => s,
                Err(_) => self.string(item, &format!("an item of {what}"))?,
            };
            if !seen.insert(crate::model::value::normalise_space(&s)) {
                return self.err(item.pos, format!("{what} lists `{}` twice", clip(&s)));
            }
            out.push(s);
        }
        Ok(Value::List(out))
    }

    fn end(&self, node: &Node, what: &str, depth: usize) -> R<End> {
        match &node.kind {
            NodeKind::Str(s) => match Date::parse(s.trim()) {
                Ok(d) => Ok(End::Date(d)),
                Err(m) => {
                    self.err(node.pos, format!("{what}: {m}; an end is a date, {{event: ...}} or {{earliest: [...]}}"))
                }
            },
            NodeKind::Map(entries) if entries.len() == 1 && entries[0].key_is_text => {
                let e = &entries[0];
                match e.key.as_str() {
                    "event" => Ok(End::Event(self.string(&e.value, &format!("the event of {what}"))?)),
                    "earliest" if depth == 0 => {
                        let items = match &e.value.kind {
                            NodeKind::Seq(items) if items.len() >= 2 => items,
                            _ => {
                                return self
                                    .err(e.value.pos, format!("`earliest` in {what} must list at least two ends"));
                            }
                        };
                        let mut ends = Vec::new();
                        for i in items {
                            ends.push(self.end(i, what, depth + 1)?);
                        }
                        Ok(End::Earliest(ends))
                    }
                    other => {
                        let hint = super::closest(other, &["event", "earliest"])
                            .map(|s| format!("; did you mean `{s}`?"))
                            .unwrap_or_default();
                        self.err(e.key_pos, format!("unknown key `{}` in {what}: an end is a date, {{event: ...}} or {{earliest: [...]}}{hint}", clip(other)))
                    }
                }
            }
            _ => {
                // `until: 2030`: a year alone.
                let hint = match &node.kind {
                    NodeKind::Number(n) if n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()) => {
                        format!(": write the whole date as YYYY-MM-DD, such as `{n}-12-31`")
                    }
                    _ => String::new(),
                };
                self.err(
                    node.pos,
                    format!(
                        "{what} must be a date (YYYY-MM-DD), {{event: ...}} or {{earliest: [...]}}, found {}{hint}",
                        shown(node)
                    ),
                )
            }
        }
    }
}

/// What a kind of value looks like, for the kinds a YAML number or boolean
/// can never be.
fn expected(kind: Kind) -> Option<&'static str> {
    Some(match kind {
        Kind::Party => "a party (a key of `parties`), a list of parties, or `mutual`",
        Kind::Percent => "a percentage such as `20%`",
        Kind::Money => "an amount of money with its currency",
        Kind::Cap => "an amount of money with its currency, or {multiple: ..., of: ..., period: ...}",
        Kind::Date => "a date (YYYY-MM-DD)",
        Kind::Duration => "a duration such as `30 days`",
        Kind::DateOrDuration => "a date (YYYY-MM-DD) or a duration such as `30 days`",
        Kind::Modality => "shall, may or shall-not",
        Kind::Stake => "a percentage such as `20%`, or words",
        Kind::End | Kind::List | Kind::Flag | Kind::Exclusive | Kind::Text => return None,
    })
}

/// What to write instead of the YAML number `n` where a `kind` is expected.
fn number_hint(kind: Kind, n: &str) -> Option<String> {
    if n.starts_with('-') {
        return Some(match kind {
            Kind::Money | Kind::Cap => "amounts cannot be negative".into(),
            Kind::Percent | Kind::Stake => "percentages cannot be negative".into(),
            _ => return None,
        });
    }
    match kind {
        Kind::Percent | Kind::Stake => Decimal::parse(n).ok().map(|d| percent_hint(&d)),
        Kind::Money | Kind::Cap => Decimal::parse(n).ok().map(|d| money_hint(&d)),
        Kind::Duration if n.bytes().all(|b| b.is_ascii_digit()) => {
            Some(format!("write `{n} days` (or weeks, months, years)"))
        }
        Kind::DateOrDuration if n.bytes().all(|b| b.is_ascii_digit()) => {
            Some(format!("write `{n} days` (or weeks, months, years), or a date such as `2026-12-31`"))
        }
        Kind::Date => Some("write it as YYYY-MM-DD, such as `2026-12-31`".into()),
        _ => None,
    }
}

/// What to write for a bare number meant as a percentage: `0.3` is most
/// likely a fraction (30%), `30` a percentage without its sign.
fn percent_hint(d: &Decimal) -> String {
    let written = d.plain();
    if d < &Decimal::parse("1").expect("a number") && !d.is_zero() {
        format!("write `{}%` (or `{written}%` if you mean less than one percent)", d.shift(2).plain())
    } else {
        format!("write `{written}%`")
    }
}

/// What to write for a bare number meant as money: the same with a currency.
fn money_hint(d: &Decimal) -> String {
    format!("write `USD {}` (with the right three-letter currency code)", d.grouped())
}

fn shown(node: &Node) -> String {
    match &node.kind {
        NodeKind::Str(s) => format!("`{}`", clip(s)),
        other => other.describe(),
    }
}

/// `20%`, `20.5 %`.
pub fn parse_percent(s: &str) -> Result<Value, String> {
    let t = s.trim();
    let Some(number) = t.strip_suffix('%') else {
        if let Ok(d) = Decimal::parse(t) {
            return Err(format!("`{}` is not a percentage: {}", clip(t), percent_hint(&d)));
        }
        return Err(format!("`{}` is not a percentage: write a number followed by %, such as `20%`", clip(t)));
    };
    if number.trim_start().starts_with('-') {
        return Err(format!("percentages cannot be negative: `{}`", clip(t)));
    }
    let d = Decimal::parse(number.trim_end())?;
    Ok(Value::Percent(d))
}

/// `USD 38,000,000,000`, `USD 1.5 billion`, `EUR 250000.50`, and recurring
/// amounts: `USD 300,000 per quarter` (per year, quarter, month or week).
pub fn parse_money(s: &str) -> Result<Value, String> {
    let t = s.trim();
    let mut words: Vec<&str> = t.split_whitespace().collect();
    let mut per = None;
    if words.len() >= 2 && words[words.len() - 2] == "per" {
        let unit = words[words.len() - 1].to_lowercase();
        per = Some(Per::parse(&unit).ok_or_else(|| {
            format!("`{}`: unknown period `per {unit}` (per year, per quarter, per month, per week)", clip(t))
        })?);
        words.truncate(words.len() - 2);
    }
    let usage = || {
        format!(
            "`{}` is not an amount of money: write a currency code and an amount, such as `USD 38,000,000,000` or `USD 1.5 billion`",
            clip(t)
        )
    };
    // `USD -5`, `-USD 5`, `USD (5)` (accounting): say what is wrong, not how to write money.
    let negative = |w: &str| w.starts_with('-') || (w.starts_with('(') && w.ends_with(')'));
    if t.starts_with('-') || words.get(1).is_some_and(|w| negative(w)) {
        return Err(format!(
            "amounts cannot be negative: `{}`; write the amount without a sign (money that flows the other way \
             is another clause)",
            clip(t)
        ));
    }
    if let [alone] = words[..]
        && let Ok(d) = Decimal::parse(alone)
    {
        return Err(format!("`{}` has no currency: {}", clip(t), money_hint(&d)));
    }
    if words.len() < 2 || words.len() > 3 {
        return Err(usage());
    }
    let currency = words[0];
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!("{}: `{}` is not a three-letter currency code", usage(), clip(currency)));
    }
    let mut amount = Decimal::parse(words[1]).map_err(|m| format!("{}: {m}", usage()))?;
    if let Some(scale) = words.get(2) {
        match SCALES.iter().find(|(name, _)| *name == scale.to_lowercase()) {
            Some((_, n)) => amount = amount.shift(*n),
            None => {
                return Err(format!(
                    "{}: unknown scale `{}` (thousand, million, billion, trillion)",
                    usage(),
                    clip(scale)
                ));
            }
        }
    }
    Ok(Value::Money { currency: currency.to_string(), amount, per })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_percent() {
        assert_eq!(parse_money("USD 38 billion").unwrap(), parse_money("USD 38,000,000,000").unwrap());
        assert_eq!(parse_money("USD 1.5 billion").unwrap().to_string(), "USD 1,500,000,000");
        assert_eq!(parse_money("USD 300,000 per quarter").unwrap().to_string(), "USD 300,000 per quarter");
        assert_eq!(parse_money("USD 1 million per year").unwrap().to_string(), "USD 1,000,000 per year");
        assert!(parse_money("USD 5 per fortnight").unwrap_err().contains("per fortnight"));
        assert!(parse_money("38 billion").is_err());
        assert!(parse_money("USD -5").is_err());
        assert!(parse_money("usd 5").is_err());
        assert_eq!(parse_percent("20%").unwrap(), parse_percent("20.0 %").unwrap());
        assert!(parse_percent("1e400%").is_err());
        assert!(parse_percent("20").is_err());
        assert!(parse_percent("-3%").unwrap_err().contains("percentages cannot be negative"));
        for negative in ["USD -5", "-USD 5", "USD (1,000)", "USD -1.5 billion"] {
            assert!(parse_money(negative).unwrap_err().starts_with("amounts cannot be negative"), "{negative}");
        }
        assert_eq!(
            parse_percent("0.3").unwrap_err(),
            "`0.3` is not a percentage: write `30%` (or `0.3%` if you mean less than one percent)"
        );
        assert_eq!(parse_percent("30").unwrap_err(), "`30` is not a percentage: write `30%`");
        assert_eq!(
            parse_money("1000000").unwrap_err(),
            "`1000000` has no currency: write `USD 1,000,000` (with the right three-letter currency code)"
        );
        // Each hint, followed, is accepted.
        assert!(parse_percent("30%").is_ok() && parse_money("USD 1,000,000").is_ok());
        let huge = format!("USD {}", "9x".repeat(100_000));
        assert!(parse_money(&huge).unwrap_err().len() < 600);
    }
}
