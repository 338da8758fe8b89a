//! Who must, may or must not do what: actors and deontic frames.

use super::tokens::Word;

/// Who a frame binds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// A party, by key.
    Party(String),
    /// "Either party", "each party", "the parties".
    Mutual,
    /// No party named near the modal verb.
    Unknown,
}

/// The parties of an agreement as the prose names them.
#[derive(Clone, Debug, Default)]
pub struct Actors {
    /// (party key, the phrases naming it, as canonical words).
    names: Vec<(String, Vec<Vec<String>>)>,
    /// How to name each party to a reader.
    display: Vec<String>,
}

impl Actors {
    /// Parties by key with every name, short name and alias they go by.
    /// The first name in each list is the one shown to readers.
    pub fn new<'a>(parties: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>) -> Actors {
        let mut names = Vec::new();
        let mut display = Vec::new();
        for (key, list) in parties {
            display.push(list.first().copied().unwrap_or(key).to_string());
            let mut phrases: Vec<Vec<String>> = Vec::new();
            for n in std::iter::once(key).chain(list) {
                let p: Vec<String> = n.split_whitespace().map(|w| w.trim_matches(',').to_lowercase()).collect();
                if !p.is_empty() && !phrases.contains(&p) {
                    phrases.push(p);
                }
            }
            // Longest phrases first, so "Acme Corp" wins over "Acme".
            phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
            names.push((key.to_string(), phrases));
        }
        Actors { names, display }
    }

    /// The name to show for a party key.
    pub fn display(&self, key: &str) -> String {
        self.names.iter().position(|(k, _)| k == key).map_or_else(|| key.to_string(), |i| self.display[i].clone())
    }

    /// The party named by the words at `i`, with the number of words.
    pub fn at(&self, w: &[Word], i: usize) -> Option<(Actor, usize)> {
        let first = w.get(i)?.norm.as_str();
        if matches!(first, "either" | "each" | "both" | "neither")
            && w.get(i + 1).is_some_and(|x| x.norm.starts_with("part"))
        {
            return Some((Actor::Mutual, 2));
        }
        // "Neither Acme nor Beta shall …", "either you or we may …": each party.
        if matches!(first, "either" | "neither" | "both")
            && let Some((Actor::Party(a), n1)) = self.at(w, i + 1)
            && w.get(i + 1 + n1).is_some_and(|x| matches!(x.norm.as_str(), "or" | "nor" | "and"))
            && let Some((Actor::Party(b), n2)) = self.at(w, i + 2 + n1)
            && a != b
        {
            return Some((Actor::Mutual, 2 + n1 + n2));
        }
        let mut best: Option<(Actor, usize)> = None;
        for (key, phrases) in &self.names {
            for p in phrases {
                let n = p.len();
                if i + n > w.len() || best.as_ref().is_some_and(|(_, m)| *m >= n) {
                    continue;
                }
                let matches = p.iter().enumerate().all(|(k, part)| {
                    let word = w[i + k].norm.as_str();
                    let word = if k + 1 == n { possessive(word) } else { word };
                    word == part
                });
                if matches {
                    best = Some((Actor::Party(key.clone()), n));
                }
            }
        }
        best
    }

    /// Every party's key.
    pub fn keys(&self) -> Vec<String> {
        self.names.iter().map(|(k, _)| k.clone()).collect()
    }

    /// In terms a provider ("we") offers its users ("you"): (we, you) as party
    /// keys, when both are aliases of two different parties.
    pub fn provider_and_user(&self) -> Option<(String, String)> {
        let party = |alias: &str| match self.at(&super::tokens::words(alias), 0) {
            Some((Actor::Party(k), _)) => Some(k),
            _ => None,
        };
        let (we, you) = (party("we")?, party("you")?);
        (we != you).then_some((we, you))
    }

    /// The other party of a two-party agreement.
    pub fn other(&self, key: &str) -> Option<&str> {
        match self.names.as_slice() {
            [(a, _), (b, _)] if a == key => Some(b),
            [(a, _), (b, _)] if b == key => Some(a),
            _ => None,
        }
    }
}

/// "Mozilla's" → "mozilla", "your" stays (an alias on its own).
fn possessive(w: &str) -> &str {
    w.strip_suffix("'s").or_else(|| w.strip_suffix('\'')).unwrap_or(w)
}

/// What a frame does to its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modality {
    /// shall, must, will, agrees to, is required to, is responsible for.
    Obligation,
    /// may, can, is entitled to, has the right to.
    Permission,
    /// shall not, may not, must not, will not, is not permitted to.
    Prohibition,
    /// need not, is not required to, has no obligation to; "is not liable".
    NoDuty,
    /// grants: the actor gives a right (a licence) to someone.
    Grant,
}

impl Modality {
    /// Whether the frame weighs on its actor (a duty or a restriction).
    pub fn burden(self) -> bool {
        matches!(self, Modality::Obligation | Modality::Prohibition)
    }

