//! Words of a sentence in a canonical form, with quantities read as values.
//!
//! Case, punctuation, spelling variants ("licence" / "license") and the way a
//! number is written ("thirty (30) days" / "30 days", "US $5,000" / "USD
//! 5,000" / "five thousand dollars") do not change meaning, so two sentences
//! whose canonical words are equal say the same thing. Every quantity
//! becomes one word holding its kind and value (`usd:5000`, `pct:10`,
//! `dur:30:day`, `date:2020-11-16`, `year:2030`, `num:3`).

/// One canonical word and where it came from in the sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    /// The canonical form: lower case, spelling variant folded, or a quantity.
    pub norm: String,
    /// Byte range in the sentence it was read from.
    pub start: usize,
    /// Where it ends (exclusive).
    pub end: usize,
    /// Whether `,`, `;`, `:` or `(` stood just before it.
    pub after_break: bool,
    /// The quantity, for a word that is one.
    pub quantity: Option<Quantity>,
}

/// A quantity read from prose.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// Money, percentage, duration, date, year or count.
    pub kind: Kind,
    /// The value (a date as yyyymmdd).
    pub value: f64,
    /// "thirty (60)": the words and the digits disagree.
    pub inconsistent: bool,
    /// The digits in brackets after number words, when they disagree.
    pub digits: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
/// The kind of a quantity.
pub enum Kind {
    /// An amount in a currency (lower-case ISO code).
    Money(String),
    /// A percentage.
    Percent,
    /// A duration in a unit ("day", "business day", "month"…).
    Duration(&'static str),
    /// A calendar date.
    Date,
    /// A year on its own ("through 2030").
    Year,
    /// A plain number.
    Count,
}

impl Quantity {
    /// The value in days for a duration (months as 30, years as 365).
    pub fn days(&self) -> Option<f64> {
        match self.kind {
            Kind::Duration(u) => Some(
                self.value
                    * match u {
                        "hour" => 1.0 / 24.0,
                        "week" => 7.0,
                        "month" => 30.0,
                        "year" => 365.0,
                        "business day" => 1.4,
                        _ => 1.0,
                    },
            ),
            _ => None,
        }
    }

    /// Whether two quantities can be ordered against each other.
    pub fn comparable(&self, other: &Quantity) -> bool {
        match (&self.kind, &other.kind) {
            (Kind::Duration(a), Kind::Duration(b)) => a == b || (*a != "business day" && *b != "business day"),
            (a, b) => a == b,
        }
    }

    /// A number to order by: days for durations, the value otherwise.
    pub fn magnitude(&self) -> f64 {
        self.days().unwrap_or(self.value)
    }
}

/// Spelling variants folded to one form (British → American).
const VARIANTS: &[(&str, &str)] = &[
    ("licence", "license"),
    ("licences", "licenses"),
    ("licenced", "licensed"),
    ("licencing", "licensing"),
    ("licensor's", "licensor's"),
    ("judgement", "judgment"),
    ("cancelled", "canceled"),
    ("cancelling", "canceling"),
    ("cancellation", "cancelation"),
    ("favour", "favor"),
    ("favourable", "favorable"),
    ("behaviour", "behavior"),
    ("organisation", "organization"),
    ("organisations", "organizations"),
    ("authorise", "authorize"),
    ("authorised", "authorized"),
    ("authorisation", "authorization"),
    ("recognise", "recognize"),
    ("recognised", "recognized"),
    ("utilise", "utilize"),
    ("minimise", "minimize"),
    ("maximise", "maximize"),
    ("endeavour", "endeavor"),
    ("endeavours", "endeavors"),
    ("labour", "labor"),
    ("honour", "honor"),
    ("centre", "center"),
    ("programme", "program"),
    ("e-mail", "email"),
    ("e-mails", "emails"),
    ("per cent", "percent"),
    ("whilst", "while"),
    ("amongst", "among"),
    ("acknowledgement", "acknowledgment"),
    ("fulfil", "fulfill"),
    ("enrol", "enroll"),
    ("analyse", "analyze"),
    ("defence", "defense"),
    ("offence", "offense"),
    ("practise", "practice"),
];

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const CURRENCY_CODES: &[&str] = &["usd", "eur", "gbp", "cad", "aud", "jpy", "chf", "inr", "cny", "nzd", "sgd"];

/// A raw word or punctuation mark of the sentence.
#[derive(Debug)]
struct Raw<'a> {
    text: &'a str,
    /// The text in lower case, with a typographic apostrophe made straight
    /// (borrowed when that is the text itself, as it mostly is).
    lower: std::borrow::Cow<'a, str>,
    start: usize,
    end: usize,
    word: bool,
}

