//! Typed values held by clause fields, each with its own comparison.

use std::cmp::Ordering;
use std::fmt;

use super::decimal::Decimal;

/// A calendar date, validated (no 2026-02-30).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month.
    pub day: u8,
}

impl Date {
    /// Parse `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Date, String> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err(format!("`{}` is not a date: write YYYY-MM-DD", crate::safe::clip(s)));
        }
        let year: u16 = s[0..4].parse().map_err(|_| format!("`{s}` is not a date"))?;
        let month: u8 = s[5..7].parse().map_err(|_| format!("`{s}` is not a date"))?;
        let day: u8 = s[8..10].parse().map_err(|_| format!("`{s}` is not a date"))?;
        if !(1..=12).contains(&month) {
            return Err(format!("`{s}` is not a date: there is no month {month}"));
        }
        let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day == 0 || day > days {
            return Err(format!("`{s}` is not a date: month {month} of {year} has {days} days"));
        }
        Ok(Date { year, month, day })
    }
}

impl Date {
    /// As a reader writes it: `31 December 2030`.
    pub fn plain(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = MONTHS.get(usize::from(self.month).saturating_sub(1)).copied().unwrap_or("?");
        format!("{} {month} {}", self.day, self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// When something ends: a date, an event, or whichever of several comes first.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum End {
    /// On a date.
    Date(Date),
    /// When an event happens.
    Event(String),
    /// At the first of several ends.
    Earliest(Vec<End>),
}

impl End {
    /// The dates and events, and whether it is an earliest-of.
    pub fn parts(&self) -> (Vec<Date>, Vec<String>) {
        match self {
            End::Date(d) => (vec![*d], vec![]),
            End::Event(e) => (vec![], vec![normalise_space(e)]),
            End::Earliest(items) => {
                let mut dates = vec![];
                let mut events = vec![];
                for i in items {
                    let (d, e) = i.parts();
                    dates.extend(d);
                    events.extend(e);
                }
                dates.sort();
                events.sort();
                (dates, events)
            }
        }
    }
}

impl fmt::Display for End {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            End::Date(d) => write!(f, "{d}"),
            End::Event(e) => write!(f, "when {e}"),
            End::Earliest(items) => {
                f.write_str("the earlier of ")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(if i + 1 == items.len() { " and " } else { ", " })?;
                    }
                    match item {
                        End::Event(e) => write!(f, "\"{e}\"")?,
                        other => write!(f, "{other}")?,
                    }
                }
                Ok(())
            }
        }
    }
}

impl End {
    /// As a reader writes it: `31 December 2030`, `when AGI is verified`,
    /// `the earlier of "AGI is verified" and 31 December 2030`.
    pub fn plain(&self) -> String {
        match self {
            End::Date(d) => d.plain(),
            End::Event(e) => format!("when {}", normalise_space(e)),
            End::Earliest(items) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|i| match i {
                        End::Event(e) => format!("\"{}\"", normalise_space(e)),
                        other => other.plain(),
                    })
                    .collect();
                format!("the earlier of {}", and_list(&items))
            }
        }
    }
}

/// Items as a sentence lists them: "a, b and c"; with "; " between items
/// that hold commas themselves.
pub fn and_list(items: &[String]) -> String {
    let sep = if items.iter().any(|i| i.contains(',')) { "; " } else { ", " };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(sep)),
    }
}

/// A unit of time for durations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Calendar days.
    Day,
    /// Business days.
    BusinessDay,
    /// Weeks.
    Week,
    /// Calendar months.
    Month,
    /// Years.
    Year,
}

impl Unit {
    fn name(self, plural: bool) -> &'static str {
        match (self, plural) {
            (Unit::Day, false) => "day",
            (Unit::Day, true) => "days",
            (Unit::BusinessDay, false) => "business day",
            (Unit::BusinessDay, true) => "business days",
            (Unit::Week, false) => "week",
            (Unit::Week, true) => "weeks",
            (Unit::Month, false) => "month",
            (Unit::Month, true) => "months",
            (Unit::Year, false) => "year",
            (Unit::Year, true) => "years",
        }
    }

    /// The shortest and longest span of this unit in calendar days.
    fn day_bounds(self) -> (u64, u64) {
        match self {
            Unit::Day => (1, 1),
            // Five business days never take less than 5 days nor more than
            // 5 + 2 weekends + a few holidays; 1..=3 per day is a safe bound.
            Unit::BusinessDay => (1, 3),
            Unit::Week => (7, 7),
            Unit::Month => (28, 31),
            Unit::Year => (365, 366),
        }
    }
}