    /// Whether the frame costs its actor: a duty, a restriction or a grant it
    /// makes (a grant narrowed, by a condition, a carve-out or a qualifier,
    /// favours its grantor, as a duty narrowed favours the party bound).
    pub fn costs_actor(self) -> bool {
        self.burden() || self == Modality::Grant
    }

    /// How an actor stands under it, for messages.
    pub fn phrase(self) -> &'static str {
        match self {
            Modality::Obligation => "must",
            Modality::Permission => "may",
            Modality::Prohibition => "must not",
            Modality::NoDuty => "need not",
            Modality::Grant => "grants",
        }
    }
}

/// One deontic frame: actor + modality + action.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// Who the frame binds.
    pub actor: Actor,
    /// Must, may, must not, need not, or grants.
    pub modality: Modality,
    /// The action's head word ("pay", "assign", "liable").
    pub verb: String,
    /// Word range of the modal phrase, and where the action starts.
    pub modal: (usize, usize),
    /// Where the action starts (a word index).
    pub action: usize,
    /// The party the action is done to or for ("pay Acme", "grants Beta").
    pub object: Option<Actor>,
    /// The words naming the actor, where the sentence names it.
    pub subject: Option<(usize, usize)>,
    /// Read from the passive voice: the actor is the agent after "by", and
    /// the action is the participle ("shall be audited by Beta").
    pub passive: bool,
}

/// Modal phrases, longest first within each start word.
const MODALS: &[(&str, Modality)] = &[
    ("shall have no obligation to", Modality::NoDuty),
    ("will have no obligation to", Modality::NoDuty),
    ("has no obligation to", Modality::NoDuty),
    ("have no obligation to", Modality::NoDuty),
    ("is under no obligation to", Modality::NoDuty),
    ("are under no obligation to", Modality::NoDuty),
    ("shall not be required to", Modality::NoDuty),
    ("will not be required to", Modality::NoDuty),
    ("is not required to", Modality::NoDuty),
    ("are not required to", Modality::NoDuty),
    ("is not obligated to", Modality::NoDuty),
    ("are not obligated to", Modality::NoDuty),
    ("shall not be obligated to", Modality::NoDuty),
    ("will not be obligated to", Modality::NoDuty),
    ("shall not be obliged to", Modality::NoDuty),
    ("will not be obliged to", Modality::NoDuty),
    ("is not obliged to", Modality::NoDuty),
    ("are not obliged to", Modality::NoDuty),
    ("shall not be responsible for", Modality::NoDuty),
    ("will not be responsible for", Modality::NoDuty),
    ("shall not be liable", Modality::NoDuty),
    ("will not be liable", Modality::NoDuty),
    ("is not responsible for", Modality::NoDuty),
    ("are not responsible for", Modality::NoDuty),
    ("is not liable", Modality::NoDuty),
    ("are not liable", Modality::NoDuty),
    ("need not", Modality::NoDuty),
    ("shall not be permitted to", Modality::Prohibition),
    ("is not permitted to", Modality::Prohibition),
    ("are not permitted to", Modality::Prohibition),
    ("is not allowed to", Modality::Prohibition),
    ("are not allowed to", Modality::Prohibition),
    ("is prohibited from", Modality::Prohibition),
    ("are prohibited from", Modality::Prohibition),
    ("is not entitled to", Modality::Prohibition),
    ("are not entitled to", Modality::Prohibition),
    ("has no right to", Modality::Prohibition),
    ("have no right to", Modality::Prohibition),
    ("agrees not to", Modality::Prohibition),
    ("agree not to", Modality::Prohibition),
    ("shall not", Modality::Prohibition),
    ("may not", Modality::Prohibition),
    ("must not", Modality::Prohibition),
    ("will not", Modality::Prohibition),
    ("cannot", Modality::Prohibition),
    ("can not", Modality::Prohibition),
    ("can't", Modality::Prohibition),
    ("won't", Modality::Prohibition),
    ("shall be entitled to", Modality::Permission),
    ("will be entitled to", Modality::Permission),
    ("is entitled to", Modality::Permission),
    ("are entitled to", Modality::Permission),
    ("shall have the right to", Modality::Permission),
    ("will have the right to", Modality::Permission),
    ("has the right to", Modality::Permission),
    ("have the right to", Modality::Permission),
    ("reserves the right to", Modality::Permission),
    ("reserve the right to", Modality::Permission),
    ("is permitted to", Modality::Permission),
    ("are permitted to", Modality::Permission),
    ("is free to", Modality::Permission),
    ("are free to", Modality::Permission),
    ("may", Modality::Permission),
    ("can", Modality::Permission),
    ("shall be required to", Modality::Obligation),
    ("is required to", Modality::Obligation),
    ("are required to", Modality::Obligation),
    ("is obligated to", Modality::Obligation),
    ("are obligated to", Modality::Obligation),
    ("is responsible for", Modality::Obligation),
    ("are responsible for", Modality::Obligation),
    ("is liable", Modality::Obligation),
    ("are liable", Modality::Obligation),
    ("agrees to", Modality::Obligation),
    ("agree to", Modality::Obligation),
    ("undertakes to", Modality::Obligation),
    ("undertake to", Modality::Obligation),
    ("shall", Modality::Obligation),
    ("must", Modality::Obligation),
    ("will", Modality::Obligation),
    ("hereby grants", Modality::Grant),
    ("grants", Modality::Grant),
    ("grant", Modality::Grant),
    ("gives", Modality::Grant),
    ("give", Modality::Grant),
    ("pays", Modality::Obligation),
    ("represents and warrants", Modality::Obligation),
    ("warrants and represents", Modality::Obligation),
    ("warrants", Modality::Obligation),
    ("represent and warrant", Modality::Obligation),
    ("warrant and represent", Modality::Obligation),
    ("warrant", Modality::Obligation),
];

