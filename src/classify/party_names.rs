//! Whether a party's new name is the old one corrected: spelling,
//! punctuation, a legal suffix, or initials spelt out. Anything else is a
//! rename that may be a different legal entity.

use unicode_normalization::UnicodeNormalization;

/// Legal-form words that do not change who a party is.
const SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "llc",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "sarl",
    "bv",
    "nv",
    "lp",
    "llp",
    "pbc",
    "pte",
    "pty",
    "srl",
    "spa",
    "kk",
    "oy",
    "ab",
    "as",
];

/// The words of a name: NFC, lowercase, `&` as "and", punctuation dropped,
/// legal-form words at the end dropped.
fn words(name: &str) -> Vec<String> {
    let folded: String = name
        .nfc()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() || c == '&' { c } else { ' ' })
        .collect();
    let mut w: Vec<String> = folded.replace('&', " and ").split_whitespace().map(str::to_string).collect();
    // "L.L.C." and "S.A." arrive as single letters: join runs of them first.
    let mut joined: Vec<String> = Vec::new();
    for word in w.drain(..) {
        match joined.last_mut() {
            Some(last) if word.chars().count() == 1 && last.chars().all(char::is_alphabetic) && last.len() <= 3 => {
                let candidate = format!("{last}{word}");
                if SUFFIXES.iter().any(|s| s.starts_with(candidate.as_str())) {
                    *last = candidate;
                    continue;
                }
                joined.push(word);
            }
            _ => joined.push(word),
        }
    }
    while joined.len() > 1 && joined.last().is_some_and(|l| SUFFIXES.contains(&l.as_str())) {
        joined.pop();
    }
    joined
}

/// Whether `new` is `old` corrected rather than another name.
pub(super) fn corrected(old: &str, new: &str) -> bool {
    // A name that gains hidden characters is not corrected: it is disguised
    // (and `hidden-characters` says so).
    if !super::prose::hidden_in(new).is_empty() {
        return false;
    }
    let (a, b) = (words(old), words(new));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let initials = |w: &[String]| -> String {
        w.iter().filter(|x| *x != "and" && *x != "of" && *x != "the").filter_map(|x| x.chars().next()).collect()
    };
    // "WG" against "Willcox and Gibbs".
    if (a.len() == 1 && b.len() > 1 && a[0] == initials(&b)) || (b.len() == 1 && a.len() > 1 && b[0] == initials(&a)) {
        return true;
    }
    // A spelling fix: one or two letters in a name long enough to tell.
    let (x, y) = (a.join(" "), b.join(" "));
    let longest = x.chars().count().max(y.chars().count());
    let distance = strsim::levenshtein(&x, &y);
    longest >= 6 && distance <= 2 && distance * 5 <= longest
}

#[cfg(test)]
mod tests {
    use super::corrected;

    #[test]
    fn corrections_and_renames() {
        assert!(corrected("Xpension Ltd.", "Xpention Ltd."));
        assert!(corrected("WG, Inc.", "Willcox & Gibbs, Inc."));
        assert!(corrected("Acme Corp", "Acme Corporation"));
        assert!(corrected("Beta LLC", "Beta, L.L.C."));
        assert!(corrected("OpenAI, Inc.", "OpenAI Inc"));
        assert!(!corrected("OpenAI Global, LLC", "OpenAI Group PBC"));
        assert!(!corrected("Acme Corp", "Apex Corp"));
        assert!(!corrected("Microsoft Corporation", "Alphabet Inc."));
        assert!(!corrected("Beta", "Bet"));
        assert!(!corrected("Beta Inc.", "Beta\u{200B} Inc."));
        assert!(!corrected("Microsoft", "Micr\u{043E}soft"));
    }
}
