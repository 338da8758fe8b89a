//! Markdown → blocks, with pulldown-cmark (CommonMark, with tables and task
//! lists) and its source offsets, so that every clause knows its line.
//!
//! Inline markup is reduced to its text: emphasis is dropped, a link becomes
//! its text (the URL is kept aside), inline HTML tags are dropped and their
//! text kept, `<br>` is a space and `<br><br>` a paragraph break, HTML
//! comments vanish. A heading, a paragraph, a list item's text and a table
//! row each become a [`Block`]; `document.rs` makes clauses of them.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::document::{self, Block, BlockKind, Doc, Lines};
use super::{LoadError, LoadOptions};
use crate::model::Agreement;

/// Load a Markdown agreement from its text.
pub(crate) fn load(text: &str, path: &str, options: &LoadOptions) -> Result<Agreement, LoadError> {
    let (front, body_start) = match document::front_matter(text) {
        Some((yaml, line, body)) => (Some((yaml, line)), body),
        None => (None, 0),
    };
    let doc = read(text, body_start);
    document::build(path, doc, front, options)
}

/// The block being filled.
struct Open {
    kind: BlockKind,
    number: Option<String>,
    text: String,
    strong: Option<(usize, usize)>,
    /// Depth of bold spans and the start of the first one, while it is open.
    strong_open: Option<usize>,
    strong_depth: usize,
    links: Vec<String>,
    link_start: Vec<(usize, String)>,
    /// Where a `<br>` last ended, to see `<br><br>`.
    last_br: Option<usize>,
    /// Paragraph breaks made by `<br><br>`: byte in `text`, source offset.
    splits: Vec<(usize, usize)>,
    offset: usize,
    /// Whether the block ends with its list item rather than an end tag.
    implicit: bool,
}

impl Open {
    fn new(kind: BlockKind, number: Option<String>, offset: usize, implicit: bool) -> Open {
        Open {
            kind,
            number,
            text: String::new(),
            strong: None,
            strong_open: None,
            strong_depth: 0,
            links: Vec::new(),
            link_start: Vec::new(),
            last_br: None,
            splits: Vec::new(),
            offset,
            implicit,
        }
    }
}

struct Reader<'a> {
    lines: Lines,
    source: &'a str,
    blocks: Vec<Block>,
    open: Option<Open>,
    /// The number of the list item whose text has not started yet.
    pending_item: Option<Option<String>>,
    /// Ordered lists: the next item's number (`None` for bullets).
    lists: Vec<Option<u64>>,
    /// Inside an HTML comment that spans several inline events.
    in_comment: bool,
    /// Table cells of the current row.
    cells: Option<(Vec<String>, usize)>,
    datetime: Option<(String, u32)>,
}

/// Read the body of a Markdown document (from byte `start`) into blocks.
pub(crate) fn read(text: &str, start: usize) -> Doc {
    let body = &text[start..];
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_TASKLISTS);
    let mut r = Reader {
        lines: Lines::new(text),
        source: text,
        blocks: Vec::new(),
        open: None,
        pending_item: None,
        lists: Vec::new(),
        in_comment: false,
        cells: None,
        datetime: None,
    };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        r.event(event, start + range.start, start + range.end);
    }
    r.close();
    Doc { blocks: r.blocks, datetime: r.datetime }
}

