//! Documents (Markdown, plain text) → the agreement model.
//!
//! A reader (`markdown.rs`, `plain.rs`) turns a file into [`Block`]s: headings,
//! paragraphs, list items and table rows, each with its first line. This
//! module turns blocks into clauses of type `text` (number, title, text), with
//! ids derived from headings and words rather than from numbers, so that
//! renumbering or an inserted clause changes no other clause's id. It also
//! reads the optional YAML front matter, finds definitions and parties in the
//! prose, and names the agreement.

use std::collections::{HashMap, HashSet};

use super::{LoadError, LoadOptions, Loader};
use crate::model::schema::{self, Kind, TOP_LEVEL_KEYS};
use crate::model::{Agreement, Clause, Definition, Field, Party, Value};
use crate::yaml::{self, Node, NodeKind, Pos};

/// What a block of a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// A heading, with its level (1 for `#`).
    Heading(u8),
    /// A paragraph or a list item's text.
    Para,
    /// A table row: its cells joined with " | ".
    Row,
}

/// One block of a document, before it becomes a clause.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub kind: BlockKind,
    /// The number given by list markup (`3` for the third item of `1.`), if any.
    pub number: Option<String>,
    /// The raw text, markup removed (not yet cleaned of Liquid tags and
    /// attribute lists, nor whitespace-folded).
    pub text: String,
    /// The byte range in `text` of a bold span, when one is the first thing
    /// in the block after any number: a lead-in title candidate.
    pub strong: Option<(usize, usize)>,
    /// Links as `text <url>`.
    pub links: Vec<String>,
    /// The block's first line in the file.
    pub line: u32,
}

/// A document read into blocks, with hints found in its markup.
#[derive(Debug, Default)]
pub(crate) struct Doc {
    pub blocks: Vec<Block>,
    /// A date from a kramdown attribute list (`{: datetime="2025-02-25" }`), and its line.
    pub datetime: Option<(String, u32)>,
}

/// YAML front matter: the text between a first line `---` and the next `---`
/// (or `...`) line. Returns the YAML, the line it starts on, and the byte
/// offset where the body starts.
pub(crate) fn front_matter(text: &str) -> Option<(&str, u32, usize)> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let mut at = first_end + 1;
    let mut line = 2u32;
    while at <= text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let l = text[at..end].trim_end();
        if l == "---" || l == "..." {
            let body = (end + 1).min(text.len());
            return Some((&text[first_end + 1..at], 2, body));
        }
        if end == text.len() {
            break;
        }
        at = end + 1;
        line += 1;
    }
    let _ = line;
    None
}

/// Byte offsets → 1-based line numbers.
pub(crate) struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }

    pub fn line(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset) as u32
    }
}

/// What the front matter said.
#[derive(Default)]
struct Front {
    meta: Vec<Field>,
    id: Option<String>,
    version: Option<String>,
    parties: Option<Vec<Party>>,
    definitions: Vec<Definition>,
}

/// Build an agreement from a document's blocks. `front` is the front matter
/// text and its first line, if the document has one.
pub(crate) fn build(
    path: &str,
    doc: Doc,
    front: Option<(&str, u32)>,
    options: &LoadOptions,
) -> Result<Agreement, LoadError> {
    let front = match front {
        Some((text, first_line)) => read_front(path, text, first_line, options)?,
        None => Front::default(),
    };
    let mut doc = doc;
    let dateline = dateline(&mut doc.blocks);
    let pieces = pieces(&doc.blocks);
    let clauses = clauses(&pieces);
    let mut definitions = front.definitions;
    for d in find_definitions(&clauses) {
        if !definitions.iter().any(|e| e.term == d.term) {
            definitions.push(d);
        }
    }
    let parties = match front.parties {
        Some(p) => p,
        None => find_parties(&clauses),
    };
    // The agreement's id: from the front matter, else the first level-1
    // heading, else the file's name.
    let h1 = pieces.iter().find(|p| p.kind == BlockKind::Heading(1)).and_then(|p| p.title.clone());
    let id = match front.id {
        Some(id) => id,
        None => {
            let from = h1.clone().unwrap_or_else(|| stem(path));
            let s = slug(&from, 12, 80);
            if s.is_empty() { "agreement".to_string() } else { s }
        }
    };
    let mut meta = front.meta;
    let has = |meta: &[Field], name: &str| meta.iter().any(|f| f.name == name);
    if !has(&meta, "agreement") {
        meta.push(Field { name: "agreement", value: Value::text(id.clone()), pos: Pos { line: 1, col: 1 } });
    }
    if !has(&meta, "title")
        && let Some(t) = &h1
    {
        let line = pieces.iter().find(|p| p.kind == BlockKind::Heading(1)).map_or(1, |p| p.line);
        meta.push(Field { name: "title", value: Value::text(t.clone()), pos: Pos { line, col: 1 } });
    }
    if !has(&meta, "effective")
        && let Some((d, line)) = &doc.datetime
        && let Ok(date) = crate::model::Date::parse(d)
    {
        meta.push(Field { name: "effective", value: Value::Date(date), pos: Pos { line: *line, col: 1 } });
    }
    if !has(&meta, "effective")
        && let Some((date, line)) = dateline
    {
        meta.push(Field { name: "effective", value: Value::Date(date), pos: Pos { line, col: 1 } });
    }
    meta.sort_by_key(|f| TOP_LEVEL_KEYS.iter().position(|k| *k == f.name));
    Ok(Agreement {
        path: path.to_string(),
        id,
        version: front.version,
        meta,
        parties,
        definitions,
        clauses,
        ids_derived: true,
        bidi: Vec::new(),
    })
}

