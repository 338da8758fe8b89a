//! The JSON report: a stable contract for other programs (see docs/json.md).
//!
//! Written straight from the report through borrowed view structs that
//! derive `Serialize`, so a long text is never copied. Typed values, whose
//! shape depends on their kind, serialise by hand ([`JsonValue`]). Strings
//! are written by [`Escaping`], which escapes what serde_json leaves raw.

use std::io;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::ser::{Formatter, PrettyFormatter};

use super::Renderer;
use crate::model::{End, Value};
use crate::report::{DirReport, Finding, Lone, Report, Shown, Side, Stale, WordOp};

/// The version of the JSON contract.
pub const SCHEMA_VERSION: u32 = 1;

/// The JSON report.
pub struct Json;

impl Renderer for Json {
    fn report(&self, report: &Report) -> String {
        to_string(&JsonReport::of(report))
    }

    fn directory(&self, d: &DirReport) -> String {
        to_string(&JsonDirectory {
            schema_version: SCHEMA_VERSION,
            added: d.added.iter().map(JsonLone::of).collect(),
            removed: d.removed.iter().map(JsonLone::of).collect(),
            reports: d.reports.iter().map(JsonReport::of).collect(),
            stale_acknowledgements: d.stale.iter().map(JsonStale::of).collect(),
        })
    }

    fn log(&self, steps: &[Report]) -> String {
        to_string(&JsonLog { schema_version: SCHEMA_VERSION, steps: steps.iter().map(JsonReport::of).collect() })
    }
}

/// Pretty JSON with a final newline.
fn to_string<T: Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Escaping::default());
    value.serialize(&mut ser).expect("the report serialises");
    out.push(b'\n');
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// serde_json's pretty layout, with strings that also escape, as `\uXXXX`,
/// the characters serde_json writes raw but a reader should never get raw:
/// C1 controls (U+0080–U+009F) and every invisible or bidirectional
/// character of [`crate::safe::is_invisible`] (U+202E, U+2066–U+2069,
/// U+200E/F, U+061C, zero-width characters, U+2028/U+2029...). A parser
/// reads the same text back; other non-ASCII text (é, –) stays UTF-8.
///
/// It also breaks workflow commands ([`crate::safe::command_breaks`]): a
/// string value never starts a line of pretty JSON, so `::` cannot start a
/// command, but `##[` anywhere could; it is written `#\u0023[`.
#[derive(Default)]
struct Escaping {
    pretty: PrettyFormatter<'static>,
}

/// Whether a JSON string must escape this character (beyond what
/// serde_json escapes: `"`, `\\` and C0 controls).
fn json_escapes(c: char) -> bool {
    c.is_control() || crate::safe::is_invisible(c)
}

impl Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        // serde_json hands over the runs of characters it does not escape
        // itself; `#` and `[` are never escaped, so a `##[` is always whole
        // in one run.
        let mut breaks = crate::safe::command_breaks(fragment, false).into_iter().peekable();
        if breaks.peek().is_none() && fragment.is_ascii() {
            return w.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if breaks.next_if_eq(&i).is_some() || json_escapes(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(w, "\\u{unit:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_array(w)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array(w)
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(w)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object(w)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object(w)
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(w)
    }
}

#[derive(Serialize)]
struct JsonDirectory<'a> {
    schema_version: u32,
    added: Vec<JsonLone<'a>>,
    removed: Vec<JsonLone<'a>>,
    reports: Vec<JsonReport<'a>>,
    stale_acknowledgements: Vec<JsonStale<'a>>,
}

#[derive(Serialize)]
struct JsonLog<'a> {
    schema_version: u32,
    steps: Vec<JsonReport<'a>>,
}

#[derive(Serialize)]
struct JsonLone<'a> {
    path: &'a str,
    agreement: &'a str,
}

impl<'a> JsonLone<'a> {
    fn of(l: &'a Lone) -> Self {
        JsonLone { path: &l.path, agreement: &l.agreement }
    }
}

