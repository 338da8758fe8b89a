//! Acknowledged findings: a `.agreement-diff.yaml` that lists findings
//! reviewers accepted, each with a reason. Acknowledged findings are shown
//! apart and do not trip `--fail-on`; an acknowledgement that matches
//! nothing is reported as stale.
//!
//! ```yaml
//! acknowledged:
//!   - rule: cap-added
//!     clause: revenue-share-openai-to-microsoft
//!     field: cap                    # optional
//!     reason: Counsel accepted the total cap on 2026-04-28.
//! ```

use std::path::{Path, PathBuf};

use crate::load::{LoadError, closest, read_source};
use crate::report::{Ack, Report};
use crate::yaml::{self, NodeKind, Pos};

/// The file name looked for beside the new file and at the repository root.
pub const FILE_NAME: &str = ".agreement-diff.yaml";

/// The acknowledgements in force for one run, and which of them matched a
/// finding so far (one file serves every pair of a directory run).
#[derive(Debug, Default)]
pub struct Acknowledgements {
    acks: Vec<Ack>,
    used: Vec<bool>,
}

impl Acknowledgements {
    /// The acknowledgements of `--config FILE`, or else of the file found
    /// beside `new_path` or at the root of its repository; none with
    /// `--no-config`.
    pub fn for_run(config: Option<&str>, no_config: bool, new_path: &str, max_bytes: u64) -> Result<Self, LoadError> {
        if no_config {
            return Ok(Self::default());
        }
        let file = match config {
            Some(f) => Some(f.to_string()),
            None => discover(new_path).map(|p| p.to_string_lossy().to_string()),
        };
        let acks = match file {
            Some(f) => load(&f, max_bytes)?,
            None => Vec::new(),
        };
        Ok(Acknowledgements { used: vec![false; acks.len()], acks })
    }

    /// Mark the findings of a report that an acknowledgement covers.
    pub fn apply(&mut self, report: &mut Report) {
        for (ack, used) in self.acks.iter().zip(&mut self.used) {
            for f in report.findings.iter_mut().filter(|f| ack.matches(f)) {
                f.acknowledged = Some(ack.reason.clone());
                *used = true;
            }
        }
    }

    /// The acknowledgements that matched nothing in any report so far.
    pub fn stale(&self) -> Vec<Ack> {
        self.acks.iter().zip(&self.used).filter(|(_, u)| !**u).map(|(a, _)| a.clone()).collect()
    }
}

/// Load acknowledgements from a file.
pub fn load(path: &str, max_bytes: u64) -> Result<Vec<Ack>, LoadError> {
    let text = read_source(path, max_bytes)?;
    let err = |pos: Option<Pos>, message: String| LoadError { file: path.to_string(), pos, message };
    let root = yaml::parse(&text, yaml::Limits::default()).map_err(|e| err(e.pos, e.message))?;
    let NodeKind::Map(entries) = &root.kind else {
        return Err(err(Some(root.pos), "an acknowledgements file must be a mapping with `acknowledged`".into()));
    };
    let mut out = Vec::new();
    for e in entries {
        if e.key != "acknowledged" || !e.key_is_text {
            let hint = closest(&e.key, &["acknowledged"]).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
            return Err(err(Some(e.key_pos), format!("unknown key `{}`{hint}", e.key)));
        }
        let NodeKind::Seq(items) = &e.value.kind else {
            return Err(err(Some(e.value.pos), "`acknowledged` must be a list".into()));
        };
        for item in items {
            let NodeKind::Map(fields) = &item.kind else {
                return Err(err(
                    Some(item.pos),
                    "an acknowledgement must be a mapping with rule, clause and reason".into(),
                ));
            };
            let mut ack = Ack {
                rule: String::new(),
                clause: None,
                field: None,
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
                    "rule" => {
                        if crate::rules::find(&text).is_none() {
                            return Err(err(Some(f.value.pos), format!("no rule named `{text}`")));
                        }
                        ack.rule = text
                    }
                    "clause" => ack.clause = Some(text),
                    "field" => ack.field = Some(text),
                    "reason" => ack.reason = text,
                    other => {
                        let keys = ["rule", "clause", "field", "reason"];
                        let hint = closest(other, &keys).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
                        return Err(err(Some(f.key_pos), format!("unknown key `{other}` in an acknowledgement{hint}")));
                    }
                }
            }
            if ack.rule.is_empty() {
                return Err(err(Some(item.pos), "an acknowledgement needs a `rule`".into()));
            }
            if ack.reason.is_empty() {
                return Err(err(Some(item.pos), "an acknowledgement needs a `reason`".into()));
            }
            out.push(ack);
        }
    }
    Ok(out)
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
