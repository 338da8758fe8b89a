//! Documents a wording refers to by name: "the Mozilla Privacy Policy", "our
//! Acceptable Use Policy", "the Apple Media Services Terms and Conditions".
//!
//! An agreement that points to another document takes in what that document
//! says. When the document a sentence points to is added, dropped or
//! replaced, whom the change favours depends on what the documents say,
//! which the wording does not show: the change cuts both ways.

/// The last word of a document's name, as written (capitalised).
const NOUNS: &[&str] = &[
    "Notice",
    "Notices",
    "Policy",
    "Policies",
    "Guidelines",
    "Terms",
    "Conditions",
    "Statement",
    "Addendum",
    "Agreement",
    "Rules",
];

/// Words that end a name when walking back from its noun.
fn stops(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "the"
            | "our"
            | "your"
            | "its"
            | "their"
            | "a"
            | "an"
            | "this"
            | "these"
            | "that"
            | "and"
            | "or"
            | "in"
            | "of"
            | "to"
            | "by"
            | "with"
            | "under"
            | "for"
            | "see"
            | "at"
            | "on"
            | "as"
            | "any"
            | "each"
            | "both"
    )
}

/// The names of the documents a text refers to, in order, each once: a
/// capitalised noun ("Notice", "Policy", "Terms") with the name words before
/// it ("Firefox Cloud Services Privacy Notice"). A lone noun ("the Terms",
/// these terms themselves) is not another document.
pub fn names(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '[' | ']' | '(' | ')' | '"' | '*' | '_' | '\u{201c}' | '\u{201d}')
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        let bare = bare.strip_suffix("'s").or_else(|| bare.strip_suffix("\u{2019}s")).unwrap_or(bare);
        if !NOUNS.contains(&bare) {
            continue;
        }
        // Walk back over the name: capitalised words, and lower-case words
        // between two capitalised ones ("Mozilla accounts Privacy Notice").
        let mut from = k;
        while from > 0 {
            let prev = words[from - 1];
            if prev.ends_with([',', ';', ':', '.']) || stops(prev) || prev.starts_with("http") {
                break;
            }
            let capital = prev.starts_with(char::is_uppercase);
            let bridged = from >= 2
                && words[from - 2].starts_with(char::is_uppercase)
                && !stops(words[from - 2])
                && prev.chars().all(char::is_alphabetic);
            if !capital && !bridged {
                break;
            }
            from -= 1;
        }
        // "Terms of Use", "Conditions of Service", "Statement of Work".
        let mut to = k;
        if bare == *w && words.get(k + 1) == Some(&"of") {
            let mut j = k + 2;
            while j < words.len() && words[j].starts_with(char::is_uppercase) && !stops(words[j]) {
                j += 1;
                if words[j - 1].ends_with(|c: char| !c.is_alphanumeric()) {
                    break;
                }
            }
            if j > k + 2 {
                to = j - 1;
            }
        }
        if from == k && to == k {
            continue;
        }
        let tail = words[k + 1..=to].iter().map(|x| x.trim_end_matches(|c: char| !c.is_alphanumeric()));
        let name: Vec<&str> = words[from..k].iter().copied().chain(std::iter::once(bare)).chain(tail).collect();
        let name = name.join(" ");
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// A side's links as (text, address) pairs.
pub type Links<'a> = &'a [(String, String)];

/// A link's address as compared: case and a closing slash do not count.
pub fn address_key(url: &str) -> String {
    url.trim_end_matches('/').to_lowercase()
}

/// Whether the documents `was` names became the documents `now` names only
/// in name: each name that went has the same link as one that came (the
/// same document, renamed). `links` are (text, address) pairs of each side.
pub fn renamed(was: &[String], now: &[String], links: (Links, Links)) -> bool {
    let gone: Vec<&String> = was.iter().filter(|n| !now.contains(n)).collect();
    let came: Vec<&String> = now.iter().filter(|n| !was.contains(n)).collect();
    if gone.is_empty() || gone.len() != came.len() {
        return false;
    }
    let target = |name: &str, links: Links| -> Option<String> {
        let mut hits =
            links.iter().filter(|(text, _)| text.contains(name) || name.contains(text.as_str()) && !text.is_empty());
        let (_, url) = hits.next()?;
        hits.all(|(_, u)| u == url).then(|| address_key(url))
    };
    let targets = |names: &[&String], links| -> Option<Vec<String>> {
        let mut t: Vec<String> = names.iter().map(|n| target(n, links)).collect::<Option<_>>()?;
        t.sort();
        Some(t)
    };
    match (targets(&gone, links.0), targets(&came, links.1)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_a_referred_document_with_its_name_words() {
        assert_eq!(
            names("Information is used as described in the Mozilla accounts Privacy Notice."),
            ["Mozilla accounts Privacy Notice"]
        );
        assert_eq!(
            names(
                "The Firefox Cloud Services Privacy Notice and, for Screenshots, the Firefox Privacy Notice describe it."
            ),
            ["Firefox Cloud Services Privacy Notice", "Firefox Privacy Notice"]
        );
        assert_eq!(names("See our [Acceptable Use Policy](https://x.example/aup)."), ["Acceptable Use Policy"]);
        // These terms themselves, or a noun on its own, are not another document.
        assert!(names("By using the Services you agree to these Terms.").is_empty());
        assert!(names("Notice must be given in writing.").is_empty());
        assert!(names("the policy of the company").is_empty());
        assert_eq!(names("You agree to comply with the Conditions of Use."), ["Conditions of Use"]);
        assert_eq!(names("see the Mozilla Terms of Service, and more"), ["Mozilla Terms of Service"]);
    }

    #[test]
    fn a_document_renamed_under_the_same_link_is_the_same_document() {
        let link = |t: &str, u: &str| (t.to_string(), u.to_string());
        let was = names("You must comply with the Conditions of Use.");
        let now = names("You must comply with the Acceptable Use Policy.");
        let old = [link("Conditions of Use", "https://x.example/aup")];
        let new = [link("Acceptable Use Policy", "https://x.example/aup/")];
        assert!(renamed(&was, &now, (&old, &new)));
        // Another address is another document; no link proves nothing.
        let other = [link("Acceptable Use Policy", "https://x.example/community")];
        assert!(!renamed(&was, &now, (&old, &other)));
        assert!(!renamed(&was, &now, (&[], &[])));
        // A document added beside the old one is not a rename.
        let both = names("You must comply with the Conditions of Use and the Acceptable Use Policy.");
        assert!(!renamed(&was, &both, (&old, &new)));
    }
}
