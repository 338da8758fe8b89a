//! Directory mode: pair the agreements of two directories by agreement id
//! (falling back to relative path) and compare each pair.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::load::{LoadError, LoadOptions, load_file};
use crate::model::Agreement;
use crate::render::{Format, json, markdown};
use crate::report::Report;
use crate::safe;

/// An agreement present on one side only.
#[derive(Clone, Debug)]
pub struct Lone {
    pub path: String,
    pub agreement: String,
}

#[derive(Clone, Debug, Default)]
pub struct DirReport {
    pub added: Vec<Lone>,
    pub removed: Vec<Lone>,
    pub reports: Vec<Report>,
    /// Acknowledgements that matched no finding in any pair.
    pub stale: Vec<crate::ack::Ack>,
}

/// Agreements on one side only, with what happened to them.
fn lone(d: &DirReport) -> impl Iterator<Item = (&Lone, &'static str)> {
    d.added.iter().map(|l| (l, "added")).chain(d.removed.iter().map(|l| (l, "removed")))
}

/// Most files a directory may hold: beyond this the tree is refused.
const MAX_FILES: usize = 100_000;

fn yaml_files(root: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    let fail = |p: &Path, e: std::io::Error| LoadError {
        file: p.display().to_string(),
        pos: None,
        message: format!("cannot be read: {e}"),
    };
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<_> =
            std::fs::read_dir(&dir).map_err(|e| fail(&dir, e))?.collect::<Result<_, _>>().map_err(|e| fail(&dir, e))?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            let path = e.path();
            let kind = e.file_type().map_err(|err| fail(&path, err))?;
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() && (name.ends_with(".yaml") || name.ends_with(".yml")) {
                out.push(path);
                if out.len() > MAX_FILES {
                    return Err(LoadError {
                        file: root.display().to_string(),
                        pos: None,
                        message: format!("holds more than {MAX_FILES} agreement files"),
                    });
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

fn load_dir(root: &Path, options: &LoadOptions) -> Result<Vec<(String, Agreement)>, LoadError> {
    let mut out = Vec::new();
    for p in yaml_files(root)? {
        let rel = p.strip_prefix(root).unwrap_or(&p).to_string_lossy().to_string();
        out.push((rel, load_file(&p.to_string_lossy(), options)?));
    }
    Ok(out)
}

pub fn compare(old_dir: &str, new_dir: &str, options: &LoadOptions) -> Result<DirReport, LoadError> {
    let old = load_dir(Path::new(old_dir), options)?;
    let new = load_dir(Path::new(new_dir), options)?;
    fn count(side: &[(String, Agreement)]) -> BTreeMap<&str, usize> {
        let mut m: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, a) in side {
            *m.entry(a.id.as_str()).or_default() += 1;
        }
        m
    }
    let (old_ids, new_ids) = (count(&old), count(&new));
    let unique = |id: &str| old_ids.get(id) == Some(&1) && new_ids.get(id) == Some(&1);
    let mut used_new = vec![false; new.len()];
    let mut out = DirReport::default();
    for (rel, a) in &old {
        let partner = if unique(&a.id) {
            new.iter().position(|(_, b)| b.id == a.id)
        } else {
            new.iter().position(|(r, b)| r == rel && b.id == a.id).or_else(|| new.iter().position(|(r, _)| r == rel))
        };
        match partner.filter(|j| !used_new[*j]) {
            Some(j) => {
                used_new[j] = true;
                out.reports.push(crate::diff(a, &new[j].1));
            }
            None => out.removed.push(Lone { path: a.path.clone(), agreement: a.id.clone() }),
        }
    }
    for (j, (_, b)) in new.iter().enumerate() {
        if !used_new[j] {
            out.added.push(Lone { path: b.path.clone(), agreement: b.id.clone() });
        }
    }
    Ok(out)
}

pub fn render(d: &DirReport, format: Format, color: bool) -> String {
    match format {
        Format::Json => json::to_string(&Dirs(d)),
        Format::Github => {
            use crate::render::github::{data, property, stale};
            let mut out: String = d.reports.iter().map(|r| crate::render::render(r, format, color)).collect();
            for (l, what) in lone(d) {
                let message = data(&format!("Agreement {} {what}", l.agreement));
                out.push_str(&format!("::warning file={}::{message}\n", property(&l.path)));
            }
            for a in &d.stale {
                out.push_str(&stale(a));
            }
            out
        }
        _ => {
            let esc = |s: &str| {
                if format == Format::Markdown { markdown::escape(s) } else { safe::line(s) }
            };
            let mut parts: Vec<String> = d.reports.iter().map(|r| crate::render::render(r, format, color)).collect();
            let mut tail = String::new();
            for (l, what) in lone(d) {
                tail.push_str(&format!("- Agreement {what}: {} ({})\n", esc(&l.agreement), esc(&l.path)));
            }
            for a in &d.stale {
                let clause = a.clause.as_deref().map(|c| format!(" on {}", esc(c))).unwrap_or_default();
                tail.push_str(&format!(
                    "- Stale acknowledgement ({}:{}): {}{clause} matches no finding: {}\n",
                    esc(&a.file),
                    a.line,
                    esc(&a.rule),
                    esc(&a.reason)
                ));
            }
            if !tail.is_empty() {
                parts.push(tail);
            }
            if parts.is_empty() {
                parts.push("no agreements in either directory\n".into());
            }
            parts.join("\n")
        }
    }
}

struct Dirs<'a>(&'a DirReport);

struct JsonLone<'a>(&'a Lone);

impl serde::Serialize for JsonLone<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("path", &self.0.path)?;
        m.serialize_entry("agreement", &self.0.agreement)?;
        m.end()
    }
}

impl serde::Serialize for Dirs<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let d = self.0;
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("schema_version", &json::SCHEMA_VERSION)?;
        m.serialize_entry("added", &json::Seq(d.added.iter().map(JsonLone).collect()))?;
        m.serialize_entry("removed", &json::Seq(d.removed.iter().map(JsonLone).collect()))?;
        m.serialize_entry("reports", &json::Seq(d.reports.iter().map(json::JsonReport).collect()))?;
        m.serialize_entry("stale_acknowledgements", &json::Seq(d.stale.iter().map(json::Stale).collect()))?;
        m.end()
    }
}