fn raw(s: &str) -> Vec<Raw<'_>> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        // A web address or an email address is one word: its dots, colons and
        // slashes are not breaks between list items.
        if let Some(len) = address_len(&s[i..]) {
            let end = i + len;
            while it.peek().is_some_and(|&(j, _)| j < end) {
                it.next();
            }
            let text = &s[i..end];
            out.push(Raw { text, lower: std::borrow::Cow::Owned(address_norm(text)), start: i, end, word: true });
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                // The character after `d` (looked at only for punctuation).
                let next = || s[j + d.len_utf8()..].chars().next();
                let joins = match d {
                    _ if d.is_alphanumeric() => true,
                    // A comma joins digits only ("5,000"); a stop joins "U.S" and "3.5".
                    ',' => s[..j].ends_with(|x: char| x.is_ascii_digit()) && next().is_some_and(|x| x.is_ascii_digit()),
                    '.' | '-' | '\'' | '\u{2019}' | '/' => next().is_some_and(char::is_alphanumeric),
                    _ => false,
                };
                if !joins {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
            let text = &s[i..end];
            let lower = if text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-.'/,".contains(&b)) {
                std::borrow::Cow::Borrowed(text)
            } else {
                std::borrow::Cow::Owned(text.to_lowercase().replace('\u{2019}', "'"))
            };
            out.push(Raw { text, lower, start: i, end, word: true });
        } else {
            let end = i + c.len_utf8();
            out.push(Raw {
                text: &s[i..end],
                lower: std::borrow::Cow::Borrowed(&s[i..end]),
                start: i,
                end,
                word: false,
            });
        }
    }
    out
}

/// The length of a web address ("https://…", "www.…") or an email address
/// ("name@example.com") at the start of `s`, without trailing punctuation.
fn address_len(s: &str) -> Option<usize> {
    let starts = |p: &str| s.as_bytes().get(..p.len()).is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()));
    let web = starts("http://") || starts("https://") || starts("www.");
    // An email address is short: looking no further than 256 bytes, and only
    // when an "@" comes before the next space, keeps reading linear and cheap.
    let mut window = s.len();
    if !web {
        let b = s.as_bytes();
        let at = b.iter().take(256).take_while(|c| !c.is_ascii_whitespace()).any(|&c| c == b'@');
        if !at {
            return None;
        }
        window = (256..=s.len().min(259)).find(|&k| s.is_char_boundary(k)).unwrap_or(s.len()).min(s.len());
    }
    let stop = |c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '(' | ')' | '[' | ']');
    let body = s[..window].find(stop).unwrap_or(window);
    let len = s[..body].trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '\u{2019}']).len();
    let token = &s[..len];
    let email = !web
        && token.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty()
                && user.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
                && host.contains('.')
                && !host.starts_with('.')
                && host.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
        });
    let web = web && token.len() > 8 && token.contains('.');
    (web || email).then_some(len)
}

/// A web address read for its meaning: the scheme, "www." and a closing
/// slash do not change where it points (http://www.example.com/ and
/// https://example.com are the same place to a reader).
fn address_norm(text: &str) -> String {
    let lower = text.to_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).unwrap_or(&lower);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    rest.trim_end_matches('/').to_string()
}

/// The value of number words starting at `i`: (value, words used).
fn number_words(r: &[Raw], i: usize) -> Option<(f64, usize)> {
    let mut total = 0f64;
    let mut current = 0f64;
    let mut used = 0;
    let mut any = false;
    let mut k = i;
    while k < r.len() && r[k].word {
        let w: &str = &r[k].lower;
        let parts: Vec<&str> = if w.contains('-') { w.split('-').collect() } else { Vec::new() };
        let small = |p: &str| {
            UNITS
                .iter()
                .position(|u| *u == p)
                .map(|n| n as f64)
                .or_else(|| TENS.iter().position(|t| *t == p).map(|n| (n as f64 + 2.0) * 10.0))
        };
        if parts.len() == 2
            && let (Some(a), Some(b)) = (small(parts[0]), small(parts[1]))
            && a >= 20.0
            && b < 10.0
        {
            current += a + b;
        } else if let Some(v) = small(w) {
            current += v;
        } else if w == "hundred" && any {
            current *= 100.0;
        } else if matches!(w, "thousand" | "million" | "billion") && any {
            let m = match w {
                "thousand" => 1e3,
                "million" => 1e6,
                _ => 1e9,
            };
            total += current.max(1.0) * m;
            current = 0.0;
        } else if w == "and" && any && k + 1 < r.len() && small(&r[k + 1].lower).is_some() {
            k += 1;
            continue;
        } else {
            break;
        }
        any = true;
        k += 1;
        used = k - i;
    }
    any.then_some((total + current, used))
}