/// A whole report.
#[derive(Serialize)]
struct JsonReport<'a> {
    schema_version: u32,
    old: JsonSide<'a>,
    new: JsonSide<'a>,
    perspective: &'a Option<String>,
    summary: Counts,
    findings: Findings<'a>,
    unchanged: Vec<Unchanged<'a>>,
    headline: Option<String>,
    net_effect: Vec<String>,
    unchanged_key_terms: Vec<KeyTerm<'a>>,
    caveat: &'a Option<String>,
    stale_acknowledgements: Vec<JsonStale<'a>>,
}

impl<'a> JsonReport<'a> {
    fn of(r: &'a Report) -> Self {
        let count = |m| r.findings.iter().filter(|f| f.materiality() == m).count();
        use crate::rules::Materiality::*;
        JsonReport {
            schema_version: SCHEMA_VERSION,
            old: JsonSide::of(&r.old),
            new: JsonSide::of(&r.new),
            perspective: &r.perspective,
            summary: Counts {
                commercial: count(Commercial),
                substantive: count(Substantive),
                clarification: count(Clarification),
                administrative: count(Administrative),
            },
            findings: Findings(r),
            unchanged: r.unchanged.iter().map(|(clause, sentence)| Unchanged { clause, sentence }).collect(),
            headline: super::narrative::headline(r),
            net_effect: super::narrative::net_effect(r),
            unchanged_key_terms: r.key_terms.iter().map(|(label, sentence)| KeyTerm { label, sentence }).collect(),
            caveat: &r.caveat,
            stale_acknowledgements: r.stale.iter().map(JsonStale::of).collect(),
        }
    }
}

#[derive(Serialize)]
struct JsonSide<'a> {
    path: &'a str,
    agreement: &'a str,
    version: &'a Option<String>,
}

impl<'a> JsonSide<'a> {
    fn of(s: &'a Side) -> Self {
        JsonSide { path: &s.path, agreement: &s.agreement, version: &s.version }
    }
}

#[derive(Serialize)]
struct Counts {
    commercial: usize,
    substantive: usize,
    clarification: usize,
    administrative: usize,
}

#[derive(Serialize)]
struct KeyTerm<'a> {
    label: &'a str,
    sentence: &'a str,
}

#[derive(Serialize)]
struct Unchanged<'a> {
    clause: &'a str,
    sentence: &'a str,
}

/// A stale acknowledgement.
#[derive(Serialize)]
struct JsonStale<'a> {
    agreement: &'a str,
    rule: &'a str,
    clause: &'a Option<String>,
    field: &'a Option<String>,
    change: &'a str,
    reason: &'a str,
    file: &'a str,
    line: u32,
    why: &'static str,
    changes_now: &'a [String],
}

impl<'a> JsonStale<'a> {
    fn of(s: &'a Stale) -> Self {
        let a = &s.ack;
        JsonStale {
            agreement: &a.agreement,
            rule: &a.rule,
            clause: &a.clause,
            field: &a.field,
            change: &a.change,
            reason: &a.reason,
            file: &a.file,
            line: a.line,
            why: if s.now.is_empty() { "no-finding" } else { "change-differs" },
            changes_now: &s.now,
        }
    }
}

/// One finding.
#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'static str,
    materiality: &'static str,
    title: &'static str,
    clause: &'a Option<String>,
    label: &'a str,
    field: &'a Option<String>,
    old: Option<JsonShown<'a>>,
    new: Option<JsonShown<'a>>,
    favours: &'a [String],
    disfavours: &'a [String],
    direction: &'static str,
    cuts_both_ways_for: &'a [String],
    message: &'a str,
    old_line: Option<u32>,
    new_line: Option<u32>,
    removed_at: Option<JsonAnchor>,
    words: Option<Words<'a>>,
    source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a crate::report::Evidence>,
    change: &'a str,
    acknowledged: Option<Reason<'a>>,
    impact: Option<&'static str>,
}

