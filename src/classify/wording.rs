//! A clause's wording changed: the prose stage's reading as findings.
//!
//! Each change of meaning the prose stage explains becomes a finding of its
//! rule, with the old and new sentence as evidence and its own redline. What
//! it cannot explain is reported once per clause as `text-changed`
//! (substantive: "review"); a change shown to leave the meaning alone is
//! `text-equivalent` (clarification). Nothing is graded harmless unshown.

use super::fields::Change;
use super::{Cx, prose as words};
use crate::model::{Agreement, Value};
use crate::prose::{self, Actors, Analysis};
use crate::report::{Evidence, Finding};
use crate::rules::{Materiality, Rule};

/// Whether a sentence is about money, a licence or exclusivity: a change to
/// it is commercial (the brief's scale: money, rates, caps, direction of
/// payment, exclusivity, the scope of a grant).
fn commercial(sentence: &str) -> bool {
    prose::tokens::words(sentence).iter().any(|w| {
        w.quantity
            .as_ref()
            .is_some_and(|q| matches!(q.kind, prose::tokens::Kind::Money(_) | prose::tokens::Kind::Percent))
            || matches!(
                w.norm.as_str(),
                "pay"
                    | "pays"
                    | "paid"
                    | "payment"
                    | "payments"
                    | "fee"
                    | "fees"
                    | "price"
                    | "prices"
                    | "pricing"
                    | "charge"
                    | "charges"
                    | "charged"
                    | "billing"
                    | "billed"
                    | "refund"
                    | "refunds"
                    | "refunded"
                    | "refundable"
                    | "non-refundable"
                    | "nonrefundable"
                    | "royalty"
                    | "royalty-free"
                    | "royalties"
                    | "license"
                    | "licenses"
                    | "sublicense"
                    | "exclusive"
                    | "exclusivity"
                    | "non-exclusive"
                    | "nonexclusive"
                    | "invoice"
                    | "invoices"
                    | "compensation"
            )
    })
}

/// The longest sentence kept as evidence beside the finding's values.
const EVIDENCE_MAX: usize = 64 * 1024;

/// The parties as the prose names them: display name, legal name, short
/// name and declared aliases, from both versions.
pub(super) fn actors(old: &Agreement, new: &Agreement) -> Actors {
    let mut seen: Vec<&str> = Vec::new();
    let mut list = Vec::new();
    for p in new.parties.iter().chain(&old.parties) {
        if seen.contains(&p.key.as_str()) {
            continue;
        }
        seen.push(&p.key);
        let mut names = vec![p.display(), p.name.as_str()];
        names.extend(p.short.as_deref());
        names.extend(p.aliases.iter().map(String::as_str));
        list.push((p.key.as_str(), names));
    }
    Actors::new(list)
}

/// The highest materiality among the changes a whole clause's wording makes,
/// read as if every sentence came (`added`) or went.
pub(super) fn whole_materiality(old: &Agreement, new: &Agreement, text: &str, added: bool) -> Option<Materiality> {
    let actors = actors(old, new);
    let analysis = if added { prose::analyse("", text, &actors) } else { prose::analyse(text, "", &actors) };
    analysis.changes.iter().map(|c| c.materiality.unwrap_or(c.rule.materiality())).max()
}

/// Whether a section title names the list of what the agreement provides:
/// "Services", "The Services", "Our Products", "Features".
pub(super) fn lists_offerings(section: &str) -> bool {
    let t = section.trim().trim_end_matches([':', '.']).to_lowercase();
    let t = t.strip_prefix("the ").or_else(|| t.strip_prefix("our ")).unwrap_or(&t);
    matches!(t, "services" | "service" | "products" | "features")
}