/// Words between a modal and its action that are not the action.
const FILLER: &[&str] = &[
    "be",
    "also",
    "only",
    "promptly",
    "immediately",
    "reasonably",
    "unreasonably",
    "not",
    "then",
    "thereafter",
    "timely",
    "hereby",
    "at",
    "its",
    "their",
    "own",
    "option",
    "expense",
    "cost",
    "sole",
    "discretion",
    "any",
    "all",
    "in",
    "no",
    "event",
    "directly",
    "otherwise",
    "solely",
    "jointly",
    "severally",
];

/// The modal phrases that begin with one word: (words, modality), longest first.
type ModalsByFirstWord = std::collections::HashMap<&'static str, Vec<(Vec<&'static str>, Modality)>>;

/// The modal phrases by their first word, longest first (built once).
static MODAL_INDEX: std::sync::LazyLock<ModalsByFirstWord> = std::sync::LazyLock::new(|| {
    let mut index = ModalsByFirstWord::new();
    for (phrase, m) in MODALS {
        let words: Vec<&str> = phrase.split(' ').collect();
        index.entry(words[0]).or_default().push((words, *m));
    }
    for list in index.values_mut() {
        list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    }
    index
});

/// The modal phrase at word `i`: (modality, words used).
fn modal_at(w: &[Word], i: usize) -> Option<(Modality, usize)> {
    let list = MODAL_INDEX.get(w[i].norm.as_str())?;
    list.iter()
        .find(|(p, _)| i + p.len() <= w.len() && p.iter().enumerate().all(|(k, x)| w[i + k].norm == *x))
        .map(|(p, m)| (*m, p.len()))
}

/// "shall be paid by Beta to Acme", "may be audited by Beta", "shall be
/// provided by Acme to Beta": a passive with its agent after "by" binds the
/// agent, as the same frame in the active voice would ("Beta may audit …").
/// The party acted on is the one after "to", else the subject before the
/// modal ("Acme's records may be audited by Beta": Acme's).
fn passive(w: &[Word], i: usize, n: usize, modality: Modality, actors: &Actors) -> Option<Frame> {
    let mut k = i + n;
    while w.get(k).is_some_and(|x| matches!(x.norm.as_str(), "be" | "promptly" | "only" | "also")) {
        k += 1;
    }
    if !w[i + n..k].iter().any(|x| x.norm == "be") {
        return None;
    }
    let participle = w.get(k)?.norm.as_str();
    let payment = match participle {
        "paid" => Some("pay"),
        "refunded" => Some("refund"),
        "reimbursed" => Some("reimburse"),
        "remitted" => Some("remit"),
        "invoiced" => Some("invoice"),
        "billed" => Some("bill"),
        "charged" => Some("charge"),
        _ => None,
    };
    // A payment names its payer within a few words ("paid in full by Beta");
    // any other passive right after its participle ("audited by Beta").
    let (verb, by) = match payment {
        Some(v) => (v.to_string(), (k + 1..(k + 8).min(w.len())).find(|&j| w[j].norm == "by")?),
        None => (participle_lemma(participle)?, Some(k + 1).filter(|&j| w.get(j).is_some_and(|x| x.norm == "by"))?),
    };
    let (agent, len) = agent_at(w, by + 1, actors)?;
    let payee = (by + 1 + len..(by + 10).min(w.len()))
        .find(|&j| w[j].norm == "to")
        .and_then(|j| actors.at(w, j + 1).map(|(a, _)| a))
        .or_else(|| actor_before(w, i, actors).map(|(a, _, _)| a).filter(|a| *a != agent));
    Some(Frame {
        actor: agent,
        modality,
        verb,
        modal: (i, i + n),
        action: k,
        object: payee,
        subject: Some((by + 1, by + 1 + len)),
        passive: true,
    })
}

/// The agent of a passive at word `k` (after "by"): a party named as such,
/// not a possessive ("bound by Acme's policies" names a policy, not an agent).
fn agent_at(w: &[Word], k: usize, actors: &Actors) -> Option<(Actor, usize)> {
    let (a, len) = actors.at(w, k)?;
    (!w[k + len - 1].norm.ends_with("'s") && !w[k + len - 1].norm.ends_with('\'')).then_some((a, len))
}

