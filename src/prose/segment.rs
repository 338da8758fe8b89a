//! Sentence segmentation that knows legal abbreviations and enumerations.
//!
//! A sentence ends at `.`, `!` or `?` followed by a space and a capital
//! letter, a digit, a quotation mark or an opening parenthesis (or at the
//! end of the text), unless the word before the stop is an abbreviation
//! ("Inc.", "U.S.", "i.e.", "Sec.", "No.") or a single initial. An
//! enumeration "… shall: (a) pay; (b) report" is split at each `; (b)`,
//! and every item keeps the words before its first marker as its lead-in,
//! so "(b) report" is still read as "… shall report".

/// One sentence (or enumerated item) of a text, as byte ranges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Where the sentence starts and ends in the text.
    pub start: usize,
    /// Where it ends (exclusive).
    pub end: usize,
    /// For an enumerated item: the lead-in ("Customer shall:") it continues.
    pub lead: Option<(usize, usize)>,
}

/// Abbreviations after which a full stop does not end a sentence (lower case,
/// without their final stop).
const ABBREVIATIONS: &[&str] = &[
    "inc", "ltd", "llc", "l.l.c", "corp", "co", "plc", "pbc", "n.a", "u.s", "u.k", "e.u", "i.e", "e.g", "etc", "viz",
    "cf", "vs", "v", "sec", "secs", "art", "arts", "para", "paras", "no", "nos", "mr", "mrs", "ms", "dr", "st", "jr",
    "sr", "approx", "incl", "ref", "ch", "cl", "pp", "p", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "u.s.a", "s.a", "b.v", "n.v", "gmbh", "a.g", "et al", "al",
];

/// The sentences of `text`, in order, covering every non-blank part of it.
pub fn sentences(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = skip_space(text, 0);
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        let ends = match b {
            b'.' | b'!' | b'?' => stop_ends_sentence(text, start, i),
            b'\n' => text[i + 1..].starts_with('\n') || text[i + 1..].trim_start_matches([' ', '\t']).starts_with('\n'),
            _ => false,
        };
        if ends {
            // Closing quotation marks and parentheses belong to the sentence.
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')') {
                end += 1;
            }
            end = close_quote(text, end);
            push(text, &mut out, start, end);
            start = skip_space(text, end);
            i = start;
            continue;
        }
        i += 1;
    }
    push(text, &mut out, start, text.len());
    out
}

/// Split a sentence's enumeration "lead: (a) x; (b) y" into its items.
fn push(text: &str, out: &mut Vec<Segment>, start: usize, end: usize) {
    let s = &text[start..end];
    if s.trim().is_empty() {
        return;
    }
    let markers = enumeration_markers(s);
    if markers.len() < 2 {
        out.push(Segment { start, end: trim_end(text, start, end), lead: None });
        return;
    }
    let lead_end = start + markers[0];
    let lead =
        if text[start..lead_end].trim().is_empty() { None } else { Some((start, trim_end(text, start, lead_end))) };
    if let Some((s0, e0)) = lead {
        out.push(Segment { start: s0, end: e0, lead: None });
    }
    for (k, &m) in markers.iter().enumerate() {
        let item_end = markers.get(k + 1).map_or(end, |&n| start + n);
        let item_start = start + m;
        if !text[item_start..item_end].trim().is_empty() {
            out.push(Segment { start: item_start, end: trim_end(text, item_start, item_end), lead });
        }
    }
}

/// Byte offsets (in `s`) of enumeration markers `(a)`, `(ii)`, `(1)` that
/// start the text or follow `:` or `;` (optionally with "and"/"or"), or
/// follow `,` as the next marker of the list ("shall: (a) stop, (b) return,
/// and (c) confirm" is split as "shall: (a) stop; (b) return; and (c)
/// confirm" is, so changing the commas to semicolons changes no item).
fn enumeration_markers(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut last: Option<&str> = None;
    for (i, _) in s.match_indices('(') {
        let rest = &s[i + 1..];
        let Some(close) = rest.find(')') else { continue };
        let inner = &rest[..close];
        let marker = !inner.is_empty()
            && inner.len() <= 4
            && (inner.chars().all(|c| c.is_ascii_digit())
                || inner.chars().all(|c| c.is_ascii_lowercase()) && (inner.len() == 1 || is_roman(inner)));
        if !marker {
            continue;
        }
        let before = s[..i].trim_end();
        let before = before.strip_suffix(" and").or_else(|| before.strip_suffix(" or")).unwrap_or(before).trim_end();
        let next_in_list = before.ends_with(',') && last.is_some_and(|l| follows(l, inner));
        if before.is_empty() || before.ends_with([':', ';']) || next_in_list {
            out.push(i);
            last = Some(inner);
        }
    }
    out
}