/// A numeral word: "5,000", "3.5", "5k", "38bn", "2020-11-16" is not one.
fn numeral(w: &str) -> Option<f64> {
    let digits: String = w.chars().take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.')).collect();
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let value: f64 = digits.replace(',', "").trim_end_matches('.').parse().ok()?;
    let scale = match &w[digits.len()..] {
        "" => 1.0,
        "k" => 1e3,
        "m" | "mm" | "mn" => 1e6,
        "bn" | "b" => 1e9,
        _ => return None,
    };
    Some(value * scale)
}

fn iso_date(w: &str) -> Option<String> {
    let p: Vec<&str> = w.split('-').collect();
    (p.len() == 3
        && p[0].len() == 4
        && p[1].len() <= 2
        && p[2].len() <= 2
        && p.iter().all(|x| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit())))
    .then(|| format!("{}-{:0>2}-{:0>2}", p[0], p[1], p[2]))
}

/// The canonical words of a sentence.
pub fn words(s: &str) -> Vec<Word> {
    let r = raw(s);
    let mut out: Vec<Word> = Vec::with_capacity(r.len());
    let mut brk = false;
    let mut i = 0;
    while i < r.len() {
        let t = &r[i];
        if !t.word && !matches!(t.text, "$" | "€" | "£" | "%") {
            if matches!(t.text, "," | ";" | ":" | "(" | ")") {
                brk = true;
            }
            i += 1;
            continue;
        }
        if let Some((mut q, used)) = quantity(&r, i) {
            let (mut start, end) = (r[i].start, r[i + used - 1].end);
            // A sign: "-5%", "$-5", "−5"; an accounting negative: "USD (1,000,000)".
            let minus = |t: &Raw| matches!(t.text, "-" | "\u{2212}");
            let signed = i > 0 && minus(&r[i - 1]) && r[i - 1].end == r[i].start;
            let inner_sign = r[i..i + used].iter().any(minus);
            let bracketed = matches!(q.kind, Kind::Money(_))
                && i > 0
                && r[i - 1].text == "("
                && r.get(i + used).is_some_and(|t| t.text == ")");
            if signed || inner_sign || bracketed {
                q.value = -q.value;
                if signed {
                    start = r[i - 1].start;
                }
            }
            out.push(Word { norm: q.norm(), start, end, after_break: brk, quantity: Some(q) });
            brk = false;
            i += used;
            continue;
        }
        if !t.word {
            i += 1;
            continue;
        }
        // "per cent" is "percent".
        let mut norm = t.lower.trim_end_matches('.').to_string();
        if norm == "an" {
            norm = "a".into();
        }
        if let Some(&(_, v)) = VARIANTS.iter().find(|(a, _)| *a == norm) {
            norm = v.to_string();
        }
        out.push(Word { norm, start: t.start, end: t.end, after_break: brk, quantity: None });
        brk = false;
        i += 1;
    }
    out
}

impl Quantity {
    fn norm(&self) -> String {
        let v = if self.value.fract() == 0.0 { format!("{}", self.value as i64) } else { format!("{}", self.value) };
        // Words and digits that disagree are a value of their own.
        let v = match self.digits {
            Some(d) => format!("{v}!{d}"),
            None => v,
        };
        match &self.kind {
            Kind::Money(c) => format!("{c}:{v}"),
            Kind::Percent => format!("pct:{v}"),
            Kind::Duration(u) => format!("dur:{v}:{u}"),
            Kind::Date => format!("date:{}", self.date_string()),
            Kind::Year => format!("year:{v}"),
            Kind::Count => format!("num:{v}"),
        }
    }

    /// A date as `yyyy-mm-dd`.
    pub fn date_string(&self) -> String {
        let n = self.value as i64;
        format!("{}-{:02}-{:02}", n / 10000, n / 100 % 100, n % 100)
    }