/// The document's dateline: a paragraph that is only a date ("October 15,
/// 2014") right under the title (the level-1 heading), as published terms
/// carry their date. It is taken out of the text and returned with its line:
/// the date of the document, not a clause. A date anywhere else (a list of
/// payment dates, a schedule) stays wording.
fn dateline(blocks: &mut Vec<Block>) -> Option<(crate::model::Date, u32)> {
    let title = blocks.iter().position(|b| b.kind == BlockKind::Heading(1))?;
    let next = blocks.get(title + 1).filter(|b| b.kind == BlockKind::Para)?;
    let words = crate::prose::tokens::words(&clean(&next.text));
    let [word] = words.as_slice() else { return None };
    let q = word.quantity.as_ref().filter(|q| q.kind == crate::prose::tokens::Kind::Date && !q.inconsistent)?;
    let date = crate::model::Date::parse(&q.date_string()).ok()?;
    let line = next.line;
    blocks.remove(title + 1);
    Some((date, line))
}

fn stem(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let name = name.rsplit_once(':').map_or(name, |(_, n)| n);
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
}

fn read_front(path: &str, text: &str, first_line: u32, options: &LoadOptions) -> Result<Front, LoadError> {
    let shift = |mut e: LoadError| {
        if let Some(p) = &mut e.pos {
            p.line += first_line - 1;
        }
        e
    };
    let root = yaml::parse(text, options.yaml)
        .map_err(|e| LoadError { file: path.to_string(), pos: e.pos, message: e.message })
        .map_err(shift)?;
    let mut front = Front::default();
    let entries = match &root.kind {
        NodeKind::Map(entries) => entries,
        NodeKind::Null => return Ok(front),
        _ => {
            return Err(shift(LoadError {
                file: path.to_string(),
                pos: Some(root.pos),
                message: "the front matter must be a mapping of keys to values".into(),
            }));
        }
    };
    let loader = Loader::new(path);
    // The loader notes errors and goes on; the front matter's first error is the one reported.
    let first_noted = |loader: &Loader| loader.noted().into_iter().min_by_key(LoadError::place).map(shift);
    loader.text_keys(entries, "the front matter");
    if let Some(e) = first_noted(&loader) {
        return Err(e);
    }
    let at = |p: Pos| Pos { line: p.line + first_line - 1, col: p.col };
    for e in entries {
        let value = match e.key.as_str() {
            "agreement" => {
                let s = loader.identifier(&e.value, "`agreement`").map_err(shift)?;
                front.id = Some(s.clone());
                Value::text(s)
            }
            "version" | "previous" => {
                let s = loader.string(&e.value, &format!("`{}`", e.key)).map_err(shift)?;
                if e.key == "version" {
                    front.version = Some(s.clone());
                }
                Value::text(s)
            }
            "title" | "notes" => match &e.value.kind {
                // Publishing front matter may carry anything under these keys.
                NodeKind::Str(s) if !s.trim().is_empty() => Value::Text(s.clone()),
                _ => continue,
            },
            "effective" => loader.value(&e.value, Kind::Date, "`effective`", None).map_err(shift)?,
            "sources" => loader.value(&e.value, Kind::List, "`sources`", None).map_err(shift)?,
            "parties" => {
                let (mut parties, _) = loader.parties(&e.value);
                if let Some(e) = first_noted(&loader) {
                    return Err(e);
                }
                for p in &mut parties {
                    p.pos = at(p.pos);
                }
                front.parties = Some(parties);
                continue;
            }
            "definitions" => {
                let mut defs = loader.definitions(&e.value);
                if let Some(e) = first_noted(&loader) {
                    return Err(e);
                }
                for d in &mut defs {
                    d.pos = at(d.pos);
                }
                front.definitions = defs;
                continue;
            }
            // Publishing keys (layout, redirect_from, versions...) are accepted and not compared.
            _ => continue,
        };
        let name = TOP_LEVEL_KEYS.iter().find(|k| **k == e.key).copied().expect("a top-level key");
        front.meta.push(Field { name, value, pos: at(e.key_pos) });
    }
    let _ = schema::TOP_LEVEL_KEYS;
    let _: Option<&Node> = None;
    Ok(front)
}

/// A block split into number, title and text, cleaned.
struct Piece {
    kind: BlockKind,
    number: Option<String>,
    title: Option<String>,
    text: String,
    links: Vec<String>,
    line: u32,
    /// Where the block's lines begin in `text`, when it spans lines.
    text_lines: Option<Box<[(u32, u32)]>>,
}