/// "Beta is granted by Acme a licence …", "A licence is hereby granted to Beta
/// by Acme": a passive grant, its grantor the agent after "by" (without one,
/// the words do not say who grants, and no frame is read), its grantee the
/// party before "is" or after "to".
fn passive_grant(w: &[Word], i: usize, actors: &Actors) -> Option<Frame> {
    if !matches!(w[i].norm.as_str(), "is" | "are") {
        return None;
    }
    let mut k = i + 1;
    while w.get(k).is_some_and(|x| x.norm == "hereby") {
        k += 1;
    }
    if w.get(k)?.norm != "granted" {
        return None;
    }
    let by = (k + 1..(k + 5).min(w.len())).find(|&j| w[j].norm == "by")?;
    let (grantor, len) = agent_at(w, by + 1, actors)?;
    let before = (i > 0).then(|| actor_before(w, i, actors)).flatten().filter(|(_, at, n)| at + n == i);
    let to = (k + 1..by).find(|&j| w[j].norm == "to").and_then(|j| actors.at(w, j + 1).map(|(a, _)| a));
    let grantee = to.or_else(|| before.as_ref().map(|(a, _, _)| a.clone()));
    Some(Frame {
        actor: grantor,
        modality: Modality::Grant,
        verb: "grant".to_string(),
        modal: (i, k + 1),
        action: by + 1 + len,
        object: grantee,
        subject: Some((by + 1, by + 1 + len)),
        passive: true,
    })
}

/// The verb of a past participle, as the active voice would read it:
/// "audited" → "audit", "provided" → "provide", "notified" → "notify",
/// "submitted" → "submit", "kept" → "keep". `None` for a word that is no
/// participle. A guess for a regular verb may lack a final "e"
/// ("stored" → "store", but "delivered" → "deliver"); `same_verb` allows it.
pub fn participle_lemma(w: &str) -> Option<String> {
    const IRREGULAR: &[(&str, &str)] = &[
        ("paid", "pay"),
        ("kept", "keep"),
        ("given", "give"),
        ("made", "make"),
        ("held", "hold"),
        ("sold", "sell"),
        ("sent", "send"),
        ("done", "do"),
        ("borne", "bear"),
        ("brought", "bring"),
        ("bought", "buy"),
        ("taken", "take"),
        ("told", "tell"),
        ("shown", "show"),
        ("written", "write"),
        ("met", "meet"),
        ("built", "build"),
        ("lent", "lend"),
        ("spent", "spend"),
        ("withheld", "withhold"),
        ("undertaken", "undertake"),
        ("granted", "grant"),
    ];
    if let Some((_, v)) = IRREGULAR.iter().find(|(p, _)| *p == w) {
        return Some((*v).to_string());
    }
    let stem = w.strip_suffix("ed").filter(|s| s.len() >= 2 && s.chars().all(|c| c.is_ascii_lowercase()))?;
    if let Some(s) = stem.strip_suffix('i') {
        return Some(format!("{s}y"));
    }
    let b = stem.as_bytes();
    let last = b[b.len() - 1];
    // "submitted", "transferred": a doubled consonant ("billed", "passed" keep theirs).
    if b.len() >= 3 && last == b[b.len() - 2] && !matches!(last, b'l' | b's' | b'f' | b'z' | b'd' | b'e') {
        return Some(stem[..stem.len() - 1].to_string());
    }
    // "provided", "used", "charged", "issued", "terminated": the "e" the participle dropped.
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let e = match last {
        b'v' | b'z' | b'c' | b'g' | b'u' => !stem.ends_with("ng"),
        b's' => !stem.ends_with("ss"),
        b't' => stem.ends_with("at") && b.len() >= 3 && !vowel(b[b.len() - 3]),
        _ => false,
    };
    Some(if e { format!("{stem}e") } else { stem.to_string() })
}

/// Whether two frame verbs name one action: equal, or one a regular
/// participle's guess without its final "e" ("provid", "provide").
pub fn same_verb(a: &str, b: &str) -> bool {
    a == b || a.strip_suffix('e') == Some(b) || b.strip_suffix('e') == Some(a)
}

/// "It is your responsibility to protect …": a duty of the possessor.
/// "There is no guarantee that …": a disclaimer, which in terms a provider
/// ("we") offers its users ("you") frees the provider.
fn impersonal(w: &[Word], actors: &Actors, out: &mut Vec<Frame>) {
    let norm = |k: usize| w.get(k).map_or("", |x| x.norm.as_str());
    for k in 2..w.len() {
        if norm(k) == "responsibility"
            && norm(k + 1) == "to"
            && matches!(norm(k - 2), "is" | "be")
            && k + 2 < w.len()
            && let Some((actor, _)) = actors.at(w, k - 1)
        {
            out.push(Frame {
                actor,
                modality: Modality::Obligation,
                verb: lemma(&w[k + 2].norm),
                modal: (k - 2, k + 2),
                action: k + 2,
                object: None,
                subject: Some((k - 1, k)),
                passive: false,
            });
        }
        // "All activity on your account is your responsibility": the same duty
        // as "you are responsible for all activity on your account".
        if norm(k) == "responsibility"
            && norm(k + 1) != "to"
            && matches!(norm(k - 2), "is" | "be" | "are" | "remains" | "remain")
            && let Some((actor, 1)) = actors.at(w, k - 1)
        {
            out.push(Frame {
                actor,
                modality: Modality::Obligation,
                verb: "responsible".to_string(),
                modal: (k - 2, k),
                action: k,
                object: None,
                subject: Some((k - 1, k)),
                passive: false,
            });
        }
        if norm(k) == "no" && matches!(norm(k + 1), "guarantee" | "warranty" | "assurance") && norm(k - 1) == "is" {
            let Some((we, _)) = actors.provider_and_user() else { continue };
            let provider = Actor::Party(we);
            out.push(Frame {
                actor: provider,
                modality: Modality::NoDuty,
                verb: lemma(norm(k + 1)),
                modal: (k - 1, k + 1),
                action: k + 1,
                object: None,
                subject: None,
                passive: false,
            });
        }
    }
}

