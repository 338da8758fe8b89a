//! History: a chain of versions, ordered by `effective` date (then by the
//! order given), one report per step.

use crate::load::{LoadError, LoadOptions, load_file};
use crate::model::{Agreement, Value};
use crate::render::{Format, json, markdown, summary};
use crate::report::Report;
use crate::safe;

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

pub fn render(steps: &[Report], format: Format, color: bool) -> String {
    match format {
        Format::Json => json::to_string(&Log(steps)),
        Format::Markdown => {
            let mut out = String::new();
            if let Some(first) = steps.first() {
                out.push_str(&format!("## History of {}\n", markdown::escape(&first.new.agreement)));
            }
            for r in steps {
                out.push_str(&format!("\n### {}\n\n", markdown::escape(&step_title(r))));
                out.push_str(&format!("**{}**\n\n", markdown::escape(&r.verdict())));
                for b in summary::bullets(r) {
                    out.push_str(&format!("- {}\n", markdown::escape(&b)));
                }
            }
            out
        }
        Format::Github => steps.iter().map(|r| crate::render::render(r, Format::Github, false)).collect(),
        Format::Text | Format::Summary => {
            let mut out = String::new();
            if let Some(first) = steps.first() {
                out.push_str(&format!(
                    "History of {}: {} versions, {} step{}\n",
                    safe::line(&first.new.agreement),
                    steps.len() + 1,
                    steps.len(),
                    if steps.len() == 1 { "" } else { "s" }
                ));
            }
            for r in steps {
                let title = step_title(r);
                let title = if color { format!("\x1b[1m{}\x1b[0m", safe::line(&title)) } else { safe::line(&title) };
                out.push_str(&format!("\n{title}\n{}\n", safe::line(&r.verdict())));
                for b in summary::bullets(r) {
                    out.push_str(&format!("- {}\n", safe::line(&b)));
                }
            }
            out
        }
    }
}

fn step_title(r: &Report) -> String {
    let v = |s: &crate::report::Side| s.version.clone().unwrap_or_else(|| s.path.clone());
    format!("{} → {}", v(&r.old), v(&r.new))
}

struct Log<'a>(&'a [Report]);

impl serde::Serialize for Log<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("schema_version", &json::SCHEMA_VERSION)?;
        m.serialize_entry("steps", &json::Seq(self.0.iter().map(json::JsonReport).collect()))?;
        m.end()
    }
}
