//! A JSON Schema of the agreement format, generated from the same schema
//! table the loader uses, so that editors can validate and complete files.

use serde_json::{Map, Value as J, json};

use crate::model::schema::{CLAUSE_TYPES, COMMON_FIELDS, Kind};

const DATE: &str = r"^\d{4}-\d{2}-\d{2}$";
const PERCENT: &str = r"^\d+(\.\d+)?\s*%$";
const MONEY: &str = r"^[A-Z]{3} (\d{1,3}(,\d{3})*|\d+)(\.\d+)?( (thousand|million|billion|trillion))?( per (year|quarter|month|week))?$";
const DURATION: &str = r"^\d+ (day|days|business day|business days|week|weeks|month|months|year|years)$";
const ID: &str = r"^[a-z0-9][a-z0-9._-]*$";

fn undisclosed_or(schema: J) -> J {
    json!({"anyOf": [schema, {"const": "undisclosed"}]})
}

fn kind(k: Kind, doc: &str) -> J {
    let s = match k {
        Kind::Party => json!({"anyOf": [
            {"type": "string", "pattern": ID},
            {"const": "mutual", "description": "every party: a mutual term"},
            {"type": "array", "minItems": 1, "uniqueItems": true, "items": {"type": "string", "pattern": ID}}
        ]}),
        Kind::Percent => json!({"type": "string", "pattern": PERCENT}),
        Kind::Money => json!({"type": "string", "pattern": MONEY}),
        Kind::Cap => json!({"anyOf": [{"type": "string", "pattern": MONEY}, {"$ref": "#/$defs/multiple"}]}),
        Kind::Date => json!({"type": "string", "pattern": DATE}),
        Kind::End => json!({"$ref": "#/$defs/end"}),
        Kind::Duration => json!({"type": "string", "pattern": DURATION}),
        Kind::DateOrDuration => {
            json!({"anyOf": [{"type": "string", "pattern": DATE}, {"type": "string", "pattern": DURATION}]})
        }
        Kind::List => json!({"type": "array", "items": {"type": "string"}, "uniqueItems": true}),
        Kind::Flag => json!({"type": "boolean"}),
        Kind::Exclusive => {
            json!({"anyOf": [{"type": "boolean"}, {"enum": ["exclusive", "sole", "co-exclusive", "non-exclusive"]}]})
        }
        Kind::Modality => json!({"enum": ["shall", "may", "shall-not"]}),
        Kind::Stake => json!({"type": "string"}),
        Kind::Text => json!({"type": "string", "minLength": 1}),
    };
    let mut s = undisclosed_or(s);
    s["description"] = json!(doc);
    s
}

/// Where the schema is published: the address SchemaStore gives a schema
/// submitted as `agreement-diff.json` (see docs/format.md, "Editor support").
pub const SCHEMA_ID: &str = "https://json.schemastore.org/agreement-diff.json";

/// The JSON Schema (draft 2020-12) of an agreement file.
pub fn schema() -> J {
    let mut variants = Vec::new();
    for t in CLAUSE_TYPES {
        let mut props = Map::new();
        props.insert(
            "id".into(),
            json!({"type": "string", "pattern": ID, "description": "unique, stable across versions"}),
        );
        props.insert("type".into(), json!({"const": t.name, "description": t.doc}));
        let mut required = vec![json!("id")];
        if t.name != "text" {
            required.push(json!("type"));
        }
        for f in t.fields.iter().chain(COMMON_FIELDS) {
            props.insert(f.name.into(), kind(f.kind, f.doc));
            if f.required {
                required.push(json!(f.name));
            }
        }
        let mut v = json!({"type": "object", "properties": props, "required": required, "additionalProperties": false});
        if t.name == "text" {
            // `type` may be left out for prose-only clauses.
            v["properties"]["type"] = json!({"const": "text", "description": t.doc});
        }
        variants.push(v);
    }
    let discriminated: Vec<J> = variants
        .into_iter()
        .map(|v| {
            let name = v["properties"]["type"]["const"].clone();
            if name == "text" {
                json!({"if": {"not": {"required": ["type"]}}, "then": v, "else": {"if": {"properties": {"type": {"const": "text"}}}, "then": v}})
            } else {
                json!({"if": {"properties": {"type": {"const": name}}, "required": ["type"]}, "then": v})
            }
        })
        .collect();
    let types: Vec<&str> = CLAUSE_TYPES.iter().map(|t| t.name).collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "agreement-diff agreement, format version 1",
        "description": "One version of an agreement for agreement-diff: parties, definitions and typed clauses. \
                        `agreement-diff check` remains the authority (party references, real dates, duplicate ids).",
        "type": "object",
        "required": ["agreement", "parties", "clauses"],
        "additionalProperties": false,
        "properties": {
            "agreement": {"type": "string", "pattern": ID, "description": "stable id shared by every version"},
            "version": {"type": "string"},
            "title": {"type": "string"},
            "effective": {"type": "string", "pattern": DATE},
            "previous": {"type": "string"},
            "sources": {"type": "array", "items": {"type": "string"}},
            "provenance": {"enum": ["signed", "draft", "announcements"], "description": "what the version is modelled from"},
            "notes": {"type": "string"},
            "parties": {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"pattern": ID},
                "additionalProperties": {"anyOf": [
                    {"type": "string"},
                    {"type": "object", "required": ["name"], "additionalProperties": false,
                     "properties": {"name": {"type": "string"}, "short": {"type": "string"},
                                    "aliases": {"type": "array", "items": {"type": "string"}, "uniqueItems": true},
                                    "notes": {"type": "string"}}}
                ]}
            },
            "definitions": {"type": "object", "additionalProperties": {"type": "string"}},
            "clauses": {"type": "array", "items": {
                "type": "object",
                "required": ["id"],
                "properties": {"type": {"enum": types}},
                "allOf": discriminated
            }}
        },
        "$defs": {
            "multiple": {
                "type": "object",
                "description": "a multiple of a base over a look-back period: {multiple: 1, of: fees paid, period: 12 months} is the fees paid in the 12 months before",
                "required": ["multiple", "of"],
                "additionalProperties": false,
                "properties": {
                    "multiple": {"anyOf": [{"type": "number", "exclusiveMinimum": 0}, {"type": "string", "pattern": r"^\d+(\.\d+)?\s*[x×]?$"}], "description": "how many times the base"},
                    "of": {"type": "string", "minLength": 1, "description": "what is multiplied: fees paid, fees payable, fees paid or payable..."},
                    "period": {"type": "string", "pattern": DURATION, "description": "how far back the base is counted; absent: the whole agreement"}
                }
            },
            "end": {"anyOf": [
                {"type": "string", "pattern": DATE},
                {"type": "object", "required": ["event"], "additionalProperties": false, "properties": {"event": {"type": "string"}}},
                {"type": "object", "required": ["earliest"], "additionalProperties": false, "properties": {"earliest": {
                    "type": "array", "minItems": 2, "items": {"anyOf": [
                        {"type": "string", "pattern": DATE},
                        {"type": "object", "required": ["event"], "additionalProperties": false, "properties": {"event": {"type": "string"}}}
                    ]}}}}
            ]}
        }
    })
}
