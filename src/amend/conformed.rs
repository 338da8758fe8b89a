//! The conformed copy of a Markdown agreement: the consolidation written back
//! into the base document itself.
//!
//! A lawyer's conformed copy is the original with the amendments made in it,
//! not a new document. So every block of the base whose clauses the
//! amendments left alone is copied byte for byte (its markup, links and line
//! breaks included); only a clause an amendment changed or inserted is
//! written anew, in the markup of the block it replaces (heading level, list
//! bullet), its words escaped so that they read back as written, and its
//! links put back on the words that carried them. The front matter gains the
//! consolidation's `version`, `effective` and `previous`.
//!
//! What a Markdown document cannot hold (a typed clause, a typed field other
//! than number, title, text and links, a metadata key front matter does not
//! take) is not written at all: [`markdown`] returns `None` and the caller
//! prints YAML instead, saying why.

use crate::load::document;
use crate::model::{Agreement, Clause, Value};

/// The fields a Markdown block carries.
const BLOCK_FIELDS: &[&str] = &["number", "title", "text", "links"];

/// The metadata keys written in front matter.
const FRONT_KEYS: &[&str] = &["agreement", "version", "previous", "effective", "title", "notes", "sources"];

/// The consolidation `result` of the Markdown document `source` (loaded as
/// `base`), written as that document; `None` when the consolidation holds
/// what Markdown cannot (see the module's documentation).
pub fn markdown(source: &str, base: &Agreement, result: &Agreement, comment: &str) -> Option<String> {
    if !expressible(result) {
        return None;
    }
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let (front, body_line) = match document::front_matter(source) {
        Some((yaml, first, body)) => (Some((yaml, first)), line_of(source, body)),
        None => (None, 1),
    };
    // Each base clause's source lines: from its first line to the next clause's.
    let mut starts: Vec<usize> = base.clauses.iter().map(|c| c.pos.line as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let block_of = |line: usize| -> (usize, usize) {
        let end = starts.iter().copied().find(|&s| s > line).unwrap_or(lines.len() + 1);
        (line, end)
    };
    let unchanged = |c: &Clause| find(result, &c.id).is_some_and(|r| same_block(c, r));
    let mut out = String::new();
    out.push_str(&front_matter(front, base, result));
    out.push_str(&format!("<!-- {} -->\n\n", crate::safe::line(comment).replace("--", "-")));
    let first_clause = starts.first().copied().unwrap_or(lines.len() + 1);
    out.push_str(&span(&lines, body_line, first_clause));
    let mut heading_level = 2;
    // The base line of the block written last, when it was copied.
    let mut last_copied: Option<usize> = None;
    let mut done: Vec<usize> = Vec::new();
    for (k, c) in result.clauses.iter().enumerate() {
        let old = find(base, &c.id);
        // A block is copied when all its clauses stand unchanged, together, in the result.
        if let Some(o) = old {
            let line = o.pos.line as usize;
            if done.contains(&line) {
                continue;
            }
            let group: Vec<&Clause> = base.clauses.iter().filter(|b| b.pos.line as usize == line).collect();
            let together = group.iter().enumerate().all(|(g, b)| {
                unchanged(b) && result.clauses.get(k + g).is_some_and(|r| r.id == b.id && same_block(b, r))
            });
            // Markdown reads a block by what stands above it (a list item's continuation,
            // a lazy line): a block is copied only under the block it stood under, or
            // when it opens flush left after a blank line.
            let above = starts.iter().copied().take_while(|&s| s < line).last();
            let (from, to) = block_of(line);
            let flush = lines.get(from.saturating_sub(1)).is_some_and(|l| !l.starts_with([' ', '\t']));
            if together && (above == last_copied || flush) {
                let copied = span(&lines, from, to);
                if above != last_copied && !out.ends_with("\n\n") {
                    out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
                }
                last_copied = Some(line);
                if let Some(level) = heading(&copied) {
                    heading_level = level;
                }
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&copied);
                done.push(line);
                continue;
            }
        }
        // Written anew, in the markup of the block it replaces.
        last_copied = None;
        let template = old.map(|o| {
            let (from, _) = block_of(o.pos.line as usize);
            lines.get(from.saturating_sub(1)).copied().unwrap_or_default()
        });
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
        }
        let (block, level) = write_block(c, template, heading_level);
        heading_level = level.unwrap_or(heading_level);
        out.push_str(&block);
        out.push_str("\n\n");
    }
    Some(out)
}