impl<'a> JsonFinding<'a> {
    fn of(r: &'a Report, f: &'a Finding) -> Self {
        JsonFinding {
            rule: f.rule.id(),
            materiality: f.materiality().name(),
            title: f.rule.info().title,
            clause: &f.clause,
            label: &f.label,
            field: &f.field,
            old: f.old.as_ref().map(JsonShown),
            new: f.new.as_ref().map(JsonShown),
            favours: &f.favours,
            disfavours: &f.disfavours,
            direction: f.direction(),
            cuts_both_ways_for: &f.mixed,
            message: &f.message,
            old_line: f.old_line,
            new_line: f.new_line,
            removed_at: f.anchor.map(|a| JsonAnchor { new_line: a.line, place: a.place.name() }),
            words: f.words.as_deref().map(Words),
            source: f.source(),
            evidence: f.evidence.as_deref(),
            change: f.change(),
            acknowledged: f.acknowledged.as_deref().map(|reason| Reason { reason }),
            impact: r.impact(f).map(|i| i.name()),
        }
    }
}

/// A report's findings, each viewed as it is written: a large report is
/// never held twice (measured: collecting the views first cost 1% more
/// instructions and 0.8 MB more memory on the 10,000-clause benchmark pair).
struct Findings<'a>(&'a Report);

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.findings.iter().map(|f| JsonFinding::of(self.0, f)))
    }
}

/// A word diff, each piece viewed as it is written.
struct Words<'a>(&'a [WordOp]);

impl Serialize for Words<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(Word::of))
    }
}

/// Where something removed stood in the new file.
#[derive(Serialize)]
struct JsonAnchor {
    new_line: u32,
    place: &'static str,
}

#[derive(Serialize)]
struct Reason<'a> {
    reason: &'a str,
}

#[derive(Serialize)]
struct Word<'a> {
    op: &'static str,
    text: &'a str,
}

impl<'a> Word<'a> {
    fn of(w: &'a WordOp) -> Self {
        let (op, text) = match w {
            WordOp::Same(t) => ("same", t),
            WordOp::Deleted(t) => ("deleted", t),
            WordOp::Inserted(t) => ("inserted", t),
        };
        Word { op, text }
    }
}

/// A value or a whole clause as compact JSON (what a change's digest is
/// made of, [`crate::report::Finding::change`]): serde_json's own compact
/// form, the same on every run and machine.
pub(crate) fn write_compact<W: io::Write>(w: &mut W, shown: &Shown) {
    serde_json::to_writer(w, &JsonShown(shown)).expect("a value serialises");
}

/// A value or a whole clause.
struct JsonShown<'a>(&'a Shown);

impl Serialize for JsonShown<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Shown::Value(v) => JsonValue(v).serialize(s),
            Shown::Clause { clause_type, fields } => {
                let mut m = s.serialize_map(Some(3))?;
                m.serialize_entry("type", "clause")?;
                m.serialize_entry("clause_type", clause_type)?;
                m.serialize_entry("fields", &Fields(fields))?;
                m.end()
            }
        }
    }
}

/// A clause's fields, in schema order.
struct Fields<'a>(&'a [(&'static str, Value)]);

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, &JsonValue(v))?;
        }
        m.end()
    }
}

/// A typed value: always an object with `type`; its other keys depend on
/// the kind of value (docs/json.md).
struct JsonValue<'a>(&'a Value);

impl Serialize for JsonValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("type", v.type_name())?;
        match v {
            Value::Undisclosed => {}
            Value::Party(p) => m.serialize_entry("value", p)?,
            Value::Parties(ps) => m.serialize_entry("items", ps)?,
            Value::Mutual => {}
            Value::Multiple(x) => {
                m.serialize_entry("multiple", &x.multiple.plain())?;
                m.serialize_entry("of", &x.of)?;
                if let Some(p) = &x.period {
                    m.serialize_entry("period", &JsonDuration(p))?;
                }
            }
            Value::Percent(d) => m.serialize_entry("value", &d.plain())?,
            Value::Money { currency, amount, per } => {
                m.serialize_entry("currency", currency)?;
                m.serialize_entry("amount", &amount.plain())?;
                if let Some(p) = per {
                    m.serialize_entry("per", p.name())?;
                }
            }
            Value::Date(d) => m.serialize_entry("value", &d.to_string())?,
            Value::End(e) => end_entries(&mut m, e)?,
            Value::Duration(d) => duration_entries(&mut m, d)?,
            Value::List(items) => m.serialize_entry("items", items)?,
            Value::Flag(b) => m.serialize_entry("value", b)?,
            Value::Level(l) => m.serialize_entry("value", l.name())?,
            Value::Modality(x) => m.serialize_entry("value", x.name())?,
            Value::Text(t) => m.serialize_entry("value", t.as_str())?,
        }
        m.end()
    }
}

