//! Amendments written in Markdown, in the standard drafting forms: a
//! numbered list under an "Amendments" heading, each item one instruction
//! ("Section 9 is deleted in its entirety."), clauses given whole as block
//! quotes. The front matter names the base (`amends`, `base-version`) and
//! the result (`version`, `effective`), as in a YAML amendment.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::model::{Amendment, Anchor, Instruction, Op, Target, WordEdit};
use crate::load::{LoadError, LoadOptions, Pos};
use crate::model::{Clause, Field, Value, schema};

/// One item of the numbered list: its sentence, its quoted block, its line.
struct Item {
    line: u32,
    sentence: String,
    /// Paragraphs of the block quote: (text, whether the paragraph is all bold).
    quoted: Vec<(String, bool)>,
    /// Whether the quote holds a list (typed terms).
    quoted_list: bool,
}

/// Whether a Markdown text is an amendment: front matter with `amends`.
pub fn is_amendment(text: &str, options: &LoadOptions) -> bool {
    amends(text, options).is_some()
}

/// The `amends` of a Markdown amendment's front matter.
pub fn amends(text: &str, options: &LoadOptions) -> Option<String> {
    front_matter(text).and_then(|(yaml, _)| crate::yaml::top_level_text(&yaml, "amends", options.yaml))
}

/// The front matter as YAML whose lines are the file's (the opening `---`
/// is a blank line), and the byte where the body starts.
fn front_matter(text: &str) -> Option<(String, usize)> {
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let end = rest.find("\n---").map(|i| i + 1)?;
    let body = (text.len() - rest.len()) + end + rest[end..].find('\n').map_or(rest.len() - end, |i| i + 1);
    Some((format!("\n{}", &rest[..end]), body.min(text.len())))
}

/// Load a Markdown amendment; every error found.
pub fn check_str(text: &str, path: &str, options: &LoadOptions) -> Result<Amendment, Vec<LoadError>> {
    let err =
        |line: u32, message: String| LoadError { file: path.to_string(), pos: Some(Pos { line, col: 1 }), message };
    let Some((yaml, body)) = front_matter(text) else {
        return Err(vec![err(
            1,
            "a Markdown amendment starts with front matter naming what it amends (`amends:`)".into(),
        )]);
    };
    let yaml = format!("{yaml}instructions: []\n");
    let mut amendment = super::load::check_str(&yaml, path, options)?;
    let mut errors = Vec::new();
    for item in items(text, body) {
        match instruction(&item) {
            Ok(Some(op)) => amendment.instructions.push(Instruction { pos: Pos { line: item.line, col: 1 }, op }),
            Ok(None) => {}
            Err(m) => errors.push(err(item.line, m)),
        }
    }
    if errors.is_empty() { Ok(amendment) } else { Err(errors) }
}

/// The items of the numbered list under the heading "Amendments".
fn items(text: &str, body: usize) -> Vec<Item> {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() as u32 + 1;
    let mut out: Vec<Item> = Vec::new();
    let mut in_heading = false;
    let mut heading = String::new();
    let mut in_section = false;
    let mut depth = 0usize;
    let mut quote = 0usize;
    let mut para = String::new();
    let mut para_strong = false;
    // Where the text gathered so far goes: the item's sentence or its quote.
    let flush = |out: &mut Vec<Item>, para: &mut String, strong: bool, quote: usize| {
        // Escaping put zero-width spaces in links and mentions (render::markdown::escape).
        let p = para.trim().replace('\u{200B}', "");
        para.clear();
        if p.is_empty() {
            return;
        }
        if let Some(item) = out.last_mut() {
            if quote > 0 {
                item.quoted.push((p, strong));
            } else {
                if !item.sentence.is_empty() {
                    item.sentence.push(' ');
                }
                item.sentence.push_str(&p);
            }
        }
    };
    for (event, range) in Parser::new(&text[body..]).into_offset_iter() {
        let at = body + range.start;
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                heading.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                in_section = heading.trim().eq_ignore_ascii_case("amendments");
            }
            _ if in_heading => {
                if let Event::Text(t) | Event::Code(t) = event {
                    heading.push_str(&t);
                }
            }
            _ if !in_section => {}
            Event::Start(Tag::List(_)) => {
                if quote > 0
                    && let Some(item) = out.last_mut()
                {
                    item.quoted_list = true;
                }
                depth += 1;
            }
            Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Item) if depth == 1 && quote == 0 => {
                para.clear();
                out.push(Item { line: line_of(at), sentence: String::new(), quoted: Vec::new(), quoted_list: false });
            }
            Event::End(TagEnd::Item) if depth == 1 && quote == 0 => flush(&mut out, &mut para, false, 0),
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut out, &mut para, false, quote);
                quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => quote = quote.saturating_sub(1),
            Event::Start(Tag::Paragraph) => {
                para.clear();
                para_strong = false;
            }
            Event::Start(Tag::Strong) if para.trim().is_empty() => para_strong = true,
            Event::End(TagEnd::Paragraph) if depth >= 1 => flush(&mut out, &mut para, para_strong, quote),
            Event::Text(t) if depth >= 1 => para.push_str(&t),
            Event::Code(t) if depth >= 1 => para.push_str(&format!("`{t}`")),
            Event::SoftBreak | Event::HardBreak => para.push(' '),
            _ => {}
        }
    }
    out
}

