//! Amendments: instruments that change a base agreement.
//!
//! [`load`] reads an amendment file (YAML with `amends:`) into the
//! [`model`]; [`apply`] consolidates amendments into their base, as a
//! drafting office prepares a conformed copy; [`draft`] writes the
//! amendment that turns one version into another. `docs/amendments.md`
//! documents the format and the commands.

pub mod apply;
pub mod conformed;
pub mod draft;
pub mod load;
pub mod markdown;
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

/// Whether a file of this name can be an amendment (YAML).
pub fn is_amendment_path(path: &str) -> bool {
    crate::load::InputFormat::of(path) != crate::load::InputFormat::Text
}

/// The report of an amendment found in a directory: it is consolidated into
/// the first of `bases` (agreement files with the id it amends) whose version
/// is its `base-version`, and the base compared with the consolidation.
pub fn report_against(amendment: &str, bases: &[&str], options: &LoadOptions) -> Result<Report, LoadError> {
    let m = check_amendment(amendment, options).map_err(first)?;
    for b in bases {
        let base = load_base(b, options)?;
        if m.base_version.as_ref().is_none_or(|(v, _)| base.version.as_ref() == Some(v)) {
            let consolidated = apply(&base, std::slice::from_ref(&m)).map_err(first)?;
            return Ok(crate::diff(&base, &consolidated));
        }
    }
    let version = m.base_version.as_ref().map(|(v, _)| format!(" version `{v}`")).unwrap_or_default();
    Err(LoadError {
        file: m.path.clone(),
        pos: Some(m.amends.1),
        message: format!(
            "no agreement `{}`{version} in the directories compared, to apply this amendment to",
            m.amends.0
        ),
    })
}

/// Whether a text is an amendment: YAML whose top-level mapping has `amends`.
pub fn is_amendment_text(text: &str, path: &str, options: &LoadOptions) -> bool {
    // A text that never says "amends" is no amendment: skip reading its YAML twice
    // (measured: the second parse was a quarter of the 10,000-clause benchmark).
    if !text.contains("amends") {
        return false;
    }
    match crate::load::InputFormat::of(path) {
        crate::load::InputFormat::Yaml => crate::yaml::top_level_text(text, "amends", options.yaml).is_some(),
        crate::load::InputFormat::Markdown => markdown::is_amendment(text, options),
        crate::load::InputFormat::Text => false,
    }
}

/// The id an amendment's text says it amends (`amends:` at the top of YAML,
/// or in a Markdown amendment's front matter); `None` for anything else.
pub fn amends_of(text: &str, path: &str, options: &LoadOptions) -> Option<String> {
    match crate::load::InputFormat::of(path) {
        crate::load::InputFormat::Yaml => crate::yaml::top_level_text(text, "amends", options.yaml),
        crate::load::InputFormat::Markdown => markdown::amends(text, options),
        crate::load::InputFormat::Text => None,
    }
}

/// Load an amendment from its text, YAML or Markdown by the path's extension.
pub fn check_amendment_str(text: &str, path: &str, options: &LoadOptions) -> Result<Amendment, Vec<LoadError>> {
    match crate::load::InputFormat::of(path) {
        crate::load::InputFormat::Markdown => markdown::check_str(text, path, options),
        _ => load::check_str(text, path, options),
    }
}

/// Read a file (once: it may be standard input) as an agreement or an amendment.
pub fn check_input(path: &str, options: &LoadOptions) -> Result<Input, Vec<LoadError>> {
    let text = read_source(path, options.max_bytes).map_err(|e| vec![e])?;
    let shown = shown_name(path);
    if is_amendment_text(&text, path, options) {
        return check_amendment_str(&text, shown, options).map(Input::Amendment);
    }
    crate::load::check_text(text, shown, options).map(Input::Agreement)
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
    consolidate_files(base, amendments, options).map(|c| c.result)
}

/// A consolidation: the base as read, its source text, and the result.
pub struct Consolidation {
    /// The base file's text.
    pub source: String,
    /// The base agreement as read.
    pub base: Agreement,
    /// The base with every amendment applied.
    pub result: Agreement,
}