    /// The quantity as a reader writes it.
    pub fn show(&self) -> String {
        let v = if self.value.fract() == 0.0 {
            group(self.value as i64)
        } else {
            format!("{}", (self.value * 100.0).round() / 100.0)
        };
        match &self.kind {
            Kind::Money(c) => format!("{} {v}", c.to_uppercase()),
            Kind::Percent => format!("{v}%"),
            Kind::Duration(u) => format!("{v} {u}{}", if self.value == 1.0 { "" } else { "s" }),
            Kind::Date => {
                let n = self.value as i64;
                format!("{} {} {}", n % 100, capital(MONTHS[((n / 100 % 100) as usize).clamp(1, 12) - 1]), n / 10000)
            }
            // A year is written as a year: 2030, not 2,030.
            Kind::Year => format!("{}", self.value as i64),
            Kind::Count => v,
        }
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn group(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (k, ch) in s.chars().enumerate() {
        if k > 0 && (s.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// The quantity starting at raw token `i`, with the number of tokens used.
fn quantity(r: &[Raw], i: usize) -> Option<(Quantity, usize)> {
    let mut k = i;
    let mut currency: Option<String> = None;
    // Currency before the number: "$", "US $", "US$", "USD", "€", "£".
    let w = &*r[k].lower;
    if w == "us" && r.get(k + 1).is_some_and(|n| n.text == "$") {
        currency = Some("usd".into());
        k += 2;
    } else if w == "us$" {
        currency = Some("usd".into());
        k += 1;
    } else if let Some(c) = symbol(w) {
        currency = Some(c.into());
        k += 1;
    } else if CURRENCY_CODES.contains(&w) && r[k].text.chars().all(|c| c.is_ascii_uppercase()) {
        currency = Some(w.into());
        k += 1;
    }
    // "$-5": a minus after the currency (the caller reads it as a sign);
    // "USD (1,000,000)": an accounting negative.
    if currency.is_some() && r.get(k).is_some_and(|t| matches!(t.text, "-" | "\u{2212}")) {
        k += 1;
    }
    let accounting = currency.is_some()
        && r.get(k).is_some_and(|t| t.text == "(")
        && r.get(k + 1).and_then(|t| numeral(&t.lower)).is_some()
        && r.get(k + 2).is_some_and(|t| t.text == ")");
    if accounting {
        k += 1;
    }
    let first = r.get(k)?;
    // Without a currency, a quantity starts with a digit, a month's name or
    // a number word: any other word is none (most words, tested cheaply).
    if currency.is_none() && !may_start_quantity(&first.lower) {
        return None;
    }
    // A date written "November 16, 2020" or "16 November 2020".
    if currency.is_none()
        && let Some(d) = prose_date(r, k)
    {
        return Some(d);
    }
    if currency.is_none()
        && let Some(d) = iso_date(&first.lower)
    {
        let n: Vec<i64> = d.split('-').filter_map(|x| x.parse().ok()).collect();
        let q = Quantity {
            kind: Kind::Date,
            value: (n[0] * 10000 + n[1] * 100 + n[2]) as f64,
            inconsistent: false,
            digits: None,
        };
        return Some((q, k + 1 - i));
    }
    let (mut value, used, in_words) = if let Some(v) = numeral(&first.lower) {
        (v, 1, false)
    } else if let Some((v, n)) = number_words(r, k) {
        (v, n, true)
    } else {
        return None;
    };
    k += used;
    let mut inconsistent = false;
    let mut digits = None;
    // "thirty (30)": one quantity; "thirty (60)": an inconsistent one.
    if in_words
        && r.get(k).is_some_and(|t| t.text == "(")
        && let Some(v) = r.get(k + 1).and_then(|t| numeral(&t.lower))
        && r.get(k + 2).is_some_and(|t| t.text == ")")
    {
        inconsistent = v != value;
        digits = inconsistent.then_some(v);
        k += 3;
    }
    // Scale words after digits: "5 million".
    if let Some(m) = r.get(k).and_then(|t| match &*t.lower {
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        _ => None,
    }) && !in_words
    {
        value *= m;
        k += 1;
    }
    // "USD 5,000 (five thousand dollars)": the words in brackets repeat it.
    let unit_at = |k: usize| r.get(k).map(|t| &*t.lower).unwrap_or("");
    let kind = if let Some(c) = currency {
        Kind::Money(c)
    } else if unit_at(k) == "%" || unit_at(k) == "percent" {
        k += 1;
        Kind::Percent
    } else if unit_at(k) == "per" && unit_at(k + 1) == "cent" {
        k += 2;
        Kind::Percent
    } else if let Some(c) = currency_word(unit_at(k)) {
        k += 1;
        Kind::Money(c.into())
    } else if let Some((u, n)) = duration_unit(r, k) {
        k += n;
        Kind::Duration(u)
    } else if !in_words && first.lower.len() == 4 && (1900.0..=2100.0).contains(&value) && value.fract() == 0.0 {
        Kind::Year
    } else {
        Kind::Count
    };
    if accounting {
        // The closing bracket, right after the number.
        k += usize::from(r.get(k).is_some_and(|t| t.text == ")"));
        value = -value;
    }
    Some((Quantity { kind, value, inconsistent, digits }, k - i))
}

/// Whether a lower-case word may begin a quantity that has no currency
/// before it: a numeral or date ("5,000", "2030-12-31", "16 November"), a
/// month ("November 16, 2020") or a number word ("thirty", "twenty-five").
fn may_start_quantity(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        || MONTHS.contains(&w)
        || UNITS.contains(&w)
        || TENS.contains(&w.split_once('-').map_or(w, |(a, _)| a))
}

/// Whether a lower-case text may state a sum of money or a percentage as
/// [`words`] reads them: every such quantity has a digit, a currency sign or
/// code, a currency word or "percent" (a cheap test before reading a text).
pub fn may_state_money_or_percent(lower: &str) -> bool {
    lower.bytes().any(|b| b.is_ascii_digit())
        || ["$", "€", "£", "%", "dollar", "euro", "pound", "percent", "per cent"].iter().any(|w| lower.contains(w))
        || CURRENCY_CODES.iter().any(|c| lower.contains(c))
}

fn symbol(w: &str) -> Option<&'static str> {
    match w {
        "$" => Some("usd"),
        "€" => Some("eur"),
        "£" => Some("gbp"),
        _ => None,
    }
}

fn currency_word(w: &str) -> Option<&'static str> {
    match w {
        "dollar" | "dollars" | "usd" => Some("usd"),
        "euro" | "euros" | "eur" => Some("eur"),
        "pound" | "pounds" | "gbp" => Some("gbp"),
        _ => None,
    }
}

/// A unit of time at `k`: ("day", tokens used); "business days",
/// "calendar days" and a possessive "days'" are read too.
fn duration_unit(r: &[Raw], k: usize) -> Option<(&'static str, usize)> {
    let w = r.get(k)?.lower.trim_end_matches('\'');
    let (lead, k2) = match w {
        "business" | "working" => ("business ", k + 1),
        "calendar" => ("", k + 1),
        _ => ("", k),
    };
    let w = r.get(k2)?.lower.trim_end_matches('\'').trim_end_matches("'s");
    let unit = match w {
        "hour" | "hours" => "hour",
        "day" | "days" if lead.is_empty() => "day",
        "day" | "days" => "business day",
        "week" | "weeks" => "week",
        "month" | "months" => "month",
        "year" | "years" => "year",
        _ => return None,
    };
    Some((unit, k2 + 1 - k))
}

fn prose_date(r: &[Raw], k: usize) -> Option<(Quantity, usize)> {
    let month = |w: &str| MONTHS.iter().position(|m| *m == w).map(|p| p as i64 + 1);
    let day = |w: &str| w.parse::<i64>().ok().filter(|d| (1..=31).contains(d));
    let year = |w: &str| w.parse::<i64>().ok().filter(|y| (1900..=2100).contains(y));
    let at = |n: usize| r.get(k + n).map(|t| &*t.lower).unwrap_or("");
    let make = |y: i64, m: i64, d: i64, used: usize| {
        Some((
            Quantity { kind: Kind::Date, value: (y * 10000 + m * 100 + d) as f64, inconsistent: false, digits: None },
            used,
        ))
    };
    // "November 16, 2020"
    if let (Some(m), Some(d)) = (month(at(0)), day(at(1).trim_end_matches(['s', 't', 'h', 'n', 'd', 'r']))) {
        let comma = usize::from(at(2) == ",");
        if let Some(y) = year(at(2 + comma)) {
            return make(y, m, d, 3 + comma);
        }
    }
    // "16 November 2020"
    if let (Some(d), Some(m), Some(y)) = (day(at(0)), month(at(1)), year(at(2))) {
        return make(y, m, d, 3);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        words(s).into_iter().map(|w| w.norm).collect()
    }

    #[test]
    fn an_address_is_one_word_and_its_scheme_does_not_count() {
        let old = words("log into http://www.find.firefox.com/ using it.");
        let new = words("log into https://find.firefox.com using it.");
        assert_eq!(
            old.iter().map(|w| w.norm.as_str()).collect::<Vec<_>>(),
            ["log", "into", "find.firefox.com", "using", "it"]
        );
        assert_eq!(
            norms("log into https://find.firefox.com using it."),
            norms("log into http://www.find.firefox.com/ using it.")
        );
        assert!(!old[2].after_break && !new[2].after_break, "{old:?}");
        // The closing stop is the sentence's, not the address's.
        assert_eq!(norms("See https://example.com/terms."), ["see", "example.com/terms"]);
        assert_eq!(norms("email abuse@mozilla.com, or write"), ["email", "abuse@mozilla.com", "or", "write"]);
        // A different place is a different word.
        assert_ne!(norms("see https://example.com/a"), norms("see https://example.com/b"));
        // Not addresses: an "@" with no host, "www" alone.
        assert_eq!(norms("meet @ noon at www"), ["meet", "noon", "at", "www"]);
    }

    #[test]
    fn money_in_any_common_form_is_one_value() {
        for s in ["US $5,000", "USD 5,000", "$5k", "five thousand dollars", "$5,000.00", "5,000 dollars"] {
            assert_eq!(norms(s), ["usd:5000"], "{s}");
        }
        assert_eq!(norms("€1.5 million"), ["eur:1500000"]);
    }

    #[test]
    fn durations_percentages_dates_and_number_words() {
        assert_eq!(norms("within thirty (30) days"), ["within", "dur:30:day"]);
        assert_eq!(norms("within 30 days"), norms("within thirty days"));
        assert_eq!(norms("one month"), ["dur:1:month"]);
        assert_eq!(norms("ten business days'"), ["dur:10:business day"]);
        assert_eq!(norms("10% and ten per cent"), ["pct:10", "and", "pct:10"]);
        assert_eq!(norms("November 16, 2020"), ["date:2020-11-16"]);
        assert_eq!(norms("16 November 2020"), ["date:2020-11-16"]);
        assert_eq!(norms("until 2030"), ["until", "year:2030"]);
        assert_eq!(norms("twenty-five units"), ["num:25", "units"]);
        assert_eq!(norms("-5% and $-5 and USD (1,000,000)"), ["pct:-5", "and", "usd:-5", "and", "usd:-1000000"]);
        let w = words("thirty (60) days");
        assert!(w[0].quantity.as_ref().unwrap().inconsistent);
    }

    #[test]
    fn case_punctuation_and_spelling_fold() {
        assert_eq!(norms("The Licence, granted."), norms("the license granted"));
        assert_eq!(norms("U.S. law"), ["u.s", "law"]);
        assert!(words("a, b")[1].after_break);
    }

    #[test]
    fn show_reads_like_prose() {
        assert_eq!(words("$5,000")[0].quantity.as_ref().unwrap().show(), "USD 5,000");
        assert_eq!(words("November 16, 2020")[0].quantity.as_ref().unwrap().show(), "16 November 2020");
        let year = words("through 2032").into_iter().find_map(|w| w.quantity).unwrap();
        assert_eq!((year.kind == Kind::Year, year.show()), (true, "2032".to_string()));
    }

    proptest::proptest! {
        /// The cheap test never misses a sum or a percentage the reader finds.
        #[test]
        fn may_state_money_or_percent_misses_nothing(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "five", "thousand", "dollars", "US", "$", "USD", "EUR", "€", "£", "pounds", "euro", "ten",
                "percent", "per", "cent", "%", "fees", "of", "the", "(", ")", "thirty", "million", "and", "1,000", "5k",
            ]), 1..10)
        ) {
            let text = parts.join(" ");
            let found = words(&text).iter().any(|w| {
                matches!(w.quantity.as_ref().map(|q| &q.kind), Some(Kind::Money(_) | Kind::Percent))
            });
            proptest::prop_assert!(!found || may_state_money_or_percent(&text.to_lowercase()), "{}", text);
        }
    }
}
