//! Drafting: the amendment that turns one version into another.

use crate::model::Agreement;

/// How a drafted amendment is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DraftFormat {
    /// An amendment file for `apply`.
    Yaml,
    /// The instrument in conventional drafting style, for people.
    Markdown,
}

/// The amendment of `old` that gives `new`.
pub fn draft(old: &Agreement, new: &Agreement, format: DraftFormat) -> Result<String, String> {
    let _ = (old, new, format);
    Err("not yet".into())
}
