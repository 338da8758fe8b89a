//! Plain text → blocks, by simple line rules: blank lines separate
//! paragraphs; a line that starts with a clause number (`1.`, `1.1`, `(a)`,
//! `Section 3`) starts a new block; a short first line without a closing
//! full stop, followed by more text, is a heading.

use super::document::{self, Block, BlockKind, Doc};
use super::{LoadError, LoadOptions};
use crate::model::Agreement;

/// Load a plain-text agreement.
pub(crate) fn load(text: &str, path: &str, options: &LoadOptions) -> Result<Agreement, LoadError> {
    let (front, body_start) = match document::front_matter(text) {
        Some((yaml, line, body)) => (Some((yaml, line)), body),
        None => (None, 0),
    };
    let first_line = text[..body_start].matches('\n').count() as u32 + 1;
    document::build(path, read(&text[body_start..], first_line), front, options)
}

/// Read plain text whose first line is line `first_line` of the file.
fn read(body: &str, first_line: u32) -> Doc {
    // Paragraphs: runs of non-blank lines, split before numbered lines.
    let mut paras: Vec<(u32, Vec<&str>)> = Vec::new();
    let mut current: Option<(u32, Vec<&str>)> = None;
    for (i, raw) in body.lines().enumerate() {
        let line = first_line + i as u32;
        let t = raw.trim();
        if t.is_empty() {
            paras.extend(current.take());
            continue;
        }
        if document::split_number(t).is_some() {
            paras.extend(current.take());
        }
        current.get_or_insert_with(|| (line, Vec::new())).1.push(t);
    }
    paras.extend(current);
    let mut blocks = Vec::new();
    let mut title_seen = false;
    for (line, lines) in paras {
        let first = lines[0];
        let (number, after) = match document::split_number(first) {
            Some((n, rest)) => (Some(n), rest.trim()),
            None => (None, first),
        };
        let words = after.split_whitespace().count();
        let heading_like = words > 0
            && words <= 10
            && !after.ends_with(['.', ';', ',', ':'])
            && (lines.len() > 1 || number.is_none() && after.chars().any(char::is_alphabetic));
        let short_alone = lines.len() == 1
            && heading_like
            && (number.is_some() || after.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) || !title_seen);
        if heading_like && (lines.len() > 1 || short_alone) {
            let level = if number.is_none() && !title_seen { 1 } else { 2 };
            title_seen = true;
            blocks.push(Block {
                kind: BlockKind::Heading(level),
                number: number.clone(),
                text: after.to_string(),
                strong: None,
                links: Vec::new(),
                line,
            });
            if lines.len() > 1 {
                blocks.push(Block {
                    kind: BlockKind::Para,
                    number: None,
                    text: lines[1..].join(" "),
                    strong: None,
                    links: Vec::new(),
                    line: line + 1,
                });
            }
            continue;
        }
        title_seen = true;
        blocks.push(Block {
            kind: BlockKind::Para,
            number,
            text: std::iter::once(after).chain(lines[1..].iter().copied()).collect::<Vec<_>>().join(" "),
            strong: None,
            links: Vec::new(),
            line,
        });
    }
    Doc { blocks, datetime: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_sections() {
        let doc = read(
            "MASTER AGREEMENT\n\n1. Definitions\n\"Fee\" means the fee.\n1.1 Scope\nThe scope.\n\nSection 2. Payment terms apply here.\n",
            1,
        );
        let got: Vec<(BlockKind, Option<String>, String, u32)> =
            doc.blocks.into_iter().map(|b| (b.kind, b.number, b.text, b.line)).collect();
        assert_eq!(got[0], (BlockKind::Heading(1), None, "MASTER AGREEMENT".into(), 1));
        assert_eq!(got[1], (BlockKind::Heading(2), Some("1".into()), "Definitions".into(), 3));
        assert_eq!(got[2], (BlockKind::Para, None, "\"Fee\" means the fee.".into(), 4));
        assert_eq!(got[3], (BlockKind::Heading(2), Some("1.1".into()), "Scope".into(), 5));
        assert_eq!(got[5], (BlockKind::Para, Some("2".into()), "Payment terms apply here.".into(), 8));
    }
}