/// A clause that came or went under a section listing what the agreement
/// provides ("Services"): when it describes an offering rather than binding a
/// party, a service added to or removed from the list widens or narrows the
/// scope of the service, which is commercial (the brief's scale). It favours
/// the party the text says the offering serves ("lets you", "allows you to",
/// "helps you", "you can"), and no one when it names none. `None` when a
/// sentence of the clause puts a duty or restriction on a party: then it is
/// not a description of an offering, and the clause is read as any other.
pub(super) fn offering(
    old: &Agreement,
    new: &Agreement,
    text: &str,
    added: bool,
) -> Option<(Vec<String>, Vec<String>)> {
    // An offering still (or already) listed on the other side, by its first
    // sentence, is a duplicate entry that came or went: the scope is the same.
    let first = |t: &str| prose::segment::sentences(t).first().map(|g| t[g.start..g.end].trim().to_string());
    let this = first(text)?;
    let other = if added { old } else { new };
    if other.clauses.iter().filter_map(|c| c.text_of("text")).any(|t| first(t).as_deref() == Some(this.as_str())) {
        return None;
    }
    let actors = actors(old, new);
    let mut served: Option<String> = None;
    for g in prose::segment::sentences(text) {
        let words = prose::tokens::words(&text[g.start..g.end]);
        // "To use it, you must sign in": a condition of using the offering,
        // not a duty that binds a party ("To the extent …" is no such clause).
        let precondition = words.first().is_some_and(|w| w.norm == "to")
            && words.get(1).is_some_and(|w| !matches!(w.norm.as_str(), "the" | "a" | "an" | "any" | "such" | "this"));
        for f in prose::frame::frames(&words, &actors) {
            if precondition && f.modality == prose::frame::Modality::Obligation {
                continue;
            }
            match (&f.actor, f.modality) {
                (prose::Actor::Party(_) | prose::Actor::Mutual, m)
                    if m.burden() || m == prose::frame::Modality::Grant =>
                {
                    return None;
                }
                (prose::Actor::Party(k), prose::frame::Modality::Permission) => {
                    served.get_or_insert_with(|| k.clone());
                }
                _ => {}
            }
        }
        // "X lets you …", "X allows you to …", "X helps you …".
        for k in 0..words.len().saturating_sub(1) {
            if matches!(
                words[k].norm.as_str(),
                "lets" | "let" | "allows" | "allow" | "enables" | "enable" | "helps" | "help"
            ) && let Some((prose::Actor::Party(p), _)) = actors.at(&words, k + 1)
            {
                served.get_or_insert(p);
            }
        }
    }
    // No sentence names whom it serves: in terms a provider ("we") offers its
    // users ("you"), a service on the list is offered to "you".
    let addressed = || actors.provider_and_user().map(|(_, you)| you);
    let Some(who) = served.or_else(addressed) else { return Some((Vec::new(), Vec::new())) };
    let other: Vec<String> = actors.other(&who).map(|o| vec![o.to_string()]).unwrap_or_default();
    Some(if added { (vec![who], other) } else { (other, vec![who]) })
}

/// Whom a whole clause's wording favours, read as if every sentence came
/// (`added`) or went: the party that every change naming one agrees on —
/// duties, restrictions, grants, licences, payments and caps. Permissions
/// ("you can …") are not read for it (on whole informational clauses they
/// named the wrong party more often than the right one). `None` when no
/// change names a party or two disagree.
pub(super) fn whole_favours(
    old: &Agreement,
    new: &Agreement,
    text: &str,
    added: bool,
) -> Option<(Vec<String>, Vec<String>)> {
    let actors = actors(old, new);
    let analysis = if added { prose::analyse("", text, &actors) } else { prose::analyse(text, "", &actors) };
    let mut named = analysis
        .changes
        .iter()
        .filter(|c| !(c.permission && matches!(c.rule, Rule::RightGranted | Rule::RightRevoked)))
        .filter(|c| !c.favours.is_empty() || !c.disfavours.is_empty());
    let first = named.next()?;
    let sides = (first.favours.clone(), first.disfavours.clone());
    named.all(|c| (c.favours.clone(), c.disfavours.clone()) == sides).then_some(sides)
}

