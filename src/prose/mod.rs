//! The prose stage: reading the words of a clause the way a lawyer does.
//!
//! Deterministic and explainable, with no model and no network:
//!
//! 1. [`segment`] splits a text into sentences (legal abbreviations and
//!    enumerations "(a) …; (b) …" understood);
//! 2. [`tokens`] reads each sentence as canonical words, quantities as values
//!    ("thirty (30) days" = "30 days"; "US $5,000" = "five thousand dollars");
//! 3. [`frame`] finds who must, may or must not do what (deontic frames);
//! 4. sentences are aligned between versions: equal sentences match wherever
//!    they moved, the rest pair by word overlap;
//! 5. [`compare`] explains the changed words of each pair: modality,
//!    payment direction, exclusivity, efforts, discretion, qualifiers,
//!    carve-outs and conditions, "and" ↔ "or", list items, amounts, caps,
//!    rates, deadlines, notice periods and end dates, each with the party it
//!    favours where the words say.
//!
//! What no detector explains is returned as unexplained, so that the caller
//! reports it for review rather than as harmless.

mod compare;
pub mod documents;
pub mod fields;
pub mod frame;
pub mod segment;
pub mod tokens;

use std::collections::HashMap;
use std::rc::Rc;

use frame::Frame;
pub use frame::{Actor, Actors};
use tokens::Word;

use crate::rules::{Materiality, Rule};

/// One change of meaning found in the prose.
#[derive(Clone, Debug)]
pub struct Change {
    /// The rule that names the change.
    pub rule: Rule,
    /// A materiality other than the rule's, where the change knows better.
    pub materiality: Option<Materiality>,
    /// One sentence saying what changed.
    pub message: String,
    /// Party keys the change favours.
    pub favours: Vec<String>,
    /// Party keys the change disfavours.
    pub disfavours: Vec<String>,
    /// Whether it is a permission ("may", "can") that came or went: whole
    /// informational clauses use those loosely ("you can learn more at …").
    pub permission: bool,
    /// Party keys the change cuts both ways for ("either party may …": it
    /// binds and benefits each alike); when set, it favours no one.
    pub mixed: Vec<String>,
    /// Byte ranges of the old and new sentence.
    pub old: Option<(usize, usize)>,
    /// Byte range of the new sentence.
    pub new: Option<(usize, usize)>,
    /// The words that triggered it.
    pub triggers: Vec<String>,
}

impl Change {
    /// A change of `rule` whose sides follow from `direction`; its sentences
    /// are set by the caller.
    fn of(
        rule: Rule,
        message: String,
        direction: &compare::Direction,
        actors: &Actors,
        triggers: Vec<String>,
    ) -> Change {
        let (favours, disfavours) = direction.parties(actors);
        Change {
            rule,
            materiality: None,
            message,
            favours,
            disfavours,
            permission: false,
            mixed: direction.mixed(actors),
            old: None,
            new: None,
            triggers,
        }
    }
}

/// A sentence pair (or a lone sentence) whose change nothing explained.
#[derive(Clone, Debug, PartialEq)]
pub struct Unexplained {
    /// Byte range of the old sentence, if there is one.
    pub old: Option<(usize, usize)>,
    /// Byte range of the new sentence, if there is one.
    pub new: Option<(usize, usize)>,
    /// The changed words left over, old then new.
    pub words: (Vec<String>, Vec<String>),
}

/// What the prose stage found between two texts.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Changes of meaning, each with its rule and direction.
    pub changes: Vec<Change>,
    /// Sentence pairs (or lone sentences) with words nothing explained.
    pub unexplained: Vec<Unexplained>,
    /// Sentences that moved within the text, unchanged.
    pub moved: usize,
    /// Sentence pairs where a term said once for each party ("Acme shall …,
    /// and Beta shall …") is now said once for both ("Each party shall …"),
    /// or the reverse, in the same words.
    pub mirrored: usize,
}

/// A sentence read for comparison.
pub(crate) struct Sentence {
    pub span: (usize, usize),
    pub words: Vec<Word>,
    pub frames: Vec<Frame>,
    key: String,
    full: Rc<str>,
}

impl Sentence {
    /// The source text of words `from..to`.
    pub fn text_of(&self, from: usize, to: usize) -> String {
        let to = to.min(self.words.len());
        if from >= to {
            return String::new();
        }
        self.full[self.words[from].start..self.words[to - 1].end].to_string()
    }

    /// The words at these indices as written.
    fn source_words(&self, at: &[usize]) -> Vec<String> {
        at.iter().map(|&k| self.text_of(k, k + 1)).collect()
    }

    /// Where the clause of the sentence that word `k` starts ends: the next
    /// comma or semicolon, at most 14 words on.
    pub fn clause_end(&self, k: usize) -> usize {
        let limit = (k + 14).min(self.words.len());
        (k + 1..limit).find(|&i| self.words[i].after_break).unwrap_or(limit)
    }

    /// Where what a warranty frame warrants ends ("warrants that …"): at the
    /// first later frame of another party, else the end of the sentence, at
    /// most 30 words on. `None` for any other frame.
    pub fn warranted(&self, f: &Frame) -> Option<usize> {
        if f.verb != "warrant" || self.words.get(f.action).is_none_or(|w| w.norm != "that") {
            return None;
        }
        let other = self
            .frames
            .iter()
            .filter(|g| g.modal.0 > f.action && g.actor != Actor::Unknown && g.actor != f.actor)
            .map(|g| g.subject.map_or(g.modal.0, |(from, _)| from.min(g.modal.0)))
            .next();
        Some(other.unwrap_or(self.words.len()).min(f.action + 30))
    }

    /// Whether frame `g` stands inside what another frame of the sentence warrants.
    pub fn inside_warranty(&self, g: &Frame) -> bool {
        self.frames.iter().any(|f| {
            !std::ptr::eq(f, g) && f.modal.0 < g.modal.0 && self.warranted(f).is_some_and(|end| g.modal.0 < end)
        })
    }

    /// The adverbs between a frame's modal and its action that qualify how
    /// it acts ("shall not *unreasonably* withhold", "shall *promptly*
    /// notify"), as written; empty when there are none.
    pub fn manner(&self, f: &Frame) -> String {
        (f.modal.1..f.action.min(self.words.len()))
            .filter(|&k| {
                matches!(
                    self.words[k].norm.as_str(),
                    "unreasonably"
                        | "reasonably"
                        | "promptly"
                        | "immediately"
                        | "only"
                        | "solely"
                        | "timely"
                        | "directly"
                        | "jointly"
                        | "severally"
                )
            })
            .map(|k| self.text_of(k, k + 1))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The action of a frame, as written: up to the end of its clause, the
    /// next modal verb, or "and" before another party.
    pub fn action_text(&self, f: &Frame) -> String {
        // What a party warrants ("that the Software will perform … and will
        // comply …") runs on past the frames inside it, to a frame of another
        // party or the end of the sentence (at most 30 words).
        if let Some(limit) = self.warranted(f) {
            let t = self.text_of(f.action, limit);
            return t.trim_end_matches(['.', ';', ',', ':']).to_string();
        }
        let len = self.words.len();
        let mut end = self.clause_end(f.action);
        // "a nonexclusive, royalty-free, worldwide license to use …": a comma
        // between single modifiers after an article does not end the clause.
        while end < len
            && end >= f.action + 2
            && self.words[end].after_break
            && (matches!(self.words[end - 2].norm.as_str(), "a" | "an" | "the") || self.words[end - 1].after_break)
            && !matches!(
                self.words[end].norm.as_str(),
                "and"
                    | "or"
                    | "but"
                    | "unless"
                    | "except"
                    | "provided"
                    | "if"
                    | "which"
                    | "that"
                    | "including"
                    | "as"
                    | "subject"
                    | "where"
                    | "when"
            )
        {
            end = self.clause_end(end).min(f.action + 24);
        }
        // "cannot guarantee that they will honor requests": a frame of no
        // known party inside what this one says ("that they will …") is part
        // of its action, not the start of another.
        let next = self.frames.iter().find(|g| {
            g.modal.0 > f.action
                && !(g.actor == Actor::Unknown && {
                    let from = g.subject.map_or(g.modal.0.saturating_sub(1), |(from, _)| from);
                    from > f.action && self.words[from - 1].norm == "that"
                })
        });
        if let Some(next) = next {
            end = end.min(next.modal.0);
        }
        // Stop before the subject of the next frame ("… and Mozilla will …").
        if let Some(next) = next
            && let Some((from, _)) = next.subject
            && from > f.action
        {
            end = end.min(from);
        }
        // Whether the action stops mid-phrase, not at a clause's end or another frame.
        let cut = end < len
            && !self.words[end].after_break
            && !self.frames.iter().any(|g| g.modal.0 == end || g.subject.is_some_and(|(at, _)| at == end));
        while end > f.action + 1 && matches!(self.words[end - 1].norm.as_str(), "and" | "or" | "then") {
            end -= 1;
        }
        // "must be at least 13": a copula (and "at") the frame passed over is
        // part of what the party must be.
        let gap = f.modal.1..f.action.min(self.words.len());
        // "must be in the United States", "must be over 13": so are the
        // prepositions after the copula.
        let from = if !gap.is_empty()
            && self.words[gap.start].norm == "be"
            && self.words[gap.clone()].iter().all(|w| {
                matches!(w.norm.as_str(), "be" | "at" | "in" | "over" | "under" | "within" | "outside" | "of" | "from")
            }) {
            gap.start
        } else {
            f.action
        };
        // Cut short mid-phrase (at the word limit: "… or have your parent"):
        // a dangling article, pronoun or preposition is dropped and the cut
        // is marked, so the action is not passed off as the whole.
        if cut {
            while end > f.action + 1
                && matches!(
                    self.words[end - 1].norm.as_str(),
                    "the"
                        | "a"
                        | "an"
                        | "your"
                        | "our"
                        | "their"
                        | "its"
                        | "this"
                        | "these"
                        | "those"
                        | "that"
                        | "of"
                        | "to"
                        | "with"
                        | "for"
                        | "by"
                        | "in"
                        | "on"
                        | "at"
                        | "from"
                        | "and"
                        | "or"
                )
            {
                end -= 1;
            }
        }
        let t = self.text_of(from, end);
        let t = t.trim_end_matches(['.', ';', ',', ':']);
        let t = if cut { format!("{t} …") } else { t.to_string() };
        let t = t.as_str();
        // "is liable for losses", "is not responsible for lost data": the
        // modal phrase holds the adjective (and its "for"), which the action
        // must carry for "Acme is no longer liable for losses".
        if let Some(k) = (f.modal.0..f.modal.1.min(self.words.len()))
            .find(|&k| matches!(self.words[k].norm.as_str(), "liable" | "responsible"))
        {
            let held = self.text_of(k, f.modal.1);
            return format!("be {held} {t}").trim_end().to_string();
        }
        // "In no event shall Acme be liable": the action is "liable …", said "be liable …".
        if matches!(f.verb.as_str(), "liable" | "responsible")
            && t.split_whitespace().next().is_some_and(|x| x.eq_ignore_ascii_case(&f.verb))
        {
            return format!("be {t}");
        }
        t.to_string()
    }
}

/// Sentences longer than this many words are compared as wholes.
const MAX_WORDS: usize = 2_000;
/// Unmatched sentences paired by overlap, at most this many on each side.
const MAX_FUZZY: usize = 120;

/// A text's sentences and their words (frames are read later, only for the sentences that changed).
fn read(text: &str) -> Vec<Sentence> {
    let full: Rc<str> = Rc::from(text);
    segment::sentences(text)
        .into_iter()
        .map(|g| {
            let mut words = Vec::new();
            if let Some((a, b)) = g.lead {
                words.extend(tokens::words(&text[a..b]).into_iter().map(|w| shift(w, a)));
            }
            let lead = words.len();
            words.extend(tokens::words(&text[g.start..g.end]).into_iter().map(|w| shift(w, g.start)));
            // The lead-in gives the actor and modal; only the item's own words are compared.
            let key = words[lead..].iter().map(|w| w.norm.as_str()).collect::<Vec<_>>().join(" ");
            Sentence { span: (g.start, g.end), words, frames: Vec::new(), key, full: full.clone() }
        })
        .collect()
}

fn shift(mut w: Word, by: usize) -> Word {
    w.start += by;
    w.end += by;
    w
}

/// Texts longer than this (together) are not read sentence by sentence:
/// the whole change is left unexplained, for a reader.
pub const MAX_BYTES: usize = 512 * 1024;

/// Compare two texts sentence by sentence.
pub fn analyse(old: &str, new: &str, actors: &Actors) -> Analysis {
    if old.len() + new.len() > MAX_BYTES {
        let whole = |t: &str| (!t.trim().is_empty()).then_some((0, t.len()));
        let words = (vec![format!("{} bytes", old.len())], vec![format!("{} bytes", new.len())]);
        return Analysis {
            unexplained: vec![Unexplained { old: whole(old), new: whole(new), words }],
            ..Analysis::default()
        };
    }
    let (mut a, mut b) = (read(old), read(new));
    let mut out = Analysis::default();
    let mut new_used = vec![false; b.len()];
    let mut old_used = vec![false; a.len()];
    // Equal sentences match wherever they stand.
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, s) in b.iter().enumerate().rev() {
        by_key.entry(s.key.as_str()).or_default().push(j);
    }
    let mut last = 0;
    for (i, s) in a.iter().enumerate() {
        if let Some(j) = by_key.get_mut(s.key.as_str()).and_then(Vec::pop) {
            old_used[i] = true;
            new_used[j] = true;
            if j < last {
                out.moved += 1;
            }
            last = last.max(j);
        }
    }
    // Only sentences that changed are read for their frames (most of a changed clause is unchanged).
    for (s, used) in a.iter_mut().zip(&old_used).chain(b.iter_mut().zip(&new_used)) {
        if !used && s.words.len() <= MAX_WORDS {
            s.frames = frame::frames(&s.words, actors);
        }
    }
    // The rest pair by word overlap, in order.
    let left_old: Vec<usize> = (0..a.len()).filter(|&i| !old_used[i]).take(MAX_FUZZY).collect();
    let left_new: Vec<usize> = (0..b.len()).filter(|&j| !new_used[j]).take(MAX_FUZZY).collect();
    let mut pairs = Vec::new();
    for &i in &left_old {
        let best = left_new
            .iter()
            .filter(|&&j| !new_used[j])
            .map(|&j| (j, overlap(&a[i], &b[j])))
            .filter(|&(_, d)| d >= 0.5)
            .max_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((j, _)) = best {
            old_used[i] = true;
            new_used[j] = true;
            pairs.push((i, j));
        }
    }
    // A rewritten sentence: one left on each side between the same neighbours.
    let rest_old: Vec<usize> = (0..a.len()).filter(|&i| !old_used[i]).collect();
    let rest_new: Vec<usize> = (0..b.len()).filter(|&j| !new_used[j]).collect();
    if rest_old.len() == rest_new.len() && rest_old.len() <= MAX_FUZZY {
        for (&i, &j) in rest_old.iter().zip(&rest_new) {
            if overlap(&a[i], &b[j]) >= 0.2 {
                old_used[i] = true;
                new_used[j] = true;
                pairs.push((i, j));
            }
        }
    }
    for (i, j) in pairs {
        let mut p = compare::Pair::new(&a[i], &b[j], actors);
        p.run();
        out.mirrored += usize::from(p.mirrored);
        let (lo, ln) = p.unexplained();
        if !lo.is_empty() || !ln.is_empty() {
            out.unexplained.push(Unexplained {
                old: Some(a[i].span),
                new: Some(b[j].span),
                words: (a[i].source_words(&lo), b[j].source_words(&ln)),
            });
        }
        out.changes.append(&mut p.out);
    }
    for (i, s) in a.iter().enumerate().filter(|(i, _)| !old_used[*i]) {
        lone(&mut out, s, &a[..i], actors, false);
    }
    for (j, s) in b.iter().enumerate().filter(|(j, _)| !new_used[*j]) {
        lone(&mut out, s, &b[..j], actors, true);
    }
    out
}

