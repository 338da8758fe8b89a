//! Acknowledged findings: a `.agreement-diff.yaml` that lists changes
//! reviewers accepted, each with a reason. Acknowledged findings are shown
//! apart and do not trip `--fail-on`; an acknowledgement that covers nothing
//! is reported as stale.
//!
//! ```yaml
//! acknowledged:
//!   - agreement: microsoft-openai-partnership
//!     rule: cap-added
//!     clause: revenue-share-openai-to-microsoft
//!     field: cap                                # optional
//!     change: ae37ad16be04342547e2387026e192e1  # the finding's "change", from the report
//!     reason: Counsel accepted the total cap on 2026-04-28.
//! ```
//!
//! The same file may hold `defaults` for the options of a comparison; a flag
//! given on the command line overrides its default:
//!
//! ```yaml
//! defaults:
//!   format: markdown          # any --format
//!   fail-on: substantive      # any --fail-on
//!   perspective: openai       # a party key, as --perspective
//! ```
//!
//! An acknowledgement covers one change: the agreement is named, and the
//! change is named by its digest ([`crate::report::Finding::change`]), so a
//! later, different change of the same clause is not covered but reported,
//! with the acknowledgement marked stale because the change it approved
//! differs. `--config REV:PATH` reads the file from a git revision, so that
//! CI can take the acknowledgements from the base branch rather than from
//! the pull request under review.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::load::{LoadError, closest, read_source};
use crate::render::Format;
use crate::report::{Ack, AckMatch, Report, Stale};
use crate::rules::Materiality;
use crate::yaml::{self, Node, NodeKind, Pos};

/// The file name looked for beside the new file and at the repository root.
pub const FILE_NAME: &str = ".agreement-diff.yaml";

/// Hex digits in a change's digest.
const CHANGE_DIGITS: usize = 32;

/// The acknowledgements in force for one run, and what each has met so far
/// (one file serves every pair of a directory run).
#[derive(Debug, Default)]
pub struct Acknowledgements {
    acks: Vec<Ack>,
    /// The file's `defaults`, for the options not given as flags.
    pub defaults: Defaults,
    /// Whether each covered a finding.
    used: Vec<bool>,
    /// The changes each matched in all but the change.
    differs: Vec<Vec<String>>,
}

impl Acknowledgements {
    /// The acknowledgements of `--config FILE` (or `REV:PATH`, read through
    /// git), or else of the file found beside `new_path` or at the root of
    /// its repository; none with `--no-config`.
    pub fn for_run(config: Option<&str>, no_config: bool, new_path: &str, max_bytes: u64) -> Result<Self, LoadError> {
        if no_config {
            return Ok(Self::default());
        }
        let file = match config {
            Some(f) => Some(f.to_string()),
            None => discover(new_path).map(|p| p.to_string_lossy().to_string()),
        };
        let Config { acks, defaults } = match file {
            Some(f) => read(&f, max_bytes)?,
            None => Config::default(),
        };
        Ok(Acknowledgements { used: vec![false; acks.len()], differs: vec![Vec::new(); acks.len()], acks, defaults })
    }

    /// Mark the findings of a report that an acknowledgement covers (the
    /// first that covers a finding gives its reason).
    pub fn apply(&mut self, report: &mut Report) {
        let agreements = (report.old.agreement.as_str(), report.new.agreement.as_str());
        for (i, ack) in self.acks.iter().enumerate() {
            for f in report.findings.iter_mut() {
                match ack.judge(agreements, f) {
                    AckMatch::Covers => {
                        if f.acknowledged.is_none() {
                            f.acknowledged = Some(ack.reason.clone());
                        }
                        self.used[i] = true;
                    }
                    AckMatch::Differs => {
                        if !self.differs[i].iter().any(|c| c == f.change()) {
                            self.differs[i].push(f.change().to_string());
                        }
                    }
                    AckMatch::Unrelated => {}
                }
            }
        }
    }

