//! Render: one module per output format, all fed the same [`Report`].

pub mod json;
pub mod text;

use crate::model::Value;
use crate::report::{Report, Shown};

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn render(report: &Report, format: Format, color: bool) -> String {
    match format {
        Format::Text => text::render(report, color),
        Format::Json => json::render(report),
    }
}

/// A shown value as a short, single-line phrase (untrusted text escaped).
pub fn phrase(s: &Shown) -> String {
    match s {
        Shown::Value(v) => crate::safe::line(&v.to_string()),
        Shown::Clause { clause_type, .. } => format!("a {clause_type} clause"),
    }
}

/// Whether a value is long prose better shown as a word diff.
pub fn is_prose(s: &Shown) -> bool {
    matches!(s, Shown::Value(Value::Text(t)) if t.chars().count() > 60)
}