fn pieces(blocks: &[Block]) -> Vec<Piece> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        let raw = b.text.as_str();
        let lead_ws = raw.len() - raw.trim_start().len();
        let (mut number, mut at) = (b.number.clone(), lead_ws);
        if b.kind != BlockKind::Row
            && let Some((n, rest)) = split_number(&raw[lead_ws..])
        {
            // A number written in the text wins only where the markup gave none.
            if number.is_none() {
                number = Some(n);
                at = raw.len() - rest.len();
                at += raw[at..].len() - raw[at..].trim_start().len();
            }
        }
        let body = &raw[at..];
        // The part of `raw` the text is read from, for its line table.
        let mut source = body;
        let (title, text) = match b.kind {
            BlockKind::Heading(_) => (Some(clean(body)), String::new()),
            BlockKind::Row => (None, clean(body)),
            BlockKind::Para => match b.strong {
                Some((s, e)) if s == at && e <= raw.len() => {
                    let lead = clean(&raw[s..e]);
                    // A title ends with a stop, inside the bold or just after it:
                    // `**Term**.`, `__Refund Policy.__`; `__Mozilla VPN__ is` is a subject.
                    let after = raw[e..].trim_start();
                    let stopped = lead.ends_with(['.', ':']) || after.starts_with(['.', ':', '—', '–']);
                    let after_title = raw[e..].trim_start_matches(|c: char| ".:;—–-".contains(c) || c.is_whitespace());
                    let rest = clean(after_title);
                    let words = lead.split_whitespace().count();
                    if stopped && !rest.is_empty() && (1..=12).contains(&words) {
                        source = after_title;
                        (Some(lead), rest)
                    } else {
                        (None, clean(body))
                    }
                }
                _ => (None, clean(body)),
            },
        };
        let title = title
            .map(|t| t.trim_end_matches(|c: char| c == '.' || c == ':' || c.is_whitespace()).to_string())
            .filter(|t| !t.is_empty());
        if title.is_none() && text.is_empty() {
            continue;
        }
        // `source` is a slice of `raw`: the lines before it are the block's first lines.
        let skipped = source.as_ptr() as usize - raw.as_ptr() as usize;
        let first = b.line + raw[..skipped].bytes().filter(|&c| c == b'\n').count() as u32;
        let text_lines = crate::yaml::lines_in(source, first, &text, false);
        out.push(Piece { kind: b.kind, number, title, text, links: b.links.clone(), line: b.line, text_lines });
    }
    out
}

/// Remove Liquid tags (`{% ... %}`, `{{ ... }}`) and kramdown attribute lists
/// (`{: ... }`, `{#id}`), and fold whitespace.
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let close = match tail.as_bytes().get(1) {
            Some(b'%') => tail.find("%}").map(|j| j + 2),
            Some(b'{') => tail.find("}}").map(|j| j + 2),
            Some(b':') | Some(b'#') => tail.find('}').filter(|j| !tail[1..*j].contains('{')).map(|j| j + 1),
            _ => None,
        };
        match close {
            Some(j) => {
                out.push(' ');
                rest = &tail[j..];
            }
            None => {
                out.push('{');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    let mut folded = String::with_capacity(out.len());
    for w in out.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(w);
    }
    folded
}

/// A clause number at the start of a text: `1.`, `1.1`, `2A.`, `(a)`, `(iv)`, `A.`,
/// `D.4`, `Section 3`, `Article IV`. Returns the number (without a trailing
/// dot) and the rest of the text.
pub(crate) fn split_number(s: &str) -> Option<(String, &str)> {
    for word in ["Section ", "SECTION ", "Article ", "ARTICLE ", "§ ", "§"] {
        if let Some(rest) = s.strip_prefix(word) {
            let (n, rest) = number_token(rest)?;
            let rest = rest.strip_prefix(['.', ':']).unwrap_or(rest);
            if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                return Some((n, rest));
            }
            return None;
        }
    }
    if let Some(inner) = s.strip_prefix('(') {
        let close = inner.find(')')?;
        let tok = &inner[..close];
        let rest = &inner[close + 1..];
        let ok = (1..=3).contains(&tok.len()) && tok.bytes().all(|b| b.is_ascii_digit())
            || tok.len() == 1 && tok.bytes().all(|b| b.is_ascii_alphabetic())
            || is_roman(tok);
        if ok && (rest.is_empty() || rest.starts_with(char::is_whitespace)) {
            return Some((format!("({tok})"), rest));
        }
        return None;
    }
    let (n, rest) = number_token(s)?;
    let dotted = n.contains('.');
    if let Some(r) = rest.strip_prefix(['.', ')'])
        && (r.is_empty() || r.starts_with(char::is_whitespace))
    {
        return Some((n, r));
    }
    if dotted && (rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return Some((n, rest));
    }
    None
}

/// A number like `3`, `2.1`, `2A`, `A`, `D.4`, `IV` at the start of `s`.
fn number_token(s: &str) -> Option<(String, &str)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut parts = 0;
    loop {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() && i - start < 3 {
            i += 1;
        }
        if i == start {
            // A letter part: one letter (A, D) or a roman numeral, first part only.
            if parts == 0 {
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() && i - start < 6 {
                    i += 1;
                }
                let tok = &s[start..i];
                if !(tok.len() == 1 && tok.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_lowercase())
                    || is_roman(tok) && tok.bytes().all(|b| b.is_ascii_uppercase()))
                {
                    return None;
                }
            } else {
                // `1.` followed by a non-digit: the dot ends the number.
                i = start - 1;
                break;
            }
        } else if i < bytes.len() && bytes[i].is_ascii_digit() {
            return None; // four digits or more: a year, not a clause number
        } else if i < bytes.len()
            && bytes[i].is_ascii_uppercase()
            && bytes.get(i + 1).is_none_or(|b| matches!(b, b'.' | b')' | b' ' | b'\t'))
        {
            // An inserted clause's number: `2A`, `3D` (the letter ends it).
            i += 1;
            break;
        }
        parts += 1;
        if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        break;
    }
    if i == 0 {
        return None;
    }
    Some((s[..i].to_string(), &s[i..]))
}