/// A length of time such as `30 days`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Duration {
    /// How many units.
    pub count: u64,
    /// Which unit.
    pub unit: Unit,
}

impl Duration {
    /// Parse `30 days`, `2 business days`, `1 year`.
    pub fn parse(s: &str) -> Result<Duration, String> {
        let words: Vec<&str> = s.split_whitespace().collect();
        let err = || {
            format!("`{}` is not a duration: write a whole number and a unit, such as `30 days`", crate::safe::clip(s))
        };
        if words.len() < 2 || words.len() > 3 {
            return Err(err());
        }
        if words[0].len() > 9 || !words[0].bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let count: u64 = words[0].parse().map_err(|_| err())?;
        let unit_text = words[1..].join(" ").to_lowercase();
        let unit = match unit_text.as_str() {
            "day" | "days" => Unit::Day,
            "business day" | "business days" => Unit::BusinessDay,
            "week" | "weeks" => Unit::Week,
            "month" | "months" => Unit::Month,
            "year" | "years" => Unit::Year,
            _ => {
                return Err(format!(
                    "`{}`: unknown unit `{}` (days, business days, weeks, months, years)",
                    crate::safe::clip(s),
                    crate::safe::clip(&unit_text)
                ));
            }
        };
        Ok(Duration { count, unit })
    }

    /// Compare two durations where the answer is certain whatever the calendar:
    /// `None` when the ranges overlap (e.g. 1 month against 30 days).
    pub fn compare(&self, other: &Duration) -> Option<Ordering> {
        if self.unit == other.unit {
            return Some(self.count.cmp(&other.count));
        }
        // Months and years convert exactly.
        let months = |d: &Duration| match d.unit {
            Unit::Month => Some(d.count),
            Unit::Year => Some(d.count * 12),
            _ => None,
        };
        if let (Some(a), Some(b)) = (months(self), months(other)) {
            return Some(a.cmp(&b));
        }
        let (alo, ahi) = self.unit.day_bounds();
        let (blo, bhi) = other.unit.day_bounds();
        let (alo, ahi) = (self.count * alo, self.count * ahi);
        let (blo, bhi) = (other.count * blo, other.count * bhi);
        if ahi < blo {
            Some(Ordering::Less)
        } else if alo > bhi {
            Some(Ordering::Greater)
        } else if alo == ahi && blo == bhi && alo == blo {
            Some(Ordering::Equal)
        } else {
            None
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} {}", self.count, self.unit.name(self.count != 1))
    }
}

/// How exclusive a grant is, from least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Others may be granted the same.
    NonExclusive,
    /// Shared with a named few.
    CoExclusive,
    /// Only the grantee and the grantor.
    Sole,
    /// Only the grantee.
    Exclusive,
}

impl Level {
    /// Parse `exclusive`, `sole`, `co-exclusive` or `non-exclusive`.
    pub fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "non-exclusive" => Level::NonExclusive,
            "co-exclusive" => Level::CoExclusive,
            "sole" => Level::Sole,
            "exclusive" => Level::Exclusive,
            _ => return None,
        })
    }
    /// The name written in a file.
    pub fn name(self) -> &'static str {
        match self {
            Level::NonExclusive => "non-exclusive",
            Level::CoExclusive => "co-exclusive",
            Level::Sole => "sole",
            Level::Exclusive => "exclusive",
        }
    }
}

/// The force of an obligation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Modality {
    /// Permitted.
    May,
    /// Required.
    Shall,
    /// Forbidden.
    ShallNot,
}

impl Modality {
    /// Parse `shall`, `may` or `shall-not`.
    pub fn parse(s: &str) -> Option<Modality> {
        Some(match s {
            "may" => Modality::May,
            "shall" => Modality::Shall,
            "shall-not" => Modality::ShallNot,
            _ => return None,
        })
    }
    /// The name written in a file.
    pub fn name(self) -> &'static str {
        match self {
            Modality::May => "may",
            Modality::Shall => "shall",
            Modality::ShallNot => "shall-not",
        }
    }
}

