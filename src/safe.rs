//! Making untrusted text safe to print: control characters, ANSI escapes and
//! invisible or bidirectional characters never reach a terminal raw.

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
}
