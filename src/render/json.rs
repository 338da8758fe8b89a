//! The JSON report: a stable contract for other programs (see docs/json.md).
//!
//! Written straight from the report through `Serialize`, without building an
//! intermediate JSON tree, so that a long text is never held twice.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::model::{End, Value};
use crate::report::{Finding, Report, Shown, Side, WordOp};

pub const SCHEMA_VERSION: u32 = 1;

pub fn render(report: &Report) -> String {
    to_string(&JsonReport(report))
}

/// Pretty JSON with a final newline.
pub fn to_string<T: Serialize>(value: &T) -> String {
    let mut out = serde_json::to_vec_pretty(value).expect("the report serialises");
    out.push(b'\n');
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// A whole report.
pub struct JsonReport<'a>(pub &'a Report);

impl Serialize for JsonReport<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("schema_version", &SCHEMA_VERSION)?;
        m.serialize_entry("old", &JsonSide(&r.old))?;
        m.serialize_entry("new", &JsonSide(&r.new))?;
        m.serialize_entry("perspective", &r.perspective)?;
        m.serialize_entry("summary", &Summary(r))?;
        m.serialize_entry("findings", &Seq(r.findings.iter().map(|f| JsonFinding(r, f)).collect()))?;
        m.serialize_entry("unchanged", &Seq(r.unchanged.iter().map(|(c, s)| Unchanged(c, s)).collect()))?;
        m.serialize_entry("stale_acknowledgements", &Seq(r.stale.iter().map(Stale).collect()))?;
        m.end()
    }
}

/// A sequence of serialisable items.
pub struct Seq<T>(pub Vec<T>);

impl<T: Serialize> Serialize for Seq<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for item in &self.0 {
            seq.serialize_element(item)?;
        }
        seq.end()
    }
}

struct JsonSide<'a>(&'a Side);

impl Serialize for JsonSide<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("path", &self.0.path)?;
        m.serialize_entry("agreement", &self.0.agreement)?;
        m.serialize_entry("version", &self.0.version)?;
        m.end()
    }
}

struct Summary<'a>(&'a Report);

impl Serialize for Summary<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        for (materiality, n) in self.0.summary() {
            m.serialize_entry(materiality.name(), &n)?;
        }
        m.end()
    }
}

struct Unchanged<'a>(&'a str, &'a str);

impl Serialize for Unchanged<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("clause", self.0)?;
        m.serialize_entry("sentence", self.1)?;
        m.end()
    }
}

/// An acknowledgement that matched no finding.
pub struct Stale<'a>(pub &'a crate::ack::Ack);

impl Serialize for Stale<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = self.0;
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("rule", &a.rule)?;
        m.serialize_entry("clause", &a.clause)?;
        m.serialize_entry("field", &a.field)?;
        m.serialize_entry("reason", &a.reason)?;
        m.serialize_entry("file", &a.file)?;
        m.serialize_entry("line", &a.line)?;
        m.end()
    }
}

/// One finding.
pub struct JsonFinding<'a>(pub &'a Report, pub &'a Finding);

impl Serialize for JsonFinding<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (r, f) = (self.0, self.1);
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("rule", f.rule.id)?;
        m.serialize_entry("materiality", f.materiality().name())?;
        m.serialize_entry("title", f.rule.title)?;
        m.serialize_entry("clause", &f.clause)?;
        m.serialize_entry("label", &f.label)?;
        m.serialize_entry("field", &f.field)?;
        m.serialize_entry("old", &f.old.as_ref().map(JsonShown))?;
        m.serialize_entry("new", &f.new.as_ref().map(JsonShown))?;
        m.serialize_entry("favours", &f.favours)?;
        m.serialize_entry("disfavours", &f.disfavours)?;
        m.serialize_entry("message", &f.message)?;
        m.serialize_entry("old_line", &f.old_line)?;
        m.serialize_entry("new_line", &f.new_line)?;
        m.serialize_entry("words", &f.words.as_ref().map(|w| Seq(w.iter().map(Word).collect())))?;
        m.serialize_entry("acknowledged", &f.acknowledged.as_ref().map(Reason))?;
        m.serialize_entry("impact", &r.impact(f).map(|i| i.name()))?;
        m.end()
    }
}

struct Reason<'a>(&'a String);

impl Serialize for Reason<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry("reason", self.0)?;
        m.end()
    }
}

struct Word<'a>(&'a WordOp);

impl Serialize for Word<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (op, text) = match self.0 {
            WordOp::Same(t) => ("same", t),
            WordOp::Deleted(t) => ("deleted", t),
            WordOp::Inserted(t) => ("inserted", t),
        };
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("op", op)?;
        m.serialize_entry("text", text)?;
        m.end()
    }
}

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

/// A typed value: always an object with `type`.
pub struct JsonValue<'a>(pub &'a Value);

impl Serialize for JsonValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("type", v.type_name())?;
        match v {
            Value::Undisclosed => {}
            Value::Party(p) => m.serialize_entry("value", p)?,
            Value::Percent(d) => m.serialize_entry("value", &d.plain())?,
            Value::Money { currency, amount } => {
                m.serialize_entry("currency", currency)?;
                m.serialize_entry("amount", &amount.plain())?;
            }
            Value::Date(d) => m.serialize_entry("value", &d.to_string())?,
            Value::End(e) => end_entries(&mut m, e)?,
            Value::Duration(d) => {
                m.serialize_entry("count", &d.count)?;
                m.serialize_entry("unit", d.to_string().split_once(' ').map(|x| x.1).unwrap_or(""))?;
            }
            Value::List(items) => m.serialize_entry("items", items)?,
            Value::Flag(b) => m.serialize_entry("value", b)?,
            Value::Level(l) => m.serialize_entry("value", l.name())?,
            Value::Modality(x) => m.serialize_entry("value", x.name())?,
            Value::Text(t) => m.serialize_entry("value", t.as_str())?,
        }
        m.end()
    }
}

fn end_entries<M: SerializeMap>(m: &mut M, e: &End) -> Result<(), M::Error> {
    match e {
        End::Date(d) => m.serialize_entry("date", &d.to_string()),
        End::Event(s) => m.serialize_entry("event", s),
        End::Earliest(items) => m.serialize_entry("earliest", &Seq(items.iter().map(JsonEnd).collect())),
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