/// How often a recurring amount is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Per {
    /// Every week.
    Week,
    /// Every month.
    Month,
    /// Every quarter.
    Quarter,
    /// Every year.
    Year,
}

impl Per {
    /// Parse `year`, `quarter`, `month`, `week` (after "per").
    pub fn parse(s: &str) -> Option<Per> {
        Some(match s {
            "year" | "annum" => Per::Year,
            "quarter" => Per::Quarter,
            "month" => Per::Month,
            "week" => Per::Week,
            _ => return None,
        })
    }

    /// The word written after "per".
    pub fn name(self) -> &'static str {
        match self {
            Per::Week => "week",
            Per::Month => "month",
            Per::Quarter => "quarter",
            Per::Year => "year",
        }
    }

    /// How many fall in a year (weeks count 52: a run rate, not a calendar).
    pub fn per_year(self) -> u32 {
        match self {
            Per::Week => 52,
            Per::Month => 12,
            Per::Quarter => 4,
            Per::Year => 1,
        }
    }
}

/// A multiple of a base over a look-back period: `{multiple: 1, of: fees
/// paid, period: 12 months}` is "the fees paid in the 12 months before".
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Multiple {
    /// How many times the base (`1`, `1.5`, `2`).
    pub multiple: Decimal,
    /// What is multiplied, in words (`fees paid`, `fees paid or payable`).
    pub of: String,
    /// How far back the base is counted; `None` for the whole life of the agreement.
    pub period: Option<Duration>,
}

impl Multiple {
    /// The base in a canonical spelling, for comparing two bases.
    pub fn base(&self) -> String {
        normalise_space(&self.of).to_lowercase()
    }

    /// Whether two formulas mean the same: same multiple and base, and look-back
    /// periods that are certainly equal (`12 months` and `1 year`).
    pub fn same(&self, other: &Multiple) -> bool {
        self.multiple == other.multiple
            && self.base() == other.base()
            && match (&self.period, &other.period) {
                (None, None) => true,
                (Some(a), Some(b)) => a.compare(b) == Some(Ordering::Equal),
                _ => false,
            }
    }

    /// How `self` compares with `other` where the answer is certain whatever the
    /// fees turn out to be: same base, and a multiple and a look-back that do
    /// not pull in opposite directions (a longer look-back never counts fewer
    /// fees; no look-back counts them all). `None` otherwise.
    pub fn compare(&self, other: &Multiple) -> Option<Ordering> {
        if self.base() != other.base() {
            return None;
        }
        let by_multiple = self.multiple.cmp(&other.multiple);
        let by_period = match (&self.period, &other.period) {
            (None, None) => Ordering::Equal,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(a), Some(b)) => a.compare(b)?,
        };
        match (by_multiple, by_period) {
            (a, b) if a == b => Some(a),
            (Ordering::Equal, b) => Some(b),
            (a, Ordering::Equal) => Some(a),
            _ => None,
        }
    }
}

impl fmt::Display for Multiple {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let of = normalise_space(&self.of);
        match &self.period {
            Some(p) => write!(f, "{}× {of} in the preceding {p}", self.multiple.plain()),
            None => write!(f, "{}× all {of}", self.multiple.plain()),
        }
    }
}

/// Prose, shared rather than copied: a long text is held once however many
/// findings show it.
pub type Text = std::sync::Arc<String>;

/// A typed value of a field.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    /// Never made public: opaque, neither higher nor lower than anything.
    Undisclosed,
    /// A key of `parties`.
    Party(String),
    /// Several parties in one role (`[acme, beta]`), in file order: two or
    /// more distinct keys, compared as a set.
    Parties(Vec<String>),
    /// Every party in one role (`mutual`): each party towards the others.
    Mutual,
    /// An amount defined by a formula: a multiple of a base (the fees paid)
    /// over a look-back period, as in "the fees paid in the 12 months before
    /// the claim" (`{multiple: 1, of: fees paid, period: 12 months}`).
    Multiple(Multiple),
    /// A percentage, exact.
    Percent(Decimal),
    /// A sum of money, exact.
    Money {
        /// A three-letter currency code.
        currency: String,
        /// The amount.
        amount: Decimal,
        /// For a recurring amount, how often it is due; `None` for a total.
        per: Option<Per>,
    },
    /// A calendar date.
    Date(Date),
    /// When something ends.
    End(End),
    /// A length of time.
    Duration(Duration),
    /// A set of items (scope, territory, exceptions...), in source order.
    List(Vec<String>),
    /// Yes or no.
    Flag(bool),
    /// An exclusivity level.
    Level(Level),
    /// The force of an obligation.
    Modality(Modality),
    /// Prose or a short phrase.
    Text(Text),
}