fn is_roman(tok: &str) -> bool {
    const LOWER: [&str; 20] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii",
        "xviii", "xix", "xx",
    ];
    !tok.is_empty() && LOWER.contains(&tok.to_ascii_lowercase().as_str())
}

/// A lowercase ASCII slug of at most `max_words` words and about `max_len` bytes.
pub(crate) fn slug(s: &str, max_words: usize, max_len: usize) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut words = 0;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, words: &mut usize| {
        if word.is_empty() || *words >= max_words || out.len() >= max_len {
            word.clear();
            return;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
        *words += 1;
        word.clear();
    };
    for c in s.nfkd() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '\u{2019}' || c == '\u{2018}' || unicode_normalization::char::is_combining_mark(c) {
            // Apostrophes join (`mozillas`); accents are dropped (`egalite`).
        } else {
            flush(&mut word, &mut out, &mut words);
        }
    }
    flush(&mut word, &mut out, &mut words);
    out
}

/// The words that anchor an untitled clause's id: its first three words
/// with a letter in them.
fn anchor(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().filter(|w| w.chars().any(|c| c.is_alphabetic())).take(3).collect();
    slug(&words.join(" "), 3, 40)
}

/// The longest id made, leaving room for a `-N` suffix.
const MAX_ID: usize = 180;

/// An id cut to at most `max` bytes, at a `-` where it can be.
fn clip_id(id: &str, max: usize) -> String {
    if id.len() <= max {
        return id.to_string();
    }
    let cut = &id[..max];
    cut.rfind('-').filter(|&i| i > 0).map_or(cut, |i| &cut[..i]).to_string()
}

/// Turn pieces into clauses with derived ids.
fn clauses(pieces: &[Piece]) -> Vec<Clause> {
    let text_type = schema::clause_type("text").expect("text type exists");
    // Titles used more than once are qualified by their parent's id.
    let mut title_count: HashMap<String, usize> = HashMap::new();
    for p in pieces {
        if let Some(t) = &p.title {
            *title_count.entry(slug(t, 8, 60)).or_default() += 1;
        }
    }
    let mut used: HashSet<String> = HashSet::new();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    // Open headings by level, for qualifying a repeated heading title.
    let mut headings: Vec<(u8, String)> = Vec::new();
    // Open headings by level with their titles: the outermost names the section.
    let mut sections: Vec<(u8, String)> = Vec::new();
    let mut parent = String::new();
    let mut out = Vec::with_capacity(pieces.len());
    for p in pieces {
        let base = match (&p.title, p.kind) {
            (Some(t), kind) => {
                let s = slug(t, 8, 60);
                let s = if s.is_empty() { "section".to_string() } else { s };
                // Qualified by the enclosing heading (never by a lead-in title,
                // so that qualified ids cannot chain on each other).
                let qualifier = match kind {
                    BlockKind::Heading(level) => {
                        headings.retain(|(l, _)| *l < level);
                        headings.last().map(|(_, id)| id.clone()).unwrap_or_default()
                    }
                    _ => headings.last().map(|(_, id)| id.clone()).unwrap_or_default(),
                };
                if title_count.get(&s).copied().unwrap_or(0) > 1 && !qualifier.is_empty() {
                    format!("{qualifier}-{s}")
                } else {
                    s
                }
            }
            (None, _) => {
                let a = anchor(&p.text);
                let a = if a.is_empty() { "p".to_string() } else { a };
                if parent.is_empty() { a } else { format!("{parent}-{a}") }
            }
        };
        // Ids stay short enough to be valid in YAML (200 bytes).
        let base = clip_id(&base, MAX_ID);
        // A repeated id gets the next free suffix; counting per base keeps
        // this linear however often a paragraph repeats.
        let mut id = base.clone();
        if used.contains(&id) {
            let n = next_suffix.entry(base.clone()).or_insert(2);
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if !used.contains(&id) {
                    break;
                }
            }
        }
        used.insert(id.clone());
        // The document's title (a level-1 heading) is no parent: its paragraphs
        // are the preamble.
        match (p.kind, &p.title) {
            (BlockKind::Heading(1), _) => sections.clear(),
            (BlockKind::Heading(level), Some(t)) => {
                sections.retain(|(l, _)| *l < level);
                sections.push((level, t.clone()));
            }
            _ => {}
        }
        if p.kind == BlockKind::Heading(1) {
            parent.clear();
            headings.clear();
        } else if p.title.is_some() {
            parent = id.clone();
            if let BlockKind::Heading(level) = p.kind {
                headings.push((level, id.clone()));
            }
        }
        let pos = Pos { line: p.line, col: 1 };
        let mut fields = Vec::new();
        if let Some(n) = &p.number {
            fields.push(Field { name: "number", value: Value::text(n.clone()), pos });
        }
        if let Some(t) = &p.title {
            fields.push(Field { name: "title", value: Value::text(t.clone()), pos });
        }
        if !p.text.is_empty() {
            fields.push(Field { name: "text", value: Value::text(p.text.clone()), pos });
        }
        if !p.links.is_empty() {
            let mut links: Vec<String> = Vec::new();
            for l in &p.links {
                if !links.contains(l) {
                    links.push(l.clone());
                }
            }
            fields.push(Field { name: "links", value: Value::List(links), pos });
        }
        let section = sections.first().map(|(_, t)| t.clone());
        let heading = sections.last().map(|(_, t)| t.clone());
        out.push(Clause { id, ctype: text_type, pos, fields, section, heading, text_lines: p.text_lines.clone() });
    }
    out
}