/// Report the change of a clause's wording from `old` to `new`.
pub(super) fn text(cx: &mut Cx, ch: &Change, old: &str, new: &str) {
    let actors = actors(cx.old, cx.new);
    let analysis = prose::analyse(old, new, &actors);
    let label = ch.at.label();
    let (old_line, new_line) = ch.lines();
    let tables = (ch.at.old.and_then(|c| c.text_lines.as_deref()), ch.at.new.and_then(|c| c.text_lines.as_deref()));
    // A sentence's line: from the text's line table where it spans lines in
    // the file (a block or folded scalar), else its key's line plus the line
    // breaks before it.
    let line_of = |old_side: bool, span: Option<(usize, usize)>| -> Option<u32> {
        let (base, text, table) = if old_side { (old_line, old, tables.0) } else { (new_line, new, tables.1) };
        let (base, (start, _)) = (base?, span?);
        if let Some(t) = table.filter(|t| !t.is_empty()) {
            let k = t.partition_point(|&(at, _)| at as usize <= start);
            return Some(t[k.saturating_sub(1)].1);
        }
        let breaks = text[..start].bytes().filter(|&b| b == b'\n').count() as u32;
        Some(base + breaks)
    };
    let typed = typed_numbers(ch);
    // A sentence that changed only in a linked document's name, under the same
    // address, is that rename whatever else a detector read in the new name
    // (a "Policy" that looks like a list item).
    let links = (links_of(ch.at.old), links_of(ch.at.new));
    let mut renamed: Vec<(Span, Span, Vec<Rename>)> = Vec::new();
    let spans = analysis.changes.iter().map(|c| (c.old, c.new));
    for (a, b) in spans.chain(analysis.unexplained.iter().map(|u| (u.old, u.new))) {
        if renamed.iter().all(|r| (r.0, r.1) != (a, b))
            && let Some(r) = renamed_links((a, b), (old, new), (&links.0, &links.1), &actors)
        {
            renamed.push((a, b, r));
        }
    }
    let is_renamed = |a: Span, b: Span| renamed.iter().any(|r| (r.0, r.1) == (a, b));
    for c in analysis.changes.iter().filter(|c| !is_renamed(c.old, c.new)) {
        let old_sentence = c.old.map(|(a, b)| &old[a..b]);
        let new_sentence = c.new.map(|(a, b)| &new[a..b]);
        let mut f = Finding::new(c.rule, in_clause(&c.message, &label))
            .field("text")
            .values(old_sentence.map(Value::text), new_sentence.map(Value::text))
            .lines((line_of(true, c.old).or(old_line), line_of(false, c.new).or(new_line)))
            .favouring((c.favours.clone(), c.disfavours.clone()))
            .evidence(Evidence {
                old: old_sentence.map(str::to_string),
                new: new_sentence.map(str::to_string),
                triggers: c.triggers.iter().filter(|t| !t.is_empty()).cloned().collect(),
            });
        if let (Some(a), Some(b)) = (old_sentence, new_sentence) {
            f = f.words(words::word_diff(a, b));
        }
        if c.mixed.len() >= 2 {
            f.message.push_str(" This cuts both ways: it applies to each party alike.");
            f = f.cuts_both_ways(c.mixed.clone());
        }
        if let Some(m) = c.materiality {
            f = f.materiality_of(m);
        }
        if f.materiality() == Materiality::Substantive
            && [old_sentence, new_sentence].into_iter().flatten().any(commercial)
        {
            f = f.materiality_of(Materiality::Commercial);
        }
        cx.push_clause(ch.at, f);
    }
    let left: Vec<&prose::Unexplained> =
        analysis.unexplained.iter().filter(|u| !only_typed_numbers(u, &typed) && !is_renamed(u.old, u.new)).collect();
    for (a_span, b_span, names) in &renamed {
        let shown: Vec<String> =
            names.iter().map(|r| format!("\"{}\" is now called \"{}\" ({})", r.was, r.now, r.address)).collect();
        let message = format!(
            "A linked document in {} was renamed: {}. The link still points to the same address, so the wording refers to the same page as before; what that page says is not part of this comparison.",
            q(&label),
            shown.join("; ")
        );
        let (a, b) = (a_span.map(|(x, y)| &old[x..y]), b_span.map(|(x, y)| &new[x..y]));
        let mut f = Finding::new(Rule::ReferenceRenamed, message)
            .field("text")
            .values(a.map(Value::text), b.map(Value::text))
            .lines((line_of(true, *a_span).or(old_line), line_of(false, *b_span).or(new_line)))
            .evidence(Evidence {
                old: a.map(str::to_string),
                new: b.map(str::to_string),
                triggers: names.iter().flat_map(|r| [r.was.clone(), r.now.clone()]).collect(),
            });
        if let (Some(a), Some(b)) = (a, b) {
            f = f.words(words::word_diff(a, b));
        }
        cx.push_clause(ch.at, f);
    }
    if !left.is_empty() {
        unexplained(cx, ch, (old, new), &left, (line_of(true, left[0].old), line_of(false, left[0].new)), &actors);
    } else if analysis.changes.is_empty() && renamed.is_empty() {
        equivalent(cx, ch, (old, new), &analysis);
    }
    // "thirty (60) days": words and digits that disagree are reported apart.
    let label = ch.at.label();
    cx.numbers_disagree(ch.spot(&label), old, new);
    cx.hidden(ch.spot(&label), old, new);
}