impl Value {
    /// A text value.
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(Text::new(s.into()))
    }

    /// Whether two values mean the same thing: lists compare as sets,
    /// prose ignores how whitespace is laid out.
    pub fn same_meaning(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::List(a), Value::List(b)) if a == b => true,
            (Value::List(a), Value::List(b)) => {
                let mut a: Vec<String> = a.iter().map(|s| normalise_space(s)).collect();
                let mut b: Vec<String> = b.iter().map(|s| normalise_space(s)).collect();
                a.sort();
                b.sort();
                a == b
            }
            (Value::Text(a), Value::Text(b)) => a == b || same_words(a, b),
            (Value::End(a), Value::End(b)) => a.parts() == b.parts() && is_earliest(a) == is_earliest(b),
            (Value::Parties(a), Value::Parties(b)) => {
                let mut a: Vec<&String> = a.iter().collect();
                let mut b: Vec<&String> = b.iter().collect();
                a.sort();
                b.sort();
                a == b
            }
            (Value::Multiple(a), Value::Multiple(b)) => a.same(b),
            _ => self == other,
        }
    }

    /// A name for the kind of value, used in JSON as `type`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Undisclosed => "undisclosed",
            Value::Party(_) => "party",
            Value::Parties(_) => "parties",
            Value::Mutual => "mutual",
            Value::Multiple(_) => "multiple",
            Value::Percent(_) => "percentage",
            Value::Money { .. } => "money",
            Value::Date(_) => "date",
            Value::End(_) => "end",
            Value::Duration(_) => "duration",
            Value::List(_) => "list",
            Value::Flag(_) => "boolean",
            Value::Level(_) => "exclusivity",
            Value::Modality(_) => "modality",
            Value::Text(_) => "text",
        }
    }
}

impl Value {
    /// The value as a reader writes it in a sentence, for the human formats
    /// (JSON keeps the typed value): `USD 250 billion`, `31 December 2030`,
    /// `non-exclusive`, a list as "a, b and c" without brackets, prose in
    /// quotes. A party shows its key: callers that know the names use them.
    pub fn plain(&self) -> String {
        match self {
            Value::Money { currency, amount, per: None } => format!("{currency} {}", amount.words()),
            Value::Money { currency, amount, per: Some(p) } => {
                format!("{currency} {} per {}", amount.words(), p.name())
            }
            Value::Date(d) => d.plain(),
            Value::End(e) => e.plain(),
            Value::List(items) if items.is_empty() => "none".into(),
            Value::List(items) => and_list(&items.iter().map(|i| normalise_space(i)).collect::<Vec<_>>()),
            Value::Modality(m) => m.name().replace('-', " "),
            other => other.to_string(),
        }
    }
}

fn is_earliest(e: &End) -> bool {
    matches!(e, End::Earliest(_))
}