    /// The acknowledgements that covered nothing in any report so far.
    pub fn stale(&self) -> Vec<Stale> {
        (self.acks.iter().zip(&self.used).zip(&self.differs))
            .filter(|((_, used), _)| !**used)
            .map(|((ack, _), now)| Stale { ack: ack.clone(), now: now.clone() })
            .collect()
    }
}

/// What a config file holds: acknowledgements and defaults.
#[derive(Debug, Default)]
pub struct Config {
    /// The acknowledged changes.
    pub acks: Vec<Ack>,
    /// Defaults for the options of a comparison.
    pub defaults: Defaults,
}

/// Defaults for the options of a comparison (`defaults:` in the config
/// file); a flag on the command line overrides each. Each remembers where
/// it was written, so that a value refused later (a perspective that names
/// no party) is reported there.
#[derive(Debug, Default)]
pub struct Defaults {
    /// `--format`.
    pub format: Option<Format>,
    /// `--fail-on`.
    pub fail_on: Option<Materiality>,
    /// `--perspective`, and where it is written.
    pub perspective: Option<(String, LoadError)>,
}

/// The keys of `defaults`.
const DEFAULT_KEYS: &[&str] = &["format", "fail-on", "perspective"];

/// Read a config file: acknowledgements and defaults. Unknown keys and bad
/// values are errors with their line and column.
pub fn read(path: &str, max_bytes: u64) -> Result<Config, LoadError> {
    let text = read_source(path, max_bytes)?;
    let err = |pos: Option<Pos>, message: String| LoadError { file: path.to_string(), pos, message };
    let root = yaml::parse(&text, yaml::Limits::default()).map_err(|e| err(e.pos, e.message))?;
    let NodeKind::Map(entries) = &root.kind else {
        return Err(err(
            Some(root.pos),
            "a config file must be a mapping with `acknowledged` and/or `defaults`".into(),
        ));
    };
    let mut out = Vec::new();
    let mut defaults = Defaults::default();
    for e in entries {
        if e.key_is_text && e.key == "defaults" {
            defaults = read_defaults(&e.value, &err)?;
            continue;
        }
        if e.key != "acknowledged" || !e.key_is_text {
            let hint = closest(&e.key, &["acknowledged", "defaults"])
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            return Err(err(
                Some(e.key_pos),
                format!("unknown key `{}` (a config file holds `acknowledged` and `defaults`){hint}", e.key),
            ));
        }
        let NodeKind::Seq(items) = &e.value.kind else {
            return Err(err(Some(e.value.pos), "`acknowledged` must be a list".into()));
        };
        for item in items {
            let NodeKind::Map(fields) = &item.kind else {
                return Err(err(
                    Some(item.pos),
                    "an acknowledgement must be a mapping with agreement, rule, clause, change and reason".into(),
                ));
            };
            let mut ack = Ack {
                agreement: String::new(),
                rule: String::new(),
                clause: None,
                field: None,
                change: String::new(),
                reason: String::new(),
                file: path.to_string(),
                line: item.pos.line,
            };
            for f in fields {
                if !f.key_is_text {
                    return Err(err(Some(f.key_pos), format!("a key must be text, found {}", f.key)));
                }
                let text = match &f.value.kind {
                    NodeKind::Str(s) if !s.trim().is_empty() => s.trim().to_string(),
                    other => {
                        return Err(err(
                            Some(f.value.pos),
                            format!("`{}` must be text, found {}", f.key, other.describe()),
                        ));
                    }
                };
                match f.key.as_str() {
                    "agreement" => ack.agreement = text,
                    "rule" => {
                        if crate::rules::find(&text).is_none() {
                            return Err(err(Some(f.value.pos), format!("no rule named `{text}`")));
                        }
                        ack.rule = text
                    }
                    "clause" => ack.clause = Some(text),
                    "field" => ack.field = Some(text),
                    "change" => {
                        if text.len() != CHANGE_DIGITS || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
                            return Err(err(
                                Some(f.value.pos),
                                format!(
                                    "`change` must be the {CHANGE_DIGITS} hex digits a report gives the finding \
                                     (`change` in --format json, `change …` in the text report), found `{text}`"
                                ),
                            ));
                        }
                        ack.change = text.to_ascii_lowercase()
                    }
                    "reason" => ack.reason = text,
                    other => {
                        let keys = ["agreement", "rule", "clause", "field", "change", "reason"];
                        let hint = closest(other, &keys).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
                        return Err(err(Some(f.key_pos), format!("unknown key `{other}` in an acknowledgement{hint}")));
                    }
                }
            }
            let missing = |key: &str, why: &str| err(Some(item.pos), format!("an acknowledgement needs {key}{why}"));
            if ack.agreement.is_empty() {
                return Err(missing("an `agreement`", " (the agreement id it is about)"));
            }
            if ack.rule.is_empty() {
                return Err(missing("a `rule`", ""));
            }
            if ack.change.is_empty() {
                return Err(missing(
                    "a `change`",
                    " (the digest of the change it approves: `change` of the finding in the report)",
                ));
            }
            if ack.reason.is_empty() {
                return Err(missing("a `reason`", ""));
            }
            out.push(ack);
        }
    }
    Ok(Config { acks: out, defaults })
}