/// Phrases quoted with “…” (or "…"), with zero-width spaces (put in by
/// escaping) removed.
fn quotes(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (open, close) = if s.contains('“') { ('“', '”') } else { ('"', '"') };
    let mut rest = s;
    while let Some(i) = rest.find(open) {
        let after = &rest[i + open.len_utf8()..];
        let Some(j) = after.find(close) else { break };
        out.push(after[..j].replace('\u{200B}', ""));
        rest = &after[j + close.len_utf8()..];
    }
    out
}

/// How an amendment names a clause: `Section 3 (Title)`, `the clause
/// \`id\``, or `the clause headed “Title”`; the name, whether it is a
/// title, and the rest of the sentence.
fn subject(s: &str) -> Option<(String, bool, &str)> {
    let s = s.trim_start();
    let lower = |p: &str| s.get(..p.len()).is_some_and(|x| x.eq_ignore_ascii_case(p));
    if lower("the clause headed ") {
        let rest = &s["the clause headed ".len()..];
        let open = rest.chars().next()?;
        let close = match open {
            '“' => '”',
            '"' => '"',
            _ => return None,
        };
        let inner = &rest[open.len_utf8()..];
        let end = inner.find(close)?;
        let after = inner[end + close.len_utf8()..].trim_start();
        // "the clause headed “Title” (`id`)": the id decides.
        if let Some(id) = after.strip_prefix("(`")
            && let Some(e) = id.find("`)")
        {
            return Some((id[..e].to_string(), false, id[e + 2..].trim_start_matches(',').trim_start()));
        }
        return Some((inner[..end].replace('\u{200B}', ""), true, after.trim_start_matches(',').trim_start()));
    }
    if lower("the clause `") {
        let rest = &s["the clause `".len()..];
        let end = rest.find('`')?;
        return Some((rest[..end].to_string(), false, rest[end + 1..].trim_start_matches(',').trim_start()));
    }
    let s = if lower("section ") { &s["section ".len()..] } else { return None };
    let end = s.find([' ', ',']).unwrap_or(s.len());
    let number = s[..end].trim_end_matches(['.', ',']).to_string();
    let mut rest = s[end..].trim_start();
    if rest.starts_with('(') {
        let mut depth = 0;
        for (i, c) in rest.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        rest = rest[i + 1..].trim_start();
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    Some((number, false, rest.trim_start_matches(',').trim_start()))
}

const FORMS: &str = "write it in one of the drafting forms of docs/amendments.md (\"Section X is deleted in its \
                     entirety.\", \"Section X is amended by deleting “A” and inserting “B”.\"...), or use a YAML amendment";

fn instruction(item: &Item) -> Result<Option<Op>, String> {
    let s = item.sentence.trim();
    let pos = Pos { line: item.line, col: 1 };
    let target = |(name, by_title, _): (String, bool, &str)| Target { name, pos, by_title };
    let q = quotes(s);
    let one = || q.first().cloned().ok_or_else(|| "this amendment quotes no words".to_string());
    let anchor_after = |r: &str| -> Result<Anchor, String> {
        if let Some(r) = r.strip_prefix("after ") {
            Ok(Anchor::After(target(subject(r).ok_or(FORMS)?)))
        } else if let Some(r) = r.strip_prefix("before ") {
            Ok(Anchor::Before(target(subject(r).ok_or(FORMS)?)))
        } else if r.starts_with("at the end") || r.starts_with("to the end") {
            Ok(Anchor::End)
        } else {
            Err(format!("cannot read where this goes: {FORMS}"))
        }
    };
    // The agreement's own fields change through the front matter's `consolidated`.
    if [
        "The title of the Agreement ",
        "The sources of the Agreement ",
        "The notes to the Agreement ",
        "The statement of where the Agreement comes from ",
        "The previous version named by the Agreement ",
    ]
    .iter()
    .any(|p| s.starts_with(p))
    {
        return Ok(None);
    }
    // Definitions: "The definition of “T” is deleted.", "... is amended and restated as follows:" and
    // "A definition of “T” is inserted as follows:", the definition quoted below.
    if s.starts_with("The definition of ") || s.starts_with("A definition of ") {
        let term = one()?;
        if s.contains(" is deleted") {
            return Ok(Some(Op::DeleteDefinition(term, pos)));
        }
        let text: Vec<&str> = item.quoted.iter().map(|(p, _)| p.as_str()).collect();
        if text.is_empty() {
            return Err("the definition is missing: quote it below the amendment (lines starting with `>`)".into());
        }
        let text = text.join(" ").replace('\u{200B}', "");
        return Ok(Some(Op::Define(vec![crate::model::Definition { term, text, pos }])));
    }
    if let Some(rest) = s.strip_prefix("A new Section ").or_else(|| s.strip_prefix("A new clause ")) {
        let (number, rest) = if s.starts_with("A new Section ") {
            let end = rest.find([' ', ',']).unwrap_or(rest.len());
            (Some(rest[..end].to_string()), rest[end..].trim_start())
        } else {
            (None, rest)
        };
        let r = rest.strip_prefix("is inserted ").ok_or_else(|| format!("cannot read this insertion: {FORMS}"))?;
        let anchor = anchor_after(r)?;
        return Ok(Some(Op::Insert(anchor, Box::new(quoted_clause(item, number, pos)?))));
    }
    if let Some(rest) = s.strip_prefix("The text of ") {
        let sub = subject(rest).ok_or(FORMS)?;
        if sub.2.starts_with("is amended and restated") {
            let c = quoted_clause(item, None, pos)?;
            return Ok(Some(restate(target(sub), &c, pos, true)));
        }
        return Err(format!("cannot read this amendment: {FORMS}"));
    }
    if let Some(rest) = s.strip_prefix("In ") {
        // "In Section 3, the title is “…” and the number is “…”."
        let sub = subject(rest).ok_or(FORMS)?;
        let mut set = Vec::new();
        let node =
            |v: &str| crate::yaml::Node { pos, kind: crate::yaml::NodeKind::Str(std::sync::Arc::new(v.to_string())) };
        let mut remove = Vec::new();
        let mut r = sub.2;
        loop {
            r = r.trim_start_matches([',', ' ', '.']);
            r = r.strip_prefix("and ").unwrap_or(r);
            if r.is_empty() {
                break;
            }
            if let Some(f) =
                ["title", "number", "text"].into_iter().find(|f| r.starts_with(&format!("the {f} is deleted")))
            {
                remove.push((f.to_string(), pos));
                r = &r[format!("the {f} is deleted").len()..];
                continue;
            }
            let field = ["title", "number", "text"].into_iter().find(|f| r.starts_with(&format!("the {f} is “")));
            let Some(f) = field else {
                return Err("typed terms cannot be read from a Markdown amendment: use a YAML amendment".into());
            };
            let after = &r[format!("the {f} is “").len()..];
            let Some(end) = after.find('”') else {
                return Err(format!("the quotation after `the {f} is` is not closed"));
            };
            set.push((f.to_string(), node(&after[..end].replace('\u{200B}', "")), pos));
            r = &after[end + '”'.len_utf8()..];
        }
        return Ok(Some(Op::Fields { clause: target(sub), set, remove }));
    }
    let Some(sub) = subject(s) else { return Err(format!("cannot read this amendment: {FORMS}")) };
    let rest_owned = sub.2.to_string();
    let t = target(sub);
    let rest = rest_owned.as_str();

    let words = |edit| Ok(Some(Op::Words { clause: t.clone(), field: "text".into(), edit }));
    if rest.starts_with("is deleted in its entirety") {
        return Ok(Some(Op::Delete(t)));
    }
    if rest.starts_with("is amended and restated as follows") {
        let c = quoted_clause(item, None, pos)?;
        return Ok(Some(restate(t, &c, pos, false)));
    }
    if let Some(r) = rest.strip_prefix("is moved ") {
        return Ok(Some(Op::Move(t.clone(), anchor_after(r)?)));
    }
    if let Some(r) = rest.strip_prefix("is amended by ") {
        // Split at the words between the quotations, so that quotation marks inside them are kept.
        let r = r.trim_end().trim_end_matches('.').replace('\u{200B}', "");
        let r = r.as_str();
        // Curly quotation marks, or straight double or single ones as people type them.
        const STYLES: [(char, char); 3] = [('“', '”'), ('"', '"'), ('\'', '\'')];
        let unquote = |q: &str, (o, c): (char, char)| -> Option<String> {
            q.trim().strip_prefix(o).and_then(|q| q.strip_suffix(c)).map(str::to_string)
        };
        let pair = |r: &str, lead: &str, mid: &str| -> Option<(String, String)> {
            let r = r.strip_prefix(lead)?;
            STYLES.iter().find_map(|&(o, c)| {
                let mid = mid.replace('”', &c.to_string()).replace('“', &o.to_string());
                let k = r.rfind(&mid)?;
                let (a, b) = (&r[..k + c.len_utf8()], &r[k + mid.len() - o.len_utf8()..]);
                Some((unquote(a, (o, c))?, unquote(b, (o, c))?))
            })
        };
        let single = |r: &str, lead: &str| -> Option<String> {
            let r = r.strip_prefix(lead)?;
            STYLES.iter().find_map(|&style| unquote(r, style))
        };
        let bad = || format!("cannot read the quoted words of this amendment: {FORMS}");
        if let Some((a, b)) = pair(r, "deleting ", "” and inserting “")
            .or_else(|| pair(r, "replacing the sentence ", "” with “"))
            .or_else(|| pair(r, "replacing the sentences ", "” with “"))
            .or_else(|| pair(r, "replacing ", "” with “"))
        {
            return words(WordEdit::Replace { old: (a, pos), new: b });
        }
        if let Some((a, b)) = pair(r, "inserting ", "” after “") {
            return words(WordEdit::InsertAfter { words: a, after: (b, pos) });
        }
        if let Some(a) = single(r, "deleting ") {
            return words(WordEdit::Delete((a, pos)));
        }
        for lead in ["adding at the end the sentences ", "adding at the end the sentence ", "adding at the end "] {
            if let Some(a) = single(r, lead) {
                return words(WordEdit::AddSentence(a));
            }
        }
        return Err(bad());
    }
    Err(format!("cannot read this amendment: {FORMS}"))
}

/// A clause restated in Markdown: its wording (and heading) replaced, its
/// typed terms kept.
fn restate(t: Target, c: &Clause, pos: Pos, text_only: bool) -> Op {
    let node =
        |v: &str| crate::yaml::Node { pos, kind: crate::yaml::NodeKind::Str(std::sync::Arc::new(v.to_string())) };
    let mut set = Vec::new();
    let names: &[&str] = if text_only { &["text"] } else { &["number", "title", "text"] };
    for &name in names {
        if let Some(v) = c.text_of(name) {
            set.push((name.to_string(), node(v), pos));
        }
    }
    Op::Fields { clause: t, set, remove: Vec::new() }
}

/// The clause in an item's block quote: a bold first paragraph is its
/// number and title, the other paragraphs its text.
fn quoted_clause(item: &Item, number: Option<String>, pos: Pos) -> Result<Clause, String> {
    if item.quoted.is_empty() {
        return Err("the clause is missing: quote it below the amendment (lines starting with `>`)".into());
    }
    if item.quoted_list || item.quoted.iter().any(|(p, _)| p.starts_with("Terms (")) {
        return Err("typed terms cannot be read from a Markdown amendment: use a YAML amendment".into());
    }
    let mut paragraphs = item.quoted.iter();
    let mut title = None;
    let mut number = number.map(|n| n.trim_end_matches([',', '.']).to_string());
    if let Some((first, true)) = item.quoted.first() {
        paragraphs.next();
        let (n, t) = first.split_once(' ').unwrap_or((first, ""));
        if number.as_deref() == Some(n) || number.is_none() && n.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            number = Some(n.to_string());
            title = Some(t.to_string()).filter(|t| !t.is_empty());
        } else {
            title = Some(first.clone());
        }
    }
    let text: Vec<&str> = paragraphs.map(|(p, _)| p.as_str()).collect();
    let slug = |s: &str| {
        let s: String = s.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
        s.split('-').filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-")
    };
    let id = match (&title, &number) {
        (Some(t), _) if !slug(t).is_empty() => slug(t),
        (_, Some(n)) => format!("section-{}", slug(n)),
        _ => format!("inserted-{}", item.line),
    };
    let mut fields = Vec::new();
    for (name, v) in [("number", number), ("title", title), ("text", Some(text.join(" ")).filter(|t| !t.is_empty()))] {
        if let Some(v) = v {
            fields.push(Field { name, value: Value::text(v), pos });
        }
    }
    Ok(Clause {
        id,
        ctype: schema::clause_type("text").expect("text type exists"),
        pos,
        fields,
        section: None,
        heading: None,
        text_lines: None,
    })
}
