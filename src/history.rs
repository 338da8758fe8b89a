//! History: a chain of versions, ordered by `effective` date (then by the
//! order given), one report per step. When the chain holds amendments, the
//! files are taken in the order given instead, each amendment consolidated
//! into the version before it.

use crate::load::{LoadError, LoadOptions};
use crate::model::Value;
use crate::report::Report;

/// Load the versions and compare each with the next.
pub fn chain(files: &[String], options: &LoadOptions) -> Result<Vec<Report>, LoadError> {
    let mut versions = crate::amend::chain_versions(files, options)?;
    if !versions.amended {
        let key = |a: &crate::model::Agreement| match a.meta("effective").map(|f| &f.value) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        };
        // A stable sort: equal dates keep the order given.
        versions.agreements.sort_by_key(|a| (key(a).is_none(), key(a)));
    }
    Ok(versions.agreements.windows(2).map(|w| crate::diff(&w[0], &w[1])).collect())
}
