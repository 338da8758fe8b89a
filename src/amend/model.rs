//! An amendment: a short instrument that changes a base version of an
//! agreement, as an ordered list of instructions (the "active
//! modifications" of Akoma Ntoso).

use crate::model::{Clause, Date, Definition, Party, Value};
use crate::yaml::{Node, Pos};

/// One amendment document.
#[derive(Clone, Debug)]
pub struct Amendment {
    /// The file, as named on the command line.
    pub path: String,
    /// The id of the agreement it amends, and where that is said.
    pub amends: (String, Pos),
    /// The version it amends, if stated, and where.
    pub base_version: Option<(String, Pos)>,
    /// The version the consolidated agreement becomes.
    pub version: Option<String>,
    /// When the amendment takes effect: the consolidated version's `effective`.
    pub effective: Option<Date>,
    /// The instrument's own title ("Amendment No. 1"), not the agreement's.
    pub title: Option<String>,
    /// Top-level fields of the consolidated version that change (title,
    /// sources, provenance, notes, previous); `None` removes one.
    pub consolidated: Vec<(&'static str, Option<Value>, Pos)>,
    /// What to do, in order.
    pub instructions: Vec<Instruction>,
}

/// Keys of an amendment file.
pub const AMENDMENT_KEYS: &[&str] =
    &["amends", "base-version", "version", "effective", "title", "sources", "notes", "consolidated", "instructions"];

/// Keys of the `consolidated` mapping: top-level fields of the result.
pub const CONSOLIDATED_KEYS: &[&str] = &["title", "sources", "provenance", "notes", "previous"];

/// One instruction, with where it starts.
#[derive(Clone, Debug)]
pub struct Instruction {
    /// Where the instruction starts (its first key).
    pub pos: Pos,
    /// What it does.
    pub op: Op,
}

/// A clause named by an instruction: its id (or, failing that, its number).
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// The id or number as written.
    pub name: String,
    /// Where it is written.
    pub pos: Pos,
    /// Whether `name` is the clause's title ("the clause headed ..." in a
    /// Markdown amendment) rather than its id or number.
    pub by_title: bool,
}

/// Where an inserted or moved clause goes.
#[derive(Clone, Debug)]
pub enum Anchor {
    /// Right after this clause.
    After(Target),
    /// Right before this clause.
    Before(Target),
    /// After the last clause.
    End,
}

/// A change to the words of one text field of a clause.
#[derive(Clone, Debug)]
pub enum WordEdit {
    /// Replace the words `old` (found exactly once) with `new`.
    Replace {
        /// The words to find.
        old: (String, Pos),
        /// What to put instead.
        new: String,
    },
    /// Delete the words (found exactly once).
    Delete((String, Pos)),
    /// Insert `words` right after `after` (found exactly once).
    InsertAfter {
        /// The words to insert.
        words: String,
        /// The phrase they follow.
        after: (String, Pos),
    },
    /// Add a sentence at the end.
    AddSentence(String),
}

/// What an instruction does.
#[derive(Clone, Debug)]
pub enum Op {
    /// "Section X is deleted in its entirety."
    Delete(Target),
    /// "Section X is amended and restated as follows: ..."
    Replace(Target, Box<Clause>),
    /// "A new Section X.Y is inserted after Section X.Z: ..."
    Insert(Anchor, Box<Clause>),
    /// A clause moves (renumbering is a `set` of `number`).
    Move(Target, Anchor),
    /// Typed fields set (YAML nodes, typed against the clause when applied)
    /// and removed.
    Fields {
        /// The clause.
        clause: Target,
        /// Field name, value, where the name is written.
        set: Vec<(String, Node, Pos)>,
        /// Field name, where it is written.
        remove: Vec<(String, Pos)>,
    },
    /// A textual amendment inside one text field (`text` unless named).
    Words {
        /// The clause.
        clause: Target,
        /// The text field.
        field: String,
        /// The edit.
        edit: WordEdit,
    },
    /// Definitions added or restated.
    Define(Vec<Definition>),
    /// A definition deleted.
    DeleteDefinition(String, Pos),
    /// Parties added or restated.
    Party(Vec<Party>),
    /// A party deleted.
    DeleteParty(String, Pos),
}