const QUOTES_OPEN: &[char] = &['"', '\u{201C}'];
const QUOTES_CLOSE: &[char] = &['"', '\u{201D}'];
const PRONOUNS: &[&str] = &["we", "us", "our", "you", "your", "i", "me", "my"];

/// A quoted term at byte `i` of `s` (which holds an opening quote there):
/// the term, trimmed of punctuation, and the byte just past the closing quote.
fn quoted_at(s: &str, i: usize) -> Option<(String, usize)> {
    let open = s[i..].chars().next()?;
    if !QUOTES_OPEN.contains(&open) {
        return None;
    }
    let start = i + open.len_utf8();
    // A term is short: look for its closing quote nearby only.
    let end = s[start..floor(s, start + 100)].find(QUOTES_CLOSE).map(|j| start + j)?;
    let term = s[start..end].trim().trim_end_matches([',', '.', ';']).trim();
    let close = s[end..].chars().next()?.len_utf8();
    if term.is_empty() || term.len() > 80 || term.split_whitespace().count() > 8 {
        return None;
    }
    Some((term.to_string(), end + close))
}

/// The largest char boundary of `s` at or before `i` (clamped to its length).
fn floor(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether an opening parenthesis not yet closed comes at most 120 bytes before byte `i`.
fn in_parenthesis(text: &str, i: usize) -> bool {
    let from = floor(text, i.saturating_sub(120));
    let window = &text[from..i];
    let open = window.rfind('(');
    let close = window.rfind(')');
    open.is_some_and(|o| close.is_none_or(|c| c < o))
}

/// The sentence of `s` around byte `at` (at most about 2,000 bytes each side).
fn sentence(s: &str, at: usize) -> &str {
    let is_end = |i: usize| -> bool {
        // A full stop, question or exclamation mark followed by a space, not after an abbreviation.
        let b = s.as_bytes();
        if !(b[i] == b'.' || b[i] == b'?' || b[i] == b'!') || i + 1 >= b.len() || b[i + 1] != b' ' {
            return false;
        }
        let word_start = s[..i].rfind(|c: char| c.is_whitespace() || c == '(').map_or(0, |j| j + 1);
        let word = &s[word_start..i];
        let abbreviation = ["Inc", "Corp", "Ltd", "Co", "e.g", "i.e", "U.S", "No", "Mr", "Ms", "Dr", "St", "vs"];
        !(abbreviation.contains(&word) || word.len() == 1 && word.chars().all(|c| c.is_uppercase()))
    };
    let lo = floor(s, at.saturating_sub(2000));
    let hi = floor(s, at + 2000);
    let mut start = lo;
    for i in (lo..at.min(s.len())).rev() {
        if is_end(i) {
            start = i + 2;
            break;
        }
    }
    let mut end = hi;
    for i in at..hi {
        if is_end(i) {
            end = i + 1;
            break;
        }
    }
    s[floor(s, start)..floor(s, end)].trim()
}

fn capitalised(term: &str) -> bool {
    term.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Defined terms in the clauses' prose: `"X" means ...`, `"X" refers to ...`,
/// and `(the "X")` after what it defines.
fn find_definitions(clauses: &[Clause]) -> Vec<Definition> {
    let mut out: Vec<Definition> = Vec::new();
    for c in clauses {
        let Some(text) = c.text_of("text") else { continue };
        let mut push = |term: String, at: usize| {
            if PRONOUNS.contains(&term.to_lowercase().as_str()) || out.iter().any(|d| d.term == term) {
                return;
            }
            let s = sentence(text, at).to_string();
            out.push(Definition { term, text: s, pos: c.field("text").map_or(c.pos, |f| f.pos) });
        };
        for (i, ch) in text.char_indices() {
            if !QUOTES_OPEN.contains(&ch) {
                continue;
            }
            let Some((term, after)) = quoted_at(text, i) else { continue };
            if !capitalised(&term) {
                continue;
            }
            let rest = text[after..].trim_start_matches([',', ' ']);
            let verb = ["means", "shall mean", "refers to", "refer to", "has the meaning", "is defined as"]
                .iter()
                .any(|v| rest.starts_with(v));
            // `(the "X")`: the parenthesis closes right after the term.
            let inline = rest.starts_with(')') && in_parenthesis(text, i);
            // `"X" or the "Y")`: an alternative name in the same parenthesis.
            let alternative = (rest.starts_with("or ") || rest.starts_with("and "))
                && in_parenthesis(text, i)
                && text[after..floor(text, after + 80)].contains(')');
            if verb || inline || alternative {
                push(term, i);
            }
        }
    }
    out
}

/// Words that name a party's role when defined in parentheses: `Acme (“Customer”)`.
const ROLE_WORDS: &[&str] = &[
    "Customer",
    "Provider",
    "Vendor",
    "Supplier",
    "Client",
    "Licensor",
    "Licensee",
    "Company",
    "Contractor",
    "Consultant",
    "Buyer",
    "Seller",
    "Purchaser",
    "Distributor",
    "Reseller",
    "Employer",
    "Employee",
    "Landlord",
    "Tenant",
    "Lessor",
    "Lessee",
    "Borrower",
    "Lender",
];

/// `each party ("Disclosing Party")`, `the receiving party ("Receiving Party")`:
/// a capitalised role ending in "Party", defined in parentheses right after a
/// phrase that ends with the word "party". Each role is then a party of the
/// document (in a mutual agreement each signatory plays both roles, and a
/// change favours the role it helps).
fn party_role(before: &str, term: &str) -> bool {
    let words: Vec<&str> = term.split_whitespace().collect();
    let defined_as_party = before.trim_end().rsplit(' ').next().is_some_and(|w| w.eq_ignore_ascii_case("party"));
    words.len() >= 2
        && words.len() <= 3
        && words.last() == Some(&"Party")
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && defined_as_party
}

/// Words that end an organisation's name.
const ORG_SUFFIXES: &[&str] = &[
    "Inc.",
    "Inc",
    "Corporation",
    "Corp.",
    "Corp",
    "LLC",
    "L.L.C.",
    "Ltd.",
    "Ltd",
    "Limited",
    "GmbH",
    "PBC",
    "LLP",
    "plc",
    "PLC",
    "Foundation",
    "AG",
    "B.V.",
    "S.A.",
];

/// The organisation name ending just before byte `end` of `s`, if the
/// words there end with an organisation suffix: `Mozilla Corporation`, `GitHub, Inc.`.
fn org_before(s: &str, end: usize) -> Option<String> {
    let head = s[..end].trim_end();
    // Only the last few words matter: read them from the end (linear in all).
    let mut words: Vec<&str> = head.rsplit(' ').take(7).collect();
    words.reverse();
    let last = words.last()?.trim_end_matches(',');
    let is_suffix = |w: &str| ORG_SUFFIXES.contains(&w) || ORG_SUFFIXES.contains(&w.trim_end_matches('.'));
    if !is_suffix(last) {
        return None;
    }
    let mut take = 1;
    for w in words.iter().rev().skip(1) {
        let w = w.trim_end_matches(',');
        if w.chars().next().is_some_and(|c| c.is_uppercase()) && take < 6 {
            take += 1;
        } else {
            break;
        }
    }
    if take < 2 {
        return None;
    }
    let name = words[words.len() - take..].join(" ");
    let name = name.trim_end_matches(',');
    // A full stop after `Corporation` ends the sentence; after `Inc` it is the name's.
    let name = if ORG_SUFFIXES.contains(&last) { name } else { name.trim_end_matches('.') };
    Some(name.to_string())
}

fn short_of_org(name: &str) -> String {
    let mut words: Vec<&str> = name.split(' ').collect();
    while words.len() > 1 && ORG_SUFFIXES.contains(&words.last().expect("non-empty").trim_end_matches(',')) {
        words.pop();
    }
    words.join(" ").trim_end_matches(',').to_string()
}

/// The name at the start of `s` (after "refer to"): up to and including an
/// organisation suffix (`GitHub, Inc.`), else to the end of the sentence or clause.
fn name_at(s: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    let all: Vec<&str> = s.split_whitespace().take(10).collect();
    for (i, &w) in all.iter().enumerate() {
        let suffix_next = all.get(i + 1).is_some_and(|n| ORG_SUFFIXES.contains(&n.trim_end_matches([',', ';', '.'])));
        if w.starts_with('(') {
            break;
        }
        words.push(w);
        if ORG_SUFFIXES.contains(&w.trim_end_matches([',', ';'])) {
            let last = words.pop().expect("just pushed");
            words.push(last.trim_end_matches([',', ';']));
            return words.join(" ");
        }
        if w.ends_with(['.', ';', ',', ':']) && !(w.ends_with(',') && suffix_next) {
            break;
        }
    }
    words.join(" ").trim_end_matches(['.', ',', ';', ':']).to_string()
}

/// Capitalised words that are not names.
const NOT_NAMES: &[&str] = &[
    "The",
    "This",
    "These",
    "That",
    "Those",
    "You",
    "Your",
    "We",
    "Our",
    "Us",
    "If",
    "In",
    "For",
    "To",
    "By",
    "Any",
    "All",
    "Terms",
    "Service",
    "Services",
    "Agreement",
    "Section",
    "Policy",
    "Privacy",
    "Notice",
    "Content",
    "Use",
    "Website",
    "Websites",
    "Communications",
    "Account",
    "Accounts",
    "United",
    "States",
    "I",
    "A",
    "An",
    "It",
    "Its",
    "Each",
    "Some",
    "Please",
    "When",
    "Where",
    "As",
    "On",
    "At",
    "Of",
    "Or",
    "And",
    "Not",
    "No",
    "Such",
];

/// The capitalised word most used inside sentences (at least five times), and its first line.
fn most_named(clauses: &[Clause]) -> Option<(String, u32)> {
    let mut counts: HashMap<&str, (usize, u32, usize)> = HashMap::new(); // count, first line, first order
    let mut order = 0;
    for c in clauses {
        let Some(text) = c.text_of("text") else { continue };
        let mut sentence_start = true;
        for raw in text.split_whitespace() {
            let w = raw.trim_matches(|ch: char| !ch.is_alphanumeric());
            let starts = sentence_start;
            sentence_start = raw.ends_with(['.', '!', '?', ':']);
            if starts || w.len() < 3 || NOT_NAMES.contains(&w) {
                continue;
            }
            if w.chars().next().is_some_and(char::is_uppercase) && w.chars().skip(1).all(char::is_lowercase) {
                let e = counts.entry(w).or_insert((0, c.pos.line, order));
                e.0 += 1;
                order += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, (n, _, _))| *n >= 5)
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.2.cmp(&a.1.2)))
        .map(|(w, (_, line, _))| (w.to_string(), line))
}

/// How often a text says we, us or our, and you or your (whole words, any case).
fn pronouns(s: &str) -> (usize, usize) {
    let (mut we, mut you) = (0, 0);
    for w in s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}') {
        if w.len() > 4 || w.len() < 2 {
            continue;
        }
        match w.to_ascii_lowercase().as_str() {
            "we" | "us" | "our" => we += 1,
            "you" | "your" => you += 1,
            _ => {}
        }
    }
    (we, you)
}