fn duration_entries<M: SerializeMap>(m: &mut M, d: &crate::model::Duration) -> Result<(), M::Error> {
    m.serialize_entry("count", &d.count)?;
    m.serialize_entry("unit", d.to_string().split_once(' ').map(|x| x.1).unwrap_or(""))
}

/// A look-back period: a duration value of its own.
struct JsonDuration<'a>(&'a crate::model::Duration);

impl Serialize for JsonDuration<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("type", "duration")?;
        duration_entries(&mut m, self.0)?;
        m.end()
    }
}

fn end_entries<M: SerializeMap>(m: &mut M, e: &End) -> Result<(), M::Error> {
    match e {
        End::Date(d) => m.serialize_entry("date", &d.to_string()),
        End::Event(s) => m.serialize_entry("event", s),
        End::Earliest(items) => {
            let items: Vec<JsonEnd> = items.iter().map(JsonEnd).collect();
            m.serialize_entry("earliest", &items)
        }
    }
}

struct JsonEnd<'a>(&'a End);

impl Serialize for JsonEnd<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("type", "end")?;
        end_entries(&mut m, self.0)?;
        m.end()
    }
}

/// `check --format json`: every error and warning as {file, line, column,
/// severity, message} (`line` and `column` are null for an error of the
/// whole file; `severity` is `error` or `warning`).
pub fn check_errors(errors: &[(crate::load::LoadError, &'static str)]) -> String {
    #[derive(Serialize)]
    struct JsonError<'a> {
        file: &'a str,
        line: Option<u32>,
        column: Option<u32>,
        severity: &'static str,
        message: &'a str,
    }
    let list: Vec<JsonError> = errors
        .iter()
        .map(|&(ref e, severity)| JsonError {
            file: &e.file,
            line: e.pos.map(|p| p.line),
            column: e.pos.map(|p| p.col),
            severity,
            message: &e.message,
        })
        .collect();
    to_string(&list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(s: &str) -> String {
        to_string(&s)
    }

    #[test]
    fn escapes_bidi_c1_and_invisible_characters_but_not_other_text() {
        let out = json("a\u{202E}b\u{2066}c\u{2069}\u{200E}\u{200F}\u{061C}\u{85}\u{9F}\u{200B}\u{2028}");
        assert_eq!(out, "\"a\\u202eb\\u2066c\\u2069\\u200e\\u200f\\u061c\\u0085\\u009f\\u200b\\u2028\"\n");
        // Outside the Basic Multilingual Plane: a surrogate pair, as JSON has it.
        assert_eq!(json("x\u{E0100}"), "\"x\\udb40\\udd00\"\n");
        // Other non-ASCII stays UTF-8; serde_json's own escapes are kept.
        assert_eq!(json("Café – \"q\"\n"), "\"Café – \\\"q\\\"\\n\"\n");
        for s in ["a\u{202E}b", "é\u{E0100}–\u{9F}"] {
            assert_eq!(serde_json::from_str::<String>(&json(s)).unwrap(), s);
        }
    }

    #[test]
    fn breaks_workflow_commands() {
        assert_eq!(json("##[stop-commands]x"), "\"#\\u0023[stop-commands]x\"\n");
        assert_eq!(json("a\n##[x"), "\"a\\n#\\u0023[x\"\n");
        // Never at the start of a line of JSON, so left as it is.
        assert_eq!(json("::add-mask::x"), "\"::add-mask::x\"\n");
        assert_eq!(serde_json::from_str::<String>(&json("é ##[x")).unwrap(), "é ##[x");
    }

    #[test]
    fn keeps_the_pretty_layout() {
        let v = serde_json::json!({"a": [1, {"b": "c\u{202e}"}], "d": {}});
        assert_eq!(
            to_string(&v),
            format!("{}\n", serde_json::to_string_pretty(&v).unwrap().replace('\u{202e}', "\\u202e"))
        );
    }
}