/// "Exception removed: …" → "Exception removed in "Label": …".
fn in_clause(message: &str, label: &str) -> String {
    match message.split_once(": ") {
        Some((head, rest)) => format!("{head} in \"{label}\": {rest}"),
        None => format!("{message} (in \"{label}\")"),
    }
}

/// A wording change no rule explains: substantive, for a reader to review.
fn unexplained(
    cx: &mut Cx,
    ch: &Change,
    (old, new): (&str, &str),
    left: &[&prose::Unexplained],
    (lo, ln): (Option<u32>, Option<u32>),
    actors: &Actors,
) {
    let quote = |ws: &[String]| -> String {
        let shown: Vec<&str> = ws.iter().take(8).map(|w| w.as_str()).collect();
        let more = if ws.len() > 8 { " …" } else { "" };
        format!("\"{}{more}\"", shown.join(" "))
    };
    let parts: Vec<String> = left
        .iter()
        .take(3)
        .map(|u| match (&u.old, &u.new, u.words.0.is_empty(), u.words.1.is_empty()) {
            (None, Some(_), ..) => "a sentence was added".to_string(),
            (Some(_), None, ..) => "a sentence was removed".to_string(),
            (_, _, true, false) => format!("{} added", quote(&u.words.1)),
            (_, _, false, true) => format!("{} removed", quote(&u.words.0)),
            _ => format!("{} became {}", quote(&u.words.0), quote(&u.words.1)),
        })
        .collect();
    let more = if left.len() > 3 { format!("; and {} more", left.len() - 3) } else { String::new() };
    let message = format!(
        "The wording of {} changed in a way no rule explains ({}{more}): review it.",
        q(&ch.at.label()),
        parts.join("; ")
    );
    let triggers: Vec<String> =
        left.iter().flat_map(|u| u.words.0.iter().chain(&u.words.1)).take(16).cloned().collect();
    // The sentence as evidence; a text too long to read by sentence is in the values already.
    let sentence =
        |t: &str, s: Option<(usize, usize)>| s.filter(|(a, b)| b - a <= EVIDENCE_MAX).map(|(a, b)| t[a..b].to_string());
    let mut f = Finding::new(Rule::TextChanged, message)
        .field("text")
        .values(Some(Value::text(old)), Some(Value::text(new)))
        .lines((lo.or(ch.lines().0), ln.or(ch.lines().1)))
        .evidence(Evidence {
            old: sentence(old, Some((0, old.len()))),
            new: sentence(new, Some((0, new.len()))),
            triggers,
        });
    // A sentence now pointing to another document (a policy or notice added,
    // dropped or replaced) takes in what that document says, which the
    // wording does not show: it cuts both ways. A document renamed under the
    // same link is the same document: that rename is left for review as it is.
    let documents = |t: &str, s: Option<(usize, usize)>| {
        let mut n = s.map(|(a, b)| prose::documents::names(&t[a..b])).unwrap_or_default();
        n.sort();
        n
    };
    let links = (links_of(ch.at.old), links_of(ch.at.new));
    let swapped: Vec<(Vec<String>, Vec<String>)> =
        left.iter().map(|u| (documents(old, u.old), documents(new, u.new))).collect();
    // A sentence that came or went binding no one and pointing nowhere ("You can
    // also learn more about our practices") neither shows nor hides a change of
    // document.
    let idle = |u: &prose::Unexplained| {
        let lone = match (u.old, u.new) {
            (Some((x, y)), None) => Some(&old[x..y]),
            (None, Some((x, y))) => Some(&new[x..y]),
            _ => None,
        };
        lone.is_some_and(|t| prose::frame::frames(&prose::tokens::words(t), actors).is_empty())
    };
    let renamed = left
        .iter()
        .zip(&swapped)
        .any(|(u, (a, b))| u.old.is_some() && u.new.is_some() && prose::documents::renamed(a, b, (&links.0, &links.1)));
    let changed_documents = swapped.iter().any(|(a, b)| a != b)
        && left.iter().zip(&swapped).all(|(u, (a, b))| a != b || a.is_empty() && b.is_empty() && idle(u));
    if !renamed && changed_documents {
        let all = |old_side: bool| -> Vec<String> {
            let mut v: Vec<String> = swapped.iter().flat_map(|(a, b)| if old_side { a } else { b }).cloned().collect();
            v.sort();
            v.dedup();
            v
        };
        let (was, now) = (all(true), all(false));
        let show = |v: &[String]| {
            if v.is_empty() { "none".to_string() } else { v.iter().map(|n| q(n)).collect::<Vec<_>>().join(", ") }
        };
        let parties = actors.keys();
        if parties.len() >= 2 {
            f.message.push_str(&format!(
                " The documents it refers to changed (was {}, now {}): whom that favours depends on what they say, so it cuts both ways.",
                show(&was),
                show(&now)
            ));
            f = f.cuts_both_ways(parties);
        }
    } else if left.iter().all(|u| boilerplate(&u.words.0) || boilerplate(&u.words.1)) {
        // An entire-agreement, severability, waiver or counterparts term binds
        // and protects each party alike.
        let parties = actors.keys();
        if parties.len() >= 2 {
            f.message.push_str(" It is a general term that applies to each party alike, so it cuts both ways.");
            f = f.cuts_both_ways(parties);
        }
    }
    // An unexplained rewording of a sentence about money, a licence or exclusivity is put to review as commercial.
    let sentences = left.iter().flat_map(|u| [sentence(old, u.old), sentence(new, u.new)]).flatten();
    if sentences.take(16).any(|t| commercial(&t)) {
        f = f.materiality_of(Materiality::Commercial);
    }
    f = f.words(words::word_diff(old, new));
    if f.words.is_none() {
        f.message.push_str(" (Too long to compare word by word: the old and new text are given in full.)");
    }
    cx.push_clause(ch.at, f);
}