fn find<'a>(a: &'a Agreement, id: &str) -> Option<&'a Clause> {
    a.clauses.iter().find(|c| c.id == id)
}

/// Lines `from..to` (1-based, `to` excluded), as far as the text has them.
fn span(lines: &[&str], from: usize, to: usize) -> String {
    let end = to.saturating_sub(1).min(lines.len());
    lines.get(from.saturating_sub(1).min(end)..end).unwrap_or_default().concat()
}

/// Whether every clause and metadata key of `a` has a place in Markdown.
fn expressible(a: &Agreement) -> bool {
    a.clauses.iter().all(|c| c.ctype.name == "text" && c.fields.iter().all(|f| BLOCK_FIELDS.contains(&f.name)))
        && a.meta.iter().all(|f| FRONT_KEYS.contains(&f.name))
}

/// Whether two clauses carry the same words, number, title and links.
fn same_block(a: &Clause, b: &Clause) -> bool {
    a.fields.len() == b.fields.len()
        && a.fields.iter().zip(&b.fields).all(|(x, y)| x.name == y.name && x.value == y.value)
}

/// The 1-based line of byte `at`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

/// The level of an ATX heading that opens `block`.
fn heading(block: &str) -> Option<usize> {
    let t = block.trim_start_matches(' ');
    let level = t.bytes().take_while(|&b| b == b'#').count();
    ((1..=6).contains(&level) && t[level..].starts_with([' ', '\t', '\n'])).then_some(level)
}

/// The front matter: the base's, with the consolidation's version,
/// effective date and previous version (and parties and definitions, when
/// an amendment changed them) set.
fn front_matter(front: Option<(&str, u32)>, base: &Agreement, result: &Agreement) -> String {
    let mut yaml = front.map(|(y, _)| y.to_string()).unwrap_or_default();
    if front.is_none() {
        // The id is written down: read from a new file, it would be taken from the file's name.
        yaml = format!("agreement: {}\n", quote(&result.id));
    }
    for key in ["version", "previous", "effective"] {
        if let Some(f) = result.meta(key) {
            let v = match &f.value {
                Value::Text(t) => quote(t.as_str()),
                other => other.to_string(),
            };
            yaml = set_key(&yaml, key, &format!("{key}: {v}\n"));
        }
    }
    let party_text = |a: &Agreement| {
        a.parties.iter().map(|p| (&p.key, &p.name, &p.short, &p.aliases)).map(|x| format!("{x:?}")).collect::<Vec<_>>()
    };
    if party_text(base) != party_text(result) {
        yaml = set_key(&yaml, "parties", &section(&crate::convert::to_yaml(result), "parties"));
    }
    let defs = |a: &Agreement| a.definitions.iter().map(|d| (d.term.clone(), d.text.clone())).collect::<Vec<_>>();
    if defs(base) != defs(result) {
        yaml = set_key(&yaml, "definitions", &section(&crate::convert::to_yaml(result), "definitions"));
    }
    if !yaml.ends_with('\n') {
        yaml.push('\n');
    }
    format!("---\n{yaml}---\n")
}

/// The lines of a top-level key (its line and the indented lines under it)
/// in a YAML text.
fn section(yaml: &str, key: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in yaml.split_inclusive('\n') {
        if line.starts_with(&format!("{key}:")) {
            inside = true;
        } else if inside && !line.starts_with([' ', '\t']) {
            break;
        }
        if inside {
            out.push_str(line);
        }
    }
    out
}