impl Reader<'_> {
    fn event(&mut self, event: Event, at: usize, end: usize) {
        match event {
            Event::Start(tag) => self.start(tag, at),
            Event::End(tag) => self.end(tag, at),
            Event::Text(t) => self.text(&t, at),
            Event::Code(t) => self.text(&t, at),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t, at),
            Event::Html(h) => self.html_block(&h, at),
            Event::InlineHtml(h) => self.inline_html(&h, at),
            // A line break is kept as one, so a sentence's line can be told (`clean` folds it).
            Event::SoftBreak | Event::HardBreak => self.text("\n", at),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }, at),
            Event::FootnoteReference(t) => self.text(&format!("[^{t}]"), at),
            Event::Rule => self.close(),
        }
        let _ = end;
    }

    fn start(&mut self, tag: Tag, at: usize) {
        match tag {
            Tag::Paragraph => {
                if self.cells.is_none() {
                    self.begin(BlockKind::Para, at, false);
                }
            }
            Tag::Heading { level, .. } => self.begin(BlockKind::Heading(level as u8), at, false),
            Tag::CodeBlock(_) => self.begin(BlockKind::Para, at, false),
            Tag::HtmlBlock => self.begin(BlockKind::Para, at, false),
            Tag::List(first) => {
                self.close_implicit();
                // A list that opens before its item's text: the item has no text of its own.
                self.pending_item = None;
                self.lists.push(first);
            }
            Tag::Item => {
                self.close();
                let number = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let this = *n;
                        *n += 1;
                        Some(this.to_string())
                    }
                    _ => None,
                };
                self.pending_item = Some(number);
            }
            Tag::Table(_) => self.close(),
            Tag::TableHead | Tag::TableRow => self.cells = Some((Vec::new(), at)),
            Tag::TableCell => self.begin(BlockKind::Row, at, false),
            Tag::Strong => {
                self.ensure_open(at);
                if let Some(o) = &mut self.open {
                    if o.strong.is_none() && o.strong_open.is_none() && lead_position(&o.text) {
                        o.strong_open = Some(o.text.len());
                    }
                    o.strong_depth += 1;
                }
            }
            Tag::Link { dest_url, .. } => {
                self.ensure_open(at);
                if let Some(o) = &mut self.open {
                    o.link_start.push((o.text.len(), dest_url.to_string()));
                }
            }
            Tag::Image { .. } => self.ensure_open(at),
            Tag::BlockQuote(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => self.close(),
            Tag::Emphasis | Tag::Strikethrough | Tag::Superscript | Tag::Subscript | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd, at: usize) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock if self.cells.is_none() => {
                self.close();
            }
            TagEnd::Item => {
                self.close();
                self.pending_item = None;
            }
            TagEnd::List(_) => {
                self.close_implicit();
                self.lists.pop();
            }
            TagEnd::TableCell => {
                let cell = self.open.take().map(|o| o.text).unwrap_or_default();
                if let Some((cells, _)) = &mut self.cells {
                    cells.push(cell.trim().to_string());
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some((cells, offset)) = self.cells.take() {
                    let line = self.lines.line(offset);
                    if cells.iter().any(|c| !c.trim().is_empty()) {
                        self.blocks.push(Block {
                            kind: BlockKind::Row,
                            number: None,
                            text: cells.join(" | "),
                            strong: None,
                            links: Vec::new(),
                            line,
                        });
                    }
                }
            }
            TagEnd::Strong => {
                if let Some(o) = &mut self.open {
                    o.strong_depth = o.strong_depth.saturating_sub(1);
                    if o.strong_depth == 0
                        && let Some(s) = o.strong_open.take()
                    {
                        o.strong = Some((s, o.text.len()));
                    }
                }
            }
            TagEnd::Link => {
                if let Some(o) = &mut self.open
                    && let Some((s, url)) = o.link_start.pop()
                {
                    let text = document::clean(&o.text[s.min(o.text.len())..]);
                    o.links.push(format!("{text} <{url}>"));
                }
            }
            _ => {}
        }
        let _ = at;
    }

    /// Start a block, closing any open one; a pending list item gives its number.
    fn begin(&mut self, kind: BlockKind, at: usize, implicit: bool) {
        if kind == BlockKind::Row {
            self.open = Some(Open::new(kind, None, at, false));
            return;
        }
        self.close();
        let number = self.pending_item.take().flatten();
        self.open = Some(Open::new(kind, number, at, implicit));
    }

    /// Inline content with no block open: the text of a tight list item.
    fn ensure_open(&mut self, at: usize) {
        if self.open.is_none() {
            self.begin(BlockKind::Para, at, true);
        }
    }

    fn close_implicit(&mut self) {
        if self.open.as_ref().is_some_and(|o| o.implicit) {
            self.close();
        }
    }

    fn text(&mut self, t: &str, at: usize) {
        if self.in_comment {
            return;
        }
        if t.trim().is_empty() && self.open.is_none() {
            return;
        }
        self.ensure_open(at);
        let o = self.open.as_mut().expect("opened");
        if o.last_br.is_some() && !t.trim().is_empty() {
            o.last_br = None;
        }
        if self.datetime.is_none()
            && let Some(d) = datetime_in(t)
        {
            self.datetime = Some((d, self.lines.line(at)));
        }
        o.text.push_str(t);
    }

    fn inline_html(&mut self, h: &str, at: usize) {
        let t = h.trim();
        if self.in_comment {
            if t.contains("-->") {
                self.in_comment = false;
            }
            return;
        }
        if t.starts_with("<!--") {
            self.in_comment = !t.contains("-->");
            return;
        }
        if is_br(t) {
            self.ensure_open(at);
            let o = self.open.as_mut().expect("opened");
            match o.last_br {
                Some(b) if o.text[b..].trim().is_empty() => {
                    o.text.truncate(b);
                    o.splits.push((o.text.len(), at));
                    o.last_br = None;
                }
                _ => {
                    o.text.push(' ');
                    o.last_br = Some(o.text.len());
                }
            }
        }
        // Any other tag is dropped; the text between tags stays.
    }

    /// A line of an HTML block: its text without the tags.
    fn html_block(&mut self, h: &str, at: usize) {
        if self.open.is_none() {
            self.begin(BlockKind::Para, at, false);
        }
        let mut rest = h;
        while !rest.is_empty() {
            if self.in_comment {
                match rest.find("-->") {
                    Some(i) => {
                        self.in_comment = false;
                        rest = &rest[i + 3..];
                    }
                    None => return,
                }
                continue;
            }
            match rest.find('<') {
                Some(i) => {
                    let before = &rest[..i];
                    if !before.is_empty() {
                        self.text(&decode_entities(before), at);
                    }
                    let tail = &rest[i..];
                    if let Some(after) = tail.strip_prefix("<!--") {
                        self.in_comment = true;
                        rest = after;
                        continue;
                    }
                    let close = tail.find('>').map_or(tail.len(), |j| j + 1);
                    self.inline_html(&tail[..close], at);
                    rest = &tail[close..];
                }
                None => {
                    self.text(&decode_entities(rest), at);
                    rest = "";
                }
            }
        }
    }

    /// Finish the open block (splitting it at `<br><br>`).
    fn close(&mut self) {
        let Some(o) = self.open.take() else { return };
        if o.kind == BlockKind::Row {
            return;
        }
        let mut starts: Vec<(usize, usize)> = vec![(0, o.offset)];
        starts.extend(o.splits.iter().copied());
        for (k, &(from, offset)) in starts.iter().enumerate() {
            let to = starts.get(k + 1).map_or(o.text.len(), |s| s.0);
            let text = o.text[from..to].to_string();
            if text.trim().is_empty() {
                continue;
            }
            let first = k == 0;
            let line = if first { self.first_line(o.offset) } else { self.lines.line(offset) };
            self.blocks.push(Block {
                kind: if first { o.kind } else { BlockKind::Para },
                number: if first { o.number.clone() } else { None },
                strong: if first {
                    o.strong
                } else {
                    o.strong.and_then(|(s, e)| (s >= from && e <= to).then(|| (s - from, e - from)))
                },
                links: if first { o.links.clone() } else { Vec::new() },
                text,
                line,
            });
        }
    }

    /// The line of a block starting at `offset`, past any leading blank lines.
    fn first_line(&self, offset: usize) -> u32 {
        let skip = self.source[offset..].len() - self.source[offset..].trim_start().len();
        self.lines.line(offset + skip)
    }
}

