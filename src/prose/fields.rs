//! Prose against fields: where a clause has both typed fields and wording,
//! the places where the two certainly disagree (issue 11, item 4).
//!
//! Only what is certain is claimed; anything doubtful is left alone:
//!
//! - **exclusivity**: the wording uses exclusivity words of one polarity only
//!   ("exclusive", "exclusively"; or "non-exclusive") and `exclusive` says the
//!   opposite (exclusive or sole against "non-exclusive"; non-exclusive
//!   against "exclusive"). "Exclusive of" (meaning "not counting"), a negated
//!   "not exclusive", and a sublicence's exclusivity are not read;
//! - **end**: the wording states one end, as "through 2032", "until
//!   December 31, 2030" or "until 2030-12-31", and no date of the clause's
//!   ends (`until`, a licence's `exclusive-until`, each date of an earliest-of)
//!   has that year (for a year) or is within a day of that date (for a date).
//!   An end that is an event only, or undisclosed, is not compared;
//! - **money and rates**: the wording states exactly one sum of money (or
//!   exactly one percentage), not hedged ("about", "roughly", "up to"...),
//!   and the one typed field it speaks to — by the words before it: "cap",
//!   "not exceed", "up to" for a cap; "minimum", "at least" for a minimum;
//!   otherwise the amount (or a commitment's amount, a stake's value, a
//!   liability cap's cap) — holds a different sum in the same currency
//!   (or a different percentage: `rate`, a stake's `stake`). Recurring
//!   amounts (`per: month`) are not compared, since the wording may state
//!   another period;
//! - **carve-outs dropped** (between versions only, see [`dropped_exceptions`]):
//!   an item of a carve-out list (`exclusions`, `exceptions`, `unless`) kept in
//!   both versions whose distinctive words the old wording used (at least half
//!   of them) and the new wording uses none of.
//!
//! `check` reports [`disagreements`] as warnings; a diff reports those the new
//! version has and the old did not as `text-contradicts-fields`.

use super::segment;
use super::tokens::{self, Kind as QKind, Word};
use crate::model::schema::Effect;
use crate::model::{Clause, Date, Level, Value};
use crate::yaml::Pos;

/// A byte range of a text.
type Span = (usize, usize);

/// What a disagreement is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Topic {
    /// Exclusive or not.
    Exclusivity,
    /// When the clause ends.
    End,
    /// A sum of money.
    Money,
    /// A percentage.
    Percent,
    /// A carve-out the wording no longer mentions.
    Exception,
}

/// One place where a clause's wording and one of its typed fields disagree.
#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    /// What it is about.
    pub topic: Topic,
    /// The typed field the wording disagrees with.
    pub field: &'static str,
    /// Where that field is.
    pub field_pos: Pos,
    /// The byte range of the sentence in the new wording that says otherwise
    /// (for a dropped carve-out: the whole new wording).
    pub sentence: (usize, usize),
    /// For a dropped carve-out, the byte range of the old sentence that
    /// mentioned it.
    pub old_sentence: Option<(usize, usize)>,
    /// What the wording says, as written ("non-exclusive", "through 2032"); for
    /// a dropped carve-out, the distinctive words the new wording lost.
    pub says: String,
    /// What the field says, in plain words ("exclusive", "31 December 2030").
    pub typed: String,
    /// One sentence for a reader, naming the clause by `label`.
    pub message: String,
}

