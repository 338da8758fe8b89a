//! The JSON report: a stable contract for other programs (see docs/json.md).

use serde_json::{Map, Value as J, json};

use crate::model::{End, Value};
use crate::report::{Finding, Report, Shown, WordOp};

pub const SCHEMA_VERSION: u32 = 1;

pub fn render(report: &Report) -> String {
    let mut out = serde_json::to_string_pretty(&to_json(report)).expect("JSON values always serialise");
    out.push('\n');
    out
}

pub fn to_json(report: &Report) -> J {
    let side = |s: &crate::report::Side| json!({"path": s.path, "agreement": s.agreement, "version": s.version});
    let mut summary = Map::new();
    for (m, n) in report.summary() {
        summary.insert(m.name().to_string(), json!(n));
    }
    json!({
        "schema_version": SCHEMA_VERSION,
        "old": side(&report.old),
        "new": side(&report.new),
        "perspective": report.perspective,
        "summary": summary,
        "findings": report.findings.iter().map(|f| finding(report, f)).collect::<Vec<_>>(),
        "unchanged": report.unchanged.iter().map(|(c, s)| json!({"clause": c, "sentence": s})).collect::<Vec<_>>(),
        "stale_acknowledgements": report.stale.iter().map(|a| json!({
            "rule": a.rule, "clause": a.clause, "field": a.field, "reason": a.reason, "file": a.file, "line": a.line,
        })).collect::<Vec<_>>(),
    })
}

pub fn finding(report: &Report, f: &Finding) -> J {
    json!({
        "rule": f.rule.id,
        "materiality": f.materiality().name(),
        "title": f.rule.title,
        "clause": f.clause,
        "label": f.label,
        "field": f.field,
        "old": f.old.as_ref().map(shown),
        "new": f.new.as_ref().map(shown),
        "favours": f.favours,
        "disfavours": f.disfavours,
        "message": f.message,
        "old_line": f.old_line,
        "new_line": f.new_line,
        "words": f.words.as_ref().map(|ops| ops.iter().map(word).collect::<Vec<_>>()),
        "acknowledged": f.acknowledged.as_ref().map(|r| json!({"reason": r})),
        "impact": report.impact(f).map(|i| i.name()),
    })
}

fn word(op: &WordOp) -> J {
    match op {
        WordOp::Same(t) => json!({"op": "same", "text": t}),
        WordOp::Deleted(t) => json!({"op": "deleted", "text": t}),
        WordOp::Inserted(t) => json!({"op": "inserted", "text": t}),
    }
}

fn shown(s: &Shown) -> J {
    match s {
        Shown::Value(v) => value(v),
        Shown::Clause { clause_type, fields } => {
            let mut m = Map::new();
            for (k, v) in fields {
                m.insert(k.to_string(), value(v));
            }
            json!({"type": "clause", "clause_type": clause_type, "fields": m})
        }
    }
}

/// A typed value as JSON: always an object with `type`.
pub fn value(v: &Value) -> J {
    let t = v.type_name();
    match v {
        Value::Undisclosed => json!({"type": t}),
        Value::Party(p) => json!({"type": t, "value": p}),
        Value::Percent(d) => json!({"type": t, "value": d.plain()}),
        Value::Money { currency, amount } => json!({"type": t, "currency": currency, "amount": amount.plain()}),
        Value::Date(d) => json!({"type": t, "value": d.to_string()}),
        Value::End(e) => end(e),
        Value::Duration(d) => {
            json!({"type": t, "count": d.count, "unit": d.to_string().split_once(' ').map(|x| x.1).unwrap_or("")})
        }
        Value::List(items) => json!({"type": t, "items": items}),
        Value::Flag(b) => json!({"type": t, "value": b}),
        Value::Level(l) => json!({"type": t, "value": l.name()}),
        Value::Modality(m) => json!({"type": t, "value": m.name()}),
        Value::Text(s) => json!({"type": t, "value": s}),
    }
}

fn end(e: &End) -> J {
    match e {
        End::Date(d) => json!({"type": "end", "date": d.to_string()}),
        End::Event(s) => json!({"type": "end", "event": s}),
        End::Earliest(items) => json!({"type": "end", "earliest": items.iter().map(end).collect::<Vec<_>>()}),
    }
}
