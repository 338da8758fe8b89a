//! History: a chain of versions, ordered by `effective` date (then by the
//! order given), one report per step.

use crate::load::{LoadError, LoadOptions, load_file};
use crate::model::{Agreement, Value};
use crate::report::Report;

/// Load the versions and compare each with the next.
pub fn chain(files: &[String], options: &LoadOptions) -> Result<Vec<Report>, LoadError> {
    let mut versions: Vec<(usize, Agreement)> = Vec::new();
    for (i, f) in files.iter().enumerate() {
        versions.push((i, load_file(f, options)?));
    }
    versions.sort_by_key(|(i, a)| {
        let date = match a.meta("effective").map(|f| &f.value) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        };
        (date.is_none(), date, *i)
    });
    Ok(versions.windows(2).map(|w| crate::diff(&w[0].1, &w[1].1)).collect())
}