/// Wording that changed only in form.
fn equivalent(cx: &mut Cx, ch: &Change, (old, new): (&str, &str), analysis: &Analysis) {
    let how = if analysis.mirrored > 0 {
        "only in form: a term said once for each party by name is now said once for \"each party\" (or the reverse), in the same words, so it binds each party as before"
    } else if analysis.moved > 0 {
        "sentences moved within it; the words are the same"
    } else {
        "only in punctuation, capitalisation, spelling, the way numbers are written or a typo"
    };
    let message = format!("The wording of {} changed {how}.", q(&ch.at.label()));
    let f = Finding::new(Rule::TextEquivalent, message)
        .field("text")
        .values(Some(Value::text(old)), Some(Value::text(new)))
        .lines(ch.lines())
        .words(words::word_diff(old, new));
    cx.push_clause(ch.at, f);
}

/// The parties bound (or freed) by the sentences of `agreement` that use a
/// defined term: every party, when sentences using it bind more than one
/// (a change of the definition then cuts both ways); otherwise none.
pub(super) fn bound_by_term(old: &Agreement, new: &Agreement, term: &str) -> Vec<String> {
    let actors = actors(old, new);
    let mut seen: Vec<String> = Vec::new();
    for text in new.clauses.iter().filter_map(|c| c.text_of("text")).filter(|t| t.contains(term)) {
        for g in prose::segment::sentences(text) {
            let sentence = &text[g.start..g.end];
            if !sentence.contains(term) {
                continue;
            }
            // Only duties and restrictions bind; a permission ("Acme may increase the Fees") does not.
            for f in prose::frame::frames(&prose::tokens::words(sentence), &actors)
                .into_iter()
                .filter(|f| f.modality.burden())
            {
                match f.actor {
                    prose::Actor::Party(k) if !seen.contains(&k) => seen.push(k),
                    prose::Actor::Mutual => return actors.keys(),
                    _ => {}
                }
            }
            if seen.len() >= 2 {
                return actors.keys();
            }
        }
    }
    Vec::new()
}

/// Whether changed words are those of a general term that applies to each
/// party alike: entire agreement, severability, waiver, counterparts.
fn boilerplate(words: &[String]) -> bool {
    let w: Vec<String> = words.iter().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).collect();
    let has = |a: &str, b: &str| w.windows(2).any(|p| p[0] == a && p[1] == b);
    has("entire", "agreement")
        || has("entire", "understanding")
        || w.iter().any(|x| matches!(x.as_str(), "supersedes" | "severability" | "counterparts"))
}