/// [`apply_files`], keeping the base and its source for writing the result
/// in the base's format.
pub fn consolidate_files(
    base: &str,
    amendments: &[String],
    options: &LoadOptions,
) -> Result<Consolidation, Vec<LoadError>> {
    let source = read_source(base, options.max_bytes).map_err(|e| vec![e])?;
    let shown = shown_name(base);
    if is_amendment_text(&source, base, options) {
        return Err(vec![LoadError {
            file: shown.to_string(),
            pos: None,
            message: "this is an amendment: give the agreement it amends first, then the amendment".into(),
        }]);
    }
    let base_agreement = crate::load::check_str(&source, shown, options)?;
    let mut loaded = Vec::new();
    for path in amendments {
        loaded.push(check_amendment(path, options)?);
    }
    let result = apply(&base_agreement, &loaded)?;
    Ok(Consolidation { source, base: base_agreement, result })
}

/// Compare OLD with NEW, where NEW may be an amendment of OLD: it is
/// consolidated first, and the report's new side is the amendment. When
/// both are amendments (an amendment edited), each is consolidated into
/// their base, found beside NEW, and the consolidations are compared.
pub fn diff_files(old: &str, new: &str, options: &LoadOptions) -> Result<Report, LoadError> {
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| load_input(old, options));
        let b = load_input(new, options);
        (a.join().expect("loading does not panic"), b)
    });
    let (a, b) = match (a?, b?) {
        (Input::Agreement(a), Input::Agreement(b)) => (a, b),
        (Input::Agreement(a), Input::Amendment(m)) => {
            let b = apply(&a, std::slice::from_ref(&m)).map_err(first)?;
            (a, b)
        }
        (Input::Amendment(ma), Input::Amendment(mb)) => {
            let near =
                if std::path::Path::new(new).exists() { new } else { new.split_once(':').map_or(new, |(_, p)| p) };
            let base = base_beside(near, &mb, options).map_err(|message| LoadError {
                file: shown_name(new).to_string(),
                pos: None,
                message,
            })?;
            (
                apply(&base, std::slice::from_ref(&ma)).map_err(first)?,
                apply(&base, std::slice::from_ref(&mb)).map_err(first)?,
            )
        }
        (Input::Amendment(_), Input::Agreement(_)) => {
            return Err(LoadError {
                file: shown_name(old).to_string(),
                pos: None,
                message: "this is an amendment: give the agreement it amends first, then the amendment".into(),
            });
        }
    };
    let report = crate::diff(&a, &b);
    // Freeing two large models takes a while (10 ms for 10,000 clauses a
    // side): let the other core do it while the report is rendered.
    let _ = std::thread::Builder::new().spawn(move || drop((a, b)));
    Ok(report)
}

/// The base of an amendment found beside a file in the working tree: an
/// agreement in its folder (or below) with the id it amends and its
/// `base-version`.
pub fn base_beside(near: &str, m: &Amendment, options: &LoadOptions) -> Result<Agreement, String> {
    let dir =
        std::path::Path::new(near).parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let listed = crate::load::list_dir(dir, options).map_err(|e| e.to_string())?;
    listed
        .iter()
        .filter(|l| !l.amends && l.id == m.amends.0)
        .filter_map(|l| crate::load::load_file(&l.path, options).ok())
        .find(|b| m.base_version.as_ref().is_none_or(|(v, _)| b.version.as_ref() == Some(v)))
        .ok_or_else(|| {
            let version = m.base_version.as_ref().map(|(v, _)| format!(" version `{v}`")).unwrap_or_default();
            format!(
                "{}: an amendment of `{}`{version}, which is not beside it in {}: compare it with its base \
                 (agreement-diff BASE AMENDMENT)",
                m.path,
                m.amends.0,
                dir.display()
            )
        })
}

/// The versions of a chain, in the order given.
pub struct Chain {
    /// The versions; an amendment is consolidated into the version before it.
    pub agreements: Vec<Agreement>,
    /// Whether any file was an amendment (the order given is then the order).
    pub amended: bool,
}

/// Load the files of a chain: versions, or a base followed by amendments.
/// A consolidation followed by a version file with the same version label
/// is left out: the version file stands for it (so `log dir/*.yaml` over a
/// history that ships both an amendment and its result lists each version once).
pub fn chain_versions(files: &[String], options: &LoadOptions) -> Result<Chain, LoadError> {
    let mut agreements: Vec<(Agreement, bool)> = Vec::new();
    let mut amended = false;
    for f in files {
        match load_input(f, options)? {
            Input::Agreement(a) => {
                if let Some((prev, true)) = agreements.last()
                    && prev.version.is_some()
                    && prev.version == a.version
                {
                    agreements.pop();
                }
                agreements.push((a, false));
            }
            Input::Amendment(m) => {
                amended = true;
                let Some((prev, _)) = agreements.last() else {
                    return Err(LoadError {
                        file: m.path.clone(),
                        pos: None,
                        message: "an amendment comes after the agreement it amends: give the base first".into(),
                    });
                };
                let next = apply(prev, std::slice::from_ref(&m)).map_err(first)?;
                agreements.push((next, true));
            }
        }
    }
    Ok(Chain { agreements: agreements.into_iter().map(|(a, _)| a).collect(), amended })
}