/// `yaml` with the top-level `key` (its line and the lines under it)
/// replaced by `lines`, or `lines` added at the end.
fn set_key(yaml: &str, key: &str, lines: &str) -> String {
    let mut out = String::new();
    let (mut inside, mut set) = (false, false);
    for line in yaml.split_inclusive('\n') {
        if line.starts_with(&format!("{key}:")) {
            inside = true;
            out.push_str(lines);
            set = true;
            continue;
        }
        if inside && (line.starts_with([' ', '\t']) || line.trim().is_empty()) {
            continue;
        }
        inside = false;
        out.push_str(line);
    }
    if !set {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(lines);
    }
    out
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// A clause as a Markdown block: a heading when it has a title and no text
/// (at the level of the block it replaces, else `level`), else a paragraph
/// (a list item when it replaces one) with its title in bold. Returns the
/// block and, for a heading, its level.
fn write_block(c: &Clause, template: Option<&str>, level: usize) -> (String, Option<usize>) {
    let get = |name: &str| {
        c.fields.iter().find(|f| f.name == name).map(|f| match &f.value {
            Value::Text(t) => t.to_string(),
            other => other.to_string(),
        })
    };
    let (number, title, text) = (get("number"), get("title"), get("text").unwrap_or_default());
    let links: Vec<String> = match c.fields.iter().find(|f| f.name == "links").map(|f| &f.value) {
        Some(Value::List(l)) => l.clone(),
        _ => Vec::new(),
    };
    let number = number.map(|n| if n.ends_with([')', '.']) { format!("{n} ") } else { format!("{n}. ") });
    let template = template.unwrap_or_default();
    if text.is_empty()
        && let Some(t) = &title
    {
        let level = heading(template).unwrap_or(level);
        let head = with_links(&format!("{}{t}", number.unwrap_or_default()), &links);
        return (format!("{} {head}", "#".repeat(level)), Some(level));
    }
    // A bulleted list item stays one (an ordered one is written by its number),
    // flush left: the loader reads no nesting, and indented it could read as code.
    let bullet = template.trim_start_matches(' ').get(..2).filter(|b| matches!(*b, "- " | "* " | "+ "));
    let mut out = String::new();
    if let Some(b) = bullet {
        out.push_str(b);
    }
    out.push_str(&number.unwrap_or_default());
    if let Some(t) = &title {
        out.push_str(&format!("**{}.** ", escape(t)));
    }
    out.push_str(&with_links(&text, &links));
    (out, None)
}

/// `text` escaped, with each link of the clause (`words <url>`, as the
/// loader keeps them) set on its words where they are still there.
fn with_links(text: &str, links: &[String]) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut spans: Vec<(usize, usize, &str)> = Vec::new();
    for link in links {
        let Some((words, url)) = link.strip_suffix('>').and_then(|l| l.rsplit_once(" <")) else {
            continue;
        };
        let found = (!words.is_empty())
            .then(|| text.match_indices(words).map(|(i, _)| (i, i + words.len())))
            .into_iter()
            .flatten()
            .find(|&(a, b)| spans.iter().all(|&(x, y, _)| b <= x || a >= y));
        if let Some((a, b)) = found {
            spans.push((a, b, url));
        }
    }
    spans.sort_unstable();
    let mut out = String::new();
    let mut at = 0;
    for (a, b, url) in spans {
        out.push_str(&escape(&text[at..a]));
        out.push_str(&format!("[{}](<{}>)", escape(&text[a..b]), url.replace(['<', '>', '\n'], "")));
        at = b;
    }
    out.push_str(&escape(&text[at..]));
    out
}