/// The deontic frames of a sentence's words.
pub fn frames(w: &[Word], actors: &Actors) -> Vec<Frame> {
    let mut out = Vec::new();
    impersonal(w, actors, &mut out);
    // The subject of the last state read as no frame ("Acme shall own …"):
    // (where its modal is, the actor, where its name starts, its words).
    let mut stative_subject: Option<(usize, Actor, usize, usize)> = None;
    let mut i = 0;
    while i < w.len() {
        if let Some(f) = passive_grant(w, i, actors) {
            i = f.modal.1;
            out.push(f);
            continue;
        }
        let Some((mut modality, n)) = modal_at(w, i) else {
            i += 1;
            continue;
        };
        // "pays" and "grants" only count with an actor just before them.
        let present = matches!(w[i + n - 1].norm.as_str(), "pays" | "grants" | "grant" | "gives" | "give");
        // "Mozilla does not grant you any rights …": a grant denied is no grant.
        if present && i > 0 && matches!(w[i - 1].norm.as_str(), "not" | "never") {
            i += n;
            continue;
        }
        // "Acme warrants that …": a warranty, only with its warrantor right before it.
        let warrants = w[i..i + n].iter().any(|x| matches!(x.norm.as_str(), "warrants" | "warrant"));
        // "You give Acme the rights necessary …": "give" grants only a right,
        // licence or permission (not "give notice").
        if matches!(w[i].norm.as_str(), "gives" | "give")
            && !w[i + 1..(i + 7).min(w.len())].iter().any(|x| {
                matches!(
                    x.norm.as_str(),
                    "right" | "rights" | "license" | "licenses" | "permission" | "permissions" | "consent"
                )
            })
        {
            i += n;
            continue;
        }
        // "Beta shall pay Acme the fees and is liable for …": a modal right after
        // "and" or "or" shares the subject of the frame before it (Acme there is
        // the object of "pay", not the subject of "is liable").
        // A passive's agent is no subject to share ("shall be credited by Acme
        // and shall be Beta's sole remedy": the credits are the remedy).
        // "Acme shall own the Deliverables and grants Beta a licence": a state
        // read as no frame still gives its subject to the frame after it.
        let conjoined = i > 0 && matches!(w[i - 1].norm.as_str(), "and" | "or");
        let state_last =
            stative_subject.as_ref().is_some_and(|(at, ..)| out.last().is_none_or(|f: &Frame| f.modal.0 < *at));
        let shared = conjoined
            .then(|| {
                if state_last {
                    stative_subject.as_ref().map(|(_, a, k, len)| (a.clone(), *k, *len))
                } else {
                    out.last()
                        .filter(|f| !f.passive)
                        .and_then(|f: &Frame| f.subject.map(|(k, e)| (f.actor.clone(), k, e - k)))
                }
            })
            .flatten();
        let after_passive = conjoined && !state_last && out.last().is_some_and(|f| f.passive);
        let before = if after_passive { None } else { shared.or_else(|| actor_before(w, i, actors)) };
        // "In no event shall Acme be liable": the actor follows the modal. Not
        // for "grants" or "pays", whose actor stands before them ("and grants
        // Beta a licence": Beta is the grantee).
        let (actor, after, subject) = match before {
            Some((a, k, len)) => (Some(a), 0, Some((k, k + len))),
            None if present => (None, 0, None),
            None => actors.at(w, i + n).map_or((None, 0, None), |(a, len)| (Some(a), len, Some((i + n, i + n + len)))),
        };
        // "If Beta pays the Fees, Acme shall …": a present tense inside a
        // condition states the condition, not a duty or a grant.
        let in_condition = present && {
            let mut k = i;
            let mut found = false;
            while k > 0 && i - k < 12 && !w[k].after_break {
                k -= 1;
                if is_condition_word(&w[k].norm) {
                    found = true;
                    break;
                }
            }
            found
        };
        if present && (actor.is_none() || in_condition) {
            i += n;
            continue;
        }
        if warrants
            && !subject.is_some_and(|(_, end)| {
                w[end..i].iter().all(|x| matches!(x.norm.as_str(), "hereby" | "also" | "further"))
            })
        {
            i += n;
            continue;
        }
        // "Fees shall be paid by Beta to Acme", "Acme's records may be audited by
        // Beta": a passive names its actor after "by", whoever the subject is.
        if let Some(f) = passive(w, i, n, modality, actors) {
            out.push(f);
            i += n;
            continue;
        }
        // "pays" is itself the action.
        let action = if w[i].norm == "pays" { i } else { skip_filler(w, i + n + after) };
        // "will continue to provide": the verb after "continue to".
        let action = if w.get(action).is_some_and(|x| x.norm == "continue")
            && w.get(action + 1).is_some_and(|x| x.norm == "to")
        {
            action + 2
        } else {
            action
        };
        // A grant's action is what it gives, not its verb: "grants Beta a licence",
        // "hereby grants to Beta a licence" and "gives Beta the right" are one
        // act, matched across versions by "grant" (the word after the grant
        // word is its grantee or a preposition, which says nothing of the act).
        let verb = if warrants {
            "warrant".to_string()
        } else if modality == Modality::Grant {
            "grant".to_string()
        } else {
            w.get(action).map(|x| lemma(&x.norm)).unwrap_or_default()
        };
        // "will have a licence", "shall remain in force": states, not duties.
        let stative = matches!(
            verb.as_str(),
            "have"
                | "remain"
                | "continue"
                | "receive"
                | "own"
                | "hold"
                | "retain"
                | "include"
                | "apply"
                | "govern"
                | "survive"
                | "become"
                | "mean"
        );
        if verb.is_empty() || stative && matches!(modality, Modality::Obligation) {
            if let (true, Some(a), Some((k, e))) = (stative, actor, subject) {
                stative_subject = Some((i, a, k, e - k));
            }
            i += n;
            continue;
        }
        // "is liable for", "is not responsible for": the modal phrase holds the
        // verb, so that "is liable" and "is not liable" are read as one action
        // ("is responsible for any charges" stays a payment).
        let verb = match w[i..i + n].iter().find(|x| matches!(x.norm.as_str(), "liable" | "responsible")) {
            Some(x) if !super::compare::is_payment(&verb) => x.norm.clone(),
            _ => verb,
        };
        // "In no event shall Acme …", "Under no circumstances will …": negated.
        let norm = |k: usize| w.get(k).map_or("", |x| x.norm.as_str());
        if i >= 2 && norm(i - 1) == "event" && norm(i - 2) == "no"
            || i >= 2 && norm(i - 1) == "circumstances" && norm(i - 2) == "no"
        {
            modality = match modality {
                Modality::Obligation => Modality::Prohibition,
                m => m,
            };
        }
        // "Neither party shall …": no party may.
        if subject.is_some_and(|(k, _)| w[k].norm == "neither") {
            modality = match modality {
                Modality::Obligation | Modality::Permission => Modality::Prohibition,
                m => m,
            };
        }
        // "Acme's liability shall not exceed …": a cap protects the actor.
        if verb == "exceed"
            && modality == Modality::Prohibition
            && (i.saturating_sub(4)..i).any(|k| w[k].norm == "liability")
        {
            modality = Modality::NoDuty;
        }
        // "cannot guarantee", "does not warrant": a disclaimer frees the actor.
        if modality == Modality::Prohibition
            && matches!(verb.as_str(), "guarantee" | "warrant" | "promise" | "ensure" | "control" | "represent")
        {
            modality = Modality::NoDuty;
        }
        // "shall not be liable" frees the actor; "shall be liable" binds it.
        if matches!(verb.as_str(), "liable" | "responsible") && modality == Modality::Prohibition {
            modality = Modality::NoDuty;
        }
        // "To learn more, you can see the Privacy Notice": a pointer for the
        // reader, not a right.
        let pointer = w.windows(2).any(|p| {
            matches!(
                (p[0].norm.as_str(), p[1].norm.as_str()),
                ("learn", "more") | ("more", "information") | ("more", "about")
            )
        });
        if modality == Modality::Permission
            && (verb == "learn" || pointer && matches!(verb.as_str(), "see" | "read" | "visit" | "find"))
        {
            i += n;
            continue;
        }
        // The party acted on: after the verb ("pay Acme"), or for a grant right
        // after it ("grants Beta a licence").
        let first = if modality == Modality::Grant { action } else { action + 1 };
        let object = (first..(action + 4).min(w.len())).find_map(|k| actors.at(w, k).map(|(a, _)| a));
        out.push(Frame {
            actor: actor.unwrap_or(Actor::Unknown),
            modality,
            verb,
            modal: (i, i + n),
            action,
            object,
            subject,
            passive: false,
        });
        i += n;
    }
    out.sort_by_key(|f| f.modal.0);
    out
}