/// Every certain disagreement between a clause's wording and its typed
/// fields, in the order: exclusivity, end, money, percentage. Empty for a
/// clause without wording or without typed fields.
pub fn disagreements(clause: &Clause) -> Vec<Disagreement> {
    let Some(text) = clause.text_of("text") else { return Vec::new() };
    // Only a clause with a field to compare is read (prose-only clauses, Markdown's, cost nothing).
    const COMPARED: &[&str] =
        &["exclusive", "until", "exclusive-until", "amount", "minimum", "cap", "value", "rate", "stake"];
    if text.len() > super::MAX_BYTES || !clause.fields.iter().any(|f| COMPARED.contains(&f.name)) {
        return Vec::new();
    }
    // Wording with none of the words a check looks for is not read at all (most of it, in a long agreement).
    let lower = text.to_lowercase();
    let has = |names: &[&str]| names.iter().any(|n| clause.field(n).is_some());
    let wants = (
        has(&["exclusive"]) && lower.contains("exclusiv"),
        has(&["until", "exclusive-until"])
            && ["through", "until", "till", "thru", "til"].iter().any(|w| lower.contains(w)),
        has(&["amount", "minimum", "cap", "value", "rate", "stake"]) && tokens::may_state_money_or_percent(&lower),
    );
    if wants == (false, false, false) {
        return Vec::new();
    }
    let label = clause.label();
    let sentences = read(text);
    let mut out = Vec::new();
    if wants.0 {
        exclusivity(clause, &label, text, &sentences, &mut out);
    }
    if wants.1 {
        end(clause, &label, text, &sentences, &mut out);
    }
    if wants.2 {
        amounts(clause, &label, text, &sentences, &mut out);
    }
    out
}

/// A text's sentences with their words (byte ranges into the whole text).
fn read(text: &str) -> Vec<((usize, usize), Vec<Word>)> {
    segment::sentences(text)
        .into_iter()
        .map(|g| {
            let words = tokens::words(&text[g.start..g.end])
                .into_iter()
                .map(|mut w| {
                    w.start += g.start;
                    w.end += g.start;
                    w
                })
                .collect();
            ((g.start, g.end), words)
        })
        .collect()
}

/// "the typed field `exclusive` (line 12)".
fn field_ref(clause: &Clause, name: &str) -> String {
    match clause.field(name) {
        Some(f) => format!("the typed field `{name}` (line {})", f.pos.line),
        None => format!("the typed field `{name}`"),
    }
}

fn exclusivity(
    clause: &Clause,
    label: &str,
    text: &str,
    sentences: &[((usize, usize), Vec<Word>)],
    out: &mut Vec<Disagreement>,
) {
    let Some(f) = clause.field("exclusive") else { return };
    let typed_exclusive = match f.value {
        Value::Level(Level::Exclusive | Level::Sole) => true,
        Value::Level(Level::NonExclusive) => false,
        _ => return,
    };
    // Every exclusivity word of the wording: its polarity, sentence and bytes as written.
    let mut found: Vec<(bool, Span, Span)> = Vec::new();
    for (span, w) in sentences {
        for (k, x) in w.iter().enumerate() {
            let next = |n: usize| w.get(k + n).map(|y| y.norm.as_str()).unwrap_or("");
            // The polarity and how many words say it ("non exclusive" is two).
            let (polarity, used) = match x.norm.as_str() {
                "non-exclusive" | "nonexclusive" => (false, 1),
                "non" if next(1) == "exclusive" => (false, 2),
                "exclusive" | "exclusively" if k == 0 || w[k - 1].norm != "non" => (true, 1),
                _ => continue,
            };
            // "exclusive of taxes" means "not counting".
            if next(used) == "of" {
                return;
            }
            // A sublicence's exclusivity is not the grant's.
            if (used..used + 3).any(|n| next(n).starts_with("sublicen") || next(n).starts_with("sub-licen")) {
                return;
            }
            // "not exclusive", "no longer exclusive", "ceases to be exclusive": not read.
            let before = &w[k.saturating_sub(4)..k];
            if before.iter().any(|y| {
                matches!(
                    y.norm.as_str(),
                    "not" | "no" | "never" | "neither" | "nor" | "cease" | "ceases" | "ceased" | "without" | "longer"
                )
            }) {
                return;
            }
            found.push((polarity, *span, (x.start, w[k + used - 1].end)));
        }
    }
    let Some(&(says, span, (from, to))) = found.first() else { return };
    if found.iter().any(|(p, ..)| *p != says) || says == typed_exclusive {
        return;
    }
    let words = text[from..to].to_string();
    let typed = match &f.value {
        Value::Level(l) => l.name().to_string(),
        other => other.to_string(),
    };
    let message = format!(
        "The wording of \"{label}\" says \"{words}\", but {} says {typed}: which governs?",
        field_ref(clause, "exclusive"),
    );
    out.push(Disagreement {
        topic: Topic::Exclusivity,
        field: "exclusive",
        field_pos: f.pos,
        sentence: span,
        old_sentence: None,
        says: words,
        typed,
        message,
    });
}