/// "You give Mozilla the rights necessary to operate Firefox. This includes
/// … It also includes a nonexclusive, royalty-free, worldwide license …": a
/// sentence with no frame of its own that opens with "it" or "this" continues
/// the sentence before it (through a chain of such sentences, up to three),
/// and a licence it mentions belongs to the grant that chain starts with.
fn continued_grant(s: &Sentence, prior: &[Sentence], actors: &Actors) -> Option<frame::Frame> {
    let opens = |s: &Sentence| s.words.first().is_some_and(|w| matches!(w.norm.as_str(), "it" | "this"));
    let license = s.words.iter().position(|w| matches!(w.norm.as_str(), "license" | "licenses"))?;
    if !opens(s) || s.words.iter().any(|w| matches!(w.norm.as_str(), "not" | "no" | "never" | "excludes" | "except")) {
        return None;
    }
    for before in prior.iter().rev().take(3) {
        let frames =
            if before.frames.is_empty() { frame::frames(&before.words, actors) } else { before.frames.clone() };
        if let Some(grant) =
            frames.into_iter().find(|f| f.modality == frame::Modality::Grant && matches!(f.actor, Actor::Party(_)))
        {
            // What the grant includes is said from the words after "includes":
            // "a nonexclusive, royalty-free, worldwide license for …" (its article
            // and modifiers too), or, where the licence is the subject ("This
            // license includes the rights to copy …"), the rights it includes.
            let includes = s.words.iter().position(|w| matches!(w.norm.as_str(), "includes" | "include"));
            let action = includes.map_or(license, |k| if k < license { (k + 1).min(license) } else { k + 1 });
            let action = if action < s.words.len() { action } else { license };
            return Some(frame::Frame { modal: (0, 1), action, subject: None, ..grant });
        }
        if !opens(before) {
            return None;
        }
    }
    None
}

/// A sentence with no counterpart: added (`added`) or removed.
fn lone(out: &mut Analysis, s: &Sentence, prior: &[Sentence], actors: &Actors, added: bool) {
    let spans = |c: &mut Change| {
        if added {
            c.new = Some(s.span);
        } else {
            c.old = Some(s.span);
        }
    };
    let before = out.changes.len();
    if let Some(mut c) = cap_sentence(s, actors, added) {
        spans(&mut c);
        out.changes.push(c);
    } else if let Some(mut c) = ownership(s, actors, added) {
        spans(&mut c);
        out.changes.push(c);
    } else {
        let continued = if s.frames.is_empty() { continued_grant(s, prior, actors) } else { None };
        let frames = continued.as_slice().iter().chain(&s.frames);
        // What a party warrants is said with the warranty, not as duties of its own.
        for f in frames
            .filter(|f| f.actor != Actor::Unknown || f.modality == frame::Modality::Grant)
            .filter(|f| !s.inside_warranty(f))
        {
            let (rule, message, direction) = compare::describe_frame(actors, s, f, added);
            let mut c = Change::of(rule, message, &direction, actors, vec![s.text_of(f.modal.0, f.action + 1)]);
            c.permission = f.modality == frame::Modality::Permission;
            spans(&mut c);
            out.changes.push(c);
        }
    }
    if out.changes.len() == before {
        let words = s.source_words(&(0..s.words.len()).collect::<Vec<_>>());
        let (old, new) = if added { (None, Some(s.span)) } else { (Some(s.span), None) };
        let words = if added { (Vec::new(), words) } else { (words, Vec::new()) };
        out.unexplained.push(Unexplained { old, new, words });
    }
}

/// "You own any data that you submit", "Acme retains all title to the
/// Software": a statement of a party's ownership that came or went. Stated,
/// it favours the owner; dropped, it no longer protects it.
fn ownership(s: &Sentence, actors: &Actors, added: bool) -> Option<Change> {
    let w = &s.words;
    // "retains no rights", "owns …, but Acme may use …": not a plain statement of ownership.
    if !s.frames.is_empty()
        || w.iter().any(|x| matches!(x.norm.as_str(), "no" | "not" | "never" | "but" | "except" | "however"))
    {
        return None;
    }
    let (k, owner, len, _) = owner(w, actors)?;
    let d = if added { compare::Direction::For(owner.clone()) } else { compare::Direction::Against(owner.clone()) };
    let what = s.text_of(k + len, w.len());
    let name = match &owner {
        Actor::Party(key) => actors.display(key),
        _ => String::new(),
    };
    let (rule, message) = if added {
        (Rule::RightGranted, format!("Ownership stated: {name} {what}."))
    } else {
        (Rule::RightRevoked, format!("Ownership statement removed: it no longer says {name} {what}."))
    };
    Some(Change::of(rule, message, &d, actors, vec![s.text_of(k, (k + len + 2).min(w.len()))]))
}

/// "Acme owns the Deliverables", "Beta shall own all rights in …", "Acme
/// retains all title to …": the party a statement of ownership names, as
/// (where its name starts, the party, the words of its name, where the verb
/// "own" or "retain" is).
pub(super) fn owner(w: &[tokens::Word], actors: &Actors) -> Option<(usize, Actor, usize, usize)> {
    (0..w.len()).find_map(|k| {
        let (a, len) = actors.at(w, k)?;
        let subject = !matches!(w[k].norm.as_str(), "your" | "our" | "their" | "its" | "his" | "her")
            && !w[k + len - 1].norm.ends_with("'s")
            && (k == 0 || !matches!(w[k - 1].norm.as_str(), "to" | "of" | "for" | "with" | "by" | "from" | "at"));
        // "Beta shall own …", "Beta will own …": a state the agreement settles.
        let v = if w.get(k + len).is_some_and(|x| matches!(x.norm.as_str(), "shall" | "will")) {
            k + len + 1
        } else {
            k + len
        };
        let owns = match w.get(v).map(|x| x.norm.as_str()) {
            Some("own" | "owns") => !matches!(
                w.get(v + 1).map(|x| x.norm.as_str()),
                Some("risk" | "expense" | "cost" | "behalf" | "account")
            ),
            Some("retain" | "retains") => w[v + 1..(v + 4).min(w.len())]
                .iter()
                .any(|x| matches!(x.norm.as_str(), "ownership" | "title" | "rights" | "right")),
            _ => false,
        };
        (subject && owns && matches!(a, Actor::Party(_))).then_some((k, a, len, v))
    })
}

/// "Our liability shall not exceed $500": a cap that came or went.
fn cap_sentence(s: &Sentence, actors: &Actors, added: bool) -> Option<Change> {
    let money = s
        .words
        .iter()
        .position(|w| matches!(w.quantity, Some(tokens::Quantity { kind: tokens::Kind::Money(_), .. })))?;
    let capped =
        s.words.iter().any(|w| matches!(w.norm.as_str(), "exceed" | "exceeds" | "cap" | "maximum" | "limited"));
    let liability = s.words.iter().any(|w| matches!(w.norm.as_str(), "liability" | "liable" | "damages"));
    if !(capped && liability) {
        return None;
    }
    let liable = (0..money).find_map(|k| {
        let next = s.words.get(k + 1).map(|w| w.norm.as_str());
        matches!(next, Some("liability" | "aggregate" | "total" | "entire")).then(|| actors.at(&s.words, k)).flatten()
    });
    let amount = s.words[money].quantity.as_ref().map(tokens::Quantity::show).unwrap_or_default();
    let d = match liable {
        Some((a, _)) if added => compare::Direction::For(a),
        Some((a, _)) => compare::Direction::Against(a),
        None => compare::Direction::None,
    };
    let (rule, message) = if added {
        (Rule::CapAdded, format!("Cap added: liability limited to {amount}."))
    } else {
        (Rule::CapRemoved, format!("Cap removed: liability is no longer limited to {amount}."))
    };
    Some(Change::of(rule, message, &d, actors, vec![amount]))
}