/// Whether two texts have the same words, whatever the whitespace between
/// them (no copies: safe on very long texts).
pub fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// Collapse runs of whitespace to one space and trim.
pub fn normalise_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Value::Undisclosed => f.write_str("undisclosed"),
            Value::Party(p) => f.write_str(p),
            Value::Parties(ps) => write!(f, "[{}]", ps.join(", ")),
            Value::Mutual => f.write_str("mutual"),
            Value::Multiple(m) => write!(f, "{m}"),
            Value::Percent(d) => write!(f, "{}%", d.plain()),
            Value::Money { currency, amount, per: None } => write!(f, "{currency} {amount}"),
            Value::Money { currency, amount, per: Some(p) } => write!(f, "{currency} {amount} per {}", p.name()),
            Value::Date(d) => write!(f, "{d}"),
            Value::End(e) => write!(f, "{e}"),
            Value::Duration(d) => write!(f, "{d}"),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    f.write_str(item)?;
                }
                f.write_str("]")
            }
            Value::Flag(b) => write!(f, "{}", if *b { "yes" } else { "no" }),
            Value::Level(l) => f.write_str(l.name()),
            Value::Modality(m) => f.write_str(m.name()),
            Value::Text(t) => write!(f, "\"{}\"", normalise_space(t)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_validated() {
        assert!(Date::parse("2026-02-30").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2100-02-29").is_err());
        assert!(Date::parse("2026-13-01").is_err());
        assert!(Date::parse("26-01-01").is_err());
        assert!(Date::parse("2026-1-01").is_err());
        assert!(Date::parse("2026-01-01").unwrap() < Date::parse("2030-12-31").unwrap());
    }

    #[test]
    fn durations_compare_only_when_certain() {
        let d = |s| Duration::parse(s).unwrap();
        assert_eq!(d("30 days").compare(&d("60 days")), Some(Ordering::Less));
        assert_eq!(d("2 years").compare(&d("24 months")), Some(Ordering::Equal));
        assert_eq!(d("1 month").compare(&d("30 days")), None);
        assert_eq!(d("2 months").compare(&d("30 days")), Some(Ordering::Greater));
        assert_eq!(d("1 week").compare(&d("7 days")), Some(Ordering::Equal));
        assert!(Duration::parse("thirty days").is_err());
        assert!(Duration::parse("30 fortnights").is_err());
    }

    #[test]
    fn fee_multiples_compare_only_when_certain() {
        let m = |multiple: &str, of: &str, period: Option<&str>| Multiple {
            multiple: Decimal::parse(multiple).unwrap(),
            of: of.into(),
            period: period.map(|p| Duration::parse(p).unwrap()),
        };
        let base = m("1", "fees paid", Some("12 months"));
        assert_eq!(base.compare(&m("2", "fees paid", Some("12 months"))), Some(Ordering::Less));
        assert_eq!(base.compare(&m("1", "fees paid", Some("24 months"))), Some(Ordering::Less));
        assert_eq!(base.compare(&m("1", "fees paid", None)), Some(Ordering::Less));
        assert_eq!(base.compare(&m("2", "fees paid", Some("6 months"))), None);
        assert_eq!(base.compare(&m("1", "fees paid", Some("365 days"))), None);
        assert_eq!(base.compare(&m("1", "fees payable", Some("12 months"))), None);
        assert!(base.same(&m("1", "Fees  paid", Some("1 year"))));
        assert_eq!(base.to_string(), "1× fees paid in the preceding 12 months");
        assert_eq!(m("1.5", "fees paid", None).to_string(), "1.5× all fees paid");
    }

    #[test]
    fn plain_values_read_as_a_reader_writes_them() {
        let date = Date::parse("2030-12-31").unwrap();
        assert_eq!(Value::Date(date).plain(), "31 December 2030");
        let money = Value::Money {
            currency: "USD".into(),
            amount: crate::model::Decimal::parse("250,000,000,000").unwrap(),
            per: None,
        };
        assert_eq!(money.plain(), "USD 250 billion");
        assert_eq!(Value::List(vec!["2030".into()]).plain(), "2030");
        assert_eq!(Value::List(vec!["a".into(), "b".into(), "c".into()]).plain(), "a, b and c");
        assert_eq!(Value::List(vec![]).plain(), "none");
        assert_eq!(Value::Level(Level::NonExclusive).plain(), "non-exclusive");
        let end = End::Earliest(vec![End::Event("AGI is verified".into()), End::Date(date)]);
        assert_eq!(Value::End(end).plain(), "the earlier of \"AGI is verified\" and 31 December 2030");
        assert_eq!(Value::Modality(Modality::ShallNot).plain(), "shall not");
    }

    #[test]
    fn lists_compare_as_sets() {
        let a = Value::List(vec!["EU".into(), "US".into()]);
        let b = Value::List(vec!["US".into(), "EU".into()]);
        assert!(a.same_meaning(&b));
        assert!(Value::text("a  b\nc").same_meaning(&Value::text("a b c")));
    }
}
