//! The typed model of one version of an agreement.

pub mod decimal;
pub mod schema;
pub mod value;

pub use decimal::Decimal;
pub use schema::{ClauseType, FieldSpec, Kind};
pub use value::{Date, Duration, End, Level, Modality, Value};

use crate::yaml::Pos;

/// One version of an agreement, as loaded from a file.
#[derive(Clone, Debug)]
pub struct Agreement {
    /// The path as given on the command line (or `REV:PATH`).
    pub path: String,
    pub id: String,
    pub version: Option<String>,
    /// Top-level fields other than parties, definitions and clauses, in file order:
    /// agreement, version, title, effective, previous, sources, notes.
    pub meta: Vec<Field>,
    pub parties: Vec<Party>,
    pub definitions: Vec<Definition>,
    pub clauses: Vec<Clause>,
}

#[derive(Clone, Debug)]
pub struct Party {
    /// The key used to refer to the party (`microsoft`).
    pub key: String,
    pub name: String,
    /// A short display name (`Microsoft`); falls back to `name`.
    pub short: Option<String>,
    pub pos: Pos,
}

impl Party {
    pub fn display(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Clone, Debug)]
pub struct Definition {
    pub term: String,
    pub text: String,
    pub pos: Pos,
}

#[derive(Clone, Debug)]
pub struct Clause {
    pub id: String,
    pub ctype: &'static ClauseType,
    /// Where the clause starts.
    pub pos: Pos,
    /// Typed fields in schema order (common fields first).
    pub fields: Vec<Field>,
}

impl Clause {
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

    pub fn value(&self, name: &str) -> Option<&Value> {
        self.field(name).map(|f| &f.value)
    }

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

    /// How to name the clause to a reader: its title, or its id.
    pub fn label(&self) -> String {
        self.text_of("title").map(str::to_string).unwrap_or_else(|| self.id.clone())
    }
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: &'static str,
    pub value: Value,
    /// Where the field's key is.
    pub pos: Pos,
}

impl Agreement {
    pub fn party(&self, key: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.key == key)
    }

    pub fn meta(&self, name: &str) -> Option<&Field> {
        self.meta.iter().find(|f| f.name == name)
    }
}
