//! agreement-diff: compare two versions of a structured agreement and report
//! each change of meaning.
//!
//! The pipeline, one module per stage:
//! [`load`] (YAML → typed model) → [`align`] (match clauses) →
//! [`classify`] (compare fields, apply the rule catalogue) → [`render`].

pub mod ack;
pub mod align;
pub mod classify;
pub mod dirs;
pub mod git;
pub mod history;
pub mod load;
pub mod model;
pub mod render;
pub mod report;
pub mod safe;
pub mod schema_json;
pub mod yaml;

pub use classify::diff;
pub use classify::rules::{Materiality, RULES, Rule};
pub use load::{LoadError, LoadOptions, load_file, load_str};
pub use report::{Finding, Report};

/// Load two files (concurrently) and compare them.
pub fn diff_files(old: &str, new: &str, options: &LoadOptions) -> Result<Report, LoadError> {
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| load_file(old, options));
        let b = load_file(new, options);
        (a.join().expect("loading does not panic"), b)
    });
    let (a, b) = (a?, b?);
    let report = diff(&a, &b);
    if options.free_memory {
        // Freeing two large models takes a while: let another core do it.
        let _ = std::thread::Builder::new().spawn(move || drop((a, b)));
    } else {
        std::mem::forget((a, b));
    }
    Ok(report)
}
