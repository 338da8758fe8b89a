//! Making untrusted text safe to print: control characters, ANSI escapes and
//! invisible or bidirectional characters never reach a terminal raw, and no
//! text from an agreement can start a GitHub Actions workflow command.

use std::borrow::Cow;

/// Characters that are invisible or reorder text (Trojan Source,
/// CVE-2021-42574): every Default_Ignorable_Code_Point of Unicode 16
/// (DerivedCoreProperties.txt), the format characters (category Cf) that are
/// not, the line and paragraph separators, and blanks that render as nothing
/// (Braille blank, Hangul fillers).
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        // Default_Ignorable_Code_Point.
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}'
        // Other format characters (Cf), and separators that break lines unseen.
        | '\u{0600}'..='\u{0605}' | '\u{06DD}' | '\u{070F}' | '\u{0890}' | '\u{0891}' | '\u{08E2}'
        | '\u{110BD}' | '\u{110CD}' | '\u{13430}'..='\u{1343F}' | '\u{FFF9}'..='\u{FFFB}'
        | '\u{2028}' | '\u{2029}'
        // Blanks that draw nothing.
        | '\u{2800}')
}

/// Where text could start a GitHub Actions workflow command, as the byte
/// offsets (in order) of the characters to escape.
///
/// The runner obeys `::name args::data` at the start of any line of a log,
/// after leading white space (it trims any Unicode white space first), and
/// the older `##[name]data` anywhere in a line. So the characters to escape
/// are the first `:` of a `::` that begins a line after white space (a line
/// begins at the start of `s` when `line_start`, and after every CR or LF),
/// and the second `#` of every `##[`. This is the one place that knows the
/// rule: [`escape`] (and so [`line`], the Markdown and GitHub escapes and
/// every error message) writes those characters as `\u{3a}` and `\u{23}`,
/// and the JSON report as `\u0023` (see `render::json`).
pub fn command_breaks(s: &str, line_start: bool) -> Vec<usize> {
    let mut out = Vec::new();
    // Most strings have neither a colon nor a hash: one SIMD pass says so.
    if memchr::memchr2(b':', b'#', s.as_bytes()).is_none() || !s.contains("::") && !s.contains("##[") {
        return out;
    }
    let mut at_start = line_start;
    for (i, c) in s.char_indices() {
        if at_start && !(c.is_whitespace() && c != '\n' && c != '\r') {
            if s[i..].starts_with("::") {
                out.push(i);
            }
            at_start = false;
        }
        match c {
            '\n' | '\r' => at_start = true,
            '#' if s[i..].starts_with("##[") => out.push(i + 1),
            _ => {}
        }
    }
    out
}

/// `s` with nothing that could start a workflow command (see
/// [`command_breaks`]), and otherwise as it is: for text already escaped
/// and put together, such as a whole error message.
pub fn inert_commands(s: &str) -> Cow<'_, str> {
    let breaks = command_breaks(s, true);
    if breaks.is_empty() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8 * breaks.len());
    let mut start = 0;
    for i in breaks {
        let c = s[i..].chars().next().expect("a break is at a character");
        out.push_str(&s[start..i]);
        out.push_str(&format!("\\u{{{:x}}}", c as u32));
        start = i + c.len_utf8();
    }
    out.push_str(&s[start..]);
    Cow::Owned(out)
}

/// Escape a value for a terminal or a log line: control characters and
/// invisible characters become `\u{..}`; newlines and tabs are escaped too
/// unless `keep_newlines`. Nothing in the result can start a workflow
/// command: a leading `::` is written `\u{3a}:`, and `##[` is written
/// `#\u{23}[` ([`command_breaks`]).
pub fn escape(s: &str, keep_newlines: bool) -> String {
    let mut breaks = command_breaks(s, true).into_iter().peekable();
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        let command = breaks.next_if_eq(&i).is_some();
        if keep_newlines && (c == '\n' || c == '\t') {
            out.push(c);
        } else if command || c.is_control() || is_invisible(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// At most 80 characters of a value quoted in a message, with `…` when cut:
/// a 1 MB bad value does not make a 1 MB error message.
pub fn clip(s: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 80;
    match s.char_indices().nth(MAX) {
        None => std::borrow::Cow::Borrowed(s),
        Some((cut, _)) => std::borrow::Cow::Owned(format!("{}…", &s[..cut])),
    }
}

/// Escape for a single line.
pub fn line(s: &str) -> String {
    escape(s, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(line("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(line("x\u{202E}y"), "x\\u{202e}y");
        assert_eq!(line("a\nb"), "a\\u{a}b");
        assert_eq!(escape("a\nb", true), "a\nb");
        assert_eq!(line("Microsoft"), "Microsoft");
        assert_eq!(clip("short"), "short");
        assert_eq!(clip(&"é".repeat(200)), format!("{}…", "é".repeat(80)));
        for c in ['\u{180B}', '\u{E0100}', '\u{FFF9}', '\u{FFFB}', '\u{2800}', '\u{1D173}', '\u{2028}'] {
            assert!(is_invisible(c), "U+{:04X}", c as u32);
            assert_eq!(line(&format!("a{c}b")), format!("a\\u{{{:x}}}b", c as u32));
        }
    }

    #[test]
    fn no_workflow_command_survives() {
        assert_eq!(line("::add-mask::Microsoft"), "\\u{3a}:add-mask::Microsoft");
        assert_eq!(line(" \u{3000}::error::x"), " \u{3000}\\u{3a}:error::x");
        assert_eq!(line("##[stop-commands]x"), "#\\u{23}[stop-commands]x");
        assert_eq!(line("a ###[b] ##[c"), "a ##\\u{23}[b] #\\u{23}[c");
        assert_eq!(escape("a\n  ::warning::x\r::y", true), "a\n  \\u{3a}:warning::x\\u{d}\\u{3a}:y");
        // `::` elsewhere than at the start of a line, and `#[`, are harmless.
        assert_eq!(line("Rust's std::mem, a ::b, #[derive]"), "Rust's std::mem, a ::b, #[derive]");
        assert_eq!(command_breaks("x ::y", true), Vec::<usize>::new());
        assert_eq!(command_breaks("::y", false), Vec::<usize>::new());
        assert_eq!(command_breaks("é\n::y ##[", false), vec![3, 8]);
        assert_eq!(inert_commands("agreement-diff: error: x ##[y]"), "agreement-diff: error: x #\\u{23}[y]");
        assert!(matches!(inert_commands("plain"), Cow::Borrowed("plain")));
        // Escaping twice changes nothing more.
        let once = line(" ::a ##[b");
        assert_eq!(line(&once), once);
        assert_eq!(inert_commands(&once), once);
    }
}