/// The dates of an end, and whether it has a part that is not a date.
fn end_dates(v: &Value) -> Option<Vec<Date>> {
    match v {
        Value::End(e) => {
            let (dates, _) = e.parts();
            Some(dates)
        }
        Value::Date(d) => Some(vec![*d]),
        _ => None,
    }
}

fn end(
    clause: &Clause,
    label: &str,
    text: &str,
    sentences: &[((usize, usize), Vec<Word>)],
    out: &mut Vec<Disagreement>,
) {
    // The typed ends: `until` first, then a licence's `exclusive-until`.
    let ends: Vec<(&'static str, &crate::model::Field)> = ["until", "exclusive-until"]
        .into_iter()
        .filter_map(|n| clause.field(n).map(|f| (n, f)))
        .filter(|(_, f)| matches!(f.value, Value::End(_) | Value::Date(_)))
        .collect();
    let Some(&(name, field)) = ends.first() else { return };
    let dates: Vec<Date> = ends.iter().filter_map(|(_, f)| end_dates(&f.value)).flatten().collect();
    if dates.is_empty() {
        return;
    }
    // Every end the wording states: "through|until|till|thru" right before a date or a year.
    let mut stated: Vec<(Span, Span, &tokens::Quantity)> = Vec::new();
    for (span, w) in sentences {
        for (k, x) in w.iter().enumerate() {
            let Some(q) = &x.quantity else { continue };
            if !matches!(q.kind, QKind::Date | QKind::Year) || q.inconsistent || k == 0 {
                continue;
            }
            if matches!(w[k - 1].norm.as_str(), "through" | "until" | "till" | "thru" | "til") {
                stated.push((*span, (w[k - 1].start, x.end), q));
            }
        }
    }
    let Some(&(span, (from, to), q)) = stated.first() else { return };
    // One end stated, in as many words as the wording likes.
    if stated.iter().any(|(_, _, p)| p.kind != q.kind || p.value != q.value) {
        return;
    }
    let agrees = match q.kind {
        QKind::Year => dates.iter().any(|d| f64::from(d.year) == q.value),
        _ => {
            let n = q.value as i64;
            let said = (n / 10000, n / 100 % 100, n % 100);
            dates.iter().any(|d| {
                (day_number(d.year.into(), d.month.into(), d.day.into()) - day_number(said.0, said.1, said.2)).abs()
                    <= 1
            })
        }
    };
    if agrees {
        return;
    }
    let typed = field.value.plain();
    let says = text[from..to].to_string();
    let others: String = ends[1..].iter().map(|(n, f)| format!(" and `{n}` says {}", f.value.plain())).collect();
    let message = format!(
        "The wording of \"{label}\" says it runs \"{says}\", but {} says {typed}{others}: which governs?",
        field_ref(clause, name),
    );
    out.push(Disagreement {
        topic: Topic::End,
        field: name,
        field_pos: field.pos,
        sentence: span,
        old_sentence: None,
        says,
        typed,
        message,
    });
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn day_number(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Words that make a quantity approximate or a bound rather than the value.
const HEDGES: &[&str] =
    &["about", "approximately", "approx", "roughly", "around", "nearly", "almost", "over", "under", "circa", "some"];

/// The role of a sum of money from the words just before it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Cap,
    Minimum,
    Amount,
}

fn role_before(w: &[Word], k: usize) -> Role {
    let before: Vec<&str> = w[k.saturating_sub(5)..k].iter().map(|x| x.norm.as_str()).collect();
    let has = |s: &str| before.contains(&s);
    if has("cap")
        || has("capped")
        || has("exceed")
        || has("exceeds")
        || has("maximum")
        || has("limit")
        || has("limited")
        || has("up")
    {
        Role::Cap
    } else if has("minimum") || has("least") || has("floor") {
        Role::Minimum
    } else {
        Role::Amount
    }
}

/// The typed money field a sum in the wording speaks to, for this clause type.
fn money_field(clause: &Clause, role: Role) -> Option<&'static str> {
    use crate::model::schema::ClauseKind::*;
    match (clause.ctype.kind, role) {
        (Payment, Role::Cap) => Some("cap"),
        (Payment, Role::Minimum) => Some("minimum"),
        (Payment, Role::Amount) => Some("amount"),
        (Commitment, Role::Amount) => Some("amount"),
        (Equity, Role::Amount) => Some("value"),
        (LiabilityCap, Role::Cap | Role::Amount) => Some("cap"),
        _ => None,
    }
}

fn amounts(
    clause: &Clause,
    label: &str,
    text: &str,
    sentences: &[((usize, usize), Vec<Word>)],
    out: &mut Vec<Disagreement>,
) {
    let mut money: Vec<((usize, usize), &[Word], usize)> = Vec::new();
    let mut percent: Vec<((usize, usize), &[Word], usize)> = Vec::new();
    for (span, w) in sentences {
        for (k, x) in w.iter().enumerate() {
            match x.quantity.as_ref().map(|q| &q.kind) {
                Some(QKind::Money(_)) => money.push((*span, w, k)),
                Some(QKind::Percent) => percent.push((*span, w, k)),
                _ => {}
            }
        }
    }
    let hedged = |w: &[Word], k: usize| {
        let q = w[k].quantity.as_ref().expect("a quantity");
        q.inconsistent
            || q.value < 0.0
            || w[k.saturating_sub(2)..k].iter().any(|x| HEDGES.contains(&x.norm.as_str()))
            || w.get(k + 1).is_some_and(|x| {
                matches!(x.norm.as_str(), "per" | "a" | "each" | "every" | "monthly" | "annually" | "yearly")
            })
    };
    if let [(span, w, k)] = money[..]
        && !hedged(w, k)
        && let Some(name) = money_field(clause, role_before(w, k))
        && let Some(f) = clause.field(name)
        && let Value::Money { currency, amount, per: None } = &f.value
        && let Some(q) = &w[k].quantity
        && let QKind::Money(c) = &q.kind
        && c.eq_ignore_ascii_case(currency)
        && let Ok(typed) = amount.to_string().replace(',', "").parse::<f64>()
        && !same_number(typed, q.value)
    {
        out.push(stated(clause, label, (text, span, &w[k]), (name, f), Topic::Money));
    }
    let rate_field = match clause.ctype.kind {
        crate::model::schema::ClauseKind::Payment => "rate",
        crate::model::schema::ClauseKind::Equity => "stake",
        _ => return,
    };
    if let [(span, w, k)] = percent[..]
        && !hedged(w, k)
        && !matches!(role_before(w, k), Role::Cap | Role::Minimum)
        && let Some(f) = clause.field(rate_field)
        && let Value::Percent(p) = &f.value
        && let Ok(typed) = p.to_string().parse::<f64>()
        && let Some(q) = &w[k].quantity
        && !same_number(typed, q.value)
    {
        out.push(stated(clause, label, (text, span, &w[k]), (rate_field, f), Topic::Percent));
    }
}

/// The wording states `word` (in `sentence` of `text`) where the typed field says otherwise.
fn stated(
    clause: &Clause,
    label: &str,
    (text, sentence, word): (&str, (usize, usize), &Word),
    (name, f): (&'static str, &crate::model::Field),
    topic: Topic,
) -> Disagreement {
    let says = text[word.start..word.end].to_string();
    let typed = f.value.plain();
    let message = format!(
        "The wording of \"{label}\" states {says}, but {} says {typed}: which governs?",
        field_ref(clause, name)
    );
    Disagreement { topic, field: name, field_pos: f.pos, sentence, old_sentence: None, says, typed, message }
}

/// Whether two carve-out items are the same, but for spacing and case.
fn same_item(a: &str, b: &str) -> bool {
    let norm = |s: &str| crate::model::value::normalise_space(s).to_lowercase();
    norm(a) == norm(b)
}

fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Words too common to tell a carve-out from the rest of the wording.
const COMMON: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "for",
    "by",
    "with",
    "from",
    "at",
    "as",
    "is",
    "are",
    "be",
    "been",
    "was",
    "were",
    "its",
    "it",
    "their",
    "this",
    "that",
    "these",
    "those",
    "which",
    "who",
    "any",
    "all",
    "each",
    "other",
    "such",
    "only",
    "not",
    "no",
    "may",
    "shall",
    "will",
    "must",
    "can",
    "cannot",
    "has",
    "have",
    "had",
    "does",
    "do",
    "than",
    "into",
    "under",
    "within",
    "per",
    "so",
    "if",
    "unless",
    "except",
    "excluding",
    "exclude",
    "excludes",
    "excluded",
    "exclusion",
    "exclusions",
    "exception",
    "exceptions",
    "but",
    "also",
    "then",
    "there",
    "where",
    "when",
    "while",
    "own",
    "party",
    "parties",
    "agreement",
    "rights",
    "right",
    "ip",
    "our",
    "we",
    "us",
    "you",
    "your",
];

/// The distinctive words of a phrase: lower case, hyphenated words also in
/// their parts, plural "s" dropped, common words and party names left out.
fn distinctive(phrase: &str, names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in tokens::words(phrase) {
        if w.quantity.is_some() {
            continue;
        }
        let mut forms = vec![w.norm.clone()];
        if w.norm.contains('-') {
            forms.extend(w.norm.split('-').map(str::to_string));
        }
        for f in forms {
            let f = stem(f.trim_end_matches("'s").trim_matches(|c: char| !c.is_alphanumeric()));
            if f.len() < 3 || COMMON.contains(&f.as_str()) || names.contains(&f) || out.contains(&f) {
                continue;
            }
            out.push(f);
        }
    }
    out
}

fn stem(w: &str) -> String {
    let w = w.to_lowercase();
    match w.strip_suffix('s') {
        Some(s) if s.len() >= 3 && !s.ends_with('s') => s.to_string(),
        _ => w,
    }
}

/// The words of a text in the form [`distinctive`] gives them.
fn word_set(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in tokens::words(text) {
        out.push(stem(w.norm.trim_end_matches("'s")));
        if w.norm.contains('-') {
            out.extend(w.norm.split('-').map(stem));
        }
    }
    out
}

/// Items of carve-out lists (`exclusions`, `exceptions`, `unless`) that both
/// versions of a clause keep in their typed fields, whose distinctive words
/// the old wording used (at least half of them, in one sentence) and the new
/// wording uses none of: the wording dropped a carve-out the field still has.
/// `names` are the parties' keys and names in lower case, never distinctive.
pub fn dropped_exceptions(old: &Clause, new: &Clause, names: &[String]) -> Vec<Disagreement> {
    let (Some(old_text), Some(new_text)) = (old.text_of("text"), new.text_of("text")) else { return Vec::new() };
    if old_text.len() + new_text.len() > super::MAX_BYTES || new_text.trim().is_empty() {
        return Vec::new();
    }
    // Nothing is dropped from wording that did not change, or where no carve-out is kept in both versions.
    let kept = |spec: &&crate::model::schema::FieldSpec| {
        matches!((old.value(spec.name), new.value(spec.name)), (Some(Value::List(was)), Some(Value::List(now)))
            if now.iter().any(|i| was.iter().any(|w| same_item(w, i))))
    };
    if old_text == new_text
        || !new.ctype.fields.iter().filter(|s| matches!(s.effect, Effect::Exception { .. })).any(|s| kept(&s))
    {
        return Vec::new();
    }
    let names: Vec<String> =
        names.iter().flat_map(|n| tokens::words(n).into_iter().map(|w| stem(w.norm.trim_end_matches("'s")))).collect();
    let new_words = word_set(new_text);
    let old_sentences: Vec<((usize, usize), Vec<String>)> = segment::sentences(old_text)
        .into_iter()
        .map(|g| ((g.start, g.end), word_set(&old_text[g.start..g.end])))
        .collect();
    let label = new.label();
    let mut out = Vec::new();
    for spec in new.ctype.fields.iter().filter(|s| matches!(s.effect, Effect::Exception { .. })) {
        let (Some(Value::List(was)), Some(f)) = (old.value(spec.name), new.field(spec.name)) else { continue };
        let Value::List(now) = &f.value else { continue };
        for item in now {
            if !was.iter().any(|w| same_item(w, item)) {
                continue;
            }
            let words = distinctive(item, &names);
            if words.is_empty() || words.iter().any(|w| new_words.contains(w)) {
                continue;
            }
            let need = words.len().div_ceil(2);
            let Some((span, ws)) =
                old_sentences.iter().find(|(_, ws)| words.iter().filter(|w| ws.contains(w)).count() >= need)
            else {
                continue;
            };
            // The words the old wording had and the new one dropped.
            let dropped: Vec<&str> = words.iter().filter(|w| ws.contains(w)).map(String::as_str).collect();
            let what = match spec.name {
                "exclusions" => "exclusion",
                "unless" => "exception (unless)",
                _ => "exception",
            };
            let message = format!(
                "The wording of \"{label}\" no longer mentions the {what} \"{item}\", but {} still lists it: which governs?",
                field_ref(new, spec.name)
            );
            out.push(Disagreement {
                topic: Topic::Exception,
                field: spec.name,
                field_pos: f.pos,
                sentence: (0, new_text.len()),
                old_sentence: Some(*span),
                says: dropped.join(" "),
                typed: item.clone(),
                message,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{LoadOptions, load_str};

    /// The clauses of a one-clause agreement with these fields.
    fn clause(fields: &str) -> Clause {
        let yaml = format!(
            "agreement: t\nparties:\n  acme: {{name: Acme Corp., short: Acme}}\n  beta: {{name: Beta LLC, short: Beta}}\nclauses:\n  - id: c\n    title: Grant\n{fields}"
        );
        let a = load_str(&yaml, "t.yaml", &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
        a.clauses.into_iter().next().unwrap()
    }

    fn licence(extra: &str, text: &str) -> Clause {
        clause(&format!("    type: license\n    licensor: acme\n    licensee: beta\n{extra}    text: \"{text}\"\n"))
    }

    fn topics(c: &Clause) -> Vec<Topic> {
        disagreements(c).into_iter().map(|d| d.topic).collect()
    }

    #[test]
    fn exclusivity_words_against_the_field() {
        let c = licence("    exclusive: true\n", "Acme grants Beta a non-exclusive licence to the Software.");
        let d = disagreements(&c);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].topic, d[0].field), (Topic::Exclusivity, "exclusive"));
        assert!(d[0].message.contains("says \"non-exclusive\""), "{}", d[0].message);
        assert!(d[0].message.contains("`exclusive` (line"), "{}", d[0].message);
        let c = licence("    exclusive: false\n", "Acme grants Beta an exclusive licence to the Software.");
        assert_eq!(topics(&c), [Topic::Exclusivity]);
        let c = licence("    exclusive: sole\n", "Acme grants Beta a non exclusive licence.");
        assert_eq!(topics(&c), [Topic::Exclusivity]);
        // Agreeing, silent, doubtful or about something else: nothing.
        for (field, text) in [
            ("true", "Acme grants Beta an exclusive licence."),
            ("false", "Acme grants Beta a non-exclusive licence."),
            ("true", "Acme grants Beta a licence."),
            ("true", "The licence was exclusive until 2025 and is non-exclusive from then on."),
            ("false", "The licence is no longer exclusive."),
            ("false", "Fees are exclusive of taxes."),
            ("true", "Beta may grant non-exclusive sublicenses."),
            ("co-exclusive", "Acme grants Beta a non-exclusive licence."),
            ("undisclosed", "Acme grants Beta an exclusive licence."),
        ] {
            let c = licence(&format!("    exclusive: {field}\n"), text);
            assert!(disagreements(&c).is_empty(), "{field} / {text}: {:?}", disagreements(&c));
        }
    }

    #[test]
    fn an_end_stated_in_the_wording_against_until() {
        let c = licence("    until: 2030-12-31\n", "Beta holds the licence through 2032.");
        let d = disagreements(&c);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].topic, d[0].field, d[0].says.as_str()), (Topic::End, "until", "through 2032"));
        assert!(d[0].message.contains("31 December 2030"), "{}", d[0].message);
        let c = licence("    until: 2030-12-31\n", "The licence lasts until December 31, 2031.");
        assert_eq!(topics(&c), [Topic::End]);
        for (until, text) in [
            ("2032-12-31", "Beta holds the licence through 2032."),
            ("2030-12-31", "The licence lasts until December 31, 2030."),
            ("2030-12-31", "The licence lasts until January 1, 2031."),
            ("2030-12-31", "The licence lasts until 2030-12-31."),
            // An earliest-of: the year of any of its dates.
            (
                "{earliest: [{event: AGI is verified}, 2030-12-31]}",
                "until AGI is verified or through 2030, whichever is first",
            ),
            // An event only, or undisclosed: not compared.
            ("{event: AGI is verified}", "Beta holds the licence through 2032."),
            ("undisclosed", "Beta holds the licence through 2032."),
            // Two different ends stated: not certain which is the clause's.
            ("2030-12-31", "Exclusive through 2029, then non-exclusive through 2031."),
            // A year that is not an end.
            ("2030-12-31", "Beta paid in 2032."),
        ] {
            let c = licence(&format!("    until: {until}\n"), text);
            assert!(!topics(&c).contains(&Topic::End), "{until} / {text}: {:?}", disagreements(&c));
        }
        // A licence's exclusive-until is an end too.
        let c = licence(
            "    exclusive: true\n    exclusive-until: 2028-12-31\n    until: 2032-12-31\n",
            "Exclusive through 2028.",
        );
        assert!(disagreements(&c).is_empty(), "{:?}", disagreements(&c));
        let c = licence(
            "    exclusive: true\n    exclusive-until: 2028-12-31\n    until: 2032-12-31\n",
            "Exclusive through 2029.",
        );
        let d = disagreements(&c);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.ends_with(
                "says it runs \"through 2029\", but the typed field `until` (line 13) says 31 December 2032 and \
                 `exclusive-until` says 31 December 2028: which governs?"
            ),
            "{}",
            d[0].message
        );
    }

    fn payment(extra: &str, text: &str) -> Clause {
        clause(&format!("    type: payment\n    payer: acme\n    payee: beta\n{extra}    text: \"{text}\"\n"))
    }

    #[test]
    fn one_amount_or_rate_in_the_wording_against_its_field() {
        let c = payment("    amount: USD 5,000\n", "Acme shall pay Beta $7,500 on signing.");
        let d = disagreements(&c);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].topic, d[0].field, d[0].says.as_str()), (Topic::Money, "amount", "$7,500"));
        let c = payment("    cap: USD 38 billion\n", "Payments are subject to a total cap of $40 billion.");
        assert_eq!(topics(&c), [Topic::Money]);
        let c = payment("    rate: 20%\n", "Acme pays Beta a revenue share of 15%.");
        assert_eq!(topics(&c), [Topic::Percent]);
        for (extra, text) in [
            ("    amount: USD 5,000\n", "Acme shall pay Beta five thousand dollars on signing."),
            ("    amount: USD 5,000\n", "Acme shall pay Beta US $5,000."),
            ("    cap: USD 38 billion\n", "subject to a total cap of USD 38,000,000,000"),
            // Two sums: not certain which is which.
            ("    amount: USD 5,000\n", "Acme pays $7,500, then $5,000 a year."),
            // Hedged, or recurring in the wording.
            ("    amount: USD 5,000\n", "Acme pays about $5,100."),
            ("    amount: USD 5,000\n", "Acme pays $500 per month."),
            // The sum speaks to a field the clause does not type.
            ("    amount: USD 5,000\n", "Payments are capped at $9,000."),
            // Another currency, an undisclosed or recurring field.
            ("    amount: EUR 5,000\n", "Acme pays $7,500."),
            ("    amount: undisclosed\n", "Acme pays $7,500."),
            ("    amount: USD 1,000 per month\n", "Acme pays $12,000."),
            ("    rate: 20%\n", "Acme pays 20 percent of revenue."),
            ("    rate: undisclosed\n", "Acme pays 20% of revenue."),
            ("    rate: 20%\n", "Acme pays 20% of net revenue, or 25% of gross."),
        ] {
            let c = payment(extra, text);
            assert!(disagreements(&c).is_empty(), "{extra} / {text}: {:?}", disagreements(&c));
        }
    }

    #[test]
    fn the_shipped_wording_of_commitments_and_stakes_agrees() {
        let commitment = |amount: &str| {
            clause(&format!(
                "    type: commitment\n    committer: acme\n    counterparty: beta\n    amount: {amount}\n    text: \"Acme has contracted to purchase an incremental $250B of Beta services.\"\n"
            ))
        };
        assert!(disagreements(&commitment("USD 250 billion")).is_empty());
        let stake = clause(
            "    type: equity\n    holder: acme\n    issuer: beta\n    stake: 27%\n    value: USD 135 billion\n    text: \"valued at approximately $135 billion, representing roughly 27 percent\"\n",
        );
        assert!(disagreements(&stake).is_empty());
        let stake = clause(
            "    type: equity\n    holder: acme\n    issuer: beta\n    stake: 27%\n    value: USD 135 billion\n    text: \"valued at $150 billion, representing 32.5 percent\"\n",
        );
        assert_eq!(topics(&stake), [Topic::Money, Topic::Percent]);
    }

    #[test]
    fn a_carve_out_the_new_wording_dropped() {
        let fields = "    exclusions: [OpenAI consumer hardware]\n";
        let yaml = |text: &str| {
            clause(&format!(
                "    type: license\n    licensor: acme\n    licensee: beta\n{fields}    text: \"{text}\"\n"
            ))
        };
        let old = yaml("Beta maintains its licence through 2032. Beta's IP rights exclude OpenAI's consumer hardware.");
        let new = yaml("Beta will continue to have a licence to the IP through 2032.");
        let names = vec!["acme".to_string(), "beta".to_string(), "OpenAI".to_string()];
        let d = dropped_exceptions(&old, &new, &names);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].topic, d[0].field), (Topic::Exception, "exclusions"));
        assert_eq!(d[0].says, "consumer hardware");
        assert!(
            d[0].message.starts_with(
                "The wording of \"Grant\" no longer mentions the exclusion \"OpenAI consumer hardware\", but the typed field `exclusions`"
            ),
            "{}",
            d[0].message
        );
        // Still mentioned (in part), never mentioned, or no longer typed: nothing.
        let kept = yaml("Beta will continue to have a licence, except for consumer devices.");
        assert!(dropped_exceptions(&old, &kept, &names).is_empty());
        let never = yaml("Beta maintains its licence through 2032.");
        assert!(dropped_exceptions(&never, &new, &names).is_empty());
        let untyped = licence("", "Beta will continue to have a licence to the IP through 2032.");
        assert!(dropped_exceptions(&old, &untyped, &names).is_empty());
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2031, 1, 1) - day_number(2030, 12, 31), 1);
        assert_eq!(day_number(2024, 3, 1) - day_number(2024, 2, 28), 2);
    }
}
