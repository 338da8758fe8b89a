//! Amendments: instruments that change a base agreement.
//!
//! [`load`] reads an amendment file (YAML with `amends:`) into the
//! [`model`]; [`apply`] consolidates amendments into their base, as a
//! drafting office prepares a conformed copy; [`draft`] writes the
//! amendment that turns one version into another. `docs/amendments.md`
//! documents the format and the commands.

pub mod apply;
pub mod draft;
pub mod load;
pub mod model;

pub use apply::apply;
pub use model::Amendment;

use crate::load::{LoadError, LoadOptions, read_source, shown_name};
use crate::model::Agreement;
use crate::report::Report;

/// A file given where an agreement is expected: a version, or an amendment.
#[derive(Debug)]
pub enum Input {
    /// A version of an agreement.
    Agreement(Agreement),
    /// An amendment of one.
    Amendment(Amendment),
}

/// Whether a text is an amendment: YAML whose top-level mapping has `amends`.
pub fn is_amendment_text(text: &str, path: &str, options: &LoadOptions) -> bool {
    crate::load::InputFormat::of(path) == crate::load::InputFormat::Yaml
        && crate::yaml::top_level_text(text, "amends", options.yaml).is_some()
}

/// Read a file (once: it may be standard input) as an agreement or an amendment.
pub fn check_input(path: &str, options: &LoadOptions) -> Result<Input, Vec<LoadError>> {
    let text = read_source(path, options.max_bytes).map_err(|e| vec![e])?;
    let shown = shown_name(path);
    if is_amendment_text(&text, path, options) {
        return load::check_str(&text, shown, options).map(Input::Amendment);
    }
    crate::load::check_str(&text, shown, options).map(Input::Agreement)
}

/// [`check_input`], with the first error.
pub fn load_input(path: &str, options: &LoadOptions) -> Result<Input, LoadError> {
    check_input(path, options).map_err(first)
}

/// Load an amendment file; every error in it.
pub fn check_amendment(path: &str, options: &LoadOptions) -> Result<Amendment, Vec<LoadError>> {
    match check_input(path, options)? {
        Input::Amendment(a) => Ok(a),
        Input::Agreement(_) => Err(vec![LoadError {
            file: shown_name(path).to_string(),
            pos: None,
            message: "this is an agreement, not an amendment: an amendment starts with `amends: AGREEMENT-ID` \
                      (see docs/amendments.md)"
                .into(),
        }]),
    }
}

/// Load a base agreement (an amendment there is an error).
pub fn load_base(path: &str, options: &LoadOptions) -> Result<Agreement, LoadError> {
    match load_input(path, options)? {
        Input::Agreement(a) => Ok(a),
        Input::Amendment(_) => Err(LoadError {
            file: shown_name(path).to_string(),
            pos: None,
            message: "this is an amendment: give the agreement it amends first, then the amendment".into(),
        }),
    }
}

/// The base agreement with each amendment file applied in turn; every error
/// of the first amendment that has any.
pub fn apply_files(base: &str, amendments: &[String], options: &LoadOptions) -> Result<Agreement, Vec<LoadError>> {
    let base = load_base(base, options).map_err(|e| vec![e])?;
    let mut loaded = Vec::new();
    for path in amendments {
        loaded.push(check_amendment(path, options)?);
    }
    apply(&base, &loaded)
}

/// Compare OLD with NEW, where NEW may be an amendment of OLD: it is
/// consolidated first, and the report's new side is the amendment.
pub fn diff_files(old: &str, new: &str, options: &LoadOptions) -> Result<Report, LoadError> {
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| load_base(old, options));
        let b = load_input(new, options);
        (a.join().expect("loading does not panic"), b)
    });
    let a = a?;
    let b = match b? {
        Input::Agreement(b) => b,
        Input::Amendment(m) => apply(&a, std::slice::from_ref(&m)).map_err(first)?,
    };
    Ok(crate::diff(&a, &b))
}

/// The versions of a chain, in the order given.
pub struct Chain {
    /// The versions; an amendment is consolidated into the version before it.
    pub agreements: Vec<Agreement>,
    /// Whether any file was an amendment (the order given is then the order).
    pub amended: bool,
}

/// Load the files of a chain: versions, or a base followed by amendments.
pub fn chain_versions(files: &[String], options: &LoadOptions) -> Result<Chain, LoadError> {
    let mut agreements: Vec<Agreement> = Vec::new();
    let mut amended = false;
    for f in files {
        match load_input(f, options)? {
            Input::Agreement(a) => agreements.push(a),
            Input::Amendment(m) => {
                amended = true;
                let Some(prev) = agreements.last() else {
                    return Err(LoadError {
                        file: m.path.clone(),
                        pos: None,
                        message: "an amendment comes after the agreement it amends: give the base first".into(),
                    });
                };
                let next = apply(prev, std::slice::from_ref(&m)).map_err(first)?;
                agreements.push(next);
            }
        }
    }
    Ok(Chain { agreements, amended })
}

fn first(errors: Vec<LoadError>) -> LoadError {
    errors.into_iter().min_by_key(LoadError::place).expect("at least one error")
}

/// The consolidated agreement as a file in the base's format (YAML; a
/// Markdown or plain-text base is printed as YAML too, with typed clauses
/// of `text`).
pub fn consolidated_text(base: &str, amendments: &[String], a: &Agreement) -> String {
    let names: Vec<&str> = amendments.iter().map(|p| shown_name(p)).collect();
    let comment =
        format!("Consolidated by agreement-diff apply: {} as amended by {}.", shown_name(base), names.join(", "));
    crate::convert::to_yaml_with(a, &comment)
}