/// Dice overlap of the two sentences' words (as multisets).
fn overlap(a: &Sentence, b: &Sentence) -> f64 {
    if a.words.is_empty() || b.words.is_empty() {
        return 0.0;
    }
    let mut counts: HashMap<&str, i32> = HashMap::new();
    for w in &a.words {
        *counts.entry(w.norm.as_str()).or_default() += 1;
    }
    let mut common = 0;
    for w in &b.words {
        if let Some(c) = counts.get_mut(w.norm.as_str())
            && *c > 0
        {
            *c -= 1;
            common += 1;
        }
    }
    2.0 * f64::from(common) / (a.words.len() + b.words.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actors() -> Actors {
        Actors::new([("acme", vec!["Acme"]), ("beta", vec!["Beta"])])
    }

    fn found(old: &str, new: &str) -> Analysis {
        analyse(old, new, &actors())
    }

    fn one(old: &str, new: &str) -> Change {
        let a = found(old, new);
        assert!(a.unexplained.is_empty(), "unexplained: {:?}", a.unexplained);
        assert_eq!(a.changes.len(), 1, "{:?}", a.changes);
        a.changes.into_iter().next().unwrap()
    }

    #[test]
    fn a_licence_in_a_sentence_that_continues_a_grant_is_that_grants() {
        let old = "Beta gives Acme the rights needed to run the service. This includes hosting files. \
                   It also includes a worldwide, royalty-free license to copy the files.";
        let new = "Beta gives Acme the rights needed to run the service. This includes hosting files.";
        let a = found(old, new);
        let c = a.changes.iter().find(|c| c.rule == Rule::LicenseRevoked).expect("licence removed");
        assert_eq!(c.favours, ["beta".to_string()], "{}", c.message);
        assert!(c.message.contains("license to copy the files"), "{}", c.message);
        // With no grant before it, "it" names no one: left for review.
        let a = found("Acme runs the service. It also includes a license to copy the files.", "Acme runs the service.");
        assert!(a.changes.is_empty() && a.unexplained.len() == 1, "{a:?}");
    }

    #[test]
    fn a_licence_a_continuing_sentence_includes_is_said_from_what_it_includes() {
        let old = "Beta gives Acme the rights needed to run the service. \
                   It also includes a worldwide, royalty-free license to copy the files.";
        let new = "Beta gives Acme the rights needed to run the service.";
        let c = found(old, new).changes.into_iter().find(|c| c.rule == Rule::LicenseRevoked).expect("licence removed");
        assert!(
            c.message.ends_with("Beta no longer grants a worldwide, royalty-free license to copy the files."),
            "{}",
            c.message
        );
        let old = "Beta grants Acme a license to host the files. This license includes the rights to copy and store the files.";
        let new = "Beta grants Acme a license to host the files.";
        let c = found(old, new).changes.into_iter().find(|c| c.rule == Rule::LicenseRevoked).expect("licence removed");
        assert!(c.message.ends_with("Beta no longer grants the rights to copy and store the files."), "{}", c.message);
    }

    #[test]
    fn a_word_replaced_in_a_condition_is_no_requirement_added_or_dropped() {
        for (old, new) in [
            (
                "If Beta subscribes with a Gold account, Beta may cancel it.",
                "If Beta subscribes with a Silver account, Beta may cancel it.",
            ),
            (
                "If Beta bought the plan from the Apple Store or Acme, Beta may cancel it.",
                "If Beta bought the plan from the Apple Store or the Google Store, Beta may cancel it.",
            ),
        ] {
            let a = found(old, new);
            assert!(
                a.changes.iter().all(|c| !matches!(c.rule, Rule::ConditionAdded | Rule::ConditionRemoved)),
                "{:?}",
                a.changes
            );
            assert_eq!(a.unexplained.len(), 1, "{a:?}");
        }
        // Words added to a condition still tighten it.
        let c = one("If Beta gives notice, Beta may cancel it.", "If Beta gives written notice, Beta may cancel it.");
        assert_eq!(c.rule, Rule::ConditionAdded, "{}", c.message);
    }

    #[test]
    fn a_duty_that_falls_later_favours_its_party() {
        let c = one("Beta shall pay the fee before delivery.", "Beta shall pay the fee after delivery.");
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::DeadlineExtended, ["beta".to_string()].as_slice()));
        let c = one("Beta shall pay the fee after delivery.", "Beta shall pay the fee before delivery.");
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::DeadlineShortened, ["acme".to_string()].as_slice()));
        // A right: later is not plainly better or worse.
        let c = one("Acme may inspect the goods before delivery.", "Acme may inspect the goods after delivery.");
        assert!(c.favours.is_empty(), "{c:?}");
    }

    #[test]
    fn a_postal_address_that_changes_is_administrative_and_nothing_else_is() {
        let c = one(
            "Beta shall send notices to Acme at 2 Harrison St. #175, San Francisco, CA 94105.",
            "Beta shall send notices to Acme at 149 New Montgomery Street, 4th Floor, San Francisco, CA 94105.",
        );
        assert_eq!((c.rule, c.favours.len(), c.disfavours.len()), (Rule::AddressChanged, 0, 0), "{c:?}");
        // Who gets the mail is no address: the party changes.
        let to_beta = found(
            "Notices go to Acme at 2 Harrison St, San Francisco.",
            "Notices go to Beta at 149 Montgomery St, San Francisco.",
        );
        assert!(to_beta.changes.iter().all(|c| c.rule != Rule::AddressChanged), "{to_beta:?}");
        // A duty beside the address is no address either.
        let duty = found(
            "Beta shall send notices to Acme at 2 Harrison St.",
            "Beta may send notices to Acme at 149 Montgomery St.",
        );
        assert!(duty.changes.iter().all(|c| c.rule != Rule::AddressChanged), "{duty:?}");
        // Capitalised words with no street, floor or suite are not an address.
        let place = found("Beta may sell the Products in New York.", "Beta may sell the Products in North America.");
        assert!(place.changes.iter().all(|c| c.rule != Rule::AddressChanged), "{place:?}");
        // Street words outside a sentence about where mail goes are no address:
        // an arbitral court, units supplied, a building where software may run.
        for (o, n) in [
            (
                "Disputes shall be settled under the Rules of the London Court of International Arbitration.",
                "Disputes shall be settled under the Rules of the Singapore Court of International Arbitration.",
            ),
            ("Beta shall supply Acme 100 Unit Licences.", "Beta shall supply Acme 900 Unit Licences."),
            ("Beta may install the Software only at Building 4.", "Beta may install the Software only at Building 9."),
            (
                "Beta shall pay the Fees to Gamma Trust, 2 Harrison St., San Francisco.",
                "Beta shall pay the Fees to Delta Trust, 2 Harrison St., San Francisco.",
            ),
        ] {
            let a = found(o, n);
            assert!(a.changes.iter().all(|c| c.rule != Rule::AddressChanged), "{o} → {n}: {a:?}");
        }
        // Who is at the address is no part of it, even in a notice.
        let who = found(
            "Notices go to Gamma Trust, 2 Harrison St., San Francisco.",
            "Notices go to Delta Holdings, 2 Harrison St., San Francisco.",
        );
        assert!(who.changes.iter().all(|c| c.rule != Rule::AddressChanged), "{who:?}");
        // A number outside the address is no part of it.
        let count = found("Beta may have 5 Licences at 2 Harrison St.", "Beta may have 10 Licences at 2 Harrison St.");
        assert!(count.changes.iter().all(|c| c.rule != Rule::AddressChanged), "{count:?}");
        // A deadline next to a street is a deadline.
        let days = found(
            "Send the notice to 2 Harrison St within 30 days.",
            "Send the notice to 2 Harrison St within 10 days.",
        );
        assert!(days.changes.iter().all(|c| c.rule != Rule::AddressChanged), "{days:?}");
    }

    #[test]
    fn periods_favour_by_what_they_measure_and_never_guess() {
        // How long a duty lasts: shorter frees the bound party.
        let c = one(
            "Beta shall keep Acme's Confidential Information confidential for five years.",
            "Beta shall keep Acme's Confidential Information confidential for two years.",
        );
        assert_eq!(c.favours, ["beta".to_string()], "{c:?}");
        // How long a grant lasts: shorter keeps more for the grantor.
        let c = one(
            "Acme grants Beta a licence to use the Software for five years.",
            "Acme grants Beta a licence to use the Software for two years.",
        );
        assert_eq!(c.favours, ["acme".to_string()], "{c:?}");
        // A period inside the condition of another party's right: no party.
        let c = one(
            "Acme may terminate this Agreement if Beta fails to pay within 30 days of the due date.",
            "Acme may terminate this Agreement if Beta fails to pay within 10 days of the due date.",
        );
        assert!(c.favours.is_empty() && c.disfavours.is_empty(), "{c:?}");
        // A deadline of the bound party: less time is against it.
        let c = one("Beta shall pay all fees within 30 days.", "Beta shall pay all fees within 10 days.");
        assert_eq!(c.favours, ["acme".to_string()], "{c:?}");
    }

    #[test]
    fn a_trigger_dropped_from_a_condition_is_said_as_dropped() {
        let c = one(
            "Acme may terminate this Agreement if Beta breaches any obligation or misses any delivery date.",
            "Acme may terminate this Agreement if Beta breaches any obligation.",
        );
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::ConditionAdded, ["beta".to_string()].as_slice()));
        assert!(c.message.contains("no longer accepts \"or misses any delivery date\""), "{}", c.message);
    }

    #[test]
    fn a_trigger_before_the_or_that_joins_it_is_one_way_of_many() {
        // The limb dropped or added sits before the "or" ("misses a release date or"):
        // still one way fewer (or more) for Beta to suspend, not a requirement.
        let (short, long) = (
            "Beta may suspend the service if Acme breaches the security policy.",
            "Beta may suspend the service if Acme misses a release date or breaches the security policy.",
        );
        let c = one(long, short);
        assert_eq!(
            (c.rule, c.favours.as_slice()),
            (Rule::ConditionAdded, ["acme".to_string()].as_slice()),
            "{}",
            c.message
        );
        assert!(c.message.contains("no longer accepts \"misses a release date or\""), "{}", c.message);
        let c = one(short, long);
        assert_eq!(
            (c.rule, c.favours.as_slice()),
            (Rule::ConditionRemoved, ["beta".to_string()].as_slice()),
            "{}",
            c.message
        );
    }

    #[test]
    fn an_excuse_from_a_duty_widened_favours_the_party_bound() {
        let (narrow, wide) = (
            "Beta shall install the Equipment within 10 days, unless delayed by a strike.",
            "Beta shall install the Equipment within 10 days, unless delayed by a strike or by Acme.",
        );
        let c = one(narrow, wide);
        assert_eq!(
            (c.rule, c.favours.as_slice()),
            (Rule::ExceptionAdded, ["beta".to_string()].as_slice()),
            "{}",
            c.message
        );
        assert!(c.message.contains("now also covers \"or by Acme\""), "{}", c.message);
        let c = one(wide, narrow);
        assert_eq!(
            (c.rule, c.favours.as_slice()),
            (Rule::ExceptionRemoved, ["acme".to_string()].as_slice()),
            "{}",
            c.message
        );
    }

    #[test]
    fn an_unless_after_an_only_lifts_the_restriction_of_a_right() {
        // "only with Acme's approval" restricts Beta's right; the "unless" relieves Beta of it.
        let (bare, excused) = (
            "Beta may relocate the Equipment only with Acme's approval.",
            "Beta may relocate the Equipment only with Acme's approval, unless the relocation is an emergency.",
        );
        let c = one(excused, bare);
        assert_eq!(c.favours, ["acme".to_string()], "{}", c.message);
        let c = one(bare, excused);
        assert_eq!(c.favours, ["beta".to_string()], "{}", c.message);
        // A plain right: a condition added still narrows it.
        let c = one("Beta may relocate the Equipment.", "Beta may relocate the Equipment unless Acme objects.");
        assert_eq!(c.favours, ["acme".to_string()], "{}", c.message);
    }

    #[test]
    fn a_proviso_on_a_carve_out_qualifies_the_carve_out() {
        let (bare, proviso) = (
            "Beta shall not copy the Manual, except for backup purposes.",
            "Beta shall not copy the Manual, except for backup purposes, provided that Beta labels each copy.",
        );
        // The proviso dropped: Beta may make backups without labelling them.
        let c = one(proviso, bare);
        assert_eq!(
            (c.rule, c.favours.as_slice()),
            (Rule::ConditionRemoved, ["beta".to_string()].as_slice()),
            "{}",
            c.message
        );
        let c = one(bare, proviso);
        assert_eq!(
            (c.rule, c.favours.as_slice()),
            (Rule::ConditionAdded, ["acme".to_string()].as_slice()),
            "{}",
            c.message
        );
        // Another condition after a carve-out may qualify either: no winner.
        let c = one(
            "Beta shall not copy the Manual, except for backup purposes.",
            "Beta shall not copy the Manual, except for backup purposes, when Acme is closed.",
        );
        assert!(c.favours.is_empty() && c.disfavours.is_empty(), "{c:?}");
    }

    #[test]
    fn a_period_after_the_end_of_the_term_lengthens_what_it_follows() {
        // A duty that now runs on after the Term weighs on the party bound.
        let c = one(
            "Acme shall maintain insurance during the Term.",
            "Acme shall maintain insurance during the Term and for two years after it expires.",
        );
        assert_eq!(
            (c.rule, c.favours.as_slice()),
            (Rule::TermExtended, ["beta".to_string()].as_slice()),
            "{}",
            c.message
        );
        // A right cut back to the Term takes from its holder.
        let c = one(
            "Beta may access the portal during the Term and for 30 days after its expiry.",
            "Beta may access the portal during the Term.",
        );
        assert_eq!(
            (c.rule, c.favours.as_slice()),
            (Rule::TermShortened, ["acme".to_string()].as_slice()),
            "{}",
            c.message
        );
        // A grant that runs on favours the grantee.
        let c = one(
            "Acme grants Beta a licence to run the Software during the Term.",
            "Acme grants Beta a licence to run the Software during the Term and for 90 days after its termination.",
        );
        assert_eq!(c.favours, ["beta".to_string()], "{}", c.message);
        // Inside the trigger of a right it names no one.
        let c = one(
            "Acme may audit Beta if Beta resells the Software during the Term.",
            "Acme may audit Beta if Beta resells the Software during the Term and for one year after its end.",
        );
        assert!(c.favours.is_empty() && c.disfavours.is_empty(), "{c:?}");
    }

    #[test]
    fn a_time_reworded_inside_a_trigger_names_no_winner() {
        // "when due" became a time after it is due: one edit of the trigger, not a
        // condition dropped and another added, each crediting a different party.
        let a = found(
            "Beta may suspend support if Acme fails to deliver an update when due.",
            "Beta may suspend support if Acme fails to deliver an update within 20 days after it is due.",
        );
        assert!(a.changes.iter().all(|c| c.favours.is_empty() && c.disfavours.is_empty()), "{:?}", a.changes);
        assert_eq!(a.unexplained.len(), 1, "{a:?}");
    }

    #[test]
    fn a_period_in_a_failure_that_picks_out_what_a_frame_acts_on_names_no_winner() {
        for (old, new) in [
            (
                "Acme may cancel any Order that Beta has not confirmed within 5 days.",
                "Acme may cancel any Order that Beta has not confirmed within 10 days.",
            ),
            (
                "Acme shall replace any Part that fails within 12 months.",
                "Acme shall replace any Part that fails within 24 months.",
            ),
        ] {
            let c = one(old, new);
            assert!(c.favours.is_empty() && c.disfavours.is_empty(), "{new}: {c:?}");
        }
        // The frame's own time still counts.
        let c = one("Acme shall replace any Part within 12 months.", "Acme shall replace any Part within 24 months.");
        assert_eq!(c.favours, ["acme".to_string()], "{}", c.message);
    }

    #[test]
    fn a_condition_whose_words_are_swapped_names_no_winner() {
        let a = found(
            "Acme may publish the case study, provided that Acme informs Beta.",
            "Acme may publish the case study, provided that Beta agrees.",
        );
        assert!(a.changes.iter().all(|c| c.favours.is_empty() && c.disfavours.is_empty()), "{:?}", a.changes);
        assert_eq!(a.unexplained.len(), 1, "{a:?}");
        // A word only made plural beside the words added is no rewording.
        let a = found(
            "If Beta's usage in any Contract Year exceeds the Quota, Beta shall pay the overage fee.",
            "If Beta's usage in any two consecutive Contract Years exceeds the Quota, Beta shall pay the overage fee.",
        );
        let c = a.changes.iter().find(|c| c.rule == Rule::ConditionAdded).expect("condition tightened");
        assert_eq!(c.favours, ["beta".to_string()], "{}", c.message);
    }

    #[test]
    fn a_limb_joined_by_and_that_states_a_failure_is_no_inversion() {
        // "and does not recover …" dropped: Beta's right to withhold needs less.
        let a = found(
            "Beta may withhold payment if Acme misses a milestone and does not recover within 7 days after notice from Beta.",
            "Beta may withhold payment if Acme misses a milestone.",
        );
        assert!(!a.changes.is_empty(), "{a:?}");
        for c in &a.changes {
            assert_eq!(c.favours, ["beta".to_string()], "{}", c.message);
        }
    }

    #[test]
    fn words_added_to_the_time_a_right_applies_narrow_it() {
        // A qualifier added to "the first time …" that conditions Beta's
        // right to a refund: the right applies in fewer cases (favours Acme).
        let c = one(
            "The first time Beta subscribes, if Beta cancels within 30 days, Beta may request a refund.",
            "The first time Beta subscribes through Acme's website, if Beta cancels within 30 days, Beta may request a refund.",
        );
        assert_eq!(
            (c.rule, c.favours.as_slice()),
            (Rule::ConditionAdded, ["acme".to_string()].as_slice()),
            "{}",
            c.message
        );
        // The same words dropped widen it (favours Beta); a duty's time narrowed favours its party.
        let c = one(
            "The first time Beta subscribes through Acme's website, if Beta cancels within 30 days, Beta may request a refund.",
            "The first time Beta subscribes, if Beta cancels within 30 days, Beta may request a refund.",
        );
        assert_eq!(
            (c.rule, c.favours.as_slice()),
            (Rule::ConditionRemoved, ["beta".to_string()].as_slice()),
            "{}",
            c.message
        );
        let c = one(
            "Each time Acme ships an update, Acme shall notify Beta.",
            "Each time Acme ships a major update, Acme shall notify Beta.",
        );
        assert_eq!(
            (c.rule, c.favours.as_slice()),
            (Rule::ConditionAdded, ["acme".to_string()].as_slice()),
            "{}",
            c.message
        );
        // "for the first time" conditions nothing: no condition is said added.
        let a = found(
            "Acme shall deliver the Software to Beta.",
            "Acme shall deliver the Software to Beta for the first time.",
        );
        assert!(a.changes.iter().all(|c| c.rule != Rule::ConditionAdded), "{:?}", a.changes);
    }

    #[test]
    fn a_ceiling_on_what_a_right_allows_favours_its_holder_when_raised() {
        let c = one("Beta may create up to 5 projects.", "Beta may create up to 50 projects.");
        assert_eq!(
            (c.rule, c.favours.as_slice()),
            (Rule::ScopeWidened, ["beta".to_string()].as_slice()),
            "{}",
            c.message
        );
        assert!(c.message.contains("from 5 to 50") && c.message.contains("create up to 50 projects"), "{}", c.message);
        let c = one(
            "Beta may install the Software on no more than 10 devices.",
            "Beta may install the Software on no more than 3 devices.",
        );
        assert_eq!(
            (c.rule, c.favours.as_slice()),
            (Rule::ScopeNarrowed, ["acme".to_string()].as_slice()),
            "{}",
            c.message
        );
        // A grant's ceiling is the grantee's: more copies favour the licensee, not the grantor.
        let c = one(
            "Acme grants Beta a licence to install the Software on up to 5 devices.",
            "Acme grants Beta a licence to install the Software on up to 10 devices.",
        );
        assert_eq!(
            (c.rule, c.favours.as_slice()),
            (Rule::ScopeWidened, ["beta".to_string()].as_slice()),
            "{}",
            c.message
        );
        // A prohibition beyond a ceiling: a higher ceiling frees the party restricted.
        let c = one("Beta shall not make more than 2 copies.", "Beta shall not make more than 4 copies.");
        assert_eq!(
            (c.rule, c.favours.as_slice()),
            (Rule::ScopeWidened, ["beta".to_string()].as_slice()),
            "{}",
            c.message
        );
        // Not a ceiling on the right itself: inside a condition, a floor, or a duty.
        for (old, new) in [
            (
                "Acme may terminate if Beta creates up to 5 projects.",
                "Acme may terminate if Beta creates up to 50 projects.",
            ),
            ("Beta may create at least 5 projects.", "Beta may create at least 50 projects."),
            ("Acme shall deliver up to 5 units.", "Acme shall deliver up to 50 units."),
        ] {
            let a = found(old, new);
            assert!(
                a.changes
                    .iter()
                    .all(|c| !matches!(c.rule, Rule::ScopeWidened | Rule::ScopeNarrowed) && c.favours.is_empty()),
                "{old} → {new}: {:?}",
                a.changes
            );
        }
    }

    #[test]
    fn a_space_moved_inside_a_word_explains_itself() {
        // A broken word mended (or split) is a typo: nothing to report, nothing unexplained.
        let a = found(
            "Acme may assign this Agreement to its affiliates an d successors.",
            "Acme may assign this Agreement to its affiliates and successors.",
        );
        assert!(a.changes.is_empty() && a.unexplained.is_empty(), "{:?} {:?}", a.changes, a.unexplained);
        // A modal joined is left for a reader.
        let a = found("Acme may be liable for the loss.", "Acme maybe liable for the loss.");
        assert!(!a.unexplained.is_empty() || !a.changes.is_empty(), "{:?}", a.changes);
        // Different letters are no typo: "and" → "or" is still read.
        let a = found(
            "Acme may assign this Agreement to its affiliates and successors.",
            "Acme may assign this Agreement to its affiliates or successors.",
        );
        assert!(!a.changes.is_empty() || !a.unexplained.is_empty());
    }

    #[test]
    fn including_but_not_limited_to_is_no_exception() {
        let a = found(
            "Beta shall indemnify Acme against claims arising from the Content.",
            "Beta shall indemnify Acme against claims, including but not limited to claims arising from the Content.",
        );
        assert!(a.changes.iter().all(|c| c.rule != Rule::ExceptionAdded), "{:?}", a.changes);
    }

    #[test]
    fn a_duty_to_be_keeps_its_verb() {
        let c = one("Beta must be at least 18 years old to register. Beta may register.", "Beta may register.");
        assert!(c.message.contains("must be at least 18 years old"), "{}", c.message);
    }

    #[test]
    fn a_grant_narrowed_by_a_condition_or_a_carve_out_favours_its_grantor() {
        for (old, new) in [
            (
                "If Beta pays the fees, Acme grants Beta a licence to use the Software.",
                "If Beta pays the fees and signs the order, Acme grants Beta a licence to use the Software.",
            ),
            (
                "Acme grants Beta a licence to use the Software.",
                "Acme grants Beta a licence to use the Software, except for its source code.",
            ),
            (
                "Acme grants Beta a licence to use the Software.",
                "Acme grants Beta a licence to use the Software unless Beta is in breach.",
            ),
        ] {
            let a = found(old, new);
            assert!(!a.changes.is_empty(), "{new}");
            for c in &a.changes {
                assert!(!c.favours.contains(&"beta".to_string()), "{new}: {} {:?}", c.message, c.favours);
            }
        }
    }

    #[test]
    fn licence_terms_added_are_not_a_scope_that_favours() {
        let a = found(
            "Beta agrees to grant Acme and its providers a license to use the content.",
            "Beta hereby grants Acme a nonexclusive, royalty-free, worldwide license to use the content.",
        );
        let terms = a.changes.iter().find(|c| c.triggers.iter().any(|t| t == "nonexclusive"));
        assert!(terms.is_some_and(|c| c.favours.is_empty()), "{:?}", a.changes);
    }

    #[test]
    fn a_duty_to_be_somewhere_keeps_its_verb_and_preposition() {
        let c = one("Beta must be in Canada to use the service. Beta may register.", "Beta may register.");
        assert!(c.message.contains("Beta must be in Canada to use the service"), "{}", c.message);
    }

    #[test]
    fn an_action_cut_at_the_word_limit_says_so() {
        let c = one(
            "Beta must be over the age of 18 to use the service or have a parent or guardian consent and supervise the use. \
             Beta may register.",
            "Beta may register.",
        );
        assert!(c.message.ends_with("to use the service or have a parent …"), "{}", c.message);
    }

    #[test]
    fn a_licence_keeps_its_list_of_modifiers() {
        let a = found(
            "By uploading files, Beta hereby grants Acme a nonexclusive, royalty-free, worldwide license to use the files.",
            "Beta may upload files.",
        );
        let c = a.changes.iter().find(|c| c.rule == Rule::LicenseRevoked).expect("licence removed");
        assert!(
            c.message.ends_with("grants Acme a nonexclusive, royalty-free, worldwide license to use the files."),
            "{}",
            c.message
        );
    }

    #[test]
    fn what_a_party_need_not_guarantee_runs_through_its_that_clause() {
        let c = one(
            "Acme does not control brokers and therefore cannot guarantee that they will honor requests to delete data.",
            "Acme does not control brokers.",
        );
        assert!(
            c.message.ends_with("Acme need not guarantee that they will honor requests to delete data."),
            "{}",
            c.message
        );
    }

    #[test]
    fn only_if_made_if_names_no_winner() {
        let c = one(
            "Acme shall deliver the Goods only if Beta has paid the deposit.",
            "Acme shall deliver the Goods if Beta has paid the deposit.",
        );
        assert_eq!((c.rule, c.favours.len()), (Rule::ConditionRemoved, 0), "{}", c.message);
        assert!(c.message.contains("plain \"if\""), "{}", c.message);
    }

    #[test]
    fn including_without_limitation_names_no_winner() {
        let a = found(
            "Beta shall indemnify Acme against all claims, including claims for infringement.",
            "Beta shall indemnify Acme against all claims, including without limitation claims for infringement.",
        );
        assert!(a.changes.iter().all(|c| c.favours.is_empty()), "{a:?}");
    }

    #[test]
    fn exclusive_jurisdiction_is_no_exclusive_grant() {
        let a = found(
            "The courts of England have exclusive jurisdiction over any dispute.",
            "The courts of England have non-exclusive jurisdiction over any dispute.",
        );
        assert!(a.changes.iter().all(|c| c.rule != Rule::ExclusivityDropped), "{a:?}");
        assert!(!a.unexplained.is_empty(), "the change is put to review: {a:?}");
    }

    #[test]
    fn a_carve_out_reworded_or_binding_one_party_names_no_winner() {
        for (o, n) in [
            (
                "Beta shall pay Acme $1,000 per month excluding VAT.",
                "Beta shall pay Acme $1,000 per month including VAT.",
            ),
            (
                "Acme shall provide support unless Beta is in breach.",
                "Acme shall provide support until Beta is in breach.",
            ),
            (
                "Either party may terminate this Agreement on 30 days' notice.",
                "Either party may terminate this Agreement on 30 days' notice, except that Beta may not terminate during the first year.",
            ),
        ] {
            let a = found(o, n);
            for c in a
                .changes
                .iter()
                .filter(|c| matches!(c.rule, Rule::ExceptionAdded | Rule::ExceptionRemoved | Rule::ConditionRemoved))
            {
                assert!(c.favours.is_empty() && c.mixed.is_empty(), "{o} → {n}: {c:?}");
            }
        }
    }

    #[test]
    fn a_list_of_two_that_grows_is_a_list() {
        let c = one(
            "Beta may use the Software for testing or evaluation.",
            "Beta may use the Software for testing, evaluation, or resale.",
        );
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::ScopeWidened, ["beta".to_string()].as_slice()));
        // A postal address is not a list of what is covered.
        let a = found(
            "Notices go to Acme at 2 Harrison St, San Francisco, CA.",
            "Notices go to Acme at 149 New Montgomery St, 4th Floor, San Francisco, CA.",
        );
        assert!(a.changes.iter().all(|c| c.rule != Rule::ScopeWidened), "{a:?}");
    }

    #[test]
    fn a_statement_of_ownership_favours_the_owner() {
        let a = found("Beta owns any data it submits. Acme hosts it.", "Acme hosts it.");
        let c = a.changes.iter().find(|c| c.rule == Rule::RightRevoked).expect("ownership removed");
        assert_eq!(c.favours, ["acme".to_string()], "{}", c.message);
        assert!(c.message.contains("Beta owns any data it submits"), "{}", c.message);
        let a = found("Acme hosts it.", "Acme hosts it. Acme retains all title to the Software.");
        assert_eq!(a.changes[0].favours, ["acme".to_string()]);
        // "at Beta's own risk" is no ownership.
        let a = found("Acme hosts it.", "Acme hosts it. Beta uses it at Beta's own risk.");
        assert!(a.changes.iter().all(|c| c.rule != Rule::RightGranted), "{a:?}");
    }

    #[test]
    fn a_cure_period_is_the_time_of_the_party_in_breach() {
        let c = one(
            "Acme may terminate if Beta fails to cure a breach within 30 days after notice.",
            "Acme may terminate if Beta fails to cure a breach within 10 days after notice.",
        );
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::DeadlineShortened, ["acme".to_string()].as_slice()));
        assert!(c.message.starts_with("Cure period shortened"), "{}", c.message);
    }

    #[test]
    fn a_right_of_each_party_kept_by_one_favours_that_one() {
        let a = found("Either party may assign this agreement.", "Acme may assign this agreement.");
        assert!(a.unexplained.is_empty(), "{:?}", a.unexplained);
        assert_eq!(
            (a.changes[0].rule, a.changes[0].favours.clone()),
            (Rule::PartySubstituted, vec!["acme".to_string()])
        );
        // A duty of each party left to one: the other is relieved.
        let a = found("Each party shall keep the records.", "Acme shall keep the records.");
        assert_eq!(
            (a.changes[0].rule, a.changes[0].favours.clone()),
            (Rule::PartySubstituted, vec!["beta".to_string()])
        );
    }

    #[test]
    fn fees_made_refundable_favour_the_payer() {
        let c =
            one("Beta shall pay the fees, which are non-refundable.", "Beta shall pay the fees, which are refundable.");
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::RightGranted, ["beta".to_string()].as_slice()));
        let c =
            one("Beta shall pay the fees, which are refundable.", "Beta shall pay the fees, which are nonrefundable.");
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::RightRevoked, ["acme".to_string()].as_slice()));
        // No payer named, no "you" and "we": the words do not say.
        let c = one("All fees are refundable.", "All fees are non-refundable.");
        assert!(c.favours.is_empty(), "{c:?}");
    }

    #[test]
    fn a_passive_payment_reversed_is_read_as_one() {
        let c = one("All fees shall be paid by Beta to Acme.", "All fees shall be paid by Acme to Beta.");
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::PaymentDirectionReversed, ["beta".to_string()].as_slice()));
    }

    #[test]
    fn a_form_of_writing_burdens_the_party_that_acts() {
        let c = one(
            "Beta shall not disclose the information without the prior approval of Acme.",
            "Beta shall not disclose the information without the prior written approval of Acme.",
        );
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::QualifierAdded, ["acme".to_string()].as_slice()));
        let c = one(
            "Beta may assign this agreement with the consent in writing of Acme.",
            "Beta may assign this agreement with the consent of Acme.",
        );
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::QualifierRemoved, ["beta".to_string()].as_slice()));
        // A request from the other side: its form does not burden the party that returns the data.
        let a = found(
            "Beta shall return the data within 10 days after Acme's request.",
            "Beta shall return the data within 10 days after Acme's written request.",
        );
        assert!(a.changes.iter().all(|c| !c.favours.contains(&"acme".to_string())), "{a:?}");
        // Either party: it binds and benefits each alike.
        let c = one(
            "Either party may assign this agreement with the consent of the other.",
            "Either party may assign this agreement with the written consent of the other.",
        );
        assert!(c.favours.is_empty() && c.mixed == ["acme".to_string(), "beta".to_string()], "{c:?}");
    }

    #[test]
    fn the_six_rows_of_the_issue() {
        let c = one("Beta shall pay Acme all fees within 30 days.", "Acme shall pay Beta all fees within thirty days.");
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::PaymentDirectionReversed, ["beta".to_string()].as_slice()));
        let c = one("Acme grants Beta an exclusive licence.", "Acme grants Beta a non-exclusive licence.");
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::ExclusivityDropped, ["acme".to_string()].as_slice()));
        let c = one("Acme may not charge interest on late payments.", "Acme may charge interest on late payments.");
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::ModalityReversed, ["acme".to_string()].as_slice()));
        let c = one(
            "Acme is not liable for indirect damages, except for breach of confidentiality.",
            "Acme is not liable for indirect damages.",
        );
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::ExceptionRemoved, ["acme".to_string()].as_slice()));
        let c = one(
            "Acme shall use best efforts to deliver.",
            "Acme shall use commercially reasonable efforts to deliver.",
        );
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::EffortsWeakened, ["acme".to_string()].as_slice()));
        let c = one(
            "Beta shall not assign this agreement without consent.",
            "Beta may assign this agreement without consent.",
        );
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::ModalityReversed, ["beta".to_string()].as_slice()));
    }

    /// An efforts standard that goes with its duty, or with the condition that
    /// named it, is not a duty made absolute: the duty or condition removed is
    /// the change, and it favours the party that was bound.
    #[test]
    fn efforts_gone_with_their_duty_are_no_stronger_duty() {
        for (old, new) in [
            ("Beta shall use reasonable efforts to recover the data.", "Beta need not recover the data."),
            (
                "Beta is not liable for outages, provided that Beta uses reasonable efforts to restore service.",
                "Beta is not liable for outages.",
            ),
        ] {
            let a = found(old, new);
            assert!(a.changes.iter().all(|c| c.rule != Rule::EffortsStrengthened), "{new}: {:?}", a.changes);
            assert!(a.changes.iter().any(|c| c.favours == ["beta".to_string()]), "{new}: {:?}", a.changes);
            assert!(a.changes.iter().all(|c| !c.favours.contains(&"acme".to_string())), "{new}: {:?}", a.changes);
            // And the other way: a duty that arrives with its efforts standard is no duty weakened.
            let a = found(new, old);
            assert!(a.changes.iter().all(|c| c.rule != Rule::EffortsWeakened), "{old}: {:?}", a.changes);
            assert!(a.changes.iter().all(|c| !c.favours.contains(&"beta".to_string())), "{old}: {:?}", a.changes);
        }
        // A duty that stays and loses its standard is made absolute.
        let a = found("Beta shall use reasonable efforts to recover the data.", "Beta shall recover the data.");
        let c = a.changes.iter().find(|c| c.rule == Rule::EffortsStrengthened).expect("efforts strengthened");
        assert_eq!(c.favours, ["acme".to_string()]);
    }

    /// Second hunt (multi-frame clauses): a manner set off after a modal is no
    /// list; two periods changed alike say whose each is; a warranty period is
    /// no cap's look-back; a standard traded for a fixed measure names no one.
    #[test]
    fn second_hunt_readings() {
        // "acting in good faith" → "at its discretion": no list item came or went.
        let a = found(
            "Beta may, acting in good faith, withhold any payment.",
            "Beta may, in its sole discretion, withhold any payment.",
        );
        assert!(
            a.changes.iter().all(|c| !matches!(c.rule, Rule::ScopeWidened | Rule::ScopeNarrowed)),
            "{:?}",
            a.changes
        );
        assert!(a.changes.iter().all(|c| !c.favours.contains(&"acme".to_string())), "{:?}", a.changes);
        // Each party's period is its own finding, and says whose it is.
        let a = found(
            "Beta shall install the units within 10 days, and Acme shall inspect them within 10 days.",
            "Beta shall install the units within 5 days, and Acme shall inspect them within 5 days.",
        );
        let msgs: Vec<&str> = a.changes.iter().map(|c| c.message.as_str()).collect();
        assert!(msgs.iter().any(|m| m.contains("Beta's time to install the units")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("Acme's time to inspect them")), "{msgs:?}");
        // A longer warranty before a cap is no cap raised.
        let a = found(
            "Beta warrants the Units for 6 months, and its liability shall not exceed the Price.",
            "Beta warrants the Units for 18 months, and its liability shall not exceed the Price.",
        );
        assert!(a.changes.iter().all(|c| c.rule != Rule::CapRaised), "{:?}", a.changes);
        // The look-back of a cap is still read, and the party capped named from afar.
        let a = found(
            "Beta's aggregate liability arising out of or relating to this Agreement, whether in contract, tort or otherwise, shall not exceed the fees paid in the 12 months before the claim.",
            "Beta's aggregate liability arising out of or relating to this Agreement, whether in contract, tort or otherwise, shall not exceed the fees paid in the 3 months before the claim.",
        );
        let c = a.changes.iter().find(|c| c.rule == Rule::CapLowered).expect("cap lowered");
        assert_eq!(c.favours, ["beta".to_string()]);
        // "reasonable notice" ↔ "14 days' notice": no winner either way.
        for (old, new) in [
            ("Acme may audit Beta's books on reasonable notice.", "Acme may audit Beta's books on 14 days' notice."),
            ("Acme may audit Beta's books on 14 days' notice.", "Acme may audit Beta's books on reasonable notice."),
        ] {
            let a = found(old, new);
            assert!(a.changes.iter().any(|c| c.message.contains("Qualifier replaced")), "{new}: {:?}", a.changes);
            assert!(a.changes.iter().all(|c| c.favours.is_empty()), "{new}: {:?}", a.changes);
        }
    }

    #[test]
    fn ownership_moving_favours_the_new_owner() {
        // "shall own" is the action, not filler ("at its own expense" is).
        let c = one("Acme shall own the Work Product.", "Beta shall own the Work Product.");
        assert_eq!((c.rule, c.favours.clone()), (Rule::PartySubstituted, vec!["beta".to_string()]));
        assert_eq!(c.message, "Beta now owns the Work Product (was Acme).");
        let c = one("Beta owns all rights in the Reports.", "Acme owns all rights in the Reports.");
        assert_eq!(c.favours, ["acme".to_string()]);
        assert!(c.message.starts_with("Acme now owns all rights in the Reports"), "{}", c.message);
        // A licence from the owner to the other party turns with the ownership.
        let c = one(
            "Acme shall own the Reports and grants Beta a licence to use them.",
            "Beta shall own the Reports and grants Acme a licence to use them.",
        );
        assert_eq!(c.favours, ["beta".to_string()]);
        assert_eq!(c.message, "Beta now owns the Reports (was Acme), and the licence now runs from Beta to Acme.");
        // "at its own expense" is still filler before the action.
        let a =
            found("Acme shall at its own expense repair the Units.", "Beta shall at its own expense repair the Units.");
        assert!(a.changes.iter().any(|c| c.message.contains("now must repair the Units")), "{:?}", a.changes);
    }

    #[test]
    fn a_mutual_term_said_once_for_each_party_is_the_same_term() {
        for (mutual, split) in [
            (
                "Each party shall return the other party's samples within the Term.",
                "Acme shall return Beta's samples within the Term, and Beta shall return Acme's samples within the Term.",
            ),
            (
                "Either party may end this Agreement if the other party is dissolved.",
                "Acme may end this Agreement if Beta is dissolved, and Beta may end this Agreement if Acme is dissolved.",
            ),
            (
                "Each party shall keep the other party's plans secret, during the Term and for 2 years after.",
                "Acme shall keep Beta's plans secret, and Beta shall keep Acme's plans secret, during the Term and for 2 years after.",
            ),
        ] {
            for (old, new) in [(mutual, split), (split, mutual)] {
                let a = found(old, new);
                assert!(a.changes.is_empty() && a.unexplained.is_empty(), "{old} / {new}: {a:?}");
                assert_eq!(a.mirrored, 1);
            }
        }
        // One half differs: not the same term, but still nobody took the other's place.
        let a = found(
            "Each party shall return the other party's samples.",
            "Acme shall return Beta's samples within 5 days, and Beta shall return Acme's samples.",
        );
        assert!(a.changes.iter().all(|c| c.rule != Rule::PartySubstituted), "{:?}", a.changes);
        // The halves mirror each other and the mutual sentence says a little more:
        // that is what is left to read, and no party took the other's place.
        let a = found(
            "Acme may end this Agreement if Beta is dissolved, and Beta may end this Agreement if Acme is dissolved.",
            "Either party may end this Agreement if the other party is dissolved under any law.",
        );
        assert!(a.changes.iter().all(|c| c.favours.is_empty()), "{:?}", a.changes);
        assert_eq!(a.unexplained.len(), 1, "{a:?}");
        assert_eq!(a.unexplained[0].words.1, ["under", "any", "law"]);
        // "Neither party may" is not "each party may".
        let a = found(
            "Neither party may assign this Agreement.",
            "Acme may assign this Agreement, and Beta may assign this Agreement.",
        );
        assert!(!a.changes.is_empty() || !a.unexplained.is_empty(), "{a:?}");
    }

    #[test]
    fn notice_is_given_by_whoever_asks_for_a_duty_done_on_notice() {
        // Beta asks for the access: a longer notice burdens Beta.
        let c = one(
            "Acme shall give Beta entry to the Plant on 3 days' notice.",
            "Acme shall give Beta entry to the Plant on 9 days' notice.",
        );
        assert_eq!((c.rule, c.favours.clone()), (Rule::NoticeLengthened, vec!["acme".to_string()]));
        let c = one(
            "Beta shall let Acme test the Units on 4 days' notice.",
            "Beta shall let Acme test the Units on 1 day's notice.",
        );
        assert_eq!(c.favours, ["acme".to_string()]);
        // Named after the notice.
        let c = one(
            "Acme shall open the Plant on 3 days' notice from Beta.",
            "Acme shall open the Plant on 9 days' notice from Beta.",
        );
        assert_eq!(c.favours, ["acme".to_string()]);
        // A duty done on notice from nobody named: the words do not say who gives it.
        let c = one("Acme shall open the Plant on 3 days' notice.", "Acme shall open the Plant on 9 days' notice.");
        assert!(c.favours.is_empty(), "{c:?}");
        // The actor gives the notice of its own right, or the notice it must give.
        let c = one("Acme may end the Order on 3 days' notice.", "Acme may end the Order on 9 days' notice.");
        assert_eq!(c.favours, ["beta".to_string()]);
        let c = one(
            "Acme shall give Beta 30 days' notice of a change.",
            "Acme shall give Beta 60 days' notice of a change.",
        );
        assert_eq!(c.favours, ["beta".to_string()]);
    }

    #[test]
    fn a_way_out_of_a_ban_through_consent_favours_the_party_banned() {
        let c = one(
            "Beta shall not resell the Units in Spain.",
            "Beta shall not resell the Units in Spain without Acme's prior written consent.",
        );
        assert_eq!((c.rule, c.favours.clone()), (Rule::ExceptionAdded, vec!["beta".to_string()]));
        assert_eq!(
            c.message,
            "Exception added: Beta may now resell the Units in Spain with Acme's prior written consent; before, it could not at all."
        );
        let c = one("Acme shall not hire Beta's staff without Beta's approval.", "Acme shall not hire Beta's staff.");
        assert_eq!((c.rule, c.favours.clone()), (Rule::ExceptionRemoved, vec!["beta".to_string()]));
        // A right that now needs consent costs its holder.
        let c = one("Acme may hire subcontractors.", "Acme may hire subcontractors with Beta's written consent.");
        assert_eq!((c.rule, c.favours.clone()), (Rule::ConditionAdded, vec!["beta".to_string()]));
        assert_eq!(c.message, "Condition added: Acme may now hire subcontractors only with Beta's written consent.");
        // A ban lifted into a right with consent is no condition added to a right.
        let a = found("Beta shall not resell the Units.", "Beta may resell the Units with Acme's consent.");
        assert!(a.changes.iter().all(|c| !c.favours.contains(&"acme".to_string())), "{:?}", a.changes);
        // A consent elsewhere in the sentence is not this right's.
        let c = one(
            "Beta may not resell the Units without Acme's consent, and Acme may hire agents.",
            "Beta may not resell the Units without Acme's consent, and Acme may hire agents with Beta's consent.",
        );
        assert_eq!((c.rule, c.favours.clone()), (Rule::ConditionAdded, vec!["beta".to_string()]));
        // A consent that was there before: only its form changed.
        let c = one(
            "Beta shall not resell the Units without Acme's consent.",
            "Beta shall not resell the Units without Acme's written consent.",
        );
        assert_eq!((c.rule, c.favours.clone()), (Rule::QualifierAdded, vec!["acme".to_string()]));
    }

    #[test]
    fn only_before_a_party_confines_the_actor_to_that_party() {
        let a =
            found("Beta shall order the Parts from Acme or its agents.", "Beta shall order the Parts only from Acme.");
        let c = a.changes.iter().find(|c| c.rule == Rule::QualifierAdded).expect("only added");
        assert_eq!(c.favours, ["acme".to_string()]);
        assert_eq!(c.message, "Qualifier added: \"only from Acme\" now rules out any party but Acme.");
        assert!(a.changes.iter().all(|c| !c.favours.contains(&"beta".to_string())), "{:?}", a.changes);
        let c = one("Beta shall order the Parts only from Acme.", "Beta shall order the Parts from Acme.");
        assert_eq!((c.rule, c.favours.clone()), (Rule::QualifierRemoved, vec!["beta".to_string()]));
        // Confined to a place or a way, a duty is not narrowed: whom that favours the words do not say.
        let c = one("Beta shall store the Parts in Spain.", "Beta shall store the Parts only in Spain.");
        assert!(c.favours.is_empty(), "{c:?}");
        // "only" on the duty itself still narrows it.
        let c = one("Beta shall pay the fees.", "Beta shall pay only the fees.");
        assert_eq!(c.favours, ["beta".to_string()]);
    }

    #[test]
    fn equal_meaning_finds_nothing() {
        for (a, b) in [
            ("Pay within 30 days.", "Pay within thirty (30) days."),
            ("The Licence is granted.", "The license is granted."),
            ("Acme shall deliver the goods.", "Acme shall deliver the goods"),
            ("The parties acknowledge the agreement.", "The parties acknowlege the agreement."),
            (
                "You agree to license your code under the licence of the project.",
                "You agree to license your code under the terms of the licence of the project.",
            ),
            ("Use is subject to the Policy.", "Use is subject to the terms and conditions of the Policy."),
        ] {
            for (a, b) in [(a, b), (b, a)] {
                let r = found(a, b);
                assert!(r.changes.is_empty() && r.unexplained.is_empty(), "{a} / {b}: {r:?}");
            }
        }
        // Other words beside "terms of" are still read: a document that changed is
        // no equivalence, and "terms of" not after a word that refers is kept.
        for (a, b) in [
            ("Use is subject to the Policy.", "Use is subject to the terms of the Guidelines."),
            ("Acme shall pay the fees.", "Acme shall pay the terms of the fees."),
        ] {
            let r = found(a, b);
            assert!(!r.changes.is_empty() || !r.unexplained.is_empty(), "{a} / {b}: {r:?}");
        }
    }

    #[test]
    fn moved_sentences_are_moves() {
        let r = found("Acme shall pay. Beta shall ship.", "Beta shall ship. Acme shall pay.");
        assert!(r.changes.is_empty() && r.unexplained.is_empty());
        assert_eq!(r.moved, 1);
    }

    #[test]
    fn quantities_caps_and_deadlines() {
        let c = one(
            "Acme's aggregate liability shall not exceed $5,000.",
            "Acme's aggregate liability shall not exceed $500.",
        );
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::CapLowered, ["acme".to_string()].as_slice()));
        let c = one("Beta shall pay each invoice within 30 days.", "Beta shall pay each invoice within 45 days.");
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::DeadlineExtended, ["beta".to_string()].as_slice()));
        let c = one("Either party may terminate on 30 days' notice.", "Either party may terminate on 60 days' notice.");
        assert_eq!((c.rule, c.favours.len()), (Rule::NoticeLengthened, 0));
    }

    /// Wrong winners and silent downgrades found by a contracts lawyer's review.
    #[test]
    fn directions_a_lawyer_checked() {
        let fav = |o: &str, n: &str| {
            let a = found(o, n);
            a.changes.iter().map(|c| (c.rule, c.favours.clone())).collect::<Vec<_>>()
        };
        let acme = vec!["acme".to_string()];
        let beta = vec!["beta".to_string()];
        // A cap's look-back period is the cap, not a time to act.
        let cap = "Acme's total liability shall not exceed the fees paid by Beta in the 12 months before the claim.";
        assert_eq!(fav(cap, &cap.replace("12", "24")), [(Rule::CapRaised, beta.clone())]);
        // A carve-out from a cap costs the party the cap protects.
        let capped = "Acme's liability shall not exceed $100,000.";
        assert_eq!(
            fav(capped, "Acme's liability shall not exceed $100,000, except for breach of confidentiality."),
            [(Rule::ExceptionAdded, beta.clone())]
        );
        // What Acme charges is paid to Acme.
        assert_eq!(
            fav("Acme may charge Beta a set-up fee of $500.", "Acme may charge Beta a set-up fee of $900."),
            [(Rule::AmountIncreased, acme.clone())]
        );
        // A shorter restriction frees the party restricted.
        assert_eq!(
            fav("Beta shall not compete with Acme for two years.", "Beta shall not compete with Acme for one year."),
            [(Rule::TermShortened, beta.clone())]
        );
        // A disclaimer dropped costs the party it protected.
        let r = fav(
            "Acme shall deliver. Acme cannot guarantee that the Service will be uninterrupted.",
            "Acme shall deliver.",
        );
        assert!(r.iter().all(|(_, f)| *f == beta), "{r:?}");
        // "Neither party shall be liable" → "Beta shall be liable".
        assert_eq!(
            fav("Neither party shall be liable for indirect damages.", "Beta shall be liable for indirect damages.")[0],
            (Rule::ModalityStrengthened, acme.clone())
        );
        // Words a letter apart that change meaning are never a typo.
        for (o, n) in
            [("Neither", "Either"), ("increase", "decrease"), ("inclusive", "exclusive"), ("Indemnitor", "Indemnitee")]
        {
            let r = found(&format!("{o} party may act on the fees."), &format!("{n} party may act on the fees."));
            assert!(!r.unexplained.is_empty() || !r.changes.is_empty(), "{o} → {n} read as equal");
        }
    }

    /// Items added to one list are one change naming them all; a word that
    /// qualifies an item, or opens the sentence, is no item.
    #[test]
    fn list_items_are_one_change_and_only_items_count() {
        let terms = Actors::new([("maker", vec!["Maker", "we", "us"]), ("user", vec!["User", "you", "your"])]);
        let a = analyse(
            "The App is available in Peru, Chile, and Ghana.",
            "The App is available in Benin, Peru, Chile, Kenya, Togo, and Ghana.",
            &terms,
        );
        let scope: Vec<_> = a.changes.iter().filter(|c| c.rule == Rule::ScopeWidened).collect();
        assert_eq!(scope.len(), 1, "{:?}", a.changes);
        assert_eq!(scope[0].favours, ["user".to_string()]);
        assert!(scope[0].message.contains("3 items added to the list: Benin, Kenya and Togo"), "{}", scope[0].message);
        // "certain" qualifies an item: the list neither gains nor loses one.
        let a = found(
            "Sync keeps your tabs, bookmarks, and certain browser preferences.",
            "Sync keeps your tabs, bookmarks, and browser preferences.",
        );
        assert!(a.changes.iter().all(|c| c.rule != Rule::ScopeNarrowed), "{:?}", a.changes);
        assert!(!a.unexplained.is_empty(), "left for review: {a:?}");
        // The conjunction that joined a removed item is not part of its name.
        let a = found(
            "These sections survive: Release and Indemnification, Disclaimer, and Miscellaneous.",
            "These sections survive: Indemnification, Disclaimer, and Miscellaneous.",
        );
        let c = a.changes.iter().find(|c| c.rule == Rule::ScopeNarrowed).expect("scope narrowed");
        assert!(c.message.contains("\"Release\" removed"), "{}", c.message);
        // "Currently," opens the sentence: it is no country.
        let a = analyse(
            "The App is available in Peru, Chile, and Ghana.",
            "Currently, the App is available in Peru, Chile, Kenya, and Ghana.",
            &terms,
        );
        assert!(a.changes.iter().all(|c| !c.message.contains("Currently")), "{:?}", a.changes);
    }

    /// The third hunt (consumer terms): "even if" widens a frame; a condition
    /// moved to the front is no change; two changes alike but for their
    /// parties cut both ways; a condition of a frame that came with it names no
    /// winner; "more than 10 days overdue" is a threshold, not a time to act.
    #[test]
    fn third_hunt_readings() {
        let favoured = |o: &str, n: &str| {
            let r = found(o, n);
            let named: Vec<Vec<String>> =
                r.changes.iter().map(|c| c.favours.clone()).filter(|f| !f.is_empty()).collect();
            (r, named)
        };
        let (_, f) = favoured(
            "Acme is not responsible for delays.",
            "Acme is not responsible for delays, even if Acme is negligent.",
        );
        assert_eq!(f, [["acme"]]);
        let (_, f) = favoured(
            "Acme is not responsible for delays, even if Acme is negligent.",
            "Acme is not responsible for delays.",
        );
        assert_eq!(f, [["beta"]]);
        let (r, f) =
            favoured("Beta must pay the fees.", "Beta must pay the fees even if Beta does not use the Service.");
        assert_eq!(f, [["acme"]], "{:?}", r.changes);
        assert!(r.changes[0].message.contains("Scope widened") && r.unexplained.is_empty(), "{r:?}");

        let r = found(
            "Acme may suspend the Services if Beta fails to pay.",
            "If Beta fails to pay, Acme may suspend the Services.",
        );
        assert!(r.changes.is_empty() && r.unexplained.is_empty(), "{r:?}");
        // Moved to another frame's sentence, it is read.
        let r = found(
            "Acme may suspend the Services if Beta fails to pay.",
            "If Beta fails to pay, Beta must pay interest.",
        );
        assert!(!r.changes.is_empty() || !r.unexplained.is_empty(), "{r:?}");

        let r = found(
            "Acme may terminate on 30 days' notice, and Beta may terminate on 30 days' notice.",
            "Acme may terminate on 60 days' notice, and Beta may terminate on 60 days' notice.",
        );
        assert_eq!(r.changes.len(), 1, "{:?}", r.changes);
        assert!(r.changes[0].favours.is_empty() && r.changes[0].mixed == ["acme", "beta"], "{:?}", r.changes);

        let (r, f) = favoured(
            "Acme will invoice Beta.",
            "Acme will invoice Beta and may invoice Beta again if a payment fails.",
        );
        assert!(f.is_empty(), "{:?}", r.changes);

        let late = |d: u32| format!("Acme may charge a late fee on payments more than {d} days overdue.");
        let (r, f) = favoured(&late(10), &late(30));
        assert_eq!(f, [["beta"]], "{:?}", r.changes);
        assert!(r.changes[0].message.contains("Threshold raised"), "{:?}", r.changes);
        assert_eq!(favoured(&late(30), &late(10)).1, [["acme"]]);
        // "Neither Acme nor Beta" is each party: only Acme is excused now.
        let (r, f) = favoured(
            "Neither Acme nor Beta shall be liable for delays caused by a Force Majeure Event.",
            "Acme shall not be liable for delays caused by a Force Majeure Event.",
        );
        assert_eq!(f, [["acme"]], "{:?}", r.changes);
        // Who acts and how both changed: no winner.
        let (r, f) = favoured("Acme may control the defence.", "Beta will control the defence.");
        assert!(f.is_empty() && r.changes.iter().any(|c| c.message.contains("Who acts and how changed")), "{r:?}");
        // "is Beta's responsibility" is the duty "Beta is responsible for".
        let (r, f) = favoured(
            "Beta is responsible for all activity on its account.",
            "All activity on its account is Beta's responsibility.",
        );
        assert!(f.is_empty(), "{:?}", r.changes);
        // "no more than 10 days after" is a time limit.
        let (_, f) = favoured(
            "Beta shall pay no more than 10 days after delivery.",
            "Beta shall pay no more than 20 days after delivery.",
        );
        assert_eq!(f, [["beta"]]);
    }

    /// Words put into what a party fails to do change what counts as the
    /// failure either way: no winner. An "or" limb of the trigger still reads.
    #[test]
    fn words_inside_a_failure_name_no_winner() {
        for (old, new) in [
            (
                "Beta may terminate this Agreement if Acme fails to deliver the Goods.",
                "Beta may terminate this Agreement if Acme fails to deliver the Goods on time.",
            ),
            (
                "Acme may suspend the Services if Beta fails to collect the Goods.",
                "Acme may suspend the Services if Beta fails to collect the Goods from the depot.",
            ),
        ] {
            for (a, b) in [(old, new), (new, old)] {
                let r = found(a, b);
                assert!(!r.changes.is_empty() || !r.unexplained.is_empty(), "{b}: reported");
                assert!(
                    r.changes.iter().all(|c| c.favours.is_empty() && c.disfavours.is_empty()),
                    "{b}: {:?}",
                    r.changes
                );
            }
        }
        let c = found(
            "Beta may terminate this Agreement if Acme fails to deliver the Goods.",
            "Beta may terminate this Agreement if Acme fails to deliver the Goods on time.",
        );
        assert!(
            c.changes.iter().any(|c| c.message.contains("Condition changed") && c.message.contains("review")),
            "{c:?}"
        );
        // A word that restricts what is failed ("any undisputed amount") means
        // fewer failures: Acme's right to suspend applies less often.
        let r = found(
            "Acme may suspend the Services if Beta fails to pay any amount.",
            "Acme may suspend the Services if Beta fails to pay any undisputed amount.",
        );
        assert!(r.changes.iter().any(|c| c.favours == ["beta".to_string()]), "{:?}", r.changes);
        // A limb: one more way to trigger Beta's right.
        let r = found(
            "Beta may terminate this Agreement if Acme fails to deliver the Goods.",
            "Beta may terminate this Agreement if Acme fails to deliver the Goods or becomes insolvent.",
        );
        assert!(r.changes.iter().any(|c| c.favours == ["beta".to_string()]), "{:?}", r.changes);
    }

    /// An item added to or removed from a list that only illustrates ("such
    /// as", "like", "for example", "e.g.") is an example, not scope: put to
    /// review at substantive, no party named. An "including" list stays scope.
    #[test]
    fn examples_are_not_scope() {
        let terms = Actors::new([("maker", vec!["Maker", "we", "us"]), ("user", vec!["User", "you", "your"])]);
        for (old, new, rule, opener) in [
            (
                "You may also know our sites by nicknames such as BMO, MozWiki, Webmaker, and AMO.",
                "You may also know our sites by nicknames such as BMO, MozWiki, and AMO.",
                Rule::ExampleRemoved,
                "such as",
            ),
            (
                "Other sites, like MozReps and Webmaker, let users arrange events.",
                "Other sites, like MozReps, let users arrange events.",
                Rule::ExampleRemoved,
                "like",
            ),
            (
                "You must not misuse the Service, for example by spamming or scraping.",
                "You must not misuse the Service, for example by spamming, phishing or scraping.",
                Rule::ExampleAdded,
                "for example",
            ),
        ] {
            let a = analyse(old, new, &terms);
            let c = a.changes.iter().find(|c| c.rule == rule).unwrap_or_else(|| panic!("{rule:?}: {:?}", a.changes));
            assert!(c.favours.is_empty() && c.disfavours.is_empty(), "{c:?}");
            assert!(c.message.contains(&format!("(\"{opener}\")")), "{}", c.message);
            assert!(
                a.changes.iter().all(|c| !matches!(c.rule, Rule::ScopeNarrowed | Rule::ScopeWidened)),
                "{:?}",
                a.changes
            );
            assert_eq!(rule.materiality(), crate::rules::Materiality::Substantive);
        }
        // An "including" list sets what is covered: still scope.
        let a = analyse(
            "We may share your data with partners, including advertisers and insurers.",
            "We may share your data with partners, including advertisers, brokers and insurers.",
            &terms,
        );
        assert!(a.changes.iter().any(|c| c.rule == Rule::ScopeWidened), "{:?}", a.changes);
        assert!(a.changes.iter().all(|c| c.rule != Rule::ExampleAdded), "{:?}", a.changes);
    }

    /// Where something is made available widens for the party it is offered
    /// to: the one addressed as "you" by a party speaking as "we".
    #[test]
    fn availability_widened_favours_whom_it_is_offered_to() {
        let terms = Actors::new([("maker", vec!["Maker", "we", "us"]), ("user", vec!["User", "you", "your"])]);
        let old = "The App is available in Peru, Chile, and Ghana.";
        let new = "The App is available in Peru, Chile, Kenya, and Ghana.";
        let a = analyse(old, new, &terms);
        let c = a.changes.iter().find(|c| c.rule == Rule::ScopeWidened).expect("scope widened");
        assert_eq!(c.favours, ["user".to_string()]);
        let a = analyse(new, old, &terms);
        let c = a.changes.iter().find(|c| c.rule == Rule::ScopeNarrowed).expect("scope narrowed");
        assert_eq!(c.favours, ["maker".to_string()]);
        // Items that only moved, and an article, change no scope.
        let a = analyse(
            "The App is available in Peru, Chile, and Ghana.",
            "The App is available in Ghana, the Peru, and Chile.",
            &terms,
        );
        assert!(a.changes.is_empty(), "{:?}", a.changes);
        // Without a "we" and a "you" the words do not say whom it serves.
        let a = found(old, new);
        assert!(a.changes.iter().all(|c| c.favours.is_empty()), "{:?}", a.changes);
        // A list that is not of where something is offered is not read this way.
        let a =
            analyse("The App stores Peru, Chile, and Ghana.", "The App stores Peru, Chile, Kenya, and Ghana.", &terms);
        assert!(a.changes.iter().all(|c| c.favours.is_empty()), "{:?}", a.changes);
    }

    /// A grant costs its grantor even where the grantee is not named as a party.
    #[test]
    fn a_grant_to_an_unnamed_grantee_is_read_from_its_grantor() {
        let fav =
            |o: &str, n: &str| found(o, n).changes.iter().map(|c| (c.rule, c.favours.clone())).collect::<Vec<_>>();
        let (acme, beta) = (vec!["acme".to_string()], vec!["beta".to_string()]);
        let grant = "Beta grants the hosting vendor a worldwide licence to copy the files.";
        assert_eq!(
            fav("Beta shall ship.", &format!("Beta shall ship. {grant}")),
            [(Rule::LicenseGranted, acme.clone())]
        );
        assert_eq!(
            fav(&format!("Beta shall ship. {grant}"), "Beta shall ship."),
            [(Rule::LicenseRevoked, beta.clone())]
        );
        // A named grantee is still the one helped.
        let named = "Beta grants Acme a licence to copy the files.";
        assert_eq!(fav(&format!("Beta shall ship. {named}"), "Beta shall ship."), [(Rule::LicenseRevoked, beta)]);
        assert_eq!(fav("Beta shall ship.", &format!("Beta shall ship. {named}")), [(Rule::LicenseGranted, acme)]);
    }

    #[test]
    fn unexplained_changes_are_kept() {
        let r = found("Acme shall deliver the goods to Beta.", "Acme shall deliver the software to Beta.");
        assert!(r.changes.is_empty());
        assert_eq!(r.unexplained[0].words, (vec!["goods".to_string()], vec!["software".to_string()]));
        let r = found("Acme shall pay USD 5 in cash.", "Acme shall pay $5 in kind.");
        assert_eq!(r.unexplained[0].words, (vec!["cash".to_string()], vec!["kind".to_string()]));
        let r = found("Acme shall deliver.", "Acme shall deliver. The sky is blue.");
        assert_eq!(r.unexplained.len(), 1);
        assert!(r.unexplained[0].old.is_none());
    }

    /// What an indemnity covers narrows or widens: fewer claims covered free
    /// the indemnitor, more weigh on it.
    #[test]
    fn an_indemnity_narrowed_favours_the_indemnitor() {
        let c = one(
            "Beta shall indemnify Acme against all claims.",
            "Beta shall indemnify Acme against third-party claims.",
        );
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::ScopeNarrowed, ["beta".to_string()].as_slice()));
        assert!(c.message.contains("third-party claims"), "{}", c.message);
        let c = one(
            "Beta shall indemnify and hold Acme harmless from third-party claims.",
            "Beta shall indemnify and hold Acme harmless from claims.",
        );
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::ScopeWidened, ["acme".to_string()].as_slice()));
        // What a duty to deliver covers is no indemnity: "conforming goods" is a
        // stricter duty, not a narrower one; the words are left for review.
        let a = found("Acme shall deliver the goods.", "Acme shall deliver conforming goods.");
        assert!(a.changes.iter().all(|c| c.rule != Rule::ScopeNarrowed), "{a:?}");
        // Each party's indemnity cuts both ways.
        let c = one(
            "Each party shall indemnify the other against all claims.",
            "Each party shall indemnify the other against third-party claims.",
        );
        assert!(c.favours.is_empty(), "{c:?}");
    }

    /// A warranty binds its warrantor: given, it favours the other party;
    /// withdrawn or narrowed, the warrantor.
    #[test]
    fn a_warranty_binds_its_warrantor() {
        let fav =
            |o: &str, n: &str| found(o, n).changes.iter().map(|c| (c.rule, c.favours.clone())).collect::<Vec<_>>();
        let (acme, beta) = (vec!["acme".to_string()], vec!["beta".to_string()]);
        let warranty = "Acme warrants that the Software will perform as described in the Documentation.";
        let a = found(&format!("Acme shall deliver. {warranty}"), "Acme shall deliver.");
        assert_eq!(a.changes.len(), 1, "{a:?}");
        assert_eq!((a.changes[0].rule, a.changes[0].favours.clone()), (Rule::ObligationRemoved, acme.clone()));
        let m = &a.changes[0].message;
        assert!(m.contains("Warranty removed") && m.contains("the Software will perform as described"), "{m}");
        assert_eq!(
            fav("Acme shall deliver.", &format!("Acme shall deliver. {warranty}")),
            [(Rule::ObligationAdded, beta)]
        );
        let both = "Acme represents and warrants that it owns the Software.";
        assert_eq!(
            fav(&format!("Acme shall deliver. {both}"), "Acme shall deliver."),
            [(Rule::ObligationRemoved, acme.clone())]
        );
        // Narrowed: the warrantor promises less.
        assert_eq!(
            fav(warranty, &warranty.replace("perform as", "perform substantially as")),
            [(Rule::QualifierAdded, acme)]
        );
        // What is warranted is said once, with the warranty, in full.
        let a = found(
            "Acme shall deliver.",
            "Acme shall deliver. Beta represents and warrants that its content will not infringe any patent and will comply with the guidelines.",
        );
        assert_eq!(a.changes.len(), 1, "{a:?}");
        let m = &a.changes[0].message;
        assert!(m.contains("will not infringe any patent and will comply with the guidelines"), "{m}");
        // A warranty disclaimed is no warranty given.
        let a = found("Acme shall deliver.", "Acme shall deliver. Acme makes no warranties and gives no guarantees.");
        assert!(a.changes.iter().all(|c| c.rule != Rule::ObligationAdded), "{a:?}");
    }

    /// Interest on late amounts is paid by the party that owes them.
    #[test]
    fn late_interest_is_paid_by_the_debtor() {
        let rate = |o: &str| {
            let c = one(o, &o.replace("1.5%", "2%"));
            assert_eq!(c.rule, Rule::RateIncreased, "{o}");
            (c.favours, c.mixed)
        };
        let acme = vec!["acme".to_string()];
        assert_eq!(rate("Late payments by Beta bear interest at 1.5% per month.").0, acme);
        assert_eq!(rate("Amounts owed by Beta that are overdue accrue interest at 1.5% per month.").0, acme);
        assert_eq!(rate("Overdue amounts owed to Acme accrue interest at 1.5% per month.").0, acme);
        assert_eq!(rate("Any amount Beta owes that is overdue bears interest at 1.5% per month.").0, acme);
        // No debtor named, or two: the words do not say.
        assert!(rate("Overdue amounts bear interest at 1.5% per month.").0.is_empty());
        assert!(rate("Amounts owed by Beta or by Acme accrue interest at 1.5% per month.").0.is_empty());
        // Either party's late payments: it cuts both ways.
        let (favours, mixed) = rate("Late payments by either party bear interest at 1.5% per month.");
        assert!(favours.is_empty() && mixed.len() == 2, "{favours:?} {mixed:?}");
    }

    /// Recurring sums compare as run rates: "1.5% per month" → "1.5% per
    /// year" is twelve times less.
    #[test]
    fn a_rate_period_changed_compares_run_rates() {
        let c = one(
            "Beta shall pay Acme interest at 1.5% per month on late amounts.",
            "Beta shall pay Acme interest at 1.5% per year on late amounts.",
        );
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::RateDecreased, ["beta".to_string()].as_slice()));
        assert!(c.message.contains("1.5% per month") && c.message.contains("1.5% per year"), "{}", c.message);
        let c = one("Beta shall pay Acme $1,000 per month.", "Beta shall pay Acme $10,000 per year.");
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::AmountDecreased, ["beta".to_string()].as_slice()));
        let c = one("Beta shall pay Acme $100 a week.", "Beta shall pay Acme $500 monthly.");
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::AmountIncreased, ["acme".to_string()].as_slice()));
        // No payer named: the rate still fell, for no one the words name.
        let c = one("Late amounts bear interest at 1.5% per month.", "Late amounts bear interest at 1.5% per year.");
        assert_eq!((c.rule, c.favours.len()), (Rule::RateDecreased, 0));
        // The same run rate paid at another interval is not read as equal: left for review.
        let a = found("Beta shall pay Acme $1,000 per month.", "Beta shall pay Acme $12,000 per year.");
        assert!(a.changes.is_empty() && !a.unexplained.is_empty(), "{a:?}");
    }

    /// A floor made a ceiling on what the actor must pay or do relieves it.
    #[test]
    fn a_floor_made_a_ceiling_relieves_the_party_bound() {
        let c = one("Beta shall pay Acme at least $5,000 per year.", "Beta shall pay Acme at most $5,000 per year.");
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::AmountDecreased, ["beta".to_string()].as_slice()));
        assert!(c.message.contains("at least USD 5,000") && c.message.contains("at most USD 5,000"), "{}", c.message);
        let c = one(
            "Acme shall give Beta no more than 30 days' notice.",
            "Acme shall give Beta not less than 30 days' notice.",
        );
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::ModalityStrengthened, ["beta".to_string()].as_slice()));
        // A floor on what the actor is paid, or in a condition: the words do not say.
        let c = one("Acme shall charge Beta at least $50.", "Acme shall charge Beta at most $50.");
        assert!(c.favours.is_empty(), "{c:?}");
        let c = one(
            "Acme shall refund the fees if Beta cancels at least 30 days before the start.",
            "Acme shall refund the fees if Beta cancels at most 30 days before the start.",
        );
        assert!(c.favours.is_empty(), "{c:?}");
    }

    /// Sums in two currencies cannot be ordered: no party, and the message says so.
    #[test]
    fn a_currency_changed_names_no_winner() {
        let c = one("Beta shall pay Acme USD 5,000.", "Beta shall pay Acme EUR 5,000.");
        assert_eq!((c.rule, c.favours.len(), c.disfavours.len()), (Rule::CurrencyChanged, 0, 0));
        assert!(c.message.contains("USD 5,000") && c.message.contains("EUR 5,000"), "{}", c.message);
    }

    /// Messages keep the words that carry the meaning.
    #[test]
    fn messages_keep_the_verb_and_its_qualifier() {
        let c = one("Beta may use the Marks.", "Beta must not use the Marks.");
        assert!(c.message.contains("may no longer use the Marks"), "{}", c.message);
        let a = found("Acme shall deliver.", "Acme shall deliver. Beta must not use the Marks.");
        assert!(a.changes[0].message.contains("Beta must not use the Marks"), "{}", a.changes[0].message);
        // "unreasonably" was part of what was forbidden.
        let c = one("Acme shall not unreasonably withhold consent.", "Acme may withhold consent.");
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::ModalityReversed, ["acme".to_string()].as_slice()));
        assert!(c.message.contains("must not unreasonably withhold consent"), "{}", c.message);
    }

    /// An exclusion of liability says what is excluded, never that the party
    /// is no longer liable at all.
    #[test]
    fn a_liability_exclusion_says_what_it_excludes() {
        let a =
            found("Acme shall be liable for damages.", "In no event shall Acme be liable for consequential damages.");
        let c = a.changes.iter().find(|c| c.rule == Rule::ModalityWeakened).expect("weakened");
        assert_eq!(c.favours, ["acme".to_string()]);
        assert_eq!(c.message, "Liability excluded: Acme is no longer liable for consequential damages.");
        let a = found("Acme is liable for all damages.", "Acme is not liable for consequential damages.");
        assert_eq!(a.changes[0].message, "Liability excluded: Acme is no longer liable for consequential damages.");
        let a = found("Acme is not responsible for indirect losses.", "Acme is responsible for indirect losses.");
        assert_eq!(a.changes[0].message, "Liability added: Acme is now responsible for indirect losses.");
        let a = found("Acme shall deliver.", "Acme shall deliver. Acme shall not be liable for consequential damages.");
        assert_eq!(a.changes[0].message, "Protection added: Acme is not liable for consequential damages.");
        let a = found("Acme shall deliver.", "Acme shall deliver. Acme is not responsible for lost data.");
        assert_eq!(a.changes[0].message, "Protection added: Acme is not responsible for lost data.");
        let a = found("Acme shall deliver. Acme shall not be liable for lost profits.", "Acme shall deliver.");
        assert_eq!(a.changes[0].message, "Protection removed: it no longer says Acme is not liable for lost profits.");
    }

    /// One condition added is one finding, however many condition words it opens with.
    #[test]
    fn one_only_if_is_one_condition() {
        let c =
            one("Acme may terminate this Agreement.", "Acme may terminate this Agreement only if Beta breaches it.");
        assert_eq!((c.rule, c.favours.as_slice()), (Rule::ConditionAdded, ["beta".to_string()].as_slice()));
        assert!(c.message.contains("only if Beta breaches it"), "{}", c.message);
        let c = one("Acme shall refund the fees provided that Beta asks.", "Acme shall refund the fees.");
        assert_eq!(c.rule, Rule::ConditionRemoved, "{c:?}");
    }

    #[test]
    fn sentences_added_and_removed() {
        let r = found("Acme shall deliver.", "Acme shall deliver. Beta may audit Acme once a year.");
        assert_eq!((r.changes[0].rule, r.changes[0].favours.clone()), (Rule::RightGranted, vec!["beta".to_string()]));
        let r = found("Acme shall deliver. Beta shall indemnify Acme.", "Acme shall deliver.");
        assert_eq!(
            (r.changes[0].rule, r.changes[0].favours.clone()),
            (Rule::ObligationRemoved, vec!["beta".to_string()])
        );
    }

    /// "grants Beta", "hereby grants to Beta": one grant, however it is worded; and a
    /// grantee changed is no grant added or removed.
    #[test]
    fn a_grant_reworded_is_the_same_grant() {
        for (o, n) in [
            (
                "Beta grants Acme a revocable right to host the uploaded files.",
                "Beta hereby grants to Acme a revocable right to host the uploaded files.",
            ),
            (
                "Acme gives Beta the right to resell the Kits in Spain.",
                "Acme hereby grants to Beta the right to resell the Kits in Spain.",
            ),
        ] {
            let a = found(o, n);
            assert!(a.changes.iter().all(|c| c.favours.is_empty()), "{o} -> {n}: {a:?}");
        }
    }

    /// The same frame in the other voice is no change: a passive's agent ("by Acme")
    /// is its actor, whoever stands before the modal ("Beta's servers").
    #[test]
    fn a_frame_in_the_passive_voice_is_the_same_frame() {
        for (o, n) in [
            (
                "Acme shall maintain Beta's servers every month.",
                "Beta's servers shall be maintained by Acme every month.",
            ),
            (
                "Acme may inspect Beta's warehouse twice a year.",
                "Beta's warehouse may be inspected by Acme twice a year.",
            ),
            ("Beta shall deliver the samples to Acme.", "The samples shall be delivered by Beta to Acme."),
            ("Acme shall refund Beta's deposit on request.", "Beta's deposit shall be refunded by Acme on request."),
            ("Beta grants Acme a right to display the logo.", "Acme is granted by Beta a right to display the logo."),
        ] {
            let a = found(o, n);
            assert!(a.changes.iter().all(|c| c.favours.is_empty()), "{o} -> {n}: {a:?}");
        }
        // A passive's agent is no subject for the frame after "and": the refunds are the remedy.
        let a = found(
            "Refunds shall be issued by Acme to Beta.",
            "Refunds shall be issued by Acme to Beta and shall be Beta's only remedy.",
        );
        assert!(a.changes.iter().all(|c| !c.message.contains("Acme must")), "{a:?}");
        // Who decides, moved from one party to the other in the passive: a power, not a
        // burden shed; the words do not say whom it favours, and the message reads as written.
        let a = found(
            "The rebate shall be calculated by Acme each quarter.",
            "The rebate shall be calculated by Beta each quarter.",
        );
        assert!(a.changes.iter().all(|c| c.favours.is_empty()), "{a:?}");
        assert!(a.changes.iter().all(|c| !c.message.contains("must be calculated by")), "{a:?}");
        // The agent is who acts: a passive frame added binds it, not the subject.
        let r = found("Acme shall deliver.", "Acme shall deliver. Beta's premises may be entered by Acme at night.");
        assert_eq!((r.changes[0].rule, r.changes[0].favours.clone()), (Rule::RightGranted, vec!["acme".to_string()]));
    }

    /// A qualifier inside the condition of a frame narrows the condition, which may
    /// widen the frame or narrow it: no winner.
    #[test]
    fn a_qualifier_inside_a_condition_names_no_winner() {
        let a = found(
            "Beta shall accept the Kits if they pass the tests in all material respects.",
            "Beta shall accept the Kits if they pass the tests in all respects.",
        );
        assert!(a.changes.iter().all(|c| c.favours.is_empty()), "{a:?}");
    }
}