/// The parties, found in the prose: `"GitHub," "We," and "Us" refer to
/// GitHub, Inc.`; `Acme Corp. ("Customer")`; an organisation named with a
/// suffix (`Mozilla Corporation`), who is "we" when the text says "we"; and
/// "you", the user, when the text addresses its reader.
fn find_parties(clauses: &[Clause]) -> Vec<Party> {
    let mut parties: Vec<Party> = Vec::new();
    let mut orgs: Vec<(String, usize, u32)> = Vec::new(); // name, count, first line
    let (mut we, mut you) = (0usize, (0usize, 0u32));
    for c in clauses {
        let line = c.pos.line;
        let Some(text) = c.text_of("text") else { continue };
        let (w, y) = pronouns(text);
        we += w;
        if y > 0 && you.0 == 0 {
            you.1 = line;
        }
        you.0 += y;
        let mut i = 0;
        while i < text.len() {
            let Some(ch) = text[i..].chars().next() else { break };
            if !QUOTES_OPEN.contains(&ch) {
                i += ch.len_utf8();
                continue;
            }
            // A run of quoted terms, then `refer(s) to NAME`.
            let mut terms = Vec::new();
            let mut j = i;
            while let Some((t, after)) = quoted_at(text, j) {
                terms.push(t);
                let rest = &text[after..];
                let skip = rest.len() - rest.trim_start_matches([',', ' ']).len();
                let rest2 = &rest[skip..];
                let skip = skip
                    + if rest2.starts_with("and ") {
                        4
                    } else if rest2.starts_with("or ") {
                        3
                    } else {
                        0
                    };
                j = after + skip;
                if !text[j..].starts_with(QUOTES_OPEN) {
                    break;
                }
            }
            let rest = &text[j.min(text.len())..];
            let named = ["refer to ", "refers to ", "means "].iter().find_map(|v| rest.strip_prefix(v));
            if let Some(named) = named
                && terms.iter().any(|t| PRONOUNS.contains(&t.to_lowercase().as_str()))
            {
                let name = name_at(named);
                let short = terms.iter().find(|t| !PRONOUNS.contains(&t.to_lowercase().as_str())).cloned();
                let aliases: Vec<String> = terms
                    .iter()
                    .filter(|t| PRONOUNS.contains(&t.to_lowercase().as_str()))
                    .map(|t| t.to_lowercase())
                    .collect();
                let is_user = aliases.iter().any(|a| a == "you" || a == "your");
                let key = if is_user { "user".to_string() } else { slug(short.as_deref().unwrap_or(&name), 3, 30) };
                if !key.is_empty() && !parties.iter().any(|p| p.key == key) && !name.is_empty() {
                    parties.push(Party { key, name, short, aliases, pos: Pos { line, col: 1 } });
                }
                i = j.max(i + 1);
                continue;
            }
            // `NAME ("Short")` with NAME an organisation, or Short a role word.
            if let Some((t, after)) = quoted_at(text, i)
                && text[..i].ends_with('(')
                && text[after..].starts_with(')')
            {
                let org = org_before(text, i - 1);
                let role = ROLE_WORDS.contains(&t.as_str()) || party_role(&text[..i - 1], &t);
                if org.is_some() || role {
                    let key = slug(&t, 3, 30);
                    if !key.is_empty() && !parties.iter().any(|p| p.key == key) {
                        let name = org.unwrap_or_else(|| t.clone());
                        parties.push(Party {
                            key,
                            name,
                            short: Some(t),
                            aliases: Vec::new(),
                            pos: Pos { line, col: 1 },
                        });
                    }
                }
            }
            i += ch.len_utf8();
        }
        // Organisation names anywhere in the text: at each word that is a suffix.
        let mut word_start = 0;
        for (k, _) in text.match_indices(' ') {
            let word = &text[word_start..k];
            word_start = k + 1;
            let word = word.trim_end_matches(',');
            if !ORG_SUFFIXES.contains(&word) && !ORG_SUFFIXES.contains(&word.trim_end_matches('.')) {
                continue;
            }
            if let Some(name) = org_before(text, k) {
                match orgs.iter_mut().find(|o| o.0 == name) {
                    Some(o) => o.1 += 1,
                    None => orgs.push((name, 1, line)),
                }
            }
        }
        if let Some(name) = org_before(text, text.len()) {
            match orgs.iter_mut().find(|o| o.0 == name) {
                Some(o) => o.1 += 1,
                None => orgs.push((name, 1, line)),
            }
        }
    }
    let providers = parties.iter().filter(|p| p.key != "user").count();
    if providers == 0 {
        // The organisation named most often (the first, on a tie).
        if let Some((name, _, line)) = orgs.iter().max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2))).cloned() {
            let short = short_of_org(&name);
            let key = slug(&short, 3, 30);
            if !key.is_empty() {
                let short = (short != name).then_some(short);
                parties.push(Party { key, name, short, aliases: Vec::new(), pos: Pos { line, col: 1 } });
            }
        }
    }
    if we > 0 && !parties.iter().any(|p| p.key != "user") {
        // No organisation named: the capitalised name the text uses most (at
        // least five times, not only to start sentences) is who says "we".
        if let Some((name, line)) = most_named(clauses) {
            let key = slug(&name, 3, 30);
            if !key.is_empty() && !parties.iter().any(|p| p.key == key) {
                parties.push(Party { key, name, short: None, aliases: Vec::new(), pos: Pos { line, col: 1 } });
            }
        }
    }
    let claimed = |parties: &[Party], a: &str| parties.iter().any(|p| p.aliases.iter().any(|x| x == a));
    let orgs_without: Vec<usize> =
        (0..parties.len()).filter(|&i| parties[i].key != "user" && parties[i].aliases.is_empty()).collect();
    if we > 0 && orgs_without.len() == 1 && !claimed(&parties, "we") && parties.len() - orgs_without.len() <= 1 {
        parties[orgs_without[0]].aliases = vec!["we".into(), "us".into(), "our".into()];
    }
    if you.0 >= 2 && !claimed(&parties, "you") && !parties.iter().any(|p| p.key == "user") {
        parties.push(Party {
            key: "user".into(),
            name: "User".into(),
            short: None,
            aliases: vec!["you".into(), "your".into()],
            pos: Pos { line: you.1, col: 1 },
        });
    }
    parties
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_at_the_start() {
        let n = |s: &str| split_number(s).map(|(n, r)| (n, r.trim().to_string()));
        assert_eq!(n("1. Foo"), Some(("1".into(), "Foo".into())));
        assert_eq!(n("1.1 Foo"), Some(("1.1".into(), "Foo".into())));
        assert_eq!(n("2.3.4. Foo"), Some(("2.3.4".into(), "Foo".into())));
        assert_eq!(n("(a) Foo"), Some(("(a)".into(), "Foo".into())));
        assert_eq!(n("(iv) Foo"), Some(("(iv)".into(), "Foo".into())));
        assert_eq!(n("A. Foo"), Some(("A".into(), "Foo".into())));
        assert_eq!(n("D.4 Foo"), Some(("D.4".into(), "Foo".into())));
        assert_eq!(n("Section 3. Payment"), Some(("3".into(), "Payment".into())));
        assert_eq!(n("Section 3 Payment"), Some(("3".into(), "Payment".into())));
        assert_eq!(n("2A. Audit"), Some(("2A".into(), "Audit".into())));
        assert_eq!(n("Section 3D Exclusivity"), Some(("3D".into(), "Exclusivity".into())));
        assert_eq!(n("4K video"), None);
        assert_eq!(n("3Doors Inc."), None);
        assert_eq!(n("Version 1.0, effective"), None);
        assert_eq!(n("2022. The year"), None);
        assert_eq!(n("2 months"), None);
        assert_eq!(n("30-Day Refund"), None);
        assert_eq!(n("(the “Services”)"), None);
        assert_eq!(n("U.S. law"), None);
        assert_eq!(n("I agree"), None);
    }

    #[test]
    fn defined_roles_of_parties_are_parties() {
        let clause = |text: &str| Clause {
            id: "c".into(),
            ctype: crate::model::schema::clause_type("text").expect("text type"),
            pos: Pos { line: 1, col: 1 },
            fields: vec![Field { name: "text", value: Value::text(text), pos: Pos { line: 1, col: 1 } }],
            section: None,
            heading: None,
            text_lines: None,
        };
        let keys = |text: &str| find_parties(&[clause(text)]).into_iter().map(|p| p.key).collect::<Vec<_>>();
        assert_eq!(
            keys(
                "This agreement lets each party (\u{201C}Lending Party\u{201D}) lend tools to the other party \
                  (\u{201C}Borrowing Party\u{201D}). The Borrowing Party shall return them."
            ),
            ["lending-party", "borrowing-party"]
        );
        // A role not defined as a party, or a term that is not a role, is not a party.
        assert!(keys("The goods (\u{201C}Delivered Party\u{201D}) arrive.").is_empty());
        assert!(keys("The other party (\u{201C}Notice\u{201D}) is sent.").is_empty());
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("You’ll Need A Firefox Account", 8, 60), "youll-need-a-firefox-account");
        assert_eq!(slug("Term; Termination", 8, 60), "term-termination");
        assert_eq!(slug("Égalité", 8, 60), "egalite");
    }

    #[test]
    fn cleans_liquid_and_attributes() {
        assert_eq!(clean("a {% data x %} b {: datetime=\"2025\" } c"), "a b c");
        assert_eq!(clean("keep {braces} here"), "keep {braces} here");
    }

    #[test]
    fn front_matter_is_found() {
        let (yaml, line, body) = front_matter("---\na: 1\n---\n# T\n").unwrap();
        assert_eq!((yaml, line), ("a: 1\n", 2));
        assert_eq!(&"---\na: 1\n---\n# T\n"[body..], "# T\n");
        assert!(front_matter("# T\n---\n").is_none());
    }
}