/// Whether nothing but whitespace (or a clause number) comes before: where a
/// bold span is a lead-in title.
fn lead_position(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || document::split_number(t).is_some_and(|(_, rest)| rest.trim().is_empty())
}

fn is_br(tag: &str) -> bool {
    let t = tag.trim_start_matches('<').trim_start_matches('/').to_ascii_lowercase();
    t.starts_with("br") && t[2..].starts_with(|c: char| c == '>' || c == '/' || c.is_whitespace())
}

/// `datetime="2025-02-25"` in a kramdown attribute list.
fn datetime_in(t: &str) -> Option<String> {
    let i = t.find("{:")?;
    let rest = &t[i..];
    let j = rest.find("datetime=")?;
    let v = rest[j + 9..].trim_start_matches(['"', '\'']);
    let d: String = v.chars().take(10).collect();
    (d.len() == 10 && d.as_bytes()[4] == b'-').then_some(d)
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(md: &str) -> Vec<(BlockKind, Option<String>, String, u32)> {
        read(md, 0).blocks.into_iter().map(|b| (b.kind, b.number, document::clean(&b.text), b.line)).collect()
    }

    #[test]
    fn items_headings_and_lines() {
        let b = blocks("# Title\n\n1. #### Intro\n\n    Text *here*.\n2. Second\n\n- [x] done\n");
        assert_eq!(b[0], (BlockKind::Heading(1), None, "Title".into(), 1));
        assert_eq!(b[1], (BlockKind::Heading(4), Some("1".into()), "Intro".into(), 3));
        assert_eq!(b[2], (BlockKind::Para, None, "Text here.".into(), 5));
        assert_eq!(b[3], (BlockKind::Para, Some("2".into()), "Second".into(), 6));
        assert_eq!(b[4].2, "[x] done");
    }

    #[test]
    fn inline_html_and_breaks() {
        let b = blocks("A <span class=\"x\">Purpose</span><br>B<br><br>C <!-- gone --> D\n");
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].2, "A Purpose B");
        assert_eq!(b[1].2, "C D");
    }

    #[test]
    fn tables_are_rows() {
        let b = blocks("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert_eq!(b.len(), 2);
        assert_eq!(b[1], (BlockKind::Row, None, "1 | 2".into(), 3));
    }
}