/// Words escaped so that CommonMark reads them back as written: every ASCII
/// punctuation character that can start markup is backslash-escaped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(ch, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '#' | '|' | '!' | '~' | '$') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LoadOptions;

    fn load(text: &str) -> Agreement {
        crate::load::check_str(text, "doc.md", &LoadOptions::default()).unwrap()
    }

    #[test]
    fn unchanged_blocks_are_copied_and_a_changed_one_keeps_its_markup_and_link() {
        let src = "# Terms\n\n## 1. Fees\n\n- You pay *all* fees within [thirty days](https://x.test/fees).\n- No refunds.\n\n## 2. End\n\nEither party may end this.\n";
        let base = load(src);
        let mut result = base.clone();
        let i = result
            .clauses
            .iter()
            .position(|c| c.fields.iter().any(|f| f.value.to_string().contains("You pay")))
            .unwrap();
        for f in &mut result.clauses[i].fields {
            if f.name == "text" {
                f.value = Value::text("You pay all fees within thirty days of the invoice [if any].".to_string());
            }
        }
        let md = markdown(src, &base, &result, "test").unwrap();
        assert!(md.contains("## 1. Fees\n\n"), "{md}");
        assert!(
            md.contains("- You pay all fees within [thirty days](<https://x.test/fees>) of the invoice \\[if any\\]."),
            "{md}"
        );
        assert!(md.contains("- No refunds.\n"), "{md}");
        assert!(md.contains("## 2. End\n\nEither party may end this.\n"), "{md}");
        let back = crate::load::check_str(&md, "back.md", &LoadOptions::default()).unwrap();
        let report = crate::diff(&result, &back);
        assert!(
            report.findings.iter().all(|f| f.materiality() <= crate::Materiality::Administrative),
            "{md}\n{:#?}",
            report.findings
        );
    }

    #[test]
    fn escaping_reads_back_as_written() {
        let words = "Fees * 2 _are_ <b>due</b> & [payable] | `now` #1 ~ok~ \\ $5";
        let md = format!("# T\n\n{}\n", escape(words));
        let a = load(&md);
        let text = a.clauses.iter().find_map(|c| c.fields.iter().find(|f| f.name == "text")).unwrap();
        assert_eq!(text.value, Value::text(words.to_string()));
    }

    #[test]
    fn front_matter_keys_are_set_or_added() {
        let y = "agreement: x\nversion: \"1\"\nparties:\n  a: {name: A}\nlayout: page\n";
        let out = set_key(y, "version", "version: \"2\"\n");
        assert_eq!(out, "agreement: x\nversion: \"2\"\nparties:\n  a: {name: A}\nlayout: page\n");
        let out = set_key(y, "parties", "parties:\n  b: {name: B}\n");
        assert_eq!(out, "agreement: x\nversion: \"1\"\nparties:\n  b: {name: B}\nlayout: page\n");
        assert_eq!(set_key("a: 1\n", "effective", "effective: 2026-01-01\n"), "a: 1\neffective: 2026-01-01\n");
    }

    #[test]
    fn typed_terms_are_not_markdown() {
        let src = "# T\n\nWords here.\n";
        let base = load(src);
        assert!(markdown(src, &base, &base, "x").is_some());
        let mut typed = base.clone();
        let pos = typed.clauses[1].pos;
        typed.clauses[1].fields.push(crate::model::Field {
            name: "topic",
            value: Value::text("money".to_string()),
            pos,
        });
        assert!(markdown(src, &base, &typed, "x").is_none());
    }

    proptest::proptest! {
        /// Any words, markup characters among them, read back as written once escaped.
        #[test]
        fn escaped_words_read_back(words in proptest::collection::vec("[a-z0-9*_`#<>&;!|~$\\\\\\[\\]().:'\"-]{1,6}", 1..12)) {
            let text = format!("Start {}", words.join(" "));
            let md = format!("# T\n\n{}\n", escape(&text));
            let a = crate::load::check_str(&md, "doc.md", &LoadOptions::default()).unwrap();
            let got = a.clauses.iter().find_map(|c| c.fields.iter().find(|f| f.name == "text")).map(|f| f.value.clone());
            proptest::prop_assert_eq!(got, Some(Value::text(text.clone())), "{}", md);
        }
    }
}
