//! agreement-diff: compare two versions of a structured agreement and report
//! each change of meaning.
//!
//! The pipeline, one module per stage:
//! [`load`] (file → typed model) → [`align`] (match clauses) →
//! [`classify`] (compare fields, apply the [`rules`] catalogue) →
//! [`render`] (one module per output format). [`cli`] ties them to the
//! command line; `docs/adding.md` says where each kind of extension goes.

#![warn(missing_docs)]

#[doc(hidden)]
pub mod accuracy;
pub(crate) mod ack;
pub(crate) mod align;
pub mod amend;
pub mod classify;
pub mod cli;
pub mod convert;
pub(crate) mod dirs;
pub mod error;
pub mod git;
pub(crate) mod history;
pub mod load;
pub mod model;
pub mod prose;
pub mod render;
pub mod report;
pub mod rules;
pub mod safe;
pub(crate) mod schema_json;
pub(crate) mod yaml;

pub use classify::diff;
pub use load::{LoadError, LoadOptions, load_file, load_str};
pub use report::{Finding, Report};
pub use rules::{Materiality, RULES, Rule};

/// Load two files (concurrently) and compare them.
pub fn diff_files(old: &str, new: &str, options: &LoadOptions) -> Result<Report, LoadError> {
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| load_file(old, options));
        let b = load_file(new, options);
        (a.join().expect("loading does not panic"), b)
    });
    let (a, b) = (a?, b?);
    let report = diff(&a, &b);
    // Freeing two large models takes a while: let another core do it.
    let _ = std::thread::Builder::new().spawn(move || drop((a, b)));
    Ok(report)
}
