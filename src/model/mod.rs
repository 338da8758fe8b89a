//! The typed model of one version of an agreement.

pub mod decimal;
pub mod schema;
pub mod value;

pub use decimal::Decimal;
pub use schema::{ClauseType, FieldSpec, Kind};
pub use value::{Date, Duration, End, Level, Modality, Multiple, Per, Value};

use crate::yaml::Pos;

/// One version of an agreement, as loaded from a file.
#[derive(Clone, Debug)]
pub struct Agreement {
    /// The path as given on the command line (or `REV:PATH`).
    pub path: String,
    /// The agreement id shared by every version.
    pub id: String,
    /// The version, if stated.
    pub version: Option<String>,
    /// Top-level fields other than parties, definitions and clauses, in file order:
    /// agreement, version, title, effective, previous, sources, notes.
    pub meta: Vec<Field>,
    /// The parties, in file order.
    pub parties: Vec<Party>,
    /// Defined terms, in file order.
    pub definitions: Vec<Definition>,
    /// The clauses, in file order.
    pub clauses: Vec<Clause>,
    /// Whether the clause ids were derived from the document (Markdown or
    /// plain text headings and words) rather than written by an author:
    /// alignment may then pair clauses by content and position more freely.
    pub ids_derived: bool,
    /// Bidirectional control characters anywhere in the file, comments and
    /// markup included (line, character): Trojan Source hides code or terms
    /// this way, so they are reported even where no value holds them.
    pub bidi: Vec<(u32, char)>,
}

#[derive(Clone, Debug)]
/// A party to the agreement.
pub struct Party {
    /// The key used to refer to the party (`microsoft`).
    pub key: String,
    /// The legal name.
    pub name: String,
    /// A short display name (`Microsoft`); falls back to `name`.
    pub short: Option<String>,
    /// Other words the agreement uses for the party (`we`, `us`, `you`).
    pub aliases: Vec<String>,
    /// Where the party is declared.
    pub pos: Pos,
}

impl Party {
    /// The name to show: the short name, or the legal name.
    pub fn display(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Clone, Debug)]
/// A defined term.
pub struct Definition {
    /// The term.
    pub term: String,
    /// What it means.
    pub text: String,
    /// Where the term is defined.
    pub pos: Pos,
}

#[derive(Clone, Debug)]
/// One clause of an agreement.
pub struct Clause {
    /// The clause id, stable across versions.
    pub id: String,
    /// Its type.
    pub ctype: &'static ClauseType,
    /// Where the clause starts.
    pub pos: Pos,
    /// Typed fields in schema order (common fields first).
    pub fields: Vec<Field>,
    /// The title of the document section the clause sits under (the outermost
    /// heading below the document's title), for documents with headings.
    pub section: Option<String>,
    /// The title of the nearest heading the clause sits under (for documents
    /// with headings): the list it belongs to, where `section` is the part.
    pub heading: Option<String>,
    /// Where the lines of the file begin in the `text` field's value, when the
    /// text spans lines (byte offset, line), so that a sentence's line can be
    /// told; `None` when the text is on one line or the table is not known.
    pub text_lines: Option<Box<[(u32, u32)]>>,
}

impl Clause {
    /// The field with this name, if set.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Whether two clauses have the same type and exactly the same field
    /// values (positions aside).
    pub fn same_content(&self, other: &Clause) -> bool {
        std::ptr::eq(self.ctype, other.ctype)
            && self.fields.len() == other.fields.len()
            && self.fields.iter().zip(&other.fields).all(|(a, b)| a.name == b.name && a.value == b.value)
    }

    /// The value of a field, if set.
    pub fn value(&self, name: &str) -> Option<&Value> {
        self.field(name).map(|f| &f.value)
    }

    /// The text of a text field, if set.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        match self.value(name) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// The party filling a role field, if it names one.
    pub fn party(&self, role: Option<&str>) -> Option<&str> {
        match self.value(role?) {
            Some(Value::Party(p)) => Some(p),
            _ => None,
        }
    }

    /// The parties filling the role on `side`, with `mutual` read as every
    /// party of `parties` (sorted, no repeats). A role left unsaid is filled
    /// by the other role's parties when those are every party (`by: mutual`
    /// alone is "either party may terminate", against the other), and is
    /// empty otherwise. `complement` fills an unsaid role with the parties
    /// the other role does not name instead (`liable: acme` alone is capped
    /// towards everyone else).
    pub fn role_parties(&self, side: schema::Side, parties: &[Party], complement: bool) -> Vec<String> {
        let all = || {
            let mut v: Vec<String> = parties.iter().map(|p| p.key.clone()).collect();
            v.sort();
            v.dedup();
            v
        };
        let named = |side: schema::Side| -> Option<Vec<String>> {
            let mut v = match self.value(self.ctype.role_field(side)?)? {
                Value::Party(p) => vec![p.clone()],
                Value::Parties(ps) => ps.clone(),
                Value::Mutual => all(),
                _ => return None,
            };
            v.sort();
            v.dedup();
            Some(v)
        };
        if let Some(v) = named(side) {
            return v;
        }
        let Some(other) = named(side.other()) else { return Vec::new() };
        let everyone = all();
        if !everyone.is_empty() && everyone.iter().all(|p| other.contains(p)) {
            return other;
        }
        if complement { everyone.into_iter().filter(|p| !other.contains(p)).collect() } else { Vec::new() }
    }

    /// Whether the clause is mutual: some party is on both sides of its
    /// roles (`liable: mutual`, or the same parties in both roles).
    pub fn is_mutual(&self, parties: &[Party]) -> bool {
        let a = self.role_parties(schema::Side::Grantee, parties, false);
        let b = self.role_parties(schema::Side::Grantor, parties, false);
        a.iter().any(|p| b.contains(p))
    }

    /// How to name the clause to a reader: its title, or its id.
    pub fn label(&self) -> String {
        self.text_of("title").map(str::to_string).unwrap_or_else(|| self.id.clone())
    }
}

#[derive(Clone, Debug)]
/// A typed field of a clause (or of the agreement).
pub struct Field {
    /// The field name, from the schema.
    pub name: &'static str,
    /// The typed value.
    pub value: Value,
    /// Where the field's key is.
    pub pos: Pos,
}

/// Whether a character reorders text (the bidirectional controls of
/// CVE-2021-42574, and the marks that act like them).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The bidirectional controls of a text, with their lines.
pub fn bidi_controls(text: &str) -> Vec<(u32, char)> {
    if text.is_ascii() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        out.extend(line.chars().filter(|c| is_bidi_control(*c)).map(|c| (i as u32 + 1, c)));
    }
    out
}

impl Agreement {
    /// An agreement with nothing in it, standing for an added or deleted file.
    pub fn empty_like(other: Option<&Agreement>, path: &str) -> Agreement {
        Agreement {
            path: path.to_string(),
            id: other.map(|a| a.id.clone()).unwrap_or_default(),
            version: None,
            meta: Vec::new(),
            parties: Vec::new(),
            definitions: Vec::new(),
            clauses: Vec::new(),
            ids_derived: other.is_some_and(|a| a.ids_derived),
            bidi: Vec::new(),
        }
    }

    /// The party with this key.
    pub fn party(&self, key: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.key == key)
    }

    /// A top-level field such as `effective`.
    pub fn meta(&self, name: &str) -> Option<&Field> {
        self.meta.iter().find(|f| f.name == name)
    }
}