/// "text <address>" when a clause's wording is nothing but one link (a list
/// entry pointing to another document).
pub(super) fn lone_link(c: &crate::model::Clause, text: &str) -> Option<String> {
    let links = links_of(Some(c));
    let [(label, url)] = links.as_slice() else { return None };
    let bare = text.trim().trim_end_matches(['.', ';', ',']).trim();
    (!label.is_empty() && bare == label.trim()).then(|| format!("{label} <{url}>"))
}

/// A sentence's byte range in its text.
type Span = Option<(usize, usize)>;

/// A linked document's name that changed under the same address.
struct Rename {
    was: String,
    now: String,
    address: String,
}

/// The link names a changed pair of sentences swapped when that is all that
/// changed: with each link's visible name replaced by its address, the two
/// sentences read word for word the same, and each name that changed is a
/// document's name (capitalised words, "of", "and", "the", ending in a
/// document's noun such as "Policy" or "Terms"; no duty, right or negation in
/// it) naming the same parties. `None` otherwise.
fn renamed_links(
    (a, b): (Span, Span),
    (old, new): (&str, &str),
    (old_links, new_links): (prose::documents::Links, prose::documents::Links),
    actors: &Actors,
) -> Option<Vec<Rename>> {
    let (a, b) = (&old[a?.0..a?.1], &new[b?.0..b?.1]);
    let address = prose::documents::address_key;
    let flatten = |sentence: &str, links: &[(String, String)]| -> String {
        let mut by_length: Vec<&(String, String)> = links.iter().filter(|(t, _)| !t.trim().is_empty()).collect();
        by_length.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        let mut s = sentence.to_string();
        for (text, url) in by_length {
            s = s.replace(text.as_str(), &format!(" \u{1}{}\u{1} ", address(url)));
        }
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    if flatten(a, old_links) != flatten(b, new_links) {
        return None;
    }
    let title = |name: &str| {
        let words: Vec<&str> = name.split_whitespace().collect();
        !words.is_empty()
            && words.len() <= 8
            && words.iter().all(|w| {
                let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
                matches!(bare, "of" | "and" | "the" | "for" | "on" | "to" | "&" | "")
                    || bare.starts_with(char::is_uppercase)
                        && !matches!(
                            bare.to_lowercase().as_str(),
                            "not" | "no" | "never" | "shall" | "must" | "may" | "will" | "can" | "cannot" | "agree"
                        )
            })
    };
    let mut out = Vec::new();
    for (was, url) in old_links.iter().filter(|(t, _)| !t.is_empty() && a.contains(t.as_str())) {
        let Some((now, _)) = new_links
            .iter()
            .find(|(t, u)| address(u) == address(url) && t != was && !t.is_empty() && b.contains(t.as_str()))
        else {
            continue;
        };
        // Both names must name a document ("… Policy", "Terms of …"), and the
        // same parties: "[Laws of England]" → "[Laws of Delaware]" or "[Acme
        // Terms]" → "[Beta Terms]" under one link is a change of what is said.
        let parties = |name: &str| {
            let w = prose::tokens::words(name);
            let mut found: Vec<String> =
                (0..w.len()).filter_map(|k| actors.at(&w, k)).map(|(a, _)| format!("{a:?}")).collect();
            found.sort();
            found
        };
        let document = |name: &str| !prose::documents::names(name).is_empty();
        if !title(was) || !title(now) || !document(was) || !document(now) || parties(was) != parties(now) {
            return None;
        }
        out.push(Rename { was: was.clone(), now: now.clone(), address: url.clone() });
    }
    (!out.is_empty()).then_some(out)
}

/// A clause's links as (text, address) pairs.
fn links_of(c: Option<&crate::model::Clause>) -> Vec<(String, String)> {
    let Some(Value::List(list)) = c.and_then(|c| c.value("links")) else { return Vec::new() };
    list.iter()
        .filter_map(|l| {
            let (text, url) = l.rsplit_once(" <")?;
            Some((text.to_string(), url.trim_end_matches('>').to_string()))
        })
        .collect()
}

fn q(s: &str) -> String {
    format!("\"{s}\"")
}

/// The numbers the clause's typed fields state (both versions), as digits.
fn typed_numbers(ch: &Change) -> Vec<String> {
    let mut out = Vec::new();
    for c in [ch.at.old, ch.at.new].into_iter().flatten() {
        for f in c.fields.iter().filter(|f| f.name != "text") {
            let s = f.value.to_string();
            out.extend(s.split(|c: char| !c.is_ascii_digit()).filter(|d| !d.is_empty()).map(str::to_string));
        }
    }
    out
}

/// Whether all a pair's unexplained words are numbers a typed field of the
/// clause already states (its typed finding reports them).
fn only_typed_numbers(u: &prose::Unexplained, typed: &[String]) -> bool {
    if typed.is_empty() || u.old.is_none() || u.new.is_none() {
        return false;
    }
    let words: Vec<&String> = u.words.0.iter().chain(&u.words.1).collect();
    !words.is_empty()
        && words.iter().all(|w| {
            let mut digits = w.split(|c: char| !c.is_ascii_digit()).filter(|d| !d.is_empty()).peekable();
            digits.peek().is_some() && digits.all(|d| typed.iter().any(|t| t == d))
        })
}

/// Where the new version of a clause makes its wording and its typed fields
/// disagree and the old version (`at.old`; none for an added clause) did not
/// ([`prose::fields`]): one `text-contradicts-fields` finding each, favouring
/// nobody, with the sentence and the field as evidence. A clause whose
/// closing words were split off into another (`joined`) is not read for
/// dropped carve-outs: its words went to that clause, not away.
pub(super) fn against_fields(cx: &mut Cx, at: super::At, joined: bool) {
    let Some(new) = at.new else { return };
    let Some(new_text) = new.text_of("text") else { return };
    let mut found = prose::fields::disagreements(new);
    if let Some(old) = at.old {
        let before: Vec<(prose::fields::Topic, &str)> =
            prose::fields::disagreements(old).into_iter().map(|d| (d.topic, d.field)).collect();
        found.retain(|d| !before.contains(&(d.topic, d.field)));
        if !joined {
            // Party names never tell a carve-out apart.
            let mut names: Vec<String> = Vec::new();
            for p in cx.new.parties.iter().chain(&cx.old.parties) {
                names.push(p.key.clone());
                names.push(p.name.clone());
                names.extend(p.short.clone());
                names.extend(p.aliases.iter().cloned());
            }
            found.extend(prose::fields::dropped_exceptions(old, new, &names));
        }
    }
    if found.is_empty() {
        return;
    }
    // One finding for the clause's change, however many disagreements it brings in.
    let old_text = at.old.and_then(|c| c.text_of("text"));
    let line_in = |clause: &crate::model::Clause, text: &str, start: usize| -> Option<u32> {
        let base = clause.field("text")?.pos.line;
        Some(base + text[..start].bytes().filter(|&b| b == b'\n').count() as u32)
    };
    let first = &found[0];
    let old_line = match (at.old, old_text) {
        (Some(c), Some(t)) => line_in(c, t, first.old_sentence.map_or(0, |s| s.0)),
        _ => None,
    };
    let new_line = line_in(new, new_text, first.sentence.0);
    let one_sentence = found.iter().all(|d| d.sentence == first.sentence);
    let sentence = new_text[first.sentence.0..first.sentence.1].trim().to_string();
    let old_sentences: Vec<String> = match old_text {
        Some(t) => found.iter().filter_map(|d| d.old_sentence).map(|(a, b)| t[a..b].trim().to_string()).collect(),
        None => Vec::new(),
    };
    let message = found.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join(" ");
    let triggers = found.iter().flat_map(|d| [d.says.clone(), format!("{}: {}", d.field, d.typed)]).collect();
    let mut f = Finding::new(Rule::TextContradictsFields, message).field("text").lines((old_line, new_line)).evidence(
        Evidence {
            old: (!old_sentences.is_empty()).then(|| old_sentences.join(" ")),
            new: Some(if one_sentence { sentence.clone() } else { new_text.to_string() }),
            triggers,
        },
    );
    // The redline where the wording changed; the sentence where only a field did.
    f = match old_text.filter(|t| *t != new_text) {
        Some(t) => f.values(Some(Value::text(t)), Some(Value::text(new_text))).words(words::word_diff(t, new_text)),
        None if one_sentence => f.values(None, Some(Value::text(sentence))),
        None => f.values(None, Some(Value::text(new_text))),
    };
    cx.push_clause(at, f);
}