/// `defaults: {format: ..., fail-on: ..., perspective: ...}`.
fn read_defaults(node: &Node, err: &dyn Fn(Option<Pos>, String) -> LoadError) -> Result<Defaults, LoadError> {
    let NodeKind::Map(entries) = &node.kind else {
        return Err(err(
            Some(node.pos),
            format!("`defaults` must be a mapping of {}, found {}", DEFAULT_KEYS.join(", "), node.kind.describe()),
        ));
    };
    let mut d = Defaults::default();
    for e in entries {
        if !e.key_is_text || !DEFAULT_KEYS.contains(&e.key.as_str()) {
            let hint = closest(&e.key, DEFAULT_KEYS).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
            return Err(err(
                Some(e.key_pos),
                format!("unknown key `{}` in `defaults` (known: {}){hint}", e.key, DEFAULT_KEYS.join(", ")),
            ));
        }
        let text = match &e.value.kind {
            NodeKind::Str(s) if !s.trim().is_empty() => crate::safe::clip(s.trim()).to_string(),
            other => {
                return Err(err(
                    Some(e.value.pos),
                    format!("`defaults.{}` must be text, found {}", e.key, other.describe()),
                ));
            }
        };
        // A bad value: the values allowed, and the closest.
        let refuse = |allowed: &[&str]| {
            let hint = closest(&text, allowed).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
            Err(err(
                Some(e.value.pos),
                format!("`defaults.{}` must be one of {}, found `{text}`{hint}", e.key, allowed.join(", ")),
            ))
        };
        match e.key.as_str() {
            "format" => match <Format as ValueEnum>::from_str(&text, false) {
                Ok(f) => d.format = Some(f),
                Err(_) => {
                    let names: Vec<String> = Format::value_variants()
                        .iter()
                        .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_string()))
                        .collect();
                    return refuse(&names.iter().map(String::as_str).collect::<Vec<_>>());
                }
            },
            "fail-on" => match Materiality::parse(&text) {
                Some(m) => d.fail_on = Some(m),
                None => return refuse(&Materiality::ALL.map(Materiality::name)),
            },
            _ => {
                if !crate::load::is_identifier(&text) {
                    return Err(err(
                        Some(e.value.pos),
                        format!("`defaults.perspective` must be a party key (such as `openai`), found `{text}`"),
                    ));
                }
                let at = err(Some(e.value.pos), String::new());
                d.perspective = Some((text, at));
            }
        }
    }
    Ok(d)
}

/// Where to look for acknowledgements when `--config` is not given: beside
/// the new file, then at the root of the git repository holding it.
fn discover(new_path: &str) -> Option<PathBuf> {
    let dir = Path::new(new_path).parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let beside = dir.join(FILE_NAME);
    if beside.is_file() {
        return Some(beside);
    }
    let root = crate::git::toplevel(dir)?;
    let at_root = root.join(FILE_NAME);
    at_root.is_file().then_some(at_root)
}