fn skip_filler(w: &[Word], mut k: usize) -> usize {
    while k < w.len() && FILLER.contains(&w[k].norm.as_str()) {
        // "at its own expense": "own" is filler after a possessive; "shall own
        // the Deliverables" is the action.
        if w[k].norm == "own" && !(k > 0 && is_possessive(&w[k - 1].norm)) {
            break;
        }
        k += 1;
    }
    k
}

/// "its", "their", "Beta's": a word that owns what follows it.
fn is_possessive(w: &str) -> bool {
    matches!(w, "its" | "their" | "his" | "her" | "your" | "our" | "my") || w.ends_with("'s") || w.ends_with('\'')
}

/// The nearest party named before the modal, within the same clause of the sentence.
fn actor_before(w: &[Word], i: usize, actors: &Actors) -> Option<(Actor, usize, usize)> {
    let from = i.saturating_sub(8);
    let mut found = None;
    for k in (from..i).rev() {
        // "necessary to our services and cannot be …": a party after a
        // preposition is its object, not the subject of the modal.
        let object_of_preposition = k > 0
            && matches!(
                w[k - 1].norm.as_str(),
                "to" | "of"
                    | "for"
                    | "with"
                    | "in"
                    | "on"
                    | "from"
                    | "under"
                    | "through"
                    | "into"
                    | "about"
                    | "against"
                    | "at"
            );
        if let Some((a, n)) = actors.at(w, k)
            && k + n <= i
            && !object_of_preposition
        {
            // "Neither Acme nor Beta shall": the last party named is part of a pair.
            let pair = (k.saturating_sub(6)..k).find_map(|j| {
                actors.at(w, j).filter(|(b, m)| *b == Actor::Mutual && j + m == k + n).map(|(b, m)| (b, j, m))
            });
            found = Some(pair.unwrap_or((a, k, n)));
            break;
        }
        // The subject stands in the same clause as its modal ("Acme cannot
        // guarantee that the Service will …": "will" is not Acme's).
        if w[k].after_break
            || matches!(w[k].norm.as_str(), "that" | "which" | "who" | "whether" | "if" | "unless" | "when")
        {
            break;
        }
    }
    found
}

