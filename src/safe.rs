//! Making untrusted text safe to print: control characters, ANSI escapes and
//! invisible or bidirectional characters never reach a terminal raw.

/// Characters that are invisible or reorder text (Trojan Source, CVE-2021-42574).
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{E0000}'..='\u{E007F}')
}

/// Escape a value for a terminal or a log line: control characters and
/// invisible characters become `\u{..}`; newlines and tabs are escaped too
/// unless `keep_newlines`.
pub fn escape(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if keep_newlines && (c == '\n' || c == '\t') {
            out.push(c);
        } else if c.is_control() || is_invisible(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
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
    }
}