/// Whether marker `b` comes right after marker `a`: "a" → "b", "7" → "8",
/// "ii" → "iii".
fn follows(a: &str, b: &str) -> bool {
    const ROMAN: [&str; 12] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"];
    if let (Ok(x), Ok(y)) = (a.parse::<u32>(), b.parse::<u32>()) {
        return y == x + 1;
    }
    let letter = |m: &str| (m.len() == 1).then(|| m.as_bytes()[0]);
    let roman = |m: &str| ROMAN.iter().position(|r| *r == m);
    matches!((letter(a), letter(b)), (Some(x), Some(y)) if y == x + 1)
        || matches!((roman(a), roman(b)), (Some(x), Some(y)) if y == x + 1)
}

fn is_roman(s: &str) -> bool {
    s.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

fn skip_space(text: &str, from: usize) -> usize {
    from + (text.len() - from - text[from..].trim_start().len())
}

/// Closing curly quotation marks after a stop.
fn close_quote(text: &str, mut end: usize) -> usize {
    while let Some(c) = text[end..].chars().next() {
        if matches!(c, '\u{201D}' | '\u{2019}') {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Whether the stop at byte `i` ends the sentence begun at `start`.
fn stop_ends_sentence(text: &str, start: usize, i: usize) -> bool {
    let after = &text[i + 1..];
    let after = after.trim_start_matches(['"', '\'', ')', '\u{201D}', '\u{2019}']);
    if after.is_empty() {
        return true;
    }
    if !after.starts_with(char::is_whitespace) {
        return false; // "U.S.A", "3.5", "example.com"
    }
    let next = after.trim_start();
    let Some(first) = next.chars().next() else { return true };
    if !(first.is_uppercase() || first.is_ascii_digit() || matches!(first, '(' | '"' | '\u{201C}' | '\'' | '[')) {
        return false;
    }
    if text.as_bytes()[i] != b'.' {
        return true;
    }
    // The word before the stop.
    let word_start = text[start..i].rfind(|c: char| c.is_whitespace() || c == '(').map_or(start, |p| start + p + 1);
    let word = text[word_start..i].trim_start_matches(['"', '\'', '(']).to_lowercase();
    if word.is_empty() {
        return true;
    }
    // A single initial ("J. Smith") or an enumeration number ("1.") at the start.
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return false;
    }
    if word_start == start && word.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    !ABBREVIATIONS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        sentences(s).iter().map(|g| &s[g.start..g.end]).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let s = "Acme Inc. shall pay Beta Corp. in the U.S. within 30 days, i.e. promptly. See Sec. 4. Then stop.";
        assert_eq!(
            texts(s),
            ["Acme Inc. shall pay Beta Corp. in the U.S. within 30 days, i.e. promptly.", "See Sec. 4.", "Then stop."]
        );
    }

    #[test]
    fn a_list_split_by_commas_is_split_as_by_semicolons() {
        let commas = "Customer will: (a) stop using it, (b) return it, and (c) confirm in writing.";
        let semis = "Customer will: (a) stop using it; (b) return it; and (c) confirm in writing.";
        assert_eq!(
            texts(commas),
            ["Customer will:", "(a) stop using it,", "(b) return it, and", "(c) confirm in writing."]
        );
        assert_eq!(texts(commas).len(), texts(semis).len());
        assert_eq!(
            texts("Beta may: (i) copy, (ii) adapt, or (iii) show it."),
            ["Beta may:", "(i) copy,", "(ii) adapt, or", "(iii) show it."]
        );
        // Not the next marker of a list: references and a marker out of sequence stay in the sentence.
        assert_eq!(
            texts("Acme shall comply with Sections 2(a), (b) and (c)."),
            ["Acme shall comply with Sections 2(a), (b) and (c)."]
        );
        assert_eq!(texts("Acme shall: (a) pay, (c) report."), ["Acme shall: (a) pay, (c) report."]);
    }

    #[test]
    fn enumerations_keep_their_lead_in() {
        let s = "Customer shall: (a) pay all fees; (b) report usage; and (c) keep records.";
        let segs = sentences(s);
        let t: Vec<&str> = segs.iter().map(|g| &s[g.start..g.end]).collect();
        assert_eq!(t, ["Customer shall:", "(a) pay all fees;", "(b) report usage; and", "(c) keep records."]);
        let lead = segs[2].lead.unwrap();
        assert_eq!(&s[lead.0..lead.1], "Customer shall:");
    }

    #[test]
    fn decimals_addresses_and_question_marks() {
        assert_eq!(
            texts("Rate is 3.5 percent. Visit example.com today? Yes!"),
            ["Rate is 3.5 percent.", "Visit example.com today?", "Yes!"]
        );
        assert_eq!(texts("ends here. lower case continues"), ["ends here. lower case continues"]);
        assert!(texts("   ").is_empty());
    }
}