/// What `check` found in a valid file.
#[derive(Clone, Debug)]
pub enum Checked {
    /// An agreement with this many clauses, and warnings: where a clause's
    /// wording and its typed fields disagree ([`crate::prose::fields`]).
    Agreement(usize, Vec<LoadError>),
    /// An amendment with this many instructions (checked alone: its base is not known).
    Amendment(usize),
}

/// Check one file, agreement or amendment; every error in it. An agreement
/// file is loaded as `check` always has (its text freed before its model is
/// built); an amendment is recognised by its top-level `amends`.
pub fn check_one(path: &str, options: &LoadOptions) -> Result<Checked, Vec<LoadError>> {
    let amendment = path == "-" || {
        let text = read_source(path, options.max_bytes).map_err(|e| vec![e])?;
        is_amendment_text(&text, path, options)
    };
    if !amendment {
        return crate::load::check_file(path, options).map(|a| Checked::Agreement(a.clauses.len(), warnings(&a)));
    }
    match check_input(path, options)? {
        Input::Agreement(a) => Ok(Checked::Agreement(a.clauses.len(), warnings(&a))),
        Input::Amendment(m) => Ok(Checked::Amendment(m.instructions.len())),
    }
}

/// Where a clause's wording and its typed fields disagree, in the order of
/// the file: one warning each, at the clause's `text` key, naming the field
/// and its line in the message.
pub fn warnings(a: &Agreement) -> Vec<LoadError> {
    let mut out: Vec<LoadError> = Vec::new();
    for c in &a.clauses {
        let Some(text) = c.field("text") else { continue };
        for d in crate::prose::fields::disagreements(c) {
            out.push(LoadError { file: a.path.clone(), pos: Some(text.pos), message: d.message });
        }
    }
    out
}

/// [`check_one`] of every file, on every core, in the order given.
pub fn check_all(files: &[String], options: &LoadOptions) -> Vec<Result<Checked, Vec<LoadError>>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new((0..files.len()).map(|_| None).collect::<Vec<_>>());
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len()).max(1);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(f) = files.get(i) else { break };
                    let r = check_one(f, options);
                    results.lock().expect("no panic while loading")[i] = Some(r);
                }
            });
        }
    });
    results.into_inner().expect("no panic while loading").into_iter().map(|r| r.expect("every file checked")).collect()
}

fn first(errors: Vec<LoadError>) -> LoadError {
    errors.into_iter().min_by_key(LoadError::place).expect("at least one error")
}

/// The consolidated agreement as a file in the base's format: a YAML base as
/// YAML; a Markdown base as its conformed copy (the base document with the
/// amended blocks rewritten, see [`conformed`]), or as YAML with a note when
/// the consolidation holds typed terms Markdown cannot; a plain-text base as
/// YAML (typed clauses of `text`), with a note.
pub fn consolidated_text(base: &str, amendments: &[String], c: &Consolidation) -> (String, Option<String>) {
    let names: Vec<&str> = amendments.iter().map(|p| shown_name(p)).collect();
    let comment =
        format!("Consolidated by agreement-diff apply: {} as amended by {}.", shown_name(base), names.join(", "));
    let yaml = || crate::convert::to_yaml_with(&c.result, &comment);
    match crate::load::InputFormat::of(base) {
        crate::load::InputFormat::Yaml => (yaml(), None),
        crate::load::InputFormat::Markdown => match conformed::markdown(&c.source, &c.base, &c.result, &comment) {
            Some(md) => (md, None),
            None => (
                yaml(),
                Some(format!(
                    "{}: the consolidation holds typed terms a Markdown document cannot hold: printed as YAML",
                    shown_name(base)
                )),
            ),
        },
        crate::load::InputFormat::Text => (
            yaml(),
            Some(format!("{}: a plain-text base is printed as a YAML agreement (clauses of `text`)", shown_name(base))),
        ),
    }
}