/// Words that open a condition ("if Beta pays", "once the Goods are
/// accepted", "provided that …"): what follows them in their clause is the
/// condition, not a term of the frame it governs.
pub fn is_condition_word(w: &str) -> bool {
    matches!(w, "if" | "unless" | "when" | "whenever" | "provided" | "once" | "after" | "until" | "where" | "upon")
}

/// A crude lemma: "pays" → "pay", "grants" → "grant"; "process" stays.
pub fn lemma(w: &str) -> String {
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::words;
    use super::*;

    fn acme_beta() -> Actors {
        Actors::new([("acme", vec!["Acme Corp", "Acme"]), ("beta", vec!["Beta", "Customer", "you"])])
    }

    fn one(s: &str) -> Frame {
        let f = frames(&words(s), &acme_beta());
        assert_eq!(f.len(), 1, "{s}: {f:?}");
        f.into_iter().next().unwrap()
    }

    #[test]
    fn modalities_actors_and_objects() {
        let f = one("Beta shall pay Acme all fees within 30 days");
        assert_eq!((f.actor, f.modality, f.verb.as_str()), (Actor::Party("beta".into()), Modality::Obligation, "pay"));
        assert_eq!(f.object, Some(Actor::Party("acme".into())));
        assert_eq!(one("Acme may not charge interest").modality, Modality::Prohibition);
        assert_eq!(one("Acme may charge interest").modality, Modality::Permission);
        assert_eq!(one("Customer shall not assign this agreement").actor, Actor::Party("beta".into()));
        assert_eq!(one("Acme is not liable for indirect damages").modality, Modality::NoDuty);
        assert_eq!(one("In no event shall Acme be liable for lost profits").modality, Modality::NoDuty);
        assert_eq!(one("Acme's liability shall not exceed $500").verb, "exceed");
        assert_eq!(one("Either party may terminate this agreement").actor, Actor::Mutual);
        assert_eq!(one("Acme grants Beta an exclusive licence").modality, Modality::Grant);
        assert_eq!(one("You need not renew").modality, Modality::NoDuty);
        // "Shall not be obligated to" lifts a duty; it does not forbid (read as "shall not", it would).
        for s in [
            "Acme shall not be obligated to refund any fees",
            "Acme will not be obliged to refund any fees",
            "Acme shall not be responsible for lost data",
            "Acme shall not be liable for indirect damages",
        ] {
            assert_eq!(one(s).modality, Modality::NoDuty, "{s}");
        }
    }

    #[test]
    fn a_pointer_for_the_reader_is_not_a_right() {
        assert!(frames(&words("To learn more, Beta can see the notice"), &acme_beta()).is_empty());
        assert!(frames(&words("For more information, Beta may read the policy"), &acme_beta()).is_empty());
        // Without a pointer phrase, seeing or visiting can be a right (an audit).
        assert_eq!(one("Beta may visit the data centres to audit them").modality, Modality::Permission);
        assert_eq!(one("Beta may use the Software").modality, Modality::Permission);
    }

    #[test]
    fn a_passive_payment_names_its_payer_after_by() {
        let f = one("All fees shall be paid by Beta to Acme within 30 days");
        assert_eq!((f.actor, f.modality, f.verb.as_str()), (Actor::Party("beta".into()), Modality::Obligation, "pay"));
        assert_eq!(f.object, Some(Actor::Party("acme".into())));
        let f = one("Unused fees will be refunded by Acme to Customer");
        assert_eq!(
            (f.actor, f.verb.as_str(), f.object),
            (Actor::Party("acme".into()), "refund", Some(Actor::Party("beta".into())))
        );
        // No agent named: the words do not say who pays.
        assert!(
            frames(&words("All fees shall be paid within 30 days"), &acme_beta())
                .iter()
                .all(|f| f.actor == Actor::Unknown)
        );
    }

    #[test]
    fn a_party_after_a_preposition_is_not_the_subject() {
        let fs = frames(&words("These are necessary to Acme's services and cannot be refused"), &acme_beta());
        assert!(fs.iter().all(|f| f.actor == Actor::Unknown), "{fs:?}");
        assert_eq!(one("Once paid to Acme, the fees of Beta shall not be refunded").actor, Actor::Unknown);
        assert_eq!(one("Upon notice to Acme, Beta may terminate").actor, Actor::Party("beta".into()));
    }

    #[test]
    fn an_impersonal_duty_and_a_disclaimer_name_their_party() {
        let f = one("All charges on the account are Beta's responsibility");
        assert_eq!(
            (f.actor, f.modality, f.verb.as_str()),
            (Actor::Party("beta".into()), Modality::Obligation, "responsible")
        );
        let f = one("It is Beta's responsibility to protect its passwords");
        assert_eq!(
            (f.actor, f.modality, f.verb.as_str()),
            (Actor::Party("beta".into()), Modality::Obligation, "protect")
        );
        let provider = Actors::new([("mozilla", vec!["Mozilla", "we", "us"]), ("user", vec!["User", "you", "your"])]);
        let fs = frames(&words("There is no guarantee that the records are complete"), &provider);
        assert_eq!(fs.len(), 1, "{fs:?}");
        assert_eq!((fs[0].actor.clone(), fs[0].modality), (Actor::Party("mozilla".into()), Modality::NoDuty));
        // Between two named parties, nobody is the provider: the words do not say whose it is.
        assert!(frames(&words("There is no guarantee that the records are complete"), &acme_beta()).is_empty());
    }

    #[test]
    fn a_warranty_needs_its_warrantor_right_before_it() {
        for s in ["Acme warrants that the Software works", "You hereby represent and warrant that you are an adult"] {
            let f = frames(&words(s), &acme_beta());
            assert_eq!((f[0].modality, f[0].verb.as_str()), (Modality::Obligation, "warrant"), "{s}");
        }
        for s in ["Acme does not warrant that the Software works", "Acme shall not warrant the results"] {
            assert!(frames(&words(s), &acme_beta()).iter().all(|f| f.modality != Modality::Obligation), "{s}");
        }
    }

    #[test]
    fn owning_is_a_state_whose_subject_a_grant_after_it_shares() {
        let f = one("Acme shall own the Reports and grants Beta a licence to use them");
        assert_eq!(
            (f.actor, f.modality, f.object),
            (Actor::Party("acme".into()), Modality::Grant, Some(Actor::Party("beta".into())))
        );
        // Without a grantor before it, the grantee after "grants" is no grantor.
        assert!(frames(&words("The Reports hereby grants Beta a licence"), &acme_beta()).is_empty());
        assert_eq!(one("Acme shall at its own cost repair the Units").verb, "repair");
        // A grant denied is no grant.
        assert!(frames(&words("Acme does not grant Beta any rights in the Software"), &acme_beta()).is_empty());
    }

    #[test]
    fn giving_a_right_is_a_grant_and_giving_notice_is_not() {
        let f = one("Beta gives Acme the rights needed to host the files");
        assert_eq!((f.actor, f.modality), (Actor::Party("beta".into()), Modality::Grant));
        assert!(frames(&words("Beta gives Acme a copy of each invoice"), &acme_beta()).is_empty());
        assert_eq!(one("Beta shall give Acme written notice").modality, Modality::Obligation);
    }

    #[test]
    fn a_participle_gives_its_verb() {
        for (p, v) in [
            ("audited", "audit"),
            ("provided", "provide"),
            ("notified", "notify"),
            ("submitted", "submit"),
            ("billed", "bill"),
            ("used", "use"),
            ("charged", "charge"),
            ("terminated", "terminate"),
            ("kept", "keep"),
        ] {
            let lemma = participle_lemma(p).unwrap_or_default();
            assert!(same_verb(&lemma, v), "{p}: {lemma}");
        }
        assert_eq!(participle_lemma("records"), None);
        assert!(same_verb("stor", "store") && !same_verb("audit", "audits"));
        let f = one("Beta's records may be audited by Acme");
        assert_eq!(
            (f.actor, f.verb.as_str(), f.object),
            (Actor::Party("acme".into()), "audit", Some(Actor::Party("beta".into())))
        );
        // "bound by Acme's policies": a possessive after "by" is no agent.
        assert_eq!(one("Beta shall be bound by Acme's policies").actor, Actor::Party("beta".into()));
    }
}
